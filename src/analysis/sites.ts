/**
 * Session sites: the calls that create a session middleware, found through
 * whatever name the module is bound to (import, require, re-binding), and the
 * option values each can have in a world.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import type { Evaluator } from './evaluate.js';
import { type FactoryShape, type LibraryInfo, LIBRARIES, cookieAttributePath } from './libraries.js';
import type { ObjectValue, Tri, Value, World } from './values.js';
import { walk } from './walk.js';

/** One possible value of an option, with where it was written and the object that holds (or lacks) it. */
export interface OptionValue {
  readonly value: Value;
  /** The property assignment or write that gave the value. */
  readonly site?: TS.Node;
  /** The property assignments passed through on the way (`cookie: c` for 'cookie.secure'), outermost first. */
  readonly trail?: readonly TS.Node[];
  /** For a missing option: the deepest object on the path that exists, and the keys missing below it. */
  readonly holder?: ObjectValue;
  readonly missingPath?: readonly string[];
}

export interface SiteView {
  readonly world: World;
  /** Whether the call runs in this world (false: e.g. inside `if (NODE_ENV !== 'production')`). */
  readonly reachable: Tri;
  readonly options: readonly Value[];
  /** Possible values of an option path such as 'cookie.secure' (library-relative, see LibraryInfo.options). */
  option(path: string): readonly OptionValue[];
}

export class SessionSite {
  private readonly views = new Map<World, SiteView>();
  /** Whether the app's version of the library lacks a behaviour (`LibraryInfo.since`; set by findSites from the app's versions). */
  lacks: (behaviour: 'regenerate' | 'cookieFunction') => boolean = () => false;

  constructor(
    readonly library: LibraryInfo,
    /**
     * The factory call, the `register(...)` call, the `app.keys = ...` assignment, or the
     * declaration of an options object typed with the library's options type (`SiteNode`).
     */
    readonly call: SiteNode,
    readonly optionsNode: TS.Expression | undefined,
    private readonly evaluators: (world: World) => Evaluator,
    private readonly ts: TSModule,
  ) {}

  view(world: World): SiteView {
    let v = this.views.get(world);
    if (!v) {
      v = makeView(this, this.evaluators(world), world, this.ts);
      this.views.set(world, v);
    }
    return v;
  }

  /**
   * Path of the session cookie's attribute `attr` for this library ('cookie.secure',
   * 'secure'), or undefined when the library sets no session cookie.
   */
  cookiePath(attr: string): string | undefined {
    return cookieAttributePath(this.library, attr);
  }
}

/**
 * What makes a site: a call, an assignment (`app.keys = ...`), or an options object declared
 * with the library's options type (`const o: NextAuthOptions = {...}`: the declaration;
 * `{...} satisfies NextAuthConfig`: the satisfies or `as` expression).
 */
export type SiteNode = TS.CallExpression | TS.BinaryExpression | TS.VariableDeclaration | TS.SatisfiesExpression | TS.AsExpression;

