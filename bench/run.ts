/**
 * `npm run bench`: how fast the custom functions are on large ranges, next to a bare JavaScript loop that does
 * the same arithmetic with no validation, and how big the two add-in bundles are.
 *
 * Each throughput case builds host-shaped input once (rows of cells, as Excel and Sheets hand a range to a
 * custom function), checks that the core and the bare loop give the same result, then times both: warm-up
 * runs, then the median of several timed runs. The ratio core/bare is the price of validation, blanks,
 * broadcasting and messages; the target is under 3x. It is reported, not enforced.
 *
 * The report is a list of sections, each a table; a later benchmark (e.g. template insert round trips) adds
 * a section to `sections` in main().
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { FUNNEL_LEAK } from '../src/functions/funnelLeak';
import { FUNNEL_STEPS } from '../src/functions/funnelSteps';
import { FUNNEL_TARGETS } from '../src/functions/funnelTargets';
import { SE_ATTAINMENT } from '../src/functions/seAttainment';
import { SE_FORECAST } from '../src/functions/seForecast';
import { SE_MONTHLY } from '../src/functions/seMonthly';
import { SE_PHASE } from '../src/functions/sePhase';
import { SE_REQUIRED_RATE } from '../src/functions/seRequiredRate';
import { SE_SCORE } from '../src/functions/seScore';
import { SE_STATUS } from '../src/functions/seStatus';
import { SE_TREND } from '../src/functions/seTrend';
import { connectSection } from './connect';
import { tableRoundTrips, templateRoundTrips } from './templateRoundTrips';
import {
  PERIODS_IN_TRACKER,
  REVIEW_LIMITS,
  reviewComputeMs,
  reviewRoundTrips,
  type ReviewRoundTripRow,
  type SheetsCalls,
} from './reviewRoundTrips';

const WARMUP_RUNS = 3;
const TIMED_RUNS = 7;
const TARGET_RATIO = 3;

type Grid = unknown[][];

interface Section {
  title: string;
  headers: string[];
  /** Which columns are numbers (right-aligned). */
  numeric: boolean[];
  rows: string[][];
  notes: string[];
}

interface ThroughputCase {
  name: string;
  input: string;
  /** Cells of the main input range, the unit of the cells/s columns. */
  cells: number;
  core: () => Grid;
  bare: () => Grid;
}

interface Measured {
  theCase: ThroughputCase;
  coreMs: number;
  bareMs: number;
  checked: number;
}

// ---------------------------------------------------------------------------------------------------------
// Input data: seeded, so every run measures the same numbers.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function grid(rows: number, cols: number, cell: (r: number, c: number) => unknown): Grid {
  const out: Grid = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = new Array<unknown>(cols);
    for (let c = 0; c < cols; c++) row[c] = cell(r, c);
    out[r] = row;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The cases. Each bare loop is what a hand-written formula helper would do with trusted input: the same
// arithmetic and the same output shape, no checks.

function scoreCase(): ThroughputCase {
  const rand = mulberry32(1);
  const rows = 1000;
  const cols = 1000;
  // Ratings on a 0..10 scale with one decimal, as people enter them.
  const plan = grid(rows, cols, () => Math.round(rand() * 100) / 10);
  const execution = grid(rows, cols, () => Math.round(rand() * 100) / 10);
  const bare = (): Grid => {
    const scale = 10;
    const factor = 100 / (scale * scale);
    const out: Grid = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const p = plan[r] as number[];
      const e = execution[r] as number[];
      const line = new Array<number>(cols);
      for (let c = 0; c < cols; c++) line[c] = p[c] * e[c] * factor;
      out[r] = line;
    }
    return out;
  };
  return {
    name: 'SE_SCORE',
    input: '1000x1000 plan, execution',
    cells: rows * cols,
    core: () => SE_SCORE(plan, execution),
    bare,
  };
}

function statusCase(): ThroughputCase {
  const rand = mulberry32(2);
  const rows = 1000;
  const cols = 1000;
  // Targets from 50 to 150,000; actuals from 70% to 120% of target, so all three statuses occur.
  const target = grid(rows, cols, () => Math.round(50 + rand() * 149_950));
  const actual = grid(rows, cols, (r, c) => Math.round((target[r][c] as number) * (0.7 + rand() * 0.5)));
  const bare = (): Grid => {
    const tolerance = 0.1;
    const out: Grid = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const a = actual[r] as number[];
      const t = target[r] as number[];
      const line = new Array<string>(cols);
      for (let c = 0; c < cols; c++) {
        const band = tolerance * Math.abs(t[c]);
        line[c] = a[c] >= t[c] ? 'On track' : a[c] >= t[c] - band ? 'At risk' : 'Off track';
      }
      out[r] = line;
    }
    return out;
  };
  return {
    name: 'SE_STATUS',
    input: '1000x1000 actual, target',
    cells: rows * cols,
    core: () => SE_STATUS(actual, target),
    bare,
  };
}

