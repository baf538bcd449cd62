// secure-cookie-needs-trust-proxy needs the whole app (`trust proxy` is usually set in another module
// than the session), so ESLint without type information, which sees one file, must stay silent:
// the facts are incomplete. The findings, their fixes and their hard negatives over a whole app are
// in test/engine/app-facts.test.ts (a real multi-file program, and typed ESLint).
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('secure-cookie-needs-trust-proxy');

run('a file seen alone: the app facts are incomplete, nothing is reported', [
  // what would be a finding in a whole app without trust proxy
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
    `,
  }),
  cjs({
    code: code`
      const session = require('express-session');
      module.exports = session({ secret: process.env.SESSION_SECRET, cookie: { secure: 'auto' } });
    `,
  }),
  ts({
    code: code`
      import session from 'express-session';
      export const sessionMiddleware = session({
        secret: process.env.SESSION_SECRET!,
        cookie: { secure: process.env.NODE_ENV === 'production', sameSite: 'lax' },
      });
    `,
  }),
  // and what would not be
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.set('trust proxy', 1);
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
    `,
  }),
  ts({
    code: code`
      import session from 'express-session';
      export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, proxy: true, cookie: { secure: true } });
    `,
  }),
]);
