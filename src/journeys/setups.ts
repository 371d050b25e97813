// Container configurations the journeys run: the web and server containers the guide tells users to
// build (docs/guide/web-setup-and-dedup.md, docs/web-setup.md), and the variants some journeys
// need. Which template plays the TikTok Pixel tag and which the Events API tag is a choice
// (`TemplateChoice`): ours by default, any .tpl from the command line. A profile per known
// template says how a user would fill its fields for the same job.

import * as path from 'path';
import { loadTemplate, type LoadedTemplate } from '../sandbox';
import { SERVER_CONTAINER_URL } from './browser';
import type { ServerContainerConfig, ServerTag } from './server-container';
import { getPath } from './values';
import { INHERIT } from '../template-kit/shared-settings.read';
import {
  ALL_PAGES, HISTORY_CHANGE, anyOf, customEvent, type CustomHtmlTag, type Trigger, type WebContainerConfig, type WebPageContext, type WebTag,
} from './web-container';

export const SHOP_PIXEL = 'C9Q2MJ3C77U4P674RPG0';
export const MEASUREMENT_ID = 'G-SHOP1234';
export const ACCESS_TOKEN = 'mock-token-for-journeys';
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The e-commerce events of the guide's Custom Event trigger (step 4). */
export const GUIDE_EVENTS = /^(view_item|add_to_cart|begin_checkout|purchase|generate_lead)$/;

export function ourTemplate(name: string): LoadedTemplate {
  return loadTemplate(path.join(REPO_ROOT, 'templates', `${name}.tpl`));
}

/** Which templates play the TikTok Pixel web tag and the TikTok Events API server tag. */
export interface TemplateChoice {
  pixelTag: LoadedTemplate;
  serverTag: LoadedTemplate;
  eventIdVariable: LoadedTemplate;
  /** The web container's Countersign TikTok Settings variable (ours; read by our Pixel tag and Event ID variable). */
  webSettingsVariable?: LoadedTemplate;
  /**
   * Our tags' remembered match keys (server rememberMatchKeys, Pixel rememberIdentify), off by
   * default as in the templates; the CLI runs the journeys a second time with it on to show the gain.
   */
  rememberMatchKeys?: boolean;
}

export function defaultChoice(): TemplateChoice {
  return {
    pixelTag: ourTemplate('tiktok-pixel'), serverTag: ourTemplate('tiktok-events-api'), eventIdVariable: ourTemplate('tiktok-event-id'),
    webSettingsVariable: ourTemplate('tiktok-settings-web'),
  };
}

/** A web and a server container, and the shop's pixel (whose books the journey reads). */
export interface Setup {
  web: WebContainerConfig;
  server: ServerContainerConfig;
  pixelId: string;
  /** What differs from the guide, in words. */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Template profiles: how a user fills in each known template for "send this event to TikTok".

export interface PixelSettings {
  /** The Pixel ID as the user typed it. */
  pixelId: string;
  /** `{{TikTok Event ID}}` unless the user left the field empty. */
  eventId: string;
  disableHistoryObserver: boolean;
}

export interface ServerSettings {
  pixelId: string;
  generateTtp: boolean;
  /**
   * The server tag's TikTok event names: the guide says to choose what the browser side sends, and
   * the same in the web container's settings variable (which our Pixel tag and Event ID variable read).
   */
  nameSet: 'current' | 'legacy';
  rememberMatchKeys?: boolean;
}

interface PixelProfile {
  label: string;
  fields(settings: PixelSettings): Record<string, unknown>;
  /** The GTM event this template treats as a page view (gtm.js for ours). */
  pageView: Trigger;
  /** The template needs TikTok's base code in a Custom HTML tag (it does not load the Pixel itself). */
  needsBaseCode: boolean;
  /**
   * The TikTok event names it sends, and so the names the guide has the server tag and the web
   * settings variable use beside it (the server tag's help: Legacy with TikTok's own template).
   */
  nameSet: 'current' | 'legacy';
}

interface ServerProfile {
  label: string;
  fields(settings: ServerSettings): Record<string, unknown>;
}

function parameterNames(template: LoadedTemplate): Set<string> {
  const names = new Set<string>();
  const visit = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const parameter of list) {
      if (!parameter || typeof parameter !== 'object') continue;
      const { name, subParams, radioItems } = parameter as { name?: string; subParams?: unknown; radioItems?: { subParams?: unknown }[] };
      if (typeof name === 'string') names.add(name);
      visit(subParams);
      for (const item of radioItems ?? []) visit(item?.subParams);
    }
  };
  visit(template.parameters);
  return names;
}

