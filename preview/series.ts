/** Series as a fill handle extends them (preview/grid.tsx). */

/**
 * The next `count` values of a series, as a fill handle extends one (Excel's AutoFill): the straight line that
 * fits `values` best (least squares; for an even series, its step), continued. 15 significant digits, as the
 * hosts keep, so 0.1, 0.2 goes on 0.3, not 0.30000000000000004.
 */
export function seriesNext(values: readonly number[], count: number): number[] {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((y, x) => {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  });
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return Array.from({ length: count }, (_, k) => Number((meanY + slope * (n + k - meanX)).toPrecision(15)));
}
