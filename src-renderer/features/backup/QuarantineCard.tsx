import { Alert, Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSession } from '../../app/storeContext';
import { sizeText } from './DataSafetyPage';

type Row = Awaited<ReturnType<ReturnType<typeof useSession>['store']['quarantined']>>[number];

/** What a clerk is told when rows of the PC's own log could not be read at opening. */
export const SET_ASIDE_ADVICE = '损坏的记录已移到隔离区（未删除，也不写入备份），其余数据照常使用。其中的修改，以及同一次打开软件期间在它之后的修改，可能暂时看不到：已同步到街道的，下次同步时自动补回；否则请在“数据安全 → 备份文件”中打开损坏之前的一份备份，点“合并到本机数据”，缺的部分和暂时看不到的修改都会回来。';

/**
 * Rows of this PC's update log that could not be read when the community was opened (a power cut mid-write, a disk
 * fault) and were set aside: when, how large, why, and what to do. Shown only when there are any.
 */
export function QuarantineCard() {
  const { store } = useSession();
  const [rows, setRows] = useState<Row[]>([]);
  useEffect(() => void store.quarantined().then(setRows), [store]);
  if (rows.length === 0) return null;
  return (
    <Card title="隔离的损坏数据" size="small" data-testid="quarantine-card">
      <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`打开本社区数据时，有 ${rows.length} 条修改记录无法读取（可能因断电或磁盘故障写坏）`} description={SET_ASIDE_ADVICE} />
      <Table size="small" rowKey={(r) => `${r.seq}-${r.movedAt}`} dataSource={rows} pagination={{ pageSize: 5, showSizeChanger: false }}
        columns={[
          { title: '记录保存时间', width: 170, render: (_, r) => dayjs(r.at).format('YYYY-MM-DD HH:mm:ss') },
          { title: '大小', width: 90, render: (_, r) => sizeText(r.bytes) },
          { title: '无法读取的原因', render: (_, r) => <Typography.Text type="secondary">{r.problem}</Typography.Text> },
          { title: '隔离时间', width: 170, render: (_, r) => dayjs(r.movedAt).format('YYYY-MM-DD HH:mm:ss') },
        ]} />
    </Card>
  );
}
