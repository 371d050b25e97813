// Source-level syntax gate: walks the TypeScript AST of every file a template bundles and reports
// constructs GTM's sandbox does not run, at the author's file and line. Which constructs those are
// is stated once, in src/lint/language-subset.ts; this file only finds them in TypeScript's tree
// (plus a few TypeScript and module forms the bundler would turn into helper code). esbuild would
// otherwise lower some of them silently (template literals to .concat(), `?.`/`??` to temporaries
// with `void 0`, `**` to Math.pow, enums to IIFEs); the post-build check of the generated code
// with the linter's rules remains the final gate.

import * as path from 'path';
import * as ts from 'typescript';
import {
  sourceMessage,
  UNSUPPORTED_CONSTRUCTS,
  type UnsupportedConstruct,
  type UnsupportedConstructId,
} from '../src/lint/language-subset';
import type { BuildProblem } from './errors';

interface Finding {
  node: ts.Node;
  message: string;
}

const BINARY_OPERATORS = new Map<ts.SyntaxKind, UnsupportedConstructId>([
  [ts.SyntaxKind.QuestionQuestionToken, 'nullish-coalescing'],
  [ts.SyntaxKind.QuestionQuestionEqualsToken, 'logical-assignment'],
  [ts.SyntaxKind.BarBarEqualsToken, 'logical-assignment'],
  [ts.SyntaxKind.AmpersandAmpersandEqualsToken, 'logical-assignment'],
  [ts.SyntaxKind.AsteriskAsteriskToken, 'exponent'],
  [ts.SyntaxKind.AsteriskAsteriskEqualsToken, 'exponent-assignment'],
  [ts.SyntaxKind.InKeyword, 'in'],
  [ts.SyntaxKind.InstanceOfKeyword, 'instanceof'],
  [ts.SyntaxKind.CommaToken, 'comma-sequence'],
]);

/** The TypeScript node kinds of the statement's constructs that are a node of their own. */
const NODE_KINDS = new Map<ts.SyntaxKind, UnsupportedConstructId>([
  [ts.SyntaxKind.TaggedTemplateExpression, 'tagged-template'],
  [ts.SyntaxKind.ClassDeclaration, 'class'],
  [ts.SyntaxKind.ClassExpression, 'class'],
  [ts.SyntaxKind.NewExpression, 'new'],
  [ts.SyntaxKind.ThisKeyword, 'this'],
  [ts.SyntaxKind.SuperKeyword, 'super'],
  [ts.SyntaxKind.MetaProperty, 'meta-property'],
  [ts.SyntaxKind.ObjectBindingPattern, 'destructuring'],
  [ts.SyntaxKind.ArrayBindingPattern, 'destructuring'],
  [ts.SyntaxKind.SpreadElement, 'spread'],
  [ts.SyntaxKind.SpreadAssignment, 'spread'],
  [ts.SyntaxKind.TryStatement, 'try'],
  [ts.SyntaxKind.ThrowStatement, 'throw'],
  [ts.SyntaxKind.RegularExpressionLiteral, 'regex-literal'],
  [ts.SyntaxKind.AwaitExpression, 'await'],
  [ts.SyntaxKind.YieldExpression, 'yield'],
  [ts.SyntaxKind.DeleteExpression, 'delete'],
  [ts.SyntaxKind.VoidExpression, 'void'],
  [ts.SyntaxKind.GetAccessor, 'accessor'],
  [ts.SyntaxKind.SetAccessor, 'accessor'],
  [ts.SyntaxKind.MethodDeclaration, 'method-shorthand'],
  [ts.SyntaxKind.ComputedPropertyName, 'computed-key'],
  [ts.SyntaxKind.LabeledStatement, 'label'],
  [ts.SyntaxKind.DoStatement, 'do-while'],
  [ts.SyntaxKind.WithStatement, 'with'],
  [ts.SyntaxKind.DebuggerStatement, 'debugger'],
  [ts.SyntaxKind.BigIntLiteral, 'bigint'],
]);

/** Constructs whose children need no second report (a class's members, a pattern's elements). */
const REPORTED_WHOLE = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.TaggedTemplateExpression,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.ObjectBindingPattern,
  ts.SyntaxKind.ArrayBindingPattern,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

function isInsideForHeader(node: ts.Node): boolean {
  const parent = node.parent;
  return !!parent && ts.isForStatement(parent) && (parent.initializer === node || parent.incrementor === node);
}

