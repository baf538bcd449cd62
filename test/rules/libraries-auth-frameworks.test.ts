// Every site rule on the authentication libraries and the hapi, Koa and Connect session libraries of
// libraries-auth.ts and libraries-servers.ts, against their real defaults: each true positive with its
// hard negative beside it; positions and full suggestion outputs asserted (both front ends: cli-parity).
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const noHardcodedSecret = ruleRunner('no-hardcoded-secret');
const requireSecureCookie = ruleRunner('require-secure-cookie');
const noHttponlyFalse = ruleRunner('no-httponly-false');
const requireSameSite = ruleRunner('require-same-site');
const requireCookieExpiry = ruleRunner('require-cookie-expiry');
const noMemoryStore = ruleRunner('no-memory-store');

noHardcodedSecret('Auth.js: no-hardcoded-secret', [
  // v4: an options object typed NextAuthOptions, used by NextAuth(...) in another file: a fallback
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import type { NextAuthOptions } from 'next-auth';
      export const authOptions: NextAuthOptions = { secret: process.env.NEXTAUTH_SECRET || 'dev-secret', providers: [] };
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 47, endLine: 2, endColumn: 98,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import type { NextAuthOptions } from 'next-auth';
              export const authOptions: NextAuthOptions = { secret: process.env.NEXTAUTH_SECRET!, providers: [] };
            ` },
        ],
      },
    ],
  }),

  // the env read alone
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import type { NextAuthOptions } from 'next-auth';
      export const authOptions: NextAuthOptions = { secret: process.env.NEXTAUTH_SECRET, providers: [] };
    `,
  }),

  // v5: NextAuth(config); the fix reads the variable Auth.js reads
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth({ secret: 'a-secret-in-the-source', providers: [] });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 46, endLine: 2, endColumn: 78,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import NextAuth from 'next-auth';
              export const { handlers, auth } = NextAuth({ secret: process.env.AUTH_SECRET!, providers: [] });
            ` },
        ],
      },
    ],
  }),

  // a literal only outside production: not the production secret, but the one a server started without NODE_ENV uses
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth({ secret: process.env.NODE_ENV === 'production' ? process.env.AUTH_SECRET : 'dev-only', providers: [] });
    `,
    // production reads the environment, but a server started without NODE_ENV signs with the literal (issue #12)
    errors: [{ messageId: 'withoutNodeEnv', line: 2, column: 46, endLine: 2, endColumn: 130, suggestions: [] }],
  }),

  // jwt.secret, in an object that satisfies NextAuthConfig
  ts({
    filename: 'auth.config.ts',
    code: code`
      import type { NextAuthConfig } from 'next-auth';
      export default { jwt: { secret: 'jwt-secret' }, providers: [] } satisfies NextAuthConfig;
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 25, endLine: 2, endColumn: 45,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import type { NextAuthConfig } from 'next-auth';
              export default { jwt: { secret: process.env.AUTH_SECRET! }, providers: [] } satisfies NextAuthConfig;
            ` },
        ],
      },
    ],
  }),

  // spread into NextAuth({...}): one finding, at the typed object where the value is written
  ts({
    filename: 'app/api/auth/route.ts',
    code: code`
      import NextAuth, { type NextAuthOptions } from 'next-auth';
      const authOptions: NextAuthOptions = { secret: 'a-secret-in-the-source', providers: [] };
      const handler = NextAuth({ ...authOptions, session: { strategy: 'jwt' } });
      export { handler as GET, handler as POST };
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 40, endLine: 2, endColumn: 72,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import NextAuth, { type NextAuthOptions } from 'next-auth';
              const authOptions: NextAuthOptions = { secret: process.env.AUTH_SECRET!, providers: [] };
              const handler = NextAuth({ ...authOptions, session: { strategy: 'jwt' } });
              export { handler as GET, handler as POST };
            ` },
        ],
      },
    ],
  }),

  // v5 lazy initialization: the options the function returns
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth(async (req) => {
        return { secret: 'lazy-secret', providers: [] };
      });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 12, endLine: 3, endColumn: 33,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import NextAuth from 'next-auth';
              export const { handlers, auth } = NextAuth(async (req) => {
                return { secret: process.env.AUTH_SECRET!, providers: [] };
              });
            ` },
        ],
      },
    ],
  }),

  // lazy, with the env read
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth((req) => ({ secret: process.env.AUTH_SECRET, providers: [] }));
    `,
  }),

  // @auth/express
  js({
    filename: 'app.js',
    code: code`
      import { ExpressAuth } from '@auth/express';
      app.use('/auth/*', ExpressAuth({ secret: 'express-auth-secret', providers: [] }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 34, endLine: 2, endColumn: 63,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { ExpressAuth } from '@auth/express';
              app.use('/auth/*', ExpressAuth({ secret: process.env.AUTH_AUTH_SECRET, providers: [] }));
            ` },
        ],
      },
    ],
  }),

  // left out: AUTH_SECRET is read
  js({
    filename: 'app.js',
    code: code`
      import { ExpressAuth } from '@auth/express';
      app.use('/auth/*', ExpressAuth({ providers: [] }));
    `,
  }),
]);

