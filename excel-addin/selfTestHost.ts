/**
 * Who the self-test says it ran in, in Excel: Office.context.diagnostics (host, version, platform, available
 * once Office is ready). Formulas name the functions as Excel does (SE.SCORE).
 */
import type { SelfTestHost } from '../src/app/selfTest';

export function excelSelfTestHost(): SelfTestHost {
  let diagnostics: Office.ContextInformation | undefined;
  try {
    diagnostics = Office.context.diagnostics;
  } catch {
    diagnostics = undefined; // a page without Office (the browser tests' own host)
  }
  return {
    name: diagnostics?.host === undefined ? 'Microsoft Excel' : `Microsoft ${String(diagnostics.host)}`,
    version: diagnostics?.version ?? 'not reported',
    platform: diagnostics?.platform === undefined ? '' : String(diagnostics.platform),
    naming: 'excel',
  };
}
