___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "TAG",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "Countersign TikTok Pixel",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS",
    "REMARKETING"
  ],
  "brand": {
    "id": "github.com_countersign-gtm",
    "displayName": "Countersign",
    "thumbnail": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAABgCAYAAADimHc4AAAD30lEQVR42u2dv2sUQRTH90+4alnRhNX1Lv5IcXJYCEIgYiEEXAI2NrG0ETurCAd2KhyCFrG5No1cZ8DmGgN2V0RsjwSxNAlYO/KOGVmObHZ2b+fnfh98CTku4e77uXnz9s3OTRBUjDBKumGU9MMoGYVRMgmjhDVME/7eyYNuoCPCKInDKBmEUTJtoOFFmnJvYhXGt8IoGcJkaZFXrbrMT8MoOYappUWepYuaj099DaOhasoZw7zaNC6VkmC+GghIO7anIz7hwii1Ss/L+6h29FRHLaQem1IRv8KFMXoVZwEMYIh2DbIA0Nsx0DvKdjVhiBl1A95OhRlm1A94T9uZF93u3GLp5uPZTw8AjAKXFlPevH3HskG/u76oE7hqvoiD7z+cHg3OAPi894Xlxcnp6SwtAYAhACK2X74CAN0paD4IlEspyTsAFEdHP9n6vQ0AMAXApZTkNQAXUpL3AGxPSc4D2N//NitDi4Ke8+z5CwCoGwA93ru9Nrsgk4nd3U9WpSQvAIjn7HwcSkEgWLakJK8AkLaePJVKSQQBABQAIMmmJBtGgZcARNua8j0AGAIgMy8gBWkAkNfEwxygCUDeXEBgAEADgLywZTXNawA0yeYFlasAoBgAmWxzBeQ9gPMaeGhFaABgewXkPQDbKyDvAdheAXkNwIUKqLEAbFoda9wcYNME3IgLsSwEmxZiGtOKECCwKG8QAO4LAgAAAAAAAAAAKBBtsiBD5yUeBwBFpstsvnChr+MUADJe9nZCAKhZsrcQAoCCPb50N3OdAQAlVLf5AGAo7QBAhQlXVQBATXt8m2i+FgB0q7iqsHHLkXUAyCRVQXCVjdrOfda+0HEfwCK7G4u2n6p83X9XH7GTm5ts+/IdADgrVH85BwEQ+rrygPUuXkcKEkElrerXnQUgRsPrK3cxCdPFnI7JcR6A0MG1DbZ+adWtMrRor1YZ83Xt8c0DIESjoY5JOtDVA6KvC9CZdpbff2BXfx2y9p/flVQEgHR44yFLl7putCLm79GRDfqbshMumV/V+DIAhHaStcqjQXs7mqoimdFAZWbVSmeRT34VAGKS3lruubUgk7f8uOj/BgDDQgqyBAImYYflVRnqEwAnL8R8AOBsK8IHAKqbcRMYbqwdPXHu6+t1SdOCzAgHOJhVH0eYmFUXh/iY0xTHWJnVAAe5mVWMowzNaYjDPM3pOPdwZxxnq0UpDnS2KfXgSHNtGpc5U74FCPWan5v3kY4sSTsF58yjOqpW7aRBHcFTEkZDiU99pZQjASLmbQv0js7o7XBv4kBH8C5qn68nNHFRZ8Lfe/9/V7NC/APZb7NX5xUfzgAAAABJRU5ErkJggg\u003d\u003d"
  },
  "description": "Loads the TikTok Pixel without Custom HTML and sends page views and GA4 e-commerce events with the same names, event ID, products and value as the Countersign TikTok Events API tag, so TikTok counts each purchase once. Customer details are scrambled in the browser; consent and several pixels are supported.",
  "containerContexts": [
    "WEB"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "GROUP",
    "name": "pixelGroup",
    "displayName": "Pixel",
    "groupStyle": "NO_ZIPPY",
    "subParams": [
      {
        "type": "TEXT",
        "name": "pixelIds",
        "displayName": "TikTok Pixel ID(s)",
        "simpleValueType": true,
        "valueHint": "C9Q2MJ3C77U4P674RPG0",
        "help": "The 20-character code of your TikTok pixel, from TikTok Events Manager, e.g. \u003ccode\u003eC9Q2MJ3C77U4P674RPG0\u003c/code\u003e; several separated by commas. Use the same pixel as the Countersign TikTok Events API tag. The tag loads TikTok\u0027s pixel script itself (no Custom HTML), once per pixel.",
        "valueValidators": [
          {
            "type": "NON_EMPTY"
          },
          {
            "type": "REGEX",
            "args": [
              "\\s*([A-Za-z0-9]{10,40}|\\{\\{[^}]+\\}\\})(\\s*,\\s*([A-Za-z0-9]{10,40}|\\{\\{[^}]+\\}\\}))*\\s*"
            ],
            "errorMessage": "Pixel IDs of 10-40 letters and digits (usually 20), separated by commas, e.g. C9Q2MJ3C77U4P674RPG0."
          }
        ],
        "alwaysInSummary": true
      },
      {
        "type": "TEXT",
        "name": "eventId",
        "displayName": "Event ID",
        "simpleValueType": true,
        "valueHint": "{{TikTok Event ID}}",
        "help": "The ID that the server\u0027s copy of the event carries too, so that TikTok counts it once (\u003ca href\u003d\"https://ads.tiktok.com/help/article/event-deduplication\" target\u003d\"_blank\"\u003eTikTok\u0027s guide\u003c/a\u003e). Put the Countersign TikTok Event ID variable here and in the \u003ccode\u003eevent_id\u003c/code\u003e parameter of your GA4 event tag. Empty: the rule under Event name."
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
        "help": "TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Use the same names in the Countersign TikTok Events API tag, or TikTok counts the event twice. No default: only you know which names the other side sends (TikTok\u0027s own templates send Legacy). \"As in the settings variable\" with no settings variable that names them: Current, and a warning in the log."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "eventGroup",
    "displayName": "Event name",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "RADIO",
        "name": "eventMode",
        "displayName": "Event name",
        "radioItems": [
          {
            "value": "mapped",
            "displayValue": "From the dataLayer event (GA4 names mapped to TikTok)",
            "help": "The event name pushed to the dataLayer is mapped with the server tag\u0027s table: purchase → Purchase, add_to_cart → AddToCart, page_view → Pageview, … Page loads (gtm.js, gtm.dom, gtm.load, history changes) count as page_view. Every event, page views too, goes to this tag\u0027s pixels only."
          },
          {
            "value": "fixed",
            "displayValue": "Always send one event",
            "subParams": [
              {
                "type": "SELECT",
                "name": "fixedEvent",
                "displayName": "TikTok event",
                "macrosInSelect": true,
                "selectItems": [
                  {
                    "value": "AddPaymentInfo",
                    "displayValue": "AddPaymentInfo"
                  },
                  {
                    "value": "AddToCart",
                    "displayValue": "AddToCart"
                  },
                  {
                    "value": "AddToWishlist",
                    "displayValue": "AddToWishlist"
                  },
                  {
                    "value": "ApplicationApproval",
                    "displayValue": "ApplicationApproval"
                  },
                  {
                    "value": "CompleteRegistration",
                    "displayValue": "CompleteRegistration"
                  },
                  {
                    "value": "Contact",
                    "displayValue": "Contact"
                  },
                  {
                    "value": "CustomizeProduct",
                    "displayValue": "CustomizeProduct"
                  },
                  {
                    "value": "Download",
                    "displayValue": "Download"
                  },
                  {
                    "value": "FindLocation",
                    "displayValue": "FindLocation"
                  },
                  {
                    "value": "InitiateCheckout",
                    "displayValue": "InitiateCheckout"
                  },
                  {
                    "value": "Lead",
                    "displayValue": "Lead"
                  },
                  {
                    "value": "Purchase",
                    "displayValue": "Purchase"
                  },
                  {
                    "value": "Schedule",
                    "displayValue": "Schedule"
                  },
                  {
                    "value": "Search",
                    "displayValue": "Search"
                  },
                  {
                    "value": "StartTrial",
                    "displayValue": "StartTrial"
                  },
                  {
                    "value": "SubmitApplication",
                    "displayValue": "SubmitApplication"
                  },
                  {
                    "value": "Subscribe",
                    "displayValue": "Subscribe"
                  },
                  {
                    "value": "ViewContent",
                    "displayValue": "ViewContent"
                  },
                  {
                    "value": "Pageview",
                    "displayValue": "Pageview"
                  },
                  {
                    "value": "ClickButton",
                    "displayValue": "ClickButton (legacy)"
                  },
                  {
                    "value": "CompletePayment",
                    "displayValue": "CompletePayment (legacy)"
                  },
                  {
                    "value": "PlaceAnOrder",
                    "displayValue": "PlaceAnOrder (legacy)"
                  },
                  {
                    "value": "SubmitForm",
                    "displayValue": "SubmitForm (legacy)"
                  }
                ],
                "simpleValueType": true,
                "defaultValue": "Purchase",
                "help": "A TikTok event (legacy: names TikTok renamed in 2025) or a variable; a name TikTok does not know is reported, not used for ads."
              }
            ]
          }
        ],
        "simpleValueType": true,
        "defaultValue": "mapped"
      },
      {
        "type": "SELECT",
        "name": "unmappedPolicy",
        "displayName": "Events TikTok has no name for",
        "selectItems": [
          {
            "value": "settings",
            "displayValue": "As in the settings variable (else do not send)"
          },
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
        "defaultValue": "settings",
        "enablingConditions": [
          {
            "paramName": "eventMode",
            "paramValue": "mapped",
            "type": "EQUALS"
          }
        ],
        "help": "e.g. view_cart. A custom event (a name TikTok does not know) is reported, not used for ads."
      },
      {
        "type": "SIMPLE_TABLE",
        "name": "eventNameOverrides",
        "displayName": "Event name overrides",
        "enablingConditions": [
          {
            "paramName": "eventMode",
            "paramValue": "mapped",
            "type": "EQUALS"
          }
        ],
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
        "name": "transactionEventId",
        "displayName": "Without an event ID",
        "selectItems": [
          {
            "value": "settings",
            "displayValue": "As in the settings variable (else the order number + event name)"
          },
          {
            "value": "true",
            "displayValue": "Use the order number + event name"
          },
          {
            "value": "false",
            "displayValue": "Send no event ID"
          }
        ],
        "simpleValueType": true,
        "help": "e.g. \u003ccode\u003eT-1001_Purchase\u003c/code\u003e: both Countersign tags make the same ID from one order, so TikTok counts it once.",
        "defaultValue": "settings"
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "propertiesGroup",
    "displayName": "Product details (properties)",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "RADIO",
        "name": "ecommerceSource",
        "displayName": "E-commerce data",
        "radioItems": [
          {
            "value": "dataLayer",
            "displayValue": "GA4 e-commerce from the dataLayer",
            "help": "Reads \u003ccode\u003eecommerce.items\u003c/code\u003e, \u003ccode\u003evalue\u003c/code\u003e, \u003ccode\u003ecurrency\u003c/code\u003e, \u003ccode\u003etransaction_id\u003c/code\u003e (the order number) and \u003ccode\u003esearch_term\u003c/code\u003e, as a GA4 event tag with \"Send e-commerce data\" does; not for page views."
          },
          {
            "value": "fields",
            "displayValue": "Fields (variables)",
            "subParams": [
              {
                "type": "TEXT",
                "name": "items",
                "displayName": "Items",
                "simpleValueType": true,
                "help": "A variable returning GA4 items (a list, or JSON text)."
              },
              {
                "type": "TEXT",
                "name": "value",
                "displayName": "Value",
                "simpleValueType": true,
                "valueHint": "59.90",
                "valueValidators": [
                  {
                    "type": "REGEX",
                    "args": [
                      "\\s*(-?[0-9]+(\\.[0-9]+)?|\\{\\{[^}]+\\}\\})\\s*"
                    ],
                    "errorMessage": "A number such as 59.90 (a dot before the decimals), or a variable."
                  }
                ]
              },
              {
                "type": "TEXT",
                "name": "currency",
                "displayName": "Currency",
                "simpleValueType": true,
                "valueHint": "EUR"
              },
              {
                "type": "TEXT",
                "name": "transactionId",
                "displayName": "Order number (transaction ID)",
                "simpleValueType": true
              },
              {
                "type": "TEXT",
                "name": "searchTerm",
                "displayName": "Search term",
                "simpleValueType": true
              }
            ]
          }
        ],
        "simpleValueType": true,
        "defaultValue": "dataLayer"
      },
      {
        "type": "SELECT",
        "name": "contentType",
        "displayName": "Content type",
        "selectItems": [
          {
            "value": "product",
            "displayValue": "product (item_id is the catalog SKU id)"
          },
          {
            "value": "product_group",
            "displayValue": "product_group (item_id is the item group id)"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "product",
        "help": "What your item IDs are in your TikTok catalog."
      },
      {
        "type": "SIMPLE_TABLE",
        "name": "extraProperties",
        "displayName": "Extra or overriding properties",
        "help": "Added last, replacing same-named properties; \u003ccode\u003evalue\u003c/code\u003e and \u003ccode\u003eprice\u003c/code\u003e become numbers, \u003ccode\u003ecurrency\u003c/code\u003e is checked, \u003ccode\u003econtents\u003c/code\u003e takes JSON (content_id: your catalog\u0027s product ID).",
        "newRowButtonText": "Add property",
        "simpleTableColumns": [
          {
            "name": "name",
            "displayName": "Property",
            "type": "TEXT",
            "isUnique": true,
            "valueValidators": [
              {
                "type": "NON_EMPTY"
              }
            ],
            "valueHint": "shop_id"
          },
          {
            "name": "value",
            "displayName": "Value",
            "type": "TEXT"
          }
        ]
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "matchingGroup",
    "displayName": "Customer details for matching (ttq.identify)",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "CHECKBOX",
        "name": "advancedMatching",
        "checkboxText": "Send customer details",
        "simpleValueType": true,
        "defaultValue": false,
        "help": "Email, phone and customer ID, and from the customer details your site gives the Google tag (user_data) also first and last name, zip code, city, state and country. Prepared as the server tag does and scrambled (SHA-256) in the browser, so both send the same codes; city, state and country go unscrambled, as the server tag sends them. Already scrambled values pass through; no name, email, phone or ID leaves the page in plain text.",
        "subParams": [
          {
            "type": "TEXT",
            "name": "userEmail",
            "displayName": "Email",
            "simpleValueType": true,
            "enablingConditions": [
              {
                "paramName": "advancedMatching",
                "paramValue": true,
                "type": "EQUALS"
              }
            ]
          },
          {
            "type": "TEXT",
            "name": "userPhone",
            "displayName": "Phone",
            "simpleValueType": true,
            "enablingConditions": [
              {
                "paramName": "advancedMatching",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "help": "In international format, e.g. +44 20 7946 0958 (spaces and dashes are fine)."
          },
          {
            "type": "TEXT",
            "name": "defaultCountryCode",
            "displayName": "Country calling code for national numbers",
            "simpleValueType": true,
            "valueHint": "49",
            "enablingConditions": [
              {
                "paramName": "advancedMatching",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "help": "For numbers without + or 00. Empty: such numbers are left out (never guessed).",
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
            "enablingConditions": [
              {
                "paramName": "advancedMatching",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "help": "Your own customer ID."
          },
          {
            "type": "CHECKBOX",
            "name": "userDataFromDataLayer",
            "checkboxText": "Also read GA4 user_data from the dataLayer (fields above win; names and address come only from there)",
            "simpleValueType": true,
            "defaultValue": true,
            "enablingConditions": [
              {
                "paramName": "advancedMatching",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "help": "user_data: the customer details your site gives the Google tag."
          },
          {
            "type": "CHECKBOX",
            "name": "rememberIdentify",
            "checkboxText": "Reuse the scrambled customer details on later events of the page",
            "simpleValueType": true,
            "defaultValue": false,
            "enablingConditions": [
              {
                "paramName": "advancedMatching",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "help": "An event without email, phone or customer ID gets those of an earlier event of the same page (a single-page app keeps them until the next full page load). Only the scrambled codes (SHA-256) are kept, in the tag\u0027s own page storage, never in a cookie. Only while consent allows: with \u003ca href\u003d\"https://github.com/countersign-gtm/tiktok-gtm-templates/blob/main/docs/guide/glossary.md#consent-mode\" target\u003d\"_blank\"\u003eGoogle Consent Mode\u003c/a\u003e, consent to advertising cookies (ad_storage) and to personal data (ad_user_data) granted; with a consent value, granted. Otherwise they are forgotten."
          }
        ]
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "privacyGroup",
    "displayName": "Consent and privacy",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "RADIO",
        "name": "consentMode",
        "displayName": "Consent",
        "radioItems": [
          {
            "value": "settings",
            "displayValue": "As in the settings variable (else Google Consent Mode)"
          },
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
        "defaultValue": "settings",
        "help": "A page that sets no consent state counts as granted (GTM\u0027s rule): for visitors in the EU/EEA let your consent banner set denied by default (\u003ca href\u003d\"https://support.google.com/tagmanager/answer/13695607\" target\u003d\"_blank\"\u003eGoogle\u0027s EEA rules\u003c/a\u003e)."
      },
      {
        "type": "SELECT",
        "name": "limitedDataUse",
        "displayName": "Limited Data Use",
        "selectItems": [
          {
            "value": "settings",
            "displayValue": "As in the settings variable (else off)"
          },
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
        "defaultValue": "settings",
        "help": "Asks TikTok to limit its use of the events, for US state privacy laws. The load option applies when this tag is the first to load the pixel."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "pageviewGroup",
    "displayName": "Page views in single-page apps",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "CHECKBOX",
        "name": "disableHistoryObserver",
        "checkboxText": "Turn off the pixel\u0027s own page views on address changes",
        "simpleValueType": true,
        "defaultValue": false,
        "help": "Tick it when this tag fires on virtual page views itself: then every page view carries the event ID and TikTok counts it once with the server\u0027s. Unticked, the pixel sends those page views and this tag leaves them out."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "loggingGroup",
    "displayName": "Logging",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "CHECKBOX",
        "name": "debugLogging",
        "checkboxText": "Log to the browser console in preview mode",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "Lines start with [TikTok Pixel] and contain no personal data."
      }
    ]
  }
]


___SANDBOXED_JS_FOR_WEB_TEMPLATE___

const JSON = require('JSON');
const Math = require('Math');
const Object = require('Object');
const addConsentListener = require('addConsentListener');
const callInWindow = require('callInWindow');
const copyFromDataLayer = require('copyFromDataLayer');
const copyFromWindow = require('copyFromWindow');
const createQueue = require('createQueue');
const decodeUriComponent = require('decodeUriComponent');
const encodeUriComponent = require('encodeUriComponent');
const getTimestampMillis = require('getTimestampMillis');
const getType = require('getType');
const getUrl = require('getUrl');
const injectScript = require('injectScript');
const isConsentGranted = require('isConsentGranted');
const logToConsole = require('logToConsole');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
const setInWindow = require('setInWindow');
const sha256 = require('sha256');
const templateStorage = require('templateStorage');

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
function isPageviewEvent(name) {
  return name === PAGEVIEW_EVENT;
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
function firstText(candidates, tk) {
  for (let i = 0; i < candidates.length; i++) {
    const text = toText(candidates[i], tk);
    if (text !== undefined) return text;
  }
  return undefined;
}
function roundMoney(value, tk) {
  const sign = value < 0 ? -1 : 1;
  return sign * tk.round(sign * value * 100) / 100;
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

var HASHED_KEYS = ["email", "phone", "external_id", "first_name", "last_name", "zip_code"];
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
function valuesToHash(plan) {
  const out = [];
  HASHED_KEYS.forEach((key) => {
    plan[key].forEach((entry) => {
      if (!entry.hashed && out.indexOf(entry.value) === -1) out.push(entry.value);
    });
  });
  return out;
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

var GROUP_SEPARATORS = " '  ";
var AMBIGUOUS = "can be read two ways (thousands or decimal comma)";
function plainDecimal(text) {
  if (text.match("^[1-9]\\d{0,2},\\d{3}$") !== null) return { problem: AMBIGUOUS };
  const groups = text.match("^[1-9]\\d{0,2}(,\\d{3})+(\\.\\d+)?$") !== null ? "," : text.match("^[1-9]\\d{0,2}(\\.\\d{3})+(,\\d+)?$") !== null ? "." : text.match("^[1-9]\\d{0,2}([ '\\u00a0\\u202f]\\d{3})+([.,]\\d+)?$") !== null ? GROUP_SEPARATORS : text.match("^\\d+,\\d+$") !== null ? "" : undefined;
  if (groups === undefined) return { problem: "is not a number" };
  return { decimal: removeChars(text, groups).split(",").join(".") };
}
function readAmount(value, tk) {
  const text = typeof value === "string" ? value.trim() : undefined;
  if (value === undefined || value === null || text === "") return {};
  let amount = value;
  if (text !== undefined) {
    const negative = text.charAt(0) === "-";
    const digits = negative ? text.substring(1).trim() : text;
    const parsed = isNumericString(digits) ? { decimal: digits, problem: undefined } : plainDecimal(digits);
    if (parsed.problem !== undefined) return { problem: parsed.problem };
    const n = tk.makeNumber(parsed.decimal);
    amount = negative ? -n : n;
  }
  if (!isFiniteNumber(amount)) return { problem: "is not a number" };
  return amount < 0 ? { problem: "is negative" } : { amount: amount };
}
function itemSum(items, tk) {
  let total = 0;
  let priced = 0;
  let unusable = 0;
  items.forEach((item) => {
    if (!isPlainObject(item, tk)) return;
    const price = readAmount(item.price, tk);
    const rawQuantity = item.quantity !== undefined ? item.quantity : item.num_items;
    const quantity = rawQuantity === undefined || rawQuantity === null || rawQuantity === "" ? 1 : toNumber(rawQuantity, tk);
    if (price.amount !== undefined || price.problem !== undefined) priced++;
    if (price.amount === undefined || quantity === undefined || quantity <= 0) unusable++;
    else total += price.amount * quantity;
  });
  if (priced === 0) return {};
  if (unusable > 0) return { problem: unusable + " item(s) without price or quantity: no item sum" };
  return { amount: roundMoney(total, tk) };
}
function describeCurrency(text) {
  return text.match("^[A-Za-z]{3}$") !== null ? 'currency "' + text.toUpperCase() + '"' : "the currency";
}
function resolveCurrency(eventCurrency, items, normalize, tk) {
  let text = toText(eventCurrency, tk);
  let code = text !== undefined ? normalize(text) : undefined;
  let whose = "";
  if (text === undefined) {
    if (eventCurrency !== undefined && eventCurrency !== null && eventCurrency !== "") return { problem: "the currency is not text" };
    whose = "the items' ";
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const itemText = typeof item === "object" && item !== null ? toText(item.currency, tk) : undefined;
      if (itemText === undefined) continue;
      const itemCode = normalize(itemText);
      if (code !== undefined && itemCode !== undefined && itemCode !== code) return { problem: "the items have different currencies" };
      if (code === undefined) {
        code = itemCode;
        text = itemText;
      }
    }
  }
  if (code !== undefined) return { code: code };
  return text !== undefined ? { problem: whose + describeCurrency(text) + " is not one TikTok supports" } : {};
}

var TIKTOK_CURRENCIES = /* @__PURE__ */ "AED ARS AUD BDT BHD BIF BOB BRL CAD CHF CLP CNY COP CRC CZK DKK DZD EGP EUR GBP GTQ HKD HNL HUF IDR ILS INR ISK JPY KES KHR KRW KWD KZT MAD MOP MXN MYR NGN NIO NOK NZD OMR PEN PHP PKR PLN PYG QAR RON RUB SAR SEK SGD THB TRY TWD UAH USD VES VND ZAR".split(" ");
var DEFAULT_MAX_CONTENTS = 100;
function normalizeCurrency(value, tk) {
  const text = toText(value, tk);
  if (text === undefined) return undefined;
  const code = text.toUpperCase();
  return TIKTOK_CURRENCIES.indexOf(code) !== -1 ? code : undefined;
}
function normalizeQuantity(value, tk) {
  const n = toNumber(value, tk);
  if (n === undefined) return 1;
  const q = tk.round(n);
  return q >= 1 ? q : 1;
}
function itemToContent(item, tk) {
  if (typeof item !== "object" || item === null) return undefined;
  const fields = item;
  const content = { quantity: normalizeQuantity(fields.quantity !== undefined ? fields.quantity : fields.num_items, tk) };
  const found = {
    content_id: firstText([fields.content_id, fields.item_id, fields.id], tk),
    content_name: firstText([fields.content_name, fields.item_name, fields.name], tk)
  };
  if (found.content_id === undefined && found.content_name === undefined) return undefined;
  found.content_category = firstText([fields.content_category, fields.item_category, fields.category], tk);
  found.brand = firstText([fields.brand, fields.item_brand], tk);
  found.price = readAmount(fields.price, tk).amount;
  for (const key in found) if (found[key] !== undefined) content[key] = found[key];
  return content;
}
function readItemList(value, tk) {
  const text = typeof value === "string" ? value.trim() : undefined;
  const parsed = text === undefined ? value : text.length > 0 ? tk.jsonParse(text) : undefined;
  return isArray(parsed, tk) || isPlainObject(parsed, tk) ? toList(parsed, tk) : [];
}
function itemsToContents(items, maxContents, tk) {
  const list = readItemList(items, tk);
  const contents = [];
  let dropped = 0;
  let capped = 0;
  for (let i = 0; i < list.length; i++) {
    if (contents.length >= maxContents) {
      const item = list[i];
      const usable = typeof item === "object" && item !== null && (firstText([item.content_id, item.item_id, item.id], tk) !== undefined || firstText([item.content_name, item.item_name, item.name], tk) !== undefined);
      if (usable) capped++;
      else dropped++;
      continue;
    }
    const content = itemToContent(list[i], tk);
    if (content === undefined) dropped++;
    else contents.push(content);
  }
  return { contents: contents, dropped: dropped, capped: capped };
}
function buildProperties(commerce, options, tk) {
  const warnings = [];
  const properties = {};
  const maxContents = options.maxContents !== undefined && options.maxContents >= 1 ? tk.floor(options.maxContents) : DEFAULT_MAX_CONTENTS;
  let itemList = readItemList(commerce.items, tk);
  (commerce.contents || []).forEach((contents) => {
    if (itemList.length === 0) itemList = readItemList(contents, tk);
  });
  const built = itemsToContents(itemList, maxContents, tk);
  if (built.dropped > 0) warnings.push(built.dropped + " item(s) without id or name dropped");
  if (built.capped > 0) warnings.push(built.capped + " item(s) over the limit of " + maxContents + " dropped");
  if (built.contents.length > 0) {
    properties.contents = built.contents;
    const ids = [];
    let numItems = 0;
    built.contents.forEach((c) => {
      if (c.content_id !== undefined && ids.indexOf(c.content_id) === -1) ids.push(c.content_id);
      numItems += c.quantity;
    });
    if (ids.length > 0) properties.content_ids = ids;
    properties.num_items = numItems;
    properties.content_type = resolveContentType(commerce.contentType, options.contentType, tk);
  }
  const eventValue = readAmount(commerce.value, tk);
  let value = eventValue.amount;
  if (eventValue.problem !== undefined) {
    warnings.push("event value " + eventValue.problem + ": sent without a value");
  } else if (value === undefined) {
    const sum = itemSum(itemList, tk);
    if (sum.problem !== undefined) warnings.push("no event value and " + sum.problem + ": sent without a value");
    value = sum.amount;
  }
  const currency = resolveCurrency(commerce.currency, itemList, (code) => normalizeCurrency(code, tk), tk);
  if (currency.problem !== undefined) warnings.push(currency.problem + (value !== undefined ? ": value not sent" : ""));
  const search = firstText(commerce.searchTerm, tk);
  const found = {
    // A currency TikTok cannot use takes the value with it (no code then either).
    value: currency.problem === undefined ? value : undefined,
    currency: currency.code,
    order_id: toText(commerce.transactionId, tk),
    // search_string is the 2.0 name; query is the legacy name TikTok still accepts. Both, for safety.
    search_string: search,
    query: search,
    description: toText(commerce.description, tk)
  };
  for (const key in found) if (found[key] !== undefined) properties[key] = found[key];
  return { properties: properties, warnings: warnings };
}
function resolveContentType(candidates, fromOptions, tk) {
  const list = candidates.concat([fromOptions]);
  for (let i = 0; i < list.length; i++) {
    const text = toText(list[i], tk);
    if (text === "product" || text === "product_group") return text;
  }
  return "product";
}
var EXTRA_PROPERTY_KINDS = {
  value: "money",
  price: "money",
  predicted_ltv: "number",
  num_items: "integer",
  quantity: "integer",
  currency: "currency",
  contents: "contents",
  content_ids: "ids",
  order_id: "text",
  shop_id: "text",
  content_id: "text",
  description: "text",
  search_string: "text",
  query: "text",
  content_type: "text",
  content_name: "text",
  content_category: "text",
  status: "text",
  delivery_category: "text",
  brand: "text"
};
function extraPropertyValue(key, value, tk) {
  const kind = EXTRA_PROPERTY_KINDS.hasOwnProperty(key) ? EXTRA_PROPERTY_KINDS[key] : undefined;
  if (kind === "money") {
    const amount = readAmount(value, tk).amount;
    return amount !== undefined && key === "value" ? roundMoney(amount, tk) : amount;
  }
  if (kind === "number" || kind === "integer") {
    const n = toNumber(value, tk);
    return n !== undefined && kind === "integer" ? tk.round(n) : n;
  }
  if (kind === "currency") return normalizeCurrency(value, tk);
  if (kind === "text") return toText(value, tk);
  const list = kind === "contents" ? itemsToContents(value, DEFAULT_MAX_CONTENTS, tk).contents : kind === "ids" ? readIdList(value, tk) : undefined;
  if (list === undefined) return value;
  return list.length > 0 ? list : undefined;
}
function applyExtraProperties(properties, rows, tk, warnings) {
  (rows || []).forEach((row) => {
    const key = row ? toText(row.name, tk) : undefined;
    if (key === undefined) return;
    const value = row.value;
    if (value === undefined || value === null || typeof value === "string" && value.trim().length === 0) return;
    const usable = extraPropertyValue(key, value, tk);
    if (usable === undefined) warnings.push("extra property " + key + " is not usable: skipped");
    else properties[key] = usable;
  });
  return properties;
}
function readIdList(value, tk) {
  let list;
  if (typeof value === "string") {
    const text = value.trim();
    const parsed = text.charAt(0) === "[" ? tk.jsonParse(text) : undefined;
    list = isArray(parsed, tk) ? parsed : text.split(",");
  } else {
    list = toList(value, tk);
  }
  const ids = [];
  list.forEach((v) => {
    const id = toText(v, tk);
    if (id !== undefined && ids.indexOf(id) === -1) ids.push(id);
  });
  return ids;
}

var MAX_EVENT_ID_LENGTH = 256;
function clip(text) {
  return text.length > MAX_EVENT_ID_LENGTH ? text.substring(0, MAX_EVENT_ID_LENGTH) : text;
}
function resolveEventId(input, tk) {
  const explicit = toText(input.explicit, tk);
  if (explicit !== undefined) return { eventId: clip(explicit), source: "field" };
  const fromData = firstText(input.candidates || [], tk);
  if (fromData !== undefined) return { eventId: clip(fromData), source: "event_data" };
  if (input.useTransactionFallback !== false) {
    const transactionId = toText(input.transactionId, tk);
    const eventName = toText(input.tiktokEventName, tk);
    if (transactionId !== undefined && eventName !== undefined) {
      return { eventId: clip(transactionEventId(transactionId, eventName)), source: "transaction" };
    }
  }
  return { source: "none" };
}
var ORDER_EVENTS_GA4 = ["purchase", "refund"];
var ORDER_EVENTS_TIKTOK = ["Purchase", "CompletePayment", "PlaceAnOrder"];
function isOrderEvent(incomingName, tiktokEventName) {
  return ORDER_EVENTS_TIKTOK.indexOf(tiktokEventName) !== -1 || ORDER_EVENTS_GA4.indexOf(incomingName) !== -1;
}
function transactionEventId(transactionId, tiktokEventName) {
  return transactionId + "_" + tiktokEventName;
}

function addNameSetWarnings(warnings, eventName, eventId, names) {
  const name = eventName.name;
  const other = name !== undefined ? otherSetName(name) : undefined;
  if (other === undefined) return;
  const translated = eventName.source === "standard_map" || eventName.source === "tiktok_name";
  if (translated && names.nameSet === undefined) {
    warnings.push("TikTok event names not chosen: sent as " + name + "; a tag sending " + other + " counts it twice");
  }
  const suffix = "_" + other;
  if (eventId !== undefined && eventId.length > suffix.length && eventId.lastIndexOf(suffix) === eventId.length - suffix.length) {
    warnings.push("the event_id was made for " + other + " but this tag sends " + name + ": counted twice");
  }
}
function withoutTransaction(commerce) {
  const from = commerce;
  const copy = {};
  for (const key in from) if (key !== "transactionId") copy[key] = from[key];
  return copy;
}
function mapConversion(event, config, tk) {
  const eventName = resolveEventName(event.name, config.eventNames);
  let commerce = event.commerce;
  let warnings = [];
  if (!isOrderEvent(event.name, eventName.name) && toText(commerce.transactionId, tk) !== undefined) {
    commerce = withoutTransaction(commerce);
    warnings.push("transaction_id ignored: not a purchase");
  }
  const idConfig = config.eventId || {};
  const eventId = resolveEventId({
    explicit: idConfig.explicit,
    candidates: event.eventIdCandidates,
    transactionId: commerce.transactionId,
    useTransactionFallback: idConfig.useTransactionFallback,
    tiktokEventName: eventName.name
  }, tk);
  addNameSetWarnings(warnings, eventName, eventId.eventId, config.eventNames);
  const props = buildProperties(commerce, config.properties || {}, tk);
  warnings = warnings.concat(props.warnings);
  const properties = applyExtraProperties(props.properties, config.extraProperties, tk, warnings);
  if (properties.value !== undefined && properties.value !== 0 && properties.currency === undefined) {
    warnings.push("value sent without a currency: TikTok counts no revenue");
  }
  const userPlan = planMatchKeys(event.user, config.userFields || {}, config.userOptions || {}, tk);
  return { eventName: eventName, eventId: eventId, properties: properties, userPlan: userPlan, warnings: warnings.concat(userPlan.warnings) };
}

function emptyMatchKeys() {
  return { email: [], phone: [], external_id: [], first_name: [], last_name: [], zip_code: [], city: [], state: [], country: [] };
}
function emptyConversionInput() {
  return { commerce: { contentType: [], searchTerm: [] }, eventIdCandidates: [], user: { userData: emptyMatchKeys(), eventKeys: emptyMatchKeys() } };
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

var PAGE_LOAD_EVENTS = ["gtm.js", "gtm.dom", "gtm.load", "gtm.historyChange", "gtm.historyChange-v2"];
function webIncomingEventName(dataLayerEvent) {
  return PAGE_LOAD_EVENTS.indexOf(dataLayerEvent) !== -1 ? "page_view" : dataLayerEvent;
}
function eventFromDataLayer(name, read, options, tk) {
  const event = emptyConversionInput();
  const commerce = event.commerce;
  event.name = name;
  const eventModelValue = read("eventModel", 1);
  const eventModel = isPlainObject(eventModelValue, tk) ? eventModelValue : {};
  const readOrModel = (key) => {
    const value = read(key);
    return value !== undefined ? value : eventModel[key];
  };
  const fields = options.commerceFields;
  if (options.withoutCommerce !== true) {
    if (fields !== undefined) {
      commerceFrom({ items: fields.items, value: fields.value, currency: fields.currency, transaction_id: fields.transactionId }, commerce, tk);
      commerce.searchTerm.push(fields.searchTerm);
    } else {
      const ecommerce = read("ecommerce", 1);
      commerceFrom(hasCommerce(ecommerce, tk) ? ecommerce : eventModel, commerce, tk);
      commerce.searchTerm.push(read("search_term"), eventModel.search_term);
      commerce.contents = [readOrModel("tt_contents")];
      commerce.contentType.push(readOrModel("tt_content_type"));
    }
  }
  event.eventIdCandidates.push(eventModel.event_id);
  if (options.readUserData) {
    const userData = read("user_data");
    event.user.userData = matchKeysFromUserData(isPlainObject(userData, tk) ? userData : eventModel.user_data, tk);
    event.user.eventKeys.external_id.push(readOrModel("tt_external_id"));
  }
  return event;
}
function mapDataLayerEvent(read, options, config, tk) {
  const name = webIncomingEventName(read("event"));
  const eventName = resolveEventName(name, config.eventNames);
  if (eventName.skip || eventName.name === undefined) {
    return { eventName: eventName, eventId: { source: "none" }, properties: {}, userPlan: emptyPlan(), warnings: [] };
  }
  options.withoutCommerce = isPageviewEvent(eventName.name);
  return mapConversion(eventFromDataLayer(name, read, options, tk), config, tk);
}

function hashAllAsync(values, sha256Hex, done) {
  const lookup = {};
  let pending2 = values.length + 1;
  const settle2 = () => {
    pending2--;
    if (pending2 === 0) done(lookup);
  };
  values.forEach((value) => {
    let settled = false;
    sha256Hex(value, (hex) => {
      if (settled) return;
      settled = true;
      if (typeof hex === "string" && isSha256Hex(hex)) lookup[value] = hex.toLowerCase();
      settle2();
    });
  });
  settle2();
}

function readWebConsentMode(fields) {
  const mode = fields.consentMode;
  return mode === "manual" || mode === "none" ? mode : "googleConsentMode";
}

function readEventIdSettings(fields) {
  return {
    explicit: fields.eventId,
    useTransactionFallback: fields.transactionEventId !== false && fields.transactionEventId !== "false"
  };
}

var INHERIT = "settings";
var SETTINGS_KIND = "countersign-tiktok-settings";
var WEB_SETTING_KEYS = ["nameSet", "unmappedPolicy", "eventNameOverrides", "transactionEventId", "consentMode", "consentValue", "limitedDataUse"];
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

function tableRows(value, tk) {
  if (tk.getType(value) !== "array") return [];
  return value.filter((row) => tk.getType(row) === "object");
}
function cellText(value, tk) {
  return typeof value === "string" || typeof value === "number" ? tk.makeString(value) : undefined;
}

function readOverrides(rows, tk) {
  const overrides = [];
  tableRows(rows, tk).forEach((row) => {
    const from = cellText(row.from, tk);
    const to = cellText(row.to, tk);
    if (from !== undefined && to !== undefined) overrides.push({ from: from, to: to });
  });
  return overrides;
}
function readEventNameConfig(fields, tk) {
  return {
    // Not chosen (a tag saved without the field): current names, and conversion.ts warns.
    nameSet: fields.nameSet === "legacy" ? "legacy" : fields.nameSet === "current" ? "current" : undefined,
    overrides: readOverrides(fields.eventNameOverrides, tk),
    fixedEvent: fields.eventMode === "fixed" ? tk.makeString(fields.fixedEvent) : undefined,
    unmappedPolicy: fields.unmappedPolicy === "custom" ? "custom" : "skip"
  };
}

function readContentType(fields) {
  return fields.contentType === "product_group" ? "product_group" : "product";
}
function readExtraProperties(fields, tk) {
  const rows = [];
  tableRows(fields.extraProperties, tk).forEach((row) => {
    const name = cellText(row.name, tk);
    if (name !== undefined) rows.push({ name: name, value: row.value });
  });
  return rows;
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

function pixelIdFromText(text) {
  const id = text.trim().toUpperCase();
  return id.match("^[A-Z0-9]{10,40}$") !== null ? id : undefined;
}
function parsePixelIds(value) {
  let text = typeof value === "string" || typeof value === "number" ? "" + value : "";
  if (value !== null && typeof value === "object" && typeof value.length === "number") {
    value.forEach((v) => {
      if (typeof v === "string") text += "," + v;
    });
  }
  const ids = [];
  let rejected = 0;
  text.split(" ").join(",").split(",").forEach((piece) => {
    if (piece.trim().length === 0) return;
    const id = pixelIdFromText(piece);
    if (id === undefined) rejected++;
    else if (ids.indexOf(id) === -1) ids.push(id);
  });
  return { ids: ids, rejected: rejected };
}

var PIXEL_METHODS = "page track identify instances debug on off once ready alias group enableCookie disableCookie holdConsent revokeConsent grantConsent".split(" ");
var PIXEL_SCRIPT_BASE = "https://analytics.tiktok.com/i18n/pixel/events.js";
function pixelScriptUrl(pixelId, encode) {
  return PIXEL_SCRIPT_BASE + "?sdkid=" + (encode(pixelId) || "") + "&lib=ttq";
}
function scriptCacheToken(pixelId) {
  return "tiktok-pixel-" + pixelId;
}

var STATE_KEY = "page";
var IDENTIFY_KEY = "identify";
function readState() {
  const stored = templateStorage.getItem(STATE_KEY);
  return stored || { injected: {} };
}
function saveState(state) {
  templateStorage.setItem(STATE_KEY, state);
}
var logLines = [];
function log(message) {
  if (data.debugLogging !== false) logLines.push("[TikTok Pixel] " + message);
}
function flushLog() {
  if (logLines.length > 0) logToConsole(logLines.splice(0, logLines.length).join("\n"));
}
var settings = applySharedSettings(data, WEB_SETTING_KEYS, toolkit);
var setup = settings.fields;
var consentMode = readWebConsentMode(setup);
function argumentsList(method, args) {
  const list = [method];
  for (let i = 0; i < args.length; i++) list.push(args[i]);
  return list;
}
function windowMap(key) {
  const value = copyFromWindow(key);
  return isPlainObject(value, toolkit) ? value : {};
}
function instanceStub(pixelId) {
  const id = toolkit.makeString(pixelId);
  const instance = {};
  PIXEL_METHODS.forEach((method) => {
    instance[method] = function() {
      const queues = windowMap("ttq._i");
      const queue = isArray(queues[id], toolkit) ? queues[id] : [];
      queue.push(argumentsList(method, arguments));
      queues[id] = queue;
      setInWindow("ttq._i", queues, true);
    };
  });
  return instance;
}
function recordLoad(tables, id, options) {
  const queue = [];
  queue._u = PIXEL_SCRIPT_BASE;
  tables._i[id] = queue;
  tables._t[id] = getTimestampMillis();
  tables._o[id] = options;
}
function inject(id, onSuccess, onFailure) {
  injectScript(pixelScriptUrl(id, encodeUriComponent), onSuccess, onFailure, scriptCacheToken(id));
}
function loadStub(pixelId, options) {
  const id = toolkit.makeString(pixelId);
  const state = readState();
  if (state.injected[id] === true) return;
  const tables = { _i: windowMap("ttq._i"), _t: windowMap("ttq._t"), _o: windowMap("ttq._o") };
  recordLoad(tables, id, isPlainObject(options, toolkit) ? options : {});
  setInWindow("ttq._i", tables._i, true);
  setInWindow("ttq._t", tables._t, true);
  setInWindow("ttq._o", tables._o, true);
  state.injected[id] = true;
  saveState(state);
  inject(id, () => undefined, () => undefined);
}
function loadOptions() {
  const options = {};
  if (setup.limitedDataUse === "pixel") options.limited_data_use = true;
  if (data.disableHistoryObserver === true) options.historyObserver = false;
  return options;
}
var pending = 1;
var failed = false;
function settle(ok) {
  if (!ok) failed = true;
  pending--;
  if (pending !== 0) return;
  if (failed) data.gtmOnFailure();
  else data.gtmOnSuccess();
}
function waitForScript(id, loaded) {
  pending++;
  inject(
    id,
    () => {
      if (!loaded) {
        const state = readState();
        state.loaded = true;
        saveState(state);
      }
      settle(true);
    },
    () => {
      log("pixel " + id + " failed to load (blocked or offline)");
      flushLog();
      settle(false);
    }
  );
}
function loadPixels(state, pixelIds) {
  if (state.stub !== true && copyFromWindow("ttq") === undefined) {
    const stub = [];
    let push = () => undefined;
    PIXEL_METHODS.forEach((method) => {
      stub[method] = function() {
        push(argumentsList(method, arguments));
      };
    });
    stub.methods = PIXEL_METHODS;
    stub.instance = instanceStub;
    stub.load = loadStub;
    stub._i = {};
    stub._t = {};
    stub._o = {};
    pixelIds.forEach((id) => {
      recordLoad(stub, id, loadOptions());
      state.injected[id] = true;
    });
    setInWindow("TiktokAnalyticsObject", "ttq", true);
    setInWindow("ttq", stub, true);
    push = createQueue("ttq");
    state.stub = true;
    log("ttq queue created; loading " + pixelIds.join(", "));
    return pixelIds;
  }
  const ourStub = state.stub === true && state.loaded !== true;
  const pageTables = state.stub === true ? {} : windowMap("ttq._i");
  return pixelIds.filter((id) => {
    const known = state.injected[id];
    if (known !== undefined) return known;
    if (pageTables.hasOwnProperty(id)) {
      log("pixel " + id + " already loaded on the page");
      return false;
    }
    callInWindow("ttq.load", id, loadOptions());
    log("pixel " + id + " handed to ttq.load");
    state.injected[id] = ourStub;
    return ourStub;
  });
}
function applyConsent(state) {
  if (consentMode === "googleConsentMode") {
    if (state.listening === true) return;
    state.listening = true;
    if (!isConsentGranted("ad_storage")) {
      callInWindow("ttq.holdConsent");
      log("ad_storage denied: events held until consent is granted");
    }
    addConsentListener("ad_storage", (consentType, granted) => {
      callInWindow(granted ? "ttq.grantConsent" : "ttq.revokeConsent");
      log("ad_storage " + (granted ? "granted" : "denied: consent revoked"));
      flushLog();
    });
  } else if (consentMode === "manual") {
    const previous = state.consent;
    const next = toBoolean(setup.consentValue) === true ? "ttq.grantConsent" : previous === undefined ? "ttq.holdConsent" : previous === "ttq.grantConsent" ? "ttq.revokeConsent" : previous;
    if (next === previous) return;
    state.consent = next;
    callInWindow(next);
    log("consent value: " + next);
  }
}
function mapCurrentEvent() {
  const advanced = data.advancedMatching === true;
  return mapDataLayerEvent(
    (key, version) => version === 1 ? copyFromDataLayer(key, 1) : copyFromDataLayer(key),
    {
      // The tag's e-commerce fields are named as CommerceFields reads them (items, value, currency, transactionId, searchTerm).
      commerceFields: data.ecommerceSource === "fields" ? data : undefined,
      readUserData: advanced && data.userDataFromDataLayer !== false
    },
    {
      eventNames: readEventNameConfig(setup, toolkit),
      eventId: readEventIdSettings(setup),
      properties: { contentType: readContentType(data) },
      extraProperties: readExtraProperties(data, toolkit),
      userFields: advanced ? { email: data.userEmail, phone: data.userPhone, external_id: data.userExternalId } : {},
      userOptions: { defaultCountryCode: toText(data.defaultCountryCode, toolkit), userIdAsExternalId: false }
    },
    toolkit
  );
}
function identifyPayload(plan, done) {
  hashAllAsync(
    valuesToHash(plan),
    (input, finish) => sha256(input, finish, () => finish(undefined), { outputEncoding: "hex" }),
    (lookup) => {
      const user = buildTikTokUser(plan, (value) => lookup.hasOwnProperty(value) ? lookup[value] : undefined);
      const payload = {};
      for (const key in user) {
        const value = user[key];
        payload[key === "phone" ? "phone_number" : key] = typeof value === "string" ? value : value[0];
      }
      done(payload);
    }
  );
}
function withRememberedIdentify(own) {
  const granted = consentMode === "googleConsentMode" ? isConsentGranted("ad_storage") && isConsentGranted("ad_user_data") : consentMode !== "manual" || toBoolean(setup.consentValue) === true;
  if (!granted) {
    templateStorage.removeItem(IDENTIFY_KEY);
    return own;
  }
  const stored = templateStorage.getItem(IDENTIFY_KEY);
  const remembered = isPlainObject(stored, toolkit) ? stored : {};
  const merged = {};
  for (const key in remembered) merged[key] = remembered[key];
  for (const key in own) {
    merged[key] = own[key];
    if (isSha256Hex(own[key])) remembered[key] = own[key];
  }
  templateStorage.setItem(IDENTIFY_KEY, remembered);
  return merged;
}
function pageviewPixels(state, pixelIds) {
  const url = getUrl();
  const previous = state.pageview;
  const sameUrl = previous !== undefined && previous.url === url;
  const had = sameUrl ? previous.pixels : [];
  const missing = pixelIds.filter((id) => had.indexOf(id) === -1);
  if (missing.length === 0) {
    log("page view already sent for this URL");
    return missing;
  }
  state.pageview = { url: url, pixels: had.concat(missing) };
  if (!sameUrl && previous !== undefined && data.disableHistoryObserver !== true) {
    log("new URL in a single-page app: the pixel sends this page view itself");
    return [];
  }
  return missing;
}
function track(pixelIds, name, params, eventId) {
  if (pixelIds.length === 0) return;
  if (setup.limitedDataUse === "event") params.limited_data_use = true;
  pixelIds.forEach((id) => {
    const options = { pixel_code: id };
    if (eventId !== undefined) options.event_id = eventId;
    callInWindow("ttq.track", name, params, options);
  });
  log(name + " sent to " + pixelIds.join(", ") + (eventId !== undefined ? " (event_id " + eventId + ")" : " (no event_id)"));
}
function send(mapped, name, pixelIds, own) {
  const payload = data.advancedMatching === true && data.rememberIdentify === true ? withRememberedIdentify(own) : own;
  const keys = [];
  for (const key in payload) keys.push(key);
  if (keys.length > 0) {
    callInWindow("ttq.identify", payload);
    log("identify: " + keys.join(", ") + " (SHA-256)");
  }
  const eventId = mapped.eventId.eventId;
  if (isPageviewEvent(name)) {
    const state = readState();
    track(pageviewPixels(state, pixelIds), name, {}, eventId);
    saveState(state);
  } else track(pixelIds, name, mapped.properties, eventId);
}
function main() {
  const parsed = parsePixelIds(data.pixelIds);
  if (parsed.rejected > 0) log(parsed.rejected + " invalid pixel ID(s) ignored");
  const pixelIds = parsed.ids;
  if (pixelIds.length === 0) {
    log("no valid pixel ID: nothing loaded");
    flushLog();
    data.gtmOnFailure();
    return;
  }
  if (settings.note !== undefined) log(settings.note);
  const state = readState();
  const waitFor = loadPixels(state, pixelIds);
  applyConsent(state);
  saveState(state);
  waitFor.forEach((id) => waitForScript(id, state.loaded === true));
  const mapped = mapCurrentEvent();
  mapped.warnings.forEach(log);
  const name = mapped.eventName.name;
  if (name === undefined) {
    log(mapped.eventName.reason);
  } else {
    pending++;
    identifyPayload(mapped.userPlan, (own) => {
      send(mapped, name, pixelIds, own);
      flushLog();
      settle(true);
    });
  }
  flushLog();
  settle(true);
}

main();


___WEB_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "access_globals",
        "versionId": "1"
      },
      "param": [
        {
          "key": "keys",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "TiktokAnalyticsObject"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq.track"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq.identify"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq.holdConsent"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq.grantConsent"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq.revokeConsent"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq.load"
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": false
                  },
                  {
                    "type": 8,
                    "boolean": true
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq._i"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq._t"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "key"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  },
                  {
                    "type": 1,
                    "string": "execute"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttq._o"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
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
        "publicId": "inject_script",
        "versionId": "1"
      },
      "param": [
        {
          "key": "urls",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "https://analytics.tiktok.com/i18n/pixel/events.js"
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
                "string": "event"
              },
              {
                "type": 1,
                "string": "ecommerce"
              },
              {
                "type": 1,
                "string": "eventModel"
              },
              {
                "type": 1,
                "string": "search_term"
              },
              {
                "type": 1,
                "string": "user_data"
              },
              {
                "type": 1,
                "string": "tt_contents"
              },
              {
                "type": 1,
                "string": "tt_content_type"
              },
              {
                "type": 1,
                "string": "tt_external_id"
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
  },
  {
    "instance": {
      "key": {
        "publicId": "access_consent",
        "versionId": "1"
      },
      "param": [
        {
          "key": "consentTypes",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ad_storage"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "consentType"
                  },
                  {
                    "type": 1,
                    "string": "read"
                  },
                  {
                    "type": 1,
                    "string": "write"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ad_user_data"
                  },
                  {
                    "type": 8,
                    "boolean": true
                  },
                  {
                    "type": 8,
                    "boolean": false
                  }
                ]
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
        "publicId": "get_url",
        "versionId": "1"
      },
      "param": [
        {
          "key": "urlParts",
          "value": {
            "type": 1,
            "string": "any"
          }
        },
        {
          "key": "queriesAllowed",
          "value": {
            "type": 1,
            "string": "any"
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
        "publicId": "logging",
        "versionId": "1"
      },
      "param": [
        {
          "key": "environments",
          "value": {
            "type": 1,
            "string": "debug"
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
- name: creates the ttq queue stub with every base-code method
  code: |-
    runCode(mockData);
    assertThat(win.TiktokAnalyticsObject).isEqualTo('ttq');
    assertThat(win.ttq).isArray();
    const methods = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group',
      'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent', 'instance', 'load'];
    methods.forEach(function (method) {
      assertThat(win.ttq[method], method).isFunction();
    });
    assertThat(win.ttq.methods).contains('grantConsent');
    assertApi('gtmOnSuccess').wasCalled();
- name: stub methods queue the method name and arguments like the base code
  code: |-
    runCode(mockData);
    win.ttq.track('ClickButton', {value: 1}, {event_id: 'e1'});
    win.ttq.holdConsent();
    assertThat(win.ttq).contains(['track', 'ClickButton', {value: 1}, {event_id: 'e1'}]);
    assertThat(win.ttq).contains(['holdConsent']);
- name: ttq load stub records _i _t _o and injects events js for the pixel
  code: |-
    mockData.limitedDataUse = 'pixel';
    mockData.disableHistoryObserver = true;
    runCode(mockData);
    assertThat(win.ttq._i.C1234567890).isArray();
    assertThat(win.ttq._t.C1234567890).isNumber();
    assertThat(win.ttq._o.C1234567890).isEqualTo({limited_data_use: true, historyObserver: false});
    assertThat(scripts[0].url).isEqualTo('https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C1234567890&lib=ttq');
    assertThat(scripts[0].cacheToken).isEqualTo('tiktok-pixel-C1234567890');
- name: a second ttq load of the same pixel from page code changes nothing
  code: |-
    runCode(mockData);
    win.ttq._i.C1234567890.push(['track', 'Queued']);
    win.ttq.load('C1234567890', {});
    assertThat(win.ttq._i.C1234567890).isEqualTo([['track', 'Queued']]);
    assertThat(scripts.length).isEqualTo(1);
- name: loads the pixel once however often the tag fires
  code: |-
    runCode(mockData);
    runCode(mockData);
    runCode(mockData);
    assertThat(scripts.length).isGreaterThan(1);
    assertThat(scriptElements()).isEqualTo(['https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C1234567890&lib=ttq']);
    assertApi('gtmOnSuccess').wasCalled();
    assertApi('gtmOnFailure').wasNotCalled();
- name: several pixel IDs are each loaded once and each get the event with pixel_code
  code: |-
    mockData.pixelIds = 'c1234567890, D0987654321,C1234567890';
    layer.event = 'add_to_cart';
    runCode(mockData);
    assertThat(require('Object').keys(win.ttq._i)).isEqualTo(['C1234567890', 'D0987654321']);
    assertThat(scriptElements()).isEqualTo([
      'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=C1234567890&lib=ttq',
      'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=D0987654321&lib=ttq'
    ]);
    const tracks = windowCalls('ttq.track');
    assertThat(tracks.length).isEqualTo(2);
    assertThat(tracks[0][2]).isEqualTo({pixel_code: 'C1234567890'});
    assertThat(tracks[1][2]).isEqualTo({pixel_code: 'D0987654321'});
- name: page_view is tracked as Pageview to the tag's pixels only with the event id
    and never with ttq page
  code: |-
    layer.event = 'page_view';
    mockData.pixelIds = 'C1234567890,D0987654321';
    mockData.eventId = '1700000000000.123_7';
    runCode(mockData);
    assertThat(windowCalls('ttq.track')).isEqualTo([
      ['Pageview', {}, {pixel_code: 'C1234567890', event_id: '1700000000000.123_7'}],
      ['Pageview', {}, {pixel_code: 'D0987654321', event_id: '1700000000000.123_7'}]
    ]);
    assertThat(windowCalls('ttq.page').length).isEqualTo(0);
- name: GTM page load events count as page_view
  code: |-
    layer.event = 'gtm.js';
    runCode(mockData);
    assertThat(windowCalls('ttq.track')).isEqualTo([['Pageview', {}, {pixel_code: 'C1234567890'}]]);
- name: a page view is never sent twice on the same page
  code: |-
    layer.event = 'page_view';
    runCode(mockData);
    layer.event = 'gtm.dom';
    runCode(mockData);
    assertThat(windowCalls('ttq.track').length).isEqualTo(1);
    assertApi('gtmOnFailure').wasNotCalled();
- name: single page app URL change is left to the history observer unless it is disabled
  code: |-
    layer.event = 'page_view';
    runCode(mockData);
    pageUrl = 'https://shop.example/checkout';
    runCode(mockData);
    assertThat(windowCalls('ttq.track').length).isEqualTo(1);
    mockData.disableHistoryObserver = true;
    pageUrl = 'https://shop.example/thanks';
    runCode(mockData);
    assertThat(windowCalls('ttq.track').length).isEqualTo(2);
- name: every mapped GA4 event is tracked under its TikTok name
  code: |-
    const expected = {
      view_item: 'ViewContent', search: 'Search', view_search_results: 'Search', add_to_wishlist: 'AddToWishlist',
      add_to_cart: 'AddToCart', begin_checkout: 'InitiateCheckout', add_payment_info: 'AddPaymentInfo',
      purchase: 'Purchase', generate_lead: 'Lead', sign_up: 'CompleteRegistration', file_download: 'Download',
      contact: 'Contact', subscribe: 'Subscribe', start_trial: 'StartTrial', schedule: 'Schedule',
      submit_application: 'SubmitApplication', application_approval: 'ApplicationApproval',
      customize_product: 'CustomizeProduct', find_location: 'FindLocation'
    };
    const names = require('Object').keys(expected);
    names.forEach(function (ga4Name) {
      layer.event = ga4Name;
      runCode(mockData);
      const tracks = windowCalls('ttq.track');
      assertThat(tracks[tracks.length - 1][0], ga4Name).isEqualTo(expected[ga4Name]);
    });
    assertThat(windowCalls('ttq.track').length).isEqualTo(names.length);
- name: legacy name set sends CompletePayment and SubmitForm
  code: |-
    mockData.nameSet = 'legacy';
    layer.event = 'purchase';
    runCode(mockData);
    layer.event = 'generate_lead';
    runCode(mockData);
    layer.event = 'Purchase';
    runCode(mockData);
    assertThat(windowCalls('ttq.track').map(function (c) { return c[0]; })).isEqualTo(['CompletePayment', 'SubmitForm', 'CompletePayment']);
- name: TikTok event names at As in the settings variable take the settings variable's
    names, else Current
  code: |-
    mockData.nameSet = 'settings';
    layer.event = 'purchase';
    runCode(mockData);
    mockData.settingsVariable = {kind: 'countersign-tiktok-settings', version: 1, container: 'web', nameSet: 'legacy', consentMode: 'none'};
    runCode(mockData);
    mockData.settingsVariable = {kind: 'countersign-tiktok-settings', version: 1, container: 'web', nameSet: 'current', consentMode: 'none'};
    runCode(mockData);
    assertThat(windowCalls('ttq.track').filter(function (c) { return c[0] !== 'Pageview'; }).map(function (c) { return c[0]; })).isEqualTo(['Purchase', 'CompletePayment', 'Purchase']);
- name: purchase builds contents value currency and the transaction event id
  code: |-
    layer.event = 'purchase';
    layer.ecommerce = {transaction_id: 'T-1001', value: '59.90', currency: 'eur', items: [
      {item_id: 12345, item_name: 'Shirt', item_category: 'Apparel', price: '19.95', quantity: 2},
      {item_id: 'SKU-2', price: 20}
    ]};
    runCode(mockData);
    const track = windowCalls('ttq.track')[0];
    assertThat(track[0]).isEqualTo('Purchase');
    assertThat(track[1]).isEqualTo({
      contents: [
        {quantity: 2, content_id: '12345', content_name: 'Shirt', content_category: 'Apparel', price: 19.95},
        {quantity: 1, content_id: 'SKU-2', price: 20}
      ],
      content_ids: ['12345', 'SKU-2'], num_items: 3, content_type: 'product',
      value: 59.9, currency: 'EUR', order_id: 'T-1001'
    });
    assertThat(track[2]).isEqualTo({pixel_code: 'C1234567890', event_id: 'T-1001_Purchase'});
- name: value falls back to the item total and an explicit event id wins
  code: |-
    layer.event = 'add_to_cart';
    layer.ecommerce = {currency: 'USD', items: [{item_id: 'A', price: 2.5, quantity: 3}]};
    mockData.eventId = 'abc_12';
    runCode(mockData);
    const track = windowCalls('ttq.track')[0];
    assertThat(track[1].value).isEqualTo(7.5);
    assertThat(track[2].event_id).isEqualTo('abc_12');
- name: e-commerce from fields and a fixed event
  code: |-
    mockData.eventMode = 'fixed';
    mockData.fixedEvent = 'PlaceAnOrder';
    mockData.ecommerceSource = 'fields';
    mockData.items = '[{"item_id":"X1","price":"5","quantity":"2"}]';
    mockData.value = '10';
    mockData.currency = 'gbp';
    mockData.transactionId = 'T9';
    layer.ecommerce = {items: [{item_id: 'WRONG'}]};
    runCode(mockData);
    const track = windowCalls('ttq.track')[0];
    assertThat(track[0]).isEqualTo('PlaceAnOrder');
    assertThat(track[1].content_ids).isEqualTo(['X1']);
    assertThat(track[1].value).isEqualTo(10);
    assertThat(track[1].currency).isEqualTo('GBP');
    assertThat(track[1].order_id).isEqualTo('T9');
    assertThat(track[2].event_id).isEqualTo('T9_PlaceAnOrder');
- name: only an order event takes the transaction id, as the server tag does
  code: |-
    mockData.eventMode = 'fixed';
    mockData.fixedEvent = 'InitiateCheckout';
    mockData.ecommerceSource = 'fields';
    mockData.value = '10';
    mockData.currency = 'EUR';
    mockData.transactionId = 'T9';
    runCode(mockData);
    const track = windowCalls('ttq.track')[0];
    assertThat(track[0]).isEqualTo('InitiateCheckout');
    assertThat(track[1].order_id).isUndefined();
    assertThat(track[2].event_id).isUndefined();
- name: unmapped events are skipped or sent as custom events by policy
  code: |-
    layer.event = 'view_cart';
    runCode(mockData);
    assertThat(windowCalls('ttq.track').length).isEqualTo(0);
    assertApi('gtmOnSuccess').wasCalled();
    mockData.unmappedPolicy = 'custom';
    runCode(mockData);
    assertThat(windowCalls('ttq.track')[0][0]).isEqualTo('view_cart');
- name: event name overrides win over the built-in map
  code: |-
    mockData.eventNameOverrides = [{from: 'view_cart', to: 'ViewContent'}, {from: 'purchase', to: 'PlaceAnOrder'}];
    layer.event = 'view_cart';
    runCode(mockData);
    layer.event = 'purchase';
    runCode(mockData);
    assertThat(windowCalls('ttq.track').map(function (c) { return c[0]; })).isEqualTo(['ViewContent', 'PlaceAnOrder']);
- name: identify sends normalized SHA-256 hashes before the event
  code: |-
    mockData.advancedMatching = true;
    mockData.userEmail = '  A@B.com ';
    mockData.userPhone = '0151 1234-5678';
    mockData.defaultCountryCode = '49';
    mockData.userExternalId = ' user-42 ';
    layer.event = 'generate_lead';
    runCode(mockData);
    callLater(function () {
      const identify = windowCalls('ttq.identify');
      assertThat(identify).isEqualTo([[{
        email: 'fb98d44ad7501a959f3f4f4a3f004fe2d9e581ea6207e218c4b02c08a4d75adf',
        phone_number: '536afd523e19dc83fccba822ef5e4ca646111314aaf0aa286667c5bea18dd70b',
        external_id: '6d894aa3ee802549d7f340e7c1cf0d1c1cb14cd84f768d92ffaa6785337c4997'
      }]]);
      assertThat(callOrder()).isEqualTo(['ttq.identify', 'ttq.track']);
      assertApi('gtmOnSuccess').wasCalled();
    });
- name: identify reads GA4 user_data and passes hashed values through
  code: |-
    mockData.advancedMatching = true;
    layer.event = 'sign_up';
    layer.user_data = {
      sha256_email_address: 'FB98D44AD7501A959F3F4F4A3F004FE2D9E581EA6207E218C4B02C08A4D75ADF',
      phone_number: 'not a phone'
    };
    runCode(mockData);
    callLater(function () {
      assertThat(windowCalls('ttq.identify')).isEqualTo([[{email: 'fb98d44ad7501a959f3f4f4a3f004fe2d9e581ea6207e218c4b02c08a4d75adf'}]]);
    });
- name: no identify without advanced matching even when user_data exists
  code: |-
    layer.event = 'sign_up';
    layer.user_data = {email_address: 'a@b.com'};
    runCode(mockData);
    callLater(function () {
      assertThat(windowCalls('ttq.identify').length).isEqualTo(0);
      assertThat(windowCalls('ttq.track').length).isEqualTo(1);
    });
- name: remembered identify keys fill later events of the page and are forgotten when
    consent is withdrawn
  code: |-
    const email = 'fb98d44ad7501a959f3f4f4a3f004fe2d9e581ea6207e218c4b02c08a4d75adf';
    mockData.advancedMatching = true;
    mockData.rememberIdentify = true;
    mockData.consentMode = 'googleConsentMode';
    layer.event = 'generate_lead';
    layer.user_data = {email: '  A@B.com '};
    runCode(mockData);
    callLater(function () {
      layer.event = 'add_to_cart';
      layer.user_data = undefined;
      runCode(mockData);
      callLater(function () {
        assertThat(windowCalls('ttq.identify')).isEqualTo([[{email: email}], [{email: email}]]);
        adUserDataGranted = false;
        runCode(mockData);
        callLater(function () {
          assertThat(windowCalls('ttq.identify').length).isEqualTo(2);
          adUserDataGranted = true;
          runCode(mockData);
          callLater(function () {
            assertThat(windowCalls('ttq.identify').length).isEqualTo(2);
            assertThat(windowCalls('ttq.track').length).isEqualTo(4);
          });
        });
      });
    });
- name: a new tag without a settings variable uses Google Consent Mode, for the pixel
    and for the remembered keys
  code: |-
    mockData.consentMode = 'settings';
    mockData.advancedMatching = true;
    mockData.rememberIdentify = true;
    adStorageGranted = false;
    adUserDataGranted = false;
    layer.event = 'generate_lead';
    layer.user_data = {email: 'a@b.com'};
    runCode(mockData);
    callLater(function () {
      assertThat(windowCalls('ttq.holdConsent').length).isEqualTo(1);
      assertThat(consentListeners.length).isEqualTo(1);
      layer.event = 'add_to_cart';
      layer.user_data = undefined;
      runCode(mockData);
      callLater(function () {
        assertThat(windowCalls('ttq.identify').length).isEqualTo(1);
        assertThat(windowCalls('ttq.track').length).isEqualTo(2);
      });
    });
- name: remembered identify keys follow the consent value the settings variable gives
  code: |-
    mockData.settingsVariable = {kind: 'countersign-tiktok-settings', version: 1, container: 'web', consentMode: 'manual', consentValue: 'denied'};
    mockData.consentMode = 'settings';
    mockData.advancedMatching = true;
    mockData.rememberIdentify = true;
    layer.event = 'generate_lead';
    layer.user_data = {email: 'a@b.com'};
    runCode(mockData);
    callLater(function () {
      assertThat(windowCalls('ttq.holdConsent').length).isEqualTo(1);
      layer.event = 'add_to_cart';
      layer.user_data = undefined;
      runCode(mockData);
      callLater(function () {
        assertThat(windowCalls('ttq.identify').length).isEqualTo(1);
      });
    });
- name: without the option a later event of the page sends no identify
  code: |-
    mockData.advancedMatching = true;
    layer.event = 'generate_lead';
    layer.user_data = {email: 'a@b.com'};
    runCode(mockData);
    callLater(function () {
      layer.event = 'add_to_cart';
      layer.user_data = undefined;
      runCode(mockData);
      callLater(function () {
        assertThat(windowCalls('ttq.identify').length).isEqualTo(1);
        assertApi('isConsentGranted').wasNotCalled();
      });
    });
- name: consent mode holds the pixel when ad_storage is denied and grants or revokes
    on updates
  code: |-
    adStorageGranted = false;
    mockData.consentMode = 'googleConsentMode';
    runCode(mockData);
    runCode(mockData);
    assertThat(windowCalls('ttq.holdConsent').length).isEqualTo(1);
    assertThat(callOrder()[0]).isEqualTo('ttq.holdConsent');
    assertThat(consentListeners.length).isEqualTo(1);
    consentListeners[0]('ad_storage', true);
    assertThat(windowCalls('ttq.grantConsent').length).isEqualTo(1);
    consentListeners[0]('ad_storage', false);
    assertThat(windowCalls('ttq.revokeConsent').length).isEqualTo(1);
- name: consent mode does not hold when ad_storage is granted
  code: |-
    mockData.consentMode = 'googleConsentMode';
    runCode(mockData);
    assertThat(windowCalls('ttq.holdConsent').length).isEqualTo(0);
    assertApi('addConsentListener').wasCalled();
- name: manual consent value holds then grants then revokes
  code: |-
    mockData.consentMode = 'manual';
    mockData.consentValue = 'denied';
    runCode(mockData);
    mockData.consentValue = 'granted';
    runCode(mockData);
    runCode(mockData);
    mockData.consentValue = false;
    runCode(mockData);
    assertThat(callOrder().filter(function (p) { return p.indexOf('Consent') !== -1; }))
      .isEqualTo(['ttq.holdConsent', 'ttq.grantConsent', 'ttq.revokeConsent']);
    assertApi('isConsentGranted').wasNotCalled();
- name: limited data use for one event is an event parameter
  code: |-
    mockData.limitedDataUse = 'event';
    layer.event = 'contact';
    runCode(mockData);
    assertThat(windowCalls('ttq.track')[0][1]).isEqualTo({limited_data_use: true});
    assertThat(win.ttq._o.C1234567890).isEqualTo({});
    layer.event = 'page_view';
    mockData.eventId = 'p_1';
    runCode(mockData);
    assertThat(windowCalls('ttq.track')[1]).isEqualTo(['Pageview', {limited_data_use: true}, {pixel_code: 'C1234567890', event_id: 'p_1'}]);
- name: a script that fails to load fails the tag
  code: |-
    scriptOutcome = 'fail';
    layer.event = 'purchase';
    runCode(mockData);
    assertApi('gtmOnFailure').wasCalled();
    assertApi('gtmOnSuccess').wasNotCalled();
- name: no valid pixel ID fails without loading anything
  code: |-
    mockData.pixelIds = 'not-a-pixel!';
    runCode(mockData);
    assertApi('gtmOnFailure').wasCalled();
    assertApi('injectScript').wasNotCalled();
    assertApi('setInWindow').wasNotCalled();
- name: a pixel loaded by base code on the page is not loaded again
  code: |-
    win.ttq = [];
    win.ttq._i = {C1234567890: []};
    layer.event = 'view_item';
    runCode(mockData);
    assertThat(windowCalls('ttq.load').length).isEqualTo(0);
    assertApi('injectScript').wasNotCalled();
    assertThat(windowCalls('ttq.track').length).isEqualTo(1);
    assertApi('gtmOnSuccess').wasCalled();
- name: a pixel added after the library loaded goes through the library's ttq load
  code: |-
    runCode(mockData);
    // events.js has taken over window.ttq: its own load replaces the stub's.
    win.ttq.load = function () {};
    mockData.pixelIds = 'C1234567890,D0987654321';
    runCode(mockData);
    assertThat(windowCalls('ttq.load')).isEqualTo([['D0987654321', {}]]);
    assertThat(scriptElements().length).isEqualTo(1);
    // The page view: the first pixel on the first run, the added one on the second.
    assertThat(windowCalls('ttq.track')).isEqualTo([['Pageview', {}, {pixel_code: 'C1234567890'}], ['Pageview', {}, {pixel_code: 'D0987654321'}]]);
    assertApi('gtmOnFailure').wasNotCalled();
setup: |-
  const callLater = require('callLater');

  // A fake page: its window globals.
  let win = {};
  let scripts = [];
  let scriptOutcome = 'load';
  let adStorageGranted = true;
  let adUserDataGranted = true;
  let consentListeners = [];
  let pageUrl = 'https://shop.example/';
  // The merged data layer the template reads.
  const layer = {event: 'gtm.js'};
  const calls = [];

  const mockData = {
    pixelIds: 'C1234567890',
    eventMode: 'mapped',
    nameSet: 'current',
    unmappedPolicy: 'skip',
    transactionEventId: true,
    ecommerceSource: 'dataLayer',
    contentType: 'product',
    limitedDataUse: 'off',
    consentMode: 'none',
    debugLogging: false
  };

  function windowCalls(path) {
    return calls.filter(function (c) { return c.path === path; }).map(function (c) { return c.args; });
  }
  function callOrder() {
    return calls.map(function (c) { return c.path; });
  }
  // One <script> element per cache token (what injectScript does with a cacheToken).
  function scriptElements() {
    const seen = [];
    const urls = [];
    scripts.forEach(function (s) {
      if (seen.indexOf(s.cacheToken) === -1) {
        seen.push(s.cacheToken);
        urls.push(s.url);
      }
    });
    return urls;
  }

  // Window globals addressed by dotted paths ('ttq._i'), as the window APIs address them.
  function windowSlot(path) {
    const parts = path.split('.');
    let parent = win;
    for (let i = 0; i < parts.length - 1; i++) {
      if (parent === undefined || parent === null) return undefined;
      parent = parent[parts[i]];
    }
    return parent === undefined || parent === null ? undefined : {parent: parent, key: parts[parts.length - 1]};
  }
  function fromWindow(path) {
    const slot = windowSlot(path);
    return slot ? slot.parent[slot.key] : undefined;
  }

  mock('copyFromWindow', fromWindow);
  mock('setInWindow', function (key, value, overrideExisting) {
    const slot = windowSlot(key);
    if (!slot || (slot.parent[slot.key] !== undefined && overrideExisting !== true)) return false;
    slot.parent[slot.key] = value;
    return true;
  });
  mock('createQueue', function (key) {
    if (win[key] === undefined) win[key] = [];
    return function (item) { win[key].push(item); };
  });
  mock('callInWindow', function () {
    const args = [];
    for (let i = 1; i < arguments.length; i++) args.push(arguments[i]);
    calls.push({path: arguments[0], args: args});
    // ttq.load runs the page's function (our stub when the tag created the queue).
    const target = fromWindow(arguments[0]);
    if (arguments[0] === 'ttq.load' && target) return target(args[0], args[1]);
  });
  mock('injectScript', function (url, onSuccess, onFailure, cacheToken) {
    scripts.push({url: url, cacheToken: cacheToken});
    if (scriptOutcome === 'load') onSuccess();
    else onFailure();
  });
  mock('copyFromDataLayer', function (key) { return layer[key]; });
  mock('isConsentGranted', function (type) { return type === 'ad_storage' ? adStorageGranted : type === 'ad_user_data' ? adUserDataGranted : true; });
  mock('addConsentListener', function (type, listener) { consentListeners.push(listener); });
  mock('getUrl', function () { return pageUrl; });


___NOTES___

Web companion of the TikTok Events API server tag: both compile the same src/core mapping code.


