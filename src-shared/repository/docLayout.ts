import * as Y from 'yjs';

/**
 * The shape of a community's Y.Doc (schema version 3):
 *
 *   meta: Y.Map            schemaVersion, communityCode, communityName, streetName, createdAt
 *   auditLog: Y.Array      AuditEntry: full-data exports and other acts on personal data
 *   settings: Y.Map        the community's editable lists (settings/communitySettings.ts)
 *   <collection>: Y.Map    record id → record Y.Map, one flat map per record:
 *     '@<client>'          RecordBase, one plain value: the fields as created, who and when, the history so far.
 *                          Written once by the PC that created (or migrated) the record; never changed.
 *     'f:<field>'          a field changed since, or a field that is a Yjs type (long text, keyed log) from the start
 *     'h:<client>:<clock>' one history entry each (a unique key per write: concurrent entries both survive)
 *
 * Version 2 kept a nested `fields` map, a `history` array and five stamps per record: five Yjs types and a dozen
 * items for a record of eight fields, ~15× its encoded size in memory. Here a record is one map, one base value and
 * one item per later change. Updated and deleted stamps are not stored: they are read from the history.
 */
export const META_MAP_NAME = 'meta';
export const BASE_KEY_PREFIX = '@';
export const FIELD_KEY_PREFIX = 'f:';
export const HISTORY_KEY_PREFIX = 'h:';
/** Layout 2's nested field map: kept in a migrated record only for fields that are Yjs types (texts, logs). */
export const LEGACY_FIELDS_KEY = 'fields';

export type RecordMap = Y.Map<unknown>;

/** What a record was when it was created, or when a PC migrated it from layout 2. */
export interface RecordBase {
  f: Record<string, unknown>;
  createdAt: number;
  createdBy: string;
  /** Only in a migrated record: its stamps as layout 2 had them. */
  updatedAt?: number;
  updatedBy?: string;
  deleted?: boolean;
  deletedAt?: number;
  deletedBy?: string;
  deleteBatch?: string;
  /** The history so far (a migrated record); absent in a record created in layout 3, whose only entry is its creation. */
  h?: HistoryEntry[];
  /** A created record: the PC that created it, and the creation's note, for the creation's history entry. */
  device?: string;
  deviceName?: string;
  note?: string;
}

export interface RecordMeta {
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  deleted: boolean;
  deletedAt?: number;
  deletedBy?: string;
  deleteBatch?: string;
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_MAP_NAME);
}

export function collectionMap(doc: Y.Doc, name: string): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(name);
}

/** The base key this PC writes (its Yjs client id: two PCs migrating one record at once write two bases). */
export function baseKey(doc: Y.Doc): string {
  return `${BASE_KEY_PREFIX}${doc.clientID}`;
}

/** A key no other write uses: this PC's client id and its next clock. */
export function historyKey(doc: Y.Doc): string {
  return `${HISTORY_KEY_PREFIX}${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`;
}

/** The record's bases in key order (one, unless two PCs migrated it while apart). */
export function recordBases(record: RecordMap): RecordBase[] {
  const found: [string, RecordBase][] = [];
  for (const [key, item] of record._map) if (!item.deleted && key.startsWith(BASE_KEY_PREFIX)) found.push([key, itemValue(item) as RecordBase]);
  if (found.length > 1) found.sort((a, b) => compareText(a[0], b[0]));
  return found.map(([, base]) => base);
}

/**
 * A map entry's current value, read from Yjs's own map of items: scans over 100,000 records read each record's keys
 * this way because Yjs's key iterators (and a `get` then a `has`) cost more than the reading itself.
 */
export function itemValue(item: Y.Item): unknown {
  const content = item.content.getContent();
  return content[content.length - 1];
}

function liveItem(record: RecordMap, key: string): Y.Item | undefined {
  const item = record._map.get(key);
  return item && !item.deleted ? item : undefined;
}

/**
 * A field's value as stored: the change written since (or the Yjs type), else layout 2's nested value, else the base's.
 * Of two bases (a record migrated on two PCs while apart), the one whose history changed the field last is taken.
 */
