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
  "displayName": "Countersign TikTok User Data",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS",
    "UTILITY"
  ],
  "brand": {
    "id": "github.com_countersign-gtm",
    "displayName": "Countersign",
    "thumbnail": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAABgCAYAAADimHc4AAAD30lEQVR42u2dv2sUQRTH90+4alnRhNX1Lv5IcXJYCEIgYiEEXAI2NrG0ETurCAd2KhyCFrG5No1cZ8DmGgN2V0RsjwSxNAlYO/KOGVmObHZ2b+fnfh98CTku4e77uXnz9s3OTRBUjDBKumGU9MMoGYVRMgmjhDVME/7eyYNuoCPCKInDKBmEUTJtoOFFmnJvYhXGt8IoGcJkaZFXrbrMT8MoOYappUWepYuaj099DaOhasoZw7zaNC6VkmC+GghIO7anIz7hwii1Ss/L+6h29FRHLaQem1IRv8KFMXoVZwEMYIh2DbIA0Nsx0DvKdjVhiBl1A95OhRlm1A94T9uZF93u3GLp5uPZTw8AjAKXFlPevH3HskG/u76oE7hqvoiD7z+cHg3OAPi894Xlxcnp6SwtAYAhACK2X74CAN0paD4IlEspyTsAFEdHP9n6vQ0AMAXApZTkNQAXUpL3AGxPSc4D2N//NitDi4Ke8+z5CwCoGwA93ru9Nrsgk4nd3U9WpSQvAIjn7HwcSkEgWLakJK8AkLaePJVKSQQBABQAIMmmJBtGgZcARNua8j0AGAIgMy8gBWkAkNfEwxygCUDeXEBgAEADgLywZTXNawA0yeYFlasAoBgAmWxzBeQ9gPMaeGhFaABgewXkPQDbKyDvAdheAXkNwIUKqLEAbFoda9wcYNME3IgLsSwEmxZiGtOKECCwKG8QAO4LAgAAAAAAAAAAKBBtsiBD5yUeBwBFpstsvnChr+MUADJe9nZCAKhZsrcQAoCCPb50N3OdAQAlVLf5AGAo7QBAhQlXVQBATXt8m2i+FgB0q7iqsHHLkXUAyCRVQXCVjdrOfda+0HEfwCK7G4u2n6p83X9XH7GTm5ts+/IdADgrVH85BwEQ+rrygPUuXkcKEkElrerXnQUgRsPrK3cxCdPFnI7JcR6A0MG1DbZ+adWtMrRor1YZ83Xt8c0DIESjoY5JOtDVA6KvC9CZdpbff2BXfx2y9p/flVQEgHR44yFLl7putCLm79GRDfqbshMumV/V+DIAhHaStcqjQXs7mqoimdFAZWbVSmeRT34VAGKS3lruubUgk7f8uOj/BgDDQgqyBAImYYflVRnqEwAnL8R8AOBsK8IHAKqbcRMYbqwdPXHu6+t1SdOCzAgHOJhVH0eYmFUXh/iY0xTHWJnVAAe5mVWMowzNaYjDPM3pOPdwZxxnq0UpDnS2KfXgSHNtGpc5U74FCPWan5v3kY4sSTsF58yjOqpW7aRBHcFTEkZDiU99pZQjASLmbQv0js7o7XBv4kBH8C5qn68nNHFRZ8Lfe/9/V7NC/APZb7NX5xUfzgAAAABJRU5ErkJggg\u003d\u003d"
  },
  "description": "Gives the customer details TikTok receives for the current event (the Events API \"user\" object: scrambled email, phone, customer ID, names and zip; city, state, country, IP, browser, language), prepared exactly as the Countersign TikTok Events API tag prepares them, for other tags.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "SELECT",
    "name": "outputKey",
    "displayName": "Return",
    "selectItems": [
      {
        "value": "user",
        "displayValue": "The whole user object"
      },
      {
        "value": "email",
        "displayValue": "Only user.email"
      },
      {
        "value": "phone",
        "displayValue": "Only user.phone"
      },
      {
        "value": "external_id",
        "displayValue": "Only user.external_id"
      },
      {
        "value": "first_name",
        "displayValue": "Only user.first_name"
      },
      {
        "value": "last_name",
        "displayValue": "Only user.last_name"
      },
      {
        "value": "zip_code",
        "displayValue": "Only user.zip_code"
      },
      {
        "value": "city",
        "displayValue": "Only user.city"
      },
      {
        "value": "state",
        "displayValue": "Only user.state"
      },
      {
        "value": "country",
        "displayValue": "Only user.country"
      },
      {
        "value": "ip",
        "displayValue": "Only user.ip"
      },
      {
        "value": "user_agent",
        "displayValue": "Only user.user_agent"
      },
      {
        "value": "locale",
        "displayValue": "Only user.locale"
      }
    ],
    "simpleValueType": true,
    "defaultValue": "user",
    "help": "Each key as the tag sends it: email, phone and external_id (your customer ID) are a text for one value and a list for several; user_agent is the text that describes the browser. Empty when there is nothing. The browser ID and the TikTok ad click have their own variables."
  },
  {
    "type": "GROUP",
    "name": "userGroup",
    "displayName": "Customer details for matching",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "LABEL",
        "name": "userLabel",
        "displayName": "Read from the customer details of the GA4 event (user_data) and its user_id (your ID of a logged-in customer); the fields below win. Fill them in as in your Countersign TikTok Events API tag so both give the same codes. Email, phone, customer ID, names and zip are scrambled (SHA-256)."
      },
      {
        "type": "TEXT",
        "name": "userEmail",
        "displayName": "Email",
        "simpleValueType": true,
        "help": "Plain or already scrambled (SHA-256); a list works too."
      },
      {
        "type": "TEXT",
        "name": "userPhone",
        "displayName": "Phone",
        "simpleValueType": true,
        "help": "In international format, e.g. +44 20 7946 0958; plain or already scrambled (SHA-256)."
      },
      {
        "type": "TEXT",
        "name": "defaultCountryCode",
        "displayName": "Country calling code for national numbers",
        "simpleValueType": true,
        "valueHint": "49",
        "help": "For numbers without + or 00: with 49, 0151 1234567 becomes +49 151 1234567. Empty: left out.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "\\s*(\\+?[1-9][0-9]{0,2}|\\{\\{[^}]+\\}\\})?\\s*"
            ],
            "errorMessage": "1 to 3 digits, e.g. 49 or +1."
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "userExternalId",
        "displayName": "External ID",
        "simpleValueType": true,
        "help": "Your customer ID, scrambled (SHA-256). Empty: the event\u0027s user_id (a logged-in customer\u0027s ID)."
      },
      {
        "type": "CHECKBOX",
        "name": "userIdAsExternalId",
        "checkboxText": "Use the event\u0027s user_id as external ID",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "user_id: your site\u0027s ID of a logged-in customer, sent scrambled as your customer ID."
      },
      {
        "type": "TEXT",
        "name": "userFirstName",
        "displayName": "First name",
        "simpleValueType": true,
        "help": "Scrambled (SHA-256)."
      },
      {
        "type": "TEXT",
        "name": "userLastName",
        "displayName": "Last name",
        "simpleValueType": true,
        "help": "Scrambled (SHA-256)."
      },
      {
        "type": "TEXT",
        "name": "userZip",
        "displayName": "Zip / postal code",
        "simpleValueType": true,
        "help": "Scrambled (SHA-256)."
      },
      {
        "type": "TEXT",
        "name": "userCity",
        "displayName": "City",
        "simpleValueType": true,
        "help": "The city is returned lower-case, not scrambled (as TikTok asks)."
      },
      {
        "type": "TEXT",
        "name": "userState",
        "displayName": "State / region",
        "simpleValueType": true,
        "help": "The state is returned lower-case, not scrambled (as TikTok asks)."
      },
      {
        "type": "TEXT",
        "name": "userCountry",
        "displayName": "Country",
        "simpleValueType": true,
        "help": "Two-letter code, e.g. DE."
      },
      {
        "type": "TEXT",
        "name": "userIp",
        "displayName": "IP address override",
        "simpleValueType": true,
        "help": "Empty: the visitor\u0027s IP address."
      },
      {
        "type": "TEXT",
        "name": "userAgent",
        "displayName": "User agent override",
        "simpleValueType": true,
        "help": "Empty: the event\u0027s text that describes the browser."
      },
      {
        "type": "TEXT",
        "name": "userLocale",
        "displayName": "Locale override",
        "simpleValueType": true,
        "help": "Empty: the event\u0027s language."
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
        "help": "Personal data is left out, as when it is denied. Safe for EU/EEA visitors."
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
            "help": "Personal data denied: email, phone, customer ID, names, address and IP are left out (the browser description and language stay)."
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
      },
      {
        "type": "TEXT",
        "name": "adUserDataConsent",
        "displayName": "Personal data consent (optional)",
        "simpleValueType": true,
        "help": "The same for personal data. Empty: the settings variable\u0027s, else the event\u0027s.",
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
function isSha256Hex(text) {
  return text.length === 64 && text.match("^[0-9a-fA-F]{64}$") !== null;
}
function removeChars(text, chars) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (chars.indexOf(ch) === -1) out += ch;
  }
  return out;
}
var WHITESPACE = " 	\n\r\v\f ";
function removeWhitespace(text) {
  return removeChars(text, WHITESPACE);
}
var TRUE_WORDS = ["true", "1", "yes", "granted"];
var FALSE_WORDS = ["false", "0", "no", "denied"];
function toBoolean(value, _tk) {
  if (typeof value === "boolean") return value;
  const text = typeof value === "string" ? value.trim().toLowerCase() : value === 1 ? "1" : value === 0 ? "0" : "";
  if (TRUE_WORDS.indexOf(text) !== -1) return true;
  return FALSE_WORDS.indexOf(text) !== -1 ? false : undefined;
}

