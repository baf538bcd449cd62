// no-httponly-false: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('no-httponly-false');

run('httpOnly: false', [
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: false } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 65, endLine: 2, endColumn: 80,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
            ` },
        ],
      },
    ],
  }),

  // hard negative: missing is fine, the default is true
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: {} }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: true } }));
    `,
  }),

  // any falsy literal
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: 0 } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 65, endLine: 2, endColumn: 76,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
            ` },
        ],
      },
    ],
  }),

  // a comment beside the setting says the app relies on it: reported, but no fix that would break the SPA (issue #11)
  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: {
          maxAge: 60000,
          httpOnly: false, // the SPA reads it
        },
      }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 6, column: 5, endLine: 6, endColumn: 20, suggestions: [],
        data: { name: 'httpOnly', value: 'false', origin: '', noFix: ' (no fix is suggested: the comment beside it explains the choice)' },
      },
    ],
  }),

  // hard negative of the above: without the comment, the fix
  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: {
          maxAge: 60000,
          httpOnly: false,
        },
      }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 6, column: 5, endLine: 6, endColumn: 20,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              const session = require('express-session');
              router.use(session({
                secret: process.env.SESSION_SECRET,
                cookie: {
                  maxAge: 60000,
                  httpOnly: true,
                },
              }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: {
          maxAge: 60000,
        },
      }));
    `,
  }),

  // inline require, outside app.use
  cjs({
    code: code`
      const middleware = require('express-session')({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: false } });
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 1, column: 95, endLine: 1, endColumn: 110,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              const middleware = require('express-session')({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } });
            ` },
        ],
      },
    ],
  }),

  // import * as, import { default as }, re-bound
  js({
    code: code`
      import * as es from 'express-session';
      import { default as s } from 'express-session';
      const again = s;
      app.use(es({ cookie: { httpOnly: false } }));
      app.use(s({ cookie: { httpOnly: false } }));
      app.use(again({ cookie: { httpOnly: false } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 4, column: 24, endLine: 4, endColumn: 39,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import * as es from 'express-session';
              import { default as s } from 'express-session';
              const again = s;
              app.use(es({ cookie: { httpOnly: true } }));
              app.use(s({ cookie: { httpOnly: false } }));
              app.use(again({ cookie: { httpOnly: false } }));
            ` },
        ],
      },
      {
        messageId: 'httpOnlyFalse', line: 5, column: 23, endLine: 5, endColumn: 38,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import * as es from 'express-session';
              import { default as s } from 'express-session';
              const again = s;
              app.use(es({ cookie: { httpOnly: false } }));
              app.use(s({ cookie: { httpOnly: true } }));
              app.use(again({ cookie: { httpOnly: false } }));
            ` },
        ],
      },
      {
        messageId: 'httpOnlyFalse', line: 6, column: 27, endLine: 6, endColumn: 42,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import * as es from 'express-session';
              import { default as s } from 'express-session';
              const again = s;
              app.use(es({ cookie: { httpOnly: false } }));
              app.use(s({ cookie: { httpOnly: false } }));
              app.use(again({ cookie: { httpOnly: true } }));
            ` },
        ],
      },
    ],
  }),

  // look-alikes: a local function named session, another package's session
  js({
    code: code`
      import { session as koaSession } from 'some-koa-helper';
      function session(options) {
        return options;
      }
      app.use(session({ cookie: { httpOnly: false } }));
      app.use(koaSession({ cookie: { httpOnly: false } }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: false } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 66, endLine: 2, endColumn: 81,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: true } }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: true } }));
    `,
  }),
]);

run('production conditionals', [
  // true only outside production: false in production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: process.env.NODE_ENV !== 'production' } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 65, endLine: 2, endColumn: 112,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: process.env.NODE_ENV === 'production' } }));
    `,
  }),

  // const isProd, app.get('env')
  js({
    code: code`
      import session from 'express-session';
      const isProd = process.env.NODE_ENV === 'production';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: isProd } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: app.get('env') === 'production' || undefined } }));
    `,
  }),

  js({
    code: code`
      import session from 'express-session';
      const isProd = process.env.NODE_ENV === 'production';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: isProd ? false : true } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 3, column: 65, endLine: 3, endColumn: 96,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              const isProd = process.env.NODE_ENV === 'production';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
            ` },
        ],
      },
    ],
  }),

  // a configuration reachable only outside production
  js({
    code: code`
      import session from 'express-session';
      if (process.env.NODE_ENV !== 'production') {
        app.use(session({ secret: 'dev', cookie: { httpOnly: false } }));
      }
    `,
  }),

  // decided by deployment configuration: unknown
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: process.env.COOKIE_HTTP_ONLY !== 'false' } }));
    `,
  }),
]);

