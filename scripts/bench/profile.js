#!/usr/bin/env node
/**
 * Where the CLI's time goes: runs `session-audit <dir> --format json` under
 * `node --cpu-prof` (or reads an existing .cpuprofile) and prints the functions
 * with the most self time, and self time by area (TypeScript, ts-morph, engine,
 * CLI, rules, GC, ...).
 *
 *   node scripts/bench/profile.js <dir> [--top 25] [--node-arg=--max-old-space-size=8192]
 *   node scripts/bench/profile.js --read file.cpuprofile [--top 25]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Self time (ms) per profile node, from samples and their time deltas. */
export function summarize(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the next delta to it (as Chrome does).
    const dt = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + dt);
  }
  let total = 0;
  const fns = new Map();
  const areas = new Map();
  for (const [id, ms] of self) {
    total += ms;
    const n = byId.get(id);
    const cf = n.callFrame;
    const name = cf.functionName || (cf.url ? '(anonymous)' : `(${cf.functionName || 'program'})`);
    const where = cf.url ? `${shortUrl(cf.url)}:${cf.lineNumber + 1}` : '';
    const key = `${name} ${where}`;
    const f = fns.get(key) ?? { name, where, ms: 0 };
    f.ms += ms;
    fns.set(key, f);
    const area = areaOf(cf.url, name);
    areas.set(area, (areas.get(area) ?? 0) + ms);
  }
  // Inclusive time of the phases that matter (each sample counted once per function on its stack).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map();
  for (const [id, ms] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur).callFrame;
      const key = phaseOf(cf);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  return {
    totalMs: total,
    phases: [...inclusive.entries()].map(([phase, ms]) => ({ phase, ms })).sort((a, b) => b.ms - a.ms),
    top: [...fns.values()].sort((a, b) => b.ms - a.ms).slice(0, top),
    areas: [...areas.entries()].map(([area, ms]) => ({ area, ms })).sort((a, b) => b.ms - a.ms),
  };
}

/** Named phases: our own functions in dist/, and the TypeScript and ts-morph entry points. */
const TS_PHASES = new Set([
  'createSourceFile', 'parseSourceFile', 'bindSourceFile', 'createProgram', 'createTypeChecker', 'getTypeChecker',
  'resolveModuleName', 'resolveModuleNames', 'getSyntacticDiagnostics', 'getSymbolAtLocation', 'getTypeAtLocation',
  'resolveSourceFileDependencies', 'getProgram', 'addSourceFileAtPath', 'parseJsonConfigFileContent', 'getParsedCommandLineOfConfigFile',
  'processRootFile', 'findSourceFile', 'processImportedModules', 'getSourceFiles',
]);
function phaseOf(cf) {
  const name = cf.functionName;
  if (!name) return undefined;
  const u = cf.url.replace(/^file:\/\//, '');
  if (u.includes('/node_modules/globby/')) return name === 'globby' ? 'globby (discovery)' : undefined;
  if (u.includes('/node_modules/')) return TS_PHASES.has(name) ? `${name} (${u.includes('ts-morph') ? 'ts-morph' : 'typescript'})` : undefined;
  if (u.includes('/dist/')) return `${name} (${shortUrl(cf.url)})`;
  return undefined;
}

function shortUrl(url) {
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) return u.slice(nm + '/node_modules/'.length);
  return u.startsWith(ROOT) ? u.slice(ROOT.length + 1) : u;
}

function areaOf(url, name) {
  if (!url) {
    if (name === '(garbage collector)') return 'GC';
    if (name === '(idle)') return 'idle';
    if (name === '(program)') return 'V8/native (program)';
    return `native ${name}`;
  }
  const u = url.replace(/^file:\/\//, '');
  if (u.includes('/node_modules/@ts-morph/common/')) return 'TypeScript (bundled in @ts-morph/common)';
  if (u.includes('/node_modules/ts-morph/')) return 'ts-morph';
  if (u.includes('/node_modules/typescript/')) return 'TypeScript (installed)';
  if (u.includes('/node_modules/')) return `node_modules/${/\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)[1]}`;
  if (u.includes('/dist/src/analysis/')) return 'engine (src/analysis)';
  if (u.includes('/dist/src/cli/')) return 'CLI (src/cli)';
  if (u.includes('/dist/rules/')) return 'rules';
  if (u.includes('/dist/src/')) return 'src (other)';
  if (u.startsWith('node:')) return 'Node.js internals';
  return 'other';
}

function print(summary, label) {
  const out = [];
  out.push(`${label}: ${(summary.totalMs / 1000).toFixed(2)} s of samples`, '');
  out.push('| self time by area | s | share |', '|---|--:|--:|');
  for (const a of summary.areas.slice(0, 12)) out.push(`| ${a.area} | ${(a.ms / 1000).toFixed(2)} | ${((a.ms / summary.totalMs) * 100).toFixed(1)}% |`);
  out.push('', '| inclusive time (phases) | s | share |', '|---|--:|--:|');
  for (const p of summary.phases.slice(0, 25)) out.push(`| \`${p.phase}\` | ${(p.ms / 1000).toFixed(2)} | ${((p.ms / summary.totalMs) * 100).toFixed(1)}% |`);
  out.push('', '| top self-time functions | where | s | share |', '|---|---|--:|--:|');
  for (const f of summary.top) out.push(`| \`${f.name}\` | ${f.where} | ${(f.ms / 1000).toFixed(2)} | ${((f.ms / summary.totalMs) * 100).toFixed(1)}% |`);
  return out.join('\n') + '\n';
}

async function main() {
  const args = process.argv.slice(2);
  const topIdx = args.indexOf('--top');
  const top = topIdx >= 0 ? Number(args[topIdx + 1]) : 25;
  const readIdx = args.indexOf('--read');
  const nodeArgs = args.filter((a) => a.startsWith('--node-arg=')).map((a) => a.slice('--node-arg='.length));
  let file;
  let label;
  if (readIdx >= 0) {
    file = args[readIdx + 1];
    label = file;
  } else {
    const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--top');
    if (!dir) {
      process.stderr.write('usage: node scripts/bench/profile.js <dir> [--top n] [--node-arg=...] | --read <file.cpuprofile>\n');
      process.exit(2);
    }
    const profDir = path.join(ROOT, '.bench/prof');
    mkdirSync(profDir, { recursive: true });
    const before = new Set(readdirSync(profDir));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [...nodeArgs, '--cpu-prof', '--cpu-prof-dir', profDir, path.join(ROOT, 'bin/session-audit.js'), '.', '--format', 'json'], {
      cwd: path.resolve(dir),
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const wall = (performance.now() - t0) / 1000;
    const made = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
    if (!made.length) {
      process.stderr.write(`profile: no profile written (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-500)}\n`);
      process.exit(1);
    }
    file = path.join(profDir, made.sort((a, b) => statSync(path.join(profDir, b)).mtimeMs - statSync(path.join(profDir, a)).mtimeMs)[0]);
    label = `session-audit over ${dir} (exit ${r.status}, ${wall.toFixed(1)} s wall${nodeArgs.length ? `, node ${nodeArgs.join(' ')}` : ''}), ${path.relative(ROOT, file)}`;
  }
  const summary = summarize(JSON.parse(readFileSync(file, 'utf8')), top);
  const text = print(summary, label);
  process.stdout.write(text);
  writeFileSync(file.replace(/\.cpuprofile$/, '.summary.md'), text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
