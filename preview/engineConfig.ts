/**
 * HyperFormula set up to compute as Excel, Google Sheets and LibreOffice do, for the preview and the test
 * simulators. Those hosts compare and subtract numbers to about 15 significant digits (in a cell,
 * 1.84*0.75>=1.38 is TRUE and 1+2^-52>1 is FALSE); with `smartRounding` off HyperFormula compares exactly,
 * and a tracker in the preview would flag a cell the real hosts (and the review) accept. `precisionEpsilon`
 * is LibreOffice's relative tolerance (2^-48, rtl::math::approxEqual). The engine then also rounds the results it
 * hands out, to `precisionRounding` + 1 significant digits: 15, the digits the hosts show (16 would turn a typed
 * 0.28 into 0.2800000000000001, which is not a decimal anyone typed).
 */
export const SPREADSHEET_ENGINE_CONFIG = {
  licenseKey: 'gpl-v3',
  smartRounding: true,
  precisionEpsilon: 2 ** -48,
  precisionRounding: 14,
} as const;