export function storedField(record: RecordMap, field: string, bases: RecordBase[] = recordBases(record)): unknown {
  const changed = liveItem(record, FIELD_KEY_PREFIX + field);
  if (changed) return itemValue(changed);
  const legacyItem = liveItem(record, LEGACY_FIELDS_KEY);
  const legacy = legacyItem && (itemValue(legacyItem) as Y.Map<unknown>);
  if (legacy?.has(field)) return legacy.get(field);
  if (bases.length <= 1) return bases[0]?.f[field];
  let best: RecordBase | undefined;
  let bestAt = -1;
  for (const base of bases) {
    if (!(field in base.f)) continue;
    const at = lastChangeAt(baseHistory(base), field);
    if (at > bestAt) [best, bestAt] = [base, at];
  }
  return best?.f[field];
}

/** The history a base holds: its own list, or the one entry of a record's creation (not stored twice). */
export function baseHistory(base: RecordBase): HistoryEntry[] {
  if (base.h) return base.h;
  const entry: HistoryEntry = { at: base.createdAt, by: base.createdBy, device: base.device ?? '', action: 'create', seen: 0 };
  if (base.deviceName) entry.deviceName = base.deviceName;
  if (base.note) entry.note = base.note;
  return [entry];
}

function lastChangeAt(history: readonly HistoryEntry[], field: string): number {
  let at = 0;
  for (const entry of history) if (entry.changes?.[field] !== undefined && entry.at > at) at = entry.at;
  return at;
}

