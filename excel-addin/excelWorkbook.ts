/// <reference types="office-js" />
/**
 * The Workbook port over Office.js. One `Excel.run` per operation and a fixed number of `context.sync()` round
 * trips whatever the plan's size: insertSheet reads the taken names (sync 1), queues the whole sheet and commits
 * it (sync 2), and only on failure removes what it made (sync 3).
 *
 * Office.js facts relied on (OfficeDev/office-js-docs-pr docs/develop/application-specific-api-model.md):
 * properties are read only after `load` + `sync` (else PropertyNotLoaded); scalar properties of navigation
 * properties (`range.format.font.bold`) are set without loading; `*OrNullObject` results get `isNullObject`
 * loaded by the next sync. A batch runs in order and stops at the first failing statement without undoing the
 * earlier ones, so a failed sync 2 can leave a half-built sheet and some names: sync 3 removes them.
 *
 * Co-authoring: Excel has no document lock for add-ins, and every sync is a round trip in which another user's
 * changes may land first. So nothing here reads "where the free space is" in one sync and writes there in the
 * next: appended rows go to an Excel table (TableRowCollection.add, ExcelApi 1.1), which the host places at the
 * table's end, one user's rows after the other's; an insert that collides with another user's (the sheet name
 * or a name taken in between) is undone and tried again under free names. Undoing deletes only objects this
 * call created, through the proxies their creating statements returned (Office.js's own handle on the created
 * object), never by looking a name up: a name is what another user's object can have too.
 *
 * Tables (readTable): sync 1 lists the names (and which point at a deleted sheet, type "Error"); sync 2 loads,
 * in one go, the range's position and the values of its columns from the top of the sheet's used range
 * (Worksheet.getUsedRange(true): "considers only cells with values", ExcelApi 1.2) down to its bottom, as
 * range.getBoundingRect(used).getIntersection(range.getEntireColumn()).
 * appendRows: the Excel table holding a named range's rows is named after it (`SE_ReviewLog_Table_Rows`); the
 * first append makes the table (over the header and the rows under it down to the first empty row, Range.getTables
 * ExcelApi 1.9 first checking that the user has not made one there), every later one is sync 1 (names and the
 * table), sync 2 (header row and table position), sync 3 (rows.add).
 * Text: every string is written with the leading apostrophe that makes a cell text (Excel's prefix character, not
 * part of the value: OfficeDev/office-js#6687 shows Range.formulas reading it away), so `$100`, `(100)`,
 * `Jul 2026`, `#N/A` or `=1+1` stay the text they are, and one statement (rows.add) carries a whole append:
 * if it fails, nothing of it is written.
 * Charts: worksheet.charts.add(type, range, 'Columns'), chart.title.text, chart.setPosition(startCell)
 * (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts; Excel.ChartCollection.add, ExcelApi 1.1).
 */
import type { CellBlock, ScanSelection, ScanSheet } from '../src/connect/types';
import type {
  CellRange,
  PlanCell,
  PlanChart,
  PlanConditionalFormat,
  PlanFormat,
  PlanValidation,
  PlanValue,
  SheetPlan,
} from '../src/templates/sheetPlan';
import {
  appendColumns,
  noSuchSheet,
  blockSize,
  changedCells,
  checkBlocks,
  guardRefusal,
  guardSize,
  type BlockRead,
  type WriteGuard,
  contiguousRows,
  freeSheetName,
  planForSheet,
  rowsAcross,
  withoutTrailingEmptyRows,
  type AppendedRows,
  type AppendOptions,
  type InsertedSheet,
  type InsertOptions,
  type TableRead,
  type Workbook,
  nameClashes,
  isCopyOf,
  type AppendRequest,
  type ManyRead,
  type ReadManyRequest,
  type ReadThenAppended,
} from '../src/workbook';

/** `Excel.run` as this adapter uses it; injected so tests can pass the fake Excel. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel's column width is in points, plans speak pixels (96 dpi): 1 px = 0.75 pt. */
export const POINTS_PER_PIXEL = 0.75;

/** How many times an insert or an append starts again after losing a race to another user's. */
const ATTEMPTS = 3;

/** The Excel table that holds the rows of the table a named range heads. */
export function rowsTableName(rangeName: string): string {
  return `${rangeName}_Rows`;
}

/** A workbook name as sync 1 lists it: `dangling` when its sheet was deleted (it refers to #REF!). */
interface ListedName {
  name: string;
  dangling: boolean;
  /** The sheet it refers to, read from its formula (`='Sheet name'!$A$1:$B$2`); null if not a range. */
  sheet: string | null;
}

export class ExcelWorkbook implements Workbook {
  constructor(private readonly run: ExcelRun) {}

