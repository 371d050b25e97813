import { createPermissionChecker, keyMatchesPattern, parsePermissions, PermissionError, urlMatchesPattern } from '../../src/sandbox/apis';
import { permissionsJson, PermissionSpec } from './helpers';

const checker = (spec: PermissionSpec, context: 'SERVER' | 'WEB' = 'SERVER', isDebug?: () => boolean) =>
  createPermissionChecker(permissionsJson(spec), context, { isDebug });

function refusal(fn: () => void): PermissionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PermissionError) return error;
    throw error;
  }
  throw new Error('expected a PermissionError');
}

describe('permission JSON parsing', () => {
  test('decodes string, boolean, list and map values', () => {
    const parsed = parsePermissions([
      {
        instance: {
          key: { publicId: 'set_cookies', versionId: '1' },
          param: [
            {
              key: 'allowedCookies',
              value: {
                type: 2,
                listItem: [
                  {
                    type: 3,
                    mapKey: [{ type: 1, string: 'name' }, { type: 1, string: 'secure' }],
                    mapValue: [{ type: 1, string: 'ttclid' }, { type: 1, string: 'any' }],
                  },
                ],
              },
            },
            { key: 'flag', value: { type: 8, boolean: true } },
          ],
        },
        isRequired: true,
      },
    ]);
    expect(parsed.get('set_cookies')).toEqual({ allowedCookies: [{ name: 'ttclid', secure: 'any' }], flag: true });
  });

  test('rejects malformed JSON and unknown permissions with a clear error', () => {
    expect(() => createPermissionChecker({} as unknown as unknown[], 'SERVER')).toThrow(/array/);
    expect(() => createPermissionChecker([{ instance: {} }], 'SERVER')).toThrow(/publicId/);
    expect(() =>
      createPermissionChecker([{ instance: { key: { publicId: 'logging' }, param: [{ key: 'environments', value: { type: 7 } }] } }], 'SERVER'),
    ).toThrow(/unknown type 7/);
    expect(() =>
      createPermissionChecker([{ instance: { key: { publicId: 'x' }, param: [{ key: 'm', value: { type: 3, mapKey: [{ type: 1, string: 'a' }], mapValue: [] } }] } }], 'SERVER'),
    ).toThrow(/parallel/);
    expect(() => createPermissionChecker(permissionsJson({ no_such_permission: {} }), 'SERVER')).toThrow(/unknown permission "no_such_permission"/);
  });

  test('an undeclared permission is refused, naming it', () => {
    const error = refusal(() => checker({}).assert('read_title'));
    expect(error.permissionId).toBe('read_title');
    expect(error.message).toContain('does not declare');
    expect(checker({}).has?.('read_title')).toBe(false);
  });
});

describe('URL match patterns', () => {
  test.each([
    ['https://business-api.tiktok.com/open_api/v1.3/event/track/', 'https://*.tiktok.com/*', true],
    ['https://tiktok.com/x', 'https://*.tiktok.com/*', true],
    ['https://nottiktok.com/x', 'https://*.tiktok.com/*', false],
    ['http://business-api.tiktok.com/x', 'https://*.tiktok.com/*', false],
    ['https://graph.facebook.com/v18.0/123/events?access_token=x', 'https://graph.facebook.com/', true],
    ['https://graph.facebook.com.evil.com/', 'https://graph.facebook.com/', false],
    ['https://s.adroll.com/j/ABC/roundtrip.js', 'https://s.adroll.com/j/*/roundtrip.js', true],
    ['https://s.adroll.com/j/ABC/other.js', 'https://s.adroll.com/j/*/roundtrip.js', false],
    ['https://example.com:8443/a', 'https://example.com/*', false],
    ['https://example.com:8443/a', 'https://example.com:8443/*', true],
    ['https://example.com/exact', 'https://example.com/exact', true],
    ['https://example.com/exact/more', 'https://example.com/exact', false],
    ['not a url', 'https://*/*', false],
  ])('%s against %s -> %s', (url, pattern, expected) => {
    expect(urlMatchesPattern(url, pattern)).toBe(expected);
  });
});

