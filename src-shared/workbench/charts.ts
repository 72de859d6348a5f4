import { holdsSlot, weekdayOf, type BookingFacts } from '../records/booking/bookingRules';
import { figuresByHandler, type WhistleFacts } from '../records/coBuilding/whistleRules';
import type { CalendarFacts } from '../records/meeting/meetingCalendar';
import { MEETING_TYPE_RULES, REQUIRED_BY_NODE_KIND, type Frequency } from '../records/meeting/meetingRules';
import type { MeetingType } from '../records/meeting/meetingSchema';
import { attendanceWorth, type ActivityFacts, type LedgerLine } from '../records/volunteer/pointsLedger';
import type { StructureDimension } from './memberStructure';

/**
 * 统计: each chart as plain data (categories, one or more series of numbers, the unit), derived from the records every
 * time. The renderer draws it with ECharts and shows the same numbers as a table, in .xlsx and on paper.
 */
export interface ChartData {
  key: string;
  title: string;
  kind: 'bar' | 'pie' | 'line';
  unit: string;
  categories: string[];
  /** null: no figure for that category (a rate of a month with nothing due), shown as “—”. */
  series: { name: string; values: (number | null)[] }[];
  /** The people behind each category (党员结构), for a figure that opens its list. */
  ids?: string[][];
  /** Said under the chart and on paper: what is counted and how. */
  note?: string;
}

/** A chart with nothing to draw: no categories, or every figure 0. */
export const isEmptyChart = (c: ChartData) => c.categories.length === 0 || c.series.every((s) => s.values.every((v) => !v));

export const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const round1 = (n: number) => Math.round(n * 10) / 10;

/** One dimension of 党员结构 as a chart: a pie for two-way splits, bars for bands. */
export function structureChart(d: StructureDimension, orgName: string): ChartData {
  return {
    key: `structure-${d.key}`, title: `${orgName}党员${d.title.replace(/^党员/, '')}`, kind: ['gender', 'ethnicity', 'category'].includes(d.key) ? 'pie' : 'bar', unit: '人',
    categories: d.bands.map((b) => b.label), series: [{ name: '人数', values: d.bands.map((b) => b.ids.length) }], ids: d.bands.map((b) => b.ids),
    note: d.key === 'partyAge' ? '党龄从转正日期算起；预备党员单列。' : d.key === 'age' ? '年龄按出生日期（未填时按身份证号码）计算到统计日。' : undefined,
  };
}

export interface CompletionCell {
  due: number;
  held: number;
}

/**
 * 三会一课 completion per organisation and month of a year: the required meetings due in each month that has ended
 * (monthly ones each month, quarterly in the quarter's last month, yearly in December; none for a period begun before
 * the organisation existed, as the calendar counts) and how many of them were held (a finalized meeting in the period).
 */
export function meetingCompletion(facts: CalendarFacts, year: number, today: string, orgIds: ReadonlySet<string> | null): { orgNodeId: string; orgName: string; months: CompletionCell[] }[] {
  const frequencyOf = (type: MeetingType): Frequency => facts.frequencies[type] ?? MEETING_TYPE_RULES[type].frequency;
  const held = new Set<string>();
  for (const m of facts.meetings) if (m.status === '已定稿' && m.date.startsWith(`${year}-`)) held.add(`${m.orgNodeId}|${m.meetingType}|${Number(m.date.slice(5, 7))}`);
  const out: { orgNodeId: string; orgName: string; months: CompletionCell[] }[] = [];
  for (const node of facts.orgNodes) {
    const required = REQUIRED_BY_NODE_KIND[node.kind] ?? [];
    if (required.length === 0 || (orgIds && !orgIds.has(node.id))) continue;
    const founded = (node.since ?? '').slice(0, 7);
    const months: CompletionCell[] = Array.from({ length: 12 }, () => ({ due: 0, held: 0 }));
    for (let month = 1; month <= 12; month++) {
      if (`${year}-${String(month).padStart(2, '0')}` >= today.slice(0, 7)) break;
      for (const type of required) {
        const f = frequencyOf(type);
        if (!(f === 'monthly' || (f === 'quarterly' && month % 3 === 0) || (f === 'yearly' && month === 12))) continue;
        const from = f === 'monthly' ? month : f === 'quarterly' ? month - 2 : 1;
        if (founded && `${year}-${String(from).padStart(2, '0')}` <= founded) continue;
        months[month - 1]!.due++;
        let done = false;
        for (let m = from; m <= month && !done; m++) done = held.has(`${node.id}|${type}|${m}`);
        if (done) months[month - 1]!.held++;
      }
    }
    out.push({ orgNodeId: node.id, orgName: node.name, months });
  }
  return out;
}

