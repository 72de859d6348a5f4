import { useEffect, useMemo, useState } from 'react';
import { COLLECTIONS } from '../../../src-shared/records';
import type { AnyRepository } from '../../../src-shared/repository/collectionRepository';
import { finishTodoCards, mergeScans, recordTodoCards, type TodoCard, type TodoExtras, type TodoRow } from '../../../src-shared/workbench/todoCards';
import { loadAppValue } from '../../data/appSettings';
import { today } from '../../app/saveBytes';
import { useSession, useSyncStatus } from '../../app/storeContext';
import { useKeeper } from '../backup/DataSafetyPage';
import { useBackupStatus } from '../backup/backupKeeper';

/** How old a backup or a sync may be before 今日待办 says so (this PC's setting, 设置 → 工作台提醒). */
export interface TodoLimits {
  backupDays: number;
  syncDays: number;
}
export const DEFAULT_TODO_LIMITS: TodoLimits = { backupDays: 7, syncDays: 3 };
export const TODO_LIMITS_KEY = 'workbenchLimits';

export async function loadTodoLimits(): Promise<TodoLimits> {
  return { ...DEFAULT_TODO_LIMITS, ...(await loadAppValue<Partial<TodoLimits>>(TODO_LIMITS_KEY)) };
}

/** The repositories the cards read: a change to any of them (here, in another window, by a merge) redraws them. */
const WATCHED = ['meetings', 'meetingTasks', 'meetingDecisions', 'orgNodes', 'whistles', 'agreements', 'bookings', 'venues', 'people', 'pointEntries', 'serviceCertificates', 'officialDocuments'] as const;

/**
 * 今日待办 of the open community, recomputed from the records whenever one of them changes (batched to one redraw
 * per frame), whenever the settings change, and when the backup, the sync or the list of fields both sides changed
 * moves on.
 */
export function useTodo(): TodoCard[] {
  const { store, sync } = useSession();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((v) => v + 1);
      });
    };
    const offs = [...WATCHED.map((name) => store.repos[name].observe(bump)), store.settings.observe(bump), ...(sync ? [sync.conflicts.onChange(bump)] : [])];
    return () => {
      cancelAnimationFrame(frame);
      for (const off of offs) off();
    };
  }, [store, sync]);
  const backup = useBackupStatus(useKeeper());
  const syncStatus = useSyncStatus(sync);
  const [limits, setLimits] = useState<TodoLimits>(DEFAULT_TODO_LIMITS);
  useEffect(() => void loadTodoLimits().then(setLimits), []);
  const day = today();
  const lastSynced = syncStatus.lastSyncedAt ?? null;
  const conflicts = sync?.conflicts.list();
  // The merge card's two whole-collection scans run just after the cards are drawn, and again once changes pause;
  // until the first result the card says it is checking, afterwards it keeps the last result for that moment.
  const [scans, setScans] = useState<TodoRow[] | null>(null);
  const scanned = scans !== null;
  useEffect(() => {
    // First after the next frame is painted (the cards show first, then the scans take their fraction of a second);
    // later, half a second after the last change, so a merge arriving edit by edit does not rescan on every frame.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setScans(mergeScans(store.repos)), scanned ? 500 : 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
    // `scanned` only chooses the delay: setting the first result must not scan again.
  }, [store, version]);
  // The records' cards are read again only when a record or the day changes; a backup, a sync, the scans' result or
  // this PC's limits only finish them anew.
  // `version` stands for every record the cards read.
  const recordCards = useMemo(() => recordTodoCards(store.repos, store.doc, day), [store, version, day]);
  return useMemo(() => {
    const extras: TodoExtras = {
      safety: { backupAt: backup.lastSuccessAt ?? null, syncedAt: lastSynced, syncConfigured: !!sync, now: Date.now(), limits },
      fieldConflicts: conflicts?.map((c) => {
        const definition = COLLECTIONS[c.collection as keyof typeof COLLECTIONS];
        const record = (store.repos[c.collection as keyof typeof store.repos] as unknown as AnyRepository | undefined)?.get(c.id) as Record<string, unknown> | undefined;
        return { key: `${c.collection}:${c.id}:${c.at}`, text: `${definition?.label ?? c.collection}：${String(record?.[definition?.titleField ?? 'name'] ?? '（已删除）')}` };
      }),
    };
    return finishTodoCards(recordCards, scans, extras);
    // `version` stands for every record the conflicts' titles read.
  }, [store, version, recordCards, backup.lastSuccessAt, lastSynced, sync, limits, conflicts?.length, scans]);
}
