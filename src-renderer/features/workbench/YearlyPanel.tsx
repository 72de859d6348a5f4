import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { yearlySummaryPrint } from '../../../src-shared/print/workbenchPrints';
import { YEARLY_COLUMNS, yearlyAsOf, yearlySummary, type YearlyRow } from '../../../src-shared/workbench/memberStructure';
import { longDate } from '../../../src-shared/print/printDocument';
import { saveBytes, today } from '../../app/saveBytes';
import { useSession } from '../../app/storeContext';
import { writeWorkbook } from '../../data/spreadsheet';
import { PrintPreview } from '../print/PrintPreview';
import { PeopleList } from './StatsPanel';
import { useMemberFacts, useOrgRows } from './workbenchModel';

/**
 * 年度统计表 (党内统计-style): one row per organisation, each counting itself and those under it; every figure opens
 * the people behind it; printed on landscape A4 and exported as .xlsx with the same figures.
 */
export function YearlyPanel() {
  const { store } = useSession();
  const facts = useMemberFacts();
  const orgs = useOrgRows();
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [people, setPeople] = useState<{ title: string; ids: string[] } | null>(null);
  const [printing, setPrinting] = useState(false);
  const rows = useMemo(() => yearlySummary(facts, orgs, year, today()), [facts, orgs, year]);
  const communityName = store.info?.name ?? '';
  const exportXlsx = async () => {
    await saveBytes(`${year}年党员队伍统计表.xlsx`, await writeWorkbook([{
      name: `${year}年`, caption: [`${year}年党员队伍统计表`, `${communityName}\u3000统计日期：${longDate(yearlyAsOf(year, today()))}`], headers: ['党组织', ...YEARLY_COLUMNS.map((c) => c.label)],
      rows: rows.map((r) => [`${'　'.repeat(r.depth)}${r.orgName}`, ...YEARLY_COLUMNS.map((c) => r.figures[c.key].length)]), widths: [30, ...YEARLY_COLUMNS.map(() => 12)],
    }]));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="yearly">
      <Space wrap>
        <span>年度</span>
        <Select aria-label="统计表年度" style={{ width: 110 }} value={year} onChange={setYear} options={[0, 1, 2, 3, 4].map((i) => ({ value: thisYear - i, label: `${thisYear - i}年` }))} />
        <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>打印</Button>
        <Button icon={<FileExcelOutlined />} onClick={exportXlsx}>导出Excel</Button>
        <Typography.Text type="secondary" data-testid="yearly-as-of">统计日期：{longDate(yearlyAsOf(year, today()))}。每行含下属党组织；点数字查看名单。组织关系转入、转出名册中未记录，不列。</Typography.Text>
      </Space>
      <Table<YearlyRow>
        size="small" className="compact-table" rowKey="orgNodeId" pagination={false} data-testid="yearly-table" dataSource={rows} scroll={{ y: 430 }}
        locale={{ emptyText: '还没有党组织：请先在“组织架构”中建立' }}
        columns={[
          { title: '党组织', key: 'org', width: 190, render: (_: unknown, r) => <span style={{ paddingLeft: r.depth * 12 }}>{r.orgName}</span> },
          ...YEARLY_COLUMNS.map((c) => ({
            title: c.label, key: c.key, align: 'right' as const,
            render: (_: unknown, r: YearlyRow) => {
              const ids = r.figures[c.key];
              return ids.length === 0 ? 0 : <Button type="link" size="small" style={{ padding: 0 }} aria-label={`${r.orgName} ${c.label} ${ids.length}`} onClick={() => setPeople({ title: `${year}年 ${r.orgName} · ${c.label}`, ids })}>{ids.length}</Button>;
            },
          })),
        ]} />
      {people && <PeopleList title={people.title} ids={people.ids} onClose={() => setPeople(null)} />}
      {printing && <PrintPreview initialOrientation="landscape" onClose={() => setPrinting(false)} build={(paper, orientation) => ({ ...yearlySummaryPrint(communityName, year, rows, today()), paper, orientation })} />}
    </Space>
  );
}
