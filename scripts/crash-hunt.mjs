#!/usr/bin/env node
/**
 * The crash hunt (issue #16): every .js and .ts file under the project's own node_modules
 * (about 11,000 real third-party files), through the CLI (`--include-tests --preset all`)
 * and through ESLint with `configs.all`, in batches, each batch in a fresh process.
 * Counts files, crashes (exit code 2, a signal, output that is not the report, "internal
 * error", a per-file "analysis failed" or an exception out of ESLint), time and peak memory.
 * Not part of `npm test`: it takes minutes. Run it after `npm run build`:
 *
 *   node scripts/crash-hunt.mjs                        both front ends, every file
 *   node scripts/crash-hunt.mjs --only cli --limit 500 a quick look
 *   node scripts/crash-hunt.mjs --json crash-hunt.json the figures and every crash as JSON
 *
 * Options: --root <dir> (whose node_modules; default: this repository), --only cli|eslint,
 * --batch <n> (CLI files per process, default 1000), --eslint-batch <n> (default 500),
 * --limit <n> (first n files), --timeout <s> (per process, default 900), --json <file>.
 *
 * Declaration files (.d.ts) are linted by ESLint; the CLI never scans them (by design), so
 * they are counted apart. Parse errors and "nested too deeply" are the documented behaviour
 * for some files, not crashes: they are counted apart too.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const BIN = path.join(REPO, 'bin/session-audit.js');
const ESLINT_CHILD = path.join(HERE, 'crash-hunt-eslint.mjs');

function parseOptions(argv) {
  const o = { root: REPO, only: undefined, batch: 1000, eslintBatch: 500, limit: Infinity, timeout: 900, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--root') o.root = path.resolve(next());
    else if (a === '--only') o.only = next();
    else if (a === '--batch') o.batch = Number(next());
    else if (a === '--eslint-batch') o.eslintBatch = Number(next());
    else if (a === '--limit') o.limit = Number(next());
    else if (a === '--timeout') o.timeout = Number(next());
    else if (a === '--json') o.json = path.resolve(next());
    else if (a === '-h' || a === '--help') {
      process.stdout.write(`${readHeader()}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (o.only !== undefined && o.only !== 'cli' && o.only !== 'eslint') throw new Error('--only takes cli or eslint');
  for (const k of ['batch', 'eslintBatch', 'limit', 'timeout']) if (!(o[k] > 0)) throw new Error(`--${k} expects a number > 0`);
  return o;
}

function readHeader() {
  return 'session-audit crash hunt: see the comment at the top of scripts/crash-hunt.mjs';
}

/** Every .js and .ts file under `dir`, without following symbolic links, sorted. */
function sourceFiles(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop();
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() && /\.(js|ts)$/.test(e.name)) out.push(p);
    }
  }
  return out.sort();
}

/**
 * Runs a command with a time limit, under GNU time when present (peak RSS of the whole
 * process), and returns its output, exit, wall time and peak memory (KB).
 */
