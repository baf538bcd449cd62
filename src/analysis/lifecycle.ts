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
import { LIBRARIES, type LibraryInfo, PROMISE_SESSION_MODULES, packageName } from './libraries.js';
import { type SessionRefKind, declarationOf, sessionRefOf } from './session-refs.js';
import { type UnawaitedPromiseCall, findUnawaitedPromiseCalls } from './promise-calls.js';
import { replaceNode } from './edits.js';
import { type Planned, type RemedyContext, planLifecycleRemedy } from './lifecycle-remedies.js';
import type { CodeStyle } from './style.js';
import { outermostWrapper, skipWrappers, symbolAt, valueSymbolOf } from './syntax.js';
import { walk } from './walk.js';

export type ErrorHandling =
  /** No callback: the error is dropped (express-session passes it only to the callback). */
  | 'no-callback'
  /** A callback without an error parameter, or one that never reads it. */
  | 'error-ignored'
  /** The callback reads its error, or is a function that receives it (`next`). */
  | 'handled'
  /** Returned, stored or passed on: promise-style API, not ours to judge. */
  | 'promise'
  /**
   * A method that returns a promise and takes no callback (iron-session's `save()`), called as a
   * statement: nothing waits on it, and a failure is an unhandled rejection.
   */
  | 'promise-not-awaited'
  /**
   * Awaited (or chained with `.then`) although the session's library returns no promise from the
   * method (express-session): the `await` waits for nothing and the error, passed only to a
   * callback, is lost even inside `try/catch`.
   */
  | 'awaited-no-promise';

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
  /** How the code reaches the session: `req.session`, a local alias, a helper's parameter (session-refs.ts). */
  readonly via: SessionRefKind;
  /** For `awaited-no-promise`: what says the method returns no promise (the library, or the method's declared type). */
  readonly noPromiseFrom: string | undefined;
  /** For `promise-not-awaited`: the library whose method returns the promise (or 'its declared type'). */
  readonly promiseFrom?: string;
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

/**
 * `appSessionModules`: the session modules of the file's app (read only for an awaited call whose
 * library the file's own imports and types do not tell).
 */
export function findLifecycleCalls(
  sf: TS.SourceFile,
  ts: TSModule,
  checker: TS.TypeChecker,
  imports: readonly ImportRef[],
  style: () => CodeStyle,
  appSessionModules: () => ReadonlySet<string> = () => new Set(),
  factoryLibrary: (call: TS.CallExpression) => LibraryInfo | undefined = () => undefined,
): LifecycleCall[] {
  const modules = bareModules(imports);
  // Libraries whose session methods return promises or throw: such a file is not judged by callback rules,
  // only for the promises of its library's promise methods that nothing waits on (promise-calls.ts).
  if (imports.some((i) => PROMISE_SESSION_MODULES.includes(packageName(i.module)))) {
    return findUnawaitedPromiseCalls(sf, ts, checker, modules, appSessionModules, factoryLibrary).map((p) => promiseCall(p, ts));
  }
  const out: LifecycleCall[] = [];
  let cx: RemedyContext | undefined;
  const context = () => (cx ??= { ts, checker, modules, style: style() });
  let libs: readonly LibraryInfo[] | undefined;
  // The session libraries (with lifecycle methods) the file loads, else its app's.
  const libraries = () => (libs ??= sessionLibraries(modules).length > 0 ? sessionLibraries(modules) : sessionLibraries(appSessionModules()));
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n)) {
      const c = asLifecycleCall(n, ts, checker, context, libraries);
      if (c) out.push(c);
    }
  };
  walk(ts, sf, visit);
  // Promise methods of a promise-style session (by its declared type, or the app's only session library):
  // a tRPC or Next.js context's iron-session. Their verdict replaces a callback-style reading of the same call.
  const promised = findUnawaitedPromiseCalls(sf, ts, checker, modules, appSessionModules, factoryLibrary);
  const calls = promised.length > 0 ? out.filter((c) => !promised.some((p) => p.call === c.call)) : out;
  // A file that loads no callback-style session library, in an app whose session libraries are known and none
  // is (iron-session, cookie-session, ...): its `X.session` is not one whose methods take callbacks.
  if (calls.length > 0 && sessionLibraries(modules).length === 0) {
    const app = appSessionModules();
    if (app.size > 0 && sessionLibraries(app).length === 0) return promised.map((p) => promiseCall(p, ts));
  }
  return [...calls, ...promised.map((p) => promiseCall(p, ts))].sort((a, b) => a.call.pos - b.call.pos);
}

