/**
 * The task pane page is also the shared runtime's page (see manifest.template.xml): it mounts the one UI
 * (shared/) over the HostApi, and registers the ribbon's "Insert template" actions, whose outcome the UI shows
 * in its Templates tab. Text only reaches the page as text (Preact text nodes), never as HTML.
 */
import { asyncHost } from '../src/app/hostApi';
import { templateChoices } from '../src/app/templates';
import { installedHost, type WorkbookChanges } from '../shared/hostApi';
import { mountApp, showStartupError, type AppControl } from '../shared/mount';
import { messageOf, type NoticeState } from '../shared/components/Notice';
import { ExcelWorkbook } from './excelWorkbook';
import { templateActionId } from './ribbonCommands';
import { SELF_TEST_ACTION_ID } from './ribbonCommands';
import { useSelfTestHost } from '../src/app/selfTest';
import { excelSelfTestHost } from './selfTestHost';

// A page may bring its own host (the browser tests do); in Excel it is the app over the Excel adapter.
const host = installedHost() ?? asyncHost(new ExcelWorkbook((batch) => Excel.run(batch)));
let control: AppControl | null = null;
let pending: NoticeState | null = null;
let busy = false;

function report(notice: NoticeState): void {
  if (control !== null) control.showTemplateNotice(notice);
  else pending = notice;
}

/** One ribbon insert; the Templates tab's status line says what happened, in words. */
async function insertFromRibbon(templateId: string, title: string): Promise<void> {
  if (busy) {
    report({ kind: 'error', text: 'Still inserting the previous template; try again when it is done.' });
    return;
  }
  busy = true;
  report({ kind: 'progress', text: `Inserting ${title}…` });
  try {
    const result = await host.insertTemplate({ templateId, examples: false, year: new Date().getFullYear() });
    // Open what was inserted, so the user sees it; a refusal to open is said after what was inserted.
    const opened = await host.openSheet({ name: result.sheetName }).then(
      () => null,
      (error: unknown) => messageOf(error),
    );
    report(
      opened === null
        ? { kind: 'done', text: result.message }
        : { kind: 'error', text: `${result.message} ${opened}` },
    );
  } catch (error) {
    report({ kind: 'error', text: messageOf(error) });
  } finally {
    busy = false;
  }
}

/**
 * Ribbon items run these in the shared runtime. Each must call event.completed(), success or not; the pane is
 * shown so the outcome is visible (Office.addin.showAsTaskpane, SharedRuntime 1.1).
 */
function registerRibbonActions(): void {
  for (const choice of templateChoices()) {
    Office.actions.associate(templateActionId(choice.id), (event?: Office.AddinCommands.Event) => {
      void insertFromRibbon(choice.id, choice.title)
        .then(() => Office.addin.showAsTaskpane())
        .catch(() => undefined)
        .finally(() => event?.completed());
    });
  }
}

// Associated at load, as the Office add-in templates do for function commands, so a ribbon click that starts
// the runtime finds its handler.
registerRibbonActions();

// The ribbon's "Run self-test": the pane's "Check this installation" section, started (once the UI is up).
let selfTestPending = false;
Office.actions.associate(SELF_TEST_ACTION_ID, (event?: Office.AddinCommands.Event) => {
  if (control !== null) control.startSelfTest();
  else selfTestPending = true;
  void Office.addin
    .showAsTaskpane()
    .catch(() => undefined)
    .finally(() => event?.completed());
});

/**
 * The workbook's changes as Excel reports them, for the review to read the tracker again: the worksheet
 * collection's onChanged (cell data, ExcelApi 1.9, the manifest's requirement), onAdded and onDeleted (1.7),
 * registered in one Excel.run the first time the UI subscribes. Handlers live as long as the page (Office
 * drops them when the add-in closes). Without Excel (a page given its own host) there is no feed.
 */
function excelChanges(): WorkbookChanges {
  const listeners = new Set<() => void>();
  let registered = false;
  const notify = async (): Promise<void> => {
    for (const listener of [...listeners]) listener();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!registered && typeof Excel !== 'undefined') {
        registered = true;
        Excel.run(async (context) => {
          const sheets = context.workbook.worksheets;
          sheets.onChanged.add(notify);
          sheets.onAdded.add(notify);
          sheets.onDeleted.add(notify);
          await context.sync();
        }).catch(() => {
          // No events (an older host): the review still refreshes on focus and with its Refresh button.
          registered = false;
        });
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function whenDomReady(run: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
}

Office.onReady((info) => whenDomReady(() => mount(info.host)));

function mount(officeHost: Office.HostType | null): void {
  const root = document.getElementById('app');
  if (root === null) return;
  if (officeHost !== Office.HostType.Excel) {
    showStartupError(root, 'SE Toolkit runs in Excel; open this page from the add-in.');
    return;
  }
  // The self-test's report names the host, its version and platform (Office.context.diagnostics).
  useSelfTestHost(excelSelfTestHost());
  mountApp(
    root,
    host,
    (c) => {
      control = c;
      if (pending !== null) c.showTemplateNotice(pending);
      pending = null;
      if (selfTestPending) c.startSelfTest();
      selfTestPending = false;
    },
    { changes: excelChanges() },
  );
}
