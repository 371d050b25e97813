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
  "displayName": "Countersign TikTok Events API",
  "categories": [
    "ADVERTISING",
    "CONVERSIONS",
    "ATTRIBUTION"
  ],
  "brand": {
    "id": "github.com_countersign-gtm",
    "displayName": "Countersign",
    "thumbnail": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGAAAABgCAYAAADimHc4AAAD30lEQVR42u2dv2sUQRTH90+4alnRhNX1Lv5IcXJYCEIgYiEEXAI2NrG0ETurCAd2KhyCFrG5No1cZ8DmGgN2V0RsjwSxNAlYO/KOGVmObHZ2b+fnfh98CTku4e77uXnz9s3OTRBUjDBKumGU9MMoGYVRMgmjhDVME/7eyYNuoCPCKInDKBmEUTJtoOFFmnJvYhXGt8IoGcJkaZFXrbrMT8MoOYappUWepYuaj099DaOhasoZw7zaNC6VkmC+GghIO7anIz7hwii1Ss/L+6h29FRHLaQem1IRv8KFMXoVZwEMYIh2DbIA0Nsx0DvKdjVhiBl1A95OhRlm1A94T9uZF93u3GLp5uPZTw8AjAKXFlPevH3HskG/u76oE7hqvoiD7z+cHg3OAPi894Xlxcnp6SwtAYAhACK2X74CAN0paD4IlEspyTsAFEdHP9n6vQ0AMAXApZTkNQAXUpL3AGxPSc4D2N//NitDi4Ke8+z5CwCoGwA93ru9Nrsgk4nd3U9WpSQvAIjn7HwcSkEgWLakJK8AkLaePJVKSQQBABQAIMmmJBtGgZcARNua8j0AGAIgMy8gBWkAkNfEwxygCUDeXEBgAEADgLywZTXNawA0yeYFlasAoBgAmWxzBeQ9gPMaeGhFaABgewXkPQDbKyDvAdheAXkNwIUKqLEAbFoda9wcYNME3IgLsSwEmxZiGtOKECCwKG8QAO4LAgAAAAAAAAAAKBBtsiBD5yUeBwBFpstsvnChr+MUADJe9nZCAKhZsrcQAoCCPb50N3OdAQAlVLf5AGAo7QBAhQlXVQBATXt8m2i+FgB0q7iqsHHLkXUAyCRVQXCVjdrOfda+0HEfwCK7G4u2n6p83X9XH7GTm5ts+/IdADgrVH85BwEQ+rrygPUuXkcKEkElrerXnQUgRsPrK3cxCdPFnI7JcR6A0MG1DbZ+adWtMrRor1YZ83Xt8c0DIESjoY5JOtDVA6KvC9CZdpbff2BXfx2y9p/flVQEgHR44yFLl7putCLm79GRDfqbshMumV/V+DIAhHaStcqjQXs7mqoimdFAZWbVSmeRT34VAGKS3lruubUgk7f8uOj/BgDDQgqyBAImYYflVRnqEwAnL8R8AOBsK8IHAKqbcRMYbqwdPXHu6+t1SdOCzAgHOJhVH0eYmFUXh/iY0xTHWJnVAAe5mVWMowzNaYjDPM3pOPdwZxxnq0UpDnS2KfXgSHNtGpc5U74FCPWan5v3kY4sSTsF58yjOqpW7aRBHcFTEkZDiU99pZQjASLmbQv0js7o7XBv4kBH8C5qn68nNHFRZ8Lfe/9/V7NC/APZb7NX5xUfzgAAAABJRU5ErkJggg\u003d\u003d"
  },
  "description": "Sends your GA4 events from the server container to TikTok (Events API), so conversions reach TikTok even when the browser blocks its script. Shares one event ID with the Countersign TikTok Pixel tag, so TikTok counts each purchase once. Customer details are scrambled before they leave; consent and retries are built in.",
  "containerContexts": [
    "SERVER"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "GROUP",
    "name": "credentialsGroup",
    "displayName": "TikTok pixel",
    "groupStyle": "NO_ZIPPY",
    "subParams": [
      {
        "type": "TEXT",
        "name": "pixelId",
        "displayName": "Pixel ID",
        "simpleValueType": true,
        "help": "The 20-character code from TikTok Events Manager \u0026gt; Assets \u0026gt; Events; the same as in the Countersign TikTok Pixel tag. Both tags send it in capitals, so lower case works too.",
        "valueHint": "C9Q2MJ3C77U4P674RPG0",
        "alwaysInSummary": true,
        "valueValidators": [
          {
            "type": "NON_EMPTY"
          },
          {
            "type": "REGEX",
            "args": [
              "\\s*([A-Za-z0-9]{10,40}|\\{\\{[^}]+\\}\\})\\s*"
            ],
            "errorMessage": "A pixel ID has 10-40 letters and digits (usually 20), e.g. C9Q2MJ3C77U4P674RPG0."
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "accessToken",
        "displayName": "Events API access token",
        "simpleValueType": true,
        "help": "TikTok Events Manager \u0026gt; your pixel \u0026gt; Settings \u0026gt; Events API \u0026gt; Generate Access Token (\u003ca href\u003d\"https://ads.tiktok.com/help/article/events-api\" target\u003d\"_blank\"\u003eTikTok\u0027s guide\u003c/a\u003e). Never logged; better kept in a Constant variable.",
        "valueValidators": [
          {
            "type": "NON_EMPTY"
          },
          {
            "type": "REGEX",
            "args": [
              "\\s*([A-Za-z0-9._~+/\u003d-]{16,512}|\\{\\{[^}]+\\}\\})\\s*"
            ],
            "errorMessage": "The token is a long string of letters and digits without spaces."
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "testEventCode",
        "displayName": "Test event code (optional)",
        "simpleValueType": true,
        "help": "From TikTok Events Manager \u0026gt; Test Events; events show there, not counted. Remove it before publishing.",
        "valueHint": "TEST12345"
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
    "help": "TikTok renamed CompletePayment to Purchase and SubmitForm to Lead in 2025. Use the same names in the Countersign TikTok Pixel tag, or TikTok counts the event twice. No default: only you know which names the other side sends (TikTok\u0027s own templates send Legacy). \"As in the settings variable\" with no settings variable that names them: Current, and a warning in the log."
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
        "help": "No TikTok cookies, no personal data. Safe for EU/EEA visitors."
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
    "name": "eventSourceGroup",
    "displayName": "Event source and more pixels",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "SELECT",
        "name": "eventSource",
        "displayName": "Event source",
        "selectItems": [
          {
            "value": "web",
            "displayValue": "Web: a website (the Pixel ID field holds the pixel code)"
          },
          {
            "value": "app",
            "displayValue": "App: a mobile app (the Pixel ID field holds the TikTok App ID)"
          },
          {
            "value": "offline",
            "displayValue": "Offline: a shop or phone order (the Pixel ID field holds the offline event set ID)"
          },
          {
            "value": "crm",
            "displayValue": "CRM: later stages of a TikTok lead (the Pixel ID field holds the CRM event set ID)"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "web",
        "help": "TikTok takes four kinds of events, each sent to its own ID from Events Manager. Web: the only kind with the page, names, address, cookies, the TikTok ad click\u0027s ID and the browser ID. App: with \u003ccode\u003eapp\u003c/code\u003e (App ID below) and the phone\u0027s advertising IDs (IDFA, IDFV, Google advertising ID; IDs of only zeros left out), from the GA4 app client\u0027s \u003ccode\u003ex-ga-platform\u003c/code\u003e, \u003ccode\u003ex-ga-resettable_device_id\u003c/code\u003e, \u003ccode\u003ex-ga-vendor_device_id\u003c/code\u003e or the incoming event\u0027s \u003ccode\u003eidfa\u003c/code\u003e, \u003ccode\u003eidfv\u003c/code\u003e, \u003ccode\u003egaid\u003c/code\u003e, \u003ccode\u003eatt_status\u003c/code\u003e. Offline: needs an email or phone and an event name TikTok knows; the incoming event\u0027s \u003ccode\u003eshop_id\u003c/code\u003e names the store. CRM: needs the TikTok lead ID."
      },
      {
        "type": "TEXT",
        "name": "androidAppSourceId",
        "displayName": "TikTok App ID of the Android app (optional)",
        "simpleValueType": true,
        "help": "TikTok Events Manager gives an app one App ID for iOS and one for Android. Events whose \u003ccode\u003ex-ga-platform\u003c/code\u003e is \u003ccode\u003eandroid\u003c/code\u003e go to this ID instead of the one in the Pixel ID field.",
        "enablingConditions": [
          {
            "paramName": "eventSource",
            "paramValue": "app",
            "type": "EQUALS"
          }
        ],
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "\\s*([A-Za-z0-9]{10,40}|\\{\\{[^}]+\\}\\})\\s*"
            ],
            "errorMessage": "An ID has 10-40 letters and digits, e.g. C9Q2MJ3C77U4P674RPG0 or 7312345678901234567."
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "appId",
        "displayName": "App ID sent to TikTok (app.app_id)",
        "simpleValueType": true,
        "valueHint": "343200656",
        "help": "The App Store number on iOS (\u003ccode\u003e343200656\u003c/code\u003e in \u003ccode\u003eapps.apple.com/app/id343200656\u003c/code\u003e), the package name on Android (\u003ccode\u003ecom.example.shop\u003c/code\u003e). Empty: the event\u0027s \u003ccode\u003eapp_id\u003c/code\u003e (on iOS only when it is an App Store number). App events without one are not sent.",
        "enablingConditions": [
          {
            "paramName": "eventSource",
            "paramValue": "app",
            "type": "EQUALS"
          }
        ],
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "\\s*([0-9]+|[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+|\\{\\{[^}]+\\}\\})?\\s*"
            ],
            "errorMessage": "The App Store number (e.g. 343200656) or the Android package name (e.g. com.example.shop)."
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "leadId",
        "displayName": "TikTok lead ID",
        "simpleValueType": true,
        "help": "The ID of the lead from TikTok\u0027s lead forms (Leads Center or the lead download), e.g. \u003ccode\u003e{{lead id}}\u003c/code\u003e. Empty: the event\u0027s \u003ccode\u003elead_id\u003c/code\u003e (or \u003ccode\u003elead.lead_id\u003c/code\u003e). CRM events without one are not sent.",
        "enablingConditions": [
          {
            "paramName": "eventSource",
            "paramValue": "crm",
            "type": "EQUALS"
          }
        ]
      },
      {
        "type": "TEXT",
        "name": "leadEventSource",
        "displayName": "CRM name (optional)",
        "simpleValueType": true,
        "valueHint": "HubSpot",
        "help": "Sent as \u003ccode\u003elead_event_source\u003c/code\u003e. Empty: the event\u0027s \u003ccode\u003elead_event_source\u003c/code\u003e.",
        "enablingConditions": [
          {
            "paramName": "eventSource",
            "paramValue": "crm",
            "type": "EQUALS"
          }
        ]
      },
      {
        "type": "SIMPLE_TABLE",
        "name": "moreDestinations",
        "displayName": "More pixels (or event sets) that get the same event",
        "help": "One request per ID (a pixel or event set, from Events Manager), each with the same event and \u003ccode\u003eevent_id\u003c/code\u003e: TikTok counts it once per pixel. A pixel\u0027s access token works for that pixel only: give each row its token, or leave it empty to use the tag\u0027s. The tag succeeds only when every ID accepted the event; the log has one line per ID (sent or failed), then a summary naming both, so one failure never hides the others\u0027 success.",
        "newRowButtonText": "Add pixel",
        "simpleTableColumns": [
          {
            "name": "destinationId",
            "displayName": "Pixel ID (or event set ID)",
            "type": "TEXT",
            "isUnique": true,
            "valueValidators": [
              {
                "type": "NON_EMPTY"
              },
              {
                "type": "REGEX",
                "args": [
                  "\\s*([A-Za-z0-9]{10,40}|\\{\\{[^}]+\\}\\})\\s*"
                ],
                "errorMessage": "An ID has 10-40 letters and digits, e.g. C9Q2MJ3C77U4P674RPG0 or 7312345678901234567."
              }
            ]
          },
          {
            "name": "destinationToken",
            "displayName": "Access token (empty: the tag\u0027s)",
            "type": "TEXT"
          }
        ]
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "eventGroup",
    "displayName": "Event name and ID",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "RADIO",
        "name": "eventMode",
        "displayName": "Event name",
        "radioItems": [
          {
            "value": "mapped",
            "displayValue": "From the incoming event (GA4 names mapped to TikTok)",
            "help": "purchase → Purchase, add_to_cart → AddToCart, page_view → Pageview and every other event TikTok knows (\u003ca href\u003d\"https://ads.tiktok.com/help/article/supported-standard-events\" target\u003d\"_blank\"\u003eTikTok\u0027s list\u003c/a\u003e); TikTok names are kept."
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
            "displayValue": "Do not send (logged)"
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
            "displayName": "Incoming event name",
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
        "type": "TEXT",
        "name": "eventId",
        "displayName": "Event ID (optional)",
        "simpleValueType": true,
        "help": "Shared with the browser\u0027s copy so that TikTok counts it once (\u003ca href\u003d\"https://ads.tiktok.com/help/article/event-deduplication\" target\u003d\"_blank\"\u003eTikTok\u0027s guide\u003c/a\u003e). Empty: the event\u0027s \u003ccode\u003eevent_id\u003c/code\u003e, else the rule below. Another key of the incoming event: an Event Data variable."
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
        "type": "LABEL",
        "name": "propertiesLabel",
        "displayName": "From the GA4 event: items, value, currency, order number (transaction_id), search term."
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
    "name": "userGroup",
    "displayName": "Customer details for matching",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "LABEL",
        "name": "userLabel",
        "displayName": "From the GA4 event\u0027s customer details (user_data) and user_id (a logged-in customer\u0027s ID); fields below win. Sent only scrambled (SHA-256); personal data in page addresses becomes \u003ccode\u003eredacted\u003c/code\u003e."
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
        "help": "The city is sent lower-case, not scrambled (as TikTok asks)."
      },
      {
        "type": "TEXT",
        "name": "userState",
        "displayName": "State / region",
        "simpleValueType": true,
        "help": "The state is sent lower-case, not scrambled (as TikTok asks)."
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
    "type": "GROUP",
    "name": "rememberedKeysGroup",
    "displayName": "Remembered customer details",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "CHECKBOX",
        "name": "rememberMatchKeys",
        "checkboxText": "Remember the scrambled customer details for the visitor\u0027s later events",
        "simpleValueType": true,
        "defaultValue": false,
        "help": "Keeps the event\u0027s email, phone, customer ID, names and zip, scrambled (SHA-256), in your site\u0027s own cookie \u003ccode\u003ett_match_keys\u003c/code\u003e (which page scripts cannot read), and adds them to later web events that lack them, so the events after a checkout still match. Never a plain value (city, state and country are left out). Only while consent to advertising cookies (ad_storage) and to personal data (ad_user_data) are both granted; when either is denied the cookie is deleted at once.",
        "subParams": [
          {
            "type": "TEXT",
            "name": "rememberedKeysDays",
            "displayName": "Keep them for (days)",
            "simpleValueType": true,
            "defaultValue": "90",
            "enablingConditions": [
              {
                "paramName": "rememberMatchKeys",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "valueValidators": [
              {
                "type": "POSITIVE_NUMBER"
              },
              {
                "type": "REGEX",
                "args": [
                  "\\s*([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-2][0-9][0-9][0-9]|3[0-5][0-9][0-9]|36[0-4][0-9]|3650|\\{\\{[^}]+\\}\\})\\s*"
                ],
                "errorMessage": "A whole number from 1 to 3650."
              }
            ],
            "help": "1 to 3650, counted from the last event that brought customer details. The cookie gets the domain and \u003ca href\u003d\"https://github.com/countersign-gtm/tiktok-gtm-templates/blob/main/docs/guide/glossary.md#samesite\" target\u003d\"_blank\"\u003eSameSite\u003c/a\u003e setting of the ad click and browser ID cookies."
          }
        ]
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "identityGroup",
    "displayName": "Ad click and browser ID cookies",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "LABEL",
        "name": "identityLabel",
        "displayName": "ttclid (an ad click\u0027s ID) and _ttp (TikTok\u0027s browser ID) come from the page address, their cookies or the event."
      },
      {
        "type": "CHECKBOX",
        "name": "persistTtclid",
        "checkboxText": "Store the click ID from the page address in a ttclid cookie",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "TikTok adds ttclid to the page address after a TikTok ad click; the cookie keeps it for later purchases.",
        "subParams": [
          {
            "type": "TEXT",
            "name": "ttclidDays",
            "displayName": "ttclid cookie lifetime (days)",
            "simpleValueType": true,
            "defaultValue": "30",
            "enablingConditions": [
              {
                "paramName": "persistTtclid",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "valueValidators": [
              {
                "type": "POSITIVE_NUMBER"
              },
              {
                "type": "REGEX",
                "args": [
                  "\\s*([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-2][0-9][0-9][0-9]|3[0-5][0-9][0-9]|36[0-4][0-9]|3650|\\{\\{[^}]+\\}\\})\\s*"
                ],
                "errorMessage": "A whole number from 1 to 3650."
              }
            ],
            "help": "1 to 3650. Match how long a TikTok ad click counts in TikTok Ads Manager."
          }
        ]
      },
      {
        "type": "CHECKBOX",
        "name": "refreshTtp",
        "checkboxText": "Re-set the _ttp cookie from the server (it then lasts longer in Safari)",
        "simpleValueType": true,
        "defaultValue": true,
        "help": "_ttp is TikTok\u0027s browser ID; Safari shortens cookies set by page scripts, not those set by the server.",
        "subParams": [
          {
            "type": "TEXT",
            "name": "ttpDays",
            "displayName": "_ttp cookie lifetime (days)",
            "simpleValueType": true,
            "defaultValue": "396",
            "enablingConditions": [
              {
                "paramName": "refreshTtp",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "valueValidators": [
              {
                "type": "POSITIVE_NUMBER"
              },
              {
                "type": "REGEX",
                "args": [
                  "\\s*([1-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-2][0-9][0-9][0-9]|3[0-5][0-9][0-9]|36[0-4][0-9]|3650|\\{\\{[^}]+\\}\\})\\s*"
                ],
                "errorMessage": "A whole number from 1 to 3650."
              }
            ],
            "help": "1 to 3650; TikTok keeps its browser ID 13 months."
          }
        ]
      },
      {
        "type": "CHECKBOX",
        "name": "generateTtp",
        "checkboxText": "Create a _ttp when the visitor has none",
        "simpleValueType": true,
        "defaultValue": false,
        "help": "For pages without TikTok\u0027s script: makes a browser ID (_ttp) from the Google Analytics client ID. TikTok does not say if its script keeps it."
      },
      {
        "type": "TEXT",
        "name": "cookieDomain",
        "displayName": "Cookie domain",
        "simpleValueType": true,
        "defaultValue": "auto",
        "help": "\u003ccode\u003eauto\u003c/code\u003e: your site\u0027s domain, from the server container\u0027s address; or e.g. \u003ccode\u003eexample.com\u003c/code\u003e.",
        "valueValidators": [
          {
            "type": "REGEX",
            "args": [
              "\\s*(auto|\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\{\\{[^}]+\\}\\})\\s*"
            ],
            "errorMessage": "auto or a domain like example.com"
          }
        ]
      },
      {
        "type": "SELECT",
        "name": "cookieSameSite",
        "displayName": "Cookie SameSite",
        "selectItems": [
          {
            "value": "Lax",
            "displayValue": "Lax (recommended)"
          },
          {
            "value": "Strict",
            "displayValue": "Strict"
          },
          {
            "value": "None",
            "displayValue": "None"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "Lax",
        "help": "Sending the cookies when another site links to yours: Lax on links (recommended), Strict never, None always."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "consentGroup",
    "displayName": "Consent and privacy",
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
            "displayValue": "Respect consent, send a reduced event when denied",
            "help": "Cookies denied: no TikTok cookies. Personal data denied: none sent."
          },
          {
            "value": "require_ad_storage",
            "displayValue": "Send only with consent to advertising cookies",
            "help": "Cookies denied: nothing sent."
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
      },
      {
        "type": "SELECT",
        "name": "limitedDataUse",
        "displayName": "Limited Data Use",
        "selectItems": [
          {
            "value": "settings",
            "displayValue": "As in the settings variable (else only for events whose key says so)"
          },
          {
            "value": "false",
            "displayValue": "Only for events whose key below says so"
          },
          {
            "value": "true",
            "displayValue": "For every event"
          }
        ],
        "simpleValueType": true,
        "help": "Asks TikTok to limit its use of the events, for US state privacy laws.",
        "defaultValue": "settings"
      },
      {
        "type": "TEXT",
        "name": "limitedDataUseKey",
        "displayName": "Event data key that switches on Limited Data Use per event",
        "simpleValueType": true,
        "help": "A key of the incoming event; true or 1 there limits that event (US privacy laws). Empty: the settings variable\u0027s, else limited_data_use."
      }
    ]
  },
  {
    "type": "GROUP",
    "name": "deliveryGroup",
    "displayName": "Delivery",
    "groupStyle": "ZIPPY_CLOSED",
    "subParams": [
      {
        "type": "TEXT",
        "name": "maxRetries",
        "displayName": "Retries on throttling, server errors and timeouts",
        "simpleValueType": true,
        "defaultValue": "2",
        "valueValidators": [
          {
            "type": "NON_NEGATIVE_NUMBER"
          },
          {
            "type": "REGEX",
            "args": [
              "\\s*([0-5]|\\{\\{[^}]+\\}\\})\\s*"
            ],
            "errorMessage": "A whole number from 0 to 5."
          }
        ],
        "help": "0 to 5. Retries send the same event ID, so TikTok counts the event once."
      },
      {
        "type": "TEXT",
        "name": "timeoutMs",
        "displayName": "Request timeout (milliseconds)",
        "simpleValueType": true,
        "defaultValue": "10000",
        "valueValidators": [
          {
            "type": "POSITIVE_NUMBER"
          },
          {
            "type": "REGEX",
            "args": [
              "\\s*([5-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-5][0-9][0-9][0-9][0-9]|60000|\\{\\{[^}]+\\}\\})\\s*"
            ],
            "errorMessage": "A whole number from 500 to 60000."
          }
        ],
        "help": "500 to 60000: how long to wait for TikTok\u0027s answer."
      },
      {
        "type": "CHECKBOX",
        "name": "optimistic",
        "checkboxText": "Report success without waiting for TikTok (failures are still logged)",
        "simpleValueType": true,
        "defaultValue": false
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
        "type": "RADIO",
        "name": "logType",
        "displayName": "Console logging",
        "radioItems": [
          {
            "value": "never",
            "displayValue": "Never"
          },
          {
            "value": "debug",
            "displayValue": "In preview and debug mode only"
          },
          {
            "value": "always",
            "displayValue": "Always (production too)"
          }
        ],
        "simpleValueType": true,
        "defaultValue": "debug",
        "help": "Each request and TikTok\u0027s answer; personal data only scrambled (SHA-256), never the token."
      },
      {
        "type": "CHECKBOX",
        "name": "bigQueryLogging",
        "checkboxText": "Also write the records to BigQuery",
        "simpleValueType": true,
        "defaultValue": false,
        "subParams": [
          {
            "type": "TEXT",
            "name": "bigQueryProjectId",
            "displayName": "Project ID (optional)",
            "simpleValueType": true,
            "help": "Empty: the server container\u0027s own project.",
            "enablingConditions": [
              {
                "paramName": "bigQueryLogging",
                "paramValue": true,
                "type": "EQUALS"
              }
            ]
          },
          {
            "type": "TEXT",
            "name": "bigQueryDatasetId",
            "displayName": "Dataset ID",
            "simpleValueType": true,
            "valueValidators": [
              {
                "type": "NON_EMPTY",
                "enablingConditions": [
                  {
                    "paramName": "bigQueryLogging",
                    "paramValue": true,
                    "type": "EQUALS"
                  }
                ]
              }
            ],
            "enablingConditions": [
              {
                "paramName": "bigQueryLogging",
                "paramValue": true,
                "type": "EQUALS"
              }
            ]
          },
          {
            "type": "TEXT",
            "name": "bigQueryTableId",
            "displayName": "Table ID",
            "simpleValueType": true,
            "valueValidators": [
              {
                "type": "NON_EMPTY",
                "enablingConditions": [
                  {
                    "paramName": "bigQueryLogging",
                    "paramValue": true,
                    "type": "EQUALS"
                  }
                ]
              }
            ],
            "enablingConditions": [
              {
                "paramName": "bigQueryLogging",
                "paramValue": true,
                "type": "EQUALS"
              }
            ],
            "help": "Columns: timestamp, tag_name, type, trace_id, event_name, \u003ca href\u003d\"https://github.com/countersign-gtm/tiktok-gtm-templates/blob/main/docs/guide/glossary.md#event_id\" target\u003d\"_blank\"\u003eevent_id\u003c/a\u003e, request_url, request_body, response_status_code, response_body, message."
          }
        ]
      }
    ]
  }
]


___SANDBOXED_JS_FOR_SERVER___

const BigQuery = require('BigQuery');
const JSON = require('JSON');
const Math = require('Math');
const Object = require('Object');
const computeEffectiveTldPlusOne = require('computeEffectiveTldPlusOne');
const decodeUriComponent = require('decodeUriComponent');
const encodeUriComponent = require('encodeUriComponent');
const getAllEventData = require('getAllEventData');
const getContainerVersion = require('getContainerVersion');
const getCookieValues = require('getCookieValues');
const getRequestHeader = require('getRequestHeader');
const getTimestampMillis = require('getTimestampMillis');
const getType = require('getType');
const logToConsole = require('logToConsole');
const makeNumber = require('makeNumber');
const makeString = require('makeString');
const sendHttpRequest = require('sendHttpRequest');
const setCookie = require('setCookie');
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

var TTCLID_COOKIE_MAX_AGE = 2592e3;
var TTP_COOKIE_MAX_AGE = 34214400;
var TTCLID_COOKIE_NAME = "ttclid";
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
function buildCookieOptions(settings, tk) {
  const domainText = toText(settings.domain, tk);
  const domain = domainText !== undefined && isCookieDomain(domainText) ? domainText.toLowerCase() : "auto";
  const sameSite = settings.sameSite === "Strict" || settings.sameSite === "None" ? settings.sameSite : "Lax";
  const maxAge = settings.maxAgeSeconds > 0 ? tk.floor(settings.maxAgeSeconds) : TTCLID_COOKIE_MAX_AGE;
  return { domain: domain, path: "/", "max-age": maxAge, secure: true, samesite: sameSite, httpOnly: false };
}
var DOMAIN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
function isCookieDomain(text) {
  if (text === "auto") return true;
  const body = text.charAt(0) === "." ? text.substring(1) : text;
  if (body.length === 0 || body.length > 253 || body.indexOf("..") !== -1) return false;
  if (body.charAt(0) === "-" || body.charAt(body.length - 1) === "." || body.charAt(body.length - 1) === "-") return false;
  for (let i = 0; i < body.length; i++) if (DOMAIN_CHARS.indexOf(body.charAt(i)) === -1) return false;
  return true;
}
function planIdentityCookies(input, tk) {
  const writes = [];
  if (!input.allowWrite) return writes;
  const ttclid = input.ttclid;
  if (input.persistTtclid !== false && ttclid && ttclid.value !== undefined && (ttclid.source === "url" || ttclid.source === "referrer")) {
    const value = sanitizeCookieValue(ttclid.value, tk);
    if (value !== undefined) {
      writes.push({
        name: TTCLID_COOKIE_NAME,
        value: value,
        options: buildCookieOptions({ domain: input.domain, sameSite: input.sameSite, maxAgeSeconds: input.ttclidMaxAge || TTCLID_COOKIE_MAX_AGE }, tk)
      });
    } else {
      noteRejected(input.notes, TTCLID_COOKIE_NAME);
    }
  }
  const ttp = input.ttp;
  if (input.refreshTtp !== false && ttp && ttp.value !== undefined && ttp.source !== "none") {
    const value = sanitizeCookieValue(ttp.value, tk);
    if (value !== undefined) {
      writes.push({
        name: TTP_COOKIE_NAME,
        value: value,
        options: buildCookieOptions({ domain: input.domain, sameSite: input.sameSite, maxAgeSeconds: input.ttpMaxAge || TTP_COOKIE_MAX_AGE }, tk)
      });
    } else {
      noteRejected(input.notes, TTP_COOKIE_NAME);
    }
  }
  return writes;
}
function rejectedCookieNote(name) {
  return name + " cookie not written: the value is not a valid cookie value (RFC 6265 cookie-octets, at most " + MAX_COOKIE_VALUE_LENGTH + " characters)";
}
function noteRejected(notes, name) {
  if (notes) notes.push(rejectedCookieNote(name));
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

function normalizeEventSource(value) {
  return value === "app" || value === "offline" || value === "crm" ? value : "web";
}
var USER_KEYS_BY_SOURCE = {
  web: ["email", "phone", "external_id", "first_name", "last_name", "zip_code", "city", "state", "country", "ttp", "ttclid", "ip", "user_agent", "locale"],
  app: ["email", "phone", "ip", "user_agent", "locale", "idfa", "idfv", "gaid", "att_status"],
  offline: ["email", "phone"],
  crm: ["email", "phone", "external_id"]
};
function sourceTakesLimitedDataUse(source) {
  return source === "web" || source === "app";
}
var GA4_TO_TIKTOK_APP = {
  first_open: "InstallApp",
  login: "Login",
  sign_up: "Registration",
  begin_checkout: "Checkout",
  generate_lead: "GenerateLead",
  level_up: "AchieveLevel",
  tutorial_complete: "CompleteTutorial",
  unlock_achievement: "UnlockAchievement",
  spend_virtual_currency: "SpendCredits",
  join_group: "JoinGroup"
};
function sourceNameOverrides(source) {
  if (source !== "app") return [];
  const rows = [];
  for (const name in GA4_TO_TIKTOK_APP) {
    if (GA4_TO_TIKTOK_APP.hasOwnProperty(name)) rows.push({ from: name, to: GA4_TO_TIKTOK_APP[name] });
  }
  return rows;
}
function eventNameProblem(name, source) {
  if (source === "web") return undefined;
  if (name === PAGEVIEW_EVENT) return "Pageview is a web event: not sent as an " + source + " event";
  if (source === "offline" && !isTikTokStandardEvent(name)) return 'offline events take standard event names only, and "' + name + '" is not one';
  return undefined;
}
var ATT_STATUSES = ["AUTHORIZED", "DENIED", "NOT_DETERMINED", "RESTRICTED", "NOT_APPLICABLE"];
var ZERO_ID = "00000000-0000-0000-0000-000000000000";
var UUID_DASHES = [8, 13, 18, 23];
var HEX_DIGITS = "0123456789abcdefABCDEF";
function isUuid(text) {
  if (text.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const ch = text.charAt(i);
    if (UUID_DASHES.indexOf(i) !== -1) {
      if (ch !== "-") return false;
    } else if (HEX_DIGITS.indexOf(ch) === -1) {
      return false;
    }
  }
  return true;
}
function normalizeDeviceId(value, idCase, tk) {
  const text = toText(value, tk);
  if (text === undefined) return { zero: false };
  if (isSha256Hex(text)) return { value: text.toLowerCase(), zero: false };
  if (!isUuid(text)) return { zero: false };
  if (text === ZERO_ID) return { zero: true };
  return { value: idCase === "upper" ? text.toUpperCase() : idCase === "lower" ? text.toLowerCase() : text, zero: false };
}
function allDigits(text) {
  return text.match("^\\d+$") !== null;
}
function platformOf(event, tk) {
  const text = toText(event.app.platform, tk);
  return text !== undefined ? text.toLowerCase() : "";
}
function planApp(event, settings, parts, tk) {
  let appId = toText(settings.appId, tk);
  if (appId === undefined) {
    const fromEvent = toText(event.app.appId, tk);
    if (fromEvent !== undefined && platformOf(event, tk) === "ios" && !allDigits(fromEvent)) {
      parts.warnings.push("app_id of the event is not an App Store number (iOS): set the App ID field");
    } else {
      appId = fromEvent;
    }
  }
  if (appId === undefined) {
    parts.missing = "app events need app.app_id (the App Store number on iOS, the package name on Android): set the App ID field or send app_id";
    return;
  }
  const app = { app_id: appId };
  const name = toText(event.app.appName, tk);
  if (name !== undefined) app.app_name = name;
  const version = toText(event.app.appVersion, tk);
  if (version !== undefined) app.app_version = version;
  parts.app = app;
}
function planDeviceIds(event, allowIds, parts, tk) {
  const idfa = normalizeDeviceId(event.app.idfa, "upper", tk);
  const idfv = normalizeDeviceId(event.app.idfv, "as_is", tk);
  const gaid = normalizeDeviceId(event.app.gaid, "lower", tk);
  if (idfa.zero || gaid.zero) parts.warnings.push("all-zero advertising id left out (no tracking permission)");
  const ids = parts.deviceIds;
  if (allowIds) {
    if (idfa.value !== undefined) ids.idfa = idfa.value;
    if (idfv.value !== undefined) ids.idfv = idfv.value;
    if (gaid.value !== undefined) ids.gaid = gaid.value;
  }
  const given = toText(event.app.attStatus, tk);
  const status = given !== undefined ? given.toUpperCase() : "";
  const platform = platformOf(event, tk);
  if (ATT_STATUSES.indexOf(status) !== -1) ids.att_status = status;
  else if (platform === "android" || platform !== "ios" && gaid.value !== undefined) ids.att_status = "NOT_APPLICABLE";
  else if (idfa.value !== undefined) ids.att_status = "AUTHORIZED";
}
function planLead(event, settings, parts, tk) {
  const leadId = toText(settings.leadId, tk) || toText(event.lead.leadId, tk);
  if (leadId === undefined) {
    parts.missing = "CRM events need lead.lead_id (the ID of the TikTok lead): set the Lead ID field or send lead_id";
    return;
  }
  const lead = { lead_id: leadId };
  const crm = toText(settings.leadEventSource, tk) || toText(event.lead.leadEventSource, tk);
  if (crm !== undefined) lead.lead_event_source = crm;
  parts.lead = lead;
}
function planEventSource(event, settings, allowDeviceIds, tk) {
  const parts = { source: settings.source, deviceIds: {}, warnings: [] };
  if (settings.source === "app") {
    planApp(event, settings, parts, tk);
    planDeviceIds(event, allowDeviceIds, parts, tk);
  } else if (settings.source === "crm") {
    planLead(event, settings, parts, tk);
  }
  const shopId = toText(event.commerce.shopId, tk);
  if (shopId !== undefined && settings.source === "offline") parts.shopId = shopId;
  return parts;
}
function userForSource(user, source) {
  const allowed = USER_KEYS_BY_SOURCE[source];
  const out = {};
  for (const key in user) {
    if (user.hasOwnProperty(key) && allowed.indexOf(key) !== -1 && user[key] !== undefined) out[key] = user[key];
  }
  return out;
}
function normalizeAccessToken(value, tk) {
  const token = toText(value, tk);
  return token !== undefined && token.indexOf(" ") === -1 ? token : undefined;
}
function resolveDestinations(primary, rows, idIsValid, tk) {
  const plan = { destinations: [primary], notes: [] };
  const seen = [primary.id];
  rows.forEach((row, index) => {
    const id = idIsValid(row.id);
    const where = "more pixels, row " + (index + 1);
    if (id === undefined) {
      if (toText(row.id, tk) !== undefined) plan.notes.push(where + ": not a valid ID (10-40 letters and digits): left out");
      return;
    }
    if (seen.indexOf(id) !== -1) {
      plan.notes.push(where + ": " + id + " is already a destination of this tag: left out");
      return;
    }
    seen.push(id);
    const given = toText(row.token, tk);
    plan.destinations.push({ id: id, token: given === undefined ? primary.token : normalizeAccessToken(given, tk) });
  });
  return plan;
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
  const fields2 = item;
  const content = { quantity: normalizeQuantity(fields2.quantity !== undefined ? fields2.quantity : fields2.num_items, tk) };
  const found = {
    content_id: firstText([fields2.content_id, fields2.item_id, fields2.id], tk),
    content_name: firstText([fields2.content_name, fields2.item_name, fields2.name], tk)
  };
  if (found.content_id === undefined && found.content_name === undefined) return undefined;
  found.content_category = firstText([fields2.content_category, fields2.item_category, fields2.category], tk);
  found.brand = firstText([fields2.brand, fields2.item_brand], tk);
  found.price = readAmount(fields2.price, tk).amount;
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

function pixelIdFromText(text) {
  const id = text.trim().toUpperCase();
  return id.match("^[A-Z0-9]{10,40}$") !== null ? id : undefined;
}

var REDACTED_VALUE = "redacted";
var PERSONAL_NAMES = [
  "email",
  "mail",
  "emailaddress",
  "phone",
  "phonenumber",
  "tel",
  "telephone",
  "mobile",
  "mobilenumber",
  "cell",
  "cellphone",
  "name",
  "fullname",
  "firstname",
  "lastname",
  "fname",
  "lname",
  "givenname",
  "familyname",
  "surname",
  "middlename",
  "username",
  "address",
  "address1",
  "address2",
  "street",
  "zip",
  "zipcode",
  "postcode",
  "postalcode",
  "dob",
  "birthday",
  "birthdate",
  "dateofbirth",
  "externalid",
  "userid",
  "uid",
  "customerid",
  "ssn",
  "password",
  "passwd",
  "pwd",
  "pass"
];
var PERSONAL_NAME_PARTS = [
  "email",
  "phone",
  "firstname",
  "lastname",
  "fullname",
  "surname",
  "birth",
  "street",
  "postcode",
  "postalcode",
  "zipcode",
  "externalid",
  "userid",
  "customerid",
  "password"
];
var KEPT_PARAMETERS = ["ttclid"];
var LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";
var DIGITS = "0123456789";
var ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
var EMAIL_STOPS = " 	\n\r\v\f @/?&=#,;:<>\"'()[]{}|\\!*$^`~";
var PHONE_DECORATION2 = " 	 -.()/";
var PHONE_CHARS = DIGITS + "+" + PHONE_DECORATION2;
function compactName(name) {
  const lower = name.toLowerCase();
  let out = "";
  for (let i = 0; i < lower.length; i++) {
    const ch = lower.charAt(i);
    if (LETTERS_AND_DIGITS.indexOf(ch) !== -1) out += ch;
  }
  return out;
}
function isPersonalParameterName(name) {
  const compact = compactName(name);
  if (compact.length === 0) return false;
  if (PERSONAL_NAMES.indexOf(compact) !== -1) return true;
  return PERSONAL_NAME_PARTS.some((part) => compact.indexOf(part) !== -1);
}
function containsEmail(text) {
  let at = text.indexOf("@");
  while (at !== -1) {
    if (at > 0 && EMAIL_STOPS.indexOf(text.charAt(at - 1)) === -1 && hasDomainAfter(text, at + 1)) return true;
    at = text.indexOf("@", at + 1);
  }
  return false;
}
function hasDomainAfter(text, from) {
  let end = from;
  while (end < text.length && EMAIL_STOPS.indexOf(text.charAt(end)) === -1) end++;
  while (end > from && text.charAt(end - 1) === ".") end--;
  const domain = text.substring(from, end);
  const dot = domain.lastIndexOf(".");
  return dot > 0 && dot < domain.length - 1;
}
function looksLikePhone(text) {
  let digits = "";
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (DIGITS.indexOf(ch) !== -1) {
      digits += ch;
    } else if (ch === "+") {
      if (plus || digits.length > 0) return false;
      plus = true;
    } else if (PHONE_DECORATION2.indexOf(ch) === -1) {
      return false;
    }
  }
  let international = plus;
  if (!plus && digits.substring(0, 2) === "00") {
    international = true;
    digits = digits.substring(2);
  }
  if (digits.length > 15) return false;
  return international ? digits.length >= 8 : digits.length >= 10;
}
function containsPhone(text) {
  let i = 0;
  while (i < text.length) {
    if (PHONE_CHARS.indexOf(text.charAt(i)) === -1) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && PHONE_CHARS.indexOf(text.charAt(end)) !== -1) end++;
    const next = end;
    let start = i;
    while (start < end && (DIGITS + "+(").indexOf(text.charAt(start)) === -1) start++;
    while (end > start && (DIGITS + ")").indexOf(text.charAt(end - 1)) === -1) end--;
    if (end > start) {
      const before = start > 0 ? text.charAt(start - 1) : "";
      const after = end < text.length ? text.charAt(end) : "";
      const glued = before !== "" && ASCII_LETTERS.indexOf(before) !== -1 || after !== "" && ASCII_LETTERS.indexOf(after) !== -1;
      if (!glued && looksLikePhone(text.substring(start, end))) return true;
    }
    i = next;
  }
  return false;
}
function decodedForms(raw, tk) {
  const forms = [raw];
  let current = raw;
  for (let round = 0; round < 3 && current.indexOf("%") !== -1; round++) {
    const decoded = tk.decodeUriComponent(current.split("+").join(" "));
    if (decoded === undefined || decoded === current) break;
    forms.push(decoded);
    current = decoded;
  }
  if (current.indexOf("+") !== -1 && current.indexOf("%") === -1) forms.push(current.split("+").join(" "));
  return forms;
}
function isPersonalValue(raw, checkPhone, tk) {
  const forms = decodedForms(raw, tk);
  for (let i = 0; i < forms.length; i++) {
    if (containsEmail(forms[i])) return true;
    if (checkPhone && containsPhone(forms[i])) return true;
  }
  return false;
}
function decodedName(raw, tk) {
  const forms = decodedForms(raw, tk);
  return forms[forms.length - 1];
}
function redactQuery(query, tk) {
  if (query.length === 0) return query;
  const pairs = query.split("&");
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (pair.length === 0) continue;
    const eq = pair.indexOf("=");
    const rawName = eq === -1 ? pair : pair.substring(0, eq);
    const rawValue = eq === -1 ? "" : pair.substring(eq + 1);
    const name = decodedName(rawName, tk);
    if (KEPT_PARAMETERS.indexOf(name) !== -1) continue;
    if (isPersonalValue(rawName, false, tk)) {
      pairs[i] = REDACTED_VALUE;
    } else if (rawValue.length > 0 && (isPersonalParameterName(name) || isPersonalValue(rawValue, true, tk))) {
      pairs[i] = rawName + "=" + REDACTED_VALUE;
    }
  }
  return pairs.join("&");
}
function redactPath(path, tk) {
  const segments = path.split("/");
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.length === 0) continue;
    const forms = decodedForms(segment, tk);
    for (let j = 0; j < forms.length; j++) {
      const text = forms[j].trim();
      const international = text.charAt(0) === "+" || text.substring(0, 2) === "00";
      if (containsEmail(text) || international && looksLikePhone(text)) {
        segments[i] = REDACTED_VALUE;
        break;
      }
    }
  }
  return segments.join("/");
}
function redactFragment(fragment, tk) {
  const q = fragment.indexOf("?");
  if (q !== -1) return redactPath(fragment.substring(0, q), tk) + "?" + redactQuery(fragment.substring(q + 1), tk);
  if (fragment.indexOf("=") !== -1) return redactQuery(fragment, tk);
  return redactPath(fragment, tk);
}
function redactPersonalData(url, tk) {
  let rest = url;
  let fragment;
  const hash = rest.indexOf("#");
  if (hash !== -1) {
    fragment = rest.substring(hash + 1);
    rest = rest.substring(0, hash);
  }
  let query;
  const q = rest.indexOf("?");
  if (q !== -1) {
    query = rest.substring(q + 1);
    rest = rest.substring(0, q);
  }
  let prefix = "";
  const scheme = rest.indexOf("://");
  if (scheme !== -1) {
    const authorityStart = scheme + 3;
    let authorityEnd = rest.indexOf("/", authorityStart);
    if (authorityEnd === -1) authorityEnd = rest.length;
    let authority = rest.substring(authorityStart, authorityEnd);
    const at = authority.lastIndexOf("@");
    if (at !== -1) authority = authority.substring(at + 1);
    prefix = rest.substring(0, authorityStart) + authority;
    rest = rest.substring(authorityEnd);
  }
  let out = prefix + redactPath(rest, tk);
  if (query !== undefined) out += "?" + redactQuery(query, tk);
  if (fragment !== undefined) out += "#" + redactFragment(fragment, tk);
  return out;
}

var EVENTS_API_URL = "https://business-api.tiktok.com/open_api/v1.3/event/track/";
var DEFAULT_PARTNER_NAME = "GoogleTagManagerServer";
var MAX_FUTURE_SKEW_SECONDS = 300;
var OLD_EVENT_WARNING_SECONDS = 7 * 86400;
function toUnixSeconds(value, tk) {
  const n = toNumber(value, tk);
  if (n === undefined || n <= 0) return undefined;
  let seconds;
  if (n >= 1e14) seconds = n / 1e6;
  else if (n >= 1e11) seconds = n / 1e3;
  else seconds = n;
  if (seconds < 1e9) return undefined;
  return tk.floor(seconds);
}
function resolveEventTime(explicit, eventTimes, nowMs, tk) {
  const now = tk.floor(nowMs / 1e3);
  const candidates = [{ value: explicit, source: "field" }];
  eventTimes.forEach((value) => candidates.push({ value: value, source: "event_data" }));
  let warning;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (c.value === undefined || c.value === null || c.value === "") continue;
    const seconds = toUnixSeconds(c.value, tk);
    if (seconds === undefined) {
      warning = "unusable event time ignored";
      continue;
    }
    if (seconds > now + MAX_FUTURE_SKEW_SECONDS) {
      warning = "event time in the future replaced by now";
      continue;
    }
    const result2 = { eventTime: seconds, source: c.source };
    if (now > 0 && seconds < now - OLD_EVENT_WARNING_SECONDS) result2.warning = "event time is more than 7 days old";
    return result2;
  }
  const result = { eventTime: now, source: "now" };
  if (warning !== undefined) result.warning = warning;
  return result;
}
function buildPage(eventPage, overrides, tk) {
  const page = {};
  const url = httpUrl(overrides.url, tk) || httpUrl(eventPage.url, tk);
  if (url !== undefined) page.url = redactPersonalData(url, tk);
  const referrer = httpUrl(overrides.referrer, tk) || httpUrl(eventPage.referrer, tk);
  if (referrer !== undefined) page.referrer = redactPersonalData(referrer, tk);
  return page;
}
function httpUrl(value, tk) {
  const text = toText(value, tk);
  if (text === undefined) return undefined;
  const lower = text.substring(0, 8).toLowerCase();
  return lower.indexOf("http://") === 0 || lower.indexOf("https://") === 0 ? text : undefined;
}
function buildTikTokEvent(parts) {
  const source = parts.source !== undefined ? parts.source : "web";
  const user = {};
  const matchKeys = parts.user;
  const deviceIds = parts.deviceIds || {};
  for (const key in matchKeys) if (matchKeys.hasOwnProperty(key)) user[key] = matchKeys[key];
  for (const key in deviceIds) if (deviceIds.hasOwnProperty(key)) user[key] = deviceIds[key];
  const event = {
    event: parts.event,
    event_time: parts.eventTime,
    user: source === "web" ? parts.user : userForSource(user, source),
    properties: parts.properties
  };
  if (source === "web" && parts.page.url !== undefined) event.page = parts.page;
  if (source === "app" && parts.app !== undefined) event.app = parts.app;
  if (source === "crm" && parts.lead !== undefined) event.lead = parts.lead;
  if (sourceTakesLimitedDataUse(source)) event.limited_data_use = parts.limitedDataUse === true;
  if (parts.eventId !== undefined) event.event_id = parts.eventId;
  if (source === "web" && parts.device !== undefined && hasAnyKey(parts.device)) event.device = parts.device;
  return event;
}
function hasAnyKey(obj) {
  for (const key in obj) {
    if (obj.hasOwnProperty(key)) return true;
  }
  return false;
}
function unquote(text) {
  if (text.length >= 2 && text.charAt(0) === '"' && text.charAt(text.length - 1) === '"') return text.substring(1, text.length - 1);
  return text;
}
function buildDevice(clientHints, tk) {
  if (!isPlainObject(clientHints, tk)) return undefined;
  const device = {};
  const textKeys = [
    { from: "architecture", to: "architecture" },
    { from: "bitness", to: "bitness" },
    { from: "model", to: "model" },
    { from: "platform", to: "platform" },
    { from: "platform_version", to: "platform_version" }
  ];
  textKeys.forEach((k) => {
    const text = toText(clientHints[k.from], tk);
    const clean = text !== undefined ? unquote(text).trim() : "";
    if (clean.length > 0) device[k.to] = clean;
  });
  const mobile = clientHints.mobile;
  if (mobile === true || mobile === false) device.mobile = mobile;
  else if (mobile === "?1" || mobile === "?0") device.mobile = mobile === "?1";
  const list = clientHints.full_version_list;
  if (tk.getType(list) === "array") {
    const versions = [];
    list.forEach((entry) => {
      if (!isPlainObject(entry, tk)) return;
      const brand = toText(entry.brand, tk);
      const version = toText(entry.version, tk);
      if (brand !== undefined && version !== undefined) versions.push({ brand: brand, version: version });
    });
    if (versions.length > 0) device.browser_version_list = versions;
  }
  return hasAnyKey(device) ? device : undefined;
}
function buildEventsApiBody(parts) {
  const body = {
    event_source: parts.eventSource !== undefined ? parts.eventSource : "web",
    event_source_id: parts.eventSourceId,
    data: [parts.event]
  };
  const partner = parts.partnerName === undefined ? DEFAULT_PARTNER_NAME : parts.partnerName.trim();
  if (partner.length > 0) body.partner_name = partner;
  const code = parts.testEventCode !== undefined ? parts.testEventCode.trim() : "";
  if (code.length > 0) body.test_event_code = code;
  return body;
}
function normalizePixelId(value, tk) {
  const text = toText(value, tk);
  return text !== undefined ? pixelIdFromText(text) : undefined;
}
function resolveLimitedDataUse(checkbox, eventFlag) {
  if (checkbox === true || checkbox === "true") return true;
  return eventFlag === true || eventFlag === "true" || eventFlag === 1 || eventFlag === "1";
}

var REMEMBERED_KEYS_COOKIE = "tt_match_keys";
var REMEMBERED_KEYS_DEFAULT_DAYS = 90;
var MAX_REMEMBERED_VALUES = 2;
var EXPIRED_VALUE = "deleted";
var CODES = [
  { key: "email", code: "em" },
  { key: "phone", code: "ph" },
  { key: "external_id", code: "ex" },
  { key: "first_name", code: "fn" },
  { key: "last_name", code: "ln" },
  { key: "zip_code", code: "zp" }
];
function capFor(key) {
  return MULTI_VALUE_KEYS.indexOf(key) !== -1 ? MAX_REMEMBERED_VALUES : 1;
}
function encodeRememberedKeys(keys) {
  const parts = [];
  CODES.forEach((entry) => {
    const values = keys.hasOwnProperty(entry.key) ? keys[entry.key] : [];
    let kept = 0;
    values.forEach((value) => {
      if (kept < capFor(entry.key) && isSha256Hex(value)) {
        parts.push(entry.code + "." + value.toLowerCase());
        kept++;
      }
    });
  });
  return parts.join("~");
}
function decodeRememberedKeys(cookieValues, tk) {
  const keys = {};
  const text = firstCookieValue(cookieValues, tk);
  if (text === undefined) return keys;
  text.split("~").forEach((part) => {
    const dot = part.indexOf(".");
    if (dot === -1) return;
    const code = part.substring(0, dot);
    const value = part.substring(dot + 1);
    if (!isSha256Hex(value)) return;
    CODES.forEach((entry) => {
      if (entry.code !== code) return;
      const list = keys.hasOwnProperty(entry.key) ? keys[entry.key] : [];
      const digest = value.toLowerCase();
      if (list.length < capFor(entry.key) && list.indexOf(digest) === -1) list.push(digest);
      keys[entry.key] = list;
    });
  });
  return keys;
}
function granted(signal, unknownGranted) {
  return signal.state === "granted" || signal.state === "unknown" && unknownGranted;
}
function rememberedKeysGate(settings, signals, tk) {
  const input = { mode: settings.mode, adStorageField: settings.adStorageField, adUserDataField: settings.adUserDataField, unknownAs: settings.unknownAs, signals: signals };
  const unknownGranted = settings.unknownAs !== "denied";
  const storage = readAdStorage(input, tk);
  const userData = readAdUserData(input, tk);
  if (!granted(storage, unknownGranted)) return { allowed: false, reason: "ad_storage " + storage.state + (storage.source !== "none" ? " (from " + storage.source + ")" : "") };
  if (!granted(userData, unknownGranted)) return { allowed: false, reason: "ad_user_data " + userData.state + (userData.source !== "none" ? " (from " + userData.source + ")" : "") };
  return { allowed: true, reason: "ad_storage and ad_user_data granted" };
}
function rememberedKeysOff() {
  return { enabled: false, allowed: false, reason: "off", own: {}, stored: {}, filled: [] };
}
function applyRememberedKeys(plan, gate, read, tk) {
  const result = { enabled: true, allowed: gate.allowed, reason: gate.reason, own: {}, stored: {}, filled: [] };
  HASHED_KEYS.forEach((key) => {
    result.own[key] = plan[key].slice();
  });
  if (!gate.allowed) return result;
  result.stored = decodeRememberedKeys(read(), tk);
  HASHED_KEYS.forEach((key) => {
    const stored = result.stored.hasOwnProperty(key) ? result.stored[key] : [];
    if (plan[key].length > 0 || stored.length === 0) return;
    stored.forEach((digest) => plan[key].push({ value: digest, hashed: true }));
    result.filled.push(key);
  });
  return result;
}
function planRememberedKeysCookie(result, hashLookup, settings, tk) {
  if (!result.enabled) return undefined;
  const options = buildCookieOptions({ domain: settings.domain, sameSite: settings.sameSite, maxAgeSeconds: settings.maxAgeSeconds }, tk);
  options.httpOnly = true;
  if (!result.allowed) {
    options["max-age"] = 0;
    return { name: REMEMBERED_KEYS_COOKIE, value: EXPIRED_VALUE, options: options };
  }
  const merged = {};
  let ownKeys = 0;
  HASHED_KEYS.forEach((key) => {
    const digests = [];
    (result.own.hasOwnProperty(key) ? result.own[key] : []).forEach((entry) => {
      const digest = entry.hashed ? entry.value : hashLookup(entry.value);
      if (digest !== undefined && isSha256Hex(digest) && digests.indexOf(digest.toLowerCase()) === -1) digests.push(digest.toLowerCase());
    });
    if (digests.length > 0) ownKeys++;
    merged[key] = digests.length > 0 ? digests : result.stored.hasOwnProperty(key) ? result.stored[key] : [];
  });
  if (ownKeys === 0) return undefined;
  return { name: REMEMBERED_KEYS_COOKIE, value: encodeRememberedKeys(merged), options: options };
}

function withSourceNames(config, settings) {
  const extra = sourceNameOverrides(settings.source);
  if (extra.length === 0) return config;
  const names = config.eventNames;
  const copy = {
    eventNames: {
      nameSet: names.nameSet,
      fixedEvent: names.fixedEvent,
      unmappedPolicy: names.unmappedPolicy,
      overrides: (names.overrides || []).concat(extra)
    },
    eventId: config.eventId,
    properties: config.properties,
    extraProperties: config.extraProperties,
    userFields: config.userFields,
    userOptions: config.userOptions
  };
  return copy;
}
function hasEmailOrPhone(plan) {
  return plan.email.length + plan.phone.length > 0;
}
function mapEvent(event, config, sources, nowMs, tk) {
  const consent = decideEventConsent(config.consent || { mode: "ignore" }, event.consent, tk);
  const sourceSettings = config.source || { source: "web" };
  const web = sourceSettings.source === "web";
  const conversion = mapConversion(event, withSourceNames(config, sourceSettings), tk);
  const eventTime = resolveEventTime(config.eventTime, event.eventTime, nowMs, tk);
  const warnings = [];
  if (eventTime.warning !== undefined) warnings.push(eventTime.warning);
  conversion.warnings.forEach((w) => warnings.push(w));
  addRequestDetails(conversion.userPlan, event.user, config.userFields || {}, tk);
  const userPlan = consent.sendPersonalData ? conversion.userPlan : stripPersonalData(conversion.userPlan);
  const remember = config.rememberedKeys;
  const rememberedKeys = web && remember !== undefined && remember.enabled ? applyRememberedKeys(userPlan, rememberedKeysGate(config.consent || { mode: "ignore" }, event.consent, tk), sources.readRememberedKeys || (() => undefined), tk) : rememberedKeysOff();
  const source = planEventSource(event, sourceSettings, consent.readCookies && consent.sendPersonalData, tk);
  source.warnings.forEach((w) => warnings.push(w));
  if (source.shopId !== undefined && conversion.properties.shop_id === undefined) conversion.properties.shop_id = source.shopId;
  const page = web ? buildPage(event.page, config.page || {}, tk) : {};
  if (web && page.url === undefined) warnings.push("no page URL (page_location, or the request's Referer): sent without page, which TikTok requires for web events");
  const identity = web ? resolveIdentity({
    readCookies: consent.readCookies,
    pageUrl: page.url,
    pageReferrer: page.referrer,
    ttclidCandidates: event.identifiers.ttclid.concat(sources.ttclidExtra || []),
    ttpCandidates: event.identifiers.ttp.concat(sources.ttpExtra || []),
    readTtclidCookies: sources.readTtclidCookies,
    readTtpCookies: sources.readTtpCookies,
    generateTtp: sources.generateTtp
  }, tk) : { ttclid: { source: "none" }, ttp: { source: "none" } };
  if (identity.ttclid.value !== undefined) userPlan.ttclid = identity.ttclid.value;
  if (identity.ttp.value !== undefined) userPlan.ttp = identity.ttp.value;
  const ldu = config.limitedDataUse || {};
  const eventName = conversion.eventName;
  const nameProblem = eventName.name !== undefined ? eventNameProblem(eventName.name, sourceSettings.source) : undefined;
  let skip = false;
  let missingRequired = false;
  let reason = eventName.reason + "; " + consent.reason;
  if (!consent.send) {
    skip = true;
    reason = consent.reason;
  } else if (eventName.skip) {
    skip = true;
    reason = "not sent: " + eventName.reason;
  } else if (nameProblem !== undefined) {
    skip = true;
    reason = "not sent: " + nameProblem;
  } else if (source.missing !== undefined) {
    skip = true;
    missingRequired = true;
    reason = "not sent: " + source.missing;
  } else if (sourceSettings.source === "offline" && !hasEmailOrPhone(userPlan)) {
    skip = true;
    missingRequired = !hasEmailOrPhone(conversion.userPlan);
    reason = missingRequired ? "not sent: offline events need an email or a phone number to be matched" : "not sent: offline events need an email or a phone number, and ad_user_data consent is denied; " + consent.reason;
  }
  return {
    skip: skip,
    missingRequired: missingRequired,
    reason: reason,
    consent: consent,
    eventName: eventName,
    eventId: conversion.eventId,
    eventTime: eventTime,
    properties: conversion.properties,
    userPlan: userPlan,
    ttclid: identity.ttclid,
    ttp: identity.ttp,
    page: page,
    device: consent.sendPersonalData ? buildDevice(event.clientHints, tk) : undefined,
    limitedDataUse: resolveLimitedDataUse(ldu.checkbox, event.limitedDataUse),
    source: source,
    rememberedKeys: rememberedKeys,
    warnings: warnings
  };
}
function toTikTokEvent(mapped, hashLookup) {
  return buildTikTokEvent({
    source: mapped.source.source,
    app: mapped.source.app,
    lead: mapped.source.lead,
    deviceIds: mapped.source.deviceIds,
    event: mapped.eventName.name || "",
    eventTime: mapped.eventTime.eventTime,
    eventId: mapped.eventId.eventId,
    user: buildTikTokUser(mapped.userPlan, hashLookup),
    page: mapped.page,
    properties: mapped.properties,
    device: mapped.device,
    limitedDataUse: mapped.limitedDataUse
  });
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

var RETRYABLE_CODES = [40100, 40132, 40700, 5e4, 50002, 60001, 61e3];
function isRetryableCode(code) {
  if (RETRYABLE_CODES.indexOf(code) !== -1) return true;
  return code >= 51e3 && code < 53e3;
}
function parseBody(body, tk) {
  if (isPlainObject(body, tk)) return body;
  if (typeof body !== "string" || body.trim().length === 0) return undefined;
  const parsed = tk.jsonParse(body);
  return isPlainObject(parsed, tk) ? parsed : undefined;
}
function classifyResponse(result, tk) {
  if (result.error !== undefined || result.statusCode === undefined) {
    const what = result.error === "timed_out" ? "request timed out" : "network error" + (result.error ? " (" + result.error + ")" : "");
    return { outcome: "retry", reason: what };
  }
  const status = result.statusCode;
  const parsed = parseBody(result.body, tk);
  const out = { outcome: "fail", statusCode: status, reason: "" };
  if (parsed !== undefined) {
    const code = toNumber(parsed.code, tk);
    if (code !== undefined) out.code = code;
    const message2 = toText(parsed.message, tk);
    if (message2 !== undefined) out.message = message2;
    const requestId = toText(parsed.request_id, tk);
    if (requestId !== undefined) out.requestId = requestId;
  }
  const detail = "HTTP " + status + (out.code !== undefined ? ", code " + out.code : "") + (out.message !== undefined ? ', "' + out.message + '"' : "") + (out.requestId !== undefined ? ", request_id " + out.requestId : "");
  if (status >= 500 || status === 429) {
    out.outcome = "retry";
    out.reason = "server error: " + detail;
    return out;
  }
  if (status < 200 || status >= 300) {
    out.outcome = "fail";
    out.reason = "rejected: " + detail;
    return out;
  }
  if (out.code === undefined) {
    out.outcome = "fail";
    out.reason = "unexpected response without a TikTok code: " + detail;
    return out;
  }
  if (out.code === 0 || out.code === 20001) {
    out.outcome = "success";
    out.reason = "accepted: " + detail;
    return out;
  }
  if (isRetryableCode(out.code)) {
    out.outcome = "retry";
    out.reason = "temporary TikTok error: " + detail;
    return out;
  }
  out.outcome = "fail";
  out.reason = "TikTok error: " + detail;
  return out;
}
var THROTTLE_CODES = [40100, 40132, 61e3];
function isThrottled(classification) {
  if (classification.statusCode === 429) return true;
  return classification.code !== undefined && THROTTLE_CODES.indexOf(classification.code) !== -1;
}
function shouldRetry(classification, attemptsSoFar, maxRetries, hasEventId) {
  if (classification.outcome !== "retry" || attemptsSoFar > maxRetries) return false;
  return hasEventId !== false || isThrottled(classification);
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
function planIdentityCookiesWith(cookies, identity, allowWrite, notes, tk) {
  return planIdentityCookies({
    ttclid: identity.ttclid,
    ttp: identity.ttp,
    allowWrite: allowWrite,
    persistTtclid: cookies.persistTtclid,
    refreshTtp: cookies.refreshTtp,
    domain: cookies.domain,
    sameSite: cookies.sameSite,
    ttclidMaxAge: cookies.ttclidMaxAge,
    ttpMaxAge: cookies.ttpMaxAge,
    notes: notes
  }, tk);
}

function readEventIdSettings(fields) {
  return {
    explicit: fields.eventId,
    useTransactionFallback: fields.transactionEventId !== false && fields.transactionEventId !== "false"
  };
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

function readEventSourceSettings(fields, tk) {
  const source = normalizeEventSource(fields.eventSource);
  const settings2 = { source: source };
  if (source === "app") settings2.appId = fields.appId;
  if (source === "crm") {
    settings2.leadId = fields.leadId;
    settings2.leadEventSource = fields.leadEventSource;
  }
  return {
    settings: settings2,
    androidAppSourceId: source === "app" ? fields.androidAppSourceId : undefined,
    rows: tableRows(fields.moreDestinations, tk).map((row) => ({ id: row.destinationId, token: row.destinationToken }))
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

function readRememberedKeysSettings(fields, tk) {
  const enabled = fields.rememberMatchKeys === true;
  if (!enabled) return { enabled: false, maxAgeSeconds: 0 };
  const days = boundedInteger("Remembered customer details lifetime (days)", fields.rememberedKeysDays, REMEMBERED_KEYS_DEFAULT_DAYS, 1, MAX_COOKIE_DAYS, tk);
  const read = { enabled: true, maxAgeSeconds: days.value * 86400 };
  if (days.note !== undefined) read.note = days.note;
  return read;
}

function ttpDomainIndexFor(cookieDomain, pageLocation) {
  const host = hostnameOf(pageLocation);
  const base = cookieDomain !== "auto" ? cookieDomain : host !== undefined ? computeEffectiveTldPlusOne(host) : "";
  return ttpDomainIndex(base);
}
function setPlannedCookies(writes) {
  writes.forEach((w) => {
    if (!isCookieOctets(w.value) && encodeUriComponent(w.value) === undefined) return;
    setCookie(w.name, w.value, {
      domain: w.options.domain,
      path: w.options.path,
      "max-age": w.options["max-age"],
      secure: w.options.secure,
      samesite: w.options.samesite,
      httpOnly: w.options.httpOnly
    });
  });
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
var DIGITS2 = "0123456789";
function numberOf(value) {
  if (typeof value === "string" && value.length > 0 && value.length < 10) {
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const digit = DIGITS2.indexOf(value.charAt(i));
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
  const fields2 = {};
  for (const key in own) fields2[key] = own[key];
  const value = data2.settingsVariable;
  const usable = isPlainObject(value, tk) && value.kind === SETTINGS_KIND;
  const shared = usable ? value : {};
  keys.forEach((key) => {
    if (key === "eventNameOverrides") {
      const settingRows = shared[key];
      if (tk.getType(settingRows) === "array" && settingRows.length > 0) {
        fields2[key] = (tk.getType(own[key]) === "array" ? own[key] : []).concat(settingRows);
      }
    } else if (inherits(own[key])) {
      fields2[key] = shared[key];
    }
  });
  let note;
  if (!inherits(value) && !usable) {
    note = "the Settings variable gave no Countersign TikTok Settings";
  }
  return { fields: fields2, note: note };
}

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

var RETRIES = { min: 0, max: 5, fallback: 2 };
var TIMEOUT_MS = { min: 500, max: 6e4, fallback: 1e4 };

var TAG_NAME = "TikTok Events API";
var HEALTH_CHECK_PREFIX = "https://gtm-msr.appspot.com/";
var consoleLogging;
var traceIdRead = false;
var traceId;
function consoleLoggingEnabled() {
  if (consoleLogging === undefined) {
    const logType = data.logType;
    if (logType === "never") consoleLogging = false;
    else if (logType === "always") consoleLogging = true;
    else {
      const version = getContainerVersion();
      consoleLogging = !!(version && (version.debugMode || version.previewMode));
    }
  }
  return consoleLogging;
}
var currentEventName;
var currentEventId;
function log(record) {
  if (!consoleLoggingEnabled() && data.bigQueryLogging !== true) return;
  if (!traceIdRead) {
    traceId = getRequestHeader("trace-id");
    traceIdRead = true;
  }
  record.Name = TAG_NAME;
  if (traceId !== undefined) record.TraceId = traceId;
  if (currentEventName !== undefined) record.EventName = currentEventName;
  if (currentEventId !== undefined) record.EventId = currentEventId;
  if (consoleLoggingEnabled()) logToConsole(JSON.stringify(record));
  if (data.bigQueryLogging === true) writeBigQuery(record);
}
function writeBigQuery(record) {
  const dataset = toText(data.bigQueryDatasetId, tk);
  const table = toText(data.bigQueryTableId, tk);
  if (dataset === undefined || table === undefined) return;
  const connection = { datasetId: dataset, tableId: table };
  const project = toText(data.bigQueryProjectId, tk);
  if (project !== undefined) connection.projectId = project;
  const row = {
    timestamp: getTimestampMillis(),
    tag_name: TAG_NAME,
    type: record.Type,
    trace_id: record.TraceId,
    event_name: record.EventName,
    event_id: record.EventId,
    event_source_id: record.EventSourceId,
    request_url: record.RequestUrl,
    request_body: record.RequestBody !== undefined ? JSON.stringify(record.RequestBody) : undefined,
    response_status_code: record.ResponseStatusCode,
    response_body: record.ResponseBody,
    message: record.Message
  };
  BigQuery.insert(connection, [row], { ignoreUnknownValues: true }).then(
    () => undefined,
    () => {
      if (consoleLoggingEnabled()) logToConsole(JSON.stringify({ Name: TAG_NAME, Type: "Message", Message: "BigQuery insert failed" }));
    }
  );
}
function message(text) {
  log({ Type: "Message", Message: text });
}
function destinationMessage(destination, text) {
  log({ Type: "Message", EventSourceId: destination.id, Message: text });
}
var settings = applySharedSettings(data, SERVER_SETTING_KEYS, tk);
var fields = settings.fields;
function mapIncomingEvent(event, sources, cookies, remembered, now) {
  const eventId = readEventIdSettings(fields);
  let generator;
  if (cookies.generateTtp) {
    generator = deriveTtpGenerator(event.identifiers.gaClientId, ttpDomainIndexFor(cookies.domain, event.page.url), tk);
  }
  return mapEvent(
    event,
    {
      eventNames: readEventNameConfig(fields, tk),
      eventId: { explicit: eventId.explicit, useTransactionFallback: eventId.useTransactionFallback },
      properties: { contentType: readContentType(data) },
      extraProperties: readExtraProperties(data, tk),
      userFields: readUserFields(data),
      userOptions: readUserOptions(data, tk),
      consent: readConsentSettings(fields),
      limitedDataUse: { checkbox: fields.limitedDataUse },
      source: sources.settings,
      rememberedKeys: { enabled: remembered.enabled }
    },
    {
      // Called only when consent allows reading cookies (mapEvent decides consent once).
      readTtclidCookies: () => getCookieValues(TTCLID_COOKIE_NAME),
      readTtpCookies: () => getCookieValues(TTP_COOKIE_NAME),
      generateTtp: generator,
      // Called only while ad_storage and ad_user_data are granted.
      readRememberedKeys: () => getCookieValues(REMEMBERED_KEYS_COOKIE)
    },
    now,
    tk
  );
}
function unusableIdentifierNotes(event, mapped) {
  const notes = [];
  if (!mapped.consent.readCookies) return notes;
  const check = (keys, values) => {
    keys.forEach((key, i) => {
      const raw = values[i];
      if (toText(raw, tk) !== undefined && sanitizeCookieValue(raw, tk) === undefined) {
        notes.push("event data " + key + " ignored: not a valid cookie value (RFC 6265 cookie-octets, at most " + MAX_COOKIE_VALUE_LENGTH + " characters)");
      }
    });
  };
  check(TTCLID_EVENT_KEYS, event.identifiers.ttclid);
  check(TTP_EVENT_KEYS, event.identifiers.ttp);
  return notes;
}
function writeCookies(mapped, cookies, rememberedSettings) {
  const notes = [];
  const writes = planIdentityCookiesWith(cookies, mapped, mapped.consent.writeCookies, notes, tk);
  if (rememberedSettings.note !== undefined) notes.push(rememberedSettings.note);
  cookies.notes.concat(notes).forEach((note) => message("warning: " + note));
  const remembered = mapped.rememberedKeys;
  const rememberedWrite = planRememberedKeysCookie(
    remembered,
    (normalized) => tk.sha256Hex ? tk.sha256Hex(normalized) : undefined,
    { domain: cookies.domain, sameSite: cookies.sameSite, maxAgeSeconds: rememberedSettings.maxAgeSeconds },
    tk
  );
  if (remembered.enabled) {
    if (!remembered.allowed) message("remembered match keys: cookie deleted, nothing read or stored (" + remembered.reason + ")");
    if (remembered.filled.length > 0) message("remembered match keys: " + remembered.filled.join(", ") + " added from the cookie");
    if (rememberedWrite !== undefined && remembered.allowed) message("remembered match keys: stored for " + rememberedWrite.options["max-age"] / 86400 + " days");
  }
  if (rememberedWrite !== undefined) writes.push(rememberedWrite);
  setPlannedCookies(writes);
}
function destinationsFor(primaryId, token, sources, event) {
  const platform = toText(event.app.platform, tk);
  const androidId = normalizePixelId(sources.androidAppSourceId, tk);
  const ownId = androidId !== undefined && platform !== undefined && platform.toLowerCase() === "android" ? androidId : primaryId;
  const plan = resolveDestinations({ id: ownId, token: token }, sources.rows, (value) => normalizePixelId(value, tk), tk);
  plan.notes.forEach((note) => message("warning: " + note));
  return plan.destinations;
}
function main() {
  const pixelId = normalizePixelId(data.pixelId, tk);
  const token = normalizeAccessToken(data.accessToken, tk);
  if (pixelId === undefined || token === undefined) {
    if (data.logType !== "never") {
      logToConsole(JSON.stringify({
        Name: TAG_NAME,
        Type: "Message",
        Message: pixelId === undefined ? "not sent: the Pixel ID is missing or invalid" : "not sent: the access token is missing or invalid"
      }));
    }
    data.gtmOnFailure();
    return;
  }
  const rawEventData = getAllEventData();
  const eventData = isPlainObject(rawEventData, tk) ? rawEventData : {};
  const pageLocation = toText(eventData.page_location, tk);
  if (pageLocation !== undefined && pageLocation.indexOf(HEALTH_CHECK_PREFIX) === 0) {
    message("not sent: GTM health-check request");
    data.gtmOnSuccess();
    return;
  }
  if (settings.note !== undefined) message("warning: " + settings.note);
  const now = getTimestampMillis();
  const sources = readEventSourceSettings(data, tk);
  const event = eventFromServerData(eventData, { limitedDataUseKey: toText(fields.limitedDataUseKey, tk), pageUrlFallback: () => getRequestHeader("referer") }, tk);
  const cookies = readCookieSettings(data, tk);
  const rememberedSettings = readRememberedKeysSettings(data, tk);
  const mapped = mapIncomingEvent(event, sources, cookies, rememberedSettings, now);
  currentEventName = mapped.eventName.name;
  currentEventId = mapped.eventId.eventId;
  writeCookies(mapped, cookies, rememberedSettings);
  unusableIdentifierNotes(event, mapped).forEach((note) => message("warning: " + note));
  mapped.warnings.forEach((w) => message("warning: " + w));
  if (mapped.skip) {
    message(mapped.reason);
    if (mapped.missingRequired) data.gtmOnFailure();
    else data.gtmOnSuccess();
    return;
  }
  const destinations = destinationsFor(pixelId, token, sources, event);
  const tiktokEvent = toTikTokEvent(mapped, (normalized) => tk.sha256Hex ? tk.sha256Hex(normalized) : undefined);
  const retries = boundedInteger("Retries", data.maxRetries, RETRIES.fallback, RETRIES.min, RETRIES.max, tk);
  const timeoutSetting = boundedInteger("Request timeout (milliseconds)", data.timeoutMs, TIMEOUT_MS.fallback, TIMEOUT_MS.min, TIMEOUT_MS.max, tk);
  [retries.note, timeoutSetting.note].forEach((note) => {
    if (note !== undefined) message("warning: " + note);
  });
  const maxRetries = retries.value;
  const timeout = timeoutSetting.value;
  const optimistic = data.optimistic === true;
  if (optimistic) data.gtmOnSuccess();
  const sent = [];
  const failed = [];
  const settle = (destination, ok) => {
    if (ok) sent.push(destination.id);
    else failed.push(destination.id);
    if (sent.length + failed.length < destinations.length) return;
    if (destinations.length > 1) {
      message((failed.length === 0 ? "sent to every destination" : "sent to " + sent.length + " of " + destinations.length + " destinations") + ": sent " + (sent.length > 0 ? sent.join(", ") : "none") + "; failed " + (failed.length > 0 ? failed.join(", ") : "none"));
    }
    if (optimistic) return;
    if (failed.length === 0) data.gtmOnSuccess();
    else data.gtmOnFailure();
  };
  destinations.forEach((destination) => {
    const destinationToken = destination.token;
    if (destinationToken === undefined) {
      destinationMessage(destination, "failed: the access token of this row is invalid (it has spaces): nothing sent");
      settle(destination, false);
      return;
    }
    const body = buildEventsApiBody({
      eventSource: sources.settings.source,
      eventSourceId: destination.id,
      event: tiktokEvent,
      testEventCode: toText(data.testEventCode, tk)
    });
    const bodyText = JSON.stringify(body);
    const finish = (c, attempt) => {
      if (c.outcome === "success") {
        destinationMessage(destination, "sent: " + c.reason + (attempt > 1 ? " after " + attempt + " attempts" : "") + "; " + mapped.reason);
        settle(destination, true);
        return;
      }
      const hasEventId = mapped.eventId.eventId !== undefined;
      if (shouldRetry(c, attempt, maxRetries, hasEventId)) {
        destinationMessage(destination, "retrying (" + attempt + "/" + maxRetries + "): " + c.reason);
        send(attempt + 1);
        return;
      }
      if (c.outcome === "retry" && attempt <= maxRetries && !hasEventId) {
        destinationMessage(destination, "not retried: the event has no event_id, so a second copy could not be deduplicated");
      }
      destinationMessage(destination, "failed: " + c.reason + (attempt > 1 ? " after " + attempt + " attempts" : ""));
      settle(destination, false);
    };
    const send = (attempt) => {
      log({ Type: "Request", EventSourceId: destination.id, Attempt: attempt, RequestMethod: "POST", RequestUrl: EVENTS_API_URL, RequestBody: body });
      sendHttpRequest(
        EVENTS_API_URL,
        { method: "POST", headers: { "Content-Type": "application/json", "Access-Token": destinationToken }, timeout: timeout },
        bodyText
      ).then(
        (response) => {
          log({ Type: "Response", EventSourceId: destination.id, Attempt: attempt, ResponseStatusCode: response.statusCode, ResponseHeaders: response.headers, ResponseBody: response.body });
          finish(classifyResponse({ statusCode: response.statusCode, body: response.body }, tk), attempt);
        },
        (failure) => {
          const reason = failure && getType(failure) === "object" ? makeString(failure.reason) : "failed";
          log({ Type: "Response", EventSourceId: destination.id, Attempt: attempt, Message: "request failed: " + reason });
          finish(classifyResponse({ error: reason }, tk), attempt);
        }
      );
    };
    send(1);
  });
}

main();


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
                "string": "ttclid"
              },
              {
                "type": 1,
                "string": "_ttp"
              },
              {
                "type": 1,
                "string": "tt_match_keys"
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
        "publicId": "set_cookies",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedCookies",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "name"
                  },
                  {
                    "type": 1,
                    "string": "domain"
                  },
                  {
                    "type": 1,
                    "string": "path"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "session"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "ttclid"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "/"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "non_session"
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "name"
                  },
                  {
                    "type": 1,
                    "string": "domain"
                  },
                  {
                    "type": 1,
                    "string": "path"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "session"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "_ttp"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "/"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "non_session"
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "name"
                  },
                  {
                    "type": 1,
                    "string": "domain"
                  },
                  {
                    "type": 1,
                    "string": "path"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "session"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "tt_match_keys"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "/"
                  },
                  {
                    "type": 1,
                    "string": "secure"
                  },
                  {
                    "type": 1,
                    "string": "non_session"
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
        "publicId": "send_http",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedUrls",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "urls",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 1,
                "string": "https://business-api.tiktok.com/open_api/v1.3/event/track/"
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
        "publicId": "read_request",
        "versionId": "1"
      },
      "param": [
        {
          "key": "requestAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "headerAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "queryParameterAccess",
          "value": {
            "type": 1,
            "string": "specific"
          }
        },
        {
          "key": "headersAllowed",
          "value": {
            "type": 8,
            "boolean": true
          }
        },
        {
          "key": "headerWhitelist",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "headerName"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "trace-id"
                  }
                ]
              },
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "headerName"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "referer"
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
        "publicId": "logging",
        "versionId": "1"
      },
      "param": [
        {
          "key": "environments",
          "value": {
            "type": 1,
            "string": "all"
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
        "publicId": "read_container_data",
        "versionId": "1"
      },
      "param": []
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "access_bigquery",
        "versionId": "1"
      },
      "param": [
        {
          "key": "allowedTables",
          "value": {
            "type": 2,
            "listItem": [
              {
                "type": 3,
                "mapKey": [
                  {
                    "type": 1,
                    "string": "projectId"
                  },
                  {
                    "type": 1,
                    "string": "datasetId"
                  },
                  {
                    "type": 1,
                    "string": "tableId"
                  },
                  {
                    "type": 1,
                    "string": "operation"
                  }
                ],
                "mapValue": [
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "*"
                  },
                  {
                    "type": 1,
                    "string": "write"
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
  }
]


___TESTS___

scenarios:
- name: GA4 purchase is sent to the Events API with the right request and body
  code: |-
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(1);
      const r = requests[0];
      assertThat(r.url).isEqualTo('https://business-api.tiktok.com/open_api/v1.3/event/track/');
      assertThat(r.options.method).isEqualTo('POST');
      assertThat(r.options.headers).isEqualTo({ 'Content-Type': 'application/json', 'Access-Token': 'tok_1234567890abcdef' });
      assertThat(r.body.event_source).isEqualTo('web');
      assertThat(r.body.event_source_id).isEqualTo('C9Q2MJ3C77U4P674RPG0');
      assertThat(r.body.partner_name).isEqualTo('GoogleTagManagerServer');
      assertThat(r.body.data.length).isEqualTo(1);
      const e = r.body.data[0];
      assertThat(e.event).isEqualTo('Purchase');
      assertThat(e.event_id).isEqualTo('T-1001_Purchase');
      assertThat(e.event_time).isEqualTo(1763900000);
      assertThat(e.limited_data_use).isFalse();
      assertThat(e.page).isEqualTo({ url: 'https://shop.example.com/thanks', referrer: 'https://shop.example.com/checkout' });
      assertThat(r.body.test_event_code).isUndefined();
      assertApi('gtmOnSuccess').wasCalled();
      assertApi('gtmOnFailure').wasNotCalled();
    });
- name: Items become typed contents with value currency and order id
  code: |-
    eventData.items = [{ item_id: 12345, item_name: 'Tee', item_category: 'Apparel', item_brand: 'Acme', price: '24.95', quantity: '2' }, { item_id: 'SKU-2', price: 10 }];
    eventData.value = undefined;
    eventData.transaction_id = 1042;
    runCode(mockData);
    callLater(function () {
      const p = requests[0].body.data[0].properties;
      assertThat(p.contents).isEqualTo([
        { content_id: '12345', content_name: 'Tee', content_category: 'Apparel', brand: 'Acme', price: 24.95, quantity: 2 },
        { content_id: 'SKU-2', price: 10, quantity: 1 }]);
      assertThat(p.content_ids).isEqualTo(['12345', 'SKU-2']);
      assertThat(p.num_items).isEqualTo(3);
      assertThat(p.content_type).isEqualTo('product');
      assertThat(p.value).isEqualTo(59.9);
      assertThat(p.currency).isEqualTo('EUR');
      assertThat(p.order_id).isEqualTo('1042');
      assertThat(requests[0].body.data[0].event_id).isEqualTo('1042_Purchase');
    });
- name: Email phone and names are normalized and hashed and never sent raw
  code: |-
    runCode(mockData);
    callLater(function () {
      const u = requests[0].body.data[0].user;
      assertThat(u.email).isEqualTo(sha256Sync('jane@example.com', { outputEncoding: 'hex' }));
      assertThat(u.phone).isEqualTo(sha256Sync('+4915112345678', { outputEncoding: 'hex' }));
      assertThat(u.first_name).isEqualTo(sha256Sync('jane', { outputEncoding: 'hex' }));
      assertThat(u.zip_code).isEqualTo(sha256Sync('10115', { outputEncoding: 'hex' }));
      assertThat(u.external_id).isEqualTo(sha256Sync('cust-7', { outputEncoding: 'hex' }));
      assertThat(u.country).isEqualTo('de');
      assertThat(u.ip).isEqualTo('203.0.113.7');
      assertThat(u.user_agent).isEqualTo('Mozilla/5.0 test');
      assertThat(u.locale).isEqualTo('de-DE');
      const text = requests[0].text;
      assertThat(text).doesNotContain('Jane');
      assertThat(text).doesNotContain('jane@');
      assertThat(text).doesNotContain('1234 5678');
      assertThat(text).doesNotContain('cust-7');
    });
- name: TikTok documented hash examples are reproduced from tag fields
  code: |-
    mockData.userEmail = ' ALICE_abc@gmail.com ';
    mockData.userPhone = '(+1)2133734253';
    mockData.userExternalId = 'user_123';
    runCode(mockData);
    callLater(function () {
      const u = requests[0].body.data[0].user;
      assertThat(u.email).isEqualTo('848a771458438fc2ec420560d769fb9b9b86851ee338ec56517baabd79d3bb4f');
      assertThat(u.phone).isEqualTo('9f7ec22d72092cd3c0b58726ed9c2d91b92e51a3f29837508fb2948bb22dd2fd');
      assertThat(u.external_id).isEqualTo('80fba0ae1c48e3978e43e4efc365e14e12ea0c830ba8ba5b9a2dafc7e3f2ab8b');
    });
- name: Pre-hashed sha256 user data passes through lower-cased
  code: |-
    const upper = 'A3C8B5F4A1C2E3D4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C6D7E8';
    eventData.user_data = { sha256_email_address: upper, sha256_phone_number: [upper, 'b3c8b5f4a1c2e3d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8'] };
    runCode(mockData);
    callLater(function () {
      const u = requests[0].body.data[0].user;
      assertThat(u.email).isEqualTo(upper.toLowerCase());
      assertThat(u.phone).isEqualTo([upper.toLowerCase(), 'b3c8b5f4a1c2e3d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8']);
    });
- name: National phone number uses the default country code
  code: |-
    eventData.user_data = { phone_number: '0151 1234 5678' };
    mockData.defaultCountryCode = '49';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].user.phone).isEqualTo(sha256Sync('+4915112345678', { outputEncoding: 'hex' }));
    });
- name: Legacy name set sends CompletePayment
  code: |-
    mockData.nameSet = 'legacy';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].event).isEqualTo('CompletePayment');
      assertThat(requests[0].body.data[0].event_id).isEqualTo('T-1001_CompletePayment');
    });
- name: Fixed event mode ignores the incoming name
  code: |-
    mockData.eventMode = 'fixed';
    mockData.fixedEvent = 'Lead';
    eventData.event_name = 'form_submit_custom';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].event).isEqualTo('Lead');
    });
- name: Override table maps an event before the built-in map
  code: |-
    mockData.eventNameOverrides = [{ from: 'view_cart', to: 'ViewContent' }];
    eventData.event_name = 'view_cart';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].event).isEqualTo('ViewContent');
    });
