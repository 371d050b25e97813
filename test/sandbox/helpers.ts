// Shared helpers for the emulator tests: .tpl text built in memory and a small stub API table,
// so these tests exercise the runtime alone (the real API implementations have their own tests).
import type { ApiHost, ApiTable } from '../../src/sandbox/apis/types';
import type { HttpOutcome } from '../../src/sandbox/environment';
import type { ApiProvider } from '../../src/sandbox/session';

export interface TplSpec {
  type?: 'TAG' | 'MACRO' | 'CLIENT';
  context?: 'SERVER' | 'WEB';
  code: string;
  tests?: string;
  permissions?: unknown[];
}

export function tplText(spec: TplSpec): string {
  const context = spec.context ?? 'SERVER';
  const info = { type: spec.type ?? 'TAG', id: 'cvt_temp_public_id', version: 1, displayName: 'Fixture', containerContexts: [context] };
  const codeSection = context === 'SERVER' ? 'SANDBOXED_JS_FOR_SERVER' : 'SANDBOXED_JS_FOR_WEB_TEMPLATE';
  const permissionSection = context === 'SERVER' ? 'SERVER_PERMISSIONS' : 'WEB_PERMISSIONS';
  let text = `___INFO___\n\n${JSON.stringify(info, null, 2)}\n\n\n___TEMPLATE_PARAMETERS___\n\n[]\n\n\n`;
  text += `___${codeSection}___\n\n${spec.code}\n\n\n___${permissionSection}___\n\n${JSON.stringify(spec.permissions ?? [])}\n\n\n`;
  text += `___TESTS___\n\n${spec.tests ?? 'scenarios: []'}\n`;
  return text;
}

/** Indents code for a YAML `|-` block. */
export function yamlBlock(code: string, indent = '    '): string {
  return code
    .trim()
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

export function scenarios(list: { name: string; code: string }[], setup?: string): string {
  let yaml = 'scenarios:\n';
  for (const s of list) yaml += `- name: ${JSON.stringify(s.name)}\n  code: |-\n${yamlBlock(s.code)}\n`;
  if (setup) yaml += `setup: |-\n${yamlBlock(setup, '  ')}\n`;
  return yaml;
}

/** Minimal host implementations of a few APIs, enough to exercise the runtime's plumbing. */
export function stubApis(): ApiTable {
  return {
    logToConsole: (host: ApiHost) => (...args: unknown[]) => {
      host.record.logs.push({ args, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
    },
    JSON: () => ({ parse: (text: string) => JSON.parse(text), stringify: (value: unknown) => JSON.stringify(value) }),
    getTimestampMillis: (host: ApiHost) => () => host.now(),
    getAllEventData: (host: ApiHost) => () => ('eventData' in host.env ? host.env.eventData ?? {} : {}),
    callLater: (host: ApiHost) => (fn: () => void) => host.callLater(fn),
    createRegex: () => (pattern: string, flags?: string) => new RegExp(pattern, flags),
    sendHttpRequest: (host: ApiHost) => (url: string, ...rest: unknown[]) => {
      const callback = typeof rest[0] === 'function' ? (rest.shift() as (...a: unknown[]) => void) : undefined;
      const options = (rest[0] ?? {}) as { method?: string; headers?: Record<string, string>; timeout?: number };
      const body = rest[1] as string | undefined;
      const request = { url, method: options.method ?? 'GET', headers: options.headers ?? {}, body, timeout: options.timeout ?? 15000 };
      const entry: { request: typeof request; outcome?: HttpOutcome } = { request };
      host.record.requests.push(entry);
      const transport = ('http' in host.env && host.env.http) || (() => ({ statusCode: 200, headers: {}, body: '' }));
      const outcome = Promise.resolve(transport(request)).then((result) => {
        entry.outcome = result;
        return result;
      });
      host.track(outcome);
      if (callback) {
        void outcome.then((result) => {
          if ('statusCode' in result) callback(result.statusCode, result.headers ?? {}, result.body ?? '');
          else callback(500, {}, '');
        });
        return undefined;
      }
      return outcome.then((result) => {
        if ('statusCode' in result) return result;
        throw { reason: result.error };
      });
    },
    setCookie: (host: ApiHost) => (name: string, value: string, options: Record<string, unknown> = {}) => {
      host.permissions.assert('set_cookies', name, options);
      host.record.cookiesSet.push({ name, value, options, encoded: true, header: `${name}=${value}` });
    },
  };
}

export const stubProvider: ApiProvider = {
  tables: { SERVER: stubApis(), WEB: stubApis() },
  createPermissionChecker: (permissions) => ({
    assert(permissionId: string) {
      const declared = (permissions as { instance?: { key?: { publicId?: string } } }[]).some(
        (p) => p.instance?.key?.publicId === permissionId,
      );
      if (!declared) {
        const error = new Error(`Permission denied by "${permissionId}": not declared`);
        error.name = 'PermissionError';
        throw error;
      }
    },
    query: () => true,
  }),
};