/** A lifecycle call for a promise method that nothing awaits; its remedy awaits it, in an async function. */
function promiseCall(p: UnawaitedPromiseCall, ts: TSModule): LifecycleCall {
  const sf = p.call.getSourceFile();
  const name = p.call.expression.getText(sf).replace(/\s+/g, (ws) => (ws.includes('\n') ? '' : ' '));
  const inAsync = enclosingFunctionIsAsync(p.call, ts);
  return {
    call: p.call,
    name,
    method: p.method,
    callbackIndex: -1,
    callback: undefined,
    handling: 'promise-not-awaited',
    handler: undefined,
    via: 'direct',
    noPromiseFrom: undefined,
    promiseFrom: p.library,
    remedy: inAsync ? { how: 'await it, so that a failure rejects the promise of the function around it', edits: [replaceNode(p.call, `await ${p.call.getText(sf)}`)] } : undefined,
    noRemedy: inAsync ? undefined : 'the function around it is not async',
  };
}

function enclosingFunctionIsAsync(n: TS.Node, ts: TSModule): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return (ts.canHaveModifiers(p) ? ts.getModifiers(p) : undefined)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
  }
  return false;
}

function sessionLibraries(modules: ReadonlySet<string>): LibraryInfo[] {
  return LIBRARIES.filter((l) => Object.keys(l.lifecycleMethods).length > 0 && l.modules.some((m) => modules.has(m)));
}

function asLifecycleCall(
  call: TS.CallExpression,
  ts: TSModule,
  checker: TS.TypeChecker,
  context: () => RemedyContext,
  libraries: () => readonly LibraryInfo[],
): LifecycleCall | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const indexes = METHODS.get(method);
  if (indexes === undefined) return undefined;
  const obj = skipWrappers(callee.expression, ts);
  const ref = sessionRefOf(obj, ts, checker);
  if (!ref || (ref.kind === 'direct' && isLocalObject(obj, ts, checker))) return undefined;
  if (declaredWithoutCallback(call, indexes, ts, checker)) return undefined;
  // The callback is the last argument when it sits where some library takes one; else it is missing.
  const n = call.arguments.length;
  const callbackIndex = indexes.includes(n - 1) ? n - 1 : (indexes.find((i) => i >= n) ?? indexes[indexes.length - 1]!);
  const callback = call.arguments[callbackIndex];
  const request = ref.request && skipWrappers(ref.request, ts);
  // A helper's parameter: the request's handler is the helper's caller, whose names the helper cannot use.
  const handler = ref.kind !== 'parameter' && request && ts.isIdentifier(request) ? functionOfRequest(request, ts, checker) : undefined;
  let handling: ErrorHandling;
  let noPromiseFrom: string | undefined;
  if (!callback) {
    const use = usedAsPromise(call, ts);
    noPromiseFrom = use === 'awaited' ? returnsNoPromise(call, ts, checker, libraries) : undefined;
    handling = noPromiseFrom !== undefined ? 'awaited-no-promise' : use ? 'promise' : 'no-callback';
  } else handling = callbackHandles(callback, ts, checker) ? 'handled' : 'error-ignored';
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
    via: ref.kind,
    noPromiseFrom,
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
  // The object of `x.session`: an expression, never a shorthand property's name.
  const decl = symbolAt(checker, base)?.valueDeclaration;
  return decl !== undefined && ts.isVariableDeclaration(decl) && decl.initializer !== undefined && ts.isObjectLiteralExpression(skipWrappers(decl.initializer, ts));
}

/**
 * `await x` and `x.then(...)` (`awaited`: the code waits on the result); `return x`, `const p = x`,
 * `wrap(x)` (`true`: the caller treats the result as a promise, or something we do not follow).
 */
function usedAsPromise(call: TS.CallExpression, ts: TSModule): 'awaited' | boolean {
  const n = outermostWrapper(call, ts);
  const p = n.parent;
  if (ts.isAwaitExpression(p)) return 'awaited';
  if (ts.isPropertyAccessExpression(p) && ['then', 'catch', 'finally'].includes(p.name.text)) return 'awaited';
  if (ts.isReturnStatement(p) || ts.isVariableDeclaration(p) || ts.isYieldExpression(p)) return true;
  if (ts.isCallExpression(p) && p.arguments.includes(n as TS.Expression)) return true; // Promise.all([...]), wrap(x)
  if (ts.isArrayLiteralExpression(p)) return true;
  return false;
}

