/**
 * Writing only where asked (issue #16, items 4-8 and 15): `-o` replaces regular files
 * atomically and writes to devices, FIFOs and /dev paths as streams; neither `-o` nor
 * `--update-baseline` follows a symbolic link out of the project; concurrent `--fix` runs
 * never lose an update and each tells the truth; SIGINT during `--fix` leaves no
 * temporary file; a refused write is a finding still there, with the reason; a folder it
 * cannot write is a user error.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixes } from '../../src/cli/fix.js';
import { BIN, GOOD, SECRET_ONLY, bin, canRunUnprivileged, cli, expectNoStack, fileErrors, isRoot, parseJson, rows, tempProject, unprivileged } from './helpers.js';

const FIXABLE = "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET || 'dev' }));\n";
const FIXED = "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET }));\n";

/** Starts `cat <fifo>` (the FIFO's reader) and resolves with what it read once it ends. */
function readFifo(fifo: string): { done: Promise<string>; child: ChildProcess } {
  const child = spawn('cat', [fifo]);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return { child, done: new Promise((resolve) => child.on('close', () => resolve(out))) };
}

describe('-o writes reports where asked, and only there', () => {
  it('a FIFO is written as a stream (it stays a FIFO)', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD });
    const fifo = path.join(dir, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = readFifo(fifo);
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, '-f', 'json', '-o', 'report.fifo'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    reader.child.kill(); // ends it if the FIFO was replaced (nobody writes to it then)
    const text = await reader.done;
    expect(r).toEqual({ code: 1, stderr: '' });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(rows(text)).toEqual(['good.js:2:19 no-hardcoded-secret']);
  });

  it.skipIf(!isRoot)('a character device is written to, never replaced by a regular file', () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD });
    // A node of its own for /dev/null's device (1, 3): the test never risks the machine's /dev.
    execFileSync('mknod', [path.join(dir, 'null'), 'c', '1', '3']);
    const r = bin(['-f', 'json', '-o', 'null'], dir);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: '' });
    expect(lstatSync(path.join(dir, 'null')).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('session-audit'))).toEqual(['session-audit.config.json']);
  });

  it.skipIf(!canRunUnprivileged)('as a normal user, -o /dev/null and -o /dev/stdout work (streams, not replacements)', () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD });
    chmodSync(dir, 0o755);
    const devNull = unprivileged(['-f', 'json', '-o', '/dev/null'], dir);
    expect(devNull).toMatchObject({ code: 1, stdout: '', stderr: '' });
    const devStdout = unprivileged(['-f', 'json', '-o', '/dev/stdout'], dir);
    expect({ code: devStdout.code, stderr: devStdout.stderr }).toEqual({ code: 1, stderr: '' });
    expect(rows(devStdout.stdout)).toEqual(['good.js:2:19 no-hardcoded-secret']);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('-o - and -o /dev/fd/1 write to stdout', () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD });
    for (const target of ['-', '/dev/fd/1']) {
      const r = bin(['-f', 'json', '-o', target], dir);
      expect({ target, code: r.code, stderr: r.stderr }).toEqual({ target, code: 1, stderr: '' });
      expect(rows(r.stdout)).toEqual(['good.js:2:19 no-hardcoded-secret']);
    }
  });

  it('-o and --update-baseline through a folder linked out of the project are refused; nothing is written there', async () => {
    const outside = tempProject({});
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD });
    symlinkSync(outside, path.join(dir, 'reports'));
    const html = await cli(['-f', 'html', '-o', 'reports/report.html'], { cwd: dir });
    expect(html).toEqual({ code: 2, stdout: '', stderr: `session-audit: cannot write reports/report.html: the folder reports leads outside the project (a symbolic link to ${outside})\n` });
    const deeper = await cli(['-o', 'reports/new/r.json'], { cwd: dir });
    expect(deeper.stderr).toBe(`session-audit: cannot write reports/new/r.json: the folder reports leads outside the project (a symbolic link to ${outside})\n`);
    const baseline = await cli(['--baseline', 'reports/b.json', '--update-baseline'], { cwd: dir });
    expect(baseline).toEqual({ code: 2, stdout: '', stderr: `session-audit: cannot write reports/b.json: the folder reports leads outside the project (a symbolic link to ${outside})\n` });
    // A report file that is itself a link out.
    symlinkSync(path.join(outside, 'target.json'), path.join(dir, 'report.json'));
    expect((await cli(['-o', 'report.json'], { cwd: dir })).stderr).toBe(
      `session-audit: cannot write report.json: it is a symbolic link that leads outside the project\n`,
    );
    expect(readdirSync(outside)).toEqual([]);
  });

  it('hard negatives: a path named outside the project, a new folder and a link inside the project are written', async () => {
    const outside = tempProject({});
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'build/.keep': '' });
    symlinkSync('build', path.join(dir, 'reports'));
    expect((await cli(['-f', 'json', '-o', path.join(outside, 'r.json')], { cwd: dir })).code).toBe(1);
    expect(rows(readFileSync(path.join(outside, 'r.json'), 'utf8'))).toEqual(['good.js:2:19 no-hardcoded-secret']);
    expect((await cli(['-f', 'json', '-o', 'out/new/r.json'], { cwd: dir })).code).toBe(1);
    expect(existsSync(path.join(dir, 'out/new/r.json'))).toBe(true);
    expect((await cli(['--baseline', 'reports/b.json', '--update-baseline'], { cwd: dir })).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'build/b.json'), 'utf8')).findings).toHaveLength(1);
  });
});

