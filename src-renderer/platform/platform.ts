import { DESKTOP_API_GLOBAL, DESKTOP_EVENTS_GLOBAL, type DesktopApi, type DesktopEvents } from '../../src-shared/ipc/contract';
import { loadBrowserSecret, saveBrowserSecret } from '../data/appSettings';
import { BROWSER_BACKUP_FOLDER, deleteBrowserBackup, listBrowserBackups, readBrowserBackup, writeBrowserBackup } from './browserBackups';

/**
 * The only code that knows whether the renderer runs inside Electron (the preload's API is present) or in a plain
 * browser (the web preview). Everything desktop-only goes through here, with a browser implementation.
 */
export interface Platform extends DesktopApi {
  readonly kind: 'desktop' | 'browser';
  /** Work to finish before the window closes (the quit backup); a browser cannot wait on closing, so it never calls it. */
  onCloseRequested(handler: () => Promise<void>): void;
}

const browserPlatform: Platform = {
  kind: 'browser',
  async appInfo() {
    return { appVersion: import.meta.env.VITE_APP_VERSION ?? '0.1.0', electronVersion: '', platform: 'browser' };
  },
  async openNewWindow() {
    window.open(window.location.href, '_blank', 'noopener');
  },
  async saveFile({ suggestedName, bytes }) {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
    const a = document.createElement('a');
    a.href = url;
    a.download = suggestedName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return suggestedName;
  },
  // The web preview has no OS keychain: the token stays in this browser profile's IndexedDB.
  loadSecret: (key) => loadBrowserSecret(key),
  saveSecret: (key, value) => saveBrowserSecret(key, value),
  async syncServer() {
    throw new Error('网页预览版不能运行同步服务：请使用桌面版，或用命令 npm run sync-server 启动');
  },
  async issueSyncToken() {
    throw new Error('网页预览版不能发放凭证：请使用桌面版，或用命令 npm run sync-server -- issue-token');
  },
  // The web preview holds no server keys: a token is checked by its claims and the file's HMAC only.
  async verifySyncToken() {
    return 'unknown' as const;
  },
  async defaultBackupFolder() {
    return BROWSER_BACKUP_FOLDER;
  },
  async chooseFolder() {
    throw new Error('网页预览版不能选择备份文件夹：自动备份保存在浏览器内部；要保存到U盘，请在“数据安全”中下载备份文件，或使用桌面版');
  },
  listBackups: () => listBrowserBackups(),
  writeBackup: ({ name, bytes }) => writeBrowserBackup(name, bytes),
  readBackup: ({ name }) => readBrowserBackup(name),
  deleteBackup: ({ name }) => deleteBrowserBackup(name),
  onCloseRequested() {
    // A browser tab gives no time to finish asynchronous work on close: the daily backup at start covers it.
  },
  async printToPdf() {
    // The browser's own print dialog (with "另存为 PDF") prints the open preview through the same print stylesheet.
    window.print();
    return null;
  },
};

function desktopPlatform(api: DesktopApi, events: DesktopEvents | undefined): Platform {
  return {
    kind: 'desktop',
    onCloseRequested: (handler) => events?.onCloseRequested(handler),
    appInfo: () => api.appInfo(),
    openNewWindow: () => api.openNewWindow(),
    saveFile: (request) => api.saveFile(request),
    printToPdf: (request) => api.printToPdf(request),
    loadSecret: (key) => api.loadSecret(key),
    saveSecret: (key, value) => api.saveSecret(key, value),
    syncServer: (request) => api.syncServer(request),
    issueSyncToken: (request) => api.issueSyncToken(request),
    verifySyncToken: (token) => api.verifySyncToken(token),
    defaultBackupFolder: () => api.defaultBackupFolder(),
    chooseFolder: () => api.chooseFolder(),
    listBackups: (folder) => api.listBackups(folder),
    writeBackup: (request) => api.writeBackup(request),
    readBackup: (request) => api.readBackup(request),
    deleteBackup: (request) => api.deleteBackup(request),
  };
}

const api = (globalThis as unknown as Record<string, DesktopApi | undefined>)[DESKTOP_API_GLOBAL];
const events = (globalThis as unknown as Record<string, DesktopEvents | undefined>)[DESKTOP_EVENTS_GLOBAL];
export const platform: Platform = api ? desktopPlatform(api, events) : browserPlatform;
