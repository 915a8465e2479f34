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

declare const SE_TOOLKIT_BUILD: BuildInfo | undefined;

export function buildInfo(): BuildInfo | null {
  return typeof SE_TOOLKIT_BUILD === 'undefined' ? null : SE_TOOLKIT_BUILD;
}
