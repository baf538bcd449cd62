// no-hardcoded-secret: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('no-hardcoded-secret');

run('a string literal, through every import form', [
  // ESM default import, inside app.use
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 41,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  // hard negative: the secret read from the environment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
    `,
  }),

  // CommonJS require, inside router.use
  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({ secret: 'keyboard cat' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 22, endLine: 2, endColumn: 44,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const session = require('express-session');
              router.use(session({ secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({ secret: process.env.SESSION_SECRET }));
    `,
  }),

  // inline require('express-session')({...})
  cjs({
    code: code`
      app.use(require('express-session')({ secret: 'inline' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 1, column: 38, endLine: 1, endColumn: 54,
        suggestions: [
          { messageId: 'useEnv', output: code`
              app.use(require('express-session')({ secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      app.use(require('express-session')({ secret: process.env.SESSION_SECRET }));
    `,
  }),

  // import * as s: called directly (CommonJS interop) and through .default
  js({
    code: code`
      import * as s from 'express-session';
      app.use(s({ secret: 'namespace' }));
      app.use(s.default({ secret: 'namespace-default' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 13, endLine: 2, endColumn: 32,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import * as s from 'express-session';
              app.use(s({ secret: process.env.SESSION_SECRET }));
              app.use(s.default({ secret: 'namespace-default' }));
            ` },
        ],
      },
      {
        messageId: 'hardcoded', line: 3, column: 21, endLine: 3, endColumn: 48,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import * as s from 'express-session';
              app.use(s({ secret: 'namespace' }));
              app.use(s.default({ secret: process.env.SESSION_SECRET_2 }));
            ` },
        ],
      },
    ],
  }),

  // import { default as s }
  js({
    code: code`
      import { default as s } from 'express-session';
      app.use(s({ secret: 'renamed' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 13, endLine: 2, endColumn: 30,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { default as s } from 'express-session';
              app.use(s({ secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  // re-bound name, and a call outside app.use
  cjs({
    code: code`
      const session = require('express-session');
      const s = session;
      router.use(s({ secret: 'rebound' }));
      const sessionMiddleware = session({ secret: 'outside' });
      app.use(sessionMiddleware);
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 16, endLine: 3, endColumn: 33,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const session = require('express-session');
              const s = session;
              router.use(s({ secret: process.env.SESSION_SECRET }));
              const sessionMiddleware = session({ secret: 'outside' });
              app.use(sessionMiddleware);
            ` },
        ],
      },
      {
        messageId: 'hardcoded', line: 4, column: 37, endLine: 4, endColumn: 54,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const session = require('express-session');
              const s = session;
              router.use(s({ secret: 'rebound' }));
              const sessionMiddleware = session({ secret: process.env.SESSION_SECRET });
              app.use(sessionMiddleware);
            ` },
        ],
      },
    ],
  }),

  // look-alike: a local function that happens to be named session
  js({
    code: code`
      function session(options) {
        return (req, res, next) => next();
      }
      app.use(session({ secret: 'keyboard cat' }));
    `,
  }),

  // look-alike: a session helper from another file, or another package's named export
  js({
    code: code`
      import session from './session.js';
      import { session as grammySession } from 'grammy';
      app.use(session({ secret: 'keyboard cat' }));
      bot.use(grammySession({ secret: 'keyboard cat' }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: 'keyboard cat' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 41,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET! }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET! }));
    `,
  }),

  // TypeScript's import = require
  ts({
    code: code`
      import session = require('express-session');
      app.use(session({ secret: 'keyboard cat' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 41,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session = require('express-session');
              app.use(session({ secret: process.env.SESSION_SECRET! }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session = require('express-session');
      app.use(session({ secret: process.env.SESSION_SECRET as string }));
    `,
  }),
]);

