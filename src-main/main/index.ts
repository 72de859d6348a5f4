import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, screen, session, shell, utilityProcess } from 'electron';
import { networkInterfaces } from 'node:os';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_CHANNELS, type DesktopApi } from '../../src-shared/ipc/contract';
import { createDesktopApi, type ShellServices } from './ipcHandlers';
import { guardClose } from './closeGuard';
import { checkTokenWithLocalKeys } from '../sync/checkToken';
import { CLOSE_CHANNELS } from '../../src-shared/ipc/contract';
import { menuTemplate } from './menu';
import { createSecretStore } from './secretStore';
import { issueToken, type IssueRequest } from '../sync/issueToken';
import { SyncStore } from '../sync/syncStore';
import { createLocalSyncServer } from './localSyncServer';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, isSafeExternalUrl, isTrustedSender, resolveAppPath } from './security';
import { DEFAULT_BOUNDS, restoreBounds, type WindowBounds } from './windowState';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererRoot = join(__dirname, '../renderer');
const stateFile = () => join(app.getPath('userData'), 'window-state.json');
const syncDataDir = () => join(app.getPath('userData'), 'sync-data');
// The street office's own sync server runs in a utility process (a Node process managed by Electron).
const localSyncServer = createLocalSyncServer({
  fork: (args) => utilityProcess.fork(join(__dirname, 'sync-server.js'), args, { serviceName: '社区工作台同步服务' }),
  dataDir: syncDataDir,
  addresses: () => Object.values(networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i!.address),
});

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void localSyncServer.stop());
}

function start(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = resolveAppPath(request.url, rendererRoot, join);
    if (!path) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'));

  const services = {
    appVersion: app.getVersion(),
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    openWindow: () => createWindow(),
    showSaveDialog: async (suggestedName: string) => {
      const result = await dialog.showSaveDialog({ title: '保存文件', defaultPath: suggestedName });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    writeFile: (path: string, bytes: Uint8Array) => writeFile(path, bytes),
    documentsFolder: app.getPath('documents'),
    verifySyncToken: (token: string) => checkTokenWithLocalKeys(syncDataDir(), token),
    showFolderDialog: async () => {
      const result = await dialog.showOpenDialog({ title: '选择备份文件夹', properties: ['openDirectory', 'createDirectory'] });
      return result.canceled || !result.filePaths[0] ? null : result.filePaths[0];
    },
    syncServer: localSyncServer,
    issueSyncToken: (request: IssueRequest) => {
      const store = new SyncStore(syncDataDir());
      try {
        return issueToken(store, request);
      } finally {
        store.close();
      }
    },
    secrets: createSecretStore(join(app.getPath('userData'), 'secrets.json'), {
      available: () => safeStorage.isEncryptionAvailable(),
      encrypt: (text) => safeStorage.encryptString(text).toString('base64'),
      decrypt: (data) => safeStorage.decryptString(Buffer.from(data, 'base64')),
    }),
  } satisfies ShellServices;
  for (const [method, channel] of Object.entries(IPC_CHANNELS) as [keyof DesktopApi, string][]) {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame?.url, devServerUrl)) throw new Error('拒绝来自未知页面的请求');
      const api = createDesktopApi(services, { printToPDF: async (options) => new Uint8Array(await event.sender.printToPDF(options)) });
      return (api[method] as (...a: unknown[]) => unknown)(...args);
    });
  }

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        newWindow: () => createWindow(),
        reload: () => BrowserWindow.getFocusedWindow()?.webContents.reload(),
        toggleDevTools: () => BrowserWindow.getFocusedWindow()?.webContents.toggleDevTools(),
        about: () =>
          void dialog.showMessageBox({ title: '关于', message: `社区工作台 ${app.getVersion()}`, detail: '社区党建办公的离线优先桌面应用。数据保存在本机。' }),
        quit: () => app.quit(),
      }),
    ),
  );
  createWindow();
}

const closeGuards = new Map<number, { ready(): void }>();
ipcMain.on(CLOSE_CHANNELS.ready, (event) => closeGuards.get(event.sender.id)?.ready());

function createWindow(): BrowserWindow {
  const isFirst = BrowserWindow.getAllWindows().length === 0;
  const bounds = isFirst ? restoreBounds(readSavedBounds(), screen.getAllDisplays().map((d) => d.workArea)) : DEFAULT_BOUNDS;
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    title: '社区工作台',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // The app never navigates away from itself, never opens windows of its own; links go to the OS browser.
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) {
      event.preventDefault();
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
    }
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAppUrl(url, devServerUrl)) createWindow();
    else if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (isFirst) win.on('close', () => saveBounds(win));
  // The page backs up on quit before the window goes (closeGuard); it says when it is done.
  const guard = guardClose({ on: (e, l) => win.on(e, l), requestClose: () => win.webContents.send(CLOSE_CHANNELS.requested), destroy: () => win.destroy() });
  closeGuards.set(win.webContents.id, guard);
  win.on('closed', () => closeGuards.delete(win.webContents.id));

  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

function readSavedBounds(): unknown {
  try {
    return JSON.parse(readFileSync(stateFile(), 'utf8'));
  } catch {
    return undefined;
  }
}

function saveBounds(win: BrowserWindow): void {
  const state: WindowBounds = { ...win.getNormalBounds(), maximized: win.isMaximized() };
  void writeFile(stateFile(), JSON.stringify(state)).catch(() => undefined);
}
