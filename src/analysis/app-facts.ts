/**
 * App facts: what a whole app does that a rule about one session call needs to
 * know (is `trust proxy` set? does it serve HTTPS itself? which session and CSRF
 * libraries does it load? does it have state-changing routes?). An app is every
 * file under the nearest package.json (the front ends group files); without the
 * other files the facts are marked incomplete, and rules that need them stay quiet.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { type SessionPlacement, sessionPlacement } from './client-side.js';
import type { TSModule } from './host.js';
import { type SessionConfigFact, contextOf } from './env-names.js';
import { CLIENT_SESSION_MODULES, CSRF_MODULES, LAZY_CSRF_MODULES, LIBRARIES, anyWord, moduleWord } from './libraries.js';
import { APP_WORDS, FRAMEWORKS, type FrameworkInfo, TRUST_PROXY_SETTINGS } from './libraries-frameworks.js';
import { type InsertLayout, argumentLayout, layoutOf } from './edits.js';
import { styleOf } from './style.js';
import { type ModuleCallFact, moduleCallsOf } from './module-arguments.js';
import { isModuleLoad } from './syntax.js';
import { walk } from './walk.js';

/** A state-changing route, by place (not by node: the CLI keeps facts, not the trees they came from). */
export interface RouteFact {
  readonly method: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

export interface AppFacts {
  /** True when the facts come from every file of the app; false for a file seen alone. */
  readonly complete: boolean;
  readonly trustProxy: boolean;
  readonly servesHttps: boolean;
  readonly sessionModules: ReadonlySet<string>;
  /**
   * Session modules whose sessions live in the cookie by configuration (koa-session without a
   * store): some configuration of the app says so and none says otherwise (client-side.ts).
   */
  readonly clientSideByConfig: ReadonlySet<string>;
  /** Of those modules, the ones some configuration keeps on the server (or does not show). */
  readonly serverSideByConfig: ReadonlySet<string>;
  readonly csrfModules: ReadonlySet<string>;
  /** State-changing routes (post/put/patch/delete), a few of them. */
  readonly stateChangingRoutes: readonly RouteFact[];
  /**
   * `X.listen(...)` calls: how many name a loopback host as a literal (`'localhost'`,
   * `'127.0.0.1'`, `'::1'`), and how many listen elsewhere or where the code does not say.
   */
  readonly listens: { readonly loopback: number; readonly other: number };
  /** The app's session configurations (calls of a session library's factory), by syntax, for unique variable names. */
  readonly sessionConfigs: readonly SessionConfigFact[];
  /** Environment variables the app's session code reads (`process.env.NAME` in files that load a session library). */
  readonly envReads: ReadonlySet<string>;
  /**
   * App instances made (`express()`, `new Koa()`, `fastify()`, `NestFactory.create()`, by the
   * frameworks table): a file that makes one is the centre of an app (src/app-root.ts).
   */
  readonly apps: number;
  /**
   * Session modules whose cookie expiry the app sets per session at run time (`req.session.cookie.maxAge = ...`
   * in any file: the libraries table's `runtimeExpiry`), so options without one do not leave sessions unending.
   */
  readonly runtimeExpiry: ReadonlySet<string>;
  /** Calls of a relative module's export and the packages they pass (`require('./routes')(app, passport)`: module-arguments.ts). */
  readonly moduleCalls: readonly ModuleCallFact[];
  /**
   * Where each app instance's factory options could take the framework's trust-proxy option
   * (`fastify()`, `fastify({ logger: true })`, `new Koa()`): the framework and the insertion's
   * layout, as plain data (a remedy renders it; the CLI keeps facts, not trees). An instance whose
   * options are built elsewhere, or already write the option, has none.
   */
  readonly appOptions: readonly AppOptionsFact[];
}

/** One app factory call whose options take the trust-proxy option by insertion (see `AppFacts.appOptions`). */
export interface AppOptionsFact {
  /** The framework's name in the frameworks table. */
  readonly framework: string;
  readonly layout: InsertLayout;
  /** The file's string quote, for code written there. */
  readonly quote: "'" | '"';
}

/** The app listens, and only on a loopback address (a demo, an installer): plain HTTP is all it gets. */
export function listensOnlyOnLoopback(facts: AppFacts): boolean {
  return facts.listens.loopback > 0 && facts.listens.other === 0;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

// A module whose only sites are cookies set by hand (`next/headers`, `hono/cookie`) makes no session of the app.
const SESSION_MODULES = new Set([...LIBRARIES.filter((l) => !l.factories.every((f) => f.handSet)).flatMap((l) => l.modules), ...CLIENT_SESSION_MODULES]);
/** The same names as prefilter words (a short name only as a specifier: `moduleWord`). */
const SESSION_MODULE_WORDS = [...SESSION_MODULES].map(moduleWord);
const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete', 'del']);
/** Words without which a file adds nothing but its imports and routes (trust proxy, HTTPS servers). */
const SERVER_WORDS = ['proxy', 'Proxy', 'createServer', 'createSecureServer', '.listen('];
/** Words without which a file has no route either (the walk looks for calls `x.post('/path', ...)`). */
const FACT_WORDS = [...SERVER_WORDS, ...APP_WORDS, '.post', '.put', '.patch', '.delete', '.del'];
/** Server words, the words of an app instance, and the session and CSRF modules' names. */
const FACTS_PREFILTER_WORDS = [...new Set([...SERVER_WORDS, ...APP_WORDS, ...SESSION_MODULE_WORDS, ...[...CSRF_MODULES, ...LAZY_CSRF_MODULES].map(moduleWord)])];
/** The same, as one expression. */
export const FACTS_PREFILTER = anyWord(FACTS_PREFILTER_WORDS);
/** The libraries whose sessions' expiry a handler may set at run time, with the property paths it writes. */
const RUNTIME_EXPIRY = LIBRARIES.flatMap((l) => (l.runtimeExpiry ?? []).map((path) => ({ modules: l.modules, path })));
/**
 * Every word without which `mayHoldAppFacts` is false (the route call starts with one; a run-time expiry write names
 * its last property).
 */
export const APP_FACTS_WORDS: readonly string[] = [...new Set([...FACTS_PREFILTER_WORDS, '.post', '.put', '.patch', '.delete', '.del', ...RUNTIME_EXPIRY.map((r) => r.path.at(-1)!)])];
/**
 * Text of such a write: `.cookie.maxAge =`, `.sessionOptions.expires =` (the paths without their first segment, which
 * may be a local name), not `==`. Files with it hold app facts whatever their imports (a helper that sets the
 * expiry need not load the session library).
 */
export const RUNTIME_EXPIRY_TEXT = new RegExp(
  `(${[...new Set(RUNTIME_EXPIRY.map((r) => r.path.slice(1).join('\\s*\\.\\s*')))].map((p) => `\\.\\s*${p}`).join('|')})\\s*=(?!=)`,
);

/** A call that `fileFacts` may count as a route: `.post(` then a literal path (generic type arguments allowed). */
const ROUTE_CALL = /\.(?:post|put|patch|delete|del)\s*(?:<[^<>()]{0,200}>\s*)?\(\s*['"`\/\[]/;

/**
 * Quick text test: can this file add anything to its app's facts? (A session or CSRF
 * module it imports, trust proxy, an HTTPS server, a state-changing route.) Files that
 * fail it need not be parsed for facts.
 */
export function mayHoldAppFacts(text: string): boolean {
  return !onlyRoutesIn(text) || ROUTE_CALL.test(text);
}

/**
 * Whether all a file can add to its app's facts is routes (no module, proxy or server
 * word): once an app has as many routes as the facts keep, such files need not be read.
 */
export function onlyRoutesIn(text: string): boolean {
  return !FACTS_PREFILTER.test(text) && !RUNTIME_EXPIRY_TEXT.test(text);
}

/** How many state-changing routes the facts keep (rules name the first). */
export const MAX_ROUTES = 5;

/**
 * The package a file belongs to, when it is a framework itself: its examples load it by path
 * (`require('../../')` in expressjs/express's examples), and those loads are the framework.
 */
export interface SelfPackage {
  /** The package's folder. */
  readonly dir: string;
  /** Its package.json `name`. */
  readonly name: string;
}

/** What one file contributes. */
export function fileFacts(sf: TS.SourceFile, ts: TSModule, imported: ReadonlySet<string>, self?: SelfPackage): AppFacts {
  const text = sf.text;
  const facts = {
    complete: false,
    trustProxy: false,
    servesHttps: false,
    sessionModules: new Set([...imported].filter((m) => SESSION_MODULES.has(m))),
    ...placement(sessionPlacement(sf, ts, imported)),
    csrfModules: new Set([...[...imported].filter((m) => CSRF_MODULES.includes(m)), ...lazyCsrfModules(sf, ts, imported)]),
    stateChangingRoutes: [] as RouteFact[],
    listens: { loopback: 0, other: 0 },
    sessionConfigs: [] as SessionConfigFact[],
    envReads: new Set<string>(),
    apps: 0,
    appOptions: [] as AppOptionsFact[],
    runtimeExpiry: RUNTIME_EXPIRY_TEXT.test(text) ? runtimeExpiryOf(sf, ts) : new Set<string>(),
    moduleCalls: moduleCallsOf(sf, ts),
  };
  if ([...facts.sessionModules].some((m) => SECRET_MODULES.has(m)) || text.includes('process.env')) {
    const found = sessionConfigsOf(sf, ts);
    facts.sessionConfigs = found.configs;
    facts.envReads = found.envReads;
  }
  if (!FACT_WORDS.some((w) => text.includes(w))) return facts;
  facts.servesHttps = ['https', 'http2', 'spdy'].some((m) => imported.has(m)) && /create(Secure)?Server/.test(text);
  const selfFramework = self && FRAMEWORK_BY_MODULE.has(self.name) ? self : undefined;
  const loadsFramework = selfFramework !== undefined || FRAMEWORKS.some((f) => f.modules.some((m) => imported.has(m)));
  const frameworkOfModule = (specifier: string) => FRAMEWORK_BY_MODULE.get(selfFramework && isSelf(sf.fileName, specifier, selfFramework.dir) ? selfFramework.name : specifier);
  const frameworks = loadsFramework ? frameworkBindings(sf, ts, frameworkOfModule) : new Map<string, Bound>();
  let clients: ReadonlySet<string> | undefined;
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const name = n.expression.name.text;
      const first = n.arguments[0];
      const firstText = first && ts.isStringLiteralLike(first) ? first.text : undefined;
      // app.set('trust proxy', x) with anything but false/0; app.enable('trust proxy') (the frameworks table's settings)
      if (firstText !== undefined && TRUST_PROXY_SETTINGS.has(firstText) && (name === 'enable' || (name === 'set' && n.arguments[1] && !isFalsyLiteral(n.arguments[1], ts)))) facts.trustProxy = true;
      if (name === 'listen' && n.arguments.length > 0) {
        if (listenHost(n, ts)) facts.listens.loopback++;
        else facts.listens.other++;
      }
      if (STATE_CHANGING.has(name) && n.arguments.length >= 2 && first && isRoutePath(first, ts) && facts.stateChangingRoutes.length < MAX_ROUTES && !(clients ??= httpClientNames(sf, ts, imported)).has(rootName(n.expression.expression, ts) ?? '')) {
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        facts.stateChangingRoutes.push({ method: name === 'del' ? 'delete' : name, file: sf.fileName, line });
      }
    }
    // An app instance: express(), new Koa({ proxy: true }), fastify({ trustProxy: true }), NestFactory.create(AppModule)
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && loadsFramework) {
      const made = appMade(n, frameworks, ts, frameworkOfModule);
      if (made) {
        facts.apps++;
        const option = made.framework.trustProxy.option;
        const options = made.factory.optionsArg !== undefined ? n.arguments?.[made.factory.optionsArg] : undefined;
        if (option && options && optionSet(options, option, sf, ts)) facts.trustProxy = true;
        const layout = option && made.factory.optionsArg !== undefined ? optionsLayout(n, made.factory.optionsArg, option, sf, ts) : undefined;
        if (layout) facts.appOptions.push({ framework: made.framework.name, layout, quote: styleOf(sf, ts).quote });
      }
    }
    // A framework's own option name anywhere (fastify's `trustProxy`: options are often built elsewhere)
    if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && OPTIONS_ANYWHERE.has(n.name.text) && !isFalsyLiteral(n.initializer, ts)) facts.trustProxy = true;
    // app.proxy = true (Koa), on any object: the app is often passed to the module that sets it
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && PROXY_PROPERTIES.has(n.left.name.text) && !isFalsyLiteral(n.right, ts)) {
      facts.trustProxy = true;
    }
  };
  walk(ts, sf, visit);
  return facts;
}

