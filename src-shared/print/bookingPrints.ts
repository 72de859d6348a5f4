import { maskPhone } from '../privacy/mask';
import { openHours, rulesOf, type UsageRow, type VenueFacts } from '../records/booking/bookingRules';
import { longDate, type PrintDocument } from './printDocument';

export interface ScheduleVenue {
  id: string;
  name: string;
}

export interface ScheduleBooking {
  venueId: string;
  date: string;
  startHour: number;
  endHour: number;
  booker: string;
  purpose: string;
  status: string;
}

const WEEKDAYS = '一二三四五六日';

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The week's schedule for the notice board: venues × the seven days, each cell the bookings of that day (time, who,
 * what). Cancelled bookings are left out; waiting approvals are marked.
 */
export function weekSchedule(communityName: string, venues: readonly ScheduleVenue[], bookings: readonly ScheduleBooking[], monday: string): PrintDocument {
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const shown = bookings.filter((b) => b.status !== '已取消' && b.date >= days[0]! && b.date <= days[6]!);
  return {
    fileName: `场地预约周表-${monday}.pdf`,
    title: '党群服务中心场地预约安排',
    subtitle: `${communityName} · ${days[0]!.replace(/-/g, '.')}—${days[6]!.slice(5).replace('-', '.')}`,
    paper: 'A4',
    orientation: 'landscape',
    sections: [
      {
        table: {
          columns: [{ header: '场地', width: 13 }, ...days.map((d, i) => ({ header: `星期${WEEKDAYS[i]} ${Number(d.slice(5, 7))}.${Number(d.slice(8, 10))}`, width: 87 / 7 }))],
          rows: venues.map((v) => [
            v.name,
            ...days.map((d) =>
              shown
                .filter((b) => b.venueId === v.id && b.date === d)
                .sort((a, b) => a.startHour - b.startHour)
                // Time, who and what on lines of their own: a narrow day column never breaks a name in two (张 / 建华).
                .map((b) => [slotText(b), `${b.booker}${b.status === '待审批' ? '［待审批］' : ''}`, ...(b.purpose ? [`（${b.purpose}）`] : [])].join('\n'))
                .join('\n\n') || '—',
            ),
          ]),
        },
      },
    ],
    footer: ['预约请到党群服务中心前台或来电登记；如需取消请提前告知。', communityName],
  };
}

const slotText = (b: ScheduleBooking) => `${b.startHour}:00–${b.endHour}:00`;

