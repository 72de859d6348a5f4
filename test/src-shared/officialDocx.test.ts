import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DOCX_PAGE, officialDocx } from '../../src-shared/print/officialDocx';
import type { OfficialContent } from '../../src-shared/print/officialLayout';

const content: OfficialContent = {
  docType: '通知', issuer: '中共三坊七巷社区委员会文件', docNumber: '社区党委〔2026〕5号', signer: '', title: '关于召开2026年度组织生活会的通知', recipients: '各网格党支部',
  body: '为认真贯彻落实上级部署，决定召开组织生活会。\n一、会议时间。2026年12月5日下午3时。\n（一）会前准备。各支部做好谈心谈话。', attachments: [{ name: '参会人员名单', text: '' }],
  signature: '中共三坊七巷社区委员会', date: '2026-11-24', note: '', copyTo: '南街街道党工委', printedBy: '中共三坊七巷社区委员会办公室', printedOn: '2026-11-24',
};

describe('.docx export of an official document', () => {
  it('has the A4 page, the GB/T 9704 margins, a 22 × 28 grid, and the official styles, ready for WPS and Word', async () => {
    const files = unzipSync(await officialDocx(content));
    const document = strFromU8(files['word/document.xml']!);
    const styles = strFromU8(files['word/styles.xml']!);
    // A4 in twips; top 37 mm, left 28 mm, right 26 mm and bottom 35 mm leave the 156 × 225 mm text block.
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(DOCX_PAGE.linePitch).toBe(580); // 225 mm / 22 lines
    expect(document).toMatch(new RegExp(`<w:docGrid w:type="linesAndChars" w:linePitch="580" w:charSpace="${DOCX_PAGE.charSpace}"`));
    expect(DOCX_PAGE.charSpace).toBeLessThan(0); // 28 characters of 16 pt squeezed into 156 mm
    expect(styles).toContain('w:styleId="BodyOfficial"');
    expect(styles).toContain('<w:name w:val="公文正文"/>');
    expect(styles).toMatch(/公文标题[\s\S]*?<w:sz w:val="44"\/>/);
    expect(styles).toContain('仿宋_GB2312');
    expect(document).toContain('中共三坊七巷社区委员会文件');
    expect(document).toContain('E60012'); // red header and line
    expect(document).toContain('2026年11月24日');
    expect(document).toContain('附件：参会人员名单');
    expect(document).toContain('黑体'); // 一、 heading
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['word/footer1.xml', 'word/footer2.xml']));
    expect(strFromU8(files['word/settings.xml']!)).toContain('evenAndOddHeaders');
  });
});
