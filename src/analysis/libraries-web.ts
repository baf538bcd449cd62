/**
 * Libraries table, web-framework family: React Router 7 / Remix session storages and
 * cookies, h3 (Nuxt, Nitro) sessions, and session cookies set by hand through each
 * framework's cookie API (`res.cookie`, `ctx.cookies.set`, `reply.setCookie`,
 * `cookies().set`, SvelteKit's `cookies.set`, h3's and Hono's `setCookie`).
 *
 * Every default is written next to the source it was read from (docs/libraries.md §15-17).
 */
import type { LibraryInfo, SessionObjectShape } from './libraries.js';

/** The packages that export React Router's (and Remix's) server runtime: `createCookie`, the session storages. */
const REACT_ROUTER_MODULES = [
  'react-router',
  '@react-router/node',
  '@react-router/cloudflare',
  '@react-router/architect',
  '@remix-run/node',
  '@remix-run/cloudflare',
  '@remix-run/deno',
  '@remix-run/server-runtime',
  '@remix-run/architect',
];

/** The apps whose `server/` files call h3's utilities without importing them: Nuxt and Nitro. */
const NITRO_AUTO_IMPORTS = { packages: ['nuxt', 'nitropack', 'nitro', 'nuxt-nightly'], files: /(^|[\\/])server[\\/]/ };

/**
 * React Router has no regenerate(): a session read from the request's cookie keeps its id when committed. The way to a
 * new id is a new session (remix-utils#510: "copying the session over to a new one, if the backend does not support
 * changing ids of an existing session").
 */
const RR_RENEW =
  'React Router has no regenerate(): log in on a new session, `getSession()` without the request\'s cookie (copy over what the login keeps), and delete the old one with `destroySession(session)`, so that `commitSession` stores the login under a new ID';

/** The session object of a React Router storage made by `factory`. */
function rrStorage(factory: readonly string[], storage: SessionObjectShape['storage']): SessionObjectShape {
  return { getter: 'getSession', of: factory, cookieArg: 0, writes: { set: ['set', 'flash'], unset: ['unset'] }, reads: ['get', 'has'], storage, ...(storage === 'server' ? { renew: RR_RENEW } : {}) };
}

/**
 * React Router 7 / Remix session storages: `createCookieSessionStorage({ cookie })` (the data in the
 * cookie), `createSessionStorage({ cookie, createData, ... })`, `createFileSessionStorage`,
 * `createWorkersKVSessionStorage`, `createArcTableSessionStorage` (an id in the cookie) and
 * `createMemorySessionStorage` (the process memory). `cookie` is a Cookie from `createCookie` (judged
 * where it is made) or the options to make one: `createCookie(cookie.name || "__session", cookie)`
 * (react-router `lib/server-runtime/sessions.ts`, `createSessionStorage`;
 * `sessions/cookieStorage.ts` the same).
 */