/** The day's schedule for the notice board: every venue's bookings of one date, in time order. */
export function daySchedule(communityName: string, venues: readonly ScheduleVenue[], bookings: readonly ScheduleBooking[], date: string): PrintDocument {
  const shown = bookings.filter((b) => b.status !== '已取消' && b.date === date);
  const rows = venues.flatMap((v) => {
    const mine = shown.filter((b) => b.venueId === v.id).sort((a, b) => a.startHour - b.startHour);
    return mine.length ? mine.map((b, i) => [i === 0 ? v.name : '', slotText(b), b.booker, `${b.purpose}${b.status === '待审批' ? '［待审批］' : ''}`]) : [[v.name, '—', '全天空闲', '']];
  });
  return {
    fileName: `场地预约日表-${date}.pdf`,
    title: '党群服务中心今日场地安排',
    subtitle: `${communityName} · ${longDate(date)} 星期${WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [{ table: { columns: [{ header: '场地', width: 25 }, { header: '时间', width: 20 }, { header: '使用人/单位', width: 25 }, { header: '用途', width: 30 }], rows } }],
    footer: ['预约请到党群服务中心前台或来电登记；如需取消请提前告知。', communityName],
  };
}

/**
 * 门口周表: the card on a venue's door for one week: who uses it when, its opening hours and the rules a resident
 * needs. No phone numbers.
 */
export function doorCard(communityName: string, venue: VenueFacts, bookings: readonly ScheduleBooking[], monday: string): PrintDocument {
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const rows = days.map((d, i) => {
    const { span, closedBy } = openHours(venue, d);
    const mine = bookings.filter((b) => b.venueId === venue.id && b.date === d && b.status !== '已取消').sort((a, b) => a.startHour - b.startHour);
    const used = mine.map((b) => `${slotText(b)} ${b.booker}${b.purpose ? `（${b.purpose}）` : ''}${b.status === '待审批' ? '［待审批］' : ''}`).join('\n');
    return [`星期${WEEKDAYS[i]} ${Number(d.slice(5, 7))}.${Number(d.slice(8, 10))}`, span ? `${span[0]}:00–${span[1]}:00` : `不开放（${closedBy}）`, used || (span ? '暂无预约' : '—')];
  });
  const rules = rulesOf(venue);
  return {
    fileName: `门口周表-${venue.name}-${monday}.pdf`,
    title: venue.name,
    subtitle: `${communityName} · 本周使用安排 ${monday.replace(/-/g, '.')}—${days[6]!.slice(5).replace('-', '.')}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [
      { table: { columns: [{ header: '日期', width: 18 }, { header: '开放时间', width: 20 }, { header: '使用安排', width: 62 }], rows } },
      {
        paragraphs: [
          `${venue.capacity ? `容纳 ${venue.capacity} 人。` : ''}${venue.equipment.length ? `设备：${venue.equipment.join('、')}。` : ''}`,
          `每次最多预约 ${rules.maxHours} 小时${rules.maxPerMonth ? `，每人每月最多 ${rules.maxPerMonth} 次` : ''}；最多提前 ${rules.maxDaysAhead} 天预约。`,
        ].filter((p) => p.trim()),
      },
    ],
    footer: ['空闲时段可到党群服务中心前台或来电预约。', communityName],
  };
}


/** 预约单: the confirmation slip for the resident (phone masked as on every print). */
export function bookingSlip(communityName: string, b: ScheduleBooking & { venue: string; phone: string; headcount: number }, printedOn: string): PrintDocument {
  return {
    fileName: `预约单-${b.venue}-${b.date}.pdf`,
    title: '场地预约单',
    subtitle: communityName,
    paper: 'A4',
    orientation: 'portrait',
    sections: [{
      paragraphs: [
        `预约人：${b.booker}\u3000联系电话：${maskPhone(b.phone) || '—'}`,
        `场地：${b.venue}`,
        `时间：${longDate(b.date)} ${b.startHour}:00—${b.endHour}:00`,
        `用途：${b.purpose || '—'}\u3000人数：${b.headcount || '—'}`,
        `状态：${b.status}`,
      ],
    }, { signatures: ['经办人（签字）'] }],
    footer: [`${communityName} ${longDate(printedOn)}`],
  };
}

/** 月度使用情况报表 per venue, printed (A4) and the same rows for Excel. */
export function usageReport(communityName: string, month: string, rows: readonly UsageRow[]): PrintDocument {
  const kinds = ['来访居民', '名册人员', '驻区单位', '志愿服务队'];
  return {
    fileName: `场地使用月报-${month}.pdf`,
    title: '场地使用情况月报',
    subtitle: `${communityName} · ${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`,
    paper: 'A4',
    orientation: 'landscape',
    sections: [{ table: usageTable(rows, kinds) }],
    footer: [`合计：预约 ${rows.reduce((s, r) => s + r.bookings, 0)} 次，${rows.reduce((s, r) => s + r.hours, 0)} 小时，未到 ${rows.reduce((s, r) => s + r.noShows, 0)} 次。`, communityName],
  };
}

export function usageTable(rows: readonly UsageRow[], kinds = ['来访居民', '名册人员', '驻区单位', '志愿服务队']) {
  return {
    columns: [{ header: '场地', width: 20 }, { header: '预约次数', width: 10 }, { header: '预约小时', width: 10 }, { header: '未到', width: 8 }, { header: '取消', width: 8 }, ...kinds.map((k) => ({ header: k, width: 11 }))],
    rows: rows.map((r) => [r.venue, String(r.bookings), String(r.hours), String(r.noShows), String(r.cancelled), ...kinds.map((k) => String(r.byKind[k] ?? 0))]),
  };
}
