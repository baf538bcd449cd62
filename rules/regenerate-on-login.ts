import { eolOf, lineIndent } from '../src/analysis/edits.js';
import { CLIENT_SESSION_MODULES } from '../src/analysis/libraries.js';
import { isIdentityKey, isSessionObject, type SessionWrite } from '../src/analysis/session-writes.js';
import { defineRule } from '../src/rule.js';
import type * as TS from 'typescript';

type MessageIds = 'notRegenerated' | 'regenerateFirst';

export default defineRule<MessageIds, []>({
  id: 'regenerate-on-login',
  meta: {
    type: 'problem',
    description: 'Require the session to be regenerated before an identity is stored in it (session fixation)',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      notRegenerated:
        "`{{target}}` stores who the user is, but the session was not regenerated first: a session ID planted before login (session fixation) becomes a logged-in session for whoever planted it.",
      regenerateFirst: 'Regenerate the session first: `await` {{session}}.regenerate() before storing the identity.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-384'],
    // as CodeQL js/session-fixation
    securitySeverity: 8.8,
  },
  check({ model, report }) {
    const ts = model.host.ts;
    const sf = model.sourceFile;
    // Cookie-based sessions have no server-side ID to fixate (and no regenerate()).
    if (CLIENT_SESSION_MODULES.some((m) => model.importedModules.has(m))) return;
    const appModules = [...model.appFacts.sessionModules];
    if (appModules.length > 0 && appModules.every((m) => CLIENT_SESSION_MODULES.includes(m))) return;
    const reportedHandlers = new Set<TS.Node>();
    for (const w of model.sessionWrites) {
      if (!isIdentityKey(w.key) || w.subPath.length > 0 || !w.handler || !w.value) continue;
      if (isLogout(w.value, ts)) continue;
      if (reportedHandlers.has(w.handler)) continue; // one finding per login handler
      if (insideRegeneratingCallback(w, ts)) continue;
      const body = (w.handler as TS.FunctionLikeDeclaration).body;
      if (!body) continue;
      // regenerate() (any form: promisified, a helper), passport's req.login (regenerates since 0.6) ran before.
      if (regeneratedBefore(body, w, ts, sf)) continue;
      // passport.authenticate(...) mounted before this handler on the same route logged the user in (and regenerated).
      // DESIGN: assumes passport >= 0.6 (as for req.login); an app pinned to an older passport is not told.
      if (afterPassportAuthenticate(w.handler, ts)) continue;
      // The handler reads the identity first: the user is already logged in (a refresh or profile update).
      if (readsIdentityBefore(body, w, ts, sf)) continue;
      reportedHandlers.add(w.handler);
      const target = (ts.isBinaryExpression(w.node) ? w.node.left : w.node).getText(sf);
      const session = w.session.getText(sf);
      const fix = regenerateFirst(w, ts, sf, session);
      report({
        node: ts.isBinaryExpression(w.node) ? w.node.left : w.node,
        messageId: 'notRegenerated',
        data: { target: target.replace(/\s+/g, ' ') },
        suggestions: fix ? [{ messageId: 'regenerateFirst', data: { session }, edits: [fix] }] : [],
      });
    }
  },
});

function isLogout(value: TS.Expression, ts: typeof TS): boolean {
  return (
    value.kind === ts.SyntaxKind.NullKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(value) && value.text === 'undefined') ||
    ts.isVoidExpression(value)
  );
}

/** The write runs inside the callback of `X.session.regenerate(cb)` or passport's `req.login(user, cb)`. */
function insideRegeneratingCallback(w: SessionWrite, ts: typeof TS): boolean {
  for (let n: TS.Node | undefined = w.node.parent; n && n !== w.handler; n = n.parent) {
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isCallExpression(n.parent)) {
      const callee = n.parent.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        const name = callee.name.text;
        if (name === 'regenerate' && isSessionObject(callee.expression, ts)) return true;
        if ((name === 'login' || name === 'logIn') && isRequestOf(callee.expression, w, ts)) return true;
      }
    }
  }
  return false;
}

/** `req` in `req.login(...)` is the request the session hangs off (not `authService.login(...)`). */
function isRequestOf(e: TS.Expression, w: SessionWrite, ts: typeof TS): boolean {
  const req = (w.session as TS.PropertyAccessExpression).expression;
  return ts.isIdentifier(e) && ts.isIdentifier(req) && e.text === req.text;
}

/**
 * Code of the handler before the write mentions regenerate (a call, a promisified
 * method, a helper such as `regenerateSession(req)`) or calls passport's `req.login`.
 * Names only: a comment or a string saying "regenerate" is not a regeneration.
 */
function regeneratedBefore(body: TS.Node, w: SessionWrite, ts: typeof TS, sf: TS.SourceFile): boolean {
  const limit = w.node.getStart(sf);
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || n.getStart(sf) >= limit) return;
    if ((ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) && /regenerate/i.test(n.text)) found = true;
    else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^log[iI]n$/.test(n.expression.name.text) && isRequestOf(n.expression.expression, w, ts)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** `app.post('/login', passport.authenticate('local'), handler)`: passport logged in before the handler runs (unless `session: false`). */
function afterPassportAuthenticate(handler: TS.SignatureDeclaration, ts: typeof TS): boolean {
  const route = handler.parent;
  if (!ts.isCallExpression(route)) return false;
  const at = route.arguments.indexOf(handler as unknown as TS.Expression);
  return route.arguments.slice(0, Math.max(at, 0)).some((a) => {
    if (!ts.isCallExpression(a) || !ts.isPropertyAccessExpression(a.expression) || a.expression.name.text !== 'authenticate') return false;
    return !a.arguments.some((o) => ts.isObjectLiteralExpression(o) && o.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'session' && p.initializer.kind === ts.SyntaxKind.FalseKeyword));
  });
}

/** Before the write, or in the value written (`req.session.user = { ...req.session.user, name }`), the handler reads the identity. */
function readsIdentityBefore(body: TS.Node, w: SessionWrite, ts: typeof TS, sf: TS.SourceFile): boolean {
  const limit = w.value ? w.value.getEnd() : w.node.getStart(sf);
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found || n.getStart(sf) >= limit) return;
    if (ts.isPropertyAccessExpression(n) && isSessionObject(n.expression, ts) && isIdentityKey(n.name.text)) {
      const parent = n.parent;
      const written = ts.isBinaryExpression(parent) && parent.left === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      if (!written) {
        found = true;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

/** In an async handler: `await new Promise(... regenerate ...)` on its own line before the statement. */
function regenerateFirst(w: SessionWrite, ts: typeof TS, sf: TS.SourceFile, session: string) {
  const handler = w.handler as TS.FunctionLikeDeclaration;
  const isAsync = ts.getModifiers?.(handler as never)?.some((m: TS.ModifierLike) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (!isAsync) return undefined;
  let stmt: TS.Node = w.node;
  while (stmt.parent && !ts.isBlock(stmt.parent)) stmt = stmt.parent;
  // Only when the statement sits directly in the handler's body or a block of it (not in a nested function).
  for (let n: TS.Node | undefined = stmt.parent; n && n !== handler; n = n.parent) if (ts.isFunctionLike(n)) return undefined;
  if (!ts.isExpressionStatement(stmt)) return undefined;
  const at = stmt.getStart(sf);
  const indent = lineIndent(sf.text, at);
  const text = `await new Promise((resolve, reject) => ${session}.regenerate((err) => (err ? reject(err) : resolve(undefined))));${eolOf(sf.text)}${indent}`;
  return { file: sf.fileName, start: at, end: at, text };
}
