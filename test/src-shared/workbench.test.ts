import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OrgTree } from '../../src-shared/records';
import { yearCalendar, REQUIRED_BY_NODE_KIND } from '../../src-shared/records/meeting/meetingRules';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { seededRandom } from '../../src-shared/testing/seededRandom';
import { meetingCompletion, venueUsageCharts, volunteerMonthsChart } from '../../src-shared/workbench/charts';
import { ageBand, educationBucket, fullYears, memberStructure, partyAgeBand, yearlySummary, type MemberFacts } from '../../src-shared/workbench/memberStructure';
import { calendarFactsOf, todoCards, type TodoCardKey } from '../../src-shared/workbench/todoCards';
import { yearlySummaryPrint } from '../../src-shared/print/workbenchPrints';

const TODAY = '2026-12-03';

function community() {
  const doc = new Y.Doc();
  const repos = createRepositories(doc, fixedContext({ name: '王小红' }, Date.UTC(2026, 0, 1)));
  const tree = new OrgTree(repos.orgNodes);
  tree.ensureRoots('南街街道', '三坊七巷社区');
  const top = tree.tree()[0]!.children[0]!.node;
  const grid = tree.addChild(top.id, { name: '第一网格党支部', kind: 'grid' });
  return { doc, repos, tree, top, grid };
}

const counts = (cards: ReturnType<typeof todoCards>) => Object.fromEntries(cards.map((c) => [c.key, c.count])) as Record<TodoCardKey, number>;

