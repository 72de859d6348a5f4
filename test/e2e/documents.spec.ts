import { expect, test, type Page } from '@playwright/test';
import { unzipSync, strFromU8 } from 'fflate';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { communityWithMembers, completeSetup, openScreen, pickOption } from './helpers';
import { inkExtent, pdfLines, pdfWords } from './pdfMeasure';

/**
 * Issue 13: official documents in the GB/T 9704-2012 layout. The PDFs Chromium prints are measured, not looked at:
 * text boxes from `pdftotext -bbox`, ink from the page drawn at 10 pixels per mm.
 */

const year = new Date().getFullYear();
const dir = mkdtempSync(join(tmpdir(), 'desk-documents-'));

// GB/T 9704-2012: A4; 版心 156 × 225 mm, 37 mm from the top, 28 mm from the left; 22 lines of 28 characters.
const LEFT = 28;
const TOP = 37;
const RIGHT = LEFT + 156;
const BOTTOM = TOP + 225;
const CELL = 156 / 28;
const LINE = 225 / 22;
const CELL_4HAO = (14 * 25.4) / 72;

async function newDocument(page: Page, docType: string): Promise<void> {
  await page.getByRole('button', { name: /新建公文/ }).hover();
  await page.getByRole('menuitem', { name: docType, exact: true }).click();
  await expect(page.locator('.ant-drawer').getByLabel('标题')).toBeVisible();
}

async function printToPdf(page: Page, name: string): Promise<string> {
  await expect(page.getByTestId('official-pages')).toBeVisible();
  const path = join(dir, name);
  await page.emulateMedia({ media: 'print' });
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  return path;
}

const drawer = (page: Page) => page.locator('.ant-drawer');

/** A new community at the clerk's screen size, on the 公文 screen. */
async function openDocumentsScreen(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await completeSetup(page);
  await openScreen(page, '公文');
}