requireSecureCookie('Auth.js: require-secure-cookie', [
  // useSecureCookies: false
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth({ useSecureCookies: false, providers: [] });
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 46, endLine: 2, endColumn: 69,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import NextAuth from 'next-auth';
              export const { handlers, auth } = NextAuth({ useSecureCookies: process.env.NODE_ENV === 'production', providers: [] });
            ` },
          { messageId: 'setSecure', output: code`
              import NextAuth from 'next-auth';
              export const { handlers, auth } = NextAuth({ useSecureCookies: true, providers: [] });
            ` },
        ],
      },
    ],
  }),

  // secure in production
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth({ useSecureCookies: process.env.NODE_ENV === 'production', providers: [] });
    `,
  }),

  // left out: secure when the app URL is https
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth({ providers: [] });
    `,
  }),

  // the session cookie own options win over useSecureCookies
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import type { NextAuthOptions } from 'next-auth';
      export const authOptions: NextAuthOptions = {
        providers: [],
        cookies: { sessionToken: { name: 'sid', options: { path: '/', secure: false } } },
      };
    `,
    errors: [
      {
        messageId: 'insecure', line: 4, column: 65, endLine: 4, endColumn: 78,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import type { NextAuthOptions } from 'next-auth';
              export const authOptions: NextAuthOptions = {
                providers: [],
                cookies: { sessionToken: { name: 'sid', options: { path: '/', secure: process.env.NODE_ENV === 'production' } } },
              };
            ` },
          { messageId: 'setSecure', output: code`
              import type { NextAuthOptions } from 'next-auth';
              export const authOptions: NextAuthOptions = {
                providers: [],
                cookies: { sessionToken: { name: 'sid', options: { path: '/', secure: true } } },
              };
            ` },
        ],
      },
    ],
  }),

  // and the other way round
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import type { NextAuthOptions } from 'next-auth';
      export const authOptions: NextAuthOptions = {
        providers: [],
        useSecureCookies: false,
        cookies: { sessionToken: { name: 'sid', options: { path: '/', secure: true } } },
      };
    `,
  }),
]);

noHttponlyFalse('Auth.js: no-httponly-false', [
  // httpOnly: false
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import type { NextAuthOptions } from 'next-auth';
      export const authOptions: NextAuthOptions = {
        providers: [],
        cookies: { sessionToken: { name: 'sid', options: { httpOnly: false, path: '/' } } },
      };
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 4, column: 54, endLine: 4, endColumn: 69,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import type { NextAuthOptions } from 'next-auth';
              export const authOptions: NextAuthOptions = {
                providers: [],
                cookies: { sessionToken: { name: 'sid', options: { httpOnly: true, path: '/' } } },
              };
            ` },
        ],
      },
    ],
  }),

  // left out: the default applies
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import type { NextAuthOptions } from 'next-auth';
      export const authOptions: NextAuthOptions = {
        providers: [],
        cookies: { sessionToken: { name: 'sid', options: { path: '/' } } },
      };
    `,
  }),
]);

