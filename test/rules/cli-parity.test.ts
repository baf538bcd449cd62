/**
 * Both front ends, every rule case: each case of the rule tests (test/rules/*.test.ts,
 * written once, for RuleTester) also runs through the CLI, which must report what ESLint
 * reports: position, messageId, message text, and each suggestion's message and output
 * (the JSON report's edits applied to the source); `--fix` must apply the first suggestion.
 *
 * How:
 * - `collectCases()` makes `run()` in _util.ts record the cases instead of running
 *   RuleTester, and the rule test files are imported in that mode.
 * - Every case is written to its own folder of one temporary folder: its file, a
 *   package.json (so each case is an app of its own for the engine's app facts; `"type"`
 *   follows the case's sourceType) and a session-audit.config.json (preset `all`, the case's
 *   rule with the case's options). The CLI runs over them in-process, `-f json`, once per batch
 *   of cases (_batches.ts: no single hook or test grows with the catalog).
 * - ESLint's side: its Linter on the same code with the same parser, sourceType, rules and
 *   options (as _util.ts's RuleTesters), which also gives the message texts. That every rule
 *   runs on every case makes the comparison wider than the cases' assertions: a finding of
 *   another rule that no test asserts must still be the same in both front ends. And the
 *   case's rule must report in ESLint what the case asserts (so this replays RuleTester).
 * - `--fix --preset none` (only the case's rule, from its config) on the invalid
 *   cases with one finding that has suggestions: the file must become the first suggestion's
 *   output, and a second `--fix` must change nothing.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import * as espree from 'espree';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { cli, parseJson } from '../cli/helpers.js';
import { inBatches } from './_batches.js';
import { type RecordedCase, collectCases } from './_util.js';

const REPO = path.resolve(import.meta.dirname, '../..');

// The rule tests, imported so that they record their cases (RuleTester does not run here).
const recorded = collectCases();
for (const file of readdirSync(import.meta.dirname).sort()) {
  if (!file.endsWith('.test.ts') || file === path.basename(import.meta.filename)) continue;
  if (!readFileSync(path.join(import.meta.dirname, file), 'utf8').includes('ruleRunner(')) continue;
  await import(path.join(import.meta.dirname, file));
}

/**
 * Findings only the CLI can make, by design: they need facts about the whole app, which
 * ESLint without type information (one file at a time) does not have, so there the rule
 * stays silent (the facts are incomplete). In the CLI each case's folder is a whole app.
 * These findings over whole apps are tested in test/engine/app-facts.test.ts (CLI and typed ESLint).
 */
const WHOLE_APP_ONLY: Readonly<Record<string, { readonly messageIds: readonly string[]; readonly reason: string }>> = {
  'secure-cookie-needs-trust-proxy': { messageIds: ['noTrustProxy', 'noFrameworkTrustProxy'], reason: 'needs to know that no file of the app sets trust proxy' },
  'require-csrf-protection': { messageIds: ['noCsrf'], reason: 'needs the routes and CSRF middleware of the whole app' },
};
const isWholeAppOnly = (row: Row) => WHOLE_APP_ONLY[row.rule]?.messageIds.includes(row.messageId) ?? false;

interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
type Edit = Span & { file: string; text: string };

/** The parts of the `-f json` report (docs/cli.md) compared here. */
interface JsonReport {
  findings: (Span & { rule: string; file: string; messageId: string; message: string; suggestions: { message: string; edits: Edit[] }[] })[];
  fileErrors: { file: string; kind: string; message: string }[];
}

/** A finding as both front ends can tell it; suggestions as their message and the text after applying them. */
interface Row extends Span {
  rule: string;
  messageId: string;
  message: string;
  suggestions: { message: string; output: string }[];
}

interface Case {
  readonly rc: RecordedCase;
  readonly name: string;
  readonly dir: string;
  /** Relative to the temporary folder, with `/` (as the JSON report's paths). */
  readonly file: string;
  eslint: Row[];
  cli: Row[];
  cliFileErrors: string[];
  wholeAppOnly: Row[];
}

/** What a RuleTester error can assert (the rule tests assert messageId, position and suggestion outputs). */
interface Asserted {
  messageId?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  suggestions?: readonly { output: string }[] | null;
}

const sourceTypeOf = (rc: RecordedCase): 'module' | 'commonjs' | 'script' =>
  (rc.case.languageOptions as { sourceType?: 'module' | 'commonjs' | 'script' } | undefined)?.sourceType ?? 'module';
const optionsOf = (rc: RecordedCase): unknown[] => [...((rc.case.options as unknown[] | undefined) ?? [])];

const linter = new Linter({ configType: 'flat' });
const allRules = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`session-audit/${id}`, 'error']));

