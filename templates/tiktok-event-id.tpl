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
  "displayName": "Countersign TikTok Event ID",
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
  "description": "An event ID that lets TikTok count each event once: the same value for every tag firing on one GTM event, a different one for every other event, and for a purchase the order\u0027s own ID, so a reloaded thank-you page is not counted twice. Use it in the Countersign TikTok Pixel tag and as the event_id parameter of the GA4 event tags, which the Countersign TikTok Events API tag reads.",
  "containerContexts": [
    "WEB"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "CHECKBOX",
    "name": "purchaseTransactionId",
    "checkboxText": "Purchases with a transaction_id use \u003ctransaction_id\u003e_\u003cTikTok event\u003e",
    "simpleValueType": true,
    "defaultValue": true,
    "help": "On (recommended): a purchase gets the ID both Countersign tags make from its order number (e.g. \u003ccode\u003eT-1001_Purchase\u003c/code\u003e), so the Pixel and the server agree, and a reloaded thank-you page sends the same ID again: TikTok counts the purchase once. Off: each reload of the thank-you page counts as another purchase."
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
    "type": "SELECT",
    "name": "nameSet",
    "displayName": "TikTok event names",
    "selectItems": [
      {
        "value": "settings",
        "displayValue": "As in the settings variable"
      },
      {
        "value": "current",
        "displayValue": "Current (Purchase, Lead)"
      },
      {
        "value": "legacy",
        "displayValue": "Legacy (CompletePayment, SubmitForm)"
      }
    ],
    "simpleValueType": true,
    "notSetText": "Choose the names the other side sends",
    "valueValidators": [
      {
        "type": "NON_EMPTY",
        "errorMessage": "Choose the TikTok event names: a browser and a server copy with different names are counted twice."
      }
    ],
    "help": "TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Use the same names in the Countersign TikTok Pixel and Events API tags (for the purchase ID above), or TikTok counts the event twice. No default: only you know which names the other side sends (TikTok\u0027s own templates send Legacy). \"As in the settings variable\" with no settings variable that names them: Current, and a warning in the log."
  }
]


___SANDBOXED_JS_FOR_WEB_TEMPLATE___

const JSON = require('JSON');
const Math = require('Math');
const Object = require('Object');
const copyFromDataLayer = require('copyFromDataLayer');
const decodeUriComponent = require('decodeUriComponent');
const generateRandom = require('generateRandom');
const getTimestampMillis = require('getTimestampMillis');
const getType = require('getType');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
const templateStorage = require('templateStorage');

function isPlainObject(value, tk) {
  return tk.getType(value) === "object";
}

var ORDER_EVENTS_TIKTOK = ["Purchase", "CompletePayment", "PlaceAnOrder"];
function transactionEventId(transactionId, tiktokEventName) {
  return transactionId + "_" + tiktokEventName;
}

