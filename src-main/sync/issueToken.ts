import { connectionString, type SyncRole, type TokenClaims } from '../../src-shared/sync/access';
import type { SyncStore } from './syncStore';
import { signToken } from './tokens';

export interface IssueRequest {
  role: SyncRole;
  scope: string;
  name: string;
  days: number;
  serverUrl: string;
}

/** Issues and records a device token; returns the connection string the clerk pastes or scans. */
export function issueToken(store: SyncStore, request: IssueRequest): { connectionString: string; claims: TokenClaims } {
  if (!['clerk', 'street', 'viewer'].includes(request.role)) throw new Error('角色只能是社区操作员、街道工作人员或只读查看');
  if (request.role === 'clerk' ? !/^\d{12}$/.test(request.scope) : !/^\d{9}(\d{3})?$/.test(request.scope)) {
    throw new Error('范围：社区操作员填12位社区区划代码，街道工作人员填9位街道代码');
  }
  if (!request.name.trim()) throw new Error('请填写使用人姓名');
  if (!(request.days > 0 && request.days <= 3660)) throw new Error('有效天数应在1到3660之间');
  if (!/^wss?:\/\/[^/\s]+/.test(request.serverUrl)) throw new Error('服务器地址应以 ws:// 或 wss:// 开头，例如 ws://192.168.1.10:4455');
  const { token, claims } = signToken(store.secret, { role: request.role, scope: request.scope, name: request.name.trim(), days: request.days });
  store.recordToken(claims);
  return { connectionString: connectionString({ serverUrl: request.serverUrl.replace(/\/$/, ''), token }), claims };
}
