/**
 * Fuzz, seeded and bounded: damaged frames from a valid clerk token against a real server process — every cut
 * position of a few real updates, flipped bits, appended bytes, wrong length prefixes, frames cut short. After each,
 * a fresh PC syncs the community with the app's client (and the stock y-websocket client, every few frames) and holds
 * every edit acknowledged before; again after the server is killed and restarted. At the end the server's own check
 * finds no stored row it cannot read. Damaged .cdsync and .cdbak files are refused at every cut and flip.
 * SYNC_FUZZ_SEED=n replays a run.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket as WsClient } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SyncStore } from '../../../src-main/sync/syncStore';
import { signToken } from '../../../src-main/sync/tokens';
import { decodeBackup, encodeDocBackup } from '../../../src-shared/backup/backupFile';
import { decodeExchange, encodeExchange } from '../../../src-shared/backup/exchangeFile';
import { writeCommunityInfo } from '../../../src-shared/community/communityInfo';
import { COLLECTION_NAMES } from '../../../src-shared/records';
import type { AnyRepository } from '../../../src-shared/repository/collectionRepository';
import { createRepositories, type Repositories } from '../../../src-shared/repository/repositories';
import { CLOSE_CODES } from '../../../src-shared/sync/access';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { seededRandom } from '../../../src-shared/testing/seededRandom';
import { SyncConnection } from '../../../src-renderer/sync/syncConnection';
import { killProcess, startSyncServerProcess } from '../../support/syncServerProcess';
import { waitFor } from '../../support/waitFor';

const CODE = '350102001001';
const SEED = Number(process.env.SYNC_FUZZ_SEED ?? 20261203);
const dir = mkdtempSync(join(tmpdir(), 'desk-fuzz-'));
// Well clear of the ports fetch and Chromium refuse (6000, 6665–6669…).
const port = 31000 + (SEED % 1000);
const url = `ws://127.0.0.1:${port}`;
let server: ChildProcess | null = null;

afterAll(async () => {
  if (server) await killProcess(server);
  rmSync(dir, { recursive: true, force: true });
});


function frame(update: Uint8Array, syncType = 2): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/**
 * Sends one frame on its own connection once the server has spoken; resolves with the close code, or 0 when the
 * server kept the connection (the frame was read whole and taken).
 */
function sendFrame(token: string, message: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WsClient(`${url}/${CODE}?token=${token}&schema=3`);
    let sent = false;
    ws.on('message', () => {
      if (sent) return;
      sent = true;
      ws.send(message);
      // The server answers a frame it refuses by closing; one it takes, by silence or an acknowledgement.
      setTimeout(() => ws.close(1000), 60);
    });
    ws.on('close', (code) => resolve(code === 1000 || code === 1005 ? 0 : code));
    ws.on('error', reject);
  });
}

