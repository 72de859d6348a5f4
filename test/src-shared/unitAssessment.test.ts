import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_CO_BUILDING_SETTINGS, checkCoBuildingSettings } from '../../src-shared/records/coBuilding/coBuildingSettings';
import { unitAssessmentInputs } from '../../src-shared/records/coBuilding/coBuildingFacts';
import { unitAssessment, unitOfMember } from '../../src-shared/records/coBuilding/unitAssessment';
import { activityRules, DEFAULT_POINT_RULES } from '../../src-shared/records/volunteer/pointRules';
import { createRepositories, type Repositories } from '../../src-shared/repository/repositories';
import { CommunitySettings } from '../../src-shared/settings/communitySettings';
import { fixedContext } from '../../src-shared/testing/fixedContext';
import { periodRange } from '../../src-shared/records/period';
import { seededRandom } from '../../src-shared/testing/seededRandom';

const rules = activityRules(DEFAULT_POINT_RULES, '环境整治');

/** A community with two units: the water company does everything, the school nothing yet. */
function community() {
  const doc = new Y.Doc();
  const repos = createRepositories(doc, fixedContext());
  const water = repos.residentUnits.create({ name: '自来水公司', partyOrg: '自来水公司党委' });
  const school = repos.residentUnits.create({ name: '第一中学', partyOrg: '第一中学党支部' });
  repos.agreements.create({ title: '与自来水公司共建协议', unitId: water.id, signedDate: '2025-03-01', endDate: '2027-02-28' });
  repos.agreements.create({ title: '过期协议', unitId: school.id, signedDate: '2023-01-01', endDate: '2025-12-31' });
  const r1 = repos.coResources.create({ unitId: water.id, kind: '技能', title: '水电维修' });
  repos.coResources.create({ unitId: water.id, kind: '志愿服务', title: '节水宣传' });
  const project = repos.coProjects.create({ title: '老旧小区水龙头更换', leadUnitId: water.id, resourceIds: [r1.id], startDate: '2026-03-01', endDate: '2026-05-20', status: '已完成', results: '更换水龙头40个' });
  repos.activities.create({ title: '入户更换水龙头', date: '2026-04-10', unitId: water.id, unitIds: [school.id], projectId: project.id });
  repos.whistles.create({
    title: '3号楼停水', date: '2026-05-08', raisedAt: '2026-05-08T22:00',
    handlers: { [`unit:${water.id}`]: { name: '自来水公司', kind: '驻区单位', lead: true }, [`unit:${school.id}`]: { name: '第一中学', kind: '驻区单位' } },
    reports: { [`unit:${water.id}`]: { reportedAt: '2026-05-09T06:00' } }, closedAt: '2026-05-09T12:00', result: '已修复', evaluation: '满意',
  });
  repos.meetings.create({
    title: '第二季度党建联席会议', meetingType: '党建联席会议', date: '2026-06-10',
    attendance: { [`unit:${water.id}`]: { kind: 'unit', name: '自来水公司', status: '出席' }, [`unit:${school.id}`]: { kind: 'unit', name: '第一中学', status: '缺席' } },
  });
  const member = repos.people.create({ name: '王工', roles: ['在职党员'], employer: '自来水公司 工程师', reportDate: '2026-01-05' });
  repos.people.create({ name: '李老师', roles: ['在职党员'], employer: '第一中学 教师', reportDate: '2026-02-01' });
  repos.serviceActivities.create({ title: '清扫楼道', date: '2026-05-09', rules, attendance: { [`person:${member.id}`]: { name: '王工', arrive: '08:00', leave: '10:00' } } });
  return { doc, repos, water, school };
}

const rowOf = (repos: Repositories, unitId: string, period = '2026', settings = DEFAULT_CO_BUILDING_SETTINGS) => unitAssessment(unitAssessmentInputs(repos), period, settings).find((r) => r.unitId === unitId)!;