- name: Unmapped event is skipped with a log line and success
  code: |-
    eventData.event_name = 'add_shipping_info';
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(0);
      assertApi('gtmOnSuccess').wasCalled();
      assertThat(logText()).contains('add_shipping_info');
      assertThat(logText()).contains('unmapped policy is skip');
    });
- name: Unmapped event can be sent as a custom event
  code: |-
    mockData.unmappedPolicy = 'custom';
    eventData.event_name = 'view_cart';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].event).isEqualTo('view_cart');
    });
- name: Numeric event_id from event data is sent as a string
  code: |-
    eventData.event_id = 273196;
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].event_id).isStrictlyEqualTo('273196');
    });
- name: Event ID field wins over event data
  code: |-
    eventData.event_id = 'from-event';
    mockData.eventId = 'from-field';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].event_id).isEqualTo('from-field');
    });
- name: ttclid from the URL is sent raw and stored in a first-party cookie
  code: |-
    eventData.page_location = 'https://shop.example.com/landing?ttclid=E.C.P.Cs-Q_B%2Bx';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].user.ttclid).isEqualTo('E.C.P.Cs-Q_B+x');
      const c = cookieNamed('ttclid');
      assertThat(c.value).isEqualTo('E.C.P.Cs-Q_B+x');
      assertThat(c.options).isEqualTo({ domain: 'auto', path: '/', 'max-age': 2592000, secure: true, samesite: 'Lax', httpOnly: false });
    });
