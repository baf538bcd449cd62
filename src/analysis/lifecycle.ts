/**
 * Lifecycle calls: `req.session.destroy/regenerate/save/reload(cb)` and whether
 * their error reaches a handler.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { LIBRARIES, PROMISE_SESSION_MODULES, packageName } from './libraries.js';
import { walk } from './walk.js';

export type ErrorHandling =
  /** No callback: the error is dropped (express-session passes it only to the callback). */
  | 'no-callback'
  /** A callback without an error parameter, or one that never reads it. */
  | 'error-ignored'
  /** The callback reads its error, or is a function that receives it (`next`). */
  | 'handled'
  /** Awaited, returned or chained: promise-style API, not ours to judge. */
  | 'promise';

export interface LifecycleCall {
  readonly call: TS.CallExpression;
  readonly method: string;
  readonly callbackIndex: number;
  readonly callback: TS.Expression | undefined;
  readonly handling: ErrorHandling;
  /** The enclosing function that receives the request (`(req, res, next) => ...`), for remedies. */
  readonly handler: TS.SignatureDeclaration | undefined;
}

// Where each library takes the callback: express-session `regenerate(cb)`, @fastify/session
// `regenerate([ignoreFields], cb)`. A method keeps every index, so no library's shape hides another's.
const METHODS = new Map<string, number[]>();
for (const lib of LIBRARIES) {
  for (const [m, i] of Object.entries(lib.lifecycleMethods)) METHODS.set(m, [...new Set([...(METHODS.get(m) ?? []), i])].sort((a, b) => a - b));
}

export function findLifecycleCalls(sf: TS.SourceFile, ts: TSModule, checker: TS.TypeChecker): LifecycleCall[] {
  if (importsPromiseSessionLibrary(sf, ts)) return [];
  const out: LifecycleCall[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n)) {
      const c = asLifecycleCall(n, ts, checker);
      if (c) out.push(c);
    }
  };
  walk(ts, sf, visit);
  return out;
}

function asLifecycleCall(call: TS.CallExpression, ts: TSModule, checker: TS.TypeChecker): LifecycleCall | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const indexes = METHODS.get(method);
  if (indexes === undefined) return undefined;
  const obj = skipWrappers(callee.expression, ts);
  const isSession =
    (ts.isPropertyAccessExpression(obj) && obj.name.text === 'session') ||
    (ts.isElementAccessExpression(obj) && ts.isStringLiteralLike(obj.argumentExpression) && obj.argumentExpression.text === 'session');
  if (!isSession || isLocalObject(obj, ts, checker)) return undefined;
  // The callback is the last argument when it sits where some library takes one; else it is missing.
  const n = call.arguments.length;
  const callbackIndex = indexes.includes(n - 1) ? n - 1 : (indexes.find((i) => i >= n) ?? indexes[indexes.length - 1]!);
  const callback = call.arguments[callbackIndex];
  const handler = enclosingHandler(call, rootName(obj, ts), ts);
  let handling: ErrorHandling;
  if (!callback) handling = usedAsPromise(call, ts) ? 'promise' : 'no-callback';
  else handling = callbackHandles(callback, ts, checker) ? 'handled' : 'error-ignored';
  return { call, method, callbackIndex, callback, handling, handler };
}

/** `cache.session.destroy()` where `const cache = { ... }`: an object written in the file, not a request. */
function isLocalObject(sessionExpr: TS.Expression, ts: TSModule, checker: TS.TypeChecker): boolean {
  if (!ts.isPropertyAccessExpression(sessionExpr) && !ts.isElementAccessExpression(sessionExpr)) return false;
  const base = skipWrappers(sessionExpr.expression, ts);
  if (!ts.isIdentifier(base)) return false;
  let decl: TS.Declaration | undefined;
  try {
    decl = checker.getSymbolAtLocation(base)?.valueDeclaration;
  } catch {
    return false;
  }
  return decl !== undefined && ts.isVariableDeclaration(decl) && decl.initializer !== undefined && ts.isObjectLiteralExpression(skipWrappers(decl.initializer, ts));
}

