import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesktopApi, type ShellServices } from '../../src-main/main/ipcHandlers';
import { createLocalSyncServer } from '../../src-main/main/localSyncServer';
import { issueToken } from '../../src-main/sync/issueToken';
import { SyncStore } from '../../src-main/sync/syncStore';
import { parseConnectionString } from '../../src-shared/sync/access';
import { menuTemplate } from '../../src-main/main/menu';

const forks: string[][] = [];
function fakeProcess() {
  const listeners: ((code: number) => void)[] = [];
  return { on: (_e: 'exit', l: (code: number) => void) => listeners.push(l), kill: () => (listeners.forEach((l) => l(0)), true), exit: (code: number) => listeners.forEach((l) => l(code)) };
}

function services(overrides: Partial<ShellServices> = {}) {
  const written: [string, Uint8Array][] = [];
  let opened = 0;
  const s: ShellServices = {
    appVersion: '0.1.0', electronVersion: '45.0.0', platform: 'linux',
    openWindow: () => void opened++,
    showSaveDialog: async (name) => `/home/clerk/${name}`,
    writeFile: async (path, bytes) => void written.push([path, bytes]),
    secrets: { get: async () => null, set: async () => undefined },
    documentsFolder: '/home/clerk/Documents',
    verifySyncToken: () => 'unknown',
    showFolderDialog: async () => '/media/usb',
    syncServer: createLocalSyncServer({ fork: (args) => (forks.push(args), fakeProcess()), dataDir: () => '/data/sync', addresses: () => ['192.168.1.10'] }),
    issueSyncToken: (request) => {
      const store = new SyncStore(mkdtempSync(join(tmpdir(), 'issue-')));
      try {
        return issueToken(store, request);
      } finally {
        store.close();
      }
    },
    ...overrides,
  };
  return { s, written, opened: () => opened };
}

