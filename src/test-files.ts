/**
 * Test files, one answer for both front ends. A rule's metadata says what it does in test files
 * (`testFiles`: 'skip' or 'check'); one setting, `includeTests`, changes it:
 *
 * - a rule option, `['error', { includeTests: true }]`, for one rule (every rule takes it: the
 *   catalog adds it to each rule's schema, see `withIncludeTests`);
 * - for all rules: the CLI's `--include-tests` flag or `"includeTests": true` in
 *   session-audit.config.json; in ESLint, `settings: { 'session-audit': { includeTests: true } }`.
 *
 * The rule option wins over the setting for all rules, which wins over the rule's default.
 * Which files are tests is `isTestFile` (source-files.ts), by the path relative to the project
 * folder, the same in both front ends. No TypeScript here (the ESLint entry imports this module).
 */
import type { JSONSchema } from './rule.js';

export const INCLUDE_TESTS = 'includeTests';

const OPTION_SCHEMA: JSONSchema = {
  type: 'boolean',
  description: 'Check test files too (true) or skip them (false); default: the rule\u2019s own choice, changed for all rules by `includeTests` in the config.',
};

/**
 * A rule's schema with the `includeTests` option: a rule without options gets an options
 * object holding only it; a rule whose first option is an object gets one more property. (A
 * rule whose first option is not an object would not take it; none is.)
 */
export function withIncludeTests(schema: readonly JSONSchema[]): readonly JSONSchema[] {
  if (schema.length === 0) return [{ type: 'object', properties: { [INCLUDE_TESTS]: OPTION_SCHEMA }, additionalProperties: false }];
  const [first, ...rest] = schema;
  if (first?.type !== 'object') return schema;
  const properties = (first.properties ?? {}) as Record<string, JSONSchema>;
  return [{ ...first, properties: { ...properties, [INCLUDE_TESTS]: OPTION_SCHEMA } }, ...rest];
}

/** The `includeTests` of a rule's options as given (before defaults), when it is a boolean. */
function includeTestsOption(options: readonly unknown[] | undefined): boolean | undefined {
  const first = options?.[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const value = (first as Record<string, unknown>)[INCLUDE_TESTS];
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * Whether a rule runs on a file. `options`: the rule's options as configured (raw, before
 * defaults); `includeTests`: the setting for all rules (undefined: not set).
 */
export function ruleRunsOn(
  meta: { readonly testFiles: 'skip' | 'check' },
  file: { readonly isTest: boolean },
  options: readonly unknown[] | undefined,
  includeTests: boolean | undefined,
): boolean {
  if (!file.isTest) return true;
  return includeTestsOption(options) ?? includeTests ?? meta.testFiles === 'check';
}
