/**
 * A HostApi inside the page whose every call is answered by Node: `window.seHost` forwards to a function
 * exposed with page.exposeFunction, so a test can answer with the real app over a MemoryWorkbook, or with
 * whatever it likes (hostile data, refusals). Failures cross as words and become Errors in the page.
 */
import type { Page } from 'playwright-core';
import type { HostApi, HostMethod } from '../../src/app/hostApi';
import { HOST_METHODS } from '../../src/app/hostMethods';

export type Handler = (method: HostMethod, request: unknown) => Promise<unknown>;

export interface Recorded {
  method: HostMethod;
  request: unknown;
}

export const fakeHostScript = `
(() => {
  const api = {};
  for (const method of ${JSON.stringify(HOST_METHODS)}) {
    api[method] = async (request) => {
      const answer = await window.__seTestHostCall(method, JSON.stringify(request ?? {}));
      if (answer.ok) return JSON.parse(answer.json);
      throw new Error(answer.message);
    };
  }
  window.seHost = api;
})();
`;

/** Exposes the bridge before the page loads; returns the calls made, in order. */
export async function bridgeHost(page: Page, handler: Handler): Promise<Recorded[]> {
  const calls: Recorded[] = [];
  await page.exposeFunction('__seTestHostCall', async (method: HostMethod, json: string) => {
    const request = JSON.parse(json) as unknown;
    calls.push({ method, request });
    try {
      return { ok: true, json: JSON.stringify((await handler(method, request)) ?? null) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  });
  return calls;
}

/** A handler over a real HostApi (e.g. asyncHost(new MemoryWorkbook())). */
export function handlerOver(host: HostApi): Handler {
  return (method, request) => (host[method] as (r: unknown) => Promise<unknown>)(request);
}
