import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { daySchedule } from '../../../src-shared/print/bookingPrints';
import { PrintPreview } from '../print/PrintPreview';
import { openHours } from '../../../src-shared/records/booking/bookingRules';
import { today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { BookingLink, slotClass } from './bookingCells';
import type { BookingDraft } from './BookingDialog';
import { venueFacts, type Booking, type Venue } from './bookingModel';
import { useSlotDrag } from './useSlotDrag';

export const GRID_HOURS = Array.from({ length: 14 }, (_, i) => 8 + i);

/** Whether an hour has passed (it can no longer be booked, only looked at). */
export function isPast(date: string, hour: number): boolean {
  return date < today() || (date === today() && hour < new Date().getHours());
}

/**
 * The day's grid: venues × hours. A free hour is booked by a click, by dragging along free hours, or by Tab and
 * Enter; a booking opens for editing; clashes are red.
 */
export function DayGrid({ venues, version, date, onDate, clashIds, onNew, onEdit }: { venues: Venue[]; version: number; date: string; onDate(d: string): void; clashIds: Set<string>; onNew(d: BookingDraft): void; onEdit(b: Booking): void }) {
  const { store } = useSession();
  // The day's bookings only: found by their date field, read in full.
  const ofDay = useMemo(
    () => store.repos.bookings.idsWhere('date', (d) => d === date).map((id) => store.repos.bookings.get(id)!).filter((b) => b.status !== '已取消'),
    [store, version, date],
  );
  const [printing, setPrinting] = useState(false);
  const drag = useSlotDrag((span) => onNew({ venueId: span.lane, date, startHour: span.from, endHour: span.to }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button onClick={() => onDate(dayjs(date).subtract(1, 'day').format('YYYY-MM-DD'))}>前一天</Button>
        <DatePicker aria-label="查看日期" allowClear={false} value={dayjs(date)} onChange={(d) => d && onDate(d.format('YYYY-MM-DD'))} />
        <Button onClick={() => onDate(dayjs(date).add(1, 'day').format('YYYY-MM-DD'))}>后一天</Button>
        <Button icon={<PlusOutlined />} onClick={() => onNew({ date })}>新建预约</Button>
        <Button onClick={() => setPrinting(true)}>打印当日安排</Button>
        <Typography.Text type="secondary">点空白时段或沿空白时段拖动新建预约（也可用 Tab 键选中后按回车）；点已有预约修改或取消。</Typography.Text>
      </Space>
      <div style={{ overflowX: 'auto' }}>
        <table className="booking-grid" data-testid="day-grid" data-date={date}>
          <thead>
            <tr><th>场地</th>{GRID_HOURS.map((h) => <th key={h}>{h}:00</th>)}</tr>
          </thead>
          <tbody>
            {venues.map((v) => {
              const { span, closedBy } = openHours(venueFacts(v), date);
              const mine = ofDay.filter((b) => b.venueId === v.id);
              const at = (h: number) => mine.filter((b) => b.startHour <= h && h < b.endHour);
              const isFree = (h: number) => !!span && h >= span[0] && h < span[1] && !isPast(date, h) && at(h).length === 0;
              return (
                <tr key={v.id}>
                  <th>{v.name}</th>
                  {GRID_HOURS.map((h) => {
                    const here = at(h);
                    const open = span && h >= span[0] && h < span[1];
                    if (!open) return <td key={h} className="closed" title={closedBy ?? '不在开放时间'} />;
                    if (here.length === 0 && isPast(date, h)) return <td key={h} className="closed" title="已过去" />;
                    if (here.length === 0) {
                      return (
                        <td
                          key={h}
                          className={drag.selected(v.id, h) ? 'free picking' : 'free'}
                          role="button"
                          tabIndex={0}
                          aria-label={`${v.name} ${h}:00 空闲`}
                          {...drag.handlers(v.id, h, isFree)}
                          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onNew({ venueId: v.id, date, startHour: h, endHour: h + 1 }))}
                        />
                      );
                    }
                    return (
                      <td key={h} className={slotClass(here, clashIds)}>
                        {here.filter((b) => b.startHour === h).map((b) => <BookingLink key={b.id} booking={b} clashIds={clashIds} onEdit={onEdit} />)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {printing && (
        <PrintPreview onClose={() => setPrinting(false)} note="张贴用：预约人电话不上墙。"
          build={(paper, orientation) => ({ ...daySchedule(store.info?.name ?? '', venues, ofDay, date), paper, orientation })} />
      )}
    </Space>
  );
}