function makeView(site: SessionSite, ev: Evaluator, world: World, ts: TSModule): SiteView {
  const reachable = ev.reachable(site.call, { functionsMayNotRun: false });
  // A library that takes a function returning the options (Auth.js v5 `NextAuth((req) => ({...}))`): its returns.
  const lazy = (v: Value): Value[] => (v.kind === 'function' && site.library.options.optionsMayBeFunction ? ev.returnsOf(v.decl, v.node) : [v]);
  const options = site.optionsNode ? ev.evaluate(site.optionsNode).flatMap(lazy) : [];
  const cache = new Map<string, OptionValue[]>();
  const cookieKey = site.library.options.cookie;
  return {
    world,
    reachable,
    options,
    option(path: string) {
      let r = cache.get(path);
      if (!r) {
        const segments = path === '' ? [] : path.split('.');
        const start: OptionValue[] = site.optionsNode
          ? options.map((value) => ({ value }))
          : [{ value: { kind: 'missing', node: site.call }, missingPath: segments }];
        const mayCall = (seg: string) => seg === cookieKey && site.library.options.cookieMayBeFunction && !site.lacks('cookieFunction');
        // A version that predates cookie functions takes the function itself as the cookie options: none of its returns apply.
        const ignored = (seg: string) => seg === cookieKey && site.library.options.cookieMayBeFunction && site.lacks('cookieFunction');
        // An explicit `undefined` is a value of its own where the library copies it over its default.
        const keepUndefined = site.library.undefinedOverridesDefault?.includes(path) ?? false;
        r = lookup(ev, start, segments, mayCall, keepUndefined, ignored);
        const fallbacks = site.library.options.fallbacks?.[path];
        // Left out: the library reads the next option of the chain before its default applies (per options object).
        if (fallbacks) r = start.flatMap((s0) => withFallbacks(ev, s0, segments, fallbacks, mayCall, keepUndefined, ignored));
        // Another name of the cookie object (`cookieOptions || cookie`): it wins when given; when it may or may not be, the value is unknown.
        for (const alias of cookieKey && segments[0] === cookieKey ? (site.library.options.cookieAliases ?? []) : []) {
          const given = lookup(ev, start, [alias], () => false);
          if (given.every((ov) => ov.missingPath)) continue;
          r = given.some((ov) => ov.missingPath)
            ? [{ value: { kind: 'unknown', reason: `'${alias}' may replace '${cookieKey}'`, node: site.call } }]
            : lookup(ev, start, [alias, ...segments.slice(1)], mayCall, keepUndefined, ignored);
          break;
        }
        // A value written in an options object typed with the library's type is judged at that object (a site of its own).
        if (site.library.optionsTypes && !isTypedSiteNode(site.call)) {
          const kept = r.filter((ov) => ov.missingPath || !ov.site || !insideTypedOptions(ov.site, site.library, ts));
          if (kept.length < r.length) r = kept;
        }
        cache.set(path, r);
      }
      return r;
    },
  };
}

/**
 * The values of an option for one options object, the fallback options standing in where it is
 * left out: a possibility that lacks the option is replaced by the first fallback that is written
 * (its own possibilities, and the lack of it when it may be left out too); when none is written,
 * the primary option stays missing (its default and remedies apply).
 */
function withFallbacks(
  ev: Evaluator,
  start: OptionValue,
  segments: readonly string[],
  fallbacks: readonly string[],
  mayCall: (seg: string) => boolean,
  keepUndefined: boolean,
  ignored: (seg: string) => boolean,
): OptionValue[] {
  // The option's parent given as a primitive (hapi-auth-cookie's old `cookie: 'sid'`, the cookie's name): the option is
  // not there, and the older flat options are read instead.
  const parents = segments.length > 1 ? lookup(ev, [start], segments.slice(0, -1), () => false) : [];
  const primitiveParent = parents.length > 0 && parents.every((ov) => !ov.missingPath && ov.value.kind === 'literal');
  const primary = primitiveParent ? [{ value: { kind: 'missing', node: start.value.node }, missingPath: [...segments] } satisfies OptionValue] : lookup(ev, [start], segments, mayCall, keepUndefined, ignored);
  if (!primary.some((ov) => ov.missingPath)) return primary;
  let missing = primary.filter((ov) => ov.missingPath);
  const out = primary.filter((ov) => !ov.missingPath);
  for (const fb of fallbacks) {
    if (missing.length === 0) break;
    const values = lookup(ev, [start], fb.split('.'), () => false);
    if (values.every((ov) => ov.missingPath)) continue;
    out.push(...values.filter((ov) => !ov.missingPath));
    if (!values.some((ov) => ov.missingPath)) missing = [];
  }
  return [...out, ...missing];
}

/**
 * The values at `segments` below each start value. A missing property, or one set to
 * `undefined`, is a missing value (the library's default applies), unless `keepUndefined`:
 * then `undefined` at the last segment is kept as the literal it is.
 */
