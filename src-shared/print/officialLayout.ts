import { longDate } from './printDocument';

/**
 * 党政机关公文格式 (GB/T 9704-2012) as geometry: every character of a notice or a letter placed on the standard's grid
 * (A4; 版心 156 × 225 mm, 37 mm from the top and 28 mm from the left; 22 lines of 28 characters of 3号 type), the red
 * header and its line, the title, the body with its heading levels, the signature and the date, the 版记 at the foot of
 * the last even page, and the page numbers. The renderer draws exactly these positions (in mm), so the printed PDF can
 * be measured against the standard; the .docx export sets up the same page and grid.
 */

export const GBT9704 = {
  page: { width: 210, height: 297 },
  top: 37,
  left: 28,
  textWidth: 156,
  textHeight: 225,
  charsPerLine: 28,
  linesPerPage: 22,
} as const;

/** One character cell across (5.57 mm) and one line down (10.23 mm). */
export const PITCH_X = GBT9704.textWidth / GBT9704.charsPerLine;
export const PITCH_Y = GBT9704.textHeight / GBT9704.linesPerPage;
const RIGHT = GBT9704.left + GBT9704.textWidth;
const BOTTOM = GBT9704.top + GBT9704.textHeight;

/** Point sizes of the Chinese 号 (2号 22 pt, 3号 16 pt, 4号 14 pt). */
export const HAO = { 2: 22, 3: 16, 4: 14 } as const;
const MM_PER_PT = 25.4 / 72;

export type FontRole = '小标宋' | '仿宋' | '黑体' | '楷体' | '宋体';

/** The official fonts first, then the named fallbacks a PC without them is likely to have. */
export const FONT_STACKS: Record<FontRole, readonly string[]> = {
  小标宋: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK', 'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', 'Noto Sans CJK SC'],
  仿宋: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', 'Noto Sans CJK SC'],
  黑体: ['黑体', 'SimHei', 'STHeiti', 'Noto Sans CJK SC', 'Source Han Sans SC'],
  楷体: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', 'Noto Serif CJK SC', 'Noto Sans CJK SC'],
  宋体: ['宋体', 'SimSun', 'STSong', 'Noto Serif CJK SC', 'Noto Sans CJK SC'],
};

