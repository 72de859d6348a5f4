import { MEETING_TYPE_RULES, REQUIRED_BY_NODE_KIND, yearCalendar, type CalendarCell, type Frequency } from './meetingRules';
import { MEETING_TYPES, type MeetingType } from './meetingSchema';

/** What a community's calendar needs of its document: meetings (dates and states), organisations, frequency settings. */
export interface CalendarFacts {
  meetings: { id: string; meetingType: MeetingType; date: string; status: string; orgNodeId: string }[];
  /**
   * `since`: the day the organisation was set up (its record's creation), YYYY-MM-DD; `parentId` and `order` place it
   * in the tree, so rows come in the tree's order on every PC.
   */
  orgNodes: { id: string; name: string; kind: string; since?: string; parentId?: string; order?: number }[];
  frequencies: Partial<Record<MeetingType, Frequency>>;
}

export interface CalendarRow {
  orgNodeId: string;
  orgName: string;
  months: CalendarCell[];
}

/** The year's calendar of every organisation that must hold meetings, or has held some, in one community. */
export function communityCalendar(facts: CalendarFacts, year: number, today: string): CalendarRow[] {
  const frequencyOf = (type: MeetingType) => facts.frequencies[type] ?? MEETING_TYPE_RULES[type].frequency;
  return inTreeOrder(facts.orgNodes)
    .filter((n) => REQUIRED_BY_NODE_KIND[n.kind] || facts.meetings.some((m) => m.orgNodeId === n.id))
    .map((n) => ({ orgNodeId: n.id, orgName: n.name, months: yearCalendar(facts.meetings, n.id, year, REQUIRED_BY_NODE_KIND[n.kind] ?? [], today, frequencyOf, n.since ?? '') }));
}

/** Organisations depth first as the tree shows them (siblings by order, then id); those whose parent is missing last. */
function inTreeOrder<N extends CalendarFacts['orgNodes'][number]>(nodes: readonly N[]): N[] {
  const children = new Map<string, N[]>();
  for (const n of nodes) children.set(n.parentId ?? '', [...(children.get(n.parentId ?? '') ?? []), n]);
  const out: N[] = [];
  const seen = new Set<string>();
  const visit = (parent: string) => {
    for (const n of (children.get(parent) ?? []).sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.id.localeCompare(b.id))) {
      if (seen.has(n.id)) continue;
      seen.add(n.id);
      out.push(n);
      visit(n.id);
    }
  };
  visit('');
  for (const n of [...nodes].sort((a, b) => a.id.localeCompare(b.id))) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    out.push(n);
    visit(n.id);
  }
  return out;
}

/** A record's creation time as a local date (YYYY-MM-DD). */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Reads the frequency overrides out of a community's settings entries (key `meetingFrequency:<type>`). */
export function frequencyOverrides(entries: Iterable<[string, unknown]>): Partial<Record<MeetingType, Frequency>> {
  const out: Partial<Record<MeetingType, Frequency>> = {};
  for (const [key, value] of entries) {
    const type = key.startsWith('meetingFrequency:') ? (key.slice('meetingFrequency:'.length) as MeetingType) : undefined;
    if (type && (MEETING_TYPES as readonly string[]).includes(type) && ['monthly', 'quarterly', 'yearly', 'none'].includes(String(value))) out[type] = value as Frequency;
  }
  return out;
}

const FREQUENCY_TEXT: Record<Frequency, string> = { monthly: '每月一次，应开12次', quarterly: '每季度一次，应开4次', yearly: '每年一次', none: '不作要求' };

/**
 * A year of one organisation's calendar as a report says it: per type it must hold (and any other it held), how
 * often it is due and how many were held; and the months a required meeting was missing (e.g. “3月支部委员会”).
 */
export function yearSummary(months: readonly CalendarCell[], required: readonly MeetingType[], frequencyOf: (type: MeetingType) => Frequency): { types: { type: string; required: string; held: number }[]; missing: string[] } {
  const heldTypes = months.flatMap((m) => m.held.map((h) => h.type));
  const types = [...new Set([...required, ...heldTypes])].map((type) => ({
    type,
    required: required.includes(type) ? FREQUENCY_TEXT[frequencyOf(type)] : '按需召开',
    held: heldTypes.filter((t) => t === type).length,
  }));
  const missing = months.flatMap((m, i) => m.missing.map((t) => `${i + 1}月${t}`));
  return { types, missing };
}

/** Meeting types as a calendar's narrow cells name them (the full name is shown on hover). */
const SHORT_TYPE: Partial<Record<string, string>> = { 支部党员大会: '党员大会', 党小组会: '小组会', 组织生活会: '生活会', 党建联席会议: '联席会', 党群协商议事会: '议事会' };

export function shortMeetingType(type: string): string {
  return SHORT_TYPE[type] ?? type;
}