export function meetingCompletionChart(rows: ReturnType<typeof meetingCompletion>, year: number, scopeName: string): ChartData {
  const due = MONTHS.map((_, i) => rows.reduce((s, r) => s + r.months[i]!.due, 0));
  const held = MONTHS.map((_, i) => rows.reduce((s, r) => s + r.months[i]!.held, 0));
  return {
    key: 'meetings', title: `${scopeName}${year}年三会一课完成情况`, kind: 'bar', unit: '次', categories: MONTHS,
    series: [{ name: '应开', values: due }, { name: '已开', values: held }, { name: '完成率（%）', values: due.map((d, i) => (d ? round1((held[i]! / d) * 100) : null)) }],
    note: `统计已结束的月份；季度、年度会议计入期末月份。共 ${rows.length} 个应开会的组织，每个组织的逐月情况见下表。`,
  };
}

type ServiceActivity = ActivityFacts & { organiserKind: string; organiserId: string };

/** Volunteer hours (as signed, by attendance) and points earned (the ledger's lines other than redemptions) per month. */
export function volunteerMonthsChart(activities: readonly ActivityFacts[], lines: readonly (Pick<LedgerLine, 'date' | 'kind' | 'points'> & { activityId?: string })[], year: number): ChartData {
  const hours = MONTHS.map(() => 0);
  const points = MONTHS.map(() => 0);
  for (const a of activities) {
    if (a.deleted || !a.rules || !a.date.startsWith(`${year}-`)) continue;
    for (const entry of Object.values(a.attendance)) hours[Number(a.date.slice(5, 7)) - 1]! += Math.round(attendanceWorth(entry, a.rules).hours * 60);
  }
  // A line of an activity (its service points, a reversal of them) counts in the month the service was done, as its
  // hours do, not the day it was entered.
  const activityDate = new Map(activities.map((a) => [a.id, a.date]));
  for (const l of lines) {
    const date = (l.activityId && activityDate.get(l.activityId)) || l.date;
    if (date.startsWith(`${year}-`) && l.kind !== '兑换') points[Number(date.slice(5, 7)) - 1]! += Math.round(l.points * 10);
  }
  return {
    key: 'volunteerMonths', title: `${year}年志愿服务时长与积分（按月）`, kind: 'line', unit: '小时 / 分', categories: MONTHS,
    series: [{ name: '服务时长（小时）', values: hours.map((m) => round1(m / 60)) }, { name: '获得积分（分）', values: points.map((p) => p / 10) }],
    note: '时长按签到记录计算（不受每次积分上限影响）；积分为积分流水中除兑换外的各笔（含冲正），活动的积分计入活动所在月份。',
  };
}

/** Hours and points of the activities each team organised in the year; activities of the community and others together. */
export function volunteerTeamsChart(activities: readonly ServiceActivity[], teams: readonly { id: string; name: string }[], year: number): ChartData {
  const byTeam = new Map<string, { minutes: number; points: number }>();
  const other = '社区及其他组织';
  for (const a of activities) {
    if (a.deleted || !a.rules || !a.date.startsWith(`${year}-`)) continue;
    const name = a.organiserKind === '志愿服务队' ? teams.find((t) => t.id === a.organiserId)?.name ?? other : other;
    const row = byTeam.get(name) ?? { minutes: 0, points: 0 };
    for (const entry of Object.values(a.attendance)) {
      const worth = attendanceWorth(entry, a.rules);
      row.minutes += Math.round(worth.hours * 60);
      row.points += Math.round(worth.points * 10);
    }
    byTeam.set(name, row);
  }
  const names = [...teams.map((t) => t.name).filter((n) => byTeam.has(n)), ...(byTeam.has(other) ? [other] : [])];
  return {
    key: 'volunteerTeams', title: `${year}年各志愿服务队服务时长与积分`, kind: 'bar', unit: '小时 / 分', categories: names,
    series: [{ name: '服务时长（小时）', values: names.map((n) => round1(byTeam.get(n)!.minutes / 60)) }, { name: '活动积分（分）', values: names.map((n) => byTeam.get(n)!.points / 10) }],
    note: '按活动的组织方归入服务队；积分为签到按积分规则折算的分数。',
  };
}

