/** The README's template reference comes from each template's `columns`: they must match the header row it renders. */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { TEMPLATES } from '../../src/templates';

describe.each(TEMPLATES.map((t) => [t.title, t]))(
  '%s documents its columns as rendered',
  (_title, template) => {
    it('every documented column is in the header row, in order, and nothing else is', async () => {
      const wb = new MemoryWorkbook();
      const plan = template.render({ examples: false });
      const { name } = await wb.insertSheet(plan);
      const table = plan.namedRanges.find((n) => n.name.endsWith('_Table'));
      expect(table).toBeDefined();
      const headers = wb.readRange(name, { ...table!.range, rows: 1 })[0];
      let col = 0;
      for (const documented of template.columns) {
        const count = documented.count ?? 1;
        for (let k = 0; k < count; k++, col++) {
          const actual = String(headers[col]);
          if (documented.count === undefined) expect(actual).toBe(documented.header);
          else expect(actual.startsWith(documented.prefix ?? '')).toBe(true);
          expect(actual).not.toBe('');
        }
      }
      expect(col).toBe(headers.length);
      expect(template.notes.length).toBeGreaterThan(0);
    });
  },
);
