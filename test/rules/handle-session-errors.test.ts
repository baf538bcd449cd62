// handle-session-errors: each true positive with its hard negative beside it; positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('handle-session-errors');

run('destroy() without a callback', [
  // (req, res) handler: the fix adds next and a callback that forwards the error; the rest of the handler moves into it
  js({
    code: code`
      app.post('/logout', (req, res) => {
        req.session.destroy();
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
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

  // several statements move, comments and nesting with them, two spaces deeper
  js({
    code: code`
      app.post('/logout', (req, res, next) => {
        req.session.destroy();
        // back to the start

        if (req.query.next) {
          return res.redirect(req.query.next);
        }
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              app.post('/logout', (req, res, next) => {
                req.session.destroy((err) => {
                  if (err) return next(err);
                  // back to the start

                  if (req.query.next) {
                    return res.redirect(req.query.next);
                  }
                  res.redirect('/');
                });
              });
            ` },
        ],
      },
    ],
  }),

  // the rest uses a name err: the callback's parameter takes another
  js({
    code: code`
      app.post('/logout', (req, res, next) => {
        req.session.destroy();
        const err = null;
        res.json({ err });
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              app.post('/logout', (req, res, next) => {
                req.session.destroy((sessionErr) => {
                  if (sessionErr) return next(sessionErr);
                  const err = null;
                  res.json({ err });
                });
              });
            ` },
        ],
      },
    ],
  }),

  // a template literal over several lines moves as it is (re-indenting would change the string)
  js({
    code: code`
      app.post('/logout', (req, res, next) => {
        req.session.destroy();
        res.send(\`<p>Bye.</p>
      <a href="/">Home</a>\`);
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              app.post('/logout', (req, res, next) => {
                req.session.destroy((err) => {
                  if (err) return next(err);
                res.send(\`<p>Bye.</p>
              <a href="/">Home</a>\`);
                });
              });
            ` },
        ],
      },
    ],
  }),

  // nothing moves when the call is not a statement of the handler itself, or what follows awaits
  js({
    code: code`
      app.post('/logout', (req, res, next) => {
        if (req.session) {
          req.session.destroy();
        }
        res.redirect('/');
      });
      app.post('/logout2', async (req, res, next) => {
        req.session.destroy();
        await audit(req);
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 3, column: 5, endLine: 3, endColumn: 26,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/logout', (req, res, next) => {
                if (req.session) {
                  req.session.destroy((err) => {
                    if (err) return next(err);
                  });
                }
                res.redirect('/');
              });
              app.post('/logout2', async (req, res, next) => {
                req.session.destroy();
                await audit(req);
                res.redirect('/');
              });
            ` },
        ],
      },
      {
        messageId: 'noCallback', line: 8, column: 3, endLine: 8, endColumn: 24,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/logout', (req, res, next) => {
                if (req.session) {
                  req.session.destroy();
                }
                res.redirect('/');
              });
              app.post('/logout2', async (req, res, next) => {
                req.session.destroy((err) => {
                  if (err) return next(err);
                });
                await audit(req);
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: next passed directly
  js({
    code: code`
      app.post('/logout', (req, res, next) => {
        req.session.destroy(next);
      });
    `,
  }),

  // (req, res, next) handler: the fix uses the existing next
  js({
    code: code`
      app.post('/logout', function (req, res, next) {
        req.session.destroy();
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              app.post('/logout', function (req, res, next) {
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

  // a callback that uses the error
  js({
    code: code`
      app.post('/logout', function (req, res, next) {
        req.session.destroy(function (err) {
          if (err) return next(err);
          res.redirect('/');
        });
      });
    `,
  }),

  // the third parameter keeps its own name
  js({
    code: code`
      router.get('/logout', (req, res, done) => {
        req.session.destroy();
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardError', output: code`
              router.get('/logout', (req, res, done) => {
                req.session.destroy((err) => {
                  if (err) return done(err);
                });
              });
            ` },
        ],
      },
    ],
  }),

  // an expression-bodied handler
  // DESIGN: `return req.session.save()` counts as promise style (not judged) but this implicit return is judged;
  // for express-session the error is lost either way, so reporting here looks right and `return` may be the outlier
  js({
    code: code`
      app.post('/logout', (req, res) => req.session.destroy());
    `,
    errors: [
      {
        messageId: 'noCallback', line: 1, column: 35, endLine: 1, endColumn: 56,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/logout', (req, res, next) => req.session.destroy((err) => {
                if (err) return next(err);
              }));
            ` },
        ],
      },
    ],
  }),

  // a named handler exported without `next`, and whose response is not known to be express's: nowhere to send the error
  // (adding `next` is only safe where the framework is seen to pass one)
  cjs({
    code: code`
      function logout(req, res) {
        req.session.destroy();
      }
      module.exports = { logout };
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24, suggestions: [],
        data: { call: 'req.session.destroy', done: 'destroyed', noFix: ' (no fix is suggested: there is no `next`, response or promise here to pass the error to)' },
      },
    ],
  }),

  // the same exported handler answering through express's response API: the error becomes a 500 response
  cjs({
    code: code`
      function logout(req, res) {
        req.session.destroy();
        res.redirect('/');
      }
      module.exports = { logout };
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              function logout(req, res) {
                req.session.destroy((err) => {
                  if (err) return res.sendStatus(500);
                  res.redirect('/');
                });
              }
              module.exports = { logout };
            ` },
        ],
      },
    ],
  }),

  // a named function as the callback: it receives the error
  cjs({
    code: code`
      function logout(req, res, next) {
        req.session.destroy(onDestroyed);
        function onDestroyed(err) {
          if (err) return next(err);
          res.redirect('/');
        }
      }
    `,
  }),

  // outside any request handler: reported, no mechanical fix
  js({
    code: code`
      export function forget(req) {
        req.session.destroy();
      }
    `,
    errors: [
      { messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24, suggestions: [] },
    ],
  }),

  // a rest parameter is no next to call: the handler answers through its response instead
  js({
    code: code`
      app.post('/logout', (req, res, ...rest) => {
        req.session.destroy();
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/logout', (req, res, ...rest) => {
                req.session.destroy((err) => {
                  if (err) return res.sendStatus(500);
                });
              });
            ` },
        ],
      },
    ],
  }),

  // TypeScript: the added next is typed
  ts({
    code: code`
      import type { Request, Response } from 'express';
      app.post('/logout', (req: Request, res: Response) => {
        req.session.destroy();
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 3, column: 3, endLine: 3, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              import type { Request, Response } from 'express';
              app.post('/logout', (req: Request, res: Response, next: (err?: unknown) => void) => {
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

  ts({
    code: code`
      import type { NextFunction, Request, Response } from 'express';
      app.post('/logout', (req: Request, res: Response, next: NextFunction) => {
        req.session.destroy(next);
      });
    `,
  }),
]);

run('promise style is not judged', [
  js({
    code: code`
      app.post('/save', async (req, res) => {
        await req.session.save();
        res.end();
      });
    `,
  }),

  js({
    code: code`
      app.post('/save', (req, res, next) => {
        return req.session.save();
      });
    `,
  }),

  js({
    code: code`
      app.post('/save', (req, res, next) => {
        req.session.save().then(() => res.end(), next);
      });
    `,
  }),

  // TypeScript: awaited through a type assertion, still promise style
  ts({
    code: code`
      app.post('/save', async (req: Request, res: Response) => {
        await (req.session.save() as unknown as Promise<void>);
        res.end();
      });
    `,
  }),

  // hard negative of the above: the same call as a bare statement
  js({
    code: code`
      app.post('/save', (req, res, next) => {
        req.session.save();
        res.end();
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 21,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              app.post('/save', (req, res, next) => {
                req.session.save((err) => {
                  if (err) return next(err);
                  res.end();
                });
              });
            ` },
        ],
      },
    ],
  }),

  // iron-session's destroy() is synchronous: a file that uses it is not judged
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      export async function POST(req, res) {
        const session = await getIronSession(req, res, sessionOptions);
        session.destroy();
        req.session.destroy();
      }
    `,
  }),

  ts({
    code: code`
      app.post('/save', async (req: Request, res: Response) => {
        await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
        res.end();
      });
    `,
  }),
]);

run('callbacks that ignore or omit the error', [
  // no parameter, expression body: the fix adds err and a block
  js({
    code: code`
      app.post('/login', (req, res, next) => {
        req.session.regenerate(() => res.redirect('/home'));
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 2, column: 26, endLine: 2, endColumn: 53,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/login', (req, res, next) => {
                req.session.regenerate((err) => { if (err) return next(err); return res.redirect('/home'); });
              });
            ` },
        ],
      },
    ],
  }),

  js({
    code: code`
      app.post('/login', (req, res, next) => {
        req.session.regenerate((err) => (err ? next(err) : res.redirect('/home')));
      });
    `,
  }),

  // an error parameter never read, block body
  js({
    code: code`
      app.post('/login', (req, res, next) => {
        req.session.regenerate((err) => {
          req.session.user = req.body.user;
          res.redirect('/home');
        });
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 2, column: 26, endLine: 5, endColumn: 4,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/login', (req, res, next) => {
                req.session.regenerate((err) => {
                  if (err) return next(err);
                  req.session.user = req.body.user;
                  res.redirect('/home');
                });
              });
            ` },
        ],
      },
    ],
  }),

  // a function expression without parameters, block body
  js({
    code: code`
      app.post('/login', function (req, res) {
        req.session.save(function () {
          res.redirect('/home');
        });
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 2, column: 20, endLine: 4, endColumn: 4,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/login', function (req, res, next) {
                req.session.save(function (err) {
                  if (err) return next(err);
                  res.redirect('/home');
                });
              });
            ` },
        ],
      },
    ],
  }),

  // an empty callback
  js({
    code: code`
      app.post('/touch', (req, res, next) => {
        req.session.reload(() => {});
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 2, column: 22, endLine: 2, endColumn: 30,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/touch', (req, res, next) => {
                req.session.reload((err) => { if (err) return next(err); });
              });
            ` },
        ],
      },
    ],
  }),

  // a single-line block body
  js({
    code: code`
      app.post('/touch', (req, res, next) => {
        req.session.reload((e) => { res.end(); });
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 2, column: 22, endLine: 2, endColumn: 43,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/touch', (req, res, next) => {
                req.session.reload((e) => { if (e) return next(e); res.end(); });
              });
            ` },
        ],
      },
    ],
  }),

  // an outer `err` is not shadowed by the added parameter
  js({
    code: code`
      app.post('/fail', (req, res, next) => {
        try {
          work();
        } catch (err) {
          req.session.destroy(() => res.status(500).send(String(err)));
        }
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 5, column: 25, endLine: 5, endColumn: 64,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/fail', (req, res, next) => {
                try {
                  work();
                } catch (err) {
                  req.session.destroy((sessionErr) => { if (sessionErr) return next(sessionErr); return res.status(500).send(String(err)); });
                }
              });
            ` },
        ],
      },
    ],
  }),

  // a destructured error reads it
  js({
    code: code`
      app.post('/x', (req, res, next) => {
        req.session.destroy(({ message }) => res.send(message));
      });
    `,
  }),

  // inside a promise executor the handler is still the (req, res) function
  js({
    code: code`
      app.post('/save', (req, res) => {
        return new Promise((resolve) => {
          req.session.save(() => resolve());
        });
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 3, column: 22, endLine: 3, endColumn: 37,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/save', (req, res, next) => {
                return new Promise((resolve) => {
                  req.session.save((err) => { if (err) return next(err); return resolve(); });
                });
              });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import type { NextFunction, Request, Response } from 'express';
      app.post('/login', (req: Request, res: Response, next: NextFunction) => {
        req.session!.regenerate((err) => res.redirect('/home'));
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 3, column: 27, endLine: 3, endColumn: 57,
        suggestions: [
          { messageId: 'forwardError', output: code`
              import type { NextFunction, Request, Response } from 'express';
              app.post('/login', (req: Request, res: Response, next: NextFunction) => {
                req.session!.regenerate((err) => { if (err) return next(err); return res.redirect('/home'); });
              });
            ` },
        ],
      },
    ],
  }),

  // the message names the call as written
  ts({
    code: code`
      app.post('/login', (req: Request, res: Response) => {
        (req.session as any).save(() => res.end());
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 2, column: 29, endLine: 2, endColumn: 44,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/login', (req: Request, res: Response, next: (err?: unknown) => void) => {
                (req.session as any).save((err) => { if (err) return next(err); return res.end(); });
              });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      app.post('/login', (req: Request, res: Response, next: NextFunction) => {
        req.session.regenerate((err: Error | null) => {
          if (err) return next(err);
          res.redirect('/home');
        });
      });
    `,
  }),
]);

run('what is a session', [
  // req['session'] and a renamed request
  js({
    code: code`
      app.post('/x', (request, response) => {
        request['session'].destroy();
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 31,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/x', (request, response, next) => {
                request['session'].destroy((err) => {
                  if (err) return next(err);
                });
              });
            ` },
        ],
      },
    ],
  }),

  // an object written in the file is not a request
  js({
    code: code`
      const cache = { session: { destroy() {}, save() {} } };
      cache.session.destroy();
      cache.session.save();
    `,
  }),

  // other methods, and session without a property access
  js({
    code: code`
      app.post('/x', (req, res, next) => {
        req.session.touch();
        req.sessionStore.destroy(req.sessionID);
        destroy();
      });
    `,
  }),
]);

