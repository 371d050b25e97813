import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT, resolveConfigPath } from '../../src/server/app';
import { ConfigError, loadConfigFile, normalizeConfig, substituteEnv, tagMatches } from '../../src/server/config';
import { fieldDefaults } from '../../src/server/field-defaults';
import { parseArgs } from '../../src/server/main';
import { routeUrl } from '../../src/server/transport';

describe('environment substitution', () => {
  test('${VAR}, ${VAR:-default}, unset without default is reported', () => {
    const missing = new Set<string>();
    expect(substituteEnv('a=${A} b=${B:-mock-token} c=${C}', { A: 'x' }, missing)).toBe('a=x b=mock-token c=');
    expect([...missing]).toEqual(['C']);
    expect(substituteEnv('${B:-d}', { B: 'set' })).toBe('set');
    expect(substituteEnv('${B:-d}', { B: '' })).toBe('d');
  });
});

describe('normalizeConfig', () => {
  test('paths resolve against the config folder; triggers in every accepted shape', () => {
    const config = normalizeConfig(
      {
        tags: [
          { name: 'a', template: 't.tpl', trigger: '*' },
          { name: 'b', template: '/abs/t.tpl', trigger: ['purchase', 'page_view'] },
          { name: 'c', template: 't.tpl', trigger: { events: ['*'], exclude: ['scroll'] }, fields: { token: '${TOKEN:-mock-token}' } },
          { name: 'd', template: 't.tpl', enabled: false },
        ],
      },
      { baseDir: '/cfg', env: {} },
    );
    const [a, b, c, d] = config.tags;
    expect(a.template).toBe('/cfg/t.tpl');
    expect(b.template).toBe('/abs/t.tpl');
    expect(c.fields).toEqual({ token: 'mock-token' });
    expect(tagMatches(a, 'anything')).toBe(true);
    expect(tagMatches(b, 'purchase')).toBe(true);
    expect(tagMatches(b, 'scroll')).toBe(false);
    expect(tagMatches(c, 'scroll')).toBe(false);
    expect(tagMatches(c, 'purchase')).toBe(true);
    expect(tagMatches(d, 'purchase')).toBe(false);
  });

  test('TRUST_FORWARDED_FOR overrides the file', () => {
    expect(normalizeConfig({ client: { trustForwardedFor: true } }, { baseDir: '/', env: {} }).trustForwardedFor).toBe(true);
    expect(normalizeConfig({ client: { trustForwardedFor: true } }, { baseDir: '/', env: { TRUST_FORWARDED_FOR: '0' } }).trustForwardedFor).toBe(false);
    expect(normalizeConfig({}, { baseDir: '/', env: { TRUST_FORWARDED_FOR: '1' } }).trustForwardedFor).toBe(true);
  });

  test('trustForwardedHost is off by default; TRUST_FORWARDED_HOST overrides the file', () => {
    expect(normalizeConfig({}, { baseDir: '/', env: {} }).trustForwardedHost).toBe(false);
    expect(normalizeConfig({ client: { trustForwardedHost: true } }, { baseDir: '/', env: {} }).trustForwardedHost).toBe(true);
    expect(normalizeConfig({ client: { trustForwardedHost: true } }, { baseDir: '/', env: { TRUST_FORWARDED_HOST: 'no' } }).trustForwardedHost).toBe(false);
  });

  test('allowedHosts from the file and ALLOWED_HOSTS (comma-separated)', () => {
    expect(normalizeConfig({}, { baseDir: '/', env: {} }).allowedHosts).toEqual([]);
    expect(normalizeConfig({ allowedHosts: ['a.example', ' b.example '] }, { baseDir: '/', env: { ALLOWED_HOSTS: 'c.example, ,d.example' } }).allowedHosts)
      .toEqual(['a.example', 'b.example', 'c.example', 'd.example']);
    expect(() => normalizeConfig({ allowedHosts: [1] }, { baseDir: '/', env: {} })).toThrow(ConfigError);
  });

  test.each([
    ['tags not a list', { tags: {} }],
    ['tag without template', { tags: [{ name: 'x' }] }],
    ['duplicate names', { tags: [{ name: 'x', template: 'a' }, { name: 'x', template: 'b' }] }],
    ['bad trigger', { tags: [{ template: 'a', trigger: 42 }] }],
    ['top level not a mapping', [1, 2]],
  ])('rejects %s', (_name, document) => {
    expect(() => normalizeConfig(document, { baseDir: '/', env: {} })).toThrow(ConfigError);
  });

  test('the example container.yaml loads, with the mock defaults for secrets', () => {
    const warnings: string[] = [];
    const config = loadConfigFile(path.join(REPO_ROOT, 'container.yaml'), {}, warnings);
    expect(config.tags[0].template).toBe(path.join(REPO_ROOT, 'templates/tiktok-events-api.tpl'));
    expect(config.tags[0].fields.accessToken).toBe('mock-token');
    expect(config.trustForwardedFor).toBe(false);
    expect(warnings).toEqual([]);
  });

  test('invalid YAML is a ConfigError naming the file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'bad.yaml');
    fs.writeFileSync(file, 'tags: [unclosed');
    expect(() => loadConfigFile(file, {})).toThrow(/bad\.yaml/);
  });

  test('config path: option, then CONTAINER_CONFIG, then container.yaml', () => {
    expect(resolveConfigPath({ configPath: '/x.yaml', env: { CONTAINER_CONFIG: '/y.yaml' } })).toBe('/x.yaml');
    expect(resolveConfigPath({ env: { CONTAINER_CONFIG: '/y.yaml' } })).toBe('/y.yaml');
    expect(resolveConfigPath({ env: {} })).toBe(path.join(REPO_ROOT, 'container.yaml'));
  });
});

