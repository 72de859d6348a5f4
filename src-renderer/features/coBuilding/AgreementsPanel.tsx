import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, DatePicker, Form, Input, List, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { RESOURCE_KINDS } from '../../../src-shared/records/coBuilding/coBuildingSchemas';
import { expiringAgreements, matchResources } from '../../../src-shared/records/coBuilding/coBuildingRules';
import { useAskText } from '../../app/askText';
import { formKeys } from '../../app/formKeys';
import { AttachmentList } from '../attachment/AttachmentList';
import { useCoBuildingSettings } from './coBuildingModel';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';

type Adding = 'agreement' | 'resource' | 'need' | null;
type Term = { id: string; mode: 'renew' | 'end' } | null;

/**
 * 一书三单: agreements with their expiry reminders, the units' 资源清单, the 需求清单, and the 项目清单; a need matched to
 * a resource (党建超市) becomes a project.
 */
export function AgreementsPanel({ focusId }: { focusId?: string } = {}) {
  const { store } = useSession();
  const [term, setTerm] = useState<Term>(null);
  const run = useRun();
  const askText = useAskText();
  const agreements = useLiveList(store.repos.agreements);
  const resources = useLiveList(store.repos.coResources);
  const needs = useLiveList(store.repos.coNeeds);
  const projects = useLiveList(store.repos.coProjects);
  const units = useLiveList(store.repos.residentUnits);
  const [adding, setAdding] = useState<Adding>(null);
  const [matching, setMatching] = useState<string | null>(null);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? '';
  const { reminderDays } = useCoBuildingSettings();
  const expiring = expiringAgreements(agreements, today(), reminderDays);
  const need = needs.find((n) => n.id === matching);
  const toProject = (needId: string, resourceId: string) => {
    const n = store.repos.coNeeds.get(needId)!;
    const r = store.repos.coResources.get(resourceId)!;
    const done = run(() => store.doc.transact(() => {
      const project = store.repos.coProjects.create({ title: n.title, leadUnitId: r.unitId, needId, resourceIds: [resourceId], startDate: today() });
      store.repos.coNeeds.update(needId, { projectId: project.id });
    }), `已对接：「${n.title}」由${unitName(r.unitId) || '社区'}的「${r.title}」承接，列入项目清单`);
    if (done) setMatching(null);
  };
  const finish = (id: string, title: string) =>
    askText({ title: `项目「${title}」完成`, label: '项目实绩', placeholder: '实绩，例如：为12户老人更换水龙头', okText: '完成', act: (results) => run(() => store.repos.coProjects.update(id, { status: '已完成', results, endDate: today() }), `「${title}」已完成`) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {expiring.length > 0 && (
        <Alert type="warning" showIcon data-testid="expiring-agreements" message="共建协议到期提醒"
          description={expiring.map((a) => <div key={a.id}>「{a.title}」{a.daysLeft < 0 ? `已于 ${a.endDate} 到期 ${-a.daysLeft} 天` : `${a.endDate} 到期，还有 ${a.daysLeft} 天`}，请在下表中续签或终止</div>)} />
      )}
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('agreement')}>新增共建协议</Button>
        <Button onClick={() => setAdding('resource')}>登记资源</Button>
        <Button onClick={() => setAdding('need')}>登记需求</Button>
      </Space>
      <Typography.Title level={5}>共建协议</Typography.Title>
      <Table size="small" rowKey="id" data-testid="agreements" pagination={false} dataSource={agreements} locale={{ emptyText: '还没有共建协议' }}
        rowClassName={(a) => (a.id === focusId ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '协议', dataIndex: 'title' },
          { title: '共建单位', render: (_, a) => [a.unitId, ...a.coUnitIds].map(unitName).filter(Boolean).join('、') },
          { title: '期限', render: (_, a) => `${a.signedDate || '—'} 至 ${a.endDate || '长期'}` },
          {
            title: '状态', width: 150,
            render: (_, a) => a.endedDate ? <Tag title={a.endedReason}>已于 {a.endedDate} 终止</Tag> : a.endDate && a.endDate < today() ? <Tag color="red">已到期</Tag> : <Tag color="green">有效</Tag>,
          },
          { title: '单位党组织', dataIndex: 'unitPartyOrg' },
          { title: '扫描件', render: (_, a) => <AttachmentList collection="agreements" ownerId={a.id} what="扫描件" /> },
          {
            title: '', width: 120,
            render: (_, a) => !a.endedDate && (
              <Space size={4}>
                <Button size="small" onClick={() => setTerm({ id: a.id, mode: 'renew' })}>续签</Button>
                <Button size="small" onClick={() => setTerm({ id: a.id, mode: 'end' })}>终止</Button>
              </Space>
            ),
          },
        ]} />
      <Typography.Title level={5}>资源清单</Typography.Title>
      <Table size="small" rowKey="id" data-testid="co-resources" pagination={{ pageSize: 10, showSizeChanger: false }} dataSource={resources} locale={{ emptyText: '还没有登记资源' }}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 90 },
          { title: '资源', render: (_, r) => <>{r.title}{r.venueId && <Tag style={{ marginLeft: 4 }}>可预约场地</Tag>}</> },
          { title: '提供单位', render: (_, r) => unitName(r.unitId) },
          { title: '说明', dataIndex: 'description' },
        ]} />
      <Typography.Title level={5}>需求清单</Typography.Title>
      <Table size="small" rowKey="id" data-testid="co-needs" pagination={{ pageSize: 10, showSizeChanger: false }} dataSource={needs} locale={{ emptyText: '还没有登记需求' }}
        columns={[
          { title: '类别', dataIndex: 'kind', width: 90 },
          { title: '需求', render: (_, n) => <>{n.title}{n.urgency === '紧急' && <Tag color="red" style={{ marginLeft: 4 }}>紧急</Tag>}</> },
          { title: '提出方', dataIndex: 'from' },
          { title: '', width: 160, render: (_, n) => (n.projectId ? <Tag color="green">已对接</Tag> : <Button size="small" onClick={() => setMatching(n.id)}>匹配资源</Button>) },
        ]} />
      <Typography.Title level={5}>项目清单</Typography.Title>
      <Table size="small" rowKey="id" data-testid="co-projects" pagination={{ pageSize: 10, showSizeChanger: false }} dataSource={projects} locale={{ emptyText: '需求对接资源后列入项目清单' }}
        columns={[
          { title: '项目', dataIndex: 'title' },
          { title: '牵头单位', render: (_, p) => unitName(p.leadUnitId) || '社区' },
          { title: '状态', width: 90, render: (_, p) => <Tag color={p.status === '已完成' ? 'green' : 'blue'}>{p.status}</Tag> },
          { title: '实绩', dataIndex: 'results' },
          {
            title: '', width: 160,
            render: (_, p) => (
              <Space>
                {p.status === '筹备中' && <Button size="small" onClick={() => run(() => store.repos.coProjects.update(p.id, { status: '进行中' }), `「${p.title}」开始实施`)}>开始实施</Button>}
                {p.status !== '已完成' && <Button size="small" onClick={() => finish(p.id, p.title)}>完成</Button>}
              </Space>
            ),
          },
        ]} />
      {need && (
        <Modal open title={`党建超市：为「${need.title}」匹配资源`} footer={null} onCancel={() => setMatching(null)} width={640}>
          <List size="small" data-testid="matches" dataSource={matchResources(need, resources)} locale={{ emptyText: '没有合适的资源：可请驻区单位补充资源清单' }}
            renderItem={({ resource }) => (
              <List.Item actions={[<Button key="p" size="small" type="primary" onClick={() => toProject(need.id, resource.id)}>对接为项目</Button>]}>
                {resource.kind} · {resource.title}（{unitName(resource.unitId) || '社区'}）{resource.description && `：${resource.description}`}
              </List.Item>
            )} />
        </Modal>
      )}
      {adding && <AddDialog kind={adding} onClose={() => setAdding(null)} />}
      {term && <TermDialog id={term.id} mode={term.mode} onClose={() => setTerm(null)} />}
    </Space>
  );
}

