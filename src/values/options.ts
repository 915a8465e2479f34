/**
 * Single-value options (scale, mode, method, window, decimals, periods): blank or omitted means the default,
 * a 1x1 range is its one cell, a larger range is an error.
 */
import { SeError } from './errors';
import { messages } from './messages';
import { isBlank, toMatrix } from './matrix';
import { isFiniteNumber } from './numbers';

function single(fn: string, arg: string, value: unknown, expected: string): unknown {
  if (!Array.isArray(value)) return value;
  const m = toMatrix(fn, arg, value);
  if (m.rows !== 1 || m.cols !== 1)
    throw new SeError('invalid', messages.singleValue(fn, arg, expected, m), fn, arg);
  return m.data[0][0];
}

export interface NumberRule {
  min?: number;
  max?: number;
  /** Whether `min` itself is allowed (default true). */
  minInclusive?: boolean;
  integer?: boolean;
}

function describeRule(rule: NumberRule): string {
  const kind = rule.integer ? 'a whole number' : 'a number';
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined)
    return rule.minInclusive === false ? `${kind} greater than ${min}` : `${kind} of at least ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

export function ruleAllows(rule: NumberRule, n: number): boolean {
  if (rule.integer && !Number.isInteger(n)) return false;
  if (rule.min !== undefined && (rule.minInclusive === false ? n <= rule.min : n < rule.min)) return false;
  if (rule.max !== undefined && n > rule.max) return false;
  return true;
}

export function readNumberOption(
  fn: string,
  arg: string,
  value: unknown,
  rule: NumberRule,
  fallback: number,
): number;
export function readNumberOption(
  fn: string,
  arg: string,
  value: unknown,
  rule: NumberRule,
  fallback: null,
): number | null;
export function readNumberOption(
  fn: string,
  arg: string,
  value: unknown,
  rule: NumberRule,
  fallback: number | null,
): number | null {
  const expected = describeRule(rule);
  const v = single(fn, arg, value, expected);
  if (isBlank(v)) return fallback;
  if (!isFiniteNumber(v) || !ruleAllows(rule, v)) {
    throw new SeError('invalid', messages.expected(fn, arg, expected, v, null), fn, arg);
  }
  return v;
}

/** A choice among words, matched without regard to case or surrounding spaces. */
export function readChoiceOption<T extends string>(
  fn: string,
  arg: string,
  value: unknown,
  choices: readonly T[],
  fallback: T,
): T {
  const expected = choiceList(choices);
  const v = single(fn, arg, value, expected);
  if (isBlank(v)) return fallback;
  const found = matchChoice(v, choices);
  if (found === null) throw new SeError('invalid', messages.expected(fn, arg, expected, v, null), fn, arg);
  return found;
}

export function matchChoice<T extends string>(value: unknown, choices: readonly T[]): T | null {
  if (typeof value !== 'string') return null;
  const key = value.trim().toLowerCase();
  for (const c of choices) if (c === key) return c;
  return null;
}

export function choiceList(choices: readonly string[]): string {
  const quoted = choices.map((c) => `"${c}"`);
  return quoted.length === 1
    ? quoted[0]
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
