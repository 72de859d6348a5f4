import { defineCollection } from '../../schema/collection';
import { optionalPhone, optionalRef, optionalText, requiredText, tagList } from '../../schema/fields';
import { z } from '../../schema/zod';

export const volunteers = defineCollection({
  name: 'volunteers',
  label: '志愿者',
  schema: z.object({
    name: requiredText(30),
    gender: z.enum(['男', '女', ''], '请选择男或女').default(''),
    phone: optionalPhone(),
    teamId: optionalRef(),
    skills: tagList(),
    address: optionalText(100),
  }),
  fieldLabels: { name: '姓名', gender: '性别', phone: '联系电话', teamId: '志愿服务队', skills: '特长', address: '居住地址' },
  longTextFields: [],
  titleField: 'name',
  refField: 'teamId',
});

export const volunteerTeams = defineCollection({
  name: 'volunteerTeams',
  label: '志愿服务队',
  schema: z.object({
    name: requiredText(50),
    service: optionalText(50),
    leaderName: optionalText(30),
    leaderPhone: optionalPhone(),
  }),
  fieldLabels: { name: '队名', service: '服务类别', leaderName: '队长', leaderPhone: '队长电话' },
  longTextFields: [],
  titleField: 'name',
});
