/**
 * The source of the virtual module 'se-toolkit:custom-functions' (typed in ../customFunctionRegistry.d.ts): one
 * import per custom function and its entry, generated from the functions' docs and the Excel metadata
 * generator's association list, after checking that both found the same functions.
 */
import type * as esbuild from 'esbuild';
import type { FunctionDoc } from './functionDocs';

export const registryModuleId = 'se-toolkit:custom-functions';

/** An esbuild plugin that serves the virtual module 'se-toolkit:custom-functions' with `contents`. */
export function registryPlugin(root: string, contents: string): esbuild.Plugin {
  return {
    name: 'se-toolkit-registry',
    setup(build) {
      build.onResolve({ filter: /^se-toolkit:custom-functions$/ }, () => ({
        path: registryModuleId,
        namespace: 'se-toolkit',
      }));
      build.onLoad({ filter: /.*/, namespace: 'se-toolkit' }, () => ({
        contents,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

export interface ExcelAssociation {
  sourceFileName: string;
  functionName: string;
  id: string;
}

/** Throws with a readable list when the JSDoc reader and Excel's generator disagree. */
export function checkAssociations(
  docs: readonly FunctionDoc[],
  associations: readonly ExcelAssociation[],
): void {
  const problems: string[] = [];
  const byName = new Map(associations.map((a) => [a.functionName, a]));
  for (const doc of docs) {
    const association = byName.get(doc.sheetsName);
    if (association === undefined)
      problems.push(`${doc.sheetsName} (${doc.file}) is missing from Excel's metadata`);
    else if (association.id !== doc.excelId)
      problems.push(`${doc.sheetsName}: Excel id ${association.id} but @customfunction says ${doc.excelId}`);
  }
  const docNames = new Set(docs.map((d) => d.sheetsName));
  for (const a of associations) {
    if (!docNames.has(a.functionName)) problems.push(`${a.functionName} (${a.sourceFileName}) has no docs`);
  }
  const ids = associations.map((a) => a.id);
  for (const id of new Set(ids)) {
    if (ids.indexOf(id) !== ids.lastIndexOf(id)) problems.push(`Excel id ${id} is used twice`);
  }
  if (problems.length > 0) throw new Error(`custom functions disagree:\n  ${problems.join('\n  ')}`);
}

/**
 * Module source; imports are relative to the repository root (esbuild's resolveDir). `aboutText: false` (the
 * Excel bundle) leaves out what only the Sheets add-on's About box reads, each function's summary and parameter
 * list (`summary: ''`, `params: []`): Excel shows the descriptions and parameters of functions.json, nothing
 * in the Excel add-in reads them, and their 2.7 kB would count against functions.js's 30 KB.
 */
export function registryModuleSource(
  docs: readonly FunctionDoc[],
  options: { aboutText: boolean } = { aboutText: true },
): string {
  const imports = docs.map(
    (doc, i) => `import { ${doc.sheetsName} as fn${i} } from ${JSON.stringify('./' + doc.file)};`,
  );
  const entries = docs.map((doc, i) => {
    const entry = {
      sheetsName: doc.sheetsName,
      excelId: doc.excelId,
      summary: options.aboutText ? firstSentence(doc.description) : '',
      params: options.aboutText ? doc.params.map((p) => ({ name: p.name, optional: p.optional })) : [],
    };
    return `  { ...${JSON.stringify(entry)}, fn: fn${i} },`;
  });
  return `${imports.join('\n')}\nexport const customFunctions = [\n${entries.join('\n')}\n];\n`;
}

/** Up to the first full stop that ends a sentence (not the one in "e.g. the year"). */
function firstSentence(text: string): string {
  const match = /^.*?\.(?=\s+["“A-Z]|$)/.exec(text);
  return match === null ? text : match[0];
}
