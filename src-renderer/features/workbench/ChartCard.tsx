import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { chartTable, isEmptyChart, type ChartData } from '../../../src-shared/workbench/charts';
import { chartPrint } from '../../../src-shared/print/workbenchPrints';
import { longDate } from '../../../src-shared/print/printDocument';
import { saveBytes, today } from '../../app/saveBytes';
import { writeWorkbook } from '../../data/spreadsheet';
import { PrintPreview } from '../print/PrintPreview';
import { chartOption, chartSvg, echarts } from './chartDrawing';

/**
 * One chart with its numbers beside it (a table a clerk can select and copy), exported as .xlsx and printed on A4.
 * With nothing to count it says so instead of drawing an empty axis. A figure of people opens the list behind it.
 */
export function ChartCard({ chart, communityName, emptyText, onFigure }: { chart: ChartData; communityName: string; emptyText: string; onFigure?: (label: string, ids: string[]) => void }) {
  const [printing, setPrinting] = useState(false);
  const empty = isEmptyChart(chart);
  const table = chartTable(chart);
  const exportXlsx = async () => {
    // A sheet's name may not be longer than 31 characters (Excel's rule).
    // The share as a number Excel can sum (33.3% is 0.333 shown as a percentage); the title, community and date above.
    const share = table.headers.indexOf('占比');
    const total = chart.series[0]!.values.reduce<number>((a, b) => a + (b ?? 0), 0);
    const rows = table.rows.map((r, row) => r.map((v, i) => (i === share && total > 0 ? (row < chart.categories.length ? (chart.series[0]!.values[row] ?? 0) / total : 1) : v)));
    await saveBytes(`${chart.title}（${today()}）.xlsx`, await writeWorkbook([{
      name: chart.title.slice(0, 31), caption: [chart.title, `${communityName}\u3000统计日期：${longDate(today())}`], headers: table.headers, rows,
      widths: [18, ...table.headers.slice(1).map(() => 16)], percentColumns: share >= 0 ? [share] : [],
    }]));
  };
  return (
    // Plain markup in antd's card look: six of these are drawn at once on the 党员结构 page.
    <section className="chart-card" data-testid={`chart-${chart.key}`} aria-label={chart.title}>
      <header className="chart-card-head">
        <h3>{chart.title}</h3>
        {!empty && (
          <span className="chart-card-actions">
            <Button size="small" icon={<FileExcelOutlined />} onClick={exportXlsx}>导出Excel</Button>
            <Button size="small" icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>打印</Button>
          </span>
        )}
      </header>
      <div className="chart-card-body">
        {empty ? (
          <p className="chart-empty">{emptyText}</p>
        ) : (
          <div className="chart-block">
            <ChartDrawing chart={chart} />
            <div>
            {/* A plain table (six of them on the 党员结构 page): light to draw, easy to select and copy. */}
            <div className="chart-numbers-box" style={table.rows.length > 9 ? { maxHeight: 300, overflowY: 'auto' } : undefined}>
              <table className="chart-numbers" data-testid={`chart-${chart.key}-table`}>
                <thead><tr>{table.headers.map((h, i) => <th key={h} style={{ textAlign: i === 0 ? 'left' : 'right' }}>{h}</th>)}</tr></thead>
                <tbody>
                  {table.rows.map((row) => (
                    <tr key={String(row[0])}>
                      {row.map((value, i) => {
                        const ids = i === 1 && chart.ids ? chart.ids[chart.categories.indexOf(String(row[0]))] : undefined;
                        return (
                          <td key={i} style={{ textAlign: i === 0 ? 'left' : 'right' }}>
                            {ids && onFigure && ids.length > 0
                              // A figure of people is a link to the list of them.
                              ? <button type="button" className="figure-link" aria-label={`${row[0]} ${value} 人，查看名单`} onClick={() => onFigure(`${chart.title}：${row[0]}`, ids)}>{value}</button>
                              : value}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
              {chart.note && <p className="chart-note">{chart.note}</p>}
            </div>
          </div>
        )}
      </div>
      {printing && <PrintPreview onClose={() => setPrinting(false)} build={(paper, orientation) => ({ ...chartPrint(communityName, chart, chartSvg(chart, 640, 320), today()), paper, orientation })} />}
    </section>
  );
}

/** The chart on screen: ECharts with its SVG renderer, redrawn with the figures and resized with the card. */
function ChartDrawing({ chart }: { chart: ChartData }) {
  const host = useRef<HTMLDivElement>(null);
  const instance = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    const element = host.current!;
    const drawn = echarts.init(element, null, { renderer: 'svg' });
    instance.current = drawn;
    const observer = new ResizeObserver(() => drawn.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      drawn.dispose();
      instance.current = null;
    };
  }, []);
  useEffect(() => {
    instance.current?.setOption(chartOption(chart), true);
  }, [chart]);
  return <div ref={host} role="img" aria-label={chart.title} data-testid={`chart-${chart.key}-drawing`} style={{ width: '100%', height: 260 }} />;
}
