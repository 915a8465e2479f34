/**
 * The self-test's custom-function cases: for each function, formulas with known inputs and the value SPEC §1
 * (and §0) states for them, worked out by hand from the spec, never from the code's output. The self-test
 * writes each as a formula in the user's workbook and compares what the host's own engine computed.
 *
 * Which functions are tested is not decided here: the self-test takes the list the add-in registered (the
 * build's function list, generated from src/functions) and fails a function without a case, or a case
 * without a function, by name. Pure: runs in Apps Script, the task pane and the preview.
 */
import type { PlanValue } from '../templates/sheetPlan';

/** An argument: a range of cells (written as constants next to the formula) or a literal in the formula. */
export type CaseArg = { cells: PlanValue[][] } | number | string | boolean;

export interface FunctionCase {
  /** The function's Sheets name (SE_SCORE); Excel's formula uses its Excel name (SE.SCORE). */
  fn: string;
  /** What is computed, for the report. */
  title: string;
  args: CaseArg[];
  /** The result's rows of cells; '' is a blank result cell. */
  expected: PlanValue[][];
  /** Numbers compare to this many decimal places (default: exactly, to 1e-9 of their size). */
  digits?: number;
}

/** SPEC §1's funnel: 1000 contacts → 300 appointments → 150 presentations → 100 opportunities → 25 sales. */
const SEED_FUNNEL: PlanValue[][] = [
  ['Contacts', 1000],
  ['Appointments', 300],
  ['Presentations', 150],
  ['Opportunities', 100],
  ['Sales', 25],
];
/** Its benchmarks 35%, 65%, 70%, 30% (percent cells hold decimals). */
const SEED_BENCHMARKS: PlanValue[][] = [[0.35], [0.65], [0.7], [0.3]];
/** SPEC §1's seven months of actuals. */
const SEED_ACTUALS: PlanValue[][] = [[80, 90, 100, 95, 110, 105, 120]];

export const FUNCTION_CASES: readonly FunctionCase[] = [
  { fn: 'SE_SCORE', title: '9/10 plan x 4/10 execution is 36', args: [9, 4], expected: [[36]] },
  {
    fn: 'SE_SCORE',
    title: 'ranges: 9x4 and 6x8 are 36 and 48 (spills)',
    args: [{ cells: [[9], [6]] }, { cells: [[4], [8]] }],
    expected: [[36], [48]],
  },
  {
    fn: 'FUNNEL_LEAK',
    title: 'seed funnel with benchmarks (impact)',
    args: [{ cells: SEED_FUNNEL }, { cells: SEED_BENCHMARKS }],
    expected: [['Appointments → Presentations']],
  },
  {
    fn: 'FUNNEL_LEAK',
    title: 'seed funnel, loss mode',
    args: [{ cells: SEED_FUNNEL }, { cells: SEED_BENCHMARKS }, 'loss'],
    expected: [['Contacts → Appointments']],
  },
  {
    fn: 'FUNNEL_STEPS',
    title: 'seed funnel with benchmarks: the steps table',
    args: [{ cells: SEED_FUNNEL }, { cells: SEED_BENCHMARKS }],
    // Conversion = to/from, Gap = conversion − benchmark, Lost = from − to; Extra = the bottom with this step
    // at its benchmark and the others as they are, less 25 (e.g. 300 × 0.65 × 100/150 × 0.25 − 25 = 7.5).
    expected: [
      ['Step', 'From', 'To', 'Conversion', 'Benchmark', 'Gap', 'Lost', 'Extra results at benchmark'],
      ['Contacts → Appointments', 1000, 300, 0.3, 0.35, -0.05, 700, 25 / 6],
      ['Appointments → Presentations', 300, 150, 0.5, 0.65, -0.15, 150, 7.5],
      ['Presentations → Opportunities', 150, 100, 2 / 3, 0.7, 2 / 3 - 0.7, 50, 1.25],
      ['Opportunities → Sales', 100, 25, 0.25, 0.3, -0.05, 75, 5],
    ],
    digits: 9,
  },
  { fn: 'SE_STATUS', title: '95 against 100 is At risk', args: [95, 100], expected: [['At risk']] },
  { fn: 'SE_STATUS', title: '85 against 100 is Off track', args: [85, 100], expected: [['Off track']] },
  {
    fn: 'SE_STATUS',
    title: '105 against 100, lower is better, is At risk',
    args: [105, 100, 'down'],
    expected: [['At risk']],
  },
  { fn: 'SE_ATTAINMENT', title: '90 against 100 is 0.9', args: [90, 100], expected: [[0.9]], digits: 9 },
  {
    fn: 'SE_ATTAINMENT',
    title: '110 against 100, lower is better, is 100/110',
    args: [110, 100, 'down'],
    expected: [[100 / 110]],
    digits: 9,
  },
  {
    fn: 'SE_FORECAST',
    title: 'seed actuals over 12 periods, run rate 1200',
    args: [{ cells: SEED_ACTUALS }, 12],
    expected: [[1200]],
    digits: 9,
  },
  {
    fn: 'SE_FORECAST',
    title: 'seed actuals over 12 periods, trend 9600/7',
    // 700 reported + the least-squares line (slope 40/7, intercept 540/7) over periods 8..12.
    args: [{ cells: SEED_ACTUALS }, 12, 'trend'],
    expected: [[9600 / 7]],
    digits: 9,
  },
  {
    fn: 'SE_REQUIRED_RATE',
    title: 'seed actuals toward 1300 over 12: 120 a period',
    // (1300 − 700) / 5
    args: [{ cells: SEED_ACTUALS }, 1300, 12],
    expected: [[120]],
    digits: 9,
  },
  {
    fn: 'SE_MONTHLY',
    title: 'running totals 100, 250, 300 are months 100, 150, 50',
    args: [{ cells: [[100, 250, 300]] }],
    expected: [[100, 150, 50]],
    digits: 9,
  },
  {
    fn: 'FUNNEL_TARGETS',
    title: '25 sales at 35%, 65%, 70%, 30%: 529, 185, 120, 84, 25',
    // From the bottom, rounded up stage by stage: 25/0.3 → 84, 84/0.7 = 120, 120/0.65 → 185, 185/0.35 → 529.
    args: [25, { cells: SEED_BENCHMARKS }],
    expected: [[529], [185], [120], [84], [25]],
  },
  {
    fn: 'SE_PHASE',
    title: '1000 over 12 even weights, whole numbers: four 84s, eight 83s',
    args: [1000, { cells: [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]] }, 12, 0],
    expected: [[84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83]],
  },
  {
    fn: 'SE_TREND',
    title: 'seed actuals: the last three rise (110, 105, 120)',
    // slope (120 − 110) / 2 = 5, over 2% of their mean 111.67
    args: [{ cells: SEED_ACTUALS }],
    expected: [['Improving']],
  },
];

/** Whether a cell the host computed matches the expected one (numbers to `digits` places; '' is blank). */
export function sameResult(expected: PlanValue, found: PlanValue, digits?: number): boolean {
  if (expected === '' || expected === null) return found === null || found === '';
  if (typeof expected === 'number') {
    if (typeof found !== 'number') return false;
    const tolerance =
      digits === undefined ? 1e-9 * Math.max(1, Math.abs(expected)) : 0.5 * Math.pow(10, -digits);
    return Math.abs(found - expected) <= tolerance;
  }
  return found === expected;
}
