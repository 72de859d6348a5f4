import { expect, test, type Page } from '@playwright/test';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killProcess, startSyncServerProcess } from '../support/syncServerProcess';
import { addChild, completeSetup, openScreen, treeNode } from './helpers';

/** Issue 8, items 4 and 5: sync as a new clerk and a street officer meet it (each check failed before its fix). */

const dir = mkdtempSync(join(tmpdir(), 'desk-trial-sync-'));
const port = 4900 + Math.floor(Math.random() * 300);
const serverUrl = `ws://127.0.0.1:${port}`;
let server: ChildProcess;

function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['out/main/sync-server.js', ...args, '--data', dir]).toString();
}
function issue(role: string, scope: string, name: string): { link: string; id: string } {
  const out = cli('issue-token', '--role', role, '--scope', scope, '--name', name, '--url', serverUrl);
  return { link: /连接串：(\S+)/.exec(out)![1]!, id: /凭证编号：(\S+)/.exec(out)![1]! };
}

test.beforeAll(async () => {
  server = await startSyncServerProcess({ port, dataDir: dir, entry: 'built' });
});
test.afterAll(async () => {
  await killProcess(server);
  rmSync(dir, { recursive: true, force: true });
});

async function rename(page: Page, from: string, to: string): Promise<void> {
  await treeNode(page, from).click();
  await page.getByLabel('组织名称', { exact: true }).fill(to);
  await page.getByRole('button', { name: '保存名称' }).click();
  await expect(treeNode(page, to)).toBeVisible();
}

test('two sides edit one field while apart: both PCs list it with the value in effect and each side\'s value; messages stay Chinese and in sight', async ({ browser }) => {
  test.setTimeout(120_000);
  const clerk = issue('clerk', '350102001001', '王小红');
  const street = issue('street', '350102001', '李组织委员');

  const communityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const a = await communityContext.newPage();
  await completeSetup(a);
  await openScreen(a, '组织架构');
  await addChild(a, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  // One name, reachable from 设置 as well as from the header.
  await openScreen(a, '设置');
  await a.getByRole('button', { name: '打开同步设置' }).click();
  const dialog = a.getByRole('dialog', { name: '同步设置' });
  await dialog.getByLabel('连接串').fill(clerk.link);
  await dialog.getByRole('button', { name: '保存并连接' }).click();
  await expect(a.getByTestId('sync-status')).toContainText('已同步');
  await expect(a.getByTestId('settings-sync-summary')).toContainText('已同步');
  await a.getByRole('button', { name: '同步设置' }).first().click();
  await expect(a.getByRole('dialog', { name: '同步设置' })).toBeVisible();
  await a.getByRole('dialog', { name: '同步设置' }).getByRole('button', { name: '关闭' }).click();

  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const b = await streetContext.newPage();
  await b.goto('/');
  await b.getByLabel('街道连接串').fill(street.link);
  await b.getByLabel('街道工作人员姓名').fill('李组织委员');
  await b.getByRole('button', { name: '登录街道总览' }).click();
  await expect(b.getByTestId('street-communities')).toContainText('在线 1 台');
  await b.getByTestId('street-communities').getByRole('button', { name: /打\s*开/ }).click();
  await expect(b.getByTestId('sync-status')).toContainText('已同步');
  await openScreen(b, '组织架构');
  await expect(treeNode(b, '第一网格党支部')).toBeVisible();

  // Both apart: each renames the same node.
  await communityContext.setOffline(true);
  await streetContext.setOffline(true);
  await expect(a.getByTestId('sync-status')).toContainText('离线');
  await expect(b.getByTestId('sync-status')).toContainText('离线');
  await openScreen(a, '组织架构');
  await rename(b, '第一网格党支部', '第一网格（衣锦坊）党支部');
  await rename(a, '第一网格党支部', '第一网格（南后街）党支部');
  await communityContext.setOffline(false);
  await streetContext.setOffline(false);
  await expect(a.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });
  await expect(b.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });

  const names = ['第一网格（衣锦坊）党支部', '第一网格（南后街）党支部'];
  let inEffect = '';
  for (const page of [a, b]) {
    await expect(page.getByTestId('conflicts')).toContainText('1 条记录两边都改过', { timeout: 15_000 });
    const shown = (await page.getByRole('tree', { name: '组织架构树' }).innerText());
    inEffect = names.find((n) => shown.includes(n))!;
    await page.getByTestId('conflicts').click();
    const list = page.getByTestId('conflict-list');
    await expect(list).toContainText(`组织名称：现行值「${inEffect}」`);
    await expect(list).toContainText(`王小红`);
    await expect(list).toContainText(`李组织委员`);
    await expect(list).toContainText(`改为「${names.find((n) => n !== inEffect)}」（未生效）`);
    await expect(list).toContainText(`改为「${inEffect}」（现行值）`);
    await page.getByRole('dialog', { name: '两边都修改过的记录' }).getByRole('button', { name: '关闭' }).click();
    await treeNode(page, inEffect).click();
    const history = page.getByTestId('node-history');
    await expect(history).toContainText(`→「${inEffect}」（现行值）`);
    await expect(history).toContainText('（未生效');
    await expect(history).not.toContainText('「」');
  }

  // The street page counts as online only what it can reach.
  await b.getByRole('button', { name: '返回街道总览' }).click();
  await expect(b.getByTestId('street-communities')).toContainText('在线 1 台');
  await killProcess(server);
  // The overview's own 刷新 (the street's 工作台 below has one too).
  await b.getByRole('button', { name: /^刷\s*新$/ }).first().click();
  await expect(b.getByTestId('street-error')).toContainText('连不上街道服务器');
  await expect(b.getByTestId('street-communities')).not.toContainText('在线');
  expect(await b.locator('body').innerText()).not.toMatch(/failed to fetch|network ?error|typeerror/i);

  // A refused connection says why in the page, with the fix.
  cli('revoke-token', '--id', clerk.id);
  server = await startSyncServerProcess({ port, dataDir: dir, entry: 'built' });
  await a.reload();
  const refused = a.getByTestId('sync-refused');
  await expect(refused).toContainText('同步凭证已被街道停用', { timeout: 20_000 });
  await refused.getByRole('button', { name: '打开同步设置' }).click();
  await expect(a.getByRole('dialog', { name: '同步设置' })).toBeVisible();
  expect(await a.locator('body').innerText()).not.toMatch(/[A-Za-z]{4,} (error|failed)/i);
  await communityContext.close();
  await streetContext.close();
});
