/**
 * Validated environments: a schema's default is the fallback of the environment variable it
 * validates, exactly like `process.env.S || 'dev'`. The libraries' facts (which call reads the
 * environment, where the default sits) are data in `SCHEMAS`; the evaluator reads them here:
 *
 * - zod (and joi, yup, valibot-like chains): `z.object({ S: z.string().default('dev') }).parse(process.env)`,
 *   `.safeParse(process.env).data`; a default anywhere in the field's call chain.
 * - @t3-oss/env-core, -nextjs, -nuxt: `createEnv({ server: { S: z.string().default('dev') }, runtimeEnv: { S: process.env.S } })`.
 * - envalid: `cleanEnv(process.env, { S: str({ default: 'x', devDefault: 'y' }) })`: `devDefault` holds
 *   outside production only (so it is never a production value).
 * - convict: `convict({ session: { secret: { default: 'x', env: 'SESSION_SECRET' } } }).get('session.secret')`:
 *   a leaf with an `env` (a leaf without one is unknown: a config file loaded later may set it).
 *
 * - environment readers other than `process.env` (`ENV_READERS`): AdonisJS `Env.get('S', 'x')`, env-var
 *   `get('S').default('x').asString()`: the default argument is the fallback.
 *
 * A fallback found this way says which schema or reader it comes from (`fallbackVia`), for the message, and
 * carries its fix (`fallbackFix`): the edits that make the variable required, or the reason there are none.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import { symbolAt } from './syntax.js';
import type { TextEdit } from '../rule.js';
import { type FallbackFix, type LiteralValue, type ObjectValue, type Prop, type Value, unknown } from './values.js';

/**
 * The libraries. Sources: zod docs ("Defaults": `.default(value)`), joi API (`any.default(value)`),
 * yup README (`mixed.default(value)`), env.t3.gg docs (createEnv: `server`, `client`, `shared`,
 * `runtimeEnv`, `experimental__runtimeEnv`), envalid README (validators `str`, `bool`, `num`,
 * `email`, `host`, `port`, `url`, `json`; spec options `default`, `devDefault` — "used only when
 * NODE_ENV !== 'production'"), convict README (schema leaves: `default`, `env`; `config.get(path)`).
 */
const SCHEMAS = {
  /** Schema builders whose fields may carry `.default(value)` in their call chain; `parse` methods read the input. */
  chains: { modules: ['zod', 'zod/v4', 'zod/v3', 'joi', '@hapi/joi', 'yup'], objectBuilders: ['object', 'strictObject', 'looseObject'], parse: ['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validateSync', 'cast'], joiValidate: 'validate', default: 'default' },
  t3: { modules: ['@t3-oss/env-core', '@t3-oss/env-nextjs', '@t3-oss/env-nuxt'], function: 'createEnv', groups: ['server', 'client', 'shared'], runtime: ['runtimeEnv', 'experimental__runtimeEnv'] },
  envalid: { module: 'envalid', function: 'cleanEnv', validators: ['str', 'bool', 'num', 'email', 'host', 'port', 'url', 'json', 'makeValidator'], default: 'default', devDefault: 'devDefault' },
  convict: { module: 'convict', get: 'get', default: 'default', env: 'env' },
} as const;

const CHAIN_MODULES: readonly string[] = SCHEMAS.chains.modules;

/**
 * Environment readers other than `process.env` (data): a call that reads one variable by name, with the
 * default it falls back to when the variable is not set, the same value as `process.env.S || 'dev'`.
 * Sources: AdonisJS 4 (legacy.adonisjs.com/docs/4.1/configuration-and-env: `use('Env')`, `Env.get(key, default)`,
 * `Env.getOrFail(key)`), AdonisJS 5 (docs.adonisjs.com v5 "Environment variables": `import Env from
 * '@ioc:Adonis/Core/Env'`, the same methods), AdonisJS 6 (docs.adonisjs.com/guides/getting-started/environment-variables:
 * `start/env.ts` exports `await Env.create(new URL('../', import.meta.url), { ... })` of '@adonisjs/core/env', read
 * as `env.get(key, default)` after `import env from '#start/env'`), env-var README (`env.get('X').default('d')
 * .required().asString()`).
 *
 * `reader`: how the reader object is reached: a module (its path), a call of a module function (`made`), or the
 * AdonisJS 4 container's global `use(name)`. `methods`: which argument is the name and which the default.
 * `fix`: how a default is removed so that a missing variable fails at start-up (`getOrFail`: the method to call
 * instead; `drop`: the argument removed, where the reader's own schema then requires the variable).
 */
