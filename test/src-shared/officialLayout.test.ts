import { describe, expect, it } from 'vitest';
import { breakLines, breakTitle, GBT9704, headingLevel, layoutOfficial, PITCH_X, PITCH_Y, type OfficialContent } from '../../src-shared/print/officialLayout';

const notice = (over: Partial<OfficialContent> = {}): OfficialContent => ({
  docType: '通知', issuer: '中共三坊七巷社区委员会文件', docNumber: '社区党委〔2026〕5号', signer: '', title: '关于召开2026年度组织生活会的通知',
  recipients: '各网格党支部', body: '为认真贯彻落实上级部署，经研究，决定召开组织生活会。现将有关事项通知如下。\n一、会议时间。2026年12月5日下午3时。\n（一）会前准备。各支部做好谈心谈话。\n1.查摆问题。\n请各支部认真做好准备。',
  attachments: [{ name: '参会人员名单', text: '' }], signature: '中共三坊七巷社区委员会', date: '2026-11-24', note: '联系人：王小红，电话：0591-87654321', copyTo: '南街街道党工委', printedBy: '中共三坊七巷社区委员会办公室', printedOn: '2026-11-24', ...over,
});

const close = (a: number, b: number, tolerance = 0.01) => expect(Math.abs(a - b)).toBeLessThan(tolerance);

