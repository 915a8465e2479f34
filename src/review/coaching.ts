/**
 * The coaching focus (SPEC §3; seed 002): per rep, the Activity Funnel's leakiest step, chosen as FUNNEL_LEAK
 * chooses it (impact mode with the sheet's benchmarks, the lowest conversion without them).
 */
import { leakiestStep, NO_LEAK, stepLabel } from '../measures/funnel';
import type { PlanValue } from '../templates/sheetPlan';
import type { TableRead } from '../workbook';
import { periodOfIso, periodOfSerial, type FiscalCalendar } from './calendar';

export interface CoachingFocus {
  rep: string;
  /** The step to coach, e.g. "Appointments → Presentations", or "No leak". */
  leak: string;
  /** The stage counts it was judged on (summed over the rows it is based on). */
  counts: number[];
  /** Which rows it is based on, in words ("Jul", "Q3", "latest row"). */
  basis: string;
}

interface FunnelRow {
  rep: string;
  period: number | null;
  counts: number[];
}

const text = (v: PlanValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** The funnel's reps, stage names and complete rows (every stage a number). */
export function readFunnel(
  table: TableRead | null,
  benchmarks: PlanValue[][] | null,
  cal: FiscalCalendar,
): { stages: string[]; benchmarks: (number | null)[]; rows: FunnelRow[] } | null {
  if (table === null) return null;
  const header = table.values[0] ?? [];
  const repCol = header.findIndex((h) => text(h).toLowerCase() === 'rep');
  const monthCol = header.findIndex((h) => text(h).toLowerCase() === 'month');
  if (repCol < 0) return null;
  const stageCols: number[] = [];
  for (let c = repCol + 1; c < header.length && text(header[c]) !== '' && !text(header[c]).includes('→'); c++)
    stageCols.push(c);
  if (stageCols.length < 2) return null;
  const stages = stageCols.map((c) => text(header[c]));
  // The benchmark row lies under the stages, the first stage's cell blank (see the Activity Funnel template).
  const benchRow = benchmarks?.[0] ?? [];
  const bench = stages.slice(1).map((_, i) => {
    const v = benchRow[i + 1];
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
  });
  const rows: FunnelRow[] = [];
  for (let i = 1; i < table.values.length; i++) {
    const v = table.values[i];
    const rep = text(v[repCol]);
    const counts = stageCols.map((c) => v[c]);
    if (rep === '' || !counts.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)) continue;
    const m = monthCol < 0 ? null : v[monthCol];
    const period =
      typeof m === 'number' ? periodOfSerial(cal, m) : typeof m === 'string' ? periodOfIso(cal, m) : null;
    rows.push({ rep, period, counts: counts as number[] });
  }
  return { stages, benchmarks: bench, rows };
}

/**
 * Per rep, the leak over the given periods (counts summed over the rows dated in them); a rep with no dated
 * row there is judged on their latest row, as the sheet's examples are undated.
 */
export function coachingFocus(
  funnel: ReturnType<typeof readFunnel>,
  periods: readonly number[],
  periodsLabel: string,
): CoachingFocus[] {
  if (funnel === null) return [];
  const reps = [...new Set(funnel.rows.map((r) => r.rep))];
  const hasBenchmarks = funnel.benchmarks.some((b) => b !== null);
  return reps.map((rep) => {
    const mine = funnel.rows.filter((r) => r.rep === rep);
    const inPeriods = mine.filter((r) => r.period !== null && periods.includes(r.period));
    const basisRows = inPeriods.length > 0 ? inPeriods : [mine[mine.length - 1]];
    const counts = funnel.stages.map((_, s) => basisRows.reduce((sum, r) => sum + r.counts[s], 0));
    const step = leakiestStep(counts, funnel.benchmarks, hasBenchmarks ? 'impact' : 'rate');
    return {
      rep,
      leak: step < 0 ? NO_LEAK : stepLabel(funnel.stages, step),
      counts,
      basis: inPeriods.length > 0 ? periodsLabel : 'latest row',
    };
  });
}
