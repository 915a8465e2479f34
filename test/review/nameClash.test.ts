/**
 * Issue 10, defect 12: a range of the user's own named SE_CSF_Table (say a price list) made the review read the
 * wrong sheet and advise inserting a fresh tracker, which only adds one named SE_CSF_Table_2. The review now says
 * where the name points and how to free it.
 */
import { MemoryWorkbook } from '../../preview/memoryWorkbook';
import { asyncHost } from '../../src/app/hostApi';
import { PlanBuilder, range } from '../../src/templates/planBuilder';
import { CSF_NAMES } from '../../src/templates/csfTracker';

it('a user range named SE_CSF_Table: the message names where it points and how to free the name', async () => {
  const wb = new MemoryWorkbook();
  const b = new PlanBuilder('Prices');
  b.row(1, 1, ['Product', 'Price']);
  b.row(2, 1, ['Widget', 12]);
  b.nameRange(CSF_NAMES.table, range(1, 1, 2, 2));
  await wb.insertSheet(b.build());
  await expect(asyncHost(wb).loadReview({ today: '2026-08-03' })).rejects.toThrow(
    'The name SE_CSF_Table points at B2 on sheet "Prices", which is not a CSF Tracker (its first row has no "CSF" header). If that range is yours, give it another name (Sheets: Data ▸ Named ranges; Excel: Formulas ▸ Name Manager), then insert a CSF Tracker from Templates; if it is your tracker, restore its header row.',
  );
});
