import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The backup folder the clerk chose (a local folder, a USB drive, a network share): backup files written whole (to a
 * temporary name, then renamed, so a full disk or a pulled drive never leaves half a backup under the real name),
 * listed, read and removed by name. Only `.cdbak` files directly in the folder are touched.
 */

export interface BackupFileInfo {
  name: string;
  size: number;
  modifiedAt: number;
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || !/^[^\\/:*?"<>|]+\.cdbak$/.test(name) || name.includes('..')) throw new Error('备份文件名不正确');
  return name;
}

function checkFolder(folder: unknown): string {
  if (typeof folder !== 'string' || folder.trim() === '') throw new Error('请先选择备份文件夹');
  return folder;
}

/** Plain-language reasons for the file system's errors: the clerk must know what to do. */
export function folderProblem(error: unknown, folder: string): Error {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC') return new Error(`备份文件夹所在的磁盘已满（${folder}）：请清理磁盘或换一个备份文件夹`);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new Error(`找不到备份文件夹（${folder}）：U盘或网络盘可能未连接；请连接后重试，或在“数据安全”中换一个文件夹`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new Error(`没有权限写入备份文件夹（${folder}）：请换一个文件夹`);
  return new Error(`备份文件夹出错（${folder}）：${error instanceof Error ? error.message : String(error)}`);
}

export async function writeBackupFile(folder: unknown, name: unknown, bytes: unknown): Promise<string> {
  const dir = checkFolder(folder);
  const file = checkName(name);
  if (!(bytes instanceof Uint8Array)) throw new Error('备份内容不正确');
  const target = join(dir, file);
  const part = `${target}.part`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(part, bytes);
    await rename(part, target);
  } catch (error) {
    await rm(part, { force: true }).catch(() => undefined);
    throw folderProblem(error, dir);
  }
  return target;
}

export async function listBackupFiles(folder: unknown): Promise<BackupFileInfo[]> {
  const dir = checkFolder(folder);
  try {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.cdbak'));
    return Promise.all(names.map(async (name) => {
      const s = await stat(join(dir, name));
      return { name, size: s.size, modifiedAt: s.mtimeMs };
    }));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw folderProblem(error, dir);
  }
}

export async function readBackupFile(folder: unknown, name: unknown): Promise<Uint8Array> {
  const dir = checkFolder(folder);
  try {
    return new Uint8Array(await readFile(join(dir, checkName(name))));
  } catch (error) {
    throw folderProblem(error, dir);
  }
}

export async function deleteBackupFile(folder: unknown, name: unknown): Promise<void> {
  const dir = checkFolder(folder);
  await rm(join(dir, checkName(name)), { force: true });
}
