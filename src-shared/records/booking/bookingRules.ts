import type { FieldProblem } from '../../errors';
import type { BookingStatus } from './bookingSchema';
import { DEFAULT_BOOKING_RULES, type BookingRules } from './venueSchema';
import { compareChinese } from '../../text/chineseOrder';

/**
 * The rules of 平台约到 as pure functions: a booking against its venue (hours, closures, capacity, length, notice,
 * days ahead, the monthly limit, overlaps), the availability search across venues, the clashes and breaches that a
 * merge of two offline PCs reveals, and the dates of a recurring booking.
 */

export interface VenueFacts {
  id: string;
  name: string;
  ownerUnitId: string;
  capacity: number;
  equipment: readonly string[];
  openingHours: Partial<Record<string, readonly [number, number] | null>>;
  closures: readonly { from: string; to: string; reason: string }[];
  rules: Partial<BookingRules>;
}

export interface BookingFacts {
  id: string;
  venueId: string;
  date: string;
  startHour: number;
  endHour: number;
  status: BookingStatus;
  /** Who booked, as one key (person:…, unit:…, team:…, or walkin:<name>|<phone>). */
  bookerKey: string;
  booker: string;
  headcount: number;
  createdAt: number;
  createdBy: string;
  /** Booked past an overridable rule with a clerk's reason: not counted against the monthly limit. */
  overridden?: boolean;
}

/** A booking that still holds its slot: not cancelled. */
export const holdsSlot = (b: { status: BookingStatus }) => b.status !== '已取消';

export function rulesOf(venue: Pick<VenueFacts, 'rules'>): BookingRules {
  return { ...DEFAULT_BOOKING_RULES, ...venue.rules };
}

/** 1 = 星期一 … 7 = 星期日 */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

