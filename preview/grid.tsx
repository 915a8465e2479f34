/**
 * The preview's spreadsheet view: sheet tabs, a grid of computed values with the number formats rendered as the
 * hosts render them, the plan's formats and status colours, merged ranges drawn as merges, frozen rows and
 * columns sticky, text overflowing into empty neighbours, error messages in a tooltip and under the formula bar,
 * and a formula bar that edits the selected cell through MemoryWorkbook.setCell. Only the rows and columns in
 * view are drawn (the sheet can hold Excel's million rows): the table keeps the rest as spacers.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { a1, columnLetter } from '../src/templates/a1';
import type { CellRange, PlanValue, SheetPlan } from '../src/templates/sheetPlan';
import type { MemoryWorkbook } from './memoryWorkbook';
import { formatValue } from './numberFormat';
import { mergesOf } from './xlsx';
import { translateFormula } from './importFormulas';
import { seriesNext } from './series';
import { ChartBox } from './chart';
import { CHART_COLS, CHART_ROWS, chartFormat } from './chartData';

export const ROW_HEIGHT = 22;
/** The row numbers' column. */
const HEAD_WIDTH = 40;
const DEFAULT_WIDTH = 90;
/**
 * Rows and columns drawn beyond the view on each side, so a scroll (a page down, a drag) shows drawn cells at
 * once: about 250 rows in all, a tenth of what the 400-row grid drew for a long sheet.
 */
const OVERSCAN_ROWS = 100;
const OVERSCAN_PX = 1000;
/** Sheets up to this many columns are drawn across in full (the CSF Tracker with its workings is 163 wide). */
const ALL_COLUMNS_UP_TO = 200;
/** Columns a sheet has (Excel's XFD). */
const EXCEL_COLUMNS = 16_384;

interface CellStyle {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  background?: string;
  color?: string;
  align?: 'left' | 'center' | 'right';
}

/** A value as the cell shows it, through its number format (General when none). */
export function displayText(v: PlanValue, format: string | undefined): string {
  return formatValue(v, format).text;
}

/**
 * A plan's formats, indexed once per plan: small ranges by cell, large ones (a whole column's format) kept as
 * ranges and checked per drawn cell. Later formats win, as the plan applies them in order.
 */
class StyleIndex {
  private readonly byCell = new Map<string, number[]>();
  private readonly large: number[] = [];
  constructor(private readonly plan: SheetPlan) {
    plan.formats.forEach((f, i) => {
      const { row, col, rows, cols } = f.range;
      if (rows * cols > 20_000) {
        this.large.push(i);
        return;
      }
      for (let r = row; r < row + rows; r++)
        for (let c = col; c < col + cols; c++) {
          const key = `${r},${c}`;
          const list = this.byCell.get(key);
          if (list === undefined) this.byCell.set(key, [i]);
          else list.push(i);
        }
    });
  }

  at(r: number, c: number): CellStyle | undefined {
    const inLarge = this.large.filter((i) => {
      const g = this.plan.formats[i].range;
      return r >= g.row && r < g.row + g.rows && c >= g.col && c < g.col + g.cols;
    });
    const own = this.byCell.get(`${r},${c}`);
    if (own === undefined && inLarge.length === 0) return undefined;
    const order = inLarge.length === 0 ? own! : [...(own ?? []), ...inLarge].sort((a, b) => a - b);
    const s: CellStyle = {};
    for (const i of order) {
      const f = this.plan.formats[i];
      if (f.numberFormat !== undefined) s.numberFormat = f.numberFormat;
      if (f.bold !== undefined) s.bold = f.bold;
      if (f.italic !== undefined) s.italic = f.italic;
      if (f.background !== undefined) s.background = f.background;
      if (f.fontColor !== undefined) s.color = f.fontColor;
      if (f.horizontalAlignment !== undefined) s.align = f.horizontalAlignment;
    }
    return s;
  }
}
const styleIndexes = new WeakMap<SheetPlan, StyleIndex>();
function styleIndex(plan: SheetPlan): StyleIndex {
  let index = styleIndexes.get(plan);
  if (index === undefined) styleIndexes.set(plan, (index = new StyleIndex(plan)));
  return index;
}

function statusColour(
  plan: SheetPlan | undefined,
  row: number,
  col: number,
  text: string,
): { background: string; color: string } | null {
  if (plan === undefined) return null;
  for (const c of plan.conditionalFormats) {
    const { range } = c;
    if (row < range.row || row >= range.row + range.rows || col < range.col || col >= range.col + range.cols)
      continue;
    if (text === c.textEquals) return { background: c.background, color: c.fontColor };
  }
  return null;
}

/** What the formula bar shows for a cell: its formula, or its constant. */
function contentOf(wb: MemoryWorkbook, sheet: string, row: number, col: number): string {
  const id = wb.engine.getSheetId(sheet);
  if (id === undefined) return '';
  const raw = wb.engine.getCellSerialized({ sheet: id, row, col });
  if (raw === null || raw === undefined) return '';
  return String(raw);
}

/** What an error means, for an error the engine gives no message of its own. */
const ERROR_MEANING: Record<string, string> = {
  '#DIV/0!': 'a division by zero',
  '#N/A': 'no value is available',
  '#REF!': 'a reference to a cell that does not exist',
  '#NAME?': 'a name or function the preview does not know',
  '#NUM!': 'a number out of range',
  '#VALUE!': 'a value of the wrong type',
  '#NULL!': 'ranges that do not intersect',
  '#SPILL!': 'the result has no room to spill',
  '#CYCLE!': 'a circular reference',
  '#ERROR!': 'a formula the preview cannot read',
};

/** A computed value for the grid: the value, and for an error its message (the SE functions' own included). */
function cellValue(
  wb: MemoryWorkbook,
  sheet: number,
  row: number,
  col: number,
): { value: PlanValue; error?: string } {
  const v = wb.engine.getCellValue({ sheet, row, col }) as unknown;
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return { value: v };
  if (typeof v === 'object' && 'value' in v) {
    const e = v as { value: unknown; message?: unknown };
    const code = String(e.value);
    const message = typeof e.message === 'string' && e.message !== '' ? e.message : undefined;
    return { value: code, error: message ?? `${code}: ${ERROR_MEANING[code] ?? 'an error'}` };
  }
  return { value: String(v) };
}