export function pixelProfile(template: LoadedTemplate): PixelProfile {
  const names = parameterNames(template);
  if (names.has('pixelIds') && names.has('ecommerceSource')) {
    return {
      label: 'ours',
      // The guide's step 6: the settings variable and "As in the settings variable" for the names
      // (the names themselves are chosen in the settings variable, step 3).
      fields: (s) => ({
        pixelIds: s.pixelId, eventMode: 'mapped', settingsVariable: WEB_SETTINGS_VARIABLE, nameSet: INHERIT, eventId: s.eventId, transactionEventId: true,
        ecommerceSource: 'dataLayer', consentMode: 'googleConsentMode', disableHistoryObserver: s.disableHistoryObserver,
      }),
      pageView: ALL_PAGES,
      needsBaseCode: false,
      nameSet: 'current',
    };
  }
  if (names.has('pixel_code') && names.has('event') && names.has('event_id')) {
    // TikTok's own Pixel template: one tag, event {{Event}} (GA4 names mapped to legacy names).
    return {
      label: "TikTok's Pixel template",
      fields: (s) => ({ pixel_code: s.pixelId, event: '{{Event}}', event_id: s.eventId, enhance_ecomm: true, ga_ecomm: 'ecomm' }),
      pageView: { events: [] },
      needsBaseCode: true,
      nameSet: 'legacy',
    };
  }
  if (names.has('pixelIds') && names.has('eventNameSetupMethod')) {
    // Stape's TikTok web tag: the event name inherited from the dataLayer; gtm.dom is its page view.
    return {
      label: "Stape's TikTok web tag",
      fields: (s) => ({
        pixelIds: s.pixelId, eventNameSetupMethod: 'inherit', eventId: s.eventId, enableDataLayerMapping: true,
        enableAdvancedMatching: true, enableGoogleConsentMode: true, disableHistoryObserver: s.disableHistoryObserver,
      }),
      pageView: { events: ['gtm.dom'] },
      needsBaseCode: false,
      nameSet: 'current',
    };
  }
  return {
    label: path.basename(template.fileName),
    fields: (s) => genericFields(names, s.pixelId, s.eventId),
    pageView: ALL_PAGES,
    needsBaseCode: false,
    nameSet: 'current',
  };
}

export function serverProfile(template: LoadedTemplate): ServerProfile {
  const names = parameterNames(template);
  if (names.has('pixelId') && names.has('accessToken') && names.has('nameSet')) {
    return { label: 'ours', fields: (s) => ({ pixelId: s.pixelId, accessToken: ACCESS_TOKEN, generateTtp: s.generateTtp, nameSet: s.nameSet, rememberMatchKeys: s.rememberMatchKeys === true }) };
  }
  if (names.has('pixel_code') && names.has('access_token')) {
    return { label: "TikTok's Events API template", fields: (s) => ({ pixel_code: s.pixelId, access_token: ACCESS_TOKEN, event: '{{Event Name}}', object_property_source: 'ga' }) };
  }
  if (names.has('pixelId') && names.has('eventType')) {
    return {
      label: "Stape's TikTok tag",
      fields: (s) => ({ pixelId: s.pixelId, accessToken: ACCESS_TOKEN, eventType: 'inherit', eventSource: 'web', generateTtp: s.generateTtp }),
    };
  }
  return { label: path.basename(template.fileName), fields: (s) => genericFields(names, s.pixelId, undefined) };
}

/** An unknown template: pixel-like fields get the pixel ID, event-id-like fields the variable. */
function genericFields(names: Set<string>, pixelId: string, eventId: string | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const name of names) {
    if (/pixel/i.test(name)) fields[name] = pixelId;
    else if (/token/i.test(name)) fields[name] = ACCESS_TOKEN;
    else if (eventId !== undefined && /event_?id/i.test(name)) fields[name] = eventId;
  }
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const EVENT_ID_VARIABLE = '{{TikTok Event ID}}';
const WEB_SETTINGS_VARIABLE = '{{Countersign TikTok Settings}}';

