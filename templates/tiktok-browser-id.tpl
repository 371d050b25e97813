___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "MACRO",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "Countersign TikTok Browser ID",
  "categories": [
    "ADVERTISING",
    "ATTRIBUTION",
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_countersign-gtm",
    "displayName": "Countersign",
    "thumbnail": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAABgCAYAAADimHc4AAAD30lEQVR42u2dv2sUQRTH90+4alnRhNX1Lv5IcXJYCEIgYiEEXAI2NrG0ETurCAd2KhyCFrG5No1cZ8DmGgN2V0RsjwSxNAlYO/KOGVmObHZ2b+fnfh98CTku4e77uXnz9s3OTRBUjDBKumGU9MMoGYVRMgmjhDVME/7eyYNuoCPCKInDKBmEUTJtoOFFmnJvYhXGt8IoGcJkaZFXrbrMT8MoOYappUWepYuaj099DaOhasoZw7zaNC6VkmC+GghIO7anIz7hwii1Ss/L+6h29FRHLaQem1IRv8KFMXoVZwEMYIh2DbIA0Nsx0DvKdjVhiBl1A95OhRlm1A94T9uZF93u3GLp5uPZTw8AjAKXFlPevH3HskG/u76oE7hqvoiD7z+cHg3OAPi894Xlxcnp6SwtAYAhACK2X74CAN0paD4IlEspyTsAFEdHP9n6vQ0AMAXApZTkNQAXUpL3AGxPSc4D2N//NitDi4Ke8+z5CwCoGwA93ru9Nrsgk4nd3U9WpSQvAIjn7HwcSkEgWLakJK8AkLaePJVKSQQBABQAIMmmJBtGgZcARNua8j0AGAIgMy8gBWkAkNfEwxygCUDeXEBgAEADgLywZTXNawA0yeYFlasAoBgAmWxzBeQ9gPMaeGhFaABgewXkPQDbKyDvAdheAXkNwIUKqLEAbFoda9wcYNME3IgLsSwEmxZiGtOKECCwKG8QAO4LAgAAAAAAAAAAKBBtsiBD5yUeBwBFpstsvnChr+MUADJe9nZCAKhZsrcQAoCCPb50N3OdAQAlVLf5AGAo7QBAhQlXVQBATXt8m2i+FgB0q7iqsHHLkXUAyCRVQXCVjdrOfda+0HEfwCK7G4u2n6p83X9XH7GTm5ts+/IdADgrVH85BwEQ+rrygPUuXkcKEkElrerXnQUgRsPrK3cxCdPFnI7JcR6A0MG1DbZ+adWtMrRor1YZ83Xt8c0DIESjoY5JOtDVA6KvC9CZdpbff2BXfx2y9p/flVQEgHR44yFLl7putCLm79GRDfqbshMumV/V+DIAhHaStcqjQXs7mqoimdFAZWbVSmeRT34VAGKS3lruubUgk7f8uOj/BgDDQgqyBAImYYflVRnqEwAnL8R8AOBsK8IHAKqbcRMYbqwdPXHu6+t1SdOCzAgHOJhVH0eYmFUXh/iY0xTHWJnVAAe5mVWMowzNaYjDPM3pOPdwZxxnq0UpDnS2KfXgSHNtGpc5U74FCPWan5v3kY4sSTsF58yjOqpW7aRBHcFTEkZDiU99pZQjASLmbQv0js7o7XBv4kBH8C5qn68nNHFRZ8Lfe/9/V7NC/APZb7NX5xUfzgAAAABJRU5ErkJggg\u003d\u003d"
  },
  "description": "Gives TikTok\u0027s browser ID of the current event, found exactly as the Countersign TikTok Events API tag finds it, for other tags; optionally made when missing. Empty when there is none.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "LABEL",
    "name": "sourcesLabel",
    "displayName": "TikTok\u0027s browser ID (_ttp). Looked for in the _ttp cookie, then the event. Returned as it is (as TikTok wants it); empty when there is none."
  },
  {
    "type": "CHECKBOX",
    "name": "readCookieMap",
    "checkboxText": "Also read _ttp from a cookie list sent with the event",
    "simpleValueType": true,
    "defaultValue": false,
    "help": "_ttp is TikTok\u0027s browser ID. For clients that forward the browser\u0027s cookies in the incoming event\u0027s \u003ccode\u003ecookies\u003c/code\u003e key (\u003ccode\u003e{\"_ttp\": \"…\"}\u003c/code\u003e or \u003ccode\u003ea\u003d1; _ttp\u003d…\u003c/code\u003e). Read last, so this agrees with the Events API tag."
  },
  {
    "type": "CHECKBOX",
    "name": "generateTtp",
    "checkboxText": "Create a _ttp when the visitor has none",
    "simpleValueType": true,
    "defaultValue": false,
    "help": "Off by default. For pages without TikTok\u0027s script: makes a browser ID (_ttp) in TikTok\u0027s format from the Google Analytics client ID, so that every tag and variable, and every later visit of the same browser, gets the same one. TikTok does not say whether its script adopts an ID made this way.",
    "subParams": [
      {
        "type": "TEXT",
        "name": "cookieDomain",
        "displayName": "Cookie domain (for the ID\u0027s ending)",
        "simpleValueType": true,
        "defaultValue": "auto",
        "enablingConditions": [
          {
            "paramName": "generateTtp",
            "paramValue": true,
            "type": "EQUALS"
          }
        ],
        "help": "The same as in your Countersign TikTok Events API tag. \u003ccode\u003eauto\u003c/code\u003e: your site\u0027s domain, from the page address.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "\\s*(auto|\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\{\\{[^}]+\\}\\})\\s*"
            ],
            "errorMessage": "auto or a domain like example.com"
          }
        ]
      }
    ]
  },
  {
    "type": "TEXT",
    "name": "settingsVariable",
    "displayName": "Settings variable (optional)",
    "simpleValueType": true,
    "valueHint": "{{Countersign TikTok Settings}}",
    "help": "A Countersign TikTok Settings variable sets event names, consent and Limited Data Use (US privacy laws) once per container; fields at \"As in the settings variable\" take its values.",
    "valueValidators": [
      {
        "type": "REGEX",
        "args": [
          "\\s*(\\{\\{[^}]+\\}\\})?\\s*"
        ],
        "errorMessage": "Choose a variable, e.g. {{Countersign TikTok Settings}}."
      }
    ]
  },
  {
    "type": "RADIO",
    "name": "consentUnknownAs",
    "displayName": "When no consent signal arrives",
    "radioItems": [
      {
        "value": "settings",
        "displayValue": "As in the settings variable (else treat as granted)"
      },
      {
        "value": "granted",
        "displayValue": "Treat as granted",
        "help": "What Google\u0027s tags do. In the EU/EEA consent must come first (\u003ca href\u003d\"https://support.google.com/tagmanager/answer/13695607\" target\u003d\"_blank\"\u003eGoogle\u0027s EEA rules\u003c/a\u003e): only if your banner always answers there."
      },
      {
        "value": "denied",
        "displayValue": "Treat as denied",
        "help": "Empty, as when advertising cookies are denied. Safe for EU/EEA visitors."
      }
    ],
    "simpleValueType": true,
    "defaultValue": "settings",
    "enablingConditions": [
      {
        "paramName": "consentMode",
        "paramValue": "ignore",
        "type": "NOT_EQUALS"
      }
    ],
    "help": "The visitor\u0027s choice in your consent banner (\u003ca href\u003d\"https://github.com/countersign-gtm/tiktok-gtm-templates/blob/main/docs/guide/glossary.md#consent-mode\" target\u003d\"_blank\"\u003econsent mode\u003c/a\u003e, \u003ca href\u003d\"https://developers.google.com/tag-platform/security/concepts/consent-mode\" target\u003d\"_blank\"\u003eGoogle\u0027s guide\u003c/a\u003e). A page without a banner sends none."
  },
  {
    "type": "GROUP",
    "name": "consentGroup",
    "displayName": "Consent (use the same settings as your Countersign TikTok Events API tag)",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "RADIO",
        "name": "consentMode",
        "displayName": "How consent is applied",
        "radioItems": [
          {
            "value": "settings",
            "displayValue": "As in the settings variable (else Respect consent)"
          },
          {
            "value": "minimize",
            "displayValue": "Respect consent",
            "help": "Advertising cookies denied: empty (no cookie or value of the event is used, and nothing is made)."
          },
          {
            "value": "require_ad_storage",
            "displayValue": "Only with consent to advertising cookies",
            "help": "Advertising cookies denied: nothing (as the Events API tag sends nothing)."
          },
          {
            "value": "ignore",
            "displayValue": "Ignore consent signals",
            "help": "Only when the trigger waits for consent."
          }
        ],
        "simpleValueType": true,
        "defaultValue": "settings",
        "help": "Your consent banner\u0027s choices for advertising cookies (ad_storage) and personal data (ad_user_data), via Google\u0027s \u003ca href\u003d\"https://github.com/countersign-gtm/tiktok-gtm-templates/blob/main/docs/guide/glossary.md#consent-mode\" target\u003d\"_blank\"\u003econsent mode\u003c/a\u003e."
      },
      {
        "type": "TEXT",
        "name": "adStorageConsent",
        "displayName": "Advertising cookies consent (optional)",
        "simpleValueType": true,
        "help": "A variable giving granted/denied or true/false. Empty: the settings variable\u0027s, else the event\u0027s.",
        "enablingConditions": [
          {
            "paramName": "consentMode",
            "paramValue": "ignore",
            "type": "NOT_EQUALS"
          }
        ]
      }
    ]
  }
]


