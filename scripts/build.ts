/**
 * `npm run build`: both add-ins into dist/. SE_ADDIN_BASE_URL sets where the Excel add-in will be served;
 * SE_OFFICE_JS=bundled serves office.js from the add-in's own origin instead of Microsoft's CDN (the default);
 * SE_SUPPORT_URL sets the manifest's support page (default: the task pane page).
 */
import { buildAddins, defaultBaseUrl, describeBuild } from './lib/buildAddins';
import { buildPreview } from './lib/buildPreview';
import { officeJsSourceFromEnv } from './lib/officeJs';

async function main(): Promise<void> {
  const baseUrl = process.env.SE_ADDIN_BASE_URL ?? defaultBaseUrl;
  const officeJs = officeJsSourceFromEnv();
  const started = Date.now();
  const supportUrl = process.env.SE_SUPPORT_URL || undefined;
  const files = [...(await buildAddins({ baseUrl, officeJs, supportUrl })), ...(await buildPreview())];
  console.log(
    `Built SE Toolkit for ${baseUrl} (office.js: ${officeJs === 'cdn' ? "Microsoft's CDN" : 'bundled'}) ` +
      `in ${Date.now() - started} ms:\n${describeBuild(files)}`,
  );
}

main().catch((error: unknown) => {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
