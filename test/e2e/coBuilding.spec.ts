import { expect, test, type Locator, type Page } from '@playwright/test';
import dayjs from 'dayjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeSetup, openScreen, pickOption, printedText, readDownloadedXlsx, snap } from './helpers';
import { connectFromSettings, streetSignIn, useStreetServer } from './streetServer';

const streetServer = useStreetServer(6100);

/** A new community with these resident units, on the 共驻共建 screen. */
async function communityWithUnits(page: Page, names: readonly string[]): Promise<void> {
  await completeSetup(page);
  await openScreen(page, '驻区单位与服务队');
  for (const name of names) {
    await page.getByRole('button', { name: /新增驻区单位/ }).click();
    await page.getByRole('dialog').getByLabel('单位名称').fill(name);
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
  }
  await openScreen(page, '共驻共建');
}

/** Fills the 新增共建协议 dialog (it stays open when the save is refused). */
async function fillAgreement(page: Page, unit: string, signed: dayjs.Dayjs, ends: dayjs.Dayjs): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: '新增共建协议' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: '新增共建协议' }).click();
  await dialog.getByLabel('协议名称').fill('与自来水公司共驻共建协议');
  await pickOption(page, dialog.getByLabel('共建单位', { exact: true }), unit);
  await dialog.getByLabel('签订日期').fill(signed.format('YYYY-MM-DD'));
  await dialog.getByLabel('签订日期').press('Enter');
  await dialog.getByLabel('到期日期').fill(ends.format('YYYY-MM-DD'));
  await dialog.getByLabel('到期日期').press('Enter');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  return dialog;
}

/** 登记资源 or 登记需求 with its name (and the unit that offers a resource). */
async function addToList(page: Page, list: '登记资源' | '登记需求', title: string, unit?: string): Promise<void> {
  await page.getByRole('button', { name: list }).click();
  const dialog = page.getByRole('dialog', { name: list });
  await dialog.getByLabel(list === '登记资源' ? '资源名称' : '需求名称').fill(title);
  if (unit) await pickOption(page, dialog.getByLabel('提供单位'), unit);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
}

/** Issue 12: 一书三单, 吹哨报到, 微心愿 and 三单制, 兼职委员, joint activities, and the units' 考核 here and at the street. */

test('a wish goes 点单 → 下单 → 接单 → 办结; one is declined with a reason; the board prints surnames only', async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-co-'));
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await completeSetup(page);
  await openScreen(page, '驻区单位与服务队');
  await page.getByRole('tab', { name: '志愿服务队' }).click();
  await page.getByRole('button', { name: /新增志愿服务队/ }).click();
  await page.getByRole('dialog').getByLabel('队名').fill('水电维修服务队');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await openScreen(page, '共驻共建');
  await page.getByRole('tab', { name: '微心愿与三单制' }).click();
  for (const [title, resident] of [['想要一台助听器', '李秀英'], ['帮忙修水龙头', '王建国'], ['小区装路灯', '赵丽华']] as const) {
    await page.getByRole('button', { name: '登记居民点单或微心愿' }).click();
    const dialog = page.getByRole('dialog', { name: '登记居民点单或微心愿' });
    await dialog.getByLabel('心愿内容').fill(title);
    await dialog.getByLabel('居民姓名').fill(resident);
    await dialog.getByLabel('居民电话').fill('13800000009');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await expect(dialog).toBeHidden();
  }
  const list = page.getByTestId('wishes');
  await expect(list).toContainText('138****0009');
  // 下单 two; decline the third with a reason (refused without one).
  await list.getByRole('row', { name: /想要一台助听器/ }).getByRole('button', { name: /下\s*单/ }).click();
  await list.getByRole('row', { name: /帮忙修水龙头/ }).getByRole('button', { name: /下\s*单/ }).click();
  await list.getByRole('row', { name: /小区装路灯/ }).getByRole('button', { name: '不予受理' }).click();
  await page.getByRole('dialog', { name: /不予受理/ }).getByRole('button', { name: '不予受理' }).click();
  await expect(page.getByText('不予受理须写明原因，以便回复居民')).toBeVisible();
  await page.getByLabel('不予受理原因').fill('已列入街道路灯改造计划');
  await page.getByRole('dialog', { name: /不予受理/ }).getByRole('button', { name: '不予受理' }).click();
  await expect(list.getByRole('row', { name: /小区装路灯/ })).toContainText('已列入街道路灯改造计划');

  // The board of published wishes, surnames only.
  await page.getByRole('button', { name: '打印心愿墙' }).click();
  await expect(page.getByTestId('print-preview')).toContainText('微心愿墙');
  const board = await printedText(page, join(dir, 'board.pdf'));
  expect(board).toContain('想要一台助听器');
  expect(board).toContain('李某');
  expect(board).not.toContain('李秀英');
  expect(board).not.toContain('小区装路灯');

  // 接单 by the team, then 办结 with the result and the resident's feedback.
  await list.getByRole('row', { name: /帮忙修水龙头/ }).getByRole('button', { name: '登记接单' }).click();
  await pickOption(page, page.getByLabel('接单人'), '志愿服务队 水电维修服务队');
  await page.getByRole('button', { name: '登记接单' }).last().click();
  await expect(list.getByRole('row', { name: /帮忙修水龙头/ })).toContainText('已接单');
  await list.getByRole('row', { name: /帮忙修水龙头/ }).getByRole('button', { name: /办\s*结/ }).click();
  await page.getByLabel('办理结果').fill('已更换水龙头');
  await pickOption(page, page.getByLabel('居民评价'), '满意');
  await page.getByRole('dialog', { name: /办结/ }).getByRole('button', { name: /办\s*结/ }).click();
  await expect(list.getByRole('row', { name: /帮忙修水龙头/ })).toContainText('居民评价：满意');
  await page.context().close();
});

