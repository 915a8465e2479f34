/**
 * Charts (issue 14, item 5): the quarterly pack's column chart and a line chart a plan defines are written into
 * the exported .xlsx as real DrawingML charts (a drawing per sheet, a chart part per chart, series pointing at
 * the sheet's ranges with their values cached), which ExcelJS reads back and LibreOffice opens: its own save of
 * the file still holds both charts, their kinds and their ranges.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { quarterPack, quarterPlan } from '../../src/review/quarter';
import type { SheetPlan } from '../../src/templates/sheetPlan';
import { emptyPlan, exportWorkbook, importXlsx } from '../../preview/xlsx';
import { chartSummary } from '../../preview/chartData';
import { workbookWithFunctions } from '../preview/previewFunctions';
import { csf, even, tracker } from '../review/trackerFixture';
import { convertWithLibreOffice, ensureSoffice } from './libreOffice';

const logos = csf({
  csf: 'Win new logos',
  annualTarget: 1200,
  targets: even(100),
  actuals: [80, 90, 100, 95, 110, 105, 120, 130],
});
const demand = csf({
  team: 'Marketing',
  csf: 'Generate demand',
  annualTarget: 2400,
  targets: even(200),
  actuals: [200, 200, 200, 200, 200, 200, 210, 150],
});
const pack = quarterPack(tracker([logos, demand]), 3, [], [], [], '2026-09-01');
const quarter = quarterPlan(pack, '2026-09-01', 'CSF Tracker');

/** A sheet of monthly bookings with a line chart beside it. */
const bookings: SheetPlan = {
  ...emptyPlan('Bookings'),
  cells: [
    [{ value: 'Month' }, { value: 'Bookings' }, { value: 'Target' }],
    [{ value: 'Jan' }, { value: 120 }, { value: 100 }],
    [{ value: 'Feb' }, { value: 90 }, { value: 100 }],
    [{ value: 'Mar' }, { formula: '=B2+B3' }, { value: 100 }],
  ],
  rows: 4,
  cols: 3,
  charts: [
    {
      kind: 'line',
      title: 'Bookings by month',
      data: { row: 0, col: 0, rows: 4, cols: 3 },
      anchor: { row: 1, col: 4 },
    },
  ],
};

async function exported(): Promise<ArrayBuffer> {
  const wb = workbookWithFunctions();
  await wb.insertSheet(quarter);
  await wb.insertSheet(bookings);
  const out = await exportWorkbook(wb, ExcelJS);
  expect(out.lost).toEqual([]);
  return out.bytes;
}

const text = async (zip: JSZip, part: string): Promise<string> =>
  (await zip.file(part)?.async('string')) ?? '';
const cached = (xml: string): string[] => [...xml.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);

