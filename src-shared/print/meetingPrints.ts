import type { AttendanceEntry } from '../records/meeting/meetingSchema';
import { decisionLabel, decisionTally, electionResult, type AttendanceCounts } from '../records/meeting/meetingRules';
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
export function signInSheet(meeting: MeetingForPrint, rows: { name: string; orgName: string }[], guestRows = 8): PrintDocument {
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
          rows: rows.map((r, i) => [String(i + 1), r.name, r.orgName, '', '']),
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
    footer: [`应到 ${rows.length} 人。请本人签名；请假、缺席由记录人注明原因。`, `${meeting.communityName} ${meeting.orgName}`],
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
  /** 选举: how many voting members were present (a candidate needs more than half). */
  votersPresent?: number;
}

/** One decision as a line of the record: its number, text and tally, or an election's result. */
export function decisionLine(d: DecisionForPrint): string {
  if (d.kind === '选举') {
    const result = electionResult(d.candidates ?? [], d.votersPresent ?? 0);
    return `${decisionLabel(d.year, d.number)}\u3000${d.text}：${result.map((c) => `${c.name} ${c.votes} 票${c.elected ? '（当选）' : ''}`).join('，')}`;
  }
  const t = decisionTally({ voteFor: d.voteFor, voteAgainst: d.voteAgainst, voteAbstain: d.voteAbstain, namedVotes: d.namedVotes ?? {} });
  return `${decisionLabel(d.year, d.number)}\u3000${d.text}（${t.named ? '记名表决，' : ''}同意 ${t.for} 票，反对 ${t.against} 票，弃权 ${t.abstain} 票）`;
}

/** 会议记录 (every agenda item's discussion) or 会议纪要 (the summary), with the counts and the signature lines. */
export function meetingRecord(
  meeting: MeetingForPrint,
  counts: AttendanceCounts,
  attendance: readonly (AttendanceEntry & { displayName: string })[],
  decisions: readonly DecisionForPrint[],
  kind: '会议记录' | '会议纪要',
  carried: readonly TaskForPrint[] = [],
): PrintDocument {
  const absent = attendance.filter((a) => a.kind !== 'guest' && !a.removed && (a.status === '请假' || a.status === '缺席'));
  const guests = attendance.filter((a) => a.kind === 'guest' && !a.removed);
  const sections: PrintSection[] = [
    {
      paragraphs: [
        `会议名称：${meeting.title}（${meeting.meetingType}）`,
        `时间：${when(meeting)}\u3000地点：${blank(meeting.place)}`,
        `主持人：${blank(meeting.host)}\u3000记录人：${blank(meeting.recorder)}`,
        `应到 ${counts.expected} 人，实到 ${counts.present} 人（其中迟到 ${counts.late} 人），请假 ${counts.leave} 人，缺席 ${counts.absent} 人，列席 ${counts.guests} 人。`,
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
    sections.push({ heading: '会议议定事项', paragraphs: meeting.minutes.split('\n').filter((p) => p.trim() !== '') });
  }
  if (decisions.length > 0) {
    sections.push({
      heading: '决议事项',
      paragraphs: decisions.map(decisionLine),
    });
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
