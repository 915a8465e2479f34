/**
 * Templates (SPEC §2/§3): insert any template as a new sheet, with or without example rows, and open it. When
 * the workbook already has the template's table, nothing is added until the user chooses: open the one there
 * is, or add a second (flagged: the review and the 1:1 read the first).
 */
import { useEffect, useState } from 'preact/hooks';
import type { InsertTemplateResult, TemplateChoice } from '../../src/app/templates';
import type { HostApi } from '../hostApi';
import { Notice, OpenSheetButton, messageOf, type NoticeState } from './Notice';

interface Exists {
  choice: TemplateChoice;
  result: InsertTemplateResult;
}

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
  const [exists, setExists] = useState<Exists | null>(null);

  const loadChoices = () => {
    setLoadError(null);
    host.templateChoices({}).then(setChoices, (error: unknown) => setLoadError(messageOf(error)));
  };
  useEffect(loadChoices, [host]);

  /** `addCopy`: the user chose "Add as …" after being told one exists. */
  const insert = async (choice: TemplateChoice, addCopy = false) => {
    setBusy(true);
    setExists(null);
    setNotice({ kind: 'progress', text: `Inserting ${choice.title}…` });
    try {
      const result = await host.insertTemplate({
        templateId: choice.id,
        examples,
        year: new Date().getFullYear(),
        ...(addCopy ? {} : { askIfExists: true }),
      });
      if (result.status === 'exists') {
        setExists({ choice, result });
        setNotice({ kind: 'done', text: 'Nothing was added.' });
        return;
      }
      // Open what was made, so the user sees it; a refusal to open is said after what was inserted.
      try {
        await host.openSheet({ name: result.sheetName });
        setNotice({ kind: 'done', text: result.message });
      } catch (error) {
        setNotice({ kind: 'error', text: `${result.message} ${messageOf(error)}` });
      }
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
      {exists !== null ? (
        <div class="confirm" role="group" aria-labelledby="template-exists-message">
          <p id="template-exists-message">{exists.result.message}</p>
          <div class="actions">
            <OpenSheetButton
              host={host}
              name={exists.result.sheetName}
              id="open-existing-template"
              label="Open it"
              primary
            />
            <button
              type="button"
              id="add-template-copy"
              disabled={busy}
              onClick={() => void insert(exists.choice, true)}
            >
              {`Add as "${exists.result.suggestedName ?? exists.choice.title}"`}
            </button>
            <button
              type="button"
              id="cancel-template-copy"
              onClick={() => {
                setExists(null);
                setNotice({ kind: 'done', text: 'Cancelled; nothing was added.' });
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
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
