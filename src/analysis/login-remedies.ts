/**
 * The remedy for a login that does not renew the session: regenerate it first, where that
 * keeps the handler's meaning (docs/fixes.md, regenerate-on-login).
 *
 * - The regeneration goes before the identity write, in the write's own block, and before
 *   every earlier write to the session on the way there (`req.session.login = user.login;
 *   req.session.userId = user.id`: not between the two, which would wipe `login`). An
 *   earlier write in an outer block moves it up to that block.
 * - What the handler still reads of the old session after that point (`req.session.pending`
 *   in `req.session.userId = await createUser(req.session.pending.data)`, a `returnTo` read
 *   for the redirect) is copied into a local first and written back into the new session
 *   after the `await`, unless the handler writes it again before reading it.
 * - In an async handler the regeneration is awaited (express-session's callback, wrapped in
 *   a promise; a library whose `regenerate()` returns a promise is awaited directly), so
 *   nothing after it moves. A handler that is not async gets no remedy: the rest of it would
 *   have to move into a callback.
 * - No remedy, with the reason, when the write is in a nested function, is not a statement of
 *   its own, or when the handler uses the whole session object or a computed key after the
 *   regeneration (what must survive cannot be told).
 */
import type * as TS from 'typescript';
import type { TextEdit } from '../rule.js';
import { lineIndent } from './edits.js';
import { requestHandler } from './handlers.js';
import type { TSModule } from './host.js';
import { LIBRARIES } from './libraries.js';
import { type RequestSessionMethods, type SessionWrite, isSessionObject } from './session-writes.js';
import { type CodeStyle, semi, stringLiteral } from './style.js';
import { mentionsName, skipWrappers } from './syntax.js';
import { walk } from './walk.js';

export interface LoginRemedyContext {
  readonly ts: TSModule;
  readonly style: CodeStyle;
  /** Bare modules the file imports: a promise-style session library is awaited directly. */
  readonly modules: ReadonlySet<string>;
  /**
   * The packages the app depends on, of those whose versions the engine reads (package-versions.ts):
   * a handler in a module that imports no session library (a Koa controller) is awaited directly
   * when the app's session library returns a promise from `regenerate()` and none needs a callback.
   */
  readonly appPackages?: ReadonlySet<string>;
  /**
   * The app's express is certainly before 5 (EXPRESS.forwardsRejectionsSince): an awaited
   * regeneration that rejects in a route handler is then an unhandled rejection, not `next(err)`,
   * so in a handler with `next` the regeneration's error is caught and passed to it.
   */
  readonly express4?: boolean;
  /** For the handler's `next` (handlers.ts); without it the plain `await` form is used. */
  readonly checker?: TS.TypeChecker;
  /** Every session write of the file (the handler's earlier writes bound the placement). */
  readonly writes: readonly SessionWrite[];
  /** Methods of the request's session that write or read a key by name (@fastify/session's `set`/`get`): uses of that key, not of the method. */
  readonly requestMethods?: RequestSessionMethods;
}

export type LoginRemedy = {
  readonly session: string;
  /** What the fix awaits, for the message: `req.session.regenerate()`, `ctx.regenerateSession()`. */
  readonly call: string;
  readonly edits: readonly TextEdit[];
  readonly kept: readonly string[];
};

/**
 * Modules whose session's `regenerate()` returns a promise: koa-session 6.4+ (lib/session.js
 * `regenerate(callback) { return this.commit({ regenerate: true }, callback) }`, which returns
 * the commit's promise when no callback is given), and Koa's own modules, whose `ctx.session`
 * is koa-session's. express-session's takes a callback and returns nothing.
 */
const PROMISE_REGENERATE = ['koa-session', 'koa', '@koa/router', 'koa-router', ...regenerateModules('promise')];
/** Session libraries whose `regenerate()` needs a callback (the libraries table: `lifecycleResult: 'nothing'`). */
const CALLBACK_REGENERATE = regenerateModules('nothing');

/**
 * The modules of the libraries whose session has `regenerate()` returning `result` without a callback (the libraries
 * table's `lifecycleResult`): @fastify/session's returns a promise ("If no callback is passed, a Promise is returned").
 */
