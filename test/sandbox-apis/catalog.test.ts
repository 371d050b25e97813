// Cross-checks the API tables against the runtime's list of require-able names and the linter's
// catalog of the permission each API needs.

import { serverApis, webApis, PermissionError } from '../../src/sandbox/apis';
import { knownApiNames } from '../../src/sandbox/api-names';
import { SERVER_APIS, WEB_APIS } from '../../src/lint/catalog';
import { makeHost } from './helpers';

/**
 * APIs whose refusal is silent: "If permission is denied, logToConsole will not throw an error, but
 * will suppress the log message" (Google's permissions reference, logging).
 */
const SILENT_REFUSALS = new Set(['logToConsole']);

/** Arguments for APIs whose first argument is not a string. */
const ARGS: Record<string, unknown[]> = {
  setDefaultConsentState: [{ ad_storage: 'granted' }],
  updateConsentState: [{ ad_storage: 'granted' }],
};

describe.each([
  ['SERVER', serverApis, SERVER_APIS],
  ['WEB', webApis, WEB_APIS],
] as const)('%s API table', (context, table, catalog) => {
  test('implements every name require() accepts, and no other', () => {
    expect(Object.keys(table).sort()).toEqual([...knownApiNames(context)].sort());
  });

  test('every API the linter catalogs is implemented', () => {
    expect(Object.keys(catalog).filter((name) => !(name in table))).toEqual([]);
  });

  test('with no permissions granted, each permissioned API refuses with a permission the catalog names', () => {
    const mismatches: string[] = [];
    for (const [name, fact] of Object.entries(catalog)) {
      if (fact.permissions.length === 0) continue;
      const host = makeHost(context, { request: {}, eventData: {} } as never, {});
      if (SILENT_REFUSALS.has(name)) {
        (table[name](host) as (...a: unknown[]) => unknown)('message');
        if (host.record.logs.length > 0) mismatches.push(`${name}: logged without permission`);
        continue;
      }
      const built = table[name](host);
      const members = typeof built === 'function'
        ? [built as (...a: unknown[]) => unknown]
        : Object.entries(built as Record<string, (...a: unknown[]) => unknown>)
            // runTransaction only runs the caller's function; its reads/writes are checked.
            .filter(([member]) => member !== 'runTransaction')
            .map(([, member]) => member);
      const args = ARGS[name] ?? ['https://example.com/x', 'b', { datasetId: 'd', tableId: 't' }, 'd'];
      for (const member of members) {
        try {
          const result = member(...args);
          if (result instanceof Promise) result.catch(() => undefined);
          mismatches.push(`${name}: no refusal`);
        } catch (error) {
          if (!(error instanceof PermissionError)) mismatches.push(`${name}: ${String(error)}`);
          else if (![...fact.permissions, ...(fact.possiblePermissions ?? [])].includes(error.permissionId)) {
            mismatches.push(`${name}: refused by ${error.permissionId}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
