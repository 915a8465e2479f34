/**
 * The coaching focus (SPEC §3; seed 002): per rep, the Activity Funnel's leakiest step, chosen as FUNNEL_LEAK
 * chooses it (impact mode with the sheet's benchmarks, the lowest conversion without them), with what it is
 * worth. Reads the Activity Funnel by its named ranges and headers, in the current layout (counts, then the
 * "<last stage> goal" column, benchmarks above the conversions) and the earlier one (counts, then the
 * conversions, benchmarks above the counts with the first cell blank).
 */
import {
  conversionAt,
  extraAtBenchmark,
  firstRise,
  leakiestStep,
  NO_LEAK,
  riseWords,
  stepLabel,
} from '../measures/funnel';
import type { PlanValue } from '../templates/sheetPlan';
import type { TableRead } from '../workbook';
import { periodOfIso, periodOfSerial, serialToIso, type FiscalCalendar } from './calendar';

export interface CoachingFocus {
  rep: string;
  /**
   * The step to coach, e.g. "Appointments → Presentations"; "No leak"; or, for counts that rise from one stage
   * to the next, words saying so ("Counts rise from Lost (3) to New (12): check the stage order").
   */
  leak: string;
  /** The stage counts it was judged on (summed over the rows it is based on). */
  counts: number[];
  /** Which rows it is based on, in words ("Jul", "Q3", "latest row"). */
  basis: string;
  /** The leak step's conversion and benchmark (null without a step or a benchmark). */
  conversion: number | null;
  benchmark: number | null;
  /** The value at stake: extra results at the bottom if the leak step converted at its benchmark. */
  extra: number | null;
}

export interface FunnelRow {
  rep: string;
  /** The fiscal period the row's month falls in, or null (undated, or outside the fiscal year). */
  period: number | null;
  /** The row's month as yyyy-mm, or null when the month cell holds no date. */
  month: string | null;
  counts: number[];
  /** The rep's goal for the last stage that month, or null when blank. */
  goal: number | null;
}

export interface FunnelRead {
  stages: string[];
  benchmarks: (number | null)[];
  rows: FunnelRow[];
}

const text = (v: PlanValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
const isCount = (v: PlanValue | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The words a rising funnel gets instead of a step, as FUNNEL_LEAK refuses it. */
export function risingLeak(stages: readonly string[], counts: readonly number[], i: number): string {
  return `Counts rise from ${riseWords(stages, counts, i)}: check the stage order`;
}

/** The funnel's reps, stage names, benchmarks and complete rows (every stage a count of at least 0). */
export function readFunnel(
  table: TableRead | null,
  benchmarks: PlanValue[][] | null,
  cal: FiscalCalendar,
): FunnelRead | null {
  if (table === null) return null;
  const header = table.values[0] ?? [];
  const lower = header.map((h) => text(h).toLowerCase());
  const repCol = lower.indexOf('rep');
  const monthCol = lower.indexOf('month');
  if (repCol < 0) return null;
  // The stages run from the column after Rep to the goal ("Sales goal"), the first step ("A → B") or a
  // blank header, whichever comes first.
  const stageCols: number[] = [];
  let c = repCol + 1;
  for (; c < header.length; c++) {
    const h = lower[c];
    if (h === '' || h.includes('→') || h.endsWith(' goal') || h === 'goal' || h === 'check') break;
    stageCols.push(c);
  }
  if (stageCols.length < 2) return null;
  const stages = stageCols.map((i) => text(header[i]));
  const goalCol = c < header.length && (lower[c].endsWith(' goal') || lower[c] === 'goal') ? c : -1;
  // Benchmarks: one per step (above the conversions), or one per stage with the first blank (the earlier
  // layout, above the counts).
  const benchRow = benchmarks?.[0] ?? [];
  const shift = benchRow.length >= stages.length ? 1 : 0;
  const bench = stages.slice(1).map((_, i) => {
    const v = benchRow[i + shift];
    return isCount(v) ? v : null;
  });
  const rows: FunnelRow[] = [];
  for (let i = 1; i < table.values.length; i++) {
    const v = table.values[i];
    const rep = text(v[repCol]);
    const counts = stageCols.map((col) => v[col]);
    if (rep === '' || !counts.every(isCount)) continue;
    const m = monthCol < 0 ? null : v[monthCol];
    const iso =
      typeof m === 'number' && Number.isFinite(m)
        ? serialToIso(m).slice(0, 7)
        : typeof m === 'string' && /^\d{4}-(0[1-9]|1[0-2])\b/.test(m.trim())
          ? m.trim().slice(0, 7)
          : null;
    const period =
      typeof m === 'number' ? periodOfSerial(cal, m) : iso !== null ? periodOfIso(cal, iso) : null;
    const g = goalCol < 0 ? null : v[goalCol];
    rows.push({ rep, period, month: iso, counts: counts as number[], goal: isCount(g) ? g : null });
  }
  return { stages, benchmarks: bench, rows };
}

/** The leak of one funnel's counts, judged as FUNNEL_LEAK judges it, with its figures. */
export function judgeFunnel(
  funnel: Pick<FunnelRead, 'stages' | 'benchmarks'>,
  counts: number[],
): Pick<CoachingFocus, 'leak' | 'conversion' | 'benchmark' | 'extra'> {
  const rise = firstRise(counts);
  if (rise >= 0)
    return { leak: risingLeak(funnel.stages, counts, rise), conversion: null, benchmark: null, extra: null };
  const hasBenchmarks = funnel.benchmarks.some((b) => b !== null);
  const step = leakiestStep(counts, funnel.benchmarks, hasBenchmarks ? 'impact' : 'rate');
  if (step < 0) return { leak: NO_LEAK, conversion: null, benchmark: null, extra: null };
  return {
    leak: stepLabel(funnel.stages, step),
    conversion: conversionAt(counts, step),
    benchmark: funnel.benchmarks[step] ?? null,
    extra: extraAtBenchmark(counts, funnel.benchmarks, step),
  };
}

/**
 * Per rep, the leak over the given periods (counts summed over the rows dated in them); a rep with no dated
 * row there is judged on their latest row, as the sheet's examples are undated.
 */
export function coachingFocus(
  funnel: FunnelRead | null,
  periods: readonly number[],
  periodsLabel: string,
): CoachingFocus[] {
  if (funnel === null) return [];
  const reps = [...new Set(funnel.rows.map((r) => r.rep))];
  return reps.map((rep) => {
    const mine = funnel.rows.filter((r) => r.rep === rep);
    const inPeriods = mine.filter((r) => r.period !== null && periods.includes(r.period));
    const basisRows = inPeriods.length > 0 ? inPeriods : [mine[mine.length - 1]];
    const counts = funnel.stages.map((_, s) => basisRows.reduce((sum, r) => sum + r.counts[s], 0));
    return {
      rep,
      ...judgeFunnel(funnel, counts),
      counts,
      basis: inPeriods.length > 0 ? periodsLabel : 'latest row',
    };
  });
}
