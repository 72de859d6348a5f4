import type { CommunityStanding } from '../../../src-shared/street/streetAnswerTypes';
import type { BookingFacts, AvailabilityQuery } from '../../../src-shared/records/booking/bookingRules';
import { streetFreeVenues, type CommunityVenues } from '../../../src-shared/records/booking/streetAvailability';
import type { CoBuildingSettings } from '../../../src-shared/records/coBuilding/coBuildingSettings';
import { whistleRows } from '../../../src-shared/records/coBuilding/streetWhistles';
import type { UnitAssessmentRow } from '../../../src-shared/records/coBuilding/unitAssessment';
import { responseTimes, type WhistleFacts } from '../../../src-shared/records/coBuilding/whistleRules';
import { communityCalendar, type CalendarFacts } from '../../../src-shared/records/meeting/meetingCalendar';
import type { StreetFacts } from '../../../src-shared/street/streetFacts';
import type { StreetWorkbenchDetail, StreetWorkbenchSummary } from '../../../src-shared/street/streetWorkbench';
import type { StreetFactsState, StreetFactsStore } from './streetFactsStore';

/**
 * The street's questions answered from the stored street facts (run in the worker thread, never on the thread that
 * syncs): each community of the scope with the time its figures were brought up to date, or why it could not be read;
 * tables paged on the server, the records behind a figure fetched on their own.
 */

export interface Scope {
  /** The communities the token may read, with the server's own names for them. */
  docs: { doc: string; name: string }[];
}

export type { CommunityStanding };

export function standings(store: StreetFactsStore, scope: Scope, latestSeq: (doc: string) => number): CommunityStanding[] {
  const states = new Map<string, StreetFactsState>(store.states().map((s) => [s.doc, s]));
  return scope.docs.map(({ doc, name }) => {
    const s = states.get(doc);
    return {
      code: doc, community: s?.name || name || doc, asOf: s?.computedAt ?? 0, updating: !s || s.seq < latestSeq(doc),
      problem: s?.problem ?? '',
    };
  });
}

const page = <T>(items: readonly T[], p: { page: number; pageSize: number }) => items.slice((p.page - 1) * p.pageSize, p.page * p.pageSize);

/** The 三会一课 calendar of a year, a page of communities at a time. */
export function calendarAnswer(store: StreetFactsStore, standing: CommunityStanding[], year: number, today: string, paging: { page: number; pageSize: number }) {
  const shown = page(standing, paging);
  const facts = store.column('calendar', shown.map((s) => s.code));
  return {
    total: standing.length, page: paging.page, pageSize: paging.pageSize,
    communities: shown.map((s) => ({ ...s, rows: facts.has(s.code) ? communityCalendar(JSON.parse(facts.get(s.code)!) as CalendarFacts, year, today) : [] })),
  };
}

/** 全街道查空闲场地: the bookings of that date only, read by index, against each community's venues. */
export function venueAnswer(store: StreetFactsStore, standing: CommunityStanding[], query: AvailabilityQuery) {
  const codes = standing.map((s) => s.code);
  const venues = store.column('venues', codes);
  const bookings = store.bookingsOn(query.date, codes);
  const communities: CommunityVenues[] = standing.filter((s) => venues.has(s.code)).map((s) => ({
    code: s.code, community: s.community, venues: JSON.parse(venues.get(s.code)!) as CommunityVenues['venues'], bookings: (bookings.get(s.code) ?? []).map((j) => JSON.parse(j) as BookingFacts),
  }));
  return { venues: streetFreeVenues(communities, query), communities: standing };
}

type StoredWhistle = StreetFacts['whistles'][number];

/**
 * Every community's whistles, overdue first, then newest, a page at a time (ordered by SQL: an overdue whistle is one
 * still open past its deadline), with each unit named on it and how fast it reported.
 */
