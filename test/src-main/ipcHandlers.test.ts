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
