import { describe, expect, it } from 'vitest';
import { checkIdleMinutes, checkOperatorName, checkPin, isIdle } from '../../src-shared/operators/operatorList';

describe('operator list rules', () => {
  it('needs a name, once per PC', () => {
    const list = [{ id: '1', name: '王小红' }];
    expect(checkOperatorName(' 林书记 ', list)).toBe('林书记');
    expect(() => checkOperatorName('', list)).toThrow(/「操作人姓名」不能为空/);
    expect(() => checkOperatorName('王小红', list)).toThrow(/已在本机操作人列表中/);
    expect(checkOperatorName('王小红', list, '1')).toBe('王小红');
  });
  it('takes a PIN of 4 to 6 digits and an idle time of 0 to 480 minutes', () => {
    expect(checkPin('2468')).toBe('2468');
    expect(() => checkPin('12')).toThrow(/应为4至6位数字/);
    expect(() => checkPin('12ab')).toThrow(/应为4至6位数字/);
    expect(checkIdleMinutes(0)).toBe(0);
    expect(() => checkIdleMinutes(-1)).toThrow(/0至480/);
  });
  it('counts a PC idle only past the setting, never with 0', () => {
    expect(isIdle(0, 5 * 60_000, 5)).toBe(true);
    expect(isIdle(0, 5 * 60_000 - 1, 5)).toBe(false);
    expect(isIdle(0, 10 ** 9, 0)).toBe(false);
  });
});
