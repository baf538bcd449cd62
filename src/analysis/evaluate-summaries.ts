/**
 * Functions that hand a value through: a call of a function whose body we read
 * (`deepFreeze(config)`, `withDefaults(opts)`, a config loader returning `{ ...base, ...env }`)
 * is evaluated with its parameters bound to the call's arguments, and a library function
 * whose source we do not have (`Object.freeze`, `structuredClone`, lodash `merge`) is data in
 * `LIBRARY_FUNCTIONS`.
 *
 * Each function has a summary, computed once: whether its returns read a parameter at all.
 * One that does not (a factory of constants) is evaluated once, as before; one that does is
 * evaluated per call with the arguments' values, in a frame of its own (values of the nodes in
 * its body are cached per frame, never in the evaluator's cache). Frames nest at most
 * MAX_FRAMES deep (recursion included): beyond, the parameters are unknown.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import { symbolAt } from './syntax.js';
import { type ObjectValue, type Prop, type Value, asFallback, mayOverride, mergeObjects, notUndefined, unknown } from './values.js';
import { walk } from './walk.js';

/** How many calls deep parameters are bound to arguments. */
const MAX_FRAMES = 4;

/** One call being evaluated: the function, its parameters' values, and the values of nodes in its body. */
export interface Frame {
  readonly decl: TS.SignatureDeclaration;
  readonly bindings: ReadonlyMap<TS.ParameterDeclaration, Value[]>;
  readonly cache: Map<TS.Node, Value[]>;
}

export interface Summary {
  /** Some identifier in the body has a parameter's name (a syntactic over-approximation: shadowing is not told apart). */
  readonly readsParameters: boolean;
}

function summaryOf(ev: Evaluator, decl: TS.SignatureDeclaration): Summary {
  let s = ev.summaries.get(decl);
  if (s) return s;
  const ts = ev.ts;
  const names = new Set<string>();
  for (const p of decl.parameters) collectNames(ts, p.name, names);
  let reads = false;
  const body = (decl as TS.FunctionLikeDeclaration).body;
  if (body && names.size > 0) {
    walk(ts, body, (n) => {
      if (!reads && ts.isIdentifier(n) && names.has(n.text)) reads = true;
    });
  }
  s = { readsParameters: reads };
  ev.summaries.set(decl, s);
  return s;
}

function collectNames(ts: TSModule, name: TS.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) collectNames(ts, el.name, out);
}

/** What a call of a function we can read returns, its parameters bound to the call's arguments. */
export function callFunction(ev: Evaluator, decl: TS.SignatureDeclaration, call: TS.CallExpression | TS.NewExpression): Value[] {
  if (!summaryOf(ev, decl).readsParameters || ev.frames.length >= MAX_FRAMES) return ev.returnsOf(decl, call);
  const ts = ev.ts;
  const args = call.arguments ?? [];
  const bindings = new Map<TS.ParameterDeclaration, Value[]>();
  let spread = false;
  decl.parameters.forEach((p, i) => {
    if (p.dotDotDotToken) return; // a rest parameter stays unknown
    const arg = args[i];
    if (spread || (arg && ts.isSpreadElement(arg))) {
      spread = true;
      return;
    }
    // Arguments are evaluated where the call is (outside this frame).
    const given = arg ? ev.evaluate(arg) : [{ kind: 'literal', value: undefined, node: call } as Value];
    bindings.set(p, given);
  });
  ev.frames.push({ decl, bindings, cache: new Map() });
  try {
    return ev.returnsOf(decl, call);
  } finally {
    ev.frames.pop();
  }
}

