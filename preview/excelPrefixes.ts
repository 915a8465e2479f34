/**
 * Formulas written back into an .xlsx as Excel writes them: a function newer than Excel 2007 is stored with the
 * `_xlfn.` prefix (`_xlfn.XLOOKUP(…)`), and FILTER and SORT with `_xlfn._xlws.`. The import drops these prefixes
 * (importFormulas.ts) so the preview's engine knows the functions; the export puts them back, or Excel reads
 * `XLOOKUP(` as an unknown name (#NAME?) and LibreOffice does the same with `CONCAT(`.
 *
 * The list is Microsoft's ("Issue: An _xlfn. prefix is displayed in front of a formula"): every function added
 * in Excel 2010 and later.
 */

import { rewriteCalls } from '../src/values/excelFunctionNames';

const XLFN =
  `ACOT ACOTH AGGREGATE ARABIC ARRAYTOTEXT BASE BETA.DIST BETA.INV BINOM.DIST BINOM.DIST.RANGE BINOM.INV
BITAND BITLSHIFT BITOR BITRSHIFT BITXOR BYCOL BYROW CEILING.MATH CEILING.PRECISE CHIDIST CHISQ.DIST CHISQ.DIST.RT
CHISQ.INV CHISQ.INV.RT CHISQ.TEST CHOOSECOLS CHOOSEROWS COMBINA CONCAT CONFIDENCE.NORM CONFIDENCE.T COT COTH
COVARIANCE.P COVARIANCE.S CSC CSCH DAYS DECIMAL DROP ECMA.CEILING ERF.PRECISE ERFC.PRECISE EXPAND EXPON.DIST
F.DIST F.DIST.RT F.INV F.INV.RT F.TEST FIELDVALUE FILTERXML FLOOR.MATH FLOOR.PRECISE FORECAST.ETS
FORECAST.ETS.CONFINT FORECAST.ETS.SEASONALITY FORECAST.ETS.STAT FORECAST.LINEAR FORMULATEXT GAMMA GAMMA.DIST
GAMMA.INV GAMMALN.PRECISE GAUSS HSTACK HYPGEOM.DIST IFNA IFS IMAGE IMCOSH IMCOT IMCSC IMCSCH IMSEC IMSECH IMSINH
IMTAN ISFORMULA ISO.CEILING ISOMITTED ISOWEEKNUM LAMBDA LET LOGNORM.DIST LOGNORM.INV MAKEARRAY MAP MAXIFS MINIFS
MODE.MULT MODE.SNGL MUNIT NEGBINOM.DIST NETWORKDAYS.INTL NORM.DIST NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE
PDURATION PERCENTILE.EXC PERCENTILE.INC PERCENTRANK.EXC PERCENTRANK.INC PERMUTATIONA PHI POISSON.DIST
QUARTILE.EXC QUARTILE.INC QUERYSTRING RANDARRAY RANK.AVG RANK.EQ REDUCE RRI SCAN SEC SECH SEQUENCE SHEET SHEETS
SKEW.P SORTBY STDEV.P STDEV.S SWITCH T.DIST T.DIST.2T T.DIST.RT T.INV T.INV.2T T.TEST TAKE TEXTAFTER TEXTBEFORE
TEXTJOIN TEXTSPLIT TOCOL TOROW UNICHAR UNICODE UNIQUE VALUETOTEXT VAR.P VAR.S VSTACK WEBSERVICE WEIBULL.DIST
WORKDAY.INTL WRAPCOLS WRAPROWS XLOOKUP XMATCH XOR Z.TEST ENCODEURL ANCHORARRAY SINGLE GROUPBY PIVOTBY PERCENTOF
TRIMRANGE REGEXTEST REGEXEXTRACT REGEXREPLACE STOCKHISTORY`.split(/\s+/);

/** Functions Excel stores as `_xlfn._xlws.NAME`. */
const XLWS = ['FILTER', 'SORT'];

const PREFIX = new Map<string, string>([
  ...XLFN.map((f): [string, string] => [f, '_xlfn.']),
  ...XLWS.map((f): [string, string] => [f, '_xlfn._xlws.']),
]);

/**
 * The prefixed functions a formula calls as a file has them (`_xlfn.GROUPBY(` → GROUPBY: `_xlfn.`), added to
 * `into`: functions newer than this list get their prefix back on export as the file had it.
 */
export function collectPrefixes(formula: string, into: Map<string, string>): void {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  for (const m of code.matchAll(/(_xlfn\.(?:_xlws\.)?|_xlws\.)([A-Za-z][A-Za-z0-9_.]*)\s*\(/g))
    if (!into.has(m[2].toUpperCase())) into.set(m[2].toUpperCase(), m[1]);
}

/**
 * `formula` (with or without its "=") with Excel's prefixes on every function that needs one; string literals,
 * quoted sheet names and names already prefixed are left as they are. `more`: prefixes by function name seen
 * in the imported file (collectPrefixes), for functions newer than the list.
 */
export function withExcelPrefixes(formula: string, more: ReadonlyMap<string, string> = new Map()): string {
  return rewriteCalls(formula, (name) => {
    const upper = name.toUpperCase();
    const prefix = PREFIX.get(upper) ?? more.get(upper);
    return prefix === undefined ? null : `${prefix}${name}`;
  });
}
