/**
 * CSF Tracker (SPEC §0 and §2): one row per critical success factor, built in the FAST modelling style a finance
 * team audits. Per CSF, left to right: who (team, CSF, metric, type, owner), its measure settings (unit,
 * aggregation, input, direction, tolerance, annual target), the results as of the review month (next to the
 * CSF), the monthly inputs (targets, actuals), and, set apart on the right, the workings every result is
 * computed from: short formulas, one shape down each column, no constant inside a formula (the settings block
 * at the top holds them).
 *
 * Every result is the measure model's (src/measures/measure.ts, csfFigures) computed by the sheet: the same
 * operations in the same order, so LibreOffice, Excel and Sheets show what the sidebar shows, cell for cell.
 * The formulas use only functions every engine has computed alike since Excel 2007.
 */
import { DIRECTIONS } from '../measures/direction';
import {
  AGGREGATIONS,
  AWAITING_ACTUAL,
  flags,
  INPUT_KINDS,
  MEASURE_DEFAULTS,
  MONTHS_PER_YEAR,
  readMeasureSettings,
  type MeasureRow,
} from '../measures/measure';
import { a1, columnLetter } from './a1';
import {
  COMPUTED_BACKGROUND,
  EXAMPLE_BACKGROUND,
  HEADER_BACKGROUND,
  HEADER_FONT,
  PlanBuilder,
  range,
} from './planBuilder';
import { DEFAULT_PLAN_YEAR, type Template, type TemplateOptions } from './template';

