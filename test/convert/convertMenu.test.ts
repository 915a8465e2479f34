/**
 * The Sheets menu's "Convert Excel formulas…", in the BUILT dist/sheets-addon/Code.js: the item names a
 * top-level function, which shows the built sidebar (dist/sheets-addon/sidebar.html) marked to open on the
 * Templates tab's "Formulas from Excel" section, and changes nothing else. HtmlService is faked here after its
 * documented behaviour: createHtmlOutputFromFile(name) serves the pushed file name.html, createHtmlOutput(html)
 * wraps text, getContent() gives it back, setTitle returns the output for chaining.
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { readBuilt, sheetsDist } from '../bundle/builtFiles';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';

class FakeHtmlOutput {
  title = '';
  constructor(private content: string) {}
  getContent(): string {
    return this.content;
  }
  setTitle(title: string): FakeHtmlOutput {
    this.title = title;
    return this;
  }
}

const fakeHtmlService = {
  createHtmlOutputFromFile: (name: string) => new FakeHtmlOutput(readBuilt(join(sheetsDist, `${name}.html`))),
  createHtmlOutput: (html: string) => new FakeHtmlOutput(html),
};

function load(): { app: FakeSpreadsheetApp; context: vm.Context } {
  const app = new FakeSpreadsheetApp();
  const context = vm.createContext({ ...app.globals(), HtmlService: fakeHtmlService });
  vm.runInContext(readBuilt(join(sheetsDist, 'Code.js')), context, { filename: 'Code.gs' });
  return { app, context };
}

test('"Convert Excel formulas…" opens the sidebar on the conversion section and touches nothing else', () => {
  const { app, context } = load();
  (context.onOpen as (e: unknown) => void)({ authMode: 'NONE' });
  const item = app.ui.menus.flatMap((m) => m.allItems()).find((i) => i.caption === 'Convert Excel formulas…');
  expect(item).toBeDefined();
  const handler = context[(item as { functionName: string }).functionName] as unknown;
  expect(typeof handler).toBe('function');
  app.calls.log.length = 0;
  (handler as () => void)();
  expect(app.calls.log).toEqual(['SpreadsheetApp.getUi', 'Ui.showSidebar']);
  expect(app.ui.sidebars).toHaveLength(1);
  const shown = app.ui.sidebars[0] as FakeHtmlOutput;
  expect(shown.title).toBe('SE Toolkit');
  const page = readBuilt(join(sheetsDist, 'sidebar.html'));
  expect(page.split('<div id="app">')).toHaveLength(2);
  expect(shown.getContent()).toBe(
    page.replace('<div id="app">', '<div id="app" data-start="convert-formulas">'),
  );
});
