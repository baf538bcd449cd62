// require-csrf-protection needs the whole app (routes and CSRF middleware live in other modules), so
// ESLint without type information, which sees one file, never reports a missing CSRF protection:
// the facts are incomplete. Its `deprecatedCsrf` finding works per file. The noCsrf findings and their
// hard negatives over a whole app (per package) are in test/engine/app-facts.test.ts.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('require-csrf-protection');

run('csurf is deprecated', [
  js({
    code: code`
      import session from 'express-session';
      import csrf from 'csurf';
      app.use(session({ secret: process.env.SESSION_SECRET }));
      app.use(csrf());
    `,
    errors: [{ messageId: 'deprecatedCsrf', line: 2, column: 18, endLine: 2, endColumn: 25, data: { module: 'csurf', alternatives: 'csrf-csrf, csrf-sync or lusca' }, suggestions: [] }],
  }),

  // hard negative: its replacements
  js({
    code: code`
      import session from 'express-session';
      import { doubleCsrf } from 'csrf-csrf';
      app.use(session({ secret: process.env.SESSION_SECRET }));
      const { doubleCsrfProtection } = doubleCsrf({ getSecret: () => process.env.CSRF_SECRET });
      app.use(doubleCsrfProtection);
    `,
  }),

  // a file that only requires csurf (no session in it) is still checked
  cjs({
    code: code`
      const csurf = require('csurf');
      module.exports = csurf({ cookie: true });
    `,
    errors: [{ messageId: 'deprecatedCsrf', line: 1, column: 23, endLine: 1, endColumn: 30, data: { module: 'csurf', alternatives: 'csrf-csrf, csrf-sync or lusca' }, suggestions: [] }],
  }),

  // hard negatives: csrf-sync and lusca; the word csurf in a string or comment
  cjs({
    code: code`
      // migrated from csurf
      const { csrfSync } = require('csrf-sync');
      const lusca = require('lusca');
      const note = 'csurf';
      module.exports = [csrfSync().csrfSynchronisedProtection, lusca.csrf()];
    `,
  }),

  // TypeScript: import = require, a re-export, a dynamic import
  ts({
    code: code`
      import csrf = require('csurf');
      export { default as csrfProtection } from 'csurf';
      const lazy = await import('csurf');
    `,
    errors: [
      { messageId: 'deprecatedCsrf', line: 1, column: 23, endLine: 1, endColumn: 30, data: { module: 'csurf', alternatives: 'csrf-csrf, csrf-sync or lusca' }, suggestions: [] },
      { messageId: 'deprecatedCsrf', line: 2, column: 43, endLine: 2, endColumn: 50, data: { module: 'csurf', alternatives: 'csrf-csrf, csrf-sync or lusca' }, suggestions: [] },
      { messageId: 'deprecatedCsrf', line: 3, column: 27, endLine: 3, endColumn: 34, data: { module: 'csurf', alternatives: 'csrf-csrf, csrf-sync or lusca' }, suggestions: [] },
    ],
  }),

  // hard negative: type-only imports are no run-time dependency
  ts({
    code: code`
      import type { CookieOptions } from 'csurf';
      export type { CookieOptions } from 'csurf';
      export const options: CookieOptions = { key: '_csrf' };
    `,
  }),
]);

run('a file seen alone: the app facts are incomplete, no noCsrf', [
  // what would be a finding in a whole app: POST routes, no CSRF middleware, sameSite not set
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
      app.post('/transfer', (req, res) => res.redirect('/'));
    `,
  }),
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.use(cookieSession({ keys: [process.env.KEY], sameSite: 'none', secure: true }));
      app.delete('/account', (req, res) => res.end());
    `,
  }),
  ts({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: false } }));
      app.put('/settings', (req: Request, res: Response) => res.end());
    `,
  }),
  // and what would not be
  js({
    code: code`
      import express from 'express';
      import session from 'express-session';
      const app = express();
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, sameSite: 'lax' } }));
      app.post('/transfer', (req, res) => res.redirect('/'));
    `,
  }),
]);
