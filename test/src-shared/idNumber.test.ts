import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, parseIdNumber } from '../../src-shared/records';

describe('公民身份号码 GB 11643', () => {
  it('accepts the standard example 11010519491231002X and derives birth date and sex', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: '女' });
  });
  it('accepts a lower-case x', () => {
    expect(parseIdNumber('11010519491231002x').ok).toBe(true);
  });
  it('refuses a wrong check character and says which one is right', () => {
    const r = parseIdNumber('110105194912310021');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('最后一位应为「X」');
  });
  it('refuses an impossible birth date', () => {
    const first17 = '11010519490230002';
    const r = parseIdNumber(first17 + idNumberCheckChar(first17));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('出生日期「19490230」不存在');
  });
  it('converts a 15-digit legacy number to 18 digits', () => {
    const r = parseIdNumber('110105491231002');
    expect(r).toEqual({ ok: true, idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: '女' });
  });
  it('refuses a number of the wrong length', () => {
    const r = parseIdNumber('1101051949');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('应为18位');
  });
});