/** Session libraries that take a secret (their factory calls are the configurations that need a variable name). */
const SECRET_LIBRARIES = LIBRARIES.filter((l) => l.options.secrets.length > 0 && l.factories.some((f) => (f.via ?? 'call') !== 'keys'));
const SECRET_MODULES = new Set(SECRET_LIBRARIES.flatMap((l) => l.modules));
/** Whether a module's named export is (the start of) a session factory of a library that takes a secret. */
function isFactoryExport(module: string, name: string): boolean {
  return SECRET_LIBRARIES.some((l) => l.modules.includes(module) && l.factories.some((f) => f.export.length === 0 || f.export[0] === name || f.export[0] === 'default'));
}
/** The environment variable a library's secret is named after (`secretEnv`, else SESSION_SECRET), for a module of it. */
function secretEnvOf(module: string): string {
  return SECRET_LIBRARIES.find((l) => l.modules.includes(module))?.secretEnv ?? 'SESSION_SECRET';
}
const NAME_OPTIONS = [...new Set(SECRET_LIBRARIES.flatMap((l) => [l.options.name, ...(l.options.nameAliases ?? [])].filter((n): n is string => n !== undefined)))];

/**
 * Calls of a name the file binds to a session library (`session(...)`, `require('express-session')(...)`,
 * `fastify.register(fastifySession, ...)`), by syntax, and the environment variables the file reads.
 */
