/**
 * Hostile and malformed files for the preview's import, built in code (nothing binary is checked in): zip
 * bombs that tell the truth and bombs that lie, zip directories that are damaged or crowded, names, cells and
 * columns past every limit, XML that is deep, malformed or declares entities, parts that are missing, misnamed
 * or prefixed, and files that are not workbooks at all. Each one says what its refusal must name.
 *
 * Also the opposite: awkward but honest workbooks (a name Excel allows and the engine does not, merged cells
 * and validation over whole sheets, text that looks like numbers) that must import, and quickly.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { IMPORT_LIMITS } from '../../preview/xlsx';

export interface ZipEntry {
  name: string;
  data?: string | Uint8Array;
  /** 0 stored, 8 deflated (the default). */
  method?: number;
  /** Compressed bytes written as they are; `size` is then the uncompressed size the directory declares. */
  raw?: Uint8Array;
  /** The uncompressed size written in the headers (a lie, when it differs from the data). */
  size?: number;
  flags?: number;
  /** CRC-32 written in the headers (default: the data's own, 0 for raw data). */
  crc?: number;
}

const bytesOf = (data: string | Uint8Array | undefined): Uint8Array =>
  typeof data === 'string' ? new TextEncoder().encode(data) : (data ?? new Uint8Array(0));

/** A zip archive, written by hand so its directory can say whatever a test needs it to. */
export function zip(entries: readonly ZipEntry[], options: { declaredCount?: number } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const plain = bytesOf(entry.data);
    const method = entry.method ?? 8;
    const body =
      entry.raw !== undefined
        ? Buffer.from(entry.raw)
        : method === 8
          ? deflateRawSync(plain)
          : Buffer.from(plain);
    const size = entry.size ?? plain.length;
    const crc = entry.crc ?? (entry.raw !== undefined ? 0 : crc32(plain));
    const flags = (entry.flags ?? 0) | 0x0800; // names in UTF-8
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = options.declaredCount ?? entries.length;
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/**
 * Raw deflate data that inflates to `head`, then `fill` repeated `megabytes` times (1 MB at a time), then
 * `tail`: 1 GB of spaces costs about 1 MB. Each segment is flushed to a byte boundary with no reference to the
 * one before, so one compressed megabyte can simply be repeated.
 */
export function deflateBomb(head: string, fill: string, megabytes: number, tail: string): Uint8Array {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const block = deflateRawSync(Buffer.alloc(1 << 20, fill), flush);
  return new Uint8Array(
    Buffer.concat([
      deflateRawSync(Buffer.from(head), flush),
      ...Array.from({ length: megabytes }, () => block),
      deflateRawSync(Buffer.from(tail)),
    ]),
  );
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const xmlText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A worksheet part around `sheetData` rows (and anything after sheetData: merges, validation…). */
export function worksheetXml(rows: string, after = ''): string {
  return `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** One row of inline-string and number cells: `row(3, ['a', 1])` is A3="a", B3=1. */
export function row(r: number, values: readonly (string | number)[]): string {
  const cells = values.map((v, i) => {
    const ref = `${columnName(i)}${r}`;
    return typeof v === 'number'
      ? `<c r="${ref}"><v>${v}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
  });
  return `<row r="${r}">${cells.join('')}</row>`;
}

export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

export interface SheetSpec {
  name: string;
  /** The whole worksheet part (default: one row with a label). */
  xml?: string;
  /** Where the part is stored, relative to xl/ (default worksheets/sheetN.xml). */
  target?: string;
  /** Leave the part out of the zip (the workbook still lists the sheet). */
  missing?: boolean;
}

export interface WorkbookSpec {
  sheets?: SheetSpec[];
  /** The inside of <definedNames>. */
  names?: string;
  /** Replaces xl/workbook.xml entirely. */
  workbookXml?: string;
  sharedStrings?: string;
  styles?: string;
  /** Entries added after the workbook's own (or replacing one of the same name). */
  extra?: ZipEntry[];
}