/** The bound value of a parameter in the innermost frame of its function, else undefined. */
export function parameterValue(ev: Evaluator, p: TS.ParameterDeclaration): Value[] | undefined {
  for (let i = ev.frames.length - 1; i >= 0; i--) {
    const frame = ev.frames[i]!;
    if (frame.decl !== p.parent) continue;
    const bound = frame.bindings.get(p);
    if (!bound) return undefined;
    // `function f(secret = 'dev') {}`: the default when the argument is (or may be) undefined.
    if (!p.initializer) return bound;
    const out: Value[] = [];
    let needDefault = false;
    for (const v of bound) {
      const n = notUndefined(v);
      if (n !== false) out.push(v);
      if (n !== true) needDefault = true;
    }
    if (!needDefault) return out;
    const env = bound.find((v) => v.kind === 'env');
    const defaults = ev.evaluate(p.initializer);
    return [...out, ...(env?.kind === 'env' && env.name ? defaults.map((d) => asFallback(d, env.name!)) : defaults)];
  }
  return undefined;
}

/** The frame whose function holds `node` (innermost first), if any. */
export function frameHolding(ev: Evaluator, node: TS.Node): Frame | undefined {
  if (ev.frames.length === 0) return undefined;
  const sf = node.getSourceFile();
  for (let i = ev.frames.length - 1; i >= 0; i--) {
    const d = ev.frames[i]!.decl;
    if (d.getSourceFile() === sf && node.pos >= d.pos && node.end <= d.end) return ev.frames[i];
  }
  return undefined;
}

// ───────────────────────────── library functions (data) ─────────────────────────────

/**
 * Library functions that hand a value through, as data: what a call returns in terms of its
 * arguments. `arg`: the argument itself (a frozen, sealed or cloned copy has the same values);
 * `assign`: the arguments merged left to right, later ones winning (shallow); `merge`: the same,
 * nested objects merged (deep); `defaults`: merged so that the first argument that sets a key wins.
 * Sources: MDN (Object.freeze, Object.seal, Object.preventExtensions, structuredClone, Object.assign),
 * lodash docs (_.merge, _.defaultsDeep, _.defaults, _.assign, _.clone, _.cloneDeep, _.extend),
 * deepmerge README (deepmerge(x, y); deepmerge.all is not in the table), deep-freeze / deep-freeze-strict /
 * deep-freeze-es6 READMEs (each returns the object it froze).
 */
type Effect = { kind: 'arg'; index: number } | { kind: 'assign' | 'merge' | 'defaults' };

/** Globals by their call path (`Object.freeze`), when the name is not declared in the code. */
const GLOBAL_FUNCTIONS: Record<string, Effect> = {
  'Object.freeze': { kind: 'arg', index: 0 },
  'Object.seal': { kind: 'arg', index: 0 },
  'Object.preventExtensions': { kind: 'arg', index: 0 },
  structuredClone: { kind: 'arg', index: 0 },
};

/** Packages: module name → export path ('' for the module itself) → effect. */
const PACKAGE_FUNCTIONS: Record<string, Record<string, Effect>> = {
  lodash: {
    merge: { kind: 'merge' },
    defaultsDeep: { kind: 'defaults' },
    defaults: { kind: 'defaults' },
    assign: { kind: 'assign' },
    extend: { kind: 'assign' },
    clone: { kind: 'arg', index: 0 },
    cloneDeep: { kind: 'arg', index: 0 },
  },
  'lodash/merge': { '': { kind: 'merge' } },
  'lodash.merge': { '': { kind: 'merge' } },
  'lodash/defaultsDeep': { '': { kind: 'defaults' } },
  'lodash.defaultsdeep': { '': { kind: 'defaults' } },
  'lodash/cloneDeep': { '': { kind: 'arg', index: 0 } },
  'lodash.clonedeep': { '': { kind: 'arg', index: 0 } },
  deepmerge: { '': { kind: 'merge' } },
  'deep-freeze': { '': { kind: 'arg', index: 0 } },
  'deep-freeze-strict': { '': { kind: 'arg', index: 0 } },
  'deep-freeze-es6': { '': { kind: 'arg', index: 0 } },
};
PACKAGE_FUNCTIONS['lodash-es'] = PACKAGE_FUNCTIONS.lodash!;
PACKAGE_FUNCTIONS.underscore = { extend: { kind: 'assign' }, defaults: { kind: 'defaults' }, clone: { kind: 'arg', index: 0 } };

