/**
 * Same input, same findings: every finding ESLint (one file at a time, no types)
 * reports on the fixtures, the CLI reports too, at the same place. The CLI may
 * report more: it sees values in other modules and the whole app.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { APPS, PROJECTS, cli, parseJson } from './helpers.js';

const roots = [
  path.join(APPS, 'vulnerable-express'),
  path.join(APPS, 'hardened-express'),
  path.join(PROJECTS, 'cross-module'),
  path.join(PROJECTS, 'formats'),
  path.join(PROJECTS, 'suppressions'),
  path.join(PROJECTS, 'ts-paths'),
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
    // Values in one file: the same findings, and the same suppressions.
    if (root.endsWith('suppressions')) {
      const secret = (rows: Row[]) => rows.filter((row) => row.endsWith(' no-hardcoded-secret')).sort();
      expect(secret(got)).toEqual(secret(eslint));
      expect(secret(eslint)).toHaveLength(3);
    }
  });
});
