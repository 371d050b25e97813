// The journey report: one row per journey, then the reasons for every row that is not exactly once
// with the exact value, and the summary line.

import { formatValue, type JourneyResult } from './run';

const COLUMNS = ['journey', 'real', 'counted by TikTok', 'value counted', 'click id', 'match keys', 'keyed'];

export function formatReport(results: JourneyResult[], options: { details?: boolean; trace?: boolean; summary?: string } = {}): string {
  const rows = results.map((result) => {
    if (result.skipped) return [`- ${result.name}`, 'skipped (below)', '', '', '', '', ''];
    const real = result.kinds.map((kind) => `${kind.real} ${kind.event}${kind.realValue ? ` ${formatValue(kind.realValue)}` : ''}`).join(', ');
    const counted = result.kinds.map((kind) => `${kind.counted} ${kind.event}`).join(', ');
    const value = result.kinds.some((kind) => kind.realValue)
      ? result.kinds.filter((kind) => kind.realValue).map((kind) => formatValue(kind.countedValue) + (kind.countedWithoutValue ? ` (+${kind.countedWithoutValue} without)` : '')).join(', ')
      : '—';
    const keys = [...(result.browserId ? ['ttp'] : []), ...result.matchKeys].join(' ') || '—';
    const mark = result.exactlyOnce && result.valueExact ? '✓' : '✗';
    return [`${mark} ${result.name}`, real, counted, value, result.clickId ? 'yes' : 'no', keys, `${result.keyedEvents.withKeys}/${result.keyedEvents.total}`];
  });
  const widths = COLUMNS.map((column, index) => Math.max(column.length, ...rows.map((row) => row[index].length)));
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index])).join(' | ').trimEnd();
  const out = [line(COLUMNS), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)];

  for (const result of results) {
    if (result.skipped) {
      out.push('', `${result.name}: skipped, ${result.skipped}`);
      continue;
    }
    if (result.exactlyOnce && result.valueExact && !options.details) continue;
    out.push('', `${result.name}:`);
    for (const problem of result.problems) out.push(`  ✗ ${problem}`);
    for (const note of result.notes) out.push(`  note: ${note}`);
    for (const copy of result.copies) out.push(`    ${copy}`);
    if (options.trace) for (const line of result.trace) out.push(`    | ${line}`);
  }
  const problems: Record<string, number> = {};
  for (const result of results) for (const [problem, count] of Object.entries(result.tagProblems)) problems[problem] = (problems[problem] ?? 0) + count;
  for (const [problem, count] of Object.entries(problems)) out.push('', `warning: ${problem}, ${count} firing(s): the journeys above did not run that tag as intended`);
  out.push('', options.summary ?? summaryLine(results));
  return out.join('\n');
}

export function summaryLine(results: JourneyResult[]): string {
  const ran = results.filter((result) => !result.skipped);
  const once = ran.filter((result) => result.exactlyOnce).length;
  const exact = ran.filter((result) => result.valueExact).length;
  const skipped = results.length - ran.length;
  return `counted exactly once: ${once}/${ran.length} journeys, value exact: ${exact}/${ran.length}${skipped ? ` (${skipped} skipped)` : ''}`;
}
