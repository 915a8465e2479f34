/**
 * `npm run export-templates` end to end: the script writes dist/templates/se-toolkit-templates.xlsx, and the
 * file holds the six templates with their names, frozen panes, validations, formats and conditional colours.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Workbook } from 'exceljs';
import { PIXELS_PER_WIDTH_UNIT } from '../../preview/planToXlsx';
import { TEMPLATES_XLSX } from '../../scripts/lib/templatesXlsx';
import { TEMPLATES } from '../../src/templates';
import { a1, rangeA1 } from '../../src/templates/a1';
import { readXlsx, xlsxPart } from './xlsxFiles';

const root = join(__dirname, '..', '..');
const file = join(root, TEMPLATES_XLSX);
const plans = TEMPLATES.map((t) => ({ ...t.render({ examples: true }), name: t.title }));

describe('npx tsx scripts/exportTemplates.ts', () => {
  let wb: Workbook;
  let output: string;

  beforeAll(async () => {
    output = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/exportTemplates.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    wb = await readXlsx(file);
  });

  it('writes one worksheet per template, named by its title, in menu order', () => {
    expect(output).toContain(`Wrote 6 templates to ${file}`);
    expect(wb.worksheets.map((s) => s.name)).toEqual(TEMPLATES.map((t) => t.title));
  });

  it('asks to be recalculated on open', async () => {
    expect(await xlsxPart(file, 'xl/workbook.xml')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it('defines every named range, workbook-wide, on its sheet', () => {
    const names = wb.definedNames.model;
    for (const plan of plans)
      for (const n of plan.namedRanges) {
        const entry = names.find((d) => d.name === n.name);
        expect(entry?.ranges).toEqual([
          `'${plan.name}'!${rangeA1(n.range, true)}`.replace(/^'(\w+)'!/, '$1!'),
        ]);
      }
    expect(names.length).toBe(plans.reduce((k, p) => k + p.namedRanges.length, 0));
  });

  it.each(plans.map((p) => [p.name, p]))('%s: frozen panes, widths, validations, formats', (name, plan) => {
    const sheet = wb.getWorksheet(name)!;
    expect(sheet.views[0]).toMatchObject({
      state: 'frozen',
      xSplit: plan.frozenCols,
      ySplit: plan.frozenRows,
    });
    for (const w of plan.columnWidths)
      expect(sheet.getColumn(w.col + 1).width).toBeCloseTo(w.width / PIXELS_PER_WIDTH_UNIT, 1);

    // SPEC §2: every template has data validation.
    expect(plan.validations.length).toBeGreaterThan(0);
    for (const v of plan.validations) {
      const corners = [
        [v.range.row, v.range.col],
        [v.range.row + v.range.rows - 1, v.range.col + v.range.cols - 1],
      ];
      for (const [r, c] of corners) {
        const dv = sheet.getCell(a1(r, c)).dataValidation;
        if (v.kind === 'list')
          expect(dv).toMatchObject({ type: 'list', formulae: [`"${v.list.join(',')}"`] });
        else expect(dv).toMatchObject({ type: 'decimal', operator: 'between', formulae: [v.min, v.max] });
        expect(dv.errorStyle).toBe(v.strict ? 'stop' : 'warning');
      }
    }

    for (const f of plan.formats) {
      const cell = sheet.getCell(f.range.row + 1, f.range.col + 1);
      if (f.numberFormat !== undefined) expect(cell.numFmt).toBe(f.numberFormat);
      if (f.bold !== undefined) expect(Boolean(cell.font?.bold)).toBe(f.bold);
      if (f.italic !== undefined) expect(Boolean(cell.font?.italic)).toBe(f.italic);
      if (f.wrap !== undefined) expect(Boolean(cell.alignment?.wrapText)).toBe(f.wrap);
      if (f.horizontalAlignment !== undefined) expect(cell.alignment?.horizontal).toBe(f.horizontalAlignment);
    }
    // Formats later in the plan win over earlier ones on the same cell, so check colours on the last writer.
    const lastFill = new Map<string, string>();
    for (const f of plan.formats)
      if (f.background !== undefined)
        for (let r = 0; r < f.range.rows; r++)
          for (let c = 0; c < f.range.cols; c++)
            lastFill.set(a1(f.range.row + r, f.range.col + c), f.background);
    for (const [address, colour] of lastFill) {
      const fill = sheet.getCell(address).fill;
      expect(fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
      expect(fill.type === 'pattern' ? fill.fgColor?.argb : undefined).toBe(
        `FF${colour.slice(1).toUpperCase()}`,
      );
    }
  });

  it('colours status and side cells with exact-text rules', () => {
    const plan = plans[0];
    expect(plan.conditionalFormats.map((c) => c.textEquals)).toEqual([
      'On track',
      'At risk',
      'Off track',
      'Awaiting actual',
      'Favourable',
      'Unfavourable',
    ]);
    const sheet = wb.getWorksheet(plan.name)!;
    // ExcelJS keeps them on the sheet but leaves the property out of its typings.
    const { conditionalFormattings } = sheet as unknown as {
      conditionalFormattings: { ref: string; rules: object[] }[];
    };
    const rules = conditionalFormattings.flatMap((c) => c.rules.map((r) => ({ ref: c.ref, rule: r })));
    expect(rules.length).toBe(plan.conditionalFormats.length);
    plan.conditionalFormats.forEach((c, i) => {
      expect(rules[i].ref).toBe(rangeA1(c.range));
      expect(rules[i].rule).toMatchObject({
        type: 'expression',
        formulae: [`${a1(c.range.row, c.range.col)}="${c.textEquals}"`],
      });
    });
  });
});
