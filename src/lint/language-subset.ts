// The sandbox language subset, stated once. Three checks read this statement:
//   - the linter (src/lint/language.ts) on the code of any `.tpl`, and the build on the finished
//     code section of ours;
//   - the build's source gate (build/source-check.ts) on the TypeScript a template bundles, so an
//     author sees the problem at their own line before esbuild lowers it into helper code;
//   - the test that keeps src/core inside the subset (test/core/sandbox-subset.test.ts).
// Facts and sources: docs/contracts/gtm-sandbox.md. GTM documents the language as ECMAScript 5.1
// plus arrow functions and const/let, without `new` and `this`
// (https://developers.google.com/tag-platform/tag-manager/templates/sandboxed-javascript);
// `for...of` and `for...in` run (TikTok's own published templates loop with `for...of`).
// Everything below is absent from the documented language and from published templates, so it is
// treated as unsupported.

import type * as acorn from 'acorn';

/** What the TypeScript sources may do with a construct the sandbox does not run. */
export type SourceTreatment =
  /** Stopped at the author's line. */
  | 'banned'
  /** The build rewrites it into sandbox syntax (`{ a }` becomes `{ a: a }`). */
  | 'rewritten-by-build'
  /** Module syntax: the bundler resolves it; only the bundle reaches the sandbox. */
  | 'bundled';

export interface UnsupportedConstruct {
  /** How messages name it, e.g. "`delete`". */
  what: string;
  /** A short hint the linter adds in brackets. */
  hint?: string;
  /** What to write instead, for the build's message. */
  instead: string;
  source: SourceTreatment;
}

export const UNSUPPORTED_CONSTRUCTS = {
  new: { what: '`new`', instead: 'object literals and functions (there are no constructors)', source: 'banned' },
  this: { what: '`this`', instead: 'pass values as arguments', source: 'banned' },
  super: { what: '`super`', instead: 'plain functions', source: 'banned' },
  'meta-property': { what: '`new.target`/`import.meta`', instead: 'pass values as arguments', source: 'banned' },
  class: { what: '`class`', instead: 'object literals and functions', source: 'banned' },
  'template-literal': { what: 'a template literal (backticks)', instead: "concatenate: 'a' + b", source: 'banned' },
  'tagged-template': { what: 'a tagged template', instead: 'a function call', source: 'banned' },
  destructuring: { what: 'destructuring', instead: 'read properties one by one', source: 'banned' },
  rest: { what: 'a rest element (`...`)', instead: 'use `arguments` or slice', source: 'banned' },
  spread: { what: 'spread (`...`)', instead: 'use concat or copy keys explicitly', source: 'banned' },
  'default-parameter': { what: 'a default parameter value', instead: 'check for undefined', source: 'banned' },
  label: { what: 'a label', instead: 'a flag variable', source: 'banned' },
  with: { what: '`with`', instead: 'name the object', source: 'banned' },
  try: { what: '`try`/`catch`', instead: 'return error values', source: 'banned' },
  throw: { what: '`throw`', instead: 'return an error value', source: 'banned' },
  'do-while': { what: '`do ... while`', instead: 'use while', source: 'banned' },
  debugger: { what: '`debugger`', instead: 'logToConsole', source: 'banned' },
  await: { what: '`await`', instead: 'use promise .then', source: 'banned' },
  yield: { what: '`yield`', instead: 'a loop or a callback', source: 'banned' },
  'async-function': { what: 'an async function', instead: 'use promise .then', source: 'banned' },
  generator: { what: 'a generator function', instead: 'a loop or a callback', source: 'banned' },
  'for-await': { what: '`for await`', instead: 'use promise .then', source: 'banned' },
  'optional-chaining': { what: 'optional chaining (`?.`)', instead: 'write an explicit check', source: 'banned' },
  'nullish-coalescing': { what: 'nullish coalescing (`??`)', instead: 'write an explicit check', source: 'banned' },
  'logical-assignment': { what: 'logical assignment (`??=`, `||=`, `&&=`)', instead: 'write the assignment out', source: 'banned' },
  exponent: { what: '`**`', hint: 'use Math.pow', instead: "use Math.pow (import Math from 'Math')", source: 'banned' },
  'exponent-assignment': { what: '`**=`', instead: "use Math.pow (import Math from 'Math')", source: 'banned' },
  in: { what: 'the `in` operator', hint: 'use hasOwnProperty', instead: 'use obj.hasOwnProperty(key)', source: 'banned' },
  instanceof: { what: '`instanceof`', instead: 'use getType', source: 'banned' },
  delete: { what: '`delete`', hint: 'use Object.delete', instead: "use Object.delete (import Object from 'Object')", source: 'banned' },
  void: { what: '`void`', instead: 'write undefined', source: 'banned' },
  'comma-sequence': { what: 'a comma sequence expression (allowed only in a for header)', instead: 'write separate statements', source: 'banned' },
  accessor: { what: 'a getter/setter', instead: 'a plain property', source: 'banned' },
  'method-shorthand': { what: 'a method shorthand (`name() {}`)', instead: 'write `name: function () {}` or an arrow', source: 'banned' },
  'computed-key': { what: 'a computed property key (`[key]: value`)', instead: 'assign with obj[key] = value', source: 'banned' },
  'regex-literal': { what: 'a regular-expression literal', hint: 'use a string pattern or createRegex', instead: "use a string pattern ('^a+$') or createRegex", source: 'banned' },
  bigint: { what: 'a BigInt literal', instead: 'numbers', source: 'banned' },
  'dynamic-import': { what: 'a dynamic `import()`', instead: "a static import (import x from 'x')", source: 'banned' },
  'shorthand-property': { what: 'a shorthand property (`{ name }`)', instead: 'write `name: name`', source: 'rewritten-by-build' },
  'module-syntax': { what: 'import/export', instead: 'the build bundles modules into one code section', source: 'bundled' },
} as const satisfies Record<string, UnsupportedConstruct>;

