/**
 * Every icon the add-ins and their store listings need, rendered at build time from the one source,
 * assets/icon.svg: no binary in the repository, no network, no native package. The renderer reads the small
 * part of SVG the icon uses (rect with rx, polygon, polyline/line strokes with round caps) and draws it by
 * supersampling (each pixel's colour and alpha are the average of a grid of samples inside it), so edges are
 * anti-aliased and everything outside the shapes stays transparent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { encodePngRgba, type Rgb } from './iconPng';
import { RIBBON_ICON_SIZES } from '../../excel-addin/ribbonCommands';

export const ICON_SOURCE = 'assets/icon.svg';

/** The Excel ribbon's sizes, which include the manifest's IconUrl (32) and HighResolutionIconUrl (64). */
export const EXCEL_ICON_SIZES = RIBBON_ICON_SIZES;

/** Store listings: Google Workspace Marketplace (32 and 128 px logos, 220 x 140 card banner), Google's OAuth
 * consent screen (120 px) and
 * Microsoft Partner Center / AppSource (300 px logo). */
export const LISTING_ICONS = [
  { file: 'icon-32.png', size: 32, use: 'Google Workspace Marketplace: application icon, 32 x 32' },
  { file: 'icon-120.png', size: 120, use: 'Google OAuth consent screen: app logo, 120 x 120' },
  { file: 'icon-128.png', size: 128, use: 'Google Workspace Marketplace: application icon, 128 x 128' },
  { file: 'icon-300.png', size: 300, use: 'Microsoft Partner Center (AppSource): store logo, 300 x 300' },
] as const;
export const CARD_BANNER = {
  file: 'card-banner-220x140.png',
  width: 220,
  height: 140,
  background: [0xe8, 0xf3, 0xec] as Rgb,
  use: 'Google Workspace Marketplace: card banner, 220 x 140',
};

type Shape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; rx: number; fill: Rgb }
  | { kind: 'polygon'; points: [number, number][]; fill: Rgb }
  | { kind: 'stroke'; points: [number, number][]; width: number; color: Rgb };

export interface Icon {
  viewBox: { x: number; y: number; width: number; height: number };
  shapes: Shape[];
}