function isDeclared(node: ts.Node): boolean {
  return !!ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/** The statement's constructs (src/lint/language-subset.ts) that the sources may not use, at this node. */
function constructsAt(node: ts.Node): { node: ts.Node; id: UnsupportedConstructId }[] {
  const found: { node: ts.Node; id: UnsupportedConstructId }[] = [];
  const add = (id: UnsupportedConstructId, at: ts.Node = node) => found.push({ node: at, id });
  const kind = NODE_KINDS.get(node.kind);
  if (kind) add(kind);
  if ((ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) && !ts.isTaggedTemplateExpression(node.parent) && !ts.isLiteralTypeNode(node.parent)) {
    add('template-literal');
  }
  if (ts.isParameter(node)) {
    if (node.dotDotDotToken) add('rest');
    if (node.initializer) add('default-parameter');
  }
  if (ts.isForOfStatement(node) && node.awaitModifier) add('for-await');
  if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) && node.questionDotToken) {
    add('optional-chaining');
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add('dynamic-import');
  if (ts.isBinaryExpression(node)) {
    const operator = BINARY_OPERATORS.get(node.operatorToken.kind);
    if (operator && !(operator === 'comma-sequence' && isInsideForHeader(node))) add(operator, node.operatorToken);
    if (node.operatorToken.kind === ts.SyntaxKind.EqualsToken && (ts.isObjectLiteralExpression(node.left) || ts.isArrayLiteralExpression(node.left))) {
      add('destructuring', node.left);
    }
  }
  if (ts.isFunctionLike(node)) {
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
    if (modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) add('async-function');
    if ((node as ts.FunctionDeclaration).asteriskToken) add('generator');
  }
  return found;
}

/**
 * TypeScript and module constructs that are not sandbox syntax questions: the bundler would turn
 * them into helper code that calls globals the sandbox lacks (Object.defineProperty for a
 * namespace object, an IIFE for an enum, CommonJS shims for require()).
 */
function sourceOnlyProblem(node: ts.Node): string | undefined {
  switch (node.kind) {
    case ts.SyntaxKind.EnumDeclaration:
      return isDeclared(node) ? undefined : '`enum` compiles to helper code; use a const object or a union of string literals';
    case ts.SyntaxKind.ModuleDeclaration:
      return isDeclared(node) ? undefined : '`namespace` compiles to helper code; use a module';
    case ts.SyntaxKind.Decorator:
      return 'decorators are not supported';
    case ts.SyntaxKind.NamespaceImport:
      // A namespace object that escapes makes esbuild emit an __export helper built on Object.
      return 'namespace imports (import * as x) are not supported; import the names you use';
    case ts.SyntaxKind.ImportEqualsDeclaration:
    case ts.SyntaxKind.ExportAssignment:
      return "use ES imports/exports (import x from 'api'; export function main)";
    case ts.SyntaxKind.CallExpression: {
      const call = node as ts.CallExpression;
      return ts.isIdentifier(call.expression) && call.expression.text === 'require' ? "never call require() in TypeScript; write import x from 'x'" : undefined;
    }
    default:
      return undefined;
  }
}

/** Node kinds whose subtree is not searched further once reported (or that hold only types). */
const STOP_AT = new Set<ts.SyntaxKind>([ts.SyntaxKind.EnumDeclaration, ts.SyntaxKind.ModuleDeclaration]);

function findBannedSyntax(sourceFile: ts.SourceFile): Finding[] {
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    let reportedWhole = false;
    for (const { node: at, id } of constructsAt(node)) {
      const construct: UnsupportedConstruct = UNSUPPORTED_CONSTRUCTS[id];
      if (construct.source !== 'banned') continue;
      findings.push({ node: at, message: sourceMessage(id) });
      if (at === node && REPORTED_WHOLE.has(node.kind)) reportedWhole = true;
    }
    const sourceOnly = sourceOnlyProblem(node);
    if (sourceOnly) findings.push({ node, message: sourceOnly });
    if (reportedWhole || STOP_AT.has(node.kind)) return;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

/** Banned constructs in the given (non-declaration) source files. */
export function checkSourceSyntax(sourceFiles: readonly ts.SourceFile[], templateId: string): BuildProblem[] {
  const problems: BuildProblem[] = [];
  for (const sourceFile of sourceFiles) {
    if (sourceFile.isDeclarationFile) continue;
    for (const finding of findBannedSyntax(sourceFile)) {
      const start = finding.node.getStart(sourceFile);
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
      problems.push({
        template: templateId,
        file: path.relative(process.cwd(), sourceFile.fileName),
        line: line + 1,
        column: character + 1,
        message: finding.message,
      });
    }
  }
  return problems;
}
