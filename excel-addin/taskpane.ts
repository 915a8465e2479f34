/**
 * The task pane page is also the shared runtime's page (see manifest.template.xml): it offers the templates,
 * and registers the ribbon's "Insert template" actions, which report in the same status line. Text only
 * reaches the page through textContent, never as HTML.
 */
import { insertTemplate, templateChoices, type InsertTemplateRequest } from '../src/app/templates';
import { ExcelWorkbook, errorMessage } from './excelWorkbook';
import { templateActionId } from './ribbonCommands';

const workbook = new ExcelWorkbook((batch) => Excel.run(batch));
let busy = false;

function element<T extends HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

function showStatus(text: string, kind: 'progress' | 'done' | 'error'): void {
  const status = element('status');
  if (status === null) return;
  status.textContent = text;
  status.setAttribute('data-kind', kind);
}

/** One insert from either entry point; the status line says what happened, in words. */
async function insertAndReport(request: InsertTemplateRequest): Promise<boolean> {
  if (busy) {
    showStatus('Still inserting the previous template; try again when it is done.', 'error');
    return false;
  }
  busy = true;
  setButtonsDisabled(true);
  const title = templateChoices().find((c) => c.id === request.templateId)?.title ?? request.templateId;
  showStatus(`Inserting ${title}…`, 'progress');
  try {
    const result = await insertTemplate(workbook, request);
    showStatus(result.message, 'done');
    return true;
  } catch (error) {
    showStatus(errorMessage(error), 'error');
    return false;
  } finally {
    busy = false;
    setButtonsDisabled(false);
  }
}

function setButtonsDisabled(disabled: boolean): void {
  const list = element('template-list');
  if (list === null) return;
  for (const button of Array.from(list.getElementsByTagName('button'))) button.disabled = disabled;
}

function renderTemplates(): void {
  const list = element('template-list');
  if (list === null) return;
  for (const choice of templateChoices()) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.id = `insert-${choice.id}`;
    button.textContent = `Insert ${choice.title}`;
    const summary = document.createElement('p');
    summary.id = `summary-${choice.id}`;
    summary.textContent = choice.summary;
    button.setAttribute('aria-describedby', summary.id);
    button.addEventListener('click', () => {
      const examples = element<HTMLInputElement>('with-examples')?.checked === true;
      void insertAndReport({ templateId: choice.id, examples });
    });
    item.appendChild(button);
    item.appendChild(summary);
    list.appendChild(item);
  }
}

/**
 * Ribbon items run these in the shared runtime. Each must call event.completed(), success or not; the pane is
 * shown so the outcome is visible (Office.addin.showAsTaskpane, SharedRuntime 1.1).
 */
function registerRibbonActions(): void {
  for (const choice of templateChoices()) {
    Office.actions.associate(templateActionId(choice.id), (event?: Office.AddinCommands.Event) => {
      void insertAndReport({ templateId: choice.id, examples: false })
        .then(() => Office.addin.showAsTaskpane())
        .catch(() => undefined)
        .finally(() => event?.completed());
    });
  }
}

// Associated at load, as the Office add-in templates do for function commands, so a ribbon click that starts
// the runtime finds its handler.
registerRibbonActions();

Office.onReady((info) => {
  const loaded = element('loaded');
  if (loaded !== null) {
    loaded.textContent =
      info.host === Office.HostType.Excel
        ? 'The =SE.… custom functions are ready. Insert a template below or from the Home tab.'
        : 'SE Toolkit runs in Excel; open this page from the add-in.';
  }
  renderTemplates();
});
