import { defineCollection } from '../../schema/collection';
import { count, longText, optionalDate, optionalRef, optionalText, requiredDate, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

/** 共驻共建 activities with resident units: participants, hours and results (实绩). */
export const activities = defineCollection({
  name: 'activities',
  label: '共建活动',
  schema: z.object({
    title: requiredText(100),
    date: requiredDate(),
    place: optionalText(100),
    unitId: optionalRef(),
    participants: count(),
    hours: z.number().min(0, '不能小于0').max(24, '单次活动不超过24小时').default(0),
    result: longText(),
  }),
  fieldLabels: { title: '活动名称', date: '日期', place: '地点', unitId: '共建单位', participants: '参与人数', hours: '服务时长', result: '活动实绩' },
  longTextFields: ['result'],
  titleField: 'title',
  refField: 'date',
});

/** 共建协议书 with a resident unit (一书三单). */
export const agreements = defineCollection({
  name: 'agreements',
  label: '共建协议',
  schema: z.object({
    title: requiredText(100),
    unitId: optionalRef(),
    signedDate: optionalDate(),
    endDate: optionalDate(),
    content: longText(),
  }),
  fieldLabels: { title: '协议名称', unitId: '共建单位', signedDate: '签订日期', endDate: '到期日期', content: '协议内容' },
  longTextFields: ['content'],
  titleField: 'title',
  refField: 'unitId',
});

/** 吹哨报到: the community blows the whistle on a problem; a lead unit and co-handlers report in by a deadline. */
export const whistles = defineCollection({
  name: 'whistles',
  label: '吹哨报到',
  schema: z.object({
    title: requiredText(100),
    date: requiredDate(),
    leadUnitId: optionalRef(),
    deadline: optionalDate(),
    status: z.enum(['待响应', '处理中', '已办结'], '请选择状态').default('待响应'),
    description: longText(),
  }),
  fieldLabels: { title: '事项', date: '吹哨日期', leadUnitId: '牵头单位', deadline: '办结期限', status: '状态', description: '情况说明' },
  longTextFields: ['description'],
  titleField: 'title',
  refField: 'date',
});
