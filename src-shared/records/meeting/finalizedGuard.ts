import type { CollectionRepository } from '../../repository/collectionRepository';
import type { HistoryEntry } from '../../repository/docLayout';
import type { meetings } from './meetingSchema';

/** Fields of a meeting's content: what a finalization locks (not its status or version bookkeeping). */
const BOOKKEEPING = new Set(['status', 'version', 'finalizedAt', 'versions', 'proposals']);

export interface Proposal {
  /** `${device}:${at}` of the edit's history entry. */
  key: string;
  entry: HistoryEntry;
  fields: string[];
}

const entryKey = (e: HistoryEntry) => `${e.device}:${e.at}`;

/**
 * Edits of a finalized meeting made on another PC before it learned of the finalization: content updates that are
 * concurrent with the latest finalization (neither writer had seen the other's entry). History in merged order.
 */
export function editsAgainstFinal(history: readonly HistoryEntry[]): Proposal[] {
  let final = -1;
  history.forEach((h, i) => {
    if (h.action === 'update' && (h.changes?.status?.to === '已定稿')) final = i;
  });
  if (final < 0) return [];
  const f = history[final]!;
  const out: Proposal[] = [];
  history.forEach((e, i) => {
    if (i === final || e.action !== 'update' || e.device === f.device || e.seen === undefined || f.seen === undefined) return;
    const concurrent = i < final ? f.seen <= i : e.seen <= final;
    const fields = Object.keys(e.changes ?? {}).filter((k) => !BOOKKEEPING.has(k));
    if (concurrent && fields.length > 0) out.push({ key: entryKey(e), entry: e, fields });
  });
  return out;
}

type MeetingRepository = CollectionRepository<typeof meetings>;

/**
 * Keeps a finalized meeting as it was finalized: an edit that arrived from a PC that had not seen the lock is undone
 * (the finalized version's values written back) and left as a 待确认 proposal. Deterministic, so two PCs doing it
 * write the same values. Returns the proposals still waiting for a decision.
 */
export function guardFinalized(repo: MeetingRepository, id: string): Proposal[] {
  const meeting = repo.get(id);
  if (!meeting || meeting.meta.deleted || meeting.status !== '已定稿') return [];
  const pending = editsAgainstFinal(repo.historyInMergedOrder(id)).filter((p) => !meeting.proposals[p.key]);
  const snapshotText = meeting.versions[String(meeting.version)]?.snapshot;
  if (pending.length === 0 || !snapshotText) return pending;
  const snapshot = JSON.parse(snapshotText) as Record<string, unknown>;
  const fields = new Set(pending.flatMap((p) => p.fields));
  const restore: Record<string, unknown> = {};
  for (const field of fields) {
    const was = snapshot[field];
    const now = (meeting as unknown as Record<string, unknown>)[field];
    if (field === 'attendance' || field === 'grades') {
      // Marks of keys the edit touched go back to the finalized ones.
      const before = (was ?? {}) as Record<string, Record<string, unknown>>;
      const current = (now ?? {}) as Record<string, Record<string, unknown>>;
      const back: Record<string, unknown> = {};
      for (const key of Object.keys(current)) {
        const { at: _a, ...finalMark } = before[key] ?? { removed: true, kind: current[key]!.kind, name: current[key]!.name, status: '未标记', reason: '' };
        const { at: _b, ...mark } = current[key]!;
        if (JSON.stringify(finalMark) !== JSON.stringify(mark)) back[key] = finalMark;
      }
      if (Object.keys(back).length > 0) restore[field] = back;
    } else if (field === 'itemTexts') {
      const before = (was ?? {}) as Record<string, string>;
      const back = Object.fromEntries(Object.keys((now ?? {}) as object).map((k) => [k, before[k] ?? '']));
      restore[field] = back;
    } else if (was !== undefined && JSON.stringify(was) !== JSON.stringify(now)) restore[field] = was;
  }
  if (Object.keys(restore).length > 0) {
    repo.update(id, restore as never, { note: `已定稿记录收到另一台电脑在定稿前的修改（${pending.map((p) => p.entry.by).join('、')}），已恢复为第 ${meeting.version} 版，修改作为待确认保留` });
  }
  return pending;
}
