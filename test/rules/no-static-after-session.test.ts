// no-static-after-session: each true positive with its hard negative beside it; positions asserted
// (no suggestion: moving a mount changes the order of everything between the two).
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('no-static-after-session');

run('static files served after a root session mount', [
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(session({ secret: process.env.SESSION_SECRET }));
      app.use(express.static('public'));
    `,
    errors: [{ messageId: 'staticAfterSession', line: 5, column: 9, endLine: 5, endColumn: 33, data: { line: '4' }, suggestions: [] }],
  }),

  // hard negative: static first
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(express.static('public'));
      app.use(session({ secret: process.env.SESSION_SECRET }));
    `,
  }),

  // a variable holding the session middleware; serve-static on a sub-path (CJS)
  cjs({
    code: code`
      const express = require('express');
      const session = require('express-session');
      const serveStatic = require('serve-static');
      const app = express();
      const sessionMiddleware = session({ secret: process.env.SESSION_SECRET });
      app.use(sessionMiddleware);
      app.use('/assets', serveStatic('public'));
    `,
    errors: [{ messageId: 'staticAfterSession', line: 7, column: 20, endLine: 7, endColumn: 41, data: { line: '6' }, suggestions: [] }],
  }),

  // hard negative: the same, static mounted first
  cjs({
    code: code`
      const express = require('express');
      const session = require('express-session');
      const serveStatic = require('serve-static');
      const app = express();
      const sessionMiddleware = session({ secret: process.env.SESSION_SECRET });
      app.use('/assets', serveStatic('public'));
      app.use(sessionMiddleware);
    `,
  }),

  // a session mounted at '/' is a root mount; a renamed express.static
  js({
    code: code`
      import express, { static as serveFiles } from 'express';
      import session from 'express-session';
      const app = express();
      app.use('/', session({ secret: process.env.SESSION_SECRET }));
      app.use(serveFiles('public'));
    `,
    errors: [{ messageId: 'staticAfterSession', line: 5, column: 9, endLine: 5, endColumn: 29, data: { line: '4' }, suggestions: [] }],
  }),

  // hard negative: the session only on a sub-path
  js({
    code: code`
      import express, { static as serveFiles } from 'express';
      import session from 'express-session';
      const app = express();
      app.use('/account', session({ secret: process.env.SESSION_SECRET }));
      app.use(serveFiles('public'));
    `,
  }),

  // both in one use() call, the static middleware after the session
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(helmet(), session({ secret: process.env.SESSION_SECRET }), express.static('public'));
    `,
    errors: [{ messageId: 'staticAfterSession', line: 4, column: 68, endLine: 4, endColumn: 92, data: { line: '4' }, suggestions: [] }],
  }),

  // hard negative: in one use() call, static first
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(helmet(), express.static('public'), session({ secret: process.env.SESSION_SECRET }));
    `,
  }),

  // TypeScript; a static middleware held in a variable
  ts({
    code: code`
      import express from 'express';
      import session from 'express-session';
      import path from 'node:path';
      const app = express();
      app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
      const assets = express.static(path.join(import.meta.dirname, 'public'), { maxAge: '1d' });
      app.use('/static', assets);
    `,
    errors: [{ messageId: 'staticAfterSession', line: 7, column: 20, endLine: 7, endColumn: 26, data: { line: '5' }, suggestions: [] }],
  }),
]);

run('different apps and routers', [
  // the session on the app, static on the same app after a router
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      const router = express.Router();
      app.use(session({ secret: process.env.SESSION_SECRET }));
      router.use(express.static('public'));
      app.use(express.static('public'));
    `,
    errors: [{ messageId: 'staticAfterSession', line: 7, column: 9, endLine: 7, endColumn: 33, data: { line: '5' }, suggestions: [] }],
  }),

  // hard negatives: the session on a router, static on the app; two apps
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      const router = express.Router();
      router.use(session({ secret: process.env.SESSION_SECRET }));
      app.use(express.static('public'));
    `,
  }),
  ts({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const api = express();
      const web = express();
      api.use(session({ secret: process.env.SESSION_SECRET! }));
      web.use(express.static('public'));
    `,
  }),

  // hard negative: two functions, each with its own app parameter (order between them unknown)
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      export function sessions(app) {
        app.use(session({ secret: process.env.SESSION_SECRET }));
      }
      export function assets(app) {
        app.use(express.static('public'));
      }
    `,
  }),
]);

run('only sessions loaded from a store on every request', [
  // express-session: every asset request loads (and may save) the session
  cjs({
    code: code`
      const express = require('express');
      const expressSession = require('express-session');
      const app = express();
      app.use(expressSession({ secret: process.env.SESSION_SECRET, store }));
      app.use(express.static(__dirname + '/public'));
    `,
    errors: [{ messageId: 'staticAfterSession', line: 5, column: 9, endLine: 5, endColumn: 46, data: { line: '4' }, suggestions: [] }],
  }),

  // hard negatives: cookie-session reads its cookie lazily and writes nothing when untouched; cookie-parser only parses
  cjs({
    code: code`
      const express = require('express');
      const cookieSession = require('cookie-session');
      const app = express();
      app.use(cookieSession({ keys: [process.env.KEY] }));
      app.use(express.static(__dirname + '/public'));
    `,
  }),
  js({
    code: code`
      import express from 'express';
      import cookieParser from 'cookie-parser';
      const app = express();
      app.use(cookieParser(process.env.COOKIE_SECRET));
      app.use(express.static('public'));
    `,
  }),
  // not static files
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(session({ secret: process.env.SESSION_SECRET }));
      app.use(express.json());
      app.use(staticPages());
    `,
  }),
]);
