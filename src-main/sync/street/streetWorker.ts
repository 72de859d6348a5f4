/**
 * The street's worker threads (one of each kind, started by StreetService), so that no street question and no
 * reading of a whole document ever runs on the thread that syncs the communities:
 * - `builder` reads a community's whole stored document after its updates are stored (debounced) and writes its street
 *   facts; on start, and once a day, it brings every community's facts up to date; it also writes the street's
 *   whistles into communities (the update is stored by the sync thread).
 * - `answers` answers the street's questions from the stored facts.
 * Both read the server's `sync.db` (WAL: readers never wait for the sync thread's writes) and keep the facts in
 * `street.db`, so writing them never holds the lock the sync thread stores updates under.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { availabilityQuery } from '../../../src-shared/records/booking/streetAvailability';
import { raiseStreetWhistle, streetWhistleRequest } from '../../../src-shared/records/coBuilding/streetWhistles';
import { localDate } from '../../../src-shared/records/meeting/meetingCalendar';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { readStoredDocument } from '../storedDocument';
import type { StoredRow } from '../syncStore';
import { assessmentAnswer, calendarAnswer, standings, unitAssessmentAnswer, unitRecordsAnswer, unitsAnswer, venueAnswer, whistlesAnswer, workbenchAnswer, workbenchCommunityAnswer, type Scope } from './streetAnswers';
import { buildStreetFacts, latestSeq } from './streetFactsBuilder';
import { StreetFactsStore } from './streetFactsStore';

export type WorkerRequest =
  | { type: 'refresh'; doc: string; now?: boolean }
  | { type: 'refresh-all' }
  | { type: 'query'; id: number; route: string; params: Record<string, string>; scope: Scope; today: string }
  | { type: 'raise'; id: number; body: unknown; scope: Scope; street: string; name: string };

export type WorkerReply =
  | { type: 'built'; doc: string }
  | { type: 'failed'; doc: string; error: string }
  | { type: 'answer'; id: number; status: number; body: string }
  | { type: 'raised'; id: number; status: number; error?: string; created?: { code: string; id: string; update: Uint8Array }[] };

const { dbPath, factsPath, role } = workerData as { dbPath: string; factsPath: string; role: 'builder' | 'answers' };
/** The sync thread's database, only read here (WAL: never waits for its writes, never holds them up). */
const db = new DatabaseSync(dbPath);
db.exec('PRAGMA busy_timeout = 10000');
const store = new StreetFactsStore(new DatabaseSync(factsPath));
const port = parentPort!;
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

class RequestProblem extends Error {}

if (role === 'builder') {
  const due = new Map<string, number>();
  let running = false;
  const DEBOUNCE_MS = Number(process.env.STREET_FACTS_DEBOUNCE_MS ?? 2000);
  /** After a start, when every PC reconnects and the sync thread loads their documents, the catch-up waits a little. */
  const START_DELAY_MS = Number(process.env.STREET_FACTS_START_DELAY_MS ?? 10_000);
  /**
   * Reading a large community takes seconds of CPU and disk; the builder then rests as long as it worked, so catching
   * up on many communities never takes more than half of what the sync thread shares with it.
   */
  let restUntil = 0;
  /** Every community whose facts are missing, behind its stored changes, or of an earlier day. */
  const staleDocs = () => {
    const states = new Map(store.states().map((s) => [s.doc, s]));
    const older = store.withoutWorkbench();
    const today = localDate(Date.now());
    const docs = (db.prepare('SELECT DISTINCT doc FROM updates INDEXED BY updates_doc_at').all() as { doc: string }[]).map((r) => r.doc);
    return docs.filter((doc) => {
      const s = states.get(doc);
      if (!s) return true;
      return s.seq < latestSeq(db, doc) || localDate(s.computedAt) < today || older.has(doc);
    });
  };
  const next = () => {
    if (running) return;
    const now = Date.now();
    if (now < restUntil) return void setTimeout(next, restUntil - now);
    const ready = [...due].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1])[0];
    if (!ready) {
      const soonest = Math.min(...due.values());
      if (Number.isFinite(soonest)) setTimeout(next, Math.max(10, soonest - now));
      return;
    }
    running = true;
    due.delete(ready[0]);
    const started = Date.now();
    try {
      buildStreetFacts(db, store, ready[0]);
    } catch (error) {
      // The store could not be written (a disk fault, a lock held too long): tried again later, the worker goes on.
      post({ type: 'failed', doc: ready[0], error: (error as Error).message });
      queue(ready[0], 10_000);
    } finally {
      running = false;
      post({ type: 'built', doc: ready[0] });
      restUntil = Date.now() + Math.max(20, Date.now() - started);
      // Messages (new work, a whistle to write) are handled between two communities.
      setTimeout(next, restUntil - Date.now());
    }
  };
  const queue = (doc: string, delay: number) => {
    const at = Date.now() + delay;
    if (!due.has(doc) || due.get(doc)! > at) due.set(doc, at);
    setTimeout(next, delay + 1);
  };
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'refresh') queue(message.doc, message.now ? 0 : DEBOUNCE_MS);
    else if (message.type === 'refresh-all') for (const doc of staleDocs()) queue(doc, 0);
    else if (message.type === 'raise') raise(message);
  });
  setTimeout(() => {
    for (const doc of staleDocs()) queue(doc, 0);
  }, START_DELAY_MS);
  // Figures that depend on the date (overdue, 考核 of whistles past their deadline) are brought up to date each day.
  setInterval(() => {
    for (const doc of staleDocs()) queue(doc, 0);
  }, 10 * 60_000).unref();
} else {
  port.on('message', (message: WorkerRequest) => {
    if (message.type !== 'query') return;
    try {
      post({ type: 'answer', id: message.id, status: 200, body: JSON.stringify(answer(message)) });
    } catch (error) {
      const known = error instanceof RequestProblem;
      post({ type: 'answer', id: message.id, status: known ? 400 : 500, body: JSON.stringify({ error: known ? error.message : `街道汇总出错（${(error as Error).message}），请稍后重试` }) });
    }
  });
}

