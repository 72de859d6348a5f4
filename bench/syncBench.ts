/**
 * Street-scale and sync benchmarks against a real server process on loopback, with 30 copies of the large community
 * (everything of DOMAIN.md, the volunteering ledger included): the layout (heap of a live document against its encoded
 * state; the layout-2 migration of the whole community), the street overview cold and warm and a feed page, server
 * memory with 30 communities and 5 connected, the first sync of a document the server had released, edit propagation
 * community → street, and 500 idle connections held.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { readSyncFrame } from '../src-shared/sync/syncFrame';
import { DatabaseSync } from 'node:sqlite';
import { buildStreetFacts, latestSeq } from '../src-main/sync/street/streetFactsBuilder';
import { StreetFactsStore } from '../src-main/sync/street/streetFactsStore';
import { streetDbPath } from '../src-main/sync/street/streetService';
import { SummaryStore } from '../src-main/sync/summaryStore';
import { SyncStore } from '../src-main/sync/syncStore';
import { signToken } from '../src-main/sync/tokens';
import { writeCommunityInfo } from '../src-shared/community/communityInfo';
import { COLLECTION_NAMES, OrgTree } from '../src-shared/records';
import type { AnyRepository } from '../src-shared/repository/collectionRepository';
import { createRepositories, type Repositories } from '../src-shared/repository/repositories';
import { migrateDocument } from '../src-shared/schema/migrations';
import { fixedContext } from '../src-shared/testing/fixedContext';
import { LARGE_COMMUNITY, populateCommunity } from '../src-shared/testing/largeCommunity';
import { toLayout2 } from '../src-shared/testing/layout2';
import { SyncConnection } from '../src-renderer/sync/syncConnection';
import { killProcess, startSyncServerProcess } from '../test/support/syncServerProcess';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;

function waitFor(check: () => boolean, ms: number, what: () => string = () => ''): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() - start > ms ? reject(new Error(`timed out: ${what()}`)) : setTimeout(tick, 2));
    tick();
  });
}

/** A full collection of garbage, so heap figures count live objects only. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** Every record of every type as the app reads it, for comparing two documents. */
function everyView(repos: Repositories): string {
  return JSON.stringify(COLLECTION_NAMES.map((name) => (repos[name as keyof Repositories] as unknown as AnyRepository).list({ includeDeleted: true }).sort((a, b) => (a.id < b.id ? -1 : 1))));
}

/** Heap of a live document decoded from its state, against the state's bytes; and the layout-2 migration of it. */
function layoutFigures(doc: Y.Doc, state: Uint8Array): Record<string, number> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const live = new Y.Doc();
  Y.applyUpdate(live, state);
  const decodeMs = performance.now() - t0;
  createRepositories(live, fixedContext()).people.count(); // usable: a query answers
  collectGarbage();
  const heapBytes = process.memoryUsage().heapUsed - before;
  live.destroy();

  const old = toLayout2(doc);
  const stateV2 = Y.encodeStateAsUpdate(old);
  old.destroy();
  const migrated = new Y.Doc();
  const t1 = performance.now();
  Y.applyUpdate(migrated, stateV2);
  const decodeV2Ms = performance.now() - t1;
  const t2 = performance.now();
  migrateDocument(migrated, fixedContext({ name: '升级程序' }));
  const migrateMs = performance.now() - t2;
  // The migration is checked here too, at full size: every record reads as before.
  if (everyView(createRepositories(migrated, fixedContext())) !== everyView(createRepositories(doc, fixedContext()))) throw new Error('the layout-2 migration changed a record of the large community');
  const migratedBytes = Y.encodeStateAsUpdate(migrated).byteLength;
  migrated.destroy();
  return { heapBytes, decodeMs, stateV2Bytes: stateV2.byteLength, decodeV2Ms, migrateMs, migratedBytes };
}

