import { ValidationError } from '../../errors';
import type { AttendanceEntry, MeetingType } from './meetingSchema';
import { compareChinese } from '../../text/chineseOrder';

/**
 * The rules of 三会一课 as pure functions: who is expected, the counts, the quorum of a 支部党员大会, decision numbers,
 * follow-ups carried to the next meeting, the 优秀 limit of 民主评议, and the year's calendar. Counts are always
 * derived from the attendance marks, never stored.
 */

export type Frequency = 'monthly' | 'quarterly' | 'yearly' | 'none';

export interface MeetingTypeRule {
  /** Who is expected: the node's members and its sub-nodes', the node's own members, its 支委, resident units, or chosen people. */
  expected: 'subtree' | 'node' | 'committee' | 'units' | 'chosen';
  quorum: boolean;
  frequency: Frequency;
}

/** Defaults from DOMAIN.md (三会一课); an editable setting of the community in a later version. */
export const MEETING_TYPE_RULES: Record<MeetingType, MeetingTypeRule> = {
  支部党员大会: { expected: 'subtree', quorum: true, frequency: 'quarterly' },
  支委会: { expected: 'committee', quorum: false, frequency: 'monthly' },
  党小组会: { expected: 'node', quorum: false, frequency: 'monthly' },
  党课: { expected: 'subtree', quorum: false, frequency: 'quarterly' },
  主题党日: { expected: 'subtree', quorum: false, frequency: 'monthly' },
  组织生活会: { expected: 'subtree', quorum: false, frequency: 'yearly' },
  民主评议: { expected: 'subtree', quorum: false, frequency: 'yearly' },
  党建联席会议: { expected: 'units', quorum: false, frequency: 'quarterly' },
  党群协商议事会: { expected: 'chosen', quorum: false, frequency: 'none' },
  其他: { expected: 'chosen', quorum: false, frequency: 'none' },
};

/** The meetings a node kind must hold (三会一课): branches their four, building groups their 党小组会. */
export const REQUIRED_BY_NODE_KIND: Readonly<Record<string, readonly MeetingType[]>> = {
  grid: ['支部党员大会', '支委会', '党课', '主题党日'],
  lane: ['支部党员大会', '支委会', '党课', '主题党日'],
  compound: ['支部党员大会', '支委会', '党课', '主题党日'],
  building: ['党小组会'],
};

/** The tag that marks a branch committee member (支部委员) in the roster. */
export const COMMITTEE_TAG = '支部委员';

export interface MemberFacts {
  id: string;
  name: string;
  orgNodeId: string;
  category: string;
  tags: readonly string[];
}

/** 应到 for a new meeting of a type on a node: member ids in the roster's stable order (by name, pinyin). */
export function expectedMembers(type: MeetingType, nodeIds: { node: string; subtree: readonly string[] }, members: readonly MemberFacts[]): string[] {
  const rule = MEETING_TYPE_RULES[type].expected;
  const inSubtree = new Set([nodeIds.node, ...nodeIds.subtree]);
  const chosen = members.filter((m) =>
    rule === 'subtree' ? inSubtree.has(m.orgNodeId)
    : rule === 'node' ? m.orgNodeId === nodeIds.node
    : rule === 'committee' ? inSubtree.has(m.orgNodeId) && m.tags.includes(COMMITTEE_TAG)
    : false,
  );
  return sortByName(chosen).map((m) => m.id);
}

export function sortByName<T extends { name: string; id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => compareChinese(a.name, b.name) || a.id.localeCompare(b.id));
}

/**
 * Who has a vote (支部工作条例 第十一条; 党章 第七条、第四十条): a 正式党员 not under 留党察看. 预备党员 have none and do not
 * count toward a quorum; a member under 留党察看 keeps no vote while it lasts (marked by the 党员状态 or a tag).
 */
export function hasVotingRight(person: { category?: string; status?: string; tags?: readonly string[] } | undefined): boolean {
  if (!person || person.category !== '正式党员') return false;
  return person.status !== '留党察看' && !(person.tags ?? []).includes('留党察看');
}

