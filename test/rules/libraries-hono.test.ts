// Every site rule on hono-sessions (src/analysis/libraries-hono.ts) against its real defaults (no cookie
// attribute of its own, no expiry unless `expireAfterSeconds`, the `MemoryStore`), and the secret's remedy
// on each runtime (src/analysis/runtime.ts): process.env on Node, Deno.env.get on Deno, the request's
// bindings on Cloudflare Workers, or no fix where none is in scope. Each true positive with its hard
// negative beside it; positions and full suggestion outputs asserted (both front ends: cli-parity).
import { code, js, ruleRunner, ts } from './_util.js';

const noHardcodedSecret = ruleRunner('no-hardcoded-secret');
const noMemoryStore = ruleRunner('no-memory-store');
const requireSecureCookie = ruleRunner('require-secure-cookie');
const noHttponlyFalse = ruleRunner('no-httponly-false');
const requireSameSite = ruleRunner('require-same-site');
const requireCookieExpiry = ruleRunner('require-cookie-expiry');
const noDefaultCookieName = ruleRunner('no-default-cookie-name');

const NODE_APP = 'fixtures/versions/hono-node-npm/index.ts';
const WORKERS_APP = 'fixtures/versions/hono-workers-npm/index.ts';

noHardcodedSecret('hono-sessions: no-hardcoded-secret (encryptionKey), fixed for the runtime', [
  // Node: the literal becomes process.env
  ts({
    filename: NODE_APP,
    code: code`
      import { Hono } from 'hono';
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      const app = new Hono();
      app.use('*', sessionMiddleware({ store: new CookieStore(), encryptionKey: 'password_at_least_32_characters_long', expireAfterSeconds: 900 }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 4, column: 60, endLine: 4, endColumn: 113,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { Hono } from 'hono';
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              const app = new Hono();
              app.use('*', sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_SECRET!, expireAfterSeconds: 900 }));
            ` },
        ],
      },
    ],
  }),

  // hard negative: the environment's value
  ts({
    filename: NODE_APP,
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY!, expireAfterSeconds: 900 });
    `,
  }),

  // a literal fallback of the environment's value: removed, whatever the runtime
  js({
    filename: 'fixtures/versions/hono-workers-npm/index.js',
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY || 'password_at_least_32_characters_long' });
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 71, endLine: 2, endColumn: 151,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY });
            ` },
        ],
      },
    ],
  }),

  // Cloudflare Workers (the app depends on wrangler): no process.env there, and no environment in scope at the
  // module's top: no fix, and the message says why
  ts({
    filename: WORKERS_APP,
    code: code`
      import { Hono } from 'hono';
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      const app = new Hono();
      app.use('*', sessionMiddleware({ store: new CookieStore(), encryptionKey: 'password_at_least_32_characters_long' }));
      export default app;
    `,
    errors: [{ messageId: 'hardcodedNoEnvInScope', line: 4, column: 60, endLine: 4, endColumn: 113, suggestions: [] }],
  }),

  // Workers, inside a handler: the request's bindings (Hono's c.env)
  ts({
    filename: WORKERS_APP,
    code: code`
      import { Hono } from 'hono';
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      const app = new Hono<{ Bindings: { SESSION_SECRET: string } }>();
      app.use('*', (c, next) => sessionMiddleware({ store: new CookieStore(), encryptionKey: 'password_at_least_32_characters_long' })(c, next));
      export default app;
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 4, column: 73, endLine: 4, endColumn: 126,
        suggestions: [
          { messageId: 'useRuntimeEnv', data: { read: 'c.env.SESSION_SECRET', runtime: 'a Cloudflare Workers binding' }, output: code`
              import { Hono } from 'hono';
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              const app = new Hono<{ Bindings: { SESSION_SECRET: string } }>();
              app.use('*', (c, next) => sessionMiddleware({ store: new CookieStore(), encryptionKey: c.env.SESSION_SECRET })(c, next));
              export default app;
            ` },
        ],
      },
    ],
  }),

  // Workers: a module worker's fetch(request, env)
  js({
    filename: 'fixtures/versions/hono-workers-npm/worker.js',
    code: code`
      import { Hono } from 'hono';
      import { sessionMiddleware, MemoryStore } from 'hono-sessions';
      const store = new MemoryStore();
      export default {
        fetch(request, env, ctx) {
          const app = new Hono();
          app.use('*', sessionMiddleware({ store, encryptionKey: "password_at_least_32_characters_long" }));
          return app.fetch(request, env, ctx);
        },
      };
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 7, column: 45, endLine: 7, endColumn: 98,
        suggestions: [
          { messageId: 'useRuntimeEnv', data: { read: 'env.SESSION_SECRET', runtime: 'a Cloudflare Workers binding' }, output: code`
              import { Hono } from 'hono';
              import { sessionMiddleware, MemoryStore } from 'hono-sessions';
              const store = new MemoryStore();
              export default {
                fetch(request, env, ctx) {
                  const app = new Hono();
                  app.use('*', sessionMiddleware({ store, encryptionKey: env.SESSION_SECRET }));
                  return app.fetch(request, env, ctx);
                },
              };
            ` },
        ],
      },
    ],
  }),

  // hard negative for the runtime: a Workers file that reads process.env already (nodejs_compat) keeps that form
  ts({
    filename: WORKERS_APP,
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      const name = process.env.SESSION_COOKIE ?? 'app_sid';
      export const sessions = sessionMiddleware({ store: new CookieStore(), sessionCookieName: name, encryptionKey: 'password_at_least_32_characters_long' });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 96, endLine: 3, endColumn: 149,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              const name = process.env.SESSION_COOKIE ?? 'app_sid';
              export const sessions = sessionMiddleware({ store: new CookieStore(), sessionCookieName: name, encryptionKey: process.env.SESSION_SECRET! });
            ` },
        ],
      },
    ],
  }),

  // Deno (jsr:/npm: specifiers, Deno.serve): Deno.env.get
  ts({
    filename: 'main.ts',
    code: code`
      import { Hono } from 'npm:hono@^4';
      import { sessionMiddleware, CookieStore } from 'jsr:@jcs224/hono-sessions';
      const app = new Hono();
      app.use('*', sessionMiddleware({ store: new CookieStore(), encryptionKey: 'password_at_least_32_characters_long' }));
      Deno.serve(app.fetch);
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 4, column: 60, endLine: 4, endColumn: 113,
        suggestions: [
          { messageId: 'useRuntimeEnv', data: { read: "Deno.env.get('SESSION_SECRET')", runtime: 'Deno' }, output: code`
              import { Hono } from 'npm:hono@^4';
              import { sessionMiddleware, CookieStore } from 'jsr:@jcs224/hono-sessions';
              const app = new Hono();
              app.use('*', sessionMiddleware({ store: new CookieStore(), encryptionKey: Deno.env.get('SESSION_SECRET')! }));
              Deno.serve(app.fetch);
            ` },
        ],
      },
    ],
  }),

  // hard negative: Deno's environment
  ts({
    filename: 'main.ts',
    code: code`
      import { sessionMiddleware, CookieStore } from 'npm:hono-sessions@0.8.1';
      export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: Deno.env.get('SESSION_KEY')! });
    `,
  }),
]);

