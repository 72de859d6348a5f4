import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expiringAgreements, matchResources, partTimeAttendance } from '../../src-shared/records/coBuilding/coBuildingRules';
import { inTerm } from '../../src-shared/records/coBuilding/partTimeMemberSchema';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

describe('一书三单', () => {
  it('reminds of agreements 60, 30 and 7 days before they expire, and of expired ones', () => {
    const list = [
      { id: 'a', title: '与自来水公司共建协议', endDate: '2026-07-01' },
      { id: 'b', title: '与一中共建协议', endDate: '2026-06-05' },
      { id: 'c', title: '与医院共建协议', endDate: '2026-05-30' },
      { id: 'd', title: '长期协议', endDate: '2027-05-01' },
      { id: 'e', title: '已到期协议', endDate: '2026-05-01' },
    ];
    expect(expiringAgreements(list, '2026-05-28').map((a) => [a.id, a.daysLeft, a.step])).toEqual([['e', -27, 7], ['c', 2, 7], ['b', 8, 30], ['a', 34, 60]]);
    // One ended before its term is no longer reminded of.
    expect(expiringAgreements([...list, { id: 'f', title: '已终止协议', endDate: '2026-06-01', endedDate: '2026-05-20' }], '2026-05-28').map((a) => a.id)).not.toContain('f');
  });

  it('ends an agreement only with its reason, and renews it by its end date', () => {
    const repos = createRepositories(new Y.Doc(), fixedContext());
    const a = repos.agreements.create({ title: '与一中共建协议', signedDate: '2025-06-01', endDate: '2026-06-01' });
    expect(() => repos.agreements.update(a.id, { endedDate: '2026-05-20' })).toThrow('「终止原因」终止协议须写明原因');
    expect(repos.agreements.get(a.id)!.endedDate).toBe('');
    repos.agreements.update(a.id, { endDate: '2029-06-01' });
    expect(expiringAgreements([repos.agreements.get(a.id)!], '2026-05-28')).toEqual([]);
  });

  it('matches a need to resources of the same kind and by shared wording', () => {
    const resources = [
      { id: 'r1', kind: '技能', title: '法律咨询', description: '律师每月一次坐班' },
      { id: 'r2', kind: '场地', title: '学校运动场', description: '周末开放' },
      { id: 'r3', kind: '志愿服务', title: '义诊', description: '医生上门为老人量血压' },
      { id: 'r4', kind: '技能', title: '水电维修', description: '' },
    ];
    const found = matchResources({ kind: '技能', title: '老人家中水电维修', description: '独居老人水龙头漏水' }, resources);
    expect(found.map((f) => f.resource.id)).toEqual(['r4', 'r1', 'r3']);
    expect(matchResources({ kind: '资金', title: '篮球场', description: '' }, resources)).toEqual([]);
  });

  it('refuses an agreement ending before it starts, and a venue offered that is not a bookable venue', () => {
    const repos = createRepositories(new Y.Doc(), fixedContext());
    expect(() => repos.agreements.create({ title: '共建协议', signedDate: '2026-05-01', endDate: '2025-05-01' })).toThrow('「到期日期」（2025-05-01）早于签订日期（2026-05-01），请核对协议期限');
    expect(() => repos.coResources.create({ kind: '场地', title: '会议室', venueId: 'nope' })).toThrow('所选场地不存在或已删除');
    const venue = repos.venues.create({ name: '一中会议室' });
    expect(repos.coResources.create({ kind: '场地', title: '一中会议室', venueId: venue.id }).venueId).toBe(venue.id);
  });
});

