import { defineCollection } from '../../schema/collection';
import { count, optionalDate, optionalPhone, optionalRef, optionalText, requiredText, tagList } from '../../schema/fields';
import { z } from '../../schema/zod';
import { parseIdNumber } from '../person/idNumber';

export const partyMembers = defineCollection({
  name: 'partyMembers',
  label: '党员',
  schema: z
    .object({
      name: requiredText(30),
      gender: z.enum(['男', '女', ''], '请选择男或女').default(''),
      ethnicity: optionalText(20),
      birthDate: optionalDate(),
      idNumber: z
        .string()
        .trim()
        .default('')
        .superRefine((v, ctx) => {
          if (v === '') return;
          const r = parseIdNumber(v);
          if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
        }),
      education: optionalText(20),
      category: z.enum(['正式党员', '预备党员'], '请选择正式党员或预备党员').default('正式党员'),
      joinDate: optionalDate(),
      confirmDate: optionalDate(),
      orgNodeId: optionalRef(),
      employer: optionalText(100),
      phone: optionalPhone(),
      address: optionalText(100),
      status: optionalText(20).default('正常'),
      tags: tagList(),
      post: optionalText(50),
      responsibilityArea: optionalText(100),
      commitment: optionalText(200),
      points: count(),
    })
    .superRefine((m, ctx) => {
      if (m.category === '预备党员' && m.confirmDate !== '') {
        ctx.addIssue({ code: 'custom', path: ['confirmDate'], message: '预备党员尚未转正，不应填写转正日期；请清空或改人员类别为正式党员' });
      }
      if (m.joinDate && m.confirmDate && m.confirmDate <= m.joinDate) {
        ctx.addIssue({ code: 'custom', path: ['confirmDate'], message: `应晚于入党日期（${m.joinDate}），请核对` });
      }
    }),
  fieldLabels: {
    name: '姓名', gender: '性别', ethnicity: '民族', birthDate: '出生日期', idNumber: '公民身份号码', education: '学历',
    category: '人员类别', joinDate: '入党日期', confirmDate: '转正日期', orgNodeId: '所在党组织', employer: '工作单位及职务',
    phone: '联系电话', address: '居住地址', status: '党员状态', tags: '标签', post: '设岗定责岗位', responsibilityArea: '党员责任区',
    commitment: '承诺事项', points: '积分',
  },
  longTextFields: [],
  titleField: 'name',
  refField: 'orgNodeId',
});
