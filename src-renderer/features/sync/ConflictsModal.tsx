import { Button, List, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { COLLECTIONS } from '../../../src-shared/records';
import type { AnyRepository } from '../../../src-shared/repository/collectionRepository';
import { describeHistoryEntry } from '../../app/historyLabels';
import { useSession } from '../../app/storeContext';

/** Records edited both here and on another PC since they last synced, with both sides' changes from the history. */
export function ConflictsModal({ onClose }: { onClose(): void }) {
  const { store, sync } = useSession();
  const [, setVersion] = useState(0);
  useEffect(() => sync?.conflicts.onChange(() => setVersion((v) => v + 1)), [sync]);
  const conflicts = sync?.conflicts.list() ?? [];
  return (
    <Modal open title="两边都修改过的记录" footer={null} onCancel={onClose} width={760}>
      <Typography.Paragraph type="secondary">
        下列记录在本机和其他电脑（或街道）离线期间都被修改过，系统已自动合并。请核对最终内容是否正确；修改记录中列出了双方的改动和修改人。
      </Typography.Paragraph>
      <List
        dataSource={conflicts}
        locale={{ emptyText: '没有两边都修改过的记录' }}
        renderItem={(c) => {
          const definition = COLLECTIONS[c.collection as keyof typeof COLLECTIONS];
          const repo = store.repos[c.collection as keyof typeof store.repos] as unknown as AnyRepository | undefined;
          const record = repo?.get(c.id) as Record<string, unknown> | undefined;
          const labels = (definition?.fieldLabels ?? {}) as Record<string, string>;
          const history = repo && record ? repo.history(c.id).filter((h) => h.action === 'update').slice(-6) : [];
          return (
            <List.Item actions={[<Button key="ok" size="small" onClick={() => sync?.conflicts.dismiss(c)}>已核对</Button>]}>
              <List.Item.Meta
                title={`${definition?.label ?? c.collection}：${String(record?.[definition?.titleField ?? 'name'] ?? '（已删除）')}（合并于 ${dayjs(c.at).format('MM-DD HH:mm')}）`}
                description={history.map((h, i) => <div key={i}>{describeHistoryEntry(h, labels, (_f, v) => String(v ?? ''))}</div>)}
              />
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}
