// Tables of the user guide (docs/guide/*.md) computed from the code, so the guide cannot drift from
// what the templates do: the GA4 -> TikTok name tables come from resolveEventName, the consent table
// from decideConsent, the signal examples from readAdStorage/readAdUserData, the error table's
// "what the tag does" column from classifyResponse/isThrottled.
//
// A block lives between two marker lines in any docs/guide/*.md file:
//   <!-- BEGIN GENERATED guide-tables:<name> ... -->
//   ...
//   <!-- END GENERATED guide-tables:<name> -->
//
//   npx ts-node --transpile-only build/guide-tables.ts          rewrite the blocks
//   npx ts-node --transpile-only build/guide-tables.ts --check  exit 1 when a block is out of date
//   npx ts-node --transpile-only build/guide-tables.ts --print  print every block
// test/docs/guide.test.ts runs the check under jest.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConsentMode, consentSignalsFromEventData, decideConsent, readAdStorage, readAdUserData } from '../src/core/consent';
import { EventNameConfig, GA4_TO_TIKTOK, NameSet, PAGEVIEW_EVENT, TIKTOK_CURRENT_EVENTS, TIKTOK_LEGACY_EVENTS, resolveEventName } from '../src/core/event-names';
import { classifyResponse, isThrottled } from '../src/core/response';
import { nodeToolkit } from '../src/core-node/toolkit';
import { webIncomingEventName } from '../src/core/web-input';

export const GUIDE_DIR = path.join(__dirname, '..', 'docs', 'guide');
const REGENERATE = 'npx ts-node --transpile-only build/guide-tables.ts';

// The guide tables need no hashing, so the toolkit has no sha256Hex (as in a web template).
const tk = nodeToolkit({ withSha256: false });

function row(cells: string[]): string {
  return '| ' + cells.join(' | ') + ' |';
}

function table(header: string[], rows: string[][]): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

function code(text: string): string {
  return '`' + text + '`';
}

/** What the server tag (default settings) sends for an incoming name in one name set; '—' when skipped. */
function sentName(incoming: string, nameSet: NameSet): string {
  const decision = resolveEventName(incoming, { nameSet });
  return decision.skip || decision.name === undefined ? 'not sent' : code(decision.name);
}

function ga4ToTikTok(): string {
  const rows = Object.keys(GA4_TO_TIKTOK).map((ga4) => [code(ga4), sentName(ga4, 'current'), sentName(ga4, 'legacy')]);
  return table(['GA4 / dataLayer event', 'TikTok, **Current** names', 'TikTok, **Legacy** names'], rows);
}

function tiktokNamesPassedIn(): string {
  const names: string[] = [];
  [PAGEVIEW_EVENT].concat(TIKTOK_CURRENT_EVENTS, TIKTOK_LEGACY_EVENTS).forEach((name) => {
    if (names.indexOf(name) === -1) names.push(name);
  });
  const rows = names.map((name) => [code(name), sentName(name, 'current'), sentName(name, 'legacy')]);
  return table(['Event name already in TikTok spelling', 'sent with **Current** names', 'sent with **Legacy** names'], rows);
}

function decided(incoming: string, config: EventNameConfig): string {
  const decision = resolveEventName(incoming, config);
  return decision.skip || decision.name === undefined ? 'not sent' : code(decision.name);
}

/** Letter case: what the tag sends for names that equal a standard name ignoring case. */
function nameCase(): string {
  const rows: string[][] = [];
  const cases: { setting: string; incoming: string; config: EventNameConfig }[] = [];
  ['PageView', 'PURCHASE', 'addtocart', 'view_cart'].forEach((incoming) => {
    cases.push({ setting: 'unmapped policy `skip` (default)', incoming, config: { unmappedPolicy: 'skip' } });
  });
  ['PageView', 'PURCHASE', 'addtocart', 'view_cart'].forEach((incoming) => {
    cases.push({ setting: 'unmapped policy `custom`', incoming, config: { unmappedPolicy: 'custom' } });
  });
  cases.push({ setting: 'override `view_cart` → `purchase`', incoming: 'view_cart', config: { overrides: [{ from: 'view_cart', to: 'purchase' }] } });
  cases.push({ setting: 'override `view_cart` → `completepayment`', incoming: 'view_cart', config: { overrides: [{ from: 'view_cart', to: 'completepayment' }] } });
  cases.push({ setting: 'fixed event `lead`', incoming: 'anything', config: { fixedEvent: 'lead' } });
  cases.forEach((c) => {
    rows.push([c.setting, code(c.incoming), decided(c.incoming, { ...c.config, nameSet: 'current' }), decided(c.incoming, { ...c.config, nameSet: 'legacy' })]);
  });
  return table(['Setting', 'Incoming event', 'sent with **Current** names', 'sent with **Legacy** names'], rows);
}

