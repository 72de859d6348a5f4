import { FONT_STACKS, GBT9704, type FontRole, type OfficialLayout } from './officialLayout';

/**
 * The laid-out pages of one or more official documents as HTML: each page an A4 box, each character at its mm
 * position, each rule a box of its thickness. The same markup is the on-screen preview and what Chromium prints
 * (printToPDF in the desktop app, page.pdf in tests) with `@page { size: A4; margin: 0 }`, so paper prints 1:1.
 */

const GENERIC: Record<FontRole, string> = { 小标宋: 'serif', 仿宋: 'serif', 黑体: 'sans-serif', 楷体: 'serif', 宋体: 'serif' };

/** A CSS font-family list of a role: the official font first, the named fallbacks, then the generic family. */
export function fontFamilyOf(role: FontRole): string {
  return [...FONT_STACKS[role].map((f) => `'${f}'`), GENERIC[role]].join(',');
}

const RED = '#e60012';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const mm = (n: number) => `${n.toFixed(3)}mm`;

/** The page-level CSS the markup needs; scoped under .official-pages so it cannot touch the app. */
export const OFFICIAL_PAGES_CSS = `
.official-pages .official-page { position: relative; width: ${GBT9704.page.width}mm; height: ${GBT9704.page.height}mm; overflow: hidden; background: #fff; color: #000; break-after: page; }
.official-pages .official-page:last-child { break-after: auto; }
.official-pages .official-page span { position: absolute; white-space: pre; text-align: left; }
.official-pages .official-page i { position: absolute; display: block; }
${(Object.keys(FONT_STACKS) as FontRole[]).map((role, i) => `.official-pages .f${i} { font-family: ${fontFamilyOf(role)}; }`).join('\n')}
`;

const FONT_CLASS = Object.fromEntries((Object.keys(FONT_STACKS) as FontRole[]).map((role, i) => [role, `f${i}`])) as Record<FontRole, string>;

/** One page's markup: the characters of its lines and its rules. */
function pageHtml(layout: OfficialLayout, page: number): string {
  const parts: string[] = [];
  for (const line of layout.lines) {
    if (line.page !== page) continue;
    const colour = line.red ? `color:${RED};` : '';
    for (const c of line.chars) {
      if (c.ch === ' ') continue;
      parts.push(`<span class="${FONT_CLASS[c.font]}" style="left:${mm(c.x)};top:${mm(line.y)};height:${mm(line.height)};line-height:${mm(line.height)};font-size:${line.sizePt}pt;${colour}">${escapeHtml(c.ch)}</span>`);
    }
  }
  for (const rule of layout.rules) {
    if (rule.page !== page) continue;
    parts.push(`<i style="left:${mm(rule.x1)};top:${mm(rule.y - rule.thickness / 2)};width:${mm(rule.x2 - rule.x1)};height:${mm(rule.thickness)};background:${rule.red ? RED : '#000'}"></i>`);
  }
  return `<div class="official-page" data-page="${page}">${parts.join('')}</div>`;
}

/** Every page of every layout, in order; each document starts on a page of its own. */
export function officialPagesHtml(layouts: readonly OfficialLayout[]): string {
  const pages = layouts.flatMap((layout) => Array.from({ length: layout.pages }, (_, i) => pageHtml(layout, i + 1)));
  return `<div class="official-pages">${pages.join('')}</div>`;
}
