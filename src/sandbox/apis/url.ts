// URL helpers shared by the APIs and the permission checker: GTM's parseUrl shape, URL match
// patterns (send_http, inject_script, send_pixel...), and eTLD+1 with a small built-in public
// suffix list (the real Public Suffix List is not shipped; common multi-part suffixes are covered).

export interface ParsedUrl {
  href: string;
  origin: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  searchParams: Record<string, string | string[]>;
  hash: string;
}

/** GTM's parseUrl: undefined for anything that is not an absolute URL. */
export function parseUrl(input: unknown): ParsedUrl | undefined {
  if (typeof input !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return undefined;
  }
  const searchParams: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = searchParams[key];
    if (existing === undefined) searchParams[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else searchParams[key] = [existing, value];
  }
  return {
    href: url.href,
    origin: url.origin,
    protocol: url.protocol,
    username: url.username,
    password: url.password,
    host: url.host,
    hostname: url.hostname,
    port: url.port,
    pathname: url.pathname,
    search: url.search,
    searchParams,
    hash: url.hash,
  };
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * URL match patterns as GTM's URL-list permissions use them (exact algorithm unpublished; this is
 * the behaviour production templates rely on):
 * - the scheme must match (`*` matches http and https);
 * - the host must match; `*.example.com` matches example.com and every subdomain;
 * - a port in the pattern must match; without one the URL must use the scheme's default port;
 * - in the path `*` matches any run of characters (including `/`);
 * - a pattern path ending in `/` allows every path below it;
 * - the URL's query string and fragment are not part of the match.
 */
export function urlMatchesPattern(url: string, pattern: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const compiled = compileUrlPattern(pattern);
  if (compiled === null) return false;
  const { scheme, wantedHost, portPattern, pathPattern, pathRegex } = compiled;
  const protocol = target.protocol.toLowerCase();
  if (scheme === '*') {
    if (protocol !== 'http:' && protocol !== 'https:') return false;
  } else if (`${scheme}:` !== protocol) return false;

  const host = target.hostname.toLowerCase();
  if (wantedHost === '*') {
    // any host
  } else if (wantedHost.startsWith('*.')) {
    const base = wantedHost.slice(2);
    if (host !== base && !host.endsWith(`.${base}`)) return false;
  } else if (host !== wantedHost) return false;

  const port = target.port || DEFAULT_PORTS[protocol] || '';
  if (portPattern !== undefined) {
    if (portPattern !== '*' && portPattern !== port) return false;
  } else if (target.port !== '') return false;

  const path = target.pathname;
  return pathRegex === null ? path.startsWith(pathPattern) : pathRegex.test(path);
}

interface CompiledUrlPattern {
  /** Lower-cased scheme, or `*`. */
  scheme: string;
  /** Lower-cased host pattern (`*`, `*.example.com` or a host). */
  wantedHost: string;
  portPattern: string | undefined;
  pathPattern: string;
  /** Null for a path prefix (a pattern path ending in `/` without `*`). */
  pathRegex: RegExp | null;
}

/**
 * A URL pattern taken apart once per pattern text: GTM reads a template's permissions once, not
 * on every request, so compiling the path's regular expression on every check would be a cost of
 * the emulator alone. Null for text that is not a pattern.
 */
const compiledUrlPatterns = new Map<string, CompiledUrlPattern | null>();

function compileUrlPattern(pattern: string): CompiledUrlPattern | null {
  const known = compiledUrlPatterns.get(pattern);
  if (known !== undefined) return known;
  const match = /^([a-z*][a-z0-9+.-]*|\*):\/\/([^/:]+)(?::(\d+|\*))?(\/.*)?$/i.exec(pattern.trim());
  let compiled: CompiledUrlPattern | null = null;
  if (match) {
    const [, scheme, hostPattern, portPattern, pathPatternRaw] = match;
    const pathPattern = pathPatternRaw ?? '/';
    const isPrefix = pathPattern.endsWith('/') && !pathPattern.includes('*');
    compiled = {
      scheme: scheme === '*' ? '*' : scheme.toLowerCase(),
      wantedHost: hostPattern.toLowerCase(),
      portPattern,
      pathPattern,
      pathRegex: isPrefix
        ? null
        : new RegExp(`^${pathPattern.split('*').map(escapeRegex).join('.*')}${pathPattern.endsWith('/') ? '.*' : ''}$`),
    };
  }
  // Pattern texts come from the permissions of the templates loaded in this process: few. A host
  // that checks made-up patterns (a fuzzer) starts over rather than growing without bound.
  if (compiledUrlPatterns.size >= 1000) compiledUrlPatterns.clear();
  compiledUrlPatterns.set(pattern, compiled);
  return compiled;
}