test('a whistle with two units that report in, progress, closed with an evaluation; each unit\'s response counted', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await communityWithUnits(page, ['福州市自来水公司', '福新物业公司']);
  await page.getByRole('tab', { name: '吹哨报到' }).click();
  await page.getByRole('button', { name: /吹\s*哨/ }).click();
  const dialog = page.getByRole('dialog', { name: /吹\s*哨/ });
  await dialog.getByLabel('吹哨事项').fill('3号楼下水道堵塞');
  await dialog.getByLabel('吹哨时间').fill('0:00');
  await pickOption(page, dialog.getByLabel('紧急程度'), '紧急');
  await pickOption(page, dialog.getByLabel('牵头单位'), '福州市自来水公司');
  await dialog.getByLabel('协办单位').fill('福新物业');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(dialog).toContainText('福新物业公司');
  await dialog.getByRole('button', { name: /吹\s*哨/ }).click();
  await expect(dialog).toBeHidden();
  const list = page.getByTestId('whistles');
  await expect(list).toContainText('待响应');
  await expect(list).toContainText('福州市自来水公司（牵头）');

  await list.getByText('3号楼下水道堵塞').click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByRole('button', { name: '登记报到' }).first().click();
  await expect(drawer.getByTestId('whistle-response').first()).toContainText('报到，响应');
  await drawer.getByRole('button', { name: '登记报到' }).first().click();
  await expect(drawer.getByTestId('whistle-response')).toHaveCount(2);
  await drawer.getByLabel('进展内容').fill('已派维修人员到场');
  await drawer.getByRole('button', { name: '记录进展' }).click();
  await expect(drawer).toContainText('已派维修人员到场');
  await drawer.getByLabel('处理结果').fill('管道已疏通');
  await drawer.getByRole('button', { name: /办\s*结/ }).click();
  await expect(drawer.getByTestId('whistle-closed')).toContainText('管道已疏通。社区评价：满意');
  await page.keyboard.press('Escape');
  await expect(list).toContainText('已办结');
  const figures = page.getByTestId('whistle-figures');
  await expect(figures.getByRole('row', { name: /福州市自来水公司/ })).toContainText('1 / 1');
  await expect(figures.getByRole('row', { name: /福新物业公司/ })).toContainText('小时');
  await page.context().close();
});

