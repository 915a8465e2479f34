/**
 * A small chart of the months so far: target (dashed) against actual (solid). Only numbers reach the SVG's
 * attributes (Preact creates the elements with createElementNS and sets attributes one by one); no cell text.
 */
import type { MonthPoint } from '../../src/review/monthly';

const W = 120;
const H = 32;
const PAD = 3;

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

export function Sparkline({ months, period }: { months: readonly MonthPoint[]; period: number }) {
  const shown = months.slice(0, Math.max(1, period));
  const values = shown.flatMap((m) => [m.target, m.actual]).filter(num);
  if (values.length === 0) return null;
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const step = shown.length > 1 ? (W - 2 * PAD) / (shown.length - 1) : 0;
  const x = (i: number) => PAD + i * step;
  const y = (v: number) => H - PAD - ((v - lo) / span) * (H - 2 * PAD);
  const target = shown.map((m, i) => (num(m.target) ? ([x(i), y(m.target)] as const) : null));
  const actual = shown.map((m, i) => (num(m.actual) ? ([x(i), y(m.actual)] as const) : null));
  return (
    <svg
      class="spark"
      width={W}
      height={H}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Monthly actual against target"
    >
      <path class="spark-target" d={path(target)} />
      <path class="spark-actual" d={path(actual)} />
      {actual.map((p, i) =>
        p === null ? null : <circle key={i} class="spark-dot" cx={p[0]} cy={p[1]} r={1.8} />,
      )}
    </svg>
  );
}
