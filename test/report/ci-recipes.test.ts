// docs/ci.md stays true: its YAML recipes parse and have the shape GitHub Actions and GitLab
// CI expect, and every `npx session-audit ...` command in them is run (in-process) on
// fixtures/ci/app; each file it writes is checked against its format's schema or contract:
// SARIF 2.1.0 (the OASIS schema), the Reviewdog Diagnostic Format (a JSON schema written
// from reviewdog's proto/rdf/reviewdog.proto, plus its UTF-8 byte columns checked against
// the file's text), GitLab's Code Quality report (its documented required fields, unique
// fingerprints, paths that exist).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { RDJSON_SCHEMA } from './schemas.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'fixtures/ci/app');
const DOC = readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');
const require = createRequire(import.meta.url);

/** The ```yaml blocks of docs/ci.md that run `npx session-audit`, in order (the action's and pre-commit's are tested in action.test.ts). */
const YAML_BLOCKS = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.includes('npx session-audit'));

/**
 * A YAML parser, when one is installed (the `yaml` package comes with the dev tools);
 * without it the structure is checked by the regular expressions below only.
 */
function yamlParser(): { parse(text: string): unknown } | undefined {
  try {
    return require('yaml') as { parse(text: string): unknown };
  } catch {
    return undefined;
  }
}

interface Command {
  readonly text: string;
  readonly args: string[];
  /** Where the report goes: `-o file` or `> file`. */
  readonly output: string;
  readonly format: string;
}

