/**
 * Random CSF Trackers for the property tests: every aggregation x input x direction x sign of target, with
 * gaps, late actuals, falling running totals, text in a month, invalid settings, missing targets, values at
 * exact band edges and trends at the Steady edge. Each tracker is the template rendered with its rows and its
 * inputs typed in, and its expected figures are the measure model's (csfFigures) on the same cells.
 *
 * Numbers are two-decimal values, as money and rates are typed. Booleans are kept out of number cells:
 * LibreOffice holds TRUE as the number 1 (ISNUMBER(TRUE) is TRUE there, FALSE in Excel and Sheets), so a
 * boolean month is not something the three engines agree on; in setting cells they agree and are generated.
 */
import fc from 'fast-check';
import {
  csfFigures,
  defaultReviewMonth,
  type CsfFigures,
  type MeasureDefaults,
  type MeasureRow,
} from '../../src/measures/measure';
import {
  CSF_COLUMNS as C,
  CSF_FIRST_DATA_ROW,
  CSF_SETTINGS,
  csfTracker,
  PERIODS,
} from '../../src/templates/csfTracker';
import type { PlanValue, SheetPlan } from '../../src/templates/sheetPlan';

export type Cell = number | string | boolean | null;

export const AGGREGATION_KINDS = ['Sum', 'Average', 'Last'] as const;
export const INPUT_KINDS = ['Per month', 'Cumulative'] as const;
export const DIRECTION_KINDS = ['up', 'down', 'range'] as const;
export const SIGN_KINDS = ['positive', 'negative', 'zero-crossing'] as const;
export const SHAPES = [
  'complete',
  'gap',
  'text in a month',
  'falling running total',
  'band edge',
  'trend edge',
  'target missing',
] as const;
export type Shape = (typeof SHAPES)[number];

export interface CsfCase {
  /** What the generator meant this row to exercise (for the counts the test prints). */
  kind: {
    aggregation: (typeof AGGREGATION_KINDS)[number];
    input: (typeof INPUT_KINDS)[number];
    direction: (typeof DIRECTION_KINDS)[number];
    sign: (typeof SIGN_KINDS)[number];
    shape: Shape;
    settings: 'as listed' | 'blank (defaults)' | 'other case' | 'invalid';
    defaultTargets: boolean;
    named: boolean;
  };
  team: string;
  csf: string;
  aggregation: Cell;
  input: Cell;
  direction: Cell;
  tolerance: Cell;
  annual: Cell;
  /** Typed targets, or 'default' to keep the template's phasing formulas. */
  targets: Cell[] | 'default';
  actuals: Cell[];
}

