import { classify, reportNode } from '../src/analysis/locate.js';
import { setOption } from '../src/analysis/remedies.js';
import { cookieAttribute } from '../src/analysis/libraries.js';
import { defineRule, originSuffix } from '../src/rule.js';

type MessageIds = 'missing' | 'insecure' | 'setSecure' | 'setSecureInProduction';

const insecure = (v: unknown) => v !== true && v !== 'auto';

export default defineRule<MessageIds, []>({
  id: 'require-secure-cookie',
  meta: {
    type: 'problem',
    description: 'Require the session cookie to be marked `secure` in production',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      missing:
        "The session cookie is not marked secure ({{library}} defaults to `secure: false`), so browsers send it over plain HTTP, where anyone on the network can steal the session.",
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
    const ts = model.host.ts;
    for (const site of model.sites) {
      const view = site.view('production');
      if (view.reachable === false) continue;
      const path = site.cookiePath('secure');
      if (path === undefined) continue; // the library sets no session cookie
      const values = view.option(path);
      const { bad, other } = classify(values, site.library.defaults[path], insecure);
      // Fire only when every production possibility is insecure: a value decided by deployment config is trusted.
      if (bad.length === 0 || other.length > 0) continue;
      const explicit = bad.find((ov) => !ov.missingPath);
      const target = explicit ?? bad[0]!;
      const suggestions = [];
      const secure = setOption(ts, target, 'secure', 'true');
      if (secure) suggestions.push({ messageId: 'setSecure' as const, edits: secure });
      const inProd = setOption(ts, target, 'secure', "process.env.NODE_ENV === 'production'");
      if (inProd) suggestions.push({ messageId: 'setSecureInProduction' as const, edits: inProd });
      if (explicit) {
        report({
          node: reportNode(site, explicit, ts),
          messageId: 'insecure',
          data: { value: describe(explicit.value), origin: originSuffix(explicit.value.node, model.sourceFile) },
          suggestions,
        });
      } else {
        report({ node: reportNode(site, target, ts), messageId: 'missing', data: { library: site.library.displayName }, suggestions });
      }
    }
  },
});

function describe(v: { kind: string; value?: unknown }): string {
  return v.kind === 'literal' ? JSON.stringify(v.value) ?? 'undefined' : 'not set';
}