  async sheetNames(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  async namedRangeNames(): Promise<string[]> {
    return this.run(async (context) => {
      const names = context.workbook.names.load('items/name');
      await context.sync();
      return names.items.map((n) => n.name);
    });
  }

  /** Two syncs. A name left pointing at a deleted sheet (#REF!) reads as no name: inserting again repairs it. */
  async readNamedRange(name: string): Promise<PlanValue[][] | null> {
    return this.run(async (context) => {
      const found = await findName(context, name);
      if (found === null || found.dangling) return null;
      const range = context.workbook.names.getItem(found.name).getRange().load('values');
      await context.sync();
      return range.values.map((row) => row.map(toPlanValue));
    });
  }

  /** Two syncs whatever the table's length; a name pointing at a deleted sheet reads as no name. */
  async readTable(name: string): Promise<TableRead | null> {
    return this.run(async (context) => {
      const found = await findName(context, name);
      if (found === null || found.dangling) return null;
      const table = queueTableRead(context.workbook.names.getItem(found.name));
      await context.sync();
      const { sheet, row, col, values } = tableValues(table);
      return { sheet, row, col, values: withoutTrailingEmptyRows(values) };
    });
  }

  /**
   * Appends to the Excel table holding the named range's rows, which the host extends at its end: two users
   * saving at once both land, one after the other, and whatever sits under the table moves down instead of
   * being written over. Three syncs whatever the row count once the table exists; the first append makes it.
   */
  async appendRows(name: string, rows: PlanCell[][], options?: AppendOptions): Promise<AppendedRows> {
    const what = `Could not append rows under "${name}"`;
    return this.run(async (context) => {
      for (let attempt = 1; ; attempt++) {
        const outcome = await appendOnce(context, name, rows, options, what);
        // Making the table failed: if another user made it first, the next try finds theirs and appends to it.
        if (!('retry' in outcome)) return outcome;
        if (attempt === ATTEMPTS) throw outcome.retry;
      }
    });
  }

  /**
   * Two syncs whatever is asked: sync 1 lists the names (which point at a deleted sheet, and where each copy
   * is, from its formula); sync 2 loads every table (as readTable: the range's columns over the sheet's used
   * range) and every range's values. No sync 2 when nothing asked for exists.
   */
  async readMany(request: ReadManyRequest): Promise<ManyRead> {
    return this.run(async (context) => {
      const listed = queueNameList(context);
      await context.sync();
      const queued = queueReads(context, listedNames(listed), request);
      if (queued.pending) await context.sync();
      return queued.read();
    });
  }

  /**
   * In one Excel.run: sync 1 lists the names and looks for the Excel table holding `name`'s rows; sync 2 reads
   * what was asked and that table's header row and size (or, before the first append, the rows to make it of);
   * `build`; sync 3 adds the rows (rows.add) or makes the table with them, as appendRows does. Excel has no
   * lock: the rows go where the host puts them at the table's end, after any other user's.
   */
  async readAndAppend(
    request: ReadManyRequest,
    name: string,
    build: (read: ManyRead) => AppendRequest | null,
  ): Promise<ReadThenAppended> {
    const what = `Could not append rows under "${name}"`;
    const refuse = (why: string): Error => new Error(`${what}: ${why}. Nothing was written.`);
    return this.run(async (context) => {
      for (let attempt = 1; ; attempt++) {
        const listed = queueNameList(context);
        const owned = context.workbook.tables.getItemOrNullObject(rowsTableName(name));
        await context.sync();
        const names = listedNames(listed);
        const queued = queueReads(context, names, request);
        const found = names.find((n) => n.name.toLowerCase() === name.toLowerCase());
        let target: QueuedTarget | null = null;
        if (found !== undefined && !found.dangling) {
          const range = context.workbook.names
            .getItem(found.name)
            .getRange()
            .load('rowIndex,columnIndex,columnCount');
          const sheet = range.worksheet.load('name');
          target = owned.isNullObject
            ? {
                range,
                sheet,
                mine: queueTableRead(context.workbook.names.getItem(found.name), true),
                others: range.getTables(false).load('items/name'),
              }
            : { range, sheet, shape: queueTableShape(owned) };
        }
        try {
          await context.sync();
        } catch (error) {
          throw refuse(`reading the workbook failed (${errorMessage(error)})`);
        }
        const read = queued.read();
        // build's own errors (the app refusing to save) pass as they are: nothing has been written.
        const append = build(read);
        if (append === null) return { read, appended: null };
        if (found === undefined) throw refuse('there is no range with that name');
        if (target === null) {
          throw refuse(
            'the name points at a sheet that was deleted (#REF!). Insert the template again (it takes the name back), ' +
              'or delete the name in Formulas › Name Manager',
          );
        }
        const { rows, options } = append;
        if ('shape' in target) {
          const appended = await addToTable(
            context,
            owned,
            target.shape,
            target.range,
            target.sheet.name,
            rows,
            options,
            refuse,
          );
          return { read, appended };
        }
        if (target.others.items.length > 0) {
          // The user made a table there themselves: append to it (one more sync for its shape).
          const theirs = context.workbook.tables.getItem(target.others.items[0].name);
          const shape = queueTableShape(theirs);
          await context.sync();
          const appended = await addToTable(
            context,
            theirs,
            shape,
            target.range,
            target.sheet.name,
            rows,
            options,
            refuse,
          );
          return { read, appended };
        }
        const outcome = await makeTable(context, name, target.mine, rows, options, refuse);
        if (!('retry' in outcome)) return { read, appended: outcome };
        // Another user made the table first: start again, read again and build again on what is there now.
        if (attempt === ATTEMPTS) throw outcome.retry;
      }
    });
  }

  /**
   * One sync for every sheet: each sheet's cells from A1 to the bottom-right of its used range (values only,
   * Worksheet.getUsedRange(true)), as A1's bounding rectangle with it (Range.getBoundingRect), values and
   * numberFormat loaded together.
   */
  async readSheets(names: string[]): Promise<ScanSheet[]> {
    return this.run(async (context) => {
      const ranges = names.map((name) => {
        const sheet = context.workbook.worksheets.getItem(name);
        const used = sheet.getUsedRange(true);
        return { name, range: sheet.getRange('A1').getBoundingRect(used).load('values,numberFormat') };
      });
      try {
        await context.sync();
      } catch (error) {
        const list = names.map((n) => `"${n}"`).join(', ');
        // eslint-disable-next-line preserve-caught-error -- only words cross to the UI (cause is ES2022, beyond the add-in's target)
        throw new Error(`Read sheets ${list}: ${errorMessage(error)} (was a sheet deleted or renamed?)`);
      }
      return ranges.map(({ name, range }) => ({
        name,
        values: range.values.map((row) => row.map(toPlanValue)),
        formats: range.numberFormat.map((row) =>
          row.map((f: unknown) => (typeof f === 'string' && f !== '' ? f : null)),
        ),
      }));
    });
  }

  /** One sync: values and formulas of the block. */
  async readBlock(sheet: string, row: number, col: number, rows: number, cols: number): Promise<BlockRead> {
    if (rows < 1 || cols < 1) return { sheet, row, col, values: [], formulas: [] };
    return this.run(async (context) => {
      const range = context.workbook.worksheets
        .getItem(sheet)
        .getRangeByIndexes(row, col, rows, cols)
        .load('values,formulas');
      try {
        await context.sync();
      } catch (error) {
        // eslint-disable-next-line preserve-caught-error -- only words cross to the UI (cause is ES2022, beyond the add-in's target)
        throw new Error(`Read cells on "${sheet}": ${errorMessage(error)}`);
      }
      return { sheet, row, col, ...cellsRead(range) };
    });
  }

  /** One sync: Worksheet.activate (ExcelApi 1.1) on the sheet found by name, or null when there is none. */
  async activateSheet(name: string): Promise<void> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (sheet.isNullObject) throw noSuchSheet(name);
      sheet.activate();
      await context.sync();
    });
  }

  /**
   * Two syncs: read the sheet (or its absence) and the workbook's names; then delete the names this add-in made
   * on it and the sheet (with the Excel tables on it) in one batch.
   */
  async removeSheet(name: string, namedRanges: readonly string[]): Promise<void> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      const names = context.workbook.names.load('items/name');
      await context.sync();
      const wanted = new Set(namedRanges.map((n) => n.toLowerCase()));
      for (const item of names.items) if (wanted.has(item.name.toLowerCase())) item.delete();
      if (!sheet.isNullObject) sheet.delete();
      await context.sync();
    });
  }

  /** One sync: Workbook.getSelectedRange (ExcelApi 1.1) and its sheet's name. */
  async selection(): Promise<ScanSelection | null> {
    return this.run(async (context) => {
      const range = context.workbook.getSelectedRange().load('rowIndex,columnIndex,rowCount,columnCount');
      const sheet = range.worksheet.load('name');
      try {
        await context.sync();
      } catch {
        // A chart or a shape is selected, not cells: there is no range to scan.
        return null;
      }
      return {
        sheet: sheet.name,
        row: range.rowIndex,
        col: range.columnIndex,
        rows: range.rowCount,
        cols: range.columnCount,
      };
    });
  }

  /**
   * Sync 1 reads the guarded cells and the blocks' cells (for the undo); a changed guard refuses before
   * anything is queued. Sync 2 writes every block (Range.formulas, one statement a block; null leaves a cell
   * past a short row as it is). Excel has no lock: a co-author's change landing between sync 1 and sync 2 is
   * not seen. If sync 2 fails part way (a batch is not a transaction), sync 3 puts back what the blocks held,
   * through this call's own range proxies.
   */
  async writeBlocks(blocks: CellBlock[], guard: WriteGuard[]): Promise<void> {
    checkBlocks(blocks, guard);
    await this.run(async (context) => {
      const at = (sheet: string, row: number, col: number, rows: number, cols: number): Excel.Range =>
        context.workbook.worksheets.getItem(sheet).getRangeByIndexes(row, col, rows, cols);
      const guards = guard.flatMap((g) => {
        const { rows, cols } = guardSize(g);
        return rows === 0 || cols === 0
          ? []
          : [{ g, range: at(g.sheet, g.row, g.col, rows, cols).load('values,formulas') }];
      });
      const writes = blocks.flatMap((block) => {
        const { rows, cols } = blockSize(block.cells);
        if (rows === 0 || cols === 0) return [];
        return [
          {
            block,
            rows,
            cols,
            range: at(block.sheet, block.row, block.col, rows, cols).load('values,formulas'),
          },
        ];
      });
      try {
        await context.sync();
      } catch (error) {
        // eslint-disable-next-line preserve-caught-error -- only words cross to the UI (cause is ES2022, beyond the add-in's target)
        throw new Error(
          `Write cells: reading the cells again failed (${errorMessage(error)}); nothing was written`,
        );
      }
      const changed = guards.flatMap(({ g, range }) => changedCells(g, cellsRead(range)));
      if (changed.length > 0) throw guardRefusal(changed);
      for (const w of writes) {
        w.range.formulas = Array.from({ length: w.rows }, (_, r) =>
          Array.from({ length: w.cols }, (_, c) => {
            const cell = w.block.cells[r][c];
            return cell === undefined ? null : cellInput(cell);
          }),
        ) as unknown as (string | number | boolean)[][];
      }
      try {
        await context.sync();
      } catch (error) {
        const reason = errorMessage(error);
        for (const w of writes)
          w.range.formulas = restoreInputs(w.range, w.block.cells) as unknown as (
            string | number | boolean
          )[][];
        try {
          await context.sync();
        } catch (undoError) {
          // eslint-disable-next-line preserve-caught-error -- only words cross to the UI (cause is ES2022, beyond the add-in's target)
          throw new Error(
            `Write cells: writing the cells failed (${reason}), and putting back what they held also failed ` +
              `(${errorMessage(undoError)}): check the cells written, or undo with Ctrl+Z`,
          );
        }
        // eslint-disable-next-line preserve-caught-error -- only words cross to the UI (cause is ES2022, beyond the add-in's target)
        throw new Error(`Write cells: writing the cells failed (${reason}); nothing was written`);
      }
    });
  }

  /**
   * Sync 1 reads the taken sheet names and names, sync 2 builds the whole sheet; a failure is undone in sync 3.
   * When another user's insert took the sheet name or a name in between, this one is undone and started again
   * under the next free names (or, with `unlessNamed`, reports the name that now exists).
   */
  async insertSheet(wanted: SheetPlan, options?: InsertOptions): Promise<InsertedSheet> {
    // Checked before anything is queued: a throw between queued statements would leave them to Excel.run.
    checkPlan(wanted);
    return this.run(async (context) => {
      for (let attempt = 1; ; attempt++) {
        const sheets = context.workbook.worksheets.load('items/name');
        const listed = queueNameList(context);
        await context.sync();
        const names = listedNames(listed);
        if (options?.unlessNamed !== undefined) {
          const existing = names.find(
            (n) => !n.dangling && n.name.toLowerCase() === options.unlessNamed?.toLowerCase(),
          );
          if (existing !== undefined) {
            const where = context.workbook.names.getItem(existing.name).getRange().worksheet.load('name');
            await context.sync();
            return { name: where.name, namedRanges: [], existed: true };
          }
        }
        const name = freeSheetName(
          wanted.name,
          sheets.items.map((s) => s.name),
        );
        // A name left pointing at a deleted sheet (#REF!) is free to take: it is deleted and made again here.
        const plan = planForSheet(
          wanted,
          name,
          names.filter((n) => !n.dangling).map((n) => n.name),
        );
        const stale = names.filter(
          (n) => n.dangling && plan.namedRanges.some((r) => r.name.toLowerCase() === n.name.toLowerCase()),
        );
        const made = queueSheet(context, plan, stale);
        try {
          await context.sync();
        } catch (error) {
          const undone = await rollBack(context, plan, made, error);
          if (!collided(error) || attempt === ATTEMPTS) throw undone;
          continue;
        }
        const inserted = { name, namedRanges: plan.namedRanges.map((n) => n.name) };
        const live = names.filter((n) => !n.dangling);
        const clashes = nameClashes(
          wanted,
          live.map((n) => n.name),
          (held) => live.find((n) => n.name === held)?.sheet ?? null,
        );
        return clashes.length === 0 ? inserted : { ...inserted, clashes };
      }
    });
  }
}

