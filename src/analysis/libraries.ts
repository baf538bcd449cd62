/**
 * What session-audit knows about each session library, as data.
 *
 * Rules never name a library: they ask this table where a library keeps its
 * secret, its cookie options and its store, and what it does when an option is
 * left out. Defaults are the libraries' documented ones (see each `docs` URL).
 */
import { AUTH_LIBRARIES, type AuthLibraryId } from './libraries-auth.js';
import { FRAMEWORK_LIBRARIES, type FrameworkLibraryId } from './libraries-servers.js';
import { HONO_LIBRARIES, type HonoLibraryId } from './libraries-hono.js';
import { TOKEN_LIBRARIES, type TokenLibraryId } from './libraries-tokens.js';
import type { ConfigOverride } from './config-overrides.js';
import type { Primitive } from './values.js';
import { WEB_LIBRARIES } from './libraries-web.js';
import { WORKERS_PACKAGES } from './runtime.js';

export type LibraryId =
  | AuthLibraryId
  | FrameworkLibraryId
  | HonoLibraryId
  | 'express-session'
  | 'cookie-session'
  | 'cookie-parser'
  | '@fastify/session'
  | '@fastify/secure-session'
  | 'koa-session'
  | 'koa'
  | 'iron-session'
  | TokenLibraryId
  | WebLibraryId;

/** The web-framework family (libraries-web.ts). */
type WebLibraryId =
  | 'react-router'
  | 'react-router-cookie'
  | 'h3'
  | 'nuxt-auth-utils'
  | 'express-res-cookie'
  | 'koa-cookies'
  | 'fastify-set-cookie'
  | 'next-cookies'
  | 'sveltekit-cookies'
  | 'h3-set-cookie'
  | 'hono-set-cookie';

/** How a session middleware is created from the module's exports. */
export interface FactoryShape {
  /** Export path of the factory: [] is the module itself / its default export. */
  readonly export: readonly string[];
  /**
   * How it is used: `call` (`session(opts)`), `register` (`fastify.register(plugin, opts)`),
   * `keys` (`app.keys = [...]` on an instance of the module, Koa's signing keys), `plugin`
   * (hapi's `server.register({ plugin, options })`, the options in the object's `options`),
   * `strategy` (hapi's `server.auth.strategy(name, scheme, options)` with the scheme the module
   * registers, in a file or app that loads the module), or `method`: `export`
   * is a method path called on a framework object the engine cannot trace to a module (`res.cookie`,
   * `ctx.cookies.set`), found in files that import one of `frameworks` (or whose name matches `fileNames`).
   */
  readonly via?: 'call' | 'register' | 'keys' | 'plugin' | 'strategy' | 'method';
  /** For `strategy`: the auth scheme name the module registers (`'cookie'` for @hapi/cookie). */
  readonly scheme?: string;
  /** For `via: 'method'`: the modules whose import says the file's objects are that framework's. */
  readonly frameworks?: readonly string[];
  /** For `via: 'method'`: file names that say so too (SvelteKit's `+page.server.ts`). */
  readonly fileNames?: RegExp;
  /** For `via: 'method'`: a receiver that is a parameter of the enclosing function also says so (`(req, res) => res.cookie(...)` in a file that imports nothing). */
  readonly orParameter?: boolean;
  /** The site is a call of this method on what the export returns (`cookies().set(...)`, `(await cookies()).set(...)`). */
  readonly onResult?: string;
  /**
   * A cookie set by hand (not a session library's cookie): the site is judged only when the cookie carries
   * a session or auth token, by the name at `nameArg` or the value at `valueArg` (libraries-web.ts).
   */
  readonly handSet?: { readonly nameArg: number; readonly valueArg?: number };
  /** A package the app must depend on for the call to configure sessions (`defineNuxtConfig` does only with nuxt-auth-utils). */
  readonly requires?: string;
  /** The factory keeps the session data in the cookie, unsigned unless a secret is given (React Router's `createCookieSessionStorage`). */
  readonly unsignedWithoutSecret?: boolean;
  /** The factory keeps sessions in the process memory whatever its options (React Router's `createMemorySessionStorage`). */
  readonly memoryStore?: boolean;
  /**
   * Which argument holds the options: an index, 'last', or 'object' (the first argument
   * that is an object: koa-session takes `(opts, app)` and the older `(app, opts)`).
   */
  readonly optionsArg: number | 'last' | 'object';
}

