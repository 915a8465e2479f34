/**
 * office.js served from the add-in's own origin instead of Microsoft's CDN. office.js loads further files
 * from its own folder at run time: the host's script (excel-<platform>-<version>.js), the UI language's
 * office_strings.js, the app-to-file table of Office 2013 hosts and the telemetry agent. Only those are
 * copied: no .debug.js, no other Office app's files, no Outlook strings (the package holds ~87 MB).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const officeJsFolder = 'office-js';

function isRuntimeFile(relativePath: string): boolean {
  if (relativePath.endsWith('.debug.js') || !relativePath.endsWith('.js')) return false;
  if (['office.js', 'o15apptofilemappingtable.js', 'custom-functions-runtime.js'].includes(relativePath))
    return true;
  if (/^excel[a-z0-9.-]*\.js$/.test(relativePath)) return true;
  if (relativePath === 'telemetry/oteljs_agave.js') return true;
  return /^[a-z]{2,3}(-[a-z0-9]+)*\/office_strings\.js$/.test(relativePath);
}

/** Copies the runtime part of @microsoft/office-js/dist into `destination`; returns the bytes copied. */
export function copyOfficeJs(destination: string): { files: number; bytes: number } {
  const source = join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
  let files = 0;
  let bytes = 0;
  const visit = (relativeDir: string): void => {
    for (const name of readdirSync(join(source, relativeDir))) {
      const relativePath = relativeDir === '' ? name : `${relativeDir}/${name}`;
      const from = join(source, relativePath);
      const stats = statSync(from);
      if (stats.isDirectory()) {
        // Folders nest one level (locales, telemetry); deeper ones hold error pages and images we don't serve.
        if (relativeDir === '') visit(relativePath);
        continue;
      }
      if (!isRuntimeFile(relativePath)) continue;
      const to = join(destination, relativePath);
      if (!existsSync(dirname(to))) mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
      files += 1;
      bytes += stats.size;
    }
  };
  visit('');
  if (!existsSync(join(destination, 'office.js'))) throw new Error(`office.js not found in ${source}`);
  return { files, bytes };
}
