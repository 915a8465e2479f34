/**
 * A plan's chart read from its sheet: the data block as the plans lay it out (series in columns, the first
 * column the categories, a first row of texts the series' names), the value axis's scale, and the chart told
 * in words for a screen reader. Shared by the preview's drawing (chart.tsx) and the export's DrawingML.
 */
import type { PlanChart, PlanValue } from '../src/templates/sheetPlan';

/** A chart with the computed values of its data block (rows of `chart.data`). */
export interface ChartOut {
  chart: PlanChart;
  values: PlanValue[][];
  /** The number format of the series' cells, when the plan gives one (e.g. 0%). */
  numberFormat?: string;
}

/** How many columns and rows a chart covers on the sheet, in the preview and in the exported file. */
export const CHART_COLS = 8;
export const CHART_ROWS = 15;

export interface ChartSeries {
  name: PlanValue;
  values: PlanValue[];
  /** The sheet column it comes from (0-based). */
  col: number;
}

export function chartSeries(
  chart: PlanChart,
  values: readonly (readonly PlanValue[])[],
): { header: boolean; categories: PlanValue[]; series: ChartSeries[] } {
  const { data } = chart;
  const first = values[0] ?? [];
  const header = data.rows > 1 && first.slice(1).some((v) => typeof v === 'string' && v !== '');
  const body = header ? values.slice(1) : values;
  const categories = body.map((r) => r[0] ?? null);
  const series: ChartSeries[] = [];
  for (let k = 1; k < data.cols; k++)
    series.push({
      name: header ? (first[k] ?? null) : null,
      values: body.map((r) => r[k] ?? null),
      col: data.col + k,
    });
  return { header, categories, series };
}

/** A value axis from `min` to `max` in round steps (1, 2 or 5 times a power of ten), 0 always on it. */
export function valueScale(numbers: readonly number[]): { min: number; max: number; step: number } {
  let lo = Math.min(0, ...numbers);
  let hi = Math.max(0, ...numbers);
  if (lo === hi) hi = lo + 1;
  const rough = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  return { min: lo, max: hi, step };
}

/** A number as the chart labels it: a percentage for a % format, otherwise up to 2 decimals. */
export function chartNumber(n: number, format: string | undefined): string {
  if (format !== undefined && format.includes('%'))
    return `${(Math.round(n * 1000) / 10).toLocaleString('en-US')}%`;
  return (Math.round(n * 100) / 100).toLocaleString('en-US');
}

/** The chart in words: its kind and title, then each category with each series' value. */
export function chartSummary(c: ChartOut): string {
  const { categories, series } = chartSeries(c.chart, c.values);
  const kind = c.chart.kind === 'line' ? 'Line chart' : 'Column chart';
  const names = series.map((s, i) => (s.name === null || s.name === '' ? `Series ${i + 1}` : String(s.name)));
  const points = categories.map((cat, i) => {
    const parts = series.map((s, k) => {
      const v = s.values[i];
      return `${names[k]} ${typeof v === 'number' ? chartNumber(v, c.numberFormat) : 'no value'}`;
    });
    return `${cat === null || cat === '' ? `point ${i + 1}` : String(cat)}: ${parts.join(', ')}`;
  });
  return `${kind}, ${c.chart.title}. ${points.length === 0 ? 'No data.' : `${points.join('; ')}.`}`;
}

/** The number format a plan gives the chart's first data cell (its series' format), if any. */
export function chartFormat(
  formats: readonly {
    range: { row: number; col: number; rows: number; cols: number };
    numberFormat?: string;
  }[],
  chart: PlanChart,
): string | undefined {
  const row = chart.data.row + (chart.data.rows > 1 ? 1 : 0);
  const col = chart.data.col + 1;
  let found: string | undefined;
  for (const f of formats)
    if (
      f.numberFormat !== undefined &&
      row >= f.range.row &&
      row < f.range.row + f.range.rows &&
      col >= f.range.col &&
      col < f.range.col + f.range.cols
    )
      found = f.numberFormat;
  return found;
}