/**
 * Sync 1 of most operations: every workbook name, whether it still refers to a range, and its formula
 * (NamedItem.formula, ExcelApi 1.7), which says which sheet.
 */
function queueNameList(context: Excel.RequestContext): Excel.NamedItemCollection {
  return context.workbook.names.load('items/name,items/type,items/formula');
}

function listedNames(names: Excel.NamedItemCollection): ListedName[] {
  return names.items.map((n) => {
    const reference = n.type === 'Range' ? /^=(?:'((?:[^']|'')+)'|([^!]+))!/.exec(String(n.formula)) : null;
    const sheet = reference === null ? null : (reference[1]?.replace(/''/g, "'") ?? reference[2]);
    return { name: n.name, dangling: n.type === 'Error', sheet };
  });
}

/** One sync: the name as the workbook spells it (names compare case-insensitively), or null. */
async function findName(context: Excel.RequestContext, name: string): Promise<ListedName | null> {
  const listed = queueNameList(context);
  await context.sync();
  const lower = name.toLowerCase();
  return listedNames(listed).find((n) => n.name.toLowerCase() === lower) ?? null;
}

/** The table an append goes to, as sync 2 of readAndAppend loads it. */
type QueuedTarget = { range: Excel.Range; sheet: Excel.Worksheet } & (
  { shape: TableShape } | { mine: QueuedTable; others: Excel.TableScopedCollection }
);

