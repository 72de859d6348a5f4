import { countedHours, pointsFor, roundPoints, servedHours, type ActivityRules } from './pointRules';
import type { PointKind } from './pointEntrySchema';

/**
 * The points ledger as pure functions: balances are always the sum of the lines (never stored), an activity's service
 * points are posted as the difference between what its attendance is worth and what is already posted, and a check
 * recomputes everything to show what a merge of two offline PCs left for a person to settle.
 */

export interface LedgerLine {
  id: string;
  personKey: string;
  personName: string;
  date: string;
  kind: PointKind;
  points: number;
  hours: number;
  activityId: string;
  item: string;
  handedBy: string;
  reason: string;
  reverses: string;
  createdAt: number;
  createdBy: string;
}

export interface ActivityFacts {
  id: string;
  title: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  deleted: boolean;
  rules?: ActivityRules;
  distinctFrom?: readonly string[];
  attendance: Record<string, { name: string; present: boolean; arrive: string; leave: string }>;
}

/** Points and balances are summed in tenths: 0.1 + 0.2 is 0.3 here. */
const tenths = (n: number) => Math.round(n * 10);

export function balances(lines: readonly Pick<LedgerLine, 'personKey' | 'points'>[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(l.personKey, (sums.get(l.personKey) ?? 0) + tenths(l.points));
  return new Map([...sums].map(([k, v]) => [k, v / 10]));
}

export function balanceOf(lines: readonly Pick<LedgerLine, 'personKey' | 'points'>[], personKey: string): number {
  let sum = 0;
  for (const l of lines) if (l.personKey === personKey) sum += tenths(l.points);
  return sum / 10;
}

/** A person's lines in order with the balance after each (the 积分存折). */
export function statement<L extends LedgerLine>(lines: readonly L[], personKey: string): (L & { balance: number })[] {
  let sum = 0;
  return lines
    .filter((l) => l.personKey === personKey)
    .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt - b.createdAt)
    .map((l) => ({ ...l, balance: (sum += tenths(l.points)) / 10 }));
}

/**
 * What one attendance is worth under the activity's rules (0 when not present). Hours and points are kept apart
 * (DOMAIN.md): `hours` is the time served as signed, in the rule's steps only, for certificates, 公示, 在职党员 and 考核;
 * the per-activity cap applies to points alone (`pointHours`, the hours the points are computed from).
 */
export function attendanceWorth(entry: ActivityFacts['attendance'][string], rules: ActivityRules): { hours: number; pointHours: number; points: number } {
  if (!entry.present || !entry.arrive || !entry.leave) return { hours: 0, pointHours: 0, points: 0 };
  const pointHours = countedHours(entry.arrive, entry.leave, rules);
  return { hours: servedHours(entry.arrive, entry.leave, rules.stepMinutes), pointHours, points: pointsFor(pointHours, rules) };
}

export interface Posting {
  personKey: string;
  personName: string;
  points: number;
  hours: number;
}

/**
 * The lines to post so that an activity's service lines add up to what its attendance is worth (a deleted activity is
 * worth nothing): new attendees earn, changed times are corrected by the difference, never by editing a line.
 */
export function postingsFor(activity: ActivityFacts, posted: readonly Pick<LedgerLine, 'personKey' | 'personName' | 'points' | 'hours' | 'activityId' | 'kind'>[]): Posting[] {
  const already = new Map<string, { name: string; points: number; hours: number }>();
  for (const l of posted) {
    if (l.activityId !== activity.id || (l.kind !== '服务' && l.kind !== '冲正')) continue;
    const sum = already.get(l.personKey) ?? { name: l.personName, points: 0, hours: 0 };
    sum.points += tenths(l.points);
    sum.hours += Math.round(l.hours * 60);
    already.set(l.personKey, sum);
  }
  const out: Posting[] = [];
  const keys = new Set([...already.keys(), ...(activity.deleted ? [] : Object.keys(activity.attendance))]);
  for (const key of keys) {
    const entry = activity.deleted ? undefined : activity.attendance[key];
    const worth = entry && activity.rules ? attendanceWorth(entry, activity.rules) : { hours: 0, pointHours: 0, points: 0 };
    const have = already.get(key) ?? { name: entry?.name ?? '', points: 0, hours: 0 };
    // A service line carries the hours its points were computed from (capped), beside the points.
    const points = (tenths(worth.points) - have.points) / 10;
    const hours = (Math.round(worth.pointHours * 60) - have.hours) / 60;
    if (points !== 0 || hours !== 0) out.push({ personKey: key, personName: entry?.name ?? have.name, points, hours });
  }
  return out;
}

export interface Reconciliation {
  balances: Map<string, number>;
  /** Activities whose posted lines differ from what their attendance is worth (both PCs posted the same change). */
  unsettled: { activity: ActivityFacts; postings: Posting[] }[];
  /**
   * People whose balance is below zero, and why: redemptions beyond the balance (often two PCs offline), or a reversal
   * of points already spent (`reversal`: the 冲正 that took it below zero; redemptions of items handed over stay).
   */
  overdrawn: { personKey: string; personName: string; balance: number; redemptions: LedgerLine[]; cause: '兑换超出余额' | '冲正已用积分'; reversal?: LedgerLine }[];
}

