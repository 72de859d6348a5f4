import { Alert, App as AntApp, Button, Descriptions, Input, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { canRead, connectionString, parseConnectionString, ROLE_LABELS } from '../../../src-shared/sync/access';
import { useSession } from '../../app/storeContext';

/** Paste the connection string the street office issued; shows what the token allows before saving. */
export function SyncSettingsModal({ onClose }: { onClose(): void }) {
  const { store, syncSettings, setSyncSettings } = useSession();
  const { message } = AntApp.useApp();
  const [text, setText] = useState(syncSettings ? connectionString(syncSettings) : '');
  const parsed = text.trim() ? parseConnectionString(text) : undefined;
  const problem = parsed && !parsed.ok ? parsed.message : parsed?.ok && !canRead(parsed.claims, store.code) ? `这个连接串是给 ${parsed.claims.scope} 的，不能同步本社区（${store.code}）。请向街道党建办索取本社区的连接串。` : '';
  const expired = parsed?.ok && parsed.claims.exp * 1000 < Date.now();

  return (
    <Modal open title="同步设置" onCancel={onClose} footer={null} width={640}>
      <Typography.Paragraph type="secondary">与街道同步：粘贴街道党建办发来的连接串（以 ws:// 或 wss:// 开头）。联网时自动同步，断网时照常使用，恢复网络后自动补传。</Typography.Paragraph>
      <Input.TextArea aria-label="连接串" rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="ws://192.168.1.10:4455/?token=cd1.…" />
      {problem && <Alert style={{ marginTop: 8 }} type="error" showIcon message={problem} />}
      {parsed?.ok && !problem && (
        <Descriptions size="small" column={2} style={{ marginTop: 8 }} bordered>
          <Descriptions.Item label="服务器">{parsed.value.serverUrl}</Descriptions.Item>
          <Descriptions.Item label="身份">{ROLE_LABELS[parsed.claims.role]}</Descriptions.Item>
          <Descriptions.Item label="使用人">{parsed.claims.name}</Descriptions.Item>
          <Descriptions.Item label="有效期至">{dayjs(parsed.claims.exp * 1000).format('YYYY-MM-DD')}{expired ? '（已过期）' : ''}</Descriptions.Item>
        </Descriptions>
      )}
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={!parsed?.ok || !!problem}
          onClick={async () => {
            if (!parsed?.ok) return;
            await setSyncSettings(parsed.value);
            void message.success('已保存同步设置，正在连接街道服务器');
            onClose();
          }}
        >
          保存并连接
        </Button>
        {syncSettings && (
          <Button
            danger
            onClick={async () => {
              await setSyncSettings(null);
              void message.info('已停止同步：数据仍保存在本机');
              onClose();
            }}
          >
            停止同步
          </Button>
        )}
      </Space>
    </Modal>
  );
}
