// Minimal PNG/JPEG helpers for the gallery: encode the brand thumbnail (drawn in code, see
// gallery-thumbnail.ts), read an image's format and size without any image library, and decode our
// own PNGs in tests. Only what the gallery checks need; not a general image codec.

import * as zlib from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encode 8-bit RGBA pixels (row-major, 4 bytes per pixel) as a PNG (filter 0 on every row). */
export function encodeRgbaPng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const rowLength = width * 4;
  const raw = Buffer.alloc((rowLength + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (rowLength + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * rowLength, rowLength).copy(raw, y * (rowLength + 1) + 1);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface ImageInfo {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

export class ImageFormatError extends Error {}

// Valid (colour type → allowed bit depths) pairs of the PNG specification.
const PNG_BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

interface PngChunk {
  type: string;
  data: Buffer;
}

/** Walk every chunk, checking lengths and CRCs; the first must be IHDR, the last IEND. */
function readPngChunks(bytes: Buffer): PngChunk[] {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new ImageFormatError('not a PNG: the 8-byte PNG signature is missing');
  }
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) throw new ImageFormatError(`PNG truncated inside a chunk header at byte ${offset}`);
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new ImageFormatError(`PNG chunk at byte ${offset} has an invalid type`);
    const end = offset + 8 + length;
    if (end + 4 > bytes.length) throw new ImageFormatError(`PNG truncated: chunk ${type} runs past the end of the data`);
    const expectedCrc = bytes.readUInt32BE(end);
    if (crc32(bytes.subarray(offset + 4, end)) !== expectedCrc) {
      throw new ImageFormatError(`PNG chunk ${type} has a wrong CRC (corrupted data)`);
    }
    chunks.push({ type, data: bytes.subarray(offset + 8, end) });
    offset = end + 4;
    if (type === 'IEND') break;
  }
  if (chunks.length === 0 || chunks[0].type !== 'IHDR') throw new ImageFormatError('PNG does not start with an IHDR chunk');
  if (chunks[chunks.length - 1].type !== 'IEND') throw new ImageFormatError('PNG has no IEND chunk (truncated)');
  if (!chunks.some((chunk) => chunk.type === 'IDAT')) throw new ImageFormatError('PNG has no IDAT (image data) chunk');
  return chunks;
}

function readPngHeader(data: Buffer): { width: number; height: number; bitDepth: number; colourType: number; interlace: number } {
  if (data.length !== 13) throw new ImageFormatError(`PNG IHDR has length ${data.length}, expected 13`);
  const width = data.readUInt32BE(0);
  const height = data.readUInt32BE(4);
  const bitDepth = data[8];
  const colourType = data[9];
  if (width === 0 || height === 0) throw new ImageFormatError('PNG IHDR declares a zero width or height');
  const depths = PNG_BIT_DEPTHS[colourType];
  if (!depths) throw new ImageFormatError(`PNG IHDR has an invalid colour type ${colourType}`);
  if (!depths.includes(bitDepth)) throw new ImageFormatError(`PNG IHDR has bit depth ${bitDepth}, invalid for colour type ${colourType}`);
  if (data[10] !== 0 || data[11] !== 0 || data[12] > 1) throw new ImageFormatError('PNG IHDR has an invalid compression, filter or interlace method');
  return { width, height, bitDepth, colourType, interlace: data[12] };
}

function readJpegInfo(bytes: Buffer): ImageInfo {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new ImageFormatError('not a JPEG: the SOI marker FFD8 is missing');
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw new ImageFormatError(`JPEG marker expected at byte ${offset}`);
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > bytes.length) break;
      const height = bytes.readUInt16BE(offset + 5);
      const width = bytes.readUInt16BE(offset + 7);
      if (width === 0 || height === 0) throw new ImageFormatError('JPEG frame declares a zero width or height');
      return { format: 'jpeg', width, height };
    }
    if (marker === 0xda || marker === 0xd9) break; // image data or end before any frame header
    offset += 2 + length;
  }
  throw new ImageFormatError('JPEG has no frame header (SOFn) before its image data');
}

/** Format and pixel size of a PNG or JPEG, checking its structure (PNG: every chunk CRC). */
export function readImageInfo(bytes: Buffer): ImageInfo {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegInfo(bytes);
  const chunks = readPngChunks(bytes);
  const header = readPngHeader(chunks[0].data);
  return { format: 'png', width: header.width, height: header.height };
}

export interface DecodedImage {
  width: number;
  height: number;
  /** 8-bit RGBA, row-major. */
  rgba: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Decode an 8-bit RGB/RGBA non-interlaced PNG (what our own encoder writes), undoing all 5 filters. */
export function decodePng(bytes: Buffer): DecodedImage {
  const chunks = readPngChunks(bytes);
  const header = readPngHeader(chunks[0].data);
  if (header.bitDepth !== 8 || (header.colourType !== 6 && header.colourType !== 2) || header.interlace !== 0) {
    throw new ImageFormatError('decodePng supports only 8-bit RGB/RGBA non-interlaced PNGs');
  }
  const channels = header.colourType === 6 ? 4 : 3;
  const { width, height } = header;
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)));
  const stride = width * channels;
  if (raw.length !== (stride + 1) * height) throw new ImageFormatError('PNG image data has the wrong length');
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = (left + up) >> 1; break;
        case 4: predictor = paeth(left, up, upLeft); break;
        default: throw new ImageFormatError(`PNG row ${y} has an unknown filter type ${filter}`);
      }
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(pixels.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

/**
 * A copy of a PNG with a tEXt chunk (keyword → Latin-1 text) after IHDR, replacing an earlier one
 * of the same keyword. Used to record what a rendered picture was drawn from.
 */
export function withPngText(bytes: Buffer, keyword: string, text: string): Buffer {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword) || !/^[\x20-\x7e]*$/.test(text)) throw new RangeError('PNG text keyword and text must be printable ASCII');
  const chunks = readPngChunks(bytes).filter((chunk) => !(chunk.type === 'tEXt' && pngTextOf(chunk.data)?.keyword === keyword));
  const own = pngChunk('tEXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]));
  return Buffer.concat([PNG_SIGNATURE, pngChunk(chunks[0].type, Buffer.from(chunks[0].data)), own, ...chunks.slice(1).map((chunk) => pngChunk(chunk.type, Buffer.from(chunk.data)))]);
}

function pngTextOf(data: Buffer): { keyword: string; text: string } | undefined {
  const zero = data.indexOf(0);
  return zero < 0 ? undefined : { keyword: data.subarray(0, zero).toString('latin1'), text: data.subarray(zero + 1).toString('latin1') };
}

/** The tEXt entries of a PNG (keyword → text), after checking its structure. */
export function readPngTexts(bytes: Buffer): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const chunk of readPngChunks(bytes)) {
    if (chunk.type !== 'tEXt') continue;
    const entry = pngTextOf(chunk.data);
    if (entry) texts[entry.keyword] = entry.text;
  }
  return texts;
}
