// no-sensitive-session-data: each true positive with its hard negative beside it; positions asserted
// (the rule has no mechanical fix: what to store instead is the app's choice).
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const run = ruleRunner('no-sensitive-session-data');

run('passwords', [
  // by the session key
  js({
    code: code`
      app.post('/signup', (req, res) => {
        req.session.password = req.body.password;
      });
    `,
    errors: [{ messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 23, data: { target: 'req.session.password', what: 'a password', where: '' }, suggestions: [] }],
  }),

  // hard negative: a flag about the password, not the password
  js({
    code: code`
      app.post('/signup', (req, res) => {
        req.session.passwordExpired = true;
        req.session.passwordChanged = false;
        req.session.passwordAttempts = 3;
        req.session.password = null;
      });
    `,
  }),

  // by where the value comes from: any key holding req.body.password
  js({
    code: code`
      app.post('/signup/step1', (req, res) => {
        req.session.pending = req.body.password;
      });
    `,
    errors: [{ messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 22, data: { target: 'req.session.pending', what: 'a password', where: '' }, suggestions: [] }],
  }),

  // hard negative: the other fields of the same form
  js({
    code: code`
      app.post('/signup/step1', (req, res) => {
        req.session.pending = req.body.email;
        req.session.passwordHint = req.body.hint;
      });
    `,
  }),

  // newPassword, as a key, as an element access source, and as a shorthand in Object.assign
  cjs({
    code: code`
      exports.change = function (req, res) {
        req.session.newPassword = hash;
        req.session.next = req.body['newPassword'];
        Object.assign(req.session, { password });
      };
    `,
    errors: [
      { messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 26, data: { target: 'req.session.newPassword', what: 'a password', where: '' }, suggestions: [] },
      { messageId: 'secretData', line: 3, column: 3, endLine: 3, endColumn: 19, data: { target: 'req.session.next', what: 'a password', where: '' }, suggestions: [] },
      { messageId: 'secretData', line: 4, column: 32, endLine: 4, endColumn: 40, data: { target: 'password', what: 'a password', where: '' }, suggestions: [] },
    ],
  }),

  // hard negative: Object.assign with other data
  cjs({
    code: code`
      exports.change = function (req, res) {
        Object.assign(req.session, { passwordChangedAt: Date.now(), returnTo: '/' });
      };
    `,
  }),

  // a nested key under the session
  ts({
    code: code`
      app.post('/login', (req: Request, res: Response) => {
        req.session.user.password = user.password;
      });
    `,
    errors: [{ messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 28, data: { target: 'req.session.user.password', what: 'a password', where: '' }, suggestions: [] }],
  }),

  // hard negative: the user without the password
  ts({
    code: code`
      app.post('/login', (req: Request, res: Response) => {
        req.session.user = { id: user.id, name: user.name };
      });
    `,
  }),

  // TypeScript wrappers around the session and the value
  ts({
    code: code`
      app.post('/x', (req: Request, res: Response) => {
        (req.session as any).secretWord = req.body.password as string;
      });
    `,
    errors: [{ messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 34, data: { target: '(req.session as any).secretWord', what: 'a password', where: '' }, suggestions: [] }],
  }),
]);

run('payment card data', [
  js({
    code: code`
      app.post('/checkout', (req, res) => {
        req.session.cardNumber = req.body.number;
        req.session.cvv = req.body.cvv;
        req.session.pan = pan;
      });
    `,
    errors: [
      { messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 25, data: { target: 'req.session.cardNumber', what: 'payment card data', where: '' }, suggestions: [] },
      { messageId: 'secretData', line: 3, column: 3, endLine: 3, endColumn: 18, data: { target: 'req.session.cvv', what: 'payment card data', where: '' }, suggestions: [] },
      { messageId: 'secretData', line: 4, column: 3, endLine: 4, endColumn: 18, data: { target: 'req.session.pan', what: 'payment card data', where: '' }, suggestions: [] },
    ],
  }),

  // hard negative: what a checkout may keep (a token from the payment provider is fine server-side)
  js({
    code: code`
      app.post('/checkout', (req, res) => {
        req.session.cardLast4 = req.body.number.slice(-4);
        req.session.paymentMethodId = pm.id;
        req.session.cart = cart;
        req.session.span = 3;
      });
    `,
  }),

  ts({
    code: code`
      app.post('/checkout', (req: Request, res: Response) => {
        req.session['credit_card'] = req.body.card;
      });
    `,
    errors: [{ messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 29, data: { target: "req.session['credit_card']", what: 'payment card data', where: '' }, suggestions: [] }],
  }),
]);

