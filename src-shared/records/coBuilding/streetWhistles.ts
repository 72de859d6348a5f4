import { optionalDate, optionalText, requiredDate, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';
import type { Repositories } from '../../repository/repositories';
import { WHISTLE_URGENCY } from './coBuildingSchemas';
import { isOverdue, responseTimes, whistleStatus, type WhistleFacts } from './whistleRules';

/** One whistle as the street's list shows it: status, who answers, how fast, overdue. */
export interface WhistleRow {
  id: string;
  title: string;
  date: string;
  raisedAt: string;
  raisedBy: string;
  urgency: string;
  deadline: string;
  status: string;
  overdue: boolean;
  handlers: string;
  answered: number;
  named: number;
  /** Median hours to 报到 of those answered, for the list; null before any. */
  firstResponseHours: number | null;
  evaluation: string;
}

export interface CommunityWhistles {
  code: string;
  community: string;
  units: { id: string; name: string }[];
  whistles: WhistleRow[];
}

export function whistleRows(whistles: readonly (WhistleFacts & { urgency: string; raisedBy: string })[], today: string): WhistleRow[] {
  return whistles
    .map((w) => {
      const times = responseTimes(w);
      const answered = times.filter((t) => t.hours !== null);
      return {
        id: w.id, title: w.title, date: w.date, raisedAt: w.raisedAt, raisedBy: w.raisedBy || '社区', urgency: w.urgency, deadline: w.deadline, status: whistleStatus(w), overdue: isOverdue(w, today),
        handlers: Object.values(w.handlers).map((h) => `${h.name}${h.lead ? '（牵头）' : ''}`).join('、'), answered: answered.length, named: times.length,
        firstResponseHours: answered.length ? Math.min(...answered.map((t) => t.hours!)) : null, evaluation: w.evaluation,
      };
    })
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.date.localeCompare(a.date));
}

const clock = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '吹哨时间请写成 14:30 的格式');

/** The street blowing one whistle to the units of several communities: one whistle in each community's record. */
export const streetWhistleRequest = z.object({
  title: requiredText(100),
  date: requiredDate(),
  time: clock,
  category: optionalText(30),
  place: optionalText(100),
  urgency: z.enum(WHISTLE_URGENCY, '紧急程度只能是一般、紧急或特急').default('一般'),
  deadline: optionalDate(),
  description: z.string().max(2000, '情况说明不能超过2000个字').default(''),
  targets: z
    .array(z.object({ code: z.string().regex(/^\d{12}$/, '社区代码应为12位数字'), unitIds: z.array(z.string().min(1)).min(1, '每个社区至少选择一个驻区单位') }))
    .min(1, '请至少选择一个社区及其驻区单位'),
});
export type StreetWhistleRequest = z.input<typeof streetWhistleRequest>;

/**
 * Writes the street's whistle into one community: the first unit chosen leads, the others help; raised by the street.
 * Refused in Chinese (nothing written) when a unit is not one of this community's.
 */
export function raiseStreetWhistle(repos: Pick<Repositories, 'whistles' | 'residentUnits'>, request: z.output<typeof streetWhistleRequest>, unitIds: readonly string[], street: string): string {
  const handlers = Object.fromEntries(
    unitIds.map((id, i) => {
      const unit = repos.residentUnits.get(id);
      if (!unit) throw new Error(`所选驻区单位（${id}）不在该社区的名单中，请刷新后重新选择`);
      return [`unit:${id}`, { name: unit.name, kind: '驻区单位' as const, lead: i === 0 }];
    }),
  );
  return repos.whistles.create({
    title: request.title, date: request.date, raisedAt: `${request.date}T${request.time}`, category: request.category, place: request.place, urgency: request.urgency,
    deadline: request.deadline, description: request.description, raisedBy: street, leadUnitId: unitIds[0] ?? '', handlers,
  }).id;
}
