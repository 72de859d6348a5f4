/**
 * Runs in Chromium (real IndexedDB): builds a large community through the repository API, then measures a cold
 * open against the bare Y.applyUpdate of the same state, and the stored bytes against the encoded state.
 */
import * as Y from 'yjs';
import { writeCommunityInfo } from '../../src-shared/community/communityInfo';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { LARGE_COMMUNITY, populateCommunity } from '../../src-shared/testing/largeCommunity';
import { CommunityStore } from '../../src-renderer/data/communityStore';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { createRoot } from 'react-dom/client';
import { idNumberCheckChar, OrgTree } from '../../src-shared/records';
import type { AnyRepository } from '../../src-shared/repository/collectionRepository';
import { createRepositories } from '../../src-shared/repository/repositories';
import { searchEntry, searchPeople } from '../../src-shared/search/personSearch';
import { matchHeaders, PERSON_COLUMNS } from '../../src-shared/table/columns';
import { buildImportPreview, commitImport } from '../../src-shared/table/importPreview';
import { orgNodeResolver } from '../../src-shared/table/orgNodePaths';
import { SessionContext } from '../../src-renderer/app/storeContext';
import { readTableFile, writeWorkbook } from '../../src-renderer/data/spreadsheet';
import { PeopleTable } from '../../src-renderer/features/roster/PeopleTable';
import { filterPeople } from '../../src-renderer/features/roster/rosterModel';
import { OperatorSession } from '../../src-renderer/app/operatorSession';
import { MeetingsPage } from '../../src-renderer/features/meeting/MeetingsPage';
import { MeetingEditor } from '../../src-renderer/features/meeting/MeetingEditor';
import { REQUIRED_BY_NODE_KIND, yearCalendar } from '../../src-shared/records/meeting/meetingRules';
import { searchMeetings } from '../../src-shared/records/meeting/meetingSearch';
import { bookingClashes, byVenue, checkBooking, freeVenues, monthlyBreaches, monthlyUsage } from '../../src-shared/records/booking/bookingRules';
import { allBookingFacts, venueFacts } from '../../src-renderer/features/booking/bookingModel';
import { factsOfBookings } from '../../src-shared/records/booking/bookingFacts';
import { WeekView } from '../../src-renderer/features/booking/WeekView';
import { activityFacts, ledgerLines, settleActivity } from '../../src-shared/records/volunteer/volunteerLedger';
import { balanceOf, reconcile, statement } from '../../src-shared/records/volunteer/pointsLedger';
import { monthFigures } from '../../src-shared/records/volunteer/volunteerFigures';
import { activityRules, DEFAULT_POINT_RULES } from '../../src-shared/records/volunteer/pointRules';
import { DEFAULT_HOURS_TARGETS, yearAssessment } from '../../src-shared/records/volunteer/memberAssessment';
import { BookingsPage } from '../../src-renderer/features/booking/BookingsPage';
import { unitAssessmentInputs } from '../../src-shared/records/coBuilding/coBuildingFacts';
import { unitAssessment } from '../../src-shared/records/coBuilding/unitAssessment';
import { whistleRows } from '../../src-shared/records/coBuilding/streetWhistles';
import { figuresByHandler } from '../../src-shared/records/coBuilding/whistleRules';
import { matchResources } from '../../src-shared/records/coBuilding/coBuildingRules';
import { layoutOfficial, type OfficialContent, type OfficialLayout } from '../../src-shared/print/officialLayout';
import { OFFICIAL_PAGES_CSS, officialPagesHtml } from '../../src-shared/print/officialHtml';
import { feedbackLetterValues, fillDocumentTemplate } from '../../src-shared/records/document/documentTemplates';
import { byEmployer, memberHalfYears } from '../../src-shared/records/volunteer/inServiceFigures';
import { periodLabel, periodRange } from '../../src-shared/records/period';
import { decodeBackup, encodeBackup, recordCounts } from '../../src-shared/backup/backupFile';
import { decodeExchange, encodeExchange } from '../../src-shared/backup/exchangeFile';
import { toLayout2 } from '../../src-shared/testing/layout2';
import { readCommunityPreview } from '../../src-renderer/data/communityPreview';
import { RosterPreview } from '../../src-renderer/features/roster/RosterPreview';
import { StreetHome } from '../../src-renderer/features/street/StreetHome';
import { TodoPanel } from '../../src-renderer/features/workbench/TodoPanel';
import { StatsPanel } from '../../src-renderer/features/workbench/StatsPanel';
import { mergeScans, TODO_CARD_KEYS, todoCards } from '../../src-shared/workbench/todoCards';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function runStorageBench(runs = 5) {
  const code = `350102001${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const t0 = performance.now();
  const store = await CommunityStore.open(code, { context, compactThreshold: Number.MAX_SAFE_INTEGER });
  writeCommunityInfo(store.doc, { code: '350102001001', name: '三坊七巷社区', streetName: '南街街道', createdAt: 0 });
  const records = await populateCommunity(store, LARGE_COMMUNITY, { chunk: 2000, pause: () => store.flush() });
  const generateMs = performance.now() - t0;
  const rowsBefore = await store.updateRowCount();
  const tc = performance.now();
  await store.compact();
  const compactMs = performance.now() - tc;
  const storedBytes = await store.storedBytes();
  const state = Y.encodeStateAsUpdate(store.doc);
  // The same data in layout 2, as the build before layout 3 stored it: what "raw decode in today's layout" means.
  const layout2 = toLayout2(store.doc);
  const stateV2 = Y.encodeStateAsUpdate(layout2);
  layout2.destroy();
  await store.close();

  const openMs: number[] = [];
  const applyMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const opened = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
    // Usable: a query through the repository answers.
    if (opened.repos.people.count() !== LARGE_COMMUNITY.partyMembers + LARGE_COMMUNITY.inServiceMembers + LARGE_COMMUNITY.volunteers) throw new Error('open lost records');
    openMs.push(performance.now() - s);
    await opened.close();

    const a = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    applyMs.push(performance.now() - a);
    doc.destroy();
  }
  const applyV2Ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const a = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stateV2);
    applyV2Ms.push(performance.now() - a);
    doc.destroy();
  }
  // First screen: the roster drawn from the projection tables, before any decode.
  const firstScreenMs: number[] = [];
  const host = document.getElementById('root') as HTMLElement;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const preview = await readCommunityPreview(code);
    if (!preview || preview.people.length !== LARGE_COMMUNITY.partyMembers + LARGE_COMMUNITY.inServiceMembers + LARGE_COMMUNITY.volunteers) throw new Error('preview lost records');
    const root = createRoot(host);
    root.render(<ConfigProvider locale={zhCN}><AntApp><RosterPreview preview={preview} /></AntApp></ConfigProvider>);
    await new Promise<void>((resolve) => {
      const poll = () => (host.querySelector('[data-testid=roster-preview] .ant-table-row') ? resolve() : requestAnimationFrame(poll));
      poll();
    });
    firstScreenMs.push(performance.now() - t0);
    root.unmount();
  }
  const verify = await CommunityStore.open(code, { context, compactOnOpen: false });
  const tv = performance.now();
  const check = await verify.projectionCheck;
  const verifyMs = performance.now() - tv;
  await verify.close();
  const estimate = await navigator.storage.estimate();
  return {
    records, generateMs, rowsBefore, compactMs, storedBytes, stateBytes: state.byteLength, openMs: median(openMs),
    applyMs: median(applyMs), verifyMs, projectionRows: check.checked, idbUsage: estimate.usage ?? 0,
    stateV2Bytes: stateV2.byteLength, applyV2Ms: median(applyV2Ms), firstScreenMs: median(firstScreenMs),
  };
}

const SEARCH_KEYSTROKES = ['z', 'zh', 'zha', 'zhan', 'zhang', 'zhangs', 'zs', 'w', 'wx', 'wxh', 'l', 'li', 'lim', '1', '13', '138', '1380', '8', '88', '王', '王小', '单', 'shan', 'shantf'];

/** Per-keystroke search over 10,000 people: pinyin/initials/digits matching plus the toolbar filters. */
async function runSearchBench() {
  const doc = new Y.Doc();
  const repos = createRepositories(doc, fixedContext());
  const tree = new OrgTree(repos.orgNodes);
  await populateCommunity({ repos, orgTree: tree }, { ...LARGE_COMMUNITY, partyMembers: 7000, inServiceMembers: 1000, volunteers: 2000, residentUnits: 10, meetings: 0, activities: 0, bookings: 0, agreements: 0, whistles: 0, serviceActivities: 0, pointEntries: 0 });
  const people = repos.people.list();
  const t0 = performance.now();
  const entries = people.map((p) => searchEntry(p.id, p.name, [p.phone, p.idNumber]));
  const indexMs = performance.now() - t0;
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const query of SEARCH_KEYSTROKES) {
      const s = performance.now();
      const found = new Set(searchPeople(entries, query));
      filterPeople(people.filter((p) => found.has(p.id)), { tags: [] }, tree);
      times.push(performance.now() - s);
    }
  }
  return { people: people.length, indexMs, medianMs: median(times), p95Ms: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)] as number };
}

/** A 5,000-row workbook, from its bytes to committed in IndexedDB. */
async function runImportBench() {
  const code = `350102002${100 + Math.floor(Math.random() * 800)}`;
  const store = await CommunityStore.open(code, { context: fixedContext() });
  store.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await store.flush();
  const headers = ['姓名', '性别', '公民身份号码', '联系电话', '所在党组织', '入党日期', '转正日期', '民族', '学历'];
  const rows = Array.from({ length: 5000 }, (_, i) => {
    const first17 = `3501021970${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    return [`党员${i}`, '', first17 + idNumberCheckChar(first17), `139${String(i).padStart(8, '0')}`, '三坊七巷社区党委', '1995-07-01', '1996-07-01', '汉族', '大学本科'];
  });
  const bytes = await writeWorkbook([{ name: '党员', headers, rows }]);
  const t0 = performance.now();
  const source = await readTableFile('党员.xlsx', bytes.buffer as ArrayBuffer, PERSON_COLUMNS);
  const tRead = performance.now();
  const preview = buildImportPreview(source, { repo: store.repos.people as unknown as AnyRepository, columns: PERSON_COLUMNS, mapping: matchHeaders(source.headers, PERSON_COLUMNS).mapping, matchField: 'idNumber', resolveOrgNode: orgNodeResolver(store.orgTree) });
  const tPreview = performance.now();
  if (preview.counts.new !== 5000) throw new Error(`preview: ${JSON.stringify(preview.counts)} ${JSON.stringify(preview.rows.find((r) => r.status === 'error')?.problems)}`);
  commitImport(store.repos.people as unknown as AnyRepository, (fn) => store.doc.transact(fn), preview, { validOnly: false });
  await store.flush();
  const total = performance.now() - t0;
  await store.close();
  return { rows: 5000, readMs: tRead - t0, previewMs: tPreview - tRead, totalMs: total };
}

