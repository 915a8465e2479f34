/**
 * Where the bundle tests find the built add-ins, and how they compare spreadsheet results. The tests check
 * dist/ as `npm test` builds it (pretest), never the sources.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..', '..');
export const sheetsDist = join(repoRoot, 'dist', 'sheets-addon');
export const excelDist = join(repoRoot, 'dist', 'excel-addin');

export function readBuilt(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return readFileSync(path, 'utf8');
}

/**
 * Copies a vm realm's result into this realm (so jest compares plain arrays) and rounds numbers to `digits`
 * places when given, the way the worked examples state them.
 */
export function comparableCells(cells: unknown, digits?: number): unknown {
  if (!Array.isArray(cells)) return cells;
  return Array.from(cells, (row: unknown) =>
    Array.isArray(row)
      ? Array.from(row, (cell: unknown) =>
          typeof cell === 'number' && digits !== undefined ? Number(cell.toFixed(digits)) : cell,
        )
      : row,
  );
}

/** True when an error message looks like it carries a stack trace or source location. */
export function looksLikeStackTrace(message: string): boolean {
  return /\n\s+at |\.js:\d+|\.ts:\d+|evalmachine/.test(message);
}
