import * as Y from 'yjs';
import { checkUpdate } from '../../src-shared/sync/updateCheck';
import { rowCrc, type StoredRow } from './syncStore';

export interface UnreadableRow {
  seq: number;
  problem: string;
}

/**
 * A document's stored rows merged into one update, the rows that had to be left out, and the rows read whole for the
 * first time (an older build's, to mark). A row whose CRC still matches was read whole when it arrived and is merged
 * as it is; any other row is read whole first (`checkUpdate`), and one that cannot be read (cut short, garbage after
 * it, a reference Yjs cannot apply) is named so the caller moves it aside. The rest of the document is always served:
 * one bad row never locks a community out. `thorough` reads every row whole (the `verify` command).
 */
export function readStoredDocument(rows: readonly StoredRow[], thorough = false): { merged: Uint8Array; unreadable: UnreadableRow[]; firstChecked: StoredRow[] } {
  const unreadable: UnreadableRow[] = [];
  const readable: StoredRow[] = [];
  const firstChecked: StoredRow[] = [];
  for (const row of rows) {
    if (!thorough && row.crc !== undefined && row.crc !== null && row.crc === rowCrc(row.data)) {
      readable.push(row);
      continue;
    }
    const result = checkUpdate(row.data);
    if (result.ok) {
      readable.push(row);
      if (row.crc === undefined || row.crc === null || row.crc !== rowCrc(row.data)) firstChecked.push(row);
    } else unreadable.push({ seq: row.seq, problem: result.problem });
  }
  const whole = tryMerge(readable.map((r) => r.data));
  if (whole) return { merged: whole, unreadable, firstChecked };

  // Every row reads on its own but together they do not (never seen; Yjs merges any two whole updates): add them one
  // by one and leave out each that breaks the merge.
  let merged = Y.mergeUpdates([]);
  for (const row of readable) {
    const next = tryMerge([merged, row.data]);
    if (next) merged = next;
    else {
      const result = checkUpdate(row.data);
      unreadable.push({ seq: row.seq, problem: result.ok ? '单独完整，但无法与之前的数据合并' : result.problem });
    }
  }
  return { merged, unreadable: unreadable.sort((a, b) => a.seq - b.seq), firstChecked: firstChecked.filter((r) => !unreadable.some((u) => u.seq === r.seq)) };
}

/** The merged update when the updates merge (a single update is returned as it is), else null. */
function tryMerge(updates: readonly Uint8Array[]): Uint8Array | null {
  try {
    return Y.mergeUpdates([...updates]);
  } catch {
    return null;
  }
}
