import { isSeError, type SeErrorCode } from './values';

/** What a host shows when a custom function throws: a code it maps to its own error kind, and the words. */
export interface CustomFunctionFailure {
  code: SeErrorCode;
  message: string;
}

/**
 * Bad input keeps the core's own message (it already names the function, the argument and the cell). Anything
 * else is a bug of ours: the user gets one sentence naming the function, never a stack trace.
 */
export function describeFailure(fn: string, error: unknown): CustomFunctionFailure {
  if (isSeError(error)) return { code: error.code, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'invalid', message: `${fn}: unexpected error: ${detail}` };
}