/** First render of the 党员 roster tab with 2,000 members, until its first rows are on screen. */
async function runRenderBench() {
  const code = `350102003${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext();
  const store = await CommunityStore.open(code, { context });
  store.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await populateCommunity(store, { ...LARGE_COMMUNITY, partyMembers: 2000, inServiceMembers: 0, volunteers: 0, residentUnits: 0, meetings: 0, activities: 0, bookings: 0, agreements: 0, whistles: 0, serviceActivities: 0, pointEntries: 0 });
  await store.flush();
  const operators = new OperatorSession({ operators: [{ id: 'bench', name: '基准' }], idleMinutes: 0, deviceName: '' });
  const session = { store, context, operators, persistentStorage: true, sync: null, syncSettings: null, setSyncSettings: async () => undefined };
  const host = document.getElementById('root') as HTMLElement;
  const renderOnce = async () => {
    const root = createRoot(host);
    const t0 = performance.now();
    root.render(
      <ConfigProvider locale={zhCN}>
        <AntApp>
          <SessionContext.Provider value={session}>
            <PeopleTable role="党员" />
          </SessionContext.Provider>
        </AntApp>
      </ConfigProvider>,
    );
    await new Promise<void>((resolve) => {
      const poll = () => (host.querySelector('.ant-table-row') ? resolve() : requestAnimationFrame(poll));
      poll();
    });
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const ms = performance.now() - t0;
    const shown = host.querySelector('[data-testid=roster-count]')?.textContent ?? '';
    root.unmount();
    return { ms, shown };
  };
  const first = await renderOnce();
  const second = await renderOnce();
  await store.close();
  return { firstMs: first.ms, warmMs: second.ms, shown: first.shown };
}

/**
 * Meetings (issue 9) in a community of 2,000 members and 2,000 meetings over five years: the year's list rendered,
 * the calendar of every organisation, a search keystroke, a meeting of 300 opened, and one attendee marked.
 */
async function runMeetingBench() {
  const code = `350102004${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const store = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  store.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await populateCommunity(store, { ...LARGE_COMMUNITY, partyMembers: 2000, inServiceMembers: 0, volunteers: 0, volunteerTeams: 0, residentUnits: 0, meetings: 2000, activities: 0, bookings: 0, agreements: 0, whistles: 0, serviceActivities: 0, pointEntries: 0 });
  await store.flush();
  const meetings = store.repos.meetings.list();
  const years = new Map<number, number>();
  for (const m of meetings) years.set(Number(m.date.slice(0, 4)), (years.get(Number(m.date.slice(0, 4))) ?? 0) + 1);
  const year = [...years.entries()].sort((a, b) => b[1] - a[1])[0]![0];

  const nodes = store.repos.orgNodes.list();
  const calendarRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    for (const n of nodes) yearCalendar(meetings, n.id, year, REQUIRED_BY_NODE_KIND[n.kind] ?? [], `${year}-12-31`);
    calendarRuns.push(performance.now() - t0);
  }

  const extra = new Map(store.repos.meetingDecisions.list().map((d) => [d.meetingId, d.text]));
  const keystrokes: number[] = [];
  for (const q of ['讨', '讨论', '社区治理', '为民', 'w', 'wa', 'wang', 'zh', '同意', '不存在的词']) {
    const t0 = performance.now();
    searchMeetings(meetings, extra, q);
    keystrokes.push(performance.now() - t0);
  }

  const operators = new OperatorSession({ operators: [{ id: 'bench', name: '基准' }], idleMinutes: 0, deviceName: '' });
  const session = { store, context, operators, persistentStorage: true, sync: null, syncSettings: null, setSyncSettings: async () => undefined };
  const host = document.getElementById('root') as HTMLElement;
  const renderUntil = async (node: React.ReactNode, selector: string) => {
    const root = createRoot(host);
    const t0 = performance.now();
    root.render(<ConfigProvider locale={zhCN}><AntApp><SessionContext.Provider value={session}>{node}</SessionContext.Provider></AntApp></ConfigProvider>);
    await new Promise<void>((resolve) => {
      const poll = () => (document.querySelector(selector) ? resolve() : requestAnimationFrame(poll));
      poll();
    });
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    const ms = performance.now() - t0;
    return { ms, root };
  };
  const list = await renderUntil(<MeetingsPage />, '[data-testid=meeting-list] .ant-table-row');
  list.root.unmount();

  const members = store.repos.people.list().slice(0, 300);
  const big = store.repos.meetings.create({
    title: '全体党员大会', meetingType: '支部党员大会', date: `${year}-06-30`, orgNodeId: members[0]!.orgNodeId,
    attendance: Object.fromEntries(members.map((p) => [p.id, { kind: 'member' as const, name: p.name, status: '未标记' as const }])),
  });
  // Opened three times: the first also builds the styles of the drawer's components; the median is reported.
  const opens: number[] = [];
  for (let i = 0; i < 3; i++) {
    const opened = await renderUntil(<MeetingEditor meetingId={big.id} onClose={() => undefined} />, '[data-testid=attendance-table] .ant-table-row');
    opens.push(opened.ms);
    opened.root.unmount();
    await new Promise((r) => setTimeout(r, 50));
  }

  const marks: number[] = [];
  for (let i = 0; i < 30; i++) {
    const person = members[i % members.length]!;
    const t0 = performance.now();
    store.repos.meetings.update(big.id, { attendance: { [person.id]: { kind: 'member', name: person.name, status: i % 2 ? '出席' : '迟到', reason: '', removed: false } } });
    marks.push(performance.now() - t0);
  }
  await store.close();
  return {
    meetings: meetings.length, year, yearMeetings: years.get(year)!, nodes: nodes.length,
    listRenderMs: list.ms, calendarMs: median(calendarRuns), searchMedianMs: median(keystrokes), searchMaxMs: Math.max(...keystrokes),
    open300Ms: median(opens), open300FirstMs: opens[0]!, markMedianMs: median(marks), markMaxMs: Math.max(...marks),
  };
}

