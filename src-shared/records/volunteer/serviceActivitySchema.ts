import { defineCollection } from '../../schema/collection';
import { optionalRef, optionalText, requiredDate, requiredText, tagList } from '../../schema/fields';
import { z } from '../../schema/zod';

export const ORGANISER_KINDS = ['社区', '志愿服务队', '驻区单位', '共建项目', '吹哨报到'] as const;

const clock = (label: string) => z.string().trim().default('').refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), `${label}请写成 08:30 的格式`);

/**
 * One person at a service activity, keyed `person:<id>` (from the rosters) or `walkin:<name>|<phone>`. A keyed log:
 * two PCs ticking different people both stay; for one person the later entry is in effect.
 */
const attendanceEntry = z.object({
  name: z.string().trim().min(1, '姓名不能为空').max(30),
  phone: z.string().trim().max(20).default(''),
  present: z.boolean().default(true),
  arrive: clock('到达时间'),
  leave: clock('离开时间'),
  at: z.number().optional(),
});
export type ServiceAttendance = z.output<typeof attendanceEntry>;

/** The rules the activity's points were entered under (set at its first entry; later rule changes do not apply). */
const entryRules = z.object({ pointsPerHour: z.number().min(0), capHoursPerActivity: z.number().min(0), stepMinutes: z.number().int().min(1), multiplier: z.number().min(0) });

/** 志愿服务活动: who served, from when to when; hours are derived from the times, points are posted to the ledger. */
export const serviceActivities = defineCollection({
  name: 'serviceActivities',
  label: '志愿服务活动',
  schema: z
    .object({
      title: requiredText(100),
      date: requiredDate(),
      startTime: clock('开始时间'),
      endTime: clock('结束时间'),
      place: optionalText(100),
      organiserKind: z.enum(ORGANISER_KINDS, '组织方只能是社区、志愿服务队、驻区单位、共建项目或吹哨报到').default('社区'),
      organiserId: optionalRef(),
      /** 服务类别 (the community's list of service kinds): decides the points multiplier. */
      category: optionalText(30),
      attendance: z.record(z.string(), attendanceEntry).default({}),
      rules: entryRules.optional(),
      /** Activities a person said are not this one (not a duplicate entered on another PC). */
      distinctFrom: tagList(),
      note: optionalText(500),
    })
    .superRefine((a, ctx) => {
      if (a.startTime && a.endTime && a.endTime <= a.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: `应晚于开始时间（${a.startTime}）` });
      for (const entry of Object.values(a.attendance)) {
        if (entry.present && entry.arrive && entry.leave && entry.leave <= entry.arrive) {
          ctx.addIssue({ code: 'custom', path: ['attendance'], message: `${entry.name}的离开时间（${entry.leave}）应晚于到达时间（${entry.arrive}），请核对签到表` });
        }
      }
    }),
  fieldLabels: {
    title: '活动名称', date: '日期', startTime: '开始时间', endTime: '结束时间', place: '地点', organiserKind: '组织方类别', organiserId: '组织方',
    category: '服务类别', attendance: '参加人员', rules: '积分规则', distinctFrom: '确认不是同一活动', note: '说明',
  },
  longTextFields: [],
  keyedLogFields: ['attendance'],
  titleField: 'title',
  refField: 'date',
});

/** 志愿服务证明, numbered per year (志证〔2026〕第 3 号): what was certified stays on record with its history. */
export const serviceCertificates = defineCollection({
  name: 'serviceCertificates',
  label: '志愿服务证明',
  schema: z.object({
    year: z.number().int().min(2000).max(2100),
    seq: z.number().int('编号必须是整数').min(1, '编号从1开始'),
    personKey: requiredText(80),
    personName: requiredText(30),
    from: requiredDate(),
    to: requiredDate(),
    hours: z.number().min(0),
    activities: z.number().int().min(0),
    issuedOn: requiredDate(),
    purpose: optionalText(100),
  }),
  fieldLabels: { year: '年度', seq: '编号', personKey: '人员', personName: '姓名', from: '起始日期', to: '截止日期', hours: '服务时长', activities: '活动次数', issuedOn: '开具日期', purpose: '用途' },
  longTextFields: [],
  titleField: 'personName',
  refField: 'personKey',
});

export const certificateNumber = (year: number, seq: number) => `志证〔${year}〕第${seq}号`;
