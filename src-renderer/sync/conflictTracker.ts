import type * as Y from 'yjs';
import { COLLECTION_NAMES } from '../../src-shared/records';
import { changedRecordIds } from '../../src-shared/repository/collectionRepository';
import { collectionMap, recordHistory, type RecordMap } from '../../src-shared/repository/docLayout';
import { concurrentPairs } from '../../src-shared/repository/historyTruth';
import { SYNC_ORIGIN } from './syncConnection';

export interface Conflict {
  collection: string;
  id: string;
  /** When the other side's change arrived here. */
  at: number;
}

export interface ConflictMemory {
  conflicts: Conflict[];
  /** Pairs of concurrent edits already listed (and perhaps dismissed): each is listed once. */
  seenPairs?: string[];
}

/**
 * Yjs merges concurrent edits without asking; this makes them visible. When an update from the server touches a
 * record whose history holds an edit from this PC and one from another PC made while neither knew of the other, the
 * record is listed until the clerk dismisses it. This goes by the history, not by timing: whichever side synced
 * first, both PCs list the record (the history shows both values and which is in effect).
 */
export class ConflictTracker {
  private conflicts: Conflict[];
  private readonly seenPairs: Set<string>;
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: (() => void)[] = [];

  constructor(doc: Y.Doc, memory: ConflictMemory | undefined, private readonly save: (memory: ConflictMemory) => void, private readonly device = '') {
    this.conflicts = memory?.conflicts ?? [];
    this.seenPairs = new Set(memory?.seenPairs ?? []);
    for (const name of COLLECTION_NAMES) {
      const map = collectionMap(doc, name);
      const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
        if (transaction.origin !== SYNC_ORIGIN) return;
        let changed = false;
        for (const id of changedRecordIds(events, map)) changed = this.check(name, id, map.get(id)) || changed;
        if (changed) this.persist();
      };
      map.observeDeep(handler);
      this.unobserve.push(() => map.unobserveDeep(handler));
    }
  }

  list(): Conflict[] {
    return this.conflicts;
  }

  /** Kept for the sync session's call when the server has everything; detection no longer depends on it. */
  markSynced(): void {}

  dismiss(conflict: Conflict): void {
    this.conflicts = this.conflicts.filter((c) => c !== conflict);
    this.persist();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.unobserve.forEach((u) => u());
  }

  private check(collection: string, id: string, record: RecordMap | undefined): boolean {
    if (!record) return false;
    const fresh = concurrentPairs(recordHistory(record), this.device)
      .map((p) => `${collection}/${id}/${p.local.device}:${p.local.at}/${p.remote.device}:${p.remote.at}`)
      .filter((key) => !this.seenPairs.has(key));
    if (fresh.length === 0) return false;
    fresh.forEach((key) => this.seenPairs.add(key));
    if (!this.conflicts.some((c) => c.collection === collection && c.id === id)) this.conflicts = [...this.conflicts, { collection, id, at: Date.now() }];
    return true;
  }

  private persist(): void {
    this.save({ conflicts: this.conflicts, seenPairs: [...this.seenPairs] });
    this.listeners.forEach((l) => l());
  }
}
