/**
 * What an untrusted .xlsx must pass before the preview reads it, checked before anything large is allocated:
 * the file's name and size; the zip's own directory (how many entries, how large each part says it is); then
 * each part the preview reads, unpacked as a stream and counted as it comes (a part that unpacks to more than it
 * declared is a bomb, stopped at once), its XML read by saxes (ExcelJS's own parser) without building it:
 * nesting depth, DOCTYPE, rows, columns, cells, text and formula lengths, names and their size. Every refusal
 * says which limit or problem it met.
 *
 * What passes is handed on as a smaller zip: only the parts the preview reads (workbook, its relationships,
 * styles, shared strings, worksheets), the workbook without its defined names (the preview reads them here;
 * ExcelJS would expand each one cell by cell), and worksheets without what ExcelJS also expands cell by cell or
 * reconciles against parts left behind (merged cells, validation, hyperlinks, drawings, tables), none of which
 * the preview shows.
 */
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { CellRange, PlanChart } from '../src/templates/sheetPlan';

const MB = 1024 * 1024;

/** What the preview imports at most. Each is also the number its refusal quotes. */
export const IMPORT_LIMITS = {
  /** The .xlsx file itself. */
  fileBytes: 20 * MB,
  /** Entries in the zip. */
  zipEntries: 10_000,
  /** One part, unpacked. (Reading XML runs at about 15 MB a second: these keep a refusal within seconds.) */
  partBytes: 32 * MB,
  /** All the parts the preview reads, unpacked. */
  totalBytes: 40 * MB,
  sheets: 255,
  /**
   * Rows a sheet, unless the engine says otherwise: HyperFormula's default maxRows. (The page's own engine holds
   * Excel's 1,048,576 and says so; the cell and area limits below still bound the work.)
   */
  rows: 40_000,
  /** Columns: Excel's own (XFD). */
  columns: 16_384,
  /** Cells in the workbook, empty but formatted ones included. */
  cells: 500_000,
  /** A sheet's used range, A1 to its last row and column (the grid and the export read it whole). */
  sheetArea: 2_000_000,
  names: 10_000,
  /** The block one name covers (the engine builds a name's range cell by cell: 100,000 take about a second). */
  nameCells: 100_000,
  /** The blocks all names cover together. */
  allNameCells: 200_000,
  /** Characters in a cell: Excel's own limit. */
  textLength: 32_767,
  /** Characters in a formula: Excel's own limit. */
  formulaLength: 8_192,
  /** Nested parentheses in a formula: Excel's own limit of nested functions. */
  formulaNesting: 64,
  /** XML elements inside each other (a real workbook stays under 15). */
  xmlDepth: 64,
  /** Texts in the shared string table. */
  sharedStrings: 500_000,
  /** Cell formats in the style sheet: Excel's own limit. */
  cellFormats: 64_000,
  /** Conditional format rules a sheet. */
  conditionalFormats: 1_000,
  /** Merged ranges a sheet. */
  merges: 10_000,
  /** Data validation rules a sheet. */
  validations: 10_000,
  /** Excel tables in the workbook (their columns count against `columns`). */
  tables: 1_000,
} as const;

/** A file the preview will not import; the message says why, in the user's terms. */
export class ImportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefused';
  }
}

function refuse(message: string): never {
  throw new ImportRefused(message);
}

const count = (x: number): string => x.toLocaleString('en-US');

function size(bytes: number): string {
  if (bytes < 1024) return `${count(bytes)} bytes`;
  if (bytes < MB) return `${count(Math.round(bytes / 1024))} KB`;
  return `${count(Math.round(bytes / MB))} MB`;
}

/** What is known of a file before reading it: only .xlsx, and not larger than the limit. */
export function checkImportFile(name: string, bytes: number): void {
  if (!/\.xlsx$/i.test(name))
    refuse(
      `only .xlsx files can be imported, and “${name}” is not one (save it as an Excel Workbook, .xlsx)`,
    );
  checkFileSize(bytes);
}

function checkFileSize(bytes: number): void {
  if (bytes === 0) refuse('the file is empty');
  if (bytes > IMPORT_LIMITS.fileBytes)
    refuse(
      `the file is larger than ${size(IMPORT_LIMITS.fileBytes)} (${count(bytes)} bytes); ` +
        `the preview imports files of up to ${size(IMPORT_LIMITS.fileBytes)}`,
    );
}

/** A defined name that points at one block of one sheet. */
export interface InspectedName {
  name: string;
  sheet: string;
  range: CellRange;
}

/** An Excel table (ListObject): where it is and its columns, so its structured references can be resolved. */
export interface InspectedTable {
  /** The name formulas use (its displayName). */
  name: string;
  sheet: string;
  /** The whole table, header and totals rows included (0-based). */
  range: CellRange;
  /** 1 when the first row is the header row (Excel's default), 0 when the table has none. */
  headerRows: number;
  /** 1 when the last row is a totals row. */
  totalsRows: number;
  /** The columns' names, left to right. */
  columns: string[];
  /** Its style as the file names it (tableStyleInfo), written back on export. */
  style?: TableStyle;
}

/** A hyperlink element: its cells, and where it goes (a relationship, a place in the workbook). */
interface RawHyperlink {
  ref: string;
  rId?: string;
  location?: string;
  tooltip?: string;
}

/** A hyperlink the preview keeps to write back: its cell (0-based) and where it goes. */
export interface InspectedHyperlink {
  row: number;
  col: number;
  /** An address (https://…, mailto:…) or a place in the workbook ("#'Sheet 2'!A1"). */
  target: string;
  tooltip?: string;
}

/** A cell's note (a comment): its cell (0-based) and its text. */
export interface InspectedNote {
  row: number;
  col: number;
  text: string;
}

/** An Excel table's look: the style's name and which stripes and columns it marks. */
export interface TableStyle {
  name: string;
  showFirstColumn: boolean;
  showLastColumn: boolean;
  showRowStripes: boolean;
  showColumnStripes: boolean;
}

/**
 * A data validation rule (a drop-down, a number or date range…) as the sheet's XML writes it: the preview does
 * not enforce it, it keeps it to write it back on export.
 */
export interface InspectedValidation {
  /** The cells it covers, as the file writes them ("B2:B20 D2:D20"). */
  sqref: string;
  type: string;
  operator?: string;
  allowBlank: boolean;
  showInputMessage: boolean;
  showErrorMessage: boolean;
  /** True when the file hides the drop-down arrow (OOXML's showDropDown="1"). */
  hideDropDown: boolean;
  errorStyle?: string;
  errorTitle?: string;
  error?: string;
  promptTitle?: string;
  prompt?: string;
  /** formula1 and formula2, as written (a list "\"a,b\"", a range, a name, a number). */
  formulae: string[];
}

/** What a workbook holds that the preview neither shows nor writes back, by kind, with counts. */
export interface LeftOut {
  kind: string;
  count: number;
}

