import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { checkStreetFacts } from '../../../src-main/sync/street/streetFactsCheck';
import { StreetFactsStore } from '../../../src-main/sync/street/streetFactsStore';
import { streetDbPath } from '../../../src-main/sync/street/streetService';
import { assessmentAnswer, calendarAnswer, unitAssessmentAnswer, venueAnswer, whistlesAnswer, workbenchAnswer, workbenchCommunityAnswer, type CommunityStanding } from '../../../src-main/sync/street/streetAnswers';
import { SyncServer } from '../../../src-main/sync/syncServer';
import { signToken } from '../../../src-main/sync/tokens';
import { OrgTree } from '../../../src-shared/records';
import { createRepositories, type Repositories } from '../../../src-shared/repository/repositories';
import { CURRENT_SCHEMA_VERSION } from '../../../src-shared/schema/version';
import { readStreetFacts } from '../../../src-shared/street/streetFacts';
import type { SyncRole } from '../../../src-shared/sync/access';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { SyncConnection } from '../../../src-renderer/sync/syncConnection';
import { waitFor } from '../../support/waitFor';

const STREET = '350102001';
let dir: string;
let server: SyncServer;
let url: string;

function token(role: SyncRole, scope: string): string {
  const { token: t, claims } = signToken(server.store.secret, { role, scope, name: `${role}-user`, days: 1 });
  server.store.recordToken(claims);
  return t;
}

async function start(): Promise<void> {
  server = new SyncServer({ port: 0, host: '127.0.0.1', dataDir: dir, log: () => undefined });
  url = `ws://127.0.0.1:${await server.listen()}`;
}

/** A clerk's PC: its document stays, its connection comes and goes (offline between syncs). */
function pc(code: string, name: string) {
  const doc = new Y.Doc();
  const repos = createRepositories(doc, fixedContext({ name, device: name }));
  return {
    doc, repos,
    async sync(): Promise<void> {
      const conn = new SyncConnection(doc, { serverUrl: url, token: token('clerk', code), docName: code, onStatus: () => undefined, backoff: { baseMs: 50, maxMs: 200 } });
      conn.connect();
      await waitFor(() => conn.syncStatus.state === 'synced' && conn.syncStatus.pending === 0, 15_000);
      conn.destroy();
    },
  };
}

