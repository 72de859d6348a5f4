import { describe, expect, it } from 'vitest';
import { createDesktopApi, type ShellServices } from '../../src-main/main/ipcHandlers';
import { menuTemplate } from '../../src-main/main/menu';

function services(overrides: Partial<ShellServices> = {}) {
  const written: [string, Uint8Array][] = [];
  let opened = 0;
  const s: ShellServices = {
    appVersion: '0.1.0', electronVersion: '45.0.0', platform: 'linux',
    openWindow: () => void opened++,
    showSaveDialog: async (name) => `/home/clerk/${name}`,
    writeFile: async (path, bytes) => void written.push([path, bytes]),
    secrets: { get: async () => null, set: async () => undefined },
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
    await expect(api.printToPdf({ suggestedName: 'x', paper: 'B5' as 'A4', landscape: false })).rejects.toThrow('纸张只能是 A4 或 A3');
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
});