export interface InspectedWorkbook {
  /** The zip to give ExcelJS: the parts the preview reads, checked, and nothing else. */
  bytes: Uint8Array;
  /** The worksheets, in the workbook's order. */
  sheets: string[];
  names: InspectedName[];
  /** Each worksheet's merged ranges (0-based), by sheet name. */
  merges: Map<string, CellRange[]>;
  /** Each worksheet's data validations (drop-downs…), by sheet name. */
  validations: Map<string, InspectedValidation[]>;
  /** Each worksheet's hyperlinks, one per cell, by sheet name. */
  hyperlinks: Map<string, InspectedHyperlink[]>;
  /** Each worksheet's cell notes (comments as Excel 2007 writes them), by sheet name. */
  cellNotes: Map<string, InspectedNote[]>;
  /**
   * Each worksheet's charts the preview can draw and write back (line or column charts over one block of the
   * sheet, categories in its first column), by sheet name; the others are counted in `leftOut`.
   */
  charts: Map<string, PlanChart[]>;
  tables: InspectedTable[];
  /** Charts, pivot tables, slicers, pictures… that the file holds and the preview leaves out. */
  leftOut: LeftOut[];
  /** What the preview leaves out, said once the import is done (a name it cannot hold, a chart sheet). */
  notes: string[];
}

export interface InspectOptions {
  /** Rows a sheet can hold (the engine's maxRows; IMPORT_LIMITS.rows when not given). */
  rows?: number;
}

/** Checks `data` against every limit and returns what the preview may read of it, or throws ImportRefused. */
export async function inspectXlsx(
  data: Uint8Array,
  options: InspectOptions = {},
): Promise<InspectedWorkbook> {
  const rows = options.rows ?? IMPORT_LIMITS.rows;
  checkFileSize(data.length);
  checkSignature(data);
  const zip = await openZip(data);
  const reader = new PartReader(zip);

  const main = await mainPart(zip, reader);
  if (main !== 'xl/workbook.xml') {
    if (main.endsWith('.bin'))
      refuse(
        'this is a binary workbook (.xlsb); the preview reads .xlsx: save it as an Excel Workbook (.xlsx)',
      );
    refuse(`this zip is not an Excel workbook: its main part is ${main}`);
  }
  if (zip.file(main) === null)
    refuse(`this zip is not an Excel workbook: it has no xl/workbook.xml (it holds ${listing(zip)})`);

  const book = await readWorkbookXml(reader);
  const rels = await readRelationships(reader, 'xl/_rels/workbook.xml.rels', 'xl/');
  if (rels === null)
    refuse('the file is damaged: xl/_rels/workbook.xml.rels, which says where the sheets are, is missing');
  const notes: string[] = [];

  // The sheets, where the workbook says they are.
  const sheets: { name: string; part: string }[] = [];
  for (const sheet of book.sheets) {
    const rel = rels.get(sheet.rId);
    if (rel === undefined)
      refuse(
        `the file is damaged: sheet “${sheet.name}” points at ${sheet.rId}, which the workbook does not list`,
      );
    const kind = rel.type.slice(rel.type.lastIndexOf('/') + 1);
    if (kind !== 'worksheet') {
      notes.push(
        `the ${kind === 'chartsheet' ? 'chart sheet' : kind} “${sheet.name}” (the preview shows worksheets only)`,
      );
      continue;
    }
    const same = sheets.find((s) => s.part === rel.target);
    if (same !== undefined)
      refuse(`the file is damaged: sheets “${same.name}” and “${sheet.name}” are one and the same part`);
    if (zip.file(rel.target) === null)
      refuse(`sheet “${sheet.name}” should be at ${rel.target}, which is not in the file`);
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(rel.target))
      refuse(
        `sheet “${sheet.name}” is stored at ${rel.target}; the preview reads sheets stored as xl/worksheets/sheetN.xml`,
      );
    sheets.push({ name: sheet.name, part: rel.target });
  }
  if (sheets.length === 0)
    refuse(book.sheets.length === 0 ? 'the workbook has no sheets' : 'the workbook has no worksheets');

  const targets = [...rels.values()];
  const sharedStrings = targets.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  if (
    sharedStrings !== undefined &&
    sharedStrings !== 'xl/sharedStrings.xml' &&
    zip.file(sharedStrings) !== null
  )
    refuse(
      `the workbook keeps its texts in ${sharedStrings}; the preview reads them from xl/sharedStrings.xml`,
    );
  const parts = [
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    ...['xl/styles.xml', 'xl/sharedStrings.xml'].filter((p) => zip.file(p) !== null),
    ...sheets.map((s) => s.part),
  ];
  reader.checkDeclared(parts);

  if (zip.file('xl/styles.xml') !== null) await checkStyles(reader);
  if (zip.file('xl/sharedStrings.xml') !== null) await checkSharedStrings(reader);
  const cells = { total: 0 };
  const strip = new Map<string, Set<string>>();
  const merges = new Map<string, CellRange[]>();
  const validations = new Map<string, InspectedValidation[]>();
  const hyperlinks = new Map<string, InspectedHyperlink[]>();
  const notesBySheet = new Map<string, InspectedNote[]>();
  let commentPartsKept = 0;
  const tables: InspectedTable[] = [];
  const sheetLeftOut = new Map<string, number>();
  const charts = new Map<string, PlanChart[]>();
  let chartsKept = 0;
  for (const sheet of sheets) {
    const read = await checkWorksheet(reader, sheet, rows, cells);
    if (read.drawing !== null) {
      const kept = await readCharts(reader, sheet, read.drawing);
      charts.set(sheet.name, kept);
      chartsKept += kept.length;
    }
    strip.set(sheet.part, read.drop);
    merges.set(sheet.name, read.merges);
    validations.set(sheet.name, read.validations);
    const sheetNotes = await readComments(reader, sheet);
    if (sheetNotes !== null) {
      notesBySheet.set(sheet.name, sheetNotes);
      commentPartsKept++;
    }
    const links = await readHyperlinks(reader, sheet, read.hyperlinks);
    hyperlinks.set(sheet.name, links.kept);
    if (links.lost > 0) sheetLeftOut.set('hyperlinks', (sheetLeftOut.get('hyperlinks') ?? 0) + links.lost);
    for (const [kind, n] of read.leftOut) sheetLeftOut.set(kind, (sheetLeftOut.get(kind) ?? 0) + n);
    if (read.tableParts.length > 0)
      tables.push(...(await readTables(reader, sheet, read.tableParts, tables)));
  }

  const names = checkNames(book.names, new Set(sheets.map((s) => s.name)), rows, notes);

  const zip0 = Object.keys(zip.files);
  // What ExcelJS gets: only these parts; the workbook and its relationships written afresh from what was read.
  const keep = new Set(parts);
  // (Folders stay: JSZip's remove of a folder takes everything under it.)
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir && !keep.has(name)) zip.remove(name);
  zip.file('xl/workbook.xml', workbookXml(sheets, book.date1904));
  zip.file('xl/_rels/workbook.xml.rels', relationshipsXml(sheets, zip));
  for (const [part, elements] of strip)
    if (elements.size > 0) zip.file(part, withoutElements(await zip.file(part)!.async('string'), elements));
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return {
    bytes,
    sheets: sheets.map((s) => s.name),
    names,
    notes,
    merges,
    validations,
    hyperlinks,
    cellNotes: notesBySheet,
    charts,
    tables,
    leftOut: [
      ...leftOutParts(zip0)
        .map((l) =>
          l.kind === 'charts'
            ? { ...l, count: l.count - chartsKept }
            : l.kind === 'comments'
              ? { ...l, count: l.count - commentPartsKept }
              : l,
        )
        .filter((l) => l.count > 0),
      ...[...sheetLeftOut].filter(([, n]) => n > 0).map(([kind, n]) => ({ kind, count: n })),
    ],
  };
}