export interface AttendanceCounts {
  expected: number;
  present: number;
  late: number;
  leave: number;
  absent: number;
  unmarked: number;
  guests: number;
  /** Members with a vote (正式党员) expected, and those present. 预备党员 count but have no vote. */
  voting: number;
  votingPresent: number;
  /** Members present without a vote (预备党员, 留党察看): counted in 实到, never in a vote or a quorum. */
  nonVotingPresent: number;
}

const isPresent = (e: AttendanceEntry) => e.status === '出席' || e.status === '迟到';

export function attendanceCounts(attendance: Readonly<Record<string, AttendanceEntry>>, hasVote: (personId: string) => boolean): AttendanceCounts {
  const c: AttendanceCounts = { expected: 0, present: 0, late: 0, leave: 0, absent: 0, unmarked: 0, guests: 0, voting: 0, votingPresent: 0, nonVotingPresent: 0 };
  for (const [key, e] of Object.entries(attendance)) {
    if (e.removed) continue;
    if (e.kind === 'guest') {
      if (isPresent(e) || e.status === '未标记') c.guests++;
      continue;
    }
    c.expected++;
    if (isPresent(e)) c.present++;
    if (e.status === '迟到') c.late++;
    if (e.status === '请假') c.leave++;
    if (e.status === '缺席') c.absent++;
    if (e.status === '未标记') c.unmarked++;
    if (e.kind === 'member' && hasVote(key)) {
      c.voting++;
      if (isPresent(e)) c.votingPresent++;
    } else if (e.kind === 'member' && isPresent(e)) c.nonVotingPresent++;
  }
  return c;
}

export interface Quorum {
  applies: boolean;
  required: number;
  met: boolean;
  /** How many more members with a vote must be present. */
  missing: number;
}

/** 支部党员大会: more than half of the members with a vote present. */
export function quorum(type: MeetingType, counts: AttendanceCounts): Quorum {
  const applies = MEETING_TYPE_RULES[type].quorum;
  const required = Math.floor(counts.voting / 2) + 1;
  const met = !applies || counts.votingPresent >= required;
  return { applies, required, met, missing: met ? 0 : required - counts.votingPresent };
}

/** A vote or a 决议 needs the quorum: refused with how many more are needed. */
export function requireQuorum(type: MeetingType, counts: AttendanceCounts): void {
  const q = quorum(type, counts);
  if (!q.met) {
    throw new ValidationError([{
      field: 'attendance',
      label: '到会人数',
      message: `有表决权的正式党员应到 ${counts.voting} 人，实到 ${counts.votingPresent} 人，未过半数（须至少 ${q.required} 人）；还需 ${q.missing} 人到会才能表决或形成决议`,
    }]);
  }
}

/** Marking a person: a non-member must be added as 列席, and 请假/缺席 need a reason. */
export function checkMark(entry: AttendanceEntry | undefined, status: AttendanceEntry['status'], reason: string, personName: string): void {
  if (!entry || entry.removed) {
    throw new ValidationError([{ field: 'attendance', label: '出席情况', message: `「${personName}」不在本次会议应到名单中：如是列席人员，请用“添加列席”按姓名添加` }]);
  }
  if ((status === '请假' || status === '缺席') && entry.kind !== 'guest' && reason.trim() === '') {
    throw new ValidationError([{ field: 'attendance', label: '出席情况', message: `「${personName}」${status}须填写原因，例如：外出、生病、工作冲突` }]);
  }
}

export interface NumberedDecision {
  id: string;
  orgNodeId: string;
  year: number;
  number: number;
  createdAt: number;
}

/** The next free 决议 number of an organisation in a year. */
export function nextDecisionNumber(decisions: readonly NumberedDecision[], orgNodeId: string, year: number): number {
  return Math.max(0, ...decisions.filter((d) => d.orgNodeId === orgNodeId && d.year === year).map((d) => d.number)) + 1;
}

/**
 * Two PCs offline may give the same number to two decisions. After the merge the earlier one (created first; ties by
 * id, the same on every PC) keeps it and each other one gets the next free number. Deterministic, so two PCs fixing
 * the same clash write the same numbers.
 */