/** GTM event names a web tag may fire on; the list shows those the Pixel tag treats as page_view. */
const GTM_EVENT_CANDIDATES = [
  'gtm.init_consent', 'gtm.init', 'gtm.js', 'gtm.dom', 'gtm.load', 'gtm.historyChange', 'gtm.historyChange-v2',
  'gtm.click', 'gtm.linkClick', 'gtm.formSubmit', 'gtm.timer', 'gtm.scrollDepth', 'gtm.video', 'gtm.elementVisibility',
];

function webPageEvents(): string {
  const pageEvents = GTM_EVENT_CANDIDATES.filter((name) => webIncomingEventName(name) === 'page_view');
  return 'GTM events the Pixel tag treats as `page_view` (sent as `Pageview`): ' + pageEvents.map(code).join(', ') + '.';
}

type Signal = 'granted' | 'denied' | 'not set';

function signalValue(signal: Signal): unknown {
  return signal === 'granted' ? true : signal === 'denied' ? false : undefined;
}

function outcome(mode: ConsentMode, adStorage: Signal, adUserData: Signal, unknownAs: 'granted' | 'denied'): string {
  const eventData: { consent_state?: { [key: string]: unknown } } = {};
  const state: { [key: string]: unknown } = {};
  if (adStorage !== 'not set') state.ad_storage = signalValue(adStorage);
  if (adUserData !== 'not set') state.ad_user_data = signalValue(adUserData);
  if (Object.keys(state).length > 0) eventData.consent_state = state;
  const decision = decideConsent({ mode, signals: consentSignalsFromEventData(eventData, tk), unknownAs }, tk);
  if (!decision.send) return '**not sent**';
  const without: string[] = [];
  if (!decision.readCookies) without.push('no cookies');
  if (!decision.sendPersonalData) without.push('no personal data');
  return without.length === 0 ? 'sent in full' : 'sent, ' + without.join(', ');
}

const MODES: { mode: ConsentMode; label: string }[] = [
  { mode: 'minimize', label: '**Respect consent, send a reduced event when denied** (`minimize`, default)' },
  { mode: 'require_ad_storage', label: '**Send only with consent to advertising cookies** (`require_ad_storage`)' },
  { mode: 'ignore', label: '**Ignore consent signals** (`ignore`)' },
];

function consentTable(): string {
  const combos: [Signal, Signal][] = [
    ['granted', 'granted'], ['granted', 'denied'], ['denied', 'granted'], ['denied', 'denied'],
    ['not set', 'not set'], ['granted', 'not set'], ['denied', 'not set'], ['not set', 'denied'],
  ];
  const rows: string[][] = [];
  combos.forEach((combo) => {
    const unknownVariants: ('granted' | 'denied')[] = combo[0] === 'not set' || combo[1] === 'not set' ? ['granted', 'denied'] : ['granted'];
    unknownVariants.forEach((unknownAs) => {
      const label = combo[0] === 'not set' || combo[1] === 'not set'
        ? (unknownAs === 'granted' ? 'treat as granted (default)' : 'treat as denied')
        : 'any';
      rows.push([combo[0], combo[1], label].concat(MODES.map((m) => outcome(m.mode, combo[0], combo[1], unknownAs))));
    });
  });
  return table(['ad_storage', 'ad_user_data', '**When no consent signal arrives**'].concat(MODES.map((m) => m.label)), rows);
}