/** The entries written after the bases, in merged order: by what each writer had seen, then time, then PC. */
function laterEntries(record: RecordMap): HistoryEntry[] {
  const out: { entry: HistoryEntry; key: string }[] = [];
  for (const [key, item] of record._map) if (!item.deleted && key.startsWith(HISTORY_KEY_PREFIX)) out.push({ entry: itemValue(item) as HistoryEntry, key });
  out.sort((a, b) => (a.entry.seen ?? 0) - (b.entry.seen ?? 0) || a.entry.at - b.entry.at || compareText(a.entry.device, b.entry.device) || compareText(a.key, b.key));
  return out.map((e) => e.entry);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The record's whole history in merged order: the bases' (each entry once), then every later entry. */
export function recordHistory(record: RecordMap, bases: RecordBase[] = recordBases(record)): HistoryEntry[] {
  const first = bases.length === 0 ? [] : bases.length === 1 ? [...baseHistory(bases[0]!)] : unionOfHistories(bases);
  return [...first, ...laterEntries(record)];
}

function unionOfHistories(bases: RecordBase[]): HistoryEntry[] {
  const histories = bases.map(baseHistory);
  const out = [...[...histories].sort((a, b) => b.length - a.length)[0]!];
  const seen = new Set(out.map(entryKey));
  for (const history of histories) {
    for (const entry of history) {
      if (seen.has(entryKey(entry))) continue;
      seen.add(entryKey(entry));
      out.push(entry);
    }
  }
  return out;
}

const entryKey = (e: HistoryEntry) => `${e.at}|${e.device}|${e.action}|${e.seen ?? ''}|${e.by}`;

/**
 * Created, updated and deleted stamps, read from the bases and the history: updated by the latest entry that changed
 * the record; deleted by the latest delete or restore (by time, then PC), so a delete and a restore made on two PCs
 * while apart settle the same way everywhere.
 */
export function recordMeta(record: RecordMap, bases: RecordBase[] = recordBases(record)): RecordMeta {
  let createdAt = Infinity;
  let createdBy = '';
  let stamp: RecordBase | undefined;
  for (const base of bases) {
    if (base.createdAt < createdAt) [createdAt, createdBy] = [base.createdAt, base.createdBy];
    if (!stamp || (base.updatedAt ?? base.createdAt) > (stamp.updatedAt ?? stamp.createdAt)) stamp = base;
  }
  const meta: RecordMeta = {
    createdAt: Number.isFinite(createdAt) ? createdAt : 0,
    createdBy,
    updatedAt: stamp?.updatedAt ?? stamp?.createdAt ?? 0,
    updatedBy: stamp?.updatedBy ?? stamp?.createdBy ?? '',
    deleted: stamp?.deleted === true,
  };
  if (meta.deleted) Object.assign(meta, { deletedAt: stamp!.deletedAt ?? 0, deletedBy: stamp!.deletedBy ?? '', deleteBatch: stamp!.deleteBatch ?? '' });
  let state: HistoryEntry | undefined;
  for (const entry of laterEntries(record)) {
    if (entry.action === 'reveal') continue;
    if (entry.at >= meta.updatedAt) [meta.updatedAt, meta.updatedBy] = [entry.at, entry.by];
    if ((entry.action === 'delete' || entry.action === 'restore') && (!state || entry.at > state.at || (entry.at === state.at && compareText(entry.device, state.device) > 0))) state = entry;
  }
  if (state) {
    meta.deleted = state.action === 'delete';
    delete meta.deletedAt;
    delete meta.deletedBy;
    delete meta.deleteBatch;
    if (meta.deleted) Object.assign(meta, { deletedAt: state.at, deletedBy: state.by, deleteBatch: state.batch ?? '' });
  }
  return meta;
}

/**
 * Reads a record of the common shape — one base, no later history entry, no layout-2 fields — in one pass over its
 * keys: whether it is deleted, when and by whom it was made, and the requested fields (by their change keys, made once
 * by the caller: `FIELD_KEY_PREFIX + field`). Null for any other shape (merged bases, a history): the caller then reads
 * it with `recordBases`, `recordMeta` and `storedField`, which give the same answers for this shape. Scans over 100,000
 * ledger lines read this way.
 */
export function readSimpleRecord(record: RecordMap, changeKeys: ReadonlyMap<string, string>): { createdAt: number; createdBy: string; deleted: boolean; changed: Map<string, unknown> | null; base: RecordBase } | null {
  let base: RecordBase | undefined;
  let changed: Map<string, unknown> | null = null;
  for (const [key, item] of record._map) {
    if (item.deleted) continue;
    const first = key.charCodeAt(0);
    if (first === 64 /* @ */) {
      if (base) return null;
      base = itemValue(item) as RecordBase;
    } else if (key.startsWith(HISTORY_KEY_PREFIX) || key === LEGACY_FIELDS_KEY) return null;
    else {
      const field = changeKeys.get(key);
      if (field !== undefined) (changed ??= new Map()).set(field, itemValue(item));
    }
  }
  if (!base) return null;
  return { createdAt: base.createdAt, createdBy: base.createdBy, deleted: base.deleted === true, changed, base };
}

export function isRecordDeleted(record: RecordMap): boolean {
  return recordMeta(record).deleted;
}

/** Transaction origins: persistence uses them to tell edits it must save from updates it already has. */
export const ORIGIN = {
  /** Replayed from IndexedDB on open: already stored. */
  load: 'origin:load',
  /** Received from another window of this PC, which stored it before sending. */
  otherWindow: 'origin:other-window',
  /** A clerk's edit in this window. */
  local: 'origin:local',
  /** A backup or a USB exchange file merged into this window's document. */
  file: 'origin:file',
  /** A schema upgrade on open. */
  migration: 'origin:migration',
} as const;

/** 'reveal': someone was shown the record's full personal data (ID number, phone). */
export type HistoryAction = 'create' | 'update' | 'delete' | 'restore' | 'migrate' | 'reveal';

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface HistoryEntry {
  at: number;
  /** The operator in effect on that PC (chosen from its list, not typed). */
  by: string;
  /** The PC's id: tells the sides of a merge apart. */
  device: string;
  /** The PC's name as its office calls it (办公室电脑), where it has one. */
  deviceName?: string;
  /**
   * How many history entries the writer had when writing this one. Entries merged from two PCs are concurrent when
   * the later-placed one's writer had not seen the earlier one (seen ≤ its position): neither knew of the other.
   */
  seen?: number;
  action: HistoryAction;
  changes?: Record<string, FieldChange>;
  note?: string;
  /** A delete: the records deleted together share it (the recycle bin restores them together). */
  batch?: string;
}

export interface Actor {
  name: string;
  device: string;
  deviceName?: string;
}

/** Who is editing and what time it is; injected so tests are deterministic. */
export interface EditContext {
  actor(): Actor;
  now(): number;
}

/** A document-level record of an act on personal data that concerns many records at once (e.g. a full export). */
export interface AuditEntry {
  at: number;
  by: string;
  device: string;
  deviceName?: string;
  /** export-full: personal data exported in full; operators: this PC's operator list changed. */
  action: 'export-full' | 'operators';
  detail: string;
}

export function appendAudit(doc: Y.Doc, context: EditContext, action: AuditEntry['action'], detail: string): void {
  const { name, device, deviceName } = context.actor();
  const entry: AuditEntry = { at: context.now(), by: name, device, action, detail };
  if (deviceName) entry.deviceName = deviceName;
  doc.transact(() => doc.getArray<AuditEntry>('auditLog').push([entry]), ORIGIN.local);
}

export function readAudit(doc: Y.Doc): AuditEntry[] {
  return doc.getArray<AuditEntry>('auditLog').toArray();
}