test('a long 通知 prints on the GB/T 9704 grid: margins, 28 characters a line, 22 lines a page, header, date, page numbers and 版记 measured in the PDF', async ({ page }) => {
  test.setTimeout(120_000);
  await openDocumentsScreen(page);
  await newDocument(page, '通知');
  const d = drawer(page);
  await d.getByLabel('标题').fill('关于开展冬季安全隐患排查整治工作的通知');
  await d.getByLabel('主送机关').fill('各网格党支部、各驻区单位党组织');
  // A paragraph whose lines break without punctuation: 26 characters after the indent, then full lines of 28.
  const plain = '社区党委组织网格党员开展入户走访排查安全隐患'.repeat(6);
  const body = [plain, '一、排查范围。辖区内所有居民小区、沿街商铺、驻区单位和出租房屋。', '（一）消防安全。重点检查消防通道是否畅通。', ...Array.from({ length: 8 }, () => plain)].join('\n');
  await d.getByLabel('正文').fill(body);
  await d.getByRole('button', { name: '添加附件' }).click();
  await d.getByLabel('附件1名称').fill('冬季安全隐患排查登记表');
  await d.getByLabel('抄送机关').fill('南街街道党工委');
  await d.getByRole('button', { name: '定稿并编号' }).click();
  await expect(d.locator('.ant-drawer-title')).toContainText(`三坊七巷社党〔${year}〕1号`);
  await expect(d.locator('.ant-drawer-title')).toContainText('已定稿 第1版');
  await d.getByRole('button', { name: '打印预览' }).click();
  // This machine has no official fonts: the preview says which fonts stand in.
  await expect(page.getByTestId('font-fallback')).toContainText('仿宋用');
  const pdf = await printToPdf(page, 'notice.pdf');
  const { pages, words } = pdfWords(pdf);

  // A4, 1:1.
  expect(pages.length % 2).toBe(0); // the 版记 is on an even page
  for (const p of pages) {
    expect(p.width).toBeCloseTo(210, 0);
    expect(p.height).toBeCloseTo(297, 0);
  }

  // Page 1: the red issuer 35 mm into the 版心, the 文号 centred, the red line as wide as the 版心, the title centred.
  const first = pdfLines(words, 1);
  const issuer = first.find((l) => l.text === '中共三坊七巷社区委员会')!;
  const issuerInk = inkExtent(pdf, 1, { left: 20, top: TOP + 30, right: 190, bottom: TOP + 55 })!;
  expect(issuerInk.top).toBeGreaterThan(TOP + 35 - 0.5);
  expect(issuerInk.left).toBeGreaterThan(LEFT - 0.5);
  expect(issuerInk.right).toBeLessThan(RIGHT + 0.5);
  expect(issuer).toBeTruthy();
  const number = first.find((l) => l.text === `三坊七巷社党〔${year}〕1号`)!;
  expect((number.left + number.right) / 2).toBeCloseTo(LEFT + 78, 0);
  const numberCentre = (number.top + number.bottom) / 2;
  const numberInk = inkExtent(pdf, 1, { left: number.left, top: numberCentre - 4.5, right: number.right, bottom: numberCentre + 4.5 })!;
  const ruleBand = inkExtent(pdf, 1, { left: 10, top: numberInk.bottom + 1, right: 200, bottom: numberInk.bottom + 10 })!;
  expect(ruleBand.left).toBeCloseTo(LEFT, 0);
  expect(ruleBand.right).toBeCloseTo(RIGHT, 0);
  expect(ruleBand.bottom - ruleBand.top).toBeLessThan(1);
  // 4 mm under the 文号 (its glyphs' lower edge).
  expect(Math.abs((ruleBand.top + ruleBand.bottom) / 2 - numberInk.bottom - 4)).toBeLessThan(0.8);
  const title = first.find((l) => l.text === '关于开展冬季安全隐患排查整治工作的通知')!;
  expect(Math.abs((title.left + title.right) / 2 - (LEFT + 78))).toBeLessThan(1);
  const recipients = first.find((l) => l.text.startsWith('各网格党支部'))!;
  expect(recipients.left).toBeCloseTo(LEFT, 1);

  // Body pages: every line starts at the left margin or two characters in; a full line has 28 characters ending at
  // the right margin; page 2 holds 22 lines, one every 10.23 mm, within the 版心.
  const bodyLines = pages.flatMap((_, i) => pdfLines(words, i + 1).filter((l) => l.top > TOP - 5 && l.bottom < BOTTOM + 5 && !/^—/.test(l.text)));
  for (const l of bodyLines.filter((x) => x.text.startsWith('社区') || x.text.startsWith('入户') || x.text.startsWith('隐患'))) {
    expect([LEFT, LEFT + 2 * CELL].some((x) => Math.abs(l.left - x) < 0.3)).toBe(true);
  }
  const full = bodyLines.filter((l) => [...l.text].length === 28);
  expect(full.length).toBeGreaterThan(5);
  for (const l of full) {
    expect(l.left).toBeCloseTo(LEFT, 1);
    expect(Math.abs(l.right - RIGHT)).toBeLessThan(0.5);
  }
  const second = pdfLines(words, 2).filter((l) => !/^—/.test(l.text));
  expect(second).toHaveLength(22);
  for (let i = 1; i < second.length; i++) expect(Math.abs(second[i]!.top - second[i - 1]!.top - LINE)).toBeLessThan(0.3);
  const textInk = inkExtent(pdf, 2, { left: LEFT - 2, top: 20, right: RIGHT + 2, bottom: BOTTOM + 3 })!;
  expect(textInk.top).toBeGreaterThan(TOP);
  expect(textInk.top).toBeLessThan(TOP + LINE / 2);
  expect(textInk.bottom).toBeLessThan(BOTTOM);
  expect(textInk.bottom).toBeGreaterThan(BOTTOM - LINE / 2);
  expect(textInk.left).toBeGreaterThan(LEFT - 0.5);
  expect(textInk.right).toBeLessThan(RIGHT + 0.5);

  // Page numbers "— N —" in 4号: odd pages right and even pages left, one character in; the dashes 7 mm under the 版心.
  for (let p = 1; p <= pages.length; p++) {
    const numberLine = pdfLines(words, p).find((l) => l.text === `—${p}—`)!;
    expect(numberLine, `page ${p} has its number`).toBeTruthy();
    if (p % 2 === 1) expect(Math.abs(numberLine.right - (RIGHT - CELL_4HAO))).toBeLessThan(1);
    else expect(numberLine.left).toBeCloseTo(LEFT + CELL_4HAO, 1);
    const dash = numberLine.words[0]!;
    const dashInk = inkExtent(pdf, p, { left: dash.left, top: BOTTOM + 1, right: dash.right, bottom: BOTTOM + 14 })!;
    expect(Math.abs(dashInk.top - (BOTTOM + 7))).toBeLessThan(1);
  }

  // The date ends four characters from the right margin, the signature centred on it; 附件 two characters in.
  const all = pages.flatMap((_, i) => pdfLines(words, i + 1));
  const date = all.find((l) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(l.text))!;
  expect(Math.abs(date.right - (RIGHT - 4 * CELL))).toBeLessThan(1);
  const signature = all.find((l) => l.text === '中共三坊七巷社区委员会' && l.words[0]!.page === date.words[0]!.page && l.top < date.top)!;
  expect(Math.abs((signature.left + signature.right) / 2 - (date.left + date.right) / 2)).toBeLessThan(1);
  expect(all.find((l) => l.text.startsWith('附件：'))!.left).toBeCloseTo(LEFT + 2 * CELL, 1);

  // 版记 at the foot of the last (even) page: 抄送 and 印发, the last rule on the 版心's bottom edge.
  const last = pdfLines(words, pages.length);
  expect(last.some((l) => l.text === '抄送：南街街道党工委')).toBe(true);
  expect(last.some((l) => l.text.includes('印发'))).toBe(true);
  const footRule = inkExtent(pdf, pages.length, { left: 10, top: BOTTOM - 1, right: 200, bottom: BOTTOM + 1 })!;
  expect(footRule.left).toBeCloseTo(LEFT, 0);
  expect(footRule.right).toBeCloseTo(RIGHT, 0);

  // The figures for the closing note: measured against the standard's.
  const r = (n: number) => Number(n.toFixed(2));
  const oddNumber = pdfLines(words, 1).find((l) => l.text === '—1—')!;
  const evenNumber = pdfLines(words, 2).find((l) => l.text === '—2—')!;
  console.log(JSON.stringify({
    page: [r(pages[0]!.width), r(pages[0]!.height)], left: r(full[0]!.left), fullLineRight: r(full[0]!.right), charsPerLine: [...full[0]!.text].length, linesOnPage2: second.length,
    linePitch: r((second[21]!.top - second[0]!.top) / 21), inkTopPage2: r(textInk.top), inkBottomPage2: r(textInk.bottom), issuerInkTop: r(issuerInk.top),
    ruleBelowNumber: r((ruleBand.top + ruleBand.bottom) / 2 - numberInk.bottom), ruleSpan: [r(ruleBand.left), r(ruleBand.right)], dateRight: r(date.right),
    oddNumberRight: r(oddNumber.right), evenNumberLeft: r(evenNumber.left), footRule: [r(footRule.left), r(footRule.right), r((footRule.top + footRule.bottom) / 2)],
  }));
});

