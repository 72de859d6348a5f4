import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import * as Y from 'yjs';
import { SyncServer } from '../../../src-main/sync/syncServer';
import { signToken } from '../../../src-main/sync/tokens';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { SyncConnection } from '../../../src-renderer/sync/syncConnection';

const CODE = '350102001001';

function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() - start > ms ? reject(new Error('timed out')) : setTimeout(tick, 20));
    tick();
  });
}

describe('server storage', () => {
  it('compacts a document\'s log into a snapshot and keeps every edit, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-compact-'));
    const server = new SyncServer({ port: 0, host: '127.0.0.1', dataDir: dir, compactAfter: 10, log: () => undefined });
    const url = `ws://127.0.0.1:${await server.listen()}`;
    const { token, claims } = signToken(server.store.secret, { role: 'clerk', scope: CODE, name: '甲', days: 1 });
    server.store.recordToken(claims);
    const doc = new Y.Doc();
    const conn = new SyncConnection(doc, { serverUrl: url, token, docName: CODE });
    conn.connect();
    await waitFor(() => conn.syncStatus.state === 'synced');
    const repos = createRepositories(doc, fixedContext());
    for (let i = 0; i < 40; i++) {
      repos.residentUnits.create({ name: `单位${i}` });
      await waitFor(() => conn.syncStatus.pending === 0);
    }
    expect(server.store.updateCount(CODE)).toBeLessThanOrEqual(10);
    conn.destroy();
    await server.close();
    const again = new SyncServer({ port: 0, host: '127.0.0.1', dataDir: dir, log: () => undefined });
    const stored = new Y.Doc();
    Y.applyUpdate(stored, again.documentState(CODE));
    expect(createRepositories(stored, fixedContext()).residentUnits.count()).toBe(40);
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves wss:// when given a certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = new SyncServer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), tls: { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') }, log: () => undefined });
    const port = await server.listen();
    const { token, claims } = signToken(server.store.secret, { role: 'clerk', scope: CODE, name: '甲', days: 1 });
    server.store.recordToken(claims);
    const firstMessage = await new Promise<number>((resolve, reject) => {
      const ws = new WsClient(`wss://127.0.0.1:${port}/${CODE}?token=${token}`, { ca: readFileSync(join(dir, 'cert.pem')) });
      ws.on('message', (data: Buffer) => (resolve(data[0]!), ws.close()));
      ws.on('error', reject);
    });
    expect(firstMessage).toBe(0); // a sync message (step 1) over TLS
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
