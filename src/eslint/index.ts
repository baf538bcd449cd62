/**
 * The ESLint plugin: one ESLint rule per catalog entry, and flat configs built
 * from rule metadata that lint JavaScript and TypeScript out of the box. Kept free
 * of ts-morph and the CLI (editors load this file).
 */
import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { rules as catalog } from '../../rules/index.js';
import { groupInFile } from '../definitions.js';
import { type ConfigName, type Finding, INTERNAL_ERROR, INTERNAL_ERROR_MESSAGE, type RuleDefinition, docsUrl, runRule } from '../rule.js';
import { EXTENSIONS, globsOf, isTestFile } from '../source-files.js';
import { INCLUDE_TESTS, ruleRunsOn } from '../test-files.js';
import { PACKAGE } from '../version.js';
import { modelOfFile, withModel } from './model.js';
import { type SessionAuditParser, sessionAuditParser } from './parser.js';

export interface SessionAuditDocs {
  description: string;
  recommended: boolean;
  requiresTypeChecking: false;
  cwe: readonly string[];
  /** 0.0–10.0, as code scanning ranks alerts (see docs/ci.md). */
  securitySeverity: number;
}

const createRule = ESLintUtils.RuleCreator<SessionAuditDocs>(docsUrl);

function toESLintRule(rule: RuleDefinition<string, readonly unknown[]>) {
  return createRule<unknown[], string>({
    name: rule.id,
    meta: {
      type: rule.meta.type,
      docs: {
        description: rule.meta.description,
        recommended: rule.meta.configs.includes('recommended'),
        requiresTypeChecking: false,
        cwe: rule.meta.cwe,
        securitySeverity: rule.meta.securitySeverity,
      },
      // A rule that fails on a file is one report at the file's start (see runRule), not an exception that stops ESLint;
      // `analysisStopped`: the file's analysis ran out of time (reported once per file, by one rule).
      messages: { ...rule.meta.messages, [INTERNAL_ERROR]: INTERNAL_ERROR_MESSAGE, analysisStopped: '{{message}}' },
      schema: rule.meta.schema as never,
      hasSuggestions: rule.meta.hasSuggestions || undefined,
      defaultOptions: rule.meta.defaultOptions as never,
    },
    defaultOptions: rule.meta.defaultOptions as never,
    create(context, options) {
      // Test files: the same answer as the CLI's (src/test-files.ts), from the options as given.
      if (!ruleRunsOn(rule.meta, { isTest: isTestFile(context.filename, context.cwd) }, context.options, includeTestsSetting(context.settings))) return {};
      return {
        Program() {
          const { value: findings, stopped } = withModel(context as never, (model) => {
            const own = runRule(rule, model, options);
            // One defect, one finding: a value in options declared by the library's type is reported by that declaration
            // (in its own file); the call's finding stays only when the declaration does not report it.
            const elsewhere = new Map<string, readonly Finding[]>();
            const reportsOf = (file: string): readonly Finding[] => {
              if (file === model.sourceFile.fileName) return own;
              let list = elsewhere.get(file);
              if (!list) {
                const other = modelOfFile(context as never, file);
                elsewhere.set(file, (list = other ? runRule(rule, other, options) : []));
              }
              return list;
            };
            // And a value defined outside the calls in this file, used by several of them: one report, at the definition (as the CLI).
            return groupInFile(own.filter((f) => !f.definition?.shown || !reportsOf(f.definition.file).some((g) => reportsDefinition(g, f))));
          });
          if (stopped) context.report({ loc: { line: 1, column: 0 }, messageId: 'analysisStopped', data: { message: stopped } });
          if (!findings) return;
          const sourceCode = context.sourceCode;
          for (const f of findings) {
            const here = f.file;
            context.report({
              loc: { start: sourceCode.getLocFromIndex(f.start), end: sourceCode.getLocFromIndex(f.end) },
              messageId: f.messageId,
              data: f.data,
              // An edit in another module (typed linting) cannot be offered here; the CLI applies it.
              suggest: f.suggestions
                .filter((s) => s.edits.every((e) => e.file === here))
                .map((s) => ({
                  messageId: s.messageId,
                  data: s.data,
                  fix: (fixer: TSESLint.RuleFixer) => s.edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.text)),
                })),
            });
          }
        },
      };
    },
  });
}

/** Whether `g` is the report of `f`'s value at its definition (the same rule and message, at the definition's span). */
function reportsDefinition(g: Finding, f: Finding): boolean {
  const d = f.definition!;
  return g !== f && g.ruleId === f.ruleId && g.messageId === f.messageId && g.file === d.file && g.start === d.start && g.end === d.end;
}

/** `settings: { 'session-audit': { includeTests } }`: the setting for all rules (a value that is not a boolean is no setting). */
function includeTestsSetting(settings: Readonly<Record<string, unknown>> | undefined): boolean | undefined {
  const ours = settings?.['session-audit'];
  const value = typeof ours === 'object' && ours !== null ? (ours as Record<string, unknown>)[INCLUDE_TESTS] : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * A rule of this plugin: typescript-eslint's RuleModule (what RuleTester takes), also
 * assignable to ESLint's own RuleDefinition. typescript-eslint 8 types `create`'s context
 * with members ESLint 10 dropped, so its RuleModule alone is not an ESLint 10 rule for the
 * type checker; the second signature says what is true at run time: ESLint calls `create`
 * with its context, and the rule reads only what both have.
 */
export type SessionAuditRule = ReturnType<typeof toESLintRule> & { create(context: never): Record<string, ((...args: any[]) => void) | undefined> };

const pluginRules = Object.fromEntries(catalog.map((r) => [r.id, toESLintRule(r)])) as Record<string, SessionAuditRule>;

/**
 * A flat config of this plugin: one config object, for every JavaScript and TypeScript
 * extension (ESLint lints only `.js/.mjs/.cjs` unless a config object names other files), with
 * a parser that reads them all (see parser.ts; it sets nothing else in `languageOptions`, so a
 * project's `parserOptions`, typed linting's `projectService` among them, apply as they are).
 * Typed by its own shape, so it fits ESLint's `defineConfig` and typescript-eslint's config
 * types alike: typescript-eslint's `FlatConfig.Config` is not assignable to ESLint 10's `Config`.
 */
export interface SessionAuditConfig {
  name: string;
  files: string[];
  plugins: { 'session-audit': SessionAuditPlugin };
  languageOptions: { parser: SessionAuditParser };
  rules: Record<string, 'error' | 'warn'>;
}

export interface SessionAuditPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, SessionAuditRule>;
  configs: Record<'recommended' | 'strict' | 'all', SessionAuditConfig>;
}

const plugin: SessionAuditPlugin = {
  meta: { name: PACKAGE.name, version: PACKAGE.version, namespace: 'session-audit' },
  rules: pluginRules,
  configs: {} as SessionAuditPlugin['configs'],
};

function config(name: ConfigName | 'all'): SessionAuditConfig {
  const selected = catalog.filter((r) => name === 'all' || r.meta.configs.includes(name));
  return {
    name: `session-audit/${name}`,
    files: globsOf(EXTENSIONS),
    plugins: { 'session-audit': plugin },
    languageOptions: { parser: sessionAuditParser },
    rules: Object.fromEntries(selected.map((r) => [`session-audit/${r.id}`, r.meta.severity])),
  };
}

plugin.configs.recommended = config('recommended');
plugin.configs.strict = config('strict');
plugin.configs.all = config('all');

export default plugin;
