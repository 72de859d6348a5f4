import Dexie, { type Table } from 'dexie';

/** One appended Yjs update, or the snapshot that compaction made of many. */
export interface StoredUpdate {
  seq?: number;
  update: Uint8Array;
  kind: 'update' | 'snapshot';
  at: number;
}

/** A row of the update log that could not be read when the community was opened, kept aside (never deleted). */
export interface QuarantinedUpdate {
  id?: number;
  /** Its place in `updates`. */
  seq: number;
  update: Uint8Array;
  kind: 'update' | 'snapshot';
  at: number;
  /** Why it cannot be read, in Chinese. */
  problem: string;
  movedAt: number;
}

/** A plain copy of one record, kept for indexed queries; rebuilt from the Y.Doc whenever it disagrees. */
export interface ProjectionRow {
  key: string;
  collection: string;
  id: string;
  deleted: 0 | 1;
  updatedAt: number;
  ref: string;
  title: string;
  data: Record<string, unknown>;
}

export function communityDbName(code: string): string {
  return `community-desk:${code}`;
}

/**
 * The IndexedDB database of one community. `updates` is the document itself (the source of truth);
 * `records` is a projection of it. Every transaction commits with strict durability: flushed to disk before
 * the app tells the clerk it is saved.
 */
export class CommunityDb extends Dexie {
  updates!: Table<StoredUpdate, number>;
  records!: Table<ProjectionRow, string>;
  /** Small per-PC facts about this community, e.g. what the sync server last acknowledged. */
  meta!: Table<{ key: string; value: unknown }, string>;
  /** Rows of `updates` that could not be read, moved here on opening: out of the document and of backups. */
  quarantine!: Table<QuarantinedUpdate, number>;

  constructor(code: string, dependencies?: IndexedDbDependencies) {
    super(communityDbName(code), { chromeTransactionDurability: 'strict', ...dependencies });
    this.version(1).stores({
      updates: '++seq',
      records: 'key, collection, [collection+deleted], [collection+ref], updatedAt',
    });
    this.version(2).stores({ meta: 'key' });
    this.version(3).stores({ quarantine: '++id' });
  }
}

/** Another IndexedDB implementation (tests give each simulated PC its own). */
export interface IndexedDbDependencies {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}
