/**
 * Property: random mutations of the fixtures (token deletions, duplications and
 * swaps, stray tokens, truncations) never throw out of the engine (`analyzeText`
 * from the API, one file alone) nor out of the ESLint rules. Broken code is a
 * parse error or fewer findings, never an exception.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import fc from 'fast-check';
import { globbySync } from 'globby';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/api.js';
import plugin from '../../src/eslint/index.js';
import { ROOT, cli, tempProject } from '../cli/helpers.js';
import { params, runs } from './session-config.js';

const corpus = globbySync('fixtures/**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}', { cwd: ROOT, ignore: ['**/node_modules/**'] })
  .map((f) => ({ file: f, text: readFileSync(path.join(ROOT, f), 'utf8') }))
  .filter((f) => /session/.test(f.text));

/** Token ranges of a text (TypeScript's scanner; good enough for mutations). */
function tokens(text: string, jsx: boolean): [number, number][] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text);
  const out: [number, number][] = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) out.push([scanner.getTokenStart(), scanner.getTokenEnd()]);
  return out;
}

type Mutation = { kind: 'delete' | 'duplicate' | 'swap' | 'insert' | 'truncate' | 'deleteRun'; at: number; other: number; insert: string };

const STRAY = ['(', ')', '{', '}', '[', ']', ',', ';', '...', '=>', '?', ':', '.', '`', '${', '/*', '"', "'", 'session(', 'require(', 'process.env.', '||', '??', 'new ', 'async ', 'await ', '<div>', '#', '\\u', '\u0000'];

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('delete', 'delete', 'duplicate', 'swap', 'insert', 'truncate', 'deleteRun'),
  at: fc.nat(),
  other: fc.nat(),
  insert: fc.constantFrom(...STRAY),
});

function mutate(text: string, m: Mutation, jsx: boolean): string {
  if (m.kind === 'truncate') return text.slice(0, m.at % (text.length + 1));
  const toks = tokens(text, jsx);
  if (toks.length === 0) return text + m.insert;
  const [s, e] = toks[m.at % toks.length]!;
  switch (m.kind) {
    case 'delete':
      return text.slice(0, s) + text.slice(e);
    case 'deleteRun': {
      const last = toks[Math.min(toks.length - 1, (m.at % toks.length) + (m.other % 8))]!;
      return text.slice(0, s) + text.slice(last[1]);
    }
    case 'duplicate':
      return text.slice(0, e) + text.slice(s, e) + text.slice(e);
    case 'insert':
      return text.slice(0, s) + m.insert + text.slice(s);
    case 'swap': {
      const [s2, e2] = toks[m.other % toks.length]!;
      if (s2 === s) return text;
      const [a, b] = s < s2 ? [[s, e], [s2, e2]] : [[s2, e2], [s, e]];
      if (a[1]! > b[0]!) return text;
      return text.slice(0, a[0]) + text.slice(b[0], b[1]) + text.slice(a[1], b[0]) + text.slice(a[0], a[1]) + text.slice(b[1]);
    }
  }
}

const mutated = fc.record({ source: fc.constantFrom(...corpus), mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }) }).map(({ source, mutations }) => {
  const jsx = /\.[jt]sx$/.test(source.file) || /\.[cm]?js$/.test(source.file);
  return { file: source.file, text: mutations.reduce((t, m) => mutate(t, m, jsx), source.text) };
});

function lint(code: string, file: string, withPlugin: boolean): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: '/project' });
  const isTs = /\.[cm]?tsx?$/.test(file);
  const config = {
    files: ['**/*'],
    ...(withPlugin ? { plugins: { 'session-audit': plugin }, rules: Object.fromEntries(Object.keys(plugin.rules).map((r) => [`session-audit/${r}`, 'error'])) } : {}),
    languageOptions: { ecmaVersion: 'latest', sourceType: file.endsWith('.cjs') ? 'commonjs' : 'module', ...(isTs ? { parser: tsParser } : { parserOptions: { ecmaFeatures: { jsx: true } } }) },
  } as unknown as Linter.Config;
  return linter.verify(code, [config], { filename: `/project/${path.basename(file)}` });
}

describe('mutated fixtures never crash', () => {
  it('has a corpus', () => {
    expect(corpus.length).toBeGreaterThan(10);
  });

  it('the engine (analyzeText) returns findings or nothing, never throws', () => {
    fc.assert(
      fc.property(mutated, ({ file, text }) => {
        // No rule fails either (a failing rule would be one internalError finding: see runRule).
        expect(analyzeText(text, file).filter((f) => f.messageId === 'internalError'), text).toEqual([]);
      }),
      params(300),
    );
  }, runs(300) * 200);

  it('the CLI (whole program, suppressions, fix planning) never fails with an internal error', async () => {
    const app = path.join(ROOT, 'fixtures/apps/vulnerable-express');
    const dir = tempProject({});
    cpSync(app, dir, { recursive: true });
    const files = globbySync('src/**/*.js', { cwd: dir });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (file, mutations) => {
        const original = readFileSync(path.join(dir, file), 'utf8');
        const text = mutations.reduce((t, m) => mutate(t, m, true), original);
        writeFileSync(path.join(dir, file), text);
        try {
          const r = await cli(['--fix-dry-run', '--preset', 'all', '-f', 'json'], { cwd: dir });
          expect(r.stderr, text).not.toContain('internal error');
          expect([0, 1], `${r.stderr}\n${text}`).toContain(r.code);
          // The report goes to stderr with --fix-dry-run (after any warnings), the diff to stdout.
          const report = JSON.parse(r.stderr.slice(r.stderr.indexOf('{\n  "schemaVersion"'))) as { fileErrors: { kind: string; message: string }[] };
          expect(report.fileErrors.filter((e) => e.kind === 'rule'), text).toEqual([]);
        } finally {
          writeFileSync(path.join(dir, file), original);
        }
      }),
      params(15),
    );
  }, runs(15) * 2000);

  it('the ESLint rules never throw where ESLint itself does not', () => {
    fc.assert(
      fc.property(mutated, ({ file, text }) => {
        let baseline = true;
        try {
          lint(text, file, false);
        } catch {
          baseline = false; // ESLint's own failure (it reports parse errors as messages; this is rarer)
        }
        if (baseline) expect(lint(text, file, true).filter((m) => m.messageId === 'internalError'), text).toEqual([]);
      }),
      params(200),
    );
  }, runs(200) * 300);
});
