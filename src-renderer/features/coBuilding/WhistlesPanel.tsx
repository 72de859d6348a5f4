import { PlusOutlined } from '@ant-design/icons';
import { whistleNoticeValues } from '../../../src-shared/records/document/documentTemplates';
import { useDocumentFromTemplate } from '../documents/newDocument';
import { Button, Col, DatePicker, Descriptions, Drawer, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { EVALUATIONS, WHISTLE_URGENCY } from '../../../src-shared/records/coBuilding/coBuildingSchemas';
import { figuresByHandler, handlingHours, isOverdue, responseTimes, whistleStatus } from '../../../src-shared/records/coBuilding/whistleRules';
import { newId } from '../../../src-shared/ids';
import { parseClockTime } from '../../../src-shared/records/volunteer/pointRules';
import { formKeys } from '../../app/formKeys';
import { today } from '../../app/saveBytes';
import { useOperatorState } from '../../app/operatorSession';
import { useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { useRun } from '../../app/useRun';
import { AttachmentList } from '../attachment/AttachmentList';
import { useWorkCalendar } from './coBuildingModel';

const STATUS_COLORS = { 待响应: 'red', 处理中: 'orange', 已办结: 'green' } as const;
const nowLocal = () => dayjs().format('YYYY-MM-DDTHH:mm');
const shown = (t: string) => t.replace('T', ' ');

/** The handlers a whistle can name: resident units, teams and in-service members. */
function useHandlerOptions() {
  const { store } = useSession();
  return [
    ...store.repos.residentUnits.list().map((u) => ({ value: `unit:${u.id}`, label: u.name, kind: '驻区单位' as const })),
    ...store.repos.volunteerTeams.list().map((t) => ({ value: `team:${t.id}`, label: t.name, kind: '志愿服务队' as const })),
    ...store.repos.people.list().filter((p) => p.roles.includes('在职党员')).map((p) => ({ value: `person:${p.id}`, label: `${p.name}（在职党员）`, kind: '在职党员' as const })),
  ];
}

/**
 * 吹哨报到: the community raises a whistle, names a lead and co-handlers, records each 报到 with its time and the
 * progress, closes it with the result and the evaluation; response times per handler, overdue whistles in red.
 */
export function WhistlesPanel({ openId }: { openId?: string } = {}) {
  const { store } = useSession();
  const whistles = useLiveList(store.repos.whistles);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(openId ?? null);
  const year = today().slice(0, 4);
  const figures = useMemo(() => figuresByHandler(whistles, `${year}-01-01`, `${year}-12-31`), [whistles, year]);
  const sorted = [...whistles].sort((a, b) => Number(isOverdue(b, today())) - Number(isOverdue(a, today())) || b.date.localeCompare(a.date));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>吹哨</Button>
        <Typography.Text type="secondary">超期未办结 {whistles.filter((w) => isOverdue(w, today())).length} 件</Typography.Text>
      </Space>
      <Table
        size="small"
        rowKey="id"
        data-testid="whistles"
        dataSource={sorted}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        locale={{ emptyText: '还没有吹哨事项' }}
        onRow={(w) => ({ onClick: () => setOpen(w.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '吹哨时间', width: 150, render: (_, w) => shown(w.raisedAt || w.date) },
          { title: '事项', render: (_, w) => <Space>{w.title}{w.urgency !== '一般' && <Tag color="red">{w.urgency}</Tag>}{w.raisedBy && <Tag>{w.raisedBy}吹哨</Tag>}</Space> },
          { title: '响应单位', render: (_, w) => Object.values(w.handlers).map((h) => `${h.name}${h.lead ? '（牵头）' : ''}`).join('、') },
          { title: '报到', render: (_, w) => responseTimes(w).map((r) => (r.hours === null ? `${r.name} 未报到` : `${r.name} ${r.hours} 小时`)).join('；') },
          { title: '状态', width: 150, render: (_, w) => <Space><Tag color={STATUS_COLORS[whistleStatus(w)]}>{whistleStatus(w)}</Tag>{isOverdue(w, today()) && <Tag color="red">超期</Tag>}</Space> },
          { title: '评价', width: 90, render: (_, w) => w.evaluation },
        ]}
      />
      <Typography.Title level={5}>{year}年各单位响应情况</Typography.Title>
      <Table
        size="small"
        rowKey="key"
        data-testid="whistle-figures"
        dataSource={figures}
        pagination={false}
        locale={{ emptyText: '今年还没有吹哨' }}
        columns={[
          { title: '单位/队伍/党员', dataIndex: 'name' },
          { title: '吹哨', dataIndex: 'whistles' },
          { title: '已报到', dataIndex: 'answered' },
          { title: '响应时间中位数', render: (_, f) => (f.medianResponseHours === null ? '—' : `${f.medianResponseHours} 小时`) },
          { title: '满意', render: (_, f) => `${f.satisfied} / ${f.evaluated}` },
        ]}
      />
      {adding && <NewWhistle onClose={() => setAdding(false)} />}
      {open && <WhistleDrawer id={open} onClose={() => setOpen(null)} />}
    </Space>
  );
}

function NewWhistle({ onClose }: { onClose(): void }) {
  const { store } = useSession();
  const run = useRun();
  const [form] = Form.useForm();
  const options = useHandlerOptions();
  const save = (v: Record<string, unknown>) => {
    const date = (v.date as dayjs.Dayjs).format('YYYY-MM-DD');
    const time = parseClockTime(String(v.time ?? '')) ?? dayjs().format('HH:mm');
    const lead = String(v.lead ?? '');
    const keys = [lead, ...((v.co as string[] | undefined) ?? []).filter((k) => k !== lead)].filter(Boolean);
    const handlers = Object.fromEntries(keys.map((k) => { const o = options.find((x) => x.value === k)!; return [k, { name: o.label.replace('（在职党员）', ''), kind: o.kind, lead: k === lead }]; }));
    const done = run(() => store.repos.whistles.create({
      title: String(v.title ?? ''), date, raisedAt: `${date}T${time}`, category: String(v.category ?? ''), place: String(v.place ?? ''), urgency: v.urgency as '一般',
      deadline: v.deadline ? (v.deadline as dayjs.Dayjs).format('YYYY-MM-DD') : '', description: String(v.description ?? ''), leadUnitId: lead.startsWith('unit:') ? lead.slice(5) : '', handlers,
    }), `已吹哨：${String(v.title ?? '')}`);
    if (done) onClose();
  };
  return (
    <Modal open title="吹哨" okText="吹哨" cancelText="取消" width={760} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" onFinish={save} onKeyDown={formKeys(() => form.submit())} initialValues={{ date: dayjs(), time: dayjs().format('HH:mm'), urgency: '一般' }}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="title" label="事项"><Input aria-label="吹哨事项" placeholder="例如：3号楼下水道堵塞" /></Form.Item></Col>
          <Col span={6}><Form.Item name="date" label="日期"><DatePicker aria-label="吹哨日期" allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="time" label="时间"><Input aria-label="吹哨时间" placeholder="14:30" /></Form.Item></Col>
          <Col span={8}><Form.Item name="category" label="类别"><Input aria-label="吹哨类别" placeholder="例如：市政设施" /></Form.Item></Col>
          <Col span={8}><Form.Item name="place" label="地点"><Input aria-label="吹哨地点" /></Form.Item></Col>
          <Col span={4}><Form.Item name="urgency" label="紧急程度"><Select aria-label="紧急程度" options={WHISTLE_URGENCY.map((u) => ({ value: u, label: u }))} /></Form.Item></Col>
          <Col span={4}><Form.Item name="deadline" label="办结期限"><DatePicker aria-label="办结期限" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={10}><Form.Item name="lead" label="牵头单位"><Select aria-label="牵头单位" showSearch optionFilterProp="label" options={options} /></Form.Item></Col>
          <Col span={14}><Form.Item name="co" label="协办"><Select aria-label="协办单位" mode="multiple" showSearch optionFilterProp="label" options={options} /></Form.Item></Col>
          <Col span={24}><Form.Item name="description" label="情况说明"><Input.TextArea aria-label="情况说明" rows={2} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** One whistle: each handler's 报到 with its time, progress notes, and the closure with the result and evaluations. */
function WhistleDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { store, operators } = useSession();
  const operator = useOperatorState(operators).current;
  const run = useRun();
  const whistles = useLiveList(store.repos.whistles);
  const linked = useLiveList(store.repos.activities).filter((a) => a.whistleId === id);
  const calendar = useWorkCalendar();
  const w = whistles.find((x) => x.id === id);
  const [times, setTimes] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [closing, setClosing] = useState({ result: '', evaluation: '满意', residentEvaluation: '' });
  const documentFromTemplate = useDocumentFromTemplate();
  if (!w) return null;
  const at = (key: string) => times[key] ?? dayjs().format('HH:mm');
  const report = (key: string, name: string) => {
    const time = parseClockTime(at(key));
    if (!time) return void run(() => { throw new Error(`「${name}」的报到时间请写成 14:30 的格式`); });
    run(() => store.repos.whistles.update(w.id, { reports: { [key]: { reportedAt: `${today()}T${time}` } } }), `已登记${name}报到`);
  };
  return (
    <Drawer open width={640} title={w.title} onClose={onClose}
      extra={<Button onClick={() => documentFromTemplate('吹哨通知', whistleNoticeValues({ ...w, units: Object.values(w.handlers).filter((h) => h.kind !== '在职党员').map((h) => h.name) }, store.info?.name ?? ''), `whistle:${w.id}`)}>生成吹哨通知</Button>}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="吹哨时间">{shown(w.raisedAt || w.date)}</Descriptions.Item>
        <Descriptions.Item label="办结期限">{w.deadline || '—'}{isOverdue(w, today()) && <Tag color="red" style={{ marginLeft: 4 }}>超期</Tag>}</Descriptions.Item>
        <Descriptions.Item label="地点">{w.place || '—'}</Descriptions.Item>
        <Descriptions.Item label="状态">{whistleStatus(w)}</Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 8 }}>{w.description}</div>
      <div style={{ marginTop: 8 }}><AttachmentList collection="whistles" ownerId={w.id} what="照片" /></div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>报到</Typography.Title>
      {responseTimes(w, calendar).map((r) => (
        <Space key={r.key} style={{ display: 'flex', marginBottom: 4 }}>
          <span>{r.name}{w.handlers[r.key]?.lead ? '（牵头）' : ''}：</span>
          {r.hours !== null ? <span data-testid="whistle-response">{shown(w.reports[r.key]!.reportedAt)} 报到，响应 {r.hours} 小时（工作日 {r.workingHours} 小时）</span> : (
            <>
              <Input size="small" style={{ width: 80 }} aria-label={`${r.name}报到时间`} value={at(r.key)} onChange={(e) => setTimes((t) => ({ ...t, [r.key]: e.target.value }))} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
              <Button size="small" onClick={() => report(r.key, r.name)} disabled={!!w.closedAt}>登记报到</Button>
            </>
          )}
        </Space>
      ))}
      <Typography.Title level={5} style={{ marginTop: 16 }}>进展</Typography.Title>
      {Object.values(w.progress).sort((a, b) => a.writtenAt.localeCompare(b.writtenAt)).map((p) => <div key={p.writtenAt + p.text}>{shown(p.writtenAt)} {p.text}（{p.by}）</div>)}
      {!w.closedAt && (
        <Space style={{ margin: '4px 0' }}>
          <Input aria-label="进展内容" style={{ width: 360 }} value={note} onChange={(e) => setNote(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
          <Button disabled={!note.trim()} onClick={() => run(() => store.repos.whistles.update(w.id, { progress: { [newId()]: { writtenAt: nowLocal(), text: note.trim(), by: operator?.name ?? '' } } }), '已记录进展') && setNote('')}>记录进展</Button>
        </Space>
      )}
      {linked.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>共建活动（实绩）</Typography.Title>
          {linked.map((a) => <div key={a.id}>{a.date} {a.title}{a.result ? `：${a.result}` : ''}</div>)}
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>办结</Typography.Title>
      {w.closedAt ? (
        <div data-testid="whistle-closed">{shown(w.closedAt)} 办结，用时 {handlingHours(w)} 小时：{w.result}。社区评价：{w.evaluation || '—'}{w.residentEvaluation ? `，居民评价：${w.residentEvaluation}` : ''}</div>
      ) : (
        <Space wrap>
          <Input aria-label="处理结果" style={{ width: 260 }} placeholder="处理结果，例如：已疏通" value={closing.result} onChange={(e) => setClosing((c) => ({ ...c, result: e.target.value }))} />
          <Select aria-label="社区评价" style={{ width: 110 }} value={closing.evaluation} onChange={(v) => setClosing((c) => ({ ...c, evaluation: v }))} options={EVALUATIONS.map((e) => ({ value: e, label: e }))} />
          <Select aria-label="居民评价" style={{ width: 130 }} placeholder="居民评价（可不填）" allowClear value={closing.residentEvaluation || undefined} onChange={(v) => setClosing((c) => ({ ...c, residentEvaluation: v ?? '' }))} options={EVALUATIONS.map((e) => ({ value: e, label: e }))} />
          <Button type="primary" onClick={() => run(() => store.repos.whistles.update(w.id, { closedAt: nowLocal(), result: closing.result.trim(), evaluation: closing.evaluation as '满意', residentEvaluation: closing.residentEvaluation as '' }), '已办结')}>办结</Button>
        </Space>
      )}
    </Drawer>
  );
}
