import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wishBoard } from '../../src-shared/print/volunteerPrints';
import { activeClaims, boardName, isDoubleClaimed, nextStage } from '../../src-shared/records/coBuilding/wishRules';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

describe('三单制 and 微心愿', () => {
  it('goes 点单 → 下单 → 接单 → 办结, refusing each step out of order with the reason', () => {
    const d = new Y.Doc();
    const repos = createRepositories(d, fixedContext());
    const w = repos.wishes.create({ title: '想要一台助听器', residentName: '李秀英', residentPhone: '13800000001', date: '2026-05-01' });
    expect(() => nextStage(w, '接单')).toThrow('「想要一台助听器」现在是“待下单”，社区下单后才能接单');
    expect(() => repos.wishes.update(w.id, { stage: '不予受理' })).toThrow('不予受理须写明原因，以便回复居民');
    repos.wishes.update(w.id, { stage: nextStage(repos.wishes.get(w.id)!, '下单') });
    expect(() => nextStage(repos.wishes.get(w.id)!, '完成')).toThrow('还没有人接单，不能办结');
    repos.wishes.update(w.id, { stage: nextStage(repos.wishes.get(w.id)!, '接单'), claims: { 'person:p1': { name: '张三', kind: '在职党员' } } });
    expect(() => nextStage(repos.wishes.get(w.id)!, '接单')).toThrow('已由张三接单；如需换人，请先撤回原接单');
    expect(() => repos.wishes.update(w.id, { stage: '已完成' })).toThrow('办结须写明结果');
    repos.wishes.update(w.id, { stage: nextStage(repos.wishes.get(w.id)!, '完成'), result: '已送达', doneOn: '2026-05-09', feedback: '满意' });
    expect(repos.wishes.get(w.id)!.stage).toBe('已完成');
  });

  it('keeps both claims two PCs make offline: the wish shows both until one is confirmed, nothing lost', () => {
    const a = new Y.Doc();
    const ra = createRepositories(a, fixedContext({ name: '社区' }));
    const w = ra.wishes.create({ title: '帮忙修水龙头', residentName: '王奶奶', date: '2026-05-01', stage: '已下单' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const rb = createRepositories(b, fixedContext({ name: '街道' }, Date.UTC(2025, 11, 31, 23, 0, 0)));
    ra.wishes.update(w.id, { stage: nextStage(ra.wishes.get(w.id)!, '接单'), claims: { 'team:t1': { name: '水电维修服务队', kind: '志愿服务队' } } });
    rb.wishes.update(w.id, { stage: nextStage(rb.wishes.get(w.id)!, '接单'), claims: { 'person:p2': { name: '李四', kind: '党员' } } });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const r of [ra, rb]) {
      const merged = r.wishes.get(w.id)!;
      expect(isDoubleClaimed(merged)).toBe(true);
      expect(activeClaims(merged).map(([, c]) => c.name).sort()).toEqual(['李四', '水电维修服务队']);
      expect(() => nextStage(merged, '完成')).toThrow('有 2 人接单，请先确认由谁办理');
    }
    ra.wishes.update(w.id, { claims: { 'person:p2': { name: '李四', kind: '党员', withdrawn: true, reason: '与水电维修服务队重复接单' } } });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(isDoubleClaimed(rb.wishes.get(w.id)!)).toBe(false);
    expect(Object.keys(rb.wishes.get(w.id)!.claims)).toHaveLength(2); // the withdrawn claim stays on record
  });

  it('prints the board with the surname only', () => {
    expect(['李秀英', '欧阳娜娜', '王'].map(boardName)).toEqual(['李某', '欧阳某', '王某']);
    const doc = wishBoard('三坊七巷社区', [{ title: '想要一台助听器', residentName: '李秀英', date: '2026-05-01' }]);
    expect(doc.sections[0]!.table!.rows[0]).toEqual(['1', '想要一台助听器', '李某', '2026-05-01']);
    expect(JSON.stringify(doc)).not.toContain('秀英');
  });
});
