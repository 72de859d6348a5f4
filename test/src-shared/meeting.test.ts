import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { OrgTree } from '../../src-shared/records';
import { attendanceCounts, carriedOverTasks, checkExcellentLimit, checkFinalize, checkMark, expectedMembers, nextDecisionNumber, numberClashes, quorum, requireQuorum, taskState, yearCalendar } from '../../src-shared/records/meeting/meetingRules';
import type { AttendanceEntry } from '../../src-shared/records/meeting/meetingSchema';
import { createRepositories } from '../../src-shared/repository/repositories';
import { fixedContext } from '../../src-shared/testing/fixedContext';

const mark = (status: AttendanceEntry['status'], kind: AttendanceEntry['kind'] = 'member'): AttendanceEntry => ({ kind, name: '', status, reason: '', removed: false });

describe('meetings: attendance, quorum, numbering, carry-over, grades, calendar', () => {
  it('counts from the marks and applies the quorum of a 支部党员大会 to members with a vote only', () => {
    const attendance: Record<string, AttendanceEntry> = {
      a: mark('出席'), b: mark('迟到'), c: mark('请假'), d: mark('缺席'), e: mark('未标记'), p: mark('出席'), g: mark('出席', 'guest'),
    };
    const hasVote = (id: string) => id !== 'p'; // p is a 预备党员
    const counts = attendanceCounts(attendance, hasVote);
    expect(counts).toMatchObject({ expected: 6, present: 3, late: 1, leave: 1, absent: 1, unmarked: 1, guests: 1, voting: 5, votingPresent: 2 });
    expect(quorum('支部党员大会', counts)).toEqual({ applies: true, required: 3, met: false, missing: 1 });
    expect(() => requireQuorum('支部党员大会', counts)).toThrow(/还需 1 人到会才能表决或形成决议/);
    expect(quorum('支委会', counts).met).toBe(true);
    attendance.e = mark('出席');
    expect(quorum('支部党员大会', attendanceCounts(attendance, hasVote)).met).toBe(true);
  });

  it('fills 应到 from the node by the type\'s rule, in name order', () => {
    const members = [
      { id: '1', name: '张三', orgNodeId: 'b1', category: '正式党员', tags: [] },
      { id: '2', name: '李四', orgNodeId: 'g', category: '正式党员', tags: ['支部委员'] },
      { id: '3', name: '王五', orgNodeId: 'other', category: '正式党员', tags: [] },
      { id: '4', name: '艾一', orgNodeId: 'b1', category: '预备党员', tags: [] },
    ];
    expect(expectedMembers('支部党员大会', { node: 'g', subtree: ['b1'] }, members)).toEqual(['4', '2', '1']);
    expect(expectedMembers('支委会', { node: 'g', subtree: ['b1'] }, members)).toEqual(['2']);
    expect(expectedMembers('党小组会', { node: 'b1', subtree: [] }, members)).toEqual(['4', '1']);
  });

  it('refuses a mark for someone outside the list and a leave without a reason', () => {
    expect(() => checkMark(undefined, '出席', '', '王五')).toThrow(/不在本次会议应到名单中：如是列席人员，请用“添加列席”/);
    expect(() => checkMark(mark('未标记'), '请假', '', '张三')).toThrow(/「张三」请假须填写原因/);
    expect(() => checkMark(mark('未标记'), '请假', '外出', '张三')).not.toThrow();
  });

  it('numbers decisions per organisation per year and gives a clashing number after a merge to the later one', () => {
    const ds = [
      { id: 'x', orgNodeId: 'g', year: 2026, number: 1, createdAt: 10 },
      { id: 'y', orgNodeId: 'g', year: 2026, number: 2, createdAt: 20 },
      { id: 'z', orgNodeId: 'g', year: 2026, number: 2, createdAt: 15 },
      { id: 'w', orgNodeId: 'h', year: 2026, number: 2, createdAt: 1 },
    ];
    expect(nextDecisionNumber(ds, 'g', 2026)).toBe(3);
    expect(nextDecisionNumber(ds, 'g', 2025)).toBe(1);
    expect(numberClashes(ds)).toEqual([{ id: 'y', from: 2, to: 3 }]);
    expect(numberClashes([...ds.filter((d) => d.id !== 'y'), { ...ds[1]!, number: 3 }])).toEqual([]);
  });

  it('two offline PCs numbering the same slot end with distinct numbers once either fixes the merge', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ra = createRepositories(a, fixedContext({ name: '甲', device: 'pc-a' }));
    const rb = createRepositories(b, fixedContext({ name: '乙', device: 'pc-b' }, Date.UTC(2026, 0, 2)));
    const meeting = ra.meetings.create({ title: '支部党员大会', meetingType: '支部党员大会', date: '2026-03-01' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    ra.meetingDecisions.create({ meetingId: meeting.id, year: 2026, number: 1, text: '甲的决议' });
    rb.meetingDecisions.create({ meetingId: meeting.id, year: 2026, number: 1, text: '乙的决议' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const facts = (r: typeof ra) => r.meetingDecisions.list().map((d) => ({ id: d.id, orgNodeId: d.orgNodeId, year: d.year, number: d.number, createdAt: d.meta.createdAt }));
    const fixesA = numberClashes(facts(ra));
    const fixesB = numberClashes(facts(rb));
    expect(fixesA).toEqual(fixesB);
    for (const f of fixesA) ra.meetingDecisions.update(f.id, { number: f.to });
    for (const f of fixesB) rb.meetingDecisions.update(f.id, { number: f.to });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(ra.meetingDecisions.list().map((d) => `${d.text}:${d.number}`).sort()).toEqual(['乙的决议:2', '甲的决议:1']);
    expect(numberClashes(facts(rb))).toEqual([]);
  });

  it('merges attendance per person (the later mark wins, both kept) and minutes typed on two PCs', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const clockA = { t: 1000 };
    const clockB = { t: 1000 };
    const ra = createRepositories(a, { actor: () => ({ name: '甲', device: 'pc-a' }), now: () => clockA.t });
    const rb = createRepositories(b, { actor: () => ({ name: '乙', device: 'pc-b' }), now: () => clockB.t });
    const m = ra.meetings.create({
      title: '党小组会', meetingType: '党小组会', date: '2026-03-01',
      attendance: { p1: { status: '未标记' }, p2: { status: '未标记' } },
      agendaItems: [{ id: 'i1', title: '学习' }], itemTexts: { i1: '会议开始。' },
    });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    clockA.t = 2000;
    ra.meetings.update(m.id, { attendance: { p1: { status: '出席' } }, itemTexts: { i1: '会议开始。甲记：学习了文件。' } });
    clockB.t = 3000;
    rb.meetings.update(m.id, { attendance: { p1: { status: '请假', reason: '外出' }, p2: { status: '出席' } }, itemTexts: { i1: '乙记：大家发言。会议开始。' } });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const r of [ra, rb]) {
      const view = r.meetings.get(m.id)!;
      expect(view.attendance.p1).toMatchObject({ status: '请假', reason: '外出' }); // the later mark
      expect(view.attendance.p2).toMatchObject({ status: '出席' });
      expect(view.itemTexts.i1).toContain('甲记：学习了文件。');
      expect(view.itemTexts.i1).toContain('乙记：大家发言。');
      const marks = r.meetings.history(m.id).filter((h) => h.changes?.attendance).map((h) => JSON.stringify(h.changes!.attendance!.to));
      expect(marks.join()).toContain('出席');
      expect(marks.join()).toContain('请假');
    }
  });

  it('carries open tasks to the next meeting of the same organisation; 逾期 is derived', () => {
    const meetings = [{ id: 'm1', orgNodeId: 'g', date: '2026-01-10' }, { id: 'm2', orgNodeId: 'g', date: '2026-02-10' }, { id: 'x', orgNodeId: 'h', date: '2026-01-10' }];
    const tasks = [
      { id: 't1', meetingId: 'm1', status: '进行中', dueDate: '2026-01-31' },
      { id: 't2', meetingId: 'm1', status: '已完成', dueDate: '' },
      { id: 't3', meetingId: 'x', status: '未开始', dueDate: '' },
    ];
    expect(carriedOverTasks(tasks, meetings, meetings[1]!).map((t) => t.id)).toEqual(['t1']);
    expect(taskState(tasks[0]!, '2026-02-10')).toBe('逾期');
    expect(taskState(tasks[0]!, '2026-01-20')).toBe('进行中');
  });

  it('allows at most a third 优秀 in 民主评议, rounded down, and names the count', () => {
    expect(() => checkExcellentLimit(['优秀', '优秀', '合格', '合格', '合格', '合格', '合格'])).not.toThrow();
    expect(() => checkExcellentLimit(['优秀', '优秀', '合格', '合格', '合格'])).toThrow(/参评 5 人，优秀最多 1 人（不超过三分之一），现在是 2 人/);
  });

  it('refuses to finalize a meeting dated in the future', () => {
    expect(() => checkFinalize({ date: '2026-12-01', startTime: '', endTime: '' }, '2026-11-26')).toThrow(/还没到/);
  });

  it('fills the calendar with finalized meetings and marks the required ones missing', () => {
    const list = [
      { id: '1', meetingType: '支委会' as const, date: '2026-01-15', status: '已定稿', orgNodeId: 'g' },
      { id: '2', meetingType: '支委会' as const, date: '2026-02-15', status: '草稿', orgNodeId: 'g' },
      { id: '3', meetingType: '支部党员大会' as const, date: '2026-02-20', status: '已定稿', orgNodeId: 'g' },
    ];
    const months = yearCalendar(list, 'g', 2026, ['支委会', '支部党员大会'], '2026-07-10');
    expect(months[0]!.held.map((h) => h.id)).toEqual(['1']);
    expect(months[0]!.missing).toEqual([]);
    expect(months[1]!.missing).toEqual(['支委会']); // the draft does not count
    expect(months[2]!.missing).toEqual(['支委会']); // the quarter's 大会 was held in February
    expect(months[5]!.missing).toEqual(['支委会', '支部党员大会']);
    expect(months[6]!.missing).toEqual([]); // July is not over
  });

  it('marks nothing missing before an organisation existed: its founding month and the periods begun by then are not due', () => {
    // A branch set up on 2026-05-20, looked at on 2026-12-03: 支委会 due from June, the 大会 from Q3 (July–September).
    const months = yearCalendar([], 'g', 2026, ['支委会', '支部党员大会'], '2026-12-03', undefined, '2026-05-20');
    expect(months.slice(0, 5).every((m) => m.missing.length === 0)).toBe(true);
    expect(months[5]!.missing).toEqual(['支委会']); // June: no 大会 (Q2 began before the branch)
    expect(months[8]!.missing).toEqual(['支委会', '支部党员大会']);
    expect(months[10]!.missing).toEqual(['支委会']);
    // A branch created today marks nothing this year.
    expect(yearCalendar([], 'g', 2026, ['支委会'], '2026-12-03', undefined, '2026-12-03').every((m) => m.missing.length === 0)).toBe(true);
  });

  it('keeps the tree rule: expected members from a real org tree', () => {
    const doc = new Y.Doc();
    const repos = createRepositories(doc, fixedContext());
    const tree = new OrgTree(repos.orgNodes);
    tree.ensureRoots('南街街道', '三坊七巷社区');
    const community = tree.tree()[0]!.children[0]!.node;
    const grid = tree.addChild(community.id, { name: '第一网格党支部', kind: 'grid' });
    const building = tree.addChild(grid.id, { name: '1号楼党小组', kind: 'building' });
    const p = repos.people.create({ name: '张三', orgNodeId: building.id });
    const members = repos.people.list().map((x) => ({ id: x.id, name: x.name, orgNodeId: x.orgNodeId, category: x.category, tags: x.tags }));
    expect(expectedMembers('支部党员大会', { node: grid.id, subtree: tree.descendants(grid.id).map((n) => n.id) }, members)).toEqual([p.id]);
  });
});

describe('meeting search', () => {
  it('finds Chinese substrings in minutes, decisions and follow-ups, and people by pinyin initials', async () => {
    const { searchMeetings } = await import('../../src-shared/records/meeting/meetingSearch');
    const base = { place: '', host: '林华', recorder: '王小红', minutes: '', agendaItems: [{ title: '学习' }], attendance: { a: { name: '赵丽华' } } };
    const list = [
      { ...base, id: '1', title: '支部党员大会', itemTexts: { i: '讨论社区治理' } as Record<string, string> },
      { ...base, id: '2', title: '党小组会', itemTexts: {} as Record<string, string>, host: '陈三' },
    ];
    const extra = new Map([['2', '同意冯五按期转正']]);
    expect(searchMeetings(list, extra, '社区治理')).toEqual(['1']);
    expect(searchMeetings(list, extra, '转正')).toEqual(['2']);
    expect(searchMeetings(list, extra, 'lh')).toEqual(['1']);
    expect(searchMeetings(list, extra, 'zlh')).toEqual(['1', '2']);
    expect(searchMeetings(list, extra, '')).toEqual(['1', '2']);
  });
});

describe('attendance rates', () => {
  it('divides present (incl. late) by expected over finalized meetings in the period, per person and organisation', async () => {
    const { attendanceRates } = await import('../../src-shared/records/meeting/meetingRules');
    const m = (date: string, status: string, marks: Record<string, AttendanceEntry['status']>) => ({ orgNodeId: 'g', date, status, attendance: Object.fromEntries(Object.entries(marks).map(([k, s]) => [k, mark(s)])) });
    const meetings = [
      m('2026-01-10', '已定稿', { a: '出席', b: '请假' }),
      m('2026-02-10', '已定稿', { a: '迟到', b: '缺席' }),
      m('2026-03-10', '草稿', { a: '缺席', b: '缺席' }),
      m('2025-12-10', '已定稿', { a: '缺席', b: '出席' }),
    ];
    const { people, orgs } = attendanceRates(meetings, '2026-01-01', '2026-12-31', { person: (id) => id.toUpperCase(), org: () => '第一网格党支部' });
    expect(people.map((p) => [p.name, p.meetings, p.present, p.leave, p.absent, p.rate])).toEqual([['B', 2, 0, 1, 1, 0], ['A', 2, 2, 0, 0, 100]]);
    expect(orgs).toEqual([{ key: 'g', name: '第一网格党支部', meetings: 4, present: 2, leave: 1, absent: 1, rate: 50 }]);
  });
});

describe('a finalized meeting edited elsewhere before the lock was known', () => {
  it('is restored to the finalized version on both PCs and keeps the edit as a 待确认 proposal until decided', async () => {
    const { guardFinalized } = await import('../../src-shared/records/meeting/finalizedGuard');
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ra = createRepositories(a, fixedContext({ name: '王小红', device: 'community' }));
    const rb = createRepositories(b, fixedContext({ name: '李组织委员', device: 'street' }, Date.UTC(2026, 0, 1, 1)));
    const m = ra.meetings.create({ title: '支委会', meetingType: '支委会', date: '2026-01-05', attendance: { p1: { status: '出席' } }, agendaItems: [{ id: 'i', title: '学习' }], itemTexts: { i: '原记录。' } });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // The community finalizes; the street, offline, edits the title, a mark and the minutes.
    const snapshot = JSON.stringify(ra.meetings.get(m.id));
    ra.meetings.update(m.id, { status: '已定稿', version: 1, versions: { '1': { snapshot } } });
    rb.meetings.update(m.id, { title: '支委会（街道改）', attendance: { p1: { status: '缺席', reason: '未到' } }, itemTexts: { i: '原记录。街道补充。' } });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const pendingA = guardFinalized(ra.meetings, m.id);
    const pendingB = guardFinalized(rb.meetings, m.id);
    expect(pendingA.map((p) => p.entry.by)).toEqual(['李组织委员']);
    expect(pendingB.map((p) => p.key)).toEqual(pendingA.map((p) => p.key));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const r of [ra, rb]) {
      const view = r.meetings.get(m.id)!;
      expect(view.status).toBe('已定稿');
      expect(view.title).toBe('支委会');
      expect(view.attendance.p1!.status).toBe('出席');
      expect(view.itemTexts.i).toBe('原记录。');
      // Nothing vanished: the street's edit is in the history.
      expect(JSON.stringify(r.meetings.history(m.id))).toContain('支委会（街道改）');
    }
    // Still pending until a person decides; once rejected, nothing more is done.
    expect(guardFinalized(ra.meetings, m.id)).toHaveLength(1);
    ra.meetings.update(m.id, { proposals: { [pendingA[0]!.key]: { decision: '不采纳' } } });
    expect(guardFinalized(ra.meetings, m.id)).toEqual([]);
  });
});

