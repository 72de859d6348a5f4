import dayjs from 'dayjs';
import type { HistoryEntry } from '../../src-shared/repository/docLayout';

const ACTIONS: Record<HistoryEntry['action'], string> = {
  create: '新建', update: '修改', delete: '删除', restore: '恢复', migrate: '数据升级', reveal: '查看完整个人信息',
};

/** One line per history entry, e.g. "2026-03-01 10:02 王小红 修改：组织名称「甲」→「乙」". */
export function describeHistoryEntry(entry: HistoryEntry, fieldLabels: Record<string, string>, show: (field: string, value: unknown) => string): string {
  const head = `${dayjs(entry.at).format('YYYY-MM-DD HH:mm')} ${entry.by || '未知'} ${ACTIONS[entry.action]}`;
  const changes = Object.entries(entry.changes ?? {}).map(
    ([field, { from, to }]) => `${fieldLabels[field] ?? field}「${show(field, from)}」→「${show(field, to)}」`,
  );
  const tail = [...changes, ...(entry.note ? [entry.note] : [])].join('；');
  return tail ? `${head}：${tail}` : head;
}