function regenerateModules(result: 'nothing' | 'promise'): string[] {
  return LIBRARIES.filter((l) => l.lifecycleResult === result && l.lifecycleMethods.regenerate !== undefined).flatMap((l) => l.modules);
}
/** Koa's own modules: a Koa app's session is one of the Koa session libraries, whose APIs differ. */
const KOA = ['koa', '@koa/router', 'koa-router'];
/**
 * koa-generic-session (2.x lib/session.js): `ctx.regenerateSession()`, an async function on the
 * context that destroys the old session and starts an empty one; its session has no `regenerate()`.
 */
const KOA_GENERIC_SESSION = 'koa-generic-session';
/** Session members that are not the session's data (methods, the cookie, the ID). */
const NOT_DATA = new Set(['regenerate', 'destroy', 'save', 'reload', 'touch', 'resetMaxAge', 'cookie', 'id', 'manuallyCommit', 'isNew', 'maxAge']);

export function planRegenerate(w: SessionWrite, cx: LoginRemedyContext): { remedy: LoginRemedy; why?: undefined } | { remedy?: undefined; why: string } {
  const { ts } = cx;
  const handler = w.handler as TS.FunctionLikeDeclaration | undefined;
  if (!handler?.body) return { why: 'the identity is not stored in a request handler' };
  const sf = w.node.getSourceFile();
  // The chain of blocks from the write up to the handler's body: [block, statement in it] pairs.
  let stmt: TS.Node = w.node;
  while (stmt.parent && !ts.isBlock(stmt.parent) && !ts.isFunctionLike(stmt.parent)) stmt = stmt.parent;
  if (!stmt.parent || !ts.isBlock(stmt.parent)) return { why: 'the identity is not stored in a statement of its own' };
  if (!ts.isExpressionStatement(stmt)) return { why: 'the login is not a statement of its own, so the regeneration has no place that runs only on its path' };
  const levels: { block: TS.Block; statement: TS.Statement }[] = [];
  for (let s: TS.Node = stmt; ; ) {
    const block = s.parent as TS.Block;
    levels.push({ block, statement: s as TS.Statement });
    if (block === handler.body) break;
    let up: TS.Node | undefined = block.parent;
    if (!up || ts.isFunctionLike(up)) return { why: 'the identity is stored inside a nested function' };
    while (up.parent && !ts.isBlock(up.parent)) {
      if (ts.isFunctionLike(up.parent)) return { why: 'the identity is stored inside a nested function' };
      up = up.parent;
    }
    if (!up.parent) return { why: 'the identity is not stored in a request handler' };
    s = up;
  }
  const isAsync = ts.getModifiers?.(handler as never)?.some((m: TS.ModifierLike) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (!isAsync) return { why: 'the handler is not async, so the rest of it cannot wait for the new session' };

  // The insertion point: before the earliest statement that writes the session on the way to the login.
  const start = (n: TS.Node) => n.getStart(sf);
  let at = { level: 0, statement: levels[0]!.statement };
  const earlier = cx.writes.filter((x) => x !== w && x.handler === w.handler && start(x.node) < start(w.node) && !insideNestedFunction(x.node, handler, ts));
  for (const x of earlier) {
    const place = levels.findIndex(({ block, statement }) => start(x.node) >= block.getStart(sf) && start(x.node) < start(statement));
    if (place === -1) {
      // Inside a statement on the chain, but not before the login's own statement (`if (req.session.n = 1) {...}`).
      if (x.node.getEnd() <= start(stmt) || start(x.node) >= stmt.getEnd()) return { why: 'the session is written on the way to the login where no regeneration can go first' };
      continue; // part of the login's own statement
    }
    const target = levels[place]!.block.statements.find((s) => start(x.node) >= start(s) && x.node.getEnd() <= s.getEnd())!;
    if (place > at.level || (place === at.level && start(target) < start(at.statement))) at = { level: place, statement: target };
  }
  const point = start(at.statement);

  // What the handler reads of the old session after the regeneration, and has not written again before reading.
  const session = skipWrappers(w.session, ts);
  const sessionText = w.session.getText(sf);
  const kept: string[] = [];
  let problem: string | undefined;
  walk(ts, handler.body, (n) => {
    if (problem || n.getEnd() <= point) return false; // found a problem, or all of it runs before the regeneration
    if (!sameSession(n, session, ts, sf)) return true;
    const use = sessionUse(n as TS.Expression, ts, cx.requestMethods);
    if (use.kind === 'whole') problem = 'the handler uses the whole session object after the login, which a regeneration would replace';
    else if (use.kind === 'computed') problem = 'the handler reads the session by a computed key after the login, which a regeneration would lose';
    else if (use.kind === 'read' && !NOT_DATA.has(use.key) && !kept.includes(use.key) && !writtenBetween(cx.writes, w.handler!, use.key, point, start(n))) kept.push(use.key);
    return false;
  });
  if (problem) return { why: problem };

  const { style } = cx;
  const nl = style.eol;
  const indent = lineIndent(sf.text, point);
  const lines: string[] = [];
  const local = freeName(['keptSession', 'oldSession', 'previousSession'], handler.getText(sf));
  const member = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `${sessionText}.${k}` : `${sessionText}[${stringLiteral(k, style)}]`);
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : stringLiteral(k, style));
  if (kept.length > 0) lines.push(`const ${local} = { ${kept.map((k) => `${key(k)}: ${member(k)}`).join(', ')} }${semi(style)}`);
  const app = cx.appPackages;
  const uses = (m: string) => cx.modules.has(m) || app?.has(m) === true;
  // koa-generic-session: the context regenerates (`ctx.regenerateSession()`), not the session.
  const generic = uses(KOA_GENERIC_SESSION) && !uses('koa-session');
  const ctxOfSession = ts.isPropertyAccessExpression(session) && ts.isIdentifier(session.expression) ? session.expression.text : undefined;
  if (generic && !ctxOfSession) return { why: 'koa-generic-session regenerates through the context (`ctx.regenerateSession()`), and the context here is not a plain name' };
  // A Koa app whose known packages name no Koa session library whose regeneration is known: which API to call cannot be told.
  if (!generic && app !== undefined && app.size > 0 && KOA.some(uses) && !uses('koa-session') && !CALLBACK_REGENERATE.some(uses)) {
    return { why: "the app's Koa session library is not one whose regeneration is known (koa-session's `ctx.session.regenerate()`, koa-generic-session's `ctx.regenerateSession()`)" };
  }
  const appPromise = app !== undefined && PROMISE_REGENERATE.some((m) => app.has(m)) && !CALLBACK_REGENERATE.some((m) => app.has(m));
  const promiseStyle = PROMISE_REGENERATE.some((m) => cx.modules.has(m)) || appPromise || handler.parameters.length === 1;
  if (generic) lines.push(`await ${ctxOfSession}.regenerateSession()${semi(style)}`);
  else if (promiseStyle) lines.push(`await ${sessionText}.regenerate()${semi(style)}`);
  else {
    const err = /\berr\b/.test(sessionText) ? 'error' : 'err';
    const awaited = `await new Promise((resolve, reject) => ${sessionText}.regenerate((${err}) => (${err} ? reject(${err}) : resolve(undefined))))${semi(style)}`;
    // Express 4 does not pass a handler's rejection to next: catch it and pass it there, and stop.
    const next = cx.express4 && cx.checker ? requestHandler(handler, ts, cx.checker, cx.modules).next : undefined;
    if (next && !declaredBetween(w.node, handler, next, ts)) {
      const caught = [err, 'regenerateErr', 'sessionErr'].find((n) => n !== next && !mentionsName(sessionText, n))!;
      lines.push(`try {${nl}${indent}${style.indent}${awaited}${nl}${indent}} catch (${caught}) {${nl}${indent}${style.indent}return ${next}(${caught})${semi(style)}${nl}${indent}}`);
    } else lines.push(awaited);
  }
  if (kept.length > 0) lines.push(`Object.assign(${sessionText}, ${local})${semi(style)}`);
  const text = lines.map((l) => `${l}${nl}${indent}`).join('');
  const call = generic ? `${ctxOfSession}.regenerateSession()` : `${sessionText}.regenerate()`;
  return { remedy: { session: sessionText, call, edits: [{ file: sf.fileName, start: point, end: point, text }], kept } };
}

