/**
 * The preview's import against hostile files, in Node (the browser suite, hostilePage.test.ts, runs the same
 * files through the page): each is refused within 5 s with a message that names the limit or the problem, and
 * awkward but honest workbooks still come in. The limits themselves agree with the engine's.
 */
import * as ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';
import { checkImportFile, IMPORT_LIMITS, importXlsx } from '../../preview/xlsx';
import { hostileFiles, trickyFiles, type HostileFile } from './hostileFiles';
import { workbookWithFunctions } from './previewFunctions';

/** What the page does with a chosen or dropped file: its name and size first, then its bytes. */
async function importAsThePageDoes(file: HostileFile): Promise<string> {
  try {
    checkImportFile(file.name, file.bytes.length);
    await importXlsx(file.bytes, ExcelJS, workbookWithFunctions);
  } catch (error) {
    return (error as Error).message;
  }
  return 'imported';
}

describe('hostile files', () => {
  const files = hostileFiles();

  test('there are at least 30 of them, each with its own name', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(new Set(files.map((f) => f.name)).size).toBe(files.length);
  });

  test.each(files.map((f) => [f.name, f] as const))(
    '%s is refused within 5 s, naming the limit or the problem',
    async (_name, file) => {
      const started = Date.now();
      const message = await importAsThePageDoes(file);
      const ms = Date.now() - started;
      expect(message).toMatch(file.problem);
      expect(ms).toBeLessThan(5000);
    },
  );
});

describe('awkward but honest files', () => {
  test.each(trickyFiles().map((f) => [f.name, f] as const))('%s imports', async (_name, file) => {
    const started = Date.now();
    checkImportFile(file.name, file.bytes.length);
    const { workbook } = await importXlsx(file.bytes, ExcelJS, workbookWithFunctions);
    expect(await workbook.sheetNames()).toEqual(['Data']);
    expect(workbook.sheetValues('Data')[0]).toEqual(['Data label', 1]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

test('the row limit is the engine’s own', () => {
  expect(IMPORT_LIMITS.rows).toBe(HyperFormula.defaultConfig.maxRows);
  expect(IMPORT_LIMITS.columns).toBeLessThanOrEqual(HyperFormula.defaultConfig.maxColumns);
});