function skipWrappers(e: TS.Expression, ts: TSModule): TS.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** `await x`, `return x`, `x.then(...)`, `const p = x`: the caller treats the result as a promise. */
function usedAsPromise(call: TS.CallExpression, ts: TSModule): boolean {
  let n: TS.Node = call;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (ts.isAwaitExpression(p) || ts.isReturnStatement(p) || ts.isVariableDeclaration(p) || ts.isYieldExpression(p)) return true;
  if (ts.isPropertyAccessExpression(p) && ['then', 'catch', 'finally'].includes(p.name.text)) return true;
  if (ts.isCallExpression(p) && p.arguments.includes(n as TS.Expression)) return true; // Promise.all([...]), wrap(x)
  if (ts.isArrayLiteralExpression(p)) return true;
  return false;
}

function callbackHandles(cb: TS.Expression, ts: TSModule, checker: TS.TypeChecker): boolean {
  const fn = skipWrappers(cb, ts);
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return true; // `next`, a named handler, a bound function
  const param = fn.parameters[0];
  if (!param) return false;
  if (!ts.isIdentifier(param.name)) return true; // destructured: it reads something of it
  return isReferenced(param, fn.body, ts, checker);
}

function isReferenced(param: TS.ParameterDeclaration, body: TS.Node, ts: TSModule, checker: TS.TypeChecker): boolean {
  const name = (param.name as TS.Identifier).text;
  let sym: TS.Symbol | undefined;
  try {
    sym = checker.getSymbolAtLocation(param.name);
  } catch {
    sym = undefined;
  }
  let found = false;
  const visit = (n: TS.Node): boolean => {
    if (found) return false;
    if (ts.isIdentifier(n) && n.text === name && n !== param.name) {
      if (!sym) found = true;
      else {
        let s: TS.Symbol | undefined;
        try {
          s = ts.isShorthandPropertyAssignment(n.parent) ? checker.getShorthandAssignmentValueSymbol(n.parent) : checker.getSymbolAtLocation(n);
        } catch {
          s = undefined;
        }
        if (s === sym || s === undefined) found = true;
      }
      return false;
    }
    return true;
  };
  walk(ts, body, visit);
  return found;
}

/**
 * The nearest enclosing function with at least two parameters (`req, res[, next]`) whose
 * first parameter is the request the session hangs off (`req` of `req.session`): not a
 * promise executor `(resolve, reject) => ...` or an array callback in between.
 */
function enclosingHandler(node: TS.Node, request: string | undefined, ts: TSModule): TS.SignatureDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if ((ts.isFunctionExpression(p) || ts.isArrowFunction(p) || ts.isFunctionDeclaration(p) || ts.isMethodDeclaration(p)) && p.parameters.length >= 2) {
      const first = p.parameters[0]!.name;
      if (request === undefined || (ts.isIdentifier(first) && first.text === request)) return p;
    }
  }
  return undefined;
}

/** `req` of `req.session`, `(req as any).session`, `req['session']`. */
function rootName(sessionExpr: TS.Expression, ts: TSModule): string | undefined {
  if (!ts.isPropertyAccessExpression(sessionExpr) && !ts.isElementAccessExpression(sessionExpr)) return undefined;
  const base = skipWrappers(sessionExpr.expression, ts);
  return ts.isIdentifier(base) ? base.text : undefined;
}

function importsPromiseSessionLibrary(sf: TS.SourceFile, ts: TSModule): boolean {
  if (!PROMISE_SESSION_MODULES.some((m) => sf.text.includes(m))) return false;
  let found = false;
  const visit = (n: TS.Node): boolean => {
    if (found) return false;
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteralLike(n.moduleSpecifier)) {
      if (PROMISE_SESSION_MODULES.includes(packageName(n.moduleSpecifier.text))) found = true;
    } else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
      if (PROMISE_SESSION_MODULES.includes(packageName(n.arguments[0].text))) found = true;
    }
    return true;
  };
  walk(ts, sf, visit);
  return found;
}