requireSameSite('Auth.js: require-same-site', [
  // sameSite 'none' on a cookie that is not secure
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers } = NextAuth({
        providers: [],
        useSecureCookies: false,
        cookies: { sessionToken: { name: 'sid', options: { sameSite: 'none', path: '/' } } },
      });
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 5, column: 54, endLine: 5, endColumn: 70,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import NextAuth from 'next-auth';
              export const { handlers } = NextAuth({
                providers: [],
                useSecureCookies: process.env.NODE_ENV === 'production',
                cookies: { sessionToken: { name: 'sid', options: { sameSite: 'none', path: '/' } } },
              });
            ` },
          { messageId: 'setSecure', output: code`
              import NextAuth from 'next-auth';
              export const { handlers } = NextAuth({
                providers: [],
                useSecureCookies: true,
                cookies: { sessionToken: { name: 'sid', options: { sameSite: 'none', path: '/' } } },
              });
            ` },
        ],
      },
    ],
  }),

  // sameSite 'none', secure by default on https
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers } = NextAuth({
        providers: [],
        cookies: { sessionToken: { name: 'sid', options: { sameSite: 'none', path: '/' } } },
      });
    `,
  }),
]);

requireCookieExpiry('Auth.js: require-cookie-expiry', [
  // session.maxAge (seconds) above the limit
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers } = NextAuth({ providers: [], session: { strategy: 'jwt', maxAge: 90 * 24 * 60 * 60 } });
    `,
    options: [{maxAgeMs: 604800000}],
    errors: [
      {
        messageId: 'tooLong', line: 2, column: 83, endLine: 2, endColumn: 108,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import NextAuth from 'next-auth';
              export const { handlers } = NextAuth({ providers: [], session: { strategy: 'jwt', maxAge: 604800 } });
            ` },
        ],
      },
    ],
  }),

  // left out: 30 days
  ts({
    filename: 'auth.ts',
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers } = NextAuth({ providers: [], session: { strategy: 'jwt' } });
    `,
  }),
]);

noHardcodedSecret('better-auth: no-hardcoded-secret', [
  // hardcoded; the fix reads the variable better-auth reads
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ secret: 'better-auth-secret-123456789' });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 34, endLine: 2, endColumn: 72,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { betterAuth } from 'better-auth';
              export const auth = betterAuth({ secret: process.env.AUTH_BETTER_AUTH_SECRET! });
            ` },
        ],
      },
    ],
  }),

  // the env read
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ secret: process.env.BETTER_AUTH_SECRET });
    `,
  }),
]);

requireSecureCookie('better-auth: require-secure-cookie', [
  // advanced.useSecureCookies: false
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ advanced: { useSecureCookies: false } });
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 46, endLine: 2, endColumn: 69,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import { betterAuth } from 'better-auth';
              export const auth = betterAuth({ advanced: { useSecureCookies: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import { betterAuth } from 'better-auth';
              export const auth = betterAuth({ advanced: { useSecureCookies: true } });
            ` },
        ],
      },
    ],
  }),

  // left out: secure in production
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ advanced: { cookiePrefix: 'app' } });
    `,
  }),

  // the session cookie attributes win over the default attributes
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({
        advanced: { defaultCookieAttributes: { secure: false }, cookies: { session_token: { attributes: { secure: true } } } },
      });
    `,
  }),
]);

noHttponlyFalse('better-auth: no-httponly-false', [
  // defaultCookieAttributes.httpOnly: false
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ advanced: { defaultCookieAttributes: { httpOnly: false } } });
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 73, endLine: 2, endColumn: 88,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import { betterAuth } from 'better-auth';
              export const auth = betterAuth({ advanced: { defaultCookieAttributes: { httpOnly: true } } });
            ` },
        ],
      },
    ],
  }),

  // left out: httpOnly
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ advanced: { defaultCookieAttributes: { sameSite: 'strict' } } });
    `,
  }),
]);

