/**
 * Reading funnel ranges. Stage counts run down a column or along a row, with an optional leading text
 * column (or row) of stage names. A grid is several funnels side by side: with a text first column, stages
 * run down and each further column is a funnel (one per rep or month); with a text first row, stages run
 * across and each further row is a funnel; with no text, each column is a funnel.
 */
import { describeCell } from './describe';
import { SeError } from './errors';
import { messages } from './messages';
import { isBlank, type Matrix } from './matrix';
import { invalidCell, isFiniteNumber } from './numbers';

export interface FunnelSet {
  /** Stage names, or null when the range has none. */
  names: string[] | null;
  stages: number;
  funnels: number;
  /** Stages down the rows (results spill along a row) or across the columns (results spill down). */
  down: boolean;
  /** 1 when the first column (or row) holds the stage names, else 0: funnel f is column (or row) f + offset. */
  offset: number;
  /**
   * Counts of funnel f, or null when every stage of it is blank (no data yet). Without `into` a new array;
   * with it, that array is filled and returned (one buffer for thousands of funnels).
   */
  counts(f: number, into?: Float64Array): Float64Array | null;
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

export function readFunnels(fn: string, arg: string, m: Matrix): FunnelSet {
  let namesCol = m.cols >= 2;
  for (let r = 0; namesCol && r < m.rows; r++) namesCol = isText(m.data[r][0]);
  let namesRow = m.rows >= 2;
  for (let c = 0; namesRow && c < m.cols; c++) namesRow = isText(m.data[0][c]);
  if (namesCol && namesRow) {
    throw new SeError(
      'invalid',
      messages.custom(
        fn,
        `${arg} has text in both its first row and its first column; select the counts with the stage names only (a leading column when stages run down, a leading row when they run across)`,
      ),
      fn,
      arg,
    );
  }
  const down = namesCol || (!namesRow && (m.rows > 1 || m.cols === 1));
  const offset = namesCol || namesRow ? 1 : 0;
  const stages = down ? m.rows : m.cols;
  const funnels = (down ? m.cols : m.rows) - offset;
  if (stages < 2) {
    throw new SeError(
      'invalid',
      messages.custom(
        fn,
        `${arg} must hold at least 2 stages (a column or row of counts from the top of the funnel down); found ${stages}`,
      ),
      fn,
      arg,
    );
  }
  let names: string[] | null = null;
  if (namesCol || namesRow) {
    names = new Array<string>(stages);
    for (let s = 0; s < stages; s++) names[s] = String(namesCol ? m.data[s][0] : m.data[0][s]).trim();
  }
  return {
    names,
    stages,
    funnels,
    down,
    offset,
    counts(f, into) {
      const out = into ?? new Float64Array(stages);
      let blanks = 0;
      for (let s = 0; s < stages; s++) {
        const r = down ? s : f + offset;
        const c = down ? f + offset : s;
        const v = m.data[r][c];
        if (isFiniteNumber(v) && v >= 0) out[s] = v;
        else if (isBlank(v)) blanks++;
        else throw invalidCell(fn, arg, 'counts of at least 0', v, m, r, c);
      }
      if (blanks === stages) return null;
      if (blanks > 0) {
        for (let s = 0; s < stages; s++) {
          const r = down ? s : f + offset;
          const c = down ? f + offset : s;
          if (isBlank(m.data[r][c])) {
            const where = describeCell(m, r, c);
            throw new SeError(
              'invalid',
              messages.custom(
                fn,
                `${arg} has a blank stage (${where}) in a funnel with counts; enter 0 if nothing reached it`,
              ),
              fn,
              arg,
            );
          }
        }
      }
      return out;
    },
  };
}

/**
 * Benchmark conversion per step: n−1 values, or n with the first blank (laid out under the stages), in a row
 * or a column. A blank is no benchmark for that step.
 */
export function readBenchmarks(fn: string, arg: string, m: Matrix | null, stages: number): (number | null)[] {
  const steps = stages - 1;
  if (m === null) return new Array<number | null>(steps).fill(null);
  if (!(m.rows === 1 || m.cols === 1)) {
    throw new SeError(
      'invalid',
      messages.custom(fn, `${arg} must be a single row or column; found ${m.rows}x${m.cols}`),
      fn,
      arg,
    );
  }
  // The cells in order, read in place (no copy of the range); a leading blank laid out under the first stage
  // is skipped.
  const column = m.rows > 1;
  const length = column ? m.rows : m.cols;
  const shift = length === stages && isBlank(m.data[0][0]) ? 1 : 0;
  if (length - shift !== steps) {
    throw new SeError(
      'invalid',
      messages.lengthMismatch(fn, arg, steps, `one per step between ${stages} stages`, length - shift),
      fn,
      arg,
    );
  }
  const out = new Array<number | null>(steps);
  for (let i = 0; i < steps; i++) {
    const at = i + shift;
    const v = column ? m.data[at][0] : m.data[0][at];
    if (isBlank(v)) out[i] = null;
    else if (isFiniteNumber(v) && v >= 0) out[i] = v;
    else
      throw invalidCell(
        fn,
        arg,
        'conversion rates of at least 0 (35% or 0.35)',
        v,
        m,
        column ? at : 0,
        column ? 0 : at,
      );
  }
  return out;
}

/**
 * Conversion rates from the top stage down (FUNNEL_TARGETS): a row or a column, each rate above 0 and at most
 * 1; a blank is refused, as no target can be worked out through a step without a rate. `column` is true for a
 * column, false for a row, null for a single rate (then the goals decide the way the funnel runs).
 */
export function readRates(
  fn: string,
  arg: string,
  m: Matrix,
): { rates: Float64Array; column: boolean | null } {
  if (!(m.rows === 1 || m.cols === 1)) {
    throw new SeError(
      'invalid',
      messages.custom(
        fn,
        `${arg} must be a single row or column of conversion rates (one per step, top stage first); found ${m.rows}x${m.cols}`,
      ),
      fn,
      arg,
    );
  }
  const column = m.rows > 1;
  const length = column ? m.rows : m.cols;
  const rates = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const r = column ? i : 0;
    const c = column ? 0 : i;
    const v = m.data[r][c];
    if (isFiniteNumber(v) && v > 0 && v <= 1) rates[i] = v;
    else throw invalidCell(fn, arg, 'conversion rates above 0 and at most 1 (35% or 0.35)', v, m, r, c);
  }
  return { rates, column: length === 1 ? null : column };
}
