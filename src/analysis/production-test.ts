/**
 * The app's own test for "in production", for remedies that must keep plain-HTTP
 * development working (`secure: isProduction`, `proxy: isProduction`): the first such
 * suggestion follows the code, not a generic `process.env.NODE_ENV === 'production'`.
 *
 * Candidates are the file's conditions and names that the evaluator decides per world:
 * true in production and false in development (`const isProd = process.env.NODE_ENV ===
 * 'production'`, `app.get('env') === 'production'`, a config flag imported from another
 * module that resolves to NODE_ENV). Only a candidate that can be written at the place of
 * the edit is used: its root name is a global (`process`) or is declared in a scope around
 * the place (a `const`/`let`/`class` before it). Preference: a plain name (`isProduction`),
 * then a property chain (`config.isProd`), then a comparison (`app.get('env') === 'production'`);
 * in each, the first in the file. Without one, `process.env.NODE_ENV === 'production'`.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import { type CodeStyle, stringLiteral } from './style.js';
import { skipWrappers, symbolAt } from './syntax.js';
import type { World } from './values.js';
import { walk } from './walk.js';

const GLOBALS = new Set(['process']);
const PROD_NAME = /prod/i;
/** Candidates evaluated at most (the file's first ones, by preference). */
const MAX_CANDIDATES = 20;

/** The expression text that is true in production and false in development, usable at `at` (in `at`'s file). */
export function productionTest(at: TS.Node, ts: TSModule, checker: TS.TypeChecker, evaluator: (w: World) => Evaluator, style: CodeStyle): string {
  const sf = at.getSourceFile();
  const fallback = `process.env.NODE_ENV === ${stringLiteral('production', style)}`;
  const prod = evaluator('production');
  const dev = evaluator('development');
  for (const c of candidatesOf(sf, ts).filter((x) => usableAt(x.node, at, ts, checker)).slice(0, MAX_CANDIDATES)) {
    if (prod.truth(c.node) === true && dev.truth(c.node) === false) return c.text;
  }
  return fallback;
}

type Candidate = { readonly text: string; readonly rank: number; readonly node: TS.Expression };

/** A file's candidates, found in one walk and kept (a file with thousands of session calls asks for each). */
const candidatesByFile = new WeakMap<TS.SourceFile, readonly Candidate[]>();

function candidatesOf(sf: TS.SourceFile, ts: TSModule): readonly Candidate[] {
  const cached = candidatesByFile.get(sf);
  if (cached) return cached;
  const found: Candidate[] = [];
  const seen = new Set<string>();
  const consider = (e: TS.Expression, rank: number) => {
    const text = e.getText(sf).replace(/\s+/g, ' ');
    if (seen.has(text) || text.length > 80) return;
    seen.add(text);
    found.push({ text, rank, node: e });
  };
  walk(ts, sf, (n) => {
    // Names declared for it: `const isProd = ...`, `const { isProduction } = config`, an import (a name that says so:
    // evaluating every name of a file, across modules, would cost more than the remedy is worth).
    if ((ts.isVariableDeclaration(n) || ts.isBindingElement(n)) && ts.isIdentifier(n.name) && PROD_NAME.test(n.name.text)) consider(n.name, 0);
    else if ((ts.isImportSpecifier(n) || ts.isImportClause(n)) && n.name && PROD_NAME.test(n.name.text)) consider(n.name, 0);
    // Conditions the code already tests.
    const cond = ts.isIfStatement(n) ? n.expression : ts.isConditionalExpression(n) ? n.condition : ts.isBinaryExpression(n) && isLogical(n, ts) ? n.left : undefined;
    if (cond) {
      const c = skipWrappers(cond, ts);
      if (ts.isIdentifier(c)) consider(c, 0);
      else if (isChain(c, ts)) consider(c, 1);
      else if (ts.isBinaryExpression(c) && isEquality(c, ts) && /production/.test(c.getText(sf))) consider(c, 2);
    }
    return true;
  });
  found.sort((a, b) => a.rank - b.rank);
  candidatesByFile.set(sf, found);
  return found;
}

function isLogical(b: TS.BinaryExpression, ts: TSModule): boolean {
  const k = b.operatorToken.kind;
  return k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken;
}

function isEquality(b: TS.BinaryExpression, ts: TSModule): boolean {
  const k = b.operatorToken.kind;
  return k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken;
}

/** `a.b`, `a.b.c`: property accesses down to a name. */
function isChain(e: TS.Expression, ts: TSModule): boolean {
  let x: TS.Expression = e;
  if (!ts.isPropertyAccessExpression(x)) return false;
  while (ts.isPropertyAccessExpression(x)) x = x.expression;
  return ts.isIdentifier(x);
}

/** The leftmost name of an expression (`app` of `app.get('env') === 'production'`). */
function rootName(e: TS.Expression, ts: TSModule): TS.Identifier | undefined {
  let x: TS.Node = e;
  for (;;) {
    if (ts.isBinaryExpression(x)) x = x.left;
    else if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isCallExpression(x)) x = x.expression;
    else if (ts.isParenthesizedExpression(x)) x = x.expression;
    else break;
  }
  return ts.isIdentifier(x) ? x : undefined;
}

/** Whether the expression's names mean the same at `at`: a global, or declared around `at` (a let/const/class before it). */
function usableAt(e: TS.Expression, at: TS.Node, ts: TSModule, checker: TS.TypeChecker): boolean {
  const root = rootName(e, ts);
  if (!root) return false;
  // The candidates are declared names (a variable, a destructured binding, an import) and tested conditions' names:
  // never a shorthand property's name.
  const sym = symbolAt(checker, root);
  const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
  if (!decl) return GLOBALS.has(root.text);
  if (decl.getSourceFile() !== at.getSourceFile()) return false;
  // The declaration's scope must hold `at`.
  let scope: TS.Node | undefined = decl.parent;
  while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope) && !ts.isModuleBlock(scope)) scope = scope.parent;
  if (!scope || at.getStart() < scope.getStart() || at.getEnd() > scope.getEnd()) return false;
  // A let/const/class must come before the place (else the place runs in its temporal dead zone).
  const list = decl.parent && ts.isVariableDeclarationList(decl.parent) ? decl.parent : undefined;
  const blockScoped = (list && (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0) || ts.isClassDeclaration(decl) || ts.isBindingElement(decl);
  if (blockScoped && decl.getEnd() > at.getStart()) return false;
  // The name must not be declared again between `at` and the declaration's scope.
  for (let n: TS.Node | undefined = at.parent; n && n !== scope; n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === root.text)) return false;
  }
  return true;
}