const NO_SINK = ' (no fix is suggested: there is no `next`, response or promise here to pass the error to)';

run('where the error goes: only what the code has, and only functions (issue #11)', [
  // an async helper whose third parameter has a default value: not next; its promise carries the error
  cjs({
    code: code`
      async function onLogin(req, uid, trackSession = true) {
        try {
          await track(uid, trackSession);
        } catch (err) {
          req.session.destroy();
          throw err;
        }
      }
      module.exports = onLogin;
    `,
    errors: [
      {
        messageId: 'noCallback', line: 5, column: 5, endLine: 5, endColumn: 26,
        suggestions: [
          { messageId: 'forwardError', output: code`
              async function onLogin(req, uid, trackSession = true) {
                try {
                  await track(uid, trackSession);
                } catch (err) {
                  await new Promise((resolve, reject) => req.session.destroy((sessionErr) => (sessionErr ? reject(sessionErr) : resolve(undefined))));
                  throw err;
                }
              }
              module.exports = onLogin;
            ` },
        ],
      },
    ],
  }),

  // a passport verify callback: its third parameter is a value from the form, never something to call
  js({
    code: code`
      passport.use(new LocalStrategy({ passReqToCallback: true }, (req, email, confirmPassword, done) => {
        req.session.save();
        done(null, email);
      }));
    `,
    errors: [{ messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 21, suggestions: [], data: { call: 'req.session.save', done: 'saved', noFix: NO_SINK } }],
  }),

  // an exported function whose third parameter is not called next: not taken for it
  cjs({
    code: code`
      function register(req, email, confirmPassword) {
        req.session.save();
      }
      module.exports = { register };
    `,
    errors: [{ messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 21, suggestions: [], data: { call: 'req.session.save', done: 'saved', noFix: NO_SINK } }],
  }),

  // hard negative of the above: exported with a third parameter named next, the middleware convention
  cjs({
    code: code`
      exports.register = function (req, res, next) {
        req.session.save();
      };
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 21,
        suggestions: [
          { messageId: 'forwardError', output: code`
              exports.register = function (req, res, next) {
                req.session.save((err) => {
                  if (err) return next(err);
                });
              };
            ` },
        ],
      },
    ],
  }),

  // a middleware a framework registers from a table (real code: Apostrophe's login module): it calls its `next` itself
  cjs({
    code: code`
      module.exports = {
        middleware(self) {
          return {
            honorLoginInvalidBefore: {
              middleware(req, res, next) {
                if (req.user && req.user.stale) return req.session.regenerate(() => next());
                return next();
              },
            },
          };
        },
      };
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 6, column: 73, endLine: 6, endColumn: 85,
        suggestions: [
          { messageId: 'forwardError', output: code`
              module.exports = {
                middleware(self) {
                  return {
                    honorLoginInvalidBefore: {
                      middleware(req, res, next) {
                        if (req.user && req.user.stale) return req.session.regenerate((err) => { if (err) return next(err); return next(); });
                        return next();
                      },
                    },
                  };
                },
              };
            ` },
        ],
      },
    ],
  }),

  // hard negative of the above: a third parameter named next that the function never calls is not taken for it
  cjs({
    code: code`
      const table = {
        guard: {
          middleware(req, res, next) {
            return req.session.regenerate(() => res.redirect('/'));
          },
        },
      };
    `,
    errors: [{ messageId: 'errorIgnored', line: 4, column: 37, endLine: 4, endColumn: 60, suggestions: [] }],
  }),

  // bcrypt's callback is not a handler: its parameters stay as they are (no request of its own: no fix)
  js({
    code: code`
      class Auth {
        check() {
          bcrypt.compare(this.req.body.password, hash, async (error, isMatch) => {
            this.req.session.save();
          });
        }
      }
    `,
    errors: [{ messageId: 'noCallback', line: 4, column: 7, endLine: 4, endColumn: 30, suggestions: [], data: { call: 'this.req.session.save', done: 'saved', noFix: NO_SINK } }],
  }),

  // inside bcrypt's callback in a route: the route's handler gets next, the callback keeps `(error, isMatch)`
  js({
    code: code`
      import express from 'express';
      const router = express.Router();
      router.post('/login', (req, res) => {
        bcrypt.compare(req.body.password, hash, async (error, isMatch) => {
          req.session.save();
        });
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 5, column: 5, endLine: 5, endColumn: 23,
        suggestions: [
          { messageId: 'forwardError', output: code`
              import express from 'express';
              const router = express.Router();
              router.post('/login', (req, res, next) => {
                bcrypt.compare(req.body.password, hash, async (error, isMatch) => {
                  req.session.save((err) => {
                    if (err) return next(err);
                  });
                });
              });
            ` },
        ],
      },
    ],
  }),

  // a route on app.route(path).METHOD: registered too
  js({
    code: code`
      import express from 'express';
      const app = express();
      app.route('/logout').post(function (req, res) {
        req.session.destroy();
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 4, column: 3, endLine: 4, endColumn: 24,
        suggestions: [
          { messageId: 'forwardError', output: code`
              import express from 'express';
              const app = express();
              app.route('/logout').post(function (req, res, next) {
                req.session.destroy((err) => {
                  if (err) return next(err);
                });
              });
            ` },
        ],
      },
    ],
  }),

  // a handler passed by name, wrapped once (asyncHandler): registered
  js({
    code: code`
      import express from 'express';
      const router = express.Router();
      function logout(req, res) {
        req.session.destroy();
        res.redirect('/');
      }
      router.post('/logout', asyncHandler(logout));
    `,
    errors: [
      {
        messageId: 'noCallback', line: 4, column: 3, endLine: 4, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              import express from 'express';
              const router = express.Router();
              function logout(req, res, next) {
                req.session.destroy((err) => {
                  if (err) return next(err);
                  res.redirect('/');
                });
              }
              router.post('/logout', asyncHandler(logout));
            ` },
        ],
      },
    ],
  }),

  // fastify: route handlers get no next; in the async handler the call is awaited (the rest returns a value and stays)
  ts({
    code: code`
      import Fastify from 'fastify';
      const fastify = Fastify();
      fastify.post('/logout', async (request, reply) => {
        request.session.destroy();
        return reply.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 4, column: 3, endLine: 4, endColumn: 28,
        suggestions: [
          { messageId: 'forwardError', output: code`
              import Fastify from 'fastify';
              const fastify = Fastify();
              fastify.post('/logout', async (request, reply) => {
                await new Promise((resolve, reject) => request.session.destroy((err) => (err ? reject(err) : resolve(undefined))));
                return reply.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // fastify, not async: the error goes to fastify's error handler through reply.send
  ts({
    code: code`
      import Fastify from 'fastify';
      const fastify = Fastify();
      fastify.post('/logout', (request, reply) => {
        request.session.destroy();
        reply.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 4, column: 3, endLine: 4, endColumn: 28,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              import Fastify from 'fastify';
              const fastify = Fastify();
              fastify.post('/logout', (request, reply) => {
                request.session.destroy((err) => {
                  if (err) return reply.send(err);
                  reply.redirect('/');
                });
              });
            ` },
        ],
      },
    ],
  }),

  // a promise executor with reject: the error rejects the promise the code waits on
  js({
    code: code`
      export async function persist(req) {
        await new Promise((resolve, reject) => {
          req.session.save(() => resolve());
        });
      }
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 3, column: 22, endLine: 3, endColumn: 37,
        suggestions: [
          { messageId: 'forwardError', output: code`
              export async function persist(req) {
                await new Promise((resolve, reject) => {
                  req.session.save((err) => { if (err) return reject(err); return resolve(); });
                });
              }
            ` },
        ],
      },
    ],
  }),
]);

run('moving the rest of the handler keeps its meaning (issue #11)', [
  // a hoisted function declaration stays where it is: code before the call uses it
  js({
    code: code`
      app.post('/logout', (req, res) => {
        log(); req.session.destroy(); res.redirect('/'); function log() {}
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 10, endLine: 2, endColumn: 31,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              app.post('/logout', (req, res, next) => {
                log(); req.session.destroy((err) => {
                  if (err) return next(err);
                  res.redirect('/');
                }); function log() {}
              });
            ` },
        ],
      },
    ],
  }),

  // a declaration after the call that code outside the moved statements uses: nothing can move, no fix
  js({
    code: code`
      app.post('/logout', (req, res) => {
        req.session.destroy();
        const target = '/';
        res.redirect(target);
        function after() { return target; }
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24, suggestions: [],
        data: { call: 'req.session.destroy', done: 'destroyed', noFix: ' (no fix is suggested: the statements after it declare `target`, which code outside them uses)' },
      },
    ],
  }),

  // hard negative of the above: the declaration is only used by what moves with it
  js({
    code: code`
      app.post('/logout', (req, res) => {
        req.session.destroy();
        const target = '/';
        res.redirect(target);
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              app.post('/logout', (req, res, next) => {
                req.session.destroy((err) => {
                  if (err) return next(err);
                  const target = '/';
                  res.redirect(target);
                });
              });
            ` },
        ],
      },
    ],
  }),
]);

run('a destroyed session is not used after the store is done (issue #11, real code)', [
  // found on a fastify app: the awaited destroy would set request.session to null before the write (TypeError on every logout)
  js({
    code: code`
      export const signOut = async (req, res) => {
        req.session.destroy();
        req.session.user = null;
        return { message: 'Logged out' };
      };
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        data: {
          call: 'req.session.destroy', done: 'destroyed',
          noFix: ' (no fix is suggested: the handler uses `req.session.user` after destroying it, and once the store is done the session is gone (express-session deletes it, @fastify/session sets it to null): waiting for the store would make that use throw)',
        },
        suggestions: [],
      },
    ],
  }),

  // the same in an express route whose rest would move into the callback
  ts({
    code: code`
      import express from 'express';
      const app = express();
      app.post('/logout', (req, res, next) => {
        req.session.destroy();
        res.json({ was: req.session['user'] });
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 4, column: 3, endLine: 4, endColumn: 24,
        data: {
          call: 'req.session.destroy', done: 'destroyed',
          noFix: " (no fix is suggested: the handler uses `req.session['user']` after destroying it, and once the store is done the session is gone (express-session deletes it, @fastify/session sets it to null): waiting for the store would make that use throw)",
        },
        suggestions: [],
      },
    ],
  }),

  // hard negative: optional chaining survives the missing session, and assigning the session itself is no use of the old one
  js({
    code: code`
      export const signOut = async (req, res) => {
        req.session.destroy();
        req.session = null;
        return { user: req.session?.user };
      };
    `,
    errors: [
      {
        messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 24,
        suggestions: [
          { messageId: 'forwardError', output: code`
              export const signOut = async (req, res) => {
                await new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve(undefined))));
                req.session = null;
                return { user: req.session?.user };
              };
            ` },
        ],
      },
    ],
  }),

  // hard negative: the session read before the call is not affected
  js({
    code: code`
      export const signOut = async (req, res) => {
        const name = req.session.user;
        req.session.destroy();
        return { bye: name };
      };
    `,
    errors: [
      {
        messageId: 'noCallback', line: 3, column: 3, endLine: 3, endColumn: 24,
        suggestions: [
          { messageId: 'forwardError', output: code`
              export const signOut = async (req, res) => {
                const name = req.session.user;
                await new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve(undefined))));
                return { bye: name };
              };
            ` },
        ],
      },
    ],
  }),
]);


run('await on a method that returns no promise (issue #12)', [
  // express-session's save() returns the session, not a promise: the await waits for nothing, the catch never runs
  js({
    code: code`
      import session from 'express-session';
      app.post('/save', async (req, res, next) => {
        try {
          await req.session.save();
        } catch (err) {
          return next(err);
        }
        res.end();
      });
    `,
    errors: [
      {
        messageId: 'awaitedNoPromise', line: 4, column: 11, endLine: 4, endColumn: 29,
        data: { call: 'req.session.save', from: 'express-session', done: 'saved', noFix: '' },
        suggestions: [
          { messageId: 'forwardError', output: code`
              import session from 'express-session';
              app.post('/save', async (req, res, next) => {
                try {
                  await new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve(undefined))));
                } catch (err) {
                  return next(err);
                }
                res.end();
              });
            ` },
        ],
      },
    ],
  }),

  // chained with then(): the same
  cjs({
    code: code`
      const session = require('express-session');
      app.post('/login', (req, res, next) => {
        req.session.regenerate().then(() => res.end(), next);
      });
    `,
    errors: [
      {
        messageId: 'awaitedNoPromise', line: 3, column: 3, endLine: 3, endColumn: 27,
        suggestions: [
          { messageId: 'forwardError', output: code`
              const session = require('express-session');
              app.post('/login', (req, res, next) => {
                new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve(undefined)))).then(() => res.end(), next);
              });
            ` },
        ],
      },
    ],
  }),

  // hard negative: @fastify/session returns a promise when no callback is given
  js({
    code: code`
      import fastifySession from '@fastify/session';
      app.post('/logout', async (request, reply) => {
        await request.session.destroy();
        reply.send('ok');
      });
    `,
  }),

  // hard negative: the promise is built around the callback
  js({
    code: code`
      import session from 'express-session';
      app.post('/save', async (req, res) => {
        await new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
        res.end();
      });
    `,
  }),
]);

run('sessions reached through a local name or a helper (issue #12)', [
  // const session = req.session
  js({
    code: code`
      app.post('/logout', (req, res) => {
        const session = req.session;
        session.destroy();
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noCallback', line: 3, column: 3, endLine: 3, endColumn: 20,
        suggestions: [
          { messageId: 'forwardErrorThenRest', output: code`
              app.post('/logout', (req, res, next) => {
                const session = req.session;
                session.destroy((err) => {
                  if (err) return next(err);
                  res.redirect('/');
                });
              });
            ` },
        ],
      },
    ],
  }),

  // const { session } = req, with a callback that ignores its error
  ts({
    code: code`
      app.post('/save', (req: Request, res: Response, next: NextFunction) => {
        const { session } = req;
        session.save(() => res.end());
      });
    `,
    errors: [
      {
        messageId: 'errorIgnored', line: 3, column: 16, endLine: 3, endColumn: 31,
        suggestions: [
          { messageId: 'forwardError', output: code`
              app.post('/save', (req: Request, res: Response, next: NextFunction) => {
                const { session } = req;
                session.save((err) => { if (err) return next(err); return res.end(); });
              });
            ` },
        ],
      },
    ],
  }),

  // socket.io: the handshake request's session
  js({
    code: code`
      io.on('connection', (socket) => {
        socket.request.session.save();
      });
    `,
    errors: [{ messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 32, suggestions: [] }],
  }),

  // a helper that receives the session: reported in the helper, no fix (its caller's next is out of reach)
  js({
    code: code`
      function endSession(session) {
        session.destroy();
      }
      app.post('/logout', (req, res) => {
        endSession(req.session);
        res.redirect('/');
      });
    `,
    errors: [{ messageId: 'noCallback', line: 2, column: 3, endLine: 2, endColumn: 20, suggestions: [] }],
  }),

  // hard negatives: a helper also called with something else, a name assigned again, a session from a library call
  js({
    code: code`
      function endSession(session) {
        session.destroy();
      }
      endSession(req.session);
      endSession(cache);
      app.post('/logout', async (req, res) => {
        let current = req.session;
        current = other;
        current.destroy();
        const session = await getSession(req);
        session.destroy();
        session.save();
      });
    `,
  }),
]);

