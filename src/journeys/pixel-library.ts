// A stand-in for TikTok's Pixel library (analytics.tiktok.com/i18n/pixel/events.js) in the simulated
// browser. When the page "loads" the script it takes over `window.ttq` the way the real library
// does (TikTok's base code, docs/web-setup.md): it replays what the queue stub recorded, then answers
// ttq.page / track / identify / instance / load and the consent calls directly, and hands every event
// it would send to TikTok to the page (which gives it to the mock's books).
//
// What it sends, as modelled (TikTok does not publish the Pixel's internals; docs/journeys.md):
// - ttq.page(params?, {event_id?}) → Pageview to every loaded pixel; ttq.track(name, params,
//   {event_id?, pixel_code?}) → to that pixel, or to every loaded pixel without pixel_code;
// - each event carries the `_ttp` cookie (created by the library, a script cookie, when missing), the
//   click id (`ttclid` of the page URL, else the `ttclid` cookie the library keeps), and the identify
//   data (plain values hashed by the library, as TikTok documents for ttq.identify);
// - ttq.holdConsent() keeps events (and writes no cookie) until ttq.grantConsent(); revokeConsent()
//   drops them;
// - the history observer (on unless the pixel was loaded with `historyObserver: false`) sends a
//   Pageview without event_id for every pixel when the page changes its URL with history.pushState.

import { createHash } from 'crypto';
import { isObject } from './values';

/** What the library hands to TikTok for one event (the books' Pixel shape, src/server/tiktok-books.ts). */
export interface PixelPayload {
  pixel_code: string;
  event: string;
  event_id?: string;
  properties: Record<string, unknown>;
  user: Record<string, string>;
  page: { url: string };
}

/** What the library needs from the page it runs in. */
export interface PixelHost {
  window: Record<string, unknown>;
  url(): string;
  now(): number;
  random(): number;
  readCookie(name: string): string | undefined;
  writeScriptCookie(name: string, value: string, maxAgeSeconds: number): void;
  send(payload: PixelPayload): void;
}

/** ttq.identify keys → the Events API user keys the books report. */
const IDENTIFY_KEYS: Record<string, string> = {
  email: 'email',
  sha256_email: 'email',
  phone_number: 'phone',
  sha256_phone_number: 'phone',
  external_id: 'external_id',
  sha256_external_id: 'external_id',
  first_name: 'first_name',
  last_name: 'last_name',
  city: 'city',
  state: 'state',
  country: 'country',
  zip_code: 'zip_code',
};

/** 13 months, TikTok's stated lifetime for its first-party cookies. */
const PIXEL_COOKIE_MAX_AGE = 396 * 24 * 3600;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

interface PixelState {
  historyObserver: boolean;
}

export class PixelLibrary {
  private readonly pixels = new Map<string, PixelState>();
  private identity: Record<string, string> = {};
  private consent: 'granted' | 'held' | 'revoked' = 'granted';
  private held: PixelPayload[] = [];
  private installed = false;
  /** Events the library sent (for reports), in order. */
  readonly sent: PixelPayload[] = [];

  constructor(private readonly host: PixelHost) {}

  /** The page loaded events.js?sdkid=<id>: take over window.ttq (first load) and register the pixel. */
  onScriptLoad(url: string): void {
    let sdkid: string | null = null;
    try {
      sdkid = new URL(url).searchParams.get('sdkid');
    } catch {
      // a malformed URL loads nothing
    }
    if (!this.installed) this.install();
    if (sdkid && !this.pixels.has(sdkid)) this.register(sdkid, undefined);
  }

  /** history.pushState / replaceState changed the URL: the observer's page views. */
  onHistoryChange(): void {
    if (!this.installed) return;
    for (const [id, state] of this.pixels) if (state.historyObserver) this.emit(id, 'Pageview', {}, undefined);
  }

  private install(): void {
    this.installed = true;
    const win = this.host.window;
    const stub = win.ttq as (unknown[] & Record<string, unknown>) | undefined;
    const perPixel = isObject(stub?._i) ? (stub?._i as Record<string, unknown>) : {};
    const loadOptions = isObject(stub?._o) ? (stub?._o as Record<string, unknown>) : {};
    for (const id of Object.keys(perPixel)) this.register(id, loadOptions[id]);
    win.ttq = this.api(undefined);
    win.TiktokAnalyticsObject = 'ttq';
    if (Array.isArray(stub)) for (const entry of stub) this.replay(entry, undefined);
    for (const id of Object.keys(perPixel)) {
      const queue = perPixel[id];
      if (Array.isArray(queue)) for (const entry of queue) this.replay(entry, id);
    }
    this.rememberClickId();
  }