noMemoryStore('hono-sessions: no-memory-store (MemoryStore)', [
  ts({
    code: code`
      import { sessionMiddleware, MemoryStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new MemoryStore(), encryptionKey: process.env.SESSION_KEY! });
    `,
    errors: [{ messageId: 'memoryStore', line: 2, column: 45, endLine: 2, endColumn: 69 }],
  }),
  // the store made elsewhere in the file is the same store
  js({
    code: code`
      const { sessionMiddleware, MemoryStore } = require('hono-sessions');
      const store = new MemoryStore();
      module.exports = sessionMiddleware({ store, encryptionKey: process.env.SESSION_KEY });
    `,
    errors: [{ messageId: 'memoryStore', line: 3, column: 38, endLine: 3, endColumn: 43 }],
  }),
  // hard negatives: the sealed cookie store, and a store of another module
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      import { redisStore } from './redis-store';
      export const a = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY! });
      export const b = sessionMiddleware({ store: redisStore, encryptionKey: process.env.SESSION_KEY! });
    `,
  }),
]);

const SECRET = 'encryptionKey: process.env.SESSION_KEY!';

requireSecureCookie('hono-sessions: require-secure-cookie (Hono sets no Secure)', [
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true } });
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 112, endLine: 2, endColumn: 125,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true, secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true, secure: true } });
            ` },
        ],
      },
    ],
  }),
  // on Cloudflare Workers there is no NODE_ENV to test (nor process.env): `secure: true` only
  ts({
    filename: WORKERS_APP,
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = (key: string) => sessionMiddleware({ store: new CookieStore(), encryptionKey: key, cookieOptions: { httpOnly: true } });
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 108, endLine: 2, endColumn: 121,
        suggestions: [
          { messageId: 'setSecure', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = (key: string) => sessionMiddleware({ store: new CookieStore(), encryptionKey: key, cookieOptions: { httpOnly: true, secure: true } });
            ` },
        ],
      },
    ],
  }),
  // hard negatives: secure in production (a flag built elsewhere), and always
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      const isProd = process.env.NODE_ENV === 'production';
      const cookieOptions = { httpOnly: true, secure: isProd };
      export const a = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions });
      export const b = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { secure: true } });
    `,
  }),
  // a cookie prefix: Hono's setCookie serializes a __Secure-/__Host- cookie with `secure: true`, whatever else is written
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const a = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true, prefix: 'secure' } });
      export const b = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true, secure: false, prefix: 'host' } });
      export const c = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true, prefix: process.env.NODE_ENV === 'production' ? 'host' : undefined } });
    `,
  }),
  // a prefix in development only is none in production
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { prefix: process.env.NODE_ENV === 'production' ? undefined : 'secure' } });
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 112, endLine: 2, endColumn: 125,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { prefix: process.env.NODE_ENV === 'production' ? undefined : 'secure', secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { prefix: process.env.NODE_ENV === 'production' ? undefined : 'secure', secure: true } });
            ` },
        ],
      },
    ],
  }),
]);

