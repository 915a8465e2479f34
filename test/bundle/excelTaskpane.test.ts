/**
 * dist/excel-addin/taskpane.js (the shared runtime's script: task pane and ribbon actions) in a vm with a tiny
 * fake DOM, fake Office globals and the fake Excel over the spreadsheet model: the built code, not the sources.
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { templateChoices } from '../../src/app/templates';
import { FakeExcel } from '../simulators/fakeExcel';
import { SpreadsheetModel } from '../simulators/spreadsheetModel';
import { excelDist, looksLikeStackTrace, readBuilt } from './builtFiles';

const taskpaneJs = readBuilt(join(excelDist, 'taskpane.js'));

/** Just enough of an element: text only (no innerHTML at all, so markup cannot sneak in), children, events. */
class FakeElement {
  id = '';
  type = '';
  disabled = false;
  checked = false;
  textContent: string | null = '';
  readonly children: FakeElement[] = [];
  readonly attributes = new Map<string, string>();
  private readonly listeners = new Map<string, (() => void)[]>();
  constructor(
    readonly tagName: string,
    private readonly document: FakeDocument,
  ) {}
  appendChild(child: FakeElement): FakeElement {
    this.children.push(child);
    this.document.register(child);
    return child;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  getElementsByTagName(tag: string): FakeElement[] {
    return this.children.flatMap((c) => [
      ...(c.tagName === tag.toUpperCase() ? [c] : []),
      ...c.getElementsByTagName(tag),
    ]);
  }
  click(): void {
    if (this.disabled) return;
    for (const listener of this.listeners.get('click') ?? []) listener();
  }
}

class FakeDocument {
  private readonly byId = new Map<string, FakeElement>();
  constructor(ids: Record<string, string>) {
    for (const [id, tag] of Object.entries(ids)) {
      const element = new FakeElement(tag.toUpperCase(), this);
      element.id = id;
      this.byId.set(id, element);
    }
  }
  register(element: FakeElement): void {
    if (element.id !== '') this.byId.set(element.id, element);
    for (const child of element.children) this.register(child);
  }
  getElementById(id: string): FakeElement | null {
    for (const element of [...this.byId.values()]) this.register(element);
    return this.byId.get(id) ?? null;
  }
  createElement(tag: string): FakeElement {
    return new FakeElement(tag.toUpperCase(), this);
  }
}

interface Loaded {
  model: SpreadsheetModel;
  excel: FakeExcel;
  document: FakeDocument;
  actions: Map<string, (event: { completed(): void }) => void>;
  shownAsTaskpane: () => number;
}

function load(): Loaded {
  const model = new SpreadsheetModel();
  const excel = new FakeExcel(model);
  // The ids taskpane.html declares.
  const document = new FakeDocument({
    loaded: 'p',
    status: 'p',
    'with-examples': 'input',
    'template-list': 'ul',
  });
  const actions = new Map<string, (event: { completed(): void }) => void>();
  let shown = 0;
  const Office = {
    HostType: { Excel: 'Excel' },
    onReady(callback: (info: { host: string }) => void) {
      callback({ host: 'Excel' });
      return Promise.resolve({ host: 'Excel' });
    },
    actions: {
      associate(id: string, fn: (event: { completed(): void }) => void) {
        if (actions.has(id)) throw new Error(`${id} associated twice`);
        actions.set(id, fn);
      },
    },
    addin: {
      showAsTaskpane() {
        shown++;
        return Promise.resolve();
      },
    },
  };
  vm.runInContext(taskpaneJs, vm.createContext({ Office, Excel: { run: excel.run }, document, console }), {
    filename: 'taskpane.js',
  });
  return { model, excel, document, actions, shownAsTaskpane: () => shown };
}

function byId(document: FakeDocument, id: string): FakeElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`no #${id}`);
  return element;
}

/** Waits until the status line leaves "Inserting…". */
async function settled(document: FakeDocument): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const text = byId(document, 'status').textContent ?? '';
    if (text !== '' && !text.startsWith('Inserting')) return text;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the status line never settled');
}

describe('dist/excel-addin/taskpane.js with fake Office, Excel and DOM', () => {
  test('lists every template with an Insert button, described by its summary', () => {
    const { document } = load();
    const buttons = byId(document, 'template-list').getElementsByTagName('button');
    expect(buttons.map((b) => b.textContent)).toEqual(templateChoices().map((c) => `Insert ${c.title}`));
    for (const [i, choice] of templateChoices().entries()) {
      expect(buttons[i].type).toBe('button');
      const summary = byId(document, buttons[i].getAttribute('aria-describedby') ?? '');
      expect(summary.textContent).toBe(choice.summary);
    }
    expect(byId(document, 'loaded').textContent).toMatch(/custom functions are ready/);
  });

  test('clicking Insert inserts the template (with example rows when ticked) and says so', async () => {
    const { document, model, excel } = load();
    byId(document, 'with-examples').checked = true;
    byId(document, 'insert-se-scorecard').click();
    expect(byId(document, 'status').textContent).toBe('Inserting SE Scorecard…');
    expect(byId(document, 'insert-csf-tracker').disabled).toBe(true);
    expect(await settled(document)).toBe('Inserted SE Scorecard as the sheet "SE Scorecard".');
    expect(byId(document, 'status').getAttribute('data-kind')).toBe('done');
    expect(model.sheetNames()).toEqual(['SE Scorecard']);
    expect(model.namedRanges.has('SE_Scorecard_Table')).toBe(true);
    expect(excel.syncs).toBeLessThanOrEqual(3);
    expect(byId(document, 'insert-csf-tracker').disabled).toBe(false);

    byId(document, 'insert-se-scorecard').click();
    expect(await settled(document)).toBe(
      'Inserted SE Scorecard as the sheet "SE Scorecard (2)" (a sheet named SE Scorecard already exists).',
    );
  });

  test('every template has a ribbon action, and one inserts its template and shows the pane', async () => {
    const { document, model, actions, shownAsTaskpane } = load();
    expect([...actions.keys()]).toEqual(templateChoices().map((c) => `insertTemplate.${c.id}`));
    let completed = 0;
    actions.get('insertTemplate.coaching-log')?.({ completed: () => completed++ });
    expect(await settled(document)).toBe('Inserted Coaching Log as the sheet "Coaching Log".');
    for (let i = 0; i < 100 && completed === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(completed).toBe(1);
    expect(shownAsTaskpane()).toBe(1);
    expect(model.sheetNames()).toEqual(['Coaching Log']);
  });

  test('a failure shows its message in words, leaves nothing behind, and still completes the ribbon event', async () => {
    const { document, model, actions } = load();
    model.addSheet('Mine');
    const before = JSON.stringify(model.snapshot());
    model.failOn('Range.formulas');
    let completed = 0;
    actions.get('insertTemplate.definitions')?.({ completed: () => completed++ });
    const message = await settled(document);
    expect(message).toBe(
      'Could not insert the sheet "Definitions": simulated failure in Range.formulas. Nothing was added.',
    );
    expect(looksLikeStackTrace(message)).toBe(false);
    expect(byId(document, 'status').getAttribute('data-kind')).toBe('error');
    expect(JSON.stringify(model.snapshot())).toBe(before);
    for (let i = 0; i < 100 && completed === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(completed).toBe(1);
  });
});
