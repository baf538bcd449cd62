import { type Primitive, cookieAttribute, defineRule, describe, localhostOnly, productionSites } from '../src/rule-kit.js';

type MessageIds = 'missing' | 'noneWithoutSecure' | 'weak' | 'setLax' | 'setSecureInProduction' | 'setSecure';

/** What a `sameSite` value means to the browser (express-session/cookie semantics: true is Strict, false omits it). */
function sameSiteOf(v: Primitive): 'strict' | 'lax' | 'none' | 'unset' | 'other' {
  if (v === true) return 'strict';
  if (v === false || v === undefined || v === null) return 'unset';
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  return s === 'strict' || s === 'lax' || s === 'none' ? s : 'other';
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
      weak: "The session cookie's `{{name}}` is {{value}} in production{{origin}}: the cookie has no SameSite protection against cross-site request forgery{{noFix}}.",
      noneWithoutSecure:
        "The session cookie has `sameSite: 'none'` without `secure`{{origin}}: browsers reject such cookies, so the session silently never sticks{{noFix}}.",
      setLax: 'Set `{{name}}: {{value}}`.',
      setSecureInProduction: 'Set `{{name}}: {{test}}`: secure in production, while plain-HTTP development keeps working.',
      setSecure: 'Set `{{name}}: true` everywhere (development then needs HTTPS too).',
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
    for (const s of productionSites(model)) {
      const path = s.cookie('sameSite');
      const securePath = s.cookie('secure');
      if (!path || !securePath) continue; // the library sets no session cookie
      const unset = s.certainly(path, (v) => sameSiteOf(v) === 'unset');
      if (unset) {
        const explicit = unset.find((ov) => !ov.missingPath);
        // An explicit value with a comment beside it is a choice the app relies on (a cross-site embed): no fix.
        const commented = explicit !== undefined && s.commented(explicit);
        const fix = commented ? undefined : s.setOption(explicit ?? unset[0]!, 'sameSite', s.sameSiteText('lax'));
        const suggestions = fix ? [{ messageId: 'setLax' as const, data: { name: s.attributeName('sameSite'), value: s.sameSiteText('lax') }, edits: fix }] : [];
        const noFix = commented ? ' (no fix is suggested: the comment beside it explains the choice)' : '';
        if (explicit) report({ node: s.reportNode(explicit), messageId: 'weak', data: { name: s.attributeName('sameSite'), value: describe(explicit.value), origin: s.origin(explicit.value.node), noFix }, suggestions });
        else report({ node: s.reportNode(unset[0]), messageId: 'missing', suggestions });
        continue;
      }
      // sameSite 'none' is only accepted by browsers on a secure cookie.
      const none = s.certainly(path, (v) => sameSiteOf(v) === 'none');
      const insecure = none && s.certainly(securePath, (v) => v !== true && v !== 'auto');
      if (!none || !insecure) continue;
      // As require-secure-cookie: the first suggestion is secure in production only (docs/fixes.md).
      const noFix = localhostOnly(model) ? ' (no fix is suggested: the app listens only on localhost, over plain HTTP)' : '';
      const test = s.productionTestHere(insecure.find((x) => !x.missingPath) ?? insecure[0]!);
      const inProd = noFix || test === undefined ? undefined : s.setEverywhere(insecure, 'secure', test);
      const always = noFix ? undefined : s.setEverywhere(insecure, 'secure', 'true');
      const name = s.attributeName('secure');
      const suggestions: { messageId: 'setSecureInProduction' | 'setSecure'; data: Record<string, string>; edits: NonNullable<typeof always> }[] = [];
      if (inProd && test !== undefined) suggestions.push({ messageId: 'setSecureInProduction', data: { test, name }, edits: inProd });
      if (always) suggestions.push({ messageId: 'setSecure', data: { name }, edits: always });
      report({ node: s.reportNode(none[0]), messageId: 'noneWithoutSecure', data: { origin: s.origin(none[0]!.value.node), noFix }, suggestions });
    }
  },
});
