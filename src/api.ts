/**
 * The programmatic API: analyze source text or a set of files and get findings.
 * (The ESLint plugin is the package's default export; the CLI is `session-audit`.)
 */
import { createRequire } from 'node:module';
import type * as TS from 'typescript';
import { rules as catalog, rulesById } from '../rules/index.js';
import { type Analyzer, type FileModel, singleFileAnalyzer } from './analysis/index.js';
import { mayHoldSessionCode } from './analysis/libraries.js';
import type { TSModule } from './analysis/host.js';
import { type Finding, type RuleDefinition, runRule } from './rule.js';

export type { Finding, TextEdit, RuleDefinition } from './rule.js';
export { rules } from '../rules/index.js';
export { Analyzer, singleFileAnalyzer } from './analysis/index.js';

export interface RuleSelection {
  /** Rule ids to run (default: all), with their options. */
  readonly rules?: Readonly<Record<string, readonly unknown[] | true>>;
}

/** Runs the selected rules over one analyzed file. */
export function checkModel(model: FileModel, selection: RuleSelection = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of selectedRules(selection)) {
    const opts = selection.rules?.[rule.id];
    const options = Array.isArray(opts) ? opts : rule.meta.defaultOptions;
    findings.push(...runRule(rule, model, options));
  }
  return findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}

function selectedRules(selection: RuleSelection): RuleDefinition<string, readonly unknown[]>[] {
  if (!selection.rules) return [...catalog];
  return Object.keys(selection.rules).map((id) => {
    const r = rulesById.get(id);
    if (!r) throw new Error(`Unknown rule '${id}'.`);
    return r;
  });
}

let loaded: TSModule | undefined;

/** The installed `typescript`, loaded on first use with `require` (an ESM import of it first scans its whole source for export names). */
function typescript(): TSModule {
  if (!loaded) {
    const ts: TSModule = createRequire(import.meta.url)('typescript');
    loaded = ts;
  }
  return loaded;
}

/** Analyzes one file's text on its own (no other module is seen), as ESLint without types does. */
export function analyzeText(text: string, fileName = 'input.js', selection: RuleSelection = {}): Finding[] {
  if (!mayHoldSessionCode(text)) return [];
  const { analyzer, sourceFile } = singleFileAnalyzer(typescript(), fileName, text);
  return checkModel(analyzer.analyze(sourceFile), selection);
}

export function analyzeWith(analyzer: Analyzer, sourceFile: TS.SourceFile, selection: RuleSelection = {}): Finding[] {
  return checkModel(analyzer.analyze(sourceFile), selection);
}
