// Source instrumentation for sandboxed code. Three rewrites, none of which adds a line break (line
// numbers in stack traces stay those of the .tpl file):
//
// - Budget checks: every loop iteration and every function entry calls a budget function
//   (`__gtmTick$`), so code that never ends is stopped even when it runs outside the vm's own
//   timeout (promise reactions, callLater callbacks, HTTP callbacks run later by the host).
// - Arrow functions become ordinary functions. In GTM's sandbox an arrow function has its own
//   `arguments` (GTM has no `this`, so `arguments` is the only thing that could tell the two
//   apart); published templates rely on it in code and in tests (docs/emulator.md, "arguments").
// - `arguments` is an array. GTM's value types have no Arguments type: published code calls
//   `getType(arguments)`, `arguments.forEach(...)`, `arguments.slice(1)` and tests compare a
//   captured `arguments` with an array. A function that mentions `arguments` gets, on entry, a
//   sandbox array copy of it (`__gtmArguments$`), and its references are renamed to that copy.
//   In strict mode the Arguments object is not linked to the parameters, so a copy taken on entry
//   behaves the same for everything but its type.

import * as acorn from 'acorn';
import * as walk from 'acorn-walk';

export const TICK_NAME = '__gtmTick$';
/** Name of the helper (defined by the compiled wrapper) that copies an Arguments object into an array. */
export const ARGUMENTS_HELPER_NAME = '__gtmArgs$';
const ARGUMENTS_ARRAY_NAME = '__gtmArguments$';

/**
 * Source of the helper the wrapper defines next to the instrumented code: a sandbox array holding
 * the elements of an Arguments object (the wrapper runs in the sandbox realm, so `[]` is its array).
 */
export const ARGUMENTS_HELPER_SOURCE =
  `var ${ARGUMENTS_HELPER_NAME} = function (values) { var copy = []; ` +
  `for (var i = 0; i < values.length; i++) copy.push(values[i]); return copy; };`;
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

/**
 * One text edit. Insertions at the same offset are ordered so that nesting stays right: texts
 * closing a node come first (innermost first), then texts opening a node (outermost first), then
 * a replacement starting there.
 */
interface Edit {
  at: number;
  /** End of the replaced range (replacements only). */
  end?: number;
  text: string;
  kind: 'close' | 'open' | 'replace';
  /** Nesting depth of the node the edit belongs to. */
  depth: number;
}

const KIND_RANK = { close: 0, open: 1, replace: 2 } as const;

const isFunctionNode = (node: AnyNode): boolean =>
  node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';

