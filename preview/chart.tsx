/**
 * A plan's chart drawn over the grid at its anchor cell, as the hosts float a chart over the sheet: an SVG of
 * its columns or lines, value axis with round steps, category labels, title and legend, from the sheet's
 * computed values (it redraws as they change). For a screen reader it is one image whose label tells the chart
 * in words (chartSummary). Clicks go through to the cells beneath, so the grid stays usable under it.
 */
import { chartNumber, chartSeries, chartSummary, valueScale, type ChartOut } from './chartData';

/** Series colours (Google Sheets' first ones, readable on white). */
const COLOURS = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1'];

export interface ChartBoxProps {
  chart: ChartOut;
  left: number;
  top: number;
  width: number;
  height: number;
}

export function ChartBox({ chart, left, top, width, height }: ChartBoxProps) {
  const { categories, series } = chartSeries(chart.chart, chart.values);
  const numbers = series.flatMap((s) => s.values.filter((v): v is number => typeof v === 'number'));
  const scale = valueScale(numbers);
  const pad = { left: 52, right: 12, top: 34, bottom: 52 };
  const plotW = Math.max(10, width - pad.left - pad.right);
  const plotH = Math.max(10, height - pad.top - pad.bottom);
  const y = (v: number): number => pad.top + plotH - ((v - scale.min) / (scale.max - scale.min)) * plotH;
  const band = plotW / Math.max(1, categories.length);
  const ticks: number[] = [];
  for (let v = scale.min; v <= scale.max + scale.step / 2; v += scale.step) ticks.push(v);
  const names = series.map((s, i) => (s.name === null || s.name === '' ? `Series ${i + 1}` : String(s.name)));
  const barW = (band * 0.7) / Math.max(1, series.length);
  const label = (c: unknown): string => {
    const text = c === null || c === undefined ? '' : String(c);
    const room = Math.max(3, Math.floor(band / 6));
    return text.length > room ? `${text.slice(0, room - 1)}…` : text;
  };
  return (
    <div
      class="sheet-chart"
      role="img"
      aria-label={chartSummary(chart)}
      data-testid="sheet-chart"
      style={{ left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px` }}
    >
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <rect x="0.5" y="0.5" width={width - 1} height={height - 1} fill="#fff" stroke="#d1d5db" />
        <text x={width / 2} y={20} text-anchor="middle" font-size="13" font-weight="bold" fill="#111827">
          {chart.chart.title}
        </text>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={pad.left + plotW} y1={y(v)} y2={y(v)} stroke="#e5e7eb" />
            <text x={pad.left - 4} y={y(v) + 4} text-anchor="end" font-size="10" fill="#4b5563">
              {chartNumber(v, chart.numberFormat)}
            </text>
          </g>
        ))}
        <line x1={pad.left} x2={pad.left + plotW} y1={y(0)} y2={y(0)} stroke="#6b7280" />
        {categories.map((c, i) => (
          <text
            key={i}
            x={pad.left + band * (i + 0.5)}
            y={pad.top + plotH + 14}
            text-anchor="middle"
            font-size="10"
            fill="#374151"
          >
            {label(c)}
          </text>
        ))}
        {chart.chart.kind === 'column'
          ? series.map((s, k) =>
              s.values.map((v, i) =>
                typeof v !== 'number' ? null : (
                  <rect
                    key={`${k}-${i}`}
                    class="chart-column"
                    x={pad.left + band * i + band * 0.15 + barW * k}
                    y={Math.min(y(v), y(0))}
                    width={Math.max(1, barW - 1)}
                    height={Math.abs(y(v) - y(0))}
                    fill={COLOURS[k % COLOURS.length]}
                  />
                ),
              ),
            )
          : series.map((s, k) => (
              <polyline
                key={k}
                class="chart-line"
                fill="none"
                stroke={COLOURS[k % COLOURS.length]}
                stroke-width="2"
                points={s.values
                  .map((v, i) => (typeof v === 'number' ? `${pad.left + band * (i + 0.5)},${y(v)}` : null))
                  .filter((p) => p !== null)
                  .join(' ')}
              />
            ))}
        {names.map((n, k) => (
          <g key={k}>
            <rect
              x={pad.left + k * 110}
              y={height - 18}
              width="10"
              height="10"
              fill={COLOURS[k % COLOURS.length]}
            />
            <text x={pad.left + k * 110 + 14} y={height - 9} font-size="10" fill="#374151">
              {n.length > 16 ? `${n.slice(0, 15)}…` : n}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
