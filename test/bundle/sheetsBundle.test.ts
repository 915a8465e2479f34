/**
 * dist/sheets-addon/Code.js as Apps Script runs it: one script in one global scope, with fake Apps Script
 * services that record every call.
 */
import { join } from 'node:path';
import vm from 'node:vm';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { workedExamples } from '../fixtures/workedExamples';
import { TEMPLATES } from '../../src/templates';
import { CSF_COLUMNS, CSF_FIRST_DATA_ROW } from '../../src/templates/csfTracker';
import { AWAITING_ACTUAL } from '../../src/measures/measure';
import { STATUSES } from '../../src/measures/status';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
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

/** onOpen's calls: the add-on menu, its two template submenus (an item per template each), About. */
const menuOnlyCalls = [
  'SpreadsheetApp.getUi',
  'Ui.createAddonMenu',
  // "Open review" (the sidebar), then a separator before the template submenus.
  'Menu.addItem',
  'Menu.addSeparator',
  ...[0, 1].flatMap(() => ['Ui.createMenu', ...TEMPLATES.map(() => 'Menu.addItem'), 'Menu.addSubMenu']),
  // "Convert Excel formulas…" and "Run self-test".
  'Menu.addItem',
  'Menu.addItem',
  'Menu.addSeparator',
  'Menu.addItem',
  'Menu.addToUi',
];

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

  test.each([
    [
      'SE_MONTHLY',
      [[[100, 250, 200]]],
      'SE_MONTHLY: cumulative figures fall in period 3 (from 250 to 200); running totals must not go down: check the figures of periods 2 and 3',
    ],
    [
      'SE_FORECAST',
      [[[0.05, 0.06, 0.04]], 12, 'phased', [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], 'average'],
      'SE_FORECAST: method "phased" applies to aggregation "sum" only; found aggregation "average"',
    ],
    [
      'SE_REQUIRED_RATE',
      [[[100, 110, 120]], 200, 3, 'last'],
      'SE_REQUIRED_RATE: the period is over (all 3 periods are reported) and the target level 200 was missed by 80; no remaining period can make it up',
    ],
    [
      'SE_ATTAINMENT',
      [10, 0, 'down'],
      'SE_ATTAINMENT: target must not be 0: attainment compares the actual with the target, and a target of 0 gives no ratio',
    ],
  ] as const)('%s: the new messages are thrown as they are, no stack', (name, args, message) => {
    const error = thrownBy(() => globalFunction(loadCode(), name)(...args));
    expect(error.message).toBe(message);
    expect(error.constructor.name).toBe('Error');
    expect(looksLikeStackTrace(error.message)).toBe(false);
  });

  test('extra arguments are refused with a message naming the function and what it takes (issue 10, item 13)', () => {
    const fake = loadCode();
    const error = thrownBy(() => globalFunction(fake, 'SE_SCORE')(9, 4, 10, 5));
    expect(error.message).toBe(
      'SE_SCORE: takes at most 3 arguments (plan, execution, [scale]); found 4: remove the extra ones',
    );
    expect(error.constructor.name).toBe('Error');
    for (const doc of docs) {
      const extra = Array.from({ length: doc.params.length + 1 }, () => 1);
      const message = thrownBy(() => globalFunction(fake, doc.sheetsName)(...extra)).message;
      expect(message).toMatch(new RegExp(`^${doc.sheetsName}: takes .*${doc.params.length} argument`));
      expect(message).toContain(`found ${doc.params.length + 1}`);
    }
    // As many as declared (blanks included) is fine.
    expect(comparableCells(globalFunction(fake, 'SE_SCORE')(9, 4, undefined))).toEqual([[36]]);
  });

  test('Sheets has no 5 MB result limit: SE_STATUS over a million cells computes (issue 10, item 10)', () => {
    const column = Array.from({ length: 1_000_000 }, () => [0.5]);
    const result = globalFunction(loadCode(), 'SE_STATUS')(column, 1) as unknown[][];
    expect(result.length).toBe(1_000_000);
    expect(result[0]).toEqual(['Off track']);
  });

  test('SE_MONTHLY takes a single cell, a column with blanks to come, and a grid', () => {
    const monthly = globalFunction(loadCode(), 'SE_MONTHLY');
    expect(comparableCells(monthly(42))).toEqual([[42]]);
    expect(comparableCells(monthly([[100], [250], [300], ['']]))).toEqual([[100], [150], [50], ['']]);
    expect(
      comparableCells(
        monthly([
          [10, 30, ''],
          [5, 5, 6],
        ]),
      ),
    ).toEqual([
      [10, 20, ''],
      [5, 0, 1],
    ]);
  });

  test('FUNNEL_TARGETS: SPEC §1 numbers (529, 185, 120, 84, 25; unrounded 523.29 … 25), goals side by side', () => {
    const targets = globalFunction(loadCode(), 'FUNNEL_TARGETS');
    const rates = [[0.35], [0.65], [0.7], [0.3]];
    expect(comparableCells(targets(25, rates))).toEqual([[529], [185], [120], [84], [25]]);
    expect(comparableCells(targets(25, rates, false), 2)).toEqual([
      [523.29],
      [183.15],
      [119.05],
      [83.33],
      [25],
    ]);
    // 84 at 70% needs exactly 120 (84 / 0.7 is 120.00000000000001 in floating point).
    expect(comparableCells(targets(84, 0.7))).toEqual([[120], [84]]);
    // Goals in a row (one per rep), a blank one among them: one column each.
    expect(comparableCells(targets([[25, 10, '']], rates))).toEqual([
      [529, 218, ''],
      [185, 76, ''],
      [120, 49, ''],
      [84, 34, ''],
      [25, 10, ''],
    ]);
    // Rates in a row, goals in a column: one row per goal.
    expect(comparableCells(targets([[25], [10]], [[0.35, 0.65, 0.7, 0.3]]))).toEqual([
      [529, 185, 120, 84, 25],
      [218, 76, 49, 34, 10],
    ]);
    const error = thrownBy(() => targets(25, [[0.35], [0]]));
    expect(error.message).toBe(
      'FUNNEL_TARGETS: rates must be conversion rates above 0 and at most 1 (35% or 0.35); row 2 holds 0',
    );
    expect(error.constructor.name).toBe('Error');
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
    expect(fake.calls).toEqual(menuOnlyCalls);
    expect(fake.menuItems.map((item) => item.caption)).toContain('About SE Toolkit');
    expect(fake.menuItems.map((item) => item.caption)).toContain('Open review');
    expect(fake.menuItems.map((item) => item.caption)).toContain('Convert Excel formulas…');
    expect(fake.menuItems.map((item) => item.caption)).toContain('Run self-test');
    for (const item of fake.menuItems) expect(typeof fake.context[item.functionName]).toBe('function');
  });

  test('onInstall builds the same menu', () => {
    const fake = loadCode();
    globalFunction(fake, 'onInstall')({ authMode: 'FULL' });
    expect(fake.calls).toEqual(menuOnlyCalls);
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

describe('the built template menu against the fake SpreadsheetApp', () => {
  function loadWithFake() {
    const fake = new FakeSpreadsheetApp();
    const context = vm.createContext(fake.globals());
    vm.runInContext(codeText, context, { filename: 'Code.gs' });
    const run = (name: string, ...args: unknown[]): unknown => {
      const fn: unknown = context[name];
      if (typeof fn !== 'function') throw new Error(`${name} is not a top-level function in Code.js`);
      return (fn as Callable)(...args);
    };
    return { fake, context, run };
  }

  function templateItems(fake: FakeSpreadsheetApp) {
    return fake.ui.menus
      .flatMap((m) => m.allItems())
      .filter((item) => item.path[0]?.startsWith('Insert template'));
  }

  test('onOpen builds "Insert template" and "Insert template with examples", one item per template', () => {
    const { fake, run } = loadWithFake();
    run('onOpen', { authMode: 'NONE' });
    expect(fake.calls.log).toEqual(menuOnlyCalls);
    const items = templateItems(fake);
    for (const [submenu, examples] of [
      ['Insert template', false],
      ['Insert template with examples', true],
    ] as const) {
      expect(items.filter((i) => i.path[0] === submenu).map((i) => i.caption)).toEqual(
        TEMPLATES.map((t) => t.title),
      );
      expect(examples).toBe(submenu.endsWith('examples'));
    }
    expect(new Set(items.map((i) => i.functionName)).size).toBe(2 * TEMPLATES.length);
  });

  test('every menu item names a top-level function, and each inserts its template', async () => {
    const { fake, context, run } = loadWithFake();
    run('onOpen', {});
    for (const item of templateItems(fake)) {
      expect(typeof context[item.functionName]).toBe('function');
      await run(item.functionName);
    }
    expect(fake.ui.alerts).toEqual([]);
    const sheets = fake.model.sheetNames();
    for (const t of TEMPLATES) expect(sheets).toEqual(expect.arrayContaining([t.title, `${t.title} (2)`]));
    expect(fake.spreadsheet.toasts).toHaveLength(2 * TEMPLATES.length);
    expect(fake.spreadsheet.toasts[0]).toEqual({
      msg: 'Inserted CSF Tracker as the sheet "CSF Tracker".',
      title: 'SE Toolkit',
    });
    expect(fake.spreadsheet.activeSheet).toBe(`${TEMPLATES[TEMPLATES.length - 1].title} (2)`);
    expect(fake.lockService.held).toBe(false);
  });

  test('"CSF Tracker" with examples computes each example status', async () => {
    const { fake, run } = loadWithFake();
    run('onOpen', {});
    const item = templateItems(fake).find(
      (i) => i.path[0] === 'Insert template with examples' && i.caption === 'CSF Tracker',
    );
    await run((item as { functionName: string }).functionName);
    const status = fake.model.values('CSF Tracker', {
      row: CSF_FIRST_DATA_ROW,
      col: CSF_COLUMNS.status,
      rows: 7,
      cols: 1,
    });
    // Every example row has a status word of the measure model (SPEC §0), a late actual included.
    const words: string[] = [...STATUSES, AWAITING_ACTUAL];
    expect(status.slice(0, 6).filter(([s]) => !words.includes(String(s)))).toEqual([]);
    expect(status[6]).toEqual(['']);
    expect(fake.spreadsheet.activeSheet).toBe('CSF Tracker');
  });

  test('a failure shows an alert with words only and leaves the spreadsheet as it was', async () => {
    const { fake, run } = loadWithFake();
    run('onOpen', {});
    const before = fake.model.snapshot();
    fake.model.failOn('setDataValidations');
    await run('menuInsertBlank_csf_tracker');
    expect(fake.model.snapshot()).toEqual(before);
    expect(fake.ui.alerts).toHaveLength(1);
    const [title, message] = fake.ui.alerts[0];
    expect(title).toBe('SE Toolkit could not insert the template');
    expect(message).toBe(
      'Insert sheet "CSF Tracker": adding data validation failed (simulated failure in setDataValidations); nothing was changed',
    );
    expect(looksLikeStackTrace(message)).toBe(false);
    expect(fake.spreadsheet.toasts).toEqual([]);
    expect(fake.lockService.held).toBe(false);
  });

  test('a busy document: an alert, nothing written', async () => {
    const { fake, run } = loadWithFake();
    const before = fake.model.snapshot();
    fake.lockService.busy = true;
    await run('menuInsertExample_definitions');
    expect(fake.model.snapshot()).toEqual(before);
    expect(fake.ui.alerts[0][1]).toMatch(/still running after 10 s/);
  });
});
