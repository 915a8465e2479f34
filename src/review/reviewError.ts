/** A problem with the workbook or the request that the user can fix; its message is shown as it is. */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';
}
