/**
 * CSF Tracker (SPEC §2): one row per critical success factor, monthly targets against monthly actuals, and
 * the computed YTD, attainment, status, forecast, required run-rate and trend. The formulas use only functions
 * Excel, Google Sheets and LibreOffice compute alike, and agree with SE_STATUS, SE_ATTAINMENT, SE_FORECAST
 * ("runrate"), SE_REQUIRED_RATE and SE_TREND (window 3) on the same numbers.
 */
import { DIRECTIONS } from '../measures/direction';
import { a1 } from './a1';
import {
  COMPUTED_BACKGROUND,
  EXAMPLE_BACKGROUND,
  HEADER_BACKGROUND,
  HEADER_FONT,
  PlanBuilder,
  range,
} from './planBuilder';
import { DEFAULT_PLAN_YEAR, type Template, type TemplateOptions } from './template';

export const PERIODS = 12;
export const MAX_CSFS_PER_TEAM = 3;
export const TEAMS = ['Sales', 'Marketing', 'Customer Success', 'Operations', 'Finance'] as const;
export const MEASURE_TYPES = ['activity', 'result'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Column positions (0-based) of the tracker table, by what they hold. */
export const CSF_COLUMNS = {
  team: 0,
  csf: 1,
  metric: 2,
  measureType: 3,
  owner: 4,
  unit: 5,
  direction: 6,
  tolerance: 7,
  annualTarget: 8,
  firstTarget: 9,
  firstActual: 9 + PERIODS,
  ytdTarget: 9 + 2 * PERIODS,
  ytdActual: 10 + 2 * PERIODS,
  attainment: 11 + 2 * PERIODS,
  status: 12 + 2 * PERIODS,
  forecast: 13 + 2 * PERIODS,
  requiredRate: 14 + 2 * PERIODS,
  trend: 15 + 2 * PERIODS,
  teamCheck: 16 + 2 * PERIODS,
} as const;

/** The header text of each column: the review finds columns by these, so users may move things around them. */
export const CSF_HEADERS = {
  team: 'Team',
  csf: 'CSF',
  metric: 'Metric',
  measureType: 'Measure type',
  owner: 'Owner',
  unit: 'Unit',
  direction: 'Direction',
  tolerance: 'Tolerance',
  annualTarget: 'Annual target',
  ytdTarget: 'YTD target',
  ytdActual: 'YTD actual',
  attainment: 'Attainment',
  status: 'Status',
  forecast: 'Forecast (run-rate)',
  requiredRate: 'Required per month',
  trend: 'Trend',
  teamCheck: 'CSFs in team',
} as const;

/** Base names of the tracker's named ranges; a second tracker's get a suffix (see namedRangeSuffix). */
export const CSF_NAMES = {
  fiscalYearStart: 'SE_CSF_FiscalYearStart',
  reviewPeriod: 'SE_CSF_ReviewPeriod',
  firstYear: 'SE_CSF_FirstYear',
  table: 'SE_CSF_Table',
} as const;

const TITLE_ROW = 0;
const SETTINGS_ROW = 2;
const PERIOD_ROW = 4;
const HEADER_ROW = 5;
export const CSF_FIRST_DATA_ROW = 6;
const DEFAULT_ROWS = 15;
/** The examples hold seven months of actuals, so their review is of period 7. */
const EXAMPLE_REVIEW_PERIOD = 7;

interface ExampleCsf {
  team: string;
  csf: string;
  metric: string;
  type: (typeof MEASURE_TYPES)[number];
  owner: string;
  unit: string;
  direction: 'up' | 'down' | 'range';
  tolerance: number;
  annual: number;
  actuals: number[];
}

/** Seven months of a plausible year: Sales and Marketing, three CSFs each, activity and result measures. */
const EXAMPLES: ExampleCsf[] = [
  {
    team: 'Sales',
    csf: 'Win new logos',
    metric: 'New-logo revenue',
    type: 'result',
    owner: 'Head of Sales',
    unit: 'k€',
    direction: 'up',
    tolerance: 0.1,
    annual: 1200,
    actuals: [80, 90, 100, 95, 110, 105, 120],
  },
  {
    team: 'Sales',
    csf: 'Fill the funnel',
    metric: 'Qualified appointments',
    type: 'activity',
    owner: 'Sales managers',
    unit: 'count',
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
    direction: 'down',
    tolerance: 0.1,
    annual: 240,
    actuals: [19, 21, 20, 22, 24, 23, 25],
  },
  {
    team: 'Marketing',
    csf: 'Generate demand',
    metric: 'MQLs',
    type: 'activity',
    owner: 'Head of Marketing',
    unit: 'count',
    direction: 'up',
    tolerance: 0.1,
    annual: 2400,
    actuals: [180, 190, 210, 220, 205, 230, 240],
  },
  {
    team: 'Marketing',
    csf: 'Hand over good leads',
    metric: 'SQLs accepted by sales',
    type: 'result',
    owner: 'Demand gen',
    unit: 'count',
    direction: 'up',
    tolerance: 0.1,
    annual: 720,
    actuals: [50, 58, 61, 55, 66, 62, 64],
  },
  {
    team: 'Marketing',
    csf: 'Spend to plan',
    metric: 'Campaign spend',
    type: 'activity',
    owner: 'Marketing ops',
    unit: 'k€',
    direction: 'range',
    tolerance: 0.05,
    annual: 360,
    actuals: [28, 31, 30, 36, 29, 33, 30],
  },
];

export const csfTracker: Template = {
  id: 'csf-tracker',
  title: 'CSF Tracker',
  summary:
    'At most three critical success factors per team: monthly targets vs actuals, status, forecast and trend.',
  columns: [
    { header: 'Team', meaning: 'Sales, Marketing, … (a drop-down; type your own team if it is not listed).' },
    { header: 'CSF', meaning: 'The critical success factor, in a few words.' },
    { header: 'Metric', meaning: 'What is counted to track it.' },
    { header: 'Measure type', meaning: '`activity` (effort the team controls) or `result` (the outcome).' },
    { header: 'Owner', meaning: 'Who answers for it at the review.' },
    { header: 'Unit', meaning: 'k€, count, … (for reading only).' },
    {
      header: 'Direction',
      meaning: '`up` (more is better), `down` (less is better) or `range` (close to target is best).',
    },
    { header: 'Tolerance', meaning: 'How far from target still counts as At risk (default 10%).' },
    { header: 'Annual target', meaning: 'The target for the fiscal year.' },
    {
      header: 'Target Jan … Target Dec',
      prefix: 'Target ',
      count: PERIODS,
      meaning:
        'Monthly targets: an even split of the annual target until you type your own phasing (SE_PHASE helps). Headers follow the fiscal year start.',
    },
    {
      header: 'Actual Jan … Actual Dec',
      prefix: 'Actual ',
      count: PERIODS,
      meaning: 'Monthly actuals: typed, or formulas into your plan sheets. Leave months still to come blank.',
    },
    { header: 'YTD target', meaning: 'Targets summed through the review period (computed).' },
    { header: 'YTD actual', meaning: 'Actuals summed through the review period (computed).' },
    { header: 'Attainment', meaning: 'YTD actual against YTD target, by direction (as SE_ATTAINMENT).' },
    { header: 'Status', meaning: 'On track, At risk or Off track, coloured (as SE_STATUS).' },
    {
      header: 'Forecast (run-rate)',
      meaning: 'Actuals so far extended at their average to twelve months (as SE_FORECAST).',
    },
    {
      header: 'Required per month',
      meaning: 'What each remaining month needs to reach the annual target (as SE_REQUIRED_RATE).',
    },
    {
      header: 'Trend',
      meaning:
        'Improving, Steady or Worsening over the last three months (as SE_TREND); blank for `range` measures.',
    },
    { header: 'CSFs in team', meaning: 'Flags a team with more than three CSFs.' },
  ],
  notes:
    'Row 3 holds the settings: the month the fiscal year starts (1-12, which renames the month headers), the review period (1-12) that YTD figures run to, and the calendar year of period 1 (which dates the Review Log and names the quarterly review, e.g. Review Q3 FY2026).',
  render(options: TemplateOptions) {
    const dataRows = Math.max(options.rows ?? DEFAULT_ROWS, options.examples ? EXAMPLES.length : 1);
    const b = new PlanBuilder('CSF Tracker');
    const C = CSF_COLUMNS;
    const first = CSF_FIRST_DATA_ROW;
    const last = first + dataRows - 1;
    const lastCol = C.teamCheck;

    b.value(TITLE_ROW, 0, 'CSF Tracker').format(range(TITLE_ROW, 0), { bold: true });
    b.value(
      TITLE_ROW + 1,
      0,
      `At most ${MAX_CSFS_PER_TEAM} critical success factors per team. Type or link monthly actuals (leave future months blank); grey columns compute.`,
    ).format(range(TITLE_ROW + 1, 0), { italic: true });

    // Settings: the fiscal year's first month and the period under review.
    b.value(SETTINGS_ROW, 0, 'Fiscal year starts (month 1-12)').value(SETTINGS_ROW, 2, 1);
    b.value(SETTINGS_ROW, 4, 'Review period (1-12)');
    b.value(SETTINGS_ROW, 6, options.examples ? EXAMPLE_REVIEW_PERIOD : 1);
    b.value(SETTINGS_ROW, 8, 'Year of period 1');
    b.value(SETTINGS_ROW, 10, options.year ?? DEFAULT_PLAN_YEAR);
    const year = range(SETTINGS_ROW, 10);
    b.format(year, { numberFormat: '0', background: '#fff2cc', bold: true });
    b.validateNumber(year, 1900, 9999, "The calendar year of the fiscal year's first month");
    b.nameRange(CSF_NAMES.firstYear, year);
    const fyStart = range(SETTINGS_ROW, 2);
    const review = range(SETTINGS_ROW, 6);
    b.format(fyStart, { numberFormat: '0', background: '#fff2cc', bold: true }).format(review, {
      numberFormat: '0',
      background: '#fff2cc',
      bold: true,
    });
    b.nameRange(CSF_NAMES.fiscalYearStart, fyStart).nameRange(CSF_NAMES.reviewPeriod, review);
    b.validateNumber(fyStart, 1, 12, 'The month the fiscal year starts: 1 for January … 12 for December');
    b.validateNumber(
      review,
      1,
      PERIODS,
      'The period YTD figures run to: 1 for the first month of the fiscal year',
    );

    // Period numbers (used by SUMIF for year-to-date) and month names that follow the fiscal year start.
    b.value(PERIOD_ROW, C.firstTarget - 1, 'Period');
    const fy = a1(SETTINGS_ROW, 2, true);
    for (let p = 0; p < PERIODS; p++) {
      b.value(PERIOD_ROW, C.firstTarget + p, p + 1).value(PERIOD_ROW, C.firstActual + p, p + 1);
      const month = `CHOOSE(MOD(${fy}+${p - 1},12)+1,${MONTHS.map((m) => `"${m}"`).join(',')})`;
      b.formula(HEADER_ROW, C.firstTarget + p, `"Target "&${month}`);
      b.formula(HEADER_ROW, C.firstActual + p, `"Actual "&${month}`);
    }
    b.format(range(PERIOD_ROW, C.firstTarget - 1, 1, 2 * PERIODS + 1), {
      fontColor: '#999999',
      horizontalAlignment: 'center',
    });

    for (const [key, text] of Object.entries(CSF_HEADERS))
      b.value(HEADER_ROW, C[key as keyof typeof CSF_HEADERS], text);
    b.format(range(HEADER_ROW, 0, 1, lastCol + 1), {
      bold: true,
      background: HEADER_BACKGROUND,
      fontColor: HEADER_FONT,
      wrap: true,
    });
    b.frozenRows = HEADER_ROW + 1;
    b.frozenCols = C.csf + 1;

    const targets = (r: number) => `${a1(r, C.firstTarget)}:${a1(r, C.firstTarget + PERIODS - 1)}`;
    const actuals = (r: number) => `${a1(r, C.firstActual)}:${a1(r, C.firstActual + PERIODS - 1)}`;
    const periodsOf = (col: number) =>
      `${a1(PERIOD_ROW, col, true)}:${a1(PERIOD_ROW, col + PERIODS - 1, true)}`;
    const rv = a1(SETTINGS_ROW, 6, true);
    for (let r = first; r <= last; r++) {
      const cell = (col: number) => a1(r, col);
      const annual = cell(C.annualTarget);
      const dir = cell(C.direction);
      const tol = `IF(${cell(C.tolerance)}="",0.1,${cell(C.tolerance)})`;
      const t = cell(C.ytdTarget);
      const a = cell(C.ytdActual);
      const n = `COUNT(${actuals(r)})`;
      // Phased targets default to an even split of the annual target; users overwrite them with their own profile.
      for (let p = 0; p < PERIODS; p++)
        b.formula(r, C.firstTarget + p, `IF(${annual}="","",${annual}/${PERIODS})`);
      b.formula(
        r,
        C.ytdTarget,
        `IF(${annual}="","",SUMIF(${periodsOf(C.firstTarget)},"<="&${rv},${targets(r)}))`,
      );
      b.formula(r, C.ytdActual, `IF(${n}=0,"",SUMIF(${periodsOf(C.firstActual)},"<="&${rv},${actuals(r)}))`);
      b.formula(
        r,
        C.attainment,
        `IF(OR(${t}="",${a}=""),"",IF(${dir}="down",IF(${a}=0,"",${t}/${a}),IF(${dir}="range",IF(${t}=0,"",1-ABS(${a}-${t})/ABS(${t})),IF(${t}=0,"",${a}/${t}))))`,
      );
      b.formula(
        r,
        C.status,
        `IF(OR(${t}="",${a}=""),"",IF(${dir}="down",IF(${a}<=${t},"On track",IF(${a}<=${t}+${tol}*ABS(${t}),"At risk","Off track")),` +
          `IF(${dir}="range",IF(ABS(${a}-${t})<=${tol}*ABS(${t}),"On track",IF(ABS(${a}-${t})<=2*${tol}*ABS(${t}),"At risk","Off track")),` +
          `IF(${a}>=${t},"On track",IF(${a}>=${t}-${tol}*ABS(${t}),"At risk","Off track")))))`,
      );
      b.formula(r, C.forecast, `IF(${n}=0,"",SUM(${actuals(r)})/${n}*${PERIODS})`);
      b.formula(
        r,
        C.requiredRate,
        `IF(OR(${annual}="",${n}=0,${n}>=${PERIODS}),"",MAX(0,(${annual}-SUM(${actuals(r)}))/(${PERIODS}-${n})))`,
      );
      // SE_TREND with window 3: the least-squares slope of the last three values is (last − first) / 2, of two
      // values their difference; Steady under 2% of their mean. A "range" measure has no good direction without
      // its target, so it gets no trend (SE_TREND rejects "range" for the same reason).
      const at = (k: string) => `INDEX(${actuals(r)},1,${n}${k})`;
      const slope = `IF(${n}>=3,(${at('')}-${at('-2')})/2,${at('')}-${at('-1')})`;
      const mean = `IF(${n}>=3,(${at('')}+${at('-1')}+${at('-2')})/3,(${at('')}+${at('-1')})/2)`;
      b.formula(
        r,
        C.trend,
        `IF(OR(${n}<2,${dir}="range"),"",IF(OR(${slope}=0,ABS(${slope})<0.02*ABS(${mean})),"Steady",IF((${slope}>0)=(${dir}<>"down"),"Improving","Worsening")))`,
      );
      const teams = `${a1(first, C.team, true)}:${a1(last, C.team, true)}`;
      b.formula(
        r,
        C.teamCheck,
        `IF(${cell(C.team)}="","",IF(COUNTIF(${teams},${cell(C.team)})>${MAX_CSFS_PER_TEAM},"More than ${MAX_CSFS_PER_TEAM} CSFs","OK"))`,
      );
    }

    const data = (col: number, cols = 1) => range(first, col, dataRows, cols);
    b.validate(data(C.team), TEAMS, false, 'Pick a team or type your own');
    b.validate(
      data(C.measureType),
      MEASURE_TYPES,
      true,
      'activity (effort you control) or result (the outcome)',
    );
    b.validate(
      data(C.direction),
      DIRECTIONS,
      true,
      'up: more is better; down: less is better; range: close to target',
    );
    b.format(data(C.tolerance), { numberFormat: '0%' });
    b.format(data(C.annualTarget), { numberFormat: '#,##0.##' });
    b.format(data(C.firstTarget, 2 * PERIODS), { numberFormat: '#,##0.##' });
    b.format(data(C.ytdTarget, 2), { numberFormat: '#,##0.##', background: COMPUTED_BACKGROUND });
    b.format(data(C.attainment), { numberFormat: '0%', background: COMPUTED_BACKGROUND });
    b.format(data(C.status), { background: COMPUTED_BACKGROUND, bold: true });
    b.format(data(C.forecast, 2), { numberFormat: '#,##0.##', background: COMPUTED_BACKGROUND });
    b.format(data(C.trend, 2), { background: COMPUTED_BACKGROUND });
    b.statusColours(data(C.status));
    b.nameRange(CSF_NAMES.table, range(HEADER_ROW, 0, dataRows + 1, lastCol + 1));

    b.width(C.team, 110).width(C.csf, 180).width(C.metric, 160).width(C.measureType, 95).width(C.owner, 120);
    for (let c = C.unit; c <= C.annualTarget; c++) b.width(c, 85);
    for (let c = C.firstTarget; c < C.ytdTarget; c++) b.width(c, 75);
    for (let c = C.ytdTarget; c <= lastCol; c++) b.width(c, c === C.status || c === C.teamCheck ? 110 : 95);

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
          e.direction,
          e.tolerance,
          e.annual,
        ]);
        e.actuals.forEach((v, p) => b.value(r, C.firstActual + p, v));
      });
      b.format(range(first, 0, EXAMPLES.length, C.annualTarget + 1), { background: EXAMPLE_BACKGROUND });
    }
    return b.build();
  },
};
