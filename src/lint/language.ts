// The sandboxed-JavaScript language check: parse a template's code (or test code) with acorn and
// report what GTM's sandbox would reject or what fails at run time. The same pass records the
// facts other rules need: required APIs, API calls with their statically visible arguments, and
// the `data.X` reads.
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';
import {
  ALLOWED_FREE_IDENTIFIERS,
  apisFor,
  ContainerContext,
  isApi,
  MISSING_GLOBAL_HINTS,
  SUPPORTED_METHODS,
  UNDOCUMENTED_WORKING_METHODS,
  UNSUPPORTED_BUILTIN_METHODS,
} from './catalog';
import { lintMessage, unsupportedConstructOf, type UnsupportedConstructId } from './language-subset';
import { effectiveSeverity } from './rules';
import { LintDiagnostic, LintSeverity } from './types';

export interface SandboxLanguageOptions {
  context: ContainerContext;
  fileName: string;
  section?: string;
  /** Line of the file where `code` starts (1 = the code is the whole file). */
  firstLine?: number;
  /** Extra free identifiers, e.g. the test API (runCode, assertThat, ...) for ___TESTS___ code. */
  extraGlobals?: readonly string[];
  /**
   * The code comes from ___TESTS___ (default: true when extraGlobals includes `runCode`). Test
   * code is only compiled when tests run, so constructs whose support is unverified and that
   * published tests use (a regex literal in a gallery template's test) are warnings there.
   */
  testCode?: boolean;
  /**
   * Report every construct of the language subset as an error, not only those Google documents as
   * absent: the build holds the project's own templates to the whole statement.
   */
  strictSubset?: boolean;
}

/** A value the linter could compute without running the code. */
export type StaticValue =
  | { kind: 'exact'; value: string | number | boolean | null }
  /** A string built by concatenation whose start is known (`'https://x.com/' + path`). */
  | { kind: 'prefix'; value: string }
  | { kind: 'unknown' };

export interface RequiredApi {
  name: string;
  line: number;
  column?: number;
}

export interface ApiCall {
  api: string;
  /** For object APIs: the member called (`Firestore.read` → `read`). */
  member?: string;
  args: StaticValue[];
  line: number;
  column: number;
}

export interface DataRead {
  name: string;
  line: number;
  column: number;
}

export interface SandboxCodeAnalysis {
  /** False when the code did not parse (the other facts are then empty). */
  parsed: boolean;
  diagnostics: LintDiagnostic[];
  requires: RequiredApi[];
  apiCalls: ApiCall[];
  /** `data.X` / `data['X']` reads on the global `data`. */
  dataReads: DataRead[];
  /**
   * Property reads on values that alias `data` (a `data` parameter of a helper, `const d = data`,
   * a parameter that receives `data`). Counted as "used" but never reported as undefined.
   */
  dataAliasReads: DataRead[];
  /** `data[expr]` with a non-literal key somewhere: any parameter may be read. */
  dataDynamicAccess: boolean;
  /** `data` flows somewhere the linter cannot follow (passed to an API, stored in an object...). */
  dataEscapes: boolean;
  /**
   * `data.gtmOnSuccess` / `data.gtmOnFailure` appear in the code (GTM requires it for tags), on the
   * global `data` or on a local named `data`.
   */
  mentionsGtmCallbacks: boolean;
  /** APIs that are required but never used (every `const x = require(...)` binding unused). */
  unusedApis: string[];
  /** The top-level code (outside nested functions) has a `return <value>` (variables need one). */
  returnsValue: boolean;
}

type Node = acorn.Node & Record<string, any>;

/**
 * Constructs Google's sandboxed JavaScript page documents as absent: "There is no new keyword ...
 * functions do not have access to the this keyword", and eight value types, none a regex (regexes
 * come from createRegex).
 */
const DOCUMENTED_ABSENT: ReadonlySet<UnsupportedConstructId> = new Set<UnsupportedConstructId>(['new', 'this', 'regex-literal']);

interface Binding {
  kind: 'var' | 'let' | 'const' | 'function' | 'param' | 'arguments' | 'catch' | 'class';
  /** Set when the binding holds `require('<api>')`. */
  api?: string;
  /** Set for const bindings initialised with a statically known value. */
  value?: StaticValue;
  /** Function declarations/expressions bound to the name: used to follow `data` into helpers. */
  fn?: Node;
  /** The name was referenced somewhere (used for required-but-unused APIs). */
  used?: boolean;
}

