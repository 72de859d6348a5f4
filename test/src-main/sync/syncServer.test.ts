import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgTree } from '../../../src-shared/records';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CURRENT_SCHEMA_VERSION } from '../../../src-shared/schema/version';
import { SyncServer } from '../../../src-main/sync/syncServer';
import { signToken } from '../../../src-main/sync/tokens';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { CLOSE_CODES, type SyncRole } from '../../../src-shared/sync/access';
import { fixedContext } from '../../../src-shared/testing/fixedContext';
import { SyncConnection, type SyncStatus } from '../../../src-renderer/sync/syncConnection';
import { waitFor } from '../../support/waitFor';

const COMMUNITY = '350102001001';
const OTHER = '350102002001';
let dir: string;
let server: SyncServer;
let url: string;

function token(role: SyncRole, scope: string, options: { days?: number; record?: boolean } = {}) {
  const { token: t, claims } = signToken(server.store.secret, { role, scope, name: `${role}-user`, days: options.days ?? 1 });
  if (options.record !== false) server.store.recordToken(claims);
  return { token: t, claims };
}

/** Opens a raw WebSocket and resolves with its close code (or 'open' if the server kept it open). */
function closeCodeOf(path: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url}/${path}`);
    const timer = setTimeout(() => (ws.close(), resolve('open')), 1500);
    ws.onclose = (e) => (clearTimeout(timer), resolve(e.code));
  });
}

/** The residentUnits of the community as the server has stored them. */
function serverUnits(): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, server.documentState(COMMUNITY));
  return JSON.stringify(doc.getMap('residentUnits').toJSON());
}


function client(docName: string, t: string, doc = new Y.Doc()) {
  const statuses: SyncStatus[] = [];
  const conn = new SyncConnection(doc, { serverUrl: url, token: t, docName, onStatus: (s) => statuses.push(s), backoff: { baseMs: 50, maxMs: 200 } });
  conn.connect();
  return { doc, conn, statuses };
}

/**
 * A street question once every community's street facts show its latest stored change (the worker brings them up to
 * date shortly after each update).
 */
async function streetAnswer<T>(path: string): Promise<T> {
  const http = url.replace('ws', 'http');
  for (const start = Date.now(); Date.now() - start < 15_000; ) {
    const response = await fetch(`${http}${path}`);
    const body = (await response.json()) as T & { communities?: { updating: boolean }[] };
    if (!response.ok || !body.communities?.some((c) => c.updating)) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`street facts not up to date: ${path}`);
}

beforeAll(async () => {
  process.env.STREET_FACTS_DEBOUNCE_MS = '20';
  dir = mkdtempSync(join(tmpdir(), 'desk-sync-'));
  server = new SyncServer({ port: 0, host: '127.0.0.1', dataDir: dir, maxPayload: 1024 * 1024, log: () => undefined });
  url = `ws://127.0.0.1:${await server.listen()}`;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync server access', () => {
  it('refuses bad document names, bad, expired, revoked and out-of-scope tokens with final 44xx codes', async () => {
    const good = token('clerk', COMMUNITY).token;
    expect(await closeCodeOf(`notacode?token=${good}`)).toBe(CLOSE_CODES.badDocument);
    expect(await closeCodeOf(`${COMMUNITY}?token=garbage`)).toBe(CLOSE_CODES.badToken);
    expect(await closeCodeOf(`${COMMUNITY}?token=${good.slice(0, -3)}abc`)).toBe(CLOSE_CODES.badToken);
    expect(await closeCodeOf(`${COMMUNITY}?token=${token('clerk', COMMUNITY, { days: -1 }).token}`)).toBe(CLOSE_CODES.expired);
    const revoked = token('clerk', COMMUNITY);
    server.store.revokeToken(revoked.claims.jti);
    expect(await closeCodeOf(`${COMMUNITY}?token=${revoked.token}`)).toBe(CLOSE_CODES.revoked);
    expect(await closeCodeOf(`${COMMUNITY}?token=${token('clerk', COMMUNITY, { record: false }).token}`)).toBe(CLOSE_CODES.revoked);
    expect(await closeCodeOf(`${OTHER}?token=${good}`)).toBe(CLOSE_CODES.forbidden);
    expect(await closeCodeOf(`350103001001?token=${token('street', '350102001').token}`)).toBe(CLOSE_CODES.forbidden);
    expect(await closeCodeOf(`${OTHER}?token=${token('street', '350102002').token}`)).toBe('open');
    expect(await closeCodeOf(`${COMMUNITY}?token=${good}`)).toBe('open');
  });

  it('tells our client in Chinese why it was refused, and stops reconnecting', async () => {
    const c = client(OTHER, token('clerk', COMMUNITY).token);
    await waitFor(() => c.conn.syncStatus.state === 'refused');
    expect(c.conn.syncStatus.message).toContain('不能访问本社区的数据');
    c.conn.destroy();
  });
});

