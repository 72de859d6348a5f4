import { SIX_ONES } from '../person/personSchema';
import { attendanceWorth, type ActivityFacts } from './pointsLedger';

/** An in-service member's half-year as the community sees it, derived from their report and the activities. */
export interface MemberHalfYear {
  personId: string;
  name: string;
  employer: string;
  employerPartyOrg: string;
  reported: boolean;
  hours: number;
  activities: number;
  claims: { kind: string; title: string; done: boolean }[];
  sixOnesDone: string[];
  /** Why the member stands out on the list: 未报到, 未服务. */
  flags: string[];
}

export interface MemberFacts {
  id: string;
  name: string;
  employer: string;
  employerPartyOrg: string;
  reportDate: string;
}

export interface ReportFacts {
  personId: string;
  period: string;
  claims: Record<string, { kind: string; title: string; done: boolean }>;
  sixOnes: Record<string, { done: boolean }>;
}

/** Hours and activities of one person between two dates (counted hours, deleted activities not counted). */
export function serviceBetween(activities: readonly ActivityFacts[], key: string, from: string, to: string): { hours: number; activities: number } {
  let minutes = 0;
  let count = 0;
  for (const a of activities) {
    if (a.deleted || !a.rules || a.date < from || a.date > to) continue;
    const entry = a.attendance[key];
    if (!entry?.present) continue;
    const { hours } = attendanceWorth(entry, a.rules);
    if (hours <= 0) continue;
    minutes += Math.round(hours * 60);
    count++;
  }
  return { hours: minutes / 60, activities: count };
}

export function memberHalfYears(members: readonly MemberFacts[], reports: readonly ReportFacts[], activities: readonly ActivityFacts[], period: string, range: [string, string]): MemberHalfYear[] {
  const byPerson = new Map(reports.filter((r) => r.period === period).map((r) => [r.personId, r]));
  return members.map((m) => {
    const report = byPerson.get(m.id);
    const service = serviceBetween(activities, `person:${m.id}`, range[0], range[1]);
    const reported = !!m.reportDate && m.reportDate <= range[1];
    const flags = [...(reported ? [] : ['未报到']), ...(service.activities === 0 ? ['未服务'] : [])];
    return {
      personId: m.id, name: m.name, employer: m.employer, employerPartyOrg: m.employerPartyOrg, reported, ...service,
      claims: Object.values(report?.claims ?? {}), sixOnesDone: SIX_ONES.filter((k) => report?.sixOnes[k]?.done), flags,
    };
  });
}

/** The members of each employer, for one 反馈函 per employer. */
export function byEmployer(rows: readonly MemberHalfYear[]): Map<string, MemberHalfYear[]> {
  const out = new Map<string, MemberHalfYear[]>();
  for (const r of rows) out.set(r.employer, [...(out.get(r.employer) ?? []), r]);
  return out;
}