test('一书三单: an agreement about to expire is flagged; a need matched to a unit\'s resource becomes a project, done with its results', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await communityWithUnits(page, ['福州市自来水公司']);
  await expect(await fillAgreement(page, '福州市自来水公司', dayjs().subtract(1, 'year'), dayjs().add(20, 'day'))).toBeHidden();
  await expect(page.getByTestId('expiring-agreements')).toContainText('「与自来水公司共驻共建协议」');
  await expect(page.getByTestId('expiring-agreements')).toContainText('还有 20 天');
  await addToList(page, '登记资源', '水电维修', '福州市自来水公司');
  await addToList(page, '登记需求', '独居老人家中水电维修');

  await page.getByTestId('co-needs').getByRole('button', { name: '匹配资源' }).click();
  await expect(page.getByTestId('matches')).toContainText('水电维修（福州市自来水公司）');
  await page.getByTestId('matches').getByRole('button', { name: '对接为项目' }).click();
  await expect(page.getByTestId('co-needs')).toContainText('已对接');
  const projects = page.getByTestId('co-projects');
  await expect(projects).toContainText('独居老人家中水电维修');
  await expect(projects).toContainText('福州市自来水公司');
  await projects.getByRole('button', { name: /完\s*成/ }).click();
  await page.getByLabel('项目实绩').fill('为12户独居老人检修水电');
  await page.getByRole('dialog').getByRole('button', { name: /完\s*成/ }).click();
  await expect(projects).toContainText('已完成');
  await expect(projects).toContainText('为12户独居老人检修水电');

  // The reminder follows the clerk to other screens until seen; with reminders at 10 days only, 20 days is not due.
  await openScreen(page, '人员名册');
  const reminder = page.getByTestId('agreement-reminder');
  await expect(reminder).toContainText('「与自来水公司共驻共建协议」');
  await reminder.getByRole('button', { name: '知道了' }).click();
  await expect(reminder).toBeHidden();
  await openScreen(page, '共驻共建');
  await page.getByRole('tab', { name: '共建设置' }).click();
  await page.getByLabel('到期提醒天数').fill('10、0');
  await page.getByRole('button', { name: '保存共建设置' }).click();
  await expect(page.getByText('「到期提醒天数」应为 1 至 365 之间的整数，例如 60、30、7')).toBeVisible();
  await page.getByLabel('到期提醒天数').fill('10');
  await page.getByRole('button', { name: '保存共建设置' }).click();
  await expect(page.getByText('共建设置已保存')).toBeVisible();
  await page.getByRole('tab', { name: '一书三单' }).click();
  await expect(page.getByTestId('agreements')).toContainText('与自来水公司共驻共建协议');
  await expect(page.getByTestId('expiring-agreements')).toBeHidden();
  await page.context().close();
});

test('一书三单: an expiring agreement on 今日待办 opens its row, and is renewed or ended there; either takes it off the reminders', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await communityWithUnits(page, ['福州市自来水公司']);
  await expect(await fillAgreement(page, '福州市自来水公司', dayjs().subtract(1, 'year'), dayjs().add(20, 'day'))).toBeHidden();
  await openScreen(page, '工作台');
  const card = page.getByTestId('todo-agreements');
  await card.getByRole('button', { name: /与自来水公司共驻共建协议/ }).click();
  const rows = page.getByTestId('agreements');
  await expect(rows.locator('tr.ant-table-row-selected')).toContainText('与自来水公司共驻共建协议');
  await expect(rows).toContainText('有效');

  // 终止 needs its reason, named in the message; ending it takes it off the reminders and the card.
  await rows.getByRole('button', { name: /终\s*止/ }).click();
  const ending = page.getByRole('dialog', { name: /终止「与自来水公司共驻共建协议」/ });
  await ending.getByRole('button', { name: '终止协议' }).click();
  await expect(ending).toContainText('终止原因：请填写');
  await ending.getByLabel('终止原因').fill('单位搬离本社区');
  await ending.getByRole('button', { name: '终止协议' }).click();
  await expect(ending).toBeHidden();
  await expect(rows).toContainText(`已于 ${dayjs().format('YYYY-MM-DD')} 终止`);
  await expect(page.getByTestId('expiring-agreements')).toBeHidden();
  await openScreen(page, '工作台');
  await expect(card).toContainText('没有即将到期的共建协议');

  // Another, renewed: the new end must be later than the old one.
  await openScreen(page, '共驻共建');
  await expect(await fillAgreement(page, '福州市自来水公司', dayjs().subtract(1, 'year'), dayjs().add(5, 'day'))).toBeHidden();
  await expect(page.getByTestId('expiring-agreements')).toContainText('还有 5 天');
  await rows.getByRole('button', { name: /续\s*签/ }).click();
  const renewing = page.getByRole('dialog', { name: /续签/ });
  await renewing.getByLabel('新的到期日期').fill(dayjs().add(2, 'day').format('YYYY-MM-DD'));
  await renewing.getByLabel('新的到期日期').press('Enter');
  await renewing.getByRole('button', { name: /续\s*签/ }).click();
  await expect(renewing).toContainText('新的到期日期：应晚于原到期日期');
  await renewing.getByLabel('新的到期日期').fill(dayjs().add(3, 'year').format('YYYY-MM-DD'));
  await renewing.getByLabel('新的到期日期').press('Enter');
  await renewing.getByRole('button', { name: /续\s*签/ }).click();
  await expect(renewing).toBeHidden();
  await expect(rows).toContainText(`至 ${dayjs().add(3, 'year').format('YYYY-MM-DD')}`);
  await expect(page.getByTestId('expiring-agreements')).toBeHidden();
  await snap(page, 'agreements-renewed');
  await openScreen(page, '工作台');
  await expect(card).toContainText('没有即将到期的共建协议');
  await page.context().close();
});