describe('user errors are not internal errors', () => {
  it.skipIf(!canRunUnprivileged)('--update-baseline and -o in a folder that cannot be written: "cannot write ...", exit 2', () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'locked/.keep': '' });
    for (const f of ['.', 'good.js', 'package.json', 'session-audit.config.json']) chmodSync(path.join(dir, f), 0o755);
    chmodSync(path.join(dir, 'locked'), 0o555);
    const baseline = unprivileged(['--baseline', 'locked/b.json', '--update-baseline'], dir);
    expect(baseline).toMatchObject({ code: 2, stderr: 'session-audit: cannot write locked/b.json: permission denied\n' });
    const report = unprivileged(['-o', 'locked/r.txt'], dir);
    expect(report).toMatchObject({ code: 2, stderr: 'session-audit: cannot write locked/r.txt: permission denied\n' });
  });

  it('a folder where a file is expected, or a file where a folder is: one line each, exit 2', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'folder/.keep': '', 'file.txt': '' });
    const cases: [string[], string][] = [
      [['-o', 'folder'], 'session-audit: cannot write folder: a folder, not a file\n'],
      [['-o', 'file.txt/r.json'], 'session-audit: cannot write file.txt/r.json: a file is in the way of a folder it needs\n'],
      [['--baseline', 'folder'], 'session-audit: cannot read baseline folder: a folder, not a file\n'],
      [['--config', 'folder'], 'session-audit: cannot read folder: a folder, not a file\n'],
      [['--project-root', 'file.txt'], 'session-audit: --project-root file.txt: not a folder\n'],
      [['--project-root', 'nope'], 'session-audit: --project-root nope: no such file or folder\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = await cli(args, { cwd: dir });
      expect({ args, ...r }).toEqual({ args, code: 2, stdout: '', stderr });
    }
  });

  it('a working folder that no longer exists: one line, exit 2, no stack', () => {
    const dir = tempProject({});
    mkdirSync(path.join(dir, 'gone'));
    const r = spawnSync('sh', ['-c', `cd gone && rmdir ../gone && exec "${process.execPath}" "${BIN}" .`], { cwd: dir, encoding: 'utf8' });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 2, stderr: 'session-audit: cannot use the current folder (it no longer exists)\n' });
    expectNoStack(r);
  });
});

describe('--fix tells the truth about what it wrote', () => {
  it('a read-only file: its findings are still reported, with the reason, and not counted as fixed', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'ro.js': FIXABLE, 'rw.js': FIXABLE });
    chmodSync(path.join(dir, 'ro.js'), 0o444);
    const r = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual(['ro.js:2:19 no-hardcoded-secret']);
    expect(fileErrors(r.stdout)).toEqual(['ro.js fix: not fixed: the file is read-only']);
    expect(parseJson(r.stdout).stats.fixed).toBe(1);
    expect(readFileSync(path.join(dir, 'ro.js'), 'utf8')).toBe(FIXABLE);
    expect(readFileSync(path.join(dir, 'rw.js'), 'utf8')).toBe(FIXED);
    // The summary people read.
    chmodSync(path.join(dir, 'rw.js'), 0o644);
    writeFileSync(path.join(dir, 'rw.js'), FIXABLE);
    const stylish = await cli(['--fix', '--no-color'], { cwd: dir });
    expect(stylish.stdout).toContain('✔ Fixed 1 finding.');
    expect(stylish.stdout).toMatch(/ro\.js\n {2}-\s+error\s+not fixed: the file is read-only\s+\(file error\)\n {2}2:19\s+error\s+The session secret falls back/);
  });

  it('a fix that edits several files is written whole or not at all', () => {
    const dir = tempProject({ 'a.js': 'a\n', 'b.js': 'b\n', 'c.js': 'c\n' });
    chmodSync(path.join(dir, 'b.js'), 0o444);
    const at = (f: string) => path.join(dir, f);
    const { written, errors } = writeFixes(
      new Map([
        [at('a.js'), { before: 'a\n', after: 'A\n' }],
        [at('b.js'), { before: 'b\n', after: 'B\n' }],
        [at('c.js'), { before: 'c\n', after: 'C\n' }],
      ]),
      { linked: [[at('a.js'), at('b.js')], [at('c.js')]] },
    );
    expect(written).toEqual([at('c.js')]);
    expect(errors.map((e) => `${path.basename(e.file)}: ${e.message}`)).toEqual([
      'a.js: not fixed: the same fix edits b.js, which could not be written',
      'b.js: not fixed: the file is read-only',
    ]);
    expect(['a.js', 'b.js', 'c.js'].map((f) => readFileSync(at(f), 'utf8'))).toEqual(['a\n', 'b\n', 'C\n']);
  });

  it("a lock left by a run that is gone is taken over; another run's lock is waited for", () => {
    const dir = tempProject({ 'a.js': 'a\n', 'b.js': 'b\n' });
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(dir, '.a.js.session-audit.lock'), `${gone}\n`);
    // The parent of this test runner is alive: its lock is respected (here: until the run gives up).
    writeFileSync(path.join(dir, '.b.js.session-audit.lock'), `${process.ppid}\n`);
    const start = Date.now();
    const { written, errors } = writeFixes(
      new Map([
        [path.join(dir, 'a.js'), { before: 'a\n', after: 'A\n' }],
        [path.join(dir, 'b.js'), { before: 'b\n', after: 'B\n' }],
      ]),
      { lockWaitMs: 500 },
    );
    expect(Date.now() - start).toBeGreaterThanOrEqual(500);
    expect(written).toEqual([path.join(dir, 'a.js')]);
    expect(errors.map((e) => e.message)).toEqual(['not fixed: another session-audit run is writing this file (.b.js.session-audit.lock stayed for 0.5 s)']);
    expect(readdirSync(dir).sort()).toEqual(['.b.js.session-audit.lock', 'a.js', 'b.js']);
  });
});