export type UnsupportedConstructId = keyof typeof UNSUPPORTED_CONSTRUCTS;

type Node = acorn.Node & Record<string, any>;

/**
 * The construct an ESTree node (acorn) is, when the sandbox does not run it. `parent` is the node
 * that holds it. A tagged template is reported on the tag, not again on its template literal; an
 * object pattern's properties are part of the destructuring.
 */
export function unsupportedConstructOf(node: Node, parent: Node | undefined): UnsupportedConstructId | undefined {
  switch (node.type) {
    case 'NewExpression': return 'new';
    case 'ThisExpression': return 'this';
    case 'Super': return 'super';
    case 'MetaProperty': return 'meta-property';
    case 'ClassDeclaration':
    case 'ClassExpression': return 'class';
    case 'TemplateLiteral': return parent?.type === 'TaggedTemplateExpression' ? undefined : 'template-literal';
    case 'TaggedTemplateExpression': return 'tagged-template';
    case 'ObjectPattern':
    case 'ArrayPattern': return 'destructuring';
    case 'RestElement': return 'rest';
    case 'SpreadElement': return 'spread';
    case 'AssignmentPattern': return 'default-parameter';
    case 'LabeledStatement': return 'label';
    case 'WithStatement': return 'with';
    case 'TryStatement': return 'try';
    case 'ThrowStatement': return 'throw';
    case 'DoWhileStatement': return 'do-while';
    case 'DebuggerStatement': return 'debugger';
    case 'AwaitExpression': return 'await';
    case 'YieldExpression': return 'yield';
    case 'ChainExpression': return 'optional-chaining';
    case 'ImportExpression': return 'dynamic-import';
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ExportAllDeclaration': return 'module-syntax';
    case 'ForOfStatement': return node.await ? 'for-await' : undefined;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      if (node.async) return 'async-function';
      return node.generator ? 'generator' : undefined;
    case 'Property':
      if (parent?.type !== 'ObjectExpression') return undefined; // patterns are reported as destructuring
      if (node.kind === 'get' || node.kind === 'set') return 'accessor';
      if (node.method) return 'method-shorthand';
      if (node.computed) return 'computed-key';
      return node.shorthand ? 'shorthand-property' : undefined;
    case 'Literal':
      if (node.regex) return 'regex-literal';
      return node.bigint !== undefined ? 'bigint' : undefined;
    case 'UnaryExpression':
      if (node.operator === 'delete') return 'delete';
      return node.operator === 'void' ? 'void' : undefined;
    case 'BinaryExpression':
      if (node.operator === 'in') return 'in';
      if (node.operator === 'instanceof') return 'instanceof';
      return node.operator === '**' ? 'exponent' : undefined;
    case 'AssignmentExpression':
      if (node.operator === '**=') return 'exponent-assignment';
      return ['??=', '||=', '&&='].includes(node.operator) ? 'logical-assignment' : undefined;
    case 'LogicalExpression':
      return node.operator === '??' ? 'nullish-coalescing' : undefined;
    case 'SequenceExpression':
      if (parent?.type === 'ForStatement' && (parent.init === node || parent.update === node)) return undefined;
      return 'comma-sequence';
    default:
      return undefined;
  }
}

/** The linter's wording: "`delete` (use Object.delete) is not supported in sandboxed JavaScript". */
export function lintMessage(id: UnsupportedConstructId): string {
  const construct: UnsupportedConstruct = UNSUPPORTED_CONSTRUCTS[id];
  return `${construct.what}${construct.hint ? ` (${construct.hint})` : ''} is not supported in sandboxed JavaScript`;
}

/** The build's wording, at the author's line: "`delete` is not supported by the sandbox; use Object.delete (...)". */
export function sourceMessage(id: UnsupportedConstructId): string {
  const construct: UnsupportedConstruct = UNSUPPORTED_CONSTRUCTS[id];
  return `${construct.what} is not supported by the sandbox; ${construct.instead}`;
}

// ---------------------------------------------------------------------------------------------
// What src/core may use, beyond the subset above

/**
 * src/core is compiled into every template and also runs in Node (build/guide-tables.ts, the
 * jest suites, through src/core-node/toolkit.ts). So, on top of the subset that binds every
 * template, core:
 *  - imports only other src/core files: it never imports a sandbox API, because the two
 *    containers have different APIs and Node has none; the capabilities it needs (JSON, hashing,
 *    getType, makeNumber...) come in through the CoreToolkit its caller builds;
 *  - names none of the globals below: in the sandbox they do not exist (a template gets JSON or
 *    Math with `import JSON from 'JSON'`), and in Node they would silently work;
 *  - calls only the sandbox's documented Array and String methods, hasOwnProperty, and the members
 *    of the types core declares for what it is given. A template gets this check from the build's
 *    type check against types/sandbox/lib.d.ts; core is checked file by file on its own, so a core
 *    function that no template imports yet is already safe.
 * Templates may use `for...of`, and so may core: both are compiled by the same build.
 */
export const CORE_FORBIDDEN_GLOBALS: readonly string[] = [
  'Array', 'Date', 'Number', 'String', 'Boolean', 'Object', 'JSON', 'Math', 'parseInt', 'parseFloat', 'isNaN',
  'isFinite', 'Infinity', 'NaN', 'RegExp', 'Promise', 'Symbol', 'Map', 'Set', 'require', 'window', 'document',
  'encodeURIComponent', 'decodeURIComponent', 'console', 'setTimeout', 'globalThis', 'process', 'Error',
];
