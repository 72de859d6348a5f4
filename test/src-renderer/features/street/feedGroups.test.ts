import { describe, expect, it } from 'vitest';
import { groupFeedRows, type FeedRow } from '../../../../src-renderer/features/street/feedGroups';

const MIN = 60_000;
let n = 0;
const row = (over: Partial<FeedRow>): FeedRow => ({ row: ++n, code: 'c1', community: '三坊七巷社区', collection: 'meetings', recordId: 'm1', title: '支部党员大会', action: 'update', by: '王小红', at: 0, fields: ['attendance'], ...over });

describe('groupFeedRows', () => {
  it('folds one person\'s run of edits of one record into a row with the count and the span of times', () => {
    const marks = [6, 5, 4, 3, 2, 1].map((i) => row({ at: i * MIN }));
    const grouped = groupFeedRows([...marks, row({ action: 'create', at: 0 })]);
    expect(grouped.map((g) => [g.action, g.count, g.from, g.at])).toEqual([['update', 6, 1 * MIN, 6 * MIN], ['create', 1, 0, 0]]);
  });

  it('keeps apart what another person, another record, a long pause or a change between them did, and lists every field', () => {
    const rows = [
      row({ at: 100 * MIN, fields: ['minutes'] }),
      row({ at: 99 * MIN }),
      row({ at: 98 * MIN, by: '李明' }),
      row({ at: 97 * MIN }),
      row({ at: 96 * MIN, recordId: 'm2' }),
      row({ at: 95 * MIN }),
      row({ at: 20 * MIN }),
    ];
    const grouped = groupFeedRows(rows);
    expect(grouped.map((g) => [g.by, g.recordId, g.count])).toEqual([['王小红', 'm1', 2], ['李明', 'm1', 1], ['王小红', 'm1', 1], ['王小红', 'm2', 1], ['王小红', 'm1', 1], ['王小红', 'm1', 1]]);
    expect(grouped[0]!.fields).toEqual(['minutes', 'attendance']);
    // Every change is accounted for.
    expect(grouped.reduce((s, g) => s + g.count, 0)).toBe(rows.length);
  });
});
