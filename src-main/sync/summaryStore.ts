import type { FeedRow } from '../../src-shared/street/streetAnswerTypes';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import * as Y from 'yjs';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName } from '../../src-shared/records';
import {
  BASE_KEY_PREFIX, HISTORY_KEY_PREFIX, META_MAP_NAME, baseHistory, collectionMap, recordHistory, recordMeta,
  type HistoryEntry, type RecordBase,
} from '../../src-shared/repository/docLayout';
import { migrateDocument } from '../../src-shared/schema/migrations';

const COLLECTION_SET = new Set<string>(COLLECTION_NAMES);
const TITLE_FIELD = Object.fromEntries(COLLECTION_NAMES.map((name) => [name, COLLECTIONS[name].titleField as string])) as Record<CollectionName, string>;
/** Layout 3 is the first whose history entries and bases always carry their record: summaries are kept from it on. */
const FIRST_SUMMARISED_LAYOUT = 3;

export interface FeedQuery {
  /** Document codes starting with this (a token's scope). */
  scope: string;
  since?: number;
  until?: number;
  community?: string;
  collection?: string;
  by?: string;
  limit?: number;
  /** The last row of the previous page: rows after it, in the same order (newest first). */
  after?: { at: number; row: number };
}

export type { FeedRow };

export interface DocumentFigures {
  code: string;
  name: string;
  streetName: string;
  schema: number;
  counts: Record<string, number>;
}

/** What a summary holds, read back for comparison with a recompute from the document. */
interface SummaryContent {
  name: string;
  streetName: string;
  counts: Record<string, number>;
  feed: Set<string>;
}

interface RecordRow {
  collection: string;
  record_id: string;
  title: string;
  base_deleted: number;
  base_at: number;
  state_at: number | null;
  state_device: string | null;
  state_deleted: number | null;
}

interface MetaWrite {
  id: string;
  client: number;
  /** The write this one saw (its left origin), as "client:clock"; '' for the key's first. */
  origin: string;
  value: unknown;
}

/** Yjs's integration of a map key's new item (its right origin is always none): where it goes among the others. */
function integrateWrite(list: MetaWrite[], write: MetaWrite): void {
  const indexOf = (id: string) => list.findIndex((w) => w.id === id);
  let left = write.origin ? indexOf(write.origin) : -1;
  const beforeOrigin = new Set<string>();
  const conflicting = new Set<string>();
  for (let i = left + 1; i < list.length; i++) {
    const o = list[i]!;
    beforeOrigin.add(o.id);
    conflicting.add(o.id);
    if (o.origin === write.origin) {
      if (o.client < write.client) {
        left = i;
        conflicting.clear();
      } else break;
    } else if (o.origin && beforeOrigin.has(o.origin)) {
      if (!conflicting.has(o.origin)) {
        left = i;
        conflicting.clear();
      }
    } else break;
  }
  list.splice(left + 1, 0, write);
}

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Per community document, the figures the street's overview and change feed show, kept in the server's SQLite as
 * updates arrive: read from each decoded update (its new records, bases and history entries), never from the whole
 * document. A record's deleted state follows the same rule as the app's (docLayout.recordMeta): the latest delete or
 * restore of its history, else its base. A document of an older layout, or one whose summary a layout migration
 * made stale, is summarised once from its whole state (`rebuild`); `verify` compares a summary with a recompute.
 */
export class SummaryStore {
  private readonly statements = new Map<string, StatementSync>();

