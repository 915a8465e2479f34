import { below, sheetSub } from '../measures/compare';
import { finiteResult, messages, readSeries, SeError, seriesLabel, toMatrix, type Cell } from '../values';

/**
 * Monthly figures from running totals (a plan's "YTD" rows): each period's figure is its running total minus
 * the one before (100, 250, 300 give 100, 150, 50); the first period is taken as it is. The result has the
 * shape of the input: a row gives a row, a column a column, and a grid holds one series per row (periods
 * across, as in the CSF Tracker). Blanks stay blank: trailing blanks are periods still to come. A running
 * total that goes down would give a negative month and is an error naming the period, never a silent
 * number; so is a blank followed by a later value (enter the running total, or 0 before the first). Values
 * are subtracted and compared as spreadsheets do (to 15 significant digits), as the CSF Tracker does for a
 * Cumulative CSF.
 * @customfunction MONTHLY
 * @param cumulative The running totals in period order: a row or a column, or a grid with one series per row.
 * @returns The figure of each period, in the same shape; blank where the running total is blank.
 * @example =SE_MONTHLY(B2:D2) with running totals 100, 250, 300 returns 100, 150, 50
 */
export function SE_MONTHLY(cumulative: any[][]): any[][] {
  const fn = 'SE_MONTHLY';
  const arg = 'cumulative';
  const m = toMatrix(fn, arg, cumulative);
  if (m.cols === 1 && m.rows > 1) {
    // A column: one series down it, returned as a column.
    const cells: Cell[] = new Array(m.rows);
    for (let r = 0; r < m.rows; r++) cells[r] = m.data[r][0];
    const line = differences(fn, arg, cells, null);
    const out: (number | string)[][] = new Array(m.rows);
    for (let r = 0; r < m.rows; r++) out[r] = [line[r]];
    return out;
  }
  const single = m.rows === 1;
  const out: (number | string)[][] = new Array(m.rows);
  for (let r = 0; r < m.rows; r++) out[r] = differences(fn, arg, m.data[r], single ? null : r);
  return out;
}

/** One series of running totals as the figure of each period; blanks after the reported periods stay blank. */
/**
 * Two values further apart than this share of the later one are never equal to 15 digits (compare.ts's
 * approxEqual needs a relative difference under 2^-44), so the exact comparisons need not run.
 */
const NEAR = 2 ** -44;

function differences(
  fn: string,
  arg: string,
  cells: readonly Cell[],
  series: number | null,
): (number | string)[] {
  const n = readSeries(fn, arg, cells, series);
  const values = cells as readonly number[];
  const out: (number | string)[] = new Array(cells.length);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (i === 0) out[0] = v === 0 ? 0 : v;
    else {
      const d = v - prev;
      if (d > NEAR * Math.abs(v) || -d > NEAR * Math.abs(v)) {
        // Clearly apart (the usual case): no 15-digit comparison can call them equal.
        if (d < 0) throw fall(fn, arg, i + 1, prev, v, series);
        out[i] = d - d === 0 ? d : finiteResult(fn, d, where(i, series));
      } else if (below(v, prev)) throw fall(fn, arg, i + 1, prev, v, series);
      else {
        const s = sheetSub(v, prev);
        out[i] = s === 0 ? 0 : s;
      }
    }
    prev = v;
  }
  for (let i = n; i < cells.length; i++) out[i] = '';
  return out;
}

function fall(fn: string, arg: string, period: number, from: number, to: number, series: number | null) {
  return new SeError(
    'invalid',
    messages.cumulativeFall(fn, arg, period, from, to, seriesLabel(series)),
    fn,
    arg,
  );
}

function where(index: number, series: number | null): string {
  return series === null ? `period ${index + 1}` : `period ${index + 1} of ${seriesLabel(series)}`;
}
