import type { DesktopApi } from '../../src-shared/ipc/contract';

/** What main needs from Electron to answer the renderer; injected so the handlers are tested as plain functions. */
export interface ShellServices {
  appVersion: string;
  electronVersion: string;
  platform: string;
  openWindow(): void;
  showSaveDialog(suggestedName: string): Promise<string | null>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
}

export function createDesktopApi(services: ShellServices): DesktopApi {
  return {
    async appInfo() {
      return { appVersion: services.appVersion, electronVersion: services.electronVersion, platform: services.platform };
    },
    async openNewWindow() {
      services.openWindow();
    },
    async saveFile({ suggestedName, bytes }) {
      if (typeof suggestedName !== 'string' || !(bytes instanceof Uint8Array)) throw new Error('保存文件的参数不正确');
      const safeName = suggestedName.replace(/[\\/:*?"<>|]/g, '_').slice(0, 120) || '未命名';
      const path = await services.showSaveDialog(safeName);
      if (!path) return null;
      await services.writeFile(path, bytes);
      return path;
    },
  };
}
