/**
 * Bad input, paths: missing paths, files named directly, symbolic link loops,
 * things that are not regular files, unreadable files and folders, odd names.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, GOOD, GOOD_ROW, SECRET_ONLY, cli, expectNoStack, fileErrors, parseJson, rows, tempProject } from './helpers.js';

const isRoot = process.getuid?.() === 0;
const hasSetpriv = isRoot && spawnSync('setpriv', ['--version']).status === 0;

/**
 * Runs the bin as an unprivileged user: root reads anything, so permission cases run
 * under `setpriv` as nobody when the tests run as root (skipped without it).
 */
function unprivileged(args: string[], cwd: string) {
  const argv = [process.execPath, BIN, ...args];
  const cmd = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...argv] : argv;
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('paths', () => {
  it('a missing path alone: one line, exit 2', async () => {
    const dir = tempProject(SECRET_ONLY);
    expect(await cli(['nope'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "session-audit: cannot scan 'nope': no such file or folder\n" });
  });

  it('a missing path next to one that exists: a path error, the rest is checked, exit 1', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD });
    const r = await cli(['-f', 'json', 'nope', 'good.js'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual(["nope path: cannot scan 'nope': no such file or folder"]);
    expect(r.stderr).toBe('');
  });

  it('a file given directly is checked alone, even when .gitignore hides it; another extension is a path error', async () => {
    const dir = tempProject({ ...SECRET_ONLY, '.gitignore': 'good.js\n', 'good.js': GOOD, 'other.js': GOOD, 'notes.txt': 'session' });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const r = await cli(['-f', 'json', 'good.js', 'notes.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual(["notes.txt path: cannot scan 'notes.txt': not a JavaScript or TypeScript file (.js .cjs .mjs .jsx .ts .cts .mts .tsx)"]);
    // The folder scan honours .gitignore.
    expect(rows((await cli(['-f', 'json'], { cwd: dir })).stdout)).toEqual(['other.js:2:19 no-hardcoded-secret']);
  });

  it('symbolic link loops and links to a parent folder are not followed; a loop given directly is a path error', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'src/good.js': GOOD });
    symlinkSync('loop-b', path.join(dir, 'src/loop-a'));
    symlinkSync('loop-a', path.join(dir, 'src/loop-b'));
    symlinkSync('..', path.join(dir, 'src/up'));
    symlinkSync('.', path.join(dir, 'src/self'));
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual(['src/good.js:2:19 no-hardcoded-secret']);
    expect(parseJson(r.stdout).stats.files).toBe(1);
    expect(await cli(['src/loop-a'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "session-audit: cannot scan 'src/loop-a': a loop of symbolic links\n" });
    const both = await cli(['-f', 'json', 'src/loop-a', 'src'], { cwd: dir });
    expect(both.code).toBe(1);
    expect(fileErrors(both.stdout)).toEqual(["src/loop-a path: cannot scan 'src/loop-a': a loop of symbolic links"]);
    expect(rows(both.stdout)).toEqual(['src/good.js:2:19 no-hardcoded-secret']);
  });

  it('a link inside a scanned folder to a file outside it is not scanned', async () => {
    const outside = tempProject({ 'secret.js': GOOD });
    const dir = tempProject({ ...SECRET_ONLY, 'src/app.js': 'export {};\n' });
    symlinkSync(path.join(outside, 'secret.js'), path.join(dir, 'src/linked.js'));
    symlinkSync(outside, path.join(dir, 'src/linked-dir'));
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ findings: [], fileErrors: [], stats: { files: 1 } });
  });

  it('a FIFO named x.js: skipped in a folder (not a regular file), a path error when named, never a hang', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD });
    execFileSync('mkfifo', [path.join(dir, 'pipe.js')]);
    const inFolder = await cli(['-f', 'json'], { cwd: dir });
    expect(inFolder.code).toBe(1);
    expect(rows(inFolder.stdout)).toEqual([GOOD_ROW]);
    expect(parseJson(inFolder.stdout)).toMatchObject({ fileErrors: [], stats: { files: 1 } });
    const named = await cli(['-f', 'json', 'pipe.js', 'good.js'], { cwd: dir });
    expect(named.code).toBe(1);
    expect(fileErrors(named.stdout)).toEqual(["pipe.js path: cannot scan 'pipe.js': not a regular file"]);
    expect(rows(named.stdout)).toEqual([GOOD_ROW]);
    expect(await cli(['pipe.js'], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: "session-audit: cannot scan 'pipe.js': not a regular file\n" });
  });

  it('a folder named x.js is a folder: its files are scanned, whether found or named', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'weird.js/good.js': GOOD });
    expect(rows((await cli(['-f', 'json'], { cwd: dir })).stdout)).toEqual(['weird.js/good.js:2:19 no-hardcoded-secret']);
    expect(rows((await cli(['-f', 'json', 'weird.js'], { cwd: dir })).stdout)).toEqual(['weird.js/good.js:2:19 no-hardcoded-secret']);
  });

  it.skipIf(isRoot && !hasSetpriv)('an unreadable file and an unreadable folder: one file error each, the rest is checked, exit 1', () => {
    const dir = tempProject({ ...SECRET_ONLY, 'open/good.js': GOOD, 'locked/good.js': GOOD, 'secret.js': GOOD });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'open'), 0o755);
    chmodSync(path.join(dir, 'locked'), 0o000);
    chmodSync(path.join(dir, 'secret.js'), 0o000);
    for (const f of ['package.json', 'session-audit.config.json', 'open/good.js']) chmodSync(path.join(dir, f), 0o644);
    try {
      const r = unprivileged(['-f', 'json'], dir);
      expect(r.code).toBe(1);
      expect(rows(r.stdout)).toEqual(['open/good.js:2:19 no-hardcoded-secret']);
      expect(fileErrors(r.stdout)).toEqual(['locked read: cannot list folder: permission denied', 'secret.js read: cannot read file: permission denied']);
      expect(r.stderr).toBe('');
      const named = unprivileged(['locked/good.js'], dir);
      expect(named).toEqual({ code: 2, stdout: '', stderr: "session-audit: cannot scan 'locked/good.js': permission denied\n" });
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('spaces and unicode in paths: reported as they are (JSON, stylish), percent-encoded in SARIF', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'my app/ünïcødé 名前/good.js': GOOD });
    const json = await cli(['-f', 'json', 'my app'], { cwd: dir });
    expect(rows(json.stdout)).toEqual(['my app/ünïcødé 名前/good.js:2:19 no-hardcoded-secret']);
    const sarif = JSON.parse((await cli(['-f', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'my%20app/%C3%BCn%C3%AFc%C3%B8d%C3%A9%20%E5%90%8D%E5%89%8D/good.js',
      uriBaseId: '%SRCROOT%',
    });
    const github = await cli(['-f', 'github'], { cwd: dir });
    expect(github.stdout).toMatch(/^::error file=my app\/ünïcødé 名前\/good\.js,line=2,/);
    const stylish = await cli(['--no-color'], { cwd: dir });
    expect(stylish.stdout).toContain('\nmy app/ünïcødé 名前/good.js\n  2:19  error');
    expectNoStack(stylish);
  });

  it('a folder without source files is a note on stderr and exit 0', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'docs/readme.md': '# x\n' });
    mkdirSync(path.join(dir, 'empty'));
    const r = await cli(['empty'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '✔ No problems found (0 files checked).\n', stderr: 'session-audit: no JavaScript or TypeScript files to check in empty\n' });
  });
});