run('writes after creation', [
  // express-session reads the cookie options per request: a later write counts
  js({
    code: code`
      import session from 'express-session';
      const sess = { secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } };
      sess.cookie.httpOnly = false;
      app.use(session(sess));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 4, column: 17, endLine: 4, endColumn: 21,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              const sess = { secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } };
              sess.cookie.httpOnly = true;
              app.use(session(sess));
            ` },
        ],
      },
    ],
  }),

  // the write runs only outside production
  js({
    code: code`
      import session from 'express-session';
      const sess = { secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } };
      if (app.get('env') === 'development') sess.cookie.httpOnly = false;
      app.use(session(sess));
    `,
  }),

  // Object.assign onto the cookie options with an unknown source: it may set anything
  js({
    code: code`
      import session from 'express-session';
      import { cookieOverrides } from './config.js';
      const sess = { secret: process.env.SESSION_SECRET, cookie: { httpOnly: false } };
      Object.assign(sess.cookie, cookieOverrides);
      app.use(session(sess));
    `,
  }),

  // Object.assign onto the cookie options with a known source
  js({
    code: code`
      import session from 'express-session';
      const sess = { secret: process.env.SESSION_SECRET, cookie: { maxAge: 60000 } };
      Object.assign(sess.cookie, { httpOnly: false });
      app.use(session(sess));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 4, column: 17, endLine: 4, endColumn: 21,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              const sess = { secret: process.env.SESSION_SECRET, cookie: { maxAge: 60000 } };
              Object.assign(sess.cookie, { httpOnly: true });
              app.use(session(sess));
            ` },
        ],
      },
    ],
  }),
]);

run('values built elsewhere in the file', [
  // a cookie object from a variable: reported at the inline `cookie` property
  js({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: false };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 3, column: 55, endLine: 3, endColumn: 61,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              const cookie = { httpOnly: true };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
            ` },
        ],
      },
    ],
  }),

  // spread into an inline object: reported at `cookie`, fixed where written
  js({
    code: code`
      import session from 'express-session';
      const cookieDefaults = { httpOnly: false };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...cookieDefaults, maxAge: 60000 } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 3, column: 55, endLine: 3, endColumn: 61,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              const cookieDefaults = { httpOnly: true };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...cookieDefaults, maxAge: 60000 } }));
            ` },
        ],
      },
    ],
  }),

  // the inline object overrides what was spread in
  js({
    code: code`
      import session from 'express-session';
      const cookieDefaults = { httpOnly: false };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...cookieDefaults, httpOnly: true } }));
    `,
  }),

  // a factory function
  js({
    code: code`
      import session from 'express-session';
      function sessionOptions() {
        return { secret: process.env.SESSION_SECRET, cookie: { httpOnly: false } };
      }
      app.use(session(sessionOptions()));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 5, column: 17, endLine: 5, endColumn: 33,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              function sessionOptions() {
                return { secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } };
              }
              app.use(session(sessionOptions()));
            ` },
        ],
      },
    ],
  }),

  // cookie options as a function
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ httpOnly: false }) }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 75, endLine: 2, endColumn: 90,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ httpOnly: true }) }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ httpOnly: !req.path.startsWith('/public') }) }));
    `,
  }),
]);

run('unknown values are not findings', [
  js({
    code: code`
      import session from 'express-session';
      import { cookieOptions } from './config.js';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: cookieOptions }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...cookieOptions } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: false, ...cookieOptions } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: readFlag() } }));
      export const make = (httpOnly) => session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly } });
    `,
  }),

  // express-session's Cookie copies every given key over its defaults: an explicit undefined turns HttpOnly off
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: undefined } }));
      const opts = { httpOnly: undefined };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: opts }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 65, endLine: 2, endColumn: 84,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
              const opts = { httpOnly: undefined };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: opts }));
            ` },
        ],
      },
      {
        messageId: 'httpOnlyFalse', line: 4, column: 55, endLine: 4, endColumn: 61,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: undefined } }));
              const opts = { httpOnly: true };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: opts }));
            ` },
        ],
      },
    ],
  }),

  // hard negatives: `cookie: undefined` keeps every default (no options object to copy); an unset env var is unknown, not undefined
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: undefined }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: process.env.COOKIE_HTTP_ONLY } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 60000, httpOnly: app.get('env') === 'production' || undefined } }));
    `,
  }),
]);

run('TypeScript wrappers', [
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: false as boolean } }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 66, endLine: 2, endColumn: 92,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: true } }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: false } as const }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 2, column: 66, endLine: 2, endColumn: 81,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: true } as const }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: false } satisfies session.CookieOptions;
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { ...cookie }! }));
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 3, column: 56, endLine: 3, endColumn: 62,
        suggestions: [
          { messageId: 'setHttpOnly', output: code`
              import session from 'express-session';
              const cookie = { httpOnly: true } satisfies session.CookieOptions;
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { ...cookie }! }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: true } satisfies session.CookieOptions;
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { ...cookie }! }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      declare const httpOnly: boolean;
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly } }));
    `,
  }),
]);