export interface LibraryInfo {
  readonly id: LibraryId;
  readonly displayName: string;
  /** Module specifiers that load the library (without a `node:` prefix). */
  readonly modules: readonly string[];
  readonly factories: readonly FactoryShape[];
  readonly docs: string;
  /** Option paths (dot-separated, relative to the options object). */
  readonly options: {
    /**
     * Options that hold signing/encryption secrets; each may be a string, an array of
     * strings, or a map of them. '' is the options argument itself (`cookieParser(secret)`).
     */
    readonly secrets: readonly string[];
    /**
     * Where the session cookie's attributes live: 'cookie' for a nested object, '' for flat
     * options, null when the library sets no session cookie (cookie-parser, Koa's keys).
     */
    readonly cookie: string | null;
    /** Whether the whole options may be given as a function returning them (Auth.js v5 lazy initialization). */
    readonly optionsMayBeFunction?: boolean;
    /** Whether the cookie options may be given as a function `(req) => options`. */
    readonly cookieMayBeFunction: boolean;
    /** Other names of the cookie options object, preferred when given (@fastify/secure-session reads `cookieOptions || cookie`). */
    readonly cookieAliases?: readonly string[];
    /** The cookie's `maxAge` is in seconds (the `cookie` serializer's unit), not milliseconds. */
    readonly maxAgeInSeconds?: boolean;
    /** The server-side store option, when the library keeps sessions on the server. */
    readonly store?: string;
    /** The cookie name option. */
    readonly name?: string;
    /** Older spellings of the name option that the library still reads (express-session's `key`). */
    readonly nameAliases?: readonly string[];
    /** The option that makes the library trust X-Forwarded-Proto for secure cookies. */
    readonly proxy?: string;
    /** The option that creates a session for every visitor when true. */
    readonly saveUninitialized?: string;
    /**
     * Where a session cookie attribute lives when not at `<cookie>.<attr>`: its full option path
     * (hapi's `cookie.isSecure`, Auth.js's `cookies.sessionToken.options.secure`, better-auth's
     * `session.expiresIn` for maxAge). Remedies write the path's last segment.
     */
    readonly cookieAttributes?: Readonly<Partial<Record<CookieAttribute, string>>>;
    /**
     * Option paths the library reads, in order, when an option is left out, before its default
     * applies (Auth.js: `cookies.sessionToken.options.secure`, else `useSecureCookies`).
     */
    readonly fallbacks?: Readonly<Record<string, readonly string[]>>;
    /** The library accepts only capitalized `sameSite` values ('Lax', 'Strict', 'None': hapi, express-openid-connect), remedies write them so. */
    readonly sameSiteCapitalized?: boolean;
    /**
     * Where the session cookie's attributes left out come from before the library's defaults: an object another
     * module of the app exports, named by a path beside the site's file and the path in its exports (AdonisJS:
     * `http.cookie` of `config/app.ts`, beside `config/session.ts`). Only values written there count; what that
     * object leaves out too keeps the library's default (and remedies add it to the session's own cookie).
     */
    readonly cookieDefaultsFrom?: { readonly module: string; readonly path: readonly string[] };
    /**
     * A cookie option that forces attributes whatever else is written (Hono's `prefix: 'secure' | 'host'`: `__Secure-`/
     * `__Host-` cookies get `secure: true`, `'host'` also `path: '/'`): `option` is relative to the cookie options; when
     * a production possibility of it is one of `values`, the attributes in `sets` have those values there.
     */
    readonly forcedBy?: readonly { readonly option: string; readonly values: readonly Primitive[]; readonly sets: Readonly<Record<string, Primitive>>; readonly source: string }[];
  };
  /**
   * A session configured by a framework config file rather than a call: in an app that depends on
   * `framework`, the file at `path` (relative to a folder of the app) assigns the options to
   * `module.exports.<export>` (Sails' `config/session.js`: `module.exports.session = {...}`), or with
   * `export: ''` to `module.exports` itself (AdonisJS 4's `config/session.js`).
   */
  readonly configFile?: {
    readonly path: string;
    readonly export: string;
    readonly framework: string;
    /** Files of the app that deep-merge the same export over it, in order, in the worlds given (config-overrides.ts). */
    readonly overrides?: readonly ConfigOverride[];
    /**
     * A JSON file at the app's root that switches the framework's sessions off (Sails' `.sailsrc` `{ "hooks": { "session":
     * false } }`): read with the package versions (package-versions.ts), it marks the framework's entry `sessionOff`; such an
     * app has no session of the framework (no config-file site), and no session logins unless it depends on a session library.
     */
    readonly disabledBy?: { readonly file: string; readonly path: readonly string[]; readonly value: Primitive };
  };
  /** Store option values (strings) that name the in-process memory store (AdonisJS `store: 'memory'`). */
  readonly memoryStoreNames?: readonly string[];
  /** Persistent stores to recommend in messages, when not the Connect stores (`RECOMMENDED_STORES`). */
  readonly recommendedStores?: readonly string[];
  /**
   * The environment variable remedies read the library's secret from: the one the library itself reads (AUTH_SECRET),
   * or a name of its own for a secret that is not a session's (cookie-parser's COOKIE_SECRET). SESSION_SECRET when unset.
   */
  readonly secretEnv?: string;
  /**
   * Types the library exports for its options object (`NextAuthOptions`): an object declared
   * with one (`const o: NextAuthOptions = {...}`, `{...} satisfies NextAuthConfig`) is a site
   * of its own, judged where it is written, also when the call that uses it is in another file.
   */
  readonly optionsTypes?: readonly string[];
  /** Options whose defaults the library deprecates and warns about at start-up when they are left out. */
  readonly explicitOptions: readonly string[];
  /** Documented defaults of options that matter to the rules, by option path. */
  readonly defaults: Readonly<Record<string, Primitive>>;
  /**
   * Option paths where an explicit `undefined` replaces the default instead of leaving it
   * (the library copies every given key over its defaults), e.g. express-session's
   * `cookie: { httpOnly: undefined }`, which sends the cookie without HttpOnly.
   */
  readonly undefinedOverridesDefault?: readonly string[];
  /** Server-side session store used when none is given (undefined: sessions live in the cookie). */
  readonly defaultStore?: { readonly name: string; readonly productionSafe: boolean };
  /** Exports of this module that are the in-memory store (`session.MemoryStore`). */
  readonly memoryStoreExports: readonly (readonly string[])[];
  /** Request methods that end or persist a session, with the index of their callback argument. */
  readonly lifecycleMethods: Readonly<Record<string, number>>;
  /**
   * What those methods return when called without a callback: `nothing` (the error goes only to
   * the callback, so `await req.session.save()` waits for nothing and loses it), or a promise.
   * Undefined: not known, nothing is concluded.
   */
  readonly lifecycleResult?: 'nothing' | 'promise';
  /**
   * Methods of the session object that return a promise and take no callback (iron-session's
   * `save()`): called as a statement, nothing waits on them and a failure is an unhandled rejection.
   */
  readonly promiseMethods?: readonly string[];
  /** Option values that switch the session's expiry off, with what the library then does (for messages). */
  readonly expiryOff?: readonly { readonly option: string; readonly value: Primitive; readonly meaning: string }[];
  /**
   * The shortest secret the library accepts (iron's 32 characters: shorter, sealing throws), with where that is
   * written; `before`: only in the versions of `module` certainly before `version` (h3 2 seals with JWE).
   */
  readonly secretMinLength?: { readonly length: number; readonly source: string; readonly before?: { readonly version: string; readonly module: string } };
  /** What the secret option is called in messages: 'session secret', 'cookie-signing secret'. */
  readonly secretLabel: string;
  /** Whether the session data lives in the cookie (no server-side ID to fixate; data readable by the client). */
  readonly clientSide: boolean;
  /**
   * Frameworks that make the library's exports globals in some files (Nuxt and Nitro auto-import h3's utilities in
   * `server/`): in an app that depends on one of `packages`, a call of an unbound name of a factory, in a file whose
   * path matches `files`, is that factory.
   */
  readonly autoImportedBy?: { readonly packages: readonly string[]; readonly files: RegExp };
  /**
   * The method that writes the cookie, whose options may set its expiry per response (React Router's
   * `commitSession(session, { maxAge })`): an expiry given there in the site's file counts as the cookie's.
   */
  readonly commitOptions?: { readonly method: string; readonly optionsArg: number };
  /**
   * Where a request handler sets one session's cookie expiry at run time (`req.session.cookie.maxAge = ...`), as
   * property paths below the request (the first segment may also be a local name for it, such as `session`): an app
   * that writes one of them anywhere gives its sessions an expiry the factory's options do not show (app-facts.ts).
   */
  readonly runtimeExpiry?: readonly (readonly string[])[];
  /** Words of the text prefilter for an API that no import names (`res.cookie`: 'cookie'). */
  readonly prefilterWords?: readonly string[];
  /** Session objects the library hands out that code writes through (no `req.session`): session-objects.ts. */
  readonly sessionObjects?: readonly SessionObjectShape[];
  /**
   * Methods of the request's own session (`request.session`) that write or read one key by name, besides
   * property access: @fastify/session and @fastify/secure-session `request.session.set('user', u)`, `.get('user')`
   * (session-writes.ts, logins.ts). Judged where the app uses the library (its imports or its app's session modules).
   */
  readonly requestSessionMethods?: { readonly set: readonly string[]; readonly reads: readonly string[] };
  /**
   * Options that move the session out of the cookie: without any of them the session lives in the
   * cookie (koa-session without `store`/`ContextStore`), whatever `clientSide` says (client-side.ts).
   */
  readonly clientSideUnless?: readonly string[];
  /**
   * Behaviours that arrived in a version (with the source that says so): an app whose version
   * is certainly older lacks them (see package-versions.ts); an unknown version has them.
   */
  readonly since?: {
    /** `session.regenerate()` exists. */
    readonly regenerate?: VersionFact;
    /** The cookie option may be a function `(req) => options`. */
    readonly cookieFunction?: VersionFact;
    /** Written `replacedWhole` options are merged over the defaults (before: they replace them whole). */
    readonly optionsMerged?: VersionFact;
    /** HTTPS is decided by the framework's request (`httpsFromFramework`); before, the library read X-Forwarded-Proto itself. */
    readonly frameworkHttps?: VersionFact;
  };
  /**
   * Option objects that, in the versions before `since.optionsMerged`, replace the library's default
   * object whole when written, so a key they leave out is unset rather than defaulted (next-auth 4 spreads
   * the app's `cookies` over its defaults one cookie at a time: a written `cookies.sessionToken` drops the
   * default `httpOnly`, `sameSite` and `secure`). `note` says so in messages ("next-auth 4, which ...,").
   * Applies only where the app's version is certainly older; an unknown version merges (no finding).
   */
  readonly replacedWhole?: { readonly paths: readonly string[]; readonly note: string };
  /**
   * The library's own CSRF defence, an origin check on its endpoints (better-auth): the option listing
   * the trusted origins (a pattern that matches every host trusts every website), and boolean options
   * that switch the check off when true (`unlessSet`: only while that other option is left out).
   */
  readonly originCheck?: {
    readonly trustedOrigins: string;
    readonly offSwitches: readonly { readonly option: string; readonly unlessSet?: string }[];
    /** What the check covers, for messages. */
    readonly covers: string;
  };
  /**
   * The library tells whether a request is HTTPS (to send a secure cookie) by the framework's
   * request (`request.protocol`), which believes X-Forwarded-Proto only when the app trusts its
   * proxy: the framework's name in the frameworks table, whose `trustProxy` says how the app does.
   * Behind a TLS-terminating proxy without it, a secure cookie is not sent (Fastify: not set; Koa:
   * an error), an `'auto'` one is sent without Secure.
   */
  readonly httpsFromFramework?: string;
  /**
   * Options the library stopped reading in a version, and the option that took their place
   * (cookie-session 2.0 ignores `key`: the cookie keeps the default name). An app whose
   * version is certainly older still has them; an unknown version does not.
   */
  readonly removedOptions?: Readonly<Record<string, VersionFact & { readonly replacedBy: string }>>;
}

