// The demo page's GTM web container, run by the local server: our TikTok Pixel tag and TikTok
// Event ID variable (templates/tiktok-pixel.tpl, templates/tiktok-event-id.tpl) in the web
// emulator, with the Pixel ID of the server's own Events API tag (container.yaml), so the Pixel's
// copies and the server's copies reach the same pixel in TikTok's books.
//
// Why on the server: the emulator runs templates in Node (V8 contexts), not in a browser. So the
// page keeps what a browser does itself (its URL, its cookies, its network requests) and hands
// each dataLayer push to this container, which does what GTM would do with it in that page:
// - numbers the push (gtm.uniqueEventId), applies gtag consent commands, and for a GTM event fires
//   the Pixel tag when its trigger matches (All Pages = gtm.js, and the guide's e-commerce events),
//   evaluating {{TikTok Event ID}} for the tag, as GTM evaluates a tag's variables when it fires;
// - keeps the page's window, data layer, consent state and templateStorage between pushes of the
//   same page load (a page load is the id the page sends; a reload is a new page load);
// - plays TikTok's events.js when the tag injects it: the journey simulator's stand-in for the
//   Pixel library (src/journeys/pixel-library.ts), which reads and writes the page's cookies and
//   builds the events the Pixel sends to TikTok.
// The answer tells the page what the browser would then do: the cookies the scripts wrote, the
// events the Pixel sends to TikTok (the page posts each to the mock's books, /_mock/tiktok/pixel),
// and the value of {{TikTok Event ID}} for this event (the page's GA4 event tag sends it as the
// event_id parameter of its hit to /g/collect). docs/local-server.md, "The demo page".

import * as path from 'path';
import { drainPage, loadTemplate, runTemplate, type LoadedTemplate } from '../sandbox';
import { updateWebConsent } from '../sandbox/apis/web';
import { gtmEventName } from '../sandbox/data-layer';
import type { RunResult, ScriptBehaviour, WebEnvironment } from '../sandbox/environment';
import { PixelLibrary, type PixelPayload } from '../journeys/pixel-library';
import { fieldDefaults } from './field-defaults';
import type { PushInput } from './web-container-input';

/** The Pixel tag's trigger: All Pages, and the guide's Custom Event trigger (docs/guide/web-setup-and-dedup.md). */
const PIXEL_TRIGGER = /^(gtm\.js|view_item|add_to_cart|begin_checkout|purchase|generate_lead)$/;
/** Page loads kept at once (the oldest is forgotten first). */
const MAX_PAGES = 20;
const TIKTOK_SCRIPT_HOST = 'analytics.tiktok.com';

export interface ScriptCookie {
  name: string;
  value: string;
  maxAgeSeconds?: number;
}

export interface TagFiring {
  tag: string;
  outcome: RunResult['outcome'];
  message?: string;
  logs: string[];
}

export interface PushResult {
  /** gtm.uniqueEventId of the push. */
  gtmEventId: number;
  /** The GTM event it started, if any. */
  event?: string;
  /** {{TikTok Event ID}} for this event (what the GA4 event tag sends as event_id). */
  eventId?: string;
  pixelId: string;
  tags: TagFiring[];
  /** Cookies the page's scripts wrote (the Pixel library's _ttp and ttclid). */
  cookies: ScriptCookie[];
  /** What the Pixel sends to TikTok, in the books' Pixel shape (src/server/tiktok-books.ts). */
  pixelEvents: PixelPayload[];
  /** Log lines written outside a tag run (consent listeners). */
  logs: string[];
}

interface PageLoad {
  window: Record<string, unknown>;
  dataLayer: unknown[];
  consent: Record<string, 'granted' | 'denied'>;
  storages: Map<string, Map<string, unknown>>;
  localStorage: Map<string, string>;
  library?: PixelLibrary;
  uniqueEventId: number;
  url: string;
  referrer: string;
  title: string;
  /** document.cookie as of this push: the request's cookies, then what scripts wrote. */
  cookies: Map<string, string>;
  written: ScriptCookie[];
  sent: PixelPayload[];
  /** Pushes of one page are processed one at a time, in order, as GTM does. */
  queue: Promise<unknown>;
}