run('named callbacks declared elsewhere (issue #12)', [
  // const done = () => ...: ignores the error
  js({
    code: code`
      app.post('/logout', (req, res) => {
        const done = () => res.redirect('/');
        req.session.destroy(done);
      });
    `,
    errors: [{ messageId: 'errorIgnored', line: 3, column: 23, endLine: 3, endColumn: 27 }],
  }),

  // a function declaration without an error parameter (in a module: a script's functions are globals other files may declare too)
  js({
    code: code`
      import express from 'express';
      function afterLogout() {
        console.log('bye');
      }
      app.post('/logout', (req, res) => {
        req.session.destroy(afterLogout);
        res.end();
      });
    `,
    errors: [{ messageId: 'errorIgnored', line: 6, column: 23, endLine: 6, endColumn: 34 }],
  }),

  // hard negatives: a declared callback that reads its error, next, a parameter passed in
  js({
    code: code`
      import express from 'express';
      function afterLogout(err) {
        if (err) throw err;
      }
      app.post('/logout', (req, res, next) => {
        const done = (err) => (err ? next(err) : res.redirect('/'));
        req.session.destroy(done);
        req.session.save(afterLogout);
        req.session.reload(next);
      });
      function end(req, cb) {
        req.session.destroy(cb);
      }
    `,
  }),
]);

