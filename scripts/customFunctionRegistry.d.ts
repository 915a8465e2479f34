/**
 * The custom-function registry that scripts/build.ts generates from the folder listing of src/functions (their
 * JSDoc, and the Excel metadata generator's ids). It exists only inside the bundles, as an esbuild virtual
 * module, so no generated file sits in the tree and no hand-kept list can drift from the folder.
 */
declare module 'se-toolkit:custom-functions' {
  export interface RegisteredFunction {
    /** The Google Sheets name, also the exported function's name (SE_SCORE). */
    readonly sheetsName: string;
    /** Excel's id within the SE namespace (SCORE), from the metadata generator. */
    readonly excelId: string;
    /** First sentence of the description, for menus and about boxes. */
    readonly summary: string;
    readonly params: readonly { readonly name: string; readonly optional: boolean }[];
    /** Host-shaped arguments in (scalar or rows of cells, null/undefined when omitted), rows of cells out. */
    readonly fn: (...args: unknown[]) => unknown[][];
  }
  /** Sorted by sheetsName. */
  export const customFunctions: readonly RegisteredFunction[];
}
