import { defineCollection } from '../../schema/collection';
import { optionalDate, optionalText, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

export const CLAIM_KINDS = ['认领岗位', '服务队', '结对帮扶', '微心愿'] as const;

/** A half-year: 2026-H1 (一月至六月) or 2026-H2. */
const period = () => z.string().regex(/^\d{4}-H[12]$/, '半年度请写成 2026-H1 或 2026-H2');

export { periodLabel, periodRange, periodOf } from '../period';

/**
 * 在职党员 one half-year at the community: what they claimed (认领岗位, 服务队, 结对帮扶, 微心愿) and whether each is done,
 * and the six ones (当好一名联络员 … 办好一件社区事). Both are keyed logs: two PCs ticking different items both stay.
 * Hours of service are not kept here: they come from the activities.
 */
export const inServiceReports = defineCollection({
  name: 'inServiceReports',
  label: '在职党员报到服务',
  schema: z.object({
    personId: requiredText(60),
    personName: requiredText(30),
    period: period(),
    claims: z.record(z.string(), z.object({ kind: z.enum(CLAIM_KINDS, '认领类别只能是认领岗位、服务队、结对帮扶或微心愿'), title: z.string().trim().min(1, '请写明认领的内容').max(100), done: z.boolean().default(false), at: z.number().optional() })).default({}),
    sixOnes: z.record(z.string(), z.object({ done: z.boolean().default(false), note: z.string().max(200).default(''), at: z.number().optional() })).default({}),
  }),
  fieldLabels: { personId: '人员', personName: '姓名', period: '半年度', claims: '认领事项', sixOnes: '六个一' },
  longTextFields: [],
  keyedLogFields: ['claims', 'sixOnes'],
  titleField: 'personName',
  refField: 'personId',
});

/**
 * 双向反馈函 to one employer's Party organisation for a half-year: its members' service at the community, sent, and the
 * 回执 returned with the employer's comment.
 */
export const feedbackLetters = defineCollection({
  name: 'feedbackLetters',
  label: '双向反馈函',
  schema: z
    .object({
      period: period(),
      employer: requiredText(100),
      employerPartyOrg: optionalText(100),
      sentOn: optionalDate(),
      sentBy: optionalText(30),
      receiptOn: optionalDate(),
      receiptComment: optionalText(500),
    })
    .superRefine((l, ctx) => {
      if (l.receiptOn && !l.sentOn) ctx.addIssue({ code: 'custom', path: ['receiptOn'], message: '反馈函还没有登记发出，不能登记回执；请先登记发出日期' });
      if (l.receiptOn && l.sentOn && l.receiptOn < l.sentOn) ctx.addIssue({ code: 'custom', path: ['receiptOn'], message: `回执日期应不早于发出日期（${l.sentOn}）` });
    }),
  fieldLabels: { period: '半年度', employer: '工作单位', employerPartyOrg: '单位党组织', sentOn: '发出日期', sentBy: '发出人', receiptOn: '回执日期', receiptComment: '单位意见' },
  longTextFields: [],
  titleField: 'employer',
  refField: 'period',
});
