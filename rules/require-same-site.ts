import { classify, effectiveValue, reportNode } from '../src/analysis/locate.js';
import { setOption } from '../src/analysis/remedies.js';
import { cookieAttribute } from '../src/analysis/libraries.js';
import { defineRule, originSuffix } from '../src/rule.js';

type MessageIds = 'missing' | 'noneWithoutSecure' | 'weak' | 'setLax' | 'setSecure';

/** What a `sameSite` value means to the browser (express-session/cookie semantics: true is Strict, false omits it). */
function sameSiteOf(v: unknown): 'strict' | 'lax' | 'none' | 'unset' | 'other' {
  if (v === true) return 'strict';
  if (v === false || v === undefined || v === null) return 'unset';
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'strict' || s === 'lax' || s === 'none') return s;
  }
  return 'other';
}

export default defineRule<MessageIds, []>({
  id: 'require-same-site',
  meta: {
    type: 'problem',
    description: 'Require a `sameSite` attribute on the session cookie, and `secure` with `sameSite: none`',
    severity: 'warn',
    configs: ['recommended', 'strict'],
    messages: {
      missing:
        'The session cookie has no `sameSite` attribute: browsers that do not default to Lax send it on cross-site requests, which opens the app to cross-site request forgery.',
      weak: "The session cookie's `sameSite` is {{value}} in production{{origin}}: the cookie has no SameSite protection against cross-site request forgery.",
      noneWithoutSecure:
        "The session cookie has `sameSite: 'none'` without `secure`{{origin}}: browsers reject such cookies, so the session silently never sticks.",
      setLax: "Set `sameSite: 'lax'`.",
      setSecure: 'Set `secure: true`.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-1275', 'CWE-352'],
    // a cookie attribute, as the secure and httpOnly rules
    securitySeverity: 5.0,
    crossModule: true,
  },
  libraryOption: (lib) => cookieAttribute(lib, 'sameSite'),
  check({ model, report }) {
    const ts = model.host.ts;
    for (const site of model.sites) {
      const view = site.view('production');
      if (view.reachable === false) continue;
      const path = site.cookiePath('sameSite');
      if (path === undefined) continue; // the library sets no session cookie
      const values = view.option(path);
      const { bad, other } = classify(values, site.library.defaults[path], (v) => sameSiteOf(v) === 'unset');
      if (bad.length > 0 && other.length === 0) {
        const explicit = bad.find((ov) => !ov.missingPath);
        const target = explicit ?? bad[0]!;
        const fix = setOption(ts, target, 'sameSite', "'lax'");
        const suggestions = fix ? [{ messageId: 'setLax' as const, edits: fix }] : [];
        if (explicit) {
          report({
            node: reportNode(site, explicit, ts),
            messageId: 'weak',
            data: { value: explicit.value.kind === 'literal' ? String(JSON.stringify(explicit.value.value)) : 'not set', origin: originSuffix(explicit.value.node, model.sourceFile) },
            suggestions,
          });
        } else report({ node: reportNode(site, target, ts), messageId: 'missing', suggestions });
        continue;
      }
      // sameSite 'none' is only accepted by browsers on a secure cookie.
      const none = classify(values, site.library.defaults[path], (v) => sameSiteOf(v) === 'none');
      if (none.bad.length === 0 || none.other.length > 0) continue;
      const securePath = site.cookiePath('secure');
      if (securePath === undefined) continue; // the library sets no session cookie
      const secure = classify(view.option(securePath), site.library.defaults[securePath], (v) => v !== true && v !== 'auto');
      if (secure.bad.length === 0 || secure.other.length > 0) continue;
      const ov = none.bad[0]!;
      const e = effectiveValue(ov, undefined);
      void e;
      const secureFix = setOption(ts, secure.bad.find((x) => !x.missingPath) ?? secure.bad[0]!, 'secure', 'true');
      report({
        node: reportNode(site, ov, ts),
        messageId: 'noneWithoutSecure',
        data: { origin: originSuffix(ov.value.node, model.sourceFile) },
        suggestions: secureFix ? [{ messageId: 'setSecure', edits: secureFix }] : [],
      });
    }
  },
});
