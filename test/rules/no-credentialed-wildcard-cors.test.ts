// no-credentialed-wildcard-cors: each true positive with its hard negative beside it; positions asserted
// (no mechanical fix: only the app knows which origins may call it).
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('no-credentialed-wildcard-cors');

run('origins that accept every site', [
  // origin: true reflects the request's Origin
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(session({ secret: process.env.SESSION_SECRET }));
      app.use(cors({ credentials: true, origin: true }));
    `,
    errors: [{ messageId: 'reflectAnyOrigin', line: 4, column: 35, endLine: 4, endColumn: 47, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negative: a list of origins
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(session({ secret: process.env.SESSION_SECRET }));
      app.use(cors({ credentials: true, origin: ['https://app.example.com', 'https://admin.example.com'] }));
    `,
  }),

  // '*' with credentials: broken in browsers, and its usual "fix" is reflection
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(cors({ origin: '*', credentials: true }));
    `,
    errors: [{ messageId: 'wildcard', line: 3, column: 16, endLine: 3, endColumn: 27, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negative: an anchored regular expression
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(cors({ origin: /\.example\.com$/, credentials: true }));
    `,
  }),

  // a function that calls back true for every origin
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(cors({ credentials: true, origin: (origin, cb) => cb(null, true) }));
    `,
    errors: [{ messageId: 'reflectAnyOrigin', line: 3, column: 35, endLine: 3, endColumn: 73, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negative: a function that checks the origin
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(cors({ credentials: true, origin: (origin, cb) => cb(null, allowed.includes(origin)) }));
    `,
  }),

  // a function that calls back with the origin itself (method syntax, CJS)
  cjs({
    code: code`
      const session = require('express-session');
      const cors = require('cors');
      app.use(cors({
        credentials: true,
        origin(origin, callback) {
          callback(null, origin);
        },
      }));
    `,
    errors: [{ messageId: 'reflectAnyOrigin', line: 5, column: 3, endLine: 7, endColumn: 4, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negative: a function that refuses unknown origins first
  cjs({
    code: code`
      const session = require('express-session');
      const cors = require('cors');
      app.use(cors({
        credentials: true,
        origin(origin, callback) {
          if (!allowed.has(origin)) return callback(new Error('Not allowed by CORS'));
          callback(null, origin);
        },
      }));
    `,
  }),

  // a function expression that returns the callback's result
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      const corsMiddleware = require('cors');
      app.use(corsMiddleware({ origin: function (o, cb) { return cb(null, o); }, credentials: true }));
    `,
    errors: [{ messageId: 'reflectAnyOrigin', line: 3, column: 26, endLine: 3, endColumn: 74, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negative: a function that answers one fixed origin
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      const corsMiddleware = require('cors');
      app.use(corsMiddleware({ origin: function (o, cb) { return cb(null, 'https://app.example.com'); }, credentials: true }));
    `,
  }),
]);

