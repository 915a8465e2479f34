/** What the preview says once a workbook is imported, in the status line: a sentence per kind of news. */
import type { CannotCompute, ImportedWorkbook } from './xlsx';

/**
 * What the status line says after an import: what the preview cannot compute (each reason with its cells),
 * what the file holds that the preview does not show or export (with counts), and what it left out.
 */
export function importedText(fileName: string, imported: Omit<ImportedWorkbook, 'workbook'>): string {
  const parts = [`Imported ${fileName}.`];
  if (imported.cannotCompute.length > 0)
    parts.push(`The preview cannot compute: ${firstFew(imported.cannotCompute.map(reasonText))}.`);
  if (imported.leftOut.length > 0)
    parts.push(
      `Not shown and not exported: ${imported.leftOut.map((l) => `${l.kind} (${l.count.toLocaleString('en-US')})`).join(', ')}.`,
    );
  if (imported.notes.length > 0) parts.push(`Left out: ${firstFew(imported.notes)}.`);
  return parts.join(' ');
}

function reasonText(c: CannotCompute): string {
  const cells =
    c.cells.length > 3
      ? `${c.cells.slice(0, 3).join(', ')} and ${c.cells.length - 3} more`
      : c.cells.join(', ');
  return `${c.what} in ${cells}`;
}

function firstFew(items: readonly string[]): string {
  const shown = items.slice(0, 5).join('; ');
  return items.length > 5 ? `${shown}; and ${items.length - 5} more` : shown;
}
