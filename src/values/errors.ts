/**
 * The one error type of the core. An error is data (which function, which argument, what code) with a
 * message a spreadsheet user can act on; hosts map `code` to their own error kinds (Excel: #VALUE! or #N/A).
 */
export type SeErrorCode =
  /** The input is wrong: Excel shows #VALUE!, Sheets the message. */
  | 'invalid'
  /** The input is fine but there is nothing to compute from yet: Excel shows #N/A. */
  | 'notAvailable';

export class SeError extends Error {
  override readonly name = 'SeError';
  constructor(
    readonly code: SeErrorCode,
    message: string,
    readonly fn: string,
    readonly arg?: string,
  ) {
    super(message);
  }
}

export function isSeError(e: unknown): e is SeError {
  return e instanceof SeError;
}
