import type { HistoryEntry } from './docLayout';

/**
 * Yjs decides a field written on two PCs while apart by its own rule (client ids), not by time: the newest history
 * line can be the value that lost. This reads the history against the record's current values and says, per field
 * change, which write is in effect and which concurrent write did not take effect.
 */
export type ChangeStanding = 'inEffect' | 'lost' | 'earlier';

export interface ConcurrentEdit {
  field: string;
  /** The value the record holds now. */
  value: unknown;
  /** Each side's write of the field from the same earlier value, oldest first. */
  sides: { by: string; device: string; at: number; to: unknown; inEffect: boolean }[];
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a ?? '') === JSON.stringify(b ?? '');

/** For each entry (by index in `history`) and each field it changed: in effect now, lost to a concurrent write, or earlier. */
export function standings(history: readonly HistoryEntry[], current: Readonly<Record<string, unknown>>): Map<number, Record<string, ChangeStanding>> {
  const out = new Map<number, Record<string, ChangeStanding>>();
  const fields = new Set(history.flatMap((h) => Object.keys(h.changes ?? {})));
  for (const field of fields) {
    const writes = history.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.changes?.[field] !== undefined);
    const winner = [...writes].reverse().find(({ entry }) => same(entry.changes![field]!.to, current[field]));
    for (const { entry, index } of writes) {
      const change = entry.changes![field]!;
      let standing: ChangeStanding = 'earlier';
      if (winner && index === winner.index) standing = 'inEffect';
      else if (winner && entry.device !== winner.entry.device && same(change.from, winner.entry.changes![field]!.from) && !same(change.to, current[field])) standing = 'lost';
      out.set(index, { ...out.get(index), [field]: standing });
    }
  }
  return out;
}

/** The fields written on two sides while apart: the value in effect and each side's value, with who and when. */
export function concurrentEdits(history: readonly HistoryEntry[], current: Readonly<Record<string, unknown>>): ConcurrentEdit[] {
  const marks = standings(history, current);
  const edits: ConcurrentEdit[] = [];
  const fields = new Set([...marks.values()].flatMap((m) => Object.entries(m).filter(([, s]) => s === 'lost').map(([f]) => f)));
  for (const field of fields) {
    const sides = history
      .map((entry, index) => ({ entry, standing: marks.get(index)?.[field] }))
      .filter(({ standing }) => standing === 'inEffect' || standing === 'lost')
      .map(({ entry, standing }) => ({ by: entry.by, device: entry.device, at: entry.at, to: entry.changes![field]!.to, inEffect: standing === 'inEffect' }));
    edits.push({ field, value: current[field], sides });
  }
  return edits;
}

/**
 * Pairs of entries written on this PC and on another while neither knew of the other, in the history's merged order
 * (the Y.Array's, not sorted by time). Views of a record ('reveal') are not edits.
 */
export function concurrentPairs(history: readonly HistoryEntry[], device: string): { local: HistoryEntry; remote: HistoryEntry }[] {
  const pairs: { local: HistoryEntry; remote: HistoryEntry }[] = [];
  history.forEach((later, j) => {
    if (later.seen === undefined || later.action === 'reveal') return;
    for (let i = later.seen; i < j; i++) {
      const earlier = history[i]!;
      if (earlier.action === 'reveal' || earlier.device === later.device) continue;
      if (earlier.device === device) pairs.push({ local: earlier, remote: later });
      else if (later.device === device) pairs.push({ local: later, remote: earlier });
    }
  });
  return pairs;
}
