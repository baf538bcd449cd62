/**
 * Suggestions compose (issue #11, item 4), as a property over every rule case
 * (test/rules/*, recorded as cli-parity.test.ts does) and every fixture:
 *
 * - rdjson and SARIF `fixes`: any subset of a file's suggestions (for SARIF, at most one fix
 *   per result), applied in any order the way a code host applies a suggested change (the
 *   comment's line range is replaced by the suggestion's lines, computed from the text the
 *   comment was made on; later comments' lines shift by what earlier ones added), gives a
 *   file that parses (no more syntax errors than before), has no more duplicate keys in its
 *   object literals, and loses no property it had (but those a suggestion itself replaces:
 *   `key: 'connect.sid'` renamed to `name: 'sid'`).
 * - `--fix`: any subset of a file's findings planned in one pass (planPass, as --fix does) gives
 *   the same guarantees; the whole `--fix` run over everything, too, and a second run changes
 *   nothing.
 *
 * fast-check draws the subsets and orders (fixed seed, so a failure reproduces); the number of
 * subsets tried is printed.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/api.js';
import { applyEdits, planPass } from '../../src/cli/fix.js';
import { type RecordedCase, collectCases } from '../rules/_util.js';
import { ROOT, cli } from './helpers.js';

const RULES_DIR = path.join(ROOT, 'test/rules');
const recorded = collectCases();
for (const file of readdirSync(RULES_DIR).sort()) {
  if (!file.endsWith('.test.ts') || file === 'cli-parity.test.ts') continue;
  if (!readFileSync(path.join(RULES_DIR, file), 'utf8').includes('ruleRunner(')) continue;
  await import(path.join(RULES_DIR, file));
}

const FIXTURES = ['apps/vulnerable-express', 'apps/hardened-express', 'projects/cross-module', 'projects/formats', 'projects/ts-paths', 'projects/suppressions', 'projects/broken', 'report/app', 'ci/app', 'editor/app', 'eslint/typed-app'];
const SEED = 20_511;
const RUNS = 24;

let root: string;
const tried = { rdjson: 0, sarif: 0, fixPass: 0 };

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'session-audit-compose-'));
  recorded.forEach((rc, i) => writeCase(rc, path.join(root, 'cases', String(i))));
  for (const f of FIXTURES) cpSync(path.join(ROOT, 'fixtures', f), path.join(root, 'fixtures', f.replace('/', '-')), { recursive: true });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  // The figures for the record (issue #11: report the number of subsets tried).
  console.log(`compose: ${recorded.length} rule cases and ${FIXTURES.length} fixtures; subsets tried: rdjson ${tried.rdjson}, SARIF ${tried.sarif}, --fix passes ${tried.fixPass}`);
  // Removing one folder per rule case takes over the default 10 s on a loaded 2-core machine.
}, 60_000);

function writeCase(rc: RecordedCase, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const sourceType = (rc.case.languageOptions as { sourceType?: string } | undefined)?.sourceType ?? 'module';
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'case', private: true, ...(sourceType === 'module' ? { type: 'module' } : {}) }));
  writeFileSync(path.join(dir, 'session-audit.config.json'), JSON.stringify({ preset: 'all', rules: { [rc.ruleId]: ['error', ...((rc.case.options as unknown[] | undefined) ?? [])] } }));
  // A case may sit in a subfolder (the version cases: fixtures/versions/<app>/app.js; their lockfiles are not copied: an unknown version).
  mkdirSync(path.dirname(path.join(dir, rc.case.filename!)), { recursive: true });
  writeFileSync(path.join(dir, rc.case.filename!), rc.case.code);
}

// ───────────────────────────── checks on a changed text ─────────────────────────────

function parsed(file: string, text: string): ts.SourceFile {
  const kind = /\.[cm]?tsx?$/.test(file) ? (file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS) : ts.ScriptKind.JSX;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

function syntaxErrors(file: string, text: string): number {
  return (parsed(file, text) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

/** Duplicate keys in object literals, and every property name with its count. */
function properties(file: string, text: string): { duplicates: number; names: Map<string, number> } {
  const sf = parsed(file, text);
  let duplicates = 0;
  const names = new Map<string, number>();
  const visit = (n: ts.Node): void => {
    if (ts.isObjectLiteralExpression(n)) {
      const seen = new Set<string>();
      for (const p of n.properties) {
        if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
        const k = p.name.text;
        if (seen.has(k)) duplicates++;
        seen.add(k);
        names.set(k, (names.get(k) ?? 0) + 1);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { duplicates, names };
}

/** Property-like names in a piece of text (`name:`), counted: what a suggestion itself removes may go. */
function namesIn(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/([A-Za-z_$][\w$]*)\s*:(?!:)/g)) out.set(m[1]!, (out.get(m[1]!) ?? 0) + 1);
  return out;
}

/** The guarantees: parses, no new duplicate keys, no property lost but those the applied changes replaced. */
function check(file: string, before: string, after: string, replaced: readonly { old: string; new: string }[]): string | undefined {
  if (syntaxErrors(file, after) > syntaxErrors(file, before)) return `new syntax errors:\n${after}`;
  const b = properties(file, before);
  const a = properties(file, after);
  if (a.duplicates > b.duplicates) return `duplicate keys:\n${after}`;
  const allowed = new Map<string, number>();
  for (const r of replaced) {
    const o = namesIn(r.old);
    const n = namesIn(r.new);
    for (const [k, c] of o) allowed.set(k, (allowed.get(k) ?? 0) + Math.max(0, c - (n.get(k) ?? 0)));
  }
  for (const [k, c] of b.names) {
    const lost = c - (a.names.get(k) ?? 0);
    if (lost > (allowed.get(k) ?? 0)) return `lost the property '${k}':\n${after}`;
  }
  return undefined;
}

// ───────────────────────────── a code host's suggested changes ─────────────────────────────

/** A suggested change on lines: replaces lines [first, last] (0-based, of the text it was made on) with `lines`. */
interface LineChange {
  readonly first: number;
  readonly last: number;
  readonly lines: readonly string[];
  readonly old: string;
}

/** A change of character ranges, as one replacement of the whole lines they touch. */
function lineChange(text: string, edits: readonly { start: number; end: number; text: string }[]): LineChange {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  const lineOf = (offset: number) => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
    return i;
  };
  const first = lineOf(Math.min(...edits.map((e) => e.start)));
  const last = lineOf(Math.max(...edits.map((e) => e.end)));
  const from = starts[first]!;
  const to = starts[last]! + lines[last]!.length;
  let slice = text.slice(from, to);
  for (const e of [...edits].sort((x, y) => y.start - x.start)) slice = slice.slice(0, e.start - from) + e.text + slice.slice(e.end - from);
  return { first, last, lines: slice.split('\n'), old: text.slice(from, to) };
}

