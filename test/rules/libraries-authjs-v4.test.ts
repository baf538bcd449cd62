// next-auth 4 takes a written `cookies.sessionToken` whole (src/core/init.ts: `{ ...defaultCookies(...),
// ...userOptions.cookies }`), so what its `options` leave out is unset; next-auth 5 and @auth/core merge it
// over the defaults. Decided by the app's version (fixtures/versions/next-auth-*), an unknown version being
// the merge (no finding). Positions and suggestions asserted; both front ends (cli-parity).
import { code, ruleRunner, ts } from './_util.js';

const noHttponlyFalse = ruleRunner('no-httponly-false');
const requireSecureCookie = ruleRunner('require-secure-cookie');
const requireSameSite = ruleRunner('require-same-site');

const V4 = 'fixtures/versions/next-auth-4-npm/auth.ts';
const V5 = 'fixtures/versions/next-auth-5-npm/auth.ts';
const NOTE = 'next-auth 4, which takes a written `cookies.sessionToken` whole without its defaults,';

// A session cookie renamed for a shared domain, the rest of its options left to "the defaults"
const RENAMED = code`
  import type { NextAuthOptions } from 'next-auth';
  export const authOptions: NextAuthOptions = {
    providers: [],
    cookies: { sessionToken: { name: 'app.session-token', options: { path: '/', domain: '.example.com', secure: true } } },
  };
`;

noHttponlyFalse('next-auth 4: a written cookies.sessionToken drops the default httpOnly', [
  ts({
    filename: V4,
    code: RENAMED,
    errors: [
      {
        messageId: 'notHttpOnly', data: { library: NOTE, origin: '' }, line: 4, column: 57, endLine: 4, endColumn: 64,
        suggestions: [
          { messageId: 'addHttpOnly', output: code`
              import type { NextAuthOptions } from 'next-auth';
              export const authOptions: NextAuthOptions = {
                providers: [],
                cookies: { sessionToken: { name: 'app.session-token', options: { path: '/', domain: '.example.com', secure: true, httpOnly: true } } },
              };
            ` },
        ],
      },
    ],
  }),
  // hard negatives: next-auth 5 (a beta, on @auth/core) merges; an unknown version is taken to merge; v4 with httpOnly written
  ts({ filename: V5, code: RENAMED }),
  ts({ code: RENAMED }),
  ts({
    filename: V4,
    code: code`
      import type { NextAuthOptions } from 'next-auth';
      export const authOptions: NextAuthOptions = {
        providers: [],
        cookies: { sessionToken: { name: 'app.session-token', options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true } } },
      };
    `,
  }),
  // hard negative: v4 without a sessionToken entry keeps the default cookie (httpOnly)
  ts({
    filename: V4,
    code: code`
      import NextAuth from 'next-auth';
      export default NextAuth({ providers: [], cookies: { csrfToken: { name: 'csrf', options: { path: '/' } } } });
    `,
  }),
]);

requireSecureCookie('next-auth 4: a written cookies.sessionToken drops the secure default (useSecureCookies no longer applies)', [
  ts({
    filename: V4,
    code: code`
      import NextAuth from 'next-auth';
      export default NextAuth({ providers: [], useSecureCookies: true, cookies: { sessionToken: { name: 'sid', options: { httpOnly: true, sameSite: 'lax', path: '/' } } } });
    `,
    errors: [
      {
        messageId: 'missing', data: { name: 'secure', library: NOTE, defaultNote: 'does not set it unless asked', noFix: '' }, line: 2, column: 106, endLine: 2, endColumn: 113,
        suggestions: [
          { messageId: 'setSecureInProduction', output: code`
              import NextAuth from 'next-auth';
              export default NextAuth({ providers: [], useSecureCookies: true, cookies: { sessionToken: { name: 'sid', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: process.env.NODE_ENV === 'production' } } } });
            ` },
          { messageId: 'setSecure', output: code`
              import NextAuth from 'next-auth';
              export default NextAuth({ providers: [], useSecureCookies: true, cookies: { sessionToken: { name: 'sid', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true } } } });
            ` },
        ],
      },
    ],
  }),
  // hard negative: next-auth 5 merges, so useSecureCookies decides
  ts({
    filename: V5,
    code: code`
      import NextAuth from 'next-auth';
      export const { handlers } = NextAuth({ providers: [], useSecureCookies: true, cookies: { sessionToken: { name: 'sid', options: { httpOnly: true, sameSite: 'lax', path: '/' } } } });
    `,
  }),
]);

requireSameSite('next-auth 4: a written cookies.sessionToken drops the default sameSite', [
  ts({
    filename: V4,
    code: RENAMED,
    errors: [
      {
        messageId: 'missing', line: 4, column: 57, endLine: 4, endColumn: 64,
        suggestions: [
          { messageId: 'setLax', output: code`
              import type { NextAuthOptions } from 'next-auth';
              export const authOptions: NextAuthOptions = {
                providers: [],
                cookies: { sessionToken: { name: 'app.session-token', options: { path: '/', domain: '.example.com', secure: true, sameSite: 'lax' } } },
              };
            ` },
        ],
      },
    ],
  }),
  ts({ filename: V5, code: RENAMED }),
]);
