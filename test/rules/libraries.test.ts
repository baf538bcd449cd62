// Every site rule on each library besides express-session, against the library's real defaults
// (docs/libraries.md): each true positive with its hard negative beside it; positions and full
// suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const noHardcodedSecret = ruleRunner('no-hardcoded-secret');
const noMemoryStore = ruleRunner('no-memory-store');
const requireSecureCookie = ruleRunner('require-secure-cookie');
const noHttponlyFalse = ruleRunner('no-httponly-false');
const requireSameSite = ruleRunner('require-same-site');
const requireCookieExpiry = ruleRunner('require-cookie-expiry');
const noDefaultCookieName = ruleRunner('no-default-cookie-name');
const explicitSaveOptions = ruleRunner('explicit-save-options');

noHardcodedSecret('cookie-session: no-hardcoded-secret (keys, secret)', [
  // a keys array: no mechanical fix for an array
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: ['key1', 'key2'] }));
    `,
    errors: [
      { messageId: 'hardcoded', line: 2, column: 38, endLine: 2, endColumn: 60, suggestions: [] },
    ],
  }),

  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY_NEW, process.env.SESSION_KEY_OLD] }));
    `,
  }),

  // secret: one key
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'sid', secret: 'keyboard cat' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 38, endLine: 2, endColumn: 60,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const cookieSession = require('cookie-session');
              app.use(cookieSession({ name: 'sid', secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'sid', secret: process.env.SESSION_SECRET }));
    `,
  }),

  // a fallback inside the array
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY || 'dev-key'] }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 38, endLine: 2, endColumn: 82,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import cookieSession from 'cookie-session';
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
            ` },
        ],
      },
    ],
  }),

  // a literal only outside production: used whenever NODE_ENV is not set
  js({
    code: code`
      import cookieSession from 'cookie-session';
      const keys = process.env.NODE_ENV === 'production' ? [process.env.SESSION_KEY] : ['dev-key'];
      app.use(cookieSession({ name: 'sid', keys }));
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 3, column: 38, endLine: 3, endColumn: 42, suggestions: [] }],
  }),

  // a Keygrip made from keys session-audit cannot see
  js({
    code: code`
      import cookieSession from 'cookie-session';
      import Keygrip from 'keygrip';
      app.use(cookieSession({ name: 'sid', keys: new Keygrip(loadKeys(), 'sha256') }));
    `,
  }),
]);

noMemoryStore('cookie-session: no-memory-store (no server-side store)', [
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
    `,
  }),
]);

requireSecureCookie('cookie-session: require-secure-cookie (secure is automatic on HTTPS)', [
  // turned off: reported at the property
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], secure: false }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 71, endLine: 2, endColumn: 84,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import cookieSession from 'cookie-session';
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], secure: process.env.NODE_ENV === 'production' }));
            ` },
          { messageId: 'setSecure', output: code`
              import cookieSession from 'cookie-session';
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], secure: true }));
            ` },
        ],
      },
    ],
  }),

  // left out: the cookies module marks it Secure on HTTPS requests
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
    `,
  }),

  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], secure: process.env.NODE_ENV === 'production' }));
    `,
  }),
]);

noHttponlyFalse('cookie-session: no-httponly-false', [
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], httpOnly: false }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 71, endLine: 2, endColumn: 86,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              const cookieSession = require('cookie-session');
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], httpOnly: true }));
            ` },
        ],
      },
    ],
  }),

  // left out: true
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
    `,
  }),
]);

requireSameSite('cookie-session: require-same-site (flat options)', [
  // left out: the fix goes into the options themselves
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 9, endLine: 2, endColumn: 22,
        suggestions: [
          { messageId: 'setLax', output: code`
              import cookieSession from 'cookie-session';
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], sameSite: 'lax' }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], sameSite: 'strict' }));
    `,
  }),

  // 'none' without secure
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], sameSite: 'none', secure: false }));
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 2, column: 71, endLine: 2, endColumn: 87,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              const cookieSession = require('cookie-session');
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], sameSite: 'none', secure: process.env.NODE_ENV === 'production' }));
            ` },
          { messageId: 'setSecure', output: code`
              const cookieSession = require('cookie-session');
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], sameSite: 'none', secure: true }));
            ` },
        ],
      },
    ],
  }),

  // 'none' with the automatic secure of HTTPS
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], sameSite: 'none' }));
    `,
  }),
]);

requireCookieExpiry('cookie-session: require-cookie-expiry', [
  // a browser-session cookie by default: the fix goes into the options themselves
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 9, endLine: 2, endColumn: 22,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import cookieSession from 'cookie-session';
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], maxAge: 24 * 60 * 60 * 1000 }));
            ` },
        ],
      },
    ],
  }),

  // the cookie-session README
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], maxAge: 24 * 60 * 60 * 1000 }));
    `,
  }),

  // maxAge in milliseconds, above the limit
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], maxAge: 365 * 24 * 60 * 60 * 1000 }));
    `,
    options: [{ maxAgeMs: 604800000 }],
    errors: [
      {
        messageId: 'tooLong', line: 2, column: 71, endLine: 2, endColumn: 104,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import cookieSession from 'cookie-session';
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], maxAge: 604800000 }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY], maxAge: 7 * 24 * 60 * 60 * 1000 }));
    `,
    options: [{ maxAgeMs: 604800000 }],
  }),
]);

noDefaultCookieName("cookie-session: no-default-cookie-name ('session')", [
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ keys: [process.env.SESSION_KEY] }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 9, endLine: 2, endColumn: 22,
        suggestions: [
          { messageId: 'setName', output: code`
              import cookieSession from 'cookie-session';
              app.use(cookieSession({ keys: [process.env.SESSION_KEY], name: 'sid' }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
    `,
  }),

  // the default, written out
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'session', keys: [process.env.SESSION_KEY] }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 25, endLine: 2, endColumn: 40,
        suggestions: [
          { messageId: 'setName', output: code`
              const cookieSession = require('cookie-session');
              app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: process.env.SESSION_COOKIE, keys: [process.env.SESSION_KEY] }));
    `,
  }),
]);

explicitSaveOptions('cookie-session: explicit-save-options (express-session only)', [
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.SESSION_KEY] }));
    `,
  }),
]);