/** What ESLint reports on the case: every rule, the case's rule with its options; parsers as _util.ts's RuleTesters. */
function eslintRows(rc: RecordedCase): Row[] {
  const code = rc.case.code;
  const config = {
    files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { 'session-audit': plugin },
    rules: { ...allRules, [`session-audit/${rc.ruleId}`]: ['error', ...optionsOf(rc)] },
    languageOptions: { parser: rc.parser === 'espree' ? espree : tsParser, ecmaVersion: 'latest', sourceType: sourceTypeOf(rc) },
  } as unknown as Linter.Config;
  return linter.verify(code, [config], { filename: rc.case.filename! }).map((m) => {
    if (!m.ruleId) throw new Error(`ESLint on ${rc.case.filename}: ${m.message}`);
    return {
      rule: m.ruleId.replace('session-audit/', ''),
      line: m.line,
      column: m.column,
      endLine: m.endLine!,
      endColumn: m.endColumn!,
      messageId: m.messageId!,
      message: m.message,
      suggestions: (m.suggestions ?? []).map((s) => ({ message: s.desc, output: code.slice(0, s.fix.range[0]) + s.fix.text + code.slice(s.fix.range[1]) })),
    };
  });
}

/** Applies the JSON report's edits (1-based lines, UTF-16 columns, end exclusive) to a text. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (line: number, column: number) => starts[line - 1]! + column - 1;
  const ranges = edits.map((e) => ({ start: offset(e.line, e.column), end: offset(e.endLine, e.endColumn), text: e.text })).sort((a, b) => b.start - a.start);
  return ranges.reduce((out, r) => out.slice(0, r.start) + r.text + out.slice(r.end), text);
}

const byPosition = (a: Row, b: Row) =>
  a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn || a.rule.localeCompare(b.rule) || a.messageId.localeCompare(b.messageId);

/** The fields of `from` that `like` asserts. */
function assertedPart(from: Asserted & { suggestions?: readonly { output: string }[] | null }, like: Asserted): Asserted {
  const out: Asserted = {};
  for (const k of ['messageId', 'line', 'column', 'endLine', 'endColumn'] as const) if (like[k] !== undefined) (out as Record<string, unknown>)[k] = from[k];
  if (like.suggestions !== undefined) out.suggestions = from.suggestions?.map((s) => ({ output: s.output })) ?? null;
  return out;
}

const dirOf = (i: number) => `case-${String(i).padStart(3, '0')}`;
const cases: Case[] = recorded.map((rc, i) => {
  const group = recorded.filter((c) => c.ruleId === rc.ruleId && c.title === rc.title);
  return {
    rc,
    name: `${rc.title} #${group.indexOf(rc) + 1} (${rc.case.filename}, ${dirOf(i)})`,
    dir: dirOf(i),
    file: path.posix.join(dirOf(i), rc.case.filename!.split(path.sep).join('/')),
    eslint: [],
    cli: [],
    cliFileErrors: [],
    wholeAppOnly: [],
  };
});
const ruleIds = [...new Set(cases.map((c) => c.rc.ruleId))];
let root = '';

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'session-audit-cli-parity-'));
});

// Removing one folder per rule case (hundreds) can take longer than the default hook timeout on a loaded machine.
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
}, 60_000);

/** Writes a batch's cases (each an app of its own), records what ESLint reports on each, and runs the CLI once over their folders. */
async function runBatch(batch: readonly Case[]): Promise<void> {
  for (const c of batch) {
    const options = optionsOf(c.rc);
    mkdirSync(path.dirname(path.join(root, c.file)), { recursive: true });
    writeFileSync(path.join(root, c.dir, 'package.json'), JSON.stringify({ name: c.dir, private: true, type: sourceTypeOf(c.rc) === 'module' ? 'module' : 'commonjs' }));
    writeFileSync(path.join(root, c.dir, 'session-audit.config.json'), JSON.stringify({ preset: 'all', rules: { [c.rc.ruleId]: ['error', ...options] } }));
    writeFileSync(path.join(root, c.file), c.rc.case.code);
    // A case linted inside a fixture app (fixtures/versions/*: a package.json and a lockfile) gets them beside it here too.
    const fixtureApp = path.join(REPO, path.dirname(c.rc.case.filename!));
    if (c.rc.case.filename!.includes('/') && existsSync(path.join(fixtureApp, 'package.json'))) {
      for (const f of readdirSync(fixtureApp)) if (/^(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml)$/.test(f)) copyFileSync(path.join(fixtureApp, f), path.join(root, path.dirname(c.file), f));
    }
    c.eslint = eslintRows(c.rc).sort(byPosition);
  }

  const r = await cli(['-f', 'json', '--no-progress', ...batch.map((c) => c.dir)], { cwd: root });
  expect(r.code, r.stderr).toBeLessThan(2);
  const report = JSON.parse(r.stdout) as JsonReport;
  const byFile = new Map(batch.map((c) => [c.file, c]));
  for (const f of report.findings) {
    const c = byFile.get(f.file);
    if (!c) throw new Error(`a finding in an unexpected file: ${f.file}`);
    const row: Row = {
      rule: f.rule,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      messageId: f.messageId,
      message: f.message,
      // ESLint offers only suggestions that edit the reported file; a case is one file.
      suggestions: f.suggestions.map((s) => ({ message: s.message, output: s.edits.every((e) => e.file === f.file) ? applyEdits(c.rc.case.code, s.edits) : `edits another file: ${JSON.stringify(s.edits)}` })),
    };
    (isWholeAppOnly(row) ? c.wholeAppOnly : c.cli).push(row);
  }
  for (const e of report.fileErrors) {
    const c = byFile.get(e.file);
    if (!c) throw new Error(`${e.file}: ${e.kind}: ${e.message}`);
    c.cliFileErrors.push(`${e.kind}: ${e.message}`);
  }
  for (const c of batch) c.cli.sort(byPosition);
}

