import { defineRule, describe, cookieAttribute, localhostOnly, productionSites } from '../src/rule-kit.js';

type MessageIds = 'missing' | 'insecure' | 'setSecure' | 'setSecureInProduction';

export default defineRule<MessageIds, []>({
  id: 'require-secure-cookie',
  meta: {
    type: 'problem',
    description: 'Require the session cookie to be marked `secure` in production',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      missing:
        "The session cookie is not marked secure ({{library}} {{defaultNote}}), so browsers send it over plain HTTP, where anyone on the network can steal the session{{noFix}}.",
      insecure:
        "The session cookie's `{{name}}` is {{value}} in production{{origin}}, so browsers send it over plain HTTP, where anyone on the network can steal the session{{noFix}}.",
      setSecureInProduction: 'Set `{{name}}: {{test}}`: secure in production, while plain-HTTP development keeps working (behind a TLS-terminating proxy, also trust the proxy).',
      setSecure: 'Set `{{name}}: true` everywhere (development then needs HTTPS too; behind a TLS-terminating proxy, also trust the proxy).',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    crossModule: true,
    cwe: ['CWE-614', 'CWE-319'],
    // as CodeQL js/clear-text-cookie
    securitySeverity: 5.0,
  },
  libraryOption: (lib) => cookieAttribute(lib, 'secure'),
  check({ model, report }) {
    for (const s of productionSites(model)) {
      const path = s.cookie('secure');
      // Fire only when every production possibility is insecure: a value decided by deployment config is trusted.
      const bad = path === undefined ? undefined : s.certainly(path, (v) => v !== true && v !== 'auto');
      if (!path || !bad) continue;
      const explicit = bad.find((ov) => !ov.missingPath);
      const target = explicit ?? bad[0]!;
      // The first suggestion (the one --fix applies) must not stop the cookie over plain HTTP in development: secure
      // in production only, by the app's own production test. A localhost-only app gets none (docs/fixes.md).
      const suggestions = [];
      const noFix = localhostOnly(model) ? ' (no fix is suggested: the app listens only on localhost, over plain HTTP)' : '';
      // On Deno and Workers without a test of the app's own there is none to write (no NODE_ENV): `secure: true` only.
      const test = s.productionTestHere(target);
      const name = s.attributeName('secure');
      const inProd = noFix || test === undefined ? undefined : s.setEverywhere(bad, 'secure', test);
      if (inProd && test !== undefined) suggestions.push({ messageId: 'setSecureInProduction' as const, data: { test, name }, edits: inProd });
      const secure = noFix ? undefined : s.setEverywhere(bad, 'secure', 'true');
      if (secure) suggestions.push({ messageId: 'setSecure' as const, data: { name }, edits: secure });
      if (explicit) {
        report({ node: s.reportNode(explicit), messageId: 'insecure', data: { name, value: describe(explicit.value), origin: s.origin(explicit.value.node), noFix }, suggestions });
      } else {
        // A library that leaves the attribute out unless asked (React Router, Express res.cookie) has no default to name.
        // So is an object the app's version takes whole without the defaults (next-auth 4's `cookies.sessionToken`).
        const defaultNote = s.library.defaults[path] === undefined || target.replacedDefault ? 'does not set it unless asked' : `defaults to \`${name}: ${s.default(path)}\``;
        report({ node: s.reportNode(target), messageId: 'missing', data: { name, library: target.replacedDefault ?? s.library.displayName, defaultNote, noFix }, suggestions });
      }
    }
  },
});
