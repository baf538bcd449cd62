/**
 * Login sites: request handlers that store who the user is in the session, and for
 * each such write whether the session was renewed before it (so that an ID planted
 * before login cannot become a logged-in session: session fixation).
 *
 * A write needs no renewal when, on the paths that reach it:
 * - the handler regenerated the session before it (`req.session.regenerate`, a promisified
 *   or helper form: any name containing "regenerate"), or logged in through passport
 *   (`req.login`/`req.logIn`, which regenerates since passport 0.6);
 * - it runs inside the callback of `X.session.regenerate(cb)` or of passport's `req.login(user, cb)`;
 * - `passport.authenticate(...)` (session on) is mounted before the handler on the same route;
 * - the handler reads the identity first (a refresh or a profile update of a logged-in user).
 *
 * "Before" means on every path to the write (paths.ts): code earlier in the handler that does
 * not sit in a branch, a loop, a catch or the right of `&&`/`||` that the write is outside of.
 * A regenerate on the MFA branch does not cover the password-only branch. A read of the identity
 * covers a write only when the write runs with the identity present: not a negated guard
 * (`if (!req.session.userId) { ...; req.session.userId = id }`), not after a positive guard
 * that returns (`if (req.session.user) return ...; req.session.user = u`).
 * Each uncovered write that no earlier uncovered write precedes on every path is its own
 * finding (`LoginSite.unrenewed`): two branches that log in are two findings.
 * All walks are iterative.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { PASSPORT } from './libraries.js';
import { type LoginRemedy, type LoginRemedyContext, planRegenerate } from './login-remedies.js';
import { alwaysExits, conditionPolarity, onEveryPathTo } from './paths.js';
import { type SessionWrite, isIdentityKey, isSessionObject } from './session-writes.js';
import { skipWrappers } from './syntax.js';
import { walk } from './walk.js';

/** Why an identity write cannot fixate a session. */
/** `new-session`: a library's session obtained without the request's cookie (React Router `getSession()`), stored under a new ID. */
export type LoginCover = 'regenerated-before' | 'in-renewing-callback' | 'after-passport-authenticate' | 'already-logged-in' | 'new-session';

export interface LoginWrite {
  readonly write: SessionWrite;
  /** Why the write is safe; undefined when a path reaches it without a renewal. */
  readonly cover: LoginCover | undefined;
  /**
   * Regenerate the session first: the session expression (`req.session`), the edits and the keys
   * of the old session copied over, when a placement keeps the handler's meaning (login-remedies.ts).
   */
  readonly remedy: LoginRemedy | undefined;
  /** Why there is no remedy (a clause for the message), when there is none. */
  readonly noRemedy: string | undefined;
}

export interface LoginSite {
  /** The function that receives the request. */
  readonly handler: TS.SignatureDeclaration;
  /** The handler's writes of an identity (not logouts), in source order. */
  readonly writes: readonly LoginWrite[];
  /**
   * The writes that a path reaches without the session being renewed, one per such path: the
   * uncovered writes that no earlier uncovered write precedes on every path.
   */
  readonly unrenewed: readonly LoginWrite[];
}

/** `passportRenews`: whether the app's passport regenerates the session on login (false: a version before 0.6, see passport-logins.ts). */
/** `requestReads`: methods of the request's session that read a key (@fastify/session `request.session.get('user')`). */
export function findLogins(writes: readonly SessionWrite[], ts: TSModule, remedyContext: () => LoginRemedyContext, passportRenews = true, requestReads: ReadonlySet<string> = new Set()): LoginSite[] {
  const byHandler = new Map<TS.SignatureDeclaration, SessionWrite[]>();
  for (const w of writes) {
    // A session kept in the cookie has no server-side ID to fixate: the cookie is re-issued with the data on each commit.
    if (w.store?.clientSide) continue;
    if (!isIdentityKey(w.key) || w.subPath.length > 0 || !w.handler || !w.value || w.valueKind === 'clear') continue;
    if (!(w.handler as TS.FunctionLikeDeclaration).body) continue;
    const list = byHandler.get(w.handler) ?? [];
    list.push(w);
    byHandler.set(w.handler, list);
  }
  const out: LoginSite[] = [];
  for (const [handler, list] of byHandler) {
    const loginWrites = list.map((w) => loginWrite(w, ts, remedyContext, passportRenews, requestReads));
    const unrenewed: LoginWrite[] = [];
    for (const w of loginWrites) {
      if (w.cover !== undefined) continue;
      if (unrenewed.some((u) => onEveryPathTo(u.write.node, w.write.node, ts))) continue;
      unrenewed.push(w);
    }
    out.push({ handler, writes: loginWrites, unrenewed });
  }
  return out;
}

