/**
 * The Apps Script host's entry. esbuild hides it in a closure (global SEToolkit); scripts/build.ts appends a
 * top-level function per custom function and per exported handler here, because Apps Script only sees
 * top-level `function` declarations in the pushed file.
 */
import { customFunctions } from 'se-toolkit:custom-functions';
import { describeFailure } from '../src/customFunctionFailure';
import { refuseOffGrid, SHEETS_GRID } from '../src/values/results';
import { runSync } from '../src/app/task';
import { runHostCall } from '../src/app/hostApi';
import { pageOpeningOnConvert, useSeFunctionNames } from '../src/app/convertFormulas';
import { insertTemplateTask } from '../src/app/templates';
import { useSelfTestHost } from '../src/app/selfTest';
import { pageStartingSelfTest } from '../src/selfTest/page';
import { messageOf, SheetsWorkbook } from './sheetsWorkbook';
import { TEMPLATE_SUBMENUS, templateMenuItems } from './templateMenu';
import { WALL_CLOCK_PATTERN, withWallClockDates } from './sheetDates';

const functionsByName = new Map(customFunctions.map((entry) => [entry.sheetsName, entry]));
// The formula conversion (Templates tab, "Formulas from Excel") tells SE functions from others by this list.
useSeFunctionNames(customFunctions);
// The self-test's report names the host; Apps Script has no API that gives Google Sheets' version.
useSelfTestHost({
  name: 'Google Sheets (Apps Script)',
  version: 'not reported (Apps Script has no version API)',
  naming: 'sheets',
});

/** Runs one custom function. Sheets shows a thrown Error's message in the cell's tooltip, so only words go out. */
export function callFunction(name: string, args: unknown[]): unknown[][] {
  const entry = functionsByName.get(name);
  if (entry === undefined) throw new Error(`${name}: not a function of SE Toolkit`);
  try {
    const result = entry.fn(...args);
    refuseOffGrid(name, result, SHEETS_GRID);
    return result;
  } catch (error) {
    // Only the words reach the user; the original (with its stack) would add nothing Sheets can show.
    // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond Apps Script's lib here
    throw new Error(describeFailure(name, failureOnSheetClock(entry.fn, args) ?? error).message);
  }
}

/**
 * A failure's words must name a date cell by the day the user sees. Dates only ever reach a message (no
 * function takes one), so the clock is asked for only after a call failed with a Date among its arguments:
 * the call is pure, and running it again with the dates on the spreadsheet's clock gives the right words.
 */
function failureOnSheetClock(fn: (...args: unknown[]) => unknown[][], args: unknown[]): unknown {
  let local: unknown[] | null;
  try {
    local = withWallClockDates(args, () => {
      const zone = SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
      return (date) => Utilities.formatDate(date, zone, WALL_CLOCK_PATTERN);
    });
  } catch {
    return undefined; // no clock to be had: the first words stand
  }
  if (local === null) return undefined;
  try {
    fn(...local);
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Runs in AuthMode NONE or LIMITED for an add-on: it may build the menu and must touch nothing else. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createAddonMenu();
  menu.addItem('Open review', 'showReviewSidebar').addSeparator();
  for (const { caption, examples } of TEMPLATE_SUBMENUS) {
    const sub = ui.createMenu(caption);
    for (const item of templateMenuItems(examples)) sub.addItem(item.caption, item.functionName);
    menu.addSubMenu(sub);
  }
  menu.addItem('Convert Excel formulas…', 'showConvertFormulasSidebar');
  menu.addItem('Run self-test', 'showSelfTestSidebar');
  menu.addSeparator().addItem('About SE Toolkit', 'showAbout').addToUi();
}

/**
 * What every "Insert template" menu item runs (through its generated top-level function). The user hears the
 * result as a toast, or a failure as an alert with the words only; the workbook is then as it was. Synchronous,
 * as everything on the Apps Script server path: the task runs over SheetsWorkbook with runSync.
 */
export function insertTemplateFromMenu(templateId: string, examples: boolean): void {
  try {
    const workbook = new SheetsWorkbook(SpreadsheetApp, LockService, Utilities);
    const result = runSync(insertTemplateTask({ templateId, examples }), workbook);
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
    spreadsheet.getSheetByName(result.sheetName)?.activate();
    spreadsheet.toast(result.message, 'SE Toolkit');
  } catch (error) {
    const ui = SpreadsheetApp.getUi();
    ui.alert('SE Toolkit could not insert the template', messageOf(error), ui.ButtonSet.OK);
  }
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function showAbout(): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert('SE Toolkit', aboutText(), ui.ButtonSet.OK);
}

function aboutText(): string {
  const lines = customFunctions.map((entry) => {
    const params = entry.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ');
    return `${entry.sheetsName}(${params}): ${entry.summary}`;
  });
  return `Custom functions (type = and the name in a cell):\n\n${lines.join('\n')}`;
}

/** The pushed HTML file (dist/sheets-addon/sidebar.html) the sidebar is served from. */
export const SIDEBAR_FILE = 'sidebar';

/** "Open review": the one UI (shared/) in the sidebar; it reaches the workbook through hostCall. */
export function showReviewSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle('SE Toolkit');
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * "Convert Excel formulas…": the same sidebar, opened on the Templates tab's "Formulas from Excel" section (SE.SCORE
 * → SE_SCORE for a workbook made in Excel), which lists the cells before anything is converted.
 */
export function showConvertFormulasSidebar(): void {
  const page = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).getContent();
  const html = HtmlService.createHtmlOutput(pageOpeningOnConvert(page)).setTitle('SE Toolkit');
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * "Run self-test": the same sidebar, opened on the Templates tab's "Check this installation" section, which
 * starts the self-test at once (scratch sheets in this spreadsheet, removed again) and lists what passed.
 */
export function showSelfTestSidebar(): void {
  const page = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).getContent();
  const html = HtmlService.createHtmlOutput(pageStartingSelfTest(page)).setTitle('SE Toolkit');
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * What every generated seHost_<method>(request) server function runs: one HostApi call, synchronously over the
 * SpreadsheetApp adapter. A failure reaches the sidebar's failure handler as words only.
 */
export function hostCall(method: string, request: unknown): unknown {
  return runHostCall(new SheetsWorkbook(SpreadsheetApp, LockService, Utilities), method, request);
}
