import * as Y from 'yjs';
import {
  readCommunityInfo, validateCommunitySetup, writeCommunityInfo, type CommunityInfo, type CommunitySetupInput,
} from '../../src-shared/community/communityInfo';
import { parseDivisionCode } from '../../src-shared/community/divisionCode';
import { ValidationError } from '../../src-shared/errors';
import { OrgTree } from '../../src-shared/records/orgNode';
import { CommunitySettings } from '../../src-shared/settings/communitySettings';
import { COLLECTION_NAMES } from '../../src-shared/records';
import { changedRecordIds, type AnyRepository } from '../../src-shared/repository/collectionRepository';
import { ORIGIN, collectionMap, metaMap, type EditContext } from '../../src-shared/repository/docLayout';
import { INFO_META_KEY } from './communityPreview';
import { createRepositories, type Repositories } from '../../src-shared/repository/repositories';
import { migrateDocument, type MigrationResult } from '../../src-shared/schema/migrations';
import { checkUpdate } from '../../src-shared/sync/updateCheck';
import { CommunityDb, type IndexedDbDependencies, type ProjectionRow, type QuarantinedUpdate, type StoredUpdate } from './communityDb';
import { projectRecord, verifyProjection } from './projection';

export type SaveState = 'saved' | 'saving' | 'error';

export interface SaveStatus {
  state: SaveState;
  /** Edits made in this window and not yet committed to IndexedDB. */
  pending: number;
  lastSavedAt?: number;
  error?: string;
}

export interface OpenOptions {
  context: EditContext;
  /** Compact the update log once it holds this many rows. */
  compactThreshold?: number;
  /** Compact right after opening (off in benchmarks that measure the bare open). */
  compactOnOpen?: boolean;
  /** Check the projection tables against the document after opening. */
  verifyOnOpen?: boolean;
  /** Simulated separate PCs in one process (tests): their own IndexedDB and window channel. */
  isolation?: { dependencies: IndexedDbDependencies; channelPrefix: string };
}

interface WindowMessage {
  type: 'update';
  update: Uint8Array;
}

/**
 * Transactions whose updates are already in IndexedDB: replaying them must not write them again. Updates from another
 * window are stored here too (that window may not have committed yet, and an edit made here on top of one must never
 * depend on an update that never reached the disk); the duplicate rows are merged by compaction.
 */
const STORED_ORIGINS = new Set<unknown>([ORIGIN.load]);
const RETRY_MS = 2000;

/**
 * A community document open in this window: the Y.Doc (source of truth), its repositories, and its persistence.
 * Edits are posted to other windows of the same community as they happen, and appended to IndexedDB (with their
 * projection rows, in the same transaction) by every window that has them.
 */
export class CommunityStore {
  readonly repos: Repositories;
  readonly orgTree: OrgTree;
  readonly settings: CommunitySettings;
  private readonly db: CommunityDb;
  private readonly channel: BroadcastChannel;
  private pendingUpdates: Uint8Array[] = [];
  private dirty = new Map<string, Set<string>>();
  private flushing: Promise<void> | null = null;
  private compacting: Promise<unknown> | null = null;
  private status: SaveStatus = { state: 'saved', pending: 0 };
  private readonly statusListeners = new Set<(s: SaveStatus) => void>();
  private rowsSinceCompaction = 0;
  private closed = false;
  migration: MigrationResult = { from: 0, to: 0 };
  /** Rows of the update log that could not be read at this opening and were moved aside (see `readableRows`). */
  setAside: { seq: number; at: number; bytes: number; problem: string }[] = [];
  projectionCheck: Promise<{ checked: number; repaired: number }> = Promise.resolve({ checked: 0, repaired: 0 });

  private constructor(
    readonly code: string,
    readonly doc: Y.Doc,
    /** Who edits on this PC and the clock: also names this PC's side in merges. */
    readonly context: EditContext,
    private readonly options: OpenOptions,
  ) {
    this.db = new CommunityDb(code, options.isolation?.dependencies);
    this.repos = createRepositories(doc, context);
    this.orgTree = new OrgTree(this.repos.orgNodes);
    this.settings = new CommunitySettings(doc);
    this.channel = new BroadcastChannel(`${options.isolation?.channelPrefix ?? ''}community-desk:${code}`);
  }

  /** Opens (or creates) the community whose 12-digit division code is given; the code also names the Y.Doc. */
  static async open(code: string, options: OpenOptions): Promise<CommunityStore> {
    const parsed = parseDivisionCode(code);
    if (!parsed.ok) throw new ValidationError([{ field: 'code', label: '统计用区划代码', message: parsed.message }]);
    const store = new CommunityStore(parsed.value.code, new Y.Doc({ guid: parsed.value.code }), options.context, options);
    await store.load();
    return store;
  }

  get info(): CommunityInfo | undefined {
    return readCommunityInfo(this.doc);
  }

  get saveStatus(): SaveStatus {
    return this.status;
  }

