/**
 * Session sites: the calls that create a session middleware, found through
 * whatever name the module is bound to (import, require, re-binding), and the
 * option values each can have in a world.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import type { Evaluator } from './evaluate.js';
import { type FactoryShape, type LibraryInfo, LIBRARIES } from './libraries.js';
import { isSessionCookieName } from './libraries-web.js';
import { skipWrappers } from './syntax.js';
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

/**
 * The node that makes a session configuration: a factory call, a `register(...)` call, an
 * `app.keys = ...` assignment, or a declaration of options by the library's options type
 * (`const sessionOptions: SessionOptions = {...}`: a declared site).
 */
export type SiteNode = TS.CallExpression | TS.BinaryExpression | TS.VariableDeclaration;

export class SessionSite {
  private readonly views = new Map<World, SiteView>();
  /** Whether the file sets the cookie's expiry where it writes the cookie (`LibraryInfo.commitOptions`). */
  expiryAtCommit = false;
  /** Whether the app's version of the library lacks a behaviour (`LibraryInfo.since`; set by findSites from the app's versions). */
  lacks: (behaviour: 'regenerate' | 'cookieFunction') => boolean = () => false;

  constructor(
    readonly library: LibraryInfo,
    /** The factory call, the `register(...)` call, the `app.keys = ...` assignment, or the options' declaration. */
    readonly call: SiteNode,
    readonly optionsNode: TS.Expression | undefined,
    private readonly evaluators: (world: World) => Evaluator,
    /** How the call made the site (a memory-only factory, a cookie set by hand...). */
    readonly shape?: FactoryShape,
  ) {}

  view(world: World): SiteView {
    let v = this.views.get(world);
    if (!v) {
      v = makeView(this, this.evaluators(world), world);
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
    return 'name' in this.call; // a VariableDeclaration: calls and assignments have no name
  }

  cookiePath(attr: string): string | undefined {
    const cookie = this.library.options.cookie;
    if (cookie === null) return undefined;
    const elsewhere = this.library.options.cookieAttributes?.[attr];
    if (elsewhere !== undefined) return elsewhere;
    return cookie ? `${cookie}.${attr}` : attr;
  }
}

function makeView(site: SessionSite, ev: Evaluator, world: World): SiteView {
  const reachable = ev.reachable(site.call, { functionsMayNotRun: false });
  const options = site.optionsNode ? ev.evaluate(site.optionsNode) : [];
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
        // Another name of the cookie object (`cookieOptions || cookie`): it wins when given; when it may or may not be, the value is unknown.
        for (const alias of cookieKey && segments[0] === cookieKey ? (site.library.options.cookieAliases ?? []) : []) {
          const given = lookup(ev, start, [alias], () => false);
          if (given.every((ov) => ov.missingPath)) continue;
          r = given.some((ov) => ov.missingPath)
            ? [{ value: { kind: 'unknown', reason: `'${alias}' may replace '${cookieKey}'`, node: site.call } }]
            : lookup(ev, start, [alias, ...segments.slice(1)], mayCall, keepUndefined, ignored);
          break;
        }
        if (site.declared) {
          r = r.map((ov) => (ov.missingPath ? { value: { kind: 'unknown', reason: 'the call that takes these options may add it', node: ov.value.node } } : ov));
        }
        cache.set(path, r);
      }
      return r;
    },
  };
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
  imported: ReadonlySet<string> = new Set(),
  dependsOn: (pkg: string) => boolean = () => false,
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
        asResultSite(n, ev, ts, evaluators) ??
        asMethodSite(n, methods, ev, ts, evaluators) ??
        asAutoImportedSite(n, autoImported, ev, ts, evaluators);
      if (site) found.push(site);
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left)) {
      const site = asKeysSite(n, n.left, ev, evaluators);
      if (site) found.push(site);
    }
  };
  walk(ts, sf, visit);
  // A cookie set by hand is judged only when it carries a session: by its name, its value, or a session storage of the file using it.
  const usedBySessions = cookiesUsedBySessions(found, ev);
  const sites = found.filter(
    (site) =>
      (!site.shape?.requires || dependsOn(site.shape.requires)) && (!site.shape?.handSet || usedBySessions.has(site.call) || carriesSession(site.call, site.shape.handSet, ev, ts)),
  );
  markExpiryAtCommit(sf, sites, ev, ts);
  sites.push(...declaredSites(sf, ts, evaluators));
  for (const site of sites) site.lacks = (behaviour) => lacks(site.library, behaviour);
  return sites;
}

/** The library and factory shape a module value is, for a given way of use. */
function factoryOf(v: Value, via: 'call' | 'register' | 'keys'): { lib: LibraryInfo; shape: FactoryShape } | undefined {
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
    if (f) return new SessionSite(f.lib, call, optionsArgument(call.arguments, f.shape, ev), evaluators, f.shape);
  }
  return undefined;
}

/** `fastify.register(plugin, opts)` where the plugin is a session library. */
function asRegisterSite(call: TS.CallExpression, ev: Evaluator, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'register' || call.arguments.length === 0) return undefined;
  for (const v of ev.evaluate(call.arguments[0]!)) {
    const f = factoryOf(v, 'register');
    if (f) return new SessionSite(f.lib, call, optionsArgument(call.arguments, f.shape, ev), evaluators, f.shape);
  }
  return undefined;
}

