#!/usr/bin/env node
/**
 * The CLI against the strictest floor (issue 13, item 7): ../shared/bench/floor.mjs reads
 * every source file and parses those that mention sessions, no more. Both run in fresh
 * processes under GNU time, interleaved (floor, CLI, floor, CLI, ...) after one unmeasured
 * warm-up of each, and the medians of wall clock, CPU (user+sys) and peak RSS are compared.
 * The load average before and after is printed: on a shared machine, read the ratios.
 *
 *   node scripts/bench/vs-floor.js --tree <dir> [--tree <dir> ...] [--runs 7] [--floor ../shared/bench/floor.mjs]
 *                                  [--cli label=path/to/bin/session-audit.js ...]   (default: this checkout's)
 *   (trees from: node ../shared/bench/gen-tree.mjs <dir> 10000)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const trees = [];
const clis = [];
let runs = 7;
// The shared floor sits next to the project's checkout (../shared), or two levels up from a worktree.
let floor = ['../shared/bench/floor.mjs', '../../shared/bench/floor.mjs'].map((p) => path.resolve(ROOT, p)).find((p) => existsSync(p));
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--tree') trees.push(path.resolve(args[++i]));
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--floor') floor = path.resolve(args[++i]);
  else if (args[i] === '--cli') {
    const [label, bin] = args[++i].split('=');
    clis.push({ label, bin: path.resolve(bin) });
  }
  else throw new Error(`unknown argument ${args[i]}`);
}
if (clis.length === 0) clis.push({ label: 'cli', bin: path.join(ROOT, 'bin/session-audit.js') });
if (trees.length === 0 || !floor) throw new Error('usage: vs-floor.js --tree <dir> [--runs n] [--floor path/to/floor.mjs]');

const tmp = mkdtempSync(path.join(tmpdir(), 'vs-floor-'));
const timeFile = path.join(tmp, 'time');

function measure(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S %M', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, sys, kb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  return { wall, cpu: user + sys, rssMb: kb / 1024, out: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const commands = (tree) => ({
  floor: [floor, tree, path.join(ROOT, 'node_modules/typescript')],
  ...Object.fromEntries(clis.map((c) => [c.label, [c.bin, tree, '--format', 'json']])),
});

console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${runs} runs each, interleaved`);
for (const tree of trees) {
  const cmds = commands(tree);
  const names = Object.keys(cmds);
  const seen = Object.fromEntries(names.map((n) => [n, n === 'floor' ? measure(cmds[n]).out.trim() : JSON.parse(measure(cmds[n]).out).stats]));
  if (!seen.floor.startsWith('floor:')) throw new Error(`the floor did not run: ${seen.floor}`);
  const results = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    // Interleaved, the order rotated each run.
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      results[name].push(measure(cmds[name]));
    }
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { wall: median(v.map((x) => x.wall)), cpu: median(v.map((x) => x.cpu)), rssMb: Math.max(...v.map((x) => x.rssMb)), spread: `${Math.min(...v.map((x) => x.wall)).toFixed(2)}–${Math.max(...v.map((x) => x.wall)).toFixed(2)}` }]));
  console.log(`\n${tree}: floor saw "${seen.floor}"`);
  for (const c of clis) console.log(`${c.label} saw ${seen[c.label].files} files, ${seen[c.label].analyzedFiles} analyzed, ${seen[c.label].errors + seen[c.label].warnings} findings, ${seen[c.label].fileErrors} file errors`);
  console.log('| command | median wall (s) | spread (s) | median CPU (s) | peak RSS (MB) | wall / floor | CPU / floor |');
  console.log('|---|--:|--:|--:|--:|--:|--:|');
  for (const k of names) console.log(`| ${k} | ${m[k].wall.toFixed(2)} | ${m[k].spread} | ${m[k].cpu.toFixed(2)} | ${m[k].rssMb.toFixed(0)} | ${(m[k].wall / m.floor.wall).toFixed(2)}x | ${(m[k].cpu / m.floor.cpu).toFixed(2)}x |`);
}
console.log(`\nload average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
rmSync(tmp, { recursive: true, force: true });
