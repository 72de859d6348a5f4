import { attendanceWorth, type ActivityFacts } from '../volunteer/pointsLedger';
import { median, responseTimes, type WhistleFacts } from './whistleRules';
import { periodRange } from '../period';
import { UNIT_ITEMS, type CoBuildingSettings, type UnitItemKey } from './coBuildingSettings';
import { compareChinese } from '../../text/chineseOrder';

/**
 * 驻区单位考核: each resident unit's figures for a half-year or a year, computed from the records (agreements, the
 * three lists, joint activities, whistles, 联席会议 attendance, in-service members and their service), each with the
 * records behind it, and a weighted score. Nothing here is stored: a record merged from another PC changes the
 * figures the next time they are computed.
 */

export interface UnitAssessmentInputs {
  units: { id: string; name: string; partyOrg: string }[];
  agreements: { id: string; title: string; unitId: string; coUnitIds: readonly string[]; signedDate: string; endDate: string }[];
  resources: { id: string; title: string; unitId: string }[];
  projects: { id: string; title: string; leadUnitId: string; coUnitIds: readonly string[]; resourceIds: readonly string[]; status: string; startDate: string; endDate: string }[];
  activities: { id: string; title: string; date: string; unitId: string; unitIds: readonly string[] }[];
  whistles: WhistleFacts[];
  /** 党建联席会议 only, with each place on the 应到 list. */
  jointMeetings: { id: string; title: string; date: string; attendance: Record<string, { status: string; removed: boolean }> }[];
  /** 在职党员 of the roster. */
  members: { id: string; name: string; employer: string; employerPartyOrg: string; reportDate: string }[];
  /** Volunteering 服务活动: who served, for the members' activity. */
  service: ActivityFacts[];
  /** 微心愿 / 居民点单 with their claims (`unit:<id>` for a unit) and when done. */
  wishes: { id: string; title: string; stage: string; doneOn: string; claims: Record<string, { withdrawn: boolean }> }[];
}

export interface RecordRef {
  collection: string;
  id: string;
  title: string;
}

export interface UnitFigure {
  /** The figure as counted (a count, hours, or a share 0–1); null when it does not apply (no whistle, no meeting). */
  value: number | null;
  text: string;
  /** 0–1 towards full marks; null when the item does not apply to this unit in this period. */
  rate: number | null;
  records: RecordRef[];
}

export interface UnitAssessmentRow {
  unitId: string;
  unitName: string;
  figures: Record<UnitItemKey, UnitFigure>;
  /** 在职党员 of the unit who reported to the community by the period's end (the base of the activity rate). */
  inServiceRegistered: RecordRef[];
  /** 0–100: the weighted share of full marks over the items that apply. */
  score: number;
}

/**
 * The resident unit an in-service member works for: the unit whose name their 工作单位 contains (the longest such
 * name, so 区人民医院 wins over 医院), else the unit whose Party organisation is theirs.
 */
export function unitOfMember(member: { employer: string; employerPartyOrg: string }, units: readonly { id: string; name: string; partyOrg: string }[]): string | undefined {
  let best: { id: string; length: number } | undefined;
  for (const u of units) {
    if (u.name && member.employer.includes(u.name) && u.name.length > (best?.length ?? 0)) best = { id: u.id, length: u.name.length };
  }
  if (best) return best.id;
  return member.employerPartyOrg ? units.find((u) => u.partyOrg && u.partyOrg === member.employerPartyOrg)?.id : undefined;
}

