import * as Y from 'yjs';
import { canWrite, peekClaims, type TokenClaims } from '../sync/access';
import { BackupProblem } from './backupFile';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { hmacHex, readFramed, utf8, writeFramed } from './fileFrame';
import { CURRENT_SCHEMA_VERSION } from '../schema/version';
import { stateVectorProblem } from '../sync/syncFrame';
import { DamagedUpdateError, requireWholeUpdate, type UpdateFacts } from '../sync/updateCheck';

/**
 * The USB exchange file (`.cdsync`) of an office without a network: what the other side has not seen of one
 * community (a Yjs update since its last known state vector), the sender's state vector (so the reply carries what
 * the sender lacks), and the sender's device token, with an HMAC of the whole keyed by that token. Importing a file
 * twice, an old one, or several in any order changes nothing wrongly: Yjs updates are idempotent and commutative.
 */

export const EXCHANGE_MAGIC = 'CDSYNC';
export const EXCHANGE_FORMAT = 1;
export const EXCHANGE_EXTENSION = '.cdsync';

export type ExchangeDirection = 'toStreet' | 'toCommunity';

export interface ExchangeHeader {
  format: number;
  direction: ExchangeDirection;
  communityCode: string;
  communityName: string;
  createdAt: number;
  senderName: string;
  /** The sender's device token (a connection string's token). */
  token: string;
  /** The sender's state vector, base64. */
  stateVector: string;
  updateBytes: number;
  /** The data layout of the sender's build (absent in files of layout-2 builds). */
  schemaVersion?: number;
}

interface SignedHeader extends ExchangeHeader {
  /** HMAC-SHA-256, keyed by the token, of the header (without this field) and the update. */
  mac: string;
}

const signedText = (header: ExchangeHeader, update: Uint8Array) => {
  const head = utf8(JSON.stringify(header));
  const all = new Uint8Array(head.length + update.length);
  all.set(head);
  all.set(update, head.length);
  return all;
};

/** Writes what the other side has not seen (everything when its state vector is unknown). */
export async function encodeExchange(doc: Y.Doc, input: { direction: ExchangeDirection; communityCode: string; communityName: string; senderName: string; token: string; theirStateVector?: Uint8Array; now?: number }): Promise<{ bytes: Uint8Array; header: ExchangeHeader }> {
  const update = Y.encodeStateAsUpdate(doc, input.theirStateVector);
  const header: ExchangeHeader = {
    format: EXCHANGE_FORMAT, direction: input.direction, communityCode: input.communityCode, communityName: input.communityName, createdAt: input.now ?? Date.now(),
    senderName: input.senderName, token: input.token, stateVector: toBase64(Y.encodeStateVector(doc)), updateBytes: update.length, schemaVersion: CURRENT_SCHEMA_VERSION,
  };
  const signed: SignedHeader = { ...header, mac: await hmacHex(input.token, signedText(header, update)) };
  return { bytes: writeFramed(EXCHANGE_MAGIC, signed, update), header };
}

export interface ReadExchange {
  header: ExchangeHeader;
  claims: TokenClaims;
  update: Uint8Array;
  stateVector: Uint8Array;
  /** What the update holds (read whole): where each sender's changes start, to see what this PC must already have. */
  facts: UpdateFacts;
  /** Whether the file holds the whole community (exported with no state of the other side). */
  whole: boolean;
}

/**
 * Reads and checks an exchange file the way the server checks a connection: undamaged and signed with the token it
 * carries; a file for the street from a device that may write this community (its clerk, or the street); a file for
 * a community from its street; of `expectCode` when given; the token not expired. Every refusal in Chinese.
 */
