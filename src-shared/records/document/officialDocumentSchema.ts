import { defineCollection } from '../../schema/collection';
import { count, longText, optionalDate, optionalText, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';
import { DOCUMENT_TYPES } from '../../print/officialLayout';

const attachment = z.object({ name: z.string().trim().max(100, '附件名称不能超过100个字'), text: z.string().max(20_000).default('') });

/**
 * 公文: a 通知, 函, 公示, 报告, 请示 or 纪要 in the GB/T 9704-2012 layout. A draft until finalized; finalizing gives it the
 * next 文号 of its issuer and year (社区党委〔2026〕5号) and a version; the body is a long text so two clerks' edits merge.
 */
export const officialDocuments = defineCollection({
  name: 'officialDocuments',
  label: '公文',
  schema: z.object({
    docType: z.enum(DOCUMENT_TYPES, '文种只能是通知、函、公示、报告、请示或纪要'),
    /** 发文机关标志, printed red at the top. */
    issuer: requiredText(40),
    /** 发文机关代字 of the 文号 (社区党委). */
    issuerCode: requiredText(20),
    year: z.number().int().min(2000).max(2100),
    /** 0 until finalized. */
    number: count(),
    signer: optionalText(20),
    title: requiredText(120),
    recipients: optionalText(200),
    body: longText(50_000),
    attachments: z.array(attachment).default([]),
    signature: optionalText(40),
    date: optionalDate(),
    note: optionalText(200),
    copyTo: optionalText(200),
    printedBy: optionalText(40),
    printedOn: optionalDate(),
    status: z.enum(['草稿', '已定稿']).default('草稿'),
    version: count(),
    /** Where a template filled it from (meeting:<id>, whistle:<id>…), to open the record again. */
    source: optionalText(80),
  }),
  fieldLabels: {
    docType: '文种', issuer: '发文机关标志', issuerCode: '发文机关代字', year: '年度', number: '文号序号', signer: '签发人', title: '标题', recipients: '主送机关',
    body: '正文', attachments: '附件', signature: '发文机关署名', date: '成文日期', note: '附注', copyTo: '抄送', printedBy: '印发机关', printedOn: '印发日期',
    status: '状态', version: '版本', source: '来源',
  },
  longTextFields: ['body'],
  titleField: 'title',
  refField: 'issuerCode',
});
