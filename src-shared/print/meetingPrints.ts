import type { AttendanceEntry } from '../records/meeting/meetingSchema';
import { decisionLabel, decisionTally, electionResult, motionResult, quorum, type AttendanceCounts, type VoteFigures } from '../records/meeting/meetingRules';
import type { MeetingType } from '../records/meeting/meetingSchema';
import { longDate, type PrintDocument, type PrintSection } from './printDocument';

export interface MeetingForPrint {
  id: string;
  title: string;
  meetingType: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  host: string;
  recorder: string;
  orgName: string;
  communityName: string;
  agendaItems: { id: string; title: string }[];
  itemTexts: Record<string, string>;
  minutes: string;
  version: number;
}

/** A field left empty prints as a line to write on by hand, never as a placeholder. */
const blank = (text: string) => text || '＿＿＿＿＿＿';

const when = (m: MeetingForPrint) => `${longDate(m.date)}${m.startTime ? ` ${m.startTime}` : ''}${m.endTime ? `—${m.endTime}` : ''}`;

/**
 * 签到表: the expected members in the roster's stable order, a blank 签名 column, blank rows for 列席, and a QR code
 * holding the meeting id, so the clerk enters attendance afterwards in the sheet's order.
 */
export function signInSheet(meeting: MeetingForPrint, rows: { name: string; orgName: string; note?: string }[], guestRows = 8): PrintDocument {
  return {
    fileName: `签到表-${meeting.title}-${meeting.date}.pdf`,
    title: '会议签到表',
    subtitle: `${meeting.orgName} · ${meeting.title}`,
    qrText: `meeting:${meeting.id}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [
      { paragraphs: [`时间：${when(meeting)}\u3000\u3000地点：${blank(meeting.place)}\u3000\u3000主持人：${blank(meeting.host)}`] },
      {
        table: {
          columns: [{ header: '序号', width: 8 }, { header: '姓名', width: 18 }, { header: '所在党组织', width: 30 }, { header: '签名', width: 28 }, { header: '备注', width: 16 }],
          rows: rows.map((r, i) => [String(i + 1), r.name, r.orgName, '', r.note ?? '']),
        },
      },
      {
        heading: '列席人员',
        table: {
          columns: [{ header: '序号', width: 8 }, { header: '姓名', width: 18 }, { header: '单位或身份', width: 30 }, { header: '签名', width: 28 }, { header: '备注', width: 16 }],
          rows: Array.from({ length: guestRows }, (_, i) => [String(i + 1), '', '', '', '']),
        },
      },
    ],
    footer: [`应到 ${rows.length} 人${rows.some((r) => r.note?.startsWith('预备党员')) ? `（其中预备党员 ${rows.filter((r) => r.note?.startsWith('预备党员')).length} 人，无表决权）` : ''}。请本人签名；请假、缺席由记录人注明原因。`, `${meeting.communityName} ${meeting.orgName}`],
  };
}

export interface DecisionForPrint {
  year: number;
  number: number;
  text: string;
  voteFor: number;
  voteAgainst: number;
  voteAbstain: number;
  kind?: '决议' | '选举';
  namedVotes?: Record<string, string>;
  candidates?: { name: string; votes: number }[];
  /** The attendance the vote was taken with (stored with the decision); absent on records made before it was kept. */
  figures?: VoteFigures | null;
  /** Records of older versions: the voting members present when it was finalized (elections only). */
  votersPresent?: number;
}

/**
 * A decision's result from the figures it was taken with: a 决议 通过 / 未通过 (赞成 more than half of the members with a
 * vote who were due), an election's candidates 当选 / 未当选 (more than half of those with a vote present). '' where a
 * record made before the figures were kept cannot say.
 */
export function decisionOutcome(d: DecisionForPrint): { result: '通过' | '未通过' | ''; text: string } {
  const f = d.figures;
  if (d.kind === '选举') {
    const present = f?.votingPresent ?? d.votersPresent;
    if (present === undefined) return { result: '', text: (d.candidates ?? []).map((c) => `${c.name} ${c.votes} 票`).join('，') };
    return { result: '', text: electionResult(d.candidates ?? [], present).map((c) => `${c.name} ${c.votes} 票（${c.elected ? '当选' : '未当选'}）`).join('，') };
  }
  const t = decisionTally({ voteFor: d.voteFor, voteAgainst: d.voteAgainst, voteAbstain: d.voteAbstain, namedVotes: d.namedVotes ?? {} });
  const tally = `${t.named ? '记名表决，' : ''}同意 ${t.for} 票，反对 ${t.against} 票，弃权 ${t.abstain} 票`;
  if (!f) return { result: '', text: `${tally}；表决时人数未记录` };
  const { passed, needed } = motionResult(t.for, f);
  return { result: passed ? '通过' : '未通过', text: `${tally}；有表决权应到 ${f.votingDue} 人，${passed ? `同意超过半数（至少 ${needed} 票），通过` : `同意未超过应到有表决权党员的半数（须至少 ${needed} 票），未通过`}` };
}

/** One decision as a line of the record: its number, text, the figures it was taken with, tally and result. */
export function decisionLine(d: DecisionForPrint): string {
  const f = d.figures;
  const who = f ? `有表决权应到 ${f.votingDue} 人、到会 ${f.votingPresent} 人` : d.kind === '选举' && d.votersPresent !== undefined ? `有表决权到会 ${d.votersPresent} 人` : '';
  const outcome = decisionOutcome(d);
  if (d.kind === '选举') return `${decisionLabel(d.year, d.number)}\u3000${d.text}${who ? `（${who}）` : ''}：${outcome.text}`;
  return `${decisionLabel(d.year, d.number)}\u3000${d.text}（${outcome.text}）`;
}

/** The quorum figures as the record states them: who may vote, who came, and whether more than half did. */
export function quorumLine(meetingType: string, counts: AttendanceCounts): string {
  if (counts.voting === 0) return '';
  const q = quorum(meetingType as MeetingType, counts);
  const nonVoting = counts.nonVotingPresent > 0 ? `（另有预备党员等 ${counts.nonVotingPresent} 人到会，无表决权，不计入）` : '';
  const verdict = q.applies ? (q.met ? `，超过半数，符合规定人数，可以进行表决` : `，未超过半数（须至少 ${q.required} 人），不能进行表决`) : '';
  return `有表决权的正式党员应到 ${counts.voting} 人，实到 ${counts.votingPresent} 人${nonVoting}${verdict}。`;
}

/** 会议记录 (every agenda item's discussion) or 会议纪要 (the summary), with the counts and the signature lines. */
export function meetingRecord(
  meeting: MeetingForPrint,
  counts: AttendanceCounts,
  attendance: readonly (AttendanceEntry & { displayName: string })[],
  decisions: readonly DecisionForPrint[],
  kind: '会议记录' | '会议纪要',
  extra: { carried?: readonly TaskForPrint[]; tasks?: readonly TaskForPrint[]; grades?: readonly { name: string; grade: string }[] } = {},
): PrintDocument {
  const { carried = [], tasks = [], grades = [] } = extra;
  const quorumText = quorumLine(meeting.meetingType, counts);
  const absent = attendance.filter((a) => a.kind !== 'guest' && !a.removed && (a.status === '请假' || a.status === '缺席'));
  const guests = attendance.filter((a) => a.kind === 'guest' && !a.removed);
  const sections: PrintSection[] = [
    {
      paragraphs: [
        `会议名称：${meeting.title}（${meeting.meetingType}）`,
        `时间：${when(meeting)}\u3000地点：${blank(meeting.place)}`,
        `主持人：${blank(meeting.host)}\u3000记录人：${blank(meeting.recorder)}`,
        `应到 ${counts.expected} 人，实到 ${counts.present} 人（其中迟到 ${counts.late} 人），请假 ${counts.leave} 人，缺席 ${counts.absent} 人，列席 ${counts.guests} 人。`,
        ...(quorumText ? [quorumText] : []),
        ...(absent.length > 0 ? [`请假、缺席：${absent.map((a) => `${a.displayName}（${a.status}${a.reason ? `：${a.reason}` : ''}）`).join('；')}`] : []),
        ...(guests.length > 0 ? [`列席：${guests.map((g) => g.displayName).join('、')}`] : []),
      ],
    },
  ];
  if (carried.length > 0) {
    sections.push({ heading: '上次会议决定事项落实情况', paragraphs: carried.map((t, i) => `${i + 1}. ${t.title}（负责：${t.owner}${t.dueDate ? `，期限 ${t.dueDate}` : ''}，${t.state}${t.progress ? `：${t.progress}` : ''}）`) });
  }
  if (kind === '会议记录') {
    meeting.agendaItems.forEach((item, i) => {
      sections.push({ heading: `${'一二三四五六七八九十'[i] ?? String(i + 1)}、${item.title}`, paragraphs: (meeting.itemTexts[item.id] ?? '').split('\n').filter((p) => p.trim() !== '') });
    });
  } else {
    // A heading is printed only over what it heads: an empty 纪要 has none.
    const agreed = meeting.minutes.split('\n').filter((p) => p.trim() !== '');
    if (agreed.length > 0) sections.push({ heading: '会议议定事项', paragraphs: agreed });
  }
  if (decisions.length > 0) {
    sections.push({
      heading: '决议事项',
      paragraphs: decisions.map(decisionLine),
    });
  }
  if (grades.length > 0) {
    const tally = ['优秀', '合格', '基本合格', '不合格'].map((g) => `${g} ${grades.filter((x) => x.grade === g).length} 人`).join('，');
    sections.push({
      heading: '民主评议结果',
      paragraphs: [`参评 ${grades.length} 人：${tally}。`],
      table: { columns: [{ header: '序号', width: 10 }, { header: '姓名', width: 45 }, { header: '评议等次', width: 45 }], rows: grades.map((g, i) => [String(i + 1), g.name, g.grade]) },
    });
  }
  if (tasks.length > 0) {
    sections.push({ heading: '督办事项', paragraphs: tasks.map((t, i) => `${i + 1}. ${t.title}（负责：${t.owner}${t.dueDate ? `，期限 ${t.dueDate}` : ''}，${t.state}）`) });
  }
  sections.push({ signatures: ['主持人（签字）', '记录人（签字）'] });
  return {
    fileName: `${kind}-${meeting.title}-${meeting.date}.pdf`,
    title: kind,
    subtitle: `${meeting.orgName}${meeting.version > 0 ? ` · 定稿第 ${meeting.version} 版` : ' · 草稿'}`,
    paper: 'A4',
    orientation: 'portrait',
    sections,
    footer: [`${meeting.communityName} ${meeting.orgName}`],
  };
}

const WEEKDAYS = '日一二三四五六';
function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${y}年${m}月${d}日（星期${WEEKDAYS[weekday]}）`;
}

/** 会议通知 (A4, to post or hand out): when, where, what, who, and how to ask for leave. */
export function meetingNotice(meeting: MeetingForPrint, audience: string, issuedOn: string): PrintDocument {
  const agenda = meeting.agendaItems.length > 0 ? meeting.agendaItems.map((item, i) => `${'一二三四五六七八九十'[i] ?? i + 1}、${item.title}`) : [];
  return {
    fileName: `会议通知-${meeting.title}-${meeting.date}.pdf`,
    title: '会议通知',
    subtitle: meeting.orgName,
    paper: 'A4',
    orientation: 'portrait',
    sections: [
      {
        paragraphs: [
          `${audience}：`,
          `\u3000\u3000定于${chineseDate(meeting.date)}${meeting.startTime ? ` ${meeting.startTime}` : ''}在${blank(meeting.place)}召开${meeting.title}，请准时参加。`,
          ...(agenda.length > 0 ? ['\u3000\u3000会议议程：', ...agenda.map((a) => `\u3000\u3000${a}`)] : []),
          '\u3000\u3000因故不能参加的，请提前向支部书记请假。',
        ],
      },
    ],
    footer: [`${meeting.communityName} ${meeting.orgName}`, longDate(issuedOn)],
  };
}

export interface TaskForPrint {
  title: string;
  owner: string;
  dueDate: string;
  state: string;
  progress: string;
  meeting: string;
}

/** 上次会议决定事项落实情况: each follow-up with its owner, due date, state and progress. */
export function followUpReport(orgName: string, communityName: string, tasks: readonly TaskForPrint[], printedOn: string): PrintDocument {
  return {
    fileName: `决定事项落实情况-${orgName}.pdf`,
    title: '会议决定事项落实情况',
    subtitle: orgName,
    paper: 'A4',
    orientation: 'landscape',
    sections: [
      {
        table: {
          columns: [{ header: '序号', width: 6 }, { header: '事项', width: 26 }, { header: '来源会议', width: 18 }, { header: '负责人', width: 10 }, { header: '完成期限', width: 11 }, { header: '状态', width: 8 }, { header: '进展情况', width: 21 }],
          rows: tasks.map((t, i) => [String(i + 1), t.title, t.meeting, t.owner, t.dueDate || '—', t.state, t.progress || '—']),
        },
      },
    ],
    footer: [`共 ${tasks.length} 项。`, `${communityName} ${orgName} ${longDate(printedOn)}`],
  };
}
