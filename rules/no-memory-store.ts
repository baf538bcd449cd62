import { classifyStore } from '../src/analysis/stores.js';
import { reportNode } from '../src/analysis/locate.js';
import { defineRule, originSuffix } from '../src/rule.js';

type MessageIds = 'missingStore' | 'memoryStore';

export default defineRule<MessageIds, []>({
  id: 'no-memory-store',
  meta: {
    type: 'problem',
    description: 'Disallow the in-process MemoryStore for sessions in production',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      missingStore:
        "No session store is set, so {{library}} uses its default {{store}}, which leaks memory, loses every session on restart and is not shared between processes. Pass a persistent store (connect-redis, connect-pg-simple, connect-mongo, ...).",
      memoryStore:
        "{{store}} is used as the session store in production{{origin}}: it leaks memory, loses every session on restart and is not shared between processes. Use a persistent store (connect-redis, connect-pg-simple, connect-mongo, ...).",
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: false,
    testFiles: 'skip',
    crossModule: true,
    cwe: ['CWE-400', 'CWE-613'],
    // CVSS 3.1 AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L: memory grows with every visitor
    securitySeverity: 5.3,
  },
  libraryOption: (lib) => (lib.options.store ? { option: lib.options.store, default: lib.defaultStore ? `${lib.defaultStore.name}${lib.defaultStore.productionSafe ? '' : ' (not for production)'}` : 'none' } : undefined),
  check({ model, report }) {
    const ts = model.host.ts;
    for (const site of model.sites) {
      const storeOption = site.library.options.store;
      const defaultStore = site.library.defaultStore;
      if (!storeOption || !defaultStore || defaultStore.productionSafe) continue;
      const view = site.view('production');
      if (view.reachable === false) continue;
      const values = view.option(storeOption);
      const kinds = values.map((ov) => classifyStore(ov, site.library));
      // Only when every production possibility is the memory store: a store chosen by configuration is not ours to doubt.
      if (values.length === 0 || kinds.some((k) => k !== 'memory')) continue;
      const explicit = values.find((ov) => !ov.missingPath);
      if (explicit) {
        report({
          node: reportNode(site, explicit, ts),
          messageId: 'memoryStore',
          data: { store: defaultStore.name, origin: originSuffix(explicit.value.node, model.sourceFile) },
        });
      } else {
        report({
          node: reportNode(site, values[0], ts),
          messageId: 'missingStore',
          data: { library: site.library.displayName, store: defaultStore.name },
        });
      }
    }
  },
});