function funnelLeakCase(): ThroughputCase {
  const rand = mulberry32(3);
  const names = ['Contacts', 'Appointments', 'Presentations', 'Opportunities', 'Proposals', 'Sales'];
  const benchmarks = [0.35, 0.65, 0.7, 0.6, 0.3];
  const stages = names.length;
  const funnels = 50_000;
  // Stage names in the first column, then one column of counts per rep; each step converts within ±40% of
  // its benchmark, so every step is sometimes the leak.
  const stagesGrid = grid(stages, funnels + 1, () => 0);
  for (let f = 1; f <= funnels; f++) {
    let count = Math.round(500 + rand() * 1500);
    stagesGrid[0][f] = count;
    for (let s = 1; s < stages; s++) {
      const rate = Math.min(1, benchmarks[s - 1] * (0.6 + rand() * 0.8));
      count = Math.round(count * rate);
      stagesGrid[s][f] = count;
    }
  }
  for (let s = 0; s < stages; s++) stagesGrid[s][0] = names[s];
  const benchmarkColumn: Grid = benchmarks.map((b) => [b]);
  const bare = (): Grid => {
    const labels = new Array<string>(funnels);
    const counts = new Array<number>(stages);
    for (let f = 0; f < funnels; f++) {
      for (let s = 0; s < stages; s++) counts[s] = stagesGrid[s][f + 1] as number;
      let best = -1;
      let bestGain = 0;
      // Same tie rule as the core: gains equal up to rounding (1e-12 relative) go to the earliest step.
      for (let i = 0; i < stages - 1; i++) {
        if (!(counts[i] > 0)) continue;
        const rate = counts[i + 1] / counts[i];
        const b = benchmarks[i];
        if (rate >= b) continue;
        let carried = 1;
        for (let j = i + 1; j < stages - 1; j++)
          carried *= counts[j] > 0 ? counts[j + 1] / counts[j] : benchmarks[j];
        const gain = (b * counts[i] - counts[i + 1]) * carried;
        if (best < 0 || gain > bestGain + 1e-12 * Math.max(Math.abs(gain), Math.abs(bestGain))) {
          best = i;
          bestGain = gain;
        }
      }
      labels[f] = best < 0 ? 'No leak' : `${names[best]} → ${names[best + 1]}`;
    }
    return [labels];
  };
  return {
    name: 'FUNNEL_LEAK',
    input: `6 stages x 50,000 funnels, impact`,
    cells: stages * (funnels + 1),
    core: () => FUNNEL_LEAK(stagesGrid, benchmarkColumn),
    bare,
  };
}

function funnelTargetsCase(): ThroughputCase {
  const rand = mulberry32(17);
  const rates = [0.35, 0.65, 0.7, 0.6, 0.3];
  const goals = 200_000;
  // One goal per rep in a row (from 0 to 200 sales), the rates down a column: one funnel of 6 stages per goal.
  const goalRow: Grid = [Array.from({ length: goals }, () => Math.round(rand() * 200))];
  const rateColumn: Grid = rates.map((r) => [r]);
  const stages = rates.length + 1;
  const bare = (): Grid => {
    const out: Grid = Array.from({ length: stages }, () => new Array<number>(goals));
    const row = goalRow[0] as number[];
    for (let k = 0; k < goals; k++) {
      let next = row[k];
      out[stages - 1][k] = next;
      for (let i = stages - 2; i >= 0; i--) {
        // Round up, but not past a whole number that floating point overshoots (84 / 0.7 → 120).
        const q = next / rates[i];
        next = Math.ceil(q - 1e-9 * q);
        out[i][k] = next;
      }
    }
    return out;
  };
  return {
    name: 'FUNNEL_TARGETS',
    input: '200,000 goals x 5 rates, rounded up',
    cells: goals,
    core: () => FUNNEL_TARGETS(goalRow, rateColumn),
    bare,
  };
}

type Aggregation = 'sum' | 'average' | 'last';

const SERIES = 100_000;
const PERIODS = 12;
const REPORTED = 7;

/**
 * 100,000 series of 12 periods, 7 reported then 5 blanks still to come, as a CSF Tracker holds them: counts
 * around a monthly level of 1,000 to 100,000 ("sum"), rates of 1% to 20% with two decimals ("average"), or
 * levels of 10 to 1,000 such as a headcount ("last").
 */
