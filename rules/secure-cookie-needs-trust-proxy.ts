import { defineRule, describeDefault, frameworkTrustSetting, productionSites } from '../src/rule-kit.js';

type MessageIds = 'noTrustProxy' | 'noFrameworkTrustProxy' | 'setProxyInProduction' | 'setProxy' | 'trustProxyInProduction' | 'trustProxy';

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
      noFrameworkTrustProxy:
        "The session cookie is secure, but the app never tells {{framework}} to trust its proxy and does not serve HTTPS itself: behind a TLS-terminating proxy (a load balancer, Heroku, nginx) every request looks like plain HTTP to {{library}}, which then does not send a secure cookie (with `secure: 'auto'`, sends it without Secure), so no one stays logged in. Set {{how}}.",
      setProxyInProduction: 'Set the session option `{{option}}: {{test}}`: trust the proxy in production, where it stands in front of the app.',
      setProxy: 'Set the session option `{{option}}: true` everywhere.',
      trustProxyInProduction: "Set the app's `{{option}}: {{test}}`: trust the proxy in production, where it stands in front of the app.",
      trustProxy: "Set the app's `{{option}}: true` everywhere.",
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
  libraryOption: (lib) =>
    lib.options.proxy
      ? { option: lib.options.proxy, default: describeDefault(lib.defaults[lib.options.proxy]) }
      : frameworkTrustSetting(lib) !== undefined
        ? { option: frameworkTrustSetting(lib)!, default: 'not trusted (the app\'s)' }
        : undefined,
  check({ model, report }) {
    const facts = model.appFacts;
    // Needs the whole app: `trust proxy` is usually set in another module.
    if (!facts.complete || facts.trustProxy || facts.servesHttps) return;
    for (const s of productionSites(model)) {
      const proxyOption = s.library.options.proxy;
      const securePath = s.cookie('secure');
      // Or the framework's trust decides whether the library sees HTTPS (Fastify's `trustProxy`, Koa's `app.proxy`).
      const framework = proxyOption ? undefined : s.frameworkProxy('true');
      if ((!proxyOption && !framework) || !securePath) continue;
      const secure = s.certainly(securePath, (v) => v === true || v === 'auto');
      if (framework) {
        // A default that only follows the request (`'auto'`) was not asked for: only a written one, or a default of true, is judged.
        if (!secure || (secure.every((ov) => ov.missingPath) && s.library.defaults[securePath] !== true)) continue;
        const data = { library: s.library.displayName, framework: framework.framework, how: framework.how };
        report({ node: s.reportNode(secure[0]), messageId: 'noFrameworkTrustProxy', data, suggestions: s.frameworkTrustSuggestions(framework) });
        continue;
      }
      if (!proxyOption) continue;
      // Only when `proxy` is certainly not true (left out, or a literal other than true).
      if (!secure || !s.option(proxyOption).every((ov) => ov.missingPath || (ov.value.kind === 'literal' && ov.value.value !== true))) continue;
      report({ node: s.reportNode(secure[0]), messageId: 'noTrustProxy', data: { library: s.library.displayName }, suggestions: s.proxyOptionSuggestions(proxyOption) });
    }
  },
});
