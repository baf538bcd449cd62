/**
 * Authentication libraries that create the session themselves: Auth.js (next-auth and
 * @auth/*), better-auth and express-openid-connect. Data for the libraries table
 * (`LIBRARIES` in libraries.ts); each default names the source it was read from.
 */
import type { LibraryInfo } from './libraries.js';

export type AuthLibraryId = 'auth.js' | 'better-auth' | 'express-openid-connect';

/**
 * Auth.js: next-auth v4 `NextAuth(options)` / `NextAuth(req, res, options)`, v5 `NextAuth(config)`,
 * `@auth/core` `Auth(request, config)`, `@auth/express` `ExpressAuth(config)`, `@auth/sveltekit`
 * `SvelteKitAuth(config)`, `@auth/solid-start` `SolidAuth(config)`; options objects typed
 * `NextAuthOptions`/`AuthOptions` (v4), `NextAuthConfig` (v5), `AuthConfig` (@auth/core).
 *
 * Session cookie defaults: @auth/core `src/lib/utils/cookie.ts` `defaultCookies(useSecureCookies)`
 * (https://github.com/nextauthjs/next-auth/blob/main/packages/core/src/lib/utils/cookie.ts):
 * `sessionToken.options = { httpOnly: true, sameSite: 'lax', path: '/', secure: useSecureCookies }`,
 * and @auth/core `src/lib/init.ts` deep-merges the app's `cookies` over them (v5). next-auth v4
 * (`src/core/init.ts`) spreads the app's `cookies` over the defaults one cookie at a time, so a given
 * `sessionToken` replaces them: a left-out attribute is then unset (`replacedWhole`, where the app's
 * next-auth is certainly 4 or older; an unknown version merges). `useSecureCookies` defaults to whether the app's URL is
 * HTTPS (`NEXTAUTH_URL`/`AUTH_URL`: https://authjs.dev/reference/core#usesecurecookies), which is
 * 'auto' here. `session.maxAge` is the session cookie's lifetime in seconds, 30 days by default
 * (https://authjs.dev/reference/core#session). The secret: `secret`, else `AUTH_SECRET` (v5) or
 * `NEXTAUTH_SECRET` (v4); `jwt.secret` is v4's deprecated second place
 * (https://next-auth.js.org/configuration/options#secret).
 */
