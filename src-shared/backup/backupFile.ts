import * as Y from 'yjs';
import { readCommunityInfo } from '../community/communityInfo';
import { OperationError } from '../errors';
import { COLLECTIONS, COLLECTION_NAMES } from '../records';
import { collectionMap, isRecordDeleted } from '../repository/docLayout';
import { CURRENT_SCHEMA_VERSION } from '../schema/version';
import { migrateDocument } from '../schema/migrations';
import { requireWholeUpdate } from '../sync/updateCheck';
import { readFramed, sha256Hex, utf8, writeFramed } from './fileFrame';

/**
 * A community backup (`.cdbak`): one self-describing file — a header (format, community, time, operator, device,
 * schema version, counts per record type, a checksum) and the community's Yjs updates. Restoring it is a CRDT
 * merge or a fresh PC set up from it; a damaged or foreign file is refused in Chinese before anything is changed.
 */

export const BACKUP_MAGIC = 'CDBAK';
export const BACKUP_FORMAT = 1;
export const BACKUP_EXTENSION = '.cdbak';

export interface BackupHeader {
  format: number;
  schemaVersion: number;
  communityCode: string;
  communityName: string;
  streetName: string;
  /** ms since the epoch. */
  createdAt: number;
  operator: string;
  device: string;
  /** Records (not deleted) per record type, by its Chinese label. */
  counts: Record<string, number>;
  /** Bytes of the payload (the updates, each after its length). */
  stateBytes: number;
  /** SHA-256 over the rest of the header and the payload's own SHA-256, hex. */
  sha256: string;
}

export class BackupProblem extends OperationError {}

/** Records per type in a document, by the type's Chinese label (deleted ones not counted). */
export function recordCounts(doc: Y.Doc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of COLLECTION_NAMES) {
    let n = 0;
    collectionMap(doc, name).forEach((record) => {
      // A value of another shape is no record (see CollectionRepository.records).
      if (record instanceof Y.Map && !isRecordDeleted(record)) n++;
    });
    if (n > 0) counts[COLLECTIONS[name].label] = n;
  }
  return counts;
}

/**
 * Writes a backup of a community from its updates — the PC's stored update log (a snapshot and the edits since), so
 * a large community is backed up without re-encoding its whole document — with what the document holds. The
 * payload is the updates, each after its length; the checksum covers the header and the payload.
 */
export async function encodeBackup(updates: readonly Uint8Array[], doc: Y.Doc, who: { operator: string; device: string }, now = Date.now()): Promise<{ bytes: Uint8Array; header: BackupHeader }> {
  const info = readCommunityInfo(doc);
  if (!info) throw new BackupProblem('这台电脑上的社区数据还没有社区信息，无法备份');
  const payload = joinUpdates(updates);
  const unsigned: Omit<BackupHeader, 'sha256'> = {
    format: BACKUP_FORMAT, schemaVersion: Number(doc.getMap('meta').get('schemaVersion') ?? CURRENT_SCHEMA_VERSION), communityCode: info.code, communityName: info.name,
    streetName: info.streetName, createdAt: now, operator: who.operator, device: who.device, counts: recordCounts(doc), stateBytes: payload.length,
  };
  const header: BackupHeader = { ...unsigned, sha256: await checksum(unsigned, payload) };
  return { bytes: writeFramed(BACKUP_MAGIC, header, payload), header };
}

/** A backup of a document held only in memory (tests, a street PC's copy): its state as the one update. */
export function encodeDocBackup(doc: Y.Doc, who: { operator: string; device: string }, now = Date.now()) {
  return encodeBackup([Y.encodeStateAsUpdate(doc)], doc, who, now);
}

async function checksum(header: Omit<BackupHeader, 'sha256'>, payload: Uint8Array): Promise<string> {
  return sha256Hex(utf8(`${JSON.stringify(header)}\n${await sha256Hex(payload)}`));
}

