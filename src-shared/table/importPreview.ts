import { ValidationError, type FieldProblem } from '../errors';
import type { AnyRepository } from '../repository/collectionRepository';
import { cellText, normaliseDate, normaliseHour, normaliseIdNumber, normalisePhone, splitList } from './cells';
import type { TableColumn } from './columns';
import { isFooterRow, matchChoice } from './vocabulary';

export type RowStatus = 'new' | 'changed' | 'unchanged' | 'error';

export interface PreviewRow {
  /** The row's number in the spreadsheet (the header is row 1). */
  rowNumber: number;
  status: RowStatus;
  /** Clean values by field, as they would be written. */
  values: Record<string, unknown>;
  /** Problems by field, in Chinese; a field of '' is a problem of the whole row. */
  problems: Record<string, string>;
  /** The existing record this row updates. */
  matchId?: string;
  changedFields: string[];
  /** Fields whose cell was written another way and mapped onto a list value: field → the text as written. */
  translated: Record<string, string>;
}

/** A value outside a list, with every row that wrote it: the clerk decides once for all of them. */
export interface UnknownValue {
  field: string;
  header: string;
  written: string;
  rowNumbers: number[];
}

/** A written value mapped onto a list value by itself (大专 → 大学专科), and how many rows wrote it. */
export interface Translation {
  field: string;
  header: string;
  written: string;
  value: string;
  rows: number;
}

export interface ImportPreview {
  rows: PreviewRow[];
  counts: Record<RowStatus, number>;
  mapping: (string | null)[];
  unknown: UnknownValue[];
  translations: Translation[];
  /** Footer rows (制表人, 合计, 填表日期…) that were skipped, with their text. */
  skipped: { rowNumber: number; text: string }[];
}

/** The lists a field's values must come from, and the synonyms the community taught (written → list value). */
export interface ImportVocabulary {
  choices(field: string): readonly string[] | undefined;
  learned(field: string): Readonly<Record<string, string>>;
  /** An organisation node's display path, for the mapping of org names. */
  orgNodeLabel?(id: string): string | undefined;
}

export interface ImportSource {
  headers: string[];
  /** Data rows (after the header), cells as the file gave them. */
  rows: unknown[][];
  /** The sheet row number of rows[0]; 2 when the header is row 1. */
  firstRowNumber?: number;
}

export interface ImportOptions {
  repo: AnyRepository;
  columns: readonly TableColumn[];
  mapping: (string | null)[];
  /** The unique field rows are matched on (the ID number for people). */
  matchField?: string;
  /** Organisation node id for a name or path as clerks write it (exact: written as the path or the full name). */
  resolveOrgNode?: (text: string) => { id: string; exact?: boolean } | { problem: string };
  vocabulary?: ImportVocabulary;
  /** Completes a row's values before validation (e.g. adds the role of the roster tab the clerk imports into). */
  prepare?: (values: Record<string, unknown>, existing?: Record<string, unknown>) => Record<string, unknown>;
  /**
   * The record type's own rules on a row that is valid by itself (a booking's clash with another, its venue's opening
   * hours): problems by field. Called in row order, so a row can be checked against the rows above it.
   */
  rowProblems?: (values: Record<string, unknown>, rowNumber: number) => Record<string, string>;
}