var TIKTOK_CURRENT_EVENTS = /* @__PURE__ */ "AddPaymentInfo AddToCart AddToWishlist ApplicationApproval CompleteRegistration Contact CustomizeProduct Download FindLocation InitiateCheckout Lead Purchase Schedule Search StartTrial SubmitApplication Subscribe ViewContent".split(" ");
var PAGEVIEW_EVENT = "Pageview";
var GA4_TO_TIKTOK = {
  page_view: "Pageview",
  view_item: "ViewContent",
  search: "Search",
  view_search_results: "Search",
  add_to_wishlist: "AddToWishlist",
  add_to_cart: "AddToCart",
  begin_checkout: "InitiateCheckout",
  add_payment_info: "AddPaymentInfo",
  purchase: "Purchase",
  generate_lead: "Lead",
  sign_up: "CompleteRegistration",
  file_download: "Download",
  contact: "Contact",
  subscribe: "Subscribe",
  start_trial: "StartTrial",
  schedule: "Schedule",
  submit_application: "SubmitApplication",
  application_approval: "ApplicationApproval",
  customize_product: "CustomizeProduct",
  find_location: "FindLocation"
};
var OTHER_SET_NAMES = {
  Purchase: "CompletePayment",
  Lead: "SubmitForm",
  CompletePayment: "Purchase",
  SubmitForm: "Lead"
};
function otherSetName(tiktokName) {
  return OTHER_SET_NAMES.hasOwnProperty(tiktokName) ? OTHER_SET_NAMES[tiktokName] : undefined;
}
function toNameSet(tiktokName, nameSet) {
  const other = otherSetName(tiktokName);
  return other !== undefined && nameSet === "legacy" === (TIKTOK_CURRENT_EVENTS.indexOf(tiktokName) !== -1) ? other : tiktokName;
}
var STANDARD_SPELLINGS = /* @__PURE__ */ [PAGEVIEW_EVENT].concat(TIKTOK_CURRENT_EVENTS, "ClickButton", "CompletePayment", "PlaceAnOrder", "SubmitForm");
function isTikTokStandardEvent(name) {
  return STANDARD_SPELLINGS.indexOf(name) !== -1;
}
function standardSpelling(name) {
  const lower = name.toLowerCase();
  for (let i = 0; i < STANDARD_SPELLINGS.length; i++) {
    if (STANDARD_SPELLINGS[i].toLowerCase() === lower) return STANDARD_SPELLINGS[i];
  }
  return undefined;
}
function cleanName(value) {
  return typeof value === "string" ? value.trim() : "";
}
function asTyped(typed, source, reason) {
  const spelling = standardSpelling(typed);
  const name = spelling !== undefined ? spelling : typed;
  return { name: name, skip: false, source: source, reason: reason + '"' + name + '"' + (typed === name ? "" : ' (typed "' + typed + '"; names are case-sensitive)') };
}
function resolveEventName(incoming, config) {
  const nameSet = config.nameSet === "legacy" ? "legacy" : "current";
  const fixed = cleanName(config.fixedEvent);
  if (fixed.length > 0) return asTyped(fixed, "fixed", "fixed event ");
  const name = cleanName(incoming);
  if (name.length === 0) return { skip: true, source: "none", reason: "no event name in the event data" };
  const overrides = config.overrides || [];
  for (let i = 0; i < overrides.length; i++) {
    const row = overrides[i];
    const to = row ? cleanName(row.to) : "";
    if (to.length > 0 && cleanName(row.from) === name) return asTyped(to, "override", 'override "' + name + '" -> ');
  }
  if (GA4_TO_TIKTOK.hasOwnProperty(name)) {
    const mapped = toNameSet(GA4_TO_TIKTOK[name], nameSet);
    return { name: mapped, skip: false, source: "standard_map", reason: 'GA4 "' + name + '" -> "' + mapped + '" (' + nameSet + " names)" };
  }
  const spelling = isTikTokStandardEvent(name) || config.unmappedPolicy === "custom" ? standardSpelling(name) : undefined;
  if (spelling !== undefined) {
    const standard = toNameSet(spelling, nameSet);
    return { name: standard, skip: false, source: "tiktok_name", reason: 'TikTok name "' + standard + '"' + (spelling === name ? "" : ' (typed "' + name + '")') };
  }
  if (config.unmappedPolicy === "custom") return { name: name, skip: false, source: "custom", reason: '"' + name + '" sent as a custom event' };
  return { skip: true, source: "none", reason: '"' + name + '" has no TikTok standard event and the unmapped policy is skip' };
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

var INHERIT = "settings";
var SETTINGS_KIND = "countersign-tiktok-settings";
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

var PAGE_LOAD_ID_KEY = "pageLoadId";
function pageLoadId() {
  const stored = templateStorage.getItem(PAGE_LOAD_ID_KEY);
  if (getType(stored) === "string" && stored.length > 0) return stored;
  const created = makeString(getTimestampMillis()) + "." + makeString(generateRandom(1e8, 999999999));
  templateStorage.setItem(PAGE_LOAD_ID_KEY, created);
  return created;
}
function text(value) {
  const type = getType(value);
  if (type === "number") return makeString(value);
  if (type !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}
function purchaseEventId() {
  const fields = applySharedSettings({ settingsVariable: data.settingsVariable, nameSet: data.nameSet }, ["nameSet"], toolkit).fields;
  const nameSet = fields.nameSet === "legacy" ? "legacy" : "current";
  const tiktokEvent = resolveEventName(copyFromDataLayer("event"), { nameSet: nameSet }).name;
  if (tiktokEvent === undefined || ORDER_EVENTS_TIKTOK.indexOf(tiktokEvent) === -1) return undefined;
  let transactionId = text(copyFromDataLayer("ecommerce.transaction_id"));
  if (transactionId === undefined) transactionId = text(copyFromDataLayer("eventModel.transaction_id"));
  return transactionId !== undefined ? transactionEventId(transactionId, tiktokEvent) : undefined;
}
function main() {
  const gtmEventId = copyFromDataLayer("gtm.uniqueEventId");
  const type = getType(gtmEventId);
  if (type !== "number" && !(type === "string" && gtmEventId.length > 0)) return undefined;
  if (data.purchaseTransactionId !== false) {
    const fromOrder = purchaseEventId();
    if (fromOrder !== undefined) return fromOrder;
  }
  return pageLoadId() + "_" + makeString(gtmEventId);
}

return main();


___WEB_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "read_data_layer",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedKeys",
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
                "string": "gtm.uniqueEventId"
              },
              {
                "type": 1,
                "string": "event"
              },
              {
                "type": 1,
                "string": "ecommerce.transaction_id"
              },
              {
                "type": 1,
                "string": "eventModel.transaction_id"
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
        "publicId": "access_template_storage",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: every evaluation within one GTM event returns the same id
  code: |-
    const first = runCode({});
    const second = runCode({});
    assertThat(first).isString();
    assertThat(second).isEqualTo(first);
- name: the id is the page-load id and the GTM event id
  code: assertThat(runCode({})).isEqualTo('1700000000000.123456789_7');
- name: a new GTM event on the same page gives a new id with the same page-load part
  code: |-
    const first = runCode({});
    layer['gtm.uniqueEventId'] = 8;
    const second = runCode({});
    assertThat(second).isNotEqualTo(first);
    assertThat(second).isEqualTo('1700000000000.123456789_8');
    assertApi('generateRandom').wasCalled();
- name: the page-load part is drawn once per page
  code: |-
    runCode({});
    layer['gtm.uniqueEventId'] = 9;
    runCode({});
    assertThat(draws).isEqualTo(1);
- name: another page gets another page-load id
  code: |-
    const first = runCode({});
    storage = {};
    now = 1700000000999;
    random = 987654321;
    const second = runCode({});
    assertThat(second).isEqualTo('1700000000999.987654321_7');
    assertThat(second).isNotEqualTo(first);
- name: a string GTM event id is accepted
  code: |-
    layer['gtm.uniqueEventId'] = '15';
    assertThat(runCode({})).isEqualTo('1700000000000.123456789_15');
- name: outside a GTM event the variable is undefined
  code: |-
    layer = {};
    assertThat(runCode({})).isUndefined();
    assertApi('generateRandom').wasNotCalled();
- name: a purchase with a transaction_id gets <transaction_id>_<TikTok event>, the
    same on every page load
  code: |-
    layer = {'gtm.uniqueEventId': 12, event: 'purchase', 'ecommerce.transaction_id': 'T-1001'};
    assertThat(runCode({})).isEqualTo('T-1001_Purchase');
    storage = {};
    now = 1700000099999;
    layer['gtm.uniqueEventId'] = 5;
    assertThat(runCode({})).isEqualTo('T-1001_Purchase');
    assertApi('generateRandom').wasNotCalled();
- name: the legacy name set gives <transaction_id>_CompletePayment
  code: |-
    layer = {'gtm.uniqueEventId': 12, event: 'purchase', 'ecommerce.transaction_id': 'T-1001'};
    assertThat(runCode({nameSet: 'legacy'})).isEqualTo('T-1001_CompletePayment');
- name: the name set comes from the settings variable unless the field is set
  code: |-
    layer = {'gtm.uniqueEventId': 12, event: 'purchase', 'ecommerce.transaction_id': 'T-1001'};
    const settings = {kind: 'countersign-tiktok-settings', version: 1, container: 'web', nameSet: 'legacy'};
    assertThat(runCode({settingsVariable: settings, nameSet: 'settings'})).isEqualTo('T-1001_CompletePayment');
    assertThat(runCode({settingsVariable: settings, nameSet: 'current'})).isEqualTo('T-1001_Purchase');
    assertThat(runCode({nameSet: 'settings'})).isEqualTo('T-1001_Purchase');
- name: a gtag-style purchase reads the transaction_id from its parameters; numbers
    become text
  code: |-
    layer = {'gtm.uniqueEventId': 12, event: 'purchase', 'eventModel.transaction_id': 1042};
    assertThat(runCode({})).isEqualTo('1042_Purchase');
- name: a dataLayer event named like the TikTok purchase event counts as a purchase
  code: |-
    layer = {'gtm.uniqueEventId': 12, event: 'CompletePayment', 'ecommerce.transaction_id': 'T-7'};
    assertThat(runCode({})).isEqualTo('T-7_Purchase');
- name: other events keep the per-event id even when a transaction_id is left in the
    data layer
  code: |-
    layer = {'gtm.uniqueEventId': 13, event: 'view_item', 'ecommerce.transaction_id': 'T-1001'};
    assertThat(runCode({})).isEqualTo('1700000000000.123456789_13');
- name: a purchase without a transaction_id, or with the option off, gets the per-event
    id
  code: |-
    layer = {'gtm.uniqueEventId': 12, event: 'purchase', 'ecommerce.transaction_id': '  '};
    assertThat(runCode({})).isEqualTo('1700000000000.123456789_12');
    layer['ecommerce.transaction_id'] = 'T-1001';
    assertThat(runCode({purchaseTransactionId: false})).isEqualTo('1700000000000.123456789_12');
setup: |-
  let layer = {'gtm.uniqueEventId': 7};
  let storage = {};
  let now = 1700000000000;
  let random = 123456789;
  let draws = 0;
  mock('copyFromDataLayer', function (key) { return layer[key]; });
  mock('getTimestampMillis', function () { return now; });
  mock('generateRandom', function () { draws++; return random; });
  mockObject('templateStorage', {
    getItem: function (key) { return storage[key]; },
    setItem: function (key, value) { storage[key] = value; },
    removeItem: function (key) { storage[key] = undefined; },
    clear: function () { storage = {}; }
  });


___NOTES___

Value: <transaction_id>_<TikTok event> for purchases with a transaction_id; otherwise <page-load id>_<gtm.uniqueEventId>, the page-load id made once per page and kept in templateStorage.


