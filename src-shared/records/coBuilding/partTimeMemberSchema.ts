import { defineCollection } from '../../schema/collection';
import { optionalDate, optionalPhone, optionalRef, optionalText, requiredDate, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

/**
 * 兼职委员: a resident unit's person appointed a part-time member of the community Party committee, for a term, with
 * duties. Their attendance at 党建联席会议 is read from the meeting records (the unit's place on the 应到 list).
 */
export const partTimeMembers = defineCollection({
  name: 'partTimeMembers',
  label: '兼职委员',
  schema: z
    .object({
      name: requiredText(30),
      unitId: requiredText(40),
      /** Their post in the unit (e.g. 党委副书记). */
      unitPost: optionalText(50),
      phone: optionalPhone(),
      appointedOn: requiredDate(),
      termEnd: optionalDate(),
      duties: optionalText(300),
      /** Set when the appointment ends early (replaced, left the unit). */
      endedOn: optionalDate(),
      personId: optionalRef(),
    })
    .superRefine((m, ctx) => {
      if (m.termEnd && m.termEnd < m.appointedOn) ctx.addIssue({ code: 'custom', path: ['termEnd'], message: `（${m.termEnd}）早于聘任日期（${m.appointedOn}），请核对任期` });
      if (m.endedOn && m.endedOn < m.appointedOn) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: `（${m.endedOn}）早于聘任日期（${m.appointedOn}），请核对` });
    }),
  fieldLabels: { name: '姓名', unitId: '所在单位', unitPost: '单位职务', phone: '联系电话', appointedOn: '聘任日期', termEnd: '任期届满', duties: '分工职责', endedOn: '免职日期', personId: '名册人员' },
  longTextFields: [],
  titleField: 'name',
  refField: 'unitId',
  check: (m, context) => (context.exists('residentUnits', m.unitId) ? [] : [{ field: 'unitId', label: '所在单位', message: '所选驻区单位不存在或已删除，请在“驻区单位与服务队”中核对' }]),
});

/** Whether an appointment is in force on a day: appointed, not yet past its term, not ended early. */
export function inTerm(m: { appointedOn: string; termEnd: string; endedOn: string }, day: string): boolean {
  return m.appointedOn <= day && (!m.termEnd || day <= m.termEnd) && (!m.endedOn || day < m.endedOn);
}