/** Whether a function or catch clause between `from` and the handler declares `name` again (hiding the handler's). */
function declaredBetween(from: TS.Node, handler: TS.Node, name: string, ts: TSModule): boolean {
  const declares = (b: TS.BindingName): boolean => (ts.isIdentifier(b) ? b.text === name : b.elements.some((e) => !ts.isOmittedExpression(e) && declares(e.name)));
  for (let n: TS.Node | undefined = from.parent; n && n !== handler; n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters.some((p) => declares(p.name))) return true;
    if (ts.isCatchClause(n) && n.variableDeclaration && declares(n.variableDeclaration.name)) return true;
  }
  return false;
}

function insideNestedFunction(n: TS.Node, handler: TS.Node, ts: TSModule): boolean {
  for (let p = n.parent; p && p !== handler; p = p.parent) if (ts.isFunctionLike(p)) return true;
  return false;
}

/** `n` is the handler's session expression (`req.session`, through wrappers), by text. */
function sameSession(n: TS.Node, session: TS.Expression, ts: TSModule, sf: TS.SourceFile): boolean {
  if (!ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n)) return false;
  if (!isSessionObject(n as TS.Expression, ts) && !(ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && n.argumentExpression.text === 'session')) return false;
  return n.getText(sf).replace(/\s+/g, '') === session.getText(sf).replace(/\s+/g, '');
}