/**
 * The full check of a first upload (the large community's whole state in one sync frame, read as the server reads it:
 * frame, every struct, the delete set, nothing after) against Yjs's own decode of the same state (Y.decodeUpdate:
 * structs and delete set read into objects, nothing integrated) and its apply into a fresh Y.Doc; medians of 3.
 */
function checkFigures(state: Uint8Array): Record<string, number> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, state);
  const frame = encoding.toUint8Array(encoder);
  const checkMs: number[] = [];
  const decodeMs: number[] = [];
  const applyMs: number[] = [];
  for (let run = 0; run < 3; run++) {
    let t0 = performance.now();
    if (!readSyncFrame(frame).ok) throw new Error('the large community\'s first upload was refused');
    checkMs.push(performance.now() - t0);
    t0 = performance.now();
    Y.decodeUpdate(state);
    decodeMs.push(performance.now() - t0);
    t0 = performance.now();
    const target = new Y.Doc();
    Y.applyUpdate(target, state);
    applyMs.push(performance.now() - t0);
    target.destroy();
  }
  return { checkFirstUploadMs: median(checkMs), rawDecodeMs: median(decodeMs), rawApplyMs: median(applyMs) };
}

/** Copies one document's summary rows to another code (the 30 communities are byte-identical copies). */
function copySummary(store: SyncStore, from: string, to: string): void {
  store.db.exec('BEGIN');
  store.db.prepare("INSERT INTO summary_docs SELECT ?, name, street, schema, stale, meta FROM summary_docs WHERE doc = ?").run(to, from);
  store.db.prepare('INSERT INTO summary_counts SELECT ?, collection, live FROM summary_counts WHERE doc = ?').run(to, from);
  store.db.prepare('INSERT INTO summary_records SELECT ?, client, clock, collection, record_id, title, base_deleted, base_at, state_at, state_device, state_deleted FROM summary_records WHERE doc = ?').run(to, from);
  store.db.prepare('INSERT INTO summary_feed (doc, client, clock, idx, collection, record_id, title, action, by, at, fields) SELECT ?, client, clock, idx, collection, record_id, title, action, by, at, fields FROM summary_feed WHERE doc = ?').run(to, from);
  store.db.exec('COMMIT');
}

/** Copies one community's street facts to another code (as if its worker had read the identical copy). */
function copyStreetFacts(db: DatabaseSync, from: string, to: string, seq: number): void {
  db.exec('BEGIN');
  db.prepare('INSERT INTO street_docs SELECT ?, name, ?, computed_at, problem, calendar, venues, units, members, unit_items FROM street_docs WHERE doc = ?').run(to, seq, from);
  db.prepare('INSERT INTO street_bookings SELECT ?, date, json FROM street_bookings WHERE doc = ?').run(to, from);
  db.prepare('INSERT INTO street_whistles SELECT ?, id, date, deadline, closed_at, json FROM street_whistles WHERE doc = ?').run(to, from);
  db.prepare('INSERT INTO street_member_rows SELECT ?, year, role, person_id, name, ord, meets, json FROM street_member_rows WHERE doc = ?').run(to, from);
  db.prepare('INSERT INTO street_unit_rows SELECT ?, period, unit_id, name, score, json FROM street_unit_rows WHERE doc = ?').run(to, from);
  db.prepare('INSERT INTO street_workbench SELECT ?, summary, detail FROM street_workbench WHERE doc = ?').run(to, from);
  db.exec('COMMIT');
}

/**
 * The street's questions other than the overview, each asked cold (a fresh server) over 30 large communities, while an
 * observer in its own process (`stallProbe.ts`: a /health ping every 10 ms and a clerk's edit every 20 ms on a small
 * community) measures how long the sync thread is kept waiting: the longest ping answer and the longest wait for an
 * edit's acknowledgement.
 */
