/**
 * A printable document as plain data: the renderer lays it out as HTML pages, Electron's printToPDF (or the
 * browser's print) turns those into paper or PDF. Later record types (meeting notices, feedback letters) add
 * builders that produce this same shape.
 */
export type PaperSize = 'A4' | 'A3';
export type Orientation = 'portrait' | 'landscape';

export interface PrintTable {
  /** `width`: a share of the page's width in %. */
  columns: { header: string; width?: number }[];
  rows: string[][];
  /** A smaller type for a wide table (12 pt otherwise). */
  fontSizePt?: number;
}

export interface PrintSection {
  heading?: string;
  /** Lines to sign on paper (主持人（签字）：________), printed as lines, never as typed names. */
  signatures?: string[];
  table?: PrintTable;
  paragraphs?: string[];
  /** A chart as SVG text (drawn by ECharts from the same figures as the table beside it). */
  figure?: string;
}

export interface PrintDocument {
  fileName: string;
  /** Text of a QR code printed at the top right (e.g. a meeting's id on its 签到表, to find the record again). */
  qrText?: string;
  title: string;
  subtitle?: string;
  paper: PaperSize;
  orientation: Orientation;
  sections: PrintSection[];
  footer: string[];
}

export const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 210, height: 297 },
  A3: { width: 297, height: 420 },
};

export function pageSizeMm(paper: PaperSize, orientation: Orientation): { width: number; height: number } {
  const { width, height } = PAPER_MM[paper];
  return orientation === 'portrait' ? { width, height } : { width: height, height: width };
}

/** A date as printed on Chinese documents: 2026-05-09 → 2026年5月9日. */
export function longDate(date: string): string {
  return date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日');
}