describe('key patterns', () => {
  test.each([
    ['user_data.email', 'user_data.*', true],
    ['user_data', 'user_data.*', true],
    ['user_database', 'user_data.*', false],
    ['x-ga-gcs', 'x-ga-gcs', true],
    ['anything.at.all', '*', true],
    ['page_location', 'page_*', false],
  ])('%s against %s -> %s', (key, pattern, expected) => {
    expect(keyMatchesPattern(key, pattern)).toBe(expected);
  });
});

describe('server permissions', () => {
  test('send_http: specific URLs, any, allowGoogleDomains', () => {
    const specific = checker({ send_http: { allowedUrls: 'specific', urls: ['https://*.tiktok.com/*'] } });
    expect(specific.query('send_http', 'https://business-api.tiktok.com/x')).toBe(true);
    const error = refusal(() => specific.assert('send_http', 'https://example.com/'));
    expect(error.message).toContain('send_http');
    expect(error.message).toContain('https://example.com/');
    expect(specific.query('send_http', 'https://www.googleapis.com/x')).toBe(false);
    const google = checker({ send_http: { allowedUrls: 'specific', urls: [], allowGoogleDomains: true } });
    expect(google.query('send_http', 'https://www.googleapis.com/x')).toBe(true);
    expect(google.query('send_http', 'https://example.com/x')).toBe(false);
    expect(checker({ send_http: { allowedUrls: 'any' } }).query('send_http', 'https://example.com/')).toBe(true);
  });

  test('get_cookies: specific names and any', () => {
    const specific = checker({ get_cookies: { cookieAccess: 'specific', cookieNames: ['ttclid', '_ttp'] } });
    expect(specific.query('get_cookies', '_ttp')).toBe(true);
    expect(refusal(() => specific.assert('get_cookies', '_fbp')).message).toContain('"_fbp"');
    expect(checker({ get_cookies: { cookieAccess: 'any' } }).query('get_cookies', '_fbp')).toBe(true);
  });

  test('set_cookies: name, domain, path, secure and session constraints', () => {
    const perms = checker({
      set_cookies: {
        allowedCookies: [
          { name: 'ttclid', domain: '*', path: '*', secure: 'any', session: 'any' },
          { name: 'strict', domain: 'example.com', path: '/', secure: 'secure', session: 'session' },
        ],
      },
    });
    expect(perms.query('set_cookies', 'ttclid', { domain: 'auto', path: '/', 'max-age': 10 })).toBe(true);
    expect(perms.query('set_cookies', 'other', {})).toBe(false);
    expect(perms.query('set_cookies', 'strict', { domain: 'example.com', path: '/', secure: true })).toBe(true);
    expect(perms.query('set_cookies', 'strict', { domain: '.example.com', path: '/', secure: true })).toBe(true);
    expect(refusal(() => perms.assert('set_cookies', 'strict', { domain: 'other.com', path: '/', secure: true })).message).toContain('other.com');
    expect(perms.query('set_cookies', 'strict', { domain: 'example.com', path: '/x', secure: true })).toBe(false);
    expect(perms.query('set_cookies', 'strict', { domain: 'example.com', path: '/', secure: false })).toBe(false);
    expect(perms.query('set_cookies', 'strict', { domain: 'example.com', path: '/', secure: true, 'max-age': 5 })).toBe(false);
    const persistentOnly = checker({ set_cookies: { allowedCookies: [{ name: 'p', domain: '*', path: '*', secure: 'any', session: 'non_session' }] } });
    expect(persistentOnly.query('set_cookies', 'p', { 'max-age': 60 })).toBe(true);
    expect(persistentOnly.query('set_cookies', 'p', {})).toBe(false);
  });

  test('read_event_data: any and key patterns; all data needs any', () => {
    const specific = checker({ read_event_data: { eventDataAccess: 'specific', keyPatterns: ['user_data.*', 'event_name'] } });
    expect(specific.query('read_event_data', 'user_data.email_address')).toBe(true);
    expect(specific.query('read_event_data', 'event_name')).toBe(true);
    expect(refusal(() => specific.assert('read_event_data', 'ip_override')).message).toContain('ip_override');
    expect(specific.query('read_event_data', undefined)).toBe(false);
    expect(checker({ read_event_data: { eventDataAccess: 'any' } }).query('read_event_data', undefined)).toBe(true);
  });

  test('read_request: each component flag and whitelist', () => {
    const none = checker({ read_request: { requestAccess: 'specific' } });
    for (const component of ['header', 'query_parameter', 'query_string', 'path', 'body', 'remote_address']) {
      expect(none.query('read_request', component, 'x')).toBe(false);
    }
    const some = checker({
      read_request: {
        requestAccess: 'specific',
        headersAllowed: true,
        headerAccess: 'specific',
        headerWhitelist: [{ headerName: 'User-Agent' }],
        queryParametersAllowed: true,
        queryParameterAccess: 'specific',
        queryParameterWhitelist: [{ queryParameter: 'ttclid' }],
        pathAllowed: true,
        bodyAllowed: false,
        remoteAddressAllowed: true,
      },
    });
    expect(some.query('read_request', 'header', 'user-agent')).toBe(true);
    expect(refusal(() => some.assert('read_request', 'header', 'cookie')).message).toContain('"cookie"');
    expect(some.query('read_request', 'query_parameter', 'ttclid')).toBe(true);
    expect(some.query('read_request', 'query_parameter', 'gclid')).toBe(false);
    expect(some.query('read_request', 'query_string')).toBe(false);
    expect(some.query('read_request', 'path')).toBe(true);
    expect(some.query('read_request', 'body')).toBe(false);
    expect(some.query('read_request', 'remote_address')).toBe(true);
    expect(checker({ read_request: { requestAccess: 'any' } }).query('read_request', 'body')).toBe(true);
  });

  test('access_response: status, headers (whitelist), body', () => {
    const perms = checker({
      access_response: {
        writeResponseAccess: 'specific',
        writeStatusAllowed: true,
        writeHeadersAllowed: true,
        writeHeaderAccess: 'specific',
        writeHeaderWhitelist: [{ headerName: 'Content-Type' }],
        writeBodyAllowed: false,
      },
    });
    expect(perms.query('access_response', 'status')).toBe(true);
    expect(perms.query('access_response', 'header', 'content-type')).toBe(true);
    expect(perms.query('access_response', 'header', 'x-other')).toBe(false);
    expect(refusal(() => perms.assert('access_response', 'body')).message).toContain('body');
    expect(checker({ access_response: { writeResponseAccess: 'any' } }).query('access_response', 'body')).toBe(true);
  });

  test('logging: debug only in debug mode, all always', () => {
    const debugOnly = checker({ logging: { environments: 'debug' } });
    expect(debugOnly.query('logging', true)).toBe(true);
    expect(debugOnly.query('logging', false)).toBe(false);
    expect(checker({ logging: { environments: 'debug' } }, 'SERVER', () => true).query('logging')).toBe(true);
    expect(checker({ logging: { environments: 'all' } }).query('logging', false)).toBe(true);
    expect(checker({}).query('logging', true)).toBe(false);
  });

  test('parameterless permissions are granted by their presence alone', () => {
    const ids = ['read_container_data', 'access_template_storage', 'return_response', 'run_container', 'read_event_metadata'];
    const granted = checker(Object.fromEntries(ids.map((id) => [id, {}])));
    for (const id of ids) {
      expect(granted.query(id)).toBe(true);
      expect(checker({}).query(id)).toBe(false);
    }
  });

  test('access_bigquery: project/dataset/table with wildcards', () => {
    const perms = checker({ access_bigquery: { allowedTables: [{ projectId: 'p1', datasetId: 'ds', tableId: '*', operation: 'write' }] } });
    expect(perms.query('access_bigquery', 'write', { projectId: 'p1', datasetId: 'ds', tableId: 'events' })).toBe(true);
    expect(refusal(() => perms.assert('access_bigquery', 'write', { projectId: 'p2', datasetId: 'ds', tableId: 'events' })).message).toContain('p2.ds.events');
    expect(perms.query('access_bigquery', 'write', { projectId: 'p1', datasetId: 'other', tableId: 'events' })).toBe(false);
  });

  test('access_firestore: operation, project and path', () => {
    const perms = checker({ access_firestore: { allowedOptions: [{ projectId: '*', path: 'users/*', operation: 'read' }] } });
    expect(perms.query('access_firestore', 'read', 'users/u1', { projectId: 'p' })).toBe(true);
    expect(perms.query('access_firestore', 'write', 'users/u1', { projectId: 'p' })).toBe(false);
    expect(perms.query('access_firestore', 'read', 'orders/o1', { projectId: 'p' })).toBe(false);
    const writer = checker({ access_firestore: { allowedOptions: [{ projectId: 'p', path: '**', operation: 'read_write' }] } });
    expect(writer.query('access_firestore', 'write', 'a/b/c/d', { projectId: 'p' })).toBe(true);
    expect(writer.query('access_firestore', 'write', 'a/b', { projectId: 'q' })).toBe(false);
  });

  test('use_message, send_pixel_from_browser, use_google_credentials', () => {
    const perms = checker({
      use_message: { allowedActions: 'specific', messageTypes: [{ type: 'set_cookie', action: 'listen' }] },
      send_pixel_from_browser: { allowedUrls: 'specific', urls: ['https://px.ads.linkedin.com/*'] },
      use_google_credentials: { allowedScopes: ['https://www.googleapis.com/auth/datastore'] },
    });
    expect(perms.query('use_message', 'listen', 'set_cookie')).toBe(true);
    expect(perms.query('use_message', 'send', 'set_cookie')).toBe(false);
    expect(perms.query('use_message', 'listen', 'other')).toBe(false);
    expect(perms.query('send_pixel_from_browser', 'https://px.ads.linkedin.com/collect')).toBe(true);
    expect(perms.query('send_pixel_from_browser', 'https://evil.com/collect')).toBe(false);
    expect(perms.query('use_google_credentials', ['https://www.googleapis.com/auth/datastore'])).toBe(true);
    expect(refusal(() => perms.assert('use_google_credentials', ['https://www.googleapis.com/auth/cloud-platform'])).message).toContain('cloud-platform');
  });
});

