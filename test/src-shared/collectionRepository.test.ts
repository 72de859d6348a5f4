import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ValidationError } from '../../src-shared/errors';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

function setup(actorName = '王小红') {
  const doc = new Y.Doc();
  const context = fixedContext({ name: actorName, device: 'pc-1' });
  return { doc, context, repos: createRepositories(doc, context) };
}

describe('CollectionRepository', () => {
  it('creates, reads, updates, deletes and restores a record, stamping who and when', () => {
    const { repos } = setup();
    const m = repos.people.create({ name: '张三', phone: '13800138000', idNumber: '11010519491231002X' });
    expect(m.name).toBe('张三');
    expect(m.partyStatus).toBe('正常');
    expect(m).toMatchObject({ birthDate: '1949-12-31', gender: '女', category: '正式党员' });
    expect(m.meta).toMatchObject({ createdBy: '王小红', updatedBy: '王小红', deleted: false });

    const updated = repos.people.update(m.id, { phone: '13900139000' });
    expect(updated.phone).toBe('13900139000');
    expect(updated.meta.updatedAt).toBeGreaterThan(m.meta.updatedAt);

    repos.people.delete(m.id);
    expect(repos.people.list()).toHaveLength(0);
    expect(repos.people.list({ onlyDeleted: true })).toHaveLength(1);
    expect(repos.people.get(m.id)?.meta).toMatchObject({ deleted: true, deletedBy: '王小红' });

    repos.people.restore(m.id);
    expect(repos.people.list().map((r) => r.id)).toEqual([m.id]);

    const history = repos.people.history(m.id);
    expect(history.map((h) => h.action)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(history[1]?.changes).toEqual({ phone: { from: '13800138000', to: '13900139000' } });
    expect(history.every((h) => h.by === '王小红' && h.device === 'pc-1')).toBe(true);
  });

  it('refuses an invalid value with a Chinese message naming the field, and writes nothing', () => {
    const { doc, repos } = setup();
    const before = Y.encodeStateVector(doc);
    let error: unknown;
    try {
      repos.people.create({ name: '', phone: '12345' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const problems = (error as ValidationError).problems;
    expect(problems.map((p) => p.label)).toEqual(['姓名', '联系电话']);
    expect((error as ValidationError).message).toContain('「姓名」不能为空');
    expect((error as ValidationError).message).toContain('「联系电话」不是有效电话号码');
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses an update that breaks a cross-field rule, leaving the record as it was', () => {
    const { repos } = setup();
    const m = repos.people.create({ name: '李四', joinDate: '2010-07-01', confirmDate: '2011-07-01' });
    expect(() => repos.people.update(m.id, { confirmDate: '2009-01-01' })).toThrow(/「转正日期」应晚于入党日期/);
    expect(() => repos.people.update(m.id, { category: '预备党员' })).toThrow(/预备党员尚未转正/);
    expect(repos.people.get(m.id)?.confirmDate).toBe('2011-07-01');
    expect(repos.people.history(m.id)).toHaveLength(1);
  });

  it('does not write or stamp an update that changes nothing', () => {
    const { doc, repos } = setup();
    const m = repos.people.create({ name: '赵六', roles: ['志愿者'] });
    const before = Y.encodeStateVector(doc);
    repos.people.update(m.id, { name: '赵六' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('keeps long texts as Y.Text so two offline edits of the same minutes both survive a merge', () => {
    const a = setup('甲');
    const meeting = a.repos.meetings.create({ title: '支委会', meetingType: '支委会', date: '2026-03-01', minutes: '第一项。\n第二项。' });
    const b = setup('乙');
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.repos.meetings.update(meeting.id, { minutes: '第一项：通过。\n第二项。' });
    b.repos.meetings.update(meeting.id, { minutes: '第一项。\n第二项：下次再议。' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(a.repos.meetings.get(meeting.id)?.minutes).toBe('第一项：通过。\n第二项：下次再议。');
    expect(b.repos.meetings.get(meeting.id)?.minutes).toBe('第一项：通过。\n第二项：下次再议。');
    // Both edits are in the history, each with its author.
    expect(a.repos.meetings.history(meeting.id).filter((h) => h.action === 'update').map((h) => h.by).sort()).toEqual(['乙', '甲']);
  });

  it('picks keyed logs, keyed texts and long texts as the view holds them, before and after edits and merges', () => {
    const a = setup('甲');
    const m = a.repos.meetings.create({ title: '支委会', meetingType: '支委会', date: '2026-01-05', attendance: { p1: { status: '出席' } }, agendaItems: [{ id: 'i', title: '学习' }], itemTexts: { i: '原记录。' }, minutes: '纪要' });
    const fields = ['title', 'attendance', 'itemTexts', 'minutes', 'grades'] as const;
    const same = (repos: typeof a.repos) => {
      const [row] = repos.meetings.pick(fields, [m.id]);
      const view = repos.meetings.get(m.id)!;
      for (const f of fields) expect(row![f]).toEqual(view[f]);
    };
    same(a.repos);
    const b = setup('乙');
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    a.repos.meetings.update(m.id, { attendance: { p1: { status: '请假' }, p2: { status: '出席' } } });
    b.repos.meetings.update(m.id, { itemTexts: { i: '原记录。补充。' } });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    same(a.repos);
    expect(a.repos.meetings.pick(['attendance'])[0]!.attendance).toMatchObject({ p1: { status: '请假' }, p2: { status: '出席' } });
  });

  it('notifies observers of changes made by merged updates, with the record ids', () => {
    const a = setup();
    const b = setup();
    const seen: string[][] = [];
    b.repos.bookings.observe((ids) => seen.push(ids));
    const booking = a.repos.bookings.create({ venue: '党群活动室', date: '2026-05-04', startHour: 9, endHour: 11, booker: '陈七' });
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(seen).toEqual([[booking.id]]);
    expect(b.repos.bookings.get(booking.id)?.venue).toBe('党群活动室');
  });

  it('answers ids by a field value from an index kept current by local writes, merges and deletions', () => {
    const a = setup();
    const b = setup('李明');
    const hall = a.repos.bookings.create({ venue: '党群活动室', date: '2026-05-04', startHour: 9, endHour: 11, booker: '陈七' });
    expect(a.repos.bookings.idsWithValue('venue', '党群活动室')).toEqual([hall.id]);
    // Writes inside an outer transaction are answered before it ends.
    let inner = '';
    a.doc.transact(() => {
      inner = a.repos.bookings.create({ venue: '党群活动室', date: '2026-05-05', startHour: 9, endHour: 11, booker: '陈七' }).id;
      expect(a.repos.bookings.idsWithValue('venue', '党群活动室').sort()).toEqual([hall.id, inner].sort());
      a.repos.bookings.update(hall.id, { venue: '会议室' });
      expect(a.repos.bookings.idsWithValue('venue', '党群活动室')).toEqual([inner]);
    });
    expect(a.repos.bookings.idsWithValue('venue', '会议室')).toEqual([hall.id]);
    a.repos.bookings.delete(inner);
    expect(a.repos.bookings.idsWithValue('venue', '党群活动室')).toEqual([]);
    // A record merged from another PC, and a value changed there, are found as well.
    const remote = b.repos.bookings.create({ venue: '党群活动室', date: '2026-05-06', startHour: 14, endHour: 16, booker: '王五' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    expect(a.repos.bookings.idsWithValue('venue', '党群活动室')).toEqual([remote.id]);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    b.repos.bookings.update(hall.id, { venue: '党群活动室' });
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    expect(a.repos.bookings.idsWithValue('venue', '党群活动室').sort()).toEqual([hall.id, remote.id].sort());
    expect(a.repos.bookings.idsWithValue('venue', '会议室')).toEqual([]);
    // The index agrees with a full scan.
    expect(a.repos.bookings.idsWithValue('venue', '党群活动室').sort()).toEqual(a.repos.bookings.idsWhere('venue', (v) => v === '党群活动室').sort());
  });

  it('validates every record type it stores', () => {
    const { repos } = setup();
    expect(() => repos.bookings.create({ venue: '活动室', date: '2026-02-30', startHour: 9, endHour: 10, booker: '甲' })).toThrow(/「日期」不是有效日期/);
    expect(() => repos.bookings.create({ venue: '活动室', date: '2026-02-03', startHour: 11, endHour: 10, booker: '甲' })).toThrow(/「结束时间」应晚于开始时间/);
    expect(() => repos.meetings.create({ title: '大会', meetingType: '支部党员大会', date: '2026-01-05', startTime: '19:30', endTime: '19:00' })).toThrow(/「结束时间」应晚于开始时间/);
    expect(() => repos.people.create({ name: '甲', idNumber: '110105194912310021' })).toThrow(/「公民身份号码」校验码错误/);
  });
});
