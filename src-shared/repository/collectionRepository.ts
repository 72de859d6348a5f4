import * as Y from 'yjs';
import type { z } from 'zod';
import { OperationError, ValidationError, type FieldProblem } from '../errors';
import { newId } from '../ids';
import type { CheckContext, CollectionDefinition, FieldsOf, InputOf } from '../schema/collection';
import { replaceText } from '../text/textDiff';
import {
  itemValue,
  FIELD_KEY_PREFIX, ORIGIN, baseKey, collectionMap, historyKey, readSimpleRecord, recordBases, recordHistory, recordMeta, storedField,
  type Actor, type EditContext, type FieldChange, type HistoryAction, type HistoryEntry, type RecordBase, type RecordMap, type RecordMeta,
} from './docLayout';

export type { RecordMeta } from './docLayout';

/** A record as the UI and the projection see it: plain values, never Yjs types. */
export type RecordView<F> = F & { id: string; meta: RecordMeta };

export interface ListOptions {
  includeDeleted?: boolean;
  onlyDeleted?: boolean;
}

/** A repository of any record type, for code that handles every collection alike (projection, sync). */
export type AnyRepository = CollectionRepository<CollectionDefinition>;

/** Longest value kept in a history entry; long texts are merged by Yjs, the history keeps a preview. */
const HISTORY_VALUE_LIMIT = 500;

/**
 * The typed API of one record type over the community's Y.Doc: every write is validated first (nothing is written
 * when validation fails), done in one Yjs transaction, and stamped with who and when in the record's history.
 */
export class CollectionRepository<D extends CollectionDefinition> {
  private readonly map: Y.Map<RecordMap>;
  private readonly defaults: Partial<FieldsOf<D>>;
  private readonly fieldNames: (keyof FieldsOf<D> & string)[];
  private readonly longText: ReadonlySet<string>;
  private readonly keyedLog: ReadonlySet<string>;
  private readonly keyedText: ReadonlySet<string>;
  private readonly viewCache = new Map<string, RecordView<FieldsOf<D>>>();
  /** field → value → record id, for uniqueFields; rebuilt lazily after merged changes, kept current by local writes. */
  private uniqueIndex: Map<string, Map<string, string>> | null = null;
  /**
   * field → value → ids (deleted records too), for fields a caller asks by value (a ledger's lines of one activity):
   * built on first use, kept current by this repository's writes at once and by every transaction's changed records.
   */
  private readonly valueIndexes = new Map<string, { byValue: Map<unknown, Set<string>>; byId: Map<string, unknown> }>();

  constructor(
    private readonly doc: Y.Doc,
    readonly definition: D,
    private readonly context: EditContext,
    private readonly checkContext?: CheckContext,
  ) {
    this.map = collectionMap(doc, definition.name);
    this.fieldNames = Object.keys(definition.fieldLabels) as (keyof FieldsOf<D> & string)[];
    this.longText = new Set(definition.longTextFields);
    this.keyedLog = new Set(definition.keyedLogFields ?? []);
    this.keyedText = new Set(definition.keyedTextFields ?? []);
    this.defaults = defaultsOf(definition.schema) as Partial<FieldsOf<D>>;
    // Cached views are dropped for exactly the records a transaction touched, local or merged.
    this.map.observeDeep((events, transaction) => {
      const changed = changedRecordIds(events, this.map);
      for (const id of changed) this.viewCache.delete(id);
      if (transaction.origin !== ORIGIN.local) this.uniqueIndex = null;
      // A merge that touched most records is cheaper to index again when next asked.
      if (changed.size > 1000) this.valueIndexes.clear();
      else for (const id of changed) this.indexValues(id);
    });
  }

  get name(): D['name'] {
    return this.definition.name;
  }

