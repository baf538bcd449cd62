/**
 * One options path: `resolveOptions(rule, userOptions)` gives the options a rule runs
 * with, exactly as ESLint 10 and typescript-eslint's RuleCreator make them, or throws
 * InvalidOptionsError with the messages ESLint prints. ESLint (lib/config/config.js):
 * merges `meta.defaultOptions` under the user's options (deepMergeArrays), validates the
 * result against the rule's schema with ajv 6 (lib/shared/ajv.js: draft-04, useDefaults,
 * verbose) and words each error as `Value <data> <ajv message>.`; then RuleCreator hands
 * the rule `applyDefault(defaultOptions, options)`. The CLI config, the docs generator
 * and the tests use this; the ESLint plugin leaves it to ESLint, which does the same.
 */
import { createRequire } from 'node:module';
import { applyDefault } from '@typescript-eslint/utils/eslint-utils';
import type AjvModule from 'ajv6';
import type { JSONSchema, RuleDefinition } from './rule.js';

export class InvalidOptionsError extends Error {
  override readonly name = 'InvalidOptionsError';

  constructor(
    readonly ruleId: string,
    /** ESLint's lines for the problems (without its tab indentation). */
    readonly problems: readonly string[],
  ) {
    super(`Configuration for rule '${ruleId}' is invalid: ${problems.join(' ')}`);
  }
}

type Rule = Pick<RuleDefinition<string, readonly unknown[]>, 'id' | 'meta'>;

export function resolveOptions(rule: Rule, userOptions: readonly unknown[]): unknown[] {
  const merged = deepMergeArrays(rule.meta.defaultOptions, structuredClone([...userOptions]));
  const validate = validatorFor(rule);
  if (!validate(merged)) throw new InvalidOptionsError(rule.id, (validate.errors ?? []).map(describeError));
  return applyDefault(rule.meta.defaultOptions as unknown[], merged);
}

/** The JSON schema of a rule's options array, as ESLint builds it from `meta.schema` (getRuleOptionsSchema). */
function optionsSchema(rule: Rule): JSONSchema {
  const schema = rule.meta.schema;
  if (schema.length === 0) return { type: 'array', minItems: 0, maxItems: 0 };
  return { type: 'array', items: schema, minItems: 0, maxItems: schema.length };
}

type Validate = AjvModule.ValidateFunction;
const validators = new WeakMap<Rule['meta'], Validate>();
let ajv: AjvModule.Ajv | undefined;

function validatorFor(rule: Rule): Validate {
  let v = validators.get(rule.meta);
  if (!v) {
    ajv ??= makeAjv();
    v = ajv.compile(optionsSchema(rule));
    validators.set(rule.meta, v);
  }
  return v;
}

/** ESLint's ajv instance (lib/shared/ajv.js), loaded on first use. */
function makeAjv(): AjvModule.Ajv {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv6') as typeof AjvModule;
  const metaSchema = require('ajv6/lib/refs/json-schema-draft-04.json') as { id: string };
  const instance = new Ajv({ meta: false, useDefaults: true, validateSchema: false, missingRefs: 'ignore', verbose: true, schemaId: 'auto' });
  instance.addMetaSchema(metaSchema);
  (instance as unknown as { _opts: { defaultMeta: string } })._opts.defaultMeta = metaSchema.id;
  return instance;
}

/** One problem as ESLint words it (Config#validateRulesConfig). */
function describeError(error: AjvModule.ErrorObject): string {
  const e = error as AjvModule.ErrorObject & { parentSchema?: { properties?: object }; params: { additionalProperty?: string } };
  const head = `Value ${JSON.stringify(e.data)} ${e.message}.`;
  if (e.keyword === 'additionalProperties' && e.schema === false && typeof e.parentSchema?.properties === 'object' && typeof e.params.additionalProperty === 'string') {
    const expected = Object.keys(e.parentSchema.properties).map((p) => `"${p}"`);
    return `${head} Unexpected property "${e.params.additionalProperty}". Expected properties: ${expected.join(', ')}.`;
  }
  return head;
}

/** ESLint's lib/shared/deep-merge-arrays.js: user options deeply merged over the defaults. */
function deepMergeArrays(first: readonly unknown[] | undefined, second: readonly unknown[] | undefined): unknown[] {
  if (!first || !second) return [...(second || first || [])];
  return [...first.map((value, i) => deepMergeObjects(value, i < second.length ? second[i] : undefined)), ...second.slice(first.length)];
}

function deepMergeObjects(first: unknown, second: unknown): unknown {
  if (second === undefined) return first;
  if (!isObjectNotArray(first) || !isObjectNotArray(second)) return second;
  const result: Record<string, unknown> = { ...first, ...second };
  for (const key of Object.keys(second)) {
    if (Object.prototype.propertyIsEnumerable.call(first, key)) result[key] = deepMergeObjects(first[key], second[key]);
  }
  return result;
}

function isObjectNotArray(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