noHardcodedSecret('cookie-parser: no-hardcoded-secret (the first argument)', [
  js({
    code: code`
      import cookieParser from 'cookie-parser';
      app.use(cookieParser('literal'));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 22, endLine: 2, endColumn: 31,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import cookieParser from 'cookie-parser';
              app.use(cookieParser(process.env.COOKIE_SECRET));
            ` },
        ],
      },
    ],
  }),

  // beside a session: each secret its own variable (the session keeps SESSION_SECRET, not SESSION_SECRET_2)
  cjs({
    code: code`
      const cookieParser = require('cookie-parser');
      const session = require('express-session');
      app.use(cookieParser('kitty'));
      app.use(session({ secret: 'kitty', store }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 22, endLine: 3, endColumn: 29,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const cookieParser = require('cookie-parser');
              const session = require('express-session');
              app.use(cookieParser(process.env.COOKIE_SECRET));
              app.use(session({ secret: 'kitty', store }));
            ` },
        ],
      },
      {
        messageId: 'hardcoded', line: 4, column: 19, endLine: 4, endColumn: 34,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const cookieParser = require('cookie-parser');
              const session = require('express-session');
              app.use(cookieParser('kitty'));
              app.use(session({ secret: process.env.SESSION_SECRET, store }));
            ` },
        ],
      },
    ],
  }),

  // no secret, or one from the environment
  js({
    code: code`
      import cookieParser from 'cookie-parser';
      app.use(cookieParser());
      app.use(cookieParser(process.env.COOKIE_SECRET));
    `,
  }),

  // a fallback
  cjs({
    code: code`
      const cookieParser = require('cookie-parser');
      app.use(cookieParser(process.env.COOKIE_SECRET || 'dev secret', { decode: decodeURIComponent }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 22, endLine: 2, endColumn: 63,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              const cookieParser = require('cookie-parser');
              app.use(cookieParser(process.env.COOKIE_SECRET, { decode: decodeURIComponent }));
            ` },
        ],
      },
    ],
  }),

  // a literal only outside production: used whenever NODE_ENV is not set
  cjs({
    code: code`
      const cookieParser = require('cookie-parser');
      app.use(cookieParser(process.env.NODE_ENV === 'production' ? process.env.COOKIE_SECRET : 'dev secret'));
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 2, column: 22, endLine: 2, endColumn: 102, suggestions: [] }],
  }),

  // several secrets: no mechanical fix for an array
  ts({
    code: code`
      import cookieParser = require('cookie-parser');
      app.use(cookieParser(['new secret', 'old secret']));
    `,
    errors: [
      { messageId: 'hardcoded', line: 2, column: 22, endLine: 2, endColumn: 50, suggestions: [] },
    ],
  }),

  // unknown
  ts({
    code: code`
      import cookieParser from 'cookie-parser';
      import { cookieSecrets } from './config';
      app.use(cookieParser(cookieSecrets));
    `,
  }),

  // look-alike: a project module
  js({
    code: code`
      import cookieParser from './cookie-parser.js';
      app.use(cookieParser('literal'));
    `,
  }),
]);

noHardcodedSecret('@fastify/session: no-hardcoded-secret', [
  // fastify.register(plugin, options): the README example
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: 'a secret with minimum length of 32 characters' });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 36, endLine: 2, endColumn: 91,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import fastifySession from '@fastify/session';
              fastify.register(fastifySession, { secret: process.env.SESSION_SECRET });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET });
    `,
  }),

  // an inline require; a rotation array
  cjs({
    code: code`
      app.register(require('@fastify/session'), { secret: [process.env.SESSION_SECRET, 'the previous secret of 32 characters'] });
    `,
    errors: [
      { messageId: 'hardcoded', line: 1, column: 45, endLine: 1, endColumn: 121, suggestions: [] },
    ],
  }),

  cjs({
    code: code`
      app.register(require('@fastify/session'), { secret: [process.env.SESSION_SECRET, process.env.SESSION_SECRET_OLD] });
    `,
  }),

  // the named export (TypeScript)
  ts({
    code: code`
      import { fastifySession } from '@fastify/session';
      await app.register(fastifySession, { secret: process.env.SESSION_SECRET ?? 'a secret with minimum length of 32 characters' });
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 38, endLine: 2, endColumn: 123,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import { fastifySession } from '@fastify/session';
              await app.register(fastifySession, { secret: process.env.SESSION_SECRET! });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { fastifySession } from '@fastify/session';
      await app.register(fastifySession, { secret: process.env.SESSION_SECRET! });
      await app.register(fastifySession, sessionOptions);
    `,
  }),

  // look-alike: another plugin registered the same way
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifyCookie, { secret: 'not a session secret' });
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET });
    `,
  }),
]);

