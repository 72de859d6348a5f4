import { describe, expect, it } from 'vitest';
import { followUpReport, meetingNotice, meetingRecord, signInSheet, type MeetingForPrint } from '../../src-shared/print/meetingPrints';

const meeting: MeetingForPrint = {
  id: 'm1', title: '第一网格党支部支部党员大会', meetingType: '支部党员大会', date: '2026-11-26', startTime: '19:30', endTime: '21:00',
  place: '', host: '艾一', recorder: '', orgName: '第一网格党支部', communityName: '三坊七巷社区',
  agendaItems: [{ id: 'i1', title: '讨论预备党员转正' }], itemTexts: { i1: '应到5人，实到4人。\n支部书记介绍情况。' }, minutes: '同意转正。', version: 1,
};

describe('meeting prints', () => {
  it('signs in on paper: names in order, blank 签名, 列席 rows, the meeting id as a QR code, blanks as lines', () => {
    const doc = signInSheet(meeting, [{ name: '艾一', orgName: '第一网格党支部' }, { name: '白二', orgName: '第一网格党支部' }]);
    expect(doc.qrText).toBe('meeting:m1');
    expect(doc.sections[1]!.table!.rows).toEqual([['1', '艾一', '第一网格党支部', '', ''], ['2', '白二', '第一网格党支部', '', '']]);
    expect(doc.sections[2]!.table!.rows).toHaveLength(8);
    expect(doc.sections[0]!.paragraphs![0]).toContain('地点：＿＿＿＿＿＿');
  });
  it('records the meeting with counts, items, decisions and signature lines, never typed signatures', () => {
    const counts = { expected: 5, present: 4, late: 1, leave: 1, absent: 0, unmarked: 0, guests: 1, voting: 4, votingPresent: 3 };
    const attendance = [{ kind: 'member' as const, name: '白二', displayName: '白二', status: '请假' as const, reason: '外出', removed: false }, { kind: 'guest' as const, name: '街道干部', displayName: '街道干部', status: '出席' as const, reason: '', removed: false }];
    const full = meetingRecord(meeting, counts, attendance, [{ year: 2026, number: 1, text: '同意冯五按期转正', voteFor: 4, voteAgainst: 0, voteAbstain: 0 }], '会议记录');
    const text = JSON.stringify(full);
    expect(text).toContain('应到 5 人，实到 4 人（其中迟到 1 人），请假 1 人，缺席 0 人，列席 1 人。');
    expect(text).toContain('白二（请假：外出）');
    expect(text).toContain('一、讨论预备党员转正');
    expect(text).toContain('〔2026〕第 1 号');
    expect(full.sections.at(-1)!.signatures).toEqual(['主持人（签字）', '记录人（签字）']);
    expect(full.subtitle).toContain('定稿第 1 版');
    const summary = meetingRecord(meeting, counts, attendance, [], '会议纪要');
    expect(JSON.stringify(summary)).toContain('同意转正。');
    expect(JSON.stringify(summary)).not.toContain('支部书记介绍情况');
  });
  it('writes the notice with the weekday and the agenda, and the follow-up report', () => {
    const notice = meetingNotice(meeting, '各位党员', '2026-11-20');
    expect(notice.sections[0]!.paragraphs!.join()).toContain('2026年11月26日（星期四） 19:30');
    expect(notice.sections[0]!.paragraphs!.join()).toContain('一、讨论预备党员转正');
    expect(notice.footer).toContain('2026年11月20日');
    const report = followUpReport('第一网格党支部', '三坊七巷社区', [{ title: '报街道审批', owner: '丁四', dueDate: '2026-12-10', state: '进行中', progress: '', meeting: '2026-11-26 大会' }], '2026-11-26');
    expect(report.sections[0]!.table!.rows[0]).toEqual(['1', '报街道审批', '2026-11-26 大会', '丁四', '2026-12-10', '进行中', '—']);
  });
});
