import { defineCollection } from '../../schema/collection';
import { optionalPhone, optionalText, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

/** 志愿服务队; its members are people with the 志愿者 role whose volunteerTeamIds name the team. */
export const volunteerTeams = defineCollection({
  name: 'volunteerTeams',
  label: '志愿服务队',
  schema: z.object({
    name: requiredText(50),
    service: optionalText(50),
    leaderId: optionalText(50),
    leaderName: optionalText(30),
    leaderPhone: optionalPhone(),
  }),
  fieldLabels: { name: '队名', service: '服务类别', leaderId: '队长（人员）', leaderName: '队长', leaderPhone: '队长电话' },
  longTextFields: [],
  titleField: 'name',
});
