import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { chartTable, isEmptyChart, type ChartData } from '../../../src-shared/workbench/charts';
import { chartPrint } from '../../../src-shared/print/workbenchPrints';
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
    await saveBytes(`${chart.title}.xlsx`, await writeWorkbook([{ name: chart.title.slice(0, 31), headers: table.headers, rows: table.rows, widths: [18, ...table.headers.slice(1).map(() => 16)] }]));
  };
  return (
    <Card size="small" title={chart.title} data-testid={`chart-${chart.key}`} style={{ marginBottom: 12 }}
      extra={!empty && (
        <Space>
          <Button size="small" icon={<FileExcelOutlined />} onClick={exportXlsx}>导出Excel</Button>
          <Button size="small" icon={<PrinterOutlined />} onClick={() => setPrinting(true)}>打印</Button>
        </Space>
      )}>
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      ) : (
        <div className="chart-block">
          <ChartDrawing chart={chart} />
          <div>
            <Table
              size="small" pagination={false} rowKey={(r) => String(r[0])} data-testid={`chart-${chart.key}-table`} scroll={table.rows.length > 9 ? { y: 260 } : undefined}
              dataSource={table.rows}
              columns={table.headers.map((header, i) => ({
                title: header, key: header, align: i === 0 ? 'left' : 'right', ellipsis: i === 0,
                render: (_: unknown, row: (string | number)[]) => {
                  const ids = i === 1 && chart.ids ? chart.ids[chart.categories.indexOf(String(row[0]))] : undefined;
                  // A figure of people is a link to the list of them.
                  return ids && onFigure && ids.length > 0
                    ? <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} aria-label={`${row[0]} ${row[i]} 人，查看名单`} onClick={() => onFigure(`${chart.title}：${row[0]}`, ids)}>{row[i]}</Button>
                    : row[i];
                },
              }))}
            />
            {chart.note && <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 6, marginBottom: 0 }}>{chart.note}</Typography.Paragraph>}
          </div>
        </div>
      )}
      {printing && <PrintPreview onClose={() => setPrinting(false)} build={(paper, orientation) => ({ ...chartPrint(communityName, chart, chartSvg(chart, 640, 320), today()), paper, orientation })} />}
    </Card>
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
