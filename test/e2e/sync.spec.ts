import { expect, test } from '@playwright/test';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSyncServerProcess } from '../support/syncServerProcess';
import { addChild, completeSetup, expectSaved, openScreen, treeNode } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'desk-e2e-sync-'));
const port = 4600 + Math.floor(Math.random() * 300);
const serverUrl = `ws://127.0.0.1:${port}`;
let server: ChildProcess;

function issue(role: string, scope: string, name: string): string {
  const out = execFileSync(process.execPath, ['out/main/sync-server.js', 'issue-token', '--data', dir, '--role', role, '--scope', scope, '--name', name, '--url', serverUrl]).toString();
  return /连接串：(\S+)/.exec(out)![1]!;
}

test.beforeAll(async () => {
  server = await startSyncServerProcess({ port, dataDir: dir, entry: 'built' });
});

test.afterAll(() => {
  server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('a community PC and the street office merge through the sync server, both ways', async ({ browser }) => {
  const clerkLink = issue('clerk', '350102001001', '王小红');
  const streetLink = issue('street', '350102001', '李组织委员');

  const community = await browser.newContext();
  const a = await community.newPage();
  await completeSetup(a);
  await openScreen(a, '组织架构');
  await addChild(a, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await expect(a.getByTestId('sync-status')).toHaveText('未连接街道');
  await a.getByRole('button', { name: '同步设置' }).click();
  await a.getByLabel('连接串').fill(clerkLink);
  await expect(a.getByText('社区操作员')).toBeVisible();
  await a.getByRole('button', { name: '保存并连接' }).click();
  await expect(a.getByTestId('sync-status')).toContainText('已同步');

  const street = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const b = await street.newPage();
  await b.goto('/');
  // The street's sign-in is below the fold of a 1366 × 768 screen; the first screen points to it.
  await expect(b.getByTestId('street-sign-in-pointer')).toBeInViewport();
  await b.getByTestId('street-sign-in-pointer').getByText('用街道连接串登录街道总览').click();
  await expect(b.getByLabel('街道连接串')).toBeFocused();
  await expect(b.getByLabel('街道连接串')).toBeInViewport();
  await b.getByLabel('街道连接串').fill(streetLink);
  await b.getByLabel('街道工作人员姓名').fill('李组织委员');
  await b.getByRole('button', { name: '登录街道总览' }).click();
  const list = b.getByTestId('street-communities');
  await expect(list).toContainText('三坊七巷社区（350102001001）');
  await expect(list).toContainText('在线 1 台');
  await expect(b.getByTestId('street-feed')).toContainText('第一网格党支部');
  await list.getByRole('button', { name: /打\s*开/ }).click();
  await expect(b.getByTestId('community-title')).toContainText('南街街道 · 三坊七巷社区（350102001001）');
  await expect(b.getByTestId('sync-status')).toContainText('已同步');
  await openScreen(b, '组织架构');
  await expect(treeNode(b, '第一网格党支部')).toBeVisible();

  // The street corrects the community's tree; the community PC gets it.
  await addChild(b, '三坊七巷社区党委', '网格党支部', '第二网格党支部');
  await expect(treeNode(a, '第二网格党支部')).toBeVisible({ timeout: 10_000 });
  // And the other way.
  await addChild(a, '第一网格党支部', '小区党支部', '光禄坊小区党支部');
  await expect(treeNode(b, '光禄坊小区党支部')).toBeVisible({ timeout: 10_000 });
  await expectSaved(a);
  await expect(a.getByTestId('sync-status')).toContainText('已同步');

  // The street's change feed names who changed what.
  await b.getByRole('button', { name: '返回街道总览' }).click();
  const feed = b.getByTestId('street-feed');
  await expect(feed).toContainText('第二网格党支部');
  await expect(feed).toContainText('李组织委员');
  await expect(feed).toContainText('王小红');
  // Part of a name finds the person.
  await b.getByLabel('按操作人').fill('李');
  await b.getByLabel('按操作人').press('Enter');
  await expect(feed).not.toContainText('王小红');
  await expect(feed).toContainText('李组织委员');
  await b.getByLabel('按操作人').fill('');
  await expect(feed).toContainText('王小红');
  // Every record type the feed shows can be chosen (typed to find it), e.g. 积分流水 and 吹哨报到.
  await b.getByLabel('按类型').click();
  for (const type of ['吹哨报到', '积分流水', '志愿服务活动', '党组织']) await expect(b.locator('.ant-select-dropdown').getByText(type, { exact: true })).toBeAttached();
  await b.getByLabel('按类型').fill('党组');
  await b.locator('.ant-select-dropdown').getByText('党组织', { exact: true }).click();
  await expect(feed).toContainText('第二网格党支部');
  await b.getByLabel('按类型').click();
  await b.getByLabel('按类型').fill('积分');
  await b.locator('.ant-select-dropdown').getByText('积分流水', { exact: true }).click();
  await expect(feed).toContainText('这段时间没有变更');

  // A community PC offline keeps working; its edits go up when it is back.
  await community.setOffline(true);
  await expect(a.getByTestId('sync-status')).toContainText('离线');
  await addChild(a, '三坊七巷社区党委', '功能型党小组', '离线时新增党小组');
  await expect(a.getByTestId('sync-status')).toContainText('待上传');
  await community.setOffline(false);
  await expect(a.getByTestId('sync-status')).toContainText('已同步', { timeout: 20_000 });
  await b.getByLabel('按类型').click();
  await b.locator('.ant-select-dropdown').getByText('党组织', { exact: true }).click();
  await expect(b.getByTestId('street-feed')).toContainText('离线时新增党小组', { timeout: 20_000 });
  // Closed, or the pages would keep reconnecting to a stopped server for the rest of the run, taking its time.
  await community.close();
  await street.close();
});

test('a connection string for another community is refused before saving, in Chinese', async ({ browser }) => {
  const other = issue('clerk', '350102001002', '别的社区');
  const context = await browser.newContext();
  const page = await context.newPage();
  await completeSetup(page);
  await page.getByRole('button', { name: '同步设置' }).click();
  await page.getByLabel('连接串').fill(other);
  await expect(page.getByText('这个连接串是给 350102001002 的，不能同步本社区（350102001001）')).toBeVisible();
  await expect(page.getByRole('button', { name: '保存并连接' })).toBeDisabled();
  await page.getByLabel('连接串').fill('http://nonsense');
  await expect(page.getByText('连接串格式不对')).toBeVisible();
  await context.close();
});
