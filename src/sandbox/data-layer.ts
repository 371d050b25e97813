// GTM's data model: what `copyFromDataLayer` (and a Data Layer Variable) reads after a series of
// dataLayer pushes. Pure functions over the dataLayer array, shared by the web APIs
// (src/sandbox/apis/web.ts) and the journey simulator (src/journeys/).
//
// Rules, from Google's data layer helper (https://github.com/google/data-layer-helper, "The Data
// Model" and "Overwriting existing values") and GTM's developer guide
// (https://developers.google.com/tag-platform/tag-manager/datalayer):
// - Version 2 (the default of a Data Layer Variable): each push is merged into the model
//   recursively. Plain objects merge key by key; arrays merge index by index (an `items` array of 1
//   pushed after one of 2 keeps the second old item); anything else, `null` included, replaces.
//   An object pushed with `_clear: true` replaces instead of merging. Dotted keys (`'a.b': 1`)
//   address nested values.
// - Version 1: the latest top-level value of each key, no merging.
// - `gtag('set', {...})` updates the model like a push of the object.
// - `gtag('event', name, params)` is a GTM event named `name`; its parameters are the model's
//   `eventModel` for that event. GTM does not document this key; TikTok's own Pixel template
//   (github.com/tiktok/gtm-template-pixel) reads `copyFromDataLayer('eventModel')` for gtag-style
//   events, which is the evidence. Each gtag event's parameters replace the previous `eventModel`
//   (they are that event's parameters, not a merge of all earlier ones) — our modelled choice.

import { deepCopy, isPlainObject } from './apis/common';

/** `{'a.b': 1}` -> `{a: {b: 1}}`, as the data layer helper expands dotted keys. */
function expandDotted(source: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const parts = key.split('.');
    let target = result;
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(target[part])) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1];
    // Structural only (no _clear handling): that happens when the push is merged into the model.
    target[leaf] = isPlainObject(value) && isPlainObject(target[leaf]) ? { ...(target[leaf] as object), ...value } : value;
  }
  return result;
}

/**
 * The recursive merge: plain objects and arrays merge (arrays index by index; holes keep the old
 * element), anything else replaces. An object pushed with `_clear: true` replaces instead of merging.
 */
function mergeValue(target: Record<string, unknown> | unknown[], source: Record<string, unknown> | unknown[]): void {
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    const existing = (target as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      if (!Array.isArray(existing)) (target as Record<string, unknown>)[key] = [];
      mergeValue((target as Record<string, unknown>)[key] as unknown[], value);
    } else if (isPlainObject(value) && value._clear !== true) {
      if (!isPlainObject(existing)) (target as Record<string, unknown>)[key] = {};
      mergeValue((target as Record<string, unknown>)[key] as Record<string, unknown>, value);
    } else if (isPlainObject(value)) {
      const replacement = deepCopy(value);
      delete replacement._clear;
      (target as Record<string, unknown>)[key] = replacement;
    } else {
      (target as Record<string, unknown>)[key] = value;
    }
  }
}

/** Merges one pushed object into a version-2 model (dotted keys expanded first). */
export function mergeIntoModel(model: Record<string, unknown>, pushed: Record<string, unknown>): Record<string, unknown> {
  mergeValue(model, expandDotted(pushed));
  return model;
}

function isArgumentsLike(value: unknown): value is ArrayLike<unknown> {
  return Object.prototype.toString.call(value) === '[object Arguments]' || Array.isArray(value);
}

/**
 * What a dataLayer entry contributes to the model: a pushed object as is; `gtag('set', obj)` as obj;
 * `gtag('event', name, params)` as `{event: name, eventModel: params}` (params replace the previous
 * eventModel); other gtag commands (config, consent, js, get) nothing.
 */
export function modelUpdate(entry: unknown): Record<string, unknown> | undefined {
  if (isArgumentsLike(entry)) {
    const args = Array.from(entry);
    if (args[0] === 'set' && isPlainObject(args[1])) return args[1];
    if (args[0] === 'event' && typeof args[1] === 'string') {
      const params = isPlainObject(args[2]) ? deepCopy(args[2]) : {};
      const update: Record<string, unknown> = { event: args[1], eventModel: { ...params, _clear: true } };
      // GTM numbers every message it processes, gtag commands included.
      const uniqueEventId = (entry as unknown as Record<string, unknown>)['gtm.uniqueEventId'];
      if (uniqueEventId !== undefined) update['gtm.uniqueEventId'] = uniqueEventId;
      return update;
    }
    return undefined;
  }
  return isPlainObject(entry) ? entry : undefined;
}

/** The GTM event a dataLayer entry starts, if any: a pushed `event` key or a gtag event command. */
export function gtmEventName(entry: unknown): string | undefined {
  const update = modelUpdate(entry);
  return update && typeof update.event === 'string' && update.event !== '' ? update.event : undefined;
}

/** The data model after every push (version 2), or key -> latest top-level value (version 1). */
export function dataLayerModel(dataLayer: unknown[], version: number): Record<string, unknown> {
  const model: Record<string, unknown> = {};
  for (const item of dataLayer) {
    const update = modelUpdate(item);
    if (update === undefined) continue;
    if (version === 1) {
      for (const [key, value] of Object.entries(update)) {
        model[key] = isPlainObject(value) && value._clear === true ? withoutClear(value) : value;
      }
    } else {
      mergeIntoModel(model, update);
    }
  }
  return model;
}

function withoutClear(value: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...value };
  delete copy._clear;
  return copy;
}