/** Parses `code` as a function body and rewrites it (see the header). Throws SandboxSyntaxError. */
export function instrument(code: string): InstrumentResult {
  const arrowTokens: number[] = [];
  let program: acorn.Program;
  try {
    program = acorn.parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowReturnOutsideFunction: true,
      locations: true,
      onToken: (token) => {
        if (token.type === acorn.tokTypes.arrow) arrowTokens.push(token.start);
      },
    });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = (error as Error).message.replace(/ \(\d+:\d+\)$/, '');
    throw new SandboxSyntaxError(loc?.line ?? 1, loc?.column ?? 0, message);
  }

  // Pass 1: which functions (or the top level, `program`) read `arguments`, and where.
  const argumentsUsers = new Set<AnyNode>();
  const argumentsReferences: { node: AnyNode; parent: AnyNode | undefined; owner: AnyNode }[] = [];
  walk.fullAncestor(program, (node, _state, ancestors) => {
    const n = node as AnyNode;
    if (n.type !== 'Identifier' || n.name !== 'arguments') return;
    const chain = ancestors as AnyNode[];
    const parent = chain[chain.length - 2];
    if (parent && !isReference(n, parent)) return;
    let owner: AnyNode = program as AnyNode;
    for (let i = chain.length - 2; i >= 0; i--) {
      // Async arrows (not sandbox language) keep the enclosing function's `arguments`.
      if (isFunctionNode(chain[i]) && !(chain[i].type === 'ArrowFunctionExpression' && chain[i].async)) {
        owner = chain[i];
        // A default parameter value runs before the body: it keeps the Arguments object.
        if (owner.params.some((param: AnyNode) => n.start >= param.start && n.end <= param.end)) return;
        break;
      }
    }
    argumentsUsers.add(owner);
    argumentsReferences.push({ node: n, parent, owner });
  });
  const argumentsCopy = `var ${ARGUMENTS_ARRAY_NAME} = ${ARGUMENTS_HELPER_NAME}(arguments);`;

  // Pass 2: the edits.
  const edits: Edit[] = [];
  const tick = `${TICK_NAME}();`;
  const requiredNames = new Set<string>();
  if (argumentsUsers.has(program as AnyNode)) edits.push({ at: 0, text: argumentsCopy, kind: 'open', depth: 0 });

  walk.fullAncestor(program, (node, _state, ancestors) => {
    const n = node as AnyNode;
    const depth = (ancestors as AnyNode[]).length;
    const open = (at: number, text: string) => edits.push({ at, text, kind: 'open', depth });
    const close = (at: number, text: string) => edits.push({ at, text, kind: 'close', depth });
    const guardStatement = (body: AnyNode) => {
      if (body.type === 'BlockStatement') {
        open(body.start + 1, tick);
      } else {
        open(body.start, `{${tick}`);
        close(body.end, '}');
      }
    };
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
        if (n.param) open(n.body.start + 1, `${n.param.name} = ${TICK_NAME}(${n.param.name});`);
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
        open(n.body.start + 1, tick + (argumentsUsers.has(n) ? argumentsCopy : ''));
        break;
      case 'ArrowFunctionExpression': {
        // `async` arrows are outside the sandbox language (the language check reports them): only
        // budget checks.
        if (n.async) {
          if (n.expression) {
            open(n.body.start, `(${TICK_NAME}(), (`);
            close(n.body.end, '))');
          } else {
            open(n.body.start + 1, tick);
          }
          break;
        }
        // A statement cannot start with `function (`: an arrow heading a statement is parenthesised.
        const headsStatement = (ancestors as AnyNode[]).some((a) => a.type === 'ExpressionStatement' && a.start === n.start);
        open(n.start, headsStatement ? '(function ' : 'function ');
        if (n.params.length === 1 && n.params[0].start === n.start) {
          open(n.params[0].start, '(');
          close(n.params[0].end, ')');
        }
        const entry = tick + (argumentsUsers.has(n) ? argumentsCopy : '');
        const arrow = arrowTokenBefore(arrowTokens, n.body.start);
        if (arrow === undefined) throw new Error('instrument: no => token before an arrow function body');
        if (n.expression) {
          // `=>` becomes the opening of a block that returns the body (parentheses around the body
          // are outside the body node but inside the arrow node, hence the arrow's end).
          edits.push({ at: arrow, end: arrow + 2, text: `{${entry}return (`, kind: 'replace', depth });
          close(n.end, ');}');
        } else {
          edits.push({ at: arrow, end: arrow + 2, text: '', kind: 'replace', depth });
          open(n.body.start + 1, entry);
        }
        if (headsStatement) close(n.end, ')');
        break;
      }
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

  for (const { node, parent } of argumentsReferences) {
    // `{arguments}` keeps its key.
    const text = parent?.type === 'Property' && parent.shorthand ? `arguments: ${ARGUMENTS_ARRAY_NAME}` : ARGUMENTS_ARRAY_NAME;
    edits.push({ at: node.start, end: node.end, text, kind: 'replace', depth: Number.MAX_SAFE_INTEGER });
  }

  return { code: applyEdits(code, edits), requiredNames: [...requiredNames] };
}

/** Whether an Identifier node is a variable reference (not a property name, key or label). */
function isReference(node: AnyNode, parent: AnyNode): boolean {
  switch (parent.type) {
    case 'MemberExpression':
      return parent.object === node || parent.computed;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return parent.value === node || (parent.computed && parent.key === node);
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return false;
    default:
      return true;
  }
}

/** Offset of the last `=>` token before `offset` (tokens are in source order). */
function arrowTokenBefore(tokens: number[], offset: number): number | undefined {
  let low = 0;
  let high = tokens.length - 1;
  let found: number | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (tokens[middle] < offset) {
      found = tokens[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function applyEdits(code: string, edits: Edit[]): string {
  edits.sort((a, b) => {
    if (a.at !== b.at) return a.at - b.at;
    if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
    return a.kind === 'close' ? b.depth - a.depth : a.depth - b.depth;
  });
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    if (edit.at < cursor) continue; // inside a range already replaced (cannot happen for valid input)
    out += code.slice(cursor, edit.at) + edit.text;
    cursor = edit.end ?? edit.at;
  }
  return out + code.slice(cursor);
}
