import type * as Y from 'yjs';
import type { CalendarFacts } from '../records/meeting/meetingCalendar';
import type { ActivityFacts } from '../records/volunteer/pointsLedger';
import type { Repositories } from '../repository/repositories';
import { meetingCompletion, volunteerMonthsChart } from '../workbench/charts';
import { MEMBER_FACT_FIELDS, memberStructure, membersOf, YEARLY_COLUMNS, yearlySummary, type MemberFacts, type YearlyColumn } from '../workbench/memberStructure';
import { todoCards, type TodoCardKey } from '../workbench/todoCards';

/**
 * What the street's 工作台 needs of one community, made by the street server's worker with the community's own rules
 * (the same 今日待办 and 统计 as on its PC): the counts for the street's table, and the rows and bands for the
 * drill-down into one community.
 */
export interface StreetWorkbenchSummary {
  todo: Record<TodoCardKey, number>;
  /** This year's figures of the community as a whole (the yearly table's top row). */
  members: Record<YearlyColumn, number>;
  /** 三会一课 of the year's ended months: due and held. */
  meetings: { due: number; held: number };
  volunteerHours: number;
}

export interface StreetWorkbenchDetail {
  todo: { key: TodoCardKey; title: string; count: number; rows: { text: string; note: string; overdue: boolean }[] }[];
  structure: { key: string; title: string; bands: { label: string; count: number }[] }[];
}

/** Rows of each card kept for the drill-down: enough to act on, bounded so one community's detail stays small. */
export const STREET_TODO_ROWS = 30;

export function streetWorkbench(repos: Repositories, doc: Y.Doc, today: string, calendar: CalendarFacts, service: readonly ActivityFacts[]): { summary: StreetWorkbenchSummary; detail: StreetWorkbenchDetail } {
  const cards = todoCards(repos, doc, today);
  const people = repos.people.pick(MEMBER_FACT_FIELDS) as unknown as MemberFacts[];
  const year = Number(today.slice(0, 4));
  const top = yearlySummary(people, [{ id: 'community', name: '', parentId: '', depth: 0 }], year, today)[0]!;
  const completion = meetingCompletion(calendar, year, today, null);
  const hours = volunteerMonthsChart(service, [], year).series[0]!.values.reduce<number>((a, b) => a + (b ?? 0), 0);
  return {
    summary: {
      todo: Object.fromEntries(cards.map((c) => [c.key, c.count])) as Record<TodoCardKey, number>,
      members: Object.fromEntries(YEARLY_COLUMNS.map((c) => [c.key, top.figures[c.key].length])) as Record<YearlyColumn, number>,
      meetings: completion.reduce((s, r) => r.months.reduce((t, m) => ({ due: t.due + m.due, held: t.held + m.held }), s), { due: 0, held: 0 }),
      volunteerHours: Math.round(hours * 10) / 10,
    },
    detail: {
      todo: cards.map((c) => ({ key: c.key, title: c.title, count: c.count, rows: c.rows.slice(0, STREET_TODO_ROWS).map((r) => ({ text: r.text, note: r.note, overdue: r.overdue })) })),
      structure: memberStructure(membersOf(people, null), today).map((d) => ({ key: d.key, title: d.title, bands: d.bands.map((b) => ({ label: b.label, count: b.ids.length })) })),
    },
  };
}
