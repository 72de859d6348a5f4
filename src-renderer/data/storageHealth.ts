import Dexie from 'dexie';

export interface StorageHealth {
  writable: boolean;
  persisted?: boolean;
  /** Bytes the browser still allows this app. */
  free?: number;
  /** What is wrong and what to do, in Chinese; empty when all is well. Shown on every screen. */
  problem: string;
  /** Advice that is not urgent (the browser may evict the data under pressure): shown in 数据安全 only. */
  advice: string;
}

const LOW_SPACE = 200 * 1024 * 1024;

/**
 * Checks on start that IndexedDB takes a write (a probe row written, read back and removed), asks for persistent
 * storage so the browser does not evict the data, and reads how much room is left.
 */
export async function checkStorage(): Promise<StorageHealth> {
  let writable = false;
  let failure = '';
  const probe = new Dexie('community-desk:probe');
  probe.version(1).stores({ rows: 'key' });
  try {
    const at = Date.now();
    await probe.table('rows').put({ key: 'probe', at });
    writable = (await probe.table('rows').get('probe'))?.at === at;
    await probe.table('rows').delete('probe');
  } catch (error) {
    failure = error instanceof Error && error.name === 'QuotaExceededError' ? '磁盘空间不足' : '浏览器拒绝写入';
  } finally {
    probe.close();
  }
  const storage = globalThis.navigator?.storage;
  const persisted = storage?.persist ? ((await storage.persisted()) || (await storage.persist().catch(() => false))) : undefined;
  const estimate = storage?.estimate ? await storage.estimate().catch(() => undefined) : undefined;
  const free = estimate?.quota !== undefined ? Math.max(0, estimate.quota - (estimate.usage ?? 0)) : undefined;
  let problem = '';
  if (!writable) problem = `本机数据无法写入（${failure || '写入后读不出来'}）：新的修改不会被保存。请关闭其他占用磁盘的程序、清理磁盘后重新打开；已保存的数据不受影响。`;
  else if (free !== undefined && free < LOW_SPACE) problem = `本机可用空间只剩 ${Math.round(free / 1024 / 1024)} MB：请尽快清理磁盘，并做一次备份拷到U盘。`;
  const advice = persisted === false ? '浏览器没有授予“持久存储”：磁盘紧张时浏览器可能清理本网站的数据。请使用桌面版，或定期“备份并下载文件”拷到U盘。' : '';
  return { writable, persisted, free, problem, advice };
}

/**
 * Every community kept on this PC (a clerk's PC holds one, a street PC a copy of each it opened) with the bytes of its
 * stored document, read without opening the community.
 */
export async function communitySizes(): Promise<{ code: string; bytes: number }[]> {
  const databases = typeof globalThis.indexedDB?.databases === 'function' ? await indexedDB.databases() : [];
  const out: { code: string; bytes: number }[] = [];
  for (const d of databases) {
    const code = /^community-desk:(\d{12})$/.exec(d.name ?? '')?.[1];
    if (!code) continue;
    const db = new Dexie(d.name!);
    try {
      await db.open();
      let bytes = 0;
      await db.table('updates').each((row: { update: Uint8Array }) => (bytes += row.update.byteLength));
      out.push({ code, bytes });
    } catch {
      out.push({ code, bytes: 0 });
    } finally {
      db.close();
    }
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}
