import type * as Y from 'yjs';
import { FACT_FIELDS, factsOf, factsOfBookings } from '../records/booking/bookingFacts';
import { bookingClashes } from '../records/booking/bookingRules';
import { expiringAgreements } from '../records/coBuilding/coBuildingRules';
import { docNumberClashes } from '../records/document/documentRules';
import { frequencyOverrides, localDate, type CalendarFacts } from '../records/meeting/meetingCalendar';
import { numberClashes } from '../records/meeting/meetingRules';
import type { MeetingType } from '../records/meeting/meetingSchema';
import { memberHalfYears } from '../records/volunteer/inServiceFigures';
import { balances, duplicateNumbers, reconcile } from '../records/volunteer/pointsLedger';
import { ledgerLines } from '../records/volunteer/volunteerLedger';
import { periodRange } from '../records/period';
import type { Repositories } from '../repository/repositories';
import { CommunitySettings, SETTINGS_MAP_NAME } from '../settings/communitySettings';
import { bookingsDue, daysBetween, meetingsDue, probationsDue, staleSafety, tasksDue, whistlesDue, type WhistleDueFacts } from './todayTodo';

/**
 * 今日待办 as cards: each card a kind of work with its count and its rows, each row naming what is due and where to open
 * it. Built from the records every time (never stored), on a clerk's PC and, for the street's 工作台, by the street
 * server's worker from the same document.
 */

/** `conflicts`: the list of fields both sides changed (opened from the status area). */
export type TodoScreen = 'meetings' | 'bookings' | 'coBuilding' | 'volunteer' | 'roster' | 'documents' | 'dataSafety' | 'conflicts';

/** Where a row opens: a screen, its tab, and the record (or day) to show. */
export interface TodoTarget {
  screen: TodoScreen;
  tab?: string;
  id?: string;
  date?: string;
  /** A 三会一课 row: the meeting to start (organisation and type). */
  newMeeting?: { orgNodeId: string; meetingType: MeetingType };
}

export interface TodoRow {
  key: string;
  text: string;
  note: string;
  /** Past its date (red) rather than coming soon. */
  overdue: boolean;
  target: TodoTarget;
}

export const TODO_CARD_KEYS = ['meetings', 'tasks', 'whistles', 'agreements', 'bookings', 'merge', 'probation', 'inService', 'safety'] as const;
export type TodoCardKey = (typeof TODO_CARD_KEYS)[number];

export const TODO_CARD_TITLES: Record<TodoCardKey, string> = {
  meetings: '三会一课', tasks: '督办事项', whistles: '吹哨报到', agreements: '共建协议到期', bookings: '场地预约',
  merge: '合并后待处理', probation: '预备党员转正', inService: '在职党员报到', safety: '备份与同步',
};

/** What a card says when nothing is due. */
export const TODO_CARD_NONE: Record<TodoCardKey, string> = {
  meetings: '没有应开而未开的三会一课', tasks: '没有逾期或 7 天内到期的督办事项', whistles: '没有临近期限或未报到的吹哨事项',
  agreements: '没有即将到期的共建协议', bookings: '没有待审批的预约，今天也没有预约', merge: '没有需要人工处理的合并结果',
  probation: '没有 30 天内到期或超期未转正的预备党员', inService: '在职党员本半年都已报到', safety: '备份和同步都在设定的期限内',
};

export interface TodoCard {
  key: TodoCardKey;
  title: string;
  count: number;
  rows: TodoRow[];
  /** Some of its checks are still running (the merge card's scans, just after the cards are drawn). */
  checking?: boolean;
}

/** What only the PC knows (its backups, its sync, the fields both sides changed); the street passes none. */
export interface TodoExtras {
  safety?: { backupAt: number | null; syncedAt: number | null; syncConfigured: boolean; now: number; limits: { backupDays: number; syncDays: number } };
  fieldConflicts?: { key: string; text: string }[];
}

type Repos = Pick<Repositories, 'meetings' | 'meetingTasks' | 'meetingDecisions' | 'orgNodes' | 'whistles' | 'agreements' | 'bookings' | 'venues' | 'people' | 'pointEntries' | 'serviceActivities' | 'serviceCertificates' | 'officialDocuments'>;