noMemoryStore('@fastify/session: no-memory-store (default in-memory store)', [
  // no store: reported at the registered plugin
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET });
    `,
    errors: [
      { messageId: 'missingStore', line: 2, column: 18, endLine: 2, endColumn: 32 },
    ],
  }),

  // an express-session store
  js({
    code: code`
      import fastifySession from '@fastify/session';
      import { RedisStore } from 'connect-redis';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, store: new RedisStore({ client: redisClient }) });
    `,
  }),

  // its MemoryStore export
  cjs({
    code: code`
      const fastifySession = require('@fastify/session');
      app.register(fastifySession, { secret: process.env.SESSION_SECRET, store: new fastifySession.MemoryStore() });
    `,
    errors: [
      { messageId: 'memoryStore', line: 2, column: 68, endLine: 2, endColumn: 107 },
    ],
  }),

  // memory only outside production
  cjs({
    code: code`
      const fastifySession = require('@fastify/session');
      const store = process.env.NODE_ENV === 'production' ? new RedisStore({ client }) : new fastifySession.MemoryStore();
      app.register(fastifySession, { secret: process.env.SESSION_SECRET, store });
    `,
  }),
]);

requireSecureCookie('@fastify/session: require-secure-cookie (secure defaults to true)', [
  // turned off (the README example for plain HTTP)
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { secure: false } });
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 82, endLine: 2, endColumn: 95,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import fastifySession from '@fastify/session';
              fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import fastifySession from '@fastify/session';
              fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { secure: true } });
            ` },
        ],
      },
    ],
  }),

  // left out: true
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET });
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { maxAge: 1800000 } });
    `,
  }),

  cjs({
    code: code`
      app.register(require('@fastify/session'), { secret: process.env.SESSION_SECRET, cookie: { secure: 'auto' } });
      app.register(require('@fastify/session'), { secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } });
    `,
  }),
]);

noHttponlyFalse('@fastify/session: no-httponly-false', [
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { httpOnly: false } });
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 82, endLine: 2, endColumn: 97,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import fastifySession from '@fastify/session';
              fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: {} });
    `,
  }),
]);

requireSameSite('@fastify/session: require-same-site (its null overrides the lax default of @fastify/cookie)', [
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET });
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 18, endLine: 2, endColumn: 32,
        suggestions: [
          { messageId: 'setLax', output: code`
              import fastifySession from '@fastify/session';
              fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } });
    `,
  }),

  cjs({
    code: code`
      app.register(require('@fastify/session'), {
        secret: process.env.SESSION_SECRET,
        cookie: { maxAge: 1800000 },
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 3, endLine: 3, endColumn: 9,
        suggestions: [
          { messageId: 'setLax', output: code`
              app.register(require('@fastify/session'), {
                secret: process.env.SESSION_SECRET,
                cookie: { maxAge: 1800000, sameSite: 'lax' },
              });
            ` },
        ],
      },
    ],
  }),

  // 'none' with the default secure: true
  cjs({
    code: code`
      app.register(require('@fastify/session'), {
        secret: process.env.SESSION_SECRET,
        cookie: { maxAge: 1800000, sameSite: 'none' },
      });
    `,
  }),
]);

requireCookieExpiry('@fastify/session: require-cookie-expiry', [
  // maxAge in milliseconds
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { secure: 'auto' } });
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 72, endLine: 2, endColumn: 78,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import fastifySession from '@fastify/session';
              fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { secure: 'auto', maxAge: 24 * 60 * 60 * 1000 } });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { secure: 'auto', maxAge: 30 * 60 * 1000 } });
    `,
  }),
]);

noDefaultCookieName("@fastify/session: no-default-cookie-name ('sessionId', option cookieName)", [
  // the fix names the option the library reads
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET });
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 18, endLine: 2, endColumn: 32,
        suggestions: [
          { messageId: 'setName', output: code`
              import fastifySession from '@fastify/session';
              fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookieName: 'sid' });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, cookieName: 'sid' });
    `,
  }),

  // express-session's `name` is not its option
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, name: 'sessionId', cookieName: '__Host-sid' });
    `,
  }),
]);

explicitSaveOptions('@fastify/session: explicit-save-options (saveUninitialized defaults to true, without a warning)', [
  // an explicit true
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, saveUninitialized: true });
    `,
    errors: [
      {
        messageId: 'saveUninitialized', line: 2, column: 72, endLine: 2, endColumn: 95,
        suggestions: [
          { messageId: 'setFalse', output: code`
              import fastifySession from '@fastify/session';
              fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, saveUninitialized: false });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET, saveUninitialized: false });
    `,
  }),

  // left out: no deprecation to report (no `resave` option either)
  // DESIGN: its default is true as well; only an explicit true is reported today
  js({
    code: code`
      import fastifySession from '@fastify/session';
      fastify.register(fastifySession, { secret: process.env.SESSION_SECRET });
    `,
  }),
]);