requireSameSite('better-auth: require-same-site', [
  // sameSite 'none' without secure
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ advanced: { useSecureCookies: false, defaultCookieAttributes: { sameSite: 'none' } } });
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 2, column: 98, endLine: 2, endColumn: 114,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import { betterAuth } from 'better-auth';
              export const auth = betterAuth({ advanced: { useSecureCookies: process.env.NODE_ENV === 'production', defaultCookieAttributes: { sameSite: 'none' } } });
            ` },
          { messageId: 'setSecure', output: code`
              import { betterAuth } from 'better-auth';
              export const auth = betterAuth({ advanced: { useSecureCookies: true, defaultCookieAttributes: { sameSite: 'none' } } });
            ` },
        ],
      },
    ],
  }),

  // sameSite 'none', secure in production
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ advanced: { defaultCookieAttributes: { sameSite: 'none' } } });
    `,
  }),
]);

noHardcodedSecret('express-openid-connect: no-hardcoded-secret', [
  // hardcoded; the fix reads SECRET, the variable the library reads
  cjs({
    code: code`
      const { auth } = require('express-openid-connect');
      app.use(auth({ secret: 'a long, randomly-generated string', baseURL: 'https://example.com', clientID: 'abc', issuerBaseURL: 'https://example.eu.auth0.com' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 16, endLine: 2, endColumn: 59,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const { auth } = require('express-openid-connect');
              app.use(auth({ secret: process.env.SECRET, baseURL: 'https://example.com', clientID: 'abc', issuerBaseURL: 'https://example.eu.auth0.com' }));
            ` },
        ],
      },
    ],
  }),

  // left out: SECRET is read
  cjs({
    code: code`
      const { auth } = require('express-openid-connect');
      app.use(auth({ baseURL: 'https://example.com', clientID: 'abc', issuerBaseURL: 'https://example.eu.auth0.com' }));
    `,
  }),
]);

requireSecureCookie('express-openid-connect: require-secure-cookie', [
  // session.cookie.secure: false
  cjs({
    code: code`
      const { auth } = require('express-openid-connect');
      app.use(auth({ session: { cookie: { secure: false } } }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 37, endLine: 2, endColumn: 50,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              const { auth } = require('express-openid-connect');
              app.use(auth({ session: { cookie: { secure: process.env.NODE_ENV === 'production' } } }));
            ` },
          { messageId: 'setSecure', output: code`
              const { auth } = require('express-openid-connect');
              app.use(auth({ session: { cookie: { secure: true } } }));
            ` },
        ],
      },
    ],
  }),

  // left out: secure when baseURL is https
  cjs({
    code: code`
      const { auth } = require('express-openid-connect');
      app.use(auth({ session: { cookie: { domain: 'example.com' } } }));
    `,
  }),
]);

noHttponlyFalse('express-openid-connect: no-httponly-false', [
  // httpOnly: false
  cjs({
    code: code`
      const { auth } = require('express-openid-connect');
      app.use(auth({ session: { cookie: { httpOnly: false } } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 37, endLine: 2, endColumn: 52,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              const { auth } = require('express-openid-connect');
              app.use(auth({ session: { cookie: { httpOnly: true } } }));
            ` },
        ],
      },
    ],
  }),
]);

requireSameSite('express-openid-connect: require-same-site', [
  // no SameSite; the fix writes 'Lax', the only spelling the library accepts
  cjs({
    code: code`
      const { auth } = require('express-openid-connect');
      app.use(auth({ session: { cookie: { sameSite: false } } }));
    `,
    errors: [
      {
        messageId: 'weak', line: 2, column: 37, endLine: 2, endColumn: 52,
        suggestions: [
          { messageId: 'setLax', output: code`
              const { auth } = require('express-openid-connect');
              app.use(auth({ session: { cookie: { sameSite: 'Lax' } } }));
            ` },
        ],
      },
    ],
  }),

  // 'None', secure when baseURL is https
  cjs({
    code: code`
      const { auth } = require('express-openid-connect');
      app.use(auth({ session: { cookie: { sameSite: 'None' } } }));
    `,
  }),
]);

