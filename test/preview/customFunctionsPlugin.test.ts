/** The worked examples of SPEC §1, written as formulas in the preview's HyperFormula with the plugin. */
import { a1, rangeA1 } from '../../src/templates/a1';
import { workedExamples } from '../fixtures/workedExamples';
import { previewFunctions, workbookWithFunctions } from './previewFunctions';

function literal(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return `"${v.replace(/"/g, '""')}"`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

describe('custom functions in HyperFormula', () => {
  test('every function of src/functions is registered', () => {
    const wb = workbookWithFunctions();
    const names = wb.engine.getRegisteredFunctionNames();
    for (const f of previewFunctions()) expect(names).toContain(f.sheetsName);
  });

  test.each(workedExamples.map((ex) => [`${ex.fn}: ${ex.title}`, ex] as const))('%s', async (_title, ex) => {
    const wb = workbookWithFunctions();
    await wb.insertSheet({
      name: 'Ex',
      cells: [],
      rows: 1,
      cols: 1,
      formats: [],
      validations: [],
      conditionalFormats: [],
      namedRanges: [],
      columnWidths: [],
      frozenRows: 0,
      frozenCols: 0,
      charts: [],
    });
    // Ranges go below row 20, one block per argument; the formula goes in A1.
    let nextRow = 20;
    const parts = ex.args.map((arg) => {
      if (!Array.isArray(arg)) return literal(arg);
      const rows = arg as unknown[][];
      rows.forEach((row, r) =>
        row.forEach((v, c) => wb.setCell('Ex', nextRow + r, c, (v ?? null) as string | number | null)),
      );
      const ref = rangeA1({ row: nextRow, col: 0, rows: rows.length, cols: rows[0].length });
      nextRow += rows.length + 1;
      return ref;
    });
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    wb.engine.setCellContents({ sheet: wb.engine.getSheetId('Ex')!, row: 0, col: 0 }, [
      [`=${ex.fn}(${parts.join(',')})`],
    ]);
    const got = wb.readRange('Ex', { row: 0, col: 0, rows: ex.expected.length, cols: ex.expected[0].length });
    ex.expected.forEach((row, r) =>
      row.forEach((want, c) => {
        const cell = got[r][c];
        const where = `${a1(r, c)} of ${ex.fn}`;
        if (typeof want === 'number') {
          expect([where, typeof cell]).toEqual([where, 'number']);
          expect(cell as number).toBeCloseTo(want, ex.digits ?? 9);
        } else expect([where, cell]).toEqual([where, want === '' ? null : want]);
      }),
    );
  });

  test('FUNNEL_TARGETS: SPEC §1 numbers as formulas over ranges (529, 185, 120, 84, 25; unrounded 523.29 … 25)', () => {
    const wb = workbookWithFunctions();
    wb.engine.addSheet('T');
    const sheet = wb.engine.getSheetId('T')!;
    // Rates in A1:A4, goals 25 and 10 in C1:D1; the funnels spill below. (The preview's engine spells the
    // boolean FALSE(): a bare FALSE is an unknown name there.)
    wb.engine.setCellContents({ sheet, row: 0, col: 0 }, [[0.35], [0.65], [0.7], [0.3]]);
    wb.engine.setCellContents({ sheet, row: 0, col: 2 }, [[25, 10]]);
    wb.engine.setCellContents({ sheet, row: 10, col: 0 }, [
      ['=FUNNEL_TARGETS(C1,A1:A4)', '=FUNNEL_TARGETS(C1,A1:A4,FALSE())', '=FUNNEL_TARGETS(C1:D1,A1:A4)'],
    ]);
    const col = (c: number, rows = 5) =>
      Array.from({ length: rows }, (_, r) => wb.engine.getCellValue({ sheet, row: 10 + r, col: c }));
    expect(col(0)).toEqual([529, 185, 120, 84, 25]);
    const exact = col(1) as number[];
    [523.29, 183.15, 119.05, 83.33, 25].forEach((want, i) => expect(exact[i]).toBeCloseTo(want, 2));
    expect(col(2)).toEqual([529, 185, 120, 84, 25]);
    expect(col(3)).toEqual([218, 76, 49, 34, 10]);
    wb.engine.setCellContents({ sheet, row: 20, col: 0 }, [['=FUNNEL_TARGETS(84,0.7)']]);
    expect(wb.engine.getCellValue({ sheet, row: 20, col: 0 })).toBe(120);
    wb.engine.setCellContents({ sheet, row: 30, col: 0 }, [['=FUNNEL_TARGETS(25,C1:D1)']]);
    const err = wb.engine.getCellValue({ sheet, row: 30, col: 0 }) as { type: string; message: string };
    expect(err.type).toBe('VALUE');
    expect(err.message).toMatch(/^FUNNEL_TARGETS: rates must be conversion rates above 0 and at most 1/);
  });

  test('errors become #VALUE! / #N/A with the message', async () => {
    const wb = workbookWithFunctions();
    wb.engine.addSheet('E');
    const sheet = wb.engine.getSheetId('E')!;
    wb.engine.setCellContents({ sheet, row: 0, col: 0 }, [['=SE_SCORE(11,4)'], ['=SE_SCORE(9,4)*2']]);
    const err = wb.engine.getCellValue({ sheet, row: 0, col: 0 }) as { type: string; message: string };
    expect(err.type).toBe('VALUE');
    expect(err.message).toMatch(/SE_SCORE/);
    expect(wb.engine.getCellValue({ sheet, row: 1, col: 0 })).toBe(72);
  });
});