class Scope {
  readonly names = new Map<string, Binding>();
  constructor(
    readonly parent: Scope | null,
    readonly isFunction: boolean,
  ) {}
  declare(name: string, binding: Binding): void {
    const existing = this.names.get(name);
    // A function declaration and a var of the same name: keep the richer record.
    if (!existing || binding.kind !== 'var') this.names.set(name, binding);
  }
  lookup(name: string): Binding | undefined {
    for (let scope: Scope | null = this; scope; scope = scope.parent) {
      const found = scope.names.get(name);
      if (found) return found;
    }
    return undefined;
  }
}

const UNSUPPORTED_SET = new Set(UNSUPPORTED_BUILTIN_METHODS);
const UNDOCUMENTED_SET = new Set(UNDOCUMENTED_WORKING_METHODS);

export function parseSandboxCode(code: string): acorn.Program {
  return acorn.parse(code, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowReturnOutsideFunction: true,
    locations: true,
  });
}

/** Analyse template code: diagnostics plus the facts the permission and UI rules use. */
export function analyzeSandboxCode(code: string, options: SandboxLanguageOptions): SandboxCodeAnalysis {
  return new Analyzer(code, options).run();
}

/** The language check: every problem the sandbox would reject, with file line numbers. */
export function checkSandboxLanguage(code: string, options: SandboxLanguageOptions): LintDiagnostic[] {
  return analyzeSandboxCode(code, options).diagnostics;
}

