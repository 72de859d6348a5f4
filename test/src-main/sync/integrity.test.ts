/**
 * Sync integrity at the server: a damaged update is refused before anything of it is stored, a damaged row already in
 * the store is moved aside and the rest of the community served, and a fault of the server's own data is told apart
 * from a client's bad message (1011 with a reason, which the app explains in Chinese).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as WsClient, WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { checkStoredData } from '../../../src-main/sync/storedDataCheck';
import { SyncServer } from '../../../src-main/sync/syncServer';
import { SyncStore } from '../../../src-main/sync/syncStore';
import { signToken } from '../../../src-main/sync/tokens';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { CLOSE_CODES, STREET_COPY_FAULT } from '../../../src-shared/sync/access';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { SyncConnection } from '../../../src-renderer/sync/syncConnection';
import { waitFor } from '../../support/waitFor';

const CODE = '350102001001';
const dirs: string[] = [];
const servers: SyncServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});


async function startServer(dir?: string) {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'desk-integrity-'));
  if (!dir) dirs.push(dataDir);
  const lines: string[] = [];
  const server = new SyncServer({ port: 0, host: '127.0.0.1', dataDir, log: (l) => lines.push(l) });
  servers.push(server);
  const url = `ws://127.0.0.1:${await server.listen()}`;
  const issue = (name = '王小红') => {
    const { token, claims } = signToken(server.store.secret, { role: 'clerk', scope: CODE, name, days: 1 });
    server.store.recordToken(claims);
    return token;
  };
  return { server, url, dataDir, lines, issue };
}

function frame(syncType: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Opens a raw connection, waits for the server's first message, sends `message`, and resolves with the close code. */
function sendRaw(url: string, token: string, ...messages: Uint8Array[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WsClient(`${url}/${CODE}?token=${token}&schema=3`);
    ws.once('message', () => messages.forEach((m) => ws.send(m)));
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
    setTimeout(() => ws.close(1000), 1500);
  });
}

/** A PC with edits acknowledged by the server; returns what a new PC must see. */
async function writeAcknowledged(url: string, token: string, names: string[]) {
  const doc = new Y.Doc();
  const conn = new SyncConnection(doc, { serverUrl: url, token, docName: CODE });
  conn.connect();
  await waitFor(() => conn.syncStatus.state === 'synced', 5000, 'writer synced');
  const repos = createRepositories(doc, fixedContext({ name: '王小红' }));
  for (const name of names) repos.residentUnits.create({ name });
  await waitFor(() => conn.syncStatus.state === 'synced' && conn.syncStatus.pending === 0, 5000, 'writer acknowledged');
  conn.destroy();
  return doc;
}

/** A fresh PC syncs with the app's client and with the stock y-websocket client; both see `names`. */
async function freshPcsSee(url: string, token: string, names: string[]) {
  const unitNames = (doc: Y.Doc) => createRepositories(doc, fixedContext()).residentUnits.list().map((u) => u.name).sort();
  const app = new Y.Doc();
  const conn = new SyncConnection(app, { serverUrl: url, token, docName: CODE });
  conn.connect();
  await waitFor(() => conn.syncStatus.state === 'synced', 5000, 'app client synced');
  conn.destroy();
  expect(unitNames(app)).toEqual([...names].sort());
  const stock = new Y.Doc();
  const provider = new WebsocketProvider(url, CODE, stock, { WebSocketPolyfill: WsClient as never, params: { token, schema: '3' }, disableBc: true });
  await waitFor(() => provider.synced, 5000, 'stock client synced');
  provider.destroy();
  expect(unitNames(stock)).toEqual([...names].sort());
}

