/**
 * The custom functions as the preview registers them, read the way the build reads them: the folder listing of
 * src/functions and each file's JSDoc (no hand-kept list).
 */
import { join } from 'node:path';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { registerCustomFunctions, type PreviewFunction } from '../../preview/customFunctionsPlugin';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';

export const repoRoot = join(__dirname, '../..');

export function previewFunctions(): PreviewFunction[] {
  return readFunctionDocs(repoRoot).map((doc) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the file is chosen by the folder listing
    const mod = require(join(repoRoot, doc.file)) as Record<string, (...args: unknown[]) => unknown[][]>;
    return { sheetsName: doc.sheetsName, params: doc.params, fn: mod[doc.sheetsName] };
  });
}

/** A MemoryWorkbook whose engine knows the custom functions. */
export function workbookWithFunctions(): MemoryWorkbook {
  registerCustomFunctions(previewFunctions());
  return new MemoryWorkbook();
}
