import { App as AntApp, Button, Checkbox, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Tabs, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { ValidationError } from '../../../src-shared/errors';
import { people, PERSON_ROLES, SIX_ONES, partyAge, orgNodeKindLabel, type OrgTreeNode, type PersonRole } from '../../../src-shared/records';
import { parseIdNumber } from '../../../src-shared/records/person/idNumber';
import { formKeys } from '../../app/formKeys';
import { maskIdNumber, maskPhone } from '../../../src-shared/privacy/mask';
import { errorText } from '../../app/errorText';
import { HistoryTimeline } from '../../app/HistoryTimeline';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import type { Person } from './rosterModel';

const dateItem = {
  getValueProps: (value: string) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: dayjs.Dayjs | null) => (value ? value.format('YYYY-MM-DD') : ''),
};

/** The form's check of a typed ID number (a masked number on screen is the stored one, not an edit). */
function checkIdNumber(value: string | undefined): Promise<void> {
  const text = String(value ?? '').trim();
  if (!text || text.includes('*')) return Promise.resolve();
  const id = parseIdNumber(text);
  return id.ok ? Promise.resolve() : Promise.reject(new Error(`公民身份号码${id.message}`));
}

export function orgTreeOptions(nodes: OrgTreeNode[]): { value: string; title: string; children: ReturnType<typeof orgTreeOptions> }[] {
  return nodes.map(({ node, children }) => ({ value: node.id, title: `${node.name}（${orgNodeKindLabel(node.kind)}）`, children: orgTreeOptions(children) }));
}

