import { Alert, Button, Card, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { StreetWorkbenchDetail, StreetWorkbenchSummary } from '../../../src-shared/street/streetWorkbench';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { TODO_CARD_KEYS, TODO_CARD_NONE, TODO_CARD_TITLES } from '../../../src-shared/workbench/todoCards';
import { YEARLY_COLUMNS } from '../../../src-shared/workbench/memberStructure';
import { saveBytes } from '../../app/saveBytes';
import { writeWorkbook } from '../../data/spreadsheet';
import { StreetStanding } from './StreetStanding';
import { useStreetQuery, type CommunityStanding } from './useStreetQuery';

type Row = CommunityStanding & { summary: StreetWorkbenchSummary | null };

/** The street's table shows these 待办 (backup and sync are each PC's own, not the street's). */
const STREET_TODO = TODO_CARD_KEYS.filter((k) => k !== 'safety');
const FIGURES = ['members', 'probationary', 'women', 'minority', 'upTo35', 'from61', 'college'] as const;
const label = (key: (typeof FIGURES)[number]) => YEARLY_COLUMNS.find((c) => c.key === key)!.label;
/** Short headers under a group title, so a row of 17 figures fits 1366 px without breaking words. */
const SHORT_TODO: Record<string, string> = { meetings: '三会一课', tasks: '督办', whistles: '吹哨', agreements: '协议到期', bookings: '预约', merge: '合并待处理', probation: '转正', inService: '在职报到' };
const SHORT_FIGURE: Record<(typeof FIGURES)[number], string> = { members: '总数', probationary: '预备', women: '女', minority: '少数民族', upTo35: '35岁及以下', from61: '61岁及以上', college: '大专及以上' };
const rate = (m: { due: number; held: number }) => (m.due ? `${Math.round((m.held / m.due) * 1000) / 10}%` : '—');

/**
 * 街道工作台: every community's 今日待办 counts and this year's figures, one row each, from the server's street facts
 * (no document is read to answer); a row opens that community's 待办 and 党员结构, and the community itself.
 */
export function StreetWorkbench({ settings, onOpen }: { settings: ConnectionSettings; onOpen(code: string): Promise<void> }) {
  const query = useStreetQuery<{ communities: Row[] }>(settings, 'workbench', {});
  const [drill, setDrill] = useState<Row | null>(null);
  const rows = query.data?.communities ?? [];
  const sum = (pick: (s: StreetWorkbenchSummary) => number) => rows.reduce((t, r) => t + (r.summary ? pick(r.summary) : 0), 0);
  const total = rows.length > 1 ? {
    code: '合计', community: '全街道合计', asOf: 0, updating: false, problem: '',
    summary: {
      todo: Object.fromEntries(TODO_CARD_KEYS.map((k) => [k, sum((s) => s.todo[k])])) as StreetWorkbenchSummary['todo'],
      members: Object.fromEntries(YEARLY_COLUMNS.map((c) => [c.key, sum((s) => s.members[c.key])])) as StreetWorkbenchSummary['members'],
      meetings: { due: sum((s) => s.meetings.due), held: sum((s) => s.meetings.held) },
      volunteerHours: Math.round(sum((s) => s.volunteerHours) * 10) / 10,
    },
  } satisfies Row : null;
  const exportXlsx = async () => {
    const headers = ['社区', ...STREET_TODO.map((k) => TODO_CARD_TITLES[k]), ...FIGURES.map(label), '三会一课应开', '三会一课已开', '志愿服务时长（小时）'];
    const data = [...rows, ...(total ? [total] : [])].map((r) => [r.community, ...(r.summary ? [...STREET_TODO.map((k) => r.summary!.todo[k]), ...FIGURES.map((f) => r.summary!.members[f]), r.summary.meetings.due, r.summary.meetings.held, r.summary.volunteerHours] : [])]);
    await saveBytes('街道工作台.xlsx', await writeWorkbook([{ name: '各社区', headers, rows: data, widths: [20, ...headers.slice(1).map(() => 10)] }]));
  };
  return (
    <Card title="街道工作台：各社区今日待办与党员情况" data-testid="street-workbench"
      extra={<Space><Button onClick={exportXlsx} disabled={rows.length === 0}>导出Excel</Button><Button onClick={query.reload}>刷新</Button></Space>}>
      <StreetStanding communities={query.data?.communities} loading={query.loading} seconds={query.seconds} />
      <Table<Row>
        size="small" className="compact-table" rowKey="code" pagination={false} dataSource={[...rows, ...(total ? [total] : [])]} data-testid="street-workbench-table"
        locale={{ emptyText: query.loading ? '正在向街道服务器查询…' : '服务器上还没有本街道的社区数据' }}
        columns={[
          { title: '社区', key: 'community', width: 130, render: (_: unknown, r) => (r.code === '合计' ? <b>{r.community}</b> : <Button type="link" size="small" style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setDrill(r)}>{r.community}</Button>) },
          { title: '今日待办', key: 'todo', children: STREET_TODO.map((k) => ({ title: SHORT_TODO[k], key: k, align: 'right' as const, render: (_: unknown, r: Row) => (r.summary ? <span title={TODO_CARD_TITLES[k]} style={{ color: r.summary.todo[k] > 0 ? '#c8102e' : undefined }}>{r.summary.todo[k]}</span> : r.problem ? '—' : '…') })) },
          { title: '党员（本年）', key: 'members', children: FIGURES.map((f) => ({ title: SHORT_FIGURE[f], key: f, align: 'right' as const, render: (_: unknown, r: Row) => (r.summary ? r.summary.members[f] : '') })) },
          { title: '三会一课完成率', key: 'meetings', align: 'right' as const, render: (_: unknown, r: Row) => (r.summary ? rate(r.summary.meetings) : '') },
          { title: '志愿服务（小时）', key: 'hours', align: 'right' as const, render: (_: unknown, r: Row) => (r.summary ? r.summary.volunteerHours : '') },
        ]} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>
        待办按各社区的规则计算（与社区电脑上的“今日待办”相同，备份与同步除外）；党员情况为本年度，含预备党员；三会一课完成率统计本年已结束的月份。点社区名称查看明细。
      </Typography.Paragraph>
      {drill && <CommunityDrill settings={settings} row={drill} onClose={() => setDrill(null)} onOpen={onOpen} />}
    </Card>
  );
}

