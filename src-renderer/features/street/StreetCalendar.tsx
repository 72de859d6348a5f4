import { Alert, Button, Card, DatePicker, Pagination, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { shortMeetingType } from '../../../src-shared/records/meeting/meetingCalendar';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText } from '../../app/errorText';
import { saveBytes } from '../../app/saveBytes';
import { writeWorkbook } from '../../data/spreadsheet';
import { StreetStanding } from './StreetStanding';
import { streetFetchAll, useStreetQuery, type CommunityStanding } from './useStreetQuery';

interface CalendarPage {
  total: number;
  page: number;
  pageSize: number;
  communities: (CommunityStanding & { rows: { orgNodeId: string; orgName: string; months: { held: { id: string; type: string; date: string }[]; missing: string[] }[] }[] })[];
}

const PAGE_SIZE = 5;

/**
 * 三会一课 across the street: for every community and organisation, the finalized meetings of each month and the
 * missing ones; a few communities a page (answered from the server's stored facts), twelve months on screen at 1366 px.
 */
export function StreetCalendar({ settings, onOpen }: { settings: ConnectionSettings; onOpen(code: string, meetingId: string): Promise<void> }) {
  const [year, setYear] = useState(dayjs().year());
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState('');
  const params = { year: String(year), today: dayjs().format('YYYY-MM-DD'), page: String(page), pageSize: String(PAGE_SIZE) };
  const { data, error, loading, seconds, reload } = useStreetQuery<CalendarPage>(settings, 'meeting-calendar', params);
  const flatten = (c: CalendarPage['communities']) => c.flatMap((x) => x.rows.map((r) => ({ ...r, code: x.code, community: x.community, key: `${x.code}:${r.orgNodeId}` })));
  const rows = flatten(data?.communities ?? []);
  // Every community, page by page, into one workbook.
  const exportCalendar = async () => {
    try {
      const all = await streetFetchAll(settings, 'meeting-calendar', params, 20, (part: CalendarPage) => flatten(part.communities));
      const headers = ['社区', '党组织', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)];
      const table = all.map((r) => [r.community, r.orgName, ...r.months.map((c) => [...c.held.map((h) => h.type), ...c.missing.map((t) => `缺${t}`)].join('、'))]);
      await saveBytes(`${year}年全街道三会一课日历.xlsx`, await writeWorkbook([{ name: `${year}年`, headers, rows: table, widths: [16, 22, ...Array(12).fill(16)] }]));
      setExportError('');
    } catch (e) {
      setExportError(errorText(e));
    }
  };
  return (
    <Card title="三会一课日历（全街道）" extra={<Space>年度<DatePicker picker="year" aria-label="日历年度" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && (setYear(d.year()), setPage(1))} /><Button aria-label="刷新街道日历" onClick={reload}>刷新</Button><Button disabled={!data || data.total === 0} onClick={() => void exportCalendar()}>导出Excel</Button></Space>}>
      {(error || exportError) && <Alert type="warning" showIcon message={error || exportError} style={{ marginBottom: 8 }} />}
      <StreetStanding communities={data?.communities} loading={loading} seconds={seconds} />
      <Table
        size="small"
        rowKey="key"
        data-testid="street-calendar"
        loading={loading && !data}
        dataSource={rows}
        pagination={false}
        tableLayout="fixed"
        className="compact-table"
        locale={{ emptyText: '还没有会议记录' }}
        columns={[
          { title: '社区', width: 96, render: (_, r) => r.community },
          { title: '党组织', width: 120, render: (_, r) => r.orgName },
          ...Array.from({ length: 12 }, (_, i) => ({
            title: `${i + 1}月`,
            render: (_: unknown, r: (typeof rows)[number]) => (
              <Space direction="vertical" size={2}>
                {r.months[i]!.held.map((h) => <Tag key={h.id} color="green" title={h.type} className="calendar-tag" style={{ cursor: 'pointer' }} onClick={() => onOpen(r.code, h.id)}>{shortMeetingType(h.type)}</Tag>)}
                {r.months[i]!.missing.map((t) => <Tag key={t} color="red" title={`缺${t}`} className="calendar-tag">缺{shortMeetingType(t)}</Tag>)}
              </Space>
            ),
          })),
        ]}
      />
      {data && data.total > PAGE_SIZE && <Pagination style={{ marginTop: 8, textAlign: 'right' }} size="small" current={page} pageSize={PAGE_SIZE} total={data.total} showTotal={(n) => `共 ${n} 个社区`} onChange={setPage} />}
    </Card>
  );
}