/**
 * Multi-label public suffixes GTM's Public Suffix List would know about; single-label TLDs are
 * handled generically. Not exhaustive: enough for the sites templates are tested against.
 */
const MULTI_PART_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk', 'ac.uk', 'gov.uk', 'sch.uk', 'nhs.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'asn.au', 'id.au',
  'co.nz', 'net.nz', 'org.nz', 'govt.nz', 'ac.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'go.jp', 'gr.jp',
  'co.kr', 'or.kr', 'ne.kr', 'go.kr',
  'com.br', 'net.br', 'org.br', 'gov.br',
  'com.cn', 'net.cn', 'org.cn', 'gov.cn', 'edu.cn',
  'com.hk', 'org.hk', 'net.hk', 'edu.hk', 'gov.hk',
  'com.tw', 'org.tw', 'net.tw', 'edu.tw',
  'com.sg', 'org.sg', 'net.sg', 'edu.sg', 'gov.sg',
  'com.my', 'org.my', 'net.my',
  'co.in', 'net.in', 'org.in', 'firm.in', 'gen.in', 'ind.in',
  'co.id', 'or.id', 'web.id', 'ac.id',
  'co.th', 'in.th', 'or.th', 'ac.th',
  'com.mx', 'org.mx', 'gob.mx', 'net.mx',
  'com.ar', 'com.co', 'com.pe', 'com.ve', 'com.ec', 'com.uy', 'com.py', 'com.bo',
  'co.za', 'org.za', 'web.za', 'gov.za',
  'com.tr', 'org.tr', 'net.tr', 'gen.tr',
  'com.ua', 'org.ua', 'kiev.ua',
  'com.pl', 'net.pl', 'org.pl',
  'co.il', 'org.il', 'net.il',
  'com.sa', 'com.eg', 'com.pk', 'com.ph', 'com.vn', 'com.ng', 'com.gh',
  'co.ke', 'or.ke', 'co.tz', 'co.ug',
  'github.io', 'herokuapp.com', 'appspot.com', 'blogspot.com', 'web.app', 'firebaseapp.com',
  'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev', 'cloudfront.net', 'azurewebsites.net',
]);

/**
 * Answers of effectiveTldPlusOne by input: setCookie with domain 'auto' asks about the request's
 * Host header on every call. (GTM looks the suffix up in a table; the emulator's regular
 * expressions and splits per call are its own cost.)
 */
const registrableDomains = new Map<string, string>();
const MAX_REGISTRABLE_DOMAINS = 1000;

/** The registrable domain (eTLD+1) of a host name or URL; '' when it has none. */
export function effectiveTldPlusOne(domainOrUrl: string): string {
  let known = registrableDomains.get(domainOrUrl);
  if (known === undefined) {
    known = computeRegistrableDomain(domainOrUrl);
    if (registrableDomains.size >= MAX_REGISTRABLE_DOMAINS) registrableDomains.clear();
    registrableDomains.set(domainOrUrl, known);
  }
  return known;
}

function computeRegistrableDomain(domainOrUrl: string): string {
  let host = domainOrUrl.trim().toLowerCase();
  if (host === '') return '';
  if (host.includes('/')) {
    const parsed = parseUrl(host.includes('://') ? host : `http://${host}`);
    if (!parsed) return '';
    host = parsed.hostname;
  }
  host = host.replace(/:\d+$/, '').replace(/^\.+/, '').replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) return '';
  // IP addresses and single labels (localhost) have no registrable domain.
  if (/^\d+(\.\d+){3}$/.test(host)) return '';
  const labels = host.split('.');
  if (labels.length < 2) return '';
  const lastTwo = labels.slice(-2).join('.');
  const suffixLength = MULTI_PART_SUFFIXES.has(lastTwo) ? 2 : 1;
  if (labels.length <= suffixLength) return '';
  return labels.slice(-(suffixLength + 1)).join('.');
}
