import { describe, expect, it } from 'vitest';
import { bookingSlip, daySchedule, doorCard, weekSchedule } from '../../src-shared/print/bookingPrints';

describe('booking prints', () => {
  it('lays out the week for the notice board: venues × days, cancelled left out, approvals marked, no phones', () => {
    const venues = [{ id: 'r', name: '党群活动室' }, { id: 'h', name: '多功能厅' }];
    const bookings = [
      { venueId: 'r', date: '2026-05-11', startHour: 14, endHour: 16, booker: '张三', purpose: '合唱排练', status: '已确认' },
      { venueId: 'r', date: '2026-05-11', startHour: 9, endHour: 10, booker: '李四', purpose: '', status: '待审批' },
      { venueId: 'h', date: '2026-05-12', startHour: 9, endHour: 10, booker: '王五', purpose: '', status: '已取消' },
      { venueId: 'h', date: '2026-05-18', startHour: 9, endHour: 10, booker: '下周', purpose: '', status: '已确认' },
    ];
    const doc = weekSchedule('三坊七巷社区', venues, bookings, '2026-05-11');
    expect(doc.orientation).toBe('landscape');
    expect(doc.sections[0]!.table!.columns.map((c) => c.header).slice(0, 3)).toEqual(['场地', '星期一 5.11', '星期二 5.12']);
    // Time, who and what each on a line of its own, so a narrow day never splits a name ("张 / 建华").
    expect(doc.sections[0]!.table!.rows[0]!.slice(0, 2)).toEqual(['党群活动室', '9:00–10:00\n李四［待审批］\n\n14:00–16:00\n张三\n（合唱排练）']);
    expect(doc.sections[0]!.table!.rows[1]!.slice(1).every((c) => c === '—')).toBe(true);
  });
  it('prints the resident\'s slip with the phone masked and a signature line', () => {
    const doc = bookingSlip('三坊七巷社区', { venueId: 'r', venue: '党群活动室', date: '2026-05-11', startHour: 14, endHour: 16, booker: '张三', purpose: '', status: '已确认', phone: '13812345678', headcount: 20 }, '2026-05-06');
    expect(JSON.stringify(doc)).toContain('138****5678');
    expect(JSON.stringify(doc)).not.toContain('13812345678');
    expect(doc.sections[1]!.signatures).toEqual(['经办人（签字）']);
  });
  it('prints the day for the notice board: every venue, its bookings in time order, an idle venue said so', () => {
    const venues = [{ id: 'r', name: '党群活动室' }, { id: 'h', name: '多功能厅' }];
    const doc = daySchedule('三坊七巷社区', venues, [
      { venueId: 'r', date: '2026-05-11', startHour: 14, endHour: 16, booker: '张三', purpose: '合唱排练', status: '已确认' },
      { venueId: 'r', date: '2026-05-11', startHour: 9, endHour: 10, booker: '李四', purpose: '', status: '待审批' },
      { venueId: 'r', date: '2026-05-12', startHour: 9, endHour: 10, booker: '次日', purpose: '', status: '已确认' },
    ], '2026-05-11');
    expect(doc.subtitle).toBe('三坊七巷社区 · 2026年5月11日 星期一');
    expect(doc.sections[0]!.table!.rows).toEqual([['党群活动室', '9:00–10:00', '李四', '［待审批］'], ['', '14:00–16:00', '张三', '合唱排练'], ['多功能厅', '—', '全天空闲', '']]);
  });
  it('prints a venue door card for the week: each day opening hours and who uses it, the rules, no phones', () => {
    const venue = { id: 'r', name: '党群活动室', ownerUnitId: '', capacity: 30, equipment: ['投影'], openingHours: { '7': null }, closures: [{ from: '2026-05-12', to: '2026-05-12', reason: '维修' }], rules: { maxHours: 3 } };
    const doc = doorCard('三坊七巷社区', venue, [{ venueId: 'r', date: '2026-05-11', startHour: 14, endHour: 16, booker: '张三', purpose: '合唱排练', status: '已确认' }, { venueId: 'h', date: '2026-05-11', startHour: 9, endHour: 10, booker: '别的场地', purpose: '', status: '已确认' }], '2026-05-11');
    expect(doc.title).toBe('党群活动室');
    const rows = doc.sections[0]!.table!.rows;
    expect(rows[0]).toEqual(['星期一 5.11', '8:00–22:00', '14:00–16:00 张三（合唱排练）']);
    expect(rows[1]).toEqual(['星期二 5.12', '不开放（维修）', '—']);
    expect(rows[2]![2]).toBe('暂无预约');
    expect(rows[6]![1]).toBe('不开放（星期日不开放）');
    expect(doc.sections[1]!.paragraphs).toEqual(['容纳 30 人。设备：投影。', '每次最多预约 3 小时，每人每月最多 2 次；最多提前 60 天预约。']);
  });
});