run('placeholders are findings: they are the ones that ship', [
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: 'secret' }));
      app.use(session({ secret: 'changeme' }));
      app.use(session({ secret: 'your-secret-key-change-this-in-production' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 35,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET }));
              app.use(session({ secret: 'changeme' }));
              app.use(session({ secret: 'your-secret-key-change-this-in-production' }));
            ` },
        ],
      },
      {
        messageId: 'hardcoded', line: 3, column: 19, endLine: 3, endColumn: 37,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: 'secret' }));
              app.use(session({ secret: process.env.SESSION_SECRET_2 }));
              app.use(session({ secret: 'your-secret-key-change-this-in-production' }));
            ` },
        ],
      },
      {
        messageId: 'hardcoded', line: 4, column: 19, endLine: 4, endColumn: 70,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: 'secret' }));
              app.use(session({ secret: 'changeme' }));
              app.use(session({ secret: process.env.SESSION_SECRET_3 }));
            ` },
        ],
      },
    ],
  }),
]);

run('template literals', [
  // a template without substitutions is a literal
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: \`keyboard cat\` }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 41,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  // a template that reads the environment is not known
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: \`\${process.env.SESSION_SECRET}\` }));
      app.use(session({ secret: \`v1:\${process.env.SESSION_SECRET}\` }));
    `,
  }),

  // a template whose substitutions are all constants is still a literal
  js({
    code: code`
      import session from 'express-session';
      const APP = 'shop';
      app.use(session({ secret: \`\${APP}-secret\` }));
    `,
    errors: [
      { messageId: 'hardcoded', line: 3, column: 19, endLine: 3, endColumn: 42, suggestions: [] },
    ],
  }),
]);

