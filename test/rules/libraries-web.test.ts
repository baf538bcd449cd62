// Every site rule on the web-framework family (src/analysis/libraries-web.ts): React Router 7 / Remix session
// storages and createCookie, h3 / Nuxt sessions, and session cookies set by hand through each framework's cookie
// API. Each true positive with its hard negative beside it (env reads, production conditionals, values built
// elsewhere, safe defaults, cookies that carry no session); positions and full suggestion outputs asserted.
import { cjs, code, js, ruleRunner, ts } from './_util.js';

const noHardcodedSecret = ruleRunner('no-hardcoded-secret');
const noMemoryStore = ruleRunner('no-memory-store');
const requireSecureCookie = ruleRunner('require-secure-cookie');
const noHttponlyFalse = ruleRunner('no-httponly-false');
const requireSameSite = ruleRunner('require-same-site');
const requireCookieExpiry = ruleRunner('require-cookie-expiry');
const noDefaultCookieName = ruleRunner('no-default-cookie-name');

noHardcodedSecret('React Router / Remix: no-hardcoded-secret (cookie.secrets; an unsigned cookie storage)', [
  // a secrets array in the source
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const { getSession, commitSession } = createCookieSessionStorage({
        cookie: { name: 'app_session', secrets: ['s3cr3t'], httpOnly: true },
      });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 34, endLine: 3, endColumn: 53,
        suggestions: [],
      },
    ],
  }),

  // secrets from the environment
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const { getSession, commitSession } = createCookieSessionStorage({
        cookie: { name: 'app_session', secrets: [process.env.SESSION_SECRET!], httpOnly: true },
      });
    `,
  }),

  // no secrets: the cookie holding the whole session is unsigned
  js({
    code: code`
      import { createCookieSessionStorage } from '@remix-run/node';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true } });
    `,
    errors: [
      {
        messageId: 'unsigned', line: 2, column: 53, endLine: 2, endColumn: 59,
        suggestions: [],
      },
    ],
  }),

  // an id-based storage keeps only a random id in the cookie: unsigned is not forgery there
  js({
    code: code`
      import { createFileSessionStorage } from '@react-router/node';
      export const storage = createFileSessionStorage({ dir: '/var/sessions', cookie: { name: 'app_session', httpOnly: true } });
    `,
  }),

  // a Cookie made elsewhere (judged where it is made)
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      import { sessionCookie } from './cookies.server';
      export const storage = createCookieSessionStorage({ cookie: sessionCookie });
    `,
  }),

  // createCookie: a hardcoded signing secret
  ts({
    code: code`
      import { createCookie } from 'react-router';
      export const authCookie = createCookie('auth', { httpOnly: true, secrets: ['dev-secret'] });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 66, endLine: 2, endColumn: 89,
        suggestions: [],
      },
    ],
  }),

  // split from the environment
  ts({
    code: code`
      import { createCookie } from 'react-router';
      export const authCookie = createCookie('auth', { httpOnly: true, secrets: (process.env.SESSION_SECRETS ?? '').split(',') });
    `,
  }),

]);

noMemoryStore('React Router / Remix: no-memory-store (createMemorySessionStorage)', [
  ts({
    code: code`
      import { createMemorySessionStorage } from 'react-router';
      export const { getSession, commitSession } = createMemorySessionStorage({ cookie: { name: 'sid', httpOnly: true } });
    `,
    errors: [
      {
        messageId: 'memoryFactory', line: 2, column: 46, endLine: 2, endColumn: 72,
        suggestions: [],
      },
    ],
  }),

  // memory only outside production
  ts({
    code: code`
      import { createFileSessionStorage, createMemorySessionStorage } from '@remix-run/node';
      const cookie = { name: 'sid', httpOnly: true };
      export const storage = process.env.NODE_ENV === 'production' ? createFileSessionStorage({ dir: '/var/sessions', cookie }) : createMemorySessionStorage({ cookie });
    `,
  }),

  // the data in the cookie: no server-side store
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'sid', httpOnly: true } });
    `,
  }),

]);

