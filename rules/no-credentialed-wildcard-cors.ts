import { defineRule, originSuffix } from '../src/rule-kit.js';

type MessageIds = 'reflectAnyOrigin' | 'wildcard';

export default defineRule<MessageIds, []>({
  id: 'no-credentialed-wildcard-cors',
  meta: {
    type: 'problem',
    description: 'Disallow CORS with credentials for any origin in an app that uses session cookies',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      reflectAnyOrigin:
        'CORS allows credentials for any origin{{origin}}: every website can make requests with the user\'s session cookie and read the responses. List the origins that may call the API.',
      wildcard:
        "CORS combines `credentials: true` with `origin: '*'`{{origin}}: browsers refuse credentialed responses for '*', and the usual 'fix' (reflecting the request's origin) lets any website act as the user. List the origins that may call the API.",
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: false,
    testFiles: 'skip',
    cwe: ['CWE-942', 'CWE-346'],
    // as CodeQL js/cors-misconfiguration-for-credentials
    securitySeverity: 7.5,
    crossModule: true,
  },
  check({ model, report }) {
    // Only in an app with session cookies (this file, or the whole app when known).
    if (model.appFacts.sessionModules.size === 0 && model.sites.length === 0) return;
    for (const c of model.corsConfigs) {
      if (!c.credentials || !c.origin) continue;
      report({ node: c.node, messageId: c.origin === 'star' ? 'wildcard' : 'reflectAnyOrigin', data: { origin: originSuffix(c.originFrom, model.sourceFile) } });
    }
  },
});
