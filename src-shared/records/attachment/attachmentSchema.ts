import { defineCollection } from '../../schema/collection';
import { count, requiredText } from '../../schema/fields';
import { z } from '../../schema/zod';

/** The largest file kept in the community document: a scanned agreement or a few phone photos, not a video. */
export const ATTACHMENT_MAX_BYTES = 4 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

/**
 * A file attached to a record (the signed agreement's scan, a whistle's photos), kept in the community document so it
 * travels with the record to the street and into backups. Attached once and never edited: a wrong file is deleted
 * (kept in history) and attached again.
 */
export const attachments = defineCollection({
  name: 'attachments',
  label: '附件',
  schema: z
    .object({
      ownerCollection: requiredText(40),
      ownerId: requiredText(40),
      name: requiredText(120),
      mime: z.enum(ATTACHMENT_TYPES, '只能附加 JPG、PNG 图片或 PDF 文件'),
      size: count(),
      /** The file's bytes as base64 (Yjs carries strings everywhere; 4 MB at most). */
      data: z.string().min(1, '文件是空的，请重新选择'),
    })
    .superRefine((a, ctx) => {
      if (a.size > ATTACHMENT_MAX_BYTES) ctx.addIssue({ code: 'custom', path: ['size'], message: `「${a.name}」有 ${(a.size / 1024 / 1024).toFixed(1)} MB，超过 4 MB；请用扫描软件或手机压缩后再附加` });
    }),
  fieldLabels: { ownerCollection: '所属记录类型', ownerId: '所属记录', name: '文件名', mime: '文件类型', size: '大小', data: '内容' },
  longTextFields: [],
  titleField: 'name',
  refField: 'ownerId',
  check: (a, context) => (context.exists(a.ownerCollection, a.ownerId) ? [] : [{ field: 'ownerId', label: '所属记录', message: '要附加到的记录不存在或已删除' }]),
});

/** The MIME type of a file by its name, or null when the app does not keep that kind of file. */
export function attachmentType(fileName: string): (typeof ATTACHMENT_TYPES)[number] | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : ext === 'png' ? 'image/png' : ext === 'pdf' ? 'application/pdf' : null;
}