async function streetQuestions(http: string, url: string, streetToken: string, clerkToken: string, smallCode: string) {
  const probe = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'stallProbe.ts'), http, url, clerkToken, smallCode], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let partial = '';
  probe.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  const exited = new Promise<number | null>((r) => probe.once('exit', r));
  let probeExit: number | null | undefined;
  void exited.then((code) => (probeExit = code));
  await waitFor(() => lines.includes('ready') || probeExit !== undefined, 60_000, () => 'the stall probe did not start');
  if (!lines.includes('ready')) throw new Error(`the stall probe stopped (exit ${probeExit})`);
  await new Promise((r) => setTimeout(r, 500));
  const asked: Record<string, { ms: number; bytes: number }> = {};
  const questions: [string, string][] = [
    ['calendar', `/api/meeting-calendar?year=2026&page=1&pageSize=5`],
    ['unitAssessment', `/api/unit-assessment?period=2026&page=1&pageSize=100`],
    ['memberAssessment', `/api/assessment?year=2026&role=${encodeURIComponent('在职党员')}&pageSize=1`],
    ['whistles', `/api/whistles?today=2026-12-03&page=1&pageSize=10`],
    ['venueSearch', `/api/venue-availability?date=2026-05-09&start=14&end=17&headcount=40`],
    ['streetWorkbench', `/api/workbench?`],
    ['streetWorkbenchCommunity', `/api/workbench/community?community=350102001017`],
  ];
  for (const [name, path] of questions) {
    const t0 = performance.now();
    const response = await fetch(`${http}${path}&token=${streetToken}`);
    const body = await response.text();
    if (!response.ok) throw new Error(`${path}: ${body.slice(0, 300)}`);
    asked[name] = { ms: performance.now() - t0, bytes: Buffer.byteLength(body) };
  }
  await new Promise((r) => setTimeout(r, 500));
  probe.stdin!.end('stop\n');
  if ((await exited) !== 0) throw new Error('the stall probe failed');
  const observed = JSON.parse(lines.find((l) => l.startsWith('{'))!) as { pingMaxMs: number; ackMaxMs: number; pings: number; acks: number };
  return { asked, ...observed };
}

/**
 * `renderOverview` opens the street's overview in Chromium against the server and resolves with the milliseconds from
 * the request to the rendered table of every community.
 */
