/**
 * Registers every custom function with Excel. Loaded by taskpane.html into the shared runtime; the ids come
 * from the same metadata generator that writes functions.json, so registration and metadata cannot drift.
 */
import { customFunctions, type RegisteredFunction } from 'se-toolkit:custom-functions';
import { describeFailure } from '../src/customFunctionFailure';

/** The manifest's custom-function namespace (Functions.Namespace): Excel shows SE_SCORE as =SE.SCORE. */
const EXCEL_NAMESPACE = 'SE';

/** Every function's Sheets name and the name a user types in Excel: SE_SCORE → SE.SCORE. */
const excelNames = new Map(
  customFunctions.map((entry) => [entry.sheetsName, `${EXCEL_NAMESPACE}.${entry.excelId}`]),
);
const sheetsNamePattern = new RegExp(
  `\\b(?:${[...excelNames.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`,
  'g',
);

for (const entry of customFunctions) {
  CustomFunctions.associate(entry.excelId, excelFunction(entry));
}

/** Excel shows a message only on #VALUE! and #N/A, so every failure becomes one of those two. */
function excelFunction(entry: RegisteredFunction): (...args: unknown[]) => unknown[][] {
  return (...args) => {
    try {
      return entry.fn(...args);
    } catch (error) {
      const failure = describeFailure(entry.sheetsName, error);
      const code =
        failure.code === 'notAvailable'
          ? CustomFunctions.ErrorCode.notAvailable
          : CustomFunctions.ErrorCode.invalidValue;
      throw new CustomFunctions.Error(code, excelMessage(failure.message));
    }
  };
}

/**
 * The core names functions as Sheets spells them (SE_SCORE); in Excel the user typed SE.SCORE, so every
 * function name outside quoted cell text is renamed. The core's messages end without a full stop; an
 * unexpected error's own text may end with one (or several), which read ".." after ours, so they go.
 */
function excelMessage(message: string): string {
  const renamed = message
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(sheetsNamePattern, (name) => excelNames.get(name) ?? name),
    )
    .join('');
  return renamed.replace(/[\s.]+$/, '');
}
