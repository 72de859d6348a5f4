import * as Y from 'yjs';
import { readCommunityInfo } from '../community/communityInfo';
import { OperationError } from '../errors';
import { COLLECTIONS, COLLECTION_NAMES } from '../records';
import { collectionMap } from '../repository/docLayout';
import { CURRENT_SCHEMA_VERSION } from '../schema/version';
import { gunzip, gzip, readFramed, sha256Hex, writeFramed } from './fileFrame';

/**
 * A community backup (`.cdbak`): one self-describing file — a header (format, community, time, operator, device,
 * schema version, counts per record type, a checksum) and the whole Yjs state, compressed. Restoring it is a CRDT
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
  stateBytes: number;
  /** SHA-256 of the uncompressed state, hex. */
  sha256: string;
}

export class BackupProblem extends OperationError {}

/** Records per type in a document, by the type's Chinese label (deleted ones not counted). */
export function recordCounts(doc: Y.Doc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of COLLECTION_NAMES) {
    let n = 0;
    collectionMap(doc, name).forEach((record) => {
      if ((record as Y.Map<unknown>).get('deleted') !== true) n++;
    });
    if (n > 0) counts[COLLECTIONS[name].label] = n;
  }
  return counts;
}

/** The backup of a document: its state and what it holds, written by `who` on `device` at `now`. */
export async function encodeBackup(doc: Y.Doc, who: { operator: string; device: string }, now = Date.now()): Promise<{ bytes: Uint8Array; header: BackupHeader }> {
  const info = readCommunityInfo(doc);
  if (!info) throw new BackupProblem('这台电脑上的社区数据还没有社区信息，无法备份');
  const state = Y.encodeStateAsUpdate(doc);
  const header: BackupHeader = {
    format: BACKUP_FORMAT, schemaVersion: Number(doc.getMap('meta').get('schemaVersion') ?? CURRENT_SCHEMA_VERSION), communityCode: info.code, communityName: info.name,
    streetName: info.streetName, createdAt: now, operator: who.operator, device: who.device, counts: recordCounts(doc), stateBytes: state.length, sha256: await sha256Hex(state),
  };
  return { bytes: writeFramed(BACKUP_MAGIC, header, await gzip(state)), header };
}

/**
 * Reads a backup file and checks it: that it is a backup at all, of a format this version reads, undamaged (the
 * checksum of the state), and — where `expectCode` is given — of this community. Every refusal says what to do.
 */
export async function decodeBackup(bytes: Uint8Array, expectCode?: string): Promise<{ header: BackupHeader; state: Uint8Array }> {
  const framed = readFramed<BackupHeader>(bytes, BACKUP_MAGIC);
  if (!framed) throw new BackupProblem('这不是社区工作台的备份文件（.cdbak）：请选择备份文件夹中以 .cdbak 结尾的文件');
  const { header, payload } = framed;
  if (header.format > BACKUP_FORMAT || header.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupProblem(`这个备份由更新版本的社区工作台制作（格式 ${header.format}，数据版本 ${header.schemaVersion}）：请先把本机的社区工作台更新到最新版本，再打开它`);
  }
  let state: Uint8Array;
  try {
    state = await gunzip(payload);
  } catch {
    throw new BackupProblem('备份文件已损坏（无法解压）：请改用另一份备份，例如前一天的');
  }
  if (state.length !== header.stateBytes || (await sha256Hex(state)) !== header.sha256) {
    throw new BackupProblem('备份文件已损坏（校验和不符）：请改用另一份备份，例如前一天的');
  }
  if (expectCode && header.communityCode !== expectCode) {
    throw new BackupProblem(`这是「${header.communityName}」（${header.communityCode}）的备份，不是本社区（${expectCode}）的：请选择本社区的备份文件`);
  }
  // The header names the community; the state must be that community's too.
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch {
    throw new BackupProblem('备份文件已损坏（数据无法读取）：请改用另一份备份');
  }
  if (readCommunityInfo(doc)?.code !== header.communityCode) throw new BackupProblem('备份文件的内容与文件头不符，可能被改动过：请改用另一份备份');
  return { header, state };
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