export async function decodeExchange(bytes: Uint8Array, expect: { direction: ExchangeDirection; communityCode?: string; now?: number; fileName?: string }): Promise<ReadExchange> {
  const file = expect.fileName ? `交换文件「${expect.fileName}」` : '这个交换文件';
  const framed = readFramed<SignedHeader>(bytes, EXCHANGE_MAGIC);
  if (framed.kind === 'other') throw new BackupProblem(`${expect.fileName ? `「${expect.fileName}」` : '这'}不是社区工作台的交换文件（.cdsync）：请选择以 .cdsync 结尾的文件`);
  if (framed.kind === 'incomplete') throw new BackupProblem(`${file}不完整或已损坏（可能拷贝时被截断）：请让对方重新导出一份，拷完后先“安全弹出”U盘再拔`);
  const { mac, ...header } = framed.header;
  const update = framed.payload;
  // A header altered on the way (a flipped byte can rename a field) is damaged, whatever else it says.
  const fields: [keyof SignedHeader, string][] = [['format', 'number'], ['direction', 'string'], ['communityCode', 'string'], ['communityName', 'string'], ['createdAt', 'number'], ['senderName', 'string'], ['token', 'string'], ['stateVector', 'string'], ['updateBytes', 'number'], ['mac', 'string']];
  if (fields.some(([key, type]) => typeof framed.header[key] !== type) || !header.token) throw new BackupProblem(`${file}已损坏（文件头不完整）：请让对方重新导出一份`);
  if (header.format > EXCHANGE_FORMAT || (header.schemaVersion ?? 2) > CURRENT_SCHEMA_VERSION) throw new BackupProblem(`${file}由更新版本的社区工作台制作：请先更新本机的社区工作台`);
  if (update.length < header.updateBytes) throw new BackupProblem(`${file}不完整（少了 ${header.updateBytes - update.length} 字节，可能拷贝时被截断）：请让对方重新导出一份，拷完后先“安全弹出”U盘再拔`);
  if (update.length !== header.updateBytes || !mac || (await hmacHex(header.token, signedText(header, update))) !== mac) {
    throw new BackupProblem(`${file}已损坏或被改动过（签名不符）：请让对方重新导出一份`);
  }
  const claims = peekClaims(header.token);
  if (!claims) throw new BackupProblem('交换文件里的设备凭证无法识别：请让对方重新导出一份');
  if (header.direction !== expect.direction) {
    throw new BackupProblem(expect.direction === 'toStreet' ? '这是街道发给社区的回执文件，应在社区的电脑上导入' : '这是社区发给街道的文件，应在街道的电脑上导入');
  }
  if (expect.communityCode && header.communityCode !== expect.communityCode) {
    throw new BackupProblem(`这是「${header.communityName}」（${header.communityCode}）的交换文件，不是本社区（${expect.communityCode}）的`);
  }
  const allowed = expect.direction === 'toStreet' ? canWrite(claims, header.communityCode) : claims.role === 'street' && canWrite(claims, header.communityCode);
  if (!allowed) throw new BackupProblem(`发送方「${claims.name}」的凭证无权修改「${header.communityName}」的数据：这个文件被拒绝，数据没有改动`);
  if (claims.exp * 1000 <= (expect.now ?? Date.now())) throw new BackupProblem(`发送方「${claims.name}」的凭证已过期：请街道重新发放连接串后再导出`);
  // Read whole before anything merges: the signature says who sent it, not that the sender's build wrote it right.
  let stateVector: Uint8Array;
  let facts: UpdateFacts;
  try {
    facts = requireWholeUpdate(update, file);
    stateVector = fromBase64(header.stateVector);
  } catch (error) {
    throw new BackupProblem(`${error instanceof DamagedUpdateError ? error.message : `${file}的状态信息无法读取`}：请让对方重新导出一份`);
  }
  const problem = stateVectorProblem(stateVector);
  if (problem) throw new BackupProblem(`${file}的状态信息${problem}，未合并其中任何内容：请让对方重新导出一份`);
  return { header, claims, update, stateVector, facts, whole: [...facts.from.values()].every((clock) => clock === 0) };
}

/**
 * A file that carries only the changes since the other side's last known state cannot be applied to a copy that lacks
 * what came before them (a street PC that never held the community): Yjs would keep them waiting, invisible. Refused
 * before anything is merged, saying what to do instead. `localStateVector` is this PC's copy's.
 */
export function refuseMissingHistory(read: Pick<ReadExchange, 'header' | 'facts'>, localStateVector: Uint8Array, hasCommunity: boolean): void {
  const have = Y.decodeStateVector(localStateVector);
  const gaps = [...read.facts.from].filter(([client, from]) => from > (have.get(client) ?? 0));
  if (gaps.length === 0) return;
  const name = `「${read.header.communityName}」（${read.header.communityCode}）`;
  throw new BackupProblem(hasCommunity
    ? `${name}的这个交换文件接在本机还没有的修改之后，单独导入会缺少前面的内容，未导入任何数据。请先导入该社区更早的交换文件，或联网后打开该社区同步一次；也可以请社区在“数据安全”中点“导出整个社区给街道”`
    : `本机还没有${name}的数据，这个文件只含该社区最近的修改，无法单独使用，未导入任何数据。请：1. 联网后在街道总览中打开该社区一次；或 2. 请社区在“数据安全”中点“导出整个社区给街道（.cdsync）”，再导入那个文件`);
}

/**
 * A file from a build that writes an older data layout than this PC's copy of the community would write where this
 * build no longer reads: refused before anything is merged.
 */
export function refuseOlderLayout(header: ExchangeHeader, doc: Y.Doc): void {
  const theirs = header.schemaVersion ?? 2;
  const ours = Number(doc.getMap('meta').get('schemaVersion') ?? 0);
  if (theirs < ours) {
    throw new BackupProblem(`「${header.senderName}」电脑上的社区工作台版本较旧（数据版本 ${theirs}，本机为 ${ours}）：请先升级那台电脑的社区工作台，打开一次后再重新导出；本机数据没有改动`);
  }
}