___SANDBOXED_JS_FOR_SERVER___

const JSON = require('JSON');
const Math = require('Math');
const Object = require('Object');
const computeEffectiveTldPlusOne = require('computeEffectiveTldPlusOne');
const decodeUriComponent = require('decodeUriComponent');
const getCookieValues = require('getCookieValues');
const getEventData = require('getEventData');
const getType = require('getType');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
const sha256Sync = require('sha256Sync');

function isPlainObject(value, tk) {
  return tk.getType(value) === "object";
}
function isArray(value, tk) {
  return tk.getType(value) === "array";
}
function isFiniteNumber(value, _tk) {
  return typeof value === "number" && value === value && value - value === 0;
}
function isNumericString(text) {
  return text.match("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$") !== null;
}
function toNumber(value, tk) {
  const text = typeof value === "string" ? value.trim() : undefined;
  const n = text !== undefined && isNumericString(text) ? tk.makeNumber(text) : value;
  return isFiniteNumber(n) ? n : undefined;
}
function toText(value, tk) {
  const text = typeof value === "string" ? value.trim() : typeof value === "number" && isFiniteNumber(value) ? tk.makeString(value) : "";
  return text.length > 0 ? text : undefined;
}
function getPath(root, path, tk) {
  if (path.length === 0) return undefined;
  const dot = path.indexOf(".");
  if (tk.getType(root) === "object") {
    const obj = root;
    const direct = obj[path];
    if (direct !== undefined) {
      if (hasKey(obj, path)) return direct;
    } else if (dot === -1 || obj[path.substring(0, dot)] === undefined) {
      return undefined;
    } else if (hasKey(obj, path)) {
      return undefined;
    }
  }
  const parts = path.split(".");
  let current = root;
  for (let i = 0; i < parts.length; i++) {
    const type = tk.getType(current);
    const key = parts[i];
    if (type === "object") {
      const obj = current;
      const value = obj[key];
      if (value === undefined || !hasKey(obj, key)) return undefined;
      current = value;
    } else if (type === "array") {
      const index = toNumber(key, tk);
      const arr = current;
      if (index === undefined || tk.floor(index) !== index || index < 0 || index >= arr.length) return undefined;
      current = arr[index];
    } else {
      return undefined;
    }
  }
  return current;
}
function hasKey(obj, key) {
  for (const own in obj) if (own === key) return true;
  return false;
}
function toList(value, tk) {
  const type = tk.getType(value);
  if (type === "array") return value;
  if (type === "undefined" || type === "null") return [];
  if (type === "object" && isIndexKeyedObject(value, tk)) {
    const obj = value;
    const keys = tk.keys(obj);
    keys.sort((a, b) => tk.makeNumber(a) - tk.makeNumber(b));
    return keys.map((k) => obj[k]);
  }
  return [value];
}
function isIndexKeyedObject(obj, tk) {
  const keys = tk.keys(obj);
  if (keys.length === 0) return false;
  return keys.every((k) => k.match("^\\d{1,3}$") !== null);
}
var TRUE_WORDS = ["true", "1", "yes", "granted"];
var FALSE_WORDS = ["false", "0", "no", "denied"];
function toBoolean(value, _tk) {
  if (typeof value === "boolean") return value;
  const text = typeof value === "string" ? value.trim().toLowerCase() : value === 1 ? "1" : value === 0 ? "0" : "";
  if (TRUE_WORDS.indexOf(text) !== -1) return true;
  return FALSE_WORDS.indexOf(text) !== -1 ? false : undefined;
}

var TTCLID_COOKIE_MAX_AGE = 2592e3;
var TTP_COOKIE_MAX_AGE = 34214400;
var TTP_COOKIE_NAME = "_ttp";
var MAX_COOKIE_VALUE_LENGTH = 2048;
var COOKIE_OCTETS_PATTERN = "^[!#-+\\--:<-\\[\\]-~]+$";
function isCookieOctets(text) {
  return text.match(COOKIE_OCTETS_PATTERN) !== null;
}
function sanitizeCookieValue(value, tk) {
  const text = toText(value, tk);
  if (text === undefined || text.length > MAX_COOKIE_VALUE_LENGTH) return undefined;
  return isCookieOctets(text) ? text : undefined;
}
function firstCookieValue(values, tk) {
  const type = tk.getType(values);
  const list = type === "array" ? values : [values];
  for (let i = 0; i < list.length; i++) {
    const clean = sanitizeCookieValue(list[i], tk);
    if (clean !== undefined) return clean;
  }
  return undefined;
}

