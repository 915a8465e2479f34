/**
 * What the build tells the bundle about itself (scripts/lib/buildInfo.ts defines SE_TOOLKIT_BUILD in every
 * bundle that runs the app): the add-in's version from package.json and the custom functions it registers,
 * generated from the folder listing of src/functions. Undefined outside a built bundle (unit tests), where the
 * caller passes both in the request.
 */
import type { SeFunctionName } from '../values/excelFunctionNames';

export interface BuildInfo {
  version: string;
  functions: SeFunctionName[];
}

/**
 * Defined as a JSON string, not an object: esbuild turns an object define into a module of its own
 * (`<define:SE_TOOLKIT_BUILD>`), which the shipped source maps would name as a source file nobody has.
 */
declare const SE_TOOLKIT_BUILD: string | undefined;

let parsed: BuildInfo | null | undefined;

export function buildInfo(): BuildInfo | null {
  if (parsed === undefined)
    parsed = typeof SE_TOOLKIT_BUILD === 'undefined' ? null : (JSON.parse(SE_TOOLKIT_BUILD) as BuildInfo);
  return parsed;
}
