import { defineCollection } from '../../schema/collection';
import { optionalRef, optionalText, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';
import { ORG_NODE_KIND_CODES } from './orgNodeKinds';

export const orgNodes = defineCollection({
  name: 'orgNodes',
  label: '党组织',
  schema: z.object({
    name: requiredText(50),
    kind: z.enum(ORG_NODE_KIND_CODES, '请选择组织类型'),
    parentId: optionalRef(),
    order: z.number().default(0),
    secretary: optionalText(20),
    note: optionalText(500),
  }),
  fieldLabels: { name: '组织名称', kind: '组织类型', parentId: '上级组织', order: '排序', secretary: '书记/组长', note: '备注' },
  longTextFields: [],
  titleField: 'name',
  refField: 'parentId',
});