- name: ttclid from a same-site referrer is used and a foreign referrer is not
  code: |-
    eventData.page_referrer = 'https://shop.example.com/landing?ttclid=REF1';
    runCode(mockData);
    eventData.page_referrer = 'https://other.example.org/?ttclid=REF2';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].user.ttclid).isEqualTo('REF1');
      assertThat(requests[1].body.data[0].user.ttclid).isUndefined();
    });
- name: ttclid cookie is read but not re-set
  code: |-
    cookieJar.ttclid = ['E.C.P.fromcookie'];
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].user.ttclid).isEqualTo('E.C.P.fromcookie');
      assertThat(cookieNamed('ttclid')).isUndefined();
    });
- name: ttp cookie is sent raw and refreshed with the configured lifetime and domain
  code: |-
    cookieJar._ttp = ['01K0T8BYGJH63785W68YS5NN1R_.tt.1'];
    mockData.ttpDays = '100';
    mockData.cookieDomain = 'example.com';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].user.ttp).isEqualTo('01K0T8BYGJH63785W68YS5NN1R_.tt.1');
      const c = cookieNamed('_ttp');
      assertThat(c.value).isEqualTo('01K0T8BYGJH63785W68YS5NN1R_.tt.1');
      assertThat(c.options['max-age']).isEqualTo(8640000);
      assertThat(c.options.domain).isEqualTo('example.com');
      assertThat(c.options.httpOnly).isFalse();
    });
