/**
 * HyperFormula set up to compute as Excel, Google Sheets and LibreOffice do, for the preview and the test
 * simulators. Those hosts compare and subtract numbers to about 15 significant digits (in a cell,
 * 1.84*0.75>=1.38 is TRUE and 1+2^-52>1 is FALSE); with `smartRounding` off HyperFormula compares exactly,
 * and a tracker in the preview would flag a cell the real hosts (and the review) accept. `precisionEpsilon`
 * is LibreOffice's relative tolerance (2^-48, rtl::math::approxEqual); `precisionRounding` 15 keeps results
 * to 16 significant digits, as close to full precision as the engine's rounding of results allows.
 */
export const SPREADSHEET_ENGINE_CONFIG = {
  licenseKey: 'gpl-v3',
  smartRounding: true,
  precisionEpsilon: 2 ** -48,
  precisionRounding: 15,
} as const;