/** A default format for a number the engine read as a date or a percentage when it was typed. */
function typedFormat(wb: MemoryWorkbook, sheet: number, row: number, col: number): string | undefined {
  if (typeof wb.engine.getCellValue({ sheet, row, col }) !== 'number') return undefined;
  const type = wb.engine.getCellValueDetailedType({ sheet, row, col });
  if (type === 'NUMBER_DATE') return 'yyyy-mm-dd';
  if (type === 'NUMBER_DATETIME') return 'yyyy-mm-dd hh:mm';
  if (type === 'NUMBER_TIME') return 'hh:mm:ss';
  if (type === 'NUMBER_PERCENT') {
    const v = wb.engine.getCellValue({ sheet, row, col });
    return typeof v === 'number' && Number.isInteger(Number((v * 100).toPrecision(12))) ? '0%' : '0.00%';
  }
  return undefined;
}

/**
 * Tab-separated text as Excel and Sheets put it on the clipboard: rows by newline, cells by tab, a cell holding
 * a tab, newline or quote wrapped in quotes with its quotes doubled. A trailing newline ends the last row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (atStart && ch === '"') {
      // A quoted cell: up to the closing quote, "" standing for one quote.
      let j = i + 1;
      let quoted = '';
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            quoted += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        quoted += text[j++];
      }
      if (closed && (j === text.length || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
        cell = quoted;
        i = j;
        atStart = false;
        continue;
      }
    }
    atStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atStart = true;
    } else cell += ch;
    i++;
  }
  if (!atStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A block as tab-separated text, quoting as Excel does. */
