/**
 * The programmatic API: analyze source text or a set of files and get findings.
 * (The ESLint plugin is the package's default export; the CLI is `session-audit`.)
 */
import type * as TS from 'typescript';
import { rules as catalog, rulesById } from '../rules/index.js';
import { type Analyzer, type FileModel, singleFileAnalyzer } from './analysis/index.js';
import { mayHoldSessionCode } from './analysis/libraries.js';
import type { TSModule } from './analysis/host.js';
import { type RuleRun, runCatalog } from './catalog.js';
import type { Finding } from './rule.js';
import { resolveOptions } from './rule-options.js';
import { installedTypeScript } from './typescript.js';

export type { Finding, TextEdit, RuleDefinition } from './rule.js';
export { InvalidOptionsError } from './rule-options.js';
export { rules } from '../rules/index.js';
export { Analyzer, singleFileAnalyzer } from './analysis/index.js';

export interface RuleSelection {
  /** Rule ids to run (default: all), with their options (validated and merged with the defaults as ESLint does: InvalidOptionsError when bad). */
  readonly rules?: Readonly<Record<string, readonly unknown[] | true>>;
}

/**
 * Runs the selected rules over one analyzed file. A rule that fails on the file is one
 * finding with messageId 'internalError' at the file's start; the other findings are kept.
 */
export function checkModel(model: FileModel, selection: RuleSelection = {}): Finding[] {
  return runCatalog(model, selectedRules(selection));
}

function selectedRules(selection: RuleSelection): RuleRun {
  const ids = selection.rules ? Object.keys(selection.rules) : catalog.map((r) => r.id);
  return new Map(
    ids.map((id) => {
      if (!rulesById.has(id)) throw new Error(`Unknown rule '${id}'.`);
      const opts = selection.rules?.[id];
      return [id, { options: Array.isArray(opts) ? resolveOptions(rulesById.get(id)!, opts) : rulesById.get(id)!.meta.defaultOptions }];
    }),
  );
}

const typescript = installedTypeScript;

/** Analyzes one file's text on its own (no other module is seen), as ESLint without types does. */
export function analyzeText(text: string, fileName = 'input.js', selection: RuleSelection = {}): Finding[] {
  if (!mayHoldSessionCode(text)) return [];
  const { analyzer, sourceFile } = singleFileAnalyzer(typescript(), fileName, text);
  return checkModel(analyzer.analyze(sourceFile), selection);
}

export function analyzeWith(analyzer: Analyzer, sourceFile: TS.SourceFile, selection: RuleSelection = {}): Finding[] {
  return checkModel(analyzer.analyze(sourceFile), selection);
}
