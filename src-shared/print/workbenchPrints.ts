import { chartTable, type ChartData } from '../workbench/charts';
import { YEARLY_COLUMNS, yearlyAsOf, type YearlyRow } from '../workbench/memberStructure';
import { longDate, type PrintDocument } from './printDocument';

/** A 统计 chart on A4: its title, the community and the date, the chart, its numbers and what is counted. */
export function chartPrint(communityName: string, chart: ChartData, svg: string, printedOn: string): PrintDocument {
  const table = chartTable(chart);
  return {
    fileName: `${chart.title}.pdf`,
    title: chart.title,
    subtitle: `${communityName}\u3000统计日期：${longDate(printedOn)}`,
    paper: 'A4',
    orientation: 'portrait',
    sections: [
      { figure: svg },
      { table: { columns: table.headers.map((header) => ({ header })), rows: table.rows.map((r) => r.map(String)), fontSizePt: table.rows.length > 20 ? 10 : 11 } },
      ...(chart.note ? [{ paragraphs: [`说明：${chart.note}`] }] : []),
    ],
    footer: [`${communityName}\u3000${longDate(printedOn)}打印`],
  };
}

/** The yearly summary per organisation (党内统计-style), landscape A4. */
export function yearlySummaryPrint(communityName: string, year: number, rows: readonly YearlyRow[], printedOn: string): PrintDocument {
  // A past year is counted as on its 31 December: that is its 统计日期, whenever it is printed.
  const asOf = yearlyAsOf(year, printedOn);
  const nameWidth = 22;
  const figureWidth = (100 - nameWidth) / YEARLY_COLUMNS.length;
  return {
    fileName: `${year}年党员队伍统计表.pdf`,
    title: `${year}年党员队伍统计表`,
    subtitle: `${communityName}\u3000统计日期：${longDate(asOf)}`,
    paper: 'A4',
    orientation: 'landscape',
    sections: [
      {
        table: {
          columns: [{ header: '党组织', width: nameWidth }, ...YEARLY_COLUMNS.map((c) => ({ header: c.label, width: figureWidth }))],
          rows: rows.map((r) => [`${'\u3000'.repeat(r.depth)}${r.orgName}`, ...YEARLY_COLUMNS.map((c) => String(r.figures[c.key].length))]),
          fontSizePt: 10,
        },
      },
      { paragraphs: ['说明：每个党组织的数字含其下属党组织；年龄、预备党员按统计日计算，往年的统计日为当年12月31日；大专及以上含研究生、大学本科、大学专科；组织关系转入、转出名册中未记录，本表不列。'] },
    ],
    footer: [`${communityName}\u3000${longDate(printedOn)}打印`],
  };
}