noHardcodedSecret('@fastify/secure-session: no-hardcoded-secret (key, secret)', [
  // a literal secret (the README example)
  cjs({
    code: code`
      const fastify = require('fastify')();
      fastify.register(require('@fastify/secure-session'), {
        secret: 'averylogphrasebiggerthanthirtytwochars',
        salt: 'mq9hDxBVDbspDR6nLfFT1g==',
        cookie: { path: '/' },
      });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 3, endLine: 3, endColumn: 51,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const fastify = require('fastify')();
              fastify.register(require('@fastify/secure-session'), {
                secret: process.env.SESSION_SECRET,
                salt: 'mq9hDxBVDbspDR6nLfFT1g==',
                cookie: { path: '/' },
              });
            ` },
        ],
      },
    ],
  }),

  // a key read from a file is not in the source
  cjs({
    code: code`
      const fs = require('node:fs');
      const path = require('node:path');
      const fastify = require('fastify')();
      fastify.register(require('@fastify/secure-session'), {
        key: fs.readFileSync(path.join(__dirname, 'secret-key')),
        cookie: { path: '/' },
      });
    `,
  }),

  // a base64 key written in the source
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: 'Xo2nTD2v0yxXUlA2+VhLOWR+5rrZsXH/rySFTmQzhBw=', cookieName: 'sid' });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 35, endLine: 2, endColumn: 86,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import secureSession from '@fastify/secure-session';
              fastify.register(secureSession, { key: process.env.SESSION_SECRET, cookieName: 'sid' });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: Buffer.from(process.env.COOKIE_KEY, 'base64'), cookieName: 'sid' });
    `,
  }),

  // the named export; a rotation array
  ts({
    code: code`
      import { fastifySecureSession } from '@fastify/secure-session';
      app.register(fastifySecureSession, { key: [process.env.COOKIE_KEY!, 'Xo2nTD2v0yxXUlA2+VhLOWR+5rrZsXH/rySFTmQzhBw='] });
    `,
    errors: [
      { messageId: 'hardcoded', line: 2, column: 38, endLine: 2, endColumn: 116, suggestions: [] },
    ],
  }),

  ts({
    code: code`
      import { fastifySecureSession } from '@fastify/secure-session';
      import { keys } from './keys';
      app.register(fastifySecureSession, { key: keys });
    `,
  }),
]);

noMemoryStore('@fastify/secure-session: no-memory-store (no server-side store)', [
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookieName: 'sid' });
    `,
  }),
]);

requireSecureCookie('@fastify/secure-session: require-secure-cookie (secure is not set by default)', [
  // left out
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { path: '/' } });
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 51, endLine: 2, endColumn: 57,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import secureSession from '@fastify/secure-session';
              fastify.register(secureSession, { key: readKey(), cookie: { path: '/', secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import secureSession from '@fastify/secure-session';
              fastify.register(secureSession, { key: readKey(), cookie: { path: '/', secure: true } });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { path: '/', secure: true } });
    `,
  }),

  // no cookie options at all
  cjs({
    code: code`
      fastify.register(require('@fastify/secure-session'), { key: readKey() });
    `,
    errors: [
      {
        messageId: 'missing', line: 1, column: 18, endLine: 1, endColumn: 52,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              fastify.register(require('@fastify/secure-session'), { key: readKey(), cookie: { secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              fastify.register(require('@fastify/secure-session'), { key: readKey(), cookie: { secure: true } });
            ` },
        ],
      },
    ],
  }),

  // cookieOptions: the other name the library reads (`cookieOptions || cookie`)
  cjs({
    code: code`
      fastify.register(require('@fastify/secure-session'), { key: readKey(), cookieOptions: { secure: 'auto' } });
    `,
  }),

  // cookieOptions wins over cookie: the fix goes there
  cjs({
    code: code`
      fastify.register(require('@fastify/secure-session'), { key: readKey(), cookieOptions: { httpOnly: true }, cookie: { secure: true } });
    `,
    errors: [
      {
        messageId: 'missing', line: 1, column: 72, endLine: 1, endColumn: 85,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              fastify.register(require('@fastify/secure-session'), { key: readKey(), cookieOptions: { httpOnly: true, secure: process.env.NODE_ENV === 'production' }, cookie: { secure: true } });
            ` },
          { messageId: 'setSecure', output: code`
              fastify.register(require('@fastify/secure-session'), { key: readKey(), cookieOptions: { httpOnly: true, secure: true }, cookie: { secure: true } });
            ` },
        ],
      },
    ],
  }),

  // cookieOptions may or may not be given: unknown
  cjs({
    code: code`
      const cookieOptions = process.env.SESSION_COOKIE ? JSON.parse(process.env.SESSION_COOKIE) : undefined;
      fastify.register(require('@fastify/secure-session'), { key: readKey(), cookieOptions, cookie: { path: '/' } });
    `,
  }),
]);

noHttponlyFalse('@fastify/secure-session: no-httponly-false (true by default since 7.3.0)', [
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { httpOnly: false } });
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 61, endLine: 2, endColumn: 76,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import secureSession from '@fastify/secure-session';
              fastify.register(secureSession, { key: readKey(), cookie: { httpOnly: true } });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { path: '/' } });
    `,
  }),
]);

