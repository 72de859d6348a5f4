import type { BackupFileInfo } from '../../src-shared/ipc/contract';

/**
 * The web preview's backup folder: the browser's origin-private file system. It lives in the same browser profile
 * as the data, so it guards against a broken document or a wrong deletion, not a lost PC; the desktop app writes to
 * a real folder (a USB drive or a network share), and any backup can be downloaded as a file from 数据安全.
 */
export const BROWSER_BACKUP_FOLDER = '浏览器内部存储（网页预览版）';

async function folder(): Promise<FileSystemDirectoryHandle> {
  if (!navigator.storage?.getDirectory) throw new Error('这个浏览器不能保存自动备份：请使用桌面版，或在“数据安全”中手动下载备份文件');
  return (await navigator.storage.getDirectory()).getDirectoryHandle('backups', { create: true });
}

export async function listBrowserBackups(): Promise<BackupFileInfo[]> {
  const dir = await folder();
  const out: BackupFileInfo[] = [];
  for await (const [name, handle] of dir as unknown as AsyncIterable<[string, FileSystemHandle]>) {
    if (handle.kind !== 'file' || !name.endsWith('.cdbak')) continue;
    const file = await (handle as FileSystemFileHandle).getFile();
    out.push({ name, size: file.size, modifiedAt: file.lastModified });
  }
  return out;
}

export async function writeBrowserBackup(name: string, bytes: Uint8Array): Promise<string> {
  const dir = await folder();
  // Written under a temporary name first, then moved, so a failed write never leaves half a backup under its name.
  const part = await dir.getFileHandle(`${name}.part`, { create: true });
  const writable = await part.createWritable();
  try {
    await writable.write(bytes as unknown as ArrayBuffer);
    await writable.close();
  } catch (error) {
    await dir.removeEntry(`${name}.part`).catch(() => undefined);
    if ((error as Error).name === 'QuotaExceededError') throw new Error('浏览器存储空间不足，备份没有写成：请清理磁盘，或改用桌面版写到U盘', { cause: error });
    throw error;
  }
  const target = await dir.getFileHandle(name, { create: true });
  const out = await target.createWritable();
  await out.write(await (await part.getFile()).arrayBuffer());
  await out.close();
  await dir.removeEntry(`${name}.part`);
  return `${BROWSER_BACKUP_FOLDER}/${name}`;
}

export async function readBrowserBackup(name: string): Promise<Uint8Array> {
  const dir = await folder();
  try {
    return new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
  } catch {
    throw new Error(`找不到备份文件「${name}」：它可能已被轮换删除，请刷新列表`);
  }
}

export async function deleteBrowserBackup(name: string): Promise<void> {
  await (await folder()).removeEntry(name).catch(() => undefined);
}
