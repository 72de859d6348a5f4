import dayjs from 'dayjs';
import type { HistoryEntry } from '../../src-shared/repository/docLayout';
import type { ChangeStanding } from '../../src-shared/repository/historyTruth';

const ACTIONS: Record<HistoryEntry['action'], string> = {
  create: '新建', update: '修改', delete: '删除', restore: '恢复', migrate: '数据升级', reveal: '查看完整个人信息',
};

/** A value as a history line shows it: quoted, or （空） when there was none. */
export function quoted(text: string): string {
  return text === '' ? '（空）' : `「${text}」`;
}

/** Who did it: the operator, and the PC where it is known by name. */
export function whoLabel(entry: Pick<HistoryEntry, 'by' | 'deviceName'>): string {
  return `${entry.by || '未知'}${entry.deviceName ? `（${entry.deviceName}）` : ''}`;
}

/**
 * One line per history entry, e.g. "2026-03-01 10:02 王小红 修改：组织名称：「甲」→「乙」". With the standings of a
 * merge, a field written on two sides while apart says which write is in effect and which did not take effect.
 */
export function describeHistoryEntry(
  entry: HistoryEntry,
  fieldLabels: Record<string, string>,
  show: (field: string, value: unknown) => string,
  standing?: Record<string, ChangeStanding>,
): string {
  const head = `${dayjs(entry.at).format('YYYY-MM-DD HH:mm')} ${whoLabel(entry)} ${ACTIONS[entry.action]}`;
  const changes = Object.entries(entry.changes ?? {}).map(([field, { from, to }]) => {
    const mark = standing?.[field] === 'inEffect' ? '（现行值）' : standing?.[field] === 'lost' ? '（未生效：另一处同时修改了此项，合并后以现行值为准）' : '';
    return `${fieldLabels[field] ?? field}：${quoted(show(field, from))}→${quoted(show(field, to))}${mark}`;
  });
  const tail = [...changes, ...(entry.note ? [entry.note] : [])].join('；');
  return tail ? `${head}：${tail}` : head;
}