/** The effect of calling `callee` (whose value is `fn`) when it is a library function of the table. */
export function libraryEffect(ev: Evaluator, callee: TS.Expression, fn: Value): Effect | undefined {
  const ts = ev.ts;
  if (fn.kind === 'module') {
    const table = PACKAGE_FUNCTIONS[fn.module];
    return table?.[fn.path.join('.')];
  }
  if (fn.kind !== 'unknown') return undefined;
  // A global: `Object.freeze(x)`, `structuredClone(x)` (an undeclared name only).
  const path = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
      ? `${callee.expression.text}.${callee.name.text}`
      : undefined;
  if (!path || !(path in GLOBAL_FUNCTIONS)) return undefined;
  const root = ts.isIdentifier(callee) ? callee : (callee as TS.PropertyAccessExpression).expression;
  // A callee's leftmost name (`Object` of `Object.freeze`): an expression, never a shorthand property's name.
  const declared = (symbolAt(() => ev.checkerOf(root), root)?.declarations ?? []).some((d) => !d.getSourceFile().isDeclarationFile);
  return declared ? undefined : GLOBAL_FUNCTIONS[path];
}

/** What a call of a library function of the table returns. */
export function applyEffect(ev: Evaluator, effect: Effect, call: TS.CallExpression): Value[] {
  const args = call.arguments;
  if (effect.kind === 'arg') {
    const a = args[effect.index];
    return a && !ev.ts.isSpreadElement(a) ? ev.evaluate(a) : [unknown(call, 'the result of a call')];
  }
  if (args.some((a) => ev.ts.isSpreadElement(a))) return [unknown(call, 'a merge of spread arguments')];
  // deepmerge.all([...]) is not in the table; deepmerge(x, y) merges two.
  const ordered = effect.kind === 'defaults' ? [...args].reverse() : [...args];
  if (effect.kind === 'assign') return ev.objectAssign(ordered, call);
  let result: ObjectValue = { kind: 'object', props: new Map(), open: false, node: call };
  for (const a of ordered) {
    const src = mergeObjects(ev.evaluate(a), a);
    // A source that cannot be seen (`merge(config, fs.existsSync(f) && require(f))`) may replace any key.
    if (!src) result = { ...result, props: mayOverride(new Map(result.props), a), open: true };
    else result = deepMerge(result, src, call);
  }
  return [result];
}

/** `target` with `src` merged in: a key both hold as one object each is merged again; otherwise `src` wins (an undefined source value does not). */
function deepMerge(target: ObjectValue, src: ObjectValue, node: TS.Node, depth = 0): ObjectValue {
  const props = new Map<string, Prop>(target.props);
  for (const [key, p] of src.props) {
    const old = props.get(key);
    const a = old?.values;
    const b = p.values;
    if (a && a.length === 1 && b.length === 1 && a[0]!.kind === 'object' && b[0]!.kind === 'object' && depth < 8) {
      props.set(key, { values: [deepMerge(a[0], b[0], node, depth + 1)], site: p.site ?? old?.site });
      continue;
    }
    // Undefined (the earlier value stays) when a possibility is, or when every one is an environment read that may be unset;
    // beside an unknown possibility (`process.env.S ?? generate()`) the environment read's absence is covered.
    const mayBeUndefined = b.some((v) => v.kind === 'missing' || (v.kind === 'literal' && v.value === undefined)) || b.every((v) => v.kind === 'env');
    const defined = b.filter((v) => !(v.kind === 'missing' || (v.kind === 'literal' && v.value === undefined)));
    // `merge({ secret: 'dev' }, { secret: process.env.S })`: the earlier value stays when the variable is not set.
    const env = b.find((v) => v.kind === 'env');
    const kept = a && env?.kind === 'env' && env.name ? a.map((v) => asFallback(v, env.name!)) : a;
    props.set(key, { values: mayBeUndefined && kept ? [...defined, ...kept] : b, site: p.site });
  }
  return { kind: 'object', props, open: target.open || src.open, node, literal: target.literal ?? src.literal };
}