run('credentials must be true', [
  // options from a variable: reported at the call that takes them
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      const corsOptions = { origin: true, credentials: true };
      app.use(cors(corsOptions));
    `,
    errors: [{ messageId: 'reflectAnyOrigin', line: 4, column: 9, endLine: 4, endColumn: 26, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negatives: credentials false, missing, unknown; cors() alone
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(cors({ origin: true, credentials: false }));
      app.use(cors({ origin: true }));
      app.use(cors({ origin: '*' }));
      app.use(cors({ origin: true, credentials: process.env.CORS_CREDENTIALS === '1' }));
      app.use(cors());
    `,
  }),

  // production decides: reflection in production is a finding
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(cors({ credentials: true, origin: process.env.NODE_ENV === 'production' ? true : 'http://localhost:3000' }));
    `,
    errors: [{ messageId: 'reflectAnyOrigin', line: 3, column: 35, endLine: 3, endColumn: 113, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negative: reflection only outside production
  js({
    code: code`
      import session from 'express-session';
      import cors from 'cors';
      app.use(cors({ credentials: true, origin: process.env.NODE_ENV === 'production' ? 'https://app.example.com' : true }));
    `,
  }),
]);

run('only in an app with session cookies', [
  // TypeScript, typed options, a preflight route
  ts({
    code: code`
      import session from 'express-session';
      import cors, { type CorsOptions } from 'cors';
      const options: CorsOptions = { credentials: true, origin: true };
      app.options('*', cors({ credentials: true, origin: true } satisfies CorsOptions));
      app.use(cors(options));
    `,
    errors: [
      { messageId: 'reflectAnyOrigin', line: 4, column: 44, endLine: 4, endColumn: 56, data: { origin: '' }, suggestions: [] },
      { messageId: 'reflectAnyOrigin', line: 5, column: 9, endLine: 5, endColumn: 22, data: { origin: '' }, suggestions: [] },
    ],
  }),

  // hard negative: the same file without a session library (a token-authenticated API)
  ts({
    code: code`
      import cors, { type CorsOptions } from 'cors';
      const options: CorsOptions = { credentials: true, origin: true };
      app.options('*', cors({ credentials: true, origin: true } satisfies CorsOptions));
      app.use(cors(options));
    `,
  }),
  js({
    code: code`
      import cors from 'cors';
      app.use(cors({ origin: '*', credentials: true }));
    `,
  }),

  // an aliased import and a renamed session library
  js({
    filename: 'server.mjs',
    code: code`
      import cookieSession from 'cookie-session';
      import * as corsModule from 'cors';
      const allowAll = corsModule.default;
      app.use(cookieSession({ keys: [process.env.KEY] }), allowAll({ credentials: true, origin: true }));
    `,
    errors: [{ messageId: 'reflectAnyOrigin', line: 4, column: 83, endLine: 4, endColumn: 95, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negative: a function called cors that is not the cors package
  js({
    filename: 'server.mjs',
    code: code`
      import cookieSession from 'cookie-session';
      const cors = (options) => options;
      app.use(cookieSession({ keys: [process.env.KEY] }), cors({ credentials: true, origin: true }));
    `,
  }),
]);

run('@fastify/cors (registered as a plugin)', [
  js({
    code: code`
      import Fastify from 'fastify';
      import fastifyCors from '@fastify/cors';
      import fastifySession from '@fastify/session';
      const app = Fastify();
      app.register(fastifySession, { secret: process.env.SESSION_SECRET });
      app.register(fastifyCors, { origin: true, credentials: true });
      await app.register(import('@fastify/cors'), { origin: '*', credentials: true });
    `,
    errors: [
      { messageId: 'reflectAnyOrigin', line: 6, column: 29, endLine: 6, endColumn: 41, data: { origin: '' }, suggestions: [] },
      { messageId: 'wildcard', line: 7, column: 47, endLine: 7, endColumn: 58, data: { origin: '' }, suggestions: [] },
    ],
  }),

  cjs({
    code: code`
      const fastify = require('fastify')();
      fastify.register(require('@fastify/secure-session'), { key: process.env.SESSION_KEY });
      fastify.register(require('@fastify/cors'), { credentials: true, origin: (origin, cb) => cb(null, true) });
    `,
    errors: [{ messageId: 'reflectAnyOrigin', line: 3, column: 65, endLine: 3, endColumn: 103, data: { origin: '' }, suggestions: [] }],
  }),

  // hard negatives: listed origins, no credentials, another plugin, an app without session cookies
  js({
    code: code`
      import Fastify from 'fastify';
      import fastifyCors from '@fastify/cors';
      import fastifySession from '@fastify/session';
      import helmet from '@fastify/helmet';
      const app = Fastify();
      app.register(fastifySession, { secret: process.env.SESSION_SECRET });
      app.register(fastifyCors, { origin: ['https://app.example.com'], credentials: true });
      app.register(fastifyCors, { origin: true });
      app.register(helmet, { origin: true, credentials: true });
    `,
  }),
  js({
    code: code`
      import Fastify from 'fastify';
      import fastifyCors from '@fastify/cors';
      const app = Fastify();
      app.register(fastifyCors, { origin: true, credentials: true });
    `,
  }),
]);
