/**
 * Abstract values: what an expression can be at run time.
 *
 * The evaluator works in one *world* at a time: `production` (NODE_ENV is
 * 'production') or `development` (any other environment, NODE_ENV unknown but
 * not 'production'). A value is therefore a list of possibilities that hold in
 * that world; a rule asks "which values are possible in production?".
 */
import type * as TS from 'typescript';

export type World = 'production' | 'development';

export type Primitive = string | number | boolean | null | undefined | bigint;

interface ValueBase {
  /** The expression (or declaration) the value was read from. */
  readonly node: TS.Node;
  /** When the value is a fallback of an environment read (`process.env.X || 'dev'`), the variable's name. */
  readonly fallbackOf?: string;
}

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
