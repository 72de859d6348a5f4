import * as Y from 'yjs';
import { checkUpdate } from '../../src-shared/sync/updateCheck';
import type { StoredRow } from './syncStore';

export interface UnreadableRow {
  seq: number;
  problem: string;
}

/**
 * A document's stored rows merged into one update, and the rows that had to be left out. The usual case costs one
 * merge and one check of its result; only when either fails is each row checked on its own, and a row that cannot be
 * read (cut short, garbage after it, a reference Yjs cannot apply) is named so the caller moves it aside. The rest of
 * the document is always served: one bad row never locks a community out.
 */
export function readStoredDocument(rows: readonly StoredRow[]): { merged: Uint8Array; unreadable: UnreadableRow[] } {
  const whole = tryMerge(rows.map((r) => r.data));
  if (whole) return { merged: whole, unreadable: [] };

  const unreadable: UnreadableRow[] = [];
  const readable: StoredRow[] = [];
  for (const row of rows) {
    const result = checkUpdate(row.data);
    if (result.ok) readable.push(row);
    else unreadable.push({ seq: row.seq, problem: result.problem });
  }
  const rest = tryMerge(readable.map((r) => r.data));
  if (rest) return { merged: rest, unreadable };

  // Every row reads on its own but together they do not (never seen; Yjs merges any two whole updates): add them one
  // by one and leave out each that breaks the merge.
  let merged = Y.mergeUpdates([]);
  for (const row of readable) {
    const next = tryMerge([merged, row.data]);
    if (next) merged = next;
    else unreadable.push({ seq: row.seq, problem: '单独完整，但无法与之前的数据合并' });
  }
  return { merged, unreadable: unreadable.sort((a, b) => a.seq - b.seq) };
}

/** The merged update when it merges and reads whole, else null. */
function tryMerge(updates: readonly Uint8Array[]): Uint8Array | null {
  try {
    const merged = Y.mergeUpdates([...updates]);
    return checkUpdate(merged).ok ? merged : null;
  } catch {
    return null;
  }
}