- name: No ttp is invented unless generation is switched on
  code: |-
    eventData.client_id = '1489074949.1738980312';
    runCode(mockData);
    mockData.generateTtp = true;
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].user.ttp).isUndefined();
      const generated = requests[1].body.data[0].user.ttp;
      assertThat(generated.length).isEqualTo(32);
      assertThat(generated.substring(26)).isEqualTo('_.tt.1');
      assertThat(cookieNamed('_ttp').value).isEqualTo(generated);
    });
- name: A generated ttp is derived from the client id, the same on every event of
    the browser
  code: |-
    mockData.generateTtp = true;
    eventData.client_id = '1489074949.1738980312';
    runCode(mockData);
    mock('getTimestampMillis', function () { return 1763900999000; });
    eventData.event_name = 'page_view';
    runCode(mockData);
    eventData.client_id = '2000000001.1738980312';
    runCode(mockData);
    eventData.client_id = 'no-first-visit-time';
    runCode(mockData);
    callLater(function () {
      const first = requests[0].body.data[0].user.ttp;
      assertThat(first.substring(26)).isEqualTo('_.tt.1');
      assertThat(requests[1].body.data[0].user.ttp).isEqualTo(first);
      const other = requests[2].body.data[0].user.ttp;
      assertThat(other.length).isEqualTo(32);
      assertThat(other).isNotEqualTo(first);
      assertThat(other.substring(0, 10)).isEqualTo(first.substring(0, 10));
      assertThat(requests[3].body.data[0].user.ttp).isUndefined();
    });
