/**
 * Quarterly review prep (SPEC §3): per CSF the quarter's target, actual, variance and its side, attainment and
 * status, next to the year-to-date status, each labelled with its basis (quarter to date, YTD through a month);
 * the top risks (largest gaps); the funnel leak per rep; the actions opened, done, carried over and overdue in
 * the quarter; and a short written summary for the meeting. Rendered as a new sheet of plain values (a snapshot
 * for the meeting, the same in every host) with a chart of attainment per CSF.
 *
 * Every figure comes from the measure model (csfFigures, SPEC §0) as of the quarter's last month or the
 * tracker's review month if earlier. The quarter's own figures aggregate the model's monthly figures as the
 * CSF's aggregation says: Sum adds the quarter's months, Average takes their mean, Last the latest of them; a
 * rate is never summed.
 */
import type { Direction } from '../measures/direction';
import {
  AWAITING_ACTUAL,
  attainmentFor,
  csfFigures,
  favourableFor,
  statusFor,
  type Aggregation,
  type CsfStatus,
} from '../measures/measure';
import { PlanBuilder, range } from '../templates/planBuilder';
import type { PlanValue, SheetPlan } from '../templates/sheetPlan';
import { fiscalYearLabel, periodIso, periodLabel, quarterPeriods } from './calendar';
import { conversionAt, stepLabel } from '../measures/funnel';
import type { CoachingFocus, CoachingLogRow, FunnelRead } from './coaching';
import { figureStyle, forecastGapText, numberText, shareText, type FigureStyle } from './figureText';
import { reviewMonth } from './monthly';
import type { LogRow, OpenAction } from './reviewLog';
import type { Tracker } from './tracker';

export interface QuarterMonth {
  label: string;
  /** Monthly figures as the model uses them; null for a month not reported (or not yet reviewed). */
  target: number | null;
  actual: number | null;
}

export interface QuarterCsf {
  team: string;
  csf: string;
  metric: string;
  measureType: string;
  unit: string;
  direction: Direction | '';
  aggregation: Aggregation | '';
  /** The model's flag in the tracker's words; no figures when set. */
  flag: string | null;
  /** The month under review has no actual yet: figures run through the last reported month. */
  awaiting: boolean;
  /** What the quarter figures cover: `Q3 to date (Jul–Aug)`, `Q3 (Jul–Sep)`; '' when no month is in. */
  basis: string;
  target: number | null;
  actual: number | null;
  variance: number | null;
  favourable: boolean | null;
  attainment: number | null;
  /** The quarter's status (on `basis`); Awaiting actual while the latest month is missing; '' when none. */
  status: CsfStatus | '';
  ytd: {
    target: number | null;
    actual: number | null;
    attainment: number | null;
    status: CsfStatus | '';
    /** `YTD through Aug` */
    basis: string;
  };
  months: QuarterMonth[];
  trend: string;
  forecast: number | null;
  annualTarget: number | null;
  forecastGap: number | null;
  /** Whether the forecast lands on the good side of the annual target (by direction). */
  forecastFavourable: boolean | null;
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
  /** The quarter's months: `Jul–Sep`. */
  monthsLabel: string;
  /** The month the figures are as of (the quarter's last, or the tracker's review month if earlier). */
  asOf: number;
  csfs: QuarterCsf[];
  risks: QuarterCsf[];
  leaks: CoachingFocus[];
  /** Per rep of `leaks`: the leak step's trend over the quarter's months and the rep's commitments (the 1:1's). */
  coaching?: QuarterRep[];
  actions: QuarterActions;
  summary: string[];
}

/** One rep in the quarter: how the quarter's leak step converted month by month, and the Coaching Log. */
export interface QuarterRep {
  rep: string;
  /** The leak step's conversion per month of the quarter with a row ("Jul 45%, Aug 48%, Sep 50%"), or ''. */
  byMonth: string;
  /** Improving / Worsening (the last month's conversion 1 point or more above / below the first's), Steady,
   * "One month" with one, '' with none or no step. */
  trend: string;
  /** Commitments dated in the quarter, how many of them are done, and the rep's overdue ones today. */
  made: number;
  done: number;
  overdue: number;
}

/**
 * Per rep of the quarter's leaks: the trend of the leak step over the quarter's months (the rep's rows summed
 * per month) and their commitments made in the quarter, done of those, and overdue today.
 */
