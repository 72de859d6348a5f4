import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { idNumberCheckChar } from '../../src-shared/records/person/idNumber';
import ExcelJS from 'exceljs';
import { expect, type Locator, type Page } from '@playwright/test';

export const COMMUNITY = { name: '三坊七巷社区', code: '350102001001', street: '南街街道', clerk: '王小红' };

/** With E2E_SHOTS=<folder>, what the clerk sees at this step, saved to be looked at (never compared). */
export async function snap(page: Page, name: string, show?: Locator): Promise<void> {
  if (!process.env.E2E_SHOTS) return;
  // What the shot is of, scrolled into sight first; a dialog's opening animation is finished by then.
  if (show) await show.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(process.env.E2E_SHOTS, `${name}.png`), animations: 'disabled' });
}

/** First-run setup as a clerk does it. */
export async function completeSetup(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.getByText('欢迎使用社区工作台：首次设置')).toBeVisible();
  await page.getByLabel('社区名称').fill(COMMUNITY.name);
  await page.getByLabel('统计用区划代码（12位）').fill(COMMUNITY.code);
  await page.getByLabel('所属街道').fill(COMMUNITY.street);
  await page.getByLabel('操作人姓名').fill(COMMUNITY.clerk);
  await page.getByRole('button', { name: '完成设置，开始使用' }).click();
  await expect(page.getByTestId('community-title')).toContainText(COMMUNITY.name);
}

export function treeNode(page: Page, name: string) {
  return page.getByRole('tree', { name: '组织架构树' }).getByText(name, { exact: true });
}

/** Selects a node in the tree, opens 添加下级组织, picks the kind and name. */
export async function addChild(page: Page, parent: string, kindLabel: string, name: string): Promise<void> {
  await treeNode(page, parent).click();
  await page.getByRole('button', { name: '添加下级组织' }).click();
  const dialog = page.getByRole('dialog', { name: `在「${parent}」下添加组织` });
  await dialog.getByLabel('组织类型').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(kindLabel, { exact: true }).click();
  await dialog.getByLabel('新组织名称').fill(name);
  await dialog.getByRole('button', { name: '添 加' }).or(dialog.getByRole('button', { name: '添加' })).click();
  await expect(treeNode(page, name)).toBeVisible();
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toContainText('本机已保存');
}

/** Opens a screen from the left navigation. */
export async function openScreen(page: Page, name: string): Promise<void> {
  // After a reload the read-only preview's menu is shown first (its items wait for the document): wait it out.
  await expect(page.getByTestId('preview-layout')).toHaveCount(0, { timeout: 30_000 });
  await page.getByRole('menuitem', { name }).click();
}

/**
 * Picks an option of a select or tree-select field and waits until the field shows it: under load the dropdown may
 * still be opening when the first click lands, so the pick is retried until the choice is in the field.
 */
export async function pickOption(page: Page, field: Locator, title: string, shown = title.replace(/（[^）]*）$/, '')): Promise<void> {
  const container = field.locator('xpath=ancestor::div[contains(@class,"ant-select")][1]');
  await expect(async () => {
    if ((await container.innerText()).includes(shown)) return;
    await field.click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click();
    await expect(container).toContainText(shown, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}

/** Clicks what downloads an .xlsx, saves it at `path`, and reads its first sheet's rows as text. */
export async function readDownloadedXlsx(page: Page, click: () => Promise<unknown>, path: string): Promise<{ path: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  await download.saveAs(path);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return { path, rows };
}

/** Prints what the open print preview shows to a PDF at `path`, closes the preview, and returns the PDF's text. */
export async function printedText(page: Page, path: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  writeFileSync(path, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('dialog', { name: /打印预览/ }).getByRole('button', { name: '关闭' }).click();
  return execFileSync('pdftotext', ['-layout', path, '-']).toString();
}

/** Imports members (name, 人员类别) of 第一网格党支部 from a workbook written in `dir`, as a clerk does. */
export async function importMembers(page: Page, dir: string, members: readonly [string, string][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['姓名', '公民身份号码', '所在党组织', '人员类别']);
  members.forEach(([name, category], i) => {
    const first17 = `35010219800${i + 1}01${String(i * 2 + 11).padStart(3, '0')}`;
    ws.addRow([name, first17 + idNumberCheckChar(first17), '第一网格党支部', category]);
  });
  ws.getColumn(2).numFmt = '@';
  const file = join(dir, 'members.xlsx');
  await wb.xlsx.writeFile(file);
  await page.getByRole('button', { name: /导入Excel\/CSV/ }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '下一步：预览' }).click();
  await page.getByRole('button', { name: '全部导入' }).click();
  await expect(page.getByTestId('roster-count')).toContainText(`共 ${members.length} 人`);
}

/** A new community at the clerk's screen size with 第一网格党支部 and its members (艾一, 白二, 陈三 unless given). */
export async function communityWithMembers(page: Page, dir: string, members: readonly [string, string][] = [['艾一', '正式党员'], ['白二', '正式党员'], ['陈三', '预备党员']]): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await completeSetup(page);
  await openScreen(page, '组织架构');
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await openScreen(page, '人员名册');
  await importMembers(page, dir, members);
}
