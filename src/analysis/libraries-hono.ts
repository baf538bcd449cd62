/**
 * hono-sessions (npm `hono-sessions`, JSR `@jcs224/hono-sessions`): `app.use(sessionMiddleware({ store,
 * encryptionKey, expireAfterSeconds, cookieOptions, sessionCookieName, autoExtendExpiration }))`. Data for
 * the libraries table (`LIBRARIES` in libraries.ts); every default below was read in the library's source
 * (github.com/jcs224/hono_sessions, tags v0.1.0 to v0.8.1, `src/Middleware.ts`, `src/store/*.ts`).
 */
import type { LibraryInfo } from './libraries.js';
import { HONO_COOKIE_PREFIXES } from './libraries-web.js';

export type HonoLibraryId = 'hono-sessions';

/**
 * - `store` is required (its TypeScript type has no `?`): `new MemoryStore()` keeps sessions in the
 *   process (src/store/MemoryStore.ts: a `Map`), `new CookieStore()` keeps the whole session in the
 *   cookie, sealed with iron-webcrypto under `encryptionKey`, other stores keep it server side and put
 *   the session id in the cookie (encrypted when an `encryptionKey` is given, a bare UUID otherwise).
 * - `encryptionKey`: a string (0.2.0 on), or a function returning one (0.7.3 on: `typeof
 *   options.encryptionKey === 'function'`). A CookieStore without one throws at start-up since 0.2.0
 *   ("encryptionKey is required while using CookieStore"); in 0.1.x (a `CryptoKey`) the cookie was then
 *   written as plain JSON. 0.1.x was replaced the next day (2023-08-24/25), so nothing is concluded from it.
 * - `cookieOptions` go to Hono's `setCookie(c, name, value, cookieOptions)` unchanged (no defaults of the
 *   library's own in any version): Hono adds only `path: '/'` (src/helper/cookie/index.ts), so HttpOnly,
 *   Secure and SameSite are absent unless written, and `maxAge` is in seconds (Hono's `serialize`).
 * - `expireAfterSeconds` is the session's lifetime (inactivity, `Session.reupSession`); left out,
 *   `_expire` stays null and `sessionValid()` is always true: the session never expires, in any store,
 *   whatever the cookie's own maxAge. So it stands for the expiry here. `autoExtendExpiration` (0.8.0 on,
 *   default true) only chooses whether requests extend it, as every earlier version did.
 * - `sessionCookieName` defaults to 'session' (`options.sessionCookieName || 'session'`, since 0.1.0).
 */
const HONO_SESSIONS: LibraryInfo = {
  id: 'hono-sessions',
  displayName: 'hono-sessions',
  modules: ['hono-sessions', '@jcs224/hono-sessions'],
  factories: [{ export: ['sessionMiddleware'], optionsArg: 0 }],
  optionsTypes: ['SessionOptions'],
  docs: 'https://github.com/jcs224/hono_sessions#readme',
  options: {
    secrets: ['encryptionKey'],
    cookie: 'cookieOptions',
    cookieMayBeFunction: false,
    store: 'store',
    name: 'sessionCookieName',
    cookieAttributes: { maxAge: 'expireAfterSeconds', expires: 'expireAfterSeconds' },
    maxAgeInSeconds: true,
    // `cookieOptions.prefix: 'secure' | 'host'` reaches Hono's setCookie, which then forces Secure (and, for 'host', path /).
    forcedBy: HONO_COOKIE_PREFIXES,
    // Hono's CookieOptions type takes 'Strict' | 'Lax' | 'None' (hono 3; hono 4 also the lower-case ones): remedies write those
    sameSiteCapitalized: true,
  },
  explicitOptions: [],
  defaults: {
    sessionCookieName: 'session',
    'cookieOptions.httpOnly': undefined,
    'cookieOptions.secure': undefined,
    'cookieOptions.sameSite': undefined,
    'cookieOptions.path': '/',
    expireAfterSeconds: undefined,
  },
  memoryStoreExports: [['MemoryStore']],
  recommendedStores: ['CookieStore (sealed, from hono-sessions)', 'a community store backed by Redis, SQLite or Deno KV'],
  lifecycleMethods: {},
  // src/Crypto.ts `Iron.seal(..., password, Iron.defaults)`: iron-webcrypto's `minPasswordlength: 32`
  secretMinLength: { length: 32, source: 'hono-sessions src/Crypto.ts (Iron.defaults of iron-webcrypto: minPasswordlength 32)' },
  secretLabel: 'session encryption key',
  // The store decides (CookieStore: the sealed session in the cookie; others: an id). Sealed data is unreadable
  // to the browser, so the server-side reading (no findings about data the browser could read) is the safe one.
  clientSide: false,
};

export const HONO_LIBRARIES: readonly LibraryInfo[] = [HONO_SESSIONS];
