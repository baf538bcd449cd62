#!/usr/bin/env node
/**
 * The benchmark (issue 5): `npm run bench` (after `npm run build`).
 *
 *   npm run bench -- --sizes 1000,10000 --runs 3      generated trees (.bench/, reused when present)
 *   npm run bench -- --dir ../some-monorepo           an existing tree instead
 *   npm run bench -- --smoke                          CI: 1k tree, 1 run, floor + CLI + eslint-with-ours
 *   npm run bench -- --report a.json,b.json           print the tables again from saved results (merged by tree)
 *
 * Options: --sizes a,b,c  --seed n  --runs n  --dir path  --smoke  --json file
 *          --only id,id (candidates: floor,cli,eslint-ours,eslint-js,eslint-js-ours,eslint-sonar)
 *          --timeout s (per command; 0 = none)  --no-extras (skip TIMING, read probe, --help/--version)
 *
 * Every measured command runs in a fresh process under GNU time (`/usr/bin/time -f
 * '%e %U %S %M'`): wall clock (taken with hrtime around the child), user+sys CPU and
 * peak RSS. Runs are interleaved (run 1 of every command, then run 2, ...) with the order
 * rotated each run, after an unmeasured warm-up that puts the tree in the page cache.
 * Medians and min-max spread are printed per tree as a markdown table, then the
 * ratios of the issue's targets. The reports each command writes are parsed once
 * (files seen, findings, parse errors) to show every candidate really did the work.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync, readlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree, writeTree, readManifest, GENERATOR_VERSION } from './generate.js';
import { sourceFiles } from './files.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH = path.join(ROOT, '.bench');
const OUT = path.join(BENCH, 'out');
const BIN = path.join(ROOT, 'bin/session-audit.js');
const ESLINT = path.join(ROOT, 'node_modules/eslint/bin/eslint.js');
const GNU_TIME = '/usr/bin/time';

const CANDIDATES = ['floor', 'cli', 'eslint-ours', 'eslint-js', 'eslint-js-ours', 'eslint-sonar'];
const SMOKE = ['floor', 'cli', 'eslint-ours'];
const LABELS = {
  floor: 'floor (read all, ts.createSourceFile on candidates)',
  cli: 'session-audit CLI (default settings, --format json)',
  'eslint-ours': 'eslint, session-audit configs.all only',
  'eslint-js': 'eslint, @eslint/js recommended',
  'eslint-js-ours': 'eslint, @eslint/js recommended + session-audit recommended',
  'eslint-sonar': 'eslint, sonarjs cookie/secret rules only (peer)',
};
/** The peer: eslint-plugin-sonarjs's rules about cookies, sessions and hard-coded secrets. */
const SONAR_RULES = [
  'insecure-cookie',
  'cookie-no-httponly',
  'no-hardcoded-passwords',
  'no-hardcoded-secrets',
  'hardcoded-secret-signatures',
  'session-regeneration',
  'no-session-cookies-on-static-assets',
];

// ---------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const o = { sizes: [1000, 10000], seed: 1, runs: 3, dir: undefined, smoke: false, json: undefined, only: undefined, timeout: 0, extras: true, versionRuns: 10 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (v, min) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} expects a whole number >= ${min}, got '${v}'`);
      return n;
    };
    switch (flag) {
      case '--sizes':
        o.sizes = val().split(',').filter(Boolean).map((s) => int(s.replace(/k$/i, '000'), 10));
        break;
      case '--seed':
        o.seed = int(val(), 0);
        break;
      case '--runs':
        o.runs = int(val(), 1);
        break;
      case '--dir':
        o.dir = val();
        break;
      case '--smoke':
        o.smoke = true;
        break;
      case '--json':
        o.json = val();
        break;
      case '--only':
        o.only = val().split(',').filter(Boolean);
        for (const c of o.only) if (!CANDIDATES.includes(c)) throw new Error(`unknown candidate '${c}' (use: ${CANDIDATES.join(', ')})`);
        break;
      case '--timeout':
        o.timeout = int(val(), 0);
        break;
      case '--report':
        o.report = val().split(',').filter(Boolean);
        break;
      case '--no-extras':
        o.extras = false;
        break;
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        throw new Error(`unknown argument '${a}'`);
    }
  }
  if (o.smoke) {
    o.sizes = [1000];
    o.runs = 1;
    o.only ??= SMOKE;
    o.extras = false;
  }
  o.candidates = o.only ?? CANDIDATES;
  return o;
}