run('tokens and secrets: only where the session lives in the cookie', [
  // koa-session without a store: the session is a signed, readable cookie
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      app.use(session(app));
      app.use(async (ctx) => {
        ctx.session.githubToken = ctx.state.accessToken;
      });
    `,
    errors: [{ messageId: 'clientToken', line: 6, column: 3, endLine: 6, endColumn: 26, data: { target: 'ctx.session.githubToken', library: 'koa-session', exposure: 'the cookie is signed, not encrypted, so anyone holding it can read the value' } }],
  }),

  // hard negative: koa-session with an external store keeps the token on the server
  cjs({
    code: code`
      const Koa = require('koa');
      const session = require('koa-session');
      const app = new Koa();
      const CONFIG = { key: 'app.sess', store: new RedisStore() };
      app.use(session(CONFIG, app));
      app.use(async (ctx) => {
        ctx.session.githubToken = ctx.state.accessToken;
      });
    `,
  }),

  // cookie-session signs but does not encrypt: the token is readable in the browser
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.use(cookieSession({ name: 'sid', keys: [process.env.KEY] }));
      app.get('/callback', async (req, res) => {
        const tokens = await oauth.exchange(req.query.code);
        req.session.accessToken = tokens.access_token;
        req.session.refresh = tokens.refresh_token;
      });
    `,
    errors: [
      {
        messageId: 'clientToken', line: 5, column: 3, endLine: 5, endColumn: 26,
        data: { target: 'req.session.accessToken', library: 'cookie-session', exposure: 'the cookie is signed, not encrypted, so anyone holding it can read the value' },
        suggestions: [],
      },
      {
        messageId: 'clientToken', line: 6, column: 3, endLine: 6, endColumn: 22,
        data: { target: 'req.session.refresh', library: 'cookie-session', exposure: 'the cookie is signed, not encrypted, so anyone holding it can read the value' },
        suggestions: [],
      },
    ],
  }),

  // a token of another service kept under a generic key is still exposed
  ts({
    code: code`
      import cookieSession from 'cookie-session';
      export function remember(req: Request, githubToken: string) {
        req.session.token = githubToken;
      }
    `,
    errors: [
      {
        messageId: 'clientToken', line: 3, column: 3, endLine: 3, endColumn: 20,
        data: { target: 'req.session.token', library: 'cookie-session', exposure: 'the cookie is signed, not encrypted, so anyone holding it can read the value' },
        suggestions: [],
      },
    ],
  }),

  // hard negative: the session's own token is what the cookie is for (real code: Vendure's setSessionToken)
  ts({
    code: code`
      import cookieSession from 'cookie-session';
      export function setSessionToken(options: { sessionToken: string; req: Request }) {
        const { sessionToken, req } = options;
        if (req.session) req.session.token = sessionToken;
      }
      export function keepId(req: Request, result: { session_id: string }) {
        req.session.authToken = result.session_id;
      }
    `,
  }),

  // hard negative: the same writes with a server-side store (express-session)
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET }));
      app.get('/callback', async (req, res) => {
        const tokens = await oauth.exchange(req.query.code);
        req.session.accessToken = tokens.access_token;
        req.session.refresh = tokens.refresh_token;
      });
    `,
  }),

  // hard negative: state meant for the session (CSRF, OAuth state, nonce, PKCE verifier) in a cookie session
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.get('/login', (req, res) => {
        req.session.csrfToken = token;
        req.session.oauthState = state;
        req.session.nonce = nonce;
        req.session.codeVerifier = verifier;
      });
    `,
  }),

  // CJS, a key named secret
  cjs({
    code: code`
      const cookieSession = require('cookie-session');
      app.post('/keys', (req, res) => {
        req.session.apiKey = key.value;
        req.session.clientSecret = app.secret;
      });
    `,
    errors: [
      {
        messageId: 'clientToken', line: 3, column: 3, endLine: 3, endColumn: 21,
        data: { target: 'req.session.apiKey', library: 'cookie-session', exposure: 'the cookie is signed, not encrypted, so anyone holding it can read the value' },
        suggestions: [],
      },
      {
        messageId: 'clientToken', line: 4, column: 3, endLine: 4, endColumn: 27,
        data: { target: 'req.session.clientSecret', library: 'cookie-session', exposure: 'the cookie is signed, not encrypted, so anyone holding it can read the value' },
        suggestions: [],
      },
    ],
  }),

  // hard negative: no session library in the file (untyped: the app's library is unknown)
  cjs({
    code: code`
      app.post('/keys', (req, res) => {
        req.session.apiKey = key.value;
        req.session.clientSecret = app.secret;
      });
    `,
  }),

  // hard negative: iron-session encrypts the cookie, so the browser cannot read the token
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      export async function handler(req: NextApiRequest, res: NextApiResponse) {
        req.session.githubToken = token;
      }
    `,
  }),

  // hard negative: a flag about the token
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      export async function handler(req: NextApiRequest, res: NextApiResponse) {
        req.session.tokenExpired = true;
        req.session.token = null;
      }
    `,
  }),

  // a password in a cookie session says where it ends up
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.post('/signup', (req, res) => {
        req.session.password = req.body.password;
      });
    `,
    errors: [
      { messageId: 'secretData', line: 3, column: 3, endLine: 3, endColumn: 23, data: { target: 'req.session.password', what: 'a password', where: ', which cookie-session sends to the browser' }, suggestions: [] },
    ],
  }),
]);

run('what the value holds (issue #12)', [
  // a password inside the object written, by key and by where its value comes from
  js({
    code: code`
      app.post('/signup', (req, res) => {
        req.session.user = { name: req.body.name, password };
        req.session.pending = { email: req.body.email, secret: req.body.pwd };
      });
    `,
    errors: [
      { messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 19, data: { target: 'req.session.user', what: 'a password (`password` in the object written)', where: '' } },
      { messageId: 'secretData', line: 3, column: 3, endLine: 3, endColumn: 22, data: { target: 'req.session.pending', what: 'a password (`secret` in the object written, read from `pwd`)', where: '' } },
    ],
  }),

  // hard negative: flags and IDs about the password, and nested objects without one
  js({
    code: code`
      app.post('/signup', (req, res) => {
        req.session.user = { id: user.id, profile: { name: user.name, passwordChangedAt: user.changedAt } };
      });
    `,
  }),

  // the whole request body, on a route whose handler reads a password from it
  js({
    code: code`
      app.post('/signup', async (req, res) => {
        const { email, password } = req.body;
        await users.create(email, password);
        req.session.form = req.body;
      });
    `,
    errors: [{ messageId: 'secretData', line: 4, column: 3, endLine: 4, endColumn: 19, data: { target: 'req.session.form', what: 'a password (the whole request body, whose `password` the handler reads)', where: '' } }],
  }),

  // hard negative: the whole body of a form without one
  js({
    code: code`
      app.post('/search', (req, res) => {
        if (!req.body.query) return res.sendStatus(400);
        req.session.lastSearch = { ...req.body };
        req.session.filters = req.body;
      });
    `,
  }),

  // through a helper's parameter: what its callers pass
  js({
    code: code`
      function remember(req, value) {
        req.session.remembered = value;
      }
      app.post('/login', (req, res) => {
        remember(req, req.body.password);
      });
    `,
    errors: [{ messageId: 'secretData', line: 2, column: 3, endLine: 2, endColumn: 25, data: { target: 'req.session.remembered', what: 'a password (`password`, passed to `remember` as `value`)', where: '' } }],
  }),

  // hard negative: the same helper given something else
  js({
    code: code`
      function remember(req, value) {
        req.session.remembered = value;
      }
      app.post('/prefs', (req, res) => {
        remember(req, req.body.theme);
      });
    `,
  }),

  // TypeScript: the declared type of the value holds a password
  ts({
    code: code`
      import type { Request, Response } from 'express';
      interface Account { id: string; email: string; password: string }
      app.post('/login', async (req: Request, res: Response) => {
        const account: Account = await accounts.check(req.body);
        req.session.account = account;
      });
    `,
    errors: [{ messageId: 'secretData', line: 5, column: 3, endLine: 5, endColumn: 22, data: { target: 'req.session.account', what: 'a password (`password` of its type `Account`)', where: '' } }],
  }),

  // hard negative: a type without one
  ts({
    code: code`
      import type { Request, Response } from 'express';
      interface Account { id: string; email: string; passwordChangedAt: Date }
      app.post('/login', async (req: Request, res: Response) => {
        const account: Account = await accounts.check(req.body);
        req.session.account = account;
      });
    `,
  }),

  // a raw third-party token inside an object, in a cookie session
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.get('/auth/github/callback', async (req, res) => {
        const tokens = await github.exchange(req.query.code);
        req.session.github = { login: profile.login, accessToken: tokens.access_token };
      });
    `,
    errors: [{ messageId: 'clientToken', line: 4, column: 3, endLine: 4, endColumn: 21 }],
  }),

  // hard negative: the same object in a server-side session, and OAuth state in the cookie session
  js({
    code: code`
      import session from 'express-session';
      app.get('/auth/github/callback', async (req, res) => {
        const tokens = await github.exchange(req.query.code);
        req.session.github = { login: profile.login, accessToken: tokens.access_token };
      });
    `,
  }),
  js({
    code: code`
      import cookieSession from 'cookie-session';
      app.get('/auth/github', (req, res) => {
        req.session.oauth = { state, codeVerifier };
      });
    `,
  }),
]);