var TTCLID_EVENT_KEYS = ["ttclid", "common_cookie.ttclid"];
var TTP_EVENT_KEYS = ["_ttp", "ttp", "common_cookie._ttp"];
var TTP_SEED_EVENT_KEYS = ["client_id", "x-ga-js_client_id"];
function eventDataValues(eventData, keys, tk) {
  const data2 = isPlainObject(eventData, tk) ? eventData : undefined;
  return keys.map((k) => data2 !== undefined && k.indexOf(".") === -1 ? data2[k] : getPath(eventData, k, tk));
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
var USER_EVENT_KEYS = /* @__PURE__ */ [
  "user_data",
  "email",
  "phone",
  "phone_number",
  "external_id",
  "tt_external_id",
  "user_id",
  "ip_override",
  "ip_address",
  "ip",
  "user_agent",
  "language"
].concat(/* @__PURE__ */ TOP_LEVEL_USER_KEYS.map((entry) => entry.key), /* @__PURE__ */ MP2_USER_KEYS.map((entry) => entry.key));
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

var HASHED_KEYS = ["email", "phone", "external_id", "first_name", "last_name", "zip_code"];
var TIKTOK_USER_KEYS = [
  "email",
  "phone",
  "external_id",
  "first_name",
  "last_name",
  "zip_code",
  "city",
  "state",
  "country",
  "ip",
  "user_agent",
  "locale"
];
var MULTI_VALUE_KEYS = ["email", "phone", "external_id"];
var MAX_VALUES_PER_KEY = 10;
function emptyPlan() {
  return { email: [], phone: [], external_id: [], first_name: [], last_name: [], zip_code: [], warnings: [] };
}
function normalizeEmail(value) {
  const text = value.trim().toLowerCase();
  return text.match("^[^@ 	\n\r\v\f ]+@[^@ 	\n\r\v\f ]+\\.[^@. 	\n\r\v\f ]+$") !== null ? text : undefined;
}
function normalizeCountryCode(value) {
  if (typeof value !== "string") return undefined;
  let text = removeChars(value.trim(), " +()-");
  if (text.substring(0, 2) === "00") text = text.substring(2);
  return text.match("^[1-9]\\d{0,2}$") !== null ? text : undefined;
}
var PHONE_DECORATION = " 	-.()/ ";
function dropTrunkPrefix(text) {
  const compact = removeChars(text, " 	-. ");
  if (compact.match("^(\\+|00)\\d{1,3}\\(0\\)") === null) return text;
  const bracket = compact.indexOf("(0)");
  return compact.substring(0, bracket) + compact.substring(bracket + 3);
}
function normalizePhone(value, defaultCountryCode) {
  const text = removeChars(dropTrunkPrefix(value.trim()), PHONE_DECORATION);
  if (text.match("^\\+?\\d+$") === null) return undefined;
  let international = text.charAt(0) === "+";
  let digits = international ? text.substring(1) : text;
  if (!international && digits.substring(0, 2) === "00") {
    international = true;
    digits = digits.substring(2);
  }
  if (!international) {
    const cc = normalizeCountryCode(defaultCountryCode);
    if (cc === undefined) return undefined;
    if (digits.charAt(0) === "0") digits = digits.substring(1);
    digits = cc + digits;
  }
  if (digits.length < 8 || digits.length > 15 || digits.charAt(0) === "0") return undefined;
  return "+" + digits;
}
function nonEmpty(text) {
  return text.length > 0 ? text : undefined;
}
function normalizeExternalId(value) {
  return nonEmpty(value.trim());
}
function normalizeName(value) {
  return nonEmpty(removeWhitespace(value.trim().toLowerCase()));
}
var normalizeZip = normalizeName;
var GEO_PUNCTUATION = WHITESPACE + ".,;:'\"`!?()[]{}<>/\\|-_&*#@^~+=%$";
function normalizeGeo(value) {
  return nonEmpty(removeChars(value.trim().toLowerCase(), GEO_PUNCTUATION));
}
function normalizeCountry(value) {
  const text = value.trim().toLowerCase();
  return text.match("^[a-z]{2}$") !== null ? text : undefined;
}
function normalizeLocale(value) {
  const text = value.trim();
  if (text.length === 0 || text.length > 35 || removeWhitespace(text) !== text) return undefined;
  const parts = text.split("_").join("-").split("-");
  const out = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.length === 0) return undefined;
    if (i === 0) out.push(part.toLowerCase());
    else if (part.length === 2) out.push(part.toUpperCase());
    else if (part.length === 4) out.push(part.charAt(0).toUpperCase() + part.substring(1).toLowerCase());
    else out.push(part.toLowerCase());
  }
  return out.join("-");
}
function addValues(target, raw, normalize, tk) {
  if (raw === undefined) return 0;
  let rejected = 0;
  toList(raw, tk).forEach((item) => {
    const text = toText(item, tk);
    const hashed = text !== undefined && isSha256Hex(text);
    const value = text === undefined ? undefined : hashed ? text.toLowerCase() : normalize(text);
    if (value === undefined) {
      if (item !== undefined && item !== null && item !== "") rejected++;
    } else if (target.length < MAX_VALUES_PER_KEY && !target.some((e) => e.value === value && e.hashed === hashed)) {
      target.push({ value: value, hashed: hashed });
    }
  });
  return rejected;
}
var PLAIN_KEYS = ["city", "state", "country"];
var NORMALIZERS = {
  email: normalizeEmail,
  external_id: normalizeExternalId,
  first_name: normalizeName,
  last_name: normalizeName,
  zip_code: normalizeZip
};
function firstPlain(sources, normalize, tk) {
  for (let i = 0; i < sources.length; i++) {
    const list = toList(sources[i], tk);
    for (let j = 0; j < list.length; j++) {
      const text = toText(list[j], tk);
      const normalized = text !== undefined ? normalize(text) : undefined;
      if (normalized !== undefined) return normalized;
    }
  }
  return undefined;
}
function planUserData(user, fields, options, tk) {
  return addRequestDetails(planMatchKeys(user, fields, options, tk), user, fields, tk);
}
function planMatchKeys(user, fields, options, tk) {
  const plan = emptyPlan();
  const fieldMap = fields;
  HASHED_KEYS.forEach((key) => {
    const normalize = key === "phone" ? (v) => normalizePhone(v, options.defaultCountryCode) : NORMALIZERS[key];
    const target = plan[key];
    let rejected = addValues(target, fieldMap[key], normalize, tk);
    if (target.length === 0) {
      user.userData[key].forEach((v) => {
        rejected += addValues(target, v, normalize, tk);
      });
    }
    if (target.length === 0) {
      const fromEvent = key === "external_id" && options.userIdAsExternalId !== false ? user.eventKeys.external_id.concat([user.userId]) : user.eventKeys[key];
      fromEvent.forEach((v) => {
        rejected += addValues(target, v, normalize, tk);
      });
    }
    if (MULTI_VALUE_KEYS.indexOf(key) === -1 && target.length > 1) target.splice(1, target.length - 1);
    if (rejected > 0) plan.warnings.push(key + ": " + rejected + " value(s) not usable: dropped");
  });
  const planMap = plan;
  PLAIN_KEYS.forEach((key) => {
    const value = firstPlain([fieldMap[key]].concat(user.userData[key], user.eventKeys[key]), key === "country" ? normalizeCountry : normalizeGeo, tk);
    if (value !== undefined) planMap[key] = value;
  });
  return plan;
}
function addRequestDetails(plan, user, fields, tk) {
  const ip = firstPlain([fields.ip].concat(user.ip), normalizeIp, tk);
  if (ip !== undefined) plan.ip = ip;
  const userAgent = firstPlain([fields.user_agent].concat(user.userAgent), (v) => v.length > 0 ? v : undefined, tk);
  if (userAgent !== undefined) plan.user_agent = userAgent;
  const locale = firstPlain([fields.locale].concat(user.language), normalizeLocale, tk);
  if (locale !== undefined) plan.locale = locale;
  return plan;
}
var IP_CHARS = "0123456789abcdefABCDEF.:";
function normalizeIp(value) {
  const text = value.trim();
  if (text.length < 3 || text.length > 45) return undefined;
  if (text.indexOf(".") === -1 && text.indexOf(":") === -1) return undefined;
  for (let i = 0; i < text.length; i++) if (IP_CHARS.indexOf(text.charAt(i)) === -1) return undefined;
  return text;
}
function stripPersonalData(plan) {
  const stripped = emptyPlan();
  stripped.warnings = plan.warnings.slice();
  if (plan.user_agent !== undefined) stripped.user_agent = plan.user_agent;
  if (plan.locale !== undefined) stripped.locale = plan.locale;
  if (plan.ttp !== undefined) stripped.ttp = plan.ttp;
  if (plan.ttclid !== undefined) stripped.ttclid = plan.ttclid;
  return stripped;
}
function buildTikTokUser(plan, hashLookup) {
  const userMap = {};
  HASHED_KEYS.forEach((key) => {
    const hashes = [];
    plan[key].forEach((entry) => {
      const digest = entry.hashed ? entry.value : hashLookup(entry.value);
      if (typeof digest === "string" && isSha256Hex(digest)) {
        const lower = digest.toLowerCase();
        if (hashes.indexOf(lower) === -1) hashes.push(lower);
      }
    });
    if (hashes.length === 0) return;
    if (MULTI_VALUE_KEYS.indexOf(key) !== -1 && hashes.length > 1) userMap[key] = hashes;
    else userMap[key] = hashes[0];
  });
  const planMap = plan;
  ["city", "state", "country", "ttp", "ttclid", "ip", "user_agent", "locale"].forEach((key) => {
    const value = planMap[key];
    if (typeof value === "string" && value.length > 0) userMap[key] = value;
  });
  return userMap;
}
function buildTikTokUserSync(plan, tk) {
  return buildTikTokUser(plan, (normalized) => tk.sha256Hex ? tk.sha256Hex(normalized) : undefined);
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

var USER_KEYS = USER_EVENT_KEYS;
function topLevelKeys(paths) {
  const keys = [];
  paths.forEach((path) => {
    const dot = path.indexOf(".");
    const key = dot === -1 ? path : path.substring(0, dot);
    if (key.length > 0 && keys.indexOf(key) === -1) keys.push(key);
  });
  return keys;
}

const JSON = require('JSON');
const Math = require('Math');
const Object = require('Object');
const decodeUriComponent = require('decodeUriComponent');
const getEventData = require('getEventData');
const getType = require('getType');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
const sha256Sync = require('sha256Sync');
function readEventDataKeys(paths) {
  const eventData = {};
  topLevelKeys(paths).forEach((key) => {
    const value = getEventData(key);
    if (value !== undefined) eventData[key] = value;
  });
  return eventData;
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

function readUserFields(fields) {
  return {
    email: fields.userEmail,
    phone: fields.userPhone,
    external_id: fields.userExternalId,
    first_name: fields.userFirstName,
    last_name: fields.userLastName,
    zip_code: fields.userZip,
    city: fields.userCity,
    state: fields.userState,
    country: fields.userCountry,
    ip: fields.userIp,
    user_agent: fields.userAgent,
    locale: fields.userLocale
  };
}
function readUserOptions(fields, tk) {
  return {
    defaultCountryCode: toText(fields.defaultCountryCode, tk),
    userIdAsExternalId: fields.userIdAsExternalId !== false
  };
}

function main() {
  const event = eventFromServerData(readEventDataKeys(USER_KEYS.concat(CONSENT_EVENT_KEYS)), {}, tk);
  const consent = decideEventConsent(readConsentSettings(applySharedSettings(data, SERVER_SETTING_KEYS, tk).fields), event.consent, tk);
  if (!consent.send) return undefined;
  let plan = planUserData(event.user, readUserFields(data), readUserOptions(data, tk), tk);
  if (!consent.sendPersonalData) plan = stripPersonalData(plan);
  const user = buildTikTokUserSync(plan, tk);
  const outputKey = data.outputKey;
  if (typeof outputKey === "string" && TIKTOK_USER_KEYS.indexOf(outputKey) !== -1) return user[outputKey];
  return tk.keys(user).length > 0 ? user : undefined;
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
                "string": "user_data"
              },
              {
                "type": 1,
                "string": "email"
              },
              {
                "type": 1,
                "string": "phone"
              },
              {
                "type": 1,
                "string": "phone_number"
              },
              {
                "type": 1,
                "string": "external_id"
              },
              {
                "type": 1,
                "string": "tt_external_id"
              },
              {
                "type": 1,
                "string": "user_id"
              },
              {
                "type": 1,
                "string": "ip_override"
              },
              {
                "type": 1,
                "string": "ip_address"
              },
              {
                "type": 1,
                "string": "ip"
              },
              {
                "type": 1,
                "string": "user_agent"
              },
              {
                "type": 1,
                "string": "language"
              },
              {
                "type": 1,
                "string": "email_address"
              },
              {
                "type": 1,
                "string": "first_name"
              },
              {
                "type": 1,
                "string": "firstName"
              },
              {
                "type": 1,
                "string": "last_name"
              },
              {
                "type": 1,
                "string": "lastName"
              },
              {
                "type": 1,
                "string": "zip"
              },
              {
                "type": 1,
                "string": "zip_code"
              },
              {
                "type": 1,
                "string": "postal_code"
              },
              {
                "type": 1,
                "string": "city"
              },
              {
                "type": 1,
                "string": "state"
              },
              {
                "type": 1,
                "string": "region"
              },
              {
                "type": 1,
                "string": "country"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-email"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-phone"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-phone_number"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-external_id"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-first_name"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-last_name"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-zip"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-postal_code"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-city"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-state"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-region"
              },
              {
                "type": 1,
                "string": "x-ga-mp2-country"
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
- name: builds the hashed user object from GA4 user_data and user_id
  code: |-
    const user = runCode(mockData);
    assertThat(user.email).isEqualTo(sha('jane@example.com'));
    assertThat(user.phone).isEqualTo(sha('+4915112345678'));
    assertThat(user.external_id).isEqualTo(sha('cust-7'));
    assertThat(user.first_name).isEqualTo(sha('jane'));
    assertThat(user.last_name).isEqualTo(sha('doe'));
    assertThat(user.zip_code).isEqualTo(sha('sw1a1aa'));
    assertThat(user.city).isEqualTo('london');
    assertThat(user.state).isEqualTo('greaterlondon');
    assertThat(user.country).isEqualTo('gb');
    assertThat(user.ip).isEqualTo('203.0.113.7');
    assertThat(user.user_agent).isEqualTo('Mozilla/5.0 test');
    assertThat(user.locale).isEqualTo('en-GB');
    assertThat(user.ttp).isUndefined();
    assertThat(user.ttclid).isUndefined();
- name: never returns raw personal data
  code: |-
    const text = JSON.stringify(runCode(mockData));
    assertThat(text.indexOf('jane')).isEqualTo(-1);
    assertThat(text.indexOf('Jane')).isEqualTo(-1);
    assertThat(text.indexOf('4915112345678')).isEqualTo(-1);
    assertThat(text.indexOf('cust-7')).isEqualTo(-1);
    assertThat(text.indexOf('Doe')).isEqualTo(-1);
- name: several emails become an array and already hashed values pass through
  code: |-
    eventData.user_data = { email: ['a@x.org', ' A@X.org ', 'b@x.org'], sha256_phone_number: 'AB' + hashOfPhone.substring(2).toUpperCase() };
    const user = runCode(mockData);
    assertThat(user.email).isEqualTo([sha('a@x.org'), sha('b@x.org')]);
    assertThat(user.phone).isEqualTo('ab' + hashOfPhone.substring(2));
- name: the documented user_data shape and an index-keyed address are read
  code: |-
    eventData.user_data = { email_address: 'doc@example.com', phone_number: '0044 20 7946 0000', address: { '0': { first_name: 'Ann', postal_code: '10115', country: 'DE' } } };
    const user = runCode(mockData);
    assertThat(user.email).isEqualTo(sha('doc@example.com'));
    assertThat(user.phone).isEqualTo(sha('+442079460000'));
    assertThat(user.first_name).isEqualTo(sha('ann'));
    assertThat(user.zip_code).isEqualTo(sha('10115'));
    assertThat(user.country).isEqualTo('de');
- name: fields override event data
  code: |-
    mockData.userEmail = 'Override@Example.com';
    mockData.userExternalId = 'CRM-1';
    mockData.userCountry = 'FR';
    mockData.userIp = '198.51.100.1';
    mockData.userLocale = 'fr_fr';
    const user = runCode(mockData);
    assertThat(user.email).isEqualTo(sha('override@example.com'));
    assertThat(user.external_id).isEqualTo(sha('CRM-1'));
    assertThat(user.country).isEqualTo('fr');
    assertThat(user.ip).isEqualTo('198.51.100.1');
    assertThat(user.locale).isEqualTo('fr-FR');
- name: national phone numbers need a default country code
  code: |-
    eventData.user_data = { phone_number: '0151 12345678' };
    assertThat(runCode(mockData).phone).isUndefined();
    mockData.defaultCountryCode = '49';
    assertThat(runCode(mockData).phone).isEqualTo(sha('+4915112345678'));
- name: user_id as external id can be switched off
  code: |-
    mockData.userIdAsExternalId = false;
    assertThat(runCode(mockData).external_id).isUndefined();
    eventData.external_id = 'ext-9';
    assertThat(runCode(mockData).external_id).isEqualTo(sha('ext-9'));
- name: returns one key when asked
  code: |-
    mockData.outputKey = 'email';
    assertThat(runCode(mockData)).isEqualTo(sha('jane@example.com'));
    mockData.outputKey = 'country';
    assertThat(runCode(mockData)).isEqualTo('gb');
    eventData.user_data = {};
    assertThat(runCode(mockData)).isUndefined();
- name: ad_user_data denied empties the personal keys
  code: |-
    eventData['x-ga-gcd'] = '13t3t3p3t5l1';
    const user = runCode(mockData);
    assertThat(user).isEqualTo({ user_agent: 'Mozilla/5.0 test', locale: 'en-GB' });
    mockData.outputKey = 'email';
    assertThat(runCode(mockData)).isUndefined();
- name: ad_user_data from consent_state and the override field
  code: |-
    eventData.consent_state = { ad_user_data: 'denied' };
    assertThat(runCode(mockData).email).isUndefined();
    mockData.adUserDataConsent = 'granted';
    assertThat(runCode(mockData).email).isEqualTo(sha('jane@example.com'));
    mockData.adUserDataConsent = 'false';
    assertThat(runCode(mockData).email).isUndefined();
- name: ignoring consent keeps personal keys
  code: |-
    eventData.consent_state = { ad_user_data: false, ad_storage: false };
    mockData.consentMode = 'ignore';
    assertThat(runCode(mockData).email).isEqualTo(sha('jane@example.com'));
- name: only with ad_storage consent gives undefined when ad_storage is denied
  code: |-
    mockData.consentMode = 'require_ad_storage';
    eventData['x-ga-gcs'] = 'G101';
    assertThat(runCode(mockData)).isUndefined();
    mockData.consentMode = 'minimize';
    assertThat(runCode(mockData).email).isEqualTo(sha('jane@example.com'));
- name: malformed input gives undefined keys, never raw values or an error
  code: |-
    eventData.user_data = { email: 'not-an-email', phone_number: '+49 151 CALL-ME', address: 'Main Street 1', sha256_email_address: 'ZZZZ' };
    eventData.user_id = { id: 7 };
    eventData.ip_override = 'not an ip';
    eventData.user_agent = 42;
    eventData.language = ['en'];
    const user = runCode(mockData);
    assertThat(user.email).isUndefined();
    assertThat(user.phone).isUndefined();
    assertThat(user.external_id).isUndefined();
    assertThat(user.ip).isUndefined();
    assertThat(user.user_agent).isEqualTo('42');
    assertThat(JSON.stringify(user).indexOf('not-an-email')).isEqualTo(-1);
- name: an event without any user data gives undefined
  code: |-
    eventData.user_data = 'garbage';
    eventData.user_id = undefined;
    eventData.ip_override = undefined;
    eventData.user_agent = undefined;
    eventData.language = undefined;
    assertThat(runCode(mockData)).isUndefined();
setup: |-
  const JSON = require('JSON');
  const sha256Sync = require('sha256Sync');
  function sha(text) { return sha256Sync(text, { outputEncoding: 'hex' }); }
  const hashOfPhone = sha('+4915112345678');
  const eventData = {
    event_name: 'purchase',
    user_data: {
      email: ' Jane@Example.com ',
      phone_number: '+49 151 1234 5678',
      address: [{ first_name: 'Jane', last_name: 'Doe', postal_code: 'SW1A 1AA', city: 'London', region: 'Greater London', country: 'GB' }]
    },
    user_id: 'cust-7',
    ip_override: '203.0.113.7',
    user_agent: 'Mozilla/5.0 test',
    language: 'en-gb'
  };
  const mockData = {};
  mock('getEventData', function (key) { return eventData[key]; });


___NOTES___

Server variable. Builds the user object with planUserData/buildTikTokUserSync from src/core, the functions the TikTok Events API tag uses.