/**
 * How a library hands out a session object that the code writes through, instead of a request's `req.session`
 * (session-objects.ts): React Router's `const session = await getSession(cookieHeader)` from a storage,
 * iron-session's `await getIronSession(cookies(), options)`, h3's `await useSession(event, options)`.
 */
export interface SessionObjectShape {
  /**
   * The getter: an export path of the module (`['getIronSession']`), or, with `of`, a method of what the factory
   * at `of` returns (`getSession` of `createCookieSessionStorage(...)`, also destructured and exported).
   */
  readonly getter?: string;
  /**
   * Instead of a getter: the library calls the function at `option` (a path in a site's options) with the session
   * data as the property `param` of its first argument, and keeps what the function returns (Auth.js
   * `callbacks.jwt({ token })`, `callbacks.session({ session })`). Writes: assignments to it and the returned object's keys.
   */
  readonly callback?: { readonly option: string; readonly param: string };
  /**
   * Instead of a getter: a function that writes the object at `dataArg` into the session, each key a write
   * (nuxt-auth-utils `setUserSession(event, data)`, h3 `updateSession(event, config, data)`), imported from the library's
   * modules or called without an import in the files `autoImportedBy` (else the library's) names of an app that depends
   * on one of its packages (Nuxt's server auto-imports).
   */
  readonly writeCall?: { readonly names: readonly string[]; readonly dataArg: number; readonly autoImportedBy?: { readonly packages: readonly string[]; readonly files: RegExp } };
  /** Top-level keys of the data that stay on the server, and where they live (nuxt-auth-utils' `secure`). */
  readonly privateKeys?: { readonly keys: readonly string[]; readonly storage: 'signed-cookie' | 'sealed-cookie' | 'server' };
  /** Options that, when given, replace how the data is stored (a custom `jwt.encode`): whether it is encrypted is then unknown. */
  readonly storedBy?: readonly string[];
  /** Where a written value ends up, for messages (a clause after "which"): "Auth.js serves to browser JavaScript (...)". */
  readonly lands?: string;
  /** The factory whose result has the getter as a method (an export path of the module). */
  readonly of?: readonly string[];
  /**
   * The getter's argument that carries the request's session cookie: called without it (or with null/undefined),
   * the getter returns a new, empty session with no ID (React Router `getSession()`), which commits under a new ID.
   */
  readonly cookieArg?: number;
  /** How the code writes into the session object. */
  readonly writes: {
    /** Property assignment: `session.user = user` (iron-session). */
    readonly assign?: boolean;
    /** Methods taking `(key, value)`: `session.set('userId', id)`, `session.flash('error', e)`. */
    readonly set?: readonly string[];
    /** Methods taking an object of keys and values: `session.update({ user })` (h3). */
    readonly update?: readonly string[];
    /** Methods taking a key that remove it: `session.unset('userId')`. */
    readonly unset?: readonly string[];
  };
  /** Methods that read a key: `session.get('userId')`, `session.has('userId')` (a read of the identity before a write). */
  readonly reads?: readonly string[];
  /**
   * Where the data lives: `signed-cookie` (the cookie is the data, readable by whoever holds it), `sealed-cookie`
   * (encrypted into the cookie), `server` (a session ID in the cookie, the data on the server: an ID that can be fixated),
   * `browser` (served to the page's JavaScript: Auth.js's session callback result, `/api/auth/session`).
   */
  readonly storage: 'signed-cookie' | 'sealed-cookie' | 'server' | 'browser';
  /** For `server`: how to log in under a new session ID with this library, for messages (the library has no regenerate()). */
  readonly renew?: string;
}

