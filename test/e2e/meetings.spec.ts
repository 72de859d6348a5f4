import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addChild, completeSetup, importMembers, openScreen, pickOption, snap } from './helpers';
import { connectFromSettings, streetOpensCommunity, streetSignIn, useStreetServer } from './streetServer';

/** Issue 9: a 支部党员大会 from the tree to the signed record, carried into the next meeting, seen by the street. */

const year = new Date().getFullYear();


// Each test has its own street server and data: the same community code starts empty.
const streetServer = useStreetServer(5300);
const issue = streetServer.issue.bind(streetServer);
const dirOf = () => streetServer.dir;

const MEMBERS: [string, string][] = [['艾一', '正式党员'], ['白二', '正式党员'], ['陈三', '正式党员'], ['丁四', '正式党员'], ['冯五', '预备党员']];

/** A new community with 第一网格党支部 and its five members. */
async function branchWithMembers(page: Page): Promise<void> {
  await completeSetup(page);
  await openScreen(page, '组织架构');
  await addChild(page, '三坊七巷社区党委', '网格党支部', '第一网格党支部');
  await openScreen(page, '人员名册');
  await importMembers(page, dirOf(), MEMBERS);
}

async function newMeeting(page: Page): Promise<void> {
  await page.getByRole('button', { name: /新建会议/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建会议' });
  await pickOption(page, dialog.getByLabel('召开会议的党组织'), '第一网格党支部（网格党支部）');
  await dialog.getByLabel('地点').fill('党群服务中心会议室');
  await dialog.getByLabel('主持人').fill('艾一');
  await dialog.getByLabel('记录人').fill('王小红');
  await dialog.getByRole('button', { name: /新\s*建/ }).click();
  await expect(page.getByTestId('meeting-counts')).toContainText('应到 5 人');
}

test('a 支部党员大会 from the tree to the finalized record: sign-in sheet, keyboard attendance, quorum, minutes, numbered decision, follow-up, calendar, street', async ({ browser }) => {
  test.setTimeout(150_000);
  const communityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await communityContext.newPage();
  await branchWithMembers(page);

  await openScreen(page, '会议记录');
  await newMeeting(page);
  const drawer = page.locator('.ant-drawer');

  // The sign-in sheet on paper: every expected member, in the roster's order.
  await drawer.getByRole('button', { name: '打印签到表' }).click();
  await expect(page.getByTestId('print-preview')).toContainText('会议签到表');
  await expect(page.getByTestId('print-preview').locator('img.print-qr')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const pdf = join(dirOf(), 'sign-in.pdf');
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  for (const [name] of MEMBERS) expect(text).toContain(name);
  expect(text.indexOf('艾一')).toBeLessThan(text.indexOf('冯五'));
  expect(text).toContain('列席人员');
  await page.getByRole('dialog', { name: /打印预览/ }).getByRole('button', { name: '关闭' }).click();

  // One keyboard pass in the sheet's order: 艾一 1, 白二 3 外出, 陈三 4 生病, 丁四 1, 冯五 (预备) 1.
  await drawer.getByRole('button', { name: '按签到表逐人录入' }).click();
  const pass = page.getByTestId('attendance-pass');
  await expect(pass).toContainText('第 1 / 5 人：艾一');
  // Esc ends the pass, not the meeting: the drawer stays open, and the pass starts again.
  await page.keyboard.press('Escape');
  await expect(pass).toBeHidden();
  await expect(drawer).toBeVisible();
  await drawer.getByRole('button', { name: '按签到表逐人录入' }).click();
  await expect(pass).toContainText('第 1 / 5 人：艾一');
  await page.keyboard.press('1');
  await expect(pass).toContainText('第 2 / 5 人：白二');
  await page.keyboard.press('3');
  await page.keyboard.type('外出');
  await page.keyboard.press('Enter');
  await expect(pass).toContainText('第 3 / 5 人：陈三');
  await page.keyboard.press('4');
  await page.keyboard.type('生病');
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  await expect(pass).toContainText('冯五（预备党员，无表决权）');
  await page.keyboard.press('1');
  const counts = page.getByTestId('meeting-counts');
  await expect(counts).toContainText('实到 3 人');
  await expect(counts).toContainText('请假 1 人');
  await expect(counts).toContainText('缺席 1 人');
  await expect(page.getByTestId('quorum')).toContainText('有表决权 4 人，到会 2 人，未过半数：还需 1 人');

  // A decision is refused while the quorum is missed.
  await drawer.getByRole('tab', { name: '决议与督办' }).click();
  await drawer.getByLabel('决议内容').fill('同意冯五按期转正');
  await drawer.getByRole('button', { name: '记录决议' }).click();
  await expect(page.getByText('还需 1 人到会才能表决或形成决议')).toBeVisible();

  // 陈三 came after all: the quorum is met.
  await drawer.getByRole('tab', { name: '出席情况' }).click();
  await drawer.getByRole('radiogroup', { name: '陈三的出席情况' }).getByText('迟到').click();
  await expect(page.getByTestId('quorum')).toContainText('已过半数');

  // Minutes with a 常用语 filled from the live counts.
  await drawer.getByRole('tab', { name: '议程与记录' }).click();
  await drawer.getByLabel('新议程').fill('讨论预备党员转正');
  await drawer.getByRole('button', { name: '添加议程' }).click();
  await drawer.getByRole('button', { name: '应到5人，实到4人，符合规定人数。' }).click();
  const minutes = drawer.getByLabel('讨论预备党员转正的发言记录');
  await expect(minutes).toHaveValue(/应到5人，实到4人，符合规定人数。/);
  await minutes.click();
  await page.keyboard.press('End');
  await page.keyboard.type('\n白二请假，陈三迟到。支部书记介绍了冯五的考察情况。');
  await drawer.getByRole('tab', { name: '决议与督办' }).click();

  // The vote: 4 present, but 冯五 is a 预备党员: only 3 may vote, so 4 votes are refused.
  await drawer.getByLabel('决议内容').fill('同意冯五按期转正');
  await drawer.getByLabel('同意票数').fill('4');
  await drawer.getByRole('button', { name: '记录决议' }).click();
  await expect(page.getByText('共 4 票，多于到会有表决权的正式党员 3 人（另有 1 名预备党员等到会，无表决权）')).toBeVisible();
  // 3 of the 4 with a vote due: passed and numbered, with the figures it was taken with.
  await drawer.getByLabel('同意票数').fill('3');
  await drawer.getByRole('button', { name: '记录决议' }).click();
  const decisions = drawer.getByTestId('decisions');
  await expect(decisions).toContainText(`〔${year}〕第 1 号\u3000同意冯五按期转正（同意 3 票，反对 0 票，弃权 0 票；有表决权应到 4 人，同意超过半数（至少 3 票），通过）`);
  // 2 of 4 is not more than half of those due: recorded as 未通过, without a number.
  await drawer.getByLabel('决议内容').fill('同意调整党小组划分');
  await drawer.getByLabel('同意票数').fill('2');
  await drawer.getByLabel('反对票数').fill('1');
  await drawer.getByRole('button', { name: '记录决议' }).click();
  await expect(decisions).toContainText('（未通过，不编号）\u3000同意调整党小组划分（同意 2 票，反对 1 票，弃权 0 票；有表决权应到 4 人，同意未超过应到有表决权党员的半数（须至少 3 票），未通过）');
  await expect(decisions.getByText('未通过', { exact: true })).toBeVisible();
  // An election: more than half of the 3 with a vote present.
  await drawer.getByRole('radiogroup', { name: '类别' }).getByText('选举', { exact: true }).click();
  await drawer.getByLabel('决议内容').fill('选举支部组织委员');
  await drawer.getByLabel('候选人1', { exact: true }).fill('丁四');
  await drawer.getByLabel('候选人1得票').fill('2');
  await drawer.getByRole('button', { name: '添加候选人' }).click();
  await drawer.getByLabel('候选人2', { exact: true }).fill('艾一');
  await drawer.getByLabel('候选人2得票').fill('1');
  await drawer.getByRole('button', { name: '记录选举' }).click();
  await expect(decisions).toContainText(`〔${year}〕第 2 号\u3000选举支部组织委员（有表决权应到 4 人、到会 3 人）：丁四 2 票（当选），艾一 1 票（未当选）`);
  await drawer.getByRole('radiogroup', { name: '类别' }).getByText('决议', { exact: true }).click();
  await decisions.getByRole('listitem').filter({ hasText: '同意冯五按期转正' }).getByRole('button', { name: '添加督办', exact: true }).click();
  const taskDialog = page.getByRole('dialog', { name: '添加督办事项' });
  await taskDialog.getByLabel('督办事项').fill('报街道党工委审批冯五转正');
  await pickOption(page, taskDialog.getByLabel('负责人'), '丁四');
  await taskDialog.getByRole('button', { name: /添\s*加/ }).click();
  await expect(drawer).toContainText('报街道党工委审批冯五转正');

  // 白二 is marked present afterwards: the recorded results keep their figures and are flagged for review.
  await drawer.getByRole('tab', { name: '出席情况' }).click();
  await drawer.getByRole('radiogroup', { name: '白二的出席情况' }).getByText('出席').click();
  await drawer.getByRole('tab', { name: '决议与督办' }).click();
  await expect(decisions).toContainText('丁四 2 票（当选）');
  await expect(decisions.getByTestId('decision-review')).toHaveCount(3);
  await expect(decisions.getByTestId('decision-review').first()).toContainText('表决时有表决权应到 4 人、到会 3 人，现在为 4 人、4 人');
  await snap(page, 'meeting-drawer-review');
  for (let i = 0; i < 3; i++) await decisions.getByRole('button', { name: '已复核，维持原结果' }).first().click();
  await expect(decisions.getByTestId('decision-review')).toHaveCount(0);

  // The record on paper states the quorum figures and the follow-ups.
  await drawer.getByRole('button', { name: '打印会议记录' }).click();
  const preview = page.getByTestId('print-preview');
  await expect(preview).toContainText('有表决权的正式党员应到 4 人，实到 4 人（另有预备党员等 1 人到会，无表决权，不计入），超过半数，符合规定人数，可以进行表决。');
  await expect(preview).toContainText('督办事项');
  await expect(preview).toContainText('1. 报街道党工委审批冯五转正（负责：丁四');
  await expect(preview).toContainText('（未通过，不编号）');
  await page.getByRole('dialog', { name: /打印预览/ }).getByRole('button', { name: '关闭' }).click();

  // Finalize: read-only, version 1.
  await drawer.getByRole('button', { name: /定\s*稿/ }).click();
  await expect(drawer).toContainText('已定稿 第1版');
  await drawer.getByRole('tab', { name: '议程与记录' }).click();
  await expect(drawer.getByLabel('讨论预备党员转正的发言记录')).toBeDisabled();
  await expect(drawer.getByLabel('讨论预备党员转正的发言记录')).toHaveValue(/支部书记介绍了冯五的考察情况/);
  await drawer.getByRole('button', { name: '关闭' }).first().click();

  // The next meeting of the branch shows the open follow-up.
  await newMeeting(page);
  await page.locator('.ant-drawer').getByRole('tab', { name: '议程与记录' }).click();
  const carried = page.getByTestId('agenda-carried');
  await expect(carried).toContainText('上次会议决定事项落实情况');
  await expect(carried).toContainText('报街道党工委审批冯五转正');
  await carried.getByLabel('「报街道党工委审批冯五转正」的进展情况').fill('材料已报街道党工委');
  await carried.getByLabel('「报街道党工委审批冯五转正」的进展情况').blur();
  await page.locator('.ant-drawer').getByRole('tab', { name: '决议与督办' }).click();
  await expect(page.getByTestId('carried-tasks')).toContainText('报街道党工委审批冯五转正');
  await expect(page.getByTestId('carried-tasks').getByLabel('「报街道党工委审批冯五转正」的进展情况')).toHaveValue('材料已报街道党工委');
  await page.locator('.ant-drawer').getByRole('button', { name: '关闭' }).first().click();

  // The month is filled in the calendar.
  await page.getByRole('tab', { name: '年度日历' }).click();
  const month = new Date().getMonth();
  const row = page.getByTestId('meeting-calendar').getByRole('row', { name: /第一网格党支部/ });
  // Twelve months fit 1366 px without sideways scrolling (short names in the cells, the full name on hover).
  await expect(row.getByRole('cell').nth(month + 1).getByText('党员大会')).toHaveAttribute('title', '支部党员大会');
  const calendarBox = page.getByTestId('meeting-calendar');
  expect(await calendarBox.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await snap(page, 'meeting-calendar');
  // A branch set up this month is not marked as missing anything before it existed.
  await expect(row).not.toContainText('缺');
  // The year's 三会一课 report, as an official 报告, from the same calendar and the attendance.
  await row.getByRole('button', { name: '生成报告' }).click();
  const report = await page.locator('.ant-drawer').getByLabel('正文').inputValue();
  expect(report).toContain('支部党员大会：');
  expect(report).toContain('全年召开1次');
  expect(report).toContain('全年党员参会出勤率100%');
  await expect(page.locator('.ant-drawer').getByLabel('主送机关')).toHaveValue('街道党工委');
  await page.locator('.ant-drawer').getByRole('button', { name: '关闭' }).first().click();

  // The street office sees the same meeting after sync.
  await connectFromSettings(page, issue('clerk', '350102001001', '王小红'));
  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const street = await streetContext.newPage();
  await streetSignIn(street, issue('street', '350102001', '李组织委员'));
  // The feed folds the clerk's run of edits of the meeting (each attendance mark is a change) into one row counting them.
  const meetingEdits = street.getByTestId('street-feed').getByRole('row').filter({ hasText: '第一网格党支部支部党员大会' });
  await expect(meetingEdits.filter({ hasText: /修改 \d+ 次（[^）]*出席情况/ }).first()).toBeVisible({ timeout: 20_000 });
  await snap(street, 'street-feed', meetingEdits.first());
  // The street's calendar shows the branch's meeting this month; a click opens it in the community.
  const streetRow = street.getByTestId('street-calendar').getByRole('row', { name: /第一网格党支部/ });
  await expect(streetRow.getByRole('cell').nth(month + 2).getByText('党员大会')).toHaveAttribute('title', '支部党员大会', { timeout: 20_000 });
  // Twelve months fit 1366 px at the street too, and a branch created today misses nothing before it existed.
  const streetCalendar = street.getByTestId('street-calendar');
  expect(await streetCalendar.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  expect(await street.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const december = (await streetCalendar.getByRole('columnheader', { name: '12月' }).boundingBox())!;
  expect(december.x + december.width).toBeLessThanOrEqual(1366);
  await expect(streetRow).not.toContainText('缺');
  await snap(street, 'street-calendar', streetCalendar);
  await streetRow.getByRole('cell').nth(month + 2).getByText('党员大会').click();
  await expect(street.getByTestId('community-title')).toContainText('三坊七巷社区');
  await expect(street.getByTestId('meeting-counts')).toContainText('实到 5 人', { timeout: 15_000 });
  await expect(street.locator('.ant-drawer')).toContainText('已定稿 第1版');
  await street.locator('.ant-drawer').getByRole('button', { name: '关闭' }).first().click();
  await expect(street.getByTestId('meeting-list')).toContainText('第一网格党支部支部党员大会');
  // The street's PC opened again lands on the street's overview, not in the community it last looked at.
  await street.reload();
  await expect(street.getByTestId('street-communities')).toContainText('三坊七巷社区');
  await communityContext.close();
  await streetContext.close();
});

test('a finalized record edited offline elsewhere before the lock was known: both PCs keep the finalized version and show the edit as 待确认', async ({ browser }) => {
  test.setTimeout(150_000);
  const communityContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await communityContext.newPage();
  await branchWithMembers(page);
  await connectFromSettings(page, issue('clerk', '350102001001', '王小红'));
  await openScreen(page, '会议记录');
  await newMeeting(page);
  const drawer = page.locator('.ant-drawer');
  await drawer.getByRole('button', { name: '按签到表逐人录入' }).click();
  for (let i = 0; i < 5; i++) await page.keyboard.press('1');
  await expect(page.getByTestId('meeting-counts')).toContainText('实到 5 人');
  await expect(page.getByTestId('sync-status')).toContainText('已同步');

  const streetContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const street = await streetContext.newPage();
  await streetOpensCommunity(street, issue('street', '350102001', '李组织委员'));
  await openScreen(street, '会议记录');
  await street.getByTestId('meeting-list').getByText('第一网格党支部支部党员大会').click();
  const streetDrawer = street.locator('.ant-drawer');
  await expect(street.getByTestId('meeting-counts')).toContainText('实到 5 人');

  // The street goes offline and edits; meanwhile the community finalizes.
  await streetContext.setOffline(true);
  await expect(street.getByTestId('sync-status')).toContainText('离线');
  await streetDrawer.getByRole('tab', { name: '基本信息' }).click();
  await streetDrawer.getByLabel('会议名称').fill('街道改过的会议名称');
  await streetDrawer.getByRole('button', { name: '保存基本信息' }).click();
  await drawer.getByRole('button', { name: /定\s*稿/ }).click();
  await expect(drawer).toContainText('已定稿 第1版');
  await expect(page.getByTestId('sync-status')).toContainText('已同步');
  await streetContext.setOffline(false);
  await expect(street.getByTestId('sync-status')).toContainText('已同步', { timeout: 30_000 });

  for (const [p, d] of [[page, drawer], [street, streetDrawer]] as const) {
    await expect(p.getByTestId('meeting-proposals')).toContainText('有 1 处修改待确认', { timeout: 15_000 });
    await expect(p.getByTestId('meeting-proposals')).toContainText('李组织委员');
    await expect(d).toContainText('第一网格党支部支部党员大会');
    await expect(d).not.toContainText('街道改过的会议名称');
    await expect(d).toContainText('已定稿 第1版');
  }
  await page.getByTestId('meeting-proposals').getByRole('button', { name: '不采纳' }).click();
  await expect(page.getByTestId('meeting-proposals')).toBeHidden();
  await expect(street.getByTestId('meeting-proposals')).toBeHidden({ timeout: 15_000 });
  await communityContext.close();
  await streetContext.close();
});