describe('charts in the exported .xlsx', () => {
  let bytes: ArrayBuffer;
  let zip: JSZip;
  const chartOf = quarter.charts[0];

  beforeAll(async () => {
    bytes = await exported();
    zip = await JSZip.loadAsync(bytes);
  });

  test('the quarterly pack defines one column chart over its attainment table', () => {
    expect(quarter.charts).toHaveLength(1);
    expect(chartOf.kind).toBe('column');
    expect(chartOf.data.cols).toBe(3);
  });

  test('each chart is a part with its drawing, relationships and content types', async () => {
    expect(
      Object.keys(zip.files)
        .filter((n) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(n))
        .sort(),
    ).toEqual([
      'xl/charts/chart1.xml',
      'xl/charts/chart2.xml',
      'xl/drawings/drawing1.xml',
      'xl/drawings/drawing2.xml',
    ]);
    const types = await text(zip, '[Content_Types].xml');
    for (const part of ['/xl/charts/chart1.xml', '/xl/charts/chart2.xml'])
      expect(types).toContain(
        `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
      );
    expect(types).toContain('PartName="/xl/drawings/drawing1.xml"');
    const sheet1 = await text(zip, 'xl/worksheets/sheet1.xml');
    const rId = /<drawing r:id="(rId\d+)"\/>/.exec(sheet1)?.[1];
    expect(rId).toBeDefined();
    const rels = await text(zip, 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(rels).toContain(`Id="${rId}"`);
    expect(rels).toContain('Target="../drawings/drawing1.xml"');
    const drawing = await text(zip, 'xl/drawings/drawing1.xml');
    // Anchored at the plan's cell (0-based in DrawingML, as in the plan).
    expect(drawing).toContain(
      `<xdr:from><xdr:col>${chartOf.anchor.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${chartOf.anchor.row}</xdr:row>`,
    );
    expect(await text(zip, 'xl/drawings/_rels/drawing1.xml.rels')).toContain('Target="../charts/chart1.xml"');
  });

  test('the quarter’s chart: clustered columns, series on the sheet’s ranges, values cached from its cells', async () => {
    const xml = await text(zip, 'xl/charts/chart1.xml');
    expect(xml).toContain('<c:barChart><c:barDir val="col"/>');
    const { row, col } = chartOf.data;
    const r1 = row + 2;
    const r2 = row + chartOf.data.rows;
    const letter = (c: number): string => String.fromCharCode(65 + c);
    const sheet = `'${quarter.name}'`;
    expect([...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'"))).toEqual([
      `${sheet}!$${letter(col + 1)}$${row + 1}`,
      `${sheet}!$${letter(col)}$${r1}:$${letter(col)}$${r2}`,
      `${sheet}!$${letter(col + 1)}$${r1}:$${letter(col + 1)}$${r2}`,
      `${sheet}!$${letter(col + 2)}$${row + 1}`,
      `${sheet}!$${letter(col)}$${r1}:$${letter(col)}$${r2}`,
      `${sheet}!$${letter(col + 2)}$${r1}:$${letter(col + 2)}$${r2}`,
    ]);
    // The plan's own cells: header, then CSF, target 1 (100%), attainment per row.
    const cell = (r: number, c: number): unknown => {
      const p = quarter.cells[r]?.[c];
      return p !== undefined && 'value' in p ? p.value : undefined;
    };
    expect(cell(row, col + 1)).toBe('Target');
    // Win new logos, Q3 to date (Jul, Aug): 120 + 130 = 250 against 200, attainment 1.25.
    expect(cell(row + 1, col)).toBe('Win new logos (Sales)');
    expect(cell(row + 1, col + 2)).toBe(1.25);
    const series = xml.split('<c:ser>').slice(1);
    expect(cached(series[0])).toEqual([
      'Target',
      'Win new logos (Sales)',
      'Generate demand (Marketing)',
      '1',
      '1',
    ]);
    expect(cached(series[1])).toEqual([
      'Actual',
      'Win new logos (Sales)',
      'Generate demand (Marketing)',
      '1.25',
      String(cell(row + 2, col + 2)),
    ]);
    expect(xml).toContain('<c:formatCode>0%</c:formatCode>');
    expect(xml).toContain(`<a:t>${chartOf.title}</a:t>`);
  });

  test('a line chart takes its computed values (=B2+B3 is 210)', async () => {
    const xml = await text(zip, 'xl/charts/chart2.xml');
    expect(xml).toContain('<c:lineChart>');
    expect(xml).toContain("<c:f>'Bookings'!$B$2:$B$4</c:f>");
    expect(cached(xml.split('<c:ser>')[1])).toEqual(['Bookings', 'Jan', 'Feb', 'Mar', '120', '90', '210']);
  });

  test('ExcelJS reads the file back whole', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes);
    expect(book.worksheets.map((w) => w.name)).toEqual([quarter.name, 'Bookings']);
    expect(book.getWorksheet('Bookings')!.getCell('B4').value).toEqual({ formula: 'B2+B3', result: 210 });
  });

  test('the preview tells the chart in words', () => {
    const summary = chartSummary({
      chart: bookings.charts[0],
      values: [
        ['Month', 'Bookings', 'Target'],
        ['Jan', 120, 100],
        ['Feb', 90, 100],
        ['Mar', 210, 100],
      ],
    });
    expect(summary).toBe(
      'Line chart, Bookings by month. Jan: Bookings 120, Target 100; Feb: Bookings 90, Target 100; Mar: Bookings 210, Target 100.',
    );
  });

  /** LibreOffice's own save of the exported file. */
  let saved: Buffer;

  test('LibreOffice opens the file and its own save still holds both charts on their ranges', async () => {
    saved = await throughLibreOffice(bytes);
    const out = await JSZip.loadAsync(saved);
    const charts = Object.keys(out.files)
      .filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))
      .sort();
    expect(charts).toHaveLength(2);
    const xmls = await Promise.all(charts.map((c) => text(out, c)));
    const bar = xmls.find((x) => x.includes('<c:barChart>'));
    const line = xmls.find((x) => x.includes('<c:lineChart>'));
    expect(bar).toBeDefined();
    expect(line).toBeDefined();
    expect(bar).toMatch(/<c:barDir val="col"\/>/);
    expect(line).toContain('Bookings!$B$2:$B$4');
    expect(line).toContain('Bookings by month');
    // Each drawing still anchors its chart on its sheet.
    const drawings = Object.keys(out.files).filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n));
    expect(drawings).toHaveLength(2);
  }, 600_000);

  test('import → export → LibreOffice: a file whose charts another program wrote keeps them', async () => {
    // LibreOffice's save (its own DrawingML) imported: both charts are plan charts again, none left out.
    const imported = await importXlsx(saved, ExcelJS, workbookWithFunctions);
    expect(imported.leftOut.filter((l) => l.kind === 'charts')).toEqual([]);
    const back = (sheet: string) => imported.workbook.plans.get(sheet)?.charts;
    expect(back(quarter.name)).toEqual(quarter.charts);
    expect(back('Bookings')).toEqual(bookings.charts);
    const again = await exportWorkbook(imported.workbook, ExcelJS);
    expect(again.lost).toEqual([
      {
        kind: 'charts written back as plain line or column charts (their own colours, fonts and axis settings are not carried)',
        count: 2,
      },
    ]);
    const file = await throughLibreOffice(again.bytes);
    // No error cell in LibreOffice's computation of the copy (none in the original either), the formula right.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const errors: string[] = [];
    book.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as { error?: unknown; result?: unknown } | null;
          const r = v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
          if (r !== null && typeof r === 'object' && 'error' in r) errors.push(`${ws.name}!${cell.address}`);
        }),
      ),
    );
    expect(errors).toEqual([]);
    expect(book.getWorksheet('Bookings')!.getCell('B4').value).toMatchObject({ result: 210 });
    const out = await JSZip.loadAsync(file);
    const charts = Object.keys(out.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(2);
    const xmls = await Promise.all(charts.map((c) => text(out, c)));
    expect(xmls.filter((x) => x.includes('<c:barDir val="col"/>'))).toHaveLength(1);
    expect(xmls.filter((x) => x.includes('<c:lineChart>'))).toHaveLength(1);
  }, 600_000);

  test('a chart the preview cannot draw as it was (a pie) is left out and counted at import', async () => {
    const zip2 = await JSZip.loadAsync(bytes);
    const part = 'xl/charts/chart2.xml';
    zip2.file(
      part,
      (await text(zip2, part)).replace(/<c:lineChart>[\s\S]*<\/c:lineChart>/, (m) =>
        m.replace('<c:lineChart>', '<c:pieChart>').replace('</c:lineChart>', '</c:pieChart>'),
      ),
    );
    const pie = await zip2.generateAsync({ type: 'nodebuffer' });
    const imported = await importXlsx(pie, ExcelJS, workbookWithFunctions);
    expect(imported.leftOut).toEqual([{ kind: 'charts', count: 1 }]);
    expect(imported.workbook.plans.get('Bookings')?.charts).toEqual([]);
    expect(imported.workbook.plans.get(quarter.name)?.charts).toEqual(quarter.charts);
  });
});

async function throughLibreOffice(file: ArrayBuffer | Buffer): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'se-preview-charts-'));
  const path = join(dir, 'charts.xlsx');
  writeFileSync(path, Buffer.from(file as ArrayBuffer));
  const { outputs } = await convertWithLibreOffice(ensureSoffice(), [path]);
  return readFileSync(outputs[0]);
}
