import { contextBridge, ipcRenderer } from 'electron';
import { CLOSE_CHANNELS, DESKTOP_API_GLOBAL, DESKTOP_EVENTS_GLOBAL, IPC_CHANNELS, type DesktopApi, type DesktopEvents } from '../../src-shared/ipc/contract';

// The renderer gets exactly this object and nothing else of Electron or Node.
const api = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
  openNewWindow: () => ipcRenderer.invoke(IPC_CHANNELS.openNewWindow),
  saveFile: (request) => ipcRenderer.invoke(IPC_CHANNELS.saveFile, request),
  printToPdf: (request) => ipcRenderer.invoke(IPC_CHANNELS.printToPdf, request),
  loadSecret: (key) => ipcRenderer.invoke(IPC_CHANNELS.loadSecret, key),
  saveSecret: (key, value) => ipcRenderer.invoke(IPC_CHANNELS.saveSecret, key, value),
  syncServer: (request) => ipcRenderer.invoke(IPC_CHANNELS.syncServer, request),
  issueSyncToken: (request) => ipcRenderer.invoke(IPC_CHANNELS.issueSyncToken, request),
  verifySyncToken: (token) => ipcRenderer.invoke(IPC_CHANNELS.verifySyncToken, token),
  defaultBackupFolder: () => ipcRenderer.invoke(IPC_CHANNELS.defaultBackupFolder),
  chooseFolder: () => ipcRenderer.invoke(IPC_CHANNELS.chooseFolder),
  listBackups: (folder) => ipcRenderer.invoke(IPC_CHANNELS.listBackups, folder),
  writeBackup: (request) => ipcRenderer.invoke(IPC_CHANNELS.writeBackup, request),
  readBackup: (request) => ipcRenderer.invoke(IPC_CHANNELS.readBackup, request),
  deleteBackup: (request) => ipcRenderer.invoke(IPC_CHANNELS.deleteBackup, request),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld(DESKTOP_API_GLOBAL, api);

const events = {
  onCloseRequested: (handler) => {
    ipcRenderer.on(CLOSE_CHANNELS.requested, () => {
      void handler().finally(() => ipcRenderer.send(CLOSE_CHANNELS.ready));
    });
  },
} satisfies DesktopEvents;

contextBridge.exposeInMainWorld(DESKTOP_EVENTS_GLOBAL, events);
