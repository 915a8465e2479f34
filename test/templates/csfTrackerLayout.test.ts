/**
 * The CSF Tracker as an auditor reads it (the FAST standard): short formulas, one shape down each column, no
 * constant inside a formula, inputs / results / workings apart, and the layout the README documents.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { columnLetter } from '../../src/templates/a1';
import {
  CSF_COLUMNS as C,
  CSF_FIRST_DATA_ROW,
  CSF_HEADERS,
  CSF_NAMES,
  CSF_WORKINGS,
  CSF_WORKINGS_FIRST_COL,
  csfTracker,
} from '../../src/templates/csfTracker';

/** A formula in R1C1 terms relative to its own cell: the same text for the same calculation on any row. */
function r1c1(formula: string, row: number, col: number): string {
  const toCol = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(
            /(^|[^A-Za-z0-9_$])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
            (_, before: string, absCol: string, letters: string, absRow: string, digits: string) => {
              const r = Number(digits) - 1;
              const c = toCol(letters);
              return `${before}R${absRow ? r + 1 : `[${r - row}]`}C${absCol ? c + 1 : `[${c - col}]`}`;
            },
          ),
    )
    .join('');
}

async function insertedFormulas(rows?: number) {
  const wb = new MemoryWorkbook();
  const { name } = await wb.insertSheet(csfTracker.render({ examples: true, rows }));
  const serialized = wb.sheetSerialized(name);
  const out: { row: number; col: number; formula: string }[] = [];
  serialized.forEach((line, row) =>
    line.forEach((v, col) => {
      if (typeof v === 'string' && v.startsWith('=')) out.push({ row, col, formula: v });
    }),
  );
  return out;
}

describe('CSF Tracker formulas, as inserted', () => {
  it('the longest formula is at most 120 characters', async () => {
    const formulas = await insertedFormulas();
    const longest = formulas.reduce((a, b) => (b.formula.length > a.formula.length ? b : a));
    process.stderr.write(
      `Longest CSF Tracker formula (${longest.formula.length} characters, ${columnLetter(longest.col)}${longest.row + 1}): ${longest.formula}\n`,
    );
    expect(formulas.length).toBeGreaterThan(1000);
    expect(longest.formula.length).toBeLessThanOrEqual(120);
  });

  it('stays within 120 characters on a tracker of a thousand rows', async () => {
    const plan = csfTracker.render({ examples: false, rows: 993 });
    const lengths = plan.cells.flatMap((line) =>
      line.flatMap((c) => ('formula' in c ? [c.formula.length] : [])),
    );
    expect(lengths.reduce((a, b) => Math.max(a, b), 0)).toBeLessThanOrEqual(120);
  });

  it('has one formula shape down each column of the table and the workings', async () => {
    const formulas = (await insertedFormulas()).filter((f) => f.row >= CSF_FIRST_DATA_ROW);
    const shapes = new Map<number, Set<string>>();
    for (const f of formulas) {
      const set = shapes.get(f.col) ?? new Set<string>();
      set.add(r1c1(f.formula, f.row, f.col));
      shapes.set(f.col, set);
    }
    const inconsistent = [...shapes.entries()]
      .filter(([, s]) => s.size > 1)
      .map(([col, s]) => `${columnLetter(col)}: ${[...s].join('  |  ')}`);
    expect(inconsistent).toEqual([]);
    // Every result column and every working column is computed on every data row.
    for (let col = C.through; col <= C.teamCheck; col++) expect(shapes.has(col)).toBe(true);
    for (const col of Object.values(CSF_WORKINGS)) expect(shapes.has(col)).toBe(true);
  });

  it('holds no constant but 0, 1 and 2 (index steps) inside a formula: the rest are settings cells', async () => {
    const numbers = new Set<string>();
    for (const { formula } of await insertedFormulas())
      for (const m of formula
        .replace(/"(?:[^"]|"")*"/g, '""')
        .replace(/\$?[A-Z]{1,3}\$?\d+/g, 'REF')
        .matchAll(/(?<![A-Za-z0-9_.])\d+(\.\d+)?/g))
        numbers.add(m[0]);
    expect([...numbers].sort()).toEqual(['0', '1', '2']);
  });

  it('keeps inputs, results and workings apart: settings, then results next to the CSF, inputs, workings', () => {
    const letters = Object.fromEntries(Object.entries(C).map(([k, v]) => [k, columnLetter(v)]));
    expect(letters).toMatchObject({
      team: 'A',
      csf: 'B',
      unit: 'F',
      aggregation: 'G',
      input: 'H',
      direction: 'I',
      tolerance: 'J',
      annualTarget: 'K',
      through: 'L',
      ytdTarget: 'M',
      ytdActual: 'N',
      variance: 'O',
      side: 'P',
      attainment: 'Q',
      status: 'R',
      forecast: 'S',
      forecastGap: 'T',
      needed: 'U',
      trend: 'V',
      check: 'W',
      teamCheck: 'X',
      firstTarget: 'Y',
      firstActual: 'AK',
    });
    // One blank column between the last actual (AV) and the workings.
    expect(columnLetter(CSF_WORKINGS_FIRST_COL)).toBe('AX');
    const plan = csfTracker.render({ examples: false });
    const table = plan.namedRanges.find((n) => n.name === CSF_NAMES.table)!.range;
    expect(table.col + table.cols).toBe(CSF_WORKINGS_FIRST_COL - 1);
    expect(Object.keys(CSF_HEADERS).length).toBe(24);
  });
});
