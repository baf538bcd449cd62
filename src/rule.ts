/**
 * The shape of a catalog entry (rules/<id>.ts) and of what it reports. Both
 * front ends consume these; neither knows any rule by name.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import { TimeBudgetExceeded } from './analysis/budget.js';
import { type Definition, ReadLog, type SourceSpan, withReadLog } from './analysis/causes.js';
import type { FileModel } from './analysis/index.js';
import type { PropertyInsert } from './analysis/edits.js';
import type { LibraryInfo } from './analysis/libraries.js';
import { withIncludeTests } from './test-files.js';

export type Severity = 'error' | 'warn';
export type ConfigName = 'recommended' | 'strict';

/** A JSON schema (draft-04 style, as ESLint takes it). */
export type JSONSchema = Record<string, unknown>;

export interface RuleMeta<MessageIds extends string, Options extends readonly unknown[]> {
  readonly type: 'problem' | 'suggestion';
  /** One sentence, imperative, no period: "Disallow hardcoded session secrets". */
  readonly description: string;
  readonly severity: Severity;
  /** Configs that enable the rule (every rule is also in `all`). */
  readonly configs: readonly ConfigName[];
  readonly messages: Readonly<Record<MessageIds, string>>;
  readonly schema: readonly JSONSchema[];
  readonly defaultOptions: Options;
  readonly hasSuggestions: boolean;
  /** Weakness references shown in docs and SARIF, e.g. 'CWE-798'. */
  readonly cwe: readonly string[];
  /**
   * 0.0–10.0, as code scanning ranks alerts (SARIF `security-severity`: 9.0+ critical, 7.0+
   * high, 4.0+ medium, below low): CodeQL's figure for the same weakness where CodeQL has a
   * JavaScript query, else a CVSS 3.1 base score of the typical impact (the rule says which).
   */
  readonly securitySeverity: number;
  /** Sees values across modules only with a whole program (CLI, typed linting). */
  readonly crossModule?: boolean;
  /**
   * What the rule does in test files (src/source-files.ts `isTestFile`), in both front ends:
   * 'skip' when what it finds there is a test's fixture, not the app's code (a test's
   * `'keyboard cat'` secret or MemoryStore). The `includeTests` option and setting change it
   * (src/test-files.ts).
   */
  readonly testFiles: 'skip' | 'check';
}

export interface TextEdit {
  /** Absolute (or program) file name of the file to edit. */
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * On the edits of a property insertion: the object's layout and the inserted properties,
   * so that insertions into one object by several suggestions are planned together (one
   * `cookie: {...}`, never two; see src/analysis/compose.ts). Not part of any output format.
   */
  readonly insert?: PropertyInsert;
}

export interface Suggestion<MessageIds extends string = string> {
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string>>;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly data: Readonly<Record<string, string>>;
  readonly file: string;
  /** Offsets into the file's text (UTF-16 code units, as both TypeScript and ESLint count). */
  readonly start: number;
  readonly end: number;
  readonly suggestions: readonly { readonly messageId: string; readonly data: Readonly<Record<string, string>>; readonly message: string; readonly edits: readonly TextEdit[] }[];
  /**
   * Other places that decide the finding (the option values the rule read for the site the
   * finding is in: where each was written, the objects that lack a missing one), so a change
   * there counts as a change of the finding (`--changed-since`). Absent when there are none.
   */
  readonly causes?: readonly SourceSpan[];
  /**
   * Where the value the finding is about is defined, when that is in another file than the
   * session call's (a shared options module; `definitionNode` in locate.ts). The CLI reports the
   * findings of several calls that share one definition once, there (src/cli/shared-definitions.ts).
   * `shown`: the value is inside options declared by the library's type (`const o: SessionOptions`),
   * whose own site reports it: the call's finding is that one (ESLint drops it; the CLI merges it).
   */
  readonly definition?: Definition;
  /**
   * Present on the one finding that stands for a rule that failed on this file (messageId
   * INTERNAL_ERROR, at the file's start): the error's stack, for `--debug`.
   */
  readonly internalError?: { readonly stack?: string };
}

/** The messageId of the finding that stands for a rule that threw on a file (every front end knows it). */
export const INTERNAL_ERROR = 'internalError';
export const INTERNAL_ERROR_MESSAGE =
  'session-audit/{{rule}} failed on this file ({{error}}): this is a bug in session-audit, please report it. The other findings for this file are kept.';

export interface Report<MessageIds extends string> {
  readonly node: TS.Node;
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string>>;
  readonly suggestions?: readonly Suggestion<MessageIds>[];
}