  create(input: InputOf<D>, options: { id?: string; note?: string } = {}): RecordView<FieldsOf<D>> {
    const id = options.id ?? newId();
    const fields = this.validate(input, id);
    if (this.map.has(id)) throw new OperationError(`编号为 ${id} 的${this.definition.label}已存在`);
    const actor = this.context.actor();
    const { name } = actor;
    const at = this.context.now();
    this.doc.transact(() => {
      const record: RecordMap = new Y.Map();
      const plain: Record<string, unknown> = {};
      for (const key of this.fieldNames) {
        if (!this.isYjsField(key)) {
          plain[key] = fields[key];
          continue;
        }
        const stored = this.toStored(key, fields[key]);
        // A keyed log starts with the entries given (filled before it joins the document).
        if (this.keyedLog.has(key)) writeKeyedLog(stored as Y.Array<KeyedEntry>, {}, fields[key] as Record<string, KeyedEntry>, at);
        record.set(FIELD_KEY_PREFIX + key, stored);
      }
      // The creation's history entry is read from the base (who, when, which PC, the note), not stored twice.
      const base: RecordBase = { f: plain, createdAt: at, createdBy: name, device: actor.device };
      if (actor.deviceName) base.deviceName = actor.deviceName;
      if (options.note) base.note = options.note;
      record.set(baseKey(this.doc), base);
      this.map.set(id, record);
    }, ORIGIN.local);
    this.indexUnique(id, fields);
    this.indexValues(id);
    return this.mustGet(id);
  }

  /** Changes the given fields. The merged record is validated as a whole; unchanged fields are not rewritten. */
  update(id: string, patch: Partial<InputOf<D>>, options: { note?: string } = {}): RecordView<FieldsOf<D>> {
    this.refuseIfAppendOnly();
    const record = this.mustGetMap(id);
    const current = this.readFields(record);
    // A keyed field's patch names only the keys it changes; the others stay as they are.
    const merged: Record<string, unknown> = { ...current, ...patch };
    for (const key of [...this.keyedLog, ...this.keyedText]) {
      const part = (patch as Record<string, unknown>)[key];
      if (part !== undefined) merged[key] = { ...(current[key as keyof FieldsOf<D>] as object), ...(part as object) };
    }
    const next = this.validate(merged as InputOf<D>, id);
    const changes: Record<string, FieldChange> = {};
    for (const key of this.fieldNames) {
      if (this.keyedLog.has(key) || this.keyedText.has(key)) {
        const change = keyedChange(current[key] as Record<string, unknown>, next[key] as Record<string, unknown>);
        if (change) changes[key] = change;
      } else if (!sameValue(current[key], next[key])) changes[key] = { from: current[key], to: next[key] };
    }
    if (Object.keys(changes).length === 0) return this.mustGet(id);
    const at = this.context.now();
    this.write(id, record, 'update', () => {
      for (const key of Object.keys(changes)) {
        const existing = storedField(record, key);
        const value = next[key as keyof FieldsOf<D>];
        if (this.keyedLog.has(key)) {
          // A record made before the field became a keyed log (whistles made before 报到 were recorded) gets its log now.
          const log = existing instanceof Y.Array ? existing : record.set(FIELD_KEY_PREFIX + key, new Y.Array<KeyedEntry>());
          writeKeyedLog(log as Y.Array<KeyedEntry>, current[key as keyof FieldsOf<D>] as Record<string, KeyedEntry>, value as Record<string, KeyedEntry>, at);
        }
        else if (this.keyedText.has(key)) writeKeyedText(existing as Y.Map<Y.Text>, value as Record<string, string>);
        else if (existing instanceof Y.Text) replaceText(existing, String(value ?? ''));
        else record.set(FIELD_KEY_PREFIX + key, this.toStored(key, value));
      }
    }, previewChanges(changes), options.note);
    this.indexUnique(id, next, current);
    this.indexValues(id);
    return this.mustGet(id);
  }

  /** Soft delete: the record stays in the document and can be restored. Records deleted together share a batch. */
  delete(id: string, options: { batch?: string } = {}): void {
    this.refuseIfAppendOnly();
    const record = this.mustGetMap(id);
    if (recordMeta(record).deleted) return;
    // Deleted and its stamps are read from the history: the latest delete or restore decides.
    this.write(id, record, 'delete', () => undefined, undefined, undefined, options.batch ?? newId());
  }

  restore(id: string, options: { note?: string } = {}): void {
    const record = this.mustGetMap(id);
    if (!recordMeta(record).deleted) return;
    this.write(id, record, 'restore', () => undefined, undefined, options.note);
  }

