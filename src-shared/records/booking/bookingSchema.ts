import { defineCollection } from '../../schema/collection';
import { optionalPhone, optionalText, requiredDate, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

const hour = (label: string) => z.number().int(`${label}必须是整点`).min(0).max(24);

/** 平台约到: a room, venue or service of the 党群服务中心 booked for whole-hour slots. */
export const bookings = defineCollection({
  name: 'bookings',
  label: '场地预约',
  schema: z
    .object({
      venue: requiredText(50),
      date: requiredDate(),
      startHour: hour('开始时间'),
      endHour: hour('结束时间'),
      booker: requiredText(30),
      phone: optionalPhone(),
      purpose: optionalText(200),
      homeVisit: z.boolean().default(false),
    })
    .superRefine((b, ctx) => {
      if (b.endHour <= b.startHour) {
        ctx.addIssue({ code: 'custom', path: ['endHour'], message: `应晚于开始时间（${b.startHour}:00）` });
      }
    }),
  fieldLabels: {
    venue: '场地/服务', date: '日期', startHour: '开始时间', endHour: '结束时间', booker: '预约人', phone: '联系电话',
    purpose: '用途', homeVisit: '上门服务',
  },
  longTextFields: [],
  titleField: 'venue',
  refField: 'date',
});
