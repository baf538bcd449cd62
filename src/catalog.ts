/**
 * Running the catalog: the one loop that runs the selected rules over a file's model,
 * each inside runRule's safety boundary, for every front end that runs more than one
 * rule at a time (the CLI, the API; ESLint runs each rule on its own). Loads no
 * TypeScript: the model carries the `ts` it was made with.
 */
import { rulesById } from '../rules/index.js';
import type { FileModel } from './analysis/index.js';
import { type Finding, runRule } from './rule.js';

/** Rule id → the options it runs with (already resolved: see resolveOptions). */
export type RuleRun = ReadonlyMap<string, { readonly options: readonly unknown[] }>;

/** Runs the given rules over one model; findings sorted by offset, then rule id. Unknown ids are skipped. */
export function runCatalog(model: FileModel, rules: RuleRun): Finding[] {
  const out: Finding[] = [];
  for (const [id, { options }] of rules) {
    const rule = rulesById.get(id);
    if (rule) out.push(...runRule(rule, model, options));
  }
  return out.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}