function sessionConfigsOf(sf: TS.SourceFile, ts: TSModule): { configs: SessionConfigFact[]; envReads: Set<string> } {
  /** Local name → the module it is bound to. */
  const bound = new Map<string, string>();
  const envReads = new Set<string>();
  const loadedModule = (e: TS.Expression) => (isModuleLoad(e, ts) && e.arguments[0] !== undefined && ts.isStringLiteralLike(e.arguments[0]) && SECRET_MODULES.has(e.arguments[0].text) ? e.arguments[0].text : undefined);
  walk(ts, sf, (n) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && SECRET_MODULES.has(n.moduleSpecifier.text) && n.importClause) {
      const c = n.importClause;
      const module = n.moduleSpecifier.text;
      if (c.name) bound.set(c.name.text, module);
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) bound.set(c.namedBindings.name.text, module);
      // A named import is a configuration's factory only when it names one (`useSession` of h3, not `defineEventHandler`).
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) for (const e of c.namedBindings.elements) if (isFactoryExport(module, (e.propertyName ?? e.name).text)) bound.set(e.name.text, module);
      return false;
    }
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const module = loadedModule(n.initializer);
      if (module) bound.set(n.name.text, module);
    }
    // process.env.NAME, process.env['NAME']
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'env' && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'process') {
      const key = ts.isPropertyAccessExpression(n) ? n.name.text : ts.isStringLiteralLike(n.argumentExpression) ? n.argumentExpression.text : undefined;
      if (key) envReads.add(key);
    }
    return true;
  });
  const configs: SessionConfigFact[] = [];
  walk(ts, sf, (n) => {
    if (!ts.isCallExpression(n)) return true;
    const callee = n.expression;
    const direct =
      (ts.isIdentifier(callee) ? bound.get(callee.text) : undefined) ??
      (ts.isPropertyAccessExpression(callee) && callee.name.text === 'default' && ts.isIdentifier(callee.expression) ? bound.get(callee.expression.text) : undefined) ??
      loadedModule(callee);
    // fastify.register(fastifySession, { secret }): a plugin registered without options (hapi's `server.register(Cookie)`,
    // whose configuration is a later `server.auth.strategy`) configures nothing
    const registered = ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && n.arguments.length >= 2 && ts.isIdentifier(n.arguments[0]!) ? bound.get(n.arguments[0].text) : undefined;
    const module = direct ?? registered;
    if (module) configs.push({ file: sf.fileName, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, context: contextOf(n, ts, NAME_OPTIONS), secretEnv: secretEnvOf(module) });
    return true;
  });
  return { configs, envReads };
}