/** Applies changes in the given order, each on its own lines as they stand after the earlier ones (as a code host does). */
function applyLineChanges(text: string, changes: readonly LineChange[]): string {
  let lines = text.split('\n');
  const applied: { first: number; last: number; delta: number }[] = [];
  for (const c of changes) {
    const shift = applied.filter((a) => a.last < c.first).reduce((n, a) => n + a.delta, 0);
    const start = c.first + shift;
    lines = [...lines.slice(0, start), ...c.lines, ...lines.slice(start + (c.last - c.first) + 1)];
    applied.push({ first: c.first, last: c.last, delta: c.lines.length - (c.last - c.first + 1) });
  }
  return lines.join('\n');
}

/** UTF-8 byte column (1-based) on a line → UTF-16 offset into the text. */
function offsetOfByteColumn(text: string, line: number, byteColumn: number): number {
  const lines = text.split('\n');
  let at = 0;
  for (let i = 0; i < line - 1; i++) at += lines[i]!.length + 1;
  const lineText = lines[line - 1] ?? '';
  const prefix = Buffer.from(lineText, 'utf8').subarray(0, byteColumn - 1).toString('utf8');
  return at + prefix.length;
}

function offsetOfColumn(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let at = 0;
  for (let i = 0; i < line - 1; i++) at += lines[i]!.length + 1;
  return at + column - 1;
}

interface RdDiagnostic {
  location: { path: string };
  suggestions?: { range: { start: { line: number; column: number }; end: { line: number; column: number } }; text: string }[];
}

interface SarifResult {
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  fixes?: { artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number }; insertedContent: { text: string } }[] }[] }[];
}

function textOf(rel: string): string {
  return readFileSync(path.join(root, rel), 'utf8');
}

