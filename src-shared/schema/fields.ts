import { z } from './zod';

/** Field builders shared by every record type, so the same rule reads the same everywhere. */

export const requiredText = (max = 100) =>
  z.string().trim().min(1, '不能为空，请填写').max(max, `不能超过${max}个字`);

export const optionalText = (max = 200) => z.string().trim().max(max, `不能超过${max}个字`).default('');

export const longText = (max = 100_000) => z.string().max(max, `不能超过${max}个字`).default('');

/** A calendar date as YYYY-MM-DD; the empty string means "not filled in". */
export const optionalDate = () =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || isRealDate(v), '不是有效日期，请写成 2024-07-01 的格式');

export const requiredDate = () =>
  z.string().trim().min(1, '不能为空，请填写日期').refine(isRealDate, '不是有效日期，请写成 2024-07-01 的格式');

/** Mobile (11 digits starting with 1) or landline (area code, dash, number; optional extension). */
export const optionalPhone = () =>
  z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || isPhoneNumber(v), '不是有效电话号码：手机号为11位数字，座机写成 0591-87654321');

export const optionalRef = () => z.string().trim().default('');
export const tagList = () => z.array(z.string().trim().min(1)).default([]);
export const count = () => z.number().int('必须是整数').min(0, '不能小于0').default(0);

export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function isPhoneNumber(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(value);
}
