/**
 * The preview's spreadsheet view: sheet tabs, a grid of computed values (text only), number formats applied
 * roughly, the plan's formats and status colours, frozen header rows sticky, and a formula bar that edits the
 * selected cell through MemoryWorkbook.setCell.
 */
import { useEffect, useState } from 'preact/hooks';
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

export interface GridProps {
  wb: MemoryWorkbook;
  /** Bumped on every workbook change, so the grid re-reads it. */
  version: number;
}

/** `version` is in the props so a change to the workbook re-renders the grid; the values are read from `wb`. */
export function SpreadsheetView({ wb }: GridProps) {
  const names = wb.engine.getSheetNames();
  const [sheet, setSheet] = useState<string>(names[0] ?? '');
  const [selected, setSelected] = useState<{ row: number; col: number }>({ row: 0, col: 0 });
  const [draft, setDraft] = useState('');
  const current = names.includes(sheet) ? sheet : (names[0] ?? '');

  // The formula bar shows the selected cell's content, loaded in the same event that selects it: loading it in
  // an effect after paint would overwrite anything typed in between (a fast typist, a paste, a test).
  const select = (sheetName: string, row: number, col: number): void => {
    setSelected({ row, col });
    setDraft(sheetName === '' ? '' : contentOf(wb, sheetName, row, col));
  };
  // A new workbook (Reset, Import) starts at A1 of its first sheet; nothing else runs after paint.
  useEffect(() => {
    const first = wb.engine.getSheetNames()[0] ?? '';
    setSheet(first);
    select(first, 0, 0);
  }, [wb]);

  if (current === '') return <p class="preview-empty">This workbook has no sheets.</p>;
  const plan = wb.plans.get(current);
  const values = wb.sheetValues(current);
  const rows = Math.min(MAX_ROWS, Math.max(values.length, plan?.rows ?? 0, 100) + 5);
  const cols = Math.min(MAX_COLS, Math.max(plan?.cols ?? 0, ...values.map((r) => r.length), 12) + 2);
  const styles = stylesOf(plan, rows, cols);
  const frozen = plan?.frozenRows ?? 0;
  const widths = new Map((plan?.columnWidths ?? []).map((w) => [w.col, w.width]));

  const commit = (): void => {
    const text = draft;
    wb.setCell(current, selected.row, selected.col, text === '' ? null : text);
  };

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
                <th key={c} class="col-head">
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
                  const classes = ['cell'];
                  if (r < frozen) classes.push('frozen');
                  if (isSelected) classes.push('selected');
                  if (typeof v === 'number' && s?.align === undefined) classes.push('num');
                  if (typeof v === 'string' && v.startsWith('#')) classes.push('err');
                  return (
                    <td
                      key={c}
                      class={classes.join(' ')}
                      data-cell={a1(r, c)}
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
                      onClick={() => select(current, r, c)}
                    >
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
