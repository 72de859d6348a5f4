import { expect, test, type Browser, type Page } from '@playwright/test';
import { idNumberCheckChar } from '../../src-shared/records/person/idNumber';
import { addChild, completeSetup, openScreen, pickOption, treeNode } from './helpers';

/** Faults a first-time trial found in printing and the org tree (issue 8, items 3 and 6): each test failed first. */

const idOf = (n: number) => {
  const first17 = `350102196001${String(10 + n).padStart(2, '0')}${String(n * 2 + 1).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

async function communityWithBuilding(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await completeSetup(page);
  await openScreen(page, '组织架构');
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await openScreen(page, '人员名册');
  for (const [i, name] of ['张三', '李四'].entries()) {
    await page.getByRole('button', { name: /新增党员/ }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('姓名').fill(name);
    await drawer.getByLabel('公民身份号码').fill(idOf(i));
    await pickOption(page, drawer.getByLabel('所在党组织'), '第一网格党支部（网格党支部）');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect(drawer).toBeHidden();
  }
  await pickOption(page, page.getByLabel('按党组织筛选'), '第一网格党支部（网格党支部）');
  await expect(page.getByTestId('roster-count')).toContainText('共 2 人');
  return page;
}

/** Fills in the 监督电话 in 设置, then opens the branch's poster again. */
async function printPosterWithPhone(page: Page): Promise<void> {
  await openScreen(page, '设置');
  await page.getByLabel('监督电话').fill('0591-87000000');
  await page.getByRole('button', { name: '保存监督电话' }).click();
  await openScreen(page, '人员名册');
  await pickOption(page, page.getByLabel('按党组织筛选'), '第一网格党支部（网格党支部）');
  await page.getByRole('button', { name: /打印党员公示牌/ }).click();
}

async function expectWholePageVisible(page: Page): Promise<void> {
  // The dialog opens with an animation and the page re-fits after a change: measure once it has settled.
  await expect(async () => checkWholePageVisible(page)).toPass({ timeout: 5000 });
}

async function checkWholePageVisible(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  const dialog = await page.getByRole('dialog').boundingBox();
  expect(dialog!.y).toBeGreaterThanOrEqual(0);
  expect(dialog!.x).toBeGreaterThanOrEqual(0);
  expect(dialog!.y + dialog!.height).toBeLessThanOrEqual(viewport.height);
  expect(dialog!.x + dialog!.width).toBeLessThanOrEqual(viewport.width);
  const frame = await page.getByTestId('print-frame').boundingBox();
  const sheet = await page.getByTestId('print-preview').boundingBox();
  // The first sheet of paper lies inside the frame, so the clerk sees all of it without scrolling.
  expect(sheet!.x).toBeGreaterThanOrEqual(frame!.x);
  expect(sheet!.y).toBeGreaterThanOrEqual(frame!.y);
  expect(sheet!.x + sheet!.width).toBeLessThanOrEqual(frame!.x + frame!.width + 0.5);
  expect(sheet!.y + sheet!.height).toBeLessThanOrEqual(frame!.y + frame!.height + 0.5);
}

for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
  test(`print preview fits the window at ${viewport.width} × ${viewport.height}: A4, A3, landscape, with zoom`, async ({ browser }) => {
    const page = await communityWithBuilding(browser, viewport);
    await printPosterWithPhone(page);
    await expect(page.getByTestId('print-preview')).toContainText('张三');
    await expectWholePageVisible(page);
    for (const [paper, orientation] of [['A3', '纵向'], ['A3', '横向'], ['A4', '横向']] as const) {
      await page.locator('.ant-radio-button-wrapper', { hasText: paper }).click();
      await page.locator('.ant-radio-button-wrapper', { hasText: orientation }).click();
      await expectWholePageVisible(page);
    }
    const fitted = (await page.getByTestId('print-preview').boundingBox())!.width;
    await page.getByRole('button', { name: '放大' }).click();
    expect((await page.getByTestId('print-preview').boundingBox())!.width).toBeGreaterThan(fitted * 1.1);
    await page.getByRole('button', { name: '适合窗口' }).click();
    await expectWholePageVisible(page);
    await page.context().close();
  });
}

test('the responsibility poster refuses to print without the supervision phone and says where to fill it in', async ({ browser }) => {
  const page = await communityWithBuilding(browser, { width: 1366, height: 768 });
  await page.getByRole('button', { name: /打印党员公示牌/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('请先在「设置」→「公示牌监督电话」中填写');
  await expect(dialog.getByRole('button', { name: /打印|导出PDF/ })).toBeDisabled();
  // Nothing with a placeholder is ever laid out for paper.
  await expect(page.locator('#print-root')).not.toContainText('请在');
  await expect(page.locator('#print-root')).not.toContainText('监督电话：');
  await page.keyboard.press('Escape');
  await printPosterWithPhone(page);
  await expect(page.getByTestId('print-preview')).toContainText('监督电话：0591-87000000');
  await expect(page.getByRole('dialog').getByRole('button', { name: /打印|导出PDF/ })).toBeEnabled();
  await page.context().close();
});

test('restoring a node whose parent is deleted asks to restore the parent too; the street node and the community code are not the clerk\'s to change', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await completeSetup(page);
  await openScreen(page, '组织架构');
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await addChild(page, '第一网格党支部', '小区党支部', '光禄坊小区党支部');
  // The compound first, then its grid: two deletions.
  for (const name of ['光禄坊小区党支部', '第一网格党支部']) {
    await treeNode(page, name).click();
    await page.getByRole('button', { name: /删\s*除/ }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /删\s*除/ }).click();
    await expect(treeNode(page, name)).toBeHidden();
  }
  await page.getByRole('button', { name: /回收站/ }).click();
  const bin = page.getByRole('dialog', { name: '回收站：已删除的组织' });
  await bin.getByRole('listitem').filter({ hasText: '光禄坊小区党支部' }).getByRole('button', { name: /恢\s*复/ }).click();
  const ask = page.locator('.ant-modal-confirm');
  await expect(ask).toContainText('上级组织「第一网格党支部」也已删除');
  await ask.getByRole('button', { name: '连同上级一起恢复' }).click();
  await expect(page.getByText('已恢复「光禄坊小区党支部」及上级「第一网格党支部」')).toBeVisible();
  await bin.getByRole('button', { name: '关闭' }).click();
  await expect(treeNode(page, '光禄坊小区党支部')).toBeVisible();
  await expect(treeNode(page, '第一网格党支部')).toBeVisible();

  // The street's node belongs to the street office.
  await treeNode(page, '南街街道党工委').click();
  await expect(page.getByLabel('组织名称')).toBeDisabled();
  await expect(page.getByText('街道党工委由街道维护')).toBeVisible();
  await expect(page.getByRole('button', { name: /移动到/ })).toBeDisabled();
  await page.context().close();
});
