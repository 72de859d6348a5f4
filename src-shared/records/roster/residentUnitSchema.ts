import { defineCollection } from '../../schema/collection';
import { optionalPhone, optionalText, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

/** 驻区单位: agencies, state firms, schools, hospitals and 两新组织 located in the community. */
export const residentUnits = defineCollection({
  name: 'residentUnits',
  label: '驻区单位',
  schema: z.object({
    name: requiredText(100),
    unitType: optionalText(30),
    partyOrg: optionalText(100),
    contactName: optionalText(30),
    contactPhone: optionalPhone(),
    committeeMember: optionalText(30),
    address: optionalText(100),
  }),
  fieldLabels: {
    name: '单位名称', unitType: '单位类型', partyOrg: '单位党组织', contactName: '联系人', contactPhone: '联系电话',
    committeeMember: '兼职委员', address: '地址',
  },
  longTextFields: [],
  titleField: 'name',
  refField: 'unitType',
  check: (u, context) =>
    u.unitType && !context.list('unitTypes').includes(u.unitType)
      ? [{ field: 'unitType', label: '单位类型', message: `「${u.unitType}」不在单位类型列表中；请改为列表中的值，或先在「设置」中添加` }]
      : [],
});
