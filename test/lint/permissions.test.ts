import { lintTplText } from '../../src/lint';
import { decodeTypedValue } from '../../src/lint/structure';
import { globMatch, keyMatchesPattern, prefixMayMatchPattern, urlMatchesPattern } from '../../src/lint/permissions';
import { fixture, lintFixture, mutate, rules, rulesAt } from './helpers';

describe('permissions/missing is an error only when a call fails at run time', () => {
  const good = fixture('good-server-tag.tpl');
  const withoutPermission = (publicId: string) => mutate(good, `"publicId": "${publicId}"`, '"publicId": "read_title_placeholder"');
  const missing = (text: string) => lintTplText(text, 'x.tpl').filter((d) => d.rule === 'permissions/missing');

  test('a called API whose permission is absent: error', () => {
    expect(missing(withoutPermission('get_cookies'))).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/getCookieValues needs the "get_cookies" permission/) }),
    ]);
  });

  test('the same API required but never called: warning', () => {
    const uncalled = mutate(withoutPermission('get_cookies'), "const getCookieValues = require('getCookieValues');", "const getCookieValues = require('getCookieValues');\nconst unusedCookieReader = require('getCookieValues');");
    const calledElsewhere = missing(uncalled);
    // One binding is still called: the API is used, so the error stays.
    expect(calledElsewhere.map((d) => d.severity)).toEqual(['error']);
    const neverCalled = mutate(
      good,
      "const getTimestampMillis = require('getTimestampMillis');",
      "const getTimestampMillis = require('getTimestampMillis');\nconst readTitleNeverCalled = require('getContainerVersion');",
    );
    expect(missing(neverCalled)).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/getContainerVersion needs the "read_container_data" permission.*never called/) }),
    ]);
  });

  test('a called API whose permission has nothing to configure: warning (GTM adds the detected entry)', () => {
    const called = mutate(
      good,
      "const getTimestampMillis = require('getTimestampMillis');",
      "const getTimestampMillis = require('getTimestampMillis');\nconst getContainerVersion = require('getContainerVersion');\nconst containerId = getContainerVersion().containerId;",
    );
    expect(missing(called)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/nothing to configure/) })]);
  });
});

describe('a literal the permission does not allow', () => {
  const good = fixture('good-server-tag.tpl');
  const outsideCookie = mutate(good, "ttp: getCookieValues('_ttp')[0],", "ttp: getCookieValues('_other')[0],");
  const notAllowed = (text: string) => lintTplText(text, 'x.tpl').filter((d) => d.rule === 'permissions/not-allowed');

  test('is an error: the call fails at run time', () => {
    expect(notAllowed(outsideCookie)).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/_other/) })]);
  });

  test('is a warning when the code asks queryPermission about that permission (the documented guard)', () => {
    const guarded = mutate(
      outsideCookie,
      "ttp: getCookieValues('_other')[0],",
      "ttp: require('queryPermission')('get_cookies', '_other') ? getCookieValues('_other')[0] : undefined,",
    );
    expect(notAllowed(guarded)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/queryPermission first/) })]);
  });
});

describe('server permissions (bad-permissions-server.tpl)', () => {
  const diagnostics = lintFixture('bad-permissions-server.tpl');

  test('logToConsole without the logging permission is a warning at the require (GTM suppresses the lines)', () => {
    expect(diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'permissions/missing', severity: 'warning', line: 35, section: 'SANDBOXED_JS_FOR_SERVER' }),
      ]),
    );
    expect(diagnostics.find((d) => d.rule === 'permissions/missing')?.message).toMatch(/logToConsole.*"logging".*suppresses/);
  });

  test('literal arguments outside the permission are errors, one per call', () => {
    const denied = diagnostics.filter((d) => d.rule === 'permissions/not-allowed');
    expect(denied.map((d) => d.line)).toEqual([39, 40, 41, 42, 43]);
    expect(denied.map((d) => d.message).join('\n')).toMatch(/session_id[\s\S]*tracker[\s\S]*user_data\.email_address[\s\S]*user-agent[\s\S]*https:\/\/evil\.example\.org\/collect/);
  });

  test('a permission no API needs is a warning', () => {
    expect(diagnostics.filter((d) => d.rule === 'permissions/unused')).toEqual([
      expect.objectContaining({ severity: 'warning', section: 'SERVER_PERMISSIONS', line: 263 }),
    ]);
    expect(diagnostics.find((d) => d.rule === 'permissions/unused')?.message).toMatch(/access_bigquery/);
  });

  test('grants that only the denied literals would have used are flagged as unneeded', () => {
    const broad = diagnostics.filter((d) => d.rule === 'permissions/broad').map((d) => d.message).join('\n');
    expect(broad).toMatch(/cookie name "_ttp"/);
    expect(broad).toMatch(/request header "trace-id"/);
  });
});

