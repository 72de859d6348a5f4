import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { feedbackLetter, monthlyPublicity, serviceCertificate } from '../../src-shared/print/volunteerPrints';
import { byEmployer, memberHalfYears } from '../../src-shared/records/volunteer/inServiceFigures';
import { periodRange } from '../../src-shared/records/volunteer/inServiceSchema';
import { yearAssessment } from '../../src-shared/records/volunteer/memberAssessment';
import type { ActivityFacts } from '../../src-shared/records/volunteer/pointsLedger';
import { activityRules, DEFAULT_POINT_RULES } from '../../src-shared/records/volunteer/pointRules';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

const rules = activityRules(DEFAULT_POINT_RULES, '');
const activity = (id: string, date: string, people: Record<string, [string, string]>): ActivityFacts => ({
  id, title: `活动${id}`, date, startTime: '', endTime: '', place: '', deleted: false, rules,
  attendance: Object.fromEntries(Object.entries(people).map(([k, [arrive, leave]]) => [k, { name: k, present: true, arrive, leave }])),
});

describe('in-service members', () => {
  const members = [
    { id: 'm1', name: '张三', employer: '自来水公司', employerPartyOrg: '自来水公司党委', reportDate: '2026-03-01' },
    { id: 'm2', name: '李四', employer: '自来水公司', employerPartyOrg: '自来水公司党委', reportDate: '' },
    { id: 'm3', name: '王五', employer: '第一医院', employerPartyOrg: '第一医院党委', reportDate: '2026-01-10' },
  ];
  const activities = [activity('a', '2026-04-01', { 'person:m1': ['08:00', '10:00'] }), activity('b', '2026-08-01', { 'person:m1': ['08:00', '09:00'], 'person:m3': ['08:00', '09:00'] })];
  const reports = [{ personId: 'm1', period: '2026-H1', claims: { c1: { kind: '认领岗位', title: '文明劝导岗', done: true } }, sixOnes: { 当好一名联络员: { done: true }, 做好一个表率: { done: false } } }];

  it('derives each half-year from the activities and the report; those who have not reported or served stand out', () => {
    const rows = memberHalfYears(members, reports, activities, '2026-H1', periodRange('2026-H1'));
    expect(rows.map((r) => [r.name, r.hours, r.claims.length, r.sixOnesDone, r.flags])).toEqual([
      ['张三', 2, 1, ['当好一名联络员'], []],
      ['李四', 0, 0, [], ['未报到', '未服务']],
      ['王五', 0, 0, [], ['未服务']],
    ]);
    expect([...byEmployer(rows).keys()]).toEqual(['自来水公司', '第一医院']);
    const letter = feedbackLetter('三坊七巷社区', { employer: '自来水公司', employerPartyOrg: '自来水公司党委', periodLabel: '2026年上半年', issuedOn: '2026-07-05' }, byEmployer(rows).get('自来水公司')!);
    expect(letter.sections[0]!.paragraphs![0]).toBe('自来水公司党委：');
    expect(letter.sections[1]!.table!.rows).toEqual([
      ['张三', '已报到', '1', '2 小时', '认领岗位：文明劝导岗（已完成）', '1 项：当好一名联络员'],
      ['李四', '未报到', '0', '0 小时', '未认领', '—'],
    ]);
    expect(letter.sections.at(-1)!.signatures).toEqual(['单位党组织（盖章）', '日期']);
  });

  it('assesses the year against the role\'s target, with the 民主评议 grade of the year', () => {
    const people = members.map((m) => ({ id: m.id, name: m.name, roles: ['在职党员'] }));
    const rows = yearAssessment(people, '2026', activities, reports, [{ meetingId: 'g', meetingTitle: '民主评议', date: '2026-12-20', grades: { m1: '优秀' } }], { 在职党员: 3 });
    expect(rows.map((r) => [r.name, r.hours, r.activities, r.claimsDone, r.sixOnesDone, r.grade, r.meetsTarget])).toEqual([
      ['张三', 3, 2, 1, 1, '优秀', true],
      ['李四', 0, 0, 0, 0, '', false],
      ['王五', 1, 1, 0, 0, '', false],
    ]);
  });

  it('refuses a 回执 before the letter was sent, and keeps the six ones two PCs tick apart', () => {
    const d = new Y.Doc();
    const repos = createRepositories(d, fixedContext());
    expect(() => repos.feedbackLetters.create({ period: '2026-H1', employer: '自来水公司', receiptOn: '2026-07-10' })).toThrow('反馈函还没有登记发出，不能登记回执；请先登记发出日期');
    const report = repos.inServiceReports.create({ personId: 'm1', personName: '张三', period: '2026-H1' });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(d));
    const repos2 = createRepositories(other, fixedContext({ name: '街道' }));
    repos.inServiceReports.update(report.id, { sixOnes: { 当好一名联络员: { done: true } } });
    repos2.inServiceReports.update(report.id, { sixOnes: { 办好一件社区事: { done: true } } });
    Y.applyUpdate(d, Y.encodeStateAsUpdate(other));
    expect(Object.keys(repos.inServiceReports.get(report.id)!.sixOnes).sort()).toEqual(['办好一件社区事', '当好一名联络员'].sort());
  });
});

describe('volunteer prints', () => {
  it('puts no ID number or full phone on the 公示, and needs the supervision phone', () => {
    const rows = [{ name: '张三', phone: '13812345678', hours: 2, earned: 2, redeemed: 1, balance: 5 }];
    expect(() => monthlyPublicity('三坊七巷社区', '2026-05', rows, '')).toThrow('公示须印监督电话');
    const doc = monthlyPublicity('三坊七巷社区', '2026-05', rows, '0591-87000000');
    expect(doc.sections[0]!.table!.rows[0]).toEqual(['1', '张三', '138****5678', '2', '2', '1', '5']);
    expect(JSON.stringify(doc)).not.toContain('13812345678');
  });
  it('numbers a certificate and totals its activities', () => {
    const doc = serviceCertificate('三坊七巷社区', { number: '志证〔2026〕第3号', name: '张三', idNumberMasked: '', from: '2026-01-01', to: '2026-06-30', rows: [{ date: '2026-03-01', title: '清扫楼道', hours: 1.5 }, { date: '2026-04-01', title: '健康讲座', hours: 2 }], issuedOn: '2026-07-01' });
    expect(doc.subtitle).toBe('编号：志证〔2026〕第3号');
    expect(doc.sections[0]!.paragraphs![0]).toBe('兹证明张三于2026年1月1日至2026年6月30日在三坊七巷社区参加志愿服务 2 次，累计服务时长 3.5 小时。具体如下：');
    expect(doc.sections[1]!.table!.rows.at(-1)).toEqual(['合计', '', '3.5']);
  });
});
