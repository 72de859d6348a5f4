import { Alert, App as AntApp, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { WHISTLE_URGENCY } from '../../../src-shared/records/coBuilding/coBuildingSchemas';
import type { StreetWhistleRequest, WhistleRow } from '../../../src-shared/records/coBuilding/streetWhistles';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText, fetchJson } from '../../app/errorText';
import { formKeys } from '../../app/formKeys';
import { today } from '../../app/saveBytes';
import { httpBase } from '../../sync/syncSession';
import { StreetStanding } from './StreetStanding';
import { useStreetQuery, type CommunityStanding } from './useStreetQuery';


const STATUS_COLORS: Record<string, string> = { 待响应: 'red', 处理中: 'orange', 已办结: 'green' };
const PAGE_SIZE = 10;

type Row = WhistleRow & { code: string; community: string; responses: { name: string; hours: number | null }[] };
interface WhistlesAnswer {
  total: number;
  page: number;
  pageSize: number;
  rows: Row[];
  communities: CommunityStanding[];
}

/**
 * 吹哨报到 across the street: every community's whistles (overdue first), a page at a time from the server; a whistle
 * opens to each unit named on it and how fast it reported; the street blows one whistle to the units of several
 * communities, which each community's clerk sees arrive with the next sync.
 */
export function StreetWhistles({ settings }: { settings: ConnectionSettings }) {
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [raising, setRaising] = useState(false);
  const [opened, setOpened] = useState<Row | null>(null);
  const { data, error, loading, seconds, reload } = useStreetQuery<WhistlesAnswer>(settings, 'whistles', { today: today(), page: String(page), pageSize: String(PAGE_SIZE), ...(overdueOnly ? { status: 'overdue' } : {}) });
  return (
    <Card
      title="吹哨报到（全街道）"
      extra={
        <Space>
          <span>只看超期</span><Switch size="small" aria-label="只看超期吹哨" checked={overdueOnly} onChange={(v) => (setOverdueOnly(v), setPage(1))} />
          <Button aria-label="刷新街道吹哨" onClick={reload}>刷新</Button>
          <Button type="primary" disabled={!data} onClick={() => setRaising(true)}>街道吹哨</Button>
        </Space>
      }
    >
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 8 }} />}
      <StreetStanding communities={data?.communities} loading={loading} seconds={seconds} />
      <Table<Row>
        size="small"
        rowKey={(w) => `${w.code}:${w.id}`}
        data-testid="street-whistles"
        loading={loading && !data}
        dataSource={data?.rows ?? []}
        onRow={(w) => ({ onClick: () => setOpened(w), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        locale={{ emptyText: overdueOnly ? '没有超期的吹哨事项' : '各社区还没有吹哨事项' }}
        columns={[
          { title: '社区', dataIndex: 'community', width: 120 },
          { title: '吹哨时间', width: 140, render: (_, w) => (w.raisedAt || w.date).replace('T', ' ') },
          { title: '事项', render: (_, w) => <Space size={4}><a>{w.title}</a>{w.urgency !== '一般' && <Tag color="red">{w.urgency}</Tag>}{w.raisedBy !== '社区' && <Tag>街道吹哨</Tag>}</Space> },
          { title: '响应单位', dataIndex: 'handlers' },
          { title: '报到', width: 170, render: (_, w) => `${w.answered}/${w.named}${w.firstResponseHours === null ? '' : `，首报 ${w.firstResponseHours} 小时`}` },
          { title: '状态', width: 130, render: (_, w) => <Space size={4}><Tag color={STATUS_COLORS[w.status]}>{w.status}</Tag>{w.overdue && <Tag color="red">超期</Tag>}</Space> },
          { title: '评价', dataIndex: 'evaluation', width: 80 },
        ]}
      />
      {opened && (
        <Modal open title={`${opened.community} · ${opened.title}`} footer={null} onCancel={() => setOpened(null)}>
          <Descriptions size="small" column={1} bordered data-testid="street-whistle-detail">
            <Descriptions.Item label="吹哨">{(opened.raisedAt || opened.date).replace('T', ' ')}，{opened.raisedBy}{opened.urgency !== '一般' ? `，${opened.urgency}` : ''}</Descriptions.Item>
            <Descriptions.Item label="办结期限">{opened.deadline || '—'}{opened.overdue && <Tag color="red" style={{ marginLeft: 4 }}>超期</Tag>}</Descriptions.Item>
            <Descriptions.Item label="状态">{opened.status}{opened.evaluation ? `，社区评价：${opened.evaluation}` : ''}</Descriptions.Item>
            {opened.responses.map((r) => <Descriptions.Item key={r.name} label={r.name}>{r.hours === null ? <Tag color="red">未报到</Tag> : `已报到，响应 ${r.hours} 小时`}</Descriptions.Item>)}
          </Descriptions>
        </Modal>
      )}
      {raising && <RaiseDialog settings={settings} onClose={(done) => { setRaising(false); if (done) reload(); }} />}
    </Card>
  );
}

function RaiseDialog({ settings, onClose }: { settings: ConnectionSettings; onClose(done: boolean): void }) {
  const { message } = AntApp.useApp();
  // Each community's resident units, to choose from.
  const { data, error } = useStreetQuery<{ code: string; community: string; units: { id: string; name: string }[] }[]>(settings, 'street-units', {});
  const communities = data ?? [];
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState('');
  const chosen: string[] = Form.useWatch('communities', form) ?? [];
  const save = async (v: Record<string, unknown>) => {
    const request: StreetWhistleRequest = {
      title: String(v.title ?? ''), date: v.date ? (v.date as dayjs.Dayjs).format('YYYY-MM-DD') : '', time: String(v.time ?? ''), category: String(v.category ?? ''), place: String(v.place ?? ''),
      urgency: v.urgency as '一般', deadline: v.deadline ? (v.deadline as dayjs.Dayjs).format('YYYY-MM-DD') : '', description: String(v.description ?? ''),
      targets: chosen.map((code) => ({ code, unitIds: (v[`units:${code}`] as string[] | undefined) ?? [] })),
    };
    setSaving(true);
    setRefusal('');
    try {
      await fetchJson(`${httpBase(settings.serverUrl)}/api/whistles?${new URLSearchParams({ token: settings.token }).toString()}`, { method: 'POST', body: JSON.stringify(request) });
      void message.success(`已向 ${chosen.length} 个社区吹哨：${request.title}`);
      onClose(true);
    } catch (e) {
      setRefusal(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="街道吹哨（可同时向多个社区的驻区单位吹哨）" okText="吹哨" cancelText="取消" width={760} confirmLoading={saving} onCancel={() => onClose(false)} onOk={() => form.submit()}>
      {(refusal || error) && <Alert type="error" showIcon message={refusal || error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} onKeyDown={formKeys(() => form.submit())} initialValues={{ date: dayjs(), time: dayjs().format('HH:mm'), urgency: '一般' }}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="title" label="事项"><Input aria-label="街道吹哨事项" /></Form.Item></Col>
          <Col span={6}><Form.Item name="date" label="日期"><DatePicker aria-label="街道吹哨日期" allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="time" label="时间"><Input aria-label="街道吹哨时间" placeholder="14:30" /></Form.Item></Col>
          <Col span={7}><Form.Item name="category" label="类别"><Input aria-label="街道吹哨类别" /></Form.Item></Col>
          <Col span={7}><Form.Item name="place" label="地点"><Input aria-label="街道吹哨地点" /></Form.Item></Col>
          <Col span={4}><Form.Item name="urgency" label="紧急程度"><Select aria-label="街道吹哨紧急程度" options={WHISTLE_URGENCY.map((u) => ({ value: u, label: u }))} /></Form.Item></Col>
          <Col span={6}><Form.Item name="deadline" label="办结期限"><DatePicker aria-label="街道吹哨办结期限" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={24}><Form.Item name="communities" label="社区"><Select aria-label="吹哨社区" mode="multiple" showSearch optionFilterProp="label" options={communities.map((c) => ({ value: c.code, label: c.community }))} /></Form.Item></Col>
          {chosen.map((code) => {
            const c = communities.find((x) => x.code === code)!;
            return <Col span={12} key={code}><Form.Item name={`units:${code}`} label={`${c.community}的驻区单位（第一个牵头）`}><Select aria-label={`${c.community}驻区单位`} mode="multiple" showSearch optionFilterProp="label" options={c.units.map((u) => ({ value: u.id, label: u.name }))} /></Form.Item></Col>;
          })}
          <Col span={24}><Form.Item name="description" label="情况说明"><Input.TextArea aria-label="街道吹哨情况说明" rows={2} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}
