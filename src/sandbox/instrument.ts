// Source instrumentation for sandboxed code: every loop iteration and every function entry calls a
// budget function (`__gtmTick$`), so code that never ends is stopped even when it runs outside the
// vm's own timeout (promise reactions, callLater callbacks, HTTP callbacks run later by the host).
// Insertions never add line breaks, so line numbers in stack traces stay those of the .tpl file.

import * as acorn from 'acorn';
import * as walk from 'acorn-walk';

export const TICK_NAME = '__gtmTick$';
/** Names sandboxed code may not use (the emulator's own bindings). */
const RESERVED_NAME = /^__gtm[A-Za-z]*\$$/;

export interface InstrumentResult {
  code: string;
  /** String literals passed to `require(...)` (the APIs the code asks for). */
  requiredNames: string[];
}

export class SandboxSyntaxError extends Error {
  constructor(readonly line: number, readonly column: number, detail: string) {
    super(detail);
    this.name = 'SandboxSyntaxError';
  }
}

type AnyNode = acorn.Node & Record<string, any>;

/** Parses `code` as a function body and inserts budget checks. Throws SandboxSyntaxError. */
export function instrument(code: string): InstrumentResult {
  let program: acorn.Program;
  try {
    program = acorn.parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowReturnOutsideFunction: true,
      locations: true,
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/ \(\d+:\d+\)$/, '');
    throw new SandboxSyntaxError(loc?.line ?? 1, loc?.column ?? 0, message);
  }

  const inserts: { at: number; text: string; order: number }[] = [];
  let order = 0;
  const add = (at: number, text: string) => inserts.push({ at, text, order: order++ });
  const tick = `${TICK_NAME}();`;

  const guardStatement = (body: AnyNode) => {
    if (body.type === 'BlockStatement') {
      add(body.start + 1, tick);
    } else {
      add(body.start, `{${tick}`);
      add(body.end, '}');
    }
  };

  const requiredNames = new Set<string>();

  walk.full(program, (node) => {
    const n = node as AnyNode;
    switch (n.type) {
      case 'Identifier':
        // The budget function and the realm's entry point are the emulator's: code naming them
        // could shadow or replace them (and so escape its time limit or the catch-clause scrub).
        if (RESERVED_NAME.test(n.name)) throw new SandboxSyntaxError(n.loc?.start.line ?? 1, n.loc?.start.column ?? 0, `'${n.name}' is reserved by the emulator`);
        break;
      case 'CatchClause':
        // An engine error's `stack` is formatted by host code on first read: the budget function
        // removes it from the caught value before the clause's code sees it (see realm.ts). A
        // destructuring parameter would read the value before any code of the clause runs.
        if (n.param && n.param.type !== 'Identifier') {
          throw new SandboxSyntaxError(n.param.loc?.start.line ?? 1, n.param.loc?.start.column ?? 0, 'a destructuring catch parameter is not supported by the emulator (catch the value under a name)');
        }
        if (n.param) add(n.body.start + 1, `${n.param.name} = ${TICK_NAME}(${n.param.name});`);
        break;
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
        guardStatement(n.body);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        add(n.body.start + 1, tick);
        break;
      case 'ArrowFunctionExpression':
        if (n.expression) {
          add(n.body.start, `(${TICK_NAME}(), (`);
          add(n.body.end, '))');
        } else {
          add(n.body.start + 1, tick);
        }
        break;
      case 'CallExpression':
        if (
          n.callee.type === 'Identifier' &&
          n.callee.name === 'require' &&
          n.arguments.length >= 1 &&
          n.arguments[0].type === 'Literal' &&
          typeof n.arguments[0].value === 'string'
        ) {
          requiredNames.add(n.arguments[0].value);
        }
        break;
      default:
        break;
    }
  });

  // Apply from the end so earlier offsets stay valid; at equal offsets keep walk order reversed
  // so that an opening text inserted first ends up first.
  inserts.sort((a, b) => b.at - a.at || b.order - a.order);
  let out = code;
  for (const insert of inserts) out = out.slice(0, insert.at) + insert.text + out.slice(insert.at);
  return { code: out, requiredNames: [...requiredNames] };
}