type SessionUse = { kind: 'read'; key: string } | { kind: 'write' } | { kind: 'whole' } | { kind: 'computed' } | { kind: 'other' };

/** How the code around a session expression uses it: reads or writes a key, a computed key, or the whole object. */
function sessionUse(sessionExpr: TS.Expression, ts: TSModule, methods: RequestSessionMethods | undefined): SessionUse {
  let n: TS.Node = sessionExpr;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (!p) return { kind: 'other' };
  // Object.assign(req.session, {...}): a write.
  if (ts.isCallExpression(p) && p.arguments[0] === n && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === 'assign') return { kind: 'write' };
  if (ts.isPropertyAccessExpression(p) && p.expression === n) {
    // `req.session.get('cart')` / `req.session.set('cart', c)`: a use of the key named, by a literal (else a computed key).
    const call = p.parent;
    const named = methods && (methods.reads.has(p.name.text) || methods.set.has(p.name.text));
    if (named && call && ts.isCallExpression(call) && call.expression === p) {
      const key = call.arguments[0];
      if (!key || !ts.isStringLiteralLike(key)) return { kind: 'computed' };
      return methods.set.has(p.name.text) ? { kind: 'write' } : { kind: 'read', key: key.text };
    }
    return keyUse(p, p.name.text, ts);
  }
  if (ts.isElementAccessExpression(p) && p.expression === n) {
    return ts.isStringLiteralLike(p.argumentExpression) || ts.isNumericLiteral(p.argumentExpression) ? keyUse(p, p.argumentExpression.text, ts) : { kind: 'computed' };
  }
  if (ts.isDeleteExpression(p)) return { kind: 'write' };
  return { kind: 'whole' };
}

/** A key's use: a plain `=` to it (or a deeper path under it... which reads it) is a write; anything else reads it. */
function keyUse(access: TS.Expression, key: string, ts: TSModule): SessionUse {
  const p = access.parent;
  if (p && ts.isBinaryExpression(p) && p.left === access && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return { kind: 'write' };
  if (p && ts.isDeleteExpression(p)) return { kind: 'write' };
  if (p && ts.isCallExpression(p) && p.expression === access && NOT_DATA.has(key)) return { kind: 'other' };
  return { kind: 'read', key };
}

/** Whether the handler writes `key` itself between `from` and `to` (then a read at `to` sees the new value). */
function writtenBetween(writes: readonly SessionWrite[], handler: TS.SignatureDeclaration, key: string, from: number, to: number): boolean {
  return writes.some((x) => x.handler === handler && x.key === key && x.subPath.length === 0 && x.node.getStart() >= from && x.node.getEnd() <= to);
}

function freeName(candidates: readonly string[], text: string): string {
  return candidates.find((c) => !mentionsName(text, c)) ?? `${candidates[0]}_`;
}
