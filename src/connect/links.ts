/**
 * What connecting writes (Connect my plan, SPEC §3, issue 11): the links sheet "Plan Links" (one row per
 * connected series: inputs, workings, a check and 12 monthly outputs in the tracker's fiscal order) and the
 * tracker cells that read those outputs. Pure: the plan of the writes, computed before anything is written.
 *
 * The link formulas use COUNTIFS and SUMIFS only (with DATE for the month bounds), which Excel, Google Sheets
 * and LibreOffice compute alike: matched by label (and line, entity), never by position, so rows inserted in
 * the plan do not break them; a month with no number stays blank; dated rows are summed from the first of the
 * month to the first of the next; a label not found, found twice, or dates stored as text put words in the
 * check column and in every month of the row, never a silent 0 or "".
 */
import { ReviewError } from '../review/reviewError';
import { a1, columnLetter, quoteSheet } from '../templates/a1';
import {
  CSF_COLUMNS as C,
  CSF_FIRST_DATA_ROW,
  CSF_SETTINGS,
  MAX_CSFS_PER_TEAM,
  csfTracker,
  unitFormats,
} from '../templates/csfTracker';
import { COMPUTED_BACKGROUND, PlanBuilder, range } from '../templates/planBuilder';
import type { PlanCell, PlanValue } from '../templates/sheetPlan';
import { cellsRef, detect, monthLookupKeys, type LineSeries, type RowLink, type WideLink } from './detect';
import {
  LINKS_SHEET_NAME,
  LINKS_TABLE_NAME,
  type CellBlock,
  type ConnectChoice,
  type ConnectPlan,
  type PlanLine,
  type PlanScan,
  type ScanSheet,
  type SheetView,
  type TrackerView,
} from './types';

const MONTHS = 12;

/** The links sheet's layout (0-based): settings, the timeline, the header and the rows. */
export const LINKS_LAYOUT = {
  settingsRow: 2,
  fiscalYearStart: { row: 2, col: 2 },
  firstYear: { row: 2, col: 5 },
  numbersFrom: { row: 2, col: 9 },
  periodRow: 4,
  startRow: 5,
  nextRow: 6,
  headerRow: 7,
  firstRow: 8,
  /** Rows the table's name covers below its header (re-runs append inside it). */
  tableRows: 300,
} as const;
const L = LINKS_LAYOUT;

/** Columns (0-based): inputs, then workings, then the check and the outputs the tracker reads. */
export const LINKS_COLUMNS = {
  key: 0,
  trackerRow: 1,
  line: 2,
  source: 3,
  label: 4,
  entity: 5,
  lineWord: 6,
  firstSourceMonth: 7,
  rowsMatched: 20,
  textDates: 21,
  firstCount: 22,
  firstSum: 34,
  check: 47,
  firstOutput: 48,
} as const;
const K = LINKS_COLUMNS;
const LAST_COL = K.firstOutput + MONTHS - 1;

/** The smallest number a link counts: any number at all (COUNTIFS counts numbers only with a number test). */
const NUMBERS_FROM = -1e307;

const LINE_NAMES: Record<PlanLine, string> = { plan: 'Target', actual: 'Actual' };

/** A source reference: `Plan!$B$5:$B$40`, or a whole column `Tx!$C:$C`. */
function ref(sheet: string, col: number, rows: { first: number; last: number } | null): string {
  const name =
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) && !/^[A-Za-z]{1,3}[0-9]+$/.test(sheet)
      ? sheet
      : quoteSheet(sheet);
  const c = columnLetter(col);
  return rows === null ? `${name}!$${c}:$${c}` : `${name}!$${c}$${rows.first + 1}:$${c}$${rows.last + 1}`;
}

interface TrackerMonth {
  y: number;
  m: number;
  p: number;
}

function trackerMonths(t: TrackerView): TrackerMonth[] {
  return Array.from({ length: MONTHS }, (_, i) => {
    const z = t.fiscalYearStart - 1 + i;
    return { y: t.firstYear + Math.floor(z / 12), m: (z % 12) + 1, p: i + 1 };
  });
}

