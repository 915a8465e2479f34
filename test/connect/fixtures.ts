/**
 * Planning workbooks as users keep them, one per layout of issue 11, built in code. Each fixture carries the
 * per-month figures it was built from (calendar `y-m` → number), so the test checks the tracker against the
 * source's own numbers, not against what the core computes.
 */
import type { ScanSheet } from '../../src/connect/types';
import type { PlanValue } from '../../src/templates/sheetPlan';
import { serial } from './harness';

export type Series = Map<string, number>;

export interface Expected {
  /** The measure's label as detection should give it, and its entity. */
  label: string;
  entity?: string;
  layout: 'wide' | 'monthsDown' | 'long';
  plan?: Series;
  actual?: Series;
  input?: 'Per month' | 'Cumulative';
  aggregation?: 'Sum' | 'Average';
  unit?: string | null;
  fiscalYearStart?: number | null;
  /** Period codes (P01…): the figures are the fiscal periods in order, not calendar months. */
  positional?: boolean;
  /** Evidence rules and cells detection must give. */
  evidence?: { rule: string; cells?: string }[];
  problems?: string[];
  /** Text every connected month cell of `flagLine` must show instead of a number (a flag). */
  flagText?: string;
  flagLine?: 'plan' | 'actual';
}

export interface Fixture {
  name: string;
  sheets: ScanSheet[];
  fyStart: number;
  year: number;
  measures: Expected[];
}

export const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Calendar months from (y, m), n of them. */
export function monthsFrom(y: number, m: number, n: number): { y: number; m: number }[] {
  return Array.from({ length: n }, (_, i) => {
    const z = m - 1 + i;
    return { y: y + Math.floor(z / 12), m: (z % 12) + 1 };
  });
}

const key = (y: number, m: number) => `${y}-${m}`;

/** A series over some months: value(i) or null for no data. */
function series(months: { y: number; m: number }[], value: (i: number) => number | null): Series {
  const s: Series = new Map();
  months.forEach((x, i) => {
    const v = value(i);
    if (v !== null) s.set(key(x.y, x.m), v);
  });
  return s;
}

const row = (s: Series, months: { y: number; m: number }[]): PlanValue[] =>
  months.map((x) => s.get(key(x.y, x.m)) ?? null);

function sheet(name: string, values: PlanValue[][], formats: (string | null)[][] | null = null): ScanSheet {
  return { name, values, formats };
}

/** Formats for a grid: `f(r, c)` or null. */
function formatsOf(values: PlanValue[][], f: (r: number, c: number) => string | null): (string | null)[][] {
  return values.map((line, r) => line.map((_, c) => f(r, c)));
}

const Y = 2026;
const cal = monthsFrom(Y, 1, 12);
const wobble = (base: number, step: number) => (i: number) => base + ((i * 37) % 11) * step - i;

function wideLineColumn(): Fixture {
  const revPlan = series(cal, wobble(120, 3));
  const revAct = series(cal, (i) => (i < 6 ? 118 + ((i * 13) % 7) * 2.5 : null));
  const logoPlan = series(cal, (i) => [5, 6, 4, 7, 5, 6, 8, 5, 6, 7, 4, 9][i]);
  const logoAct = series(cal, (i) => (i < 6 ? [4, 6, 5, 5, 7, 3][i] : null));
  const values: PlanValue[][] = [
    ['Sales plan 2026'],
    [],
    ['Measure', 'Line', ...SHORT, 'Total'],
    ['Revenue', 'Plan', ...row(revPlan, cal), null],
    ['Revenue', 'Actual', ...row(revAct, cal), null],
    ['New logos', 'Budget', ...row(logoPlan, cal), null],
    ['New logos', 'Act', ...row(logoAct, cal), null],
  ];
  return {
    name: 'wide-line-column',
    sheets: [sheet('Budget 2026', values)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Revenue',
        layout: 'wide',
        plan: revPlan,
        actual: revAct,
        input: 'Per month',
        aggregation: 'Sum',
        fiscalYearStart: 1,
        evidence: [
          { rule: 'month-names', cells: "'Budget 2026'!C3:N3" },
          { rule: 'line-column', cells: "'Budget 2026'!B4" },
          { rule: 'line-column', cells: "'Budget 2026'!B5" },
        ],
      },
      {
        label: 'New logos',
        layout: 'wide',
        plan: logoPlan,
        actual: logoAct,
        evidence: [{ rule: 'line-column' }],
      },
    ],
  };
}

