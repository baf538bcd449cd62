/**
 * The ESLint front end on hostile input: the plugin never throws out of a lint
 * run. When ESLint's own parser and scope analysis take a file but session-audit's
 * TypeScript parse or binder cannot (code nested thousands of levels deep), the
 * plugin reports nothing for that file (the CLI names it; see docs/reliability.md).
 * Where ESLint itself gives up (a parse error, or its own scope analysis running
 * out of stack), the plugin adds nothing to that.
 */
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import typescript from 'typescript';
import type { TSModule } from '../../src/analysis/host.js';
import { singleFileAnalyzer } from '../../src/analysis/index.js';
import plugin from '../../src/eslint/index.js';
import { minifiedBundle, nested } from './helpers.js';

const SESSION = "const session = require('express-session');\n";
const rules = Object.fromEntries(Object.keys(plugin.rules).map((r) => [`session-audit/${r}`, 'error']));

function lint(code: string, ts: boolean, withPlugin = true): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: '/project' });
  const config = {
    files: ['**/*.js', '**/*.ts'],
    ...(withPlugin ? { plugins: { 'session-audit': plugin }, rules } : {}),
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', ...(ts ? { parser: tsParser } : {}) },
  } as unknown as Linter.Config;
  return linter.verify(code, [config], { filename: ts ? '/project/src/a.ts' : '/project/src/a.js' });
}

/** Whether session-audit's engine can parse and bind the file on its own (what untyped ESLint gives it). */
function typescriptTakes(code: string, ts: boolean): boolean {
  try {
    singleFileAnalyzer(typescript as unknown as TSModule, ts ? '/project/src/a.ts' : '/project/src/a.js', code);
    return true;
  } catch {
    return false;
  }
}

const ternaries = (depth: number) => `${'a ? b : '.repeat(depth)}c`;

const cases: [string, string][] = [];
for (const kind of ['paren', 'array', 'call', 'member', 'binary'] as const) {
  for (const depth of [1000, 2500, 20_000]) cases.push([`${kind} nested ${depth} deep`, `${SESSION}const x = ${nested(kind, depth)};\napp.use(session({ secret: 'x' }));\n`]);
}
cases.push(['a binary file', `${SESSION}${String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256))}`]);
cases.push(['a syntax error', `${SESSION}app.use(session({ secret: 'x' ) });\n`]);
cases.push(['a BOM and CRLF', `\uFEFF${SESSION}app.use(session({ secret: 'x' }));\n`.replace(/\n/g, '\r\n')]);
cases.push(['a 64 kB minified bundle', minifiedBundle(64 * 1024).text]);

describe('ESLint plugin on hostile input', () => {
  it.each(cases.flatMap(([name, code]) => [[`${name} (espree)`, code, false] as const, [`${name} (typescript-eslint)`, code, true] as const]))('%s: never throws', (_name, code, ts) => {
    let baseline: Linter.LintMessage[] | Error;
    try {
      baseline = lint(code, ts, false);
    } catch (e) {
      baseline = e as Error;
    }
    if (baseline instanceof Error) {
      // ESLint's own scope analysis is recursive too: with or without the plugin, the same error.
      expect(() => lint(code, ts)).toThrow(baseline.message);
      return;
    }
    const messages = lint(code, ts);
    const fatal = messages.filter((m) => m.fatal);
    if (baseline.some((m) => m.fatal)) {
      expect(messages).toEqual(baseline);
      return;
    }
    expect(fatal).toEqual([]);
    for (const m of messages) expect(m.ruleId).toMatch(/^session-audit\//);
    // No rule failed on the file (a failing rule would be one internalError report: see runRule).
    expect(messages.filter((m) => m.messageId === 'internalError')).toEqual([]);
    // Where TypeScript cannot take the file, nothing; otherwise the hardcoded secret is found.
    if (!typescriptTakes(code, ts)) expect(messages).toEqual([]);
    else expect(messages.map((m) => m.ruleId)).toContain('session-audit/no-hardcoded-secret');
  }, 30_000);

  it('reports nothing for a file ESLint parses but TypeScript cannot (conditionals nested thousands deep)', () => {
    // Where each parser runs out of stack depends on the process and the JIT: find a shape and depth in between.
    const shapes = [ternaries, (d: number) => nested('member', d), (d: number) => `a${'()'.repeat(d)}`];
    const code = shapes
      .flatMap((shape) => [2500, 4000, 6000, 9000, 13_000].map((d) => `${SESSION}const x = ${shape(d)};\napp.use(session({ secret: 'x' }));\n`))
      .find((c) => {
        try {
          return !typescriptTakes(c, false) && !lint(c, false, false).some((m) => m.fatal);
        } catch {
          return false;
        }
      });
    expect(code, 'a file that espree takes and TypeScript does not').toBeDefined();
    expect(lint(code!, false)).toEqual([]);
    // The same file without the nesting: reported.
    expect(lint(`${SESSION}app.use(session({ secret: 'x' }));\n`, false).map((m) => m.ruleId)).toContain('session-audit/no-hardcoded-secret');
  });

  it('checks a long concatenation that both parsers take', () => {
    const code = `${SESSION}const x = ${nested('binary', 2500)};\napp.use(session({ secret: 'x' }));\n`;
    expect(lint(code, false).map((m) => m.ruleId)).toContain('session-audit/no-hardcoded-secret');
  });
});
