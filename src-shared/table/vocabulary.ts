/**
 * Values as clerks write them in their own rosters (大专, 本科, 汉, 预备) and the values of the community's lists
 * (大学专科, 大学本科, 汉族, 预备党员). An import maps the first onto the second by itself where that is certain, and
 * remembers what a clerk decided for the rest ("把「X」都当作「Y」").
 */

/** Common ways of writing a list value, by field. A target is used only while it is still in the community's list. */
export const BUILT_IN_SYNONYMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  education: {
    博士: '研究生', 博士研究生: '研究生', 硕士: '研究生', 硕士研究生: '研究生', 研究生学历: '研究生', 在职研究生: '研究生',
    本科: '大学本科', 大学: '大学本科', 大本: '大学本科', 本科学历: '大学本科',
    大专: '大学专科', 专科: '大学专科', 高职: '大学专科', 大专学历: '大学专科',
    中专: '中专', 中师: '中专', 职业中专: '中专', 中等专科: '中专',
    高中: '高中/中技', 中技: '高中/中技', 技校: '高中/中技', 职高: '高中/中技', 职业高中: '高中/中技', 技工学校: '高中/中技',
    初中: '初中及以下', 小学: '初中及以下', 初小: '初中及以下', 高小: '初中及以下', 文盲: '初中及以下', 半文盲: '初中及以下',
  },
  category: { 正式: '正式党员', 预备: '预备党员', 中共党员: '正式党员', 党员: '正式党员', 中共预备党员: '预备党员' },
  partyStatus: { 在册: '正常', 正常党员: '正常', 流动: '流动党员', 失去联系: '失联', 出国: '出国出境', 出境: '出国出境', 出国境: '出国出境' },
  gender: { 男性: '男', 女性: '女' },
};

/** Where a cell's value came from: as written, a list's common variant, or a synonym the clerk taught. */
export type ChoiceMatch = { value: string; how: 'exact' | 'builtin' | 'learned' } | { value: string; how: 'unknown' };

/**
 * The list value a written value stands for: itself, a synonym the community taught, a built-in variant, or the one
 * list value it is the unique start of (汉 → 汉族, 出国 → 出国出境). Otherwise 'unknown', unchanged.
 */
export function matchChoice(field: string, written: string, choices: readonly string[], learned: Readonly<Record<string, string>> = {}): ChoiceMatch {
  const value = written.trim();
  if (value === '' || choices.includes(value)) return { value, how: 'exact' };
  const taught = learned[value];
  if (taught !== undefined && choices.includes(taught)) return { value: taught, how: 'learned' };
  const builtIn = BUILT_IN_SYNONYMS[field]?.[value];
  if (builtIn !== undefined && choices.includes(builtIn)) return { value: builtIn, how: 'builtin' };
  const starting = choices.filter((c) => c.startsWith(value));
  if (starting.length === 1) return { value: starting[0]!, how: 'builtin' };
  return { value, how: 'unknown' };
}

/** Settings-map key of one taught synonym: one key each, so two PCs teaching different synonyms both keep theirs. */
export function synonymKey(field: string, written: string): string {
  return `synonym:${field}:${written}`;
}

export function parseSynonymKey(key: string): { field: string; written: string } | undefined {
  const m = /^synonym:([^:]+):(.+)$/s.exec(key);
  return m ? { field: m[1]!, written: m[2]! } : undefined;
}

/**
 * Rows that end a roster rather than belong to it: 制表人 / 审核人 / 合计 / 填表日期 and the like, usually in the
 * first cell, with few cells filled. They are skipped with a note instead of being reported as people without an ID.
 */
const FOOTER = /^(制表人|制表|审核人|审核|审批人|合计|总计|小计|共计|填表日期|填报日期|制表日期|填表人|填报人|负责人|单位负责人|填表说明|说明|注)[：:\s]?/;

export function isFooterRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  if (filled.length === 0 || filled.length > 4) return false;
  return FOOTER.test(filled[0]!);
}

/** The lists of the person fields an import checks, from the community's settings. */
export const PERSON_FIELD_LISTS: Readonly<Record<string, string>> = {
  ethnicity: 'ethnicities', education: 'educations', partyStatus: 'partyStatuses', post: 'posts', tags: 'memberTags',
};

export const FIXED_CHOICES: Readonly<Record<string, readonly string[]>> = {
  category: ['正式党员', '预备党员'],
  gender: ['男', '女'],
};
