import { Alert, Button, Card, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { AssessmentRow } from '../../../src-shared/records/volunteer/memberAssessment';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText } from '../../app/errorText';
import { saveBytes } from '../../app/saveBytes';
import { writeWorkbook } from '../../data/spreadsheet';
import { StreetStanding } from './StreetStanding';
import { streetFetchAll, useStreetQuery, type CommunityStanding } from './useStreetQuery';

type Row = AssessmentRow & { code: string; community: string };
interface AssessmentAnswer {
  communities: (CommunityStanding & { target: number; people: number; meets: number; hours: number })[];
  total: number;
  page: number;
  pageSize: number;
  rows: Row[];
}

const HEADERS = ['社区', '姓名', '服务时长（小时）', '目标（小时）', '是否达标', '服务次数', '认领完成', '认领事项', '六个一完成', '民主评议'];
const cells = (r: Row) => [r.community, r.name, r.hours, r.target, r.meetsTarget ? '达标' : '未达标', r.activities, r.claimsDone, r.claims, r.sixOnesDone, r.grade || '未评议'];

/**
 * 年度考核 across the street: each community's people, how many meet the target and their average hours (one line
 * each); a community's list of people opens on its own, a page at a time; everyone in one workbook.
 */
export function StreetAssessment({ settings }: { settings: ConnectionSettings }) {
  const [year, setYear] = useState(String(dayjs().year()));
  const [role, setRole] = useState('在职党员');
  const [people, setPeople] = useState<{ code: string; community: string } | null>(null);
  const [exportError, setExportError] = useState('');
  const { data, error, loading, seconds, reload } = useStreetQuery<AssessmentAnswer>(settings, 'assessment', { year, role, pageSize: '1' });
  const exportXlsx = async () => {
    try {
      const rows = await streetFetchAll(settings, 'assessment', { year, role }, 500, (part: AssessmentAnswer) => part.rows);
      await saveBytes(`${year}年全街道${role}考核.xlsx`, await writeWorkbook([{ name: `${year}年${role}`, headers: HEADERS, rows: rows.map(cells) }]));
      setExportError('');
    } catch (e) {
      setExportError(errorText(e));
    }
  };
  return (
    <Card
      title="年度考核（全街道）"
      extra={
        <Space>
          <Select aria-label="街道考核年度" style={{ width: 100 }} value={year} onChange={setYear} options={[0, 1, 2].map((i) => String(dayjs().year() - i)).map((y) => ({ value: y, label: `${y}年` }))} />
          <Select aria-label="街道考核对象" style={{ width: 120 }} value={role} onChange={setRole} options={['在职党员', '党员', '志愿者'].map((r) => ({ value: r, label: r }))} />
          <Button aria-label="刷新街道考核" onClick={reload}>刷新</Button>
          <Button disabled={!data || data.total === 0} onClick={() => void exportXlsx()}>导出Excel</Button>
        </Space>
      }
    >
      {(error || exportError) && <Alert type="warning" showIcon message={error || exportError} style={{ marginBottom: 8 }} />}
      <StreetStanding communities={data?.communities} loading={loading} seconds={seconds} />
      <Table
        size="small"
        rowKey="code"
        data-testid="street-assessment"
        loading={loading && !data}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        dataSource={(data?.communities ?? []).filter((c) => !c.problem)}
        locale={{ emptyText: `还没有${role}的考核数据` }}
        columns={[
          { title: '社区', dataIndex: 'community' },
          { title: '人数', render: (_, c) => c.people },
          { title: '年度目标', render: (_, c) => `${c.target} 小时` },
          { title: '达标', render: (_, c) => <Tag color={c.people === 0 ? 'default' : c.meets === c.people ? 'green' : 'orange'}>{c.meets} / {c.people} 人</Tag> },
          { title: '人均服务时长', render: (_, c) => `${c.people ? Math.round((c.hours / c.people) * 10) / 10 : 0} 小时` },
          { title: '', width: 100, render: (_, c) => <Button size="small" disabled={c.people === 0} onClick={() => setPeople({ code: c.code, community: c.community })}>查看名单</Button> },
        ]}
      />
      {people && <PeopleOf settings={settings} year={year} role={role} community={people} onClose={() => setPeople(null)} />}
    </Card>
  );
}

/** One community's people of the 考核, a page at a time from the server. */
function PeopleOf({ settings, year, role, community, onClose }: { settings: ConnectionSettings; year: string; role: string; community: { code: string; community: string }; onClose(): void }) {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useStreetQuery<AssessmentAnswer>(settings, 'assessment', { year, role, community: community.code, page: String(page), pageSize: '20' });
  return (
    <Modal open width={900} title={`${community.community} · ${year}年${role}考核`} footer={null} onCancel={onClose}>
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Table<Row>
        size="small"
        rowKey="personId"
        data-testid="street-assessment-people"
        loading={loading}
        dataSource={data?.rows ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '服务时长', render: (_, r) => `${r.hours} 小时（${r.activities} 次）` },
          { title: '达标', render: (_, r) => (r.meetsTarget ? <Tag color="green">达标</Tag> : <Tag color="red">差 {Math.round((r.target - r.hours) * 10) / 10} 小时</Tag>) },
          { title: '认领', render: (_, r) => `${r.claimsDone}/${r.claims}` },
          { title: '六个一', dataIndex: 'sixOnesDone' },
          { title: '民主评议', render: (_, r) => r.grade || '未评议' },
        ]}
      />
    </Modal>
  );
}
