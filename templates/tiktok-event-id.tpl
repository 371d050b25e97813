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
  "description": "An event_id for TikTok deduplication: the same value for every tag firing on one GTM event, a different one for every other event. Use it in the Countersign TikTok Pixel tag and as the event_id parameter of the GA4 event tag, which the Countersign TikTok Events API tag reads.",
  "containerContexts": [
    "WEB"
  ]
}


___TEMPLATE_PARAMETERS___

[]


___SANDBOXED_JS_FOR_WEB_TEMPLATE___

const copyFromDataLayer = require('copyFromDataLayer');
const generateRandom = require('generateRandom');
const getTimestampMillis = require('getTimestampMillis');
const getType = require('getType');
const makeString = require('makeString');
const templateStorage = require('templateStorage');
var PAGE_LOAD_ID_KEY = "pageLoadId";
function pageLoadId() {
  const stored = templateStorage.getItem(PAGE_LOAD_ID_KEY);
  if (getType(stored) === "string" && stored.length > 0) return stored;
  const created = makeString(getTimestampMillis()) + "." + makeString(generateRandom(1e8, 999999999));
  templateStorage.setItem(PAGE_LOAD_ID_KEY, created);
  return created;
}
function main() {
  const gtmEventId = copyFromDataLayer("gtm.uniqueEventId");
  const type = getType(gtmEventId);
  if (type !== "number" && !(type === "string" && gtmEventId.length > 0)) return undefined;
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

Value: <page-load id>_<gtm.uniqueEventId>. The page-load id is made once per page and kept in templateStorage.


