/**
 * Serves @microsoft/office-js's own files where the task pane asks Microsoft's CDN for them, so browser tests
 * run the real office.js with no network. The CDN answers with CORS headers (office.js loads its further files
 * with crossOrigin="anonymous"); so does this.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { OFFICE_JS_CDN_BASE, officeJsPackageDist } from '../../scripts/lib/officeJs';

/** The package file a CDN URL names, or null. */
export function packageFileForCdnUrl(url: string): string | null {
  if (!url.startsWith(OFFICE_JS_CDN_BASE)) return null;
  const relative = new URL(url).pathname.slice(new URL(OFFICE_JS_CDN_BASE).pathname.length);
  const file = join(officeJsPackageDist(), relative);
  return relative !== '' && !relative.includes('..') && existsSync(file) ? file : null;
}

export async function routeOfficeJsCdn(context: BrowserContext): Promise<void> {
  await context.route(`${OFFICE_JS_CDN_BASE}**`, (route) => {
    const file = packageFileForCdnUrl(route.request().url());
    if (file === null) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: readFileSync(file),
    });
  });
}
