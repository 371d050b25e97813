// Source-level syntax gate: walks the TypeScript AST of every file a template bundles and reports
// constructs GTM's sandbox does not run, at the author's file and line. esbuild would otherwise
// lower some of them silently (template literals to .concat(), `?.`/`??` to temporaries with
// `void 0`, `**` to Math.pow, enums to IIFEs); the post-build check of the generated code remains
// the final gate.

import * as path from 'path';
import * as ts from 'typescript';
import type { BuildProblem } from './errors';

interface Finding {
  node: ts.Node;
  message: string;
}

const BANNED_BINARY_OPERATORS = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.QuestionQuestionToken, '`??` is not supported by the sandbox; write an explicit check'],
  [ts.SyntaxKind.QuestionQuestionEqualsToken, '`??=` is not supported by the sandbox'],
  [ts.SyntaxKind.BarBarEqualsToken, '`||=` is not supported by the sandbox'],
  [ts.SyntaxKind.AmpersandAmpersandEqualsToken, '`&&=` is not supported by the sandbox'],
  [ts.SyntaxKind.AsteriskAsteriskToken, '`**` is not supported by the sandbox; use Math.pow (import Math from \'Math\')'],
  [ts.SyntaxKind.AsteriskAsteriskEqualsToken, '`**=` is not supported by the sandbox'],
  [ts.SyntaxKind.InKeyword, '`in` is not supported by the sandbox; use obj.hasOwnProperty(key)'],
  [ts.SyntaxKind.InstanceOfKeyword, '`instanceof` is not supported by the sandbox; use getType'],
  [ts.SyntaxKind.CommaToken, 'comma sequences are not supported by the sandbox; write separate statements'],
]);

function isInsideForIncrementor(node: ts.Node): boolean {
  const parent = node.parent;
  return !!parent && ts.isForStatement(parent) && (parent.initializer === node || parent.incrementor === node);
}

