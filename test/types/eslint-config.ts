// Compile-time check (npm run typecheck): the plugin object and its configs are typed for
// ESLint's own `defineConfig` (eslint/config) and `Linter.Config`, and for typescript-eslint's
// config helpers and types, as users write them.
// test/package/pack.test.ts checks the same from the packed package, for ESM and CJS consumers.
import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import type { TSESLint } from '@typescript-eslint/utils';
import tseslint from 'typescript-eslint';
import sessionAudit from '../../src/eslint/index.js';

export const configs: Linter.Config[] = defineConfig([
  sessionAudit.configs.recommended,
  { ...sessionAudit.configs.strict, files: ['src/**/*.ts'] },
  { files: ['src/**'], extends: [sessionAudit.configs.strict] },
  { plugins: { 'session-audit': sessionAudit }, rules: { 'session-audit/no-memory-store': 'warn' } },
  { extends: [sessionAudit.configs.all] },
]);

export const asPlugin: ESLint.Plugin = sessionAudit;

// typescript-eslint: its (deprecated) `config()` helper and its own config array type.
export const withTseslint = tseslint.config(tseslint.configs.recommended, sessionAudit.configs.recommended, {
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
});

export const flatConfigArray: TSESLint.FlatConfig.ConfigArray = [...tseslint.configs.recommended, sessionAudit.configs.all];
export const withDefineConfig = defineConfig(tseslint.configs.recommended, sessionAudit.configs.recommended, {
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
});

// @ts-expect-error: configs are objects, not strings (guards against the types degrading to `any`).
export const notAString: string = sessionAudit.configs.recommended;
