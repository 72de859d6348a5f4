import { parseClockTime } from './pointRules';
import type { ServiceAttendance } from './serviceActivitySchema';

export interface EntryRow {
  key: string;
  name: string;
  phone: string;
  present: boolean;
  arrive: string;
  leave: string;
}

/**
 * A sign-in sheet as typed, checked as a whole before anything is saved: each bad row named by its number and person
 * with the fix, and no hours for an activity that has not happened yet. Empty times take the activity's.
 */
export function readSignInSheet(rows: readonly EntryRow[], activity: { date: string; startTime: string; endTime: string }, today: string): { attendance: Record<string, ServiceAttendance>; problems: string[] } {
  const problems: string[] = [];
  const start = parseClockTime(activity.startTime) ?? '';
  const end = parseClockTime(activity.endTime) ?? '';
  const attendance: Record<string, ServiceAttendance> = {};
  rows.forEach((r, i) => {
    const arrive = r.present ? parseClockTime(r.arrive || start) : '';
    const leave = r.present ? parseClockTime(r.leave || end) : '';
    if (r.present && (!arrive || !leave)) problems.push(`第${i + 1}行 ${r.name}：请填写到达和离开时间，例如 8:30`);
    else if (r.present && leave! <= arrive!) problems.push(`第${i + 1}行 ${r.name}：离开时间（${leave}）应晚于到达时间（${arrive}），请核对签到表`);
    attendance[r.key] = { name: r.name, phone: r.phone, present: r.present, arrive: arrive ?? '', leave: leave ?? '' };
  });
  if (activity.date > today && rows.some((r) => r.present)) problems.push(`活动日期 ${activity.date} 在今天之后，不能登记服务时长；请核对日期，或活动结束后再录入签到表`);
  return { attendance, problems };
}