run('secret arrays', [
  // one finding for an array of two literals; no mechanical fix
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: ['new secret', 'old secret'] }));
    `,
    errors: [
      { messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 55, suggestions: [] },
    ],
  }),

  // rotation with an old secret left in the source: still forgeable with it
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: [process.env.SESSION_SECRET, 'old secret'] }));
    `,
    errors: [
      { messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 69, suggestions: [] },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: [process.env.SESSION_SECRET, process.env.OLD_SESSION_SECRET] }));
    `,
  }),

  // an array built elsewhere in the file
  js({
    code: code`
      import session from 'express-session';
      const secrets = ['one', 'two'];
      app.use(session({ secret: secrets }));
    `,
    errors: [
      { messageId: 'hardcoded', line: 3, column: 19, endLine: 3, endColumn: 34, suggestions: [] },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: ['new secret', 'old secret'] as string[] }));
    `,
    errors: [
      { messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 67, suggestions: [] },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: [process.env.SESSION_SECRET!, process.env.OLD_SESSION_SECRET!] }));
    `,
  }),
]);

run('environment reads with and without a literal fallback', [
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET || 'dev secret' }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 19, endLine: 2, endColumn: 69,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  // no fallback
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET ?? 'dev secret' }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 19, endLine: 2, endColumn: 69,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  // a fallback to another environment variable is no literal
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET ?? process.env.LEGACY_SECRET }));
    `,
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET ? process.env.SESSION_SECRET : 'dev secret' }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 19, endLine: 2, endColumn: 97,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  // process.env['X']
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env['SESSION_SECRET'] || 'dev secret' }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 19, endLine: 2, endColumn: 72,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env['SESSION_SECRET'] }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env['SESSION_SECRET'] }));
    `,
  }),

  // destructured from process.env with a default
  js({
    code: code`
      import session from 'express-session';
      const { SESSION_SECRET = 'dev secret' } = process.env;
      app.use(session({ secret: SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 3, column: 19, endLine: 3, endColumn: 41,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              const { SESSION_SECRET } = process.env;
              app.use(session({ secret: SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      const { SESSION_SECRET } = process.env;
      app.use(session({ secret: SESSION_SECRET }));
    `,
  }),

  // the fallback in a constant: reported at the call, fixed where written
  js({
    code: code`
      import session from 'express-session';
      const secret = process.env.SESSION_SECRET || 'dev secret';
      app.use(session({ secret }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 3, column: 19, endLine: 3, endColumn: 25,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              const secret = process.env.SESSION_SECRET;
              app.use(session({ secret }));
            ` },
        ],
      },
    ],
  }),

  // a fallback computed at run time is not hardcoded
  js({
    code: code`
      import session from 'express-session';
      import crypto from 'node:crypto';
      app.use(session({ secret: process.env.SESSION_SECRET || crypto.randomBytes(32).toString('hex') }));
    `,
  }),

  // TypeScript: the fix asserts the variable is set
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET ?? 'dev secret' }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 19, endLine: 2, endColumn: 69,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET! }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: (process.env.SESSION_SECRET || 'dev secret') as string }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 19, endLine: 2, endColumn: 81,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              app.use(session({ secret: (process.env.SESSION_SECRET!) as string }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET as string }));
    `,
  }),
]);

// Environment readers other than process.env and schema defaults (ENV_READERS and SCHEMAS, evaluate-schemas.ts):
// the default is the variable's fallback; the fix removes it where the variable is then required.
run('environment readers and schema defaults', [
  ts({
    code: code`
      import session from 'express-session';
      import Env from '@ioc:Adonis/Core/Env';
      app.use(session({ secret: Env.get('SESSION_SECRET', 'dev secret') }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 3, column: 19, endLine: 3, endColumn: 66,
        suggestions: [
          { messageId: 'removeDefault', output: code`
              import session from 'express-session';
              import Env from '@ioc:Adonis/Core/Env';
              app.use(session({ secret: Env.getOrFail('SESSION_SECRET') }));
            ` },
        ],
      },
    ],
  }),
  ts({
    code: code`
      import session from 'express-session';
      import env from '#start/env';
      app.use(session({ secret: env.get('SESSION_SECRET', 'dev secret') }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 3, column: 19, endLine: 3, endColumn: 66,
        suggestions: [
          { messageId: 'removeDefault', output: code`
              import session from 'express-session';
              import env from '#start/env';
              app.use(session({ secret: env.get('SESSION_SECRET') }));
            ` },
        ],
      },
    ],
  }),
  cjs({
    code: code`
      const session = require('express-session');
      const env = require('env-var');
      app.use(session({ secret: env.get('SESSION_SECRET').default('dev secret').asString() }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 3, column: 19, endLine: 3, endColumn: 85,
        suggestions: [
          { messageId: 'removeDefault', output: code`
              const session = require('express-session');
              const env = require('env-var');
              app.use(session({ secret: env.get('SESSION_SECRET').required().asString() }));
            ` },
        ],
      },
    ],
  }),
  ts({
    code: code`
      import session from 'express-session';
      import { z } from 'zod';
      const env = z.object({ SESSION_SECRET: z.string().min(32).default('a development secret of 32 chars') }).parse(process.env);
      app.use(session({ secret: env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 4, column: 19, endLine: 4, endColumn: 45,
        suggestions: [
          { messageId: 'removeDefault', output: code`
              import session from 'express-session';
              import { z } from 'zod';
              const env = z.object({ SESSION_SECRET: z.string().min(32) }).parse(process.env);
              app.use(session({ secret: env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),
  // a default after .optional(): reported, no fix (the message says why)
  ts({
    code: code`
      import session from 'express-session';
      import { z } from 'zod';
      const env = z.object({ SESSION_SECRET: z.string().optional().default('dev secret') }).parse(process.env);
      app.use(session({ secret: env.SESSION_SECRET }));
    `,
    errors: [{ messageId: 'fallbackNoFix', line: 4, column: 19, endLine: 4, endColumn: 45, suggestions: [] }],
  }),
  // hard negatives: no default, getOrFail, a default from another variable, .optional() without a default, a non-secret field's default
  ts({
    code: code`
      import session from 'express-session';
      import Env from '@ioc:Adonis/Core/Env';
      app.use(session({ secret: Env.get('SESSION_SECRET') }));
      app.use(session({ secret: Env.getOrFail('SESSION_SECRET') }));
      app.use(session({ secret: Env.get('SESSION_SECRET', Env.get('LEGACY_SESSION_SECRET')) }));
    `,
  }),
  ts({
    code: code`
      import session from 'express-session';
      import { z } from 'zod';
      const env = z.object({ SESSION_SECRET: z.string().optional(), COOKIE_NAME: z.string().default('sid') }).parse(process.env);
      app.use(session({ secret: env.SESSION_SECRET, name: env.COOKIE_NAME }));
    `,
  }),
]);

run('production-conditional values and configurations outside production', [
  // A literal outside production is what a server started without NODE_ENV uses: reported as such, without a
  // suggestion (replacing it changes what development runs).
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.NODE_ENV === 'production' ? process.env.SESSION_SECRET : 'dev secret' }));
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 2, column: 19, endLine: 2, endColumn: 108, suggestions: [] }],
  }),

  // hard negatives: a literal only under NODE_ENV === 'test' or 'development' (an unset NODE_ENV is neither)
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.NODE_ENV === 'test' ? 'test secret' : process.env.SESSION_SECRET }));
    `,
  }),
  js({
    code: code`
      import session from 'express-session';
      if (process.env.NODE_ENV === 'development') {
        app.use(session({ secret: 'dev secret' }));
      } else {
        app.use(session({ secret: process.env.SESSION_SECRET }));
      }
    `,
  }),

  // inverted: the literal is the production value
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.NODE_ENV !== 'production' ? process.env.SESSION_SECRET : 'dev secret' }));
    `,
    errors: [
      { messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 108, suggestions: [] },
    ],
  }),

  // const isProd = ...
  js({
    code: code`
      import session from 'express-session';
      const isProd = process.env.NODE_ENV === 'production';
      app.use(session({ secret: isProd ? process.env.SESSION_SECRET : 'dev secret' }));
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 3, column: 19, endLine: 3, endColumn: 77, suggestions: [] }],
  }),

  // app.get('env'), as express reads NODE_ENV
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: app.get('env') === 'production' ? process.env.SESSION_SECRET : 'dev secret' }));
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 2, column: 19, endLine: 2, endColumn: 102, suggestions: [] }],
  }),

  // a configuration reachable only outside production
  js({
    code: code`
      import session from 'express-session';
      if (process.env.NODE_ENV !== 'production') {
        app.use(session({ secret: 'dev secret' }));
      }
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 3, column: 21, endLine: 3, endColumn: 41, suggestions: [] }],
  }),

  // reassigned under a production check before use
  js({
    code: code`
      import session from 'express-session';
      let secret = 'dev secret';
      if (process.env.NODE_ENV === 'production') {
        secret = process.env.SESSION_SECRET;
      }
      app.use(session({ secret }));
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 6, column: 19, endLine: 6, endColumn: 25, suggestions: [] }],
  }),

  // reassigned only outside production: the literal is what production gets
  js({
    code: code`
      import session from 'express-session';
      let secret = 'dev secret';
      if (process.env.NODE_ENV !== 'production') {
        secret = process.env.DEV_SECRET;
      }
      app.use(session({ secret }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 6, column: 19, endLine: 6, endColumn: 25,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              let secret = process.env.SESSION_SECRET;
              if (process.env.NODE_ENV !== 'production') {
                secret = process.env.DEV_SECRET;
              }
              app.use(session({ secret }));
            ` },
        ],
      },
    ],
  }),

  // reassigned after the middleware was created: too late
  js({
    code: code`
      import session from 'express-session';
      let secret = 'dev secret';
      app.use(session({ secret }));
      if (process.env.NODE_ENV === 'production') secret = process.env.SESSION_SECRET;
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 19, endLine: 3, endColumn: 25,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              let secret = process.env.SESSION_SECRET;
              app.use(session({ secret }));
              if (process.env.NODE_ENV === 'production') secret = process.env.SESSION_SECRET;
            ` },
        ],
      },
    ],
  }),

  // switch on NODE_ENV: the development branch never runs in production
  js({
    code: code`
      import session from 'express-session';
      switch (process.env.NODE_ENV) {
        case 'development':
        case 'test':
          app.use(session({ secret: 'dev secret' }));
          break;
        default:
          app.use(session({ secret: process.env.SESSION_SECRET }));
      }
    `,
  }),

  // a factory that returns early in production
  js({
    code: code`
      import session from 'express-session';
      function sessionSecret() {
        if (process.env.NODE_ENV === 'production') return process.env.SESSION_SECRET;
        return 'dev secret';
      }
      app.use(session({ secret: sessionSecret() }));
    `,
    errors: [{ messageId: 'withoutNodeEnv', line: 6, column: 19, endLine: 6, endColumn: 42, suggestions: [] }],
  }),

  // the same factory with the check inverted
  js({
    code: code`
      import session from 'express-session';
      function sessionSecret() {
        if (process.env.NODE_ENV !== 'production') return process.env.DEV_SECRET;
        return 'dev secret';
      }
      app.use(session({ secret: sessionSecret() }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 6, column: 19, endLine: 6, endColumn: 42,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              function sessionSecret() {
                if (process.env.NODE_ENV !== 'production') return process.env.DEV_SECRET;
                return process.env.SESSION_SECRET;
              }
              app.use(session({ secret: sessionSecret() }));
            ` },
        ],
      },
    ],
  }),
]);

