/**
 * The Sheets path end to end: the BUILT dist/sheets-addon/Code.js in a Node vm whose globals are the fake
 * SpreadsheetApp / LockService / Utilities (test/simulators), and a fake `google.script.run` in the page whose
 * calls reach the script's top-level functions through page.exposeFunction. Like google.script.run, only JSON
 * crosses: the arguments are parsed inside the script's realm, the answer is serialized, and a value JSON cannot
 * carry (a Date, a function, undefined in an array…) fails the call instead of being quietly converted.
 */
import { join } from 'node:path';
import vm from 'node:vm';
import type { Page } from 'playwright-core';
import { FakeSpreadsheetApp } from '../simulators/fakeSpreadsheetApp';
import { readBuilt, sheetsDist } from '../bundle/builtFiles';

type Callable = (...args: unknown[]) => unknown;

export interface AppsScriptServer {
  app: FakeSpreadsheetApp;
  context: vm.Context;
  /** Every top-level function of Code.js not ending in "_" (what google.script.run exposes). */
  serverFunctions: string[];
  /** The calls the page made, in order, by function name. */
  calls: string[];
}

export function loadCodeJs(): AppsScriptServer {
  const app = new FakeSpreadsheetApp();
  const context = vm.createContext(app.globals());
  vm.runInContext(readBuilt(join(sheetsDist, 'Code.js')), context, { filename: 'Code.gs' });
  const serverFunctions = Object.keys(context).filter(
    (name) => typeof context[name] === 'function' && !name.endsWith('_'),
  );
  return { app, context, serverFunctions, calls: [] };
}

/** Throws unless `value` is made only of what JSON carries unchanged (google.script.run's rule, roughly). */
function assertPlainJson(value: unknown, path = 'the result'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}, which JSON cannot carry`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => assertPlainJson(item, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    const plain = proto === null || Object.getPrototypeOf(proto) === null; // an Object.prototype of any realm
    if (!plain) throw new Error(`${path} is a ${Object.prototype.toString.call(value)}, not plain JSON`);
    for (const [key, item] of Object.entries(value)) assertPlainJson(item, `${path}.${key}`);
    return;
  }
  throw new Error(`${path} is ${typeof value}, which JSON cannot carry`);
}

type Answer = { ok: true; json: string } | { ok: false; message: string };

/** Exposes the server to the page (before it loads): the fake google.script.run calls this. */
export async function exposeServer(page: Page, server: AppsScriptServer): Promise<void> {
  const realmJson = vm.runInContext('JSON', server.context) as JSON;
  await page.exposeFunction('__seAppsScriptCall', (name: string, argsJson: string): Answer => {
    server.calls.push(name);
    try {
      const fn: unknown = server.context[name];
      if (!server.serverFunctions.includes(name) || typeof fn !== 'function')
        throw new Error(`Script function not found: ${name}`);
      const args = realmJson.parse(argsJson) as unknown[];
      const result = (fn as Callable)(...args);
      if (result !== undefined) assertPlainJson(result);
      return { ok: true, json: JSON.stringify(result ?? null) };
    } catch (error) {
      const message = (error as { message?: unknown })?.message;
      return { ok: false, message: typeof message === 'string' ? message : String(error) };
    }
  });
}

/**
 * The page's google.script.run: withSuccessHandler / withFailureHandler return a runner with that handler
 * set; every server function is a method that returns nothing and answers later, asynchronously.
 */
export function googleScriptRunScript(serverFunctions: string[]): string {
  return `
(() => {
  const names = ${JSON.stringify(serverFunctions)};
  function runner(onSuccess, onFailure) {
    const r = {
      withSuccessHandler: (handler) => runner(handler, onFailure),
      withFailureHandler: (handler) => runner(onSuccess, handler),
      withUserObject: () => r,
    };
    for (const name of names) {
      r[name] = (...args) => {
        window.__seAppsScriptCall(name, JSON.stringify(args)).then((answer) => {
          if (answer.ok) { if (onSuccess) onSuccess(JSON.parse(answer.json)); }
          else if (onFailure) onFailure(new Error(answer.message));
        });
      };
    }
    return r;
  }
  window.google = { script: { run: runner(null, null) } };
})();
`;
}
