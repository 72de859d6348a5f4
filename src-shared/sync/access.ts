import { fromBase64 } from 'lib0/buffer';
import { decodeUtf8 } from 'lib0/string';

/**
 * Who may open which community document on the street's sync server. Tokens carry these claims; the server checks
 * them at the WebSocket upgrade, the app reads them to show what a token is for.
 */
export type SyncRole = 'clerk' | 'street' | 'viewer';

export interface TokenClaims {
  /** Token id: what revocation names. */
  jti: string;
  role: SyncRole;
  /** A 12-digit community code (clerk, or viewer of one community) or a 9-digit street code (street, or viewer). */
  scope: string;
  /** Who the device belongs to, for the audit log and the app's display. */
  name: string;
  iat: number;
  exp: number;
}

export const ROLE_LABELS: Record<SyncRole, string> = { clerk: '社区操作员', street: '街道工作人员', viewer: '只读查看' };

export function isDocumentName(name: string): boolean {
  return /^\d{12}$/.test(name);
}

export function canRead(claims: TokenClaims, docName: string): boolean {
  return isDocumentName(docName) && (docName === claims.scope || (claims.scope.length === 9 && docName.startsWith(claims.scope)));
}

export function canWrite(claims: TokenClaims, docName: string): boolean {
  return claims.role !== 'viewer' && canRead(claims, docName);
}

/** Close codes the server uses; 4400–4499 are final for y-websocket clients (no reconnect). */
export const CLOSE_CODES = {
  badDocument: 4400,
  badToken: 4401,
  forbidden: 4403,
  expired: 4410,
  revoked: 4411,
  malformed: 4422,
  /** The server's copy is of a newer data layout than this PC's software writes. */
  outdated: 4426,
} as const;

/**
 * Reasons the server gives with close code 1011 (its own fault, never the client's): it could not read the
 * community's stored data, could not store an update, or could not process a whole message.
 */
export const SERVER_CLOSE_REASONS = { load: 'server data: cannot load', storage: 'server storage failure', data: 'server data fault' } as const;

/** What the app says when the street's copy of the community has a problem: the PC works on and keeps its edits. */
export const STREET_COPY_FAULT = '街道服务器上本社区的数据出现故障，暂时无法同步。请联系街道党建办的同步服务器管理员处理（可运行服务器的 verify 检查）；本机数据不受影响，可继续离线使用，修改会在恢复后自动同步。';

/** What the app tells the clerk for each close code: what happened and what to do. */
export function describeClose(code: number, reason = ''): { final: boolean; message: string } {
  switch (code) {
    case 1011:
      return { final: false, message: reason === SERVER_CLOSE_REASONS.storage ? '街道服务器暂时无法保存数据（可能磁盘已满或出错），正在自动重试。请联系街道党建办的同步服务器管理员；本机数据不受影响，可继续离线使用。' : STREET_COPY_FAULT };
    case CLOSE_CODES.badDocument:
      return { final: true, message: '街道服务器拒绝了连接：社区区划代码不正确。请核对本机社区的12位区划代码。' };
    case CLOSE_CODES.badToken:
      return { final: true, message: '同步凭证无效：可能抄写不完整。请向街道党建办重新索取连接串并粘贴到“同步设置”。' };
    case CLOSE_CODES.forbidden:
      return { final: true, message: '这个同步凭证不能访问本社区的数据。请确认凭证是发给本社区的，或向街道党建办重新索取。' };
    case CLOSE_CODES.expired:
      return { final: true, message: '同步凭证已过期。请向街道党建办索取新的连接串；本机数据不受影响，可继续离线使用。' };
    case CLOSE_CODES.revoked:
      return { final: true, message: '同步凭证已被街道停用。请联系街道党建办；本机数据不受影响，可继续离线使用。' };
    case CLOSE_CODES.outdated:
      return { final: true, message: '街道服务器上的社区数据已由新版社区工作台升级，本机软件版本较旧，为免写坏数据已停止同步。请先升级本机的社区工作台；本机数据不受影响。' };
    case CLOSE_CODES.malformed:
      return { final: false, message: '街道服务器拒收了本机发出的一条不完整的同步消息（可能是网络传输出错），正在重新连接并重新发送；本机数据不受影响。' };
    case 1009:
      return { final: false, message: '发送的数据超过服务器允许的大小，请联系街道党建办调整服务器设置。' };
    default:
      return { final: false, message: '与街道服务器的连接已断开，正在自动重连；数据已保存在本机。' };
  }
}

/** Reads a token's claims without checking its signature (the server checks; the app only displays). */
export function peekClaims(token: string): TokenClaims | undefined {
  const [version, payload] = token.split('.');
  if (version !== 'cd1' || !payload) return undefined;
  try {
    const json = decodeBase64Url(payload);
    const claims = JSON.parse(json) as TokenClaims;
    return typeof claims.scope === 'string' && typeof claims.role === 'string' ? claims : undefined;
  } catch {
    return undefined;
  }
}

export interface ConnectionSettings {
  serverUrl: string;
  token: string;
}

/**
 * A connection string is the server's ws(s):// address with the token as a parameter, e.g.
 * `ws://192.168.1.10:4455/?token=cd1.…`: the street office hands it out, the clerk pastes (or scans) it.
 */
export function parseConnectionString(text: string): { ok: true; value: ConnectionSettings; claims: TokenClaims } | { ok: false; message: string } {
  const m = /^(wss?):\/\/([^/?#\s]+)(\/[^?#\s]*)?(?:\?([^#\s]*))?/.exec(text.trim());
  if (!m) return { ok: false, message: '连接串格式不对：应以 ws:// 或 wss:// 开头。请完整复制街道发来的连接串。' };
  const params = new Map((m[4] ?? '').split('&').map((pair) => pair.split('=') as [string, string?]).map(([k, v]) => [k, decodeURIComponent(v ?? '')]));
  const token = params.get('token') ?? '';
  const claims = peekClaims(token);
  if (!claims) return { ok: false, message: '连接串中缺少有效的同步凭证（token），请完整复制街道发来的连接串' };
  const path = (m[3] ?? '').replace(/\/$/, '');
  return { ok: true, value: { serverUrl: `${m[1]}://${m[2]}${path}`, token }, claims };
}

export function connectionString(settings: ConnectionSettings): string {
  return `${settings.serverUrl}/?token=${settings.token}`;
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return decodeUtf8(fromBase64(base64 + '='.repeat((4 - (base64.length % 4)) % 4)));
}