  /** First run: records the community and creates the top of its organisation tree, in one transaction. */
  initialise(input: CommunitySetupInput, now = Date.now()): void {
    const setup = validateCommunitySetup(input);
    if (setup.code !== this.code) throw new Error(`区划代码 ${setup.code} 与打开的社区 ${this.code} 不一致`);
    if (this.info) return;
    this.doc.transact(() => {
      writeCommunityInfo(this.doc, { code: setup.code, name: setup.name, streetName: setup.streetName, createdAt: now });
      this.orgTree.ensureRoots(setup.streetName, setup.name);
    }, ORIGIN.local);
  }

  onSaveStatus(listener: (s: SaveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Resolves when every edit made so far in this window is committed to IndexedDB. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.status.state === 'error') throw new Error(this.status.error);
  }

  /** Number of rows in the update log (one after compaction, plus edits since). */
  updateRowCount(): Promise<number> {
    return this.db.updates.count();
  }

  /** The stored update log (for the sync client to count what the server has not acknowledged yet). */
  async storedUpdates(): Promise<Uint8Array[]> {
    return (await this.db.updates.toArray()).map((r) => r.update);
  }

  async loadMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.meta.get(key))?.value as T | undefined;
  }

  async saveMeta(key: string, value: unknown): Promise<void> {
    await this.db.meta.put({ key, value });
  }

  /** Bytes of the stored update log, for the storage benchmark. */
  async storedBytes(): Promise<number> {
    let total = 0;
    await this.db.updates.each((row) => (total += row.update.byteLength));
    return total;
  }

  /**
   * Replaces the update log with one snapshot, in a single IndexedDB transaction. Rows are read, merged and
   * deleted inside that transaction, so an update another window writes meanwhile is either read and merged, or
   * committed after and kept: never dropped.
   */
  compact(): Promise<{ before: number; after: number }> {
    const run = async () => {
      const result = await this.db.transaction('rw', this.db.updates, async () => {
        const rows = await this.db.updates.toArray();
        if (rows.length < 2) return { before: rows.length, after: rows.length };
        // Rebuilding in a scratch doc (rather than Y.mergeUpdates) lets Yjs drop deleted content from the snapshot.
        const scratch = new Y.Doc();
        scratch.transact(() => {
          for (const row of rows) Y.applyUpdate(scratch, row.update);
        });
        const snapshot = Y.encodeStateAsUpdate(scratch);
        scratch.destroy();
        await this.db.updates.bulkDelete(rows.map((r) => r.seq as number));
        await this.db.updates.add({ update: snapshot, kind: 'snapshot', at: Date.now() });
        return { before: rows.length, after: 1 };
      });
      this.rowsSinceCompaction = 0;
      return result;
    };
    const job = (this.compacting ?? Promise.resolve()).then(run, run);
    this.compacting = job.finally(() => {
      if (this.compacting === job) this.compacting = null;
    });
    return job;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush().catch(() => undefined);
    // Background work of this store must finish before its database closes.
    await Promise.allSettled([this.compacting, this.projectionCheck]);
    this.closed = true;
    this.channel.close();
    this.db.close();
    this.doc.destroy();
  }

  private async load(): Promise<void> {
    // Listen before reading, so an update another window commits while we read is not missed.
    const early: Uint8Array[] = [];
    let loaded = false;
    this.channel.onmessage = (event: MessageEvent<WindowMessage>) => {
      if (event.data?.type !== 'update') return;
      if (loaded) Y.applyUpdate(this.doc, event.data.update, ORIGIN.otherWindow);
      else early.push(event.data.update);
    };
    const rows = await this.readableRows();
    this.doc.transact(() => {
      for (const row of rows) Y.applyUpdate(this.doc, row.update);
      for (const update of early) Y.applyUpdate(this.doc, update);
    }, ORIGIN.load);
    loaded = true;
    this.rowsSinceCompaction = rows.length;

    this.watchForEdits();
    this.migration = migrateDocument(this.doc, this.options.context);
    this.keepInfoForPreview();
    if (this.options.verifyOnOpen !== false) this.projectionCheck = verifyProjection(this.db, this.repos);
    if (this.options.compactOnOpen !== false && rows.length >= this.compactThreshold) void this.compact();
  }

  /**
   * The update log, each row read whole first. A row that cannot be read (cut short by a crash or a disk fault) is
   * moved to `quarantine` in one transaction and reported (`setAside`): the community opens with the rest, and the
   * next backup, which copies `updates`, does not carry it.
   */
  private async readableRows(): Promise<StoredUpdate[]> {
    const rows = await this.db.updates.toArray();
    const readable: StoredUpdate[] = [];
    const damaged: QuarantinedUpdate[] = [];
    const movedAt = Date.now();
    for (const row of rows) {
      const checked = checkUpdate(row.update);
      if (checked.ok) readable.push(row);
      else damaged.push({ seq: row.seq!, update: row.update, kind: row.kind, at: row.at, problem: checked.problem, movedAt });
    }
    if (damaged.length > 0) {
      await this.db.transaction('rw', this.db.updates, this.db.quarantine, async () => {
        await this.db.quarantine.bulkAdd(damaged);
        await this.db.updates.bulkDelete(damaged.map((d) => d.seq));
      });
      this.setAside = damaged.map(({ seq, at, update, problem }) => ({ seq, at, bytes: update.byteLength, problem }));
      console.warn(`本机社区数据中有 ${damaged.length} 条修改记录无法读取，已移至隔离区`, this.setAside);
    }
    return readable;
  }

  /** Rows of the log ever set aside on this PC (this opening's and earlier ones), newest first. */
  async quarantined(): Promise<{ seq: number; at: number; bytes: number; problem: string; movedAt: number }[]> {
    const rows = await this.db.quarantine.toArray();
    return rows.map(({ seq, at, update, problem, movedAt }) => ({ seq, at, bytes: update.byteLength, problem, movedAt })).sort((a, b) => b.movedAt - a.movedAt || b.seq - a.seq);
  }

  /** The next opening shows the community's name (and its roster) from IndexedDB before the document is decoded. */
  private keepInfoForPreview(): void {
    let saved = '';
    const save = () => {
      const info = this.info;
      if (!info || this.closed || JSON.stringify(info) === saved) return;
      saved = JSON.stringify(info);
      void this.saveMeta(INFO_META_KEY, info).catch(() => undefined);
    };
    save();
    metaMap(this.doc).observe(save);
  }

  private get compactThreshold(): number {
    return this.options.compactThreshold ?? 200;
  }

  private watchForEdits(): void {
    for (const name of COLLECTION_NAMES) {
      const map = collectionMap(this.doc, name);
      map.observeDeep((events, transaction) => {
        if (STORED_ORIGINS.has(transaction.origin)) return;
        const ids = changedRecordIds(events, map);
        const set = this.dirty.get(name) ?? new Set<string>();
        for (const id of ids) set.add(id);
        this.dirty.set(name, set);
      });
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (STORED_ORIGINS.has(origin) || this.closed) return;
      // Other windows see the edit at once, not after this window's disk flush (which can take a second).
      if (origin !== ORIGIN.otherWindow) this.channel.postMessage({ type: 'update', update } satisfies WindowMessage);
      this.pendingUpdates.push(update);
      this.setStatus({ ...this.status, state: 'saving', pending: this.pendingUpdates.length });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    // Let the rest of the current task's edits join this batch.
    await Promise.resolve();
    try {
      while (this.pendingUpdates.length > 0) {
        const batch = this.pendingUpdates;
        const dirty = this.dirty;
        this.pendingUpdates = [];
        this.dirty = new Map();
        const update = batch.length === 1 ? (batch[0] as Uint8Array) : Y.mergeUpdates(batch);
        const rows = this.projectionRows(dirty);
        try {
          await this.db.transaction('rw', this.db.updates, this.db.records, async () => {
            await this.db.updates.add({ update, kind: 'update', at: Date.now() });
            if (rows.length > 0) await this.db.records.bulkPut(rows);
          });
        } catch (error) {
          // Keep the edits in memory and in order, tell the clerk, and try again: nothing is dropped.
          this.pendingUpdates = [...batch, ...this.pendingUpdates];
          for (const [name, ids] of dirty) for (const id of ids) this.markDirty(name, id);
          this.setStatus({ ...this.status, state: 'error', pending: this.pendingUpdates.length, error: describeStorageError(error) });
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          if (this.closed) return;
          continue;
        }
        this.rowsSinceCompaction++;
        this.setStatus({ state: this.pendingUpdates.length > 0 ? 'saving' : 'saved', pending: this.pendingUpdates.length, lastSavedAt: Date.now() });
      }
      if (this.rowsSinceCompaction >= this.compactThreshold && !this.compacting) void this.compact();
    } finally {
      this.flushing = null;
    }
  }

  private markDirty(name: string, id: string): void {
    const set = this.dirty.get(name) ?? new Set<string>();
    set.add(id);
    this.dirty.set(name, set);
  }

  private projectionRows(dirty: Map<string, Set<string>>): ProjectionRow[] {
    const rows: ProjectionRow[] = [];
    for (const [name, ids] of dirty) {
      const repo = this.repos[name as keyof Repositories] as unknown as AnyRepository;
      for (const id of ids) {
        const row = projectRecord(repo, id);
        if (row) rows.push(row);
      }
    }
    return rows;
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

function describeStorageError(error: unknown): string {
  const name = (error as { name?: string })?.name ?? '';
  if (name === 'QuotaExceededError') return '磁盘空间不足，修改暂存在内存中：请清理磁盘后保持本窗口打开，系统会自动重试保存';
  return `保存到本机失败（${name || String(error)}），修改暂存在内存中，系统正在自动重试；请勿关闭窗口`;
}
