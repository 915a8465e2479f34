/**
 * The sidebar page opened to run the self-test (the Sheets menu's "Run self-test"): the built page with
 * `<div id="app" data-start="self-test">`, which the UI reads to open the Templates tab's "Check this
 * installation" section and start it. Nothing else about the page changes (scopes, CSP, script).
 */
export const SELF_TEST_START = 'self-test';

/** The page made to start the self-test; a page without `<div id="app">` comes back unchanged. */
export function pageStartingSelfTest(html: string): string {
  return html.replace('<div id="app">', `<div id="app" data-start="${SELF_TEST_START}">`);
}