  constructor(private readonly db: DatabaseSync) {
    // One transaction: one sync to disk for the whole schema.
    db.exec(`
      BEGIN;
      CREATE TABLE IF NOT EXISTS summary_docs (doc TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', street TEXT NOT NULL DEFAULT '', schema INTEGER NOT NULL DEFAULT 0, stale INTEGER NOT NULL DEFAULT 0, meta TEXT NOT NULL DEFAULT '{}');
      CREATE TABLE IF NOT EXISTS summary_counts (doc TEXT NOT NULL, collection TEXT NOT NULL, live INTEGER NOT NULL, PRIMARY KEY (doc, collection)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS summary_records (doc TEXT NOT NULL, client INTEGER NOT NULL, clock INTEGER NOT NULL, collection TEXT NOT NULL, record_id TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
        base_deleted INTEGER NOT NULL DEFAULT 0, base_at INTEGER NOT NULL DEFAULT -1, state_at INTEGER, state_device TEXT, state_deleted INTEGER, PRIMARY KEY (doc, client, clock)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS summary_feed (row INTEGER PRIMARY KEY, doc TEXT NOT NULL, client INTEGER NOT NULL, clock INTEGER NOT NULL, idx INTEGER NOT NULL, collection TEXT NOT NULL, record_id TEXT NOT NULL,
        title TEXT NOT NULL, action TEXT NOT NULL, by TEXT NOT NULL, at INTEGER NOT NULL, fields TEXT NOT NULL, UNIQUE (doc, client, clock, idx));
      CREATE INDEX IF NOT EXISTS summary_feed_at ON summary_feed (at, row);
      CREATE INDEX IF NOT EXISTS summary_feed_doc_at ON summary_feed (doc, at, row);
      CREATE INDEX IF NOT EXISTS summary_feed_collection_at ON summary_feed (collection, at, row);
      CREATE INDEX IF NOT EXISTS summary_feed_by_at ON summary_feed (by, at, row);
      COMMIT;
    `);
  }

  /** Adds what one stored update changed to its document's summary. Idempotent: an update applied twice changes nothing. */
  apply(doc: string, update: Uint8Array): void {
    this.transaction(() => this.applyWithin(doc, update));
  }

  /** As apply, inside a transaction the caller holds (the one that stores the update). */
  applyWithin(doc: string, update: Uint8Array): void {
    this.applyDecoded(doc, Y.decodeUpdate(update));
  }

  /** The summary is recomputed from the document before it is next read. */
  markStale(doc: string): void {
    this.run('INSERT INTO summary_docs (doc, stale) VALUES (?, 1) ON CONFLICT (doc) DO UPDATE SET stale = 1', doc);
  }

  /** Whether the document's summary must be recomputed from its whole state before it is read. */
  needsRebuild(doc: string): boolean {
    const row = this.get('SELECT schema, stale FROM summary_docs WHERE doc = ?', doc) as { schema: number; stale: number } | undefined;
    return !row || row.stale === 1;
  }

  /**
   * Recomputes a document's summary from its whole state (one merged update). A document of an older layout is
   * migrated in memory first (nothing is stored): its summary is marked stale again when the real migration arrives.
   */
  rebuild(doc: string, state: Uint8Array): void {
    const { update, schema } = currentLayoutState(state);
    this.transaction(() => {
      this.clear(doc);
      this.applyDecoded(doc, Y.decodeUpdate(update));
      // The stored layout, not the one read here: the real migration, when it arrives, makes the summary stale again.
      this.run('UPDATE summary_docs SET stale = 0, schema = ? WHERE doc = ?', schema, doc);
    });
  }