/**
 * Queues readMany's loads over the names sync 1 listed: each table as readTable reads it, each range's values
 * as readNamedRange does (a missing name or one at #REF! reads as null, as they do). `read` assembles the answer
 * after the sync; `pending` says whether there is anything to sync for.
 */
function queueReads(
  context: Excel.RequestContext,
  names: ListedName[],
  request: ReadManyRequest,
): { pending: boolean; read: () => ManyRead } {
  const live = (wanted: string): ListedName | null => {
    const lower = wanted.toLowerCase();
    const found = names.find((n) => n.name.toLowerCase() === lower);
    return found === undefined || found.dangling ? null : found;
  };
  let pending = false;
  const tables = (request.tables ?? []).map((wanted) => {
    const found = live(wanted);
    if (found === null) return { wanted, queued: null };
    pending = true;
    return { wanted, queued: queueTableRead(context.workbook.names.getItem(found.name)) };
  });
  const ranges = (request.ranges ?? []).map((wanted) => {
    const found = live(wanted);
    if (found === null) return { wanted, queued: null };
    pending = true;
    return { wanted, queued: context.workbook.names.getItem(found.name).getRange().load('values') };
  });
  const copiesOf = request.copiesOf ?? [];
  return {
    pending,
    read: () => ({
      names: names.map((n) => n.name),
      tables: Object.fromEntries(
        tables.map(({ wanted, queued }) => {
          if (queued === null) return [wanted, null];
          const { sheet, row, col, values } = tableValues(queued);
          return [wanted, { sheet, row, col, values: withoutTrailingEmptyRows(values) }];
        }),
      ),
      ranges: Object.fromEntries(
        ranges.map(({ wanted, queued }) => [
          wanted,
          queued === null ? null : queued.values.map((row) => row.map(toPlanValue)),
        ]),
      ),
      copies: names.flatMap((n) =>
        !n.dangling && n.sheet !== null && copiesOf.some((base) => isCopyOf(n.name, base))
          ? [{ name: n.name, sheet: n.sheet }]
          : [],
      ),
    }),
  };
}

