import { clickable } from '../../app/clickable';
import type { Booking } from './bookingModel';

/** The colour of an hour or a day cell: a clash (red) over waiting for approval (yellow) over booked (blue). */
export function slotClass(here: readonly Pick<Booking, 'id' | 'status'>[], clashIds: ReadonlySet<string>): string {
  return here.some((b) => clashIds.has(b.id)) ? 'clash' : here.some((b) => b.status === '待审批') ? 'pending' : 'taken';
}

/** A booking in a grid: who booked, marked when it clashes or waits for approval; opens it by click or keyboard. */
export function BookingLink({ booking: b, clashIds, onEdit, withTime }: { booking: Booking; clashIds: ReadonlySet<string>; onEdit(b: Booking): void; withTime?: boolean }) {
  const mark = clashIds.has(b.id) ? '（冲突）' : b.status === '待审批' ? '（待审批）' : '';
  return (
    <a className="booking-link" {...clickable(() => onEdit(b))}>
      {withTime ? `${b.startHour}–${b.endHour}时 ` : ''}{b.booker}{mark}
    </a>
  );
}