noHardcodedSecret('@hapi/cookie: no-hardcoded-secret', [
  // cookie.password
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { name: 'sid', password: 'password-should-be-32-characters-long' } });
      }
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 4, column: 70, endLine: 4, endColumn: 119,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const Cookie = require('@hapi/cookie');
              async function start(server) {
                await server.register(Cookie);
                server.auth.strategy('session', 'cookie', { cookie: { name: 'sid', password: process.env.SESSION_SECRET } });
              }
            ` },
        ],
      },
    ],
  }),

  // the env read
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { name: 'sid', password: process.env.COOKIE_PASSWORD } });
      }
    `,
  }),

  // a 'cookie' scheme in a file and app that do not load @hapi/cookie: not known to be it
  cjs({
    code: code`
      async function start(server) {
        server.auth.strategy('session', 'cookie', { cookie: { name: 'sid', password: 'password-should-be-32-characters-long' } });
      }
    `,
  }),

  // hapi-auth-cookie before 7: a mode argument and flat options (cookie is the name)
  cjs({
    code: code`
      exports.register = function (server, options, next) {
        server.register(require('hapi-auth-cookie'), () => {
          server.auth.strategy('session', 'cookie', 'optional', { cookie: 'sid', password: 'cookie_encryption_password_secure', isSecure: false });
          next();
        });
      };
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 76, endLine: 3, endColumn: 121,
        suggestions: [
          { messageId: 'useEnv', output: code`
              exports.register = function (server, options, next) {
                server.register(require('hapi-auth-cookie'), () => {
                  server.auth.strategy('session', 'cookie', 'optional', { cookie: 'sid', password: process.env.SESSION_SECRET, isSecure: false });
                  next();
                });
              };
            ` },
        ],
      },
    ],
  }),
]);

requireSecureCookie('@hapi/cookie: require-secure-cookie', [
  // hapi-auth-cookie before 7: flat isSecure: false
  cjs({
    code: code`
      exports.register = function (server, options, next) {
        server.register(require('hapi-auth-cookie'), () => {
          server.auth.strategy('session', 'cookie', 'optional', { cookie: 'sid', password: process.env.COOKIE_PASSWORD, isSecure: false });
          next();
        });
      };
    `,
    errors: [
      {
        messageId: 'insecure', line: 3, column: 115, endLine: 3, endColumn: 130,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              exports.register = function (server, options, next) {
                server.register(require('hapi-auth-cookie'), () => {
                  server.auth.strategy('session', 'cookie', 'optional', { cookie: 'sid', password: process.env.COOKIE_PASSWORD, isSecure: process.env.NODE_ENV === 'production' });
                  next();
                });
              };
            ` },
          { messageId: 'setSecure', output: code`
              exports.register = function (server, options, next) {
                server.register(require('hapi-auth-cookie'), () => {
                  server.auth.strategy('session', 'cookie', 'optional', { cookie: 'sid', password: process.env.COOKIE_PASSWORD, isSecure: true });
                  next();
                });
              };
            ` },
        ],
      },
    ],
  }),

  // hapi-auth-cookie before 7: isSecure left out (true)
  cjs({
    code: code`
      exports.register = function (server, options, next) {
        server.register(require('hapi-auth-cookie'), () => {
          server.auth.strategy('session', 'cookie', 'optional', { cookie: 'sid', password: process.env.COOKIE_PASSWORD });
          next();
        });
      };
    `,
  }),

  // isSecure: false
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, isSecure: false } });
      }
    `,
    errors: [
      {
        messageId: 'insecure', line: 4, column: 96, endLine: 4, endColumn: 111,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              const Cookie = require('@hapi/cookie');
              async function start(server) {
                await server.register(Cookie);
                server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, isSecure: process.env.NODE_ENV === 'production' } });
              }
            ` },
          { messageId: 'setSecure', output: code`
              const Cookie = require('@hapi/cookie');
              async function start(server) {
                await server.register(Cookie);
                server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, isSecure: true } });
              }
            ` },
        ],
      },
    ],
  }),

  // secure in production
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, isSecure: process.env.NODE_ENV === 'production' } });
      }
    `,
  }),
]);

noHttponlyFalse('@hapi/cookie: no-httponly-false', [
  // isHttpOnly: false
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, isHttpOnly: false } });
      }
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 4, column: 96, endLine: 4, endColumn: 113,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              const Cookie = require('@hapi/cookie');
              async function start(server) {
                await server.register(Cookie);
                server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, isHttpOnly: true } });
              }
            ` },
        ],
      },
    ],
  }),
]);

