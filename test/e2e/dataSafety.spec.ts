import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { communityWithMembers, openScreen } from './helpers';

/** Issue 14: backups, restore, a new PC from a backup, and the USB exchange with the street — no server running. */

const dir = mkdtempSync(join(tmpdir(), 'desk-safety-'));
const serverData = mkdtempSync(join(tmpdir(), 'desk-safety-keys-'));
const MEMBERS: [string, string][] = [['艾一', '正式党员'], ['白二', '正式党员'], ['陈三', '预备党员']];

/** A connection string from the server's CLI (its keys in a folder; the server itself never runs in these tests). */
function issue(role: 'clerk' | 'street', scope: string, name: string): string {
  const out = execFileSync(process.execPath, ['out/main/sync-server.js', 'issue-token', '--data', serverData, '--role', role, '--scope', scope, '--name', name, '--url', 'ws://127.0.0.1:1']).toString();
  return /连接串：(\S+)/.exec(out)![1]!;
}

async function download(page: Page, click: () => Promise<unknown>, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = join(dir, name);
  await file.saveAs(path);
  return path;
}

const NAMES = ['艾一', '白二', '陈三', '街道补录'];
/** Which of the people of these tests the roster lists. */
const rosterNames = async (page: Page) => {
  const text = await page.getByTestId('roster-table').innerText();
  return NAMES.filter((n) => text.includes(n)).sort();
};

test('a backup is made, a record deleted is found in it read-only and copied back, and a second PC is set up from the backup file', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await communityWithMembers(page, dir, MEMBERS);
  await openScreen(page, '数据安全');
  // The automatic backup of the day ran when the community opened.
  await expect(page.getByTestId('backup-status')).toContainText('上次备份');
  const backupFile = await download(page, () => page.getByRole('button', { name: /备份并下载文件/ }).click(), 'community.cdbak');
  await expect(page.getByTestId('backup-list').locator('tbody tr')).not.toHaveCount(0);
  await expect(page.getByTestId('backup-tag')).toContainText('已备份');

  // 白二 is deleted by mistake.
  await openScreen(page, '人员名册');
  await page.getByTestId('roster-table').getByText('白二', { exact: true }).click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByRole('button', { name: /删\s*除/ }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /删\s*除/ }).click();
  await expect(page.getByTestId('roster-count')).toContainText('共 2 人');

  // The newest backup, opened: checked, its counts against today's, and 白二 shown as deleted here.
  await openScreen(page, '数据安全');
  await page.getByTestId('backup-list').getByRole('button', { name: /打\s*开/ }).first().click();
  const restore = page.getByRole('dialog', { name: '打开备份' });
  await expect(restore).toContainText('备份文件完好');
  await expect(restore.getByTestId('backup-counts')).toContainText('人员');
  await restore.getByRole('button', { name: /只读查看/ }).click();
  const records = page.getByTestId('backup-records');
  await expect(records).toContainText('白二');
  await expect(records).toContainText('本机已删除');
  await expect(records).not.toContainText('艾一');
  await records.getByRole('button', { name: '恢复到本机' }).click();
  await expect(records).not.toContainText('白二');
  await page.locator('.ant-drawer').getByRole('button', { name: '关闭' }).first().click();
  await restore.getByRole('button', { name: '关闭' }).first().click();
  await openScreen(page, '人员名册');
  await expect(page.getByTestId('roster-count')).toContainText('共 3 人');
  await page.getByTestId('roster-table').getByText('白二', { exact: true }).click();
  await drawer.getByRole('tab', { name: '修改记录' }).click();
  await expect(drawer.getByTestId('person-history')).toContainText('从备份恢复');
  await drawer.getByRole('button', { name: '关闭' }).first().click();

  // A damaged file is refused in Chinese, and nothing changes.
  await openScreen(page, '数据安全');
  await page.locator('input[type=file][accept=".cdbak"]').setInputFiles({ name: 'broken.cdbak', mimeType: 'application/octet-stream', buffer: Buffer.from('CDBAK\nnot really') });
  await expect(page.locator('.ant-message')).toContainText('备份');

  // A new PC (another browser profile) set up from the backup file.
  const second = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const other = await second.newPage();
  await other.goto('/');
  await other.locator('input[type=file][accept=".cdbak"]').setInputFiles(backupFile);
  await expect(other.getByTestId('setup-backup')).toContainText('三坊七巷社区（350102001001）');
  await other.getByLabel('恢复后由谁操作').fill('赵新');
  await other.getByRole('button', { name: '用这个备份设置本机' }).click();
  await expect(other.getByTestId('community-title')).toContainText('三坊七巷社区');
  await openScreen(other, '人员名册');
  await expect(other.getByTestId('roster-count')).toContainText('共 3 人');
  expect(await rosterNames(other)).toEqual(['白二', '艾一', '陈三'].sort());
  await second.close();
});

