import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BookingFactsIndex, factsOfBookings } from '../../src-shared/records/booking/bookingFacts';
import { bookingClashes, holdsSlot, monthlyBreaches, monthlyUsage, type BookingFacts } from '../../src-shared/records/booking/bookingRules';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { seededRandom } from '../../src-shared/testing/seededRandom';

/** Brute force: every booking that overlaps another holding booking of the same venue and date. */
function clashingIds(facts: readonly BookingFacts[]): string[] {
  const held = facts.filter(holdsSlot);
  const ids = new Set<string>();
  for (const a of held) for (const b of held) if (a.id !== b.id && a.venueId === b.venueId && a.date === b.date && a.startHour < b.endHour && b.startHour < a.endHour) ids.add(a.id);
  return [...ids].sort();
}

describe('monthly breaches', () => {
  it('names a walk-in resident (known by name and phone) and the month, and leaves out bookings a clerk overrode', () => {
    const b = (id: string, date: string, over: Partial<BookingFacts> = {}): BookingFacts => ({ id, venueId: 'r', date, startHour: 9, endHour: 10, status: '已确认', bookerKey: 'walkin:张三|13800000001', booker: '张三', headcount: 0, createdAt: 0, createdBy: '', ...over });
    const three = [b('1', '2026-05-03'), b('2', '2026-05-12'), b('3', '2026-05-20')];
    expect(monthlyBreaches(three, () => 2).map((x) => [x.booker, x.bookerKey, x.month, x.bookings.length])).toEqual([['张三', 'walkin:张三|13800000001', '2026-05', 3]]);
    expect(monthlyBreaches([...three.slice(0, 2), { ...three[2]!, overridden: true }], () => 2)).toEqual([]);
    expect(monthlyBreaches([...three.slice(0, 2), { ...three[2]!, bookerKey: 'walkin:张三|13900000002' }], () => 2)).toEqual([]);
  });
});

describe('bookings after randomized edits and merges of three PCs', () => {
  it('keeps every booking, and the clashes, breaches and usage are always what the bookings say', () => {
    const rng = seededRandom(20261126);
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const repos = docs.map((d, i) => createRepositories(d, fixedContext({ name: `PC${i}`, device: `pc${i}` }, Date.UTC(2026, 0, 1) + i * 7)));
    const venues = ['党群活动室', '多功能厅', '书画室'].map((name) => repos[0]!.venues.create({ name }));
    const merge = (from: number, to: number) => Y.applyUpdate(docs[to]!, Y.encodeStateAsUpdate(docs[from]!, Y.encodeStateVector(docs[to]!)));
    for (let i = 1; i < 3; i++) merge(0, i);
    const created = new Set<string>();
    // PC0's index follows its own edits and every merge into it.
    const index = new BookingFactsIndex(repos[0]!.bookings as never);
    const byId = (list: BookingFacts[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    const bookers = [['张三', '13800000001'], ['李四', '13800000002'], ['王五', ''], ['赵六', '13800000004']] as const;
    const check = (pc: number) => {
      const facts = factsOfBookings(repos[pc]!.bookings as never);
      if (pc === 0) expect(byId(index.all())).toEqual(byId(facts));
      expect(bookingClashes(facts).flatMap((c) => c.bookings.map((b) => b.id)).sort()).toEqual(clashingIds(facts));
      const counts = new Map<string, number>();
      for (const f of facts) if (holdsSlot(f)) counts.set(`${f.bookerKey} ${f.date.slice(0, 7)}`, (counts.get(`${f.bookerKey} ${f.date.slice(0, 7)}`) ?? 0) + 1);
      expect(monthlyBreaches(facts, () => 2).map((x) => `${x.bookerKey} ${x.month}`).sort()).toEqual([...counts].filter(([, n]) => n > 2).map(([k]) => k).sort());
      const usage = monthlyUsage(venues, facts, '2026-05');
      for (const v of venues) expect(usage.find((u) => u.venueId === v.id)!.hours).toBe(facts.filter((f) => f.venueId === v.id && f.date.startsWith('2026-05') && holdsSlot(f)).reduce((s, f) => s + f.endHour - f.startHour, 0));
    };
    for (let step = 0; step < 300; step++) {
      const pc = rng.int(0, 2);
      const repo = repos[pc]!.bookings;
      const action = rng.next();
      if (action < 0.45) {
        const venue = rng.pick(venues);
        const start = rng.int(8, 19);
        const [booker, phone] = rng.pick(bookers);
        created.add(repo.create({ venue: venue.name, venueId: venue.id, date: `2026-05-${String(rng.int(1, 4)).padStart(2, '0')}`, startHour: start, endHour: start + rng.int(1, 3), bookerKind: 'walkin', booker, phone }).id);
      } else if (action < 0.6 && repo.list().length > 0) {
        const b = rng.pick(repo.list());
        const start = rng.int(8, 19);
        repo.update(b.id, { startHour: start, endHour: start + rng.int(1, 2) });
      } else if (action < 0.7 && repo.list().length > 0) {
        repo.update(rng.pick(repo.list()).id, { status: '已取消', statusReason: '预约人来电取消' });
      } else if (action < 0.75 && repo.list().length > 0) {
        repo.delete(rng.pick(repo.list()).id);
      } else {
        const other = (pc + rng.int(1, 2)) % 3;
        merge(pc, other);
        check(other);
      }
    }
    for (const [from, to] of [[0, 1], [1, 2], [2, 0], [0, 1]] as const) merge(from, to);
    for (let pc = 0; pc < 3; pc++) {
      check(pc);
      // Nothing vanished: every booking any PC made is on every PC, cancelled and deleted ones included (restorable).
      expect(new Set(repos[pc]!.bookings.list({ includeDeleted: true }).map((b) => b.id))).toEqual(created);
    }
    const sorted = (pc: number) => factsOfBookings(repos[pc]!.bookings as never).sort((a, b) => a.id.localeCompare(b.id));
    expect(sorted(1)).toEqual(sorted(0));
    expect(sorted(2)).toEqual(sorted(0));
    expect(bookingClashes(factsOfBookings(repos[0]!.bookings as never)).length).toBeGreaterThan(0);
  });
});