describe('web permissions (bad-permissions-web.tpl)', () => {
  const diagnostics = lintFixture('bad-permissions-web.tpl');

  test('window keys need the right access mode; data layer, local storage and script URLs are checked', () => {
    expect(rulesAt(diagnostics.filter((d) => d.severity === 'error'))).toEqual([
      'permissions/not-allowed@38',
      'permissions/not-allowed@39',
      'permissions/not-allowed@40',
      'permissions/not-allowed@41',
      'permissions/not-allowed@42',
      'permissions/not-allowed@44',
    ]);
  });

  test('allowedUrls "any" while every URL is a literal is a least-privilege warning', () => {
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.every((d) => d.rule === 'permissions/broad' && d.section === 'WEB_PERMISSIONS')).toBe(true);
    expect(warnings.map((d) => d.message).join('\n')).toMatch(/send_pixel allows any URL/);
  });
});

describe('grants no call needs (least privilege)', () => {
  test('a cookie name granted but never read, while every read is a literal, is a warning', () => {
    const text = mutate(fixture('good-server-tag.tpl'), '"string": "_ttp"\n              }', '"string": "_ttp"\n              },\n              {\n                "type": 1,\n                "string": "_unused"\n              }');
    const diagnostics = lintTplText(text, 'x.tpl');
    expect(diagnostics).toEqual([expect.objectContaining({ rule: 'permissions/broad', severity: 'warning' })]);
    expect(diagnostics[0].message).toMatch(/"_unused"/);
  });

  test('an unused window key is a warning; a computed key anywhere disables the check', () => {
    const text = mutate(fixture('good-web-tag.tpl'), "createQueue('ttq_queue')", "createQueue('other_queue')");
    // other_queue is not granted (error) and ttq_queue is granted but unused (warning).
    expect(rules(lintTplText(text, 'x.tpl')).sort()).toEqual(['permissions/broad', 'permissions/not-allowed']);
    const computed = mutate(fixture('good-web-tag.tpl'), "createQueue('ttq_queue')", "createQueue(data.pixelId ? 'ttq_queue' : 'ttq_queue')");
    expect(rules(lintTplText(computed, 'x.tpl'))).toEqual([]);
  });
});

describe('consent', () => {
  test('isConsentGranted of a type without read access is an error', () => {
    const text = mutate(
      mutate(fixture('good-web-tag.tpl'), "const callInWindow = require('callInWindow');", "const callInWindow = require('callInWindow');\nconst isConsentGranted = require('isConsentGranted');\nif (!isConsentGranted('analytics_storage')) data.gtmOnFailure();"),
      '"isRequired": true\n  },\n  {\n    "instance": {\n      "key": {\n        "publicId": "logging"',
      '"isRequired": true\n  },\n  {\n    "instance": {\n      "key": {\n        "publicId": "access_consent",\n        "versionId": "1"\n      },\n      "param": [\n        {\n          "key": "consentTypes",\n          "value": {\n            "type": 2,\n            "listItem": [\n              {\n                "type": 3,\n                "mapKey": [{"type": 1, "string": "consentType"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}],\n                "mapValue": [{"type": 1, "string": "ad_storage"}, {"type": 8, "boolean": true}, {"type": 8, "boolean": false}]\n              }\n            ]\n          }\n        }\n      ]\n    },\n    "isRequired": true\n  },\n  {\n    "instance": {\n      "key": {\n        "publicId": "logging"',
    );
    const diagnostics = lintTplText(text, 'x.tpl');
    expect(rules(diagnostics)).toEqual(['permissions/not-allowed']);
    expect(diagnostics[0].message).toMatch(/analytics_storage/);
    expect(rules(lintTplText(text.replace("isConsentGranted('analytics_storage')", "isConsentGranted('ad_storage')"), 'x.tpl'))).toEqual([]);
  });
});

