import { defineCollection, type CheckContext } from '../../schema/collection';
import { count, longText, optionalDate, optionalRef, optionalText, requiredDate, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';
import type { FieldProblem } from '../../errors';

/** 三会一课 and the community's other meetings (seed 002: 党建联席会议; DOMAIN: 组织生活会, 民主评议). */
export const MEETING_TYPES = [
  '支部党员大会', '支委会', '党小组会', '党课', '主题党日', '组织生活会', '民主评议', '党建联席会议', '党群协商议事会', '其他',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const ATTENDANCE_STATUSES = ['未标记', '出席', '迟到', '请假', '缺席'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** 民主评议 grades; at most a third 优秀 (a setting). */
export const GRADES = ['优秀', '合格', '基本合格', '不合格'] as const;

const time = () =>
  z.string().trim().default('').refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), '时间请写成 19:30 的格式');

/**
 * One person's place at a meeting, keyed by person id (members) or `guest:…` (列席 by name) or `unit:…` (a resident
 * unit's 兼职委员 or contact at a 联席会议). Kept as a keyed log: marks made on two PCs both stay, the later is in effect.
 */
const attendanceEntry = z.object({
  kind: z.enum(['member', 'guest', 'unit']).default('member'),
  name: z.string().max(60).default(''),
  status: z.enum(ATTENDANCE_STATUSES).default('未标记'),
  reason: z.string().max(100, '原因不能超过100个字').default(''),
  /** Taken off the 应到 list (moved away, chosen wrongly): kept, not counted. */
  removed: z.boolean().default(false),
  at: z.number().optional(),
});
export type AttendanceEntry = z.output<typeof attendanceEntry>;

const gradeEntry = z.object({ grade: z.enum(GRADES, '评议等次只能是优秀、合格、基本合格或不合格'), at: z.number().optional() });

const agendaItem = z.object({ id: z.string().min(1), title: z.string().trim().min(1, '议程名称不能为空').max(100, '议程名称不能超过100个字') });

export const meetings = defineCollection({
  name: 'meetings',
  label: '会议记录',
  schema: z
    .object({
      title: requiredText(100),
      meetingType: z.enum(MEETING_TYPES, '请选择会议类型'),
      /** The name of an 其他 meeting (党员冬训, 专题学习…), from the community's list or typed. */
      typeName: optionalText(30),
      date: requiredDate(),
      startTime: time(),
      endTime: time(),
      place: optionalText(100),
      host: optionalText(30),
      recorder: optionalText(30),
      orgNodeId: optionalRef(),
      attendance: z.record(z.string(), attendanceEntry).default({}),
      agendaItems: z.array(agendaItem).default([]),
      /** 发言 / discussion per agenda item (Y.Text each: two clerks typing offline merge). */
      itemTexts: z.record(z.string(), z.string().max(100_000)).default({}),
      grades: z.record(z.string(), gradeEntry).default({}),
      /** 会议纪要: the summary (the full record is built from the items). */
      minutes: longText(),
      agenda: longText(),
      status: z.enum(['草稿', '已定稿']).default('草稿'),
      /** How many times it was finalized: each finalization is a numbered version. */
      version: count(),
      finalizedAt: optionalDate(),
      /** Snapshots of each finalized version (plain JSON), keyed by version number. */
      versions: z.record(z.string(), z.object({ at: z.number().optional(), snapshot: z.string() })).default({}),
      /** Decisions on edits made elsewhere before that PC learned of the finalization: 采纳 or 不采纳, by entry. */
      proposals: z.record(z.string(), z.object({ decision: z.enum(['采纳', '不采纳']), at: z.number().optional() })).default({}),
    })
    .superRefine((m, ctx) => {
      if (m.startTime && m.endTime && m.endTime <= m.startTime) {
        ctx.addIssue({ code: 'custom', path: ['endTime'], message: `应晚于开始时间（${m.startTime}），请改正` });
      }
    }),
  fieldLabels: {
    title: '会议名称', meetingType: '会议类型', typeName: '会议类型名称', date: '日期', startTime: '开始时间', endTime: '结束时间', place: '地点',
    host: '主持人', recorder: '记录人', orgNodeId: '党组织', attendance: '出席情况', agendaItems: '议程', itemTexts: '发言记录',
    grades: '评议等次', minutes: '会议纪要', agenda: '议程说明', status: '状态', version: '定稿版本', finalizedAt: '定稿日期',
    versions: '定稿版本记录', proposals: '待确认修改的处理',
  },
  longTextFields: ['minutes', 'agenda'],
  keyedLogFields: ['attendance', 'grades', 'versions', 'proposals'],
  keyedTextFields: ['itemTexts'],
  titleField: 'title',
  refField: 'date',
  check: (m, context) => (m.orgNodeId && !context.exists('orgNodes', m.orgNodeId) ? [{ field: 'orgNodeId', label: '党组织', message: '所选党组织不存在或已删除，请重新选择' }] : []),
});

const voteFiguresSchema = z.object({ votingDue: z.number().int().min(0), votingPresent: z.number().int().min(0), present: z.number().int().min(0), nonVotingPresent: z.number().int().min(0).default(0) });

/** 决议事项: numbered per organisation per year (〔2026〕第 3 号); a number is never given to two decisions. */
export const meetingDecisions = defineCollection({
  name: 'meetingDecisions',
  label: '决议事项',
  schema: z.object({
    meetingId: z.string().min(1, '决议须属于一次会议'),
    orgNodeId: optionalRef(),
    year: z.number().int().min(1900).max(2100),
    /** 0: a 决议 that did not pass keeps its record but takes no number (see docs/ARCHITECTURE.md, Meetings). */
    number: z.number().int('编号必须是整数').min(0, '编号不能小于0'),
    text: requiredText(2000),
    itemId: optionalRef(),
    /** 决议 (a motion voted on) or 选举 (candidates elected). */
    kind: z.enum(['决议', '选举']).default('决议'),
    voteFor: count(),
    voteAgainst: count(),
    voteAbstain: count(),
    /** 记名表决: each voter's choice; when present, the counts are derived from it. */
    namedVotes: z.record(z.string(), z.enum(['同意', '反对', '弃权'])).default({}),
    /** 选举: each candidate's votes. */
    candidates: z.array(z.object({ name: z.string().trim().min(1, '候选人姓名不能为空').max(30), votes: z.number().int().min(0, '票数不能小于0') })).default([]),
    /** The attendance the vote was taken with, stored when it is recorded (null for records made before this was kept). */
    figures: voteFiguresSchema.nullable().default(null),
    /** Attendance figures a person reviewed after they changed: the recorded result stands for these too. */
    reviewedFigures: voteFiguresSchema.nullable().default(null),
  }),
  fieldLabels: {
    meetingId: '所属会议', orgNodeId: '党组织', year: '年度', number: '编号', text: '决议内容', itemId: '议程', kind: '类别', voteFor: '同意',
    voteAgainst: '反对', voteAbstain: '弃权', namedVotes: '记名表决', candidates: '候选人得票', figures: '表决时人数', reviewedFigures: '复核后的人数',
  },
  longTextFields: [],
  titleField: 'text',
  refField: 'meetingId',
  check: (d, context) => refProblems(d, context, [['meetingId', 'meetings', '所属会议']]),
});

export const TASK_STATUSES = ['未开始', '进行中', '已完成'] as const;

/** 督办: a follow-up of a decision or an agenda item, owned by a person or a resident unit, with a due date. */
export const meetingTasks = defineCollection({
  name: 'meetingTasks',
  label: '督办事项',
  schema: z
    .object({
      meetingId: z.string().min(1, '督办事项须属于一次会议'),
      decisionId: optionalRef(),
      orgNodeId: optionalRef(),
      title: requiredText(200),
      ownerPersonId: optionalRef(),
      ownerUnitId: optionalRef(),
      dueDate: optionalDate(),
      status: z.enum(TASK_STATUSES, '状态只能是未开始、进行中或已完成').default('未开始'),
      progress: longText(10_000),
    })
    .superRefine((t, ctx) => {
      if (!t.ownerPersonId && !t.ownerUnitId) ctx.addIssue({ code: 'custom', path: ['ownerPersonId'], message: '请选择负责人（名册中的人员或驻区单位）' });
    }),
  fieldLabels: {
    meetingId: '所属会议', decisionId: '决议', orgNodeId: '党组织', title: '事项', ownerPersonId: '负责人', ownerUnitId: '负责单位',
    dueDate: '完成期限', status: '状态', progress: '进展情况',
  },
  longTextFields: ['progress'],
  titleField: 'title',
  refField: 'meetingId',
  check: (t, context) => refProblems(t, context, [['meetingId', 'meetings', '所属会议'], ['ownerPersonId', 'people', '负责人'], ['ownerUnitId', 'residentUnits', '负责单位']]),
});

/** Each filled reference must name a live record of its collection. */
function refProblems(record: object, context: CheckContext, refs: [field: string, collection: string, label: string][]): FieldProblem[] {
  return refs
    .filter(([field, collection]) => {
      const id = (record as Record<string, unknown>)[field];
      return typeof id === 'string' && id !== '' && !context.exists(collection, id);
    })
    .map(([field, , label]) => ({ field, label, message: `所选${label}不存在或已删除，请重新选择` }));
}
