/**
 * "Check this installation" (the Templates tab; the Sheets menu's and the Excel ribbon's "Run self-test"):
 * runs the self-test in this workbook (scratch sheets, removed again), then lists every check as passed or
 * failed with the host, its version and the add-in's version, and copies the report as plain text. Text is
 * rendered as text (Preact text nodes).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SelfTestReport } from '../../src/selfTest/report';
import { selfTestReportText } from '../../src/selfTest/report';
import { SELF_TEST_START } from '../../src/selfTest/page';
import type { HostApi } from '../hostApi';
import { localNow, localToday } from '../format';
import { Notice, messageOf, type NoticeState } from './Notice';

/** Whether the page was opened to run the self-test (the Sheets menu's "Run self-test"). */
export function opensOnSelfTest(doc: Document | undefined = globalThis.document): boolean {
  return doc?.getElementById('app')?.dataset.start === SELF_TEST_START;
}

/** Copies text: the Clipboard API, else a selected textarea and the copy command (older webviews). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

export function SelfTest({ host, start }: { host: HostApi; start: number }) {
  const [report, setReport] = useState<SelfTestReport | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [busy, setBusy] = useState(false);
  const [showText, setShowText] = useState(false);
  const running = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const run = async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setReport(null);
    setShowText(false);
    setNotice({
      kind: 'progress',
      text: 'Running the self-test: adding scratch sheets, checking every function and template, then removing them. This can take a minute…',
    });
    try {
      const result = await host.runSelfTest({ today: localToday(), now: localNow() });
      setReport(result);
      const failed = result.checks.filter((c) => !c.ok).length;
      setNotice(
        result.passed
          ? { kind: 'done', text: `Passed: all ${result.checks.length} checks.` }
          : {
              kind: 'error',
              text: `Failed: ${failed} of ${result.checks.length} checks${result.cleanedUp ? '' : ', and not everything it made could be removed'}. Copy the report and send it to whoever supports SE Toolkit here.`,
            },
      );
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  // Started from a menu or the ribbon (each request a new number): bring the section into view and run.
  useEffect(() => {
    if (start <= 0) return;
    heading.current?.scrollIntoView({ block: 'start' });
    void run();
  }, [start]);

  const copy = async () => {
    if (report === null) return;
    if (await copyText(selfTestReportText(report))) {
      setNotice({ kind: 'done', text: 'Report copied.' });
    } else {
      setShowText(true);
      setNotice({ kind: 'done', text: 'Copying is blocked here: select the report below and copy it.' });
    }
  };

  return (
    <div class="self-test" aria-busy={busy}>
      <h2 id="self-test-heading" ref={heading}>
        Check this installation
      </h2>
      <p class="muted">
        Runs every function and template in this workbook on scratch sheets, compares the results with known
        values, then removes the scratch sheets.
      </p>
      <div class="actions">
        <button type="button" id="run-self-test" disabled={busy} onClick={() => void run()}>
          Run self-test
        </button>
        {report !== null ? (
          <button type="button" id="copy-self-test" onClick={() => void copy()}>
            Copy report
          </button>
        ) : null}
      </div>
      <Notice notice={notice} id="self-test-notice" />
      {report !== null ? (
        <div id="self-test-report">
          <p>
            {`${report.host}, version ${report.hostVersion}${report.platform === '' ? '' : ` (${report.platform})`}`}
            <br />
            {`SE Toolkit ${report.addinVersion}, run ${report.ranAt}`}
          </p>
          <ul aria-label="Self-test checks">
            {/* Failed checks first: what needs reading. */}
            {[...report.checks.filter((c) => !c.ok), ...report.checks.filter((c) => c.ok)].map((c, i) => (
              <li key={i} class={c.ok ? 'check-ok' : 'check-failed'}>
                <strong>{c.ok ? 'Passed' : 'Failed'}</strong>
                {` ${c.name}: ${c.detail}`}
              </li>
            ))}
          </ul>
          {showText ? (
            <textarea
              id="self-test-text"
              readOnly
              rows={8}
              aria-label="Self-test report"
              value={selfTestReportText(report)}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