function colour(text: string | undefined, where: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text ?? '');
  if (m === null) throw new Error(`${ICON_SOURCE}: ${where} needs a colour like #1d6f42; found ${text}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

function numbers(text: string | undefined, where: string): number[] {
  const values = (text ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v)))
    throw new Error(`${ICON_SOURCE}: ${where} needs numbers; found ${JSON.stringify(text)}`);
  return values;
}

function pairs(values: number[], where: string): [number, number][] {
  if (values.length % 2 !== 0 || values.length < 4)
    throw new Error(`${ICON_SOURCE}: ${where} needs at least two x,y points`);
  const out: [number, number][] = [];
  for (let i = 0; i < values.length; i += 2) out.push([values[i], values[i + 1]]);
  return out;
}

/** Reads the icon's shapes; anything the renderer would not draw as the SVG means fails the build. */
export function parseIconSvg(svg: string): Icon {
  type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
  const nodes = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    commentPropName: '#comment',
  }).parse(svg) as Node[];
  const root = nodes.find((n) => 'svg' in n);
  if (root === undefined) throw new Error(`${ICON_SOURCE}: no <svg> element`);
  const [vx, vy, vw, vh] = numbers(root[':@']?.viewBox, '<svg viewBox>');
  const shapes: Shape[] = [];
  for (const node of root.svg as Node[]) {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (tag === undefined || tag === '#text' || tag === '#comment') continue;
    const a = node[':@'] ?? {};
    const num = (name: string, fallback?: number): number => {
      if (a[name] === undefined && fallback !== undefined) return fallback;
      return numbers(a[name], `<${tag} ${name}>`)[0];
    };
    if (tag === 'rect') {
      shapes.push({
        kind: 'rect',
        x: num('x', 0),
        y: num('y', 0),
        width: num('width'),
        height: num('height'),
        rx: num('rx', 0),
        fill: colour(a.fill, '<rect fill>'),
      });
    } else if (tag === 'polygon') {
      shapes.push({
        kind: 'polygon',
        points: pairs(numbers(a.points, '<polygon points>'), '<polygon>'),
        fill: colour(a.fill, '<polygon fill>'),
      });
    } else if (tag === 'polyline' || tag === 'line') {
      const points =
        tag === 'line'
          ? pairs([num('x1'), num('y1'), num('x2'), num('y2')], '<line>')
          : pairs(numbers(a.points, '<polyline points>'), '<polyline>');
      shapes.push({
        kind: 'stroke',
        points,
        width: num('stroke-width', 1),
        color: colour(a.stroke, `<${tag} stroke>`),
      });
    } else {
      throw new Error(
        `${ICON_SOURCE}: <${tag}> is not drawn by scripts/lib/icons.ts; use rect, polygon, polyline or line`,
      );
    }
  }
  if (shapes.length === 0) throw new Error(`${ICON_SOURCE}: no shapes`);
  return { viewBox: { x: vx, y: vy, width: vw, height: vh }, shapes };
}

export function readIcon(root: string): Icon {
  return parseIconSvg(readFileSync(join(root, ICON_SOURCE), 'utf8'));
}

function insideRoundedRect(s: Extract<Shape, { kind: 'rect' }>, px: number, py: number): boolean {
  if (px < s.x || py < s.y || px > s.x + s.width || py > s.y + s.height) return false;
  const r = Math.min(s.rx, s.width / 2, s.height / 2);
  if (r <= 0) return true;
  const cx = Math.min(Math.max(px, s.x + r), s.x + s.width - r);
  const cy = Math.min(Math.max(py, s.y + r), s.y + s.height - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

function insidePolygon(points: [number, number][], px: number, py: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Within half the stroke width of any segment: round caps and joins. */
function onStroke(s: Extract<Shape, { kind: 'stroke' }>, px: number, py: number): boolean {
  const half2 = (s.width / 2) ** 2;
  for (let i = 0; i + 1 < s.points.length; i++) {
    const [x1, y1] = s.points[i];
    const [x2, y2] = s.points[i + 1];
    const dx = x2 - x1;
    const dy = y2 - y1;
    const length2 = dx * dx + dy * dy;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / length2));
    if ((px - (x1 + t * dx)) ** 2 + (py - (y1 + t * dy)) ** 2 <= half2) return true;
  }
  return false;
}

function colourAt(icon: Icon, px: number, py: number): Rgb | null {
  for (let i = icon.shapes.length - 1; i >= 0; i--) {
    const s = icon.shapes[i];
    const hit =
      s.kind === 'rect'
        ? insideRoundedRect(s, px, py)
        : s.kind === 'polygon'
          ? insidePolygon(s.points, px, py)
          : onStroke(s, px, py);
    if (hit) return s.kind === 'stroke' ? s.color : s.fill;
  }
  return null;
}

/**
 * RGBA pixels of the icon drawn `size` px square at (left, top) of a width x height canvas, over `background`
 * (transparent when null).
 */
export function renderIcon(
  icon: Icon,
  options: {
    size: number;
    width?: number;
    height?: number;
    left?: number;
    top?: number;
    background?: Rgb | null;
  },
): { width: number; height: number; rgba: Buffer } {
  const { size } = options;
  const width = options.width ?? size;
  const height = options.height ?? size;
  const left = options.left ?? 0;
  const top = options.top ?? 0;
  const background = options.background ?? null;
  const scale = icon.viewBox.width / size;
  // More samples where a pixel holds more of the drawing: small icons need the finest edges.
  const grid = size <= 32 ? 16 : size <= 80 ? 8 : 4;
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const px = x - left + (sx + 0.5) / grid;
          const py = y - top + (sy + 0.5) / grid;
          const inIcon = px >= 0 && py >= 0 && px < size && py < size;
          const c = inIcon ? colourAt(icon, icon.viewBox.x + px * scale, icon.viewBox.y + py * scale) : null;
          const found = c ?? background;
          if (found === null) continue;
          r += found[0];
          g += found[1];
          b += found[2];
          covered += 1;
        }
      }
      const at = (y * width + x) * 4;
      if (covered > 0) {
        rgba[at] = Math.round(r / covered);
        rgba[at + 1] = Math.round(g / covered);
        rgba[at + 2] = Math.round(b / covered);
        rgba[at + 3] = Math.round((255 * covered) / (grid * grid));
      }
    }
  }
  return { width, height, rgba };
}

export function iconPng(icon: Icon, size: number): Buffer {
  const { width, height, rgba } = renderIcon(icon, { size });
  return encodePngRgba(width, height, rgba);
}

export function cardBannerPng(icon: Icon): Buffer {
  const size = 96;
  const { width, height, background } = CARD_BANNER;
  const image = renderIcon(icon, {
    size,
    width,
    height,
    left: (width - size) / 2,
    top: (height - size) / 2,
    background,
  });
  return encodePngRgba(image.width, image.height, image.rgba);
}