const SIGNAL_EXAMPLES: { label: string; eventData: { [key: string]: unknown } }[] = [
  { label: '`consent_state: {ad_storage: true, ad_user_data: false}`', eventData: { consent_state: { ad_storage: true, ad_user_data: false } } },
  { label: '`x-ga-gcs: "G111"`', eventData: { 'x-ga-gcs': 'G111' } },
  { label: '`x-ga-gcs: "G100"`', eventData: { 'x-ga-gcs': 'G100' } },
  { label: '`x-ga-gcs: "G1--"`', eventData: { 'x-ga-gcs': 'G1--' } },
  { label: '`x-ga-gcd: "13t3t3t3t5l1"`', eventData: { 'x-ga-gcd': '13t3t3t3t5l1' } },
  { label: '`x-ga-gcd: "13p3t3p3p5l1"`', eventData: { 'x-ga-gcd': '13p3t3p3p5l1' } },
  { label: '`x-ga-gcd: "13r3r3r3r5l1"`', eventData: { 'x-ga-gcd': '13r3r3r3r5l1' } },
  { label: '`x-ga-gcd: "13v3v3q3v5l1"`', eventData: { 'x-ga-gcd': '13v3v3q3v5l1' } },
  { label: '`x-ga-gcd: "13l3l3l3l1l1"`', eventData: { 'x-ga-gcd': '13l3l3l3l1l1' } },
  { label: '`x-ga-gcs: "G111"` and `x-ga-gcd: "13q3q3q3q5l1"`', eventData: { 'x-ga-gcs': 'G111', 'x-ga-gcd': '13q3q3q3q5l1' } },
];

function describeSignal(signal: { state: string; source: string }): string {
  return signal.state === 'unknown' ? 'not set' : signal.state + ' (from `' + signal.source + '`)';
}

function consentSignals(): string {
  const rows = SIGNAL_EXAMPLES.map((example) => [
    example.label,
    describeSignal(readAdStorage({ mode: 'minimize', signals: consentSignalsFromEventData(example.eventData, tk) }, tk)),
    describeSignal(readAdUserData({ mode: 'minimize', signals: consentSignalsFromEventData(example.eventData, tk) }, tk)),
  ]);
  return table(['Event data', 'ad_storage', 'ad_user_data'], rows);
}

