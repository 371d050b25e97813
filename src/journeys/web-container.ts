// A GTM web container as the journeys configure it: tags with triggers, and the variables their
// fields reference. `fireTags` is what GTM does for one dataLayer event: every tag whose trigger
// matches fires, its fields are evaluated anew (variables included), and the tag runs.
//
// Tag kinds:
// - googleTag: the Google tag (measurement ID, configuration parameters, trigger);
// - ga4Event: a "Google Analytics: GA4 Event" tag (event name, event parameters, "Send Ecommerce
//   data" from the dataLayer's `ecommerce` object);
// - template: a custom template tag run in the web emulator (our TikTok Pixel, or any .tpl);
// - customHtml: a Custom HTML tag, as host code (e.g. TikTok's base code);
// - dataTag: a tag that posts the dataLayer event to the server container as event data, nested
//   objects kept (what data-client setups send).

import { deepCopy } from '../sandbox/apis/common';
import { runTemplate, type LoadedTemplate } from '../sandbox';
import type { RunResult, WebEnvironment } from '../sandbox/environment';
import { fieldDefaults } from '../server/field-defaults';
import type { EnhancedMeasurement } from './gtag';
import { getPath } from './values';

/** GTM event names (exact) or patterns a trigger listens to. */
export interface Trigger {
  events: (string | RegExp)[];
}

export const ALL_PAGES: Trigger = { events: ['gtm.js'] };
export const HISTORY_CHANGE: Trigger = { events: ['gtm.historyChange-v2'] };

/** A Custom Event trigger: one name, several names, or a regex ("Use regex matching"). */
export function customEvent(...names: (string | RegExp)[]): Trigger {
  return { events: names };
}

export function anyOf(...triggers: Trigger[]): Trigger {
  return { events: triggers.flatMap((trigger) => trigger.events) };
}

export interface GoogleTagConfig {
  type: 'googleTag';
  name: string;
  measurementId: string;
  /** Configuration settings (and shared event settings): parameter → value or `{{Variable}}`. */
  config: Record<string, unknown>;
  /** The GA4 stream's enhanced measurement switches (GA4's admin settings, all on by default). */
  enhancedMeasurement?: EnhancedMeasurement;
  trigger: Trigger;
}

export interface Ga4EventTag {
  type: 'ga4Event';
  name: string;
  measurementId: string;
  /** Literal or `{{Event}}`. */
  eventName: string;
  params: Record<string, unknown>;
  sendEcommerce: boolean;
  trigger: Trigger;
}

export interface TemplateTag {
  type: 'template';
  name: string;
  template: LoadedTemplate;
  fields: Record<string, unknown>;
  trigger: Trigger;
}

export interface CustomHtmlTag {
  type: 'customHtml';
  name: string;
  /** Values the code uses (may reference variables), evaluated when the tag fires. */
  fields?: Record<string, unknown>;
  run: (page: WebPageContext, fields: Record<string, unknown>) => void | Promise<void>;
  trigger: Trigger;
}

export interface DataTag {
  type: 'dataTag';
  name: string;
  /** Extra event data (values may reference variables), e.g. event_id. */
  params: Record<string, unknown>;
  trigger: Trigger;
}

export type WebTag = GoogleTagConfig | Ga4EventTag | TemplateTag | CustomHtmlTag | DataTag;

export type WebVariable =
  | { type: 'template'; template: LoadedTemplate; fields?: Record<string, unknown> }
  | { type: 'dataLayer'; key: string }
  | { type: 'constant'; value: unknown };

export interface WebContainerConfig {
  tags: WebTag[];
  variables: Record<string, WebVariable>;
}

/** What a tag firing needs from the page (implemented by src/journeys/browser.ts). */
export interface WebPageContext {
  url(): string;
  referrer(): string;
  /** The web emulator environment of this page for one run (fresh cookies, the current GTM event id). */
  environment(template: LoadedTemplate): WebEnvironment;
  /** Effects of a finished template run that the browser applies (cookies written by the template). */
  applyRun(result: RunResult): void;
  /** The data model now (version 2). */
  model(): Record<string, unknown>;
  /** The message that started the current GTM event. */
  currentMessage(): Record<string, unknown>;
  googleTag(): {
    config(measurementId: string, params: Record<string, unknown>, enhancedMeasurement?: EnhancedMeasurement): Promise<void>;
    event(name: string, params: Record<string, unknown>, sendTo?: string): Promise<void>;
  };
  sendEventData(eventData: Record<string, unknown>): Promise<void>;
  window(): Record<string, unknown>;
  loadScript(url: string): void;
  log(line: string): void;
}

/** A record of one tag firing (for reports and tests). */
export interface TagFiring {
  tag: string;
  event: string;
  gtmEventId: number;
  outcome: RunResult['outcome'] | 'done';
  message?: string;
  logs: string[];
}

export function triggerMatches(trigger: Trigger, eventName: string): boolean {
  return trigger.events.some((event) => (typeof event === 'string' ? event === eventName : event.test(eventName)));
}

