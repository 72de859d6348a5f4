import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartData } from '../../../src-shared/workbench/charts';

// Only the parts used: bars, lines and pies drawn as SVG (sharp on paper, text kept as text in a PDF).
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };

const FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const COLORS = ['#c8102e', '#fa8c16', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#8c8c8c', '#eb2f96'];

/**
 * The ECharts option of a chart: its figures as labels on the bars or slices (a printed chart is read without a
 * mouse). A series of percentages (完成率) is drawn as a line on its own axis.
 */
export function chartOption(data: ChartData, options: { animation?: boolean } = {}): echarts.EChartsCoreOption {
  const base = { animation: options.animation ?? false, color: COLORS, textStyle: { fontFamily: FONT }, tooltip: { trigger: data.kind === 'pie' ? 'item' : 'axis' } };
  if (data.kind === 'pie') {
    const series = data.series[0]!;
    return {
      ...base,
      legend: { bottom: 0, type: 'scroll' },
      series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], percentPrecision: 1, label: { formatter: '{b}\n{c}人（{d}%）' }, data: data.categories.map((name, i) => ({ name, value: series.values[i] })) }],
    };
  }
  const percent = data.series.findIndex((s) => s.name.includes('%'));
  const rotate = data.categories.some((c) => c.length > 5) || data.categories.length > 8 ? 30 : 0;
  return {
    ...base,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: percent >= 0 ? 48 : 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0, rotate, width: 90, overflow: 'truncate' } },
    yAxis: [{ type: 'value', minInterval: 1 }, ...(percent >= 0 ? [{ type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }] : [])],
    series: data.series.map((s, i) => ({
      name: s.name, type: i === percent ? 'line' : data.kind, data: s.values, yAxisIndex: i === percent ? 1 : 0, connectNulls: false,
      // Figures on the bars (a printed chart is read without a mouse); a 0 is left to the axis and the table.
      label: { show: data.categories.length <= 14, position: 'top', fontSize: 11, formatter: (p: { value: unknown }) => (p.value ? `${String(p.value)}${i === percent ? '%' : ''}` : '') },
      barMaxWidth: 36,
    })),
  };
}

/** The chart as an SVG text at a size on paper (ECharts' server-side rendering: no element is made). */
export function chartSvg(data: ChartData, width = 640, height = 300): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption(data));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