run('values built elsewhere in the file', [
  // one constant fed to two calls is two findings, fixed once where written
  js({
    code: code`
      import session from 'express-session';
      const SECRET = 'keyboard cat';
      app.use(session({ secret: SECRET }));
      admin.use(session({ secret: SECRET }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 19, endLine: 3, endColumn: 33,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              const SECRET = process.env.SESSION_SECRET;
              app.use(session({ secret: SECRET }));
              admin.use(session({ secret: SECRET }));
            ` },
        ],
      },
      {
        messageId: 'hardcoded', line: 4, column: 21, endLine: 4, endColumn: 35,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              const SECRET = process.env.SESSION_SECRET;
              app.use(session({ secret: SECRET }));
              admin.use(session({ secret: SECRET }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      const SECRET = process.env.SESSION_SECRET;
      app.use(session({ secret: SECRET }));
    `,
  }),

  // an options object in a variable: reported at the argument
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: 'keyboard cat', resave: false };
      app.use(session(options));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 17, endLine: 3, endColumn: 24,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              const options = { secret: process.env.SESSION_SECRET, resave: false };
              app.use(session(options));
            ` },
        ],
      },
    ],
  }),

  // object spread
  js({
    code: code`
      import session from 'express-session';
      const base = { secret: 'keyboard cat' };
      app.use(session({ ...base, resave: false }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 9, endLine: 3, endColumn: 16,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              const base = { secret: process.env.SESSION_SECRET };
              app.use(session({ ...base, resave: false }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      const base = { secret: process.env.SESSION_SECRET };
      app.use(session({ ...base, resave: false }));
    `,
  }),

  // Object.assign
  js({
    code: code`
      import session from 'express-session';
      const base = { secret: 'keyboard cat' };
      app.use(session(Object.assign({}, base, { resave: false })));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 9, endLine: 3, endColumn: 16,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              const base = { secret: process.env.SESSION_SECRET };
              app.use(session(Object.assign({}, base, { resave: false })));
            ` },
        ],
      },
    ],
  }),

  // a factory function returning the options
  js({
    code: code`
      import session from 'express-session';
      function sessionOptions() {
        return { secret: 'keyboard cat', resave: false };
      }
      app.use(session(sessionOptions()));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 5, column: 17, endLine: 5, endColumn: 33,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              function sessionOptions() {
                return { secret: process.env.SESSION_SECRET, resave: false };
              }
              app.use(session(sessionOptions()));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      function sessionOptions() {
        return { secret: process.env.SESSION_SECRET, resave: false };
      }
      app.use(session(sessionOptions()));
    `,
  }),

  // a property written after creation
  js({
    code: code`
      import session from 'express-session';
      const options = {};
      options.secret = 'keyboard cat';
      app.use(session(options));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 4, column: 17, endLine: 4, endColumn: 24,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              const options = {};
              options.secret = process.env.SESSION_SECRET;
              app.use(session(options));
            ` },
        ],
      },
    ],
  }),

  // options from another file are unknown: no finding
  js({
    code: code`
      import session from 'express-session';
      import { sessionConfig } from './config.js';
      app.use(session({ ...sessionConfig }));
      app.use(session(sessionConfig));
      app.use(session({ secret: sessionConfig.secret }));
    `,
  }),

  // a literal default that configuration may override is still what ships when it does not
  js({
    code: code`
      import session from 'express-session';
      import { sessionConfig } from './config.js';
      app.use(session({ secret: 'keyboard cat', ...sessionConfig }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 19, endLine: 3, endColumn: 41,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              import { sessionConfig } from './config.js';
              app.use(session({ secret: process.env.SESSION_SECRET, ...sessionConfig }));
            ` },
        ],
      },
    ],
  }),
]);