const AUTH_JS: LibraryInfo = {
  id: 'auth.js',
  displayName: 'Auth.js',
  modules: ['next-auth', 'next-auth/next', '@auth/core', '@auth/express', '@auth/sveltekit', '@auth/solid-start'],
  factories: [
    // next-auth's default export: the options are the last argument in both v4 forms and in v5
    { export: [], optionsArg: 'last' },
    { export: ['NextAuth'], optionsArg: 'last' },
    { export: ['Auth'], optionsArg: 1 },
    { export: ['ExpressAuth'], optionsArg: 0 },
    { export: ['SvelteKitAuth'], optionsArg: 0 },
    { export: ['SolidAuth'], optionsArg: 0 },
  ],
  optionsTypes: ['NextAuthOptions', 'AuthOptions', 'NextAuthConfig', 'AuthConfig', 'ExpressAuthConfig', 'SvelteKitAuthConfig'],
  docs: 'https://authjs.dev/reference/core#authconfig',
  options: {
    secrets: ['secret', 'jwt.secret'],
    cookie: 'cookies.sessionToken.options',
    cookieMayBeFunction: false,
    // v5 lazy initialization: `NextAuth((req) => config)`, also async (https://authjs.dev/reference/nextjs#lazy-initialization)
    optionsMayBeFunction: true,
    cookieAttributes: { maxAge: 'session.maxAge', expires: 'session.maxAge' },
    fallbacks: { 'cookies.sessionToken.options.secure': ['useSecureCookies'] },
    maxAgeInSeconds: true,
  },
  explicitOptions: [],
  defaults: {
    'cookies.sessionToken.options.httpOnly': true,
    'cookies.sessionToken.options.sameSite': 'lax',
    // useSecureCookies: true when the app's URL is https (behaves as 'auto')
    'cookies.sessionToken.options.secure': 'auto',
    useSecureCookies: 'auto',
    'session.maxAge': 2_592_000,
  },
  // next-auth 4 src/core/init.ts: `cookies: { ...cookie.defaultCookies(useSecureCookies ?? url.base.startsWith("https://")),
  // ...userOptions.cookies }` (one cookie at a time: a written `sessionToken` replaces the default's name and options whole);
  // @auth/core src/lib/init.ts (next-auth 5): `cookies: merge(cookie.defaultCookies(...), config.cookies)`, a deep merge.
  replacedWhole: { paths: ['cookies.sessionToken'], note: 'next-auth 4, which takes a written `cookies.sessionToken` whole without its defaults,' },
  since: {
    // 5.0.0-0: next-auth 5's betas (5.0.0-beta.x) already run on @auth/core
    optionsMerged: { version: '5.0.0-0', module: 'next-auth', source: 'next-auth 4 src/core/init.ts (`...userOptions.cookies` over `defaultCookies`) vs @auth/core src/lib/init.ts (`merge(defaultCookies(...), config.cookies)`)' },
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  // What the callbacks put in the session (https://authjs.dev/guides/extending-the-session). `callbacks.jwt({ token, user,
  // account })` returns the JWT, which Auth.js encrypts (JWE: @auth/core src/jwt.ts `encode`, `alg: "dir"`, `enc:
  // "A256CBC-HS512"`; next-auth v4 src/jwt/index.ts `EncryptJWT`, `A256GCM`) into the session cookie, unless the app
  // gives its own `jwt.encode`. `callbacks.session({ session, token })` returns what `/api/auth/session` sends to the
  // page (@auth/core src/lib/actions/session.ts: `response.body = newSession`; `useSession()`, `auth()`), readable by any
  // script there: "By default, only a subset of the token is returned for increased security".
  sessionObjects: [
    {
      callback: { option: 'callbacks.jwt', param: 'token' },
      writes: { assign: true },
      storage: 'sealed-cookie',
      storedBy: ['jwt.encode'],
      lands: 'Auth.js keeps in the JWT, encrypted into the session cookie',
    },
    {
      callback: { option: 'callbacks.session', param: 'session' },
      writes: { assign: true },
      storage: 'browser',
      lands: 'Auth.js serves to browser JavaScript (`/api/auth/session`, `useSession()`), where any script on the page, an injected one too, can read it',
    },
  ],
  secretLabel: 'Auth.js secret',
  secretEnv: 'AUTH_SECRET',
  clientSide: false,
};

/**
 * better-auth `betterAuth(options)` (https://www.better-auth.com/docs/reference/options).
 * Cookie attributes: `packages/better-auth/src/cookies/index.ts` `createCookieGetter`
 * (https://github.com/better-auth/better-auth/blob/main/packages/better-auth/src/cookies/index.ts):
 * `{ secure: useSecureCookies ?? baseURL is https ?? isProduction, sameSite: 'lax', path: '/',
 * httpOnly: true, ...advanced.defaultCookieAttributes, ...advanced.cookies.session_token.attributes }`;
 * the session cookie's maxAge is `session.expiresIn` (seconds, `|| sec('7d')` in `getCookies`). The
 * secret: `secret`, else `BETTER_AUTH_SECRET`/`AUTH_SECRET`.
 */
const BETTER_AUTH: LibraryInfo = {
  id: 'better-auth',
  displayName: 'better-auth',
  modules: ['better-auth'],
  factories: [{ export: ['betterAuth'], optionsArg: 0 }],
  optionsTypes: ['BetterAuthOptions'],
  docs: 'https://www.better-auth.com/docs/reference/options',
  options: {
    secrets: ['secret'],
    cookie: 'advanced.cookies.session_token.attributes',
    cookieMayBeFunction: false,
    cookieAttributes: { maxAge: 'session.expiresIn', expires: 'session.expiresIn' },
    fallbacks: {
      'advanced.cookies.session_token.attributes.secure': ['advanced.defaultCookieAttributes.secure', 'advanced.useSecureCookies'],
      'advanced.cookies.session_token.attributes.httpOnly': ['advanced.defaultCookieAttributes.httpOnly'],
      'advanced.cookies.session_token.attributes.sameSite': ['advanced.defaultCookieAttributes.sameSite'],
    },
    maxAgeInSeconds: true,
  },
  explicitOptions: [],
  defaults: {
    // secure in production, or when baseURL is https (createCookieGetter): 'auto'
    'advanced.cookies.session_token.attributes.secure': 'auto',
    'advanced.cookies.session_token.attributes.httpOnly': true,
    'advanced.cookies.session_token.attributes.sameSite': 'lax',
    'session.expiresIn': 604_800,
  },
  // packages/better-auth/src/api/middlewares/origin-check.ts (better-auth @ 00a4a29): on every POST that carries a cookie
  // (and on sign-in forms with Fetch Metadata), the Origin (or Referer) must match `trustedOrigins`
  // (auth/trusted-origins.ts `matchesOriginPattern`: a pattern with `*` matches the host with utils/wildcard.ts, where `*`
  // is any run of characters but '/', so '*' matches every host); callbackURL/redirectTo are checked the same way.
  // `advanced.disableCSRFCheck: true` skips the origin check; `advanced.disableOriginCheck: true` skips the URL checks and,
  // while `disableCSRFCheck` is left out, the origin check too (`shouldSkipCSRFForBackwardCompat`).
  originCheck: {
    trustedOrigins: 'trustedOrigins',
    offSwitches: [{ option: 'advanced.disableCSRFCheck' }, { option: 'advanced.disableOriginCheck', unlessSet: 'advanced.disableCSRFCheck' }],
    covers: 'its origin check on cookie-carrying POSTs, sign-in forms and callback URLs',
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'better-auth secret',
  secretEnv: 'BETTER_AUTH_SECRET',
  clientSide: false,
};

/**
 * express-openid-connect `auth(config)` (https://auth0.github.io/express-openid-connect/interfaces/ConfigParams.html):
 * the session is an encrypted cookie (`appSession`), keyed by `secret` (else the `SECRET` env var).
 * `session.cookie` (https://auth0.github.io/express-openid-connect/interfaces/CookieConfigParams.html):
 * `httpOnly` true, `sameSite` 'Lax', `secure` defaults to whether `baseURL` is https ('auto' here).
 * `session.absoluteDuration` 7 days in seconds, `session.rolling` true with `rollingDuration` 1 day
 * (https://auth0.github.io/express-openid-connect/interfaces/SessionConfigParams.html).
 */
const EXPRESS_OPENID_CONNECT: LibraryInfo = {
  id: 'express-openid-connect',
  displayName: 'express-openid-connect',
  modules: ['express-openid-connect'],
  factories: [{ export: ['auth'], optionsArg: 0 }],
  docs: 'https://auth0.github.io/express-openid-connect/interfaces/ConfigParams.html',
  options: {
    secrets: ['secret'],
    cookie: 'session.cookie',
    cookieMayBeFunction: false,
    cookieAttributes: { maxAge: 'session.absoluteDuration', expires: 'session.absoluteDuration' },
    maxAgeInSeconds: true,
    // its config schema takes 'Lax', 'Strict' or 'None'
    sameSiteCapitalized: true,
  },
  explicitOptions: [],
  defaults: {
    'session.cookie.httpOnly': true,
    'session.cookie.sameSite': 'Lax',
    'session.cookie.secure': 'auto',
    'session.absoluteDuration': 604_800,
  },
  memoryStoreExports: [],
  lifecycleMethods: {},
  secretLabel: 'session encryption secret',
  secretEnv: 'SECRET',
  clientSide: true,
};

export const AUTH_LIBRARIES: readonly LibraryInfo[] = [AUTH_JS, BETTER_AUTH, EXPRESS_OPENID_CONNECT];