function periodSeries(seed: number, aggregation: Aggregation): Grid {
  const rand = mulberry32(seed);
  const actuals = grid(SERIES, PERIODS, () => 0);
  for (let r = 0; r < SERIES; r++) {
    const level =
      aggregation === 'average'
        ? 0.01 + rand() * 0.19
        : aggregation === 'last'
          ? 10 + rand() * 990
          : 1000 + rand() * 99_000;
    const growth = (rand() - 0.4) * 0.05;
    for (let c = 0; c < PERIODS; c++) {
      const v = level * (1 + growth * c) * (0.9 + rand() * 0.2);
      actuals[r][c] =
        c >= REPORTED ? '' : aggregation === 'average' ? Math.round(v * 10_000) / 10_000 : Math.round(v);
    }
  }
  return actuals;
}

/** The leading run of numbers of a row: how many are reported, and their sum (one pass, as a formula would). */
function leading(row: unknown[], periods: number): { n: number; sum: number } {
  let n = 0;
  let sum = 0;
  while (n < periods && typeof row[n] === 'number') sum += row[n++] as number;
  return { n, sum };
}

function forecastCase(method: 'runrate' | 'trend', aggregation: Aggregation): ThroughputCase {
  const seed =
    (method === 'runrate' ? 4 : 5) + (aggregation === 'sum' ? 0 : aggregation === 'average' ? 10 : 20);
  const actuals = periodSeries(seed, aggregation);
  const periods = PERIODS;
  const bare = (): Grid => {
    const out: Grid = new Array(SERIES);
    for (let r = 0; r < SERIES; r++) {
      const row = actuals[r];
      let n = 0;
      let sum = 0;
      while (n < periods && typeof row[n] === 'number') sum += row[n++] as number;
      if (method === 'runrate') {
        out[r] = [
          aggregation === 'sum' ? (sum / n) * periods : aggregation === 'average' ? sum / n : row[n - 1],
        ];
        continue;
      }
      // Least-squares line through (1, y1) … (n, yn), extended over periods n+1 … 12.
      const meanY = sum / n;
      const meanX = (n + 1) / 2;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < n; i++) {
        const dx = i + 1 - meanX;
        sxy += dx * ((row[i] as number) - meanY);
        sxx += dx * dx;
      }
      const slope = n < 2 ? 0 : sxy / sxx;
      const intercept = meanY - slope * meanX;
      const remaining = periods - n;
      const ahead = remaining * intercept + (slope * (n + 1 + periods) * remaining) / 2;
      out[r] = [
        aggregation === 'sum'
          ? sum + ahead
          : aggregation === 'average'
            ? (sum + ahead) / periods
            : intercept + slope * periods,
      ];
    }
    return out;
  };
  return {
    name: `SE_FORECAST ${method} ${aggregation}`,
    input: '100,000x12, 7 reported',
    cells: SERIES * PERIODS,
    core: () =>
      SE_FORECAST(
        actuals,
        undefined,
        method === 'runrate' ? undefined : method,
        undefined,
        aggregation === 'sum' ? undefined : aggregation,
      ),
    bare,
  };
}

function phasedCase(): ThroughputCase {
  const actuals = periodSeries(6, 'sum');
  const rand = mulberry32(7);
  // One seasonal profile (e.g. last year's months) for every series.
  const weights = [Array.from({ length: PERIODS }, () => Math.round(50 + rand() * 100))];
  const bare = (): Grid => {
    const w = weights[0];
    const out: Grid = new Array(SERIES);
    for (let r = 0; r < SERIES; r++) {
      const { n, sum } = leading(actuals[r], PERIODS);
      let elapsed = 0;
      let total = 0;
      for (let i = 0; i < PERIODS; i++) {
        total += w[i];
        if (i < n) elapsed += w[i];
      }
      out[r] = [sum / (elapsed / total)];
    }
    return out;
  };
  return {
    name: 'SE_FORECAST phased sum',
    input: '100,000x12, 7 reported, 1x12 weights',
    cells: SERIES * PERIODS,
    core: () => SE_FORECAST(actuals, undefined, 'phased', weights),
    bare,
  };
}

