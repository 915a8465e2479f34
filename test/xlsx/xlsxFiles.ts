/** Reading .xlsx files back in tests: cell values as plain data, and one raw XML part of the zip package. */
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { ValueType, Workbook, type Worksheet } from 'exceljs';
import type { PlanValue } from '../../src/templates/sheetPlan';

export async function readXlsx(file: string): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Days since 1899-12-30: ExcelJS turns date-formatted numbers into Dates; the plans speak serials. */
function serial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export interface ReadCell {
  /** The constant, or the formula's cached result; errors as their text; a formula with no value as "". */
  value: PlanValue;
  /** The formula without "=", or null for a constant. */
  formula: string | null;
}

export function readCell(sheet: Worksheet, row: number, col: number): ReadCell {
  const cell = sheet.getCell(row + 1, col + 1);
  if (cell.type === ValueType.Formula) {
    // cell.result, not cell.value: ExcelJS's formula value object drops a falsy result (0, false).
    const r: unknown = cell.result;
    const formula = cell.formula ?? null;
    // An empty text result is written as <v></v>, which ExcelJS reads as no result.
    if (r === undefined || r === null) return { value: '', formula };
    if (r instanceof Date) return { value: serial(r), formula };
    if (typeof r === 'object' && 'error' in r) return { value: String(r.error), formula };
    if (typeof r === 'number' || typeof r === 'string' || typeof r === 'boolean')
      return { value: r, formula };
    throw new Error(`unexpected formula result ${JSON.stringify(r)} in ${cell.address}`);
  }
  const v = cell.value;
  if (v === null || v === undefined) return { value: null, formula: null };
  if (v instanceof Date) return { value: serial(v), formula: null };
  if (typeof v !== 'object') return { value: v, formula: null };
  if ('error' in v) return { value: v.error, formula: null };
  if ('richText' in v) return { value: v.richText.map((t) => t.text).join(''), formula: null };
  throw new Error(`unexpected cell value ${JSON.stringify(v)} in ${cell.address}`);
}

/** The sheet's values over rows × cols from A1, as MemoryWorkbook.sheetValues gives them. */
export function sheetGrid(sheet: Worksheet, rows: number, cols: number): PlanValue[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => readCell(sheet, r, c).value),
  );
}

/** One part of the zip package (e.g. xl/workbook.xml) as text, found through the central directory. */
export async function xlsxPart(file: string, part: string): Promise<string> {
  const zip = await readFile(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const entries = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (name === part) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLength + extra + comment;
  }
  throw new Error(`${file} has no ${part}`);
}
