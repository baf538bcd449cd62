// Secrets shorter than the library accepts (LibraryInfo.secretMinLength: iron's 32 characters in iron-session,
// @hapi/cookie, @hapi/yar, hono-sessions and h3 1.x): such a fallback signs nothing (sealing throws, so a deployment
// without the variable fails, which is what the fix asks for) and is not reported; a plain literal is reported
// whatever its length. h3's minimum is its 1.x versions' (fixtures/versions/h3-1-npm); an unknown h3 keeps the finding.
import { code, js, ruleRunner, ts } from './_util.js';

const noHardcodedSecret = ruleRunner('no-hardcoded-secret');

noHardcodedSecret('a fallback shorter than iron accepts signs nothing', [
  // iron-session: 'dev-password' (12 characters) is refused, the long one is used
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      export const session = (req: any, res: any) => getIronSession(req, res, { password: process.env.SESSION_PASSWORD ?? 'dev-password', cookieName: 'sid' });
    `,
  }),
  ts({
    code: code`
      import { getIronSession } from 'iron-session';
      export const session = (req: any, res: any) => getIronSession(req, res, { password: process.env.SESSION_PASSWORD ?? 'a-development-password-of-32-characters', cookieName: 'sid' });
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 75, endLine: 2, endColumn: 158,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import { getIronSession } from 'iron-session';
              export const session = (req: any, res: any) => getIronSession(req, res, { password: process.env.SESSION_PASSWORD!, cookieName: 'sid' });
            ` },
        ],
      },
    ],
  }),
  // a plain literal is reported whatever its length (it is in the source)
  js({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: 'short' });
    `,
    errors: [
      {
        messageId: 'hardcoded', line: 2, column: 71, endLine: 2, endColumn: 93,
        suggestions: [
          { messageId: 'useEnv', output: code`
              import { sessionMiddleware, CookieStore } from 'hono-sessions';
              export const sessions = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_SECRET });
            ` },
        ],
      },
    ],
  }),
  // hono-sessions: a short fallback, and a short development-only literal (a server without NODE_ENV fails to seal)
  js({
    code: code`
      import { sessionMiddleware, CookieStore } from 'hono-sessions';
      export const a = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.SESSION_KEY || 'dev' });
      export const b = sessionMiddleware({ store: new CookieStore(), encryptionKey: process.env.NODE_ENV === 'production' ? process.env.SESSION_KEY : 'dev' });
    `,
  }),
]);

noHardcodedSecret('h3: the 32-character minimum is h3 1.x', [
  // h3 1.x (package.json): a short fallback cannot seal
  ts({
    filename: 'fixtures/versions/h3-1-npm/session.ts',
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler((event) => useSession(event, { password: process.env.SESSION_PASSWORD || 'changeme', maxAge: 3600 }));
    `,
  }),
  // unknown h3 version: reported
  ts({
    code: code`
      import { defineEventHandler, useSession } from 'h3';
      export default defineEventHandler((event) => useSession(event, { password: process.env.SESSION_PASSWORD || 'changeme', maxAge: 3600 }));
    `,
    errors: [
      {
        messageId: 'fallback', line: 2, column: 66, endLine: 2, endColumn: 118,
        suggestions: [
          { messageId: 'removeFallback', output: code`
              import { defineEventHandler, useSession } from 'h3';
              export default defineEventHandler((event) => useSession(event, { password: process.env.SESSION_PASSWORD!, maxAge: 3600 }));
            ` },
        ],
      },
    ],
  }),
]);