export function toTsv(block: readonly (readonly string[])[]): string {
  const quote = (t: string): string => (/[\t\n\r"]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  return block.map((line) => line.map(quote).join('\t')).join('\n');
}

export interface GridProps {
  wb: MemoryWorkbook;
  /** Bumped on every workbook change, so the grid re-reads it. */
  version: number;
}

interface Pos {
  row: number;
  col: number;
}

/** A block of cells by its edges (0-based, inclusive). */
interface Range {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Where a fill handle dragged to `to` fills: down when the pointer is further below the range than right of it,
 * else right; null while it is still inside the range (or above / left of it).
 */
export function fillTarget(range: Range, to: Pos): Range | null {
  const below = to.row - range.bottom;
  const beyond = to.col - range.right;
  if (below <= 0 && beyond <= 0) return null;
  if (below >= beyond) return { ...range, bottom: to.row };
  return { ...range, right: to.col };
}

/** One user action's cell changes (an edit, a clear, a paste), for undo and redo. */
interface Change {
  sheet: string;
  cells: { row: number; col: number; before: PlanValue; after: PlanValue }[];
}

/**
 * A formula bar content as the cell takes it: '' empties the cell; a formula as Excel and Sheets read it (the
 * constants TRUE and FALSE, which the engine knows only as TRUE() and FALSE(), and `_xlfn.` prefixes pasted
 * from a file, made as the import makes them); anything else through setCell as typed.
 */
const asContent = (text: string): PlanValue => {
  if (text === '') return null;
  if (!text.startsWith('=') || text.length === 1) return text;
  return translateFormula(text, { sheet: '', row: 0, col: 0 }, []).formula;
};

/** `version` is in the props so a change to the workbook re-renders the grid; the values are read from `wb`. */
export function SpreadsheetView({ wb }: GridProps) {
  const names = wb.engine.getSheetNames();
  const [sheet, setSheet] = useState<string>(names[0] ?? '');
  const [selected, setSelected] = useState<Pos>({ row: 0, col: 0 });
  /** The other corner of the selected range (the selected cell is the active one, as in Sheets). */
  const [anchor, setAnchor] = useState<Pos>({ row: 0, col: 0 });
  const [draft, setDraft] = useState('');
  /** Editing in the cell: 'enter' (typed over: arrows commit and move) or 'edit' (F2, double-click). */
  const [editing, setEditing] = useState<'enter' | 'edit' | null>(null);
  /** Where the fill handle is being dragged to (the range it would fill), while it is. */
  const [filling, setFilling] = useState<Range | null>(null);
  /** What went wrong with the last gesture (a fill the engine refused), said under the grid. */
  const [notice, setNotice] = useState('');
  /** A mouse button is down on the grid: moving over cells extends the selection (or the fill). */
  const dragging = useRef<'select' | 'fill' | null>(null);
  const mouseUp = useRef<() => void>(() => undefined);
  useEffect(() => {
    const up = (): void => mouseUp.current();
    document.addEventListener('mouseup', up);
    return () => document.removeEventListener('mouseup', up);
  }, []);
  const undoStack = useRef<Change[]>([]);
  const redoStack = useRef<Change[]>([]);
  const gridRef = useRef<HTMLTableElement>(null);
  const editorRef = useRef<HTMLInputElement>(null);
  const current = names.includes(sheet) ? sheet : (names[0] ?? '');

  // The formula bar shows the selected cell's content, loaded in the same event that selects it: loading it in
  // an effect after paint would overwrite anything typed in between (a fast typist, a paste, a test).
  const select = (sheetName: string, row: number, col: number, extend = false): void => {
    setSelected({ row, col });
    if (!extend) setAnchor({ row, col });
    setEditing(null);
    setDraft(sheetName === '' ? '' : contentOf(wb, sheetName, row, col));
  };
  // A new workbook (Reset, Import) starts at A1 of its first sheet; nothing else runs after paint.
  useEffect(() => {
    const first = wb.engine.getSheetNames()[0] ?? '';
    setSheet(first);
    select(first, 0, 0);
    undoStack.current = [];
    redoStack.current = [];
    activations.current = wb.activations;
  }, [wb]);
  // The sidebar bringing a sheet to the front (activateSheet: a template it inserted, a quarter it prepared, the
  // Review Log): the grid shows that sheet at A1, as the hosts do, each time, even the sheet already shown.
  const activations = useRef(wb.activations);
  useEffect(() => {
    if (wb.activations === activations.current) return;
    activations.current = wb.activations;
    const name = wb.activeSheet;
    if (name !== null && wb.engine.getSheetId(name) !== undefined) openSheet(name);
  });
  // The in-cell editor takes the keys from the moment it shows (before the next key event arrives).
  useLayoutEffect(() => {
    const input = editorRef.current;
    if (editing !== null && input !== null && document.activeElement !== input) {
      input.focus();
      const end = input.value.length;
      input.setSelectionRange(end, end);
    }
  }, [editing]);
  const scrollRef = useRef<HTMLDivElement>(null);
  /** The scroll box's position and size: which rows and columns are drawn. */
  const [view, setView] = useState({ top: 0, left: 0, height: 800, width: 1200 });
  const readView = (): void => {
    const el = scrollRef.current;
    if (el === null) return;
    setView((v) =>
      v.top === el.scrollTop &&
      v.left === el.scrollLeft &&
      v.height === el.clientHeight &&
      v.width === el.clientWidth
        ? v
        : { top: el.scrollTop, left: el.scrollLeft, height: el.clientHeight, width: el.clientWidth },
    );
  };
  useLayoutEffect(() => {
    readView();
    const el = scrollRef.current;
    if (el === null || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(readView);
    observer.observe(el);
    return () => observer.disconnect();
  }, [current]);
  /** Where the drawn layout puts things, for scrolling the active cell into view after a render. */
  const layout = useRef<{ frozenRows: number; frozenCols: number; colLeft: number[] } | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const at = layout.current;
    if (el === null || at === null) return;
    const { row, col } = selected;
    if (row >= at.frozenRows) {
      const y = ROW_HEIGHT * (1 + row);
      const min = y - ROW_HEIGHT * (1 + at.frozenRows);
      const max = y + ROW_HEIGHT - el.clientHeight;
      if (el.scrollTop > min) el.scrollTop = min;
      else if (el.scrollTop < max) el.scrollTop = max;
    }
    if (col >= at.frozenCols && col + 1 < at.colLeft.length) {
      const x = HEAD_WIDTH + at.colLeft[col];
      const min = x - HEAD_WIDTH - at.colLeft[at.frozenCols];
      const max = HEAD_WIDTH + at.colLeft[col + 1] - el.clientWidth;
      if (el.scrollLeft > min) el.scrollLeft = min;
      else if (el.scrollLeft < max) el.scrollLeft = Math.min(max, min);
    }
    readView();
  }, [selected.row, selected.col, current]);

  // The workbook knows the selected range, as a host's selection (what the sidebar's "use my selection" reads).
  useEffect(() => {
    wb.selectedRange =
      current === ''
        ? null
        : {
            sheet: current,
            row: Math.min(anchor.row, selected.row),
            col: Math.min(anchor.col, selected.col),
            rows: Math.abs(anchor.row - selected.row) + 1,
            cols: Math.abs(anchor.col - selected.col) + 1,
          };
  }, [wb, current, anchor.row, anchor.col, selected.row, selected.col]);

  if (current === '') return <p class="preview-empty">This workbook has no sheets.</p>;
  const plan = wb.plans.get(current);
  const sheetId = wb.engine.getSheetId(current) ?? 0;
  const used = wb.engine.getSheetDimensions(sheetId);
  // The used range and plenty below and to the right, as far as the sheet goes (Excel's rows, XFD).
  const maxRows = wb.engine.getConfig().maxRows;
  const rows = Math.min(
    maxRows,
    Math.max(used.height, plan?.rows ?? 0, selected.row + 1, anchor.row + 1) + 1000,
  );
  const cols = Math.min(
    EXCEL_COLUMNS,
    Math.max(used.width, plan?.cols ?? 0, selected.col + 1, anchor.col + 1, 16) + 10,
  );
  const styles = plan === undefined ? undefined : styleIndex(plan);
  const widths = new Map((plan?.columnWidths ?? []).map((w) => [w.col, w.width]));
  const widthOf = (c: number): number => Math.max(40, widths.get(c) ?? DEFAULT_WIDTH);
  const colLeft = [0];
  for (let c = 0; c < cols; c++) colLeft.push(colLeft[c] + widthOf(c));
  const frozenRows = Math.min(plan?.frozenRows ?? 0, rows);
  const frozenCols = Math.min(plan?.frozenCols ?? 0, cols);
  layout.current = { frozenRows, frozenCols, colLeft };

  // The rows and columns in view (and a margin), after the frozen ones.
  let r0 = Math.max(frozenRows, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN_ROWS);
  const r1 = Math.min(rows - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN_ROWS);
  // Columns: a sheet as wide as the templates (the CSF Tracker with its workings) is drawn whole, so
  // a row reads across at once; a wider one only where it is in view.
  let c0 = frozenCols;
  let c1 = cols - 1;
  if (cols > ALL_COLUMNS_UP_TO) {
    while (c0 < cols - 1 && HEAD_WIDTH + colLeft[c0 + 1] < view.left - OVERSCAN_PX) c0++;
    c1 = c0;
    while (c1 < cols - 1 && HEAD_WIDTH + colLeft[c1 + 1] < view.left + view.width + OVERSCAN_PX) c1++;
  }
  // A merge reaching into view is drawn from its first cell.
  const merges = mergesOf(plan);
  for (const m of merges) {
    const inView = m.row <= r1 && m.row + m.rows - 1 >= r0 && m.col <= c1 && m.col + m.cols - 1 >= c0;
    if (!inView) continue;
    // (Not a merge starting far above or left of the view: its cells in view are drawn as they are.)
    if (m.row >= frozenRows && m.row < r0 && r0 - m.row <= 300) r0 = m.row;
    if (m.col >= frozenCols && m.col < c0 && c0 - m.col <= 50) c0 = m.col;
  }
  const drawnRows: number[] = [];
  for (let r = 0; r < frozenRows; r++) drawnRows.push(r);
  for (let r = r0; r <= r1; r++) drawnRows.push(r);
  const drawnCols: number[] = [];
  for (let c = 0; c < frozenCols; c++) drawnCols.push(c);
  for (let c = c0; c <= c1; c++) drawnCols.push(c);
  const mergeAt = new Map<string, CellRange>();
  const covered = new Set<string>();
  for (const m of merges) {
    // A merge spans the drawn cells that follow its first one without a gap (frozen ones and those in view
    // join while the view is scrolled to its start).
    const rowEnd = m.row < frozenRows && r0 !== frozenRows ? frozenRows - 1 : r1;
    const colEnd = m.col < frozenCols && c0 !== frozenCols ? frozenCols - 1 : c1;
    const anchorDrawn =
      (m.row < frozenRows || (m.row >= r0 && m.row <= r1)) &&
      (m.col < frozenCols || (m.col >= c0 && m.col <= c1));
    if (!anchorDrawn) continue;
    const rowsShown = Math.min(m.row + m.rows - 1, rowEnd) - m.row + 1;
    const colsShown = Math.min(m.col + m.cols - 1, colEnd) - m.col + 1;
    if (rowsShown < 1 || colsShown < 1) continue;
    mergeAt.set(`${m.row},${m.col}`, { row: m.row, col: m.col, rows: rowsShown, cols: colsShown });
    // The cells under the span are not drawn; a merge's other cells (past a gap) are drawn empty.
    for (let r = m.row; r < m.row + rowsShown; r++)
      for (let c = m.col; c < m.col + colsShown; c++)
        if (r !== m.row || c !== m.col) covered.add(`${r},${c}`);
  }
  const cellCache = new Map<string, { value: PlanValue; error?: string }>();
  const valueAt = (r: number, c: number): { value: PlanValue; error?: string } => {
    const key = `${r},${c}`;
    let v = cellCache.get(key);
    if (v === undefined) cellCache.set(key, (v = cellValue(wb, sheetId, r, c)));
    return v;
  };
  const top = Math.min(anchor.row, selected.row);
  const bottom = Math.max(anchor.row, selected.row);
  const left = Math.min(anchor.col, selected.col);
  const right = Math.max(anchor.col, selected.col);
  const inRange = (r: number, c: number): boolean => r >= top && r <= bottom && c >= left && c <= right;
  const formatAt = (r: number, c: number): string | undefined =>
    styles?.at(r, c)?.numberFormat ?? typedFormat(wb, sheetId, r, c);

  const focusGrid = (): void => gridRef.current?.focus({ preventScroll: true });
  const rawOf = (r: number, c: number): PlanValue => {
    const raw = wb.engine.getCellSerialized({ sheet: sheetId, row: r, col: c }) as unknown;
    if (raw === null || raw === undefined || raw === '') return null;
    return typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
  };

  /**
   * One change's cells, `before` or `after`, in one engine batch (one recalculation); the last cell goes through
   * the workbook so its listeners (the grid, the sidebar) hear of it once.
   */
  const apply = (change: Change, side: 'before' | 'after'): void => {
    const sheetId = wb.engine.getSheetId(change.sheet);
    if (sheetId === undefined || change.cells.length === 0) return;
    const last = change.cells[change.cells.length - 1];
    wb.engine.batch(() => {
      for (const c of change.cells.slice(0, -1))
        wb.engine.setCellContents({ sheet: sheetId, row: c.row, col: c.col }, [[c[side]]]);
    });
    wb.setCell(change.sheet, last.row, last.col, last[side]);
  };

  /** Writes cells as one undoable change (only the cells that change). */
  const write = (cells: { row: number; col: number; content: PlanValue }[]): void => {
    const change: Change = { sheet: current, cells: [] };
    for (const { row, col, content } of cells) {
      const before = rawOf(row, col);
      if (before === content || (before !== null && content !== null && String(before) === String(content)))
        continue;
      change.cells.push({ row, col, before, after: content });
    }
    if (change.cells.length === 0) return;
    apply(change, 'after');
    undoStack.current.push(change);
    redoStack.current = [];
  };
  const replay = (from: Change[], to: Change[], side: 'before' | 'after'): void => {
    const change = from.pop();
    if (change === undefined || !names.includes(change.sheet)) return;
    apply(change, side);
    to.push(change);
    const rs = change.cells.map((c) => c.row);
    const cs = change.cells.map((c) => c.col);
    setSheet(change.sheet);
    setAnchor({ row: Math.max(...rs), col: Math.max(...cs) });
    setSelected({ row: Math.min(...rs), col: Math.min(...cs) });
    setEditing(null);
    setDraft(contentOf(wb, change.sheet, Math.min(...rs), Math.min(...cs)));
  };

  /**
   * Fills `target` (the selection grown down or right) with the selection repeated, as Ctrl+D / Ctrl+R and the
   * fill handle do in Excel: constants copied, relative references shifted by HyperFormula's own copy and paste
   * (so `=B2*2` filled down is `=B3*2`, `$B$2` stays). The engine's paste is only the way to get each cell's
   * content; the contents are then written as one undoable change, like any edit.
   */
  const fill = (source: Range, target: Range, selectAfter: Range = target, series = false): void => {
    const down = target.bottom > source.bottom;
    const sheetId = wb.engine.getSheetId(current);
    if (sheetId === undefined) return;
    const targetCells: Pos[] = [];
    for (let r = down ? source.bottom + 1 : target.top; r <= target.bottom; r++)
      for (let c = down ? target.left : source.right + 1; c <= target.right; c++)
        targetCells.push({ row: r, col: c });
    if (targetCells.length === 0) return;
    const before = targetCells.map((p) => rawOf(p.row, p.col));
    let after: PlanValue[];
    try {
      // The block filled so far (a whole number of source blocks) is copied after itself: log2(rows) pastes
      // (the engine's paste cannot run inside a batch).
      {
        const start = down ? source.top : source.left;
        let filledEnd = down ? source.bottom : source.right;
        const end = down ? target.bottom : target.right;
        while (filledEnd < end) {
          const k = Math.min(filledEnd - start + 1, end - filledEnd);
          wb.engine.copy(
            down
              ? {
                  start: { sheet: sheetId, row: start, col: source.left },
                  end: { sheet: sheetId, row: start + k - 1, col: source.right },
                }
              : {
                  start: { sheet: sheetId, row: source.top, col: start },
                  end: { sheet: sheetId, row: source.bottom, col: start + k - 1 },
                },
          );
          wb.engine.paste(
            down
              ? { sheet: sheetId, row: filledEnd + 1, col: source.left }
              : { sheet: sheetId, row: source.top, col: filledEnd + 1 },
          );
          filledEnd += k;
        }
      }
      after = targetCells.map((p) => rawOf(p.row, p.col));
      if (series) {
        // The fill handle over two or more numbers in a line (1, 2) goes on with their series (3, 4), as in
        // Excel and Sheets; a single number, text or formulas are repeated as above.
        const lines = down ? source.right - source.left + 1 : source.bottom - source.top + 1;
        for (let k = 0; k < lines; k++) {
          // A number typed in (the engine keeps "2" as typed and reads it as 2), not a formula's result.
          const numberAt = (r: number, c: number): number | null => {
            const raw = rawOf(r, c);
            const value = wb.engine.getCellValue({ sheet: sheetId, row: r, col: c });
            return typeof value === 'number' && !(typeof raw === 'string' && raw.startsWith('='))
              ? value
              : null;
          };
          const line: (number | null)[] = [];
          if (down) for (let r = source.top; r <= source.bottom; r++) line.push(numberAt(r, source.left + k));
          else for (let c = source.left; c <= source.right; c++) line.push(numberAt(source.top + k, c));
          if (line.length < 2 || !line.every((v) => v !== null)) continue;
          const on = targetCells
            .map((p, i) => ({ p, i }))
            .filter(({ p }) => (down ? p.col === source.left + k : p.row === source.top + k));
          const next = seriesNext(line as number[], on.length);
          on.forEach(({ i }, j) => (after[i] = next[j]));
        }
      }
    } catch (error) {
      targetCells.forEach((p, i) =>
        wb.engine.setCellContents({ sheet: sheetId, row: p.row, col: p.col }, [[before[i]]]),
      );
      setNotice(
        `Fill failed: ${error instanceof Error ? error.message : String(error)}; nothing was changed`,
      );
      return;
    } finally {
      wb.engine.clearClipboard();
    }
    const change: Change = { sheet: current, cells: [] };
    targetCells.forEach((p, i) => {
      if (before[i] !== after[i]) change.cells.push({ ...p, before: before[i], after: after[i] });
    });
    // The engine holds the new contents already; writing them again through the workbook tells its listeners.
    apply(change, 'after');
    if (change.cells.length > 0) {
      undoStack.current.push(change);
      redoStack.current = [];
    }
    setSelected({ row: selectAfter.top, col: selectAfter.left });
    setAnchor({ row: selectAfter.bottom, col: selectAfter.right });
    setEditing(null);
    setDraft(contentOf(wb, current, selectAfter.top, selectAfter.left));
    setNotice('');
  };

  // A drag ends wherever the button is let go (outside the grid too): a fill handle's drag fills there.
  mouseUp.current = (): void => {
    const was = dragging.current;
    dragging.current = null;
    if (was === 'fill') {
      setFilling(null);
      if (filling !== null) fill({ top, bottom, left, right }, filling, filling, true);
    }
  };

  const clamp = (row: number, col: number): Pos => ({
    row: Math.max(0, Math.min(rows - 1, row)),
    col: Math.max(0, Math.min(cols - 1, col)),
  });
  /**
   * Where Ctrl+arrow goes from the active cell, as in Excel: along a run of filled cells to its last one; from
   * an empty cell, or the end of a run, to the next filled cell; past the last one, to the sheet's edge.
   */
  const edgeOf = (dr: number, dc: number, used: { width: number; height: number }): Pos => {
    const filled = (r: number, c: number): boolean => rawOf(r, c) !== null;
    const down = dr !== 0;
    const step = down ? dr : dc;
    const at = down ? selected.row : selected.col;
    const fixed = down ? selected.col : selected.row;
    const limit = down ? used.height : used.width;
    const edge = step > 0 ? (down ? maxRows : EXCEL_COLUMNS) - 1 : 0;
    const isFilled = (i: number): boolean => (down ? filled(i, fixed) : filled(fixed, i));
    const pos = (i: number): Pos => (down ? { row: i, col: fixed } : { row: fixed, col: i });
    // Cells past the used range are empty: nothing to read there.
    const filledAt = (i: number): boolean => i >= 0 && i < limit && isFilled(i);
    const more = (i: number): boolean => (step > 0 ? i < limit : i >= 0);
    let i = at;
    if (filledAt(i) && filledAt(i + step)) {
      while (filledAt(i + step)) i += step;
      return pos(i);
    }
    i += step;
    while (more(i) && !filledAt(i)) i += step;
    return pos(more(i) ? i : edge);
  };
  const moveBy = (dr: number, dc: number, extend = false): void => {
    const p = clamp(selected.row + dr, selected.col + dc);
    select(current, p.row, p.col, extend);
  };
  const commit = (): void => {
    write([{ row: selected.row, col: selected.col, content: asContent(draft) }]);
  };
  const cancel = (): void => {
    setEditing(null);
    setDraft(contentOf(wb, current, selected.row, selected.col));
    focusGrid();
  };
  /** Commit, then move as Enter / Tab (and their Shift) do; the grid has the focus again. */
  const commitAndMove = (dr: number, dc: number): void => {
    commit();
    setEditing(null);
    moveBy(dr, dc);
    focusGrid();
  };
  const moveKey = (e: KeyboardEvent): [number, number] | null => {
    if (e.key === 'Enter') return [e.shiftKey ? -1 : 1, 0];
    if (e.key === 'Tab') return [0, e.shiftKey ? -1 : 1];
    return null;
  };
  const arrow = (key: string): [number, number] | null =>
    key === 'ArrowDown'
      ? [1, 0]
      : key === 'ArrowUp'
        ? [-1, 0]
        : key === 'ArrowRight'
          ? [0, 1]
          : key === 'ArrowLeft'
            ? [0, -1]
            : null;

  const onGridKey = (e: KeyboardEvent): void => {
    if (e.target !== gridRef.current) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && (key === 'z' || key === 'y')) {
      e.preventDefault();
      if (key === 'y' || e.shiftKey) replay(redoStack.current, undoStack.current, 'after');
      else replay(undoStack.current, redoStack.current, 'before');
      return;
    }
    if (mod && (key === 'd' || key === 'r') && !e.shiftKey && !e.altKey) {
      // Excel: from the selection's top row (left column) into the rest of it; a one-row (one-column)
      // selection takes the row above (column left of it).
      e.preventDefault();
      const range = { top, bottom, left, right };
      if (key === 'd') {
        const from = top === bottom ? top - 1 : top;
        if (from >= 0) fill({ ...range, top: from, bottom: from }, { ...range, top: from }, range);
      } else {
        const from = left === right ? left - 1 : left;
        if (from >= 0) fill({ ...range, left: from, right: from }, { ...range, left: from }, range);
      }
      return;
    }
    if (mod && !e.altKey) {
      // Ctrl+arrows to the edge of the data (Excel, Sheets); Ctrl+Home to A1, Ctrl+End to the last used cell.
      const a = arrow(e.key);
      const used = wb.engine.getSheetDimensions(sheetId);
      let to: Pos | null = null;
      if (a !== null) to = edgeOf(a[0], a[1], used);
      else if (e.key === 'Home') to = { row: 0, col: 0 };
      else if (e.key === 'End') to = { row: Math.max(0, used.height - 1), col: Math.max(0, used.width - 1) };
      if (to !== null) {
        e.preventDefault();
        select(current, to.row, to.col, e.shiftKey);
      }
      return;
    }
    if (e.altKey) return;
    if (e.key === 'PageDown' || e.key === 'PageUp') {
      // A screenful of rows, as the hosts move.
      e.preventDefault();
      const page = Math.max(1, Math.floor(view.height / ROW_HEIGHT) - 1 - frozenRows);
      moveBy(e.key === 'PageDown' ? page : -page, 0, e.shiftKey);
      return;
    }
    if (e.key === 'Home') {
      e.preventDefault();
      select(current, selected.row, 0, e.shiftKey);
      return;
    }
    const a = arrow(e.key);
    if (a !== null) {
      e.preventDefault();
      moveBy(a[0], a[1], e.shiftKey);
      return;
    }
    const m = moveKey(e);
    if (m !== null) {
      e.preventDefault();
      moveBy(m[0], m[1]);
      return;
    }
    if (e.key === 'F2') {
      e.preventDefault();
      setDraft(contentOf(wb, current, selected.row, selected.col));
      setEditing('edit');
      return;
    }
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      const cells: { row: number; col: number; content: PlanValue }[] = [];
      for (let r = top; r <= bottom; r++)
        for (let c = left; c <= right; c++) cells.push({ row: r, col: c, content: null });
      write(cells);
      setDraft('');
      return;
    }
    if (e.key.length === 1) {
      // Typing on a cell replaces it, as in Sheets and Excel.
      e.preventDefault();
      setAnchor(selected);
      setDraft(editing === null ? e.key : draft + e.key);
      setEditing('enter');
    }
  };

  const onEditorKey = (e: KeyboardEvent): void => {
    const m = moveKey(e);
    const a = editing === 'enter' ? arrow(e.key) : null;
    const move = m ?? a;
    if (move !== null) {
      e.preventDefault();
      commitAndMove(move[0], move[1]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  };

  const onCopy = (e: ClipboardEvent): void => {
    if (e.target !== gridRef.current || e.clipboardData === null) return;
    e.preventDefault();
    const block: string[][] = [];
    for (let r = top; r <= bottom; r++) {
      const line: string[] = [];
      for (let c = left; c <= right; c++) line.push(displayText(valueAt(r, c).value, formatAt(r, c)));
      block.push(line);
    }
    e.clipboardData.setData('text/plain', toTsv(block));
  };
  const onPaste = (e: ClipboardEvent): void => {
    if (e.target !== gridRef.current || e.clipboardData === null) return;
    e.preventDefault();
    const block = parseTsv(e.clipboardData.getData('text/plain'));
    if (block.length === 0) return;
    const cells: { row: number; col: number; content: PlanValue }[] = [];
    block.forEach((line, r) =>
      line.forEach((text, c) => {
        if (top + r < maxRows && left + c < EXCEL_COLUMNS)
          cells.push({ row: top + r, col: left + c, content: asContent(text) });
      }),
    );
    write(cells);
    const height = Math.min(block.length, maxRows - top);
    const width = Math.min(Math.max(...block.map((l) => l.length)), EXCEL_COLUMNS - left);
    setSelected({ row: top, col: left });
    setAnchor({ row: top + height - 1, col: left + width - 1 });
    setDraft(contentOf(wb, current, top, left));
  };

  const openSheet = (name: string): void => {
    setSheet(name);
    select(name, 0, 0);
  };
  /** Left and right arrows (Home, End) move between the sheet tabs and show the sheet, as a tab list does. */
  const onTabKey = (e: KeyboardEvent): void => {
    const at = names.indexOf(current);
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % names.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + names.length) % names.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? names.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    openSheet(names[to]);
    const list = e.currentTarget as HTMLElement;
    requestAnimationFrame(() =>
      (list.querySelectorAll('[role="tab"]')[to] as HTMLElement | undefined)?.focus(),
    );
  };
  const activeId = `cell-${a1(selected.row, selected.col)}`;
  const activeError = valueAt(selected.row, selected.col).error;
  const leftGap = colLeft[c0] - colLeft[frozenCols];
  const rightGap = colLeft[cols] - colLeft[c1 + 1];
  const topGap = (r0 - frozenRows) * ROW_HEIGHT;
  const bottomGap = (rows - 1 - r1) * ROW_HEIGHT;
  const frozenLeft = (c: number): string => `${HEAD_WIDTH + colLeft[c]}px`;
  const spacerCols =
    (leftGap > 0 ? 1 : 0) + drawnCols.length - frozenCols + (rightGap > 0 ? 1 : 0) + frozenCols + 1;

  /** One cell as drawn: its text through its format, its styles, a merge's span, text spilling right. */
  const drawCell = (r: number, c: number) => {
    const key = `${r},${c}`;
    if (covered.has(key)) return null;
    const merge = mergeAt.get(key);
    const { value: v, error } = valueAt(r, c);
    const s = styles?.at(r, c);
    const rendered = formatValue(v, s?.numberFormat ?? typedFormat(wb, sheetId, r, c));
    const text = rendered.text;
    const status = statusColour(plan, r, c, text);
    const isSelected = selected.row === r && selected.col === c;
    const isInRange = inRange(r, c);
    const isEditing = isSelected && editing !== null;
    const isError = typeof v === 'string' && error !== undefined;
    const classes = ['cell'];
    if (r < frozenRows) classes.push('frozen-row');
    if (c < frozenCols) classes.push('frozen-col');
    if (isSelected) classes.push('selected');
    if (isInRange && !(top === bottom && left === right)) classes.push('in-range');
    if (isEditing) classes.push('editing');
    if (
      filling !== null &&
      !isInRange &&
      r >= filling.top &&
      r <= filling.bottom &&
      c >= filling.left &&
      c <= filling.right
    )
      classes.push('fill-preview');
    if (s?.align === undefined) {
      if (typeof v === 'number') classes.push('num');
      else if (
        typeof v === 'boolean' ||
        (typeof v === 'string' &&
          v.startsWith('#') &&
          (isError || wb.engine.getCellValueType({ sheet: sheetId, row: r, col: c }) === 'ERROR'))
      )
        classes.push('center');
    }
    if (
      typeof v === 'string' &&
      v.startsWith('#') &&
      wb.engine.getCellValueType({ sheet: sheetId, row: r, col: c }) === 'ERROR'
    )
      classes.push('err');
    const hasHandle = r === bottom && c === right && editing === null;
    if (hasHandle) classes.push('has-handle');
    // Text too wide for its cell runs on over empty cells to its right, as in the hosts.
    let spill = 0;
    if (
      typeof v === 'string' &&
      v !== '' &&
      !isError &&
      merge === undefined &&
      (s?.align ?? 'left') === 'left' &&
      !isEditing
    ) {
      const own = widthOf(c);
      let width = own;
      for (let k = c + 1; k <= Math.min(c1, c + 12) && (c >= frozenCols || k < frozenCols); k++) {
        const next = valueAt(r, k).value;
        if ((next !== null && next !== '') || covered.has(`${r},${k}`) || mergeAt.has(`${r},${k}`)) break;
        width += widthOf(k);
      }
      if (width > own) {
        spill = width - 9;
        classes.push('spills');
      }
    }
    const style: Record<string, string> = {};
    if (r < frozenRows) style.top = `${ROW_HEIGHT * (r + 1)}px`;
    if (c < frozenCols) style.left = frozenLeft(c);
    if (s?.bold) style.fontWeight = 'bold';
    if (s?.italic) style.fontStyle = 'italic';
    if (s?.align !== undefined) style.textAlign = s.align;
    if (s?.background !== undefined) style.background = s.background;
    if (s?.color !== undefined) style.color = s.color;
    if (rendered.color !== undefined) style.color = rendered.color;
    if (status !== null) {
      style.background = status.background;
      style.color = status.color;
    }
    return (
      <td
        key={c}
        id={isSelected ? activeId : undefined}
        role="gridcell"
        class={classes.join(' ')}
        data-cell={a1(r, c)}
        rowSpan={merge !== undefined && merge.rows > 1 ? merge.rows : undefined}
        colSpan={merge !== undefined && merge.cols > 1 ? merge.cols : undefined}
        aria-selected={isInRange ? 'true' : 'false'}
        title={error ?? (text.length > 20 ? text : undefined)}
        style={style}
        onMouseDown={(e) => {
          if (isEditing || e.button !== 0) return;
          e.preventDefault();
          if (editing !== null) commit();
          if ((e.target as Element).classList.contains('fill-handle')) {
            dragging.current = 'fill';
            setFilling(null);
          } else {
            select(current, r, c, e.shiftKey);
            dragging.current = 'select';
          }
          focusGrid();
        }}
        onMouseEnter={() => {
          // Dragging with the button down: the range grows from where the drag began (the active cell stays
          // there, as in Sheets and Excel); a fill handle's drag shows where it fills.
          if (dragging.current === 'select') setAnchor({ row: r, col: c });
          else if (dragging.current === 'fill')
            setFilling(fillTarget({ top, bottom, left, right }, { row: r, col: c }));
        }}
        onDblClick={() => {
          setAnchor({ row: r, col: c });
          setSelected({ row: r, col: c });
          setDraft(contentOf(wb, current, r, c));
          setEditing('edit');
        }}
      >
        {isEditing ? (
          <input
            ref={editorRef}
            class="cell-editor"
            aria-label={`Edit ${a1(r, c)}`}
            value={draft}
            onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={onEditorKey}
            onBlur={(e) => {
              // Focus leaving the grid (the toolbar, the sidebar) commits, as in Sheets; moves inside the grid
              // commit where they happen.
              if (e.relatedTarget !== gridRef.current) {
                commit();
                setEditing(null);
              }
            }}
          />
        ) : spill > 0 ? (
          <div class="spill" style={{ width: `${spill}px` }}>
            {text}
          </div>
        ) : (
          text
        )}
        {hasHandle ? <span class="fill-handle" aria-hidden="true" data-testid="fill-handle" /> : null}
      </td>
    );
  };

  const drawRow = (r: number) => (
    <tr key={r} role="row">
      <th
        class={r < frozenRows ? 'row-head frozen-row' : 'row-head'}
        scope="row"
        role="rowheader"
        style={r < frozenRows ? { top: `${ROW_HEIGHT * (r + 1)}px` } : undefined}
      >
        {r + 1}
      </th>
      {drawnCols.slice(0, frozenCols).map((c) => drawCell(r, c))}
      {leftGap > 0 ? <td class="gap" aria-hidden="true" /> : null}
      {drawnCols.slice(frozenCols).map((c) => drawCell(r, c))}
      {rightGap > 0 ? <td class="gap" aria-hidden="true" /> : null}
    </tr>
  );

  return (
    <div class="sheet-view">
      <div class="formula-bar">
        <span class="cell-name" data-testid="cell-name">
          {a1(selected.row, selected.col)}
        </span>
        <input
          class="formula-input"
          aria-label="Cell content"
          aria-describedby={activeError === undefined ? undefined : 'cell-message'}
          value={draft}
          onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              commit();
              select(current, Math.min(selected.row + 1, rows - 1), selected.col);
            } else if (e.key === 'Escape') setDraft(contentOf(wb, current, selected.row, selected.col));
          }}
        />
      </div>
      {activeError === undefined ? null : (
        <p class="cell-message" id="cell-message" data-testid="cell-message">
          {activeError.startsWith(String(valueAt(selected.row, selected.col).value))
            ? activeError
            : `${valueAt(selected.row, selected.col).value ?? ''}: ${activeError}`}
        </p>
      )}
      <div class="grid-scroll" ref={scrollRef} onScroll={readView}>
        {/* table-layout: fixed honours the columns' widths only when the table has a width of its own. */}
        <table
          class="grid"
          role="grid"
          id="sheet-grid"
          aria-label={current}
          aria-rowcount={rows + 1}
          aria-colcount={cols + 1}
          aria-multiselectable="true"
          aria-activedescendant={activeId}
          tabIndex={0}
          ref={gridRef}
          onKeyDown={onGridKey}
          onCopy={onCopy}
          onPaste={onPaste}
          style={{ width: `${HEAD_WIDTH + colLeft[cols]}px` }}
        >
          <colgroup>
            <col style={{ width: `${HEAD_WIDTH}px` }} />
            {drawnCols.slice(0, frozenCols).map((c) => (
              <col key={c} style={{ width: `${widthOf(c)}px` }} />
            ))}
            {leftGap > 0 ? <col style={{ width: `${leftGap}px` }} /> : null}
            {drawnCols.slice(frozenCols).map((c) => (
              <col key={c} style={{ width: `${widthOf(c)}px` }} />
            ))}
            {rightGap > 0 ? <col style={{ width: `${rightGap}px` }} /> : null}
          </colgroup>
          <thead>
            <tr role="row">
              <td class="corner" aria-hidden="true" />
              {drawnCols.slice(0, frozenCols).map((c) => (
                <th
                  key={c}
                  class="col-head frozen-col"
                  scope="col"
                  role="columnheader"
                  style={{ left: frozenLeft(c) }}
                >
                  {columnLetter(c)}
                </th>
              ))}
              {leftGap > 0 ? <td class="gap" aria-hidden="true" /> : null}
              {drawnCols.slice(frozenCols).map((c) => (
                <th key={c} class="col-head" scope="col" role="columnheader">
                  {columnLetter(c)}
                </th>
              ))}
              {rightGap > 0 ? <td class="gap" aria-hidden="true" /> : null}
            </tr>
          </thead>
          <tbody>
            {drawnRows.slice(0, frozenRows).map(drawRow)}
            {topGap > 0 ? (
              <tr class="gap-row" aria-hidden="true">
                <td colSpan={spacerCols} style={{ height: `${topGap}px` }} />
              </tr>
            ) : null}
            {drawnRows.slice(frozenRows).map(drawRow)}
            {bottomGap > 0 ? (
              <tr class="gap-row" aria-hidden="true">
                <td colSpan={spacerCols} style={{ height: `${bottomGap}px` }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {(plan?.charts ?? []).map((chart, i) => {
          const { data } = chart;
          const values = Array.from({ length: data.rows }, (_, r) =>
            Array.from({ length: data.cols }, (_, c) => valueAt(data.row + r, data.col + c).value),
          );
          const from = Math.min(chart.anchor.col, cols - 1);
          const to = Math.min(from + CHART_COLS, cols);
          const numberFormat = chartFormat(plan?.formats ?? [], chart);
          return (
            <ChartBox
              key={i}
              chart={{ chart, values, ...(numberFormat === undefined ? {} : { numberFormat }) }}
              left={HEAD_WIDTH + colLeft[from]}
              top={ROW_HEIGHT * (1 + chart.anchor.row)}
              width={colLeft[to] - colLeft[from]}
              height={ROW_HEIGHT * CHART_ROWS}
            />
          );
        })}
      </div>
      <p class="grid-notice" role="status">
        {notice}
      </p>
      <nav class="tabs" aria-label="Sheets">
        {/* A tab list: the sheet shown is the selected tab; arrows move between tabs, Tab leaves the list. */}
        <div class="tab-list" role="tablist" aria-label="Sheets" onKeyDown={onTabKey}>
          {names.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={name === current}
              aria-controls="sheet-grid"
              tabIndex={name === current ? 0 : -1}
              class={name === current ? 'tab active' : 'tab'}
              onClick={() => openSheet(name)}
            >
              {name}
            </button>
          ))}
        </div>
      </nav>
    </div>
  );
}
