import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { factsOfBookings } from '../../src-shared/records/booking/bookingFacts';
import { BOOKING_COLUMNS, bookingImportRules } from '../../src-shared/records/booking/bookingTable';
import type { AnyRepository } from '../../src-shared/repository/collectionRepository';
import { createRepositories } from '../../src-shared/repository/repositories';
import { normaliseHour } from '../../src-shared/table/cells';
import { matchHeaders } from '../../src-shared/table/columns';
import { formatRows } from '../../src-shared/table/exportRows';
import { buildImportPreview, commitImport } from '../../src-shared/table/importPreview';
import { fixedContext } from '../../src-shared/testing/fixedContext';

function setup() {
  const doc = new Y.Doc();
  const repos = createRepositories(doc, fixedContext());
  const room = repos.venues.create({ name: '党群活动室', capacity: 30, openingHours: { '7': null } });
  const unit = repos.residentUnits.create({ name: '福州第一中学' });
  repos.bookings.create({ venue: room.name, venueId: room.id, date: '2026-05-09', startHour: 14, endHour: 16, booker: '张三' });
  const options = bookingImportRules({
    venues: repos.venues.list().map((v) => ({ ...v, rules: v.rules })),
    existing: () => factsOfBookings(repos.bookings as never),
    bookerByName: (name) => (name === unit.name ? { kind: 'unit', id: unit.id } : undefined),
  });
  const preview = (headers: string[], rows: unknown[][]) =>
    buildImportPreview({ headers, rows }, { repo: repos.bookings as unknown as AnyRepository, columns: BOOKING_COLUMNS, mapping: matchHeaders(headers, BOOKING_COLUMNS).mapping, ...options });
  return { doc, repos, room, unit, preview };
}

describe('bookings import', () => {
  it('reads whole hours as clerks write them', () => {
    expect(['14', '14:00', '14：00', '14点', '下午2点', '晚上8点', 0.75, new Date(Date.UTC(1899, 11, 30, 9))].map((x) => normaliseHour(x).value)).toEqual([14, 14, 14, 14, 14, 20, 18, 9]);
    expect(normaliseHour('14:30').problem).toBe('「14:30」须为整点，例如 14:00');
    expect(normaliseHour('下午').problem).toBe('「下午」不是时间，请写成 14:00 的格式');
  });

  it('names each bad cell: unknown venue, closed day, clash with a saved booking or a row above, end before start', () => {
    const { preview, unit } = setup();
    const headers = ['场地名称', '预约日期', '开始', '结束', '预约人', '电话', '活动内容'];
    const p = preview(headers, [
      ['党群活动室', '2026-05-09', '9:00', '11:00', '李四', '13800000002', '排练'], // row 2: fine
      ['活动中心', '2026-05-09', '9', '10', '王五', '', ''], // row 3: no such venue
      ['党群活动室', '2026-05-10', '9', '10', '王五', '', ''], // row 4: Sunday, closed
      ['党群活动室', '2026年5月9日', '下午3点', '17:00', '赵六', '', ''], // row 5: clashes with 张三's saved booking
      ['党群活动室', '2026-05-09', '10', '12', '孙七', '', ''], // row 6: clashes with row 2
      ['党群活动室', '2026-05-11', '12', '10', '周八', '', ''], // row 7: end before start
      ['党群活动室', '2026-05-11', '18', '20', '福州第一中学', '', '家长会'], // row 8: booked as the unit
    ]);
    const byRow = Object.fromEntries(p.rows.map((r) => [r.rowNumber, r]));
    expect(byRow[2]!.status).toBe('new');
    expect(byRow[3]!.problems.venue).toBe('「场地」找不到「活动中心」：请写成已有场地的名称（例如：党群活动室），或先在“场地与服务”中新增');
    expect(byRow[4]!.problems.date).toBe('「日期」「党群活动室」5 月 10 日星期日不开放，请换一天或换一个场地');
    expect(byRow[5]!.problems.startHour).toBe('「时间」「党群活动室」5 月 9 日 14:00–16:00 已被「张三」预约，请换时间或换场地');
    expect(byRow[6]!.problems.startHour).toBe('「时间」「党群活动室」5 月 9 日 9:00–11:00 已被「李四」预约，请换时间或换场地（表中第2行）');
    expect(byRow[7]!.problems.endHour).toBe('「结束时间」应晚于开始时间（12:00）');
    expect(byRow[8]!.values).toMatchObject({ bookerKind: 'unit', bookerId: unit.id, status: '已确认' });
    expect(p.counts).toEqual({ new: 2, changed: 0, unchanged: 0, error: 5 });
  });

  it('writes nothing while a row is wrong; the valid rows only when the clerk asks; an export reads back the same', () => {
    const { preview, repos, doc } = setup();
    const p = preview(['场地', '日期', '开始时间', '结束时间', '预约人'], [['党群活动室', '2026-05-12', '9', '10', '李四'], ['党群活动室', '2026-05-12', '9', '10', '王五']]);
    const transact = (fn: () => void) => doc.transact(fn);
    expect(() => commitImport(repos.bookings as unknown as AnyRepository, transact, p, { validOnly: false })).toThrow(/有 1 行存在问题（例如第3行：「时间」/);
    expect(repos.bookings.list()).toHaveLength(1);
    expect(commitImport(repos.bookings as unknown as AnyRepository, transact, p, { validOnly: true }).created).toBe(1);
    const saved = repos.bookings.list().sort((a, b) => a.date.localeCompare(b.date));
    const rows = formatRows(saved as unknown as Record<string, unknown>[], BOOKING_COLUMNS, { mask: false, orgNodeName: () => '' });
    expect(rows[1]!.slice(0, 5)).toEqual(['党群活动室', '2026-05-12', '9:00', '10:00', '李四']);
    // Importing the export again clashes with every saved booking: nothing is doubled.
    const again = preview(BOOKING_COLUMNS.map((c) => c.header), rows);
    expect(again.counts.error).toBe(2);
  });
});