export function whistlesAnswer(store: StreetFactsStore, standing: CommunityStanding[], today: string, filter: { community?: string; status?: string; page: number; pageSize: number }) {
  const codes = standing.map((s) => s.code).filter((c) => !filter.community || c === filter.community);
  const names = new Map(standing.map((s) => [s.code, s.community]));
  if (codes.length === 0) return { total: 0, page: filter.page, pageSize: filter.pageSize, rows: [], communities: standing };
  const marks = codes.map(() => '?').join(',');
  const overdue = "(closed_at = '' AND deadline <> '' AND deadline < ?)";
  const where = `doc IN (${marks})${filter.status === 'overdue' ? ` AND ${overdue}` : filter.status === 'open' ? " AND closed_at = ''" : filter.status === 'closed' ? " AND closed_at <> ''" : ''}`;
  const args = filter.status === 'overdue' ? [...codes, today] : codes;
  const db = store.database;
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM street_whistles WHERE ${where}`).get(...args) as { n: number }).n;
  const rows = db.prepare(`SELECT doc, json FROM street_whistles WHERE ${where} ORDER BY ${overdue} DESC, date DESC, doc, id LIMIT ? OFFSET ?`)
    .all(...args, today, filter.pageSize, (filter.page - 1) * filter.pageSize) as { doc: string; json: string }[];
  return {
    total, page: filter.page, pageSize: filter.pageSize, communities: standing,
    rows: rows.map(({ doc, json }) => {
      const w = JSON.parse(json) as StoredWhistle;
      const responses = responseTimes(w as WhistleFacts).map((r) => ({ name: r.name, hours: r.hours }));
      return { code: doc, community: names.get(doc) ?? doc, ...whistleRows([w], today)[0]!, responses };
    }),
  };
}

/** A community's resident units, for the street raising a whistle to them. */
export function unitsAnswer(store: StreetFactsStore, standing: CommunityStanding[]) {
  const units = store.column('units', standing.map((s) => s.code));
  return standing.map((s) => ({ code: s.code, community: s.community, units: units.has(s.code) ? (JSON.parse(units.get(s.code)!) as { id: string; name: string }[]) : [] }));
}

/** 年度考核 across the street for a year and a role: each community's summary, and a page of its people. */
export function assessmentAnswer(store: StreetFactsStore, standing: CommunityStanding[], year: string, role: string, paging: { community?: string; page: number; pageSize: number }) {
  const db = store.database;
  const members = store.column('members', standing.map((s) => s.code));
  // One pass over the year's rows for every community's people, those meeting the target and their hours.
  const counts = new Map((db.prepare("SELECT doc, COUNT(*) AS people, SUM(meets) AS meets, SUM(json_extract(json, '$.hours')) AS hours FROM street_member_rows WHERE year = ? AND role = ? GROUP BY doc").all(year, role) as { doc: string; people: number; meets: number; hours: number }[]).map((r) => [r.doc, r]));
  const communities = standing.map((s) => {
    const targets = members.has(s.code) ? (JSON.parse(members.get(s.code)!) as { targets: Record<string, number> }).targets : {};
    const c = counts.get(s.code);
    return { ...s, target: targets[role] ?? 0, people: c?.people ?? 0, meets: c?.meets ?? 0, hours: Math.round((c?.hours ?? 0) * 10) / 10 };
  });
  const codes = communities.map((c) => c.code).filter((c) => !paging.community || c === paging.community);
  const marks = codes.map(() => '?').join(',') || "''";
  const names = new Map(standing.map((s) => [s.code, s.community]));
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM street_member_rows WHERE year = ? AND role = ? AND doc IN (${marks})`).get(year, role, ...codes) as { n: number }).n;
  const rows = (db.prepare(`SELECT doc, json FROM street_member_rows WHERE year = ? AND role = ? AND doc IN (${marks}) ORDER BY doc, ord LIMIT ? OFFSET ?`).all(year, role, ...codes, paging.pageSize, (paging.page - 1) * paging.pageSize) as { doc: string; json: string }[])
    .map((r) => ({ code: r.doc, community: names.get(r.doc) ?? r.doc, ...JSON.parse(r.json) }));
  return { communities, total, page: paging.page, pageSize: paging.pageSize, rows };
}

/** 驻区单位考核 across the street for a period: each community's items and a page of units, figures without their records. */
export function unitAssessmentAnswer(store: StreetFactsStore, standing: CommunityStanding[], period: string, paging: { community?: string; page: number; pageSize: number }) {
  const db = store.database;
  const items = store.column('unit_items', standing.map((s) => s.code));
  const codes = standing.map((s) => s.code).filter((c) => !paging.community || c === paging.community);
  const marks = codes.map(() => '?').join(',') || "''";
  const names = new Map(standing.map((s) => [s.code, s.community]));
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM street_unit_rows WHERE period = ? AND doc IN (${marks})`).get(period, ...codes) as { n: number }).n;
  const rows = (db.prepare(`SELECT doc, json FROM street_unit_rows WHERE period = ? AND doc IN (${marks}) ORDER BY doc, score DESC, name LIMIT ? OFFSET ?`).all(period, ...codes, paging.pageSize, (paging.page - 1) * paging.pageSize) as { doc: string; json: string }[])
    .map((r) => {
      const row = JSON.parse(r.json) as UnitAssessmentRow;
      // The records behind each figure stay on the server until a person opens that figure.
      const figures = Object.fromEntries(Object.entries(row.figures).map(([k, f]) => [k, { ...f, records: [], recordCount: f.records.length }]));
      return { code: r.doc, community: names.get(r.doc) ?? r.doc, unitId: row.unitId, unitName: row.unitName, score: row.score, figures, registered: row.inServiceRegistered.length };
    });
  return {
    total, page: paging.page, pageSize: paging.pageSize, rows,
    communities: standing.map((s) => ({ ...s, unitItems: items.has(s.code) ? (JSON.parse(items.get(s.code)!) as CoBuildingSettings['unitItems']) : null })),
  };
}

/** The records behind one figure of one unit (or its registered in-service members, `item` = registered). */
export function unitRecordsAnswer(store: StreetFactsStore, doc: string, period: string, unitId: string, item: string) {
  const row = store.database.prepare('SELECT json FROM street_unit_rows WHERE doc = ? AND period = ? AND unit_id = ?').get(doc, period, unitId) as { json: string } | undefined;
  if (!row) return { records: [] };
  const unit = JSON.parse(row.json) as UnitAssessmentRow;
  return { records: item === 'registered' ? unit.inServiceRegistered : unit.figures[item as keyof UnitAssessmentRow['figures']]?.records ?? [] };
}

/** The street's 工作台: each community's 待办 counts and figures, one row per community (a few hundred bytes each). */
export function workbenchAnswer(store: StreetFactsStore, standing: CommunityStanding[]) {
  const summaries = store.workbench('summary', standing.map((s) => s.code));
  return { communities: standing.map((s) => ({ ...s, summary: summaries.has(s.code) ? (JSON.parse(summaries.get(s.code)!) as StreetWorkbenchSummary) : null })) };
}

/** One community's 工作台 opened from the street: its 待办 rows and its members' structure, with when they were made. */
export function workbenchCommunityAnswer(store: StreetFactsStore, standing: CommunityStanding[], doc: string) {
  const detail = store.workbench('detail', [doc]).get(doc);
  return { communities: standing.filter((s) => s.code === doc), detail: detail ? (JSON.parse(detail) as StreetWorkbenchDetail) : null };
}
