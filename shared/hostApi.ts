/**
 * How the UI reaches its host: only through the HostApi contract (src/app/hostApi.ts), never through
 * google.script.run or Excel directly. Each page's entry installs `window.seHost` before the UI mounts: Sheets a
 * typed proxy over google.script.run (scriptRunHost), Excel `asyncHost(new ExcelWorkbook(Excel.run))`.
 */
import type { HostApi } from '../src/app/hostApi';
import { HOST_METHODS, serverFunctionName, type HostMethod } from '../src/app/hostMethods';

export type { HostApi, HostMethod };

/** The part of google.script.run the proxy uses (google.script.run is injected into the page by Google). */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [serverFunction: string]: unknown;
}

/** What a failure handler receives, as words for the user (an Error's message, or the text itself). */
export function failureText(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  )
    return (error as { message: string }).message;
  if (typeof error === 'string' && error !== '') return error;
  return 'The add-in did not answer. Close the sidebar and open it again.';
}

/** A HostApi over google.script.run: one promise per call, rejected with the server's words. */
export function scriptRunHost(run: () => ScriptRun): HostApi {
  const api: Partial<Record<HostMethod, (request: unknown) => Promise<unknown>>> = {};
  for (const method of HOST_METHODS) {
    api[method] = (request: unknown) =>
      new Promise((resolve, reject) => {
        const runner = run()
          .withSuccessHandler(resolve)
          .withFailureHandler((error) => reject(new Error(failureText(error))));
        const serverFunction = runner[serverFunctionName(method)];
        if (typeof serverFunction !== 'function') {
          reject(new Error(`The add-in's server has no ${serverFunctionName(method)}; update the add-in.`));
          return;
        }
        (serverFunction as (r: unknown) => void).call(runner, request ?? {});
      });
  }
  return api as HostApi;
}

/**
 * A feed of the workbook's changes, for pages whose host can push them: Excel's worksheet events
 * (onChanged, onAdded, onDeleted) in the task pane, the preview's MemoryWorkbook.onChange. `subscribe` returns
 * the unsubscribe. Sheets has none (Apps Script cannot call into a sidebar): the review refreshes on focus there.
 */
export interface WorkbookChanges {
  subscribe(listener: () => void): () => void;
}

/** What a page may give the UI besides its host. */
export interface PageCapabilities {
  /** The workbook's changes, when the host pushes them (the review reads the tracker again, keeping drafts). */
  changes?: WorkbookChanges;
}

declare global {
  interface Window {
    seHost?: HostApi;
  }
}

/** The host the page installed. */
export function installedHost(): HostApi | null {
  return typeof window !== 'undefined' && window.seHost !== undefined ? window.seHost : null;
}