interface EnvReader {
  readonly library: string;
  readonly modules?: readonly string[];
  readonly made?: { readonly module: string; readonly path: readonly string[] };
  readonly iocNames?: readonly string[];
  readonly methods: Readonly<Record<string, { readonly name: number; readonly default?: number }>>;
  readonly fix: { readonly getOrFail: string } | { readonly drop: true } | { readonly reason: string };
}

const ENV_READERS: readonly EnvReader[] = [
  { library: 'AdonisJS', iocNames: ['Env', 'Adonis/Src/Env'], methods: { get: { name: 0, default: 1 }, getOrFail: { name: 0 } }, fix: { getOrFail: 'getOrFail' } },
  { library: 'AdonisJS', modules: ['@ioc:Adonis/Core/Env'], methods: { get: { name: 0, default: 1 }, getOrFail: { name: 0 } }, fix: { getOrFail: 'getOrFail' } },
  // v6: the app's own `start/env.ts` (its `Env.create` schema validates every variable it lists at start-up).
  { library: 'AdonisJS', made: { module: '@adonisjs/core/env', path: ['Env', 'create'] }, modules: ['#start/env'], methods: { get: { name: 0, default: 1 } }, fix: { drop: true } },
];

/** env-var: `env.get('X').default('d').asString()` (the chain ends in an `as*` accessor). */
const ENV_VAR = { module: 'env-var', get: 'get', default: 'default', accessor: /^as[A-Z]/, required: 'required' } as const;

/** What a call of a schema library returns, or undefined when the call is none of theirs. */
export function schemaCall(ev: Evaluator, node: TS.CallExpression, fn: Value): Value[] | undefined {
  const ts = ev.ts;
  const read = readerCall(ev, node, fn) ?? envVarCall(ev, node);
  if (read) return read;
  // @t3-oss/env createEnv({...})
  if (fn.kind === 'module' && (SCHEMAS.t3.modules as readonly string[]).includes(fn.module) && fn.path.join('.') === SCHEMAS.t3.function) return t3Env(ev, node);
  // envalid cleanEnv(process.env, {...})
  if (fn.kind === 'module' && fn.module === SCHEMAS.envalid.module && fn.path.join('.') === SCHEMAS.envalid.function) return envalid(ev, node);
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  // convict(schema).get('a.b')
  if (method === SCHEMAS.convict.get && fn.kind === 'unknown') {
    const recv = ev.evaluate(callee.expression);
    if (recv.length === 1 && recv[0]!.kind === 'instance' && recv[0]!.of.module === SCHEMAS.convict.module && recv[0]!.of.path.length === 0) return convictGet(ev, recv[0]!.args[0], node);
  }
  // schema.parse(input), Joi's schema.validate(input).value
  if ((SCHEMAS.chains.parse as readonly string[]).includes(method) || method === SCHEMAS.chains.joiValidate) {
    const fields = objectSchemaFields(ev, callee.expression);
    if (!fields) return undefined;
    const arg = node.arguments[0];
    const input = arg && !ts.isSpreadElement(arg) ? ev.evaluate(arg) : [];
    const data = parsed(ev, fields.fields, input, fields.library, node);
    if (method.startsWith('safeParse')) return [objectOf(node, { data: [data], success: [unknown(node, 'whether the input is valid')] })];
    if (method === SCHEMAS.chains.joiValidate) return [objectOf(node, { value: [data], error: [unknown(node, 'a validation error')] })];
    return [data];
  }
  return undefined;
}

/** `process.env`, read in this world (NODE_ENV is 'production' in production). */
function processEnv(node: TS.Node): Value {
  return { kind: 'module', module: 'process', path: ['env'], node };
}

