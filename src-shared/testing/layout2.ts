import * as Y from 'yjs';
import { COLLECTIONS, COLLECTION_NAMES } from '../records';
import { LEGACY_FIELDS_KEY, collectionMap, recordHistory, recordMeta, storedField, type RecordMap } from '../repository/docLayout';

/**
 * The same community written in layout 2 (a nested `fields` map, a `history` array and stamps per record), as the
 * build before layout 3 stored it: what the benchmark compares with ("raw decode in today's layout") and what the
 * migration is tested on at full size. Test and benchmark support only; the app never writes layout 2.
 */
export function toLayout2(source: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const [key, value] of source.getMap('meta').entries()) doc.getMap('meta').set(key, key === 'schemaVersion' ? 2 : value);
    for (const [key, value] of source.getMap('settings').entries()) doc.getMap('settings').set(key, value instanceof Y.AbstractType ? value.toJSON() : value);
    for (const name of COLLECTION_NAMES) {
      const target = collectionMap(doc, name);
      const fieldNames = Object.keys(COLLECTIONS[name].fieldLabels);
      collectionMap(source, name).forEach((record, id) => target.set(id, layout2Record(record, fieldNames)));
    }
  });
  return doc;
}

function layout2Record(record: RecordMap, fieldNames: string[]): RecordMap {
  const out: RecordMap = new Y.Map();
  const fields = new Y.Map<unknown>();
  for (const field of fieldNames) {
    const value = storedField(record, field);
    if (value === undefined && !record.has(`f:${field}`)) continue;
    fields.set(field, copyValue(value));
  }
  out.set(LEGACY_FIELDS_KEY, fields);
  out.set('history', Y.Array.from(recordHistory(record)));
  const meta = recordMeta(record);
  for (const [key, value] of Object.entries(meta)) out.set(key, value);
  return out;
}

function copyValue(value: unknown): unknown {
  if (value instanceof Y.Text) return new Y.Text(value.toString());
  if (value instanceof Y.Array) return Y.Array.from(value.toArray());
  if (value instanceof Y.Map) {
    const map = new Y.Map<unknown>();
    for (const [key, text] of value.entries()) map.set(key, text instanceof Y.Text ? new Y.Text(text.toString()) : text);
    return map;
  }
  return value;
}
