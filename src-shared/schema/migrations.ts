import * as Y from 'yjs';
import { OperationError } from '../errors';
import { COLLECTION_NAMES } from '../records';
import { orgNodeKindFromLabel } from '../records/orgNode/orgNodeKinds';
import { LEGACY_FIELDS_KEY, ORIGIN, baseKey, recordBases, collectionMap, metaMap, type EditContext, type HistoryEntry, type RecordBase, type RecordMap } from '../repository/docLayout';
import { CURRENT_SCHEMA_VERSION } from './version';

/** Layout 1 and 2 kept a record's fields in a nested map. */
const recordFields = (record: RecordMap) => record.get(LEGACY_FIELDS_KEY) as Y.Map<unknown>;

type Migration = (doc: Y.Doc, context: EditContext) => void;

/** migrations[n] upgrades a document from version n to n + 1. Each must be safe to run on two PCs at once. */
const migrations: Record<number, Migration> = {
  1: (doc, context) => {
    const { name, device } = context.actor();
    const at = context.now();
    moveV1PartyMembersToPeople(doc);
    for (const collection of COLLECTION_NAMES) {
      collectionMap(doc, collection).forEach((record: RecordMap) => {
        if (!(record instanceof Y.Map)) return;
        const fields = recordFields(record);
        const note: string[] = [];
        if (collection === 'orgNodes' && fields.has('level')) {
          const label = String(fields.get('level'));
          fields.set('kind', orgNodeKindFromLabel(label) ?? 'grid');
          fields.delete('level');
          note.push(`组织类型「${label}」改为类型代码`);
        }
        const modified = Number(record.get('modified') ?? at);
        if (!record.has('createdAt')) record.set('createdAt', modified);
        if (!record.has('createdBy')) record.set('createdBy', '（旧版本数据）');
        if (!record.has('updatedAt')) record.set('updatedAt', modified);
        if (!record.has('updatedBy')) record.set('updatedBy', '（旧版本数据）');
        record.delete('modified');
        if (!record.has('deleted')) record.set('deleted', false);
        if (!record.has('history')) {
          const entry: HistoryEntry = { at, by: name, device, action: 'migrate', note: ['从版本1升级', ...note].join('；') };
          record.set('history', Y.Array.from<HistoryEntry>([entry]));
        }
      });
    }
  },
  2: (doc) => {
    const key = baseKey(doc);
    for (const collection of COLLECTION_NAMES) {
      collectionMap(doc, collection).forEach((record: RecordMap) => record instanceof Y.Map && flattenRecord(record, key));
    }
  },
};

/** Layout 2 stamps that layout 3 keeps in the base (or reads from the history). */
const LAYOUT2_STAMPS = ['createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deleted', 'deletedAt', 'deletedBy', 'deleteBatch'] as const;

/**
 * Layout 2 → 3, in place: the record map stays (so a PC's later writes to it, and another PC's migration of the same
 * record, land on the same map); its plain fields, stamps and history become one base under this PC's key; fields
 * that are Yjs types stay where they are, in the nested map. Two PCs migrating at once write two bases of the same
 * content (or each of what it had), and reading takes each field from the base that changed it last.
 */
function flattenRecord(record: RecordMap, key: string): void {
  const legacy = record.get(LEGACY_FIELDS_KEY);
  if (!(legacy instanceof Y.Map) || recordBases(record).length > 0) return; // made in layout 3, or already migrated
  const f: Record<string, unknown> = {};
  const plainKeys: string[] = [];
  for (const [field, value] of legacy.entries()) {
    if (value instanceof Y.AbstractType) continue;
    f[field] = value;
    plainKeys.push(field);
  }
  const history = record.get('history');
  const base: RecordBase = {
    f,
    createdAt: Number(record.get('createdAt') ?? 0),
    createdBy: String(record.get('createdBy') ?? ''),
    updatedAt: Number(record.get('updatedAt') ?? 0),
    updatedBy: String(record.get('updatedBy') ?? ''),
    h: history instanceof Y.Array ? (history.toArray() as HistoryEntry[]) : [],
  };
  if (record.get('deleted') === true) {
    Object.assign(base, { deleted: true, deletedAt: Number(record.get('deletedAt') ?? 0), deletedBy: String(record.get('deletedBy') ?? ''), deleteBatch: String(record.get('deleteBatch') ?? '') });
  }
  record.set(key, base);
  for (const field of plainKeys) legacy.delete(field);
  if (legacy.size === 0) record.delete(LEGACY_FIELDS_KEY);
  record.delete('history');
  for (const stamp of LAYOUT2_STAMPS) record.delete(stamp);
}

/** Version 1 kept party members in their own map; version 2 keeps every person once, in `people`, with roles. */
function moveV1PartyMembersToPeople(doc: Y.Doc): void {
  const old = doc.getMap<RecordMap>('partyMembers');
  const people = collectionMap(doc, 'people');
  for (const [id, record] of [...old.entries()]) {
    if (!people.has(id)) {
      const copy: RecordMap = new Y.Map();
      const fields = new Y.Map<unknown>();
      for (const [key, value] of recordFields(record).entries()) fields.set(key === 'status' ? 'partyStatus' : key, value);
      if (!fields.has('roles')) fields.set('roles', ['党员']);
      copy.set('fields', fields);
      for (const [key, value] of record.entries()) if (key !== 'fields' && key !== 'history') copy.set(key, value);
      people.set(id, copy);
    }
    old.delete(id);
  }
}

export interface MigrationResult {
  from: number;
  to: number;
}

/** Brings a document of an older schema version up to the current one, in one transaction. */
export function migrateDocument(doc: Y.Doc, context: EditContext): MigrationResult {
  const meta = metaMap(doc);
  const from = Number(meta.get('schemaVersion') ?? 0);
  if (from === 0) return { from, to: from }; // an empty document: set up by first-run, nothing to migrate
  if (from > CURRENT_SCHEMA_VERSION) {
    throw new OperationError(`这份社区数据来自更新版本的社区工作台（数据版本 ${from}），请先升级本机软件后再打开，数据未做任何改动。`);
  }
  if (from === CURRENT_SCHEMA_VERSION) return { from, to: from };
  doc.transact(() => {
    for (let version = from; version < CURRENT_SCHEMA_VERSION; version++) {
      const step = migrations[version];
      if (!step) throw new OperationError(`缺少从数据版本 ${version} 升级的步骤`);
      step(doc, context);
    }
    meta.set('schemaVersion', CURRENT_SCHEMA_VERSION);
  }, ORIGIN.migration);
  return { from, to: CURRENT_SCHEMA_VERSION };
}
