// no-default-cookie-name: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('no-default-cookie-name');

run("express-session's default name connect.sid", [
  // no name: reported at the callee; the fix names the cookie
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setName', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, name: 'sid' }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, name: 'sid' }));
    `,
  }),

  // the default, written out: reported at the property
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, name: 'connect.sid' }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 55, endLine: 2, endColumn: 74,
        suggestions: [
          { messageId: 'setName', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, name: 'sid' }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, name: '__Host-sid' }));
    `,
  }),

  // multi-line options with a trailing comma
  cjs({
    code: code`
      const session = require('express-session');
      app.use(session({
        secret: process.env.SESSION_SECRET,
        resave: false,
        saveUninitialized: false,
      }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setName', output: code`
              const session = require('express-session');
              app.use(session({
                secret: process.env.SESSION_SECRET,
                resave: false,
                saveUninitialized: false,
                name: 'sid',
              }));
            ` },
        ],
      },
    ],
  }),

  // decided by the deployment
  cjs({
    code: code`
      const session = require('express-session');
      app.use(session({
        secret: process.env.SESSION_SECRET,
        name: process.env.SESSION_COOKIE_NAME,
      }));
    `,
  }),

  // inline require; an explicit undefined is the default
  cjs({
    code: code`
      app.use(require('express-session')({ secret: process.env.SESSION_SECRET, name: undefined }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 1, column: 74, endLine: 1, endColumn: 89,
        suggestions: [
          { messageId: 'setName', output: code`
              app.use(require('express-session')({ secret: process.env.SESSION_SECRET, name: 'sid' }));
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

run("the legacy 'key' option names the cookie too", [
  // the default under the old name: reported at `key`; the fix renames it to `name`
  cjs({
    code: code`
      const session = require('express-session');
      app.use(session({ secret: process.env.SESSION_SECRET, key: 'connect.sid' }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 55, endLine: 2, endColumn: 73,
        suggestions: [
          { messageId: 'setName', output: code`
              const session = require('express-session');
              app.use(session({ secret: process.env.SESSION_SECRET, name: 'sid' }));
            ` },
        ],
      },
    ],
  }),

  // express-session reads `opts.name || opts.key`: the express-mysql-session README's form
  cjs({
    code: code`
      const session = require('express-session');
      app.use(session({ key: 'session_cookie_name', secret: process.env.SESSION_SECRET }));
    `,
  }),

  // a name that is undefined falls back to key
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, name: undefined, key: 'app.sid' }));
    `,
  }),

  // key decided by the deployment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, key: process.env.SESSION_COOKIE_NAME }));
    `,
  }),

  // name wins over key
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, name: 'connect.sid', key: 'app.sid' }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 55, endLine: 2, endColumn: 74,
        suggestions: [
          { messageId: 'setName', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, name: 'sid', key: 'app.sid' }));
            ` },
        ],
      },
    ],
  }),

  // in a variable: reported at the argument, renamed where written
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET, key: 'connect.sid' };
      app.use(session(options));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 3, column: 17, endLine: 3, endColumn: 24,
        suggestions: [
          { messageId: 'setName', output: code`
              import session from 'express-session';
              const options = { secret: process.env.SESSION_SECRET, name: 'sid' };
              app.use(session(options));
            ` },
        ],
      },
    ],
  }),
]);

run('production conditionals and configurations outside production', [
  // the default in production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, name: process.env.NODE_ENV === 'production' ? 'connect.sid' : 'dev.sid' }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 55, endLine: 2, endColumn: 126,
        suggestions: [
          { messageId: 'setName', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, name: 'sid' }));
            ` },
        ],
      },
    ],
  }),

  // the default only outside production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, name: process.env.NODE_ENV === 'production' ? '__Host-sid' : 'connect.sid' }));
    `,
  }),

  // named after creation under a production check
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET };
      if (process.env.NODE_ENV === 'production') options.name = '__Host-sid';
      app.use(session(options));
    `,
  }),

  // a development-only session
  js({
    code: code`
      import session from 'express-session';
      if (process.env.NODE_ENV !== 'production') app.use(session({ secret: 'dev' }));
    `,
  }),
]);

run('values built elsewhere in the file', [
  // spread into an inline object: the fix adds to it
  js({
    code: code`
      import session from 'express-session';
      const base = { secret: process.env.SESSION_SECRET };
      app.use(session({ ...base, resave: false }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 3, column: 9, endLine: 3, endColumn: 16,
        suggestions: [
          { messageId: 'setName', output: code`
              import session from 'express-session';
              const base = { secret: process.env.SESSION_SECRET };
              app.use(session({ ...base, resave: false, name: 'sid' }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      const base = { secret: process.env.SESSION_SECRET, name: 'sid' };
      app.use(session({ ...base, resave: false }));
    `,
  }),

  // unknown values are not findings
  js({
    code: code`
      import session from 'express-session';
      import { sessionOptions, cookieName } from './config.js';
      app.use(session(sessionOptions));
      app.use(session({ secret: process.env.SESSION_SECRET, ...sessionOptions }));
      app.use(session({ secret: process.env.SESSION_SECRET, name: cookieName }));
      app.use(session({ secret: process.env.SESSION_SECRET, name: getCookieName() }));
    `,
  }),
]);

run('TypeScript', [
  ts({
    code: code`
      import session from 'express-session';
      const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, name: 'connect.sid' as const };
      app.use(session(options!));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 80, endLine: 2, endColumn: 108,
        suggestions: [
          { messageId: 'setName', output: code`
              import session from 'express-session';
              const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, name: 'sid' };
              app.use(session(options!));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      const options: session.SessionOptions = { secret: process.env.SESSION_SECRET!, name: 'sid' as const };
      app.use(session(options!));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET! } satisfies session.SessionOptions));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setName', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, name: 'sid' } satisfies session.SessionOptions));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      declare const options: session.SessionOptions;
      app.use(session(options));
    `,
  }),
]);

run("cookie-session 2 no longer reads `key` (issue #11, real code)", [
  // found on a real app: `key` names the cookie in the app's mind only; the fix renames the option and keeps the name
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({
        key    : 'parse_dash',
        secret : process.env.COOKIE_SECRET,
      }));
    `,
    errors: [
      {
        messageId: 'ignoredOption', line: 3, column: 3, endLine: 3, endColumn: 24,
        data: { library: 'cookie-session', name: 'session', alias: 'key', option: 'name', version: '2.0.0' },
        suggestions: [
          { messageId: 'renameOption', output: code`
              const cookieSession = require('cookie-session');
              app.use(cookieSession({
                name   : 'parse_dash',
                secret : process.env.COOKIE_SECRET,
              }));
            ` },
        ],
      },
    ],
  }),

  // hard negative: `name` given beside it
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ key: 'old', name: 'app.sid', secret: process.env.COOKIE_SECRET }));
    `,
  }),

  // hard negative: cookie-session 1.4 (locked) still reads `key`
  cjs({
    filename: 'fixtures/versions/cookie-session-1.4-npm/app.js',
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ key: 'app.sid', secret: process.env.COOKIE_SECRET }));
    `,
  }),

  // `key` set to the default itself: nothing to keep, so the cookie is named as usual
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ key: 'session', secret: process.env.COOKIE_SECRET }));
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 9, endLine: 2, endColumn: 22,
        suggestions: [
          { messageId: 'setName', output: code`
              const cookieSession = require('cookie-session');
              app.use(cookieSession({ key: 'session', secret: process.env.COOKIE_SECRET, name: 'sid' }));
            ` },
        ],
      },
    ],
  }),
]);
