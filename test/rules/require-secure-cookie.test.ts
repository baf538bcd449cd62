// require-secure-cookie: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('require-secure-cookie');

run('secure missing: express-session defaults to false', [
  // no cookie options: reported at the callee; the fix adds them
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
    `,
  }),

  // cookie options without secure: reported at `cookie`
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000 } }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 55, endLine: 2, endColumn: 61,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000, secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000, secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // 'auto' follows the connection
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000, secure: 'auto' } }));
    `,
  }),

  // an empty cookie object
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: {} }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 55, endLine: 2, endColumn: 61,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // multi-line options: the property goes on its own line, after a trailing line comment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: {
          maxAge: 86400000 // one day
        }
      }));
    `,
    errors: [
      {
        messageId: 'missing', line: 4, column: 3, endLine: 4, endColumn: 9,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({
                secret: process.env.SESSION_SECRET,
                cookie: {
                  maxAge: 86400000, // one day
                  secure: process.env.NODE_ENV === 'production'
                }
              }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({
                secret: process.env.SESSION_SECRET,
                cookie: {
                  maxAge: 86400000, // one day
                  secure: true
                }
              }));
            ` },
        ],
      },
    ],
  }),

  // multi-line options with a trailing comma
  js({
    code: code`
      import session from 'express-session';
      app.use(
        session({
          secret: process.env.SESSION_SECRET,
          resave: false,
        }),
      );
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 3, endLine: 3, endColumn: 10,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(
                session({
                  secret: process.env.SESSION_SECRET,
                  resave: false,
                  cookie: { secure: process.env.NODE_ENV === 'production' },
                }),
              );
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(
                session({
                  secret: process.env.SESSION_SECRET,
                  resave: false,
                  cookie: { secure: true },
                }),
              );
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 58, endLine: 2, endColumn: 64,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              const session = require('express-session');
              router.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              const session = require('express-session');
              router.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: true } }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: true } }));
    `,
  }),

  // inline require: the callee is the require call
  cjs({
    code: code`
      app.use(require('express-session')({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'missing', line: 1, column: 9, endLine: 1, endColumn: 35,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              app.use(require('express-session')({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              app.use(require('express-session')({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // import * as, import { default as }
  js({
    code: code`
      import * as es from 'express-session';
      import { default as s } from 'express-session';
      app.use(es.default({ secret: process.env.SESSION_SECRET }));
      app.use(s({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 12, endLine: 3, endColumn: 19,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import * as es from 'express-session';
              import { default as s } from 'express-session';
              app.use(es.default({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
              app.use(s({ secret: process.env.SESSION_SECRET }));
            ` },
          { messageId: 'setSecure', output: code`
              import * as es from 'express-session';
              import { default as s } from 'express-session';
              app.use(es.default({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
              app.use(s({ secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
      {
        messageId: 'missing', line: 4, column: 9, endLine: 4, endColumn: 10,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import * as es from 'express-session';
              import { default as s } from 'express-session';
              app.use(es.default({ secret: process.env.SESSION_SECRET }));
              app.use(s({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import * as es from 'express-session';
              import { default as s } from 'express-session';
              app.use(es.default({ secret: process.env.SESSION_SECRET }));
              app.use(s({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // look-alike: a local function named session
  js({
    code: code`
      function session(options) {
        return options;
      }
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
  }),
]);

run('secure: false', [
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: false } }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 65, endLine: 2, endColumn: 78,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
    `,
  }),

  // a production check the wrong way round is false in production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV !== 'production' } }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 65, endLine: 2, endColumn: 110,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // const isProd = ...
  js({
    code: code`
      import session from 'express-session';
      const isProd = process.env.NODE_ENV === 'production';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: isProd } }));
    `,
  }),

  js({
    code: code`
      import session from 'express-session';
      const isProd = process.env.NODE_ENV === 'production';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: !isProd } }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 3, column: 65, endLine: 3, endColumn: 80,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const isProd = process.env.NODE_ENV === 'production';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: isProd } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const isProd = process.env.NODE_ENV === 'production';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // app.get('env') === 'production'
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: app.get('env') === 'production' } }));
    `,
  }),

  // decided by deployment configuration: unknown, not a finding
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.COOKIE_SECURE === 'true' } }));
    `,
  }),

  cjs({
    code: code`
      const session = require('express-session');
      const s = session;
      const middleware = s({ secret: process.env.SESSION_SECRET, cookie: { secure: false } });
    `,
    errors: [
      {
        messageId: 'insecure', line: 3, column: 70, endLine: 3, endColumn: 83,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              const session = require('express-session');
              const s = session;
              const middleware = s({ secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              const session = require('express-session');
              const s = session;
              const middleware = s({ secret: process.env.SESSION_SECRET, cookie: { secure: true } });
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
        app.use(session({ secret: 'dev', cookie: { secure: false } }));
      }
    `,
  }),
]);

run('the express-session README: sess.cookie.secure = true under a production check', [
  js({
    code: code`
      import session from 'express-session';
      var sess = { secret: process.env.SESSION_SECRET, cookie: {} };
      if (app.get('env') === 'production') {
        app.set('trust proxy', 1);
        sess.cookie.secure = true;
      }
      app.use(session(sess));
    `,
  }),

  // the write runs only in development: production keeps the default; reported at the argument
  js({
    code: code`
      import session from 'express-session';
      var sess = { secret: process.env.SESSION_SECRET, cookie: {} };
      if (app.get('env') === 'development') {
        sess.cookie.secure = true;
      }
      app.use(session(sess));
    `,
    errors: [
      {
        messageId: 'missing', line: 6, column: 17, endLine: 6, endColumn: 21,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              var sess = { secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } };
              if (app.get('env') === 'development') {
                sess.cookie.secure = true;
              }
              app.use(session(sess));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              var sess = { secret: process.env.SESSION_SECRET, cookie: { secure: true } };
              if (app.get('env') === 'development') {
                sess.cookie.secure = true;
              }
              app.use(session(sess));
            ` },
        ],
      },
    ],
  }),

  // an explicit false written after creation: the fix rewrites the write
  js({
    code: code`
      import session from 'express-session';
      const sess = { secret: process.env.SESSION_SECRET, cookie: { secure: true } };
      sess.cookie.secure = false;
      app.use(session(sess));
    `,
    errors: [
      {
        messageId: 'insecure', line: 4, column: 17, endLine: 4, endColumn: 21,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const sess = { secret: process.env.SESSION_SECRET, cookie: { secure: true } };
              sess.cookie.secure = process.env.NODE_ENV === 'production';
              app.use(session(sess));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const sess = { secret: process.env.SESSION_SECRET, cookie: { secure: true } };
              sess.cookie.secure = true;
              app.use(session(sess));
            ` },
        ],
      },
    ],
  }),

  // process.env.NODE_ENV guard
  js({
    code: code`
      import session from 'express-session';
      const sess = { secret: process.env.SESSION_SECRET, cookie: { secure: false } };
      if (process.env.NODE_ENV === 'production') sess.cookie.secure = true;
      app.use(session(sess));
    `,
  }),
]);

run('cookie options as a function (express-session 1.19)', [
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: false }) }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 75, endLine: 2, endColumn: 88,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: process.env.NODE_ENV === 'production' }) }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: true }) }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: req.secure }) }));
    `,
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        cookie(req) {
          return { secure: true, maxAge: 60000 };
        },
      }));
    `,
  }),
]);