export function quarterCoaching(
  funnel: FunnelRead | null,
  log: readonly CoachingLogRow[],
  leaks: readonly CoachingFocus[],
  periods: readonly number[],
  months: readonly { period: number; month: string; label: string }[],
): QuarterRep[] {
  return leaks.map((l) => {
    const stages = funnel?.stages ?? [];
    const step = stages.slice(1).findIndex((_, i) => stepLabel(stages, i) === l.leak);
    const rates: { label: string; rate: number }[] = [];
    if (funnel !== null && step >= 0)
      for (const p of periods) {
        const rows = funnel.rows.filter((r) => r.rep === l.rep && r.period === p);
        if (rows.length === 0) continue;
        const counts = stages.map((_, s) => rows.reduce((sum, r) => sum + r.counts[s], 0));
        const rate = conversionAt(counts, step);
        if (rate !== null) rates.push({ label: months.find((m) => m.period === p)?.label ?? '', rate });
      }
    const diff = rates.length < 2 ? 0 : rates[rates.length - 1].rate - rates[0].rate;
    const trend =
      rates.length === 0
        ? ''
        : rates.length === 1
          ? 'One month'
          : diff >= 0.01
            ? 'Improving'
            : diff <= -0.01
              ? 'Worsening'
              : 'Steady';
    const inQuarter = new Set(months.map((m) => m.month));
    const mine = log.filter((c) => c.rep === l.rep);
    const made = mine.filter((c) => c.date !== null && inQuarter.has(c.date.slice(0, 7)));
    return {
      rep: l.rep,
      byMonth: rates.map((r) => `${r.label} ${Math.round(r.rate * 100)}%`).join(', '),
      trend,
      made: made.length,
      done: made.filter((c) => c.status === 'Done').length,
      overdue: mine.filter((c) => c.status === 'Overdue').length,
    };
  });
}

export const TOP_RISKS = 5;

/** The quarter's figure from its months, as the CSF's aggregation adds months up. */
function aggregate(values: readonly number[], aggregation: Aggregation): number {
  if (aggregation === 'Last') return values[values.length - 1];
  let s = 0;
  for (const v of values) s += v;
  return aggregation === 'Sum' ? s : s / values.length;
}

