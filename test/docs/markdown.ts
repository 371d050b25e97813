// Small Markdown readers for the documentation tests: fenced blocks, links, headings (GitHub anchor
// slugs), inline code, tables and the guide's comment markers. Only what our docs use.

export interface Fence {
  lang: string;
  body: string;
  /** 0-based line of the opening fence. */
  line: number;
}

export interface Line {
  text: string;
  /** 0-based. */
  index: number;
}

/** Lines outside fenced code blocks, and the fenced blocks. */
export function splitFences(text: string): { prose: Line[]; fences: Fence[] } {
  const lines = text.split('\n');
  const prose: Line[] = [];
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(```+|~~~+)\s*([\w-]*)/.exec(lines[i]);
    if (!open) {
      prose.push({ text: lines[i], index: i });
      continue;
    }
    const marker = open[1];
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trim().startsWith(marker)) body.push(lines[j++]);
    fences.push({ lang: open[2], body: body.join('\n'), line: i });
    i = j;
  }
  return { prose, fences };
}

/** Inline code spans of one line. */
export function inlineCode(line: string): string[] {
  const out: string[] = [];
  const re = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push(m[2].trim());
  return out;
}

function withoutInlineCode(line: string): string {
  return line.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, '');
}

/** Targets of inline links and images `[text](target)` outside code. */
export function linkTargets(text: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  for (const line of splitFences(text).prose) {
    const re = /!?\[(?:[^\][]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
    const plain = withoutInlineCode(line.text);
    let m: RegExpExecArray | null;
    while ((m = re.exec(plain)) !== null) out.push({ target: m[1], line: line.index + 1 });
  }
  return out;
}

/** GitHub's heading anchor: lower-case, punctuation dropped (except - and _), spaces to dashes. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Every anchor the headings of a document define (duplicates get -1, -2, … as on GitHub). */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of splitFences(text).prose) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line.text);
    if (!m) continue;
    const base = githubSlug(m[1]);
    const count = seen.get(base) ?? 0;
    anchors.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return anchors;
}

export interface Table {
  header: string[];
  rows: string[][];
  /** 0-based line of the header. */
  line: number;
  /** Value of a `<!-- template: <id> -->` comment on the line right before the table. */
  template?: string;
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  // Split on pipes that are not escaped and not inside inline code.
  const out: string[] = [];
  let current = '';
  let inCode = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '`') inCode = !inCode;
    if (ch === '\\' && inner[i + 1] === '|') {
      current += '|';
      i++;
      continue;
    }
    if (ch === '|' && !inCode) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current.trim());
  return out;
}

/** Pipe tables outside code blocks. */
export function tables(text: string): Table[] {
  const { prose } = splitFences(text);
  const out: Table[] = [];
  for (let i = 0; i + 1 < prose.length; i++) {
    const head = prose[i];
    const rule = prose[i + 1];
    if (!head.text.trim().startsWith('|') || !/^\s*\|?\s*:?-{3,}/.test(rule.text) || rule.index !== head.index + 1) continue;
    const table: Table = { header: cells(head.text), rows: [], line: head.index };
    const before = i > 0 && prose[i - 1].index === head.index - 1 ? /<!--\s*template:\s*([\w-]+)\s*-->/.exec(prose[i - 1].text) : null;
    if (before) table.template = before[1];
    let j = i + 2;
    while (j < prose.length && prose[j].index === prose[j - 1].index + 1 && prose[j].text.trim().startsWith('|')) {
      table.rows.push(cells(prose[j].text));
      j++;
    }
    out.push(table);
    i = j - 1;
  }
  return out;
}

/**
 * `**Label** (`key`)` or `**Label** (`key`, …)` mentions outside code blocks; a label may wrap onto
 * the next line (whitespace is collapsed).
 */
export function labelledMentions(text: string): { label: string; key: string; line: number }[] {
  const out: { label: string; key: string; line: number }[] = [];
  const { prose } = splitFences(text);
  // Consecutive prose lines form one run, so a mention wrapped across lines is still found.
  const joined = prose.map((line) => line.text).join('\n');
  const lineOf = (offset: number) => prose[joined.slice(0, offset).split('\n').length - 1].index + 1;
  const re = /\*\*([^*]+)\*\*\s*\(`([^`]+)`[,)]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(joined)) !== null) out.push({ label: m[1].replace(/\s+/g, ' ').trim(), key: m[2].trim(), line: lineOf(m.index) });
  return out;
}

/** Strip Markdown emphasis and the reference docs' sub-field arrow from a table cell. */
export function plainCell(cell: string): string {
  return cell.replace(/\*\*/g, '').replace(/^↳\s*/, '').trim();
}