export function numberClashes(decisions: readonly NumberedDecision[]): { id: string; from: number; to: number }[] {
  const fixes: { id: string; from: number; to: number }[] = [];
  const groups = new Map<string, NumberedDecision[]>();
  // 0 is "not numbered" (a 决议 that did not pass): never a clash.
  for (const d of decisions.filter((x) => x.number > 0)) groups.set(`${d.orgNodeId}|${d.year}`, [...(groups.get(`${d.orgNodeId}|${d.year}`) ?? []), d]);
  for (const group of groups.values()) {
    const taken = new Set<number>();
    let next = Math.max(0, ...group.map((d) => d.number)) + 1;
    for (const d of [...group].sort((a, b) => a.number - b.number || a.createdAt - b.createdAt || a.id.localeCompare(b.id))) {
      if (!taken.has(d.number)) {
        taken.add(d.number);
        continue;
      }
      fixes.push({ id: d.id, from: d.number, to: next });
      taken.add(next++);
    }
  }
  return fixes;
}

/** 〔2026〕第 3 号; a 决议 that did not pass has no number. */
export function decisionLabel(year: number, number: number): string {
  return number > 0 ? `〔${year}〕第 ${number} 号` : '（未通过，不编号）';
}

export interface TaskFacts {
  id: string;
  meetingId: string;
  status: string;
  dueDate: string;
}
export interface MeetingFacts {
  id: string;
  orgNodeId: string;
  date: string;
}

/** 上次会议决定事项落实情况: open tasks of this organisation's earlier meetings. */
export function carriedOverTasks<T extends TaskFacts>(tasks: readonly T[], meetings: readonly MeetingFacts[], meeting: MeetingFacts): T[] {
  const earlier = new Set(meetings.filter((m) => m.orgNodeId === meeting.orgNodeId && m.id !== meeting.id && m.date <= meeting.date).map((m) => m.id));
  return tasks.filter((t) => earlier.has(t.meetingId) && t.status !== '已完成');
}

/** 逾期 is derived: past its due date and not done. */
export function taskState(task: TaskFacts, today: string): '未开始' | '进行中' | '已完成' | '逾期' {
  if (task.status === '已完成') return '已完成';
  if (task.dueDate && task.dueDate < today) return '逾期';
  return task.status as '未开始' | '进行中';
}

/** 民主评议: at most a third 优秀 (rounded down; the ratio is a setting). */
export function checkExcellentLimit(grades: readonly string[], denominator = 3): void {
  const limit = Math.floor(grades.length / denominator);
  const excellent = grades.filter((g) => g === '优秀').length;
  if (excellent > limit) {
    throw new ValidationError([{
      field: 'grades',
      label: '评议等次',
      message: `参评 ${grades.length} 人，优秀最多 ${limit} 人（不超过${denominator === 3 ? '三分之一' : `1/${denominator}`}），现在是 ${excellent} 人；请把 ${excellent - limit} 人改为其他等次`,
    }]);
  }
}

/** 民主评议 grades are given at a meeting that took place: not while nobody is marked present. */
export function checkGradesRecordable(counts: AttendanceCounts): void {
  if (counts.present === 0) {
    throw new ValidationError([{ field: 'grades', label: '评议等次', message: '实到 0 人：民主评议须在会上进行，请先在“出席情况”中标记到会的党员，再保存评议等次' }]);
  }
}

/** Finalizing: the record must describe a meeting that took place. */
export function checkFinalize(meeting: { date: string; startTime: string; endTime: string }, today: string): void {
  if (meeting.date > today) {
    throw new ValidationError([{ field: 'date', label: '日期', message: `${meeting.date} 还没到：会议开过之后才能定稿，请核对日期` }]);
  }
}

export interface CalendarCell {
  held: { id: string; type: MeetingType; date: string }[];
  /** Required types due in this month (or quarter/year ending in it) with no finalized meeting. */
  missing: MeetingType[];
}

