/**
 * The HostApi's method names and the Apps Script server function each is served by: a module of its own so
 * the sidebar bundle can import the list without the application it names (src/app/hostApi.ts checks that
 * its task table has exactly these methods).
 */
export const HOST_METHODS = [
  'templateChoices',
  'insertTemplate',
  'loadReview',
  'saveReview',
  'prepareQuarter',
  'scanPlan',
  'connectPlan',
  'loadOneOnOne',
  'saveOneOnOne',
  'openSheet',
  'scanFormulaNames',
  'convertFormulaNames',
  'runSelfTest',
] as const;

export type HostMethod = (typeof HOST_METHODS)[number];

/** The top-level Apps Script function that serves a method (`seHost_loadReview`). */
export function serverFunctionName(method: HostMethod): string {
  return `seHost_${method}`;
}
