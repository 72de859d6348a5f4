import type { FieldsOf } from '../../../src-shared/schema/collection';
import type { meetingDecisions, meetings, meetingTasks } from '../../../src-shared/records';
import type { RecordView } from '../../../src-shared/repository/collectionRepository';
import { attendanceCounts, hasVotingRight, quorum, sortByName, type AttendanceCounts } from '../../../src-shared/records/meeting/meetingRules';
import type { AttendanceEntry } from '../../../src-shared/records/meeting/meetingSchema';
import type { CommunityStore } from '../../data/communityStore';

export type Meeting = RecordView<FieldsOf<typeof meetings>>;
export type Decision = RecordView<FieldsOf<typeof meetingDecisions>>;
export type Task = RecordView<FieldsOf<typeof meetingTasks>>;

/** One line of the attendance list: its key, the mark in effect, and the name to show. */
export interface AttendanceRow extends AttendanceEntry {
  key: string;
  id: string;
  displayName: string;
  hasVote: boolean;
}

/** The attendance in the sign-in sheet's order: members by name (pinyin), then units, then 列席 as added. */
export function attendanceRows(store: CommunityStore, meeting: Meeting): AttendanceRow[] {
  const rows = Object.entries(meeting.attendance).map(([key, entry]) => {
    const person = entry.kind === 'member' ? store.repos.people.get(key) : undefined;
    return { ...entry, key, id: key, name: entry.name || person?.name || '', displayName: person?.name ?? entry.name, hasVote: hasVotingRight(person) };
  });
  const rank = (r: AttendanceRow) => (r.kind === 'member' ? 0 : r.kind === 'unit' ? 1 : 2);
  return sortByName(rows).sort((a, b) => rank(a) - rank(b));
}

export function countsOf(store: CommunityStore, meeting: Meeting): AttendanceCounts {
  return attendanceCounts(meeting.attendance, (id) => hasVotingRight(store.repos.people.get(id)));
}

/** Whether a 常用语 can be filled now: one naming the 主持人 or 记录人 waits until they are filled in (基本信息). */
export function phraseReady(phrase: string, meeting: Meeting): boolean {
  return !(phrase.includes('{主持人}') && !meeting.host) && !(phrase.includes('{记录人}') && !meeting.recorder);
}

/** 常用语 filled from the live counts and the meeting. */
export function fillPhrase(phrase: string, meeting: Meeting, counts: AttendanceCounts): string {
  const q = quorum(meeting.meetingType, counts);
  const values: Record<string, string> = {
    应到: String(counts.expected), 实到: String(counts.present), 请假: String(counts.leave), 缺席: String(counts.absent), 列席: String(counts.guests),
    主持人: meeting.host, 记录人: meeting.recorder,
    人数情况: q.applies ? (q.met ? '符合规定人数' : `不足规定人数（还差${q.missing}人）`) : counts.present * 2 > counts.expected ? '符合规定人数' : '到会人数不足半数',
  };
  return phrase.replace(/\{([^}]+)\}/g, (all, key: string) => values[key] ?? all);
}
