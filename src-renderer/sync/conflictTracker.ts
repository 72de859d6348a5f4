import type * as Y from 'yjs';
import { COLLECTION_NAMES } from '../../src-shared/records';
import { changedRecordIds } from '../../src-shared/repository/collectionRepository';
import { collectionMap, ORIGIN } from '../../src-shared/repository/docLayout';
import { SYNC_ORIGIN } from './syncConnection';

export interface Conflict {
  collection: string;
  id: string;
  /** When the other side's change arrived here. */
  at: number;
}

export interface ConflictMemory {
  /** Records edited on this PC since it was last fully in sync with the server. */
  localSinceSync: string[];
  conflicts: Conflict[];
}

/**
 * Yjs merges concurrent edits without asking; this makes them visible. A record edited here since the last full
 * sync that then receives an edit from the server was edited on both sides: it is listed until the clerk dismisses it
 * (the record's history shows both values and who wrote them).
 */
export class ConflictTracker {
  private localSinceSync: Set<string>;
  private conflicts: Conflict[];
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: (() => void)[] = [];

  constructor(doc: Y.Doc, memory: ConflictMemory | undefined, private readonly save: (memory: ConflictMemory) => void) {
    this.localSinceSync = new Set(memory?.localSinceSync ?? []);
    this.conflicts = memory?.conflicts ?? [];
    for (const name of COLLECTION_NAMES) {
      const map = collectionMap(doc, name);
      const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
        const keys = [...changedRecordIds(events, map)].map((id) => `${name}/${id}`);
        if (transaction.origin === ORIGIN.local || transaction.origin === ORIGIN.otherWindow) {
          keys.forEach((k) => this.localSinceSync.add(k));
          this.persist();
        } else if (transaction.origin === SYNC_ORIGIN) {
          const both = keys.filter((k) => this.localSinceSync.has(k) && !this.conflicts.some((c) => `${c.collection}/${c.id}` === k));
          if (both.length === 0) return;
          const at = Date.now();
          this.conflicts = [...this.conflicts, ...both.map((k) => ({ collection: k.split('/')[0]!, id: k.split('/')[1]!, at }))];
          this.persist();
        }
      };
      map.observeDeep(handler);
      this.unobserve.push(() => map.unobserveDeep(handler));
    }
  }

  list(): Conflict[] {
    return this.conflicts;
  }

  /** The server has everything this PC had: local edits from now on start a new round. */
  markSynced(): void {
    if (this.localSinceSync.size === 0) return;
    this.localSinceSync = new Set();
    this.persist();
  }

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

  private persist(): void {
    this.save({ localSinceSync: [...this.localSinceSync], conflicts: this.conflicts });
    this.listeners.forEach((l) => l());
  }
}
