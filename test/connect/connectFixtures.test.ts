/**
 * Connect my plan (issue 11, "Done when" 1): fourteen planning workbooks, one per layout, are detected as
 * described, connected into a real CSF Tracker, recalculated by LibreOffice (and by HyperFormula, the preview's
 * engine), and every monthly target and actual cell of the tracker equals the source's own figure for that
 * month (blank where the source has none), or the flag words where the link cannot be trusted.
 */
import { LINKS_COLUMNS, planConnect } from '../../src/connect/links';
import { detectPlans } from '../../src/connect/detect';
import type { ConnectChoice, FoundMeasure, PlanScan, ScanSheet } from '../../src/connect/types';
import { CSF_COLUMNS as C } from '../../src/templates/csfTracker';
import type { PlanValue } from '../../src/templates/sheetPlan';
import { FIXTURES, type Expected, type Fixture, type Series } from './fixtures';
import {
  applyTracker,
  connect,
  recalcHyperFormula,
  recalcLibreOffice,
  trackerMonth,
  trackerPlan,
  trackerView,
  type Connected,
  type TrackerMonths,
} from './harness';

function find(scan: PlanScan, e: Expected): FoundMeasure {
  const m = scan.measures.find((x) => x.label === e.label && (x.entity ?? undefined) === e.entity);
  if (m === undefined)
    throw new Error(
      `${e.label}${e.entity ?? ''} not found among ${scan.measures.map((x) => x.key).join(', ')}`,
    );
  return m;
}

function choices(scan: PlanScan, f: Fixture): ConnectChoice[] {
  return f.measures.map((e, i) => {
    const m = find(scan, e);
    return {
      measure: m.key,
      row: { kind: 'new', team: `Team ${i}`, csf: `${e.label} CSF` },
      direction: 'up',
      aggregation: m.suggested.aggregation,
      input: m.suggested.input,
      unit: m.suggested.unit ?? '',
    };
  });
}

/** What the tracker's 12 cells of one line must show: the figure of each fiscal month, or blank. */
function expectedMonths(f: Fixture, s: Series | undefined, flag: string | undefined): PlanValue[] {
  return Array.from({ length: 12 }, (_, i) => {
    if (flag !== undefined) return flag;
    if (s === undefined) return '';
    const { y, m } = trackerMonth(f.fyStart, f.year, i + 1);
    return s.get(`${y}-${m}`) ?? '';
  });
}

function sameCells(got: PlanValue[], want: PlanValue[], where: string): void {
  const g = got.map((v) => v ?? '');
  want.forEach((w, i) => {
    const v = g[i];
    if (typeof w === 'number' && typeof v === 'number') {
      if (Math.abs(v - w) > 1e-9 * Math.max(1, Math.abs(w)))
        throw new Error(`${where} month ${i + 1}: got ${v}, want ${w}`);
    } else if (v !== w)
      throw new Error(`${where} month ${i + 1}: got ${JSON.stringify(v)}, want ${JSON.stringify(w)}`);
  });
}

const connected = new Map<string, Connected & { scan: PlanScan; rows: number[] }>();
for (const f of FIXTURES) {
  const c = connect(f.sheets, (scan) => choices(scan, f), f.fyStart, f.year);
  connected.set(f.name, { ...c, rows: f.measures.map((_, i) => 7 + i) });
}

