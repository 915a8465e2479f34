/** The status line (role=status, polite) and the error box (role=alert): what happened, in words. */
export type NoticeKind = 'progress' | 'done' | 'error';

export interface NoticeState {
  kind: NoticeKind;
  text: string;
}

export function Notice({ notice, id }: { notice: NoticeState | null; id?: string }) {
  return (
    <div id={id}>
      <p class="status" role="status" aria-live="polite">
        {notice !== null && notice.kind !== 'error' ? notice.text : ''}
      </p>
      {notice !== null && notice.kind === 'error' ? (
        <p class="error" role="alert">
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  if (typeof error === 'string' && error !== '') return error;
  return 'Something went wrong and the add-in gave no reason. Try again.';
}
