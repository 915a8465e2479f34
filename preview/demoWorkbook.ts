/**
 * The demo workbook `npm start` opens on: one business unit's year, built from the six templates (and the app's
 * own save for last month's review), not drawn by hand. A "Plan" sheet holds the BU's monthly plan and actuals
 * per measure; the CSF Tracker's targets and actuals are formulas into it, so typing an actual there moves the
 * tracker's status and forecast. The numbers are set so July's review has something to say: an activity
 * measure off track (results follow activities), a cost over budget and a conversion rate (an Average, in %)
 * at risk, one CSF whose July actual is not in yet (Awaiting actual), the rest on track, and open actions.
 *
 * Pure data over the Workbook port (and MemoryWorkbook's engine-free insertSheet): no DOM, no clock.
 */
import { asyncHost } from '../src/app/hostApi';
import { isoToSerial } from '../src/review/calendar';
import { a1 } from '../src/templates/a1';
import {
  activityFunnel,
  FUNNEL_COLUMNS,
  FUNNEL_FIRST_DATA_ROW,
  FUNNEL_STAGES,
} from '../src/templates/activityFunnel';
import { coachingLog } from '../src/templates/coachingLog';
import {
  CSF_COLUMNS,
  CSF_FIRST_DATA_ROW,
  csfTracker,
  PERIODS,
  unitFormats,
} from '../src/templates/csfTracker';
import { definitions } from '../src/templates/definitions';
import { HEADER_BACKGROUND, HEADER_FONT, PlanBuilder, range } from '../src/templates/planBuilder';
import { reviewLog } from '../src/templates/reviewLog';
import { seScorecard } from '../src/templates/seScorecard';
import { DEFAULT_PLAN_YEAR } from '../src/templates/template';
import type { PlanCell, PlanValue, SheetPlan } from '../src/templates/sheetPlan';
import type { Workbook } from '../src/workbook';

export interface DemoOptions {
  /** The calendar year of the demo's plan (period 1 is January of it); default 2026. */
  year?: number;
}

export const DEMO_BUSINESS_UNIT = 'North business unit';
export const PLAN_SHEET = 'Plan';
/**
 * The demo's actuals run to July: the review opens on period 7. The tracker's review-month setting is left
 * blank (the latest month any CSF reported), so typing August's actuals moves the review on.
 */
export const DEMO_REVIEW_PERIOD = 7;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface DemoMeasure {
  team: 'Sales' | 'Marketing';
  csf: string;
  metric: string;
  type: 'activity' | 'result';
  owner: string;
  unit: string;
  /** How months add up (SPEC §0): a flow sums, a rate averages. */
  aggregation: 'Sum' | 'Average';
  direction: 'up' | 'down' | 'range';
  tolerance: number;
  /** The monthly plan, twelve months (phased: they add up, or average, to the annual target). */
  plan: number[];
  /** Actuals so far (January to July); null for a month not in yet. */
  actuals: (number | null)[];
}

const even = (monthly: number): number[] => Array.from({ length: PERIODS }, () => monthly);

/**
 * Sales and Marketing, three CSFs each. July year to date: Fill the funnel (activity) Off track; Sell at a
 * sound cost (down: 151 k€ against 140 k€, 11 k€ over budget) and Hand over good leads (a conversion rate, the
 * mean of the months: 27.7% against 30.0%) At risk; Generate demand awaiting its July actual (through June);
 * Win new logos and Spend to plan On track.
 */
export const DEMO_MEASURES: readonly DemoMeasure[] = [
  {
    team: 'Sales',
    csf: 'Win new logos',
    metric: 'New-logo revenue',
    type: 'result',
    owner: 'Head of Sales',
    unit: 'k€',
    aggregation: 'Sum',
    direction: 'up',
    tolerance: 0.1,
    plan: [70, 80, 90, 95, 100, 105, 110, 100, 95, 110, 120, 125],
    actuals: [80, 85, 95, 100, 105, 110, 115],
  },
  {
    team: 'Sales',
    csf: 'Fill the funnel',
    metric: 'Qualified appointments',
    type: 'activity',
    owner: 'Sales managers',
    unit: 'count',
    aggregation: 'Sum',
    direction: 'up',
    tolerance: 0.1,
    plan: even(80),
    actuals: [78, 74, 70, 64, 60, 56, 52],
  },
  {
    team: 'Sales',
    csf: 'Sell at a sound cost',
    metric: 'Cost of sales',
    type: 'result',
    owner: 'Sales ops',
    unit: 'k€',
    aggregation: 'Sum',
    direction: 'down',
    tolerance: 0.1,
    plan: even(20),
    actuals: [19, 21, 20, 22, 23, 22, 24],
  },
  {
    team: 'Marketing',
    csf: 'Generate demand',
    metric: 'MQLs',
    type: 'activity',
    owner: 'Head of Marketing',
    unit: 'count',
    aggregation: 'Sum',
    direction: 'up',
    tolerance: 0.1,
    plan: [160, 170, 190, 200, 200, 210, 210, 180, 200, 220, 230, 230],
    // The marketing system's July export is late: July is still blank.
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
    direction: 'up',
    tolerance: 0.1,
    plan: even(0.3),
    actuals: [0.27, 0.29, 0.28, 0.27, 0.28, 0.27, 0.28],
  },
  {
    team: 'Marketing',
    csf: 'Spend to plan',
    metric: 'Campaign spend',
    type: 'activity',
    owner: 'Marketing ops',
    unit: 'k€',
    aggregation: 'Sum',
    direction: 'range',
    tolerance: 0.05,
    plan: even(30),
    actuals: [28, 31, 30, 32, 29, 31, 30],
  },
];