const WEEKDAY_NAMES = '一二三四五六日';
const md = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8, 10))} 日`;

/** The hours a venue is open on a date: [open, close], or null when closed (a closed weekday or a closure). */
export function openHours(venue: VenueFacts, date: string): { span: readonly [number, number] | null; closedBy?: string } {
  const closure = venue.closures.find((c) => c.from <= date && date <= c.to);
  if (closure) return { span: null, closedBy: closure.reason };
  const rules = rulesOf(venue);
  const weekday = String(weekdayOf(date));
  const span = weekday in venue.openingHours ? venue.openingHours[weekday]! : ([rules.earliest, rules.latest] as const);
  return { span: span ? [Math.max(span[0], rules.earliest), Math.min(span[1], rules.latest)] : null, closedBy: span ? undefined : `星期${WEEKDAY_NAMES[Number(weekday) - 1]}不开放` };
}

const overlaps = (a: { startHour: number; endHour: number }, b: { startHour: number; endHour: number }) => a.startHour < b.endHour && b.startHour < a.endHour;

export interface CheckOptions {
  /** Now, as the date and the hour of day; without it (a ledger of past bookings imported) no rule about time applies. */
  now?: { date: string; hour: number };
}

/**
 * Everything that refuses a booking, each naming the rule and the fix. `others` are the community's bookings (the
 * booking itself, when it is being edited, is skipped by id). Rules a clerk may override are marked `overridable`.
 */
export function checkBooking(booking: BookingFacts, venue: VenueFacts, others: readonly BookingFacts[], options: CheckOptions): (FieldProblem & { overridable: boolean })[] {
  const problems: (FieldProblem & { overridable: boolean })[] = [];
  const add = (field: string, label: string, message: string, overridable: boolean) => problems.push({ field, label, message, overridable });
  const rules = rulesOf(venue);
  const { span, closedBy } = openHours(venue, booking.date);
  if (!span) add('date', '日期', `「${venue.name}」${md(booking.date)}${closedBy ?? '不开放'}，请换一天或换一个场地`, false);
  else if (booking.startHour < span[0] || booking.endHour > span[1]) {
    add('startHour', '时间', `「${venue.name}」${md(booking.date)}开放时间为 ${span[0]}:00–${span[1]}:00，请改在开放时间内`, false);
  }
  const hours = booking.endHour - booking.startHour;
  if (hours > rules.maxHours) add('endHour', '时长', `每次最多预约 ${rules.maxHours} 小时，现在是 ${hours} 小时；请缩短，或分两次预约`, true);
  if (venue.capacity > 0 && booking.headcount > venue.capacity) add('headcount', '人数', `「${venue.name}」最多容纳 ${venue.capacity} 人，现在是 ${booking.headcount} 人；请换更大的场地`, false);
  if (options.now) {
    const startsIn = (Date.parse(`${booking.date}T00:00:00Z`) - Date.parse(`${options.now.date}T00:00:00Z`)) / 3_600_000 + booking.startHour - options.now.hour;
    if (startsIn < 0) add('date', '日期', '预约的时间已经过去，请核对日期和时间', false);
    else if (startsIn < rules.minNoticeHours) add('date', '日期', `须至少提前 ${rules.minNoticeHours} 小时预约，请改约更晚的时间`, true);
    if (startsIn / 24 > rules.maxDaysAhead) add('date', '日期', `最多可提前 ${rules.maxDaysAhead} 天预约，请在 ${rules.maxDaysAhead} 天内选择日期`, true);
  }
  const taken = others.filter((o) => o.id !== booking.id && o.venueId === booking.venueId && o.date === booking.date && holdsSlot(o) && overlaps(o, booking));
  for (const o of taken) add('startHour', '时间', `「${venue.name}」${md(o.date)} ${o.startHour}:00–${o.endHour}:00 已被「${o.booker}」预约，请换时间或换场地`, false);
  if (rules.maxPerMonth > 0 && !booking.bookerKey.startsWith('unit:')) {
    const month = booking.date.slice(0, 7);
    const mine = others.filter((o) => o.id !== booking.id && o.bookerKey === booking.bookerKey && o.date.startsWith(month) && holdsSlot(o) && !o.overridden).sort((a, b) => a.date.localeCompare(b.date));
    if (mine.length >= rules.maxPerMonth) {
      add('booker', '预约人', `每人每月最多预约 ${rules.maxPerMonth} 次，${booking.booker}本月已预约 ${mine.length} 次（${mine.map((o) => md(o.date)).join('、')}）`, true);
    }
  }
  return problems;
}

/**
 * A recurring booking's dates, each checked like a single booking against the bookings before it (and the series'
 * own earlier dates). A date that breaks a rule no one may override is skipped; one that breaks only rules a clerk may
 * override is booked when `override` is true (the clerk may and gave a reason), else skipped; `needOverride` lists
 * those so the dialog can ask once for the whole series.
 */
export function planSeries(first: BookingFacts, dates: readonly string[], venue: VenueFacts, others: readonly BookingFacts[], options: CheckOptions & { override: boolean }): {
  book: { date: string; overridden: string[] }[];
  skip: { date: string; reason: string }[];
  needOverride: { date: string; messages: string[] }[];
} {
  const seen = [...others];
  const book: { date: string; overridden: string[] }[] = [];
  const skip: { date: string; reason: string }[] = [];
  const needOverride: { date: string; messages: string[] }[] = [];
  for (const date of dates) {
    const facts = { ...first, id: `${first.id || 'series'}:${date}`, date };
    const found = checkBooking(facts, venue, seen, options);
    const hard = found.find((p) => !p.overridable);
    if (hard) {
      skip.push({ date, reason: hard.message });
      continue;
    }
    if (found.length > 0) {
      needOverride.push({ date, messages: found.map((p) => p.message) });
      if (!options.override) {
        skip.push({ date, reason: found[0]!.message });
        continue;
      }
    }
    book.push({ date, overridden: found.map((p) => p.message) });
    seen.push({ ...facts, overridden: found.length > 0 });
  }
  return { book, skip, needOverride };
}

export interface AvailabilityQuery {
  date: string;
  startHour: number;
  endHour: number;
  headcount: number;
  equipment: readonly string[];
}

/**
 * 一次查全部场地: every venue open for the whole span, each with what it lacks (capacity, equipment) or, when booked in
 * the span, by whom and until when (`taken`: never left out silently). Free ones first, the community's own before
 * resident units', then those that lack nothing, then by name.
 */
export function freeVenues<V extends VenueFacts>(venues: readonly V[], bookingsByVenue: ReadonlyMap<string, readonly BookingFacts[]>, query: AvailabilityQuery): { venue: V; lacks: string[]; taken: string[] }[] {
  const out: { venue: V; lacks: string[]; taken: string[] }[] = [];
  for (const venue of venues) {
    const { span } = openHours(venue, query.date);
    if (!span || query.startHour < span[0] || query.endHour > span[1]) continue;
    const busy = (bookingsByVenue.get(venue.id) ?? []).filter((b) => b.date === query.date && holdsSlot(b) && overlaps(b, query)).sort((a, b) => a.startHour - b.startHour);
    const taken = busy.map((b) => `已被「${b.booker}」预约 ${b.startHour}:00–${b.endHour}:00`);
    const lacks: string[] = [];
    if (venue.capacity > 0 && query.headcount > venue.capacity) lacks.push(`只容纳 ${venue.capacity} 人`);
    for (const e of query.equipment) if (!venue.equipment.includes(e)) lacks.push(`没有${e}`);
    out.push({ venue, lacks, taken });
  }
  return out.sort((a, b) => Number(a.taken.length > 0) - Number(b.taken.length > 0) || Number(a.venue.ownerUnitId !== '') - Number(b.venue.ownerUnitId !== '') || a.lacks.length - b.lacks.length || compareChinese(a.venue.name, b.venue.name));
}

/** Bookings of one venue grouped by id, for the search and the grids. */
export function byVenue(bookings: readonly BookingFacts[]): Map<string, BookingFacts[]> {
  const map = new Map<string, BookingFacts[]>();
  for (const b of bookings) map.set(b.venueId, [...(map.get(b.venueId) ?? []), b]);
  return map;
}

export interface Clash {
  venueId: string;
  date: string;
  /** The overlapping bookings, earliest made first. */
  bookings: BookingFacts[];
}

/**
 * Overlapping bookings of one venue that hold their slots: what two PCs booking offline leave after a merge. Both stay
 * until a person resolves them (move one, or cancel it with a reason).
 */
export function bookingClashes(bookings: readonly BookingFacts[]): Clash[] {
  const groups = new Map<string, BookingFacts[]>();
  for (const b of bookings) if (holdsSlot(b) && b.venueId) groups.set(`${b.venueId}|${b.date}`, [...(groups.get(`${b.venueId}|${b.date}`) ?? []), b]);
  const clashes: Clash[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => a.startHour - b.startHour || a.createdAt - b.createdAt);
    let group: BookingFacts[] = [];
    let end = -1;
    for (const b of sorted) {
      if (b.startHour < end) group.push(b);
      else {
        if (group.length > 1) clashes.push({ venueId: group[0]!.venueId, date: group[0]!.date, bookings: group.sort((x, y) => x.createdAt - y.createdAt) });
        group = [b];
        end = b.endHour;
        continue;
      }
      end = Math.max(end, b.endHour);
    }
    if (group.length > 1) clashes.push({ venueId: group[0]!.venueId, date: group[0]!.date, bookings: group.sort((x, y) => x.createdAt - y.createdAt) });
  }
  return clashes;
}

/**
 * Bookers over their monthly limit: a breach that only a merge of two PCs' bookings may reveal. Bookings a clerk made
 * past the limit on purpose (with a reason) do not count.
 */
export function monthlyBreaches(bookings: readonly BookingFacts[], maxPerMonthOf: (venueId: string) => number): { bookerKey: string; booker: string; month: string; bookings: BookingFacts[]; max: number }[] {
  const groups = new Map<string, { bookerKey: string; month: string; list: BookingFacts[] }>();
  for (const b of bookings) {
    if (!holdsSlot(b) || b.overridden || b.bookerKey.startsWith('unit:')) continue;
    const month = b.date.slice(0, 7);
    // The month has a fixed length, so month + key never runs two bookers together.
    const key = month + b.bookerKey;
    const group = groups.get(key) ?? { bookerKey: b.bookerKey, month, list: [] };
    group.list.push(b);
    groups.set(key, group);
  }
  const out: { bookerKey: string; booker: string; month: string; bookings: BookingFacts[]; max: number }[] = [];
  for (const { bookerKey, month, list } of groups.values()) {
    const max = Math.min(...list.map((b) => maxPerMonthOf(b.venueId)).filter((n) => n > 0));
    if (Number.isFinite(max) && list.length > max) out.push({ bookerKey, booker: list[0]!.booker, month, bookings: list.sort((a, b) => a.date.localeCompare(b.date)), max });
  }
  return out;
}

/** The dates of a recurring booking: every week or month from the first date, until a date or for N times (≤ 52). */
export function recurrenceDates(first: string, every: 'week' | 'month', end: { until?: string; times?: number }): string[] {
  const dates: string[] = [];
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const limit = Math.min(end.times ?? 52, 52);
  for (let i = 0; dates.length < limit; i++) {
    const at = every === 'week' ? new Date(Date.UTC(y, m - 1, d + 7 * i)) : new Date(Date.UTC(y, m - 1 + i, d));
    // A monthly booking on the 31st skips months without that day instead of drifting into the next month.
    if (every === 'month' && at.getUTCDate() !== d) {
      if (i > 24) break;
      continue;
    }
    const iso = at.toISOString().slice(0, 10);
    if (end.until && iso > end.until) break;
    dates.push(iso);
  }
  return dates;
}

export interface UsageRow {
  venueId: string;
  venue: string;
  bookings: number;
  hours: number;
  noShows: number;
  cancelled: number;
  /** Bookings by booker type: 居民 / 党员·人员 / 驻区单位 / 服务队. */
  byKind: Record<string, number>;
}

const KIND_LABELS: Record<string, string> = { walkin: '来访居民', person: '名册人员', unit: '驻区单位', team: '志愿服务队' };

/** 月度使用情况 per venue: bookings held, hours booked, 未到 and cancellations, by booker type. Derived every time. */
export function monthlyUsage(venues: readonly { id: string; name: string }[], bookings: readonly (BookingFacts & { bookerKind: string })[], month: string): UsageRow[] {
  return venues.map((v) => {
    const mine = bookings.filter((b) => b.venueId === v.id && b.date.startsWith(month));
    const held = mine.filter(holdsSlot);
    const byKind: Record<string, number> = {};
    for (const b of held) byKind[KIND_LABELS[b.bookerKind] ?? b.bookerKind] = (byKind[KIND_LABELS[b.bookerKind] ?? b.bookerKind] ?? 0) + 1;
    return {
      venueId: v.id, venue: v.name, bookings: held.length, hours: held.reduce((s, b) => s + b.endHour - b.startHour, 0),
      noShows: mine.filter((b) => b.status === '未到').length, cancelled: mine.filter((b) => b.status === '已取消').length, byKind,
    };
  });
}
