/**
 * Converting SE formulas between hosts' namings (src/values/excelFunctionNames.ts, convertFunctionNames):
 * Sheets' SE_SCORE( ↔ Excel's SE.SCORE(, and Excel's file form _xldudf_SE_SCORE( into either. Unit cases are
 * written out by hand; the property tests build random formulas as trees and render each tree twice, once with
 * Sheets' names and once with Excel's (the renderer is the oracle, not the converter), with string literals,
 * quoted sheet names with apostrophes, bracketed references, look-alike names and nesting thrown in.
 */
import fc from 'fast-check';
import {
  convertFunctionNames,
  functionNameIn,
  type FunctionNaming,
  type SeFunctionName,
} from '../../src/values/excelFunctionNames';
import { readFunctionDocs } from '../../scripts/lib/functionDocs';
import { repoRoot } from '../bundle/builtFiles';

// The real list, read from src/functions as the build reads it: every function, none kept by hand here.
const functions: SeFunctionName[] = readFunctionDocs(repoRoot).map((d) => ({
  sheetsName: d.sheetsName,
  excelId: d.excelId,
}));

const toExcel = (f: string): string => convertFunctionNames(f, functions, 'excel');
const toSheets = (f: string): string => convertFunctionNames(f, functions, 'sheets');

test('the list holds every function of src/functions, the funnel functions included', () => {
  expect(functions.length).toBeGreaterThanOrEqual(11);
  expect(functions).toEqual(
    expect.arrayContaining([
      { sheetsName: 'SE_SCORE', excelId: 'SCORE' },
      { sheetsName: 'SE_REQUIRED_RATE', excelId: 'REQUIRED_RATE' },
      { sheetsName: 'FUNNEL_TARGETS', excelId: 'FUNNEL_TARGETS' },
    ]),
  );
});

