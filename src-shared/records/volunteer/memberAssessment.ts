import { SIX_ONES } from '../person/personSchema';
import { attendanceWorth, type ActivityFacts } from './pointsLedger';
import type { ReportFacts } from './inServiceFigures';

/** Hours a person should serve in a year, by role (a setting): 50 for in-service members, as one city asks. */
export const DEFAULT_HOURS_TARGETS: Record<string, number> = { 在职党员: 50, 党员: 20, 志愿者: 20 };

export interface AssessmentPerson {
  id: string;
  name: string;
  roles: readonly string[];
}

export interface GradeFacts {
  meetingId: string;
  meetingTitle: string;
  date: string;
  grades: Record<string, string>;
}

export interface AssessmentRow {
  personId: string;
  name: string;
  role: string;
  target: number;
  hours: number;
  activities: number;
  claimsDone: number;
  claims: number;
  sixOnesDone: number;
  /** 民主评议 of the year (the latest meeting that graded the person), or ''. */
  grade: string;
  gradeMeetingId: string;
  meetsTarget: boolean;
}

/** The role a person's hours target follows: the first of 在职党员, 党员, 志愿者 they hold. */
export function assessedRole(roles: readonly string[]): string | undefined {
  return ['在职党员', '党员', '志愿者'].find((r) => roles.includes(r));
}

/** 年度考核: per person, the year's hours against the role's target, activities, claims, six ones and 民主评议 grade. */
export function yearAssessment(people: readonly AssessmentPerson[], year: string, activities: readonly ActivityFacts[], reports: readonly ReportFacts[], gradeMeetings: readonly GradeFacts[], targets: Record<string, number>): AssessmentRow[] {
  const reportsOf = new Map<string, ReportFacts[]>();
  for (const r of reports) if (r.period.startsWith(year)) reportsOf.set(r.personId, [...(reportsOf.get(r.personId) ?? []), r]);
  const meetings = gradeMeetings.filter((m) => m.date.startsWith(year)).sort((a, b) => b.date.localeCompare(a.date));
  // One pass over the year's attendance: every person's minutes and activities.
  const service = new Map<string, { minutes: number; count: number }>();
  for (const a of activities) {
    if (a.deleted || !a.rules || !a.date.startsWith(year)) continue;
    for (const [key, entry] of Object.entries(a.attendance)) {
      if (!entry.present) continue;
      const { hours } = attendanceWorth(entry, a.rules);
      if (hours <= 0) continue;
      const s = service.get(key) ?? { minutes: 0, count: 0 };
      s.minutes += Math.round(hours * 60);
      s.count++;
      service.set(key, s);
    }
  }
  const rows: AssessmentRow[] = [];
  for (const p of people) {
    const role = assessedRole(p.roles);
    if (!role) continue;
    const served = service.get(`person:${p.id}`) ?? { minutes: 0, count: 0 };
    const hours = served.minutes / 60;
    const mine = reportsOf.get(p.id) ?? [];
    const claims = mine.flatMap((r) => Object.values(r.claims));
    const six = new Set(mine.flatMap((r) => SIX_ONES.filter((k) => r.sixOnes[k]?.done)));
    const graded = meetings.find((m) => m.grades[p.id]);
    const target = targets[role] ?? 0;
    rows.push({
      personId: p.id, name: p.name, role, target, hours, activities: served.count, claimsDone: claims.filter((c) => c.done).length, claims: claims.length, sixOnesDone: six.size,
      grade: graded?.grades[p.id] ?? '', gradeMeetingId: graded?.meetingId ?? '', meetsTarget: hours >= target,
    });
  }
  return rows;
}