const VARIABLE = /\{\{([^}]+)\}\}/g;
/** GTM's page-load events: a data tag reports them as page_view. */
const PAGE_LOAD_EVENTS = ['gtm.js', 'gtm.dom', 'gtm.load'];

/** Evaluates `{{Variable}}` references for one tag firing (GTM evaluates them anew for every tag). */
export class VariableResolver {
  constructor(
    private readonly container: WebContainerConfig,
    private readonly page: WebPageContext,
    private readonly eventName: string,
  ) {}

  async resolve(value: unknown): Promise<unknown> {
    if (typeof value === 'string') {
      const whole = /^\{\{([^}]+)\}\}$/.exec(value);
      if (whole) return this.variable(whole[1]);
      const names = [...value.matchAll(VARIABLE)].map((match) => match[1]);
      let text = value;
      for (const name of names) {
        const resolved = await this.variable(name);
        text = text.replace(`{{${name}}}`, resolved === undefined || resolved === null ? '' : String(resolved));
      }
      return text;
    }
    if (Array.isArray(value)) return Promise.all(value.map((entry) => this.resolve(entry)));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) out[key] = await this.resolve(entry);
      return out;
    }
    return value;
  }

  async resolveAll(fields: Record<string, unknown>): Promise<Record<string, unknown>> {
    return (await this.resolve(fields)) as Record<string, unknown>;
  }

  private async variable(name: string): Promise<unknown> {
    switch (name) {
      case 'Event':
        return this.eventName;
      case 'Page URL':
        return this.page.url();
      case 'Page Path':
        return new URL(this.page.url()).pathname;
      case 'Page Hostname':
        return new URL(this.page.url()).hostname;
      case 'Referrer':
        return this.page.referrer();
    }
    const variable = this.container.variables[name];
    if (!variable) throw new Error(`web container: unknown variable {{${name}}}`);
    if (variable.type === 'constant') return variable.value;
    if (variable.type === 'dataLayer') return getPath(this.page.model(), variable.key);
    // A variable's own fields may name other variables (GTM resolves them before the variable runs).
    const fields = await this.resolveAll(variable.fields ?? {});
    const result = await runTemplate(variable.template, { ...fieldDefaults(variable.template.parameters), ...fields }, this.page.environment(variable.template));
    return result.outcome === 'success' ? result.returnValue : undefined;
  }
}

/** Fires every tag whose trigger matches the current GTM event, in the container's order. */
export async function fireTags(container: WebContainerConfig, page: WebPageContext, eventName: string, gtmEventId: number): Promise<TagFiring[]> {
  const firings: TagFiring[] = [];
  for (const [index, tag] of container.tags.entries()) {
    if (!triggerMatches(tag.trigger, eventName)) continue;
    const variables = new VariableResolver(container, page, eventName);
    const firing: TagFiring = { tag: tag.name, event: eventName, gtmEventId, outcome: 'done', logs: [] };
    switch (tag.type) {
      case 'googleTag':
        await page.googleTag().config(tag.measurementId, await variables.resolveAll(tag.config), tag.enhancedMeasurement);
        break;
      case 'ga4Event': {
        const params: Record<string, unknown> = {};
        const ecommerce = page.model().ecommerce;
        if (tag.sendEcommerce && ecommerce && typeof ecommerce === 'object' && !Array.isArray(ecommerce)) Object.assign(params, ecommerce);
        Object.assign(params, await variables.resolveAll(tag.params));
        await page.googleTag().event(String(await variables.resolve(tag.eventName)), params, tag.measurementId);
        break;
      }
      case 'template': {
        const data = { ...fieldDefaults(tag.template.parameters), ...(await variables.resolveAll(tag.fields)), gtmEventId, gtmTagId: index + 1 };
        const result = await runTemplate(tag.template, data, page.environment(tag.template));
        page.applyRun(result);
        firing.outcome = result.outcome;
        firing.message = result.message;
        firing.logs = result.record.logs.map((line) => line.text);
        break;
      }
      case 'customHtml':
        await tag.run(page, await variables.resolveAll(tag.fields ?? {}));
        break;
      case 'dataTag': {
        const message = page.currentMessage();
        const eventData: Record<string, unknown> = {
          ...withoutGtmKeys(message), event_name: PAGE_LOAD_EVENTS.includes(eventName) ? 'page_view' : eventName,
          page_location: page.url(), page_referrer: page.referrer(),
          ...(await variables.resolveAll(tag.params)),
        };
        await page.sendEventData(eventData);
        break;
      }
    }
    page.log(`${eventName} #${gtmEventId}: ${tag.name}${firing.outcome !== 'done' ? ` (${firing.outcome}${firing.message ? ': ' + firing.message : ''})` : ''}`);
    firings.push(firing);
  }
  return firings;
}

function withoutGtmKeys(message: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) if (key !== 'event' && !key.startsWith('gtm.')) copy[key] = deepCopy(value);
  return copy;
}