/**
 * The method's declared type takes no callback where any library takes one (iron-session's
 * `destroy(): void`, `save(): Promise<void>`): not a callback-style session, whatever its shape.
 */
function declaredWithoutCallback(call: TS.CallExpression, indexes: readonly number[], ts: TSModule, checker: TS.TypeChecker): boolean {
  try {
    const sig = checker.getResolvedSignature(call);
    const decl = sig?.getDeclaration();
    if (!sig || !decl || !ts.isFunctionLike(decl)) return false;
    const params = decl.parameters;
    if (params.some((p) => p.dotDotDotToken)) return false;
    return indexes.every((i) => i >= params.length);
  } catch {
    return false;
  }
}

/**
 * What says an awaited method returns no promise: its declared type when there are types (a
 * result with no `then`), else the session library of the file (or of its app) when every one
 * there returns nothing from it. Undefined when neither tells (no finding).
 */
function returnsNoPromise(call: TS.CallExpression, ts: TSModule, checker: TS.TypeChecker, libraries: () => readonly LibraryInfo[]): string | undefined {
  let typed: 'promise' | 'nothing' | undefined;
  try {
    const sig = checker.getResolvedSignature(call);
    const decl = sig?.getDeclaration();
    if (sig && decl) {
      const t = checker.getReturnTypeOfSignature(sig);
      const unknown = ts.TypeFlags.Any | ts.TypeFlags.Unknown;
      if (!(t.flags & unknown)) typed = checker.getPropertyOfType(t, 'then') || t.isUnion() ? 'promise' : 'nothing';
    }
  } catch {
    typed = undefined;
  }
  if (typed === 'promise') return undefined;
  const libs = libraries();
  const fromLibrary = libs.length > 0 && libs.every((l) => l.lifecycleResult === 'nothing') ? libs.map((l) => l.displayName).join(' and ') : undefined;
  if (typed === 'nothing') return fromLibrary ?? 'its declared type';
  return fromLibrary;
}

/**
 * Whether a callback reads its error: a function written in place, or one declared elsewhere in
 * the file (`function done(err) {...}`, `const done = () => ...`); a parameter (`next`, `cb`), an
 * import or anything else the code does not show is taken to handle it.
 */
function callbackHandles(cb: TS.Expression, ts: TSModule, checker: TS.TypeChecker): boolean {
  let fn = skipWrappers(cb, ts);
  if (ts.isIdentifier(fn)) fn = (declaredFunction(fn, ts, checker) as TS.Expression | undefined) ?? fn;
  if (ts.isFunctionDeclaration(fn)) return fn.body === undefined || functionReadsError(fn, ts, checker);
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return true; // `next`, a bound function, a property
  return functionReadsError(fn, ts, checker);
}

/** The function a name is bound to in the file: a function declaration, or a `const` initialized with a function. */
function declaredFunction(id: TS.Identifier, ts: TSModule, checker: TS.TypeChecker): TS.FunctionDeclaration | TS.FunctionExpression | TS.ArrowFunction | undefined {
  const decl = declarationOf(id, ts, checker);
  if (!decl) return undefined;
  if (ts.isFunctionDeclaration(decl)) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) {
    const init = skipWrappers(decl.initializer, ts);
    if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) return init;
  }
  return undefined;
}

function functionReadsError(fn: TS.FunctionLikeDeclaration, ts: TSModule, checker: TS.TypeChecker): boolean {
  const param = fn.parameters[0];
  if (!param) return false;
  if (!ts.isIdentifier(param.name)) return true; // destructured: it reads something of it
  return isReferenced(param, fn.body!, ts, checker);
}

function isReferenced(param: TS.ParameterDeclaration, body: TS.Node, ts: TSModule, checker: TS.TypeChecker): boolean {
  const name = (param.name as TS.Identifier).text;
  // A parameter's own name (a declaration): its symbol. The references below may be shorthand (`{ next }`): valueSymbolOf.
  const sym = symbolAt(checker, param.name);
  let found = false;
  const visit = (n: TS.Node): boolean => {
    if (found) return false;
    if (ts.isIdentifier(n) && n.text === name && n !== param.name) {
      if (!sym) found = true;
      else {
        const s = valueSymbolOf(n, ts, checker);
        if (s === sym || s === undefined) found = true;
      }
      return false;
    }
    return true;
  };
  walk(ts, body, visit);
  return found;
}
