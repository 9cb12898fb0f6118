/**
 * Charts of a report document drawn on the server as SVG by ECharts (no browser, no canvas), for the PDF
 * (adapters/documents/pdf.ts embeds the SVG as vectors). Only the chart types and components used are loaded.
 */
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { DocumentChart, DocumentColumn, DocumentRow } from '../../domain/oversight/document.ts';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, SVGRenderer]);

/** Green, orange, red first: on time / late and the ratings read at a glance. */
const PALETTE = ['#2e7d32', '#ef6c00', '#c62828', '#1565c0', '#6a1b9a', '#00838f', '#9e9d24', '#5d4037', '#546e7a', '#ad1457'];
/** Category names (long agency names) wrap within this many pixels on the left of the bars. */
const LABEL_WIDTH = 150;

/** The chart as an SVG document of `width` × `height` pixels. */
export function chartSvg(chart: DocumentChart, columns: DocumentColumn[], rows: DocumentRow[], size: { width: number; height: number }): string {
  const shown = rows.slice(0, chart.maxCategories ?? rows.length);
  const names = shown.map((r) => String(r[chart.categoryKey] ?? ''));
  const label = (key: string) => columns.find((c) => c.key === key)?.label ?? key;
  const value = (r: DocumentRow, key: string) => Number(r[key] ?? 0);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    instance.setOption(
      chart.type === 'pie'
        ? {
            animation: false,
            color: PALETTE,
            textStyle: { fontSize: 10 },
            legend: { bottom: 0, type: 'plain' },
            series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { formatter: '{b}: {c} ({d}%)' }, data: shown.map((r, i) => ({ name: names[i], value: value(r, chart.series[0]!) })) }],
          }
        : {
            animation: false,
            color: PALETTE,
            textStyle: { fontSize: 10 },
            legend: { top: 0 },
            // Horizontal bars: agency names are long and read better on the left.
            grid: { left: 8, right: 24, top: 32, bottom: 8 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: LABEL_WIDTH, overflow: 'break', lineHeight: 11 } },
            series: chart.series.map((key) => ({ type: 'bar', name: label(key), stack: 'total', data: shown.map((r) => value(r, key)) })),
          },
    );
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
