import { Alert, Button, Card, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { AssessmentRow } from '../../../src-shared/records/volunteer/memberAssessment';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { saveBytes } from '../../app/saveBytes';
import { writeWorkbook } from '../../data/spreadsheet';
import { useStreetQuery } from './useStreetQuery';

interface CommunityAssessment {
  code: string;
  community: string;
  target: number;
  rows: AssessmentRow[];
}

/** 年度考核 across the street: each community's rate of members meeting the target, and every person's row; Excel. */
export function StreetAssessment({ settings }: { settings: ConnectionSettings }) {
  const [year, setYear] = useState(String(dayjs().year()));
  const [role, setRole] = useState('在职党员');
  const { data, error, reload } = useStreetQuery<CommunityAssessment[]>(settings, 'assessment', { year, role });
  const rows = (data ?? []).flatMap((c) => c.rows.map((r) => ({ ...r, code: c.code, community: c.community })));
  const exportXlsx = async () => {
    await saveBytes(`${year}年全街道${role}考核.xlsx`, await writeWorkbook([{
      name: `${year}年${role}`,
      headers: ['社区', '姓名', '服务时长（小时）', '目标（小时）', '是否达标', '服务次数', '认领完成', '认领事项', '六个一完成', '民主评议'],
      rows: rows.map((r) => [r.community, r.name, r.hours, r.target, r.meetsTarget ? '达标' : '未达标', r.activities, r.claimsDone, r.claims, r.sixOnesDone, r.grade || '未评议']),
    }]));
  };
  return (
    <Card
      title="年度考核（全街道）"
      extra={
        <Space>
          <Select aria-label="街道考核年度" style={{ width: 100 }} value={year} onChange={setYear} options={[0, 1, 2].map((i) => String(dayjs().year() - i)).map((y) => ({ value: y, label: `${y}年` }))} />
          <Select aria-label="街道考核对象" style={{ width: 120 }} value={role} onChange={setRole} options={['在职党员', '党员', '志愿者'].map((r) => ({ value: r, label: r }))} />
          <Button aria-label="刷新街道考核" onClick={reload}>刷新</Button>
          <Button disabled={rows.length === 0} onClick={() => void exportXlsx()}>导出Excel</Button>
        </Space>
      }
    >
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Table
        size="small"
        rowKey="code"
        data-testid="street-assessment"
        loading={data === null && !error}
        pagination={false}
        dataSource={data ?? []}
        locale={{ emptyText: `还没有${role}的考核数据` }}
        columns={[
          { title: '社区', dataIndex: 'community' },
          { title: '人数', render: (_, c) => c.rows.length },
          { title: '年度目标', render: (_, c) => `${c.target} 小时` },
          { title: '达标', render: (_, c) => { const met = c.rows.filter((r) => r.meetsTarget).length; return <Tag color={met === c.rows.length ? 'green' : 'orange'}>{met} / {c.rows.length} 人</Tag>; } },
          { title: '人均服务时长', render: (_, c) => `${c.rows.length ? Math.round((c.rows.reduce((s, r) => s + r.hours, 0) / c.rows.length) * 10) / 10 : 0} 小时` },
          { title: '未评议', render: (_, c) => c.rows.filter((r) => !r.grade).length },
        ]}
      />
    </Card>
  );
}