test('without a network, the community and the street exchange files both ways by USB and end with the same records', async ({ page, browser }) => {
  test.setTimeout(150_000);
  await communityWithMembers(page, dir, MEMBERS);
  // The clerk has the community's connection string (pasted while offline): it signs the exchange files.
  await openScreen(page, '设置');
  await page.getByRole('button', { name: '打开同步设置' }).click();
  await page.getByRole('dialog', { name: '同步设置' }).getByLabel('连接串').fill(issue('clerk', '350102001001', '王小红'));
  await page.getByRole('button', { name: '保存并连接' }).click();
  await openScreen(page, '数据安全');
  await expect(page.getByTestId('street-known')).toContainText('第一次导出的文件包含全部数据');
  const toStreet = await download(page, () => page.getByRole('button', { name: '导出给街道（.cdsync）' }).click(), 'to-street.cdsync');

  // The street PC, offline too: imports the file, opens its copy of the community, adds a record, writes the reply.
  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const street = await streetContext.newPage();
  await street.goto('/');
  await street.getByLabel('街道连接串').fill(issue('street', '350102001', '李组织委员'));
  await street.getByLabel('街道工作人员姓名').fill('李组织委员');
  await street.getByRole('button', { name: '登录街道总览' }).click();
  await street.locator('input[type=file][accept=".cdsync"]').setInputFiles(toStreet);
  await expect(street.getByTestId('street-exchanged')).toContainText('三坊七巷社区（350102001001）');
  await street.getByTestId('street-exchanged').getByRole('button', { name: /打\s*开/ }).click();
  await expect(street.getByTestId('community-title')).toContainText('三坊七巷社区');
  await openScreen(street, '人员名册');
  await expect(street.getByTestId('roster-count')).toContainText('共 3 人');
  await street.getByRole('button', { name: /新增党员/ }).click();
  const person = street.locator('.ant-drawer');
  await person.getByLabel('姓名').fill('街道补录');
  await person.getByLabel('姓名').press('Control+s');
  await expect(street.getByTestId('roster-count')).toContainText('共 4 人');
  await street.getByRole('button', { name: '返回街道总览' }).click();
  const reply = await download(street, () => street.getByTestId('street-exchanged').getByRole('button', { name: '导出给社区' }).click(), 'to-community.cdsync');

  // The community imports the reply (twice: nothing changes the second time) and has the street's record.
  await page.locator('input[type=file][accept=".cdsync"]').setInputFiles(reply);
  await expect(page.locator('.ant-message')).toContainText('已导入街道的回执');
  await page.locator('input[type=file][accept=".cdsync"]').setInputFiles(reply);
  await expect(page.getByTestId('street-known')).toContainText('街道回执');
  // A reply is not a file for the street: the wrong direction is refused there.
  await street.locator('input[type=file][accept=".cdsync"]').setInputFiles(reply);
  await expect(street.locator('.ant-message')).toContainText('应在社区的电脑上导入');

  await openScreen(page, '人员名册');
  await expect(page.getByTestId('roster-count')).toContainText('共 4 人');
  // The community edits again; its next file, imported at the street (the old one too, out of order), brings it over.
  await page.getByTestId('roster-table').getByText('陈三', { exact: true }).click();
  await page.locator('.ant-drawer').getByRole('button', { name: /删\s*除/ }).click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: /删\s*除/ }).click();
  await expect(page.getByTestId('roster-count')).toContainText('共 3 人');
  await openScreen(page, '数据安全');
  const second = await download(page, () => page.getByRole('button', { name: '导出给街道（.cdsync）' }).click(), 'to-street-2.cdsync');
  await street.locator('input[type=file][accept=".cdsync"]').setInputFiles(second);
  await expect(street.locator('.ant-message')).toContainText('已导入「三坊七巷社区」');
  await street.locator('input[type=file][accept=".cdsync"]').setInputFiles(toStreet);
  await street.getByTestId('street-exchanged').getByRole('button', { name: /打\s*开/ }).click();
  await openScreen(street, '人员名册');
  await expect(street.getByTestId('roster-count')).toContainText('共 3 人');
  await openScreen(page, '人员名册');
  expect(await rosterNames(street)).toEqual(await rosterNames(page));
  expect(await rosterNames(page)).toEqual(['白二', '艾一', '街道补录'].sort());

  // Another street PC that never held this community: a file of recent changes is refused, saying what to do; the
  // whole community's file is taken and opens there, offline.
  const otherContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const other = await otherContext.newPage();
  await other.goto('/');
  await other.getByLabel('街道连接串').fill(issue('street', '350102001', '张组织委员'));
  await other.getByLabel('街道工作人员姓名').fill('张组织委员');
  await other.getByRole('button', { name: '登录街道总览' }).click();
  await other.locator('input[type=file][accept=".cdsync"]').setInputFiles(second);
  await expect(other.locator('.ant-message')).toContainText('本机还没有「三坊七巷社区」（350102001001）的数据，这个文件只含该社区最近的修改，无法单独使用，未导入任何数据');
  await expect(other.getByTestId('street-exchanged')).toHaveCount(0);
  await openScreen(page, '数据安全');
  const whole = await download(page, () => page.getByRole('button', { name: '导出整个社区给街道' }).click(), 'to-street-whole.cdsync');
  await other.locator('input[type=file][accept=".cdsync"]').setInputFiles(whole);
  await expect(other.locator('.ant-message')).toContainText('已导入「三坊七巷社区」');
  await other.getByTestId('street-exchanged').getByRole('button', { name: /打\s*开/ }).click();
  await openScreen(other, '人员名册');
  await expect(other.getByTestId('roster-count')).toContainText('共 3 人');
  await otherContext.close();
  await streetContext.close();
});

