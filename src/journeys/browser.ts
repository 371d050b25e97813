// The simulated browser of a journey: one shopper, one site (https://shop.example.com) with its
// server container on a same-site subdomain. It loads pages, runs GTM's data layer (every message
// numbered with gtm.uniqueEventId, every event firing the web container's tags), keeps cookies with
// the browser's lifetime rules, applies consent commands, loads or blocks TikTok's Pixel script and
// sends what the Google tag and the Pixel send: GA4 hits to the server container, Pixel events to the
// mock TikTok. Time only passes when the journey says so (`wait`) plus one second per action.

import { deepCopy } from '../sandbox/apis/common';
import { drainPage, type LoadedTemplate } from '../sandbox';
import type { RunResult, ScriptBehaviour, WebEnvironment } from '../sandbox/environment';
import { updateWebConsent } from '../sandbox/apis/web';
import { dataLayerModel, gtmEventName, modelUpdate } from '../sandbox/data-layer';
import type { MockTikTok } from '../server/mock-tiktok';
import { CookieJar, type Browser as BrowserKind } from './cookies';
import { GoogleTag, type ConsentValue } from './gtag';
import { PixelLibrary } from './pixel-library';
import type { ServerContainer, ServerRequestContext } from './server-container';
import { isObject } from './values';
import { fireTags, type TagFiring, type WebContainerConfig, type WebPageContext } from './web-container';

export const SHOP_ORIGIN = 'https://shop.example.com';
export const SERVER_CONTAINER_URL = 'https://sgtm.shop.example.com';
const SHOPPER_IP = '203.0.113.7';
const USER_AGENTS: Record<BrowserKind, string> = {
  chrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  safari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};
const SECOND = 1000;

export interface BrowserOptions {
  browser?: BrowserKind;
  /** An ad blocker that blocks TikTok's Pixel script (analytics.tiktok.com). */
  adBlocker?: boolean;
  /** Whether the server container's IP address counts as the site's own for Safari (default true). */
  serverIpSameSite?: boolean;
  /** A consent banner: Consent Mode defaults set on every page before GTM loads. */
  consentDefaults?: Record<string, ConsentValue>;
}

/** Everything one journey runs against. */
export interface World {
  now(): number;
  advance(ms: number): void;
  random: () => number;
  mock: MockTikTok;
  web: WebContainerConfig;
  server: ServerContainer;
}

/** A page as the site serves it: its URL and the dataLayer code that runs when it loads. */
export interface PageDefinition {
  url: string;
  referrer: string;
  /** dataLayer pushes and gtag() calls made by the page's own code after GTM's snippet. */
  onLoad: unknown[];
}

/** What gtag() pushes: its arguments object. */
export function gtagArguments(...args: unknown[]): unknown {
  return (function collect() {
    // eslint-disable-next-line prefer-rest-params
    return arguments;
  })(...(args as []));
}

export class Browser {
  readonly jar: CookieJar;
  readonly localStorage = new Map<string, string>();
  /** Lines describing what happened, for failing journeys. */
  readonly trace: string[] = [];
  readonly firings: TagFiring[] = [];
  page: Page | undefined;
  /** The shopper's choice in the consent banner, replayed by the banner on every later page. */
  consentChoice: Record<string, ConsentValue> | undefined;
  private readonly history: PageDefinition[] = [];
  private historyIndex = -1;

  constructor(readonly world: World, readonly options: BrowserOptions = {}) {
    this.jar = new CookieJar({ browser: options.browser ?? 'chrome', serverIpSameSite: options.serverIpSameSite });
  }

  get kind(): BrowserKind {
    return this.options.browser ?? 'chrome';
  }

  userAgent(): string {
    return USER_AGENTS[this.kind];
  }

  /** Opens a page (a link, a typed URL, an ad click): GTM loads and the page's code runs. */
  async open(path: string, onLoad: unknown[] = [], referrer?: string): Promise<Page> {
    const url = new URL(path, SHOP_ORIGIN).href;
    const definition: PageDefinition = { url, referrer: referrer ?? this.page?.url() ?? '', onLoad };
    this.history.splice(this.historyIndex + 1);
    this.history.push(definition);
    this.historyIndex = this.history.length - 1;
    return this.load(definition);
  }

