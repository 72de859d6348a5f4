import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCommunityInfo, writeCommunityInfo } from '../../src-shared/community/communityInfo';
import { parseDivisionCode } from '../../src-shared/community/divisionCode';

describe('统计用区划代码', () => {
  it('accepts a 12-digit community code and derives its street (first 9 digits)', () => {
    const r = parseDivisionCode('350102001001');
    expect(r).toEqual({ ok: true, value: { code: '350102001001', countyCode: '350102', streetCode: '350102001', townshipKind: '街道' } });
  });
  it('normalises full-width digits and spaces typed with a Chinese input method', () => {
    const r = parseDivisionCode('３５０１０２ ００１００１');
    expect(r.ok && r.value.code).toBe('350102001001');
  });
  it.each([
    ['', '请填写12位'],
    ['35010200100', '现在是11位'],
    ['3501020010011', '现在是13位'],
    ['35010200100A', '只能包含数字'],
    ['990102001001', '省级代码「99」不存在'],
    ['350102000001', '不能为000'],
    ['350102001000', '最后3位'],
    ['350102401001', '超出范围'],
  ])('refuses %j with a Chinese explanation', (code, fragment) => {
    const r = parseDivisionCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
  it('tells a town (镇) from a street (街道)', () => {
    const r = parseDivisionCode('350121100201');
    expect(r.ok && r.value.townshipKind).toBe('镇');
  });
  it('never changes a community\'s code once written', () => {
    const doc = new Y.Doc();
    writeCommunityInfo(doc, { code: '350102001001', name: '三坊七巷社区', streetName: '南街街道', createdAt: 1 });
    expect(() => writeCommunityInfo(doc, { code: '350102001002', name: '三坊七巷社区', streetName: '南街街道', createdAt: 1 })).toThrow(/不能改为 350102001002/);
    expect(readCommunityInfo(doc)?.code).toBe('350102001001');
  });
});
