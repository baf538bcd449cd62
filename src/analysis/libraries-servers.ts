/**
 * Session libraries of hapi, Koa and Connect beyond the classic ones: @hapi/cookie, @hapi/yar,
 * client-sessions, koa-generic-session. Data for the libraries table (`LIBRARIES` in
 * libraries.ts); each default names the source it was read from.
 */
import type { LibraryInfo } from './libraries.js';

export type FrameworkLibraryId = '@hapi/cookie' | '@hapi/yar' | 'client-sessions' | 'koa-generic-session' | '@adonisjs/session' | 'adonis-4-session' | 'adonis-4-app-key' | 'sails';

/**
 * hapi's cookie attributes (`server.state()` options), the same in every hapi session plugin:
 * hapi's defaults are `isSecure: true, isHttpOnly: true, isSameSite: 'Strict'`, `ttl` unset (a
 * browser-session cookie) (https://hapi.dev/api/#-serverstatename-options).
 */
const hapiCookie = (prefix: string) => ({
  secure: `${prefix}.isSecure`,
  httpOnly: `${prefix}.isHttpOnly`,
  sameSite: `${prefix}.isSameSite`,
});

/**
 * @hapi/cookie: `server.auth.strategy(name, 'cookie', { cookie: { name, password, isSecure,
 * isHttpOnly, isSameSite, ttl }, validate })` once the plugin is registered. The session is
 * sealed in the cookie (iron). Defaults: `{ name: 'sid', clearInvalid: false, isSameSite: 'Strict',
 * isSecure: true, isHttpOnly: true }` (API.md, https://hapi.dev/module/cookie/api/), `ttl` unset.
 */