function objectOf(node: TS.Node, props: Record<string, Value[]>, open = true): ObjectValue {
  return { kind: 'object', props: new Map(Object.entries(props).map(([k, values]) => [k, { values }])), open, node };
}

/** The fields of an object schema (`z.object({...})`, possibly through a constant and `.strict()`-like calls), with its library. */
function objectSchemaFields(ev: Evaluator, expr: TS.Expression): { fields: TS.ObjectLiteralExpression; library: string } | undefined {
  const ts = ev.ts;
  let e: TS.Expression | undefined = resolveConst(ev, expr);
  for (let i = 0; e && i < 16; i++) {
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
    const name = e.expression.name.text;
    if ((SCHEMAS.chains.objectBuilders as readonly string[]).includes(name)) {
      const lib = libraryOf(ev, e.expression.expression);
      const arg = e.arguments[0];
      const fields = arg ? resolveConst(ev, arg) : undefined;
      return lib && fields && ts.isObjectLiteralExpression(fields) ? { fields, library: lib } : undefined;
    }
    e = resolveConst(ev, e.expression.expression);
  }
  return undefined;
}

/** The schema library a builder's root (`z`, `Joi`, `yup`) is, by its import. */
function libraryOf(ev: Evaluator, root: TS.Expression): string | undefined {
  const v = ev.evaluate(root);
  if (v.length !== 1 || v[0]!.kind !== 'module') return undefined;
  const m = v[0]!.module;
  return CHAIN_MODULES.includes(m) ? m : undefined;
}

/** An identifier bound to a `const` with an initializer: the initializer (a few steps); else the expression. */
function resolveConst(ev: Evaluator, expr: TS.Expression): TS.Expression {
  const ts = ev.ts;
  let e = expr;
  for (let i = 0; i < 4; i++) {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    if (!ts.isIdentifier(e)) return e;
    // `e` is an argument or a const's initializer, never a shorthand property's name: the plain lookup.
    const d = symbolAt(() => ev.checkerOf(e), e)?.valueDeclaration;
    if (!d || !ts.isVariableDeclaration(d) || !d.initializer || (ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) === 0) return e;
    e = d.initializer;
  }
  return e;
}

/** Methods after which a field may be left out even without its default: removing the default would not make it required. */
const OPTIONAL_METHODS: readonly string[] = ['optional', 'nullable', 'nullish', 'catch', 'prefault', 'allow', 'empty', 'notRequired'];

/**
 * The default in a field's call chain (`z.string().min(32).default('dev')`), evaluated, with its fix (the call removed:
 * the field is then required, so the schema fails at start-up without the variable); undefined when there is none.
 */
function chainDefault(ev: Evaluator, field: TS.Expression): { values: Value[]; fix: () => FallbackFix } | undefined {
  const ts = ev.ts;
  let e: TS.Expression = resolveConst(ev, field);
  let found: TS.CallExpression | undefined;
  const optional: string[] = [];
  for (let i = 0; i < 16 && ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression); i++) {
    const m = e.expression.name.text;
    if (m === SCHEMAS.chains.default && e.arguments[0]) found ??= e;
    else if (OPTIONAL_METHODS.includes(m)) optional.push(m);
    e = resolveConst(ev, e.expression.expression);
  }
  if (!found) return undefined;
  const call = found;
  const fix = (): FallbackFix => {
    if (optional.length > 0) return { reason: `the field is also \`.${optional[0]}()\`, so without its default the secret would be left unset rather than required` };
    const sf = call.getSourceFile();
    return { edits: [{ file: sf.fileName, start: (call.expression as TS.PropertyAccessExpression).expression.getEnd(), end: call.getEnd(), text: '' }] };
  };
  return { values: ev.evaluate(call.arguments[0]!), fix };
}

