import { CloudDownloadOutlined, FolderOpenOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Input, InputNumber, Row, Space, Switch, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { BACKUP_EXTENSION, decodeBackup, type BackupHeader } from '../../../src-shared/backup/backupFile';
import { errorText } from '../../app/errorText';
import { saveBytes } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { platform } from '../../platform/platform';
import { keeperOf, loadBackupSettings, saveBackupSettings, useBackupStatus, type BackupEntry, type BackupSettings } from './backupKeeper';
import { ExchangeCard } from './ExchangeCard';
import { RestoreDialog } from './RestoreDialog';
import { StorageCard } from './StorageCard';
import { QuarantineCard } from './QuarantineCard';
import { WorkbookCard } from './WorkbookCard';

export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Reads a file the clerk picks, through a hidden file input (the same in the desktop app and the browser). */
export function useFilePicker(accept: string, onFile: (bytes: Uint8Array, name: string) => void) {
  const input = useRef<HTMLInputElement>(null);
  const element = (
    <input ref={input} type="file" accept={accept} hidden onChange={async (e) => {
      const file = e.target.files?.[0];
      e.target.value = '';
      if (file) onFile(new Uint8Array(await file.arrayBuffer()), file.name);
    }} />
  );
  return { element, open: () => input.current?.click() };
}

/** The keeper of this community's backups, stamped with the operator in effect and this PC. */
export function useKeeper() {
  const { store, context } = useSession();
  return keeperOf(store, () => {
    const actor = context.actor();
    return { operator: actor.name, device: actor.deviceName || actor.device };
  });
}

/**
 * 数据安全: automatic backups (when the last succeeded, why the last failed), the backups in the folder and any
 * backup file opened to look at or merge, the USB exchange with the street, the whole community in one workbook, and
 * the health of this PC's storage.
 */
export function DataSafetyPage() {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const keeper = useKeeper();
  const status = useBackupStatus(keeper);
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [backups, setBackups] = useState<BackupEntry[]>([]);
  const [listError, setListError] = useState('');
  const [opened, setOpened] = useState<{ header: BackupHeader; updates: Uint8Array[] } | null>(null);
  const refresh = useCallback(async () => {
    try {
      setBackups(await keeper.list());
      setListError('');
    } catch (error) {
      setListError(errorText(error));
    }
  }, [keeper]);
  useEffect(() => {
    void loadBackupSettings().then(setSettings);
    void refresh();
  }, [refresh, status.lastSuccessAt]);

  const open = async (bytes: Uint8Array, fileName?: string) => {
    try {
      setOpened(await decodeBackup(bytes, store.code, fileName));
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const picker = useFilePicker(BACKUP_EXTENSION, (bytes, fileName) => void open(bytes, fileName));
  const backupNow = async (download: boolean) => {
    try {
      const made = await keeper.backup('manual');
      if (download) await saveBytes(made.name, made.bytes);
      void message.success(`已备份：${made.path}`);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const saveSettings = async (next: BackupSettings) => {
    try {
      await saveBackupSettings(next);
      setSettings(next);
      void message.success('备份设置已保存');
      void refresh();
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  const chooseFolder = async () => {
    try {
      const folder = await platform.chooseFolder();
      if (folder && settings) await saveSettings({ ...settings, folder });
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col span={12}>
        <Card title={<Space><SafetyOutlined />备份</Space>} size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            {status.error ? (
              <Alert type="error" showIcon data-testid="backup-status" message={status.error} description={`${dayjs(status.errorAt).format('MM-DD HH:mm')} 失败；每十分钟自动重试一次。${status.lastSuccessAt ? `上次成功：${dayjs(status.lastSuccessAt).format('YYYY-MM-DD HH:mm')}` : '还没有成功的备份'}`} />
            ) : (
              <Alert type={status.lastSuccessAt ? 'success' : 'warning'} showIcon data-testid="backup-status"
                message={status.lastSuccessAt ? `上次备份：${dayjs(status.lastSuccessAt).format('YYYY-MM-DD HH:mm')}` : '还没有备份'}
                description={status.lastPath} />
            )}
            <Space wrap>
              <Button type="primary" loading={status.running} onClick={() => void backupNow(false)}>立即备份</Button>
              <Button icon={<CloudDownloadOutlined />} onClick={() => void backupNow(true)}>备份并下载文件（拷到U盘）</Button>
            </Space>
            {settings && (
              <>
                <Space wrap>
                  <Switch aria-label="自动备份" checked={settings.auto} onChange={(auto) => void saveSettings({ ...settings, auto })} />
                  <span>每天第一次打开时自动备份</span>
                  {platform.kind === 'desktop' && (
                    <>
                      <Switch aria-label="关闭时备份" checked={settings.onQuit} onChange={(onQuit) => void saveSettings({ ...settings, onQuit })} />
                      <span>关闭软件时备份</span>
                    </>
                  )}
                </Space>
                <Space.Compact style={{ width: '100%' }}>
                  <Input aria-label="备份文件夹" value={settings.folder} readOnly />
                  {platform.kind === 'desktop' && <Button icon={<FolderOpenOutlined />} onClick={() => void chooseFolder()}>选择文件夹</Button>}
                </Space.Compact>
                {platform.kind === 'browser' && <Typography.Text type="secondary">网页预览版的自动备份保存在浏览器内部；请定期“备份并下载文件”拷到U盘，或使用桌面版把备份写到U盘或网络盘。</Typography.Text>}
                <Space wrap>
                  <span>保留</span>
                  <InputNumber aria-label="保留每日备份" min={1} max={100} value={settings.rotation.daily} onChange={(v) => v && void saveSettings({ ...settings, rotation: { ...settings.rotation, daily: v } })} addonAfter="天" style={{ width: 110 }} />
                  <InputNumber aria-label="保留每周备份" min={1} max={100} value={settings.rotation.weekly} onChange={(v) => v && void saveSettings({ ...settings, rotation: { ...settings.rotation, weekly: v } })} addonAfter="周" style={{ width: 110 }} />
                  <InputNumber aria-label="保留每月备份" min={1} max={100} value={settings.rotation.monthly} onChange={(v) => v && void saveSettings({ ...settings, rotation: { ...settings.rotation, monthly: v } })} addonAfter="月" style={{ width: 110 }} />
                </Space>
              </>
            )}
          </Space>
        </Card>
      </Col>
      <Col span={12}>
        <Card title="备份文件" size="small" extra={<Button onClick={picker.open}>打开备份文件…</Button>}>
          {picker.element}
          {listError && <Alert type="error" showIcon message={listError} style={{ marginBottom: 8 }} />}
          <Table size="small" rowKey="name" data-testid="backup-list" dataSource={backups} pagination={{ pageSize: 6, showSizeChanger: false }} locale={{ emptyText: '备份文件夹中还没有本社区的备份' }}
            columns={[
              { title: '备份时间', render: (_, b) => dayjs(b.createdAt).format('YYYY-MM-DD HH:mm:ss') },
              { title: '大小', width: 90, render: (_, b) => sizeText(b.size) },
              { title: '', width: 80, render: (_, b) => <Button size="small" onClick={async () => { try { await open(await platform.readBackup({ folder: settings!.folder, name: b.name }), b.name); } catch (error) { void message.error(errorText(error)); } }}>打开</Button> },
            ]} />
        </Card>
      </Col>
      <Col span={12}><ExchangeCard /></Col>
      <Col span={12}><WorkbookCard /></Col>
      <Col span={24}><QuarantineCard /></Col>
      <Col span={24}><StorageCard /></Col>
      {opened && <RestoreDialog header={opened.header} updates={opened.updates} keeper={keeper} onClose={() => setOpened(null)} />}
    </Row>
  );
}
