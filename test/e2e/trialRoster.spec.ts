import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idNumberCheckChar } from '../../src-shared/records/person/idNumber';
import { completeSetup, expectSaved, openScreen } from './helpers';

/** Faults a first-time trial found in the roster (issue 8, items 1, 2, 9, 10): each test failed before its fix. */

const dir = mkdtempSync(join(tmpdir(), 'desk-trial-roster-'));
const VALID_ID = '11010519491231002X'; // 女, born 1949-12-31
const idOf = (n: number, year = 1960, sex: 'm' | 'f' = 'm') => {
  const seq = String(n * 2 + (sex === 'm' ? 1 : 0)).padStart(3, '0');
  const first17 = `350102${year}0101${seq}`;
  return first17 + idNumberCheckChar(first17);
};

async function freshPage(browser: import('@playwright/test').Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  await completeSetup(page);
  await openScreen(page, '人员名册');
  return page;
}

async function addMember(page: Page, name: string, idNumber: string): Promise<void> {
  await page.getByRole('button', { name: /新增党员/ }).click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByLabel('姓名').fill(name);
  await drawer.getByLabel('公民身份号码').fill(idNumber);
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer).toBeHidden();
}

test('the person form: ID errors clear once corrected, sex and birth date show while typing, Enter never saves, Ctrl+S saves, the drawer deletes', async ({ browser }) => {
  const page = await freshPage(browser);
  await page.getByRole('button', { name: /新增党员/ }).click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByLabel('姓名').fill('李秀英');
  const idBox = drawer.getByLabel('公民身份号码');
  await idBox.fill('110105194912310021'); // wrong check character
  await idBox.blur();
  await expect(drawer.getByText('校验码错误')).toBeVisible();
  await idBox.fill(VALID_ID);
  await expect(drawer.getByText('校验码错误')).toBeHidden();
  // Derived while typing, before any save.
  await expect(drawer.getByLabel('性别').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')).toContainText('女');
  await expect(drawer.getByLabel('出生日期')).toHaveValue('1949-12-31');

  // Enter in a text field and in a date picker does not save the form.
  await drawer.getByLabel('姓名').press('Enter');
  await drawer.getByLabel('入党日期').fill('1975-07-01');
  await drawer.getByLabel('入党日期').press('Enter');
  await page.waitForTimeout(300);
  await expect(drawer).toBeVisible();
  await expect(page.getByTestId('roster-count')).toContainText('共 0 人');
  await expect(drawer.getByLabel('入党日期')).toHaveValue('1975-07-01');

  // Ctrl+S saves.
  await drawer.getByLabel('姓名').press('Control+s');
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('roster-count')).toContainText('共 1 人');
  await expectSaved(page);

  // The drawer deletes, softly, with history.
  await page.getByTestId('roster-table').getByText('李秀英', { exact: true }).click();
  await drawer.getByRole('button', { name: /删\s*除/ }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /删\s*除/ }).click();
  await expect(page.getByTestId('roster-count')).toContainText('共 0 人');
  await page.getByLabel('显示已删除').click();
  await expect(page.getByTestId('roster-count')).toContainText('共 1 人');
  await page.getByTestId('roster-table').getByText('李秀英', { exact: true }).click();
  await drawer.getByRole('tab', { name: '修改记录' }).click();
  await expect(drawer.getByTestId('person-history')).toContainText('王小红 删除');
  await page.context().close();
});

test('the blank import template of every roster tab imports clean, example row included', async ({ browser }) => {
  const page = await freshPage(browser);
  for (const tab of ['党员', '在职党员', '志愿者', '社区工作者']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await page.getByRole('button', { name: /导入Excel\/CSV/ }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载空白模板' }).click()]);
    const path = join(dir, `template-${tab}.xlsx`);
    await download.saveAs(path);
    await page.locator('input[type=file]').setInputFiles(path);
    await page.getByRole('button', { name: '下一步：预览' }).click();
    const counts = page.getByTestId('import-counts');
    await expect(counts).toContainText('有问题 0 条');
    await expect(counts).toContainText(/新增 1 条|修改 1 条|无变化 1 条/);
    await page.getByRole('button', { name: '全部导入' }).click();
    await expect(page.getByRole('dialog', { name: /导入/ })).toBeHidden();
  }
  // One example person, holding every role the templates gave.
  await page.getByRole('tab', { name: '全部人员' }).click();
  await expect(page.getByTestId('roster-count')).toContainText('共 1 人');
  await page.context().close();
});

test('a roster with 15-digit legacy ID numbers imported twice: the second time every row is 无变化, none a duplicate of itself; the problem report shows dates as dates', async ({ browser }) => {
  const page = await freshPage(browser);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['姓名', '公民身份号码', '入党日期']);
  // 林美玲 born 1950-01-01 and 陈建国 born 1948-05-06, on the old 15-digit numbers; one 18-digit person; one bad row.
  ws.addRow(['林美玲', '350102500101124', new Date(Date.UTC(1975, 6, 1))]);
  ws.addRow(['陈建国', '350102480506131', new Date(Date.UTC(1970, 9, 1))]);
  ws.addRow(['王小红', idOf(7), new Date(Date.UTC(2001, 6, 1))]);
  ws.addRow(['错号', '110105194912310021', new Date(Date.UTC(2010, 6, 1))]);
  ws.getColumn(2).numFmt = '@';
  ws.getColumn(3).numFmt = 'yyyy-mm-dd';
  const file = join(dir, 'legacy.xlsx');
  await wb.xlsx.writeFile(file);
  const importOnce = async () => {
    await page.getByRole('button', { name: /导入Excel\/CSV/ }).click();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '下一步：预览' }).click();
  };
  await importOnce();
  const counts = page.getByTestId('import-counts');
  await expect(counts).toContainText('新增 3 条');
  await expect(counts).toContainText('有问题 1 条');
  // The problem report keeps the date cell a date.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载问题报告（Excel）' }).click()]);
  const reportPath = join(dir, 'legacy-report.xlsx');
  await download.saveAs(reportPath);
  const report = new ExcelJS.Workbook();
  await report.xlsx.readFile(reportPath);
  const sheet = report.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  expect(String(sheet.getRow(2).getCell(header.indexOf('入党日期')).value)).toBe('2010-07-01');
  await page.getByRole('button', { name: '只导入无误的行' }).click();
  await page.getByRole('button', { name: '确定只导入无误的行' }).click();
  await expect(page.getByTestId('roster-count')).toContainText('共 3 人');
  // The same file again: nothing new, nothing changed, the legacy numbers matched to the people they stand for.
  await importOnce();
  await expect(counts).toContainText('新增 0 条');
  await expect(counts).toContainText('无变化 3 条');
  await expect(counts).toContainText('有问题 1 条');
  await expect(page.getByRole('dialog')).not.toContainText('已登记在');
  await page.context().close();
});