function adjacentRows(): Fixture {
  const headers = cal.map((x) => `${SHORT[x.m - 1]}-${String(x.y).slice(2)}`);
  const rev = series(cal, wobble(300, 5));
  const revA = series(cal, (i) => (i < 8 ? 290 + i * 4 - (i % 3) * 9 : null));
  const cost = series(cal, wobble(80, 2));
  const costA = series(cal, (i) => (i < 8 ? 75 + (i % 4) * 3 : null));
  const values: PlanValue[][] = [
    ['P&L', ...headers],
    ['Revenue plan', ...row(rev, cal)],
    ['Revenue actual', ...row(revA, cal)],
    ['Cost of sales budget', ...row(cost, cal)],
    ['Cost of sales act', ...row(costA, cal)],
  ];
  return {
    name: 'adjacent-rows',
    sheets: [sheet('PL', values)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Revenue',
        layout: 'wide',
        plan: rev,
        actual: revA,
        evidence: [
          { rule: 'month-names', cells: 'PL!B1:M1' },
          { rule: 'line-in-label', cells: 'PL!A2' },
        ],
      },
      {
        label: 'Cost of sales',
        layout: 'wide',
        plan: cost,
        actual: costA,
        evidence: [{ rule: 'line-in-label', cells: 'PL!A5' }],
      },
    ],
  };
}

function separateBlocks(): Fixture {
  const rev = series(cal, wobble(500, 10));
  const revA = series(cal, (i) => (i < 5 ? 480 + i * 7 - (i % 2) * 30 : null));
  const leads = series(cal, wobble(60, 1));
  const leadsA = series(cal, (i) => (i < 5 ? [55, 62, 58, 61, 57][i] : null));
  const values: PlanValue[][] = [
    ['Budget 2026'],
    ['Measure', ...LONG],
    ['Revenue', ...row(rev, cal)],
    ['Leads', ...row(leads, cal)],
    [],
    ['Actual 2026'],
    ['Measure', ...LONG],
    ['Revenue', ...row(revA, cal)],
    ['Leads', ...row(leadsA, cal)],
  ];
  return {
    name: 'separate-blocks',
    sheets: [sheet('Plan', values)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Revenue',
        layout: 'wide',
        plan: rev,
        actual: revA,
        evidence: [
          { rule: 'month-names', cells: 'Plan!B2:M2' },
          { rule: 'line-title', cells: 'Plan!A1' },
          { rule: 'line-title', cells: 'Plan!A6' },
        ],
      },
      { label: 'Leads', layout: 'wide', plan: leads, actual: leadsA },
    ],
  };
}

function separateSheets(): Fixture {
  const header = cal.map((x) => serial(x.y, x.m, 1));
  const rev = series(cal, wobble(1000, 20));
  const revA = series(cal, (i) => (i < 4 ? 990 + i * 11 : null));
  const margin = series(cal, (i) => [0.31, 0.3, 0.32, 0.33, 0.3, 0.29, 0.31, 0.34, 0.33, 0.32, 0.3, 0.35][i]);
  const marginA = series(cal, (i) => (i < 4 ? [0.29, 0.305, 0.33, 0.31][i] : null));
  const build = (a: Series, b: Series): PlanValue[][] => [
    ['Item', ...header],
    ['Revenue', ...row(a, cal)],
    ['Gross margin', ...row(b, cal)],
  ];
  const fmt = (v: PlanValue[][]) =>
    formatsOf(v, (r, c) => (r === 0 && c > 0 ? 'mmm-yy' : r === 2 && c > 0 ? '0.0%' : null));
  const budget = build(rev, margin);
  const actual = build(revA, marginA);
  return {
    name: 'separate-sheets',
    sheets: [sheet('Budget', budget, fmt(budget)), sheet('Actuals', actual, fmt(actual))],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Revenue',
        layout: 'wide',
        plan: rev,
        actual: revA,
        evidence: [{ rule: 'date-headers', cells: 'Budget!B1:M1' }, { rule: 'line-sheet' }],
      },
      {
        label: 'Gross margin',
        layout: 'wide',
        plan: margin,
        actual: marginA,
        aggregation: 'Average',
        unit: '%',
        evidence: [{ rule: 'percent-format', cells: 'Budget!B3:M3' }],
      },
    ],
  };
}