/**
 * The year's calendar of one organisation: per month, the finalized meetings held and the required ones missing
 * (monthly types each month; quarterly ones in the quarter's last month; yearly ones in December). Months after
 * `today` are not counted as missing yet, nor is a period that began before the organisation existed (`since`, its
 * founding date: the month it was set up and every period begun by then are not due).
 */
export function yearCalendar(
  meetings: readonly { id: string; meetingType: MeetingType; date: string; status: string; orgNodeId: string }[],
  orgNodeId: string,
  year: number,
  required: readonly MeetingType[],
  today: string,
  frequencyOf: (type: MeetingType) => Frequency = (type) => MEETING_TYPE_RULES[type].frequency,
  since = '',
): CalendarCell[] {
  const foundedMonth = since.slice(0, 7);
  const own = meetings.filter((m) => m.orgNodeId === orgNodeId && m.status === '已定稿' && m.date.startsWith(`${year}-`))
    // By date (then id): the same cell on every PC, whatever order each document keeps its records in.
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const months: CalendarCell[] = Array.from({ length: 12 }, () => ({ held: [], missing: [] }));
  for (const m of own) months[Number(m.date.slice(5, 7)) - 1]!.held.push({ id: m.id, type: m.meetingType, date: m.date });
  const heldIn = (type: MeetingType, from: number, to: number) => own.some((m) => m.meetingType === type && Number(m.date.slice(5, 7)) >= from && Number(m.date.slice(5, 7)) <= to);
  for (let month = 1; month <= 12; month++) {
    const monthEnd = `${year}-${String(month).padStart(2, '0')}-31`;
    if (monthEnd.slice(0, 7) > today.slice(0, 7) || (monthEnd.slice(0, 7) === today.slice(0, 7))) continue;
    for (const type of required) {
      const f = frequencyOf(type);
      const due = f === 'monthly' || (f === 'quarterly' && month % 3 === 0) || (f === 'yearly' && month === 12);
      if (!due) continue;
      const from = f === 'monthly' ? month : f === 'quarterly' ? month - 2 : 1;
      if (foundedMonth && `${year}-${String(from).padStart(2, '0')}` <= foundedMonth) continue;
      if (!heldIn(type, from, month)) months[month - 1]!.missing.push(type);
    }
  }
  return months;
}

export interface RateRow {
  key: string;
  name: string;
  meetings: number;
  present: number;
  leave: number;
  absent: number;
  /** 出勤率 in percent, one decimal. */
  rate: number;
}

/**
 * 出勤率 for a period, per person and per organisation, over the meetings held (finalized) in it: present (出席 or
 * 迟到) divided by expected. Derived from the marks every time, never stored.
 */
export function attendanceRates(
  meetings: readonly { orgNodeId: string; date: string; status: string; attendance: Readonly<Record<string, AttendanceEntry>> }[],
  from: string,
  to: string,
  nameOf: { person(id: string): string; org(id: string): string },
): { people: RateRow[]; orgs: RateRow[] } {
  const people = new Map<string, RateRow>();
  const orgs = new Map<string, RateRow>();
  const row = (map: Map<string, RateRow>, key: string, name: string) => map.get(key) ?? map.set(key, { key, name, meetings: 0, present: 0, leave: 0, absent: 0, rate: 0 }).get(key)!;
  for (const m of meetings) {
    if (m.status !== '已定稿' || m.date < from || m.date > to) continue;
    const org = row(orgs, m.orgNodeId, nameOf.org(m.orgNodeId));
    for (const [key, e] of Object.entries(m.attendance)) {
      if (e.kind !== 'member' || e.removed) continue;
      const person = row(people, key, nameOf.person(key) || e.name);
      for (const r of [person, org]) {
        r.meetings++;
        if (isPresent(e)) r.present++;
        if (e.status === '请假') r.leave++;
        if (e.status === '缺席') r.absent++;
      }
    }
  }
  const finish = (rows: RateRow[]) => rows.map((r) => ({ ...r, rate: r.meetings ? Math.round((r.present / r.meetings) * 1000) / 10 : 0 })).sort((a, b) => a.rate - b.rate || compareChinese(a.name, b.name));
  return { people: finish([...people.values()]), orgs: finish([...orgs.values()]) };
}

