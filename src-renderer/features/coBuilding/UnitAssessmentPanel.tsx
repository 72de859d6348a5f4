import { Button, List, Modal, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { COLLECTIONS, type CollectionName } from '../../../src-shared/records';
import { UNIT_ITEMS } from '../../../src-shared/records/coBuilding/coBuildingSettings';
import { unitAssessment, unitAssessmentTable, type RecordRef, type UnitAssessmentRow } from '../../../src-shared/records/coBuilding/unitAssessment';
import { periodLabel } from '../../../src-shared/records/period';
import { unitAssessmentPrint } from '../../../src-shared/print/coBuildingPrints';
import { saveBytes, today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { writeWorkbook } from '../../data/spreadsheet';
import { PrintPreview } from '../print/PrintPreview';
import { useCoBuildingSettings, useUnitAssessmentInputs } from './coBuildingModel';
import { compareChinese } from '../../../src-shared/text/chineseOrder';

/** The periods a clerk reports: this year and last, each as a year and as halves. */
export function assessmentPeriods(): { value: string; label: string }[] {
  const year = Number(today().slice(0, 4));
  return [year, year - 1, year - 2].flatMap((y) => [`${y}`, `${y}-H2`, `${y}-H1`]).map((p) => ({ value: p, label: periodLabel(p) }));
}

/**
 * 驻区单位考核: every unit's figures for a half-year or a year, computed from the records as they are now (an edit or a
 * merge changes them at once); each figure opens to the records behind it; printed and exported to .xlsx.
 */
export function UnitAssessmentPanel() {
  const { store } = useSession();
  const inputs = useUnitAssessmentInputs();
  const settings = useCoBuildingSettings();
  const [period, setPeriod] = useState(today().slice(0, 4));
  const [behind, setBehind] = useState<{ title: string; records: RecordRef[] } | null>(null);
  const [printing, setPrinting] = useState(false);
  const rows = useMemo(() => unitAssessment(inputs, period, settings, today()).sort((a, b) => b.score - a.score || compareChinese(a.unitName, b.unitName)), [inputs, period, settings]);
  const items = UNIT_ITEMS.filter(({ key }) => settings.unitItems[key].enabled);
  const communityName = store.info?.name ?? '';
  const exportXlsx = async () => {
    const table = unitAssessmentTable(rows, settings);
    await saveBytes(`驻区单位考核-${periodLabel(period)}.xlsx`, await writeWorkbook([{ name: periodLabel(period), headers: table.headers, rows: table.rows }]));
  };
  const open = (row: UnitAssessmentRow, title: string, records: RecordRef[]) => setBehind({ title: `${row.unitName} · ${periodLabel(period)} · ${title}`, records });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label="考核期" style={{ width: 140 }} value={period} onChange={setPeriod} options={assessmentPeriods()} />
        <Button onClick={() => setPrinting(true)} disabled={rows.length === 0}>打印考核表</Button>
        <Button onClick={() => void exportXlsx()} disabled={rows.length === 0}>导出Excel</Button>
        <Typography.Text type="secondary">共 {rows.length} 家驻区单位；点击数字查看对应记录；考核项目与权重在“共建设置”中调整</Typography.Text>
      </Space>
      <Table<UnitAssessmentRow>
        size="small"
        rowKey="unitId"
        data-testid="unit-assessment"
        dataSource={rows}
        // Every item on screen at 1366 × 768: fixed layout, headers and figures wrap, no sideways scrolling.
        tableLayout="fixed"
        className="compact-table"
        pagination={{ pageSize: 15, showSizeChanger: false }}
        locale={{ emptyText: '还没有驻区单位，请先在“驻区单位与服务队”中登记' }}
        columns={[
          { title: '驻区单位', dataIndex: 'unitName', width: 120 },
          ...items.map(({ key, label }) => ({
            title: <span title={`权重 ${settings.unitItems[key].weight}`}>{label}<br />（{settings.unitItems[key].weight}）</span>,
            key,
            render: (_: unknown, r: UnitAssessmentRow) => {
              const f = r.figures[key];
              return f.records.length ? <a data-testid={`figure-${key}`} onClick={() => open(r, label, f.records)}>{f.text}</a> : <span data-testid={`figure-${key}`}>{f.text}</span>;
            },
          })),
          { title: '报到在职党员', key: 'registered', width: 72, render: (_, r) => (r.inServiceRegistered.length ? <a onClick={() => open(r, '报到在职党员', r.inServiceRegistered)}>{r.inServiceRegistered.length} 人</a> : '0 人') },
          { title: '得分', key: 'score', width: 56, render: (_, r) => <b data-testid="unit-score">{r.score}</b> },
        ]}
      />
      {behind && (
        <Modal open title={behind.title} footer={null} onCancel={() => setBehind(null)}>
          <List size="small" data-testid="unit-assessment-behind" dataSource={behind.records} renderItem={(r) => <List.Item>{COLLECTIONS[r.collection as CollectionName]?.label ?? ''}：{r.title}</List.Item>} />
        </Modal>
      )}
      {printing && <PrintPreview initialOrientation="landscape" onClose={() => setPrinting(false)} build={(paper, orientation) => ({ ...unitAssessmentPrint(communityName, period, rows, settings, today()), paper, orientation })} />}
    </Space>
  );
}