describe('今日待办 cards', () => {
  it('shows each kind of work due from the records, and clearing each removes it', () => {
    const { doc, repos, grid } = community();
    const before = counts(todoCards(repos, doc, TODAY));
    // A branch founded on 1 January owes December's 支委会 and 主题党日 (and the quarter's and year's meetings).
    const meetings = todoCards(repos, doc, TODAY).find((c) => c.key === 'meetings')!;
    expect(meetings.rows.map((r) => r.text)).toContain('第一网格党支部 · 支委会');
    expect(meetings.rows.find((r) => r.text.endsWith('支委会'))!.note).toBe('12月31日前应召开（还有 28 天）');

    const member = repos.people.create({ name: '冯五', roles: ['党员'], category: '预备党员', joinDate: '2025-12-20', orgNodeId: grid.id });
    const meeting = repos.meetings.create({ title: '支委会', meetingType: '支委会', date: '2026-11-10', orgNodeId: grid.id });
    const task = repos.meetingTasks.create({ meetingId: meeting.id, orgNodeId: grid.id, title: '走访困难党员', ownerPersonId: member.id, dueDate: '2026-11-30' });
    const venue = repos.venues.create({ name: '党群活动室' });
    const booking = repos.bookings.create({ venueId: venue.id, venue: '党群活动室', date: '2026-12-05', startHour: 9, endHour: 10, booker: '张大爷', phone: '13800000001', status: '待审批' });
    const cards = todoCards(repos, doc, TODAY);
    const rows = (key: TodoCardKey) => cards.find((c) => c.key === key)!.rows;
    expect(rows('probation')).toEqual([expect.objectContaining({ text: '冯五', note: '预备期 12月20日届满（还有 17 天），请准备转正讨论', target: { screen: 'roster', id: member.id } })]);
    expect(rows('tasks')).toEqual([expect.objectContaining({ text: '走访困难党员', note: '11月30日到期（已超期 3 天） · 负责人 冯五', overdue: true, target: { screen: 'meetings', tab: 'decisions', id: meeting.id } })]);
    expect(rows('bookings')).toEqual([expect.objectContaining({ text: '待审批：党群活动室 9:00–10:00 张大爷', note: '12月5日' })]);

    repos.people.update(member.id, { category: '正式党员', confirmDate: '2026-12-03' });
    repos.meetingTasks.update(task.id, { status: '已完成' });
    repos.bookings.update(booking.id, { status: '已确认' });
    repos.meetings.create({ title: '支委会', meetingType: '支委会', date: '2026-12-02', orgNodeId: grid.id, status: '已定稿' });
    const after = counts(todoCards(repos, doc, TODAY));
    expect(after).toEqual({ ...before, meetings: before.meetings - 1 });
    expect(todoCards(repos, doc, TODAY).find((c) => c.key === 'meetings')!.rows.map((r) => r.text)).not.toContain('第一网格党支部 · 支委会');
  });

  it('lists what a merge of two offline PCs left for a person: a booking clash and an overdrawn balance', () => {
    const a = community();
    const venue = a.repos.venues.create({ name: '党群活动室' });
    const b = { doc: new Y.Doc() };
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    const reposB = createRepositories(b.doc, fixedContext({ name: '李组织委员' }, Date.UTC(2026, 5, 1)));
    a.repos.bookings.create({ venueId: venue.id, venue: '党群活动室', date: '2026-12-10', startHour: 14, endHour: 16, booker: '张三', phone: '13800000001' });
    reposB.bookings.create({ venueId: venue.id, venue: '党群活动室', date: '2026-12-10', startHour: 15, endHour: 17, booker: '李四', phone: '13800000002' });
    a.repos.pointEntries.create({ personKey: 'walkin:赵六|1', personName: '赵六', date: '2026-11-01', kind: '奖励', points: 3, reason: '补记' });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.repos.pointEntries.create({ personKey: 'walkin:赵六|1', personName: '赵六', date: '2026-12-01', kind: '兑换', points: -3, item: '毛巾', handedBy: '王小红' });
    reposB.pointEntries.create({ personKey: 'walkin:赵六|1', personName: '赵六', date: '2026-12-01', kind: '兑换', points: -2, item: '肥皂', handedBy: '李组织委员' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    for (const [doc, repos] of [[a.doc, a.repos], [b.doc, reposB]] as const) {
      const merge = todoCards(repos, doc, TODAY).find((c) => c.key === 'merge')!;
      expect(merge.rows.map((r) => `${r.text}｜${r.note}`)).toEqual(['预约冲突：党群活动室 12月10日｜14:00–16:00 张三，与 15:00–17:00 李四', '积分透支：赵六 余额 -2 分｜兑换超出余额']);
    }
  });

  it('says when the backup or the sync is older than allowed, and lists the fields both sides changed', () => {
    const { doc, repos } = community();
    const now = Date.UTC(2026, 11, 3, 9);
    const safety = (backupAt: number | null, syncedAt: number | null) => todoCards(repos, doc, TODAY, { safety: { backupAt, syncedAt, syncConfigured: true, now, limits: { backupDays: 7, syncDays: 3 } } }).find((c) => c.key === 'safety')!.rows.map((r) => r.text);
    expect(safety(now - 86_400_000, now - 3_600_000)).toEqual([]);
    expect(safety(null, now - 5 * 86_400_000)).toEqual(['上次备份：从未', '上次与街道同步：5 天前']);
    const conflicts = todoCards(repos, doc, TODAY, { fieldConflicts: [{ key: 'people:1:phone', text: '张三 · 联系电话' }] }).find((c) => c.key === 'merge')!;
    expect(conflicts.rows[0]).toMatchObject({ text: '张三 · 联系电话', target: { screen: 'conflicts' } });
  });
});

describe('党员结构 and the yearly table', () => {
  it('buckets 学历 as Party statistics do, and bands age and 党龄 (from 转正日期)', () => {
    expect(['博士研究生', '硕士', '大学本科', '本科', '大专', '大学专科', '中专', '中等专业学校', '高中', '技校', '职高', '初中', '小学', '', '其他'].map(educationBucket))
      .toEqual(['研究生', '研究生', '大学本科', '大学本科', '大学专科', '大学专科', '中专', '中专', '高中/中技', '高中/中技', '高中/中技', '初中及以下', '初中及以下', '未填写', '未填写']);
    expect(fullYears('1990-12-04', '2026-12-03')).toBe(35);
    expect(fullYears('1990-12-03', '2026-12-03')).toBe(36);
    expect([30, 31, 35, 36, 60, 61, 70, 71, null].map(ageBand)).toEqual(['30岁及以下', '31至35岁', '31至35岁', '36至45岁', '56至60岁', '61至70岁', '61至70岁', '71岁及以上', '未填写']);
    expect(partyAgeBand({ category: '预备党员', confirmDate: '' }, TODAY)).toBe('预备党员');
    expect(partyAgeBand({ category: '正式党员', confirmDate: '2021-12-04' }, TODAY)).toBe('不满5年');
    expect(partyAgeBand({ category: '正式党员', confirmDate: '2021-12-03' }, TODAY)).toBe('5至9年');
    expect(partyAgeBand({ category: '正式党员', confirmDate: '' }, TODAY)).toBe('未填写');
  });

  it('recomputes every figure from the roster after randomized edits (each figure lists exactly its people)', () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random.next() * xs.length)]!;
      const { doc, repos, tree, top, grid } = community();
      const building = tree.addChild(grid.id, { name: '1号楼党小组', kind: 'building' });
      const other = tree.addChild(top.id, { name: '坊巷党支部', kind: 'lane' });
      const orgs = [top.id, grid.id, building.id, other.id, ''];
      const date = (from: number, to: number) => `${from + Math.floor(random.next() * (to - from))}-${String(1 + Math.floor(random.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random.next() * 28)).padStart(2, '0')}`;
      const randomFields = () => {
        const probationary = random.next() < 0.2;
        const birthDate = pick([date(1930, 2001), '']);
        const adult = birthDate ? Number(birthDate.slice(0, 4)) + 19 : 2000;
        const joinDate = probationary ? date(2025, 2027) : date(adult, Math.max(adult + 1, 2026));
        return {
          gender: pick(['男', '女', ''] as const), ethnicity: pick(['汉族', '回族', '畲族', '']), birthDate,
          education: pick(['研究生', '大学本科', '大学专科', '中专', '高中/中技', '初中及以下', '']), category: probationary ? '预备党员' as const : '正式党员' as const,
          joinDate: joinDate > TODAY ? '2026-01-15' : joinDate, confirmDate: '', orgNodeId: pick(orgs),
        };
      };
      for (let i = 0; i < 60; i++) {
        const f = randomFields();
        const roles = random.next() < 0.15 ? ['党员', '在职党员'] as ('党员' | '在职党员')[] : random.next() < 0.1 ? ['在职党员'] as '在职党员'[] : ['党员'] as '党员'[];
        repos.people.create({ name: `党员${i}`, roles, ...f, employer: roles.includes('在职党员') ? '市自来水公司' : '', confirmDate: f.category === '正式党员' ? addYear(f.joinDate) : '', reportDate: roles.includes('在职党员') && random.next() < 0.5 ? date(2025, 2027).replace(/^2027/, '2026') : '' });
      }
      for (let round = 0; round < 40; round++) {
        const people = repos.people.list();
        const p = pick(people);
        if (random.next() < 0.1) repos.people.delete(p.id);
        else repos.people.update(p.id, { gender: pick(['男', '女'] as const), education: pick(['研究生', '大学本科', '高中/中技', '']), orgNodeId: pick(orgs) });
      }
      const facts = repos.people.pick([...MEMBER_FIELDS]) as unknown as MemberFacts[];
      const nodes = [top, grid, building, other].map((n) => ({ id: n.id, name: n.name, parentId: n.parentId, depth: n.id === top.id ? 0 : n.id === other.id || n.id === grid.id ? 1 : 2 }));
      // This year (as of today) and last year (as of its 31 December: who had joined, who was still 预备 then).
      for (const [year, at] of [[2026, TODAY], [2025, '2025-12-31']] as const) {
        const rows = yearlySummary(facts, nodes, year, TODAY);
        const everyone = repos.people.list();
        const under = (id: string): string[] => [id, ...tree.descendants(id).map((n) => n.id)];
        for (const row of rows) {
          const scope = new Set(under(row.orgNodeId));
          const inScope = (p: (typeof everyone)[number]) => row.orgNodeId === top.id || scope.has(p.orgNodeId);
          const members = everyone.filter((p) => p.roles.includes('党员') && inScope(p) && (p.joinDate === '' || p.joinDate <= at));
          const age = (p: (typeof everyone)[number]) => {
            const birth = p.birthDate;
            if (!birth) return null;
            const y = year - Number(birth.slice(0, 4));
            return birth.slice(5) > at.slice(5) ? y - 1 : y;
          };
          const ids = (list: typeof everyone) => list.map((p) => p.id).sort();
          const within = (d: string) => d.startsWith(`${year}-`) && d <= at;
          const expected = {
            members: ids(members),
            women: ids(members.filter((p) => p.gender === '女')),
            minority: ids(members.filter((p) => p.ethnicity !== '' && !p.ethnicity.startsWith('汉'))),
            upTo35: ids(members.filter((p) => age(p) !== null && age(p)! <= 35)),
            from61: ids(members.filter((p) => age(p) !== null && age(p)! >= 61)),
            college: ids(members.filter((p) => ['研究生', '大学本科', '大学专科'].includes(p.education))),
            probationary: ids(members.filter((p) => p.category === '预备党员' || (p.confirmDate !== '' && p.confirmDate > at))),
            joined: ids(members.filter((p) => within(p.joinDate))),
            confirmed: ids(members.filter((p) => within(p.confirmDate))),
            inServiceReported: ids(everyone.filter((p) => p.roles.includes('在职党员') && inScope(p) && within(p.reportDate))),
          };
          expect(Object.fromEntries(Object.entries(row.figures).map(([k, v]) => [k, [...v].sort()]))).toEqual(expected);
        }
        if (year === 2025) expect(rows[0]!.figures.probationary.length).toBeGreaterThan(everyone.filter((p) => p.category === '预备党员' && p.joinDate <= at).length);
      }
      const rows = yearlySummary(facts, nodes, 2026, TODAY);
      // The structure's bands of the whole community add up to its members, in each dimension.
      const structure = memberStructure(facts.filter((p) => p.roles.includes('党员')), TODAY);
      for (const d of structure) expect(d.bands.reduce((s, b) => s + b.ids.length, 0)).toBe(rows[0]!.figures.members.length);
      void doc;
    }
  });
});

