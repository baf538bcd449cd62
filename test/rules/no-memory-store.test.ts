// no-memory-store: each true positive with its hard negative beside it; positions asserted (no suggestions: the fix is a store).
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('no-memory-store');

run('no store at all: the default MemoryStore', [
  // reported at the callee when the options hold no store
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false }));
    `,
    errors: [
      { messageId: 'missingStore', line: 2, column: 9, endLine: 2, endColumn: 16, suggestions: [] },
    ],
  }),

  // hard negative: a persistent store
  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      app.use(session({ secret: process.env.SESSION_SECRET, resave: false, store: new RedisStore({ client }) }));
    `,
  }),

  // no options at all
  js({
    code: code`
      import session from 'express-session';
      app.use(session());
    `,
    errors: [
      { messageId: 'missingStore', line: 2, column: 9, endLine: 2, endColumn: 16, suggestions: [] },
    ],
  }),

  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      { messageId: 'missingStore', line: 2, column: 12, endLine: 2, endColumn: 19, suggestions: [] },
    ],
  }),

  // connect-pg-simple, called with session, then constructed
  cjs({
    code: code`
      const session = require('express-session');
      const PgStore = require('connect-pg-simple')(session);
      router.use(session({ secret: process.env.SESSION_SECRET, store: new PgStore({ pool }) }));
    `,
  }),

  // the same, inline
  cjs({
    code: code`
      const session = require('express-session');
      router.use(session({ secret: process.env.SESSION_SECRET, store: new (require('connect-pg-simple')(session))() }));
    `,
  }),

  // inline require('express-session')({...}), outside app.use
  cjs({
    code: code`
      const sessionMiddleware = require('express-session')({ secret: process.env.SESSION_SECRET });
    `,
    errors: [
      { messageId: 'missingStore', line: 1, column: 27, endLine: 1, endColumn: 53, suggestions: [] },
    ],
  }),

  // import * as s, import { default as s }
  js({
    code: code`
      import * as es from 'express-session';
      import { default as s } from 'express-session';
      app.use(es({ secret: process.env.SESSION_SECRET }));
      app.use(s({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      { messageId: 'missingStore', line: 3, column: 9, endLine: 3, endColumn: 11, suggestions: [] },
      { messageId: 'missingStore', line: 4, column: 9, endLine: 4, endColumn: 10, suggestions: [] },
    ],
  }),

  // re-bound name
  js({
    code: code`
      import session from 'express-session';
      const s = session;
      app.use(s({ secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      { messageId: 'missingStore', line: 3, column: 9, endLine: 3, endColumn: 10, suggestions: [] },
    ],
  }),

  // look-alike: a local function named session
  js({
    code: code`
      const session = (options) => (req, res, next) => next();
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET! }));
    `,
    errors: [
      { messageId: 'missingStore', line: 2, column: 9, endLine: 2, endColumn: 16, suggestions: [] },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      import MongoStore from 'connect-mongo';
      import RedisStore from 'connect-redis';
      app.use(session({ secret: process.env.SESSION_SECRET!, store: new RedisStore({ client }) }));
      app.use(session({ secret: process.env.SESSION_SECRET!, store: MongoStore.create({ mongoUrl }) }));
    `,
  }),

  // store: undefined is the default
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, store: undefined }));
    `,
    errors: [
      { messageId: 'missingStore', line: 2, column: 55, endLine: 2, endColumn: 71, suggestions: [] },
    ],
  }),
]);

run('an explicit MemoryStore', [
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, store: new session.MemoryStore() }));
    `,
    errors: [
      { messageId: 'memoryStore', line: 2, column: 55, endLine: 2, endColumn: 87, suggestions: [] },
    ],
  }),

  // named import
  js({
    code: code`
      import session, { MemoryStore } from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, store: new MemoryStore() }));
    `,
    errors: [
      { messageId: 'memoryStore', line: 2, column: 55, endLine: 2, endColumn: 79, suggestions: [] },
    ],
  }),

  // express-rate-limit's MemoryStore is another thing altogether
  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      import rateLimit, { MemoryStore } from 'express-rate-limit';
      app.use(rateLimit({ windowMs: 60_000, store: new MemoryStore() }));
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client }) }));
    `,
  }),

  // a store from a package session-audit does not know is given the benefit of the doubt
  js({
    code: code`
      import session from 'express-session';
      import { MemoryStore } from 'express-rate-limit';
      app.use(session({ secret: process.env.SESSION_SECRET, store: new MemoryStore() }));
    `,
  }),

  // destructured from require, and a store kept in a variable
  cjs({
    code: code`
      const session = require('express-session');
      const { MemoryStore } = require('express-session');
      app.use(session({ secret: process.env.SESSION_SECRET, store: new MemoryStore() }));
      const store = new session.MemoryStore();
      app.use(session({ secret: process.env.SESSION_SECRET, store }));
    `,
    errors: [
      { messageId: 'memoryStore', line: 3, column: 55, endLine: 3, endColumn: 79, suggestions: [] },
      { messageId: 'memoryStore', line: 5, column: 55, endLine: 5, endColumn: 60, suggestions: [] },
    ],
  }),

  ts({
    code: code`
      import session, { MemoryStore } from 'express-session';
      import * as es from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, store: new MemoryStore() as session.Store }));
      app.use(session({ secret: process.env.SESSION_SECRET!, store: new es.MemoryStore() }));
    `,
    errors: [
      { messageId: 'memoryStore', line: 3, column: 56, endLine: 3, endColumn: 97, suggestions: [] },
      { messageId: 'memoryStore', line: 4, column: 56, endLine: 4, endColumn: 83, suggestions: [] },
    ],
  }),
]);

