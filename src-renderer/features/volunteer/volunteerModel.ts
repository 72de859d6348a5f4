import { useMemo } from 'react';
import type { ActivityFacts, LedgerLine } from '../../../src-shared/records/volunteer/pointsLedger';
import { activityFacts, ledgerLines } from '../../../src-shared/records/volunteer/volunteerLedger';
import { useRepositoryVersion, useSession } from '../../app/storeContext';

/** Who a ledger key names: a roster person (`person:<id>`) or a walk-in resident (`walkin:<name>|<phone>`). */
export interface Participant {
  key: string;
  name: string;
  phone: string;
  personId?: string;
}

export const personKey = (id: string) => `person:${id}`;
export const walkinKey = (name: string, phone: string) => `walkin:${name.trim()}|${phone.trim()}`;

/** Every activity and every ledger line as the rules read them, current with every change and merge. */
export function useLedger(): { activities: ActivityFacts[]; lines: LedgerLine[] } {
  const { store } = useSession();
  const activityVersion = useRepositoryVersion(store.repos.serviceActivities as never);
  const lineVersion = useRepositoryVersion(store.repos.pointEntries as never);
  const activities = useMemo(() => activityFacts(store.repos), [store, activityVersion]);
  const lines = useMemo(() => ledgerLines(store.repos), [store, lineVersion]);
  return { activities, lines };
}

/** A participant of a key, from the rosters or as the walk-in was written. */
export function participantOf(store: ReturnType<typeof useSession>['store'], key: string, fallbackName = ''): Participant {
  if (key.startsWith('person:')) {
    const p = store.repos.people.get(key.slice(7));
    return { key, name: p?.name ?? fallbackName, phone: p?.phone ?? '', personId: key.slice(7) };
  }
  const [name, phone] = key.slice(7).split('|');
  return { key, name: name || fallbackName, phone: phone ?? '' };
}
