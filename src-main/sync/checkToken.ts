import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenCheck } from '../../src-shared/ipc/contract';
import { SyncStore } from './syncStore';
import { verifyToken } from './tokens';

/**
 * A device token checked with the sync server keys kept in `dataDir` (the street office's own server), as the server
 * checks a connection: signature, expiry, revocation. 'unknown' when this PC has no server keys (never creates them).
 */
export function checkTokenWithLocalKeys(dataDir: string, token: string, now = Date.now()): TokenCheck {
  if (!existsSync(join(dataDir, 'secret.key'))) return 'unknown';
  const store = new SyncStore(dataDir);
  try {
    const verified = verifyToken(store.secret, token, now);
    if (!verified.ok) return verified.reason === 'expired' ? 'expired' : 'invalid';
    return store.isRevoked(verified.claims.jti) ? 'revoked' : 'valid';
  } finally {
    store.close();
  }
}