// --- The Plan sheet: per measure a Plan row and an Actual row, months across. ---
const PLAN_HEADER_ROW = 3;
const PLAN_FIRST_ROW = 4;
const PLAN_FIRST_MONTH_COL = 4;
const PLAN_TOTAL_COL = PLAN_FIRST_MONTH_COL + PERIODS;

/** 0-based rows of a measure's plan and actual lines on the Plan sheet. */
export function planRows(measure: number): { plan: number; actual: number } {
  return { plan: PLAN_FIRST_ROW + 2 * measure, actual: PLAN_FIRST_ROW + 2 * measure + 1 };
}

/** 0-based column of a month (1-12) on the Plan sheet. */
export function planMonthCol(period: number): number {
  return PLAN_FIRST_MONTH_COL + period - 1;
}

/** A measure's number format on the Plan sheet, from its unit: a rate 0.0%, anything else whole. */
const planFormat = (m: DemoMeasure): string => (m.unit === '%' ? '0.0%' : '#,##0');

function planSheet(year: number): SheetPlan {
  const b = new PlanBuilder(PLAN_SHEET);
  b.title(
    `Plan: ${DEMO_BUSINESS_UNIT}, ${year}`,
    'The BU plan and actuals per measure. Type each month’s actual in its yellow row; the CSF Tracker’s targets and actuals are formulas into this sheet. The year is the total of a flow and the average of a rate.',
  );
  b.header(PLAN_HEADER_ROW, 0, ['Team', 'Measure', 'Unit', 'Line', ...MONTHS, 'Year']);
  const months = (row: number) => `${a1(row, PLAN_FIRST_MONTH_COL)}:${a1(row, PLAN_TOTAL_COL - 1)}`;
  DEMO_MEASURES.forEach((m, i) => {
    const rows = planRows(i);
    const year = m.aggregation === 'Average' ? 'AVERAGE' : 'SUM';
    b.row(rows.plan, 0, [m.team, m.metric, m.unit, 'Plan', ...m.plan]);
    b.formula(rows.plan, PLAN_TOTAL_COL, `${year}(${months(rows.plan)})`);
    b.row(rows.actual, 0, [m.team, m.metric, m.unit, 'Actual', ...m.actuals]);
    b.formula(
      rows.actual,
      PLAN_TOTAL_COL,
      `IF(COUNT(${months(rows.actual)})=0,"",${year}(${months(rows.actual)}))`,
    );
    b.format(range(rows.plan, PLAN_FIRST_MONTH_COL, 2, PERIODS + 1), { numberFormat: planFormat(m) });
    b.format(range(rows.actual, PLAN_FIRST_MONTH_COL, 1, PERIODS), { background: '#fff2cc' });
    b.format(range(rows.actual, 3), { bold: true });
  });
  const last = planRows(DEMO_MEASURES.length - 1).actual;
  b.format(range(PLAN_FIRST_ROW, PLAN_TOTAL_COL, last - PLAN_FIRST_ROW + 1), {
    bold: true,
    background: '#f3f3f3',
  });
  b.format(range(PLAN_HEADER_ROW, 0, 1, PLAN_TOTAL_COL + 1), {
    bold: true,
    background: HEADER_BACKGROUND,
    fontColor: HEADER_FONT,
  });
  b.frozenRows = PLAN_HEADER_ROW + 1;
  b.frozenCols = 4;
  b.width(0, 95).width(1, 180).width(2, 60).width(3, 60);
  for (let c = PLAN_FIRST_MONTH_COL; c <= PLAN_TOTAL_COL; c++) b.width(c, 65);
  return b.build();
}

// --- Filling rendered templates ---

