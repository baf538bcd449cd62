import { cookieAttribute, defineRule, describe, productionSites } from '../src/rule-kit.js';

type MessageIds = 'httpOnlyFalse' | 'notHttpOnly' | 'setHttpOnly' | 'addHttpOnly';

export default defineRule<MessageIds, []>({
  id: 'no-httponly-false',
  meta: {
    type: 'problem',
    description: 'Disallow turning off `httpOnly` on the session cookie',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      httpOnlyFalse:
        "The session cookie's `{{name}}` is {{value}} in production{{origin}}: any script on the page, including an injected one (XSS), can read the cookie and take over the session{{noFix}}.",
      notHttpOnly:
        'The session cookie is not marked `httpOnly` ({{library}} does not set it unless asked){{origin}}: any script on the page, including an injected one (XSS), can read the cookie and take over the session.',
      setHttpOnly: 'Set `{{name}}: true` (or remove the option: the default is {{default}}).',
      addHttpOnly: 'Set `httpOnly: true`.',
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
    for (const s of productionSites(model)) {
      const path = s.cookie('httpOnly');
      // Missing is fine when the library defaults to true; an explicit falsy value is the finding.
      const bad = path && s.certainly(path, (v) => !v);
      if (!path || !bad) continue;
      const explicit = bad.find((ov) => !ov.missingPath) ?? bad[0]!;
      // A comment beside the setting says the app relies on it (script that reads the cookie): no fix that breaks that.
      const commented = s.commented(explicit);
      const fix = commented ? undefined : s.setOption(explicit, 'httpOnly', 'true');
      if (explicit.missingPath) {
        // Left out, where the library does not default to httpOnly (React Router's createCookie, Express res.cookie).
        // (Or left out of an object the app's version takes whole without the defaults: next-auth 4's `cookies.sessionToken`.)
        report({ node: s.reportNode(explicit), messageId: 'notHttpOnly', data: { library: explicit.replacedDefault ?? s.library.displayName, origin: s.origin(explicit.value.node) }, suggestions: fix ? [{ messageId: 'addHttpOnly', edits: fix }] : [] });
        continue;
      }
      report({
        node: s.reportNode(explicit),
        messageId: 'httpOnlyFalse',
        data: { name: s.attributeName('httpOnly'), value: describe(explicit.value), origin: s.origin(explicit.value.node), noFix: commented ? ' (no fix is suggested: the comment beside it explains the choice)' : '' },
        suggestions: fix ? [{ messageId: 'setHttpOnly', data: { name: s.attributeName('httpOnly'), default: s.default(path) }, edits: fix }] : [],
      });
    }
  },
});
