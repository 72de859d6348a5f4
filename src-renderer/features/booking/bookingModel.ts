import type { FieldsOf } from '../../../src-shared/schema/collection';
import type { bookings, venues } from '../../../src-shared/records';
import type { RecordView } from '../../../src-shared/repository/collectionRepository';
import { BookingFactsIndex, factsOf } from '../../../src-shared/records/booking/bookingFacts';
import type { BookingFacts, VenueFacts } from '../../../src-shared/records/booking/bookingRules';


export type Venue = RecordView<FieldsOf<typeof venues>>;
export type Booking = RecordView<FieldsOf<typeof bookings>>;

/** A booking as the rules see it: who booked as one key, and when it was made. */
export function bookingFacts(b: Booking): BookingFacts {
  return factsOf({ ...b, createdAt: b.meta.createdAt, createdBy: b.meta.createdBy });
}

export function venueFacts(v: Venue): VenueFacts {
  return { id: v.id, name: v.name, ownerUnitId: v.ownerUnitId, capacity: v.capacity, equipment: v.equipment, openingHours: v.openingHours, closures: v.closures, rules: v.rules };
}

const indexes = new WeakMap<object, BookingFactsIndex>();

/** Every live booking as facts, one index per open community kept current by its changes (built on first use). */
export function allBookingFacts(repo: object): ReturnType<BookingFactsIndex['all']> {
  let index = indexes.get(repo);
  if (!index) indexes.set(repo, (index = new BookingFactsIndex(repo as never)));
  return index.all();
}
