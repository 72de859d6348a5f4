import { toHalfWidth } from './columns';
import { parseIdNumber } from '../records/person/idNumber';

/**
 * Turns what a spreadsheet cell holds (text, a number, an Excel date serial, a Date) into the text our records use.
 * Returns the value, and a problem when the cell cannot be read as the column's kind.
 */
export type CellResult = { value: string; problem?: string };

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export function cellText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (raw instanceof Date) return isoDate(raw);
  return toHalfWidth(String(raw)).replace(/\s+/g, ' ').trim();
}

export function normaliseDate(raw: unknown): CellResult {
  if (raw instanceof Date) return { value: isoDate(raw) };
  if (typeof raw === 'number') {
    if (raw > 0 && raw < 80000) return { value: isoDate(new Date(EXCEL_EPOCH_UTC + Math.round(raw) * 86400000)) };
    return { value: String(raw), problem: '不是有效日期，请写成 2024-07-01 的格式' };
  }
  const text = cellText(raw).replace(/\s/g, '');
  if (text === '') return { value: '' };
  if (/^\d{5}(\.\d+)?$/.test(text)) return normaliseDate(Number(text));
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return { value: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` };
  const month = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  if (month) return { value: `${month[1]}-${month[2]!.padStart(2, '0')}-01` };
  return { value: text, problem: `「${text}」不是有效日期，请写成 2024-07-01 的格式` };
}

export function normaliseIdNumber(raw: unknown): CellResult {
  if (typeof raw === 'number') {
    // Excel stored an 18-digit number as a float: the last digits are already gone.
    return { value: String(raw), problem: '被Excel存成了数字，后几位已丢失；请把该列设为“文本”格式后重新填写号码' };
  }
  const text = cellText(raw).replace(/[\s'‘’]/g, '').toUpperCase();
  if (/^\d(\.\d+)?E\+\d+$/.test(text)) {
    return { value: text, problem: '被Excel显示为科学计数法，后几位已丢失；请把该列设为“文本”格式后重新填写号码' };
  }
  // A valid 15-digit legacy number is the 18-digit one it stands for: a file re-imported matches its stored person.
  if (/^\d{15}$/.test(text)) {
    const upgraded = parseIdNumber(text);
    if (upgraded.ok) return { value: upgraded.idNumber };
  }
  return { value: text };
}

export function normalisePhone(raw: unknown): CellResult {
  const text = cellText(raw).replace(/\s/g, '');
  // Mobiles are written with spaces or dashes in many sheets: 138-1234-5678.
  if (/^1[\d-]{10,12}$/.test(text)) return { value: text.replace(/-/g, '') };
  return { value: text };
}

export function splitList(raw: unknown): string[] {
  return cellText(raw)
    .split(/[,，、;；/|\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * A whole hour of the day as clerks write it: 14, 14:00, 14：00, 14点, 下午2点, or an Excel time (a fraction of a day,
 * or a Date on 1899-12-30).
 */
export function normaliseHour(raw: unknown): { value?: number; problem?: string } {
  if (raw instanceof Date) return raw.getUTCMinutes() === 0 ? { value: raw.getUTCHours() } : { problem: `须为整点，例如 14:00` };
  if (typeof raw === 'number' && raw > 0 && raw < 1) {
    const minutes = Math.round(raw * 24 * 60);
    return minutes % 60 === 0 ? { value: minutes / 60 } : { problem: '须为整点，例如 14:00' };
  }
  const text = cellText(raw).replace(/\s/g, '');
  if (text === '') return {};
  const m = /^(上午|下午|晚上)?(\d{1,2})(?:[:：.](\d{2}))?(?:点|时)?(?:整)?$/.exec(text);
  if (!m) return { problem: `「${text}」不是时间，请写成 14:00 的格式` };
  if (m[3] && m[3] !== '00') return { problem: `「${text}」须为整点，例如 14:00` };
  const hour = Number(m[2]) + ((m[1] === '下午' || m[1] === '晚上') && Number(m[2]) < 12 ? 12 : 0);
  return hour <= 24 ? { value: hour } : { problem: `「${text}」不是一天中的时间，请写成 0:00 到 24:00 之间` };
}