  /**
   * Compares the summary with a recompute from the document as the app reads it (docLayout): counts, name and every
   * feed entry. Returns the differences in Chinese, none when they agree.
   */
  verify(doc: string, state: Uint8Array): string[] {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, currentLayoutState(state).update);
    try {
      const expected = contentOfDocument(ydoc);
      const actual = this.content(doc);
      const problems: string[] = [];
      if (expected.name !== actual.name) problems.push(`社区名称：摘要为「${actual.name}」，文档为「${expected.name}」`);
      if (expected.streetName !== actual.streetName) problems.push(`街道名称：摘要为「${actual.streetName}」，文档为「${expected.streetName}」`);
      for (const name of COLLECTION_NAMES) {
        const [want, have] = [expected.counts[name] ?? 0, actual.counts[name] ?? 0];
        if (want !== have) problems.push(`${COLLECTIONS[name].label}条数：摘要为 ${have}，文档为 ${want}`);
      }
      const missing = [...expected.feed].filter((k) => !actual.feed.has(k));
      const extra = [...actual.feed].filter((k) => !expected.feed.has(k));
      if (missing.length > 0) problems.push(`变更动态缺少 ${missing.length} 条，例如 ${missing[0]}`);
      if (extra.length > 0) problems.push(`变更动态多出 ${extra.length} 条，例如 ${extra[0]}`);
      return problems;
    } finally {
      ydoc.destroy();
    }
  }

  /** Name, layout and live record counts of the documents whose code starts with the prefix. */
  figures(prefix: string): DocumentFigures[] {
    const docs = this.all("SELECT doc, name, street, schema FROM summary_docs WHERE doc >= ? AND doc < ? ORDER BY doc", prefix, `${prefix}\uffff`) as { doc: string; name: string; street: string; schema: number }[];
    const counts = this.all("SELECT doc, collection, live FROM summary_counts WHERE doc >= ? AND doc < ?", prefix, `${prefix}\uffff`) as { doc: string; collection: string; live: number }[];
    const byDoc = new Map(docs.map((d) => [d.doc, { code: d.doc, name: d.name, streetName: d.street, schema: d.schema, counts: {} as Record<string, number> }]));
    for (const c of counts) {
      const figures = byDoc.get(c.doc);
      if (figures) figures.counts[c.collection] = c.live;
    }
    return [...byDoc.values()];
  }

  /** One page of the change feed, newest first, by indexes (time; and community, record type or person when given). */
  feed(query: FeedQuery): FeedRow[] {
    const where = ['f.doc >= ?', 'f.doc < ?', "f.action != 'reveal'"];
    const args: (string | number)[] = [query.scope, `${query.scope}\uffff`];
    const add = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (query.community) add('f.doc = ?', query.community);
    if (query.collection) add('f.collection = ?', query.collection);
    // Part of a name finds the person (“李” finds 李明 and 李组织委员).
    if (query.by) add('instr(f.by, ?) > 0', query.by);
    if (query.since !== undefined) add('f.at >= ?', query.since);
    if (query.until !== undefined) add('f.at < ?', query.until);
    if (query.after) add('(f.at < ? OR (f.at = ? AND f.row < ?))', query.after.at, query.after.at, query.after.row);
    const index = query.community ? 'summary_feed_doc_at' : query.collection ? 'summary_feed_collection_at' : 'summary_feed_at';
    const limit = Math.max(1, Math.min(500, query.limit ?? 100));
    const rows = this.all(
      `SELECT f.row, f.doc, d.name, f.collection, f.record_id, f.title, f.action, f.by, f.at, f.fields FROM summary_feed f INDEXED BY ${index}
       LEFT JOIN summary_docs d ON d.doc = f.doc WHERE ${where.join(' AND ')} ORDER BY f.at DESC, f.row DESC LIMIT ${limit}`,
      ...args,
    ) as { row: number; doc: string; name: string | null; collection: string; record_id: string; title: string; action: HistoryEntry['action']; by: string; at: number; fields: string }[];
    return rows.map((r) => ({ row: r.row, code: r.doc, community: r.name || r.doc, collection: r.collection, recordId: r.record_id, title: r.title, action: r.action, by: r.by, at: r.at, fields: r.fields ? r.fields.split(',') : [] }));
  }

  /** Forgets a document's summary (before a rebuild). */
  clear(doc: string): void {
    for (const table of ['summary_docs', 'summary_counts', 'summary_records', 'summary_feed']) this.run(`DELETE FROM ${table} WHERE doc = ?`, doc);
  }

  private applyDecoded(doc: string, { structs }: DecodedUpdate): void {
    const items = structs.filter((s): s is Y.Item => s instanceof Y.Item && !s.deleted);
    this.run('INSERT OR IGNORE INTO summary_docs (doc) VALUES (?)', doc);
    const before = this.get('SELECT schema, stale FROM summary_docs WHERE doc = ?', doc) as { schema: number; stale: number };
    this.applyMeta(doc, items);
    const after = this.get('SELECT schema FROM summary_docs WHERE doc = ?', doc) as { schema: number };
    // Before layout 3 an entry's record cannot be read from the update alone; and a migration rewrites every record.
    // (A document without meta yet is being written by a current build: its records are summarised as they come.)
    const older = (schema: number) => schema > 0 && schema < FIRST_SUMMARISED_LAYOUT;
    if (older(after.schema) || older(before.schema)) {
      this.run('UPDATE summary_docs SET stale = 1 WHERE doc = ?', doc);
      return;
    }
    if (before.stale === 1) return;
    const records = new Map<string, { collection: string; recordId: string }>();
    for (const item of items) {
      const parent = parentOf(item);
      if (typeof parent === 'string' && COLLECTION_SET.has(parent) && item.parentSub && item.content instanceof Y.ContentType) {
        records.set(idKey(item.id), { collection: parent, recordId: item.parentSub });
        this.run('INSERT OR IGNORE INTO summary_records (doc, client, clock, collection, record_id) VALUES (?, ?, ?, ?, ?)', doc, item.id.client, item.id.clock, parent, item.parentSub);
      }
    }
    for (const item of items) {
      const parent = parentOf(item);
      const key = item.parentSub;
      if (!key || !parent || typeof parent === 'string' || !(item.content instanceof Y.ContentAny)) continue;
      const isBase = key.startsWith(BASE_KEY_PREFIX);
      if (!isBase && !key.startsWith(HISTORY_KEY_PREFIX)) continue;
      const owner = parent as Y.ID;
      const record = records.get(idKey(owner)) ?? (this.get('SELECT collection, record_id AS recordId FROM summary_records WHERE doc = ? AND client = ? AND clock = ?', doc, owner.client, owner.clock) as { collection: string; recordId: string } | undefined);
      if (!record) continue; // not a record of a collection (never expected from our clients)
      const value = item.content.arr[0];
      if (isBase) this.applyBase(doc, owner, record.collection as CollectionName, value as RecordBase, item.id);
      else this.applyEntry(doc, owner, record.collection as CollectionName, value as HistoryEntry, item.id);
    }
  }

  /**
   * Community name, street and layout: root keys of `meta`. Each key's writes are kept in the order Yjs gives them
   * (YATA: after the write each one saw; writes that saw the same one ordered by client id); the value in effect is
   * the last, as in every PC's document, whatever order the updates came in.
   */
  private applyMeta(doc: string, items: Y.Item[]): void {
    const row = this.get('SELECT meta FROM summary_docs WHERE doc = ?', doc) as { meta: string };
    const meta = JSON.parse(row.meta) as { keys?: Record<string, MetaWrite[]> };
    const keys = (meta.keys ??= {});
    const known = new Map<string, string>();
    for (const [key, writes] of Object.entries(keys)) for (const w of writes) known.set(w.id, key);
    let pending = items.filter((item) => item.content instanceof Y.ContentAny && !known.has(idKey(item.id)));
    let changed = false;
    // Several passes: in a merged update a write can come before the one it saw.
    for (let progress = true; progress && pending.length > 0; ) {
      progress = false;
      const rest: Y.Item[] = [];
      for (const item of pending) {
        const origin = item.origin ? idKey(item.origin) : '';
        const key = parentOf(item) === META_MAP_NAME && !origin ? item.parentSub : known.get(origin);
        if (!key) {
          rest.push(item);
          continue;
        }
        const write: MetaWrite = { id: idKey(item.id), client: item.id.client, origin, value: (item.content as Y.ContentAny).arr[0] };
        integrateWrite((keys[key] ??= []), write);
        known.set(write.id, key);
        changed = progress = true;
      }
      pending = rest;
    }
    if (!changed) return;
    const value = (key: string) => keys[key]?.at(-1)?.value;
    this.run('UPDATE summary_docs SET meta = ?, name = ?, street = ?, schema = ? WHERE doc = ?', JSON.stringify(meta), String(value('communityName') ?? ''), String(value('streetName') ?? ''), Number(value('schemaVersion') ?? 0), doc);
  }

  private applyBase(doc: string, owner: Y.ID, collection: CollectionName, base: RecordBase, itemId: Y.ID): void {
    this.updateRecord(doc, owner, (row) => {
      const at = base.updatedAt ?? base.createdAt;
      if (row.base_at < at) Object.assign(row, { base_at: at, base_deleted: base.deleted ? 1 : 0 });
      if (!row.title) row.title = String(base.f[TITLE_FIELD[collection]] ?? '');
      const history = baseHistory(base);
      for (const entry of history) {
        const to = entry.changes?.[TITLE_FIELD[collection]]?.to;
        if (to !== undefined) row.title = String(to ?? '');
      }
      history.forEach((entry, idx) => this.insertFeed(doc, itemId, idx, collection, row, entry));
    });
  }

  private applyEntry(doc: string, owner: Y.ID, collection: CollectionName, entry: HistoryEntry, itemId: Y.ID): void {
    this.updateRecord(doc, owner, (row) => {
      const to = entry.changes?.[TITLE_FIELD[collection]]?.to;
      if (to !== undefined) row.title = String(to ?? '');
      if (entry.action === 'delete' || entry.action === 'restore') {
        const later = row.state_at === null || entry.at > row.state_at || (entry.at === row.state_at && entry.device > (row.state_device ?? ''));
        if (later) Object.assign(row, { state_at: entry.at, state_device: entry.device, state_deleted: entry.action === 'delete' ? 1 : 0 });
      }
      this.insertFeed(doc, itemId, 0, collection, row, entry);
    });
  }

  private insertFeed(doc: string, itemId: Y.ID, idx: number, collection: string, row: RecordRow, entry: HistoryEntry): void {
    this.run('INSERT OR IGNORE INTO summary_feed (doc, client, clock, idx, collection, record_id, title, action, by, at, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      doc, itemId.client, itemId.clock, idx, collection, row.record_id, row.title, entry.action, entry.by, entry.at, Object.keys(entry.changes ?? {}).join(','));
  }

  /** Reads a record's row, lets `change` edit it, writes it back and moves the live count by the difference. */
  private updateRecord(doc: string, owner: Y.ID, change: (row: RecordRow) => void): void {
    const row = this.get('SELECT collection, record_id, title, base_deleted, base_at, state_at, state_device, state_deleted FROM summary_records WHERE doc = ? AND client = ? AND clock = ?', doc, owner.client, owner.clock) as RecordRow | undefined;
    if (!row) return;
    const before = counted(row);
    change(row);
    this.run('UPDATE summary_records SET title = ?, base_deleted = ?, base_at = ?, state_at = ?, state_device = ?, state_deleted = ? WHERE doc = ? AND client = ? AND clock = ?',
      row.title, row.base_deleted, row.base_at, row.state_at, row.state_device, row.state_deleted, doc, owner.client, owner.clock);
    const delta = (counted(row) ? 1 : 0) - (before ? 1 : 0);
    if (delta !== 0) this.run('INSERT INTO summary_counts (doc, collection, live) VALUES (?, ?, ?) ON CONFLICT (doc, collection) DO UPDATE SET live = live + excluded.live', doc, row.collection, delta);
  }

  /** The summary as stored, in the same terms as contentOfDocument. */
  private content(doc: string): SummaryContent {
    const figures = this.figures(doc).find((f) => f.code === doc);
    const feed = new Set((this.all("SELECT collection, record_id, action, by, at, fields FROM summary_feed WHERE doc = ? AND action != 'reveal'", doc) as { collection: string; record_id: string; action: string; by: string; at: number; fields: string }[])
      .map((r) => feedKey(r.collection, r.record_id, r.action, r.by, r.at, r.fields)));
    return { name: figures?.name ?? '', streetName: figures?.streetName ?? '', counts: figures?.counts ?? {}, feed };
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private run(sql: string, ...args: (string | number | null)[]): void {
    this.statement(sql).run(...args);
  }

  private get(sql: string, ...args: (string | number | null)[]): unknown {
    return this.statement(sql).get(...args);
  }

  private all(sql: string, ...args: (string | number | null)[]): unknown[] {
    return this.statement(sql).all(...args);
  }
}

/** Counted once its first base has arrived (before that the record is only an id), and not deleted. */
function counted(row: RecordRow): boolean {
  return row.base_at >= 0 && (row.state_deleted ?? row.base_deleted) !== 1;
}

/** In a decoded update an item's parent is a root type's name or the id of the type it belongs to. */
const parentOf = (item: Y.Item) => item.parent as unknown as string | Y.ID | null;
const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;
const feedKey = (collection: string, recordId: string, action: string, by: string, at: number, fields: string) => `${collection}/${recordId} ${action} ${by} ${at} [${fields}]`;

/** The state as one update of the current layout: an older document is migrated in memory (nothing is stored). */
function currentLayoutState(state: Uint8Array): { update: Uint8Array; schema: number } {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const schema = Number(ydoc.getMap(META_MAP_NAME).get('schemaVersion') ?? 0);
    if (schema === 0 || schema >= FIRST_SUMMARISED_LAYOUT) return { update: state, schema };
    migrateDocument(ydoc, { actor: () => ({ name: '街道服务器', device: 'server' }), now: () => Date.now() });
    return { update: Y.encodeStateAsUpdate(ydoc), schema };
  } finally {
    ydoc.destroy();
  }
}