describe('GB/T 9704-2012 layout', () => {
  it('puts 28 characters on a line of the 156 mm text block and 22 lines on a page, 37 mm from the top and 28 mm from the left', () => {
    const long = '社区党委认真贯彻落实上级部署要求，扎实推进基层党建工作。'.repeat(40);
    const layout = layoutOfficial(notice({ body: long, attachments: [], printedBy: '' }));
    const body = layout.lines.filter((l) => l.role === 'body');
    const page2 = body.filter((l) => l.page === 2);
    expect(page2).toHaveLength(GBT9704.linesPerPage);
    page2.forEach((l, k) => close(l.y, 37 + (k * 225) / 22));
    // A full line: the first character at the left margin, the 28th ending at the right edge of the text block.
    const full = page2[3]!;
    expect(full.chars).toHaveLength(28);
    close(full.chars[0]!.x, 28);
    close(full.chars[27]!.x + PITCH_X, 28 + 156);
    // The paragraph's first line starts two characters in.
    close(body[0]!.chars[0]!.x, 28 + 2 * PITCH_X);
    expect(body[0]!.chars).toHaveLength(26);
  });

  it('sets the red header 35 mm into the text block, the 文号 two lines below, the red line 4 mm under it, the title two lines below', () => {
    const layout = layoutOfficial(notice());
    const issuer = layout.lines.find((l) => l.role === 'issuer')!;
    expect(issuer.red).toBe(true);
    close(issuer.y, 37 + 35);
    const issuerWidth = issuer.chars.at(-1)!.x - issuer.chars[0]!.x;
    close(issuer.chars[0]!.x - 28, 156 - (issuer.chars.at(-1)!.x + issuerWidth / (issuer.chars.length - 1) - 28), 0.05); // centred
    const number = layout.lines.find((l) => l.role === 'docNumber')!;
    const rowOf = (y: number) => Math.round((y - 37) / PITCH_Y);
    expect(rowOf(number.y) - Math.ceil((issuer.y + issuer.height - 37) / PITCH_Y)).toBe(2);
    const red = layout.rules.find((r) => r.red)!;
    close(red.x1, 28);
    close(red.x2, 184);
    close(red.y, number.y + (PITCH_Y + (16 * 25.4) / 72) / 2 + 4);
    const title = layout.lines.find((l) => l.role === 'title')!;
    expect(rowOf(title.y)).toBe(Math.ceil((red.y - 37) / PITCH_Y) + 2);
    expect(title.sizePt).toBe(22);
    // 主送 one line below the title, 顶格, with a full-width colon.
    const to = layout.lines.find((l) => l.role === 'recipients')!;
    expect(to.chars.map((c) => c.ch).join('')).toBe('各网格党支部：');
    close(to.chars[0]!.x, 28);
  });

  it('sets headings in 黑体 and 楷体, the date four characters from the right edge with the signature centred on it, page numbers as the standard asks', () => {
    const layout = layoutOfficial(notice());
    const body = layout.lines.filter((l) => l.role === 'body');
    const line = (start: string) => body.find((l) => l.chars.map((c) => c.ch).join('').startsWith(start))!;
    expect(line('一、').chars.slice(0, 7).every((c) => c.font === '黑体')).toBe(true);
    expect(line('一、').chars.at(-1)!.font).toBe('仿宋');
    expect(line('（一）').chars[0]!.font).toBe('楷体');
    expect(line('1.').chars[0]!.font).toBe('仿宋');
    expect(headingLevel('（1）')).toBe(3);
    const date = layout.lines.find((l) => l.role === 'date')!;
    expect(date.chars.map((c) => c.ch).join('')).toBe('2026年11月24日');
    const last = date.chars.at(-1)!;
    close(last.x + PITCH_X, 184 - 4 * PITCH_X);
    const sig = layout.lines.find((l) => l.role === 'signature')!;
    const centre = (l: typeof sig) => (l.chars[0]!.x + l.chars.at(-1)!.x + PITCH_X) / 2;
    close(centre(sig), centre(date));
    expect(sig.y).toBeLessThan(date.y);
    const attachment = layout.lines.find((l) => l.role === 'attachments')!;
    expect(attachment.chars.map((c) => c.ch).join('')).toBe('附件：参会人员名单');
    close(attachment.chars[0]!.x, 28 + 2 * PITCH_X);
    // One page of text: the 版记 goes to page 2 (the last even page), at its foot between rules; both pages numbered.
    expect(layout.pages).toBe(2);
    const imprint = layout.lines.find((l) => l.role === 'imprint')!;
    expect(imprint.page).toBe(2);
    close(imprint.y, 37 + 21 * PITCH_Y);
    const bottomRule = layout.rules.find((r) => r.page === 2 && Math.abs(r.y - 262) < 0.01)!;
    expect(bottomRule.thickness).toBe(0.35);
    expect(layout.rules.filter((r) => r.page === 2).map((r) => r.thickness)).toEqual([0.35, 0.25, 0.35]);
    const numbers = layout.lines.filter((l) => l.role === 'pageNumber');
    expect(numbers.map((n) => n.chars.map((c) => c.ch).join(''))).toEqual(['— 1 —', '— 2 —']);
    const oneChar = (14 * 25.4) / 72;
    const [odd, even] = numbers as [typeof date, typeof date];
    close(odd.chars.at(-1)!.x + oneChar, 184 - oneChar);
    close(even.chars[0]!.x, 28 + oneChar);
  });

  it('puts the 文号 left and the 签发人 right in a 请示, and a blank unnumbered page before the 版记 when the last even page is full', () => {
    const upward = layoutOfficial(notice({ docType: '请示', signer: '张书记' }));
    const number = upward.lines.find((l) => l.role === 'docNumber')!;
    close(number.chars[0]!.x, 28 + PITCH_X);
    const signer = upward.lines.find((l) => l.role === 'signer')!;
    close(signer.chars.at(-1)!.x + PITCH_X, 184 - PITCH_X);
    expect(signer.chars.at(-1)!.font).toBe('楷体');
    // Fill page 2 to its last line: the 版记 goes to page 4, pages 3 and 4 carry no number.
    let body = '';
    for (let n = 10; n < 200; n++) {
      body = '社区党委认真贯彻落实上级部署要求，扎实推进基层党建工作。'.repeat(n);
      const l = layoutOfficial(notice({ body, attachments: [], note: '' }));
      const lastText = l.lines.filter((x) => x.role === 'date').at(-1)!;
      if (lastText.page === 2 && lastText.y > 37 + 19.5 * PITCH_Y) break;
    }
    const full = layoutOfficial(notice({ body, attachments: [], note: '' }));
    expect(full.pages).toBe(4);
    expect(full.numbered).toEqual([1, 2]);
    expect(full.lines.find((l) => l.role === 'imprint')!.page).toBe(4);
  });

  it('never starts a line with a closing sign, and refuses a title of more than three lines', () => {
    const lines = breakLines(`${'党'.repeat(27)}员，好`, 28);
    expect(lines.map((l) => l[0])).not.toContain('，');
    expect(lines[0]).toHaveLength(27);
    expect(() => layoutOfficial(notice({ title: '关于'.repeat(40) }))).toThrow('超过三行，请精简标题');
  });

  it('breaks a title between words, upper lines no longer than lower (梯形) or the middle longest (菱形)', () => {
    // Character breaking gave "…吹哨报 / 到通知".
    const two = breakTitle('关于南营小区二期雨污管道堵塞问题的吹哨报到通知', 20);
    expect(two).toEqual(['关于南营小区二期雨污管道', '堵塞问题的吹哨报到通知']);
    expect(two.join('')).toBe('关于南营小区二期雨污管道堵塞问题的吹哨报到通知');
    for (const title of ['关于开展2026年度在职党员到社区报到为群众办实事活动的通知', '中共三坊七巷社区委员会关于召开第一网格党支部党员大会暨民主评议党员会议的通知']) {
      const lines = breakTitle(title, 20);
      expect(lines.join('')).toBe(title);
      // No word cut in two: each break falls where the platform's word segmentation puts one.
      const words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(title)].map((w) => w.index);
      let at = 0;
      for (const line of lines.slice(0, -1)) expect(words).toContain((at += line.length));
      const widths = lines.map((l) => l.length);
      expect(widths.every((w, i) => i === 0 || widths[i - 1]! <= w) || (widths.length === 3 && widths[1]! >= widths[0]! && widths[1]! >= widths[2]!)).toBe(true);
    }
    expect(breakTitle('关于召开组织生活会的通知', 20)).toEqual(['关于召开组织生活会的通知']);
  });

  it('keeps a heading with the line after it: never alone at the foot of a page', () => {
    const filler = '社区党委认真贯彻落实上级部署要求，扎实推进基层党建工作。';
    // Enough body to bring the next paragraph to the last line of page 1, whatever the header takes.
    for (let n = 1; n < 40; n++) {
      const layout = layoutOfficial(notice({ body: `${filler.repeat(n)}\n二、工作要求。\n${filler}`, attachments: [], note: '', printedBy: '', copyTo: '' }));
      const heading = layout.lines.find((l) => l.role === 'body' && l.chars.map((c) => c.ch).join('').startsWith('二、'))!;
      const row = Math.round((heading.y - GBT9704.top) / PITCH_Y);
      expect(row, `body of ${n} sentences`).toBeLessThan(GBT9704.linesPerPage - 1);
    }
  });
});
