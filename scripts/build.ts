/** `npm run build`: both add-ins into dist/. SE_ADDIN_BASE_URL sets where the Excel add-in will be served. */
import { buildAddins, defaultBaseUrl, describeBuild } from './lib/buildAddins';
import { buildPreview } from './lib/buildPreview';

async function main(): Promise<void> {
  const baseUrl = process.env.SE_ADDIN_BASE_URL ?? defaultBaseUrl;
  const started = Date.now();
  const files = [...(await buildAddins({ baseUrl })), ...(await buildPreview())];
  console.log(`Built SE Toolkit for ${baseUrl} in ${Date.now() - started} ms:\n${describeBuild(files)}`);
}

main().catch((error: unknown) => {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
