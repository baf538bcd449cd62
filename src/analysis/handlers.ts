/**
 * Request handlers, for remedies: the function a session expression's request comes
 * from, and what that function is known to be. A remedy may call the framework's `next`
 * only when the function really is a middleware or route handler of a framework that
 * passes one; it may answer the request only through a response the function receives.
 *
 * How far this follows (docs/fixes.md, "Where an error goes"):
 * - *Registered*: the function, or a name bound to it in the same file (a function
 *   declaration, `const f = ...`), is an argument of `X.use(...)`, `X.METHOD(path, ...)`
 *   (get, post, put, patch, delete, del, options, head, all) or `X.route(path).METHOD(...)`,
 *   directly, in an array argument, or wrapped once (`asyncHandler(fn)`). Other files are
 *   not followed: a handler registered elsewhere is only *exported*.
 * - *Exported*: `export function f`, `export default`, `export const f = ...`, `export { f }`,
 *   `module.exports = f`, `module.exports = { f }`, `exports.f = ...`, `module.exports.f = ...`.
 * - The framework comes from the file's imports: express, router, connect (they pass
 *   `next(err)` to route handlers) or fastify (route handlers get `(request, reply)` only).
 *   A registered handler in a file that imports neither is fastify's when its second
 *   parameter is `reply` (fastify's convention), else express's.
 *
 * The third parameter is the framework's `next` when it is a plain name (no default value,
 * no rest, not optional) and the function is registered with a framework that is not
 * fastify, or is exported and calls it `next`, or calls it `next` and calls it itself (a
 * middleware a framework registers from a table: `{ middleware(req, res, next) {...} }`). `next` is added as a third parameter only
 * to a registered express handler with exactly two. Another API's callback (bcrypt's
 * `(error, isMatch) => ...`) is never a handler: its first parameter is not the request.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { skipWrappers, symbolAt, valueSymbolOf } from './syntax.js';
import { someNode, walk } from './walk.js';

export type Framework = 'express' | 'fastify';

export interface RequestHandler {
  readonly fn: TS.SignatureDeclaration;
  /** Passed to a route or middleware registration in this file. */
  readonly registered: boolean;
  /** Exported from its module. */
  readonly exported: boolean;
  /** The framework, from the file's imports (undefined: none or both). */
  readonly framework: Framework | undefined;
  /** The name of the framework's `next` among the parameters, when there is one. */
  readonly next: string | undefined;
  /** Whether `next` may be added as the third parameter (a registered express handler with two). */
  readonly canAddNext: boolean;
  /**
   * The response parameter (`res`, `reply`), a plain name: the second parameter of a registered
   * handler, or of an exported one whose own code calls a response method on it (`res.redirect()`).
   */
  readonly response: string | undefined;
}

