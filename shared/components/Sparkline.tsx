/**
 * A small chart of the months so far: target (dashed) against actual (solid), on an axis fitted to the figures
 * (78 → 52 must look like the fall it is, not a flat line above a zero baseline), with the latest actual and
 * target labelled at the right-hand end and the whole series told in words for screen readers.
 * Only numbers reach the SVG's attributes and only formatted numbers its text nodes (Preact creates elements
 * with createElementNS and sets text as text); no cell text.
 */
import type { MonthPoint } from '../../src/review/monthly';
import { numberText, type FigureStyle } from '../../src/review/figureText';
import { last, sparkAxis, sparkSummary } from '../sparkline';

const PLOT_W = 112;
const LABEL_W = 44;
const W = PLOT_W + LABEL_W;
const H = 36;
const PAD = 4;
/** Labels closer than this (px) would overlap: the lower one moves down. */
const LABEL_GAP = 9;

const num = (v: number | null): v is number => typeof v === 'number' && Number.isFinite(v);

function path(points: readonly (readonly [number, number] | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p[0].toFixed(1)} ${p[1].toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function Sparkline({
  months,
  period,
  style,
}: {
  months: readonly MonthPoint[];
  period: number;
  style: FigureStyle;
}) {
  const shown = months.slice(0, Math.max(1, period));
  const values = shown.flatMap((m) => [m.target, m.actual]).filter(num);
  if (values.length === 0) return null;
  const { lo, hi } = sparkAxis(values);
  const span = hi - lo;
  const step = shown.length > 1 ? (PLOT_W - 2 * PAD) / (shown.length - 1) : 0;
  const x = (i: number) => PAD + i * step;
  const y = (v: number) => H - PAD - ((v - lo) / span) * (H - 2 * PAD);
  const target = shown.map((m, i) => (num(m.target) ? ([x(i), y(m.target)] as const) : null));
  const actual = shown.map((m, i) => (num(m.actual) ? ([x(i), y(m.actual)] as const) : null));

  // End labels: the latest actual and the latest target, at the height of their line, kept apart.
  const lastActual = last(shown, (m) => num(m.actual));
  const lastTarget = last(shown, (m) => num(m.target));
  const labels: { cls: string; text: string; at: number }[] = [];
  if (lastActual !== null)
    labels.push({
      cls: 'spark-label-actual',
      text: numberText(lastActual.actual, style),
      at: y(lastActual.actual as number),
    });
  if (lastTarget !== null)
    labels.push({
      cls: 'spark-label-target',
      text: numberText(lastTarget.target, style),
      at: y(lastTarget.target as number),
    });
  labels.sort((a, b) => a.at - b.at);
  if (labels.length === 2 && labels[1].at - labels[0].at < LABEL_GAP) {
    const mid = (labels[0].at + labels[1].at) / 2;
    labels[0].at = mid - LABEL_GAP / 2;
    labels[1].at = mid + LABEL_GAP / 2;
  }
  const clampY = (v: number) => Math.min(H - 1, Math.max(8, v + 3));
  const summary = sparkSummary(shown, style);

  return (
    <svg class="spark" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
      <path class="spark-target" d={path(target)} />
      <path class="spark-actual" d={path(actual)} />
      {actual.map((p, i) =>
        p === null ? null : <circle key={i} class="spark-dot" cx={p[0]} cy={p[1]} r={1.8} />,
      )}
      {labels.map((l) => (
        <text key={l.cls} class={l.cls} x={PLOT_W + 2} y={clampY(l.at)} aria-hidden="true">
          {l.text}
        </text>
      ))}
    </svg>
  );
}