describe('by hand', () => {
  const both: [string, string][] = [
    // [Sheets, Excel]
    ['=SE_SCORE(A1,B1)', '=SE.SCORE(A1,B1)'],
    [
      '=IF(SE_SCORE(A1,B1)>0.9,SE_STATUS(SE_SCORE(A1,B1),0.9),"")',
      '=IF(SE.SCORE(A1,B1)>0.9,SE.STATUS(SE.SCORE(A1,B1),0.9),"")',
    ],
    // A function whose Sheets name has no SE_ prefix: Excel still calls it in the SE namespace.
    ['=FUNNEL_TARGETS(B2:B5,C2:C4)', '=SE.FUNNEL_TARGETS(B2:B5,C2:C4)'],
    ['=SE_REQUIRED_RATE(1,2,3)', '=SE.REQUIRED_RATE(1,2,3)'],
    // A string that mentions a call stays as typed, doubled quotes and all.
    ['=SE_SCORE(1,2)&" SE_SCORE( ""SE.SCORE(x)"" "', '=SE.SCORE(1,2)&" SE_SCORE( ""SE.SCORE(x)"" "'],
    // A quoted sheet name with apostrophes and what looks like a call inside it.
    [
      "=SE_SCORE('Q1 ''Plan'' SE_SCORE(x)'!B2,'It''s'!C2)",
      "=SE.SCORE('Q1 ''Plan'' SE_SCORE(x)'!B2,'It''s'!C2)",
    ],
    // Longer names, a defined name and a sheet-qualified name stay.
    [
      '=MY_SE_SCORE(1)+SE_SCORES(2)+SE_SCORE_X(3)+SE_SCORE+Data!SE_SCORE+SE_SCORE(4)',
      '=MY_SE_SCORE(1)+SE_SCORES(2)+SE_SCORE_X(3)+SE_SCORE+Data!SE_SCORE+SE.SCORE(4)',
    ],
    // Letters of other scripts continue a name: ÉSE_SCORE is someone's own function.
    ['=ÉSE_SCORE(1)+SE_SCORE(2)', '=ÉSE_SCORE(1)+SE.SCORE(2)'],
    // Structured references: a column may be named like a call.
    [
      '=SUM(Table1[[#This Row],[SE_SCORE(x)]])+SE_TREND(Table1[Won],1)',
      '=SUM(Table1[[#This Row],[SE_SCORE(x)]])+SE.TREND(Table1[Won],1)',
    ],
    // Numbers with exponents and array constants.
    ['={1E+5,"SE_SCORE(";2,3}+SE_SCORE(1E5,2)', '={1E+5,"SE_SCORE(";2,3}+SE.SCORE(1E5,2)'],
  ];

  test.each(both)('%s ↔ %s', (sheets, excel) => {
    expect(toExcel(sheets)).toBe(excel);
    expect(toSheets(excel)).toBe(sheets);
    // Each is already in its own host's naming: nothing to do.
    expect(toSheets(sheets)).toBe(sheets);
    expect(toExcel(excel)).toBe(excel);
  });

  test('case does not matter when finding a name; the result is the host’s own spelling', () => {
    expect(toExcel('=if(se_score(a1,b1)>0,Se_Status(1),"")')).toBe('=if(SE.SCORE(a1,b1)>0,SE.STATUS(1),"")');
    expect(toSheets('=se.score(1)+Se.Funnel_Targets(A1:A2,B1)')).toBe(
      '=SE_SCORE(1)+FUNNEL_TARGETS(A1:A2,B1)',
    );
  });

  test('Excel’s file form (_xldudf_) becomes either host’s name', () => {
    const file =
      '=IF(_xldudf_SE_SCORE(A1,B1)>0.9,_xldudf_SE_FUNNEL_TARGETS(A1:A3,B1:B2),"_xldudf_SE_SCORE(")';
    expect(toExcel(file)).toBe('=IF(SE.SCORE(A1,B1)>0.9,SE.FUNNEL_TARGETS(A1:A3,B1:B2),"_xldudf_SE_SCORE(")');
    expect(toSheets(file)).toBe('=IF(SE_SCORE(A1,B1)>0.9,FUNNEL_TARGETS(A1:A3,B1:B2),"_xldudf_SE_SCORE(")');
  });

  test('a name that is not an SE function is left alone in either direction', () => {
    for (const f of ['=SE.NOTHING(1)', '=SE_NOTHING(1)', '=FUNNEL(1)', '=NORM.DIST(1,0,1,TRUE)', '=A1&"x"'])
      for (const to of ['excel', 'sheets'] as FunctionNaming[])
        expect(convertFunctionNames(f, functions, to)).toBe(f);
  });

  test('an unclosed string or bracket leaves the rest untouched', () => {
    expect(toExcel('=SE_SCORE(1)&"SE_SCORE(2)')).toBe('=SE.SCORE(1)&"SE_SCORE(2)');
    expect(toExcel('=SE_SCORE(1)+T[SE_SCORE(2)')).toBe('=SE.SCORE(1)+T[SE_SCORE(2)');
  });

  test('functionNameIn names a function as each host calls it', () => {
    expect(functionNameIn({ sheetsName: 'SE_SCORE', excelId: 'SCORE' }, 'sheets')).toBe('SE_SCORE');
    expect(functionNameIn({ sheetsName: 'SE_SCORE', excelId: 'SCORE' }, 'excel')).toBe('SE.SCORE');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property tests: a formula as a tree, rendered with either naming.

type Node =
  | { kind: 'number'; text: string }
  | { kind: 'ref'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'sheetRef'; sheet: string; cell: string }
  | { kind: 'name'; text: string }
  | { kind: 'other'; name: string; args: Node[] }
  | { kind: 'se'; fn: number; args: Node[]; caseMask: number[] }
  | { kind: 'op'; op: string; left: Node; right: Node };

/** Text that tries hard to look like calls, quotes and brackets. */
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'SE_SCORE(',
        'SE.SCORE(',
        '_xldudf_SE_SCORE(',
        'FUNNEL_TARGETS(',
        "'",
        '"',
        '[',
        ']',
        '!',
        ' ',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

const node: fc.Memo<Node> = fc.memo((depth) => {
  const leaf = fc.oneof(
    fc
      .oneof(fc.integer({ min: 0, max: 9999 }).map(String), fc.constantFrom('1E+5', '2.5', '0.9', '1E5'))
      .map((text): Node => ({ kind: 'number', text })),
    fc.constantFrom('A1', '$B$2', 'C3:D9', 'AA10').map((text): Node => ({ kind: 'ref', text })),
    trickyText.map((text): Node => ({ kind: 'string', text })),
    fc
      .record({ sheet: trickyText, cell: fc.constantFrom('A1', 'B2:C3') })
      .map(({ sheet, cell }): Node => ({ kind: 'sheetRef', sheet: sheet === '' ? 'x' : sheet, cell })),
    // Names that contain or resemble an SE name but are not a call of one.
    fc
      .constantFrom('MY_SE_SCORE', 'SE_SCORES', 'SE_SCORE', 'SE_SCORE_X', 'Data!SE_SCORE', 'T[SE_SCORE(x)]')
      .map((text): Node => ({ kind: 'name', text })),
  );
  if (depth <= 0) return leaf;
  const args = fc.array(node(depth - 1), { minLength: 1, maxLength: 3 });
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    {
      weight: 2,
      arbitrary: fc
        .record({
          name: fc.constantFrom('SUM', 'IF', 'MY_SE_SCORE', 'SE_SCORES', 'NORM.DIST', 'SE.NOTHING'),
          args,
        })
        .map((r): Node => ({ kind: 'other', ...r })),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({
          fn: fc.nat(),
          args,
          caseMask: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }).map((bs) => bs.map(Number)),
        })
        .map((r): Node => ({ kind: 'se', ...r })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ op: fc.constantFrom('+', '&', '>', '*'), left: node(depth - 1), right: node(depth - 1) })
        .map((r): Node => ({ kind: 'op', ...r })),
    },
  );
});

