import { defineCollection } from '../../schema/collection';
import { count, longText, optionalDate, optionalRef, optionalText, requiredDate, requiredText, tagList } from '../../schema/fields';
import { z } from '../../schema/zod';

/**
 * 共建活动 (实绩送到): a joint activity with resident units, the units and people that took part, linked to the project or
 * whistle it serves. Hours and points per person belong to the volunteering record: a linked 服务活动, not a copy.
 */
export const activities = defineCollection({
  name: 'activities',
  label: '共建活动',
  schema: z.object({
    title: requiredText(100),
    date: requiredDate(),
    place: optionalText(100),
    /** The unit that led the activity (older records name only this one). */
    unitId: optionalRef(),
    /** Other units that took part. */
    unitIds: tagList(),
    /** Members and residents of the roster that took part. */
    personIds: tagList(),
    participants: count(),
    hours: z.number().min(0, '不能小于0').max(24, '单次活动不超过24小时').default(0),
    projectId: optionalRef(),
    whistleId: optionalRef(),
    /** The volunteering 服务活动 where each person's hours and points are kept. */
    serviceActivityId: optionalRef(),
    result: longText(),
  }),
  fieldLabels: {
    title: '活动名称', date: '日期', place: '地点', unitId: '牵头单位', unitIds: '参与单位', personIds: '参与人员', participants: '参与人数', hours: '活动时长',
    projectId: '共建项目', whistleId: '吹哨事项', serviceActivityId: '志愿服务活动', result: '活动实绩',
  },
  longTextFields: ['result'],
  titleField: 'title',
  refField: 'date',
  check: (a, context) => {
    const missing = (collection: string, id: string, field: string, label: string, where: string) => (id && !context.exists(collection, id) ? [{ field, label, message: `所选${label}不存在或已删除，请在“${where}”中核对` }] : []);
    return [
      ...missing('coProjects', a.projectId, 'projectId', '共建项目', '一书三单'),
      ...missing('whistles', a.whistleId, 'whistleId', '吹哨事项', '吹哨报到'),
      ...missing('serviceActivities', a.serviceActivityId, 'serviceActivityId', '志愿服务活动', '志愿服务与积分'),
      ...[a.unitId, ...a.unitIds].flatMap((id) => missing('residentUnits', id, 'unitIds', '驻区单位', '驻区单位与服务队')),
    ];
  },
});

/** Every unit that took part in a joint activity, the lead first. */
export function activityUnitIds(a: { unitId: string; unitIds: readonly string[] }): string[] {
  return [...new Set([a.unitId, ...a.unitIds].filter(Boolean))];
}

/** 共建协议书 with one or several resident units (一书三单): term, expiry, the unit's Party organisation and contacts. */
export const agreements = defineCollection({
  name: 'agreements',
  label: '共建协议',
  schema: z
    .object({
      title: requiredText(100),
      unitId: optionalRef(),
      /** Other units that signed the same agreement. */
      coUnitIds: tagList(),
      signedDate: optionalDate(),
      endDate: optionalDate(),
      unitPartyOrg: optionalText(100),
      contacts: optionalText(200),
      content: longText(),
      /** Ended before its term (办理终止): the day and why; a renewal moves `endDate` instead. */
      endedDate: optionalDate(),
      endedReason: optionalText(200),
    })
    .superRefine((a, ctx) => {
      if (a.signedDate && a.endDate && a.endDate < a.signedDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: `（${a.endDate}）早于签订日期（${a.signedDate}），请核对协议期限` });
      if (a.endedDate && !a.endedReason.trim()) ctx.addIssue({ code: 'custom', path: ['endedReason'], message: '终止协议须写明原因，例如：单位搬离本社区' });
      if (a.endedDate && a.signedDate && a.endedDate < a.signedDate) ctx.addIssue({ code: 'custom', path: ['endedDate'], message: `（${a.endedDate}）早于签订日期（${a.signedDate}），请核对` });
    }),
  fieldLabels: { title: '协议名称', unitId: '共建单位', coUnitIds: '其他共建单位', signedDate: '签订日期', endDate: '到期日期', unitPartyOrg: '单位党组织', contacts: '联系人', content: '协议内容', endedDate: '终止日期', endedReason: '终止原因' },
  longTextFields: ['content'],
  titleField: 'title',
  refField: 'unitId',
});

