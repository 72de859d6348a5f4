import { defineCollection } from '../../schema/collection';
import { optionalDate, optionalPhone, optionalText, requiredDate, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

export const WISH_STAGES = ['待下单', '已下单', '不予受理', '已接单', '已完成'] as const;
export type WishStage = (typeof WISH_STAGES)[number];
export const FEEDBACK = ['满意', '基本满意', '不满意'] as const;

/**
 * One claim of a wish, keyed by who claims it (`person:…`, `team:…`, `unit:…`). A keyed log: two PCs that let two
 * people claim one wish offline keep both claims, for a person to confirm one.
 */
const claim = z.object({
  name: z.string().trim().min(1).max(60),
  kind: z.enum(['党员', '在职党员', '志愿服务队', '驻区单位']),
  withdrawn: z.boolean().default(false),
  reason: z.string().max(100).default(''),
  at: z.number().optional(),
});
export type WishClaim = z.output<typeof claim>;

/**
 * 三单制 and 微心愿: a resident's request or wish (居民点单), accepted and published by the community (社区下单) or
 * declined with a reason, claimed by a member, team or unit (党员接单), done with the result and the resident's feedback.
 */
export const wishes = defineCollection({
  name: 'wishes',
  label: '微心愿与三单制',
  schema: z
    .object({
      title: requiredText(100),
      kind: z.enum(['微心愿', '居民点单'], '类别只能是微心愿或居民点单').default('微心愿'),
      residentName: requiredText(30),
      residentPhone: optionalPhone(),
      address: optionalText(100),
      date: requiredDate(),
      stage: z.enum(WISH_STAGES, '状态只能是待下单、已下单、不予受理、已接单或已完成').default('待下单'),
      declineReason: optionalText(200),
      publishedOn: optionalDate(),
      claims: z.record(z.string(), claim).default({}),
      doneOn: optionalDate(),
      result: optionalText(300),
      feedback: z.union([z.enum(FEEDBACK), z.literal('')]).default(''),
    })
    .superRefine((w, ctx) => {
      if (w.stage === '不予受理' && !w.declineReason.trim()) ctx.addIssue({ code: 'custom', path: ['declineReason'], message: '不予受理须写明原因，以便回复居民' });
      if (w.stage === '已完成' && !w.result.trim()) ctx.addIssue({ code: 'custom', path: ['result'], message: '办结须写明结果，例如：已送达轮椅一辆' });
      if (w.doneOn && w.doneOn < w.date) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: `完成日期应不早于点单日期（${w.date}）` });
    }),
  fieldLabels: {
    title: '心愿内容', kind: '类别', residentName: '居民姓名', residentPhone: '居民电话', address: '住址', date: '点单日期', stage: '状态',
    declineReason: '不予受理原因', publishedOn: '下单日期', claims: '接单', doneOn: '完成日期', result: '办理结果', feedback: '居民评价',
  },
  longTextFields: [],
  keyedLogFields: ['claims'],
  titleField: 'title',
  refField: 'date',
});