describe('damaged sync frames never lock a community out', () => {
  it(`refuses or safely takes every damaged frame; fresh PCs sync and hold every acknowledged edit (seed ${SEED})`, { timeout: 240_000 }, async () => {
    const rng = seededRandom(SEED);
    const store = new SyncStore(dir);
    const { token, claims } = signToken(store.secret, { role: 'clerk', scope: CODE, name: '王小红', days: 1 });
    store.recordToken(claims);
    store.close();
    server = await startSyncServerProcess({ port, dataDir: dir });

    // Acknowledged edits: what every later PC must hold.
    const writer = new Y.Doc();
    const acknowledged: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => acknowledged.push(u));
    const conn = new SyncConnection(writer, { serverUrl: url, token, docName: CODE });
    conn.connect();
    writeCommunityInfo(writer, { code: CODE, name: '三坊七巷社区', streetName: '南街街道', createdAt: 1 });
    const repos = createRepositories(writer, fixedContext({ name: '王小红' }));
    for (const name of ['第一中学', '市人民医院', '供电所']) repos.residentUnits.create({ name });
    const meeting = repos.meetings.create({ title: '支委会', meetingType: '支委会', date: '2026-12-01', minutes: '会议纪要' } as never);
    await waitFor(() => conn.syncStatus.state === 'synced' && conn.syncStatus.pending === 0, 10_000, 'writer acknowledged');
    conn.destroy();

    // Real updates of a second PC on top of that state, to damage: a new record, a field edit, typing into minutes.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(writer));
    const real: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => real.push(u));
    const otherRepos = createRepositories(other, fixedContext({ name: '李四', device: 'pc-b' }));
    otherRepos.residentUnits.create({ name: '新登记的单位' });
    otherRepos.residentUnits.update(otherRepos.residentUnits.list()[0]!.id, { name: '第一中学（改）' });
    otherRepos.meetings.update(meeting.id, { minutes: '会议补充纪要' } as never);
    expect(real).toHaveLength(3);

    const frames: { kind: string; message: Uint8Array; mayBeTaken: boolean }[] = [];
    for (const update of real) {
      for (let cut = 0; cut < update.length; cut++) frames.push({ kind: `cut ${cut}/${update.length}`, message: frame(update.subarray(0, cut)), mayBeTaken: false });
      for (let n = 0; n < 12; n++) {
        const flipped = Uint8Array.from(update);
        const at = rng.int(0, update.length - 1);
        flipped[at] = flipped[at]! ^ (1 << rng.int(0, 7));
        frames.push({ kind: `flip ${at}`, message: frame(flipped), mayBeTaken: true });
      }
      for (const extra of [1, 8, 33]) {
        const junk = new Uint8Array(update.length + extra);
        junk.set(update);
        for (let i = update.length; i < junk.length; i++) junk[i] = rng.int(0, 255);
        frames.push({ kind: `junk +${extra}`, message: frame(junk), mayBeTaken: false });
      }
      const whole = frame(update);
      // The frame's length prefix one more or fewer than its payload, or the frame itself cut short.
      const prefix = whole.length - update.length - 1; // the prefix's last byte (updates here are under 128 × 128 bytes)
      for (const delta of [-1, 1]) {
        const wrong = Uint8Array.from(whole);
        wrong[prefix] = wrong[prefix]! + delta;
        frames.push({ kind: `prefix ${delta}`, message: wrong, mayBeTaken: false });
      }
      frames.push({ kind: 'frame cut', message: whole.subarray(0, whole.length - 1), mayBeTaken: false });
      frames.push({ kind: 'frame + junk', message: Uint8Array.from([...whole, 0]), mayBeTaken: false });
    }

    const unitNames = (doc: Y.Doc) => createRepositories(doc, fixedContext()).residentUnits.list().map((u) => u.name);
    let taken = 0;
    /** A fresh PC syncs and holds every acknowledged edit; while nothing damaged was taken, every name reads as written. */
    const freshPcHoldsEverything = async (withStock: boolean, what: string) => {
      const docs: Y.Doc[] = [];
      const app = new Y.Doc();
      const reader = new SyncConnection(app, { serverUrl: url, token, docName: CODE });
      reader.connect();
      await waitFor(() => reader.syncStatus.state === 'synced', 10_000, `app client syncs after ${what}`);
      reader.destroy();
      docs.push(app);
      if (withStock) {
        const stock = new Y.Doc();
        const provider = new WebsocketProvider(url, CODE, stock, { WebSocketPolyfill: WsClient as never, params: { token, schema: '3' }, disableBc: true });
        await waitFor(() => provider.synced, 10_000, `stock client syncs after ${what}`);
        provider.destroy();
        docs.push(stock);
      }
      for (const doc of docs) {
        const snapshot = Y.snapshot(doc);
        for (const update of acknowledged) expect(Y.snapshotContainsUpdate(snapshot, update), `an acknowledged edit is missing after ${what}`).toBe(true);
        // Every record of every type still reads.
        const read = createRepositories(doc, fixedContext());
        for (const name of COLLECTION_NAMES) (read[name as keyof Repositories] as unknown as AnyRepository).list({ includeDeleted: true });
        if (taken === 0) expect(unitNames(doc).sort()).toEqual(['供电所', '市人民医院', '第一中学']);
      }
    };

    const refusedKinds: string[] = [];
    for (const [i, f] of frames.entries()) {
      const code = await sendFrame(token, f.message);
      if (code === 0) {
        expect(f.mayBeTaken, `${f.kind} was taken`).toBe(true);
        taken++;
      } else {
        expect(code, f.kind).toBe(CLOSE_CODES.malformed);
        refusedKinds.push(f.kind);
      }
      await freshPcHoldsEverything(i % 10 === 0, f.kind);
      // The server is killed and restarted twice along the way: what it stored must load again.
      if (i === Math.floor(frames.length / 2)) {
        await killProcess(server);
        server = await startSyncServerProcess({ port, dataDir: dir });
        await freshPcHoldsEverything(true, 'a restart');
      }
    }
    await killProcess(server);
    server = await startSyncServerProcess({ port, dataDir: dir });
    await freshPcHoldsEverything(true, 'the last restart');
    expect(refusedKinds.length).toBeGreaterThan(frames.length / 2);
    // Nothing stored that the server's own check cannot read.
    const verify = execFileSync(process.execPath, ['--import', 'tsx', 'src-main/sync/cli.ts', 'verify', '--data', dir], { encoding: 'utf8' });
    expect(verify).toContain('检查完毕：没有发现无法读取的数据');
    console.log(`damaged frames: ${frames.length}, refused ${refusedKinds.length}, taken ${taken}`);
  });

  it('refuses every cut and flipped copy of a .cdsync and a .cdbak file before anything is merged', async () => {
    const rng = seededRandom(SEED);
    const doc = new Y.Doc();
    writeCommunityInfo(doc, { code: CODE, name: '三坊七巷社区', streetName: '南街街道', createdAt: 1 });
    createRepositories(doc, fixedContext()).residentUnits.create({ name: '第一中学' });
    const { token } = signToken(new Uint8Array(32) as never, { role: 'clerk', scope: CODE, name: '王小红', days: 1 });
    const exchange = (await encodeExchange(doc, { direction: 'toStreet', communityCode: CODE, communityName: '三坊七巷社区', senderName: '王小红', token })).bytes;
    const backup = (await encodeDocBackup(doc, { operator: '王小红', device: 'pc-a' })).bytes;
    const cases: [string, Uint8Array, (b: Uint8Array) => Promise<unknown>][] = [
      ['.cdsync', exchange, (b) => decodeExchange(b, { direction: 'toStreet', fileName: 'x.cdsync' })],
      ['.cdbak', backup, (b) => decodeBackup(b, CODE, 'x.cdbak')],
    ];
    for (const [kind, bytes, read] of cases) {
      await expect(read(bytes)).resolves.toBeTruthy();
      for (let cut = 1; cut < bytes.length; cut += Math.max(1, Math.floor(bytes.length / 400))) {
        await expect(read(bytes.slice(0, cut)), `${kind} cut at ${cut}`).rejects.toThrow(/不完整|已损坏/);
      }
      for (let n = 0; n < 100; n++) {
        const flipped = bytes.slice();
        const at = rng.int(0, bytes.length - 1);
        flipped[at] = flipped[at]! ^ (1 << rng.int(0, 7));
        // A flip in the header's JSON may also make it another format, community or direction: refused all the same.
        await expect(read(flipped), `${kind} flipped at ${at}`).rejects.toThrow(/[\u4e00-\u9fff]/);
      }
    }
  });
});
