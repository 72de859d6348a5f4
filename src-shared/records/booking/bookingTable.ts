import type { TableColumn } from '../../table/columns';
import { bookerKeyOf } from './bookingFacts';
import { checkBooking, type BookingFacts, type VenueFacts } from './bookingRules';
import { BOOKING_STATUSES } from './bookingSchema';

const col = (field: string, header: string, kind: TableColumn['kind'], aliases: string[] = [], extra: Partial<TableColumn> = {}): TableColumn => ({ field, header, kind, aliases, ...extra });

/** The bookings sheet: export, template and import read and write the same columns. */
export const BOOKING_COLUMNS: readonly TableColumn[] = [
  col('venue', '场地', 'text', ['场地名称', '预约场地', '活动室', '服务项目'], { required: true, width: 16 }),
  col('date', '日期', 'date', ['预约日期', '使用日期'], { required: true, width: 12 }),
  col('startHour', '开始时间', 'hour', ['开始', '起始时间'], { required: true, width: 9 }),
  col('endHour', '结束时间', 'hour', ['结束', '截止时间'], { required: true, width: 9 }),
  col('booker', '预约人', 'text', ['预约人姓名', '姓名', '预约单位', '使用人'], { required: true, width: 14 }),
  col('phone', '联系电话', 'phone', ['电话', '手机', '手机号'], { personal: true, width: 14 }),
  col('purpose', '用途', 'text', ['活动内容', '事由', '预约事由'], { width: 20 }),
  col('headcount', '人数', 'number', ['参加人数', '预计人数'], { width: 7 }),
  col('equipmentNeeded', '所需设备', 'list', ['设备'], { width: 12 }),
  col('status', '状态', 'text', ['预约状态'], { width: 9 }),
  col('statusReason', '状态原因', 'text', ['取消原因', '备注'], { width: 18 }),
];

export const BOOKING_TEMPLATE_EXAMPLE: Record<string, string> = {
  venue: '党群活动室', date: '2026-05-09', startHour: '14:00', endHour: '16:00', booker: '李秀英', phone: '13800000000', purpose: '老年合唱队排练', headcount: '20', equipmentNeeded: '音响', status: '已确认', statusReason: '',
};

export const BOOKING_ALLOWED = { status: BOOKING_STATUSES };

export interface BookingImportContext {
  venues: readonly VenueFacts[];
  /** The community's bookings saved now (read at the start of every preview). */
  existing(): readonly BookingFacts[];
  /** A resident unit's or team's id by its exact name: such a booker is booked as that unit or team. */
  bookerByName(name: string): { kind: 'unit' | 'team'; id: string } | undefined;
}

/**
 * How an imported row becomes a booking: the venue by its name, the booker as a unit or team when the name is one,
 * otherwise a walk-in resident; then the venue's rules that do not depend on today (a ledger of past bookings may be
 * imported): opening hours, closures, capacity, and no clash with a saved booking or a row above.
 */
export function bookingImportRules(context: BookingImportContext) {
  const byName = new Map(context.venues.map((v) => [v.name.replace(/\s/g, ''), v]));
  let accepted: BookingFacts[] = [];
  let lastRow = Infinity;
  return {
    prepare(values: Record<string, unknown>): Record<string, unknown> {
      const venue = byName.get(String(values.venue ?? '').replace(/\s/g, ''));
      const booker = context.bookerByName(String(values.booker ?? '').trim());
      return {
        venueId: venue?.id ?? '',
        ...(venue ? { venue: venue.name } : {}),
        bookerKind: booker?.kind ?? 'walkin',
        bookerId: booker?.id ?? '',
        status: values.status || '已确认',
      };
    },
    rowProblems(values: Record<string, unknown>, rowNumber: number): Record<string, string> {
      // Rows come in order; a row number not above the last one starts a new preview of the sheet.
      if (rowNumber <= lastRow) accepted = [...context.existing()];
      lastRow = rowNumber;
      const venue = context.venues.find((v) => v.id === values.venueId);
      if (!venue) {
        const names = context.venues.slice(0, 3).map((v) => v.name).join('、');
        return { venue: `「场地」找不到「${String(values.venue)}」：请写成已有场地的名称${names ? `（例如：${names}）` : ''}，或先在“场地与服务”中新增` };
      }
      const facts: BookingFacts = {
        id: `row${rowNumber}`, venueId: venue.id, date: String(values.date), startHour: Number(values.startHour), endHour: Number(values.endHour),
        status: values.status as BookingFacts['status'], bookerKey: bookerKeyOf(String(values.bookerKind), String(values.bookerId ?? ''), String(values.booker), String(values.phone ?? '')),
        booker: String(values.booker), headcount: Number(values.headcount ?? 0), createdAt: 0, createdBy: `第${rowNumber}行`,
      };
      // A cancelled booking holds no slot: it is kept as the ledger says.
      const problems = facts.status === '已取消' ? [] : checkBooking(facts, venue, accepted, {}).filter((p) => !p.overridable);
      if (problems.length === 0) {
        accepted.push(facts);
        return {};
      }
      // A clash with a row above names that row, so the clerk knows which two lines of the sheet disagree.
      const rowAbove = accepted.find((o) => o.id.startsWith('row') && o.venueId === facts.venueId && o.date === facts.date && o.status !== '已取消' && o.startHour < facts.endHour && facts.startHour < o.endHour);
      return Object.fromEntries(problems.map((p) => [p.field, `「${p.label}」${p.message}${rowAbove && p.message.includes('已被') ? `（表中${rowAbove.createdBy}）` : ''}`]));
    },
  };
}
