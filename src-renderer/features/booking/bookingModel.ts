import type { FieldsOf } from '../../../src-shared/schema/collection';
import type { bookings, venues } from '../../../src-shared/records';
import type { RecordView } from '../../../src-shared/repository/collectionRepository';
import { factsOf } from '../../../src-shared/records/booking/bookingFacts';
import type { BookingFacts, VenueFacts } from '../../../src-shared/records/booking/bookingRules';

export { factsOfBookings as allBookingFacts } from '../../../src-shared/records/booking/bookingFacts';

export type Venue = RecordView<FieldsOf<typeof venues>>;
export type Booking = RecordView<FieldsOf<typeof bookings>>;

/** A booking as the rules see it: who booked as one key, and when it was made. */
export function bookingFacts(b: Booking): BookingFacts {
  return factsOf({ ...b, createdAt: b.meta.createdAt, createdBy: b.meta.createdBy });
}

export function venueFacts(v: Venue): VenueFacts {
  return { id: v.id, name: v.name, ownerUnitId: v.ownerUnitId, capacity: v.capacity, equipment: v.equipment, openingHours: v.openingHours, closures: v.closures, rules: v.rules };
}
