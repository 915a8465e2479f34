/**
 * One set of custom functions everywhere: the folder listing of src/functions, their JSDoc, Excel's
 * functions.json and the Sheets wrappers in Code.js. Every list here is read from files, none is kept by hand.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFunctionDocs } from '../scripts/lib/functionDocs';
import { excelDist, readBuilt, repoRoot, sheetsDist } from './bundle/builtFiles';

const sorted = (names: Iterable<string>): string[] => [...names].sort();

const docs = readFunctionDocs(repoRoot);
const sourceFiles = readdirSync(join(repoRoot, 'src/functions')).filter(
  (name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts'),
);
const excelIds = (
  JSON.parse(readBuilt(join(excelDist, 'functions.json'))) as { functions: { id: string }[] }
).functions.map((f) => f.id);
const sheetsWrappers = [
  ...readBuilt(join(sheetsDist, 'Code.js')).matchAll(
    /@customfunction\n \*\/\nfunction ([A-Za-z_][A-Za-z0-9_]*)\(/g,
  ),
].map((match) => match[1]);

describe('custom-function parity', () => {
  test('every file in src/functions declares exactly one custom function', () => {
    expect(sorted(docs.map((d) => d.file))).toEqual(
      sorted(sourceFiles.map((name) => `src/functions/${name}`)),
    );
  });

  test('functions.json has exactly the Excel ids of src/functions', () => {
    expect(sorted(excelIds)).toEqual(sorted(docs.map((d) => d.excelId)));
  });

  test('Code.js has exactly one @customfunction wrapper per function of src/functions', () => {
    expect(sorted(sheetsWrappers)).toEqual(sorted(docs.map((d) => d.sheetsName)));
  });

  test('Excel ids are the Sheets names without the leading SE_ (SPEC §1)', () => {
    for (const doc of docs) expect(doc.excelId).toBe(doc.sheetsName.replace(/^SE_/, ''));
  });

  test('every function documents each parameter, its result and an example', () => {
    for (const doc of docs) {
      expect(doc.description).not.toBe('');
      expect(doc.returns).not.toBe('');
      expect(doc.examples.length).toBeGreaterThan(0);
      for (const param of doc.params)
        expect(`${doc.sheetsName}.${param.name}: ${param.description}`).not.toMatch(/: $/);
    }
  });
});
