/**
 * Convergence under faults, with a real server process: five community/street PCs (each its own IndexedDB) and the
 * stock y-websocket client make random edits of every record type while connections drop, messages are delayed,
 * PCs reload and the server is killed with SIGKILL and restarted. At the end every replica is identical and every
 * edit that a PC had saved is present. Seeded: SYNC_FAULT_SEED=n replays a run; SYNC_SOAK=1 runs ten times longer.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION } from '../../../src-shared/schema/version';
import { SyncStore } from '../../../src-main/sync/syncStore';
import { signToken } from '../../../src-main/sync/tokens';
import { COLLECTION_NAMES } from '../../../src-shared/records';
import type { AnyRepository } from '../../../src-shared/repository/collectionRepository';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { seededRandom } from '../../../src-shared/testing/seededRandom';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { CommunityStore } from '../../../src-renderer/data/communityStore';
import { killProcess, startSyncServerProcess } from '../../support/syncServerProcess';
import { SyncConnection } from '../../../src-renderer/sync/syncConnection';
import { waitFor } from '../../support/waitFor';

const CODE = '350102001001';
const SEED = Number(process.env.SYNC_FAULT_SEED ?? 20261123);
const STEPS = process.env.SYNC_SOAK ? 1500 : 150;
const dir = mkdtempSync(join(tmpdir(), 'desk-faults-'));
const port = 20000 + (SEED % 20000);
const url = `ws://127.0.0.1:${port}`;
let server: ChildProcess | null = null;

async function startServer(): Promise<void> {
  server = await startSyncServerProcess({ port, dataDir: dir });
}

async function killServer(): Promise<void> {
  const proc = server;
  server = null;
  if (proc) await killProcess(proc);
}

afterAll(async () => {
  await killServer();
  rmSync(dir, { recursive: true, force: true });
});


interface Pc {
  name: string;
  idb: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange };
  token: string;
  store: CommunityStore;
  conn: SyncConnection;
  memory: { serverStateVector?: Uint8Array; lastSyncedAt?: number };
  online: boolean;
}

describe('sync under faults', () => {
  it(`converges and loses no saved edit (seed ${SEED}, ${STEPS} steps)`, { timeout: 240_000 }, async () => {
    const rng = seededRandom(SEED);
    const store = new SyncStore(dir);
    const issue = (role: 'clerk' | 'street', scope: string, name: string) => {
      const { token, claims } = signToken(store.secret, { role, scope, name, days: 1 });
      store.recordToken(claims);
      return token;
    };
    const tokens = [issue('clerk', CODE, '社区甲'), issue('clerk', CODE, '社区乙'), issue('clerk', CODE, '社区丙'), issue('street', '350102001', '街道丁'), issue('street', '350102001', '街道戊')];
    const stockToken = issue('clerk', CODE, '标准客户端');
    store.close();
    await startServer();

    const connect = async (pc: Pc) => {
      pc.conn = new SyncConnection(pc.store.doc, {
        serverUrl: url, token: pc.token, docName: CODE, storedUpdates: await pc.store.storedUpdates(), memory: pc.memory,
        saveMemory: (m) => (pc.memory = m), backoff: { baseMs: 30, maxMs: 400 }, random: rng.next, sendDelay: () => (rng.next() < 0.3 ? rng.int(1, 40) : 0),
      });
      if (pc.online) pc.conn.connect();
    };
    const openPc = async (pc: Pc) => {
      pc.store = await CommunityStore.open(CODE, { context: fixedContext({ name: pc.name, device: pc.name }, Date.UTC(2026, 0, 1) + rng.int(0, 1e6)), isolation: { dependencies: pc.idb, channelPrefix: `${pc.name}:` } });
      await connect(pc);
    };
    const pcs: Pc[] = [];
    for (const [i, token] of tokens.entries()) {
      const pc = { name: `pc${i}`, idb: { indexedDB: new IDBFactory(), IDBKeyRange }, token, memory: {}, online: true } as Pc;
      await openPc(pc);
      pcs.push(pc);
    }
    pcs[0]!.store.initialise({ code: CODE, name: '三坊七巷社区', streetName: '南街街道', clerkName: '社区甲' });
    const stockDoc = new Y.Doc();
    const stock = new WebsocketProvider(url, CODE, stockDoc, { params: { token: stockToken, schema: String(CURRENT_SCHEMA_VERSION) }, disableBc: true, maxBackoffTime: 300 });

    /** Every saved edit, as a unique value that must end up in the record's history. */
    const saved: { kind: 'create' | 'update'; collection: string; id: string; token: string }[] = [];
    let unique = 0;
    const makeInput = (collection: string, tag: string): Record<string, unknown> => {
      switch (collection) {
        case 'orgNodes': return { name: tag, kind: 'grid', parentId: '' };
        case 'people': return { name: tag, roles: ['志愿者'] };
        case 'volunteerTeams': return { name: tag };
        case 'residentUnits': return { name: tag };
        case 'meetings': return { title: tag, meetingType: '支委会', date: '2026-03-01', minutes: `记录${tag}`, attendance: { [`guest:${tag}`]: { kind: 'guest', name: tag, status: '出席' } } };
        case 'bookings': return { venue: tag, date: '2026-03-01', startHour: 9, endHour: 10, booker: '某人' };
        case 'venues': return { name: tag, capacity: 20 };
        case 'activities': return { title: tag, date: '2026-03-01' };
        case 'agreements': return { title: tag };
        case 'serviceCertificates': return { year: 2026, seq: unique, personKey: `person:${tag}`, personName: tag, from: '2026-01-01', to: '2026-03-01', hours: 1, activities: 1, issuedOn: '2026-03-01' };
        case 'inServiceReports': return { personId: `p-${tag}`, personName: tag, period: '2026-H1' };
        case 'feedbackLetters': return { period: '2026-H1', employer: tag };
        case 'wishes': return { title: tag, residentName: '李秀英', date: '2026-03-01' };
        case 'coResources': return { kind: '技能', title: tag };
        case 'coNeeds': return { kind: '技能', title: tag };
        case 'officialDocuments': return { docType: '通知', issuer: '中共测试社区委员会', issuerCode: '社区党委', year: 2026, title: tag };
        case 'pointEntries': return { personKey: `person:${tag}`, personName: tag, date: '2026-03-01', kind: '奖励', points: 1, reason: '测试' };
        default: return { title: tag, date: '2026-03-01' };
      }
    };
    // Decisions and follow-ups need a meeting on the same PC, 兼职委员 a unit, attachments their record; their merges are
    // tested in test/src-shared/meeting.test.ts and coBuilding.test.ts.
    const STANDALONE = COLLECTION_NAMES.filter((c) => !['meetingDecisions', 'meetingTasks', 'partTimeMembers', 'attachments'].includes(c));
    const titleField = (collection: string) => (['orgNodes', 'people', 'volunteerTeams', 'residentUnits', 'venues'].includes(collection) ? 'name' : collection === 'bookings' ? 'venue' : collection === 'serviceCertificates' || collection === 'inServiceReports' ? 'personName' : collection === 'feedbackLetters' ? 'employer' : 'title');

    for (let step = 0; step < STEPS; step++) {
      const roll = rng.next();
      const pc = rng.pick(pcs);
      if (roll < 0.6) {
        const collection = rng.pick(STANDALONE);
        const repo = pc.store.repos[collection] as unknown as AnyRepository;
        const live = repo.list();
        const tag = `${pc.name}-${collection}-${unique++}`;
        // A ledger is only ever added to.
        if (live.length > 0 && rng.next() < 0.5 && !repo.definition.appendOnly) {
          const target = rng.pick(live);
          repo.update(target.id, { [titleField(collection)]: tag } as never);
          await pc.store.flush();
          saved.push({ kind: 'update', collection, id: target.id, token: tag });
        } else {
          const created = repo.create(makeInput(collection, tag) as never);
          await pc.store.flush();
          saved.push({ kind: 'create', collection, id: created.id, token: tag });
        }
      } else if (roll < 0.72) {
        pc.online = !pc.online;
        if (pc.online) pc.conn.connect();
        else pc.conn.disconnect();
      } else if (roll < 0.8) {
        // Reload: the PC restarts the app; only what it had saved comes back.
        pc.conn.destroy();
        await pc.store.close();
        await openPc(pc);
      } else if (roll < 0.83) {
        await killServer();
        await new Promise((r) => setTimeout(r, rng.int(0, 200)));
        await startServer();
      } else if (roll < 0.86) {
        createRepositories(stockDoc, fixedContext({ name: '标准客户端' })).residentUnits.create({ name: `stock-${unique++}` });
      } else {
        await new Promise((r) => setTimeout(r, rng.int(0, 60)));
      }
    }

    // Heal: everyone online, server up, wait until every PC has had all its edits acknowledged and all agree.
    if (!server) await startServer();
    for (const pc of pcs) {
      pc.online = true;
      pc.conn.connect();
    }
    // Map key order differs between replicas; compare a canonical form.
    const canonical = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(canonical) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)])) : value;
    const stateOf = (doc: Y.Doc) => canonical(Object.fromEntries(COLLECTION_NAMES.map((c) => [c, doc.getMap(c).toJSON()])));
    const same = () => {
      const first = JSON.stringify(stateOf(pcs[0]!.store.doc));
      return pcs.every((pc) => pc.conn.syncStatus.state === 'synced' && pc.conn.syncStatus.pending === 0 && JSON.stringify(stateOf(pc.store.doc)) === first) && JSON.stringify(stateOf(stockDoc)) === first;
    };
    await waitFor(same, 60_000, 'all replicas converge').catch((error) => {
      const digest = (doc: Y.Doc) => `${JSON.stringify(stateOf(doc)).length}/${Y.encodeStateVector(doc).length}`;
      console.log(pcs.map((pc) => `${pc.name} ${JSON.stringify(pc.conn.syncStatus)} ${digest(pc.store.doc)}`).join('\n'), `\nstock synced=${stock.synced} ${digest(stockDoc)}`);
      throw error;
    });

    // Nothing saved was lost: every edit's value is in its record's history, on every replica.
    const repos = createRepositories(stockDoc, fixedContext());
    const missing = saved.filter(({ kind, collection, id, token }) => {
      const repo = repos[collection as keyof typeof repos] as unknown as AnyRepository;
      if (!repo.get(id)) return true;
      const history = repo.history(id);
      if (kind === 'create') return !history.some((h) => h.action === 'create');
      return !history.some((h) => h.changes?.[titleField(collection)]?.to === token);
    });
    expect(missing).toEqual([]);
    expect(saved.length).toBeGreaterThan(STEPS / 4);

    // And the server has it all on disk: after one more SIGKILL, a fresh PC downloads the same state.
    await killServer();
    await startServer();
    const fresh = new Y.Doc();
    const reader = new SyncConnection(fresh, { serverUrl: url, token: tokens[3]!, docName: CODE });
    reader.connect();
    await waitFor(() => reader.syncStatus.state === 'synced', 20_000, 'fresh reader syncs');
    expect(JSON.stringify(stateOf(fresh))).toBe(JSON.stringify(stateOf(stockDoc)));
    reader.destroy();
    stock.destroy();
    for (const pc of pcs) {
      pc.conn.destroy();
      await pc.store.close();
    }
  });
});
