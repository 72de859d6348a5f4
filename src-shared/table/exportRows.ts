import { maskIdNumber, maskPhone } from '../privacy/mask';
import type { TableColumn } from './columns';

export interface FormatOptions {
  /** Mask ID numbers and phones (the default everywhere; full values only by explicit choice). */
  mask: boolean;
  orgNodeName: (id: string) => string;
}

/** The text of one record's cell, exactly as import reads it back. */
export function formatCell(record: Record<string, unknown>, column: TableColumn, options: FormatOptions): string {
  const value = record[column.field];
  switch (column.kind) {
    case 'list':
    case 'roles':
      return Array.isArray(value) ? value.join('、') : '';
    case 'orgNode':
      return value ? options.orgNodeName(String(value)) : '';
    case 'idNumber':
      return options.mask ? maskIdNumber(String(value ?? '')) : String(value ?? '');
    case 'phone':
      return options.mask ? maskPhone(String(value ?? '')) : String(value ?? '');
    case 'hour':
      return typeof value === 'number' ? `${value}:00` : '';
    case 'sixOnes':
      return value && typeof value === 'object' ? Object.entries(value).map(([k, v]) => `${k}：${v}`).join('；') : '';
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

export function formatRows(records: readonly Record<string, unknown>[], columns: readonly TableColumn[], options: FormatOptions): string[][] {
  return records.map((r) => columns.map((c) => formatCell(r, c, options)));
}
