/**
 * Tree walking without recursion. `walk(ts, root, visit)` visits nodes in the
 * order of the usual `visit(n) { ...; ts.forEachChild(n, visit) }` (depth first,
 * parent before children, children in source order), but with an explicit stack:
 * generated code nested thousands of levels deep (`a + b + ...` chains of string
 * pieces, long comma sequences in bundles) cannot overflow the call stack.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';

/**
 * Visits `root` and every node under it. `visit` returns `false` to skip a node's
 * children (a walker that has found what it looks for returns false for everything).
 */
export function walk(ts: TSModule, root: TS.Node, visit: (node: TS.Node) => boolean | void): void {
  const stack: TS.Node[] = [root];
  const push = (child: TS.Node): undefined => {
    stack.push(child);
    return undefined; // a value would stop forEachChild
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    // Children go on the stack in reverse, so the first is visited next.
    let lo = stack.length;
    ts.forEachChild(node, push);
    for (let hi = stack.length - 1; lo < hi; lo++, hi--) {
      const t = stack[lo]!;
      stack[lo] = stack[hi]!;
      stack[hi] = t;
    }
  }
}

/** `walk` over the children of `root` (not `root` itself), as `ts.forEachChild(root, visit)` starts. */
export function walkChildren(ts: TSModule, root: TS.Node, visit: (node: TS.Node) => boolean | void): void {
  walk(ts, root, (n) => (n === root ? true : visit(n)));
}

/** Whether `root` or a node under it passes `test` (visited as `walk` does, stopping at the first). */
export function someNode(ts: TSModule, root: TS.Node, test: (node: TS.Node) => boolean): boolean {
  let found = false;
  walk(ts, root, (n) => {
    if (found) return false;
    found = test(n);
    return !found;
  });
  return found;
}
