/**
 * Logins through a library that does not renew the session itself in the app's version:
 * passport before 0.6.0 keeps the session (and its ID) on `req.login(user, cb)` /
 * `req.logIn` and on `passport.authenticate(...)` with sessions on, so an ID planted before
 * login becomes the logged-in session (session fixation, CVE-2022-25896). Computed only when
 * the app's passport is certainly older than the version that regenerates (the libraries
 * table's `PASSPORT.regeneratesSince`); an unknown version keeps the current behaviour (no
 * finding). A login that the handler regenerates before (any name with "regenerate" earlier
 * in the function, as logins.ts reads it) or that turns sessions off is not reported, nor a
 * `passport.authenticate` given a custom callback (passport then logs no one in; a `req.logIn`
 * in the callback is the login), nor a `req.login(req.user)` that logs in again whoever is logged in.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import { PASSPORT } from './libraries.js';
import { type PackageVersion, isBefore } from './package-versions.js';
import { skipWrappers } from './syntax.js';
import { walk } from './walk.js';

export interface LibraryLogin {
  /** The login call's callee (`req.login`, `passport.authenticate`), where it is reported. */
  readonly node: TS.Node;
  readonly call: TS.CallExpression;
  /** The library, its version in the app (with where that was read) and the version that renews the session. */
  readonly library: string;
  readonly version: PackageVersion;
  readonly renewsSince: string;
  readonly advisory: string;
}

/** `{ session: false }` among a call's arguments. */
function sessionOff(call: TS.CallExpression, ts: TSModule): boolean {
  return call.arguments.some(
    (a) =>
      ts.isObjectLiteralExpression(a) &&
      a.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === PASSPORT.sessionOption && p.initializer.kind === ts.SyntaxKind.FalseKeyword),
  );
}

/** A function argument: a function written there, `fn.bind(...)`, or a name whose every value is a function. */
function isCallback(a: TS.Expression, ev: Evaluator, ts: TSModule): boolean {
  if (ts.isFunctionExpression(a) || ts.isArrowFunction(a)) return true;
  if (ts.isCallExpression(a) && ts.isPropertyAccessExpression(a.expression) && a.expression.name.text === 'bind') return true;
  if (!ts.isIdentifier(a)) return false;
  const values = ev.evaluate(a);
  return values.length > 0 && values.every((v) => v.kind === 'function');
}

/** The function around `at` whose first parameter `name` is, when it takes two or more (a handler and its `req`). */
function handlerOfRequest(name: TS.Identifier, at: TS.Node, ts: TSModule): TS.FunctionLikeDeclaration | undefined {
  for (let fn = enclosingFunction(at, ts); fn; fn = enclosingFunction(fn, ts)) {
    if (fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name.text)) {
      const first = fn.parameters[0]!.name;
      return ts.isIdentifier(first) && first.text === name.text && fn.parameters.length >= 2 ? fn : undefined;
    }
  }
  return undefined;
}

function enclosingFunction(n: TS.Node, ts: TSModule): TS.FunctionLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && (p as TS.FunctionLikeDeclaration).body) return p as TS.FunctionLikeDeclaration;
  return undefined;
}

/** The function regenerates the session before `at` (a call or helper whose name holds "regenerate"). */
function regeneratedBefore(fn: TS.FunctionLikeDeclaration, at: TS.Node, ts: TSModule): boolean {
  const sf = at.getSourceFile();
  const limit = at.getStart(sf);
  let found = false;
  walk(ts, fn.body!, (n) => {
    if (found || n.getStart(sf) >= limit) return false;
    if (ts.isIdentifier(n) && /regenerate/i.test(n.text)) found = true;
    return !found;
  });
  return found;
}

/** `req.user` (of the request named `req`), through wrappers. */
function isCurrentUser(e: TS.Expression, req: string, ts: TSModule): boolean {
  const x = skipWrappers(e, ts);
  return ts.isPropertyAccessExpression(x) && x.name.text === PASSPORT.userProperty && ts.isIdentifier(x.expression) && x.expression.text === req;
}