/** Recomputes every balance from the lines and checks every activity's postings: what a person must settle. */
export function reconcile(activities: readonly ActivityFacts[], lines: readonly LedgerLine[]): Reconciliation {
  const byActivity = new Map<string, LedgerLine[]>();
  for (const l of lines) {
    if (!l.activityId) continue;
    const list = byActivity.get(l.activityId);
    if (list) list.push(l);
    else byActivity.set(l.activityId, [l]);
  }
  const unsettled: Reconciliation['unsettled'] = [];
  for (const activity of activities) {
    const postings = postingsFor(activity, byActivity.get(activity.id) ?? []);
    if (postings.length > 0) unsettled.push({ activity, postings });
  }
  const all = balances(lines);
  const overdrawn: Reconciliation['overdrawn'] = [];
  for (const [personKey, balance] of all) {
    if (balance >= 0) continue;
    const mine = lines.filter((l) => l.personKey === personKey);
    // The line after which the running balance first went below zero names the cause.
    const first = statement(mine, personKey).find((l) => l.balance < 0);
    const reversal = first?.kind === '冲正' ? first : undefined;
    overdrawn.push({ personKey, personName: mine[0]!.personName, balance, redemptions: mine.filter((l) => l.kind === '兑换').sort((a, b) => a.createdAt - b.createdAt), cause: reversal ? '冲正已用积分' : '兑换超出余额', reversal });
  }
  return { balances: all, unsettled, overdrawn };
}

/**
 * What reversing a line does, said before it is done: the balance it leaves, and, when that is below zero, that the
 * items already handed over are not taken back and the shortfall is set against later points.
 */
export function reversalWarning(line: Pick<LedgerLine, 'kind' | 'points'>, personName: string, balance: number): string {
  const after = roundPoints(balance - line.points);
  const base = `冲正后${personName}的积分余额由 ${balance} 分变为 ${after} 分。`;
  if (after >= 0) return base;
  return `${base}余额将为负数：积分已被兑换使用，已兑换的物品不退回，负数由以后获得的积分抵扣，公示时注明原因。`;
}

/** A redemption within the balance on this PC, or the message naming the balance and the fix. */
export function redemptionProblem(personName: string, balance: number, points: number): string | null {
  if (!(points > 0)) return '兑换积分须大于 0';
  if (roundPoints(points) !== points) return '兑换积分最多一位小数';
  if (points > balance) return `${personName}积分余额 ${balance} 分，兑换 ${points} 分超出余额；请减少兑换分数，或先核对积分`;
  return null;
}

const normalise = (s: string) => s.replace(/\s|[（）()【】[\]·、，,。]/g, '');

/**
 * Activities that are likely one activity entered on two PCs: the same date, the same name (or the same place at
 * overlapping times), and at least half of the smaller list of people in both. Flagged for a person to merge.
 */
export function likelyDuplicates(activities: readonly ActivityFacts[]): [ActivityFacts, ActivityFacts][] {
  const byDate = new Map<string, ActivityFacts[]>();
  for (const a of activities) if (!a.deleted) byDate.set(a.date, [...(byDate.get(a.date) ?? []), a]);
  const out: [ActivityFacts, ActivityFacts][] = [];
  for (const list of byDate.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        if (a.distinctFrom?.includes(b.id) || b.distinctFrom?.includes(a.id)) continue;
        const sameName = normalise(a.title) === normalise(b.title);
        const samePlace = a.place !== '' && normalise(a.place) === normalise(b.place) && (!a.startTime || !b.startTime || (a.startTime < (b.endTime || '24:00') && b.startTime < (a.endTime || '24:00')));
        if (!sameName && !samePlace) continue;
        const pa = Object.keys(a.attendance).filter((k) => a.attendance[k]!.present);
        const pb = new Set(Object.keys(b.attendance).filter((k) => b.attendance[k]!.present));
        const common = pa.filter((k) => pb.has(k)).length;
        const smaller = Math.min(pa.length, pb.size);
        if (smaller === 0 ? sameName : common * 2 >= smaller) out.push(a.date <= b.date ? [a, b] : [b, a]);
      }
    }
  }
  return out;
}

/** Certificate numbers two PCs gave out offline twice (志证〔2026〕第 3 号 on both): each later one needs a new number. */
export function duplicateNumbers<C extends { id: string; year: number; seq: number; createdAt: number }>(certificates: readonly C[]): C[] {
  const first = new Map<string, C>();
  const later: C[] = [];
  for (const c of [...certificates].sort((a, b) => a.createdAt - b.createdAt)) {
    const key = `${c.year}-${c.seq}`;
    if (first.has(key)) later.push(c);
    else first.set(key, c);
  }
  return later;
}