/** The session cookie attributes the rules read. */
export type CookieAttribute = 'secure' | 'httpOnly' | 'sameSite' | 'maxAge' | 'expires';

/** A behaviour of a library that arrived in `version`, with where that is written. */
export interface VersionFact {
  readonly version: string;
  readonly source: string;
  /** The package whose version counts, when not any of the library's modules (Auth.js: `next-auth`, not `@auth/core` 0.x). */
  readonly module?: string;
}

/** The behaviours `LibraryInfo.since` dates. */
export type VersionedBehaviour = 'regenerate' | 'cookieFunction' | 'optionsMerged' | 'frameworkHttps';

export const EXPRESS_SESSION: LibraryInfo = {
  id: 'express-session',
  displayName: 'express-session',
  modules: ['express-session'],
  factories: [{ export: [], optionsArg: 0 }],
  // @types/express-session: `session.SessionOptions`, also a named type export
  optionsTypes: ['SessionOptions'],
  docs: 'https://github.com/expressjs/session#readme',
  options: {
    secrets: ['secret'],
    cookie: 'cookie',
    cookieMayBeFunction: true,
    store: 'store',
    name: 'name',
    nameAliases: ['key'],
    proxy: 'proxy',
    saveUninitialized: 'saveUninitialized',
  },
  explicitOptions: ['resave', 'saveUninitialized'],
  // session/cookie.js: `this.httpOnly = true`, then `for (var key in options) this[key] = options[key]`.
  undefinedOverridesDefault: ['cookie.httpOnly'],
  defaults: {
    'cookie.httpOnly': true,
    'cookie.secure': false,
    'cookie.path': '/',
    'cookie.sameSite': undefined,
    'cookie.maxAge': undefined,
    'cookie.expires': undefined,
    name: 'connect.sid',
    proxy: undefined,
    // Both deprecated: the library prints a warning at start-up when they are left out.
    resave: true,
    saveUninitialized: true,
  },
  defaultStore: { name: 'MemoryStore', productionSafe: false },
  memoryStoreExports: [['MemoryStore']],
  lifecycleMethods: { destroy: 0, regenerate: 0, save: 0, reload: 0 },
  // session/session.js: `Session.prototype.save = function save(fn) { this.req.sessionStore.set(this.id, this, fn || function(){}); return this; }`,
  // destroy/regenerate/reload the same: they return the session (or undefined), never a promise (all versions to 1.18).
  lifecycleResult: 'nothing',
  // README, "req.session.cookie": "Alternatively req.session.cookie.expires = ... / req.session.cookie.maxAge = ...".
  runtimeExpiry: [
    ['session', 'cookie', 'maxAge'],
    ['session', 'cookie', 'expires'],
  ],
  secretLabel: 'session secret',
  clientSide: false,
  since: {
    cookieFunction: { version: '1.19.0', source: 'express-session README ("cookie" may be a function of the request) and HISTORY.md 1.19.0' },
  },
};