export interface TrackerCase {
  fyStart: number;
  /** The typed review month, or null for blank (the latest month reported). */
  review: number | null;
  defaults: MeasureDefaults;
  maxPerTeam: number;
  csfs: CsfCase[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthName = (fyStart: number) => (p: number) => MONTHS[(fyStart - 1 + p - 1) % 12];

type Gen = fc.GeneratorValue;
/** A whole number, biased towards the ends of its range and small values (fast-check's bias: edge cases). */
const int = (g: Gen, min: number, max: number) => g(fc.integer, { min, max });
/** A uniform whole number: for choosing among kinds, so each is drawn about as often as the others. */
const uniformInteger = (min: number, max: number) => fc.noBias(fc.integer({ min, max }));
const uniform = (g: Gen, min: number, max: number) => g(uniformInteger, min, max);
const pick = <T>(g: Gen, xs: readonly T[]): T => xs[uniform(g, 0, xs.length - 1)];
const chance = (g: Gen, p: number) => uniform(g, 0, 999) < p * 1000;
const money = (cents: number) => cents / 100;

/** Monthly values in cents by sign and scale (rates up to 1.00, amounts up to 1,000.00). */
function monthlyCents(g: Gen, sign: CsfCase['kind']['sign'], rate: boolean): number {
  const max = rate ? 100 : 100_000;
  const v = int(g, 0, max);
  if (sign === 'positive') return Math.max(1, v);
  if (sign === 'negative') return -Math.max(1, v);
  return int(g, -max, max);
}

/** Cents that sum to `total` over `n` months, the last month taking the remainder. */
function split(g: Gen, total: number, n: number, sign: CsfCase['kind']['sign'], rate: boolean): number[] {
  const out: number[] = [];
  let left = total;
  for (let i = 0; i < n - 1; i++) {
    const v = Math.trunc(monthlyCents(g, sign, rate) / Math.max(1, n));
    out.push(v);
    left -= v;
  }
  out.push(left);
  return out;
}

/** Running totals in cents. */
const runningTotals = (cents: number[]) => {
  let s = 0;
  return cents.map((c) => (s += c));
};

/** 1 + 2^-52 (1.0000000000000002, what a formula may leave) is 100% to a spreadsheet: it compares to 15 digits. */
const TOLERANCES = [0, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 1 + Number.EPSILON];
/** Tolerances whose band of a multiple-of-20-cents target is a whole number of cents. */
const EDGE_TOLERANCES = [5, 10, 20, 25, 50];

function settingCell(
  g: Gen,
  canonical: string,
  variant: CsfCase['kind']['settings'],
  invalid: readonly Cell[],
  blankMeans: string,
): Cell {
  if (variant === 'invalid') return pick(g, invalid);
  if (variant === 'blank (defaults)' && canonical === blankMeans) return null;
  if (variant === 'other case') return pick(g, [canonical.toLowerCase(), canonical.toUpperCase()]);
  return canonical;
}

/** One CSF row. `grid` forces aggregation, input, direction and sign (so every combination is covered). */
function csfCase(
  g: Gen,
  grid: { aggregation: number; input: number; direction: number; sign: number },
  maxMonths: number,
  team: string,
  index: number,
): CsfCase {
  const aggregation = AGGREGATION_KINDS[grid.aggregation];
  const input = INPUT_KINDS[grid.input];
  const direction = DIRECTION_KINDS[grid.direction];
  const sign = SIGN_KINDS[grid.sign];
  const cumulative = input === 'Cumulative';
  const shape: Shape = pick(
    g,
    SHAPES.filter((s) => s !== 'falling running total' || cumulative),
  );
  const settings = pick(g, ['as listed', 'as listed', 'blank (defaults)', 'other case', 'invalid'] as const);
  const named = !chance(g, 0.03);
  const rate = aggregation === 'Average' && chance(g, 0.7);

  // Settings: one of them invalid when the variant says so (the others as listed).
  const invalidOne = settings === 'invalid' ? uniform(g, 0, 4) : -1;
  const variantOf = (k: number) =>
    k === invalidOne ? 'invalid' : settings === 'invalid' ? 'as listed' : settings;
  const aggregationCell = settingCell(g, aggregation, variantOf(0), ['Total', 'Sum ', 5, true, 'Avg'], 'Sum');
  const inputCell = settingCell(
    g,
    input,
    variantOf(1),
    ['YTD', 'monthly', 0, 'Cumulative total'],
    'Per month',
  );
  const directionCell = settingCell(
    g,
    direction,
    variantOf(2),
    ['sideways', 'higher', 1, false, ' up'],
    'up',
  );
  let tolerance: Cell;
  let edgeTolPct = pick(g, EDGE_TOLERANCES);
  if (variantOf(3) === 'invalid') tolerance = pick(g, [1.5, -0.1, 'ten', '10%']);
  else if (shape === 'band edge') tolerance = edgeTolPct / 100;
  else if (variantOf(3) === 'blank (defaults)' || chance(g, 0.2)) tolerance = null;
  else tolerance = pick(g, TOLERANCES);
  if (typeof tolerance !== 'number' || shape !== 'band edge') edgeTolPct = 0;

  // Months of actuals (the run this row reports), at most the tracker's typed review month for band edges.
  let n = uniform(g, 0, PERIODS);
  if (shape === 'band edge') n = uniform(g, 1, maxMonths);
  if (shape === 'trend edge') n = uniform(g, 3, Math.max(3, maxMonths));
  if (shape === 'gap' || shape === 'text in a month' || shape === 'falling running total')
    n = uniform(g, 2, PERIODS);

  // Monthly targets and actuals in cents.
  let targetCents = Array.from({ length: PERIODS }, () => monthlyCents(g, sign, rate));
  let actualCents = Array.from({ length: PERIODS }, () => monthlyCents(g, sign, rate));
  if (shape === 'band edge') {
    // YTD target T (a multiple of 20 cents) and a YTD actual exactly on an edge of its bands, or a cent past it.
    const T =
      (sign === 'negative' ? -1 : sign === 'positive' ? 1 : pick(g, [-1, 1, 0])) * 20 * int(g, 1, 5000);
    const band = (Math.abs(T) * edgeTolPct) / 100;
    const edges =
      direction === 'up'
        ? [T, T - band]
        : direction === 'down'
          ? [T, T + band]
          : [T - band, T + band, T - 2 * band, T + 2 * band];
    const E = pick(g, edges) + pick(g, [0, 0, 0, -1, 1]);
    // YTD by aggregation: Sum the total, Average the mean (total = n x mean), Last the latest month.
    const spread = (ytd: number) =>
      aggregation === 'Last'
        ? [...Array.from({ length: n - 1 }, () => monthlyCents(g, sign, rate)), ytd]
        : split(g, aggregation === 'Average' ? ytd * n : ytd, n, sign, rate);
    targetCents = [...spread(T), ...targetCents.slice(n)];
    actualCents = [...spread(E), ...actualCents.slice(n)];
  }
  if (shape === 'trend edge') {
    // The last three months M − s, M, M + s with s exactly the Steady share of M (or a cent past it).
    const M = (sign === 'negative' ? -1 : 1) * 100 * int(g, 1, 1000);
    const share = pick(g, [2, 5, 10]);
    const s = (M * share) / 100 + pick(g, [0, 0, 1, -1]);
    actualCents.splice(n - 3, 3, M - s, M, M + s);
  }

  const typed = (cents: number[]): Cell[] => (cumulative ? runningTotals(cents) : cents).map((c) => money(c));
  let targets: Cell[] | 'default' = typed(targetCents);
  const defaultTargets = shape !== 'band edge' && shape !== 'target missing' && chance(g, 0.25);
  if (defaultTargets) targets = 'default';
  const actuals: Cell[] = typed(actualCents).map((v, p) => (p < n ? v : null));

  if (shape === 'gap') actuals[uniform(g, 0, n - 2)] = null;
  if (shape === 'text in a month') actuals[uniform(g, 0, n - 1)] = pick(g, ['n/a', 'TBC', '-']);
  if (shape === 'falling running total' && cumulative) {
    const at = uniform(g, 1, n - 1);
    const drop = int(g, 1, 5000);
    for (let p = at; p < n; p++)
      actuals[p] = money(Math.round((actuals[p] as number) * 100) - (actualCents[at] + drop));
  }
  if (shape === 'target missing' && Array.isArray(targets))
    targets[uniform(g, 0, Math.max(0, n - 1))] = pick(g, [null, 'tbd']);

  // Annual target: by aggregation, sometimes blank; text when that setting is the invalid one.
  let annual: Cell;
  if (variantOf(4) === 'invalid') annual = pick(g, ['n/a', '1,200', 'TBC']);
  else if (chance(g, 0.12)) annual = null;
  else {
    const total = targetCents.reduce((a, c) => a + c, 0);
    annual = money(
      aggregation === 'Sum'
        ? total + pick(g, [0, int(g, -10_000, 10_000)])
        : aggregation === 'Average'
          ? Math.round(total / PERIODS)
          : targetCents[PERIODS - 1],
    );
  }

  return {
    kind: { aggregation, input, direction, sign, shape, settings, defaultTargets, named },
    team,
    csf: named ? `CSF ${index + 1}` : '',
    aggregation: aggregationCell,
    input: inputCell,
    direction: directionCell,
    tolerance,
    annual,
    targets,
    actuals,
  };
}

const TEAMS = ['Sales', 'Marketing', 'Operations'];

/** A whole tracker: its settings and one to four CSFs. `first` numbers its rows in the coverage grid. */
function trackerCase(g: Gen, first: number): TrackerCase {
  const review = chance(g, 0.55) ? null : uniform(g, 1, PERIODS);
  const rows = uniform(g, 1, 4);
  const csfs: CsfCase[] = [];
  for (let i = 0; i < rows; i++) {
    const k = first + i;
    const grid = {
      aggregation: k % 3,
      input: Math.floor(k / 3) % 2,
      direction: Math.floor(k / 6) % 3,
      sign: Math.floor(k / 18) % 3,
    };
    csfs.push(csfCase(g, grid, review ?? PERIODS, pick(g, TEAMS), i));
  }
  return {
    fyStart: uniform(g, 1, 12),
    review,
    defaults: {
      tolerance: pick(g, [0.1, 0.05, 0.25]),
      steadyShare: pick(g, [0.02, 0.05, 0.1, 0]),
    },
    maxPerTeam: pick(g, [3, 3, 1, 2]),
    csfs,
  };
}

/** `count` trackers, the same ones for the same seed. */
export function trackerCases(count: number, seed: number): TrackerCase[] {
  const gens = fc.sample(fc.gen(), { seed, numRuns: count });
  let first = 0;
  return gens.map((g) => {
    const t = trackerCase(g, first);
    first += t.csfs.length;
    return t;
  });
}

/** What the template's default phasing formula gives month p (1-based) of a row (see csfTracker). */
function defaultTarget(c: CsfCase, p: number): Cell {
  if (typeof c.annual !== 'number') return '';
  const same = (v: Cell, w: string) => typeof v === 'string' && v.toLowerCase() === w.toLowerCase();
  const isSum = c.aggregation === null || c.aggregation === '' || same(c.aggregation, 'Sum');
  const cumulative = same(c.input, 'Cumulative');
  return isSum ? (c.annual / PERIODS) * (cumulative ? p : 1) : c.annual;
}

/** The row as the sheet holds it: the input to csfFigures. */
export function measureRow(c: CsfCase): MeasureRow {
  return {
    aggregation: c.aggregation,
    input: c.input,
    direction: c.direction,
    tolerance: c.tolerance,
    annualTarget: c.annual,
    targets:
      c.targets === 'default'
        ? Array.from({ length: PERIODS }, (_, p) => defaultTarget(c, p + 1))
        : c.targets,
    actuals: c.actuals,
  };
}

export interface Expected {
  reviewMonth: number;
  rows: { csf: CsfCase; figures: CsfFigures | null }[];
}

/** The review month and each named row's figures, as the measure model computes them. */
export function expectedFigures(t: TrackerCase): Expected {
  const named = t.csfs.filter((c) => c.csf !== '');
  const reviewMonth = t.review ?? defaultReviewMonth(named.map(measureRow));
  return {
    reviewMonth,
    rows: t.csfs.map((c) => ({
      csf: c,
      figures: c.csf === '' ? null : csfFigures(measureRow(c), reviewMonth, monthName(t.fyStart), t.defaults),
    })),
  };
}

/** The tracker as a sheet: the template rendered with its rows, the settings and inputs typed in. */
export function trackerPlan(t: TrackerCase, name: string): SheetPlan {
  const plan = csfTracker.render({ examples: false, rows: t.csfs.length });
  const put = (row: number, col: number, value: PlanValue) => {
    const line = plan.cells[row];
    while (line.length <= col) line.push({ value: null });
    line[col] = { value };
  };
  const S = CSF_SETTINGS;
  put(S.fiscalYearStart.row, S.fiscalYearStart.col, t.fyStart);
  put(S.reviewPeriod.row, S.reviewPeriod.col, t.review);
  put(S.defaultTolerance.row, S.defaultTolerance.col, t.defaults.tolerance);
  put(S.steadyShare.row, S.steadyShare.col, t.defaults.steadyShare);
  put(S.maxPerTeam.row, S.maxPerTeam.col, t.maxPerTeam);
  t.csfs.forEach((c, i) => {
    const r = CSF_FIRST_DATA_ROW + i;
    put(r, C.team, c.team);
    put(r, C.csf, c.csf);
    put(r, C.aggregation, c.aggregation);
    put(r, C.input, c.input);
    put(r, C.direction, c.direction);
    put(r, C.tolerance, c.tolerance);
    put(r, C.annualTarget, c.annual);
    if (c.targets !== 'default') c.targets.forEach((v, p) => put(r, C.firstTarget + p, v));
    c.actuals.forEach((v, p) => put(r, C.firstActual + p, v));
  });
  return { ...plan, name, namedRanges: [] };
}

/**
 * A formula moved `by` rows down, as a spreadsheet moves a cut-and-pasted block: every row number of every
 * reference, relative or absolute, shifts (text in quotes is left alone).
 */
export function shiftRows(formula: string, by: number): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(^|[^A-Za-z0-9_$])(\$?[A-Z]{1,3}\$?)(\d+)(?![A-Za-z0-9_(])/g,
            (_, before: string, col: string, row: string) => `${before}${col}${Number(row) + by}`,
          ),
    )
    .join('');
}

