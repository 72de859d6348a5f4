import { describe, expect, it } from 'vitest';
import { OFFICIAL_PAGES_CSS, officialPagesHtml } from '../../src-shared/print/officialHtml';
import { layoutOfficial, type OfficialContent } from '../../src-shared/print/officialLayout';

const content: OfficialContent = {
  docType: '通知', issuer: '中共三坊七巷社区委员会', docNumber: '三坊七巷社党〔2026〕3号', signer: '', title: '关于<开展>“冬季”排查的通知', recipients: '各网格党支部',
  body: Array.from({ length: 40 }, (_, i) => `第${i + 1}段：社区党委组织网格党员开展入户走访排查安全隐患 & 消防设施检查。`).join('\n'), attachments: [], signature: '中共三坊七巷社区委员会',
  date: '2026-11-27', note: '', copyTo: '南街街道党工委', printedBy: '中共三坊七巷社区委员会', printedOn: '2026-11-27',
};

describe('official pages as HTML', () => {
  it('draws every laid-out character at its mm position on A4 pages, escaped, with its rules; pages break for print', () => {
    const layout = layoutOfficial(content);
    const html = officialPagesHtml([layout, layout]);
    expect(html.match(/class="official-page"/g)).toHaveLength(layout.pages * 2);
    const glyphs = layout.lines.flatMap((l) => l.chars).filter((c) => c.ch !== ' ').length;
    expect(html.match(/<span /g)).toHaveLength(glyphs * 2);
    expect(html.match(/<i /g)).toHaveLength(layout.rules.length * 2);
    expect(html).toContain('&#60;');
    expect(html).not.toContain('<开展>');
    const first = layout.lines.find((l) => l.role === 'body')!;
    expect(html).toContain(`left:${first.chars[0]!.x.toFixed(3)}mm;top:${first.y.toFixed(3)}mm`);
    expect(OFFICIAL_PAGES_CSS).toContain('width: 210mm; height: 297mm');
    expect(OFFICIAL_PAGES_CSS).toContain('break-after: page');
    expect(OFFICIAL_PAGES_CSS).toContain("'仿宋_GB2312'");
  });
});
