import { defineRule, describeDefault, productionSites } from '../src/rule-kit.js';

type MessageIds = 'noTrustProxy' | 'setProxyInProduction' | 'setProxy';

export default defineRule<MessageIds, []>({
  id: 'secure-cookie-needs-trust-proxy',
  meta: {
    type: 'problem',
    description: 'Require `trust proxy` (or the session\'s `proxy` option) for secure session cookies behind a TLS-terminating proxy',
    severity: 'warn',
    configs: ['strict'],
    messages: {
      noTrustProxy:
        "The session cookie is secure, but the app never sets `trust proxy` and does not serve HTTPS itself: behind a TLS-terminating proxy (a load balancer, Heroku, nginx) every request looks like plain HTTP to {{library}}, so the cookie is silently never set and no one stays logged in. Set the app's `trust proxy` (`set('trust proxy', 1)` on the express app) or the session's `proxy: true`.",
      setProxyInProduction: 'Set the session option `{{option}}: {{test}}`: trust the proxy in production, where it stands in front of the app.',
      setProxy: 'Set the session option `{{option}}: true` everywhere.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-1188'],
    // the secure cookie is never sent behind a proxy, which invites turning secure off
    securitySeverity: 3.1,
    crossModule: true,
  },
  libraryOption: (lib) => (lib.options.proxy ? { option: lib.options.proxy, default: describeDefault(lib.defaults[lib.options.proxy]) } : undefined),
  check({ model, report }) {
    const facts = model.appFacts;
    // Needs the whole app: `trust proxy` is usually set in another module.
    if (!facts.complete || facts.trustProxy || facts.servesHttps) return;
    for (const s of productionSites(model)) {
      const proxyOption = s.library.options.proxy;
      const securePath = s.cookie('secure');
      if (!proxyOption || !securePath) continue;
      const secure = s.certainly(securePath, (v) => v === true || v === 'auto');
      // Only when `proxy` is certainly not true (left out, or a literal other than true).
      if (!secure || !s.option(proxyOption).every((ov) => ov.missingPath || (ov.value.kind === 'literal' && ov.value.value !== true))) continue;
      // Every possibility that lacks the option gets it (a second --fix then has nothing to add); the first suggestion
      // trusts the proxy in production only, as the secure cookie rules do (docs/fixes.md).
      const missing = s.option(proxyOption).filter((ov) => ov.missingPath);
      const test = missing.length > 0 ? s.productionTest(missing[0]!) : '';
      const inProd = missing.length > 0 ? s.setEverywhere(missing, proxyOption, test) : undefined;
      const always = missing.length > 0 ? s.setEverywhere(missing, proxyOption, 'true') : undefined;
      report({
        node: s.reportNode(secure[0]),
        messageId: 'noTrustProxy',
        data: { library: s.library.displayName },
        suggestions: [
          ...(inProd ? [{ messageId: 'setProxyInProduction' as const, data: { option: proxyOption, test }, edits: inProd }] : []),
          ...(always ? [{ messageId: 'setProxy' as const, data: { option: proxyOption }, edits: always }] : []),
        ],
      });
    }
  },
});