export const DOCUMENT_TYPES = ['通知', '函', '公示', '报告', '请示', '纪要'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** 上行文: the 文号 moves left and the 签发人 stands on its right. */
export const UPWARD_TYPES: readonly DocumentType[] = ['报告', '请示'];

export interface OfficialContent {
  docType: DocumentType;
  /** 发文机关标志 (e.g. 中共三坊七巷社区委员会文件), printed red. */
  issuer: string;
  /** 发文字号 as printed (社区党委〔2026〕5号); empty on a draft. */
  docNumber: string;
  signer: string;
  title: string;
  /** 主送机关. */
  recipients: string;
  /** Paragraphs, one per line; 一、 （一） 1. （1） start headings. */
  body: string;
  attachments: readonly { name: string; text: string }[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期, YYYY-MM-DD. */
  date: string;
  /** 附注, printed in brackets. */
  note: string;
  copyTo: string;
  printedBy: string;
  printedOn: string;
}

export interface PlacedChar {
  ch: string;
  /** Left edge of the character, mm from the page's left edge. */
  x: number;
  font: FontRole;
}

export interface PlacedLine {
  page: number;
  /** Top of the line box, mm from the page's top edge; the glyphs are centred in `height`. */
  y: number;
  height: number;
  sizePt: number;
  red?: boolean;
  role: 'issuer' | 'docNumber' | 'signer' | 'title' | 'recipients' | 'body' | 'attachments' | 'signature' | 'date' | 'note' | 'copyTo' | 'imprint' | 'pageNumber' | 'attachmentTitle';
  chars: PlacedChar[];
}

export interface PlacedRule {
  page: number;
  y: number;
  x1: number;
  x2: number;
  /** mm */
  thickness: number;
  red?: boolean;
}

export interface OfficialLayout {
  pages: number;
  lines: PlacedLine[];
  rules: PlacedRule[];
  /** Pages that carry a page number (a blank page before the 版记 page and the 版记 page itself do not). */
  numbered: number[];
}

/** Half a cell for ASCII letters, digits and half-width signs; a whole cell for Chinese and full-width signs. */
export const cellsOf = (ch: string) => (ch.charCodeAt(0) < 0x2e80 && !/[—…“”‘’·]/.test(ch) ? 0.5 : 1);
const widthOf = (text: string) => [...text].reduce((sum, ch) => sum + cellsOf(ch), 0);

/** Signs that may not begin a line (避头): they stay at the end of the line before. */
const NO_LINE_START = /^[，。、；：？！）》」』”’…—%,.;:?!)]$/;

/** Breaks a paragraph into lines of `cells` cells; the first line may start after an indent. */
export function breakLines(text: string, cells: number, firstIndent = 0): string[] {
  const lines: string[] = [];
  let line = '';
  let used = firstIndent;
  for (const ch of text) {
    const w = cellsOf(ch);
    if (used + w > cells + 1e-9) {
      if (NO_LINE_START.test(ch) && line.length > 0) {
        // Carry the last character down with the sign rather than start a line with it.
        const chars = [...line];
        const carried = chars.pop()!;
        lines.push(chars.join(''));
        line = carried + ch;
        used = cellsOf(carried) + w;
        continue;
      }
      lines.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * A title on as few lines as its width needs, broken between words (GB/T 9704 §7.3.3: 回行时词意完整, 排列对称, 长短适宜,
 * 梯形或菱形): words from the platform's Chinese word segmentation, each line within `cells`, the longest line as short
 * as it can be; among equally short layouts, a 正梯形 (upper lines no longer than those below) or, for three lines, a
 * 菱形 (the middle longest), with the most even lengths. Falls back to character breaks for a word longer than a line.
 */
export function breakTitle(text: string, cells: number): string[] {
  const total = widthOf(text);
  if (total <= cells + 1e-9) return [text];
  const words = titleWords(text);
  if (words.some((w) => widthOf(w) > cells + 1e-9)) return breakLines(text, cells);
  const n = Math.ceil(total / cells - 1e-9);
  let best: { lines: string[]; score: number } | null = null;
  for (let count = n; count <= Math.min(3, words.length) && !best; count++) {
    for (const cut of cutsOf(words.length, count)) {
      const lines = cut.map(([from, to]) => words.slice(from, to).join(''));
      const widths = lines.map(widthOf);
      if (widths.some((w) => w > cells + 1e-9)) continue;
      const longest = Math.max(...widths);
      const trapezoid = widths.every((w, i) => i === 0 || widths[i - 1]! <= w);
      const diamond = count === 3 && widths[1]! >= widths[0]! && widths[1]! >= widths[2]!;
      const score = longest * 100 + (trapezoid || diamond ? 0 : 50) + (longest - Math.min(...widths));
      if (!best || score < best.score) best = { lines, score };
    }
  }
  return best?.lines ?? breakLines(text, cells);
}

/** The title's words: the platform's Chinese word breaks, with a closing sign kept on the word before it. */
function titleWords(text: string): string[] {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const words: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (words.length > 0 && NO_LINE_START.test(segment[0]!)) words[words.length - 1] += segment;
    else if (words.length > 0 && /[（《“〈【(]$/.test(words[words.length - 1]!)) words[words.length - 1] += segment;
    else words.push(segment);
  }
  return words;
}

/** Every way to cut `length` items into `count` non-empty runs, as [from, to) pairs. */
function cutsOf(length: number, count: number): [number, number][][] {
  if (count === 1) return [[[0, length]]];
  const out: [number, number][][] = [];
  for (let first = 1; first <= length - count + 1; first++) {
    for (const rest of cutsOf(length - first, count - 1)) out.push([[0, first], ...rest.map(([a, b]) => [a + first, b + first] as [number, number])]);
  }
  return out;
}

/** The heading level a paragraph starts with: 一、 → 1 (黑体), （一） → 2 (楷体), 1. and （1） → 3. */
export function headingLevel(paragraph: string): 0 | 1 | 2 | 3 {
  if (/^[一二三四五六七八九十]+、/.test(paragraph)) return 1;
  if (/^（[一二三四五六七八九十]+）/.test(paragraph)) return 2;
  if (/^(\d+[.．]|（\d+）)/.test(paragraph)) return 3;
  return 0;
}

const HEADING_FONTS: Record<1 | 2 | 3, FontRole> = { 1: '黑体', 2: '楷体', 3: '仿宋' };

/** The part of a heading paragraph set in the heading's font: up to its first 。 (the whole line when it has none). */
function headingEnd(paragraph: string): number {
  const stop = paragraph.indexOf('。');
  return stop === -1 ? paragraph.length : stop + 1;
}

const lineTop = (index: number) => GBT9704.top + index * PITCH_Y;

/** Places the characters of a line from `x`, each at its cell (a 3号 character is 5.57 mm wide on the grid). */
function place(text: string, x: number, font: FontRole | ((i: number) => FontRole), pitch = PITCH_X): PlacedChar[] {
  const out: PlacedChar[] = [];
  let at = x;
  [...text].forEach((ch, i) => {
    out.push({ ch, x: at, font: typeof font === 'function' ? font(i) : font });
    at += cellsOf(ch) * pitch;
  });
  return out;
}

export class LayoutProblem extends Error {}

/**
 * Lays a document out on the GB/T 9704 grid. Throws a LayoutProblem (in Chinese) when the content cannot be laid out
 * as the standard asks (a title wider than three lines).
 */
export function layoutOfficial(content: OfficialContent): OfficialLayout {
  const lines: PlacedLine[] = [];
  const rules: PlacedRule[] = [];
  let page = 1;
  let row = 0;
  const newPage = () => {
    page++;
    row = 0;
  };
  /** The next grid row, on a new page when this one is full. */
  const take = (): { page: number; y: number } => {
    if (row >= GBT9704.linesPerPage) newPage();
    const at = { page, y: lineTop(row) };
    row++;
    return at;
  };
  const bodyLine = (chars: PlacedChar[], role: PlacedLine['role'], sizePt: number = HAO[3]) => {
    const at = take();
    lines.push({ ...at, height: PITCH_Y, sizePt, role, chars });
  };

  // 版头: the red issuer 35 mm below the 版心's top edge, the 文号 two lines below it, the red line 4 mm under the 文号.
  const issuerPt = Math.min(42, (GBT9704.textWidth / Math.max(1, widthOf(content.issuer))) / MM_PER_PT);
  const issuerHeight = issuerPt * MM_PER_PT;
  const issuerY = GBT9704.top + 35;
  const issuerPitch = issuerPt * MM_PER_PT;
  lines.push({ page: 1, y: issuerY, height: issuerHeight, sizePt: issuerPt, red: true, role: 'issuer', chars: place(content.issuer, GBT9704.left + (GBT9704.textWidth - widthOf(content.issuer) * issuerPitch) / 2, '小标宋', issuerPitch) });
  row = Math.ceil((issuerY + issuerHeight - GBT9704.top) / PITCH_Y - 1e-6) + 2;
  const numberRow = row;
  const upward = UPWARD_TYPES.includes(content.docType);
  if (content.docNumber || (upward && content.signer)) {
    const at = take();
    const number = content.docNumber;
    const numberX = upward ? GBT9704.left + PITCH_X : GBT9704.left + (GBT9704.textWidth - widthOf(number) * PITCH_X) / 2;
    if (number) lines.push({ ...at, height: PITCH_Y, sizePt: HAO[3], role: 'docNumber', chars: place(number, numberX, '仿宋') });
    if (upward && content.signer) {
      const label = '签发人：';
      const text = label + content.signer;
      const x = RIGHT - PITCH_X - widthOf(text) * PITCH_X;
      lines.push({ ...at, height: PITCH_Y, sizePt: HAO[3], role: 'signer', chars: place(text, x, (i) => (i < label.length ? '仿宋' : '楷体')) });
    }
  } else {
    row++;
  }
  // The red line: 4 mm below the 文号 (its glyphs' lower edge), as wide as the 版心.
  const numberBottom = lineTop(numberRow) + (PITCH_Y + HAO[3] * MM_PER_PT) / 2;
  const ruleY = numberBottom + 4;
  rules.push({ page: 1, y: ruleY, x1: GBT9704.left, x2: RIGHT, thickness: 0.5, red: true });
  // 标题: two lines below the red line, 2号, centred, on as many lines as it needs (at most three).
  row = Math.ceil((ruleY - GBT9704.top) / PITCH_Y - 1e-6) + 2;
  const titlePitch = HAO[2] * MM_PER_PT;
  const titleCells = Math.floor(GBT9704.textWidth / titlePitch);
  const titleLines = breakTitle(content.title, titleCells);
  if (titleLines.length > 3) throw new LayoutProblem(`标题「${content.title}」超过三行，请精简标题`);
  for (const t of titleLines) {
    const at = take();
    lines.push({ ...at, height: PITCH_Y, sizePt: HAO[2], role: 'title', chars: place(t, GBT9704.left + (GBT9704.textWidth - widthOf(t) * titlePitch) / 2, '小标宋', titlePitch) });
  }
  // 主送机关: one line below the title, 顶格.
  if (content.recipients.trim()) {
    row++;
    const text = `${content.recipients.trim().replace(/[：:]$/, '')}：`;
    for (const l of breakLines(text, GBT9704.charsPerLine)) bodyLine(place(l, GBT9704.left, '仿宋'), 'recipients');
  } else {
    row++;
  }
  // 正文: each paragraph indented two characters, lines back to the margin; headings in their fonts.
  const paragraphs = content.body.split('\n').map((p) => p.trim()).filter(Boolean);
  paragraphs.forEach((paragraph, index) => {
    const level = headingLevel(paragraph);
    const end = level ? headingEnd(paragraph) : 0;
    let offset = 0;
    const broken = breakLines(paragraph, GBT9704.charsPerLine, 2);
    // A heading is kept with the line after it: one that would end on a page's last line (or run over it) starts the
    // next page instead of standing alone at the foot.
    if (level && index < paragraphs.length - 1 && row > 0 && row < GBT9704.linesPerPage && row + broken.length >= GBT9704.linesPerPage) newPage();
    broken.forEach((l, i) => {
      const start = offset;
      const x = GBT9704.left + (i === 0 ? 2 * PITCH_X : 0);
      bodyLine(place(l, x, (k) => (level && start + k < end ? HEADING_FONTS[level] : '仿宋')), 'body');
      offset += [...l].length;
    });
  });
  // 附件说明: one line below the body, 左空二字; several attachments numbered and aligned after 附件：.
  if (content.attachments.length > 0) {
    row++;
    const many = content.attachments.length > 1;
    content.attachments.forEach((a, i) => {
      const head = i === 0 ? '附件：' : '';
      const text = `${head}${many ? `${i + 1}.` : ''}${a.name}`;
      const indent = 2 + (i === 0 ? 0 : 3);
      breakLines(text, GBT9704.charsPerLine - indent).forEach((l, k) => {
        const hang = k === 0 ? indent : 5 + (many ? 1 : 0);
        bodyLine(place(l, GBT9704.left + hang * PITCH_X, '仿宋'), 'attachments');
      });
    });
  }
  // 署名 and 成文日期 under the seal: two blank lines for the seal's top, the issuer's name centred on the date, the date
  // four characters from the right edge.
  const dateText = longDate(content.date);
  const dateCells = widthOf(dateText);
  const dateX = RIGHT - 4 * PITCH_X - dateCells * PITCH_X;
  row += 2;
  if (row + 2 > GBT9704.linesPerPage) newPage();
  if (content.signature.trim()) {
    const sig = content.signature.trim();
    bodyLine(place(sig, dateX + ((dateCells - widthOf(sig)) * PITCH_X) / 2, '仿宋'), 'signature');
  }
  bodyLine(place(dateText, dateX, '仿宋'), 'date');
  if (content.note.trim()) bodyLine(place(`（${content.note.trim().replace(/^（|）$/g, '')}）`, GBT9704.left + 2 * PITCH_X, '仿宋'), 'note');

  // 附件 on pages of their own: 附件N 黑体 顶格, its name as a title, its text as body.
  content.attachments.forEach((a, i) => {
    if (!a.text.trim()) return;
    newPage();
    bodyLine(place(content.attachments.length > 1 ? `附件${i + 1}` : '附件', GBT9704.left, '黑体'), 'attachmentTitle');
    row++;
    for (const t of breakTitle(a.name, titleCells)) {
      const at = take();
      lines.push({ ...at, height: PITCH_Y, sizePt: HAO[2], role: 'title', chars: place(t, GBT9704.left + (GBT9704.textWidth - widthOf(t) * titlePitch) / 2, '小标宋', titlePitch) });
    }
    row++;
    for (const p of a.text.split('\n').map((x) => x.trim()).filter(Boolean)) breakLines(p, GBT9704.charsPerLine, 2).forEach((l, k) => bodyLine(place(l, GBT9704.left + (k === 0 ? 2 * PITCH_X : 0), '仿宋'), 'body'));
  });

  // 版记 at the foot of the last even page: 抄送 and 印发 in 4号, between a thick first and last rule, thin between.
  const imprintRows = content.copyTo.trim() ? 2 : 1;
  const unnumbered = new Set<number>();
  if (content.printedBy.trim()) {
    if (page % 2 === 1) newPage();
    else if (row > GBT9704.linesPerPage - imprintRows - 1) {
      // No room under the text on this even page: a blank page, then the 版记 page; neither is numbered.
      newPage();
      unnumbered.add(page);
      newPage();
      unnumbered.add(page);
    }
    const firstRow = GBT9704.linesPerPage - imprintRows;
    const rowY = (k: number) => lineTop(firstRow + k);
    const small = HAO[4] * MM_PER_PT;
    rules.push({ page, y: rowY(0), x1: GBT9704.left, x2: RIGHT, thickness: 0.35 });
    if (content.copyTo.trim()) {
      lines.push({ page, y: rowY(0), height: PITCH_Y, sizePt: HAO[4], role: 'copyTo', chars: place(`抄送：${content.copyTo.trim()}`, GBT9704.left + small, '仿宋', small) });
      rules.push({ page, y: rowY(1), x1: GBT9704.left, x2: RIGHT, thickness: 0.25 });
    }
    const printed = `${longDate(content.printedOn)}印发`;
    lines.push({
      page, y: rowY(imprintRows - 1), height: PITCH_Y, sizePt: HAO[4], role: 'imprint',
      chars: [...place(content.printedBy.trim(), GBT9704.left + small, '仿宋', small), ...place(printed, RIGHT - small - widthOf(printed) * small, '仿宋', small)],
    });
    rules.push({ page, y: BOTTOM, x1: GBT9704.left, x2: RIGHT, thickness: 0.35 });
  }
  const numbered = Array.from({ length: page }, (_, i) => i + 1).filter((p) => !unnumbered.has(p));

  // 页码: "— N —" in 4号宋体, the dashes' tops 7 mm below the 版心; odd pages right, even pages left, one character in.
  const numberPt = HAO[4];
  const numberCell = numberPt * MM_PER_PT;
  for (const p of numbered) {
    const text = `— ${p} —`;
    const width = widthOf(text) * numberCell;
    const x = p % 2 === 1 ? RIGHT - numberCell - width : GBT9704.left + numberCell;
    lines.push({ page: p, y: BOTTOM + 7 - (numberCell - numberCell * 0.1) / 2, height: numberCell, sizePt: numberPt, role: 'pageNumber', chars: place(text, x, '宋体', numberCell) });
  }
  return { pages: page, lines, rules, numbered };
}