requireSecureCookie('React Router / Remix: require-secure-cookie (Secure only when asked)', [
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true } });
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 53, endLine: 2, endColumn: 59,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, secure: true } });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, secure: process.env.NODE_ENV === 'production' } });
    `,
  }),

  // inverted: insecure exactly in production
  js({
    code: code`
      import { createCookie } from '@remix-run/node';
      export const authCookie = createCookie('auth', { httpOnly: true, secure: process.env.NODE_ENV !== 'production' });
    `,
    errors: [
      {
        messageId: 'insecure', line: 2, column: 66, endLine: 2, endColumn: 111,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              import { createCookie } from '@remix-run/node';
              export const authCookie = createCookie('auth', { httpOnly: true, secure: process.env.NODE_ENV === 'production' });
            ` },
          { messageId: 'setSecure', output: code`
              import { createCookie } from '@remix-run/node';
              export const authCookie = createCookie('auth', { httpOnly: true, secure: true });
            ` },
        ],
      },
    ],
  }),

  // createCookie of a cookie that holds no session (a preference)
  js({
    code: code`
      import { createCookie } from '@remix-run/node';
      export const prefs = createCookie('prefs', { maxAge: 604800 });
    `,
  }),

  // a cookie of any name is a session cookie once a storage of the file uses it; the storage itself is judged through it
  ts({
    code: code`
      import { createCookie, createCookieSessionStorage } from 'react-router';
      const cookie = createCookie('app', { httpOnly: true, secrets: [process.env.SECRET!] });
      export const storage = createCookieSessionStorage({ cookie });
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 16, endLine: 2, endColumn: 28,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              import { createCookie, createCookieSessionStorage } from 'react-router';
              const cookie = createCookie('app', { httpOnly: true, secrets: [process.env.SECRET!], secure: process.env.NODE_ENV === 'production' });
              export const storage = createCookieSessionStorage({ cookie });
            ` },
          { messageId: 'setSecure', output: code`
              import { createCookie, createCookieSessionStorage } from 'react-router';
              const cookie = createCookie('app', { httpOnly: true, secrets: [process.env.SECRET!], secure: true });
              export const storage = createCookieSessionStorage({ cookie });
            ` },
        ],
      },
    ],
  }),

]);

noHttponlyFalse('React Router / Remix: no-httponly-false (HttpOnly only when asked)', [
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', secure: true } });
    `,
    errors: [
      {
        messageId: 'notHttpOnly', line: 2, column: 53, endLine: 2, endColumn: 59,
        suggestions: [
          { messageId: 'addHttpOnly', output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', secure: true, httpOnly: true } });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', secure: true, httpOnly: true } });
    `,
  }),

  // no options at all: the options argument is added, with the cookie object the attribute lives in
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage();
    `,
    errors: [
      {
        messageId: 'notHttpOnly', line: 2, column: 24, endLine: 2, endColumn: 50,
        suggestions: [
          { messageId: 'addHttpOnly', output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { httpOnly: true } });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { createCookie } from 'react-router';
      export const theme = createCookie('theme');
    `,
  }),

]);

requireSameSite('React Router / Remix: require-same-site (Lax by default)', [
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, secure: true } });
    `,
  }),

  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, sameSite: 'none' } });
    `,
    errors: [
      {
        messageId: 'noneWithoutSecure', line: 2, column: 100, endLine: 2, endColumn: 116,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, sameSite: 'none', secure: process.env.NODE_ENV === 'production' } });
            ` },
          { messageId: 'setSecure', output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, sameSite: 'none', secure: true } });
            ` },
        ],
      },
    ],
  }),

]);

requireCookieExpiry('React Router / Remix: require-cookie-expiry (maxAge in seconds)', [
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true } });
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 53, endLine: 2, endColumn: 59,
        suggestions: [
          { messageId: 'setMaxAge', data: {"name":"maxAge","value":"24 * 60 * 60","human":"1 day"}, output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, maxAge: 24 * 60 * 60 } });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, maxAge: 60 * 60 * 24 } });
    `,
  }),

  ts({
    options: [{"maxAgeMs":3600000}],
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, maxAge: 604800 } });
    `,
    errors: [
      {
        messageId: 'tooLong', line: 2, column: 100, endLine: 2, endColumn: 114,
        suggestions: [
          { messageId: 'setMaxAge', data: {"name":"maxAge","value":"3600","human":"1 hour"}, output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, maxAge: 3600 } });
            ` },
        ],
      },
    ],
  }),

  // the expiry given each time the cookie is written (commitSession options): "remember me"
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true } });
      export async function login(request: Request, remember: boolean) {
        const session = await storage.getSession(request.headers.get('Cookie'));
        return storage.commitSession(session, { maxAge: remember ? 60 * 60 * 24 * 7 : undefined });
      }
    `,
  }),

  // committed without options: no expiry anywhere
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true } });
      export async function login(request: Request) {
        const session = await storage.getSession(request.headers.get('Cookie'));
        return storage.commitSession(session);
      }
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 2, column: 53, endLine: 2, endColumn: 59,
        suggestions: [
          { messageId: 'setMaxAge', data: {"name":"maxAge","value":"24 * 60 * 60","human":"1 day"}, output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true, maxAge: 24 * 60 * 60 } });
              export async function login(request: Request) {
                const session = await storage.getSession(request.headers.get('Cookie'));
                return storage.commitSession(session);
              }
            ` },
        ],
      },
    ],
  }),

]);

noDefaultCookieName("React Router / Remix: no-default-cookie-name ('__session')", [
  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { httpOnly: true } });
    `,
    errors: [
      {
        messageId: 'defaultName', line: 2, column: 53, endLine: 2, endColumn: 59,
        suggestions: [
          { messageId: 'setName', data: {"option":"cookie.name"}, output: code`
              import { createCookieSessionStorage } from 'react-router';
              export const storage = createCookieSessionStorage({ cookie: { httpOnly: true, name: 'sid' } });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { createCookieSessionStorage } from 'react-router';
      export const storage = createCookieSessionStorage({ cookie: { name: 'app_session', httpOnly: true } });
    `,
  }),

]);


