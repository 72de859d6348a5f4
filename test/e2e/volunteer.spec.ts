import { expect, test, type Page } from '@playwright/test';
import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { completeSetup, openScreen, pickOption, printedText, readDownloadedXlsx, snap } from './helpers';
import { connectFromSettings, streetOpensCommunity, streetSignIn, useStreetServer } from './streetServer';

/** Issue 11 (in progress): a team, an activity entered from its sign-in sheet, points, 公示 and a certificate; offline double redemption. */

const streetServer = useStreetServer(5900);
const issue = streetServer.issue.bind(streetServer);
const dirOf = () => streetServer.dir;
const VOLUNTEERS = Array.from({ length: 20 }, (_, i) => [`志愿者${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i < 10 ? '一' : '二'}`, `1390000${String(i).padStart(4, '0')}`] as const);

/** Imports rows into the roster from an .xlsx written here, as a clerk would (all rows valid). */
async function importRoster(page: Page, headers: string[], rows: readonly (readonly string[])[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(headers);
  for (const row of rows) ws.addRow([...row]);
  const path = join(dirOf(), file);
  await wb.xlsx.writeFile(path);
  await openScreen(page, '人员名册');
  await page.getByRole('button', { name: /导入Excel\/CSV/ }).click();
  await page.locator('input[type=file]').setInputFiles(path);
  await page.getByRole('button', { name: '下一步：预览' }).click();
  await page.getByRole('button', { name: '全部导入' }).click();
  await expect(page.getByRole('dialog', { name: /导入/ })).toBeHidden();
}

const importVolunteers = (page: Page, people: readonly (readonly [string, string])[]) =>
  importRoster(page, ['姓名', '角色', '联系电话'], people.map(([name, phone]) => [name, '志愿者', phone]), 'volunteers.xlsx');

const pdfText = (page: Page, file: string) => printedText(page, join(dirOf(), file));

test('a team, an activity entered from its sign-in sheet by keyboard, points with the cap, a redemption, the 公示 and a certificate', async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await completeSetup(page);
  await openScreen(page, '设置');
  await page.getByLabel('监督电话').fill('0591-87000000');
  await page.getByRole('button', { name: '保存监督电话' }).click();
  await importVolunteers(page, VOLUNTEERS);
  await openScreen(page, '驻区单位与服务队');
  await page.getByRole('tab', { name: '志愿服务队' }).click();
  await page.getByRole('button', { name: /新增志愿服务队/ }).click();
  await page.getByRole('dialog').getByLabel('队名').fill('环境整治服务队');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();

  // The team's members, from the roster.
  await openScreen(page, '志愿服务与积分');
  await page.getByRole('tab', { name: '服务队' }).click();
  await pickOption(page, page.getByLabel('服务队', { exact: true }), '环境整治服务队');
  const add = page.getByLabel('加入队员');
  for (const [name] of VOLUNTEERS) {
    await add.fill(name);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '加入服务队' }).click();
  await expect(page.getByTestId('team-members').locator('tbody tr')).toHaveCount(15); // one page of 15
  await expect(page.getByRole('cell', { name: '20 人' })).toBeVisible();

  // A new activity: the team's sign-in sheet printed, then entered in one keyboard pass.
  await page.getByRole('tab', { name: '服务活动' }).click();
  await page.getByRole('button', { name: '新建活动并录入签到' }).click();
  const dialog = page.getByRole('dialog', { name: '新建志愿服务活动' });
  await dialog.getByLabel('活动名称').fill('清扫楼道');
  await dialog.getByLabel('活动开始时间').fill('8:00');
  await dialog.getByLabel('活动结束时间').fill('11:00');
  await pickOption(page, dialog.getByLabel('服务类别'), '环境整治');
  await pickOption(page, dialog.getByLabel('按服务队加入'), '环境整治服务队');
  await expect(dialog.getByTestId('batch-entry').locator('tbody tr.ant-table-row')).toHaveCount(20);
  await dialog.getByRole('button', { name: '打印签到表' }).click();
  await expect(page.getByTestId('print-preview')).toContainText(VOLUNTEERS[19]![0]);
  const sheet = await pdfText(page, 'sheet.pdf');
  expect(sheet).toContain('志愿服务签到表');
  expect(sheet).toContain(VOLUNTEERS[0]![0]);
  expect(sheet).toContain('139****0000');
  expect(sheet).not.toContain('13900000000');

  // Tick, arrival, leave; Enter moves on. The first stays 3.5 hours (2 counted); the others 8:30–10:00 (1.5).
  await dialog.getByLabel(`${VOLUNTEERS[0]![0]}到场`).focus();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.keyboard.type(i === 0 ? '8:00' : '830');
    await page.keyboard.press('Enter');
    await page.keyboard.type(i === 0 ? '1130' : i === 5 ? '8:00' : '10点');
    await page.keyboard.press('Enter');
  }
  // Hours served as signed; points capped at 2 hours. Leaving after the activity's end is said.
  const first = dialog.getByTestId('batch-entry').getByRole('row', { name: new RegExp(VOLUNTEERS[0]![0]) });
  await expect(first).toContainText('3.5 小时 / 2 分（积分按 2 小时计）');
  await expect(first.getByTestId('time-outside')).toHaveText('离开 11:30 晚于活动结束 11:00，请核对签到表');
  await dialog.getByRole('button', { name: '保存并计分' }).click();
  await expect(dialog.getByTestId('activity-problems')).toContainText(`第6行 ${VOLUNTEERS[5]![0]}：离开时间（08:00）应晚于到达时间（08:30），请核对签到表`);
  await dialog.getByLabel(`${VOLUNTEERS[5]![0]}离开时间`).fill('10:00');
  await dialog.getByRole('button', { name: '保存并计分' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('service-activities').getByRole('row', { name: /清扫楼道/ });
  await expect(row).toContainText('20 人');
  await expect(row).toContainText('32 小时'); // 3.5 served + 19 × 1.5 (the cap limits points, not hours)
  await expect(row).toContainText('30.5'); // points: 2 + 19 × 1.5

  // Points: the cap applied; a redemption above the balance is refused with the balance, one within it is booked.
  await page.getByRole('tab', { name: '积分存折' }).click();
  await pickOption(page, page.getByLabel('积分人员'), `${VOLUNTEERS[0]![0]} 139****0000`, VOLUNTEERS[0]![0]);
  await expect(page.getByTestId('points-balance')).toHaveText('2');
  await page.getByRole('button', { name: /兑\s*换/ }).click();
  await page.getByLabel('兑换积分').fill('5');
  await page.getByLabel('兑换物品').fill('洗衣液一瓶');
  await page.getByRole('button', { name: '确认兑换' }).click();
  await expect(page.getByTestId('points-problem')).toHaveText(`${VOLUNTEERS[0]![0]}积分余额 2 分，兑换 5 分超出余额；请减少兑换分数，或先核对积分`);
  await page.getByLabel('兑换积分').fill('1');
  await page.getByRole('button', { name: '确认兑换' }).click();
  await expect(page.getByTestId('points-balance')).toHaveText('1');
  await expect(page.getByTestId('points-statement')).toContainText('兑换 洗衣液一瓶');

  // The month's 公示 and a numbered certificate, as PDFs.
  await page.getByRole('tab', { name: '公示与证明' }).click();
  await expect(page.getByTestId('month-publicity').getByRole('row', { name: new RegExp(VOLUNTEERS[0]![0]) })).toContainText('3.5');
  await page.getByRole('button', { name: '打印月度公示' }).click();
  const publicity = await pdfText(page, 'publicity.pdf');
  expect(publicity).toContain('道德银行积分公示');
  expect(publicity).toContain(VOLUNTEERS[19]![0]);
  expect(publicity).toContain('0591-87000000');
  expect(publicity).not.toContain('13900000000');
  await pickOption(page, page.getByLabel('证明人员'), VOLUNTEERS[1]![0]);
  await expect(page.getByTestId('certificate-total')).toHaveText('期间服务 1 次，共 1.5 小时');
  await page.getByRole('button', { name: '开具证明' }).click();
  await expect(page.getByTestId('print-preview')).toContainText('志愿服务证明');
  const certificate = await pdfText(page, 'certificate.pdf');
  expect(certificate).toContain(`志证〔${dayjs().year()}〕第1号`);
  expect(certificate).toContain(`兹证明${VOLUNTEERS[1]![0]}`);
  // A paragraph may wrap anywhere on paper: read it without line breaks.
  expect(certificate.replace(/\s+/g, '')).toContain('累计服务时长1.5小时');
  await expect(page.getByTestId('certificates')).toContainText(`志证〔${dayjs().year()}〕第1号`);
  // The first volunteer's certificate counts the 3.5 hours served, not the 2 the points were capped at.
  await pickOption(page, page.getByLabel('证明人员'), VOLUNTEERS[0]![0]);
  await expect(page.getByTestId('certificate-total')).toHaveText('期间服务 1 次，共 3.5 小时');

  // A service line reversed in the 积分存折 stays linked to its activity, which then says its points and sign-in differ.
  await page.getByRole('tab', { name: '积分存折' }).click();
  await pickOption(page, page.getByLabel('积分人员'), `${VOLUNTEERS[1]![0]} 139****0001`, VOLUNTEERS[1]![0]);
  await page.getByTestId('points-statement').getByRole('row', { name: /清扫楼道/ }).getByRole('button', { name: /冲\s*正/ }).click();
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText(`冲正后${VOLUNTEERS[1]![0]}的积分余额由 1.5 分变为 0 分`);
  await expect(confirm).toContainText('冲正后该活动显示“积分与签到不符”');
  await page.getByLabel('冲正原因').fill('当天未到，签到表登记错了');
  await confirm.getByRole('button', { name: /冲\s*正/ }).click();
  await expect(page.getByTestId('points-balance')).toHaveText('0');
  await page.getByRole('tab', { name: '服务活动' }).click();
  await expect(row.getByTestId('points-mismatch')).toHaveText('积分与签到不符');
  await snap(page, 'points-mismatch');
  await expect(page.getByTestId('ledger-issues')).toContainText(`活动「清扫楼道」（`);
  // Corrected on the sign-in sheet: not there after all. The mismatch is gone, the points stay reversed.
  await row.click();
  const edit = page.getByRole('dialog', { name: /志愿服务活动/ });
  await edit.getByLabel(`${VOLUNTEERS[1]![0]}到场`).uncheck();
  await edit.getByRole('button', { name: '保存并计分' }).click();
  await expect(edit).toBeHidden();
  await expect(row.getByTestId('points-mismatch')).toHaveCount(0);
  await expect(page.getByTestId('ledger-issues')).toHaveCount(0);

  // A wrong entry is undone as a whole: its points go back.
  await page.getByRole('tab', { name: '服务活动' }).click();
  await page.getByRole('button', { name: '新建活动并录入签到' }).click();
  const second = page.getByRole('dialog', { name: '新建志愿服务活动' });
  await second.getByLabel('活动名称').fill('录错的活动');
  await second.getByLabel('查找人员加入').fill(VOLUNTEERS[0]![0]);
  await second.getByRole('button', { name: VOLUNTEERS[0]![0], exact: true }).click();
  await second.getByLabel(`${VOLUNTEERS[0]![0]}到场`).check();
  await second.getByLabel(`${VOLUNTEERS[0]![0]}到达时间`).fill('9:00');
  await second.getByLabel(`${VOLUNTEERS[0]![0]}离开时间`).fill('10:00');
  await second.getByRole('button', { name: '保存并计分' }).click();
  await expect(second).toBeHidden();
  await page.getByTestId('last-batch').getByRole('button', { name: '撤销本次录入' }).click();
  await expect(page.getByTestId('service-activities')).not.toContainText('录错的活动');
  await page.getByRole('tab', { name: '积分存折' }).click();
  await pickOption(page, page.getByLabel('积分人员'), `${VOLUNTEERS[0]![0]} 139****0000`, VOLUNTEERS[0]![0]);
  await expect(page.getByTestId('points-balance')).toHaveText('1');
  await page.context().close();
});

