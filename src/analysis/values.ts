/**
 * Abstract values: what an expression can be at run time.
 *
 * The evaluator works in one *world* at a time: `production` (NODE_ENV is
 * 'production'), `development` (any other environment, NODE_ENV unknown but
 * not 'production') or `unset` (NODE_ENV not set). A value is therefore a list of possibilities that hold in
 * that world; a rule asks "which values are possible in production?".
 */
import type * as TS from 'typescript';
import type { TextEdit } from '../rule.js';

/**
 * `production`: NODE_ENV is 'production'. `development`: any other environment (NODE_ENV not
 * 'production', otherwise unknown). `unset`: NODE_ENV is not set at all, as a server started
 * without it runs (`node server.js`); express's `app.get('env')` is then 'development'.
 */
export type World = 'production' | 'development' | 'unset';

/** How many possibilities a value keeps; beyond that, the rest is one unknown possibility. */
export const MAX_POSSIBILITIES = 24;

export type Primitive = string | number | boolean | null | undefined | bigint;

interface ValueBase {
  /** The expression (or declaration) the value was read from. */
  readonly node: TS.Node;
  /** When the value is a fallback of an environment read (`process.env.X || 'dev'`), the variable's name. */
  readonly fallbackOf?: string;
  /** Where such a fallback is written when it is not an expression's own (`the zod schema's .default()`). */
  readonly fallbackVia?: string;
  /**
   * How such a fallback is removed where it is not an expression's own (a reader's default argument, a schema's
   * `.default()`): the edits that leave the variable required, or why no edit is safe.
   */
  readonly fallbackFix?: FallbackFix;
}

/** The edits removing a fallback (the variable then required at start-up), or the reason none is offered. */
export type FallbackFix = { readonly edits: readonly TextEdit[] } | { readonly reason: string };

/** A known primitive: `'keyboard cat'`, `true`, `3600`, `undefined`. */
export interface LiteralValue extends ValueBase {
  readonly kind: 'literal';
  readonly value: Primitive;
}

/** A read of an environment variable whose content is not known here. */
export interface EnvValue extends ValueBase {
  readonly kind: 'env';
  /** Variable name, or undefined for a computed key. */
  readonly name: string | undefined;
}

export interface Prop {
  /** Possible values of the property; a `missing` entry means it may be absent. */
  readonly values: readonly Value[];
  /** The property assignment (or write) the value came from, when there is one. */
  readonly site?: TS.Node;
}

export interface ObjectValue extends ValueBase {
  readonly kind: 'object';
  readonly props: ReadonlyMap<string, Prop>;
  /** Some part of the object could not be resolved (e.g. a spread of an unknown value): absent keys may exist. */
  readonly open: boolean;
  /** The object literal it was written as, when it is one (suggestions insert into it). */
  readonly literal?: TS.ObjectLiteralExpression;
}

export interface ArrayValue extends ValueBase {
  readonly kind: 'array';
  readonly elements: readonly (readonly Value[])[];
  /** Some elements could not be resolved (spread of unknown). */
  readonly open: boolean;
}

/** A function whose body we can read. */
export interface FunctionValue extends ValueBase {
  readonly kind: 'function';
  readonly decl: TS.SignatureDeclaration;
}

/**
 * A module, or something reached from it by property access: `require('express-session')`,
 * `session.MemoryStore`, `process.env` (module 'process', path ['env']).
 */
export interface ModuleValue extends ValueBase {
  readonly kind: 'module';
  readonly module: string;
  /** Export path: [] is the module itself (CommonJS value or namespace), ['default'] is normalized to []. */
  readonly path: readonly string[];
}

/** The result of calling or constructing something we know: `new session.MemoryStore()`, `require('connect-redis')(session)`. */
export interface InstanceValue extends ValueBase {
  readonly kind: 'instance';
  readonly of: ModuleValue;
  /** `new X()` rather than a call. */
  readonly constructed: boolean;
  readonly args: readonly TS.Expression[];
}

/** A property that may be absent (only inside {@link Prop.values}). */
export interface MissingValue extends ValueBase {
  readonly kind: 'missing';
}