/** An error from another user's object taking a name or place between this call's syncs. */
function collided(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ItemAlreadyExists';
}

/**
 * One try at an append. `retry` when making the table failed, which is what happens when another user made it
 * between this call's syncs (tables may not overlap): the caller starts again and finds theirs.
 */
async function appendOnce(
  context: Excel.RequestContext,
  name: string,
  rows: PlanCell[][],
  options: AppendOptions | undefined,
  what: string,
): Promise<AppendedRows | { retry: Error }> {
  const refuse = (why: string): Error => new Error(`${what}: ${why}. Nothing was written.`);
  // Sync 1: the name and the table named after it.
  const listed = queueNameList(context);
  const owned = context.workbook.tables.getItemOrNullObject(rowsTableName(name));
  await context.sync();
  const found = listedNames(listed).find((n) => n.name.toLowerCase() === name.toLowerCase());
  if (found === undefined) throw refuse('there is no range with that name');
  if (found.dangling) {
    throw refuse(
      'the name points at a sheet that was deleted (#REF!). Insert the template again (it takes the name back), ' +
        'or delete the name in Formulas › Name Manager',
    );
  }
  // Sync 2: where the named range is, and the table's header row (or, with no table yet, the rows to make it of).
  const range = context.workbook.names
    .getItem(found.name)
    .getRange()
    .load('rowIndex,columnIndex,columnCount');
  const sheet = range.worksheet.load('name');
  if (!owned.isNullObject) {
    const table = queueTableShape(owned);
    await context.sync();
    return addToTable(context, owned, table, range, sheet.name, rows, options, refuse);
  }
  const mine = queueTableRead(context.workbook.names.getItem(found.name), true);
  const others = range.getTables(false).load('items/name');
  await context.sync();
  if (others.items.length > 0) {
    // The user made a table there themselves: append to it, if it is the one this name heads.
    const theirs = context.workbook.tables.getItem(others.items[0].name);
    const table = queueTableShape(theirs);
    await context.sync();
    return addToTable(context, theirs, table, range, sheet.name, rows, options, refuse);
  }
  return makeTable(context, name, mine, rows, options, refuse);
}

interface TableShape {
  header: Excel.Range;
  whole: Excel.Range;
  sheet: Excel.Worksheet;
}

function queueTableShape(table: Excel.Table): TableShape {
  return {
    header: table.getHeaderRowRange().load('rowIndex,columnIndex,columnCount,values'),
    whole: table.getRange().load('rowCount'),
    sheet: table.worksheet.load('name'),
  };
}

/** Sync 3: one rows.add for every row (one statement: if it fails, nothing of it is written). */
async function addToTable(
  context: Excel.RequestContext,
  table: Excel.Table,
  shape: TableShape,
  range: Excel.Range,
  sheet: string,
  rows: PlanCell[][],
  options: AppendOptions | undefined,
  refuse: (why: string) => Error,
): Promise<AppendedRows> {
  const { header, whole } = shape;
  const inside =
    shape.sheet.name === sheet &&
    header.rowIndex === range.rowIndex &&
    header.columnIndex <= range.columnIndex &&
    range.columnIndex + range.columnCount <= header.columnIndex + header.columnCount;
  if (!inside) {
    throw refuse(
      `its rows are kept in an Excel table whose header row is no longer the named range's top row (row ` +
        `${range.rowIndex + 1} of "${sheet}"). Move the table back under the name, or point the name at the table's header row`,
    );
  }
  const next = header.rowIndex + whole.rowCount;
  const columns = placeColumns(
    rows,
    header.values[0],
    options,
    range.columnIndex - header.columnIndex,
    range.columnCount,
    refuse,
  );
  if (rows.length === 0) return { sheet, row: next, count: 0 };
  const block = rowsAcross(rows, columns, header.columnCount, cellInput, '');
  const added = table.rows.add(undefined, block).getRange().load('rowIndex');
  try {
    await context.sync();
  } catch (error) {
    throw refuse(errorMessage(error));
  }
  return { sheet, row: added.rowIndex, count: rows.length };
}