requireSameSite('@fastify/secure-session: require-same-site (@fastify/cookie sets lax)', [
  // turned off
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { sameSite: false } });
    `,
    errors: [
      {
        messageId: 'weak', line: 2, column: 61, endLine: 2, endColumn: 76,
        suggestions: [
          { messageId: 'setLax', output: code`
              import secureSession from '@fastify/secure-session';
              fastify.register(secureSession, { key: readKey(), cookie: { sameSite: 'lax' } });
            ` },
        ],
      },
    ],
  }),

  // left out: reply.setCookie's default is 'lax' (@fastify/cookie 10 and later)
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { path: '/' } });
    `,
  }),

  // 'none' without secure (not set by default)
  cjs({
    code: code`
      fastify.register(require('@fastify/secure-session'), { key: readKey(), cookie: { sameSite: 'none' } });
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 1, column: 82, endLine: 1, endColumn: 98,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              fastify.register(require('@fastify/secure-session'), { key: readKey(), cookie: { sameSite: 'none', secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              fastify.register(require('@fastify/secure-session'), { key: readKey(), cookie: { sameSite: 'none', secure: true } });
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      fastify.register(require('@fastify/secure-session'), { key: readKey(), cookie: { sameSite: 'none', secure: true } });
    `,
  }),
]);

requireCookieExpiry('@fastify/secure-session: require-cookie-expiry (maxAge in seconds; a day of validity by default)', [
  // thirty days, in seconds
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { maxAge: 30 * 24 * 60 * 60 } });
    `,
    options: [{ maxAgeMs: 86400000 }],
    errors: [
      {
        messageId: 'tooLong', line: 2, column: 61, endLine: 2, endColumn: 86,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import secureSession from '@fastify/secure-session';
              fastify.register(secureSession, { key: readKey(), cookie: { maxAge: 86400 } });
            ` },
        ],
      },
    ],
  }),

  // eight hours, in seconds
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { maxAge: 8 * 60 * 60 } });
    `,
    options: [{ maxAgeMs: 86400000 }],
  }),

  // left out: the session expires after a day (`expiry`, checked on every request)
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookie: { path: '/' } });
    `,
  }),

  // no Max-Age on the cookie, but the session itself still expires (`expiry`)
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), expiry: 8 * 60 * 60, cookie: { maxAge: undefined } });
    `,
  }),
]);

noDefaultCookieName("@fastify/secure-session: no-default-cookie-name ('session')", [
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey() });
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 18, endLine: 2, endColumn: 31,
        suggestions: [
          { messageId: 'setName', output: code`
              import secureSession from '@fastify/secure-session';
              fastify.register(secureSession, { key: readKey(), cookieName: 'sid' });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey(), cookieName: 'sid' });
    `,
  }),
]);

explicitSaveOptions('@fastify/secure-session: explicit-save-options (express-session only)', [
  js({
    code: code`
      import secureSession from '@fastify/secure-session';
      fastify.register(secureSession, { key: readKey() });
    `,
  }),
]);

noHardcodedSecret('Koa: no-hardcoded-secret (app.keys)', [
  // reported at the assigned keys; no mechanical fix for an array
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.keys = ['some secret hurr'];
      app.use(session({ key: 'sid' }, app));
    `,
    errors: [
      { messageId: 'hardcoded', line: 4, column: 12, endLine: 4, endColumn: 32, suggestions: [] },
    ],
  }),

  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.keys = [process.env.KOA_KEY];
      app.use(session({ key: 'sid' }, app));
    `,
  }),

  // a fallback inside the array
  js({
    code: code`
      import Koa from 'koa';
      const app = new Koa();
      app.keys = [process.env.KOA_KEY || 'dev key'];
    `,
    errors: [
      {
        messageId: 'fallback', line: 3, column: 12, endLine: 3, endColumn: 46,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import Koa from 'koa';
              const app = new Koa();
              app.keys = [process.env.KOA_KEY];
            ` },
        ],
      },
    ],
  }),

  // split from the environment; a literal only outside production (used whenever NODE_ENV is not set)
  js({
    code: code`
      import Koa from 'koa';
      const app = new Koa();
      app.keys = process.env.KOA_KEYS.split(',');
      if (process.env.NODE_ENV !== 'production') app.keys = ['dev key'];
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 4, column: 55, endLine: 4, endColumn: 66, suggestions: [] }],
  }),

  // look-alikes: `keys` of something that is not a Koa app
  js({
    code: code`
      import Koa from 'koa';
      import Keygrip from 'keygrip';
      const app = new Koa();
      const settings = {};
      settings.keys = ['not a Koa app'];
      app.context.keys = ['not the app either'];
      app.keys = new Keygrip(loadKeys(), 'sha256');
    `,
  }),

  // keys in a variable: reported at the value assigned
  ts({
    code: code`
      import Koa from 'koa';
      const app = new Koa();
      const keys: string[] = ['key one', 'key two'];
      app.keys = keys;
    `,
    errors: [
      { messageId: 'hardcoded', line: 4, column: 12, endLine: 4, endColumn: 16, suggestions: [] },
    ],
  }),

  ts({
    code: code`
      import Koa from 'koa';
      import { keys } from './config';
      const app = new Koa();
      app.keys = keys;
    `,
  }),
]);

noMemoryStore('koa-session: no-memory-store (the cookie holds the session by default)', [
  cjs({
    code: code`
      const session = require('koa-session');
      app.use(session({ key: 'sid' }, app));
    `,
  }),
]);

requireSecureCookie('koa-session: require-secure-cookie (secure follows the request)', [
  // turned off
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.use(session({ key: 'sid', secure: false }, app));
    `,
    errors: [
      {
        messageId: 'insecure', line: 4, column: 31, endLine: 4, endColumn: 44,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              const Koa = require('koa');
              const session = require('koa-session');
              const app = new Koa();
              app.use(session({ key: 'sid', secure: process.env.NODE_ENV === 'production' }, app));
            ` },
          { messageId: 'setSecure', output: code`
              const Koa = require('koa');
              const session = require('koa-session');
              const app = new Koa();
              app.use(session({ key: 'sid', secure: true }, app));
            ` },
        ],
      },
    ],
  }),

  // left out: ctx.cookies marks it Secure on HTTPS requests
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.use(session({ key: 'sid' }, app));
      app.use(session(app));
    `,
  }),
]);

