import type { Repositories } from '../../repository/repositories';
import type { ActivityFacts, LedgerLine } from './pointsLedger';
import { postingsFor } from './pointsLedger';

/**
 * The ledger over the community's repositories: the activities and lines as the pure rules read them, and the one
 * way service points are written (`settleActivity`), used by the batch entry, by merging duplicates and by settling
 * what a merge left unsettled.
 */

type Repos = Pick<Repositories, 'serviceActivities' | 'pointEntries'>;

export function ledgerLines(repos: Repos): LedgerLine[] {
  return repos.pointEntries
    .pick(['personKey', 'personName', 'date', 'kind', 'points', 'hours', 'activityId', 'item', 'handedBy', 'reason', 'reverses']) as LedgerLine[];
}

/** Every activity, deleted ones included (their points must be taken back). */
export function activityFacts(repos: Repos): ActivityFacts[] {
  return repos.serviceActivities.list({ includeDeleted: true }).map((a) => ({
    id: a.id, title: a.title, date: a.date, startTime: a.startTime, endTime: a.endTime, place: a.place, deleted: a.meta.deleted, rules: a.rules, distinctFrom: a.distinctFrom, attendance: a.attendance,
  }));
}

export function activityFactsOf(repos: Repos, id: string): ActivityFacts | undefined {
  const a = repos.serviceActivities.get(id);
  return a && { id: a.id, title: a.title, date: a.date, startTime: a.startTime, endTime: a.endTime, place: a.place, deleted: a.meta.deleted, rules: a.rules, attendance: a.attendance };
}

/**
 * Posts the lines that make an activity's service points match its attendance (none when they already match), dated
 * `date`. Call inside the same transaction as the attendance change, so both are saved or neither.
 */
export function settleActivity(repos: Repos, activityId: string, date: string): number {
  const activity = activityFactsOf(repos, activityId);
  if (!activity) return 0;
  const posted = repos.pointEntries.idsWithValue('activityId', activityId).map((id) => repos.pointEntries.get(id)!);
  const postings = postingsFor(activity, posted);
  for (const p of postings) {
    const first = !posted.some((l) => l.personKey === p.personKey);
    repos.pointEntries.create({
      personKey: p.personKey, personName: p.personName, date, kind: '服务', points: p.points, hours: p.hours, activityId,
      reason: first ? '' : activity.deleted ? `活动「${activity.title}」已删除，收回积分` : `活动「${activity.title}」时长更正`,
    });
  }
  return postings.length;
}

/**
 * One activity entered on two PCs, merged by a person: the people of the second who are missing from the first are
 * added to it, the second is deleted, and the points of both are settled (the duplicate's taken back, the added
 * people's earned). Call inside one transaction.
 */
export function mergeDuplicateActivities(repos: Repos, keepId: string, dropId: string, date: string): void {
  const keep = repos.serviceActivities.get(keepId);
  const drop = repos.serviceActivities.get(dropId);
  if (!keep || !drop) return;
  const added = Object.fromEntries(Object.entries(drop.attendance).filter(([key, e]) => e.present && !keep.attendance[key]?.present));
  repos.serviceActivities.update(keepId, { attendance: added });
  repos.serviceActivities.delete(dropId);
  settleActivity(repos, keepId, date);
  settleActivity(repos, dropId, date);
}