/** A decision's tally: from the named votes where it was a 记名表决, else the counts entered. */
export function decisionTally(d: { voteFor: number; voteAgainst: number; voteAbstain: number; namedVotes: Readonly<Record<string, string>> }): { for: number; against: number; abstain: number; named: boolean } {
  const named = Object.values(d.namedVotes);
  if (named.length === 0) return { for: d.voteFor, against: d.voteAgainst, abstain: d.voteAbstain, named: false };
  return { for: named.filter((v) => v === '同意').length, against: named.filter((v) => v === '反对').length, abstain: named.filter((v) => v === '弃权').length, named: true };
}

/**
 * The figures a vote was taken with, stored with the decision when it is recorded and never recomputed from later
 * attendance: members with a vote who were due (有表决权应到) and present, everyone present, and those present without a vote.
 */
export interface VoteFigures {
  votingDue: number;
  votingPresent: number;
  present: number;
  nonVotingPresent: number;
}

export function voteFigures(counts: AttendanceCounts): VoteFigures {
  return { votingDue: counts.voting, votingPresent: counts.votingPresent, present: counts.present, nonVotingPresent: counts.nonVotingPresent };
}

/** More than half of `of`: the smallest whole number of votes that is. */
export const moreThanHalf = (of: number) => Math.floor(of / 2) + 1;

/**
 * 决议 (支部工作条例 第十一条): passed only when 赞成 is more than half of the members with a vote who were due
 * (应到会有表决权的党员), not of those present.
 */
export function motionResult(votesFor: number, figures: VoteFigures): { passed: boolean; needed: number } {
  const needed = moreThanHalf(figures.votingDue);
  return { passed: figures.votingDue > 0 && votesFor >= needed, needed };
}

/** 选举 (基层组织选举工作条例 第二十条): a candidate is elected with 赞成 above half of the members with a vote present. */
export function electionResult(candidates: readonly { name: string; votes: number }[], votersPresent: number): { name: string; votes: number; elected: boolean }[] {
  return candidates.map((c) => ({ ...c, elected: votersPresent > 0 && c.votes * 2 > votersPresent }));
}

/** Whether the attendance changed since the vote (the decision keeps its figures; a person reviews it). */
export function figuresChanged(recorded: VoteFigures, now: VoteFigures): boolean {
  return recorded.votingDue !== now.votingDue || recorded.votingPresent !== now.votingPresent;
}

/**
 * Votes cast can only come from members with a vote who are present (预备党员 and 留党察看 have none): each votes once
 * per motion, or once per candidate.
 */
export function checkVotes(kind: '决议' | '选举', cast: { for: number; against: number; abstain: number }, candidates: readonly { name: string; votes: number }[], figures: VoteFigures): void {
  const who = `到会有表决权的正式党员 ${figures.votingPresent} 人${figures.nonVotingPresent > 0 ? `（另有 ${figures.nonVotingPresent} 名预备党员等到会，无表决权）` : ''}`;
  if (figures.votingPresent === 0) throw new ValidationError([{ field: 'attendance', label: '到会人数', message: '还没有到会的有表决权党员：请先在“出席情况”中标记到会的正式党员，再记录表决' }]);
  if (kind === '决议' && cast.for + cast.against + cast.abstain > figures.votingPresent) {
    throw new ValidationError([{ field: 'voteFor', label: '表决票数', message: `同意、反对、弃权共 ${cast.for + cast.against + cast.abstain} 票，多于${who}，请核对` }]);
  }
  if (kind === '选举') {
    if (candidates.length === 0) throw new ValidationError([{ field: 'candidates', label: '候选人', message: '请至少填写一名候选人' }]);
    const over = candidates.find((c) => c.votes > figures.votingPresent);
    if (over) throw new ValidationError([{ field: 'candidates', label: '候选人得票', message: `「${over.name}」得 ${over.votes} 票，多于${who}，请核对` }]);
  }
}