/** Calls that return the object they are given first, updated (`Object.assign(user, ...)`, lodash `_.extend(user, ...)`). */
const RETURNS_TARGET = new Set(['assign', 'assignIn', 'extend', 'merge', 'defaults']);

/** `name = Object.assign(name, ...)` / `name = _.extend(name, ...)`: the same object, updated. */
function updatesInPlace(e: TS.Expression, name: string, ts: TSModule): boolean {
  const call = skipWrappers(e, ts);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || !RETURNS_TARGET.has(call.expression.name.text)) return false;
  const first = call.arguments[0] && skipWrappers(call.arguments[0], ts);
  return first !== undefined && ts.isIdentifier(first) && first.text === name;
}

/**
 * `req.login(user)` where `user` is the request's current user (`req.user`, or a name the handler binds to it and
 * never assigns again): a re-login of whoever is logged in already, as apps do after a profile change to refresh
 * `req.user`. The session already holds that identity, so there is nothing to fixate.
 */
function reLogin(call: TS.CallExpression, req: string, handler: TS.FunctionLikeDeclaration, ts: TSModule): boolean {
  const arg = call.arguments[0];
  if (!arg) return false;
  if (isCurrentUser(arg, req, ts)) return true;
  const id = skipWrappers(arg, ts);
  if (!ts.isIdentifier(id)) return false;
  let bound = false;
  let reassigned = false;
  walk(ts, handler.body!, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === id.text) {
      if (n.initializer && isCurrentUser(n.initializer, req, ts) && !bound) bound = true;
      else reassigned = true;
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = skipWrappers(n.left, ts);
      if (ts.isIdentifier(left) && left.text === id.text && !(n.operatorToken.kind === ts.SyntaxKind.EqualsToken && updatesInPlace(n.right, id.text, ts))) reassigned = true;
    } else if (ts.isParameter(n) && ts.isIdentifier(n.name) && n.name.text === id.text) reassigned = true; // shadowed
    return !reassigned;
  });
  return bound && !reassigned;
}

export function findLibraryLogins(sf: TS.SourceFile, ts: TSModule, ev: Evaluator, passport: PackageVersion | undefined): LibraryLogin[] {
  if (isBefore(passport, PASSPORT.regeneratesSince) !== true) return [];
  const out: LibraryLogin[] = [];
  walk(ts, sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return true;
    const callee = n.expression;
    const method = callee.name.text;
    let login = false;
    let handler: TS.FunctionLikeDeclaration | undefined;
    if (PASSPORT.loginMethods.includes(method)) {
      // `req.login(user, cb)`: the object is the request a handler receives (its first parameter), also from inside a
      // callback the handler passes on (`passport.authenticate('local', (err, user) => req.logIn(user, ...))(req, res, next)`).
      handler = ts.isIdentifier(callee.expression) ? handlerOfRequest(callee.expression, n, ts) : undefined;
      login = handler !== undefined && !reLogin(n, (callee.expression as TS.Identifier).text, handler, ts);
    } else if (method === PASSPORT.authenticate) {
      // With a custom callback passport logs no one in: "the custom callback is responsible for establishing a
      // session (by calling req.login())" (passport docs, Custom Callback; lib/middleware/authenticate.js returns
      // `callback(null, user, info)` before `req.logIn`). The callback's own `req.logIn` is then the login.
      login = ev.evaluate(callee.expression).some((v) => v.kind === 'module' && v.module === PASSPORT.module && v.path.length === 0) && !n.arguments.slice(1).some((a) => isCallback(a, ev, ts));
    }
    if (!login || sessionOff(n, ts)) return true;
    // regenerated earlier in the handler (`req.session.regenerate(() => req.login(...))`) or in the callback
    const fn = handler ?? enclosingFunction(n, ts);
    if (fn && regeneratedBefore(fn, n, ts)) return true;
    out.push({ node: callee, call: n, library: PASSPORT.module, version: passport!, renewsSince: PASSPORT.regeneratesSince, advisory: PASSPORT.advisory });
    return true;
  });
  return out;
}