/** A small but complete .xlsx, with whatever a test changes in it. */
export function workbookEntries(spec: WorkbookSpec = {}): ZipEntry[] {
  const sheets = spec.sheets ?? [{ name: 'Data' }];
  const targets = sheets.map((s, i) => s.target ?? `worksheets/sheet${i + 1}.xml`);
  const sheetList = sheets
    .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const names = spec.names === undefined ? '' : `<definedNames>${spec.names}</definedNames>`;
  const workbook =
    spec.workbookXml ??
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetList}</sheets>${names}</workbook>`;
  const n = sheets.length;
  const rels = [
    ...targets.map(
      (t, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${xmlText(t)}"/>`,
    ),
    `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`,
    ...(spec.sharedStrings === undefined
      ? []
      : [`<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`]),
  ].join('');
  const entries: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      data: `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    { name: 'xl/workbook.xml', data: workbook },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${rels}</Relationships>`,
    },
    { name: 'xl/styles.xml', data: spec.styles ?? STYLES },
    ...(spec.sharedStrings === undefined ? [] : [{ name: 'xl/sharedStrings.xml', data: spec.sharedStrings }]),
    ...sheets.flatMap((s, i): ZipEntry[] =>
      s.missing === true
        ? []
        : [{ name: `xl/${targets[i]}`, data: s.xml ?? worksheetXml(row(1, [`${s.name} label`, 1])) }],
    ),
  ];
  for (const e of spec.extra ?? []) {
    const at = entries.findIndex((x) => x.name === e.name);
    if (at >= 0) entries[at] = e;
    else entries.push(e);
  }
  return entries;
}

export const workbookFile = (spec: WorkbookSpec = {}): Uint8Array => zip(workbookEntries(spec));

export interface HostileFile {
  /** The file name given to the page (its extension is part of the test). */
  name: string;
  bytes: Uint8Array;
  /** What the refusal must say: the limit it hit, or the problem it found. */
  problem: RegExp;
}

const MB = 1024 * 1024;
const rowsOf = (count: number, from = 1, values: (r: number) => (string | number)[] = (r) => [r]) =>
  Array.from({ length: count }, (_, i) => row(from + i, values(from + i))).join('');
const n = (x: number): string => x.toLocaleString('en-US');

