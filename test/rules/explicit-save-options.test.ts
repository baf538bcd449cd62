// explicit-save-options: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('explicit-save-options');

run('resave and saveUninitialized left out (deprecated defaults)', [
  // both missing: one finding at the callee, one fix for both
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'implicit', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setExplicit', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
    `,
  }),

  // one missing
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));
    `,
    errors: [
      {
        messageId: 'implicit', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setExplicit', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  // an explicit resave: true is a choice (stores without touch need it)
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: true, saveUninitialized: false }));
    `,
  }),

  // multi-line options with a trailing comma
  cjs({
    code: code`
      const session = require('express-session');
      app.use(
        session({
          secret: process.env.SESSION_SECRET,
          saveUninitialized: false,
        }),
      );
    `,
    errors: [
      {
        messageId: 'implicit', line: 3, column: 3, endLine: 3, endColumn: 10,
        suggestions: [
          { messageId: 'setExplicit', output: code`
              const session = require('express-session');
              app.use(
                session({
                  secret: process.env.SESSION_SECRET,
                  saveUninitialized: false,
                  resave: false,
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
      app.use(
        session({
          secret: process.env.SESSION_SECRET,
          resave: false,
          saveUninitialized: false,
        }),
      );
    `,
  }),

  // after a trailing line comment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        cookie: { secure: true } // production only
      }));
    `,
    errors: [
      {
        messageId: 'implicit', line: 2, column: 9, endLine: 2, endColumn: 16,
        suggestions: [
          { messageId: 'setExplicit', output: code`
              import session from 'express-session';
              app.use(session({
                secret: process.env.SESSION_SECRET,
                cookie: { secure: true }, // production only
                resave: false,
                saveUninitialized: false
              }));
            ` },
        ],
      },
    ],
  }),

  // an explicit undefined is left out: replaced, not duplicated (a duplicate key does not compile in TypeScript)
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, resave: undefined }));
    `,
    errors: [
      {
        messageId: 'implicit', line: 2, column: 56, endLine: 2, endColumn: 73,
        suggestions: [
          { messageId: 'setExplicit', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, resave: false as const, saveUninitialized: false satisfies boolean }));
    `,
  }),

  // inline require
  cjs({
    code: code`
      app.use(require('express-session')({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'implicit', line: 1, column: 9, endLine: 1, endColumn: 35,
        suggestions: [
          { messageId: 'setExplicit', output: code`
              app.use(require('express-session')({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
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

run('saveUninitialized: true', [
  // reported at the property; the fix sets false
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));
    `,
    errors: [
      {
        messageId: 'saveUninitialized', line: 2, column: 70, endLine: 2, endColumn: 93,
        suggestions: [
          { messageId: 'setFalse', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  // true only outside production
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: process.env.NODE_ENV !== 'production' }));
    `,
  }),

  // true whatever the environment
  js({
    code: code`
      import session from 'express-session';
      const isDev = process.env.NODE_ENV === 'development';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: isDev || true }));
    `,
    errors: [
      {
        messageId: 'saveUninitialized', line: 3, column: 70, endLine: 3, endColumn: 102,
        suggestions: [
          { messageId: 'setFalse', output: code`
              import session from 'express-session';
              const isDev = process.env.NODE_ENV === 'development';
              app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  // decided by the deployment
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: process.env.SAVE_UNINITIALIZED === 'true' }));
    `,
  }),

  // shorthand property: the fix writes the value in place
  cjs({
    code: code`
      const session = require('express-session');
      const saveUninitialized = true;
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized }));
    `,
    errors: [
      {
        messageId: 'saveUninitialized', line: 3, column: 70, endLine: 3, endColumn: 87,
        suggestions: [
          { messageId: 'setFalse', output: code`
              const session = require('express-session');
              const saveUninitialized = true;
              app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  // from another module: unknown
  cjs({
    code: code`
      const session = require('express-session');
      const { saveUninitialized } = require('./config');
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized }));
    `,
  }),
]);

run('configurations reachable only outside production', [
  // turned on in production by a later write: reported at the argument, the write is fixed
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false };
      if (process.env.NODE_ENV === 'production') options.saveUninitialized = true;
      app.use(session(options));
    `,
    errors: [
      {
        messageId: 'saveUninitialized', line: 4, column: 17, endLine: 4, endColumn: 24,
        suggestions: [
          { messageId: 'setFalse', output: code`
              import session from 'express-session';
              const options = { secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false };
              if (process.env.NODE_ENV === 'production') options.saveUninitialized = false;
              app.use(session(options));
            ` },
        ],
      },
    ],
  }),

  // turned off in production
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true };
      if (process.env.NODE_ENV === 'production') options.saveUninitialized = false;
      app.use(session(options));
    `,
  }),

  // a development-only session
  js({
    code: code`
      import session from 'express-session';
      if (app.get('env') === 'development') {
        app.use(session({ secret: 'dev' }));
      }
    `,
  }),

  // a test-only session
  js({
    code: code`
      import session from 'express-session';
      switch (process.env.NODE_ENV) {
        case 'production':
          app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
          break;
        case 'test':
          app.use(session({ secret: 'test' }));
          break;
      }
    `,
  }),
]);

run('values built elsewhere in the file', [
  // options in a variable: reported at the argument, fixed where written
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET };
      app.use(session(options));
    `,
    errors: [
      {
        messageId: 'implicit', line: 3, column: 17, endLine: 3, endColumn: 24,
        suggestions: [
          { messageId: 'setExplicit', output: code`
              import session from 'express-session';
              const options = { secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false };
              app.use(session(options));
            ` },
        ],
      },
    ],
  }),

  // written after creation
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET };
      options.resave = false;
      options.saveUninitialized = false;
      app.use(session(options));
    `,
  }),

  // spread: the missing one goes into the inline object
  js({
    code: code`
      import session from 'express-session';
      const base = { secret: process.env.SESSION_SECRET, resave: false };
      app.use(session({ ...base, name: 'sid' }));
    `,
    errors: [
      {
        messageId: 'implicit', line: 3, column: 9, endLine: 3, endColumn: 16,
        suggestions: [
          { messageId: 'setExplicit', output: code`
              import session from 'express-session';
              const base = { secret: process.env.SESSION_SECRET, resave: false };
              app.use(session({ ...base, name: 'sid', saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      const base = { secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false };
      app.use(session({ ...base, name: 'sid' }));
    `,
  }),

  // a factory function
  js({
    code: code`
      import session from 'express-session';
      const makeOptions = () => ({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true });
      app.use(session(makeOptions()));
    `,
    errors: [
      {
        messageId: 'saveUninitialized', line: 3, column: 17, endLine: 3, endColumn: 30,
        suggestions: [
          { messageId: 'setFalse', output: code`
              import session from 'express-session';
              const makeOptions = () => ({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false });
              app.use(session(makeOptions()));
            ` },
        ],
      },
    ],
  }),

  // unknown values are not findings
  js({
    code: code`
      import session from 'express-session';
      import { sessionOptions } from './config.js';
      app.use(session(sessionOptions));
      app.use(session({ ...sessionOptions }));
      app.use(session({ secret: process.env.SESSION_SECRET, ...sessionOptions }));
      app.use(session(Object.assign({ secret: process.env.SESSION_SECRET }, sessionOptions)));
      export const make = (opts) => session(opts);
    `,
  }),
]);

run('a comment beside saveUninitialized: true explains the choice: reported, no fix (issue #11)', [
  // on the same line
  js({
    code: code`
      import session from 'express-session';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        resave: false,
        saveUninitialized: true, // the OAuth state is stored before login, so the session must exist first
      }));
    `,
    errors: [
      {
        messageId: 'saveUninitialized', line: 5, column: 3, endLine: 5, endColumn: 26, suggestions: [],
        data: { origin: '', noFix: ' (no fix is suggested: the comment beside it explains the choice)' },
      },
    ],
  }),

  // on the line above
  js({
    code: code`
      import session from 'express-session';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        resave: false,
        // needed: connect-flash writes to the session before login
        saveUninitialized: true,
      }));
    `,
    errors: [{ messageId: 'saveUninitialized', line: 6, column: 3, endLine: 6, endColumn: 26, suggestions: [] }],
  }),

  // hard negative of the above: a comment further up, after a blank line, is about something else
  js({
    code: code`
      import session from 'express-session';
      app.use(session({
        // sessions
        secret: process.env.SESSION_SECRET,

        saveUninitialized: true,
        resave: false,
      }));
    `,
    errors: [
      {
        messageId: 'saveUninitialized', line: 6, column: 3, endLine: 6, endColumn: 26,
        suggestions: [
          { messageId: 'setFalse', output: code`
              import session from 'express-session';
              app.use(session({
                // sessions
                secret: process.env.SESSION_SECRET,

                saveUninitialized: false,
                resave: false,
              }));
            ` },
        ],
      },
    ],
  }),
]);
