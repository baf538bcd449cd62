/**
 * Session writes: `req.session.user = ...`, `ctx.session.token = ...`,
 * `Object.assign(req.session, {...})`, and what surrounds them in the request
 * handler (was the session regenerated first? does the handler already read the
 * identity, i.e. is the user logged in already?).
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { IDENTITY_KEYS } from './libraries.js';
import { walk } from './walk.js';

export interface SessionWrite {
  /** The assignment, or the property inside an `Object.assign(req.session, {...})` source. */
  readonly node: TS.Node;
  /** The `req.session` expression written to. */
  readonly session: TS.Expression;
  /** First-level key written (`user` in `req.session.user.id = ...`). */
  readonly key: string;
  /** Keys below the first (`['id']` in `req.session.user.id = ...`). */
  readonly subPath: readonly string[];
  /** The value written (undefined for a `delete`). */
  readonly value: TS.Expression | undefined;
  /** The function that receives the request object (`req`/`ctx`), when found. */
  readonly handler: TS.SignatureDeclaration | undefined;
}

export function findSessionWrites(sf: TS.SourceFile, ts: TSModule, checker: TS.TypeChecker): SessionWrite[] {
  const out: SessionWrite[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isBinaryExpression(n) && isAssignment(ts, n.operatorToken.kind)) {
      const target = sessionPath(n.left, ts);
      if (target) out.push({ node: n, session: target.session, key: target.path[0]!, subPath: target.path.slice(1), value: n.right, handler: handlerOf(target.session, ts, checker) });
    } else if (ts.isCallExpression(n) && isObjectAssign(n.expression, ts) && n.arguments.length >= 2) {
      const first = n.arguments[0]!;
      const target = isSessionObject(first, ts) ? first : undefined;
      if (target) {
        for (const src of n.arguments.slice(1)) {
          if (!ts.isObjectLiteralExpression(src)) continue;
          for (const p of src.properties) {
            if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
              const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
              out.push({ node: p, session: target, key: p.name.text, subPath: [], value, handler: handlerOf(target, ts, checker) });
            }
          }
        }
      }
    }
  };
  walk(ts, sf, visit);
  return out;
}

/** `X.session.a.b` → session `X.session`, path ['a','b']. */
function sessionPath(e: TS.Expression, ts: TSModule): { session: TS.Expression; path: string[] } | undefined {
  const path: string[] = [];
  let cur = e;
  while (ts.isPropertyAccessExpression(cur) || (ts.isElementAccessExpression(cur) && ts.isStringLiteralLike(cur.argumentExpression))) {
    if (isSessionObject(cur, ts)) break;
    path.unshift(ts.isPropertyAccessExpression(cur) ? cur.name.text : (cur.argumentExpression as TS.StringLiteral).text);
    cur = cur.expression;
  }
  // TypeScript wrappers around the session: `req.session!.user`, `(req.session as any).user`.
  while (path.length > 0 && (ts.isNonNullExpression(cur) || ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isSatisfiesExpression(cur) || ts.isTypeAssertionExpression(cur))) cur = cur.expression;
  if (path.length === 0 || !isSessionObject(cur, ts)) return undefined;
  return { session: cur, path };
}

/** `X.session` where X is a plain name or property chain (`req`, `ctx`, `this.req`). */
export function isSessionObject(e: TS.Expression, ts: TSModule): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'session' && (ts.isIdentifier(e.expression) || ts.isPropertyAccessExpression(e.expression) || e.expression.kind === ts.SyntaxKind.ThisKeyword);
}

function isObjectAssign(callee: TS.Expression, ts: TSModule): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object';
}

function isAssignment(ts: TSModule, kind: TS.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

/** The function whose parameter is the request object the session hangs off. */
export function handlerOf(session: TS.Expression, ts: TSModule, checker: TS.TypeChecker): TS.SignatureDeclaration | undefined {
  let root: TS.Expression = (session as TS.PropertyAccessExpression).expression;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  if (ts.isIdentifier(root)) {
    let sym: TS.Symbol | undefined;
    try {
      sym = checker.getSymbolAtLocation(root);
    } catch {
      sym = undefined;
    }
    const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
    if (decl && ts.isParameter(decl) && ts.isFunctionLike(decl.parent)) return decl.parent;
  }
  // Fallback: the nearest enclosing function with two or more parameters.
  for (let p = session.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && p.parameters.length >= 2) return p;
  }
  return undefined;
}

/** Is `key` a name that stores who the user is? */
export function isIdentityKey(key: string): boolean {
  return IDENTITY_KEYS.test(key);
}