test('a meeting notice written from a meeting: the agenda and the 应到 list filled in, numbered on finalizing, printed and saved as .docx', async ({ page }) => {
  test.setTimeout(120_000);
  await communityWithMembers(page, dir);
  await openScreen(page, '会议记录');
  await page.getByRole('button', { name: /新建会议/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await pickOption(page, dialog.getByLabel('召开会议的党组织'), '第一网格党支部（网格党支部）');
  await dialog.getByLabel('地点').fill('党群服务中心会议室');
  await dialog.getByLabel('主持人').fill('艾一');
  await dialog.getByRole('button', { name: /新\s*建/ }).click();
  await expect(page.getByTestId('meeting-counts')).toContainText('应到 3 人');
  const meeting = drawer(page);
  await meeting.getByRole('tab', { name: '议程与记录' }).click();
  for (const item of ['学习党的二十届四中全会精神', '讨论发展党员工作']) {
    await meeting.getByLabel('新议程').fill(item);
    await meeting.getByRole('button', { name: '添加议程' }).click();
    await expect(meeting.getByText(item).first()).toBeVisible();
  }
  await meeting.getByRole('button', { name: '生成公文通知' }).click();

  // The documents screen opens the draft, filled from the meeting.
  const d = drawer(page);
  await expect(d.getByLabel('标题')).toHaveValue(/^关于召开.+的通知$/);
  await expect(d.getByLabel('主送机关')).toHaveValue('第一网格党支部全体党员');
  const body = await d.getByLabel('正文').inputValue();
  expect(body).toContain('在党群服务中心会议室召开');
  expect(body).toContain('1.学习党的二十届四中全会精神\n2.讨论发展党员工作');
  expect(body).toContain('艾一、白二、陈三，共3人。');
  expect(body).toContain('向艾一请假');
  await d.getByRole('button', { name: '定稿并编号' }).click();
  await expect(d.locator('.ant-drawer-title')).toContainText(`三坊七巷社党〔${year}〕1号`);

  await d.getByRole('button', { name: '打印预览' }).click();
  const pdf = await printToPdf(page, 'meeting-notice.pdf');
  const text = pdfWords(pdf).words.map((w) => w.text).join('');
  expect(text).toContain(`三坊七巷社党〔${year}〕1号`);
  expect(text).toContain('第一网格党支部全体党员：');
  expect(text).toContain('1.学习党的二十届四中全会精神');
  expect(text).toContain('艾一、白二、陈三，共3人。');
  expect(text).not.toMatch(/\{|\}/);

  // The same notice as .docx: A4, the standard's margins and grid, the official styles.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出Word/ }).click()]);
  const docxPath = join(dir, 'notice.docx');
  await download.saveAs(docxPath);
  const files = unzipSync(new Uint8Array(readFileSync(docxPath)));
  const documentXml = strFromU8(files['word/document.xml']!);
  expect(documentXml).toContain('w:w="11906"');
  expect(documentXml).toContain('w:top="2098"');
  expect(documentXml).toContain('w:linePitch="580"');
  expect(documentXml).toContain('学习党的二十届四中全会精神');
  expect(strFromU8(files['word/styles.xml']!)).toContain('仿宋_GB2312');
  await page.getByRole('dialog', { name: /公文打印预览/ }).getByRole('button', { name: '关闭' }).click();

  // A second notice takes the next 文号.
  await d.getByRole('button', { name: '关闭' }).first().click();
  await newDocument(page, '通知');
  await drawer(page).getByLabel('标题').fill('关于做好年终总结的通知');
  await drawer(page).getByLabel('主送机关').fill('各网格党支部');
  await drawer(page).getByLabel('正文').fill('请各支部于月底前报送年度工作总结。');
  await drawer(page).getByRole('button', { name: '定稿并编号' }).click();
  await expect(drawer(page).locator('.ant-drawer-title')).toContainText(`三坊七巷社党〔${year}〕2号`);
});

test('bad input is named in Chinese with the fix: no 主送, a 公示 over one page, a nameless attachment, a field without a value, a template field that does not exist', async ({ page }) => {
  test.setTimeout(120_000);
  await openDocumentsScreen(page);

  await newDocument(page, '通知');
  const d = drawer(page);
  await d.getByLabel('标题').fill('关于开会的通知');
  await d.getByLabel('正文').fill('定于{会议.时间}开会。');
  await d.getByRole('button', { name: '添加附件' }).click();
  await d.getByLabel('附件1内容').fill('登记表内容');
  await d.getByRole('button', { name: '定稿并编号' }).click();
  const problems = page.getByTestId('finalize-problems');
  await expect(problems).toContainText('通知须写明主送机关');
  await expect(problems).toContainText('附件名称不能为空');
  await expect(problems).toContainText('{会议.时间}');
  await expect(d.locator('.ant-drawer-title')).toContainText('草稿');
  // A field with no value is never printed as written.
  await d.getByRole('button', { name: '打印预览' }).click();
  await expect(page.getByTestId('print-refusal')).toContainText('{会议.时间}');
  await page.getByRole('dialog', { name: /公文打印预览/ }).getByRole('button', { name: '关闭' }).click();
  await d.getByRole('button', { name: '关闭' }).first().click();

  await newDocument(page, '公示');
  await drawer(page).getByLabel('标题').fill('志愿服务积分公示');
  await drawer(page).getByLabel('正文').fill(Array.from({ length: 30 }, (_, i) => `${i + 1}.志愿者${i + 1}，服务6小时，积分12分`).join('\n'));
  await drawer(page).getByRole('button', { name: '定稿并编号' }).click();
  await expect(page.getByTestId('finalize-problems')).toContainText('公示须在一页内');
  await expect(page.getByTestId('finalize-problems')).toContainText('把名单作为附件');
  await drawer(page).getByRole('button', { name: '关闭' }).first().click();

  // A template naming a field no record gives is refused, with the fields it may use.
  await page.getByRole('button', { name: '公文模板' }).click();
  const templates = page.getByRole('dialog', { name: '公文模板' });
  await templates.getByLabel('模板正文').fill('定于{会议.日期}召开会议。');
  await templates.getByRole('button', { name: '保存模板' }).click();
  await expect(page.locator('.ant-message')).toContainText('没有名为 {会议.日期} 的字段');
  await expect(page.locator('.ant-message')).toContainText('{会议.时间}');
});