function monthsDown(): Fixture {
  const calls = series(cal, wobble(400, 4));
  const callsA = series(cal, (i) => (i < 7 ? 380 + (i % 5) * 9 : null));
  const meet = series(cal, (i) => 40 + (i % 3));
  const meetA = series(cal, (i) => (i < 7 ? 38 + (i % 4) : null));
  const values: PlanValue[][] = [
    ['Inside sales 2026'],
    ['Month', 'Calls target', 'Calls actual', 'Meetings target', 'Meetings actual'],
    ...cal.map((x) => [
      serial(x.y, x.m, 1),
      calls.get(key(x.y, x.m)) ?? null,
      callsA.get(key(x.y, x.m)) ?? null,
      meet.get(key(x.y, x.m)) ?? null,
      meetA.get(key(x.y, x.m)) ?? null,
    ]),
  ];
  return {
    name: 'months-down',
    sheets: [
      sheet(
        'Monthly',
        values,
        formatsOf(values, (r, c) => (r >= 2 && c === 0 ? 'mmm yyyy' : null)),
      ),
    ],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Calls',
        layout: 'monthsDown',
        plan: calls,
        actual: callsA,
        evidence: [{ rule: 'months-down', cells: 'Monthly!A2:E14' }],
      },
      { label: 'Meetings', layout: 'monthsDown', plan: meet, actual: meetA },
    ],
  };
}

function longDaily(): Fixture {
  const values: PlanValue[][] = [['Date', 'Region', 'Type', 'Amount']];
  const sums = new Map<string, Series>();
  const add = (region: string, type: string, y: number, m: number, d: number, amount: number) => {
    values.push([serial(y, m, d), region, type, amount]);
    const k = `${region}|${type}`;
    const s = sums.get(k) ?? new Map<string, number>();
    s.set(key(y, m), (s.get(key(y, m)) ?? 0) + amount);
    sums.set(k, s);
  };
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (const region of ['North', 'South'])
    for (const x of cal) add(region, 'Budget', x.y, x.m, 1, 20000 + Math.round(rnd() * 5000));
  // Daily transactions Jan-Apr, including the last and first day of each month.
  for (const x of cal.slice(0, 4)) {
    const days = new Date(Date.UTC(x.y, x.m, 0)).getUTCDate();
    for (let d = 1; d <= days; d++)
      for (const region of ['North', 'South'])
        if (d === 1 || d === days || rnd() < 0.6)
          add(region, 'Actual', x.y, x.m, d, Math.round(rnd() * 200000) / 100);
  }
  const fmt = formatsOf(values, (r, c) => (r > 0 && c === 0 ? 'dd/mm/yyyy' : null));
  return {
    name: 'long-daily',
    sheets: [sheet('Transactions', values, fmt)],
    fyStart: 1,
    year: Y,
    measures: ['North', 'South'].map((region) => ({
      label: 'Amount',
      entity: region,
      layout: 'long' as const,
      plan: sums.get(`${region}|Budget`),
      actual: sums.get(`${region}|Actual`),
      evidence: [{ rule: 'long-table', cells: `Transactions!A1:D${values.length}` }, { rule: 'line-column' }],
    })),
  };
}

