// regenerate-on-login: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('regenerate-on-login');

const REGENERATE = 'await new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve(undefined))));';

run('an identity stored without regenerating the session', [
  // async handler: the fix awaits a promisified regenerate on the line before the write
  js({
    code: code`
      app.post('/login', async (req, res) => {
        const user = await users.verify(req.body.email, req.body.password);
        req.session.userId = user.id;
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              app.post('/login', async (req, res) => {
                const user = await users.verify(req.body.email, req.body.password);
                ${REGENERATE}
                req.session.userId = user.id;
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: the write inside regenerate's callback
  js({
    code: code`
      app.post('/login', (req, res, next) => {
        req.session.regenerate((err) => {
          if (err) return next(err);
          req.session.userId = user.id;
          res.redirect('/');
        });
      });
    `,
  }),

  // a sync handler: there is nothing to await in, so no mechanical fix
  js({
    code: code`
      app.post('/login', function (req, res) {
        req.session.user = user;
        res.redirect('/');
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 19, suggestions: [] }],
  }),

  // hard negative: inside a function-expression callback of regenerate (CJS)
  cjs({
    code: code`
      exports.login = function (req, res, next) {
        req.session.regenerate(function (err) {
          if (err) return next(err);
          req.session.user = user;
        });
      };
    `,
  }),

  // Object.assign: reported at the identity property; the indentation of the statement is kept
  js({
    code: code`
      router.post('/login', async (req, res) => {
          const userId = await login(req.body);
          Object.assign(req.session, { userId, cart: [] });
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 3, column: 34, endLine: 3, endColumn: 40,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              router.post('/login', async (req, res) => {
                  const userId = await login(req.body);
                  ${REGENERATE}
                  Object.assign(req.session, { userId, cart: [] });
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: Object.assign after an awaited, promisified regenerate
  js({
    code: code`
      import { promisify } from 'node:util';
      router.post('/login', async (req, res) => {
          const userId = await login(req.body);
          await promisify(req.session.regenerate.bind(req.session))();
          Object.assign(req.session, { userId, cart: [] });
      });
    `,
  }),

  // inside a try block of an async function declaration (CJS): inserted in the block, at its indentation
  cjs({
    code: code`
      async function login(req, res) {
        try {
          const account = await accounts.check(req.body);
          req.session.account = account;
        } catch (err) {
          res.status(401).end();
        }
      }
      module.exports = { login };
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 4, column: 5, endLine: 4, endColumn: 24,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              async function login(req, res) {
                try {
                  const account = await accounts.check(req.body);
                  ${REGENERATE}
                  req.session.account = account;
                } catch (err) {
                  res.status(401).end();
                }
              }
              module.exports = { login };
            ` },
        ],
      },
    ],
  }),

  // hard negative: after a helper whose name says it regenerates
  cjs({
    code: code`
      async function login(req, res) {
        try {
          const account = await accounts.check(req.body);
          await regenerateSession(req);
          req.session.account = account;
        } catch (err) {
          res.status(401).end();
        }
      }
      module.exports = { login };
    `,
  }),

  // TypeScript: wrappers around the session (`as any`, `!`) are the same session
  ts({
    code: code`
      import type { Request, Response } from 'express';
      app.post('/login', async (req: Request, res: Response) => {
        (req.session as any).userId = res.locals.user.id;
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 30,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              import type { Request, Response } from 'express';
              app.post('/login', async (req: Request, res: Response) => {
                ${REGENERATE}
                (req.session as any).userId = res.locals.user.id;
              });
            ` },
        ],
      },
    ],
  }),
  ts({
    code: code`
      export const login = async (req: Request, res: Response): Promise<void> => {
        req.session!['isAuthenticated'] = true;
      };
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 34,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              export const login = async (req: Request, res: Response): Promise<void> => {
                ${REGENERATE}
                req.session!['isAuthenticated'] = true;
              };
            ` },
        ],
      },
    ],
  }),

  // hard negative: the same after the suggested line
  ts({
    code: code`
      export const login = async (req: Request, res: Response): Promise<void> => {
        await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
        req.session!['isAuthenticated'] = true;
      };
    `,
  }),

  // Koa: one parameter, the context; the fix names it and awaits koa-session's promise-returning regenerate()
  js({
    code: code`
      router.post('/login', async (ctx) => {
        ctx.session.user = await authenticate(ctx.request.body);
        ctx.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 19,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              router.post('/login', async (ctx) => {
                await ctx.session.regenerate();
                ctx.session.user = await authenticate(ctx.request.body);
                ctx.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // @fastify/session's regenerate() returns a promise without a callback (the libraries table's lifecycleResult): awaited directly
  ts({
    code: code`
      import fastifySession from '@fastify/session';
      app.register(fastifySession, { secret: process.env.SESSION_SECRET! });
      app.post('/login', async (request, reply) => {
        const user = await users.verify(request.body);
        request.session.userId = user.id;
        return reply.send({ ok: true });
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 5, column: 3, endLine: 5, endColumn: 25,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              import fastifySession from '@fastify/session';
              app.register(fastifySession, { secret: process.env.SESSION_SECRET! });
              app.post('/login', async (request, reply) => {
                const user = await users.verify(request.body);
                await request.session.regenerate();
                request.session.userId = user.id;
                return reply.send({ ok: true });
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: a promise-returning regenerate (koa-session, @fastify/session)
  js({
    code: code`
      router.post('/login', async (ctx) => {
        await ctx.session.regenerate();
        ctx.session.user = await authenticate(ctx.request.body);
      });
    `,
  }),
]);

run('one finding per handler', [
  js({
    code: code`
      app.post('/login', async (req, res) => {
        req.session.userId = user.id;
        req.session.role = user.role;
        Object.assign(req.session, { isAdmin: user.admin });
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              app.post('/login', async (req, res) => {
                ${REGENERATE}
                req.session.userId = user.id;
                req.session.role = user.role;
                Object.assign(req.session, { isAdmin: user.admin });
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: the same writes after regenerating
  js({
    code: code`
      app.post('/login', async (req, res) => {
        ${REGENERATE}
        req.session.userId = user.id;
        req.session.role = user.role;
        Object.assign(req.session, { isAdmin: user.admin });
      });
    `,
  }),

  // two handlers in one file: one finding each
  js({
    code: code`
      app.post('/login', (req, res) => {
        req.session.user = user;
      });
      app.post('/sso', (req, res) => {
        req.session.user = user;
      });
    `,
    errors: [
      { messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 19, suggestions: [] },
      { messageId: 'notRegenerated', line: 5, column: 3, endLine: 5, endColumn: 19, suggestions: [] },
    ],
  }),
]);

run("passport's req.login regenerates (since 0.6); other login functions do not", [
  // a service called login is not passport: its callback is not regenerated
  js({
    code: code`
      app.post('/login', (req, res) => {
        authService.login(req.body, (err, user) => {
          req.session.userId = user.id;
        });
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 3, column: 5, endLine: 3, endColumn: 23, suggestions: [] }],
  }),

  // hard negatives: inside req.login / req.logIn (any request name)
  js({
    code: code`
      app.post('/login', (req, res, next) => {
        req.login(user, (err) => {
          if (err) return next(err);
          req.session.userId = user.id;
        });
      });
    `,
  }),
  cjs({
    code: code`
      module.exports = function (request, response, next) {
        request.logIn(user, function (err) {
          request.session.role = user.role;
        });
      };
    `,
  }),

  js({
    code: code`
      app.post('/login', async (req, res) => {
        const user = await authService.login(req.body.email, req.body.password);
        req.session.userId = user.id;
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              app.post('/login', async (req, res) => {
                const user = await authService.login(req.body.email, req.body.password);
                ${REGENERATE}
                req.session.userId = user.id;
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: after an awaited req.login
  ts({
    code: code`
      app.post('/login', async (req: Request, res: Response) => {
        await new Promise<void>((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
        req.session.user = user;
      });
    `,
  }),

  // passport.authenticate with session: false does not log in to the session
  js({
    code: code`
      app.post('/login', passport.authenticate('local', { session: false }), (req, res) => {
        req.session.role = req.user.role;
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 19, suggestions: [] }],
  }),

  // hard negative: passport.authenticate before the handler on the route logged in (and regenerated)
  js({
    code: code`
      app.post('/login', passport.authenticate('local', { failureRedirect: '/login' }), (req, res) => {
        req.session.role = req.user.role;
        res.redirect('/');
      });
    `,
  }),
]);

run('the regeneration keeps what the handler still needs (issue #11)', [
  // it goes before the first write to the session on the login's path, not between two writes of the login
  js({
    code: code`
      app.post('/login', async (req, res) => {
        const user = await findUser(req.body);
        req.session.displayName = user.name;
        req.session.userId = user.id;
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 4, column: 3, endLine: 4, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              app.post('/login', async (req, res) => {
                const user = await findUser(req.body);
                ${REGENERATE}
                req.session.displayName = user.name;
                req.session.userId = user.id;
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // what the login reads of the old session is copied first and written back into the new one
  js({
    code: code`
      app.post('/signup', async (req, res) => {
        req.session.userId = await createUser(req.session.pending.data);
        res.redirect(req.session.returnTo || '/');
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirstKeeping', output: code`
              app.post('/signup', async (req, res) => {
                const keptSession = { pending: req.session.pending, returnTo: req.session.returnTo };
                ${REGENERATE}
                Object.assign(req.session, keptSession);
                req.session.userId = await createUser(req.session.pending.data);
                res.redirect(req.session.returnTo || '/');
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative of the copy: a key the handler writes again before reading it is not copied
  js({
    code: code`
      app.post('/signup', async (req, res) => {
        req.session.flash = 'Welcome';
        req.session.userId = await createUser(req.body);
        res.render('home', { flash: req.session.flash });
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              app.post('/signup', async (req, res) => {
                ${REGENERATE}
                req.session.flash = 'Welcome';
                req.session.userId = await createUser(req.body);
                res.render('home', { flash: req.session.flash });
              });
            ` },
        ],
      },
    ],
  }),

  // an earlier write in an outer block moves the regeneration up to that block
  js({
    code: code`
      app.post('/login', async (req, res) => {
        req.session.attempts = (req.session.attempts || 0) + 1;
        const user = await findUser(req.body);
        if (user) {
          req.session.userId = user.id;
        }
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 5, column: 5, endLine: 5, endColumn: 23,
        suggestions: [
          { messageId: 'regenerateFirstKeeping', output: code`
              app.post('/login', async (req, res) => {
                const keptSession = { attempts: req.session.attempts };
                ${REGENERATE}
                Object.assign(req.session, keptSession);
                req.session.attempts = (req.session.attempts || 0) + 1;
                const user = await findUser(req.body);
                if (user) {
                  req.session.userId = user.id;
                }
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // the whole session object used after the login: what must survive cannot be told, no fix (and the message says why)
  js({
    code: code`
      app.post('/login', async (req, res) => {
        req.session.userId = (await findUser(req.body)).id;
        res.json(req.session);
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 21, suggestions: [],
        data: { target: 'req.session.userId', noFix: ' (no fix is suggested: the handler uses the whole session object after the login, which a regeneration would replace)' },
      },
    ],
  }),
]);

run('where no fix is mechanical', [
  // a conditional write: regenerating before the if would change more than the login
  js({
    code: code`
      app.post('/login', async (req, res) => {
        if (await check(req.body)) req.session.loggedIn = true;
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 2, column: 30, endLine: 2, endColumn: 50, suggestions: [] }],
  }),

  // hard negative: regenerated first
  js({
    code: code`
      app.post('/login', async (req, res) => {
        ${REGENERATE}
        if (await check(req.body)) req.session.loggedIn = true;
      });
    `,
  }),

  // inside a nested function of the handler
  js({
    code: code`
      app.post('/login', async (req, res) => {
        [user].forEach((u) => { req.session.uid = u.id; });
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 2, column: 27, endLine: 2, endColumn: 42, suggestions: [] }],
  }),

  // a comment that talks about regenerating is not a regeneration
  js({
    code: code`
      app.post('/login', async (req, res) => {
        // TODO: regenerate the session
        req.session.userId = user.id;
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              app.post('/login', async (req, res) => {
                // TODO: regenerate the session
                ${REGENERATE}
                req.session.userId = user.id;
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: the regeneration written, not just mentioned
  js({
    code: code`
      app.post('/login', async (req, res) => {
        // regenerate the session first (session fixation)
        await req.session.regenerate();
        req.session.userId = user.id;
      });
    `,
  }),
]);

run('what is not a login', [
  // the identity among other keys is still a login
  js({
    code: code`
      app.post('/login', (req, res) => {
        req.session.cart = [];
        req.session.userId = user.id;
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 21, suggestions: [] }],
  }),

  // the authentication's result stored whole (real code: Medusa 2's POST /auth/session, a file-based route)
  ts({
    code: code`
      export const POST = async (req: AuthenticatedRequest, res: Response) => {
        req.session.auth_context = req.auth_context;
        res.status(200).json({ user: req.auth_context });
      };
    `,
    errors: [{ messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 27, suggestions: [
      { messageId: 'regenerateFirst', output: code`
          export const POST = async (req: AuthenticatedRequest, res: Response) => {
            ${REGENERATE}
            req.session.auth_context = req.auth_context;
            res.status(200).json({ user: req.auth_context });
          };
        ` },
    ] }],
  }),

  // hard negative: keys about the authentication flow, not its result (matched whole)
  ts({
    code: code`
      export const POST = async (req: AuthenticatedRequest, res: Response) => {
        req.session.authContextReturnTo = req.originalUrl;
        req.session.auth_provider = req.body.provider;
        res.redirect('/auth/start');
      };
    `,
  }),

  // hard negative: non-identity keys only
  js({
    code: code`
      app.post('/cart', (req, res) => {
        req.session.cart = [];
        req.session.theme = req.body.theme;
        req.session.returnTo = req.originalUrl;
        req.session.flash = { info: 'Saved' };
        Object.assign(req.session, { views: 1, locale: 'en' });
      });
    `,
  }),

  // hard negative: logout clears the identity keys
  js({
    code: code`
      app.post('/logout', (req, res) => {
        req.session.user = null;
        req.session.userId = undefined;
        req.session.isAuthenticated = false;
        req.session.uid = void 0;
        res.redirect('/');
      });
    `,
  }),

  // hard negative: nested writes change a logged-in user's data
  ts({
    code: code`
      app.post('/profile', (req: Request, res: Response) => {
        req.session.user.name = req.body.name;
        req.session['user']['email'] = req.body.email;
      });
    `,
  }),

  // hard negatives: the handler reads the identity first (a refresh, a profile update of a logged-in user)
  js({
    code: code`
      app.post('/refresh', async (req, res) => {
        const fresh = await User.findById(req.session.userId);
        req.session.user = fresh;
      });
    `,
  }),
  js({
    code: code`
      app.post('/profile', (req, res) => {
        req.session.user = { ...req.session.user, name: req.body.name };
      });
    `,
  }),
  cjs({
    code: code`
      router.post('/refresh', async (req, res) => {
        req.session.user = await User.findById(req.session.userId);
      });
    `,
  }),

  // hard negative: not in a request handler
  js({
    code: code`
      const fake = { session: {} };
      fake.session.user = 'admin';
    `,
  }),
]);

run('cookie-based sessions have no session ID to fixate', [
  // koa-session without an external store keeps the whole session in the cookie: nothing to fixate
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.use(session({ maxAge: 86400000, renew: true }, app));
      app.use(async (ctx) => {
        ctx.session.userId = (await users.verify(ctx.request.body)).id;
      });
    `,
  }),

  // hard negative of the above: with a store the cookie holds only an ID, which can be fixated
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.use(session({ maxAge: 86400000, store: redisStore }, app));
      app.use(async (ctx) => {
        ctx.session.userId = (await users.verify(ctx.request.body)).id;
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 6, column: 3, endLine: 6, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              const Koa = require('koa');
              const session = require('koa-session');
              const app = new Koa();
              app.use(session({ maxAge: 86400000, store: redisStore }, app));
              app.use(async (ctx) => {
                await ctx.session.regenerate();
                ctx.session.userId = (await users.verify(ctx.request.body)).id;
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: options the file does not show (built elsewhere, spread) may hold a store: not known to be a cookie session
  js({
    code: code`
      import Koa from 'koa';
      import session from 'koa-session';
      import { sessionConfig } from './config.js';
      const app = new Koa();
      app.use(session({ ...sessionConfig }, app));
      app.use(async (ctx) => {
        ctx.session.userId = 1;
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 7, column: 3, endLine: 7, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              import Koa from 'koa';
              import session from 'koa-session';
              import { sessionConfig } from './config.js';
              const app = new Koa();
              app.use(session({ ...sessionConfig }, app));
              app.use(async (ctx) => {
                await ctx.session.regenerate();
                ctx.session.userId = 1;
              });
            ` },
        ],
      },
    ],
  }),

  // an express-session file: reported
  js({
    code: code`
      import session from 'express-session';
      app.post('/login', (req, res) => {
        req.session.userId = user.id;
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 21, suggestions: [] }],
  }),

  // hard negatives: the same handler in files that use cookie-session or iron-session
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ keys: [process.env.KEY] }));
      app.post('/login', (req, res) => {
        req.session.userId = user.id;
      });
    `,
  }),
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.post('/login', async (req, res) => {
        req.session.user = user;
      });
    `,
  }),
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      export async function POST(req: Request, res: Response) {
        const session = await getIronSession(req, res, options);
        req.session.user = user;
      }
    `,
  }),
]);

// Version awareness: the app's package.json and lockfile (fixtures/versions/*) decide what a library does.
const PASSPORT_LOGINS = code`
  const passport = require('passport');
  const router = require('express').Router();
  router.post('/login', passport.authenticate('local', { failureRedirect: '/login' }), (req, res) => res.redirect('/'));
  router.post('/api/token', passport.authenticate('bearer', { session: false }), (req, res) => res.json({}));
  router.post('/signup', (req, res, next) => {
    req.login(user, (err) => (err ? next(err) : res.redirect('/')));
  });
  router.post('/signup/renewed', (req, res, next) => {
    req.session.regenerate((err) => (err ? next(err) : req.login(user, (e) => (e ? next(e) : res.redirect('/')))));
  });
  module.exports = router;
`;
const OLD_PASSPORT = { library: 'passport', version: '0.5.3', source: 'package-lock.json', since: '0.6.0', advisory: 'CVE-2022-25896' };

run('passport before 0.6 keeps the session ID on login (CVE-2022-25896)', [
  // passport 0.5.3 locked by npm: passport.authenticate with sessions, and req.login, are logins that fixate
  js({
    filename: 'fixtures/versions/passport-0.5-npm/app.js',
    code: PASSPORT_LOGINS,
    errors: [
      { messageId: 'libraryLoginNotRenewed', data: OLD_PASSPORT, line: 3, column: 23, endLine: 3, endColumn: 44, suggestions: [] },
      { messageId: 'libraryLoginNotRenewed', data: OLD_PASSPORT, line: 6, column: 3, endLine: 6, endColumn: 12, suggestions: [] },
    ],
  }),
  // hard negatives: passport.authenticate with a custom callback logs no one in (a JWT API's sign-in, a bound
  // helper, a named callback); the req.logIn inside a custom callback is the login, reported there
  js({
    filename: 'fixtures/versions/passport-0.5-npm/app.js',
    code: code`
      const passport = require('passport');
      const router = require('express').Router();
      function onAuth(req, res, err, user) { if (err || !user) return res.sendStatus(401); res.json({ token: sign(user) }); }
      router.post('/api/signin', (req, res) => passport.authenticate('local', onAuth.bind(null, req, res))(req, res));
      router.post('/api/jwt', (req, res, next) => {
        passport.authenticate('jwt', { failWithError: true }, (err, user) => (user ? res.json(user) : next(err)))(req, res, next);
      });
      router.post('/login', (req, res, next) => {
        passport.authenticate('local', (err, user) => {
          if (err || !user) return next(err);
          req.logIn(user, (e) => (e ? next(e) : res.redirect('/')));
        })(req, res, next);
      });
      const verified = (err, user) => user;
      router.post('/api/check', (req, res) => passport.authenticate('local', verified)(req, res));
      module.exports = router;
    `,
    errors: [{ messageId: 'libraryLoginNotRenewed', data: OLD_PASSPORT, line: 11, column: 5, endLine: 11, endColumn: 14, suggestions: [] }],
  }),
  // a login after a profile change logs in again whoever is logged in (req.user, or a name bound to it and updated in
  // place by Object.assign/_.extend): nothing to fixate; a login of a new user (signup, in a nested callback) and
  // of a user the handler rebinds are logins
  js({
    filename: 'fixtures/versions/passport-0.5-npm/app.js',
    code: code`
      const passport = require('passport');
      const router = require('express').Router();
      router.put('/profile', (req, res, next) => {
        let user = req.user;
        user = _.extend(user, req.body);
        user.save(() => req.login(user, (e) => (e ? next(e) : res.json(user))));
      });
      router.put('/refresh', (req, res, next) => req.logIn(req.user, (e) => (e ? next(e) : res.end())));
      router.post('/signup', (req, res, next) => {
        const user = new User(req.body);
        user.save(() => req.login(user, (e) => (e ? next(e) : res.json(user))));
      });
      router.post('/switch', (req, res, next) => {
        let user = req.user;
        user = findUser(req.body.id);
        req.login(user, (e) => (e ? next(e) : res.end()));
      });
      module.exports = router;
    `,
    errors: [
      { messageId: 'libraryLoginNotRenewed', data: OLD_PASSPORT, line: 11, column: 19, endLine: 11, endColumn: 28, suggestions: [] },
      { messageId: 'libraryLoginNotRenewed', data: OLD_PASSPORT, line: 16, column: 3, endLine: 16, endColumn: 12, suggestions: [] },
    ],
  }),
  // hard negative: passport 0.6.0 locked by yarn v1 regenerates the session itself
  js({ filename: 'fixtures/versions/passport-0.6-yarn/app.js', code: PASSPORT_LOGINS }),
  // hard negative: a range that includes fixed versions (>=0.5.0) is not known to be old
  js({ filename: 'fixtures/versions/passport-range/app.js', code: PASSPORT_LOGINS }),
  // hard negative: no version known (the file stands alone): the current behaviour
  js({ code: PASSPORT_LOGINS }),
  // an identity write after passport.authenticate on the route is covered only where passport renews the session
  ts({
    filename: 'fixtures/versions/passport-0.5-npm/app.ts',
    code: code`
      import passport from 'passport';
      app.post('/login', passport.authenticate('local'), (req: any, res: any) => {
        req.session.userId = req.user.id;
        res.redirect('/');
      });
    `,
    errors: [
      { messageId: 'libraryLoginNotRenewed', line: 2, column: 20, endLine: 2, endColumn: 41, suggestions: [] },
      // (no placement for regenerate in a handler without next or await: no suggestion)
      { messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 21, suggestions: [] },
    ],
  }),
  // hard negative: the same with passport 0.6.0
  ts({
    filename: 'fixtures/versions/passport-0.6-yarn/app.ts',
    code: code`
      import passport from 'passport';
      app.post('/login', passport.authenticate('local'), (req: any, res: any) => {
        req.session.userId = req.user.id;
        res.redirect('/');
      });
    `,
  }),
]);

// With an external store (without one, koa-session keeps the session in the cookie: nothing to fixate).
const KOA_LOGIN = code`
  const Koa = require('koa');
  const session = require('koa-session');
  const app = new Koa();
  app.use(session({ store }, app));
  app.use(async (ctx) => {
    const user = await users.verify(ctx.request.body);
    ctx.session.userId = user.id;
    ctx.body = 'ok';
  });
`;

run('koa-session before 6.4 has no regenerate(): the finding stays, with no suggestion to call it', [
  // koa-session 6.2.0 locked by pnpm (v9 lockfile)
  js({
    filename: 'fixtures/versions/koa-session-6.2-pnpm/app.js',
    code: KOA_LOGIN,
    errors: [
      {
        messageId: 'notRegenerated', line: 7, column: 3, endLine: 7, endColumn: 21,
        data: {
          target: 'ctx.session.userId',
          noFix: ' (no fix is suggested: koa-session 6.2.0 (from pnpm-lock.yaml) has no `regenerate()`: it arrived in 6.4.0; upgrade koa-session to call it)',
        },
        suggestions: [],
      },
    ],
  }),
  // (koa-session 6.4.0 has it: the suggestion is offered there, test/engine/package-versions.test.ts)
]);

run('logins on each path (issue #12)', [
  // a negated guard is a login, not a refresh of a logged-in user
  js({
    code: code`
      app.post('/login', function (req, res) {
        if (!req.session.userId) {
          const user = users.check(req.body);
          req.session.userId = user.id;
        }
        res.redirect('/');
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 4, column: 5, endLine: 4, endColumn: 23, suggestions: [] }],
  }),

  // a positive guard that leaves: the write runs only without an identity
  js({
    code: code`
      app.post('/login', function (req, res) {
        if (req.session.user) return res.redirect('/');
        req.session.user = users.check(req.body);
        res.redirect('/');
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 19, suggestions: [] }],
  }),

  // hard negatives: the write runs with the identity present (a logged-in user's update)
  js({
    code: code`
      app.post('/profile', function (req, res) {
        if (!req.session.user) return res.sendStatus(401);
        req.session.user = { id: req.body.id };
      });
      app.post('/switch', function (req, res) {
        if (req.session.userId != null) {
          req.session.userId = req.body.id;
        }
      });
    `,
  }),

  // a regenerate on the MFA branch does not cover the password-only branch
  js({
    code: code`
      app.post('/login', async function (req, res) {
        const user = await users.check(req.body);
        if (user.mfa) {
          await regenerateSession(req);
          req.session.userId = user.id;
        } else {
          req.session.userId = user.id;
        }
        res.redirect('/');
      });
    `,
    errors: [{ messageId: 'notRegenerated', line: 7, column: 5, endLine: 7, endColumn: 23, suggestions: [] }],
  }),

  // two branches without a regenerate: two findings; a later write on the same path is not a third
  js({
    code: code`
      app.post('/login', function (req, res) {
        if (req.body.sso) {
          req.session.userId = sso(req);
          req.session.role = 'user';
        } else {
          req.session.userId = local(req);
        }
      });
    `,
    errors: [
      { messageId: 'notRegenerated', line: 3, column: 5, endLine: 3, endColumn: 23, suggestions: [] },
      { messageId: 'notRegenerated', line: 6, column: 5, endLine: 6, endColumn: 23, suggestions: [] },
    ],
  }),

  // hard negative: a regenerate before the branches covers both
  js({
    code: code`
      app.post('/login', async function (req, res) {
        await regenerateSession(req);
        if (req.body.sso) {
          req.session.userId = sso(req);
        } else {
          req.session.userId = local(req);
        }
      });
    `,
  }),

  // the identity vocabulary: logged, user_name, login
  js({
    code: code`
      app.post('/login', function (req, res) {
        req.session.logged = true;
      });
      app.post('/signin', function (req, res) {
        req.session.user_name = req.body.name;
      });
    `,
    errors: [
      { messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 21, suggestions: [] },
      { messageId: 'notRegenerated', line: 5, column: 3, endLine: 5, endColumn: 24, suggestions: [] },
    ],
  }),

  // hard negatives: keys that are not who the user is
  js({
    code: code`
      app.post('/prefs', function (req, res) {
        req.session.userPrefs = req.body;
        req.session.returnTo = req.query.next;
        req.session.cart = [];
        req.session.userAgent = req.headers['user-agent'];
      });
    `,
  }),

  // through a local name: reported, with no fix (the name would keep the old session after regenerate())
  js({
    code: code`
      app.post('/login', async (req, res) => {
        const session = req.session;
        session.userId = (await users.check(req.body)).id;
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 17, suggestions: [],
        data: { target: 'session.userId', noFix: ' (no fix is suggested: the session is written through a local name, which would still hold the old session after regenerate())' },
      },
    ],
  }),

  // hard negative: a name for something else
  js({
    code: code`
      app.post('/login', async (req, res) => {
        const session = await store.load(req);
        session.userId = 1;
      });
    `,
  }),
]);

run("koa: a controller module that imports no session library awaits koa-session's promise (issue #11)", [
  // (ctx, next) in a module that imports nothing: the app's only session library is koa-session (its other module), so no callback form
  js({
    filename: 'fixtures/versions/koa-session-6.4-berry/auth.js',
    code: code`
      exports.login = async (ctx, next) => {
        ctx.session.userId = await users.verify(ctx.request.body);
        await next();
      };
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              exports.login = async (ctx, next) => {
                await ctx.session.regenerate();
                ctx.session.userId = await users.verify(ctx.request.body);
                await next();
              };
            ` },
        ],
      },
    ],
  }),
]);

const EXPRESS_LOGIN = code`
  const express = require('express');
  const app = express();
  app.post('/login', async (req, res, next) => {
    const user = await users.verify(req.body);
    req.session.userId = user.id;
    res.redirect('/');
  });
`;

run('express 4 does not pass a rejected handler to next: the regeneration\'s error is caught and passed (issue #11)', [
  // express ^4.21 (package.json): a failing store would be an unhandled rejection; the fix hands it to next and stops
  js({
    filename: 'fixtures/versions/express-session-1.18-npm/app.js',
    code: EXPRESS_LOGIN,
    errors: [
      {
        messageId: 'notRegenerated', line: 5, column: 3, endLine: 5, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              const express = require('express');
              const app = express();
              app.post('/login', async (req, res, next) => {
                const user = await users.verify(req.body);
                try {
                  await new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve(undefined))));
                } catch (err) {
                  return next(err);
                }
                req.session.userId = user.id;
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: the express version unknown (the current major, 5, forwards the rejection): the plain await
  js({
    code: EXPRESS_LOGIN,
    errors: [
      {
        messageId: 'notRegenerated', line: 5, column: 3, endLine: 5, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirst', output: code`
              const express = require('express');
              const app = express();
              app.post('/login', async (req, res, next) => {
                const user = await users.verify(req.body);
                await new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve(undefined))));
                req.session.userId = user.id;
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),
]);

run('koa-generic-session regenerates through the context (issue #11, real code)', [
  // found on a Koa app (koa-generic-session 2): `ctx.session.regenerate()` does not exist there (TypeError on every login)
  js({
    filename: 'fixtures/versions/koa-generic-session-2-npm/user.js',
    code: code`
      const userLogin = async (ctx) => {
        const { username, password } = ctx.request.body;
        if (await users.check(username, password)) {
          ctx.session.username = username;
        }
      };
      module.exports = { userLogin };
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 4, column: 5, endLine: 4, endColumn: 25,
        suggestions: [
          { messageId: 'regenerateFirst', data: { call: 'ctx.regenerateSession()' }, output: code`
              const userLogin = async (ctx) => {
                const { username, password } = ctx.request.body;
                if (await users.check(username, password)) {
                  await ctx.regenerateSession();
                  ctx.session.username = username;
                }
              };
              module.exports = { userLogin };
            ` },
        ],
      },
    ],
  }),

  // the file imports it itself (no package.json needed); what the handler reads of the old session is kept (the new one is empty)
  js({
    code: code`
      const session = require('koa-generic-session');
      router.post('/login', async (ctx) => {
        ctx.session.userId = await users.verify(ctx.request.body);
        ctx.redirect(ctx.session.returnTo || '/');
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 3, column: 3, endLine: 3, endColumn: 21,
        suggestions: [
          { messageId: 'regenerateFirstKeeping', output: code`
              const session = require('koa-generic-session');
              router.post('/login', async (ctx) => {
                const keptSession = { returnTo: ctx.session.returnTo };
                await ctx.regenerateSession();
                Object.assign(ctx.session, keptSession);
                ctx.session.userId = await users.verify(ctx.request.body);
                ctx.redirect(ctx.session.returnTo || '/');
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: a Koa app whose package.json names no Koa session library the engine knows: no guess at the API
  js({
    filename: 'fixtures/versions/koa-unknown-session-npm/user.js',
    code: code`
      exports.login = async (ctx) => {
        ctx.session.userId = await users.verify(ctx.request.body);
      };
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 2, column: 3, endLine: 2, endColumn: 21,
        data: {
          target: 'ctx.session.userId',
          noFix: " (no fix is suggested: the app's Koa session library is not one whose regeneration is known (koa-session's `ctx.session.regenerate()`, koa-generic-session's `ctx.regenerateSession()`))",
        },
        suggestions: [],
      },
    ],
  }),
]);

// Sessions a library hands out (session-objects.ts): React Router's storages have no regenerate(); a login keeps the
// session's ID only where the storage keeps one on the server. A cookie storage re-issues the data itself.
run('React Router / Remix: logins written with session.set (issue #15)', [
  js({
    code: code`
      import { createFileSessionStorage } from '@react-router/node';
      const { getSession, commitSession } = createFileSessionStorage({ dir: '/sessions', cookie: { name: 'sid', secrets: [process.env.SECRET] } });
      export async function action({ request }) {
        const session = await getSession(request.headers.get('Cookie'));
        const user = await login(await request.formData());
        session.set('userId', user.id);
        return redirect('/', { headers: { 'Set-Cookie': await commitSession(session) } });
      }
    `,
    errors: [
      {
        messageId: 'notRenewedStore', line: 6, column: 3, endLine: 6, endColumn: 33,
        data: {
          target: "session.set('userId', …)",
          store: "@react-router/node's `createFileSessionStorage`",
          renew: "React Router has no regenerate(): log in on a new session, `getSession()` without the request's cookie (copy over what the login keeps), and delete the old one with `destroySession(session)`, so that `commitSession` stores the login under a new ID",
        },
        suggestions: [],
      },
    ],
  }),

  // hard negative: the same login on a cookie storage (the cookie is the data, re-issued on commit: no ID to fixate)
  js({
    code: code`
      import { createCookieSessionStorage } from '@react-router/node';
      const { getSession, commitSession } = createCookieSessionStorage({ cookie: { name: 'sid', secrets: [process.env.SECRET] } });
      export async function action({ request }) {
        const session = await getSession(request.headers.get('Cookie'));
        const user = await login(await request.formData());
        session.set('userId', user.id);
        return redirect('/', { headers: { 'Set-Cookie': await commitSession(session) } });
      }
    `,
  }),

  // the storage called as an object, the key through a constant, a wrapper that reads the cookie (TypeScript)
  ts({
    code: code`
      import { createSessionStorage } from 'react-router';
      const USER_SESSION_KEY = 'userId';
      export const sessionStorage = createSessionStorage({ cookie: { name: '__session' }, createData, readData, updateData, deleteData });
      async function getSession(request: Request) {
        return sessionStorage.getSession(request.headers.get('Cookie'));
      }
      export async function createUserSession(request: Request, userId: string) {
        const session = await getSession(request);
        session.set(USER_SESSION_KEY, userId);
        return sessionStorage.commitSession(session);
      }
    `,
    errors: [
      {
        messageId: 'notRenewedStore', line: 9, column: 3, endLine: 9, endColumn: 40,
        data: {
          target: 'session.set(USER_SESSION_KEY, …)',
          store: "react-router's `createSessionStorage`",
          renew: "React Router has no regenerate(): log in on a new session, `getSession()` without the request's cookie (copy over what the login keeps), and delete the old one with `destroySession(session)`, so that `commitSession` stores the login under a new ID",
        },
        suggestions: [],
      },
    ],
  }),

  // hard negative: the login starts a new session (`getSession()` without the cookie): it is stored under a new ID
  ts({
    code: code`
      import { createSessionStorage } from 'react-router';
      export const sessionStorage = createSessionStorage({ cookie: { name: '__session' }, createData, readData, updateData, deleteData });
      export async function action({ request }: { request: Request }) {
        const old = await sessionStorage.getSession(request.headers.get('Cookie'));
        const session = await sessionStorage.getSession();
        session.set('userId', await login(request));
        await sessionStorage.destroySession(old);
        return sessionStorage.commitSession(session);
      }
    `,
  }),

  // hard negatives: not logins (a flash message, a logout's unset, a key that is no identity), and a user already logged in
  js({
    code: code`
      import { createFileSessionStorage } from '@remix-run/node';
      const storage = createFileSessionStorage({ dir: '/tmp', cookie: { name: 'sid' } });
      export async function action({ request }) {
        const session = await storage.getSession(request.headers.get('Cookie'));
        session.flash('message', 'Saved');
        session.unset('userId');
        session.set('theme', 'dark');
        return storage.commitSession(session);
      }
      export async function switchAccount({ request }) {
        const session = await storage.getSession(request.headers.get('Cookie'));
        if (!session.has('userId')) throw redirect('/login');
        session.set('userId', await pickAccount(session.get('userId')));
        return storage.commitSession(session);
      }
      const USER_KEY = 'userId';
      export async function refresh({ request }) {
        const session = await storage.getSession(request.headers.get('Cookie'));
        const current = session.get(USER_KEY);
        session.set(USER_KEY, await renew(current));
        return storage.commitSession(session);
      }
    `,
  }),

  // hard negative: a `getSession` the engine cannot trace to a library (another app's helper) is no session
  js({
    code: code`
      import { getSession } from './db.js';
      export async function action({ request }) {
        const session = await getSession(request);
        session.set('userId', 1);
      }
    `,
  }),
]);

run("@fastify/session and @fastify/secure-session: request.session.set and .get", [
  // a login written with @fastify/session's set(key, value); the regeneration keeps what get() reads after it
  ts({
    code: code`
      import fastifySession from '@fastify/session';
      app.register(fastifySession, { secret: process.env.SESSION_SECRET!, store });
      app.post('/login', async (request, reply) => {
        const user = await users.verify(request.body);
        request.session.set('userId', user.id);
        return { cart: request.session.get('cart') };
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 5, column: 3, endLine: 5, endColumn: 41,
        data: { target: "request.session.set('userId', …)", noFix: '' },
        suggestions: [
          { messageId: 'regenerateFirstKeeping', data: { call: 'request.session.regenerate()', kept: '`cart`' }, output: code`
              import fastifySession from '@fastify/session';
              app.register(fastifySession, { secret: process.env.SESSION_SECRET!, store });
              app.post('/login', async (request, reply) => {
                const user = await users.verify(request.body);
                const keptSession = { cart: request.session.cart };
                await request.session.regenerate();
                Object.assign(request.session, keptSession);
                request.session.set('userId', user.id);
                return { cart: request.session.get('cart') };
              });
            ` },
        ],
      },
    ],
  }),

  // hard negatives: regenerated first; a logged-in user's refresh guarded by get('userId'); a logout
  ts({
    code: code`
      import fastifySession from '@fastify/session';
      app.register(fastifySession, { secret: process.env.SESSION_SECRET!, store });
      app.post('/login', async (request, reply) => {
        const user = await users.verify(request.body);
        await request.session.regenerate();
        request.session.set('userId', user.id);
      });
      app.post('/refresh', async (request, reply) => {
        if (!request.session.get('userId')) return reply.code(401).send();
        request.session.set('userId', await users.reload(request.session.get('userId')));
      });
      app.post('/logout', async (request, reply) => {
        request.session.set('userId', null);
      });
    `,
  }),

  // a key read by a name the code computes after the login: the regeneration would lose it, so no fix is offered
  ts({
    code: code`
      import fastifySession from '@fastify/session';
      app.register(fastifySession, { secret: process.env.SESSION_SECRET!, store });
      app.post('/login', async (request, reply) => {
        const user = await users.verify(request.body);
        request.session.set('userId', user.id);
        return request.session.get(request.query.key);
      });
    `,
    errors: [
      {
        messageId: 'notRegenerated', line: 5, column: 3, endLine: 5, endColumn: 41,
        data: { target: "request.session.set('userId', …)", noFix: ' (no fix is suggested: the handler reads the session by a computed key after the login, which a regeneration would lose)' },
        suggestions: [],
      },
    ],
  }),

  // hard negative: @fastify/secure-session seals the data into the cookie, so there is no server-side session ID to fixate
  ts({
    code: code`
      import fastifySecureSession from '@fastify/secure-session';
      app.register(fastifySecureSession, { key: Buffer.from(process.env.SESSION_KEY!, 'hex') });
      app.post('/login', async (request, reply) => {
        const user = await users.verify(request.body);
        request.session.set('userId', user.id);
      });
    `,
  }),

  // hard negative: express-session's session has no set(): a call of a method of that name is not a write
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, store }));
      app.post('/login', async (req, res) => {
        req.session.set('userId', user.id);
      });
    `,
  }),
]);
