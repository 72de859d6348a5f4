import { Alert, Button, Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { UNIT_ITEMS, type CoBuildingSettings } from '../../../src-shared/records/coBuilding/coBuildingSettings';
import type { UnitAssessmentRow } from '../../../src-shared/records/coBuilding/unitAssessment';
import { periodLabel } from '../../../src-shared/records/period';
import type { ConnectionSettings } from '../../../src-shared/sync/access';
import { saveBytes } from '../../app/saveBytes';
import { writeWorkbook } from '../../data/spreadsheet';
import { assessmentPeriods } from '../coBuilding/UnitAssessmentPanel';
import { useStreetQuery } from './useStreetQuery';

interface CommunityUnits {
  code: string;
  community: string;
  unitItems: CoBuildingSettings['unitItems'];
  rows: (UnitAssessmentRow & { registered: number })[];
}

/** 驻区单位考核 across the street: every community's units with the same figures and score as the community's table. */
export function StreetUnitAssessment({ settings }: { settings: ConnectionSettings }) {
  const [period, setPeriod] = useState(assessmentPeriods()[0]!.value);
  const { data, error, reload } = useStreetQuery<CommunityUnits[]>(settings, 'unit-assessment', { period });
  const rows = (data ?? []).flatMap((c) => c.rows.map((r) => ({ ...r, key: `${c.code}:${r.unitId}`, community: c.community }))).sort((a, b) => b.score - a.score);
  const exportXlsx = async () => {
    await saveBytes(`全街道驻区单位考核-${periodLabel(period)}.xlsx`, await writeWorkbook([{
      name: periodLabel(period),
      headers: ['社区', '驻区单位', ...UNIT_ITEMS.map((i) => i.label), '报到在职党员', '得分'],
      rows: rows.map((r) => [r.community, r.unitName, ...UNIT_ITEMS.map((i) => r.figures[i.key].text), r.registered, r.score]),
    }]));
  };
  return (
    <Card
      title="驻区单位考核（全街道）"
      extra={
        <Space>
          <Select aria-label="街道驻区单位考核期" style={{ width: 140 }} value={period} onChange={setPeriod} options={assessmentPeriods()} />
          <Button aria-label="刷新街道驻区单位考核" onClick={reload}>刷新</Button>
          <Button disabled={rows.length === 0} onClick={() => void exportXlsx()}>导出Excel</Button>
        </Space>
      }
    >
      {error && <Alert type="warning" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Table
        size="small"
        data-testid="street-unit-assessment"
        loading={data === null && !error}
        dataSource={rows}
        scroll={{ x: 1500 }}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: '各社区还没有驻区单位' }}
        columns={[
          { title: '社区', dataIndex: 'community', width: 110, fixed: 'left' },
          { title: '驻区单位', dataIndex: 'unitName', width: 150, fixed: 'left' },
          ...UNIT_ITEMS.map((i) => ({ title: i.label, key: i.key, render: (_: unknown, r: (typeof rows)[number]) => r.figures[i.key].text })),
          { title: '报到在职党员', dataIndex: 'registered' },
          { title: '得分', dataIndex: 'score', fixed: 'right', width: 70 },
        ]}
      />
    </Card>
  );
}