/**
 * Bookings (issue 10) in the large community: 50 venues, 20,000 bookings over five years. The availability search for a
 * 3-hour span, the clash and breach scan after a merge, a booking checked and saved, the month's usage report, and the
 * bookings page's first render (its day grid).
 */
async function runBookingBench() {
  const code = `350102005${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const store = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  store.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await populateCommunity(store, { ...LARGE_COMMUNITY, partyMembers: 0, inServiceMembers: 0, volunteers: 0, volunteerTeams: 0, residentUnits: 0, meetings: 0, activities: 0, agreements: 0, whistles: 0, serviceActivities: 0, pointEntries: 0 });
  await store.flush();
  const t0 = performance.now();
  const venueList = store.repos.venues.list().map(venueFacts);
  const facts = factsOfBookings(store.repos.bookings as never);
  const map = byVenue(facts);
  const factsMs = performance.now() - t0;

  const searches: number[] = [];
  for (let i = 0; i < 20; i++) {
    const date = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + i).padStart(2, '0')}`;
    const s0 = performance.now();
    freeVenues(venueList, map, { date, startHour: 14, endHour: 17, headcount: 40, equipment: ['投影'] });
    searches.push(performance.now() - s0);
  }
  const c0 = performance.now();
  bookingClashes(facts);
  monthlyBreaches(facts, () => 2);
  const scanMs = performance.now() - c0;
  const r0 = performance.now();
  monthlyUsage(venueList, facts.map((f) => ({ ...f, bookerKind: 'walkin' })), '2025-06');
  const reportMs = performance.now() - r0;

  const saves: number[] = [];
  const venue = store.repos.venues.list()[0]!;
  // The open community's index of booking facts is built once (as the bookings page does on first paint).
  const i0 = performance.now();
  allBookingFacts(store.repos.bookings);
  const indexMs = performance.now() - i0;
  for (let i = 0; i < 20; i++) {
    const date = `2026-12-${String(1 + i).padStart(2, '0')}`;
    const s0 = performance.now();
    // As the booking dialog does: the current facts, the rules checked, the booking written (the index follows).
    const all = allBookingFacts(store.repos.bookings);
    const candidate = { id: '', venueId: venue.id, date, startHour: 9, endHour: 10, status: '已确认' as const, bookerKey: `walkin:居民${i}|`, booker: `居民${i}`, headcount: 5, createdAt: Date.now(), createdBy: '' };
    const problems = checkBooking(candidate, venueFacts(venue), all, { now: { date: '2026-11-30', hour: 9 } });
    if (problems.length === 0) store.repos.bookings.create({ venue: venue.name, venueId: venue.id, date, startHour: 9, endHour: 10, booker: `居民${i}` });
    saves.push(performance.now() - s0);
  }

  const operators = new OperatorSession({ operators: [{ id: 'bench', name: '基准' }], idleMinutes: 0, deviceName: '' });
  const session = { store, context, operators, persistentStorage: true, sync: null, syncSettings: null, setSyncSettings: async () => undefined };
  const host = document.getElementById('root') as HTMLElement;
  const root = createRoot(host);
  const g0 = performance.now();
  root.render(<ConfigProvider locale={zhCN}><AntApp><SessionContext.Provider value={session}><BookingsPage /></SessionContext.Provider></AntApp></ConfigProvider>);
  await new Promise<void>((resolve) => {
    const poll = () => (document.querySelector('[data-testid=day-grid] tbody tr') ? resolve() : requestAnimationFrame(poll));
    poll();
  });
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  const gridMs = performance.now() - g0;
  root.unmount();

  // The week of every venue (venues × seven days) around a busy date, rendered cold.
  const busyDate = facts[Math.floor(facts.length / 2)]!.date;
  const weekRoot = createRoot(host);
  const venues = store.repos.venues.list();
  const w0 = performance.now();
  weekRoot.render(
    <ConfigProvider locale={zhCN}><AntApp><SessionContext.Provider value={session}>
      <WeekView venues={venues} version={0} date={busyDate} onDate={() => undefined} venueId="" onVenue={() => undefined} clashIds={new Set()} onNew={() => undefined} onEdit={() => undefined} onOpenDay={() => undefined} />
    </SessionContext.Provider></AntApp></ConfigProvider>,
  );
  await new Promise<void>((resolve) => {
    const poll = () => (document.querySelector('[data-testid=week-grid] tbody tr') ? resolve() : requestAnimationFrame(poll));
    poll();
  });
  await new Promise((r) => requestAnimationFrame(() => r(null)));
  const weekMs = performance.now() - w0;
  const weekBookings = document.querySelectorAll('[data-testid=week-grid] .booking-link').length;
  weekRoot.unmount();
  await store.close();
  return { venues: venueList.length, bookings: facts.length, factsMs, searchMs: median(searches), searchMaxMs: Math.max(...searches), scanMs, reportMs, saveMs: median(saves), saveMaxMs: Math.max(...saves), gridMs, weekMs, weekBookings, indexMs };
}