function placeColumns(
  rows: PlanCell[][],
  headerRow: readonly unknown[],
  options: AppendOptions | undefined,
  offset: number,
  width: number,
  refuse: (why: string) => Error,
): (number | null)[] {
  try {
    return appendColumns(rows, headerRow, options, offset, width);
  } catch (error) {
    throw refuse(errorMessage(error));
  }
}

/**
 * The first append: makes the Excel table over the header row and the rows under it down to the first empty
 * one (a formula showing "" counts as something), named after the range, and writes the rows in the same batch,
 * the write last and in one statement. If another user made the table first, tables.add fails (tables may not
 * overlap) before anything is written, and the caller starts again and finds their table.
 */
async function makeTable(
  context: Excel.RequestContext,
  name: string,
  read: QueuedTable,
  rows: PlanCell[][],
  options: AppendOptions | undefined,
  refuse: (why: string) => Error,
): Promise<AppendedRows | { retry: Error }> {
  const { sheet, row, col, cols, values, formulas, worksheet } = tableValues(read);
  const holds = (r: number): boolean =>
    (values[r] ?? []).some((v) => v !== null) || (formulas[r] ?? []).some((f) => f !== '');
  const extent = contiguousRows(values.length, holds);
  const columns = placeColumns(rows, values[0] ?? [], options, 0, cols, refuse);
  const next = row + extent;
  if (rows.length === 0) return { sheet, row: next, count: 0 };
  const block = rowsAcross(rows, columns, cols, cellInput, '');
  const n = rows.length;
  const freeBelow = extent === 1 && Array.from({ length: n }, (_, i) => 1 + i).every((r) => !holds(r));
  // A table needs a body row. Data under the header: the table covers it and the rows go after it. Only the
  // header, with room under it: the table covers the rows to write, which go into its body. Only the header and
  // something within reach under it: the table takes the empty row under the header and the rows go after that
  // one (which stays blank) so that what is below moves down rather than being written over.
  const covered = extent > 1 ? extent : freeBelow ? 1 + n : 2;
  const table = context.workbook.tables.add(worksheet.getRangeByIndexes(row, col, covered, cols), true);
  table.name = rowsTableName(name);
  if (extent === 1 && freeBelow) worksheet.getRangeByIndexes(row + 1, col, n, cols).values = block;
  else table.rows.add(undefined, block);
  try {
    await context.sync();
  } catch (error) {
    // Nothing was written (the write is the batch's last statement, and one). A table this batch made is
    // turned back into a range through its own proxy, never looked up by name; if tables.add itself failed,
    // the proxy is dead and this does nothing.
    table.convertToRange();
    await context.sync().catch(() => undefined);
    return { retry: refuse(errorMessage(error)) };
  }
  const first = extent === 1 && !freeBelow ? next + 1 : next;
  return { sheet, row: first, count: rows.length };
}

/** What an insert queued that it may have to undo: the proxies its creating statements returned. */
interface MadeObjects {
  sheet: Excel.Worksheet;
  names: Excel.NamedItem[];
}

/**
 * Everything the plan asks for, queued in one batch. Names go last so the rollback can rely on their order.
 * `stale` names (left at #REF! by a deleted sheet, which the plan takes back) are deleted right after the sheet
 * is added: if another user's insert took the sheet name since sync 1 (and, with it, repaired those names), the
 * add fails first and their names are not touched.
 */
function queueSheet(
  context: Excel.RequestContext,
  plan: SheetPlan,
  stale: readonly ListedName[],
): MadeObjects {
  const sheet = context.workbook.worksheets.add(plan.name);
  for (const n of stale) context.workbook.names.getItem(n.name).delete();
  const at = (r: CellRange): Excel.Range => sheet.getRangeByIndexes(r.row, r.col, r.rows, r.cols);
  if (plan.rows > 0 && plan.cols > 0) {
    // Constants and formulas in one block: `formulas` takes both (a constant is written as itself).
    at({ row: 0, col: 0, rows: plan.rows, cols: plan.cols }).formulas = cellBlock(plan);
  }
  for (const format of plan.formats) applyFormat(at(format.range), format);
  for (const validation of plan.validations) applyValidation(at(validation.range), validation);
  for (const rule of plan.conditionalFormats) applyConditionalFormat(at(rule.range), rule);
  for (const { col, width } of plan.columnWidths) {
    at({ row: 0, col, rows: 1, cols: 1 }).format.columnWidth = width * POINTS_PER_PIXEL;
  }
  if (plan.frozenRows > 0 && plan.frozenCols > 0) {
    sheet.freezePanes.freezeAt(at({ row: 0, col: 0, rows: plan.frozenRows, cols: plan.frozenCols }));
  } else if (plan.frozenRows > 0) {
    sheet.freezePanes.freezeRows(plan.frozenRows);
  } else if (plan.frozenCols > 0) {
    sheet.freezePanes.freezeColumns(plan.frozenCols);
  }
  for (const chart of plan.charts) queueChart(sheet, at, chart);
  const names = plan.namedRanges.map((named) => context.workbook.names.add(named.name, at(named.range)));
  return { sheet, names };
}