const card = (key: TodoCardKey, rows: TodoRow[]): TodoCard => ({ key, title: TODO_CARD_TITLES[key], count: rows.length, rows });
/** 12月8日; with the year (2026年12月8日) when `today` is given and falls in another year. */
const monthDay = (date: string, today?: string) => `${today && date.slice(0, 4) !== today.slice(0, 4) ? `${Number(date.slice(0, 4))}年` : ''}${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const left = (days: number) => (days < 0 ? `已超期 ${-days} 天` : days === 0 ? '今天到期' : `还有 ${days} 天`);

/** The calendar's facts of a community document: meetings, organisations and the frequency settings. */
export function calendarFactsOf(repos: Pick<Repositories, 'meetings' | 'orgNodes'>, doc: Y.Doc): CalendarFacts {
  const facts: CalendarFacts = { meetings: [], orgNodes: [], frequencies: frequencyOverrides(doc.getMap(SETTINGS_MAP_NAME).entries()) };
  for (const m of repos.meetings.pick(['meetingType', 'date', 'status', 'orgNodeId'])) {
    facts.meetings.push({ id: m.id, meetingType: m.meetingType as MeetingType, date: String(m.date ?? ''), status: String(m.status ?? '草稿'), orgNodeId: String(m.orgNodeId ?? '') });
  }
  for (const n of repos.orgNodes.pick(['name', 'kind', 'parentId', 'order'])) facts.orgNodes.push({ id: n.id, name: String(n.name ?? ''), kind: String(n.kind ?? ''), since: localDate(n.createdAt), parentId: String(n.parentId ?? ''), order: Number(n.order ?? 0) });
  return facts;
}

/** How a venue or a service is named on a card, and a booking's slot. */
function placesOf(repos: Pick<Repositories, 'venues' | 'bookings'>) {
  const venueName = new Map(repos.venues.pick(['name']).map((v) => [v.id, String(v.name)]));
  // A service without a venue (上门服务) is named by the booking itself (`venue`, when the caller has read it).
  const name = (b: { id: string; venueId: string }, venue?: string) => venueName.get(b.venueId) ?? venue ?? String(repos.bookings.get(b.id)?.venue ?? '');
  return { name, slot: (b: { id: string; venueId: string; venue?: string; startHour: number; endHour: number; booker: string }) => `${name(b, b.venue)} ${b.startHour}:00–${b.endHour}:00 ${b.booker}` };
}

/**
 * The two checks of a merge's results that read a whole collection — clashes among every booking, balances over every
 * ledger line (100,000 in a large community) — as rows of the 合并后待处理 card. The screen runs them just after the
 * cards are drawn and the card says it is checking meanwhile; the street's builder runs them with the rest.
 */
export function mergeScans(repos: Pick<Repositories, 'venues' | 'bookings' | 'pointEntries' | 'serviceActivities'>): TodoRow[] {
  const places = placesOf(repos);
  const rows: TodoRow[] = [];
  for (const clash of bookingClashes(factsOfBookings(repos.bookings as never))) {
    rows.push({
      key: `clash:${clash.bookings.map((b) => b.id).join(',')}`, text: `预约冲突：${places.name(clash.bookings[0]!)} ${monthDay(clash.date)}`,
      note: clash.bookings.map((b) => `${b.startHour}:00–${b.endHour}:00 ${b.booker}`).join('，与 '), overdue: true, target: { screen: 'bookings', tab: 'day', date: clash.date },
    });
  }
  // Balances from two fields of each line; the causes are read in full only when someone is overdrawn.
  if ([...balances(repos.pointEntries.pick(['personKey', 'points'])).values()].some((b) => b < 0)) {
    for (const o of reconcile([], ledgerLines(repos)).overdrawn) {
      rows.push({ key: `overdrawn:${o.personKey}`, text: `积分透支：${o.personName} 余额 ${o.balance} 分`, note: o.cause, overdue: true, target: { screen: 'volunteer', tab: 'points' } });
    }
  }
  return rows;
}

/**
 * Every card of 今日待办 for one community on `today` (YYYY-MM-DD). `scans`: the rows of `mergeScans`, or null while
 * they are still being run (the 合并后待处理 card is then marked as checking).
 */
export function todoCards(repos: Repos, doc: Y.Doc, today: string, extras: TodoExtras = {}, scans: TodoRow[] | null = mergeScans(repos)): TodoCard[] {
  return finishTodoCards(recordTodoCards(repos, doc, today), scans, extras);
}

/**
 * The cards as far as the community's records make them, without the merge scans' rows and what only the PC knows:
 * the screen keeps these while a backup, a sync or the scans move on, and finishes them with `finishTodoCards`.
 */
export function recordTodoCards(repos: Repos, doc: Y.Doc, today: string): TodoCard[] {
  const settings = new CommunitySettings(doc);
  const md = (date: string) => monthDay(date, today);

  const meetings = meetingsDue(calendarFactsOf(repos, doc), today).map((d): TodoRow => {
    const days = daysBetween(today, d.dueBy);
    return {
      key: `meeting:${d.orgNodeId}:${d.type}`, text: `${d.orgName} · ${d.type}`, note: `${md(d.dueBy)}前应召开（${left(days)}）`, overdue: false,
      target: { screen: 'meetings', newMeeting: { orgNodeId: d.orgNodeId, meetingType: d.type } },
    };
  });

  // People read in full only where a card needs them: 预备党员, 在职党员 and the owners of the 督办 shown.
  const personName = (id: string) => (id ? repos.people.get(id)?.name ?? '' : '');
  const peopleWhere = (field: 'category' | 'roles', test: (value: unknown) => boolean) =>
    repos.people.pick(['name', 'roles', 'category', 'joinDate', 'confirmDate', 'employer', 'employerPartyOrg', 'reportDate'], repos.people.idsWhere(field, test));
  const tasks = tasksDue(repos.meetingTasks.pick(['title', 'status', 'dueDate', 'meetingId', 'ownerPersonId', 'ownerUnitId']).map((t) => ({ ...t, text: t.title })), today).map((t): TodoRow => ({
    key: `task:${t.id}`, text: t.title, note: `${md(t.dueDate)}到期（${left(t.daysLeft)}）${personName(t.ownerPersonId) ? ` · 负责人 ${personName(t.ownerPersonId)}` : ''}`,
    overdue: t.daysLeft < 0, target: { screen: 'meetings', tab: 'decisions', id: t.meetingId },
  }));

  // Only whistles still open can be due: the fields the card needs of those alone (their handlers and reports too).
  const open = repos.whistles.pick(['title', 'deadline', 'closedAt', 'handlers', 'reports'], repos.whistles.idsWhere('closedAt', (v) => !v));
  const whistles = whistlesDue(open as unknown as WhistleDueFacts[], today).map((w): TodoRow => ({
    key: `whistle:${w.id}`, text: w.title,
    note: [w.daysLeft === null ? '' : `期限 ${md(w.deadline)}（${left(w.daysLeft)}）`, w.notReported.length ? `未报到：${w.notReported.join('、')}` : ''].filter(Boolean).join(' · '),
    overdue: w.daysLeft !== null && w.daysLeft < 0, target: { screen: 'coBuilding', tab: 'whistles', id: w.id },
  }));

  // An agreement stays on the card for 30 days after it ran out: long enough to renew it, not for ever.
  const agreements = expiringAgreements(repos.agreements.pick(['title', 'endDate', 'endedDate']), today, settings.coBuilding().reminderDays)
    .filter((a) => a.daysLeft >= -30)
    .map((a): TodoRow => ({
      key: `agreement:${a.id}`, text: a.title, note: a.daysLeft < 0 ? `已于 ${md(a.endDate)}到期 ${-a.daysLeft} 天，请续签或办理终止` : `${md(a.endDate)}到期（${left(a.daysLeft)}）`,
      overdue: a.daysLeft < 0, target: { screen: 'coBuilding', tab: 'agreements', id: a.id },
    }));

  const places = placesOf(repos);
  // Only bookings from today on can await approval or be today's: their facts alone, not all 20,000.
  const coming = repos.bookings.pick([...FACT_FIELDS, 'venue'], repos.bookings.idsWhere('date', (d) => typeof d === 'string' && d >= today)).map((b) => {
    const facts = factsOf(b);
    return { ...facts, venue: places.name(facts, String(b.venue ?? '')) };
  });
  const due = bookingsDue(coming, today);
  const bookings = [
    ...due.awaiting.map((b): TodoRow => ({ key: `awaiting:${b.id}`, text: `待审批：${places.slot(b)}`, note: b.date === today ? '今天' : md(b.date), overdue: false, target: { screen: 'bookings', tab: 'approval', id: b.id, date: b.date } })),
    ...due.today.filter((b) => b.status !== '待审批').map((b): TodoRow => ({ key: `today:${b.id}`, text: `今天：${places.slot(b)}`, note: '已确认', overdue: false, target: { screen: 'bookings', tab: 'day', date: b.date } })),
  ];

  const merge: TodoRow[] = [];
  const decisions = repos.meetingDecisions.pick(['orgNodeId', 'year', 'number', 'meetingId']);
  for (const f of numberClashes(decisions.map((d) => ({ id: d.id, orgNodeId: String(d.orgNodeId), year: Number(d.year), number: Number(d.number), createdAt: d.createdAt })))) {
    merge.push({ key: `decision:${f.id}`, text: `决议编号重复：第 ${f.from} 号`, note: '两台电脑离线时各自编了号，打开会议记录后自动改为新编号', overdue: true, target: { screen: 'meetings', id: decisions.find((d) => d.id === f.id)?.meetingId } });
  }
  const documents = repos.officialDocuments.pick(['issuerCode', 'year', 'number', 'title', 'status']);
  for (const f of docNumberClashes(documents.map((d) => ({ id: d.id, issuerCode: String(d.issuerCode), year: Number(d.year), number: Number(d.number), status: String(d.status), createdAt: d.createdAt })))) {
    merge.push({ key: `document:${f.id}`, text: `公文文号重复：${documents.find((d) => d.id === f.id)?.title ?? ''}`, note: `第 ${f.from} 号被两份公文使用，请打开公文改号`, overdue: true, target: { screen: 'documents', id: f.id } });
  }
  for (const c of duplicateNumbers(repos.serviceCertificates.pick(['year', 'seq', 'personName']).map((c) => ({ ...c, year: Number(c.year), seq: Number(c.seq) })))) {
    merge.push({ key: `certificate:${c.id}`, text: `志愿服务证明编号重复：${c.personName}`, note: `志证〔${c.year}〕第${c.seq}号重复，请在志愿服务中处理`, overdue: true, target: { screen: 'volunteer', tab: 'points' } });
  }

  const probation = probationsDue(peopleWhere('category', (v) => v === '预备党员').filter((p) => p.roles.includes('党员')).map((p) => ({ id: p.id, name: p.name, category: String(p.category), joinDate: String(p.joinDate), confirmDate: String(p.confirmDate) })), today).map((p): TodoRow => ({
    key: `probation:${p.id}`, text: p.name,
    note: p.daysLeft < 0 ? `预备期已于 ${md(p.ends)}届满 ${-p.daysLeft} 天，尚未讨论转正` : `预备期 ${md(p.ends)}届满（${left(p.daysLeft)}），请准备转正讨论`,
    overdue: p.daysLeft < 0, target: { screen: 'roster', id: p.id },
  }));

  const half = Number(today.slice(5, 7)) <= 6 ? 'H1' : 'H2';
  const period = `${today.slice(0, 4)}-${half}`;
  const inServiceMembers = peopleWhere('roles', (v) => Array.isArray(v) && v.includes('在职党员')).map((p) => ({ id: p.id, name: p.name, employer: String(p.employer), employerPartyOrg: String(p.employerPartyOrg), reportDate: String(p.reportDate) }));
  const inService = memberHalfYears(inServiceMembers, [], [], period, periodRange(period))
    .filter((m) => !m.reported)
    .map((m): TodoRow => ({ key: `inService:${m.personId}`, text: m.name, note: `${m.employer || '工作单位未填'} · 本半年未报到`, overdue: false, target: { screen: 'volunteer', tab: 'inService', id: m.personId } }));

  return [card('meetings', meetings), card('tasks', tasks), card('whistles', whistles), card('agreements', agreements), card('bookings', bookings), card('merge', merge), card('probation', probation), card('inService', inService), card('safety', [])];
}

/** The record cards with the merge scans' rows (or “checking” while null), the fields both sides changed, and the 备份与同步 rows. */
export function finishTodoCards(cards: readonly TodoCard[], scans: TodoRow[] | null, extras: TodoExtras = {}): TodoCard[] {
  const fieldRows = (extras.fieldConflicts ?? []).map((c): TodoRow => ({ key: `field:${c.key}`, text: c.text, note: '两台电脑都改过，请确认保留哪一边', overdue: false, target: { screen: 'conflicts' } }));
  const safety: TodoRow[] = [];
  if (extras.safety) {
    const s = extras.safety;
    const stale = staleSafety(s, s.now, s.limits);
    const ago = (at: number | null) => (at === null ? '从未' : `${Math.floor((s.now - at) / 86_400_000)} 天前`);
    if (stale.backup) safety.push({ key: 'backup', text: `上次备份：${ago(s.backupAt)}`, note: `超过 ${s.limits.backupDays} 天没有备份，请在“数据安全”中立即备份`, overdue: true, target: { screen: 'dataSafety' } });
    if (stale.sync) safety.push({ key: 'sync', text: `上次与街道同步：${ago(s.syncedAt)}`, note: `超过 ${s.limits.syncDays} 天没有同步，请联网，或用U盘交换文件`, overdue: true, target: { screen: 'dataSafety' } });
  }

  return cards.map((c) => {
    if (c.key === 'merge') return { ...card('merge', [...(scans ?? []), ...c.rows, ...fieldRows]), checking: scans === null };
    return c.key === 'safety' ? card('safety', safety) : c;
  });
}