interface Style {
  naming: FunctionNaming | 'file';
  /** Spell SE names with the tree's random case (hosts find names without case). */
  randomCase: boolean;
}

function render(n: Node, style: Style): string {
  switch (n.kind) {
    case 'number':
    case 'ref':
    case 'name':
      return n.text;
    case 'string':
      return `"${n.text.replace(/"/g, '""')}"`;
    case 'sheetRef':
      return `'${n.sheet.replace(/'/g, "''")}'!${n.cell}`;
    case 'other':
      return `${n.name}(${n.args.map((a) => render(a, style)).join(',')})`;
    case 'op':
      return `${render(n.left, style)}${n.op}${render(n.right, style)}`;
    case 'se': {
      const fn = functions[n.fn % functions.length];
      let name = style.naming === 'file' ? `_xldudf_SE_${fn.excelId}` : functionNameIn(fn, style.naming);
      if (style.randomCase)
        name = [...name]
          .map((ch, i) => (n.caseMask[i % n.caseMask.length] === 1 ? ch.toLowerCase() : ch))
          .join('');
      return `${name}(${n.args.map((a) => render(a, style)).join(',')})`;
    }
  }
}

const formula = node(4).map((tree) => ({ tree }));

function hasSe(n: Node): boolean {
  switch (n.kind) {
    case 'se':
      return true;
    case 'other':
      return n.args.some(hasSe);
    case 'op':
      return hasSe(n.left) || hasSe(n.right);
    default:
      return false;
  }
}

describe('properties', () => {
  test('the same tree in Sheets’ names converts to the same tree in Excel’s names, and back', () => {
    fc.assert(
      fc.property(formula, ({ tree }) => {
        const sheets = `=${render(tree, { naming: 'sheets', randomCase: false })}`;
        const excel = `=${render(tree, { naming: 'excel', randomCase: false })}`;
        expect(toExcel(sheets)).toBe(excel);
        expect(toSheets(excel)).toBe(sheets);
      }),
      { numRuns: 500 },
    );
  });

  test('A → B → A is the identity, both ways', () => {
    fc.assert(
      fc.property(formula, ({ tree }) => {
        const sheets = `=${render(tree, { naming: 'sheets', randomCase: false })}`;
        const excel = `=${render(tree, { naming: 'excel', randomCase: false })}`;
        expect(toSheets(toExcel(sheets))).toBe(sheets);
        expect(toExcel(toSheets(excel))).toBe(excel);
      }),
      { numRuns: 500 },
    );
  });

  test('names in any case, and Excel’s file form, arrive in the host’s own spelling', () => {
    fc.assert(
      fc.property(formula, ({ tree }) => {
        const canonicalExcel = `=${render(tree, { naming: 'excel', randomCase: false })}`;
        const canonicalSheets = `=${render(tree, { naming: 'sheets', randomCase: false })}`;
        expect(toExcel(`=${render(tree, { naming: 'sheets', randomCase: true })}`)).toBe(canonicalExcel);
        expect(toExcel(`=${render(tree, { naming: 'file', randomCase: true })}`)).toBe(canonicalExcel);
        expect(toSheets(`=${render(tree, { naming: 'excel', randomCase: true })}`)).toBe(canonicalSheets);
        expect(toSheets(`=${render(tree, { naming: 'file', randomCase: true })}`)).toBe(canonicalSheets);
      }),
      { numRuns: 300 },
    );
  });

  test('a formula without an SE call, or already in the target naming, comes back unchanged', () => {
    fc.assert(
      fc.property(formula, ({ tree }) => {
        const sheets = `=${render(tree, { naming: 'sheets', randomCase: true })}`;
        const excel = `=${render(tree, { naming: 'excel', randomCase: true })}`;
        expect(toSheets(sheets)).toBe(sheets);
        expect(toExcel(excel)).toBe(excel);
        if (!hasSe(tree)) {
          expect(toExcel(sheets)).toBe(sheets);
          expect(toSheets(excel)).toBe(excel);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('any text at all: only SE call names change, and nothing else (the text minus those names is equal)', () => {
    // Strip every SE name of either naming from before and after; what remains must be identical.
    const names = functions.flatMap((f) => [f.sheetsName, `SE.${f.excelId}`, `_xldudf_SE_${f.excelId}`]);
    const anyName = new RegExp(
      names
        .map((n) => n.replace(/\./g, '\\.'))
        .sort((a, b) => b.length - a.length)
        .join('|'),
      'gi',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(trickyText, fc.constantFrom('(', ')', ',', '+', 'SE_SCORE(', 'SE.STATUS(')), {
          maxLength: 12,
        }),
        (parts) => {
          const text = `=${parts.join('')}`;
          for (const to of ['excel', 'sheets'] as FunctionNaming[]) {
            const out = convertFunctionNames(text, functions, to);
            expect(out.replace(anyName, '')).toBe(text.replace(anyName, ''));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
