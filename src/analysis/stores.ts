/**
 * What a `store` option holds: the library's in-memory store, a persistent
 * store, or something session-audit cannot tell (given the benefit of the doubt).
 */
import { type LibraryInfo, PERSISTENT_STORE_MODULES } from './libraries.js';
import type { OptionValue } from './sites.js';

export type StoreKind = 'memory' | 'persistent' | 'unknown';

export function classifyStore(ov: OptionValue, library: LibraryInfo): StoreKind {
  const v = ov.value;
  // Left out: the library's default store (its memory store, or one that is safe or unknown).
  if (ov.missingPath || v.kind === 'missing' || (v.kind === 'literal' && v.value == null)) return library.defaultStore === undefined ? 'unknown' : library.defaultStore.productionSafe ? 'persistent' : 'memory';
  if (v.kind === 'literal' && typeof v.value === 'string' && library.memoryStoreNames?.includes(v.value)) return 'memory';
  if (v.kind === 'instance' && v.constructed) {
    const { module, path } = v.of;
    if (library.modules.includes(module) && library.memoryStoreExports.some((e) => e.length === path.length && e.every((p, i) => p === path[i]))) {
      return 'memory';
    }
    if (PERSISTENT_STORE_MODULES.includes(module)) return 'persistent';
  }
  return 'unknown';
}