function requiredRateCase(aggregation: Aggregation): ThroughputCase {
  const actuals = periodSeries(aggregation === 'sum' ? 8 : aggregation === 'average' ? 18 : 28, aggregation);
  const rand = mulberry32(9);
  // A target per series from 80% to 130% of the year at the pace so far, so some are already reached.
  const targets: Grid = actuals.map((row) => {
    const { n, sum } = leading(row, PERIODS);
    const pace =
      aggregation === 'sum'
        ? (sum / n) * PERIODS
        : aggregation === 'average'
          ? sum / n
          : (row[n - 1] as number);
    const t = pace * (0.8 + rand() * 0.5);
    return [aggregation === 'average' ? Math.round(t * 10_000) / 10_000 : Math.round(t)];
  });
  const periods = PERIODS;
  const bare = (): Grid => {
    const out: Grid = new Array(SERIES);
    for (let r = 0; r < SERIES; r++) {
      const row = actuals[r];
      const target = targets[r][0] as number;
      let n = 0;
      let sum = 0;
      while (n < periods && typeof row[n] === 'number') sum += row[n++] as number;
      const gap =
        aggregation === 'sum'
          ? target - sum
          : aggregation === 'average'
            ? target * periods - sum
            : target - (row[n - 1] as number);
      out[r] = [gap <= 0 ? 0 : gap / (periods - n)];
    }
    return out;
  };
  return {
    name: `SE_REQUIRED_RATE ${aggregation}`,
    input: '100,000x12, 7 reported, target column',
    cells: SERIES * PERIODS,
    core: () =>
      SE_REQUIRED_RATE(actuals, targets, undefined, aggregation === 'sum' ? undefined : aggregation),
    bare,
  };
}

function trendCase(): ThroughputCase {
  const actuals = periodSeries(10, 'sum');
  const bare = (): Grid => {
    const out: Grid = new Array(SERIES);
    for (let r = 0; r < SERIES; r++) {
      const row = actuals[r] as number[];
      const { n } = leading(row, PERIODS);
      // The last three reported values: the least-squares slope of three equally spaced points.
      const a = row[n - 3];
      const b = row[n - 2];
      const c = row[n - 1];
      const slope = (c - a) / 2;
      const mean = (a + b + c) / 3;
      out[r] = [
        slope === 0 || Math.abs(slope) < 0.02 * Math.abs(mean)
          ? 'Steady'
          : slope > 0
            ? 'Improving'
            : 'Worsening',
      ];
    }
    return out;
  };
  return {
    name: 'SE_TREND',
    input: '100,000x12, 7 reported, window 3',
    cells: SERIES * PERIODS,
    core: () => SE_TREND(actuals),
    bare,
  };
}

function monthlyCase(): ThroughputCase {
  // Running totals of the monthly counts: 7 reported, then 5 blanks still to come.
  const monthly = periodSeries(11, 'sum');
  const cumulative = monthly.map((row) => {
    let total = 0;
    return row.map((v) => (typeof v === 'number' ? (total += v) : v));
  });
  const bare = (): Grid => {
    const out: Grid = new Array(SERIES);
    for (let r = 0; r < SERIES; r++) {
      const row = cumulative[r];
      const line = new Array<unknown>(PERIODS);
      let prev = 0;
      for (let c = 0; c < PERIODS; c++) {
        const v = row[c];
        if (typeof v !== 'number') {
          line[c] = '';
          continue;
        }
        line[c] = v - prev;
        prev = v;
      }
      out[r] = line;
    }
    return out;
  };
  return {
    name: 'SE_MONTHLY',
    input: '100,000x12 running totals, 7 reported',
    cells: SERIES * PERIODS,
    core: () => SE_MONTHLY(cumulative),
    bare,
  };
}

function attainmentCase(): ThroughputCase {
  const rand = mulberry32(12);
  const rows = 1000;
  const cols = 1000;
  // As the status case: targets from 50 to 150,000, actuals from 70% to 120% of target.
  const target = grid(rows, cols, () => Math.round(50 + rand() * 149_950));
  const actual = grid(rows, cols, (r, c) => Math.round((target[r][c] as number) * (0.7 + rand() * 0.5)));
  const bare = (): Grid => {
    const out: Grid = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const a = actual[r] as number[];
      const t = target[r] as number[];
      const line = new Array<number>(cols);
      for (let c = 0; c < cols; c++) line[c] = t[c] > 0 ? a[c] / t[c] : 1 + (a[c] - t[c]) / Math.abs(t[c]);
      out[r] = line;
    }
    return out;
  };
  return {
    name: 'SE_ATTAINMENT',
    input: '1000x1000 actual, target',
    cells: rows * cols,
    core: () => SE_ATTAINMENT(actual, target),
    bare,
  };
}