/** Through a local name, `regenerate()` would replace `req.session` but the name would keep the old session. */
const ALIAS_NO_REMEDY: ReturnType<typeof planRegenerate> = { why: 'the session is written through a local name, which would still hold the old session after regenerate()' };

function loginWrite(w: SessionWrite, ts: TSModule, remedyContext: () => LoginRemedyContext, passportRenews: boolean, requestReads: ReadonlySet<string>): LoginWrite {
  let planned: ReturnType<typeof planRegenerate> | undefined;
  const plan = () => (planned ??= w.via === 'direct' ? planRegenerate(w, remedyContext()) : w.store ? { why: w.store.shape.renew ?? 'the library has no way to renew the session ID' } : ALIAS_NO_REMEDY);
  let cover: LoginCover | undefined | null = null;
  return {
    write: w,
    get cover() {
      if (cover === null) cover = coverOf(w, ts, passportRenews, requestReads);
      return cover;
    },
    get remedy() {
      return plan().remedy;
    },
    get noRemedy() {
      return plan().why;
    },
  };
}

function coverOf(w: SessionWrite, ts: TSModule, passportRenews: boolean, requestReads: ReadonlySet<string>): LoginCover | undefined {
  const body = (w.handler as TS.FunctionLikeDeclaration).body!;
  if (w.store?.fresh) return 'new-session';
  if (insideRenewingCallback(w, ts, passportRenews)) return 'in-renewing-callback';
  if (renewedBefore(body, w, ts, passportRenews)) return 'regenerated-before';
  // passport's logins renew the session since 0.6; an app known to use an older one is not covered by them.
  if (passportRenews && afterPassportAuthenticate(w.handler!, ts)) return 'after-passport-authenticate';
  if (readsIdentityBefore(body, w, ts, requestReads)) return 'already-logged-in';
  return undefined;
}

/** The write runs inside the callback of `X.session.regenerate(cb)` or passport's `req.login(user, cb)`. */
function insideRenewingCallback(w: SessionWrite, ts: TSModule, passportRenews: boolean): boolean {
  for (let n: TS.Node | undefined = w.node.parent; n && n !== w.handler; n = n.parent) {
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isCallExpression(n.parent)) {
      const callee = n.parent.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        if (callee.name.text === 'regenerate' && isSessionObject(callee.expression, ts)) return true;
        if (passportRenews && PASSPORT.loginMethods.includes(callee.name.text) && isRequestOf(callee.expression, w, ts)) return true;
      }
    }
  }
  return false;
}

/** `req` in `req.login(...)` is the request the session hangs off (not `authService.login(...)`). */
function isRequestOf(e: TS.Expression, w: SessionWrite, ts: TSModule): boolean {
  const req = w.request;
  return ts.isIdentifier(e) && req !== undefined && ts.isIdentifier(req) && e.text === req.text;
}

/**
 * Code of the handler before the write mentions regenerate (a call, a promisified
 * method, a helper such as `regenerateSession(req)`) or calls passport's `req.login`.
 * Names only: a comment or a string saying "regenerate" is not a regeneration.
 */
function renewedBefore(body: TS.Node, w: SessionWrite, ts: TSModule, passportRenews: boolean): boolean {
  const sf = w.node.getSourceFile();
  const limit = w.node.getStart(sf);
  let found = false;
  walk(ts, body, (n) => {
    if (found || n.getStart(sf) >= limit) return false;
    const renews =
      ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && /regenerate/i.test(n.text)) ||
      (passportRenews && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && PASSPORT.loginMethods.includes(n.expression.name.text) && isRequestOf(n.expression.expression, w, ts));
    if (renews && onEveryPathTo(n, w.node, ts)) found = true;
    return !found;
  });
  return found;
}

/** `app.post('/login', passport.authenticate('local'), handler)`: passport logged in before the handler runs (unless `session: false`). */
function afterPassportAuthenticate(handler: TS.SignatureDeclaration, ts: TSModule): boolean {
  const route = handler.parent;
  if (!ts.isCallExpression(route)) return false;
  const at = route.arguments.indexOf(handler as unknown as TS.Expression);
  return route.arguments.slice(0, Math.max(at, 0)).some((a) => {
    if (!ts.isCallExpression(a) || !ts.isPropertyAccessExpression(a.expression) || a.expression.name.text !== PASSPORT.authenticate) return false;
    const sessionOff = (p: TS.ObjectLiteralElementLike) =>
      ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === PASSPORT.sessionOption && p.initializer.kind === ts.SyntaxKind.FalseKeyword;
    return !a.arguments.some((o) => ts.isObjectLiteralExpression(o) && o.properties.some(sessionOff));
  });
}

