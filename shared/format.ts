/** Numbers and dates as the sidebar shows them: compact enough for a 300 px wide pane (1.2k, 86%). */

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function trim(n: number, decimals: number): string {
  return n.toFixed(decimals).replace(/\.0+$|(\.\d*?)0+$/, '$1');
}

/** 950, 1.2k, 12k, 3.4M; one decimal below 10 of a unit, none above. */
export function compact(v: number | null | undefined): string {
  if (!finite(v)) return '–';
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  const units: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (a >= size * 0.9995) {
      const scaled = a / size;
      return `${sign}${trim(scaled, scaled < 10 ? 1 : 0)}${suffix}`;
    }
  }
  return `${sign}${trim(a, a < 10 ? 2 : a < 100 ? 1 : 0)}`;
}

/** 0.864 → 86% */
export function percent(v: number | null | undefined): string {
  if (!finite(v)) return '–';
  return `${Math.round(v * 100)}%`;
}

/** A value in the CSF's unit: percentages as %, anything else compact with the unit after it. */
export function inUnit(v: number | null | undefined, unit: string): string {
  if (!finite(v)) return '–';
  if (unit.trim() === '%') return percent(v);
  const u = unit.trim();
  return u === '' ? compact(v) : `${compact(v)} ${u}`;
}

/** Signed, for gaps and variances: +1.2k, −300. */
export function signed(v: number | null | undefined, unit: string): string {
  if (!finite(v)) return '–';
  const text = inUnit(Math.abs(v), unit);
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : text;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today on the user's own clock, yyyy-mm-dd (the core never reads a clock). */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The fiscal quarter (1-4) a period (1-12) falls in. */
export function quarterOfPeriod(period: number): number {
  return Math.min(4, Math.max(1, Math.ceil(period / 3)));
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}
