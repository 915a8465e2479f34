/**
 * What every bundle that runs the app learns about itself at build time (src/selfTest/build.ts reads it): the
 * add-in's version from package.json and the custom functions it registers (their Sheets and Excel names),
 * from the folder listing of src/functions. The self-test reports the version and tests every function.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFunctionDocs } from './functionDocs';

/** esbuild's `define` for SE_TOOLKIT_BUILD: a string literal holding the JSON (see src/selfTest/build.ts). */
export function buildInfoDefine(root: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string' || pkg.version === '')
    throw new Error('package.json has no version for the add-ins to report');
  const functions = readFunctionDocs(root).map((d) => ({ sheetsName: d.sheetsName, excelId: d.excelId }));
  return { SE_TOOLKIT_BUILD: JSON.stringify(JSON.stringify({ version: pkg.version, functions })) };
}