export const RESOURCE_KINDS = ['场地', '设备', '技能', '资金', '志愿服务'] as const;

/** 资源清单: what a unit offers. A venue offered is the bookable venue of the bookings record, linked, not copied. */
export const coResources = defineCollection({
  name: 'coResources',
  label: '资源清单',
  schema: z.object({
    unitId: optionalRef(),
    kind: z.enum(RESOURCE_KINDS, '资源类别只能是场地、设备、技能、资金或志愿服务'),
    title: requiredText(100),
    description: optionalText(300),
    venueId: optionalRef(),
  }),
  fieldLabels: { unitId: '提供单位', kind: '类别', title: '资源', description: '说明', venueId: '场地' },
  longTextFields: [],
  titleField: 'title',
  refField: 'unitId',
  check: (r, context) => (r.venueId && !context.exists('venues', r.venueId) ? [{ field: 'venueId', label: '场地', message: '所选场地不存在或已删除，请在“场地预约”中核对' }] : []),
});

/** 需求清单: what residents or the community need, how urgent; met by a project. */
export const coNeeds = defineCollection({
  name: 'coNeeds',
  label: '需求清单',
  schema: z.object({
    kind: z.enum(RESOURCE_KINDS, '需求类别只能是场地、设备、技能、资金或志愿服务'),
    title: requiredText(100),
    description: optionalText(300),
    from: optionalText(50),
    urgency: z.enum(['一般', '紧急'], '紧急程度只能是一般或紧急').default('一般'),
    projectId: optionalRef(),
  }),
  fieldLabels: { kind: '类别', title: '需求', description: '说明', from: '提出方', urgency: '紧急程度', projectId: '对接项目' },
  longTextFields: [],
  titleField: 'title',
});

/** 项目清单: joint projects with a lead unit and co-units, budget, schedule, status and results. */
export const coProjects = defineCollection({
  name: 'coProjects',
  label: '项目清单',
  schema: z
    .object({
      title: requiredText(100),
      leadUnitId: optionalRef(),
      coUnitIds: tagList(),
      needId: optionalRef(),
      resourceIds: tagList(),
      budget: z.number('预算须为数字').min(0, '预算不能为负数').default(0),
      startDate: optionalDate(),
      endDate: optionalDate(),
      status: z.enum(['筹备中', '进行中', '已完成'], '状态只能是筹备中、进行中或已完成').default('筹备中'),
      results: optionalText(500),
    })
    .superRefine((p, ctx) => {
      if (p.startDate && p.endDate && p.endDate < p.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: '结束日期早于开始日期，请核对' });
      if (p.status === '已完成' && !p.results.trim()) ctx.addIssue({ code: 'custom', path: ['results'], message: '项目完成须填写实绩' });
    }),
  fieldLabels: { title: '项目', leadUnitId: '牵头单位', coUnitIds: '参与单位', needId: '对应需求', resourceIds: '使用资源', budget: '预算（元）', startDate: '开始日期', endDate: '结束日期', status: '状态', results: '实绩' },
  longTextFields: [],
  titleField: 'title',
});

const dateTime = (label: string) =>
  z.string().trim().default('').refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/.test(v), `${label}请写成 2026-05-09 14:30 的格式`);

export const WHISTLE_URGENCY = ['一般', '紧急', '特急'] as const;
export const EVALUATIONS = ['满意', '基本满意', '不满意'] as const;

