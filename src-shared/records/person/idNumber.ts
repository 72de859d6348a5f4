/** 公民身份号码 per GB 11643-1999: 17 digits + check character; birth date and sex are encoded in it. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: string; gender: '男' | '女' }
  | { ok: false; message: string };

/** Validates an 18-digit number, or converts a 15-digit legacy one (which implied 19xx). */
export function parseIdNumber(input: string): IdNumberResult {
  let id = input.trim().toUpperCase();
  if (/^\d{15}$/.test(id)) {
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    id = first17 + idNumberCheckChar(first17);
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, message: `应为18位（最后一位可为X），现在是${id.length}位，请核对` };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const d = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== birthDate || Number(id.slice(6, 10)) < 1900) {
    return { ok: false, message: `第7至14位的出生日期「${id.slice(6, 14)}」不存在，请核对` };
  }
  const expected = idNumberCheckChar(id.slice(0, 17));
  if (id[17] !== expected) {
    return { ok: false, message: `校验码错误：最后一位应为「${expected}」而不是「${id[17]}」，请核对是否有数字抄错` };
  }
  return { ok: true, idNumber: id, birthDate, gender: Number(id[16]) % 2 === 1 ? '男' : '女' };
}
