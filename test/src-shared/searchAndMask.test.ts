import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../src-shared/privacy/mask';
import { namePinyin, searchEntry, searchPeople } from '../../src-shared/search/personSearch';

const entries = [
  searchEntry('1', '张三', ['13812345678', '11010519491231002X']),
  searchEntry('2', '单田芳', ['13900001111']),
  searchEntry('3', '曾国藩', []),
  searchEntry('4', '解缙', []),
  searchEntry('5', '区志强', ['0591-87654321']),
  searchEntry('6', '张珊珊', []),
];

describe('person search', () => {
  it('finds a person by the given name alone, ranked after names matched from their start', () => {
    const list = [searchEntry('a', '赵丽华', []), searchEntry('b', '李慧', []), searchEntry('c', '欧阳娜娜', []), searchEntry('d', '刘红', [])];
    expect(searchPeople(list, 'lh')).toEqual(['b', 'd', 'a']);
    expect(searchPeople(list, 'lihua')).toEqual(['a']);
    expect(searchPeople(list, 'nn')).toEqual(['c']);
    expect(searchPeople(list, '丽')).toEqual(['a']);
    expect(searchPeople([searchEntry('x', '张丽', []), searchEntry('y', '丽娜', [])], '丽')).toEqual(['y', 'x']);
  });

  it('finds 张三 by full pinyin and by initials', () => {
    expect(searchPeople(entries, 'zhangsan')).toEqual(['1']);
    expect(searchPeople(entries, 'zs')).toEqual(['1', '6']);
    expect(searchPeople(entries, 'ZS')).toEqual(['1', '6']);
    expect(searchPeople(entries, 'zhang')).toEqual(['1', '6']);
    expect(searchPeople(entries, 'zhangs')).toEqual(['1', '6']);
    expect(searchPeople(entries, 'zhangss')).toEqual(['6']);
    expect(searchPeople(entries, 'shantf')).toEqual(['2']);
    expect(searchPeople(entries, 'san')).toEqual(['1']);
  });
  it('reads special surnames by their surname reading', () => {
    expect(namePinyin('单田芳').full).toBe('shantianfang');
    expect(searchPeople(entries, 'shan')).toContain('2');
    expect(searchPeople(entries, 'zgf')).toEqual(['3']);
    expect(searchPeople(entries, 'xiejin')).toEqual(['4']);
    expect(searchPeople(entries, 'ouzq')).toEqual(['5']);
    expect(searchPeople(entries, 'ozq')).toEqual(['5']);
  });
  it('finds Chinese substrings, and the last digits of a phone or ID number', () => {
    expect(searchPeople(entries, '田芳')).toEqual(['2']);
    expect(searchPeople(entries, '5678')).toEqual(['1']);
    expect(searchPeople(entries, '002x')).toEqual(['1']);
    expect(searchPeople(entries, '4321')).toEqual(['5']);
    expect(searchPeople(entries, '')).toHaveLength(6);
  });
});

describe('masking', () => {
  it('masks ID numbers and phones as offices print them', () => {
    expect(maskIdNumber('35010219900101123X')).toBe('350102********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0591-87654321')).toBe('0591-****4321');
    expect(maskIdNumber('')).toBe('');
    expect(maskPhone('')).toBe('');
  });
});