/** One links row: its cells left to right (inputs, workings, check, outputs). */
function linkRow(s: LineSeries, r: number, key: string, trackerRow: number, t: TrackerView): PlanCell[] {
  const cells: PlanCell[] = Array.from({ length: LAST_COL + 1 }, () => ({ value: null }));
  const R = r + 1;
  const own = (col: number) => `$${columnLetter(col)}${R}`;
  const num = a1(L.numbersFrom.row, L.numbersFrom.col, true);
  const start = (col: number) => `${columnLetter(col)}$${L.startRow + 1}`;
  const next = (col: number) => `${columnLetter(col)}$${L.nextRow + 1}`;
  const f = (formula: string): PlanCell => ({ formula: `=${formula}` });
  cells[K.key] = { value: key };
  cells[K.trackerRow] = { value: trackerRow + 1 };
  cells[K.line] = { value: LINE_NAMES[s.line] };
  cells[K.label] = { value: s.link.kind === 'wide' ? s.link.labelText : (s.link.measureText ?? s.label) };
  cells[K.entity] = { value: s.entity };
  cells[K.lineWord] = { value: s.link.lineWord };
  const months = trackerMonths(t);
  const check = own(K.check);
  const blankMonth = f(`IF(${check}<>"OK",${check},"")`);
  /** Month i's output: the check's words, blank when no number is found, else the sum. */
  const output = (i: number) =>
    f(
      `IF(${check}<>"OK",${check},IF(${columnLetter(K.firstCount + i)}${R}=0,"",${columnLetter(K.firstSum + i)}${R}))`,
    );
  if (s.link.kind === 'wide') {
    const w: WideLink = s.link;
    const rows = { first: w.firstRow, last: w.lastRow };
    cells[K.source] = { value: cellsRef(s.sheet, w.firstRow, w.labelCol, w.lastRow, w.labelCol) };
    const crit = [`${ref(s.sheet, w.labelCol, rows)},${own(K.label)}`];
    if (w.lineCol !== null) crit.push(`${ref(s.sheet, w.lineCol, rows)},${own(K.lineWord)}`);
    cells[K.rowsMatched] = f(`COUNTIFS(${crit.join(',')})`);
    const byKey = new Map<string, number>();
    for (const mc of w.monthCols) {
      const k =
        mc.month.m !== null && mc.month.y !== null
          ? `${mc.month.y}-${mc.month.m}`
          : mc.month.m !== null
            ? `m${mc.month.m}`
            : `p${mc.month.idx}`;
      if (!byKey.has(k)) byKey.set(k, mc.col);
    }
    const matched = own(K.rowsMatched);
    cells[K.check] = f(
      `IF(${matched}=0,"not found: "&${own(K.label)}&" in "&${own(K.source)},IF(${matched}>1,${own(K.label)}&" found "&${matched}&" times in "&${own(K.source)},"OK"))`,
    );
    months.forEach((tm, i) => {
      const col = monthLookupKeys(tm.y, tm.m, tm.p)
        .map((k) => byKey.get(k))
        .find((c) => c !== undefined);
      const count = K.firstCount + i;
      if (col === undefined) {
        cells[count] = { value: 0 };
        cells[K.firstSum + i] = { value: 0 };
        cells[K.firstOutput + i] = blankMonth;
        return;
      }
      const values = ref(s.sheet, col, rows);
      cells[count] = f(`COUNTIFS(${values},">="&${num},${crit.join(',')})`);
      cells[K.firstSum + i] = f(`SUMIFS(${values},${crit.join(',')})`);
      cells[K.firstOutput + i] = output(i);
    });
    return cells;
  }
  const x: RowLink = s.link;
  const whole = s.layout === 'long';
  const rows = whole ? null : { first: x.firstRow, last: x.lastRow };
  const bounded = { first: x.firstRow, last: x.lastRow };
  const base: string[] = [];
  if (x.measureCol !== null) base.push(`${ref(s.sheet, x.measureCol, rows)},${own(K.label)}`);
  if (x.entityCol !== null) base.push(`${ref(s.sheet, x.entityCol, rows)},${own(K.entity)}`);
  if (x.lineCol !== null) base.push(`${ref(s.sheet, x.lineCol, rows)},${own(K.lineWord)}`);
  const whenCol = x.when.kind === 'yearMonth' ? x.when.monthCol : x.when.col;
  cells[K.source] = {
    value: cellsRef(
      s.sheet,
      x.firstRow,
      Math.min(whenCol, x.valueCol),
      x.lastRow,
      Math.max(whenCol, x.valueCol),
    ),
  };
  cells[K.rowsMatched] = f(
    base.length > 0 ? `COUNTIFS(${base.join(',')})` : `COUNT(${ref(s.sheet, x.valueCol, bounded)})`,
  );
  if (x.when.kind === 'date') {
    // Cells that hold something other than a number (COUNTIF "*" counts numbers too in LibreOffice).
    const d = ref(s.sheet, x.when.col, bounded);
    cells[K.textDates] = f(`COUNTA(${d})-COUNT(${d})`);
  }
  const matched = own(K.rowsMatched);
  const notFound = `IF(${matched}=0,"not found: "&TRIM(${own(K.label)}&" "&${own(K.entity)})&" in "&${own(K.source)},"OK")`;
  cells[K.check] = f(
    x.when.kind === 'date'
      ? `IF(N(${own(K.textDates)})>0,"dates stored as text: "&${own(K.textDates)}&" in "&${own(K.source)},${notFound})`
      : notFound,
  );
  const values = ref(s.sheet, x.valueCol, rows);
  months.forEach((tm, i) => {
    const col = K.firstCount + i;
    const out = K.firstOutput + i;
    let monthCrit: string;
    if (x.when.kind === 'date') {
      const d = ref(s.sheet, x.when.col, rows);
      monthCrit = `${d},">="&${start(out)},${d},"<"&${next(out)}`;
    } else {
      const word = monthLookupKeys(tm.y, tm.m, tm.p)
        .map((k) => (x.when.kind === 'date' ? undefined : x.when.words.get(k)))
        .find((v) => v !== undefined);
      if (word === undefined || word === null || word === '') {
        cells[col] = { value: 0 };
        cells[K.firstSum + i] = { value: 0 };
        cells[out] = blankMonth;
        return;
      }
      cells[K.firstSourceMonth + i] = { value: word };
      const mref = `${columnLetter(K.firstSourceMonth + i)}${R}`;
      monthCrit =
        x.when.kind === 'yearMonth'
          ? `${ref(s.sheet, x.when.yearCol, rows)},YEAR(${start(out)}),${ref(s.sheet, x.when.monthCol, rows)},${mref}`
          : `${ref(s.sheet, x.when.col, rows)},${mref}`;
    }
    const crit = [monthCrit, ...base].join(',');
    cells[col] = f(`COUNTIFS(${values},">="&${num},${crit})`);
    cells[K.firstSum + i] = f(`SUMIFS(${values},${crit})`);
    cells[out] = output(i);
  });
  return cells;
}

