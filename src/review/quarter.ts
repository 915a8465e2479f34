/**
 * Quarterly review prep (SPEC §3): per CSF the quarter's target, actual, attainment, status and monthly trend;
 * the top risks (largest gaps); the funnel leak per rep; the actions opened, done, carried over and overdue in
 * the quarter; and a short written summary for the meeting. Rendered as a new sheet of plain values (a
 * snapshot for the meeting, the same in every host) with a chart of actual against target.
 */
import { trendOf } from '../measures/periods';
import { attainmentOf, statusOf, type Status } from '../measures/status';
import { PlanBuilder, range } from '../templates/planBuilder';
import type { PlanValue, SheetPlan } from '../templates/sheetPlan';
import { fiscalYearLabel, periodIso, periodLabel, quarterPeriods } from './calendar';
import type { CoachingFocus } from './coaching';
import { csfMonth, reportedRun } from './monthly';
import type { LogRow, OpenAction } from './reviewLog';
import type { Tracker } from './tracker';

export interface QuarterCsf {
  team: string;
  csf: string;
  metric: string;
  measureType: string;
  direction: string;
  target: number | null;
  actual: number | null;
  attainment: number | null;
  status: Status | '';
  months: { label: string; target: number | null; actual: number | null }[];
  trend: string;
  forecast: number | null;
  annualTarget: number | null;
  forecastGap: number | null;
}

export interface QuarterActions {
  opened: number;
  done: number;
  carriedOver: number;
  overdue: number;
}

export interface QuarterPack {
  quarter: number;
  fiscalYear: string;
  /** The sheet name: `Review Q3 FY2026`. */
  title: string;
  monthsLabel: string;
  csfs: QuarterCsf[];
  risks: QuarterCsf[];
  leaks: CoachingFocus[];
  actions: QuarterActions;
  summary: string[];
}

export const TOP_RISKS = 5;