/** What the app reads from the document itself: the truth a summary is verified against. */
export function contentOfDocument(doc: Y.Doc): SummaryContent {
  const meta = doc.getMap(META_MAP_NAME);
  const counts: Record<string, number> = {};
  const feed = new Set<string>();
  for (const name of COLLECTION_NAMES) {
    let live = 0;
    collectionMap(doc, name).forEach((record, recordId) => {
      if (!(record instanceof Y.Map)) return; // a value of another shape is no record
      if (!recordMeta(record).deleted) live++;
      for (const entry of recordHistory(record)) {
        if (entry.action !== 'reveal') feed.add(feedKey(name, recordId, entry.action, entry.by, entry.at, Object.keys(entry.changes ?? {}).join(',')));
      }
    });
    if (live > 0) counts[name] = live;
  }
  return { name: String(meta.get('communityName') ?? ''), streetName: String(meta.get('streetName') ?? ''), counts, feed };
}

/**
 * The `rebuild-summaries` and `verify-summaries` commands over a data directory's store: each document of the prefix
 * is read whole from the stored updates. Returns one line per document, and whether every summary agreed.
 */
export function checkSummaries(store: { documents(prefix?: string): { doc: string }[]; loadUpdates(doc: string): { updates: Uint8Array[] } }, summaries: SummaryStore, mode: 'rebuild' | 'verify', prefix = ''): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  let ok = true;
  for (const { doc } of store.documents(prefix)) {
    const state = Y.mergeUpdates(store.loadUpdates(doc).updates);
    if (mode === 'rebuild') {
      summaries.rebuild(doc, state);
      lines.push(`${doc}：摘要已重建`);
      continue;
    }
    if (summaries.needsRebuild(doc)) {
      lines.push(`${doc}：摘要待重建（旧版数据或版本升级后），下次查看时自动重建，或运行 rebuild-summaries`);
      continue;
    }
    const problems = summaries.verify(doc, state);
    if (problems.length > 0) ok = false;
    lines.push(problems.length === 0 ? `${doc}：摘要与文档一致` : `${doc}：摘要与文档不一致——${problems.join('；')}。请运行 rebuild-summaries 重建`);
  }
  return { lines, ok };
}
