/**
 * The project's dependency rule (DESIGN.md, README "Project layout"): `src` (the pure core) imports nothing
 * outside itself; `shared` (the UI) only `src`; the hosts (`sheets-addon`, `excel-addin`, `preview`) `src`,
 * `shared` and themselves, never each other; and nothing that runs imports from `scripts/` (the build) or
 * `test/`. Type-only declarations the build provides (`se-toolkit:custom-functions`) are not file imports.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(__dirname, '../..');

const allowed: Record<string, readonly string[]> = {
  src: ['src'],
  shared: ['src', 'shared'],
  'sheets-addon': ['src', 'shared', 'sheets-addon'],
  'excel-addin': ['src', 'shared', 'excel-addin'],
  preview: ['src', 'shared', 'preview'],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Relative imports and re-exports of a file, static and dynamic. */
function relativeImports(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*'(\.[^']*)'/g)) specs.push(m[1]);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*'(\.[^']*)'/g)) specs.push(m[1]);
  for (const m of text.matchAll(/import\(\s*'(\.[^']*)'\s*\)/g)) specs.push(m[1]);
  return specs;
}

describe.each(Object.entries(allowed))('%s/', (folder, may) => {
  it(`imports only from ${may.join(', ')}`, () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(join(root, folder))) {
      for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
        const target = relative(root, resolve(dirname(file), spec)).split(/[\\/]/)[0];
        if (!may.includes(target)) wrong.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