describe('sync integrity at the server', () => {
  it('refuses an update cut by one byte or followed by junk: 4422, one log line naming the user, nothing stored; the community stays open, also after a restart', async () => {
    const { server, url, dataDir, lines, issue } = await startServer();
    const token = issue();
    await writeAcknowledged(url, token, ['第一中学', '市人民医院']);
    const rowsBefore = server.store.updateCount(CODE);
    const auditBefore = server.store.audit(CODE).length;

    // The issue's case: a valid one-key update from a fresh Y.Doc, its last byte removed, in an ordinary frame.
    const fresh = new Y.Doc();
    fresh.getMap('stray').set('k', 'v');
    const valid = Y.encodeStateAsUpdate(fresh);
    const cut = valid.subarray(0, valid.length - 1);
    const junk = new Uint8Array(valid.length + 8).fill(9);
    junk.set(valid);
    // Several frames on one connection: the refusal is logged once, the rest is not read.
    expect(await sendRaw(url, token, frame(2, cut), frame(2, valid), frame(2, valid))).toBe(CLOSE_CODES.malformed);
    expect(await sendRaw(url, token, frame(1, junk))).toBe(CLOSE_CODES.malformed);
    expect(server.store.updateCount(CODE)).toBe(rowsBefore);
    expect(server.store.audit(CODE)).toHaveLength(auditBefore);
    const refusals = lines.filter((l) => l.startsWith('拒收'));
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toMatch(/^拒收 王小红（clerk，凭证 [^）]+）发往社区 350102001001 的消息：更新数据在第 \d+ 字节处提前结束.*未保存任何内容$/);
    expect(refusals[1]).toContain('其后多出 8 字节');

    await freshPcsSee(url, token, ['第一中学', '市人民医院']);
    await server.close();
    servers.length = 0;
    const again = await startServer(dataDir);
    await freshPcsSee(again.url, token, ['第一中学', '市人民医院']);
  });

  it('moves a damaged stored row aside on load (with its audit line), serves the rest, logs it once; verify lists it and repair moves it', async () => {
    const { server, url, dataDir, issue } = await startServer();
    const token = issue();
    await writeAcknowledged(url, token, ['第一中学']);
    await writeAcknowledged(url, token, ['市人民医院']);
    await server.close();
    servers.length = 0;

    // As an older build (or a disk fault) would leave it: one more row, cut short, with its audit line.
    const store = new SyncStore(dataDir);
    const writer = new Y.Doc();
    createRepositories(writer, fixedContext()).residentUnits.create({ name: '不完整的单位' });
    const damaged = Y.encodeStateAsUpdate(writer).slice(0, -1);
    store.appendUpdate(CODE, damaged, { jti: 'old-build', role: 'clerk', scope: CODE, name: '旧版电脑', iat: 0, exp: 0 }, Date.UTC(2026, 11, 1, 2));
    store.db.exec('UPDATE updates SET crc = NULL WHERE seq = (SELECT MAX(seq) FROM updates)'); // an older build kept no CRC
    const verified = checkStoredData(store, 'verify');
    expect(verified.ok).toBe(false);
    expect(verified.lines.join('\n')).toMatch(/社区 350102001001：3 条已存数据中有 1 条无法读取\n {2}第 \d+ 条：.*旧版电脑（clerk），\d+ 字节：数据在第 \d+ 字节处提前结束/);
    expect(verified.lines.at(-1)).toContain('运行 repair');
    expect(store.updateCount(CODE)).toBe(3); // verify changes nothing
    store.close();

    const again = await startServer(dataDir);
    await freshPcsSee(again.url, token, ['第一中学', '市人民医院']);
    await freshPcsSee(again.url, token, ['第一中学', '市人民医院']);
    expect(again.lines.filter((l) => l.includes('已移至隔离表'))).toHaveLength(1);
    expect(again.server.store.quarantined(CODE)).toMatchObject([{ doc: CODE, user: '旧版电脑', role: 'clerk', bytes: damaged.length, problem: expect.stringContaining('提前结束') }]);
    expect(checkStoredData(again.server.store, 'verify')).toMatchObject({ ok: true, lines: [`社区 ${CODE}：2 条已存数据，全部完好`, expect.stringContaining('隔离表中共有 1 条'), expect.anything(), '检查完毕：没有发现无法读取的数据'] });

    // A disk fault in a row stored whole: its bytes no longer match their CRC, so it is read again on load and set aside.
    const diskRow = again.server.store.loadRows(CODE).at(-1)!;
    const rotten = Uint8Array.from(diskRow.data);
    rotten[rotten.length - 2] = 0xff;
    rotten[rotten.length - 1] = 0xff;
    again.server.store.db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(rotten, diskRow.seq);
    expect(checkStoredData(again.server.store, 'verify').ok).toBe(false);
    checkStoredData(again.server.store, 'repair');
    // repair does the same without a server: another damaged row, moved by the command.
    again.server.store.appendUpdate(CODE, new Uint8Array([1, 1, 5]), { jti: 'x', role: 'clerk', scope: CODE, name: '坏网卡', iat: 0, exp: 0 });
    expect(checkStoredData(again.server.store, 'repair')).toMatchObject({ ok: true, lines: [expect.stringContaining('有 1 条无法读取，已移至隔离表'), expect.stringContaining('坏网卡'), expect.stringContaining('隔离表中共有 3 条'), expect.anything(), expect.anything(), expect.anything()] });
    expect(checkStoredData(again.server.store, 'verify').ok).toBe(true);
  });

  it('closes with 1011 and a reason when its own data cannot be read; the app says whom to call and keeps its edits', { timeout: 20_000 }, async () => {
    const { server, url, issue } = await startServer();
    const token = issue();
    await writeAcknowledged(url, token, ['第一中学']);
    const loadRows = server.store.loadRows.bind(server.store);
    server.store.loadRows = () => {
      throw new Error('disk I/O error');
    };
    // Not loaded yet after a restart: drop the room so the next connection reads the store.
    await waitFor(() => server.connectionCount() === 0, 5000, 'writer gone');
    server.sweep(Date.now() + 10 * 60_000);
    const doc = new Y.Doc();
    const closes: number[] = [];
    const conn = new SyncConnection(doc, { serverUrl: url, token, docName: CODE, backoff: { baseMs: 50, maxMs: 100 } });
    conn.connect();
    await waitFor(() => conn.syncStatus.message === STREET_COPY_FAULT, 5000, 'the street copy fault is said');
    expect(conn.syncStatus.state).not.toBe('refused'); // it keeps trying
    expect(conn.syncStatus.streetFault).toBe(true);
    const repos = createRepositories(doc, fixedContext());
    repos.residentUnits.create({ name: '离线时登记' });
    expect(conn.syncStatus.pending).toBe(1);
    const raw = await new Promise<{ code: number; reason: string }>((resolve) => {
      const ws = new WsClient(`${url}/${CODE}?token=${token}&schema=3`);
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    expect(raw).toEqual({ code: 1011, reason: 'server data: cannot load' });
    closes.push(raw.code);
    // The store reads again: the PC syncs by itself, with its edit.
    server.store.loadRows = loadRows;
    await waitFor(() => conn.syncStatus.state === 'synced' && conn.syncStatus.pending === 0, 5000, 'synced after the fault');
    expect(conn.syncStatus.streetFault).toBeUndefined();
    conn.destroy();
    await freshPcsSee(url, token, ['第一中学', '离线时登记']);
  });

  it('the app refuses a damaged message from a server: nothing of it is applied, it reconnects and says so', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const port = await new Promise<number>((resolve) => wss.on('listening', () => resolve((wss.address() as { port: number }).port)));
    const source = new Y.Doc();
    source.getMap('meta').set('name', '三坊七巷社区');
    const whole = Y.encodeStateAsUpdate(source);
    let connections = 0;
    wss.on('connection', (ws) => {
      connections++;
      // A step 2 cut by its last byte, but framed with the right length (the frame reads, the update does not).
      ws.send(frame(1, whole.subarray(0, whole.length - 1)));
    });
    const doc = new Y.Doc();
    const conn = new SyncConnection(doc, { serverUrl: `ws://127.0.0.1:${port}`, token: 't', docName: CODE, backoff: { baseMs: 50, maxMs: 100 } });
    conn.connect();
    await waitFor(() => connections >= 2, 5000, 'reconnected');
    expect(conn.syncStatus.message).toMatch(/^街道服务器发来的同步数据不完整或已损坏（更新数据在第 \d+ 字节处提前结束.*本机已拒收，未合并其中任何内容/);
    expect(conn.syncStatus.streetFault).toBe(true);
    expect(doc.getMap('meta').size).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(new Y.Doc()));
    conn.destroy();
    await new Promise((r) => wss.close(r));
  });
});