noHttponlyFalse('hono-sessions: no-httponly-false (Hono sets no HttpOnly)', [
  js({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY, cookieOptions: { path: '/' } });
    `,
    errors: [
      {
        messageId: 'notHttpOnly', line: 2, column: 111, endLine: 2, endColumn: 124,
        suggestions: [
          { messageId: 'addHttpOnly', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY, cookieOptions: { path: '/', httpOnly: true } });
            ` },
        ],
      },
    ],
  }),
  js({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY, cookieOptions: { path: '/', httpOnly: true } });
    `,
  }),
]);

requireSameSite('hono-sessions: require-same-site (capitalized, as Hono types it)', [
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true } });
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 112, endLine: 2, endColumn: 125,
        suggestions: [
          { messageId: 'setLax', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true, sameSite: 'Lax' } });
            ` },
        ],
      },
    ],
  }),
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { httpOnly: true, sameSite: 'Strict' } });
    `,
  }),
]);

requireCookieExpiry('hono-sessions: require-cookie-expiry (expireAfterSeconds: without it the session never expires)', [
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { maxAge: 3600 } });
    `,
    errors: [
      {
        messageId: 'noExpiry', data: { options: 'no `expireAfterSeconds`' }, line: 2, column: 25, endLine: 2, endColumn: 42,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, cookieOptions: { maxAge: 3600 }, expireAfterSeconds: 24 * 60 * 60 });
            ` },
        ],
      },
    ],
  }),
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, expireAfterSeconds: Number(process.env.SESSION_SECONDS ?? 900) });
    `,
  }),
]);

noDefaultCookieName('hono-sessions: no-default-cookie-name (sessionCookieName)', [
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET} });
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 25, endLine: 2, endColumn: 42,
        suggestions: [
          { messageId: 'setName', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, sessionCookieName: 'sid' });
            ` },
        ],
      },
    ],
  }),
  ts({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), ${SECRET}, sessionCookieName: process.env.SESSION_COOKIE_NAME });
    `,
  }),
]);
