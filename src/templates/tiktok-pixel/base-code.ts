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

/**
 * Pixel IDs from a comma/space separated text (or a list): trimmed, upper-cased, deduplicated.
 * Only letters and digits are accepted (TikTok pixel IDs look like C4A1B2C3D4E5F6G7H8I9); anything
 * else is reported in `rejected` and never reaches a URL.
 */
export function parsePixelIds(value: unknown): { ids: string[]; rejected: number } {
  let text = '';
  if (typeof value === 'string' || typeof value === 'number') text = '' + value;
  else if (value !== null && typeof value === 'object' && typeof (value as unknown[]).length === 'number') {
    (value as unknown[]).forEach((v) => {
      if (typeof v === 'string') text += ',' + v;
    });
  }
  const ids: string[] = [];
  let rejected = 0;
  text.split(' ').join(',').split(',').forEach((piece) => {
    const id = piece.trim().toUpperCase();
    if (id.length === 0) return;
    if (id.match('^[A-Z0-9]{4,64}$') === null) rejected++;
    else if (ids.indexOf(id) === -1) ids.push(id);
  });
  return { ids: ids, rejected: rejected };
}