  /** Records in the history that someone was shown this record's full personal data, and why. */
  logReveal(id: string, note: string): void {
    this.write(id, this.mustGetMap(id), 'reveal', () => undefined, undefined, note);
  }

  get(id: string): RecordView<FieldsOf<D>> | undefined {
    const cached = this.viewCache.get(id);
    if (cached) return cached;
    const record = this.map.get(id);
    if (!(record instanceof Y.Map)) return undefined;
    const bases = recordBases(record);
    const view = { ...this.readFields(record, bases), id, meta: recordMeta(record, bases) } as RecordView<FieldsOf<D>>;
    this.viewCache.set(id, view);
    return view;
  }

  list(options: ListOptions = {}): RecordView<FieldsOf<D>>[] {
    const out: RecordView<FieldsOf<D>>[] = [];
    for (const id of this.map.keys()) {
      const view = this.get(id);
      if (!view) continue;
      if (options.onlyDeleted ? !view.meta.deleted : view.meta.deleted && !options.includeDeleted) continue;
      out.push(view);
    }
    return out;
  }

  /**
   * Ids of the live (not deleted) records whose field satisfies a test, reading that one field only: a list can pick
   * its records (one year's meetings) without building a view of every record.
   */
  idsWhere(field: keyof FieldsOf<D> & string, test: (value: unknown) => boolean): string[] {
    const out: string[] = [];
    const changeKeys = new Map([[FIELD_KEY_PREFIX + field, field as string]]);
    const plain = (value: unknown) => (value instanceof Y.Text ? value.toString() : value);
    for (const [id, record] of this.records()) {
      // A record of the common shape in one pass over its keys (as `pick` reads it).
      const simple = readSimpleRecord(record, changeKeys);
      if (simple) {
        if (!simple.deleted && test(plain(simple.changed?.has(field) ? simple.changed.get(field) : simple.base.f[field]))) out.push(id);
        continue;
      }
      const bases = recordBases(record);
      // The field first: whether a record is deleted is read from its history, only for those that pass.
      if (test(plain(storedField(record, field, bases))) && !recordMeta(record, bases).deleted) out.push(id);
    }
    return out;
  }

  /** Ids of the live records whose field holds exactly `value`, from an index: no scan of the collection. */
  idsWithValue(field: keyof FieldsOf<D> & string, value: string | number): string[] {
    let index = this.valueIndexes.get(field);
    if (!index) {
      index = { byValue: new Map(), byId: new Map() };
      this.valueIndexes.set(field, index);
      for (const [id] of this.records()) this.indexValues(id);
    }
    const out: string[] = [];
    for (const id of index.byValue.get(value) ?? []) {
      const record = this.map.get(id);
      if (record instanceof Y.Map && !recordMeta(record).deleted) out.push(id);
    }
    return out;
  }

  /**
   * Some fields of every live record, read directly (no view is built or cached), with when and by whom each was
   * created: for scans over many records (clashes among 20,000 bookings) that need a few fields only.
   */
  pick<K extends keyof FieldsOf<D> & string>(fields: readonly K[], ids?: readonly string[]): (Pick<FieldsOf<D>, K> & { id: string; createdAt: number; createdBy: string })[] {
    const out: (Pick<FieldsOf<D>, K> & { id: string; createdAt: number; createdBy: string })[] = [];
    const changeKeys = new Map(fields.map((field) => [FIELD_KEY_PREFIX + field, field as string]));
    // `ids`: only these records (found by `idsWhere`), in that order.
    const records = ids ? ids.map((id) => [id, this.map.get(id)] as const).filter((r): r is [string, RecordMap] => r[1] instanceof Y.Map) : this.records();
    for (const [id, record] of records) {
      // Most records (a ledger line, a booking never edited) have one shape that is read in one pass.
      const simple = readSimpleRecord(record, changeKeys);
      if (simple) {
        if (simple.deleted) continue;
        const row: Record<string, unknown> = { id, createdAt: simple.createdAt, createdBy: simple.createdBy };
        for (const field of fields) row[field] = this.plainValue(field, simple.changed?.has(field) ? simple.changed.get(field) : simple.base.f[field]);
        out.push(row as Pick<FieldsOf<D>, K> & { id: string; createdAt: number; createdBy: string });
        continue;
      }
      const bases = recordBases(record);
      const meta = recordMeta(record, bases);
      if (meta.deleted) continue;
      const row: Record<string, unknown> = { id, createdAt: meta.createdAt, createdBy: meta.createdBy };
      for (const field of fields) row[field] = this.plainValue(field, storedField(record, field, bases));
      out.push(row as Pick<FieldsOf<D>, K> & { id: string; createdAt: number; createdBy: string });
    }
    return out;
  }

