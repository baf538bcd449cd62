import { defineRule, productionSites, sitesWithoutNodeEnv } from '../src/rule-kit.js';

type MessageIds = 'password' | 'url' | 'useEnv' | 'removeFallback';

export default defineRule<MessageIds, []>({
  id: 'no-hardcoded-store-credentials',
  meta: {
    type: 'problem',
    description: "Disallow credentials written in the source for the session store's connection",
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      password:
        "The session store's `{{key}}` is {{how}}{{origin}}. Anyone who can read the source can reach the store, and with it every user's session; read it from the environment.",
      url: "The session store's connection URL carries a password {{how}}{{origin}}. Anyone who can read the source can reach the store, and with it every user's session; read it from the environment.",
      useEnv: 'Read it from process.env.{{env}}.',
      removeFallback: 'Remove the fallback and use process.env.{{env}} alone.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-798', 'CWE-259'],
    // as CodeQL js/hardcoded-credentials
    securitySeverity: 9.8,
    crossModule: true,
  },
  libraryOption: (lib) => (lib.options.store ? { option: lib.options.store } : undefined),
  check({ model, report }) {
    const reported = new Set<number>();
    // Production first; then a server started without NODE_ENV (`isProd ? process.env.URL : 'redis://:pw@host'`), for the sites production does not already show.
    for (const s of [...productionSites(model), ...sitesWithoutNodeEnv(model)]) {
      const storeOption = s.library.options.store;
      if (!storeOption) continue;
      const unset = s.world === 'unset';
      if (unset && reported.has(s.site.call.pos)) continue;
      for (const ov of s.option(storeOption)) {
        const hit = s.storeCredential(ov);
        if (!hit) continue;
        reported.add(s.site.call.pos);
        const env = hit.literal.fallbackOf;
        if (unset) {
          const how = hit.kind === 'url' ? 'in the source, used whenever NODE_ENV is not set' : 'hardcoded, used whenever NODE_ENV is not set';
          report({ node: s.reportNode(ov, hit.literal.node), messageId: hit.kind, data: { key: hit.key, how, origin: s.origin(hit.literal.node) }, suggestions: [] });
          break;
        }
        const how = hit.kind === 'url' ? (env ? `in the hardcoded fallback of ${env}` : 'in the source') : env ? `a hardcoded fallback of ${env}` : 'hardcoded';
        const envName = env ?? s.envName(hit.kind === 'url' ? 'SESSION_STORE_URL' : 'SESSION_STORE_PASSWORD', hit.literal.node);
        const edits = s.useEnv(hit.literal, envName);
        report({
          node: s.reportNode(ov, hit.literal.node),
          messageId: hit.kind,
          data: { key: hit.key, how, origin: s.origin(hit.literal.node) },
          suggestions: edits ? [{ messageId: env ? 'removeFallback' : 'useEnv', data: { env: envName }, edits }] : [],
        });
        break; // one finding per store option
      }
    }
  },
});
