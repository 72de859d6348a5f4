import { Alert, App as AntApp, Button, Descriptions, Drawer, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import * as Y from 'yjs';
import { compareRecord, copyBack, type BackupDifference } from '../../../src-shared/backup/backupCompare';
import { backupDocument, recordCounts, type BackupHeader } from '../../../src-shared/backup/backupFile';
import { COLLECTIONS, COLLECTION_NAMES, type CollectionName } from '../../../src-shared/records';
import type { AnyRepository, RecordView } from '../../../src-shared/repository/collectionRepository';
import { ORIGIN } from '../../../src-shared/repository/docLayout';
import { createRepositories } from '../../../src-shared/repository/repositories';
import { errorText } from '../../app/errorText';
import { useSession } from '../../app/storeContext';
import type { BackupKeeper } from './backupKeeper';

const DIFFERENCE_COLORS: Record<BackupDifference, string> = { 相同: 'default', 已改动: 'orange', 本机已删除: 'red', 本机没有: 'purple' };

/**
 * A backup file opened on this PC, checked: what it holds against the data here, and what to do with it — look at it
 * read-only and copy single records back, or merge it all (a CRDT merge: nothing here is lost). A backup of the data
 * as it is now is made before anything is changed.
 */
export function RestoreDialog({ header, updates, keeper, onClose }: { header: BackupHeader; updates: Uint8Array[]; keeper: BackupKeeper; onClose(): void }) {
  const { store } = useSession();
  const { message, modal } = AntApp.useApp();
  const [browsing, setBrowsing] = useState(false);
  const [busy, setBusy] = useState(false);
  const here = useMemo(() => recordCounts(store.doc), [store]);
  const types = [...new Set([...Object.keys(header.counts), ...Object.keys(here)])];

  const merge = () =>
    modal.confirm({
      title: '把备份合并到本机数据？',
      content: '备份中有而本机没有的记录会加回来；本机已有的修改和删除都保留（不会被备份覆盖）。合并前会先备份本机现在的数据。',
      okText: '先备份再合并', cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          await keeper.backup('before-restore');
          store.doc.transact(() => {
            for (const u of updates) Y.applyUpdate(store.doc, u, ORIGIN.file);
          }, ORIGIN.file);
          await store.flush();
          void message.success('已合并备份；合并前的数据已另存为一份备份');
          onClose();
        } catch (error) {
          void message.error(`没有合并：${errorText(error)}`);
        } finally {
          setBusy(false);
        }
      },
    });

  return (
    <Modal open title="打开备份" width={760} onCancel={onClose} footer={[
      <Button key="close" onClick={onClose}>关闭</Button>,
      <Button key="browse" onClick={() => setBrowsing(true)}>只读查看，找回单条记录</Button>,
      <Button key="merge" type="primary" loading={busy} onClick={merge}>合并到本机数据</Button>,
    ]}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="success" showIcon message="备份文件完好（校验和一致）" />
        <Descriptions size="small" bordered column={2} data-testid="backup-header">
          <Descriptions.Item label="社区">{header.communityName}（{header.communityCode}）</Descriptions.Item>
          <Descriptions.Item label="备份时间">{dayjs(header.createdAt).format('YYYY-MM-DD HH:mm:ss')}</Descriptions.Item>
          <Descriptions.Item label="操作人">{header.operator || '—'}</Descriptions.Item>
          <Descriptions.Item label="电脑">{header.device || '—'}</Descriptions.Item>
        </Descriptions>
        <Table size="small" rowKey="type" pagination={false} data-testid="backup-counts" scroll={{ y: 260 }}
          dataSource={types.map((type) => ({ type, backup: header.counts[type] ?? 0, here: here[type] ?? 0 }))}
          columns={[
            { title: '记录类型', dataIndex: 'type' },
            { title: '备份中', dataIndex: 'backup', width: 120 },
            { title: '本机现在', dataIndex: 'here', width: 120, render: (n: number, r) => (n === r.backup ? n : <Typography.Text type="warning">{n}</Typography.Text>) },
          ]} />
      </Space>
      {browsing && <BackupBrowser header={header} updates={updates} keeper={keeper} onClose={() => setBrowsing(false)} />}
    </Modal>
  );
}

