import { CheckCircleOutlined, CloudOutlined, CloudSyncOutlined, DisconnectOutlined, ExclamationCircleOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSaveStatus, useSession, useSyncStatus } from '../../app/storeContext';
import { ConflictsModal } from '../sync/ConflictsModal';
import { useKeeper } from '../backup/DataSafetyPage';
import { useBackupStatus } from '../backup/backupKeeper';
import { SyncSettingsModal } from '../sync/SyncSettingsModal';

/** Always says where the data is: saved on this PC (and when), and whether and when it last synced with the street. */
/** Asks the status area to open the list of records both sides changed. */
export const OPEN_CONFLICTS_EVENT = 'desk:open-conflicts';

export function StatusArea() {
  const { store, persistentStorage, sync } = useSession();
  const status = useSaveStatus(store);
  const syncStatus = useSyncStatus(sync);
  const backup = useBackupStatus(useKeeper());
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [conflictsOpen, setConflictsOpen] = useState(false);
  // 今日待办 opens the same list.
  useEffect(() => {
    const open = () => setConflictsOpen(true);
    window.addEventListener(OPEN_CONFLICTS_EVENT, open);
    return () => window.removeEventListener(OPEN_CONFLICTS_EVENT, open);
  }, []);
  const [conflictCount, setConflictCount] = useState(sync?.conflicts.list().length ?? 0);
  useEffect(() => {
    setConflictCount(sync?.conflicts.list().length ?? 0);
    return sync?.conflicts.onChange(() => setConflictCount(sync.conflicts.list().length));
  }, [sync]);

  const local =
    status.state === 'error' ? (
      <Tooltip title={status.error}>
        <Tag icon={<ExclamationCircleOutlined />} color="error" data-testid="save-status">
          保存失败，正在重试（{status.pending}项）
        </Tag>
      </Tooltip>
    ) : status.state === 'saving' ? (
      <Tag icon={<LoadingOutlined />} color="processing" data-testid="save-status">
        保存中…
      </Tag>
    ) : (
      <Tooltip title={persistentStorage === false ? '浏览器未授予持久存储：请使用桌面版，或不要清理浏览器数据' : '数据已写入本机磁盘'}>
        <Tag icon={<CheckCircleOutlined />} color="success" data-testid="save-status">
          本机已保存{status.lastSavedAt ? ` ${dayjs(status.lastSavedAt).format('HH:mm:ss')}` : ''}
        </Tag>
      </Tooltip>
    );

  const last = syncStatus.lastSyncedAt ? `，上次同步 ${dayjs(syncStatus.lastSyncedAt).format('MM-DD HH:mm')}` : '';
  const waiting = syncStatus.pending > 0 ? `，${syncStatus.pending} 项待上传` : '';
  const remote = !sync ? (
    <Tag icon={<CloudOutlined />} data-testid="sync-status">未连接街道</Tag>
  ) : syncStatus.state === 'synced' ? (
    <Tag icon={<CloudSyncOutlined />} color="success" data-testid="sync-status">已同步 {dayjs(syncStatus.lastSyncedAt).format('HH:mm')}</Tag>
  ) : syncStatus.state === 'syncing' ? (
    <Tag icon={<LoadingOutlined />} color="processing" data-testid="sync-status">同步中{waiting}</Tag>
  ) : syncStatus.state === 'connecting' ? (
    <Tag icon={<LoadingOutlined />} data-testid="sync-status">连接中{waiting}</Tag>
  ) : syncStatus.state === 'refused' ? (
    <Tag icon={<WarningOutlined />} color="error" data-testid="sync-status">同步被拒绝</Tag>
  ) : (
    <Tag icon={<DisconnectOutlined />} color="warning" data-testid="sync-status">离线{waiting}{last}</Tag>
  );

  return (
    <Space size={4}>
      {local}
      <Tooltip title={syncStatus.message ?? (sync ? `与街道服务器同步${last}` : '点击设置与街道同步；未设置时数据只保存在本机')}>
        <span style={{ cursor: 'pointer' }} onClick={() => setSettingsOpen(true)} role="button" aria-label="同步设置">{remote}</span>
      </Tooltip>
      {backup.error ? (
        <Tooltip title={backup.error}><Tag icon={<WarningOutlined />} color="error" data-testid="backup-tag">备份失败</Tag></Tooltip>
      ) : backup.lastSuccessAt ? (
        <Tooltip title={backup.lastPath}><Tag data-testid="backup-tag">已备份 {dayjs(backup.lastSuccessAt).format(dayjs(backup.lastSuccessAt).isSame(dayjs(), 'day') ? 'HH:mm' : 'MM-DD')}</Tag></Tooltip>
      ) : null}
      {conflictCount > 0 && (
        <Tag color="orange" style={{ cursor: 'pointer' }} onClick={() => setConflictsOpen(true)} data-testid="conflicts">
          {conflictCount} 条记录两边都改过
        </Tag>
      )}
      {settingsOpen && <SyncSettingsModal onClose={() => setSettingsOpen(false)} />}
      {conflictsOpen && <ConflictsModal onClose={() => setConflictsOpen(false)} />}
    </Space>
  );
}