var TTCLID_EVENT_KEYS = ["ttclid", "common_cookie.ttclid"];
var TTP_EVENT_KEYS = ["_ttp", "ttp", "common_cookie._ttp"];
var TTP_SEED_EVENT_KEYS = ["client_id", "x-ga-js_client_id"];
function getQueryParameter(url, name, tk) {
  if (typeof url !== "string") return undefined;
  const q = url.indexOf("?");
  if (q === -1) return undefined;
  let query = url.substring(q + 1);
  const hash = query.indexOf("#");
  if (hash !== -1) query = query.substring(0, hash);
  const pairs = query.split("&");
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    const eq = pair.indexOf("=");
    const key = eq === -1 ? pair : pair.substring(0, eq);
    if (key === name) {
      const raw = eq === -1 ? "" : pair.substring(eq + 1);
      if (raw.length === 0) continue;
      const decoded = raw.indexOf("%") === -1 ? raw : tk.decodeUriComponent(raw);
      const value = decoded !== undefined ? decoded : raw;
      const trimmed = value.trim();
      if (trimmed.length > 0) return trimmed;
    }
  }
  return undefined;
}
function hostnameOf(url) {
  if (typeof url !== "string") return undefined;
  const text = url.trim();
  const scheme = text.indexOf("://");
  if (scheme === -1) return undefined;
  const protocol = text.substring(0, scheme).toLowerCase();
  if (protocol !== "http" && protocol !== "https") return undefined;
  let rest = text.substring(scheme + 3);
  const ends = ["/", "?", "#"];
  ends.forEach((ch) => {
    const at2 = rest.indexOf(ch);
    if (at2 !== -1) rest = rest.substring(0, at2);
  });
  const at = rest.lastIndexOf("@");
  if (at !== -1) rest = rest.substring(at + 1);
  if (rest.charAt(0) === "[") {
    const close = rest.indexOf("]");
    return close === -1 ? undefined : rest.substring(0, close + 1).toLowerCase();
  }
  const colon = rest.indexOf(":");
  if (colon !== -1) rest = rest.substring(0, colon);
  return rest.length > 0 ? rest.toLowerCase() : undefined;
}
function cleanIdentifier(value, tk) {
  return sanitizeCookieValue(value, tk);
}
function resolveTtclid(input, tk) {
  const fromUrl = cleanIdentifier(getQueryParameter(input.pageLocation, "ttclid", tk), tk);
  if (fromUrl !== undefined) return { value: fromUrl, source: "url" };
  const pageHost = hostnameOf(input.pageLocation);
  const referrerHost = hostnameOf(input.pageReferrer);
  if (pageHost !== undefined && referrerHost === pageHost) {
    const fromReferrer = cleanIdentifier(getQueryParameter(input.pageReferrer, "ttclid", tk), tk);
    if (fromReferrer !== undefined) return { value: fromReferrer, source: "referrer" };
  }
  if (!input.readCookies) return { source: "none" };
  const fromCookie = firstCookieValue(input.cookieValues, tk);
  if (fromCookie !== undefined) return { value: fromCookie, source: "cookie" };
  const fallbacks = input.fallbackValues || [];
  for (let i = 0; i < fallbacks.length; i++) {
    const value = cleanIdentifier(fallbacks[i], tk);
    if (value !== undefined) return { value: value, source: "event_data" };
  }
  return { source: "none" };
}
function eventDataValues(eventData, keys, tk) {
  const data2 = isPlainObject(eventData, tk) ? eventData : undefined;
  return keys.map((k) => data2 !== undefined && k.indexOf(".") === -1 ? data2[k] : getPath(eventData, k, tk));
}
function resolveTtp(input, tk) {
  if (!input.readCookies) return { source: "none" };
  const fromCookie = firstCookieValue(input.cookieValues, tk);
  if (fromCookie !== undefined) return { value: fromCookie, source: "cookie" };
  const fallbacks = input.fallbackValues || [];
  for (let i = 0; i < fallbacks.length; i++) {
    const value = cleanIdentifier(fallbacks[i], tk);
    if (value !== undefined) return { value: value, source: "event_data" };
  }
  if (input.generate) return { value: generateTtp(input.generate, tk), source: "generated" };
  return { source: "none" };
}
var CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function generateTtp(gen, tk) {
  let time = tk.floor(gen.nowMs > 0 ? gen.nowMs : 0);
  let timePart = "";
  for (let i = 0; i < 10; i++) {
    const digit = time % 32;
    timePart = CROCKFORD.charAt(digit) + timePart;
    time = tk.floor(time / 32);
  }
  let randomPart = "";
  for (let i = 0; i < 16; i++) {
    const r = gen.randomInt(0, 31);
    const digit = r >= 0 && r <= 31 ? tk.floor(r) : 0;
    randomPart += CROCKFORD.charAt(digit);
  }
  const index = gen.domainIndex !== undefined && gen.domainIndex >= 0 ? tk.floor(gen.domainIndex) : 1;
  return timePart + randomPart + "_.tt." + index;
}
function ttpDomainIndex(domain) {
  const text = toTextPlain(domain);
  if (text === undefined) return 1;
  const body = text.charAt(0) === "." ? text.substring(1) : text;
  const labels = body.split(".").filter((l) => l.length > 0).length;
  return labels > 1 ? labels - 1 : 1;
}
function toTextPlain(value) {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text.length > 0 ? text : undefined;
}
function resolveIdentity(input, tk) {
  const readTtclidCookies = input.readTtclidCookies;
  const readTtpCookies = input.readTtpCookies;
  const ttclid = resolveTtclid({
    pageLocation: input.pageUrl,
    pageReferrer: input.pageReferrer,
    cookieValues: input.readCookies && readTtclidCookies ? readTtclidCookies() : [],
    fallbackValues: input.ttclidCandidates || [],
    readCookies: input.readCookies
  }, tk);
  const ttp = resolveTtp({
    cookieValues: input.readCookies && readTtpCookies ? readTtpCookies() : [],
    fallbackValues: input.ttpCandidates || [],
    readCookies: input.readCookies,
    generate: input.generateTtp
  }, tk);
  return { ttclid: ttclid, ttp: ttp };
}
var HEX = "0123456789abcdef";
var MIN_SECONDS = 1104537600;
var MAX_SECONDS = 4102444800;
function clientIdSeconds(clientId) {
  const dot = clientId.lastIndexOf(".");
  if (dot < 1) return undefined;
  const tail = clientId.substring(dot + 1);
  if (tail.length < 9 || tail.length > 10) return undefined;
  let seconds = 0;
  for (let i = 0; i < tail.length; i++) {
    const digit = HEX.indexOf(tail.charAt(i));
    if (digit === -1 || digit > 9) return undefined;
    seconds = seconds * 10 + digit;
  }
  return seconds >= MIN_SECONDS && seconds <= MAX_SECONDS ? seconds : undefined;
}
function deriveTtpGenerator(clientIdCandidates, domainIndex, tk) {
  if (!tk.sha256Hex) return undefined;
  for (let k = 0; k < clientIdCandidates.length; k++) {
    const clientId = toText(clientIdCandidates[k], tk);
    if (clientId === undefined) continue;
    const seconds = clientIdSeconds(clientId);
    if (seconds === undefined) continue;
    const digest = tk.sha256Hex("tiktok-ttp|" + clientId);
    if (typeof digest !== "string" || digest.length < 64) return undefined;
    const hex = digest.toLowerCase();
    let next = 0;
    return {
      nowMs: seconds * 1e3,
      // One byte per call (16 calls use 16 of the 32 bytes); 256 is a multiple of 32, so `% 32` is unbiased.
      randomInt: (min, max) => {
        const at = next % 32 * 2;
        next++;
        const byte = HEX.indexOf(hex.charAt(at)) * 16 + HEX.indexOf(hex.charAt(at + 1));
        const span = max - min + 1;
        return span > 0 ? min + byte % span : min;
      },
      domainIndex: domainIndex
    };
  }
  return undefined;
}
function cookieFromMap(map, name, tk) {
  const list = tk.getType(map) === "array" ? map : [map];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (isPlainObject(entry, tk)) {
      const value = entry[name];
      const values = toList(value, tk);
      for (let j = 0; j < values.length; j++) if (values[j] !== undefined && values[j] !== null) return values[j];
      continue;
    }
    if (typeof entry !== "string") continue;
    const pairs = entry.split(";");
    for (let j = 0; j < pairs.length; j++) {
      const pair = pairs[j];
      const eq = pair.indexOf("=");
      if (eq === -1 || pair.substring(0, eq).trim() !== name) continue;
      const raw = pair.substring(eq + 1).trim();
      if (raw.length === 0) continue;
      const decoded = tk.decodeUriComponent(raw);
      return decoded !== undefined ? decoded : raw;
    }
  }
  return undefined;
}