const MEMBER_FIELDS = ['name', 'roles', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'category', 'joinDate', 'confirmDate', 'orgNodeId', 'reportDate'] as const;
function addYear(date: string): string {
  return `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
}

describe('统计 charts', () => {
  it('counts 三会一课 due and held per month exactly as the calendar marks what is missing', () => {
    const { doc, repos, tree, grid } = community();
    tree.addChild(grid.id, { name: '1号楼党小组', kind: 'building' });
    repos.meetings.create({ title: '支委会', meetingType: '支委会', date: '2026-03-10', orgNodeId: grid.id, status: '已定稿' });
    repos.meetings.create({ title: '大会', meetingType: '支部党员大会', date: '2026-02-10', orgNodeId: grid.id, status: '已定稿' });
    repos.meetings.create({ title: '支委会', meetingType: '支委会', date: '2026-04-10', orgNodeId: grid.id, status: '草稿' });
    const facts = calendarFactsOf(repos, doc);
    const rows = meetingCompletion(facts, 2026, TODAY, null);
    for (const row of rows) {
      const node = facts.orgNodes.find((n) => n.id === row.orgNodeId)!;
      const calendar = yearCalendar(facts.meetings, node.id, 2026, REQUIRED_BY_NODE_KIND[node.kind] ?? [], TODAY, undefined, node.since);
      row.months.forEach((cell, i) => expect(cell.due - cell.held).toBe(calendar[i]!.missing.length));
    }
    const branch = rows.find((r) => r.orgNodeId === grid.id)!;
    // Founded in January: the first quarter began as it was set up, so March owes only the month's meetings.
    expect(branch.months[2]).toEqual({ due: 2, held: 1 }); // March: 支委会 held, 主题党日 not
    expect(branch.months[5]).toEqual({ due: 4, held: 0 }); // June: the month's two and the quarter's 大会 and 党课
    expect(branch.months[3]).toEqual({ due: 2, held: 0 }); // a draft is not held
    expect(branch.months[11]).toEqual({ due: 0, held: 0 }); // December has not ended
  });

  it('sums volunteer hours as signed and points by month, and venue hours by venue and weekday', () => {
    const rules = { pointsPerHour: 1, capHoursPerActivity: 2, stepMinutes: 30, multiplier: 1 };
    const chart = volunteerMonthsChart([
      { id: 'a', title: '巡逻', date: '2026-03-07', startTime: '08:00', endTime: '11:00', place: '', deleted: false, rules, attendance: { k: { name: '张三', phone: '', present: true, arrive: '08:00', leave: '11:00' } } } as never,
    ], [{ date: '2026-04-02', kind: '服务', points: 2, activityId: 'a' }, { date: '2026-03-20', kind: '兑换', points: -1 }, { date: '2026-05-06', kind: '奖励', points: 1 }], 2026);
    expect(chart.series[0]!.values[2]).toBe(3);
    // The service points entered in April count in March, the activity's month, with its hours; an award in its own month.
    expect(chart.series[1]!.values.slice(2, 5)).toEqual([2, 0, 1]);
    const [venues, weekdays] = venueUsageCharts([{ id: 'v', name: '活动室' }], [
      { id: '1', venueId: 'v', date: '2026-12-07', startHour: 9, endHour: 11, status: '已确认' } as never,
      { id: '2', venueId: 'v', date: '2026-12-13', startHour: 9, endHour: 10, status: '已取消' } as never,
    ], 2026);
    expect(venues.series[0]!.values).toEqual([2]);
    expect(weekdays.series[0]!.values).toEqual([2, 0, 0, 0, 0, 0, 0]); // 7 December 2026 is a Monday
  });
});

describe('年度统计表 on paper', () => {
  it('dates a past year as on its 31 December and the year in progress as today', () => {
    expect(yearlySummaryPrint('三坊七巷社区', 2025, [], '2026-12-03').subtitle).toBe('三坊七巷社区\u3000统计日期：2025年12月31日');
    expect(yearlySummaryPrint('三坊七巷社区', 2026, [], '2026-12-03').subtitle).toBe('三坊七巷社区\u3000统计日期：2026年12月3日');
  });
});