  /** Reloads the current page: GTM starts over, the page's code runs again. */
  async reload(): Promise<Page> {
    const current = this.history[this.historyIndex];
    if (!current) throw new Error('reload: no page open');
    return this.load(current);
  }

  /** The back button (a fresh load of the previous page, as without the back/forward cache). */
  async back(): Promise<Page> {
    if (this.historyIndex <= 0) throw new Error('back: no previous page');
    this.historyIndex--;
    return this.load(this.history[this.historyIndex]);
  }

  private async load(definition: PageDefinition): Promise<Page> {
    this.world.advance(SECOND);
    this.page = new Page(this, definition);
    this.trace.push(`${this.clock()} load ${definition.url}`);
    await this.page.load();
    return this.page;
  }

  /** A dataLayer.push() or gtag() call by the current page. */
  async push(entry: unknown): Promise<void> {
    this.world.advance(SECOND);
    await this.current().push(entry);
  }

  /** A single-page app changes the URL with history.pushState; `onChange` runs after. */
  async navigateInApp(path: string, onChange: unknown[] = []): Promise<void> {
    this.world.advance(SECOND);
    await this.current().pushState(new URL(path, SHOP_ORIGIN).href, onChange);
  }

  /** A click on a link (GTM's link click event; the Google tag may report a file download). */
  async click(href: string): Promise<void> {
    this.world.advance(SECOND);
    await this.current().clickLink(new URL(href, SHOP_ORIGIN).href);
  }

  /** The shopper answers the consent banner: a Consent Mode update now and on every later page. */
  async answerConsentBanner(choice: Record<string, ConsentValue>): Promise<void> {
    this.consentChoice = { ...choice };
    await this.push(gtagArguments('consent', 'update', choice));
  }

  /** Time passes (the tab closed or left open). */
  wait(ms: number): void {
    this.world.advance(ms);
    this.trace.push(`${this.clock()} ${Math.round(ms / 3600000)} h later`);
  }

  current(): Page {
    if (!this.page) throw new Error('no page open');
    return this.page;
  }

  clock(): string {
    return new Date(this.world.now()).toISOString().replace('T', ' ').slice(0, 19);
  }

  /** The request context of a call to the server container. */
  serverRequest(): ServerRequestContext {
    const now = this.world.now();
    return { cookieHeader: this.jar.cookieHeader(now), userAgent: this.userAgent(), ip: SHOPPER_IP, origin: SHOP_ORIGIN, now };
  }

  applyServerCookies(headers: string[]): void {
    for (const header of headers) this.jar.applySetCookieHeader(header, this.world.now());
  }
}

export class Page implements WebPageContext {
  private readonly windowObject: Record<string, unknown> = {};
  private readonly dataLayer: unknown[] = [];
  private processed = 0;
  private uniqueEventId = 0;
  private currentEvent: { name: string; id: number; message: Record<string, unknown> } | undefined;
  private readonly storages = new Map<string, Map<string, unknown>>();
  private readonly consentState: Record<string, 'granted' | 'denied'> = {};
  private readonly defaults: Record<string, ConsentValue> = {};
  private readonly updates: Record<string, ConsentValue> = {};
  private location: string;
  private readonly googleTagRuntime: GoogleTag;
  private pixelLibrary: PixelLibrary | undefined;
  private readonly insertedScripts: string[] = [];

  constructor(private readonly browser: Browser, private readonly definition: PageDefinition) {
    this.location = definition.url;
    this.windowObject.dataLayer = this.dataLayer;
    const world = browser.world;
    this.googleTagRuntime = new GoogleTag({
      url: () => this.location,
      referrer: () => this.definition.referrer,
      title: () => this.title(),
      now: () => world.now(),
      random: world.random,
      consentDefaults: () => this.defaults,
      consentUpdates: () => this.updates,
      readCookie: (name) => browser.jar.value(name, world.now()),
      writeScriptCookie: (name, value, maxAge) => browser.jar.setByScript(name, value, world.now(), maxAge),
      sendHit: async (_serverUrl, queryString) => {
        browser.applyServerCookies(await world.server.ga4Hit(queryString, browser.serverRequest()));
      },
    });
  }

