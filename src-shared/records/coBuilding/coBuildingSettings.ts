import { ValidationError, type FieldProblem } from '../../errors';
import { isRealDate } from '../../schema/fields';

/** The items of a resident unit's 考核, in the order of the table. */
export const UNIT_ITEMS = [
  { key: 'agreement', label: '共建协议在期', how: '考核期内有在期的共建协议得满分' },
  { key: 'resourcesOffered', label: '提供资源', how: '资源清单中的资源数，达到标准得满分', unit: '项' },
  { key: 'resourcesUsed', label: '资源被使用', how: '考核期内进行中或完成的项目用到的本单位资源数，达到标准得满分', unit: '项' },
  { key: 'projectsDone', label: '完成项目', how: '考核期内完成、本单位牵头或参与的项目数，达到标准得满分', unit: '个' },
  { key: 'activities', label: '共建活动', how: '考核期内本单位参加的共建活动次数，达到标准得满分', unit: '次' },
  { key: 'whistlesAnswered', label: '吹哨报到率', how: '考核期内点名本单位的吹哨中已报到的比例' },
  { key: 'responseTime', label: '响应时间', how: '报到用时中位数不超过标准得满分，不超过标准两倍得一半；已办结或已过期限仍未报到的吹哨按未响应计', unit: '小时' },
  { key: 'satisfaction', label: '满意率', how: '考核期内本单位报到处理、已评价的吹哨中社区评价“满意”的比例（未报到的不计满意）' },
  { key: 'wishesDone', label: '认领微心愿', how: '考核期内本单位认领并完成的微心愿（居民点单）数，达到标准得满分', unit: '个' },
  { key: 'jointMeetings', label: '联席会议出席率', how: '考核期内本单位在应到名单上的党建联席会议中出席（含迟到）的比例' },
  { key: 'inServiceActive', label: '在职党员活跃率', how: '本单位已报到的在职党员中，考核期内参加过志愿服务的比例' },
] as const;
export type UnitItemKey = (typeof UNIT_ITEMS)[number]['key'];

export interface UnitItemSetting {
  enabled: boolean;
  weight: number;
  /** For counts: the number that earns full marks; for the response time: hours. Unused for rates. */
  standard: number;
}

export interface CoBuildingSettings {
  /** Days before an agreement's expiry when the reminder appears (and steps up). */
  reminderDays: number[];
  /** Public holidays (YYYY-MM-DD) that response times in working days do not count, besides weekends. */
  holidays: string[];
  /** Adjusted working days (调休上班): weekend days that do count. */
  workdays: string[];
  unitItems: Record<UnitItemKey, UnitItemSetting>;
}

export const DEFAULT_CO_BUILDING_SETTINGS: CoBuildingSettings = {
  reminderDays: [60, 30, 7],
  holidays: [],
  workdays: [],
  unitItems: {
    agreement: { enabled: true, weight: 10, standard: 1 },
    resourcesOffered: { enabled: true, weight: 10, standard: 3 },
    resourcesUsed: { enabled: true, weight: 10, standard: 2 },
    projectsDone: { enabled: true, weight: 15, standard: 1 },
    activities: { enabled: true, weight: 10, standard: 4 },
    whistlesAnswered: { enabled: true, weight: 15, standard: 1 },
    responseTime: { enabled: true, weight: 10, standard: 24 },
    satisfaction: { enabled: true, weight: 10, standard: 1 },
    wishesDone: { enabled: true, weight: 5, standard: 1 },
    jointMeetings: { enabled: true, weight: 5, standard: 1 },
    inServiceActive: { enabled: true, weight: 5, standard: 1 },
  },
};

/** Fills what a stored setting lacks from the defaults and checks it; every problem is named in Chinese. */
export function checkCoBuildingSettings(input: Partial<CoBuildingSettings>): CoBuildingSettings {
  const out: CoBuildingSettings = {
    reminderDays: input.reminderDays ?? DEFAULT_CO_BUILDING_SETTINGS.reminderDays,
    holidays: input.holidays ?? [],
    workdays: input.workdays ?? [],
    unitItems: Object.fromEntries(UNIT_ITEMS.map(({ key }) => [key, { ...DEFAULT_CO_BUILDING_SETTINGS.unitItems[key], ...(input.unitItems?.[key] ?? {}) }])) as CoBuildingSettings['unitItems'],
  };
  const problems: FieldProblem[] = [];
  if (out.reminderDays.length === 0 || out.reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) {
    problems.push({ field: 'reminderDays', label: '到期提醒天数', message: '应为 1 至 365 之间的整数，例如 60、30、7' });
  }
  for (const [field, label, days] of [['holidays', '法定节假日', out.holidays], ['workdays', '调休上班日', out.workdays]] as const) {
    const bad = days.filter((d) => !isRealDate(d));
    if (bad.length) problems.push({ field, label, message: `「${bad.join('、')}」不是有效日期，请写成 2026-10-01 的格式` });
  }
  for (const { key, label } of UNIT_ITEMS) {
    const item = out.unitItems[key];
    if (!Number.isFinite(item.weight) || item.weight < 0 || item.weight > 100) problems.push({ field: `unitItems.${key}`, label: `${label}的权重`, message: '应为 0 至 100 之间的数' });
    if (!Number.isFinite(item.standard) || item.standard <= 0 || item.standard > 1000) problems.push({ field: `unitItems.${key}`, label: `${label}的满分标准`, message: '应为大于 0、不超过 1000 的数' });
  }
  if (!UNIT_ITEMS.some(({ key }) => out.unitItems[key].enabled && out.unitItems[key].weight > 0)) {
    problems.push({ field: 'unitItems', label: '考核项目', message: '至少要有一项考核项目启用且权重大于 0' });
  }
  if (problems.length) throw new ValidationError(problems);
  out.reminderDays = [...new Set(out.reminderDays)].sort((a, b) => b - a);
  out.holidays = [...new Set(out.holidays)].sort();
  out.workdays = [...new Set(out.workdays)].sort();
  return out;
}
