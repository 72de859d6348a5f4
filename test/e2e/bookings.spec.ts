import { expect, test, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import dayjs from 'dayjs';
import { join } from 'node:path';
import { completeSetup, openScreen, pickOption, printedText, readDownloadedXlsx, snap } from './helpers';
import { connectFromSettings, streetOpensCommunity, streetSignIn, useStreetServer } from './streetServer';

/** Issue 10 (in progress): venues, booking by search, rules refusing with the fix, approval, and clashes after a merge. */

// Each test has its own street server and data.
const streetServer = useStreetServer(5700);
const issue = streetServer.issue.bind(streetServer);
const dirOf = () => streetServer.dir;
// A weekday a week ahead: inside the default 60 days, never today or the past.
const day = dayjs().add(7, 'day').day() === 0 ? dayjs().add(8, 'day') : dayjs().add(7, 'day');
const date = day.format('YYYY-MM-DD');


async function addVenue(page: Page, name: string, capacity: number, equipment: string[], options: { unit?: string; approval?: boolean } = {}): Promise<void> {
  await openTab(page, '场地与服务');
  await page.getByRole('button', { name: /新增场地或服务/ }).click();
  const dialog = page.getByRole('dialog', { name: '新增场地或服务' });
  await dialog.getByLabel('场地名称').fill(name);
  await dialog.getByLabel('容纳人数').fill(String(capacity));
  for (const e of equipment) {
    await dialog.getByLabel('设备').fill(e);
    await page.keyboard.press('Enter');
  }
  if (options.unit) {
    await pickOption(page, dialog.getByLabel('所属驻区单位'), options.unit);
  }
  if (options.approval) await dialog.getByText('预约须经所属单位或社区审批').click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('venue-list')).toContainText(name);
}

/**
 * Opens a tab of the bookings page and waits until it is the selected one: a click that lands while a dialog is
 * still closing can focus the tab without selecting it (seen in CI); a clerk would click again.
 */
