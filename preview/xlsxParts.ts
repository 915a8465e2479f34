/**
 * Parts ExcelJS does not write as the preview needs them, added to the zip ExcelJS wrote: Excel tables (a
 * ListObject over cells already written, its header row the cells' own text) and charts (DrawingML: a drawing
 * per sheet holding a graphic frame per chart, each chart a c:chartSpace whose series point at the sheet's
 * ranges and carry their values as caches). Each part gets its relationship and its content type, so Excel,
 * LibreOffice and ExcelJS open the file as they open their own.
 */
import JSZip from 'jszip';
import { a1, columnLetter, quoteSheet, rangeA1 } from '../src/templates/a1';
import type { CellRange, PlanChart, PlanValue } from '../src/templates/sheetPlan';
import { CHART_COLS, CHART_ROWS } from './chartData';
import { chartSeries, type ChartOut } from './chartData';
import type { TableStyle } from './xlsxCheck';

/** An Excel table to write over cells the sheet already holds. */
export interface TableOut {
  name: string;
  range: CellRange;
  headerRows: number;
  totalsRows: number;
  /** Its columns' names: the header row's texts, left to right. */
  columns: string[];
  style?: TableStyle;
}

export type { ChartOut } from './chartData';

/** What to add to one worksheet ExcelJS wrote as xl/worksheets/sheet<id>.xml. */
export interface SheetParts {
  /** ExcelJS's worksheet id (its part's number). */
  id: number;
  name: string;
  tables: readonly TableOut[];
  charts: readonly ChartOut[];
  /**
   * The sheet has notes: ExcelJS writes their <legacyDrawing> last, after <tableParts> and <extLst>, where
   * Excel's schema does not allow it; it is moved to its place.
   */
  notes?: boolean;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

const CONTENT_TYPE = {
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};

/** XML text and attribute escaping. */
export function xmlText(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // eslint-disable-next-line no-control-regex -- XML 1.0 has no place for these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/** Adds the sheets' tables and charts to the zip ExcelJS wrote; returns the new bytes. */
export async function addParts(
  bytes: ArrayBuffer | Uint8Array,
  sheets: readonly SheetParts[],
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const overrides: { part: string; type: string }[] = [];
  let tableId = 0;
  let chartId = 0;
  let drawingId = 0;
  for (const sheet of sheets) {
    if (sheet.tables.length === 0 && sheet.charts.length === 0 && sheet.notes !== true) continue;
    const sheetPart = `xl/worksheets/sheet${sheet.id}.xml`;
    const relsPart = `xl/worksheets/_rels/sheet${sheet.id}.xml.rels`;
    const sheetFile = zip.file(sheetPart);
    if (sheetFile === null) throw new Error(`Export: ExcelJS wrote no ${sheetPart} for sheet ${sheet.name}`);
    let xml = await sheetFile.async('string');
    const legacy = /<legacyDrawing\s[^>]*\/>/.exec(xml.slice(xml.lastIndexOf('</sheetData>')));
    if (legacy !== null) {
      const at = xml.lastIndexOf(legacy[0]);
      xml = insertElement(xml.slice(0, at) + xml.slice(at + legacy[0].length), legacy[0], LEGACY_FOLLOWERS);
    }
    const rels = new Relationships(await zip.file(relsPart)?.async('string'));
    if (sheet.charts.length > 0) {
      drawingId++;
      const drawingPart = `xl/drawings/drawing${drawingId}.xml`;
      const drawingRels = new Relationships(undefined);
      const anchors = sheet.charts.map((c) => {
        chartId++;
        const chartPart = `xl/charts/chart${chartId}.xml`;
        zip.file(chartPart, chartXml(sheet.name, c));
        overrides.push({ part: chartPart, type: CONTENT_TYPE.chart });
        const rId = drawingRels.add(`${REL_NS}/chart`, `../charts/chart${chartId}.xml`);
        return anchorXml(c.chart, chartId, rId);
      });
      zip.file(
        drawingPart,
        `${XML_HEAD}<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}">${anchors.join('')}</xdr:wsDr>`,
      );
      zip.file(`xl/drawings/_rels/drawing${drawingId}.xml.rels`, drawingRels.xml());
      overrides.push({ part: drawingPart, type: CONTENT_TYPE.drawing });
      const rId = rels.add(`${REL_NS}/drawing`, `../drawings/drawing${drawingId}.xml`);
      xml = insertElement(xml, `<drawing r:id="${rId}"/>`, DRAWING_FOLLOWERS);
    }
    if (sheet.tables.length > 0) {
      const parts = sheet.tables.map((t) => {
        tableId++;
        const part = `xl/tables/table${tableId}.xml`;
        zip.file(part, tableXml(t, tableId));
        overrides.push({ part, type: CONTENT_TYPE.table });
        return `<tablePart r:id="${rels.add(`${REL_NS}/table`, `../tables/table${tableId}.xml`)}"/>`;
      });
      xml = insertElement(
        xml,
        `<tableParts count="${parts.length}">${parts.join('')}</tableParts>`,
        TABLE_FOLLOWERS,
      );
    }
    zip.file(sheetPart, xml);
    zip.file(relsPart, rels.xml());
  }
  if (overrides.length > 0) {
    const types = zip.file('[Content_Types].xml');
    if (types === null) throw new Error('Export: ExcelJS wrote no [Content_Types].xml');
    const text = await types.async('string');
    const added = overrides.map((o) => `<Override PartName="/${o.part}" ContentType="${o.type}"/>`).join('');
    if (!text.includes('</Types>') || !text.includes(`xmlns="${CT_NS}"`))
      throw new Error('Export: [Content_Types].xml is not as ExcelJS writes it');
    zip.file('[Content_Types].xml', text.replace('</Types>', `${added}</Types>`));
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Elements a worksheet's <drawing> must come before (CT_Worksheet's order). */
const DRAWING_FOLLOWERS = [
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];
const TABLE_FOLLOWERS = ['extLst'];
const LEGACY_FOLLOWERS = DRAWING_FOLLOWERS.slice(1);

/**
 * `element` into the worksheet's XML before the first of `followers` directly under <worksheet> (not one nested
 * deeper, as a data bar's own extLst), or at its end. The scan starts after <sheetData>, the cells.
 */
export function insertElement(xml: string, element: string, followers: readonly string[]): string {
  const end = xml.lastIndexOf('</worksheet>');
  if (end < 0) throw new Error('Export: a worksheet part has no </worksheet>');
  const dataEnd = xml.indexOf('</sheetData>');
  const from =
    dataEnd < 0 ? xml.indexOf('>', xml.indexOf('<worksheet')) + 1 : dataEnd + '</sheetData>'.length;
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;
  tag.lastIndex = from;
  let depth = 0;
  for (let m = tag.exec(xml); m !== null && m.index < end; m = tag.exec(xml)) {
    const [, closing, name, selfClosing] = m;
    if (closing === '/') depth--;
    else {
      if (depth === 0 && followers.includes(name))
        return xml.slice(0, m.index) + element + xml.slice(m.index);
      if (selfClosing !== '/') depth++;
    }
  }
  return xml.slice(0, end) + element + xml.slice(end);
}

/** A part's relationships: those it has, and new ones with ids of their own. */
class Relationships {
  private readonly items: string[] = [];
  private readonly ids = new Set<string>();

  constructor(existing: string | undefined) {
    if (existing === undefined) return;
    for (const m of existing.matchAll(/<Relationship\b[^>]*\/>/g)) {
      this.items.push(m[0]);
      const id = /\bId="([^"]*)"/.exec(m[0]);
      if (id !== null) this.ids.add(id[1]);
    }
  }

  add(type: string, target: string): string {
    let n = this.items.length + 1;
    while (this.ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.ids.add(id);
    this.items.push(`<Relationship Id="${id}" Type="${type}" Target="${xmlText(target)}"/>`);
    return id;
  }

  xml(): string {
    return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${this.items.join('')}</Relationships>`;
  }
}

function tableXml(t: TableOut, id: number): string {
  const ref = rangeA1(t.range);
  const header = t.headerRows > 0;
  const filter = header
    ? `<autoFilter ref="${rangeA1({ ...t.range, rows: t.range.rows - t.totalsRows })}"/>`
    : '';
  const columns = t.columns.map((name, i) => `<tableColumn id="${i + 1}" name="${xmlText(name)}"/>`).join('');
  const style = t.style ?? {
    name: 'TableStyleMedium2',
    showFirstColumn: false,
    showLastColumn: false,
    showRowStripes: true,
    showColumnStripes: false,
  };
  const flag = (b: boolean): string => (b ? '1' : '0');
  return (
    `${XML_HEAD}<table xmlns="${MAIN_NS}" id="${id}" name="${xmlText(t.name)}" displayName="${xmlText(t.name)}" ref="${ref}"` +
    `${header ? '' : ' headerRowCount="0"'}${t.totalsRows > 0 ? ` totalsRowCount="${t.totalsRows}"` : ' totalsRowShown="0"'}>` +
    `${filter}<tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${xmlText(style.name)}" showFirstColumn="${flag(style.showFirstColumn)}" showLastColumn="${flag(style.showLastColumn)}"` +
    ` showRowStripes="${flag(style.showRowStripes)}" showColumnStripes="${flag(style.showColumnStripes)}"/></table>`
  );
}

function anchorXml(chart: PlanChart, id: number, rId: string): string {
  const { row, col } = chart.anchor;
  const marker = (tag: string, r: number, c: number): string =>
    `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${marker('from', row, col)}${marker('to', row + CHART_ROWS, col + CHART_COLS)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="Chart ${id}" descr="${xmlText(chart.title)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${REL_NS}" r:id="${rId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** A series' cached numbers: a number as it is, anything else left out of the cache (a gap). */
function numCache(values: readonly PlanValue[], format = 'General'): string {
  const points = values
    .map((v, i) =>
      typeof v === 'number' && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '',
    )
    .join('');
  return `<c:numCache><c:formatCode>${xmlText(format)}</c:formatCode><c:ptCount val="${values.length}"/>${points}</c:numCache>`;
}

function strCache(values: readonly PlanValue[]): string {
  const points = values
    .map((v, i) => (v === null || v === '' ? '' : `<c:pt idx="${i}"><c:v>${xmlText(String(v))}</c:v></c:pt>`))
    .join('');
  return `<c:strCache><c:ptCount val="${values.length}"/>${points}</c:strCache>`;
}

function chartXml(sheet: string, c: ChartOut): string {
  const { chart } = c;
  const { data } = chart;
  const { header, categories, series } = chartSeries(c.chart, c.values);
  const top = data.row + (header ? 1 : 0);
  const bottom = data.row + data.rows - 1;
  const ref = (col: number, r1: number, r2: number): string =>
    `${quoteSheet(sheet)}!$${columnLetter(col)}$${r1 + 1}:$${columnLetter(col)}$${r2 + 1}`;
  const categoryText = categories.some((v) => typeof v !== 'number');
  const cat = categoryText
    ? `<c:cat><c:strRef><c:f>${xmlText(ref(data.col, top, bottom))}</c:f>${strCache(categories)}</c:strRef></c:cat>`
    : `<c:cat><c:numRef><c:f>${xmlText(ref(data.col, top, bottom))}</c:f>${numCache(categories)}</c:numRef></c:cat>`;
  const ser = series
    .map((s, i) => {
      const name = header
        ? `<c:tx><c:strRef><c:f>${xmlText(`${quoteSheet(sheet)}!$${columnLetter(s.col)}$${data.row + 1}`)}</c:f>${strCache([s.name])}</c:strRef></c:tx>`
        : '';
      const marker = chart.kind === 'line' ? '<c:marker><c:symbol val="none"/></c:marker>' : '';
      const invert = chart.kind === 'column' ? '<c:invertIfNegative val="0"/>' : '';
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${name}${invert}${marker}${cat}` +
        `<c:val><c:numRef><c:f>${xmlText(ref(s.col, top, bottom))}</c:f>${numCache(s.values, c.numberFormat)}</c:numRef></c:val>` +
        `${chart.kind === 'line' ? '<c:smooth val="0"/>' : ''}</c:ser>`
      );
    })
    .join('');
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const plot =
    chart.kind === 'line'
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${ser}<c:marker val="1"/>${axes}</c:lineChart>`
      : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${ser}<c:gapWidth val="150"/>${axes}</c:barChart>`;
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${xmlText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  const catAx =
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${xmlText(c.numberFormat ?? 'General')}" sourceLinked="1"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="between"/></c:valAx>`;
  const legend =
    series.length > 1 || header ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : '';
  return (
    `${XML_HEAD}<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${REL_NS}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>${plot}${catAx}${valAx}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The A1 address of a chart's anchor cell (for messages and the preview's drawing). */
export const anchorA1 = (chart: PlanChart): string => a1(chart.anchor.row, chart.anchor.col);