run('the object written holds what the code reads of it (issue #12)', [
  // the user record whose password hash the handler checks is stored whole
  cjs({
    code: code`
      exports.login = async function (req, res, user, password) {
        if (user && (await bcrypt.compare(password, user.password))) {
          req.session.user = user;
          res.redirect('/');
        }
      };
    `,
    errors: [{ messageId: 'secretData', line: 3, column: 5, endLine: 3, endColumn: 21, data: { target: 'req.session.user', what: 'a password (`user.password`, which the code reads there)', where: '' } }],
  }),

  // hard negative: only its id is stored; another object's password is read
  cjs({
    code: code`
      exports.login = async function (req, res, user, account) {
        if (await bcrypt.compare(req.body.pass, account.password)) {
          req.session.userId = user.id;
          req.session.user = user;
        }
      };
      exports.signin = async function (req, res, user) {
        if (await bcrypt.compare(req.body.pass, user.password)) {
          delete user.password;
          req.session.user = user;
        }
      };
    `,
  }),
]);

// Sessions a library hands out (session-objects.ts): each write says where its session lives (issue #15).
run('React Router, iron-session and h3 session objects', [
  // a password into an iron-session session, written by property (sealed into the cookie the browser holds)
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      import { cookies } from 'next/headers';
      export async function POST(request: Request) {
        const form = await request.formData();
        const session = await getIronSession(await cookies(), { password: process.env.SESSION_PASSWORD!, cookieName: 'app' });
        session.user = { email: form.get('email'), password: form.get('password') };
        await session.save();
      }
    `,
    errors: [
      {
        messageId: 'secretData', line: 6, column: 3, endLine: 6, endColumn: 15,
        data: { target: 'session.user', what: 'a password (`password` in the object written)', where: ", which iron-session's `getIronSession` sends to the browser" },
        suggestions: [],
      },
    ],
  }),

  // hard negative: an access token in the same sealed (encrypted) session: the browser holds it but cannot read it
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      import { cookies } from 'next/headers';
      export async function GET() {
        const session = await getIronSession(await cookies(), { password: process.env.SESSION_PASSWORD!, cookieName: 'app' });
        session.accessToken = await exchangeCode();
        session.isLoggedIn = true;
        await session.save();
      }
    `,
  }),

  // a token in React Router's cookie storage: signed, not encrypted, so the cookie's holder reads it
  js({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      const storage = createCookieSessionStorage({ cookie: { name: '__session', secrets: [process.env.SECRET], httpOnly: true, secure: true } });
      export async function loader({ request }) {
        const session = await storage.getSession(request.headers.get('Cookie'));
        const tokens = await oauth.callback(request);
        session.set('accessToken', tokens.access_token);
        return redirect('/', { headers: { 'Set-Cookie': await storage.commitSession(session) } });
      }
    `,
    errors: [
      {
        messageId: 'clientToken', line: 6, column: 3, endLine: 6, endColumn: 50,
        data: { target: "session.set('accessToken', …)", library: "react-router's `createCookieSessionStorage`", exposure: 'the cookie is signed, not encrypted, so anyone holding it can read the value' },
        suggestions: [],
      },
    ],
  }),

  // hard negatives: the same token in a storage that keeps the data on the server; OAuth state in the cookie storage
  js({
    code: code`
      import { createCookieSessionStorage, createFileSessionStorage } from 'react-router';
      const files = createFileSessionStorage({ dir: '/sessions', cookie: { name: 'sid' } });
      const cookie = createCookieSessionStorage({ cookie: { name: '__session' } });
      export async function loader({ request }) {
        const session = await files.getSession(request.headers.get('Cookie'));
        session.set('accessToken', (await oauth.callback(request)).access_token);
        const pending = await cookie.getSession(request.headers.get('Cookie'));
        pending.set('oauthState', crypto.randomUUID());
      }
    `,
  }),

  // a password into a server-side storage is still a finding; a flash about it is not
  js({
    code: code`
      import { createFileSessionStorage } from '@remix-run/node';
      const { getSession, commitSession } = createFileSessionStorage({ dir: '/sessions', cookie: { name: 'sid' } });
      export async function action({ request }) {
        const session = await getSession(request.headers.get('Cookie'));
        const form = await request.formData();
        session.set('pendingPassword', form.get('password'));
        session.flash('passwordChanged', true);
        return commitSession(session);
      }
    `,
    errors: [
      {
        messageId: 'secretData', line: 6, column: 3, endLine: 6, endColumn: 55,
        data: { target: "session.set('pendingPassword', …)", what: 'a password', where: '' },
        suggestions: [],
      },
    ],
  }),

  // h3: `session.update({...})`: each key is a write; a password there is a finding, a token (sealed) is not
  ts({
    filename: 'server/api/login.post.ts',
    code: code`
      import { defineEventHandler, readBody, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const body = await readBody(event);
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD! });
        await session.update({ userId: body.email, password: body.password, apiToken: body.token });
      });
    `,
    errors: [
      {
        messageId: 'secretData', line: 5, column: 46, endLine: 5, endColumn: 69,
        data: { target: 'password: body.password', what: 'a password', where: ", which h3's `useSession` sends to the browser" },
        suggestions: [],
      },
    ],
  }),

  // h3: `updateSession(event, config, {...})` imported from h3: its third argument's keys are writes
  ts({
    filename: 'server/api/signup.post.ts',
    code: code`
      import { defineEventHandler, readBody, updateSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const body = await readBody(event);
        await updateSession(event, { password: process.env.SESSION_PASSWORD! }, { step: 2, cardNumber: body.card });
      });
    `,
    errors: [
      {
        messageId: 'secretData', line: 4, column: 86, endLine: 4, endColumn: 107,
        data: { target: 'cardNumber: body.card', what: 'payment card data', where: ", which h3's `updateSession` sends to the browser" },
        suggestions: [],
      },
    ],
  }),

  // hard negatives: a token in the sealed cookie; an `updateSession` of the app's own (not h3's) with a password
  ts({
    filename: 'server/api/signup.post.ts',
    code: code`
      import { defineEventHandler, readBody, updateSession } from 'h3';
      import { updateSession as saveProfile } from './profile';
      export default defineEventHandler(async (event) => {
        const body = await readBody(event);
        await updateSession(event, { password: process.env.SESSION_PASSWORD! }, { accessToken: body.token });
        await saveProfile(event, {}, { password: body.password });
      });
    `,
  }),
  ts({
    filename: 'server/api/signup.post.ts',
    code: code`
      function updateSession(event, config, data) {
        return db.save(data);
      }
      export default defineEventHandler(async (event) => {
        await updateSession(event, {}, { password: event.context.password });
      });
    `,
  }),
]);

// Auth.js callbacks (issue #15): `callbacks.jwt` writes the JWT, which Auth.js encrypts into the session cookie;
// `callbacks.session` returns what `/api/auth/session` and `useSession()` hand to the page's JavaScript.
const AUTHJS_BROWSER = 'Auth.js serves to browser JavaScript (`/api/auth/session`, `useSession()`), where any script on the page, an injected one too, can read it';
run('Auth.js jwt and session callbacks', [
  // the provider's access token copied into the session: served to the browser
  js({
    code: code`
      import NextAuth from 'next-auth';
      import GitHub from 'next-auth/providers/github';
      export const { handlers, auth } = NextAuth({
        providers: [GitHub],
        callbacks: {
          async jwt({ token, account }) {
            if (account) token.accessToken = account.access_token;
            return token;
          },
          async session({ session, token }) {
            session.accessToken = token.accessToken;
            session.user.id = token.sub;
            return session;
          },
        },
      });
    `,
    errors: [
      {
        messageId: 'exposedToken', line: 11, column: 7, endLine: 11, endColumn: 26,
        data: { target: 'session.accessToken', lands: AUTHJS_BROWSER },
        suggestions: [],
      },
    ],
  }),

  // hard negative: the token stays in the JWT (encrypted, the documented pattern); the session gets an ID and an error flag
  js({
    code: code`
      import NextAuth from 'next-auth';
      export default NextAuth({
        callbacks: {
          jwt: async ({ token, account }) => {
            if (account) token.accessToken = account.access_token;
            return { ...token, refreshToken: account?.refresh_token };
          },
          session: async ({ session, token }) => ({ ...session, error: token.error, accessTokenExpires: token.accessTokenExpires, tokenType: 'Bearer', user: { ...session.user, id: token.sub } }),
        },
      });
    `,
  }),

  // the session callback returns the token in a new object (TypeScript, a typed v4 options object)
  ts({
    code: code`
      import type { NextAuthOptions } from 'next-auth';
      export const authOptions: NextAuthOptions = {
        providers: [],
        callbacks: {
          session({ session, token }) {
            return { ...session, idToken: token.idToken as string };
          },
        },
      };
    `,
    errors: [
      {
        messageId: 'exposedToken', line: 6, column: 28, endLine: 6, endColumn: 60,
        data: { target: 'idToken: token.idToken as string', lands: AUTHJS_BROWSER },
        suggestions: [],
      },
    ],
  }),

  // a password in the JWT: encrypted, but a credential has no place in a session at all
  js({
    code: code`
      import NextAuth from 'next-auth';
      export default NextAuth({
        callbacks: {
          async jwt({ token, user }) {
            if (user) token.password = user.password;
            return token;
          },
        },
      });
    `,
    errors: [
      {
        messageId: 'secretData', line: 5, column: 17, endLine: 5, endColumn: 31,
        data: { target: 'token.password', what: 'a password', where: ', which Auth.js keeps in the JWT, encrypted into the session cookie' },
        suggestions: [],
      },
    ],
  }),

  // hard negative: the same callbacks in an object no Auth.js call or type takes (another library's options)
  js({
    code: code`
      export const options = {
        callbacks: {
          session({ session, token }) {
            session.accessToken = token.accessToken;
            return session;
          },
        },
      };
    `,
  }),

  // callbacks whose first parameter is not destructured: writes through `params.token` and `params.session`, and the keys returned
  ts({
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth({
        callbacks: {
          async jwt(params) {
            if (params.user) params.token.password = params.user.password;
            return params.token;
          },
          async session(params) {
            params.session.accessToken = params.token.accessToken;
            return { ...params.session, refreshToken: params.token.refreshToken };
          },
        },
      });
    `,
    errors: [
      {
        messageId: 'secretData', line: 5, column: 24, endLine: 5, endColumn: 45,
        data: { target: 'params.token.password', what: 'a password', where: ', which Auth.js keeps in the JWT, encrypted into the session cookie' },
        suggestions: [],
      },
      {
        messageId: 'exposedToken', line: 9, column: 7, endLine: 9, endColumn: 33,
        data: { target: 'params.session.accessToken', lands: AUTHJS_BROWSER },
        suggestions: [],
      },
      {
        messageId: 'exposedToken', line: 10, column: 35, endLine: 10, endColumn: 74,
        data: { target: 'refreshToken: params.token.refreshToken', lands: AUTHJS_BROWSER },
        suggestions: [],
      },
    ],
  }),

  // hard negative: the same callbacks keeping the token in the JWT and giving the page an ID; another parameter's property
  ts({
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers, auth } = NextAuth({
        callbacks: {
          async jwt(params) {
            if (params.account) params.token.accessToken = params.account.access_token;
            params.user.password = undefined;
            return params.token;
          },
          async session(params) {
            params.session.userId = params.token.sub;
            params.token.accessToken = params.token.accessToken;
            return params.session;
          },
        },
      });
    `,
  }),
]);

run('@fastify/session and @fastify/secure-session: request.session.set', [
  // a password written with set(key, value), by the key and by where the value comes from
  ts({
    code: code`
      import fastifySession from '@fastify/session';
      app.register(fastifySession, { secret: process.env.SESSION_SECRET!, store });
      app.post('/signup', async (request, reply) => {
        request.session.set('password', hash);
        request.session.set('pending', request.body.password);
      });
    `,
    errors: [
      { messageId: 'secretData', line: 4, column: 3, endLine: 4, endColumn: 40, data: { target: "request.session.set('password', …)", what: 'a password', where: '' }, suggestions: [] },
      { messageId: 'secretData', line: 5, column: 3, endLine: 5, endColumn: 56, data: { target: "request.session.set('pending', …)", what: 'a password', where: '' }, suggestions: [] },
    ],
  }),

  // hard negatives: a flag about the password, a cleared key, an ID; a token on the server (@fastify/session keeps data in its store)
  ts({
    code: code`
      import fastifySession from '@fastify/session';
      app.register(fastifySession, { secret: process.env.SESSION_SECRET!, store });
      app.post('/signup', async (request, reply) => {
        request.session.set('passwordExpired', true);
        request.session.set('password', null);
        request.session.set('userId', user.id);
        request.session.set('accessToken', tokens.access_token);
      });
    `,
  }),

  // @fastify/secure-session seals the session into the cookie: a password is still a finding, and says where it goes
  ts({
    code: code`
      import fastifySecureSession from '@fastify/secure-session';
      app.register(fastifySecureSession, { key: Buffer.from(process.env.SESSION_KEY!, 'hex') });
      app.post('/login', async (request, reply) => {
        request.session.set('credentials', { email: request.body.email, password: request.body.password });
      });
    `,
    errors: [
      {
        messageId: 'secretData', line: 4, column: 3, endLine: 4, endColumn: 101,
        data: { target: "request.session.set('credentials', …)", what: 'a password (`password` in the object written)', where: ', which @fastify/secure-session sends to the browser' },
        suggestions: [],
      },
    ],
  }),

  // hard negative: a token in the sealed cookie (encrypted: the browser cannot read it)
  ts({
    code: code`
      import fastifySecureSession from '@fastify/secure-session';
      app.register(fastifySecureSession, { key: Buffer.from(process.env.SESSION_KEY!, 'hex') });
      app.post('/login', async (request, reply) => {
        request.session.set('accessToken', tokens.access_token);
        request.session.set('user', { id: user.id, name: user.name });
      });
    `,
  }),

  // hard negative: express-session has no set(); `req.session.set(...)` calls something else
  js({
    code: code`
      import session from 'express-session';
      app.use(session({ secret: process.env.SESSION_SECRET, store }));
      app.post('/signup', (req, res) => {
        req.session.set('password', req.body.password);
      });
    `,
  }),
]);
