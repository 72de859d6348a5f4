import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newWindow(): void;
  reload(): void;
  toggleDevTools(): void;
  about(): void;
  quit(): void;
}

/** The application menu, in Chinese. */
export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    {
      label: '文件',
      submenu: [
        { label: '新建窗口', accelerator: 'CmdOrCtrl+N', click: actions.newWindow },
        { type: 'separator' },
        { label: '退出', accelerator: 'CmdOrCtrl+Q', click: actions.quit },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新加载', accelerator: 'CmdOrCtrl+R', click: actions.reload },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
        { label: '开发者工具', accelerator: 'F12', click: actions.toggleDevTools },
      ],
    },
    { label: '帮助', submenu: [{ label: '关于社区工作台', click: actions.about }] },
  ];
}
