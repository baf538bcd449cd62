/**
 * The evaluator's calls: `require` and `import()` of a module, express's `app.get('env')`,
 * calls and `new` of a module value (instances), and local functions (the union of the
 * returns this world can reach).
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import { computedModule, pathCall } from './evaluate-paths.js';
import { schemaCall } from './evaluate-schemas.js';
import { applyEffect, callFunction, libraryEffect } from './evaluate-summaries.js';
import type { TSModule } from './host.js';
import { type Value, unknown } from './values.js';
import { walkChildren } from './walk.js';

export function call(ev: Evaluator, node: TS.CallExpression): Value[] {
  const ts = ev.ts;
  const callee = node.expression;
  // require('x'), a require made by createRequire(import.meta.url), import('x')
  const specifier = node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!) ? (node.arguments[0] as TS.StringLiteralLike) : undefined;
  if (specifier && callee.kind === ts.SyntaxKind.ImportKeyword) return ev.moduleValue(specifier, node);
  if (specifier && node.arguments.length === 1 && (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee))) {
    const fn = ev.evaluate(callee);
    if (fn.length === 1 && isRequire(fn[0]!)) return ev.moduleValue(specifier, node);
  }
  // require(path.join(__dirname, 'config', name)), import(`./env/${process.env.NODE_ENV}.js`)
  const arg = node.arguments[0];
  if (!specifier && arg && !ts.isSpreadElement(arg)) {
    if (callee.kind === ts.SyntaxKind.ImportKeyword) return computedModule(ev, arg, node);
    if (node.arguments.length === 1 && (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee))) {
      const fn = ev.evaluate(callee);
      if (fn.length === 1 && isRequire(fn[0]!)) return computedModule(ev, arg, node);
    }
  }
  // app.get('env'): express's NODE_ENV || 'development'
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'get' && node.arguments.length === 1) {
    const arg = node.arguments[0]!;
    if (ts.isStringLiteralLike(arg) && arg.text === 'env') {
      if (ev.world === 'production') return [{ kind: 'literal', value: 'production', node }];
      if (ev.world === 'unset') return [{ kind: 'literal', value: 'development', node }];
      return [{ kind: 'env', name: 'NODE_ENV', node }];
    }
  }
  const fns = ev.evaluate(callee);
  // Object.assign(target, ...sources)
  if (fns.length === 1 && fns[0]!.kind === 'unknown' && isObjectAssign(ts, callee)) {
    return ev.objectAssign(node.arguments, node);
  }
  if (fns.length === 1) {
    // Validated environments: zod/joi/yup `.parse(process.env)`, @t3-oss/env createEnv, envalid cleanEnv, convict get.
    const validated = schemaCall(ev, node, fns[0]!);
    if (validated) return validated;
    const known = pathCall(ev, fns[0]!, node);
    if (known) return known;
    // Object.freeze(x), structuredClone(x), lodash merge: library functions that hand a value through.
    const effect = libraryEffect(ev, callee, fns[0]!);
    if (effect) return applyEffect(ev, effect, node);
  }
  const out: Value[] = [];
  for (const fn of fns) {
    if (fn.kind === 'function') out.push(...callFunction(ev, fn.decl, node));
    else if (fn.kind === 'module') out.push({ kind: 'instance', of: fn, constructed: false, args: node.arguments, node });
    else if (fn.kind === 'instance') out.push({ kind: 'instance', of: fn.of, constructed: false, args: node.arguments, node });
    else out.push(unknown(node, 'the result of a call'));
  }
  return out;
}

export function construct(ev: Evaluator, node: TS.NewExpression): Value[] {
  const out: Value[] = [];
  for (const c of ev.evaluate(node.expression)) {
    if (c.kind === 'module') out.push({ kind: 'instance', of: c, constructed: true, args: node.arguments ?? [], node });
    else if (c.kind === 'instance') out.push({ kind: 'instance', of: c.of, constructed: true, args: node.arguments ?? [], node });
    else out.push(unknown(node, 'a constructed object'));
  }
  return out;
}

/** Union of what a function can return (its parameters are unknown). */
export function returnsOf(ev: Evaluator, decl: TS.SignatureDeclaration, node: TS.Node): Value[] {
  const ts = ev.ts;
  const body = (decl as TS.FunctionLikeDeclaration).body;
  if (!body) return [unknown(node, 'a function without a body')];
  if (!ts.isBlock(body)) return ev.evaluate(body);
  const out: Value[] = [];
  const visit = (n: TS.Node): boolean => {
    if (ts.isReturnStatement(n)) {
      // A return this world never reaches (`if (!isProd) return 'dev'`, or after `if (isProd) return ...`) adds nothing.
      if (n.expression && ev.reachable(n, { functionsMayNotRun: false, within: body }) !== false && !ev.exitsBefore(n, body)) {
        out.push(...ev.evaluate(n.expression));
      }
      return false;
    }
    return !(ts.isFunctionLike(n) || ts.isClassLike(n));
  };
  walkChildren(ts, body, visit);
  return out.length > 0 ? out : [{ kind: 'literal', value: undefined, node }];
}

/** The global `require`, or one made by `createRequire(import.meta.url)` (module 'module'). */
function isRequire(v: Value): boolean {
  if (v.kind === 'module') return v.module === '%require';
  return v.kind === 'instance' && !v.constructed && v.of.module === 'module' && v.of.path.length === 1 && v.of.path[0] === 'createRequire';
}

export function isObjectAssign(ts: TSModule, callee: TS.Expression): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object';
}
