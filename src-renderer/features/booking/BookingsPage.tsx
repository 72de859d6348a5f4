import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, InputNumber, List, Select, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { takeIntent } from '../../app/navigation';
import { maskPhone } from '../../../src-shared/privacy/mask';
import { bookingClashes, byVenue, freeVenues, monthlyBreaches, monthlyUsage, rulesOf } from '../../../src-shared/records/booking/bookingRules';
import { useAskText } from '../../app/askText';
import { useRun } from '../../app/useRun';
import { useRepositoryVersion, useSession } from '../../app/storeContext';
import { useLiveList } from '../../app/useLive';
import { BookingDialog, type BookingDraft } from './BookingDialog';
import { allBookingFacts, venueFacts, type Booking, type Venue } from './bookingModel';
import type { BookingFacts } from '../../../src-shared/records/booking/bookingRules';
import { VenueDialog } from './VenueDialog';
import { DayGrid } from './DayGrid';
import { WeekView } from './WeekView';
import { MonthView } from './MonthView';
import { BookerBookings } from './BookerBookings';
import { BookingTransfer } from './BookingTransfer';
import { PrintPreview } from '../print/PrintPreview';
import { usageReport, usageTable } from '../../../src-shared/print/bookingPrints';
import { saveBytes, today } from '../../app/saveBytes';
import { writeWorkbook } from '../../data/spreadsheet';

/** 平台约到: the approval queue first, clashes after merges, the day's grid of venues × hours, the search, the venues. */
export function BookingsPage() {
  const { store } = useSession();
  const venues = useLiveList(store.repos.venues);
  // All bookings are read as facts (a few fields each); full records only for the ones on screen.
  const version = useRepositoryVersion(store.repos.bookings as never);
  const [booking, setBooking] = useState<{ draft?: BookingDraft; editing?: Booking } | null>(null);
  const [venueEdit, setVenueEdit] = useState<Venue | 'new' | null>(null);
  // The scan of every booking (clashes, approvals, search, report) runs right after the grid is on screen.
  const [facts, setFacts] = useState<(BookingFacts & { bookerKind: string })[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => setFacts(allBookingFacts(store.repos.bookings as never)), 0);
    return () => clearTimeout(timer);
  }, [store, version]);
  const clashes = useMemo(() => bookingClashes(facts), [facts]);
  const breaches = useMemo(() => monthlyBreaches(facts, (id) => { const v = store.repos.venues.get(id); return v ? rulesOf(v).maxPerMonth : 0; }), [facts, store]);
  const clashIds = useMemo(() => new Set(clashes.flatMap((c) => c.bookings.map((b) => b.id))), [clashes]);
  // The date and the venue chosen carry over between the day, week and month views.
  // A row of 今日待办 opens the day of its booking.
  const [date, setDate] = useState(() => takeIntent('bookings')?.date ?? today());
  const [venueId, setVenueId] = useState('');
  const [tab, setTab] = useState('day');
  const openDay = (d: string) => {
    setDate(d);
    setTab('day');
  };
  const view = { venues, version, date, onDate: setDate, clashIds, onNew: (draft: BookingDraft) => setBooking({ draft }), onEdit: (b: Booking) => setBooking({ editing: b }) };
  const pending = facts.filter((b) => b.status === '待审批').map((b) => store.repos.bookings.get(b.id)!).sort((a, b) => a.date.localeCompare(b.date));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ApprovalQueue pending={pending} />
      <ClashList clashes={clashes} breaches={breaches} onEdit={(b) => setBooking({ editing: b })} />
      <Tabs
        destroyOnHidden
        activeKey={tab}
        onChange={setTab}
        tabBarExtraContent={<BookingTransfer />}
        items={[
          { key: 'day', label: '按日查看', children: <DayGrid {...view} /> },
          { key: 'week', label: '按周查看', children: <WeekView {...view} venueId={venueId} onVenue={setVenueId} onOpenDay={openDay} /> },
          { key: 'month', label: '按月查看', children: <MonthView {...view} venueId={venueId} onVenue={setVenueId} onOpenDay={openDay} /> },
          { key: 'booker', label: '预约人', children: <BookerBookings facts={facts} clashIds={clashIds} onEdit={view.onEdit} /> },
          { key: 'report', label: '月度报表', children: <UsagePanel venues={venues} facts={facts} /> },
          { key: 'search', label: '查空闲场地', children: <AvailabilitySearch venues={venues} facts={facts} onBook={(draft) => setBooking({ draft })} /> },
          {
            key: 'venues',
            label: '场地与服务',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setVenueEdit('new')}>新增场地或服务</Button>
                <Table<Venue>
                  size="small"
                  rowKey="id"
                  data-testid="venue-list"
                  dataSource={venues}
                  pagination={false}
                  locale={{ emptyText: '还没有场地：点“新增场地或服务”，例如党群活动室、驻区单位开放的运动场' }}
                  onRow={(v) => ({ onClick: () => setVenueEdit(v), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '名称', render: (_, v) => <a>{v.name}</a> },
                    { title: '类别', dataIndex: 'kind', width: 110 },
                    { title: '所属', width: 180, render: (_, v) => (v.ownerUnitId ? store.repos.residentUnits.get(v.ownerUnitId)?.name ?? '' : '本社区') },
                    { title: '容纳', width: 70, render: (_, v) => v.capacity || '—' },
                    { title: '设备', render: (_, v) => v.equipment.join('、') },
                    { title: '审批', width: 70, render: (_, v) => (v.needsApproval ? '需审批' : '') },
                  ]}
                />
              </Space>
            ),
          },
        ]}
      />
      {booking && <BookingDialog draft={booking.draft} editing={booking.editing} onClose={() => setBooking(null)} />}
      {venueEdit && <VenueDialog venue={venueEdit === 'new' ? undefined : venueEdit} onClose={() => setVenueEdit(null)} />}
    </Space>
  );
}

