// The `.tpl` container format: a file of `___NAME___` sections, as GTM exports templates.
// parseTpl and assembleTpl are exact inverses on GTM-exported files (round trip, byte for byte):
// every byte of framing that varies between real files (BOM, text before the first header, line
// endings, the blank lines that close each section) is kept in the parsed form.

export const SECTION_ORDER = [
  'TERMS_OF_SERVICE',
  'INFO',
  'TEMPLATE_PARAMETERS',
  'SANDBOXED_JS_FOR_WEB_TEMPLATE',
  'SANDBOXED_JS_FOR_SERVER',
  'WEB_PERMISSIONS',
  'SERVER_PERMISSIONS',
  'TESTS',
  'NOTES',
] as const;

export type KnownSectionName = (typeof SECTION_ORDER)[number];

export const TERMS_OF_SERVICE_TEXT = [
  "By creating or modifying this file you agree to Google Tag Manager's Community",
  'Template Gallery Developer Terms of Service available at',
  'https://developers.google.com/tag-manager/gallery-tos (or such other URL as',
  'Google may provide), as modified from time to time.',
].join('\n');

export interface TplSection {
  /** Name without the underscores, e.g. `INFO`. */
  name: string;
  /** Content between the header's blank line and the closing blank lines, LF line endings. */
  content: string;
  /** 1-based line of the header in the original file (0 for sections built in memory). */
  headerLine: number;
  /** 1-based line where `content` starts in the original file. */
  contentLine: number;
  /** Exact text after the content up to the next header (normally "\n\n\n"). */
  trailer: string;
  /** Exact text between the header line's newline and the content (normally "\n"). */
  leader: string;
}

export interface ParsedTpl {
  fileName: string;
  hasBom: boolean;
  /** The file used CRLF line endings (restored on assembly). */
  crlf: boolean;
  /** Text before the first header (a licence comment in some repositories). */
  preamble: string;
  sections: TplSection[];
}

export class TplFormatError extends Error {
  constructor(
    readonly fileName: string,
    readonly section: string | undefined,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${fileName}${line ? `:${line}` : ''}${section ? ` [${section}]` : ''}: ${detail}`);
    this.name = 'TplFormatError';
  }
}

const HEADER_PATTERN = /^___([A-Z0-9_]+)___$/;

export function parseTpl(text: string, fileName = '<tpl>'): ParsedTpl {
  let body = text;
  const hasBom = body.charCodeAt(0) === 0xfeff;
  if (hasBom) body = body.slice(1);
  const crlf = /\r\n/.test(body);
  if (crlf) body = body.replace(/\r\n/g, '\n');

  const lines = body.split('\n');
  const headerIndexes: number[] = [];
  lines.forEach((line, index) => {
    if (HEADER_PATTERN.test(line)) headerIndexes.push(index);
  });
  if (headerIndexes.length === 0) {
    throw new TplFormatError(fileName, undefined, 0, 'no ___SECTION___ headers found: not a .tpl file');
  }

  const preamble = lines.slice(0, headerIndexes[0]).join('\n') + (headerIndexes[0] > 0 ? '\n' : '');
  const sections: TplSection[] = headerIndexes.map((headerIndex, i) => {
    const name = (HEADER_PATTERN.exec(lines[headerIndex]) as RegExpExecArray)[1];
    const end = i + 1 < headerIndexes.length ? headerIndexes[i + 1] : lines.length;
    // Raw text of this section after its header line, up to (not including) the next header.
    const rawLines = lines.slice(headerIndex + 1, end);
    let raw = rawLines.join('\n');
    if (i + 1 < headerIndexes.length) raw += '\n';
    // Leader: blank lines before the content. Trailer: the newlines after it.
    const leaderMatch = /^\n*/.exec(raw) as RegExpExecArray;
    let leader = leaderMatch[0];
    let rest = raw.slice(leader.length);
    const trailerMatch = /\n*$/.exec(rest) as RegExpExecArray;
    let trailer = trailerMatch[0];
    let content = rest.slice(0, rest.length - trailer.length);
    if (content === '' && leader.length > 0 && trailer === '') {
      // An empty section: all its newlines count as trailer.
      trailer = leader;
      leader = '';
    }
    // GTM writes exactly one blank line after a header; anything beyond is part of the content's
    // leading whitespace only when the content is non-empty (keep it in `leader`, it round-trips).
    return {
      name,
      content,
      headerLine: headerIndex + 1,
      contentLine: headerIndex + 1 + leader.length + 1,
      trailer,
      leader,
    };
  });
  return { fileName, hasBom, crlf, preamble, sections };
}

export function assembleTpl(parsed: Pick<ParsedTpl, 'hasBom' | 'crlf' | 'preamble' | 'sections'>): string {
  let out = parsed.preamble;
  for (const section of parsed.sections) {
    out += `___${section.name}___\n${section.leader}${section.content}${section.trailer}`;
  }
  if (parsed.crlf) out = out.replace(/\n/g, '\r\n');
  return (parsed.hasBom ? '\ufeff' : '') + out;
}

/** A section as GTM frames it when exporting: header, one blank line, content, two blank lines. */
export function gtmSection(name: string, content: string): TplSection {
  return { name, content, headerLine: 0, contentLine: 0, leader: '\n', trailer: '\n\n\n' };
}

export function findSection(parsed: ParsedTpl, name: string): TplSection | undefined {
  return parsed.sections.find((section) => section.name === name);
}

/**
 * JSON as GTM (Gson) writes it: two-space indentation, `"key": value`, and HTML-safe escaping of
 * `< > = ' &` inside strings. Empty arrays and objects print as `[]` and `{}`.
 */
export function stringifyGtmJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  if (json === undefined) throw new TypeError('value is not JSON-serialisable');
  return json.replace(/[<>='&]/g, (ch) => '\\u00' + ch.charCodeAt(0).toString(16).padStart(2, '0'));
}

/** Parse a JSON section, reporting the section and line of a syntax error. */
export function parseJsonSection(parsed: ParsedTpl, section: TplSection): unknown {
  try {
    return JSON.parse(section.content);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let line = section.contentLine;
    if (position) line += section.content.slice(0, Number(position[1])).split('\n').length - 1;
    throw new TplFormatError(parsed.fileName, section.name, line, `invalid JSON: ${message}`);
  }
}
