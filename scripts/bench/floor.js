#!/usr/bin/env node
/**
 * The floor of the benchmark (issue 5): what no session analyzer can beat by much.
 * Reads every JavaScript/TypeScript file under a folder (node_modules, .git and
 * declaration files skipped) and parses only the candidates — the files whose text
 * passes the engine's own cheap prefilter (`mayHoldSessionCode` from the build) —
 * with `ts.createSourceFile` (parent pointers set, as the engine's single-file parse
 * does). No program, no checker, no rules.
 *
 *   node scripts/bench/floor.js <dir> [--json]
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceFiles } from './files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main() {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    process.stderr.write('usage: node scripts/bench/floor.js <dir> [--json]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const { mayHoldSessionCode } = await import(pathToFileURL(path.join(ROOT, 'dist/src/analysis/libraries.js')).href);
  const ts = (await import('typescript')).default;
  const kinds = { '.ts': ts.ScriptKind.TS, '.cts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX, '.jsx': ts.ScriptKind.JSX };
  let files = 0;
  let bytes = 0;
  let candidates = 0;
  let nodes = 0;
  for (const file of sourceFiles(path.resolve(dir))) {
    files++;
    let text = readFileSync(file, 'utf8');
    bytes += text.length;
    if (!mayHoldSessionCode(text)) continue;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    candidates++;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kinds[path.extname(file)] ?? ts.ScriptKind.JS);
    nodes += sf.statements.length; // keep the result alive
  }
  const ms = performance.now() - t0;
  const result = { files, candidates, bytes, statements: nodes, ms: Math.round(ms) };
  process.stdout.write(args.includes('--json') ? JSON.stringify(result) + '\n' : `${files} files read, ${candidates} candidates parsed, ${(bytes / 1e6).toFixed(1)} MB, ${Math.round(ms)} ms\n`);
}

await main();