var CONSENT_EVENT_KEYS = ["consent_state", "x-ga-gcs", "x-ga-gcd", "x-ga-mp2-gcd"];
function consentSignalsFromEventData(eventData, tk) {
  const values = eventDataValues(eventData, CONSENT_EVENT_KEYS, tk);
  return { consentState: values[0], gcs: values[1], gcd: typeof values[2] === "string" ? values[2] : values[3] };
}
var GCD_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
function fromBoolean(value, tk) {
  const b = toBoolean(value, tk);
  if (b === true) return "granted";
  if (b === false) return "denied";
  return "unknown";
}
function gcsAdStorage(gcs) {
  if (typeof gcs !== "string" || gcs.length < 4 || gcs.charAt(0) !== "G") return "unknown";
  const ch = gcs.charAt(2);
  if (ch === "1") return "granted";
  if (ch === "0") return "denied";
  return "unknown";
}
function gcdSignal(gcd, position, tk) {
  if (typeof gcd !== "string" || gcd.length <= position) return "unknown";
  const v = GCD_ALPHABET.indexOf(gcd.charAt(position));
  if (v === -1) return "unknown";
  const update = v % 4;
  const byDefault = tk.floor(v / 4) % 4;
  const effective = update >= 2 ? update : byDefault;
  if (effective === 3) return "granted";
  if (effective === 2) return "denied";
  return "unknown";
}
function consentStateValue(signals, key, tk) {
  const state = signals ? signals.consentState : undefined;
  if (!isPlainObject(state, tk)) return "unknown";
  return fromBoolean(state[key], tk);
}
function readAdStorage(input, tk) {
  const field = fromBoolean(input.adStorageField, tk);
  if (field !== "unknown") return { state: field, source: "field" };
  const cs = consentStateValue(input.signals, "ad_storage", tk);
  if (cs !== "unknown") return { state: cs, source: "consent_state" };
  const signals = input.signals || {};
  const gcs = gcsAdStorage(signals.gcs);
  if (gcs !== "unknown") return { state: gcs, source: "x-ga-gcs" };
  const gcd = gcdSignal(signals.gcd, 2, tk);
  if (gcd !== "unknown") return { state: gcd, source: "x-ga-gcd" };
  return { state: "unknown", source: "none" };
}
function readAdUserData(input, tk) {
  const field = fromBoolean(input.adUserDataField, tk);
  if (field !== "unknown") return { state: field, source: "field" };
  const cs = consentStateValue(input.signals, "ad_user_data", tk);
  if (cs !== "unknown") return { state: cs, source: "consent_state" };
  const gcd = gcdSignal((input.signals || {}).gcd, 6, tk);
  if (gcd !== "unknown") return { state: gcd, source: "x-ga-gcd" };
  return { state: "unknown", source: "none" };
}
function describe(name, signal, unknownGranted) {
  if (signal.state === "unknown") return name + " not set (treated as " + (unknownGranted ? "granted" : "denied") + ")";
  return name + " " + signal.state + " (from " + signal.source + ")";
}
function decideConsent(input, tk) {
  if (input.mode !== "require_ad_storage" && input.mode !== "minimize") {
    return {
      send: true,
      readCookies: true,
      writeCookies: true,
      sendPersonalData: true,
      adStorage: { state: "unknown", source: "none" },
      adUserData: { state: "unknown", source: "none" },
      reason: 'consent mode "ignore": consent not checked'
    };
  }
  const unknownGranted = input.unknownAs !== "denied";
  const adStorage = readAdStorage(input, tk);
  const adUserData = readAdUserData(input, tk);
  const storageOk = adStorage.state === "granted" || adStorage.state === "unknown" && unknownGranted;
  const userDataOk = adUserData.state === "granted" || adUserData.state === "unknown" && unknownGranted;
  const facts = describe("ad_storage", adStorage, unknownGranted) + ", " + describe("ad_user_data", adUserData, unknownGranted);
  if (!storageOk && input.mode === "require_ad_storage") {
    return {
      send: false,
      readCookies: false,
      writeCookies: false,
      sendPersonalData: false,
      adStorage: adStorage,
      adUserData: adUserData,
      reason: "not sent: " + facts + "; mode requires ad_storage"
    };
  }
  let action;
  if (storageOk && userDataOk) action = "sent in full";
  else if (storageOk) action = "sent without personal data";
  else if (userDataOk) action = "sent without cookies";
  else action = "sent without cookies and personal data";
  return {
    send: true,
    readCookies: storageOk,
    writeCookies: storageOk,
    sendPersonalData: userDataOk,
    adStorage: adStorage,
    adUserData: adUserData,
    reason: action + ": " + facts
  };
}
function decideEventConsent(settings, signals, tk) {
  return decideConsent({
    mode: settings.mode,
    adStorageField: settings.adStorageField,
    adUserDataField: settings.adUserDataField,
    unknownAs: settings.unknownAs,
    signals: signals
  }, tk);
}

