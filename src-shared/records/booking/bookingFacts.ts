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

interface ObservedBookings {
  pick(fields: readonly string[]): FactRow[];
  get(id: string): (Record<string, unknown> & { meta: { deleted: boolean; createdAt: number; createdBy: string } }) | undefined;
  observe(callback: (ids: string[]) => void): () => void;
}

/**
 * Every live booking as facts, kept current by the repository's change events (local edits and merges alike): a save
 * checks its rules against 20,000 bookings without reading them all again.
 */
export class BookingFactsIndex {
  private readonly byId = new Map<string, BookingFacts & { bookerKind: string }>();
  private list: (BookingFacts & { bookerKind: string })[] | null = null;
  readonly dispose: () => void;

  constructor(repo: ObservedBookings) {
    for (const f of factsOfBookings(repo)) this.byId.set(f.id, f);
    this.dispose = repo.observe((ids) => {
      for (const id of ids) {
        const view = repo.get(id);
        if (!view || view.meta.deleted) this.byId.delete(id);
        else this.byId.set(id, factsOf({ ...view, id, createdAt: view.meta.createdAt, createdBy: view.meta.createdBy }));
      }
      this.list = null;
    });
  }

  all(): (BookingFacts & { bookerKind: string })[] {
    return (this.list ??= [...this.byId.values()]);
  }
}
