/**
 * 已同步 tells the truth: two PCs (a community clerk and the street, each with its own IndexedDB) edit while their
 * network is pulled, then come back in either order. Whenever both say 已同步 they hold the same state vector and the
 * same records as each other and as the server. Seeded, 50 runs (SYNC_TWO_PC_RUNS=n for more).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncServer } from '../../../src-main/sync/syncServer';
import { signToken } from '../../../src-main/sync/tokens';
import { COLLECTION_NAMES } from '../../../src-shared/records';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { seededRandom, type SeededRandom } from '../../../src-shared/testing/seededRandom';
import { CommunityStore } from '../../../src-renderer/data/communityStore';
import { SyncSession } from '../../../src-renderer/sync/syncSession';
import { CuttableProxy } from '../../support/cuttableProxy';
import { waitFor } from '../../support/waitFor';

const RUNS = Number(process.env.SYNC_TWO_PC_RUNS ?? 50);
const SEED = Number(process.env.SYNC_TWO_PC_SEED ?? 20261203);
const dir = mkdtempSync(join(tmpdir(), 'desk-two-pc-'));
let server: SyncServer;
let port = 0;

beforeAll(async () => {
  server = new SyncServer({ port: 0, host: '127.0.0.1', dataDir: dir, log: () => undefined });
  port = await server.listen();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const canonical = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(canonical) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)])) : value;
const recordsOf = (doc: Y.Doc) => JSON.stringify(canonical(Object.fromEntries(COLLECTION_NAMES.map((c) => [c, doc.getMap(c).toJSON()]))));
const svOf = (doc: Y.Doc) => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]));
const svOfUpdate = (update: Uint8Array) => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))].sort((a, b) => a[0] - b[0]));

interface Pc {
  name: string;
  store: CommunityStore;
  session: SyncSession;
  proxy: CuttableProxy;
}

async function openPc(name: string, code: string, token: string, rng: SeededRandom): Promise<Pc> {
  const proxy = new CuttableProxy(port);
  await proxy.listen();
  const store = await CommunityStore.open(code, {
    context: fixedContext({ name, device: name }, Date.UTC(2026, 0, 1) + rng.int(0, 1e6)),
    isolation: { dependencies: { indexedDB: new IDBFactory(), IDBKeyRange }, channelPrefix: `${name}:${code}:` },
  });
  const session = await SyncSession.start(store, { serverUrl: proxy.url, token });
  // Quicker retries than an office PC's, so fifty runs fit in a test.
  (session.connection as unknown as { options: { backoff: unknown; random: () => number } }).options.backoff = { baseMs: 20, maxMs: 200 };
  (session.connection as unknown as { options: { random: () => number } }).options.random = rng.next;
  return { name, store, session, proxy };
}

const synced = (pc: Pc) => pc.session.status.state === 'synced' && pc.session.status.pending === 0;

/** A random edit of the kind two offices make while apart: the same slot booked, units added, a person renamed. */
function edit(pc: Pc, rng: SeededRandom, n: number): void {
  const roll = rng.next();
  const repos = pc.store.repos;
  if (roll < 0.5) repos.bookings.create({ venue: '党群活动室', date: '2026-12-05', startHour: 14 + rng.int(0, 1), endHour: 16 + rng.int(0, 1), booker: `${pc.name}的预约人${n}` } as never);
  else if (roll < 0.8) repos.residentUnits.create({ name: `${pc.name}登记的单位${n}` });
  else {
    const people = repos.people.list();
    if (people.length > 0) repos.people.update(rng.pick(people).id, { name: `${pc.name}改名${n}` });
    else repos.people.create({ name: `${pc.name}登记${n}`, roles: ['志愿者'] });
  }
}

describe('two PCs offline, then back: 已同步 means the same data', () => {
  it(`holds in ${RUNS} seeded runs (seed ${SEED})`, { timeout: 300_000 }, async () => {
    const rng = seededRandom(SEED);
    const issue = (role: 'clerk' | 'street', scope: string, name: string) => {
      const { token, claims } = signToken(server.store.secret, { role, scope, name, days: 1 });
      server.store.recordToken(claims);
      return token;
    };
    for (let run = 0; run < RUNS; run++) {
      const code = `350102001${String(100 + run)}`;
      const a = await openPc('社区甲', code, issue('clerk', code, '王小红'), rng);
      a.store.initialise({ code, name: `测试社区${run}`, streetName: '南街街道', clerkName: '王小红' });
      a.store.repos.people.create({ name: '张三', roles: ['志愿者'] });
      await waitFor(() => synced(a), 10_000, `run ${run}: the community PC synced`);
      const b = await openPc('街道乙', code, issue('street', '350102001', '李组织委员'), rng);
      await waitFor(() => synced(b) && b.store.repos.people.count() === 1, 10_000, `run ${run}: the street PC has the community`);

      // The network goes; the browser may or may not tell the app at once.
      for (const pc of [a, b]) {
        pc.proxy.cut();
        if (rng.next() < 0.7) pc.session.connection.dropConnection();
      }
      await waitFor(() => a.session.status.state === 'offline' && b.session.status.state === 'offline', 5000, `run ${run}: both offline`);
      const edits = rng.int(1, 4);
      for (let n = 0; n < edits * 2; n++) {
        edit(n % 2 === 0 ? a : b, rng, n);
        if (rng.next() < 0.3) await pause(rng.int(0, 20));
      }
      await Promise.all([a.store.flush(), b.store.flush()]);

      // Back in either order, with or without the browser's "online" event.
      const order = rng.next() < 0.5 ? [a, b] : [b, a];
      for (const pc of order) {
        pc.proxy.restore();
        if (rng.next() < 0.8) pc.session.connection.retryNow();
        await pause(rng.int(0, 150));
      }
      await waitFor(() => synced(a) && synced(b), 15_000, `run ${run}: both say 已同步`);
      // Both say 已同步: both hold what the server holds (an update forwarded a moment ago may still be on the wire).
      const same = () => {
        const stored = server.documentState(code);
        return synced(a) && synced(b) && svOf(a.store.doc) === svOf(b.store.doc) && svOf(a.store.doc) === svOfUpdate(stored) && recordsOf(a.store.doc) === recordsOf(b.store.doc);
      };
      await waitFor(same, 3000, `run ${run}: both 已同步 hold the same`).catch((error: unknown) => {
        console.log(`run ${run}`, { a: [a.session.status, svOf(a.store.doc)], b: [b.session.status, svOf(b.store.doc)], server: svOfUpdate(server.documentState(code)) });
        throw error;
      });
      const stored = new Y.Doc();
      Y.applyUpdate(stored, server.documentState(code));
      expect(recordsOf(stored)).toBe(recordsOf(a.store.doc));
      expect(a.store.repos.bookings.count()).toBe(b.store.repos.bookings.count());

      for (const pc of [a, b]) {
        pc.session.stop();
        await pc.store.close();
        await pc.proxy.close();
      }
    }
  });
});