noHardcodedSecret('h3 / Nuxt: no-hardcoded-secret (password)', [
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: 'a-password-of-at-least-thirty-two-characters', maxAge: 3600 });
        return session.data;
      });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 3, column: 45, endLine: 3, endColumn: 101,
        suggestions: [
          { messageId: 'useEnv', data: {"env":"SESSION_SECRET"}, output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler(async (event) => {
                const session = await useSession(event, { password: process.env.SESSION_SECRET!, maxAge: 3600 });
                return session.data;
              });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.NUXT_SESSION_PASSWORD!, maxAge: 3600 });
        return session.data;
      });
    `,
  }),

  // a literal fallback of the variable
  js({
    code: code`
      import { getSession } from 'h3';
      export const read = (event) => getSession(event, { password: process.env.NUXT_SESSION_PASSWORD || 'dev-password-dev-password-dev-password', maxAge: 3600 });
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 52, endLine: 2, endColumn: 139,
        suggestions: [
          { messageId: 'removeFallback', data: {"env":"NUXT_SESSION_PASSWORD"}, output: code`
              import { getSession } from 'h3';
              export const read = (event) => getSession(event, { password: process.env.NUXT_SESSION_PASSWORD, maxAge: 3600 });
            ` },
        ],
      },
    ],
  }),

  // Nuxt's virtual module re-exports h3's utilities
  ts({
    code: code`
      import { updateSession } from '#imports';
      const config = { password: useRuntimeConfig().session.password, maxAge: 3600 };
      export const save = (event: any, data: object) => updateSession(event, config, data);
    `,
  }),

]);

requireSecureCookie('h3 / Nuxt: require-secure-cookie (secure by default)', [
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: { secure: false } });
        return session.data;
      });
    `,
    errors: [
      {
        messageId: 'insecure', line: 3, column: 110, endLine: 3, endColumn: 123,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler(async (event) => {
                const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: { secure: process.env.NODE_ENV === 'production' } });
                return session.data;
              });
            ` },
          { messageId: 'setSecure', output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler(async (event) => {
                const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: { secure: true } });
                return session.data;
              });
            ` },
        ],
      },
    ],
  }),

  // the default is secure
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600 });
        return session.data;
      });
    `,
  }),

  // a header-only session: no cookie
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: false });
        return session.data;
      });
    `,
  }),

]);

noHttponlyFalse('h3 / Nuxt: no-httponly-false (HttpOnly by default)', [
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: { httpOnly: false } });
        return session.data;
      });
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 3, column: 110, endLine: 3, endColumn: 125,
        suggestions: [
          { messageId: 'setHttpOnly', data: {"name":"httpOnly","default":"true"}, output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler(async (event) => {
                const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: { httpOnly: true } });
                return session.data;
              });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: { sameSite: 'lax' } });
        return session.data;
      });
    `,
  }),

]);

requireSameSite('h3 / Nuxt: require-same-site (no SameSite by default)', [
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600 });
        return session.data;
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 25, endLine: 3, endColumn: 35,
        suggestions: [
          { messageId: 'setLax', output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler(async (event) => {
                const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: { sameSite: 'lax' } });
                return session.data;
              });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, cookie: { sameSite: 'strict' } });
        return session.data;
      });
    `,
  }),

]);

requireCookieExpiry('h3 / Nuxt: require-cookie-expiry (the top-level maxAge, in seconds)', [
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD! });
        return session.data;
      });
    `,
    errors: [
      {
        messageId: 'noExpiry', data: { options: 'neither `maxAge` nor `cookie.expires`' }, line: 3, column: 25, endLine: 3, endColumn: 35,
        suggestions: [
          { messageId: 'setMaxAge', data: {"name":"maxAge","value":"24 * 60 * 60","human":"1 day"}, output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler(async (event) => {
                const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 24 * 60 * 60 });
                return session.data;
              });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 60 * 60 * 24 * 7 });
        return session.data;
      });
    `,
  }),

  ts({
    options: [{"maxAgeMs":86400000}],
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 60 * 60 * 24 * 7 });
        return session.data;
      });
    `,
    errors: [
      {
        messageId: 'tooLong', line: 3, column: 86, endLine: 3, endColumn: 110,
        suggestions: [
          { messageId: 'setMaxAge', data: {"name":"maxAge","value":"86400","human":"1 day"}, output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler(async (event) => {
                const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 86400 });
                return session.data;
              });
            ` },
        ],
      },
    ],
  }),

]);

noDefaultCookieName("h3 / Nuxt: no-default-cookie-name ('h3')", [
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600 });
        return session.data;
      });
    `,
    errors: [
      {
        messageId: 'defaultName', line: 3, column: 25, endLine: 3, endColumn: 35,
        suggestions: [
          { messageId: 'setName', data: {"option":"name"}, output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler(async (event) => {
                const session = await useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600, name: 'sid' });
                return session.data;
              });
            ` },
        ],
      },
    ],
  }),

  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler(async (event) => {
        const session = await useSession(event, { name: 'app_session', password: process.env.SESSION_PASSWORD!, maxAge: 3600 });
        return session.data;
      });
    `,
  }),

]);


