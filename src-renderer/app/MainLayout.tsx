import { ApartmentOutlined, DashboardOutlined, FileTextOutlined, SafetyOutlined, CalendarOutlined, GiftOutlined, HeartOutlined, ScheduleOutlined, BankOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { OrgTreePage } from '../features/orgTree/OrgTreePage';
import { MeetingsPage } from '../features/meeting/MeetingsPage';
import { BookingsPage } from '../features/booking/BookingsPage';
import { VolunteerPage } from '../features/volunteer/VolunteerPage';
import { CoBuildingPage } from '../features/coBuilding/CoBuildingPage';
import { DocumentsPage } from '../features/documents/DocumentsPage';
import { DataSafetyPage, useKeeper } from '../features/backup/DataSafetyPage';
import { SET_ASIDE_ADVICE } from '../features/backup/QuarantineCard';
import { rememberStreetState } from '../features/backup/streetState';
import { checkStorage } from '../data/storageHealth';
import * as Y from 'yjs';
import { leaveIntent, NavigationContext } from './navigation';
import type { TodoTarget } from '../../src-shared/workbench/todoCards';
import { platform } from '../platform/platform';
import { RosterPage } from '../features/roster/RosterPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { UnitsPage } from '../features/units/UnitsPage';
import { StatusArea } from '../features/status/StatusArea';
import { useSession, useSyncStatus } from './storeContext';
import { useOperatorState } from './operatorSession';
import { OperatorGate } from '../features/operators/OperatorGate';
import { SyncSettingsModal } from '../features/sync/SyncSettingsModal';
import { AgreementReminder } from '../features/coBuilding/AgreementReminder';
import { WorkbenchPage } from '../features/workbench/WorkbenchPage';
import { OPEN_CONFLICTS_EVENT } from '../features/status/StatusArea';

/** Screens that work; a screen is listed here only once it is built. */
const SCREENS = [
  { key: 'workbench', label: '工作台', icon: <DashboardOutlined />, render: () => <WorkbenchPage /> },
  { key: 'roster', label: '人员名册', icon: <TeamOutlined />, render: () => <RosterPage /> },
  { key: 'meetings', label: '会议记录', icon: <CalendarOutlined />, render: () => <MeetingsPage /> },
  { key: 'bookings', label: '场地预约', icon: <ScheduleOutlined />, render: () => <BookingsPage /> },
  { key: 'volunteer', label: '志愿服务与积分', icon: <HeartOutlined />, render: () => <VolunteerPage /> },
  { key: 'coBuilding', label: '共驻共建', icon: <GiftOutlined />, render: () => <CoBuildingPage /> },
  { key: 'documents', label: '公文', icon: <FileTextOutlined />, render: () => <DocumentsPage /> },
  { key: 'org', label: '组织架构', icon: <ApartmentOutlined />, render: () => <OrgTreePage /> },
  { key: 'units', label: '驻区单位与服务队', icon: <BankOutlined />, render: () => <UnitsPage /> },
  { key: 'dataSafety', label: '数据安全', icon: <SafetyOutlined />, render: () => <DataSafetyPage /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
];

/** The menu as the preview shows it (every screen but the roster waits for the document). */
export const SCREEN_MENU = SCREENS.map(({ key, label, icon }) => ({ key, label, icon }));

/** The community's backup keeper in this window, for the quit backup (the desktop app waits for it on closing). */
const quitBackup: { keeper?: ReturnType<typeof useKeeper> } = {};
let quitHandlerSet = false;
function backupOnQuit() {
  if (quitHandlerSet) return;
  quitHandlerSet = true;
  platform.onCloseRequested(async () => quitBackup.keeper?.onQuit());
}

export function MainLayout() {
  backupOnQuit();
  const { store, operators, openStreetHome, sync } = useSession();
  const operatorState = useOperatorState(operators);
  useEffect(() => operators.watchIdle(window), [operators]);
  // A community a street user just opened fills in as it arrives from the server.
  const [, setArrived] = useState(0);
  useEffect(() => {
    if (store.info) return;
    const onUpdate = () => setArrived((n) => n + 1);
    store.doc.on('update', onUpdate);
    return () => store.doc.off('update', onUpdate);
  }, [store]);
  const syncStatus = useSyncStatus(sync);
  // Backups on schedule while the community is open; the storage checked once on start.
  const keeper = useKeeper();
  useEffect(() => {
    if (!store.info) return;
    keeper.start();
    return () => keeper.stop();
  }, [keeper, store.info]);
  useEffect(() => {
    // The keeper of the community open at closing time is the one that backs up.
    quitBackup.keeper = keeper;
    return () => {
      if (quitBackup.keeper === keeper) quitBackup.keeper = undefined;
    };
  }, [keeper]);
  const [storageProblem, setStorageProblem] = useState('');
  useEffect(() => void checkStorage().then((h) => setStorageProblem(h.problem)), []);
  // Once synced, the street has everything here: a USB exchange file after that carries only what came later.
  useEffect(() => {
    if (syncStatus.state === 'synced') void rememberStreetState(store, Y.encodeStateVector(store.doc), '与街道服务器同步');
  }, [syncStatus.state, store]);
  const [syncSettingsOpen, setSyncSettingsOpen] = useState(false);
  // A community opens on its 工作台 (today's work), unless the street asked for a screen (a meeting, a day's bookings).
  const [screen, setScreen] = useState(() => {
    const asked = localStorage.getItem('desk:open-screen');
    localStorage.removeItem('desk:open-screen');
    return asked ?? 'workbench';
  });
  const navigation = useMemo(() => ({
    openDocument(id: string) {
      localStorage.setItem('desk:open-document', id);
      setScreen('documents');
    },
    openTarget(target: TodoTarget) {
      if (target.screen === 'conflicts') return void window.dispatchEvent(new Event(OPEN_CONFLICTS_EVENT));
      if (target.screen === 'documents' && target.id) localStorage.setItem('desk:open-document', target.id);
      else leaveIntent(target);
      setScreen(target.screen);
    },
  }), []); // setScreen is stable
  const info = store.info;
  const current = SCREENS.find((s) => s.key === screen) ?? SCREENS[0]!;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff', borderBottom: '1px solid #eee', paddingInline: 16 }}>
        <Typography.Title level={4} style={{ margin: 0, color: '#c8102e' }}>
          社区工作台
        </Typography.Title>
        {openStreetHome && <Button size="small" onClick={openStreetHome}>返回街道总览</Button>}
        <Typography.Text data-testid="community-title">
          {info ? `${info.streetName} · ${info.name}（${info.code}）` : sync && syncStatus.state === 'offline' ? `社区 ${store.code}（本机还没有数据）` : `正在从街道服务器下载社区 ${store.code} 的数据…`}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <StatusArea />
        <Space>
          <UserOutlined />
          <span data-testid="operator">操作人：{operatorState.current?.name ?? '未选择'}</span>
          <Button size="small" onClick={() => operators.lock('请选择接手的操作人')}>
            更换
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #eee' }}>
          <Menu mode="inline" selectedKeys={[screen]} onClick={(e) => setScreen(e.key)} items={SCREENS.map(({ key, label, icon }) => ({ key, label, icon }))} />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16 }}>
          {sync && syncStatus.state === 'refused' && (
            // A refusal is final until someone acts: it is said in the page, with the fix, not only in a tooltip.
            <Alert
              type="error"
              showIcon
              data-testid="sync-refused"
              style={{ marginBottom: 12 }}
              message="街道服务器拒绝了同步，本机数据照常保存"
              description={syncStatus.message}
              action={<Button onClick={() => setSyncSettingsOpen(true)}>打开同步设置</Button>}
            />
          )}
          {store.setAside.length > 0 && (
            <Alert type="warning" showIcon closable style={{ marginBottom: 12 }} data-testid="set-aside-banner"
              message={`本机社区数据中有 ${store.setAside.length} 条修改记录已损坏、无法读取，社区已照常打开`}
              description={SET_ASIDE_ADVICE} action={<Button onClick={() => setScreen('dataSafety')}>查看数据安全</Button>} />
          )}
          {sync && syncStatus.state !== 'synced' && syncStatus.streetFault && (
            // The street's copy has a problem: the clerk works on offline and is told whom to call.
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="street-fault" message="街道服务器上的数据有问题，暂时无法同步；本机照常使用" description={syncStatus.message} />
          )}
          {storageProblem && <Alert type="error" showIcon closable style={{ marginBottom: 12 }} data-testid="storage-problem-banner" message={storageProblem} action={<Button onClick={() => setScreen('dataSafety')}>查看数据安全</Button>} />}
          {info && screen !== 'coBuilding' && screen !== 'workbench' && <AgreementReminder onOpen={() => setScreen('coBuilding')} />}
          {info ? <NavigationContext.Provider value={navigation} key={screen}>{current.render()}</NavigationContext.Provider>
            : sync && (syncStatus.state === 'offline' || syncStatus.state === 'refused') ? (
              // Not on this PC and no server to fetch it from: said at once, with the ways on, never an endless wait.
              <Alert type="warning" showIcon data-testid="community-not-here"
                message={`本机还没有社区 ${store.code} 的数据，现在也连不上街道服务器，无法下载`}
                description={<>请联网后再打开，数据会自动下载；没有网络时，请社区在“数据安全”中点“导出整个社区给街道（.cdsync）”，拷到U盘后在街道总览中导入。{syncStatus.message ? `（${syncStatus.message}）` : ''}</>}
                action={openStreetHome && <Button onClick={openStreetHome}>返回街道总览</Button>} />
            )
            : <Spin tip={sync ? '正在从街道服务器下载，请稍候…' : '本机没有这个社区的数据，请在“同步设置”中连接街道服务器'}><div style={{ height: 200 }} /></Spin>}
        </Layout.Content>
      </Layout>
      {syncSettingsOpen && <SyncSettingsModal onClose={() => setSyncSettingsOpen(false)} />}
      <OperatorGate session={operators} />
    </Layout>
  );
}