function longYearMonth(): Fixture {
  const fy = monthsFrom(2026, 4, 12);
  const values: PlanValue[][] = [['Year', 'Month', 'Measure', 'Budget', 'Actual']];
  const rev = series(fy, wobble(700, 9));
  const revA = series(fy, (i) => (i < 9 ? 690 + i * 3 : null));
  const leads = series(fy, wobble(90, 2));
  const leadsA = series(fy, (i) => (i < 9 ? 85 + (i % 6) : null));
  for (const x of fy)
    for (const [name, p, a] of [
      ['Revenue', rev, revA],
      ['Leads', leads, leadsA],
    ] as const)
      values.push([x.y, LONG[x.m - 1], name, p.get(key(x.y, x.m)) ?? null, a.get(key(x.y, x.m)) ?? null]);
  return {
    name: 'long-year-month',
    sheets: [sheet('Data', values)],
    fyStart: 4,
    year: 2026,
    measures: [
      {
        label: 'Revenue',
        layout: 'long',
        plan: rev,
        actual: revA,
        fiscalYearStart: 4,
        evidence: [{ rule: 'long-table', cells: 'Data!A1:E25' }],
      },
      { label: 'Leads', layout: 'long', plan: leads, actual: leadsA },
    ],
  };
}

function textDates(): Fixture {
  const values: PlanValue[][] = [['Date', 'Amount']];
  for (const x of cal.slice(0, 6)) {
    values.push([serial(x.y, x.m, 3), 100 + x.m]);
    values.push([serial(x.y, x.m, 17), 50 + x.m]);
  }
  values.push(['2026-03-15', 999]);
  values.push(['15/04/2026', 777]);
  const fmt = formatsOf(values, (r, c) =>
    r > 0 && c === 0 && typeof values[r][0] === 'number' ? 'yyyy-mm-dd' : null,
  );
  const flag = `dates stored as text: 2 in 'Actual sales'!A2:B15`;
  return {
    name: 'text-dates',
    sheets: [sheet('Actual sales', values, fmt)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Amount',
        layout: 'long',
        problems: ['text-dates'],
        flagText: flag,
        flagLine: 'actual',
        evidence: [{ rule: 'long-table', cells: "'Actual sales'!A1:B15" }],
      },
    ],
  };
}

function fourteenMonths(): Fixture {
  const months = monthsFrom(2025, 11, 14);
  const headers = months.map((x) => `${x.y}-${String(x.m).padStart(2, '0')}`);
  const p = series(months, wobble(250, 6));
  const a = series(months, (i) => (i < 8 ? 240 + i * 2 : null));
  const values: PlanValue[][] = [
    ['Measure', 'Line', ...headers],
    ['Bookings', 'Forecast', ...row(p, months)],
    ['Bookings', 'Actual', ...row(a, months)],
  ];
  return {
    name: 'fourteen-months',
    sheets: [sheet('Rolling', values)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Bookings',
        layout: 'wide',
        plan: p,
        actual: a,
        evidence: [{ rule: 'year-month', cells: 'Rolling!C1:P1' }],
      },
    ],
  };
}

function aprilFiscal(): Fixture {
  const fy = monthsFrom(2026, 4, 12);
  const p = series(fy, wobble(150, 4));
  const a = series(fy, (i) => (i < 10 ? 140 + (i % 4) * 5 : null));
  const values: PlanValue[][] = [
    ['Plan FY2026/27'],
    ['KPI', ...fy.map((x) => SHORT[x.m - 1])],
    ['Bookings target', ...row(p, fy)],
    ['Bookings actual', ...row(a, fy)],
  ];
  return {
    name: 'april-fiscal',
    sheets: [sheet('FY plan', values)],
    fyStart: 4,
    year: 2026,
    measures: [{ label: 'Bookings', layout: 'wide', plan: p, actual: a, fiscalYearStart: 4 }],
  };
}

