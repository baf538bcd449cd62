// no-hardcoded-store-credentials: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('no-hardcoded-store-credentials');

run('connect-mongo: a password in mongoUrl', [
  // written inline: reported at the property that holds it
  js({
    code: code`
      import session from 'express-session';
      import MongoStore from 'connect-mongo';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        store: MongoStore.create({ mongoUrl: 'mongodb://admin:hunter2@db.example.com:27017/app' }),
      }));
    `,
    errors: [
      {
        messageId: 'url', line: 5, column: 30, endLine: 5, endColumn: 90,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              import MongoStore from 'connect-mongo';
              app.use(session({
                secret: process.env.SESSION_SECRET,
                store: MongoStore.create({ mongoUrl: process.env.SESSION_STORE_URL }),
              }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      import MongoStore from 'connect-mongo';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        store: MongoStore.create({ mongoUrl: process.env.MONGO_URL }),
      }));
    `,
  }),

  // a fallback of an environment read (connect-mongo 6, CommonJS)
  cjs({
    code: code`
      const session = require('express-session');
      const { MongoStore } = require('connect-mongo');
      app.use(session({
        secret: process.env.SESSION_SECRET,
        store: MongoStore.create({ mongoUrl: process.env.MONGO_URL || 'mongodb://admin:hunter2@localhost/app' }),
      }));
    `,
    errors: [
      {
        messageId: 'url', line: 5, column: 30, endLine: 5, endColumn: 104,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              const session = require('express-session');
              const { MongoStore } = require('connect-mongo');
              app.use(session({
                secret: process.env.SESSION_SECRET,
                store: MongoStore.create({ mongoUrl: process.env.MONGO_URL }),
              }));
            ` },
        ],
      },
    ],
  }),

  // a fallback without a password (connect-mongo 4/5)
  cjs({
    code: code`
      const session = require('express-session');
      const MongoStore = require('connect-mongo');
      app.use(session({
        secret: process.env.SESSION_SECRET,
        store: MongoStore.create({ mongoUrl: process.env.MONGO_URL || 'mongodb://localhost:27017/app' }),
      }));
    `,
  }),

  // a user without a password (X.509 or AWS IAM authentication)
  js({
    code: code`
      import session from 'express-session';
      import MongoStore from 'connect-mongo';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        store: MongoStore.create({ mongoUrl: 'mongodb+srv://app@cluster0.example.mongodb.net/app' }),
      }));
    `,
  }),

  // a client made elsewhere: unknown
  js({
    code: code`
      import session from 'express-session';
      import MongoStore from 'connect-mongo';
      app.use(session({
        secret: process.env.SESSION_SECRET,
        store: MongoStore.create({ clientPromise: connectToDatabase() }),
      }));
    `,
  }),
]);