noHttponlyFalse('koa-session: no-httponly-false', [
  // the older argument order (app, options)
  js({
    code: code`
      import Koa from 'koa';
      import session from 'koa-session';
      const app = new Koa();
      app.use(session(app, { key: 'sid', httpOnly: false }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 4, column: 36, endLine: 4, endColumn: 51,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import Koa from 'koa';
              import session from 'koa-session';
              const app = new Koa();
              app.use(session(app, { key: 'sid', httpOnly: true }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import Koa from 'koa';
      import session from 'koa-session';
      const app = new Koa();
      app.use(session(app, { key: 'sid', httpOnly: true }));
    `,
  }),
]);

requireSameSite('koa-session: require-same-site (flat options)', [
  // the koa-session README shape: options in a variable
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      const CONFIG = {
        key: 'sid',
        maxAge: 86400000,
      };
      app.use(session(CONFIG, app));
    `,
    errors: [
      {
        messageId: 'missing', line: 8, column: 17, endLine: 8, endColumn: 23,
        suggestions: [
          { messageId: 'setLax', output: code`
              const Koa = require('koa');
              const session = require('koa-session');
              const app = new Koa();
              const CONFIG = {
                key: 'sid',
                maxAge: 86400000,
                sameSite: 'lax',
              };
              app.use(session(CONFIG, app));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      const CONFIG = {
        key: 'sid',
        maxAge: 86400000,
        sameSite: 'lax',
      };
      app.use(session(CONFIG, app));
    `,
  }),

  // koa-session 7 named export; no options object to fix
  js({
    code: code`
      import Koa from 'koa';
      import { createSession } from 'koa-session';
      const app = new Koa();
      app.use(createSession(app));
    `,
    errors: [
      { messageId: 'missing', line: 4, column: 9, endLine: 4, endColumn: 22, suggestions: [] },
    ],
  }),

  js({
    code: code`
      import Koa from 'koa';
      import { createSession } from 'koa-session';
      const app = new Koa();
      app.use(createSession({ key: 'sid', sameSite: 'strict' }, app));
    `,
  }),

  // look-alike: a project module
  js({
    code: code`
      import Koa from 'koa';
      import { createSession } from './session.js';
      const app = new Koa();
      app.use(createSession(app));
    `,
  }),
]);

requireCookieExpiry('koa-session: require-cookie-expiry (one day by default)', [
  // maxAge in milliseconds, above the limit
  ts({
    code: code`
      import Koa from 'koa';
      import session from 'koa-session';
      const app = new Koa();
      app.use(session({ key: 'sid', maxAge: 7 * 24 * 60 * 60 * 1000 }, app));
    `,
    options: [{ maxAgeMs: 86400000 }],
    errors: [
      {
        messageId: 'tooLong', line: 4, column: 31, endLine: 4, endColumn: 62,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import Koa from 'koa';
              import session from 'koa-session';
              const app = new Koa();
              app.use(session({ key: 'sid', maxAge: 86400000 }, app));
            ` },
        ],
      },
    ],
  }),

  // left out: one day, checked on every request
  ts({
    code: code`
      import Koa from 'koa';
      import session from 'koa-session';
      const app = new Koa();
      app.use(session({ key: 'sid' }, app));
    `,
    options: [{ maxAgeMs: 86400000 }],
  }),

  // 'session': a browser-session cookie
  // DESIGN: koa-session then sets no expiry at all; the value is not known to mean that, so it is not reported
  ts({
    code: code`
      import Koa from 'koa';
      import session from 'koa-session';
      const app = new Koa();
      app.use(session({ key: 'sid', maxAge: 'session' }, app));
    `,
  }),
]);