type View = RecordView<Record<string, unknown>>;

/** The backup read-only, record type by type, each record against this PC's; one can be copied back, with history. */
function BackupBrowser({ header, updates, keeper, onClose }: { header: BackupHeader; updates: Uint8Array[]; keeper: BackupKeeper; onClose(): void }) {
  const { store } = useSession();
  const { message } = AntApp.useApp();
  const backup = useMemo(() => {
    const doc = backupDocument(updates);
    // Read-only: nothing here writes to this document; the context only satisfies the repositories.
    return createRepositories(doc, { actor: () => ({ name: '备份（只读）', device: '' }), now: () => Date.now() });
  }, [updates]);
  const [type, setType] = useState<CollectionName>('people');
  const [onlyDifferent, setOnlyDifferent] = useState(true);
  const [query, setQuery] = useState('');
  const [version, setVersion] = useState(0);
  const repo = backup[type] as unknown as AnyRepository;
  const live = store.repos[type] as unknown as AnyRepository;
  const title = (v: View) => String(v[COLLECTIONS[type].titleField] ?? v.id);
  const rows = useMemo(() => (repo.list() as View[])
    .map((v) => ({ view: v, difference: compareRecord(v, live.get(v.id) as View | undefined) }))
    .filter((r) => (!onlyDifferent || r.difference !== '相同') && (!query.trim() || title(r.view).includes(query.trim()))),
  [repo, live, onlyDifferent, query, version]); // version: re-read after a record is copied back
  // The data as it is now is backed up once, before the first record is copied back.
  const [backedUp, setBackedUp] = useState(false);
  const restore = async (v: View) => {
    try {
      if (!backedUp) {
        await keeper.backup('before-restore');
        setBackedUp(true);
      }
      copyBack(live, v, `从备份恢复（${dayjs(header.createdAt).format('YYYY-MM-DD HH:mm')} 的备份）`);
      setVersion((n) => n + 1);
      void message.success(`已把「${title(v)}」恢复到本机，修改记录中可见`);
    } catch (error) {
      void message.error(errorText(error));
    }
  };
  return (
    <Drawer open width="min(1000px, 100vw)" title={`备份（只读）：${header.communityName} ${dayjs(header.createdAt).format('YYYY-MM-DD HH:mm')}`} onClose={onClose}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select aria-label="记录类型" style={{ width: 180 }} value={type} onChange={setType} showSearch optionFilterProp="label"
            options={COLLECTION_NAMES.map((n) => ({ value: n, label: `${COLLECTIONS[n].label}（${header.counts[COLLECTIONS[n].label] ?? 0}）` }))} />
          <Select aria-label="显示" style={{ width: 200 }} value={onlyDifferent ? 'diff' : 'all'} onChange={(v) => setOnlyDifferent(v === 'diff')} options={[{ value: 'diff', label: '只看与本机不同的' }, { value: 'all', label: '全部记录' }]} />
          <Input.Search allowClear aria-label="在备份中搜索" placeholder="按名称搜索" style={{ width: 220 }} value={query} onChange={(e) => setQuery(e.target.value)} />
        </Space>
        <Table size="small" rowKey={(r) => r.view.id} data-testid="backup-records" dataSource={rows} pagination={{ pageSize: 12, showSizeChanger: false }}
          locale={{ emptyText: onlyDifferent ? '这一类记录与本机完全相同' : '备份中没有这一类记录' }}
          columns={[
            { title: COLLECTIONS[type].fieldLabels[COLLECTIONS[type].titleField as never] ?? '名称', render: (_, r) => title(r.view) },
            { title: '备份时的最后修改', width: 200, render: (_, r) => `${dayjs(r.view.meta.updatedAt).format('YYYY-MM-DD HH:mm')} ${r.view.meta.updatedBy}` },
            { title: '与本机相比', width: 120, render: (_, r) => <Tag color={DIFFERENCE_COLORS[r.difference]}>{r.difference}</Tag> },
            { title: '', width: 120, render: (_, r) => r.difference !== '相同' && <Button size="small" onClick={() => void restore(r.view)}>恢复到本机</Button> },
          ]} />
      </Space>
    </Drawer>
  );
}