/** 'Line' and 'ColumnClustered' are Excel.ChartType.line / .columnClustered, as strings (no enum at run time). */
function queueChart(sheet: Excel.Worksheet, at: (r: CellRange) => Excel.Range, chart: PlanChart): void {
  const type = chart.kind === 'line' ? 'Line' : 'ColumnClustered';
  const added = sheet.charts.add(type, at(chart.data), 'Columns');
  added.title.text = chart.title;
  added.setPosition(at({ row: chart.anchor.row, col: chart.anchor.col, rows: 1, cols: 1 }));
}

interface QueuedTable {
  range: Excel.Range;
  area: Excel.Range;
  worksheet: Excel.Worksheet;
  withFormulas: boolean;
}

/**
 * Queues the loads for a table: the named range's position and the values (and, `withFormulas`, the formulas,
 * to tell a formula showing "" from an empty cell) of its columns over the rows the range and the sheet's used
 * range span together (rows above the range are cut off after the sync).
 */
function queueTableRead(item: Excel.NamedItem, withFormulas = false): QueuedTable {
  const range = item.getRange().load('rowIndex,columnIndex,columnCount');
  const worksheet = range.worksheet.load('name');
  const used = worksheet.getUsedRange(true);
  const area = range
    .getBoundingRect(used)
    .getIntersection(range.getEntireColumn())
    .load(withFormulas ? 'rowIndex,values,formulas' : 'rowIndex,values');
  return { range, area, worksheet, withFormulas };
}

function tableValues(table: QueuedTable): {
  sheet: string;
  row: number;
  col: number;
  cols: number;
  values: PlanValue[][];
  /** '' where a cell has no formula; empty unless the read asked for formulas. */
  formulas: string[][];
  worksheet: Excel.Worksheet;
} {
  const { range, area, worksheet } = table;
  const skip = range.rowIndex - area.rowIndex;
  const values = area.values.slice(skip).map((r) => r.map(toPlanValue));
  const formulas = table.withFormulas
    ? area.formulas
        .slice(skip)
        .map((r) => r.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : '')))
    : [];
  return {
    sheet: worksheet.name,
    row: range.rowIndex,
    col: range.columnIndex,
    cols: range.columnCount,
    values,
    formulas,
    worksheet,
  };
}

/** What this adapter cannot write, refused up front. */
function checkPlan(plan: SheetPlan): void {
  for (const validation of plan.validations) {
    const bad = validation.kind === 'list' ? validation.list.find((item) => item.includes(',')) : undefined;
    if (bad !== undefined) {
      throw new Error(
        `Could not insert the sheet "${plan.name}": an Excel drop-down list cannot hold "${bad}" (its items are separated by commas).`,
      );
    }
  }
}

/** The plan's cells as one rows x cols block for `Range.formulas` (missing cells are '', i.e. empty). */
function cellBlock(plan: SheetPlan): (string | number | boolean)[][] {
  const block: (string | number | boolean)[][] = [];
  for (let r = 0; r < plan.rows; r++) {
    const row = plan.cells[r] ?? [];
    const line: (string | number | boolean)[] = [];
    for (let c = 0; c < plan.cols; c++) line.push(cellInput(row[c]));
    block.push(line);
  }
  return block;
}

/**
 * What to write for one cell. Excel reads what it is given as if typed ("$100" the number 100, "Jul 2026" a date,
 * "#N/A" an error, "=x" a formula), so every string gets the leading apostrophe that makes a cell text: the
 * prefix character, not part of the value (OfficeDev/office-js#6687 shows Range.formulas reading it away). An
 * apostrophe rather than numberFormat "@": "@" would also turn whatever the user types there later into text, and
 * the apostrophe travels inside the one statement that writes the cell (rows.add), so no second statement can
 * fail after it.
 */
export function cellInput(cell: PlanCell | undefined): string | number | boolean {
  if (cell === undefined) return '';
  if ('formula' in cell) return cell.formula;
  const v = cell.value;
  if (v === null || v === '') return '';
  if (typeof v !== 'string') return v;
  return `'${v}`;
}

function applyFormat(range: Excel.Range, format: PlanFormat): void {
  const { rows, cols } = format.range;
  if (format.numberFormat !== undefined) range.numberFormat = fill(rows, cols, format.numberFormat);
  if (format.bold !== undefined) range.format.font.bold = format.bold;
  if (format.italic !== undefined) range.format.font.italic = format.italic;
  if (format.fontColor !== undefined) range.format.font.color = format.fontColor;
  if (format.background !== undefined) range.format.fill.color = format.background;
  if (format.wrap !== undefined) range.format.wrapText = format.wrap;
  if (format.horizontalAlignment !== undefined) {
    const alignments = { left: 'Left', center: 'Center', right: 'Right' } as const;
    range.format.horizontalAlignment = alignments[format.horizontalAlignment];
  }
}