// ---------------------------------------------------------------------------------------
// Trees

/** What a generated tree was made by: reused only when seed, size and generator source all match. */
function treeMarker(size, seed) {
  const source = readFileSync(path.join(ROOT, 'scripts/bench/generate.js'));
  return { files: size, seed, version: GENERATOR_VERSION, generator: createHash('sha256').update(source).digest('hex').slice(0, 16) };
}

function ensureTree(size, seed) {
  const dir = path.join(BENCH, `tree-${size}-s${seed}`);
  const marker = treeMarker(size, seed);
  const markerFile = path.join(BENCH, `tree-${size}-s${seed}.marker.json`);
  let present;
  try {
    present = JSON.parse(readFileSync(markerFile, 'utf8'));
  } catch {
    present = undefined;
  }
  const m = readManifest(dir);
  if (m && JSON.stringify(present) === JSON.stringify(marker) && existsSync(path.join(dir, '.git'))) {
    log(`tree ${path.relative(ROOT, dir)}: present (${m.files} files, seed ${m.seed})`);
    return { dir, manifest: m };
  }
  const t0 = performance.now();
  rmSync(markerFile, { force: true });
  const tree = generateTree({ files: size, seed });
  writeTree(dir, tree);
  // Its own repository root: the CLI honors .gitignore files up to the repository root, and
  // this repository's .gitignore hides .bench/. A real monorepo is a repository of its own too.
  const g = spawnSync('git', ['init', '-q'], { cwd: dir, encoding: 'utf8' });
  if (g.status !== 0) log(`warning: git init failed in ${dir} (${g.error?.message ?? g.stderr.trim()}); the CLI may skip a tree under a .gitignored folder`);
  writeFileSync(markerFile, JSON.stringify(marker));
  log(`tree ${path.relative(ROOT, dir)}: generated ${size} files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, manifest: tree.manifest };
}

/** An existing tree is linked under .bench/ext/ so that ESLint's config (in .bench/) is an ancestor of it. */
function linkExternal(dir) {
  const real = path.resolve(dir);
  if (!existsSync(real)) throw new Error(`--dir ${dir}: no such folder`);
  if (real === BENCH || real.startsWith(BENCH + path.sep)) return real;
  const ext = path.join(BENCH, 'ext');
  mkdirSync(ext, { recursive: true });
  const link = path.join(ext, path.basename(real).replace(/[^\w.-]/g, '_') || 'tree');
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link) === real) return link;
    rmSync(link, { force: true });
  } catch {
    // not there yet
  }
  symlinkSync(real, link, 'dir');
  return link;
}

// ---------------------------------------------------------------------------------------
// ESLint configs (written into .bench/, an ancestor of every tree ESLint is pointed at)

const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];
const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const GLOBALS = [
  // Node.js
  'require', 'module', 'exports', '__dirname', '__filename', 'process', 'Buffer', 'console', 'global', 'setTimeout',
  'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'structuredClone',
  'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController', 'fetch', 'Request', 'Response', 'Headers',
  // browsers
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'history', 'alert', 'HTMLElement', 'Event',
];

async function defaultIgnores() {
  try {
    const { DEFAULT_IGNORES } = await import(path.join(ROOT, 'dist/src/cli/discover.js'));
    return DEFAULT_IGNORES;
  } catch {
    return ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/*.min.js', '**/*.d.ts'];
  }
}

function writeEslintConfigs(ignores) {
  const r = (spec) => JSON.stringify(import.meta.resolve(spec));
  const ours = JSON.stringify(new URL('file://' + path.join(ROOT, 'dist/src/eslint/index.js')).href);
  const head = `// Written by scripts/bench/run.js: lint .js/.jsx/.mjs/.cjs with espree and .ts/.tsx with
// @typescript-eslint/parser (no type information), the same file set the CLI scans.
import tsParser from ${r('@typescript-eslint/parser')};
const JS = ${JSON.stringify(JS_FILES)};
const TS = ${JSON.stringify(TS_FILES)};
const FILES = [...JS, ...TS];
const base = [
  { ignores: ${JSON.stringify(ignores)} },
  {
    files: FILES,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: Object.fromEntries(${JSON.stringify(GLOBALS)}.map((g) => [g, 'readonly'])) },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: TS, languageOptions: { parser: tsParser } },
];
`;
  const js = `import js from ${r('@eslint/js')};\nconst jsRecommended = [{ files: FILES, ...js.configs.recommended }, { files: TS, rules: { 'no-undef': 'off' } }];\n`;
  const plugin = `import sessionAudit from ${ours};\n`;
  const configs = {
    'eslint-ours': head + plugin + `export default [...base, { files: FILES, ...sessionAudit.configs.all }];\n`,
    'eslint-js': head + js + `export default [...base, ...jsRecommended];\n`,
    'eslint-js-ours': head + js + plugin + `export default [...base, ...jsRecommended, { files: FILES, ...sessionAudit.configs.recommended }];\n`,
    'eslint-sonar':
      head +
      `import sonarjs from ${r('eslint-plugin-sonarjs')};\n` +
      `export default [...base, { files: FILES, plugins: { sonarjs }, rules: ${JSON.stringify(Object.fromEntries(SONAR_RULES.map((id) => [`sonarjs/${id}`, 'error'])))} }];\n`,
  };
  const files = {};
  for (const [id, text] of Object.entries(configs)) {
    const file = path.join(BENCH, `eslint.${id}.config.mjs`);
    writeFileSync(file, text);
    files[id] = file;
  }
  return files;
}

// ---------------------------------------------------------------------------------------
// Commands

function commandFor(id, tree, eslintConfigs, outFile) {
  const rel = path.relative(BENCH, tree.lintPath);
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.TIMING;
  switch (id) {
    case 'floor':
      return { args: [path.join(ROOT, 'scripts/bench/floor.js'), tree.dir, '--json'], cwd: ROOT, env, stdout: outFile, okExit: [0] };
    case 'cli':
      // Exit code 1 is expected: the trees hold findings.
      return { args: [BIN, '.', '--format', 'json'], cwd: tree.realDir, env: { ...env, CI: 'true' }, stdout: outFile, okExit: [0, 1] };
    default:
      // No --cache (off by default), no config lookup: the one config file given.
      return { args: [ESLINT, '--no-config-lookup', '-c', eslintConfigs[id], '-f', 'json', '-o', outFile, rel], cwd: BENCH, env, stdout: '/dev/null', okExit: [0, 1] };
  }
}

/** Runs one command in a fresh process: { wall, user, sys, cpu, rssMB, exit, stderr, timedOut }. */
function measure(cmd, timeoutS) {
  return new Promise((resolve) => {
    const timeFile = path.join(OUT, `.time-${process.pid}`);
    rmSync(timeFile, { force: true });
    const useTime = existsSync(GNU_TIME);
    const [file, args] = useTime ? [GNU_TIME, ['-o', timeFile, '-f', '%e %U %S %M', process.execPath, ...cmd.args]] : [process.execPath, cmd.args];
    const fd = openSync(cmd.stdout, 'w');
    const t0 = process.hrtime.bigint();
    const child = spawn(file, args, { cwd: cmd.cwd, env: cmd.env, stdio: ['ignore', fd, 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    let timedOut = false;
    const timer = timeoutS
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, timeoutS * 1000)
      : undefined;
    child.on('close', (code, signal) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      clearTimeout(timer);
      closeSync(fd);
      let user = null;
      let sys = null;
      let rssMB = null;
      let exit = code ?? (signal ? 128 : null);
      if (useTime) {
        try {
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(lines[lines.length - 1].trim());
          if (m) {
            user = Number(m[2]);
            sys = Number(m[3]);
            rssMB = Number(m[4]) / 1024;
          }
          // GNU time exits with the command's status; "Command exited with non-zero status n" says so too.
          const e = lines.map((l) => /exited with non-zero status (\d+)/.exec(l)).find(Boolean);
          if (e) exit = Number(e[1]);
        } catch {
          // no time output (killed)
        }
      }
      resolve({ wall, user, sys, cpu: user === null ? null : user + sys, rssMB, exit, stderr, timedOut });
    });
  });
}

/** What a command's report says it did: files seen, findings, parse errors. */
function inspect(id, outFile) {
  try {
    const text = readFileSync(outFile, 'utf8');
    if (id === 'floor') {
      const j = JSON.parse(text);
      return { files: j.files, candidates: j.candidates, note: `${j.candidates} candidates parsed` };
    }
    if (id === 'cli') {
      const j = JSON.parse(text);
      const byRule = {};
      for (const f of j.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
      return { files: j.stats.files, analyzed: j.stats.analyzedFiles, findings: j.findings.length, fileErrors: j.stats.fileErrors, byRule, note: `${j.findings.length} findings, ${j.stats.analyzedFiles} files analyzed, ${j.stats.fileErrors} file errors` };
    }
    const results = JSON.parse(text);
    let messages = 0;
    let fatal = 0;
    let ours = 0;
    let sonar = 0;
    for (const r of results) {
      for (const m of r.messages) {
        messages++;
        if (m.fatal) fatal++;
        if (m.ruleId?.startsWith('session-audit/')) ours++;
        if (m.ruleId?.startsWith('sonarjs/')) sonar++;
      }
    }
    const extra = id === 'eslint-sonar' ? `, ${sonar} from sonarjs` : id.includes('ours') ? `, ${ours} from session-audit` : '';
    return { files: results.length, messages, fatal, ours, sonar, note: `${messages} messages${extra}, ${fatal} parse errors` };
  } catch (e) {
    return { note: `report unreadable: ${e.message}` };
  }
}

/** The line of a failed command's stderr that says why. */
function failureLine(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = lines.find((l) => /FATAL ERROR|out of memory|^\w*Error\b|session-audit:|Oops/.test(l));
  return (telling ?? lines.slice(-2).join(' / ')).slice(0, 200);
}

function median(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------------------------------
// Extras: ESLint's own rule timing, the CLI's file reads, --help/--version

async function eslintTiming(tree, eslintConfigs) {
  const outFile = path.join(OUT, `${tree.name}.timing.json`);
  const cmd = commandFor('eslint-js-ours', tree, eslintConfigs, outFile);
  const stdoutFile = path.join(OUT, `${tree.name}.timing.txt`);
  const r = await measure({ ...cmd, env: { ...cmd.env, TIMING: 'all' }, stdout: stdoutFile }, 0);
  const text = readFileSync(stdoutFile, 'utf8');
  let total = 0;
  let ours = 0;
  const rows = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s*\|\s*([\d.]+)\s*\|\s*([\d.]+)%/.exec(line.trim());
    if (!m) continue;
    const ms = Number(m[2]);
    total += ms;
    if (m[1].startsWith('session-audit/')) ours += ms;
    rows.push({ rule: m[1], ms });
  }
  return { wall: r.wall, ruleMs: total, oursMs: ours, top: rows.slice(0, 8) };
}

async function readProbe(tree) {
  const probeOut = path.join(OUT, `${tree.name}.probe.json`);
  rmSync(probeOut, { force: true });
  const cmd = commandFor('cli', tree, {}, path.join(OUT, `${tree.name}.probe-report.json`));
  await measure({ ...cmd, args: ['--require', path.join(ROOT, 'scripts/bench/probe-reads.cjs'), ...cmd.args], env: { ...cmd.env, BENCH_PROBE_OUT: probeOut } }, 0);
  try {
    return JSON.parse(readFileSync(probeOut, 'utf8'));
  } catch {
    return undefined;
  }
}

function helpVersion(runs) {
  const out = {};
  for (const flag of ['--help', '--version']) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [BIN, flag], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 0) throw new Error(`session-audit ${flag} exited with ${r.status}: ${r.stderr}`);
    }
    out[flag] = { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
  }
  // A bare `node -e ''` for scale: the part no CLI can avoid.
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '']);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  out.node = { medianMs: median(times) };
  return out;
}

// ---------------------------------------------------------------------------------------
// Reporting

const f1 = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));
const pct = (x) => (x === null || x === undefined ? '–' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);

function table(tree) {
  const lines = [
    `### ${tree.name}: ${tree.files} files${tree.manifest ? `, ${tree.manifest.packages} packages, ${(tree.manifest.bytes / 1e6).toFixed(1)} MB, ${tree.manifest.sessionFiles.length} session files` : ''}`,
    '',
    '| command | median wall (s) | spread (s) | CPU user+sys (s) | peak RSS (MB) | files/s | runs | what it saw |',
    '|---|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const c of tree.candidates) {
    const s = c.summary;
    const spread = s.minWall === null ? '–' : `${f1(s.minWall)}–${f1(s.maxWall)}`;
    const fails = c.runs.filter((r) => !r.ok).length;
    const status = fails ? ` **${fails} failed** (${c.runs.find((r) => !r.ok).why})` : '';
    if (s.wall === null && s.failed) {
      const fl = s.failed;
      lines.push(`| ${LABELS[c.id]} | **failed** after ${f1(fl.wall)} | – | ${f1(fl.cpu)} | ${f1(fl.rssMB, 0)} | – | ${c.runs.length} | ${fl.why} |`);
      continue;
    }
    lines.push(`| ${LABELS[c.id]} | ${f1(s.wall)} | ${spread} | ${f1(s.cpu)} | ${f1(s.rssMB, 0)} | ${s.wall ? Math.round(tree.files / s.wall) : '–'} | ${c.runs.length} | ${c.info?.note ?? ''}${status} |`);
  }
  return lines.join('\n');
}

