import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import * as Y from 'yjs';
import { SyncServer } from '../../../src-main/sync/syncServer';
import { checkSummaries } from '../../../src-main/sync/summaryStore';
import { writeCommunityInfo } from '../../../src-shared/community/communityInfo';
import { CLOSE_CODES } from '../../../src-shared/sync/access';
import { signToken } from '../../../src-main/sync/tokens';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { SyncConnection } from '../../../src-renderer/sync/syncConnection';
import { waitFor } from '../../support/waitFor';

const CODE = '350102001001';


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

  it('answers the overview and the feed from its summaries after a restart, drops idle documents, and refuses an older build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-summaries-'));
    const options = { port: 0, host: '127.0.0.1', dataDir: dir, log: () => undefined };
    const server = new SyncServer({ ...options, memoryBudgetBytes: 1 });
    const url = `ws://127.0.0.1:${await server.listen()}`;
    const issue = (s: SyncServer, role: 'clerk' | 'street', scope: string) => {
      const { token, claims } = signToken(s.store.secret, { role, scope, name: role === 'street' ? '街道李' : '社区王', days: 1 });
      s.store.recordToken(claims);
      return token;
    };
    const doc = new Y.Doc();
    const conn = new SyncConnection(doc, { serverUrl: url, token: issue(server, 'clerk', CODE), docName: CODE });
    conn.connect();
    await waitFor(() => conn.syncStatus.state === 'synced');
    writeCommunityInfo(doc, { code: CODE, name: '三坊七巷社区', streetName: '南街街道', createdAt: 0 });
    const repos = createRepositories(doc, fixedContext({ name: '社区王' }));
    for (let i = 0; i < 30; i++) repos.residentUnits.create({ name: `单位${i}` });
    repos.residentUnits.delete(repos.residentUnits.list()[0]!.id);
    await waitFor(() => conn.syncStatus.state === 'synced' && conn.syncStatus.pending === 0);
    // Over a budget of one byte, the connected document's merged bytes are released; it still syncs.
    expect(server.memory().heldBytes).toBeLessThan(2000);
    repos.residentUnits.create({ name: '释放之后' });
    await waitFor(() => conn.syncStatus.state === 'synced' && conn.syncStatus.pending === 0);
    conn.destroy();
    await server.close();

    const again = new SyncServer({ ...options, idleMs: 0 });
    const http = `http://127.0.0.1:${await again.listen()}/api`;
    const street = issue(again, 'street', '350102001');
    const list = (await (await fetch(`${http}/communities?token=${street}`)).json()) as { name: string; counts: Record<string, number> }[];
    expect(list).toMatchObject([{ name: '三坊七巷社区', counts: { residentUnits: 30 } }]);
    expect(again.memory().rooms).toBe(0); // read from SQLite: no document was loaded
    const first = (await (await fetch(`${http}/feed?token=${street}&limit=20`)).json()) as { rows: { title: string; action: string }[]; next: string };
    expect(first.rows).toHaveLength(20);
    const second = (await (await fetch(`${http}/feed?token=${street}&limit=20&after=${first.next}`)).json()) as { rows: unknown[]; next: string | null };
    expect(first.rows.length + second.rows.length).toBe(32);
    expect(second.next).toBeNull();
    expect(first.rows[0]).toMatchObject({ title: '释放之后', action: 'create' });
    expect((await fetch(`${http}/feed?token=${street}&after=yesterday`)).status).toBe(400);
    // A document used and then idle is dropped from memory; the next connection reads it back.
    again.documentState(CODE);
    expect(again.memory().rooms).toBe(1);
    again.sweep(Date.now() + 1);
    expect(again.memory().rooms).toBe(0);
    // A build of layout 2 is refused with its own code; the current one syncs.
    const old = await new Promise<number>((resolve) => {
      const ws = new WsClient(`${http.replace('http', 'ws').replace('/api', '')}/${CODE}?token=${issue(again, 'clerk', CODE)}`);
      ws.on('close', (code) => resolve(code));
    });
    expect(old).toBe(CLOSE_CODES.outdated);
    const fresh = new Y.Doc();
    const reader = new SyncConnection(fresh, { serverUrl: http.replace('http', 'ws').replace('/api', ''), token: issue(again, 'clerk', CODE), docName: CODE });
    reader.connect();
    await waitFor(() => reader.syncStatus.state === 'synced' && createRepositories(fresh, fixedContext()).residentUnits.count() === 30);
    reader.destroy();
    // The command that checks every summary against its document.
    expect(checkSummaries(again.store, again.summaries, 'verify')).toEqual({ lines: [`${CODE}：摘要与文档一致`], ok: true });
    again.store.db.exec("UPDATE summary_counts SET live = 3 WHERE collection = 'residentUnits'");
    expect(checkSummaries(again.store, again.summaries, 'verify')).toMatchObject({ ok: false, lines: [expect.stringContaining('驻区单位条数：摘要为 3，文档为 30')] });
    checkSummaries(again.store, again.summaries, 'rebuild');
    expect(checkSummaries(again.store, again.summaries, 'verify').ok).toBe(true);
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