/** Who answers a whistle: a resident unit, a team or an in-service member, leading or helping. */
const handler = z.object({
  name: z.string().trim().min(1).max(60),
  kind: z.enum(['驻区单位', '志愿服务队', '在职党员']),
  lead: z.boolean().default(false),
  at: z.number().optional(),
});

/** One 报到: when the handler arrived or answered, and what they said. */
const report = z.object({ reportedAt: dateTime('报到时间'), note: z.string().max(300).default(''), at: z.number().optional() });

/** A progress note of the handling. */
const progress = z.object({ writtenAt: dateTime('时间'), text: z.string().trim().min(1, '进展内容不能为空').max(500), by: z.string().max(30).default(''), at: z.number().optional() });

/**
 * 吹哨报到: the community blows the whistle on a problem (raised at a time, with a deadline); a lead unit and co-handlers
 * report in (each 报到 with its time); progress notes; closed with the result and evaluations. Handlers, reports and
 * progress are keyed logs, so what two PCs record offline all stays. Status is derived (see whistleRules).
 */
export const whistles = defineCollection({
  name: 'whistles',
  label: '吹哨报到',
  schema: z
    .object({
      title: requiredText(100),
      date: requiredDate(),
      raisedAt: dateTime('吹哨时间'),
      category: optionalText(30),
      place: optionalText(100),
      urgency: z.enum(WHISTLE_URGENCY, '紧急程度只能是一般、紧急或特急').default('一般'),
      /** Who blew the whistle when not the community itself: the street (街道党工委) raising it to several communities. */
      raisedBy: optionalText(30),
      leadUnitId: optionalRef(),
      deadline: optionalDate(),
      /** Kept for documents written before statuses were derived; the screens read `whistleStatus`. */
      status: z.enum(['待响应', '处理中', '已办结'], '请选择状态').default('待响应'),
      description: longText(),
      handlers: z.record(z.string(), handler).default({}),
      reports: z.record(z.string(), report).default({}),
      progress: z.record(z.string(), progress).default({}),
      closedAt: dateTime('办结时间'),
      result: optionalText(500),
      evaluation: z.union([z.enum(EVALUATIONS), z.literal('')]).default(''),
      residentEvaluation: z.union([z.enum(EVALUATIONS), z.literal('')]).default(''),
    })
    .superRefine((w, ctx) => {
      const raised = w.raisedAt || `${w.date}T00:00`;
      if (w.deadline && w.deadline < w.date) ctx.addIssue({ code: 'custom', path: ['deadline'], message: `办结期限应不早于吹哨日期（${w.date}）` });
      for (const [key, r] of Object.entries(w.reports)) {
        if (r.reportedAt && r.reportedAt < raised) ctx.addIssue({ code: 'custom', path: ['reports'], message: `${w.handlers[key]?.name ?? '报到单位'}的报到时间（${r.reportedAt.replace('T', ' ')}）早于吹哨时间（${raised.replace('T', ' ')}），请核对` });
      }
      if (w.closedAt) {
        if (Object.keys(w.reports).length === 0) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: '还没有任何单位报到，不能办结；请先登记报到' });
        if (!w.result.trim()) ctx.addIssue({ code: 'custom', path: ['result'], message: '办结须写明处理结果' });
        if (w.closedAt < raised) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: '办结时间早于吹哨时间，请核对' });
      }
    }),
  fieldLabels: {
    title: '事项', date: '吹哨日期', raisedAt: '吹哨时间', category: '类别', place: '地点', urgency: '紧急程度', raisedBy: '吹哨方', leadUnitId: '牵头单位', deadline: '办结期限',
    status: '状态', description: '情况说明', handlers: '响应单位', reports: '报到', progress: '进展', closedAt: '办结时间', result: '处理结果',
    evaluation: '社区评价', residentEvaluation: '居民评价',
  },
  longTextFields: ['description'],
  keyedLogFields: ['handlers', 'reports', 'progress'],
  titleField: 'title',
  refField: 'date',
});
