/**
 * Issue 16, item 11: the evaluator is linear on long reassignment chains, and the ESLint
 * plugin has the CLI's per-file time budget. (Slow suite: each case lints or scans files
 * of thousands of lines.)
 *
 * The chain: a `let` reassigned thousands of times under a condition, each assignment
 * reading the variable (`if (c) secret = secret + 'x'`). Before, every read of the
 * variable went over every assignment: 2,000 assignments took 13 s to lint, 8,000 more
 * than 30 s. Now the variable's possibilities are joined once and widened early.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { ROOT, cli, onlyRules, parseJson, tempProject } from '../cli/helpers.js';

const HEAD = "const session = require('express-session');\nconst express = require('express');\nconst app = express();\n";

/** `let secret` reassigned n times under a condition, each assignment reading it; then one session() call. */
function chain(n: number, shape: 'self' | 'literal'): string {
  let s = `${HEAD}let secret = 'keyboard cat';\n`;
  for (let i = 0; i < n; i++) {
    s += shape === 'self' ? `if (process.env.A${i % 7}) secret = secret + 'x${i}';\n` : `if (process.env.A${i % 7}) secret = 'value-${i}';\n`;
  }
  return `${s}app.use(session({ secret, resave: false, saveUninitialized: false }));\n`;
}

function lint(code: string): { ms: number; messages: Linter.LintMessage[] } {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ ...plugin.configs.all, files: ['**/*.js'], languageOptions: { ...plugin.configs.all.languageOptions, sourceType: 'commonjs' as const } }] as Linter.Config[];
  const t0 = performance.now();
  const messages = linter.verify(code, config, 'chain.js');
  return { ms: performance.now() - t0, messages };
}

describe('long reassignment chains', () => {
  it('ESLint: linting time grows linearly with the chain (1,000 vs 5,000 assignments), same findings', () => {
    lint(chain(200, 'self')); // warm-up
    const small = lint(chain(1000, 'self'));
    const large = lint(chain(5000, 'self'));
    const ids = (m: Linter.LintMessage[]) => m.map((x) => x.ruleId).sort();
    expect(ids(large.messages)).toEqual(ids(small.messages));
    expect(ids(small.messages)).toContain('session-audit/no-hardcoded-secret');
    // Linear: 5x the chain in at most ~8x the time (quadratic would be 25x); an absolute ceiling too.
    expect(large.ms).toBeLessThan(small.ms * 8 + 500);
    expect(large.ms).toBeLessThan(20_000);
  }, 120_000);

  it('CLI: a 5,000-assignment chain is analyzed (no time-limit stop), with the hardcoded initial value found', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'chain.js': chain(5000, 'self') });
    const r = await cli(['-f', 'json'], { cwd: dir, env: { SESSION_AUDIT_FILE_TIMEOUT_MS: '20000' } });
    const out = parseJson(r.stdout);
    expect(out.fileErrors).toEqual([]);
    expect(out.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([`chain.js:${5000 + 5} no-hardcoded-secret`]);
  }, 120_000);

  it('hard negative: the same chain over an environment read has no finding', async () => {
    const code = chain(5000, 'literal').replace("let secret = 'keyboard cat';", 'let secret = process.env.SESSION_SECRET;').replace(/secret = 'value-\d+';/g, 'secret = process.env.OTHER;');
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'chain.js': code });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(parseJson(r.stdout)).toMatchObject({ findings: [], fileErrors: [] });
    expect(r.code).toBe(0);
  }, 120_000);
});

describe('the ESLint plugin has a per-file time budget', () => {
  /** Lints in a child process (the budget is read from the environment when the plugin loads). */
  function lintWithBudget(code: string, ms: string): { messages: { ruleId: string; message: string; line: number }[] } {
    const child = `
const { Linter } = await import(${JSON.stringify(path.join(ROOT, 'node_modules/eslint/lib/api.js'))});
const plugin = (await import(${JSON.stringify(path.join(ROOT, 'dist/src/eslint/index.js'))})).default;
const linter = new Linter({ configType: 'flat' });
const code = require('node:fs').readFileSync(0, 'utf8');
const messages = linter.verify(code, [{ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' }, ...plugin.configs.all }], 'slow.js');
console.log(JSON.stringify({ messages: messages.map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line })) }));
`.replace("require('node:fs')", "(await import('node:fs')).default");
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { input: code, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, SESSION_AUDIT_FILE_TIMEOUT_MS: ms } });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout);
  }

  const SLOW = HEAD + Array.from({ length: 3000 }, (_, i) => `app.use(session({ secret: process.env.S${i} || 'v${i}' }));`).join('\n') + '\n';

  it('reports one "analysis stopped" diagnostic for the file (not one per rule) when the budget runs out', () => {
    const { messages } = lintWithBudget(SLOW, '1');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.ruleId).toMatch(/^session-audit\//);
    expect(messages[0]!.line).toBe(1);
    expect(messages[0]!.message).toBe(
      'session-audit: analysis stopped after 1 ms: the file is too large or too complex to analyze in time (SESSION_AUDIT_FILE_TIMEOUT_MS raises the limit)',
    );
  }, 60_000);

  it('hard negative: with the default budget the same file gets its findings and no such diagnostic', () => {
    const { messages } = lintWithBudget(SLOW, '');
    expect(messages.length).toBeGreaterThan(3000);
    expect(messages.some((m) => m.message.includes('analysis stopped'))).toBe(false);
  }, 60_000);
});