/** Cookies of a Cookie request header (first value of each name, as document.cookie lists them). */
function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '' && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export class DemoWebContainer {
  private templates: { pixel: LoadedTemplate; eventId: LoadedTemplate } | undefined;
  private readonly pages = new Map<string, PageLoad>();

  constructor(
    /** The Pixel ID of the server's Events API tag. */
    readonly pixelId: string,
    private readonly templateDir: string,
  ) {}

  /** Handles one dataLayer push of a page; `cookieHeader` is the browser's cookies for this page now. */
  push(input: PushInput, cookieHeader: string | undefined): Promise<PushResult> {
    const page = this.pageLoad(input);
    const run = page.queue.then(() => this.process(page, input, cookieHeader));
    page.queue = run.catch(() => undefined);
    return run;
  }

  private pageLoad(input: PushInput): PageLoad {
    let page = this.pages.get(input.page);
    if (page) {
      this.pages.delete(input.page);
    } else {
      const dataLayer: unknown[] = [];
      page = {
        window: { dataLayer }, dataLayer, consent: {}, storages: new Map(), localStorage: new Map(), uniqueEventId: 0,
        url: input.url, referrer: input.referrer, title: input.title, cookies: new Map(), written: [], sent: [], queue: Promise.resolve(),
      };
    }
    // Most recently used last; the least recently used page load is forgotten first.
    this.pages.set(input.page, page);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    return page;
  }

  private loaded(): { pixel: LoadedTemplate; eventId: LoadedTemplate } {
    this.templates ??= {
      pixel: loadTemplate(path.join(this.templateDir, 'tiktok-pixel.tpl')),
      eventId: loadTemplate(path.join(this.templateDir, 'tiktok-event-id.tpl')),
    };
    return this.templates;
  }

  private async process(page: PageLoad, input: PushInput, cookieHeader: string | undefined): Promise<PushResult> {
    const { pixel, eventId: eventIdVariable } = this.loaded();
    page.url = input.url;
    page.referrer = input.referrer;
    page.title = input.title;
    page.cookies = parseCookieHeader(cookieHeader);
    page.written = [];
    page.sent = [];

    const entry = input.message;
    const gtmEventId = ++page.uniqueEventId;
    (entry as Record<string, unknown>)['gtm.uniqueEventId'] = gtmEventId;
    page.dataLayer.push(entry);
    if (Array.isArray(entry) && entry[0] === 'consent' && (entry[1] === 'default' || entry[1] === 'update') && isObject(entry[2])) {
      const changes: Record<string, 'granted' | 'denied'> = {};
      for (const [type, value] of Object.entries(entry[2])) if (value === 'granted' || value === 'denied') changes[type] = value;
      // Defaults only fill signals not set yet; updates reach the consent listeners (the Pixel's).
      updateWebConsent({ context: 'WEB', consent: page.consent }, undefined, changes, entry[1] === 'default');
    }

    const result: PushResult = { gtmEventId, pixelId: this.pixelId, tags: [], cookies: [], pixelEvents: [], logs: [] };
    const event = gtmEventName(entry);
    if (event !== undefined) {
      result.event = event;
      result.eventId = await this.eventIdValue(page, eventIdVariable, gtmEventId);
      if (PIXEL_TRIGGER.test(event)) {
        const fields = {
          ...fieldDefaults(pixel.parameters),
          pixelIds: this.pixelId,
          // Variables are evaluated for each tag that fires.
          eventId: await this.eventIdValue(page, eventIdVariable, gtmEventId),
          advancedMatching: true,
          gtmEventId,
          gtmTagId: 1,
        };
        const run = await runTemplate(pixel, fields, this.environment(page, pixel, gtmEventId));
        this.applyCookies(page, run);
        result.tags.push({ tag: 'TikTok Pixel', outcome: run.outcome, message: run.message, logs: run.record.logs.map((line) => line.text) });
      }
    }
    const loose = await drainPage({ context: 'WEB', window: page.window });
    result.logs = loose.record.logs.map((line) => line.text).concat(loose.errors);
    result.cookies = page.written;
    result.pixelEvents = page.sent;
    return result;
  }

  private async eventIdValue(page: PageLoad, variable: LoadedTemplate, gtmEventId: number): Promise<string | undefined> {
    const run = await runTemplate(variable, fieldDefaults(variable.parameters), this.environment(page, variable, gtmEventId));
    return run.outcome === 'success' && typeof run.returnValue === 'string' ? run.returnValue : undefined;
  }

  private environment(page: PageLoad, template: LoadedTemplate, gtmEventId: number): WebEnvironment {
    let storage = page.storages.get(template.fileName);
    if (!storage) page.storages.set(template.fileName, (storage = new Map()));
    return {
      context: 'WEB',
      url: page.url,
      referrer: page.referrer,
      title: page.title,
      window: page.window,
      dataLayer: page.dataLayer,
      documentCookie: [...page.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      consent: page.consent,
      scripts: (url) => this.script(page, url),
      localStorage: page.localStorage,
      templateStorage: storage,
      // The demo is a Preview of the web container: the tags log.
      containerVersion: { containerId: 'GTM-DEMO', debugMode: true, previewMode: true, environmentName: 'local', version: 'demo' },
      gtmEventId,
    };
  }

  /** TikTok's events.js loads (as the library stand-in); any other script fails, as a blocked one would. */
  private script(page: PageLoad, url: string): ScriptBehaviour {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      // not a URL: fails below
    }
    if (host !== TIKTOK_SCRIPT_HOST) return { outcome: 'fail' };
    return { outcome: 'load', onLoad: () => this.library(page).onScriptLoad(url) };
  }

  private library(page: PageLoad): PixelLibrary {
    page.library ??= new PixelLibrary({
      window: page.window,
      url: () => page.url,
      now: Date.now,
      random: Math.random,
      readCookie: (name) => page.cookies.get(name),
      writeScriptCookie: (name, value, maxAgeSeconds) => this.writeCookie(page, { name, value, maxAgeSeconds }),
      send: (payload) => page.sent.push(payload),
    });
    return page.library;
  }

  private applyCookies(page: PageLoad, run: RunResult): void {
    for (const cookie of run.record.cookiesSet) {
      const maxAge = cookie.options['max-age'];
      this.writeCookie(page, { name: cookie.name, value: cookie.value, maxAgeSeconds: typeof maxAge === 'number' ? maxAge : undefined });
    }
  }

  private writeCookie(page: PageLoad, cookie: ScriptCookie): void {
    page.cookies.set(cookie.name, cookie.value);
    page.written = page.written.filter((earlier) => earlier.name !== cookie.name).concat(cookie);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