requireSameSite('@hapi/cookie: require-same-site', [
  // isSameSite: false; the fix writes 'Lax', as hapi spells it
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, isSameSite: false } });
      }
    `,
    errors: [
      {
        messageId: 'weak', line: 4, column: 96, endLine: 4, endColumn: 113,
        suggestions: [
          { messageId: 'setLax', output: code`
              const Cookie = require('@hapi/cookie');
              async function start(server) {
                await server.register(Cookie);
                server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, isSameSite: 'Lax' } });
              }
            ` },
        ],
      },
    ],
  }),

  // left out: 'Strict'
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD } });
      }
    `,
  }),
]);

requireCookieExpiry('@hapi/cookie: require-cookie-expiry', [
  // no ttl: a browser-session cookie; the fix sets ttl (milliseconds)
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD } });
      }
    `,
    errors: [
      {
        messageId: 'noExpiry', data: { options: 'no `cookie.ttl`' }, line: 4, column: 47, endLine: 4, endColumn: 53,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              const Cookie = require('@hapi/cookie');
              async function start(server) {
                await server.register(Cookie);
                server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, ttl: 24 * 60 * 60 * 1000 } });
              }
            ` },
        ],
      },
    ],
  }),

  // ttl given
  cjs({
    code: code`
      const Cookie = require('@hapi/cookie');
      async function start(server) {
        await server.register(Cookie);
        server.auth.strategy('session', 'cookie', { cookie: { password: process.env.COOKIE_PASSWORD, ttl: 60 * 60 * 1000 } });
      }
    `,
  }),
]);

noHardcodedSecret('@hapi/yar: no-hardcoded-secret', [
  // cookieOptions.password
  js({
    code: code`
      import Yar from '@hapi/yar';
      await server.register({ plugin: Yar, options: { cookieOptions: { password: 'the-password-must-be-at-least-32-characters-long' } } });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 66, endLine: 2, endColumn: 126,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import Yar from '@hapi/yar';
              await server.register({ plugin: Yar, options: { cookieOptions: { password: process.env.SESSION_SECRET } } });
            ` },
        ],
      },
    ],
  }),

  // the env read
  js({
    code: code`
      import Yar from '@hapi/yar';
      await server.register({ plugin: Yar, options: { cookieOptions: { password: process.env.YAR_PASSWORD } } });
    `,
  }),
]);

requireSecureCookie('@hapi/yar: require-secure-cookie', [
  // isSecure: false, in an array of plugins
  cjs({
    code: code`
      async function start(server) {
        await server.register([{ plugin: require('@hapi/yar'), options: { cookieOptions: { password: process.env.YAR_PASSWORD, isSecure: false } } }]);
      }
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 122, endLine: 2, endColumn: 137,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              async function start(server) {
                await server.register([{ plugin: require('@hapi/yar'), options: { cookieOptions: { password: process.env.YAR_PASSWORD, isSecure: process.env.NODE_ENV === 'production' } } }]);
              }
            ` },
          { messageId: 'setSecure', output: code`
              async function start(server) {
                await server.register([{ plugin: require('@hapi/yar'), options: { cookieOptions: { password: process.env.YAR_PASSWORD, isSecure: true } } }]);
              }
            ` },
        ],
      },
    ],
  }),

  // left out: secure
  cjs({
    code: code`
      async function start(server) {
        await server.register([{ plugin: require('@hapi/yar'), options: { cookieOptions: { password: process.env.YAR_PASSWORD } } }]);
      }
    `,
  }),
]);

