/**
 * Libraries that sign or verify the tokens an app hands out as its sessions (the JWT in a hand-set cookie, or a bearer token):
 * they set no session cookie themselves (`cookie: null`), so only their secret is judged (no-hardcoded-secret). A
 * secret written in the source lets anyone who reads it sign a token for any user, as a session secret does.
 * Data for the libraries table (`LIBRARIES` in libraries.ts).
 */
import type { LibraryInfo } from './libraries.js';

export type TokenLibraryId = 'jsonwebtoken' | '@fastify/jwt' | 'express-jwt' | 'koa-jwt';

/**
 * The fields every token library shares: no session cookie of its own (`cookie: null`), no store, no lifecycle, its
 * secret read from `JWT_SECRET` in remedies.
 */
function tokenLibrary(entry: Pick<LibraryInfo, 'id' | 'displayName' | 'modules' | 'factories' | 'docs'> & { readonly secrets: readonly string[] }): LibraryInfo {
  const { secrets, ...rest } = entry;
  return {
    ...rest,
    options: { secrets: [...secrets], cookie: null, cookieMayBeFunction: false },
    secretEnv: 'JWT_SECRET',
    explicitOptions: [],
    defaults: {},
    memoryStoreExports: [],
    lifecycleMethods: {},
    secretLabel: 'JWT signing secret',
    clientSide: false,
  };
}

/**
 * jsonwebtoken: `jwt.sign(payload, secretOrPrivateKey, [options, callback])` (README "jwt.sign"): the second
 * argument is the HMAC secret (a string or Buffer) or a PEM private key. A key read from a file or the environment
 * is not a literal and is not reported.
 */
const JSONWEBTOKEN = tokenLibrary({
  id: 'jsonwebtoken',
  displayName: 'jsonwebtoken',
  modules: ['jsonwebtoken'],
  factories: [{ export: ['sign'], optionsArg: 1 }],
  docs: 'https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback',
  secrets: [''],
});

/**
 * @fastify/jwt: `fastify.register(fastifyJwt, { secret, cookie: { cookieName } })` (README "secret"): `secret` is a
 * string, a Buffer, a `{ private, public }` pair or a function; `cookie` makes `request.jwtVerify()` read the token
 * from that cookie, which the app sets itself (`reply.setCookie`). The default export and the named `fastifyJwt`.
 */
const FASTIFY_JWT = tokenLibrary({
  id: '@fastify/jwt',
  displayName: '@fastify/jwt',
  modules: ['@fastify/jwt', 'fastify-jwt'],
  factories: [
    { export: [], via: 'register', optionsArg: 1 },
    { export: ['fastifyJwt'], via: 'register', optionsArg: 1 },
  ],
  docs: 'https://github.com/fastify/fastify-jwt#secret-required',
  secrets: ['secret'],
});

/**
 * express-jwt: the middleware that verifies the app's tokens, `expressjwt({ secret, algorithms })` (7.x on, a named
 * export) or `jwt({ secret })` (6.x and before, the module itself). `secret` is the HMAC secret, or a function
 * (jwks-rsa's `expressJwtSecret`), which is not a literal.
 */
const EXPRESS_JWT = tokenLibrary({
  id: 'express-jwt',
  displayName: 'express-jwt',
  modules: ['express-jwt'],
  factories: [
    { export: ['expressjwt'], optionsArg: 0 },
    { export: [], optionsArg: 0 },
  ],
  docs: 'https://github.com/auth0/express-jwt#usage',
  secrets: ['secret'],
});

/** koa-jwt: `app.use(jwt({ secret, cookie }))` (the module itself); `secret` is a string, a Buffer, an array or a function. */
const KOA_JWT = tokenLibrary({
  id: 'koa-jwt',
  displayName: 'koa-jwt',
  modules: ['koa-jwt'],
  factories: [{ export: [], optionsArg: 0 }],
  docs: 'https://github.com/koajs/jwt#readme',
  secrets: ['secret'],
});

export const TOKEN_LIBRARIES: readonly LibraryInfo[] = [JSONWEBTOKEN, FASTIFY_JWT, EXPRESS_JWT, KOA_JWT];