/**
 * The guide's step 3: the web container's settings variable with the TikTok event names (the same
 * as the server tag's), and the TikTok Event ID variable reading it. A variable template without a
 * Settings variable field (another project's) gets the names in its own field.
 */
function webVariables(choice: TemplateChoice, nameSet: 'current' | 'legacy', eventIdFields: Record<string, unknown> | undefined): WebContainerConfig['variables'] {
  const readsSettings = parameterNames(choice.eventIdVariable).has('settingsVariable') && choice.webSettingsVariable !== undefined;
  const variables: WebContainerConfig['variables'] = {
    'TikTok Event ID': {
      type: 'template', template: choice.eventIdVariable,
      fields: { ...(readsSettings ? { settingsVariable: WEB_SETTINGS_VARIABLE, nameSet: INHERIT } : { nameSet }), ...eventIdFields },
    },
  };
  if (choice.webSettingsVariable !== undefined) {
    variables['Countersign TikTok Settings'] = { type: 'template', template: choice.webSettingsVariable, fields: { nameSet } };
  }
  return variables;
}

function googleTag(eventIdInConfig: boolean, sendPageView: boolean, historyPageViews: boolean): WebTag {
  const config: Record<string, unknown> = { server_container_url: SERVER_CONTAINER_URL };
  if (!sendPageView) config.send_page_view = false;
  if (eventIdInConfig) config.event_id = EVENT_ID_VARIABLE;
  return { type: 'googleTag', name: 'Google tag', measurementId: MEASUREMENT_ID, config, enhancedMeasurement: { historyPageViews }, trigger: ALL_PAGES };
}

function ga4EventTag(name: string, eventName: string, trigger: Trigger, eventIdParam: boolean, userData: boolean, sendEcommerce: boolean): WebTag {
  const params: Record<string, unknown> = {};
  if (eventIdParam) params.event_id = EVENT_ID_VARIABLE;
  if (userData) params.user_data = '{{DLV user_data}}';
  return { type: 'ga4Event', name, measurementId: MEASUREMENT_ID, eventName, params, sendEcommerce, trigger };
}

/** TikTok's base code in a Custom HTML tag: the ttq queue, ttq.load(pixel), ttq.page(). */
export function tiktokBaseCode(pixelId: string, trigger: Trigger = ALL_PAGES): CustomHtmlTag {
  return {
    type: 'customHtml', name: 'TikTok base code (Custom HTML)', trigger,
    run: (page) => installBaseCode(page, pixelId),
  };
}

/** What TikTok's base code snippet does, as host code: a queue stub, then load and page. */
function installBaseCode(page: WebPageContext, pixelId: string): void {
  const win = page.window();
  if (win.ttq === undefined) {
    const queue = [] as unknown as unknown[] & Record<string, unknown>;
    const methods = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group', 'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent'];
    queue.methods = methods;
    for (const method of methods) queue[method] = (...args: unknown[]) => queue.push([method, ...args]);
    queue._i = {};
    queue._t = {};
    queue._o = {};
    queue.instance = (id: string) => (queue._i as Record<string, unknown>)[id];
    queue.load = (id: string, options?: unknown) => {
      const perPixel = [] as unknown as unknown[] & Record<string, unknown>;
      perPixel._u = 'https://analytics.tiktok.com/i18n/pixel/events.js';
      (queue._i as Record<string, unknown>)[id] = perPixel;
      (queue._o as Record<string, unknown>)[id] = options ?? {};
      page.loadScript(`https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=${encodeURIComponent(id)}&lib=ttq`);
    };
    win.ttq = queue;
    win.TiktokAnalyticsObject = 'ttq';
  }
  const ttq = win.ttq as Record<string, (...args: unknown[]) => unknown>;
  ttq.load(pixelId);
  ttq.page();
}