/** `listen(port, 'localhost')`, `listen({ port, host: '127.0.0.1' })`: the host is a loopback literal. */
function listenHost(call: TS.CallExpression, ts: TSModule): boolean {
  const [first, second] = call.arguments;
  const isLoopback = (e: TS.Expression | undefined) => e !== undefined && ts.isStringLiteralLike(e) && LOOPBACK.test(e.text);
  if (first && ts.isObjectLiteralExpression(first)) {
    return first.properties.some((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'host' && isLoopback(p.initializer));
  }
  return isLoopback(second);
}

function isFalsyLiteral(e: TS.Expression, ts: TSModule): boolean {
  return e.kind === ts.SyntaxKind.FalseKeyword || (ts.isNumericLiteral(e) && Number(e.text) === 0);
}

/** The LAZY_CSRF_MODULES a file loads with `import('...')` (a kernel's middleware list), not merely imports. */
function lazyCsrfModules(sf: TS.SourceFile, ts: TSModule, imported: ReadonlySet<string>): string[] {
  if (!LAZY_CSRF_MODULES.some((m) => imported.has(m))) return [];
  const out = new Set<string>();
  walk(ts, sf, (n) => {
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && isModuleLoad(n, ts) && ts.isStringLiteralLike(n.arguments[0]!) && LAZY_CSRF_MODULES.includes(n.arguments[0].text)) out.add(n.arguments[0].text);
  });
  return [...out];
}