- name: An identifier that is not a valid cookie value is neither sent nor written
  code: |-
    eventData._ttp = 'caf\u00e9_.tt.1';
    eventData.ttclid = 'E.C.P.\udfff';
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(1);
      assertThat(requests[0].body.data[0].user.ttp).isUndefined();
      assertThat(requests[0].body.data[0].user.ttclid).isUndefined();
      assertApi('setCookie').wasNotCalled();
      assertApi('gtmOnSuccess').wasCalled();
      assertThat(logText()).contains('event data _ttp ignored: not a valid cookie value');
      assertThat(logText()).contains('event data ttclid ignored: not a valid cookie value');
    });
- name: Override table cells that are not text are ignored, never turned into a name
  code: |-
    eventData.event_name = 'view_cart';
    mockData.unmappedPolicy = 'skip';
    mockData.eventNameOverrides = [{ from: 'view_cart', to: { toString: 0 } }, { from: ['view_cart'], to: 'AddToCart' }, { from: 'view_cart', to: 'ViewContent' }];
    mockData.extraProperties = [{ name: { a: 1 }, value: 'x' }, { name: 'shop_id', value: 'S1' }];
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(1);
      const e = requests[0].body.data[0];
      assertThat(e.event).isEqualTo('ViewContent');
      assertThat(e.properties.shop_id).isEqualTo('S1');
      assertThat(requests[0].text).doesNotContain('[object Object]');
      assertApi('gtmOnSuccess').wasCalled();
    });