  // ---------------------------------------------------------------- loading and the data layer

  /** GTM's container load: Consent Initialization, Initialization, the page's code, All Pages, DOM Ready, Window Loaded. */
  async load(): Promise<void> {
    // The consent banner's code runs before GTM's snippet: defaults, then the stored choice.
    const banner = this.browser.options.consentDefaults;
    if (banner) await this.push(gtagArguments('consent', 'default', banner));
    if (banner && this.browser.consentChoice) await this.push(gtagArguments('consent', 'update', this.browser.consentChoice));
    for (const entry of [{ event: 'gtm.init_consent' }, { event: 'gtm.init' }, { event: 'gtm.js', 'gtm.start': this.browser.world.now() }]) {
      await this.push(entry);
    }
    for (const entry of this.definition.onLoad) await this.push(entry);
    await this.push({ event: 'gtm.dom' });
    await this.push({ event: 'gtm.load' });
  }

  /** A push is processed at once (GTM replaces dataLayer.push once loaded), before the next one. */
  async push(entry: unknown): Promise<void> {
    this.dataLayer.push(cloneEntry(entry));
    await this.process();
  }

  /** GTM processes messages one at a time, in order, including ones tags push while running. */
  private async process(): Promise<void> {
    while (this.processed < this.dataLayer.length) {
      const entry = this.dataLayer[this.processed++];
      await this.handle(entry);
    }
  }

  private async handle(entry: unknown): Promise<void> {
    const id = ++this.uniqueEventId;
    if (entry !== null && typeof entry === 'object') (entry as Record<string, unknown>)['gtm.uniqueEventId'] = id;
    const args = isArguments(entry) ? Array.from(entry) : undefined;
    if (args?.[0] === 'consent' && isObject(args[2])) this.applyConsent(args[1] === 'default' ? 'default' : 'update', args[2]);
    if (args?.[0] === 'set' && isObject(args[1])) this.googleTagRuntime.set(args[1]);
    if (args?.[0] === 'event' && typeof args[1] === 'string') {
      // The site's own gtag('event', …): the Google tag sends it to its targets (send_to or all).
      const params = isObject(args[2]) ? { ...args[2] } : {};
      const sendTo = typeof params.send_to === 'string' ? params.send_to : undefined;
      await this.googleTagRuntime.event(args[1], params, sendTo);
    }
    const name = gtmEventName(entry);
    if (name === undefined) return;
    this.currentEvent = { name, id, message: modelUpdate(entry) ?? {} };
    const firings = await fireTags(this.browser.world.web, this, name, id);
    this.browser.firings.push(...firings);
    this.runInsertedScripts();
    await drainPage({ context: 'WEB', window: this.windowObject });
  }

  private applyConsent(command: 'default' | 'update', values: Record<string, unknown>): void {
    const changes: Record<string, 'granted' | 'denied'> = {};
    for (const [type, value] of Object.entries(values)) {
      if (value !== 'granted' && value !== 'denied') continue;
      (command === 'default' ? this.defaults : this.updates)[type] = value;
      changes[type] = value;
    }
    // Consent listeners (addConsentListener) hear about updates; defaults only fill unset types.
    updateWebConsent({ context: 'WEB', consent: this.consentState }, undefined, changes, command === 'default');
    this.log(`consent ${command} ${JSON.stringify(changes)}`);
  }

  /** history.pushState: the Pixel's observer, GTM's History Change event, the page's code. */
  async pushState(url: string, onChange: unknown[]): Promise<void> {
    const previous = this.location;
    this.location = url;
    this.definition.referrer = previous;
    this.log(`pushState ${url}`);
    this.pixelLibrary?.onHistoryChange();
    await this.googleTagRuntime.historyChange();
    await this.push({ event: 'gtm.historyChange-v2', 'gtm.newUrl': url, 'gtm.oldUrl': previous });
    for (const entry of onChange) await this.push(entry);
  }

  async clickLink(url: string): Promise<void> {
    await this.googleTagRuntime.linkClick(url);
    await this.push({ event: 'gtm.linkClick', 'gtm.elementUrl': url });
  }

  // ---------------------------------------------------------------- WebPageContext

  url(): string {
    return this.location;
  }

