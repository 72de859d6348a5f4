import { describe, expect, it } from 'vitest';
import { decodeText, readTableFile, writeWorkbook } from '../../../src-renderer/data/spreadsheet';
import { PERSON_COLUMNS } from '../../../src-shared/table/columns';
import type { ImportPreview } from '../../../src-shared/table/importPreview';
import { errorReportSheet } from '../../../src-shared/table/reports';

describe('spreadsheet files', () => {
  it('decodes CSV saved by Chinese Excel in GBK, and UTF-8 with or without BOM', () => {
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc1, 0xaa, 0xcf, 0xb5, 0xb5, 0xe7, 0xbb, 0xb0, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd]);
    expect(decodeText(gbk)).toBe('姓名,联系电话\n张三');
    const utf8 = new TextEncoder().encode('姓名\n张三');
    expect(decodeText(utf8)).toBe('姓名\n张三');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('姓名\n张三');
  });

  it('reads a CSV in GBK, finding the header row below a title row', async () => {
    const text = new Uint8Array([
      ...new TextEncoder().encode('\n'),
      0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x0a, // 姓名,身份证号
      0xd5, 0xc5, 0xc8, 0xfd, 0x2c, ...new TextEncoder().encode('11010519491231002X\n'),
    ]);
    const source = await readTableFile('名册.csv', text.buffer, PERSON_COLUMNS);
    expect(source.headers).toEqual(['姓名', '身份证号']);
    expect(source.rows).toEqual([['张三', '11010519491231002X']]);
    expect(source.firstRowNumber).toBe(3);
  });

  it('writes an .xlsx and reads it back, keeping long ID numbers as text and dates as dates', async () => {
    const bytes = await writeWorkbook([{ name: '党员', headers: ['社区党员名册'], rows: [['姓名', '公民身份号码', '入党日期'], ['张三', '11010519491231002X', new Date(Date.UTC(2001, 6, 1))]], textColumns: [1] }]);
    const source = await readTableFile('x.xlsx', bytes.buffer as ArrayBuffer, PERSON_COLUMNS);
    expect(source.headers).toEqual(['姓名', '公民身份号码', '入党日期']);
    expect(source.rows[0]![0]).toBe('张三');
    expect(source.rows[0]![1]).toBe('11010519491231002X');
    expect((source.rows[0]![2] as Date).toISOString().slice(0, 10)).toBe('2001-07-01');
  });

  it('refuses old .xls and unknown files with a Chinese explanation', async () => {
    await expect(readTableFile('a.xls', new ArrayBuffer(4), PERSON_COLUMNS)).rejects.toThrow(/另存为” .xlsx/);
    await expect(readTableFile('a.docx', new ArrayBuffer(4), PERSON_COLUMNS)).rejects.toThrow(/只能导入 .xlsx 或 .csv/);
    await expect(readTableFile('a.xlsx', new ArrayBuffer(4), PERSON_COLUMNS)).rejects.toThrow(/无法读取/);
  });

  it('builds an error report with the problem beside each bad cell', () => {
    const source = { headers: ['姓名', '身份证号', '电话'], rows: [['甲', 'bad', '1'], ['乙', '11010519491231002X', '']], firstRowNumber: 2 };
    const preview: ImportPreview = {
      mapping: ['name', 'idNumber', 'phone'],
      counts: { new: 1, changed: 0, unchanged: 0, error: 1 },
      unknown: [],
      translations: [],
      skipped: [],
      rows: [
        { rowNumber: 2, status: 'error' as const, values: {}, problems: { idNumber: '「身份证号」应为18位', phone: '「电话」不是有效电话号码' }, changedFields: [], translated: {} },
        { rowNumber: 3, status: 'new' as const, values: {}, problems: {}, changedFields: [], translated: {} },
      ],
    };
    const sheet = errorReportSheet(source, preview);
    expect(sheet.headers).toEqual(['原行号', '姓名', '身份证号', '身份证号（问题）', '电话', '电话（问题）', '其他问题']);
    expect(sheet.rows).toEqual([[2, '甲', 'bad', '「身份证号」应为18位', '1', '「电话」不是有效电话号码', '']]);
    expect(sheet.problems?.get('0,2')).toBe('「身份证号」应为18位');
  });
});
