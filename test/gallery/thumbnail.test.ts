import * as fs from 'node:fs';
import { decodePng, encodeRgbaPng, readImageInfo } from '../../build/gallery-png';
import { BRAND_THUMBNAIL_PATH, drawBrandThumbnail, thumbnailDataUri, THUMBNAIL_SIZE } from '../../build/gallery-thumbnail';
import { checkThumbnailDataUri } from '../../build/gallery-validate';

describe('brand thumbnail', () => {
  it('the committed PNG has exactly the pixels the drawing code produces', () => {
    const committed = decodePng(fs.readFileSync(BRAND_THUMBNAIL_PATH));
    expect([committed.width, committed.height]).toEqual([THUMBNAIL_SIZE, THUMBNAIL_SIZE]);
    expect(Buffer.from(committed.rgba).equals(Buffer.from(drawBrandThumbnail()))).toBe(true);
  });

  it('is a valid gallery thumbnail as a data URI', () => {
    const uri = thumbnailDataUri();
    expect(uri.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
    expect(checkThumbnailDataUri(uri)).toEqual([]);
  });

  it('has transparent corners and opaque artwork', () => {
    const pixels = drawBrandThumbnail();
    const alphaAt = (x: number, y: number) => pixels[(y * THUMBNAIL_SIZE + x) * 4 + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(THUMBNAIL_SIZE - 1, THUMBNAIL_SIZE - 1)).toBe(0);
    expect(alphaAt(48, 48)).toBe(255);
  });
});

describe('PNG and JPEG headers', () => {
  it('round-trips RGBA pixels through the encoder and decoder', () => {
    const pixels = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const decoded = decodePng(encodeRgbaPng(3, 2, pixels));
    expect(decoded.width).toBe(3);
    expect(Array.from(decoded.rgba)).toEqual(Array.from(pixels));
  });

  it('reads a JPEG frame size', () => {
    // SOI, APP0 (length 4, 2 bytes payload), SOF0 with height 48 and width 50, EOI.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 48, 0, 50, 1, 1, 0x11, 0, 0xff, 0xd9]);
    expect(readImageInfo(jpeg)).toEqual({ format: 'jpeg', width: 50, height: 48 });
  });

  it('rejects a truncated PNG', () => {
    const png = encodeRgbaPng(40, 40, new Uint8Array(40 * 40 * 4));
    expect(() => readImageInfo(png.subarray(0, png.length - 12))).toThrow(/no IEND chunk/);
    expect(() => readImageInfo(png.subarray(0, 30))).toThrow(/truncated/);
  });
});