const HAPI_COOKIE: LibraryInfo = {
  id: '@hapi/cookie',
  displayName: '@hapi/cookie',
  modules: ['@hapi/cookie', 'hapi-auth-cookie'],
  // the options are the last argument: `strategy(name, 'cookie', options)`, and hapi-auth-cookie < 7's `strategy(name, 'cookie', mode, options)`
  factories: [{ export: [], via: 'strategy', scheme: 'cookie', optionsArg: 'last' }],
  docs: 'https://hapi.dev/module/cookie/api/',
  options: {
    // hapi-auth-cookie before 7 took the cookie options flat (`{ password, isSecure, ttl }`, `cookie` the name):
    // read when there is no `cookie` object (lib/index.js internals.schema of those versions)
    secrets: ['cookie.password', 'password'],
    cookie: 'cookie',
    cookieMayBeFunction: false,
    cookieAttributes: { ...hapiCookie('cookie'), maxAge: 'cookie.ttl', expires: 'cookie.ttl' },
    fallbacks: { 'cookie.isSecure': ['isSecure'], 'cookie.isHttpOnly': ['isHttpOnly'], 'cookie.isSameSite': ['isSameSite'], 'cookie.ttl': ['ttl'] },
    // hapi validates isSameSite as 'Strict', 'Lax', 'None' or false
    sameSiteCapitalized: true,
  },
  explicitOptions: [],
  defaults: {
    'cookie.isSecure': true,
    'cookie.isHttpOnly': true,
    'cookie.isSameSite': 'Strict',
    'cookie.ttl': undefined,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretMinLength: { length: 32, source: '@hapi/iron lib/index.js `minPasswordlength: 32` ("Password string too short (min 32 characters required)")' },
  secretLabel: 'cookie password',
  clientSide: true,
};

/**
 * @hapi/yar: `server.register({ plugin: require('@hapi/yar'), options: { name, cookieOptions:
 * { password, isSecure, ... }, cache, maxCookieSize } })`. Defaults (lib/index.js
 * `internals.defaults`, https://hapi.dev/module/yar/api/): `name: 'session'`, `maxCookieSize: 1024`,
 * `cache: { expiresIn: 24 * 60 * 60 * 1000 }` (the session's lifetime, server side),
 * `cookieOptions: { path: '/', isSecure: true }` over hapi's state defaults. Small sessions live in
 * the sealed cookie, larger ones in the server's default cache; which cache that is is the
 * server's configuration (`Hapi.server({ cache })`), so no store finding is made.
 */
const HAPI_YAR: LibraryInfo = {
  id: '@hapi/yar',
  displayName: '@hapi/yar',
  modules: ['@hapi/yar', 'yar'],
  factories: [{ export: [], via: 'plugin', optionsArg: 0 }],
  docs: 'https://hapi.dev/module/yar/api/',
  options: {
    secrets: ['cookieOptions.password'],
    cookie: 'cookieOptions',
    cookieMayBeFunction: false,
    cookieAttributes: { ...hapiCookie('cookieOptions'), maxAge: 'cache.expiresIn', expires: 'cache.expiresIn' },
    sameSiteCapitalized: true,
  },
  explicitOptions: [],
  defaults: {
    'cookieOptions.isSecure': true,
    'cookieOptions.isHttpOnly': true,
    'cookieOptions.isSameSite': 'Strict',
    'cache.expiresIn': 86_400_000,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretMinLength: { length: 32, source: '@hapi/iron lib/index.js `minPasswordlength: 32` ("Password string too short (min 32 characters required)")' },
  secretLabel: 'cookie password',
  clientSide: false,
};

/**
 * client-sessions (Mozilla): `app.use(sessions({ cookieName, secret, duration, activeDuration,
 * cookie: { httpOnly, secure, ephemeral, maxAge } }))` (https://github.com/mozilla/node-client-sessions#usage):
 * the session is encrypted into the cookie. `duration` 24 hours by default (lib/client-sessions.js
 * `opts.duration = opts.duration || 24*60*60*1000`), `cookie.httpOnly` true; `cookie.secure` is
 * passed to the `cookies` module, which marks the cookie Secure on HTTPS requests when not given ('auto').
 */
const CLIENT_SESSIONS: LibraryInfo = {
  id: 'client-sessions',
  displayName: 'client-sessions',
  modules: ['client-sessions'],
  factories: [{ export: [], optionsArg: 0 }],
  docs: 'https://github.com/mozilla/node-client-sessions#readme',
  options: {
    secrets: ['secret', 'encryptionKey', 'signatureKey'],
    cookie: 'cookie',
    cookieMayBeFunction: false,
    cookieAttributes: { maxAge: 'duration', expires: 'duration' },
  },
  explicitOptions: [],
  defaults: {
    'cookie.httpOnly': true,
    'cookie.secure': 'auto',
    'cookie.sameSite': undefined,
    duration: 86_400_000,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'session encryption secret',
  clientSide: true,
};

/**
 * koa-generic-session: `app.use(session({ key, store, cookie, ttl }))`, signed with `app.keys`
 * (https://github.com/koajs/generic-session#options). `store` defaults to its `MemoryStore`
 * ("for development only"), the cookie to `{ httpOnly: true, path: '/', overwrite: true,
 * signed: true, maxAge: 24 * 60 * 60 * 1000 }` (lib/session.js `defaultCookie`); Koa's cookies
 * mark it Secure on HTTPS requests when `secure` is not given.
 */
const KOA_GENERIC_SESSION: LibraryInfo = {
  id: 'koa-generic-session',
  displayName: 'koa-generic-session',
  modules: ['koa-generic-session'],
  factories: [{ export: [], optionsArg: 0 }],
  docs: 'https://github.com/koajs/generic-session#readme',
  options: { secrets: [], cookie: 'cookie', cookieMayBeFunction: false, store: 'store' },
  explicitOptions: [],
  defaults: {
    'cookie.httpOnly': true,
    'cookie.secure': 'auto',
    'cookie.sameSite': undefined,
    'cookie.maxAge': 86_400_000,
  },
  defaultStore: { name: 'MemoryStore', productionSafe: false },
  memoryStoreExports: [['MemoryStore']],
  recommendedStores: ['koa-redis', 'koa-generic-session-mongo', 'koa-pg-session'],
  lifecycleMethods: {},
  secretLabel: 'session secret',
  clientSide: false,
};

/**
 * AdonisJS sessions, configured in `config/session.ts`: v6 `export default defineConfig({ store,
 * stores, cookie, age, cookieName, clearWithBrowser })` (https://docs.adonisjs.com/guides/basics/session),
 * earlier `defineConfig({ driver, ... })` and v5 `sessionConfig({ driver, ... })` (`@adonisjs/session/build/config`)
 * or `const sessionConfig: SessionConfig = { driver, ... }` (`@ioc:Adonis/Addons/Session`). The store is `store` (v6), else `driver` (earlier); `'memory'` keeps
 * sessions in the process (meant for tests). `age` is '2h' by default (src/define_config.ts
 * `config.age || '2h'`, the cookie's maxAge unless `clearWithBrowser`). The cookie attributes default
 * to the app's `http.cookie` in `config/app.ts` (the starter kits: httpOnly, `secure: app.inProduction`,
 * sameSite 'lax'), so only values written here are judged. The session is signed with `APP_KEY`
 * (`config/app.ts`), not an option of this file.
 */
const ADONIS_SESSION: LibraryInfo = {
  id: '@adonisjs/session',
  displayName: 'AdonisJS session',
  modules: ['@adonisjs/session', '@ioc:Adonis/Addons/Session', '@adonisjs/session/build/config'],
  // v6+ `defineConfig`; AdonisJS 5 (@adonisjs/session 6.x) `sessionConfig` from '@adonisjs/session/build/config',
  // the v5 starter's config/session.ts (an identity function that types the object)
  factories: [{ export: ['defineConfig'], optionsArg: 0 }, { export: ['sessionConfig'], optionsArg: 0 }],
  optionsTypes: ['SessionConfig'],
  docs: 'https://docs.adonisjs.com/guides/basics/session',
  options: {
    secrets: [],
    cookie: 'cookie',
    cookieMayBeFunction: false,
    store: 'store',
    fallbacks: { store: ['driver'] },
    cookieAttributes: { maxAge: 'age', expires: 'age' },
    // a number is seconds (string.seconds.parse), a string a duration ('2h')
    maxAgeInSeconds: true,
    // the response's cookie options are the app's `http.cookie` with the session's `cookie` over them
    // (v5 @adonisjs/http-server Response.cookie: `{ ...this.config.cookie, ...options }`; v6 the same in
    // src/cookies/serializer.ts); the v5 starter writes `secure: false, sameSite: false` there
    cookieDefaultsFrom: { module: './app', path: ['http', 'cookie'] },
  },
  explicitOptions: [],
  defaults: {
    // from config/app.ts http.cookie (the starter kits' values)
    'cookie.httpOnly': true,
    'cookie.secure': 'auto',
    'cookie.sameSite': 'lax',
    age: '2h',
  },
  memoryStoreExports: [],
  memoryStoreNames: ['memory'],
  recommendedStores: ["'redis'", "'database'", "'cookie'"],
  lifecycleMethods: {},
  secretLabel: 'session secret',
  clientSide: false,
};

/**
 * AdonisJS 4 (`@adonisjs/framework` 5.x with `@adonisjs/session` 1.x): `config/session.js` is `module.exports = {
 * driver, cookieName, clearWithBrowser, age, cookie: { httpOnly, sameSite, path }, file, redis }`, read with
 * `Config.get('session')` (the v4 boilerplate: `driver: Env.get('SESSION_DRIVER', 'cookie')`, `cookieName:
 * 'adonis-session'`, `age: '2h'`, `cookie: { httpOnly: true, sameSite: false, path: '/' }`). The session cookie is
 * written with `response.cookie(name, value, options)`, which merges the app's `cookie` of `config/app.js` under
 * them, so, as for the later versions, only the values written here are judged; `sameSite: false` (the
 * boilerplate's) is one. `age` is the session's life after the last activity, a duration string or
 * minutes-as-seconds (`'2h'`); `clearWithBrowser: true` makes a browser-session cookie and ignores it.
 * Sessions are encrypted with `APP_KEY` (config/app.js `appKey`: the next entry). Only in an app that depends on
 * `@adonisjs/framework` (v4; v5 and v6 depend on `@adonisjs/core` and write `config/session.ts`).
 */
const ADONIS_4_SESSION: LibraryInfo = {
  id: 'adonis-4-session',
  displayName: 'AdonisJS 4 session',
  modules: ['@adonisjs/session'],
  factories: [],
  configFile: { path: 'config/session.js', export: '', framework: '@adonisjs/framework' },
  docs: 'https://legacy.adonisjs.com/docs/4.1/sessions',
  options: { secrets: [], cookie: 'cookie', cookieMayBeFunction: false, store: 'driver', name: 'cookieName', cookieAttributes: { maxAge: 'age', expires: 'age' } },
  explicitOptions: [],
  defaults: {
    // under config/app.js `cookie` (the boilerplate: httpOnly, sameSite false): only what this file writes is judged
    'cookie.httpOnly': true,
    'cookie.secure': 'auto',
    'cookie.sameSite': 'lax',
    age: '2h',
    cookieName: 'adonis-session',
  },
  memoryStoreExports: [],
  memoryStoreNames: ['memory'],
  recommendedStores: ["'redis'", "'file'", "'cookie'"],
  lifecycleMethods: {},
  secretLabel: 'session secret',
  clientSide: false,
};

/**
 * AdonisJS 4's application key, `appKey` of `config/app.js` (`module.exports = { appKey: Env.getOrFail('APP_KEY'), ... }`
 * in the boilerplate): it encrypts and signs cookies and the cookie-driver session, so a literal there is a
 * hardcoded secret.
 */
const ADONIS_4_APP_KEY: LibraryInfo = {
  id: 'adonis-4-app-key',
  displayName: 'AdonisJS 4 (appKey)',
  modules: ['@adonisjs/framework'],
  factories: [],
  configFile: { path: 'config/app.js', export: '', framework: '@adonisjs/framework' },
  docs: 'https://legacy.adonisjs.com/docs/4.1/encryption-and-hashing',
  options: { secrets: ['appKey'], cookie: null, cookieMayBeFunction: false },
  explicitOptions: [],
  defaults: {},
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'application key (APP_KEY)',
  secretEnv: 'APP_KEY',
  // config/app.js names no session module
  prefilterWords: ['appKey'],
  clientSide: false,
};

/**
 * Sails: `config/session.js` (`module.exports.session = { secret, cookie, adapter, key, store }`,
 * https://sailsjs.com/documentation/reference/configuration/sails-config-session). `sails new` writes a generated
 * literal `secret` there. Sails merges `config/env/production.js` over it in production and `config/local.js`
 * over everything (lodash `_.merge`, config-overrides.ts): the production world reads the merged options.
 * The session hook (sails lib/hooks/session/index.js, balderdashy/sails @ 039d245) defaults to `{ adapter:
 * 'memory', key: 'sails.sid' }`, makes `adapter: 'memory'` an express-session `MemoryStore` unless `store` is an
 * object, and passes the whole config to express-session (`_.extend({ resave: true, saveUninitialized: true },
 * app.config.session)`), so the cookie has express-session's defaults (httpOnly, not secure). A missing secret
 * is generated at start-up (a warning in production), never hardcoded. `sails_session__*` environment
 * variables may override any of it: not known here.
 */
const SAILS: LibraryInfo = {
  id: 'sails',
  displayName: 'Sails',
  modules: ['sails'],
  factories: [],
  configFile: {
    path: 'config/session.js',
    export: 'session',
    framework: 'sails',
    overrides: [{ path: 'config/env/production.js', worlds: ['production'] }, { path: 'config/local.js' }],
    // sails lib/app/configuration (rc('sails')): `.sailsrc` `hooks: { session: false }` leaves the session hook out (pantsel/konga).
    disabledBy: { file: '.sailsrc', path: ['hooks', 'session'], value: false },
  },
  docs: 'https://sailsjs.com/documentation/reference/configuration/sails-config-session',
  options: { secrets: ['secret'], cookie: 'cookie', cookieMayBeFunction: false, store: 'adapter', fallbacks: { adapter: ['store'] }, name: 'key' },
  explicitOptions: [],
  defaults: {
    'cookie.httpOnly': true,
    'cookie.secure': false,
    'cookie.sameSite': undefined,
    'cookie.maxAge': undefined,
    'cookie.expires': undefined,
    key: 'sails.sid',
    adapter: 'memory',
  },
  defaultStore: { name: "adapter 'memory' (express-session's MemoryStore)", productionSafe: false },
  memoryStoreNames: ['memory'],
  recommendedStores: ["adapter: '@sailshq/connect-redis'", "adapter: 'connect-mongo'"],
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'session secret',
  clientSide: false,
};

export const FRAMEWORK_LIBRARIES: readonly LibraryInfo[] = [HAPI_COOKIE, HAPI_YAR, CLIENT_SESSIONS, KOA_GENERIC_SESSION, ADONIS_SESSION, ADONIS_4_SESSION, ADONIS_4_APP_KEY, SAILS];