/**
 * HTTP client libraries: `axios.delete(url, config)`, `got.post(url)`, `request.post(url, callback)`,
 * `supertest(app).post('/login')` send a request; they register no route of the app.
 */
const HTTP_CLIENT_MODULES: ReadonlySet<string> = new Set(['axios', 'redaxios', 'got', 'ky', 'superagent', 'supertest', 'needle', 'request', 'request-promise', 'request-promise-native', 'undici', 'wretch']);

/**
 * The names a file binds to an HTTP client: imported or required from one of `HTTP_CLIENT_MODULES`, and
 * variables made from such a name (`const api = axios.create({ baseURL })`, `const client = got.extend(...)`).
 */
function httpClientNames(sf: TS.SourceFile, ts: TSModule, imported: ReadonlySet<string>): ReadonlySet<string> {
  const names = new Set<string>();
  if (![...imported].some((m) => HTTP_CLIENT_MODULES.has(m))) return names;
  const derived: [TS.BindingName, TS.Expression][] = [];
  walk(ts, sf, (n) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && HTTP_CLIENT_MODULES.has(n.moduleSpecifier.text) && n.importClause) {
      const c = n.importClause;
      if (c.name) names.add(c.name.text);
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) names.add(c.namedBindings.name.text);
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) for (const e of c.namedBindings.elements) names.add(e.name.text);
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression) && HTTP_CLIENT_MODULES.has(n.moduleReference.expression.text)) {
      names.add(n.name.text);
    } else if (ts.isVariableDeclaration(n) && n.initializer) {
      derived.push([n.name, n.initializer]);
    }
  });
  const bind = (name: TS.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  // require('axios'), then names made from a client name, until nothing changes
  for (let changed = true, pass = 0; changed && pass < 8; pass++) {
    changed = false;
    for (let i = derived.length - 1; i >= 0; i--) {
      const [name, init] = derived[i]!;
      let e = init;
      while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
      const loaded = isModuleLoad(e, ts) && ts.isStringLiteralLike(e.arguments[0]!) && HTTP_CLIENT_MODULES.has(e.arguments[0].text);
      const root = loaded ? undefined : rootName(e, ts);
      if (loaded || (root !== undefined && names.has(root))) {
        bind(name);
        derived.splice(i, 1);
        changed = true;
      }
    }
  }
  return names;
}

/** The identifier an access or call chain starts from (`api` in `api.v1.post`, `request` in `request(app).post`). */
function rootName(e: TS.Expression, ts: TSModule): string | undefined {
  for (let i = 0; i < 32; i++) {
    if (ts.isIdentifier(e)) return e.text;
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) e = e.expression;
    else return undefined;
  }
  return undefined;
}

function isRoutePath(e: TS.Expression, ts: TSModule): boolean {
  return ts.isStringLiteralLike(e) || ts.isTemplateExpression(e) || ts.isRegularExpressionLiteral(e) || ts.isArrayLiteralExpression(e);
}

/** Client-side by configuration only where no configuration says otherwise. */
function placement(p: SessionPlacement): { clientSideByConfig: ReadonlySet<string>; serverSideByConfig: ReadonlySet<string> } {
  return { clientSideByConfig: new Set([...p.client].filter((m) => !p.server.has(m))), serverSideByConfig: p.server };
}