describe('fieldDefaults', () => {
  test('defaults from nested groups, radio sub-params; unchecked checkboxes false', () => {
    expect(
      fieldDefaults([
        { type: 'TEXT', name: 'plain' },
        { type: 'TEXT', name: 'withDefault', defaultValue: '30' },
        { type: 'CHECKBOX', name: 'box' },
        {
          type: 'GROUP',
          name: 'group',
          subParams: [
            { type: 'RADIO', name: 'mode', defaultValue: 'a', radioItems: [{ value: 'a', subParams: [{ type: 'SELECT', name: 'inner', defaultValue: 'x' }] }] },
            { type: 'CHECKBOX', name: 'on', defaultValue: true, subParams: [{ type: 'TEXT', name: 'days', defaultValue: '7' }] },
          ],
        },
      ]),
    ).toEqual({ withDefault: '30', box: false, mode: 'a', inner: 'x', on: true, days: '7' });
  });
});

describe('CLI and routing helpers', () => {
  test('parseArgs', () => {
    expect(parseArgs(['--config', 'a.yaml', '--live', '--port=9000', '--host', '127.0.0.1'])).toEqual({
      configPath: 'a.yaml',
      live: true,
      port: 9000,
      host: '127.0.0.1',
    });
    expect(() => parseArgs(['--bogus'])).toThrow(/bogus/);
  });

  test('routeUrl: TikTok host to the mock unless live; other hosts untouched', () => {
    const mock = { live: false, mockBaseUrl: () => 'http://127.0.0.1:1234' };
    expect(routeUrl('https://business-api.tiktok.com/open_api/v1.3/event/track/?x=1', mock)).toBe('http://127.0.0.1:1234/open_api/v1.3/event/track/?x=1');
    expect(routeUrl('https://BUSINESS-API.tiktok.com/open_api/v1.3/event/track/', mock)).toBe('http://127.0.0.1:1234/open_api/v1.3/event/track/');
    expect(routeUrl('https://business-api.tiktok.com.evil.example/x', mock)).toBe('https://business-api.tiktok.com.evil.example/x');
    expect(routeUrl('https://example.org/a', mock)).toBe('https://example.org/a');
    expect(routeUrl('https://business-api.tiktok.com/x', { ...mock, live: true })).toBe('https://business-api.tiktok.com/x');
  });
});