run('production-conditional stores and configurations outside production', [
  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        store: process.env.NODE_ENV === 'production' ? new RedisStore({ client }) : new session.MemoryStore(),
      }));
    `,
  }),

  // inverted: the memory store is the production one
  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        store: process.env.NODE_ENV !== 'production' ? new RedisStore({ client }) : new session.MemoryStore(),
      }));
    `,
    errors: [
      { messageId: 'memoryStore', line: 5, column: 3, endLine: 5, endColumn: 104, suggestions: [] },
    ],
  }),

  // const isProd, with a store only in production
  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      const isProd = process.env.NODE_ENV === 'production';
      app.use(session({ secret: process.env.SESSION_SECRET, store: isProd ? new RedisStore({ client }) : undefined }));
      app.use(session({ secret: process.env.SESSION_SECRET, ...(isProd ? { store: new RedisStore({ client }) } : {}) }));
    `,
  }),

  // reachable only outside production
  js({
    code: code`
      import session from 'express-session';
      if (process.env.NODE_ENV !== 'production') app.use(session({ secret: 'dev' }));
    `,
  }),

  // app.get('env'), and an else branch
  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      if (app.get('env') === 'production') {
        app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client }) }));
      } else {
        app.use(session({ secret: 'dev' }));
      }
    `,
  }),

  // app.get('env') !== 'development' holds in production
  js({
    code: code`
      import session from 'express-session';
      if (app.get('env') !== 'development') {
        app.use(session({ secret: process.env.SESSION_SECRET }));
      }
    `,
    errors: [
      { messageId: 'missingStore', line: 3, column: 11, endLine: 3, endColumn: 18, suggestions: [] },
    ],
  }),

  // a store chosen under a production check before use
  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      let store;
      if (process.env.NODE_ENV === 'production') store = new RedisStore({ client });
      app.use(session({ secret: process.env.SESSION_SECRET, store }));
    `,
  }),
]);

run('values built elsewhere in the file', [
  // options in a variable: reported at the argument
  js({
    code: code`
      import session from 'express-session';
      const options = { secret: process.env.SESSION_SECRET };
      app.use(session(options));
    `,
    errors: [
      { messageId: 'missingStore', line: 3, column: 17, endLine: 3, endColumn: 24, suggestions: [] },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      const options = { secret: process.env.SESSION_SECRET };
      options.store = new RedisStore({ client });
      app.use(session(options));
    `,
  }),

  // spread
  js({
    code: code`
      import session from 'express-session';
      const base = { store: new session.MemoryStore() };
      app.use(session({ secret: process.env.SESSION_SECRET, ...base }));
    `,
    errors: [
      { messageId: 'memoryStore', line: 3, column: 9, endLine: 3, endColumn: 16, suggestions: [] },
    ],
  }),

  // factory function
  js({
    code: code`
      import session from 'express-session';
      function sessionOptions() {
        return { secret: process.env.SESSION_SECRET, store: new session.MemoryStore() };
      }
      app.use(session(sessionOptions()));
    `,
    errors: [
      { messageId: 'memoryStore', line: 5, column: 17, endLine: 5, endColumn: 33, suggestions: [] },
    ],
  }),

  // Object.assign with a persistent store
  js({
    code: code`
      import session from 'express-session';
      import RedisStore from 'connect-redis';
      const base = { secret: process.env.SESSION_SECRET };
      app.use(session(Object.assign({}, base, { store: new RedisStore({ client }) })));
    `,
  }),
]);

run('unknown values are not findings', [
  js({
    code: code`
      import session from 'express-session';
      import { sessionConfig, store } from './config.js';
      app.use(session(sessionConfig));
      app.use(session({ secret: process.env.SESSION_SECRET, store }));
      app.use(session({ secret: process.env.SESSION_SECRET, store: createStore() }));
      app.use(session({ secret: process.env.SESSION_SECRET, ...sessionConfig }));
      export const make = (store) => session({ secret: process.env.SESSION_SECRET, store });
    `,
  }),

  // a spread after the store may replace it
  js({
    code: code`
      import session from 'express-session';
      import { overrides } from './config.js';
      app.use(session({ secret: process.env.SESSION_SECRET, store: new session.MemoryStore(), ...overrides }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      declare const store: session.Store;
      app.use(session({ secret: process.env.SESSION_SECRET!, store }));
      app.use(session({ secret: process.env.SESSION_SECRET!, store: getStore()! }));
    `,
  }),
]);