/** The links sheet's fixed part: title, the tracker's calendar, the timeline and the header. */
function linksSheet(tracker: TrackerView, name: string): PlanBuilder {
  const b = new PlanBuilder(name);
  b.title(
    'Plan Links',
    'Written by Connect my plan: one row per series. Inputs (white/yellow) say what is matched, grey workings count it, the tracker reads the outputs on the right. Connect again to update.',
  );
  const tq = quoteSheet(tracker.sheet);
  const S = CSF_SETTINGS;
  b.value(L.settingsRow, 0, 'Fiscal year starts (tracker)');
  b.formula(
    L.fiscalYearStart.row,
    L.fiscalYearStart.col,
    `${tq}!${a1(S.fiscalYearStart.row, S.fiscalYearStart.col, true)}`,
  );
  b.value(L.settingsRow, 3, 'Year of period 1 (tracker)');
  b.formula(L.firstYear.row, L.firstYear.col, `${tq}!${a1(S.firstYear.row, S.firstYear.col, true)}`);
  b.value(L.settingsRow, 6, 'A month counts from (any number)');
  b.value(L.numbersFrom.row, L.numbersFrom.col, NUMBERS_FROM);
  b.format(range(L.fiscalYearStart.row, L.fiscalYearStart.col), {
    background: COMPUTED_BACKGROUND,
    numberFormat: '0',
  });
  b.format(range(L.firstYear.row, L.firstYear.col), { background: COMPUTED_BACKGROUND, numberFormat: '0' });
  b.format(range(L.numbersFrom.row, L.numbersFrom.col), { background: '#fff2cc', numberFormat: '0.0E+00' });
  const fy = a1(L.fiscalYearStart.row, L.fiscalYearStart.col, true);
  const year = a1(L.firstYear.row, L.firstYear.col, true);
  b.value(L.periodRow, K.firstSourceMonth - 1, 'Period');
  b.value(L.startRow, K.firstCount - 1, 'Month start');
  b.value(L.nextRow, K.firstCount - 1, 'Next month start');
  for (const first of [K.firstSourceMonth, K.firstCount, K.firstSum, K.firstOutput]) {
    for (let p = 0; p < MONTHS; p++) b.value(L.periodRow, first + p, p + 1);
    b.format(range(L.periodRow, first, 1, MONTHS), { fontColor: '#999999', horizontalAlignment: 'center' });
  }
  for (const first of [K.firstCount, K.firstSum, K.firstOutput]) {
    for (let p = 0; p < MONTHS; p++) {
      const period = `${columnLetter(first + p)}$${L.periodRow + 1}`;
      b.formula(L.startRow, first + p, `DATE(${year},${fy}+${period}-1,1)`);
      b.formula(L.nextRow, first + p, `DATE(${year},${fy}+${period},1)`);
    }
    b.format(range(L.startRow, first, 2, MONTHS), {
      numberFormat: 'mmm yyyy',
      background: COMPUTED_BACKGROUND,
    });
  }
  const headers: [number, string][] = [
    [K.key, 'Key'],
    [K.trackerRow, 'Tracker row'],
    [K.line, 'Line'],
    [K.source, 'Source'],
    [K.label, 'Label matched'],
    [K.entity, 'Entity matched'],
    [K.lineWord, 'Line word matched'],
    [K.rowsMatched, 'Rows matched'],
    [K.textDates, 'Dates as text'],
    [K.check, 'Check'],
  ];
  for (const [col, text] of headers) b.header(L.headerRow, col, [text]);
  for (let p = 0; p < MONTHS; p++) {
    b.header(L.headerRow, K.firstSourceMonth + p, [`Source month ${p + 1}`]);
    b.header(L.headerRow, K.firstCount + p, [`Numbers in month ${p + 1}`]);
    b.header(L.headerRow, K.firstSum + p, [`Sum in month ${p + 1}`]);
    b.formula(
      L.headerRow,
      K.firstOutput + p,
      `"Output "&${columnLetter(K.firstOutput + p)}$${L.periodRow + 1}`,
    );
  }
  b.format(range(L.headerRow, K.firstOutput, 1, MONTHS), {
    bold: true,
    background: '#1f3864',
    fontColor: '#ffffff',
  });
  b.value(L.periodRow - 1, K.key, 'INPUTS: what each row matches in your plan');
  b.value(L.periodRow - 1, K.rowsMatched, 'WORKINGS: rows and numbers found per month');
  b.value(L.periodRow - 1, K.check, 'CHECK');
  b.value(L.periodRow - 1, K.firstOutput, 'OUTPUTS: what the tracker reads (blank = no data)');
  b.frozenRows = L.headerRow + 1;
  b.frozenCols = 1;
  b.nameRange(LINKS_TABLE_NAME, range(L.headerRow, 0, L.tableRows + 1, LAST_COL + 1));
  const data = (col: number, cols = 1) => range(L.firstRow, col, L.tableRows, cols);
  b.format(data(K.key, K.firstSourceMonth + MONTHS), { background: '#fff2cc' });
  b.format(data(K.rowsMatched, K.firstSum + MONTHS - K.rowsMatched), {
    background: COMPUTED_BACKGROUND,
    fontColor: '#595959',
  });
  b.format(data(K.check), { fontColor: '#990000', bold: true });
  b.textColour(data(K.check), 'OK', '#d9ead3', '#274e13');
  b.width(K.key, 200).width(K.source, 140).width(K.label, 160).width(K.check, 260);
  return b;
}

