import type { AttendanceEntry } from '../records/meeting/meetingSchema';
import { decisionLabel, type AttendanceCounts } from '../records/meeting/meetingRules';
import type { PrintDocument, PrintSection } from './printDocument';

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

const when = (m: MeetingForPrint) => `${m.date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}${m.startTime ? ` ${m.startTime}` : ''}${m.endTime ? `—${m.endTime}` : ''}`;

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
}

/** 会议记录 (every agenda item's discussion) or 会议纪要 (the summary), with the counts and the signature lines. */
export function meetingRecord(
  meeting: MeetingForPrint,
  counts: AttendanceCounts,
  attendance: readonly (AttendanceEntry & { displayName: string })[],
  decisions: readonly DecisionForPrint[],
  kind: '会议记录' | '会议纪要',
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
      paragraphs: decisions.map((d) => `${decisionLabel(d.year, d.number)}\u3000${d.text}（同意 ${d.voteFor} 票，反对 ${d.voteAgainst} 票，弃权 ${d.voteAbstain} 票）`),
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