/** 待审批: bookings of venues that need approval, first thing on the page. */
function ApprovalQueue({ pending }: { pending: Booking[] }) {
  const { store } = useSession();
  const run = useRun();
  const askText = useAskText();
  if (pending.length === 0) return null;
  const decide = (b: Booking, approve: boolean) => {
    if (approve) return void run(() => store.repos.bookings.update(b.id, { status: '已确认' }), `已批准「${b.booker}」的预约`);
    askText({
      title: `不批准「${b.booker}」的预约？`, label: '不批准的原因', placeholder: '原因会告知预约人，例如：当天单位自用', okText: '不批准', required: '请填写不批准的原因',
      act: (reason) => run(() => store.repos.bookings.update(b.id, { status: '已取消', statusReason: `未获批准：${reason}` }), `已不批准「${b.booker}」的预约`),
    });
  };
  return (
    <Alert
      type="info"
      showIcon
      data-testid="approval-queue"
      message={`待审批的预约 ${pending.length} 个`}
      description={pending.map((b) => (
        <Space key={b.id} wrap style={{ display: 'flex' }}>
          <span>{b.date} {b.startHour}:00–{b.endHour}:00 {b.venue}：{b.booker}（{b.purpose || '未填用途'}）</span>
          <Button size="small" type="primary" onClick={() => decide(b, true)}>批准</Button>
          <Button size="small" onClick={() => decide(b, false)}>不批准</Button>
        </Space>
      ))}
    />
  );
}

/** Clashes and monthly breaches that only a merge of two PCs' bookings revealed: nothing was dropped; a person decides. */
function ClashList({ clashes, breaches, onEdit }: { clashes: ReturnType<typeof bookingClashes>; breaches: ReturnType<typeof monthlyBreaches>; onEdit(b: Booking): void }) {
  const { store } = useSession();
  const run = useRun();
  const askText = useAskText();
  if (clashes.length === 0 && breaches.length === 0) return null;
  const cancel = (id: string) => {
    const b = store.repos.bookings.get(id)!;
    askText({
      title: `取消「${b.booker}」的预约？`, label: '取消原因', placeholder: '例如：与他人预约冲突，已电话告知', okText: '取消预约',
      act: (reason) => run(() => store.repos.bookings.update(id, { status: '已取消', statusReason: reason }), `已取消，请电话告知${b.booker}（${maskPhone(b.phone) || '无电话'}）`),
    });
  };
  return (
    <Alert
      type="error"
      showIcon
      data-testid="booking-clashes"
      message={`预约冲突 ${clashes.length} 处${breaches.length ? `，超出每月次数 ${breaches.length} 人` : ''}：多台电脑离线时各自预约，合并后两个预约都保留，请逐一处理`}
      description={
        <>
          {clashes.slice(0, 20).map((c) => (
            <div key={`${c.venueId}${c.date}${c.bookings[0]!.id}`} style={{ marginTop: 4 }}>
              <b>{store.repos.venues.get(c.venueId)?.name} {c.date}</b>
              {c.bookings.map((b) => (
                <Space key={b.id} wrap style={{ display: 'flex', marginLeft: 16 }}>
                  <span>{b.startHour}:00–{b.endHour}:00 {b.booker}（{b.createdBy} 于 {dayjs(b.createdAt).format('MM-DD HH:mm')} 登记）</span>
                  <Button size="small" onClick={() => onEdit(store.repos.bookings.get(b.id)!)}>改时间</Button>
                  <Button size="small" danger onClick={() => cancel(b.id)}>取消此预约</Button>
                </Space>
              ))}
            </div>
          ))}
          {clashes.length > 20 && <div style={{ marginTop: 4 }}>还有 {clashes.length - 20} 处冲突，处理完上面的会继续列出。</div>}
          {breaches.slice(0, 20).map((x) => (
            <div key={`${x.bookerKey}${x.month}`} style={{ marginTop: 4 }}>
              {x.booker} {x.month} 预约 {x.bookings.length} 次，超过每月 {x.max} 次：{x.bookings.map((b) => b.date.slice(5)).join('、')}
            </div>
          ))}
        </>
      }
    />
  );
}

