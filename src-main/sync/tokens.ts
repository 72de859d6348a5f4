import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SyncRole, TokenClaims } from '../../src-shared/sync/access';

/** Signed device tokens: `cd1.<claims as base64url JSON>.<HMAC-SHA256>`. */
export function signToken(secret: Buffer, input: { role: SyncRole; scope: string; name: string; days: number; now?: number }): { token: string; claims: TokenClaims } {
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  const claims: TokenClaims = { jti: randomUUID(), role: input.role, scope: input.scope, name: input.name, iat: now, exp: now + Math.round(input.days * 86400) };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `cd1.${payload}.${mac(secret, payload)}`, claims };
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'bad' | 'expired' };

export function verifyToken(secret: Buffer, token: string, now = Date.now()): VerifyResult {
  const [version, payload, signature] = token.split('.');
  if (version !== 'cd1' || !payload || !signature) return { ok: false, reason: 'bad' };
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, reason: 'bad' };
  }
  if (!['clerk', 'street', 'viewer'].includes(claims.role) || !/^\d{9}(\d{3})?$/.test(claims.scope)) return { ok: false, reason: 'bad' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

export function newSecret(): Buffer {
  return randomBytes(32);
}

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