describe('web permissions', () => {
  test('access_globals: read/write/execute per key, readwrite needs both', () => {
    const perms = checker({
      access_globals: {
        keys: [
          { key: 'ttq.track', read: false, write: false, execute: true },
          { key: 'ttq', read: true, write: true, execute: false },
          { key: 'readonly', read: true, write: false, execute: false },
        ],
      },
    }, 'WEB');
    expect(perms.query('access_globals', 'execute', 'ttq.track')).toBe(true);
    expect(perms.query('access_globals', 'read', 'ttq.track')).toBe(false);
    expect(perms.query('access_globals', 'readwrite', 'ttq')).toBe(true);
    expect(perms.query('access_globals', 'readwrite', 'readonly')).toBe(false);
    expect(refusal(() => perms.assert('access_globals', 'execute', 'ttq.page')).message).toContain('ttq.page');
  });

  test('access_consent: read and write per consent type', () => {
    const perms = checker({ access_consent: { consentTypes: [{ consentType: 'ad_storage', read: true, write: false }] } }, 'WEB');
    expect(perms.query('access_consent', 'ad_storage', 'read')).toBe(true);
    expect(perms.query('access_consent', 'ad_storage', 'write')).toBe(false);
    expect(perms.query('access_consent', 'analytics_storage', 'read')).toBe(false);
  });

  test('get_url: any, per-component booleans, query keys', () => {
    expect(checker({ get_url: { urlParts: 'any' } }, 'WEB').query('get_url', 'host')).toBe(true);
    const parts = checker({ get_url: { urlParts: 'specific', host: true, path: true, query: true, queriesAllowed: 'specific', queryKeys: ['ttclid'] } }, 'WEB');
    expect(parts.query('get_url', 'host')).toBe(true);
    expect(parts.query('get_url', 'fragment')).toBe(false);
    expect(parts.query('get_url')).toBe(false);
    expect(parts.query('get_url', 'query', 'ttclid')).toBe(true);
    expect(parts.query('get_url', 'query', 'gclid')).toBe(false);
    const listed = checker({ get_url: { urlParts: 'specific', allowedUrlParts: { query: true }, queriesAllowed: ['any'] } }, 'WEB');
    expect(listed.query('get_url', 'query', 'gclid')).toBe(true);
    expect(listed.query('get_url', 'host')).toBe(false);
    const anyParts = checker({ get_url: { urlParts: 'any', queriesAllowed: 'any' } }, 'WEB');
    expect(anyParts.query('get_url', 'query', 'gclid')).toBe(true);
  });

  test('get_referrer, inject_script, send_pixel, inject_hidden_iframe', () => {
    const perms = checker({
      get_referrer: { urlParts: 'specific', host: true },
      inject_script: { urls: ['https://analytics.tiktok.com/*'] },
      send_pixel: { allowedUrls: 'specific', urls: ['https://*.linkedin.com/*'] },
      inject_hidden_iframe: { urls: ['https://iframe.example.com/'] },
    }, 'WEB');
    expect(perms.query('get_referrer', 'host')).toBe(true);
    expect(perms.query('get_referrer', 'path')).toBe(false);
    expect(perms.query('inject_script', 'https://analytics.tiktok.com/i18n/pixel/events.js')).toBe(true);
    expect(perms.query('inject_script', 'https://evil.com/x.js')).toBe(false);
    expect(perms.query('send_pixel', 'https://px.linkedin.com/collect')).toBe(true);
    expect(perms.query('send_pixel', 'https://px.evil.com/collect')).toBe(false);
    expect(perms.query('inject_hidden_iframe', 'https://iframe.example.com/a/b')).toBe(true);
    expect(perms.query('inject_hidden_iframe', 'https://other.example.com/')).toBe(false);
  });

  test('read_data_layer, write_data_layer, access_local_storage, read_title, read_character_set', () => {
    const perms = checker({
      read_data_layer: { allowedKeys: 'specific', keyPatterns: ['ecommerce.*'] },
      write_data_layer: { keyPatterns: ['url_passthrough'] },
      access_local_storage: { keys: [{ key: 'tt_id', read: true, write: false }] },
      read_title: {},
      read_character_set: {},
    }, 'WEB');
    expect(perms.query('read_data_layer', 'ecommerce.value')).toBe(true);
    expect(perms.query('read_data_layer', 'user.email')).toBe(false);
    expect(perms.query('write_data_layer', 'url_passthrough')).toBe(true);
    expect(perms.query('write_data_layer', 'ads_data_redaction')).toBe(false);
    expect(perms.query('access_local_storage', 'read', 'tt_id')).toBe(true);
    expect(perms.query('access_local_storage', 'write', 'tt_id')).toBe(false);
    expect(perms.query('access_local_storage', 'read', 'other')).toBe(false);
    expect(perms.query('read_title')).toBe(true);
    expect(perms.query('read_character_set')).toBe(true);
    expect(checker({ read_data_layer: { allowedKeys: 'any' } }, 'WEB').query('read_data_layer', 'user.email')).toBe(true);
  });
});
