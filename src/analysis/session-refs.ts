/**
 * Session references: the expressions through which code reaches a request's session.
 *
 * - *direct*: `req.session`, `req['session']`, `socket.request.session`, `this.req.session`
 *   (wrappers such as `req.session!` or `(req as any).session` allowed);
 * - *alias*: a local name bound once to one of those: `const session = req.session`,
 *   `const { session } = req`, `const { session: s } = ctx`, and the request parameter
 *   destructured in place, `({ session }, res) => ...`;
 * - *parameter*: a parameter of a helper function in the same file whose every call there
 *   passes a session at that position (`function logout(session, res) { session.destroy() }`
 *   with `logout(req.session, res)`), one level deep: a helper's argument must itself be a
 *   direct session or an alias, not another helper's parameter.
 *
 * The `request` is the expression the session hangs off (`req`), when the code shows it: for
 * a parameter, the request of the (first) call's argument is in another function, so the
 * handler is that of the helper's caller, and remedies that need the handler's own names stay off.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import type { SessionStore } from './session-objects.js';
import { skipWrappers, valueSymbolOf } from './syntax.js';
import { walk } from './walk.js';

/** `library`: a session object a library call handed out (`const session = await getSession(cookie)`: session-objects.ts). */
export type SessionRefKind = 'direct' | 'alias' | 'parameter' | 'library';

export interface SessionRef {
  readonly kind: SessionRefKind;
  /** The expression in the code (`req.session`, or the alias / parameter name). */
  readonly expression: TS.Expression;
  /** The `req` of `req.session` where the session is taken (for an alias: in its initializer). */
  readonly request: TS.Expression | undefined;
  /** For a `library` session: where it came from. */
  readonly store?: SessionStore;
}

/** `X.session` / `X['session']` where X is a name, a property chain or `this`. */
function directSession(e: TS.Expression, ts: TSModule): TS.Expression | undefined {
  const s = skipWrappers(e, ts);
  let base: TS.Expression | undefined;
  if (ts.isPropertyAccessExpression(s) && s.name.text === 'session') base = s.expression;
  else if (ts.isElementAccessExpression(s) && ts.isStringLiteralLike(s.argumentExpression) && s.argumentExpression.text === 'session') base = s.expression;
  if (!base) return undefined;
  const b = skipWrappers(base, ts);
  return ts.isIdentifier(b) || ts.isPropertyAccessExpression(b) || b.kind === ts.SyntaxKind.ThisKeyword ? b : undefined;
}

/** What `e` is, as a session reference; undefined when it is not one (or the code does not show it). */
export function sessionRefOf(e: TS.Expression, ts: TSModule, checker: TS.TypeChecker, depth = 1): SessionRef | undefined {
  const request = directSession(e, ts);
  if (request) return { kind: 'direct', expression: e, request };
  const id = skipWrappers(e, ts);
  if (!ts.isIdentifier(id)) return undefined;
  const decl = declarationOf(id, ts, checker);
  if (!decl) return undefined;
  // const session = req.session
  if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer && constLike(decl, ts)) {
    const req = directSession(decl.initializer, ts);
    return req ? { kind: 'alias', expression: e, request: req } : undefined;
  }
  // const { session } = req, const { session: s } = req, ({ session }, res) => ...
  if (ts.isBindingElement(decl) && ts.isIdentifier(decl.name) && !decl.dotDotDotToken) {
    const key = decl.propertyName ? (ts.isIdentifier(decl.propertyName) || ts.isStringLiteral(decl.propertyName) ? decl.propertyName.text : undefined) : decl.name.text;
    if (key !== 'session') return undefined;
    const pattern = decl.parent;
    if (!ts.isObjectBindingPattern(pattern)) return undefined;
    const holder = pattern.parent;
    if (ts.isVariableDeclaration(holder) && holder.initializer && constLike(holder, ts)) {
      const src = skipWrappers(holder.initializer, ts);
      return ts.isIdentifier(src) || ts.isPropertyAccessExpression(src) ? { kind: 'alias', expression: e, request: src } : undefined;
    }
    // The request parameter of a handler, destructured: `({ session }, res) => ...`.
    if (ts.isParameter(holder) && ts.isFunctionLike(holder.parent) && holder.parent.parameters[0] === holder && holder.parent.parameters.length >= 2) {
      return { kind: 'alias', expression: e, request: undefined };
    }
    return undefined;
  }
  if (depth > 0 && ts.isParameter(decl) && ts.isIdentifier(decl.name) && !decl.dotDotDotToken) return parameterRef(e, decl, ts, checker);
  return undefined;
}

