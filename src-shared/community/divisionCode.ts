/**
 * 统计用区划代码 of a community: 2 province + 2 city + 2 county + 3 township (street) + 3 community.
 * The street is the first 9 digits. Codes are re-issued yearly, so only the shape is checked here, not a list.
 */
export interface DivisionCode {
  code: string;
  countyCode: string;
  streetCode: string;
  townshipKind: '街道' | '镇' | '乡';
}

export type DivisionCodeResult = { ok: true; value: DivisionCode } | { ok: false; message: string };

export function parseDivisionCode(input: string): DivisionCodeResult {
  const code = toHalfWidthDigits(input).replace(/\s+/g, '');
  if (code.length === 0) return { ok: false, message: '请填写12位统计用区划代码，例如 350102001001' };
  if (!/^\d+$/.test(code)) return { ok: false, message: '只能包含数字，请去掉字母、横线等其他字符' };
  if (code.length !== 12) {
    return { ok: false, message: `应为12位数字，现在是${code.length}位；请核对统计用区划代码（前9位是街道，后3位是社区）` };
  }
  const province = Number(code.slice(0, 2));
  if (province < 11 || province > 82) return { ok: false, message: `前两位省级代码「${code.slice(0, 2)}」不存在，请核对` };
  if (code.slice(2, 4) === '00' || code.slice(4, 6) === '00') {
    return { ok: false, message: '第3至6位（市、县级代码）不能为00，社区代码必须精确到区县' };
  }
  const township = Number(code.slice(6, 9));
  if (township === 0) return { ok: false, message: '第7至9位（街道/乡镇代码）不能为000' };
  if (township > 399) return { ok: false, message: `第7至9位「${code.slice(6, 9)}」超出范围：街道为001–099，镇为100–199，乡为200–399` };
  if (code.slice(9) === '000') return { ok: false, message: '最后3位（社区/村代码）不能为000' };
  const townshipKind = township < 100 ? '街道' : township < 200 ? '镇' : '乡';
  return { ok: true, value: { code, countyCode: code.slice(0, 6), streetCode: code.slice(0, 9), townshipKind } };
}

/** Clerks often paste codes typed with a Chinese input method: full-width digits become ASCII. */
export function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
