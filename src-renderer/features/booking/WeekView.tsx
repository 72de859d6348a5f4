import { Button, DatePicker, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { today } from '../../app/saveBytes';
import { doorCard, weekSchedule } from '../../../src-shared/print/bookingPrints';
import { openHours } from '../../../src-shared/records/booking/bookingRules';
import { clickable } from '../../app/clickable';
import { useSession } from '../../app/storeContext';
import { PrintPreview } from '../print/PrintPreview';
import { BookingLink, slotClass } from './bookingCells';
import type { BookingDraft } from './BookingDialog';
import { venueFacts, type Booking, type Venue } from './bookingModel';
import { GRID_HOURS, isPast } from './DayGrid';
import { useSlotDrag } from './useSlotDrag';

const WEEKDAYS = '一二三四五六日';

/** Monday of the week a date lies in. */
export function mondayOf(date: string): string {
  const d = dayjs(date);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** Bookings in a date range that hold their slot, read in full (the range is found by the date field alone). */
export function bookingsBetween(store: ReturnType<typeof useSession>['store'], from: string, to: string): Booking[] {
  return store.repos.bookings
    .idsWhere('date', (d) => typeof d === 'string' && d >= from && d <= to)
    .map((id) => store.repos.bookings.get(id)!)
    .filter((b) => b.status !== '已取消');
}

/**
 * The week: every venue × the seven days, or one venue's calendar (hours × days, booked by click, drag or keyboard).
 * Prints the notice-board schedule and the venue's door card.
 */
export function WeekView({ venues, version, date, onDate, venueId, onVenue, clashIds, onNew, onEdit, onOpenDay }: {
  venues: Venue[]; version: number; date: string; onDate(d: string): void; venueId: string; onVenue(id: string): void;
  clashIds: Set<string>; onNew(d: BookingDraft): void; onEdit(b: Booking): void; onOpenDay(d: string): void;
}) {
  const { store } = useSession();
  const monday = mondayOf(date);
  const days = Array.from({ length: 7 }, (_, i) => dayjs(monday).add(i, 'day').format('YYYY-MM-DD'));
  const week = useMemo(() => bookingsBetween(store, days[0]!, days[6]!), [store, version, monday]);
  const [printing, setPrinting] = useState<'schedule' | 'door' | null>(null);
  const venue = venues.find((v) => v.id === venueId);
  const dayHeader = (d: string, i: number) => (
    <th key={d}><a {...clickable(() => onOpenDay(d), `查看 ${d} 全天`)}>星期{WEEKDAYS[i]} {Number(d.slice(5, 7))}.{Number(d.slice(8, 10))}</a></th>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button onClick={() => onDate(dayjs(monday).subtract(7, 'day').format('YYYY-MM-DD'))}>上一周</Button>
        <DatePicker picker="week" aria-label="查看周" allowClear={false} value={dayjs(date)} onChange={(d) => d && onDate(d.format('YYYY-MM-DD'))} />
        <Button onClick={() => onDate(dayjs(monday).add(7, 'day').format('YYYY-MM-DD'))}>下一周</Button>
        <Select aria-label="周视图场地" style={{ width: 220 }} value={venueId} onChange={onVenue} showSearch optionFilterProp="label" options={[{ value: '', label: '全部场地' }, ...venues.map((v) => ({ value: v.id, label: v.name }))]} />
        <Button onClick={() => setPrinting('schedule')}>打印本周安排</Button>
        <Button disabled={!venue} title={venue ? undefined : '先选一个场地'} onClick={() => setPrinting('door')}>打印门口周表</Button>
        {!venue && <Typography.Text type="secondary">选一个场地查看它的日历，可拖动新建预约。</Typography.Text>}
      </Space>
      <div style={{ overflowX: 'auto' }}>
        {venue ? (
          <VenueWeek venue={venue} days={days} week={week.filter((b) => b.venueId === venue.id)} clashIds={clashIds} onNew={onNew} onEdit={onEdit} dayHeader={dayHeader} />
        ) : (
          <table className="booking-grid week" data-testid="week-grid">
            <thead><tr><th>场地</th>{days.map(dayHeader)}</tr></thead>
            <tbody>
              {venues.map((v) => {
                const facts = venueFacts(v);
                const mine = week.filter((b) => b.venueId === v.id);
                return (
                  <tr key={v.id}>
                    <th><a {...clickable(() => onVenue(v.id), `${v.name}的日历`)}>{v.name}</a></th>
                    {days.map((d) => {
                      const { span, closedBy } = openHours(facts, d);
                      const here = mine.filter((b) => b.date === d).sort((a, b) => a.startHour - b.startHour);
                      if (!span && here.length === 0) return <td key={d} className="closed" title={closedBy} />;
                      const canBook = span && !isPast(d, span[1] - 1);
                      return (
                        <td key={d} className={here.length ? slotClass(here, clashIds) : undefined}>
                          {here.map((b) => <div key={b.id}><BookingLink booking={b} clashIds={clashIds} onEdit={onEdit} withTime /></div>)}
                          {canBook && <a className="booking-add" {...clickable(() => onNew({ venueId: v.id, date: d, startHour: d === today() ? Math.max(span[0], new Date().getHours() + 1) : span[0] }), `${v.name} ${d} 新建预约`)}>＋</a>}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {printing === 'schedule' && (
        <PrintPreview onClose={() => setPrinting(null)} note="张贴用：预约人电话不上墙。" initialOrientation="landscape"
          build={(paper, orientation) => ({ ...weekSchedule(store.info?.name ?? '', venue ? [venue] : venues, week, monday), paper, orientation })} />
      )}
      {printing === 'door' && venue && (
        <PrintPreview onClose={() => setPrinting(null)} note="贴在场地门口：本周每个时段由谁使用；预约人电话不上墙。"
          build={(paper, orientation) => ({ ...doorCard(store.info?.name ?? '', venueFacts(venue), week.filter((b) => b.venueId === venue.id), monday), paper, orientation })} />
      )}
    </Space>
  );
}

/** One venue's week: hours × days; free hours booked by click, by dragging down a day, or by Tab and Enter. */
function VenueWeek({ venue, days, week, clashIds, onNew, onEdit, dayHeader }: {
  venue: Venue; days: string[]; week: Booking[]; clashIds: Set<string>; onNew(d: BookingDraft): void; onEdit(b: Booking): void; dayHeader(d: string, i: number): ReactNode;
}) {
  const facts = venueFacts(venue);
  const spans = new Map(days.map((d) => [d, openHours(facts, d)]));
  const at = (d: string, h: number) => week.filter((b) => b.date === d && b.startHour <= h && h < b.endHour);
  const isFree = (d: string) => (h: number) => { const s = spans.get(d)!.span; return !!s && h >= s[0] && h < s[1] && !isPast(d, h) && at(d, h).length === 0; };
  const drag = useSlotDrag((span) => onNew({ venueId: venue.id, date: span.lane, startHour: span.from, endHour: span.to }));
  return (
    <table className="booking-grid" data-testid="venue-week">
      <thead><tr><th>{venue.name}</th>{days.map(dayHeader)}</tr></thead>
      <tbody>
        {GRID_HOURS.map((h) => (
          <tr key={h}>
            <th>{h}:00</th>
            {days.map((d) => {
              const { span, closedBy } = spans.get(d)!;
              const here = at(d, h);
              if (here.length > 0) {
                return <td key={d} className={slotClass(here, clashIds)}>{here.filter((b) => b.startHour === h).map((b) => <BookingLink key={b.id} booking={b} clashIds={clashIds} onEdit={onEdit} />)}</td>;
              }
              if (!span || h < span[0] || h >= span[1]) return <td key={d} className="closed" title={closedBy ?? '不在开放时间'} />;
              if (isPast(d, h)) return <td key={d} className="closed" title="已过去" />;
              return (
                <td key={d} className={drag.selected(d, h) ? 'free picking' : 'free'} role="button" tabIndex={0} aria-label={`${d} ${h}:00 空闲`}
                  {...drag.handlers(d, h, isFree(d))}
                  onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onNew({ venueId: venue.id, date: d, startHour: h, endHour: h + 1 }))} />
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
