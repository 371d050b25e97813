// What TikTok's Pixel base code sets up, as data and pure functions (no sandbox APIs here: template.ts
// imports this file on the Node side too, for the permission list): the ttq stub methods, the
// events.js URL per pixel, the script cache token, and the pixel IDs a tag is configured with.

/** The stub methods of TikTok's base code (docs/contracts/tiktok-pixel.md), queued until events.js loads. */
export const PIXEL_METHODS: string[] = [
  'page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group',
  'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent',
];

export const PIXEL_SCRIPT_BASE = 'https://analytics.tiktok.com/i18n/pixel/events.js';

/** The per-pixel script URL the base code's ttq.load injects. `encode` is the sandbox encodeUriComponent. */
export function pixelScriptUrl(pixelId: string, encode: (text: string) => string | undefined): string {
  return PIXEL_SCRIPT_BASE + '?sdkid=' + (encode(pixelId) || '') + '&lib=ttq';
}

/** The injectScript cache token: one <script> per pixel ID per page, whichever tag asks. */
export function scriptCacheToken(pixelId: string): string {
  return 'tiktok-pixel-' + pixelId;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Pixel IDs from a comma/space separated text (or a list): trimmed, upper-cased, deduplicated.
 * Only letters and digits are accepted (TikTok pixel IDs look like C4A1B2C3D4E5F6G7H8I9); anything
 * else is reported in `rejected` and never reaches a URL.
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
    const id = part.toUpperCase();
    let valid = id.length >= 4 && id.length <= 64;
    for (let i = 0; valid && i < id.length; i++) if (ID_CHARS.indexOf(id.charAt(i)) === -1) valid = false;
    if (!valid) rejected++;
    else if (ids.indexOf(id) === -1) ids.push(id);
  });
  return { ids: ids, rejected: rejected };
}
