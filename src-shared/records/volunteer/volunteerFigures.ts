import { attendanceWorth, type ActivityFacts, type LedgerLine } from './pointsLedger';
import { compareChinese } from '../../text/chineseOrder';

/** Figures derived from activities and lines every time (never stored): a month's 公示, a person's service. */

const tenths = (n: number) => Math.round(n * 10);

export interface MonthFigures {
  personKey: string;
  name: string;
  hours: number;
  earned: number;
  redeemed: number;
  /** The balance at the end of the month. */
  balance: number;
}

/** 月度公示: everyone with service or points in the month (hours from attendance, points from the lines). */
export function monthFigures(activities: readonly ActivityFacts[], lines: readonly LedgerLine[], month: string): MonthFigures[] {
  const end = `${month}-31`;
  const rows = new Map<string, { name: string; minutes: number; earned: number; redeemed: number; balance: number; active: boolean }>();
  const row = (key: string, name: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { name, minutes: 0, earned: 0, redeemed: 0, balance: 0, active: false }));
    return r;
  };
  for (const a of activities) {
    if (a.deleted || !a.rules || !a.date.startsWith(month)) continue;
    for (const [key, entry] of Object.entries(a.attendance)) {
      const { hours } = attendanceWorth(entry, a.rules);
      if (hours <= 0) continue;
      const r = row(key, entry.name);
      r.minutes += Math.round(hours * 60);
      r.active = true;
    }
  }
  for (const l of lines) {
    if (l.date > end) continue;
    const r = row(l.personKey, l.personName);
    r.balance += tenths(l.points);
    if (!l.date.startsWith(month)) continue;
    r.active = true;
    if (l.kind === '兑换') r.redeemed -= tenths(l.points);
    else r.earned += tenths(l.points);
  }
  return [...rows]
    .filter(([, r]) => r.active)
    .map(([personKey, r]) => ({ personKey, name: r.name, hours: r.minutes / 60, earned: r.earned / 10, redeemed: r.redeemed / 10, balance: r.balance / 10 }))
    .sort((a, b) => b.hours - a.hours || compareChinese(a.name, b.name));
}

/** A person's service over a period, by activity (the certificate's rows). */
export function serviceOf(activities: readonly ActivityFacts[], personKey: string, from: string, to: string): { date: string; title: string; hours: number }[] {
  const out: { date: string; title: string; hours: number }[] = [];
  for (const a of activities) {
    if (a.deleted || !a.rules || a.date < from || a.date > to) continue;
    const entry = a.attendance[personKey];
    if (!entry) continue;
    const { hours } = attendanceWorth(entry, a.rules);
    if (hours > 0) out.push({ date: a.date, title: a.title, hours });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
