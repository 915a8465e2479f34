/**
 * Reads the JSDoc of every custom function in src/functions: the folder listing is the registry, and each
 * function's JSDoc is the one source of its documentation in both hosts (Sheets wrappers, Excel metadata,
 * the README's function reference).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

export interface FunctionParamDoc {
  name: string;
  description: string;
  optional: boolean;
}

export interface FunctionDoc {
  /** The exported function's name, which is the Google Sheets name (SE_SCORE). */
  sheetsName: string;
  /** The id after `@customfunction`, which Excel shows after the namespace (SE.SCORE). */
  excelId: string;
  /** Repository-relative path with forward slashes (src/functions/seScore.ts). */
  file: string;
  /** Whitespace-collapsed. */
  description: string;
  params: FunctionParamDoc[];
  returns: string;
  examples: string[];
}

export const functionsDir = 'src/functions';

/** Repository-relative paths of the custom functions' source files, sorted. */
export function listFunctionFiles(root = process.cwd()): string[] {
  return readdirSync(join(root, functionsDir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts'))
    .sort()
    .map((name) => posix.join(functionsDir, name));
}

export function readFunctionDocs(root = process.cwd()): FunctionDoc[] {
  const docs = listFunctionFiles(root).flatMap((file) =>
    readDocsFromSource(file, readFileSync(join(root, file), 'utf8')),
  );
  return docs.sort((a, b) => (a.sheetsName < b.sheetsName ? -1 : a.sheetsName > b.sheetsName ? 1 : 0));
}

/** The custom functions (top-level functions tagged `@customfunction`) declared in one source text. */
export function readDocsFromSource(file: string, sourceText: string): FunctionDoc[] {
  const source = ts.createSourceFile(file, sourceText, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const docs: FunctionDoc[] = [];
  for (const statement of source.statements) {
    if (!ts.isFunctionDeclaration(statement) || statement.name === undefined) continue;
    const tags = ts.getJSDocTags(statement);
    const customFunctionTag = tags.find((tag) => tag.tagName.text === 'customfunction');
    if (customFunctionTag === undefined) continue;
    const sheetsName = statement.name.text;
    docs.push({
      sheetsName,
      // Like the Excel metadata generator: the id is the tag's first word, else the function's name.
      excelId: firstWord(commentText(customFunctionTag.comment)) ?? sheetsName.toUpperCase(),
      file,
      description: collapse(jsDocDescription(statement)),
      params: statement.parameters.map((param) => paramDoc(param, tags)),
      returns: collapse(
        commentText(
          tags.find((tag) => tag.tagName.text === 'returns' || tag.tagName.text === 'return')?.comment,
        ),
      ),
      examples: tags
        .filter((tag) => tag.tagName.text === 'example')
        .map((tag) => collapse(commentText(tag.comment))),
    });
  }
  return docs;
}

function paramDoc(param: ts.ParameterDeclaration, tags: readonly ts.JSDocTag[]): FunctionParamDoc {
  const name = param.name.getText();
  const tag = tags.find(
    (t): t is ts.JSDocParameterTag => ts.isJSDocParameterTag(t) && t.name.getText() === name,
  );
  return {
    name,
    description: collapse(commentText(tag?.comment)),
    optional:
      param.questionToken !== undefined || param.initializer !== undefined || tag?.isBracketed === true,
  };
}

/** The free text before the first tag of the function's JSDoc block(s). */
function jsDocDescription(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => commentText(doc.comment))
    .join(' ');
}

function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  return ts.getTextOfJSDocComment(comment) ?? '';
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function firstWord(text: string): string | undefined {
  const word = text.trim().split(/\s+/)[0];
  return word === '' ? undefined : word;
}
