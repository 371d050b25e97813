// The one rule for a TikTok Pixel ID (pixel code), shared by the Pixel web tag and the Events API
// server tag: TikTok deduplicates a browser and a server copy only when the pixel code, the event
// name and the event_id are identical (docs/contracts/tiktok-dedup.md, rule 1), so both tags must
// turn what the user typed into the same code. Pixel codes are 20 upper-case letters and digits
// (e.g. C9Q2MJ3C77U4P674RPG0, as Events Manager shows them and the Pixel's events.js URL carries
// them); a code typed in lower case is the same pixel, sent upper-cased. No sandbox API here: the
// Pixel tag's template.ts loads its base-code helpers (which use this) on the Node side too.

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Shortest and longest code accepted: tolerant around the 20 characters seen (event set ids have 19 digits). */
export const MIN_PIXEL_ID_LENGTH = 10;
export const MAX_PIXEL_ID_LENGTH = 40;

/** A typed Pixel ID: trimmed and upper-cased; undefined unless 10-40 letters and digits. */
export function pixelIdFromText(text: string): string | undefined {
  const id = text.trim().toUpperCase();
  if (id.length < MIN_PIXEL_ID_LENGTH || id.length > MAX_PIXEL_ID_LENGTH) return undefined;
  for (let i = 0; i < id.length; i++) if (ID_CHARS.indexOf(id.charAt(i)) === -1) return undefined;
  return id;
}

/**
 * Pixel IDs from a comma/space separated text (or a list of texts): each through pixelIdFromText,
 * deduplicated. What is not a Pixel ID is counted in `rejected` and never reaches a URL.
 */
export function parsePixelIds(value: unknown): { ids: string[]; rejected: number } {
  const parts: string[] = [];
  const addText = (text: string) => {
    text.split(',').forEach((chunk) => {
      chunk.split(' ').forEach((piece) => {
        const trimmed = piece.trim();
        if (trimmed.length > 0) parts.push(trimmed);
      });
    });
  };
  if (typeof value === 'string') addText(value);
  else if (typeof value === 'number') addText('' + value);
  else if (value !== null && typeof value === 'object' && typeof (value as unknown[]).length === 'number') {
    (value as unknown[]).forEach((v) => {
      if (typeof v === 'string') addText(v);
    });
  }
  const ids: string[] = [];
  let rejected = 0;
  parts.forEach((part) => {
    const id = pixelIdFromText(part);
    if (id === undefined) rejected++;
    else if (ids.indexOf(id) === -1) ids.push(id);
  });
  return { ids: ids, rejected: rejected };
}
