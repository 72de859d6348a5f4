import { CheckCircleOutlined, CloudOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useSaveStatus, useSession } from '../../app/storeContext';

/** Always says where the data is: saved on this PC (and when), still saving, or failing; and the street link. */
export function StatusArea() {
  const { store, persistentStorage } = useSession();
  const status = useSaveStatus(store);
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
  return (
    <Space size={4}>
      {local}
      <Tooltip title="尚未设置街道同步：数据只保存在本机">
        <Tag icon={<CloudOutlined />} data-testid="sync-status">
          未连接街道
        </Tag>
      </Tooltip>
    </Space>
  );
}