noHardcodedSecret('client-sessions: no-hardcoded-secret', [
  // secret
  cjs({
    code: code`
      const sessions = require('client-sessions');
      app.use(sessions({ cookieName: 'session', secret: 'blargadeeblargblarg', duration: 60 * 60 * 1000 }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 43, endLine: 2, endColumn: 72,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const sessions = require('client-sessions');
              app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, duration: 60 * 60 * 1000 }));
            ` },
        ],
      },
    ],
  }),

  // the env read
  cjs({
    code: code`
      const sessions = require('client-sessions');
      app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, duration: 60 * 60 * 1000 }));
    `,
  }),
]);

requireSecureCookie('client-sessions: require-secure-cookie', [
  // cookie.secure: false
  cjs({
    code: code`
      const sessions = require('client-sessions');
      app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { secure: false } }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 89, endLine: 2, endColumn: 102,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              const sessions = require('client-sessions');
              app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              const sessions = require('client-sessions');
              app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // left out: secure on HTTPS requests
  cjs({
    code: code`
      const sessions = require('client-sessions');
      app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { ephemeral: true } }));
    `,
  }),
]);

noHttponlyFalse('client-sessions: no-httponly-false', [
  // cookie.httpOnly: false
  cjs({
    code: code`
      const sessions = require('client-sessions');
      app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { httpOnly: false } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 89, endLine: 2, endColumn: 104,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              const sessions = require('client-sessions');
              app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
            ` },
        ],
      },
    ],
  }),
]);

requireSameSite('client-sessions: require-same-site', [
  // no sameSite by default
  cjs({
    code: code`
      const sessions = require('client-sessions');
      app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 79, endLine: 2, endColumn: 85,
        suggestions: [
          { messageId: 'setLax', output: code`
              const sessions = require('client-sessions');
              app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),

  // sameSite given
  cjs({
    code: code`
      const sessions = require('client-sessions');
      app.use(sessions({ cookieName: 'session', secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
    `,
  }),
]);

noMemoryStore('koa-generic-session: no-memory-store', [
  // no store: its MemoryStore
  js({
    code: code`
      import session from 'koa-generic-session';
      app.use(session({ key: 'sid' }));
    `,
    errors: [
      {
        messageId: 'missingStore', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [],
      },
    ],
  }),

  // a store of its own
  js({
    code: code`
      import session from 'koa-generic-session';
      import redisStore from 'koa-redis';
      app.use(session({ key: 'sid', store: redisStore({ url: process.env.REDIS_URL }) }));
    `,
  }),
]);

requireSecureCookie('koa-generic-session: require-secure-cookie', [
  // cookie.secure: false
  js({
    code: code`
      import session from 'koa-generic-session';
      import redisStore from 'koa-redis';
      app.use(session({ store: redisStore(), cookie: { secure: false } }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 3, column: 50, endLine: 3, endColumn: 63,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'koa-generic-session';
              import redisStore from 'koa-redis';
              app.use(session({ store: redisStore(), cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'koa-generic-session';
              import redisStore from 'koa-redis';
              app.use(session({ store: redisStore(), cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),
]);

requireSameSite('koa-generic-session: require-same-site', [
  // sameSite given
  js({
    code: code`
      import session from 'koa-generic-session';
      import redisStore from 'koa-redis';
      app.use(session({ store: redisStore(), cookie: { sameSite: 'strict' } }));
    `,
  }),
]);

noMemoryStore('AdonisJS: no-memory-store', [
  // v6: store 'memory'
  ts({
    filename: 'config/session.ts',
    code: code`
      import { defineConfig, stores } from '@adonisjs/session';
      export default defineConfig({ age: '2h', store: 'memory', stores: { cookie: stores.cookie() } });
    `,
    errors: [
      {
        messageId: 'memoryStore', line: 2, column: 42, endLine: 2, endColumn: 57,
        suggestions: [],
      },
    ],
  }),

  // the store chosen by the environment
  ts({
    filename: 'config/session.ts',
    code: code`
      import env from '#start/env';
      import { defineConfig, stores } from '@adonisjs/session';
      export default defineConfig({ age: '2h', store: env.get('SESSION_DRIVER'), stores: { cookie: stores.cookie() } });
    `,
  }),

  // v5: an object typed SessionConfig, driver 'memory'
  ts({
    filename: 'config/session.ts',
    code: code`
      import type { SessionConfig } from '@ioc:Adonis/Addons/Session';
      const sessionConfig: SessionConfig = { enabled: true, driver: 'memory', cookieName: 'adonis-session', age: '2h', cookie: {} };
      export default sessionConfig;
    `,
    errors: [
      {
        messageId: 'memoryStore', line: 2, column: 55, endLine: 2, endColumn: 71,
        suggestions: [],
      },
    ],
  }),

  // v5 starter: sessionConfig() from '@adonisjs/session/build/config', driver 'memory'
  ts({
    filename: 'config/session.ts',
    code: code`
      import { sessionConfig } from '@adonisjs/session/build/config';
      export default sessionConfig({ enabled: true, driver: 'memory', cookieName: 'adonis-session', age: '2h', cookie: {} });
    `,
    errors: [
      {
        messageId: 'memoryStore', line: 2, column: 47, endLine: 2, endColumn: 63,
        suggestions: [],
      },
    ],
  }),

  // hard negative: the v5 starter's driver read from the environment
  ts({
    filename: 'config/session.ts',
    code: code`
      import Env from '@ioc:Adonis/Core/Env';
      import { sessionConfig } from '@adonisjs/session/build/config';
      export default sessionConfig({ enabled: true, driver: Env.get('SESSION_DRIVER'), cookieName: 'adonis-session', age: '2h', cookie: {} });
    `,
  }),

  // driver 'cookie'
  ts({
    filename: 'config/session.ts',
    code: code`
      import type { SessionConfig } from '@ioc:Adonis/Addons/Session';
      const sessionConfig: SessionConfig = { enabled: true, driver: 'cookie', cookieName: 'adonis-session', age: '2h', cookie: {} };
      export default sessionConfig;
    `,
  }),
]);

requireSecureCookie('AdonisJS: require-secure-cookie', [
  // cookie.secure: false
  ts({
    filename: 'config/session.ts',
    code: code`
      import { defineConfig, stores } from '@adonisjs/session';
      export default defineConfig({ store: 'cookie', cookie: { path: '/', secure: false }, stores: { cookie: stores.cookie() } });
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 69, endLine: 2, endColumn: 82,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import { defineConfig, stores } from '@adonisjs/session';
              export default defineConfig({ store: 'cookie', cookie: { path: '/', secure: process.env.NODE_ENV === 'production' }, stores: { cookie: stores.cookie() } });
            ` },
          { messageId: 'setSecure', output: code`
              import { defineConfig, stores } from '@adonisjs/session';
              export default defineConfig({ store: 'cookie', cookie: { path: '/', secure: true }, stores: { cookie: stores.cookie() } });
            ` },
        ],
      },
    ],
  }),

  // secure in production (app.inProduction)
  ts({
    filename: 'config/session.ts',
    code: code`
      import app from '@adonisjs/core/services/app';
      import { defineConfig, stores } from '@adonisjs/session';
      export default defineConfig({ store: 'cookie', cookie: { path: '/', secure: app.inProduction }, stores: { cookie: stores.cookie() } });
    `,
  }),
]);

noHttponlyFalse('AdonisJS: no-httponly-false', [
  // cookie.httpOnly: false
  ts({
    filename: 'config/session.ts',
    code: code`
      import { defineConfig, stores } from '@adonisjs/session';
      export default defineConfig({ store: 'cookie', cookie: { httpOnly: false }, stores: { cookie: stores.cookie() } });
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 58, endLine: 2, endColumn: 73,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import { defineConfig, stores } from '@adonisjs/session';
              export default defineConfig({ store: 'cookie', cookie: { httpOnly: true }, stores: { cookie: stores.cookie() } });
            ` },
        ],
      },
    ],
  }),

  // left out: config/app.ts's http.cookie applies
  ts({
    filename: 'config/session.ts',
    code: code`
      import { defineConfig, stores } from '@adonisjs/session';
      export default defineConfig({ store: 'cookie', cookie: {}, stores: { cookie: stores.cookie() } });
    `,
  }),
]);