function phaseCase(): ThroughputCase {
  const rand = mulberry32(13);
  const totals = 100_000;
  // A column of annual targets phased over a seasonal profile of 12 months, exact shares (no decimals).
  const total: Grid = grid(totals, 1, () => Math.round(12_000 + rand() * 1_188_000));
  const weights = [Array.from({ length: PERIODS }, () => Math.round(50 + rand() * 100))];
  const bare = (): Grid => {
    const w = weights[0];
    let weightSum = 0;
    for (let i = 0; i < PERIODS; i++) weightSum += w[i];
    const out: Grid = new Array(totals);
    for (let r = 0; r < totals; r++) {
      const t = total[r][0] as number;
      const line = new Array<number>(PERIODS);
      let sofar = 0;
      for (let i = 0; i < PERIODS - 1; i++) {
        line[i] = (w[i] / weightSum) * t;
        sofar += line[i];
      }
      line[PERIODS - 1] = t - sofar;
      out[r] = line;
    }
    return out;
  };
  return {
    name: 'SE_PHASE',
    input: '100,000x1 totals, 1x12 weights',
    cells: totals,
    core: () => SE_PHASE(total, weights),
    bare,
  };
}

function funnelStepsCase(): ThroughputCase {
  // FUNNEL_STEPS takes one funnel per call: 20,000 calls on the seed's funnel shape with a rep's counts each.
  const rand = mulberry32(14);
  const names = ['Contacts', 'Appointments', 'Presentations', 'Opportunities', 'Proposals', 'Sales'];
  const benchmarks = [0.35, 0.65, 0.7, 0.6, 0.3];
  const calls = 20_000;
  const funnels: Grid[] = [];
  for (let f = 0; f < calls; f++) {
    let count = Math.round(500 + rand() * 1500);
    const rows: unknown[][] = [[names[0], count]];
    for (let s = 1; s < names.length; s++) {
      count = Math.round(count * Math.min(1, benchmarks[s - 1] * (0.6 + rand() * 0.8)));
      rows.push([names[s], count]);
    }
    funnels.push(rows);
  }
  const benchmarkColumn: Grid = benchmarks.map((b) => [b]);
  const stages = names.length;
  const steps = stages - 1;
  const bare = (): Grid => {
    const out: Grid = new Array(calls);
    const counts = new Array<number>(stages);
    for (let f = 0; f < calls; f++) {
      const rows = funnels[f];
      for (let s = 0; s < stages; s++) counts[s] = rows[s][1] as number;
      const table: unknown[][] = [
        ['Step', 'From', 'To', 'Conversion', 'Benchmark', 'Gap', 'Lost', 'Extra results at benchmark'],
      ];
      for (let i = 0; i < steps; i++) {
        const rate = counts[i] > 0 ? counts[i + 1] / counts[i] : null;
        const b = benchmarks[i];
        let extra: number | string = '';
        if (rate !== null) {
          if (rate >= b) extra = 0;
          else {
            let carried = 1;
            for (let j = i + 1; j < steps; j++)
              carried *= counts[j] > 0 ? counts[j + 1] / counts[j] : benchmarks[j];
            extra = (b * counts[i] - counts[i + 1]) * carried;
          }
        }
        table.push([
          `${rows[i][0] as string} → ${rows[i + 1][0] as string}`,
          counts[i],
          counts[i + 1],
          rate ?? '',
          b,
          rate === null ? '' : rate - b,
          counts[i] - counts[i + 1],
          extra,
        ]);
      }
      out[f] = table;
    }
    return out;
  };
  return {
    name: 'FUNNEL_STEPS',
    input: '20,000 calls, 6 stages with names',
    cells: calls * names.length * 2,
    core: () => {
      const out: Grid = new Array(calls);
      for (let f = 0; f < calls; f++) out[f] = FUNNEL_STEPS(funnels[f], benchmarkColumn);
      return out;
    },
    bare,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Checking and timing.

/**
 * Throws unless both results have the same shape and the same cells (numbers to 1e-9 relative); a cell that
 * is itself rows of cells (one call's table, for a function called once per funnel) is compared cell by cell.
 */
function compareResults(name: string, core: Grid, bare: Grid, where = ''): number {
  if (core.length !== bare.length)
    throw new Error(`${name}: core gives ${core.length} rows${where}, bare loop ${bare.length}`);
  let checked = 0;
  for (let r = 0; r < core.length; r++) {
    const a = core[r];
    const b = bare[r];
    if (a.length !== b.length)
      throw new Error(`${name}: row ${r + 1}${where} has ${a.length} cells in core, ${b.length} bare`);
    for (let c = 0; c < a.length; c++) {
      const x = a[c];
      const y = b[c];
      if (Array.isArray(x) && Array.isArray(y)) {
        checked += compareResults(name, x as Grid, y as Grid, ` of result ${r + 1}`);
        continue;
      }
      const same =
        typeof x === 'number' && typeof y === 'number'
          ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y))
          : x === y;
      if (!same) {
        throw new Error(
          `${name}: core and bare loop disagree at row ${r + 1}, column ${c + 1}${where}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`,
        );
      }
      checked++;
    }
  }
  return checked;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Holds the last result, so no timed run can be optimised away. */
let sink: unknown = null;

/**
 * A full garbage collection between timed runs, so one run does not pay for the garbage of the run before
 * it. `--expose-gc` cannot be passed through `tsx`, so it is switched on here.
 */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/**
 * `--cpu`: time the runs by this process's CPU time (process.cpuUsage, all its threads) instead of the wall
 * clock, for a machine busy with other work, where the wall clock also counts the time the process waits for
 * a core. Core and bare loop are timed the same way either way.
 */
const byCpuTime = process.argv.includes('--cpu');

function now(): number {
  if (!byCpuTime) return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timeOnce(run: () => Grid): number {
  collectGarbage();
  const start = now();
  sink = run();
  const ms = now() - start;
  if (!Array.isArray(sink)) throw new Error('a timed run returned no rows');
  return ms;
}

function measure(theCase: ThroughputCase): Measured {
  const checked = compareResults(theCase.name, theCase.core(), theCase.bare());
  // Core and bare loop take turns, so both run under the same conditions (JIT state, heap, other load).
  for (let i = 0; i < WARMUP_RUNS; i++) {
    sink = theCase.core();
    sink = theCase.bare();
  }
  const core: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    bare.push(timeOnce(theCase.bare));
    core.push(timeOnce(theCase.core));
  }
  sink = null;
  return { theCase, coreMs: median(core), bareMs: median(bare), checked };
}

/**
 * Each case runs in a fresh Node process by default, as benchmark harnesses fork per benchmark (JMH does): in one
 * long process the core's shared helpers (reading ranges, checking cells) see every function's arguments and V8
 * compiles them for all of them, while each bare loop only ever sees its own. `--same-process` measures them all
 * in this process instead, cross-talk included.
 */
const sameProcess = process.argv.includes('--same-process');

function measureInOwnProcess(theCase: ThroughputCase, index: number): Measured {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--only=') && a !== '--functions');
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--functions', `--case=${index}`, ...args],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{'))
    throw new Error(`bench case ${theCase.name} failed in its own process: ${child.stderr || child.stdout}`);
  const r = JSON.parse(last) as { coreMs: number; bareMs: number; checked: number };
  return { theCase, ...r };
}

