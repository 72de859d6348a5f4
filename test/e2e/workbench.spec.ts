import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import dayjs from 'dayjs';
import * as Y from 'yjs';
import { encodeDocBackup } from '../../src-shared/backup/backupFile';
import { writeCommunityInfo } from '../../src-shared/community/communityInfo';
import { OrgTree } from '../../src-shared/records';
import { idNumberCheckChar } from '../../src-shared/records/person/idNumber';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { COMMUNITY, openScreen, pickOption, printedText, readDownloadedXlsx, snap } from './helpers';
import { connectFromSettings, streetSignIn, useStreetServer } from './streetServer';

const streetServer = useStreetServer(6300);

/** Issue 25: 工作台 — today's work from the records, and the community's figures as charts. */

const today = dayjs();
const day = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');

/** An 18-digit ID number for a birth date (the roster derives sex and birth date from it). */
function idFor(birth: string, serial: number, female: boolean): string {
  const seq = String(serial * 2 + (female ? 0 : 1)).padStart(3, '0');
  const first17 = `350102${birth.replace(/-/g, '')}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * A community kept for three months (its branch set up then), as a backup file: the branch has held this month's
 * 主题党日 and this quarter's 大会 and 党课 but not this month's 支委会; last month's 支委会 left a 督办 item five days
 * overdue; 陈三's year as a 预备党员 ends in ten days; a booking of a venue that needs approval waits.
 */
async function scenarioBackup(dir: string, community: { code: string; name: string } = COMMUNITY): Promise<string> {
  const start = today.subtract(90, 'day').valueOf();
  const doc = new Y.Doc();
  const repos = createRepositories(doc, fixedContext({ name: '王小红' }, start));
  writeCommunityInfo(doc, { code: community.code, name: community.name, streetName: COMMUNITY.street, createdAt: start });
  const tree = new OrgTree(repos.orgNodes);
  tree.ensureRoots(COMMUNITY.street, community.name);
  const top = tree.tree()[0]!.children[0]!.node;
  const grid = tree.addChild(top.id, { name: '第一网格党支部', kind: 'grid' });
  const member = (name: string, birth: string, female: boolean, over: Record<string, unknown>, serial: number) =>
    repos.people.create({ name, roles: ['党员'], idNumber: idFor(birth, serial, female), orgNodeId: grid.id, category: '正式党员', ...over } as never);
  const ai = member('艾一', '1950-03-01', false, { education: '大学本科', ethnicity: '汉族', joinDate: '1975-01-01', confirmDate: '1976-01-01', tags: ['支部委员'] }, 1);
  member('白二', '1995-06-01', true, { education: '研究生', ethnicity: '回族', joinDate: '2018-07-01', confirmDate: '2019-07-01' }, 2);
  member('陈三', '1998-02-01', true, { education: '大学本科', ethnicity: '汉族', category: '预备党员', joinDate: day(today.subtract(1, 'year').add(10, 'day')) }, 3);
  member('丁四', '1970-10-01', false, { education: '高中/中技', ethnicity: '汉族', joinDate: '1995-05-01', confirmDate: '1996-05-01' }, 4);
  member('鄂五', '1985-01-01', true, { education: '大学专科', ethnicity: '畲族', joinDate: '2010-05-01', confirmDate: '2011-05-01' }, 5);
  member('冯六', '1962-08-01', false, { education: '初中及以下', ethnicity: '汉族', joinDate: '1990-05-01', confirmDate: '1991-05-01' }, 6);
  const held = (meetingType: string, date: dayjs.Dayjs) => repos.meetings.create({ title: `第一网格党支部${meetingType}`, meetingType, date: day(date), orgNodeId: grid.id, status: '已定稿' } as never);
  held('主题党日', today);
  held('支部党员大会', today.startOf('month').subtract(today.month() % 3, 'month'));
  held('党课', today.startOf('month').subtract(today.month() % 3, 'month'));
  const last = held('支委会', today.subtract(1, 'month'));
  repos.meetingTasks.create({ meetingId: last.id, orgNodeId: grid.id, title: '走访困难党员冯六', ownerPersonId: ai.id, dueDate: day(today.subtract(5, 'day')) });
  const venue = repos.venues.create({ name: '党群活动室', capacity: 30, needsApproval: true });
  repos.bookings.create({ venueId: venue.id, venue: '党群活动室', date: day(today.add(3, 'day')), startHour: 9, endHour: 10, booker: '张大爷', phone: '13800000001', status: '待审批' });
  const { bytes } = await encodeDocBackup(doc, { operator: '王小红', device: 'test' }, start);
  const file = join(dir, `scenario-${community.code}.cdbak`);
  writeFileSync(file, bytes);
  return file;
}

async function setUpFromBackup(page: Page, file: string, name = COMMUNITY.name): Promise<void> {
  await page.goto('/');
  await page.locator('input[type=file][accept=".cdbak"]').setInputFiles(file);
  await page.getByLabel('恢复后由谁操作').fill('王小红');
  await page.getByRole('button', { name: '用这个备份设置本机' }).click();
  await expect(page.getByTestId('community-title')).toContainText(name);
}

const card = (page: Page, key: string) => page.getByTestId(`todo-${key}`);

test('今日待办: a meeting missing this month, an overdue 督办, a 预备党员 due and a booking awaiting approval each show, open their record, and go once cleared', async ({ browser }) => {
  test.setTimeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), 'desk-workbench-'));
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true })).newPage();
  await setUpFromBackup(page, await scenarioBackup(dir));

  // The community opens on its 工作台.
  await expect(page.getByRole('tab', { name: '今日待办', selected: true })).toBeVisible();
  await expect(card(page, 'meetings')).toContainText('第一网格党支部 · 支委会');
  await expect(card(page, 'meetings')).not.toContainText('主题党日');
  await expect(card(page, 'tasks')).toContainText('走访困难党员冯六');
  await expect(card(page, 'tasks')).toContainText('（已超期 5 天） · 负责人 艾一');
  await expect(card(page, 'probation')).toContainText('陈三');
  await expect(card(page, 'probation')).toContainText('还有 10 天');
  await expect(card(page, 'bookings')).toContainText('待审批：党群活动室 9:00–10:00 张大爷');
  await expect(card(page, 'whistles')).toContainText('没有临近期限或未报到的吹哨事项');
  // Every card is on screen at 1366 × 768 without sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await snap(page, 'workbench-todo');

  // Keyboard: Tab reaches a row, Enter opens its record — the overdue 督办 item's meeting.
  const taskRow = card(page, 'tasks').getByRole('button', { name: /走访困难党员冯六/ });
  await taskRow.focus();
  await page.keyboard.press('Enter');
  const drawer = page.locator('.ant-drawer');
  await expect(drawer).toContainText('第一网格党支部支委会');
  // It opens on 决议与督办, where the item is.
  await expect(drawer.getByRole('tab', { name: '决议与督办' })).toHaveAttribute('aria-selected', 'true');
  await pickOption(page, drawer.getByLabel('「走访困难党员冯六」的状态'), '已完成');
  await drawer.getByRole('button', { name: '关闭' }).first().click();
  await openScreen(page, '工作台');
  await expect(card(page, 'tasks')).toContainText('没有逾期或 7 天内到期的督办事项');

  // The 预备党员 opens in the roster: 转正 recorded, the card clears.
  await card(page, 'probation').getByRole('button', { name: /陈三/ }).click();
  const person = page.getByRole('dialog').filter({ hasText: '陈三' });
  await expect(person.getByLabel('姓名')).toHaveValue('陈三');
  await pickOption(page, person.getByLabel('人员类别'), '正式党员');
  await person.getByLabel('转正日期').fill(day(today));
  await person.getByLabel('转正日期').press('Enter');
  await person.getByLabel('姓名').press('Control+s');
  await expect(person).toBeHidden();
  await openScreen(page, '工作台');
  await expect(card(page, 'probation')).toContainText('没有 30 天内到期或超期未转正的预备党员');

  // The booking opens on its day; approving it clears the card (it stays as one of the day's bookings only on its day).
  await card(page, 'bookings').getByRole('button', { name: /张大爷/ }).click();
  await expect(page.getByTestId('day-grid')).toHaveAttribute('data-date', day(today.add(3, 'day')));
  await page.getByRole('button', { name: /^批\s*准$/ }).click();
  await openScreen(page, '工作台');
  await expect(card(page, 'bookings')).toContainText('没有待审批的预约，今天也没有预约');

  // The missing meeting starts a 支委会 of the branch; once held and finalized the card clears.
  await card(page, 'meetings').getByRole('button', { name: /支委会/ }).click();
  const create = page.getByRole('dialog', { name: '新建会议' });
  await expect(create.getByLabel('会议类型').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')).toContainText('支委会');
  await create.getByRole('button', { name: /新\s*建/ }).click();
  await expect(drawer).toContainText('应到 1 人');
  await drawer.getByRole('tab', { name: '出席情况' }).click();
  await drawer.getByRole('radiogroup', { name: '艾一的出席情况' }).getByText('出席').click();
  await drawer.getByRole('button', { name: /定\s*稿/ }).click();
  await expect(drawer).toContainText('已定稿 第1版');
  await drawer.getByRole('button', { name: '关闭' }).first().click();
  await openScreen(page, '工作台');
  await expect(card(page, 'meetings')).toContainText('没有应开而未开的三会一课');
  await snap(page, 'workbench-todo-cleared');

  // 统计: the 党员结构 numbers equal a recompute from the roster as entered above.
  await page.getByRole('tab', { name: '统计图表' }).click();
  await expect(page.getByTestId('structure-total')).toContainText('共有党员 6 人');
  const education = page.getByTestId('chart-structure-education-table');
  const rowOf = async (table: ReturnType<Page['getByTestId']>, label: string) => (await table.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) }).innerText()).replace(/\s+/g, ' ').trim();
  // 研究生 白二; 大学本科 艾一 陈三; 大学专科 鄂五; 中专 nobody; 高中/中技 丁四; 初中及以下 冯六.
  expect(await rowOf(education, '研究生')).toBe('研究生 1 16.7%');
  expect(await rowOf(education, '大学本科')).toBe('大学本科 2 33.3%');
  expect(await rowOf(education, '中专')).toBe('中专 0 0%');
  expect(await rowOf(education, '初中及以下')).toBe('初中及以下 1 16.7%');
  const age = page.getByTestId('chart-structure-age-table');
  const ageOf = (birth: string) => today.diff(dayjs(birth), 'year');
  const ages = ['1950-03-01', '1995-06-01', '1998-02-01', '1970-10-01', '1985-01-01', '1962-08-01'].map(ageOf);
  expect(await rowOf(age, '30岁及以下')).toContain(`30岁及以下 ${ages.filter((a) => a <= 30).length}`);
  expect(await rowOf(age, '71岁及以上')).toContain(`71岁及以上 ${ages.filter((a) => a >= 71).length}`);
  const ethnicity = page.getByTestId('chart-structure-ethnicity-table');
  expect(await rowOf(ethnicity, '少数民族')).toBe('少数民族 2 33.3%');
  const category = page.getByTestId('chart-structure-category-table');
  expect(await rowOf(category, '预备党员')).toBe('预备党员 0 0%'); // 陈三 was confirmed above
  // A figure opens the people behind it.
  await education.getByRole('button', { name: /大学本科 2 人/ }).click();
  await expect(page.getByTestId('figure-people')).toContainText('艾一');
  await expect(page.getByTestId('figure-people')).toContainText('陈三');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('figure-people')).toBeHidden();
  await snap(page, 'workbench-structure');

  // The chart's numbers as .xlsx and on A4 with its title, the community and the figures.
  const chart = page.getByTestId('chart-structure-education');
  const xlsx = await readDownloadedXlsx(page, () => chart.getByRole('button', { name: '导出Excel' }).click(), join(dir, 'education.xlsx'));
  // Its title, the community and the date above the numbers; the share a number shown as a percentage.
  expect(xlsx.rows.slice(0, 3)).toEqual([['三坊七巷社区党委党员学历结构'], [`三坊七巷社区\u3000统计日期：${today.year()}年${today.month() + 1}月${today.date()}日`], ['类别', '人数', '占比']]);
  const college = xlsx.rows.find((r) => r[0] === '大学本科')!;
  expect(college[1]).toBe('2');
  expect(Number(college[2])).toBeCloseTo(2 / 6, 6);
  await chart.getByRole('button', { name: '打印' }).click();
  await expect(page.getByTestId('print-preview').locator('svg').first()).toBeVisible();
  const printed = await printedText(page, join(dir, 'education.pdf'));
  expect(printed).toContain('三坊七巷社区党委党员学历结构');
  expect(printed).toContain('三坊七巷社区');
  expect(printed).toContain(`统计日期：${today.year()}年${today.month() + 1}月${today.date()}日`);
  expect(printed).toMatch(/大学本科\s+2\s+33\.3%/);

  // The other charts: figures where there are records, a plain sentence where there are none.
  await page.getByRole('tab', { name: '场地使用' }).click();
  await expect(page.getByTestId('chart-venues-table')).toContainText('党群活动室');
  await page.getByRole('tab', { name: '吹哨报到' }).click();
  await expect(page.getByTestId('chart-whistles')).toContainText(`${today.year()}年还没有吹哨报到事项`);
  await page.getByRole('tab', { name: '三会一课' }).click();
  await expect(page.getByTestId('meeting-completion-table')).toContainText('第一网格党支部');
  await snap(page, 'workbench-meetings');

  // The yearly table: each figure opens its people; printed and exported with the same figures.
  await page.getByRole('tab', { name: '年度统计表' }).click();
  const yearly = page.getByTestId('yearly-table');
  await expect(yearly.getByRole('button', { name: '第一网格党支部 女党员 3' })).toBeVisible();
  await yearly.getByRole('button', { name: '第一网格党支部 少数民族 2' }).click();
  await expect(page.getByTestId('figure-people')).toContainText('白二');
  await expect(page.getByTestId('figure-people')).toContainText('鄂五');
  await page.keyboard.press('Escape');
  await snap(page, 'workbench-yearly');
  const table = await readDownloadedXlsx(page, () => page.getByRole('button', { name: '导出Excel' }).click(), join(dir, 'yearly.xlsx'));
  expect(table.rows[0]).toEqual(['2026年党员队伍统计表']);
  expect(table.rows[2]).toContain('35岁及以下');
  expect(table.rows.find((r) => r[0]!.includes('第一网格党支部'))!.slice(1, 4)).toEqual(['6', '3', '2']);
  await page.getByRole('button', { name: '打印' }).click();
  const yearlyPdf = await printedText(page, join(dir, 'yearly.pdf'));
  expect(yearlyPdf).toContain(`${today.year()}年党员队伍统计表`);
  expect(yearlyPdf).toMatch(/第一网格党支部\s+6\s+3\s+2/);
  await page.context().close();
});

test('the street\'s 工作台 lists the 待办 counts and figures of two communities after they sync, and opens one', async ({ browser }) => {
  test.setTimeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), 'desk-workbench-street-'));
  const second = { code: '350102001002', name: '光禄坊社区' };
  const pcs: Page[] = [];
  for (const community of [{ code: COMMUNITY.code, name: COMMUNITY.name }, second]) {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await setUpFromBackup(page, await scenarioBackup(dir, community), community.name);
    await connectFromSettings(page, streetServer.issue('clerk', community.code, '王小红'));
    pcs.push(page);
  }
  // The second community's clerk approves its booking: its 场地预约 count drops to 0, the first's stays 1.
  await openScreen(pcs[1]!, '场地预约');
  await pcs[1]!.getByRole('button', { name: /^批\s*准$/ }).click();
  await expect(pcs[1]!.getByTestId('sync-status')).toContainText('已同步');

  const street = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true })).newPage();
  await streetSignIn(street, streetServer.issue('street', '350102001', '李组织委员'));
  const table = street.getByTestId('street-workbench-table');
  const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
  // The counts come from each community's street facts; the page asks again while a community is being brought up to date.
  await expect(rowOf('三坊七巷社区')).toHaveCount(1, { timeout: 30_000 });
  await expect(rowOf('光禄坊社区')).toHaveCount(1, { timeout: 30_000 });
  const cells = async (name: string) => (await rowOf(name).getByRole('cell').allInnerTexts()).map((t) => t.trim());
  // 社区, 三会一课, 督办事项, 吹哨报到, 共建协议到期, 场地预约, 合并后待处理, 预备党员转正, 在职党员报到, 党员总数, 预备党员, 女党员, …
  await expect.poll(async () => (await cells('三坊七巷社区')).slice(0, 12).join(' '), { timeout: 30_000 }).toBe('三坊七巷社区 1 1 0 0 1 0 1 0 6 1 3');
  await expect.poll(async () => (await cells('光禄坊社区')).slice(0, 12).join(' '), { timeout: 30_000 }).toBe('光禄坊社区 1 1 0 0 0 0 1 0 6 1 3');
  expect((await cells('全街道合计')).slice(0, 12).join(' ')).toBe('全街道合计 2 2 0 0 1 0 2 0 12 2 6');
  expect(await street.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await snap(street, 'street-workbench', street.getByTestId('street-workbench'));

  // The drill-down: one community's rows and its members' structure, from the server's facts.
  await table.getByRole('button', { name: '光禄坊社区' }).click();
  const detail = street.getByTestId('street-workbench-detail');
  await expect(detail).toContainText('走访困难党员冯六');
  await expect(detail).toContainText('陈三');
  await expect(detail).toContainText('没有待审批的预约，今天也没有预约');
  await expect(detail).toContainText('学历结构');
  await snap(street, 'street-workbench-detail');
  await street.getByRole('button', { name: '打开这个社区' }).click();
  await expect(street.getByTestId('community-title')).toContainText('光禄坊社区');
  await expect(street.getByTestId('todo-tasks')).toContainText('走访困难党员冯六');
});