/** Where a tracker went: its sheet and the row its block starts on (0 for a tracker on a sheet of its own). */
export interface Placement {
  sheet: string;
  offset: number;
}

/**
 * Trackers stacked down one sheet, a blank row between them, each block the template's cells moved down as a
 * cut-and-paste moves them: LibreOffice recalculates a few large sheets much faster than many small ones.
 */
export function stackedPlan(
  trackers: { t: TrackerCase; plan: SheetPlan }[],
  name: string,
): {
  plan: SheetPlan;
  offsets: number[];
} {
  const cells: SheetPlan['cells'] = [];
  const offsets: number[] = [];
  let cols = 0;
  for (const { plan } of trackers) {
    const offset = cells.length;
    offsets.push(offset);
    for (const line of plan.cells)
      cells.push(line.map((c) => ('formula' in c ? { formula: shiftRows(c.formula, offset) } : c)));
    cells.push([]);
    cols = Math.max(cols, plan.cols);
  }
  const plan: SheetPlan = {
    name,
    cells,
    rows: cells.length,
    cols,
    formats: [],
    validations: [],
    conditionalFormats: [],
    namedRanges: [],
    columnWidths: [],
    frozenRows: 0,
    frozenCols: 0,
    charts: [],
  };
  return { plan, offsets };
}
