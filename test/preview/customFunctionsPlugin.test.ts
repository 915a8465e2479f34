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