/** Parts of kinds the preview leaves out, counted from the zip's listing (nothing of them is read). */
const LEFT_OUT_PARTS: { kind: string; path: RegExp }[] = [
  { kind: 'charts', path: /^xl\/charts\/chart\d+\.xml$/ },
  { kind: 'pivot tables', path: /^xl\/pivotTables\/pivotTable\d+\.xml$/ },
  { kind: 'slicers', path: /^xl\/slicers\/slicer\d+\.xml$/ },
  { kind: 'timelines', path: /^xl\/timelines\/timeline\d+\.xml$/ },
  { kind: 'pictures', path: /^xl\/media\/[^/]+$/ },
  { kind: 'comments', path: /^xl\/comments\d+\.xml$/ },
  { kind: 'threaded comments', path: /^xl\/threadedComments\/[^/]+\.xml$/ },
  { kind: 'macros (VBA)', path: /^xl\/vbaProject\.bin$/ },
  { kind: 'external links', path: /^xl\/externalLinks\/externalLink\d+\.xml$/ },
];

function leftOutParts(names: readonly string[]): LeftOut[] {
  return LEFT_OUT_PARTS.map(({ kind, path }) => ({
    kind,
    count: names.filter((n) => path.test(n)).length,
  })).filter((l) => l.count > 0);
}

/** The tables a worksheet's tableParts point at, read from their parts (checked as every part is). */
async function readTables(
  reader: PartReader,
  sheet: { name: string; part: string },
  rIds: readonly string[],
  before: readonly InspectedTable[],
): Promise<InspectedTable[]> {
  const slash = sheet.part.lastIndexOf('/');
  const relsPart = `${sheet.part.slice(0, slash)}/_rels/${sheet.part.slice(slash + 1)}.rels`;
  if (!reader.has(relsPart)) return [];
  reader.checkDeclared([relsPart]);
  const rels = await readRelationships(reader, relsPart, sheet.part.slice(0, slash + 1));
  const out: InspectedTable[] = [];
  for (const rId of rIds) {
    const target = rels?.get(rId);
    if (target === undefined || !target.type.endsWith('/table') || !reader.has(target.target)) continue;
    if (before.length + out.length >= IMPORT_LIMITS.tables)
      refuse(
        `the workbook has more than ${count(IMPORT_LIMITS.tables)} tables; the preview reads up to ${count(IMPORT_LIMITS.tables)}`,
      );
    reader.checkDeclared([target.target]);
    let table: InspectedTable | null = null;
    await reader.xml(target.target, {
      open(tag, depth) {
        if (depth === 1) {
          checkRoot(target.target, tag, 'table');
          const a = tag.attributes;
          const range = a.ref === undefined ? null : block(a.ref);
          const name = a.displayName ?? a.name ?? '';
          if (range === null || !/^[A-Za-z_\\][\w.]*$/.test(name)) return;
          table = {
            name,
            sheet: sheet.name,
            range: {
              row: range.top - 1,
              col: range.left - 1,
              rows: range.bottom - range.top + 1,
              cols: range.right - range.left + 1,
            },
            headerRows: a.headerRowCount === '0' ? 0 : 1,
            totalsRows: a.totalsRowCount !== undefined && a.totalsRowCount !== '0' ? 1 : 0,
            columns: [],
          };
        } else if (depth === 2 && tag.name === 'tableStyleInfo' && table !== null) {
          const a = tag.attributes;
          if (a.name !== undefined && /^[\w -]{1,100}$/.test(a.name))
            table.style = {
              name: a.name,
              showFirstColumn: a.showFirstColumn === '1' || a.showFirstColumn === 'true',
              showLastColumn: a.showLastColumn === '1' || a.showLastColumn === 'true',
              showRowStripes: a.showRowStripes === '1' || a.showRowStripes === 'true',
              showColumnStripes: a.showColumnStripes === '1' || a.showColumnStripes === 'true',
            };
        } else if (depth === 3 && tag.name === 'tableColumn' && table !== null) {
          if (table.columns.length >= IMPORT_LIMITS.columns)
            refuse(`table ${table.name} has more than ${count(IMPORT_LIMITS.columns)} columns`);
          table.columns.push(tag.attributes.name ?? '');
        }
      },
    });
    const read = table as InspectedTable | null;
    if (read !== null && read.columns.length === read.range.cols) out.push(read);
  }
  return out;
}

/**
 * A sheet's hyperlinks with where they go: an external one's address from the sheet's relationships (only web
 * and mail addresses are kept), an internal one's place; one per cell of its range. `lost` counts the others.
 */