function findBannedSyntax(sourceFile: ts.SourceFile): Finding[] {
  const findings: Finding[] = [];
  const report = (node: ts.Node, message: string) => findings.push({ node, message });

  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.TemplateExpression:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        if (!(node.parent && ts.isLiteralTypeNode(node.parent))) {
          report(node, "template literals are not supported by the sandbox; use 'a' + b");
        }
        break;
      case ts.SyntaxKind.TaggedTemplateExpression:
        report(node, 'tagged templates are not supported by the sandbox');
        return;
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
        report(node, '`class` is not supported by the sandbox; use object literals and functions');
        return;
      case ts.SyntaxKind.NewExpression:
        report(node, '`new` is not supported by the sandbox');
        break;
      case ts.SyntaxKind.ThisKeyword:
        report(node, '`this` is not available in the sandbox');
        break;
      case ts.SyntaxKind.ObjectBindingPattern:
      case ts.SyntaxKind.ArrayBindingPattern:
        report(node, 'destructuring is not supported by the sandbox; read properties one by one');
        return;
      case ts.SyntaxKind.SpreadElement:
      case ts.SyntaxKind.SpreadAssignment:
        report(node, 'spread (`...`) is not supported by the sandbox; use concat or copy keys explicitly');
        break;
      case ts.SyntaxKind.Parameter: {
        const parameter = node as ts.ParameterDeclaration;
        if (parameter.dotDotDotToken) report(node, 'rest parameters are not supported by the sandbox; use `arguments`');
        if (parameter.initializer) report(node, 'default parameters are not supported by the sandbox; check for undefined');
        break;
      }
      case ts.SyntaxKind.TryStatement:
        report(node, '`try`/`catch` is not supported by the sandbox');
        break;
      case ts.SyntaxKind.ThrowStatement:
        report(node, '`throw` is not supported by the sandbox; return an error value');
        break;
      case ts.SyntaxKind.RegularExpressionLiteral:
        report(node, "regex literals are not supported by the sandbox; use a string pattern ('^a+$') or createRegex");
        break;
      case ts.SyntaxKind.AwaitExpression:
        report(node, '`await` is not supported by the sandbox; use .then');
        break;
      case ts.SyntaxKind.YieldExpression:
        report(node, 'generators are not supported by the sandbox');
        break;
      case ts.SyntaxKind.DeleteExpression:
        report(node, "`delete` is not supported by the sandbox; use Object.delete (import Object from 'Object')");
        break;
      case ts.SyntaxKind.VoidExpression:
        report(node, '`void` is not supported by the sandbox; use `undefined`');
        break;
      case ts.SyntaxKind.GetAccessor:
      case ts.SyntaxKind.SetAccessor:
        report(node, 'getters and setters are not supported by the sandbox');
        return;
      case ts.SyntaxKind.MethodDeclaration:
        report(node, 'object methods (`f() {}`) are not supported by the sandbox; write `f: function () {}` or an arrow');
        break;
      case ts.SyntaxKind.ComputedPropertyName:
        report(node, "computed keys are not supported by the sandbox; assign with obj[key] = value");
        break;
      case ts.SyntaxKind.EnumDeclaration:
        if (!ts.getModifiers(node as ts.EnumDeclaration)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
          report(node, '`enum` compiles to helper code; use a const object or a union of string literals');
        }
        return;
      case ts.SyntaxKind.ModuleDeclaration:
        if (!ts.getModifiers(node as ts.ModuleDeclaration)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
          report(node, '`namespace` compiles to helper code; use a module');
        }
        return;
      case ts.SyntaxKind.LabeledStatement:
        report(node, 'labels are not supported by the sandbox');
        break;
      case ts.SyntaxKind.DoStatement:
        report(node, '`do...while` is not supported by the sandbox; use while');
        break;
      case ts.SyntaxKind.WithStatement:
      case ts.SyntaxKind.DebuggerStatement:
        report(node, 'not supported by the sandbox');
        break;
      case ts.SyntaxKind.BigIntLiteral:
        report(node, 'BigInt is not supported by the sandbox');
        break;
      case ts.SyntaxKind.Decorator:
        report(node, 'decorators are not supported');
        break;
      case ts.SyntaxKind.NamespaceImport:
        // A namespace object that escapes makes esbuild emit an __export helper built on Object.
        report(node, "namespace imports (import * as x) are not supported; import the names you use");
        break;
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.ExportAssignment:
        report(node, "use ES imports/exports (import x from 'api'; export function main)");
        break;
      case ts.SyntaxKind.ForOfStatement:
        if ((node as ts.ForOfStatement).awaitModifier) report(node, '`for await` is not supported by the sandbox');
        break;
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.ElementAccessExpression:
      case ts.SyntaxKind.CallExpression: {
        const chain = node as ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression;
        if (chain.questionDotToken) report(node, 'optional chaining `?.` is not supported by the sandbox; write an explicit check');
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') {
          report(node, "never call require() in TypeScript; write import x from 'x'");
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          report(node, 'dynamic import() is not supported');
        }
        break;
      }
      case ts.SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        const message = BANNED_BINARY_OPERATORS.get(binary.operatorToken.kind);
        if (message && !(binary.operatorToken.kind === ts.SyntaxKind.CommaToken && isInsideForIncrementor(node))) {
          report(binary.operatorToken, message);
        }
        if (
          binary.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          (ts.isObjectLiteralExpression(binary.left) || ts.isArrayLiteralExpression(binary.left))
        ) {
          report(binary.left, 'destructuring assignment is not supported by the sandbox');
        }
        break;
      }
      default:
        break;
    }
    if (ts.isFunctionLike(node)) {
      const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
      if (modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
        report(node, '`async` functions are not supported by the sandbox; use promise .then');
      }
      if ((node as ts.FunctionDeclaration).asteriskToken) report(node, 'generators are not supported by the sandbox');
    }
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