/** Files that two runs fix differently: one removes the secret's fallback, the other turns httpOnly back on. */
const TWO_FIXES = "const session = require('express-session');\napp.use(session({ secret: process.env.S || 'dev', cookie: { httpOnly: false } }));\n";

function runBin(args: string[], cwd: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('--fix under concurrency and signals', () => {
  it('two runs at once never lose an update, and each reports exactly what it wrote', async () => {
    const N = 150;
    for (let trial = 0; trial < 2; trial++) {
      const files: Record<string, string> = { 'package.json': '{}' };
      for (let i = 0; i < N; i++) files[`app${i}.js`] = TWO_FIXES;
      const dir = tempProject(files);
      const [a, b] = await Promise.all([
        runBin(['--fix', '-f', 'json', '--preset', 'none', '--rule', 'no-hardcoded-secret=error'], dir),
        runBin(['--fix', '-f', 'json', '--preset', 'none', '--rule', 'no-httponly-false=error'], dir),
      ]);
      const claims = (r: typeof a) => {
        const report = parseJson(r.stdout);
        const refused = new Set(report.fileErrors.filter((e) => e.kind === 'fix').map((e) => e.file));
        expect(report.fileErrors.every((e) => e.kind === 'fix' && e.message === 'not fixed: the file changed on disk during the run')).toBe(true);
        return { refused, fixed: report.stats.fixed };
      };
      const ca = claims(a);
      const cb = claims(b);
      for (let i = 0; i < N; i++) {
        const text = readFileSync(path.join(dir, `app${i}.js`), 'utf8');
        expect(!text.includes("|| 'dev'"), `app${i}.js has run A's fix exactly when A says so`).toBe(!ca.refused.has(`app${i}.js`));
        expect(!text.includes('httpOnly: false'), `app${i}.js has run B's fix exactly when B says so`).toBe(!cb.refused.has(`app${i}.js`));
      }
      expect(ca.fixed).toBe(N - ca.refused.size);
      expect(cb.fixed).toBe(N - cb.refused.size);
      expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    }
  }, 120_000);

  it('SIGINT while fixes are written: every file whole (old or fixed), no temporary or lock file left, killed by the signal', async () => {
    const N = 300;
    for (let trial = 0; trial < 3; trial++) {
      const files: Record<string, string> = { ...SECRET_ONLY };
      for (let i = 0; i < N; i++) files[`app${i}.js`] = FIXABLE;
      const dir = tempProject(files);
      const child = spawn(process.execPath, [BIN, '--fix', '-f', 'json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      // The first file event in the folder is the write phase starting: interrupt it there.
      const watcher = watch(dir, () => {
        watcher.close();
        child.kill('SIGINT');
      });
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, s) => resolve(s)));
      watcher.close();
      expect(signal).toBe('SIGINT');
      const left = readdirSync(dir).filter((f) => f.startsWith('.'));
      expect(left, `trial ${trial}`).toEqual([]);
      for (let i = 0; i < N; i++) expect([FIXABLE, FIXED]).toContain(readFileSync(path.join(dir, `app${i}.js`), 'utf8'));
    }
  }, 120_000);

  it('hard negative: without a signal the same run writes every fix', async () => {
    const files: Record<string, string> = { ...SECRET_ONLY };
    for (let i = 0; i < 20; i++) files[`app${i}.js`] = FIXABLE;
    const dir = tempProject(files);
    const r = await runBin(['--fix', '-f', 'json'], dir);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    expect(parseJson(r.stdout).stats.fixed).toBe(20);
    for (let i = 0; i < 20; i++) expect(readFileSync(path.join(dir, `app${i}.js`), 'utf8')).toBe(FIXED);
  });
});
