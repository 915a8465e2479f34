/**
 * The self-test's report as plain JSON (it crosses the Apps Script bridge) and as the plain text the UI's
 * "Copy report" button copies. A module of its own so the sidebar can format a report without bundling the
 * test itself.
 */

export interface SelfTestCheck {
  /** What was checked, e.g. `SE.STATUS: 95 against 100 is At risk`. */
  name: string;
  ok: boolean;
  /** What was found (and, when it failed, what was expected), in words. */
  detail: string;
}

export interface SelfTestReport {
  /** The host as it names itself (`Microsoft Excel`, `Google Sheets (Apps Script)`). */
  host: string;
  /** The host's version, or words saying it has none to give. */
  hostVersion: string;
  /** Where it runs (Excel: OfficeOnline, PC, Mac…); '' when the host does not say. */
  platform: string;
  /** SE Toolkit's version, from the build (package.json). */
  addinVersion: string;
  /** How the formulas named the functions: SE_SCORE (Sheets) or SE.SCORE (Excel). */
  naming: 'sheets' | 'excel';
  /** When it ran, on the host's clock (yyyy-mm-dd hh:mm). */
  ranAt: string;
  /** Every check passed and everything made was removed. */
  passed: boolean;
  checks: SelfTestCheck[];
  /** Every sheet and name the test made is gone, and the workbook has exactly the sheets and names it had. */
  cleanedUp: boolean;
  /** What is left over when cleanedUp is false (sheets and names, in words). */
  leftOver: string[];
}

/** The report as plain text, one check a line, for the clipboard (an e-mail, a support ticket). */
export function selfTestReportText(report: SelfTestReport): string {
  const failed = report.checks.filter((c) => !c.ok).length;
  const verdict = report.passed
    ? `PASSED (${report.checks.length} checks)`
    : `FAILED (${failed} of ${report.checks.length} checks failed${report.cleanedUp ? '' : '; not everything it made could be removed'})`;
  const platform = report.platform === '' ? '' : ` (${report.platform})`;
  return [
    `SE Toolkit self-test: ${verdict}`,
    `Host: ${report.host}, version ${report.hostVersion}${platform}`,
    `Add-in: SE Toolkit ${report.addinVersion}; functions named as ${report.naming === 'excel' ? 'Excel (SE.SCORE)' : 'Google Sheets (SE_SCORE)'}`,
    `Run: ${report.ranAt}`,
    `Cleaned up: ${report.cleanedUp ? 'yes, the workbook has the sheets and names it had' : `NO, left: ${report.leftOver.join('; ')}`}`,
    '',
    ...report.checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`),
  ].join('\n');
}
