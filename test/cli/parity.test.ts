/**
 * Same input, same findings: every finding ESLint (one file at a time, no types)
 * reports on the fixtures, the CLI reports too, at the same place. The CLI may
 * report more: it sees values in other modules and the whole app.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, Linter } from 'eslint';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { APPS, PROJECTS, cli, parseJson, tempProject } from './helpers.js';

const roots = [
  path.join(APPS, 'vulnerable-express'),
  path.join(APPS, 'hardened-express'),
  path.join(APPS, 'vulnerable-react-router'),
  path.join(APPS, 'hardened-react-router'),
  path.join(APPS, 'vulnerable-nuxt'),
  path.join(APPS, 'hardened-nuxt'),
  path.join(PROJECTS, 'cross-module'),
  path.join(PROJECTS, 'formats'),
  path.join(PROJECTS, 'suppressions'),
  path.join(PROJECTS, 'ts-paths'),
  path.join(PROJECTS, 'values'),
];

type Row = string; // file:line:column rule

function eslintFindings(root: string): Row[] {
  const linter = new Linter({ configType: 'flat' });
  const rules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`session-audit/${r}`, 'error']));
  const rows: Row[] = [];
  for (const file of globbySync('**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}', { cwd: root, ignore: ['**/node_modules/**'] })) {
    const ts = /\.[cm]?tsx?$/.test(file);
    const config = {
      files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: { 'session-audit': plugin },
      rules,
      languageOptions: { ecmaVersion: 'latest', sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module', ...(ts ? { parser: tsParser } : {}) },
    } as unknown as Linter.Config;
    const messages = linter.verify(readFileSync(path.join(root, file), 'utf8'), [config], { filename: path.join(root, file) });
    for (const m of messages) {
      expect(m.ruleId, `${file}: ${m.message}`).toBeTruthy();
      rows.push(`${file}:${m.line}:${m.column} ${m.ruleId!.replace('session-audit/', '')}`);
    }
  }
  return rows.sort();
}

describe('parity with the ESLint plugin', () => {
  it.each(roots.map((r) => [path.relative(path.join(PROJECTS, '../..'), r), r]))('%s', async (_name, root) => {
    const eslint = eslintFindings(root);
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd: root });
    const got = parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
    for (const row of eslint) expect(got, row).toContain(row);
    if (root.endsWith('vulnerable-express')) expect(eslint.length).toBeGreaterThan(5); // the comparison compares something
    // Values through functions, schema defaults, literals used when NODE_ENV is unset (issue #12): one file each, so the same findings.
    if (root.endsWith(`${path.sep}values`)) expect(got.filter((row) => row.endsWith(' no-hardcoded-secret')).sort()).toEqual(eslint.filter((row) => row.endsWith(' no-hardcoded-secret')).sort());
    if (root.endsWith(`${path.sep}values`)) expect(eslint.filter((row) => row.endsWith(' no-hardcoded-secret'))).toHaveLength(5);
    // Values in one file: the same findings, and the same suppressions.
    if (root.endsWith('suppressions')) {
      const secret = (rows: Row[]) => rows.filter((row) => row.endsWith(' no-hardcoded-secret')).sort();
      expect(secret(got)).toEqual(secret(eslint));
      expect(secret(eslint)).toHaveLength(3);
    }
  });
});

describe('parity on test files: one answer, with and without includeTests', () => {
  // A test fixture and the app: the same session code (each file alone tells everything, so plain ESLint sees what the CLI sees).
  const code = [
    "const session = require('express-session');",
    "app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));",
    "app.get('/logout', (req, res) => { req.session.destroy(); res.end(); });",
    '',
  ].join('\n');
  const files = { 'package.json': '{}', 'src/app.js': code, 'src/app.test.js': code, 'test/helpers/app.ts': code, 'src/__mocks__/session.cjs': code };

  async function eslintRows(dir: string, extra: Record<string, unknown>): Promise<Row[]> {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.all, { linterOptions: { reportUnusedDisableDirectives: 'off' } }, extra] as never });
    const results = await eslint.lintFiles(['.']);
    return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId?.replace('session-audit/', '')}`)).sort();
  }

  async function cliRows(dir: string, args: string[]): Promise<Row[]> {
    const r = await cli(['-f', 'json', '--preset', 'all', ...args], { cwd: dir });
    return parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).sort();
  }

  const inFile = (rows: Row[], file: string) => rows.filter((r) => r.startsWith(`${file}:`));

  it('by default both front ends check the app and skip its tests', async () => {
    const dir = tempProject(files);
    const eslint = await eslintRows(dir, {});
    expect(await cliRows(dir, [])).toEqual(eslint);
    expect(inFile(eslint, 'src/app.js').length).toBeGreaterThan(3);
    expect(eslint.every((r) => r.startsWith('src/app.js:'))).toBe(true);
  });

  it('includeTests for every rule: ESLint settings, the CLI flag and the config key agree', async () => {
    const dir = tempProject(files);
    const eslint = await eslintRows(dir, { settings: { 'session-audit': { includeTests: true } } });
    expect(await cliRows(dir, ['--include-tests'])).toEqual(eslint);
    for (const test of ['src/app.test.js', 'test/helpers/app.ts', 'src/__mocks__/session.cjs']) {
      expect(inFile(eslint, test).map((r) => r.slice(test.length))).toEqual(inFile(eslint, 'src/app.js').map((r) => r.slice('src/app.js'.length)));
    }
    const withKey = tempProject({ ...files, 'session-audit.config.json': JSON.stringify({ includeTests: true }) });
    expect(await cliRows(withKey, [])).toEqual(eslint);
  });

  it('includeTests as a rule option, for one rule: the same in both', async () => {
    const dir = tempProject({ ...files, 'session-audit.config.json': JSON.stringify({ rules: { 'no-hardcoded-secret': ['error', { includeTests: true }] } }) });
    const eslint = await eslintRows(dir, { rules: { 'session-audit/no-hardcoded-secret': ['error', { includeTests: true }] } });
    expect(await cliRows(dir, [])).toEqual(eslint);
    const tests = eslint.filter((r) => !r.startsWith('src/app.js:'));
    expect(tests.length).toBe(3);
    expect(tests.every((r) => r.endsWith(' no-hardcoded-secret'))).toBe(true);
  });
});
