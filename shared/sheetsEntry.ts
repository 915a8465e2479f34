/**
 * The Google Sheets sidebar's script (inlined into dist/sheets-addon/sidebar.html). google.script.run is injected
 * into the page by Apps Script; the UI gets it only as a HostApi (a typed proxy, one server function per method).
 * A page that already has window.seHost (the browser tests' fake host) keeps it.
 */
import { installedHost, scriptRunHost, type ScriptRun } from './hostApi';
import { mountApp, showStartupError } from './mount';

interface GoogleScript {
  script?: { run?: ScriptRun };
}

function start(): void {
  const root = document.getElementById('app');
  if (root === null) return;
  const google = (window as unknown as { google?: GoogleScript }).google;
  const run = google?.script?.run;
  const host = installedHost() ?? (run !== undefined ? scriptRunHost(() => run) : null);
  if (host === null) {
    showStartupError(
      root,
      'This page must be opened from the SE Toolkit menu in Google Sheets (Extensions → SE Toolkit → Open review).',
    );
    return;
  }
  window.seHost = host;
  mountApp(root, host);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
