/**
 * Rule options through both front ends: the same options give the same findings in
 * ESLint and in the CLI (session-audit.config.json), and the same bad options the same
 * error: ESLint's validation message, which the CLI prints on one line (exit 2) and
 * resolveOptions carries. Bad options are made from each rule's own schema (an unknown
 * property, a value of the wrong type, one option too many), so a rule that gains options
 * is covered without a new case.
 */
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { InvalidOptionsError, resolveOptions, rules } from '../../rules/index.js';
import plugin from '../../src/eslint/index.js';
import { cli, tempProject } from '../cli/helpers.js';

type Schema = { type?: string; properties?: Record<string, { type?: string }> };

/** A value no schema type of `type` accepts. */
const wrongFor = (type: string | undefined): unknown => (type === 'string' ? 42 : 'one day');

/** Bad options for a rule, from its schema. */
function badOptions(rule: (typeof rules)[number]): unknown[][] {
  const schema = rule.meta.schema as readonly Schema[];
  const out: unknown[][] = [[...schema.map(() => ({})), 'one too many']];
  schema.forEach((s, i) => {
    const before = schema.slice(0, i).map(() => ({}));
    if (s.type === 'object') out.push([...before, { notAnOption: true }]);
    for (const [name, p] of Object.entries(s.properties ?? {})) out.push([...before, { [name]: wrongFor(p.type) }]);
  });
  return out;
}

/** What ESLint says about the options: its error's problem lines, joined as the CLI joins them; '' when it takes them. */
function eslintVerdict(id: string, options: unknown[], code = 'const x = 1;\n'): { error: string; messages: Linter.LintMessage[] } {
  const linter = new Linter({ configType: 'flat' });
  const config = { files: ['**/*.js'], plugins: { 'session-audit': plugin }, rules: { [`session-audit/${id}`]: ['warn', ...options] } };
  try {
    return { error: '', messages: linter.verify(code, [config as never], { filename: 'app.js' }) };
  } catch (e) {
    const [head, ...problems] = (e as Error).message.split('\n');
    expect(head).toBe(`Key "rules": Key "session-audit/${id}":`);
    return { error: problems.map((l) => l.trim()).filter(Boolean).join(' '), messages: [] };
  }
}

function resolveVerdict(id: string, options: unknown[]): string {
  try {
    resolveOptions(rules.find((r) => r.id === id)!, options);
    return '';
  } catch (e) {
    if (!(e instanceof InvalidOptionsError)) throw e;
    return e.problems.join(' ');
  }
}

const PACKAGE = JSON.stringify({ name: 'app', private: true, type: 'module' });

describe('the same bad options, the same error', () => {
  const cases = rules.flatMap((r) => badOptions(r).map((options) => ({ id: r.id, options })));

  it.each(cases)('$id $options', async ({ id, options }) => {
    const eslint = eslintVerdict(id, options).error;
    expect(eslint).not.toBe('');
    expect(resolveVerdict(id, options)).toBe(eslint);
    const dir = tempProject({ 'package.json': PACKAGE, 'session-audit.config.json': JSON.stringify({ rules: { [id]: ['warn', ...options] } }), 'app.js': 'const x = 1;\n' });
    const r = await cli([], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `session-audit: session-audit.config.json: invalid options for rule '${id}': ${eslint}\n` });
  });

  it('the probe of the issue: maxAgeMs "one day"', async () => {
    const dir = tempProject({ 'package.json': PACKAGE, 'session-audit.config.json': '{"rules": {"require-cookie-expiry": ["warn", {"maxAgeMs": "one day"}]}}', 'app.js': 'const x = 1;\n' });
    expect(await cli([], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: `session-audit: session-audit.config.json: invalid options for rule 'require-cookie-expiry': Value "one day" should be integer.\n`,
    });
  });

  it('a rule that is off is not checked, as in ESLint', async () => {
    expect(eslintVerdict('require-cookie-expiry', [{ maxAgeMs: 'x' }]).error).not.toBe('');
    const dir = tempProject({ 'package.json': PACKAGE, 'session-audit.config.json': '{"rules": {"require-cookie-expiry": ["off", {"maxAgeMs": "x"}]}}', 'app.js': 'const x = 1;\n' });
    expect((await cli([], { cwd: dir })).code).toBe(0);
  });
});

describe('the same options, the same findings', () => {
  const code = `import session from 'express-session';
app.use(session({ secret: process.env.S, cookie: { maxAge: 2 * 24 * 60 * 60 * 1000 } }));
app.use(session({ secret: process.env.S, cookie: { maxAge: 30 * 60 * 1000 } }));
app.use(session({ secret: process.env.S }));
`;
  const optionSets: unknown[][] = [[], [{}], [{ maxAgeMs: 24 * 60 * 60 * 1000 }], [{ maxAgeMs: 60 * 60 * 1000 }], [{ maxAgeMs: 1 }]];

  it.each(optionSets.map((options) => ({ options })))('require-cookie-expiry $options', async ({ options }) => {
    const { error, messages } = eslintVerdict('require-cookie-expiry', options, code);
    expect(error).toBe('');
    const dir = tempProject({ 'package.json': PACKAGE, 'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'require-cookie-expiry': ['warn', ...options] } }), 'app.js': code });
    const r = await cli(['-f', 'json', '--no-progress'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { findings: { line: number; column: number; messageId: string; message: string; suggestions: { message: string }[] }[] };
    const row = (f: { line: number; column: number; messageId?: string; message: string }) => [f.line, f.column, f.messageId, f.message];
    expect(report.findings.map(row)).toEqual(messages.map(row));
    expect(report.findings.map((f) => f.suggestions.map((s) => s.message))).toEqual(messages.map((m) => (m.suggestions ?? []).map((s) => s.desc)));
    // The rule runs with what resolveOptions gives (defaults merged in).
    expect(resolveOptions(rules.find((r) => r.id === 'require-cookie-expiry')!, options)).toEqual(options.length ? options : [{}]);
  });

  it('the options make a difference here (the test can tell them apart)', () => {
    const counts = optionSets.map((options) => eslintVerdict('require-cookie-expiry', options, code).messages.length);
    expect(new Set(counts).size).toBeGreaterThan(1);
  });
});