test('two PCs redeem one person\'s points offline beyond the balance: both redemptions stay, both PCs show the overdraft until one is reversed', async ({ browser }) => {
  test.setTimeout(120_000);
  const communityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const a = await communityContext.newPage();
  await completeSetup(a);
  await importVolunteers(a, [['张三', '13800000001']]);
  await connectFromSettings(a, issue('clerk', '350102001001', '王小红'));
  await openScreen(a, '志愿服务与积分');
  await a.getByRole('tab', { name: '积分存折' }).click();
  await pickOption(a, a.getByLabel('积分人员'), '张三 138****0001', '张三');
  await a.getByRole('button', { name: '奖励积分' }).click();
  await a.getByLabel('奖励积分').fill('10');
  await a.getByLabel('奖励原因').fill('抗疫志愿服务表彰');
  await a.getByRole('button', { name: '确认奖励' }).click();
  await expect(a.getByTestId('points-balance')).toHaveText('10');

  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const b = await streetContext.newPage();
  await streetOpensCommunity(b, issue('street', '350102001', '李组织委员'));
  await openScreen(b, '志愿服务与积分');
  await b.getByRole('tab', { name: '积分存折' }).click();
  await pickOption(b, b.getByLabel('积分人员'), '张三 138****0001', '张三');
  await expect(b.getByTestId('points-balance')).toHaveText('10');

  await communityContext.setOffline(true);
  await streetContext.setOffline(true);
  for (const [page, item] of [[a, '洗衣液'], [b, '大米']] as const) {
    await expect(page.getByTestId('sync-status')).toContainText('离线');
    await page.getByRole('button', { name: /兑\s*换/ }).click();
    await page.getByLabel('兑换积分').fill('8');
    await page.getByLabel('兑换物品').fill(item);
    await page.getByRole('button', { name: '确认兑换' }).click();
    await expect(page.getByTestId('points-balance')).toHaveText('2');
  }
  await communityContext.setOffline(false);
  await streetContext.setOffline(false);
  for (const page of [a, b]) {
    await expect(page.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });
    const issues = page.getByTestId('ledger-issues');
    await expect(issues).toContainText('张三 积分余额 -6 分', { timeout: 15_000 });
    await expect(issues).toContainText('兑换 洗衣液 8 分（王小红');
    await expect(issues).toContainText('兑换 大米 8 分（李组织委员');
  }
  await a.getByTestId('ledger-issues').getByRole('button', { name: '冲正此笔兑换' }).last().click();
  await a.getByLabel('冲正原因').fill('两台电脑重复兑换，大米已退回');
  await a.getByRole('button', { name: /冲\s*正/ }).last().click();
  await expect(a.getByTestId('ledger-issues')).toBeHidden();
  await expect(b.getByTestId('ledger-issues')).toBeHidden({ timeout: 15_000 });
  await expect(b.getByTestId('points-balance')).toHaveText('2');
  await communityContext.close();
  await streetContext.close();
});

