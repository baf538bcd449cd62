/**
 * The installed `typescript`, for the front ends that use it (the ESLint plugin, the API),
 * loaded on first use: a project without session code never pays for it. Loaded with
 * `require`: an ESM `import` of this CommonJS module first scans its 9 MB of source for
 * export names (about a second).
 */
import { createRequire } from 'node:module';
import type { TSModule } from './analysis/host.js';

let loaded: TSModule | undefined;

export function installedTypeScript(): TSModule {
  if (!loaded) {
    const ts: TSModule = createRequire(import.meta.url)('typescript');
    loaded = ts;
  }
  return loaded;
}