async function readHyperlinks(
  reader: PartReader,
  sheet: { name: string; part: string },
  raw: readonly RawHyperlink[],
): Promise<{ kept: InspectedHyperlink[]; lost: number }> {
  const kept: InspectedHyperlink[] = [];
  if (raw.length === 0) return { kept, lost: 0 };
  const slash = sheet.part.lastIndexOf('/');
  const relsPart = `${sheet.part.slice(0, slash)}/_rels/${sheet.part.slice(slash + 1)}.rels`;
  const external = new Map<string, string>();
  if (raw.some((h) => h.rId !== undefined) && reader.has(relsPart)) {
    reader.checkDeclared([relsPart]);
    await reader.xml(relsPart, {
      open(tag, depth) {
        if (depth !== 2 || tag.name !== 'Relationship') return;
        const { Id, Type, Target, TargetMode } = tag.attributes;
        if (
          Id !== undefined &&
          Target !== undefined &&
          TargetMode === 'External' &&
          Type?.endsWith('/hyperlink')
        )
          external.set(Id, Target);
      },
    });
  }
  let lost = 0;
  for (const h of raw) {
    const address = h.rId === undefined ? undefined : external.get(h.rId);
    // A place in the workbook (Excel writes location="'Sheet 2'!A1"; ExcelJS also an address "#…"), or a web
    // or mail address.
    const place = h.location?.replace(/^#/, '');
    const target =
      place !== undefined && place !== '' && (address === undefined || address.startsWith('#'))
        ? `#${place}`
        : address !== undefined && /^(https?:\/\/|mailto:)/i.test(address) && address.length <= 2083
          ? address + (place === undefined || place === '' ? '' : `#${place}`)
          : undefined;
    const b = block(h.ref);
    if (target === undefined || b === null || (b.bottom - b.top + 1) * (b.right - b.left + 1) > 1000) {
      lost++;
      continue;
    }
    for (let r = b.top; r <= b.bottom; r++)
      for (let c = b.left; c <= b.right; c++)
        kept.push({
          row: r - 1,
          col: c - 1,
          target,
          ...(h.tooltip === undefined ? {} : { tooltip: h.tooltip }),
        });
  }
  return { kept, lost };
}

/** Notes a sheet may hold (Excel's own limit is the cells; this bounds the work). */
const MAX_NOTES = 10_000;

/**
 * A sheet's notes from its comments part (found through the sheet's relationships), or null when it has none:
 * each note's cell and its text (the runs of its rich text joined). Threaded comments are left to leftOut.
 */
async function readComments(
  reader: PartReader,
  sheet: { name: string; part: string },
): Promise<InspectedNote[] | null> {
  const slash = sheet.part.lastIndexOf('/');
  const relsPart = `${sheet.part.slice(0, slash)}/_rels/${sheet.part.slice(slash + 1)}.rels`;
  if (!reader.has(relsPart)) return null;
  reader.checkDeclared([relsPart]);
  const rels = await readRelationships(reader, relsPart, sheet.part.slice(0, slash + 1));
  const part = [...(rels?.values() ?? [])].find((r) => r.type.endsWith('/comments'))?.target;
  if (part === undefined || !reader.has(part)) return null;
  reader.checkDeclared([part]);
  const out: InspectedNote[] = [];
  let current: InspectedNote | null = null;
  let inText = false;
  await reader.xml(part, {
    open(tag) {
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (local === 'comment') {
        const b = block(tag.attributes.ref ?? '');
        if (out.length >= MAX_NOTES)
          refuse(
            `sheet “${sheet.name}” has more than ${count(MAX_NOTES)} notes; the preview holds up to ${count(MAX_NOTES)}`,
          );
        current = b === null ? null : { row: b.top - 1, col: b.left - 1, text: '' };
      } else if (local === 't' && current !== null) inText = true;
    },
    close(tag) {
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (local === 't') inText = false;
      else if (local === 'comment') {
        if (current !== null) out.push(current);
        current = null;
      }
    },
    text(t) {
      const note = current as InspectedNote | null;
      if (!inText || note === null) return;
      if (note.text.length + t.length > IMPORT_LIMITS.textLength)
        refuse(tooLongText(`sheet “${sheet.name}” holds a note`, note.text.length + t.length));
      note.text += t;
    },
  });
  return out;
}

/** Charts a drawing can hold at most (each is a part read). */
const MAX_CHARTS = 200;

/** The charts on a sheet's drawing that the preview can carry as plan charts (see readChart). */
async function readCharts(
  reader: PartReader,
  sheet: { name: string; part: string },
  drawingRId: string,
): Promise<PlanChart[]> {
  const slash = sheet.part.lastIndexOf('/');
  const relsPart = `${sheet.part.slice(0, slash)}/_rels/${sheet.part.slice(slash + 1)}.rels`;
  if (!reader.has(relsPart)) return [];
  reader.checkDeclared([relsPart]);
  const rels = await readRelationships(reader, relsPart, sheet.part.slice(0, slash + 1));
  const target = rels?.get(drawingRId);
  if (target === undefined || !target.type.endsWith('/drawing') || !reader.has(target.target)) return [];
  const drawingPart = target.target;
  reader.checkDeclared([drawingPart]);
  // Each anchor's top-left cell and the chart it holds (by relationship id).
  const anchors: { row: number; col: number; rId: string }[] = [];
  let from: { row: number; col: number } | null = null;
  let inFrom = false;
  let field: 'row' | 'col' | null = null;
  let text = '';
  await reader.xml(drawingPart, {
    open(tag, depth) {
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (depth === 2) from = null;
      if (local === 'from' && depth === 3) {
        inFrom = true;
        from = { row: 0, col: 0 };
      } else if (inFrom && (local === 'row' || local === 'col')) {
        field = local;
        text = '';
      } else if (local === 'chart' && from !== null) {
        const rId = Object.entries(tag.attributes).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
        if (rId !== undefined && anchors.length < MAX_CHARTS) anchors.push({ ...from, rId });
      }
    },
    close(tag) {
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (local === 'from') inFrom = false;
      else if (field !== null && local === field && from !== null) {
        const n = Number(text.trim());
        if (Number.isInteger(n) && n >= 0) from[field] = n;
        field = null;
      }
    },
    text(t) {
      if (field !== null) text += t;
    },
  });
  if (anchors.length === 0) return [];
  const dSlash = drawingPart.lastIndexOf('/');
  const dRels = `${drawingPart.slice(0, dSlash)}/_rels/${drawingPart.slice(dSlash + 1)}.rels`;
  if (!reader.has(dRels)) return [];
  reader.checkDeclared([dRels]);
  const chartRels = await readRelationships(reader, dRels, drawingPart.slice(0, dSlash + 1));
  const out: PlanChart[] = [];
  for (const a of anchors) {
    const rel = chartRels?.get(a.rId);
    if (rel === undefined || !rel.type.endsWith('/chart') || !reader.has(rel.target)) continue;
    reader.checkDeclared([rel.target]);
    const chart = await readChart(reader, rel.target, sheet.name, { row: a.row, col: a.col });
    if (chart !== null) out.push(chart);
  }
  return out;
}

/** "'My sheet'!$B$2:$B$9" as its sheet and block, or null. */
function chartRef(
  f: string,
): { sheet: string; top: number; left: number; bottom: number; right: number } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(f.trim());
  if (m === null) return null;
  const b = block(m[3].replace(/\$/g, ''));
  if (b === null) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], ...b };
}

/**
 * One chart part as a plan chart, when it is one the preview draws and writes as it was meant: a single line
 * chart or column chart (bars standing up), its series' values in adjacent columns of the sheet it is on, over
 * the same rows, right of one column of categories, their names (if any) in the row above. Anything else
 * (pie, scatter, bars lying down, two kinds in one, series in rows or on another sheet) is null: left out.
 */
async function readChart(
  reader: PartReader,
  part: string,
  sheetName: string,
  anchor: { row: number; col: number },
): Promise<PlanChart | null> {
  const kinds: string[] = [];
  let barDir = 'col';
  const series: { tx?: string; cat?: string; val?: string }[] = [];
  let where: 'tx' | 'cat' | 'val' | null = null;
  let inF = false;
  let f = '';
  let inTitle = 0;
  let title = '';
  let inT = false;
  await reader.xml(part, {
    open(tag, depth) {
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (depth === 1 && local !== 'chartSpace') return;
      if (local === 'title' && depth === 3) inTitle = depth;
      // The title's text: its runs (a:t), or the cached text of the cell it names (c:v).
      if (inTitle > 0 && (local === 't' || local === 'v')) inT = true;
      if (/Chart$/.test(local) && local !== 'chart' && depth === 4) kinds.push(local);
      if (local === 'barDir') barDir = tag.attributes.val ?? 'col';
      if (local === 'ser' && depth === 5) series.push({});
      if (depth === 6 && (local === 'tx' || local === 'cat' || local === 'val') && series.length > 0)
        where = local;
      if (local === 'f' && where !== null) {
        inF = true;
        f = '';
      }
    },
    close(tag, depth) {
      const local = tag.name.slice(tag.name.indexOf(':') + 1);
      if (local === 'f' && inF && where !== null) {
        series[series.length - 1][where] = f;
        inF = false;
      }
      if (depth === 6 && (local === 'tx' || local === 'cat' || local === 'val')) where = null;
      if (local === 't' || local === 'v') inT = false;
      if (local === 'title' && depth === inTitle) inTitle = 0;
    },
    text(t) {
      if (inF) f += t;
      else if (inT && title.length < 255) title += t;
    },
  });
  if (kinds.length !== 1 || series.length === 0) return null;
  const kind =
    kinds[0] === 'lineChart' ? 'line' : kinds[0] === 'barChart' && barDir === 'col' ? 'column' : null;
  if (kind === null) return null;
  const cats = series.map((s) => (s.cat === undefined ? null : chartRef(s.cat)));
  const vals = series.map((s) => (s.val === undefined ? null : chartRef(s.val)));
  const cat = cats[0];
  const first = vals[0];
  if (cat === null || first === null || cat.left !== cat.right) return null;
  const named = series.every((s) => s.tx !== undefined);
  for (let k = 0; k < series.length; k++) {
    const v = vals[k];
    const c = cats[k];
    if (v === null || c === null || v.sheet !== sheetName || c.sheet !== sheetName) return null;
    if (c.top !== cat.top || c.bottom !== cat.bottom || c.left !== cat.left) return null;
    if (v.left !== v.right || v.left !== cat.left + 1 + k || v.top !== cat.top || v.bottom !== cat.bottom)
      return null;
    if (named) {
      const t = chartRef(series[k].tx ?? '');
      if (
        t === null ||
        t.sheet !== sheetName ||
        t.top !== cat.top - 1 ||
        t.left !== v.left ||
        t.bottom !== t.top
      )
        return null;
    } else if (series[k].tx !== undefined) return null;
  }
  const top = named ? cat.top - 1 : cat.top;
  return {
    kind,
    title: title === '' ? 'Chart' : title,
    data: { row: top - 1, col: cat.left - 1, rows: cat.bottom - top + 1, cols: series.length + 1 },
    anchor,
  };
}

