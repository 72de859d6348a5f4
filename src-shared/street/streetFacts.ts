import type * as Y from 'yjs';
import { readCommunityInfo } from '../community/communityInfo';
import { factsOfBookings } from '../records/booking/bookingFacts';
import type { BookingFacts, VenueFacts } from '../records/booking/bookingRules';
import { unitAssessmentInputs } from '../records/coBuilding/coBuildingFacts';
import type { CoBuildingSettings } from '../records/coBuilding/coBuildingSettings';
import { unitAssessment, type UnitAssessmentRow } from '../records/coBuilding/unitAssessment';
import type { WhistleFacts } from '../records/coBuilding/whistleRules';
import type { CalendarFacts } from '../records/meeting/meetingCalendar';
import { yearAssessment, type AssessmentRow } from '../records/volunteer/memberAssessment';
import { createRepositories } from '../repository/repositories';
import { CommunitySettings } from '../settings/communitySettings';
import { streetWorkbench } from './streetWorkbench';
import { calendarFactsOf } from '../workbench/todoCards';

/**
 * What the street's views other than the overview and the feed need of one community, read from its whole document
 * once (by the server's worker thread, after its updates are stored) and kept in the server's SQLite: the calendar's
 * meetings and organisations, the venues and bookings, the whistles and units, and the 考核 rows already computed for
 * each year (and half-year) the street's pages offer (this one and the two before) that has records. A street question is then answered from these, never from a document.
 */
export interface StreetFacts {
  code: string;
  name: string;
  calendar: CalendarFacts;
  venues: (VenueFacts & { ownerName: string })[];
  bookings: BookingFacts[];
  whistles: (WhistleFacts & { urgency: string; raisedBy: string })[];
  units: { id: string; name: string }[];
  /** Hours targets by role, and the 年度考核 rows of every role for each year with records. */
  members: { targets: Record<string, number>; years: { year: string; rows: AssessmentRow[] }[] };
  unitItems: CoBuildingSettings['unitItems'];
  /** The units' 考核 for each year and half-year with records, as of `today`, each figure with its records. */
  unitPeriods: { period: string; rows: UnitAssessmentRow[] }[];
  /** The street's 工作台: today's work and this year's figures, as counts and as the drill-down's rows. */
  workbench: ReturnType<typeof streetWorkbench>;
}

/** The street's 考核 pages offer this year and the two before it. */
export const STREET_ASSESSMENT_YEARS = 3;

/** The years of the street's 考核 a community has records in (meetings, activities, bookings, whistles), up to this one. */
function yearsOf(dates: Iterable<string>, today: string): string[] {
  const years = new Set<string>([today.slice(0, 4)]);
  const first = String(Number(today.slice(0, 4)) - STREET_ASSESSMENT_YEARS + 1);
  for (const d of dates) if (/^\d{4}/.test(d) && d.slice(0, 4) <= today.slice(0, 4) && d.slice(0, 4) >= first) years.add(d.slice(0, 4));
  return [...years].sort();
}

export function readStreetFacts(doc: Y.Doc, code: string, today: string): StreetFacts {
  const info = readCommunityInfo(doc);
  // Read-only: the repositories only read this document.
  const repos = createRepositories(doc, { actor: () => ({ name: '街道服务器', device: 'server' }), now: () => Date.now() });
  const settings = new CommunitySettings(doc);
  const calendar = calendarFactsOf(repos, doc);
  const units = repos.residentUnits.list();
  const venues = repos.venues.list().map((v) => ({
    id: v.id, name: v.name, ownerUnitId: v.ownerUnitId, ownerName: v.ownerUnitId ? units.find((u) => u.id === v.ownerUnitId)?.name ?? '' : '',
    capacity: v.capacity, equipment: v.equipment, openingHours: v.openingHours, closures: v.closures, rules: v.rules,
  }));
  const bookings = factsOfBookings(repos.bookings as never);
  const co = unitAssessmentInputs(repos);
  const coSettings = settings.coBuilding();
  const people = repos.people.pick(['name', 'roles']).map((p) => ({ id: p.id, name: p.name, roles: p.roles }));
  const reports = repos.inServiceReports.list();
  const grades = repos.meetings.list().filter((m) => m.meetingType === '民主评议').map((m) => ({ meetingId: m.id, meetingTitle: m.title, date: m.date, grades: Object.fromEntries(Object.entries(m.grades).map(([k, g]) => [k, g.grade])) }));
  const targets = settings.hoursTargets();
  const years = yearsOf([...calendar.meetings.map((m) => m.date), ...co.service.map((a) => a.date), ...co.whistles.map((w) => w.date), ...co.activities.map((a) => a.date), ...bookings.map((b) => b.date)], today);
  return {
    code,
    name: info?.name ?? '',
    calendar,
    venues,
    bookings,
    whistles: co.whistles as StreetFacts['whistles'],
    units: units.map((u) => ({ id: u.id, name: u.name })),
    members: { targets, years: years.map((year) => ({ year, rows: yearAssessment(people, year, co.service, reports, grades, targets) })) },
    unitItems: coSettings.unitItems,
    unitPeriods: years.flatMap((year) => [year, `${year}-H1`, `${year}-H2`]).map((period) => ({ period, rows: unitAssessment(co, period, coSettings, today) })),
    workbench: streetWorkbench(repos, doc, today, calendar, co.service),
  };
}