run('connect-redis: the client it is given', [
  // a client created in the file: reported at `store`, fixed where the URL is written
  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const redisClient = createClient({ url: 'redis://:s3cret@cache.internal:6379' });
      redisClient.connect().catch(console.error);
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: redisClient, prefix: 'myapp:' }) }));
    `,
    errors: [
      {
        messageId: 'url', line: 6, column: 55, endLine: 6, endColumn: 119,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              import { RedisStore } from 'connect-redis';
              import { createClient } from 'redis';
              const redisClient = createClient({ url: process.env.SESSION_STORE_URL });
              redisClient.connect().catch(console.error);
              app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: redisClient, prefix: 'myapp:' }) }));
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const redisClient = createClient({ url: process.env.REDIS_URL });
      redisClient.connect().catch(console.error);
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: redisClient, prefix: 'myapp:' }) }));
    `,
  }),

  // an environment fallback
  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const redisClient = createClient({ url: process.env.REDIS_URL ?? 'redis://:s3cret@localhost:6379' });
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: redisClient }) }));
    `,
    errors: [
      {
        messageId: 'url', line: 5, column: 55, endLine: 5, endColumn: 101,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              import { RedisStore } from 'connect-redis';
              import { createClient } from 'redis';
              const redisClient = createClient({ url: process.env.REDIS_URL });
              app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: redisClient }) }));
            ` },
        ],
      },
    ],
  }),

  // a fallback without a password
  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const redisClient = createClient({ url: process.env.REDIS_URL ?? 'redis://localhost:6379' });
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: redisClient }) }));
    `,
  }),

  // connect-redis 6 with ioredis: a password option
  cjs({
    code: code`
      const session = require('express-session');
      const RedisStore = require('connect-redis')(session);
      const Redis = require('ioredis');
      const client = new Redis({ host: 'cache.internal', password: 'hunter2' });
      app.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'password', line: 5, column: 19, endLine: 5, endColumn: 52,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const session = require('express-session');
              const RedisStore = require('connect-redis')(session);
              const Redis = require('ioredis');
              const client = new Redis({ host: 'cache.internal', password: process.env.SESSION_STORE_PASSWORD });
              app.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const session = require('express-session');
      const RedisStore = require('connect-redis')(session);
      const Redis = require('ioredis');
      const client = new Redis({ host: 'cache.internal', password: process.env.REDIS_PASSWORD });
      app.use(session({ store: new RedisStore({ client }), secret: process.env.SESSION_SECRET }));
    `,
  }),

  // connect-redis 7: a URL argument, inline
  cjs({
    code: code`
      const session = require('express-session');
      const RedisStore = require('connect-redis').default;
      const Redis = require('ioredis');
      app.use(session({ store: new RedisStore({ client: new Redis('redis://default:hunter2@cache.internal:6379') }), secret: process.env.SESSION_SECRET }));
    `,
    errors: [
      {
        messageId: 'url', line: 4, column: 43, endLine: 4, endColumn: 107,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const session = require('express-session');
              const RedisStore = require('connect-redis').default;
              const Redis = require('ioredis');
              app.use(session({ store: new RedisStore({ client: new Redis(process.env.SESSION_STORE_URL) }), secret: process.env.SESSION_SECRET }));
            ` },
        ],
      },
    ],
  }),

  // clients session-audit cannot see: unknown; a URL not given to the store is not its concern
  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { redisClient } from './redis.js';
      const other = makeClient({ url: 'redis://:s3cret@localhost' });
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: redisClient }) }));
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: getRedisClient() }) }));
    `,
  }),
]);

run('express-mysql-session and connect-pg-simple', [
  // the express-mysql-session README: reported at `store`
  cjs({
    code: code`
      const session = require('express-session');
      const MySQLStore = require('express-mysql-session')(session);
      const sessionStore = new MySQLStore({
        host: 'localhost',
        port: 3306,
        user: 'session_test',
        password: 'password',
        database: 'session_test',
      });
      app.use(session({ key: 'session_cookie_name', secret: process.env.SESSION_SECRET, store: sessionStore, resave: false, saveUninitialized: false }));
    `,
    errors: [
      {
        messageId: 'password', line: 10, column: 83, endLine: 10, endColumn: 102,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const session = require('express-session');
              const MySQLStore = require('express-mysql-session')(session);
              const sessionStore = new MySQLStore({
                host: 'localhost',
                port: 3306,
                user: 'session_test',
                password: process.env.SESSION_STORE_PASSWORD,
                database: 'session_test',
              });
              app.use(session({ key: 'session_cookie_name', secret: process.env.SESSION_SECRET, store: sessionStore, resave: false, saveUninitialized: false }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const session = require('express-session');
      const MySQLStore = require('express-mysql-session')(session);
      const sessionStore = new MySQLStore({
        host: process.env.DB_HOST,
        port: 3306,
        user: process.env.DB_USER,
        password: process.env.DB_PASSWORD,
        database: 'session_test',
      });
      app.use(session({ key: 'session_cookie_name', secret: process.env.SESSION_SECRET, store: sessionStore, resave: false, saveUninitialized: false }));
    `,
  }),

  // connect-pg-simple conString
  cjs({
    code: code`
      const session = require('express-session');
      const pgSession = require('connect-pg-simple')(session);
      app.use(session({ secret: process.env.SESSION_SECRET, store: new pgSession({ conString: 'postgres://app:pw@db.internal/app' }) }));
    `,
    errors: [
      {
        messageId: 'url', line: 3, column: 78, endLine: 3, endColumn: 124,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const session = require('express-session');
              const pgSession = require('connect-pg-simple')(session);
              app.use(session({ secret: process.env.SESSION_SECRET, store: new pgSession({ conString: process.env.SESSION_STORE_URL }) }));
            ` },
        ],
      },
    ],
  }),

  // from the environment, no password in the URL, or DATABASE_URL by default
  cjs({
    code: code`
      const session = require('express-session');
      const pgSession = require('connect-pg-simple')(session);
      app.use(session({ secret: process.env.SESSION_SECRET, store: new pgSession({ conString: process.env.DATABASE_URL }) }));
      app.use(session({ secret: process.env.SESSION_SECRET, store: new pgSession({ conString: 'postgres://app@db.internal/app' }) }));
      app.use(session({ secret: process.env.SESSION_SECRET, store: new pgSession() }));
    `,
  }),

  // a pg pool made for it
  cjs({
    code: code`
      const session = require('express-session');
      const pg = require('pg');
      const pgSession = require('connect-pg-simple')(session);
      const pgPool = new pg.Pool({ user: 'app', password: 'pw', host: 'db.internal', database: 'app' });
      app.use(session({ secret: process.env.SESSION_SECRET, store: new pgSession({ pool: pgPool, tableName: 'user_sessions' }) }));
    `,
    errors: [
      {
        messageId: 'password', line: 5, column: 55, endLine: 5, endColumn: 121,
        suggestions: [
          { messageId: 'useEnv', output: code`
              const session = require('express-session');
              const pg = require('pg');
              const pgSession = require('connect-pg-simple')(session);
              const pgPool = new pg.Pool({ user: 'app', password: process.env.SESSION_STORE_PASSWORD, host: 'db.internal', database: 'app' });
              app.use(session({ secret: process.env.SESSION_SECRET, store: new pgSession({ pool: pgPool, tableName: 'user_sessions' }) }));
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const session = require('express-session');
      const pg = require('pg');
      const pgSession = require('connect-pg-simple')(session);
      const pgPool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
      app.use(session({ secret: process.env.SESSION_SECRET, store: new pgSession({ pool: pgPool, tableName: 'user_sessions' }) }));
    `,
  }),
]);

run('production conditionals and configurations outside production', [
  // the production branch carries it: no mechanical fix
  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const url = process.env.NODE_ENV === 'production' ? 'redis://:prod-pass@cache.internal' : 'redis://localhost';
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: createClient({ url }) }) }));
    `,
    errors: [
      { messageId: 'url', line: 5, column: 55, endLine: 5, endColumn: 111, suggestions: [] },
    ],
  }),

  // only the development branch does: used whenever NODE_ENV is not set (no suggestion)
  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const url = process.env.NODE_ENV === 'production' ? process.env.REDIS_URL : 'redis://:dev@localhost';
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client: createClient({ url }) }) }));
    `,
    errors: [{ messageId: 'url', line: 5, column: 55, endLine: 5, endColumn: 111, suggestions: [] }],
  }),

  // a development-only session: it runs whenever NODE_ENV is not set
  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      if (process.env.NODE_ENV !== 'production') {
        app.use(session({ secret: 'dev', store: new RedisStore({ client: createClient({ url: 'redis://:dev@localhost' }) }) }));
      }
    `,
    errors: [{ messageId: 'url', line: 5, column: 83, endLine: 5, endColumn: 112, suggestions: [] }],
  }),

  // an empty password is no credential
  js({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const client = createClient({ url: 'redis://localhost:6379', password: '' });
      app.use(session({ secret: process.env.SESSION_SECRET, store: new RedisStore({ client, prefix: 'sess:' }) }));
    `,
  }),
]);

run('TypeScript', [
  ts({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const client: ReturnType<typeof createClient> = createClient({ url: 'redis://:s3cret@localhost:6379' } as const);
      app.use(session({ secret: process.env.SESSION_SECRET!, store: new RedisStore({ client }) }));
    `,
    errors: [
      {
        messageId: 'url', line: 5, column: 56, endLine: 5, endColumn: 89,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import session from 'express-session';
              import { RedisStore } from 'connect-redis';
              import { createClient } from 'redis';
              const client: ReturnType<typeof createClient> = createClient({ url: process.env.SESSION_STORE_URL! } as const);
              app.use(session({ secret: process.env.SESSION_SECRET!, store: new RedisStore({ client }) }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      import { RedisStore } from 'connect-redis';
      import { createClient } from 'redis';
      const client: ReturnType<typeof createClient> = createClient({ url: process.env.REDIS_URL! } as const);
      app.use(session({ secret: process.env.SESSION_SECRET!, store: new RedisStore({ client }) }));
    `,
  }),

  ts({
    code: code`
      import session from 'express-session';
      import MongoStore from 'connect-mongo';
      app.use(session({ secret: process.env.SESSION_SECRET!, store: MongoStore.create({ mongoUrl: process.env.MONGO_URL ?? ('mongodb://u:p@localhost/app' as string) }) }));
    `,
    errors: [
      {
        messageId: 'url', line: 3, column: 83, endLine: 3, endColumn: 159,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import session from 'express-session';
              import MongoStore from 'connect-mongo';
              app.use(session({ secret: process.env.SESSION_SECRET!, store: MongoStore.create({ mongoUrl: process.env.MONGO_URL! }) }));
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import session from 'express-session';
      import MongoStore from 'connect-mongo';
      declare const mongoUrl: string;
      app.use(session({ secret: process.env.SESSION_SECRET!, store: MongoStore.create({ mongoUrl }) }));
    `,
  }),
]);