function CommunityDrill({ settings, row, onClose, onOpen }: { settings: ConnectionSettings; row: Row; onClose(): void; onOpen(code: string): Promise<void> }) {
  const query = useStreetQuery<{ communities: CommunityStanding[]; detail: StreetWorkbenchDetail | null }>(settings, 'workbench/community', { community: row.code });
  const detail = query.data?.detail;
  return (
    <Modal open width={1000} title={`${row.community}（${row.code}）的工作台`} onCancel={onClose}
      footer={[<Button key="close" onClick={onClose}>关闭</Button>, <Button key="open" type="primary" onClick={() => void onOpen(row.code)}>打开这个社区</Button>]}
      styles={{ body: { maxHeight: '65vh', overflowY: 'auto' } }}>
      {query.error && <Alert type="warning" showIcon message={query.error} />}
      {row.problem && <Alert type="warning" showIcon message={row.problem} />}
      {detail && (
        <div data-testid="street-workbench-detail">
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 8 }}>
            {detail.todo.filter((c) => c.key !== 'safety').map((c) => (
              <Card key={c.key} size="small" title={<>{c.title} <Tag color={c.count ? 'red' : undefined}>{c.count}</Tag></>}>
                {c.count === 0 ? <Typography.Text type="secondary">{TODO_CARD_NONE[c.key]}</Typography.Text> : (
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {c.rows.map((r, i) => <li key={i}>{r.text}<Typography.Text type={r.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12, marginLeft: 8 }}>{r.note}</Typography.Text></li>)}
                    {c.count > c.rows.length && <li>……另有 {c.count - c.rows.length} 项，请打开社区查看</li>}
                  </ul>
                )}
              </Card>
            ))}
          </div>
          <Typography.Title level={5} style={{ marginTop: 12 }}>党员结构（今天）</Typography.Title>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8 }}>
            {detail.structure.map((d) => (
              <Table key={d.key} size="small" pagination={false} rowKey="label" title={() => d.title} dataSource={d.bands}
                columns={[{ title: '类别', dataIndex: 'label', key: 'label' }, { title: '人数', dataIndex: 'count', key: 'count', align: 'right' }]} />
            ))}
          </div>
        </div>
      )}
    </Modal>
  );
}
