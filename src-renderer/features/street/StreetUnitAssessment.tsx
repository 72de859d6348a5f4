import { Alert, Button, Card, List, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { COLLECTIONS, type CollectionName } from '../../../src-shared/records';
import { UNIT_ITEMS, type CoBuildingSettings } from '../../../src-shared/records/coBuilding/coBuildingSettings';
import type { RecordRef, UnitFigure } from '../../../src-shared/records/coBuilding/unitAssessment';
import { periodLabel } from '../../../src-shared/records/period';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { errorText } from '../../app/errorText';
import { saveBytes } from '../../app/saveBytes';
import { writeWorkbook } from '../../data/spreadsheet';
import { assessmentPeriods } from '../coBuilding/UnitAssessmentPanel';
import { StreetStanding } from './StreetStanding';
import { streetFetch, streetFetchAll, useStreetQuery, type CommunityStanding } from './useStreetQuery';

type Row = { code: string; community: string; unitId: string; unitName: string; score: number; registered: number; figures: Record<string, UnitFigure & { recordCount: number }> };
interface UnitsAnswer {
  total: number;
  page: number;
  pageSize: number;
  rows: Row[];
  communities: (CommunityStanding & { unitItems: CoBuildingSettings['unitItems'] | null })[];
}

const PAGE_SIZE = 15;

/**
 * 驻区单位考核 across the street: every community's units with the same figures and score as the community's own
 * table, a page at a time from the server; a figure opens the records behind it; everything in one workbook.
 */
export function StreetUnitAssessment({ settings }: { settings: ConnectionSettings }) {
  const [period, setPeriod] = useState(assessmentPeriods()[0]!.value);
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState('');
  const [behind, setBehind] = useState<{ title: string; records: RecordRef[] | null; error: string } | null>(null);
  const { data, error, loading, seconds, reload } = useStreetQuery<UnitsAnswer>(settings, 'unit-assessment', { period, page: String(page), pageSize: String(PAGE_SIZE) });
  const open = async (r: Row, item: string, label: string) => {
    setBehind({ title: `${r.community} · ${r.unitName} · ${periodLabel(period)} · ${label}`, records: null, error: '' });
    try {
      const answer = await streetFetch<{ records: RecordRef[] }>(settings, 'unit-assessment/records', { community: r.code, period, unit: r.unitId, item });
      setBehind((b) => b && { ...b, records: answer.records });
    } catch (e) {
      setBehind((b) => b && { ...b, records: [], error: errorText(e) });
    }
  };
  const exportXlsx = async () => {
    try {
      const rows = await streetFetchAll(settings, 'unit-assessment', { period }, 500, (part: UnitsAnswer) => part.rows);
      await saveBytes(`全街道驻区单位考核-${periodLabel(period)}.xlsx`, await writeWorkbook([{
        name: periodLabel(period),
        headers: ['社区', '驻区单位', ...UNIT_ITEMS.map((i) => i.label), '报到在职党员', '得分'],
        rows: rows.map((r) => [r.community, r.unitName, ...UNIT_ITEMS.map((i) => r.figures[i.key]?.text ?? ''), r.registered, r.score]),
      }]));
      setExportError('');
    } catch (e) {
      setExportError(errorText(e));
    }
  };
  const figure = (r: Row, key: string, label: string) => {
    const f = r.figures[key];
    if (!f) return '';
    return f.recordCount > 0 ? <a data-testid={`street-figure-${key}`} onClick={() => void open(r, key, label)}>{f.text}</a> : f.text;
  };
  return (
    <Card
      title="驻区单位考核（全街道）"
      extra={
        <Space>
          <Select aria-label="街道驻区单位考核期" style={{ width: 140 }} value={period} onChange={(v) => (setPeriod(v), setPage(1))} options={assessmentPeriods()} />
          <Button aria-label="刷新街道驻区单位考核" onClick={reload}>刷新</Button>
          <Button disabled={!data || data.total === 0} onClick={() => void exportXlsx()}>导出Excel</Button>
        </Space>
      }
    >
      {(error || exportError) && <Alert type="warning" showIcon message={error || exportError} style={{ marginBottom: 8 }} />}
      <StreetStanding communities={data?.communities} loading={loading} seconds={seconds} />
      <Table<Row>
        size="small"
        rowKey={(r) => `${r.code}:${r.unitId}`}
        data-testid="street-unit-assessment"
        loading={loading && !data}
        dataSource={data?.rows ?? []}
        tableLayout="fixed"
        className="compact-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 家驻区单位` }}
        locale={{ emptyText: '各社区还没有驻区单位' }}
        columns={[
          { title: '社区', dataIndex: 'community', width: 80 },
          { title: '驻区单位', dataIndex: 'unitName', width: 110 },
          ...UNIT_ITEMS.map((i) => ({ title: i.label, key: i.key, render: (_: unknown, r: Row) => figure(r, i.key, i.label) })),
          { title: '报到在职党员', width: 56, render: (_: unknown, r: Row) => (r.registered ? <a onClick={() => void open(r, 'registered', '报到在职党员')}>{r.registered} 人</a> : '0 人') },
          { title: '得分', dataIndex: 'score', width: 48 },
        ]}
      />
      {behind && (
        <Modal open title={behind.title} footer={null} onCancel={() => setBehind(null)}>
          {behind.error && <Alert type="warning" showIcon message={behind.error} />}
          <List size="small" loading={behind.records === null} data-testid="street-unit-behind" dataSource={behind.records ?? []} renderItem={(r) => <List.Item>{COLLECTIONS[r.collection as CollectionName]?.label ?? ''}：{r.title}</List.Item>} />
        </Modal>
      )}
    </Card>
  );
}