function runningYtd(): Fixture {
  const monthly = [80, 90, 100, 95, 110, 105, 120, 100, 90, 115, 130, 140];
  let run = 0;
  const p = series(cal, (i) => (run += monthly[i]));
  run = 0;
  const a = series(cal, (i) => (i < 6 ? (run += monthly[i] - 5) : null));
  const orders = series(cal, (i) => (i + 1) * 10);
  const ordersA = series(cal, (i) => (i < 5 ? [9, 21, 30, 28, 45][i] : null));
  const values: PlanValue[][] = [
    ['Revenue YTD 2026 (k€)'],
    ['Measure', 'Line', ...SHORT],
    ['Revenue', 'Plan', ...row(p, cal)],
    ['Revenue', 'Actual', ...row(a, cal)],
    ['Orders cumulative', 'Plan', ...row(orders, cal)],
    ['Orders cumulative', 'Actual', ...row(ordersA, cal)],
  ];
  return {
    name: 'running-ytd',
    sheets: [sheet('YTD', values)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Revenue',
        layout: 'wide',
        plan: p,
        actual: a,
        input: 'Cumulative',
        evidence: [{ rule: 'ytd-word' }],
      },
      {
        label: 'Orders cumulative',
        layout: 'wide',
        plan: orders,
        actual: ordersA,
        input: 'Cumulative',
        problems: ['running-total-falls'],
      },
    ],
  };
}

function nonEnglish(): Fixture {
  const de = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];
  const es = [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ];
  const id = [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ];
  const u = series(cal, wobble(900, 8));
  const uA = series(cal, (i) => (i < 3 ? 880 + i : null));
  const v = series(cal, wobble(45, 1));
  const vA = series(cal, (i) => (i < 9 ? 44 + (i % 3) : null));
  const pd = series(cal, wobble(60, 2));
  const pdA = series(cal, (i) => (i < 2 ? 58 + i : null));
  const german: PlanValue[][] = [
    ['Budget 2026'],
    ['Kennzahl', ...de],
    ['Umsatz Plan', ...row(u, cal)],
    ['Umsatz Ist', ...row(uA, cal)],
  ];
  const spanish: PlanValue[][] = [
    ['Ventas 2026'],
    ['Mes', 'Objetivo', 'Real'],
    ...cal.map((x, i) => [es[i], v.get(key(x.y, x.m)) ?? null, vA.get(key(x.y, x.m)) ?? null]),
  ];
  const indonesian: PlanValue[][] = [
    ['Tahun 2026'],
    ['Ukuran', ...id],
    ['Pendapatan Rencana', ...row(pd, cal)],
    ['Pendapatan Realisasi', ...row(pdA, cal)],
  ];
  return {
    name: 'non-english',
    sheets: [sheet('Planung', german), sheet('Ventas', spanish), sheet('Rencana', indonesian)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Umsatz',
        layout: 'wide',
        plan: u,
        actual: uA,
        evidence: [{ rule: 'month-names', cells: 'Planung!B2:M2' }],
      },
      { label: 'Ventas', layout: 'monthsDown', plan: v, actual: vA },
      { label: 'Pendapatan', layout: 'wide', plan: pd, actual: pdA },
    ],
  };
}

function percentRates(): Fixture {
  const conv = series(cal, (i) => [0.2, 0.22, 0.21, 0.25, 0.24, 0.23, 0.26, 0.25, 0.22, 0.27, 0.28, 0.26][i]);
  const convA = series(cal, (i) => (i < 6 ? [0.19, 0.23, 0.2, 0.26, 0.22, 0.24][i] : null));
  const churn = series(cal, () => 2.5);
  const churnA = series(cal, (i) => (i < 6 ? [2.4, 2.7, 2.6, 2.2, 2.9, 2.5][i] : null));
  const values: PlanValue[][] = [
    ['Rates 2026'],
    ['Measure', 'Line', 'Unit', ...SHORT],
    ['Conversion', 'Target', null, ...row(conv, cal)],
    ['Conversion', 'Actual', null, ...row(convA, cal)],
    ['Churn', 'Target', '%', ...row(churn, cal)],
    ['Churn', 'Actual', '%', ...row(churnA, cal)],
  ];
  const fmt = formatsOf(values, (r, c) => (r >= 2 && r <= 3 && c >= 3 ? '0.0%' : null));
  return {
    name: 'percent-rates',
    sheets: [sheet('Rates', values, fmt)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Conversion',
        layout: 'wide',
        plan: conv,
        actual: convA,
        aggregation: 'Average',
        unit: '%',
        evidence: [{ rule: 'percent-format', cells: 'Rates!D3:O3' }],
      },
      {
        label: 'Churn',
        layout: 'wide',
        plan: churn,
        actual: churnA,
        aggregation: 'Average',
        unit: '%',
        evidence: [{ rule: 'average-unit', cells: 'Rates!C5' }],
      },
    ],
  };
}

