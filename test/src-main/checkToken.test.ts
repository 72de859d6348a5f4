import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTokenWithLocalKeys } from '../../src-main/sync/checkToken';
import { issueToken } from '../../src-main/sync/issueToken';
import { SyncStore } from '../../src-main/sync/syncStore';
import { newSecret, signToken } from '../../src-main/sync/tokens';

describe('checking a USB exchange file\'s token on the street PC', () => {
  it('is valid, revoked, expired or foreign by this PC\'s server keys, and unknown where the PC has none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    const store = new SyncStore(dir);
    const { connectionString, claims } = issueToken(store, { role: 'clerk', scope: '350102001001', name: '王小红', days: 30, serverUrl: 'ws://127.0.0.1:4455' });
    const token = new URL(connectionString).searchParams.get('token')!;
    const other = issueToken(store, { role: 'clerk', scope: '350102001002', name: '赵六', days: 30, serverUrl: 'ws://127.0.0.1:4455' });
    store.revokeToken(other.claims.jti);
    store.close();
    expect(checkTokenWithLocalKeys(dir, token)).toBe('valid');
    expect(checkTokenWithLocalKeys(dir, new URL(other.connectionString).searchParams.get('token')!)).toBe('revoked');
    expect(checkTokenWithLocalKeys(dir, token, (claims.exp + 1) * 1000)).toBe('expired');
    expect(checkTokenWithLocalKeys(dir, signToken(newSecret(), { role: 'clerk', scope: '350102001001', name: '冒充', days: 30 }).token)).toBe('invalid');
    expect(checkTokenWithLocalKeys(mkdtempSync(join(tmpdir(), 'no-keys-')), token)).toBe('unknown');
  });
});
