/**
 * The Sheets menu's "Run self-test" in the built Code.js: onOpen adds the item, naming a top-level handler,
 * which shows the pushed sidebar page made to start the self-test (data-start="self-test") and nothing else:
 * the same page, so the same scopes (appsscript.json is unchanged) and the same CSP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { readBuilt, repoRoot, sheetsDist } from '../bundle/builtFiles';

type Callable = (...args: unknown[]) => unknown;

function loadCode() {
  const items: { caption: string; functionName: string }[] = [];
  const shown: { html: string; title: string }[] = [];
  const menu = {
    addItem(caption: string, functionName: string) {
      items.push({ caption, functionName });
      return menu;
    },
    addSeparator: () => menu,
    addSubMenu: () => menu,
    addToUi: () => undefined,
  };
  const output = (html: string) => {
    const o = {
      html,
      title: '',
      setTitle(title: string) {
        o.title = title;
        return o;
      },
      getContent: () => html,
    };
    return o;
  };
  const page = readBuilt(join(sheetsDist, 'sidebar.html'));
  const context = vm.createContext({
    SpreadsheetApp: {
      getUi: () => ({
        createAddonMenu: () => menu,
        createMenu: () => menu,
        showSidebar: (o: { html: string; title: string }) => shown.push({ html: o.html, title: o.title }),
      }),
    },
    HtmlService: {
      createHtmlOutputFromFile: (name: string) => {
        if (name !== 'sidebar') throw new Error(`no pushed file ${name}`);
        return output(page);
      },
      createHtmlOutput: (html: string) => output(html),
    },
  });
  vm.runInContext(readBuilt(join(sheetsDist, 'Code.js')), context, { filename: 'Code.gs' });
  return { context, items, shown, page };
}

test('"Run self-test" opens the sidebar made to start the self-test', () => {
  const code = loadCode();
  (code.context.onOpen as Callable)({ authMode: 'NONE' });
  const item = code.items.find((i) => i.caption === 'Run self-test');
  expect(item?.functionName).toBe('showSelfTestSidebar');
  (code.context[item?.functionName ?? ''] as Callable)();
  expect(code.shown).toHaveLength(1);
  expect(code.shown[0].title).toBe('SE Toolkit');
  expect(code.shown[0].html).toBe(
    code.page.replace('<div id="app">', '<div id="app" data-start="self-test">'),
  );
  expect(code.shown[0].html).not.toBe(code.page);
});

test('the add-on asks for no scope beyond the two it had', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'sheets-addon/appsscript.json'), 'utf8')) as {
    oauthScopes: string[];
  };
  expect(manifest.oauthScopes).toEqual([
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/script.container.ui',
  ]);
});
