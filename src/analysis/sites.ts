/**
 * Session sites: the calls that create a session middleware, found through
 * whatever name the module is bound to (import, require, re-binding), and the
 * option values each can have in a world.
 */
import { type ConfigOverride, withOverrides } from './config-overrides.js';
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import type { Evaluator } from './evaluate.js';
import { moduleExports } from './evaluate-modules.js';
import { fileAtPath } from './evaluate-paths.js';
import { type FactoryShape, type LibraryInfo, LIBRARIES, type VersionedBehaviour, cookieAttributePath } from './libraries.js';
import { isSessionCookieName } from './libraries-web.js';
import { skipWrappers } from './syntax.js';
import { type TokenExpiry, signedTokens } from './token-expiry.js';
import type { ObjectValue, Primitive, Tri, Value, World } from './values.js';
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
  /**
   * For a missing option: the library's default does not apply, because the written object that holds it
   * replaces the default object whole in the app's version (`LibraryInfo.replacedWhole`): the option is unset.
   * The library's note, for messages.
   */
  readonly replacedDefault?: string;
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
  /** Whether the file sets the cookie's expiry where it writes the cookie (`LibraryInfo.commitOptions`). */
  expiryAtCommit = false;
  /** A hand-set cookie whose value is always a signed token with its own expiry: where each expiry is written (token-expiry.ts). */
  tokenExpiry?: readonly TokenExpiry[];
  /** A config-file site's overrides (Sails' config/env/production.js): merged over its options in the worlds they apply in. */
  configOverrides?: { readonly configFile: string; readonly configPath: string; readonly name: string; readonly overrides: readonly ConfigOverride[] };
  /** Whether the app's version of the library lacks a behaviour (`LibraryInfo.since`; set by findSites from the app's versions). */
  lacks: (behaviour: VersionedBehaviour) => boolean = () => false;

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
    /** How the call made the site (a memory-only factory, a cookie set by hand...). */
    readonly shape?: FactoryShape,
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
  /**
   * Options declared apart from any call (`const o: SessionOptions = {...}`): what they leave out,
   * the call that takes them may add, so a missing option is unknown here (its explicit values are judged).
   */
  get declared(): boolean {
    return isTypedSiteNode(this.call);
  }

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
  const own = site.optionsNode ? ev.evaluate(site.optionsNode).flatMap(lazy) : [];
  // A config file's overrides for this world (Sails' config/env/production.js), merged over its own options.
  const o = site.configOverrides;
  const options = o ? withOverrides(ev, world, own, o.configFile, o.configPath, o.name, o.overrides, site.call) : own;
  const cache = new Map<string, OptionValue[]>();
  const cookieKey = site.library.options.cookie;
  const view: SiteView = {
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
        // A cookie attribute left out: the app's cookie defaults in another module (AdonisJS config/app.ts), when written there.
        const defaultsFrom = site.library.options.cookieDefaultsFrom;
        if (defaultsFrom && cookieKey && segments[0] === cookieKey && segments.length > 1 && r.some((ov) => ov.missingPath)) {
          const fromApp = appCookieDefaults(site, ev, defaultsFrom, segments.slice(1));
          const present = fromApp.filter((ov) => !ov.missingPath);
          if (present.length > 0) r = r.flatMap((ov) => (!ov.missingPath ? [ov] : fromApp.some((f) => f.missingPath) ? [...present, ov] : present));
        }
        // Options declared apart from any call (a typed options object): what they leave out, the call that takes them may add.
        if (site.declared) {
          r = r.map((ov) => (ov.missingPath ? { value: { kind: 'unknown', reason: 'the call that takes these options may add it', node: ov.value.node } } : ov));
        }
        // An object the app's version takes whole (next-auth 4's `cookies.sessionToken`): written in every possibility, what it
        // leaves out is unset, with no default and no fallback (a typed object too: the call cannot add keys inside it).
        const whole = site.library.replacedWhole;
        const depth = whole?.paths.map((p) => p.split('.')).find((p) => p.length < segments.length && p.every((seg, i) => seg === segments[i]))?.length;
        if (whole && depth !== undefined && site.lacks('optionsMerged')) {
          const plain = lookup(ev, start, segments, mayCall, keepUndefined, ignored);
          const insideWritten = (ov: OptionValue) => !ov.missingPath || ov.missingPath.length <= segments.length - depth;
          if (plain.length > 0 && plain.every(insideWritten)) r = plain.map((ov) => (ov.missingPath ? { ...ov, replacedDefault: whole.note } : ov));
        }
        r = withForcedAttribute(view, site.library, path, r);
        cache.set(path, r);
      }
      return r;
    },
  };
  return view;
}

