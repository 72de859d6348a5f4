import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { expiringAgreements, matchResources } from '../../src-shared/records/coBuilding/coBuildingRules';
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
    expect(() => repos.agreements.create({ title: '共建协议', signedDate: '2026-05-01', endDate: '2025-05-01' })).toThrow('到期日期（2025-05-01）早于签订日期（2026-05-01），请核对协议期限');
    expect(() => repos.coResources.create({ kind: '场地', title: '会议室', venueId: 'nope' })).toThrow('所选场地不存在或已删除');
    const venue = repos.venues.create({ name: '一中会议室' });
    expect(repos.coResources.create({ kind: '场地', title: '一中会议室', venueId: venue.id }).venueId).toBe(venue.id);
  });
});