/** Puts cells into a rendered template's plan (its formats, validation and names stay as rendered). */
function fill(plan: SheetPlan, row: number, col: number, cells: readonly PlanCell[]): void {
  while (plan.cells.length <= row) plan.cells.push([]);
  const line = plan.cells[row];
  cells.forEach((cell, i) => {
    while (line.length <= col + i) line.push({ value: null });
    line[col + i] = cell;
  });
  plan.rows = Math.max(plan.rows, plan.cells.length);
  plan.cols = Math.max(plan.cols, line.length);
}

const values = (vs: readonly PlanValue[]): PlanCell[] => vs.map((value) => ({ value }));

function date(iso: string): number {
  const serial = isoToSerial(iso);
  if (serial === null) throw new Error(`not a date: ${iso}`);
  return serial;
}

function trackerSheet(year: number): SheetPlan {
  const plan = csfTracker.render({ examples: false, year });
  const C = CSF_COLUMNS;
  // Plan needs no quotes; written as a user would type it (=IF(Plan!E6="","",Plan!E6)).
  const onPlan = (row: number, col: number) => `${PLAN_SHEET}!${a1(row, col)}`;
  // The review-month setting stays blank: the review is of the latest month any CSF reported (July).
  DEMO_MEASURES.forEach((m, i) => {
    const r = CSF_FIRST_DATA_ROW + i;
    const rows = planRows(i);
    const settings: [number, PlanValue][] = [
      [C.team, m.team],
      [C.csf, m.csf],
      [C.metric, m.metric],
      [C.measureType, m.type],
      [C.owner, m.owner],
      [C.unit, m.unit],
      [C.aggregation, m.aggregation],
      [C.input, 'Per month'],
      [C.direction, m.direction],
      [C.tolerance, m.tolerance],
    ];
    for (const [col, value] of settings) fill(plan, r, col, [{ value }]);
    // Number formats from the unit, as the template formats its own example rows (a rate as 0.0%).
    const f = unitFormats(m.unit);
    for (const col of [C.annualTarget, C.ytdTarget, C.ytdActual, C.forecast, C.needed])
      plan.formats.push({ range: range(r, col), numberFormat: f.value });
    for (const col of [C.variance, C.forecastGap])
      plan.formats.push({ range: range(r, col), numberFormat: f.signed });
    plan.formats.push({ range: range(r, C.firstTarget, 1, 2 * PERIODS), numberFormat: f.value });
    fill(plan, r, C.annualTarget, [{ formula: `=${onPlan(rows.plan, PLAN_TOTAL_COL)}` }]);
    for (let p = 1; p <= PERIODS; p++) {
      const target = onPlan(rows.plan, planMonthCol(p));
      const actual = onPlan(rows.actual, planMonthCol(p));
      fill(plan, r, C.firstTarget + p - 1, [{ formula: `=${target}` }]);
      // A blank month on the plan stays blank here (not 0): it is a month still to come.
      fill(plan, r, C.firstActual + p - 1, [{ formula: `=IF(${actual}="","",${actual})` }]);
    }
  });
  return plan;
}

export const DEMO_REPS = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eva'] as const;
/** Per rep a July funnel with its own weak step (the coaching focus). */
const REP_FUNNELS: readonly number[][] = [
  [1000, 300, 150, 100, 25],
  [800, 300, 210, 150, 40],
  [900, 250, 170, 80, 25],
  [700, 280, 180, 130, 30],
  [1100, 330, 230, 165, 55],
];
/** Per rep the monthly sales goal: the Activity Funnel turns it into activity targets at the benchmarks. */
const REP_GOALS: readonly number[] = [30, 40, 30, 30, 50];
/** May, June, July: a little less activity earlier in the year. */
const FUNNEL_MONTHS: readonly [number, number][] = [
  [5, 0.9],
  [6, 0.95],
  [7, 1],
];

function funnelSheet(year: number): SheetPlan {
  const plan = activityFunnel.render({ examples: false });
  let r = FUNNEL_FIRST_DATA_ROW;
  for (const [month, scale] of FUNNEL_MONTHS) {
    DEMO_REPS.forEach((rep, i) => {
      const counts = REP_FUNNELS[i].map((n) => Math.round(n * scale));
      fill(plan, r, 0, values([date(`${year}-${String(month).padStart(2, '0')}-01`), rep, ...counts]));
      fill(plan, r++, FUNNEL_COLUMNS.goal, values([REP_GOALS[i]]));
    });
  }
  if (FUNNEL_STAGES.length !== REP_FUNNELS[0].length) throw new Error('funnel stages changed');
  return plan;
}