/**
 * A cookie attribute another option forces (`LibraryInfo.options.forcedBy`: Hono's `prefix: 'secure'` sets Secure): the
 * forced value, written at that option, stands for every possibility where the option forces it; where the option may be
 * left out or another value, the attribute's own possibilities stay beside it.
 */
function withForcedAttribute(view: SiteView, lib: LibraryInfo, path: string, r: OptionValue[]): OptionValue[] {
  const cookieKey = lib.options.cookie;
  const prefix = cookieKey ? `${cookieKey}.` : '';
  for (const f of lib.options.forcedBy ?? []) {
    const attr = Object.keys(f.sets).find((a) => `${prefix}${a}` === path);
    if (attr === undefined) continue;
    const by = view.option(`${prefix}${f.option}`);
    const forcing = by.filter((ov) => !ov.missingPath && ov.value.kind === 'literal' && f.values.includes(ov.value.value as Primitive));
    if (forcing.length === 0) continue;
    const forced = forcing.map((ov): OptionValue => ({ ...ov, value: { kind: 'literal', value: f.sets[attr], node: ov.value.node } }));
    return forcing.length === by.length ? forced : [...forced, ...r];
  }
  return r;
}

/** The values of a cookie attribute in the app's cookie defaults (`cookieDefaultsFrom`); none when that module is not found. */
function appCookieDefaults(site: SessionSite, ev: Evaluator, from: { readonly module: string; readonly path: readonly string[] }, attr: readonly string[]): OptionValue[] {
  const here = site.call.getSourceFile().fileName.replace(/\\/g, '/');
  const file = fileAtPath(ev, `${here.slice(0, here.lastIndexOf('/') + 1)}${from.module.replace(/^\.\//, '')}`);
  if (!file || file === site.call.getSourceFile()) return [];
  return lookup(ev, moduleExports(ev, file).map((value) => ({ value })), [...from.path, ...attr], () => false);
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
  lacks: (library: LibraryInfo, behaviour: VersionedBehaviour) => boolean = () => false,
  imported: ReadonlySet<string> = new Set(),
  dependsOn: (pkg: string) => boolean = () => false,
  /** Whether the file or its app loads a module (hapi strategies name their scheme, not the plugin's module). */
  loads: (module: string) => boolean = () => false,
): SessionSite[] {
  const ev = evaluators('production');
  const found: SessionSite[] = [];
  const methods = methodShapes(sf.fileName, imported);
  const autoImported = LIBRARIES.filter((l) => l.autoImportedBy && l.autoImportedBy.files.test(sf.fileName) && l.autoImportedBy.packages.some(dependsOn));
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n)) {
      const site =
        asCallSite(n, ev, ts, evaluators) ??
        asRegisterSite(n, ev, ts, evaluators) ??
        asStrategySite(n, ts, evaluators, loads) ??
        asResultSite(n, ev, ts, evaluators) ??
        asMethodSite(n, methods, ev, ts, evaluators) ??
        asAutoImportedSite(n, autoImported, ev, ts, evaluators);
      if (site) found.push(site);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) {
      const site = asKeysSite(n, n.left, ev, ts, evaluators);
      if (site) found.push(site);
    } else if (ts.isVariableDeclaration(n) || ts.isSatisfiesExpression(n) || ts.isAsExpression(n)) {
      const site = asTypedSite(n, ev, ts, evaluators);
      if (site) found.push(site);
    }
  };
  walk(ts, sf, visit);
  found.push(...configFileSites(sf, ts, evaluators, loads));
  // A cookie set by hand is judged only when it carries a session: by its name, its value, or a session storage of the file using it.
  const usedBySessions = cookiesUsedBySessions(found, ev);
  const sites = found.filter(
    (site) =>
      (!site.shape?.requires || dependsOn(site.shape.requires)) &&
      (!site.shape?.handSet || usedBySessions.has(site.call) || carriesSession(site.call, site.shape.handSet, ev, ts)),
  );
  markExpiryAtCommit(sf, sites, ev, ts);
  for (const site of sites) if (site.shape?.handSet) site.tokenExpiry = tokenExpiryOf(site.call, site.shape.handSet, ev, ts);
  for (const site of sites) site.lacks = (behaviour) => lacks(site.library, behaviour);
  return sites;
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
  // An argument of a call (`session({...} as SessionOptions)`): the call is the site.
  if (!ts.isVariableDeclaration(n) && ts.isCallExpression(outerOf(n, ts))) return undefined;
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
  const typed = (n: TS.VariableDeclaration | TS.SatisfiesExpression | TS.AsExpression) => {
    const name = typeNameOf(n, ts);
    return name !== undefined && types.includes(name.text);
  };
  for (let p: TS.Node | undefined = node; p; p = p.parent) {
    if (!ts.isObjectLiteralExpression(p)) continue;
    // `{...} satisfies T`, `({...}) as T`, then the declaration `const o: T = ...` around them.
    let q: TS.Node = p.parent;
    while (q && (ts.isParenthesizedExpression(q) || ts.isSatisfiesExpression(q) || ts.isAsExpression(q))) {
      if (!ts.isParenthesizedExpression(q) && typed(q)) return true;
      q = q.parent;
    }
    if (q && ts.isVariableDeclaration(q) && typed(q)) return true;
  }
  return false;
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
      // `module.exports.<export> = {...}`, or with an empty export the whole `module.exports = {...}` (AdonisJS 4)
      const target = config.export === '' ? left : ts.isPropertyAccessExpression(left) && left.name.text === config.export ? left.expression : undefined;
      if (!target) continue;
      const isExports = (config.export !== '' && ts.isIdentifier(target) && target.text === 'exports') || (ts.isPropertyAccessExpression(target) && target.name.text === 'exports' && ts.isIdentifier(target.expression) && target.expression.text === 'module');
      if (isExports) {
        const site = new SessionSite(lib, assign, assign.right, evaluators, ts);
        site.configOverrides = config.overrides?.length ? { configFile: sf.fileName, configPath: config.path, name: config.export, overrides: config.overrides } : undefined;
        out.push(site);
      }
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
    const shape = lib.factories.find((f) => (f.via ?? 'call') === via && f.onResult === undefined && f.export.length === v.path.length && f.export.every((p, i) => p === v.path[i]));
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
    if (f) return new SessionSite(f.lib, call, optionsArgument(call.arguments, f.shape, ev), evaluators, ts, f.shape);
  }
  return undefined;
}