/** The template's own cells of tracker row r (its default formulas are not the user's: never "replaced"). */
const template = new Map<number, PlanCell[]>();
function templateRow(r: number): PlanCell[] {
  let cells = template.get(r);
  if (cells === undefined) {
    const plan = csfTracker.render({ rows: Math.max(1, r - CSF_FIRST_DATA_ROW + 1), examples: false });
    cells = plan.cells[r] ?? [];
    template.set(r, cells);
  }
  return cells;
}

const norm = (f: string | null): string => (f ?? '').replace(/^=/, '').replace(/\s+/g, '').toUpperCase();

/**
 * The core's second entry point: the writes that connect the chosen measures. Throws a ReviewError a user can
 * act on when a choice cannot be connected.
 */
export function planConnect(
  scan: PlanScan,
  sheets: ScanSheet[],
  choices: ConnectChoice[],
  tracker: TrackerView,
  links: SheetView | null,
): ConnectPlan {
  const found = detect(sheets).lines;
  // A sheet of the user's that already has the name: the new links sheet takes the next free one, and the
  // tracker's references name that one.
  const taken = new Set([...sheets.map((x) => x.name.toLowerCase()), tracker.sheet.toLowerCase()]);
  let linksName = links?.sheet ?? LINKS_SHEET_NAME;
  for (let n = 2; links === null && taken.has(linksName.toLowerCase()); n++)
    linksName = `${LINKS_SHEET_NAME} (${n})`;
  const lq = quoteSheet(linksName);
  const trackerCell = (row: number, col: number) => `${quoteSheet(tracker.sheet)}!${a1(row, col)}`;
  const rowsByNumber = new Map(tracker.rows.map((r) => [r.row, r]));

  // Rows of the links sheet already there, by key; new ones go below the last.
  const existingKeys = new Map<string, number>();
  let nextLinkRow: number = L.firstRow;
  if (links !== null) {
    links.values.forEach((row, r) => {
      if (r < L.firstRow) return;
      const k = row[K.key];
      if (typeof k === 'string' && k !== '') {
        existingKeys.set(k, r);
        nextLinkRow = Math.max(nextLinkRow, r + 1);
      }
    });
  }

  // Free tracker rows for new CSFs: no team, CSF, metric or typed month.
  const free: number[] = [];
  const blank = (v: PlanValue) => v === null || v === '';
  for (let r = tracker.firstDataRow; r < tracker.endRow; r++) {
    const row = rowsByNumber.get(r);
    if (row === undefined) {
      free.push(r);
      continue;
    }
    const identity = [C.team, C.csf, C.metric].every((c) => blank(row.values[c] ?? null));
    const typedMonths = Array.from({ length: 2 * MONTHS }, (_, i) => C.firstTarget + i).every((c) =>
      row.formulas[c] !== null && row.formulas[c] !== undefined ? true : blank(row.values[c] ?? null),
    );
    if (identity && typedMonths) free.push(r);
  }
  const teamCount = new Map<string, number>();
  for (const row of tracker.rows) {
    const team = row.values[C.team];
    if (typeof team === 'string' && team.trim() !== '' && !blank(row.values[C.csf] ?? null))
      teamCount.set(team.trim().toLowerCase(), (teamCount.get(team.trim().toLowerCase()) ?? 0) + 1);
  }

  const trackerBlocks: CellBlock[] = [];
  const replaces: { cell: string; value: PlanValue }[] = [];
  const summary: string[] = [];
  const newLinkRows: { row: number; cells: PlanCell[] }[] = [];
  const usedRows = new Set<number>();

  for (const choice of choices) {
    const measure = scan.measures.find((m) => m.key === choice.measure);
    const entry = found.get(choice.measure);
    if (measure === undefined || entry === undefined)
      throw new ReviewError(
        `Connect my plan: the measure "${choice.measure}" was not found in the sheets scanned; scan again and pick it from the list`,
      );
    if (choice.input === 'Cumulative' && choice.aggregation !== 'Sum')
      throw new ReviewError(
        `Connect my plan: ${measure.label} has Cumulative input with ${choice.aggregation} aggregation; running totals need Sum`,
      );
    let row: number;
    if (choice.row.kind === 'new') {
      const team = choice.row.team.trim();
      if (team === '' || choice.row.csf.trim() === '')
        throw new ReviewError(
          `Connect my plan: ${measure.label} needs a team and a CSF name for its new tracker row`,
        );
      const n = (teamCount.get(team.toLowerCase()) ?? 0) + 1;
      if (n > MAX_CSFS_PER_TEAM)
        throw new ReviewError(
          `Connect my plan: team ${team} would have ${n} CSFs; a team tracks at most ${MAX_CSFS_PER_TEAM}. Re-link one of its rows instead, or pick another team`,
        );
      teamCount.set(team.toLowerCase(), n);
      const r = free.find((x) => !usedRows.has(x));
      if (r === undefined)
        throw new ReviewError(
          `Connect my plan: the tracker ${tracker.sheet} has no empty row left for ${measure.label}; insert rows inside its table (rows ${tracker.firstDataRow + 1}-${tracker.endRow}) and connect again`,
        );
      row = r;
      const metric = measure.entity === null ? measure.label : `${measure.label} (${measure.entity})`;
      trackerBlocks.push({
        sheet: tracker.sheet,
        row,
        col: C.team,
        cells: [
          [
            { value: team },
            { value: choice.row.csf.trim() },
            { value: metric },
            { value: 'result' },
            { value: null },
            { value: choice.unit },
            { value: choice.aggregation },
            { value: choice.input },
            { value: choice.direction },
          ],
        ],
      });
    } else {
      row = choice.row.row;
      const existing = rowsByNumber.get(row);
      if (existing === undefined || row < tracker.firstDataRow)
        throw new ReviewError(
          `Connect my plan: row ${row + 1} of ${tracker.sheet} is not a CSF row (the table's rows are ${tracker.firstDataRow + 1}-${tracker.endRow})`,
        );
      const settings: [number, PlanValue][] = [
        [C.unit, choice.unit],
        [C.aggregation, choice.aggregation],
        [C.input, choice.input],
        [C.direction, choice.direction],
      ];
      for (const [col, v] of settings) {
        const before = existing.values[col] ?? null;
        if (existing.formulas[col] === null && !blank(before) && before !== v)
          replaces.push({ cell: trackerCell(row, col), value: before });
      }
      trackerBlocks.push({
        sheet: tracker.sheet,
        row,
        col: C.unit,
        cells: [
          [
            { value: choice.unit },
            { value: choice.aggregation },
            { value: choice.input },
            { value: choice.direction },
          ],
        ],
      });
    }
    if (usedRows.has(row))
      throw new ReviewError(
        `Connect my plan: two measures were chosen for row ${row + 1} of ${tracker.sheet}; pick one`,
      );
    usedRows.add(row);

    const parts: string[] = [];
    for (const line of ['plan', 'actual'] as const) {
      const s = entry[line];
      if (s === undefined) continue;
      const key = `${measure.key}|${line}`;
      let linkRowIndex = existingKeys.get(key);
      if (linkRowIndex === undefined) {
        linkRowIndex = nextLinkRow++;
        existingKeys.set(key, linkRowIndex);
      }
      newLinkRows.push({ row: linkRowIndex, cells: linkRow(s, linkRowIndex, key, row, tracker) });
      const first = line === 'plan' ? C.firstTarget : C.firstActual;
      const existing = rowsByNumber.get(row);
      const defaults = templateRow(row);
      const monthCells: PlanCell[] = [];
      for (let p = 0; p < MONTHS; p++) {
        const col = first + p;
        monthCells.push({ formula: `=${lq}!${a1(linkRowIndex, K.firstOutput + p, true)}` });
        if (existing === undefined) continue;
        const formula = existing.formulas[col] ?? null;
        const value = existing.values[col] ?? null;
        if (formula === null) {
          if (!blank(value)) replaces.push({ cell: trackerCell(row, col), value });
        } else {
          const ours = formula.includes(`${lq}!`) || formula.includes(`${linksName}!`);
          const byTemplate =
            norm(formula) ===
            norm(
              'formula' in (defaults[col] ?? { value: null })
                ? (defaults[col] as { formula: string }).formula
                : null,
            );
          if (!ours && !byTemplate)
            replaces.push({ cell: trackerCell(row, col), value: `=${formula.replace(/^=/, '')}` });
        }
      }
      trackerBlocks.push({ sheet: tracker.sheet, row, col: first, cells: [monthCells] });
      parts.push(`${line === 'plan' ? 'targets' : 'actuals'} from ${s.source}`);
    }
    summary.push(`${measure.label} → ${tracker.sheet} row ${row + 1}: ${parts.join(', ')}`);
  }

  let linksPlan: ConnectPlan['links'];
  if (links === null) {
    const b = linksSheet(tracker, linksName);
    for (const { row, cells } of newLinkRows)
      cells.forEach((cell, c) => {
        if ('formula' in cell) b.formula(row, c, cell.formula);
        else if (cell.value !== null) b.value(row, c, cell.value);
      });
    const last = Math.max(L.firstRow, ...newLinkRows.map((x) => x.row));
    for (const first of [K.firstOutput]) {
      const unitsOf = new Set(choices.map((c) => c.unit));
      const f = unitFormats(unitsOf.size === 1 ? [...unitsOf][0] : '');
      b.format(range(L.firstRow, first, last - L.firstRow + 1, MONTHS), {
        numberFormat: f.value === '#,##0' ? 'General' : f.value,
      });
    }
    linksPlan = { insert: b.build() };
  } else {
    linksPlan = {
      update: newLinkRows.map(({ row, cells }) => ({ sheet: linksName, row, col: 0, cells: [cells] })),
    };
  }
  return { links: linksPlan, tracker: trackerBlocks, replaces, summary };
}
