import { expect, test } from '@playwright/test';
import { COMMUNITY, addChild, completeSetup, expectSaved, openScreen, treeNode } from './helpers';

test('setup refuses a bad division code with a Chinese message naming the field', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('社区名称').fill(COMMUNITY.name);
  await page.getByLabel('统计用区划代码（12位）').fill('35010200100');
  await page.getByLabel('所属街道').fill(COMMUNITY.street);
  await page.getByLabel('操作人姓名').fill(COMMUNITY.clerk);
  await page.getByRole('button', { name: '完成设置，开始使用' }).click();
  await expect(page.getByText('统计用区划代码：应为12位数字，现在是11位')).toBeVisible();
  await page.reload();
  await expect(page.getByText('欢迎使用社区工作台：首次设置')).toBeVisible();
});

test('a clerk sets up the community, builds a five-level tree, and finds it intact after a reload', async ({ page }) => {
  await completeSetup(page);
  await openScreen(page, '组织架构');
  await expect(page.getByTestId('sync-status')).toHaveText('未连接街道');
  await expect(treeNode(page, '南街街道党工委')).toBeVisible();
  await expect(treeNode(page, '三坊七巷社区党委')).toBeVisible();

  await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await addChild(page, '第一网格党支部', '小区党支部', '光禄坊小区党支部');
  await addChild(page, '光禄坊小区党支部', '楼栋党小组', '3号楼党小组');
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第二网格党支部');
  await expectSaved(page);

  // Rename, with the change in the node's history.
  await treeNode(page, '3号楼党小组').click();
  await page.getByLabel('组织名称', { exact: true }).fill('3号楼（光禄坊）党小组');
  await page.getByRole('button', { name: '保存名称' }).click();
  await expect(treeNode(page, '3号楼（光禄坊）党小组')).toBeVisible();
  await expect(page.getByTestId('node-history')).toContainText('王小红 修改：组织名称：「3号楼党小组」→「3号楼（光禄坊）党小组」');

  // Move the compound (with its building group) to the second grid.
  await treeNode(page, '光禄坊小区党支部').click();
  await page.getByRole('button', { name: '移动到…' }).click();
  const move = page.getByRole('dialog', { name: '把「光禄坊小区党支部」移动到…' });
  await move.getByLabel('新的上级组织').click();
  await page.getByTitle('第二网格党支部（网格党支部）', { exact: true }).click();
  await move.getByRole('button', { name: '移 动' }).or(move.getByRole('button', { name: '移动' })).click();
  await expect(page.getByText('南街街道党工委 / 三坊七巷社区党委 / 第二网格党支部 / 光禄坊小区党支部')).toBeVisible();
  await expectSaved(page);

  await page.reload();
  await expect(page.getByTestId('community-title')).toContainText('南街街道 · 三坊七巷社区（350102001001）');
  // A community opens on its 工作台; the tree is one click away.
  await openScreen(page, '组织架构');
  for (const name of ['南街街道党工委', '三坊七巷社区党委', '第一网格党支部', '第二网格党支部', '光禄坊小区党支部', '3号楼（光禄坊）党小组']) {
    await expect(treeNode(page, name)).toBeVisible();
  }
  await treeNode(page, '3号楼（光禄坊）党小组').click();
  await expect(page.getByText('南街街道党工委 / 三坊七巷社区党委 / 第二网格党支部 / 光禄坊小区党支部 / 3号楼（光禄坊）党小组')).toBeVisible();
});

test('deleting asks for confirmation, and the recycle bin restores the whole branch', async ({ page }) => {
  await completeSetup(page);
  await openScreen(page, '组织架构');
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await addChild(page, '第一网格党支部', '小区党支部', '光禄坊小区党支部');
  await treeNode(page, '第一网格党支部').click();
  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('将同时删除它的 1 个下级组织。删除后可在「回收站」中恢复。')).toBeVisible();
  await page.getByRole('button', { name: '取 消' }).or(page.getByRole('button', { name: '取消' })).click();
  await expect(treeNode(page, '第一网格党支部')).toBeVisible();

  await page.getByRole('button', { name: '删除' }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /删\s*除/ }).click();
  await expect(treeNode(page, '第一网格党支部')).toHaveCount(0);
  await expect(treeNode(page, '光禄坊小区党支部')).toHaveCount(0);
  await expectSaved(page);
  await page.reload();
  await openScreen(page, '组织架构');
  await expect(treeNode(page, '三坊七巷社区党委')).toBeVisible();
  await expect(treeNode(page, '第一网格党支部')).toHaveCount(0);

  await page.getByRole('button', { name: '回收站' }).click();
  const bin = page.getByRole('dialog', { name: '回收站：已删除的组织' });
  await expect(bin).toContainText('王小红 删除于');
  await bin.getByRole('listitem').filter({ hasText: '第一网格党支部（网格党支部）' }).getByRole('button', { name: /恢\s*复/ }).click();
  await page.keyboard.press('Escape');
  await expect(treeNode(page, '第一网格党支部')).toBeVisible();
  await expect(treeNode(page, '光禄坊小区党支部')).toBeVisible();
});

test('a kind the organisation does not allow is not offered, and top-level nodes cannot be deleted', async ({ page }) => {
  await completeSetup(page);
  await openScreen(page, '组织架构');
  await treeNode(page, '三坊七巷社区党委').click();
  await expect(page.getByRole('button', { name: '删除' })).toBeDisabled();
  await page.getByRole('button', { name: '添加下级组织' }).click();
  const dialog = page.getByRole('dialog', { name: '在「三坊七巷社区党委」下添加组织' });
  await dialog.getByLabel('组织类型').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveText(['网格党支部', '功能型党小组', '坊巷党支部']);
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: '添 加' }).or(dialog.getByRole('button', { name: '添加' })).click();
  await expect(dialog.getByText('请填写组织名称，例如「第一网格党支部」')).toBeVisible();
});

test('two windows of the same community show each other\'s edits', async ({ page, context }) => {
  await completeSetup(page);
  await openScreen(page, '组织架构');
  const second = await context.newPage();
  await second.goto('/');
  await openScreen(second, '组织架构');
  await expect(treeNode(second, '三坊七巷社区党委')).toBeVisible();
  await page.bringToFront();
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第三网格党支部');
  await second.bringToFront();
  await expect(treeNode(second, '第三网格党支部')).toBeVisible({ timeout: 1_000 });
  await addChild(second, '第三网格党支部', '小区党支部', '衣锦坊小区党支部');
  // The clerk looks at the first window again (a background tab of headless Chromium does not paint).
  await page.bringToFront();
  await expect(treeNode(page, '衣锦坊小区党支部')).toBeVisible({ timeout: 1_000 });
});
