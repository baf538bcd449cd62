// better-auth's own CSRF protection, its origin check (packages/better-auth/src/api/middlewares/origin-check.ts),
// switched off by its configuration: `trustedOrigins` with a pattern that matches every host, or
// `advanced.disableCSRFCheck` / `advanced.disableOriginCheck`. require-csrf-protection owns it (better-auth sets
// no CORS headers: `trustedOrigins` is not CORS). Hard negatives: the app's origins, a production conditional,
// wildcards limited to a domain. Both front ends (cli-parity).
import { code, js, ruleRunner, ts } from './_util.js';

const requireCsrfProtection = ruleRunner('require-csrf-protection');

const WHY_ALL = (pattern: string) => ({
  library: 'better-auth',
  covers: 'its origin check on cookie-carrying POSTs, sign-in forms and callback URLs',
  why: `\`trustedOrigins\` trusts every origin (${pattern})`,
  origin: '',
});

requireCsrfProtection('better-auth: an origin check that trusts every origin or is switched off', [
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ secret: process.env.BETTER_AUTH_SECRET, trustedOrigins: ['https://app.example.com', '*'] });
    `,
    errors: [{ messageId: 'originCheckOff', data: WHY_ALL("'*'"), line: 2, column: 118, endLine: 2, endColumn: 121 }],
  }),
  // a scheme-wide wildcard is every website too
  js({
    filename: 'lib/auth.js',
    code: code`
      import { betterAuth } from 'better-auth';
      const origins = ['https://*'];
      export const auth = betterAuth({ trustedOrigins: origins });
    `,
    errors: [{ messageId: 'originCheckOff', data: WHY_ALL("'https://*'"), line: 2, column: 18, endLine: 2, endColumn: 29 }],
  }),
  // the check switched off
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ advanced: { disableCSRFCheck: true } });
    `,
    errors: [{ messageId: 'originCheckOff', line: 2, column: 46, endLine: 2, endColumn: 68 }],
  }),
  // disableOriginCheck also skips the CSRF check while disableCSRFCheck is left out
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const auth = betterAuth({ advanced: { disableOriginCheck: true } });
    `,
    errors: [{ messageId: 'originCheckOff', line: 2, column: 46, endLine: 2, endColumn: 70 }],
  }),
  // hard negatives: disableCSRFCheck: false keeps the CSRF check; the app's own origins and a subdomain wildcard; '*' only
  // outside production; an origin list from the environment
  ts({
    filename: 'lib/auth.ts',
    code: code`
      import { betterAuth } from 'better-auth';
      export const a = betterAuth({ advanced: { disableOriginCheck: true, disableCSRFCheck: false } });
      export const b = betterAuth({ trustedOrigins: ['https://app.example.com', 'https://*.example.com'] });
      export const c = betterAuth({ trustedOrigins: process.env.NODE_ENV === 'production' ? ['https://app.example.com'] : ['*'] });
      export const d = betterAuth({ trustedOrigins: process.env.TRUSTED_ORIGINS?.split(',') });
      export const e = betterAuth({ advanced: { disableCSRFCheck: process.env.NODE_ENV !== 'production' } });
    `,
  }),
]);
