// Code that remedies write follows the file's style (issue #11, item 5): its quotes, semicolons,
// indentation (spaces or tabs, and how many) and trailing commas, read from the file's own text by
// the engine (src/analysis/style.ts), so both front ends write the same. Each case beside its
// hard negative: the same code in the default style.
import { code, js, ruleRunner, ts } from './_util.js';

run('require-same-site', 'quotes: a file in double quotes gets double quotes', [
  js({
    code: code`
      import session from "express-session";
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
    `,
    errors: [
      {
        messageId: 'missing',
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from "express-session";
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, sameSite: "lax" } }));
            ` },
        ],
      },
    ],
  }),
  // hard negative: single quotes stay single
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
    `,
    errors: [
      {
        messageId: 'missing',
        suggestions: [
          { messageId: 'setLax', output: code`
              import session from 'express-session';
              app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true, sameSite: 'lax' } }));
            ` },
        ],
      },
    ],
  }),
]);

run('require-secure-cookie', 'quotes in the production test', [
  ts({
    code: code`
      import session from "express-session";
      export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: "lax" } });
    `,
    errors: [
      {
        messageId: 'missing',
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import session from "express-session";
              export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: "lax", secure: process.env.NODE_ENV === "production" } });
            ` },
          { messageId: 'setSecure', output: code`
              import session from "express-session";
              export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: { sameSite: "lax", secure: true } });
            ` },
        ],
      },
    ],
  }),
]);

run('no-default-cookie-name', 'quotes of a renamed property', [
  js({
    code: code`
      import session from "express-session";
      app.use(session({ secret: process.env.SESSION_SECRET, key: "connect.sid" }));
    `,
    errors: [
      {
        messageId: 'defaultName',
        suggestions: [
          { messageId: 'setName', output: code`
              import session from "express-session";
              app.use(session({ secret: process.env.SESSION_SECRET, name: "sid" }));
            ` },
        ],
      },
    ],
  }),
]);

run('handle-session-errors', 'semicolons and indentation of the callback', [
  // no semicolons, four spaces
  js({
    code: code`
      import express from 'express'
      const app = express()
      app.post('/logout', (req, res) => {
          req.session.destroy()
          res.redirect('/')
      })
    `,
    errors: [
      {
        messageId: 'noCallback',
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              import express from 'express'
              const app = express()
              app.post('/logout', (req, res, next) => {
                  req.session.destroy((err) => {
                      if (err) return next(err)
                      res.redirect('/')
                  })
              })
            ` },
        ],
      },
    ],
  }),
  // tabs
  js({
    code: 'import express from \'express\';\nconst app = express();\napp.post(\'/logout\', (req, res) => {\n\treq.session.destroy();\n\tres.redirect(\'/\');\n});\n',
    errors: [
      {
        messageId: 'noCallback',
        suggestions: [
          {
            messageId: 'forwardErrorThenRest',
            output: 'import express from \'express\';\nconst app = express();\napp.post(\'/logout\', (req, res, next) => {\n\treq.session.destroy((err) => {\n\t\tif (err) return next(err);\n\t\tres.redirect(\'/\');\n\t});\n});\n',
          },
        ],
      },
    ],
  }),
  // hard negative: two spaces and semicolons, the default
  js({
    code: code`
      import express from 'express';
      const app = express();
      app.post('/logout', (req, res) => {
        req.session.destroy();
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback',
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              import express from 'express';
              const app = express();
              app.post('/logout', (req, res, next) => {
                req.session.destroy((err) => {
                  if (err) return next(err);
                  res.redirect('/');
                });
              });
            ` },
        ],
      },
    ],
  }),
]);

