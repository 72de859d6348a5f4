import { expect, test } from '@playwright/test';
import { addChild, completeSetup, openScreen, pickOption, treeNode } from './helpers';

/** Issue 8, item 7: operators with identity (failed before: the operator was a name anyone could type). */

test('operators are chosen from this PC\'s list, with a PIN, again after idle; histories and the audit log name operator and PC', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.clock.install();
  await completeSetup(page);
  await expect(page.getByTestId('operator')).toHaveText('操作人：王小红');
  await openScreen(page, '人员名册');

  // A community worker from the roster, and one added by name with a PIN.
  await page.getByRole('tab', { name: '社区工作者' }).click();
  await page.getByRole('button', { name: /新增社区工作者/ }).click();
  await page.locator('.ant-drawer').getByLabel('姓名').fill('陈社工');
  await page.locator('.ant-drawer').getByRole('button', { name: /保\s*存/ }).click();
  await openScreen(page, '设置');
  const card = page.getByTestId('operators-card');
  await pickOption(page, card.getByLabel('从名册添加操作人'), '陈社工');
  await card.getByRole('button', { name: /^添\s*加$/ }).click();
  await card.getByLabel('按姓名添加操作人').fill('林书记');
  await card.getByRole('button', { name: '按姓名添加' }).click();
  await card.getByRole('row', { name: /林书记/ }).getByRole('button', { name: '设置PIN' }).click();
  await card.getByLabel('「林书记」的新PIN码').fill('12');
  await card.getByRole('button', { name: '保存PIN' }).click();
  await expect(page.getByText('「PIN码」应为4至6位数字')).toBeVisible();
  await card.getByLabel('「林书记」的新PIN码').fill('2468');
  await card.getByRole('button', { name: '保存PIN' }).click();
  await expect(card.getByRole('row', { name: /林书记/ })).toContainText('已设置');
  await card.getByLabel('本机名称').fill('前台电脑');
  await card.getByLabel('无操作自动锁定（分钟）').fill('5');
  await card.getByRole('button', { name: /^保\s*存$/ }).click();
  const audit = page.getByTestId('audit-log');
  await expect(audit).toContainText('添加本机操作人「陈社工」');
  await expect(audit).toContainText('添加本机操作人「林书记」');
  await expect(audit).toContainText('为操作人「林书记」设置PIN码');

  // 更换: chosen from the list (no free text), with the PIN.
  await page.getByRole('button', { name: /更\s*换/ }).click();
  const gate = page.getByRole('dialog', { name: '选择操作人' });
  await expect(gate.getByRole('textbox')).toHaveCount(0); // nobody types a name here
  await gate.getByText('林书记（需PIN码）').click();
  await gate.getByRole('textbox', { name: 'PIN码' }).fill('1111');
  await gate.getByRole('button', { name: /确\s*定/ }).click();
  await expect(gate.getByTestId('operator-error')).toContainText('PIN码');
  await gate.getByRole('textbox', { name: 'PIN码' }).fill('2468');
  await gate.getByRole('button', { name: /确\s*定/ }).click();
  await expect(gate).toBeHidden();
  await expect(page.getByTestId('operator')).toHaveText('操作人：林书记');

  await openScreen(page, '组织架构');
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await treeNode(page, '第一网格党支部').click();
  await expect(page.getByTestId('node-history')).toContainText('林书记（前台电脑） 新建');

  // Left idle past the setting: the operator must be chosen again before anything else.
  await page.clock.fastForward('06:00');
  await expect(gate).toBeVisible();
  await expect(gate).toContainText('5 分钟无人操作');
  await gate.getByText('陈社工').click();
  await gate.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByTestId('operator')).toHaveText('操作人：陈社工');

  // After a restart, a PC with several operators asks who works.
  await page.reload();
  await expect(page.getByRole('dialog', { name: '选择操作人' })).toBeVisible();
  await context.close();
});
