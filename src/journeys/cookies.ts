// The simulated browser's cookie jar for one site (the shop and its same-site server container), with
// the lifetime caps Safari's tracking prevention applies (docs/journeys.md, "Safari"):
// - cookies written by scripts (document.cookie) expire after at most 7 days;
// - cookies set in HTTP responses keep their Max-Age, unless the response came from a server whose IP
//   address is not close to the website's own (Safari 16.4+, "third-party IP address" defence): then
//   they are capped at 7 days too. `serverIpSameSite: false` models a server container reached on a
//   subdomain that resolves to a different network than the shop (e.g. a Cloud Run domain mapping).

export type Browser = 'chrome' | 'safari';

export interface JarOptions {
  browser: Browser;
  /** Whether the server container's IP address counts as the site's own (default true). */
  serverIpSameSite?: boolean;
}

export interface StoredCookie {
  name: string;
  value: string;
  expiresAtMs: number;
  httpOnly: boolean;
  setBy: 'script' | 'server';
}

export const SAFARI_CAP_MS = 7 * 24 * 3600 * 1000;

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  constructor(readonly options: JarOptions) {}

  /** A write by page script; `maxAgeSeconds` undefined = session cookie (kept for the simulation). */
  setByScript(name: string, value: string, nowMs: number, maxAgeSeconds?: number): void {
    this.store({ name, value, httpOnly: false, setBy: 'script' }, nowMs, maxAgeSeconds, true);
  }

  /** A Set-Cookie from the server container's response. */
  setByServer(name: string, value: string, nowMs: number, maxAgeSeconds: number | undefined, httpOnly: boolean): void {
    const capped = this.options.browser === 'safari' && this.options.serverIpSameSite === false;
    this.store({ name, value, httpOnly, setBy: 'server' }, nowMs, maxAgeSeconds, capped);
  }

  /** Applies one `Set-Cookie` header line. */
  applySetCookieHeader(header: string, nowMs: number): void {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let maxAge: number | undefined;
    let expires: number | undefined;
    let httpOnly = false;
    for (const attribute of attributes) {
      const [key, raw = ''] = attribute.split('=');
      const lower = key.trim().toLowerCase();
      if (lower === 'max-age') maxAge = Number(raw);
      else if (lower === 'expires') expires = Date.parse(raw);
      else if (lower === 'httponly') httpOnly = true;
    }
    if (maxAge === undefined && expires !== undefined && !Number.isNaN(expires)) maxAge = Math.floor((expires - nowMs) / 1000);
    this.setByServer(name, value, nowMs, maxAge, httpOnly);
  }

  private store(cookie: Omit<StoredCookie, 'expiresAtMs'>, nowMs: number, maxAgeSeconds: number | undefined, capped: boolean): void {
    if (maxAgeSeconds !== undefined && maxAgeSeconds <= 0) {
      this.cookies.delete(cookie.name);
      return;
    }
    let lifetime = maxAgeSeconds === undefined ? Number.POSITIVE_INFINITY : maxAgeSeconds * 1000;
    if (capped && this.options.browser === 'safari') lifetime = Math.min(lifetime, SAFARI_CAP_MS);
    this.cookies.set(cookie.name, { ...cookie, expiresAtMs: nowMs + lifetime });
  }

  get(name: string, nowMs: number): StoredCookie | undefined {
    const cookie = this.cookies.get(name);
    if (cookie && cookie.expiresAtMs <= nowMs) {
      this.cookies.delete(name);
      return undefined;
    }
    return cookie;
  }

  value(name: string, nowMs: number): string | undefined {
    return this.get(name, nowMs)?.value;
  }

  /** What `document.cookie` shows (HttpOnly cookies are hidden from scripts). */
  documentCookie(nowMs: number): string {
    return this.live(nowMs)
      .filter((cookie) => !cookie.httpOnly)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  /** The Cookie header sent to the server container (same site: every cookie). */
  cookieHeader(nowMs: number): string {
    return this.live(nowMs)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private live(nowMs: number): StoredCookie[] {
    return [...this.cookies.keys()].map((name) => this.get(name, nowMs)).filter((cookie): cookie is StoredCookie => cookie !== undefined);
  }
}