run('regenerate-on-login', 'semicolons of the inserted lines', [
  js({
    code: code`
      app.post('/login', async (req, res) => {
        const user = await findUser(req.body)
        req.session.userId = user.id
        res.redirect(req.session.returnTo)
      })
    `,
    errors: [
      {
        messageId: 'notRegenerated',
        suggestions: [
          { messageId: 'regenerateFirstKeeping', output: code`
              app.post('/login', async (req, res) => {
                const user = await findUser(req.body)
                const keptSession = { returnTo: req.session.returnTo }
                await new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve(undefined))))
                Object.assign(req.session, keptSession)
                req.session.userId = user.id
                res.redirect(req.session.returnTo)
              })
            ` },
        ],
      },
    ],
  }),
]);

run('explicit-save-options', 'an empty multi-line object: trailing comma as the file writes them', [
  js({
    code: code`
      import session from 'express-session';
      const base = {
        name: 'app.sid',
        secret: process.env.SESSION_SECRET,
      };
      app.use(session({
      }));
    `,
    errors: [
      {
        messageId: 'implicit',
        suggestions: [
          { messageId: 'setExplicit', output: code`
              import session from 'express-session';
              const base = {
                name: 'app.sid',
                secret: process.env.SESSION_SECRET,
              };
              app.use(session({
                resave: false,
                saveUninitialized: false,
              }));
            ` },
        ],
      },
    ],
  }),
  // hard negative: a file without trailing commas gets none
  js({
    code: code`
      import session from 'express-session';
      const base = {
        name: 'app.sid',
        secret: process.env.SESSION_SECRET
      };
      app.use(session({
      }));
    `,
    errors: [
      {
        messageId: 'implicit',
        suggestions: [
          { messageId: 'setExplicit', output: code`
              import session from 'express-session';
              const base = {
                name: 'app.sid',
                secret: process.env.SESSION_SECRET
              };
              app.use(session({
                resave: false,
                saveUninitialized: false
              }));
            ` },
        ],
      },
    ],
  }),
]);

run('no-hardcoded-secret', 'a variable of its own per session configuration', [
  // a second, separate session is not told to read the same variable: mount path, variable name, cookie name
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: 'main secret' }));
      app.use('/admin', session({ secret: 'admin secret' }));
      const apiSession = session({ secret: 'api secret' });
      const other = session({ name: 'partner.sid', secret: 'partner secret' });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2,
        suggestions: [{ messageId: 'useEnv', output: code`
          import session from 'express-session';
          app.use(session({ secret: process.env.SESSION_SECRET }));
          app.use('/admin', session({ secret: 'admin secret' }));
          const apiSession = session({ secret: 'api secret' });
          const other = session({ name: 'partner.sid', secret: 'partner secret' });
        ` }],
      },
      {
        messageId: 'hardcoded', line: 3,
        suggestions: [{ messageId: 'useEnv', output: code`
          import session from 'express-session';
          app.use(session({ secret: 'main secret' }));
          app.use('/admin', session({ secret: process.env.ADMIN_SESSION_SECRET }));
          const apiSession = session({ secret: 'api secret' });
          const other = session({ name: 'partner.sid', secret: 'partner secret' });
        ` }],
      },
      {
        messageId: 'hardcoded', line: 4,
        suggestions: [{ messageId: 'useEnv', output: code`
          import session from 'express-session';
          app.use(session({ secret: 'main secret' }));
          app.use('/admin', session({ secret: 'admin secret' }));
          const apiSession = session({ secret: process.env.API_SESSION_SECRET });
          const other = session({ name: 'partner.sid', secret: 'partner secret' });
        ` }],
      },
      {
        messageId: 'hardcoded', line: 5,
        suggestions: [{ messageId: 'useEnv', output: code`
          import session from 'express-session';
          app.use(session({ secret: 'main secret' }));
          app.use('/admin', session({ secret: 'admin secret' }));
          const apiSession = session({ secret: 'api secret' });
          const other = session({ name: 'partner.sid', secret: process.env.PARTNER_SESSION_SECRET });
        ` }],
      },
    ],
  }),
]);

function run(rule: string, title: string, cases: Parameters<ReturnType<typeof ruleRunner>>[1]): void {
  ruleRunner(rule)(`code style: ${title}`, cases);
}