/** Removes a property from the object literal it is written in (with its comma); undefined when it is not written there. */
function removeProperty(ts: Evaluator['ts'], prop: TS.Node): FallbackFix | undefined {
  const obj = prop.parent;
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  const props = obj.properties;
  const i = props.indexOf(prop as TS.ObjectLiteralElementLike);
  const sf = prop.getSourceFile();
  if (i < 0) return undefined;
  if (props.length === 1) return { edits: [{ file: sf.fileName, start: obj.getStart(sf), end: obj.getEnd(), text: '{}' }] };
  if (i < props.length - 1) return { edits: [{ file: sf.fileName, start: prop.getStart(sf), end: props[i + 1]!.getStart(sf), text: '' }] };
  return { edits: [{ file: sf.fileName, start: props[i - 1]!.getEnd(), end: prop.getEnd(), text: '' }] };
}

/** A field's value: what the input holds for it, and its default when the input may lack it. */
function withDefault(values: Value[], defaults: Value[] | undefined, envName: string, via: string, fix?: () => FallbackFix): Value[] {
  if (!defaults) return values;
  const mayLack = values.some((v) => v.kind === 'env' || v.kind === 'missing' || v.kind === 'unknown' || (v.kind === 'literal' && v.value === undefined));
  if (!mayLack) return values;
  const present = values.filter((v) => v.kind !== 'missing' && !(v.kind === 'literal' && v.value === undefined));
  const fallbackFix = fix?.();
  return [...present, ...defaults.map((d): Value => (d.kind === 'literal' ? ({ ...d, fallbackOf: envName, fallbackVia: via, ...(fallbackFix ? { fallbackFix } : {}) } satisfies LiteralValue) : d))];
}

function parsed(ev: Evaluator, fields: TS.ObjectLiteralExpression, input: Value[], library: string, node: TS.Node): ObjectValue {
  const props = new Map<string, Prop>();
  for (const p of fields.properties) {
    if (!ev.ts.isPropertyAssignment(p)) continue;
    const key = ev.propertyName(p.name);
    if (key === undefined) continue;
    const values = ev.getProperty(input, key, p);
    const d = chainDefault(ev, p.initializer);
    props.set(key, { values: withDefault(values, d?.values, key, `the ${library} schema's .default()`, d?.fix), site: p });
  }
  return { kind: 'object', props, open: true, node };
}

function t3Env(ev: Evaluator, node: TS.CallExpression): Value[] {
  const ts = ev.ts;
  const arg = node.arguments[0];
  const opts = arg ? resolveConst(ev, arg) : undefined;
  if (!opts || !ts.isObjectLiteralExpression(opts)) return [unknown(node, 'an environment schema session-audit cannot read')];
  const optValue = ev.evaluate(opts);
  const runtime = SCHEMAS.t3.runtime.map((r) => ev.getProperty(optValue, r, node)).find((v) => v.some((x) => x.kind !== 'missing'));
  const props = new Map<string, Prop>();
  for (const group of SCHEMAS.t3.groups) {
    const g = opts.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && ev.propertyName(p.name) === group);
    const fields = g ? resolveConst(ev, g.initializer) : undefined;
    if (!fields || !ts.isObjectLiteralExpression(fields)) continue;
    for (const p of fields.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const key = ev.propertyName(p.name);
      if (key === undefined) continue;
      // runtimeEnv: { S: process.env.S } (or runtimeEnv: process.env); none given: the environment itself.
      const values = ev.getProperty(runtime ?? [processEnv(p)], key, p);
      const d = chainDefault(ev, p.initializer);
      props.set(key, { values: withDefault(values, d?.values, key, "the @t3-oss/env schema's .default()", d?.fix), site: p });
    }
  }
  return [{ kind: 'object', props, open: true, node }];
}

