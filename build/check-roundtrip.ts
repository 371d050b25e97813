// Local check (not part of jest; CI has no copy of third-party templates): parseTpl + assembleTpl
// must reproduce every given .tpl byte for byte.
//   npx ts-node --transpile-only build/check-roundtrip.ts "$GTM_EXTERNAL_TEMPLATES"/*.tpl ...

import * as fs from 'fs';
import { assembleTpl, parseTpl, stringifyGtmJson } from '../src/tpl/format';
import { readTestsYaml, writeTestsYaml } from '../src/tpl/tests-yaml';

const JSON_SECTIONS = new Set(['INFO', 'TEMPLATE_PARAMETERS', 'WEB_PERMISSIONS', 'SERVER_PERMISSIONS']);

function firstDifference(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}

function main(files: string[]): number {
  let failures = 0;
  let jsonChecked = 0;
  let jsonSame = 0;
  let yamlChecked = 0;
  let yamlSame = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    let status: string;
    try {
      const parsed = parseTpl(text, file);
      const again = assembleTpl(parsed);
      const at = firstDifference(text, again);
      // Fidelity of our writers: re-serialise each JSON section and the tests YAML.
      const notes: string[] = [];
      for (const section of parsed.sections) {
        if (JSON_SECTIONS.has(section.name) && section.content.trim()) {
          const same = stringifyGtmJson(JSON.parse(section.content)) === section.content;
          if (!same) notes.push(`${section.name} JSON differs after re-serialisation`);
          jsonChecked += 1;
          if (same) jsonSame += 1;
        }
        if (section.name === 'TESTS' && section.content.trim()) {
          yamlChecked += 1;
          try {
            if (writeTestsYaml(readTestsYaml(section.content, file)) === section.content) yamlSame += 1;
          } catch (error) {
            notes.push(`TESTS: ${(error as Error).message.split('\n')[0]}`);
          }
        }
      }
      if (at < 0) {
        status = `ok   ${notes.join('; ')} ${parsed.sections.length} sections${parsed.hasBom ? ', BOM' : ''}${parsed.crlf ? ', CRLF' : ''}${parsed.preamble ? ', preamble' : ''}`;
      } else {
        failures += 1;
        status = `DIFF at char ${at}: ${JSON.stringify(text.slice(at, at + 40))} vs ${JSON.stringify(again.slice(at, at + 40))}`;
      }
    } catch (error) {
      failures += 1;
      status = `FAIL ${(error as Error).message}`;
    }
    console.log(`${status}  ${file}`);
  }
  console.log(`${files.length - failures}/${files.length} files round-trip byte for byte`);
  console.log(`${jsonSame}/${jsonChecked} JSON sections re-serialise identically with stringifyGtmJson`);
  console.log(`${yamlSame}/${yamlChecked} TESTS sections re-emit identically with writeTestsYaml`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
