import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bookingClashes, byVenue, checkBooking, freeVenues, monthlyBreaches, openHours, recurrenceDates, type BookingFacts, type VenueFacts } from '../../src-shared/records/booking/bookingRules';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

const room: VenueFacts = { id: 'r', name: '党群活动室', ownerUnitId: '', capacity: 30, equipment: ['投影', '音响'], openingHours: { '7': null }, closures: [{ from: '2026-05-01', to: '2026-05-05', reason: '劳动节' }], rules: {} };
const court: VenueFacts = { id: 'c', name: '学校运动场', ownerUnitId: 'u1', capacity: 200, equipment: [], openingHours: { '6': [9, 17] }, closures: [], rules: { maxPerMonth: 0 } };
const hall: VenueFacts = { id: 'h', name: '多功能厅', ownerUnitId: '', capacity: 80, equipment: ['投影'], openingHours: {}, closures: [], rules: {} };
let n = 0;
const booking = (over: Partial<BookingFacts>): BookingFacts => ({ id: `b${n++}`, venueId: 'r', date: '2026-05-09', startHour: 14, endHour: 16, status: '已确认', bookerKey: 'person:p1', booker: '张三', headcount: 10, createdAt: n, createdBy: '王小红', ...over });
const now = { date: '2026-04-28', hour: 9 };

describe('booking rules', () => {
  it('knows opening hours, closed weekdays and closures', () => {
    expect(openHours(room, '2026-05-09').span).toEqual([8, 22]); // Saturday, rules' 8–22
    expect(openHours(room, '2026-05-10')).toEqual({ span: null, closedBy: '星期日不开放' });
    expect(openHours(room, '2026-05-03')).toEqual({ span: null, closedBy: '劳动节' });
    expect(openHours(court, '2026-05-09').span).toEqual([9, 17]);
  });

  it('refuses each breach with the rule and the fix, and marks which a clerk may override', () => {
    const messages = (b: BookingFacts, others: BookingFacts[] = []) => checkBooking(b, room, others, { now }).map((p) => `${p.overridable ? '可' : '不'}:${p.message}`);
    expect(messages(booking({ date: '2026-05-03' }))).toEqual(['不:「党群活动室」5 月 3 日劳动节，请换一天或换一个场地']);
    expect(messages(booking({ startHour: 7, endHour: 9 }))[0]).toContain('开放时间为 8:00–22:00');
    expect(messages(booking({ startHour: 9, endHour: 15 }))).toEqual(['可:每次最多预约 4 小时，现在是 6 小时；请缩短，或分两次预约']);
    expect(messages(booking({ headcount: 40 }))[0]).toContain('最多容纳 30 人，现在是 40 人');
    expect(messages(booking({ date: '2026-05-05' }))[0]).toContain('劳动节');
    expect(messages(booking({ date: '2026-04-28', startHour: 8, endHour: 9 }))).toEqual(['不:预约的时间已经过去，请核对日期和时间']);
    expect(messages(booking({ date: '2026-08-01' }))[0]).toContain('最多可提前 60 天预约');
    const earlier = [booking({ date: '2026-05-07', startHour: 9, endHour: 10 }), booking({ date: '2026-05-12', startHour: 9, endHour: 10 })];
    expect(messages(booking({}), earlier)).toEqual(['可:每人每月最多预约 2 次，张三本月已预约 2 次（5 月 7 日、5 月 12 日）']);
    const taken = booking({ bookerKey: 'person:p2', booker: '李四', startHour: 15, endHour: 17 });
    expect(messages(booking({}), [taken])).toEqual(['不:「党群活动室」5 月 9 日 15:00–17:00 已被「李四」预约，请换时间或换场地']);
    expect(messages(booking({}), [{ ...taken, status: '已取消' }])).toEqual([]);
  });

  it('searches every venue for a span: free ones only, the community\'s first, with what each lacks', () => {
    const busy = byVenue([booking({ venueId: 'h', startHour: 15, endHour: 16 })]);
    const query = { date: '2026-05-09', startHour: 14, endHour: 17, headcount: 40, equipment: ['投影'] };
    // A booked venue is listed as taken (by whom, until when), after the free ones: never left out silently.
    expect(freeVenues([court, hall, room], busy, query).map((f) => [f.venue.name, f.lacks, f.taken])).toEqual([['党群活动室', ['只容纳 30 人'], []], ['学校运动场', ['没有投影'], []], ['多功能厅', [], ['已被「张三」预约 15:00–16:00']]]);
    expect(freeVenues([court, hall, room], new Map(), query).map((f) => f.venue.name)).toEqual(['多功能厅', '党群活动室', '学校运动场']);
  });

  it('lists overlapping bookings of one venue as one clash, and monthly breaches a merge reveals', () => {
    const a = booking({ startHour: 14, endHour: 16, createdBy: '社区' });
    const b = booking({ startHour: 15, endHour: 17, bookerKey: 'person:p2', booker: '李四', createdBy: '街道' });
    const c = booking({ startHour: 17, endHour: 18, bookerKey: 'person:p3' });
    const clashes = bookingClashes([c, b, a, booking({ venueId: 'h' })]);
    expect(clashes).toHaveLength(1);
    expect(clashes[0]!.bookings.map((x) => x.id)).toEqual([a.id, b.id]);
    const three = [booking({ date: '2026-05-07' }), booking({ date: '2026-05-12' }), booking({ date: '2026-05-20' })];
    expect(monthlyBreaches(three, () => 2).map((x) => [x.booker, x.month, x.bookings.length, x.max])).toEqual([['张三', '2026-05', 3, 2]]);
    expect(monthlyBreaches(three, () => 0)).toEqual([]);
  });

  it('books a weekly series for a standing team past the monthly limit once it is overridden with a reason', async () => {
    const { planSeries } = await import('../../src-shared/records/booking/bookingRules');
    const choir = booking({ id: 's', bookerKey: 'team:t1', booker: '老年合唱队', date: '2026-05-09' });
    const dates = recurrenceDates('2026-05-09', 'week', { times: 4 }); // 9, 16, 23, 30 May: two over the limit of 2
    const plain = planSeries(choir, dates, room, [], { now, override: false });
    expect(plain.book.map((b) => b.date)).toEqual(['2026-05-09', '2026-05-16']);
    expect(plain.needOverride.map((n) => n.date)).toEqual(['2026-05-23', '2026-05-30']);
    expect(plain.skip[0]!.reason).toContain('每人每月最多预约 2 次，老年合唱队本月已预约 2 次');
    const overridden = planSeries(choir, dates, room, [], { now, override: true });
    expect(overridden.book.map((b) => [b.date, b.overridden.length > 0])).toEqual([['2026-05-09', false], ['2026-05-16', false], ['2026-05-23', true], ['2026-05-30', true]]);
    // A clash is never overridden: that date is skipped whatever the reason.
    const taken = booking({ date: '2026-05-16', bookerKey: 'person:p9', booker: '李四' });
    expect(planSeries(choir, dates, room, [taken], { now, override: true }).skip).toEqual([{ date: '2026-05-16', reason: '「党群活动室」5 月 16 日 14:00–16:00 已被「李四」预约，请换时间或换场地' }]);
  });

  it('expands a recurring booking weekly or monthly, until a date or N times', () => {
    expect(recurrenceDates('2026-05-09', 'week', { times: 3 })).toEqual(['2026-05-09', '2026-05-16', '2026-05-23']);
    expect(recurrenceDates('2026-05-09', 'week', { until: '2026-05-20' })).toEqual(['2026-05-09', '2026-05-16']);
    expect(recurrenceDates('2026-01-31', 'month', { times: 3 })).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
  });

  it('keeps both bookings two offline PCs make for one slot; the clash shows on both after the merge', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ra = createRepositories(a, fixedContext({ name: '王小红', device: 'community' }));
    const rb = createRepositories(b, fixedContext({ name: '李组织委员', device: 'street' }));
    const venue = ra.venues.create({ name: '党群活动室', capacity: 30, equipment: ['投影'] });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    ra.bookings.create({ venue: venue.name, venueId: venue.id, date: '2026-05-09', startHour: 14, endHour: 16, booker: '张三', bookerKind: 'walkin', phone: '13800000001' });
    rb.bookings.create({ venue: venue.name, venueId: venue.id, date: '2026-05-09', startHour: 15, endHour: 17, booker: '李四', bookerKind: 'walkin' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const r of [ra, rb]) {
      const facts = r.bookings.list().map((x) => ({ id: x.id, venueId: x.venueId, date: x.date, startHour: x.startHour, endHour: x.endHour, status: x.status, bookerKey: `walkin:${x.booker}`, booker: x.booker, headcount: x.headcount, createdAt: x.meta.createdAt, createdBy: x.meta.createdBy }));
      expect(facts).toHaveLength(2);
      expect(bookingClashes(facts).map((c) => c.bookings.map((x) => x.booker).sort())).toEqual([['张三', '李四']]);
    }
    expect(() => ra.bookings.update(ra.bookings.list()[0]!.id, { status: '已取消' })).toThrow(/取消预约须写明原因/);
  });
});