// ---------------------------------------------------------------------------------------------------------
// Sections of the report.

function throughputSection(): Section {
  const cases = [
    scoreCase,
    statusCase,
    attainmentCase,
    funnelLeakCase,
    funnelStepsCase,
    funnelTargetsCase,
    ...(['sum', 'average', 'last'] as const).flatMap((aggregation) => [
      () => forecastCase('runrate', aggregation),
      () => forecastCase('trend', aggregation),
    ]),
    phasedCase,
    ...(['sum', 'average', 'last'] as const).map((aggregation) => () => requiredRateCase(aggregation)),
    trendCase,
    monthlyCase,
    phaseCase,
  ];
  const rows: string[][] = [];
  let checkedCells = 0;
  let over = 0;
  // `--only=SE_STATUS,SE_FORECAST trend`: the cases whose name starts with one of these.
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  // `--case=N` (used by the parent below): measure case N in this process and print it as JSON.
  const caseArg = process.argv.find((a) => a.startsWith('--case='));
  if (caseArg !== undefined) {
    const m = measure(cases[Number(caseArg.slice('--case='.length))]());
    console.log(JSON.stringify({ coreMs: m.coreMs, bareMs: m.bareMs, checked: m.checked }));
    process.exit(0);
  }
  for (const [index, makeCase] of cases.entries()) {
    const theCase = makeCase();
    if (only !== undefined && !only.some((prefix) => theCase.name.startsWith(prefix))) continue;
    const m = sameProcess ? measure(theCase) : measureInOwnProcess(theCase, index);
    const ratio = m.coreMs / m.bareMs;
    if (ratio >= TARGET_RATIO) over++;
    checkedCells += m.checked;
    rows.push([
      m.theCase.name,
      m.theCase.input,
      count(m.theCase.cells),
      m.coreMs.toFixed(1),
      count(Math.round((m.theCase.cells / m.coreMs) * 1000)),
      m.bareMs.toFixed(1),
      count(Math.round((m.theCase.cells / m.bareMs) * 1000)),
      `${ratio.toFixed(2)}x`,
    ]);
  }
  return {
    title: 'Custom functions: throughput (core vs bare loop)',
    headers: [
      'function',
      'input',
      'cells',
      'core ms',
      'core cells/s',
      'bare ms',
      'bare cells/s',
      'core/bare',
    ],
    numeric: [false, false, true, true, true, true, true, true],
    rows,
    notes: [
      `median of ${TIMED_RUNS} timed runs each (core and bare loop alternating, full GC before each) after ${WARMUP_RUNS} warm-ups` +
        (byCpuTime ? '; timed by CPU time (--cpu)' : '; timed by the wall clock') +
        (sameProcess
          ? '; all cases in this one process (--same-process)'
          : '; each case in a fresh Node process'),
      'cells = cells of the main input range; cells/s = cells / median time',
      `core and bare loop agree on all ${count(checkedCells)} result cells (numbers to 1e-9 relative)`,
      over === 0
        ? `every core/bare ratio is under the ${TARGET_RATIO}x target`
        : `${over} case(s) at or over the ${TARGET_RATIO}x target`,
    ],
  };
}

