import type { TableColumn } from '../../../src-shared/table/columns';
import { formatRows } from '../../../src-shared/table/exportRows';
import { orgNodePath } from '../../../src-shared/table/orgNodePaths';
import { appendAudit } from '../../../src-shared/repository/docLayout';
import { saveBytes, today } from '../../app/saveBytes';
import type { CommunityStore } from '../../data/communityStore';
import { writeWorkbook } from '../../data/spreadsheet';

/**
 * Exports records with the chosen columns to .xlsx. Masked unless `full`; a full export is written to the community's
 * audit log with who, when, how many and why.
 */
export async function exportRecords(store: CommunityStore, options: {
  label: string;
  records: readonly Record<string, unknown>[];
  columns: readonly TableColumn[];
  full: boolean;
  reason?: string;
  context: { actor(): { name: string; device: string }; now(): number };
}): Promise<string | null> {
  const { label, records, columns, full } = options;
  const rows = formatRows(records, columns, { mask: !full, orgNodeName: (id) => orgNodePath(store.orgTree, id) });
  const bytes = await writeWorkbook([{
    name: label,
    headers: columns.map((c) => c.header),
    rows,
    widths: columns.map((c) => c.width ?? 14),
    textColumns: columns.map((_, i) => i),
  }]);
  const name = `${store.info?.name ?? ''}${label}${full ? '（完整）' : ''}-${today()}.xlsx`;
  const saved = await saveBytes(name, bytes);
  if (saved && full) appendAudit(store.doc, options.context, 'export-full', `完整导出${label} ${records.length} 条：${options.reason ?? ''}`);
  return saved;
}