async function runVolunteerBench() {
  const code = `350102006${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const store = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  store.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await populateCommunity(store, { ...LARGE_COMMUNITY, residentUnits: 0, meetings: 0, activities: 0, venues: 0, bookings: 0, agreements: 0, whistles: 0 }, { chunk: 5000, pause: () => store.flush() });
  await store.flush();
  const r0 = performance.now();
  const activities = activityFacts(store.repos);
  const lines = ledgerLines(store.repos);
  const readMs = performance.now() - r0;
  const c0 = performance.now();
  const found = reconcile(activityFacts(store.repos), ledgerLines(store.repos));
  const reconcileMs = performance.now() - c0;
  if (found.unsettled.length > 0 || found.overdrawn.length > 0) throw new Error('the generated ledger does not reconcile');
  const people = [...found.balances.keys()];
  const personTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const key = people[(i * 7919) % people.length]!;
    const p0 = performance.now();
    statement(lines, key);
    balanceOf(lines, key);
    personTimes.push(performance.now() - p0);
  }
  const m0 = performance.now();
  const month = monthFigures(activities, lines, '2025-06');
  const publicityMs = performance.now() - m0;
  // 年度考核 of every member and volunteer (in-service members against 50 hours), from what the screen holds.
  const everyone = store.repos.people.list();
  const reports = store.repos.inServiceReports.list();
  const k0 = performance.now();
  const assessed = yearAssessment(everyone, '2025', activities, reports, [], DEFAULT_HOURS_TARGETS);
  const assessmentMs = performance.now() - k0;
  const volunteers = everyone.filter((p) => p.roles.includes('志愿者')).slice(0, 60);
  const saves: number[] = [];
  for (let i = 0; i < 5; i++) {
    const attendance = Object.fromEntries(volunteers.map((v) => [`person:${v.id}`, { name: v.name, arrive: '08:30', leave: '10:00' }]));
    const s0 = performance.now();
    store.doc.transact(() => {
      const a = store.repos.serviceActivities.create({ title: `基准活动${i}`, date: '2026-11-20', startTime: '08:30', endTime: '10:00', category: '环境整治', rules: activityRules(DEFAULT_POINT_RULES, '环境整治'), attendance });
      settleActivity(store.repos, a.id, '2026-11-20');
    });
    saves.push(performance.now() - s0);
  }
  await store.close();
  return { activities: activities.length, lines: lines.length, readMs, reconcileMs, personMs: median(personTimes), personMaxMs: Math.max(...personTimes), publicityMs, publicityRows: month.length, batchMs: median(saves), batchMaxMs: Math.max(...saves), assessmentMs, assessedPeople: assessed.length };
}

/** 共驻共建 of the large community: 500 units, 2,000 whistles, 5,000 joint activities, the lists, service activities. */
async function runCoBuildingBench() {
  const code = `350102007${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const store = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  store.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await populateCommunity(store, { ...LARGE_COMMUNITY, meetings: 200, venues: 0, bookings: 0, pointEntries: 0 }, { chunk: 5000, pause: () => store.flush() });
  await store.flush();
  const r0 = performance.now();
  const inputs = unitAssessmentInputs(store.repos);
  const readMs = performance.now() - r0;
  const settings = store.settings.coBuilding();
  const tables: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    rows = unitAssessment(inputs, i % 2 ? '2025' : '2025-H1', settings).length;
    tables.push(performance.now() - t0);
  }
  const whistles = store.repos.whistles.list();
  const lists: number[] = [];
  for (let i = 0; i < 5; i++) {
    const w0 = performance.now();
    whistleRows(whistles, '2026-11-26');
    figuresByHandler(whistles, '2025-01-01', '2025-12-31');
    lists.push(performance.now() - w0);
  }
  const resources = store.repos.coResources.list();
  const needs = store.repos.coNeeds.list();
  const matches: number[] = [];
  for (let i = 0; i < 20; i++) {
    const m0 = performance.now();
    matchResources(needs[(i * 37) % needs.length]!, resources);
    matches.push(performance.now() - m0);
  }
  await store.close();
  return {
    units: inputs.units.length, whistles: whistles.length, activities: inputs.activities.length, resources: resources.length, serviceActivities: inputs.service.length, rows,
    readMs, tableMs: median(tables), tableMaxMs: Math.max(...tables), whistleListMs: median(lists), whistleListMaxMs: Math.max(...lists), matchMs: median(matches), matchMaxMs: Math.max(...matches),
  };
}