- name: Consent required and ad_storage denied sends nothing and reads no cookies
  code: |-
    mockData.consentMode = 'require_ad_storage';
    eventData['x-ga-gcs'] = 'G100';
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(0);
      assertApi('getCookieValues').wasNotCalled();
      assertApi('setCookie').wasNotCalled();
      assertApi('gtmOnSuccess').wasCalled();
      assertThat(logText()).contains('ad_storage denied (from x-ga-gcs)');
    });
- name: ad_user_data denied in gcd strips personal data but keeps the event
  code: |-
    eventData['x-ga-gcd'] = '13t3t3q3t5l1';
    cookieJar._ttp = ['TTP1'];
    runCode(mockData);
    callLater(function () {
      const u = requests[0].body.data[0].user;
      assertThat(u.email).isUndefined();
      assertThat(u.phone).isUndefined();
      assertThat(u.external_id).isUndefined();
      assertThat(u.ip).isUndefined();
      assertThat(u.ttp).isEqualTo('TTP1');
      assertThat(u.user_agent).isEqualTo('Mozilla/5.0 test');
    });
- name: ad_storage denied in minimize mode sends without cookies
  code: |-
    eventData.consent_state = { ad_storage: false, ad_user_data: true };
    eventData.page_location = 'https://shop.example.com/?ttclid=URLCLICK';
    cookieJar._ttp = ['TTP1'];
    runCode(mockData);
    callLater(function () {
      const u = requests[0].body.data[0].user;
      assertThat(u.ttp).isUndefined();
      assertThat(u.ttclid).isEqualTo('URLCLICK');
      assertThat(u.email).isDefined();
      assertApi('getCookieValues').wasNotCalled();
      assertApi('setCookie').wasNotCalled();
    });