/** A parameter every call of its function in this file fills with a session (one call at least). */
function parameterRef(e: TS.Expression, param: TS.ParameterDeclaration, ts: TSModule, checker: TS.TypeChecker): SessionRef | undefined {
  const fn = param.parent;
  if (!ts.isFunctionLike(fn)) return undefined;
  const index = fn.parameters.indexOf(param);
  const calls = callsOfFunction(fn, ts, checker);
  if (calls.length === 0) return undefined;
  let request: TS.Expression | undefined;
  for (const call of calls) {
    const arg = call.arguments[index];
    const ref = arg && sessionRefOf(arg, ts, checker, 0);
    if (!ref) return undefined;
    request ??= ref.request;
  }
  return { kind: 'parameter', expression: e, request };
}

/** `function f`, `const f = function/arrow`. */
function functionNames(fn: TS.SignatureDeclaration, ts: TSModule): TS.Identifier[] {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return [fn.name];
  let outer: TS.Node = fn;
  while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const p = outer.parent;
  if (p && ts.isVariableDeclaration(p) && p.initializer === outer && ts.isIdentifier(p.name)) return [p.name];
  return [];
}

const callCache = new WeakMap<TS.SignatureDeclaration, TS.CallExpression[]>();
/** Per file: its calls of plain names, by name (one walk per file, however many helpers ask). */
const callsByName = new WeakMap<TS.SourceFile, Map<string, TS.CallExpression[]>>();

function namedCalls(sf: TS.SourceFile, ts: TSModule): Map<string, TS.CallExpression[]> {
  let index = callsByName.get(sf);
  if (!index) {
    const built = new Map<string, TS.CallExpression[]>();
    walk(ts, sf, (n) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const list = built.get(n.expression.text);
        if (list) list.push(n);
        else built.set(n.expression.text, [n]);
      }
      return true;
    });
    callsByName.set(sf, built);
    index = built;
  }
  return index;
}

/** Calls `f(...)` of the function by its name (same symbol), in its file; none for a function without a name. */
export function callsOfFunction(fn: TS.SignatureDeclaration, ts: TSModule, checker: TS.TypeChecker): TS.CallExpression[] {
  const cached = callCache.get(fn);
  if (cached) return cached;
  const names = functionNames(fn, ts);
  const symbols = names.map((n) => valueSymbolOf(n, ts, checker));
  const index = namedCalls(fn.getSourceFile(), ts);
  const out: TS.CallExpression[] = [];
  for (const name of names) {
    for (const call of index.get(name.text) ?? []) {
      const s = valueSymbolOf(call.expression as TS.Identifier, ts, checker);
      if (s === undefined || symbols.includes(s)) out.push(call);
    }
  }
  callCache.set(fn, out);
  return out;
}

/**
 * The declaration a name refers to (by the checker), when it is the only one and in the name's
 * own file (scripts share one global scope: a global declared in several files is not known).
 */
export function declarationOf(id: TS.Identifier, ts: TSModule, checker: TS.TypeChecker): TS.Declaration | undefined {
  const sym = valueSymbolOf(id, ts, checker);
  const decls = sym?.declarations ?? [];
  const sf = id.getSourceFile();
  return decls.length === 1 && decls[0]!.getSourceFile() === sf ? decls[0] : undefined;
}

/** A `const`, or a `let`/`var` the code never assigns again (its only value is the initializer). */
function constLike(decl: TS.VariableDeclaration, ts: TSModule): boolean {
  const list = decl.parent;
  if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) return true;
  if (!ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  let scope: TS.Node | undefined = list;
  while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  if (!scope) return false;
  let reassigned = false;
  walk(ts, scope, (n) => {
    if (reassigned) return false;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = skipWrappers(n.left, ts);
      if (ts.isIdentifier(left) && left.text === name) reassigned = true;
    }
    return !reassigned;
  });
  return !reassigned;
}
