/**
 * The six templates (with their example rows) as one .xlsx: one worksheet per template, named by its title.
 * Each formula carries HyperFormula's value as its cached result, and the file asks to be recalculated on open.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Workbook } from 'exceljs';
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { TEMPLATES } from '../../src/templates';
import type { SheetPlan } from '../../src/templates/sheetPlan';
import { addPlanWorksheet } from '../../preview/planToXlsx';

export const TEMPLATES_XLSX = 'dist/templates/se-toolkit-templates.xlsx';

export interface TemplatesWorkbook {
  workbook: Workbook;
  /** The plans as written, in sheet order. */
  plans: SheetPlan[];
  /** The HyperFormula workbook the cached results came from (same sheet names). */
  memory: MemoryWorkbook;
}

export async function buildTemplatesWorkbook(): Promise<TemplatesWorkbook> {
  const memory = new MemoryWorkbook();
  const workbook = new Workbook();
  workbook.creator = 'SE Toolkit';
  workbook.calcProperties.fullCalcOnLoad = true;
  const plans: SheetPlan[] = [];
  for (const t of TEMPLATES) {
    const plan = { ...t.render({ examples: true }), name: t.title };
    const { name } = await memory.insertSheet(plan);
    if (name !== plan.name) throw new Error(`two templates are titled ${plan.name}`);
    addPlanWorksheet(workbook, plan, { results: memory.sheetValues(name) });
    plans.push(plan);
  }
  return { workbook, plans, memory };
}

/** Builds the workbook and writes it to `file` (folders made as needed). */
export async function writeTemplatesXlsx(file: string = TEMPLATES_XLSX): Promise<TemplatesWorkbook> {
  const built = await buildTemplatesWorkbook();
  await mkdir(dirname(file), { recursive: true });
  await built.workbook.xlsx.writeFile(file);
  return built;
}
