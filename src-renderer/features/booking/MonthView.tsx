import { Button, DatePicker, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { clickable } from '../../app/clickable';
import { useSession } from '../../app/storeContext';
import { BookingLink, slotClass } from './bookingCells';
import type { Booking, Venue } from './bookingModel';
import { bookingsBetween } from './WeekView';

const SHOWN_PER_DAY = 4;

/**
 * The month: a calendar of weeks; each day the bookings of the chosen venue (or, for every venue, how many and how
 * many clash). A day opens the day grid.
 */
export function MonthView({ venues, version, date, onDate, venueId, onVenue, clashIds, onEdit, onOpenDay }: {
  venues: Venue[]; version: number; date: string; onDate(d: string): void; venueId: string; onVenue(id: string): void;
  clashIds: Set<string>; onEdit(b: Booking): void; onOpenDay(d: string): void;
}) {
  const { store } = useSession();
  const month = date.slice(0, 7);
  const first = dayjs(`${month}-01`);
  const start = first.subtract((first.day() + 6) % 7, 'day');
  const weeks = Math.ceil(((first.day() + 6) % 7 + first.daysInMonth()) / 7);
  const all = useMemo(() => bookingsBetween(store, `${month}-01`, `${month}-31`), [store, version, month]);
  const shown = venueId ? all.filter((b) => b.venueId === venueId) : all;
  const byDay = new Map<string, Booking[]>();
  for (const b of shown) byDay.set(b.date, [...(byDay.get(b.date) ?? []), b]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button onClick={() => onDate(first.subtract(1, 'month').format('YYYY-MM-DD'))}>上个月</Button>
        <DatePicker picker="month" aria-label="查看月份" allowClear={false} value={first} onChange={(d) => d && onDate(d.startOf('month').format('YYYY-MM-DD'))} />
        <Button onClick={() => onDate(first.add(1, 'month').format('YYYY-MM-DD'))}>下个月</Button>
        <Select aria-label="月视图场地" style={{ width: 220 }} value={venueId} onChange={onVenue} showSearch optionFilterProp="label" options={[{ value: '', label: '全部场地' }, ...venues.map((v) => ({ value: v.id, label: v.name }))]} />
        <span>本月预约 {shown.length} 个</span>
      </Space>
      <table className="booking-grid month" data-testid="month-grid">
        <thead><tr>{'一二三四五六日'.split('').map((d) => <th key={d}>星期{d}</th>)}</tr></thead>
        <tbody>
          {Array.from({ length: weeks }, (_, w) => (
            <tr key={w}>
              {Array.from({ length: 7 }, (_, i) => {
                const day = start.add(w * 7 + i, 'day');
                const iso = day.format('YYYY-MM-DD');
                const here = (byDay.get(iso) ?? []).sort((a, b) => a.startHour - b.startHour);
                if (day.format('YYYY-MM') !== month) return <td key={iso} className="outside" />;
                const clashes = here.filter((b) => clashIds.has(b.id)).length;
                return (
                  <td key={iso} className={here.length ? slotClass(here, clashIds) : undefined}>
                    <a className="month-day" {...clickable(() => onOpenDay(iso), `${day.month() + 1}月${day.date()}日`)}>{day.date()}</a>
                    {venueId ? (
                      <>
                        {here.slice(0, SHOWN_PER_DAY).map((b) => <div key={b.id}><BookingLink booking={b} clashIds={clashIds} onEdit={onEdit} withTime /></div>)}
                        {here.length > SHOWN_PER_DAY && <div>另有 {here.length - SHOWN_PER_DAY} 个</div>}
                      </>
                    ) : (
                      here.length > 0 && <div>预约 {here.length} 个{clashes ? `，冲突 ${clashes} 个` : ''}</div>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Space>
  );
}