/** Facts of an app: the union of its files' facts. */
export function mergeFacts(parts: readonly AppFacts[], complete: boolean): AppFacts {
  return {
    complete,
    trustProxy: parts.some((p) => p.trustProxy),
    servesHttps: parts.some((p) => p.servesHttps),
    sessionModules: new Set(parts.flatMap((p) => [...p.sessionModules])),
    ...placement({ client: new Set(parts.flatMap((p) => [...p.clientSideByConfig])), server: new Set(parts.flatMap((p) => [...p.serverSideByConfig])) }),
    csrfModules: new Set(parts.flatMap((p) => [...p.csrfModules])),
    stateChangingRoutes: parts.flatMap((p) => p.stateChangingRoutes).slice(0, MAX_ROUTES),
    listens: { loopback: parts.reduce((n, p) => n + p.listens.loopback, 0), other: parts.reduce((n, p) => n + p.listens.other, 0) },
    sessionConfigs: parts.flatMap((p) => p.sessionConfigs),
    envReads: new Set(parts.flatMap((p) => [...p.envReads])),
    apps: parts.reduce((n, p) => n + p.apps, 0),
    appOptions: parts.flatMap((p) => p.appOptions),
    runtimeExpiry: new Set(parts.flatMap((p) => [...p.runtimeExpiry])),
    moduleCalls: parts.flatMap((p) => p.moduleCalls),
  };
}

/**
 * Where the trust-proxy option goes in an app factory's options: a new argument when the call passes
 * none at that position (`fastify()`), or a property of the object literal written there that lacks it.
 */
function optionsLayout(n: TS.CallExpression | TS.NewExpression, index: number, option: string, sf: TS.SourceFile, ts: TSModule): InsertLayout | undefined {
  const args = n.arguments ?? [];
  if (args.length === index) return argumentLayout(ts, n);
  const obj = args[index];
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  if (obj.properties.some((p) => !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p))) return undefined; // a spread may set it
  if (obj.properties.some((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) && p.name.text === option)) return undefined;
  const style = styleOf(sf, ts);
  return layoutOf(obj, { indent: style.indent, trailingComma: style.trailingComma });
}

/**
 * The session modules whose per-session expiry the file sets: an assignment of something other than
 * `null`/`undefined`/`false` to a property chain that ends with a `runtimeExpiry` path of the libraries table
 * (`req.session.cookie.maxAge`, `this.req.sessionOptions.maxAge`), or with the path after its first segment on a
 * local name for the session (`session.cookie.maxAge`, `sess.cookie.expires`: a name that says session).
 */
function runtimeExpiryOf(sf: TS.SourceFile, ts: TSModule): Set<string> {
  const out = new Set<string>();
  walk(ts, sf, (n) => {
    if (!ts.isBinaryExpression(n) || n.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(n.left)) return;
    const right = n.right;
    if (right.kind === ts.SyntaxKind.NullKeyword || right.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(right) && right.text === 'undefined') || ts.isVoidExpression(right)) return;
    const names: string[] = [];
    let e: TS.Expression = n.left;
    while (ts.isPropertyAccessExpression(e)) {
      names.unshift(e.name.text);
      e = e.expression;
    }
    const root = ts.isIdentifier(e) ? e.text : undefined;
    for (const r of RUNTIME_EXPIRY) {
      const tail = r.path.slice(1);
      const ends = (path: readonly string[]) => names.length >= path.length && path.every((p, i) => names[names.length - path.length + i] === p);
      const viaName = root !== undefined && /sess/i.test(root) && names.length === tail.length && ends(tail);
      if (ends(r.path) || viaName) for (const m of r.modules) out.add(m);
    }
  });
  return out;
}

const OPTIONS_ANYWHERE = new Set(FRAMEWORKS.flatMap((f) => (f.trustProxy.optionAnywhere && f.trustProxy.option ? [f.trustProxy.option] : [])));
const PROXY_PROPERTIES = new Set(FRAMEWORKS.flatMap((f) => (f.trustProxy.property ? [f.trustProxy.property] : [])));
const FRAMEWORK_BY_MODULE = new Map(FRAMEWORKS.flatMap((f) => f.modules.map((m) => [m, f] as const)));

/** A local name bound to a framework module or one of its exports. */
interface Bound {
  readonly framework: FrameworkInfo;
  readonly path: readonly string[];
}

/**
 * Names the file binds to a framework (`import express from 'express'`, `import { NestFactory } from
 * '@nestjs/core'`, `const Koa = require('koa')`, `const { fastify } = require('fastify')`), by syntax.
 */