/** Modules whose route handlers receive `next` and take an error through it. */
const NEXT_FRAMEWORKS = ['express', 'router', 'connect', 'express-promise-router'];
const FASTIFY = ['fastify', 'fastify-plugin'];
const ROUTE_METHODS = new Set(['use', 'get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);

function frameworkOf(modules: ReadonlySet<string>): Framework | undefined {
  const express = NEXT_FRAMEWORKS.some((m) => modules.has(m)) || modules.has('express-session');
  const fastify = FASTIFY.some((m) => modules.has(m)) || [...modules].some((m) => m.startsWith('@fastify/'));
  return express === fastify ? undefined : express ? 'express' : 'fastify';
}

/**
 * The function whose parameter `request` is (by the checker's symbol; by name, the nearest
 * enclosing function whose first parameter it is, when the checker does not know it).
 */
export function functionOfRequest(request: TS.Identifier, ts: TSModule, checker: TS.TypeChecker): TS.SignatureDeclaration | undefined {
  // The request where a session is read off it (`req` of `req.session`): an expression, never a shorthand property's name.
  const sym = symbolAt(checker, request);
  const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
  if (decl) return ts.isParameter(decl) && ts.isFunctionLike(decl.parent) && decl.parent.parameters[0] === decl ? decl.parent : undefined;
  for (let p: TS.Node | undefined = request.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) {
      const first = p.parameters[0];
      if (first && ts.isIdentifier(first.name) && first.name.text === request.text) return p;
    }
  }
  return undefined;
}

const cache = new WeakMap<TS.SignatureDeclaration, RequestHandler>();

/** What a function that receives a request is, for remedies (computed once per function). */
export function requestHandler(fn: TS.SignatureDeclaration, ts: TSModule, checker: TS.TypeChecker, modules: ReadonlySet<string>): RequestHandler {
  let h = cache.get(fn);
  if (!h) {
    h = describeHandler(fn, ts, checker, modules);
    cache.set(fn, h);
  }
  return h;
}

function describeHandler(fn: TS.SignatureDeclaration, ts: TSModule, checker: TS.TypeChecker, modules: ReadonlySet<string>): RequestHandler {
  const names = boundNames(fn, ts);
  const registered = isRegistered(fn, names, ts, checker);
  const exported = isExported(fn, names, ts, checker);
  const params = fn.parameters;
  const plain = (p: TS.ParameterDeclaration | undefined): string | undefined =>
    p && ts.isIdentifier(p.name) && !p.dotDotDotToken && !p.initializer && !p.questionToken ? p.name.text : undefined;
  const second = plain(params[1]);
  // Without a framework import, a registered handler is fastify's when it names its response `reply` (fastify's
  // own convention), else express's (`(req, res)`).
  const framework = frameworkOf(modules) ?? (registered ? (second === 'reply' ? 'fastify' : 'express') : undefined);
  const third = plain(params[2]);
  // Registered elsewhere (a framework's middleware table, `{ middleware(req, res, next) {...} }`): the function's own
  // call of its third parameter `next` says it is the continuation, which takes an error first as every `next` does.
  const continues = third === 'next' && callsName(fn, third, ts);
  const next = third !== undefined && ((registered && framework !== 'fastify') || (exported && third === 'next') || continues) ? third : undefined;
  const canAddNext =
    registered && framework === 'express' && params.length === 2 && second !== undefined && !params.some((p) => ts.isIdentifier(p.name) && p.name.text === 'next');
  // The second parameter answers the request when the function is registered, or when its own code uses it so.
  const response = second !== undefined && (registered || (exported && answersThrough(fn, second, ts))) ? second : undefined;
  return { fn, registered, exported, framework, next, canAddNext, response };
}

/** Whether the function's body calls `name(...)`. */
function callsName(fn: TS.SignatureDeclaration, name: string, ts: TSModule): boolean {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  return body !== undefined && someNode(ts, body, (n) => ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name);
}

/** Methods of a response object (express's `res`, Node's `ServerResponse`, fastify's `reply`). */
const RESPONSE_METHODS = new Set(['status', 'sendStatus', 'redirect', 'render', 'json', 'send', 'end', 'setHeader', 'cookie', 'clearCookie', 'code', 'header', 'writeHead']);

/** Whether the function's body calls a response method on `name` (`res.redirect('/')`). */
function answersThrough(fn: TS.SignatureDeclaration, name: string, ts: TSModule): boolean {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  return (
    body !== undefined &&
    someNode(ts, body, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !RESPONSE_METHODS.has(n.expression.name.text)) return false;
      let recv = n.expression.expression;
      // `res.status(500).send()`: the chain starts at the name.
      while (ts.isCallExpression(recv) && ts.isPropertyAccessExpression(recv.expression)) recv = recv.expression.expression;
      return ts.isIdentifier(recv) && recv.text === name;
    })
  );
}

/** The names a function is bound to in its file: its own name, `const f = fn`, `exports.f = fn`. */
function boundNames(fn: TS.SignatureDeclaration, ts: TSModule): TS.Identifier[] {
  const out: TS.Identifier[] = [];
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) out.push(fn.name);
  let outer: TS.Node = fn;
  while (outer.parent && (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isSatisfiesExpression(outer.parent))) outer = outer.parent;
  const parent = outer.parent;
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === outer && ts.isIdentifier(parent.name)) out.push(parent.name);
  return out;
}

/** Whether a call registers routes or middleware: `X.use(...)`, `X.post('/p', ...)`, `X.route('/p').get(...)`. */
function isRegistration(call: TS.CallExpression, ts: TSModule): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ROUTE_METHODS.has(callee.name.text);
}