noDefaultCookieName("koa-session: no-default-cookie-name ('koa.sess', option key)", [
  // the fix names the option the library reads
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.use(session({ maxAge: 86400000 }, app));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 4, column: 9, endLine: 4, endColumn: 16,
        suggestions: [
          { messageId: 'setName', output: code`
              const Koa = require('koa');
              const session = require('koa-session');
              const app = new Koa();
              app.use(session({ maxAge: 86400000, key: 'sid' }, app));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.use(session({ key: 'sid', maxAge: 86400000 }, app));
    `,
  }),

  // the default, written out (koa-session 7, CommonJS)
  cjs({
    code: code`
      const Koa = require('koa');
      const { createSession } = require('koa-session');
      const app = new Koa();
      app.use(createSession(app, { key: 'koa.sess' }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 4, column: 30, endLine: 4, endColumn: 45,
        suggestions: [
          { messageId: 'setName', output: code`
              const Koa = require('koa');
              const { createSession } = require('koa-session');
              const app = new Koa();
              app.use(createSession(app, { key: 'sid' }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session').default;
      const app = new Koa();
      app.use(session(app, { key: process.env.SESSION_COOKIE }));
    `,
  }),
]);

explicitSaveOptions('koa-session: explicit-save-options (express-session only)', [
  cjs({
    code: code`
      const session = require('koa-session');
      app.use(session({ key: 'sid' }, app));
    `,
  }),
]);

noHardcodedSecret('iron-session: no-hardcoded-secret (password)', [
  // App Router: getIronSession(cookies(), options)
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      import { cookies } from 'next/headers';
      export async function getSession() {
        return getIronSession<SessionData>(await cookies(), { password: 'complex_password_at_least_32_characters_long', cookieName: 'app' });
      }
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 4, column: 57, endLine: 4, endColumn: 113,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { getIronSession } from 'iron-session';
              import { cookies } from 'next/headers';
              export async function getSession() {
                return getIronSession<SessionData>(await cookies(), { password: process.env.SESSION_SECRET!, cookieName: 'app' });
              }
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      import { cookies } from 'next/headers';
      export async function getSession() {
        return getIronSession<SessionData>(await cookies(), { password: process.env.SECRET_COOKIE_PASSWORD as string, cookieName: 'app' });
      }
    `,
  }),

  // getIronSession(req, res, options); a password map for rotation
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      export default async function handler(req, res) {
        const session = await getIronSession(req, res, { password: { 2: 'complex_password_at_least_32_characters_long', 1: process.env.OLD_PASSWORD }, cookieName: 'app' });
      }
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 52, endLine: 3, endColumn: 144,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { getIronSession } from 'iron-session';
              export default async function handler(req, res) {
                const session = await getIronSession(req, res, { password: { 2: process.env.SESSION_SECRET, 1: process.env.OLD_PASSWORD }, cookieName: 'app' });
              }
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import { getIronSession } from 'iron-session';
      export default async function handler(req, res) {
        const session = await getIronSession(req, res, { password: { 2: process.env.PASSWORD_2, 1: process.env.PASSWORD_1 }, cookieName: 'app' });
      }
    `,
  }),

  // iron-session 6: withIronSessionApiRoute(handler, options)
  cjs({
    code: code`
      const { withIronSessionApiRoute } = require('iron-session/next');
      module.exports = withIronSessionApiRoute(handler, {
        cookieName: 'app',
        password: process.env.SECRET_COOKIE_PASSWORD || 'complex_password_at_least_32_characters_long',
      });
    `,
    errors: [
      {
        messageId: 'fallback', line: 4, column: 3, endLine: 4, endColumn: 97,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              const { withIronSessionApiRoute } = require('iron-session/next');
              module.exports = withIronSessionApiRoute(handler, {
                cookieName: 'app',
                password: process.env.SECRET_COOKIE_PASSWORD,
              });
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const { withIronSessionApiRoute } = require('iron-session/next');
      const { sessionOptions } = require('./lib/session');
      module.exports = withIronSessionApiRoute(handler, sessionOptions);
    `,
  }),

  // iron-session 6: the Express middleware
  cjs({
    code: code`
      const { ironSession } = require('iron-session/express');
      app.use(ironSession({ cookieName: 'app', password: 'complex_password_at_least_32_characters_long' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 42, endLine: 2, endColumn: 98,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const { ironSession } = require('iron-session/express');
              app.use(ironSession({ cookieName: 'app', password: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const { ironSession } = require('iron-session/express');
      app.use(ironSession({ cookieName: 'app', password: process.env.SECRET_COOKIE_PASSWORD }));
    `,
  }),

  // look-alike: a project module
  js({
    code: code`
      import { getIronSession } from './lib/iron.js';
      export default async function handler(req, res) {
        const session = await getIronSession(req, res, { password: 'complex_password_at_least_32_characters_long', cookieName: 'app' });
      }
    `,
  }),
]);

