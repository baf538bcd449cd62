/**
 * Small syntactic helpers the engine's model modules share: one definition of the
 * TypeScript wrappers that do not change a value at run time, and of the module
 * loads (`require(...)`, `import(...)`). No recursion: climbing and descending are loops.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';

/** `(x)`, `x as T`, `x satisfies T`, `x!`, `<T>x`: the same value as `x` at run time. */
export function isWrapper(n: TS.Node, ts: TSModule): n is TS.ParenthesizedExpression | TS.AsExpression | TS.SatisfiesExpression | TS.NonNullExpression | TS.TypeAssertion {
  return ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n) || ts.isTypeAssertionExpression(n);
}

/** The expression inside any wrappers (`x` in `((x as any)!)`). */
export function skipWrappers(e: TS.Expression, ts: TSModule): TS.Expression {
  while (isWrapper(e, ts)) e = e.expression;
  return e;
}

/** The outermost wrapper around a node (the node itself when it is not wrapped). */
export function outermostWrapper(n: TS.Node, ts: TSModule): TS.Node {
  while (n.parent && isWrapper(n.parent, ts)) n = n.parent;
  return n;
}

/** `require(x)` or `import(x)` with one argument. */
export function isModuleLoad(n: TS.Node, ts: TSModule): n is TS.CallExpression {
  return ts.isCallExpression(n) && n.arguments.length === 1 && ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword);
}

/** 1-based line of a node in its file. */
export function lineNumber(node: TS.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** Whether `text` mentions `name` as a whole word (not inside a longer name): a plain scan, no regular expression. */
export function mentionsName(text: string, name: string): boolean {
  const isPart = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
    if (!isPart(text[i - 1]) && !isPart(text[i + name.length])) return true;
  }
  return false;
}

/**
 * The symbol of the value an identifier names (in `{ x }` the variable `x`, not the property),
 * or undefined when the checker cannot say (a checker may throw on a node of a file it did not bind).
 */
export function valueSymbolOf(id: TS.Identifier, ts: TSModule, checker: TS.TypeChecker): TS.Symbol | undefined {
  if (!ts.isShorthandPropertyAssignment(id.parent)) return symbolAt(checker, id);
  try {
    return checker.getShorthandAssignmentValueSymbol(id.parent);
  } catch {
    return undefined;
  }
}

/**
 * The checker's symbol at a node, exactly as `getSymbolAtLocation` answers it (on the name of
 * a shorthand property, `{ x }`, that is the property's symbol: `valueSymbolOf` gives the
 * variable's), or undefined when the checker throws (it may on a node of a file it did not
 * bind). `checker` may be given as a function, called inside the same guard (an evaluator's
 * `checkerOf`).
 */
export function symbolAt(checker: TS.TypeChecker | (() => TS.TypeChecker), node: TS.Node): TS.Symbol | undefined {
  try {
    return (typeof checker === 'function' ? checker() : checker).getSymbolAtLocation(node);
  } catch {
    return undefined;
  }
}