  referrer(): string {
    return this.definition.referrer;
  }

  title(): string {
    const path = new URL(this.location).pathname;
    return path === '/' ? 'Shop' : `Shop - ${path.split('/').filter(Boolean).join(' ')}`;
  }

  environment(template: LoadedTemplate): WebEnvironment {
    const world = this.browser.world;
    return {
      context: 'WEB',
      url: this.location,
      referrer: this.definition.referrer,
      title: this.title(),
      window: this.windowObject,
      dataLayer: this.dataLayer,
      documentCookie: this.browser.jar.documentCookie(world.now()),
      consent: this.consentState,
      scripts: (url) => this.scriptBehaviour(url),
      localStorage: this.browser.localStorage,
      templateStorage: this.storage(template.fileName),
      containerVersion: { containerId: 'GTM-SHOP', debugMode: false, previewMode: false, environmentName: 'live', version: '1' },
      now: () => world.now(),
      random: world.random,
      gtmEventId: this.currentEvent?.id,
    };
  }

  applyRun(result: RunResult): void {
    const now = this.browser.world.now();
    for (const cookie of result.record.cookiesSet) {
      const maxAge = cookie.options['max-age'];
      this.browser.jar.setByScript(cookie.name, cookie.value, now, typeof maxAge === 'number' ? maxAge : undefined);
    }
  }

  model(): Record<string, unknown> {
    return dataLayerModel(this.dataLayer.slice(0, this.processed), 2);
  }

  currentMessage(): Record<string, unknown> {
    return this.currentEvent?.message ?? {};
  }

  googleTag(): GoogleTag {
    return this.googleTagRuntime;
  }

  async sendEventData(eventData: Record<string, unknown>): Promise<void> {
    this.browser.applyServerCookies(await this.browser.world.server.eventData(eventData, this.browser.serverRequest()));
  }

  window(): Record<string, unknown> {
    return this.windowObject;
  }

  /** A <script> the page inserts itself (Custom HTML): it runs after the inserting code, like an async script. */
  loadScript(url: string): void {
    this.insertedScripts.push(url);
  }

  private runInsertedScripts(): void {
    for (const url of this.insertedScripts.splice(0)) {
      const behaviour = this.scriptBehaviour(url);
      if (behaviour.outcome === 'load') behaviour.onLoad?.(this.windowObject);
      else this.log(`script blocked: ${url}`);
    }
  }

  log(line: string): void {
    this.browser.trace.push(`${this.browser.clock()}   ${line}`);
  }

  // ---------------------------------------------------------------- internals

  private scriptBehaviour(url: string): ScriptBehaviour {
    const host = new URL(url).hostname;
    if (host === 'analytics.tiktok.com') {
      if (this.browser.options.adBlocker) return { outcome: 'fail' };
      return { outcome: 'load', onLoad: () => this.pixel().onScriptLoad(url) };
    }
    return { outcome: 'load' };
  }

  private pixel(): PixelLibrary {
    const world = this.browser.world;
    this.pixelLibrary ??= new PixelLibrary({
      window: this.windowObject,
      url: () => this.location,
      now: () => world.now(),
      random: world.random,
      readCookie: (name) => this.browser.jar.value(name, world.now()),
      writeScriptCookie: (name, value, maxAge) => this.browser.jar.setByScript(name, value, world.now(), maxAge),
      send: (payload) => {
        world.mock.receivePixelEvent(payload);
        this.log(`Pixel → TikTok ${payload.event}${payload.event_id ? ` id=${payload.event_id}` : ' (no event_id)'}`);
      },
    });
    return this.pixelLibrary;
  }

  private storage(key: string): Map<string, unknown> {
    let storage = this.storages.get(key);
    if (!storage) this.storages.set(key, (storage = new Map()));
    return storage;
  }
}

function isArguments(value: unknown): value is IArguments {
  return Object.prototype.toString.call(value) === '[object Arguments]';
}

/** The page's own copy of a pushed value (journeys reuse their objects across pages). */
function cloneEntry(entry: unknown): unknown {
  if (isArguments(entry)) return gtagArguments(...Array.from(entry).map((value) => deepCopy(value)));
  return deepCopy(entry);
}