function paging(params: Record<string, string>, defaultSize: number) {
  const p = Math.max(1, Math.floor(Number(params.page ?? 1)) || 1);
  const size = Math.min(500, Math.max(1, Math.floor(Number(params.pageSize ?? defaultSize)) || defaultSize));
  return { page: p, pageSize: size, community: params.community || undefined };
}

function answer(q: Extract<WorkerRequest, { type: 'query' }>): unknown {
  const standing = standings(store, q.scope, (doc) => latestSeq(db, doc));
  const { params } = q;
  switch (q.route) {
    case '/api/meeting-calendar': {
      const year = Number(params.year);
      if (!Number.isInteger(year) || year < 1900 || year > 2100) throw new RequestProblem('年度不正确，请写成 2026 这样的四位数字');
      return calendarAnswer(store, standing, year, params.today || q.today, paging(params, 10));
    }
    case '/api/venue-availability': {
      const query = availabilityQuery.safeParse(params);
      if (!query.success) throw new RequestProblem(query.error.issues.map((i) => i.message).join('；'));
      return venueAnswer(store, standing, query.data);
    }
    case '/api/whistles':
      return whistlesAnswer(store, standing, params.today || q.today, { ...paging(params, 50), status: params.status });
    case '/api/street-units':
      return unitsAnswer(store, standing);
    case '/api/assessment': {
      const year = params.year ?? '';
      const role = params.role ?? '在职党员';
      if (!/^\d{4}$/.test(year)) throw new RequestProblem('年度不正确，请写成 2026 这样的四位数字');
      if (!['在职党员', '党员', '志愿者'].includes(role)) throw new RequestProblem('考核对象只能是在职党员、党员或志愿者');
      return assessmentAnswer(store, standing, year, role, paging(params, 100));
    }
    case '/api/unit-assessment': {
      const period = params.period ?? '';
      if (!/^\d{4}(-H[12])?$/.test(period)) throw new RequestProblem('考核期不正确，请写成 2026、2026-H1 或 2026-H2');
      return unitAssessmentAnswer(store, standing, period, paging(params, 100));
    }
    case '/api/workbench':
      return workbenchAnswer(store, standing);
    case '/api/workbench/community': {
      if (!standing.some((s) => s.code === params.community)) throw new RequestProblem('没有这个社区，或这个同步凭证不能查看它');
      return workbenchCommunityAnswer(store, standing, params.community!);
    }
    case '/api/unit-assessment/records': {
      if (!standing.some((s) => s.code === params.community)) throw new RequestProblem('没有这个社区，或这个同步凭证不能查看它');
      return unitRecordsAnswer(store, params.community!, params.period ?? '', params.unit ?? '', params.item ?? '');
    }
    default:
      throw new RequestProblem('没有这个接口');
  }
}

/**
 * The street blows one whistle to units of several communities: each community's whistle is built from its whole
 * document here, all checked before any is returned, so a refusal writes nothing anywhere. The sync thread stores and
 * forwards the updates.
 */
function raise(message: Extract<WorkerRequest, { type: 'raise' }>): void {
  try {
    const parsed = streetWhistleRequest.safeParse(message.body);
    // One line per distinct problem (two communities without units say it once).
    if (!parsed.success) throw new RequestProblem([...new Set(parsed.error.issues.map((i) => i.message))].join('；'));
    const created = parsed.data.targets.map(({ code, unitIds }) => {
      if (!message.scope.docs.some((d) => d.doc === code)) throw new RequestProblem(`这个同步凭证不能向社区 ${code} 吹哨，或服务器上没有该社区的数据`);
      const rows = db.prepare('SELECT seq, data, at, crc FROM updates WHERE doc = ? ORDER BY seq').all(code) as unknown as StoredRow[];
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, readStoredDocument(rows).merged);
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        const repos = createRepositories(doc, { actor: () => ({ name: message.name, device: 'street-server' }), now: () => Date.now() });
        let id = '';
        try {
          id = raiseStreetWhistle(repos, parsed.data, unitIds, message.street);
        } catch (error) {
          throw new RequestProblem(`${String(doc.getMap('meta').get('name') ?? '') || code}：${(error as Error).message}`);
        }
        return { code, id, update: Y.mergeUpdates(updates) };
      } finally {
        doc.destroy();
      }
    });
    post({ type: 'raised', id: message.id, status: 200, created });
  } catch (error) {
    const known = error instanceof RequestProblem;
    post({ type: 'raised', id: message.id, status: known ? 400 : 500, error: known ? error.message : '服务器内部错误' });
  }
}