- name: Limited Data Use from the checkbox and from an event key
  code: |-
    mockData.limitedDataUse = true;
    runCode(mockData);
    mockData.limitedDataUse = false;
    eventData.limited_data_use = 'true';
    runCode(mockData);
    eventData.limited_data_use = undefined;
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].limited_data_use).isTrue();
      assertThat(requests[1].body.data[0].limited_data_use).isTrue();
      assertThat(requests[2].body.data[0].limited_data_use).isFalse();
    });
- name: Test event code comes only from the tag field
  code: |-
    eventData.test_event_code = 'FROM_BROWSER';
    runCode(mockData);
    mockData.testEventCode = 'TEST123';
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.test_event_code).isUndefined();
      assertThat(requests[1].body.test_event_code).isEqualTo('TEST123');
    });
- name: TikTok error with HTTP 200 fails at once and logs code message and request
    id
  code: |-
    responses.push({ statusCode: 200, body: '{"code":40002,"message":"Invalid value for event_id","request_id":"REQ-9"}' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(1);
      assertApi('gtmOnFailure').wasCalled();
      assertApi('gtmOnSuccess').wasNotCalled();
      assertThat(logText()).contains('code 40002');
      assertThat(logText()).contains('Invalid value for event_id');
      assertThat(logText()).contains('REQ-9');
    });
- name: Throttling is retried with the same event_id
  code: |-
    responses.push({ statusCode: 200, body: '{"code":40100,"message":"Too many requests"}' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(2);
      assertThat(requests[1].body.data[0].event_id).isEqualTo(requests[0].body.data[0].event_id);
      assertThat(requests[1].text).isEqualTo(requests[0].text);
      assertApi('gtmOnSuccess').wasCalled();
      assertApi('gtmOnFailure').wasNotCalled();
    });
- name: Server errors are retried a bounded number of times then fail
  code: |-
    responses.push({ statusCode: 502, body: '<html>bad gateway</html>' });
    responses.push({ statusCode: 503, body: '' });
    responses.push({ statusCode: 500, body: '' });
    responses.push({ statusCode: 200, body: '{"code":0}' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(3);
      assertApi('gtmOnFailure').wasCalled();
      assertApi('gtmOnSuccess').wasNotCalled();
    });
- name: Without an event_id a timeout is not retried but throttling is
  code: |-
    eventData.transaction_id = undefined;
    responses.push({ reason: 'timed_out' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(1);
      assertThat(requests[0].body.data[0].event_id).isUndefined();
      assertApi('gtmOnFailure').wasCalled();
      assertThat(logText()).contains('not retried');
      responses.push({ statusCode: 200, body: '{"code":40100}' });
      runCode(mockData);
      callLater(function () {
        assertThat(requests.length).isEqualTo(3);
      });
    });
- name: Network failure is retried and can succeed
  code: |-
    responses.push({ reason: 'failed' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(2);
      assertApi('gtmOnSuccess').wasCalled();
    });
- name: Zero retries and a timeout setting
  code: |-
    mockData.maxRetries = '0';
    mockData.timeoutMs = '3000';
    responses.push({ reason: 'timed_out' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(1);
      assertThat(requests[0].options.timeout).isEqualTo(3000);
      assertApi('gtmOnFailure').wasCalled();
      assertThat(logText()).contains('timed out');
    });
- name: Retries and timeout from a variable outside their range are clamped and logged
  code: |-
    mockData.maxRetries = 9;
    mockData.timeoutMs = '120000';
    responses.push({ statusCode: 500, body: '' });
    responses.push({ statusCode: 500, body: '' });
    responses.push({ statusCode: 500, body: '' });
    responses.push({ statusCode: 500, body: '' });
    responses.push({ statusCode: 500, body: '' });
    responses.push({ statusCode: 500, body: '' });
    responses.push({ statusCode: 500, body: '' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(6);
      assertThat(requests[0].options.timeout).isEqualTo(60000);
      assertThat(logText()).contains('warning: Retries 9 is above the range (allowed 0 to 5): 5 used');
      assertThat(logText()).contains('warning: Request timeout (milliseconds) 120000 is above the range (allowed 500 to 60000): 60000 used');
      assertApi('gtmOnFailure').wasCalled();
    });
- name: Settings within range and a cookie lifetime from a variable outside it
  code: |-
    mockData.maxRetries = '0';
    mockData.ttclidDays = '0';
    eventData.page_location = 'https://shop.example.com/p?ttclid=E.C.P.click1';
    runCode(mockData);
    callLater(function () {
      assertThat(logText()).doesNotContain('Retries');
      assertThat(logText()).contains('warning: ttclid cookie lifetime (days) 0 is below the range (allowed 1 to 3650): 1 used');
      assertThat(cookieNamed('ttclid').options['max-age']).isEqualTo(86400);
    });
- name: An event ID from another event data key comes through an Event Data variable
    in the Event ID field
  code: |-
    eventData['x-custom'] = { eid: 'EID-77' };
    mockData.eventId = eventData['x-custom'].eid;
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].event_id).isEqualTo('EID-77');
    });
- name: A settings variable decides the fields left at As in the settings variable
  code: |-
    mockData.settingsVariable = {
      kind: 'countersign-tiktok-settings', version: 1, container: 'server',
      nameSet: 'legacy', transactionEventId: false, limitedDataUse: true,
      eventNameOverrides: [{ from: 'view_cart', to: 'ViewContent' }]
    };
    runCode(mockData);
    eventData = { event_name: 'view_cart', page_location: 'https://shop.example.com/cart' };
    runCode(mockData);
    callLater(function () {
      const purchase = requests[0].body.data[0];
      assertThat(purchase.event).isEqualTo('CompletePayment');
      assertThat(purchase.event_id).isUndefined();
      assertThat(purchase.limited_data_use).isTrue();
      assertThat(requests[1].body.data[0].event).isEqualTo('ViewContent');
      assertThat(logText()).doesNotContain('Settings variable');
    });
- name: TikTok event names at As in the settings variable take the settings variable's
    names, else Current with a warning
  code: |-
    mockData.nameSet = 'settings';
    // No settings variable, then one without names (saved before the field existed), then one with Legacy.
    runCode(mockData);
    mockData.settingsVariable = { kind: 'countersign-tiktok-settings', version: 1, container: 'server' };
    runCode(mockData);
    mockData.settingsVariable = { kind: 'countersign-tiktok-settings', version: 1, container: 'server', nameSet: 'legacy' };
    runCode(mockData);
    callLater(function () {
      assertThat(requests.map(function (r) { return r.body.data[0].event; })).isEqualTo(['Purchase', 'Purchase', 'CompletePayment']);
      assertThat(logs.filter(function (line) { return line.indexOf('TikTok event names not chosen') !== -1; }).length).isEqualTo(2);
    });
- name: A field set in the tag wins over the settings variable and its override rows
    come first
  code: |-
    mockData.settingsVariable = {
      kind: 'countersign-tiktok-settings', version: 1, container: 'server',
      nameSet: 'legacy', transactionEventId: false, consentMode: 'require_ad_storage',
      eventNameOverrides: [{ from: 'purchase', to: 'PlaceAnOrder' }]
    };
    mockData.nameSet = 'current';
    mockData.transactionEventId = true;
    mockData.consentMode = 'ignore';
    mockData.eventNameOverrides = [{ from: 'purchase', to: 'Purchase' }];
    eventData['x-ga-gcs'] = 'G100';
    runCode(mockData);
    callLater(function () {
      const e = requests[0].body.data[0];
      assertThat(e.event).isEqualTo('Purchase');
      assertThat(e.event_id).isEqualTo('T-1001_Purchase');
    });
- name: A settings variable field that holds something else is ignored with a log
    line
  code: |-
    mockData.settingsVariable = { nameSet: 'legacy' };
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].event).isEqualTo('Purchase');
      assertThat(logText()).contains('warning: the Settings variable gave no Countersign TikTok Settings');
    });
- name: Optimistic mode succeeds at once and still logs failures
  code: |-
    mockData.optimistic = true;
    responses.push({ statusCode: 200, body: '{"code":40105,"message":"Invalid access token"}' });
    runCode(mockData);
    callLater(function () {
      assertApi('gtmOnSuccess').wasCalled();
      assertApi('gtmOnFailure').wasNotCalled();
      assertThat(logText()).contains('Invalid access token');
    });
- name: Missing Pixel ID sends nothing and fails with a clear log line
  code: |-
    mockData.pixelId = '';
    runCode(mockData);
    assertThat(requests.length).isEqualTo(0);
    assertApi('gtmOnFailure').wasCalled();
    assertThat(logText()).contains('Pixel ID is missing');
- name: Missing access token sends nothing and fails
  code: |-
    mockData.accessToken = undefined;
    runCode(mockData);
    assertThat(requests.length).isEqualTo(0);
    assertApi('gtmOnFailure').wasCalled();
    assertThat(logText()).contains('access token is missing');
- name: Garbage event data still gives a valid request
  code: |-
    eventData = { event_name: 'purchase', items: 'not json', user_data: 7, value: { a: 1 }, currency: 'XYZ', page_location: 42, event_id: { x: 1 }, transaction_id: [1] };
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(1);
      const e = requests[0].body.data[0];
      assertThat(e.event).isEqualTo('Purchase');
      assertThat(e.event_id).isUndefined();
      assertThat(e.properties).isEqualTo({});
      assertThat(e.page).isUndefined();
      assertApi('gtmOnSuccess').wasCalled();
    });
- name: Without page_location the page is the request's Referer, and never an empty
    object
  code: |-
    eventData = { event_name: 'purchase', value: 5, currency: 'EUR' };
    mock('getRequestHeader', function (name) { return name === 'referer' ? 'https://shop.example.com/thanks' : undefined; });
    runCode(mockData);
    mock('getRequestHeader', function () { return undefined; });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(2);
      assertThat(requests[0].body.data[0].page).isEqualTo({ url: 'https://shop.example.com/thanks' });
      assertThat(requests[1].body.data[0].page).isUndefined();
      assertThat(logText()).contains('no page URL');
    });
- name: Logs are JSON records without the access token and never when switched off
  code: |-
    runCode(mockData);
    callLater(function () {
      const first = JSON.parse(logs[0]);
      assertThat(first.Name).isEqualTo('TikTok Events API');
      assertThat(first.TraceId).isEqualTo('trace-1');
      assertThat(first.EventName).isEqualTo('Purchase');
      assertThat(logText()).contains('"Type":"Request"');
      assertThat(logText()).contains('"Type":"Response"');
      const response = logs.map(function (l) { return JSON.parse(l); }).filter(function (r) { return r.Type === 'Response'; })[0];
      assertThat(response.ResponseStatusCode).isEqualTo(200);
      assertThat(response.ResponseHeaders).isEqualTo({});
      assertThat(response.ResponseBody).contains('"code":0');
      const request = logs.map(function (l) { return JSON.parse(l); }).filter(function (r) { return r.Type === 'Request'; })[0];
      assertThat(request.RequestMethod).isEqualTo('POST');
      assertThat(request.RequestUrl).isEqualTo('https://business-api.tiktok.com/open_api/v1.3/event/track/');
      assertThat(request.RequestBody.data[0].event).isEqualTo('Purchase');
      assertThat(logText()).doesNotContain('tok_1234567890abcdef');
      assertThat(logText()).doesNotContain('jane@example.com');
      logs.length = 0;
      mockData.logType = 'never';
      runCode(mockData);
      callLater(function () {
        assertThat(logs.length).isEqualTo(0);
      });
    });
- name: Search event carries the search string
  code: |-
    eventData = { event_name: 'view_search_results', search_term: 'red shoes', page_location: 'https://shop.example.com/s?q=red' };
    runCode(mockData);
    callLater(function () {
      const e = requests[0].body.data[0];
      assertThat(e.event).isEqualTo('Search');
      assertThat(e.properties.search_string).isEqualTo('red shoes');
      assertThat(e.properties.query).isEqualTo('red shoes');
    });
- name: Client hints are sent as device and never as an empty object
  code: |-
    eventData.client_hints = { architecture: 'arm', bitness: '64', mobile: true, model: 'Pixel 8', platform: 'Android', platform_version: '14.0.0', full_version_list: [{ brand: 'Chromium', version: '132.0.1' }] };
    runCode(mockData);
    eventData.client_hints = { model: '', brands: [] };
    runCode(mockData);
    callLater(function () {
      assertThat(requests[0].body.data[0].device).isEqualTo({ architecture: 'arm', bitness: '64', model: 'Pixel 8', platform: 'Android', platform_version: '14.0.0', mobile: true, browser_version_list: [{ brand: 'Chromium', version: '132.0.1' }] });
      assertThat(requests[1].body.data[0].device).isUndefined();
    });
- name: App event carries app and device ids and no web fields
  code: |-
    eventData = {
      event_name: 'purchase', value: 29.9, currency: 'USD', transaction_id: 'A-1', items: [{ item_id: 'SKU-1', price: 29.9, quantity: 1 }],
      'x-ga-platform': 'ios', 'x-ga-resettable_device_id': 'e621e1f8-c36c-495a-93fc-0c247a3e6e5f', 'x-ga-vendor_device_id': '6D92078A-8246-4BA4-AE5B-76104861E7DC',
      app_id: 'com.example.shop', app_name: 'Example Shop', app_version: '5.2.0',
      user_data: { email: 'jane@example.com', address: { first_name: 'Jane', city: 'Berlin' } }, user_id: 'cust-7',
      ip_override: '203.0.113.4', user_agent: 'ExampleShop/5.2.0 (iPhone; iOS 17.4)', page_location: 'https://shop.example/?ttclid=E.C.P.x'
    };
    cookieJar._ttp = ['01K0T8BYGJH63785W68YS5NN1R_.tt.1'];
    mockData.eventSource = 'app';
    mockData.pixelId = '7312345678901234567';
    mockData.appId = '343200656';
    runCode(mockData);
    callLater(function () {
      const body = requests[0].body;
      assertThat(body.event_source).isEqualTo('app');
      assertThat(body.event_source_id).isEqualTo('7312345678901234567');
      const e = body.data[0];
      assertThat(e.app).isEqualTo({ app_id: '343200656', app_name: 'Example Shop', app_version: '5.2.0' });
      assertThat(e.user.idfa).isEqualTo('E621E1F8-C36C-495A-93FC-0C247A3E6E5F');
      assertThat(e.user.idfv).isEqualTo('6D92078A-8246-4BA4-AE5B-76104861E7DC');
      assertThat(e.user.att_status).isEqualTo('AUTHORIZED');
      assertThat(e.user.email).isEqualTo(sha256Sync('jane@example.com', { outputEncoding: 'hex' }));
      assertThat(e.user.external_id).isUndefined();
      assertThat(e.user.first_name).isUndefined();
      assertThat(e.user.city).isUndefined();
      assertThat(e.user.ttclid).isUndefined();
      assertThat(e.user.ttp).isUndefined();
      assertThat(e.page).isUndefined();
      assertThat(e.limited_data_use).isFalse();
      assertThat(cookies.length).isEqualTo(0);
      assertApi('getCookieValues').wasNotCalled();
      assertApi('gtmOnSuccess').wasCalled();
    });
- name: Android app events go to the Android App ID with the Google advertising ID
  code: |-
    eventData = {
      event_name: 'sign_up', 'x-ga-platform': 'android', 'x-ga-resettable_device_id': '38400000-8CF0-11BD-B23E-10B96E40000D', app_id: 'com.example.shop'
    };
    mockData.eventSource = 'app';
    mockData.pixelId = '7312345678901234567';
    mockData.androidAppSourceId = '7398765432109876543';
    runCode(mockData);
    callLater(function () {
      const body = requests[0].body;
      assertThat(body.event_source_id).isEqualTo('7398765432109876543');
      assertThat(body.data[0].event).isEqualTo('Registration');
      assertThat(body.data[0].app).isEqualTo({ app_id: 'com.example.shop' });
      assertThat(body.data[0].user).isEqualTo({ gaid: '38400000-8cf0-11bd-b23e-10b96e40000d', att_status: 'NOT_APPLICABLE' });
    });