  /** Counted from each record's history (no view is built or cached). */
  count(options: ListOptions = {}): number {
    let n = 0;
    for (const [, record] of this.records()) if (options.includeDeleted || recordMeta(record).deleted === Boolean(options.onlyDeleted)) n++;
    return n;
  }

  /** The history in the document's merged order (concurrent entries of two PCs side by side), not sorted by time. */
  historyInMergedOrder(id: string): HistoryEntry[] {
    return recordHistory(this.mustGetMap(id));
  }

  history(id: string): HistoryEntry[] {
    return recordHistory(this.mustGetMap(id)).sort((a, b) => a.at - b.at);
  }

  /** Calls back with the ids of records changed by any transaction: this window's, another window's, a merge. */
  observe(callback: (ids: string[]) => void): () => void {
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const ids = changedRecordIds(events, this.map);
      if (ids.size > 0) callback([...ids]);
    };
    this.map.observeDeep(handler);
    return () => this.map.unobserveDeep(handler);
  }

  /**
   * Validates input (normalised first) against the schema, the community's lists, references and uniqueness, and
   * returns clean values, or throws a ValidationError naming each field. `id` is the record being written, if any.
   */
  validate(input: InputOf<D>, id?: string): FieldsOf<D> {
    const normalised = this.definition.normalize ? this.definition.normalize(input as Record<string, unknown>) : input;
    const result = this.definition.schema.safeParse(normalised);
    if (!result.success) throw new ValidationError(this.problemsOf(result.error.issues));
    const fields = result.data as FieldsOf<D>;
    const problems = [
      ...(this.checkContext && this.definition.check ? this.definition.check(fields as never, this.checkContext) : []),
      ...this.uniquenessProblems(fields, id),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    return fields;
  }

  /** The record that already holds this value of a unique field, if any. */
  findByUnique(field: keyof FieldsOf<D> & string, value: string): RecordView<FieldsOf<D>> | undefined {
    const id = this.ensureUniqueIndex().get(field)?.get(value);
    return id ? this.get(id) : undefined;
  }

  private uniquenessProblems(fields: FieldsOf<D>, id: string | undefined): FieldProblem[] {
    const problems: FieldProblem[] = [];
    for (const field of this.definition.uniqueFields ?? []) {
      const value = fields[field as keyof FieldsOf<D>];
      if (typeof value !== 'string' || value === '') continue;
      const holder = this.findByUnique(field, value);
      if (!holder || holder.id === id) continue;
      const title = String(holder[this.definition.titleField as keyof FieldsOf<D>] ?? '');
      const label = (this.definition.fieldLabels as Record<string, string>)[field] ?? field;
      problems.push({
        field,
        label,
        message: holder.meta.deleted
          ? `已登记在已删除的「${title}」名下；请在回收站恢复该记录，不要重复登记`
          : `已登记在「${title}」名下，同一人只能有一条记录；请打开该记录修改或添加角色`,
      });
    }
    return problems;
  }

  private ensureUniqueIndex(): Map<string, Map<string, string>> {
    if (this.uniqueIndex) return this.uniqueIndex;
    const index = new Map<string, Map<string, string>>();
    for (const field of this.definition.uniqueFields ?? []) index.set(field, new Map());
    if (index.size > 0) {
      for (const [id, record] of this.records()) {
        const bases = recordBases(record);
        for (const [field, values] of index) {
          const value = storedField(record, field, bases);
          if (typeof value === 'string' && value !== '') values.set(value, id);
        }
      }
    }
    this.uniqueIndex = index;
    return index;
  }

  private indexUnique(id: string, fields: FieldsOf<D>, previous?: FieldsOf<D>): void {
    if (!this.uniqueIndex) return;
    for (const [field, values] of this.uniqueIndex) {
      const before = previous?.[field as keyof FieldsOf<D>];
      if (typeof before === 'string' && values.get(before) === id) values.delete(before);
      const value = fields[field as keyof FieldsOf<D>];
      if (typeof value === 'string' && value !== '') values.set(value, id);
    }
  }

  /** Files one record under its current value in each value index (or nowhere, once it is no record). */
  private indexValues(id: string): void {
    if (this.valueIndexes.size === 0) return;
    const record = this.map.get(id);
    for (const [field, index] of this.valueIndexes) {
      const before = index.byId.get(id);
      if (before !== undefined) index.byValue.get(before)?.delete(id);
      index.byId.delete(id);
      if (!(record instanceof Y.Map)) continue;
      const stored = storedField(record, field);
      const value = stored instanceof Y.Text ? stored.toString() : stored;
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      index.byId.set(id, value);
      const ids = index.byValue.get(value);
      if (ids) ids.add(id);
      else index.byValue.set(value, new Set([id]));
    }
  }

  private problemsOf(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
    const labels = this.definition.fieldLabels as Record<string, string>;
    return issues.map((issue) => {
      const field = String(issue.path[0] ?? '');
      return { field, label: labels[field] ?? this.definition.label, message: issue.message };
    });
  }

  private write(id: string, record: RecordMap, action: HistoryAction, change: () => void, changes?: Record<string, FieldChange>, note?: string, batch?: string): void {
    const actor = this.context.actor();
    const at = this.context.now();
    // Inside a larger transaction the change events come only at its end: a read later in the same transaction must
    // not get the view from before this write.
    this.viewCache.delete(id);
    this.doc.transact(() => {
      change();
      const entry = historyEntry(actor, at, action, recordHistory(record).length);
      if (changes) entry.changes = changes;
      if (note) entry.note = note;
      if (batch) entry.batch = batch;
      record.set(historyKey(this.doc), entry);
    }, ORIGIN.local);
  }

  private refuseIfAppendOnly(): void {
    if (this.definition.appendOnly) throw new ValidationError([{ field: '', label: this.definition.label, message: this.definition.appendOnly }]);
  }

  private readFields(record: RecordMap, bases: RecordBase[] = recordBases(record)): FieldsOf<D> {
    const out: Record<string, unknown> = {};
    for (const key of this.fieldNames) out[key] = this.plainValue(key, storedField(record, key, bases));
    return out as FieldsOf<D>;
  }

  /** A field's value as a view holds it: a keyed log as its latest entry per key, texts as strings, else the default. */
  private plainValue(key: string, value: unknown): unknown {
    if (value instanceof Y.Array) return latestByKey(value.toArray() as KeyedEntry[]);
    if (value instanceof Y.Map) return Object.fromEntries([...value.entries()].map(([k, t]) => [k, String(t)]));
    return value instanceof Y.Text ? value.toString() : value === undefined ? this.defaults[key] : value;
  }

  /** Fields kept as Yjs types from the record's creation, so two PCs editing them merge (texts, keyed logs). */
  private isYjsField(key: string): boolean {
    return this.keyedLog.has(key) || this.keyedText.has(key) || this.longText.has(key);
  }

  private toStored(key: string, value: unknown): unknown {
    if (this.keyedLog.has(key)) return new Y.Array<KeyedEntry>();
    if (this.keyedText.has(key)) {
      const map = new Y.Map<Y.Text>();
      for (const [k, text] of Object.entries((value ?? {}) as Record<string, string>)) map.set(k, new Y.Text(text));
      return map;
    }
    return this.longText.has(key) ? new Y.Text(String(value ?? '')) : value;
  }

  /**
   * The collection's records. A value of another shape under a record's key (written by a client that is not this app,
   * such as a stock y-websocket client) is no record: it is passed over, never read as one.
   */
  private records(): [string, RecordMap][] {
    const out: [string, RecordMap][] = [];
    // Yjs's own map of items: its key iterators cost more than the scan over 100,000 records itself.
    for (const [id, item] of this.map._map) {
      if (item.deleted) continue;
      const record = itemValue(item);
      if (record instanceof Y.Map) out.push([id, record as RecordMap]);
    }
    return out;
  }

  private mustGetMap(id: string): RecordMap {
    const record = this.map.get(id);
    if (!(record instanceof Y.Map)) throw new OperationError(`找不到这条${this.definition.label}记录（编号 ${id}），可能已被其他电脑彻底移除`);
    return record;
  }

  private mustGet(id: string): RecordView<FieldsOf<D>> {
    const view = this.get(id);
    if (!view) throw new OperationError(`找不到这条${this.definition.label}记录（编号 ${id}）`);
    return view;
  }
}

