/**
 * Offline structural check of dist/excel-addin/manifest.xml: Microsoft's validator needs a web service, so the
 * rules that break a sideload are checked here (well-formed, ids, shared runtime, resids, URLs, files, icons).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { pngSize } from '../scripts/lib/iconPng';
import { defaultBaseUrl } from '../scripts/lib/buildAddins';
import { excelDist, readBuilt } from './bundle/builtFiles';
import { templateChoices } from '../src/app/templates';

interface XmlElement {
  tag: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** fast-xml-parser's preserveOrder output as a plain element tree (order matters: the schema is sequential). */
function toElements(nodes: OrderedNode[]): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    const tag = Object.keys(node).find((key) => key !== ':@');
    if (tag === undefined || tag === '#text' || tag.startsWith('?')) continue;
    const childNodes = node[tag] as OrderedNode[];
    const text = childNodes
      .filter((child) => '#text' in child)
      .map((child) => String(child['#text']))
      .join('');
    elements.push({ tag, attributes: node[':@'] ?? {}, children: toElements(childNodes), text: text.trim() });
  }
  return elements;
}

function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

const xml = readBuilt(join(excelDist, 'manifest.xml'));
const parsed = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
}).parse(xml) as OrderedNode[];
const root = toElements(parsed)[0];
const all = [root, ...descendants(root)];
const byTag = (tag: string): XmlElement[] => all.filter((e) => e.tag === tag);
/** A base URL as the build writes it into the manifest (scripts/lib/buildAddins.ts checkBaseUrl): its href, no trailing "/". */
function normalBase(base: string): string {
  return new URL(base).href.replace(/\/+$/, '');
}
const baseUrl = normalBase(process.env.SE_ADDIN_BASE_URL ?? defaultBaseUrl);

/**
 * The file in `dist` (dist/excel-addin) a manifest URL names: its path below the base URL's path, whatever that
 * path is (`/excel-addin` for npm start, `/se-toolkit` or nothing at all in production), on the base URL's
 * origin, percent-escapes decoded.
 */
function distFileOf(url: string, base = baseUrl, dist = excelDist): string {
  const at = new URL(url);
  const root = new URL(normalBase(base));
  const basePath = root.pathname.replace(/\/+$/, '');
  if (at.origin !== root.origin || !at.pathname.startsWith(`${basePath}/`))
    throw new Error(`${url} is not under ${base}`);
  return join(
    dist,
    ...at.pathname
      .slice(basePath.length + 1)
      .split('/')
      .map(decodeURIComponent),
  );
}