describe('desktop API handlers', () => {
  it('saves a file where the clerk chose, with a name safe for Windows', async () => {
    const { s, written } = services();
    const path = await createDesktopApi(s).saveFile({ suggestedName: '党员名册:2026/1.xlsx', bytes: new Uint8Array([1, 2]) });
    expect(path).toBe('/home/clerk/党员名册_2026_1.xlsx');
    expect(written).toEqual([['/home/clerk/党员名册_2026_1.xlsx', new Uint8Array([1, 2])]]);
  });
  it('writes nothing when the dialog is cancelled, and refuses malformed requests', async () => {
    const { s, written } = services({ showSaveDialog: async () => null });
    const api = createDesktopApi(s);
    expect(await api.saveFile({ suggestedName: 'a.xlsx', bytes: new Uint8Array() })).toBeNull();
    await expect(api.saveFile({ suggestedName: 'a', bytes: 'x' as unknown as Uint8Array })).rejects.toThrow('参数不正确');
    expect(written).toEqual([]);
  });
  it('prints the calling window to PDF at the chosen paper size and saves it', async () => {
    const { s, written } = services();
    const calls: unknown[] = [];
    const api = createDesktopApi(s, { printToPDF: async (options) => (calls.push(options), new Uint8Array([37, 80, 68, 70])) });
    expect(await api.printToPdf({ suggestedName: '党员公示牌.pdf', paper: 'A3', landscape: true })).toBe('/home/clerk/党员公示牌.pdf');
    expect(calls).toEqual([{ pageSize: 'A3', landscape: true, printBackground: true, preferCSSPageSize: true }]);
    expect(written[0]![1]).toEqual(new Uint8Array([37, 80, 68, 70]));
    // An official document places everything itself: no paper margins.
    await api.printToPdf({ suggestedName: '通知.pdf', paper: 'A4', landscape: false, margins: 'none' });
    expect(calls[1]).toEqual({ pageSize: 'A4', landscape: false, printBackground: true, preferCSSPageSize: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    await expect(api.printToPdf({ suggestedName: 'x', paper: 'B5' as 'A4', landscape: false })).rejects.toThrow('纸张只能是 A4 或 A3');
  });

  it('starts and stops the street office\'s own sync server as a child process', async () => {
    const api = createDesktopApi(services().s);
    await expect(api.syncServer({ action: 'start', port: 80 })).rejects.toThrow('端口应为 1024 到 65535');
    const started = await api.syncServer({ action: 'start', port: 4455 });
    expect(started).toEqual({ running: true, port: 4455, addresses: ['ws://192.168.1.10:4455'], dataDir: '/data/sync' });
    expect(forks.at(-1)).toEqual(['serve', '--port', '4455', '--data', '/data/sync']);
    expect((await api.syncServer({ action: 'stop' })).running).toBe(false);
  });

  it('issues a connection string the clerk can paste, refusing bad requests in Chinese', async () => {
    const api = createDesktopApi(services().s);
    const issued = await api.issueSyncToken({ role: 'clerk', scope: '350102001001', name: '王小红', days: 365, serverUrl: 'ws://192.168.1.10:4455' });
    const parsed = parseConnectionString(issued.connectionString);
    expect(parsed.ok && parsed.claims).toMatchObject({ role: 'clerk', scope: '350102001001', name: '王小红', jti: issued.id });
    await expect(api.issueSyncToken({ role: 'clerk', scope: '350102001', name: '王小红', days: 365, serverUrl: 'ws://x:1' })).rejects.toThrow('12位社区区划代码');
    await expect(api.issueSyncToken({ role: 'street', scope: '350102001', name: ' ', days: 365, serverUrl: 'ws://x:1' })).rejects.toThrow('请填写使用人姓名');
    await expect(api.issueSyncToken({ role: 'street', scope: '350102001', name: '李', days: 365, serverUrl: 'http://x' })).rejects.toThrow('ws://');
  });

  it('opens a new window and reports versions', async () => {
    const { s, opened } = services();
    const api = createDesktopApi(s);
    await api.openNewWindow();
    expect(opened()).toBe(1);
    expect(await api.appInfo()).toEqual({ appVersion: '0.1.0', electronVersion: '45.0.0', platform: 'linux' });
  });
  it('builds a Chinese menu whose items call the actions', () => {
    const calls: string[] = [];
    const actions = { newWindow: () => calls.push('new'), reload: () => calls.push('reload'), toggleDevTools: () => calls.push('dev'), about: () => calls.push('about'), quit: () => calls.push('quit') };
    const menu = menuTemplate(actions);
    expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const file = menu[0]!.submenu as { label?: string; click?: () => void }[];
    file.find((i) => i.label === '新建窗口')!.click!();
    expect(calls).toEqual(['new']);
  });

  it('writes backups whole into the chosen folder, lists, reads and removes them, and says plainly when the folder is gone', async () => {
    const api = createDesktopApi(services().s);
    expect(await api.defaultBackupFolder()).toBe(join('/home/clerk/Documents', '社区工作台备份'));
    expect(await api.chooseFolder()).toBe('/media/usb');
    const folder = join(mkdtempSync(join(tmpdir(), 'backups-')), '备份');
    expect(await api.listBackups(folder)).toEqual([]);
    const path = await api.writeBackup({ folder, name: '三坊七巷社区-350102001001-20261127-093000.cdbak', bytes: new Uint8Array([1, 2, 3]) });
    expect(path).toBe(join(folder, '三坊七巷社区-350102001001-20261127-093000.cdbak'));
    expect((await api.listBackups(folder)).map((f) => [f.name, f.size])).toEqual([['三坊七巷社区-350102001001-20261127-093000.cdbak', 3]]);
    expect(await api.readBackup({ folder, name: '三坊七巷社区-350102001001-20261127-093000.cdbak' })).toEqual(new Uint8Array([1, 2, 3]));
    await expect(api.writeBackup({ folder, name: '../x.cdbak', bytes: new Uint8Array() })).rejects.toThrow('备份文件名不正确');
    await expect(api.readBackup({ folder, name: 'other.txt' })).rejects.toThrow('备份文件名不正确');
    await api.deleteBackup({ folder, name: '三坊七巷社区-350102001001-20261127-093000.cdbak' });
    expect(await api.listBackups(folder)).toEqual([]);
    // A file where the folder should be: the write fails with what to do, and leaves no partial file.
    const blocked = join(mkdtempSync(join(tmpdir(), 'blocked-')), 'usb');
    writeFileSync(blocked, 'not a folder');
    await expect(api.writeBackup({ folder: join(blocked, 'x'), name: 'a.cdbak', bytes: new Uint8Array([1]) })).rejects.toThrow(/备份文件夹/);
  });
});