/** Shows official pages as the only thing on the page, printed with no paper margins (as the print preview does). */
function showOfficialPages(layouts: OfficialLayout[]): number {
  const t0 = performance.now();
  document.head.appendChild(Object.assign(document.createElement('style'), { textContent: `${OFFICIAL_PAGES_CSS}\n@page { size: A4 portrait; margin: 0; } body { margin: 0; }` }));
  document.body.innerHTML = officialPagesHtml(layouts);
  return performance.now() - t0;
}

/** A 通知 of ten pages laid out on the GB/T 9704 grid (median of 5), then shown for the PDF the runner prints. */
function prepareNoticeBench() {
  const paragraph = '为切实做好冬季安全生产工作，有效防范和遏制各类安全事故发生，保障辖区居民群众生命财产安全，经社区党委研究决定，在全社区范围内开展冬季安全隐患排查整治工作。';
  const content: OfficialContent = {
    docType: '通知', issuer: '中共三坊七巷社区委员会', docNumber: '三坊七巷社党〔2026〕5号', signer: '', title: '关于开展冬季安全隐患排查整治工作的通知', recipients: '各网格党支部、各驻区单位党组织',
    body: Array.from({ length: 60 }, (_, i) => (i % 8 === 0 ? `${'一二三四五六七八'[i / 8]}、第${i / 8 + 1}项工作` : paragraph)).join('\n'),
    attachments: [{ name: '冬季安全隐患排查登记表', text: '' }], signature: '中共三坊七巷社区委员会', date: '2026-11-27', note: '联系人：王小红', copyTo: '南街街道党工委', printedBy: '中共三坊七巷社区委员会', printedOn: '2026-11-27',
  };
  const times: number[] = [];
  let layout = layoutOfficial(content);
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    layout = layoutOfficial(content);
    times.push(performance.now() - t0);
  }
  const htmlMs = showOfficialPages([layout]);
  return { pages: layout.pages, layoutMs: median(times), layoutMaxMs: Math.max(...times), htmlMs };
}

