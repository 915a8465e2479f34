/** Templates (SPEC §2/§3): insert any template as a new sheet, with or without example rows. */
import { useEffect, useState } from 'preact/hooks';
import type { TemplateChoice } from '../../src/app/templates';
import type { HostApi } from '../hostApi';
import { Notice, messageOf, type NoticeState } from './Notice';

export function Templates({
  host,
  notice,
  setNotice,
  onInserted,
}: {
  host: HostApi;
  notice: NoticeState | null;
  setNotice: (n: NoticeState | null) => void;
  /** Told after a template went in, so a review waiting for a tracker can load it. */
  onInserted?: () => void;
}) {
  const [choices, setChoices] = useState<TemplateChoice[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [examples, setExamples] = useState(false);
  const [busy, setBusy] = useState(false);

  const loadChoices = () => {
    setLoadError(null);
    host.templateChoices({}).then(setChoices, (error: unknown) => setLoadError(messageOf(error)));
  };
  useEffect(loadChoices, [host]);

  const insert = async (choice: TemplateChoice) => {
    setBusy(true);
    setNotice({ kind: 'progress', text: `Inserting ${choice.title}…` });
    try {
      const result = await host.insertTemplate({
        templateId: choice.id,
        examples,
        year: new Date().getFullYear(),
      });
      setNotice({ kind: 'done', text: result.message });
      onInserted?.();
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div aria-busy={busy || (choices === null && loadError === null)}>
      <p>
        <label class="inline">
          <input
            type="checkbox"
            id="with-examples"
            checked={examples}
            onChange={(e) => setExamples((e.currentTarget as HTMLInputElement).checked)}
          />
          {' With example rows'}
        </label>
      </p>
      <Notice notice={notice} id="template-notice" />
      {choices === null && loadError === null ? (
        <p class="status" role="status">
          Loading the templates…
        </p>
      ) : null}
      {loadError !== null ? (
        <div>
          <p class="error" role="alert">
            {loadError}
          </p>
          <button type="button" onClick={loadChoices}>
            Try again
          </button>
        </div>
      ) : null}
      <ul class="templates">
        {(choices ?? []).map((c) => (
          <li key={c.id}>
            <button
              type="button"
              id={`insert-${c.id}`}
              disabled={busy}
              aria-describedby={`summary-${c.id}`}
              onClick={() => void insert(c)}
            >
              {`Insert ${c.title}`}
            </button>
            <p id={`summary-${c.id}`} class="muted">
              {c.summary}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
