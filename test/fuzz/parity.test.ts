/**
 * Property: on every generated single-file configuration, the ESLint plugin
 * (Linter API, no type information) and the CLI report the same findings: same
 * rule, place and message. And every ESLint suggestion, applied, leaves code
 * that parses.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntaxErrors } from '../../src/cli/analyze.js';
import plugin from '../../src/eslint/index.js';
import { cli, parseJson, tempProject } from '../cli/helpers.js';
import { SITE_RULES, params, render, runs, sessionCase } from './session-config.js';

const RULES = Object.fromEntries(SITE_RULES.map((r) => [r, 'error']));

function eslint(code: string, ts: boolean): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: '/project' });
  const config = {
    files: ['**/*.js', '**/*.ts'],
    plugins: { 'session-audit': plugin },
    rules: Object.fromEntries(SITE_RULES.map((r) => [`session-audit/${r}`, 'error'])),
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', ...(ts ? { parser: tsParser } : {}) },
  } as unknown as Linter.Config;
  return linter.verify(code, [config], { filename: ts ? '/project/app.ts' : '/project/app.js' });
}

/** Applies one ESLint suggestion. */
function applySuggestion(code: string, fix: { range: [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

describe('ESLint plugin and CLI agree on generated single-file configurations', () => {
  it.each([
    ['JavaScript (espree)', false],
    ['TypeScript (typescript-eslint, no types)', true],
  ])('%s', async (_name, ts) => {
    const dir = tempProject({ 'package.json': '{"name":"fuzz","private":true}', 'session-audit.config.json': JSON.stringify({ preset: 'none', rules: RULES }) });
    const file = ts ? 'app.ts' : 'app.js';
    await fc.assert(
      fc.asyncProperty(sessionCase({ imports: false }), async (c) => {
        const code = render(c)['app.js']!;
        writeFileSync(path.join(dir, file), code);
        const messages = eslint(code, ts);
        expect(messages.filter((m) => m.fatal), code).toEqual([]);
        const fromESLint = messages.map((m) => `${m.line}:${m.column} ${m.ruleId!.replace('session-audit/', '')} ${m.message}`).sort();
        const r = await cli(['-f', 'json', file], { cwd: dir });
        const fromCLI = parseJson(r.stdout).findings.map((f) => `${f.line}:${f.column} ${f.rule} ${f.message}`).sort();
        expect(fromCLI, code).toEqual(fromESLint);
        // Every suggestion leaves code that parses.
        for (const m of messages) {
          for (const s of m.suggestions ?? []) {
            const fixed = applySuggestion(code, s.fix as { range: [number, number]; text: string });
            expect(syntaxErrors(path.join(dir, file), fixed), `${s.desc}\n${fixed}`).toBe(0);
          }
        }
      }),
      params(60),
    );
  }, runs(60) * 1000);
});