/** APIs the code `require`s (string-literal arguments only), in source order. */
export function listRequiredApis(code: string, options: Partial<SandboxLanguageOptions> = {}): RequiredApi[] {
  const analysis = analyzeSandboxCode(code, { context: 'SERVER', fileName: '<code>', ...options });
  if (analysis.parsed) return analysis.requires;
  // Code that does not parse: fall back to a textual scan so callers still get an answer.
  const firstLine = options.firstLine ?? 1;
  const found: RequiredApi[] = [];
  code.split('\n').forEach((text, index) => {
    for (const match of text.matchAll(/\brequire\(\s*(['"])([A-Za-z0-9_]+)\1\s*\)/g)) {
      found.push({ name: match[2], line: index + firstLine, column: (match.index ?? 0) + 1 });
    }
  });
  return found;
}

/** The `data.X` names the code reads (global `data` only), first occurrence each. */
export function listDataReads(code: string, options: Partial<SandboxLanguageOptions> = {}): DataRead[] {
  const analysis = analyzeSandboxCode(code, { context: 'SERVER', fileName: '<code>', ...options });
  const seen = new Set<string>();
  return analysis.dataReads.filter((read) => (seen.has(read.name) ? false : (seen.add(read.name), true)));
}

class Analyzer {
  private readonly diagnostics: LintDiagnostic[] = [];
  private readonly requires: RequiredApi[] = [];
  private readonly apiCalls: ApiCall[] = [];
  private readonly dataReads: DataRead[] = [];
  /** Member reads on every identifier, by identifier name (resolved against data aliases at the end). */
  private readonly memberReadsByName = new Map<string, DataRead[]>();
  private readonly dataAliasNames = new Set<string>(['data']);
  private dataDynamicAccess = false;
  private dataEscapes = false;
  private mentionsGtmCallbacks = false;
  private returnsValue = false;
  /** Depth of nested functions during the walk (0 = the template's own body). */
  private functionDepth = 0;
  private readonly reportedFree = new Set<string>();
  /** Locals initialised with require('<api>'): reported when never used. */
  private readonly apiBindings: { binding: Binding; name: string; api: string; node: Node }[] = [];
  /** Property names the code itself defines (object literal keys, `x.name = ...`). */
  private readonly userPropertyNames = new Set<string>();
  private readonly firstLine: number;
  private readonly freeAllowed: Set<string>;
  private readonly testCode: boolean;

  constructor(
    private readonly code: string,
    private readonly options: SandboxLanguageOptions,
  ) {
    this.firstLine = options.firstLine ?? 1;
    this.freeAllowed = new Set([...ALLOWED_FREE_IDENTIFIERS, ...(options.extraGlobals ?? [])]);
    this.testCode = options.testCode ?? (options.extraGlobals?.includes('runCode') ?? false);
  }

  run(): SandboxCodeAnalysis {
    let program: acorn.Program;
    try {
      program = parseSandboxCode(this.code);
    } catch (error) {
      this.reportParseError(error as Error & { loc?: { line: number; column: number } });
      return this.result(false);
    }
    this.checkSyntax(program);
    this.collectUserPropertyNames(program);
    const root = new Scope(null, true);
    // The code is a function body, so `arguments` exists at the top level too. Arrow functions
    // get their own `arguments` in GTM: published test setups read it inside `() => {}` mocks.
    root.declare('arguments', { kind: 'arguments' });
    this.hoistFunctionScope((program as Node).body, root);
    this.declareLexical((program as Node).body, root);
    for (const statement of (program as Node).body) this.visit(statement, root, program as Node);
    for (const { binding, name, api, node } of this.apiBindings) {
      if (binding.used) continue;
      const alias = name === api ? '' : ` (as ${name})`;
      this.report('apis/unused-require', 'warning', node, `'${api}' is required${alias} but never used; GTM still grants its permission`);
    }
    return this.result(true);
  }

  private result(parsed: boolean): SandboxCodeAnalysis {
    const dataAliasReads: DataRead[] = [];
    for (const name of this.dataAliasNames) {
      if (name === 'data') continue;
      dataAliasReads.push(...(this.memberReadsByName.get(name) ?? []));
    }
    // A local named `data` (stape-style helpers take `data` as a parameter) reads parameters too.
    dataAliasReads.push(...(this.memberReadsByName.get('data') ?? []));
    this.diagnostics.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
    return {
      parsed,
      diagnostics: this.diagnostics,
      requires: this.requires,
      apiCalls: this.apiCalls,
      dataReads: this.dataReads,
      dataAliasReads,
      dataDynamicAccess: this.dataDynamicAccess,
      dataEscapes: this.dataEscapes,
      mentionsGtmCallbacks: this.mentionsGtmCallbacks,
      unusedApis: this.unusedApis(),
      returnsValue: this.returnsValue,
    };
  }

  /** Required APIs no code uses: each require() is bound to a name that is never read. */
  private unusedApis(): string[] {
    const unused: string[] = [];
    for (const name of new Set(this.requires.map((r) => r.name))) {
      const bindings = this.apiBindings.filter((b) => b.api === name);
      const requireCount = this.requires.filter((r) => r.name === name).length;
      // A require() that is not bound to a name is used where it stands (`require('x')(...)`).
      if (bindings.length === requireCount && bindings.every((b) => !b.binding.used)) unused.push(name);
    }
    return unused;
  }

  // ------------------------------------------------------------------------------------------
  // Reporting

  private report(rule: string, severity: LintSeverity, node: { loc?: acorn.SourceLocation | null } | null, message: string): void {
    const loc = node?.loc?.start;
    this.diagnostics.push({
      rule,
      severity: effectiveSeverity(rule, severity),
      file: this.options.fileName,
      section: this.options.section,
      line: loc ? loc.line + this.firstLine - 1 : this.firstLine,
      column: loc ? loc.column + 1 : undefined,
      message,
    });
  }

  private reportParseError(error: Error & { loc?: { line: number; column: number } }): void {
    let message = error.message.replace(/\s*\(\d+:\d+\)$/, '');
    if (/'import' and 'export'/.test(message)) message = 'import/export are not supported in the sandbox';
    this.diagnostics.push({
      rule: 'language/parse-error',
      severity: 'error',
      file: this.options.fileName,
      section: this.options.section,
      line: (error.loc?.line ?? 1) + this.firstLine - 1,
      column: error.loc ? error.loc.column + 1 : undefined,
      message: `syntax error: ${message}`,
    });
  }

  // ------------------------------------------------------------------------------------------
  // Syntax subset

  /**
   * The subset stated in src/lint/language-subset.ts. Errors only for what Google documents as
   * absent (RULES['language/unsupported-syntax'].evidence); the rest of the subset has no public
   * evidence of refusal, so it is reported as warnings.
   */
  private checkSyntax(program: acorn.Program): void {
    walk.fullAncestor(program, (raw, _state, ancestors) => {
      const node = raw as Node;
      const construct = unsupportedConstructOf(node, ancestors[ancestors.length - 2] as Node | undefined);
      if (!construct) return;
      if (construct === 'regex-literal' && this.testCode) {
        this.report('language/unsupported-syntax', 'warning', node, 'a regular-expression literal is not documented for sandboxed JavaScript (unverified in test code)');
        return;
      }
      const severity = this.options.strictSubset || DOCUMENTED_ABSENT.has(construct) ? 'error' : 'warning';
      this.report('language/unsupported-syntax', severity, node, lintMessage(construct));
    });
  }

  private collectUserPropertyNames(program: acorn.Program): void {
    walk.full(program, (raw) => {
      const node = raw as Node;
      if (node.type === 'Property' && !node.computed) {
        const name = propertyName(node.key);
        if (name) this.userPropertyNames.add(name);
      } else if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
        const name = memberName(node.left);
        if (name) this.userPropertyNames.add(name);
      }
    });
  }

  // ------------------------------------------------------------------------------------------
  // Declarations and hoisting

  /** `var` and function declarations anywhere in a function body (not inside nested functions). */
  private hoistFunctionScope(statements: Node[], scope: Scope): void {
    const visitStatement = (node: Node | null | undefined): void => {
      if (!node) return;
      switch (node.type) {
        case 'VariableDeclaration':
          if (node.kind === 'var') for (const d of node.declarations) this.declarePattern(d.id, scope, 'var');
          return;
        case 'FunctionDeclaration':
          // Block-level functions are also visible function-wide in sloppy mode (Annex B).
          if (node.id) scope.declare(node.id.name, { kind: 'function', fn: node });
          return;
        case 'BlockStatement':
          node.body.forEach(visitStatement);
          return;
        case 'IfStatement':
          visitStatement(node.consequent);
          visitStatement(node.alternate);
          return;
        case 'ForStatement':
          visitStatement(node.init);
          visitStatement(node.body);
          return;
        case 'ForInStatement':
        case 'ForOfStatement':
          visitStatement(node.left);
          visitStatement(node.body);
          return;
        case 'WhileStatement':
        case 'DoWhileStatement':
        case 'LabeledStatement':
        case 'WithStatement':
          visitStatement(node.body);
          return;
        case 'SwitchStatement':
          for (const c of node.cases) c.consequent.forEach(visitStatement);
          return;
        case 'TryStatement':
          visitStatement(node.block);
          if (node.handler) visitStatement(node.handler.body);
          visitStatement(node.finalizer);
          return;
        default:
          return;
      }
    };
    statements.forEach(visitStatement);
  }

  /** let/const/class/function declared directly in a block. */
  private declareLexical(statements: Node[], scope: Scope): void {
    for (const node of statements) {
      if (node.type === 'VariableDeclaration' && node.kind !== 'var') {
        for (const d of node.declarations) this.declarePattern(d.id, scope, node.kind);
      } else if (node.type === 'ClassDeclaration' && node.id) {
        scope.declare(node.id.name, { kind: 'class' });
      } else if (node.type === 'FunctionDeclaration' && node.id) {
        scope.declare(node.id.name, { kind: 'function', fn: node });
      }
    }
  }

  private declarePattern(pattern: Node | null, scope: Scope, kind: Binding['kind']): void {
    for (const name of patternNames(pattern)) scope.declare(name, { kind });
  }

  /** Visit the expressions inside a binding pattern (defaults, computed keys) without treating names as references. */
  private visitPatternExpressions(pattern: Node | null, scope: Scope): void {
    if (!pattern) return;
    switch (pattern.type) {
      case 'ObjectPattern':
        for (const p of pattern.properties) {
          if (p.type === 'RestElement') this.visitPatternExpressions(p.argument, scope);
          else {
            if (p.computed) this.visit(p.key, scope, p);
            this.visitPatternExpressions(p.value, scope);
          }
        }
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) this.visitPatternExpressions(element, scope);
        return;
      case 'RestElement':
        this.visitPatternExpressions(pattern.argument, scope);
        return;
      case 'AssignmentPattern':
        this.visitPatternExpressions(pattern.left, scope);
        this.visit(pattern.right, scope, pattern);
        return;
      case 'MemberExpression':
        this.visit(pattern, scope, null);
        return;
      default:
        return;
    }
  }

  // ------------------------------------------------------------------------------------------
  // The scope-aware walk

  private visit(node: Node | null | undefined, scope: Scope, parent: Node | null): void {
    if (!node) return;
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.visitFunction(node, scope);
      case 'BlockStatement': {
        const block = new Scope(scope, false);
        this.declareLexical(node.body, block);
        for (const statement of node.body) this.visit(statement, block, node);
        return;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        const loop = new Scope(scope, false);
        const head = node.type === 'ForStatement' ? node.init : node.left;
        if (head?.type === 'VariableDeclaration' && head.kind !== 'var') {
          for (const d of head.declarations) this.declarePattern(d.id, loop, head.kind);
        }
        if (node.type === 'ForStatement') {
          this.visit(node.init, loop, node);
          this.visit(node.test, loop, node);
          this.visit(node.update, loop, node);
        } else {
          this.visit(node.left, loop, node);
          this.visit(node.right, loop, node);
        }
        this.visit(node.body, loop, node);
        return;
      }
      case 'SwitchStatement': {
        this.visit(node.discriminant, scope, node);
        const cases = new Scope(scope, false);
        this.declareLexical(node.cases.flatMap((c: Node) => c.consequent), cases);
        for (const c of node.cases) {
          this.visit(c.test, cases, c);
          for (const statement of c.consequent) this.visit(statement, cases, c);
        }
        return;
      }
      case 'CatchClause': {
        const catchScope = new Scope(scope, false);
        this.declarePattern(node.param, catchScope, 'catch');
        this.visit(node.body, catchScope, node);
        return;
      }
      case 'VariableDeclaration':
        for (const declarator of node.declarations) this.visitDeclarator(declarator, node.kind, scope);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        this.visit(node.superClass, scope, node);
        for (const member of node.body.body) {
          if (member.computed) this.visit(member.key, scope, member);
          this.visit(member.value, scope, member);
        }
        return;
      case 'AssignmentExpression':
        // `data.x = ...` writes a key; it is not a read of parameter x.
        if (
          node.operator === '=' &&
          node.left.type === 'MemberExpression' &&
          node.left.object.type === 'Identifier' &&
          node.left.object.name === 'data' &&
          this.isGlobal('data', scope)
        ) {
          if (node.left.computed) this.visit(node.left.property, scope, node.left);
          this.visit(node.right, scope, node);
          return;
        }
        for (const child of childNodes(node)) this.visit(child, scope, node);
        return;
      case 'Identifier':
        return this.visitReference(node, scope, parent);
      case 'MemberExpression':
        return this.visitMember(node, scope);
      case 'CallExpression':
        return this.visitCall(node, scope);
      case 'Property':
        if (node.computed) this.visit(node.key, scope, node);
        this.visit(node.value, scope, node);
        return;
      case 'LabeledStatement':
        this.visit(node.body, scope, node);
        return;
      case 'ReturnStatement':
        if (this.functionDepth === 0 && node.argument) this.returnsValue = true;
        this.visit(node.argument, scope, node);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
        return;
      default:
        for (const child of childNodes(node)) this.visit(child, scope, node);
    }
  }

  private visitFunction(node: Node, scope: Scope): void {
    this.functionDepth++;
    try {
      this.visitFunctionBody(node, scope);
    } finally {
      this.functionDepth--;
    }
  }

  private visitFunctionBody(node: Node, scope: Scope): void {
    const fnScope = new Scope(scope, true);
    if (node.type === 'FunctionExpression' && node.id) fnScope.declare(node.id.name, { kind: 'function', fn: node });
    fnScope.declare('arguments', { kind: 'arguments' });
    for (const param of node.params) this.declarePattern(param, fnScope, 'param');
    for (const param of node.params) this.visitPatternExpressions(param, fnScope);
    if (node.body.type === 'BlockStatement') {
      this.hoistFunctionScope(node.body.body, fnScope);
      this.declareLexical(node.body.body, fnScope);
      for (const statement of node.body.body) this.visit(statement, fnScope, node.body);
    } else {
      this.visit(node.body, fnScope, node);
    }
  }

  private visitDeclarator(declarator: Node, kind: string, scope: Scope): void {
    this.visitPatternExpressions(declarator.id, scope);
    const init = declarator.init as Node | null;
    if (declarator.id.type === 'Identifier' && init) {
      const binding = scope.lookup(declarator.id.name);
      if (binding) {
        const api = this.requiredApiOf(init, scope);
        if (api) binding.api = api;
        if (api && init.type === 'CallExpression') this.apiBindings.push({ binding, name: declarator.id.name, api, node: declarator.id });
        if (kind === 'const') binding.value = this.evaluate(init, scope);
        if (init.type === 'FunctionExpression' || init.type === 'ArrowFunctionExpression') binding.fn = init;
      }
      // `const d = data`: d is an alias of data.
      if (init.type === 'Identifier' && init.name === 'data' && this.isGlobal('data', scope)) {
        this.dataAliasNames.add(declarator.id.name);
        return;
      }
    }
    this.visit(init, scope, declarator);
  }

  private isGlobal(name: string, scope: Scope): boolean {
    return scope.lookup(name) === undefined;
  }

  private visitReference(node: Node, scope: Scope, parent: Node | null): void {
    const name = node.name as string;
    const binding = scope.lookup(name);
    if (binding) {
      binding.used = true;
      return;
    }
    if (name === 'data') {
      // A bare use of the global `data` (not `data.x`): following it is only possible into local helpers.
      if (!(parent?.type === 'UnaryExpression' && parent.operator === 'typeof')) this.dataEscapes = true;
      return;
    }
    if (this.freeAllowed.has(name)) return;
    if (this.reportedFree.has(name)) return;
    this.reportedFree.add(name);
    const hint = Object.prototype.hasOwnProperty.call(MISSING_GLOBAL_HINTS, name) ? `; use ${MISSING_GLOBAL_HINTS[name]}` : '';
    this.report(
      'language/undeclared',
      'error',
      node,
      `'${name}' is not declared: the sandbox has no globals except ${ALLOWED_FREE_IDENTIFIERS.join(', ')}${hint}`,
    );
  }

  private visitMember(node: Node, scope: Scope): void {
    const object = node.object as Node;
    const name = memberName(node);
    if (object.type === 'Identifier') {
      const position = locOf(node.property, this.firstLine);
      if (name !== undefined) {
        const reads = this.memberReadsByName.get(object.name) ?? [];
        reads.push({ name, ...position });
        this.memberReadsByName.set(object.name, reads);
      }
      // GTM's import check is on the code's text: data.gtmOnSuccess() inside a helper whose
      // parameter is named data (receiving the global one) counts (RULES['language/tag-callbacks']).
      if (object.name === 'data' && (name === 'gtmOnSuccess' || name === 'gtmOnFailure')) this.mentionsGtmCallbacks = true;
      if (object.name === 'data' && this.isGlobal('data', scope)) {
        if (name === undefined) this.dataDynamicAccess = true;
        else if (name === 'gtmOnSuccess' || name === 'gtmOnFailure') this.mentionsGtmCallbacks = true;
        else this.dataReads.push({ name, ...position });
        if (node.computed) this.visit(node.property, scope, node);
        return;
      }
      if (name === undefined && this.dataAliasNames.has(object.name)) this.dataDynamicAccess = true;
    }
    this.visit(object, scope, node);
    if (node.computed) this.visit(node.property, scope, node);
  }

  private visitCall(node: Node, scope: Scope): void {
    const callee = node.callee as Node;
    if (callee.type === 'Identifier' && callee.name === 'require' && this.isGlobal('require', scope)) {
      this.visitRequire(node);
      for (const arg of node.arguments) this.visit(arg, scope, node);
      return;
    }
    // data.hasOwnProperty('x') tests parameter x; with a computed key any parameter may be meant.
    if (
      callee.type === 'MemberExpression' &&
      callee.object.type === 'Identifier' &&
      callee.object.name === 'data' &&
      this.isGlobal('data', scope) &&
      memberName(callee) === 'hasOwnProperty'
    ) {
      const key = node.arguments[0] as Node | undefined;
      if (key?.type === 'Literal' && typeof key.value === 'string') this.dataReads.push({ name: key.value, ...locOf(key, this.firstLine) });
      else this.dataDynamicAccess = true;
      for (const arg of node.arguments) this.visit(arg, scope, node);
      return;
    }
    if (callee.type === 'Identifier') {
      const binding = scope.lookup(callee.name);
      if (binding?.api) this.recordApiCall(binding.api, undefined, node, scope);
      if (binding?.fn) this.followDataIntoHelper(binding.fn, node, scope);
    } else if (callee.type === 'CallExpression') {
      // require('createQueue')('dataLayer'): a call of the API itself.
      const api = this.requiredApiOf(callee, scope);
      if (api) this.recordApiCall(api, undefined, node, scope);
    } else if (callee.type === 'MemberExpression') {
      this.checkMethodCall(callee, node, scope);
    }
    // Arguments that are the bare global `data` passed to a local helper are followed, not escapes.
    this.visit(callee, scope, node);
    for (const arg of node.arguments) {
      if (arg.type === 'Identifier' && arg.name === 'data' && this.isGlobal('data', scope) && callee.type === 'Identifier' && scope.lookup(callee.name)?.fn) {
        continue;
      }
      this.visit(arg, scope, node);
    }
  }

  private visitRequire(node: Node): void {
    const [arg] = node.arguments as Node[];
    if (node.arguments.length !== 1 || arg.type !== 'Literal' || typeof arg.value !== 'string') {
      this.report('language/require-literal', 'error', node, 'require() takes exactly one string literal (GTM detects permissions from it)');
      return;
    }
    const position = locOf(node, this.firstLine);
    this.requires.push({ name: arg.value, ...position });
    if (!isApi(this.options.context, arg.value)) {
      const other = this.options.context === 'SERVER' ? 'WEB' : 'SERVER';
      const where = isApi(other, arg.value) ? ` (it exists only in ${other} templates)` : '';
      this.report('apis/unknown-api', 'error', arg, `'${arg.value}' is not a ${this.options.context} sandbox API${where}`);
    }
  }

  /** When `data` is passed to a local function, that function's parameter is a data alias. */
  private followDataIntoHelper(fn: Node, call: Node, scope: Scope): void {
    call.arguments.forEach((arg: Node, index: number) => {
      if (arg.type !== 'Identifier' || !this.dataAliasNames.has(arg.name)) return;
      if (arg.name === 'data' && !this.isGlobal('data', scope)) return;
      const param = fn.params[index] as Node | undefined;
      if (param?.type === 'Identifier') this.dataAliasNames.add(param.name);
      else this.dataEscapes = true;
    });
  }

  private requiredApiOf(node: Node, scope: Scope): string | undefined {
    if (
      node.type === 'CallExpression' &&
      node.callee.type === 'Identifier' &&
      node.callee.name === 'require' &&
      this.isGlobal('require', scope) &&
      node.arguments.length === 1 &&
      node.arguments[0].type === 'Literal' &&
      typeof node.arguments[0].value === 'string'
    ) {
      return node.arguments[0].value;
    }
    if (node.type === 'Identifier') return scope.lookup(node.name)?.api;
    return undefined;
  }

  private recordApiCall(api: string, member: string | undefined, node: Node, scope: Scope): void {
    this.apiCalls.push({
      api,
      member,
      args: node.arguments.map((arg: Node) => this.evaluate(arg, scope)),
      ...locOf(node, this.firstLine),
    } as ApiCall);
  }

  private checkMethodCall(callee: Node, call: Node, scope: Scope): void {
    const method = memberName(callee);
    if (method === undefined) return;
    const object = callee.object as Node;
    const api = this.requiredApiOf(object, scope);
    if (api) {
      this.recordApiCall(api, method, call, scope);
      const fact = apisFor(this.options.context)[api];
      if (fact?.members && !fact.members.includes(method)) {
        this.report('language/unknown-api-member', 'error', callee.property, `'${api}.${method}' does not exist in the sandbox (${api} has ${fact.members.join(', ')})`);
      } else if (!fact?.members && UNSUPPORTED_SET.has(method)) {
        this.report('language/unsupported-method', 'error', callee.property, `'.${method}()' is not available in the sandbox`);
      }
      return;
    }
    if (object.type === 'Identifier' && object.name === 'data' && this.isGlobal('data', scope)) return;
    const literalType =
      object.type === 'Literal' && typeof object.value === 'string' ? 'string'
      : object.type === 'TemplateLiteral' ? 'string'
      : object.type === 'ArrayExpression' ? 'array'
      : object.type === 'Literal' && typeof object.value === 'number' ? 'number'
      : object.type === 'Literal' && typeof object.value === 'boolean' ? 'boolean'
      : undefined;
    if (literalType) {
      const supported: readonly string[] = SUPPORTED_METHODS[literalType];
      if (!supported.includes(method)) {
        const severity: LintSeverity = UNDOCUMENTED_SET.has(method) ? 'warning' : 'error';
        this.report(
          severity === 'error' ? 'language/unsupported-method' : 'language/undocumented-method',
          severity,
          callee.property,
          `'.${method}()' is not a supported ${literalType} method in the sandbox (supported: ${supported.join(', ')})`,
        );
      }
      return;
    }
    // Unknown receiver: flag only standard-library names the code does not define itself.
    if (this.userPropertyNames.has(method)) return;
    if (UNSUPPORTED_SET.has(method)) {
      this.report('language/unsupported-method', 'error', callee.property, `'.${method}()' is not available in the sandbox (not in the supported Array/String methods)`);
    } else if (UNDOCUMENTED_SET.has(method)) {
      this.report('language/undocumented-method', 'warning', callee.property, `'.${method}()' is undocumented in the sandbox (works in some published templates; prefer indexOf/slice)`);
    }
  }

  /** Statically known values: literals, const strings, and concatenations starting with one. */
  private evaluate(node: Node | null | undefined, scope: Scope): StaticValue {
    if (!node) return { kind: 'unknown' };
    switch (node.type) {
      case 'Literal':
        if (node.regex || node.bigint !== undefined) return { kind: 'unknown' };
        return { kind: 'exact', value: node.value as string | number | boolean | null };
      case 'TemplateLiteral':
        if (node.expressions.length === 0) return { kind: 'exact', value: node.quasis[0].value.cooked ?? '' };
        return node.quasis[0].value.cooked ? { kind: 'prefix', value: node.quasis[0].value.cooked } : { kind: 'unknown' };
      case 'Identifier': {
        const binding = scope.lookup(node.name);
        return binding?.value ?? { kind: 'unknown' };
      }
      case 'BinaryExpression': {
        if (node.operator !== '+') return { kind: 'unknown' };
        const left = this.evaluate(node.left, scope);
        if (left.kind === 'unknown') return left;
        if (left.kind === 'prefix') return left;
        const right = this.evaluate(node.right, scope);
        if (typeof left.value === 'string' || (right.kind === 'exact' && typeof right.value === 'string')) {
          if (right.kind === 'exact') return { kind: 'exact', value: String(left.value) + String(right.value) };
          if (right.kind === 'prefix') return { kind: 'prefix', value: String(left.value) + right.value };
          return typeof left.value === 'string' ? { kind: 'prefix', value: left.value } : { kind: 'unknown' };
        }
        if (right.kind === 'exact' && typeof left.value === 'number' && typeof right.value === 'number') {
          return { kind: 'exact', value: left.value + right.value };
        }
        return { kind: 'unknown' };
      }
      default:
        return { kind: 'unknown' };
    }
  }
}

// --------------------------------------------------------------------------------------------
// Helpers

function propertyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

/** `a.b` → 'b', `a['b']` → 'b', `a[expr]` → undefined. */
function memberName(member: Node): string | undefined {
  if (!member.computed) return member.property.type === 'Identifier' ? member.property.name : undefined;
  const key = member.property as Node;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

function patternNames(pattern: Node | null | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p: Node) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e: Node | null) => patternNames(e));
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    default:
      return [];
  }
}

function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === 'string') children.push(item);
    } else if (value && typeof value === 'object' && typeof value.type === 'string') {
      children.push(value);
    }
  }
  return children;
}

function locOf(node: { loc?: acorn.SourceLocation | null }, firstLine: number): { line: number; column: number } {
  const start = node.loc?.start;
  return { line: (start?.line ?? 1) + firstLine - 1, column: (start?.column ?? 0) + 1 };
}
