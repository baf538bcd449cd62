import { classify, reportNode } from '../src/analysis/locate.js';
import { setOption } from '../src/analysis/remedies.js';
import { describeDefault } from '../src/analysis/libraries.js';
import { defineRule } from '../src/rule.js';

type MessageIds = 'noTrustProxy' | 'setProxy';

export default defineRule<MessageIds, []>({
  id: 'secure-cookie-needs-trust-proxy',
  meta: {
    type: 'problem',
    description: 'Require `trust proxy` (or the session\'s `proxy` option) for secure session cookies behind a TLS-terminating proxy',
    severity: 'warn',
    configs: ['strict'],
    messages: {
      noTrustProxy:
        "The session cookie is secure, but the app never sets `trust proxy` and does not serve HTTPS itself: behind a TLS-terminating proxy (a load balancer, Heroku, nginx) every request looks like plain HTTP to {{library}}, so the cookie is silently never set and no one stays logged in. Set `app.set('trust proxy', 1)` or the session's `proxy: true`.",
      setProxy: 'Set the session option `proxy: true`.',
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
    const ts = model.host.ts;
    const facts = model.appFacts;
    // Needs the whole app: `trust proxy` is usually set in another module.
    if (!facts.complete || facts.trustProxy || facts.servesHttps) return;
    for (const site of model.sites) {
      const proxyOption = site.library.options.proxy;
      if (!proxyOption) continue;
      const view = site.view('production');
      if (view.reachable === false) continue;
      const securePath = site.cookiePath('secure');
      if (securePath === undefined) continue; // the library sets no session cookie
      const secure = classify(view.option(securePath), site.library.defaults[securePath], (v) => v === true || v === 'auto');
      if (secure.bad.length === 0 || secure.other.length > 0) continue;
      const proxy = view.option(proxyOption);
      // Only when `proxy` is certainly not true.
      if (proxy.some((ov) => !ov.missingPath && !(ov.value.kind === 'literal' && ov.value.value !== true))) continue;
      const target = secure.bad[0]!;
      const missingProxy = proxy.find((ov) => ov.missingPath);
      const fix = missingProxy ? setOption(ts, missingProxy, proxyOption, 'true') : undefined;
      report({
        node: reportNode(site, target, ts),
        messageId: 'noTrustProxy',
        data: { library: site.library.displayName },
        suggestions: fix ? [{ messageId: 'setProxy', edits: fix }] : [],
      });
    }
  },
});