/** `app.keys = [...]` on an instance of a library that signs with `keys` (Koa). */
function asKeysSite(assign: TS.BinaryExpression, left: TS.PropertyAccessExpression, ev: Evaluator, evaluators: (world: World) => Evaluator): SessionSite | undefined {
  if (left.name.text !== 'keys') return undefined;
  for (const v of ev.evaluate(left.expression)) {
    if (v.kind !== 'instance' || !v.constructed) continue;
    const f = factoryOf(v.of, 'keys');
    if (f) return new SessionSite(f.lib, assign, assign.right, evaluators, f.shape);
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
      if (shape) return new SessionSite(lib, call, optionsArgument(call.arguments, shape, ev), evaluators, shape);
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
    return new SessionSite(lib, call, optionsArgument(call.arguments, shape, ev), evaluators, shape);
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
 */
function carriesSession(call: SiteNode, handSet: NonNullable<FactoryShape['handSet']>, ev: Evaluator, ts: TSModule): boolean {
  if (!ts.isCallExpression(call)) return false;
  const valueArg = handSet.valueArg === undefined ? undefined : call.arguments[handSet.valueArg];
  // Clearing the cookie (`res.cookie('token', '', { expires: new Date(0) })`, `cookies.set('session', null)`) carries nothing.
  const cleared = (v: Value) => v.kind === 'literal' && (v.value === null || v.value === undefined || v.value === '');
  if (valueArg && ev.evaluate(valueArg).every(cleared)) return false;
  const nameArg = call.arguments[handSet.nameArg];
  if (nameArg && ev.evaluate(nameArg).some((v) => v.kind === 'literal' && typeof v.value === 'string' && isSessionCookieName(v.value))) return true;
  if (!valueArg) return false;
  if (ev.evaluate(valueArg).some((v) => v.kind === 'instance' && TOKEN_SIGNERS.some((s) => s.module === v.of.module && s.path.join('.') === v.of.path.join('.')))) return true;
  let x = skipWrappers(valueArg, ts);
  while (ts.isAwaitExpression(x)) x = skipWrappers(x.expression, ts);
  if (ts.isCallExpression(x)) x = x.expression;
  const name = ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : undefined;
  return name !== undefined && isSessionCookieName(name);
}

/** Functions whose result is a signed token: jsonwebtoken's `sign`. */
const TOKEN_SIGNERS: readonly { readonly module: string; readonly path: readonly string[] }[] = [{ module: 'jsonwebtoken', path: ['sign'] }];

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
    return new SessionSite(lib, call, optionsArgument(call.arguments, shape, ev), evaluators, shape);
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

/** Local names bound to a library's options type: `SessionOptions` (named import), `session` (default or namespace import: `session.SessionOptions`). */
interface TypeBindings {
  readonly named: Map<string, LibraryInfo>;
  readonly namespaces: Map<string, LibraryInfo>;
}

const WITH_TYPES = LIBRARIES.filter((l) => (l.optionsTypes ?? []).length > 0);
const typeBindingsCache = new WeakMap<TS.SourceFile, TypeBindings>();

function typeBindings(sf: TS.SourceFile, ts: TSModule): TypeBindings {
  let b = typeBindingsCache.get(sf);
  if (b) return b;
  b = { named: new Map(), namespaces: new Map() };
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
    const spec = st.moduleSpecifier.text;
    const lib = WITH_TYPES.find((l) => l.modules.includes(spec));
    if (!lib) continue;
    const c = st.importClause;
    if (c.name) b.namespaces.set(c.name.text, lib);
    if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) b.namespaces.set(c.namedBindings.name.text, lib);
    if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
      for (const e of c.namedBindings.elements) if (lib.optionsTypes!.includes((e.propertyName ?? e.name).text)) b.named.set(e.name.text, lib);
    }
  }
  typeBindingsCache.set(sf, b);
  return b;
}

/** The library whose options type a type node names (`SessionOptions`, `session.SessionOptions`). */
function optionsTypeLibrary(type: TS.TypeNode | undefined, sf: TS.SourceFile, ts: TSModule): LibraryInfo | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined;
  const b = typeBindings(sf, ts);
  const name = type.typeName;
  if (ts.isIdentifier(name)) return b.named.get(name.text);
  if (ts.isIdentifier(name.left)) {
    const lib = b.namespaces.get(name.left.text);
    return lib && lib.optionsTypes!.includes(name.right.text) ? lib : undefined;
  }
  return undefined;
}

/**
 * The library whose options a variable declaration declares, by its type: `const o: SessionOptions = {...}`
 * or `const o = {...} satisfies SessionOptions` (the type imported from the library's module).
 */
function declaredOptionsOf(decl: TS.VariableDeclaration, ts: TSModule): LibraryInfo | undefined {
  if (!decl.initializer) return undefined;
  const sf = decl.getSourceFile();
  if (WITH_TYPES.every((l) => l.modules.every((m) => !sf.text.includes(m)))) return undefined;
  const init = decl.initializer;
  return optionsTypeLibrary(decl.type, sf, ts) ?? (ts.isSatisfiesExpression(init) || ts.isAsExpression(init) ? optionsTypeLibrary(init.type, sf, ts) : undefined);
}

/** The options declarations of a file (declared sites): top-level and nested `const`s typed as a library's options. */
function declaredSites(sf: TS.SourceFile, ts: TSModule, evaluators: (world: World) => Evaluator): SessionSite[] {
  if (!sf.text.includes('Options') || WITH_TYPES.every((l) => l.modules.every((m) => !sf.text.includes(m)))) return [];
  const out: SessionSite[] = [];
  walk(ts, sf, (n) => {
    if (!ts.isVariableDeclaration(n)) return;
    const lib = declaredOptionsOf(n, ts);
    if (lib && n.initializer) out.push(new SessionSite(lib, n, n.initializer, evaluators));
  });
  return out;
}

/** Whether a node lies inside the initializer of an options declaration (a declared site). */
export function insideDeclaredOptions(node: TS.Node, ts: TSModule): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isVariableDeclaration(n)) return declaredOptionsOf(n, ts) !== undefined;
    if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}