function measure(cmd, args, { cwd, timeoutMs, input }) {
  const gnuTime = existsSync('/usr/bin/time');
  const timeFile = path.join(os.tmpdir(), `crash-hunt-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const argv = gnuTime ? ['/usr/bin/time', '-f', '%M', '-o', timeFile, cmd, ...args] : [cmd, ...args];
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdin.end(input ?? '');
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let maxRssKb;
      if (gnuTime) {
        try {
          const { readFileSync, rmSync } = await import('node:fs');
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          maxRssKb = Number(lines[lines.length - 1]);
          rmSync(timeFile, { force: true });
        } catch {
          // killed before GNU time wrote it
        }
      }
      // GNU time exits with the command's status; a signal shows as "Command terminated by signal n".
      const err = Buffer.concat(stderr).toString('utf8');
      const killedBy = signal ?? /Command terminated by signal (\d+)/.exec(err)?.[1];
      resolve({ code, signal: killedBy ? String(killedBy) : null, timedOut, seconds, maxRssKb, stdout: Buffer.concat(stdout).toString('utf8'), stderr: err });
    });
  });
}

function batches(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const firstLine = (s) => String(s).split('\n')[0];

/** Adds a batch's time and peak memory to a front end's figures (`where` names the batch), and returns its JSON output (undefined: not JSON). */
function tally(r, m, where) {
  r.seconds += m.seconds;
  if ((m.maxRssKb ?? 0) > r.peakRssKb) [r.peakRssKb, r.peakBatch] = [m.maxRssKb, where];
  if (m.seconds > r.slowestBatch.seconds) r.slowestBatch = { seconds: m.seconds, batch: where };
  try {
    return JSON.parse(m.stdout);
  } catch {
    return undefined;
  }
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

/** A front end's time and memory, as two lines of the summary. */
const timeAndMemory = (r) => [`  time ${r.seconds.toFixed(1)} s (slowest batch ${r.slowestBatch.seconds.toFixed(1)} s: ${r.slowestBatch.batch})`, `  peak memory ${mb(r.peakRssKb)} (batch ${r.peakBatch})`];

async function huntCli(files, o, report) {
  const scanned = files.filter((f) => !/\.d\.ts$/.test(f));
  const r = { files: scanned.length, declarationsSkipped: files.length - scanned.length, batches: 0, seconds: 0, peakRssKb: 0, peakBatch: '', slowestBatch: { seconds: 0, batch: '' }, analyzedFiles: 0, findings: 0, byRule: {}, crashes: [], parseErrors: 0, tooDeep: 0, timeouts: 0, readErrors: 0 };
  report.cli = r;
  for (const batch of batches(scanned, o.batch)) {
    r.batches++;
    const rel = batch.map((f) => path.relative(o.root, f));
    const m = await measure(process.execPath, [BIN, '--include-tests', '--preset', 'all', '-f', 'json', '--no-progress', '--', ...rel], { cwd: o.root, timeoutMs: o.timeout * 1000 });
    const where = `${rel[0]} … ${rel[rel.length - 1]}`;
    const doc = tally(r, m, where);
    if (m.timedOut || m.signal || m.code === 2 || !doc || /internal error/.test(m.stderr)) {
      r.crashes.push({ batch: where, code: m.code, signal: m.signal, timedOut: m.timedOut, stderr: firstLine(m.stderr.replace(/^Command exited.*\n/m, '')) });
      process.stderr.write(`cli: batch ${r.batches} crashed (exit ${m.code}${m.signal ? `, signal ${m.signal}` : ''}${m.timedOut ? ', timed out' : ''})\n`);
      continue;
    }
    r.analyzedFiles += doc.stats.analyzedFiles;
    r.findings += doc.findings.length;
    for (const f of doc.findings) r.byRule[f.rule] = (r.byRule[f.rule] ?? 0) + 1;
    for (const e of doc.fileErrors) {
      if (e.kind === 'parse') {
        if (/nested too deeply/.test(e.message)) r.tooDeep++;
        else r.parseErrors++;
      } else if (e.kind === 'analysis') {
        if (/nested too deeply/.test(e.message)) r.tooDeep++;
        else if (/^analysis stopped after/.test(e.message)) r.timeouts++;
        else r.crashes.push({ file: e.file, message: e.message });
      } else if (e.kind === 'read' || e.kind === 'path') r.readErrors++;
    }
    process.stderr.write(`cli: ${Math.min(r.batches * o.batch, scanned.length)}/${scanned.length} files, ${r.crashes.length} crashes, ${r.seconds.toFixed(0)} s\n`);
  }
}

async function huntEslint(files, o, report) {
  const r = { files: files.length, batches: 0, seconds: 0, peakRssKb: 0, peakBatch: '', slowestBatch: { seconds: 0, batch: '' }, linted: 0, messages: 0, byRule: {}, fatalParseErrors: 0, crashes: [] };
  report.eslint = r;
  for (const batch of batches(files, o.eslintBatch)) {
    r.batches++;
    const m = await measure(process.execPath, [ESLINT_CHILD], { cwd: o.root, timeoutMs: o.timeout * 1000, input: JSON.stringify({ root: o.root, files: batch }) });
    const doc = tally(r, m, `${path.relative(o.root, batch[0])} … ${path.relative(o.root, batch[batch.length - 1])}`);
    if (!doc || m.timedOut || m.signal) {
      r.crashes.push({ batch: `${path.relative(o.root, batch[0])} …`, code: m.code, signal: m.signal, timedOut: m.timedOut, stderr: firstLine(m.stderr) });
      continue;
    }
    r.linted += doc.linted;
    r.messages += doc.messages;
    for (const [rule, n] of Object.entries(doc.byRule)) r.byRule[rule] = (r.byRule[rule] ?? 0) + n;
    r.fatalParseErrors += doc.fatalParseErrors;
    r.crashes.push(...doc.crashes.map((c) => ({ file: path.relative(o.root, c.file), message: c.message })));
    process.stderr.write(`eslint: ${Math.min(r.batches * o.eslintBatch, files.length)}/${files.length} files, ${r.crashes.length} crashes, ${r.seconds.toFixed(0)} s\n`);
  }
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  if (!existsSync(path.join(REPO, 'dist/src/cli/run.js'))) throw new Error('run `npm run build` first');
  const files = sourceFiles(path.join(o.root, 'node_modules')).slice(0, o.limit);
  const report = { root: o.root, node: process.version, cpus: os.cpus().length, files: files.length, started: new Date().toISOString() };
  process.stderr.write(`crash hunt: ${files.length} .js/.ts files under ${path.join(o.root, 'node_modules')}\n`);
  if (o.only !== 'eslint') await huntCli(files, o, report);
  if (o.only !== 'cli') await huntEslint(files, o, report);
  const lines = [`files (.js/.ts under node_modules): ${files.length}`];
  if (report.cli) {
    const c = report.cli;
    lines.push(
      `CLI --include-tests --preset all: ${c.files} files scanned (${c.declarationsSkipped} .d.ts never scanned), ${c.batches} batches, ${c.analyzedFiles} analyzed, ${c.findings} findings`,
      `  crashes: ${c.crashes.length}; parse errors ${c.parseErrors}, nested too deeply ${c.tooDeep}, time limit ${c.timeouts}, read errors ${c.readErrors}`,
      ...timeAndMemory(c),
      `  findings by rule: ${JSON.stringify(c.byRule)}`,
    );
  }
  if (report.eslint) {
    const e = report.eslint;
    lines.push(
      `ESLint configs.all: ${e.linted} files linted, ${e.batches} batches, ${e.messages} messages (${e.fatalParseErrors} parse errors)`,
      `  crashes: ${e.crashes.length}`,
      ...timeAndMemory(e),
      `  messages by rule: ${JSON.stringify(e.byRule)}`,
    );
  }
  for (const c of [...(report.cli?.crashes ?? []).map((x) => ({ ...x, in: 'cli' })), ...(report.eslint?.crashes ?? []).map((x) => ({ ...x, in: 'eslint' }))]) {
    lines.push(`  crash (${c.in}): ${c.file ?? c.batch}: ${c.message ?? `exit ${c.code}${c.signal ? ` signal ${c.signal}` : ''}${c.timedOut ? ' timed out' : ''}: ${c.stderr}`}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (o.json) writeFileSync(o.json, `${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = (report.cli?.crashes.length ?? 0) + (report.eslint?.crashes.length ?? 0) > 0 ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`crash-hunt: ${e.message}\n`);
  process.exitCode = 2;
});