describe('detection of each layout', () => {
  it('has at least twelve fixture workbooks', () => expect(FIXTURES.length).toBeGreaterThanOrEqual(12));

  for (const f of FIXTURES)
    it(`${f.name}: ${f.measures.map((m) => m.label).join(', ')}`, () => {
      const scan = detectPlans(f.sheets);
      for (const e of f.measures) {
        const m = find(scan, e);
        expect(m.layout).toBe(e.layout);
        for (const line of ['plan', 'actual'] as const) {
          const want = e[line];
          if (want === undefined) continue;
          if (e.positional === true) {
            expect(m.values[line].filter((v) => v !== null)).toEqual([...want.values()]);
            continue;
          }
          // Every figure of the source, in its month.
          for (const [k, v] of want) {
            const [y, mo] = k.split('-').map(Number);
            const i = m.months.findIndex((x) => x.month === mo && (x.year === y || x.year === 0));
            expect({ month: k, line, value: i < 0 ? undefined : m.values[line][i] }).toEqual({
              month: k,
              line,
              value: v,
            });
          }
          expect(m.sources[line]).not.toBeNull();
        }
        expect(m.suggested.input).toBe(e.input ?? 'Per month');
        expect(m.suggested.aggregation).toBe(e.aggregation ?? 'Sum');
        if (e.unit !== undefined) expect(m.suggested.unit).toBe(e.unit);
        if (e.fiscalYearStart !== undefined) expect(m.suggested.fiscalYearStart).toBe(e.fiscalYearStart);
        for (const ev of e.evidence ?? [])
          expect(m.evidence).toEqual(
            expect.arrayContaining([
              expect.objectContaining(ev.cells === undefined ? { rule: ev.rule } : ev),
            ]),
          );
        expect(m.problems.map((p) => p.rule).sort()).toEqual([...(e.problems ?? [])].sort());
        for (const p of m.problems) expect(p.cells).toMatch(/!/);
      }
    });

  it('reports dates stored as text with the cells, and never reads them as nothing', () => {
    const scan = detectPlans(FIXTURES.find((f) => f.name === 'text-dates')?.sheets as ScanSheet[]);
    expect(scan.measures[0].problems[0].text).toContain("2 dates stored as text in 'Actual sales'!A2:A15");
  });

  it('links stay short and use only functions every engine has', () => {
    for (const [name, c] of connected)
      for (const line of c.links.cells.slice(8))
        for (const cell of line)
          if ('formula' in cell) {
            const fns = [
              ...cell.formula.replace(/"(?:[^"]|"")*"/g, '""').matchAll(/([A-Z][A-Z0-9.]*)\(/g),
            ].map((m) => m[1]);
            for (const fn of fns)
              expect({ name, fn }).toEqual({
                name,
                fn: expect.stringMatching(/^(COUNTIFS|COUNTA|SUMIFS|IF|N|COUNT|YEAR|TRIM)$/),
              });
            // FAST: 120 characters; a long table matched by date, entity and line on a long sheet name needs more.
            const limit = name === 'long-daily' ? 150 : 120;
            expect({ name, formula: cell.formula, short: cell.formula.length <= limit }).toEqual({
              name,
              formula: cell.formula,
              short: true,
            });
          }
  });
});

function checkTracker(f: Fixture, months: TrackerMonths[], engine: string): void {
  f.measures.forEach((e, i) => {
    const where = `${engine} ${f.name} ${e.label}${e.entity ?? ''}`;
    const flag = (line: 'plan' | 'actual') => (e.flagLine === line ? e.flagText : undefined);
    sameCells(months[i].targets, expectedMonths(f, e.plan, flag('plan')), `${where} target`);
    sameCells(months[i].actuals, expectedMonths(f, e.actual, flag('actual')), `${where} actual`);
  });
}

describe('connected trackers, recalculated', () => {
  it('HyperFormula: every monthly target and actual equals the source', () => {
    for (const f of FIXTURES) {
      const c = connected.get(f.name) as Connected & { rows: number[] };
      checkTracker(f, recalcHyperFormula(c, c.rows), 'HyperFormula');
    }
  });

  let lo: Awaited<ReturnType<typeof recalcLibreOffice>>;
  beforeAll(async () => {
    const flagged = flagCase();
    lo = await recalcLibreOffice([
      ...FIXTURES.map((f) => {
        const c = connected.get(f.name) as Connected & { rows: number[] };
        return { name: f.name, connected: c, rows: c.rows };
      }),
      { name: 'flags', connected: flagged, rows: [7, 8] },
    ]);
  }, 300_000);

  for (const f of FIXTURES)
    it(`LibreOffice: ${f.name}`, () => {
      const got = lo.get(f.name);
      if (got === undefined) throw new Error('not recalculated');
      checkTracker(f, got.tracker, 'LibreOffice');
      for (const line of got.links.slice(8, 8 + f.measures.length * 2)) {
        const check = line[LINKS_COLUMNS.check];
        if (check === null || check === '') continue;
        const e = f.measures.find((m) => m.flagText !== undefined);
        expect(check === 'OK' || (e !== undefined && check === e.flagText)).toBe(true);
      }
    });

  it('LibreOffice: a falling running total is flagged by the tracker', () => {
    const got = lo.get('running-ytd');
    expect(got?.tracker[1].check).toBe('cumulative figures fall in Apr');
    expect(got?.tracker[0].check).toBe('');
  });

  it('LibreOffice: a label not found or found twice is flagged in the check column and in every month', () => {
    const got = lo.get('flags');
    if (got === undefined) throw new Error('not recalculated');
    const twice = "Revenue found 2 times in 'Budget 2026'!A4:A7";
    const missing = "not found: Revenue in 'Budget 2026'!A4:A7";
    const logos = "not found: New logos in 'Budget 2026'!A4:A7";
    expect(got.links.slice(8, 12).map((l) => l[LINKS_COLUMNS.check])).toEqual([twice, missing, logos, logos]);
    sameCells(got.tracker[0].targets, Array(12).fill(twice), 'revenue targets');
    sameCells(got.tracker[0].actuals, Array(12).fill(missing), 'revenue actuals');
    sameCells(got.tracker[1].targets, Array(12).fill(logos), 'logo targets');
    // The tracker flags the row too (and so does the review): text in a month is never a month still to come.
    expect(got.tracker[0].check).toBe('the Jan actual is text, not a number');
    expect(got.tracker[1].check).toBe('the Jan actual is text, not a number');
  });
});