/** A Custom HTML tag calling ttq.track with values from data layer variables (TikTok's manual install). */
export function customTrackTag(event: string, trigger: Trigger): CustomHtmlTag {
  return {
    type: 'customHtml', name: `ttq.track('${event}') (Custom HTML)`, trigger,
    fields: { value: '{{DLV ecommerce.value}}', currency: '{{DLV ecommerce.currency}}', items: '{{DLV ecommerce.items}}', eventId: EVENT_ID_VARIABLE },
    run: (page, fields) => {
      const ttq = page.window().ttq as Record<string, (...args: unknown[]) => unknown> | undefined;
      if (!ttq || typeof ttq.track !== 'function') return;
      const contents = Array.isArray(fields.items)
        ? fields.items.map((item) => ({ content_id: getPath(item, 'item_id'), price: getPath(item, 'price'), quantity: getPath(item, 'quantity') }))
        : [];
      ttq.track(event, { value: fields.value, currency: fields.currency, contents }, { event_id: fields.eventId });
    },
  };
}

const DATA_LAYER_VARIABLES = {
  'DLV ecommerce.value': { type: 'dataLayer' as const, key: 'ecommerce.value' },
  'DLV ecommerce.currency': { type: 'dataLayer' as const, key: 'ecommerce.currency' },
  'DLV ecommerce.items': { type: 'dataLayer' as const, key: 'ecommerce.items' },
  'DLV user_data': { type: 'dataLayer' as const, key: 'user_data' },
};

function serverContainer(choice: TemplateChoice, settings: ServerSettings): ServerContainerConfig {
  const tag: ServerTag = {
    name: 'TikTok Events API', template: choice.serverTag,
    fields: serverProfile(choice.serverTag).fields({ ...settings, rememberMatchKeys: settings.rememberMatchKeys ?? choice.rememberMatchKeys }),
    events: ['*'], exclude: ['user_engagement', 'scroll'],
  };
  return { tags: [tag] };
}

// ---------------------------------------------------------------------------------------------
// The guide's setup and its variants

export interface GuideOptions {
  /** The trigger of the GA4 event tag and the Pixel tag's event firings (the guide's regex). */
  events?: Trigger;
  /** Whether the GA4 e-commerce event tag exists (a gtag-style site sends its own events). */
  ga4EventTag?: boolean;
  /** event_id = {{TikTok Event ID}} on the GA4 event tags (default true). */
  eventTagEventId?: boolean;
  /** The web TikTok tag: our Pixel tag (default), TikTok's base code with a Custom HTML event, or none. */
  pixel?: 'tag' | 'baseCodeCustomHtml' | 'none';
  /** A data tag posting dataLayer events as event data instead of GA4 tags. */
  dataTag?: boolean;
  /** Advanced matching: the Pixel tag reads user_data from the dataLayer, the GA4 event tag sends it. */
  advancedMatching?: boolean;
  pixelSettings?: Partial<PixelSettings>;
  serverSettings?: Partial<ServerSettings>;
  /** Fields of the TikTok Event ID variable (its defaults otherwise). */
  eventIdVariableFields?: Record<string, unknown>;
  // Settings the guide advises against, to show what each costs (docs/guide/web-setup-and-dedup.md):
  /** event_id = {{TikTok Event ID}} in the Google tag's configuration (or shared event settings). */
  eventIdInGoogleTag?: boolean;
  /** The Google tag's own page_view instead of the GA4 page_view tag. */
  googleTagPageView?: boolean;
  /** GA4 enhanced measurement's page views on history changes. */
  enhancedHistoryPageViews?: boolean;
  /** The Pixel's automatic page views on history changes. */
  pixelHistoryObserver?: boolean;
}

/**
 * The guide's containers (docs/guide/web-setup-and-dedup.md):
 * - the Google tag on All Pages with server_container_url and send_page_view false; in the GA4
 *   stream, enhanced measurement's page views on history changes off;
 * - a GA4 event tag `page_view` on All Pages and History Change, and a GA4 event tag `{{Event}}` with
 *   e-commerce data on the guide's Custom Event trigger, both with event_id = {{TikTok Event ID}};
 * - the Countersign TikTok Settings variable with the server tag's TikTok event names;
 * - the TikTok Pixel tag on All Pages, History Change and the Custom Event trigger, the pixel's own
 *   history page views off, Event ID {{TikTok Event ID}}, the settings variable and its names;
 * - the TikTok Event ID variable with the settings variable and its names;
 * - in the server container, the Events API tag on every GA4 event but user_engagement and scroll,
 *   TikTok event names Current (what our Pixel tag sends with Current names; Legacy beside TikTok's own
 *   Pixel template, which sends Legacy names, as the server tag's help says).
 */