export interface RuleContext<MessageIds extends string, Options extends readonly unknown[]> {
  readonly model: FileModel;
  readonly options: Options;
  report(r: Report<MessageIds>): void;
}

export interface RuleDefinition<MessageIds extends string = string, Options extends readonly unknown[] = readonly unknown[]> {
  readonly id: string;
  readonly meta: RuleMeta<MessageIds, Options>;
  check(ctx: RuleContext<MessageIds, Options>): void;
  /**
   * For site rules: the option a library keeps this setting in and its default
   * (undefined: the rule does not apply to the library). The docs generator prints
   * it as each rule page's "Libraries" table, so the docs follow the libraries table.
   */
  readonly libraryOption?: (library: LibraryInfo) => { readonly option: string; readonly default?: string } | undefined;
}

export function defineRule<MessageIds extends string, Options extends readonly unknown[]>(
  rule: RuleDefinition<MessageIds, Options>,
): RuleDefinition<MessageIds, Options> {
  // Every rule takes the `includeTests` option (src/test-files.ts): its schema says so, for both front ends.
  return { ...rule, meta: { ...rule.meta, schema: withIncludeTests(rule.meta.schema) } };
}

const DOCS_BASE = 'https://github.com/session-audit/session-audit/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

/** `{{name}}` placeholders, as ESLint fills them. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (m, key: string) => (key in data ? data[key]! : m));
}

/**
 * Runs one rule over a file model and returns its findings, under the engine's one policy
 * for a rule that fails: whatever it throws (a bug, a RangeError from a stack overflow,
 * including in a part of the model it reads on first use) becomes one finding INTERNAL_ERROR
 * at the file's start, after the findings it reported before failing; other rules run on.
 * Only the file's time budget (TimeBudgetExceeded) goes through: it stops the file, not a rule.
 */
export function runRule<M extends string, O extends readonly unknown[]>(
  rule: RuleDefinition<M, O>,
  model: FileModel,
  options: O,
): Finding[] {
  const sf = model.sourceFile;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const reads = new ReadLog();
  try {
    withReadLog(reads, () => rule.check({
      model,
      options,
      report(r) {
        const node = r.node;
        const start = node.getStart(sf);
        const end = node.getEnd();
        const data = r.data ?? {};
        const key = `${start}:${end}:${r.messageId}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({
          ruleId: rule.id,
          messageId: r.messageId,
          message: formatMessage(rule.meta.messages[r.messageId], data),
          data,
          file: sf.fileName,
          start,
          end,
          suggestions: (r.suggestions ?? []).map((s) => ({
            messageId: s.messageId,
            data: s.data ?? {},
            message: formatMessage(rule.meta.messages[s.messageId], s.data),
            edits: s.edits,
          })),
          ...causesField(reads.causesOf(node)),
          ...definitionField(reads.definitionOf(node)),
        });
      },
    }));
  } catch (e) {
    if (e instanceof TimeBudgetExceeded) throw e;
    findings.push(internalError(rule.id, sf.fileName, e));
  }
  return findings;
}

function definitionField(definition: Definition | undefined): { definition?: Definition } {
  return definition ? { definition } : {};
}

function causesField(causes: readonly SourceSpan[]): { causes?: readonly SourceSpan[] } {
  return causes.length > 0 ? { causes } : {};
}

function internalError(ruleId: string, file: string, e: unknown): Finding {
  const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  // One line, and not the whole of a huge message.
  const data = { rule: ruleId, error: error.split(/\r?\n/)[0]!.slice(0, 200) };
  return {
    ruleId,
    messageId: INTERNAL_ERROR,
    message: formatMessage(INTERNAL_ERROR_MESSAGE, data),
    data,
    file,
    start: 0,
    end: 0,
    suggestions: [],
    internalError: { stack: e instanceof Error ? e.stack : undefined },
  };
}

/** "./config.js:3": where a node is, relative to the directory of `here`'s file. */
function locationOf(node: TS.Node, here: TS.SourceFile): string {
  const sf = node.getSourceFile();
  return lineOf(sf.fileName, sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, here);
}

/** "line 3" in `here`'s file, else "./routes.js:3" (relative to `here`). */
export function lineOf(file: string, line: number, here: TS.SourceFile): string {
  if (file === here.fileName) return `line ${line}`;
  let rel = path.relative(path.dirname(here.fileName), file).split(path.sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return `${rel}:${line}`;
}

/** " (from ./config.js:3)" when a node lies outside `here`'s file; else "". */
export function originSuffix(node: TS.Node, here: TS.SourceFile): string {
  const sf = node.getSourceFile();
  if (sf === here || sf.fileName === here.fileName) return '';
  return ` (from ${locationOf(node, here)})`;
}
