import { COLLECTIONS, COLLECTION_NAMES } from '../records';
import type { Repositories } from '../repository/repositories';
import { maskIdNumber, maskPhone } from '../privacy/mask';
import type { PrintDocument } from '../print/printDocument';
import { longDate } from '../print/printDocument';
import { PERSON_COLUMNS } from '../table/columns';
import { formatRows } from '../table/exportRows';

/**
 * The whole community as sheets of one workbook, so the data is never locked in the app: 人员 with the roster's own
 * export columns, every other record type with its fields' Chinese names; personal data masked unless `full`.
 */
export interface WorkbookSheet {
  name: string;
  headers: string[];
  rows: string[][];
}

const PERSONAL = /idNumber|phone|Phone|mobile/;

function cellText(value: unknown, field: string, mask: boolean): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return mask && PERSONAL.test(field) && value ? (/idNumber/.test(field) ? maskIdNumber(value) : maskPhone(value)) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? String((v as { name?: unknown }).name ?? JSON.stringify(v)) : String(v))).join('、');
  const entries = Object.keys(value as object).length;
  return entries ? `${entries} 项` : '';
}

export function communitySheets(repos: Repositories, options: { mask: boolean; orgNodeName(id: string): string }): WorkbookSheet[] {
  const sheets: WorkbookSheet[] = [];
  for (const name of COLLECTION_NAMES) {
    const definition = COLLECTIONS[name];
    const records = (repos[name] as unknown as { list(): Record<string, unknown>[] }).list();
    if (name === 'people') {
      sheets.push({ name: definition.label, headers: PERSON_COLUMNS.map((c) => c.header), rows: formatRows(records, PERSON_COLUMNS, { mask: options.mask, orgNodeName: options.orgNodeName }) });
      continue;
    }
    const fields = Object.entries(definition.fieldLabels as Record<string, string>);
    sheets.push({
      name: definition.label.slice(0, 31),
      headers: ['编号', ...fields.map(([, label]) => label), '最后修改', '修改人'],
      rows: records.map((r) => {
        const meta = r.meta as { updatedAt: number; updatedBy: string };
        return [String(r.id), ...fields.map(([field]) => cellText(r[field], field, options.mask)), new Date(meta.updatedAt).toISOString().slice(0, 16).replace('T', ' '), meta.updatedBy];
      }),
    });
  }
  return sheets;
}

/** A print-ready summary: how many records of each type the community holds. */
export function countsSummary(communityName: string, counts: Readonly<Record<string, number>>, printedOn: string): PrintDocument {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return {
    fileName: `${communityName}数据汇总-${printedOn}.pdf`,
    title: '社区数据汇总',
    subtitle: `${communityName} · ${longDate(printedOn)}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [{ table: { columns: [{ header: '记录类型', width: 60 }, { header: '条数', width: 40 }], rows: [...rows.map(([type, n]) => [type, String(n)]), ['合计', String(rows.reduce((s, [, n]) => s + n, 0))]] } }],
    footer: ['条数不含已删除的记录。', `${communityName}（盖章）`],
  };
}