function envalid(ev: Evaluator, node: TS.CallExpression): Value[] {
  const ts = ev.ts;
  const [envArg, specArg] = node.arguments;
  const specs = specArg ? resolveConst(ev, specArg) : undefined;
  if (!envArg || !specs || !ts.isObjectLiteralExpression(specs)) return [unknown(node, 'an environment schema session-audit cannot read')];
  const input = ev.evaluate(envArg);
  const props = new Map<string, Prop>();
  for (const p of specs.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = ev.propertyName(p.name);
    if (key === undefined) continue;
    const values = ev.getProperty(input, key, p);
    const spec = resolveConst(ev, p.initializer);
    let defaults: Value[] | undefined;
    let fix: (() => FallbackFix) | undefined;
    if (ts.isCallExpression(spec) && spec.arguments[0]) {
      const fn = ev.evaluate(spec.expression);
      const isValidator = fn.length === 1 && fn[0]!.kind === 'module' && fn[0]!.module === SCHEMAS.envalid.module;
      if (isValidator) {
        const o = ev.evaluate(spec.arguments[0]);
        const d = ev.getProperty(o, SCHEMAS.envalid.default, p).filter((v) => v.kind !== 'missing');
        // devDefault: only outside production.
        const dev = ev.world === 'production' ? [] : ev.getProperty(o, SCHEMAS.envalid.devDefault, p).filter((v) => v.kind !== 'missing');
        if (d.length + dev.length > 0) defaults = [...d, ...dev];
        // `str({ default: 'dev' })` → `str({})`: the validator then requires the variable.
        const opts = resolveConst(ev, spec.arguments[0]);
        const prop = ts.isObjectLiteralExpression(opts) ? opts.properties.find((q) => ts.isPropertyAssignment(q) && ev.propertyName(q.name) === SCHEMAS.envalid.default) : undefined;
        fix = () => (prop && removeProperty(ts, prop)) || { reason: "the validator's options are not written as an object here" };
      }
    }
    props.set(key, { values: withDefault(values, defaults, key, "envalid's default", fix), site: p });
  }
  return [{ kind: 'object', props, open: true, node }];
}

function convictGet(ev: Evaluator, schemaArg: TS.Expression | undefined, node: TS.CallExpression): Value[] {
  const keyArg = node.arguments[0];
  if (!schemaArg || !keyArg) return [unknown(node, 'a convict setting')];
  const key = ev.evaluate(keyArg);
  if (key.length !== 1 || key[0]!.kind !== 'literal' || typeof key[0]!.value !== 'string') return [unknown(node, 'a convict setting')];
  let leaf: Value[] = ev.evaluate(schemaArg);
  for (const seg of key[0]!.value.split('.')) leaf = ev.getProperty(leaf, seg, node);
  const env = ev.getProperty(leaf, SCHEMAS.convict.env, node);
  const envName = env.length === 1 && env[0]!.kind === 'literal' && typeof env[0]!.value === 'string' ? env[0]!.value : undefined;
  // Without `env`, a config file loaded later (config.loadFile) may set it: unknown.
  if (!envName) return [unknown(node, 'a convict setting a config file may set')];
  const defaults = ev.getProperty(leaf, SCHEMAS.convict.default, node).filter((v) => v.kind !== 'missing');
  return withDefault(ev.getProperty([processEnv(node)], envName, node), defaults.length ? defaults : undefined, envName, "the convict schema's default", () => ({
    reason: 'convict requires a `default` in every setting, so the schema would not load without it; check the value at start-up instead',
  }));
}

/** AdonisJS 4's container name (`use('Env')`) of a reader: the reader's module value. */
const IOC_MODULE = '%adonis-ioc:';