/** The function (or one of its names) is an argument of a registration, directly, in an array, or wrapped once. */
function isRegistered(fn: TS.SignatureDeclaration, names: readonly TS.Identifier[], ts: TSModule, checker: TS.TypeChecker): boolean {
  const asArgument = (n: TS.Node): boolean => {
    let e: TS.Node = n;
    while (e.parent && (ts.isParenthesizedExpression(e.parent) || ts.isAsExpression(e.parent) || ts.isSatisfiesExpression(e.parent))) e = e.parent;
    let p = e.parent;
    if (p && ts.isArrayLiteralExpression(p)) {
      e = p;
      p = p.parent;
    }
    if (!p || !ts.isCallExpression(p) || !p.arguments.includes(e as TS.Expression)) return false;
    if (isRegistration(p, ts)) return true;
    // One wrapper: `router.post('/x', asyncHandler(fn))`.
    const outer = p.parent;
    return outer !== undefined && ts.isCallExpression(outer) && outer.arguments.includes(p) && isRegistration(outer, ts);
  };
  if (asArgument(fn)) return true;
  return references(fn, names, ts, checker).some(asArgument);
}

function isExported(fn: TS.SignatureDeclaration, names: readonly TS.Identifier[], ts: TSModule, checker: TS.TypeChecker): boolean {
  const hasExport = (n: TS.Node) => (ts.canHaveModifiers(n) ? ts.getModifiers(n) : undefined)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
  if (ts.isFunctionDeclaration(fn) && hasExport(fn)) return true;
  let outer: TS.Node = fn;
  while (outer.parent && (ts.isParenthesizedExpression(outer.parent) || ts.isAsExpression(outer.parent) || ts.isSatisfiesExpression(outer.parent))) outer = outer.parent;
  const exportedAt = (n: TS.Node): boolean => {
    const p = n.parent;
    if (!p) return false;
    if (ts.isExportAssignment(p)) return true; // export default fn
    if (ts.isExportSpecifier(p)) return true; // export { fn }
    if (ts.isVariableDeclaration(p) && p.initializer === n) return hasExport(p.parent.parent); // export const f = fn
    // module.exports = fn, exports.f = fn, module.exports.f = fn
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return isExportsTarget(p.left, ts);
    // module.exports = { fn } / { f: fn }
    if ((ts.isShorthandPropertyAssignment(p) || (ts.isPropertyAssignment(p) && p.initializer === n)) && ts.isObjectLiteralExpression(p.parent)) {
      const assign = p.parent.parent;
      return ts.isBinaryExpression(assign) && assign.right === p.parent && isExportsTarget(assign.left, ts);
    }
    return false;
  };
  if (exportedAt(outer)) return true;
  return references(fn, names, ts, checker).some(exportedAt);
}

/** `module.exports`, `exports.x`, `module.exports.x`. */
function isExportsTarget(e: TS.Expression, ts: TSModule): boolean {
  const t = skipWrappers(e, ts);
  if (ts.isPropertyAccessExpression(t)) {
    const base = skipWrappers(t.expression, ts);
    if (ts.isIdentifier(base) && base.text === 'module' && t.name.text === 'exports') return true;
    if (ts.isIdentifier(base) && base.text === 'exports') return true;
    if (ts.isPropertyAccessExpression(base) && ts.isIdentifier(base.expression) && base.expression.text === 'module' && base.name.text === 'exports') return true;
  }
  return false;
}

/** Uses of the function's names in its file (same symbol; same text when the checker does not know). */
function references(fn: TS.SignatureDeclaration, names: readonly TS.Identifier[], ts: TSModule, checker: TS.TypeChecker): TS.Identifier[] {
  if (names.length === 0) return [];
  const symbolOf = (id: TS.Identifier): TS.Symbol | undefined => valueSymbolOf(id, ts, checker);
  const targets = names.map((n) => ({ text: n.text, symbol: symbolOf(n) }));
  const out: TS.Identifier[] = [];
  walk(ts, fn.getSourceFile(), (n) => {
    if (ts.isIdentifier(n) && !names.includes(n)) {
      const t = targets.find((x) => x.text === n.text);
      if (t && (t.symbol === undefined || symbolOf(n) === t.symbol)) out.push(n);
    }
    return true;
  });
  return out;
}