export function guideSetup(choice: TemplateChoice, options: GuideOptions = {}): Setup {
  const events = options.events ?? customEvent(GUIDE_EVENTS);
  const notes: string[] = [];
  const pixelSettings: PixelSettings = {
    pixelId: SHOP_PIXEL, eventId: EVENT_ID_VARIABLE, disableHistoryObserver: options.pixelHistoryObserver !== true, ...options.pixelSettings,
  };
  // The names the Pixel tag sends (Current for ours, as the guide chooses; Legacy for TikTok's own
  // template) in the server tag, and the same in the web container's settings variable (the guide:
  // the same choice everywhere).
  const pixelNames = (options.pixel ?? 'tag') === 'tag' ? pixelProfile(choice.pixelTag).nameSet : 'current';
  const serverSettings: ServerSettings = { pixelId: SHOP_PIXEL, generateTtp: false, nameSet: pixelNames, ...options.serverSettings };
  const eventIds = options.eventTagEventId !== false;
  const tags: WebTag[] = [];
  if (!options.dataTag) {
    tags.push(googleTag(options.eventIdInGoogleTag === true, options.googleTagPageView === true, options.enhancedHistoryPageViews === true));
    if (options.googleTagPageView !== true) tags.push(ga4EventTag('GA4 page_view', 'page_view', anyOf(ALL_PAGES, HISTORY_CHANGE), eventIds, false, false));
    if (options.ga4EventTag !== false) tags.push(ga4EventTag('GA4 event', '{{Event}}', events, eventIds, options.advancedMatching === true, true));
  } else {
    tags.push({ type: 'dataTag', name: 'Data tag', params: {}, trigger: anyOf(ALL_PAGES, events) });
    notes.push('events reach the server container as event data with a nested ecommerce object (a data tag), not as GA4 hits');
  }
  for (const [option, note] of [
    ['eventIdInGoogleTag', "event_id in the Google tag's configuration"],
    ['googleTagPageView', "the Google tag's own page_view"],
    ['enhancedHistoryPageViews', "GA4's enhanced-measurement page views on history changes"],
    ['pixelHistoryObserver', "the Pixel's automatic page views on history changes"],
  ] as const) {
    if (options[option] === true) notes.push(`not as the guide says: ${note}`);
  }
  const pixel = options.pixel ?? 'tag';
  if (pixel === 'tag') {
    const profile = pixelProfile(choice.pixelTag);
    if (profile.needsBaseCode) tags.push(tiktokBaseCode(pixelSettings.pixelId));
    const fields = profile.fields(pixelSettings);
    if (options.advancedMatching && profile.label === 'ours') {
      Object.assign(fields, { advancedMatching: true, userDataFromDataLayer: true, rememberIdentify: choice.rememberMatchKeys === true });
    }
    tags.push({ type: 'template', name: `TikTok Pixel tag (${profile.label})`, template: choice.pixelTag, fields, trigger: anyOf(profile.pageView, HISTORY_CHANGE, events) });
  } else if (pixel === 'baseCodeCustomHtml') {
    tags.push(tiktokBaseCode(pixelSettings.pixelId), customTrackTag('CompletePayment', customEvent('purchase')));
    notes.push("TikTok's base code and a ttq.track('CompletePayment') Custom HTML tag instead of the Pixel tag");
  } else {
    notes.push('no TikTok JavaScript on the page');
  }
  return {
    web: {
      tags,
      variables: {
        ...webVariables(choice, serverSettings.nameSet, options.eventIdVariableFields),
        ...DATA_LAYER_VARIABLES,
      },
    },
    server: serverContainer(choice, serverSettings),
    pixelId: SHOP_PIXEL,
    notes,
  };
}

/** The folder of third-party templates for comparisons (never committed), from GTM_EXTERNAL_TEMPLATES. */
export function externalTemplate(file: string): LoadedTemplate | undefined {
  const folder = process.env.GTM_EXTERNAL_TEMPLATES;
  if (!folder) return undefined;
  try {
    return loadTemplate(path.join(folder, file));
  } catch {
    return undefined;
  }
}

export const TIKTOK_PIXEL_TEMPLATE_FILE = 'tiktok+gtm-template-pixel.tpl';
