// What TikTok's Pixel base code sets up, as data and pure functions (no sandbox APIs here: template.ts
// imports this file on the Node side too, for the permission list): the ttq stub methods, the
// events.js URL per pixel, the script cache token, and the pixel IDs a tag is configured with
// (parsed by src/core/pixel-id.ts, the rule the Events API tag applies to its Pixel ID too).

export { parsePixelIds } from '../../core/pixel-id';

/** The stub methods of TikTok's base code (docs/contracts/tiktok-pixel.md), queued until events.js loads. */
export const PIXEL_METHODS: string[] = (
  'page track identify instances debug on off once ready alias group enableCookie disableCookie holdConsent revokeConsent grantConsent'
).split(' ');

export const PIXEL_SCRIPT_BASE = 'https://analytics.tiktok.com/i18n/pixel/events.js';

/** The per-pixel script URL the base code's ttq.load injects. `encode` is the sandbox encodeUriComponent. */
export function pixelScriptUrl(pixelId: string, encode: (text: string) => string | undefined): string {
  return PIXEL_SCRIPT_BASE + '?sdkid=' + (encode(pixelId) || '') + '&lib=ttq';
}

/** The injectScript cache token: one <script> per pixel ID per page, whichever tag asks. */
export function scriptCacheToken(pixelId: string): string {
  return 'tiktok-pixel-' + pixelId;
}