function checkSignature(data: Uint8Array): void {
  const starts = (bytes: number[]): boolean => bytes.every((b, i) => data[i] === b);
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    refuse(
      'this is an old .xls workbook or a password-protected one; the preview reads .xlsx files without a password',
    );
  if (!starts([0x50, 0x4b])) refuse('this is not an .xlsx file: it is not a zip archive, as every .xlsx is');
}

/** The zip's end record: how many entries its directory says it has, read before the directory itself. */
function declaredEntries(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--)
    if (view.getUint32(at, true) === 0x06054b50) return view.getUint16(at + 10, true);
  return refuse('the file is damaged or cut short: the end of its zip directory is missing');
}

async function openZip(data: Uint8Array): Promise<JSZip> {
  const declared = declaredEntries(data);
  const tooMany = (n: number): string =>
    `the zip holds ${count(n)} files; the preview reads workbooks of up to ${count(IMPORT_LIMITS.zipEntries)}`;
  // 0xffff is a ZIP64 archive's placeholder: its true count is checked once JSZip has read the directory.
  if (declared !== 0xffff && declared > IMPORT_LIMITS.zipEntries) refuse(tooMany(declared));
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false, createFolders: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/encrypted/i.test(message))
      return refuse('the file is encrypted; the preview reads workbooks without a password');
    const method = /compression (\S+) unknown \(inner file : (.*)\)/.exec(message);
    if (method !== null) {
      // JSZip writes the method's two bytes as "\x0E\x00": little-endian, so 14 (LZMA) here.
      const bytes = [...method[1].matchAll(/\\x([0-9A-F]{2})/gi)].map((b) => parseInt(b[1], 16));
      const number = bytes.length === 2 ? bytes[0] + bytes[1] * 256 : method[1];
      return refuse(`${method[2]} is compressed with a method the preview cannot read (method ${number})`);
    }
    return refuse(`the file is damaged: its zip directory cannot be read (${message})`);
  }
  const entries = Object.keys(zip.files).length;
  if (entries > IMPORT_LIMITS.zipEntries) refuse(tooMany(entries));
  return zip;
}

function listing(zip: JSZip): string {
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  if (names.length === 0) return 'nothing';
  return names.length <= 5
    ? names.join(', ')
    : `${names.slice(0, 5).join(', ')} and ${count(names.length - 5)} more`;
}

/** JSZip's stream of one entry's bytes (public in JSZip's documentation, absent from its typings). */
interface EntryStream {
  on(event: 'data', callback: (chunk: Uint8Array) => void): EntryStream;
  on(event: 'end', callback: () => void): EntryStream;
  on(event: 'error', callback: (error: Error) => void): EntryStream;
  resume(): EntryStream;
  pause(): EntryStream;
}

/** Unpacks parts as streams, counting every byte against the part's declared size and the limits. */
class PartReader {
  private total = 0;

  constructor(private readonly zip: JSZip) {}

  has(part: string): boolean {
    return this.zip.file(part) !== null;
  }

  /** The size an entry's directory record declares (JSZip keeps it, without a public name). */
  declared(name: string): number | undefined {
    const entry = this.zip.file(name) as unknown as { _data?: { uncompressedSize?: unknown } } | null;
    const n = entry?._data?.uncompressedSize;
    return typeof n === 'number' && n >= 0 ? n : undefined;
  }

  /** The declared sizes alone, before anything is unpacked. */
  checkDeclared(parts: readonly string[]): void {
    let sum = 0;
    for (const part of parts) {
      const declared = this.declared(part) ?? 0;
      if (declared > IMPORT_LIMITS.partBytes)
        refuse(
          `${part} unpacks to ${size(declared)}; the preview reads parts of up to ${size(IMPORT_LIMITS.partBytes)}`,
        );
      sum += declared;
    }
    if (sum > IMPORT_LIMITS.totalBytes)
      refuse(
        `the parts the preview reads unpack to ${size(sum)} in all; it reads up to ${size(IMPORT_LIMITS.totalBytes)}`,
      );
  }

  /** Streams a part's text into `take`, chunk by chunk; stops (and refuses) the moment a limit is passed. */
  read(part: string, take: (text: string) => void): Promise<void> {
    const entry = this.zip.file(part);
    if (entry === null) return Promise.resolve();
    const declared = this.declared(part);
    const decoder = new TextDecoder('utf-8');
    let bytes = 0;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const stream = (entry as unknown as { internalStream(type: 'uint8array'): EntryStream }).internalStream(
        'uint8array',
      );
      const fail = (error: unknown): void => {
        if (done) return;
        done = true;
        stream.pause();
        reject(error);
      };
      stream.on('data', (chunk) => {
        if (done) return;
        bytes += chunk.length;
        this.total += chunk.length;
        try {
          if (declared !== undefined && bytes > declared)
            refuse(
              `${part} unpacks to more than the ${size(declared)} its zip directory declares: ` +
                'the file is damaged or built to exhaust memory (a zip bomb)',
            );
          if (bytes > IMPORT_LIMITS.partBytes)
            refuse(
              `${part} unpacks to more than ${size(IMPORT_LIMITS.partBytes)}; the preview reads parts of up to ${size(IMPORT_LIMITS.partBytes)}`,
            );
          if (this.total > IMPORT_LIMITS.totalBytes)
            refuse(
              `the parts the preview reads unpack to more than ${size(IMPORT_LIMITS.totalBytes)} in all; it reads up to ${size(IMPORT_LIMITS.totalBytes)}`,
            );
          take(decoder.decode(chunk, { stream: true }));
        } catch (error) {
          fail(error);
        }
      });
      stream.on('error', (error) =>
        fail(
          error instanceof ImportRefused ? error : new ImportRefused(`${part} is damaged: ${error.message}`),
        ),
      );
      stream.on('end', () => {
        if (done) return;
        try {
          take(decoder.decode());
          done = true;
          resolve();
        } catch (error) {
          fail(error);
        }
      });
      stream.resume();
    });
  }

  /**
   * Reads a part's XML with saxes, calling `open`/`close` for elements and `text` for character data. Every
   * part: no DOCTYPE (no entity can expand), well-formed, nested no deeper than the limit.
   */
  async xml(
    part: string,
    handlers: {
      open(tag: SaxesTagPlain, depth: number): void;
      close?(tag: SaxesTagPlain, depth: number): void;
      text?(text: string): void;
    },
  ): Promise<void> {
    const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
    let depth = 0;
    parser.on('doctype', () =>
      refuse(`${part} declares a DOCTYPE: workbooks have none, and its entities could expand without limit`),
    );
    parser.on('opentag', (tag) => {
      depth++;
      if (depth > IMPORT_LIMITS.xmlDepth)
        refuse(
          `${part} nests its XML more than ${IMPORT_LIMITS.xmlDepth} levels deep; the preview reads up to ${IMPORT_LIMITS.xmlDepth}`,
        );
      handlers.open(tag, depth);
    });
    parser.on('closetag', (tag) => {
      handlers.close?.(tag, depth);
      depth--;
    });
    const text = handlers.text;
    if (text !== undefined) {
      parser.on('text', text);
      parser.on('cdata', text);
    }
    parser.on('error', (error) => refuse(`${part} is not well-formed XML (${error.message})`));
    await this.read(part, (chunk) => {
      if (chunk !== '') parser.write(chunk);
    });
    parser.close();
  }
}