run('values built elsewhere in the file', [
  // the value is built elsewhere: reported at the inline `cookie` property, fixed where written
  js({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: true };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 55, endLine: 3, endColumn: 61,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const cookie = { httpOnly: true, secure: process.env.NODE_ENV === 'production' };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const cookie = { httpOnly: true, secure: true };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: true, secure: true };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
    `,
  }),

  // one defect, one finding: two configurations of the file share the cookie object, reported once where it is defined
  js({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: true };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
      admin.use(session({ secret: process.env.ADMIN_SECRET, name: 'admin.sid', cookie }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 7, endLine: 2, endColumn: 13,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const cookie = { httpOnly: true, secure: process.env.NODE_ENV === 'production' };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
              admin.use(session({ secret: process.env.ADMIN_SECRET, name: 'admin.sid', cookie }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const cookie = { httpOnly: true, secure: true };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
              admin.use(session({ secret: process.env.ADMIN_SECRET, name: 'admin.sid', cookie }));
            ` },
        ],
      },
    ],
  }),

  // its hard negative: the shared object is secure; the two calls' own objects are two configurations, two findings
  js({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: true, secure: true };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
      admin.use(session({ secret: process.env.ADMIN_SECRET, name: 'admin.sid', cookie }));
    `,
  }),

  // spread into an inline cookie object: reported at `cookie`, the fix adds to the inline object
  js({
    code: code`
      import session from 'express-session';
      const defaults = { httpOnly: true };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...defaults, maxAge: 60000 } }));
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 55, endLine: 3, endColumn: 61,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const defaults = { httpOnly: true };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...defaults, maxAge: 60000, secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const defaults = { httpOnly: true };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...defaults, maxAge: 60000, secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // a false spread in from elsewhere
  js({
    code: code`
      import session from 'express-session';
      const base = { secret: process.env.SESSION_SECRET, cookie: { secure: false } };
      app.use(session({ ...base }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 3, column: 9, endLine: 3, endColumn: 16,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const base = { secret: process.env.SESSION_SECRET, cookie: { secure: process.env.NODE_ENV === 'production' } };
              app.use(session({ ...base }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const base = { secret: process.env.SESSION_SECRET, cookie: { secure: true } };
              app.use(session({ ...base }));
            ` },
        ],
      },
    ],
  }),

  // Object.assign replacing the cookie
  js({
    code: code`
      import session from 'express-session';
      const base = { secret: process.env.SESSION_SECRET, cookie: { secure: false } };
      app.use(session(Object.assign({}, base, { cookie: { secure: true } })));
    `,
  }),

  // a factory function
  // a factory function: reported at `cookie: cookieOptions()`
  js({
    code: code`
      import session from 'express-session';
      const cookieOptions = () => ({ maxAge: 60000, secure: false });
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: cookieOptions() }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 3, column: 55, endLine: 3, endColumn: 61,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const cookieOptions = () => ({ maxAge: 60000, secure: process.env.NODE_ENV === 'production' });
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: cookieOptions() }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const cookieOptions = () => ({ maxAge: 60000, secure: true });
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: cookieOptions() }));
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
      import { cookieOptions, overrides } from './config.js';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: cookieOptions }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...cookieOptions } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: loadCookieOptions() }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: false, ...overrides } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: Object.assign({ secure: false }, overrides) }));
      export const make = (cookie) => session({ secret: process.env.SESSION_SECRET, cookie });
    `,
  }),
]);

