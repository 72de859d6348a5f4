import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { elapsedHours, figuresByHandler, isOverdue, responseTimes, whistleStatus, workingHours, type WhistleFacts } from '../../src-shared/records/coBuilding/whistleRules';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

const whistle = (over: Partial<WhistleFacts>): WhistleFacts => ({
  id: 'w', title: '3号楼下水道堵塞', date: '2026-05-08', raisedAt: '2026-05-08T22:00', deadline: '2026-05-12', closedAt: '', evaluation: '',
  handlers: { 'unit:u1': { name: '自来水公司', kind: '驻区单位', lead: true }, 'unit:u2': { name: '物业公司', kind: '驻区单位', lead: false } },
  reports: {}, ...over,
});

describe('吹哨报到', () => {
  it('counts response times across midnight, and in working days without weekends and holidays', () => {
    expect(elapsedHours('2026-05-08T22:00', '2026-05-09T01:30')).toBe(3.5);
    // Friday 22:00 → Monday 09:00: 59 hours elapsed; working time is Friday's last 2 hours and Monday's first 9.
    expect(elapsedHours('2026-05-08T22:00', '2026-05-11T09:00')).toBe(59);
    expect(workingHours('2026-05-08T22:00', '2026-05-11T09:00', { holidays: new Set() })).toBe(11);
    // With Monday a holiday (调休), only Friday's 2 hours count.
    expect(workingHours('2026-05-08T22:00', '2026-05-11T09:00', { holidays: new Set(['2026-05-11']) })).toBe(2);
    // A Sunday made a working day (调休上班) counts in full.
    expect(workingHours('2026-05-08T22:00', '2026-05-11T09:00', { holidays: new Set(['2026-05-11']), workdays: new Set(['2026-05-10']) })).toBe(26);
    const w = whistle({ reports: { 'unit:u1': { reportedAt: '2026-05-09T01:30' } } });
    expect(responseTimes(w).map((r) => [r.name, r.hours])).toEqual([['自来水公司', 3.5], ['物业公司', null]]);
    expect(whistleStatus(w)).toBe('处理中');
    expect(isOverdue(w, '2026-05-12')).toBe(false);
    expect(isOverdue(w, '2026-05-13')).toBe(true);
  });

  it('gives each unit its whistles, answers, median response and satisfaction', () => {
    const list = [
      whistle({ id: 'a', reports: { 'unit:u1': { reportedAt: '2026-05-08T23:00' } }, closedAt: '2026-05-09T10:00', evaluation: '满意' }),
      whistle({ id: 'b', reports: { 'unit:u1': { reportedAt: '2026-05-09T01:00' }, 'unit:u2': { reportedAt: '2026-05-09T08:00' } }, closedAt: '2026-05-09T12:00', evaluation: '基本满意' }),
      whistle({ id: 'c' }),
    ];
    expect(figuresByHandler(list, '2026-01-01', '2026-12-31')).toEqual([
      { key: 'unit:u1', name: '自来水公司', whistles: 3, answered: 2, medianResponseHours: 2, satisfied: 1, evaluated: 2 },
      { key: 'unit:u2', name: '物业公司', whistles: 3, answered: 1, medianResponseHours: 10, satisfied: 1, evaluated: 2 },
    ]);
  });

  it('refuses a 报到 before the whistle and a closure before any 报到; keeps 报到 two PCs record offline', () => {
    const d = new Y.Doc();
    const repos = createRepositories(d, fixedContext());
    const w = repos.whistles.create({ title: '下水道堵塞', date: '2026-05-08', raisedAt: '2026-05-08T22:00', handlers: { 'unit:u1': { name: '自来水公司', kind: '驻区单位', lead: true }, 'unit:u2': { name: '物业公司', kind: '驻区单位' } } });
    expect(() => repos.whistles.update(w.id, { closedAt: '2026-05-09T10:00', result: '已疏通' })).toThrow('还没有任何单位报到，不能办结；请先登记报到');
    expect(() => repos.whistles.update(w.id, { reports: { 'unit:u1': { reportedAt: '2026-05-08T21:00' } } })).toThrow('自来水公司的报到时间（2026-05-08 21:00）早于吹哨时间（2026-05-08 22:00），请核对');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(d));
    const repos2 = createRepositories(other, fixedContext({ name: '街道' }));
    repos.whistles.update(w.id, { reports: { 'unit:u1': { reportedAt: '2026-05-08T23:00' } } });
    repos2.whistles.update(w.id, { reports: { 'unit:u2': { reportedAt: '2026-05-09T08:00' } } });
    Y.applyUpdate(d, Y.encodeStateAsUpdate(other));
    expect(Object.keys(repos.whistles.get(w.id)!.reports).sort()).toEqual(['unit:u1', 'unit:u2']);
  });

  it('gives a whistle made before 报到 were kept its log on the first 报到', () => {
    const d = new Y.Doc();
    const repos = createRepositories(d, fixedContext());
    const w = repos.whistles.create({ title: '旧事项', date: '2026-01-05' });
    // As an old document has it: no log for the keyed field.
    const record = d.getMap('whistles').get(w.id) as Y.Map<unknown>;
    d.transact(() => record.delete('f:reports'));
    repos.whistles.update(w.id, { handlers: { 'unit:u1': { name: '自来水公司', kind: '驻区单位' } }, reports: { 'unit:u1': { reportedAt: '2026-01-05T10:00' } } });
    expect(repos.whistles.get(w.id)!.reports['unit:u1']!.reportedAt).toBe('2026-01-05T10:00');
  });
});