export interface UnknownValue extends ValueBase {
  readonly kind: 'unknown';
  readonly reason: string;
  /** A property of a value a library made (`storage.getSession` of `createCookieSessionStorage(...)`): which, and of what. */
  readonly member?: { readonly of: InstanceValue; readonly name: string };
}

export type Value =
  | LiteralValue
  | EnvValue
  | ObjectValue
  | ArrayValue
  | FunctionValue
  | ModuleValue
  | InstanceValue
  | MissingValue
  | UnknownValue;

/** Three-valued logic for conditions. */
export type Tri = true | false | 'unknown';

export function truthiness(v: Value): Tri {
  switch (v.kind) {
    case 'literal':
      return Boolean(v.value);
    case 'object':
    case 'array':
    case 'function':
    case 'module':
    case 'instance':
      return true;
    case 'missing':
      return false;
    default:
      return 'unknown';
  }
}



// ───────────────────────────── helpers of the evaluator ─────────────────────────────

export function unknown(node: TS.Node, reason: string): Value {
  return { kind: 'unknown', reason, node };
}

export function asFallback(v: Value, envName: string): Value {
  return v.kind === 'literal' || v.kind === 'array' ? { ...v, fallbackOf: envName } : v;
}

export function notNullish(v: Value): Tri {
  if (v.kind === 'literal') return v.value !== null && v.value !== undefined;
  if (v.kind === 'missing') return false;
  if (v.kind === 'env' || v.kind === 'unknown') return 'unknown';
  return true;
}

export function notUndefined(v: Value): Tri {
  if (v.kind === 'literal') return v.value !== undefined;
  if (v.kind === 'missing') return false;
  if (v.kind === 'env' || v.kind === 'unknown') return 'unknown';
  return true;
}

export function isEnvObject(v: Value): boolean {
  return v.kind === 'module' && v.module === 'process' && v.path.length === 1 && v.path[0] === 'env';
}

export function describeKind(v: Value): string {
  switch (v.kind) {
    case 'env':
      return 'an environment variable';
    case 'function':
      return 'a function';
    case 'instance':
      return `a value made by '${v.of.module}'`;
    default:
      return 'an unknown value';
  }
}

/** Props already set may be replaced by a source session-audit cannot see (all but `except`'s keys): one more, unknown, possibility. */
export function mayOverride(props: Map<string, Prop>, node: TS.Node, except?: ReadonlyMap<string, Prop>): Map<string, Prop> {
  for (const [key, prop] of props) {
    if (except?.has(key)) continue;
    props.set(key, { values: [...prop.values, unknown(node, `'${key}' may be replaced by an object session-audit cannot see`)], site: prop.site });
  }
  return props;
}

/** Merges the object possibilities of a spread / Object.assign source into one; undefined when nothing is known. */
export function mergeObjects(values: readonly Value[], node: TS.Node): ObjectValue | undefined {
  const objects = values.filter((v): v is ObjectValue => v.kind === 'object');
  const others = values.filter((v) => v.kind !== 'object' && !(v.kind === 'literal' && (v.value == null || v.value === false)) && v.kind !== 'missing');
  if (objects.length === 0) return others.length === 0 ? { kind: 'object', props: new Map(), open: false, node } : undefined;
  if (objects.length === 1 && others.length === 0) return objects[0];
  const keys = new Set(objects.flatMap((o) => [...o.props.keys()]));
  const props = new Map<string, Prop>();
  const partial = objects.length < values.length;
  for (const key of keys) {
    const vals: Value[] = [];
    let site: TS.Node | undefined;
    for (const o of objects) {
      const p = o.props.get(key);
      if (p) {
        vals.push(...p.values);
        site ??= p.site;
      } else vals.push(o.open ? unknown(node, 'a partly known object') : { kind: 'missing', node });
    }
    if (partial) vals.push({ kind: 'missing', node });
    props.set(key, { values: vals, site });
  }
  return { kind: 'object', props, open: others.length > 0 || objects.some((o) => o.open), node, literal: objects[0]!.literal };
}
