import { RECOMMENDED_STORES, defineRule, describe, memoryFactories, productionSites } from '../src/rule-kit.js';

type MessageIds = 'missingStore' | 'memoryStore' | 'memoryFactory';

export default defineRule<MessageIds, []>({
  id: 'no-memory-store',
  meta: {
    type: 'problem',
    description: 'Disallow the in-process MemoryStore for sessions in production',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      missingStore:
        'No session store is set, so {{library}} uses its default {{store}}, which leaks memory, loses every session on restart and is not shared between processes. Pass a persistent store ({{stores}}, ...).',
      memoryFactory:
        '`{{factory}}()` keeps the sessions in the process memory: they are lost on every restart and not shared between processes, and the memory grows with every visitor. Use a persistent session storage ({{storages}}).',
      memoryStore:
        '{{store}} is used as the session store in production{{origin}}: it leaks memory, loses every session on restart and is not shared between processes. Use a persistent store ({{stores}}, ...).',
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
  libraryOption: (lib) =>
    lib.options.store
      ? { option: lib.options.store, default: lib.defaultStore ? `${lib.defaultStore.name}${lib.defaultStore.productionSafe ? '' : ' (not for production)'}` : 'none' }
      : memoryFactories(lib).length > 0
        ? { option: `${memoryFactories(lib).join(', ')}()`, default: 'the process memory (not for production)' }
        : undefined,
  check({ model, report }) {
    for (const s of productionSites(model)) {
      const factory = s.memoryFactory;
      if (factory) {
        // The storage's other factories (file, database, KV) are the persistent alternatives.
        const storages = s.library.factories.filter((f) => !f.memoryStore).map((f) => f.export.join('.')).slice(0, 3).join(', ');
        report({ node: s.reportNode(), messageId: 'memoryFactory', data: { factory, storages: storages || (s.library.recommendedStores ?? RECOMMENDED_STORES).join(', ') } });
        continue;
      }
      const storeOption = s.library.options.store;
      if (!storeOption) continue;
      const stores = (s.library.recommendedStores ?? RECOMMENDED_STORES).join(', ');
      const values = s.option(storeOption);
      // Only when every production possibility is the memory store: a store chosen by configuration is not ours to doubt.
      if (values.length === 0 || values.some((ov) => s.store(ov) !== 'memory')) continue;
      const explicit = values.find((ov) => !ov.missingPath);
      const defaultStore = s.library.defaultStore;
      if (explicit) {
        const store = explicit.value.kind === 'literal' ? `The ${describe(explicit.value)} store` : (defaultStore?.name ?? 'The memory store');
        report({ node: s.reportNode(explicit), messageId: 'memoryStore', data: { store, origin: s.origin(explicit.value.node), stores } });
      } else if (defaultStore) {
        report({ node: s.reportNode(values[0]), messageId: 'missingStore', data: { library: s.library.displayName, store: defaultStore.name, stores } });
      }
    }
  },
});