/** Create or edit one person: every role's fields, personal data masked until revealed, and the record's history. */
export function PersonDrawer({ person, defaultRole, onClose }: { person?: Person; defaultRole: PersonRole; onClose(): void }) {
  const { store } = useSession();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm();
  const [revealed, setRevealed] = useState(false);
  const roles: PersonRole[] = Form.useWatch('roles', form) ?? person?.roles ?? [defaultRole];
  const teams = useLiveList(store.repos.volunteerTeams);
  const orgOptions = useMemo(() => orgTreeOptions(store.orgTree.tree()), [store]);
  const list = (key: Parameters<typeof store.settings.list>[0]) => store.settings.list(key).map((v) => ({ value: v, label: v }));
  const labels = people.fieldLabels as Record<string, string>;
  const personal = !!person && !revealed;

  /** A typed ID number is checked as it changes: its error clears once it is right, and it fills in sex and birth date. */
  const onValuesChange = (changed: Record<string, unknown>) => {
    const touched = Object.keys(changed).filter((k) => form.getFieldError(k).length > 0 && k !== 'idNumber');
    if (touched.length > 0) form.setFields(touched.map((name) => ({ name, errors: [] })));
    if ('idNumber' in changed) {
      const text = String(changed.idNumber ?? '').trim();
      const id = text && !text.includes('*') ? parseIdNumber(text) : undefined;
      if (id?.ok) {
        form.setFieldsValue({ gender: id.gender, birthDate: id.birthDate });
        form.setFields([{ name: 'gender', errors: [] }, { name: 'birthDate', errors: [] }]);
      }
      if (form.getFieldError('idNumber').length > 0 || id?.ok) void form.validateFields(['idNumber']).catch(() => undefined);
    }
  };

  const remove = () => {
    if (!person) return;
    modal.confirm({
      title: `删除「${person.name}」？`,
      content: '删除后可在名册中打开“已删除”开关恢复，修改记录会保留。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => {
        try {
          store.repos.people.delete(person.id);
          void message.success(`已删除「${person.name}」`);
          onClose();
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });
  };

  const restore = () => {
    if (!person) return;
    try {
      store.repos.people.restore(person.id);
      void message.success(`已恢复「${person.name}」`);
      onClose();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const save = (values: Record<string, unknown>) => {
    const sixOnes = Object.fromEntries(SIX_ONES.map((k) => [k, String((values[`six:${k}`] as string) ?? '')]).filter(([, v]) => v !== ''));
    const input = Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith('six:')));
    // Masked values on screen are not edits: keep the stored ones.
    if (personal && person?.idNumber) delete input.idNumber;
    if (personal && person?.phone) delete input.phone;
    try {
      if (person) store.repos.people.update(person.id, { ...input, sixOnes } as never);
      else store.repos.people.create({ ...input, sixOnes } as never);
      void message.success(`已保存「${String(values.name)}」`);
      onClose();
    } catch (error) {
      if (error instanceof ValidationError) {
        form.setFields(error.problems.map((p) => ({ name: p.field || 'name', errors: [`${p.label}：${p.message}`] })));
        void message.error(error.message);
      } else void message.error(errorText(error));
    }
  };

  const reveal = () =>
    modal.confirm({
      title: '查看完整身份证号和电话？',
      content: '查看记录会写入该人员的修改记录（个人信息保护法）。',
      okText: '查看',
      cancelText: '取消',
      onOk: () => {
        if (!person) return;
        store.repos.people.logReveal(person.id, '查看完整身份证号和联系电话');
        form.setFieldsValue({ idNumber: person.idNumber, phone: person.phone });
        setRevealed(true);
      },
    });

  const initial = person
    ? {
        ...person,
        idNumber: maskIdNumber(person.idNumber),
        phone: maskPhone(person.phone),
        ...Object.fromEntries(SIX_ONES.map((k) => [`six:${k}`, person.sixOnes[k] ?? ''])),
      }
    : { roles: [defaultRole], category: defaultRole === '党员' ? '正式党员' : '', partyStatus: defaultRole === '党员' ? '正常' : '', tags: [], volunteerTeamIds: [] };
  const history = person ? store.repos.people.history(person.id) : [];
  const age = person && roles.includes('党员') ? partyAge(person.confirmDate, today()) : undefined;

  const fields = (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={save} onValuesChange={onValuesChange} onKeyDown={formKeys(() => form.submit())}>
      <Row gutter={12}>
        <Col span={8}><Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}><Input aria-label="姓名" /></Form.Item></Col>
        <Col span={16}><Form.Item name="roles" label="角色"><Checkbox.Group options={[...PERSON_ROLES]} /></Form.Item></Col>
        <Col span={12}>
          <Form.Item
            name="idNumber"
            label="公民身份号码"
            validateTrigger={['onBlur']}
            rules={[{ validator: (_, value: string) => checkIdNumber(value) }]}
            extra={personal ? <Button size="small" type="link" onClick={reveal}>查看完整号码</Button> : '填写后自动得出出生日期和性别'}
          >
            <Input aria-label="公民身份号码" disabled={personal && !!person?.idNumber} />
          </Form.Item>
        </Col>
        <Col span={12}><Form.Item name="phone" label="联系电话"><Input aria-label="联系电话" disabled={personal && !!person?.phone} /></Form.Item></Col>
        <Col span={6}><Form.Item name="gender" label="性别"><Select aria-label="性别" allowClear options={[{ value: '男', label: '男' }, { value: '女', label: '女' }]} /></Form.Item></Col>
        <Col span={6}><Form.Item name="ethnicity" label="民族"><Select aria-label="民族" showSearch allowClear options={list('ethnicities')} /></Form.Item></Col>
        <Col span={6}><Form.Item name="birthDate" label="出生日期" {...dateItem}><DatePicker aria-label="出生日期" style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={6}><Form.Item name="education" label="学历"><Select aria-label="学历" allowClear options={list('educations')} /></Form.Item></Col>
        <Col span={24}><Form.Item name="address" label="居住地址（楼栋/单元/室）"><Input /></Form.Item></Col>
      </Row>
      {roles.includes('党员') && (
        <Row gutter={12}>
          <Col span={24}><Typography.Title level={5}>党员信息{age !== undefined ? `（党龄 ${age} 年）` : ''}</Typography.Title></Col>
          <Col span={8}><Form.Item name="category" label="人员类别"><Select options={[{ value: '正式党员', label: '正式党员' }, { value: '预备党员', label: '预备党员' }]} /></Form.Item></Col>
          <Col span={8}><Form.Item name="joinDate" label="入党日期" {...dateItem}><DatePicker aria-label="入党日期" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="confirmDate" label="转正日期" {...dateItem}><DatePicker aria-label="转正日期" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="orgNodeId" label="所在党组织"><TreeSelect aria-label="所在党组织" allowClear virtual={false} listHeight={400} treeDefaultExpandAll treeData={orgOptions} /></Form.Item></Col>
          <Col span={12}><Form.Item name="partyStatus" label="党员状态"><Select options={list('partyStatuses')} /></Form.Item></Col>
          <Col span={24}><Form.Item name="tags" label="标签"><Select mode="multiple" options={list('memberTags')} /></Form.Item></Col>
          <Col span={12}><Form.Item name="post" label="设岗定责岗位"><Select allowClear options={list('posts')} /></Form.Item></Col>
          <Col span={12}><Form.Item name="responsibilityArea" label="党员责任区"><Input /></Form.Item></Col>
          <Col span={24}><Form.Item name="commitment" label="承诺事项"><Input.TextArea rows={2} /></Form.Item></Col>
        </Row>
      )}
      {(roles.includes('党员') || roles.includes('在职党员')) && (
        <Form.Item name="employer" label="工作单位及职务"><Input /></Form.Item>
      )}
      {roles.includes('在职党员') && (
        <Row gutter={12}>
          <Col span={24}><Typography.Title level={5}>在职党员报到</Typography.Title></Col>
          <Col span={12}><Form.Item name="employerPartyOrg" label="单位党组织"><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="reportDate" label="报到日期" {...dateItem}><DatePicker aria-label="报到日期" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="claimedPost" label="认领岗位"><Select allowClear options={list('posts')} /></Form.Item></Col>
          <Col span={8}><Form.Item name="serviceTeam" label="参加服务队"><Select allowClear options={list('serviceTeams')} /></Form.Item></Col>
          <Col span={8}><Form.Item name="skills" label="特长"><Input /></Form.Item></Col>
          {SIX_ONES.map((k) => (
            <Col span={12} key={k}><Form.Item name={`six:${k}`} label={`${k}（做了什么）`}><Input /></Form.Item></Col>
          ))}
        </Row>
      )}
      {roles.includes('志愿者') && (
        <Form.Item name="volunteerTeamIds" label="志愿服务队"><Select mode="multiple" options={teams.map((t) => ({ value: t.id, label: t.name }))} /></Form.Item>
      )}
      {roles.includes('社区工作者') && <Form.Item name="workerPost" label="社区工作者岗位"><Input /></Form.Item>}
      <Form.Item name="note" label="备注"><Input.TextArea rows={2} /></Form.Item>
    </Form>
  );

  const show = (field: string, value: unknown) => {
    if (field === 'idNumber') return maskIdNumber(String(value ?? ''));
    if (field === 'phone') return maskPhone(String(value ?? ''));
    if (field === 'orgNodeId') return store.orgTree.get(String(value))?.name ?? '（无）';
    if (Array.isArray(value)) return value.join('、');
    if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}：${v}`).join('；');
    return String(value ?? '');
  };

  return (
    <Drawer
      open
      width={760}
      title={person ? `${person.name}${person.meta.deleted ? '（已删除）' : ''}` : '新增人员'}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          {person && !person.meta.deleted && <Button danger onClick={remove}>删除</Button>}
          {person?.meta.deleted && <Button onClick={restore}>恢复</Button>}
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={() => form.submit()} title="保存（Ctrl+S）">保存</Button>
        </Space>
      }
    >
      {person ? (
        <Tabs
          items={[
            { key: 'info', label: '基本信息', children: fields },
            { key: 'history', label: '修改记录', children: <HistoryTimeline testId="person-history" history={history} current={person as unknown as Record<string, unknown>} labels={labels} show={show} /> },
          ]}
        />
      ) : (
        fields
      )}
    </Drawer>
  );
}
