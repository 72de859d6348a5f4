import { defineCollection } from '../../schema/collection';
import { count, optionalRef, optionalText, requiredText, tagList } from '../../schema/fields';
import { z } from '../../schema/zod';

/** The booking rules of one city (DOMAIN.md), the defaults of every venue; each venue may change them. */
export const DEFAULT_BOOKING_RULES = {
  /** Slots are whole hours from `earliest` to `latest`. */
  earliest: 8,
  latest: 22,
  maxHours: 4,
  maxPerMonth: 2,
  /** Hours of notice before a booking starts (0: walk-ins welcome). */
  minNoticeHours: 0,
  maxDaysAhead: 60,
};
export type BookingRules = typeof DEFAULT_BOOKING_RULES;

const hourOfDay = z.number().int('须为整点').min(0, '不能早于0点').max(24, '不能晚于24点');

/**
 * Opening hours per weekday (1 = 星期一 … 7 = 星期日): [open, close], or null when closed all day; a weekday not
 * listed follows the rules' earliest–latest.
 */
const openingHours = z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.tuple([hourOfDay, hourOfDay]).nullable());

const closure = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期请写成 2026-05-01'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期请写成 2026-05-01'),
  reason: z.string().trim().min(1, '请写明原因，例如：劳动节、维修').max(50),
});

/** 场地 and bookable services of the 党群服务中心, and facilities resident units open to residents. */
export const venues = defineCollection({
  name: 'venues',
  label: '场地与服务',
  schema: z
    .object({
      name: requiredText(50),
      kind: z.enum(['场地', '上门服务', '错时延时服务'], '类别只能是场地、上门服务或错时延时服务').default('场地'),
      /** A resident unit's facility (停车场, 运动场…); empty for the community's own. */
      ownerUnitId: optionalRef(),
      address: optionalText(100),
      capacity: count(),
      equipment: tagList(),
      openingHours: openingHours.default({}),
      closures: z.array(closure).default([]),
      rules: z
        .object({
          earliest: hourOfDay, latest: hourOfDay, maxHours: z.number().int().min(1).max(24),
          maxPerMonth: z.number().int().min(0).max(100), minNoticeHours: z.number().int().min(0).max(24 * 30), maxDaysAhead: z.number().int().min(1).max(366),
        })
        .partial()
        .default({}),
      needsApproval: z.boolean().default(false),
      note: optionalText(500),
    })
    .superRefine((v, ctx) => {
      for (const [day, span] of Object.entries(v.openingHours)) {
        if (span && span[1] <= span[0]) ctx.addIssue({ code: 'custom', path: ['openingHours'], message: `星期${'一二三四五六日'[Number(day) - 1]}的关门时间应晚于开门时间` });
      }
      for (const c of v.closures) if (c.to < c.from) ctx.addIssue({ code: 'custom', path: ['closures'], message: `「${c.reason}」的结束日期应不早于开始日期` });
      const r = { ...DEFAULT_BOOKING_RULES, ...v.rules };
      if (r.latest <= r.earliest) ctx.addIssue({ code: 'custom', path: ['rules'], message: '可预约的最晚时间应晚于最早时间' });
    }),
  fieldLabels: {
    name: '名称', kind: '类别', ownerUnitId: '所属驻区单位', address: '地址', capacity: '容纳人数', equipment: '设备',
    openingHours: '开放时间', closures: '暂停开放', rules: '预约规则', needsApproval: '需审批', note: '说明',
  },
  longTextFields: [],
  titleField: 'name',
  refField: 'ownerUnitId',
  check: (v, context) => (v.ownerUnitId && !context.exists('residentUnits', v.ownerUnitId) ? [{ field: 'ownerUnitId', label: '所属驻区单位', message: '所选驻区单位不存在或已删除，请重新选择' }] : []),
});