/** The first fixture connected, then its plan edited: Revenue's actual row relabelled Plan, New logos renamed. */
function flagCase(): Connected {
  const f = FIXTURES[0];
  const c = connected.get(f.name) as Connected;
  const values = f.sheets[0].values.map((r) => [...r]);
  values[4][1] = 'Plan';
  values[5][0] = 'New clients';
  values[6][0] = 'New clients';
  return { ...c, sources: [{ ...f.sheets[0], values }] };
}

describe('connecting safely', () => {
  const f = FIXTURES[0];
  const scan = detectPlans(f.sheets);
  const plan = trackerPlan(1, 2026);

  it('lists typed tracker values it would replace, not the template formulas', () => {
    const typed = { ...plan, cells: plan.cells.map((r) => [...r]) };
    typed.cells[7][C.team] = { value: 'Sales' };
    typed.cells[7][C.csf] = { value: 'Grow' };
    typed.cells[7][C.firstActual + 2] = { value: 42 };
    typed.cells[7][C.firstTarget] = { formula: '=Sheet9!B2' };
    const view = trackerView(typed, 1, 2026);
    const writes = planConnect(
      scan,
      f.sheets,
      [
        {
          measure: scan.measures[0].key,
          row: { kind: 'existing', row: 7 },
          direction: 'up',
          aggregation: 'Sum',
          input: 'Per month',
          unit: 'k€',
        },
      ],
      view,
      null,
    );
    expect(writes.replaces).toEqual([
      { cell: "'CSF Tracker'!Y8", value: '=Sheet9!B2' },
      { cell: "'CSF Tracker'!AM8", value: 42 },
    ]);
  });

  it('re-running updates the same links rows in place and appends new series, with no second links sheet', () => {
    const first = planConnect(
      scan,
      f.sheets,
      [
        {
          measure: scan.measures[0].key,
          row: { kind: 'new', team: 'Sales', csf: 'Grow' },
          direction: 'up',
          aggregation: 'Sum',
          input: 'Per month',
          unit: '',
        },
      ],
      trackerView(plan, 1, 2026),
      null,
    );
    if (!('insert' in first.links)) throw new Error('expected an insert');
    const inserted = first.links.insert;
    const after = applyTracker(plan, first);
    const links = {
      sheet: 'Plan Links',
      values: inserted.cells.map((r) => r.map((c) => ('value' in c ? c.value : null))),
      formulas: inserted.cells.map((r) => r.map((c) => ('formula' in c ? c.formula : null))),
    };
    const again = planConnect(
      scan,
      f.sheets,
      [
        {
          measure: scan.measures[0].key,
          row: { kind: 'existing', row: 7 },
          direction: 'up',
          aggregation: 'Sum',
          input: 'Per month',
          unit: '',
        },
        {
          measure: scan.measures[1].key,
          row: { kind: 'new', team: 'Sales', csf: 'Logos' },
          direction: 'up',
          aggregation: 'Sum',
          input: 'Per month',
          unit: '',
        },
      ],
      trackerView(after, 1, 2026),
      links,
    );
    if (!('update' in again.links)) throw new Error('expected an update');
    expect(again.links.update.map((b) => [b.row, b.cells[0][0]])).toEqual([
      [8, { value: `${scan.measures[0].key}|plan` }],
      [9, { value: `${scan.measures[0].key}|actual` }],
      [10, { value: `${scan.measures[1].key}|plan` }],
      [11, { value: `${scan.measures[1].key}|actual` }],
    ]);
    // Our own formulas in the tracker are replaced silently.
    expect(again.replaces).toEqual([]);
  });

  it('refuses a fourth CSF for a team, naming the team and the limit', () => {
    const three = { ...plan, cells: plan.cells.map((r) => [...r]) };
    for (let i = 0; i < 3; i++) {
      three.cells[7 + i][C.team] = { value: 'Sales' };
      three.cells[7 + i][C.csf] = { value: `CSF ${i}` };
    }
    expect(() =>
      planConnect(
        scan,
        f.sheets,
        [
          {
            measure: scan.measures[0].key,
            row: { kind: 'new', team: 'sales', csf: 'One more' },
            direction: 'up',
            aggregation: 'Sum',
            input: 'Per month',
            unit: '',
          },
        ],
        trackerView(three, 1, 2026),
        null,
      ),
    ).toThrow(/team sales would have 4 CSFs; a team tracks at most 3/);
  });

  it("does not point the tracker at a user's own sheet called Plan Links", () => {
    const theirs: ScanSheet = { name: 'Plan Links', values: [['my notes']], formats: null };
    const writes = planConnect(
      detectPlans([...f.sheets, theirs]),
      [...f.sheets, theirs],
      [
        {
          measure: scan.measures[0].key,
          row: { kind: 'new', team: 'Sales', csf: 'Grow' },
          direction: 'up',
          aggregation: 'Sum',
          input: 'Per month',
          unit: '',
        },
      ],
      trackerView(plan, 1, 2026),
      null,
    );
    if (!('insert' in writes.links)) throw new Error('expected an insert');
    expect(writes.links.insert.name).toBe('Plan Links (2)');
    expect(writes.tracker[1].cells[0][0]).toEqual({ formula: "='Plan Links (2)'!$AW$9" });
  });

  it("a scan of the whole workbook leaves out the add-in's own sheets (the tracker and Plan Links)", () => {
    const c = connected.get(f.name) as Connected;
    const asScan = (name: string, cells: { value: unknown }[][] | unknown[][]): ScanSheet => ({
      name,
      formats: null,
      values: (cells as ({ value: PlanValue } | { formula: string })[][]).map((r) =>
        r.map((x) => ('value' in x ? x.value : null)),
      ),
    });
    const all = [...f.sheets, asScan('CSF Tracker', c.tracker.cells), asScan('Plan Links', c.links.cells)];
    const again = detectPlans(all);
    expect(again.measures.map((m) => m.key)).toEqual(scan.measures.map((m) => m.key));
    expect(again.notes).toEqual([
      "CSF Tracker: skipped, it is the add-in's CSF Tracker",
      "Plan Links: skipped, it is the add-in's links sheet",
    ]);
  });

  it('refuses a measure the scan does not have', () => {
    expect(() =>
      planConnect(
        scan,
        f.sheets,
        [
          {
            measure: 'Nope|X',
            row: { kind: 'new', team: 'A', csf: 'B' },
            direction: 'up',
            aggregation: 'Sum',
            input: 'Per month',
            unit: '',
          },
        ],
        trackerView(plan, 1, 2026),
        null,
      ),
    ).toThrow(/"Nope\|X" was not found/);
  });
});