run('unknown values are not findings', [
  js({
    code: code`
      import session from 'express-session';
      import crypto from 'node:crypto';
      app.use(session({ secret: crypto.randomBytes(32).toString('hex') }));
      app.use(session({ secret: getSecretFromVault() }));
      app.use(session({ secret: await secrets.get('session') }));
      export function createSession(secret) {
        return session({ secret });
      }
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      import { config } from './config';
      declare const SECRET: string;
      app.use(session({ secret: config.sessionSecret }));
      app.use(session({ secret: SECRET }));
      export const make = (secret: string) => session({ secret });
    `,
  }),
]);

run('TypeScript wrappers', [
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: 'keyboard cat' as string }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 51,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET! as string }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: 'keyboard cat' satisfies string }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 58,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET! satisfies string }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: <string>'keyboard cat' }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 49,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              app.use(session({ secret: <string>process.env.SESSION_SECRET! }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const SECRET: string = 'keyboard cat';
      app.use(session({ secret: SECRET! }));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 19, endLine: 3, endColumn: 34,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              const SECRET: string = process.env.SESSION_SECRET!;
              app.use(session({ secret: SECRET! }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const options = { secret: 'keyboard cat' } satisfies session.SessionOptions;
      app.use(session(options as session.SessionOptions));
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 19, endLine: 2, endColumn: 41,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              const options = { secret: process.env.SESSION_SECRET! } satisfies session.SessionOptions;
              app.use(session(options as session.SessionOptions));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET! } satisfies session.SessionOptions;
      app.use(session(options as session.SessionOptions));
    `,
  }),
]);

run('ES module files (.mjs)', [
  js({
    code: code`
      import session from 'express-session';
      export default session({ secret: 'keyboard cat' });
    `,
    filename: 'app.mjs',
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 26, endLine: 2, endColumn: 48,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              export default session({ secret: process.env.SESSION_SECRET });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      export default session({ secret: process.env.SESSION_SECRET });
    `,
    filename: 'app.mjs',
  }),
]);