describe('sync', () => {
  it('merges a community clerk and the street, stores every update durably with an audit row, and acknowledges it', async () => {
    const clerk = client(COMMUNITY, token('clerk', COMMUNITY).token);
    const street = client(COMMUNITY, token('street', '350102001').token);
    const clerkRepos = createRepositories(clerk.doc, fixedContext({ name: '社区王' }));
    const streetRepos = createRepositories(street.doc, fixedContext({ name: '街道李' }));
    await waitFor(() => clerk.conn.syncStatus.state === 'synced' && street.conn.syncStatus.state === 'synced');
    const v = clerkRepos.residentUnits.create({ name: '福州某医院' });
    await waitFor(() => streetRepos.residentUnits.get(v.id)?.name === '福州某医院');
    streetRepos.residentUnits.update(v.id, { partyOrg: '医院党委' });
    await waitFor(() => clerkRepos.residentUnits.get(v.id)?.partyOrg === '医院党委');
    await waitFor(() => clerk.conn.syncStatus.state === 'synced' && clerk.conn.syncStatus.pending === 0);
    expect(clerk.conn.syncStatus.lastSyncedAt).toBeTypeOf('number');
    const users = server.store.audit(COMMUNITY).map((a) => `${a.user}/${a.role}`);
    expect(users).toContain('clerk-user/clerk');
    expect(users).toContain('street-user/street');
    // What is on disk equals what the clients hold.
    const disk = new Y.Doc();
    server.store.loadUpdates(COMMUNITY).updates.forEach((u) => Y.applyUpdate(disk, u));
    expect(disk.getMap('residentUnits').toJSON()).toEqual(clerk.doc.getMap('residentUnits').toJSON());
    clerk.conn.destroy();
    street.conn.destroy();
  });

  it('never applies or stores a viewer\'s writes, but lets the viewer read', async () => {
    const viewer = client(COMMUNITY, token('viewer', COMMUNITY).token);
    await waitFor(() => viewer.conn.syncStatus.state === 'syncing' || viewer.conn.syncStatus.state === 'synced');
    const before = server.store.updateCount(COMMUNITY);
    createRepositories(viewer.doc, fixedContext()).residentUnits.create({ name: '查看者写的' });
    await new Promise((r) => setTimeout(r, 300));
    expect(server.store.updateCount(COMMUNITY)).toBe(before);
    expect(serverUnits()).not.toContain('查看者写的');
    expect(viewer.conn.syncStatus.pending).toBe(1); // never acknowledged: the app shows it as not synced
    viewer.conn.destroy();
  });

  it('works with the stock y-websocket client', async () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, COMMUNITY, doc, { params: { token: token('clerk', COMMUNITY).token, schema: String(CURRENT_SCHEMA_VERSION) }, disableBc: true });
    await waitFor(() => provider.synced);
    expect(Object.keys(doc.getMap('residentUnits').toJSON()).length).toBeGreaterThan(0);
    createRepositories(doc, fixedContext({ name: '标准客户端' })).residentUnits.create({ name: '标准客户端写的' });
    await waitFor(() => serverUnits().includes('标准客户端写的'));
    provider.destroy();
  });

  it('survives malformed and oversized messages, closing only the offending connection', async () => {
    const good = client(COMMUNITY, token('clerk', COMMUNITY).token);
    await waitFor(() => good.conn.syncStatus.state === 'synced');
    const t = token('clerk', COMMUNITY).token;
    const codes = await Promise.all([
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${url}/${COMMUNITY}?token=${t}`);
        ws.onopen = () => ws.send(new Uint8Array([0, 2, 200, 1, 2, 3]));
        ws.onclose = (e) => resolve(e.code);
      }),
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${url}/${COMMUNITY}?token=${t}`);
        ws.onopen = () => ws.send(new Uint8Array([77, 1, 2]));
        ws.onclose = (e) => resolve(e.code);
      }),
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${url}/${COMMUNITY}?token=${t}`);
        ws.onopen = () => ws.send(new Uint8Array(2 * 1024 * 1024));
        ws.onclose = (e) => resolve(e.code);
      }),
    ]);
    expect(codes).toEqual([CLOSE_CODES.malformed, CLOSE_CODES.malformed, 1009]);
    const repos = createRepositories(good.doc, fixedContext());
    const v = repos.residentUnits.create({ name: '之后照常写入' });
    await waitFor(() => serverUnits().includes(v.id));
    good.conn.destroy();
  });

  it('stops exchanging, and says to update, when another PC brings the data to a newer layout than this build writes', async () => {
    const older = client(COMMUNITY, token('clerk', COMMUNITY).token);
    const newer = client(COMMUNITY, token('clerk', COMMUNITY).token);
    await waitFor(() => older.conn.syncStatus.state === 'synced' && newer.conn.syncStatus.state === 'synced');
    newer.doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION + 1);
    await waitFor(() => older.conn.syncStatus.state === 'refused');
    expect(older.conn.syncStatus.message).toMatch(/请先升级本机的社区工作台/);
    // What the older build writes now stays on its PC.
    const before = server.documentState(COMMUNITY).byteLength;
    createRepositories(older.doc, fixedContext()).residentUnits.create({ name: '旧版本写入' });
    await new Promise((r) => setTimeout(r, 300));
    expect(server.documentState(COMMUNITY).byteLength).toBe(before);
    newer.doc.getMap('meta').set('schemaVersion', CURRENT_SCHEMA_VERSION);
    await waitFor(() => newer.conn.syncStatus.pending === 0);
    older.conn.destroy();
    newer.conn.destroy();
  });

  it('lists the communities of a street with counts, and a feed of changes', async () => {
    const street = token('street', '350102001').token;
    const res = await fetch(`${url.replace('ws', 'http')}/api/communities?token=${street}`);
    const list = (await res.json()) as { code: string; counts: Record<string, number> }[];
    expect(list.map((c) => c.code)).toEqual([COMMUNITY]);
    expect(list[0]!.counts.residentUnits).toBeGreaterThan(0);
    const feed = (await (await fetch(`${url.replace('ws', 'http')}/api/feed?token=${street}&since=0`)).json()) as { rows: { title: string; by: string }[] };
    expect(feed.rows.some((f) => f.title === '福州某医院' && f.by === '街道李')).toBe(true);
    expect((await fetch(`${url.replace('ws', 'http')}/api/communities?token=bad`)).status).toBe(401);
    const clerkList = (await (await fetch(`${url.replace('ws', 'http')}/api/communities?token=${token('clerk', OTHER).token}`)).json()) as unknown[];
    expect(clerkList).toEqual([]);
  });

  it('gives the street every community\'s 三会一课 calendar of a year, from finalized meetings only', async () => {
    const clerk = token('clerk', COMMUNITY).token;
    const c = client(COMMUNITY, clerk);
    await waitFor(() => c.conn.syncStatus.state === 'synced');
    const repos = createRepositories(c.doc, fixedContext({ name: '社区王' }));
    const tree = new OrgTree(repos.orgNodes);
    tree.ensureRoots('南街街道', '三坊七巷社区');
    const community = tree.tree()[0]!.children[0]!.node;
    const grid = tree.addChild(community.id, { name: '日历网格党支部', kind: 'grid' });
    repos.meetings.create({ title: '大会', meetingType: '支部党员大会', date: '2026-02-10', orgNodeId: grid.id, status: '已定稿' });
    repos.meetings.create({ title: '支委会草稿', meetingType: '支委会', date: '2026-02-11', orgNodeId: grid.id });
    await waitFor(() => c.conn.syncStatus.state === 'synced' && c.conn.syncStatus.pending === 0);
    const street = token('street', '350102001').token;
    const base = `${url.replace('ws', 'http')}/api/meeting-calendar?token=${street}`;
    const calendar = await streetAnswer<{ total: number; communities: { code: string; asOf: number; rows: { orgName: string; months: { held: { type: string }[]; missing: string[] }[] }[] }[] }>(`/api/meeting-calendar?token=${street}&year=2026&today=2026-04-15`);
    const mine = calendar.communities.find((x) => x.code === COMMUNITY)!;
    expect(mine.asOf).toBeGreaterThan(0);
    const row = mine.rows.find((r) => r.orgName === '日历网格党支部')!;
    expect(row.months[1]!.held.map((h) => h.type)).toEqual(['支部党员大会']);
    expect(row.months[1]!.missing).toContain('支委会'); // the draft does not count
    expect(row.months[2]!.missing).not.toContain('支部党员大会'); // held in the quarter
    expect((await fetch(`${base}&year=abc`)).status).toBe(400);
    c.conn.destroy();
  });

  it('searches the venues of every community of the street for a span, the communities\' own first, with what each lacks', async () => {
    const c = client(COMMUNITY, token('clerk', COMMUNITY).token);
    await waitFor(() => c.conn.syncStatus.state === 'synced');
    const repos = createRepositories(c.doc, fixedContext({ name: '社区王' }));
    const unit = repos.residentUnits.create({ name: '福州第一中学' });
    repos.venues.create({ name: '党群活动室', capacity: 30, equipment: ['投影'] });
    repos.venues.create({ name: '一中运动场', capacity: 200, ownerUnitId: unit.id });
    const hall = repos.venues.create({ name: '多功能厅', capacity: 80, equipment: ['投影'] });
    repos.bookings.create({ venue: hall.name, venueId: hall.id, date: '2026-05-09', startHour: 15, endHour: 16, booker: '张三' });
    await waitFor(() => c.conn.syncStatus.state === 'synced' && c.conn.syncStatus.pending === 0);
    const base = `${url.replace('ws', 'http')}/api/venue-availability?token=${token('street', '350102001').token}`;
    const found = (await streetAnswer<{ venues: { code: string; name: string; owner: string; lacks: string[]; taken: string[] }[] }>(`/api/venue-availability?token=${token('street', '350102001').token}&date=2026-05-09&start=14&end=17&headcount=40&equipment=${encodeURIComponent('投影')}`)).venues;
    expect(found.filter((f) => f.code === COMMUNITY).map((f) => [f.name, f.owner, f.lacks, f.taken])).toEqual([['党群活动室', '本社区', ['只容纳 30 人'], []], ['一中运动场', '福州第一中学', ['没有投影'], []], ['多功能厅', '本社区', [], ['已被「张三」预约 15:00–16:00']]]);
    const refused = await fetch(`${base}&date=2026-05-09&start=17&end=14`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('结束时间应晚于开始时间');
    expect((await fetch(`${url.replace('ws', 'http')}/api/venue-availability?token=bad&date=2026-05-09&start=14&end=17`)).status).toBe(401);
    c.conn.destroy();
  });

  it('gives the street every community\'s 考核 of a year for a role, against the community\'s target', async () => {
    const c = client(COMMUNITY, token('clerk', COMMUNITY).token);
    await waitFor(() => c.conn.syncStatus.state === 'synced');
    const repos = createRepositories(c.doc, fixedContext({ name: '社区王' }));
    const member = repos.people.create({ name: '考核张三', roles: ['在职党员'], employer: '自来水公司' });
    repos.serviceActivities.create({ title: '清扫', date: '2026-03-01', rules: { pointsPerHour: 1, capHoursPerActivity: 2, stepMinutes: 30, multiplier: 1 }, attendance: { [`person:${member.id}`]: { name: '考核张三', arrive: '08:00', leave: '09:30' } } });
    await waitFor(() => c.conn.syncStatus.state === 'synced' && c.conn.syncStatus.pending === 0);
    const base = `${url.replace('ws', 'http')}/api/assessment?token=${token('street', '350102001').token}`;
    const found = await streetAnswer<{ communities: { code: string; target: number; people: number }[]; rows: { code: string; name: string; hours: number; meetsTarget: boolean }[] }>(`/api/assessment?token=${token('street', '350102001').token}&year=2026&role=${encodeURIComponent('在职党员')}&community=${COMMUNITY}`);
    expect(found.communities.find((x) => x.code === COMMUNITY)).toMatchObject({ target: 50, people: 1 });
    expect(found.rows.find((r) => r.name === '考核张三')).toMatchObject({ code: COMMUNITY, hours: 1.5, meetsTarget: false });
    expect((await fetch(`${base}&year=26`)).status).toBe(400);
    c.conn.destroy();
  });

  it('lets the street raise one whistle to units of two communities, list every whistle, and read every unit\'s 考核', async () => {
    const NEIGHBOUR = '350102001002'; // another community of the same street
    const a = client(COMMUNITY, token('clerk', COMMUNITY).token);
    const b = client(NEIGHBOUR, token('clerk', NEIGHBOUR).token);
    await waitFor(() => a.conn.syncStatus.state === 'synced' && b.conn.syncStatus.state === 'synced');
    const ra = createRepositories(a.doc, fixedContext({ name: '社区王' }));
    const rb = createRepositories(b.doc, fixedContext({ name: '社区李' }));
    const water = ra.residentUnits.create({ name: '吹哨自来水公司' });
    const school = rb.residentUnits.create({ name: '吹哨第一中学' });
    await waitFor(() => [a, b].every((c) => c.conn.syncStatus.state === 'synced' && c.conn.syncStatus.pending === 0));
    const http = url.replace('ws', 'http');
    const street = token('street', '350102001').token;
    const body = { title: '汛期排水隐患排查', date: '2026-06-01', time: '09:00', urgency: '紧急', deadline: '2026-06-05', targets: [{ code: COMMUNITY, unitIds: [water.id] }, { code: NEIGHBOUR, unitIds: [school.id] }] };
    // A unit that is not the community's refuses the whole request: nothing is written in either community.
    const refused = await fetch(`${http}/api/whistles?token=${street}`, { method: 'POST', body: JSON.stringify({ ...body, targets: [{ code: COMMUNITY, unitIds: [water.id] }, { code: NEIGHBOUR, unitIds: [water.id] }] }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('不在该社区的名单中');
    expect(ra.whistles.list()).toHaveLength(0);
    // Two communities without units: said once.
    const noUnits = await fetch(`${http}/api/whistles?token=${street}`, { method: 'POST', body: JSON.stringify({ ...body, targets: [{ code: COMMUNITY, unitIds: [] }, { code: NEIGHBOUR, unitIds: [] }] }) });
    const noUnitsError = ((await noUnits.json()) as { error: string }).error;
    expect(noUnitsError.split('；')).toEqual([...new Set(noUnitsError.split('；'))]);
    const bad = await fetch(`${http}/api/whistles?token=${street}`, { method: 'POST', body: JSON.stringify({ ...body, time: '9点', targets: [] }) });
    expect(((await bad.json()) as { error: string }).error).toBe('吹哨时间请写成 14:30 的格式；请至少选择一个社区及其驻区单位');
    const viewer = await fetch(`${http}/api/whistles?token=${token('viewer', '350102001').token}`, { method: 'POST', body: JSON.stringify(body) });
    expect(((await viewer.json()) as { error: string }).error).toContain('不能向社区');
    const created = await fetch(`${http}/api/whistles?token=${street}`, { method: 'POST', body: JSON.stringify(body) });
    expect(created.status).toBe(200);
    // Each community's clerk sees it arrive, the unit named to lead, raised by the street.
    await waitFor(() => ra.whistles.list().length === 1 && rb.whistles.list().length === 1);
    expect(ra.whistles.list()[0]).toMatchObject({ title: '汛期排水隐患排查', raisedBy: '街道（street-user）', raisedAt: '2026-06-01T09:00', handlers: { [`unit:${water.id}`]: { name: '吹哨自来水公司', lead: true } } });
    ra.whistles.update(ra.whistles.list()[0]!.id, { reports: { [`unit:${water.id}`]: { reportedAt: '2026-06-01T11:30' } } });
    await waitFor(() => a.conn.syncStatus.state === 'synced' && a.conn.syncStatus.pending === 0);
    type Whistles = { total: number; rows: { code: string; title: string; status: string; overdue: boolean; firstResponseHours: number | null; responses: { name: string; hours: number | null }[] }[] };
    const listed = await streetAnswer<Whistles>(`/api/whistles?token=${street}&today=2026-06-10`);
    const mine = listed.rows.find((w) => w.code === COMMUNITY)!;
    expect(mine).toMatchObject({ title: '汛期排水隐患排查', status: '处理中', overdue: true, firstResponseHours: 2.5, responses: [{ name: '吹哨自来水公司', hours: 2.5 }] });
    expect(listed.rows.find((w) => w.code === NEIGHBOUR)).toMatchObject({ status: '待响应', firstResponseHours: null });
    const units = await streetAnswer<{ code: string; units: { name: string }[] }[]>(`/api/street-units?token=${street}`);
    expect(units.find((c) => c.code === COMMUNITY)!.units.map((u) => u.name)).toContain('吹哨自来水公司');
    type Units = { rows: { code: string; unitId: string; unitName: string; figures: Record<string, { text: string; records: unknown[]; recordCount: number }> }[] };
    const table = await streetAnswer<Units>(`/api/unit-assessment?token=${street}&period=2026-H1`);
    const waterRow = table.rows.find((r) => r.code === COMMUNITY && r.unitName === '吹哨自来水公司')!;
    expect(waterRow.figures.whistlesAnswered).toMatchObject({ text: '100%（1/1）', records: [], recordCount: 1 });
    expect(table.rows.find((r) => r.code === NEIGHBOUR && r.unitName === '吹哨第一中学')!.figures.whistlesAnswered!.text).toBe('0%（0/1）');
    // The records behind a figure come when it is opened.
    const behind = await streetAnswer<{ records: { title: string }[] }>(`/api/unit-assessment/records?token=${street}&community=${COMMUNITY}&period=2026-H1&unit=${waterRow.unitId}&item=whistlesAnswered`);
    expect(behind.records.map((r) => r.title)).toEqual(['2026-06-01 汛期排水隐患排查']);
    expect((await fetch(`${http}/api/unit-assessment?token=${street}&period=2026-H3`)).status).toBe(400);
    a.conn.destroy();
    b.conn.destroy();
  });
});
