/**
 * Reachability in one world: whether a node runs, judged from the `if`/`?:`/`&&`/`||`/
 * `switch` around it; whether a function surely returns before a statement; whether an
 * assignment surely runs before a read.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import type { Tri } from './values.js';

/**
 * Whether `node` runs in this world, judged from the conditions around it
 * (`if`, `switch`, `?:`, `&&`, `||`). With `functionsMayNotRun`, code inside a
 * nested function is only possibly run (a callback may never be called).
 */
export function reachable(ev: Evaluator, node: TS.Node, opts: { functionsMayNotRun: boolean; within?: TS.Node }): Tri {
  const ts = ev.ts;
  let result: Tri = true;
  let child: TS.Node = node;
  for (let parent = node.parent; parent && parent !== opts.within; child = parent, parent = parent.parent) {
    let t: Tri = true;
    if (ts.isIfStatement(parent)) {
      if (child === parent.thenStatement) t = ev.truth(parent.expression);
      else if (child === parent.elseStatement) t = not(ev.truth(parent.expression));
    } else if (ts.isConditionalExpression(parent)) {
      if (child === parent.whenTrue) t = ev.truth(parent.condition);
      else if (child === parent.whenFalse) t = not(ev.truth(parent.condition));
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      const op = parent.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) t = ev.truth(parent.left);
      else if (op === ts.SyntaxKind.BarBarToken) t = not(ev.truth(parent.left));
    } else if (ts.isCaseClause(parent) && child !== parent.expression) {
      t = caseMatches(ev, parent);
    } else if (opts.functionsMayNotRun && ts.isFunctionLike(parent) && child === (parent as TS.FunctionLikeDeclaration).body) {
      t = 'unknown';
    }
    if (t === false) return false;
    if (t === 'unknown') result = 'unknown';
  }
  return result;
}

function caseMatches(ev: Evaluator, clause: TS.CaseClause): Tri {
  const a = ev.evaluate(clause.parent.parent.expression);
  const b = ev.evaluate(clause.expression);
  let result: Tri | undefined;
  for (const x of a)
    for (const y of b) {
      const r = ev.equal(x, y, false);
      if (result === undefined) result = r;
      else if (result !== r) return 'unknown';
    }
  if (result === true) return true;
  if (result !== false) return 'unknown';
  // No match: the clause runs only by falling through from the one before it.
  const clauses = clause.parent.clauses;
  const prev = clauses[clauses.indexOf(clause) - 1];
  if (!prev) return false;
  const lastStatement = prev.statements[prev.statements.length - 1];
  if (lastStatement && endsAbruptly(ev.ts, lastStatement)) return false;
  if (!lastStatement && ev.ts.isCaseClause(prev)) return caseMatches(ev, prev); // `case 'a': case 'b':`
  return 'unknown';
}

/** Whether some statement before `node` (within `body`) surely returns or throws in this world. */
export function exitsBefore(ev: Evaluator, node: TS.Node, body: TS.Node): boolean {
  const ts = ev.ts;
  for (let child = node, parent = node.parent; parent && child !== body; child = parent, parent = parent.parent) {
    if (ts.isIterationStatement(parent, false) || ts.isTryStatement(parent) || ts.isCatchClause(parent)) return false;
    if (!ts.isBlock(parent) && !ts.isCaseClause(parent) && !ts.isDefaultClause(parent)) continue;
    for (const st of parent.statements) {
      if (st === child) break;
      if (surelyExits(ev, st)) return true;
    }
  }
  return false;
}

function surelyExits(ev: Evaluator, st: TS.Statement): boolean {
  const ts = ev.ts;
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  if (ts.isBlock(st)) return st.statements.some((s) => surelyExits(ev, s));
  if (ts.isIfStatement(st)) {
    const t = ev.truth(st.expression);
    const then = surelyExits(ev, st.thenStatement);
    const otherwise = st.elseStatement !== undefined && surelyExits(ev, st.elseStatement);
    return (t === true && then) || (t === false && otherwise) || (then && otherwise);
  }
  return false;
}

/**
 * Whether assignment `a` surely runs before `use` is read: it runs in this world, in the
 * function that holds the read (or one enclosing it), textually before it, and not
 * inside a loop or `try` that may skip it.
 */
export function surelyPrecedes(ev: Evaluator, a: TS.BinaryExpression, use: TS.Node): boolean {
  const ts = ev.ts;
  const container = containerOf(ts, a);
  if (a.getSourceFile() !== use.getSourceFile() || a.end > use.getStart() || use.pos < container.pos || use.end > container.end) return false;
  for (let p = a.parent; p && p !== container; p = p.parent) {
    if (ts.isIterationStatement(p, false) || ts.isTryStatement(p) || ts.isCatchClause(p) || ts.isDefaultClause(p)) return false;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return false;
  }
  return reachable(ev, a, { functionsMayNotRun: false }) === true;
}

function not(t: Tri): Tri {
  return t === 'unknown' ? t : !t;
}

/** The function (or file) whose body holds `node`. */
export function containerOf(ts: TSModule, node: TS.Node): TS.Node {
  let p = node.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p) && !ts.isClassStaticBlockDeclaration(p)) p = p.parent;
  return p ?? node.getSourceFile();
}

/** `break`, `return`, `throw`, `continue`, or a block ending with one: control does not fall through. */
function endsAbruptly(ts: TSModule, st: TS.Statement): boolean {
  if (ts.isBreakStatement(st) || ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isContinueStatement(st)) return true;
  if (ts.isBlock(st)) {
    const last = st.statements[st.statements.length - 1];
    return last !== undefined && endsAbruptly(ts, last);
  }
  return false;
}