/** TikTok codes (docs/contracts/tiktok-events-api.md, names from TikTok's SDK) and advice; `example` is the code used to compute the reaction. */
const TIKTOK_CODES: { codes: string; example: number; name: string; todo: string }[] = [
  { codes: '0', example: 0, name: 'OK', todo: 'Nothing: accepted.' },
  { codes: '20001', example: 20001, name: 'PARTIAL_OK', todo: 'Nothing (the tag sends one event per request).' },
  { codes: '40000', example: 40000, name: 'INVALID_PARAMS', todo: 'The request body was not what TikTok expects. Look at the `RequestBody` log record; report it as a bug of the tag.' },
  { codes: '40001', example: 40001, name: 'PERMISSION_ERROR', todo: 'Not a bad token: the token\'s owner has no access to this pixel. Generate the token from the same pixel (Events Manager > the pixel > Settings), or make the user an admin/operator of the advertiser account.' },
  { codes: '40002', example: 40002, name: 'PARAM_ERROR', todo: 'A field failed TikTok\'s validation; the `message` names it (e.g. `Invalid value for event_id: not a valid string.`). Check the value you map into that field (extra properties, overrides, variables).' },
  { codes: '40003', example: 40003, name: 'FORBIDDEN', todo: 'Check the pixel and the account in Events Manager.' },
  { codes: '40006', example: 40006, name: 'VERSION_ERROR', todo: 'Report it: the tag posts to `/open_api/v1.3/event/track/`.' },
  { codes: '40007', example: 40007, name: 'NOT_EXIST', todo: 'Something the request names does not exist (per the SDK name): check **Pixel ID** (`pixelId`), the pixel code from Events Manager.' },
  { codes: '40050', example: 40050, name: 'DUPLICATED_REQUEST', todo: 'TikTok saw the same request before (per the SDK name). After a retry nothing is lost; otherwise report it.' },
  { codes: '40051', example: 40051, name: 'INVALID_API_VERSION', todo: 'Report it (see 40006).' },
  { codes: '40061', example: 40061, name: 'INVALID_BATCH_SIZE', todo: 'Cannot come from this tag (one event per request); report it.' },
  { codes: '40062', example: 40062, name: 'PII_NOT_HASHED', todo: 'Report it: the tag hashes email, phone, external ID, names and zip before sending.' },
  { codes: '40063', example: 40063, name: 'INVALID_PARTNER_NAME', todo: 'Report it: the tag sends `GoogleTagManagerServer`.' },
  { codes: '40100', example: 40100, name: 'REQUEST_TOO_FREQUENT', todo: 'Throttled. The retries usually get through; if it persists, raise **Retries on throttling, server errors and timeouts** (`maxRetries`, at most 5) or send fewer events (e.g. skip unmapped events).' },
  { codes: '40102', example: 40102, name: 'ACCESS_TOKEN_EXPIRE', todo: 'Generate a new token (Events Manager > the pixel > Settings > Events API > Generate Access Token) and update **Events API access token** (`accessToken`).' },
  { codes: '40104', example: 40104, name: 'EMPTY_ACCESS_TOKEN', todo: 'The token is empty: a variable in **Events API access token** (`accessToken`) returned nothing.' },
  { codes: '40105', example: 40105, name: 'INVALID_ACCESS_TOKEN', todo: 'Wrong token (copied incompletely, revoked, or of another pixel). Generate a new one for this pixel.' },
  { codes: '40132', example: 40132, name: 'REQUEST_FREQUENCY_LIMITED', todo: 'Throttled; as 40100.' },
  { codes: '40700', example: 40700, name: 'RPC_VALIDATION_ERROR', todo: 'Temporary on TikTok\'s side; retried. If it stays, check the request as for 40002.' },
  { codes: '41000', example: 41000, name: 'BLOCKED', todo: 'The account or pixel is blocked: contact TikTok support.' },
  { codes: '50000', example: 50000, name: 'SYS_ERROR', todo: 'TikTok internal error; retried. Nothing to change.' },
  { codes: '50002', example: 50002, name: 'SYS_TIMEOUT', todo: 'As 50000.' },
  { codes: '51000–51099', example: 51012, name: 'internal service errors (51012 PIXEL_ERROR)', todo: 'As 50000; if 51012 persists, check the pixel in Events Manager.' },
  { codes: '52xxx', example: 52000, name: 'DB / storage errors', todo: 'As 50000.' },
  { codes: '60001', example: 60001, name: 'MAINTENANCE', todo: 'TikTok maintenance; retried. Events failing after the last retry are lost: check the logs afterwards.' },
  { codes: '61000', example: 61000, name: 'TOO_MANY_REQUESTS_BL', todo: 'Throttled; as 40100.' },
];

/** HTTP-level failures (no TikTok code) and what they mean. */
const HTTP_CASES: { label: string; result: { statusCode?: number; body?: unknown; error?: string }; todo: string }[] = [
  { label: 'HTTP 500 / 502 / 503 (HTML page from TikTok\'s gateway)', result: { statusCode: 502, body: '<html>Bad Gateway</html>' }, todo: 'Temporary; nothing to change.' },
  { label: 'HTTP 429', result: { statusCode: 429, body: '' }, todo: 'Throttled; as 40100.' },
  { label: 'timeout (`timed_out`)', result: { error: 'timed_out' }, todo: 'TikTok did not answer within **Request timeout (milliseconds)** (`timeoutMs`, default 10000). Raise it if this is frequent.' },
  { label: 'network error (`failed`)', result: { error: 'failed' }, todo: 'The server container could not reach `business-api.tiktok.com` (DNS, egress firewall).' },
  { label: 'HTTP 4xx other than 429 (e.g. 404)', result: { statusCode: 404, body: 'Not Found' }, todo: 'Report it: the URL is fixed in the tag.' },
  { label: 'HTTP 200 without a JSON `code`', result: { statusCode: 200, body: 'OK' }, todo: 'Something between the container and TikTok answered (a proxy?). Check egress.' },
];

