// require-same-site: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('require-same-site');

run('sameSite missing: express-session sets none', [
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
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
    `,
  }),

  // cookie options without sameSite: reported at `cookie`
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, maxAge: 3600000 } }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 55, endLine: 2, endColumn: 61,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, maxAge: 3600000, sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),

  // 'strict', or true (express-session: Strict)
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, sameSite: 'strict' } }));
    `,
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: true } }));
    `,
  }),

  // multi-line options: the property goes on its own line, after a trailing line comment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: {
          secure: true // behind the proxy
        }
      }));
    `,
    errors: [
      {
        messageId: 'missing', line: 4, column: 3, endLine: 4, endColumn: 9,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({
                secret: process.env.SESSION_SECRET,
                cookie: {
                  secure: true, // behind the proxy
                  sameSite: 'lax'
                }
              }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: {
          secure: true, // behind the proxy
          sameSite: 'lax',
        },
      }));
    `,
  }),

  // an explicit undefined is the default: replaced, not duplicated
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: undefined } }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 65, endLine: 2, endColumn: 84,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),

  // 'auto' (express-session 1.19): None on HTTPS, Lax on HTTP, decided per request
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'auto' } }));
    `,
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
          { messageId: 'setLax', output: code`
              const session = require('express-session');
              router.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),

  // case does not matter to the cookie serializer
  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, sameSite: 'Lax' } }));
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
          { messageId: 'setLax', output: code`
              app.use(require('express-session')({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
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

  // look-alike: a project module, not the library
  js({
    code: code`
      import session from './session.js';
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
  }),
]);

run('sameSite turned off', [
  // false omits the attribute: reported at the property
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: false } }));
    `,
    errors: [
      {
        messageId: 'weak', line: 2, column: 65, endLine: 2, endColumn: 80,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),

  // off only outside production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: process.env.NODE_ENV === 'production' ? 'strict' : false } }));
    `,
  }),

  // off only in production: the conditional is replaced
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: process.env.NODE_ENV !== 'production' ? 'strict' : null } }));
    `,
    errors: [
      {
        messageId: 'weak', line: 2, column: 65, endLine: 2, endColumn: 130,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),

  // decided by the deployment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: process.env.COOKIE_SAME_SITE } }));
    `,
  }),

  // an environment read with an off fallback: the variable may be set (precision first)
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: process.env.COOKIE_SAME_SITE || false } }));
    `,
  }),
]);

run("sameSite 'none' without secure", [
  // express-session's secure defaults to false: browsers reject None without Secure
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'none' } }));
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 2, column: 65, endLine: 2, endColumn: 81,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'none', secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'none', secure: true } }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'none', secure: true } }));
    `,
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'None', secure: false } }));
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 2, column: 65, endLine: 2, endColumn: 81,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'None', secure: process.env.NODE_ENV === 'production' } }));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'None', secure: true } }));
            ` },
        ],
      },
    ],
  }),

  // 'auto' is secure on HTTPS, where None matters
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'none', secure: 'auto' } }));
    `,
  }),

  // secure in production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'none', secure: process.env.NODE_ENV === 'production' } }));
    `,
  }),

  // secure decided by the deployment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'none', secure: process.env.COOKIE_SECURE === '1' } }));
    `,
  }),
]);

run('configurations reachable only outside production', [
  // set only in development: in production the cookie has none; the fix goes where the object is written
  js({
    code: code`
      import session from 'express-session';
      const sess = { secret: process.env.SESSION_SECRET, cookie: {} };
      if (app.get('env') === 'development') {
        sess.cookie.sameSite = 'strict';
      }
      app.use(session(sess));
    `,
    errors: [
      {
        messageId: 'missing', line: 6, column: 17, endLine: 6, endColumn: 21,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              const sess = { secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } };
              if (app.get('env') === 'development') {
                sess.cookie.sameSite = 'strict';
              }
              app.use(session(sess));
            ` },
        ],
      },
    ],
  }),

  // the express-session README pattern, production branch
  js({
    code: code`
      import session from 'express-session';
      const sess = { secret: process.env.SESSION_SECRET, cookie: {} };
      if (app.get('env') === 'production') {
        sess.cookie.sameSite = 'strict';
      }
      app.use(session(sess));
    `,
  }),

  // a development-only session
  js({
    code: code`
      import session from 'express-session';
      if (process.env.NODE_ENV !== 'production') {
        app.use(session({ secret: 'dev', cookie: { sameSite: false } }));
      }
    `,
  }),
]);

run('values built elsewhere in the file', [
  // a cookie object in a variable: reported at the shorthand `cookie`, fixed where written
  js({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: true, secure: true };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 55, endLine: 3, endColumn: 61,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              const cookie = { httpOnly: true, secure: true, sameSite: 'lax' };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      const cookie = { httpOnly: true, secure: true, sameSite: 'lax' };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
    `,
  }),

  // options in a variable: reported at the argument
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET, cookie: { sameSite: false } };
      app.use(session(options));
    `,
    errors: [
      {
        messageId: 'weak', line: 3, column: 17, endLine: 3, endColumn: 24,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              const options = { secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } };
              app.use(session(options));
            ` },
        ],
      },
    ],
  }),

  // replaced by a later property
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET, cookie: { sameSite: false } };
      app.use(session({ ...options, cookie: { sameSite: 'strict' } }));
    `,
  }),

  // unknown values are not findings
  js({
    code: code`
      import session from 'express-session';
      import { cookieOptions } from './config.js';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: cookieOptions }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...cookieOptions } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: false, ...cookieOptions } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: loadCookieOptions() }));
    `,
  }),

  // cookie options as a function (express-session 1.19): what it returns
  // reported at the inline `cookie` property that holds the function
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: true }) }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 55, endLine: 2, endColumn: 61,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: true, sameSite: 'lax' }) }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: true, sameSite: req.secure ? 'none' : 'lax' }) }));
    `,
  }),
]);

run('TypeScript', [
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true } satisfies session.CookieOptions }));
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 56, endLine: 2, endColumn: 62,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true, sameSite: 'lax' } satisfies session.CookieOptions }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true, sameSite: 'lax' } satisfies session.CookieOptions }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'none' as const } };
      app.use(session(options!));
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 3, column: 17, endLine: 3, endColumn: 25,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from 'express-session';
              const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'none' as const, secure: process.env.NODE_ENV === 'production' } };
              app.use(session(options!));
            ` },
          { messageId: 'setSecure', output: code`
              import session from 'express-session';
              const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'none' as const, secure: true } };
              app.use(session(options!));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'none' as const, secure: true } };
      app.use(session(options!));
    `,
  }),

  ts({
    code: code`
      import session = require('express-session');
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: <boolean>false } }));
    `,
    errors: [
      {
        messageId: 'weak', line: 2, column: 66, endLine: 2, endColumn: 90,
        suggestions: [
          { messageId: 'setLax', output: code`
              import session = require('express-session');
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      declare const cookie: session.CookieOptions;
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie }));
    `,
  }),
]);
