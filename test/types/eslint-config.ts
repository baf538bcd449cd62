// Compile-time check (npm run typecheck): the plugin object and its configs are typed for
// ESLint's own `defineConfig` (eslint/config) and `Linter.Config`, as users write them.
// test/package/pack.test.ts checks the same from the packed package, for ESM and CJS consumers.
import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import sessionAudit from '../../src/eslint/index.js';

export const configs: Linter.Config[] = defineConfig([
  sessionAudit.configs.recommended,
  { files: ['**/*.ts'], ...sessionAudit.configs.strict },
  { plugins: { 'session-audit': sessionAudit }, rules: { 'session-audit/no-memory-store': 'warn' } },
  { extends: [sessionAudit.configs.all] },
]);

export const asPlugin: ESLint.Plugin = sessionAudit;

// @ts-expect-error: configs are objects, not strings (guards against the types degrading to `any`).
export const notAString: string = sessionAudit.configs.recommended;