describe('meeting settings', () => {
  it('takes frequencies and the 优秀 limit from the community\'s settings', async () => {
    const { CommunitySettings } = await import('../../src-shared/settings/communitySettings');
    const settings = new CommunitySettings(new Y.Doc());
    expect(settings.meetingFrequency('支委会', 'monthly')).toBe('monthly');
    settings.setMeetingFrequency('支委会', 'quarterly');
    const list = [{ id: '1', meetingType: '支委会' as const, date: '2026-03-15', status: '已定稿', orgNodeId: 'g' }];
    const months = yearCalendar(list, 'g', 2026, ['支委会'], '2026-12-31', (t) => settings.meetingFrequency(t, 'monthly'));
    expect(months.map((m) => m.missing.length)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(settings.excellentDenominator()).toBe(3);
    settings.setExcellentDenominator(4);
    expect(() => checkExcellentLimit(['优秀', '优秀', '合格', '合格', '合格', '合格'], settings.excellentDenominator())).toThrow(/优秀最多 1 人（不超过1\/4）/);
    expect(() => settings.setExcellentDenominator(0)).toThrow(/1至20之间的整数/);
  });
});

describe('votes and elections', () => {
  it('derives a named vote\'s tally, elects with more than half of the voters present, and refuses impossible counts', async () => {
    const { decisionTally, electionResult, checkVotes } = await import('../../src-shared/records/meeting/meetingRules');
    const present = (votingPresent: number, nonVotingPresent = 0) => ({ votingDue: 27, votingPresent, present: votingPresent + nonVotingPresent, nonVotingPresent });
    expect(decisionTally({ voteFor: 9, voteAgainst: 9, voteAbstain: 9, namedVotes: { a: '同意', b: '反对', c: '同意' } })).toEqual({ for: 2, against: 1, abstain: 0, named: true });
    expect(decisionTally({ voteFor: 4, voteAgainst: 0, voteAbstain: 1, namedVotes: {} })).toEqual({ for: 4, against: 0, abstain: 1, named: false });
    expect(electionResult([{ name: '甲', votes: 3 }, { name: '乙', votes: 2 }], 4)).toEqual([{ name: '甲', votes: 3, elected: true }, { name: '乙', votes: 2, elected: false }]);
    expect(() => checkVotes('决议', { for: 3, against: 1, abstain: 1 }, [], present(4))).toThrow(/共 5 票，多于到会有表决权的正式党员 4 人/);
    expect(() => checkVotes('选举', { for: 0, against: 0, abstain: 0 }, [], present(4))).toThrow(/至少填写一名候选人/);
    expect(() => checkVotes('选举', { for: 0, against: 0, abstain: 0 }, [{ name: '甲', votes: 5 }], present(4))).toThrow(/「甲」得 5 票，多于到会有表决权的正式党员 4 人/);
  });

  it('the issue\'s figures: 预备党员 present neither vote nor count, a 决议 needs more than half of those due, results keep their figures', async () => {
    const { attendanceCounts, checkVotes, electionResult, figuresChanged, hasVotingRight, motionResult, numberClashes, quorum, voteFigures } = await import('../../src-shared/records/meeting/meetingRules');
    // 14 members with a vote and 2 预备党员 present (of 27 with a vote due): "同意 15 票" and "16 票（当选）" are refused.
    const attendance: Record<string, { kind: 'member'; name: string; status: '出席' | '缺席'; reason: string; removed: boolean }> = {};
    for (let i = 0; i < 27; i++) attendance[`v${i}`] = { kind: 'member', name: `正式${i}`, status: i < 14 ? '出席' : '缺席', reason: i < 14 ? '' : '外出', removed: false };
    attendance.p1 = { kind: 'member', name: '预备甲', status: '出席', reason: '', removed: false };
    attendance.p2 = { kind: 'member', name: '预备乙', status: '出席', reason: '', removed: false };
    const counts = attendanceCounts(attendance, (id) => id.startsWith('v'));
    expect(counts).toMatchObject({ expected: 29, present: 16, voting: 27, votingPresent: 14, nonVotingPresent: 2 });
    expect(quorum('支部党员大会', counts)).toMatchObject({ met: true, required: 14 });
    const figures = voteFigures(counts);
    expect(() => checkVotes('决议', { for: 15, against: 0, abstain: 0 }, [], figures)).toThrow(/共 15 票，多于到会有表决权的正式党员 14 人（另有 2 名预备党员等到会，无表决权）/);
    expect(() => checkVotes('选举', { for: 0, against: 0, abstain: 0 }, [{ name: '张三', votes: 16 }], figures)).toThrow(/「张三」得 16 票，多于到会有表决权的正式党员 14 人/);
    // 同意 8 / 反对 6 of 27 with a vote due: not passed (needs 14); 同意 14 passes.
    expect(motionResult(8, figures)).toEqual({ passed: false, needed: 14 });
    expect(motionResult(14, figures)).toEqual({ passed: true, needed: 14 });
    expect(motionResult(13, { votingDue: 26, votingPresent: 20, present: 20, nonVotingPresent: 0 })).toEqual({ passed: false, needed: 14 });
    // An election: 8 of 14 with a vote present is elected; the figures stay with it when two more are marked present.
    expect(electionResult([{ name: '李四', votes: 8 }, { name: '王五', votes: 7 }], figures.votingPresent).map((c) => c.elected)).toEqual([true, false]);
    attendance.v14 = { ...attendance.v14!, status: '出席', reason: '' };
    attendance.v15 = { ...attendance.v15!, status: '出席', reason: '' };
    const later = voteFigures(attendanceCounts(attendance, (id) => id.startsWith('v')));
    expect(later.votingPresent).toBe(16);
    expect(figuresChanged(figures, later)).toBe(true);
    expect(electionResult([{ name: '李四', votes: 8 }], figures.votingPresent)[0]!.elected).toBe(true);
    // Who has a vote: a 正式党员, not under 留党察看.
    expect([hasVotingRight({ category: '正式党员', status: '正常', tags: [] }), hasVotingRight({ category: '预备党员' }), hasVotingRight({ category: '正式党员', status: '留党察看' }), hasVotingRight({ category: '正式党员', tags: ['留党察看'] })]).toEqual([true, false, false, false]);
    // A 决议 that did not pass (number 0) never clashes with another.
    expect(numberClashes([{ id: 'a', orgNodeId: 'o', year: 2026, number: 0, createdAt: 1 }, { id: 'b', orgNodeId: 'o', year: 2026, number: 0, createdAt: 2 }])).toEqual([]);
  });
});

describe('derived counts after randomized marks and merges', () => {
  it('counts derived from the marks equal a recompute from the raw mark log, on every PC, after every merge', async () => {
    const { seededRandom } = await import('../../src-shared/testing/seededRandom');
    const { collectionMap, storedField } = await import('../../src-shared/repository/docLayout');
    const rng = seededRandom(9);
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const clocks = docs.map(() => ({ t: 1000 }));
    const repos = docs.map((d, i) => createRepositories(d, { actor: () => ({ name: `PC${i}`, device: `pc${i}` }), now: () => (clocks[i]!.t += 1 + Math.floor(rng.next() * 5)) }));
    const people = Array.from({ length: 12 }, (_, i) => `p${i}`);
    const m = repos[0]!.meetings.create({ title: '支部党员大会', meetingType: '支部党员大会', date: '2026-03-01', attendance: Object.fromEntries(people.map((p) => [p, { status: '未标记' as const }])) });
    const sync = (a: number, b: number) => Y.applyUpdate(docs[b]!, Y.encodeStateAsUpdate(docs[a]!));
    for (let i = 1; i < docs.length; i++) sync(0, i);
    const statuses = ['出席', '迟到', '请假', '缺席'] as const;
    const hasVote = (id: string) => Number(id.slice(1)) % 4 !== 0;
    for (let step = 0; step < 300; step++) {
      const pc = Math.floor(rng.next() * docs.length);
      if (rng.next() < 0.75) {
        const person = people[Math.floor(rng.next() * people.length)]!;
        const status = statuses[Math.floor(rng.next() * statuses.length)]!;
        repos[pc]!.meetings.update(m.id, { attendance: { [person]: { kind: 'member', name: person, status, reason: status === '请假' || status === '缺席' ? '原因' : '', removed: false } } });
      } else sync(pc, (pc + 1 + Math.floor(rng.next() * (docs.length - 1))) % docs.length);
      if (step % 50 === 49 || step === 299) {
        for (let a = 0; a < docs.length; a++) for (let b = 0; b < docs.length; b++) if (a !== b) sync(a, b);
        const views = repos.map((r) => r.meetings.get(m.id)!);
        // Recompute from the raw log: per person, the entry with the latest time (ties the same way on every PC).
        const log = (storedField(collectionMap(docs[0]!, 'meetings').get(m.id)!, 'attendance') as Y.Array<Record<string, unknown>>).toArray();
        const latest = new Map<string, Record<string, unknown>>();
        for (const { key, ...entry } of log) {
          const held = latest.get(String(key));
          if (!held || Number(entry.at) > Number(held.at) || (entry.at === held.at && JSON.stringify(entry) > JSON.stringify(held))) latest.set(String(key), entry);
        }
        const expected = { present: 0, leave: 0, absent: 0, votingPresent: 0 };
        for (const [key, e] of latest) {
          if (e.status === '出席' || e.status === '迟到') { expected.present++; if (hasVote(key)) expected.votingPresent++; }
          if (e.status === '请假') expected.leave++;
          if (e.status === '缺席') expected.absent++;
        }
        for (const view of views) {
          expect(attendanceCounts(view.attendance, hasVote)).toMatchObject({ expected: 12, ...expected });
          expect(view.attendance).toEqual(views[0]!.attendance);
        }
        // Nothing vanished: every mark ever made is in the log.
        expect(log.length).toBeGreaterThanOrEqual(12);
      }
    }
  });
});
