import { formKeys } from '../../app/formKeys';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Form, Input, Modal, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { ValidationError } from '../../../src-shared/errors';
import { maskPhone } from '../../../src-shared/privacy/mask';
import type { AnyRepository, RecordView } from '../../../src-shared/repository/collectionRepository';
import { UNIT_COLUMNS } from '../../../src-shared/table/columns';
import { errorText } from '../../app/errorText';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { ImportWizard } from '../import/ImportWizard';

type Row = RecordView<Record<string, unknown>> & { name: string };

/** A small editable table of one record type: add, edit, delete (with restore from the deleted view). */
function RecordListEditor(props: {
  repo: AnyRepository;
  fields: { name: string; label: string; kind?: 'select'; options?: string[]; required?: boolean; personal?: boolean }[];
  extraToolbar?: React.ReactNode;
}) {
  const { message, modal } = AntApp.useApp();
  const [showDeleted, setShowDeleted] = useState(false);
  const rows = useLiveList(props.repo, { onlyDeleted: showDeleted }) as unknown as Row[];
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [form] = Form.useForm();
  const label = props.repo.definition.label;

  const save = (values: Record<string, unknown>) => {
    try {
      if (editing === 'new') props.repo.create(values as never);
      else if (editing) props.repo.update(editing.id, values as never);
      setEditing(null);
      void message.success('已保存');
    } catch (error) {
      if (error instanceof ValidationError) form.setFields(error.problems.map((p) => ({ name: p.field || 'name', errors: [`${p.label}：${p.message}`] })));
      else void message.error(errorText(error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing('new'); }}>新增{label}</Button>
        {props.extraToolbar}
        <Button onClick={() => setShowDeleted((v) => !v)}>{showDeleted ? '返回列表' : '已删除的'}</Button>
      </Space>
      <Table<Row>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        columns={[
          ...props.fields.map((f) => ({ title: f.label, key: f.name, render: (_: unknown, r: Row) => (f.personal ? maskPhone(String(r[f.name] ?? '')) : String(r[f.name] ?? '')) })),
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r: Row) =>
              showDeleted ? (
                <a onClick={() => props.repo.restore(r.id)}>恢复</a>
              ) : (
                <Space>
                  <a onClick={() => { form.setFieldsValue(r); setEditing(r); }}>编辑</a>
                  <a onClick={() => modal.confirm({ title: `删除「${r.name}」？`, content: '删除后可在“已删除的”中恢复。', okText: '删除', cancelText: '取消', okButtonProps: { danger: true }, onOk: () => props.repo.delete(r.id) })}>删除</a>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? `新增${label}` : `编辑${label}`} okText="保存" cancelText="取消" onCancel={() => setEditing(null)} onOk={() => form.submit()} forceRender>
        <Form form={form} layout="vertical" onFinish={save} onKeyDown={formKeys(() => form.submit())}>
          {props.fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} rules={f.required ? [{ required: true, whitespace: true, message: `请填写${f.label}` }] : []}>
              {f.kind === 'select' ? <Select allowClear options={(f.options ?? []).map((o) => ({ value: o, label: o }))} /> : <Input aria-label={f.label} />}
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Space>
  );
}

/** 驻区单位 and 志愿服务队. */
export function UnitsPage() {
  const { store } = useSession();
  const [importing, setImporting] = useState(false);
  const unitRepo = store.repos.residentUnits as unknown as AnyRepository;
  return (
    <Tabs
      items={[
        {
          key: 'units',
          label: '驻区单位',
          children: (
            <>
              <RecordListEditor
                repo={unitRepo}
                extraToolbar={<Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入Excel/CSV</Button>}
                fields={[
                  { name: 'name', label: '单位名称', required: true },
                  { name: 'unitType', label: '单位类型', kind: 'select', options: [...store.settings.list('unitTypes')] },
                  { name: 'partyOrg', label: '单位党组织' },
                  { name: 'contactName', label: '联系人' },
                  { name: 'contactPhone', label: '联系电话', personal: true },
                  { name: 'committeeMember', label: '兼职委员' },
                  { name: 'address', label: '地址' },
                ]}
              />
              {importing && (
                <ImportWizard
                  onClose={() => setImporting(false)}
                  target={{
                    label: '驻区单位',
                    repo: unitRepo,
                    columns: UNIT_COLUMNS,
                    templateColumns: UNIT_COLUMNS,
                    templateExample: { name: '福州市某某医院', unitType: '医院', partyOrg: '福州市某某医院党委', contactName: '李四', contactPhone: '0591-87654321' },
                    allowed: { unitType: store.settings.list('unitTypes') },
                    options: {},
                  }}
                />
              )}
            </>
          ),
        },
        {
          key: 'teams',
          label: '志愿服务队',
          children: (
            <RecordListEditor
              repo={store.repos.volunteerTeams as unknown as AnyRepository}
              fields={[
                { name: 'name', label: '队名', required: true },
                { name: 'service', label: '服务类别', kind: 'select', options: [...store.settings.list('serviceTeams')] },
                { name: 'leaderName', label: '队长' },
                { name: 'leaderPhone', label: '队长电话', personal: true },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