/** Every history entry names the operator and the PC (by id, and by its name where it has one). */
function historyEntry(actor: Actor, at: number, action: HistoryAction, seen: number): HistoryEntry {
  const entry: HistoryEntry = { at, by: actor.name, device: actor.device, action, seen };
  if (actor.deviceName) entry.deviceName = actor.deviceName;
  return entry;
}

/** Record ids touched by a set of observeDeep events on a collection map. */
export function changedRecordIds(events: Y.YEvent<Y.AbstractType<unknown>>[], collection: Y.Map<RecordMap>): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.target === collection) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
    else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
  }
  return ids;
}

/** The value each field takes when missing, read from the schema's defaults (used for records of older versions). */
function defaultsOf(schema: z.ZodObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const parsed = (field as z.ZodType).safeParse(undefined);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

/** One entry of a keyed log field, as stored: its key, when it was written, and the entry's own values. */
type KeyedEntry = { key?: string; at?: number; [field: string]: unknown };

/** key → the entry in effect: the latest by time, ties broken the same way on every PC. */
function latestByKey(entries: readonly KeyedEntry[]): Record<string, KeyedEntry> {
  const out: Record<string, KeyedEntry> = {};
  for (const { key, ...entry } of entries) {
    if (key === undefined) continue;
    const held = out[key];
    if (!held || Number(entry.at ?? 0) > Number(held.at ?? 0) || (entry.at === held.at && JSON.stringify(entry) > JSON.stringify(held))) out[key] = entry;
  }
  return out;
}

/** Appends an entry for each key whose value changed (never rewrites one: both sides' marks are kept). */
function writeKeyedLog(log: Y.Array<KeyedEntry>, before: Record<string, KeyedEntry>, after: Record<string, KeyedEntry>, at: number): void {
  const added: KeyedEntry[] = [];
  for (const [key, value] of Object.entries(after ?? {})) {
    const { at: _ignored, ...plain } = value;
    const { at: _old, ...held } = before?.[key] ?? {};
    if (before?.[key] && sameValue(plain, held)) continue;
    added.push({ ...plain, key, at });
  }
  if (added.length > 0) log.push(added);
}

/** Writes each changed text by its difference, so another PC's typing in the same text is kept. */
function writeKeyedText(map: Y.Map<Y.Text>, after: Record<string, string>): void {
  for (const [key, text] of Object.entries(after ?? {})) {
    const existing = map.get(key);
    if (existing) replaceText(existing, text);
    else map.set(key, new Y.Text(text));
  }
}

/** The keys a keyed field changed, as a history change of just those keys. */
function keyedChange(before: Record<string, unknown> = {}, after: Record<string, unknown> = {}): FieldChange | undefined {
  const strip = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'at')) : v);
  const keys = Object.keys(after).filter((k) => !sameValue(strip(before[k]), strip(after[k])));
  if (keys.length === 0) return undefined;
  return { from: Object.fromEntries(keys.map((k) => [k, strip(before[k]) ?? null])), to: Object.fromEntries(keys.map((k) => [k, strip(after[k])])) };
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function previewChanges(changes: Record<string, FieldChange>): Record<string, FieldChange> {
  const clip = (v: unknown) => (typeof v === 'string' && v.length > HISTORY_VALUE_LIMIT ? `${v.slice(0, HISTORY_VALUE_LIMIT)}…` : v);
  const out: Record<string, FieldChange> = {};
  for (const [key, { from, to }] of Object.entries(changes)) out[key] = { from: clip(from), to: clip(to) };
  return out;
}