run('TypeScript', [
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: false as boolean } }));
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 66, endLine: 2, endColumn: 90,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true as boolean } }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: true } satisfies session.CookieOptions }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 56, endLine: 2, endColumn: 62,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production' } satisfies session.CookieOptions }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { httpOnly: true, secure: true } satisfies session.CookieOptions }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: 'auto' } satisfies session.CookieOptions }));
    `,
  }),

  // explicit undefined is the default
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: undefined } }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 66, endLine: 2, endColumn: 83,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const options: session.SessionOptions = { secret: process.env.SESSION_SECRET! };
      app.use(session(options!));
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 17, endLine: 3, endColumn: 25,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { secure: process.env.NODE_ENV === 'production' } };
              app.use(session(options!));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { secure: true } };
              app.use(session(options!));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const isProd = process.env.NODE_ENV === 'production';
      const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { secure: isProd } as const };
      app.use(session(options!));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      declare const cookie: session.CookieOptions;
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie }));
    `,
  }),
]);

// Version awareness: express-session calls a cookie function only since 1.19.0 (the app's lockfile, fixtures/versions/*).
const COOKIE_FUNCTION = code`
  const session = require('express-session');
  app.use(session({ secret: process.env.SESSION_SECRET, store, cookie: (req) => ({ secure: true, httpOnly: true, sameSite: 'lax' }) }));
`;

run('a cookie function with an express-session that does not call it', [
  // express-session 1.18.1 (package-lock.json) takes the function itself as the cookie options: its defaults apply
  js({
    filename: 'fixtures/versions/express-session-1.18-npm/app.js',
    code: COOKIE_FUNCTION,
    errors: [{ messageId: 'missing', line: 2, column: 62, endLine: 2, endColumn: 130, suggestions: [] }],
  }),
  // hard negative: express-session 1.19.0 (npm-shrinkwrap.json) calls it
  js({ filename: 'fixtures/versions/express-session-1.19-shrinkwrap/app.js', code: COOKIE_FUNCTION }),
  // hard negative: no version known: the function is taken to be called (the current behaviour)
  js({ code: COOKIE_FUNCTION }),
]);

