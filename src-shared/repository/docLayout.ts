import * as Y from 'yjs';

/**
 * The shape of a community's Y.Doc (schema version 2):
 *
 *   meta: Y.Map            schemaVersion, communityCode, communityName, streetName, createdAt
 *   auditLog: Y.Array      AuditEntry: full-data exports and other acts on personal data
 *   settings: Y.Map        the community's editable lists (settings/communitySettings.ts)
 *   <collection>: Y.Map    record id → record Y.Map
 *     record: Y.Map
 *       fields: Y.Map      field → JSON value, or Y.Text for long texts
 *       history: Y.Array   HistoryEntry, appended on every change (concurrent appends both survive a merge)
 *       createdAt/By, updatedAt/By, deleted, deletedAt/By, deleteBatch
 */
export const META_MAP_NAME = 'meta';

export type RecordMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_MAP_NAME);
}

export function collectionMap(doc: Y.Doc, name: string): Y.Map<RecordMap> {
  return doc.getMap<RecordMap>(name);
}

export function recordFields(record: RecordMap): Y.Map<unknown> {
  return record.get('fields') as Y.Map<unknown>;
}

export function recordHistory(record: RecordMap): Y.Array<HistoryEntry> {
  return record.get('history') as Y.Array<HistoryEntry>;
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
