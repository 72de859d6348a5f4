import { AlignmentType, BorderStyle, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, type IRunOptions } from 'docx';
import { FONT_STACKS, GBT9704, HAO, PITCH_X, PITCH_Y, UPWARD_TYPES, breakLines, headingLevel, type FontRole, type OfficialContent } from './officialLayout';
import { longDate } from './printDocument';

/**
 * The same document as .docx, for finishing in WPS or Word: A4, the GB/T 9704 margins (37 mm top, 28 mm left, text
 * block 156 × 225 mm), a document grid of 22 lines × 28 characters, and named styles for the title, the body and the
 * heading levels in the official fonts (WPS and Word substitute where a font is missing).
 */

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const halfPoints = (pt: number) => pt * 2;
/** docGrid charSpace: the pitch's difference from the 3号 character, in 4096ths of a point. */
const CHAR_SPACE = Math.round(((PITCH_X / 25.4) * 72 - HAO[3]) * 4096);
const font = (role: FontRole) => FONT_STACKS[role][0]!;
const RED = 'E60012';

export const DOCX_PAGE = {
  width: twips(GBT9704.page.width),
  height: twips(GBT9704.page.height),
  top: twips(GBT9704.top),
  left: twips(GBT9704.left),
  right: twips(GBT9704.page.width - GBT9704.left - GBT9704.textWidth),
  bottom: twips(GBT9704.page.height - GBT9704.top - GBT9704.textHeight),
  linePitch: Math.round(PITCH_Y * TWIPS_PER_MM),
  charSpace: CHAR_SPACE,
};

const run = (text: string, role: FontRole, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: { eastAsia: font(role), ascii: font(role), hAnsi: font(role) }, ...extra });
const exact = { line: DOCX_PAGE.linePitch, lineRule: LineRuleType.EXACT };

function bodyParagraph(text: string): Paragraph {
  const level = headingLevel(text);
  const stop = text.indexOf('。');
  const end = level === 0 ? 0 : stop === -1 ? text.length : stop + 1;
  const style = level === 1 ? 'Heading1Official' : level === 2 ? 'Heading2Official' : 'BodyOfficial';
  const children = level && level < 3 && end < text.length ? [run(text.slice(0, end), level === 1 ? '黑体' : '楷体'), run(text.slice(end), '仿宋')] : [run(text, level === 1 ? '黑体' : level === 2 ? '楷体' : '仿宋')];
  return new Paragraph({ style, children });
}