it('reads the cases of every rule', () => {
  expect([...ruleIds].sort()).toEqual(Object.keys(plugin.rules).sort());
});

/** The rules of the cases the batches' `--fix` tests fixed. */
const fixableRules: string[] = [];

// In batches (_batches.ts): one CLI run per batch, so no hook or test grows with the catalog.
describe.each(inBatches(cases))('$label', ({ items: batch }) => {
  beforeAll(() => runBatch(batch), 60_000);

  for (const ruleId of new Set(batch.map((c) => c.rc.ruleId))) {
    describe(ruleId, () => {
      it.each(batch.filter((c) => c.rc.ruleId === ruleId))('$name', (c) => {
        // The replay is faithful: the case's rule reports in ESLint what the case asserts.
        const expected = ('errors' in c.rc.case ? c.rc.case.errors : []) as readonly Asserted[];
        const own = c.eslint.filter((row) => row.rule === ruleId);
        expect(own.map((row, k) => assertedPart(row, expected[k] ?? {})), `ESLint on ${c.name}`).toEqual(expected.map((e) => assertedPart(e, e)));
        // The CLI reports what ESLint reports, for every rule.
        expect({ fileErrors: c.cliFileErrors, findings: c.cli }, c.name).toEqual({ fileErrors: [], findings: c.eslint });
      });
    });
  }

  it('--fix applies the first suggestion, and a second --fix changes nothing', async () => {
    // Cases whose rule makes one finding, with suggestions; `--preset none` leaves only the case's rule (from its config).
    const fixable = batch.filter((c) => {
      const own = c.eslint.filter((row) => row.rule === c.rc.ruleId);
      return own.length === 1 && own[0]!.suggestions.length > 0 && !c.wholeAppOnly.some((row) => row.rule === c.rc.ruleId);
    });
    fixableRules.push(...fixable.map((c) => c.rc.ruleId));
    if (fixable.length === 0) return;
    const args = ['-f', 'json', '--no-progress', '--preset', 'none', '--fix', ...fixable.map((c) => c.dir)];
    const texts = () => fixable.map((c) => ({ case: `${c.rc.ruleId}: ${c.name}`, text: readFileSync(path.join(root, c.file), 'utf8') }));
    const expected = fixable.map((c) => ({ case: `${c.rc.ruleId}: ${c.name}`, text: c.eslint.find((row) => row.rule === c.rc.ruleId)!.suggestions[0]!.output }));
    const first = await cli(args, { cwd: root });
    expect(first.code, first.stderr).toBeLessThan(2);
    expect(parseJson(first.stdout).stats.fixed).toBe(fixable.length);
    expect(texts()).toEqual(expected);
    const second = await cli(args, { cwd: root });
    expect(parseJson(second.stdout).stats.fixed, second.stdout).toBe(0);
    expect(texts()).toEqual(expected);
  });
});

it('--fix was checked on the cases of several rules', () => {
  expect(new Set(fixableRules).size).toBeGreaterThan(5);
});

describe('findings only the CLI makes (whole-app facts)', () => {
  it.each(Object.entries(WHOLE_APP_ONLY).map(([ruleId, a]) => ({ ruleId, ...a })))('$ruleId: $reason', ({ ruleId, messageIds }) => {
    const found = cases.filter((c) => c.wholeAppOnly.some((row) => row.rule === ruleId));
    expect(found.length, 'the allowance is used (else remove it)').toBeGreaterThan(0);
    // ESLint never reports these on a file alone.
    expect(cases.flatMap((c) => c.eslint.filter((row) => row.rule === ruleId && messageIds.includes(row.messageId)))).toEqual([]);
  });
});
