import { defineRule, describe, cookieAttribute, productionSites } from '../src/rule-kit.js';

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
        "The session cookie is not marked secure ({{library}} defaults to `secure: {{default}}`), so browsers send it over plain HTTP, where anyone on the network can steal the session.",
      insecure:
        "The session cookie's `secure` is {{value}} in production{{origin}}, so browsers send it over plain HTTP, where anyone on the network can steal the session.",
      setSecure: 'Set `secure: true` (behind a TLS-terminating proxy, also `app.set(\'trust proxy\', 1)`).',
      setSecureInProduction: "Set `secure: process.env.NODE_ENV === 'production'`.",
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
      const suggestions = [];
      const secure = s.setOption(target, 'secure', 'true');
      if (secure) suggestions.push({ messageId: 'setSecure' as const, edits: secure });
      const inProd = s.setOption(target, 'secure', "process.env.NODE_ENV === 'production'");
      if (inProd) suggestions.push({ messageId: 'setSecureInProduction' as const, edits: inProd });
      if (explicit) {
        report({ node: s.reportNode(explicit), messageId: 'insecure', data: { value: describe(explicit.value), origin: s.origin(explicit.value.node) }, suggestions });
      } else {
        report({ node: s.reportNode(target), messageId: 'missing', data: { library: s.library.displayName, default: s.default(path) }, suggestions });
      }
    }
  },
});
