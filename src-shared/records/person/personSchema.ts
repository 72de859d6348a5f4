import type { FieldProblem } from '../../errors';
import { defineCollection, type CheckContext } from '../../schema/collection';
import { optionalDate, optionalPhone, optionalRef, optionalText, requiredText, tagList } from '../../schema/fields';
import { z } from '../../schema/zod';
import { parseIdNumber } from './idNumber';

/** The roles one person can hold in the community; one person is one record whatever roles they hold. */
export const PERSON_ROLES = ['党员', '在职党员', '志愿者', '社区工作者'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** 在职党员 "six ones" (六个一), each with what the member did for it. */
export const SIX_ONES = [
  '当好一名联络员', '做好一个表率', '参加一支服务队', '帮好一家困难户', '提出一条好建议', '办好一件社区事',
] as const;

const idNumberField = () =>
  z
    .string()
    .trim()
    .default('')
    .superRefine((v, ctx) => {
      if (v === '') return;
      const r = parseIdNumber(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    });

const personSchema = z
    .object({
      name: requiredText(30),
      roles: z.array(z.enum(PERSON_ROLES, '角色只能是党员、在职党员、志愿者或社区工作者')).min(1, '请至少选择一个角色').default(['党员']),
      gender: z.enum(['男', '女', ''], '只能填「男」或「女」').default(''),
      ethnicity: optionalText(20),
      birthDate: optionalDate(),
      idNumber: idNumberField(),
      education: optionalText(20),
      phone: optionalPhone(),
      address: optionalText(100),
      tags: tagList(),
      // 党员
      category: z.enum(['正式党员', '预备党员', ''], '只能填「正式党员」或「预备党员」').default(''),
      joinDate: optionalDate(),
      confirmDate: optionalDate(),
      orgNodeId: optionalRef(),
      employer: optionalText(100),
      partyStatus: optionalText(20),
      post: optionalText(50),
      responsibilityArea: optionalText(100),
      commitment: optionalText(200),
      // 在职党员报到
      employerPartyOrg: optionalText(100),
      reportDate: optionalDate(),
      claimedPost: optionalText(50),
      serviceTeam: optionalText(50),
      skills: optionalText(200),
      sixOnes: z.record(z.string(), z.string().max(500, '不能超过500个字')).default({}),
      // 志愿者
      volunteerTeamIds: z.array(z.string()).default([]),
      // 社区工作者
      workerPost: optionalText(50),
      note: optionalText(500),
    })
    .superRefine((p, ctx) => {
      const id = p.idNumber ? parseIdNumber(p.idNumber) : undefined;
      if (id?.ok) {
        if (p.birthDate && p.birthDate !== id.birthDate) {
          ctx.addIssue({ code: 'custom', path: ['birthDate'], message: `与公民身份号码中的出生日期（${id.birthDate}）不一致，请核对` });
        }
        if (p.gender && p.gender !== id.gender) {
          ctx.addIssue({ code: 'custom', path: ['gender'], message: `与公民身份号码（第17位表示${id.gender}）不一致，请核对` });
        }
      }
      if (p.roles.includes('党员')) {
        if (p.category === '') ctx.addIssue({ code: 'custom', path: ['category'], message: '党员须填写人员类别：正式党员或预备党员' });
        if (p.category === '预备党员' && p.confirmDate !== '') {
          ctx.addIssue({ code: 'custom', path: ['confirmDate'], message: '预备党员尚未转正，不应填写转正日期；请清空或改人员类别为正式党员' });
        }
      }
      if (p.joinDate && p.confirmDate && p.confirmDate <= p.joinDate) {
        ctx.addIssue({ code: 'custom', path: ['confirmDate'], message: `应晚于入党日期（${p.joinDate}），请核对` });
      }
      if (p.birthDate && p.joinDate && p.joinDate < p.birthDate) {
        ctx.addIssue({ code: 'custom', path: ['joinDate'], message: `早于出生日期（${p.birthDate}），请核对` });
      }
      if (p.roles.includes('在职党员') && p.employer === '') {
        ctx.addIssue({ code: 'custom', path: ['employer'], message: '在职党员须填写工作单位' });
      }
      for (const key of Object.keys(p.sixOnes)) {
        if (!(SIX_ONES as readonly string[]).includes(key)) {
          ctx.addIssue({ code: 'custom', path: ['sixOnes'], message: `「${key}」不是“六个一”中的一项` });
        }
      }
    });

export type PersonFields = z.output<typeof personSchema>;

const PERSON_FIELD_LABELS = {
    name: '姓名', roles: '角色', gender: '性别', ethnicity: '民族', birthDate: '出生日期', idNumber: '公民身份号码',
    education: '学历', phone: '联系电话', address: '居住地址', tags: '标签', category: '人员类别', joinDate: '入党日期',
    confirmDate: '转正日期', orgNodeId: '所在党组织', employer: '工作单位及职务', partyStatus: '党员状态', post: '设岗定责岗位',
    responsibilityArea: '党员责任区', commitment: '承诺事项', employerPartyOrg: '单位党组织', reportDate: '报到日期',
    claimedPost: '认领岗位', serviceTeam: '参加服务队', skills: '特长', sixOnes: '六个一', volunteerTeamIds: '志愿服务队',
    workerPost: '社区工作者岗位', note: '备注',
} as const satisfies Record<keyof PersonFields, string>;

export const people = defineCollection({
  name: 'people',
  label: '人员',
  schema: personSchema,
  fieldLabels: PERSON_FIELD_LABELS,
  longTextFields: [],
  titleField: 'name',
  refField: 'orgNodeId',
  uniqueFields: ['idNumber'],
  normalize: normalizePerson,
  check: checkPerson,
});

/** Upper-case X, 15-digit numbers to 18, and birth date and sex filled in from a valid ID number. */
export function normalizePerson(input: Record<string, unknown>): Record<string, unknown> {
  const out = { ...input };
  if (typeof out.idNumber === 'string' && out.idNumber.trim() !== '') {
    const id = parseIdNumber(out.idNumber);
    if (id.ok) {
      out.idNumber = id.idNumber;
      if (!out.birthDate) out.birthDate = id.birthDate;
      if (!out.gender) out.gender = id.gender;
    } else {
      out.idNumber = out.idNumber.trim().toUpperCase();
    }
  }
  const roles = Array.isArray(out.roles) ? out.roles : ['党员'];
  if (roles.includes('党员')) {
    if (!out.category) out.category = '正式党员';
    if (!out.partyStatus) out.partyStatus = '正常';
  }
  return out;
}

function checkPerson(p: PersonFields, context: CheckContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const inList = (field: keyof PersonFields, value: string, key: string, listLabel: string) => {
    if (value && !context.list(key).includes(value)) {
      problems.push({ field, label: PERSON_FIELD_LABELS[field], message: `「${value}」不在${listLabel}列表中；请改为列表中的值，或先在「设置」中添加` });
    }
  };
  inList('ethnicity', p.ethnicity, 'ethnicities', '民族');
  inList('education', p.education, 'educations', '学历');
  inList('partyStatus', p.partyStatus, 'partyStatuses', '党员状态');
  inList('post', p.post, 'posts', '设岗定责岗位');
  for (const tag of p.tags) inList('tags', tag, 'memberTags', '标签');
  if (p.orgNodeId && !context.exists('orgNodes', p.orgNodeId)) {
    problems.push({ field: 'orgNodeId', label: '所在党组织', message: '所选党组织不存在或已删除，请重新选择' });
  }
  for (const teamId of p.volunteerTeamIds) {
    if (!context.exists('volunteerTeams', teamId)) {
      problems.push({ field: 'volunteerTeamIds', label: '志愿服务队', message: '所选服务队不存在或已删除，请重新选择' });
    }
  }
  return problems;
}

/** 党龄: whole years since 转正日期 (a probationary member has none yet). */
export function partyAge(confirmDate: string, today: string): number | undefined {
  if (!confirmDate) return undefined;
  const [y1, m1, d1] = confirmDate.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = today.split('-').map(Number) as [number, number, number];
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years--;
  return Math.max(0, years);
}