function ratios(results) {
  const rows = [];
  const get = (tree, id) => tree.candidates.find((c) => c.id === id)?.summary;
  const gen = results.trees;
  if (!gen.length) return rows;
  // The wall-clock targets are stated for the 10k tree; other trees show the ratio for information.
  const isMain = (t) => t.size === 10000;
  const cpuNote = (a, b) => (a?.cpu && b?.cpu ? ` (CPU ${f1(a.cpu / b.cpu)}x)` : '');
  for (const t of gen) {
    const cli = get(t, 'cli');
    const floor = get(t, 'floor');
    if (cli?.wall && floor?.wall) rows.push({ name: `CLI / floor (${t.name})`, value: cli.wall / floor.wall, display: `${f1(cli.wall / floor.wall)}x${cpuNote(cli, floor)}`, target: isMain(t) ? '<= 2x' : '(<= 2x on 10k)', ok: isMain(t) ? cli.wall / floor.wall <= 2 : undefined });
    else if (cli && floor?.wall && !cli.wall) rows.push({ name: `CLI / floor (${t.name})`, value: null, display: 'CLI failed', target: isMain(t) ? '<= 2x' : '(<= 2x on 10k)', ok: isMain(t) ? false : undefined });
  }
  for (const t of gen) {
    const cli = get(t, 'cli');
    const eo = get(t, 'eslint-ours');
    if (cli?.wall && eo?.wall) rows.push({ name: `CLI / eslint with only our rules (${t.name})`, value: cli.wall / eo.wall, display: `${f1(cli.wall / eo.wall)}x${cpuNote(cli, eo)}`, target: isMain(t) ? '<= 0.25x' : '(<= 0.25x on 10k)', ok: isMain(t) ? cli.wall / eo.wall <= 0.25 : undefined });
    else if (cli && eo?.wall && !cli.wall) rows.push({ name: `CLI / eslint with only our rules (${t.name})`, value: null, display: 'CLI failed', target: isMain(t) ? '<= 0.25x' : '(<= 0.25x on 10k)', ok: isMain(t) ? false : undefined });
  }
  for (const t of gen) {
    const js = get(t, 'eslint-js');
    const both = get(t, 'eslint-js-ours');
    if (js?.wall && both?.wall) {
      const v = (both.wall - js.wall) / js.wall;
      const c = js.cpu && both.cpu ? ` (CPU ${pct((both.cpu - js.cpu) / js.cpu)})` : '';
      rows.push({ name: `(eslint+ours − eslint) / eslint, wall (${t.name})`, value: v, display: pct(v) + c, target: '<= +3%', ok: v <= 0.03 });
    }
    if (t.extras?.timing?.ruleMs && js?.wall) {
      const v = t.extras.timing.oursMs / 1000 / js.wall;
      rows.push({ name: `session-audit rules' own time (TIMING=all) / eslint wall (${t.name})`, value: v, display: pct(v), target: '(<= +3%)', ok: undefined });
    }
  }
  const small = gen.find((t) => t.size === 1000) ?? gen[0];
  const big = gen.find((t) => t.size === 50000) ?? gen[gen.length - 1];
  if (small !== big) {
    // The target is the CLI's; eslint with only our rules is shown for comparison (the floor is mostly start-up at 1k).
    for (const id of ['cli', 'eslint-ours']) {
      const a = get(small, id);
      const b = get(big, id);
      const isTarget = id === 'cli' && big.size === 50000 && small.size === 1000;
      const name = `${id === 'cli' ? 'CLI' : 'eslint with only our rules'} time per file, ${big.name} vs ${small.name}`;
      if (a?.wall && b?.wall) {
        const v = b.wall / big.files / (a.wall / small.files) - 1;
        const c = a.cpu && b.cpu ? ` (CPU ${pct(b.cpu / big.files / (a.cpu / small.files) - 1)})` : '';
        rows.push({ name, value: v, display: pct(v) + c, target: id !== 'cli' ? '' : isTarget ? 'within ±25%' : '(±25%, 50k vs 1k)', ok: isTarget ? Math.abs(v) <= 0.25 : undefined });
      } else if (a?.wall && b && !b.wall && id === 'cli') {
        rows.push({ name, value: null, display: `failed on ${big.name}`, target: isTarget ? 'within ±25%' : '(±25%, 50k vs 1k)', ok: isTarget ? false : undefined });
      }
    }
  }
  // Growth without start-up: the time each extra file adds (slope between consecutive trees).
  // Per-file time over the whole run falls with size (start-up is paid once); linear growth
  // shows as a flat slope, super-linear growth as a rising one.
  const sized = [...gen].filter((t) => get(t, 'cli')?.wall).sort((a, b) => a.files - b.files);
  if (sized.length >= 3) {
    const slope = (a, b, key) => (get(b, 'cli')[key] - get(a, 'cli')[key]) / (b.files - a.files) * 1000;
    const [a, b] = [sized[0], sized[1]];
    const [c, d] = [sized[sized.length - 2], sized[sized.length - 1]];
    const first = slope(a, b, 'wall');
    const last = slope(c, d, 'wall');
    const v = last / first - 1;
    rows.push({
      name: `CLI ms per added file, ${c.name}→${d.name} vs ${a.name}→${b.name}`,
      value: v,
      display: `${f1(last, 3)} vs ${f1(first, 3)} ms (${pct(v)})`,
      target: '(linear: not rising by > 25%)',
      ok: v <= 0.25,
    });
  }
  const cliBig = get(big, 'cli');
  if (cliBig && !cliBig.rssMB && cliBig.failed) rows.push({ name: `CLI peak RSS (${big.name})`, value: cliBig.failed.rssMB, display: `${f1(cliBig.failed.rssMB, 0)} MB when it failed`, target: big.size === 50000 ? '<= 500 MB' : '(<= 500 MB on 50k)', ok: big.size === 50000 ? false : undefined });
  if (cliBig?.rssMB) rows.push({ name: `CLI peak RSS (${big.name})`, value: cliBig.rssMB, display: `${f1(cliBig.rssMB, 0)} MB`, target: big.size === 50000 ? '<= 500 MB' : '(<= 500 MB on 50k)', ok: big.size === 50000 ? cliBig.rssMB <= 500 : undefined });
  for (const t of gen) {
    const p = t.extras?.probe;
    if (p) rows.push({ name: `node_modules .d.ts files read by the CLI (${t.name})`, value: p.nodeModulesDeclarations, display: `${p.nodeModulesDeclarations}${p.nodeModulesDeclarations ? ` (${Object.entries(p.nodeModulesDeclarationPackages).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`, target: '0 unless needed', ok: undefined });
  }
  if (results.helpVersion) {
    for (const flag of ['--help', '--version']) {
      const h = results.helpVersion[flag];
      rows.push({ name: `session-audit ${flag} (median of ${results.options.versionRuns}; bare node: ${f1(results.helpVersion.node.medianMs, 0)} ms)`, value: h.medianMs, display: `${f1(h.medianMs, 0)} ms (bare node +${f1(h.medianMs - results.helpVersion.node.medianMs, 0)} ms)`, target: '< 150 ms', ok: h.medianMs < 150 });
    }
  }
  return rows;
}

function ratioTable(rows) {
  const lines = ['| ratio | measured | target | met |', '|---|--:|---|:-:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.display} | ${r.target} | ${r.ok === undefined ? '' : r.ok ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

function gitCommit() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (head.status !== 0) return undefined;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'rules', 'bin'], { cwd: ROOT, encoding: 'utf8' });
  return head.stdout.trim() + (dirty.stdout.trim() ? ' (with uncommitted changes in src/rules/bin)' : '');
}

function log(s) {
  process.stderr.write(`bench: ${s}\n`);
}

// ---------------------------------------------------------------------------------------

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(2);
  }
  if (o.help) {
    process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0].replace(/^#!.*\n\/\*\*\n/, '').replace(/^ \* ?/gm, '') + '\n');
    return;
  }
  if (o.report) {
    report(o.report);
    return;
  }
  for (const f of ['dist/src/eslint/index.js', 'dist/src/cli/run.js', 'dist/src/analysis/libraries.js']) {
    if (!existsSync(path.join(ROOT, f))) {
      process.stderr.write(`bench: ${f} is missing: run \`npm run build\` first\n`);
      process.exit(2);
    }
  }
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(GNU_TIME)) log(`warning: ${GNU_TIME} not found: CPU time and peak RSS are not measured`);

  const cpus = os.cpus();
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: cpus.length, model: cpus[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, node: process.version, loadavgStart: os.loadavg() },
    commit: gitCommit(),
    options: { sizes: o.dir ? [] : o.sizes, seed: o.seed, runs: o.runs, dir: o.dir, smoke: o.smoke, candidates: o.candidates, timeout: o.timeout, versionRuns: o.versionRuns },
    trees: [],
  };
  if (results.machine.loadavgStart[0] > cpus.length * 0.5) log(`warning: load average ${results.machine.loadavgStart.map((x) => x.toFixed(2)).join(' ')} on ${cpus.length} cores: other work is running, figures will be noisy`);

  const eslintConfigs = o.candidates.some((c) => c.startsWith('eslint')) ? writeEslintConfigs(await defaultIgnores()) : {};

  const trees = [];
  if (o.dir) {
    const lintPath = linkExternal(o.dir);
    const realDir = path.resolve(o.dir);
    trees.push({ name: path.basename(realDir), dir: realDir, realDir, lintPath, size: undefined, manifest: readManifest(realDir) });
  } else {
    for (const size of [...o.sizes].sort((a, b) => a - b)) {
      const { dir, manifest } = ensureTree(size, o.seed);
      trees.push({ name: `${size >= 1000 && size % 1000 === 0 ? size / 1000 + 'k' : size} tree`, dir, realDir: dir, lintPath: dir, size, manifest });
    }
  }

  let failed = false;
  for (const tree of trees) {
    tree.files = [...sourceFiles(tree.dir)].length;
    const slug = tree.name.replace(/\W+/g, '-');
    log(`${tree.name}: ${tree.files} source files; warming up`);
    await measure(commandFor('floor', tree, eslintConfigs, path.join(OUT, `${slug}.warmup.json`)), 0);
    const cands = o.candidates.map((id) => ({ id, runs: [], out: path.join(OUT, `${slug}.${id}.json`) }));
    for (let run = 0; run < o.runs; run++) {
      const order = cands.map((_, i) => cands[(i + run) % cands.length]);
      for (const c of order) {
        const cmd = commandFor(c.id, tree, eslintConfigs, c.out);
        const r = await measure(cmd, o.timeout);
        r.ok = !r.timedOut && cmd.okExit.includes(r.exit);
        r.why = r.timedOut ? `timed out after ${o.timeout} s` : r.ok ? '' : `exit ${r.exit}: ${failureLine(r.stderr)}`;
        delete r.stderr;
        c.runs.push(r);
        if (run === 0) c.info = inspect(c.id, c.out);
        log(`${tree.name} run ${run + 1}/${o.runs} ${c.id}: ${f1(r.wall)} s wall, ${f1(r.cpu)} s CPU, ${f1(r.rssMB, 0)} MB${r.ok ? '' : ` FAILED (${r.why})`}`);
        if (!r.ok) failed = true;
        if (r.ok && c.info?.files !== undefined && c.info.files !== tree.files) log(`warning: ${c.id} saw ${c.info.files} files, the tree has ${tree.files}`);
      }
    }
    for (const c of cands) {
      const ok = c.runs.filter((r) => r.ok);
      const walls = ok.map((r) => r.wall);
      c.summary = { wall: median(walls), minWall: walls.length ? Math.min(...walls) : null, maxWall: walls.length ? Math.max(...walls) : null, cpu: median(ok.map((r) => r.cpu)), rssMB: ok.length ? Math.max(...ok.map((r) => r.rssMB ?? 0)) || null : null };
      const bad = c.runs.filter((r) => !r.ok);
      if (bad.length) c.summary.failed = { runs: bad.length, wall: median(bad.map((r) => r.wall)), cpu: median(bad.map((r) => r.cpu)), rssMB: Math.max(...bad.map((r) => r.rssMB ?? 0)) || null, why: bad[0].why };
    }
    tree.candidates = cands.map(({ out, ...c }) => c);
    tree.extras = {};
    if (o.extras) {
      if (o.candidates.includes('eslint-js-ours')) {
        log(`${tree.name}: ESLint rule timing (TIMING=all, unmeasured)`);
        tree.extras.timing = await eslintTiming({ ...tree, name: slug }, eslintConfigs);
      }
      if (o.candidates.includes('cli')) {
        log(`${tree.name}: CLI file-read probe (unmeasured)`);
        tree.extras.probe = await readProbe({ ...tree, name: slug });
      }
    }
    results.trees.push({ name: tree.name, dir: path.relative(ROOT, tree.dir) || tree.dir, size: tree.size, files: tree.files, manifest: tree.manifest && { packages: tree.manifest.packages, bytes: tree.manifest.bytes, lines: tree.manifest.lines, sessionFiles: tree.manifest.sessionFiles }, candidates: tree.candidates, extras: tree.extras });
    process.stdout.write('\n' + table({ ...tree, manifest: tree.manifest }) + '\n');
  }
  if (o.extras) {
    log('session-audit --help / --version');
    results.helpVersion = helpVersion(o.versionRuns);
  }
  results.machine.loadavgEnd = os.loadavg();
  results.ratios = ratios(results);
  const m = results.machine;
  process.stdout.write(`\n### Targets\n\n${ratioTable(results.ratios)}\n\n`);
  process.stdout.write(`${results.date}, commit ${results.commit ?? '?'}, ${m.cpus} cores (${m.model}), ${m.memoryGB} GB, ${m.os}, Node ${m.node}; load average ${m.loadavgStart.map((x) => x.toFixed(2)).join(' ')} at start, ${m.loadavgEnd.map((x) => x.toFixed(2)).join(' ')} at end; ${o.runs} run(s) each\n`);
  for (const t of results.trees) {
    const tm = t.extras?.timing;
    if (tm) process.stdout.write(`${t.name}: ESLint TIMING=all (eslint-js + ours): ${f1(tm.ruleMs / 1000)} s in rules, session-audit rules ${f1(tm.oursMs / 1000, 3)} s; top: ${tm.top.slice(0, 5).map((r) => `${r.rule} ${f1(r.ms / 1000)} s`).join(', ')}\n`);
  }
  if (o.json) {
    writeFileSync(path.resolve(o.json), JSON.stringify(results, null, 2) + '\n');
    log(`results written to ${o.json}`);
  }
  if (failed) {
    log('some commands failed (see the table)');
    process.exitCode = 1;
  }
}

