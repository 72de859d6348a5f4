import type { FeedRow } from '../../../src-shared/street/streetAnswerTypes';

export type { FeedRow };

/** Rows of the feed as shown: a run of edits of one record by one person counts its edits and spans their times. */
export interface FeedGroup extends FeedRow {
  /** How many edits the row stands for (1 for a single change). */
  count: number;
  /** The earliest edit's time (`at` is the latest). */
  from: number;
}

/** Edits of one record by one person this close together are one row (an attendance pass is a mark a click). */
export const FEED_GROUP_GAP_MS = 30 * 60_000;

/**
 * Folds consecutive edits (newest first, as listed) of the same record by the same person, each within 30 minutes of
 * the next, into one row with their count and the union of the fields changed; creations, deletions and anything
 * between two edits keep their own rows, so nothing is hidden and the order stays the feed's.
 */
export function groupFeedRows(rows: readonly FeedRow[]): FeedGroup[] {
  const out: FeedGroup[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last && row.action === 'update' && last.action === 'update' && last.code === row.code && last.collection === row.collection && last.recordId === row.recordId && last.by === row.by && last.from - row.at <= FEED_GROUP_GAP_MS) {
      last.count += 1;
      last.from = row.at;
      for (const f of row.fields) if (!last.fields.includes(f)) last.fields.push(f);
    } else out.push({ ...row, fields: [...row.fields], count: 1, from: row.at });
  }
  return out;
}
