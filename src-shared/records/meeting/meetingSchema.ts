import { defineCollection } from '../../schema/collection';
import { count, longText, optionalRef, optionalText, requiredDate, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

export const MEETING_TYPES = [
  '支部党员大会', '支委会', '党小组会', '党课', '主题党日', '党建联席会议', '党群协商议事会', '组织生活会', '民主评议', '其他',
] as const;

const time = () =>
  z.string().trim().default('').refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), '时间请写成 19:30 的格式');

export const meetings = defineCollection({
  name: 'meetings',
  label: '会议记录',
  schema: z
    .object({
      title: requiredText(100),
      meetingType: z.enum(MEETING_TYPES, '请选择会议类型'),
      date: requiredDate(),
      startTime: time(),
      endTime: time(),
      place: optionalText(100),
      host: optionalText(30),
      recorder: optionalText(30),
      orgNodeId: optionalRef(),
      expected: count(),
      present: count(),
      agenda: longText(),
      minutes: longText(),
      decisions: longText(),
    })
    .superRefine((m, ctx) => {
      if (m.present > m.expected) {
        ctx.addIssue({ code: 'custom', path: ['present'], message: `实到人数（${m.present}）不能多于应到人数（${m.expected}）` });
      }
      if (m.startTime && m.endTime && m.endTime <= m.startTime) {
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: `结束时间应晚于开始时间（${m.startTime}）` });
      }
    }),
  fieldLabels: {
    title: '会议名称', meetingType: '会议类型', date: '日期', startTime: '开始时间', endTime: '结束时间', place: '地点',
    host: '主持人', recorder: '记录人', orgNodeId: '党组织', expected: '应到人数', present: '实到人数', agenda: '议程',
    minutes: '会议记录', decisions: '决议事项',
  },
  longTextFields: ['agenda', 'minutes', 'decisions'],
  titleField: 'title',
  refField: 'date',
});