  private replay(entry: unknown, pixel: string | undefined): void {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') return;
    const method = (this.api(pixel) as Record<string, unknown>)[entry[0]];
    if (typeof method === 'function') method(...entry.slice(1));
  }

  private register(id: string, options: unknown): void {
    const historyObserver = !(isObject(options) && options.historyObserver === false);
    this.pixels.set(id, { historyObserver });
  }

  /** The object that replaces window.ttq (and what ttq.instance(id) returns, bound to one pixel). */
  private api(pixel: string | undefined): Record<string, unknown> {
    const api: Record<string, unknown> = {
      page: (params?: unknown, options?: unknown) => {
        for (const id of pixel ? [pixel] : [...this.pixels.keys()]) this.emit(id, 'Pageview', asObject(params), eventIdOf(options));
      },
      track: (name: unknown, params?: unknown, options?: unknown) => {
        if (typeof name !== 'string' || name === '') return;
        const code = pixel ?? (isObject(options) && typeof options.pixel_code === 'string' ? options.pixel_code : undefined);
        const targets = code !== undefined ? (this.pixels.has(code) ? [code] : []) : [...this.pixels.keys()];
        for (const id of targets) this.emit(id, name, asObject(params), eventIdOf(options));
      },
      identify: (data?: unknown) => this.identify(data),
      holdConsent: () => {
        if (this.consent === 'granted') this.consent = 'held';
      },
      grantConsent: () => {
        this.consent = 'granted';
        this.rememberClickId();
        const waiting = this.held.splice(0);
        for (const payload of waiting) this.deliver(payload);
      },
      revokeConsent: () => {
        this.consent = 'revoked';
        this.held = [];
      },
      load: (id: unknown, options?: unknown) => {
        if (typeof id === 'string' && !this.pixels.has(id)) this.register(id, options);
      },
      instance: (id: unknown) => this.api(typeof id === 'string' ? id : undefined),
    };
    for (const method of ['instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group', 'enableCookie', 'disableCookie']) {
      api[method] = () => api;
    }
    return api;
  }

  private identify(data: unknown): void {
    if (!isObject(data)) return;
    for (const [key, value] of Object.entries(data)) {
      const target = IDENTIFY_KEYS[key];
      if (!target || typeof value !== 'string' || value.trim() === '') continue;
      this.identity[target] = SHA256_HEX.test(value) ? value.toLowerCase() : sha256(normalizeForHash(target, value));
    }
  }

  private emit(pixel: string, event: string, properties: Record<string, unknown>, eventId: string | undefined): void {
    const payload: PixelPayload = { pixel_code: pixel, event, properties, user: {}, page: { url: this.host.url() } };
    if (eventId !== undefined) payload.event_id = eventId;
    if (this.consent === 'revoked') return;
    if (this.consent === 'held') {
      this.held.push(payload);
      return;
    }
    this.deliver(payload);
  }

  private deliver(payload: PixelPayload): void {
    const user: Record<string, string> = { ...this.identity };
    const ttp = this.browserId();
    if (ttp) user.ttp = ttp;
    const clickId = clickIdOf(this.host.url()) ?? this.host.readCookie('ttclid');
    if (clickId) user.ttclid = clickId;
    const sent = { ...payload, user };
    this.sent.push(sent);
    this.host.send(sent);
  }

  private browserId(): string | undefined {
    const existing = this.host.readCookie('_ttp');
    if (existing) return existing;
    let id = '';
    for (let i = 0; i < 26; i++) id += CROCKFORD.charAt(Math.floor(this.host.random() * 32) % 32);
    const value = id + '_.tt.1';
    this.host.writeScriptCookie('_ttp', value, PIXEL_COOKIE_MAX_AGE);
    return value;
  }

  /** Keeps the landing page's click id in a script cookie (only with consent). */
  private rememberClickId(): void {
    if (this.consent !== 'granted') return;
    const clickId = clickIdOf(this.host.url());
    if (clickId) this.host.writeScriptCookie('ttclid', clickId, PIXEL_COOKIE_MAX_AGE);
  }
}

function clickIdOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('ttclid') || undefined;
  } catch {
    return undefined;
  }
}

function eventIdOf(options: unknown): string | undefined {
  if (!isObject(options)) return undefined;
  const id = options.event_id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number') return String(id);
  return undefined;
}

function normalizeForHash(key: string, value: string): string {
  const trimmed = value.trim();
  return key === 'email' ? trimmed.toLowerCase() : trimmed;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? { ...value } : {};
}

