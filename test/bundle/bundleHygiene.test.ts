/**
 * What must never ship in the add-ins: HyperFormula (GPL, tests and preview only), test code, and paths or
 * source maps that reveal the build machine.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { excelDist, readBuilt, sheetsDist } from './builtFiles';
import { officeJsFolder } from '../../scripts/lib/officeJs';

/** Our own output; the office-js folder is Microsoft's files copied verbatim. */
function ownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === officeJsFolder ? [] : ownFiles(path);
    return /\.(js|json|html|xml)$/.test(name) ? [path] : [];
  });
}

const files = [...ownFiles(sheetsDist), ...ownFiles(excelDist)];

describe('bundle hygiene', () => {
  test('finds the built files', () => {
    const names = files.map((f) => relative(join(sheetsDist, '..'), f));
    expect(names).toEqual(
      expect.arrayContaining([
        'sheets-addon/Code.js',
        'sheets-addon/appsscript.json',
        'excel-addin/functions.js',
        'excel-addin/functions.json',
        'excel-addin/manifest.xml',
        'excel-addin/taskpane.html',
        'excel-addin/taskpane.js',
      ]),
    );
  });

  test('no source map ships with the add-ins (they live in dist/sourcemaps/, for reading stack traces)', () => {
    const everything = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) =>
        statSync(join(dir, name)).isDirectory() ? everything(join(dir, name)) : [name],
      );
    const maps = [...everything(sheetsDist), ...everything(excelDist)].filter((n) => /\.map$/.test(n));
    expect(maps).toEqual([]);
  });

  test.each(files.map((f) => [relative(join(sheetsDist, '..'), f), f]))('%s', (_name, file) => {
    const text = readBuilt(file);
    expect(text).not.toMatch(/hyperformula/i);
    expect(text).not.toMatch(/(^|[\s"'`(=:])\/(work|home|tmp|root)\//m);
    expect(text).not.toMatch(/sourceMappingURL/);
    expect(text).not.toMatch(/\b(describe|test|it)\(['"`]/);
    expect(text).not.toMatch(/fast-check|@jest|node_modules/);
  });
});