describe('兼职委员', () => {
  it('counts the 联席会议 their unit attended during the term only, and refuses a term ending before it starts', () => {
    const repos = createRepositories(new Y.Doc(), fixedContext());
    const unit = repos.residentUnits.create({ name: '自来水公司' });
    expect(() => repos.partTimeMembers.create({ name: '赵六', unitId: unit.id, appointedOn: '2026-03-01', termEnd: '2025-03-01' })).toThrow('「任期届满」（2025-03-01）早于聘任日期（2026-03-01），请核对任期');
    expect(() => repos.partTimeMembers.create({ name: '赵六', unitId: 'nope', appointedOn: '2026-03-01' })).toThrow('所选驻区单位不存在或已删除');
    const m = repos.partTimeMembers.create({ name: '赵六', unitId: unit.id, appointedOn: '2026-03-01', termEnd: '2028-02-28', duties: '联系社区供水保障' });
    const meeting = (date: string, status: string) => ({ id: date, title: `${date}联席会议`, date, attendance: { [`unit:${unit.id}`]: { status, removed: false } } });
    const meetings = [meeting('2026-01-10', '出席'), meeting('2026-04-10', '出席'), meeting('2026-07-10', '缺席'), meeting('2026-10-10', '迟到'), meeting('2026-12-10', '未标记')];
    const a = partTimeAttendance(m, meetings);
    expect(a.listed.map((x) => x.date)).toEqual(['2026-04-10', '2026-07-10', '2026-10-10']);
    expect(a.attended).toBe(2);
    expect(inTerm(m, '2026-02-28')).toBe(false);
    expect(inTerm({ ...m, endedOn: '2026-08-01' }, '2026-08-01')).toBe(false);
    expect(partTimeAttendance({ ...m, endedOn: '2026-08-01' }, meetings).listed).toHaveLength(2);
  });
});

describe('merging 兼职委员 and attachments of two PCs', () => {
  it('keeps both PCs\' appointments and files; a field both changed settles on one value on both, the other kept in history', () => {
    const base = new Y.Doc();
    const repos = createRepositories(base, fixedContext());
    const unit = repos.residentUnits.create({ name: '自来水公司' });
    const agreement = repos.agreements.create({ title: '共建协议' });
    const m = repos.partTimeMembers.create({ name: '赵六', unitId: unit.id, appointedOn: '2026-03-01' });
    const pcs = [0, 1].map((i) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
      return { doc, repos: createRepositories(doc, fixedContext({ device: `pc${i}`, name: `操作员${i}` }, Date.UTC(2026, 5, 1) + i * 5000)) };
    });
    const [a, b] = pcs as [(typeof pcs)[number], (typeof pcs)[number]];
    a.repos.partTimeMembers.update(m.id, { duties: '联系供水' });
    b.repos.partTimeMembers.update(m.id, { duties: '联系3网格' });
    b.repos.partTimeMembers.create({ name: '钱七', unitId: unit.id, appointedOn: '2026-04-01' });
    a.repos.attachments.create({ ownerCollection: 'agreements', ownerId: agreement.id, name: '协议扫描.pdf', mime: 'application/pdf', size: 3, data: 'AAEC' });
    b.repos.attachments.create({ ownerCollection: 'agreements', ownerId: agreement.id, name: '签约照片.jpg', mime: 'image/jpeg', size: 3, data: 'AAEC' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    for (const pc of pcs) {
      expect(pc.repos.partTimeMembers.list().map((x) => x.name).sort()).toEqual(['赵六', '钱七']);
      expect(pc.repos.partTimeMembers.get(m.id)!.duties).toBe(a.repos.partTimeMembers.get(m.id)!.duties);
      expect(pc.repos.attachments.list().map((x) => x.name).sort()).toEqual(['协议扫描.pdf', '签约照片.jpg']);
    }
    expect(a.repos.partTimeMembers.history(m.id).flatMap((h) => Object.values(h.changes ?? {}).map((c) => c.to))).toEqual(expect.arrayContaining(['联系供水', '联系3网格']));
    expect(() => a.repos.attachments.create({ ownerCollection: 'agreements', ownerId: agreement.id, name: '大文件.pdf', mime: 'application/pdf', size: 5 * 1024 * 1024, data: 'AAEC' })).toThrow('超过 4 MB');
    expect(() => a.repos.attachments.create({ ownerCollection: 'agreements', ownerId: 'gone', name: 'x.pdf', mime: 'application/pdf', size: 3, data: 'AAEC' })).toThrow('要附加到的记录不存在或已删除');
  });
});