function fill<T>(rows: number, cols: number, value: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
}

/** Excel.DataValidationRule: `list.source` is a comma-separated string, `decimal` a Between rule. */
function applyValidation(range: Excel.Range, validation: PlanValidation): void {
  if (validation.kind === 'list') {
    range.dataValidation.rule = { list: { inCellDropDown: true, source: validation.list.join(',') } };
  } else {
    range.dataValidation.rule = {
      decimal: { operator: 'Between', formula1: validation.min, formula2: validation.max },
    };
  }
  range.dataValidation.errorAlert = {
    showAlert: true,
    style: validation.strict ? 'Stop' : 'Warning',
    title: 'SE Toolkit',
    message:
      validation.kind === 'list'
        ? `Choose one of: ${validation.list.join(', ')}.`
        : `Enter a number from ${validation.min} to ${validation.max}.`,
  };
  if (validation.helpText !== undefined) {
    range.dataValidation.prompt = { showPrompt: true, title: 'SE Toolkit', message: validation.helpText };
  }
}

/**
 * "Text equals" as a cell-value rule (operator EqualTo, formula1 a string literal): Excel's text rule only
 * offers Contains / BeginsWith / EndsWith (Excel.ConditionalTextComparisonRule), which would also colour
 * longer text. 'CellValue' is Excel.ConditionalFormatType.cellValue, written as its string so no enum object
 * is needed at run time.
 */
function applyConditionalFormat(range: Excel.Range, rule: PlanConditionalFormat): void {
  const format = range.conditionalFormats.add('CellValue');
  format.cellValue.format.fill.color = rule.background;
  format.cellValue.format.font.color = rule.fontColor;
  format.cellValue.rule = { formula1: `="${rule.textEquals.replace(/"/g, '""')}"`, operator: 'EqualTo' };
}

/**
 * Sync 3 after a failed sync 2: delete the sheet and the names this call made, through the proxies their own
 * statements returned, never by name (another user may have made a sheet or a name with the same name in
 * between: deleting by name would delete theirs). The batch stopped at its first failure, so the objects that
 * exist are a prefix of the order they were queued in (the sheet, then the names): deleting a proxy whose
 * statement never ran fails, and every later one never ran either.
 */
async function rollBack(
  context: Excel.RequestContext,
  plan: SheetPlan,
  made: MadeObjects,
  error: unknown,
): Promise<Error> {
  const reason = errorMessage(error);
  const failed = new Error(`Could not insert the sheet "${plan.name}": ${reason}. Nothing was added.`);
  made.sheet.delete();
  for (const name of made.names) name.delete();
  try {
    await context.sync();
  } catch (cleanupError) {
    const code = (cleanupError as { code?: unknown }).code;
    if (code !== 'ItemNotFound' && code !== 'InvalidObjectPath') {
      const why = errorMessage(cleanupError);
      return new Error(
        `Could not insert the sheet "${plan.name}": ${reason}. Removing the partly built sheet also failed ` +
          `(${why}): delete the sheet "${plan.name}" by hand.`,
      );
    }
  }
  return failed;
}

/**
 * The words of an error. Office.js rejects with OfficeExtension.Error (name RichApi.Error), which may come from
 * another realm than this code's Error, so `instanceof Error` is not relied on.
 */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}

/**
 * A loaded range's values and formulas as the port reads them. Range.formulas gives a constant as itself and
 * text without the apostrophe that made it text (OfficeDev/office-js#6687), so a cell holds a formula when its
 * formulas entry starts with "=" and differs from the value it shows (text "=1+1" shows itself).
 */
function cellsRead(range: Excel.Range): { values: PlanValue[][]; formulas: (string | null)[][] } {
  const values = range.values.map((row) => row.map(toPlanValue));
  const formulas = range.formulas.map((row, r) =>
    row.map((f: unknown, c: number) => (isFormula(f, range.values[r][c]) ? (f as string) : null)),
  );
  return { values, formulas };
}

function isFormula(formula: unknown, value: unknown): boolean {
  return typeof formula === 'string' && formula.startsWith('=') && formula !== value;
}

/**
 * What puts back the cells a write changed, from the loaded values and formulas: a formula as itself, text
 * behind the apostrophe, '' empty; null (leave as is) where the write left the cell alone.
 */
function restoreInputs(range: Excel.Range, cells: PlanCell[][]): (string | number | boolean | null)[][] {
  return range.formulas.map((row, r) =>
    row.map((f: unknown, c: number) => {
      if (cells[r]?.[c] === undefined) return null;
      const v: unknown = range.values[r][c];
      if (isFormula(f, v)) return f as string;
      if (typeof v === 'string') return v === '' ? '' : `'${v}`;
      return typeof v === 'number' || typeof v === 'boolean' ? v : '';
    }),
  );
}

/** Excel reads an empty cell as ''; the port says null, as MemoryWorkbook does. */
function toPlanValue(v: unknown): PlanValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
