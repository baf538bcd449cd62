#!/usr/bin/env node
/**
 * One ESLint batch of the crash hunt (scripts/crash-hunt.mjs): reads `{ root, files }` as
 * JSON on stdin, lints the files with session-audit's `configs.all` (TypeScript files with
 * @typescript-eslint/parser, without types), and prints `{ linted, messages,
 * fatalParseErrors, byRule, crashes }` as JSON. An exception out of ESLint (a rule that throws)
 * fails the whole batch in ESLint's API, so the batch is then linted file by file to
 * name every file that crashes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { default: plugin } = await import(path.join(REPO, 'dist/src/eslint/index.js'));

const { root, files } = JSON.parse(readFileSync(0, 'utf8'));

const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  errorOnUnmatchedPattern: false,
  overrideConfig: [
    // ESLint ignores node_modules by default (even with `ignore: false`): these are the files to lint.
    { ignores: ['!**/node_modules/'] },
    { files: ['**/*.js', '**/*.ts'] },
    { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    plugin.configs.all,
    // Inline directives of third-party code name rules of other plugins: not this hunt's business.
    { linterOptions: { reportUnusedDisableDirectives: 'off', noInlineConfig: true } },
  ],
});

const out = { linted: 0, messages: 0, fatalParseErrors: 0, byRule: {}, crashes: [] };

function count(results) {
  for (const r of results) {
    out.linted++;
    for (const m of r.messages) {
      if (m.fatal) out.fatalParseErrors++;
      else {
        out.messages++;
        // Findings of session-audit's rules by rule; ESLint's own notes (inline config that noInlineConfig ignores) under '(eslint)'.
        const key = m.ruleId ?? '(eslint)';
        out.byRule[key] = (out.byRule[key] ?? 0) + 1;
      }
    }
  }
}

try {
  count(await eslint.lintFiles(files));
} catch {
  for (const file of files) {
    try {
      count(await eslint.lintFiles([file]));
    } catch (e) {
      out.crashes.push({ file, message: String(e && e.message).split('\n').slice(0, 2).join(' ') });
    }
  }
}
process.stdout.write(JSON.stringify(out));