/** `fastify.register(plugin, opts)` where the plugin is a session library. */
function asRegisterSite(call: TS.CallExpression, ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'register' || call.arguments.length === 0) return undefined;
  for (const v of ev.evaluate(call.arguments[0]!)) {
    const f = factoryOf(v, 'register');
    if (f) return new SessionSite(f.lib, call, optionsArgument(call.arguments, f.shape, ev), evaluators, ts, f.shape);
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
    if (f) return new SessionSite(f.lib, assign, assign.right, evaluators, ts, f.shape);
  }
  return undefined;
}

/** `cookies().set(...)`, `(await cookies()).set(...)`, `store.set(...)` with `store = await cookies()`: a method called on what a factory returns. */
function asResultSite(call: TS.CallExpression, ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  for (const v of ev.evaluate(callee.expression)) {
    if (v.kind !== 'instance' || v.constructed) continue;
    for (const lib of LIBRARIES) {
      if (!lib.modules.includes(v.of.module)) continue;
      const shape = lib.factories.find((f) => f.onResult === method && f.export.length === v.of.path.length && f.export.every((p, i) => p === v.of.path[i]));
      if (shape) return new SessionSite(lib, call, optionsArgument(call.arguments, shape, ev), evaluators, ts, shape);
    }
  }
  return undefined;
}

interface MethodShape {
  readonly lib: LibraryInfo;
  readonly shape: FactoryShape;
  /** Whether the file's imports (or name) say the framework; else only a receiver that is a parameter counts (`orParameter`). */
  readonly known: boolean;
}

/** The method-call APIs (`res.cookie`, `ctx.cookies.set`) a file may use: those of a framework it imports, or that need no import. */
function methodShapes(fileName: string, imported: ReadonlySet<string>): MethodShape[] {
  const out: MethodShape[] = [];
  for (const lib of LIBRARIES) {
    for (const shape of lib.factories) {
      if (shape.via !== 'method') continue;
      const known = (shape.frameworks ?? []).some((m) => imported.has(m)) || (shape.fileNames?.test(fileName) ?? false);
      if (known || shape.orParameter) out.push({ lib, shape, known });
    }
  }
  return out;
}