test('in-service members: who has not reported or served stands out, claims and six ones, one feedback letter per employer sent and its 回执 recorded, the year\'s 考核', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await completeSetup(page);
  await importRoster(page, ['姓名', '角色', '联系电话', '工作单位及职务', '单位党组织', '报到日期'], [
    ['张三', '在职党员', '13800000001', '福州市自来水公司', '福州市自来水公司党委', dayjs().subtract(1, 'month').format('YYYY-MM-DD')],
    ['李四', '在职党员', '13800000002', '福州市自来水公司', '福州市自来水公司党委', ''],
  ], 'in-service.xlsx');

  await openScreen(page, '志愿服务与积分');
  await page.getByRole('tab', { name: '在职党员与双向反馈' }).click();
  const list = page.getByTestId('in-service-members');
  await expect(list.getByRole('row', { name: /李四/ })).toContainText('未报到未服务');
  await expect(list.getByRole('row', { name: /张三/ })).not.toContainText('未报到');

  await list.getByText('张三').click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByLabel('认领内容').fill('文明劝导岗');
  await drawer.getByRole('button', { name: /添\s*加/ }).click();
  await drawer.getByLabel('文明劝导岗已完成').check();
  await drawer.getByLabel('当好一名联络员').check();
  await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).first().click();
  await expect(list.getByRole('row', { name: /张三/ })).toContainText('1/1 已完成');
  await expect(list.getByRole('row', { name: /张三/ })).toContainText('1/6');

  const letters = page.getByTestId('feedback-letters');
  await expect(letters.getByRole('row', { name: /福州市自来水公司/ })).toContainText('2 人');
  await letters.getByRole('button', { name: '打印反馈函' }).click();
  await expect(page.getByTestId('print-preview')).toContainText('在职党员到社区报到服务情况反馈函');
  const letter = (await pdfText(page, 'letter.pdf')).replace(/\s+/g, '');
  expect(letter).toContain('福州市自来水公司党委：');
  expect(letter).toContain('文明劝导岗'); // a table cell wraps across lines on paper
  expect(letter).toContain('回执（福州市自来水公司）');
  await letters.getByRole('button', { name: '登记发出' }).click();
  await expect(letters).toContainText('已发出，待回执');
  await letters.getByRole('button', { name: '登记回执' }).click();
  await letters.getByLabel('福州市自来水公司单位意见').fill('已阅，将纳入年度考核');
  await letters.getByRole('button', { name: /保\s*存/ }).click();
  await expect(letters).toContainText('已回执');
  await expect(letters).toContainText('已阅，将纳入年度考核');
  // Every employer's letter as one official print, filled from the same records.
  await page.getByRole('button', { name: '全部反馈函（公文版式）' }).click();
  await expect(page.getByTestId('official-pages')).toContainText('GB/T 9704-2012');
  const official = page.getByTestId('print-preview');
  await expect(official).toContainText('福州市自来水公司党委：');
  await expect(official).not.toContainText('{');
  await page.getByRole('dialog', { name: /公文打印预览/ }).getByRole('button', { name: '关闭' }).click();

  await page.getByRole('tab', { name: '年度考核' }).click();
  const table = page.getByTestId('assessment');
  await expect(table.getByRole('row', { name: /张三/ })).toContainText('差 50 小时');
  await table.getByRole('row', { name: /张三/ }).getByText('1/1 完成').click();
  await expect(page.getByTestId('assessment-behind')).toContainText('认领岗位：文明劝导岗（已完成）');
  await page.context().close();
});