describe('驻区单位考核', () => {
  it('computes every figure of a unit from the records, each with the records behind it', () => {
    const { repos, water, school } = community();
    const w = rowOf(repos, water.id);
    const text = Object.fromEntries(Object.entries(w.figures).map(([k, f]) => [k, f.text]));
    expect(text).toEqual({
      agreement: '在期 1 份', resourcesOffered: '2 项', resourcesUsed: '1 项', projectsDone: '1 个', activities: '1 次', whistlesAnswered: '100%（1/1）',
      responseTime: '8 小时', satisfaction: '100%（1/1）', wishesDone: '0 个', jointMeetings: '100%（1/1）', inServiceActive: '100%（1/1）',
    });
    expect(w.figures.projectsDone.records.map((r) => r.title)).toEqual(['老旧小区水龙头更换']);
    expect(w.figures.inServiceActive.records.map((r) => r.title)).toEqual(['王工']);
    // Below full marks: resources offered 2 of the standard 3, used 1 of 2, activities 1 of 4 (weights 10 each), no wish
    // done (weight 5 of 105 in all).
    expect(w.score).toBe(Math.round(((100 - 10 / 3 - 5 - 7.5) / 105) * 1000) / 10);
    const s = rowOf(repos, school.id);
    expect(s.figures.agreement.text).toBe('无');
    expect(s.figures.activities.text).toBe('1 次');
    expect(s.figures.whistlesAnswered.text).toBe('0%（0/1）');
    // A co-handler that never reported: not credited with the whistle's 满意, and its missing response counts against it.
    expect(s.figures.satisfaction).toMatchObject({ text: '—', rate: null });
    expect(s.figures.responseTime).toMatchObject({ text: '多数未响应（1 次未报到）', rate: 0, value: null });
    expect(s.figures.jointMeetings.text).toBe('0%（0/1）');
    expect(s.inServiceRegistered.map((r) => r.title)).toEqual(['李老师']);
    expect(s.figures.inServiceActive.text).toBe('0%（0/1）');
  });

  it('counts a whistle still open within its deadline as pending, not missed; and a wish a unit claimed and completed', () => {
    const { repos, water, school } = community();
    repos.whistles.create({ title: '路灯不亮', date: '2026-11-30', raisedAt: '2026-11-30T09:00', deadline: '2026-12-10', handlers: { [`unit:${school.id}`]: { name: '第一中学', kind: '驻区单位', lead: true } } });
    const before = unitAssessment(unitAssessmentInputs(repos), '2026', DEFAULT_CO_BUILDING_SETTINGS, '2026-12-03').find((r) => r.unitId === school.id)!;
    expect(before.figures.responseTime.text).toBe('多数未响应（1 次未报到）'); // the May whistle only
    const after = unitAssessment(unitAssessmentInputs(repos), '2026', DEFAULT_CO_BUILDING_SETTINGS, '2026-12-11').find((r) => r.unitId === school.id)!;
    expect(after.figures.responseTime.text).toBe('多数未响应（2 次未报到）');
    repos.wishes.create({ title: '轮椅一辆', residentName: '李秀英', date: '2026-03-01', stage: '已完成', doneOn: '2026-03-10', result: '已送达', claims: { [`unit:${water.id}`]: { name: '自来水公司', kind: '驻区单位' } } } as never);
    repos.wishes.create({ title: '被撤回的认领', residentName: '张三', date: '2026-03-01', stage: '已完成', doneOn: '2026-03-12', result: '已办', claims: { [`unit:${school.id}`]: { name: '第一中学', kind: '驻区单位', withdrawn: true, reason: '重复认领' } } } as never);
    expect(rowOf(repos, water.id).figures.wishesDone).toMatchObject({ text: '1 个', rate: 1, records: [{ title: '2026-03-10 轮椅一辆' }] });
    expect(rowOf(repos, school.id).figures.wishesDone.text).toBe('0 个');
  });

  it('counts a half-year by its own dates', () => {
    const { repos, water } = community();
    expect(periodRange('2026-H2')).toEqual(['2026-07-01', '2026-12-31']);
    const h2 = rowOf(repos, water.id, '2026-H2');
    expect(h2.figures.activities.value).toBe(0);
    expect(h2.figures.whistlesAnswered.rate).toBeNull();
    expect(h2.figures.agreement.value).toBe(1); // in force all year
  });

  it('weighs the items as the settings say, and leaves out disabled ones', () => {
    const { repos, school } = community();
    const base = rowOf(repos, school.id);
    // Only the activities item (1 of standard 4): 25.
    const onlyActivities = checkCoBuildingSettings({ unitItems: Object.fromEntries(Object.entries(DEFAULT_CO_BUILDING_SETTINGS.unitItems).map(([k, v]) => [k, { ...v, enabled: k === 'activities' }])) as never });
    expect(rowOf(repos, school.id, '2026', onlyActivities).score).toBe(25);
    // Doubling the weight of an item the school scores 0 on lowers its score.
    const heavier = checkCoBuildingSettings({ unitItems: { ...DEFAULT_CO_BUILDING_SETTINGS.unitItems, jointMeetings: { enabled: true, weight: 40, standard: 1 } } });
    expect(rowOf(repos, school.id, '2026', heavier).score).toBeLessThan(base.score);
    expect(() => checkCoBuildingSettings({ unitItems: { ...DEFAULT_CO_BUILDING_SETTINGS.unitItems, agreement: { enabled: true, weight: -5, standard: 1 } } })).toThrow('「共建协议在期的权重」应为 0 至 100 之间的数');
    expect(() => checkCoBuildingSettings({ holidays: ['2026-13-01'] })).toThrow('「法定节假日」「2026-13-01」不是有效日期');
  });

  it('keeps its settings in the community document', () => {
    const { doc } = community();
    const settings = new CommunitySettings(doc);
    settings.setCoBuilding({ reminderDays: [7, 90, 30], holidays: ['2026-10-01'] });
    expect(settings.coBuilding().reminderDays).toEqual([90, 30, 7]);
    expect(settings.coBuilding().holidays).toEqual(['2026-10-01']);
    expect(() => settings.setCoBuilding({ reminderDays: [0] })).toThrow('到期提醒天数');
  });

  it('finds the unit of an in-service member by the longest unit name in the employer, else by Party organisation', () => {
    const units = [{ id: 'h', name: '医院', partyOrg: '' }, { id: 'rh', name: '区人民医院', partyOrg: '' }, { id: 'b', name: '某局', partyOrg: '某局机关党委' }];
    expect(unitOfMember({ employer: '区人民医院 护士长', employerPartyOrg: '' }, units)).toBe('rh');
    expect(unitOfMember({ employer: '市某局', employerPartyOrg: '' }, units)).toBe('b');
    expect(unitOfMember({ employer: '办公室主任', employerPartyOrg: '某局机关党委' }, units)).toBe('b');
    expect(unitOfMember({ employer: '个体', employerPartyOrg: '' }, units)).toBeUndefined();
  });

  it('gives both PCs the same figures after random offline edits and merges, equal to a count by hand', () => {
    const rng = seededRandom(20261127);
    const { doc: base, repos } = community();
    const unitIds = repos.residentUnits.list().map((u) => u.id);
    const pcs = [0, 1].map((i) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      return { doc, repos: createRepositories(doc, fixedContext({ device: `pc${i}` }, Date.UTC(2026, 5, 1) + i)) };
    });
    for (let round = 0; round < 6; round++) {
      for (const pc of pcs) {
        for (let step = 0; step < 15; step++) {
          const unit = rng.pick(unitIds);
          const roll = rng.next();
          const day = `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(10, 28))}`;
          if (roll < 0.3) pc.repos.activities.create({ title: `活动${round}-${step}`, date: day, unitId: unit });
          else if (roll < 0.55) pc.repos.whistles.create({ title: `吹哨${round}-${step}`, date: day, raisedAt: `${day}T09:00`, handlers: { [`unit:${unit}`]: { name: '单位', kind: '驻区单位', lead: true } } });
          else if (roll < 0.8) {
            const open = pc.repos.whistles.list().filter((w) => Object.keys(w.reports).length === 0);
            if (open.length) {
              const w = rng.pick(open);
              const key = Object.keys(w.handlers)[0]!;
              pc.repos.whistles.update(w.id, { reports: { [key]: { reportedAt: `${w.date}T${String(rng.int(10, 23))}:00` } } });
            }
          } else if (roll < 0.9) {
            const list = pc.repos.activities.list();
            if (list.length) pc.repos.activities.delete(rng.pick(list).id);
          } else pc.repos.coResources.create({ unitId: unit, kind: '技能', title: `资源${round}-${step}` });
        }
      }
      const [a, b] = pcs as [(typeof pcs)[number], (typeof pcs)[number]];
      Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
      const rowsA = unitAssessment(unitAssessmentInputs(a.repos), '2026', DEFAULT_CO_BUILDING_SETTINGS);
      const rowsB = unitAssessment(unitAssessmentInputs(b.repos), '2026', DEFAULT_CO_BUILDING_SETTINGS);
      expect(rowsB).toEqual(rowsA);
      for (const row of rowsA) {
        const activities = a.repos.activities.list().filter((x) => x.date.startsWith('2026') && (x.unitId === row.unitId || x.unitIds.includes(row.unitId)));
        const named = a.repos.whistles.list().filter((w) => w.date.startsWith('2026') && w.handlers[`unit:${row.unitId}`]);
        const answered = named.filter((w) => w.reports[`unit:${row.unitId}`]);
        expect(row.figures.activities.value).toBe(activities.length);
        expect(row.figures.whistlesAnswered.text).toBe(named.length ? `${Math.round((answered.length / named.length) * 1000) / 10}%（${answered.length}/${named.length}）` : '—');
        expect(row.figures.resourcesOffered.value).toBe(a.repos.coResources.list().filter((r) => r.unitId === row.unitId).length);
      }
    }
  });
});
