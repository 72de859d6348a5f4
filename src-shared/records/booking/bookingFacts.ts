import type { BookingFacts } from './bookingRules';

/** The fields the rules read from a booking record (see `factsOfBookings`). */
export const FACT_FIELDS = ['venueId', 'date', 'startHour', 'endHour', 'status', 'bookerKind', 'bookerId', 'booker', 'phone', 'headcount', 'overrideReason'] as const;

type FactRow = { id: string; createdAt: number; createdBy: string } & Partial<Record<(typeof FACT_FIELDS)[number], unknown>>;

/**
 * Who booked, as one key: a roster person, unit or team by its id; a walk-in resident by name and phone (two walk-ins
 * with one name are two people unless their phones match).
 */
export function bookerKeyOf(kind: string, bookerId: string, booker: string, phone: string): string {
  return kind === 'walkin' || !bookerId ? `walkin:${booker}|${phone}` : `${kind}:${bookerId}`;
}

/** A booking as the rules see it, from its record's fields (a view, or a row of `repository.pick`). */
export function factsOf(r: FactRow): BookingFacts & { bookerKind: string } {
  const kind = String(r.bookerKind ?? 'walkin');
  return {
    id: r.id, venueId: String(r.venueId ?? ''), date: String(r.date), startHour: Number(r.startHour), endHour: Number(r.endHour), status: r.status as BookingFacts['status'],
    bookerKey: bookerKeyOf(kind, String(r.bookerId ?? ''), String(r.booker), String(r.phone ?? '')), booker: String(r.booker), headcount: Number(r.headcount ?? 0),
    createdAt: Number(r.createdAt), createdBy: String(r.createdBy), bookerKind: kind, overridden: !!r.overrideReason,
  };
}

/** Every live booking as the rules see it, read field by field (no view of each of 20,000 bookings is built). */
export function factsOfBookings(repo: { pick(fields: readonly string[]): FactRow[] }): (BookingFacts & { bookerKind: string })[] {
  return repo.pick(FACT_FIELDS).map(factsOf);
}
