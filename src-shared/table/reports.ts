import { normaliseDate } from './cells';
import type { TableColumn } from './columns';
import type { ImportPreview, ImportSource } from './importPreview';

/** One sheet to write: problem cells (key `${rowIndex},${colIndex}`, data rows, 0-based) are marked red with a note;
 * text columns stay text so Excel does not turn ID numbers into rounded numbers. */
export interface SheetData {
  name: string;
  headers: string[];
  rows: unknown[][];
  widths?: number[];
  problems?: Map<string, string>;
  textColumns?: number[];
  /** Lines above the header (a report's title, the community and its date); the header stays frozen below them. */
  caption?: string[];
  /** Columns of fractions (0.333) shown as percentages (33.3%). */
  percentColumns?: number[];
}

/**
 * The error report of an import: every row with a problem, as the clerk's file had it, with the problem in a column
 * beside each bad cell (and the cell marked), so the clerk can fix the file and import it again.
 */
export function errorReportSheet(source: ImportSource, preview: ImportPreview, columns: readonly TableColumn[] = []): SheetData {
  // A date cell reads back as a date (2025-09-11), never as Excel's serial number (45911).
  const dateFields = new Set(columns.filter((c) => c.kind === 'date').map((c) => c.field));
  const shown = (raw: unknown, field: string | null) => {
    if (!field || !dateFields.has(field)) return raw ?? '';
    const read = normaliseDate(raw);
    return read.problem ? raw ?? '' : read.value;
  };
  const errorRows = preview.rows.filter((r) => r.status === 'error');
  const badColumns = new Set<number>();
  for (const row of errorRows) {
    preview.mapping.forEach((field, c) => {
      if (field && row.problems[field]) badColumns.add(c);
    });
  }
  const headers: string[] = ['原行号'];
  const layout: { source: number; problemOf?: number }[] = [];
  source.headers.forEach((h, c) => {
    headers.push(h);
    layout.push({ source: c });
    if (badColumns.has(c)) {
      headers.push(`${h}（问题）`);
      layout.push({ source: -1, problemOf: c });
    }
  });
  headers.push('其他问题');
  const problems = new Map<string, string>();
  const first = source.firstRowNumber ?? 2;
  const rows = errorRows.map((row, r) => {
    const cells = source.rows[row.rowNumber - first] ?? [];
    const mappedFields = new Set(preview.mapping.filter(Boolean));
    const out: unknown[] = [row.rowNumber];
    layout.forEach((slot) => {
      if (slot.problemOf === undefined) {
        const field = preview.mapping[slot.source] ?? null;
        out.push(shown(cells[slot.source], field));
        if (field && row.problems[field]) problems.set(`${r},${out.length - 1}`, row.problems[field]!);
      } else {
        const field = preview.mapping[slot.problemOf];
        out.push(field ? (row.problems[field] ?? '') : '');
      }
    });
    out.push(Object.entries(row.problems).filter(([f]) => !mappedFields.has(f)).map(([, m]) => m).join('；'));
    return out;
  });
  return { name: '导入问题', headers, rows, problems, textColumns: layout.map((_, i) => i + 1) };
}

/** A blank template: the headers, one example row, and a sheet explaining each column and its allowed values. */
export function templateSheets(title: string, columns: readonly TableColumn[], example: Record<string, string>, allowed: Record<string, readonly string[]>): SheetData[] {
  return [
    {
      name: title,
      headers: columns.map((c) => (c.required ? `${c.header}*` : c.header)),
      rows: [columns.map((c) => example[c.field] ?? '')],
      widths: columns.map((c) => c.width ?? 14),
      textColumns: columns.map((_, i) => i),
    },
    {
      name: '填写说明',
      headers: ['列名', '是否必填', '填写说明'],
      rows: columns.map((c) => [c.header, c.required ? '必填' : '选填', describeColumn(c, allowed[c.field])]),
      widths: [16, 10, 80],
    },
  ];
}

function describeColumn(c: TableColumn, allowed?: readonly string[]): string {
  const base: Record<TableColumn['kind'], string> = {
    text: '文字',
    date: '日期，写成 2024-07-01（也可写 2024年7月1日、2024/7/1）',
    idNumber: '18位公民身份号码；请把本列设为“文本”格式，避免Excel把号码改成科学计数法',
    phone: '手机号11位，座机写成 0591-87654321',
    list: '可填多个，用顿号“、”或逗号分隔',
    roles: '党员、在职党员、志愿者、社区工作者，可填多个，用顿号分隔；不填则按导入页面所选角色',
    orgNode: '党组织名称；重名时写路径，如 第一网格党支部/光禄坊小区党支部',
    number: '数字',
    sixOnes: '文字',
    hour: '整点，写成 14:00（也可写 14、14点、下午2点）',
  };
  return allowed && allowed.length > 0 ? `${base[c.kind]}。可选：${allowed.join('、')}` : base[c.kind];
}
