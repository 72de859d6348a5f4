import { Button, List, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { maskIdNumber, maskPhone } from '../../../src-shared/privacy/mask';
import { COLLECTIONS } from '../../../src-shared/records';
import type { AnyRepository } from '../../../src-shared/repository/collectionRepository';
import { concurrentEdits } from '../../../src-shared/repository/historyTruth';
import { describeHistoryEntry, quoted, whoLabel } from '../../app/historyLabels';
import { useSession } from '../../app/storeContext';
import type { CommunityStore } from '../../data/communityStore';

/**
 * Records edited both here and on another PC since they last synced. For a field both sides wrote, the value in
 * effect and each side's value, with who and when; otherwise the recent changes of both sides, all kept.
 */
export function ConflictsModal({ onClose }: { onClose(): void }) {
  const { store, sync } = useSession();
  const [, setVersion] = useState(0);
  useEffect(() => sync?.conflicts.onChange(() => setVersion((v) => v + 1)), [sync]);
  const conflicts = sync?.conflicts.list() ?? [];
  return (
    <Modal open title="两边都修改过的记录" footer={null} onCancel={onClose} width={820}>
      <Typography.Paragraph type="secondary">
        下列记录在本机和其他电脑（或街道）分开期间都被修改过，系统已自动合并，没有丢失任何修改记录。同一项两边改得不同的，列出现行值和双方的值；如现行值不对，请打开该记录改正。
      </Typography.Paragraph>
      <List
        dataSource={conflicts}
        data-testid="conflict-list"
        locale={{ emptyText: '没有两边都修改过的记录' }}
        renderItem={(c) => {
          const definition = COLLECTIONS[c.collection as keyof typeof COLLECTIONS];
          const repo = store.repos[c.collection as keyof typeof store.repos] as unknown as AnyRepository | undefined;
          const record = repo?.get(c.id) as Record<string, unknown> | undefined;
          const labels = (definition?.fieldLabels ?? {}) as Record<string, string>;
          const history = repo && record ? repo.history(c.id) : [];
          const edits = record ? concurrentEdits(history, record) : [];
          const show = (field: string, value: unknown) => displayValue(store, field, value);
          return (
            <List.Item actions={[<Button key="ok" size="small" onClick={() => sync?.conflicts.dismiss(c)}>已核对</Button>]}>
              <List.Item.Meta
                title={`${definition?.label ?? c.collection}：${String(record?.[definition?.titleField ?? 'name'] ?? '（已删除）')}（合并于 ${dayjs(c.at).format('MM-DD HH:mm')}）`}
                description={
                  edits.length > 0
                    ? edits.map((e) => (
                        <div key={e.field}>
                          <b>{labels[e.field] ?? e.field}</b>
                          {`：现行值${quoted(show(e.field, e.value))}。`}
                          {e.sides.map((s) => `${whoLabel(s)} ${dayjs(s.at).format('MM-DD HH:mm')} 改为${quoted(show(e.field, s.to))}${s.inEffect ? '（现行值）' : '（未生效）'}`).join('；')}
                        </div>
                      ))
                    : [<div key="note">两边改的是不同的内容，已全部保留：</div>, ...history.filter((h) => h.action === 'update').slice(-6).map((h, i) => <div key={i}>{describeHistoryEntry(h, labels, show)}</div>)]
                }
              />
            </List.Item>
          );
        }}
      />
    </Modal>
  );
}

/** Values as the roster shows them: personal numbers masked, organisation ids by name. */
function displayValue(store: CommunityStore, field: string, value: unknown): string {
  if (field === 'idNumber') return maskIdNumber(String(value ?? ''));
  if (/phone/i.test(field)) return maskPhone(String(value ?? ''));
  if (field === 'orgNodeId' || field === 'parentId') return value ? (store.orgTree.get(String(value))?.name ?? '（已删除的组织）') : '';
  if (Array.isArray(value)) return value.join('、');
  return String(value ?? '');
}
