import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommunitySettings } from '../../src-shared/settings/communitySettings';
import { DEFAULT_SETTINGS } from '../../src-shared/settings/defaults';
import { isFooterRow, matchChoice } from '../../src-shared/table/vocabulary';

const educations = DEFAULT_SETTINGS.educations;

describe('import vocabulary', () => {
  it('maps the ways rosters write 学历 onto the statistics buckets', () => {
    const cases: [string, string][] = [['大专', '大学专科'], ['本科', '大学本科'], ['高中', '高中/中技'], ['中专', '中专'], ['初中', '初中及以下'], ['小学', '初中及以下'], ['硕士', '研究生'], ['技校', '高中/中技']];
    for (const [written, value] of cases) expect(matchChoice('education', written, educations)).toEqual({ value, how: written === value ? 'exact' : 'builtin' });
    expect(matchChoice('education', '中技校', educations).how).toBe('unknown');
    expect(matchChoice('education', '中技校', educations, { 中技校: '高中/中技' })).toEqual({ value: '高中/中技', how: 'learned' });
  });
  it('uses a built-in variant only while its target is still in the community\'s list', () => {
    expect(matchChoice('education', '大专', ['本科及以上', '专科', '高中及以下']).how).toBe('unknown');
  });
  it('takes the unique list value a text starts (汉 → 汉族), never an ambiguous one', () => {
    expect(matchChoice('ethnicity', '汉', DEFAULT_SETTINGS.ethnicities)).toEqual({ value: '汉族', how: 'builtin' });
    expect(matchChoice('ethnicity', '土', DEFAULT_SETTINGS.ethnicities).how).toBe('unknown'); // 土家族 or 土族
    expect(matchChoice('partyStatus', '流动', DEFAULT_SETTINGS.partyStatuses).value).toBe('流动党员');
    expect(matchChoice('category', '预备', ['正式党员', '预备党员']).value).toBe('预备党员');
  });
  it('recognises footer rows, not people', () => {
    expect(isFooterRow(['制表人：王小红', '', '审核人：林书记'])).toBe(true);
    expect(isFooterRow(['合计', '24人'])).toBe(true);
    expect(isFooterRow(['', '填表日期:2026年11月1日'])).toBe(true);
    expect(isFooterRow(['1', '张三', '男', '汉族', '110105194912310021'])).toBe(false);
    expect(isFooterRow(['王制表'])).toBe(false);
  });
  it('keeps synonyms taught on two PCs offline, one key each', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    new CommunitySettings(a).learnSynonym('education', '中技校', '高中/中技');
    new CommunitySettings(b).learnSynonym('education', '职校', '高中/中技');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) expect(new CommunitySettings(doc).learnedSynonyms('education')).toEqual({ 中技校: '高中/中技', 职校: '高中/中技' });
  });
});
