import { expect, test } from '@playwright/test';
import { communityWithMembers, openScreen } from './helpers';
import { connectFromSettings, useStreetServer } from './streetServer';

/** Issue 14: a clerk's new or reinstalled PC gets the whole community from the street server at setup. */

const streetServer = useStreetServer(6500);

test('a new PC pastes the community connection string at setup and the whole community comes down from the street', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await communityWithMembers(page, streetServer.dir);
  const link = streetServer.issue('clerk', '350102001001', '王小红');
  await connectFromSettings(page, link);

  const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const other = await fresh.newPage();
  await other.goto('/');
  // A street connection string is not taken here; the community's is.
  await other.getByLabel('本社区连接串').fill(streetServer.issue('street', '350102001', '李组织委员'));
  await other.getByLabel('恢复后由谁操作').fill('赵新');
  await other.getByRole('button', { name: '从街道服务器下载本社区数据' }).click();
  await expect(other.getByText('这是街道的连接串')).toBeVisible();
  await other.getByLabel('本社区连接串').fill(link);
  await other.getByRole('button', { name: '从街道服务器下载本社区数据' }).click();
  await expect(other.getByTestId('community-title')).toContainText('三坊七巷社区（350102001001）', { timeout: 20_000 });
  await expect(other.getByTestId('sync-status')).toContainText('已同步', { timeout: 20_000 });
  await openScreen(other, '人员名册');
  await expect(other.getByTestId('roster-count')).toContainText('共 3 人');
  await expect(other.getByTestId('operator')).toContainText('赵新');
  // After a restart it opens the community at once.
  await other.reload();
  await openScreen(other, '人员名册');
  await expect(other.getByTestId('roster-count')).toContainText('共 3 人');
  await fresh.close();
});
