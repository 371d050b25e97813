// The brand thumbnail shown next to our templates in GTM and the gallery: a 96×96 PNG drawn here in
// code (a generic eighth note with a "forward" arrow on a dark rounded square, in TikTok-like
// colours; no third-party artwork), committed as assets/brand-thumbnail.png.
//
//   npm run -s gallery -- thumbnail          regenerate assets/brand-thumbnail.png
//   npm run -s gallery -- thumbnail --check  fail if the committed file's pixels differ
//
// Templates reference the file from their definition (src/templates/<id>/template.ts):
//   brand: { id: 'brand_dummy', displayName: '…', thumbnail: '../../../assets/brand-thumbnail.png' }
// and the build embeds it as a data URI (thumbnailDataUri below does the same for other tools).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeRgbaPng, readImageInfo } from './gallery-png';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const BRAND_THUMBNAIL_PATH = path.join(REPO_ROOT, 'assets', 'brand-thumbnail.png');
export const THUMBNAIL_SIZE = 96;

type Rgba = [number, number, number, number];

const BACKGROUND: Rgba = [0x16, 0x18, 0x23, 255];
const WHITE: Rgba = [0xff, 0xff, 0xff, 255];
const CYAN: Rgba = [0x25, 0xf4, 0xee, 255];
const PINK: Rgba = [0xfe, 0x2c, 0x55, 255];

function insideRoundedSquare(x: number, y: number, size: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function insideRotatedEllipse(x: number, y: number, cx: number, cy: number, rx: number, ry: number, degrees: number): boolean {
  const angle = (degrees * Math.PI) / 180;
  const dx = x - cx;
  const dy = y - cy;
  const u = dx * Math.cos(angle) + dy * Math.sin(angle);
  const v = -dx * Math.sin(angle) + dy * Math.cos(angle);
  return (u / rx) ** 2 + (v / ry) ** 2 <= 1;
}

/** Distance from (x, y) to the segment (ax, ay)–(bx, by). */
function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const lengthSquared = (bx - ax) ** 2 + (by - ay) ** 2;
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / lengthSquared));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

function insideTriangle(x: number, y: number, points: Array<[number, number]>): boolean {
  const [[x1, y1], [x2, y2], [x3, y3]] = points;
  const d1 = (x - x2) * (y1 - y2) - (x1 - x2) * (y - y2);
  const d2 = (x - x3) * (y2 - y3) - (x2 - x3) * (y - y3);
  const d3 = (x - x1) * (y3 - y1) - (x3 - x1) * (y - y1);
  const hasNegative = d1 < 0 || d2 < 0 || d3 < 0;
  const hasPositive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(hasNegative && hasPositive);
}

/** Colour of the artwork at a point in a 96-unit square (undefined = transparent). */
function colourAt(x: number, y: number): Rgba | undefined {
  if (!insideRoundedSquare(x, y, 96, 20)) return undefined;
  // Eighth note: tilted head, stem, and a flag drawn as two short strokes.
  if (insideRotatedEllipse(x, y, 36, 62, 12, 9, -25)) return WHITE;
  if (x >= 42.5 && x <= 48.5 && y >= 18 && y <= 60) return WHITE;
  if (segmentDistance(x, y, 45.5, 20, 60, 31) <= 3.2) return WHITE;
  if (segmentDistance(x, y, 60, 31, 58, 43) <= 3.2) return WHITE;
  // Forward arrow (bottom right): cyan shaft, pink head.
  if (insideTriangle(x, y, [[70, 62], [84, 71], [70, 80]])) return PINK;
  if (segmentDistance(x, y, 56, 71, 70, 71) <= 3) return CYAN;
  return BACKGROUND;
}

/** Draw the thumbnail as RGBA pixels, anti-aliased with 4×4 supersampling. */
export function drawBrandThumbnail(size = THUMBNAIL_SIZE): Uint8Array {
  const samples = 4;
  const scale = 96 / size;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let alpha = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) * scale, (py + (sy + 0.5) / samples) * scale);
          if (!colour) continue;
          red += colour[0];
          green += colour[1];
          blue += colour[2];
          alpha += colour[3];
        }
      }
      const covered = alpha / 255;
      const offset = (py * size + px) * 4;
      // Colour is averaged over covered samples only (straight alpha), so edges don't darken.
      pixels[offset] = covered ? Math.round(red / covered) : 0;
      pixels[offset + 1] = covered ? Math.round(green / covered) : 0;
      pixels[offset + 2] = covered ? Math.round(blue / covered) : 0;
      pixels[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return pixels;
}

export function renderBrandThumbnailPng(size = THUMBNAIL_SIZE): Buffer {
  return encodeRgbaPng(size, size, drawBrandThumbnail(size));
}

/** `data:image/png;base64,…` (or jpeg) URI of an image file, as GTM stores `brand.thumbnail`. */
export function thumbnailDataUri(filePath = BRAND_THUMBNAIL_PATH): string {
  const bytes = fs.readFileSync(filePath);
  const info = readImageInfo(bytes);
  return `data:image/${info.format};base64,${bytes.toString('base64')}`;
}