/** The root element's name, which must be `local` with no prefix (ExcelJS matches names as written). */
function checkRoot(part: string, tag: SaxesTagPlain, local: string): void {
  if (tag.name === local) return;
  if (tag.name.endsWith(`:${local}`))
    refuse(
      `${part} writes its XML with a namespace prefix (<${tag.name}>), which the preview's reader does not follow`,
    );
  refuse(`${part} is not what the workbook says it is (its XML is a <${tag.name}>, not a <${local}>)`);
}

const PACKAGE_RELS = '_rels/.rels';

/** Where the package's main part is (xl/workbook.xml in every .xlsx). */
async function mainPart(zip: JSZip, reader: PartReader): Promise<string> {
  if (zip.file(PACKAGE_RELS) === null) return 'xl/workbook.xml';
  reader.checkDeclared([PACKAGE_RELS]);
  const rels = await readRelationships(reader, PACKAGE_RELS, '');
  const main = [...(rels?.values() ?? [])].find((r) => r.type.endsWith('/officeDocument'));
  return main?.target ?? 'xl/workbook.xml';
}

/** A relationships part: id → type and the target as a path in the zip. */
async function readRelationships(
  reader: PartReader,
  part: string,
  base: string,
): Promise<Map<string, { type: string; target: string }> | null> {
  const out = new Map<string, { type: string; target: string }>();
  if (!reader.has(part)) return null;
  await reader.xml(part, {
    open(tag, depth) {
      if (depth === 1) checkRoot(part, tag, 'Relationships');
      if (depth !== 2 || tag.name !== 'Relationship') return;
      const { Id, Type, Target, TargetMode } = tag.attributes;
      if (Id === undefined || Type === undefined || Target === undefined || TargetMode === 'External') return;
      out.set(Id, { type: Type, target: resolvePath(base, Target) });
    },
  });
  return out;
}

/** A relationship's target as a path in the zip ("worksheets/sheet1.xml" from xl/ is xl/worksheets/sheet1.xml). */
function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

interface WorkbookRead {
  sheets: { name: string; rId: string }[];
  names: { name: string; local: boolean; text: string }[];
  date1904: boolean;
}

async function readWorkbookXml(reader: PartReader): Promise<WorkbookRead> {
  const part = 'xl/workbook.xml';
  reader.checkDeclared([part]);
  const out: WorkbookRead = { sheets: [], names: [], date1904: false };
  const seen = new Set<string>();
  let name: { name: string; local: boolean; text: string } | null = null;
  await reader.xml(part, {
    open(tag, depth) {
      if (depth === 1) checkRoot(part, tag, 'workbook');
      if (depth === 2 && tag.name === 'workbookPr')
        out.date1904 = ['1', 'true'].includes(tag.attributes.date1904 ?? '');
      if (depth === 3 && tag.name === 'sheet') {
        const sheetName = tag.attributes.name ?? '';
        const rId = Object.entries(tag.attributes).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
        if (sheetName === '' || rId === undefined)
          refuse('the file is damaged: a sheet has no name or no part');
        if (seen.has(sheetName.toLowerCase()))
          refuse(
            `the workbook has two sheets named “${sheetName}” (names that differ only in case are one name)`,
          );
        seen.add(sheetName.toLowerCase());
        out.sheets.push({ name: sheetName, rId });
        if (out.sheets.length > IMPORT_LIMITS.sheets)
          refuse(
            `the workbook has ${count(out.sheets.length)} sheets or more; the preview holds up to ${count(IMPORT_LIMITS.sheets)}`,
          );
      }
      if (depth === 3 && tag.name === 'definedName') {
        name = {
          name: tag.attributes.name ?? '',
          local: tag.attributes.localSheetId !== undefined,
          text: '',
        };
        out.names.push(name);
        if (out.names.length > IMPORT_LIMITS.names)
          refuse(
            `the workbook defines ${count(out.names.length)} names or more; the preview holds up to ${count(IMPORT_LIMITS.names)}`,
          );
      }
    },
    close(tag, depth) {
      if (depth === 3 && tag.name === 'definedName') name = null;
    },
    text(text) {
      if (name === null) return;
      name.text += text;
      if (name.text.length > IMPORT_LIMITS.formulaLength)
        refuse(
          `the name ${name.name} is a formula of more than ${count(IMPORT_LIMITS.formulaLength)} characters; Excel and the preview hold up to ${count(IMPORT_LIMITS.formulaLength)}`,
        );
    },
  });
  return out;
}

async function checkStyles(reader: PartReader): Promise<void> {
  const part = 'xl/styles.xml';
  let formats = 0;
  let inCellXfs = false;
  await reader.xml(part, {
    open(tag, depth) {
      if (depth === 1) checkRoot(part, tag, 'styleSheet');
      if (depth === 2) inCellXfs = tag.name === 'cellXfs';
      if (depth === 3 && inCellXfs && tag.name === 'xf' && ++formats > IMPORT_LIMITS.cellFormats)
        refuse(
          `${part} defines ${count(formats)} cell formats or more; Excel and the preview hold up to ${count(IMPORT_LIMITS.cellFormats)}`,
        );
    },
  });
}

async function checkSharedStrings(reader: PartReader): Promise<void> {
  const part = 'xl/sharedStrings.xml';
  let items = 0;
  let length = -1;
  await reader.xml(part, {
    open(tag, depth) {
      if (depth === 1) checkRoot(part, tag, 'sst');
      if (depth === 2 && tag.name === 'si') {
        length = 0;
        if (++items > IMPORT_LIMITS.sharedStrings)
          refuse(
            `${part} holds more than ${count(IMPORT_LIMITS.sharedStrings)} texts; the preview holds up to ${count(IMPORT_LIMITS.sharedStrings)}`,
          );
      }
    },
    close(tag, depth) {
      if (depth === 2 && tag.name === 'si') length = -1;
    },
    text(text) {
      if (length < 0) return;
      length += text.length;
      if (length > IMPORT_LIMITS.textLength) refuse(tooLongText(`${part} holds a text`, length));
    },
  });
}

const tooLongText = (what: string, length: number): string =>
  `${what} of ${count(length)} characters or more; Excel and the preview hold up to ${count(IMPORT_LIMITS.textLength)} in a cell`;

/** Elements directly under <worksheet> that the preview drops before ExcelJS reads the sheet. */
const DROPPED = new Set([
  'mergeCells',
  'dataValidations',
  'hyperlinks',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'tableParts',
]);

const CELL_REF = /^([A-Z]{1,3})([0-9]{1,7})$/;

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = '';
  for (let m = n; m > 0; m = Math.floor((m - 1) / 26)) s = String.fromCharCode(65 + ((m - 1) % 26)) + s;
  return s;
}

/** What a worksheet's check found besides its cells. */
interface WorksheetRead {
  /** Elements to drop before ExcelJS reads it. */
  drop: Set<string>;
  /** Its merged ranges (0-based), read here: ExcelJS would write a merge's value into every covered cell. */
  merges: CellRange[];
  /** The relationship ids of its tables. */
  tableParts: string[];
  /** Its data validations. */
  validations: InspectedValidation[];
  /** The relationship id of its drawing (charts, pictures), if it has one. */
  drawing: string | null;
  /** Its hyperlinks as the sheet writes them (an external one's address is in the sheet's relationships). */
  hyperlinks: RawHyperlink[];
  /** What it holds that the preview does not write back (hyperlinks…), by kind. */
  leftOut: Map<string, number>;
}

