import type { DesktopApi, SyncServerState, TokenCheck } from '../../src-shared/ipc/contract';
import type { TokenClaims } from '../../src-shared/sync/access';
import type { IssueRequest } from '../sync/issueToken';
import { join } from 'node:path';
import { deleteBackupFile, listBackupFiles, readBackupFile, writeBackupFile } from './backupFolder';

/** What main needs from Electron to answer the renderer; injected so the handlers are tested as plain functions. */
export interface ShellServices {
  appVersion: string;
  electronVersion: string;
  platform: string;
  openWindow(): void;
  showSaveDialog(suggestedName: string): Promise<string | null>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Encrypted key-value storage (safeStorage + a file in userData). */
  secrets: { get(key: string): Promise<string | null>; set(key: string, value: string | null): Promise<void> };
  syncServer: { start(port: number): Promise<SyncServerState>; stop(): Promise<SyncServerState>; status(): SyncServerState };
  issueSyncToken(request: IssueRequest): { connectionString: string; claims: TokenClaims };
  /** The token checked with this PC's sync server keys, or 'unknown' when it has none. */
  verifySyncToken(token: string): TokenCheck;
  /** The user's documents folder. */
  documentsFolder: string;
  showFolderDialog(): Promise<string | null>;
}

/** The window that sent a request, for calls that act on it. */
export interface Caller {
  printToPDF(options: { pageSize: 'A4' | 'A3'; landscape: boolean; printBackground: boolean; preferCSSPageSize: boolean; margins?: { top: number; bottom: number; left: number; right: number } }): Promise<Uint8Array>;
}

export function createDesktopApi(services: ShellServices, caller?: Caller): DesktopApi {
  const save = async (suggestedName: string, bytes: Uint8Array) => {
    const safeName = suggestedName.replace(/[\\/:*?"<>|]/g, '_').slice(0, 120) || '未命名';
    const path = await services.showSaveDialog(safeName);
    if (!path) return null;
    await services.writeFile(path, bytes);
    return path;
  };
  return {
    async appInfo() {
      return { appVersion: services.appVersion, electronVersion: services.electronVersion, platform: services.platform };
    },
    async openNewWindow() {
      services.openWindow();
    },
    async saveFile({ suggestedName, bytes }) {
      if (typeof suggestedName !== 'string' || !(bytes instanceof Uint8Array)) throw new Error('保存文件的参数不正确');
      return save(suggestedName, bytes);
    },
    async loadSecret(key) {
      return services.secrets.get(String(key));
    },
    async saveSecret(key, value) {
      if (value !== null && typeof value !== 'string') throw new Error('保存的内容不正确');
      await services.secrets.set(String(key), value);
    },
    async syncServer({ action, port }) {
      if (action === 'start') {
        const p = Number(port ?? 4455);
        if (!Number.isInteger(p) || p < 1024 || p > 65535) throw new Error('端口应为 1024 到 65535 之间的整数');
        return services.syncServer.start(p);
      }
      if (action === 'stop') return services.syncServer.stop();
      return services.syncServer.status();
    },
    async issueSyncToken(request) {
      const { connectionString, claims } = services.issueSyncToken({ ...request, days: Number(request.days) });
      return { connectionString, id: claims.jti, expiresAt: claims.exp * 1000 };
    },
    async verifySyncToken(token) {
      if (typeof token !== 'string') throw new Error('凭证不正确');
      return services.verifySyncToken(token);
    },
    async defaultBackupFolder() {
      return join(services.documentsFolder, '社区工作台备份');
    },
    async chooseFolder() {
      return services.showFolderDialog();
    },
    listBackups: (folder) => listBackupFiles(folder),
    async writeBackup(request) {
      return writeBackupFile(request?.folder, request?.name, request?.bytes);
    },
    readBackup: (request) => readBackupFile(request?.folder, request?.name),
    deleteBackup: (request) => deleteBackupFile(request?.folder, request?.name),
    async printToPdf({ suggestedName, paper, landscape, margins }) {
      if (!caller) throw new Error('没有可打印的窗口');
      if (paper !== 'A4' && paper !== 'A3') throw new Error('纸张只能是 A4 或 A3');
      // An official document places every character itself: the paper's own margins would shift it off the standard.
      const none = margins === 'none' ? { margins: { top: 0, bottom: 0, left: 0, right: 0 } } : {};
      const pdf = await caller.printToPDF({ pageSize: paper, landscape: landscape === true, printBackground: true, preferCSSPageSize: true, ...none });
      return save(String(suggestedName), pdf);
    },
  };
}
