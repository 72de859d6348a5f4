import { defineCollection } from '../../schema/collection';
import { optionalDate, optionalPhone, optionalText, requiredText, tagList } from '../../schema/fields';
import { z } from '../../schema/zod';

/** 在职党员报到: a party member employed elsewhere who registers with the community where they live. */
export const inServiceMembers = defineCollection({
  name: 'inServiceMembers',
  label: '在职党员',
  schema: z.object({
    name: requiredText(30),
    phone: optionalPhone(),
    employer: requiredText(100),
    employerPartyOrg: optionalText(100),
    reportDate: optionalDate(),
    claimedPost: optionalText(50),
    serviceTeam: optionalText(50),
    skills: tagList(),
    address: optionalText(100),
  }),
  fieldLabels: {
    name: '姓名', phone: '联系电话', employer: '工作单位', employerPartyOrg: '单位党组织', reportDate: '报到日期',
    claimedPost: '认领岗位', serviceTeam: '服务队', skills: '特长', address: '居住地址',
  },
  longTextFields: [],
  titleField: 'name',
  refField: 'employer',
});