/** 一次查全部场地: one span, headcount and equipment against every venue; the free ones with what they lack. */
function AvailabilitySearch({ venues, facts, onBook }: { venues: Venue[]; facts: BookingFacts[]; onBook(d: BookingDraft): void }) {
  const [date, setDate] = useState(today());
  const [start, setStart] = useState(14);
  const [end, setEnd] = useState(17);
  const [headcount, setHeadcount] = useState(0);
  const [equipment, setEquipment] = useState<string[]>([]);
  const found = useMemo(
    () => (end > start ? freeVenues(venues.map((v) => ({ ...venueFacts(v), source: v })), byVenue(facts), { date, startHour: start, endHour: end, headcount, equipment }) : []),
    [venues, facts, date, start, end, headcount, equipment],
  );
  const hourOptions = Array.from({ length: 25 }, (_, h) => ({ value: h, label: `${h}:00` }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker aria-label="查询日期" allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
        <Select aria-label="查询开始" style={{ width: 90 }} value={start} onChange={setStart} options={hourOptions} />
        <span>至</span>
        <Select aria-label="查询结束" style={{ width: 90 }} value={end} onChange={setEnd} options={hourOptions} />
        <InputNumber aria-label="查询人数" min={0} value={headcount} onChange={(v) => setHeadcount(Number(v ?? 0))} addonAfter="人" />
        <Select aria-label="查询设备" mode="tags" style={{ minWidth: 200 }} placeholder="需要的设备，如 投影" value={equipment} onChange={setEquipment} />
      </Space>
      {end <= start && <Alert type="warning" showIcon message="结束时间应晚于开始时间" />}
      <List
        data-testid="availability"
        bordered
        dataSource={found}
        locale={{ emptyText: '这段时间没有开放的场地' }}
        renderItem={({ venue, lacks, taken }) => (
          <List.Item actions={taken.length ? [] : [<Button key="b" type="primary" size="small" onClick={() => onBook({ venueId: venue.id, date, startHour: start, endHour: end, headcount, equipmentNeeded: equipment })}>预约</Button>]}>
            <Space wrap>
              <b>{venue.name}</b>
              {venue.ownerUnitId ? <Tag>驻区单位</Tag> : <Tag color="red">本社区</Tag>}
              {taken.map((t) => <Tag key={t} color="default" data-testid="venue-taken">{t}</Tag>)}
              {taken.length === 0 && (lacks.length === 0 ? <Tag color="green">满足要求</Tag> : lacks.map((l) => <Tag key={l} color="orange">{l}</Tag>))}
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}

/** 场地使用情况月报: per venue, bookings, hours, 未到, cancellations and who booked; printed or as Excel. */
function UsagePanel({ venues, facts }: { venues: Venue[]; facts: (BookingFacts & { bookerKind: string })[] }) {
  const { store } = useSession();
  const [month, setMonth] = useState(today().slice(0, 7));
  const [printing, setPrinting] = useState(false);
  const rows = useMemo(() => monthlyUsage(venues, facts, month), [venues, facts, month]);
  const table = usageTable(rows);
  const exportXlsx = async () => {
    await saveBytes(`场地使用月报-${month}.xlsx`, await writeWorkbook([{ name: month, headers: table.columns.map((c) => c.header), rows: rows.map((r, i) => table.rows[i]!.map((cell, j) => (j === 0 ? cell : Number(cell)))) }]));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <DatePicker picker="month" aria-label="报表月份" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        <Button onClick={() => setPrinting(true)}>打印</Button>
        <Button onClick={exportXlsx}>导出Excel</Button>
      </Space>
      <Table
        size="small"
        rowKey={(r) => String(r[0])}
        pagination={false}
        data-testid="usage-report"
        dataSource={table.rows}
        columns={table.columns.map((c, i) => ({ title: c.header, render: (_: unknown, r: string[]) => r[i] }))}
      />
      {printing && <PrintPreview initialOrientation="landscape" onClose={() => setPrinting(false)} build={(paper, orientation) => ({ ...usageReport(store.info?.name ?? '', month, rows), paper, orientation })} />}
    </Space>
  );
}