/** The whole session in a signed (not encrypted) cookie. Secure is set automatically on HTTPS requests. */
const COOKIE_SESSION: LibraryInfo = {
  id: 'cookie-session',
  displayName: 'cookie-session',
  modules: ['cookie-session'],
  factories: [{ export: [], optionsArg: 0 }],
  docs: 'https://github.com/expressjs/cookie-session#readme',
  options: { secrets: ['keys', 'secret'], cookie: '', cookieMayBeFunction: false, name: 'name' },
  explicitOptions: [],
  defaults: {
    name: 'session',
    httpOnly: true,
    // The cookies module marks the cookie Secure on HTTPS requests: like express-session's 'auto'.
    secure: 'auto',
    sameSite: undefined,
    maxAge: undefined,
    expires: undefined,
    signed: true,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  // README, "req.sessionOptions": "the session options for the current request ... to change cookie settings per-request"
  // (its example: `req.sessionOptions.maxAge = req.session.maxAge || req.sessionOptions.maxAge`).
  runtimeExpiry: [
    ['sessionOptions', 'maxAge'],
    ['sessionOptions', 'expires'],
  ],
  secretLabel: 'session signing key',
  clientSide: true,
  // cookie-session index.js makes `new Cookies(req, res, { keys })`: cookies 0.9.1 `set` asks `req.protocol` (express's, which
  // reads X-Forwarded-Proto only with `trust proxy`); a secure cookie on what it sees as HTTP throws, and cookie-session's
  // onHeaders catches it (the session is silently not saved).
  httpsFromFramework: 'express',
  removedOptions: {
    key: { version: '2.0.0', replacedBy: 'name', source: 'cookie-session HISTORY.md 2.0.0-alpha.1: "Remove the `key` option; use `name` instead"' },
  },
};

/** `cookieParser(secret)`: signs cookies the app sets; it sets no session cookie itself. */
const COOKIE_PARSER: LibraryInfo = {
  id: 'cookie-parser',
  displayName: 'cookie-parser',
  modules: ['cookie-parser'],
  factories: [{ export: [], optionsArg: 0 }],
  docs: 'https://github.com/expressjs/cookie-parser#readme',
  options: { secrets: [''], cookie: null, cookieMayBeFunction: false },
  // its own secret, not the session's (an app commonly has both)
  secretEnv: 'COOKIE_SECRET',
  explicitOptions: [],
  defaults: {},
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'cookie-signing secret',
  clientSide: false,
};

/** `fastify.register(fastifySession, { secret, cookie, store })`. Cookie defaults to secure: true. */
const FASTIFY_SESSION: LibraryInfo = {
  id: '@fastify/session',
  displayName: '@fastify/session',
  modules: ['@fastify/session', 'fastify-session'],
  // also the named export (TypeScript: `import { fastifySession } from '@fastify/session'`)
  factories: [
    { export: [], via: 'register', optionsArg: 1 },
    { export: ['fastifySession'], via: 'register', optionsArg: 1 },
  ],
  docs: 'https://github.com/fastify/session#readme',
  options: { secrets: ['secret'], cookie: 'cookie', cookieMayBeFunction: false, store: 'store', name: 'cookieName', saveUninitialized: 'saveUninitialized' },
  explicitOptions: [],
  defaults: {
    cookieName: 'sessionId',
    'cookie.secure': true,
    'cookie.httpOnly': true,
    'cookie.sameSite': undefined,
    'cookie.maxAge': undefined,
    'cookie.expires': undefined,
    saveUninitialized: true,
  },
  defaultStore: { name: 'MemoryStore', productionSafe: false },
  memoryStoreExports: [['MemoryStore']],
  lifecycleMethods: { destroy: 0, regenerate: 0, save: 0, reload: 0 },
  // @fastify/session README: "If no callback is passed, a Promise is returned" (destroy, regenerate, reload, save).
  lifecycleResult: 'promise',
  // @fastify/session 11 lib/session.js: `get(key) { return this[key] }`, `set(key, value) { this[key] = value }`.
  requestSessionMethods: { set: ['set'], reads: ['get'] },
  secretLabel: 'session secret',
  clientSide: false,
  // @fastify/session 11.1.2 index.js onSend: `session.cookie.secure === true && request.protocol !== 'https'` sets no cookie;
  // lib/cookie.js: `secure: 'auto'` is false unless `request.protocol === 'https'`. Fastify lib/request.js reads
  // X-Forwarded-Proto for `protocol` only on a request built with the `trustProxy` option.
  httpsFromFramework: 'fastify',
  since: {
    frameworkHttps: { version: '10.7.1', source: '@fastify/session 10.7.1, "fix: use request.protocol to check for HTTPS (#238)" (75b226c); before, lib/fastifySession.js read x-forwarded-proto itself' },
  },
};

/** Encrypted cookie sessions for fastify. httpOnly by default since 7.3.0; not secure by default. */
const FASTIFY_SECURE_SESSION: LibraryInfo = {
  id: '@fastify/secure-session',
  displayName: '@fastify/secure-session',
  modules: ['@fastify/secure-session', 'fastify-secure-session'],
  factories: [
    { export: [], via: 'register', optionsArg: 1 },
    { export: ['fastifySecureSession'], via: 'register', optionsArg: 1 },
  ],
  docs: 'https://github.com/fastify/fastify-secure-session#readme',
  options: { secrets: ['secret', 'key'], cookie: 'cookie', cookieMayBeFunction: false, name: 'cookieName', nameAliases: ['sessionName'], cookieAliases: ['cookieOptions'], maxAgeInSeconds: true },
  explicitOptions: [],
  defaults: {
    cookieName: 'session',
    'cookie.secure': false,
    'cookie.httpOnly': true,
    // reply.setCookie of @fastify/cookie >= 10 (8.x depends on ^11) defaults to Lax
    'cookie.sameSite': 'lax',
    // sessions expire after a day (the `expiry` option, 86401 s, checked on every request)
    'cookie.maxAge': 86_401,
    'cookie.expires': undefined,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'session encryption key',
  // @fastify/secure-session README: `request.session.get('data')`, `request.session.set('data', request.body)`
  // (the data is sealed into the cookie: no server-side ID to fixate, only credentials are findings).
  requestSessionMethods: { set: ['set'], reads: ['get'] },
  clientSide: true,
};

/** koa-session: `app.use(session(CONFIG, app))`; signed with `app.keys`. Secure is set automatically on HTTPS. */
const KOA_SESSION: LibraryInfo = {
  id: 'koa-session',
  displayName: 'koa-session',
  modules: ['koa-session'],
  // 7.x also exports the factory as `createSession` (ESM and CJS)
  factories: [
    { export: [], optionsArg: 'object' },
    { export: ['createSession'], optionsArg: 'object' },
  ],
  docs: 'https://github.com/koajs/session#readme',
  options: { secrets: [], cookie: '', cookieMayBeFunction: false, name: 'key' },
  explicitOptions: [],
  defaults: {
    key: 'koa.sess',
    // One day, kept in the session data and checked on every request.
    maxAge: 86_400_000,
    expires: undefined,
    httpOnly: true,
    secure: 'auto',
    sameSite: undefined,
    signed: true,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'session secret',
  clientSide: false,
  // koa-session README: "The session is stored in a cookie by default", unless `store` (external store) or
  // `ContextStore` is given: then the cookie holds only the external key.
  clientSideUnless: ['store', 'ContextStore'],
  // Koa lib/request.js `protocol`: 'https' on a TLS socket, else 'http' unless `app.proxy` (then X-Forwarded-Proto); cookies
  // 0.9.1 index.js `set`: a secure cookie on a request that is not secure throws "Cannot send secure cookie over unencrypted connection".
  httpsFromFramework: 'koa',
  since: {
    regenerate: { version: '6.4.0', source: 'koa-session History.md 6.4.0 (2023-02-04): "feat: Add Session.regenerate() method (#221)"' },
  },
};

/** Koa's signing keys: `app.keys = [...]` on `new Koa()` (used by koa-session and ctx.cookies). */
const KOA_KEYS: LibraryInfo = {
  id: 'koa',
  displayName: 'Koa (app.keys)',
  modules: ['koa'],
  factories: [{ export: [], via: 'keys', optionsArg: 0 }],
  docs: 'https://koajs.com/#app-keys-',
  options: { secrets: [''], cookie: null, cookieMayBeFunction: false },
  explicitOptions: [],
  defaults: {},
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'signing key (app.keys)',
  clientSide: false,
};

/** iron-session (v8 `getIronSession`, v6 helpers): sealed cookies; `password` (>= 32 chars, or a map for rotation). */
const IRON_SESSION: LibraryInfo = {
  id: 'iron-session',
  displayName: 'iron-session',
  modules: ['iron-session', 'iron-session/express', 'iron-session/next', 'iron-session/edge', 'next-iron-session'],
  factories: [
    { export: ['getIronSession'], optionsArg: 'last' },
    { export: ['ironSession'], optionsArg: 0 },
    { export: ['withIronSessionApiRoute'], optionsArg: 1 },
    { export: ['withIronSessionSsr'], optionsArg: 1 },
    { export: ['withIronSession'], optionsArg: 1 },
    { export: ['sealData'], optionsArg: 1 },
    { export: ['unsealData'], optionsArg: 1 },
  ],
  // v8 `SessionOptions`, v6 `IronSessionOptions`
  optionsTypes: ['SessionOptions', 'IronSessionOptions'],
  docs: 'https://github.com/vvo/iron-session#readme',
  options: { secrets: ['password'], cookie: 'cookieOptions', cookieMayBeFunction: false, name: 'cookieName', maxAgeInSeconds: true },
  explicitOptions: [],
  defaults: {
    'cookieOptions.secure': true,
    'cookieOptions.httpOnly': true,
    'cookieOptions.sameSite': 'lax',
    // ttl: 14 days (minus a minute for clock skew)
    'cookieOptions.maxAge': 1_209_540,
    'cookieOptions.expires': undefined,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  // src/core.ts (v6.3.1 and v8.0.4): `save: async function save()` (throws when the cookie is over 4096 bytes or,
  // with `(req, res)`, when headers were sent); `destroy: function destroy()` is synchronous and returns nothing.
  promiseMethods: ['save'],
  // src/core.ts: "iron-session: Bad usage. Password must be at least 32 characters long." (6.x and 8.x), iron's minimum
  secretMinLength: { length: 32, source: 'iron-session src/core.ts (password at least 32 characters)' },
  // v8 src/core.ts `getIronSession(cookies(), options)` / `(req, res, options)`: the session object's own properties are
  // the data (`session.user = ...; await session.save()`), sealed (encrypted) into the cookie.
  sessionObjects: [{ getter: 'getIronSession', writes: { assign: true }, storage: 'sealed-cookie' }],
  // `ttl: 0` means "no expiration" in every version: next-iron-session 4 (`lib/index.js`: cookie max-age
  // 2147483647 - 60, seal ttl 0 = never), 6.3.1 (`src/core.ts`: ttl becomes 2147483647 s for seal and cookie)
  // and 8.0.4 (`src/core.ts` computeCookieMaxAge: max-age 2147483647, seal ttl 0 = never). There is no v7 release.
  expiryOff: [{ option: 'ttl', value: 0, meaning: 'the sealed session never expires and its cookie gets Max-Age 2147483647 (68 years), in iron-session 4, 6 and 8 alike' }],
  secretLabel: 'session password',
  clientSide: true,
};

/** A cookie attribute's option path and documented default, for docs ('cookie.secure', false). */
export function cookieAttribute(lib: LibraryInfo, attr: string): { option: string; default?: string } | undefined {
  const option = cookieAttributePath(lib, attr);
  if (option === undefined) return undefined;
  const fallbacks = lib.options.fallbacks?.[option] ?? [];
  return { option: [option, ...fallbacks].join(', else '), default: describeDefault(lib.defaults[option]) };
}

/** The option path of a session cookie attribute ('cookie.secure', 'secure', hapi's 'cookie.isSecure'); undefined when the library sets no session cookie. */
export function cookieAttributePath(lib: LibraryInfo, attr: string): string | undefined {
  const mapped = lib.options.cookieAttributes?.[attr as CookieAttribute];
  if (mapped !== undefined) return mapped;
  if (lib.options.cookie === null) return undefined;
  return lib.options.cookie ? `${lib.options.cookie}.${attr}` : attr;
}

export function describeDefault(v: Primitive): string {
  return v === undefined ? 'not set' : JSON.stringify(v) ?? String(v);
}

export const LIBRARIES: readonly LibraryInfo[] = [
  EXPRESS_SESSION,
  COOKIE_SESSION,
  COOKIE_PARSER,
  FASTIFY_SESSION,
  FASTIFY_SECURE_SESSION,
  KOA_SESSION,
  KOA_KEYS,
  IRON_SESSION,
  ...WEB_LIBRARIES,
  ...AUTH_LIBRARIES,
  ...FRAMEWORK_LIBRARIES,
  ...HONO_LIBRARIES,
  ...TOKEN_LIBRARIES,
];

export function normalizeModule(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.slice(5);
  // Deno's `npm:` and `jsr:` specifiers, with an optional version: 'npm:hono-sessions@^0.8.1/x' loads 'hono-sessions/x'
  const deno = /^(?:npm|jsr):\/?((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/.exec(specifier);
  return deno ? deno[1]! + (deno[2] ?? '') : specifier;
}

/** The package a bare specifier loads: 'iron-session' for 'iron-session/next', '@fastify/session' for itself. */
export function packageName(specifier: string): string {
  const parts = normalizeModule(specifier).split('/');
  return parts[0]!.startsWith('@') && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/**
 * Server-side stores that keep sessions outside the process. A store created
 * from one of these is persistent; an unknown store is given the benefit of the doubt.
 */
export const PERSISTENT_STORE_MODULES: readonly string[] = [
  'connect-redis',
  'connect-mongo',
  'connect-mongodb-session',
  'connect-pg-simple',
  'connect-session-sequelize',
  'connect-session-knex',
  'connect-sqlite3',
  'connect-dynamodb',
  'connect-memcached',
  'connect-firestore',
  'express-mysql-session',
  'session-file-store',
  '@quixo3/prisma-session-store',
  'connect-typeorm',
  '@fastify/redis',
];

/**
 * Libraries whose `session.destroy()/save()` return promises or throw instead of
 * taking a callback: a file that uses them is not judged by callback rules.
 */
export const PROMISE_SESSION_MODULES: readonly string[] = ['iron-session', 'next-iron-session', 'next-session', 'koa-session', 'koa-generic-session', '@fastify/secure-session'];

/**
 * Libraries that keep the whole session in the cookie (signed or sealed): no
 * server-side session ID to fixate, and whatever is written is sent to the browser.
 */
export const CLIENT_SESSION_MODULES: readonly string[] = [...new Set(LIBRARIES.filter((l) => l.clientSide).flatMap((l) => l.modules))];

/** Of those, the ones that encrypt the cookie (sealed, not only signed): the browser holds the data but cannot read it. */
const ENCRYPTED_CLIENT_SESSION_MODULES: readonly string[] = ['iron-session', 'next-iron-session', '@fastify/secure-session', 'client-sessions'];

/**
 * The cookie-based session library a file's sessions live in: one the file imports, else the
 * app's, when every session library of the app keeps the session in the cookie. A library whose
 * place depends on its options (koa-session) counts as cookie-based when the app's configurations
 * of it all leave out a store (`clientSideByConfig`, from client-side.ts through the app facts).
 */
export function clientSessionOf(
  imported: ReadonlySet<string>,
  appSessionModules: () => ReadonlySet<string>,
  clientSideByConfig: () => ReadonlySet<string> = () => new Set(),
): { readonly module: string; readonly encrypted: boolean } | undefined {
  const isClient = (m: string) => CLIENT_SESSION_MODULES.includes(m) || clientSideByConfig().has(m);
  // Modules that hold no sessions (cookie-parser, Koa's keys) say nothing about where sessions live.
  const holdsSessions = (m: string) => !LIBRARIES.some((l) => l.options.cookie === null && l.modules.includes(m));
  const onlyClient = (app: readonly string[]) => {
    const sessions = app.filter(holdsSessions);
    return sessions.length > 0 && sessions.every(isClient) ? sessions[0] : undefined;
  };
  const module = CLIENT_SESSION_MODULES.find((m) => imported.has(m)) ?? CONFIGURED_MODULES.find((m) => imported.has(m) && clientSideByConfig().has(m)) ?? onlyClient([...appSessionModules()]);
  return module === undefined ? undefined : { module, encrypted: ENCRYPTED_CLIENT_SESSION_MODULES.includes(module) };
}

/** Modules of libraries whose sessions live in the cookie unless an option says otherwise. */
const CONFIGURED_MODULES: readonly string[] = LIBRARIES.filter((l) => l.clientSideUnless).flatMap((l) => l.modules);

/** CSRF protection middleware. csurf is deprecated (archived in 2022) but still protects. */
export const CSRF_MODULES: readonly string[] = ['csrf-csrf', 'csrf-sync', 'lusca', 'tiny-csrf', 'csurf', '@dr.pogodin/csurf', '@fastify/csrf-protection', 'koa-csrf', '@edge-csrf/express', '@edge-csrf/nextjs', 'csrf', '@adonisjs/shield/shield_middleware'];
/**
 * CSRF middleware that protects only when the app's kernel loads it lazily, `() => import('...')` in
 * `Server.middleware.register([...])` (AdonisJS 5's shield: its config file imports the same module for a type, and
 * a shield that is configured but not registered checks no token). AdonisJS 6 registers `@adonisjs/shield/shield_middleware`,
 * a module of its own, in CSRF_MODULES.
 */
export const LAZY_CSRF_MODULES: readonly string[] = ['@ioc:Adonis/Addons/Shield'];
/** Deprecated CSRF modules (https://github.com/expressjs/csurf: "This npm module is currently deprecated", archived 2022). */
const DEPRECATED_CSRF_MODULES: readonly string[] = ['csurf'];
export function isDeprecatedCsrfModule(module: string): boolean {
  return DEPRECATED_CSRF_MODULES.includes(module);
}
/** Maintained CSRF middleware to recommend, in messages. */
export const RECOMMENDED_CSRF_MODULES: readonly string[] = ['csrf-csrf', 'csrf-sync', 'lusca'];
/** Persistent session stores to recommend, in messages. */
export const RECOMMENDED_STORES: readonly string[] = ['connect-redis', 'connect-pg-simple', 'connect-mongo'];

/** `module` and `export` of a middleware factory, as FactoryShape names them. */
export interface MiddlewareExport {
  readonly module: string;
  /** Export paths that make it ([] is the module itself or its default export). */
  readonly exports: readonly (readonly string[])[];
  /** How it is used: `app.use(factory(options))` or fastify's `app.register(plugin, options)`. */
  readonly via: 'call' | 'register';
  /** Which argument of the call holds the options. */
  readonly optionsArg: number;
}

/**
 * CORS middleware: express/connect `cors(options)` (https://github.com/expressjs/cors#configuration-options)
 * and fastify's `app.register(fastifyCors, options)` (https://github.com/fastify/fastify-cors#options).
 * Both take `origin` ('*', true to reflect the request's origin, a function `(origin, cb)`) and `credentials`.
 */
export const CORS_MIDDLEWARE: readonly MiddlewareExport[] = [
  { module: 'cors', exports: [[]], via: 'call', optionsArg: 0 },
  { module: '@fastify/cors', exports: [[], ['default']], via: 'register', optionsArg: 1 },
];

/** Static file middleware: `express.static(root)` (https://expressjs.com/en/4x/api.html#express.static) and serve-static, which it wraps. */
export const STATIC_MIDDLEWARE: readonly MiddlewareExport[] = [
  { module: 'express', exports: [['static']], via: 'call', optionsArg: 1 },
  { module: 'serve-static', exports: [[]], via: 'call', optionsArg: 1 },
];

/**
 * A word without which a file cannot name a middleware of the list: the export's last name
 * (`static` of express.static) or, for the module itself, its name (the import names it).
 */
export function middlewareWords(list: readonly MiddlewareExport[]): string[] {
  const named = (e: readonly string[]) => e.length > 0 && !(e.length === 1 && e[0] === 'default');
  return [...new Set(list.flatMap((m) => m.exports.map((e) => (named(e) ? e[e.length - 1]! : m.module))))];
}

/**
 * passport (https://www.passportjs.org/concepts/authentication/login/): `req.login(user, cb)` /
 * `req.logIn` and `passport.authenticate(strategy, { session })` establish a login session;
 * since 0.6.0 both regenerate the session first (CHANGELOG 0.6.0: "regenerate session on login",
 * the fix for session fixation, CVE-2022-25896). `session: false` means no login session.
 */
export const PASSPORT = {
  module: 'passport',
  loginMethods: ['login', 'logIn'] as readonly string[],
  authenticate: 'authenticate',
  sessionOption: 'session',
  /** Where passport puts the logged-in user on the request (`req.user`; passport's `userProperty` default). */
  userProperty: 'user',
  regeneratesSince: '0.6.0',
  /** The advisory for logins of the versions before (GHSA-v923-w3x8-wh69: "passport before 0.6.0 ... session fixation"). */
  advisory: 'CVE-2022-25896',
} as const;

/**
 * Express itself, for remedies: since 5.0 a route handler's rejected promise goes to `next`
 * (expressjs.com, guide "Error handling": "Starting with Express 5, route handlers and
 * middleware that return a Promise will call next(value) automatically when they reject or
 * throw an error"); in Express 4 it is an unhandled rejection (Node 15+ exits on one).
 */
export const EXPRESS = {
  module: 'express',
  forwardsRejectionsSince: { version: '5.0.0', source: 'expressjs.com guide "Error handling": "Starting with Express 5, route handlers and middleware that return a Promise will call next(value) automatically when they reject or throw an error"' },
} as const;

/** Modules of the libraries that give an app sessions through a call (express-session, cookie-session, ...): not a framework's config file, not a hand-set cookie. */
export const SESSION_LIBRARY_MODULES: ReadonlySet<string> = new Set(LIBRARIES.filter((l) => !l.configFile && l.factories.some((f) => !f.handSet)).flatMap((l) => l.modules));

/**
 * The packages whose versions the engine reads for an app (package-versions.ts): the session
 * libraries, their persistent stores, passport and express, and the packages that say the app runs on
 * Cloudflare Workers (runtime.ts: how a remedy reads a secret there).
 */
export const VERSIONED_PACKAGES: readonly string[] = [
  // koa-generic-session: its regeneration is the context's (login-remedies.ts), so a Koa controller's remedy needs to know it is there.
  ...new Set([...LIBRARIES.flatMap((l) => [...l.modules, ...(l.autoImportedBy?.packages ?? []), ...(l.configFile ? [l.configFile.framework] : []), ...l.factories.flatMap((f) => (f.requires ? [f.requires] : []))]), ...PERSISTENT_STORE_MODULES, PASSPORT.module, EXPRESS.module, 'koa-generic-session', ...WORKERS_PACKAGES]),
];

/**
 * Session keys that say who the user is: writing one is logging in. Matched whole (case aside), so
 * `userPrefs`, `returnTo`, `cart` or `userAgent` are not identities. `authContext`/`authIdentity`: the
 * authentication's result as a whole (Medusa 2 stores `req.session.auth_context` from a verified token).
 */
export const IDENTITY_KEYS =
  /^(user|userId|user_id|uid|account|accountId|account_id|auth|authUser|authUserId|auth_user|authContext|auth_context|authIdentity|auth_identity|authenticated|isAuthenticated|isAuth|logged|loggedIn|isLoggedIn|logged_in|login|loginId|login_id|role|roles|isAdmin|admin|adminId|admin_id|staffId|employeeId|currentUser|current_user|currentUserId|userInfo|user_info|member|memberId|member_id|customer|customerId|customer_id|principal|identity|username|user_name|userEmail|user_email)$/i;

/** Session keys (or source property names) that hold credentials or payment data: never belong in a session. */
const SECRET_DATA_KEYS = /((password|passwd|passphrase|pwd)$|^pass$|credit_?card(_?number)?$|card_?number$|^cardNo$|^pan$|^cvv2?$|^cvc$|security_?code$|^ssn$)/i;

/** Keys that hold tokens or secrets: fine in a server-side store, exposed in a cookie-based session. */
const TOKEN_KEYS = /(token|secret|api_?key|private_?key|client_?secret)/i;

/** Token-like keys that are meant to live in the session (CSRF and OAuth/PKCE state). */
const SESSION_STATE_KEYS = /(csrf|xsrf|state|nonce|verifier|challenge)/i;

/**
 * Names of the session's own credential (`sessionToken`, `session_id`, `sid`), matched whole: a cookie session that
 * carries it is what a session cookie is for, so the browser holding it learns nothing it could not already use.
 */
const OWN_SESSION_CREDENTIAL = /^(session_?(token|id|key)|sid)$/i;

/** Of SECRET_DATA_KEYS, those that name payment card data (the rest name passwords). */
const CARD_DATA_KEYS = /card|pan|cvv|cvc|security/i;

/** What a key or source name holds that never belongs in a session: 'payment card data', 'a password', or undefined. */
export function secretDataOf(name: string): 'payment card data' | 'a password' | undefined {
  if (!SECRET_DATA_KEYS.test(name)) return undefined;
  return CARD_DATA_KEYS.test(name) ? 'payment card data' : 'a password';
}

/**
 * Token-like names that hold facts about a token, not the token: `accessTokenExpires` (Auth.js's refresh-token
 * rotation guide), `tokenType` ('Bearer'), `tokenExpiresAt`, `secretLength`.
 */
const TOKEN_METADATA = /(expires?|expiry|expires_?at|expiration|type|provider|count|length|issued_?at)$/i;

/** Whether a key or source name holds a token or secret that is not session state (CSRF, OAuth state) nor a fact about one. */
export function isTokenName(name: string): boolean {
  return TOKEN_KEYS.test(name) && !SESSION_STATE_KEYS.test(name) && !TOKEN_METADATA.test(name);
}

/** Whether a value's name says it is the session's own credential (`sessionToken`, `sessionId`): not a token a cookie session leaks. */
export function isOwnSessionCredentialName(name: string): boolean {
  return OWN_SESSION_CREDENTIAL.test(name);
}

/** Whether a key is meant for session state (CSRF and OAuth/PKCE state), whatever value it holds. */
export function isSessionStateName(name: string): boolean {
  return SESSION_STATE_KEYS.test(name);
}

/**
 * Words that make a module cheap to spot in source text: a file whose text has
 * none of them holds no session site (the prefilter of both front ends).
 */
export const PREFILTER_WORDS: readonly string[] = [...new Set([...LIBRARIES.flatMap((l) => [...l.modules.map(moduleWord), ...(l.prefilterWords ?? [])]), ...DEPRECATED_CSRF_MODULES, 'cors', 'Session', 'auth.strategy', PASSPORT.module])];

/**
 * A module's name as a prefilter word. A short name (`h3`, `koa`, `yar`) is looked for only
 * where a specifier names it, followed by a quote or a slash (`'h3'`, `'@hapi/yar'`,
 * `'h3/utils'`), so that JSX's `<h3>` or a word like `yard` lets no file through; `anyWord`
 * reads the trailing `'` so.
 */
export function moduleWord(module: string): string {
  return module.length < 4 ? `${module}'` : module;
}

/** `app.keys = ...` (Koa's signing keys) in a file that names no library; not `Object.keys(...)`. */
const KEYS_ASSIGNMENT = /\.keys\s*=(?!=)/;

/**
 * A regular expression that tells whether any of the words occurs (literally): one pass
 * over a text instead of one per word. An alternation of plain strings runs in linear time.
 * Only for `test()`: a word that contains another one is left out (`express-session` holds
 * `session`), since every alternative costs a test at each position of the text: on the
 * prefilters' words this made the test three times as fast (docs/performance.md). A word
 * ending with `'` (a short module's name, `moduleWord`) matches when a quote or a slash follows.
 */
export function anyWord(words: readonly string[]): RegExp {
  const covering = words.filter((w) => !words.some((o) => o !== w && w.includes(o)));
  // test/hostile/regex.test.ts feeds the results adversarial input.
  return new RegExp(alternation(covering).join('|'));
}

/**
 * Literal words as alternatives factored by their shared beginnings (`c(?:o(?:okie|rs)|srf)`):
 * V8 tries every top-level alternative at each position of a text, so grouping the words by
 * their first characters made the prefilters' expression about 15% faster (docs/performance.md,
 * "Fourth pass"); it matches the same texts. A trailing `'` (`moduleWord`) becomes a lookahead
 * for any quote or a slash (a lookahead keeps the expression's fast first-character checks; a
 * leading character class made it twice as slow); a word that ends where longer ones go on
 * covers them.
 */
function alternation(words: readonly string[]): string[] {
  const byFirst = new Map<string, string[]>();
  for (const w of words) byFirst.set(w[0]!, [...(byFirst.get(w[0]!) ?? []), w.slice(1)]);
  return [...byFirst].map(([c, rests]) => {
    if (rests.includes('')) return c === "'" ? '(?=[\'"`/])' : escapeChar(c);
    const tails = alternation(rests);
    return escapeChar(c) + (tails.length === 1 ? tails[0] : `(?:${tails.join('|')})`);
  });
}

function escapeChar(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The prefilter's words as one expression, with 'session' anywhere (library imports,
 * `req.session`, an alias such as `userSession`) but not in `sessionStorage`, the browser's
 * Web Storage API: front-end code mentions it often and never holds a server session.
 */
export const PREFILTER = new RegExp(`session(?!Storage)|${anyWord(PREFILTER_WORDS.filter((w) => !w.includes('session'))).source}`);

/** Quick text test: can this file hold anything the engine looks for? */
export function mayHoldSessionCode(text: string): boolean {
  return PREFILTER.test(text) || KEYS_ASSIGNMENT.test(text);
}
