// gtm-tpl: lint, test and run GTM custom templates (.tpl) offline.
//
//   gtm-tpl lint [--strict] FILE...
//   gtm-tpl test [--timeout ms] FILE...
//   gtm-tpl run FILE [--data data.json] [--event event.json] [--cookie k=v]... [--header k=v]...
//                    [--url URL] [--respond status:body] [--timeout ms]
//
// `test` and `run` execute the template in an isolated worker process (src/sandbox/isolation.ts):
// the templates this tool runs are often not ours.
//
// Exit codes: 0 success, 1 lint errors / failed tests / run error, 2 usage error.

import * as fs from 'fs';
import type { Environment, HttpOutcome, OutgoingHttpRequest, RunResult } from '../sandbox/environment';
import { TemplateLoadError } from '../sandbox';
import { IsolatedRunner } from '../sandbox/isolation';
import { hideSecretQueryValues, hideSecrets, secretValuesOf } from '../server/secrets';

export class UsageError extends Error {}

const USAGE = `usage:
  gtm-tpl lint [--strict] FILE...
  gtm-tpl test [--timeout ms] FILE...
  gtm-tpl run FILE [--data data.json] [--event event.json] [--cookie k=v]... [--header k=v]...
                   [--url URL] [--respond status:body] [--timeout ms]`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'lint':
        return lintCommand(rest, io);
      case 'test':
        return await testCommand(rest, io);
      case 'run':
        return await runCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`gtm-tpl: ${error.message}`);
      io.err(USAGE);
      return 2;
    }
    if (error instanceof TemplateLoadError) {
      io.err(`gtm-tpl: ${error.message}`);
      return 1;
    }
    io.err(`gtm-tpl: ${(error as Error)?.message ?? String(error)}`);
    if (process.env.GTM_TPL_DEBUG) io.err(String((error as Error)?.stack));
    return 1;
  }
}

// ------------------------------------------------------------------------------------------ lint
interface Linter {
  lintFiles(paths: string[], options: { strict?: boolean }): { diagnostics: unknown[]; errorCount: number; warningCount: number };
  formatDiagnostic(d: unknown): string;
}

function lintCommand(args: string[], io: CliIo): number {
  const strict = args.includes('--strict');
  const unknownFlag = args.find((arg) => arg.startsWith('-') && arg !== '--strict');
  if (unknownFlag) throw new UsageError(`unknown option ${unknownFlag} for lint`);
  const files = args.filter((arg) => !arg.startsWith('-'));
  if (files.length === 0) throw new UsageError('lint needs at least one FILE');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const linter = require('../lint') as Linter;
  const summary = linter.lintFiles(files, { strict });
  for (const diagnostic of summary.diagnostics) io.out(linter.formatDiagnostic(diagnostic));
  io.out(`${summary.errorCount} error(s), ${summary.warningCount} warning(s) in ${files.length} file(s)`);
  return summary.errorCount > 0 ? 1 : 0;
}

// ------------------------------------------------------------------------------------------ test
async function testCommand(args: string[], io: CliIo): Promise<number> {
  const files: string[] = [];
  let timeoutMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--timeout') {
      timeoutMs = parseTimeout(args[++i]);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg} for test`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError('test needs at least one FILE');
  let passed = 0;
  let failed = 0;
  const runner = new IsolatedRunner();
  try {
    for (const file of files) {
      let source;
      try {
        source = runner.load(file);
      } catch (error) {
        if (!(error instanceof TemplateLoadError)) throw error;
        io.out(`FAIL ${file} — cannot load: ${error.message.split('\n').join('; ')}`);
        failed++;
        continue;
      }
      // Each scenario is printed as soon as it ends (a later one may hang until its time limit).
      for (const scenario of source.template.scenarios) {
        const result = await runner.runScenario(source, scenario, { timeoutMs });
        if (result.passed) {
          passed++;
          io.out(`PASS ${file} › ${result.name}`);
        } else {
          failed++;
          io.out(`FAIL ${file} › ${result.name} — ${oneLine(result.message ?? 'failed')}`);
        }
      }
    }
  } finally {
    await runner.close();
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined) throw new UsageError('--timeout needs a value');
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms <= 0) throw new UsageError('--timeout expects a positive number of milliseconds');
  return ms;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

// ------------------------------------------------------------------------------------------- run
interface RunArgs {
  file: string;
  data: Record<string, unknown>;
  event?: Record<string, unknown>;
  cookies: Record<string, string[]>;
  headers: Record<string, string>;
  url?: string;
  respond: HttpOutcome;
  timeoutMs?: number;
}

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function keyValue(option: string, value: string): [string, string] {
  const index = value.indexOf('=');
  if (index <= 0) throw new UsageError(`${option} expects k=v, got "${value}"`);
  return [value.slice(0, index), value.slice(index + 1)];
}

export function parseRunArgs(args: string[]): RunArgs {
  const result: RunArgs = { file: '', data: {}, cookies: {}, headers: {}, respond: { statusCode: 200, headers: {}, body: '' } };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--data': {
        const data = readJsonFile(value(), 'data');
        if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UsageError('--data must hold a JSON object');
        result.data = data as Record<string, unknown>;
        break;
      }
      case '--event': {
        const event = readJsonFile(value(), 'event');
        if (event === null || typeof event !== 'object' || Array.isArray(event)) throw new UsageError('--event must hold a JSON object');
        result.event = event as Record<string, unknown>;
        break;
      }
      case '--cookie': {
        const [k, v] = keyValue(arg, value());
        (result.cookies[k] ??= []).push(v);
        break;
      }
      case '--header': {
        const [k, v] = keyValue(arg, value());
        result.headers[k.toLowerCase()] = v;
        break;
      }
      case '--url':
        result.url = value();
        try {
          new URL(result.url);
        } catch {
          throw new UsageError(`--url is not a valid URL: ${result.url}`);
        }
        break;
      case '--respond': {
        const spec = value();
        const match = /^(\d{3})(?::([\s\S]*))?$/.exec(spec);
        if (!match) throw new UsageError(`--respond expects status:body (e.g. 200:{"code":0}), got "${spec}"`);
        result.respond = { statusCode: Number(match[1]), headers: {}, body: match[2] ?? '' };
        break;
      }
      case '--timeout':
        result.timeoutMs = parseTimeout(value());
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg} for run`);
        files.push(arg);
    }
  }
  if (files.length !== 1) throw new UsageError('run needs exactly one FILE');
  result.file = files[0];
  return result;
}