- name: App event without an App Store number is not sent and fails
  code: |-
    eventData = { event_name: 'purchase', 'x-ga-platform': 'ios', app_id: 'com.example.shop' };
    mockData.eventSource = 'app';
    mockData.pixelId = '7312345678901234567';
    runCode(mockData);
    assertThat(requests.length).isEqualTo(0);
    assertThat(logText()).contains('app events need app.app_id');
    assertApi('gtmOnFailure').wasCalled();
    assertApi('gtmOnSuccess').wasNotCalled();
- name: Offline purchase carries the store and only email and phone
  code: |-
    eventData.shop_id = 'store-7';
    eventData.transaction_id = '88120';
    mockData.eventSource = 'offline';
    mockData.pixelId = '7300000000000000001';
    runCode(mockData);
    callLater(function () {
      const body = requests[0].body;
      assertThat(body.event_source).isEqualTo('offline');
      assertThat(body.event_source_id).isEqualTo('7300000000000000001');
      const e = body.data[0];
      assertThat(e.event).isEqualTo('Purchase');
      assertThat(e.event_id).isEqualTo('88120_Purchase');
      assertThat(e.properties.shop_id).isEqualTo('store-7');
      assertThat(e.properties.order_id).isEqualTo('88120');
      assertThat(e.user).isEqualTo({
        email: sha256Sync('jane@example.com', { outputEncoding: 'hex' }),
        phone: sha256Sync('+4915112345678', { outputEncoding: 'hex' })
      });
      assertThat(e.page).isUndefined();
      assertThat(e.limited_data_use).isUndefined();
      assertApi('gtmOnSuccess').wasCalled();
    });
- name: Offline event without email or phone is not sent and fails
  code: |-
    eventData.user_data = { address: { first_name: 'Jane' } };
    mockData.eventSource = 'offline';
    mockData.pixelId = '7300000000000000001';
    runCode(mockData);
    assertThat(requests.length).isEqualTo(0);
    assertThat(logText()).contains('offline events need an email or a phone number');
    assertApi('gtmOnFailure').wasCalled();
- name: CRM stage event carries the TikTok lead
  code: |-
    eventData = { event_name: 'QualifiedLead', lead_id: '7400000000000000001', user_data: { email: 'jane@example.com' }, user_id: 'cust-7', page_location: 'https://shop.example/' };
    mockData.eventSource = 'crm';
    mockData.pixelId = '7300000000000000002';
    mockData.unmappedPolicy = 'custom';
    mockData.leadEventSource = 'HubSpot';
    runCode(mockData);
    callLater(function () {
      const body = requests[0].body;
      assertThat(body.event_source).isEqualTo('crm');
      const e = body.data[0];
      assertThat(e.event).isEqualTo('QualifiedLead');
      assertThat(e.lead).isEqualTo({ lead_id: '7400000000000000001', lead_event_source: 'HubSpot' });
      assertThat(e.user).isEqualTo({
        email: sha256Sync('jane@example.com', { outputEncoding: 'hex' }),
        external_id: sha256Sync('cust-7', { outputEncoding: 'hex' })
      });
      assertThat(e.page).isUndefined();
    });
- name: CRM event without a lead ID is not sent and fails
  code: |-
    mockData.eventSource = 'crm';
    mockData.pixelId = '7300000000000000002';
    runCode(mockData);
    assertThat(requests.length).isEqualTo(0);
    assertThat(logText()).contains('CRM events need lead.lead_id');
    assertApi('gtmOnFailure').wasCalled();
- name: Two pixels get one request each with the same event and event_id
  code: |-
    mockData.moreDestinations = [{ destinationId: 'D2BBBBBBBBBBBBBBBBBB', destinationToken: '' }];
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(2);
      assertThat(requests[0].body.event_source_id).isEqualTo('C9Q2MJ3C77U4P674RPG0');
      assertThat(requests[1].body.event_source_id).isEqualTo('D2BBBBBBBBBBBBBBBBBB');
      assertThat(requests[1].body.data).isEqualTo(requests[0].body.data);
      assertThat(requests[1].body.data[0].event_id).isEqualTo('T-1001_Purchase');
      assertThat(requests[1].options.headers['Access-Token']).isEqualTo('tok_1234567890abcdef');
      assertThat(logText()).contains('sent to every destination: sent C9Q2MJ3C77U4P674RPG0, D2BBBBBBBBBBBBBBBBBB; failed none');
      assertApi('gtmOnSuccess').wasCalled();
      assertApi('gtmOnFailure').wasNotCalled();
    });
- name: Each pixel uses its own access token and logs never show one
  code: |-
    mockData.moreDestinations = [
      { destinationId: 'D2BBBBBBBBBBBBBBBBBB', destinationToken: 'tok_brand_0987654321' },
      { destinationId: 'not valid', destinationToken: 'tok_row_secret_555' },
      { destinationId: 'C9Q2MJ3C77U4P674RPG0', destinationToken: 'tok_dup_secret_777' }
    ];
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(2);
      assertThat(requests[0].options.headers['Access-Token']).isEqualTo('tok_1234567890abcdef');
      assertThat(requests[1].options.headers['Access-Token']).isEqualTo('tok_brand_0987654321');
      assertThat(logText()).contains('more pixels, row 2: not a valid ID');
      assertThat(logText()).contains('row 3: C9Q2MJ3C77U4P674RPG0 is already a destination');
      assertThat(logText()).doesNotContain('tok_');
    });
- name: A failure at one pixel fails the tag and logs the other's success
  code: |-
    mockData.moreDestinations = [{ destinationId: 'D2BBBBBBBBBBBBBBBBBB', destinationToken: 'tok_other_pixel_12345' }];
    responses.push({ statusCode: 200, body: '{"code":0,"message":"OK","request_id":"R1"}' });
    responses.push({ statusCode: 200, body: '{"code":40001,"message":"No permission to operate pixel code","request_id":"R2"}' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(2);
      const records = logs.map(function (l) { return JSON.parse(l); });
      const first = records.filter(function (r) { return r.EventSourceId === 'C9Q2MJ3C77U4P674RPG0' && r.Type === 'Message'; });
      const second = records.filter(function (r) { return r.EventSourceId === 'D2BBBBBBBBBBBBBBBBBB' && r.Type === 'Message'; });
      assertThat(first[first.length - 1].Message).contains('sent:');
      assertThat(second[second.length - 1].Message).contains('failed:');
      assertThat(second[second.length - 1].Message).contains('40001');
      assertThat(logText()).contains('sent to 1 of 2 destinations: sent C9Q2MJ3C77U4P674RPG0; failed D2BBBBBBBBBBBBBBBBBB');
      assertApi('gtmOnFailure').wasCalled();
      assertApi('gtmOnSuccess').wasNotCalled();
    });
- name: Retries are counted per pixel and a row with a bad token fails alone
  code: |-
    mockData.moreDestinations = [
      { destinationId: 'D2BBBBBBBBBBBBBBBBBB', destinationToken: '' },
      { destinationId: 'E3CCCCCCCCCCCCCCCCCC', destinationToken: 'has a space' }
    ];
    responses.push({ statusCode: 200, body: '{"code":0,"message":"OK","request_id":"R1"}' });
    responses.push({ statusCode: 429, body: '' });
    responses.push({ statusCode: 200, body: '{"code":0,"message":"OK","request_id":"R3"}' });
    runCode(mockData);
    callLater(function () {
      assertThat(requests.length).isEqualTo(3);
      assertThat(requests[2].body.event_source_id).isEqualTo('D2BBBBBBBBBBBBBBBBBB');
      assertThat(logText()).contains('access token of this row is invalid');
      assertThat(logText()).contains('sent to 2 of 3 destinations: sent C9Q2MJ3C77U4P674RPG0, D2BBBBBBBBBBBBBBBBBB; failed E3CCCCCCCCCCCCCCCCCC');
      assertApi('gtmOnFailure').wasCalled();
    });
- name: Remembered match keys fill a later event and the cookie holds only hashes
  code: |-
    mockData.rememberMatchKeys = true;
    runCode(mockData);
    const email = sha256Sync('jane@example.com', { outputEncoding: 'hex' });
    const phone = sha256Sync('+4915112345678', { outputEncoding: 'hex' });
    callLater(function () {
      const stored = cookieNamed('tt_match_keys');
      assertThat(stored.value).isEqualTo('em.' + email + '~ph.' + phone + '~ex.' + sha256Sync('cust-7', { outputEncoding: 'hex' }) +
        '~fn.' + sha256Sync('jane', { outputEncoding: 'hex' }) + '~zp.' + sha256Sync('10115', { outputEncoding: 'hex' }));
      assertThat(stored.options['max-age']).isEqualTo(7776000);
      assertThat(stored.options.httpOnly).isTrue();
      assertThat(stored.options.secure).isTrue();
      cookieJar.tt_match_keys = [stored.value];
      eventData = { event_name: 'page_view', page_location: 'https://shop.example.com/next', 'x-ga-gcd': '13t3t3t3t5l1' };
      runCode(mockData);
      callLater(function () {
        const u = requests[1].body.data[0].user;
        assertThat(u.email).isEqualTo(email);
        assertThat(u.phone).isEqualTo(phone);
        assertThat(u.first_name).isEqualTo(sha256Sync('jane', { outputEncoding: 'hex' }));
        assertThat(u.country).isUndefined();
        assertThat(logText()).contains('remembered match keys: email, phone, external_id, first_name, zip_code added from the cookie');
        assertThat(logText()).doesNotContain('jane@');
      });
    });
- name: Remembered match keys are deleted and never read when ad_user_data is denied
  code: |-
    mockData.rememberMatchKeys = true;
    cookieJar.tt_match_keys = ['em.' + sha256Sync('jane@example.com', { outputEncoding: 'hex' })];
    eventData = { event_name: 'page_view', page_location: 'https://shop.example.com/', 'x-ga-gcd': '13t3t3q3t5l1' };
    runCode(mockData);
    callLater(function () {
      assertApi('getCookieValues').wasNotCalledWith('tt_match_keys');
      const cleared = cookieNamed('tt_match_keys');
      assertThat(cleared.options['max-age']).isEqualTo(0);
      assertThat(requests[0].body.data[0].user.email).isUndefined();
      assertThat(logText()).contains('remembered match keys: cookie deleted, nothing read or stored (ad_user_data denied (from x-ga-gcd))');
    });
- name: Remembered match keys keep their own lifetime and a hand-edited cookie never
    sends a plain value
  code: |-
    mockData.rememberMatchKeys = true;
    mockData.rememberedKeysDays = '30';
    const phone = sha256Sync('+4915112345678', { outputEncoding: 'hex' });
    cookieJar.tt_match_keys = ['em.jane@example.com~ph.' + phone + '~xx.' + phone];
    eventData = { event_name: 'add_to_cart', page_location: 'https://shop.example.com/', user_data: { email: 'new@example.com' } };
    runCode(mockData);
    callLater(function () {
      const u = requests[0].body.data[0].user;
      assertThat(u.email).isEqualTo(sha256Sync('new@example.com', { outputEncoding: 'hex' }));
      assertThat(u.phone).isEqualTo(phone);
      assertThat(requests[0].text).doesNotContain('jane@');
      const stored = cookieNamed('tt_match_keys');
      assertThat(stored.value).isEqualTo('em.' + sha256Sync('new@example.com', { outputEncoding: 'hex' }) + '~ph.' + phone);
      assertThat(stored.options['max-age']).isEqualTo(2592000);
      assertThat(logText()).doesNotContain('Remembered customer details lifetime');
    });
- name: A remembered-details lifetime from a variable outside its range is clamped
    and logged
  code: |-
    mockData.rememberMatchKeys = true;
    mockData.rememberedKeysDays = '9999';
    eventData = { event_name: 'add_to_cart', page_location: 'https://shop.example.com/', user_data: { email: 'new@example.com' } };
    runCode(mockData);
    callLater(function () {
      assertThat(cookieNamed('tt_match_keys').options['max-age']).isEqualTo(3650 * 86400);
      assertThat(logText()).contains('warning: Remembered customer details lifetime (days) 9999 is above the range (allowed 1 to 3650): 3650 used');
    });
- name: GTM health checks are not sent
  code: |-
    eventData.page_location = 'https://gtm-msr.appspot.com/render?id=GTM-X';
    runCode(mockData);
    assertThat(requests.length).isEqualTo(0);
    assertApi('gtmOnSuccess').wasCalled();
- name: BigQuery logging writes rows to the configured table
  code: |-
    const rows = [];
    mockObject('BigQuery', { insert: function (connection, r) { rows.push({ connection: connection, row: r[0] }); return Promise.create(function (resolve) { resolve(); }); } });
    mockData.bigQueryLogging = true;
    mockData.bigQueryDatasetId = 'ds';
    mockData.bigQueryTableId = 'tbl';
    runCode(mockData);
    callLater(function () {
      assertThat(rows.length).isGreaterThan(1);
      assertThat(rows[0].connection).isEqualTo({ datasetId: 'ds', tableId: 'tbl' });
      assertThat(rows[0].row.tag_name).isEqualTo('TikTok Events API');
      assertThat(rows[0].row.event_name).isEqualTo('Purchase');
    });
setup: |-
  const JSON = require('JSON');
  const Promise = require('Promise');
  const sha256Sync = require('sha256Sync');
  const callLater = require('callLater');
  const requests = [];
  const cookies = [];
  const logs = [];
  const responses = [];
  const cookieJar = {};
  let eventData = {
    event_name: 'purchase',
    page_location: 'https://shop.example.com/thanks',
    page_referrer: 'https://shop.example.com/checkout',
    currency: 'EUR',
    value: 59.9,
    transaction_id: 'T-1001',
    items: [{ item_id: 'SKU-1', item_name: 'Tee', price: 24.95, quantity: 2 }],
    user_data: {
      email: ' Jane@Example.com ',
      phone_number: '+49 151 1234 5678',
      address: [{ first_name: 'Jane', postal_code: '10115', country: 'DE' }]
    },
    user_id: 'cust-7',
    ip_override: '203.0.113.7',
    user_agent: 'Mozilla/5.0 test',
    language: 'de-de'
  };
  const mockData = {
    pixelId: 'C9Q2MJ3C77U4P674RPG0',
    accessToken: 'tok_1234567890abcdef',
    logType: 'always'
  };
  function logText() {
    return logs.join('\n');
  }
  function cookieNamed(name) {
    const found = cookies.filter(function (c) { return c.name === name; });
    return found.length > 0 ? found[found.length - 1] : undefined;
  }
  mock('getAllEventData', function () { return eventData; });
  mock('getCookieValues', function (name) { return cookieJar[name] || []; });
  mock('setCookie', function (name, value, options) { cookies.push({ name: name, value: value, options: options }); });
  mock('logToConsole', function (line) { logs.push(line); });
  mock('getRequestHeader', function (name) { return name === 'trace-id' ? 'trace-1' : undefined; });
  mock('getTimestampMillis', function () { return 1763900000000; });
  mock('sendHttpRequest', function (url, options, body) {
    requests.push({ url: url, options: options, body: JSON.parse(body), text: body });
    const next = responses.length > 0 ? responses.shift() : { statusCode: 200, body: '{"code":0,"message":"OK","request_id":"R1"}' };
    return Promise.create(function (resolve, reject) {
      if (next.reason) {
        reject({ reason: next.reason });
      } else {
        resolve({ statusCode: next.statusCode, headers: {}, body: next.body });
      }
    });
  });


___NOTES___

TikTok Events API server tag. Shares src/core with the TikTok Pixel web tag so event names and event IDs agree.