const overlaps = (start: string, end: string, from: string, to: string) => (start || '0000-00-00') <= to && (!end || end >= from);
const byTitle = (a: RecordRef, b: RecordRef) => compareChinese(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** Everything the figures need, grouped by unit in one pass per record type. */
function groupByUnit(inputs: UnitAssessmentInputs, from: string, to: string) {
  const empty = () => ({ wishes: [] as RecordRef[], agreements: [] as RecordRef[], resources: [] as RecordRef[], used: new Map<string, RecordRef>(), projectsDone: [] as RecordRef[], activities: [] as RecordRef[], whistles: [] as { w: WhistleFacts; hours: number | null }[], meetings: [] as { ref: RecordRef; attended: boolean }[], registered: [] as RecordRef[], active: [] as RecordRef[] });
  const by = new Map(inputs.units.map((u) => [u.id, empty()]));
  const of = (unitId: string) => by.get(unitId);
  const resourceById = new Map(inputs.resources.map((r) => [r.id, r]));
  for (const a of inputs.agreements) {
    if (!overlaps(a.signedDate, a.endDate, from, to)) continue;
    for (const id of new Set([a.unitId, ...a.coUnitIds])) of(id)?.agreements.push({ collection: 'agreements', id: a.id, title: a.title });
  }
  for (const r of inputs.resources) of(r.unitId)?.resources.push({ collection: 'coResources', id: r.id, title: r.title });
  for (const p of inputs.projects) {
    const units = new Set([p.leadUnitId, ...p.coUnitIds]);
    if (p.status === '已完成' && p.endDate >= from && p.endDate <= to) for (const id of units) of(id)?.projectsDone.push({ collection: 'coProjects', id: p.id, title: p.title });
    if (p.status === '筹备中' || !overlaps(p.startDate, p.endDate, from, to)) continue;
    for (const rid of p.resourceIds) {
      const r = resourceById.get(rid);
      if (r) of(r.unitId)?.used.set(r.id, { collection: 'coResources', id: r.id, title: r.title });
    }
  }
  for (const a of inputs.activities) {
    if (a.date < from || a.date > to) continue;
    for (const id of new Set([a.unitId, ...a.unitIds])) of(id)?.activities.push({ collection: 'activities', id: a.id, title: `${a.date} ${a.title}` });
  }
  for (const w of inputs.whistles) {
    if (w.date < from || w.date > to) continue;
    for (const r of responseTimes(w)) if (r.key.startsWith('unit:')) of(r.key.slice(5))?.whistles.push({ w, hours: r.hours });
  }
  for (const w of inputs.wishes ?? []) {
    if (w.stage !== '已完成' || !w.doneOn || w.doneOn < from || w.doneOn > to) continue;
    for (const [key, c] of Object.entries(w.claims)) if (key.startsWith('unit:') && !c.withdrawn) of(key.slice(5))?.wishes.push({ collection: 'wishes', id: w.id, title: `${w.doneOn} ${w.title}` });
  }
  for (const m of inputs.jointMeetings) {
    if (m.date < from || m.date > to) continue;
    for (const [key, entry] of Object.entries(m.attendance)) {
      // Only marked places count: a meeting whose attendance is not yet taken neither helps nor hurts.
      if (!key.startsWith('unit:') || entry.removed || entry.status === '未标记') continue;
      of(key.slice(5))?.meetings.push({ ref: { collection: 'meetings', id: m.id, title: `${m.date} ${m.title}` }, attended: entry.status === '出席' || entry.status === '迟到' });
    }
  }
  const served = new Set<string>();
  for (const a of inputs.service) {
    if (a.deleted || !a.rules || a.date < from || a.date > to) continue;
    for (const [key, entry] of Object.entries(a.attendance)) if (entry.present && attendanceWorth(entry, a.rules).hours > 0) served.add(key);
  }
  for (const m of inputs.members) {
    if (!m.reportDate || m.reportDate > to) continue;
    const group = of(unitOfMember(m, inputs.units) ?? '');
    if (!group) continue;
    const ref = { collection: 'people', id: m.id, title: m.name };
    group.registered.push(ref);
    if (served.has(`person:${m.id}`)) group.active.push(ref);
  }
  return by;
}

/**
 * `today`: a whistle the unit never answered counts as not answered once it is closed or past its deadline (one still
 * open within its deadline is pending and not yet held against anyone).
 */
export function unitAssessment(inputs: UnitAssessmentInputs, period: string, settings: Pick<CoBuildingSettings, 'unitItems'>, today = '9999-12-31'): UnitAssessmentRow[] {
  const [from, to] = periodRange(period);
  const items = settings.unitItems;
  const byUnit = groupByUnit(inputs, from, to);
  const countFigure = (records: RecordRef[], key: UnitItemKey, unit: string): UnitFigure => ({ value: records.length, text: `${records.length} ${unit}`, rate: Math.min(1, records.length / items[key].standard), records });
  return inputs.units.map((u) => {
    const g = byUnit.get(u.id)!;
    const answered = g.whistles.filter((x) => x.hours !== null);
    // Not answered, and no longer pending: closed without the unit, or its deadline passed.
    const missed = g.whistles.filter((x) => x.hours === null && (x.w.closedAt || (x.w.deadline && x.w.deadline.slice(0, 10) < today)));
    // Satisfaction counts only whistles the unit itself answered: a unit that never reported is not credited with one.
    const evaluated = answered.filter((x) => x.w.evaluation);
    const satisfied = evaluated.filter((x) => x.w.evaluation === '满意');
    // A missed whistle counts as the longest possible response: half or more missed makes the median "not answered".
    const times = [...answered.map((x) => x.hours!), ...missed.map(() => Number.POSITIVE_INFINITY)];
    const medianHours = median(times);
    const standardHours = items.responseTime.standard;
    const attended = g.meetings.filter((m) => m.attended);
    const whistleRef = (x: { w: WhistleFacts }) => ({ collection: 'whistles', id: x.w.id, title: `${x.w.date} ${x.w.title}` });
    const share = (part: number, whole: number, records: RecordRef[], detail: string): UnitFigure => {
      const value = ratio(part, whole);
      return { value, text: value === null ? '—' : `${percent(value)}（${detail}）`, rate: value, records };
    };
    const figures: Record<UnitItemKey, UnitFigure> = {
      agreement: { value: g.agreements.length, text: g.agreements.length ? `在期 ${g.agreements.length} 份` : '无', rate: g.agreements.length ? 1 : 0, records: g.agreements },
      resourcesOffered: countFigure(g.resources, 'resourcesOffered', '项'),
      resourcesUsed: countFigure([...g.used.values()], 'resourcesUsed', '项'),
      projectsDone: countFigure(g.projectsDone, 'projectsDone', '个'),
      activities: countFigure(g.activities, 'activities', '次'),
      whistlesAnswered: share(answered.length, g.whistles.length, g.whistles.map(whistleRef), `${answered.length}/${g.whistles.length}`),
      responseTime: {
        value: medianHours === null || !Number.isFinite(medianHours) ? null : medianHours,
        text: medianHours === null ? '—' : `${Number.isFinite(medianHours) ? `${medianHours} 小时` : '多数未响应'}${missed.length ? `（${missed.length} 次未报到）` : ''}`,
        rate: medianHours === null ? null : medianHours <= standardHours ? 1 : medianHours <= standardHours * 2 ? 0.5 : 0,
        records: [...answered, ...missed].map(whistleRef),
      },
      wishesDone: countFigure(g.wishes, 'wishesDone', '个'),
      satisfaction: share(satisfied.length, evaluated.length, evaluated.map(whistleRef), `${satisfied.length}/${evaluated.length}`),
      jointMeetings: share(attended.length, g.meetings.length, g.meetings.map((m) => m.ref), `${attended.length}/${g.meetings.length}`),
      inServiceActive: share(g.active.length, g.registered.length, g.active, `${g.active.length}/${g.registered.length}`),
    };
    // The same records in the same order on every PC, whatever order the merge left them in.
    for (const f of Object.values(figures)) f.records.sort(byTitle);
    g.registered.sort(byTitle);
    let earned = 0;
    let possible = 0;
    for (const { key } of UNIT_ITEMS) {
      const rate = figures[key].rate;
      if (!items[key].enabled || rate === null) continue;
      earned += items[key].weight * rate;
      possible += items[key].weight;
    }
    return { unitId: u.id, unitName: u.name, figures, inServiceRegistered: g.registered, score: possible ? Math.round((earned / possible) * 1000) / 10 : 0 };
  });
}

/** The 考核 as a table (headers and cells), the same on paper, in .xlsx and in the street's table. */
export function unitAssessmentTable(rows: readonly UnitAssessmentRow[], settings: Pick<CoBuildingSettings, 'unitItems'>): { headers: string[]; rows: (string | number)[][] } {
  const items = UNIT_ITEMS.filter(({ key }) => settings.unitItems[key].enabled);
  return {
    headers: ['驻区单位', ...items.map(({ label, key }) => `${label}（权重${settings.unitItems[key].weight}）`), '报到在职党员', '得分'],
    rows: [...rows].sort((a, b) => b.score - a.score || compareChinese(a.unitName, b.unitName)).map((r) => [r.unitName, ...items.map(({ key }) => r.figures[key].text), r.inServiceRegistered.length, r.score]),
  };
}
