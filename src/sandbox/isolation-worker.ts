// The isolated worker (started by ./isolation.ts, never imported by other code): loads templates
// from the text the parent sends, runs them with the watchdog on and answers with plain data. It
// runs under Node's permission model with an empty environment; outgoing HTTP goes back to the
// parent, which owns the transport.

import type { Environment, HttpOutcome, OutgoingHttpRequest } from './environment';
import { ISOLATION_CHANNEL, STATEFUL_ENVIRONMENT_KEYS, transferable, type ParentMessage, type WorkerMessage } from './isolation-protocol';
import { runTemplate } from './runtime';
import { loadTemplate, type LoadedTemplate, TemplateLoadError } from './template';
import { runScenario } from './test-runner';

const templates = new Map<string, { template?: LoadedTemplate; error?: string }>();
const httpCalls = new Map<number, { resolve(outcome: HttpOutcome): void; reject(error: Error): void }>();
let nextCallId = 1;

function send(message: WorkerMessage): void {
  if (process.send && process.connected) process.send(message);
}

function templateFor(key: string): LoadedTemplate {
  const entry = templates.get(key);
  if (!entry) throw new Error('template not loaded in the isolated worker');
  if (entry.error !== undefined) throw new Error(entry.error);
  return entry.template!;
}

/** The run's environment: the parent's data, with HTTP and the clock wired to this process. */
function environment(id: number, transferred: Extract<ParentMessage, { kind: 'run' }>['env']): Environment {
  const env = { ...transferred.values } as Record<string, unknown>;
  if (transferred.httpViaParent) {
    env.http = (request: OutgoingHttpRequest) =>
      new Promise<HttpOutcome>((resolve, reject) => {
        const callId = nextCallId++;
        httpCalls.set(callId, { resolve, reject });
        send({ channel: ISOLATION_CHANNEL, kind: 'http', id, callId, request: transferable(request) as OutgoingHttpRequest });
      });
  }
  if (transferred.nowAtStart !== undefined) {
    const base = transferred.nowAtStart;
    const started = Date.now();
    env.now = () => base + (Date.now() - started);
  }
  return env as Environment;
}

async function handle(message: ParentMessage): Promise<void> {
  switch (message.kind) {
    case 'load': {
      try {
        templates.set(message.key, { template: loadTemplate(message.text, { ...message.options, fileName: message.fileName }) });
      } catch (error) {
        templates.set(message.key, { error: error instanceof TemplateLoadError || error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    case 'http-result': {
      const call = httpCalls.get(message.callId);
      if (!call) return;
      httpCalls.delete(message.callId);
      if (message.error !== undefined) call.reject(new Error(message.error));
      else call.resolve(message.outcome as HttpOutcome);
      return;
    }
    case 'run': {
      try {
        const template = templateFor(message.key);
        const env = environment(message.id, message.env);
        const result = await runTemplate(template, message.data as Record<string, unknown>, env, { timeoutMs: message.timeoutMs, vmTimeout: true });
        const state: Record<string, unknown> = {};
        for (const key of STATEFUL_ENVIRONMENT_KEYS) if (env[key as keyof Environment] instanceof Map) state[key] = transferable(env[key as keyof Environment]);
        send({ channel: ISOLATION_CHANNEL, kind: 'result', id: message.id, result: transferable(result), state });
      } catch (error) {
        send({ channel: ISOLATION_CHANNEL, kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    case 'scenario': {
      try {
        const template = templateFor(message.key);
        const scenario = template.scenarios.find((candidate) => candidate.name === message.scenario);
        if (!scenario) throw new Error(`no scenario named ${JSON.stringify(message.scenario)}`);
        const result = await runScenario(template, scenario, { timeoutMs: message.timeoutMs });
        send({ channel: ISOLATION_CHANNEL, kind: 'result', id: message.id, result: transferable(result) });
      } catch (error) {
        send({ channel: ISOLATION_CHANNEL, kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    default:
      return;
  }
}

process.on('message', (message: ParentMessage) => {
  if (!message || message.channel !== ISOLATION_CHANNEL) return;
  void handle(message);
});
// The parent went away: nothing is left to answer.
process.on('disconnect', () => process.exit(0));
send({ channel: ISOLATION_CHANNEL, kind: 'ready' });