/** A street answer once no community of it is still being brought up to date. */
async function ask<T>(path: string, params: Record<string, string>): Promise<T & { communities: CommunityStanding[] }> {
  const query = new URLSearchParams({ token: token('street', STREET), ...params }).toString();
  for (const started = Date.now(); Date.now() - started < 20_000; ) {
    const response = await fetch(`${url.replace('ws', 'http')}/api/${path}?${query}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as T & { communities: CommunityStanding[] };
    if (!body.communities.some((c) => c.updating)) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`street facts of ${path} not up to date`);
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

beforeAll(async () => {
  process.env.STREET_FACTS_DEBOUNCE_MS = '20';
  dir = mkdtempSync(join(tmpdir(), 'desk-street-'));
  await start();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A small seeded generator (mulberry32): the same edits on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One random edit of a PC's meetings, bookings, whistles or activities (of the kind given, or any); a refused one (a
 * clash, a rule) writes nothing.
 */
function randomEdit(repos: Repositories, next: () => number, year: string, kind?: number): void {
  const pick = <T,>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
  const date = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  const orgs = repos.orgNodes.list().filter((n) => n.kind === 'grid');
  const units = repos.residentUnits.list();
  const people = repos.people.list();
  try {
    switch (kind ?? Math.floor(next() * 8)) {
      case 0:
        repos.meetings.create({ title: '会议', meetingType: pick(['支部党员大会', '支委会', '党小组会', '党课'] as const)!, date, orgNodeId: pick(orgs)?.id ?? '', status: next() < 0.6 ? '已定稿' : '草稿' });
        break;
      case 1: {
        const m = pick(repos.meetings.list());
        if (m && next() < 0.3) repos.meetings.delete(m.id);
        else if (m) repos.meetings.update(m.id, { status: m.status === '已定稿' ? '草稿' : '已定稿', date });
        break;
      }
      case 2: {
        const venue = pick(repos.venues.list())!;
        const startHour = 8 + Math.floor(next() * 10);
        repos.bookings.create({ venue: venue.name, venueId: venue.id, date, startHour, endHour: startHour + 1 + Math.floor(next() * 2), booker: pick(['张三', '李四', '王五'])! });
        break;
      }
      case 3: {
        const b = pick(repos.bookings.list());
        if (b && next() < 0.4) repos.bookings.delete(b.id);
        break;
      }
      case 4: {
        const lead = pick(units)!;
        repos.whistles.create({ title: `事项${Math.floor(next() * 1000)}`, date, raisedAt: `${date}T09:00`, deadline: next() < 0.5 ? date : '', handlers: { [`unit:${lead.id}`]: { name: lead.name, kind: '驻区单位', lead: true } } });
        break;
      }
      case 5: {
        const w = pick(repos.whistles.list());
        const key = w && Object.keys(w.handlers)[0];
        if (w && key) repos.whistles.update(w.id, { reports: { [key]: { reportedAt: `${w.date}T${String(10 + Math.floor(next() * 10))}:00` } } });
        break;
      }
      case 6: {
        const who = people.filter(() => next() < 0.5);
        const attendance = Object.fromEntries(who.map((p) => [`person:${p.id}`, { name: p.name, arrive: '08:00', leave: pick(['09:00', '10:30', '11:00'])! }]));
        repos.serviceActivities.create({ title: '志愿服务', date, rules: { pointsPerHour: 1, capHoursPerActivity: 2, stepMinutes: 30, multiplier: 1 }, attendance });
        break;
      }
      default: {
        const a = pick(repos.serviceActivities.list());
        if (a && next() < 0.4) repos.serviceActivities.delete(a.id);
      }
    }
  } catch {
    // A refused edit (a booking clash, a report before its whistle) is what a clerk would be told of; nothing written.
  }
}

describe('street views from stored facts', () => {
  it('match a recompute from the merged document after seeded edits and merges on two PCs', async () => {
    const code = '350102001101';
    const year = today().slice(0, 4);
    for (const seed of [11, 29, 47]) {
      const next = random(seed);
      const a = pc(code, `甲${seed}`);
      const b = pc(code, `乙${seed}`);
      // Both PCs start from the community as set up on the first and synced to the second.
      const tree = new OrgTree(a.repos.orgNodes);
      if (seed === 11) {
        tree.ensureRoots('南街街道', '随机社区');
        const root = tree.tree()[0]!.children[0]!.node;
        tree.addChild(root.id, { name: '第一网格党支部', kind: 'grid' });
        tree.addChild(root.id, { name: '第二网格党支部', kind: 'grid' });
        a.repos.venues.create({ name: '党群活动室', capacity: 30 });
        a.repos.venues.create({ name: '多功能厅', capacity: 80 });
        for (const name of ['自来水公司', '第一中学']) a.repos.residentUnits.create({ name });
        for (const name of ['张一', '张二', '张三', '张四']) a.repos.people.create({ name, roles: ['在职党员', '志愿者'], employer: '自来水公司' });
      }
      await a.sync();
      await b.sync();
      for (let round = 0; round < 6; round++) {
        // Edits while apart, then each comes back (in a random order); sometimes the street asks in between.
        // Each PC adds one of each record type, then edits at random.
        for (const p of [a, b]) for (let i = 0; i < 8; i++) randomEdit(p.repos, next, year, i < 4 ? i * 2 : undefined);
        for (const p of next() < 0.5 ? [a, b] : [b, a]) await p.sync();
        if (next() < 0.4) await ask('whistles', { today: today() });
      }
      await a.sync();
      await b.sync();
      expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
      // The edits left something of each kind to compare (and deleted some).
      for (const repo of [a.repos.meetings, a.repos.bookings, a.repos.whistles, a.repos.serviceActivities]) expect(repo.list().length).toBeGreaterThan(2);
      expect(a.repos.meetings.list({ onlyDeleted: true }).length + a.repos.bookings.list({ onlyDeleted: true }).length).toBeGreaterThan(0);

      // The recompute: the merged document read afresh, answered the same way.
      const fresh = new StreetFactsStore(new DatabaseSync(':memory:'));
      fresh.write(readStreetFacts(a.doc, code, today()), 1);
      const stored = await ask<Record<string, unknown>>('whistles', { today: today(), pageSize: '500' });
      const standing = stored.communities.filter((c) => c.code === code);
      expect(stored.rows).toEqual(whistlesAnswer(fresh, standing, today(), { page: 1, pageSize: 500 }).rows);
      expect((stored.rows as unknown[]).length).toBe(a.repos.whistles.list().length);
      const calendar = await ask<{ communities: { code: string; rows: unknown }[] }>('meeting-calendar', { year, today: today(), pageSize: '20' });
      expect(calendar.communities.find((c) => c.code === code)!.rows).toEqual(calendarAnswer(fresh, standing, Number(year), today(), { page: 1, pageSize: 20 }).communities[0]!.rows);
      for (const role of ['在职党员', '志愿者']) {
        const members = await ask<{ rows: unknown[] }>('assessment', { year, role, community: code, pageSize: '500' });
        expect(members.rows).toEqual(assessmentAnswer(fresh, standing, year, role, { community: code, page: 1, pageSize: 500 }).rows);
        // In pinyin order, as the community's own lists (SQLite alone would put 一 before 二).
        if (role === '在职党员') expect((members.rows as { name: string }[]).map((r) => r.name)).toEqual(['张二', '张三', '张四', '张一']);
      }
      for (const period of [year, `${year}-H1`, `${year}-H2`]) {
        const units = await ask<{ rows: unknown[] }>('unit-assessment', { period, community: code, pageSize: '500' });
        expect(units.rows).toEqual(unitAssessmentAnswer(fresh, standing, period, { community: code, page: 1, pageSize: 500 }).rows);
      }
      // The street's 工作台: the counts of the table and the drill-down's rows, as the community's own rules make them.
      const bench = await ask<{ communities: { code: string; summary: unknown }[] }>('workbench', {});
      expect(bench.communities.find((c) => c.code === code)!.summary).toEqual(workbenchAnswer(fresh, standing).communities[0]!.summary);
      const detail = await ask<{ detail: { todo: { key: string; count: number }[] } }>('workbench/community', { community: code });
      expect(detail.detail).toEqual(workbenchCommunityAnswer(fresh, standing, code).detail);
      expect(detail.detail.todo.find((c) => c.key === 'meetings')!.count).toBe((workbenchAnswer(fresh, standing).communities[0]!.summary as { todo: { meetings: number } }).todo.meetings);
      for (const booking of a.repos.bookings.list().slice(0, 5)) {
        const params = { date: booking.date, start: '8', end: '20' };
        const venues = await ask<{ venues: { code: string }[] }>('venue-availability', params);
        expect(venues.venues.filter((v) => v.code === code)).toEqual(venueAnswer(fresh, standing, { date: booking.date, startHour: 8, endHour: 20, headcount: 0, equipment: [] }).venues);
      }
    }
  }, 120_000);

  it('answer for every community when one holds a value of another shape, and list the one that cannot be read with a Chinese note', async () => {
    const normal = pc('350102001201', '甲');
    new OrgTree(normal.repos.orgNodes).ensureRoots('南街街道', '正常社区');
    normal.repos.whistles.create({ title: '正常社区的事项', date: '2026-04-01' });
    await normal.sync();
    // A stock y-websocket client with a clerk's token writes a plain object into 'people' of the second community…
    const odd = pc('350102001202', '乙');
    odd.repos.whistles.create({ title: '怪数据社区的事项', date: '2026-04-02' });
    odd.doc.getMap('people').set('plain', { name: '不是记录' });
    await odd.sync();
    // …and the third holds data of a newer layout than this server reads.
    const newer = new Y.Doc();
    newer.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    const stock = new WebsocketProvider(url, '350102001203', newer, { WebSocketPolyfill: WebSocket as never, params: { token: token('clerk', '350102001203') } });
    await waitFor(() => stock.synced);
    await new Promise((r) => setTimeout(r, 200));
    stock.destroy();

    for (const [path, params] of [['whistles', { today: '2026-06-01', pageSize: '500' }], ['meeting-calendar', { year: '2026', pageSize: '50' }], ['assessment', { year: '2026', role: '志愿者' }], ['unit-assessment', { period: '2026' }], ['venue-availability', { date: '2026-06-01', start: '9', end: '10' }], ['street-units', {}], ['workbench', {}], ['workbench/community', { community: '350102001202' }]] as const) {
      const query = new URLSearchParams({ token: token('street', STREET), ...params }).toString();
      const response = await fetch(`${url.replace('ws', 'http')}/api/${path}?${query}`);
      expect(response.status, path).toBe(200);
    }
    const whistles = await ask<{ rows: { code: string; title: string }[] }>('whistles', { today: '2026-06-01', pageSize: '500' });
    expect(whistles.rows.map((r) => r.title)).toEqual(expect.arrayContaining(['正常社区的事项', '怪数据社区的事项']));
    const byCode = new Map(whistles.communities.map((c) => [c.code, c]));
    expect(byCode.get('350102001201')!.problem).toBe('');
    expect(byCode.get('350102001202')!.problem).toBe('');
    expect(byCode.get('350102001203')!.problem).toBe(`该社区的数据来自更新版本的社区工作台（数据版本 ${CURRENT_SCHEMA_VERSION + 1}），本服务器读不了，暂不能列入街道的汇总；其他社区不受影响。请升级同步服务器的软件`);
  }, 60_000);

  it('keep their facts over a restart, and verify-summaries finds a changed fact that rebuild-summaries puts right', async () => {
    const code = '350102001301';
    const clerk = pc(code, '丙');
    new OrgTree(clerk.repos.orgNodes).ensureRoots('南街街道', '重启社区');
    clerk.repos.whistles.create({ title: '重启前的事项', date: '2026-03-01' });
    await clerk.sync();
    const before = await ask<{ rows: { title: string }[] }>('whistles', { community: code, today: '2026-06-01' });
    const asOf = before.communities.find((c) => c.code === code)!.asOf;
    expect(before.rows.map((r) => r.title)).toEqual(['重启前的事项']);

    await server.close();
    await start();
    // Answered from street.db at once, as of the same time: nothing was rebuilt on start.
    const query = new URLSearchParams({ token: token('street', STREET), community: code, today: '2026-06-01' }).toString();
    const after = (await (await fetch(`${url.replace('ws', 'http')}/api/whistles?${query}`)).json()) as typeof before;
    expect(after.rows.map((r) => r.title)).toEqual(['重启前的事项']);
    expect(after.communities.find((c) => c.code === code)).toMatchObject({ asOf, updating: false, problem: '' });

    // A fact changed behind the server's back is found by verify and put right by rebuild.
    const facts = new StreetFactsStore(new DatabaseSync(streetDbPath(dir)));
    const syncDb = new DatabaseSync(join(dir, 'sync.db'));
    facts.database.prepare("UPDATE street_whistles SET json = json_set(json, '$.title', '改过的事项') WHERE doc = ?").run(code);
    const verified = checkStreetFacts(syncDb, facts, [code], 'verify');
    expect(verified.ok).toBe(false);
    expect(verified.lines[0]).toContain('街道汇总与文档不一致：吹哨报到');
    checkStreetFacts(syncDb, facts, [code], 'rebuild');
    expect(checkStreetFacts(syncDb, facts, [code], 'verify')).toEqual({ ok: true, lines: [`${code}：街道汇总与文档一致`] });
    facts.database.close();
    syncDb.close();
  }, 60_000);

  it('start a worker again when it stops: the street is answered and facts are built after either stopped', async () => {
    const code = '350102001401';
    const service = (server as unknown as { street: { answers: { terminate(): Promise<number> }; builder: { terminate(): Promise<number> } } }).street;
    await service.answers.terminate();
    await service.builder.terminate();
    await new Promise((r) => setTimeout(r, 1500));
    const clerk = pc(code, '丁');
    new OrgTree(clerk.repos.orgNodes).ensureRoots('南街街道', '重新启动社区');
    clerk.repos.whistles.create({ title: '工作线程重启后的事项', date: '2026-03-01' });
    await clerk.sync();
    const answer = await ask<{ rows: { title: string }[] }>('whistles', { community: code, today: '2026-06-01' });
    expect(answer.rows.map((r) => r.title)).toEqual(['工作线程重启后的事项']);
  }, 60_000);
});
