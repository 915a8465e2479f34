/** `npm run export-templates`: the six templates as one .xlsx in dist/templates/ (or the path given). */
import { resolve } from 'node:path';
import { TEMPLATES_XLSX, writeTemplatesXlsx } from './lib/templatesXlsx';

async function main(): Promise<void> {
  const file = resolve(process.argv[2] ?? TEMPLATES_XLSX);
  const { plans } = await writeTemplatesXlsx(file);
  console.log(`Wrote ${plans.length} templates to ${file}: ${plans.map((p) => p.name).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(`export-templates failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