/** Hours booked (held slots: not cancelled) per venue, and per weekday, in a year. */
export function venueUsageCharts(venues: readonly { id: string; name: string }[], bookings: readonly BookingFacts[], year: number): [ChartData, ChartData] {
  const perVenue = new Map<string, number>();
  const perWeekday = WEEKDAYS.map(() => 0);
  for (const b of bookings) {
    if (!holdsSlot(b) || !b.date.startsWith(`${year}-`)) continue;
    const hours = b.endHour - b.startHour;
    perVenue.set(b.venueId, (perVenue.get(b.venueId) ?? 0) + hours);
    perWeekday[weekdayOf(b.date) - 1]! += hours;
  }
  const used = venues.filter((v) => perVenue.has(v.id));
  return [
    { key: 'venues', title: `${year}年各场地预约时长`, kind: 'bar', unit: '小时', categories: used.map((v) => v.name), series: [{ name: '预约时长（小时）', values: used.map((v) => perVenue.get(v.id)!) }], note: '已取消的预约不计。' },
    { key: 'weekdays', title: `${year}年场地预约时长（按星期）`, kind: 'bar', unit: '小时', categories: WEEKDAYS, series: [{ name: '预约时长（小时）', values: perWeekday }], note: '全部场地合计；已取消的预约不计。' },
  ];
}

/** Each unit's median response time (hours from the whistle to its report) and whistles answered, in a year. */
export function whistleResponseChart(whistles: readonly WhistleFacts[], year: number): ChartData {
  const rows = figuresByHandler(whistles, `${year}-01-01`, `${year}-12-31`).filter((r) => r.whistles > 0);
  return {
    key: 'whistles', title: `${year}年各单位吹哨报到响应时间`, kind: 'bar', unit: '小时', categories: rows.map((r) => r.name),
    series: [{ name: '响应时间中位数（小时）', values: rows.map((r) => r.medianResponseHours ?? 0) }, { name: '吹哨次数', values: rows.map((r) => r.whistles) }, { name: '已报到次数', values: rows.map((r) => r.answered) }],
    note: '响应时间为从吹哨到报到的小时数（中位数）；从未报到的单位记为 0 并见“已报到次数”。',
  };
}

/**
 * A chart's numbers as a table (the same on screen, in .xlsx and on paper): one row per category, one column per
 * series, and the share of the whole for a chart of people; a 合计 row where the figures add up.
 */
export function chartTable(c: ChartData): { headers: string[]; rows: (string | number)[][] } {
  const share = c.series.length === 1 && c.unit === '人';
  const total = c.series.map((s) => s.values.reduce<number>((a, b) => a + (b ?? 0), 0));
  const headers = [c.key === 'weekdays' ? '星期' : c.key.startsWith('structure') ? '类别' : c.key === 'meetings' ? '月份' : c.key === 'volunteerMonths' ? '月份' : c.key === 'venues' ? '场地' : c.key === 'volunteerTeams' ? '服务队' : '单位', ...c.series.map((s) => s.name), ...(share ? ['占比'] : [])];
  const rows: (string | number)[][] = c.categories.map((name, i) => [name, ...c.series.map((s) => s.values[i] ?? '—'), ...(share ? [total[0] ? `${round1(((c.series[0]!.values[i] ?? 0) / total[0]) * 100)}%` : '—'] : [])]);
  // Sums make sense for counts and hours, not for a rate or a median.
  if (c.categories.length > 1 && !c.series.some((s) => /%|中位数/.test(s.name))) rows.push(['合计', ...total.map((t) => round1(t)), ...(share ? ['100%'] : [])]);
  else if (c.key === 'meetings') rows.push(['合计', total[0]!, total[1]!, total[0] ? round1((total[1]! / total[0]) * 100) : '—']);
  return { headers, rows };
}