/** At least 30 files the preview must refuse, each with the message that says why. */
export function hostileFiles(): HostileFile[] {
  const L = IMPORT_LIMITS;
  const files: HostileFile[] = [];
  const add = (name: string, bytes: Uint8Array, problem: RegExp): void => {
    files.push({ name, bytes, problem });
  };
  const sheetWith = (xml: string, spec: WorkbookSpec = {}): Uint8Array =>
    workbookFile({ ...spec, sheets: [{ name: 'Data', xml }] });

  // --- Not a workbook at all.
  add('empty.xlsx', new Uint8Array(0), /empty/i);
  add('text.xlsx', new TextEncoder().encode('name,amount\nA,1\n'), /not an \.xlsx file.*not a zip/i);
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  add('encrypted-or-xls.xlsx', ole, /password-protected|old \.xls/i);
  add('notxlsx.xlsx', zip([{ name: 'readme.txt', data: 'just a zip' }]), /not an Excel workbook/i);
  add(
    'document.xlsx',
    zip([
      {
        name: '_rels/.rels',
        data: `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
      },
      { name: 'word/document.xml', data: '<document/>' },
    ]),
    /not an Excel workbook.*word\/document\.xml/i,
  );
  add(
    'binary.xlsx',
    zip([
      {
        name: '_rels/.rels',
        data: `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
      },
      { name: 'xl/workbook.bin', data: new Uint8Array(64) },
    ]),
    /binary workbook \(\.xlsb\)/i,
  );
  const good = workbookFile();
  add('truncated.xlsx', good.slice(0, Math.floor(good.length / 2)), /damaged|not a zip/i);
  add('wrong-extension.csv', good, /only \.xlsx files/i);
  add('wrong-extension.xls', good, /only \.xlsx files/i);

  // --- The zip itself: size, crowding, bombs, methods the reader does not know.
  add('too-big.xlsx', new Uint8Array(L.fileBytes + 1), new RegExp(`up to ${L.fileBytes / MB} MB`));
  add(
    'crowded.xlsx',
    zip([
      ...workbookEntries(),
      ...Array.from({ length: L.zipEntries + 1 }, (_, i) => ({ name: `f/${i}`, data: '', method: 0 })),
    ]),
    new RegExp(`${n(L.zipEntries + 1 + 6)} files.*up to ${n(L.zipEntries)}`),
  );
  const bombBody = '<row r="1"><c r="A1"><v>1</v></c></row>';
  add(
    'bomb-declared.xlsx',
    zip(
      workbookEntries({
        extra: [
          {
            name: 'xl/worksheets/sheet1.xml',
            raw: deflateBomb(
              worksheetXml(bombBody).replace('</sheetData></worksheet>', ''),
              ' ',
              1024,
              '</sheetData></worksheet>',
            ),
            size: 1024 * MB + 200,
          },
        ],
      }),
    ),
    new RegExp(`xl/worksheets/sheet1\\.xml unpacks to 1,024 MB.*up to ${L.partBytes / MB} MB`),
  );
  add(
    'bomb-lying.xlsx',
    zip(
      workbookEntries({
        extra: [
          {
            name: 'xl/worksheets/sheet1.xml',
            raw: deflateBomb(
              worksheetXml(bombBody).replace('</sheetData></worksheet>', ''),
              ' ',
              1024,
              '</sheetData></worksheet>',
            ),
            size: 1000,
          },
        ],
      }),
    ),
    /xl\/worksheets\/sheet1\.xml unpacks to more than the 1,000 bytes its zip directory declares/,
  );
  const third = Math.floor(L.totalBytes / 3 / MB) + 2;
  add(
    'bomb-total.xlsx',
    workbookFile({
      sheets: [1, 2, 3].map((i) => ({ name: `S${i}` })),
      extra: [1, 2, 3].map((i) => ({
        name: `xl/worksheets/sheet${i}.xml`,
        raw: deflateBomb(
          worksheetXml('').replace('</sheetData></worksheet>', ''),
          ' ',
          third,
          '</sheetData></worksheet>',
        ),
        size: third * MB + worksheetXml('').length,
      })),
    }),
    new RegExp(`unpack to .* MB in all.*up to ${L.totalBytes / MB} MB`),
  );
  add(
    'encrypted-entry.xlsx',
    zip(workbookEntries().map((e) => (e.name === 'xl/workbook.xml' ? { ...e, flags: 1 } : e))),
    /encrypted/i,
  );
  add(
    'unknown-method.xlsx',
    zip(workbookEntries().map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, method: 14 } : e))),
    /sheet1\.xml is compressed with a method the preview cannot read \(method 14\)/,
  );

  // --- Workbook structure.
  add(
    'no-sheets.xlsx',
    workbookFile({
      workbookXml: `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets/></workbook>`,
    }),
    /no sheets/i,
  );
  add(
    'missing-sheet-part.xlsx',
    workbookFile({ sheets: [{ name: 'Data' }, { name: 'Gone', missing: true }] }),
    /“Gone”.*xl\/worksheets\/sheet2\.xml.*not in the file/,
  );
  add(
    'same-sheet-name.xlsx',
    workbookFile({ sheets: [{ name: 'Data' }, { name: 'DATA' }] }),
    /two sheets named “DATA”/,
  );
  add(
    'many-sheets.xlsx',
    workbookFile({ sheets: Array.from({ length: L.sheets + 1 }, (_, i) => ({ name: `S${i}` })) }),
    new RegExp(`${n(L.sheets + 1)} sheets.*up to ${n(L.sheets)}`),
  );
  add(
    'prefixed-xml.xlsx',
    sheetWith(
      `${XML_HEAD}<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    ),
    /namespace prefix/i,
  );

  // --- Cells, rows, columns.
  add(
    'row-125001.xlsx',
    sheetWith(worksheetXml(row(1, ['top']) + row(125001, ['far down']))),
    new RegExp(`row 125,001.*${n(L.rows)} rows`),
  );
  add(
    'rows-45000.xlsx',
    sheetWith(worksheetXml(rowsOf(45000))),
    new RegExp(`row ${n(L.rows + 1)}.*${n(L.rows)} rows`),
  );
  add(
    'column-past-xfd.xlsx',
    sheetWith(worksheetXml('<row r="1"><c r="XFE1"><v>1</v></c></row>')),
    /column XFE.*XFD/,
  );
  add(
    'bad-cell-reference.xlsx',
    sheetWith(worksheetXml('<row r="1"><c r="A0"><v>1</v></c></row>')),
    /cell reference “A0”/,
  );
  add('bad-row-number.xlsx', sheetWith(worksheetXml('<row r="-5"><c><v>1</v></c></row>')), /row number “-5”/);
  add(
    'sparse-area.xlsx',
    sheetWith(worksheetXml(row(1, ['a']) + `<row r="40000"><c r="ZZ40000"><v>1</v></c></row>`)),
    new RegExp(`A1:ZZ40000.*up to ${n(L.sheetArea)} cells`),
  );
  const perRow = 50;
  const cellRows = Math.ceil((L.cells + 1) / perRow);
  add(
    'too-many-cells.xlsx',
    sheetWith(worksheetXml(rowsOf(cellRows, 1, () => Array.from({ length: perRow }, (_, i) => i)))),
    new RegExp(`more than ${n(L.cells)} cells`),
  );
  add(
    'columns-past-xfd.xlsx',
    sheetWith(
      `${XML_HEAD}<worksheet xmlns="${MAIN}"><cols><col min="1" max="1000000000" width="9"/></cols><sheetData/></worksheet>`,
    ),
    /column 1,000,000,000.*16,384/,
  );

  // --- Text and formulas.
  add(
    'long-text.xlsx',
    sheetWith(worksheetXml(row(1, ['x'.repeat(L.textLength + 1)]))),
    new RegExp(`${n(L.textLength + 1)} characters.*up to ${n(L.textLength)}`),
  );
  add(
    'huge-shared-strings.xlsx',
    workbookFile({
      sharedStrings: `${XML_HEAD}<sst xmlns="${MAIN}">${'<si><t>a</t></si>'.repeat(L.sharedStrings + 1)}</sst>`,
    }),
    new RegExp(`more than ${n(L.sharedStrings)} texts`),
  );
  add(
    'long-formula.xlsx',
    sheetWith(worksheetXml(`<row r="1"><c r="A1"><f>${'1+'.repeat(L.formulaLength / 2)}1</f></c></row>`)),
    new RegExp(`formula of ${n(L.formulaLength + 1)} characters.*up to ${n(L.formulaLength)}`),
  );
  add(
    'deep-formula.xlsx',
    sheetWith(worksheetXml(`<row r="1"><c r="A1"><f>${'('.repeat(1000)}1${')'.repeat(1000)}</f></c></row>`)),
    new RegExp(`nests 1,000 levels.*up to ${L.formulaNesting}`),
  );

  // --- XML.
  add(
    'deep-xml.xlsx',
    sheetWith(worksheetXml(`${'<x>'.repeat(100000)}${'</x>'.repeat(100000)}`)),
    new RegExp(`more than ${L.xmlDepth} levels`),
  );
  add(
    'entities.xlsx',
    sheetWith(
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`,
    ),
    /DOCTYPE/,
  );
  add(
    'malformed-xml.xlsx',
    sheetWith(
      `${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>1</c></row></sheetData></worksheet>`,
    ),
    /sheet1\.xml is not well-formed XML/,
  );

  // --- Names.
  add(
    'name-whole-sheet.xlsx',
    workbookFile({ names: '<definedName name="Everything">Data!$A$1:$XFD$1048576</definedName>' }),
    new RegExp(`Everything.*17,179,869,184 cells.*up to ${n(L.nameCells)} cells`),
  );
  add(
    'name-100000-rows.xlsx',
    workbookFile({ names: '<definedName name="Tall">Data!$A$1:$Z$100000</definedName>' }),
    new RegExp(`Tall.*(2,600,000 cells|row 100,000)`),
  );
  add(
    'name-whole-column.xlsx',
    workbookFile({ names: '<definedName name="ColumnA">Data!$A:$A</definedName>' }),
    new RegExp(`ColumnA.*(row 1,048,576|1,048,576 cells)`),
  );
  add(
    'names-cover-too-much.xlsx',
    workbookFile({
      // Three names of 90,000 cells each: each within the limit, together past it.
      names: [
        ['A', 'C'],
        ['D', 'F'],
        ['G', 'I'],
      ]
        .map(([a, b], i) => `<definedName name="Block_${i}">Data!$${a}$1:$${b}$30000</definedName>`)
        .join(''),
    }),
    new RegExp(`names cover more than ${n(L.allNameCells)} cells in all`),
  );
  add(
    'many-names.xlsx',
    workbookFile({
      names: Array.from(
        { length: L.names + 1 },
        (_, i) => `<definedName name="N_${i}">Data!$A$1</definedName>`,
      ).join(''),
    }),
    new RegExp(`${n(L.names + 1)} names.*up to ${n(L.names)}`),
  );

  // --- Styles.
  add(
    'many-formats.xlsx',
    workbookFile({
      styles: STYLES.replace(
        /<cellXfs count="1">.*<\/cellXfs>/,
        `<cellXfs>${'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'.repeat(L.cellFormats + 1)}</cellXfs>`,
      ),
    }),
    new RegExp(`${n(L.cellFormats + 1)} cell formats.*up to ${n(L.cellFormats)}`),
  );
  add(
    'many-conditional-formats.xlsx',
    sheetWith(
      worksheetXml(
        row(1, ['a']),
        Array.from(
          { length: L.conditionalFormats + 1 },
          (_, i) =>
            `<conditionalFormatting sqref="A${i + 1}"><cfRule type="expression" priority="${i + 1}"><formula>A${i + 1}="x"</formula></cfRule></conditionalFormatting>`,
        ).join(''),
      ),
    ),
    new RegExp(`${n(L.conditionalFormats + 1)} conditional format rules.*up to ${n(L.conditionalFormats)}`),
  );
  return files;
}

/** Honest workbooks that are awkward: each must import (quickly), with what it says kept or noted. */
export function trickyFiles(): { name: string; bytes: Uint8Array }[] {
  return [
    {
      // Excel accepts \tax as a name; HyperFormula does not: the workbook comes in, the name is noted.
      name: 'backslash-name.xlsx',
      bytes: workbookFile({
        names:
          '<definedName name="\\tax">Data!$B$1</definedName><definedName name="Rate">Data!$B$1</definedName>',
      }),
    },
    {
      name: 'merged-and-validated-everywhere.xlsx',
      bytes: workbookFile({
        sheets: [
          {
            name: 'Data',
            xml: worksheetXml(
              row(1, ['Data label', 1]),
              '<mergeCells count="1"><mergeCell ref="C1:XFD1048576"/></mergeCells>' +
                '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
            ),
          },
        ],
      }),
    },
    {
      // A bomb in a part the preview never reads (an image) is never unpacked.
      name: 'bomb-in-image.xlsx',
      bytes: zip([
        ...workbookEntries(),
        { name: 'xl/media/image1.png', raw: deflateBomb('', '\0', 1024, ''), size: 4000 },
      ]),
    },
  ];
}