async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name });
  await expect(async () => {
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * Clicks the dialog's 预约 until it closes: on a loaded machine the first click can land while the dialog is still
 * zooming in and be lost (seen once in CI); a clerk would click again.
 */
async function submit(dialog: Locator): Promise<void> {
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: /预\s*约/ }).click({ timeout: 2000 });
    await expect(dialog).toBeHidden({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Types a date into the day grid's picker until the grid shows it. A slot must not be clicked before: a click that
 * races the date change books the day shown before (that race, not sync, was the intermittent "two PCs book one slot
 * offline" and street search failure). On a loaded CI machine the typed date was once not taken (the picker still
 * opening); a clerk would type it again.
 */
async function showDay(page: Page, isoDate: string): Promise<void> {
  await expect(async () => {
    await page.getByLabel('查看日期').fill(isoDate);
    await page.getByLabel('查看日期').press('Enter');
    await expect(page.getByTestId('day-grid')).toHaveAttribute('data-date', isoDate, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}

async function book(page: Page, venue: string, booker: string, start: number, end: number): Promise<void> {
  await openTab(page, '按日查看');
  await showDay(page, date);
  await page.getByRole('button', { name: `${venue} ${start}:00 空闲` }).click();
  const dialog = page.getByRole('dialog', { name: '新建预约' });
  await expect(dialog.getByLabel('预约日期')).toHaveValue(date);
  await pickOption(page, dialog.getByLabel('结束时间'), `${end}:00`);
  await dialog.getByLabel('预约人姓名').fill(booker);
  await dialog.getByLabel('联系电话').fill('13800000001');
  await submit(dialog);
}

test('venues, booking by search, a rule refused with the fix or overridden with a reason, and the approval queue', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await completeSetup(page);
  await openScreen(page, '驻区单位与服务队');
  await page.getByRole('button', { name: /新增驻区单位/ }).click();
  await page.getByRole('dialog').getByLabel('单位名称').fill('福州第一中学');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await openScreen(page, '场地预约');
  await addVenue(page, '党群活动室', 30, ['投影']);
  await addVenue(page, '一中运动场', 200, [], { unit: '福州第一中学', approval: true });

  // One search across every venue: 40 people with a projector.
  await openTab(page, '查空闲场地');
  await page.getByLabel('查询日期').fill(date);
  await page.getByLabel('查询日期').press('Enter');
  await page.getByLabel('查询人数').fill('40');
  await page.getByLabel('查询设备').fill('投影');
  await page.keyboard.press('Enter');
  const results = page.getByTestId('availability');
  await expect(results).toContainText('党群活动室本社区只容纳 30 人');
  await expect(results).toContainText('一中运动场驻区单位没有投影');
  await results.getByRole('listitem').filter({ hasText: '一中运动场' }).getByRole('button', { name: /预\s*约/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建预约' });
  await dialog.getByLabel('预约人姓名').fill('张三');
  await dialog.getByLabel('联系电话').fill('13800000001');
  await dialog.getByRole('button', { name: /预\s*约/ }).click();
  await expect(dialog).toBeHidden();
  // The unit's venue needs approval: first thing on the page.
  await expect(page.getByTestId('approval-queue')).toContainText('一中运动场：张三');
  await page.getByTestId('approval-queue').getByRole('button', { name: /批\s*准/ }).first().click();
  await expect(page.getByTestId('approval-queue')).toBeHidden();
  // The search lists the venue it just booked as taken, by whom and until when, without a 预约 button.
  await openTab(page, '查空闲场地');
  const takenRow = results.getByRole('listitem').filter({ hasText: '一中运动场' });
  await expect(takenRow).toContainText('已被「张三」预约 14:00–17:00');
  await expect(takenRow.getByRole('button', { name: /预\s*约/ })).toHaveCount(0);
  await snap(page, 'venue-search-taken');

  // Two more bookings by 张三 this month: the third is refused with the rule, and can be overridden with a reason.
  await book(page, '党群活动室', '张三', 9, 10);
  await page.getByRole('button', { name: '党群活动室 10:00 空闲' }).click();
  const third = page.getByRole('dialog', { name: '新建预约' });
  await third.getByLabel('预约人姓名').fill('张三');
  await third.getByLabel('联系电话').fill('13800000001'); // a walk-in resident is known by name and phone
  await third.getByRole('button', { name: /预\s*约/ }).click();
  await expect(page.getByTestId('booking-problems')).toContainText(`每人每月最多预约 2 次，张三本月已预约 2 次`);
  await third.getByLabel('破例原因').fill('社区重点活动，经书记同意');
  await third.getByRole('button', { name: '破例预约' }).click();
  await expect(third).toBeHidden();
  // Overlapping a taken slot is never overridable.
  await page.getByRole('button', { name: '党群活动室 8:00 空闲' }).click();
  const overlap = page.getByRole('dialog', { name: '新建预约' });
  await pickOption(page, overlap.getByLabel('结束时间'), '10:00');
  await overlap.getByLabel('预约人姓名').fill('李四');
  await overlap.getByRole('button', { name: /预\s*约/ }).click();
  await expect(page.getByTestId('booking-problems')).toContainText('已被「张三」预约，请换时间或换场地');
  await expect(overlap.getByRole('button', { name: '破例预约' })).toHaveCount(0);
  await overlap.getByRole('button', { name: /取\s*消/ }).click();

  // A weekly booking, three times: the week already taken is skipped and listed.
  const nextWeek = day.add(7, 'day').format('YYYY-MM-DD');
  await showDay(page, nextWeek);
  await page.getByRole('button', { name: '党群活动室 19:00 空闲' }).click();
  const taken = page.getByRole('dialog', { name: '新建预约' });
  await taken.getByLabel('预约人姓名').fill('王五');
  await submit(taken);
  await showDay(page, date);
  await page.getByRole('button', { name: '党群活动室 19:00 空闲' }).click();
  const series = page.getByRole('dialog', { name: '新建预约' });
  await series.getByLabel('预约人姓名').fill('老年合唱队');
  await series.getByLabel('用途').fill('合唱排练');
  await pickOption(page, series.getByLabel('重复'), '每周');
  await series.getByLabel('重复次数').fill('3');
  await series.getByRole('button', { name: /预\s*约/ }).click();
  const result = page.getByTestId('series-result');
  await expect(result).toContainText(`跳过（请另行安排）：${nextWeek}：「党群活动室」`);
  await expect(result).toContainText(`已预约：${date}、${day.add(14, 'day').format('YYYY-MM-DD')}`);
  await page.getByRole('button', { name: '知道了' }).click();

  // The week: every venue × the seven days; then one venue's calendar, booked by dragging down free hours.
  await openTab(page, '按周查看');
  await expect(page.getByTestId('week-grid').getByRole('row', { name: /党群活动室/ })).toContainText('19–20时 老年合唱队');
  await page.getByTestId('week-grid').getByRole('button', { name: '党群活动室的日历' }).click();
  const venueWeek = page.getByTestId('venue-week');
  await venueWeek.getByRole('button', { name: `${date} 20:00 空闲` }).hover();
  await page.mouse.down();
  await venueWeek.getByRole('button', { name: `${date} 21:00 空闲` }).hover();
  await page.mouse.up();
  const dragged = page.getByRole('dialog', { name: '新建预约' });
  await expect(dragged.getByLabel('开始时间').locator('..')).toContainText('20:00');
  await expect(dragged.getByLabel('结束时间').locator('..')).toContainText('22:00');
  await dragged.getByLabel('预约人姓名').fill('赵六');
  await dragged.getByRole('button', { name: /预\s*约/ }).click();
  await expect(dragged).toBeHidden();
  await expect(venueWeek).toContainText('赵六');
  // By keyboard: a free hour takes the focus and Enter opens the booking.
  await venueWeek.getByRole('button', { name: `${date} 8:00 空闲` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: '新建预约' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '新建预约' })).toBeHidden();

  // The week's schedule for the notice board, as a PDF with the bookings on it; and the venue's door card.
  const printed = async (button: string, file: string) => {
    await page.getByRole('button', { name: button }).click();
    await expect(page.getByTestId('print-preview')).toContainText('老年合唱队');
    return printedText(page, join(dirOf(), file));
  };
  const week = await printed('打印本周安排', 'week.pdf');
  expect(week).toContain('党群服务中心场地预约安排');
  expect(week).toContain('老年合唱队');
  expect(week).toContain('党群活动室');
  expect(week).not.toContain('13800000001');
  const door = await printed('打印门口周表', 'door.pdf');
  expect(door).toContain('党群活动室');
  expect(door).toContain('19:00–20:00 老年合唱队（合唱排练）');
  expect(door).toContain('20:00–22:00 赵六');
  expect(door).toContain('每次最多预约 4 小时');

  // The month of the same venue, and everything one resident has booked.
  await openTab(page, '按月查看');
  await expect(page.getByTestId('month-grid')).toContainText('19–20时 老年合唱队');
  await openTab(page, '预约人');
  await page.getByLabel('查找预约人').fill('张三');
  await page.getByLabel('查找预约人').press('Enter');
  await expect(page.getByTestId('booker-bookings').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('booker-bookings')).toContainText('138****0001');
  await openTab(page, '按日查看');

  // 未到 is recorded on the booking and counted in the month's usage report.
  await page.getByTestId('day-grid').getByText('老年合唱队').click();
  const edit = page.getByRole('dialog', { name: '修改预约' });
  await pickOption(page, edit.getByLabel('预约状态'), '未到');
  await edit.getByLabel('状态原因').fill('未来也未请假');
  await edit.getByRole('button', { name: /保\s*存/ }).click();
  await expect(edit).toBeHidden();
  await openTab(page, '月度报表');
  await page.getByLabel('报表月份').fill(day.format('YYYY-MM'));
  await page.getByLabel('报表月份').press('Enter');
  await expect(page.getByTestId('usage-report').getByRole('row', { name: /党群活动室/ })).toContainText('1');

  // A ledger kept in Excel: the row that clashes is named in its cell; the valid row is imported; the export reads back.
  const ledger = new ExcelJS.Workbook();
  const sheet = ledger.addWorksheet('预约登记');
  sheet.addRow(['场地名称', '预约日期', '开始', '结束', '预约人', '活动内容']);
  sheet.addRow(['党群活动室', date, '下午3点', '17:00', '书法兴趣班', '练字']);
  sheet.addRow(['党群活动室', date, '19:00', '20:00', '广场舞队', '排练']);
  const ledgerFile = join(dirOf(), 'ledger.xlsx');
  await ledger.xlsx.writeFile(ledgerFile);
  await page.getByRole('button', { name: '导入预约' }).click();
  await page.locator('input[type=file]').setInputFiles(ledgerFile);
  await page.getByRole('button', { name: '下一步：预览' }).click();
  await expect(page.getByRole('dialog')).toContainText('已被「老年合唱队」预约，请换时间或换场地');
  await page.getByRole('button', { name: '只导入无误的行' }).click();
  await page.getByRole('button', { name: '确定只导入无误的行' }).click();
  await openTab(page, '按日查看');
  await expect(page.getByTestId('day-grid')).toContainText('书法兴趣班');
  await page.getByRole('button', { name: '导出预约' }).click();
  await page.getByLabel('导出日期范围').first().fill(date);
  await page.getByLabel('导出日期范围').last().fill(date);
  await page.getByLabel('导出日期范围').last().press('Enter');
  const exported = await readDownloadedXlsx(page, () => page.getByRole('dialog', { name: /导出预约（/ }).getByRole('button', { name: /导\s*出/ }).click(), join(dirOf(), 'bookings.xlsx'));
  expect(exported.rows[0]!.slice(0, 5)).toEqual(['场地', '日期', '开始时间', '结束时间', '预约人']);
  expect(exported.rows.map((r) => r[4])).toContain('书法兴趣班');
  expect(exported.rows.flat().join()).toContain('138****0001');
  expect(exported.rows.flat().join()).not.toContain('13800000001');

  // A closure over booked days lists everyone to call; the weekday hours are set per day.
  await openTab(page, '场地与服务');
  await page.getByTestId('venue-list').getByText('党群活动室').click();
  const venueDialog = page.getByRole('dialog', { name: '场地：党群活动室' });
  await expect(venueDialog.getByTestId('weekday-hours')).toContainText('星期日');
  await venueDialog.getByLabel('暂停日期').first().fill(date);
  await venueDialog.getByLabel('暂停日期').last().fill(date);
  await venueDialog.getByLabel('暂停日期').last().press('Enter');
  await venueDialog.getByLabel('暂停原因').fill('维修');
  await venueDialog.getByRole('button', { name: '添加暂停' }).click();
  await expect(page.getByTestId('closure-affected')).toContainText('张三 138****0001');
  await expect(page.getByTestId('closure-affected')).toContainText('老年合唱队');
  await page.getByRole('button', { name: '知道了' }).click();
  await venueDialog.getByRole('button', { name: /取\s*消/ }).click();

  // An operator the office did not allow to override is told who may.
  await openScreen(page, '设置');
  await page.getByLabel('「王小红」可破例预约').click();
  await expect(page.getByLabel('「王小红」可破例预约')).not.toBeChecked();
  await openScreen(page, '场地预约');
  await showDay(page, date);
  await page.getByRole('button', { name: '党群活动室 11:00 空闲' }).click();
  const refused = page.getByRole('dialog', { name: '新建预约' });
  await refused.getByLabel('预约人姓名').fill('张三');
  await refused.getByLabel('联系电话').fill('13800000001');
  await refused.getByRole('button', { name: /预\s*约/ }).click();
  await expect(page.getByTestId('booking-problems')).toContainText('当前操作人「王小红」没有破例预约的权限');
  await expect(refused.getByRole('button', { name: '破例预约' })).toHaveCount(0);
  await refused.getByRole('button', { name: /取\s*消/ }).click();

  // A venue with bookings to come is not deleted: the clerk gets the list.
  await openTab(page, '场地与服务');
  await page.getByTestId('venue-list').getByText('党群活动室').click();
  await page.getByRole('button', { name: '删除场地' }).click();
  await expect(page.getByTestId('venue-delete-refused')).toContainText('张三');
  await page.context().close();
});

test('two PCs book one slot offline: after the merge both bookings exist, both PCs show the clash, and cancelling one resolves it', async ({ browser }) => {
  test.setTimeout(120_000);
  const communityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const a = await communityContext.newPage();
  await completeSetup(a);
  await connectFromSettings(a, issue('clerk', '350102001001', '王小红'));
  await openScreen(a, '场地预约');
  await addVenue(a, '党群活动室', 30, []);

  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const b = await streetContext.newPage();
  await streetOpensCommunity(b, issue('street', '350102001', '李组织委员'));
  await openScreen(b, '场地预约');
  await b.getByRole('tab', { name: '场地与服务' }).click();
  await expect(b.getByTestId('venue-list')).toContainText('党群活动室');

  await communityContext.setOffline(true);
  await streetContext.setOffline(true);
  await expect(a.getByTestId('sync-status')).toContainText('离线');
  await expect(b.getByTestId('sync-status')).toContainText('离线');
  await book(a, '党群活动室', '张三', 14, 16);
  await book(b, '党群活动室', '李四', 15, 17);
  await communityContext.setOffline(false);
  await streetContext.setOffline(false);
  await expect(a.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });
  await expect(b.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });

  for (const page of [a, b]) {
    const clashes = page.getByTestId('booking-clashes');
    await expect(clashes).toContainText('预约冲突 1 处', { timeout: 15_000 });
    await expect(clashes).toContainText('14:00–16:00 张三（王小红');
    await expect(clashes).toContainText('15:00–17:00 李四（李组织委员');
    await expect(page.getByTestId('day-grid')).toContainText('张三（冲突）');
    await expect(page.getByTestId('day-grid')).toContainText('李四（冲突）');
  }
  await a.getByTestId('booking-clashes').getByRole('button', { name: '取消此预约' }).last().click();
  await a.getByLabel('取消原因').fill('与张三的预约冲突，已电话告知');
  await a.getByRole('button', { name: '取消预约' }).click();
  await expect(a.getByTestId('booking-clashes')).toBeHidden();
  await expect(b.getByTestId('booking-clashes')).toBeHidden({ timeout: 15_000 });
  await expect(b.getByTestId('day-grid')).toContainText('张三');
  await expect(b.getByTestId('day-grid')).not.toContainText('李四');
  await communityContext.close();
  await streetContext.close();
});

test('the street office searches the venues of every community for a span and opens the community to book', async ({ browser }) => {
  const communityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const clerk = await communityContext.newPage();
  // What the clerk's page says about its connection, printed with the test's output (this test has failed now and then).
  clerk.on('console', (m) => m.type() !== 'log' && console.log(`[clerk ${m.type()}] ${m.text()}`));
  clerk.on('pageerror', (e) => console.log(`[clerk pageerror] ${e.message}`));
  await completeSetup(clerk);
  await connectFromSettings(clerk, issue('clerk', '350102001001', '王小红'));
  await openScreen(clerk, '场地预约');
  await addVenue(clerk, '党群活动室', 30, ['投影']);
  await addVenue(clerk, '多功能厅', 80, ['投影']);
  await book(clerk, '多功能厅', '张三', 15, 16);
  await expect(clerk.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });

  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const street = await streetContext.newPage();
  await streetSignIn(street, issue('street', '350102001', '李组织委员'));
  await street.getByLabel('街道查询日期').fill(date);
  await street.getByLabel('街道查询日期').press('Enter');
  await street.getByLabel('街道查询人数').fill('40');
  const found = street.getByTestId('street-availability');
  // 多功能厅 is booked at 15:00: only 党群活动室 is free for 14:00–17:00, and it is too small; 多功能厅 is listed as
  // taken, by whom and until when. The clerk's last booking may still be on its way to the server: search again until
  // it has arrived.
  await expect(async () => {
    await street.getByRole('button', { name: /查\s*询/ }).click();
    await expect(found.locator('tbody tr').last()).toContainText('已被「张三」预约 15:00–16:00', { timeout: 2000 });
  }).toPass({ timeout: 30_000 }).catch(async (e: unknown) => {
    // This wait has failed now and then in CI: what the page and the server said, to find out why.
    console.log('--- the street page shows ---', await found.innerText());
    const token = encodeURIComponent(issue('street', '350102001', 'debug').split('token=')[1]!);
    console.log('--- the server answers ---', await (await fetch(`${streetServer.httpUrl}/api/venue-availability?token=${token}&date=${date}&start=14:00&end=17:00&headcount=40`)).text());
    throw e;
  });
  await expect(found).toContainText('党群活动室本社区');
  await expect(found).toContainText('只容纳 30 人');
  await expect(found.locator('tbody tr')).toHaveCount(2);
  await snap(street, 'street-venue-search', found);
  await found.getByRole('button', { name: '打开社区预约' }).first().click();
  await expect(street.getByTestId('day-grid')).toContainText('多功能厅');
  await communityContext.close();
  await streetContext.close();
});