const REACT_ROUTER_SESSIONS: LibraryInfo = {
  id: 'react-router',
  displayName: 'React Router / Remix session storage',
  modules: REACT_ROUTER_MODULES,
  factories: [
    // sessions/cookieStorage.ts: the session data is the cookie's value, signed only with `cookie.secrets` (else a warning, once).
    { export: ['createCookieSessionStorage'], optionsArg: 0, unsignedWithoutSecret: true },
    { export: ['createSessionStorage'], optionsArg: 0 },
    { export: ['createFileSessionStorage'], optionsArg: 0 },
    { export: ['createWorkersKVSessionStorage'], optionsArg: 0 },
    { export: ['createArcTableSessionStorage'], optionsArg: 0 },
    // sessions/memoryStorage.ts: "Creates and returns a simple in-memory SessionStorage object, mostly useful for testing"
    { export: ['createMemorySessionStorage'], optionsArg: 0, memoryStore: true },
  ],
  docs: 'https://reactrouter.com/explanation/sessions-and-cookies',
  options: { secrets: ['cookie.secrets'], cookie: 'cookie', cookieMayBeFunction: false, name: 'cookie.name', maxAgeInSeconds: true },
  explicitOptions: [],
  // react-router lib/server-runtime/cookies.ts `createCookie`: `{ path: "/", sameSite: "lax", ...cookieOptions }`,
  // `secrets = []` (unsigned); nothing else: HttpOnly and Secure only when given; maxAge in seconds (the `cookie` serializer).
  defaults: {
    'cookie.name': '__session',
    'cookie.path': '/',
    'cookie.sameSite': 'lax',
    'cookie.httpOnly': undefined,
    'cookie.secure': undefined,
    'cookie.maxAge': undefined,
    'cookie.expires': undefined,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  // sessions.ts `commitSession(session, options?: CookieSerializeOptions)`: `options.maxAge`/`expires` set the cookie's expiry
  // per commit (the indie and blues stacks' "remember me"); a wrapper of it (epic-stack's originalCommitSession) counts too.
  commitOptions: { method: 'commitSession', optionsArg: 1 },
  // sessions.ts: every storage returns `{ getSession(cookieHeader), commitSession, destroySession }`; `getSession` parses
  // the id (or, for the cookie storage, the data) from the cookie header and, without one, returns `createSession({}, "")`,
  // which `commitSession` stores under a new id (`if (id) updateData(id, ...) else id = await createData(...)`).
  // Writes: `session.set(key, value)`, `session.flash(key, value)`, `session.unset(key)` (sessions.ts `createSession`).
  sessionObjects: [
    // sessions/cookieStorage.ts: `cookie.serialize(session.data)`: the data is the cookie's value, signed, not encrypted.
    rrStorage(['createCookieSessionStorage'], 'signed-cookie'),
    ...['createSessionStorage', 'createFileSessionStorage', 'createWorkersKVSessionStorage', 'createArcTableSessionStorage', 'createMemorySessionStorage'].map((f) => rrStorage([f], 'server')),
  ],
  secretLabel: 'session cookie secret',
  // Not marked client-side: one library entry covers the cookie storage and the id-based ones; where a session
  // written through `getSession()` lives is its storage's (`sessionObjects`).
  clientSide: false,
};

/**
 * React Router / Remix `createCookie(name, options)`: a cookie the app serializes itself. Judged as a
 * session cookie when its name says so, or when a session storage of the same file uses it.
 */
const REACT_ROUTER_COOKIE: LibraryInfo = {
  id: 'react-router-cookie',
  displayName: 'React Router / Remix createCookie',
  modules: REACT_ROUTER_MODULES,
  factories: [{ export: ['createCookie'], optionsArg: 1, handSet: { nameArg: 0 } }],
  docs: 'https://reactrouter.com/explanation/sessions-and-cookies#cookies',
  options: { secrets: ['secrets'], cookie: '', cookieMayBeFunction: false, maxAgeInSeconds: true },
  explicitOptions: [],
  // react-router lib/server-runtime/cookies.ts `createCookie` (as above).
  defaults: { path: '/', sameSite: 'lax', httpOnly: undefined, secure: undefined, maxAge: undefined, expires: undefined },
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'cookie signing secret',
  clientSide: false,
};

/**
 * h3 sessions (Nuxt and Nitro server routes): `useSession(event, config)`, `getSession`,
 * `updateSession`, `sealSession`, `unsealSession`, `clearSession`, all with the config second.
 * The session is sealed into the cookie with `password` (iron-webcrypto in h3 1.x, which requires
 * at least 32 characters; JWE in h3 2.x).
 */
const H3_SESSION: LibraryInfo = {
  id: 'h3',
  displayName: 'h3 (useSession)',
  // '#imports': Nuxt's virtual module, which re-exports h3's utilities.
  modules: ['h3', 'h3-nightly', '#imports'],
  factories: ['useSession', 'getSession', 'updateSession', 'sealSession', 'unsealSession', 'clearSession'].map((name) => ({ export: [name], optionsArg: 1 })),
  docs: 'https://h3.dev/utils/session',
  // `maxAge` (seconds) is top-level: h3 sets the cookie's `expires` from it (`updateSession`).
  options: { secrets: ['password'], cookie: 'cookie', cookieMayBeFunction: false, name: 'name', maxAgeInSeconds: true, cookieAttributes: { maxAge: 'maxAge' } },
  explicitOptions: [],
  // h3 src/utils/internal/session.ts: DEFAULT_SESSION_NAME = "h3", DEFAULT_SESSION_COOKIE = { path: "/", secure: true,
  // httpOnly: true }; src/utils/session.ts `updateSession`: `{ ...DEFAULT_SESSION_COOKIE, expires: config.maxAge ? ... : undefined,
  // ...config.cookie }` (no SameSite); the same in h3 1.x src/utils/session.ts (DEFAULT_COOKIE).
  defaults: {
    name: 'h3',
    'cookie.path': '/',
    'cookie.secure': true,
    'cookie.httpOnly': true,
    'cookie.sameSite': undefined,
    maxAge: undefined,
    'cookie.expires': undefined,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  // h3 1.x seals with iron-webcrypto (`seal(..., config.password, { ...defaults, ... })`, minPasswordlength 32: shorter throws);
  // h3 2 seals with JWE: the minimum is h3 1's only.
  secretMinLength: { length: 32, source: 'h3 1.x src/utils/session.ts (iron-webcrypto seal, minPasswordlength 32)', before: { version: '2.0.0-0', module: 'h3' } },
  // h3 src/utils/session.ts: `useSession(event, config)` returns `{ id, data, update(update), clear() }`; `update` merges
  // an object (or a function's result) into the data and seals it into the cookie (iron-webcrypto in 1.x, JWE in 2.x).
  // `updateSession(event, config, update)` does the same without the session object (its third argument, when an object).
  sessionObjects: [
    { getter: 'useSession', writes: { update: ['update'] }, storage: 'sealed-cookie' },
    { writeCall: { names: ['updateSession'], dataArg: 2 }, writes: {}, storage: 'sealed-cookie' },
  ],
  secretLabel: 'session password',
  clientSide: true,
  // Nuxt (nuxt/nuxt packages/nuxt/src/core/nitro.ts) and Nitro auto-import h3's utilities in server routes, middleware and utils.
  autoImportedBy: NITRO_AUTO_IMPORTS,
};

/**
 * nuxt-auth-utils: `setUserSession`, `getUserSession`, `replaceUserSession`, `clearUserSession` take no config: they
 * call h3's `useSession` with `runtimeConfig.session`, which the app writes in `nuxt.config` (`defineNuxtConfig`, a
 * global there, or imported from 'nuxt/config'). The module merges its defaults under it (nuxt-auth-utils
 * src/module.ts: `defu(runtimeConfig.session, { name: 'nuxt-session', password: process.env.NUXT_SESSION_PASSWORD || '',
 * cookie: { sameSite: 'lax' } })`), and h3 its own cookie defaults (secure, httpOnly) under those. Nuxt overrides
 * runtimeConfig values from NUXT_* variables at run time, so a password written here is a fallback at best.
 */
const NUXT_AUTH_UTILS: LibraryInfo = {
  id: 'nuxt-auth-utils',
  displayName: 'nuxt-auth-utils (runtimeConfig.session)',
  modules: ['nuxt/config'],
  factories: [{ export: ['defineNuxtConfig'], optionsArg: 0, requires: 'nuxt-auth-utils' }],
  docs: 'https://github.com/atinux/nuxt-auth-utils#configuration',
  options: {
    secrets: ['runtimeConfig.session.password'],
    cookie: 'runtimeConfig.session.cookie',
    cookieMayBeFunction: false,
    name: 'runtimeConfig.session.name',
    maxAgeInSeconds: true,
    cookieAttributes: { maxAge: 'runtimeConfig.session.maxAge' },
  },
  explicitOptions: [],
  defaults: {
    'runtimeConfig.session.name': 'nuxt-session',
    'runtimeConfig.session.cookie.sameSite': 'lax',
    'runtimeConfig.session.cookie.secure': true,
    'runtimeConfig.session.cookie.httpOnly': true,
    'runtimeConfig.session.maxAge': undefined,
    'runtimeConfig.session.cookie.expires': undefined,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  // src/runtime/server/utils/session.ts: `setUserSession(event, data)` merges `data` into h3's sealed session
  // ("please only store public information since it can be decoded with API calls"), `replaceUserSession` replaces
  // it; src/runtime/server/session/session.get.ts returns the session to the page (`/api/_auth/session`,
  // `useUserSession()`) without its `secure` key: `const { secure, ...data } = session; return data`.
  sessionObjects: [
    {
      writeCall: { names: ['setUserSession', 'replaceUserSession'], dataArg: 1, autoImportedBy: { packages: ['nuxt-auth-utils'], files: NITRO_AUTO_IMPORTS.files } },
      writes: {},
      storage: 'browser',
      privateKeys: { keys: ['secure'], storage: 'sealed-cookie' },
      lands: 'nuxt-auth-utils returns to the page (`/api/_auth/session`, `useUserSession()`), where any script can read it; only `secure` stays on the server',
    },
  ],
  secretLabel: 'session password',
  clientSide: true,
  // A nuxt.config that leaves runtimeConfig.session out names no session: the config call is the word to look for.
  prefilterWords: ['defineNuxtConfig'],
  // nuxt.config.ts calls defineNuxtConfig without importing it; only an app with nuxt-auth-utils configures sessions there.
  autoImportedBy: { packages: ['nuxt-auth-utils'], files: /(^|[\\/])nuxt\.config\.[cm]?[jt]s$/ },
};

// ───────────── session cookies set by hand ─────────────
// Each API is judged only for a cookie that carries a session or auth token: by its name
// (`isSessionCookieName`) or its value (a token, a signed JWT: `carriesToken` in sites.ts).

/** What every cookie API shares: no secret, the call's options are the cookie's, no store, no session lifecycle. */
function handSetCookie(
  api: Omit<LibraryInfo, 'options' | 'explicitOptions' | 'memoryStoreExports' | 'lifecycleMethods' | 'secretLabel' | 'clientSide'>,
  /** The API passes `maxAge` to the `cookie` serializer as it is: seconds (Express and Koa take milliseconds); options that force attributes. */
  units: { readonly maxAgeInSeconds?: boolean; readonly forcedBy?: LibraryInfo['options']['forcedBy'] } = {},
): LibraryInfo {
  return {
    ...api,
    options: { secrets: [], cookie: '', cookieMayBeFunction: false, ...units },
    explicitOptions: [],
    memoryStoreExports: [],
    lifecycleMethods: {},
    secretLabel: 'cookie secret',
    clientSide: false,
  };
}

/** Express `res.cookie(name, value, options)`. */
const EXPRESS_RES_COOKIE = handSetCookie({
  id: 'express-res-cookie',
  displayName: 'Express res.cookie',
  modules: [],
  factories: [{ export: ['cookie'], via: 'method', frameworks: ['express'], orParameter: true, optionsArg: 2, handSet: { nameArg: 0, valueArg: 1 } }],
  docs: 'https://expressjs.com/en/api.html#res.cookie',
  // express 5.2.1 lib/response.js `res.cookie`: only `path: '/'` is set; maxAge in milliseconds (docs/libraries.md §3).
  defaults: { path: '/', httpOnly: undefined, secure: undefined, sameSite: undefined, maxAge: undefined, expires: undefined },
  prefilterWords: ['cookie'],
});

/** Koa `ctx.cookies.set(name, value, options)` (the `cookies` module). */
const KOA_CTX_COOKIES = handSetCookie({
  id: 'koa-cookies',
  displayName: 'Koa ctx.cookies.set',
  modules: [],
  factories: [{ export: ['cookies', 'set'], via: 'method', frameworks: ['koa', '@koa/router', 'koa-router'], optionsArg: 2, handSet: { nameArg: 0, valueArg: 1 } }],
  docs: 'https://github.com/pillarjs/cookies#cookiesset-name--value---options--',
  // cookies 0.9.1 index.js: Cookie.prototype httpOnly true, sameSite false; secure follows the request (HTTPS) when not given (docs/libraries.md).
  defaults: { path: '/', httpOnly: true, secure: 'auto', sameSite: undefined, maxAge: undefined, expires: undefined },
  // The request is HTTPS to Koa behind a proxy only with `app.proxy` (as koa-session, libraries.ts).
  httpsFromFramework: 'koa',
  prefilterWords: ['cookies'],
});

/** Fastify `reply.setCookie(name, value, options)` (@fastify/cookie). */
const FASTIFY_SET_COOKIE = handSetCookie({
  id: 'fastify-set-cookie',
  displayName: 'Fastify reply.setCookie',
  modules: [],
  factories: [{ export: ['setCookie'], via: 'method', frameworks: ['fastify', '@fastify/cookie', 'fastify-cookie', 'fastify-plugin'], orParameter: true, optionsArg: 2, handSet: { nameArg: 0, valueArg: 1 } }],
  docs: 'https://github.com/fastify/fastify-cookie#sending',
  // @fastify/cookie 11.0.2 plugin.js `fastifyCookieSetCookie`: sameSite 'lax' since 10.0.0; httpOnly and secure not set (docs/libraries.md §6).
  defaults: { httpOnly: undefined, secure: undefined, sameSite: 'lax', maxAge: undefined, expires: undefined },
  prefilterWords: ['Cookie'],
}, { maxAgeInSeconds: true }); // @fastify/cookie 11 plugin.js: the options go to cookie.serialize, whose maxAge is in seconds

/** Next.js `cookies().set(name, value, options)` (`next/headers`; `(await cookies()).set` on Next 15). */
const NEXT_COOKIES = handSetCookie({
  id: 'next-cookies',
  displayName: 'Next.js cookies().set',
  modules: ['next/headers'],
  factories: [{ export: ['cookies'], onResult: 'set', optionsArg: 2, handSet: { nameArg: 0, valueArg: 1 } }],
  docs: 'https://nextjs.org/docs/app/api-reference/functions/cookies#options',
  // Next.js docs (cookies, Options): only `path` has a default ('/'); httpOnly, secure and sameSite are set when given.
  defaults: { path: '/', httpOnly: undefined, secure: undefined, sameSite: undefined, maxAge: undefined, expires: undefined },
}, { maxAgeInSeconds: true }); // Next.js docs (cookies, Options): maxAge is a number of seconds

/** SvelteKit `cookies.set(name, value, options)` in load functions, actions, endpoints and hooks. */
const SVELTEKIT_COOKIES = handSetCookie({
  id: 'sveltekit-cookies',
  displayName: 'SvelteKit cookies.set',
  modules: [],
  factories: [
    { export: ['cookies', 'set'], via: 'method', frameworks: ['@sveltejs/kit'], fileNames: /(^|[\\/])(\+(page|layout)\.server|\+server|hooks\.server)\.[cm]?[jt]s$/, optionsArg: 2, handSet: { nameArg: 0, valueArg: 1 } },
  ],
  docs: 'https://svelte.dev/docs/kit/@sveltejs-kit#Cookies',
  // sveltejs/kit packages/kit/src/exports/public.d.ts (Cookies.set): "The `httpOnly` and `secure` options are `true` by default (except on http://localhost,
  // where secure is false) ... The sameSite option defaults to lax."
  defaults: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: undefined, expires: undefined },
  prefilterWords: ['cookies'],
}, { maxAgeInSeconds: true }); // SvelteKit passes the options to the cookie package's serialize: seconds

/** h3 `setCookie(event, name, value, options)` (Nuxt and Nitro server routes). */
const H3_SET_COOKIE = handSetCookie({
  id: 'h3-set-cookie',
  displayName: 'h3 setCookie',
  modules: ['h3', 'h3-nightly', '#imports'],
  factories: [{ export: ['setCookie'], optionsArg: 3, handSet: { nameArg: 1, valueArg: 2 } }],
  docs: 'https://h3.dev/utils/cookie#setcookieevent-name-value-options',
  // As for useSession: Nuxt (nuxt/nuxt packages/nuxt/src/core/nitro.ts) and Nitro auto-import h3's utilities in server routes, middleware and utils.
  autoImportedBy: NITRO_AUTO_IMPORTS,
  // h3 src/utils/cookie.ts `setCookie`: `serialize(name, value, { path: "/", ...options })`: nothing else is set.
  defaults: { path: '/', httpOnly: undefined, secure: undefined, sameSite: undefined, maxAge: undefined, expires: undefined },
}, { maxAgeInSeconds: true }); // h3 setCookie: cookie-es serialize, maxAge in seconds

/**
 * Hono's cookie prefixes (hono src/helper/cookie/index.ts, the `prefix` of its CookieOptions): `prefix: 'secure'` serializes
 * `__Secure-<name>` with `{ path: '/', ...opt, secure: true }`, `prefix: 'host'` `__Host-<name>` with `{ ...opt, path: '/',
 * secure: true, domain: undefined }`: the browser refuses either cookie without Secure. hono-sessions passes its
 * `cookieOptions` to this `setCookie` as they are.
 */
export const HONO_COOKIE_PREFIXES: NonNullable<LibraryInfo['options']['forcedBy']> = [
  { option: 'prefix', values: ['secure', 'host'], sets: { secure: true }, source: 'hono src/helper/cookie/index.ts (setCookie: prefix)' },
  { option: 'prefix', values: ['host'], sets: { path: '/' }, source: 'hono src/helper/cookie/index.ts (setCookie: prefix)' },
];

/** Hono `setCookie(c, name, value, options)` and `setSignedCookie(c, name, value, secret, options)` (`hono/cookie`). */
const HONO_SET_COOKIE = handSetCookie({
  id: 'hono-set-cookie',
  displayName: 'Hono setCookie',
  modules: ['hono/cookie'],
  factories: [
    { export: ['setCookie'], optionsArg: 3, handSet: { nameArg: 1, valueArg: 2 } },
    { export: ['setSignedCookie'], optionsArg: 4, handSet: { nameArg: 1, valueArg: 2 } },
  ],
  docs: 'https://hono.dev/docs/helpers/cookie',
  // hono src/helper/cookie/index.ts `setCookie`: `serialize(name, value, { path: '/', ...opt })` (secure only forced for
  // the __Secure-/__Host- prefixes); nothing else is set.
  defaults: { path: '/', httpOnly: undefined, secure: undefined, sameSite: undefined, maxAge: undefined, expires: undefined },
}, { maxAgeInSeconds: true, forcedBy: HONO_COOKIE_PREFIXES }); // hono src/utils/cookie.ts serialize: `Max-Age=${Math.floor(opt.maxAge)}`, seconds

/**
 * A function or builder whose result is a signed token (a JWT), and where the token's own expiry lives. A cookie whose
 * value is such a token is judged to carry one (sites.ts `carriesSession`), and when every token it can hold expires,
 * the cookie's session times out with it (require-cookie-expiry; token-expiry.ts reads the expiry).
 */
export interface TokenSigner {
  readonly module: string;
  /** The export: a function called (`jwt.sign(...)`), or a class constructed and then chained to its `sign` method. */
  readonly path: readonly string[];
  /** `new SignJWT(payload).setExpirationTime('2h').sign(key)`: the method that signs, and the one that sets the expiry. */
  readonly chain?: { readonly sign: string; readonly expiryMethod: string };
  /** The argument holding the claims: an `exp` claim (seconds since the epoch) is an expiry. */
  readonly payloadArg: number;
  /** An option giving the lifetime (`expiresIn`: a number of seconds, or a duration string read by `ms`). */
  readonly expiryOption?: { readonly arg: number; readonly name: string };
}

export const TOKEN_SIGNERS: readonly TokenSigner[] = [
  // jsonwebtoken sign.js: `options.expiresIn` (seconds, or a string for vercel/ms) sets `exp`; an `exp` claim stays.
  { module: 'jsonwebtoken', path: ['sign'], payloadArg: 0, expiryOption: { arg: 2, name: 'expiresIn' } },
  // jose src/jwt/sign.ts + produce.ts: `setExpirationTime(input)` sets `exp` (a number is a timestamp, a string a duration from now).
  { module: 'jose', path: ['SignJWT'], payloadArg: 0, chain: { sign: 'sign', expiryMethod: 'setExpirationTime' } },
  // hono src/utils/jwt/jwt.ts `sign(payload, secret)`: the payload's `exp` is the only expiry.
  { module: 'hono/jwt', path: ['sign'], payloadArg: 0 },
];

export const WEB_LIBRARIES: readonly LibraryInfo[] = [
  REACT_ROUTER_SESSIONS,
  REACT_ROUTER_COOKIE,
  H3_SESSION,
  NUXT_AUTH_UTILS,
  EXPRESS_RES_COOKIE,
  KOA_CTX_COOKIES,
  FASTIFY_SET_COOKIE,
  NEXT_COOKIES,
  SVELTEKIT_COOKIES,
  H3_SET_COOKIE,
  HONO_SET_COOKIE,
];

/**
 * Whether a cookie's name says it carries a session or an auth token: one of its words
 * (`accessToken` → access, token; `connect.sid` → connect, sid) is a session or token word.
 * CSRF tokens are left out: a double-submit cookie is meant to be read by the page's script;
 * so are messages, statuses and redirect targets about the login (`messageAuth`, `auth_redirect`).
 */
export function isSessionCookieName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (words.some((w) => /^(csrf|xsrf)/.test(w) || w.endsWith('csrf') || w.endsWith('xsrf'))) return false;
  // A message, status or redirect target about the login (`messageAuth`, `login_error`, `auth_redirect`, `returnTo`) is shown or followed, not a credential.
  if (words.some((w) => NOT_A_CREDENTIAL_WORDS.has(w))) return false;
  return words.some((w) => SESSION_WORDS.has(w) || w.endsWith('session') || w.endsWith('sessid') || w.endsWith('token') || w.startsWith('session'));
}

const NOT_A_CREDENTIAL_WORDS = new Set(['message', 'messages', 'msg', 'flash', 'notice', 'alert', 'error', 'errors', 'status', 'redirect', 'callback', 'return', 'returnto', 'url']);
const SESSION_WORDS = new Set(['session', 'sess', 'sid', 'ssid', 'sessid', 'token', 'tokens', 'jwt', 'auth', 'authentication', 'authorization', 'bearer', 'remember', 'rememberme', 'login', 'logged', 'identity', 'id_token']);
