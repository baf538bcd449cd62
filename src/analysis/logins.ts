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
 * Today the paths are judged by source order within the handler (code before the write);
 * the rule reads `LoginSite.unrenewed`, so finer path analysis changes this module only.
 * All walks are iterative.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { PASSPORT } from './libraries.js';
import { type LoginRemedy, type LoginRemedyContext, planRegenerate } from './login-remedies.js';
import { type SessionWrite, isIdentityKey, isSessionObject } from './session-writes.js';
import { walk } from './walk.js';

/** Why an identity write cannot fixate a session. */
export type LoginCover = 'regenerated-before' | 'in-renewing-callback' | 'after-passport-authenticate' | 'already-logged-in';

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
   * The writes that a path reaches without the session being renewed, one per such path:
   * today the handler's first uncovered write (one finding per handler).
   */
  readonly unrenewed: readonly LoginWrite[];
}

/** `passportRenews`: whether the app's passport regenerates the session on login (false: a version before 0.6, see passport-logins.ts). */
export function findLogins(writes: readonly SessionWrite[], ts: TSModule, remedyContext: () => LoginRemedyContext, passportRenews = true): LoginSite[] {
  const byHandler = new Map<TS.SignatureDeclaration, SessionWrite[]>();
  for (const w of writes) {
    if (!isIdentityKey(w.key) || w.subPath.length > 0 || !w.handler || !w.value || w.valueKind === 'clear') continue;
    if (!(w.handler as TS.FunctionLikeDeclaration).body) continue;
    const list = byHandler.get(w.handler) ?? [];
    list.push(w);
    byHandler.set(w.handler, list);
  }
  const out: LoginSite[] = [];
  for (const [handler, list] of byHandler) {
    const loginWrites = list.map((w) => loginWrite(w, ts, remedyContext, passportRenews));
    const first = loginWrites.find((w) => w.cover === undefined);
    out.push({ handler, writes: loginWrites, unrenewed: first ? [first] : [] });
  }
  return out;
}

function loginWrite(w: SessionWrite, ts: TSModule, remedyContext: () => LoginRemedyContext, passportRenews: boolean): LoginWrite {
  let planned: ReturnType<typeof planRegenerate> | undefined;
  const plan = () => (planned ??= planRegenerate(w, remedyContext()));
  let cover: LoginCover | undefined | null = null;
  return {
    write: w,
    get cover() {
      if (cover === null) cover = coverOf(w, ts, passportRenews);
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

function coverOf(w: SessionWrite, ts: TSModule, passportRenews: boolean): LoginCover | undefined {
  const body = (w.handler as TS.FunctionLikeDeclaration).body!;
  if (insideRenewingCallback(w, ts, passportRenews)) return 'in-renewing-callback';
  if (renewedBefore(body, w, ts, passportRenews)) return 'regenerated-before';
  // passport's logins renew the session since 0.6; an app known to use an older one is not covered by them.
  if (passportRenews && afterPassportAuthenticate(w.handler!, ts)) return 'after-passport-authenticate';
  if (readsIdentityBefore(body, w, ts)) return 'already-logged-in';
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
  const req = (w.session as TS.PropertyAccessExpression).expression;
  return ts.isIdentifier(e) && ts.isIdentifier(req) && e.text === req.text;
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
    if ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && /regenerate/i.test(n.text)) found = true;
    else if (passportRenews && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && PASSPORT.loginMethods.includes(n.expression.name.text) && isRequestOf(n.expression.expression, w, ts)) found = true;
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
function readsIdentityBefore(body: TS.Node, w: SessionWrite, ts: TSModule): boolean {
  const sf = w.node.getSourceFile();
  const limit = w.value ? w.value.getEnd() : w.node.getStart(sf);
  let found = false;
  walk(ts, body, (n) => {
    if (found || n.getStart(sf) >= limit) return false;
    if (ts.isPropertyAccessExpression(n) && isSessionObject(n.expression, ts) && isIdentityKey(n.name.text)) {
      const parent = n.parent;
      const written = ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      if (!written) found = true;
    }
    return !found;
  });
  return found;
}
