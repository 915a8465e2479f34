/**
 * dist/sheets-addon/Code.js as Apps Script runs it: one script in one global scope, with fake Apps Script
 * services that record every call.
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { workedExamples } from '../fixtures/workedExamples';
import { comparableCells, looksLikeStackTrace, readBuilt, repoRoot, sheetsDist } from './builtFiles';

type Callable = (...args: unknown[]) => unknown;

interface FakeAppsScript {
  context: vm.Context;
  /** Every service call, as 'Service.method' or 'Ui.method' / 'Menu.method'. */
  calls: string[];
  menuItems: { caption: string; functionName: string }[];
  alerts: unknown[][];
}

/** A fake of the few Apps Script services the add-in may use; any other service records what was touched. */
function fakeAppsScript(): FakeAppsScript {
  const calls: string[] = [];
  const menuItems: FakeAppsScript['menuItems'] = [];
  const alerts: unknown[][] = [];
  const menu = {
    addItem(caption: string, functionName: string) {
      calls.push('Menu.addItem');
      menuItems.push({ caption, functionName });
      return menu;
    },
    addSeparator() {
      calls.push('Menu.addSeparator');
      return menu;
    },
    addSubMenu() {
      calls.push('Menu.addSubMenu');
      return menu;
    },
    addToUi() {
      calls.push('Menu.addToUi');
    },
  };
  const ui = {
    ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' },
    Button: { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' },
    createAddonMenu() {
      calls.push('Ui.createAddonMenu');
      return menu;
    },
    createMenu() {
      calls.push('Ui.createMenu');
      return menu;
    },
    alert(...args: unknown[]) {
      calls.push('Ui.alert');
      alerts.push(args);
      return 'OK';
    },
  };
  const spreadsheetApp = recordingService('SpreadsheetApp', calls, {
    getUi() {
      calls.push('SpreadsheetApp.getUi');
      return ui;
    },
  });
  const otherServices = [
    'PropertiesService',
    'LockService',
    'CacheService',
    'ScriptApp',
    'HtmlService',
    'UrlFetchApp',
    'DriveApp',
    'Session',
    'Utilities',
    'Logger',
  ];
  const globals: Record<string, unknown> = { SpreadsheetApp: spreadsheetApp };
  for (const name of otherServices) globals[name] = recordingService(name, calls, {});
  return { context: vm.createContext(globals), calls, menuItems, alerts };
}

/** A service whose known methods run and whose every other member access is recorded as a call. */
function recordingService(name: string, calls: string[], known: Record<string, Callable>): unknown {
  return new Proxy(known, {
    get(target, property) {
      if (typeof property !== 'string') return undefined;
      if (property in target) return target[property];
      calls.push(`${name}.${property}`);
      return () => undefined;
    },
  });
}

const codeText = readBuilt(join(sheetsDist, 'Code.js'));
const docs = readFunctionDocs(repoRoot);

function loadCode(): FakeAppsScript {
  const fake = fakeAppsScript();
  vm.runInContext(codeText, fake.context, { filename: 'Code.gs' });
  return fake;
}

function globalFunction(fake: FakeAppsScript, name: string): Callable {
  const value: unknown = fake.context[name];
  if (typeof value !== 'function') throw new Error(`${name} is not a top-level function in Code.js`);
  return value as Callable;
}

function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('dist/sheets-addon/Code.js in an Apps Script-like global scope', () => {
  test('loading it calls no service (onOpen may run in AuthMode NONE)', () => {
    const fake = loadCode();
    expect(fake.calls).toEqual([]);
  });

  test('finds the custom functions in src/functions', () => {
    expect(docs.length).toBeGreaterThanOrEqual(1);
    expect(docs.map((d) => d.sheetsName)).toContain('SE_SCORE');
  });

  test.each(docs.map((doc) => [doc.sheetsName, doc] as const))(
    '%s is a top-level function with its @customfunction JSDoc right above it',
    (name, doc) => {
      const fake = loadCode();
      expect(globalFunction(fake, name).length).toBe(doc.params.length);
      const declaration = new RegExp(
        `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\n(function ${name}\\(([^)]*)\\))`,
      ).exec(codeText);
      expect(declaration).not.toBeNull();
      const [, jsDoc, , params] = declaration as RegExpExecArray;
      expect(jsDoc).toContain('@customfunction');
      expect(params.split(', ')).toEqual(doc.params.map((p) => p.name));
      for (const param of doc.params) {
        expect(jsDoc).toContain(`@param {${param.optional ? 'any=' : 'any'}} ${param.name}`);
      }
      expect(jsDoc).toContain('@return {any}');
    },
  );

  test('SE_SCORE takes single cells (scalars) and ranges (rows of cells)', () => {
    const score = globalFunction(loadCode(), 'SE_SCORE');
    expect(comparableCells(score(9, 4))).toEqual([[36]]);
    expect(comparableCells(score([[9], [6]], [[4], [8]]))).toEqual([[36], [48]]);
    expect(comparableCells(score([[9], [6]], 5))).toEqual([[45], [30]]);
  });

  test("bad input throws an Error carrying exactly the core's message, no stack", () => {
    const score = globalFunction(loadCode(), 'SE_SCORE');
    const error = thrownBy(() => score(9, 'n/a'));
    expect(error.message).toBe('SE_SCORE: execution must be a number from 0 to 10; found "n/a"');
    expect(error.constructor.name).toBe('Error');
    expect(looksLikeStackTrace(error.message)).toBe(false);
  });

  test.each(workedExamples.map((example) => [example.fn, example.title, example] as const))(
    'worked example %s (%s)',
    (fn, _title, example) => {
      const run = globalFunction(loadCode(), fn);
      expect(comparableCells(run(...example.args), example.digits)).toEqual(
        comparableCells(example.expected, example.digits),
      );
    },
  );

  test('onOpen builds the add-on menu and touches nothing else; its items name top-level handlers', () => {
    const fake = loadCode();
    globalFunction(fake, 'onOpen')({ authMode: 'NONE' });
    expect(fake.calls).toEqual([
      'SpreadsheetApp.getUi',
      'Ui.createAddonMenu',
      'Menu.addItem',
      'Menu.addToUi',
    ]);
    expect(fake.menuItems.map((item) => item.caption)).toContain('About SE Toolkit');
    for (const item of fake.menuItems) expect(typeof fake.context[item.functionName]).toBe('function');
  });

  test('onInstall builds the same menu', () => {
    const fake = loadCode();
    globalFunction(fake, 'onInstall')({ authMode: 'FULL' });
    expect(fake.calls).toEqual([
      'SpreadsheetApp.getUi',
      'Ui.createAddonMenu',
      'Menu.addItem',
      'Menu.addToUi',
    ]);
  });

  test('"About SE Toolkit" shows an alert listing every custom function', () => {
    const fake = loadCode();
    globalFunction(fake, 'onOpen')({});
    const about = fake.menuItems.find((item) => item.caption === 'About SE Toolkit');
    expect(about).toBeDefined();
    globalFunction(fake, (about as { functionName: string }).functionName)();
    expect(fake.alerts).toHaveLength(1);
    const text = fake.alerts[0].map(String).join('\n');
    for (const doc of docs) expect(text).toContain(`${doc.sheetsName}(`);
  });
});

describe('dist/sheets-addon/appsscript.json', () => {
  const manifest = JSON.parse(readBuilt(join(sheetsDist, 'appsscript.json'))) as Record<string, unknown>;

  test('V8, exactly the two narrow scopes, nothing else', () => {
    expect(manifest).toEqual({
      timeZone: 'Etc/UTC',
      runtimeVersion: 'V8',
      exceptionLogging: 'STACKDRIVER',
      dependencies: {},
      oauthScopes: [
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
      ],
    });
  });
});
