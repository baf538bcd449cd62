/**
 * Paths through a function, as far as logins need them, from the syntax alone (no control-flow
 * graph): whether an earlier node runs on every path that reaches a later one, what a condition
 * says about a value it tests, and whether a statement always leaves the function.
 * All climbs are loops over parents.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { skipWrappers } from './syntax.js';

/**
 * Whether `before` (which ends before `at` starts) runs on every path that reaches `at`: climbing
 * from `before` to the innermost node that holds both, no step enters a part that may not run
 * while the rest does (an `if`/`?:` branch, a `switch` case, a loop body, a `catch`, the right of
 * `&&`/`||`/`??`). A callback argument (`new Promise((r) => req.session.regenerate(r))`) counts as run.
 */
export function onEveryPathTo(before: TS.Node, at: TS.Node, ts: TSModule): boolean {
  if (before.end > at.getStart()) return false;
  for (let n: TS.Node = before; n.parent; n = n.parent) {
    const p = n.parent;
    if (mayBeSkipped(n, p, ts)) return false;
    if (at.pos >= p.pos && at.end <= p.end) return true; // p holds both
  }
  return false;
}

/** Whether child `n` of `p` may not run while `p` runs. */
function mayBeSkipped(n: TS.Node, p: TS.Node, ts: TSModule): boolean {
  if (ts.isIfStatement(p)) return n !== p.expression;
  if (ts.isConditionalExpression(p)) return n !== p.condition;
  if (ts.isBinaryExpression(p)) {
    const k = p.operatorToken.kind;
    const shortCircuit = k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken;
    return shortCircuit && n === p.right;
  }
  if (ts.isCaseClause(p) || ts.isDefaultClause(p)) return true;
  if (ts.isCatchClause(p)) return true;
  if (ts.isTryStatement(p)) return n === p.catchClause;
  if (ts.isWhileStatement(p) || ts.isForStatement(p) || ts.isForInStatement(p) || ts.isForOfStatement(p)) return n === p.statement || (ts.isForStatement(p) && (n === p.condition || n === p.incrementor));
  return false;
}

/** What a condition being true (and, when `symmetric`, false) says about a value it tests. */
export interface Polarity {
  /** When the condition is true, the value is `present` (truthy, not null) or `absent`. */
  readonly whenTrue: 'present' | 'absent';
  /** Whether the condition being false says the opposite (`!x`, `x`, `x == null`; not `x && y`). */
  readonly symmetric: boolean;
}

/** What `cond` says about `value` (a node inside it): `!value` → absent when true; `value && ok` → present when true. */
export function conditionPolarity(value: TS.Node, cond: TS.Expression, ts: TSModule): Polarity | undefined {
  // Climb from the value to the condition, flipping at `!`, and noting `&&` (then only the true side is known).
  let present = true;
  let symmetric = true;
  let n: TS.Node = value;
  // The value may be a part of a longer read: `req.session.user.id` tests `user` too.
  while (n.parent && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n) n = n.parent;
  for (; n !== cond; n = n.parent) {
    const p = n.parent;
    if (!p) return undefined;
    if (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p)) continue;
    if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) {
      if (!symmetric) return undefined; // !(a && b): nothing known when true
      present = !present;
      continue;
    }
    if (ts.isBinaryExpression(p)) {
      const k = p.operatorToken.kind;
      if (k === ts.SyntaxKind.AmpersandAmpersandToken) {
        symmetric = false;
        continue;
      }
      const other = p.left === n ? p.right : p.left;
      const nullish = (e: TS.Expression) => {
        const x = skipWrappers(e, ts);
        return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || ts.isVoidExpression(x);
      };
      if (nullish(other) && (k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsEqualsToken)) {
        present = !present;
        continue;
      }
      if (nullish(other) && (k === ts.SyntaxKind.ExclamationEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken)) continue;
      return undefined;
    }
    return undefined;
  }
  return { whenTrue: present ? 'present' : 'absent', symmetric };
}

/** Whether a statement always leaves its function (or loop): it is, or ends with, `return`, `throw`, `continue` or `break`. */
export function alwaysExits(s: TS.Statement, ts: TSModule): boolean {
  let cur: TS.Statement | undefined = s;
  while (cur) {
    if (ts.isReturnStatement(cur) || ts.isThrowStatement(cur) || ts.isContinueStatement(cur) || ts.isBreakStatement(cur)) return true;
    if (ts.isBlock(cur)) {
      cur = cur.statements[cur.statements.length - 1];
      continue;
    }
    if (ts.isIfStatement(cur)) return cur.elseStatement !== undefined && alwaysExitsFlat(cur.thenStatement, ts) && alwaysExitsFlat(cur.elseStatement, ts);
    // `res.redirect('/'); return;` is a block; an expression statement alone does not leave.
    return false;
  }
  return false;
}

/** `alwaysExits` one level down, without nesting further (kept bounded and loop-free). */
function alwaysExitsFlat(s: TS.Statement, ts: TSModule): boolean {
  const last = ts.isBlock(s) ? s.statements[s.statements.length - 1] : s;
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last) || ts.isContinueStatement(last) || ts.isBreakStatement(last));
}
