// require-cookie-expiry: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('require-cookie-expiry');

run('neither maxAge nor expires: a browser-session cookie', [
  // no cookie options: reported at the callee; the fix adds a day
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 24 * 60 * 60 * 1000 } }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 24 * 60 * 60 * 1000 } }));
    `,
  }),

  // cookie options without either: reported at `cookie`
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, httpOnly: true } }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 55, endLine: 2, endColumn: 61,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, httpOnly: true, maxAge: 24 * 60 * 60 * 1000 } }));
            ` },
        ],
      },
    ],
  }),

  // expires counts, even when its value is not known
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, expires: new Date(Date.now() + 3600000) } }));
    `,
  }),

  // null is express-session's default: reported at the property
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: null } }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 65, endLine: 2, endColumn: 77,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 24 * 60 * 60 * 1000 } }));
            ` },
        ],
      },
    ],
  }),

  // decided by the deployment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: Number(process.env.SESSION_MAX_AGE) } }));
    `,
  }),

  // an explicit undefined: replaced, not duplicated
  cjs({
    code: code`
      const session = require('express-session');
      app.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: {
          secure: true,
          maxAge: undefined,
        },
      }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 6, column: 5, endLine: 6, endColumn: 22,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              const session = require('express-session');
              app.use(session({
                secret: process.env.SESSION_SECRET,
                cookie: {
                  secure: true,
                  maxAge: 24 * 60 * 60 * 1000,
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
      app.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: {
          secure: true,
          maxAge: 8 * 60 * 60 * 1000,
        },
      }));
    `,
  }),

  // inline require
  cjs({
    code: code`
      app.use(require('express-session')({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 1, column: 9, endLine: 1, endColumn: 35,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              app.use(require('express-session')({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 24 * 60 * 60 * 1000 } }));
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

run('an expiry the app sets on each session at run time', [
  // a handler writes something else about the cookie: still no expiry
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
      app.post('/login', (req, res) => {
        req.session.cookie.sameSite = 'strict';
        req.session.cookie.maxAge = null;
      });
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 55, endLine: 2, endColumn: 61,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax', maxAge: 24 * 60 * 60 * 1000 } }));
              app.post('/login', (req, res) => {
                req.session.cookie.sameSite = 'strict';
                req.session.cookie.maxAge = null;
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: the login gives the session its lifetime (real code: Grist sets it on a local name for the session)
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } }));
      export function onLogin(req: Request) {
        const session = req.session;
        if (session.cookie && !session.cookie.maxAge) session.cookie.maxAge = COOKIE_MAX_AGE;
      }
    `,
  }),

  // hard negative: cookie-session's per-request options (its README's "remember me")
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ name: 'sid', keys: [process.env.KEY] }));
      app.post('/login', (req, res) => {
        if (req.body.remember) req.sessionOptions.maxAge = 30 * 24 * 60 * 60 * 1000;
      });
    `,
  }),
]);

run('production conditionals and configurations outside production', [
  // an expiry only outside production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: process.env.NODE_ENV !== 'production' ? 3600000 : undefined } }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 65, endLine: 2, endColumn: 132,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 24 * 60 * 60 * 1000 } }));
            ` },
        ],
      },
    ],
  }),

  // an expiry in production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: process.env.NODE_ENV === 'production' ? 3600000 : undefined } }));
    `,
  }),

  // set after creation under a production check
  js({
    code: code`
      import session from 'express-session';
      const sess = { secret: process.env.SESSION_SECRET, cookie: {} };
      if (app.get('env') === 'production') {
        sess.cookie.maxAge = 3600000;
      }
      app.use(session(sess));
    `,
  }),

  // a development-only session
  js({
    code: code`
      import session from 'express-session';
      if (process.env.NODE_ENV === 'development') {
        app.use(session({ secret: 'dev' }));
      }
    `,
  }),
]);

