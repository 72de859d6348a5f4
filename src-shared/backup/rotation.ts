/**
 * Which automatic backups to keep: the newest of each of the last `daily` days that have one, of the last `weekly`
 * weeks and of the last `monthly` months (the usual grandfather-father-son rotation); the rest are removed. Times are
 * local; a week starts on Monday.
 */
export interface RotationSettings {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_ROTATION: RotationSettings = { daily: 7, weekly: 4, monthly: 12 };

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}`;
function weekKey(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return dayKey(monday);
}

export function backupsToKeep<T extends { createdAt: number }>(backups: readonly T[], settings: RotationSettings = DEFAULT_ROTATION): Set<T> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt - a.createdAt);
  const keep = new Set<T>();
  for (const [key, count] of [[dayKey, settings.daily], [weekKey, settings.weekly], [monthKey, settings.monthly]] as const) {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const k = key(new Date(b.createdAt));
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(b);
    }
  }
  return keep;
}

/** Whether an automatic backup is due: none yet today (local day), or the last one failed. */
export function backupDue(lastSuccessAt: number | undefined, now: number): boolean {
  return lastSuccessAt === undefined || dayKey(new Date(lastSuccessAt)) !== dayKey(new Date(now));
}

export function checkRotation(input: Partial<RotationSettings>): RotationSettings {
  const out = { ...DEFAULT_ROTATION, ...input };
  for (const [k, v] of Object.entries(out)) {
    if (!Number.isInteger(v) || v < 1 || v > 100) throw new Error(`保留份数（${k === 'daily' ? '每日' : k === 'weekly' ? '每周' : '每月'}）应为1到100之间的整数`);
  }
  return out;
}