requireSecureCookie('cookies set by hand: require-secure-cookie (Express res.cookie sets no Secure)', [
  // a session token by its name
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('access_token', token, { httpOnly: true, sameSite: 'lax' });
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 6, column: 7, endLine: 6, endColumn: 13,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('access_token', token, { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' });
                res.redirect('/');
              });
            ` },
          { messageId: 'setSecure', output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('access_token', token, { httpOnly: true, sameSite: 'lax', secure: true });
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('access_token', token, { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' });
        res.redirect('/');
      });
    `,
  }),

  // a token by its value (a JWT signed with jsonwebtoken), whatever the name
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('t', jwt.sign({ sub: 1 }, process.env.JWT_SECRET), { httpOnly: true });
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 6, column: 7, endLine: 6, endColumn: 13,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('t', jwt.sign({ sub: 1 }, process.env.JWT_SECRET), { httpOnly: true, secure: process.env.NODE_ENV === 'production' });
                res.redirect('/');
              });
            ` },
          { messageId: 'setSecure', output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('t', jwt.sign({ sub: 1 }, process.env.JWT_SECRET), { httpOnly: true, secure: true });
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // no options: a third argument is added with the attribute
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('session', token);
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 6, column: 7, endLine: 6, endColumn: 13,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('session', token, { secure: process.env.NODE_ENV === 'production' });
                res.redirect('/');
              });
            ` },
          { messageId: 'setSecure', output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('session', token, { secure: true });
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // the same without options, set in production only: the app's own production test is not in the call, nothing to report
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      const opts = process.env.NODE_ENV === 'production' ? { secure: true } : {};
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('session', token, opts);
        res.redirect('/');
      });
    `,
  }),


  // a preference cookie holds no session
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('locale', req.body.locale);
        res.redirect('/');
      });
    `,
  }),

  // clearing the cookie at logout carries no session
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('token', '', { expires: new Date(0) });
        res.redirect('/');
      });
    `,
  }),

  // a CSRF double-submit cookie is meant for the page
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('csrf_token', req.csrfToken(), { sameSite: 'strict' });
        res.redirect('/');
      });
    `,
  }),

  // a controller module that imports nothing: the receiver is a parameter
  js({
    code: code`
      export function login(req, res) {
        res.cookie('sessionId', req.sessionId, { httpOnly: true });
      }
    `,
    errors: [
      {
        messageId: 'missing', line: 2, column: 7, endLine: 2, endColumn: 13,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              export function login(req, res) {
                res.cookie('sessionId', req.sessionId, { httpOnly: true, secure: process.env.NODE_ENV === 'production' });
              }
            ` },
          { messageId: 'setSecure', output: code`
              export function login(req, res) {
                res.cookie('sessionId', req.sessionId, { httpOnly: true, secure: true });
              }
            ` },
        ],
      },
    ],
  }),

  // a chained response in a helper module that imports nothing
  js({
    code: code`
      export const cookieToken = (user, res) => {
        const token = user.getJwtToken();
        res.status(200).cookie('token', token, { httpOnly: true }).json({ token });
      };
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 19, endLine: 3, endColumn: 25,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              export const cookieToken = (user, res) => {
                const token = user.getJwtToken();
                res.status(200).cookie('token', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production' }).json({ token });
              };
            ` },
          { messageId: 'setSecure', output: code`
              export const cookieToken = (user, res) => {
                const token = user.getJwtToken();
                res.status(200).cookie('token', token, { httpOnly: true, secure: true }).json({ token });
              };
            ` },
        ],
      },
    ],
  }),

  // not a parameter, no framework import: unknown object
  js({
    code: code`
      import { client } from './http';
      client.cookie('token', window.token, { httpOnly: false });
    `,
  }),

  // Koa: secure follows the request (HTTPS)
  js({
    code: code`
      import Koa from 'koa';
      const app = new Koa();
      app.use((ctx) => {
        ctx.cookies.set('session_id', ctx.state.sid, { maxAge: 3600000 });
      });
    `,
  }),

  // Fastify reply.setCookie sets no Secure
  ts({
    code: code`
      import Fastify from 'fastify';
      const app = Fastify();
      app.post('/login', async (req, reply) => {
        reply.setCookie('auth', req.body.token, { httpOnly: true, path: '/' });
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 4, column: 9, endLine: 4, endColumn: 18,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              import Fastify from 'fastify';
              const app = Fastify();
              app.post('/login', async (req, reply) => {
                reply.setCookie('auth', req.body.token, { httpOnly: true, path: '/', secure: process.env.NODE_ENV === 'production' });
              });
            ` },
          { messageId: 'setSecure', output: code`
              import Fastify from 'fastify';
              const app = Fastify();
              app.post('/login', async (req, reply) => {
                reply.setCookie('auth', req.body.token, { httpOnly: true, path: '/', secure: true });
              });
            ` },
        ],
      },
    ],
  }),

  // Next.js cookies().set (Next 15: await cookies())
  ts({
    filename: 'app/actions.ts',
    code: code`
      'use server';
      import { cookies } from 'next/headers';
      export async function login(sessionId: string) {
        (await cookies()).set('session', sessionId, { httpOnly: true, sameSite: 'lax' });
      }
    `,
    errors: [
      {
        messageId: 'missing', line: 4, column: 21, endLine: 4, endColumn: 24,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              'use server';
              import { cookies } from 'next/headers';
              export async function login(sessionId: string) {
                (await cookies()).set('session', sessionId, { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' });
              }
            ` },
          { messageId: 'setSecure', output: code`
              'use server';
              import { cookies } from 'next/headers';
              export async function login(sessionId: string) {
                (await cookies()).set('session', sessionId, { httpOnly: true, sameSite: 'lax', secure: true });
              }
            ` },
        ],
      },
    ],
  }),

  // a status or flash-message cookie named like an auth cookie, holding text written in the code, identifies no one;
  // nor does a message or redirect target about the login; the session cookie set next to them is still judged
  ts({
    filename: 'app/actions.ts',
    code: code`
      'use server';
      import { cookies } from 'next/headers';
      const SIGNED_OUT = 'signed out';
      export async function login(access: string, ok: boolean, url: string) {
        const cookie = await cookies();
        cookie.set('messageAuth', ok ? 'Sent!' : 'Failed');
        cookie.set('statusAuth', SIGNED_OUT);
        cookie.set('isAuth', 1);
        cookie.set('messageAuth', String(access));
        cookie.set('auth_redirect', url);
        cookie.set('session', access, { httpOnly: true, secure: true, sameSite: 'lax' });
        cookie.set('authToken', access, { httpOnly: true });
      }
    `,
    errors: [
      {
        messageId: 'missing', line: 12, column: 10, endLine: 12, endColumn: 13,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              'use server';
              import { cookies } from 'next/headers';
              const SIGNED_OUT = 'signed out';
              export async function login(access: string, ok: boolean, url: string) {
                const cookie = await cookies();
                cookie.set('messageAuth', ok ? 'Sent!' : 'Failed');
                cookie.set('statusAuth', SIGNED_OUT);
                cookie.set('isAuth', 1);
                cookie.set('messageAuth', String(access));
                cookie.set('auth_redirect', url);
                cookie.set('session', access, { httpOnly: true, secure: true, sameSite: 'lax' });
                cookie.set('authToken', access, { httpOnly: true, secure: process.env.NODE_ENV === 'production' });
              }
            ` },
          { messageId: 'setSecure', output: code`
              'use server';
              import { cookies } from 'next/headers';
              const SIGNED_OUT = 'signed out';
              export async function login(access: string, ok: boolean, url: string) {
                const cookie = await cookies();
                cookie.set('messageAuth', ok ? 'Sent!' : 'Failed');
                cookie.set('statusAuth', SIGNED_OUT);
                cookie.set('isAuth', 1);
                cookie.set('messageAuth', String(access));
                cookie.set('auth_redirect', url);
                cookie.set('session', access, { httpOnly: true, secure: true, sameSite: 'lax' });
                cookie.set('authToken', access, { httpOnly: true, secure: true });
              }
            ` },
        ],
      },
    ],
  }),

  // the store kept in a variable
  ts({
    filename: 'app/actions.ts',
    code: code`
      import { cookies } from 'next/headers';
      export async function login(token: string) {
        const store = await cookies();
        store.set('auth-token', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' });
      }
    `,
  }),

  // SvelteKit: secure and httpOnly by default
  ts({
    filename: 'src/routes/login/+page.server.ts',
    code: code`
      export const actions = {
        default: async ({ cookies }) => {
          cookies.set('session', crypto.randomUUID(), { path: '/' });
        },
      };
    `,
  }),

  // h3 setCookie (Nuxt server routes)
  ts({
    filename: 'server/api/login.post.ts',
    code: code`
      import { defineEventHandler, setCookie } from 'h3';
      export default defineEventHandler((event) => {
        setCookie(event, 'auth_token', event.context.token, { httpOnly: true, sameSite: 'lax' });
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 3, endLine: 3, endColumn: 12,
        suggestions: [
          { messageId: 'setSecureInProduction', data: {"name":"secure","test":"process.env.NODE_ENV === 'production'"}, output: code`
              import { defineEventHandler, setCookie } from 'h3';
              export default defineEventHandler((event) => {
                setCookie(event, 'auth_token', event.context.token, { httpOnly: true, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' });
              });
            ` },
          { messageId: 'setSecure', output: code`
              import { defineEventHandler, setCookie } from 'h3';
              export default defineEventHandler((event) => {
                setCookie(event, 'auth_token', event.context.token, { httpOnly: true, sameSite: 'lax', secure: true });
              });
            ` },
        ],
      },
    ],
  }),

  // Hono setCookie
  ts({
    code: code`
      import { setCookie } from 'hono/cookie';
      export const login = (c: any, sessionId: string) => {
        setCookie(c, 'session', sessionId, { httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 3600 });
      };
    `,
  }),

  // Hono setCookie with a cookie prefix: `prefix: 'secure' | 'host'` makes Hono write Secure itself
  ts({
    code: code`
      import { setCookie, setSignedCookie } from 'hono/cookie';
      export const login = async (c: any, sessionId: string) => {
        setCookie(c, 'session', sessionId, { httpOnly: true, sameSite: 'Lax', maxAge: 3600, prefix: 'secure' });
        await setSignedCookie(c, 'auth', sessionId, process.env.COOKIE_SECRET!, { httpOnly: true, maxAge: 3600, prefix: 'host' });
      };
    `,
  }),

  // the same cookie without a prefix: no Secure
  ts({
    code: code`
      import { setCookie } from 'hono/cookie';
      export const login = (c: any, sessionId: string) => {
        setCookie(c, 'session', sessionId, { httpOnly: true, sameSite: 'Lax', maxAge: 3600 });
      };
    `,
    errors: [
      {
        messageId: 'missing', line: 3, column: 3, endLine: 3, endColumn: 12,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import { setCookie } from 'hono/cookie';
              export const login = (c: any, sessionId: string) => {
                setCookie(c, 'session', sessionId, { httpOnly: true, sameSite: 'Lax', maxAge: 3600, secure: process.env.NODE_ENV === 'production' });
              };
            ` },
          { messageId: 'setSecure', output: code`
              import { setCookie } from 'hono/cookie';
              export const login = (c: any, sessionId: string) => {
                setCookie(c, 'session', sessionId, { httpOnly: true, sameSite: 'Lax', maxAge: 3600, secure: true });
              };
            ` },
        ],
      },
    ],
  }),

  // js-cookie in the browser is a module, not a response
  js({
    code: code`
      import Cookies from 'js-cookie';
      Cookies.set('token', window.token, { expires: 7 });
    `,
  }),

]);

noHttponlyFalse('cookies set by hand: no-httponly-false (HttpOnly only when asked, except Koa and SvelteKit)', [
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('refreshToken', token, { secure: true, sameSite: 'strict' });
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'notHttpOnly', line: 6, column: 7, endLine: 6, endColumn: 13,
        suggestions: [
          { messageId: 'addHttpOnly', output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('refreshToken', token, { secure: true, sameSite: 'strict', httpOnly: true });
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('refreshToken', token, { secure: true, sameSite: 'strict', httpOnly: true });
        res.redirect('/');
      });
    `,
  }),

  // Koa: HttpOnly by default
  js({
    code: code`
      import Koa from 'koa';
      const app = new Koa();
      app.use((ctx) => {
        ctx.cookies.set('session_id', ctx.state.sid, { maxAge: 3600000 });
      });
    `,
  }),

  // SvelteKit: HttpOnly by default; turned off
  ts({
    filename: 'src/routes/login/+page.server.ts',
    code: code`
      export const actions = {
        default: async ({ cookies }) => {
          cookies.set('session', crypto.randomUUID(), { path: '/', httpOnly: false });
        },
      };
    `,
    errors: [
      {
        messageId: 'httpOnlyFalse', line: 3, column: 62, endLine: 3, endColumn: 77,
        suggestions: [
          { messageId: 'setHttpOnly', data: {"name":"httpOnly","default":"true"}, output: code`
              export const actions = {
                default: async ({ cookies }) => {
                  cookies.set('session', crypto.randomUUID(), { path: '/', httpOnly: true });
                },
              };
            ` },
        ],
      },
    ],
  }),

  ts({
    filename: 'src/routes/login/+page.server.ts',
    code: code`
      export const actions = {
        default: async ({ cookies }) => {
          cookies.set('session', crypto.randomUUID(), { path: '/' });
        },
      };
    `,
  }),

  // Hono, no options: a fourth argument with the attribute
  ts({
    code: code`
      import { setCookie } from 'hono/cookie';
      export const login = (c: any, sessionId: string) => setCookie(c, 'sid', sessionId);
    `,
    errors: [
      {
        messageId: 'notHttpOnly', line: 2, column: 53, endLine: 2, endColumn: 62,
        suggestions: [
          { messageId: 'addHttpOnly', output: code`
              import { setCookie } from 'hono/cookie';
              export const login = (c: any, sessionId: string) => setCookie(c, 'sid', sessionId, { httpOnly: true });
            ` },
        ],
      },
    ],
  }),

  // options that come from elsewhere (a spread of arguments): where they land is unknown, no suggestion
  ts({
    code: code`
      import { setCookie } from 'hono/cookie';
      export const login = (c: any, sessionId: string, ...rest: [any?]) => setCookie(c, 'sid', sessionId, ...rest);
    `,
  }),

]);

requireSameSite('cookies set by hand: require-same-site (Lax only for Fastify and SvelteKit)', [
  // Koa, arguments one a line: the new argument goes on its own line, after the trailing comma
  cjs({
    code: code`
      const Koa = require('koa');
      const app = new Koa();
      app.use(async (ctx) => {
        ctx.cookies.set(
          'session_id',
          ctx.state.sid,
        );
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 4, column: 15, endLine: 4, endColumn: 18,
        suggestions: [
          { messageId: 'setLax', data: {"name":"sameSite","value":"'lax'"}, output: code`
              const Koa = require('koa');
              const app = new Koa();
              app.use(async (ctx) => {
                ctx.cookies.set(
                  'session_id',
                  ctx.state.sid,
                  { sameSite: 'lax' },
                );
              });
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('jwt', token, { httpOnly: true, secure: true });
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'missing', line: 6, column: 7, endLine: 6, endColumn: 13,
        suggestions: [
          { messageId: 'setLax', output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('jwt', token, { httpOnly: true, secure: true, sameSite: 'lax' });
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  // Fastify: @fastify/cookie >= 10 sets Lax
  ts({
    code: code`
      import Fastify from 'fastify';
      const app = Fastify();
      app.post('/login', async (req, reply) => {
        reply.setCookie('auth', req.body.token, { httpOnly: true, secure: true, path: '/' });
      });
    `,
  }),

]);

requireCookieExpiry('cookies set by hand: require-cookie-expiry', [
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('jwt', token, { httpOnly: true, secure: true, sameSite: 'lax' });
        res.redirect('/');
      });
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 6, column: 7, endLine: 6, endColumn: 13,
        suggestions: [
          { messageId: 'setMaxAge', data: {"name":"maxAge","value":"24 * 60 * 60 * 1000","human":"1 day"}, output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
                res.cookie('jwt', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 24 * 60 * 60 * 1000 });
                res.redirect('/');
              });
            ` },
        ],
      },
    ],
  }),

  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);
        res.cookie('jwt', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 15 * 60 * 1000 });
        res.redirect('/');
      });
    `,
  }),

  // a JWT that expires on its own (jsonwebtoken `expiresIn`, Flowise): the session times out with the token
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      const secure = process.env.NODE_ENV === 'production';
      app.post('/login', (req, res) => {
        res.cookie('token', jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { expiresIn: '1d' }), { httpOnly: true, secure });
        res.end();
      });
    `,
  }),

  // the same token without an expiry: it stays valid for ever, and so does the cookie
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        res.cookie('token', jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { algorithm: 'HS256' }), { httpOnly: true, secure: true });
        res.end();
      });
    `,
    errors: [
      {
        messageId: 'noExpiry', data: { options: 'neither `maxAge` nor `expires`' }, line: 5, column: 7, endLine: 5, endColumn: 13,
        suggestions: [
          { messageId: 'setMaxAge', data: {"name":"maxAge","value":"24 * 60 * 60 * 1000","human":"1 day"}, output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              app.post('/login', (req, res) => {
                res.cookie('token', jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { algorithm: 'HS256' }), { httpOnly: true, secure: true, maxAge: 24 * 60 * 60 * 1000 });
                res.end();
              });
            ` },
        ],
      },
    ],
  }),

  // the expiry from the environment, through a token made in a variable: the code sets one
  ts({
    code: code`
      import express from 'express';
      import jwt from 'jsonwebtoken';
      const app = express();
      const signOptions = { expiresIn: process.env.JWT_EXPIRES_IN };
      app.post('/login', (req, res) => {
        const accessToken = jwt.sign({ id: req.body.id }, process.env.JWT_SECRET!, signOptions);
        res.cookie('access', accessToken, { httpOnly: true, secure: true });
        res.end();
      });
    `,
  }),

  // an `exp` claim in the payload is the token's expiry as well
  cjs({
    code: code`
      const express = require('express');
      const { sign } = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        res.cookie('session', sign({ id: req.user.id, exp: Math.floor(Date.now() / 1000) + 3600 }, process.env.JWT_SECRET), { httpOnly: true, secure: true });
        res.end();
      });
    `,
  }),

  // an expiry that is written but may be undefined in production is none
  cjs({
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      const expiresIn = process.env.NODE_ENV === 'production' ? undefined : '1h';
      app.post('/login', (req, res) => {
        res.cookie('token', jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { expiresIn }), { httpOnly: true, secure: true });
        res.end();
      });
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 6, column: 7, endLine: 6, endColumn: 13,
        suggestions: [
          { messageId: 'setMaxAge', output: code`
              const express = require('express');
              const jwt = require('jsonwebtoken');
              const app = express();
              const expiresIn = process.env.NODE_ENV === 'production' ? undefined : '1h';
              app.post('/login', (req, res) => {
                res.cookie('token', jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { expiresIn }), { httpOnly: true, secure: true, maxAge: 24 * 60 * 60 * 1000 });
                res.end();
              });
            ` },
        ],
      },
    ],
  }),

  // jose: `setExpirationTime` on the SignJWT chain
  ts({
    code: code`
      import { SignJWT } from 'jose';
      import { cookies } from 'next/headers';
      export async function login(userId: string) {
        const jwt = await new SignJWT({ userId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('7d').sign(key);
        (await cookies()).set('t', jwt, { httpOnly: true, secure: true });
      }
      const key = new TextEncoder().encode(process.env.SESSION_SECRET);
    `,
  }),

  // jose without an expiry: the token (recognised by its value, whatever the cookie's name) never expires
  ts({
    code: code`
      import { SignJWT } from 'jose';
      import { cookies } from 'next/headers';
      export async function login(userId: string) {
        const jwt = await new SignJWT({ userId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key);
        (await cookies()).set('t', jwt, { httpOnly: true, secure: true });
      }
      const key = new TextEncoder().encode(process.env.SESSION_SECRET);
    `,
    errors: [
      {
        messageId: 'noExpiry', line: 5, column: 21, endLine: 5, endColumn: 24,
        suggestions: [
          { messageId: 'setMaxAge', data: {"name":"maxAge","value":"24 * 60 * 60","human":"1 day"}, output: code`
              import { SignJWT } from 'jose';
              import { cookies } from 'next/headers';
              export async function login(userId: string) {
                const jwt = await new SignJWT({ userId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key);
                (await cookies()).set('t', jwt, { httpOnly: true, secure: true, maxAge: 24 * 60 * 60 });
              }
              const key = new TextEncoder().encode(process.env.SESSION_SECRET);
            ` },
        ],
      },
    ],
  }),

  // maxAgeMs: a token that lives longer than allowed is reported (the token's lifetime is the session's)
  cjs({
    options: [{ maxAgeMs: 60 * 60 * 1000 }],
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        res.cookie('token', jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { expiresIn: '30d' }), { httpOnly: true, secure: true });
        res.end();
      });
    `,
    errors: [
      {
        messageId: 'tooLong', data: { lifetime: '30 days', max: '1 hour', origin: " (its token's `expiresIn`)" }, line: 5, column: 7, endLine: 5, endColumn: 13,
        suggestions: [],
      },
    ],
  }),

  // within the limit (a number of seconds), or a lifetime the code does not say: nothing to report
  cjs({
    options: [{ maxAgeMs: 60 * 60 * 1000 }],
    code: code`
      const express = require('express');
      const jwt = require('jsonwebtoken');
      const app = express();
      app.post('/login', (req, res) => {
        res.cookie('token', jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { expiresIn: 900 }), { httpOnly: true, secure: true });
        res.cookie('refresh', jwt.sign({ id: req.user.id }, process.env.JWT_SECRET, { expiresIn: process.env.REFRESH_TTL }), { httpOnly: true, secure: true });
        res.end();
      });
    `,
  }),

]);