describe('the links sheet', () => {
  const f = FIXTURES.find((x) => x.name === 'long-daily') as Fixture;
  const c = connected.get(f.name) as Connected & { rows: number[] };

  it('reads the calendar from the tracker and names its table', () => {
    const cell = (r: number, col: number) => c.links.cells[r]?.[col];
    expect(c.links.name).toBe('Plan Links');
    expect(c.links.namedRanges.map((n) => n.name)).toEqual(['SE_Links_Table']);
    expect(cell(2, 2)).toEqual({ formula: "='CSF Tracker'!$C$3" });
    expect(cell(2, 5)).toEqual({ formula: "='CSF Tracker'!$N$3" });
    expect(cell(5, LINKS_COLUMNS.firstOutput)).toEqual({ formula: '=DATE($F$3,$C$3+AW$5-1,1)' });
    expect(cell(6, LINKS_COLUMNS.firstOutput)).toEqual({ formula: '=DATE($F$3,$C$3+AW$5,1)' });
    // The tracker's month cells are plain references to the outputs, one shape across the row.
    const targets = c.tracker.cells[7].slice(C.firstTarget, C.firstTarget + 12);
    expect(targets[0]).toEqual({ formula: "='Plan Links'!$AW$9" });
    expect(targets[11]).toEqual({ formula: "='Plan Links'!$BH$9" });
  });

  it("moves with the tracker's year: the same plan under a 2027 tracker has no month of data", () => {
    const moved = { ...c.tracker, cells: c.tracker.cells.map((r) => [...r]) };
    moved.cells[2][13] = { value: 2027 };
    const months = recalcHyperFormula({ ...c, tracker: moved }, c.rows);
    for (const m of months) {
      expect(m.targets).toEqual(Array(12).fill(''));
      expect(m.actuals).toEqual(Array(12).fill(''));
    }
    // And under a tracker starting in April 2026, April's actual is April's transactions.
    const april = { ...c.tracker, cells: c.tracker.cells.map((r) => [...r]) };
    april.cells[2][2] = { value: 4 };
    const got = recalcHyperFormula({ ...c, tracker: april }, c.rows);
    const north = f.measures[0];
    expect(got[0].actuals[0]).toBeCloseTo(north.actual?.get('2026-4') as number, 9);
    expect(got[0].actuals[1]).toBe('');
    expect(got[0].targets[11]).toBe(north.plan?.get('2027-3') ?? '');
  });
});
