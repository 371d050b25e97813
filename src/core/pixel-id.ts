// The one rule for a TikTok Pixel ID (pixel code), shared by the Pixel web tag and the Events API
// server tag: TikTok deduplicates a browser and a server copy only when the pixel code, the event
// name and the event_id are identical (docs/contracts/tiktok-dedup.md, rule 1), so both tags must
// turn what the user typed into the same code. Pixel codes are 20 upper-case letters and digits
// (e.g. C9Q2MJ3C77U4P674RPG0, as Events Manager shows them and the Pixel's events.js URL carries
// them); a code typed in lower case is the same pixel, sent upper-cased. No sandbox API here: the
// Pixel tag's template.ts loads its base-code helpers (which use this) on the Node side too.

/**
 * A typed Pixel ID: trimmed and upper-cased; undefined unless 10-40 letters and digits (tolerant
 * around the 20 characters seen; event set ids have 19 digits). One string pattern rather than a
 * character loop: fewer bytes in the Pixel tag's code, which every visitor downloads. match() is one
 * of the sandbox's String methods and takes its string as a regular expression, as in JavaScript
 * (TikTok's published Pixel template tests hashes with `val.match("^[A-Fa-f0-9]{64}$")`,
 * https://github.com/tiktok/gtm-template-pixel).
 */
export function pixelIdFromText(text: string): string | undefined {
  const id = text.trim().toUpperCase();
  return id.match('^[A-Z0-9]{10,40}$') !== null ? id : undefined;
}

/**
 * Pixel IDs from a comma/space separated text (or a list of texts): each through pixelIdFromText,
 * deduplicated. What is not a Pixel ID is counted in `rejected` and never reaches a URL.
 */
export function parsePixelIds(value: unknown): { ids: string[]; rejected: number } {
  // One text with commas between the pieces, split once (a list's texts joined by commas).
  let text = typeof value === 'string' || typeof value === 'number' ? '' + value : '';
  if (value !== null && typeof value === 'object' && typeof (value as unknown[]).length === 'number') {
    (value as unknown[]).forEach((v) => {
      if (typeof v === 'string') text += ',' + v;
    });
  }
  const ids: string[] = [];
  let rejected = 0;
  text.split(' ').join(',').split(',').forEach((piece) => {
    if (piece.trim().length === 0) return;
    const id = pixelIdFromText(piece);
    if (id === undefined) rejected++;
    else if (ids.indexOf(id) === -1) ids.push(id);
  });
  return { ids: ids, rejected: rejected };
}
