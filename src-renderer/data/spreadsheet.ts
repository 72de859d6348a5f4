import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { findHeaderRow, type TableColumn } from '../../src-shared/table/columns';
import type { ImportSource } from '../../src-shared/table/importPreview';
import type { SheetData } from '../../src-shared/table/reports';

/** Reads the first sheet of an .xlsx, or a .csv in UTF-8 or GBK, into headers and rows of plain cell values. */
export async function readTableFile(fileName: string, bytes: ArrayBuffer, columns: readonly TableColumn[]): Promise<ImportSource> {
  const lower = fileName.toLowerCase();
  let grid: unknown[][];
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const parsed = Papa.parse<string[]>(decodeText(new Uint8Array(bytes)), { skipEmptyLines: false });
    grid = parsed.data;
  } else if (lower.endsWith('.xlsx')) {
    grid = await readXlsx(bytes);
  } else if (lower.endsWith('.xls')) {
    throw new Error('暂不支持旧版 .xls 文件：请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入');
  } else {
    throw new Error('只能导入 .xlsx 或 .csv 文件');
  }
  while (grid.length > 0 && (grid.at(-1) ?? []).every((c) => c === null || c === undefined || String(c).trim() === '')) grid.pop();
  if (grid.length === 0) throw new Error('文件是空的：没有找到任何数据');
  const headerIndex = findHeaderRow(grid, columns);
  const headers = (grid[headerIndex] ?? []).map((c) => String(c ?? '').trim());
  return { headers, rows: grid.slice(headerIndex + 1), firstRowNumber: headerIndex + 2 };
}

/** Chinese Excel saves CSV in GBK; others in UTF-8 (with or without BOM) or UTF-16. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function readXlsx(bytes: ArrayBuffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes);
  } catch {
    throw new Error('无法读取这个 .xlsx 文件：文件可能已损坏或带有密码，请在 Excel 中打开检查后另存再试');
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw new Error('工作簿里没有工作表');
  const grid: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = plainValue(cell.value);
    });
    grid[rowNumber - 1] = cells;
  });
  return Array.from(grid, (r) => r ?? []);
}

function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return plainValue(value.result as ExcelJS.CellValue);
  if ('text' in value) return value.text;
  if ('error' in value) return '';
  return String(value);
}

/** Writes an .xlsx: bold header row, frozen, ID-safe text columns, and problem cells filled red with a note. */
export async function writeWorkbook(sheets: SheetData[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '社区工作台';
  for (const spec of sheets) {
    const caption = spec.caption ?? [];
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: caption.length + 1 }] });
    caption.forEach((line, i) => (sheet.addRow([line]).font = i === 0 ? { bold: true, size: 14 } : { color: { argb: 'FF595959' } }));
    sheet.addRow(spec.headers).font = { bold: true };
    spec.headers.forEach((_, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = spec.widths?.[i] ?? 14;
      if (spec.textColumns?.includes(i)) column.numFmt = '@';
      if (spec.percentColumns?.includes(i)) column.numFmt = '0.0%';
    });
    spec.rows.forEach((row, r) => {
      const added = sheet.addRow(row);
      if (!spec.problems) return;
      row.forEach((_, c) => {
        const note = spec.problems?.get(`${r},${c}`);
        if (!note) return;
        const cell = added.getCell(c + 1);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
        cell.font = { color: { argb: 'FF9C0006' } };
        cell.note = note;
      });
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