/** The tables of saved results (`--json` files), merged: a later file's commands replace an earlier one's on the same tree. */
function report(files) {
  const all = files.map((f) => JSON.parse(readFileSync(path.resolve(f), 'utf8')));
  const results = { ...all[0], trees: [] };
  for (const r of all) {
    for (const t of r.trees) {
      const known = results.trees.find((x) => x.name === t.name);
      if (!known) {
        results.trees.push(structuredClone(t));
        continue;
      }
      for (const c of t.candidates) {
        const i = known.candidates.findIndex((k) => k.id === c.id);
        if (i < 0) known.candidates.push(c);
        else known.candidates[i] = c;
      }
      known.extras = { ...known.extras, ...t.extras };
    }
    if (r.helpVersion) results.helpVersion = r.helpVersion;
  }
  results.trees.sort((a, b) => a.files - b.files);
  for (const t of results.trees) process.stdout.write('\n' + table(t) + '\n');
  process.stdout.write(`\n### Targets\n\n${ratioTable(ratios(results))}\n\n`);
  for (const r of all) {
    const m = r.machine;
    process.stdout.write(`${r.date}, commit ${r.commit ?? '?'}, ${m.cpus} cores (${m.model}), ${m.memoryGB} GB, ${m.os}, Node ${m.node}; load average ${m.loadavgStart.map((x) => x.toFixed(2)).join(' ')} at start; ${r.options.runs} run(s) each; trees ${r.trees.map((t) => t.name).join(', ')}\n`);
  }
}

await main();
