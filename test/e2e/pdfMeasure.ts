import { execFileSync } from 'node:child_process';

/** A word of a PDF as `pdftotext -bbox` places it, in mm from the page's top-left corner. */
export interface PdfWord {
  page: number;
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PdfPage {
  width: number;
  height: number;
}

const PT_TO_MM = 25.4 / 72;

/** Every word of every page with its box (poppler's pdftotext -bbox), and the pages' sizes, in mm. */
export function pdfWords(path: string): { pages: PdfPage[]; words: PdfWord[] } {
  const xml = execFileSync('pdftotext', ['-bbox', path, '-']).toString();
  const pages: PdfPage[] = [];
  const words: PdfWord[] = [];
  for (const part of xml.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(part)!;
    pages.push({ width: Number(size[1]) * PT_TO_MM, height: Number(size[2]) * PT_TO_MM });
    for (const m of part.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ page: pages.length, text: m[5]!.replace(/&amp;/g, '&'), left: Number(m[1]) * PT_TO_MM, top: Number(m[2]) * PT_TO_MM, right: Number(m[3]) * PT_TO_MM, bottom: Number(m[4]) * PT_TO_MM });
    }
  }
  return { pages, words };
}

/** The words of a page grouped into lines (same vertical centre within 1 mm), top to bottom, each left to right. */
export function pdfLines(words: readonly PdfWord[], page: number): { text: string; left: number; right: number; top: number; bottom: number; centre: number; words: PdfWord[] }[] {
  const lines: PdfWord[][] = [];
  for (const w of words.filter((x) => x.page === page).sort((a, b) => a.top - b.top || a.left - b.left)) {
    const centre = (w.top + w.bottom) / 2;
    const line = lines.find((l) => Math.abs((l[0]!.top + l[0]!.bottom) / 2 - centre) < 1);
    if (line) line.push(w);
    else lines.push([w]);
  }
  return lines
    .map((l) => l.sort((a, b) => a.left - b.left))
    .map((l) => ({ text: l.map((w) => w.text).join(''), left: l[0]!.left, right: l[l.length - 1]!.right, top: Math.min(...l.map((w) => w.top)), bottom: Math.max(...l.map((w) => w.bottom)), centre: (l[0]!.top + l[0]!.bottom) / 2, words: l }))
    .sort((a, b) => a.top - b.top);
}

/**
 * Where a page region has ink (a pixel darker than mid-grey), in mm from the page's top-left corner: the PDF drawn by
 * poppler at 10 pixels per mm, so positions that text boxes do not give (a glyph's height on its line, a rule) are
 * measured as printed.
 */
export function inkExtent(path: string, page: number, box: { left: number; top: number; right: number; bottom: number }, dark = 128): { left: number; top: number; right: number; bottom: number } | null {
  const px = (mm: number) => Math.round(mm * 10);
  const args = ['-r', '254', '-gray', '-f', String(page), '-l', String(page), '-x', String(px(box.left)), '-y', String(px(box.top)), '-W', String(px(box.right - box.left)), '-H', String(px(box.bottom - box.top)), path];
  const pgm = execFileSync('pdftoppm', args, { maxBuffer: 64 * 1024 * 1024 });
  // P5 header: "P5\n<width> <height>\n<max>\n", then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = pgm.subarray(header[0].length);
  let found: { left: number; top: number; right: number; bottom: number } | null = null;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! >= dark) continue;
      const at = { left: box.left + x / 10, top: box.top + y / 10, right: box.left + (x + 1) / 10, bottom: box.top + (y + 1) / 10 };
      found = found ? { left: Math.min(found.left, at.left), top: Math.min(found.top, at.top), right: Math.max(found.right, at.right), bottom: Math.max(found.bottom, at.bottom) } : at;
    }
  }
  return found;
}