/** Reads every row, normalises its cells, validates it as the repository would, and says what committing would do. */
export function buildImportPreview(source: ImportSource, options: ImportOptions): ImportPreview {
  const { repo, columns, mapping, matchField } = options;
  const byField = new Map(columns.map((c) => [c.field, c]));
  const labels = repo.definition.fieldLabels as Record<string, string>;
  const firstRow = source.firstRowNumber ?? 2;
  const rows: PreviewRow[] = [];
  const seen = new Map<string, number>();
  const skipped: ImportPreview['skipped'] = [];
  const unknown = new Map<string, UnknownValue>();
  const translations = new Map<string, Translation>();

  source.rows.forEach((cells, index) => {
    const rowNumber = firstRow + index;
    const texts = cells.map(cellText);
    if (texts.every((c) => c === '')) return;
    if (isFooterRow(texts)) {
      skipped.push({ rowNumber, text: texts.filter(Boolean).join(' ') });
      return;
    }
    const values: Record<string, unknown> = {};
    const problems: Record<string, string> = {};
    const translated: Record<string, string> = {};
    mapping.forEach((field, columnIndex) => {
      if (!field) return;
      const column = byField.get(field);
      if (!column) return;
      const read = readCell(cells[columnIndex], column, options);
      if (read.value !== undefined) values[field] = read.value;
      if (read.problem) problems[field] = `「${column.header}」${read.problem}`;
      for (const t of read.translated ?? []) {
        translated[field] = texts[columnIndex] ?? '';
        const key = `${field}\u0000${t.written}`;
        const entry = translations.get(key) ?? { field, header: column.header, written: t.written, value: t.value, rows: 0 };
        entry.rows++;
        translations.set(key, entry);
      }
      for (const written of read.unknown ?? []) {
        const key = `${field}\u0000${written}`;
        const entry = unknown.get(key) ?? { field, header: column.header, written, rowNumbers: [] };
        entry.rowNumbers.push(rowNumber);
        unknown.set(key, entry);
      }
    });

    let matchId: string | undefined;
    const key = matchField ? String(values[matchField] ?? '') : '';
    if (key) {
      const earlier = seen.get(key);
      if (earlier !== undefined) problems[matchField!] = `「${labels[matchField!]}」与第${earlier}行重复：同一人只能占一行`;
      else seen.set(key, rowNumber);
      matchId = repo.findByUnique(matchField as never, key)?.id;
    }

    const existing = matchId ? (repo.get(matchId) as Record<string, unknown> | undefined) : undefined;
    if (options.prepare) Object.assign(values, options.prepare(values, existing));
    const merged = existing ? { ...pickFields(existing, labels), ...values } : values;
    {
      try {
        const clean = repo.validate(merged as never, matchId) as Record<string, unknown>;
        Object.assign(values, Object.fromEntries(Object.keys(values).map((f) => [f, clean[f]])));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        for (const p of error.problems) problems[p.field] ??= `「${p.label}」${p.message}`;
      }
    }
    if (Object.keys(problems).length === 0 && options.rowProblems) Object.assign(problems, options.rowProblems(values, rowNumber));
    const changedFields = existing ? Object.keys(values).filter((f) => JSON.stringify(existing[f]) !== JSON.stringify(values[f])) : Object.keys(values);
    const status: RowStatus = Object.keys(problems).length > 0 ? 'error' : !existing ? 'new' : changedFields.length > 0 ? 'changed' : 'unchanged';
    rows.push({ rowNumber, status, values, problems, matchId, changedFields, translated });
  });

  const counts: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.status]++;
  return { rows, counts, mapping, unknown: [...unknown.values()], translations: [...translations.values()], skipped };
}

/** Data rows of a sheet as the clerk counts them: not blank, not a footer (the title is above the header already). */
export function countDataRows(source: ImportSource): number {
  return source.rows.filter((cells) => {
    const texts = cells.map(cellText);
    return texts.some((t) => t !== '') && !isFooterRow(texts);
  }).length;
}

export interface CommitResult {
  created: number;
  updated: number;
  skipped: number;
}

/**
 * Writes the preview in one Yjs transaction (hence one IndexedDB transaction). With errors present it writes
 * nothing unless the clerk chose to import the valid rows only. Rows are validated again before anything is written,
 * in case the data changed since the preview.
 */
