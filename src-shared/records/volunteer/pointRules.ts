import { ValidationError } from '../../errors';
import { z } from '../../schema/zod';

/**
 * 道德银行 rules, an editable setting with one city's defaults: 1 hour = 1 point, at most 2 hours counted per activity,
 * whole half hours, travel not counted (only arrival to leave at the activity), a multiplier per service category.
 */
export const DEFAULT_POINT_RULES = {
  pointsPerHour: 1,
  /** Hours counted per person per activity at most; 0 = no cap. */
  capHoursPerActivity: 2,
  /** Service time is counted in whole steps of this many minutes (rounded down). */
  stepMinutes: 30,
  /** Category → multiplier (医疗巡诊 ×1.5…); a category not listed counts ×1. */
  multipliers: {} as Record<string, number>,
};
export type PointRules = typeof DEFAULT_POINT_RULES;

export const pointRulesSchema = z.object({
  pointsPerHour: z.number('每小时积分须为数字').min(0, '每小时积分不能为负数，请填 0 或正数').max(100, '每小时积分不能超过 100'),
  capHoursPerActivity: z.number('时长上限须为数字').min(0, '每次活动计入时长上限不能为负数，请填 0（不设上限）或正数').max(24, '每次活动计入时长上限不能超过 24 小时'),
  stepMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)], '计时单位只能是 15、30 或 60 分钟'),
  multipliers: z.record(z.string(), z.number('倍数须为数字').min(0, '倍数不能为负数').max(10, '倍数不能超过 10')),
});

/** The rules as saved with a setting's Chinese message for each wrong value. */
export function checkPointRules(input: unknown): PointRules {
  const parsed = pointRulesSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), label: '积分规则', message: i.message })));
  return parsed.data as PointRules;
}

/** What an activity keeps of the rules it was entered under: later rule changes never rewrite its points. */
export interface ActivityRules {
  pointsPerHour: number;
  capHoursPerActivity: number;
  stepMinutes: number;
  multiplier: number;
}

export function activityRules(rules: PointRules, category: string): ActivityRules {
  return { pointsPerHour: rules.pointsPerHour, capHoursPerActivity: rules.capHoursPerActivity, stepMinutes: rules.stepMinutes, multiplier: rules.multipliers[category] ?? 1 };
}

const minutesOf = (time: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/**
 * A time as clerks type it on a sign-in sheet: 8:30, 08:30, 830, 0830, 8点30, 8.30 → "08:30"; null when it is not a
 * time of day.
 */
export function parseClockTime(text: string): string | null {
  const t = text.trim().replace(/[：.点]/g, ':').replace(/分$/, '').replace(/:$/, ':00');
  const m = /^(\d{1,2}):(\d{1,2})$/.exec(t) ?? /^(\d{1,2})(\d{2})$/.exec(t) ?? (/^\d{1,2}$/.test(t) ? [t, t, '0'] : null);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Hours of service counted for one attendance: whole steps from arrival to leave, capped. */
export function countedHours(arrive: string, leave: string, rules: Pick<ActivityRules, 'stepMinutes' | 'capHoursPerActivity'>): number {
  const minutes = minutesOf(leave) - minutesOf(arrive);
  if (!(minutes > 0)) return 0;
  const hours = (Math.floor(minutes / rules.stepMinutes) * rules.stepMinutes) / 60;
  return rules.capHoursPerActivity > 0 ? Math.min(hours, rules.capHoursPerActivity) : hours;
}

/** Hours served from arrival to leave, before the cap (what the certificate of service shows). */
export function servedHours(arrive: string, leave: string, stepMinutes: number): number {
  return countedHours(arrive, leave, { stepMinutes, capHoursPerActivity: 0 });
}

/**
 * Arrival or leaving outside the activity's own hours (7:30 for an 8:00–11:00 activity): counted as signed, but said,
 * since a sign-in sheet's slip of the pen is the usual cause. null when inside, or when the activity has no hours.
 */
export function timeOutsideActivity(arrive: string, leave: string, activity: { startTime: string; endTime: string }): string | null {
  const problems: string[] = [];
  if (activity.startTime && arrive && arrive < activity.startTime) problems.push(`到达 ${arrive} 早于活动开始 ${activity.startTime}`);
  if (activity.endTime && leave && leave > activity.endTime) problems.push(`离开 ${leave} 晚于活动结束 ${activity.endTime}`);
  if (activity.endTime && arrive && arrive >= activity.endTime) problems.push(`到达 ${arrive} 不早于活动结束 ${activity.endTime}`);
  if (activity.startTime && leave && leave <= activity.startTime) problems.push(`离开 ${leave} 不晚于活动开始 ${activity.startTime}`);
  return problems.length > 0 ? `${problems.join('，')}，请核对签到表` : null;
}

/** Points are kept in tenths so that sums never drift. */
export const roundPoints = (points: number) => Math.round(points * 10) / 10;

export function pointsFor(hours: number, rules: Pick<ActivityRules, 'pointsPerHour' | 'multiplier'>): number {
  return roundPoints(hours * rules.pointsPerHour * rules.multiplier);
}