describe('quiet when the code stays inside its permissions', () => {
  test('the good fixtures use prefixes and constants the permissions allow', () => {
    expect(lintFixture('good-server-tag.tpl')).toEqual([]);
    expect(lintFixture('good-web-tag.tpl')).toEqual([]);
  });

  test('a URL whose host is computed is not judged', () => {
    const text = mutate(fixture('good-server-tag.tpl'), 'sendHttpRequest(ENDPOINT', "sendHttpRequest('https://' + data.pixelCode + '.example.org/'");
    expect(rules(lintTplText(text, 'x.tpl'))).toEqual([]);
  });

  test('a literal URL outside the allowed host is reported even through a const', () => {
    const text = mutate(fixture('good-server-tag.tpl'), "'https://business-api.example.com/open_api", "'https://other.example.com/open_api");
    // ...and the granted pattern is now unused.
    expect(rules(lintTplText(text, 'x.tpl')).sort()).toEqual(['permissions/broad', 'permissions/not-allowed']);
  });

  test('get_cookies "any" with only literal names is a warning', () => {
    const text = mutate(fixture('good-server-tag.tpl'), '"string": "specific"\n          }\n        },\n        {\n          "key": "cookieNames"', '"string": "any"\n          }\n        },\n        {\n          "key": "cookieNames"');
    expect(lintTplText(text, 'x.tpl')).toEqual([expect.objectContaining({ rule: 'permissions/broad', severity: 'warning' })]);
  });

  test('queryPermission("<id>") counts as a use of that permission', () => {
    const text = mutate(
      fixture('good-server-tag.tpl'),
      "const sendHttpRequest = require('sendHttpRequest');",
      "const sendHttpRequest = require('sendHttpRequest');\nconst queryPermission = require('queryPermission');\nqueryPermission('logging');",
    );
    // logging is also needed by logToConsole; remove that use and the permission stays "used".
    const withoutLog = mutate(text, "  if (data.debug) logToConsole(message, arguments.length);", '  if (data.debug) return message + arguments.length;');
    // logging stays needed (no permissions/unused); the now idle require is flagged by itself.
    expect(rules(lintTplText(withoutLog, 'x.tpl'))).toEqual(['apis/unused-require']);
  });
});

describe('matching helpers', () => {
  test.each([
    ['https://business-api.tiktok.com/open_api/v1.3/event/track/', 'https://*.tiktok.com/*', true],
    ['https://tiktok.com/x', 'https://*.tiktok.com/*', true],
    ['https://eviltiktok.com/x', 'https://*.tiktok.com/*', false],
    ['http://a.tiktok.com/x', 'https://*.tiktok.com/*', false],
    ['https://graph.facebook.com/v19.0/123/events', 'https://graph.facebook.com/', true],
    ['https://graph.facebook.com.evil.net/', 'https://graph.facebook.com/', false],
    ['https://s.adroll.com/j/ABC/roundtrip.js', 'https://s.adroll.com/j/*/roundtrip.js', true],
    ['https://s.adroll.com/j/ABC/other.js', 'https://s.adroll.com/j/*/roundtrip.js', false],
  ])('%s vs %s → %s', (url, pattern, expected) => {
    expect(urlMatchesPattern(url, pattern)).toBe(expected);
  });

  test('prefixes match when some completion could match', () => {
    expect(prefixMayMatchPattern('https://a.example.com/v1/', 'https://a.example.com/v1/*')).toBe(true);
    expect(prefixMayMatchPattern('https://a.example.com/v2/', 'https://a.example.com/v1/*')).toBe(false);
    expect(prefixMayMatchPattern('https://b.example.com/', 'https://a.example.com/*')).toBe(false);
  });

  test('key patterns', () => {
    expect(keyMatchesPattern('user_data.email', 'user_data.*')).toBe(true);
    expect(keyMatchesPattern('user_data', 'user_data.*')).toBe(true);
    expect(keyMatchesPattern('page_location', 'user_data.*')).toBe(false);
    expect(keyMatchesPattern('ecommerce.items', 'ecommerce')).toBe(true);
    expect(keyMatchesPattern('ecommerce_extra', 'ecommerce')).toBe(false);
    expect(globMatch('_ga*', '_ga_ABC')).toBe(true);
    expect(globMatch('a.b', 'aXb')).toBe(false);
  });

  test('typed permission values decode to plain JSON', () => {
    const value = {
      type: 2,
      listItem: [
        { type: 3, mapKey: [{ type: 1, string: 'key' }, { type: 1, string: 'read' }], mapValue: [{ type: 1, string: 'ttq' }, { type: 8, boolean: true }] },
      ],
    };
    expect(decodeTypedValue(value)).toEqual({ value: [{ key: 'ttq', read: true }] });
    expect(decodeTypedValue({ type: 3, mapKey: [], mapValue: [{ type: 1, string: 'x' }] }).error).toMatch(/parallel/);
  });
});
