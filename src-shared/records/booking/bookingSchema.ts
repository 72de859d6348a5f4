import { defineCollection } from '../../schema/collection';
import { count, optionalPhone, optionalRef, optionalText, requiredDate, requiredText, tagList } from '../../schema/fields';
import { z } from '../../schema/zod';

const hour = (label: string) => z.number().int(`${label}必须是整点`).min(0).max(24);

export const BOOKING_STATUSES = ['待审批', '已确认', '已取消', '已完成', '未到'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** 平台约到: a room, venue or service booked for whole-hour slots, by a person, a unit, a team or a walk-in resident. */
export const bookings = defineCollection({
  name: 'bookings',
  label: '场地预约',
  schema: z
    .object({
      /** The venue's name as booked (kept for the record and for bookings made before venues were records). */
      venue: requiredText(50),
      venueId: optionalRef(),
      date: requiredDate(),
      startHour: hour('开始时间'),
      endHour: hour('结束时间'),
      bookerKind: z.enum(['person', 'unit', 'team', 'walkin']).default('walkin'),
      /** The roster person, resident unit or team; empty for a walk-in resident. */
      bookerId: optionalRef(),
      booker: requiredText(30),
      phone: optionalPhone(),
      purpose: optionalText(200),
      headcount: count(),
      equipmentNeeded: tagList(),
      homeVisit: z.boolean().default(false),
      status: z.enum(BOOKING_STATUSES, '状态只能是待审批、已确认、已取消、已完成或未到').default('已确认'),
      statusReason: optionalText(200),
      /** Why a clerk booked past an overridable rule (the monthly limit, the length, the notice): such a booking is no breach. */
      overrideReason: optionalText(300),
      /** Bookings made together as a recurring series share this id. */
      seriesId: optionalRef(),
    })
    .superRefine((b, ctx) => {
      if (b.endHour <= b.startHour) {
        ctx.addIssue({ code: 'custom', path: ['endHour'], message: `应晚于开始时间（${b.startHour}:00）` });
      }
      if (b.status === '已取消' && !b.statusReason.trim()) {
        ctx.addIssue({ code: 'custom', path: ['statusReason'], message: '取消预约须写明原因，例如：预约人来电取消' });
      }
    }),
  fieldLabels: {
    venue: '场地/服务', venueId: '场地', date: '日期', startHour: '开始时间', endHour: '结束时间', bookerKind: '预约人类别',
    bookerId: '预约人编号', booker: '预约人', phone: '联系电话', purpose: '用途', headcount: '人数', equipmentNeeded: '所需设备',
    homeVisit: '上门服务', status: '状态', statusReason: '状态原因', overrideReason: '破例原因', seriesId: '周期预约',
  },
  longTextFields: [],
  titleField: 'venue',
  refField: 'date',
  check: (b, context) => (b.venueId && !context.exists('venues', b.venueId) ? [{ field: 'venueId', label: '场地', message: '所选场地不存在或已删除，请重新选择' }] : []),
});
