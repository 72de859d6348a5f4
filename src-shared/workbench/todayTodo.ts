import type { CalendarFacts } from '../records/meeting/meetingCalendar';
import { MEETING_TYPE_RULES, REQUIRED_BY_NODE_KIND, type Frequency } from '../records/meeting/meetingRules';
import type { MeetingType } from '../records/meeting/meetingSchema';
import { whistleStatus, type WhistleFacts } from '../records/coBuilding/whistleRules';
import { compareChinese } from '../text/chineseOrder';

/**
 * 今日待办, derived from the records every time (never stored): each function takes plain facts and today's date
 * (YYYY-MM-DD) and lists what is due, soonest first. The 工作台 shows one card per function.
 */

const DAY_MS = 86_400_000;
/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStart(to) - dayStart(from)) / DAY_MS);
}
// From the date's figures: parsing a built string cost more than the rest of the whistles card.
const dayStart = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) : NaN);

/** The same calendar day a year later (29 February → 28 February). */
export function oneYearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface MeetingDue {
  orgNodeId: string;
  orgName: string;
  type: MeetingType;
  /** The last day of the period the meeting is due in (this month, quarter or year). */
  dueBy: string;
}

/**
 * 三会一课 still to hold in the period that contains today, per organisation that must hold them: a monthly meeting this
 * month, a quarterly one this quarter, a yearly one this year — none held (finalized) yet in that period. An
 * organisation set up after the period began owes nothing for it (as the calendar counts).
 */
export function meetingsDue(facts: CalendarFacts, today: string): MeetingDue[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const frequencyOf = (type: MeetingType): Frequency => facts.frequencies[type] ?? MEETING_TYPE_RULES[type].frequency;
  const out: MeetingDue[] = [];
  // The finalized meetings of this year by organisation and type, read once (not once per organisation and type).
  const heldOn = new Map<string, string[]>();
  for (const m of facts.meetings) {
    if (m.status !== '已定稿' || !m.date.startsWith(`${year}-`)) continue;
    const key = `${m.orgNodeId}|${m.meetingType}`;
    const list = heldOn.get(key);
    if (list) list.push(m.date);
    else heldOn.set(key, [m.date]);
  }
  for (const node of facts.orgNodes) {
    for (const type of REQUIRED_BY_NODE_KIND[node.kind] ?? []) {
      const frequency = frequencyOf(type);
      if (frequency === 'none') continue;
      const from = frequency === 'monthly' ? month : frequency === 'quarterly' ? month - ((month - 1) % 3) : 1;
      const to = frequency === 'monthly' ? month : frequency === 'quarterly' ? from + 2 : 12;
      const periodStart = `${year}-${String(from).padStart(2, '0')}-01`;
      if (node.since && node.since > periodStart) continue;
      const held = (heldOn.get(`${node.id}|${type}`) ?? []).some((date) => date >= periodStart && date.slice(0, 7) <= `${year}-${String(to).padStart(2, '0')}`);
      if (held) continue;
      const dueBy = new Date(Date.UTC(year, to, 0)).toISOString().slice(0, 10);
      out.push({ orgNodeId: node.id, orgName: node.name, type, dueBy });
    }
  }
  return out.sort((a, b) => a.dueBy.localeCompare(b.dueBy) || compareChinese(a.orgName, b.orgName) || a.type.localeCompare(b.type));
}

export interface TaskFactsForTodo {
  id: string;
  text: string;
  status: string;
  dueDate: string;
}

/** 督办事项 not done and past their due date, or due within `withinDays` (7): overdue first. */
export function tasksDue<T extends TaskFactsForTodo>(tasks: readonly T[], today: string, withinDays = 7): (T & { daysLeft: number })[] {
  return tasks
    .filter((t) => t.status !== '已完成' && t.dueDate)
    .map((t) => ({ ...t, daysLeft: daysBetween(today, t.dueDate) }))
    .filter((t) => t.daysLeft <= withinDays)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.id.localeCompare(b.id));
}

export type WhistleDueFacts = Pick<WhistleFacts, 'id' | 'title' | 'deadline' | 'closedAt' | 'handlers' | 'reports'>;

/**
 * Open whistles past their deadline or within `withinDays` (2) of it, each with the units named on it that have not
 * reported yet; and open whistles with a unit not reported, whatever the deadline.
 */
export function whistlesDue(whistles: readonly WhistleDueFacts[], today: string, withinDays = 2): { id: string; title: string; deadline: string; daysLeft: number | null; notReported: string[] }[] {
  return whistles
    .filter((w) => whistleStatus(w) !== '已办结')
    .map((w) => ({
      id: w.id, title: w.title, deadline: w.deadline,
      daysLeft: w.deadline ? daysBetween(today, w.deadline) : null,
      notReported: Object.entries(w.handlers).filter(([key]) => !w.reports[key]?.reportedAt).map(([, h]) => h.name),
    }))
    .filter((w) => (w.daysLeft !== null && w.daysLeft <= withinDays) || w.notReported.length > 0)
    .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.id.localeCompare(b.id));
}

export interface ProbationDue {
  id: string;
  name: string;
  joinDate: string;
  /** The day the one-year probation ends (入党日期 + 1 year). */
  ends: string;
  /** Negative once it has ended without a 转正. */
  daysLeft: number;
}

/** 预备党员 whose one-year probation ends within `withinDays` (30), or has ended with no 转正 recorded. */
export function probationsDue(people: readonly { id: string; name: string; category: string; joinDate: string; confirmDate: string }[], today: string, withinDays = 30): ProbationDue[] {
  return people
    .filter((p) => p.category === '预备党员' && p.joinDate && !p.confirmDate)
    .map((p) => {
      const ends = oneYearAfter(p.joinDate);
      return { id: p.id, name: p.name, joinDate: p.joinDate, ends, daysLeft: daysBetween(today, ends) };
    })
    .filter((p) => p.daysLeft <= withinDays)
    .sort((a, b) => a.daysLeft - b.daysLeft || a.id.localeCompare(b.id));
}

export interface BookingFactsForTodo {
  id: string;
  venue: string;
  date: string;
  startHour: number;
  endHour: number;
  booker: string;
  status: string;
}

/** Bookings awaiting approval (from today on, soonest first), and today's bookings that hold their slot (by hour). */
export function bookingsDue<B extends BookingFactsForTodo>(bookings: readonly B[], today: string): { awaiting: B[]; today: B[] } {
  const byTime = (a: B, b: B) => a.date.localeCompare(b.date) || a.startHour - b.startHour || compareChinese(a.venue, b.venue) || a.id.localeCompare(b.id);
  return {
    awaiting: bookings.filter((b) => b.status === '待审批' && b.date >= today).sort(byTime),
    today: bookings.filter((b) => b.date === today && (b.status === '已确认' || b.status === '待审批')).sort(byTime),
  };
}

/** Whether the last backup or the last sync is older than the settings allow (days; never done counts as too old). */
export function staleSafety(last: { backupAt: number | null; syncedAt: number | null; syncConfigured: boolean }, now: number, limits: { backupDays: number; syncDays: number }): { backup: boolean; sync: boolean } {
  const olderThan = (at: number | null, days: number) => at === null || now - at > days * DAY_MS;
  return { backup: olderThan(last.backupAt, limits.backupDays), sync: last.syncConfigured && olderThan(last.syncedAt, limits.syncDays) };
}
