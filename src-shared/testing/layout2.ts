import * as Y from 'yjs';
import { COLLECTIONS, COLLECTION_NAMES } from '../records';
import { LEGACY_FIELDS_KEY, collectionMap, recordHistory, recordMeta, storedField, type RecordMap } from '../repository/docLayout';

/**
 * The same community written in layout 2 (a nested `fields` map, a `history` array and stamps per record), as the
 * build before layout 3 stored it: what the benchmark compares with ("raw decode in today's layout") and what the
 * migration is tested on at full size. Test and benchmark support only; the app never writes layout 2.
 */
export function toLayout2(source: Y.Doc, recordsPerSession = 1000): Y.Doc {
  const doc = new Y.Doc();
  // Written as a community's data is over the years: by many sessions (every opening of the app is a new Yjs client),
  // not by one client (whose single struct array makes Yjs's merge of deleted structs quadratic in a migration).
  let session = 1;
  let written = 0;
  const nextSession = () => {
    doc.clientID = 0x10000 + session++;
  };
  nextSession();
  doc.transact(() => {
    for (const [key, value] of source.getMap('meta').entries()) doc.getMap('meta').set(key, key === 'schemaVersion' ? 2 : value);
    for (const [key, value] of source.getMap('settings').entries()) doc.getMap('settings').set(key, value instanceof Y.AbstractType ? value.toJSON() : value);
  });
  for (const name of COLLECTION_NAMES) {
    const target = collectionMap(doc, name);
    const fieldNames = Object.keys(COLLECTIONS[name].fieldLabels);
    const entries = [...collectionMap(source, name).entries()];
    for (let i = 0; i < entries.length; i += recordsPerSession) {
      doc.transact(() => {
        for (const [id, record] of entries.slice(i, i + recordsPerSession)) target.set(id, layout2Record(record, fieldNames));
      });
      written += Math.min(recordsPerSession, entries.length - i);
      if (written >= recordsPerSession) {
        written = 0;
        nextSession();
      }
    }
  }
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
