import { defineCollection } from '../../schema/collection';
import { optionalRef, optionalText, requiredDate, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

export const POINT_KINDS = ['服务', '奖励', '兑换', '冲正'] as const;
export type PointKind = (typeof POINT_KINDS)[number];

/**
 * 道德银行积分流水: one line of a person's points. Earned from an activity's hours (服务), awarded with a reason (奖励),
 * redeemed for an item (兑换, negative), or a reversal of an earlier line (冲正). Never edited or deleted: a mistake is
 * corrected by a new line, so every balance is the sum of its lines.
 */
export const pointEntries = defineCollection({
  name: 'pointEntries',
  label: '积分流水',
  schema: z
    .object({
      personKey: requiredText(80),
      personName: requiredText(30),
      date: requiredDate(),
      kind: z.enum(POINT_KINDS, '类别只能是服务、奖励、兑换或冲正'),
      points: z.number('积分须为数字').refine((n) => Number.isFinite(n) && Math.round(n * 10) === n * 10, '积分最多一位小数'),
      /** Hours of service this line stands for (服务 lines and their corrections). */
      hours: z.number().default(0),
      activityId: optionalRef(),
      item: optionalText(50),
      handedBy: optionalText(30),
      reason: optionalText(200),
      /** The line a 冲正 reverses. */
      reverses: optionalRef(),
    })
    .superRefine((e, ctx) => {
      const add = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (e.kind === '兑换') {
        if (e.points >= 0) add('points', '兑换应扣减积分（填正数即可，系统记为扣减）');
        if (!e.item.trim()) add('item', '请填写兑换的物品或服务，例如：洗衣液一瓶');
        if (!e.handedBy.trim()) add('handedBy', '请填写经手人');
      }
      if (e.kind === '奖励' && !e.reason.trim()) add('reason', '奖励积分须写明原因，例如：抗疫志愿服务表彰');
      if (e.kind === '冲正' && (!e.reverses || !e.reason.trim())) add('reason', '冲正须指明被冲正的记录并写明原因');
      if (e.kind === '服务' && !e.activityId) add('activityId', '服务积分须来自一次志愿服务活动');
    }),
  fieldLabels: {
    personKey: '人员', personName: '姓名', date: '日期', kind: '类别', points: '积分', hours: '时长', activityId: '活动', item: '兑换物品',
    handedBy: '经手人', reason: '原因', reverses: '冲正的记录',
  },
  longTextFields: [],
  titleField: 'personName',
  refField: 'personKey',
  appendOnly: '积分流水不能修改或删除；如有错误，请“冲正”该笔积分后重新登记',
});
