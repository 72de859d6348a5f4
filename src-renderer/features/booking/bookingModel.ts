import type { FieldsOf } from '../../../src-shared/schema/collection';
import type { bookings, venues } from '../../../src-shared/records';
import type { RecordView } from '../../../src-shared/repository/collectionRepository';
import type { BookingFacts, VenueFacts } from '../../../src-shared/records/booking/bookingRules';

export type Venue = RecordView<FieldsOf<typeof venues>>;
export type Booking = RecordView<FieldsOf<typeof bookings>>;

/** A booking as the rules see it: who booked as one key, and when it was made. */
export function bookingFacts(b: Booking): BookingFacts {
  const bookerKey = b.bookerKind === 'walkin' || !b.bookerId ? `walkin:${b.booker}|${b.phone}` : `${b.bookerKind}:${b.bookerId}`;
  return { id: b.id, venueId: b.venueId, date: b.date, startHour: b.startHour, endHour: b.endHour, status: b.status, bookerKey, booker: b.booker, headcount: b.headcount, createdAt: b.meta.createdAt, createdBy: b.meta.createdBy };
}

export function venueFacts(v: Venue): VenueFacts {
  return { id: v.id, name: v.name, ownerUnitId: v.ownerUnitId, capacity: v.capacity, equipment: v.equipment, openingHours: v.openingHours, closures: v.closures, rules: v.rules };
}

export const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Every live booking as the rules see it, read field by field (no view of each of 20,000 bookings is built). */
export function allBookingFacts(repo: { pick(fields: readonly string[]): Record<string, unknown>[] }): (BookingFacts & { bookerKind: string })[] {
  return repo.pick(['venueId', 'date', 'startHour', 'endHour', 'status', 'bookerKind', 'bookerId', 'booker', 'phone', 'headcount']).map((r) => {
    const kind = String(r.bookerKind ?? 'walkin');
    const bookerKey = kind === 'walkin' || !r.bookerId ? `walkin:${String(r.booker)}|${String(r.phone ?? '')}` : `${kind}:${String(r.bookerId)}`;
    return {
      id: String(r.id), venueId: String(r.venueId ?? ''), date: String(r.date), startHour: Number(r.startHour), endHour: Number(r.endHour), status: r.status as BookingFacts['status'],
      bookerKey, booker: String(r.booker), headcount: Number(r.headcount ?? 0), createdAt: Number(r.createdAt), createdBy: String(r.createdBy), bookerKind: kind,
    };
  });
}