function list(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const span = (labels: readonly string[]): string =>
  labels.length <= 1 ? (labels[0] ?? '') : `${labels[0]}–${labels[labels.length - 1]}`;

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
  const label = (p: number) => periodLabel(cal, p);
  const fiscalYear = fiscalYearLabel(cal);
  // As of the quarter's last month, or the month the tracker is reviewed at if that comes first.
  const asOf = Math.min(periods[2], reviewMonth(tracker));
  const csfs: QuarterCsf[] = tracker.csfs.map((c) => {
    const f = csfFigures(c.measure, asOf, label, tracker.settings.defaults);
    const s = f.settings;
    const used = periods.filter((p) => p <= f.through);
    const judged = f.flag === null && s !== null && used.length > 0;
    const target = judged
      ? aggregate(
          used.map((p) => f.monthlyTargets[p - 1] as number),
          s.aggregation,
        )
      : null;
    const actual = judged
      ? aggregate(
          used.map((p) => f.monthlyActuals[p - 1] as number),
          s.aggregation,
        )
      : null;
    const both = target !== null && actual !== null && s !== null;
    const whole = used.length === 3;
    return {
      team: c.team,
      csf: c.csf,
      metric: c.metric,
      measureType: c.measureType,
      unit: c.unit,
      direction: s?.direction ?? '',
      aggregation: s?.aggregation ?? '',
      flag: f.flag,
      awaiting: f.awaiting,
      basis: judged ? `Q${quarter}${whole ? '' : ' to date'} (${span(used.map(label))})` : '',
      target,
      actual,
      variance: both ? actual - target : null,
      favourable: both ? favourableFor(actual, target, s.direction, s.tolerance) : null,
      attainment: both ? attainmentFor(actual, target, s.direction) : null,
      status:
        f.flag !== null || asOf < periods[0]
          ? ''
          : f.awaiting
            ? AWAITING_ACTUAL
            : both
              ? statusFor(actual, target, s.direction, s.tolerance)
              : '',
      ytd: {
        target: f.ytdTarget,
        actual: f.ytdActual,
        attainment: f.attainment,
        status: f.status,
        basis: f.flag === null && f.through > 0 ? `YTD through ${label(f.through)}` : '',
      },
      months: periods.map((p) => ({
        label: label(p),
        target: p <= f.through ? f.monthlyTargets[p - 1] : null,
        actual: p <= f.through ? f.monthlyActuals[p - 1] : null,
      })),
      trend: f.trend,
      forecast: f.forecast,
      annualTarget: f.annualTarget,
      forecastGap: f.forecastGap,
      forecastFavourable:
        f.forecast !== null && f.annualTarget !== null && s !== null
          ? favourableFor(f.forecast, f.annualTarget, s.direction, s.tolerance)
          : null,
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

  const pack: QuarterPack = {
    quarter,
    fiscalYear,
    title: `Review Q${quarter} ${fiscalYear}`,
    monthsLabel: span(periods.map(label)),
    asOf,
    csfs,
    risks,
    leaks,
    actions,
    summary: [],
  };
  pack.summary = summarize(pack);
  return pack;
}

/** How a CSF's numbers read (its unit and months decide counts, amounts or a rate). */
function styleOf(c: QuarterCsf): FigureStyle {
  return figureStyle(
    c.unit,
    c.months.flatMap((m) => [m.target, m.actual]),
  );
}

/**
 * The quarter's gap in words, by direction: "is 31% below target", a cost "is 20% over budget", a rate "is at
 * 4.1% against 5.0%".
 */
export function gapWords(c: QuarterCsf): string {
  const style = styleOf(c);
  if (c.actual === null || c.target === null || c.variance === null) return 'has no quarter figures';
  if (style.kind === 'percent')
    return `is at ${numberText(c.actual, style)} against ${numberText(c.target, style)}`;
  const share = shareText(c.variance, c.target) ?? numberText(Math.abs(c.variance), style);
  const side =
    c.direction === 'down'
      ? c.variance > 0
        ? style.money
          ? 'over budget'
          : 'above target'
        : style.money
          ? 'under budget'
          : 'below target'
      : c.variance < 0
        ? 'below target'
        : 'above target';
  return `is ${share} ${side}`;
}

/** A few sentences for the meeting: where we stand, the gaps, the opportunities and how to execute better. */
export function summarize(pack: QuarterPack): string[] {
  const name = (c: QuarterCsf) => `${c.csf} (${c.team})`;
  const judged = pack.csfs.filter((c) => c.status !== '' && c.status !== AWAITING_ACTUAL);
  const awaiting = pack.csfs.filter((c) => c.status === AWAITING_ACTUAL);
  const flagged = pack.csfs.filter((c) => c.flag !== null);
  const count = (s: CsfStatus) => judged.filter((c) => c.status === s).length;
  const out: string[] = [];
  const head = `Q${pack.quarter} ${pack.fiscalYear} (${pack.monthsLabel})`;
  if (judged.length === 0 && awaiting.length === 0) {
    out.push(`${head}: no actuals reported for the quarter yet.`);
  } else {
    const toDate =
      pack.asOf >= 3 * pack.quarter
        ? ''
        : `, to date (${span(pack.csfs[0].months.slice(0, pack.asOf - 3 * pack.quarter + 3).map((m) => m.label))})`;
    out.push(
      `${head}${toDate}: ${count('On track')} of ${judged.length} CSFs on track, ${count('At risk')} at risk, ${count('Off track')} off track.`,
    );
  }
  if (awaiting.length > 0)
    out.push(
      `Awaiting the latest actual: ${list(awaiting.map((c) => `${name(c)} (${c.ytd.basis.replace('YTD ', '')})`))}; judged when it is in.`,
    );
  if (flagged.length > 0)
    out.push(`Check the tracker: ${list(flagged.map((c) => `${name(c)}: ${c.flag}`))}.`);
  if (pack.risks.length > 0)
    out.push(`Largest gaps: ${list(pack.risks.slice(0, 3).map((c) => `${name(c)} ${gapWords(c)}`))}.`);
  const short = pack.csfs.filter((c) => c.forecastFavourable === false && c.flag === null);
  if (short.length > 0) {
    out.push(
      `At the current pace for the year: ${list(short.map((c) => `${name(c)} ${forecastGapText(c.forecastGap, c.annualTarget, c.direction, styleOf(c))}`))}.`,
    );
  }
  const build = pack.csfs.filter(
    (c) => c.status === 'On track' && c.ytd.status === 'On track' && c.trend === 'Improving',
  );
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

/** A sheet number format for a CSF's row: a rate 0.0%, counts whole, amounts whole or to one decimal. */
function rowFormat(style: FigureStyle, values: readonly (number | null)[]): string {
  if (style.kind === 'percent') return '0.0%';
  if (style.kind === 'count') return '#,##0';
  const big = values.some((v) => v !== null && Math.abs(v) >= 100);
  return big ? '#,##0' : '#,##0.0';
}

const sideWord = (c: QuarterCsf): string =>
  c.favourable === null ? '' : c.favourable ? 'Favourable' : 'Unfavourable';

/** The review sheet: summary, CSF table, chart of attainment, risks, leaks and actions. */
export function quarterPlan(pack: QuarterPack, preparedOn: string, trackerSheet: string): SheetPlan {
  const b = new PlanBuilder(pack.title);
  const q = `Q${pack.quarter}`;
  b.title(
    pack.title,
    `Prepared ${preparedOn} from the sheet "${trackerSheet}" by SE Toolkit: a snapshot of values for the meeting. Quarter figures are to date (the months reported); each status says its basis.`,
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

  heading(`CSFs in ${q}`);
  const monthHeads = pack.csfs[0]?.months.map((m) => `Actual ${m.label}`) ?? [];
  const head = [
    'Team',
    'CSF',
    'Metric',
    'Unit',
    `Target ${q}`,
    `Actual ${q}`,
    'Variance',
    'Side',
    'Attainment',
    `Status (${q})`,
    `${q} basis`,
    'YTD actual',
    'YTD target',
    'Status (YTD)',
    'YTD basis',
    ...monthHeads,
    'Trend',
    'Forecast (year)',
    'Annual target',
    'Note',
  ];
  const col = (title: string) => head.indexOf(title);
  b.header(r, 0, head);
  const first = r + 1;
  for (const c of pack.csfs) {
    r++;
    const cells: PlanValue[] = [
      c.team,
      c.csf,
      c.metric,
      c.unit,
      c.target,
      c.actual,
      c.variance,
      sideWord(c),
      c.attainment,
      c.status,
      c.basis,
      c.ytd.actual,
      c.ytd.target,
      c.ytd.status,
      c.ytd.basis,
      ...c.months.map((m) => m.actual),
      c.trend,
      c.forecast,
      c.annualTarget,
      c.flag ?? (c.awaiting ? `Awaiting actual: ${c.ytd.basis}` : ''),
    ];
    b.row(
      r,
      0,
      cells.map((v) => (v === '' ? null : v)),
    );
    const style = styleOf(c);
    const numbers = [c.target, c.actual, c.ytd.actual, c.ytd.target, c.forecast, c.annualTarget];
    const format = { numberFormat: rowFormat(style, numbers) };
    b.format(range(r, col(`Target ${q}`), 1, 3), format);
    b.format(range(r, col('YTD actual'), 1, 2), format);
    b.format(range(r, col('YTD basis') + 1, 1, monthHeads.length), format);
    b.format(range(r, col('Forecast (year)'), 1, 2), format);
  }
  const rows = pack.csfs.length;
  if (rows > 0) {
    b.format(range(first, col('Attainment'), rows, 1), { numberFormat: '0%' });
    b.statusColours(range(first, col(`Status (${q})`), rows, 1));
    b.statusColours(range(first, col('Status (YTD)'), rows, 1));
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
      title: `${q} ${pack.fiscalYear}: actual against target`,
      data: range(chartTop, 0, rows + 1, 3),
      anchor: { row: chartTop, col: 4 },
    });
  }
  r += Math.max(2, 18 - rows);

  heading('Top risks (largest gaps)');
  b.header(r, 0, ['Team', 'CSF', 'Attainment', `Gap ${q}`, 'In words', 'Forecast gap (year)']);
  for (const c of pack.risks) {
    r++;
    b.row(r, 0, [c.team, c.csf, c.attainment, c.variance, gapWords(c), c.forecastGap]);
    const format = { numberFormat: rowFormat(styleOf(c), [c.target, c.actual, c.forecast]) };
    b.format(range(r, 2), { numberFormat: '0%' });
    b.format(range(r, 3), format).format(range(r, 5), format);
  }
  if (pack.risks.length === 0) b.value(++r, 0, 'No CSF is at risk or off track.');
  r += 2;

  heading('Funnel leaks per rep (coaching focus)');
  const coaching = pack.coaching;
  b.header(r, 0, [
    'Rep',
    'Leakiest step',
    'Based on',
    ...(coaching === undefined
      ? []
      : ['Step by month', 'Trend', `Commitments made in ${q}`, 'Of them done', 'Overdue now']),
  ]);
  pack.leaks.forEach((l, i) => {
    const c = coaching?.[i];
    b.row(++r, 0, [
      l.rep,
      l.leak,
      l.basis,
      ...(c === undefined ? [] : [c.byMonth, c.trend, c.made, c.done, c.overdue]),
    ]);
  });
  if (pack.leaks.length === 0) b.value(++r, 0, 'No Activity Funnel rows found.');
  r += 2;

  heading(`Actions in ${q}`);
  b.header(r, 0, ['Opened', 'Done', 'Carried over', 'Overdue now']);
  b.row(++r, 0, [pack.actions.opened, pack.actions.done, pack.actions.carriedOver, pack.actions.overdue]);

  b.width(0, 150).width(1, 200).width(2, 170);
  for (let c = 3; c < head.length; c++) b.width(c, 95);
  b.width(col(`${q} basis`), 150)
    .width(col('YTD basis'), 130)
    .width(col('Note'), 260);
  return b.build();
}
