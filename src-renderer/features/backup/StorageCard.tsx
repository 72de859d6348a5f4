import { Alert, Card, Descriptions, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/storeContext';
import { checkStorage, communitySizes, type StorageHealth } from '../../data/storageHealth';
import { sizeText } from './DataSafetyPage';

/** This PC's storage: whether it can be written, whether the browser keeps it, how much room is left, this community's size. */
export function StorageCard() {
  const { store } = useSession();
  const [health, setHealth] = useState<StorageHealth | null>(null);
  const [size, setSize] = useState<number | null>(null);
  const [all, setAll] = useState<{ code: string; bytes: number }[]>([]);
  useEffect(() => {
    void checkStorage().then(setHealth);
    void store.storedBytes().then(setSize);
    void communitySizes().then(setAll).catch(() => setAll([]));
  }, [store]);
  return (
    <Card title="本机存储" size="small">
      {health?.problem && <Alert type="error" showIcon message={health.problem} style={{ marginBottom: 8 }} data-testid="storage-problem" />}
      {health?.advice && <Alert type="warning" showIcon message={health.advice} style={{ marginBottom: 8 }} />}
      <Descriptions size="small" column={4} data-testid="storage-health">
        <Descriptions.Item label="能否写入">{health ? (health.writable ? '正常' : '不能写入') : '检查中…'}</Descriptions.Item>
        <Descriptions.Item label="持久存储">{health?.persisted === undefined ? '—' : health.persisted ? '已授予（不会被浏览器清理）' : '未授予'}</Descriptions.Item>
        <Descriptions.Item label="剩余空间">{health?.free === undefined ? '—' : sizeText(health.free)}</Descriptions.Item>
        <Descriptions.Item label="本社区数据">{size === null ? '计算中…' : sizeText(size)}</Descriptions.Item>
      </Descriptions>
      {all.length > 1 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="community-sizes">
          本机保存的社区数据：{all.map((c) => `${c.code === store.code ? `${store.info?.name ?? c.code}（当前）` : c.code} ${sizeText(c.bytes)}`).join('；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
