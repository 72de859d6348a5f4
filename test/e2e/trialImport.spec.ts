import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idNumberCheckChar } from '../../src-shared/records/person/idNumber';
import { addChild, completeSetup, openScreen, pickOption } from './helpers';

/** Issue 8, item 8: a roster as offices keep it imports in the clerks' own words (failed before the fix). */

const dir = mkdtempSync(join(tmpdir(), 'desk-trial-import-'));
const idOf = (n: number) => {
  const first17 = `35010219430${(n % 9) + 1}01${String(100 + n * 2 + 1).slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
};
const EDUCATIONS = ['大专', '本科', '高中', '中专', '初中', '小学', '研究生', '中技校'];
const ROWS = 24;

async function officeRoster(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员花名册');
  ws.addRow(['三坊七巷社区党员花名册（2026年）']);
  ws.addRow(['序号', '姓名', '性别', '民族', '出生日期', '身份证号', '文化程度', '党员类别', '所在支部', '党员状态']);
  for (let i = 0; i < ROWS; i++) {
    const birth = new Date(Date.UTC(1943, i % 9, 1));
    ws.addRow([i + 1, `党员${i}`, '男', i % 2 === 0 ? '汉' : '汉族', birth, idOf(i), EDUCATIONS[i % EDUCATIONS.length], i % 5 === 0 ? '预备' : '正式', i % 3 === 0 ? '第一网格' : '第一网格党支部', i % 4 === 0 ? '流动' : '正常']);
  }
  ws.addRow([]);
  ws.addRow(['制表人：王小红', '', '', '审核人：林书记']);
  ws.addRow(['填表日期：2026年11月1日']);
  ws.getColumn(6).numFmt = '@';
  await wb.xlsx.writeFile(path);
}

test('a roster written as offices write it: 学历, 民族, 类别, 状态 and short org names map by themselves; the rest in one step; footers skipped', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await completeSetup(page);
  await openScreen(page, '组织架构');
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await openScreen(page, '人员名册');
  const file = join(dir, '党员花名册.xlsx');
  await officeRoster(file);

  await page.getByRole('button', { name: /导入Excel\/CSV/ }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  // Title, blank and footer rows are not counted; a date cell reads as a date.
  await expect(page.getByText(`文件「党员花名册.xlsx」共 ${ROWS} 行数据`)).toBeVisible();
  const columns = page.getByRole('dialog');
  await expect(columns).toContainText('1943-01-01');
  await expect(columns).not.toContainText('GMT');
  await page.getByRole('button', { name: '下一步：预览' }).click();

  await expect(page.getByTestId('import-skipped')).toContainText(/制表人.王小红/);
  await expect(page.getByTestId('import-skipped')).toContainText('填表日期');
  const translations = page.getByTestId('import-translations');
  for (const text of ['学历「大专」→「大学专科」', '学历「本科」→「大学本科」', '学历「小学」→「初中及以下」', '学历「高中」→「高中/中技」', '民族「汉」→「汉族」', '人员类别「预备」→「预备党员」', '党员状态「流动」→「流动党员」', '所在党组织「第一网格」→「第一网格党支部」']) {
    await expect(translations).toContainText(text);
  }
  // One value is not a known way of writing any list value: one step for all its rows.
  const counts = page.getByTestId('import-counts');
  await expect(counts).toContainText('有问题 3 条');
  const unknown = page.getByTestId('import-unknown');
  await expect(unknown).toHaveCount(1);
  await expect(unknown).toContainText('学历「中技校」不在列表中');
  await pickOption(page, unknown.getByLabel('把「中技校」当作'), '高中/中技');
  await unknown.getByRole('button', { name: /确\s*定/ }).click();
  await expect(counts).toContainText('有问题 0 条');
  await expect(counts).toContainText(`新增 ${ROWS} 条`);
  await page.getByRole('button', { name: '全部导入' }).click();
  await expect(page.getByTestId('roster-count')).toContainText(`共 ${ROWS} 人`);

  // The decision is remembered as a synonym in 设置.
  await openScreen(page, '设置');
  await expect(page.getByTestId('synonyms')).toContainText('中技校');
  await expect(page.getByTestId('synonyms')).toContainText('高中/中技');
  await page.context().close();
});