function periodCodes(): Fixture {
  // P01..P12 of a July fiscal year, and month numbers 1-12 with the year in the title.
  const fy = monthsFrom(2026, 7, 12);
  const p = series(fy, wobble(33, 1));
  const a = series(fy, (i) => (i < 5 ? 30 + i : null));
  const periods: PlanValue[][] = [
    ['FY2026'],
    ['Line item', ...fy.map((_, i) => `P${String(i + 1).padStart(2, '0')}`)],
    ['Deals budget', ...row(p, fy)],
    ['Deals actual', ...row(a, fy)],
  ];
  // Month numbers are calendar months of the title's year: the July tracker holds Jul-Dec 2026 of them.
  const l = series(cal, wobble(12, 1));
  const numbers: PlanValue[][] = [
    ['Leads plan 2026'],
    ['Item', ...SHORT.map((_, i) => i + 1)],
    ['Leads target', ...row(l, cal)],
  ];
  return {
    name: 'period-codes',
    sheets: [sheet('Periods', periods), sheet('Numbers', numbers)],
    fyStart: 7,
    year: 2026,
    measures: [
      {
        label: 'Deals',
        layout: 'wide',
        plan: p,
        actual: a,
        positional: true,
        evidence: [{ rule: 'period-codes', cells: 'Periods!B2:M2' }],
      },
      {
        label: 'Leads',
        layout: 'wide',
        plan: l,
        evidence: [{ rule: 'month-numbers', cells: 'Numbers!B2:M2' }],
      },
    ],
  };
}

function headingGroups(): Fixture {
  // Each measure on a row of its own, its lines under it labelled only Plan / Actual; actuals still to come.
  const rev = series(cal, wobble(210, 4));
  const revA = series(cal, (i) => (i < 3 ? 200 + i * 6 : null));
  const opp = series(cal, wobble(30, 1));
  const values: PlanValue[][] = [
    ['Pipeline review 2026'],
    ['', ...SHORT],
    ['Revenue'],
    ['Plan', ...row(rev, cal)],
    ['Actual', ...row(revA, cal)],
    ['Opportunities'],
    ['Plan', ...row(opp, cal)],
    ['Actual'],
  ];
  return {
    name: 'heading-groups',
    sheets: [sheet('Pipeline', values)],
    fyStart: 1,
    year: Y,
    measures: [
      {
        label: 'Revenue',
        layout: 'wide',
        plan: rev,
        actual: revA,
        evidence: [{ rule: 'line-under-heading', cells: 'Pipeline!A4' }],
      },
      {
        label: 'Opportunities',
        layout: 'wide',
        plan: opp,
        actual: new Map(),
        evidence: [{ rule: 'line-under-heading', cells: 'Pipeline!A8' }],
      },
    ],
  };
}

export const FIXTURES: Fixture[] = [
  wideLineColumn(),
  adjacentRows(),
  separateBlocks(),
  separateSheets(),
  monthsDown(),
  longDaily(),
  longYearMonth(),
  textDates(),
  fourteenMonths(),
  aprilFiscal(),
  runningYtd(),
  nonEnglish(),
  percentRates(),
  periodCodes(),
  headingGroups(),
];