/** A call of an environment reader of `ENV_READERS`: the variable it reads, with its default as the fallback. */
function readerCall(ev: Evaluator, node: TS.CallExpression, fn: Value): Value[] | undefined {
  const ts = ev.ts;
  const callee = node.expression;
  // use('Env'): the global of AdonisJS 4's container (a `use` the code declares is a function, not unknown)
  if (fn.kind === 'unknown' && ts.isIdentifier(callee) && callee.text === 'use' && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
    const name = node.arguments[0].text;
    const r = ENV_READERS.find((x) => x.iocNames?.includes(name));
    return r ? [{ kind: 'module', module: `${IOC_MODULE}${r.iocNames![0]}`, path: [], node }] : undefined;
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const reader = ENV_READERS.find((r) => {
    if (!r.methods[method]) return false;
    if (fn.kind === 'module' && fn.path.length === 1 && fn.path[0] === method) {
      return (r.modules ?? []).includes(fn.module) || (r.iocNames !== undefined && fn.module === `${IOC_MODULE}${r.iocNames[0]}`);
    }
    const of = fn.kind === 'unknown' && fn.member?.name === method ? fn.member.of : undefined;
    return !!(of && r.made && !of.constructed && of.of.module === r.made.module && of.of.path.join('.') === r.made.path.join('.'));
  });
  if (!reader) return undefined;
  const spec = reader.methods[method]!;
  const nameArg = node.arguments[spec.name];
  const name = nameArg && !ts.isSpreadElement(nameArg) ? ev.evaluate(nameArg) : [];
  if (name.length !== 1 || name[0]!.kind !== 'literal' || typeof name[0]!.value !== 'string') return [{ kind: 'env', name: undefined, node }];
  const envName = name[0].value;
  const values = ev.getProperty([processEnv(node)], envName, node);
  const defArg = spec.default === undefined ? undefined : node.arguments[spec.default];
  if (!defArg || ts.isSpreadElement(defArg)) return values;
  const receiver = callee.expression;
  const via = `the default of ${reader.library}'s ${ts.isIdentifier(receiver) ? `${receiver.text}.` : ''}${method}()`;
  return withDefault(values, ev.evaluate(defArg), envName, via, () => readerFix(ev, node, spec.default!, reader));
}

/** Removing a reader's default argument: the method that fails without the variable, or the argument dropped. */
function readerFix(ev: Evaluator, node: TS.CallExpression, index: number, reader: EnvReader): FallbackFix {
  const sf = node.getSourceFile();
  const args = node.arguments;
  if (index !== args.length - 1 || index === 0) return { reason: 'the default is not the call\'s last argument' };
  const drop: TextEdit = { file: sf.fileName, start: args[index - 1]!.getEnd(), end: args[index]!.getEnd(), text: '' };
  if ('reason' in reader.fix) return { reason: reader.fix.reason };
  if ('drop' in reader.fix) return { edits: [drop] };
  const callee = node.expression as TS.PropertyAccessExpression;
  return { edits: [{ file: sf.fileName, start: callee.name.getStart(sf), end: callee.name.getEnd(), text: reader.fix.getOrFail }, drop] };
}

/**
 * env-var: `env.get('S').default('dev').asString()` (any `as*` accessor ends the chain; `.required()` beside a
 * default still falls back to it). The fix replaces the default with `.required()`.
 */
function envVarCall(ev: Evaluator, node: TS.CallExpression): Value[] | undefined {
  const ts = ev.ts;
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ENV_VAR.accessor.test(callee.name.text)) return undefined;
  let defaultCall: TS.CallExpression | undefined;
  let required = false;
  let e: TS.Expression = callee.expression;
  for (let i = 0; i < 8; i++) {
    if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
    const m = e.expression.name.text;
    if (m === ENV_VAR.get) break;
    if (m === ENV_VAR.default) defaultCall ??= e;
    else if (m === ENV_VAR.required) required = true;
    e = e.expression.expression;
  }
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== ENV_VAR.get) return undefined;
  const root = ev.evaluate(e.expression.expression);
  if (root.length !== 1 || root[0]!.kind !== 'module' || root[0]!.module !== ENV_VAR.module || root[0]!.path.length !== 0) return undefined;
  const nameArg = e.arguments[0];
  const name = nameArg && !ts.isSpreadElement(nameArg) ? ev.evaluate(nameArg) : [];
  if (name.length !== 1 || name[0]!.kind !== 'literal' || typeof name[0]!.value !== 'string') return [{ kind: 'env', name: undefined, node }];
  const envName = name[0].value;
  const values = ev.getProperty([processEnv(node)], envName, node);
  const defArg = defaultCall?.arguments[0];
  if (!defaultCall || !defArg || ts.isSpreadElement(defArg)) return values;
  const d = defaultCall;
  const fix = (): FallbackFix => {
    const sf = d.getSourceFile();
    const recv = (d.expression as TS.PropertyAccessExpression).expression;
    return { edits: [{ file: sf.fileName, start: recv.getEnd(), end: d.getEnd(), text: required ? '' : `.${ENV_VAR.required}()` }] };
  };
  return withDefault(values, ev.evaluate(defArg), envName, "env-var's .default()", fix);
}