// Each test runs the CLI over every rule case and fixture (15-30 s on an idle machine): room for a loaded one.
describe('suggestions compose as a code host applies them', { timeout: 90_000 }, () => {
  it('rdjson: any subset, in any order, of a file\'s suggestions', async () => {
    const r = await cli(['-f', 'rdjson', '.'], { cwd: root });
    expect(r.stderr).toBe('');
    const diagnostics = (JSON.parse(r.stdout) as { diagnostics: RdDiagnostic[] }).diagnostics;
    const byFile = new Map<string, LineChange[]>();
    for (const d of diagnostics) {
      const s = d.suggestions?.[0];
      if (!s) continue;
      const text = textOf(d.location.path);
      const edit = { start: offsetOfByteColumn(text, s.range.start.line, s.range.start.column), end: offsetOfByteColumn(text, s.range.end.line, s.range.end.column), text: s.text };
      byFile.set(d.location.path, [...(byFile.get(d.location.path) ?? []), lineChange(text, [edit])]);
    }
    expect(byFile.size).toBeGreaterThan(50);
    for (const [file, changes] of byFile) {
      const before = textOf(file);
      fc.assert(
        fc.property(fc.shuffledSubarray(changes), (chosen) => {
          tried.rdjson++;
          const problem = check(file, before, applyLineChanges(before, chosen), chosen.map((c) => ({ old: c.old, new: c.lines.join('\n') })));
          if (problem) throw new Error(`${file}: ${problem}`);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
  });

  it('SARIF fixes: at most one fix per result, any subset, in any order', async () => {
    const r = await cli(['-f', 'sarif', '.'], { cwd: root });
    expect(r.stderr).toBe('');
    const results = (JSON.parse(r.stdout) as { runs: { results: SarifResult[] }[] }).runs[0]!.results;
    // Per edited file: each result's fixes as line changes of that file.
    const byFile = new Map<string, LineChange[][]>();
    for (const res of results) {
      const perFile = new Map<string, LineChange[]>();
      for (const fix of res.fixes ?? []) {
        for (const ch of fix.artifactChanges) {
          const file = decodeURIComponent(ch.artifactLocation.uri);
          const text = textOf(file);
          const edits = ch.replacements.map((x) => ({ start: offsetOfColumn(text, x.deletedRegion.startLine, x.deletedRegion.startColumn), end: offsetOfColumn(text, x.deletedRegion.endLine, x.deletedRegion.endColumn), text: x.insertedContent.text }));
          perFile.set(file, [...(perFile.get(file) ?? []), lineChange(text, edits)]);
        }
      }
      for (const [file, alternatives] of perFile) byFile.set(file, [...(byFile.get(file) ?? []), alternatives]);
    }
    for (const [file, perResult] of byFile) {
      const before = textOf(file);
      const choice = fc.tuple(...perResult.map((alts) => fc.integer({ min: -1, max: alts.length - 1 })));
      fc.assert(
        fc.property(choice, fc.nat(), (picks, order) => {
          tried.sarif++;
          const chosen = picks.flatMap((k, i) => (k >= 0 ? [perResult[i]![k]!] : []));
          // An order drawn from the seed: rotate and reverse.
          const rotated = chosen.length > 0 ? [...chosen.slice(order % chosen.length), ...chosen.slice(0, order % chosen.length)] : chosen;
          const ordered = order % 2 ? rotated.reverse() : rotated;
          const problem = check(file, before, applyLineChanges(before, ordered), ordered.map((c) => ({ old: c.old, new: c.lines.join('\n') })));
          if (problem) throw new Error(`${file}: ${problem}`);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
  });

  it('--fix: any subset of a file\'s findings planned in one pass', () => {
    for (const rc of recorded) {
      const file = rc.case.filename!;
      const before = rc.case.code;
      const findings = analyzeText(before, file).filter((f) => f.suggestions.length > 0 && f.file.endsWith(file));
      if (findings.length === 0) continue;
      fc.assert(
        fc.property(fc.shuffledSubarray(findings), (chosen) => {
          tried.fixPass++;
          const outcome = planPass(
            chosen.map((f) => ({ finding: f, key: `${f.ruleId}:${f.start}` })),
            { textOf: (f) => (f === chosen[0]!.file ? before : undefined), writable: () => true, budget: new Map(chosen.map((f) => [`${f.ruleId}:${f.start}`, 1])), syntaxErrors },
          );
          const after = outcome.texts.get(chosen[0]?.file ?? '') ?? before;
          const taken = chosen.filter((f) => applyEdits(before, f.suggestions[0]!.edits) !== before);
          const problem = check(file, before, after, taken.flatMap((f) => f.suggestions[0]!.edits.map((e) => ({ old: before.slice(e.start, e.end), new: e.text }))));
          if (problem) throw new Error(`${rc.ruleId} ${rc.title}: ${problem}`);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }
  });

  it('--fix over everything: every changed file keeps its guarantees, and a second run changes nothing', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'session-audit-compose-fix-'));
    try {
      cpSync(root, copy, { recursive: true });
      const before = new Map(listFiles(copy).map((f) => [f, readFileSync(f, 'utf8')]));
      await cli(['--fix', '-f', 'json', '.'], { cwd: copy });
      let changed = 0;
      for (const [f, text] of before) {
        const after = readFileSync(f, 'utf8');
        if (after === text) continue;
        changed++;
        const problem = check(f, text, after, [{ old: text, new: '' }].filter(() => /\bkey\s*:/.test(text)).map(() => ({ old: 'key:', new: '' })));
        expect(problem, path.relative(copy, f)).toBeUndefined();
      }
      expect(changed).toBeGreaterThan(50);
      const fixed = new Map(listFiles(copy).map((f) => [f, readFileSync(f, 'utf8')]));
      const second = await cli(['--fix', '-f', 'json', '.'], { cwd: copy });
      expect(JSON.parse(second.stdout).stats.fixed, 'a second --fix fixes nothing').toBe(0);
      for (const [f, text] of fixed) expect(readFileSync(f, 'utf8'), path.relative(copy, f)).toBe(text);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
    // Two --fix runs over every rule case (each an app of its own): the work grows with every case the rule tests add.
  }, 120_000);
});

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (/\.[cm]?[jt]sx?$/.test(name)) out.push(p);
  }
  return out;
}
