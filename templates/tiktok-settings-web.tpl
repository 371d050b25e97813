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
  "displayName": "Countersign TikTok Settings",
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
  "description": "One place for the settings every Countersign TikTok tag and variable of a web container must share: event names, consent and Limited Data Use. Choose it in their Settings variable field, as GTM\u0027s \"Google tag: Event Settings\" variable works for Google tags.",
  "containerContexts": [
    "WEB"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "LABEL",
    "name": "settingsLabel",
    "displayName": "Choose this variable in the Settings variable field of every Countersign TikTok tag and variable of this container. Use the same choices in the other container\u0027s settings variable."
  },
  {
    "type": "GROUP",
    "name": "eventNamesGroup",
    "displayName": "Event names and ID",
    "groupStyle": "NO_ZIPPY",
    "subParams": [
      {
        "type": "SELECT",
        "name": "nameSet",
        "displayName": "TikTok event names",
        "selectItems": [
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
        "help": "TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Use the same names in the Countersign TikTok Events API tag, or TikTok counts the event twice. No default: only you know which names the other side sends (TikTok\u0027s own templates send Legacy)."
      },
      {
        "type": "CHECKBOX",
        "name": "transactionEventId",
        "checkboxText": "Without an event ID, use the order number + event name",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "e.g. \u003ccode\u003eT-1001_Purchase\u003c/code\u003e: both Countersign tags make the same ID from one order, so TikTok counts it once."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "consentGroup",
    "displayName": "Consent",
    "groupStyle": "NO_ZIPPY",
    "subParams": [
      {
        "type": "RADIO",
        "name": "consentMode",
        "displayName": "Consent",
        "radioItems": [
          {
            "value": "googleConsentMode",
            "displayValue": "Google Consent Mode (advertising cookies)",
            "help": "Consent to advertising cookies (ad_storage) denied when the tag first runs: events wait in the pixel (\u003ccode\u003ettq.holdConsent\u003c/code\u003e) until your consent banner grants it. Later changes grant or revoke it (\u003ca href\u003d\"https://github.com/countersign-gtm/tiktok-gtm-templates/blob/main/docs/guide/glossary.md#consent-mode\" target\u003d\"_blank\"\u003econsent mode\u003c/a\u003e)."
          },
          {
            "value": "manual",
            "displayValue": "A consent value (variable)",
            "subParams": [
              {
                "type": "TEXT",
                "name": "consentValue",
                "displayName": "Consent granted?",
                "simpleValueType": true,
                "valueHint": "{{CMP marketing consent}}",
                "help": "granted, true or 1: events are sent (\u003ccode\u003ettq.grantConsent\u003c/code\u003e). Anything else: they wait, or a consent given earlier on this page is revoked."
              }
            ]
          },
          {
            "value": "none",
            "displayValue": "Do not manage consent",
            "help": "Only when the trigger waits for consent."
          }
        ],
        "simpleValueType": true,
        "defaultValue": "googleConsentMode",
        "help": "A page that sets no consent state counts as granted (GTM\u0027s rule): for visitors in the EU/EEA let your consent banner set denied by default (\u003ca href\u003d\"https://support.google.com/tagmanager/answer/13695607\" target\u003d\"_blank\"\u003eGoogle\u0027s EEA rules\u003c/a\u003e)."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "moreGroup",
    "displayName": "More settings",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "SELECT",
        "name": "unmappedPolicy",
        "displayName": "Events TikTok has no name for",
        "selectItems": [
          {
            "value": "skip",
            "displayValue": "Do not send (the pixel is still loaded)"
          },
          {
            "value": "custom",
            "displayValue": "Send as a custom event with the same name"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "skip",
        "help": "e.g. view_cart. A custom event (a name TikTok does not know) is reported, not used for ads."
      },
      {
        "type": "SIMPLE_TABLE",
        "name": "eventNameOverrides",
        "displayName": "Event name overrides",
        "help": "Checked first, e.g. \u003ccode\u003eview_cart\u003c/code\u003e → \u003ccode\u003eViewContent\u003c/code\u003e; the same rows in both tags. Letter case is corrected (\u003ccode\u003epurchase\u003c/code\u003e → \u003ccode\u003ePurchase\u003c/code\u003e).",
        "newRowButtonText": "Add override",
        "simpleTableColumns": [
          {
            "name": "from",
            "displayName": "dataLayer event name",
            "type": "TEXT",
            "isUnique": true,
            "valueValidators": [
              {
                "type": "NON_EMPTY"
              }
            ]
          },
          {
            "name": "to",
            "displayName": "TikTok event name",
            "type": "TEXT",
            "valueValidators": [
              {
                "type": "NON_EMPTY"
              }
            ]
          }
        ]
      },
      {
        "type": "SELECT",
        "name": "limitedDataUse",
        "displayName": "Limited Data Use",
        "selectItems": [
          {
            "value": "off",
            "displayValue": "Off"
          },
          {
            "value": "pixel",
            "displayValue": "For every event of these pixels (load option)"
          },
          {
            "value": "event",
            "displayValue": "For this event only (event parameter)"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "off",
        "help": "Asks TikTok to limit its use of the events, for US state privacy laws. The load option applies when this tag is the first to load the pixel."
      }
    ]
  }
]


___SANDBOXED_JS_FOR_WEB_TEMPLATE___

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
var WEB_SETTING_KEYS = ["nameSet", "unmappedPolicy", "eventNameOverrides", "transactionEventId", "consentMode", "consentValue", "limitedDataUse"];
var SHARED_SETTING_KEYS = { server: SERVER_SETTING_KEYS, web: WEB_SETTING_KEYS };
function settingsObject(values, container, tk) {
  const settings = { kind: SETTINGS_KIND, version: 1, container: container };
  SHARED_SETTING_KEYS[container].forEach((key) => {
    if (values[key] !== undefined) settings[key] = values[key];
  });
  if (tk.getType(settings.eventNameOverrides) !== "array") settings.eventNameOverrides = [];
  return settings;
}
function webSettingsObject(fields, tk) {
  return settingsObject({
    nameSet: fields.nameSet,
    unmappedPolicy: fields.unmappedPolicy,
    eventNameOverrides: fields.eventNameOverrides,
    transactionEventId: fields.transactionEventId,
    consentMode: fields.consentMode,
    consentValue: fields.consentValue,
    limitedDataUse: fields.limitedDataUse
  }, "web", tk);
}

const JSON = require('JSON');
const Math = require('Math');
const Object = require('Object');
const decodeUriComponent = require('decodeUriComponent');
const getType = require('getType');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
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

function main() {
  return webSettingsObject(data, toolkit);
}

return main();


___WEB_PERMISSIONS___

[]


___TESTS___

scenarios:
- name: returns the settings object with every shared field
  code: |-
    const settings = runCode({ nameSet: 'legacy', unmappedPolicy: 'custom', transactionEventId: false, eventNameOverrides: [{ from: 'view_cart', to: 'ViewContent' }], consentMode: 'manual', consentValue: 'granted', limitedDataUse: 'event' });
    assertThat(settings.kind).isEqualTo('countersign-tiktok-settings');
    assertThat(settings.version).isEqualTo(1);
    assertThat(settings.container).isEqualTo('web');
    assertThat(settings.nameSet).isEqualTo('legacy');
    assertThat(settings.unmappedPolicy).isEqualTo('custom');
    assertThat(settings.transactionEventId).isFalse();
    assertThat(settings.eventNameOverrides).isEqualTo([{ from: 'view_cart', to: 'ViewContent' }]);
    assertThat(settings.consentValue).isEqualTo('granted');
    assertThat(settings.limitedDataUse).isEqualTo('event');
- name: an override table that is not a list becomes no rows and unknown fields are
    left out
  code: |-
    const settings = runCode({ nameSet: 'current', eventNameOverrides: 'view_cart=ViewContent', somethingElse: 1 });
    assertThat(settings.eventNameOverrides).isEqualTo([]);
    assertThat(settings.somethingElse).isUndefined();


___NOTES___

Web variable. Returns the shared settings object (src/template-kit/shared-settings.read.ts); the tags and variables merge it into their own fields.


