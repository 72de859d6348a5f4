import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ValidationError } from '../../src-shared/errors';
import { OrgTree, partyAge } from '../../src-shared/records';
import { createRepositories } from '../../src-shared/repository/repositories';
import { CommunitySettings } from '../../src-shared/settings/communitySettings';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { LARGE_COMMUNITY, populateCommunity } from '../../src-shared/testing/largeCommunity';

function setup() {
  const doc = new Y.Doc();
  const repos = createRepositories(doc, fixedContext());
  return { doc, repos, settings: new CommunitySettings(doc), tree: new OrgTree(repos.orgNodes) };
}

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems.map((p) => `${p.label}:${p.message}`);
    throw e;
  }
  return [];
}

describe('people (党员, 在职党员, 志愿者, 社区工作者)', () => {
  it('derives birth date and sex from the ID number and converts a 15-digit number', () => {
    const { repos } = setup();
    const p = repos.people.create({ name: '林则徐', idNumber: '110105491231002' });
    expect(p).toMatchObject({ idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: '女', category: '正式党员', partyStatus: '正常' });
  });

  it('refuses a birth date or sex that contradicts the ID number', () => {
    const { repos } = setup();
    expect(problemsOf(() => repos.people.create({ name: '甲', idNumber: '11010519491231002X', birthDate: '1950-01-01', gender: '男' }))).toEqual([
      '出生日期:与公民身份号码中的出生日期（1949-12-31）不一致，请核对',
      '性别:与公民身份号码（第17位表示女）不一致，请核对',
    ]);
  });

  it('keeps one record per person: the same ID number never makes two people', () => {
    const { repos } = setup();
    const a = repos.people.create({ name: '张三', idNumber: '11010519491231002X' });
    expect(problemsOf(() => repos.people.create({ name: '张三', roles: ['志愿者'], idNumber: '11010519491231002x' }))).toEqual([
      '公民身份号码:已登记在「张三」名下，同一人只能有一条记录；请打开该记录修改或添加角色',
    ]);
    // Adding a role to the one record is how a party member also becomes a volunteer.
    expect(repos.people.update(a.id, { roles: ['党员', '志愿者'] }).roles).toEqual(['党员', '志愿者']);
    repos.people.delete(a.id);
    expect(problemsOf(() => repos.people.create({ name: '张三', idNumber: '11010519491231002X' }))[0]).toContain('已删除的「张三」');
  });

  it('frees an ID number when the record holding it is corrected', () => {
    const { repos } = setup();
    const a = repos.people.create({ name: '甲', idNumber: '11010519491231002X' });
    repos.people.update(a.id, { idNumber: '', birthDate: '', gender: '' });
    expect(repos.people.create({ name: '乙', idNumber: '11010519491231002X' }).name).toBe('乙');
  });

  it('checks dates in order and the probationary rule', () => {
    const { repos } = setup();
    expect(problemsOf(() => repos.people.create({ name: '甲', joinDate: '2010-07-01', confirmDate: '2010-01-01' }))).toEqual(['转正日期:应晚于入党日期（2010-07-01），请核对']);
    expect(problemsOf(() => repos.people.create({ name: '甲', category: '预备党员', joinDate: '2025-07-01', confirmDate: '2026-07-01' }))[0]).toContain('预备党员尚未转正');
    expect(problemsOf(() => repos.people.create({ name: '甲', roles: ['在职党员'] }))).toEqual(['工作单位及职务:在职党员须填写工作单位']);
    expect(problemsOf(() => repos.people.create({ name: '甲', roles: [] }))).toEqual(['角色:请至少选择一个角色']);
  });

  it('checks values against the community\'s editable lists, which the clerk can extend', () => {
    const { repos, settings } = setup();
    expect(problemsOf(() => repos.people.create({ name: '甲', ethnicity: '汉', education: '博士', tags: ['新标签'] }))).toEqual([
      '民族:「汉」不在民族列表中；请改为列表中的值，或先在「设置」中添加',
      '学历:「博士」不在学历列表中；请改为列表中的值，或先在「设置」中添加',
      '标签:「新标签」不在标签列表中；请改为列表中的值，或先在「设置」中添加',
    ]);
    settings.setList('memberTags', [...settings.list('memberTags'), '新标签']);
    expect(repos.people.create({ name: '甲', ethnicity: '汉族', tags: ['新标签'] }).tags).toEqual(['新标签']);
    expect(settings.list('ethnicities')).toHaveLength(58);
    expect(() => settings.setList('posts', ['  '])).toThrow(/「设岗定责岗位」列表不能为空/);
  });

  it('requires the organisation node to exist and not be deleted', () => {
    const { repos, tree } = setup();
    tree.ensureRoots('南街街道', '三坊七巷社区');
    const community = tree.tree()[0]!.children[0]!.node;
    const grid = tree.addChild(community.id, { name: '第一网格党支部', kind: 'grid' });
    expect(repos.people.create({ name: '甲', orgNodeId: grid.id }).orgNodeId).toBe(grid.id);
    tree.remove(grid.id);
    expect(problemsOf(() => repos.people.create({ name: '乙', orgNodeId: grid.id }))).toEqual(['所在党组织:所选党组织不存在或已删除，请重新选择']);
  });

  it('counts 党龄 from 转正日期 in whole years', () => {
    expect(partyAge('2010-07-01', '2026-06-30')).toBe(15);
    expect(partyAge('2010-07-01', '2026-07-01')).toBe(16);
    expect(partyAge('', '2026-07-01')).toBeUndefined();
  });

  it('generates a valid community of every record type (the benchmark data), small', async () => {
    const { repos, tree } = setup();
    const small = { ...LARGE_COMMUNITY, grids: 2, partyMembers: 60, inServiceMembers: 20, volunteers: 40, residentUnits: 10, meetings: 10, activities: 10, bookings: 30, agreements: 3, whistles: 3, serviceActivities: 5, pointEntries: 120 };
    await populateCommunity({ repos, orgTree: tree }, small);
    expect(repos.people.count()).toBe(120);
    expect(repos.bookings.count()).toBe(30);
  });
});