function sum(values: readonly (number | null)[]): number | null {
  let s = 0;
  let any = false;
  for (const v of values) {
    if (v !== null) {
      s += v;
      any = true;
    }
  }
  return any ? s : null;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function list(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function quarterPack(
  tracker: Tracker,
  quarter: number,
  log: readonly LogRow[],
  open: readonly OpenAction[],
  leaks: CoachingFocus[],
  today: string,
): QuarterPack {
  const cal = tracker.settings;
  const periods = quarterPeriods(quarter);
  const fiscalYear = fiscalYearLabel(cal);
  const csfs: QuarterCsf[] = tracker.csfs.map((c) => {
    // Quarter to date: the target of the months that have an actual, so a quarter prepared before its last
    // month is in is not judged against months still to come.
    const reportedPeriods = periods.filter((p) => c.actuals[p - 1] !== null);
    const target = reportedPeriods.length === 0 ? null : sum(reportedPeriods.map((p) => c.targets[p - 1]));
    const actual = sum(reportedPeriods.map((p) => c.actuals[p - 1]));
    const judged = target !== null && actual !== null;
    const run = reportedRun(c.actuals);
    const lastInQuarter = Math.min(run.length, periods[2]);
    const full = csfMonth(c, Math.max(1, lastInQuarter), cal);
    return {
      team: c.team,
      csf: c.csf,
      metric: c.metric,
      measureType: c.measureType,
      direction: c.direction,
      target,
      actual,
      attainment: judged ? attainmentOf(actual, target, c.direction) : null,
      status: judged ? statusOf(actual, target, c.direction, c.tolerance) : '',
      months: periods.map((p) => ({
        label: periodLabel(cal, p),
        target: c.targets[p - 1],
        actual: c.actuals[p - 1],
      })),
      trend:
        lastInQuarter >= 2 && c.direction !== 'range'
          ? trendOf(run.slice(0, lastInQuarter), c.direction, 3)
          : '',
      forecast: full.forecast,
      annualTarget: c.annualTarget,
      forecastGap: full.forecastGap,
    };
  });
  const risks = csfs
    .filter((c) => (c.status === 'Off track' || c.status === 'At risk') && c.attainment !== null)
    .sort((a, b) => (a.attainment ?? 0) - (b.attainment ?? 0))
    .slice(0, TOP_RISKS);

  const months = new Set(periods.map((p) => periodIso(cal, p)));
  const inQuarter = log.filter((r) => months.has(r.month) && r.action !== '');
  const firstSeen = new Map<string, string>();
  for (const r of log) {
    const id = `${r.team}|${r.csf}|${r.action}`.toLowerCase();
    if (r.action !== '' && !firstSeen.has(id)) firstSeen.set(id, r.month);
  }
  const actions: QuarterActions = {
    opened: [...firstSeen.values()].filter((m) => months.has(m)).length,
    done: inQuarter.filter((r) => r.actionStatus.toLowerCase() === 'done').length,
    carriedOver: inQuarter.filter((r) => r.actionStatus.toLowerCase() === 'carried over').length,
    overdue: open.filter((a) => a.overdue && a.due <= today).length,
  };

  const monthsLabel = `${periodLabel(cal, periods[0])}–${periodLabel(cal, periods[2])}`;
  const pack: QuarterPack = {
    quarter,
    fiscalYear,
    title: `Review Q${quarter} ${fiscalYear}`,
    monthsLabel,
    csfs,
    risks,
    leaks,
    actions,
    summary: [],
  };
  pack.summary = summarize(pack);
  return pack;
}

/** A few sentences for the meeting: where we stand, the gaps, the opportunities and how to execute better. */
export function summarize(pack: QuarterPack): string[] {
  const judged = pack.csfs.filter((c) => c.status !== '');
  const count = (s: Status) => judged.filter((c) => c.status === s).length;
  const name = (c: QuarterCsf) => `${c.csf} (${c.team})`;
  const out: string[] = [];
  if (judged.length === 0) {
    out.push(
      `Q${pack.quarter} ${pack.fiscalYear} (${pack.monthsLabel}): no actuals reported for the quarter yet.`,
    );
    return out;
  }
  out.push(
    `Q${pack.quarter} ${pack.fiscalYear} (${pack.monthsLabel}): ${count('On track')} of ${judged.length} CSFs on track, ${count('At risk')} at risk, ${count('Off track')} off track.`,
  );
  if (pack.risks.length > 0) {
    out.push(
      `Largest gaps: ${list(pack.risks.slice(0, 3).map((c) => `${name(c)} at ${pct(c.attainment ?? 0)} of target`))}.`,
    );
  }
  const short = pack.csfs.filter(
    (c) =>
      c.forecastGap !== null &&
      c.annualTarget !== null &&
      c.annualTarget !== 0 &&
      (c.direction === 'down' ? c.forecastGap > 0 : c.forecastGap < 0) &&
      c.direction !== 'range',
  );
  if (short.length > 0) {
    out.push(
      `On the current run-rate ${list(short.map((c) => `${name(c)} ends the year ${pct(Math.abs(c.forecastGap ?? 0) / Math.abs(c.annualTarget ?? 1))} ${c.direction === 'down' ? 'over' : 'short of'} its annual target`))}.`,
    );
  }
  const build = pack.csfs.filter((c) => c.status === 'On track' && c.trend === 'Improving');
  if (build.length > 0)
    out.push(
      `Opportunities: ${list(build.map(name))} ${build.length === 1 ? 'is' : 'are'} on track and improving; protect what works there.`,
    );
  const activities = pack.csfs.filter(
    (c) => c.measureType === 'activity' && (c.status === 'Off track' || c.status === 'At risk'),
  );
  if (activities.length > 0) {
    out.push(
      `Improve execution where we control the effort: ${list(activities.map(name))} ${activities.length === 1 ? 'is an activity measure' : 'are activity measures'} behind plan; results follow activities.`,
    );
  }
  const leaks = pack.leaks.filter((l) => l.leak !== 'No leak');
  if (leaks.length > 0) {
    const bySteps = new Map<string, string[]>();
    for (const l of leaks) bySteps.set(l.leak, [...(bySteps.get(l.leak) ?? []), l.rep]);
    out.push(
      `Coaching focus: ${list([...bySteps.entries()].map(([step, reps]) => `${step} for ${list(reps)}`))}.`,
    );
  }
  const a = pack.actions;
  out.push(
    `Actions in the quarter: ${a.opened} opened, ${a.done} done, ${a.carriedOver} carried over; ${a.overdue} overdue now.`,
  );
  return out;
}

/** The review sheet: summary, CSF table, chart of actual against target, risks, leaks and actions. */
export function quarterPlan(pack: QuarterPack, preparedOn: string, trackerSheet: string): SheetPlan {
  const b = new PlanBuilder(pack.title);
  b.title(
    pack.title,
    `Prepared ${preparedOn} from the sheet "${trackerSheet}" by SE Toolkit: a snapshot of values for the meeting. Quarter figures are to date (the months with actuals).`,
  );
  let r = 3;
  const heading = (text: string) => {
    b.value(r, 0, text).format(range(r, 0), { bold: true });
    r++;
  };
  heading('Summary');
  for (const line of pack.summary) {
    b.value(r, 0, line);
    r++;
  }
  r++;

  heading(`CSFs in Q${pack.quarter}`);
  const monthHeads = pack.csfs[0]?.months.map((m) => `Actual ${m.label}`) ?? [];
  const head = [
    'Team',
    'CSF',
    'Metric',
    `Target Q${pack.quarter}`,
    `Actual Q${pack.quarter}`,
    'Attainment',
    'Status',
    ...monthHeads,
    'Trend',
    'Forecast (year)',
    'Annual target',
  ];
  b.header(r, 0, head);
  const first = r + 1;
  for (const c of pack.csfs) {
    r++;
    const cells: PlanValue[] = [
      c.team,
      c.csf,
      c.metric,
      c.target,
      c.actual,
      c.attainment,
      c.status,
      ...c.months.map((m) => m.actual),
      c.trend,
      c.forecast,
      c.annualTarget,
    ];
    b.row(r, 0, cells);
  }
  const rows = pack.csfs.length;
  if (rows > 0) {
    b.format(range(first, 3, rows, 2), { numberFormat: '#,##0.##' });
    b.format(range(first, 5, rows, 1), { numberFormat: '0%' });
    b.format(range(first, 7, rows, monthHeads.length), { numberFormat: '#,##0.##' });
    b.format(range(first, 8 + monthHeads.length, rows, 2), { numberFormat: '#,##0.##' });
    b.statusColours(range(first, 6, rows, 1));
  }
  r += 2;

  // The chart's data: attainment against 100% per CSF, so measures in different units share one axis.
  heading('Actual against target (attainment)');
  const chartTop = r;
  b.header(r, 0, ['CSF', 'Target', 'Actual']);
  for (const c of pack.csfs) {
    r++;
    b.row(r, 0, [`${c.csf} (${c.team})`, 1, c.attainment]);
  }
  if (rows > 0) {
    b.format(range(chartTop + 1, 1, rows, 2), { numberFormat: '0%' });
    b.charts.push({
      kind: 'column',
      title: `Q${pack.quarter} ${pack.fiscalYear}: actual against target`,
      data: range(chartTop, 0, rows + 1, 3),
      anchor: { row: chartTop, col: 4 },
    });
  }
  r += Math.max(2, 18 - rows);

  heading('Top risks (largest gaps)');
  b.header(r, 0, ['Team', 'CSF', 'Attainment', `Gap Q${pack.quarter}`, 'Forecast gap (year)']);
  const risksTop = r + 1;
  for (const c of pack.risks) {
    r++;
    b.row(r, 0, [
      c.team,
      c.csf,
      c.attainment,
      c.actual !== null && c.target !== null ? c.actual - c.target : null,
      c.forecastGap,
    ]);
  }
  if (pack.risks.length === 0) b.value(++r, 0, 'No CSF is at risk or off track.');
  else
    b.format(range(risksTop, 2, pack.risks.length, 1), { numberFormat: '0%' }).format(
      range(risksTop, 3, pack.risks.length, 2),
      { numberFormat: '#,##0.##' },
    );
  r += 2;

  heading('Funnel leaks per rep (coaching focus)');
  b.header(r, 0, ['Rep', 'Leakiest step', 'Based on']);
  for (const l of pack.leaks) b.row(++r, 0, [l.rep, l.leak, l.basis]);
  if (pack.leaks.length === 0) b.value(++r, 0, 'No Activity Funnel rows found.');
  r += 2;

  heading(`Actions in Q${pack.quarter}`);
  b.header(r, 0, ['Opened', 'Done', 'Carried over', 'Overdue now']);
  b.row(++r, 0, [pack.actions.opened, pack.actions.done, pack.actions.carriedOver, pack.actions.overdue]);

  b.width(0, 150).width(1, 200).width(2, 170);
  for (let c = 3; c < head.length; c++) b.width(c, 95);
  return b.build();
}