export async function officialDocx(content: OfficialContent): Promise<Uint8Array> {
  const upward = UPWARD_TYPES.includes(content.docType);
  const empty = () => new Paragraph({ style: 'BodyOfficial', indent: { firstLine: 0 }, children: [] });
  const children: Paragraph[] = [
    // 发文机关标志, 35 mm into the text block, red.
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: twips(35) - DOCX_PAGE.linePitch, ...exact, line: twips(16) }, children: [run(content.issuer, '小标宋', { size: halfPoints(Math.min(42, Math.floor(((GBT9704.textWidth / 25.4) * 72) / Math.max(1, breakLines(content.issuer, 99)[0]!.length)))), color: RED })] }),
    empty(),
    empty(),
    new Paragraph({
      style: 'BodyOfficial',
      alignment: upward ? AlignmentType.LEFT : AlignmentType.CENTER,
      indent: { firstLine: 0, left: upward ? twips(PITCH_X) : 0, right: upward ? twips(PITCH_X) : 0 },
      tabStops: upward ? [{ type: 'right', position: twips(GBT9704.textWidth - 2 * PITCH_X) }] : [],
      // The red separation line, 4 mm under the 文号, as wide as the text block.
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
      children: [run(content.docNumber, '仿宋'), ...(upward && content.signer ? [run('\t签发人：', '仿宋'), run(content.signer, '楷体')] : [])],
    }),
    empty(),
    ...breakLines(content.title, Math.floor((GBT9704.textWidth / 25.4) * 72 / HAO[2])).map((t) => new Paragraph({ style: 'TitleOfficial', children: [run(t, '小标宋')] })),
    empty(),
  ];
  if (content.recipients.trim()) children.push(new Paragraph({ style: 'BodyOfficial', indent: { firstLine: 0 }, children: [run(`${content.recipients.trim().replace(/[：:]$/, '')}：`, '仿宋')] }));
  for (const p of content.body.split('\n').map((x) => x.trim()).filter(Boolean)) children.push(bodyParagraph(p));
  if (content.attachments.length) {
    children.push(empty());
    const many = content.attachments.length > 1;
    content.attachments.forEach((a, i) => children.push(new Paragraph({ style: 'BodyOfficial', indent: { left: twips((i === 0 ? 2 : 5) * PITCH_X), firstLine: 0 }, children: [run(`${i === 0 ? '附件：' : ''}${many ? `${i + 1}.` : ''}${a.name}`, '仿宋')] })));
  }
  children.push(empty(), empty());
  const date = longDate(content.date);
  const dateRight = twips(4 * PITCH_X);
  if (content.signature.trim()) {
    // Centred on the date: the same right indent plus half the difference of their widths.
    const diff = ([...date].reduce((s, ch) => s + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0) - [...content.signature.trim()].length) / 2;
    children.push(new Paragraph({ style: 'BodyOfficial', alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: dateRight + twips(diff * PITCH_X) }, children: [run(content.signature.trim(), '仿宋')] }));
  }
  children.push(new Paragraph({ style: 'BodyOfficial', alignment: AlignmentType.RIGHT, indent: { firstLine: 0, right: dateRight }, children: [run(date, '仿宋')] }));
  if (content.note.trim()) children.push(new Paragraph({ style: 'BodyOfficial', children: [run(`（${content.note.trim().replace(/^（|）$/g, '')}）`, '仿宋')] }));
  for (const [i, a] of content.attachments.entries()) {
    if (!a.text.trim()) continue;
    children.push(new Paragraph({ pageBreakBefore: true, style: 'BodyOfficial', indent: { firstLine: 0 }, children: [run(content.attachments.length > 1 ? `附件${i + 1}` : '附件', '黑体')] }));
    children.push(new Paragraph({ style: 'TitleOfficial', children: [run(a.name, '小标宋')] }));
    for (const p of a.text.split('\n').map((x) => x.trim()).filter(Boolean)) children.push(bodyParagraph(p));
  }
  if (content.printedBy.trim()) {
    // 版记: a thick rule above, thin between, thick below; 4号 with one character in on each side.
    const small = { size: halfPoints(HAO[4]) };
    const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
    const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
    if (content.copyTo.trim()) children.push(new Paragraph({ style: 'BodyOfficial', indent: { firstLine: 0, left: twips(5), right: twips(5) }, border: { top: thick, bottom: thin }, children: [run(`抄送：${content.copyTo.trim()}`, '仿宋', small)] }));
    children.push(new Paragraph({
      style: 'BodyOfficial', indent: { firstLine: 0, left: twips(5), right: twips(5) }, tabStops: [{ type: 'right', position: twips(GBT9704.textWidth - 10) }],
      border: { ...(content.copyTo.trim() ? {} : { top: thick }), bottom: thick },
      children: [run(content.printedBy.trim(), '仿宋', small), run(`\t${longDate(content.printedOn)}印发`, '仿宋', small)],
    }));
  }
  const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: { left?: number; right?: number }) =>
    new Footer({ children: [new Paragraph({ alignment, indent, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: font('宋体'), ascii: font('宋体') }, size: halfPoints(HAO[4]) })] })] });
  const oneChar = twips((HAO[4] / 72) * 25.4);
  const doc = new Document({
    creator: '社区工作台',
    title: content.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: { eastAsia: font('仿宋'), ascii: font('仿宋'), hAnsi: font('仿宋') }, size: halfPoints(HAO[3]) } } },
      paragraphStyles: [
        { id: 'BodyOfficial', name: '公文正文', run: { font: { eastAsia: font('仿宋') }, size: halfPoints(HAO[3]) }, paragraph: { indent: { firstLine: twips(2 * PITCH_X) }, spacing: exact, alignment: AlignmentType.JUSTIFIED } },
        { id: 'TitleOfficial', name: '公文标题', run: { font: { eastAsia: font('小标宋') }, size: halfPoints(HAO[2]) }, paragraph: { alignment: AlignmentType.CENTER, spacing: exact } },
        { id: 'Heading1Official', name: '公文一级标题', basedOn: 'BodyOfficial', run: { font: { eastAsia: font('黑体') } } },
        { id: 'Heading2Official', name: '公文二级标题', basedOn: 'BodyOfficial', run: { font: { eastAsia: font('楷体') } } },
      ],
    },
    sections: [{
      properties: {
        page: { size: { width: DOCX_PAGE.width, height: DOCX_PAGE.height }, margin: { top: DOCX_PAGE.top, left: DOCX_PAGE.left, right: DOCX_PAGE.right, bottom: DOCX_PAGE.bottom, footer: twips(GBT9704.page.height - GBT9704.top - GBT9704.textHeight - 7 - 5) } },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: DOCX_PAGE.linePitch, charSpace: DOCX_PAGE.charSpace },
      },
      footers: { default: pageNumber(AlignmentType.RIGHT, { right: oneChar }), even: pageNumber(AlignmentType.LEFT, { left: oneChar }) },
      children,
    }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