test('search: initials and pinyin of the given name alone find a person, ranked after matches from the start', async ({ browser }) => {
  const page = await freshPage(browser);
  await addMember(page, '赵丽华', idOf(1, 1960, 'f'));
  await addMember(page, '李慧', idOf(2, 1961, 'f'));
  await addMember(page, '王建国', idOf(3));
  const search = page.getByLabel('搜索人员');
  const names = () => page.getByTestId('roster-table').locator('.ant-table-tbody .ant-table-row a').allInnerTexts();
  await search.fill('lh');
  await expect(page.getByTestId('roster-count')).toContainText('共 2 人');
  expect(await names()).toEqual(['李慧', '赵丽华']);
  await search.fill('lihua');
  await expect(page.getByTestId('roster-count')).toContainText('共 1 人');
  expect(await names()).toEqual(['赵丽华']);
  await search.fill('jg');
  expect(await names()).toEqual(['王建国']);
  await page.context().close();
});

test('the small things: no English labels, no favicon 404, headers not cut, checkbox column narrow, last row visible', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) missing.push(r.url());
  });
  await completeSetup(page);
  await openScreen(page, '人员名册');
  // Enough people for the table to scroll.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['姓名', '公民身份号码', '所在党组织']);
  for (let i = 0; i < 40; i++) ws.addRow([`党员${String(i).padStart(2, '0')}`, idOf(100 + i), '']);
  ws.getColumn(2).numFmt = '@';
  const file = join(dir, 'forty.xlsx');
  await wb.xlsx.writeFile(file);
  await page.getByRole('button', { name: /导入Excel\/CSV/ }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '下一步：预览' }).click();
  await page.getByRole('button', { name: '全部导入' }).click();
  await expect(page.getByTestId('roster-count')).toContainText('共 40 人');

  expect(missing.filter((u) => u.includes('favicon'))).toEqual([]);
  const english = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder]'))) {
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(attr);
        if (v && /\b(select|row|all|selected|search|close|items?|page|expand|collapse)\b/i.test(v)) found.push(`${attr}="${v}"`);
      }
    }
    return found;
  });
  expect(english).toEqual([]);

  const header = page.getByTestId('roster-table').locator('th', { hasText: '性别' });
  const cut = await header.evaluate((th) => {
    const text = th.querySelector('.ant-table-column-title') ?? th;
    return text.scrollWidth > text.clientWidth;
  });
  expect(cut).toBe(false);
  const selectionWidth = await page.getByTestId('roster-table').locator('th.ant-table-selection-column').evaluate((th) => th.getBoundingClientRect().width);
  expect(selectionWidth).toBeLessThanOrEqual(56);

  // Scroll the list to its end: the last person is fully visible, above any scrollbar and inside the window.
  const body = page.getByTestId('roster-table').locator('.ant-table-tbody-virtual-holder');
  await body.hover();
  await page.mouse.wheel(0, 5000);
  const lastRow = page.getByTestId('roster-table').locator('.ant-table-row', { hasText: '党员39' });
  await expect(lastRow).toBeVisible();
  const geometry = await page.evaluate(() => {
    const row = Array.from(document.querySelectorAll('[data-testid="roster-table"] .ant-table-row')).find((r) => r.textContent?.includes('党员39'))!;
    const holder = document.querySelector('[data-testid="roster-table"] .ant-table-tbody-virtual-holder')!;
    const bar = document.querySelector('[data-testid="roster-table"] .ant-table-tbody-virtual-scrollbar-horizontal');
    const limit = Math.min(holder.getBoundingClientRect().bottom, bar && bar.getBoundingClientRect().height > 0 ? bar.getBoundingClientRect().top : Infinity, window.innerHeight);
    return { rowBottom: row.getBoundingClientRect().bottom, limit };
  });
  expect(geometry.rowBottom).toBeLessThanOrEqual(geometry.limit + 0.5);
  await context.close();
});