/** `res.cookie(...)`, `ctx.cookies.set(...)`, `cookies.set(...)`: a framework's cookie method, on an object that is no module (`Cookies.set` of js-cookie is not one). */
function asMethodSite(call: TS.CallExpression, shapes: readonly MethodShape[], ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  if (shapes.length === 0 || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  // The callee's property names, outermost last: ctx.cookies.set → cookies, set (and the object they start from, ctx).
  const chain: TS.PropertyAccessExpression[] = [];
  for (let e: TS.Expression = call.expression; ts.isPropertyAccessExpression(e); e = e.expression) chain.unshift(e);
  const names = chain.map((p) => p.name.text);
  const start = chain[0]!.expression;
  // A base identifier is a name too: SvelteKit's destructured `cookies` in cookies.set.
  if (ts.isIdentifier(start)) names.unshift(start.text);
  for (const { lib, shape, known } of shapes) {
    const n = shape.export.length;
    if (names.length < n || !shape.export.every((p, i) => p === names[names.length - n + i])) continue;
    // The object the method path is called on: `res` of res.cookie, `res.status(200)` of res.status(200).cookie, `ctx` of
    // ctx.cookies.set; SvelteKit's `cookies` of cookies.set is the path's own first name.
    const base = n <= chain.length ? chain[chain.length - n]!.expression : start;
    if (ev.evaluate(base).some((v) => v.kind === 'module' || v.kind === 'object' || v.kind === 'literal')) continue;
    if (!known && !isParameter(rootOf(base, ts), ts)) continue;
    return new SessionSite(lib, call, optionsArgument(call.arguments, shape, ev), evaluators, ts, shape);
  }
  return undefined;
}

/** The object a chain of calls and property accesses starts from: `res` of `res.status(200)`. */
function rootOf(e: TS.Expression, ts: TSModule): TS.Expression {
  let x = skipWrappers(e, ts);
  while (ts.isCallExpression(x) || ts.isPropertyAccessExpression(x)) x = skipWrappers(x.expression, ts);
  return x;
}

/** An identifier bound to a parameter of a function that encloses it (`res` of `(req, res) => ...`). */
function isParameter(e: TS.Expression, ts: TSModule): boolean {
  if (!ts.isIdentifier(e)) return false;
  for (let n: TS.Node | undefined = e.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === e.text)) return true;
  }
  return false;
}

/** Calls that make a cookie a session site of the file uses as its cookie (`createSessionStorage({ cookie: sessionCookie })`). */
function cookiesUsedBySessions(sites: readonly SessionSite[], ev: Evaluator): Set<TS.Node> {
  const out = new Set<TS.Node>();
  for (const site of sites) {
    const key = site.library.options.cookie;
    if (site.shape?.handSet || !key || !site.optionsNode) continue;
    for (const o of ev.evaluate(site.optionsNode)) {
      if (o.kind !== 'object') continue;
      for (const v of o.props.get(key)?.values ?? []) if (v.kind === 'instance') out.add(v.node);
    }
  }
  return out;
}

/**
 * Whether a cookie set by hand carries a session or an auth token: its name says so (every
 * possible name known, one a session name), or its value does (a JWT signed by jsonwebtoken,
 * a variable or call named for a token or session: `token`, `sessionId`, `createSessionToken()`).
 * A value that is a constant of the code (every possible value a literal) carries none.
 */