function readItemList(value, tk) {
  const text = typeof value === "string" ? value.trim() : undefined;
  const parsed = text === undefined ? value : text.length > 0 ? tk.jsonParse(text) : undefined;
  return isArray(parsed, tk) || isPlainObject(parsed, tk) ? toList(parsed, tk) : [];
}

function emptyMatchKeys() {
  return { email: [], phone: [], external_id: [], first_name: [], last_name: [], zip_code: [], city: [], state: [], country: [] };
}
function emptyEvent() {
  return {
    commerce: { contentType: [], searchTerm: [] },
    eventIdCandidates: [],
    user: { userData: emptyMatchKeys(), eventKeys: emptyMatchKeys(), ip: [], userAgent: [], language: [] },
    consent: {},
    page: {},
    identifiers: { ttclid: [], ttp: [], gaClientId: [] },
    eventTime: [],
    app: {},
    lead: {}
  };
}

var COMMERCE_KEYS = ["items", "value", "currency", "transaction_id"];
function hasCommerce(source, tk) {
  if (!isPlainObject(source, tk)) return false;
  for (const key in source) if (COMMERCE_KEYS.indexOf(key) !== -1) return true;
  return false;
}
function commerceFrom(source, into, tk) {
  if (!isPlainObject(source, tk)) return;
  into.items = source.items;
  into.value = source.value;
  into.currency = source.currency;
  into.transactionId = source.transaction_id;
}
function firstAddress(userData, tk) {
  const list = toList(userData.address, tk);
  for (let i = 0; i < list.length; i++) if (isPlainObject(list[i], tk)) return list[i];
  return {};
}
function matchKeysFromUserData(value, tk) {
  if (!isPlainObject(value, tk)) return emptyMatchKeys();
  const ud = value;
  const address = firstAddress(ud, tk);
  return {
    email: [ud.email_address, ud.email, ud.sha256_email_address, ud.sha256_email],
    phone: [ud.phone_number, ud.phone, ud.sha256_phone_number, ud.sha256_phone],
    external_id: [ud.external_id, ud.sha256_external_id],
    first_name: [ud.first_name, ud.sha256_first_name, address.first_name, address.sha256_first_name],
    last_name: [ud.last_name, ud.sha256_last_name, address.last_name, address.sha256_last_name],
    zip_code: [ud.postal_code, ud.zip_code, ud.sha256_postal_code, address.postal_code, address.zip_code, address.sha256_postal_code],
    city: [address.city, ud.city],
    state: [address.region, address.state, ud.region],
    country: [address.country, ud.country]
  };
}

var DEFAULT_EVENT_ID_KEY = "event_id";
var DEFAULT_LIMITED_DATA_USE_KEY = "limited_data_use";
var PAGE_LOCATION_KEY = "page_location";
var PAGE_REFERRER_KEY = "page_referrer";
var EVENT_TIME_KEYS = ["event_time", "timestamp_micros"];
var MP1_VALUE_KEYS = ["x-ga-mp1-ev", "x-ga-mp1-tr"];
var TOP_LEVEL_USER_KEYS = [
  { key: "email_address", matchKey: "email" },
  { key: "first_name", matchKey: "first_name" },
  { key: "firstName", matchKey: "first_name" },
  { key: "last_name", matchKey: "last_name" },
  { key: "lastName", matchKey: "last_name" },
  { key: "zip", matchKey: "zip_code" },
  { key: "zip_code", matchKey: "zip_code" },
  { key: "postal_code", matchKey: "zip_code" },
  { key: "city", matchKey: "city" },
  { key: "state", matchKey: "state" },
  { key: "region", matchKey: "state" },
  { key: "country", matchKey: "country" }
];
var MP2_USER_KEYS = [
  { key: "x-ga-mp2-email", matchKey: "email" },
  { key: "x-ga-mp2-phone", matchKey: "phone" },
  { key: "x-ga-mp2-phone_number", matchKey: "phone" },
  { key: "x-ga-mp2-external_id", matchKey: "external_id" },
  { key: "x-ga-mp2-first_name", matchKey: "first_name" },
  { key: "x-ga-mp2-last_name", matchKey: "last_name" },
  { key: "x-ga-mp2-zip", matchKey: "zip_code" },
  { key: "x-ga-mp2-postal_code", matchKey: "zip_code" },
  { key: "x-ga-mp2-city", matchKey: "city" },
  { key: "x-ga-mp2-state", matchKey: "state" },
  { key: "x-ga-mp2-region", matchKey: "state" },
  { key: "x-ga-mp2-country", matchKey: "country" }
];
var APP_PLATFORM_KEY = "x-ga-platform";
var APP_ADVERTISING_ID_KEY = "x-ga-resettable_device_id";
var APP_VENDOR_ID_KEY = "x-ga-vendor_device_id";
function keyOr(key, fallback) {
  const text = key !== undefined ? key.trim() : "";
  return text.length > 0 ? text : fallback;
}
function ga4Client(data2, event, options, tk) {
  event.name = data2.event_name;
  commerceFrom(data2, event.commerce, tk);
  if (data2.contents !== undefined) event.commerce.contents = [data2.contents];
  event.commerce.contentType.push(data2.content_type);
  event.commerce.searchTerm.push(data2.search_term, data2.search_string, data2.query);
  event.commerce.description = data2.description;
  event.eventIdCandidates.push(getPath(data2, keyOr(options.eventIdKey, DEFAULT_EVENT_ID_KEY), tk));
  event.user.userData = matchKeysFromUserData(data2.user_data, tk);
  event.user.eventKeys.email.push(data2.email);
  event.user.eventKeys.phone.push(data2.phone, data2.phone_number);
  event.user.eventKeys.external_id.push(data2.external_id);
  event.user.userId = data2.user_id;
  event.user.ip.push(data2.ip_override, data2.ip_address, data2.ip);
  event.user.userAgent.push(data2.user_agent);
  event.user.language.push(data2.language);
  event.consent = consentSignalsFromEventData(data2, tk);
  event.page = { url: data2[PAGE_LOCATION_KEY], referrer: data2[PAGE_REFERRER_KEY] };
  event.identifiers.ttclid = eventDataValues(data2, TTCLID_EVENT_KEYS, tk);
  event.identifiers.ttp = eventDataValues(data2, TTP_EVENT_KEYS, tk);
  event.identifiers.gaClientId = eventDataValues(data2, TTP_SEED_EVENT_KEYS, tk);
  event.eventTime = eventDataValues(data2, EVENT_TIME_KEYS, tk);
  event.clientHints = data2.client_hints;
  event.limitedDataUse = getPath(data2, keyOr(options.limitedDataUseKey, DEFAULT_LIMITED_DATA_USE_KEY), tk);
}
function isMissing(value) {
  return value === undefined || value === null || value === "";
}
function nestedEcommerce(data2, event, _options, tk) {
  const nested = data2.ecommerce;
  if (!hasCommerce(nested, tk)) return;
  const ecommerce = nested;
  const commerce = event.commerce;
  if (readItemList(commerce.items, tk).length === 0 && readItemList(ecommerce.items, tk).length > 0) commerce.items = ecommerce.items;
  if (isMissing(commerce.value)) commerce.value = ecommerce.value;
  if (isMissing(commerce.currency)) commerce.currency = ecommerce.currency;
  if (isMissing(commerce.transactionId)) commerce.transactionId = ecommerce.transaction_id;
}
function measurementProtocol(data2, event, options, tk) {
  const prefixed = {
    items: data2["x-ga-mp2-items"],
    value: data2["x-ga-mp2-value"],
    currency: data2["x-ga-mp2-currency"],
    transaction_id: data2["x-ga-mp2-transaction_id"]
  };
  const commerce = event.commerce;
  if (readItemList(commerce.items, tk).length === 0 && isMissing(commerce.value) && isMissing(commerce.currency) && isMissing(commerce.transactionId)) {
    commerceFrom(prefixed, commerce, tk);
  }
  if (isMissing(commerce.value)) {
    const mp1 = eventDataValues(data2, MP1_VALUE_KEYS, tk).filter((v) => v !== undefined);
    if (mp1.length > 0) commerce.value = mp1[0];
  }
  if (keyOr(options.eventIdKey, DEFAULT_EVENT_ID_KEY) === DEFAULT_EVENT_ID_KEY) event.eventIdCandidates.push(data2["x-ga-mp2-event_id"]);
}
function topLevelUserKeys(data2, event) {
  const keys = event.user.eventKeys;
  TOP_LEVEL_USER_KEYS.forEach((entry) => keys[entry.matchKey].push(data2[entry.key]));
}
function measurementProtocolUserKeys(data2, event) {
  const keys = event.user.eventKeys;
  MP2_USER_KEYS.forEach((entry) => keys[entry.matchKey].push(data2[entry.key]));
}
function tikTokKeys(data2, event) {
  if (data2.tt_contents !== undefined) {
    event.commerce.contents = (event.commerce.contents || []).concat([data2.tt_contents]);
  }
  event.commerce.contentType.push(data2.tt_content_type);
  event.user.eventKeys.external_id.push(data2.tt_external_id);
}
function appKeys(data2, event) {
  event.app = {
    appId: data2.app_id,
    appName: data2.app_name,
    appVersion: data2.app_version,
    idfa: data2.idfa,
    idfv: data2.idfv,
    gaid: data2.gaid,
    attStatus: data2.att_status
  };
}
function ga4AppStream(data2, event, _options, tk) {
  const app = event.app;
  app.platform = data2[APP_PLATFORM_KEY];
  const platformText = toText(app.platform, tk);
  const platform = platformText !== undefined ? platformText.toLowerCase() : "";
  const advertisingId = data2[APP_ADVERTISING_ID_KEY];
  if (platform === "ios") {
    if (isMissing(app.idfa)) app.idfa = advertisingId;
    if (isMissing(app.idfv)) app.idfv = data2[APP_VENDOR_ID_KEY];
  } else if (platform === "android") {
    if (isMissing(app.gaid)) app.gaid = advertisingId;
  }
}
function leadKeys(data2, event, _options, tk) {
  const nested = isPlainObject(data2.lead, tk) ? data2.lead : {};
  event.lead = {
    leadId: isMissing(data2.lead_id) ? nested.lead_id : data2.lead_id,
    leadEventSource: isMissing(data2.lead_event_source) ? nested.lead_event_source : data2.lead_event_source
  };
}
function storeKeys(data2, event) {
  event.commerce.shopId = data2.shop_id;
}
function requestPage(_data, event, options) {
  if (!isMissing(event.page.url)) return;
  const fallback = typeof options.pageUrlFallback === "function" ? options.pageUrlFallback() : options.pageUrlFallback;
  if (!isMissing(fallback)) event.page.url = fallback;
}
var SERVER_ADAPTERS = [
  ga4Client,
  nestedEcommerce,
  measurementProtocol,
  topLevelUserKeys,
  measurementProtocolUserKeys,
  tikTokKeys,
  appKeys,
  ga4AppStream,
  leadKeys,
  storeKeys,
  requestPage
];
function eventFromServerData(eventData, options, tk) {
  const event = emptyEvent();
  const data2 = isPlainObject(eventData, tk) ? eventData : {};
  SERVER_ADAPTERS.forEach((adapter) => adapter(data2, event, options, tk));
  return event;
}

