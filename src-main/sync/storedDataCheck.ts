import { readStoredDocument } from './storedDocument';
import type { SyncStore } from './syncStore';

const time = (at: number) => new Date(at).toLocaleString('zh-CN', { hour12: false });

/**
 * The `verify` and `repair` commands: every stored row of every community (or of `prefix`) read whole, as the server
 * reads it when it loads a community. `verify` lists rows that cannot be read and changes nothing (exit code 1 when
 * there are any); `repair` moves them to the quarantine table with their audit line, as loading would. Both list what
 * is already in quarantine. Lines are in Chinese for the street's administrator.
 */
export function checkStoredData(store: SyncStore, mode: 'verify' | 'repair', prefix = ''): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  let damaged = 0;
  const docs = store.documents(prefix);
  for (const { doc } of docs) {
    const rows = store.loadRows(doc);
    const { unreadable } = readStoredDocument(rows, true);
    if (unreadable.length === 0) {
      lines.push(`社区 ${doc}：${rows.length} 条已存数据，全部完好`);
      continue;
    }
    damaged += unreadable.length;
    const audit = store.audit(doc);
    lines.push(`社区 ${doc}：${rows.length} 条已存数据中有 ${unreadable.length} 条无法读取${mode === 'repair' ? '，已移至隔离表' : ''}`);
    for (const bad of unreadable) {
      const row = rows.find((r) => r.seq === bad.seq)!;
      const sender = audit.find((a) => a.at === row.at && a.bytes === row.data.byteLength);
      lines.push(`  第 ${bad.seq} 条：${time(row.at)}，${sender ? `${sender.user}（${sender.role}）` : '服务器整理合并'}，${row.data.byteLength} 字节：${bad.problem}`);
    }
    if (mode === 'repair') store.quarantine(doc, unreadable);
  }
  if (docs.length === 0) lines.push('数据目录中没有社区数据');
  const quarantined = store.quarantined().filter((q) => q.doc.startsWith(prefix));
  if (quarantined.length > 0) {
    lines.push(`隔离表中共有 ${quarantined.length} 条（不参与同步，未删除）：`);
    for (const q of quarantined) lines.push(`  社区 ${q.doc} 第 ${q.seq} 条：${time(q.at)}，${q.user}，${q.bytes} 字节，${time(q.movedAt)} 移入：${q.problem}`);
  }
  if (damaged > 0 && mode === 'verify') lines.push(`共 ${damaged} 条无法读取。运行 repair 把它们移至隔离表（服务器下次载入该社区时也会自动移走），其余数据照常同步。`);
  if (damaged === 0) lines.push('检查完毕：没有发现无法读取的数据');
  return { lines, ok: damaged === 0 || mode === 'repair' };
}
