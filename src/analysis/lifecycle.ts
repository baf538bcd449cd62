/**
 * Lifecycle calls: `req.session.destroy/regenerate/save/reload(cb)` and whether
 * their error reaches a handler.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import type { TextEdit } from '../rule.js';
import type { ImportRef } from './imports.js';
import { functionOfRequest } from './handlers.js';
import { bareModules } from './imports.js';
import { LIBRARIES, PROMISE_SESSION_MODULES, packageName } from './libraries.js';
import { type Planned, type RemedyContext, planLifecycleRemedy } from './lifecycle-remedies.js';
import type { CodeStyle } from './style.js';
import { outermostWrapper, skipWrappers } from './syntax.js';
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
  /** The callee as one reads it: `req.session.destroy` (line breaks inside it dropped). */
  readonly name: string;
  readonly method: string;
  readonly callbackIndex: number;
  readonly callback: TS.Expression | undefined;
  readonly handling: ErrorHandling;
  /** The function whose parameter the request is (`(req, res, next) => ...`), for remedies. */
  readonly handler: TS.SignatureDeclaration | undefined;
  /**
   * Handling the error where the code's context sends it (the handler's `next`, a promise's
   * `reject`, an error response, an awaited promise; see lifecycle-remedies.ts), computed on
   * first read; undefined when no edit keeps the code's meaning.
   */
  readonly remedy: LifecycleRemedy | undefined;
  /** Why there is no remedy (a clause for the message), when there is none. */
  readonly noRemedy: string | undefined;
}

export interface LifecycleRemedy {
  /** What the remedy does with the error, for the message: "pass it to next(err)". */
  readonly how: string;
  readonly edits: readonly TextEdit[];
  /** How many statements after the call moved into the new callback (they must wait for the store). */
  readonly movedStatements?: number;
}

// Where each library takes the callback: express-session `regenerate(cb)`, @fastify/session
// `regenerate([ignoreFields], cb)`. A method keeps every index, so no library's shape hides another's.
const METHODS = new Map<string, number[]>();
for (const lib of LIBRARIES) {
  for (const [m, i] of Object.entries(lib.lifecycleMethods)) METHODS.set(m, [...new Set([...(METHODS.get(m) ?? []), i])].sort((a, b) => a - b));
}

export function findLifecycleCalls(sf: TS.SourceFile, ts: TSModule, checker: TS.TypeChecker, imports: readonly ImportRef[], style: () => CodeStyle): LifecycleCall[] {
  // Libraries whose session methods return promises or throw: such a file is not judged by callback rules.
  if (imports.some((i) => PROMISE_SESSION_MODULES.includes(packageName(i.module)))) return [];
  const out: LifecycleCall[] = [];
  let cx: RemedyContext | undefined;
  const context = () => (cx ??= { ts, checker, modules: bareModules(imports), style: style() });
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n)) {
      const c = asLifecycleCall(n, ts, checker, context);
      if (c) out.push(c);
    }
  };
  walk(ts, sf, visit);
  return out;
}

function asLifecycleCall(call: TS.CallExpression, ts: TSModule, checker: TS.TypeChecker, context: () => RemedyContext): LifecycleCall | undefined {
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
  const request = requestOf(obj, ts);
  const handler = request && functionOfRequest(request, ts, checker);
  let handling: ErrorHandling;
  if (!callback) handling = usedAsPromise(call, ts) ? 'promise' : 'no-callback';
  else handling = callbackHandles(callback, ts, checker) ? 'handled' : 'error-ignored';
  // `req.session\n  .destroy` reads as one name; `(req.session as any)` keeps its spaces.
  // (One pass over whitespace runs: `/\s*\n\s*/` backtracks quadratically on long runs of spaces.)
  const name = callee.getText(call.getSourceFile()).replace(/\s+/g, (ws) => (ws.includes('\n') ? '' : ' '));
  let planned: Planned | undefined;
  const plan = () => (planned ??= planLifecycleRemedy(lc, context()));
  const lc: LifecycleCall = {
    call,
    name,
    method,
    callbackIndex,
    callback,
    handling,
    handler,
    get remedy() {
      return plan().remedy;
    },
    get noRemedy() {
      return plan().why;
    },
  };
  return lc;
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

/** `await x`, `return x`, `x.then(...)`, `const p = x`: the caller treats the result as a promise. */
function usedAsPromise(call: TS.CallExpression, ts: TSModule): boolean {
  const n = outermostWrapper(call, ts);
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

/** `req` of `req.session`, `(req as any).session`, `req['session']`. */
function requestOf(sessionExpr: TS.Expression, ts: TSModule): TS.Identifier | undefined {
  if (!ts.isPropertyAccessExpression(sessionExpr) && !ts.isElementAccessExpression(sessionExpr)) return undefined;
  const base = skipWrappers(sessionExpr.expression, ts);
  return ts.isIdentifier(base) ? base : undefined;
}