noMemoryStore('iron-session: no-memory-store (sealed cookies, no store)', [
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app' });
    `,
  }),
]);

requireSecureCookie('iron-session: require-secure-cookie (secure defaults to true)', [
  // turned off
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { secure: false } });
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 132, endLine: 2, endColumn: 145,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import { getIronSession } from 'iron-session';
              const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import { getIronSession } from 'iron-session';
              const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { secure: true } });
            ` },
        ],
      },
    ],
  }),

  // left out: true; the iron-session 6 README form
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app' });
      const other = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { secure: process.env.NODE_ENV === 'production' } });
    `,
  }),
]);

noHttponlyFalse('iron-session: no-httponly-false', [
  // options in a variable: reported at the argument
  ts({
    code: code`
      import { getIronSession, type SessionOptions } from 'iron-session';
      export const sessionOptions: SessionOptions = { password: process.env.SECRET_COOKIE_PASSWORD!, cookieName: 'app', cookieOptions: { httpOnly: false } };
      export const getSession = async () => getIronSession(await cookies(), sessionOptions);
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 132, endLine: 2, endColumn: 147,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import { getIronSession, type SessionOptions } from 'iron-session';
              export const sessionOptions: SessionOptions = { password: process.env.SECRET_COOKIE_PASSWORD!, cookieName: 'app', cookieOptions: { httpOnly: true } };
              export const getSession = async () => getIronSession(await cookies(), sessionOptions);
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { getIronSession, type SessionOptions } from 'iron-session';
      export const sessionOptions: SessionOptions = { password: process.env.SECRET_COOKIE_PASSWORD!, cookieName: 'app' };
      export const getSession = async () => getIronSession(await cookies(), sessionOptions);
    `,
  }),
]);

requireSameSite("iron-session: require-same-site (sameSite defaults to 'lax')", [
  // 'none' without secure
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { sameSite: 'none', secure: false } });
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 2, column: 132, endLine: 2, endColumn: 148,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import { getIronSession } from 'iron-session';
              const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { sameSite: 'none', secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import { getIronSession } from 'iron-session';
              const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { sameSite: 'none', secure: true } });
            ` },
        ],
      },
    ],
  }),

  // left out: 'lax'; 'none' with the default secure: true
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app' });
      const crossSite = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { sameSite: 'none' } });
    `,
  }),
]);

requireCookieExpiry('iron-session: require-cookie-expiry (maxAge in seconds; 14 days by default)', [
  // thirty days, in seconds: the fix is in seconds
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { maxAge: 60 * 60 * 24 * 30 } });
    `,
    options: [{ maxAgeMs: 86400000 }],
    errors: [
      {
        messageId: 'tooLong', line: 2, column: 132, endLine: 2, endColumn: 157,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import { getIronSession } from 'iron-session';
              const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { maxAge: 86400 } });
            ` },
        ],
      },
    ],
  }),

  // eight hours, in seconds
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { maxAge: 60 * 60 * 8 } });
    `,
    options: [{ maxAgeMs: 86400000 }],
  }),

  // left out: ttl - 60 seconds
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app' });
    `,
  }),

  // an explicit undefined: a browser-session cookie whose seal never expires (ttl 0)
  // DESIGN: not reported; an explicit undefined is read as the default, which is right for every other library
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app', cookieOptions: { maxAge: undefined } });
    `,
  }),
]);

noDefaultCookieName('iron-session: no-default-cookie-name (cookieName is required)', [
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app' });
    `,
  }),
]);

explicitSaveOptions('iron-session: explicit-save-options (express-session only)', [
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      const session = await getIronSession(req, res, { password: process.env.SECRET_COOKIE_PASSWORD, cookieName: 'app' });
    `,
  }),
]);

// cookie-parser signs the cookies an app sets; it sets no session cookie and keeps no sessions:
// no rule but no-hardcoded-secret applies to it.
for (const [id, run] of Object.entries({
  'no-memory-store': noMemoryStore,
  'require-secure-cookie': requireSecureCookie,
  'no-httponly-false': noHttponlyFalse,
  'require-same-site': requireSameSite,
  'require-cookie-expiry': requireCookieExpiry,
  'no-default-cookie-name': noDefaultCookieName,
  'explicit-save-options': explicitSaveOptions,
})) {
  run(`cookie-parser: ${id} does not apply`, [
    js({
      code: code`
        import cookieParser from 'cookie-parser';
        app.use(cookieParser(process.env.COOKIE_SECRET));
      `,
    }),
    cjs({
      code: code`
        const cookieParser = require('cookie-parser');
        app.use(cookieParser('literal', { decode: decodeURIComponent }));
      `,
    }),
    ts({
      code: code`
        import cookieParser from 'cookie-parser';
        app.use(cookieParser());
      `,
    }),
  ]);
}