async function runCommand(args: string[], io: CliIo): Promise<number> {
  const options = parseRunArgs(args);
  const runner = new IsolatedRunner();
  try {
    const source = runner.load(options.file, { deferProblems: true });
    const env = buildEnvironment(source.template.context, options);
    const result = await runner.runTemplate(source, options.data, env, { timeoutMs: options.timeoutMs });
    // Credentials never reach the terminal: credential-named headers and keys, and the values of
    // credential-named fields in --data (an access token) wherever the template put them.
    io.out(JSON.stringify(hideSecrets(summarise(result), secretValuesOf(options.data)), null, 2));
    return result.outcome === 'success' ? 0 : 1;
  } finally {
    await runner.close();
  }
}

function buildEnvironment(context: 'SERVER' | 'WEB', options: RunArgs): Environment {
  const transport = (_request: OutgoingHttpRequest): HttpOutcome => options.respond;
  if (context === 'SERVER') {
    const url = new URL(options.url ?? 'https://sgtm.example.com/g/collect');
    const headers: Record<string, string> = { host: url.host, ...options.headers };
    const cookieHeader = Object.entries(options.cookies)
      .flatMap(([name, values]) => values.map((v) => `${name}=${v}`))
      .join('; ');
    if (cookieHeader) headers.cookie = cookieHeader;
    return {
      context: 'SERVER',
      eventData: options.event ?? {},
      request: { method: 'GET', path: url.pathname, headers, queryString: url.search.replace(/^\?/, ''), body: '' },
      cookies: options.cookies,
      http: transport,
    };
  }
  return {
    context: 'WEB',
    url: options.url ?? 'https://www.example.com/',
    documentCookie: Object.entries(options.cookies)
      .flatMap(([name, values]) => values.map((v) => `${name}=${v}`))
      .join('; '),
    dataLayer: options.event ? [options.event] : [],
  };
}

function summarise(result: RunResult): Record<string, unknown> {
  const summary: Record<string, unknown> = { outcome: result.outcome };
  if (result.message) summary.message = result.message;
  summary.returnValue = result.returnValue === undefined ? null : result.returnValue;
  summary.requests = result.record.requests.map(({ request, outcome }) => ({
    url: hideSecretQueryValues(request.url),
    method: request.method,
    headers: request.headers,
    body: request.body ?? null,
    ...(outcome ? { response: outcome } : {}),
  }));
  summary.cookiesSet = result.record.cookiesSet.map((cookie) => ({ name: cookie.name, value: cookie.value, options: cookie.options, header: cookie.header }));
  summary.logs = result.record.logs.map((line) => line.text);
  if (result.record.pixelsSent.length) summary.pixelsSent = result.record.pixelsSent;
  if (result.record.scriptsInjected.length) summary.scriptsInjected = result.record.scriptsInjected;
  if (result.record.windowAccess.length) summary.windowAccess = result.record.windowAccess;
  if (result.record.dataLayerPushes.length) summary.dataLayerPushes = result.record.dataLayerPushes;
  if (result.record.response.returned || result.record.response.status !== undefined) summary.response = result.record.response;
  summary.gtmOnSuccessCalls = result.successCalls;
  summary.gtmOnFailureCalls = result.failureCalls;
  return summary;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`gtm-tpl: ${(error as Error)?.message ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