describe('dist/excel-addin/manifest.xml', () => {
  test('is well-formed XML with an OfficeApp TaskPaneApp root', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(root.tag).toBe('OfficeApp');
    expect(root.attributes['xsi:type']).toBe('TaskPaneApp');
  });

  test('Id is a GUID', () => {
    expect(byTag('Id')[0].text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  });

  test('requires SharedRuntime 1.1 and runs one long-lived runtime on the task pane page', () => {
    const sets = byTag('Set').map((s) => `${s.attributes.Name} ${s.attributes.MinVersion}`);
    expect(sets).toContain('SharedRuntime 1.1');
    const runtimes = byTag('Runtime');
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].attributes).toEqual({ resid: 'Taskpane.Url', lifetime: 'long' });
    // The shared runtime only loads when the custom functions' page and FunctionFile are the same resid.
    const customFunctions = byTag('ExtensionPoint').find(
      (e) => e.attributes['xsi:type'] === 'CustomFunctions',
    );
    expect(customFunctions).toBeDefined();
    const page = (customFunctions as XmlElement).children.find((c) => c.tag === 'Page');
    expect(page?.children[0].attributes.resid).toBe('Taskpane.Url');
    expect(byTag('FunctionFile')[0].attributes.resid).toBe('Taskpane.Url');
  });

  test('the one ShowTaskpane action opens the runtime’s page and names no TaskpaneId (one pane per shared runtime)', () => {
    const workbookHost = byTag('Host').find((h) => h.attributes['xsi:type'] === 'Workbook') as XmlElement;
    const runtimeResid = byTag('Runtime')[0].attributes.resid;
    const showTaskpane = descendants(workbookHost).filter(
      (e) => e.tag === 'Action' && e.attributes['xsi:type'] === 'ShowTaskpane',
    );
    expect(showTaskpane).toHaveLength(1);
    expect(showTaskpane[0].children.map((c) => [c.tag, c.attributes.resid])).toEqual([
      ['SourceLocation', runtimeResid],
    ]);
    expect(byTag('TaskpaneId')).toEqual([]);
    // Every other action runs in that runtime: ExecuteFunction, never a page of its own.
    const others = descendants(workbookHost).filter(
      (e) => e.tag === 'Action' && e.attributes['xsi:type'] !== 'ShowTaskpane',
    );
    expect(new Set(others.map((a) => a.attributes['xsi:type']))).toEqual(new Set(['ExecuteFunction']));
  });

  test('keeps the element order of the shared-runtime sample (Runtimes, AllFormFactors, DesktopFormFactor)', () => {
    const workbookHost = byTag('Host').find((h) => h.attributes['xsi:type'] === 'Workbook');
    expect(workbookHost?.children.map((c) => c.tag)).toEqual([
      'Runtimes',
      'AllFormFactors',
      'DesktopFormFactor',
    ]);
    const customFunctions = byTag('ExtensionPoint').find(
      (e) => e.attributes['xsi:type'] === 'CustomFunctions',
    );
    expect(customFunctions?.children.map((c) => c.tag)).toEqual(['Script', 'Page', 'Metadata', 'Namespace']);
    expect(root.children.map((c) => c.tag)).toEqual([
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ]);
  });

  const resources = new Map(
    byTag('Resources')
      .flatMap((r) => descendants(r))
      .filter((e) => e.attributes.id !== undefined)
      .map((e) => [e.attributes.id, e]),
  );

  test('namespace is SE', () => {
    const namespace = byTag('Namespace')[0].attributes.resid;
    expect(resources.get(namespace)?.attributes.DefaultValue).toBe('SE');
  });

  test('every resid is defined in Resources', () => {
    const used = all.map((e) => e.attributes.resid).filter((r): r is string => r !== undefined);
    expect(used.length).toBeGreaterThan(0);
    for (const resid of used) expect([resid, resources.has(resid)]).toEqual([resid, true]);
  });

  const urls = all
    .map((e) => e.attributes.DefaultValue)
    .filter((value): value is string => value !== undefined && /^[a-z]+:\/\//i.test(value));

  test('the default base URL is the /excel-addin/ folder npm start serves', () => {
    expect(defaultBaseUrl).toBe('https://localhost:3000/excel-addin');
  });

  test('a manifest URL names its file in dist for any base URL, not only one ending in /excel-addin', () => {
    const dist = '/dist/excel-addin';
    const cases: [string, string, string][] = [
      // [base URL, a manifest URL under it, the file]
      [defaultBaseUrl, `${defaultBaseUrl}/functions.js`, `${dist}/functions.js`],
      [
        'https://addins.contoso.com/se-toolkit',
        'https://addins.contoso.com/se-toolkit/functions.js',
        `${dist}/functions.js`,
      ],
      [
        'https://addins.contoso.com/se-toolkit/',
        'https://addins.contoso.com/se-toolkit/assets/icon-80.png',
        `${dist}/assets/icon-80.png`,
      ],
      ['https://addins.contoso.com', 'https://addins.contoso.com/taskpane.html', `${dist}/taskpane.html`],
      [
        'https://addins.contoso.com/',
        'https://addins.contoso.com/assets/icon-16.png',
        `${dist}/assets/icon-16.png`,
      ],
      // Host case and the default port as the build normalizes them; a space in the path escaped.
      [
        'https://Addins.Contoso.com:443/SE Toolkit',
        'https://addins.contoso.com/SE%20Toolkit/functions.json',
        `${dist}/functions.json`,
      ],
    ];
    for (const [base, url, file] of cases) expect([base, distFileOf(url, base, dist)]).toEqual([base, file]);
    // Not under the base: another folder that merely starts the same, another host.
    expect(() =>
      distFileOf(
        'https://addins.contoso.com/se-toolkit-old/functions.js',
        'https://addins.contoso.com/se-toolkit',
        dist,
      ),
    ).toThrow(/is not under/);
    expect(() =>
      distFileOf(
        'https://evil.example/se-toolkit/functions.js',
        'https://addins.contoso.com/se-toolkit',
        dist,
      ),
    ).toThrow(/is not under/);
  });

  test('built for a production base URL (/se-toolkit), every manifest URL still names a file in dist', () => {
    // The build writes the base URL into every URL of the manifest and nothing else depends on it, so the built
    // manifest with its base swapped is what SE_ADDIN_BASE_URL=https://addins.contoso.com/se-toolkit builds.
    const production = 'https://addins.contoso.com/se-toolkit';
    const swapped = urls.map((url) => `${production}${url.slice(baseUrl.length)}`);
    expect(swapped.length).toBeGreaterThan(5);
    for (const url of swapped) expect([url, existsSync(distFileOf(url, production))]).toEqual([url, true]);
  });

  test('every URL is https and under the base URL', () => {
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url.startsWith('https://')).toBe(true);
      expect(url.startsWith(`${baseUrl}/`)).toBe(true);
    }
  });

  test('every URL points to a file that exists in dist/excel-addin', () => {
    for (const url of urls) {
      expect([url, existsSync(distFileOf(url))]).toEqual([url, true]);
    }
    const byResid = (resid: string): string => resources.get(resid)?.attributes.DefaultValue ?? '';
    expect(byResid('Functions.Script.Url')).toBe(`${baseUrl}/functions.js`);
    expect(byResid('Functions.Metadata.Url')).toBe(`${baseUrl}/functions.json`);
    expect(byResid('Taskpane.Url')).toBe(`${baseUrl}/taskpane.html`);
  });

  test('icons are PNGs of their declared sizes', () => {
    const images = byTag('bt:Image').filter((e) => e.attributes.size !== undefined);
    // 16, 32 and 80 are required; the rest are what bt:Image allows for high-DPI ribbons.
    expect(new Set(images.map((e) => e.attributes.size))).toEqual(
      new Set(['16', '20', '24', '32', '40', '48', '64', '80']),
    );
    for (const image of images) {
      const url = resources.get(image.attributes.resid)?.attributes.DefaultValue ?? '';
      const file = distFileOf(url);
      const size = Number(image.attributes.size);
      expect(pngSize(readFileSync(file))).toEqual({ width: size, height: size });
    }
    const declared: [string, number][] = [
      ['IconUrl', 32],
      ['HighResolutionIconUrl', 64],
    ];
    for (const [tag, size] of declared) {
      const file = distFileOf(byTag(tag)[0].attributes.DefaultValue);
      expect(pngSize(readFileSync(file))).toEqual({ width: size, height: size });
    }
  });

  test('the Home tab group has an Insert template menu with one ExecuteFunction item per template', () => {
    const surface = byTag('ExtensionPoint').find((e) => e.attributes['xsi:type'] === 'PrimaryCommandSurface');
    const menus = descendants(surface as XmlElement).filter(
      (e) => e.tag === 'Control' && e.attributes['xsi:type'] === 'Menu',
    );
    expect(menus.map((m) => m.attributes.id)).toEqual(['SEToolkit.InsertTemplateMenu']);
    const menu = menus[0];
    // Label, Supertip, Icon, Items in that order (control.md's Menu example).
    expect(menu.children.map((c) => c.tag)).toEqual(['Label', 'Supertip', 'Icon', 'Items']);
    const items = menu.children[3].children;
    expect(items.map((i) => i.tag)).toEqual(templateChoices().map(() => 'Item'));
    const label = (resid: string | undefined): string =>
      resources.get(resid ?? '')?.attributes.DefaultValue ?? '';
    expect(items.map((i) => label(i.children[0].attributes.resid))).toEqual(
      templateChoices().map((c) => c.title),
    );
    for (const [n, item] of items.entries()) {
      expect(item.children.map((c) => c.tag)).toEqual(['Label', 'Supertip', 'Icon', 'Action']);
      const action = item.children[3];
      expect(action.attributes['xsi:type']).toBe('ExecuteFunction');
      expect(action.children.map((c) => [c.tag, c.text])).toEqual([
        ['FunctionName', `insertTemplate.${templateChoices()[n].id}`],
      ]);
    }
    const ids = all.map((e) => e.attributes.id).filter((id): id is string => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('resids fit in 32 characters, short strings in 125 and long strings in 250', () => {
    for (const resid of all.map((e) => e.attributes.resid).filter((r): r is string => r !== undefined)) {
      expect([resid, resid.length <= 32]).toEqual([resid, true]);
    }
    for (const s of byTag('bt:ShortStrings').flatMap((e) => e.children)) {
      expect([s.attributes.id, s.attributes.DefaultValue.length <= 125]).toEqual([s.attributes.id, true]);
    }
    for (const s of byTag('bt:LongStrings').flatMap((e) => e.children)) {
      expect([s.attributes.id, s.attributes.DefaultValue.length <= 250]).toEqual([s.attributes.id, true]);
    }
  });
});