// Tokens that serve as sessions: a JWT signing secret in the source lets anyone sign a token for any user (real-app sweep, session 5).
run('JWT signing secrets: jsonwebtoken sign() and @fastify/jwt', [
  cjs({
    code: code`
      const jwt = require('jsonwebtoken');
      exports.login = (req, res) => {
        const token = jwt.sign({ id: req.user.id }, 'hardcoded-jwt-secret', { expiresIn: '1h' });
        res.cookie('token', token, { httpOnly: true });
      };
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 47, endLine: 3, endColumn: 69,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const jwt = require('jsonwebtoken');
              exports.login = (req, res) => {
                const token = jwt.sign({ id: req.user.id }, process.env.TOKEN_JWT_SECRET, { expiresIn: '1h' });
                res.cookie('token', token, { httpOnly: true });
              };
            ` },
        ],
      },
    ],
  }),

  // hard negatives: the secret read from the environment, a private key read from a file
  cjs({
    code: code`
      const fs = require('fs');
      const jwt = require('jsonwebtoken');
      exports.a = (user) => jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
      exports.b = (user) => jwt.sign({ id: user.id }, fs.readFileSync('private.pem'), { algorithm: 'RS256' });
    `,
  }),

  // a named import, with a literal fallback
  ts({
    code: code`
      import { sign } from 'jsonwebtoken';
      export const tokenFor = (id: string) => sign({ id }, process.env.JWT_SECRET || 'dev-secret', { expiresIn: '1h' });
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 54, endLine: 2, endColumn: 92,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import { sign } from 'jsonwebtoken';
              export const tokenFor = (id: string) => sign({ id }, process.env.JWT_SECRET!, { expiresIn: '1h' });
            ` },
        ],
      },
    ],
  }),

  // @fastify/jwt reading the token from a cookie the app sets
  ts({
    code: code`
      import { fastifyJwt } from '@fastify/jwt';
      import fastify from 'fastify';
      const server = fastify();
      server.register(fastifyJwt, { secret: '5084235853f5177c44c0a1a36e1181a6', cookie: { cookieName: 'token', signed: false } });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 4, column: 31, endLine: 4, endColumn: 73,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { fastifyJwt } from '@fastify/jwt';
              import fastify from 'fastify';
              const server = fastify();
              server.register(fastifyJwt, { secret: process.env.JWT_SECRET!, cookie: { cookieName: 'token', signed: false } });
            ` },
        ],
      },
    ],
  }),

  // express-jwt verifies the tokens with the same secret (7.x named export; 6.x the module itself), koa-jwt likewise
  cjs({
    code: code`
      const { expressjwt } = require('express-jwt');
      const koaJwt = require('koa-jwt');
      exports.auth = expressjwt({ secret: process.env.JWT_SECRET || 'superSecret', algorithms: ['HS256'] });
      exports.koaAuth = koaJwt({ secret: 'shared-secret', cookie: 'token' });
    `,
    errors: [
      {
        messageId: 'fallback', line: 3, column: 29, endLine: 3, endColumn: 76,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              const { expressjwt } = require('express-jwt');
              const koaJwt = require('koa-jwt');
              exports.auth = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
              exports.koaAuth = koaJwt({ secret: 'shared-secret', cookie: 'token' });
            ` },
        ],
      },
      {
        messageId: 'hardcoded', line: 4, column: 28, endLine: 4, endColumn: 51,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const { expressjwt } = require('express-jwt');
              const koaJwt = require('koa-jwt');
              exports.auth = expressjwt({ secret: process.env.JWT_SECRET || 'superSecret', algorithms: ['HS256'] });
              exports.koaAuth = koaJwt({ secret: process.env.JWT_SECRET_2, cookie: 'token' });
            ` },
        ],
      },
    ],
  }),

  // hard negatives: express-jwt 6 with the secret from the environment, a JWKS secret function, koa-jwt from the environment
  cjs({
    code: code`
      const jwt = require('express-jwt');
      const jwks = require('jwks-rsa');
      const koaJwt = require('koa-jwt');
      exports.a = jwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
      exports.b = jwt({ secret: jwks.expressJwtSecret({ jwksUri: process.env.JWKS_URI }), algorithms: ['RS256'] });
      exports.c = koaJwt({ secret: process.env.JWT_SECRET });
    `,
  }),

  // hard negative: the same registration with the secret from the environment
  ts({
    code: code`
      import { fastifyJwt } from '@fastify/jwt';
      import fastify from 'fastify';
      const server = fastify();
      server.register(fastifyJwt, { secret: process.env.JWT_SECRET!, cookie: { cookieName: 'token', signed: false } });
    `,
  }),
]);