/** `npx session-audit ...` commands of a recipe (up to `||`), with their output file. */
function commandsOf(block: string): Command[] {
  const out: Command[] = [];
  for (const m of block.matchAll(/npx session-audit ([^\n|]*?)(?:\s*\|\||\s*$)/gm)) {
    const text = m[1]!.trim();
    expect(text, 'commands are simple words (the test splits them on spaces)').not.toMatch(/["'`$\\]/);
    const words = text.split(/\s+/);
    const redirect = words.indexOf('>');
    const args = redirect >= 0 ? words.slice(0, redirect) : words;
    const oi = args.findIndex((w) => w === '-o' || w === '--output-file');
    const output = redirect >= 0 ? words[redirect + 1]! : args[oi + 1]!;
    const fi = args.findIndex((w) => w === '-f' || w === '--format');
    expect(output, `output file of: ${text}`).toBeDefined();
    out.push({ text, args, output, format: fi >= 0 ? args[fi + 1]! : 'stylish' });
  }
  return out;
}

const tmp = mkdtempSync(path.join(tmpdir(), 'session-audit-ci-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs a recipe's command in-process on the fixture, writing its report under tmp; returns the report's text. */
async function runRecipe(c: Command): Promise<string> {
  let stdout = '';
  let stderr = '';
  const args = c.args.map((w, i) => (i > 0 && (c.args[i - 1] === '-o' || c.args[i - 1] === '--output-file') ? path.join(tmp, w) : w));
  const code = await run(args, { stdout: { write: (s: string) => (stdout += s), isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, cwd: APP, env: { CI: 'true' } });
  expect(stderr, c.text).toBe('');
  // The recipes accept 1 (findings) and nothing else: `|| [ $? -eq 1 ]`.
  expect(code, c.text).toBe(1);
  return args.includes('-o') || args.includes('--output-file') ? readFileSync(path.join(tmp, c.output), 'utf8') : stdout;
}

/** The reference: the JSON report's findings with their UTF-16 ranges, and each first suggestion's edits. */
interface JsonFinding {
  rule: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  suggestions: { edits: { file: string; line: number; column: number; endLine: number; endColumn: number; text: string }[] }[];
}
let reference: JsonFinding[];

beforeAll(async () => {
  let stdout = '';
  await run(['-f', 'json'], { stdout: { write: (s: string) => (stdout += s), isTTY: false }, stderr: { write: () => true, isTTY: false }, cwd: APP, env: {} });
  reference = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
  expect(reference.map((f) => f.rule)).toEqual(['no-hardcoded-secret', 'no-httponly-false', 'handle-session-errors']);
});

const lines = (file: string) => readFileSync(path.join(APP, file), 'utf8').split('\n');

/** Text between two 1-based (line, UTF-16 column) positions. */
function sliceUtf16(file: string, l1: number, c1: number, l2: number, c2: number): string {
  const ls = lines(file);
  if (l1 === l2) return ls[l1 - 1]!.slice(c1 - 1, c2 - 1);
  return [ls[l1 - 1]!.slice(c1 - 1), ...ls.slice(l1, l2 - 1), ls[l2 - 1]!.slice(0, c2 - 1)].join('\n');
}

/** Text between two 1-based (line, UTF-8 byte column) positions. */
function sliceUtf8(file: string, l1: number, c1: number, l2: number, c2: number): string {
  const ls = lines(file).map((l) => Buffer.from(l, 'utf8'));
  if (l1 === l2) return ls[l1 - 1]!.subarray(c1 - 1, c2 - 1).toString('utf8');
  return [ls[l1 - 1]!.subarray(c1 - 1).toString('utf8'), ...ls.slice(l1, l2 - 1).map((b) => b.toString('utf8')), ls[l2 - 1]!.subarray(0, c2 - 1).toString('utf8')].join('\n');
}

describe('docs/ci.md', () => {
  it('has the three recipes, each with session-audit commands', () => {
    expect(YAML_BLOCKS).toHaveLength(3);
    expect(YAML_BLOCKS.map((b) => commandsOf(b).map((c) => c.format))).toEqual([['sarif', 'html'], ['rdjson'], ['gitlab', 'html']]);
  });

  it('GitHub code scanning: a workflow that uploads the SARIF file session-audit writes', () => {
    const block = YAML_BLOCKS[0]!;
    const [sarif, html] = commandsOf(block);
    // Structure by text (always) ...
    expect(block).toMatch(/^on:\n {2}push:/m);
    expect(block).toMatch(/^ {6}security-events: write/m);
    expect(block).toMatch(/^ {6}- uses: github\/codeql-action\/upload-sarif@v3\n {8}with:\n {10}sarif_file: (\S+)/m);
    expect(/sarif_file: (\S+)/.exec(block)![1]).toBe(sarif!.output);
    // ... and parsed, when a YAML parser is installed.
    const yaml = yamlParser();
    if (!yaml) return;
    const doc = yaml.parse(block) as {
      on: Record<string, unknown>;
      jobs: Record<string, { 'runs-on': string; permissions: Record<string, string>; steps: { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }[] }>;
    };
    expect(Object.keys(doc.on).sort()).toEqual(['pull_request', 'push']);
    const job = doc.jobs['code-scanning']!;
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(job.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(job.steps.every((s) => (s.uses === undefined) !== (s.run === undefined))).toBe(true);
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toEqual({ sarif_file: sarif!.output, category: 'session-audit' });
    const runs = job.steps.map((s) => s.run ?? '');
    expect(runs.findIndex((r) => r.includes(sarif!.text))).toBeLessThan(job.steps.indexOf(upload));
    const artifact = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(artifact.with?.path).toBe(html!.output);
  });

  it('reviewdog: the job feeds the rdjson file session-audit writes to reviewdog -f=rdjson', () => {
    const block = YAML_BLOCKS[1]!;
    const [rd] = commandsOf(block);
    expect(block).toMatch(/^ {2}pull-requests: write/m);
    expect(block).toContain(`reviewdog -f=rdjson -name=session-audit -reporter=github-pr-review -filter-mode=added -fail-level=error < ${rd!.output}`);
    expect(block).toMatch(/REVIEWDOG_GITHUB_API_TOKEN: \$\{\{ secrets\.GITHUB_TOKEN \}\}/);
    const yaml = yamlParser();
    if (!yaml) return;
    const doc = yaml.parse(block) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: { uses?: string; run?: string; env?: Record<string, string> }[] }> };
    expect(Object.keys(doc.on)).toEqual(['pull_request']);
    expect(doc.permissions['pull-requests']).toBe('write');
    const steps = doc.jobs.review!.steps;
    expect(steps.some((s) => s.uses?.startsWith('reviewdog/action-setup@'))).toBe(true);
    const step = steps.find((s) => s.run?.includes('reviewdog -f=rdjson'))!;
    expect(step.run!.split('\n').filter(Boolean)).toHaveLength(2);
    expect(step.env).toEqual({ REVIEWDOG_GITHUB_API_TOKEN: '${{ secrets.GITHUB_TOKEN }}' });
  });

  it('GitLab: the job declares the Code Quality report session-audit writes', () => {
    const block = YAML_BLOCKS[2]!;
    const [gl, html] = commandsOf(block);
    expect(block).toMatch(/^ {4}reports:\n {6}codequality: (\S+)/m);
    expect(/codequality: (\S+)/.exec(block)![1]).toBe(gl!.output);
    const yaml = yamlParser();
    if (!yaml) return;
    const doc = yaml.parse(block) as Record<string, { image: string; script: string[]; artifacts: { when: string; reports: { codequality: string }; paths: string[] } }>;
    const job = doc['session-audit']!;
    expect(job.script[0]).toBe('npm ci');
    expect(job.artifacts).toEqual({ when: 'always', reports: { codequality: gl!.output }, paths: [html!.output] });
  });
});

describe('the files the recipes write', () => {
  const commands = YAML_BLOCKS.flatMap(commandsOf);
  const byFormat = (f: string) => commands.find((c) => c.format === f)!;

  it('SARIF: valid against the SARIF 2.1.0 schema, with UTF-16 regions that select the reported code', async () => {
    const log = JSON.parse(await runRecipe(byFormat('sarif')));
    const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    const validate = ajv.compile(schema);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    const results = log.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[];
    expect(results.map((r) => r.ruleId)).toEqual(reference.map((f) => f.rule));
    results.forEach((r, i) => {
      const { artifactLocation, region } = r.locations[0]!.physicalLocation;
      const f = reference[i]!;
      expect(artifactLocation.uri).toBe(f.file);
      expect(region).toMatchObject({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    });
    expect(sliceUtf16('src/app.js', 7, results[0]!.locations[0]!.physicalLocation.region.startColumn, 7, results[0]!.locations[0]!.physicalLocation.region.endColumn)).toBe("secret: 'keyboard cat'");
  });

  it('rdjson: valid against the Reviewdog Diagnostic Format, UTF-8 byte columns, suggestions that apply', async () => {
    const doc = JSON.parse(await runRecipe(byFormat('rdjson')));
    const Ajv = require('ajv').default as typeof import('ajv').default;
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile(RDJSON_SCHEMA);
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);

    const diagnostics = doc.diagnostics as { code: { value: string }; location: { path: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }; suggestions?: { range: { start: { line: number; column: number }; end: { line: number; column: number } }; text: string }[] }[];
    expect(diagnostics.map((d) => d.code.value)).toEqual(reference.map((f) => f.rule));
    diagnostics.forEach((d, i) => {
      const f = reference[i]!;
      const { start, end } = d.location.range;
      // The same code, counted in UTF-8 bytes here and UTF-16 units in the JSON report.
      expect(sliceUtf8(f.file, start.line, start.column, end.line, end.column)).toBe(sliceUtf16(f.file, f.line, f.column, f.endLine, f.endColumn));
      // The suggestion, applied by bytes, gives the text the JSON report's remedies give by UTF-16 units. Remedies on the
      // same lines are planned together (src/analysis/compose.ts): one change, on the first of those findings.
      const s = d.suggestions?.[0];
      const own = f.suggestions[0]!.edits;
      const lineSpan = (edits: { line: number; endLine: number }[]) => [Math.min(...edits.map((e) => e.line)), Math.max(...edits.map((e) => e.endLine))];
      const [first, last] = lineSpan(own);
      const group = reference.filter((g) => g.suggestions[0] && g.suggestions[0].edits.every((e) => e.file === g.file) && g.file === f.file && (([a, b]) => a! <= last! && first! <= b!)(lineSpan(g.suggestions[0].edits)));
      if (own.every((e) => e.file === f.file) && group[0] === f) {
        expect(s).toBeDefined();
        const text = readFileSync(path.join(APP, f.file), 'utf8');
        const byBytes = applyUtf8(text, s!.range.start, s!.range.end, s!.text);
        const byUnits = group.flatMap((g) => g.suggestions[0]!.edits).sort((a, b) => a.line - b.line || a.column - b.column).reduceRight((t, e) => applyUtf16(t, e), text);
        expect(byBytes).toBe(byUnits);
      } else {
        expect(s).toBeUndefined();
      }
    });
    // Non-ASCII before the findings: byte and UTF-16 columns differ ("é" +1, "🍪" +2).
    expect(diagnostics[0]!.location.range.start.column - reference[0]!.column).toBe(3);
  });

  it('GitLab Code Quality: the documented required fields, unique fingerprints, paths that exist', async () => {
    const issues = JSON.parse(await runRecipe(byFormat('gitlab'))) as { check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number; end?: number } } }[];
    const Ajv = require('ajv').default as typeof import('ajv').default;
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    const validate = ajv.compile(CODE_QUALITY_SCHEMA);
    expect(validate(issues), ajv.errorsText(validate.errors)).toBe(true);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual(reference.map((f) => [`session-audit/${f.rule}`, 'major', f.file, f.line]));
    for (const i of issues) expect(lines(i.location.path).length).toBeGreaterThanOrEqual(i.location.lines.end ?? i.location.lines.begin);
    // Fingerprints do not depend on line numbers: the same report again gives the same ones.
    const again = JSON.parse(await runRecipe(byFormat('gitlab'))) as { fingerprint: string }[];
    expect(again.map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint));
  });

  it('HTML: one page without scripts', async () => {
    const html = await runRecipe(byFormat('html'));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<title>session-audit report</title>');
  });
});

function offsetUtf16(text: string, line: number, column: number): number {
  const ls = text.split('\n');
  return ls.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
}

function applyUtf16(text: string, e: { line: number; column: number; endLine: number; endColumn: number; text: string }): string {
  return text.slice(0, offsetUtf16(text, e.line, e.column)) + e.text + text.slice(offsetUtf16(text, e.endLine, e.endColumn));
}

function applyUtf8(text: string, start: { line: number; column: number }, end: { line: number; column: number }, replacement: string): string {
  const buf = Buffer.from(text, 'utf8');
  const at = (p: { line: number; column: number }) => {
    let offset = 0;
    for (let l = 1; l < p.line; l++) offset = buf.indexOf(0x0a, offset) + 1;
    return offset + p.column - 1;
  };
  return Buffer.concat([buf.subarray(0, at(start)), Buffer.from(replacement, 'utf8'), buf.subarray(at(end))]).toString('utf8');
}

/**
 * GitLab's Code Quality report, as its documentation states it
 * (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): an array
 * of Code Climate issues with `description`, `check_name`, `fingerprint`, `severity` (one
 * of info, minor, major, critical, blocker) and `location.path` (relative to the
 * repository root) with `location.lines.begin` or `location.positions.begin.line`.
 */
const CODE_QUALITY_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      type: { const: 'issue' },
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      categories: { type: 'array', items: { enum: ['Bug Risk', 'Clarity', 'Compatibility', 'Complexity', 'Duplication', 'Performance', 'Security', 'Style'] } },
      content: { type: 'object', properties: { body: { type: 'string' } }, required: ['body'] },
      location: {
        type: 'object',
        required: ['path'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^(/|\\./|\\.\\./)' } },
          lines: { type: 'object', properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } }, required: ['begin'] },
          positions: {
            type: 'object',
            properties: { begin: { type: 'object', properties: { line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } }, required: ['line'] } },
            required: ['begin'],
          },
        },
        anyOf: [{ required: ['lines'] }, { required: ['positions'] }],
      },
    },
  },
};
