/**
 * The task pane page is also the shared runtime's page (see manifest.template.xml): it mounts the one UI
 * (shared/) over the HostApi, and registers the ribbon's "Insert template" actions, whose outcome the UI shows
 * in its Templates tab. Text only reaches the page as text (Preact text nodes), never as HTML.
 */
import { asyncHost } from '../src/app/hostApi';
import { templateChoices } from '../src/app/templates';
import { installedHost } from '../shared/hostApi';
import { mountApp, showStartupError, type AppControl } from '../shared/mount';
import { messageOf, type NoticeState } from '../shared/components/Notice';
import { ExcelWorkbook } from './excelWorkbook';
import { templateActionId } from './ribbonCommands';

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
    report({ kind: 'done', text: result.message });
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
  mountApp(root, host, (c) => {
    control = c;
    if (pending !== null) c.showTemplateNotice(pending);
    pending = null;
  });
}