function carriesSession(call: SiteNode, handSet: NonNullable<FactoryShape['handSet']>, ev: Evaluator, ts: TSModule): boolean {
  if (!ts.isCallExpression(call)) return false;
  const valueArg = handSet.valueArg === undefined ? undefined : call.arguments[handSet.valueArg];
  // Clearing the cookie (`res.cookie('token', '', { expires: new Date(0) })`, `cookies.set('session', null)`) carries nothing.
  const cleared = (v: Value) => v.kind === 'literal' && (v.value === null || v.value === undefined || v.value === '');
  if (valueArg && ev.evaluate(valueArg).every(cleared)) return false;
  // A value written in the code (`cookies().set('statusAuth', 'no')`, a flash message under an `...Auth` name) is the
  // same for every visitor: it identifies no one, so it carries no session or token whatever the cookie's name.
  const constant = (v: Value) => v.kind === 'literal' && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean');
  const values = valueArg ? ev.evaluate(valueArg) : [];
  if (values.length > 0 && values.every(constant)) return false;
  const nameArg = call.arguments[handSet.nameArg];
  if (nameArg && ev.evaluate(nameArg).some((v) => v.kind === 'literal' && typeof v.value === 'string' && isSessionCookieName(v.value))) return true;
  if (!valueArg) return false;
  if (signedTokens(valueArg, ev, ts).some((t) => t !== undefined)) return true;
  let x = skipWrappers(valueArg, ts);
  while (ts.isAwaitExpression(x)) x = skipWrappers(x.expression, ts);
  if (ts.isCallExpression(x)) x = x.expression;
  const name = ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : undefined;
  return name !== undefined && isSessionCookieName(name);
}

/**
 * A hand-set cookie whose every possible value is a signed token with its own expiry (`jwt.sign(p, key, { expiresIn: '1d' })`):
 * where each expiry is written, for require-cookie-expiry. Undefined when one value is not such a token.
 */
function tokenExpiryOf(call: SiteNode, handSet: NonNullable<FactoryShape['handSet']>, ev: Evaluator, ts: TSModule): readonly TokenExpiry[] | undefined {
  const valueArg = ts.isCallExpression(call) && handSet.valueArg !== undefined ? call.arguments[handSet.valueArg] : undefined;
  if (!valueArg) return undefined;
  const tokens = signedTokens(valueArg, ev, ts);
  const expiries = tokens.map((t) => t?.expiry);
  return expiries.length > 0 && expiries.every((e) => e !== undefined) ? expiries : undefined;
}

/**
 * `useSession(event, {...})` in a Nuxt server route, which does not import it: a call of a name that nothing in the
 * program declares (or only an ambient declaration does: Nuxt's generated `.nuxt/types/imports.d.ts`), named as a
 * factory of a library the app's framework auto-imports there.
 */
function asAutoImportedSite(call: TS.CallExpression, libs: readonly LibraryInfo[], ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  const callee = call.expression;
  if (libs.length === 0 || !ts.isIdentifier(callee)) return undefined;
  for (const lib of libs) {
    const shape = lib.factories.find((f) => (f.via ?? 'call') === 'call' && f.onResult === undefined && f.export.length === 1 && f.export[0] === callee.text);
    if (!shape) continue;
    const symbol = ev.checkerOf(callee).getSymbolAtLocation(callee);
    const declarations = symbol?.declarations ?? [];
    if (!declarations.every((d) => d.getSourceFile().isDeclarationFile)) return undefined;
    return new SessionSite(lib, call, optionsArgument(call.arguments, shape, ev), evaluators, ts, shape);
  }
  return undefined;
}

/**
 * Sites whose library takes the cookie's expiry when it writes the cookie (`commitSession(session, { maxAge })`): when
 * the file makes such a call (the method, or a function named after it) with `maxAge` or `expires` in its options.
 */
function markExpiryAtCommit(sf: TS.SourceFile, sites: readonly SessionSite[], ev: Evaluator, ts: TSModule): void {
  const libs = new Set(sites.map((s) => s.library).filter((l) => l.commitOptions));
  if (libs.size === 0) return;
  const given = new Set<LibraryInfo>();
  walk(ts, sf, (n) => {
    if (!ts.isCallExpression(n)) return;
    const callee = n.expression;
    const name = (ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '').toLowerCase();
    for (const lib of libs) {
      const { method, optionsArg } = lib.commitOptions!;
      const options = n.arguments[optionsArg];
      if (!name.endsWith(method.toLowerCase()) || !options) continue;
      if (ev.evaluate(options).some((o) => o.kind === 'object' && (o.props.has('maxAge') || o.props.has('expires')))) given.add(lib);
    }
  });
  for (const site of sites) if (given.has(site.library)) site.expiryAtCommit = true;
}

/** Whether a node lies inside an options object declared with a library's options type (a typed site of its own). */
export function insideDeclaredOptions(node: TS.Node, ts: TSModule): boolean {
  return LIBRARIES.some((l) => l.optionsTypes !== undefined && insideTypedOptions(node, l, ts));
}