run("iron-session: decided by the session object's library (issue #12)", [
  // save() returns a promise: as a statement nothing waits on it; destroy() is synchronous (not reported)
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      import { cookies } from 'next/headers';
      async function getSession() {
        return getIronSession(cookies(), sessionOptions);
      }
      export async function POST() {
        const session = await getSession();
        session.user = undefined;
        session.destroy();
        session.save();
      }
    `,
    errors: [
      {
        messageId: 'promiseNotAwaited', line: 10, column: 3, endLine: 10, endColumn: 17,
        data: { call: 'session.save', from: 'iron-session', done: 'saved', noFix: '' },
        suggestions: [
          { messageId: 'forwardError', output: code`
              import { getIronSession } from 'iron-session';
              import { cookies } from 'next/headers';
              async function getSession() {
                return getIronSession(cookies(), sessionOptions);
              }
              export async function POST() {
                const session = await getSession();
                session.user = undefined;
                session.destroy();
                await session.save();
              }
            ` },
        ],
      },
    ],
  }),

  // iron-session 6: req.session in a withIronSessionApiRoute handler; outside an async function, no fix
  js({
    code: code`
      import { withIronSessionApiRoute } from 'iron-session/next';
      export default withIronSessionApiRoute(function logout(req, res) {
        req.session.destroy();
        req.session.save();
        res.send({ ok: true });
      }, options);
    `,
    errors: [{ messageId: 'promiseNotAwaited', line: 4, column: 3, endLine: 4, endColumn: 21, suggestions: [], data: { call: 'req.session.save', from: 'iron-session', done: 'saved', noFix: ' (no fix is suggested: the function around it is not async)' } }],
  }),

  // hard negatives: awaited, returned, or an object that is not the library's session
  js({
    code: code`
      import { getIronSession } from 'iron-session';
      export async function POST(req, res) {
        const session = await getIronSession(req, res, sessionOptions);
        await session.save();
        const draft = await loadDraft();
        draft.save();
        return session.save();
      }
    `,
  }),

  // TypeScript: the session's declared type says destroy() takes no callback (not a callback-style session)
  ts({
    code: code`
      import type { Response } from 'express';
      interface CookieSession { destroy(): void; save(): Promise<void> }
      export function logout(req: { session: CookieSession }, res: Response) {
        req.session.destroy();
        res.redirect('/');
      }
    `,
  }),
]);
