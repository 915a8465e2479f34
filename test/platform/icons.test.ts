/**
 * The icons as built: every PNG the manifest, the ribbon and the store listings use, drawn from the one source
 * (assets/icon.svg). Each is read back as a viewer would (CRCs checked, rows unfiltered): the declared size,
 * RGBA, transparent outside the tile's rounded corners, opaque inside, and a drawing, not one flat colour.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePngRgba } from '../../scripts/lib/iconPng';
import {
  CARD_BANNER,
  EXCEL_ICON_SIZES,
  iconPng,
  LISTING_ICONS,
  parseIconSvg,
  readIcon,
} from '../../scripts/lib/icons';
import { excelDist, readBuilt, repoRoot } from '../bundle/builtFiles';

const listingDist = join(repoRoot, 'dist', 'listing');
const manifest = readBuilt(join(excelDist, 'manifest.xml'));

function pixel(image: ReturnType<typeof decodePngRgba>, x: number, y: number): number[] {
  const at = (y * image.width + x) * 4;
  return [...image.rgba.subarray(at, at + 4)];
}

/** Distinct opaque colours, each channel rounded to 16 levels so anti-aliasing noise does not count. */
function opaqueColours(image: ReturnType<typeof decodePngRgba>): Set<string> {
  const colours = new Set<string>();
  for (let i = 0; i < image.rgba.length; i += 4) {
    if (image.rgba[i + 3] === 255) colours.add([0, 1, 2].map((c) => image.rgba[i + c] >> 4).join(','));
  }
  return colours;
}

const icons: [string, number][] = [
  ...EXCEL_ICON_SIZES.map((size): [string, number] => [join(excelDist, 'assets', `icon-${size}.png`), size]),
  ...LISTING_ICONS.map((l): [string, number] => [join(listingDist, l.file), l.size]),
];

describe.each(icons)('%s', (file, size) => {
  const image = decodePngRgba(readFileSync(file));

  test(`is ${size} x ${size} RGBA`, () => {
    expect([image.width, image.height, image.colourType]).toEqual([size, size, 6]);
  });

  test('is transparent at its corners (outside the rounded tile) and opaque in the middle', () => {
    for (const [x, y] of [
      [0, 0],
      [size - 1, 0],
      [0, size - 1],
      [size - 1, size - 1],
    ])
      expect(pixel(image, x, y)[3]).toBe(0);
    expect(pixel(image, Math.floor(size / 2), Math.floor(size / 2))[3]).toBe(255);
  });

  test('is a drawing, not a solid square: green tile, white bars and the amber plan line all show', () => {
    const colours = opaqueColours(image);
    expect(colours.size).toBeGreaterThanOrEqual(3);
    const has = (r: number, g: number, b: number) =>
      [...colours].some((c) => {
        const [cr, cg, cb] = c.split(',').map(Number);
        return Math.abs(cr - (r >> 4)) <= 1 && Math.abs(cg - (g >> 4)) <= 1 && Math.abs(cb - (b >> 4)) <= 1;
      });
    expect([has(0x1d, 0x6f, 0x42), has(0xff, 0xff, 0xff), has(0xf5, 0xb8, 0x2e)]).toEqual([true, true, true]);
  });

  test('is what assets/icon.svg renders to at this size (one source for every icon)', () => {
    expect(readFileSync(file).equals(iconPng(readIcon(repoRoot), size))).toBe(true);
  });
});

test('the manifest points at the built icons: IconUrl 32 px, HighResolutionIconUrl 64 px, every ribbon size', () => {
  expect(manifest).toMatch(/<IconUrl DefaultValue="[^"]*\/assets\/icon-32\.png" \/>/);
  expect(manifest).toMatch(/<HighResolutionIconUrl DefaultValue="[^"]*\/assets\/icon-64\.png" \/>/);
  for (const size of EXCEL_ICON_SIZES)
    expect(manifest).toContain(`<bt:Image id="Icon.${size}x${size}" DefaultValue=`);
});

test('the Marketplace card banner is 220 x 140, opaque, with the icon on it', () => {
  const banner = decodePngRgba(readFileSync(join(listingDist, CARD_BANNER.file)));
  expect([banner.width, banner.height]).toEqual([220, 140]);
  expect(pixel(banner, 0, 0)).toEqual([...CARD_BANNER.background, 255]);
  expect(pixel(banner, 110, 70)[3]).toBe(255);
  expect(opaqueColours(banner).size).toBeGreaterThanOrEqual(4);
});

test('the renderer refuses SVG it would not draw as written, naming the element', () => {
  const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${body}</svg>`;
  expect(() => parseIconSvg(svg('<circle cx="16" cy="16" r="8" fill="#000000" />'))).toThrow(
    /<circle> is not drawn/,
  );
  expect(() => parseIconSvg(svg('<rect width="4" height="4" fill="red" />'))).toThrow(
    /<rect fill>.*found red/,
  );
  expect(() => parseIconSvg(svg(''))).toThrow(/no shapes/);
});