function lookup(
  ev: Evaluator,
  start: OptionValue[],
  segments: readonly string[],
  mayCall: (seg: string) => boolean,
  keepUndefined = false,
  ignored: (seg: string) => boolean = () => false,
): OptionValue[] {
  let current = start;
  segments.forEach((seg, i) => {
    const rest = segments.slice(i);
    const next: OptionValue[] = [];
    for (const ov of current) {
      const v = ov.value;
      if (ov.missingPath) {
        next.push(ov); // already missing higher up
        continue;
      }
      if (v.kind === 'object') {
        const prop = v.props.get(seg);
        if (!prop) {
          next.push(
            v.open
              ? { value: { kind: 'unknown', reason: `'${seg}' may come from an object session-audit cannot see`, node: v.node }, holder: v, trail: ov.trail }
              : { value: { kind: 'missing', node: v.node }, holder: v, missingPath: rest, trail: ov.trail },
          );
          continue;
        }
        const trail = prop.site ? [...(ov.trail ?? []), prop.site] : ov.trail;
        for (const pv of prop.values) {
          if (pv.kind === 'function' && ignored(seg) && i < segments.length - 1) {
            // The library reads the options below from the function object, which has none: its defaults apply.
            next.push({ value: { kind: 'missing', node: pv.node }, site: prop.site, missingPath: segments.slice(i + 1), trail });
            continue;
          }
          const values = pv.kind === 'function' && mayCall(seg) ? ev.returnsOf(pv.decl, pv.node) : [pv];
          for (const x of values) {
            const isLast = i === segments.length - 1;
            if (x.kind === 'missing' || (x.kind === 'literal' && x.value === undefined && !(keepUndefined && isLast))) {
              next.push({ value: x, site: prop.site, holder: v, missingPath: rest, trail });
            } else next.push({ value: x, site: prop.site, holder: v, trail });
          }
        }
        continue;
      }
      if (v.kind === 'missing' || (v.kind === 'literal' && v.value === undefined)) {
        next.push({ value: v, missingPath: rest, holder: ov.holder, trail: ov.trail });
        continue;
      }
      next.push({ value: { kind: 'unknown', reason: 'options session-audit cannot see', node: v.node } });
    }
    current = next;
  });
  return current;
}

/** Finds every session site in a file. */
export function findSites(
  sf: TS.SourceFile,
  ts: TSModule,
  evaluators: (world: World) => Evaluator,
  lacks: (library: LibraryInfo, behaviour: 'regenerate' | 'cookieFunction') => boolean = () => false,
  /** Whether the file or its app loads a module (hapi strategies name their scheme, not the plugin's module). */
  loads: (module: string) => boolean = () => false,
): SessionSite[] {
  const ev = evaluators('production');
  const sites: SessionSite[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n)) {
      const site = asCallSite(n, ev, ts, evaluators) ?? asRegisterSite(n, ev, ts, evaluators) ?? asStrategySite(n, ts, evaluators, loads);
      if (site) sites.push(site);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) {
      const site = asKeysSite(n, n.left, ev, ts, evaluators);
      if (site) sites.push(site);
    } else if (ts.isVariableDeclaration(n) || ts.isSatisfiesExpression(n) || ts.isAsExpression(n)) {
      const site = asTypedSite(n, ev, ts, evaluators);
      if (site) sites.push(site);
    }
  };
  walk(ts, sf, visit);
  sites.push(...configFileSites(sf, ts, evaluators, loads));
  // A call whose options are all objects declared with the library's options type is judged at that declaration (a site of its own).
  const kept = sites.filter((site) => !(ts.isCallExpression(site.call) && site.optionsNode && optionsAllTyped(site, ev, ts)));
  for (const site of kept) site.lacks = (behaviour) => lacks(site.library, behaviour);
  return kept;
}

/** The name of the type a declaration or `satisfies`/`as` gives an object, when it is a plain type reference. */
function typeNameOf(n: TS.VariableDeclaration | TS.SatisfiesExpression | TS.AsExpression, ts: TSModule): TS.Identifier | undefined {
  const type = n.type;
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const name = type.typeName;
  return ts.isIdentifier(name) ? name : name.right;
}

/** The object literal a typed declaration or expression holds (past TypeScript wrappers). */
function typedObject(n: TS.VariableDeclaration | TS.SatisfiesExpression | TS.AsExpression, ts: TSModule): TS.ObjectLiteralExpression | undefined {
  let e: TS.Expression | undefined = ts.isVariableDeclaration(n) ? n.initializer : n.expression;
  while (e && (ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e))) e = e.expression;
  return e && ts.isObjectLiteralExpression(e) ? e : undefined;
}