function readConsentSettings(fields) {
  const mode = fields.consentMode;
  return {
    mode: mode === "ignore" || mode === "require_ad_storage" ? mode : "minimize",
    adStorageField: fields.adStorageConsent,
    adUserDataField: fields.adUserDataConsent,
    unknownAs: fields.consentUnknownAs === "denied" ? "denied" : "granted"
  };
}

var INHERIT = "settings";
var SETTINGS_KIND = "countersign-tiktok-settings";
var SERVER_SETTING_KEYS = [
  "nameSet",
  "unmappedPolicy",
  "eventNameOverrides",
  "transactionEventId",
  "consentMode",
  "consentUnknownAs",
  "adStorageConsent",
  "adUserDataConsent",
  "limitedDataUse",
  "limitedDataUseKey"
];
function inherits(value) {
  return value === undefined || value === null || value === "" || value === INHERIT;
}
function applySharedSettings(data2, keys, tk) {
  const own = data2;
  const fields = {};
  for (const key in own) fields[key] = own[key];
  const value = data2.settingsVariable;
  const usable = isPlainObject(value, tk) && value.kind === SETTINGS_KIND;
  const shared = usable ? value : {};
  keys.forEach((key) => {
    if (key === "eventNameOverrides") {
      const settingRows = shared[key];
      if (tk.getType(settingRows) === "array" && settingRows.length > 0) {
        fields[key] = (tk.getType(own[key]) === "array" ? own[key] : []).concat(settingRows);
      }
    } else if (inherits(own[key])) {
      fields[key] = shared[key];
    }
  });
  let note;
  if (!inherits(value) && !usable) {
    note = "the Settings variable gave no Countersign TikTok Settings";
  }
  return { fields: fields, note: note };
}

var COOKIE_MAP_KEY = "cookies";
function forwardedCookieCandidates(fields, readMap, names, tk) {
  const candidates = {};
  const map = fields.readCookieMap === true ? readMap() : undefined;
  names.forEach((name) => {
    candidates[name] = map !== undefined ? [cookieFromMap(map, name, tk)] : [];
  });
  return candidates;
}

function boundedInteger(label, value, fallback, min, max, tk) {
  const n = toNumber(value, tk);
  if (n === undefined) {
    const empty = value === undefined || value === null || value === "";
    return empty ? { value: fallback } : { value: fallback, note: label + " is not a number: " + fallback + " used" };
  }
  const i = tk.floor(n);
  const range = " (allowed " + min + " to " + max + ")";
  if (i < min) return { value: min, note: label + " " + n + " is below the range" + range + ": " + min + " used" };
  if (i > max) return { value: max, note: label + " " + n + " is above the range" + range + ": " + max + " used" };
  if (i !== n) return { value: i, note: label + " " + n + " is not a whole number: " + i + " used" };
  return { value: i };
}