export async function runSyncBench(renderOverview: (serverUrl: string, token: string, rows: number) => Promise<number>): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-sync-bench-'));
  const port = 4700 + Math.floor(Math.random() * 200);
  const url = `ws://127.0.0.1:${port}`;
  const http = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  try {
    // One large community, generated through the repository API, stored for 30 communities of one street.
    const doc = new Y.Doc();
    const repos = createRepositories(doc, fixedContext());
    writeCommunityInfo(doc, { code: '350102001001', name: '三坊七巷社区', streetName: '南街街道', createdAt: 0 });
    await populateCommunity({ repos, orgTree: new OrgTree(repos.orgNodes) }, LARGE_COMMUNITY);
    const state = Y.encodeStateAsUpdate(doc);
    const layout = layoutFigures(doc, state);
    const integrity = checkFigures(state);

    const store = new SyncStore(dir);
    const summaries = new SummaryStore(store.db);
    const claims = { jti: 'bench', role: 'street' as const, scope: '350102001', name: '基准', iat: 0, exp: 0 };
    const codes = Array.from({ length: 30 }, (_, i) => `350102001${String(i + 1).padStart(3, '0')}`);
    let summaryMs = 0;
    for (const code of codes) {
      if (code === codes[0]) {
        const t0 = performance.now();
        store.appendUpdate(code, state, claims, Date.now(), () => summaries.applyWithin(code, state));
        summaryMs = performance.now() - t0;
      } else {
        store.appendUpdate(code, state, claims);
        copySummary(store, codes[0]!, code);
      }
    }
    const feedRows = (store.db.prepare('SELECT COUNT(*) AS n FROM summary_feed').get() as { n: number }).n;
    // The street facts of the first community read from its stored document as the worker does, then copied to the others.
    const facts = new StreetFactsStore(new DatabaseSync(streetDbPath(dir)));
    const f0 = performance.now();
    buildStreetFacts(store.db, facts, codes[0]!);
    const factsBuildMs = performance.now() - f0;
    for (const code of codes.slice(1)) copyStreetFacts(facts.database, codes[0]!, code, latestSeq(store.db, code));
    facts.database.close();
    const factsDbBytes = statSync(streetDbPath(dir)).size;
    const syncDbBytes = statSync(join(dir, 'sync.db')).size;
    const issue = (role: 'clerk' | 'street', scope: string) => {
      const t = signToken(store.secret, { role, scope, name: role === 'street' ? '李组织委员' : '王小红', days: 1 });
      store.recordToken(t.claims);
      return t.token;
    };
    const streetToken = issue('street', '350102001');
    const clerkToken = issue('clerk', codes[0]!);
    const smallCode = '350102001099';
    const smallClerkToken = issue('clerk', smallCode);
    store.close();
    const health = async () => (await (await fetch(`${http}/health`)).json()) as { rss: number; connections: number; documents: number; heldBytes: number };
    const timed = async (path: string) => {
      const t0 = performance.now();
      const response = await fetch(`${http}${path}`);
      const body = (await response.json()) as unknown;
      if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, body };
    };

    // The overview cold: a fresh server, the street's page in Chromium, until the table of 30 communities shows.
    server = await startSyncServerProcess({ port, dataDir: dir });
    const overviewColdMs = await renderOverview(url, streetToken, codes.length);
    // The page's other views (calendar, 考核…) read whole documents: the warm figures start from a fresh server.
    await killProcess(server);
    server = await startSyncServerProcess({ port, dataDir: dir });
    const warm: number[] = [];
    for (let i = 0; i < 6; i++) warm.push((await timed(`/api/communities?token=${streetToken}`)).ms);
    warm.shift(); // the first is cold again
    const feed: number[] = [];
    const feedPaths = ['', '&collection=pointEntries', `&community=${codes[7]}`, `&by=${encodeURIComponent('测试员')}`, '&since=1700000000000'];
    let after = '';
    for (let i = 0; i < 10; i++) {
      const { ms, body } = await timed(`/api/feed?token=${streetToken}&limit=50${feedPaths[i % feedPaths.length]}${i < 5 ? '' : after}`);
      feed.push(ms);
      const next = (body as { next: string | null }).next;
      if (i === 0 && next) after = `&after=${next}`;
    }

    // Five communities connected (each first synced to its clerk's PC), then the overview and a feed page asked.
    const clients: { conn: SyncConnection; doc: Y.Doc }[] = [];
    const syncMs: number[] = [];
    for (const code of codes.slice(0, 5)) {
      const clientDoc = new Y.Doc();
      const t0 = performance.now();
      const conn = new SyncConnection(clientDoc, { serverUrl: url, token: streetToken, docName: code });
      conn.connect();
      await waitFor(() => conn.syncStatus.state === 'synced', 300_000, () => `first sync of ${code}: ${JSON.stringify(conn.syncStatus)}`);
      syncMs.push(performance.now() - t0);
      clients.push({ conn, doc: clientDoc });
    }
    await timed(`/api/communities?token=${streetToken}`);
    await timed(`/api/feed?token=${streetToken}&limit=50`);
    await new Promise((r) => setTimeout(r, 6_000)); // a sweep of the server's memory
    const connected = await health();
    // A sixth PC syncs a community whose bytes the server released (over its budget): read back from disk.
    const evictedDoc = new Y.Doc();
    const t0 = performance.now();
    const evicted = new SyncConnection(evictedDoc, { serverUrl: url, token: streetToken, docName: codes[0]! });
    evicted.connect();
    await waitFor(() => evicted.syncStatus.state === 'synced', 300_000, () => `evicted sync: ${JSON.stringify(evicted.syncStatus)}`);
    const evictedSyncMs = performance.now() - t0;
    evicted.destroy();
    evictedDoc.destroy();
    const rawMs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const r0 = performance.now();
      const encoded = Y.encodeStateAsUpdate(doc);
      const target = new Y.Doc();
      Y.applyUpdate(target, encoded);
      rawMs.push(performance.now() - r0);
      target.destroy();
    }
    const afterEvicted = await health();

    // Edit propagation community → street on one community (the clerk's PC reuses a synced copy).
    const streetDoc = clients[0]!.doc;
    const clerkDoc = new Y.Doc();
    Y.applyUpdate(clerkDoc, Y.encodeStateAsUpdate(streetDoc));
    const clerk = new SyncConnection(clerkDoc, { serverUrl: url, token: clerkToken, docName: codes[0]! });
    clerk.connect();
    await waitFor(() => clerk.syncStatus.state === 'synced', 300_000, () => `clerk sync: ${JSON.stringify(clerk.syncStatus)}`);
    const clerkRepos = createRepositories(clerkDoc, fixedContext());
    const streetUnits = streetDoc.getMap('residentUnits');
    const propagation: number[] = [];
    for (let i = 0; i < 200; i++) {
      const p0 = performance.now();
      const unit = clerkRepos.residentUnits.create({ name: `传播测试${i}` });
      await waitFor(() => streetUnits.has(unit.id), 10_000, () => `propagation ${i}: clerk ${JSON.stringify(clerk.syncStatus)}`);
      propagation.push(performance.now() - p0);
    }
    clerk.destroy();
    for (const c of clients) {
      c.conn.destroy();
      c.doc.destroy();
    }

    // 500 idle connections held for 10 s.
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 500; i++) sockets.push(new WebSocket(`${url}/${codes[i % 30]}?token=${streetToken}&schema=3`));
    await waitFor(() => sockets.every((s) => s.readyState === WebSocket.OPEN), 120_000, () => `500 idle: ${sockets.filter((s) => s.readyState === WebSocket.OPEN).length} open`);
    await new Promise((r) => setTimeout(r, 10_000));
    const held = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
    const withIdle = await health();
    sockets.forEach((s) => s.close());

    // Every street question cold: a fresh server, its answers from the stored street facts in the worker.
    await killProcess(server);
    server = await startSyncServerProcess({ port, dataDir: dir });
    const street = await streetQuestions(http, url, streetToken, smallClerkToken, smallCode);
    const afterQuestions = await health();

    return {
      ...layout,
      ...integrity,
      stateBytes: state.byteLength,
      summaryMs,
      feedRows,
      overviewColdMs,
      overviewWarmMs: median(warm),
      feedPageMs: median(feed),
      feedPageMaxMs: Math.max(...feed),
      ...Object.fromEntries(feed.map((ms, i) => [`feed${i}Ms`, ms])),
      firstSyncMs: median(syncMs),
      evictedSyncMs,
      rawEncodeDecodeMs: median(rawMs),
      rssConnectedMb: connected.rss / 1024 / 1024,
      heldConnectedMb: connected.heldBytes / 1024 / 1024,
      roomsConnected: connected.documents,
      rssAfterEvictedMb: afterEvicted.rss / 1024 / 1024,
      propagationP50: pct(propagation, 0.5),
      propagationP95: pct(propagation, 0.95),
      idleHeld: held,
      idleServerConnections: withIdle.connections,
      rssIdleMb: withIdle.rss / 1024 / 1024,
      factsBuildMs,
      factsDbBytes,
      syncDbBytes,
      ...Object.fromEntries(Object.entries(street.asked).flatMap(([name, a]) => [[`${name}ColdMs`, a.ms], [`${name}Bytes`, a.bytes]])),
      stallPingMaxMs: street.pingMaxMs,
      stallAckMaxMs: street.ackMaxMs,
      stallPings: street.pings,
      stallAcks: street.acks,
      rssAfterQuestionsMb: afterQuestions.rss / 1024 / 1024,
    };
  } finally {
    if (server) await killProcess(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

export { median };