function joinUpdates(updates: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(updates.reduce((n, u) => n + 4 + u.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const u of updates) {
    view.setUint32(at, u.length);
    out.set(u, at + 4);
    at += 4 + u.length;
  }
  return out;
}

function splitUpdates(payload: Uint8Array): Uint8Array[] | null {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < payload.length) {
    if (at + 4 > payload.length) return null;
    const length = view.getUint32(at);
    if (at + 4 + length > payload.length) return null;
    out.push(payload.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

/**
 * Reads a backup file and checks it without decoding the document (a large community's backup is checked in a
 * moment): that it is a backup at all, of a format this version reads, undamaged (the checksum of header and
 * updates), and — where `expectCode` is given — of this community. Every refusal says what to do.
 */
export async function decodeBackup(bytes: Uint8Array, expectCode?: string, fileName?: string): Promise<{ header: BackupHeader; updates: Uint8Array[] }> {
  const file = fileName ? `备份文件「${fileName}」` : '这个备份文件';
  const framed = readFramed<BackupHeader>(bytes, BACKUP_MAGIC);
  if (framed.kind === 'other') throw new BackupProblem(`${fileName ? `「${fileName}」` : '这'}不是社区工作台的备份文件（.cdbak）：请选择备份文件夹中以 .cdbak 结尾的文件`);
  if (framed.kind === 'incomplete') throw new BackupProblem(`${file}不完整或已损坏（可能拷贝时被截断）：请改用另一份备份，例如前一天的`);
  const { header, payload } = framed;
  const fields: [keyof BackupHeader, string][] = [['format', 'number'], ['schemaVersion', 'number'], ['communityCode', 'string'], ['communityName', 'string'], ['createdAt', 'number'], ['stateBytes', 'number'], ['sha256', 'string']];
  if (!header || fields.some(([key, type]) => typeof header[key] !== type)) throw new BackupProblem(`${file}已损坏（文件头不完整）：请改用另一份备份，例如前一天的`);
  if (header.format > BACKUP_FORMAT || header.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupProblem(`这个备份由更新版本的社区工作台制作（格式 ${header.format}，数据版本 ${header.schemaVersion}）：请先把本机的社区工作台更新到最新版本，再打开它`);
  }
  const { sha256, ...unsigned } = header;
  if (payload.length < header.stateBytes) throw new BackupProblem(`${file}不完整（少了 ${header.stateBytes - payload.length} 字节，可能拷贝时被截断）：请改用另一份备份，例如前一天的`);
  const updates = payload.length === header.stateBytes ? splitUpdates(payload) : null;
  if (!updates || (await checksum(unsigned, payload)) !== sha256) throw new BackupProblem(`${file}已损坏（校验和不符）：请改用另一份备份，例如前一天的`);
  if (expectCode && header.communityCode !== expectCode) {
    throw new BackupProblem(`这是「${header.communityName}」（${header.communityCode}）的备份，不是本社区（${expectCode}）的：请选择本社区的备份文件`);
  }
  // Read whole, as every update from outside is: a backup written by a faulty build is refused before anything merges.
  updates.forEach((update, i) => {
    try {
      requireWholeUpdate(update, `${file}第 ${i + 1} 段`);
    } catch (error) {
      throw new BackupProblem(`${(error as Error).message}：请改用另一份备份，例如前一天的`);
    }
  });
  return { header, updates };
}

/**
 * The backup's document, for the read-only view, in the current layout (a backup of an older build is upgraded in
 * memory only); throws in Chinese when its data cannot be read.
 */
export function backupDocument(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    migrateDocument(doc, { actor: () => ({ name: '备份查看', device: 'backup' }), now: () => Date.now() });
  } catch {
    throw new BackupProblem('备份文件的数据无法读取：请改用另一份备份');
  }
  return doc;
}

/** 三坊七巷社区-350102001001-20261127-0930.cdbak */
export function backupFileName(header: Pick<BackupHeader, 'communityName' | 'communityCode' | 'createdAt'>): string {
  const d = new Date(header.createdAt);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${header.communityName}-${header.communityCode}-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}${BACKUP_EXTENSION}`;
}

/** When a backup file of `backupFileName` was made (local time), or undefined for a file named otherwise. */
export function backupTimeOfName(name: string): number | undefined {
  const m = /-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.cdbak$/.exec(name);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])).getTime() : undefined;
}