/** Before the write, or in the value written (`req.session.user = { ...req.session.user, name }`), the handler reads the identity. */
function readsIdentityBefore(body: TS.Node, w: SessionWrite, ts: TSModule, requestReads: ReadonlySet<string>): boolean {
  const sf = w.node.getSourceFile();
  const limit = w.value ? w.value.getEnd() : w.node.getStart(sf);
  let found = false;
  walk(ts, body, (n) => {
    if (found || n.getStart(sf) >= limit) return false;
    // A library session's read method: `session.get('userId')`, `session.has('userId')` on the session written.
    if (w.store && ts.isCallExpression(n) && libraryRead(n, w, ts) && !guardsAbsence(n, w.node, ts)) found = true;
    // The request session's read method: `request.session.get('user')` (@fastify/session).
    if (!w.store && requestReads.size > 0 && ts.isCallExpression(n) && requestRead(n, requestReads, ts) && !guardsAbsence(n, w.node, ts)) found = true;
    if (ts.isPropertyAccessExpression(n) && isSessionObject(n.expression, ts) && isIdentityKey(n.name.text)) {
      const parent = n.parent;
      const written = ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      if (!written && !guardsAbsence(n, w.node, ts)) found = true;
    }
    return !found;
  });
  return found;
}

/** `session.get('<identity key>')` (a read method of the store's shape, the key also through a top-level `const`) on the same session name as the write's. */
function libraryRead(call: TS.CallExpression, w: SessionWrite, ts: TSModule): boolean {
  const callee = call.expression;
  const key = call.arguments[0];
  return (
    ts.isPropertyAccessExpression(callee) &&
    (w.store?.shape.reads ?? []).includes(callee.name.text) &&
    ts.isIdentifier(callee.expression) &&
    ts.isIdentifier(w.session) &&
    callee.expression.text === w.session.text &&
    key !== undefined &&
    isIdentityKey(keyText(key, ts) ?? '')
  );
}

/** `X.session.get('<identity key>')` with a read method of the app's session library. */
function requestRead(call: TS.CallExpression, reads: ReadonlySet<string>, ts: TSModule): boolean {
  const callee = call.expression;
  const key = call.arguments[0];
  return ts.isPropertyAccessExpression(callee) && reads.has(callee.name.text) && isSessionObject(skipWrappers(callee.expression, ts), ts) && key !== undefined && isIdentityKey(keyText(key, ts) ?? '');
}

/** A key as written: a string, or a `const` of the file's top level holding one (`session.get(USER_SESSION_KEY)`). */
function keyText(key: TS.Expression, ts: TSModule): string | undefined {
  if (ts.isStringLiteralLike(key)) return key.text;
  if (!ts.isIdentifier(key)) return undefined;
  for (const st of key.getSourceFile().statements) {
    if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === key.text && d.initializer && ts.isStringLiteralLike(d.initializer)) return d.initializer.text;
    }
  }
  return undefined;
}

/**
 * The read is a guard under which the write runs without the identity: `if (!read) { write }`,
 * `if (read) {...} else { write }`, `if (read) return; write`, `if (read == null) { write }`.
 */
function guardsAbsence(read: TS.Node, write: TS.Node, ts: TSModule): boolean {
  for (let n: TS.Node = read; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && p.expression === n) {
      const polarity = conditionPolarity(read, p.expression, ts);
      if (polarity === undefined) return false;
      const within = (branch: TS.Node | undefined) => branch !== undefined && write.pos >= branch.pos && write.end <= branch.end;
      if (within(p.thenStatement)) return polarity.whenTrue === 'absent';
      // In the else branch, or after an if whose then branch always leaves: the write runs when the condition was false.
      const whenFalse = within(p.elseStatement) || (write.pos >= p.end && alwaysExits(p.thenStatement, ts));
      return whenFalse && polarity.symmetric && polarity.whenTrue === 'present';
    }
    if (ts.isStatement(p) || ts.isFunctionLike(p)) return false;
  }
  return false;
}