async function bundleSection(root: string): Promise<Section> {
  const bundles = ['dist/excel-addin/functions.js', 'dist/sheets-addon/Code.js'];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const file of bundles) {
    const path = join(root, file);
    if (!existsSync(path)) {
      rows.push([file, 'missing', '', '', '']);
      continue;
    }
    const source = readFileSync(path, 'utf8');
    const minified = (await transform(source, { minify: true, loader: 'js', target: 'es2020' })).code;
    rows.push([
      file,
      count(Buffer.byteLength(source)),
      count(Buffer.byteLength(minified)),
      count(gzipSync(minified, { level: 9 }).length),
      count(gzipSync(source, { level: 9 }).length),
    ]);
  }
  if (rows.some((r) => r[1] === 'missing'))
    notes.push('missing: run `npm run build` first (npm run bench does)');
  notes.push('minified with esbuild (minify, es2020); gzip level 9 via node:zlib');
  return {
    title: 'Bundle sizes (bytes)',
    headers: ['file', 'as built', 'minified', 'minified+gzip', 'as built+gzip'],
    numeric: [false, true, true, true, true],
    rows,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Plain-text tables.

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function renderSection(section: Section): string {
  const widths = section.headers.map((h, i) =>
    Math.max(h.length, ...section.rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (section.numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [section.title, line(section.headers), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of section.rows) out.push(line(row));
  for (const note of section.notes) out.push(`  ${note}`);
  return out.join('\n');
}

async function templateSection(): Promise<Section> {
  const rows = await templateRoundTrips();
  const grows = rows.filter(
    (r) => r.sheetsCalls[0] !== r.sheetsCalls[1] || r.excelSyncs[0] !== r.excelSyncs[1],
  );
  return {
    title: 'Templates: host round trips to insert (with example rows)',
    headers: [
      'template',
      'sheet rows',
      'Sheets calls',
      'Sheets calls 50x',
      '+grid',
      '+grid 50x',
      'Excel syncs',
      'Excel syncs 50x',
    ],
    numeric: [false, false, true, true, true, true, true, true],
    rows: rows.map((r) => [
      r.template,
      `${r.rows[0]} -> ${r.rows[1]}`,
      String(r.sheetsCalls[0]),
      String(r.sheetsCalls[1]),
      String(r.sheetsGridCalls[0]),
      String(r.sheetsGridCalls[1]),
      String(r.excelSyncs[0]),
      String(r.excelSyncs[1]),
    ]),
    notes: [
      'Sheets: every SpreadsheetApp/Sheet/Range/RangeList/builder call the adapter makes (fake SpreadsheetApp);',
      '+grid: insertRowsAfter/insertColumnsAfter to grow a new sheet past its 1000 x 26 grid, at most one per dimension;',
      'Excel: context.sync() in one Excel.run (fake Excel). 50x = the template rendered with 50 times its rows.',
      grows.length === 0
        ? 'constant in size: the counts are the same at 50x for every template'
        : `GROWS WITH SIZE: ${grows.map((r) => r.template).join(', ')}`,
    ],
  };
}

async function tableSection(): Promise<Section> {
  const rows = await tableRoundTrips();
  const grows = rows.filter(
    (r) => r.sheetsCalls[0] !== r.sheetsCalls[1] || r.excelSyncs[0] !== r.excelSyncs[1],
  );
  return {
    title: 'Tables: host round trips to append rows and to read a table',
    headers: [
      'operation',
      'small -> large',
      'Sheets calls',
      'Sheets calls large',
      'Excel syncs',
      'Excel syncs large',
    ],
    numeric: [false, false, true, true, true, true],
    rows: rows.map((r) => [
      r.operation,
      `${r.sizes[0]} -> ${r.sizes[1]}`,
      String(r.sheetsCalls[0]),
      String(r.sheetsCalls[1]),
      String(r.excelSyncs[0]),
      String(r.excelSyncs[1]),
    ]),
    notes: [
      'Sheets calls include the document lock (getDocumentLock, waitLock, releaseLock) and the flush.',
      grows.length === 0
        ? 'constant in size: the counts are the same for the large case'
        : `GROWS WITH SIZE: ${grows.map((r) => r.operation).join(', ')}`,
    ],
  };
}

async function reviewSection(): Promise<Section> {
  const rows = await reviewRoundTrips();
  const compute = await reviewComputeMs();
  const [small, large] = rows;
  const same = (a: ReviewRoundTripRow, b: ReviewRoundTripRow): boolean =>
    JSON.stringify([a.sheetsLoad, a.sheetsSave, a.excelLoad, a.excelSave]) ===
    JSON.stringify([b.sheetsLoad, b.sheetsSave, b.excelLoad, b.excelSave]);
  const within = rows.every(
    (r) =>
      r.sheetsLoad.spreadsheet <= REVIEW_LIMITS.sheetsLoad &&
      r.sheetsSave.spreadsheet <= REVIEW_LIMITS.sheetsSave &&
      r.excelLoad <= REVIEW_LIMITS.excelLoad &&
      r.excelSave <= REVIEW_LIMITS.excelSave,
  );
  const classes = (c: SheetsCalls): string => `${c.spreadsheet} / ${c.lock} / ${c.dates} / ${c.local}`;
  return {
    title: 'Monthly review: host round trips to load and to save',
    headers: [
      'workbook',
      'Sheets load',
      'Sheets save',
      'load: sheet/lock/dates/local',
      'save: sheet/lock/dates/local',
      'Excel syncs load',
      'Excel syncs save',
    ],
    numeric: [false, true, true, true, true, true, true],
    rows: rows.map((r) => [
      r.size,
      String(r.sheetsLoad.spreadsheet),
      String(r.sheetsSave.spreadsheet),
      classes(r.sheetsLoad),
      classes(r.sheetsSave),
      String(r.excelLoad),
      String(r.excelSave),
    ]),
    notes: [
      `limits (issue 12 item 8): Sheets at most ${REVIEW_LIMITS.sheetsLoad} spreadsheet calls to load and ${REVIEW_LIMITS.sheetsSave} to save, Excel at most ${REVIEW_LIMITS.excelLoad} syncs to load and ${REVIEW_LIMITS.excelSave} to save: ${within ? 'held in every row' : 'EXCEEDED'};`,
      `the large tracker has 200 CSF rows (${PERIODS_IN_TRACKER} monthly periods each) and a Review Log of 36 months x 200 rows; a save appends a row per CSF;`,
      'Sheets: every call the fake SpreadsheetApp records, in four classes (all counted, all shown):',
      '  sheet = calls that read or write the spreadsheet or its settings (getActiveSpreadsheet, getNamedRanges,',
      '    getSheetValues, getDataRange, getValues, getFormulas, getSpreadsheetTimeZone, getMaxRows, getRange,',
      '    setValues, flush…):',
      '    the limits are on these (the "Sheets load/save" columns);',
      '  lock = LockService.getDocumentLock, Lock.waitLock, Lock.releaseLock: the save holds the document lock from',
      '    its read to its flush so two saves cannot interleave; coordination with other scripts, no cell read;',
      '  dates = Utilities.formatDate, converting a date cell to its day: one per UTC offset met, not per cell',
      '    (Apps Script has no unformatted getValues without the advanced Sheets API);',
      '  local = accessors of an object a call already returned (NamedRange.getName/getRange, Range.getSheet/getRow/',
      '    getColumn/getNumRows/getNumColumns, Sheet.getName: its name, position, size) and builder calls before',
      '    build(): none reads a cell or writes anything. They grow with the number of names read, not with rows.',
      'Excel: context.sync() in one Excel.run per port call (load: one; save: one). The first save of an empty log',
      'makes its Excel table in the same three syncs; in Sheets it has no date to read, so no time zone call.',
      same(small, large)
        ? 'constant in size: load and save make the same round trips, class by class, for both trackers'
        : 'GROWS WITH SIZE: load or save round trips differ between the trackers',
      `computing the review model for the large case (${compute.csfs} CSFs, ${compute.logRows} log rows): ${compute.ms.toFixed(1)} ms (median of 7)`,
    ],
  };
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const started = performance.now();
  console.log(`SE Toolkit benchmarks — Node ${process.version}, ${process.platform}/${process.arch}\n`);
  // `--functions`: the custom functions' throughput only (a quick run while working on the core).
  const sections: Section[] = process.argv.includes('--functions')
    ? [throughputSection()]
    : [
        throughputSection(),
        await templateSection(),
        await reviewSection(),
        await tableSection(),
        connectSection(),
        await bundleSection(root),
      ];
  console.log(sections.map(renderSection).join('\n\n'));
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
