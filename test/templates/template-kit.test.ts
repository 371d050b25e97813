// src/template-kit: every field a builder (*.fields.ts, Node side) emits is read by its reader
// (*.read.ts, compiled into the templates), and every field a reader reads is emitted by its
// builder. The readers are run in Node on `data` objects that record which fields they touch; each
// field is varied over the values its builder offers, so conditional reads (the fixed event is read
// only in fixed mode) are seen too. Also: the Node/sandbox split of the kit holds.
import * as fs from 'fs';
import * as path from 'path';
import { typecheckSandboxSources } from '../../build/typecheck';
import { nodeToolkit } from '../../src/core-node/toolkit';
import type { ParamValue, TemplateParameter } from '../../src/tpl/definition';
import { consentModeParameter, consentOverrideParameters, consentUnknownParameter } from '../../src/template-kit/consent.fields';
import { readConsentSettings } from '../../src/template-kit/consent.read';
import { forwardedCookieParameter } from '../../src/template-kit/cookie-map.fields';
import { forwardedCookieCandidates } from '../../src/template-kit/cookie-map.read';
import {
  cookieDomainParameter, cookieSameSiteParameter, generateTtpParameter, persistTtclidParameter, refreshTtpParameter,
} from '../../src/template-kit/cookies.fields';
import { readCookieSettings } from '../../src/template-kit/cookies.read';
import { eventIdParameter, transactionEventIdParameter } from '../../src/template-kit/event-id.fields';
import { readEventIdSettings } from '../../src/template-kit/event-id.read';
import { eventModeParameter, eventNameOverridesParameter, nameSetParameter, unmappedPolicyParameter } from '../../src/template-kit/event-name.fields';
import { readEventNameConfig } from '../../src/template-kit/event-name.read';
import { eventSourceGroup } from '../../src/template-kit/event-source.fields';
import { readEventSourceSettings } from '../../src/template-kit/event-source.read';
import { contentTypeParameter, extraPropertiesParameter } from '../../src/template-kit/properties.fields';
import { readContentType, readExtraProperties } from '../../src/template-kit/properties.read';
import { rememberedKeysGroup } from '../../src/template-kit/remembered-keys.fields';
import { readRememberedKeysSettings } from '../../src/template-kit/remembered-keys.read';
import { settingsVariableFields } from '../../src/template-kit/shared-settings.fields';
import { serverSettingsObject, webSettingsObject } from '../../src/template-kit/shared-settings.read';
import { userMatchKeyGroup } from '../../src/template-kit/user.fields';
import { readUserFields, readUserOptions } from '../../src/template-kit/user.read';

const tk = nodeToolkit();
const ROOT = path.resolve(__dirname, '../..');
const KIT = path.join(ROOT, 'src/template-kit');

/** Every field of a parameter tree that puts a key into `data` (groups and labels do not), with the values it offers. */
function fieldsOf(parameters: TemplateParameter[]): Map<string, unknown[]> {
  const fields = new Map<string, unknown[]>();
  const visit = (parameter: TemplateParameter) => {
    const values: unknown[] = [];
    switch (parameter.type) {
      case 'GROUP':
        parameter.subParams.forEach(visit);
        return;
      case 'LABEL':
        return;
      case 'CHECKBOX':
        values.push(true, false);
        (parameter.subParams ?? []).forEach(visit);
        break;
      case 'SELECT':
        values.push(...parameter.selectItems.map((item) => item.value));
        (parameter.subParams ?? []).forEach(visit);
        break;
      case 'RADIO':
        values.push(...parameter.radioItems.map((item) => item.value));
        parameter.radioItems.forEach((item) => (item.subParams ?? []).forEach(visit));
        break;
      case 'SIMPLE_TABLE':
        values.push([Object.fromEntries(parameter.simpleTableColumns.map((column) => [column.name, 'x']))]);
        break;
      default:
        values.push('text');
    }
    if ('defaultValue' in parameter && parameter.defaultValue !== undefined) values.push(parameter.defaultValue as ParamValue);
    values.push(undefined);
    fields.set(parameter.name, values);
  };
  parameters.forEach(visit);
  return fields;
}

/** The names a reader reads, over every single-field variation of the builder's values. */
function namesRead(fields: Map<string, unknown[]>, read: (data: Record<string, unknown>) => unknown): Set<string> {
  const touched = new Set<string>();
  const defaults: Record<string, unknown> = {};
  for (const [name, values] of fields) defaults[name] = values[values.length - 2];
  const runWith = (data: Record<string, unknown>) => {
    const recorder = new Proxy(data, {
      get(target, key) {
        if (typeof key === 'string') touched.add(key);
        return target[key as string];
      },
    });
    read(recorder);
  };
  runWith({ ...defaults });
  for (const [name, values] of fields) for (const value of values) runWith({ ...defaults, [name]: value });
  return touched;
}

