/**
 * Quarterly review prep (SPEC §3): pick the quarter, add its review sheet and open it. When a sheet of that name
 * exists the host changes nothing and asks: open the one there is, or (only after the user confirms) add the
 * new one under the suggested name.
 */
import { useState } from 'preact/hooks';
import type { PrepareQuarterResult, ReviewData } from '../../src/app/review';
import type { HostApi } from '../hostApi';
import { localToday, quarterOfPeriod } from '../format';
import { Notice, OpenSheetButton, messageOf, type NoticeState } from './Notice';

type Exists = Extract<PrepareQuarterResult, { status: 'exists' }>;
type Created = Extract<PrepareQuarterResult, { status: 'created' }>;

function quarterLabel(q: number, data: ReviewData | null): string {
  const months = (data?.periods ?? []).filter((p) => quarterOfPeriod(p.period) === q).map((p) => p.label);
  return months.length > 0 ? `Q${q} (${months.join(', ')})` : `Q${q}`;
}

export function QuarterPrep({ host, data }: { host: HostApi; data: ReviewData | null }) {
  const latest = data === null ? 1 : Math.max(1, ...data.periods.map((p) => p.period));
  const [quarter, setQuarter] = useState<number | null>(null);
  const chosen = quarter ?? quarterOfPeriod(latest);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [exists, setExists] = useState<Exists | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const prepare = async (addUnderNewName: boolean) => {
    setBusy(true);
    setCreated(null);
    setExists(null);
    setNotice({ kind: 'progress', text: `Preparing the review of Q${chosen}…` });
    try {
      const result = await host.prepareQuarter({
        today: localToday(),
        quarter: chosen,
        addUnderNewName,
        ...(data === null ? {} : { tracker: data.trackerTable }),
      });
      if (result.status === 'exists') {
        setExists(result);
        setNotice({ kind: 'done', text: 'Nothing was changed.' });
      } else if (result.status === 'empty') {
        setNotice({ kind: 'done', text: result.message });
      } else {
        setCreated(result);
        // Open the new sheet, so the user sees it; a refusal to open is said after what was prepared.
        try {
          await host.openSheet({ name: result.sheetName });
          setNotice({ kind: 'done', text: result.message });
        } catch (error) {
          setNotice({ kind: 'error', text: `${result.message} ${messageOf(error)}` });
        }
      }
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div aria-busy={busy}>
      <p>
        Adds a new sheet for the quarterly review meeting: per CSF the quarter's numbers, top risks, funnel
        leaks, actions and a short summary. Nothing is overwritten.
      </p>
      <div class="row">
        <label for="quarter">Quarter</label>
        <select
          id="quarter"
          value={String(chosen)}
          disabled={busy}
          onChange={(e) => setQuarter(Number((e.currentTarget as HTMLSelectElement).value))}
        >
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={String(q)}>
              {quarterLabel(q, data)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        id="prepare-quarter"
        class="primary"
        disabled={busy}
        onClick={() => void prepare(false)}
      >
        {busy ? 'Preparing…' : `Prepare Q${chosen} review`}
      </button>
      <Notice notice={notice} id="quarter-notice" />
      {exists !== null ? (
        <div class="confirm" role="group" aria-labelledby="exists-message">
          <p id="exists-message">{exists.message}</p>
          <div class="actions">
            <OpenSheetButton host={host} name={exists.sheetName} id="open-existing-quarter" label="Open it" />
            <button type="button" id="confirm-new-name" class="primary" onClick={() => void prepare(true)}>
              {`Add as "${exists.suggestedName}"`}
            </button>
            <button
              type="button"
              id="cancel-new-name"
              onClick={() => {
                setExists(null);
                setNotice({ kind: 'done', text: 'Cancelled; nothing was changed.' });
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {created !== null && created.summary.length > 0 ? (
        <section aria-labelledby="summary-h">
          <h2 id="summary-h">{`Summary in "${created.sheetName}"`}</h2>
          <ul class="summary">
            {created.summary.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