/** Checks one worksheet as it streams; returns the elements to drop from it, its merges and its tables. */
async function checkWorksheet(
  reader: PartReader,
  sheet: { name: string; part: string },
  maxRows: number,
  cells: { total: number },
): Promise<WorksheetRead> {
  const { part } = sheet;
  const where = `sheet “${sheet.name}”`;
  const drop = new Set<string>();
  const merges: CellRange[] = [];
  const tableParts: string[] = [];
  const validations: InspectedValidation[] = [];
  const hyperlinks: RawHyperlink[] = [];
  let drawing: string | null = null;
  const leftOut = new Map<string, number>();
  const more = (kind: string): void => void leftOut.set(kind, (leftOut.get(kind) ?? 0) + 1);
  /** The validation being read, and the text of its formula1/formula2 while inside one. */
  let validation: InspectedValidation | null = null;
  let validationFormula: string | null = null;
  let row = 0;
  let col = 0;
  let lastRow = 0;
  let lastCol = 0;
  let rules = 0;
  let cellRow = 0;
  let cellCol = 0;
  const address = (): string => `${columnLetters(cellCol)}${cellRow}`;
  let inCell = false;
  let textLength = 0;
  let formula: string | null = null;

  const checkRow = (r: number): void => {
    if (r > maxRows)
      refuse(`${where} has a cell in row ${count(r)}; the preview holds ${count(maxRows)} rows a sheet`);
  };
  const checkColumn = (c: number): void => {
    if (c > IMPORT_LIMITS.columns)
      refuse(
        `${where} has a cell in column ${columnLetters(c)} (${count(c)}); Excel and the preview stop at column XFD (16,384)`,
      );
  };

  await reader.xml(part, {
    open(tag, depth) {
      const { name, attributes } = tag;
      if (depth === 1) return checkRoot(part, tag, 'worksheet');
      if (depth === 2 && DROPPED.has(name)) drop.add(name);
      switch (name) {
        case 'row': {
          const r = attributes.r;
          if (r === undefined) row++;
          else if (/^[1-9][0-9]{0,6}$/.test(r) && Number(r) <= 1_048_576) row = Number(r);
          else refuse(`${where} has a row number “${r}” that is not a row`);
          col = 0;
          return;
        }
        case 'c': {
          const ref = attributes.r;
          let r = row;
          if (ref === undefined) col++;
          else {
            const m = CELL_REF.exec(ref);
            if (m === null || m[2].startsWith('0') || Number(m[2]) > 1_048_576)
              refuse(`${where} has a cell reference “${ref}” that is not a cell`);
            col = columnIndex(m[1]);
            r = Number(m[2]);
          }
          if (r === 0) r = row = 1;
          checkRow(r);
          checkColumn(col);
          if (++cells.total > IMPORT_LIMITS.cells)
            refuse(
              `the workbook has more than ${count(IMPORT_LIMITS.cells)} cells; the preview holds up to ${count(IMPORT_LIMITS.cells)}`,
            );
          lastRow = Math.max(lastRow, r);
          lastCol = Math.max(lastCol, col);
          if (lastRow * lastCol > IMPORT_LIMITS.sheetArea)
            refuse(
              `${where} spans A1:${columnLetters(lastCol)}${lastRow} (${count(lastRow * lastCol)} cells); ` +
                `the preview holds sheets of up to ${count(IMPORT_LIMITS.sheetArea)} cells`,
            );
          cellRow = r;
          cellCol = col;
          inCell = true;
          textLength = 0;
          return;
        }
        case 'f':
          if (inCell) formula = '';
          return;
        case 'col': {
          const max = Number(attributes.max ?? attributes.min ?? '1');
          const min = Number(attributes.min ?? '1');
          if (
            !Number.isInteger(max) ||
            !Number.isInteger(min) ||
            max > IMPORT_LIMITS.columns ||
            min < 1 ||
            min > max
          )
            refuse(
              `${where} sets columns up to column ${count(Math.max(max, min) || 0)}; Excel and the preview stop at column XFD (16,384)`,
            );
          return;
        }
        case 'mergeCell': {
          const b = depth === 3 ? block(attributes.ref ?? '') : null;
          // A merge starting past the sheet's edge is nothing the preview can draw; one running past it is cut.
          if (b === null || b.top > maxRows || b.left > IMPORT_LIMITS.columns) return;
          if (merges.length >= IMPORT_LIMITS.merges)
            refuse(
              `${where} has more than ${count(IMPORT_LIMITS.merges)} merged ranges; the preview holds up to ${count(IMPORT_LIMITS.merges)} a sheet`,
            );
          const bottom = Math.min(b.bottom, maxRows);
          const right = Math.min(b.right, IMPORT_LIMITS.columns);
          merges.push({
            row: b.top - 1,
            col: b.left - 1,
            rows: bottom - b.top + 1,
            cols: right - b.left + 1,
          });
          return;
        }
        case 'x14:dataValidation':
          // Excel 2010's form, in the sheet's extension list: ExcelJS drops it, the export does not carry it.
          more('data validations in Excel 2010 form');
          return;
        case 'dataValidation': {
          if (depth !== 3) return;
          if (validations.length >= IMPORT_LIMITS.validations)
            refuse(
              `${where} has more than ${count(IMPORT_LIMITS.validations)} data validation rules; the preview holds up to ${count(IMPORT_LIMITS.validations)} a sheet`,
            );
          const a = attributes;
          const yes = (v: string | undefined): boolean => v === '1' || v === 'true';
          const text = (v: string | undefined): string | undefined =>
            v === undefined || v === '' ? undefined : v.slice(0, IMPORT_LIMITS.textLength);
          validation = {
            sqref: (a.sqref ?? '').slice(0, IMPORT_LIMITS.formulaLength),
            type: a.type ?? 'none',
            allowBlank: yes(a.allowBlank),
            showInputMessage: yes(a.showInputMessage),
            showErrorMessage: yes(a.showErrorMessage),
            hideDropDown: yes(a.showDropDown),
            formulae: [],
          };
          for (const key of [
            'operator',
            'errorStyle',
            'errorTitle',
            'error',
            'promptTitle',
            'prompt',
          ] as const) {
            const v = text(a[key]);
            if (v !== undefined) validation[key] = v;
          }
          validations.push(validation);
          return;
        }
        case 'formula1':
        case 'formula2':
          if (depth === 4 && validation !== null) validationFormula = '';
          return;
        case 'hyperlink': {
          if (depth !== 3) return;
          const a = attributes;
          const rId = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
          if (a.ref === undefined || hyperlinks.length >= IMPORT_LIMITS.validations) {
            more('hyperlinks');
            return;
          }
          hyperlinks.push({
            ref: a.ref,
            ...(rId === undefined ? {} : { rId }),
            ...(a.location === undefined ? {} : { location: a.location.slice(0, 255) }),
            ...(a.tooltip === undefined ? {} : { tooltip: a.tooltip.slice(0, 255) }),
          });
          return;
        }
        case 'drawing':
          if (depth === 2)
            drawing =
              Object.entries(attributes).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? null;
          return;
        case 'tablePart': {
          const rId = Object.entries(attributes).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
          if (depth === 3 && rId !== undefined) tableParts.push(rId);
          return;
        }
        case 'cfRule':
          if (++rules > IMPORT_LIMITS.conditionalFormats)
            refuse(
              `${where} has ${count(rules)} conditional format rules or more; the preview holds up to ${count(IMPORT_LIMITS.conditionalFormats)} a sheet`,
            );
          return;
      }
    },
    close(tag, depth) {
      if ((tag.name === 'formula1' || tag.name === 'formula2') && validationFormula !== null) {
        validation?.formulae.push(validationFormula);
        validationFormula = null;
      } else if (tag.name === 'dataValidation' && depth === 3) validation = null;
      if (tag.name === 'c') inCell = false;
      else if (tag.name === 'f' && formula !== null) {
        checkFormula(formula, `${where} has a formula`, address());
        formula = null;
      }
    },
    text(text) {
      if (validationFormula !== null) {
        if (validationFormula.length + text.length > IMPORT_LIMITS.formulaLength)
          refuse(
            `${where} has a data validation formula of more than ${count(IMPORT_LIMITS.formulaLength)} characters`,
          );
        validationFormula += text;
        return;
      }
      if (!inCell) return;
      if (formula !== null) {
        if (formula.length + text.length > IMPORT_LIMITS.formulaLength)
          refuse(
            `${where} has a formula of ${count(formula.length + text.length)} characters or more in ${address()}; ` +
              `Excel and the preview hold up to ${count(IMPORT_LIMITS.formulaLength)}`,
          );
        formula += text;
        return;
      }
      textLength += text.length;
      if (textLength > IMPORT_LIMITS.textLength)
        refuse(tooLongText(`${where} holds in ${address()} a text`, textLength));
    },
  });
  return { drop, merges, tableParts, validations, hyperlinks, drawing, leftOut };
}

