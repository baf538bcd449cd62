/**
 * The rule catalog: every rule session-audit has, in documentation order.
 * Front ends iterate this list; none of them names a rule.
 */
import type { RuleDefinition } from '../src/rule.js';
import handleSessionErrors from './handle-session-errors.js';
import noHardcodedSecret from './no-hardcoded-secret.js';
import noHttponlyFalse from './no-httponly-false.js';
import noMemoryStore from './no-memory-store.js';
import requireSecureCookie from './require-secure-cookie.js';
import requireSameSite from './require-same-site.js';
import requireCookieExpiry from './require-cookie-expiry.js';
import noDefaultCookieName from './no-default-cookie-name.js';
import explicitSaveOptions from './explicit-save-options.js';
import regenerateOnLogin from './regenerate-on-login.js';
import noHardcodedStoreCredentials from './no-hardcoded-store-credentials.js';
import noSensitiveSessionData from './no-sensitive-session-data.js';
import noCredentialedWildcardCors from './no-credentialed-wildcard-cors.js';
import noStaticAfterSession from './no-static-after-session.js';
import secureCookieNeedsTrustProxy from './secure-cookie-needs-trust-proxy.js';
import requireCsrfProtection from './require-csrf-protection.js';

export const rules: readonly RuleDefinition<string, readonly unknown[]>[] = [
  noHardcodedSecret,
  noMemoryStore,
  noHardcodedStoreCredentials,
  requireSecureCookie,
  noHttponlyFalse,
  handleSessionErrors,
  regenerateOnLogin,
  noSensitiveSessionData,
  requireSameSite,
  explicitSaveOptions,
  requireCookieExpiry,
  noDefaultCookieName,
  noCredentialedWildcardCors,
  noStaticAfterSession,
  secureCookieNeedsTrustProxy,
  requireCsrfProtection,
] as unknown as readonly RuleDefinition<string, readonly unknown[]>[];

export const rulesById: ReadonlyMap<string, RuleDefinition<string, readonly unknown[]>> = new Map(rules.map((r) => [r.id, r]));

/** The options a rule runs with, validated and merged with its defaults exactly as ESLint does (the one options path). */
export { InvalidOptionsError, resolveOptions } from '../src/rule-options.js';