run("the first suggestion keeps plain-HTTP development working, by the app's own production test (issue #11)", [
  // the app tests app.get('env'): the fix follows it
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      if (app.get('env') === 'production') app.set('trust proxy', 1);
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000 } }));
    `,
    errors: [
      {
        messageId: 'missing', line: 5, column: 55, endLine: 5, endColumn: 61,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import express from 'express';
              import session from 'express-session';
              const app = express();
              if (app.get('env') === 'production') app.set('trust proxy', 1);
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000, secure: app.get('env') === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import express from 'express';
              import session from 'express-session';
              const app = express();
              if (app.get('env') === 'production') app.set('trust proxy', 1);
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 3600000, secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // an isProduction const declared AFTER the options cannot be used there (temporal dead zone): the generic test
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } }));
      const isProduction = process.env.NODE_ENV === 'production';
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 55, endLine: 2, endColumn: 61,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production' } }));
              const isProduction = process.env.NODE_ENV === 'production';
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: true } }));
              const isProduction = process.env.NODE_ENV === 'production';
            ` },
        ],
      },
    ],
  }),

  // a name that says "prod" but is not the production test (true in development too) is not used
  js({
    code: code`
      import session from 'express-session';
      const productName = 'shop';
      const isProdLike = process.env.STAGE !== 'dev';
      app.use(session({ secret: process.env.SESSION_SECRET, name: productName, cookie: {} }));
    `,
    errors: [
      {
        messageId: 'missing', line: 4, column: 74, endLine: 4, endColumn: 80,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const productName = 'shop';
              const isProdLike = process.env.STAGE !== 'dev';
              app.use(session({ secret: process.env.SESSION_SECRET, name: productName, cookie: { secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const productName = 'shop';
              const isProdLike = process.env.STAGE !== 'dev';
              app.use(session({ secret: process.env.SESSION_SECRET, name: productName, cookie: { secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // a server that listens only on localhost (a demo, an installer): no fix may make its cookie secure-only
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 60000 } }));
      app.listen(3000, '127.0.0.1');
    `,
    errors: [
      {
        messageId: 'missing', line: 4, column: 55, endLine: 4, endColumn: 61, suggestions: [],
        data: { name: 'secure', library: 'express-session', defaultNote: 'defaults to `secure: false`', noFix: ' (no fix is suggested: the app listens only on localhost, over plain HTTP)' },
      },
    ],
  }),

  // hard negative of the above: a server that listens on every interface gets the fixes
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 60000 } }));
      app.listen(3000, '0.0.0.0');
    `,
    errors: [
      {
        messageId: 'missing', line: 4, column: 55, endLine: 4, endColumn: 61,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import express from 'express';
              import session from 'express-session';
              const app = express();
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 60000, secure: process.env.NODE_ENV === 'production' } }));
              app.listen(3000, '0.0.0.0');
            ` },
          { messageId: 'setSecure', output: code`
              import express from 'express';
              import session from 'express-session';
              const app = express();
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 60000, secure: true } }));
              app.listen(3000, '0.0.0.0');
            ` },
        ],
      },
    ],
  }),

  // options built by a function with two returns: both get the setting (a second --fix has nothing left)
  js({
    code: code`
      import session from 'express-session';
      function options(admin) {
        if (admin) return { secret: process.env.ADMIN_SECRET, cookie: { path: '/admin' } };
        return { secret: process.env.SESSION_SECRET, cookie: { path: '/' } };
      }
      app.use(session(options(process.env.ADMIN)));
    `,
    errors: [
      {
        messageId: 'missing', line: 6, column: 17, endLine: 6, endColumn: 43,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              function options(admin) {
                if (admin) return { secret: process.env.ADMIN_SECRET, cookie: { path: '/admin', secure: process.env.NODE_ENV === 'production' } };
                return { secret: process.env.SESSION_SECRET, cookie: { path: '/', secure: process.env.NODE_ENV === 'production' } };
              }
              app.use(session(options(process.env.ADMIN)));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              function options(admin) {
                if (admin) return { secret: process.env.ADMIN_SECRET, cookie: { path: '/admin', secure: true } };
                return { secret: process.env.SESSION_SECRET, cookie: { path: '/', secure: true } };
              }
              app.use(session(options(process.env.ADMIN)));
            ` },
        ],
      },
    ],
  }),

  // TypeScript: an isProduction flag declared before the options is used
  ts({
    code: code`
      import session from 'express-session';
      const isProduction: boolean = process.env.NODE_ENV === 'production';
      export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'lax' } });
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 81, endLine: 3, endColumn: 87,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const isProduction: boolean = process.env.NODE_ENV === 'production';
              export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'lax', secure: isProduction } });
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const isProduction: boolean = process.env.NODE_ENV === 'production';
              export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'lax', secure: true } });
            ` },
        ],
      },
    ],
  }),
]);