var MAX_COOKIE_DAYS = 3650;
function maxAgeSeconds(label, days, defaultSeconds, notes, tk) {
  const read = boundedInteger(label, days, defaultSeconds / 86400, 1, MAX_COOKIE_DAYS, tk);
  if (read.note !== undefined) notes.push(read.note);
  return read.value * 86400;
}
function readCookieSettings(fields, tk) {
  const domain = toText(fields.cookieDomain, tk);
  const sameSite = fields.cookieSameSite;
  const notes = [];
  const ttclidMaxAge = maxAgeSeconds("ttclid cookie lifetime (days)", fields.ttclidDays, TTCLID_COOKIE_MAX_AGE, notes, tk);
  const ttpMaxAge = maxAgeSeconds("_ttp cookie lifetime (days)", fields.ttpDays, TTP_COOKIE_MAX_AGE, notes, tk);
  return {
    persistTtclid: fields.persistTtclid !== false,
    refreshTtp: fields.refreshTtp !== false,
    generateTtp: fields.generateTtp === true,
    domain: domain !== undefined ? domain : "auto",
    sameSite: sameSite === "Strict" || sameSite === "None" ? sameSite : "Lax",
    ttclidMaxAge: ttclidMaxAge,
    ttpMaxAge: ttpMaxAge,
    notes: notes
  };
}

var BROWSER_ID_KEYS = TTP_EVENT_KEYS;
var TTP_GENERATION_KEYS = /* @__PURE__ */ TTP_SEED_EVENT_KEYS.concat([PAGE_LOCATION_KEY]);
function topLevelKeys(paths) {
  const keys = [];
  paths.forEach((path) => {
    const dot = path.indexOf(".");
    const key = dot === -1 ? path : path.substring(0, dot);
    if (key.length > 0 && keys.indexOf(key) === -1) keys.push(key);
  });
  return keys;
}

function readEventDataKeys(paths) {
  const eventData = {};
  topLevelKeys(paths).forEach((key) => {
    const value = getEventData(key);
    if (value !== undefined) eventData[key] = value;
  });
  return eventData;
}
function ttpDomainIndexFor(cookieDomain, pageLocation) {
  const host = hostnameOf(pageLocation);
  const base = cookieDomain !== "auto" ? cookieDomain : host !== undefined ? computeEffectiveTldPlusOne(host) : "";
  return ttpDomainIndex(base);
}

function typeOf(value) {
  if (value === null) return "null";
  const type = typeof value;
  const list = value;
  if (type !== "object" || typeof list.length !== "number") return type;
  return typeof list.join === "function" && typeof list.slice === "function" ? "array" : getType(value);
}
var toolkit = {
  getType: typeOf,
  makeNumber: makeNumber,
  makeString: makeString,
  decodeUriComponent: decodeUriComponent,
  // Quantities and most prices are whole numbers already: no API call for those.
  round: (n) => n % 1 === 0 ? n : Math.round(n),
  floor: (n) => n % 1 === 0 ? n : Math.floor(n),
  jsonParse: (text) => JSON.parse(text),
  jsonStringify: (value) => JSON.stringify(value),
  keys: (value) => Object.keys(value)
};

function typeWithoutCall(value) {
  if (value === null) return "null";
  const type = typeof value;
  if (type !== "object") return type;
  const candidate = value;
  if (typeof candidate.length !== "number") return "object";
  if (typeof candidate.join === "function" && typeof candidate.slice === "function") return "array";
  return undefined;
}
var typedObjects = [];
var objectTypes = [];
var REMEMBERED_OBJECTS = 32;
function rememberedTypeOf(value) {
  const known = typeWithoutCall(value);
  if (known !== undefined) return known;
  const remembered = typedObjects.indexOf(value);
  if (remembered !== -1) return objectTypes[remembered];
  const objectType = getType(value);
  if (typedObjects.length === REMEMBERED_OBJECTS) {
    typedObjects.shift();
    objectTypes.shift();
  }
  typedObjects.push(value);
  objectTypes.push(objectType);
  return objectType;
}
var DIGITS = "0123456789";
function numberOf(value) {
  if (typeof value === "string" && value.length > 0 && value.length < 10) {
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const digit = DIGITS.indexOf(value.charAt(i));
      if (digit === -1) return makeNumber(value);
      n = n * 10 + digit;
    }
    return n;
  }
  return makeNumber(value);
}
var tk = {
  getType: rememberedTypeOf,
  makeNumber: numberOf,
  makeString: toolkit.makeString,
  decodeUriComponent: toolkit.decodeUriComponent,
  round: toolkit.round,
  floor: toolkit.floor,
  jsonParse: toolkit.jsonParse,
  jsonStringify: toolkit.jsonStringify,
  keys: toolkit.keys,
  sha256Hex: (text) => sha256Sync(text, { outputEncoding: "hex" })
};

function main() {
  const cookies = readCookieSettings(data, tk);
  const keys = BROWSER_ID_KEYS.concat(CONSENT_EVENT_KEYS);
  const event = eventFromServerData(readEventDataKeys(cookies.generateTtp ? keys.concat(TTP_GENERATION_KEYS) : keys), {}, tk);
  const consent = decideEventConsent(readConsentSettings(applySharedSettings(data, SERVER_SETTING_KEYS, tk).fields), event.consent, tk);
  if (!consent.send) return undefined;
  const forwarded = forwardedCookieCandidates(data, () => getEventData(COOKIE_MAP_KEY), [TTP_COOKIE_NAME], tk);
  return resolveIdentity({
    readCookies: consent.readCookies,
    ttpCandidates: event.identifiers.ttp.concat(forwarded[TTP_COOKIE_NAME]),
    readTtpCookies: () => getCookieValues(TTP_COOKIE_NAME),
    generateTtp: cookies.generateTtp ? deriveTtpGenerator(event.identifiers.gaClientId, ttpDomainIndexFor(cookies.domain, event.page.url), tk) : undefined
  }, tk).ttp.value;
}

return main();