export function commitImport(repo: AnyRepository, transact: (fn: () => void) => void, preview: ImportPreview, options: { validOnly: boolean }): CommitResult {
  const errors = preview.rows.filter((r) => r.status === 'error');
  if (errors.length > 0 && !options.validOnly) {
    const first = errors[0]!;
    throw new ValidationError([{
      field: '',
      label: '导入',
      message: `有 ${errors.length} 行存在问题（例如第${first.rowNumber}行：${Object.values(first.problems)[0]}），未导入任何数据；请修改后重新导入，或选择“只导入无误的行”`,
    }]);
  }
  const toWrite = preview.rows.filter((r) => r.status === 'new' || r.status === 'changed');
  const problems: FieldProblem[] = [];
  for (const row of toWrite) {
    try {
      const existing = row.matchId ? (repo.get(row.matchId) as Record<string, unknown>) : undefined;
      const labels = repo.definition.fieldLabels as Record<string, string>;
      repo.validate((existing ? { ...pickFields(existing, labels), ...row.values } : row.values) as never, row.matchId);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push({ field: '', label: `第${row.rowNumber}行`, message: error.message });
    }
  }
  if (problems.length > 0) throw new ValidationError([{ field: '', label: '导入', message: `数据在预览后已被修改，未导入任何数据；请重新选择文件预览。${problems[0]!.label}：${problems[0]!.message}` }]);
  let created = 0;
  let updated = 0;
  transact(() => {
    for (const row of toWrite) {
      if (row.matchId) {
        repo.update(row.matchId, row.values as never);
        updated++;
      } else {
        repo.create(row.values as never);
        created++;
      }
    }
  });
  return { created, updated, skipped: preview.rows.length - toWrite.length };
}

function pickFields(view: Record<string, unknown>, labels: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(labels).map((f) => [f, view[f]]));
}

interface CellRead {
  value?: unknown;
  problem?: string;
  /** List values the cell was mapped onto from another way of writing them. */
  translated?: { written: string; value: string }[];
  /** Written values found in no list: offered to the clerk to map once for all rows. */
  unknown?: string[];
}

function readCell(raw: unknown, column: TableColumn, options: ImportOptions): CellRead {
  switch (column.kind) {
    case 'date':
      return normaliseDate(raw);
    case 'idNumber':
      return normaliseIdNumber(raw);
    case 'phone':
      return normalisePhone(raw);
    case 'list': {
      const items = splitList(raw).map((item) => readChoice(item, column, options));
      return {
        value: items.map((i) => i.value),
        translated: items.flatMap((i) => i.translated ?? []),
        unknown: items.flatMap((i) => i.unknown ?? []),
      };
    }
    case 'roles': {
      const roles = splitList(raw);
      return roles.length === 0 ? {} : { value: roles };
    }
    case 'hour':
      return normaliseHour(raw);
    case 'number': {
      const text = cellText(raw);
      if (text === '') return {};
      const n = Number(text);
      return Number.isFinite(n) ? { value: n } : { value: text, problem: `「${text}」不是数字` };
    }
    case 'orgNode': {
      const text = cellText(raw);
      if (text === '') return { value: '' };
      const taught = options.vocabulary?.learned(column.field)[text];
      if (taught && options.vocabulary?.orgNodeLabel?.(taught) !== undefined) {
        return { value: taught, translated: [{ written: text, value: options.vocabulary.orgNodeLabel(taught)! }] };
      }
      const found = options.resolveOrgNode?.(text) ?? { problem: `找不到党组织「${text}」` };
      if (!('id' in found)) return { value: '', problem: found.problem, unknown: options.vocabulary ? [text] : [] };
      const label = options.vocabulary?.orgNodeLabel?.(found.id);
      return { value: found.id, translated: found.exact === false && label ? [{ written: text, value: label }] : [] };
    }
    case 'sixOnes':
    case 'text':
      return readChoice(cellText(raw), column, options);
  }
}

/** A text cell of a field with a list (学历, 民族…): mapped onto the list where that is certain. */
function readChoice(text: string, column: TableColumn, options: ImportOptions): CellRead {
  const choices = options.vocabulary?.choices(column.field);
  if (!choices || text === '') return { value: text };
  const match = matchChoice(column.field, text, choices, options.vocabulary!.learned(column.field));
  if (match.how === 'unknown') return { value: text, unknown: [text] };
  return { value: match.value, translated: match.how === 'exact' ? [] : [{ written: text, value: match.value }] };
}
