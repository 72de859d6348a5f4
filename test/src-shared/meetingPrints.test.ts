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
    const counts = { expected: 5, present: 4, late: 1, leave: 1, absent: 0, unmarked: 0, guests: 1, voting: 4, votingPresent: 3, nonVotingPresent: 1 };
    const attendance = [{ kind: 'member' as const, name: '白二', displayName: '白二', status: '请假' as const, reason: '外出', removed: false }, { kind: 'guest' as const, name: '街道干部', displayName: '街道干部', status: '出席' as const, reason: '', removed: false }];
    const figures = { votingDue: 4, votingPresent: 3, present: 4, nonVotingPresent: 1 };
    const tasks = [{ title: '报街道审批', owner: '丁四', dueDate: '2026-12-10', state: '进行中', progress: '', meeting: '' }];
    const full = meetingRecord(meeting, counts, attendance, [
      { year: 2026, number: 1, text: '同意冯五按期转正', voteFor: 3, voteAgainst: 0, voteAbstain: 0, figures },
      { year: 2026, number: 0, text: '同意调整党费标准', voteFor: 2, voteAgainst: 1, voteAbstain: 0, figures },
      { year: 2026, number: 2, kind: '选举', text: '选举支部委员', voteFor: 0, voteAgainst: 0, voteAbstain: 0, candidates: [{ name: '艾一', votes: 2 }, { name: '白二', votes: 1 }], figures },
    ], '会议记录', { tasks });
    const text = JSON.stringify(full);
    expect(text).toContain('应到 5 人，实到 4 人（其中迟到 1 人），请假 1 人，缺席 0 人，列席 1 人。');
    expect(text).toContain('白二（请假：外出）');
    expect(text).toContain('一、讨论预备党员转正');
    expect(text).toContain('有表决权的正式党员应到 4 人，实到 3 人（另有预备党员等 1 人到会，无表决权，不计入），超过半数，符合规定人数，可以进行表决。');
    expect(text).toContain('〔2026〕第 1 号\u3000同意冯五按期转正（同意 3 票，反对 0 票，弃权 0 票；有表决权应到 4 人，同意超过半数（至少 3 票），通过）');
    expect(text).toContain('（未通过，不编号）\u3000同意调整党费标准（同意 2 票，反对 1 票，弃权 0 票；有表决权应到 4 人，同意未超过应到有表决权党员的半数（须至少 3 票），未通过）');
    expect(text).toContain('〔2026〕第 2 号\u3000选举支部委员（有表决权应到 4 人、到会 3 人）：艾一 2 票（当选），白二 1 票（未当选）');
    expect(text).toContain('督办事项');
    expect(text).toContain('1. 报街道审批（负责：丁四，期限 2026-12-10，进行中）');
    expect(full.sections.at(-1)!.signatures).toEqual(['主持人（签字）', '记录人（签字）']);
    expect(full.subtitle).toContain('定稿第 1 版');
    const summary = meetingRecord(meeting, counts, attendance, [], '会议纪要');
    expect(JSON.stringify(summary)).toContain('同意转正。');
    expect(JSON.stringify(summary)).not.toContain('支部书记介绍情况');
    // An empty 纪要 prints no empty heading; a 民主评议 record lists the grades.
    const empty = meetingRecord({ ...meeting, minutes: '' }, counts, attendance, [], '会议纪要');
    expect(JSON.stringify(empty)).not.toContain('会议议定事项');
    const graded = meetingRecord({ ...meeting, meetingType: '民主评议' }, counts, attendance, [], '会议纪要', { grades: [{ name: '艾一', grade: '优秀' }, { name: '白二', grade: '合格' }] });
    expect(JSON.stringify(graded)).toContain('参评 2 人：优秀 1 人，合格 1 人，基本合格 0 人，不合格 0 人。');
    expect(graded.sections.find((s) => s.heading === '民主评议结果')!.table!.rows).toEqual([['1', '艾一', '优秀'], ['2', '白二', '合格']]);
    // The sign-in sheet marks 预备党员.
    const sheet = signInSheet(meeting, [{ name: '艾一', orgName: '第一网格党支部' }, { name: '陈三', orgName: '第一网格党支部', note: '预备党员（无表决权）' }]);
    expect(sheet.sections[1]!.table!.rows[1]).toEqual(['2', '陈三', '第一网格党支部', '', '预备党员（无表决权）']);
    expect(sheet.footer![0]).toContain('其中预备党员 1 人，无表决权');
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