/** A formula's nesting: parentheses (and braces) outside its string literals. */
function checkFormula(formula: string, what: string, address: string): void {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"') inString = !inString;
    else if (inString) continue;
    else if (ch === '(' || ch === '{') deepest = Math.max(deepest, ++depth);
    else if (ch === ')' || ch === '}') depth--;
  }
  if (deepest > IMPORT_LIMITS.formulaNesting)
    refuse(
      `${what} in ${address} that nests ${count(deepest)} levels of parentheses; ` +
        `Excel and the preview hold up to ${IMPORT_LIMITS.formulaNesting}`,
    );
}

const A1_BLOCK = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?$/;
const WHOLE_COLUMNS = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/;
const WHOLE_ROWS = /^\$?([0-9]{1,7}):\$?([0-9]{1,7})$/;

/** The block a reference covers, 1-based and inclusive, or null when it is not one block. */
function block(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  let m = A1_BLOCK.exec(ref);
  if (m !== null) {
    const [r1, c1] = [Number(m[2]), columnIndex(m[1])];
    const [r2, c2] = m[3] === undefined ? [r1, c1] : [Number(m[4]), columnIndex(m[3])];
    return {
      top: Math.min(r1, r2),
      left: Math.min(c1, c2),
      bottom: Math.max(r1, r2),
      right: Math.max(c1, c2),
    };
  }
  m = WHOLE_COLUMNS.exec(ref);
  if (m !== null) {
    const [c1, c2] = [columnIndex(m[1]), columnIndex(m[2])];
    return { top: 1, left: Math.min(c1, c2), bottom: 1_048_576, right: Math.max(c1, c2) };
  }
  m = WHOLE_ROWS.exec(ref);
  if (m !== null) {
    const [r1, r2] = [Number(m[1]), Number(m[2])];
    return { top: Math.min(r1, r2), left: 1, bottom: Math.max(r1, r2), right: 16_384 };
  }
  return null;
}

/**
 * The names the preview keeps: each points at one block of one of its sheets, within the limits (a larger one
 * refuses the file: the engine would build it cell by cell). Built-in names (_xlnm.*, print areas, filters) are
 * left out quietly; a name the preview cannot hold as a block (a formula, a constant, several areas, another
 * workbook, a sheet it does not show) is left out and said.
 */
function checkNames(
  names: WorkbookRead['names'],
  sheets: Set<string>,
  maxRows: number,
  notes: string[],
): InspectedName[] {
  const out: InspectedName[] = [];
  const taken = new Set<string>();
  let covered = 0;
  for (const { name, local, text } of names) {
    if (name === '' || name.startsWith('_xlnm.')) continue;
    const reference = text.trim().replace(/^=/, '');
    const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(reference);
    const sheet = m === null ? null : m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
    const area = m === null ? null : block(m[3]);
    if (sheet === null || area === null || !sheets.has(sheet)) {
      notes.push(
        `the name ${name} (${reference.slice(0, 60)}: the preview keeps names of one block of cells)`,
      );
      continue;
    }
    const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1);
    const a1 = `${columnLetters(area.left)}${area.top}:${columnLetters(area.right)}${area.bottom}`;
    if (area.right > IMPORT_LIMITS.columns || area.bottom > 1_048_576)
      refuse(`the name ${name} points past the last cell of a sheet (${sheet}!${a1})`);
    if (cells > IMPORT_LIMITS.nameCells)
      refuse(
        `the name ${name} covers ${sheet}!${a1} (${count(cells)} cells); ` +
          `the preview holds names of up to ${count(IMPORT_LIMITS.nameCells)} cells`,
      );
    if (area.bottom > maxRows)
      refuse(
        `the name ${name} reaches row ${count(area.bottom)}; the preview holds ${count(maxRows)} rows a sheet`,
      );
    if (taken.has(name.toLowerCase())) {
      notes.push(
        `the name ${name}${local ? ' of one sheet' : ''} (the preview has one name of each spelling, for the whole workbook)`,
      );
      continue;
    }
    taken.add(name.toLowerCase());
    covered += cells;
    if (covered > IMPORT_LIMITS.allNameCells)
      refuse(
        `the workbook's names cover more than ${count(IMPORT_LIMITS.allNameCells)} cells in all; ` +
          `the preview holds names over up to ${count(IMPORT_LIMITS.allNameCells)}`,
      );
    out.push({
      name,
      sheet,
      range: {
        row: area.top - 1,
        col: area.left - 1,
        rows: area.bottom - area.top + 1,
        cols: area.right - area.left + 1,
      },
    });
  }
  return out;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const attribute = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');

/** The workbook part ExcelJS reads: its sheets, in order, and the date system; no names. */
function workbookXml(sheets: readonly { name: string }[], date1904: boolean): string {
  const list = sheets
    .map((s, i) => `<sheet name="${attribute(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${list}</sheets></workbook>`
  );
}

function relationshipsXml(sheets: readonly { part: string }[], zip: JSZip): string {
  const rels = sheets.map(
    (s, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="/${s.part}"/>`,
  );
  if (zip.file('xl/styles.xml') !== null)
    rels.push(`<Relationship Id="rIdStyles" Type="${REL_NS}/styles" Target="/xl/styles.xml"/>`);
  if (zip.file('xl/sharedStrings.xml') !== null)
    rels.push(
      `<Relationship Id="rIdStrings" Type="${REL_NS}/sharedStrings" Target="/xl/sharedStrings.xml"/>`,
    );
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

/** The sheet's XML without the named top-level elements (it has been read whole and found well-formed). */
function withoutElements(xml: string, elements: ReadonlySet<string>): string {
  let out = xml;
  for (const name of elements) {
    const element = new RegExp(`<${name}(?:\\s[^>]*)?/>|<${name}(?:\\s[^>]*)?>[\\s\\S]*?</${name}\\s*>`, 'g');
    out = out.replace(element, '');
  }
  return out;
}
