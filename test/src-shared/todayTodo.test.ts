import { describe, expect, it } from 'vitest';
import type { WhistleFacts } from '../../src-shared/records/coBuilding/whistleRules';
import type { CalendarFacts } from '../../src-shared/records/meeting/meetingCalendar';
import { bookingsDue, meetingsDue, oneYearAfter, probationsDue, staleSafety, tasksDue, whistlesDue } from '../../src-shared/workbench/todayTodo';

describe('今日待办', () => {
  const facts = (meetings: CalendarFacts['meetings'], since = '2020-01-01'): CalendarFacts => ({
    meetings, frequencies: {},
    orgNodes: [{ id: 'b1', name: '第一网格党支部', kind: 'grid', since }, { id: 'g1', name: '1号楼党小组', kind: 'building', since }],
  });

  it('lists the 三会一课 still to hold this month, quarter and year; a finalized one clears it, a draft does not', () => {
    const today = '2026-05-12';
    const due = meetingsDue(facts([]), today);
    const branch = due.filter((d) => d.orgNodeId === 'b1').map((d) => `${d.type}@${d.dueBy}`);
    expect(branch).toEqual(expect.arrayContaining(['支委会@2026-05-31', '主题党日@2026-05-31', '支部党员大会@2026-06-30', '党课@2026-06-30']));
    // Held in April: the quarter (April–June) is done for 支部党员大会; a draft this month does not count for 支委会.
    const after = meetingsDue(facts([
      { id: 'm1', meetingType: '支部党员大会', date: '2026-04-20', status: '已定稿', orgNodeId: 'b1' },
      { id: 'm2', meetingType: '支委会', date: '2026-05-02', status: '草稿', orgNodeId: 'b1' },
      { id: 'm3', meetingType: '党课', date: '2026-03-30', status: '已定稿', orgNodeId: 'b1' },
    ]), today).filter((d) => d.orgNodeId === 'b1').map((d) => d.type);
    expect(after).not.toContain('支部党员大会');
    expect(after).toContain('支委会');
    expect(after).toContain('党课'); // held last quarter
    // An organisation set up this month owes nothing for a quarter that began before it.
    expect(meetingsDue(facts([], '2026-05-10'), today).filter((d) => d.orgNodeId === 'b1').map((d) => d.type)).not.toContain('支部党员大会');
  });

  it('lists 督办 overdue or due within 7 days, overdue first, never a finished one', () => {
    const tasks = [
      { id: 't1', text: '报街道审批', status: '进行中', dueDate: '2026-05-01' },
      { id: 't2', text: '走访困难党员', status: '未开始', dueDate: '2026-05-19' },
      { id: 't3', text: '下月再办', status: '未开始', dueDate: '2026-05-20' },
      { id: 't4', text: '已办完', status: '已完成', dueDate: '2026-05-01' },
      { id: 't5', text: '没有期限', status: '未开始', dueDate: '' },
    ];
    expect(tasksDue(tasks, '2026-05-12').map((t) => [t.id, t.daysLeft])).toEqual([['t1', -11], ['t2', 7]]);
  });

  it('lists open whistles near or past their deadline and the units not reported; a closed one never', () => {
    const w = (over: Partial<WhistleFacts>): WhistleFacts => ({ id: 'w', title: '事项', date: '2026-05-10', raisedAt: '2026-05-10T09:00', deadline: '', closedAt: '', evaluation: '', handlers: {}, reports: {}, ...over });
    const handlers = { 'unit:a': { name: '自来水公司', kind: '驻区单位', lead: true }, 'unit:b': { name: '物业公司', kind: '驻区单位', lead: false } };
    const due = whistlesDue([
      w({ id: 'w1', deadline: '2026-05-11', handlers, reports: { 'unit:a': { reportedAt: '2026-05-10T10:00' } } }),
      w({ id: 'w2', deadline: '2026-05-30', handlers, reports: { 'unit:a': { reportedAt: '2026-05-10T10:00' }, 'unit:b': { reportedAt: '2026-05-10T11:00' } } }),
      w({ id: 'w3', deadline: '2026-05-13', handlers, reports: { 'unit:a': { reportedAt: '2026-05-10T10:00' } }, closedAt: '2026-05-11T10:00' }),
      w({ id: 'w4', deadline: '', handlers }),
    ], '2026-05-12');
    expect(due.map((d) => [d.id, d.daysLeft, d.notReported])).toEqual([['w1', -1, ['物业公司']], ['w4', null, ['自来水公司', '物业公司']]]);
  });

  it('lists 预备党员 whose year of probation ends within 30 days or has ended without 转正', () => {
    expect(oneYearAfter('2024-02-29')).toBe('2025-02-28');
    const people = [
      { id: 'p1', name: '冯五', category: '预备党员', joinDate: '2025-06-01', confirmDate: '' },
      { id: 'p2', name: '陈六', category: '预备党员', joinDate: '2025-04-30', confirmDate: '' },
      { id: 'p3', name: '赵七', category: '预备党员', joinDate: '2025-07-01', confirmDate: '' },
      { id: 'p4', name: '钱八', category: '正式党员', joinDate: '2025-05-01', confirmDate: '2026-05-01' },
    ];
    expect(probationsDue(people, '2026-05-12').map((p) => [p.name, p.ends, p.daysLeft])).toEqual([['陈六', '2026-04-30', -12], ['冯五', '2026-06-01', 20]]);
  });
});

describe('今日待办: bookings and safety', () => {
  it('lists bookings awaiting approval from today on and today\'s bookings that hold a slot', () => {
    const b = (id: string, date: string, startHour: number, status: string) => ({ id, venue: '党群活动室', date, startHour, endHour: startHour + 1, booker: '张三', status });
    const due = bookingsDue([b('a', '2026-05-12', 14, '已确认'), b('b', '2026-05-12', 9, '待审批'), b('c', '2026-05-11', 9, '待审批'), b('d', '2026-05-20', 9, '待审批'), b('e', '2026-05-12', 10, '已取消')], '2026-05-12');
    expect(due.awaiting.map((x) => x.id)).toEqual(['b', 'd']);
    expect(due.today.map((x) => x.id)).toEqual(['b', 'a']);
  });

  it('says when the last backup or sync is older than allowed, and never done counts as too old', () => {
    const day = 86_400_000;
    const now = 100 * day;
    expect(staleSafety({ backupAt: now - 2 * day, syncedAt: now - 8 * day, syncConfigured: true }, now, { backupDays: 7, syncDays: 7 })).toEqual({ backup: false, sync: true });
    expect(staleSafety({ backupAt: null, syncedAt: null, syncConfigured: false }, now, { backupDays: 7, syncDays: 7 })).toEqual({ backup: true, sync: false });
  });
});
