/**
 * The preview's spreadsheet view: sheet tabs, a grid of computed values (text only), number formats applied
 * roughly, the plan's formats and status colours, frozen header rows sticky, and a formula bar that edits the
 * selected cell through MemoryWorkbook.setCell.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { a1, columnLetter } from '../src/templates/a1';
import type { PlanValue, SheetPlan } from '../src/templates/sheetPlan';
import type { MemoryWorkbook } from './memoryWorkbook';

/**
 * Rendering stops here; the templates and the demo fit inside, the CSF Tracker's workings (grouped to the right
 * of its actuals, for auditing) included.
 */
const MAX_ROWS = 400;
const MAX_COLS = 160;
export const ROW_HEIGHT = 22;

interface CellStyle {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  background?: string;
  color?: string;
  align?: 'left' | 'center' | 'right';
}

/** Excel serial day number → yyyy-mm-dd. */
function serialToIso(serial: number): string {
  const ms = Date.UTC(1899, 11, 30) + Math.round(serial * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

function decimalsOf(format: string): number {
  const m = /\.(0+)/.exec(format);
  return m === null ? 0 : m[1].length;
}

/** A value as the cell shows it, with the number format applied roughly. */
export function displayText(v: PlanValue, format: string | undefined): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (format !== undefined) {
    const f = format.replace(/"[^"]*"/g, '');
    if (f.includes('%')) return `${(v * 100).toFixed(decimalsOf(f))}%`;
    if (/y|d|mmm/i.test(f)) return serialToIso(v);
    if (/[#0]/.test(f))
      return v.toLocaleString('en-US', {
        minimumFractionDigits: decimalsOf(f),
        maximumFractionDigits: decimalsOf(f),
        useGrouping: f.includes(','),
      });
  }
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(10)));
}

function stylesOf(plan: SheetPlan | undefined, rows: number, cols: number): Map<string, CellStyle> {
  const out = new Map<string, CellStyle>();
  if (plan === undefined) return out;
  for (const f of plan.formats) {
    for (let r = f.range.row; r < Math.min(f.range.row + f.range.rows, rows); r++)
      for (let c = f.range.col; c < Math.min(f.range.col + f.range.cols, cols); c++) {
        const key = `${r},${c}`;
        const s = { ...out.get(key) };
        if (f.numberFormat !== undefined) s.numberFormat = f.numberFormat;
        if (f.bold !== undefined) s.bold = f.bold;
        if (f.italic !== undefined) s.italic = f.italic;
        if (f.background !== undefined) s.background = f.background;
        if (f.fontColor !== undefined) s.color = f.fontColor;
        if (f.horizontalAlignment !== undefined) s.align = f.horizontalAlignment;
        out.set(key, s);
      }
  }
  return out;
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
  const raw = wb.sheetSerialized(sheet)[row]?.[col];
  if (raw === null || raw === undefined) return '';
  return String(raw);
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

/** A formula bar content as the cell takes it: '' empties the cell; else through setCell as typed. */
const asContent = (text: string): PlanValue => (text === '' ? null : text);

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
  }, [wb]);
  // The in-cell editor takes the keys from the moment it shows (before the next key event arrives).
  useLayoutEffect(() => {
    const input = editorRef.current;
    if (editing !== null && input !== null && document.activeElement !== input) {
      input.focus();
      const end = input.value.length;
      input.setSelectionRange(end, end);
    }
  }, [editing]);
  useLayoutEffect(() => {
    const td = gridRef.current?.querySelector(`td[data-cell="${a1(selected.row, selected.col)}"]`);
    if (td instanceof HTMLElement && typeof td.scrollIntoView === 'function')
      td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [selected.row, selected.col, current]);

  if (current === '') return <p class="preview-empty">This workbook has no sheets.</p>;
  const plan = wb.plans.get(current);
  const values = wb.sheetValues(current);
  const rows = Math.min(MAX_ROWS, Math.max(values.length, plan?.rows ?? 0, 100) + 5);
  const cols = Math.min(MAX_COLS, Math.max(plan?.cols ?? 0, ...values.map((r) => r.length), 12) + 2);
  const styles = stylesOf(plan, rows, cols);
  const frozen = plan?.frozenRows ?? 0;
  const widths = new Map((plan?.columnWidths ?? []).map((w) => [w.col, w.width]));
  const top = Math.min(anchor.row, selected.row);
  const bottom = Math.max(anchor.row, selected.row);
  const left = Math.min(anchor.col, selected.col);
  const right = Math.max(anchor.col, selected.col);
  const inRange = (r: number, c: number): boolean => r >= top && r <= bottom && c >= left && c <= right;

  const focusGrid = (): void => gridRef.current?.focus({ preventScroll: true });
  const rawOf = (r: number, c: number): PlanValue => {
    const raw = wb.sheetSerialized(current)[r]?.[c];
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
  const fill = (source: Range, target: Range, selectAfter: Range = target): void => {
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
      if (filling !== null) fill({ top, bottom, left, right }, filling);
    }
  };

  const clamp = (row: number, col: number): Pos => ({
    row: Math.max(0, Math.min(rows - 1, row)),
    col: Math.max(0, Math.min(cols - 1, col)),
  });
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
    if (mod || e.altKey) return;
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
      for (let c = left; c <= right; c++)
        line.push(displayText(values[r]?.[c] ?? null, styles.get(`${r},${c}`)?.numberFormat));
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
        if (top + r < MAX_ROWS && left + c < MAX_COLS)
          cells.push({ row: top + r, col: left + c, content: asContent(text) });
      }),
    );
    write(cells);
    const height = Math.min(block.length, MAX_ROWS - top);
    const width = Math.min(Math.max(...block.map((l) => l.length)), MAX_COLS - left);
    setSelected({ row: top, col: left });
    setAnchor({ row: top + height - 1, col: left + width - 1 });
    setDraft(contentOf(wb, current, top, left));
  };

  const activeId = `cell-${a1(selected.row, selected.col)}`;

  return (
    <div class="sheet-view">
      <div class="formula-bar">
        <span class="cell-name" data-testid="cell-name">
          {a1(selected.row, selected.col)}
        </span>
        <input
          class="formula-input"
          aria-label="Cell content"
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
      <div class="grid-scroll">
        {/* table-layout: fixed honours the columns' widths only when the table has a width of its own. */}
        <table
          class="grid"
          role="grid"
          aria-label={current}
          aria-multiselectable="true"
          aria-activedescendant={activeId}
          tabIndex={0}
          ref={gridRef}
          onKeyDown={onGridKey}
          onCopy={onCopy}
          onPaste={onPaste}
          style={{
            width: `${40 + Array.from({ length: cols }, (_, c) => Math.max(40, widths.get(c) ?? 90)).reduce((a, b) => a + b, 0)}px`,
          }}
        >
          <colgroup>
            <col style={{ width: '40px' }} />
            {Array.from({ length: cols }, (_, c) => (
              <col key={c} style={{ width: `${Math.max(40, widths.get(c) ?? 90)}px` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th class="corner" />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} class="col-head" scope="col">
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th
                  class={r < frozen ? 'row-head frozen' : 'row-head'}
                  scope="row"
                  style={r < frozen ? { top: `${ROW_HEIGHT * (r + 1)}px` } : undefined}
                >
                  {r + 1}
                </th>
                {Array.from({ length: cols }, (_, c) => {
                  const v = values[r]?.[c] ?? null;
                  const s = styles.get(`${r},${c}`);
                  const text = displayText(v, s?.numberFormat);
                  const status = statusColour(plan, r, c, text);
                  const isSelected = selected.row === r && selected.col === c;
                  const isInRange = inRange(r, c);
                  const isEditing = isSelected && editing !== null;
                  const classes = ['cell'];
                  if (r < frozen) classes.push('frozen');
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
                  if (typeof v === 'number' && s?.align === undefined) classes.push('num');
                  if (typeof v === 'string' && v.startsWith('#')) classes.push('err');
                  return (
                    <td
                      key={c}
                      id={isSelected ? activeId : undefined}
                      class={classes.join(' ')}
                      data-cell={a1(r, c)}
                      aria-selected={isInRange ? 'true' : undefined}
                      title={text.length > 20 ? text : undefined}
                      style={{
                        ...(r < frozen ? { top: `${ROW_HEIGHT * (r + 1)}px` } : {}),
                        ...(s?.bold ? { fontWeight: 'bold' } : {}),
                        ...(s?.italic ? { fontStyle: 'italic' } : {}),
                        ...(s?.align !== undefined ? { textAlign: s.align } : {}),
                        ...(s?.background !== undefined ? { background: s.background } : {}),
                        ...(s?.color !== undefined ? { color: s.color } : {}),
                        ...(status === null ? {} : { background: status.background, color: status.color }),
                      }}
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
                        // Dragging with the button down: the range grows from where the drag began (the active
                        // cell stays there, as in Sheets and Excel); a fill handle's drag shows where it fills.
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
                            // Focus leaving the grid (the toolbar, the sidebar) commits, as in Sheets; moves
                            // inside the grid commit where they happen.
                            if (e.relatedTarget !== gridRef.current) {
                              commit();
                              setEditing(null);
                            }
                          }}
                        />
                      ) : (
                        text
                      )}
                      {r === bottom && c === right && editing === null ? (
                        <span class="fill-handle" aria-hidden="true" data-testid="fill-handle" />
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="grid-notice" role="status">
        {notice}
      </p>
      <nav class="tabs" aria-label="Sheets">
        {names.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={name === current}
            class={name === current ? 'tab active' : 'tab'}
            onClick={() => {
              setSheet(name);
              select(name, 0, 0);
            }}
          >
            {name}
          </button>
        ))}
      </nav>
    </div>
  );
}