/** 反馈函 of the 100 employers with most in-service members, from the large community's records, laid out and shown. */
async function prepareLettersBench() {
  const code = `350102008${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const store = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  store.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await populateCommunity(store, { ...LARGE_COMMUNITY, meetings: 0, venues: 0, bookings: 0, agreements: 0, whistles: 0, pointEntries: 0 }, { chunk: 5000, pause: () => store.flush() });
  await store.flush();
  const t0 = performance.now();
  const members = store.repos.people.list().filter((p) => p.roles.includes('在职党员')).map((m) => ({ id: m.id, name: m.name, employer: m.employer, employerPartyOrg: m.employerPartyOrg, reportDate: m.reportDate }));
  const rows = memberHalfYears(members, store.repos.inServiceReports.list(), activityFacts(store.repos), '2025-H2', periodRange('2025-H2'));
  const employers = [...byEmployer(rows)].sort((a, b) => b[1].length - a[1].length).slice(0, 100);
  const layouts = employers.map(([employer, list]) => {
    const values = feedbackLetterValues({ employer, employerPartyOrg: `${employer}党委`, periodLabel: periodLabel('2025-H2') }, list, '三坊七巷社区');
    const filled = fillDocumentTemplate('反馈函', store.settings.documentTemplate('反馈函'), values);
    if (filled.missing.length > 0) throw new Error(`unfilled: ${filled.missing.join()}`);
    return layoutOfficial({ docType: filled.docType, issuer: '中共三坊七巷社区委员会', docNumber: '', signer: '', title: filled.title, recipients: filled.recipients, body: filled.body, attachments: [], signature: '中共三坊七巷社区委员会', date: '2026-11-27', note: '', copyTo: '', printedBy: '', printedOn: '' });
  });
  const layoutMs = performance.now() - t0;
  const htmlMs = showOfficialPages(layouts);
  await store.close();
  return { letters: layouts.length, members: employers.reduce((n, [, l]) => n + l.length, 0), pages: layouts.reduce((n, l) => n + l.pages, 0), layoutMs, htmlMs };
}

/**
 * Data safety on the large community: a backup written (size against the Yjs state), a backup checked and previewed
 * (what the restore dialog shows), and a day's work (200 edits) exported to and imported from a USB exchange file.
 */
async function runDataSafetyBench() {
  const code = `350102009${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const store = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  store.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await populateCommunity(store, LARGE_COMMUNITY, { chunk: 5000, pause: () => store.flush() });
  await store.flush();
  const stateBytes = Y.encodeStateAsUpdate(store.doc).length;
  const backups: number[] = [];
  let backup: Uint8Array = new Uint8Array();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    backup = (await encodeBackup(await store.storedUpdates(), store.doc, { operator: '基准', device: 'bench' })).bytes;
    backups.push(performance.now() - t0);
  }
  const checks: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const read = await decodeBackup(backup, code);
    const here = recordCounts(store.doc);
    if (Object.keys(read.header.counts).length === 0 || Object.keys(here).length === 0) throw new Error('empty preview');
    checks.push(performance.now() - t0);
  }
  // The street's copy as of the last exchange, then a day's work here: 50 new people, 100 edits, 50 deletions.
  const street = new Y.Doc();
  Y.applyUpdate(street, Y.encodeStateAsUpdate(store.doc));
  const streetVector = Y.encodeStateVector(street);
  const people = store.repos.people.list().slice(0, 150);
  for (let i = 0; i < 50; i++) store.repos.people.create({ name: `新居民${i}`, roles: ['志愿者'], phone: `139${String(10000000 + i)}` });
  for (const p of people.slice(0, 100)) store.repos.people.update(p.id, { note: '入户走访已核实' });
  for (const p of people.slice(100)) store.repos.people.delete(p.id);
  const token = `cd1.${btoa(JSON.stringify({ jti: 'bench', role: 'clerk', scope: code, name: 'bench', iat: 0, exp: 4102444800 })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.bench`;
  const e0 = performance.now();
  const file = await encodeExchange(store.doc, { direction: 'toStreet', communityCode: code, communityName: '三坊七巷社区', senderName: '基准', token, theirStateVector: streetVector });
  const exportMs = performance.now() - e0;
  const i0 = performance.now();
  const read = await decodeExchange(file.bytes, { direction: 'toStreet' });
  Y.applyUpdate(street, read.update);
  const importMs = performance.now() - i0;
  if (street.getMap('people').size !== store.doc.getMap('people').size) throw new Error('the exchange lost records');
  await store.close();
  return { stateBytes, backupBytes: backup.length, backupMs: median(backups), checkMs: median(checks), exportMs, importMs, fileBytes: file.bytes.length };
}

