/**
 * Connect my plan (issue 11, "Done when" 2): 500 random plans in random layouts (wide with a line column, the
 * line in the label, separate blocks, separate sheets; months down; long tables of dated rows or of year and
 * month columns) built from random monthly series (random fiscal year start and year, header style, gaps,
 * zeros and negatives, plan only or actual only), detected, connected, and recalculated by HyperFormula (the
 * preview's engine, configured as the hosts compute): the tracker's monthly target and actual cells give the
 * series back exactly, blank where the series has no figure.
 */
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import { SPREADSHEET_ENGINE_CONFIG } from '../../preview/engineConfig';
import { detectPlans } from '../../src/connect/detect';
import { planConnect } from '../../src/connect/links';
import type { ConnectChoice, ScanSheet } from '../../src/connect/types';
import { CSF_COLUMNS as C, CSF_SETTINGS } from '../../src/templates/csfTracker';
import type { PlanCell, PlanValue } from '../../src/templates/sheetPlan';
import { trackerPlan, trackerView, TRACKER } from '../connect/harness';
import { buildSources, caseArb, expectedFigure, LAYOUTS, type Case } from './connectCases';

const RUNS = 500;
const SEED = 20_261_130;

/** The tracker's month cells: the settings and the written blocks only (the rest of the tracker is not read). */
function recalc(c: Case, sources: ScanSheet[], writes: ReturnType<typeof planConnect>, rows: number[]) {
  const tracker: PlanValue[][] = [];
  const put = (r: number, col: number, v: PlanValue) => {
    while (tracker.length <= r) tracker.push([]);
    tracker[r][col] = v;
  };
  put(CSF_SETTINGS.fiscalYearStart.row, CSF_SETTINGS.fiscalYearStart.col, c.fy);
  put(CSF_SETTINGS.firstYear.row, CSF_SETTINGS.firstYear.col, c.year);
  for (const b of writes.tracker)
    b.cells.forEach((line, i) =>
      line.forEach((cell, j) => put(b.row + i, b.col + j, 'formula' in cell ? cell.formula : hf(cell.value))),
    );
  if (!('insert' in writes.links)) throw new Error('expected a links sheet');
  const links = writes.links.insert.cells.map((line: PlanCell[]) =>
    line.map((cell) => ('formula' in cell ? cell.formula : hf(cell.value))),
  );
  const sheets: Record<string, PlanValue[][]> = {
    [TRACKER]: tracker.map((r) => Array.from(r, (v) => v ?? null)),
    'Plan Links': links,
  };
  for (const s of sources) sheets[s.name] = s.values.map((r) => r.map(hf));
  const engine = HyperFormula.buildFromSheets(sheets, { ...SPREADSHEET_ENGINE_CONFIG });
  const id = engine.getSheetId(TRACKER) as number;
  const read = (row: number, col: number): PlanValue => {
    const v = engine.getCellValue({ sheet: id, row, col });
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') return `error ${String((v as { value: unknown }).value)}`;
    return v;
  };
  const out = rows.map((r) => ({
    targets: Array.from({ length: 12 }, (_, p) => read(r, C.firstTarget + p)),
    actuals: Array.from({ length: 12 }, (_, p) => read(r, C.firstActual + p)),
  }));
  engine.destroy();
  return out;
}

const hf = (v: PlanValue): PlanValue => (typeof v === 'string' ? `'${v}` : v);

function close(got: PlanValue, want: number | null): boolean {
  if (want === null) return got === '' || got === null;
  return typeof got === 'number' && Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
}

describe('Connect my plan: random plans come back exactly', () => {
  it(`${RUNS} random plans in random layouts: detect, connect, recalculate`, () => {
    const layouts = new Map<string, number>();
    const plan0 = trackerPlan(1, 2026);
    fc.assert(
      fc.property(caseArb, (c) => {
        const sources = buildSources(c);
        const scan = detectPlans(sources);
        const view = { ...trackerView(plan0, c.fy, c.year) };
        const choices: ConnectChoice[] = c.measures.map((m, i) => {
          const found = scan.measures.find((x) => x.label === m.label);
          if (found === undefined)
            throw new Error(
              `${m.label} not detected in ${c.layout}/${c.header}: ${scan.measures.map((x) => x.key).join(', ')} ${scan.notes.join(' ')}`,
            );
          const lines = (['plan', 'actual'] as const).filter((l) => m[l] !== null);
          for (const l of lines)
            if (found.sources[l] === null)
              throw new Error(`${m.label}: ${l} line not detected (${c.layout}/${c.header})`);
          return {
            measure: found.key,
            row: { kind: 'new', team: `Team ${i}`, csf: m.label },
            direction: 'up',
            aggregation: 'Sum',
            input: 'Per month',
            unit: '',
          };
        });
        const writes = planConnect(scan, sources, choices, view, null);
        const got = recalc(
          c,
          sources,
          writes,
          c.measures.map((_, i) => 7 + i),
        );
        c.measures.forEach((m, i) => {
          for (let p = 0; p < 12; p++)
            for (const [line, cells] of [
              ['plan', got[i].targets],
              ['actual', got[i].actuals],
            ] as const) {
              const want = expectedFigure(c, m, line, p + 1);
              if (!close(cells[p], want))
                throw new Error(
                  `${c.layout}/${c.header} fy ${c.fy} ${c.year} ${m.label} ${line} period ${p + 1}: got ${JSON.stringify(cells[p])}, want ${want}`,
                );
            }
        });
        layouts.set(c.layout, (layouts.get(c.layout) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Every layout was tried many times.
    for (const l of LAYOUTS) expect(layouts.get(l) ?? 0).toBeGreaterThan(30);
  }, 180_000);
});