function reaction(result: { statusCode?: number; body?: unknown; error?: string }): string {
  const c = classifyResponse(result, tk);
  if (c.outcome === 'success') return 'success';
  if (c.outcome === 'fail') return 'fails at once, no retry';
  return isThrottled(c) ? 'retried (also without event_id)' : 'retried when the event has an event_id';
}

function errorCodes(): string {
  const rows = TIKTOK_CODES.map((entry) => [
    entry.codes, entry.name, reaction({ statusCode: 200, body: { code: entry.example, message: 'x', request_id: 'r' } }), entry.todo,
  ]);
  return table(['`code`', 'Name (TikTok SDK)', 'What the tag does', 'What to do'], rows);
}

function httpErrors(): string {
  const rows = HTTP_CASES.map((entry) => [entry.label, reaction(entry.result), entry.todo]);
  return table(['Answer', 'What the tag does', 'What to do'], rows);
}

/** Every block the guide may contain, by name. */
export const BLOCKS: { [name: string]: () => string } = {
  'ga4-to-tiktok': ga4ToTikTok,
  'tiktok-names': tiktokNamesPassedIn,
  'name-case': nameCase,
  'web-page-events': webPageEvents,
  'consent-table': consentTable,
  'consent-signals': consentSignals,
  'error-codes': errorCodes,
  'http-errors': httpErrors,
};

const BEGIN = /^<!-- BEGIN GENERATED guide-tables:([a-z0-9-]+)\b.*-->\s*$/;

function endMarker(name: string): string {
  return '<!-- END GENERATED guide-tables:' + name + ' -->';
}

export interface Rendered {
  text: string;
  blocks: string[];
}

/** The file's text with every generated block rewritten; throws on unknown or unterminated blocks. */
export function renderGuideFile(text: string, fileName: string): Rendered {
  const lines = text.split('\n');
  const out: string[] = [];
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = BEGIN.exec(lines[i]);
    if (!match) {
      out.push(lines[i]);
      continue;
    }
    const name = match[1];
    const generate = BLOCKS[name];
    if (!generate) throw new Error(fileName + ':' + (i + 1) + ': unknown generated block "' + name + '"');
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== endMarker(name)) end++;
    if (end === lines.length) throw new Error(fileName + ':' + (i + 1) + ': no "' + endMarker(name) + '"');
    out.push('<!-- BEGIN GENERATED guide-tables:' + name + ' (do not edit; run ' + REGENERATE + ') -->');
    out.push(generate());
    out.push(endMarker(name));
    blocks.push(name);
    i = end;
  }
  return { text: out.join('\n'), blocks };
}

export function guideFiles(dir = GUIDE_DIR): string[] {
  return fs.readdirSync(dir).filter((name) => name.endsWith('.md')).sort().map((name) => path.join(dir, name));
}

/** Rewrite (or, with check, only compare) every guide file; returns the files that were out of date. */
export function updateGuide(check: boolean, dir = GUIDE_DIR): string[] {
  const stale: string[] = [];
  for (const file of guideFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    const rendered = renderGuideFile(text, path.relative(process.cwd(), file));
    if (rendered.text !== text) {
      stale.push(file);
      if (!check) fs.writeFileSync(file, rendered.text);
    }
  }
  return stale;
}

if (require.main === module) {
  if (process.argv.includes('--print')) {
    for (const name of Object.keys(BLOCKS)) console.log('### ' + name + '\n' + BLOCKS[name]() + '\n');
    process.exit(0);
  }
  const check = process.argv.includes('--check');
  const stale = updateGuide(check);
  const names = stale.map((file) => path.relative(process.cwd(), file));
  if (check && stale.length > 0) {
    console.error('out of date (run ' + REGENERATE + '): ' + names.join(', '));
    process.exit(1);
  }
  console.log(stale.length === 0 ? 'guide tables up to date' : 'rewrote ' + names.join(', '));
}