/**
 * 工作台 (issue 25) on the large community: the store closed and opened again (a cold document), then 今日待办 drawn
 * in this fresh page (its first render builds the cards' styles too) until every card is on screen; the cards' figures
 * alone; then the 党员结构 page of 统计 until its six charts are drawn.
 */
async function runWorkbenchBench() {
  const code = `350102010${100 + Math.floor(Math.random() * 800)}`;
  const context = fixedContext({ name: '基准' });
  const built = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  built.initialise({ code, name: '三坊七巷社区', streetName: '南街街道', clerkName: '基准' });
  await populateCommunity(built, LARGE_COMMUNITY, { chunk: 5000, pause: () => built.flush() });
  await built.flush();
  await built.close();
  const store = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  const operators = new OperatorSession({ operators: [{ id: 'bench', name: '基准' }], idleMinutes: 0, deviceName: '' });
  const session = { store, context, operators, persistentStorage: true, sync: null, syncSettings: null, setSyncSettings: async () => undefined };
  const host = document.getElementById('root') as HTMLElement;
  const renderUntil = async (node: React.ReactNode, done: () => boolean) => {
    const root = createRoot(host);
    const t0 = performance.now();
    root.render(<ConfigProvider locale={zhCN}><AntApp><SessionContext.Provider value={session}>{node}</SessionContext.Provider></AntApp></ConfigProvider>);
    await new Promise<void>((resolve) => {
      const poll = () => (done() ? resolve() : requestAnimationFrame(poll));
      poll();
    });
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return { ms: performance.now() - t0, root, t0 };
  };
  const todo = await renderUntil(<TodoPanel />, () => host.querySelectorAll('[data-testid^=todo-] .todo-card-head').length === TODO_CARD_KEYS.length);
  // The merge card's whole-collection scans run right after the cards are drawn: until the card stops saying so.
  await new Promise<void>((resolve) => {
    const poll = () => (host.querySelector('[data-testid=todo-checking]') ? requestAnimationFrame(poll) : resolve());
    poll();
  });
  const completeMs = performance.now() - todo.t0;
  const cards = [...host.querySelectorAll('[data-testid^=todo-] .todo-card-head')].map((h) => h.textContent).join('；');
  todo.root.unmount();
  const computes: number[] = [];
  const scans: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    todoCards(store.repos, store.doc, '2026-12-03', {}, null);
    computes.push(performance.now() - t0);
    const s0 = performance.now();
    mergeScans(store.repos);
    scans.push(performance.now() - s0);
  }
  const charts = await renderUntil(<StatsPanel />, () => host.querySelectorAll('[data-testid^=chart-structure-][data-testid$=-drawing] svg').length === 6);
  const members = host.querySelector('[data-testid=structure-total]')?.textContent ?? '';
  charts.root.unmount();
  const again = await renderUntil(<StatsPanel />, () => host.querySelectorAll('[data-testid^=chart-structure-][data-testid$=-drawing] svg').length === 6);
  again.root.unmount();
  await store.close();
  // The cards' figures alone on a freshly opened document (its records not read yet), after the measures above.
  const probe = await CommunityStore.open(code, { context, compactOnOpen: false, verifyOnOpen: false });
  const p0 = performance.now();
  todoCards(probe.repos, probe.doc, '2026-12-03', {}, null);
  const coldComputeMs = performance.now() - p0;
  await probe.close();
  return { todoFirstMs: todo.ms, coldComputeMs, todoCompleteMs: completeMs, todoComputeMs: median(computes), scansMs: median(scans), chartsMs: charts.ms, chartsWarmMs: again.ms, cards, members };
}

/** The street's overview against a running server: from the first request to the table of every community. */
async function runStreetOverviewBench(serverUrl: string, token: string, communities: number) {
  const host = document.getElementById('root') as HTMLElement;
  const root = createRoot(host);
  const t0 = performance.now();
  root.render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <StreetHome settings={{ serverUrl, token }} clerkName="基准" onOpen={async () => undefined} onSignOut={async () => undefined} />
      </AntApp>
    </ConfigProvider>,
  );
  await new Promise<void>((resolve) => {
    const poll = () => (host.querySelectorAll('[data-testid=street-communities] .ant-table-row').length === communities ? resolve() : requestAnimationFrame(poll));
    poll();
  });
  const ms = performance.now() - t0;
  root.unmount();
  return ms;
}

Object.assign(window as unknown as Record<string, unknown>, { runWorkbenchBench, runStreetOverviewBench, runStorageBench, runSearchBench, runImportBench, runRenderBench, runMeetingBench, runBookingBench, runVolunteerBench, runCoBuildingBench, prepareNoticeBench, prepareLettersBench, runDataSafetyBench });
document.title = 'ready';
