import { classify, reportNode } from '../src/analysis/locate.js';
import { setOption } from '../src/analysis/remedies.js';
import { cookieAttribute } from '../src/analysis/libraries.js';
import { defineRule, originSuffix } from '../src/rule.js';

type MessageIds = 'httpOnlyFalse' | 'setHttpOnly';

export default defineRule<MessageIds, []>({
  id: 'no-httponly-false',
  meta: {
    type: 'problem',
    description: 'Disallow turning off `httpOnly` on the session cookie',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      httpOnlyFalse:
        "The session cookie's `httpOnly` is {{value}} in production{{origin}}: any script on the page, including an injected one (XSS), can read the cookie and take over the session.",
      setHttpOnly: 'Set `httpOnly: true` (or remove the option: the default is true).',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    crossModule: true,
    cwe: ['CWE-1004'],
    // as CodeQL js/client-exposed-cookie
    securitySeverity: 5.0,
  },
  libraryOption: (lib) => cookieAttribute(lib, 'httpOnly'),
  check({ model, report }) {
    const ts = model.host.ts;
    for (const site of model.sites) {
      const view = site.view('production');
      if (view.reachable === false) continue;
      const path = site.cookiePath('httpOnly');
      if (path === undefined) continue; // the library sets no session cookie
      const values = view.option(path);
      // Missing is fine when the library defaults to true; an explicit falsy value is the finding.
      const { bad, other } = classify(values, site.library.defaults[path], (v) => !v);
      if (bad.length === 0 || other.length > 0) continue;
      const explicit = bad.find((ov) => !ov.missingPath) ?? bad[0]!;
      const fix = setOption(ts, explicit, 'httpOnly', 'true');
      report({
        node: reportNode(site, explicit, ts),
        messageId: 'httpOnlyFalse',
        data: {
          value: explicit.value.kind === 'literal' ? String(JSON.stringify(explicit.value.value)) : 'not set',
          origin: originSuffix(explicit.value.node, model.sourceFile),
        },
        suggestions: fix ? [{ messageId: 'setHttpOnly', edits: fix }] : [],
      });
    }
  },
});