const pairs: { topic: string; builders: TemplateParameter[]; read: (data: Record<string, unknown>) => unknown }[] = [
  {
    topic: 'event name',
    builders: [
      eventModeParameter({ mappedDisplayValue: 'm', mappedHelp: 'h', pageviewDisplayValue: 'p' }),
      nameSetParameter('tag', true), unmappedPolicyParameter('skip'), eventNameOverridesParameter('from'),
    ],
    read: (data) => readEventNameConfig(data, tk),
  },
  {
    topic: 'event ID',
    builders: [eventIdParameter({ displayName: 'Event ID', help: 'h' }), transactionEventIdParameter(true)],
    read: (data) => readEventIdSettings(data),
  },
  {
    topic: 'properties',
    builders: [contentTypeParameter(), extraPropertiesParameter()],
    read: (data) => [readContentType(data), readExtraProperties(data, tk)],
  },
  {
    topic: 'consent',
    builders: [consentModeParameter({ displayValue: 'a', help: 'b' }, { displayValue: 'c', help: 'd' }, true), consentUnknownParameter('e', true), ...consentOverrideParameters(true, true)],
    read: (data) => readConsentSettings(data),
  },
  {
    topic: 'identity cookies',
    builders: [persistTtclidParameter(), refreshTtpParameter([generateTtpParameter('h')]), cookieDomainParameter(), cookieSameSiteParameter()],
    read: (data) => readCookieSettings(data, tk),
  },
  {
    topic: 'customer information',
    builders: [userMatchKeyGroup({ label: 'l', verb: 'sent' })],
    read: (data) => [readUserFields(data), readUserOptions(data, tk)],
  },
  {
    topic: 'event source',
    builders: [eventSourceGroup()],
    read: (data) => readEventSourceSettings(data, tk),
  },
  {
    topic: 'remembered match keys',
    builders: [rememberedKeysGroup()],
    read: (data) => readRememberedKeysSettings(data, tk),
  },
  {
    topic: 'settings variable (server)',
    builders: settingsVariableFields('server'),
    read: (data) => serverSettingsObject(data, tk),
  },
  {
    topic: 'settings variable (web)',
    builders: settingsVariableFields('web'),
    read: (data) => webSettingsObject(data, tk),
  },
  {
    topic: 'forwarded cookie map',
    builders: [forwardedCookieParameter(['ttclid', '_ttp'])],
    read: (data) => forwardedCookieCandidates(data, () => ({ ttclid: 'E.C.P.x' }), ['ttclid', '_ttp'], tk),
  },
];

describe('each builder and its reader cover the same fields', () => {
  test.each(pairs)('$topic', ({ builders, read }) => {
    const fields = fieldsOf(builders);
    expect(fields.size).toBeGreaterThan(0);
    expect([...namesRead(fields, read)].sort()).toEqual([...fields.keys()].sort());
  });

  test('the check is not vacuous: a reader that skips a field, or reads a field nobody builds, is caught', () => {
    const fields = fieldsOf([contentTypeParameter(), extraPropertiesParameter()]);
    expect([...namesRead(fields, (data) => readContentType(data))].sort()).not.toEqual([...fields.keys()].sort());
    expect([...namesRead(fields, (data) => [readContentType(data), readExtraProperties(data, tk), data.contentTypo])].sort()).not.toEqual([...fields.keys()].sort());
  });

  test('conditional reads are found (the fixed event is read only in fixed mode)', () => {
    const fields = fieldsOf([eventModeParameter({ mappedDisplayValue: 'm', mappedHelp: 'h', pageviewDisplayValue: 'p' })]);
    expect(namesRead(fields, (data) => readEventNameConfig(data, tk)).has('fixedEvent')).toBe(true);
  });
});

describe('the kit keeps Node-side builders and sandbox-side code apart', () => {
  const files = fs.readdirSync(KIT).filter((name) => name.endsWith('.ts'));
  const importsOf = (file: string) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/^\s*import\b[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

  test('readers (*.read.ts) import only core and other readers: they are compiled into templates', () => {
    const readers = files.filter((name) => name.endsWith('.read.ts'));
    expect(readers.length).toBeGreaterThan(5);
    for (const reader of readers) {
      for (const specifier of importsOf(path.join(KIT, reader))) {
        expect({ reader, specifier, ok: specifier.startsWith('../core/') || /^\.\/[a-z-]+\.read$/.test(specifier) }).toEqual({ reader, specifier, ok: true });
      }
    }
  });

  test('builders (*.fields.ts) are never imported by sandbox code (main.ts, readers, kit sandbox helpers)', () => {
    const sandboxFiles = [
      ...fs.readdirSync(path.join(ROOT, 'src/templates')).map((id) => path.join(ROOT, 'src/templates', id, 'main.ts')).filter((f) => fs.existsSync(f)),
      ...files.filter((name) => name.endsWith('.read.ts')).map((name) => path.join(KIT, name)),
      ...fs.readdirSync(path.join(KIT, 'sandbox')).map((name) => path.join(KIT, 'sandbox', name)),
    ];
    for (const file of sandboxFiles) {
      const specifiers = importsOf(file).filter((s) => s.endsWith('.fields') || s.includes('/tpl/'));
      expect({ file: path.relative(ROOT, file), specifiers }).toEqual({ file: path.relative(ROOT, file), specifiers: [] });
    }
  });

  test('every kit file is a builder, a reader, the brand, or sandbox code', () => {
    for (const name of files) expect({ name, ok: /\.(fields|read)\.ts$/.test(name) || name === 'brand.ts' }).toEqual({ name, ok: true });
  });

  test('the shared toolkit type-checks in both contexts, the server helpers in the server context', () => {
    const shared = [path.join(KIT, 'sandbox/toolkit.ts')];
    const server = fs.readdirSync(path.join(KIT, 'sandbox')).filter((name) => name.startsWith('server')).map((name) => path.join(KIT, 'sandbox', name));
    expect(typecheckSandboxSources(shared, 'WEB', 'kit')).toEqual([]);
    expect(typecheckSandboxSources(shared.concat(server), 'SERVER', 'kit')).toEqual([]);
    // sha256Sync and getEventData do not exist on the web: the server helpers stay out of web templates.
    expect(typecheckSandboxSources(server, 'WEB', 'kit').length).toBeGreaterThan(0);
  });

  test('every folder of src/templates is a template', () => {
    for (const id of fs.readdirSync(path.join(ROOT, 'src/templates'))) {
      expect({ id, template: fs.existsSync(path.join(ROOT, 'src/templates', id, 'template.ts')) }).toEqual({ id, template: true });
    }
  });
});