function coachingSheet(year: number): SheetPlan {
  const plan = coachingLog.render({ examples: false });
  // Done? is blank (null, as a user leaves it) until the action is done.
  const rows: [string, string, string, string, string, string, string, 'Yes' | null][] = [
    [
      `${year}-05-08`,
      'Ana',
      'First one-on-one of the quarter',
      'Many contacts, few appointments',
      'Opening calls',
      'Use the new call opener on 20 calls',
      `${year}-05-29`,
      'Yes',
    ],
    [
      `${year}-06-05`,
      'Eva',
      'Pipeline review done',
      'Contacts → Appointments at 30% (benchmark 35%)',
      'Booking the appointment',
      'Ask for the appointment on every first call',
      `${year}-07-24`,
      null,
    ],
    [
      `${year}-07-03`,
      'Ana',
      'Opener used on 20 calls',
      'Appointments up; presentations lag',
      'Qualifying',
      'Qualify budget on every first call',
      `${year}-12-11`,
      null,
    ],
    [
      `${year}-07-10`,
      'Ben',
      'n/a',
      'Strong presentations, weak closing',
      'Closing',
      'Ask for the order in each proposal meeting',
      `${year}-12-18`,
      null,
    ],
    [
      `${year}-07-17`,
      'Chloé',
      'Joint call with manager',
      'Presentations → Opportunities at 47% (benchmark 70%)',
      'Discovery questions',
      'Prepare three discovery questions per presentation',
      `${year}-12-04`,
      null,
    ],
  ];
  // Columns: Date, Rep, Progress, Activity review, Skill, Commitment, Due date, Done? (Status computes).
  rows.forEach(([when, rep, progress, review, skill, action, due, done], i) => {
    fill(plan, 4 + i, 0, values([date(when), rep, progress, review, skill, action, date(due), done]));
  });
  return plan;
}

function scorecardSheet(): SheetPlan {
  const plan = seScorecard.render({ examples: false });
  const rows: [string, string, number, number, string][] = [
    [
      'Enterprise push (9x4)',
      'BU head',
      9,
      4,
      'A brilliant plan, poorly executed: 36. Too many initiatives at once.',
    ],
    ['Mid-market focus (6x8)', 'BU head', 6, 8, 'A decent plan, well executed: 48. Beats the 9x4 plan.'],
    ['Partner channel', 'Head of Sales', 7, 6, 'Two partners signed; enablement behind.'],
  ];
  rows.forEach((row, i) => fill(plan, 4 + i, 0, values(row.slice(0, 4))));
  rows.forEach((row, i) => fill(plan, 4 + i, 5, values([row[4]])));
  return plan;
}

/**
 * Builds the demo into an empty workbook: Plan, CSF Tracker, Activity Funnel, Coaching Log, Review Log (with
 * June's review saved by the app, leaving open actions), Definitions and SE Scorecard.
 */
export async function buildDemoWorkbook(wb: Workbook, options: DemoOptions = {}): Promise<void> {
  const year = options.year ?? DEFAULT_PLAN_YEAR;
  await wb.insertSheet(planSheet(year));
  await wb.insertSheet(trackerSheet(year));
  await wb.insertSheet(funnelSheet(year));
  await wb.insertSheet(coachingSheet(year));
  await wb.insertSheet(reviewLog.render({ examples: false }));
  await wb.insertSheet(definitions.render({ examples: true }));
  await wb.insertSheet(scorecardSheet());

  // Last month's review, saved as the sidebar saves it: June's rows and two actions still open in July.
  const host = asyncHost(wb);
  const today = `${year}-07-06`;
  const june = await host.loadReview({ today, period: DEMO_REVIEW_PERIOD - 1 });
  const csfs = june.teams.flatMap((t) => t.csfs);
  const idOf = (csf: string): string => {
    const found = csfs.find((c) => c.csf === csf);
    if (found === undefined) throw new Error(`demo: no CSF ${csf}`);
    return found.id;
  };
  await host.saveReview({
    today,
    now: `${year}-07-06T09:30:00Z`,
    period: DEMO_REVIEW_PERIOD - 1,
    reviewer: 'BU head',
    entries: [
      {
        csfId: idOf('Fill the funnel'),
        commentary: 'Two reps on leave in May and June; appointments have fallen five months running.',
        action: 'Joint calls with both new reps every week',
        owner: 'Sales managers',
        due: `${year}-07-31`,
      },
      {
        csfId: idOf('Sell at a sound cost'),
        commentary: 'Event costs above plan since April.',
        action: 'Renegotiate the events agency contract',
        owner: 'Sales ops',
        due: `${year}-09-30`,
      },
    ],
    actionUpdates: [],
  });
}