test('every figure of a unit\'s 考核 follows the records as the clerk adds them, and the street sees the same after sync; the street raises a whistle the clerk receives', async ({ browser }) => {
  test.setTimeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), 'desk-units-'));
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  await communityWithUnits(page, ['福州市自来水公司', '福新物业公司']);
  await connectFromSettings(page, streetServer.issue('clerk', '350102001001', '王小红'));
  await openScreen(page, '共驻共建');
  const figure = async (key: string, text: string | RegExp) => {
    await page.getByRole('tab', { name: '驻区单位考核' }).click();
    await expect(page.getByTestId('unit-assessment').getByRole('row', { name: /福州市自来水公司/ }).getByTestId(`figure-${key}`)).toHaveText(text);
  };
  const score = async () => Number(await page.getByTestId('unit-assessment').getByRole('row', { name: /福州市自来水公司/ }).getByTestId('unit-score').innerText());
  await figure('agreement', '无');
  await figure('resourcesOffered', '0 项');
  await figure('whistlesAnswered', '—');
  const before = await score();

  // An agreement in force, with its signed scan attached.
  await page.getByRole('tab', { name: '一书三单' }).click();
  await fillAgreement(page, '福州市自来水公司', dayjs().subtract(1, 'year'), dayjs().subtract(2, 'year'));
  await expect(page.getByText(/早于签订日期（.*），请核对协议期限/)).toBeVisible();
  await expect(await fillAgreement(page, '福州市自来水公司', dayjs().subtract(1, 'year'), dayjs().add(2, 'year'))).toBeHidden();
  await page.getByLabel('附加扫描件').setInputFiles({ name: '共建协议扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 scanned agreement') });
  await expect(page.getByTestId('agreements')).toContainText('共建协议扫描件.pdf');
  await page.getByLabel('附加扫描件').setInputFiles({ name: '协议.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('x') });
  await expect(page.getByText('「协议.docx」不是 JPG、PNG 图片或 PDF 文件；请先另存为这几种格式再附加')).toBeVisible();
  await figure('agreement', '在期 1 份');

  // A resource, a need matched to it, the project done.
  await page.getByRole('tab', { name: '一书三单' }).click();
  await addToList(page, '登记资源', '水电维修', '福州市自来水公司');
  await figure('resourcesOffered', '1 项');
  await page.getByRole('tab', { name: '一书三单' }).click();
  await addToList(page, '登记需求', '独居老人家中水电维修');
  await page.getByTestId('co-needs').getByRole('button', { name: '匹配资源' }).click();
  await page.getByTestId('matches').getByRole('button', { name: '对接为项目' }).click();
  await figure('resourcesUsed', '0 项'); // a project in preparation uses nothing yet
  await page.getByRole('tab', { name: '一书三单' }).click();
  await page.getByTestId('co-projects').getByRole('button', { name: /完\s*成/ }).click();
  await page.getByLabel('项目实绩').fill('为12户独居老人检修水电');
  await page.getByRole('dialog').getByRole('button', { name: /完\s*成/ }).click();
  await expect(page.getByTestId('co-projects')).toContainText('已完成');
  await figure('projectsDone', '1 个');
  await figure('resourcesUsed', '1 项');

  // A whistle both units answer; closed 满意.
  await page.getByRole('tab', { name: '吹哨报到' }).click();
  await page.getByRole('button', { name: /吹\s*哨/ }).click();
  let dialog = page.getByRole('dialog', { name: /吹\s*哨/ });
  await dialog.getByLabel('吹哨事项').fill('3号楼停水');
  await dialog.getByLabel('吹哨时间').fill('0:00');
  await pickOption(page, dialog.getByLabel('牵头单位'), '福州市自来水公司');
  // 福新物业公司 is named 协办 but never reports in.
  await dialog.getByLabel('协办单位').fill('福新物业');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(dialog).toContainText('福新物业公司');
  await dialog.getByRole('button', { name: /吹\s*哨/ }).click();
  await expect(dialog).toBeHidden();
  await figure('whistlesAnswered', '0%（0/1）');
  await page.getByRole('tab', { name: '吹哨报到' }).click();
  await page.getByTestId('whistles').getByText('3号楼停水').click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByRole('button', { name: '登记报到' }).first().click();
  await expect(drawer.getByTestId('whistle-response')).toContainText('报到，响应');
  await drawer.getByLabel('处理结果').fill('已恢复供水');
  await drawer.getByRole('button', { name: /办\s*结/ }).click();
  await expect(drawer.getByTestId('whistle-closed')).toContainText('已恢复供水');
  await page.keyboard.press('Escape');
  await figure('whistlesAnswered', '100%（1/1）');
  await figure('responseTime', / 小时$/);
  await figure('satisfaction', '100%（1/1）');
  // The 协办 that never reported is not credited with the 满意, and its missing response counts against it.
  const other = page.getByTestId('unit-assessment').getByRole('row', { name: /福新物业公司/ });
  await expect(other.getByTestId('figure-satisfaction')).toHaveText('—');
  await expect(other.getByTestId('figure-responseTime')).toHaveText('多数未响应（1 次未报到）');
  await expect(other.getByTestId('figure-whistlesAnswered')).toHaveText('0%（0/1）');
  await snap(page, 'unit-assessment');
  // Every column on screen at 1366 × 768.
  expect(await page.getByTestId('unit-assessment').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  // A joint activity serving the project.
  await page.getByRole('tab', { name: '共建活动' }).click();
  await page.getByRole('button', { name: '登记共建活动' }).click();
  dialog = page.getByRole('dialog', { name: '登记共建活动' });
  await dialog.getByLabel('共建活动名称').fill('入户检修水电');
  await pickOption(page, dialog.getByLabel('共建活动牵头单位'), '福州市自来水公司');
  await pickOption(page, dialog.getByLabel('服务的共建项目'), '独居老人家中水电维修');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('joint-activities')).toContainText('项目：独居老人家中水电维修');
  await figure('activities', '1 次');

  // Its 兼职委员, and a 党建联席会议 the unit attended.
  await page.getByRole('tab', { name: '兼职委员' }).click();
  await page.getByRole('button', { name: '聘任兼职委员' }).click();
  dialog = page.getByRole('dialog', { name: '聘任兼职委员' });
  await dialog.getByLabel('兼职委员姓名').fill('赵工');
  await pickOption(page, dialog.getByLabel('兼职委员所在单位'), '福州市自来水公司');
  await dialog.getByLabel('分工职责').fill('协调供水保障');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('part-time-members')).toContainText('在任');
  await openScreen(page, '会议记录');
  await page.getByRole('button', { name: /新建会议/ }).click();
  dialog = page.getByRole('dialog', { name: '新建会议' });
  await pickOption(page, dialog.getByLabel('会议类型'), '党建联席会议');
  await pickOption(page, dialog.getByLabel('召开会议的党组织'), '三坊七巷社区党委（社区党组织）');
  await dialog.getByRole('button', { name: /新\s*建/ }).click();
  const meeting = page.locator('.ant-drawer');
  await expect(meeting).toContainText('福州市自来水公司 赵工');
  const attended = meeting.getByRole('radiogroup', { name: '福州市自来水公司 赵工的出席情况' });
  await attended.getByText('出席', { exact: true }).click();
  await expect(attended.getByRole('radio', { name: '出席' })).toBeChecked();
  await page.keyboard.press('Escape');
  await openScreen(page, '共驻共建');
  await figure('jointMeetings', '100%（1/1）');
  await page.getByRole('tab', { name: '兼职委员' }).click();
  await expect(page.getByTestId('joint-attendance')).toHaveText('1 / 1 次');
  await figure('agreement', '在期 1 份');
  const after = await score();
  expect(after).toBeGreaterThan(before);

  // Each figure opens to its records; the table prints and exports.
  await page.getByTestId('unit-assessment').getByRole('row', { name: /福州市自来水公司/ }).getByTestId('figure-projectsDone').click();
  await expect(page.getByTestId('unit-assessment-behind')).toContainText('项目清单：独居老人家中水电维修');
  await page.keyboard.press('Escape');
  const sheet = await readDownloadedXlsx(page, () => page.getByRole('button', { name: '导出Excel' }).click(), join(dir, 'units.xlsx'));
  expect(sheet.rows[0]![0]).toBe('驻区单位');
  expect(sheet.rows[1]![0]).toBe('福州市自来水公司');
  expect(sheet.rows[1]![sheet.rows[1]!.length - 1]).toBe(String(after));
  await page.getByRole('button', { name: '打印考核表' }).click();
  const printed = await printedText(page, join(dir, 'units.pdf'));
  expect(printed).toContain('驻区单位共驻共建考核表');
  expect(printed).toMatch(/福州市自来水公司\s+在期/);
  expect(printed).toContain(String(after));
  await expect(page.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });

  // The street sees the same figures, and raises a whistle to the community's units.
  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const street = await streetContext.newPage();
  await streetSignIn(street, streetServer.issue('street', '350102001', '李组织委员'));
  const streetRow = street.getByTestId('street-unit-assessment').getByRole('row', { name: /福州市自来水公司/ });
  await expect(async () => {
    await street.getByRole('button', { name: '刷新街道驻区单位考核' }).click();
    await expect(streetRow).toContainText(String(after), { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(streetRow).toContainText('100%（1/1）');
  // Every column of the street's units' 考核 is on screen at 1366 px, and a figure opens to its records.
  const unitTable = street.getByTestId('street-unit-assessment');
  expect(await unitTable.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  expect(await street.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const scoreHeader = (await unitTable.getByRole('columnheader', { name: '得分' }).boundingBox())!;
  expect(scoreHeader.x + scoreHeader.width).toBeLessThanOrEqual(1366);
  await streetRow.getByTestId('street-figure-whistlesAnswered').click();
  await expect(street.getByTestId('street-unit-behind')).toContainText('3号楼停水');
  await street.keyboard.press('Escape');
  await snap(street, 'street-unit-assessment', unitTable);
  // A whistle opens to each unit named on it: who reported, how fast, who never did.
  await expect(street.getByTestId('street-whistles')).toContainText('3号楼停水');
  await street.getByTestId('street-whistles').getByText('3号楼停水').click();
  const detail = street.getByTestId('street-whistle-detail');
  await expect(detail).toContainText(/福州市自来水公司\s*已报到，响应 [\d.]+ 小时/);
  await expect(detail).toContainText(/福新物业公司\s*未报到/);
  await snap(street, 'street-whistle-detail', detail);
  await street.keyboard.press('Escape');
  await street.getByRole('button', { name: '街道吹哨', exact: true }).click();
  const raise = street.getByRole('dialog', { name: /街道吹哨/ });
  await raise.getByLabel('街道吹哨事项').fill('汛期排水隐患排查');
  await raise.getByRole('button', { name: /吹\s*哨/ }).click();
  await expect(raise).toContainText('请至少选择一个社区及其驻区单位');
  await raise.getByLabel('吹哨社区').fill('三坊七巷');
  await street.keyboard.press('Enter');
  await street.keyboard.press('Escape');
  await raise.getByLabel('三坊七巷社区驻区单位').fill('福新物业');
  await street.keyboard.press('Enter');
  await street.keyboard.press('Escape');
  await expect(raise).toContainText('福新物业公司');
  await raise.getByRole('button', { name: /吹\s*哨/ }).click();
  await expect(raise).toBeHidden();
  await expect(street.getByTestId('street-whistles')).toContainText('汛期排水隐患排查');
  // The clerk's list shows it with the next sync, raised by the street, with 福新物业公司 to lead.
  await page.getByRole('tab', { name: '吹哨报到' }).click();
  await expect(page.getByTestId('whistles')).toContainText('汛期排水隐患排查', { timeout: 30_000 });
  await expect(page.getByTestId('whistles').getByRole('row', { name: /汛期排水隐患排查/ })).toContainText('福新物业公司（牵头）');
  await streetContext.close();
  await context.close();
});
