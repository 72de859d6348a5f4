import type { FieldProblem } from '../../errors';
import { layoutOfficial, LayoutProblem, UPWARD_TYPES, type OfficialContent } from '../../print/officialLayout';
import { numberClashes } from '../meeting/meetingRules';

/** 社区党委〔2026〕5号 */
export function docNumberText(issuerCode: string, year: number, number: number): string {
  return number > 0 ? `${issuerCode}〔${year}〕${number}号` : '';
}

export interface NumberedDocument {
  id: string;
  issuerCode: string;
  year: number;
  number: number;
  status: string;
  createdAt: number;
}

/** The next 文号 of an issuer in a year: one past the largest given, so a number is never handed out twice here. */
export function nextDocNumber(documents: readonly NumberedDocument[], issuerCode: string, year: number): number {
  return Math.max(0, ...documents.filter((d) => d.issuerCode === issuerCode && d.year === year && d.number > 0).map((d) => d.number)) + 1;
}

/**
 * 文号 that two PCs gave out offline for the same issuer and year: the earlier keeps it, the later is offered the next
 * free number (a person confirms; a printed number is never changed silently).
 */
export function docNumberClashes(documents: readonly NumberedDocument[]): { id: string; from: number; to: number }[] {
  return numberClashes(documents.filter((d) => d.number > 0).map((d) => ({ id: d.id, orgNodeId: d.issuerCode, year: d.year, number: d.number, createdAt: d.createdAt })));
}

/**
 * What stops a document from being finalized, each in Chinese with the fix: a 通知 without 主送, a 请示 or 报告
 * without 签发人, an attachment without a name, a 文号 already used, a 公示 longer than one page, a missing date.
 */
export function finalizeProblems(content: OfficialContent, documents: readonly NumberedDocument[], self: { id: string; issuerCode: string; year: number; number: number }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (['通知', '函'].includes(content.docType) && !content.recipients.trim()) problems.push({ field: 'recipients', label: '主送机关', message: `${content.docType}须写明主送机关，例如“各网格党支部”` });
  if (UPWARD_TYPES.includes(content.docType) && !content.signer.trim()) problems.push({ field: 'signer', label: '签发人', message: `${content.docType}须写明签发人（上行文）` });
  content.attachments.forEach((a, i) => {
    if (!a.name.trim()) problems.push({ field: 'attachments', label: `附件${i + 1}`, message: '附件名称不能为空：请写明附件名称，或删去这一附件' });
  });
  if (!content.date) problems.push({ field: 'date', label: '成文日期', message: '请填写成文日期' });
  problems.push(...printProblems(content));
  if (self.number > 0 && documents.some((d) => d.id !== self.id && d.issuerCode === self.issuerCode && d.year === self.year && d.number === self.number)) {
    problems.push({ field: 'number', label: '文号', message: `${docNumberText(self.issuerCode, self.year, self.number)}已被使用；请改用 ${docNumberText(self.issuerCode, self.year, nextDocNumber(documents, self.issuerCode, self.year))}` });
  }
  try {
    const layout = layoutOfficial(content);
    const lastTextPage = Math.max(...layout.lines.filter((l) => l.role === 'date' || l.role === 'body').map((l) => l.page));
    if (content.docType === '公示' && lastTextPage > 1) problems.push({ field: 'body', label: '正文', message: `公示须在一页内，现有 ${lastTextPage} 页；请精简正文，或把名单作为附件` });
  } catch (error) {
    if (error instanceof LayoutProblem) problems.push({ field: 'title', label: '标题', message: error.message });
    else throw error;
  }
  return problems;
}

/**
 * A template's text with its fields ({会议.时间}) filled from the record's values; a field with no value is left as
 * written and listed, so it is fixed before printing, never printed as a placeholder.
 */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const value = values[name.trim()];
    if (value === undefined || value.trim() === '') {
      missing.add(name.trim());
      return whole;
    }
    return value;
  });
  return { text: filled, missing: [...missing] };
}

/** Fields still unfilled anywhere in a document's text (a template not completed). */
export function unfilledFields(...texts: string[]): string[] {
  return [...new Set(texts.flatMap((t) => [...t.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!.trim())))];
}

export interface DocumentFields extends Omit<OfficialContent, 'docNumber' | 'attachments'> {
  issuerCode: string;
  year: number;
  number: number;
  attachments: readonly { name: string; text: string }[];
}

/** What the layout prints of a document record: its 文号 once it has one. */
export function officialContentOf(d: DocumentFields): OfficialContent {
  return {
    docType: d.docType, issuer: d.issuer, docNumber: docNumberText(d.issuerCode, d.year, d.number), signer: d.signer, title: d.title, recipients: d.recipients,
    body: d.body, attachments: d.attachments, signature: d.signature, date: d.date, note: d.note, copyTo: d.copyTo, printedBy: d.printedBy, printedOn: d.printedOn || d.date,
  };
}

/** Why a document cannot be printed yet: a template field with no value would print as written. */
export function printProblems(content: OfficialContent): FieldProblem[] {
  const missing = unfilledFields(content.title, content.recipients, content.body, ...content.attachments.map((a) => `${a.name}${a.text}`));
  return missing.map((field) => ({ field: 'body', label: `{${field}}`, message: '这一项在记录中没有值，打印前请改为实际内容' }));
}
