/**
 * 吹哨报到 figures as pure functions: status, response and handling times (elapsed, and counted in working days when
 * weekends and holidays should not count), overdue whistles, and each unit's figures.
 */

export interface WhistleFacts {
  id: string;
  title: string;
  date: string;
  raisedAt: string;
  deadline: string;
  closedAt: string;
  evaluation: string;
  handlers: Record<string, { name: string; kind: string; lead: boolean }>;
  reports: Record<string, { reportedAt: string }>;
}

export type WhistleStatus = '待响应' | '处理中' | '已办结';

export function whistleStatus(w: Pick<WhistleFacts, 'closedAt' | 'reports'>): WhistleStatus {
  return w.closedAt ? '已办结' : Object.keys(w.reports).length > 0 ? '处理中' : '待响应';
}

const raisedOf = (w: Pick<WhistleFacts, 'raisedAt' | 'date'>) => w.raisedAt || `${w.date}T00:00`;
const ms = (t: string) => Date.parse(`${t}:00Z`);

/** Hours between two local times (2026-05-09T22:30 → 2026-05-10T01:00 is 2.5), across midnight and any day. */
export function elapsedHours(from: string, to: string): number {
  return Math.round(((ms(to) - ms(from)) / 3_600_000) * 10) / 10;
}

/** Which days are not worked: public holidays, and weekend days made working days (调休上班). */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays?: ReadonlySet<string>;
}

export const NO_HOLIDAYS: WorkCalendar = { holidays: new Set() };

/**
 * Hours between two times counting only working days: weekends and the listed holidays do not count; a weekend day
 * listed as a working day (调休) does.
 */
export function workingHours(from: string, to: string, { holidays, workdays }: WorkCalendar): number {
  let total = 0;
  let t = ms(from);
  const end = ms(to);
  while (t < end) {
    const dayStart = t - (t % 86_400_000);
    const next = Math.min(end, dayStart + 86_400_000);
    const day = new Date(dayStart);
    const iso = day.toISOString().slice(0, 10);
    const weekday = day.getUTCDay();
    const working = workdays?.has(iso) || (weekday !== 0 && weekday !== 6 && !holidays.has(iso));
    if (working) total += next - t;
    t = next;
  }
  return Math.round((total / 3_600_000) * 10) / 10;
}

/** Each handler's response: hours from the whistle to their first 报到 (null until they report). */
export function responseTimes(w: WhistleFacts, calendar: WorkCalendar = NO_HOLIDAYS): { key: string; name: string; hours: number | null; workingHours: number | null }[] {
  return Object.entries(w.handlers).map(([key, h]) => {
    const at = w.reports[key]?.reportedAt;
    return { key, name: h.name, hours: at ? elapsedHours(raisedOf(w), at) : null, workingHours: at ? workingHours(raisedOf(w), at, calendar) : null };
  });
}

export function handlingHours(w: WhistleFacts): number | null {
  return w.closedAt ? elapsedHours(raisedOf(w), w.closedAt) : null;
}

/** Not closed and past its deadline (the deadline day itself still counts as in time). */
export function isOverdue(w: Pick<WhistleFacts, 'closedAt' | 'deadline'>, today: string): boolean {
  return !w.closedAt && !!w.deadline && today > w.deadline;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
}

export interface UnitWhistleFigures {
  key: string;
  name: string;
  whistles: number;
  answered: number;
  medianResponseHours: number | null;
  satisfied: number;
  evaluated: number;
}

/** Per handler (unit, team, member): whistles named in, answered, the median response time, and satisfaction. */
export function figuresByHandler(whistles: readonly WhistleFacts[], from: string, to: string): UnitWhistleFigures[] {
  const out = new Map<string, UnitWhistleFigures & { times: number[] }>();
  for (const w of whistles) {
    if (w.date < from || w.date > to) continue;
    for (const r of responseTimes(w)) {
      const f = out.get(r.key) ?? { key: r.key, name: r.name, whistles: 0, answered: 0, medianResponseHours: null, satisfied: 0, evaluated: 0, times: [] };
      f.whistles++;
      if (r.hours !== null) {
        f.answered++;
        f.times.push(r.hours);
      }
      if (w.evaluation) {
        f.evaluated++;
        if (w.evaluation === '满意') f.satisfied++;
      }
      out.set(r.key, f);
    }
  }
  return [...out.values()].map(({ times, ...f }) => ({ ...f, medianResponseHours: median(times) }));
}
