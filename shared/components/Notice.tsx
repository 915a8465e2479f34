/** The status line (role=status, polite) and the error box (role=alert): what happened, in words. */
import { useState } from 'preact/hooks';
import type { HostApi } from '../hostApi';

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

/**
 * A button that brings a sheet to the front (HostApi.openSheet), and says in words when it cannot (the sheet
 * was renamed or deleted since). `id` names the button; its error, if any, is `${id}-error`.
 */
export function OpenSheetButton({
  host,
  name,
  label,
  id,
  primary = false,
}: {
  host: Pick<HostApi, 'openSheet'>;
  name: string;
  label: string;
  id: string;
  primary?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      await host.openSheet({ name });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="open-sheet">
      <button
        type="button"
        id={id}
        class={primary ? 'primary' : undefined}
        disabled={busy}
        aria-describedby={error !== null ? `${id}-error` : undefined}
        onClick={() => void open()}
      >
        {label}
      </button>
      {error !== null ? (
        <span class="error block" role="alert" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </span>
  );
}
