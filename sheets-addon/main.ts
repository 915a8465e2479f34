/**
 * The Apps Script host's entry. esbuild hides it in a closure (global SEToolkit); scripts/build.ts appends a
 * top-level function per custom function and per exported handler here, because Apps Script only sees
 * top-level `function` declarations in the pushed file.
 */
import { customFunctions } from 'se-toolkit:custom-functions';
import { describeFailure } from '../src/customFunctionFailure';

const functionsByName = new Map(customFunctions.map((entry) => [entry.sheetsName, entry]));

/** Runs one custom function. Sheets shows a thrown Error's message in the cell's tooltip, so only words go out. */
export function callFunction(name: string, args: unknown[]): unknown[][] {
  const entry = functionsByName.get(name);
  if (entry === undefined) throw new Error(`${name}: not a function of SE Toolkit`);
  try {
    return entry.fn(...args);
  } catch (error) {
    // Only the words reach the user; the original (with its stack) would add nothing Sheets can show.
    // eslint-disable-next-line preserve-caught-error -- Error's `cause` option is ES2022, beyond Apps Script's lib here
    throw new Error(describeFailure(name, error).message);
  }
}

/** Runs in AuthMode NONE or LIMITED for an add-on: it may build the menu and must touch nothing else. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi().createAddonMenu().addItem('About SE Toolkit', 'showAbout').addToUi();
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