function frameworkBindings(sf: TS.SourceFile, ts: TSModule, frameworkOfModule: (specifier: string) => FrameworkInfo | undefined): Map<string, Bound> {
  const out = new Map<string, Bound>();
  const frameworkOf = (e: TS.Expression | undefined) =>
    e && isModuleLoad(e, ts) && e.arguments[0] !== undefined && ts.isStringLiteralLike(e.arguments[0]) ? frameworkOfModule(e.arguments[0].text) : undefined;
  walk(ts, sf, (n) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.importClause && !n.importClause.isTypeOnly) {
      const framework = frameworkOfModule(n.moduleSpecifier.text);
      if (!framework) return false;
      const c = n.importClause;
      if (c.name) out.set(c.name.text, { framework, path: [] });
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) out.set(c.namedBindings.name.text, { framework, path: [] });
      if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
        for (const e of c.namedBindings.elements) out.set(e.name.text, { framework, path: [(e.propertyName ?? e.name).text] });
      }
      return false;
    }
    if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteralLike(n.moduleReference.expression)) {
      const framework = frameworkOfModule(n.moduleReference.expression.text);
      if (framework) out.set(n.name.text, { framework, path: [] });
      return false;
    }
    if (ts.isVariableDeclaration(n) && n.initializer) {
      const framework = frameworkOf(n.initializer);
      if (!framework) return true;
      if (ts.isIdentifier(n.name)) out.set(n.name.text, { framework, path: [] });
      else if (ts.isObjectBindingPattern(n.name)) {
        for (const e of n.name.elements) {
          const key = e.propertyName ?? e.name;
          if (ts.isIdentifier(e.name) && (ts.isIdentifier(key) || ts.isStringLiteralLike(key))) out.set(e.name.text, { framework, path: [key.text] });
        }
      }
    }
    return true;
  });
  return out;
}

/** The framework and factory that a call or `new` makes an app with, by the names the file binds. */
function appMade(
  n: TS.CallExpression | TS.NewExpression,
  bound: ReadonlyMap<string, Bound>,
  ts: TSModule,
  frameworkOfModule: (specifier: string) => FrameworkInfo | undefined,
): { framework: FrameworkInfo; factory: FrameworkInfo['apps'][number] } | undefined {
  const names: string[] = [];
  let e: TS.Expression = n.expression;
  while (ts.isPropertyAccessExpression(e) || ts.isParenthesizedExpression(e)) {
    if (ts.isPropertyAccessExpression(e)) names.unshift(e.name.text);
    e = e.expression;
  }
  let base: Bound | undefined;
  if (ts.isIdentifier(e)) base = bound.get(e.text);
  else if (isModuleLoad(e, ts) && e.arguments[0] !== undefined && ts.isStringLiteralLike(e.arguments[0])) {
    const framework = frameworkOfModule(e.arguments[0].text);
    if (framework) base = { framework, path: [] };
  }
  if (!base) return undefined;
  // `X.default` of the module is the module (ESM/CJS interop)
  const path = [...base.path, ...(base.path.length === 0 && names[0] === 'default' ? names.slice(1) : names)];
  const via = ts.isNewExpression(n) ? 'new' : 'call';
  const factory = base.framework.apps.find((a) => a.via === via && a.export.length === path.length && a.export.every((p, i) => p === path[i]));
  return factory ? { framework: base.framework, factory } : undefined;
}

/** Whether a relative specifier loads the package folder itself (`'../../'`, `'../..'`, `'../../index.js'`). */
function isSelf(file: string, specifier: string, dir: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.resolve(path.dirname(file), specifier).replace(/[\\/]index(\.[cm]?js)?$/, '');
  return target === path.resolve(dir);
}

/** Whether an options argument (an object literal, or a `const` of one in the file) sets `option` to anything but false/0. */
function optionSet(options: TS.Expression, option: string, sf: TS.SourceFile, ts: TSModule): boolean {
  let obj: TS.Expression | undefined = options;
  if (ts.isIdentifier(obj)) {
    const name = obj.text;
    obj = undefined;
    walk(ts, sf, (d) => {
      if (obj) return false;
      if (ts.isVariableDeclaration(d) && ts.isIdentifier(d.name) && d.name.text === name && d.initializer) obj = d.initializer;
      return true;
    });
  }
  if (!obj || !ts.isObjectLiteralExpression(obj)) return false;
  return obj.properties.some((p) => {
    if (ts.isShorthandPropertyAssignment(p)) return p.name.text === option;
    return ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)) && p.name.text === option && !isFalsyLiteral(p.initializer, ts);
  });
}
