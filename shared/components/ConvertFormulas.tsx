/**
 * Formulas from the other host (issue 15, item 6): a workbook made in Google Sheets calls SE functions SE_SCORE,
 * one made in Excel SE.SCORE, and each host shows the other's as #NAME?. This section scans the workbook for SE
 * formulas in the other host's naming, lists every cell with its formula before and after, and converts them
 * when the user says so, in one write that a co-author's change in between refuses. The page's skin says which
 * host this is (shared/mount.tsx sets <html data-skin>; the preview is Sheets-like and takes Sheets' names, as
 * its .xlsx import does). It does not scan on its own when the pane opens: a scan reads every cell of every
 * sheet, which costs a large workbook seconds (and Sheets' script quota) at every open for the few workbooks
 * that moved. Cell text reaches the page only as text (Preact text nodes).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  CONVERT_FORMULAS_START,
  MAX_LISTED,
  type FormulaToConvert,
  type FunctionNaming,
  type ScanFormulaNamesRequest,
} from '../../src/app/convertFormulas';
import type { HostApi } from '../hostApi';
import { Notice, messageOf, type NoticeState } from './Notice';

/** How many cells the list shows before "Show all". */
const SHOWN = 50;

/** Whether the page was opened to convert formulas (the Sheets menu's "Convert Excel formulas…"). */
export function opensOnConvertFormulas(doc: Document | undefined = globalThis.document): boolean {
  return doc?.getElementById('app')?.dataset.start === CONVERT_FORMULAS_START;
}

/** This page's host's naming: Excel in the task pane, Sheets in the sidebar and the preview. */
export function pageNaming(doc: Document | undefined = globalThis.document): FunctionNaming {
  return doc?.documentElement.dataset.skin === 'excel' ? 'excel' : 'sheets';
}

const WORDS: Record<FunctionNaming, { heading: string; from: string; example: string; here: string }> = {
  excel: {
    heading: 'Formulas from Google Sheets',
    from: 'Google Sheets',
    example: 'SE_SCORE',
    here: 'SE.SCORE',
  },
  sheets: { heading: 'Formulas from Excel', from: 'Excel', example: 'SE.SCORE', here: 'SE_SCORE' },
};

interface Found {
  cells: FormulaToConvert[];
  more: boolean;
  sheets: number;
  formulas: number;
  missing: string[];
}

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function ConvertFormulas({
  host,
  naming = pageNaming(),
}: {
  host: Pick<HostApi, 'scanFormulaNames' | 'convertFormulaNames'>;
  naming?: FunctionNaming;
}) {
  const words = WORDS[naming];
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [showAll, setShowAll] = useState(false);
  const scanButton = useRef<HTMLButtonElement>(null);

  // Opened from the menu for this: once the Templates tab is showing (App switches to it), the scan button
  // takes the focus and the section scrolls into view.
  useEffect(() => {
    if (!opensOnConvertFormulas()) return;
    const timer = setTimeout(() => {
      scanButton.current?.scrollIntoView({ block: 'center' });
      scanButton.current?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, []);

  const scan = async () => {
    setBusy(true);
    setFound(null);
    setShowAll(false);
    setNotice({ kind: 'progress', text: 'Scanning the workbook…' });
    const cells: FormulaToConvert[] = [];
    const missing: string[] = [];
    let formulas = 0;
    let read = 0;
    let more = false;
    let request: ScanFormulaNamesRequest = { to: naming };
    try {
      // One call reads a bounded number of cells and says which sheets remain: the loop shows progress.
      for (;;) {
        const result = await host.scanFormulaNames(request);
        cells.push(...result.cells);
        missing.push(...result.missing);
        formulas += result.formulasRead;
        read += result.scanned.length;
        if (result.more || cells.length > MAX_LISTED) more = true;
        if (more || result.remaining.length === 0) break;
        setNotice({
          kind: 'progress',
          text: `Scanning… ${read} of ${plural(result.sheetNames.length, 'sheet')} read.`,
        });
        request = { to: naming, sheets: result.remaining };
      }
      const listed = cells.slice(0, MAX_LISTED);
      setFound({ cells: listed, more, sheets: read, formulas, missing });
      const onSheets = new Set(listed.map((c) => c.sheet)).size;
      setNotice({
        kind: 'done',
        text:
          listed.length === 0
            ? `No formulas with ${words.from} names in ${plural(read, 'sheet')} (${plural(formulas, 'formula')} read). Nothing to convert.`
            : `Found ${more ? 'more than ' : ''}${plural(listed.length, 'formula')} with ${words.from} names on ${plural(onSheets, 'sheet')}. Nothing has changed yet.`,
      });
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const convert = async () => {
    if (found === null || found.cells.length === 0) return;
    setBusy(true);
    setNotice({ kind: 'progress', text: `Converting ${plural(found.cells.length, 'formula')}…` });
    try {
      const result = await host.convertFormulaNames({
        to: naming,
        cells: found.cells.map(({ sheet, row, col, before }) => ({ sheet, row, col, before })),
      });
      setNotice({
        kind: 'done',
        text: found.more ? `${result.message} Scan again for the rest.` : result.message,
      });
      setFound(null);
    } catch (error) {
      // The list is what was read before the refusal: scanning again shows the cells as they are now.
      setNotice({ kind: 'error', text: messageOf(error) });
      setFound(null);
    } finally {
      setBusy(false);
      // The Convert button is gone with the list: the focus goes back to the scan button, not to the page.
      setTimeout(() => scanButton.current?.focus(), 0);
    }
  };

  const shown = found === null ? [] : showAll ? found.cells : found.cells.slice(0, SHOWN);
  return (
    <div class="convert-formulas" aria-busy={busy}>
      <h2 id="convert-heading">{words.heading}</h2>
      <p class="muted">
        {words.from} names SE functions {words.example}; here they are {words.here}, so formulas made there
        show #NAME? here. Scan to list them; nothing changes until you choose Convert.
      </p>
      <div class="connect-actions">
        <button type="button" id="convert-scan" ref={scanButton} disabled={busy} onClick={() => void scan()}>
          {found === null ? 'Scan for formulas' : 'Scan again'}
        </button>
        {found !== null && found.cells.length > 0 ? (
          <button
            type="button"
            id="convert-run"
            class="primary"
            disabled={busy}
            onClick={() => void convert()}
          >
            {`Convert ${plural(found.cells.length, 'formula')}`}
          </button>
        ) : null}
      </div>
      <Notice notice={notice} id="convert-notice" />
      {found !== null && found.missing.length > 0 ? (
        <p class="note">
          {`Not scanned (renamed or deleted during the scan): ${found.missing.map((s) => `"${s}"`).join(', ')}.`}
        </p>
      ) : null}
      {found !== null && found.more ? (
        <p class="note">
          {`These are the first ${plural(MAX_LISTED, 'formula')}. Convert them, then scan again for the rest.`}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <ul class="connect-found" aria-label={`Formulas to convert to ${words.here} names`}>
          {shown.map((c) => (
            <li key={`${c.sheet}!${c.row}!${c.col}`} class="connect-measure">
              <strong>{c.cell}</strong>
              <dl class="connect-lines">
                <dt>Now</dt>
                <dd>
                  <code>{c.before}</code>
                </dd>
                <dt>After</dt>
                <dd>
                  <code>{c.after}</code>
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : null}
      {found !== null && !showAll && found.cells.length > SHOWN ? (
        <button type="button" id="convert-show-all" onClick={() => setShowAll(true)}>
          {`Show all ${plural(found.cells.length, 'formula')}`}
        </button>
      ) : null}
    </div>
  );
}