run('values built elsewhere in the file', [
  // a cookie object in a variable: reported at the shorthand `cookie`, fixed where written
  js({
    code: code`
      import session from 'express-session';
      const cookie = { secure: true };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 3, column: 55, endLine: 3, endColumn: 61,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              const cookie = { secure: true, maxAge: 24 * 60 * 60 * 1000 };
              app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      const ONE_HOUR = 60 * 60 * 1000;
      const cookie = { secure: true, maxAge: ONE_HOUR };
      app.use(session({ secret: process.env.SESSION_SECRET, cookie }));
    `,
  }),

  // unknown values are not findings
  js({
    code: code`
      import session from 'express-session';
      import { cookieOptions } from './config.js';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: cookieOptions }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { ...cookieOptions, secure: true } }));
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: loadCookieOptions() }));
    `,
  }),

  // cookie options as a function: what it returns, reported at `cookie`
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: true }) }));
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 55, endLine: 2, endColumn: 61,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: true, maxAge: 24 * 60 * 60 * 1000 }) }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: (req) => ({ secure: true, maxAge: req.query.remember ? 2592000000 : undefined }) }));
    `,
  }),
]);

run('maxAgeMs: a longest allowed lifetime', [
  // thirty days, written as a product, against one day
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 30 * 24 * 60 * 60 * 1000 } }));
    `,
    options: [{ maxAgeMs: 86400000 }],
    errors: [
      {
        messageId: 'tooLong', line: 2, column: 65, endLine: 2, endColumn: 97,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 86400000 } }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 8 * 60 * 60 * 1000 } }));
    `,
    options: [{ maxAgeMs: 86400000 }],
  }),

  // a constant
  cjs({
    code: code`
      const session = require('express-session');
      const THIRTY_DAYS = 2592000000;
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: THIRTY_DAYS } }));
    `,
    options: [{ maxAgeMs: 86400000 }],
    errors: [
      {
        messageId: 'tooLong', line: 3, column: 65, endLine: 3, endColumn: 84,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              const session = require('express-session');
              const THIRTY_DAYS = 2592000000;
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 86400000 } }));
            ` },
        ],
      },
    ],
  }),

  // without the option any lifetime is allowed
  cjs({
    code: code`
      const session = require('express-session');
      const THIRTY_DAYS = 2592000000;
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: THIRTY_DAYS } }));
    `,
  }),

  // long only outside production
  js({
    code: code`
      import session from 'express-session';
      const isProd = process.env.NODE_ENV === 'production';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: isProd ? 3600000 : 2592000000 } }));
    `,
    options: [{ maxAgeMs: 86400000 }],
  }),

  // decided by the deployment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: Number(process.env.SESSION_TTL) * 1000 } }));
    `,
    options: [{ maxAgeMs: 86400000 }],
  }),

  // a missing expiry: the fix uses the limit when it is under a day
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
    options: [{ maxAgeMs: 1800000 }],
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 1800000 } }));
            ` },
        ],
      },
    ],
  }),

  // and a day otherwise
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
    options: [{ maxAgeMs: 604800000 }],
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { maxAge: 24 * 60 * 60 * 1000 } }));
            ` },
        ],
      },
    ],
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
        messageId: 'noExpiry', line: 2, column: 56, endLine: 2, endColumn: 62,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true, maxAge: 24 * 60 * 60 * 1000 } satisfies session.CookieOptions }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true, maxAge: 3_600_000 } satisfies session.CookieOptions }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { maxAge: (90 * 86_400_000) as number } };
      app.use(session(options!));
    `,
    options: [{ maxAgeMs: 2592000000 }],
    errors: [
      {
        messageId: 'tooLong', line: 2, column: 90, endLine: 2, endColumn: 125,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              import session from 'express-session';
              const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, cookie: { maxAge: 2592000000 } };
              app.use(session(options!));
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

run('iron-session ttl: 0 switches expiry off (issue #12)', [
  // ttl: 0 in the shared options: the seal never expires, the cookie lives 68 years (reported where it is written: the options are typed)
  ts({
    code: code`
      import { getIronSession, type SessionOptions } from 'iron-session';
      export const sessionOptions: SessionOptions = {
        password: process.env.SECRET_COOKIE_PASSWORD!,
        cookieName: 'app_session',
        ttl: 0,
      };
      export async function getSession(req: Request, res: Response) {
        return getIronSession(req, res, sessionOptions);
      }
    `,
    errors: [
      {
        messageId: 'expiryOff', line: 5, column: 3, endLine: 5, endColumn: 9, suggestions: [],
        data: { option: 'ttl', value: '0', meaning: 'the sealed session never expires and its cookie gets Max-Age 2147483647 (68 years), in iron-session 4, 6 and 8 alike' },
      },
    ],
  }),

  // one defect, one finding: two wrapper calls in one file share untyped options defined outside them (OssianN/wine-app-next):
  // one report, at the value, in ESLint and in the CLI
  js({
    code: code`
      import { withIronSessionApiRoute, withIronSessionSsr } from 'iron-session/next';
      const sessionOptions = {
        password: process.env.SECRET_COOKIE_PASSWORD,
        cookieName: 'wine-app',
        ttl: 0,
      };
      export function withSessionRoute(handler) {
        return withIronSessionApiRoute(handler, sessionOptions);
      }
      export function withSessionSsr(handler) {
        return withIronSessionSsr(handler, sessionOptions);
      }
    `,
    errors: [
      {
        messageId: 'expiryOff', line: 5, column: 3, endLine: 5, endColumn: 9, suggestions: [],
        data: { option: 'ttl', value: '0', meaning: 'the sealed session never expires and its cookie gets Max-Age 2147483647 (68 years), in iron-session 4, 6 and 8 alike' },
      },
    ],
  }),

  // the same value written in each call: two configurations, two findings (each at its call)
  js({
    code: code`
      import { withIronSessionApiRoute, withIronSessionSsr } from 'iron-session/next';
      export const withSessionRoute = (handler) => withIronSessionApiRoute(handler, { password: process.env.P, cookieName: 'a', ttl: 0 });
      export const withSessionSsr = (handler) => withIronSessionSsr(handler, { password: process.env.P, cookieName: 'a', ttl: 0 });
    `,
    errors: [
      { messageId: 'expiryOff', line: 2, column: 123, endLine: 2, endColumn: 129, suggestions: [] },
      { messageId: 'expiryOff', line: 3, column: 116, endLine: 3, endColumn: 122, suggestions: [] },
    ],
  }),

  // hard negatives: a lifetime, a value read from the environment, the default
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      export async function a(req: Request, res: Response) {
        return getIronSession(req, res, { password: process.env.P!, cookieName: 'a', ttl: 60 * 60 * 8 });
      }
      export async function b(req: Request, res: Response) {
        return getIronSession(req, res, { password: process.env.P!, cookieName: 'b', ttl: Number(process.env.SESSION_TTL) });
      }
      export async function c(req: Request, res: Response) {
        return getIronSession(req, res, { password: process.env.P!, cookieName: 'c' });
      }
    `,
  }),
]);
