import { Alert, Button, Card, DatePicker, InputNumber, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { StreetFreeVenue } from '../../../src-shared/records/booking/streetAvailability';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText } from '../../app/errorText';
import { StreetStanding } from './StreetStanding';
import { streetFetch, type CommunityStanding } from './useStreetQuery';

const hourOptions = Array.from({ length: 25 }, (_, h) => ({ value: h, label: `${h}:00` }));

/** 全街道查空闲场地: one span, headcount and equipment against the venues of every community of the street. */
export function StreetAvailability({ settings, onOpen }: { settings: ConnectionSettings; onOpen(code: string): Promise<void> }) {
  const [date, setDate] = useState(dayjs().add(1, 'day').format('YYYY-MM-DD'));
  const [start, setStart] = useState(14);
  const [end, setEnd] = useState(17);
  const [headcount, setHeadcount] = useState(0);
  const [equipment, setEquipment] = useState<string[]>([]);
  const [found, setFound] = useState<StreetFreeVenue[] | null>(null);
  const [standing, setStanding] = useState<CommunityStanding[] | undefined>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const search = async () => {
    setBusy(true);
    try {
      const answer = await streetFetch<{ venues: StreetFreeVenue[]; communities: CommunityStanding[] }>(settings, 'venue-availability', { date, start: String(start), end: String(end), headcount: String(headcount), equipment: equipment.join(',') });
      setFound(answer.venues);
      setStanding(answer.communities);
      setError('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="查空闲场地（全街道）">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <DatePicker aria-label="街道查询日期" allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
          <Select aria-label="街道查询开始" style={{ width: 90 }} value={start} onChange={setStart} options={hourOptions} />
          <span>至</span>
          <Select aria-label="街道查询结束" style={{ width: 90 }} value={end} onChange={setEnd} options={hourOptions} />
          <InputNumber aria-label="街道查询人数" min={0} value={headcount} onChange={(v) => setHeadcount(Number(v ?? 0))} addonAfter="人" />
          <Select aria-label="街道查询设备" mode="tags" style={{ minWidth: 200 }} placeholder="需要的设备，如 投影" value={equipment} onChange={setEquipment} />
          <Button type="primary" loading={busy} disabled={end <= start} onClick={() => void search()}>查询</Button>
        </Space>
        {end <= start && <Alert type="warning" showIcon message="结束时间应晚于开始时间" />}
        {error && <Alert type="warning" showIcon message={error} />}
        {found && <StreetStanding communities={standing} loading={busy} seconds={0} />}
        {found && (
          <Table<StreetFreeVenue>
            size="small"
            rowKey={(r) => `${r.code}:${r.venueId}`}
            data-testid="street-availability"
            dataSource={found}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            locale={{ emptyText: '这段时间全街道没有空闲的场地' }}
            columns={[
              { title: '社区', dataIndex: 'community', width: 160 },
              { title: '场地', dataIndex: 'name' },
              { title: '所属', render: (_, r) => (r.owner === '本社区' ? <Tag color="red">本社区</Tag> : <Tag>{r.owner}</Tag>) },
              { title: '容纳', width: 70, render: (_, r) => r.capacity || '—' },
              { title: '设备', render: (_, r) => r.equipment.join('、') },
              { title: '是否满足', render: (_, r) => (r.taken?.length ? r.taken.map((t) => <Tag key={t}>{t}</Tag>) : r.lacks.length === 0 ? <Tag color="green">满足要求</Tag> : r.lacks.map((l) => <Tag key={l} color="orange">{l}</Tag>)) },
              { title: '', width: 110, render: (_, r) => <Button size="small" onClick={() => void onOpen(r.code)}>打开社区预约</Button> },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