/**
 * 续签 (a new 到期日期, and the day it was signed again) or 终止 (the day and why) of an agreement: either takes it off the
 * expiry reminders; the record keeps its history of both.
 */
function TermDialog({ id, mode, onClose }: { id: string; mode: 'renew' | 'end'; onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const [form] = Form.useForm();
  const agreement = store.repos.agreements.get(id)!;
  const date = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : '');
  const save = (v: Record<string, unknown>) => {
    const done = mode === 'renew'
      ? run(() => store.repos.agreements.update(id, { endDate: date(v.endDate), signedDate: date(v.signedDate) || agreement.signedDate }), `「${agreement.title}」已续签至 ${date(v.endDate)}`)
      : run(() => store.repos.agreements.update(id, { endedDate: date(v.endedDate), endedReason: String(v.endedReason ?? '') }), `「${agreement.title}」已终止`);
    if (done) onClose();
  };
  const required = (label: string) => [{ required: true, message: `${label}：请填写` }];
  return (
    <Modal open title={`${mode === 'renew' ? '续签' : '终止'}「${agreement.title}」`} okText={mode === 'renew' ? '续签' : '终止协议'} cancelText="取消" width={520} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={save} onKeyDown={formKeys(() => form.submit())} initialValues={mode === 'end' ? { endedDate: dayjs(today()) } : { signedDate: dayjs(today()) }}>
        {mode === 'renew' ? (
          <Row gutter={12}>
            <Col span={12}><Form.Item name="signedDate" label="续签日期"><DatePicker aria-label="续签日期" style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={12}>
              <Form.Item name="endDate" label="新的到期日期" rules={[...required('新的到期日期'), { validator: (_, v) => (!v || !agreement.endDate || date(v) > agreement.endDate ? Promise.resolve() : Promise.reject(new Error(`新的到期日期：应晚于原到期日期 ${agreement.endDate}`))) }]}>
                <DatePicker aria-label="新的到期日期" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <>
            <Form.Item name="endedDate" label="终止日期" rules={required('终止日期')}><DatePicker aria-label="终止日期" style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="endedReason" label="终止原因" rules={required('终止原因')}><Input aria-label="终止原因" placeholder="例如：单位搬离本社区" /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 新增共建协议, 登记资源, 登记需求: one dialog per list, each field checked in Chinese on save. */
function AddDialog({ kind, onClose }: { kind: NonNullable<Adding>; onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const [form] = Form.useForm();
  const units = store.repos.residentUnits.list().map((u) => ({ value: u.id, label: u.name }));
  const resourceKind: string = Form.useWatch('kind', form) ?? '技能';
  const date = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : '');
  const save = (v: Record<string, unknown>) => {
    const text = (k: string) => String(v[k] ?? '');
    const done =
      kind === 'agreement'
        ? run(() => store.repos.agreements.create({ title: text('title'), unitId: text('unitId'), coUnitIds: (v.coUnitIds as string[] | undefined) ?? [], signedDate: date(v.signedDate), endDate: date(v.endDate), unitPartyOrg: text('unitPartyOrg'), contacts: text('contacts'), content: text('content') }), `已登记「${text('title')}」`)
        : kind === 'resource'
          ? run(() => store.repos.coResources.create({ unitId: text('unitId'), kind: text('kind') as '技能', title: text('title'), description: text('description'), venueId: text('venueId') }), `已登记资源「${text('title')}」`)
          : run(() => store.repos.coNeeds.create({ kind: text('kind') as '技能', title: text('title'), description: text('description'), from: text('from'), urgency: text('urgency') as '一般' }), `已登记需求「${text('title')}」`);
    if (done) onClose();
  };
  const title = kind === 'agreement' ? '新增共建协议' : kind === 'resource' ? '登记资源' : '登记需求';
  return (
    <Modal open title={title} okText="保存" cancelText="取消" width={680} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={save} onKeyDown={formKeys(() => form.submit())} initialValues={{ kind: '技能', urgency: '一般' }}>
        <Row gutter={12}>
          <Col span={kind === 'agreement' ? 24 : 16}><Form.Item name="title" label={kind === 'agreement' ? '协议名称' : kind === 'resource' ? '资源' : '需求'}><Input aria-label={kind === 'agreement' ? '协议名称' : kind === 'resource' ? '资源名称' : '需求名称'} /></Form.Item></Col>
          {kind !== 'agreement' && <Col span={8}><Form.Item name="kind" label="类别"><Select aria-label="类别" options={RESOURCE_KINDS.map((k) => ({ value: k, label: k }))} /></Form.Item></Col>}
          {kind !== 'need' && <Col span={12}><Form.Item name="unitId" label={kind === 'agreement' ? '共建单位' : '提供单位'}><Select aria-label={kind === 'agreement' ? '共建单位' : '提供单位'} showSearch optionFilterProp="label" options={units} /></Form.Item></Col>}
          {kind === 'agreement' && (
            <>
              <Col span={12}><Form.Item name="coUnitIds" label="其他共建单位"><Select aria-label="其他共建单位" mode="multiple" showSearch optionFilterProp="label" options={units} /></Form.Item></Col>
              <Col span={6}><Form.Item name="signedDate" label="签订日期"><DatePicker aria-label="签订日期" style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={6}><Form.Item name="endDate" label="到期日期"><DatePicker aria-label="到期日期" style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={12}><Form.Item name="unitPartyOrg" label="单位党组织"><Input aria-label="单位党组织" /></Form.Item></Col>
              <Col span={24}><Form.Item name="contacts" label="联系人"><Input aria-label="联系人" placeholder="姓名、电话" /></Form.Item></Col>
              <Col span={24}><Form.Item name="content" label="协议内容"><Input.TextArea aria-label="协议内容" rows={3} /></Form.Item></Col>
            </>
          )}
          {kind === 'resource' && resourceKind === '场地' && <Col span={12}><Form.Item name="venueId" label="可预约场地（在“场地预约”中登记）"><Select aria-label="可预约场地" options={store.repos.venues.list().map((x) => ({ value: x.id, label: x.name }))} /></Form.Item></Col>}
          {kind === 'need' && <Col span={12}><Form.Item name="from" label="提出方"><Input aria-label="提出方" placeholder="例如：3号楼居民" /></Form.Item></Col>}
          {kind === 'need' && <Col span={12}><Form.Item name="urgency" label="紧急程度"><Select aria-label="需求紧急程度" options={['一般', '紧急'].map((k) => ({ value: k, label: k }))} /></Form.Item></Col>}
          {kind !== 'agreement' && <Col span={24}><Form.Item name="description" label="说明"><Input aria-label="说明" /></Form.Item></Col>}
        </Row>
      </Form>
    </Modal>
  );
}