/** `const o: NextAuthOptions = {...}`, `{...} satisfies NextAuthConfig`: an options object typed with a library's options type. */
function asTypedSite(n: TS.VariableDeclaration | TS.SatisfiesExpression | TS.AsExpression, ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  const name = typeNameOf(n, ts);
  if (!name || !LIBRARIES.some((l) => l.optionsTypes?.includes(name.text))) return undefined;
  const object = typedObject(n, ts);
  if (!object) return undefined;
  // `const o: T = {...} satisfies T`: one site, at the declaration.
  if (!ts.isVariableDeclaration(n) && ts.isVariableDeclaration(outerOf(n, ts)) && typeNameOf(outerOf(n, ts) as TS.VariableDeclaration, ts)) return undefined;
  for (const v of ev.evaluate(ts.isQualifiedName(name.parent) ? name.parent.left : name)) {
    if (v.kind !== 'module') continue;
    const path = ts.isQualifiedName(name.parent) ? [...v.path, name.text] : v.path;
    const lib = LIBRARIES.find((l) => l.modules.includes(v.module) && l.optionsTypes?.includes(name.text) && path.length === 1 && path[0] === name.text);
    if (lib) return new SessionSite(lib, n, object, evaluators, ts);
  }
  return undefined;
}

/** The node a wrapper's value lands in: past parentheses and other wrappers. */
function outerOf(n: TS.Node, ts: TSModule): TS.Node {
  let p = n.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isSatisfiesExpression(p) || ts.isAsExpression(p))) p = p.parent;
  return p;
}

/** Whether a site node is an options object typed with the library's type (not a call). */
function isTypedSiteNode(n: SiteNode): boolean {
  return 'type' in n && n.type !== undefined && !('arguments' in n);
}

/** Whether a node lies inside an object literal declared with one of the library's options types. */
function insideTypedOptions(node: TS.Node, library: LibraryInfo, ts: TSModule): boolean {
  const types = library.optionsTypes ?? [];
  for (let p: TS.Node | undefined = node; p; p = p.parent) {
    if (!ts.isObjectLiteralExpression(p)) continue;
    const owner = outerOf(p, ts);
    const typed = ts.isVariableDeclaration(owner) || ts.isSatisfiesExpression(owner) || ts.isAsExpression(owner) ? owner : p.parent && (ts.isSatisfiesExpression(p.parent) || ts.isAsExpression(p.parent)) ? p.parent : undefined;
    const name = typed && typeNameOf(typed, ts);
    if (name && types.includes(name.text)) return true;
  }
  return false;
}

/** Whether every options value of a call is an object literal declared with one of its library's options types. */
function optionsAllTyped(site: SessionSite, ev: Evaluator, ts: TSModule): boolean {
  const values = ev.evaluate(site.optionsNode!);
  const types = site.library.optionsTypes ?? [];
  if (types.length === 0 || values.length === 0) return false;
  return values.every((v) => {
    if (v.kind !== 'object' || !v.literal) return false;
    for (let p: TS.Node = v.literal.parent; p; p = p.parent) {
      if (ts.isVariableDeclaration(p) || ts.isSatisfiesExpression(p) || ts.isAsExpression(p)) {
        const name = typeNameOf(p, ts);
        if (name && types.includes(name.text)) return true;
        if (ts.isVariableDeclaration(p)) return false;
        continue;
      }
      if (!ts.isParenthesizedExpression(p) && !ts.isNonNullExpression(p)) return false;
    }
    return false;
  });
}

/**
 * A session configured by a framework config file: in an app that depends on the framework, the
 * file at the library's `configFile.path` assigning `module.exports.<export> = {...}` (or
 * `exports.<export>`). The assignment is the site; its right side the options.
 */
function configFileSites(sf: TS.SourceFile, ts: TSModule, evaluators: (world: World) => Evaluator, loads: (module: string) => boolean): SessionSite[] {
  const file = sf.fileName.replace(/\\/g, '/');
  const out: SessionSite[] = [];
  for (const lib of LIBRARIES) {
    const config = lib.configFile;
    if (!config || !(file === config.path || file.endsWith(`/${config.path}`)) || !loads(config.framework)) continue;
    for (const stmt of sf.statements) {
      if (!ts.isExpressionStatement(stmt) || !ts.isBinaryExpression(stmt.expression) || stmt.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const assign = stmt.expression;
      const left = assign.left;
      if (!ts.isPropertyAccessExpression(left) || left.name.text !== config.export) continue;
      const target = left.expression;
      const isExports = (ts.isIdentifier(target) && target.text === 'exports') || (ts.isPropertyAccessExpression(target) && target.name.text === 'exports' && ts.isIdentifier(target.expression) && target.expression.text === 'module');
      if (isExports) out.push(new SessionSite(lib, assign, assign.right, evaluators, ts));
    }
  }
  return out;
}

/** hapi's `server.auth.strategy(name, scheme, options)` with a scheme a session library registers, in a file or app that loads it. */
function asStrategySite(call: TS.CallExpression, ts: TSModule, evaluators: (world: World) => Evaluator, loads: (module: string) => boolean): SessionSite | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'strategy' || !ts.isPropertyAccessExpression(callee.expression) || callee.expression.name.text !== 'auth') return undefined;
  const scheme = call.arguments[1];
  if (!scheme || !ts.isStringLiteralLike(scheme)) return undefined;
  for (const lib of LIBRARIES) {
    const shape = lib.factories.find((f) => f.via === 'strategy' && f.scheme === scheme.text);
    if (shape && lib.modules.some(loads)) return new SessionSite(lib, call, shape.optionsArg === 'last' ? call.arguments[call.arguments.length - 1] : call.arguments[shape.optionsArg as number], evaluators, ts);
  }
  return undefined;
}