test('the street office sees every community\'s 考核: members meeting the target, and the Excel of every person', async ({ browser }) => {
  const communityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const clerk = await communityContext.newPage();
  await completeSetup(clerk);
  await importVolunteers(clerk, [['赵六', '13800000006'], ['钱七', '13800000007']]);
  await connectFromSettings(clerk, issue('clerk', '350102001001', '王小红'));
  await expect(clerk.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });
  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const street = await streetContext.newPage();
  await streetSignIn(street, issue('street', '350102001', '李组织委员'));
  await pickOption(street, street.getByLabel('街道考核对象'), '志愿者');
  const row = street.getByTestId('street-assessment').getByRole('row', { name: /三坊七巷社区/ });
  // The clerk's last changes may still be on their way to the server: refresh until they have arrived.
  await expect(async () => {
    await street.getByRole('button', { name: '刷新街道考核' }).click();
    await expect(row).toContainText('0 / 2 人', { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('20 小时');
  await snap(street, 'street-member-assessment', row);
  const sheet = await readDownloadedXlsx(street, () => street.locator('.ant-card', { hasText: '年度考核（全街道）' }).getByRole('button', { name: '导出Excel' }).click(), join(dirOf(), 'assessment.xlsx'));
  expect(sheet.rows[0]!.slice(0, 3)).toEqual(['社区', '姓名', '服务时长（小时）']);
  expect(sheet.rows.map((r) => r[1])).toEqual(expect.arrayContaining(['赵六', '钱七']));
  await communityContext.close();
  await streetContext.close();
});
