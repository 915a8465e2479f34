/**
 * The manifest's <Requirements> name every Office requirement set the Excel add-in's code uses, at the highest
 * version it uses: Excel offers an add-in only where its declared sets are supported, so a set left out lets the
 * add-in load in a host where its calls then fail. "Used" is read from the code, not kept by hand: every
 * Office.js, Excel and CustomFunctions member excel-addin/*.ts touches is resolved by TypeScript's checker to its
 * declaration in @types/office-js or @types/custom-functions-runtime, whose JSDoc names its set
 * ("[Api set: ExcelApi 1.9]").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { excelDist, readBuilt, repoRoot } from '../bundle/builtFiles';

const OTHER_HOSTS_SETS = /^(Mailbox|WordApi|PowerPointApi|OneNoteApi|VisioApi|OutlookApi)/;

function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

interface Use {
  set: string;
  version: string;
  where: string;
}

function requirementSetsUsed(): Use[] {
  const configPath = join(repoRoot, 'excel-addin/tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, join(repoRoot, 'excel-addin'));
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  const apiSetsOf = (declaration: ts.Declaration): { set: string; version: string }[] => {
    const file = declaration.getSourceFile();
    if (!/@types[\\/](office-js|custom-functions-runtime)[\\/]/.test(file.fileName)) return [];
    const comments = ts.getLeadingCommentRanges(file.text, declaration.pos) ?? [];
    // Two spellings: Excel's "[Api set: ExcelApi 1.9]" and the common API's
    // "**Requirement set**: {@link https://… | SharedRuntime 1.1}" (a list under "Requirement sets" is any-of).
    const pattern =
      /\[Api set: (\w+) (\d+(?:\.\d+)*)\]|\*\*Requirement set\*\*: \{@link [^|}]*\| (\w+) (\d+(?:\.\d+)*)\}/g;
    return comments.flatMap((c) =>
      [...file.text.slice(c.pos, c.end).matchAll(pattern)]
        .map((m) => ({ set: m[1] ?? m[3], version: m[2] ?? m[4] }))
        // Other hosts' sets: AddinCommands.Event.completed is documented with Outlook's Mailbox 1.3.
        .filter((s) => !OTHER_HOSTS_SETS.test(s.set)),
    );
  };
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(join(repoRoot, 'excel-addin'))) continue;
    const visit = (node: ts.Node): void => {
      const name = ts.isPropertyAccessExpression(node)
        ? node.name
        : ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)
          ? node.name
          : null;
      if (name !== null) {
        let symbol = checker.getSymbolAtLocation(name);
        // An object literal's property (a data-validation rule, say) is the contextual type's property.
        if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
          const contextual = checker.getContextualType(node.parent as ts.ObjectLiteralExpression);
          symbol = contextual?.getProperty(name.getText()) ?? symbol;
        }
        for (const declaration of symbol?.declarations ?? []) {
          for (const apiSet of apiSetsOf(declaration)) {
            const { line } = file.getLineAndCharacterOfPosition(node.getStart());
            uses.push({
              ...apiSet,
              where: `${file.fileName.slice(repoRoot.length + 1)}:${line + 1} ${node.getText().slice(0, 60)}`,
            });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return uses;
}

const uses = requirementSetsUsed();
const highest = new Map<string, Use>();
for (const use of uses) {
  const seen = highest.get(use.set);
  if (seen === undefined || compareVersions(use.version, seen.version) > 0) highest.set(use.set, use);
}

const manifest = readBuilt(join(excelDist, 'manifest.xml'));
const declared = new Map(
  [...manifest.matchAll(/<Set Name="(\w+)" MinVersion="([\d.]+)" \/>/g)].map((m) => [m[1], m[2]]),
);

describe('the manifest declares the requirement sets the Excel add-in uses', () => {
  test('the scan finds the uses it must (Excel.run, Range.getTables, CustomFunctions.Error, Office.addin)', () => {
    const sets = [...highest.values()].map((u) => `${u.set} ${u.version}`);
    expect(sets).toEqual(expect.arrayContaining(['ExcelApi 1.9', 'SharedRuntime 1.1']));
    expect(uses.some((u) => u.where.includes('getTables') && u.version === '1.9')).toBe(true);
    expect(uses.some((u) => u.set === 'CustomFunctionsRuntime')).toBe(true);
  });

  test('no set the code uses is missing from the manifest or declared lower than used', () => {
    const missing = [...highest.values()]
      .filter((u) => !declared.has(u.set) || compareVersions(declared.get(u.set) as string, u.version) < 0)
      .map((u) => `${u.set} ${u.version} (declared ${declared.get(u.set) ?? 'nothing'}), e.g. ${u.where}`);
    expect(missing).toEqual([]);
  });

  test('nothing is declared higher than used (it would hide the add-in from hosts it runs in)', () => {
    const over = [...declared].filter(([set, version]) => {
      const used = highest.get(set);
      return used === undefined || compareVersions(version, used.version) > 0;
    });
    expect(over).toEqual([]);
  });

  test('the template declares them too (the build fills in nothing there)', () => {
    const template = readFileSync(join(repoRoot, 'excel-addin/manifest.template.xml'), 'utf8');
    for (const [set, version] of declared)
      expect(template).toContain(`<Set Name="${set}" MinVersion="${version}" />`);
  });
});