/** The library and factory shape a module value is, for a given way of use. */
function factoryOf(v: Value, via: NonNullable<FactoryShape['via']>): { lib: LibraryInfo; shape: FactoryShape } | undefined {
  if (v.kind !== 'module') return undefined;
  for (const lib of LIBRARIES) {
    if (!lib.modules.includes(v.module)) continue;
    const shape = lib.factories.find((f) => (f.via ?? 'call') === via && f.export.length === v.path.length && f.export.every((p, i) => p === v.path[i]));
    if (shape) return { lib, shape };
  }
  return undefined;
}

function optionsArgument(args: readonly TS.Expression[], shape: FactoryShape, ev: Evaluator): TS.Expression | undefined {
  if (typeof shape.optionsArg === 'number') return args[shape.optionsArg];
  if (shape.optionsArg === 'last') return args[args.length - 1];
  // 'object': the first argument that can be an object (koa-session's `(opts, app)` or `(app, opts)`).
  return args.find((a) => ev.evaluate(a).some((v) => v.kind === 'object')) ?? args.find((a) => !ev.evaluate(a).some((v) => v.kind === 'instance'));
}

function asCallSite(call: TS.CallExpression, ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  const callee = call.expression;
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee) && !ts.isCallExpression(callee) && !ts.isParenthesizedExpression(callee)) {
    return undefined;
  }
  if (ts.isIdentifier(callee) && callee.text === 'require') return undefined;
  for (const v of ev.evaluate(callee)) {
    const f = factoryOf(v, 'call');
    if (f) return new SessionSite(f.lib, call, optionsArgument(call.arguments, f.shape, ev), evaluators, ts);
  }
  return undefined;
}

/** `fastify.register(plugin, opts)` where the plugin is a session library. */
function asRegisterSite(call: TS.CallExpression, ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'register' || call.arguments.length === 0) return undefined;
  for (const v of ev.evaluate(call.arguments[0]!)) {
    const f = factoryOf(v, 'register');
    if (f) return new SessionSite(f.lib, call, optionsArgument(call.arguments, f.shape, ev), evaluators, ts);
    const plugin = pluginSite(v, call, ev, ts, evaluators);
    if (plugin) return plugin;
  }
  return undefined;
}

/**
 * hapi's `server.register({ plugin, options })` (also one of an array) where the plugin is a
 * session library: the options are the object's `options` property, written in the object.
 */
function pluginSite(v: Value, call: TS.CallExpression, ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  const objects = v.kind === 'object' ? [v] : v.kind === 'array' ? v.elements.flat().filter((e): e is ObjectValue => e.kind === 'object') : [];
  for (const o of objects) {
    for (const p of o.props.get('plugin')?.values ?? []) {
      const f = factoryOf(p, 'plugin');
      if (!f) continue;
      const options = o.props.get('options')?.site;
      const node = options && ts.isPropertyAssignment(options) ? options.initializer : undefined;
      return new SessionSite(f.lib, call, node, evaluators, ts);
    }
  }
  return undefined;
}

/** `app.keys = [...]` on an instance of a library that signs with `keys` (Koa). */
function asKeysSite(assign: TS.BinaryExpression, left: TS.PropertyAccessExpression, ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  if (left.name.text !== 'keys') return undefined;
  for (const v of ev.evaluate(left.expression)) {
    if (v.kind !== 'instance' || !v.constructed) continue;
    const f = factoryOf(v.of, 'keys');
    if (f) return new SessionSite(f.lib, assign, assign.right, evaluators, ts);
  }
  return undefined;
}