export const PERIODS = MONTHS_PER_YEAR;
export const MAX_CSFS_PER_TEAM = 3;
export const TEAMS = ['Sales', 'Marketing', 'Customer Success', 'Operations', 'Finance'] as const;
export const MEASURE_TYPES = ['activity', 'result'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Column positions (0-based) of the tracker table, by what they hold: identity, settings, results, inputs. */
export const CSF_COLUMNS = {
  team: 0,
  csf: 1,
  metric: 2,
  measureType: 3,
  owner: 4,
  unit: 5,
  aggregation: 6,
  input: 7,
  direction: 8,
  tolerance: 9,
  annualTarget: 10,
  through: 11,
  ytdTarget: 12,
  ytdActual: 13,
  variance: 14,
  side: 15,
  attainment: 16,
  status: 17,
  forecast: 18,
  forecastGap: 19,
  needed: 20,
  trend: 21,
  check: 22,
  teamCheck: 23,
  firstTarget: 24,
  firstActual: 24 + PERIODS,
} as const;
/** The table's last column (the last actual); the workings start two columns to its right. */
const TABLE_LAST_COL = CSF_COLUMNS.firstActual + PERIODS - 1;

/** The header text of each column: the review finds columns by these, so users may move things around them. */
export const CSF_HEADERS = {
  team: 'Team',
  csf: 'CSF',
  metric: 'Metric',
  measureType: 'Measure type',
  owner: 'Owner',
  unit: 'Unit',
  aggregation: 'Aggregation',
  input: 'Input',
  direction: 'Direction',
  tolerance: 'Tolerance',
  annualTarget: 'Annual target',
  through: 'Through',
  ytdTarget: 'YTD target',
  ytdActual: 'YTD actual',
  variance: 'Variance',
  side: 'Side',
  attainment: 'Attainment',
  status: 'Status',
  forecast: 'Forecast (run-rate)',
  forecastGap: 'Forecast vs annual target',
  needed: 'Needed per month',
  trend: 'Trend',
  check: 'Check',
  teamCheck: 'CSFs in team',
} as const;

/** Base names of the tracker's named ranges; a second tracker's get a suffix (see namedRangeSuffix). */
export const CSF_NAMES = {
  fiscalYearStart: 'SE_CSF_FiscalYearStart',
  reviewPeriod: 'SE_CSF_ReviewPeriod',
  reviewMonthUsed: 'SE_CSF_ReviewMonthUsed',
  firstYear: 'SE_CSF_FirstYear',
  defaultTolerance: 'SE_CSF_DefaultTolerance',
  steadyShare: 'SE_CSF_SteadyShare',
  table: 'SE_CSF_Table',
} as const;

const TITLE_ROW = 0;
/** The settings block: two rows of label / value pairs. */
const SETTINGS_ROW = 2;
/** Period numbers (1-12) over the monthly columns, and the month names they stand for. */
const PERIOD_ROW = 4;
const MONTH_ROW = 5;
const HEADER_ROW = 6;
export const CSF_FIRST_DATA_ROW = 7;
const DEFAULT_ROWS = 15;

/** The settings cells (0-based row and column): labels sit two or three columns to their left. */
export const CSF_SETTINGS = {
  fiscalYearStart: { row: SETTINGS_ROW, col: 2 },
  reviewPeriod: { row: SETTINGS_ROW, col: 7 },
  reviewMonthUsed: { row: SETTINGS_ROW, col: 10 },
  firstYear: { row: SETTINGS_ROW, col: 13 },
  defaultTolerance: { row: SETTINGS_ROW + 1, col: 2 },
  steadyShare: { row: SETTINGS_ROW + 1, col: 7 },
  monthsInYear: { row: SETTINGS_ROW + 1, col: 10 },
  maxPerTeam: { row: SETTINGS_ROW + 1, col: 13 },
} as const;

const SETTING_LABELS: Record<keyof typeof CSF_SETTINGS, { label: string; labelCol: number }> = {
  fiscalYearStart: { label: 'Fiscal year starts (month 1-12)', labelCol: 0 },
  reviewPeriod: { label: 'Review month (1-12; blank = latest reported)', labelCol: 4 },
  reviewMonthUsed: { label: 'Review month used', labelCol: 8 },
  firstYear: { label: 'Year of period 1', labelCol: 11 },
  defaultTolerance: { label: 'Tolerance when blank', labelCol: 0 },
  steadyShare: { label: 'Trend: Steady under (share of mean)', labelCol: 4 },
  monthsInYear: { label: 'Months in the year', labelCol: 8 },
  maxPerTeam: { label: 'Most CSFs per team', labelCol: 11 },
};

/**
 * The workings, left to right from two columns after the last actual: what each result is computed from.
 * `span` columns per entry (12 for a monthly block). Exported for tests and audits.
 */
const WORKING_SPANS = [
  ['isSum', 1, 'Sum?'],
  ['isAverage', 1, 'Average?'],
  ['isLast', 1, 'Last?'],
  ['isCumulative', 1, 'Cumulative?'],
  ['toleranceUsed', 1, 'Tolerance used'],
  ['aggregationCheck', 1, 'Aggregation check'],
  ['inputCheck', 1, 'Input check'],
  ['cumulativeCheck', 1, 'Cumulative check'],
  ['directionCheck', 1, 'Direction check'],
  ['toleranceCheck', 1, 'Tolerance check'],
  ['annualCheck', 1, 'Annual target check'],
  ['settingsCheck', 1, 'Settings check'],
  ['monthlyActual', PERIODS, 'Monthly actual'],
  ['actualToDate', PERIODS, 'Actual to date'],
  ['reported', 1, 'Reported months (r12)'],
  ['throughReview', 1, 'Reported through review month'],
  ['firstUnreported', 1, 'First month without actual'],
  ['actualFall', 1, 'Actuals fall'],
  ['laterActual', 1, 'A later month has an actual?'],
  ['actualGap', 1, 'Actuals gap'],
  ['monthlyTarget', PERIODS, 'Monthly target'],
  ['targetToDate', PERIODS, 'Target to date'],
  ['targetFallAt', 1, 'Targets fall at period'],
  ['targetFall', 1, 'Targets fall'],
  ['targetMissing', 1, 'Target missing'],
  ['textActualMonth', PERIODS, 'Actual is text'],
  ['textActualAt', 1, 'First actual that is text'],
  ['textActual', 1, 'Text in actuals'],
  ['textTargetMonth', PERIODS, 'Target is text'],
  ['textTargetAt', 1, 'First target that is text'],
  ['textTarget', 1, 'Text in targets'],
  ['textCheck', 1, 'Settings or text check'],
  ['flag', 1, 'Flag (first problem)'],
  ['months', 1, 'Months in figures (r)'],
  ['sum', 1, 'Sum of actuals through r'],
  ['latest', 1, 'Latest actual'],
  ['before', 1, 'Month before'],
  ['twoBefore', 1, 'Two months before'],
  ['band', 1, 'Tolerance band'],
  ['favourable', 1, 'Favourable?'],
  ['withinBand', 1, 'Within band?'],
  ['share', 1, 'Variance / |YTD target|'],
  ['ratio', 1, 'Attainment as a ratio'],
  ['toReach', 1, 'Still to reach'],
  ['neededRaw', 1, 'Needed before floor'],
  ['slope', 1, 'Trend slope'],
  ['mean', 1, 'Trend mean'],
  ['steady', 1, 'Steady?'],
] as const;
type WorkingKey = (typeof WORKING_SPANS)[number][0];

export const CSF_WORKINGS_FIRST_COL = TABLE_LAST_COL + 2;
export const CSF_WORKINGS = (() => {
  const at = {} as Record<WorkingKey, number>;
  let col = CSF_WORKINGS_FIRST_COL;
  for (const [key, span] of WORKING_SPANS) {
    at[key] = col;
    col += span;
  }
  return at;
})();
const WORKINGS_LAST_COL = CSF_WORKINGS.steady;

/** Titles over the groups of workings (row 4), at their first column. */
const WORKING_GROUPS: { at: WorkingKey; title: string }[] = [
  { at: 'isSum', title: 'WORKINGS (computed: do not type here). Settings as read, and their check' },
  { at: 'monthlyActual', title: 'Actuals: the leading run of months, running totals turned into months' },
  { at: 'actualToDate', title: 'Actuals added up month by month' },
  { at: 'reported', title: 'Months reported, and gaps or falls before the review month' },
  { at: 'monthlyTarget', title: 'Targets through the months reported, running totals turned into months' },
  { at: 'targetToDate', title: 'Targets added up month by month' },
  { at: 'targetFallAt', title: 'Target checks' },
  { at: 'flag', title: 'Figures as of the review month' },
];

/** The check words of a bad setting, exactly as the measure model words them. */
function settingWords(cells: Partial<MeasureRow>): string {
  const read = readMeasureSettings({
    aggregation: null,
    input: null,
    direction: null,
    tolerance: null,
    annualTarget: null,
    targets: [],
    actuals: [],
    ...cells,
  });
  if (typeof read !== 'string') throw new Error('expected a settings problem');
  return read;
}

const SETTING_WORDS = {
  aggregation: settingWords({ aggregation: '?' }),
  input: settingWords({ input: '?' }),
  cumulative: settingWords({ aggregation: 'Average', input: 'Cumulative' }),
  direction: settingWords({ direction: '?' }),
  tolerance: settingWords({ tolerance: 2 }),
  annualTarget: settingWords({ annualTarget: '?' }),
};

/** A formula string literal. */
const lit = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** The flag words around a month name held in `ref`, e.g. "cumulative figures fall in "&CI8. */
function wordsAround(words: (month: string) => string, ref: string): string {
  const marker = '\u0000';
  const [before, after] = words(marker).split(marker);
  return [before === '' ? null : lit(before), ref, after === '' ? null : lit(after)]
    .filter((x) => x !== null)
    .join('&');
}

interface ExampleCsf {
  team: string;
  csf: string;
  metric: string;
  type: (typeof MEASURE_TYPES)[number];
  owner: string;
  unit: string;
  aggregation: string;
  input: string;
  direction: 'up' | 'down' | 'range';
  tolerance: number;
  annual: number;
  /** As typed: per month, or running totals for Cumulative input; null for a month not reported yet. */
  actuals: (number | null)[];
}

/**
 * Seven months of a plausible year, Sales and Marketing with three CSFs each: a cumulative (YTD running
 * total) revenue plan, a count, a cost (down), a rate (Average, %), spend kept in a range, and a CSF whose July
 * actual is not in yet (Awaiting actual).
 */
const EXAMPLES: ExampleCsf[] = [
  {
    team: 'Sales',
    csf: 'Win new logos',
    metric: 'New-logo revenue (YTD running total)',
    type: 'result',
    owner: 'Head of Sales',
    unit: 'k€',
    aggregation: 'Sum',
    input: 'Cumulative',
    direction: 'up',
    tolerance: 0.1,
    annual: 1200,
    // Monthly 80, 90, 100, 95, 110, 105, 120.
    actuals: [80, 170, 270, 365, 475, 580, 700],
  },
  {
    team: 'Sales',
    csf: 'Fill the funnel',
    metric: 'Qualified appointments',
    type: 'activity',
    owner: 'Sales managers',
    unit: 'count',
    aggregation: 'Sum',
    input: 'Per month',
    direction: 'up',
    tolerance: 0.1,
    annual: 960,
    actuals: [70, 72, 65, 60, 62, 58, 55],
  },
  {
    team: 'Sales',
    csf: 'Sell at a sound cost',
    metric: 'Cost of sales',
    type: 'result',
    owner: 'Sales ops',
    unit: 'k€',
    aggregation: 'Sum',
    input: 'Per month',
    direction: 'down',
    tolerance: 0.1,
    annual: 240,
    actuals: [19, 21, 20, 22, 24, 23, 22],
  },
  {
    team: 'Marketing',
    csf: 'Generate demand',
    metric: 'MQLs',
    type: 'activity',
    owner: 'Head of Marketing',
    unit: 'count',
    aggregation: 'Sum',
    input: 'Per month',
    direction: 'up',
    tolerance: 0.1,
    annual: 2400,
    actuals: [180, 190, 210, 220, 205, 230, null],
  },
  {
    team: 'Marketing',
    csf: 'Hand over good leads',
    metric: 'MQL-to-SQL conversion',
    type: 'result',
    owner: 'Demand gen',
    unit: '%',
    aggregation: 'Average',
    input: 'Per month',
    direction: 'up',
    tolerance: 0.1,
    annual: 0.32,
    actuals: [0.27, 0.29, 0.28, 0.31, 0.3, 0.32, 0.33],
  },
  {
    team: 'Marketing',
    csf: 'Spend to plan',
    metric: 'Campaign spend',
    type: 'activity',
    owner: 'Marketing ops',
    unit: 'k€',
    aggregation: 'Sum',
    input: 'Per month',
    direction: 'range',
    tolerance: 0.05,
    annual: 360,
    actuals: [28, 31, 30, 36, 29, 33, 30],
  },
];

/** Number formats from a CSF's unit: percentages with one decimal, everything else whole (no 0.3 of a call). */
export function unitFormats(unit: string): { value: string; signed: string } {
  return unit.includes('%')
    ? { value: '0.0%', signed: '+0.0%;-0.0%;0.0%' }
    : { value: '#,##0', signed: '+#,##0;-#,##0;0' };
}

export const csfTracker: Template = {
  id: 'csf-tracker',
  title: 'CSF Tracker',
  summary:
    'At most three critical success factors per team: monthly targets vs actuals, status, forecast and trend, by aggregation.',
  columns: [
    { header: 'Team', meaning: 'Sales, Marketing, … (a drop-down; type your own team if it is not listed).' },
    {
      header: 'CSF',
      meaning: 'The critical success factor, in a few words. A row without one is not computed.',
    },
    { header: 'Metric', meaning: 'What is counted to track it.' },
    { header: 'Measure type', meaning: '`activity` (effort the team controls) or `result` (the outcome).' },
    { header: 'Owner', meaning: 'Who answers for it at the review.' },
    {
      header: 'Unit',
      meaning:
        'k€, count, %, … shown once per row by the review; the example rows are formatted from it (`#,##0`, or `0.0%` for %).',
    },
    {
      header: 'Aggregation',
      meaning:
        '`Sum` for flows (revenue, calls, spend), `Average` for rates and ratios (conversion %, churn %), `Last` for levels and balances (headcount, pipeline, cash). Blank is Sum.',
    },
    {
      header: 'Input',
      meaning:
        '`Per month`, or `Cumulative` when targets and actuals are running (YTD) totals; they are turned into monthly figures, and a fall is flagged. Cumulative needs Sum. Blank is Per month.',
    },
    {
      header: 'Direction',
      meaning:
        '`up` (more is better), `down` (less is better, e.g. cost) or `range` (close to target is best).',
    },
    {
      header: 'Tolerance',
      meaning:
        'How far from target still counts as At risk, as a share of |target| (blank: the default above).',
    },
    {
      header: 'Annual target',
      meaning: "The year's figure: a total (Sum), the year's average (Average) or the year-end level (Last).",
    },
    {
      header: 'Through',
      meaning:
        'The last month the figures include: `Jul`, or `through Jun` while the review month is awaited.',
    },
    {
      header: 'YTD target',
      meaning: 'Targets through that month, by aggregation: summed, averaged, or the latest month.',
    },
    { header: 'YTD actual', meaning: 'Actuals through that month, by aggregation.' },
    { header: 'Variance', meaning: 'YTD actual − YTD target.' },
    {
      header: 'Side',
      meaning:
        '`Favourable` or `Unfavourable`: at or above target for up, at or below for down, within tolerance for range.',
    },
    {
      header: 'Attainment',
      meaning:
        'Above 100% is always better than target, whatever the direction or the sign of the target (as SE_ATTAINMENT).',
    },
    {
      header: 'Status',
      meaning:
        'On track, At risk or Off track (as SE_STATUS on YTD actual vs YTD target), or Awaiting actual while the review month is blank.',
    },
    {
      header: 'Forecast (run-rate)',
      meaning:
        'The year at the pace so far: YTD / months × 12 (Sum), the average so far (Average) or the latest level (Last).',
    },
    { header: 'Forecast vs annual target', meaning: 'Forecast − annual target.' },
    {
      header: 'Needed per month',
      meaning:
        'Per remaining month to reach the annual target (as SE_REQUIRED_RATE): 0 once reached; for down, the most that may still be spent a month; for Last, the change a month.',
    },
    {
      header: 'Trend',
      meaning:
        'Improving, Steady or Worsening over the last three months (as SE_TREND); blank for `range` measures.',
    },
    {
      header: 'Check',
      meaning:
        'Why figures are missing, in the words the review uses: a bad setting, a gap, a fall in running totals, a missing target, or a YTD target of 0.',
    },
    { header: 'CSFs in team', meaning: 'Flags a team with more than three CSFs.' },
    {
      header: 'Target Jan … Target Dec',
      prefix: 'Target ',
      count: PERIODS,
      meaning:
        'Monthly targets (running totals for Cumulative input): by default the annual target phased evenly (Sum) or flat (Average, Last) until you type your own phasing (SE_PHASE helps). Headers follow the fiscal year start.',
    },
    {
      header: 'Actual Jan … Actual Dec',
      prefix: 'Actual ',
      count: PERIODS,
      meaning:
        'Monthly actuals: typed, or formulas into your plan sheets. Leave months still to come blank; enter 0 for a month with nothing.',
    },
  ],
  notes:
    'Rows 3-4 hold the settings: the month the fiscal year starts (which renames the month headers), the review month (blank: the latest month any CSF reported; the month used is shown beside it), the calendar year of period 1 (which dates the Review Log and names the quarterly review, e.g. Review Q3 FY2026), the tolerance of a CSF whose tolerance is blank (10%), the share of the mean under which a trend is Steady (2%), the months in the year (12) and the most CSFs per team (3). The grey columns compute; the workings they use are grouped to the right of the actuals, one labelled column per step.',
  render(options: TemplateOptions) {
    const dataRows = Math.max(options.rows ?? DEFAULT_ROWS, options.examples ? EXAMPLES.length : 1);
    const b = new PlanBuilder('CSF Tracker');
    const C = CSF_COLUMNS;
    const W = CSF_WORKINGS;
    const first = CSF_FIRST_DATA_ROW;
    const last = first + dataRows - 1;

    b.value(TITLE_ROW, 0, 'CSF Tracker').format(range(TITLE_ROW, 0), { bold: true });
    b.value(
      TITLE_ROW + 1,
      0,
      `At most ${MAX_CSFS_PER_TEAM} critical success factors per team. Type the settings and the monthly targets and actuals (leave future months blank); grey columns compute, from the workings on the right.`,
    ).format(range(TITLE_ROW + 1, 0), { italic: true });

    // The settings block: every constant the formulas use, labelled.
    const S = CSF_SETTINGS;
    const setting = (key: keyof typeof CSF_SETTINGS) => a1(S[key].row, S[key].col, true);
    for (const [key, { label, labelCol }] of Object.entries(SETTING_LABELS))
      b.value(S[key as keyof typeof CSF_SETTINGS].row, labelCol, label);
    const cellOf = (key: keyof typeof CSF_SETTINGS) => range(S[key].row, S[key].col);
    b.value(S.fiscalYearStart.row, S.fiscalYearStart.col, 1);
    b.value(S.firstYear.row, S.firstYear.col, options.year ?? DEFAULT_PLAN_YEAR);
    b.value(S.defaultTolerance.row, S.defaultTolerance.col, MEASURE_DEFAULTS.tolerance);
    b.value(S.steadyShare.row, S.steadyShare.col, MEASURE_DEFAULTS.steadyShare);
    b.value(S.monthsInYear.row, S.monthsInYear.col, PERIODS);
    b.value(S.maxPerTeam.row, S.maxPerTeam.col, MAX_CSFS_PER_TEAM);
    const input = { background: '#fff2cc', bold: true };
    b.format(cellOf('fiscalYearStart'), { numberFormat: '0', ...input });
    b.format(cellOf('reviewPeriod'), { numberFormat: '0', ...input });
    b.format(cellOf('firstYear'), { numberFormat: '0', ...input });
    b.format(cellOf('defaultTolerance'), { numberFormat: '0%', ...input });
    b.format(cellOf('steadyShare'), { numberFormat: '0%', ...input });
    b.format(cellOf('maxPerTeam'), { numberFormat: '0', ...input });
    b.format(cellOf('monthsInYear'), { numberFormat: '0', background: COMPUTED_BACKGROUND });
    b.format(cellOf('reviewMonthUsed'), { numberFormat: '0', background: COMPUTED_BACKGROUND, bold: true });
    b.validateNumber(
      cellOf('fiscalYearStart'),
      1,
      12,
      'The month the fiscal year starts: 1 for January … 12',
    );
    b.validateNumber(
      cellOf('reviewPeriod'),
      1,
      PERIODS,
      'The month the figures run to: 1 for the first month of the fiscal year. Blank: the latest month reported.',
    );
    b.validateNumber(cellOf('firstYear'), 1900, 9999, "The calendar year of the fiscal year's first month");
    b.validateNumber(cellOf('defaultTolerance'), 0, 1, 'The tolerance of a CSF whose tolerance is blank');
    b.validateNumber(cellOf('steadyShare'), 0, 1, 'A trend slope under this share of the mean is Steady');
    b.validateNumber(cellOf('monthsInYear'), PERIODS, PERIODS, 'Fixed: the model counts twelve months');
    b.validateNumber(cellOf('maxPerTeam'), 1, 99, 'A team with more CSFs than this is flagged');
    b.nameRange(CSF_NAMES.fiscalYearStart, cellOf('fiscalYearStart'))
      .nameRange(CSF_NAMES.reviewPeriod, cellOf('reviewPeriod'))
      .nameRange(CSF_NAMES.reviewMonthUsed, cellOf('reviewMonthUsed'))
      .nameRange(CSF_NAMES.firstYear, cellOf('firstYear'))
      .nameRange(CSF_NAMES.defaultTolerance, cellOf('defaultTolerance'))
      .nameRange(CSF_NAMES.steadyShare, cellOf('steadyShare'));
    const fyStart = setting('fiscalYearStart');
    const review = setting('reviewPeriod');
    const m = setting('reviewMonthUsed');
    const N = setting('monthsInYear');

    // The timeline: period numbers over every monthly block, and month names that follow the fiscal year start.
    /** A timeline cell fixed to its row, for formulas copied down: Y$5. */
    const periodRef = (col: number) => `${columnLetter(col)}$${PERIOD_ROW + 1}`;
    const monthRef = (col: number) => `${columnLetter(col)}$${MONTH_ROW + 1}`;
    const monthlyBlocks = [
      C.firstTarget,
      C.firstActual,
      W.monthlyActual,
      W.actualToDate,
      W.monthlyTarget,
      W.targetToDate,
      W.textActualMonth,
      W.textTargetMonth,
    ];
    for (const col of monthlyBlocks) {
      for (let p = 0; p < PERIODS; p++) b.value(PERIOD_ROW, col + p, p + 1);
      b.format(range(PERIOD_ROW, col, 1, PERIODS), { fontColor: '#999999', horizontalAlignment: 'center' });
    }
    // Month names once, over the targets; every other monthly header names its month from there.
    for (let p = 0; p < PERIODS; p++)
      b.formula(
        MONTH_ROW,
        C.firstTarget + p,
        `CHOOSE(MOD(${fyStart}+${periodRef(C.firstTarget + p)}-2,${N})+1,${MONTHS.map(lit).join(',')})`,
      );
    b.format(range(MONTH_ROW, C.firstTarget, 1, PERIODS), {
      fontColor: '#999999',
      horizontalAlignment: 'center',
    });
    b.value(PERIOD_ROW, C.firstTarget - 1, 'Period');
    b.value(MONTH_ROW, C.firstTarget - 1, 'Month');
    b.format(range(PERIOD_ROW, C.firstTarget - 1, 2, 1), {
      fontColor: '#999999',
      horizontalAlignment: 'right',
    });
    const monthNames = `${a1(MONTH_ROW, C.firstTarget, true)}:${a1(MONTH_ROW, C.firstTarget + PERIODS - 1, true)}`;

    // Header row: the table (what the review reads by header text), then the workings, set apart.
    for (const [key, text] of Object.entries(CSF_HEADERS))
      b.value(HEADER_ROW, C[key as keyof typeof CSF_HEADERS], text);
    for (let p = 0; p < PERIODS; p++) {
      b.formula(HEADER_ROW, C.firstTarget + p, `"Target "&${monthRef(C.firstTarget + p)}`);
      b.formula(HEADER_ROW, C.firstActual + p, `"Actual "&${monthRef(C.firstTarget + p)}`);
    }
    for (const [key, span, label] of WORKING_SPANS) {
      if (span === 1) b.value(HEADER_ROW, W[key], label);
      else
        for (let p = 0; p < span; p++)
          b.formula(HEADER_ROW, W[key] + p, `${lit(`${label} `)}&${monthRef(C.firstTarget + p)}`);
    }
    for (const g of WORKING_GROUPS)
      b.value(PERIOD_ROW - 1, W[g.at], g.title).format(range(PERIOD_ROW - 1, W[g.at]), { italic: true });
    const header = { bold: true, background: HEADER_BACKGROUND, fontColor: HEADER_FONT, wrap: true };
    b.format(range(HEADER_ROW, 0, 1, TABLE_LAST_COL + 1), header);
    b.format(range(HEADER_ROW, CSF_WORKINGS_FIRST_COL, 1, WORKINGS_LAST_COL - CSF_WORKINGS_FIRST_COL + 1), {
      ...header,
      background: '#595959',
    });
    b.frozenRows = HEADER_ROW + 1;
    b.frozenCols = C.csf + 1;

    const teams = `${a1(first, C.team, true)}:${a1(last, C.team, true)}`;
    const reportedCol = `${a1(first, W.reported, true)}:${a1(last, W.reported, true)}`;
    b.formula(
      S.reviewMonthUsed.row,
      S.reviewMonthUsed.col,
      `IF(${review}="",MAX(1,MAX(${reportedCol})),${review})`,
    );

    for (let r = first; r <= last; r++) {
      const at = (col: number) => a1(r, col);
      /** Column `col` of this row, fixed to its column (for formulas copied across a monthly block). */
      const fixed = (col: number) => `$${at(col)}`;
      const run = (col: number) => `${at(col)}:${at(col + PERIODS - 1)}`;
      const put = (col: number, formula: string) => b.formula(r, col, formula);
      const name = at(C.csf);
      const agg = at(C.aggregation);
      const inp = at(C.input);
      const dir = at(C.direction);
      const tol = at(C.tolerance);
      const annual = at(C.annualTarget);
      const isSum = at(W.isSum);
      const isAvg = at(W.isAverage);
      const isLast = at(W.isLast);
      const isCum = at(W.isCumulative);
      const months = at(W.months);
      const YT = at(C.ytdTarget);
      const YA = at(C.ytdActual);
      const V = at(C.variance);

      // Inputs: monthly targets default to the annual target phased (Sum: evenly, or as running totals for
      // Cumulative input; Average and Last: flat), until the user types a profile over them.
      for (let p = 0; p < PERIODS; p++)
        put(
          C.firstTarget + p,
          `IF(ISNUMBER($${annual}),IF(${fixed(W.isSum)},$${annual}/${N}*IF(${fixed(W.isCumulative)},${periodRef(C.firstTarget + p)},1),$${annual}),"")`,
        );

      // Settings as read: blank aggregation is Sum, blank input Per month, blank tolerance the sheet's default.
      put(W.isSum, `OR(${agg}="",${agg}="Sum")`);
      put(W.isAverage, `${agg}="Average"`);
      put(W.isLast, `${agg}="Last"`);
      put(W.isCumulative, `${inp}="Cumulative"`);
      put(W.toleranceUsed, `IF(${tol}="",${setting('defaultTolerance')},${tol})`);
      put(W.aggregationCheck, `IF(OR(${isSum},${isAvg},${isLast}),"",${lit(SETTING_WORDS.aggregation)})`);
      put(W.inputCheck, `IF(OR(${inp}="",${inp}="Per month",${isCum}),"",${lit(SETTING_WORDS.input)})`);
      put(W.cumulativeCheck, `IF(AND(${isCum},NOT(${isSum})),${lit(SETTING_WORDS.cumulative)},"")`);
      put(
        W.directionCheck,
        `IF(OR(${dir}="",${dir}="up",${dir}="down",${dir}="range"),"",${lit(SETTING_WORDS.direction)})`,
      );
      put(
        W.toleranceCheck,
        `IF(IF(ISNUMBER(${tol}),OR(${tol}<0,${tol}>1),${tol}<>""),${lit(SETTING_WORDS.tolerance)},"")`,
      );
      put(W.annualCheck, `IF(OR(${annual}="",ISNUMBER(${annual})),"",${lit(SETTING_WORDS.annualTarget)})`);
      const checks = [
        W.aggregationCheck,
        W.inputCheck,
        W.cumulativeCheck,
        W.directionCheck,
        W.toleranceCheck,
      ];
      put(
        W.settingsCheck,
        checks.reduceRight((rest, c) => `IF(${at(c)}<>"",${at(c)},${rest})`, at(W.annualCheck)),
      );

      // Actuals: the leading run of numbers (a month without one ends it); running totals become months by
      // differences, and a month where they fall is marked "fall" and ends the run.
      put(W.monthlyActual, `IF(ISNUMBER(${at(C.firstActual)}),${at(C.firstActual)},"")`);
      for (let p = 1; p < PERIODS; p++) {
        const a = at(C.firstActual + p);
        const prev = at(C.firstActual + p - 1);
        put(
          W.monthlyActual + p,
          `IF(AND(ISNUMBER(${at(W.monthlyActual + p - 1)}),ISNUMBER(${a})),IF(${fixed(W.isCumulative)},IF(${a}<${prev},"fall",${a}-${prev}),${a}),"")`,
        );
      }
      // Added up month by month, as the model adds (a running total, not SUM, whose engines differ in the last bits).
      put(W.actualToDate, `IF(ISNUMBER(${at(W.monthlyActual)}),${at(W.monthlyActual)},"")`);
      for (let p = 1; p < PERIODS; p++) {
        const v = at(W.monthlyActual + p);
        put(W.actualToDate + p, `IF(ISNUMBER(${v}),${at(W.actualToDate + p - 1)}+${v},"")`);
      }
      const r12 = at(W.reported);
      const rr = at(W.throughReview);
      const firstUnreported = at(W.firstUnreported);
      put(W.reported, `IF(${name}="",0,COUNT(${run(W.monthlyActual)}))`);
      put(W.throughReview, `MIN(${r12},${m})`);
      put(W.firstUnreported, `IF(${r12}<${N},INDEX(${monthNames},1,${r12}+1),"")`);
      put(
        W.actualFall,
        `IF(AND(${r12}<${m},COUNTIF(${run(W.monthlyActual)},"fall")>0),${wordsAround(flags.fall, firstUnreported)},"")`,
      );
      put(W.laterActual, `COUNT(${run(C.firstActual)})>${r12}`);
      put(
        W.actualGap,
        `IF(AND(${r12}<${m},${at(W.laterActual)}),${wordsAround(flags.gap, firstUnreported)},"")`,
      );

      // Targets through the months reported; running totals become months (a blank before counts as 0).
      put(
        W.monthlyTarget,
        `IF(AND(${periodRef(W.monthlyTarget)}<=${fixed(W.throughReview)},ISNUMBER(${at(C.firstTarget)})),${at(C.firstTarget)},"")`,
      );
      for (let p = 1; p < PERIODS; p++) {
        const t = at(C.firstTarget + p);
        // SUM of the month before: its target, or 0 when it holds no number (as the model reads it).
        const before = `SUM(${at(C.firstTarget + p - 1)})`;
        put(
          W.monthlyTarget + p,
          `IF(AND(${periodRef(W.monthlyTarget + p)}<=${fixed(W.throughReview)},ISNUMBER(${t})),IF(${fixed(W.isCumulative)},IF(${t}<${before},"fall",${t}-${before}),${t}),"")`,
        );
      }
      put(W.targetToDate, `IF(ISNUMBER(${at(W.monthlyTarget)}),${at(W.monthlyTarget)},"")`);
      for (let p = 1; p < PERIODS; p++) {
        const v = at(W.monthlyTarget + p);
        put(W.targetToDate + p, `IF(ISNUMBER(${v}),N(${at(W.targetToDate + p - 1)})+${v},"")`);
      }
      const fallAt = at(W.targetFallAt);
      put(
        W.targetFallAt,
        `IF(COUNTIF(${run(W.monthlyTarget)},"fall")=0,"",MATCH("fall",${run(W.monthlyTarget)},0))`,
      );
      put(
        W.targetFall,
        `IF(${fallAt}="","",${wordsAround(flags.targetFall, `INDEX(${monthNames},1,${fallAt})`)})`,
      );
      put(
        W.targetMissing,
        `IF(COUNT(${run(W.monthlyTarget)})<${rr},${wordsAround(flags.targetMissing, `INDEX(${monthNames},1,${rr})`)},"")`,
      );

      // Text in a month cell (at least one character; "" from a formula is blank, error values are not text).
      // Per month: its period number when the cell holds text of at least one character (ISTEXT is FALSE for an
      // error value), then the first such month; no wildcard or array formula, which the engines read apart.
      const textMonths = (block: number, inputs: number) => {
        for (let p = 0; p < PERIODS; p++) {
          const cell = at(inputs + p);
          put(block + p, `IF(ISTEXT(${cell}),IF(${cell}="","",${periodRef(block + p)}),"")`);
        }
      };
      textMonths(W.textActualMonth, C.firstActual);
      textMonths(W.textTargetMonth, C.firstTarget);
      const textAt = (block: number) => `IF(COUNT(${run(block)})=0,"",MIN(${run(block)}))`;
      const textWords = (atCol: number, words: (month: string) => string) =>
        `IF(${at(atCol)}="","",${wordsAround(words, `INDEX(${monthNames},1,${at(atCol)})`)})`;
      put(W.textActualAt, textAt(W.textActualMonth));
      put(W.textActual, textWords(W.textActualAt, flags.textActual));
      put(W.textTargetAt, textAt(W.textTargetMonth));
      put(W.textTarget, textWords(W.textTargetAt, flags.textTarget));
      const textCheck = `IF(${at(W.textActual)}<>"",${at(W.textActual)},${at(W.textTarget)})`;
      put(W.textCheck, `IF(${at(W.settingsCheck)}<>"",${at(W.settingsCheck)},${textCheck})`);

      // The first problem stops every figure (in the model's words); otherwise r months are in the figures.
      const flag = at(W.flag);
      const problems = [W.textCheck, W.actualFall, W.actualGap, W.targetFall];
      put(
        W.flag,
        `IF(${name}="","",${problems.reduceRight((rest, c) => `IF(${at(c)}<>"",${at(c)},${rest})`, at(W.targetMissing))})`,
      );
      put(W.months, `IF(AND(${name}<>"",${flag}=""),${rr},"")`);
      const none = `N(${months})=0`;
      const sum = at(W.sum);
      const latest = at(W.latest);
      const before = at(W.before);
      const twoBefore = at(W.twoBefore);
      put(W.sum, `IF(${none},"",INDEX(${run(W.actualToDate)},1,${months}))`);
      put(W.latest, `IF(${none},"",INDEX(${run(W.monthlyActual)},1,${months}))`);
      put(W.before, `IF(N(${months})>1,INDEX(${run(W.monthlyActual)},1,${months}-1),"")`);
      put(W.twoBefore, `IF(N(${months})>2,INDEX(${run(W.monthlyActual)},1,${months}-2),"")`);
      const band = at(W.band);
      const fav = at(W.favourable);
      put(W.band, `IF(${none},"",${at(W.toleranceUsed)}*ABS(${YT}))`);
      put(
        W.favourable,
        `IF(${none},"",IF(${dir}="range",ABS(${V})<=${band},IF(${dir}="down",${YA}<=${YT},${YA}>=${YT})))`,
      );
      put(
        W.withinBand,
        `IF(${none},"",IF(${dir}="range",ABS(${V})<=${band}+${band},IF(${dir}="down",${YA}<=${YT}+${band},${YA}>=${YT}-${band})))`,
      );
      const share = at(W.share);
      put(W.share, `IF(OR(${none},${YT}=0),"",${V}/ABS(${YT}))`);
      const toReach = at(W.toReach);
      put(
        W.toReach,
        `IF(OR(${none},${annual}=""),"",IF(${isAvg},${annual}*${N}-${sum},${annual}-IF(${isLast},${latest},${sum})))`,
      );
      const neededRaw = at(W.neededRaw);
      put(W.neededRaw, `IF(${toReach}="","",IF(${months}>=${N},"",${toReach}/(${N}-${months})))`);
      const slope = at(W.slope);
      const mean = at(W.mean);
      const points = `COUNT(${latest}:${twoBefore})`;
      put(
        W.slope,
        `IF(${before}="","",(${latest}-IF(${twoBefore}="",${before},${twoBefore}))/(${points}-1))`,
      );
      put(
        W.mean,
        `IF(${before}="","",IF(${twoBefore}="",${latest}+${before},${latest}+${before}+${twoBefore})/${points})`,
      );

      // Results, next to the CSF.
      put(
        C.through,
        `IF(${months}="","",IF(${months}=0,"no actual yet",IF(${months}<${m},"through ","")&INDEX(${monthNames},1,${months})))`,
      );
      put(
        C.ytdTarget,
        `IF(${none},"",IF(${isLast},INDEX(${run(W.monthlyTarget)},1,${months}),INDEX(${run(W.targetToDate)},1,${months})/IF(${isAvg},${months},1)))`,
      );
      put(C.ytdActual, `IF(${none},"",IF(${isLast},${latest},${sum}/IF(${isAvg},${months},1)))`);
      put(C.variance, `IF(${none},"",${YA}-${YT})`);
      put(C.side, `IF(${fav}="","",IF(${fav},"Favourable","Unfavourable"))`);
      // Attainment above 1 is always better: a ratio while target (and, for down, actual) is positive, else
      // 1 ± variance / |target|.
      const ratio = at(W.ratio);
      put(
        W.ratio,
        `IF(${share}="","",IF(${dir}="down",IF(AND(${YT}>0,${YA}>0),${YT}/${YA},""),IF(${YT}>0,${YA}/${YT},"")))`,
      );
      put(
        C.attainment,
        `IF(${share}="","",IF(${dir}="range",1-ABS(${share}),IF(${ratio}<>"",${ratio},IF(${dir}="down",1-${share},1+${share}))))`,
      );
      put(
        C.status,
        `IF(${months}="","",IF(${months}<${m},${lit(AWAITING_ACTUAL)},IF(${fav},"On track",IF(${at(W.withinBand)},"At risk","Off track"))))`,
      );
      put(C.forecast, `IF(${none},"",IF(${isSum},${YA}/${months}*${N},${YA}))`);
      put(C.forecastGap, `IF(OR(${none},${annual}=""),"",${at(C.forecast)}-${annual})`);
      put(
        C.needed,
        `IF(${neededRaw}="","",IF(AND(${isLast},${dir}="down"),MIN(0,${neededRaw}),IF(AND(${isLast},${dir}="range"),${neededRaw},MAX(0,${neededRaw}))))`,
      );
      put(W.steady, `IF(${slope}="","",OR(${slope}=0,ABS(${slope})<${setting('steadyShare')}*ABS(${mean})))`);
      put(
        C.trend,
        `IF(OR(${slope}="",${dir}="range"),"",IF(${at(W.steady)},"Steady",IF((${slope}>0)=(${dir}<>"down"),"Improving","Worsening")))`,
      );
      put(C.check, `IF(${flag}<>"",${flag},IF(AND(N(${months})>0,${YT}=0),${lit(flags.zeroTarget)},""))`);
      const maxPerTeam = setting('maxPerTeam');
      put(
        C.teamCheck,
        `IF(${at(C.team)}="","",IF(COUNTIF(${teams},${at(C.team)})>${maxPerTeam},"More than "&${maxPerTeam}&" CSFs","OK"))`,
      );
    }

    // Validation, formats and colours.
    const data = (col: number, cols = 1) => range(first, col, dataRows, cols);
    b.validate(data(C.team), TEAMS, false, 'Pick a team or type your own');
    b.validate(
      data(C.measureType),
      MEASURE_TYPES,
      true,
      'activity (effort you control) or result (the outcome)',
    );
    b.validate(
      data(C.aggregation),
      AGGREGATIONS,
      true,
      'Sum: flows (revenue, calls); Average: rates and ratios; Last: levels and balances',
    );
    b.validate(data(C.input), INPUT_KINDS, true, 'Per month, or Cumulative for running (YTD) totals');
    b.validate(
      data(C.direction),
      DIRECTIONS,
      true,
      'up: more is better; down: less is better; range: close to target',
    );
    b.validateNumber(data(C.tolerance), 0, 1, 'A share of the target, e.g. 10%; blank: the default above');
    b.format(data(C.tolerance), { numberFormat: '0%' });
    const results = data(C.through, C.teamCheck - C.through + 1);
    b.format(results, { background: COMPUTED_BACKGROUND });
    b.format(data(C.attainment), { numberFormat: '0%' });
    b.format(data(C.status), { bold: true });
    b.format(data(C.check), { fontColor: '#990000' });
    b.statusColours(data(C.status));
    b.textColour(data(C.status), AWAITING_ACTUAL, '#e8eaf6', '#3c4a8c');
    b.textColour(data(C.side), 'Favourable', '#ffffff', '#274e13');
    b.textColour(data(C.side), 'Unfavourable', '#ffffff', '#990000');
    // Number formats from the unit: the example rows by theirs, the rest whole numbers (one block).
    const unitBlock = (row: number, rows: number, unit: string) => {
      const f = unitFormats(unit);
      for (const col of [C.annualTarget, C.ytdTarget, C.ytdActual, C.forecast, C.needed])
        b.format(range(row, col, rows), { numberFormat: f.value });
      b.format(range(row, C.variance, rows), { numberFormat: f.signed });
      b.format(range(row, C.forecastGap, rows), { numberFormat: f.signed });
      b.format(range(row, C.firstTarget, rows, 2 * PERIODS), { numberFormat: f.value });
    };
    const examples = options.examples ? EXAMPLES.length : 0;
    for (let i = 0; i < examples; i++) unitBlock(first + i, 1, EXAMPLES[i].unit);
    if (dataRows > examples) unitBlock(first + examples, dataRows - examples, '');
    b.format(range(first, CSF_WORKINGS_FIRST_COL, dataRows, WORKINGS_LAST_COL - CSF_WORKINGS_FIRST_COL + 1), {
      background: COMPUTED_BACKGROUND,
      fontColor: '#595959',
    });
    b.nameRange(CSF_NAMES.table, range(HEADER_ROW, 0, dataRows + 1, TABLE_LAST_COL + 1));

    b.width(C.team, 110).width(C.csf, 180).width(C.metric, 160).width(C.measureType, 95).width(C.owner, 120);
    for (let c: number = C.unit; c <= C.annualTarget; c++)
      b.width(c, c === C.aggregation || c === C.input ? 95 : 80);
    for (let c: number = C.through; c <= C.teamCheck; c++)
      b.width(c, c === C.check ? 260 : c === C.status || c === C.forecastGap ? 110 : 95);
    for (let c = C.firstTarget; c <= TABLE_LAST_COL; c++) b.width(c, 75);
    b.width(TABLE_LAST_COL + 1, 30);
    for (let c = CSF_WORKINGS_FIRST_COL; c <= WORKINGS_LAST_COL; c++) b.width(c, 95);

    if (options.examples) {
      EXAMPLES.forEach((e, i) => {
        const r = first + i;
        b.row(r, 0, [
          e.team,
          `Example: ${e.csf}`,
          e.metric,
          e.type,
          e.owner,
          e.unit,
          e.aggregation,
          e.input,
          e.direction,
          e.tolerance,
          e.annual,
        ]);
        e.actuals.forEach((v, p) => {
          if (v !== null) b.value(r, C.firstActual + p, v);
        });
      });
      b.format(range(first, 0, EXAMPLES.length, C.annualTarget + 1), { background: EXAMPLE_BACKGROUND });
    }
    return b.build();
  },
};