describe('monthly usage', () => {
  it('counts bookings, hours, 未到 and cancellations per venue and by booker type', async () => {
    const { monthlyUsage } = await import('../../src-shared/records/booking/bookingRules');
    const { usageReport } = await import('../../src-shared/print/bookingPrints');
    const list = [
      { ...booking({ date: '2026-05-09', startHour: 9, endHour: 11 }), bookerKind: 'walkin' },
      { ...booking({ date: '2026-05-10', startHour: 9, endHour: 10, status: '未到' }), bookerKind: 'person' },
      { ...booking({ date: '2026-05-11', status: '已取消' }), bookerKind: 'unit' },
      { ...booking({ date: '2026-06-01' }), bookerKind: 'walkin' },
    ];
    const rows = monthlyUsage([{ id: 'r', name: '党群活动室' }, { id: 'h', name: '多功能厅' }], list, '2026-05');
    expect(rows[0]).toEqual({ venueId: 'r', venue: '党群活动室', bookings: 2, hours: 3, noShows: 1, cancelled: 1, byKind: { 来访居民: 1, 名册人员: 1 } });
    expect(rows[1]!.bookings).toBe(0);
    const doc = usageReport('三坊七巷社区', '2026-05', rows);
    expect(doc.subtitle).toBe('三坊七巷社区 · 2026年5月');
    expect(doc.sections[0]!.table!.rows[0]).toEqual(['党群活动室', '2', '3', '1', '1', '1', '1', '0', '0']);
  });
});