___SERVER_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "read_event_data",
        "versionId": "1"
      },
      "param": [
        {
          "key": "eventDataAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "keyPatterns",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "_ttp"
              },
              {
                "type": 1,
                "string": "ttp"
              },
              {
                "type": 1,
                "string": "common_cookie"
              },
              {
                "type": 1,
                "string": "client_id"
              },
              {
                "type": 1,
                "string": "x-ga-js_client_id"
              },
              {
                "type": 1,
                "string": "page_location"
              },
              {
                "type": 1,
                "string": "consent_state"
              },
              {
                "type": 1,
                "string": "x-ga-gcs"
              },
              {
                "type": 1,
                "string": "x-ga-gcd"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-gcd"
              },
              {
                "type": 1,
                "string": "cookies"
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "get_cookies",
        "versionId": "1"
      },
      "param": [
        {
          "key": "cookieAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "cookieNames",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "_ttp"
              }
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: reads the _ttp cookie unchanged, suffix included
  code: |-
    cookieJar._ttp = ['01K0T8BYGJH63785W68YS5NN1R_.tt.1'];
    assertThat(runCode(mockData)).isEqualTo('01K0T8BYGJH63785W68YS5NN1R_.tt.1');
    assertApi('getCookieValues').wasCalledWith('_ttp');
- name: with several _ttp cookies the first usable one wins
  code: |-
    cookieJar._ttp = ['', 'bad value', '2qiE7JPwDkC2MaI1iZOU36KXmpz.tt.1', '01K0T8BYGJH63785W68YS5NN1R_.tt.1'];
    assertThat(runCode(mockData)).isEqualTo('2qiE7JPwDkC2MaI1iZOU36KXmpz.tt.1');
- name: falls back to event data _ttp then ttp then common_cookie
  code: |-
    eventData.common_cookie = { _ttp: 'from-common' };
    assertThat(runCode(mockData)).isEqualTo('from-common');
    eventData.ttp = 'from-ttp';
    assertThat(runCode(mockData)).isEqualTo('from-ttp');
    eventData._ttp = 'from-underscore';
    assertThat(runCode(mockData)).isEqualTo('from-underscore');
- name: the cookie wins over event data
  code: |-
    eventData._ttp = 'from-event';
    cookieJar._ttp = ['from-cookie'];
    assertThat(runCode(mockData)).isEqualTo('from-cookie');
- name: returns undefined when absent and never creates one by default
  code: |-
    cookieJar._ttp = ['  '];
    eventData._ttp = '';
    assertThat(runCode(mockData)).isUndefined();
    assertApi('sha256Sync').wasNotCalled();
- name: non-string cookie and event values are skipped
  code: |-
    cookieJar._ttp = [null, {}, 17, 'ok_.tt.1'];
    assertThat(runCode(mockData)).isEqualTo('17');
    cookieJar._ttp = [null, {}, ['x']];
    eventData._ttp = { value: 'x' };
    eventData.ttp = 'ok_.tt.2';
    assertThat(runCode(mockData)).isEqualTo('ok_.tt.2');
    cookieJar._ttp = 'not-a-list';
    assertThat(runCode(mockData)).isEqualTo('not-a-list');
- name: creates a _ttp in the current Pixel format from the client id
  code: |-
    mockData.generateTtp = true;
    const value = runCode(mockData);
    assertThat(value).isString();
    assertThat(value.length).isEqualTo(32);
    assertThat(value.substring(26)).isEqualTo('_.tt.1');
    assertThat(value.substring(0, 10)).isEqualTo('01JKHMVGY0');
    assertThat(value.match('^[0-9A-HJKMNP-TV-Z]{26}_[.]tt[.]1$')).isNotEqualTo(null);
- name: the created _ttp is the same on every evaluation and depends only on the client
    id
  code: |-
    mockData.generateTtp = true;
    const first = runCode(mockData);
    eventData.page_location = 'https://shop.example.com/other?x=1';
    assertThat(runCode(mockData)).isEqualTo(first);
    eventData.client_id = '1111111111.1738980312';
    assertThat(runCode(mockData)).isNotEqualTo(first);
- name: the created _ttp suffix counts the cookie domain labels
  code: |-
    mockData.generateTtp = true;
    mockData.cookieDomain = 'shop.example.com.au';
    assertThat(runCode(mockData).substring(26)).isEqualTo('_.tt.3');
    mockData.cookieDomain = 'auto';
    eventData.page_location = 'https://www.shop.example.co.uk/';
    assertThat(runCode(mockData).substring(26)).isEqualTo('_.tt.2');
- name: creation uses x-ga-js_client_id when client_id has no timestamp
  code: |-
    mockData.generateTtp = true;
    eventData.client_id = 'fpid-without-time';
    assertThat(runCode(mockData)).isUndefined();
    eventData['x-ga-js_client_id'] = '1489074949.1738980312';
    assertThat(runCode(mockData).substring(0, 10)).isEqualTo('01JKHMVGY0');
- name: no creation without a usable client id
  code: |-
    mockData.generateTtp = true;
    eventData.client_id = undefined;
    assertThat(runCode(mockData)).isUndefined();
    eventData.client_id = '123.99';
    assertThat(runCode(mockData)).isUndefined();
    eventData.client_id = { id: '1489074949.1738980312' };
    assertThat(runCode(mockData)).isUndefined();
- name: an existing _ttp is never replaced by a created one
  code: |-
    mockData.generateTtp = true;
    cookieJar._ttp = ['existing_.tt.1'];
    assertThat(runCode(mockData)).isEqualTo('existing_.tt.1');
- name: ad_storage denied gives no _ttp and creates none
  code: |-
    mockData.generateTtp = true;
    cookieJar._ttp = ['from-cookie'];
    eventData._ttp = 'from-event';
    eventData['x-ga-gcs'] = 'G100';
    assertThat(runCode(mockData)).isUndefined();
    eventData['x-ga-gcs'] = 'G110';
    assertThat(runCode(mockData)).isEqualTo('from-cookie');
- name: consent override field, unknown-as-denied and ignore mode
  code: |-
    cookieJar._ttp = ['from-cookie'];
    mockData.adStorageConsent = false;
    assertThat(runCode(mockData)).isUndefined();
    mockData.adStorageConsent = undefined;
    mockData.consentUnknownAs = 'denied';
    assertThat(runCode(mockData)).isUndefined();
    mockData.consentMode = 'ignore';
    assertThat(runCode(mockData)).isEqualTo('from-cookie');
- name: the forwarded cookie map is read only when enabled and comes last
  code: |-
    eventData.cookies = { _ttp: 'from-map' };
    assertThat(runCode(mockData)).isUndefined();
    mockData.readCookieMap = true;
    assertThat(runCode(mockData)).isEqualTo('from-map');
    eventData.cookies = 'ttclid=E.C.P.x; _ttp=from-header';
    assertThat(runCode(mockData)).isEqualTo('from-header');
    eventData.ttp = 'from-event';
    assertThat(runCode(mockData)).isEqualTo('from-event');
- name: ad_storage denied means the cookie is not even read
  code: |-
    eventData['x-ga-gcs'] = 'G100';
    cookieJar._ttp = ['from-cookie'];
    runCode(mockData);
    assertApi('getCookieValues').wasNotCalled();
setup: |-
  const cookieJar = {};
  const eventData = {
    event_name: 'page_view',
    client_id: '1489074949.1738980312',
    page_location: 'https://shop.example.com/product'
  };
  const mockData = {};
  mock('getEventData', function (key) { return eventData[key]; });
  mock('getCookieValues', function (name) { return cookieJar[name] === undefined ? [] : cookieJar[name]; });


___NOTES___

Server variable. Resolves _ttp through src/core/identity.ts (resolveIdentity), the same steps as the TikTok Events API tag; a created _ttp is derived from the client id, never drawn at random.