test('a row of the PC\'s own log cut short (a power cut while saving) is set aside: the community opens, the clerk is told, and a backup brings it back', async ({ page }) => {
  test.setTimeout(120_000);
  await communityWithMembers(page, dir, MEMBERS);
  // One more person, saved and backed up; then the row that holds it loses its last byte (a write cut by a power cut).
  await page.getByRole('button', { name: /新增党员/ }).click();
  const person = page.locator('.ant-drawer');
  await person.getByLabel('姓名').fill('街道补录');
  await person.getByLabel('姓名').press('Control+s');
  await expect(page.getByTestId('roster-count')).toContainText('共 4 人');
  await expect(page.getByTestId('save-status')).toContainText('本机已保存');
  await openScreen(page, '数据安全');
  const backupFile = await download(page, () => page.getByRole('button', { name: /备份并下载文件/ }).click(), 'before-cut.cdbak');
  const cut = await page.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('community-desk:350102001001');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('updates', 'readwrite');
      const last = tx.objectStore('updates').openCursor(null, 'prev');
      last.onsuccess = () => {
        const cursor = last.result!;
        const row = cursor.value as { update: Uint8Array };
        cursor.update({ ...row, update: row.update.slice(0, -1) });
        tx.oncomplete = () => (open.result.close(), resolve(row.update.length));
      };
    };
  }));
  expect(cut).toBeGreaterThan(10);
  await page.reload();
  // The community opens with the rest; the clerk is told in plain Chinese and where to look.
  const banner = page.getByTestId('set-aside-banner');
  await expect(banner).toContainText('本机社区数据中有 1 条修改记录已损坏、无法读取，社区已照常打开');
  await openScreen(page, '人员名册');
  await expect(page.getByTestId('roster-count')).toContainText('共 3 人');
  await banner.getByRole('button', { name: '查看数据安全' }).click();
  const card = page.getByTestId('quarantine-card');
  await expect(card).toContainText('有 1 条修改记录无法读取');
  await expect(card).toContainText('提前结束');
  // The backup made before the damage, merged: the person is back.
  await page.getByRole('button', { name: '打开备份文件…' }).click();
  await page.locator('input[type=file][accept=".cdbak"]').setInputFiles(backupFile);
  const restore = page.getByRole('dialog', { name: '打开备份' });
  await expect(restore).toContainText('备份文件完好');
  await restore.getByRole('button', { name: '合并到本机数据' }).click();
  await page.getByRole('button', { name: '先备份再合并' }).click();
  await expect(page.getByText('已合并备份')).toBeVisible();
  await openScreen(page, '人员名册');
  await expect(page.getByTestId('roster-count')).toContainText('共 4 人');
});
