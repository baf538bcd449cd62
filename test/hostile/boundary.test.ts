/**
 * The project boundary (src/cli/boundary.ts): the scan reads regular files inside the
 * project and nothing else. A hostile repository cannot make it read a device, a FIFO, a
 * /proc file or a file outside the project through a symbolic link, an import, a tsconfig
 * `extends` or `paths`, or a baseline; a value from such a file is unknown and the report
 * says so once. Each refused case has its hard negative: the same shape inside the project
 * (`../config`, a sibling workspace package, the git work tree) is read as before.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, ProjectFiles, ReadRefused } from '../../src/cli/boundary.js';
import { BIN, bin, cli, expectNoStack, onlyRules, rows, tempProject } from './helpers.js';

const SECRET_RULE = { 'no-hardcoded-secret': 'error' };
const APP = (from: string) => `const session = require('express-session');\nconst conf = require('${from}');\napp.use(session({ secret: conf.secret }));\n`;
const OUTSIDE_NOTE = '(values from them stay unknown; --project-root <folder> widens the project)';

/** A repository `repo/` next to a folder `outside/` it points into in every way the issue lists. */
function repoWithOutsideReads() {
  const parent = tempProject({
    'outside/conf.js': "module.exports = { secret: 'outside-conf-secret' };\n",
    'outside/secret.json': '{ "secret": "outside-json-secret" }\n',
    'outside/paths/cfg.ts': "export const secret = 'outside-paths-secret';\n",
    ...Object.fromEntries(Object.entries(onlyRules(SECRET_RULE)).map(([k, v]) => [`repo/${k}`, v])),
    'repo/tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@cfg/*': ['../outside/paths/*'] } } }),
  });
  const repo = path.join(parent, 'repo');
  writeFileSync(path.join(repo, 'a.js'), APP('../outside/conf.js'));
  writeFileSync(path.join(repo, 'b.js'), APP(path.join(parent, 'outside/secret.json')));
  writeFileSync(path.join(repo, 'c.js'), APP('./linked.json'));
  symlinkSync('../outside/secret.json', path.join(repo, 'linked.json'));
  writeFileSync(path.join(repo, 'd.ts'), "import session from 'express-session';\nimport { secret } from '@cfg/cfg';\napp.use(session({ secret }));\n");
  return { parent, repo };
}

describe('reading stays inside the project', () => {
  it('an absolute require, ../outside, a link out and tsconfig paths out are not read: their values are unknown, said once', async () => {
    const { repo } = repoWithOutsideReads();
    const r = await cli(['-f', 'json'], { cwd: repo });
    expect(rows(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `session-audit: warning: not read, outside the project: ../outside/conf.js, ../outside/paths/cfg.ts, ../outside/secret.json, linked.json ${OUTSIDE_NOTE}\n`,
    );
    // The HTML report (which shows values and source lines) shows none of them.
    const html = await cli(['-f', 'html', '--preset', 'all'], { cwd: repo });
    expect(html.stdout).toContain('<!doctype html>');
    expect(html.stdout).not.toMatch(/outside-(conf|json|paths)-secret/);
  });

  it('hard negative: --project-root naming the folder above reads them (and finds each secret)', async () => {
    const { repo } = repoWithOutsideReads();
    const r = await cli(['-f', 'json', '--project-root', '..'], { cwd: repo });
    expect(rows(r.stdout)).toEqual(['a.js:3:19 no-hardcoded-secret', 'b.js:3:19 no-hardcoded-secret', 'c.js:3:19 no-hardcoded-secret', 'd.ts:3:19 no-hardcoded-secret']);
    expect(r.stderr).toBe('');
  });

  it('hard negative: scanning ./src follows ../config/session.js and a sibling workspace package (through node_modules)', async () => {
    const mono = tempProject({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      'session-audit.config.json': JSON.stringify({ preset: 'none', rules: SECRET_RULE }),
      'packages/app/package.json': JSON.stringify({ name: '@org/app' }),
      'packages/app/src/app.js':
        "const session = require('express-session');\nconst local = require('../config/session.js');\nconst shared = require('@org/shared');\napp.use(session({ secret: local.secret }));\napp.use(session({ secret: shared.secret }));\n",
      'packages/app/config/session.js': "module.exports = { secret: 'config-secret' };\n",
      'packages/shared/package.json': JSON.stringify({ name: '@org/shared', main: 'index.js' }),
      'packages/shared/index.js': "module.exports = { secret: 'shared-secret' };\n",
    });
    mkdirSync(path.join(mono, 'node_modules/@org'), { recursive: true });
    symlinkSync('../../packages/shared', path.join(mono, 'node_modules/@org/shared'));
    const r = await cli(['-f', 'json', './src'], { cwd: path.join(mono, 'packages/app') });
    expect(rows(r.stdout)).toEqual(['src/app.js:4:19 no-hardcoded-secret', 'src/app.js:5:19 no-hardcoded-secret']);
    expect(r.stderr).toBe('');
  });

  it('the git work tree is the project when there is one; without it, the outermost package root', async () => {
    const files = {
      'src/package.json': JSON.stringify({ name: 'app' }),
      'src/session-audit.config.json': JSON.stringify({ preset: 'none', rules: SECRET_RULE }),
      'src/app.js': APP('../shared/conf.js'),
      'shared/conf.js': "module.exports = { secret: 'shared-secret' };\n",
    };
    const withGit = tempProject(files);
    mkdirSync(path.join(withGit, '.git'));
    const inside = await cli(['-f', 'json', '.'], { cwd: path.join(withGit, 'src') });
    expect(rows(inside.stdout)).toEqual(['app.js:3:19 no-hardcoded-secret']);
    expect(inside.stderr).toBe('');
    // A `.git` file (a worktree or submodule) marks the top too.
    const worktree = tempProject(files);
    writeFileSync(path.join(worktree, '.git'), 'gitdir: /elsewhere/.git/worktrees/x\n');
    expect(rows((await cli(['-f', 'json', '.'], { cwd: path.join(worktree, 'src') })).stdout)).toEqual(['app.js:3:19 no-hardcoded-secret']);
    // Without git, the project is src (its package root): ../shared is outside.
    const noGit = tempProject(files);
    const outside = await cli(['-f', 'json', '.'], { cwd: path.join(noGit, 'src') });
    expect(rows(outside.stdout)).toEqual([]);
    expect(outside.stderr).toBe(`session-audit: warning: not read, outside the project: ../shared/conf.js (values from it stay unknown; --project-root <folder> widens the project)\n`);
  });

  it('a JSON module linked to /proc/self/environ is never read (no environment variable name reaches the report)', () => {
    const dir = tempProject({
      ...onlyRules({ 'no-default-cookie-name': 'error' }),
      'app.js': "const session = require('express-session');\nconst env = require('./env.json');\napp.use(session({ secret: process.env.S, name: env }));\n",
    });
    symlinkSync('/proc/self/environ', path.join(dir, 'env.json'));
    const r = bin(['-f', 'html'], dir, { SESSION_AUDIT_CANARY_VARIABLE: 'x' });
    expect(r.stdout).toContain('<!doctype html>');
    expect(r.stdout).not.toContain('SESSION_AUDIT_CANARY_VARIABLE');
    expect(r.stderr).toBe('session-audit: warning: not read, system files under /proc, /sys or /dev: env.json (values from it stay unknown)\n');
  });

  it('a config file above the project is not read', async () => {
    const parent = tempProject({
      'session-audit.config.json': JSON.stringify({ rules: { 'no-hardcoded-secret': 'off' } }),
      'repo/.git/HEAD': '',
      'repo/app.js': APP('./conf.js'),
      'repo/conf.js': "module.exports = { secret: 'x' };\n",
    });
    const r = await cli(['-f', 'json'], { cwd: path.join(parent, 'repo') });
    expect(rows(r.stdout)).toContain('app.js:3:19 no-hardcoded-secret');
    // The same config inside the project applies.
    writeFileSync(path.join(parent, 'repo/session-audit.config.json'), JSON.stringify({ preset: 'none', rules: { 'no-memory-store': 'error' } }));
    expect(rows((await cli(['-f', 'json'], { cwd: path.join(parent, 'repo') })).stdout)).toEqual(['app.js:3:9 no-memory-store']);
  });

  it('a file over the size limit is not read', async () => {
    const dir = tempProject({ ...onlyRules(SECRET_RULE), 'app.js': APP('./big.json') });
    writeFileSync(path.join(dir, 'big.json'), `{"secret":"big-secret","pad":"${'x'.repeat(MAX_FILE_BYTES)}"}`);
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(rows(r.stdout)).toEqual([]);
    expect(r.stderr).toBe('session-audit: warning: not read, larger than 16 MB: big.json (values from it stay unknown)\n');
  });
});

/** The bin with a child process whose stdin is a pipe that stays open (never closed: a read of it would wait forever). */
function binWithOpenStdin(args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

describe('devices, FIFOs and /proc are never read', () => {
  const APP_FILE = "const session = require('express-session');\napp.use(session({ secret: 'hardcoded' }));\n";
  const project = () => tempProject({ ...onlyRules(SECRET_RULE), 'app.js': APP_FILE, 'tsconfig.json': '{ "extends": "./base.json" }' });
  const cannotRead = (dir: string) => `session-audit: warning: tsconfig.json: Cannot read file '${path.join(dir, 'base.json')}'; resolving modules with its other options\n`;

  it('tsconfig extends /dev/zero: a warning, the run goes on (no memory blow-up)', () => {
    const dir = project();
    symlinkSync('/dev/zero', path.join(dir, 'base.json'));
    const r = bin(['-f', 'json'], dir, {}, 30_000);
    expect(rows(r.stdout)).toEqual(['app.js:2:19 no-hardcoded-secret']);
    expect(r.stderr).toBe(`${cannotRead(dir)}session-audit: warning: not read, system files under /proc, /sys or /dev: base.json (values from it stay unknown)\n`);
  });

  it('tsconfig extends a FIFO: a warning, never a hang', () => {
    const dir = project();
    execFileSync('mkfifo', [path.join(dir, 'base.json')]);
    const r = bin(['-f', 'json'], dir, {}, 30_000);
    expect(rows(r.stdout)).toEqual(['app.js:2:19 no-hardcoded-secret']);
    expect(r.stderr).toBe(`${cannotRead(dir)}session-audit: warning: not read, not regular files (devices, FIFOs, sockets): base.json (values from it stay unknown)\n`);
  });

  it('tsconfig extends /dev/stdin while stdin is an open pipe: never a hang', async () => {
    const dir = project();
    symlinkSync('/dev/stdin', path.join(dir, 'base.json'));
    const r = await binWithOpenStdin(['-f', 'json'], dir, 30_000);
    expect(r.timedOut).toBe(false);
    expect(rows(r.stdout)).toEqual(['app.js:2:19 no-hardcoded-secret']);
    expect(r.stderr).toBe(`${cannotRead(dir)}session-audit: warning: not read, not regular files (devices, FIFOs, sockets): base.json (values from it stay unknown)\n`);
  });

  it('--baseline linked to /dev/zero or a FIFO: one line, exit 2, never a hang', () => {
    const dir = tempProject({ ...onlyRules(SECRET_RULE), 'app.js': APP_FILE });
    symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    const zero = bin(['--baseline', 'zero.json'], dir, {}, 30_000);
    expect({ code: zero.code, stderr: zero.stderr }).toEqual({ code: 2, stderr: 'session-audit: cannot read baseline zero.json: a system file (under /proc, /sys or /dev)\n' });
    const fifo = bin(['--baseline', 'fifo.json'], dir, {}, 30_000);
    expect({ code: fifo.code, stderr: fifo.stderr }).toEqual({ code: 2, stderr: 'session-audit: cannot read baseline fifo.json: not a regular file\n' });
    expectNoStack(fifo);
  });

  it('a config file that is a FIFO or a link to a device: a usage error naming it, never a hang', () => {
    const dir = tempProject({ 'package.json': '{}', 'app.js': APP_FILE });
    execFileSync('mkfifo', [path.join(dir, 'session-audit.config.json')]);
    const r = bin([], dir, {}, 30_000);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: 'session-audit: cannot read session-audit.config.json: not a regular file\n' });
  });
});

describe('ProjectFiles', () => {
  it('reads package metadata in node_modules only for version facts, never packages code', () => {
    const dir = tempProject({
      'package.json': '{}',
      'package-lock.json': '{}',
      'node_modules/express-session/package.json': '{"version":"1.18.0"}',
      'node_modules/@fastify/session/package.json': '{"version":"11.0.0"}',
      'node_modules/express-session/index.js': 'module.exports = 1;\n',
      'node_modules/.package-lock.json': '{}',
    });
    const files = ProjectFiles.of(['.'], dir);
    const at = (f: string) => path.join(dir, f);
    expect(files.read(at('node_modules/express-session/package.json'), 'package-metadata')).toBe('{"version":"1.18.0"}');
    expect(files.read(at('node_modules/@fastify/session/package.json'), 'package-metadata')).toBe('{"version":"11.0.0"}');
    expect(files.read(at('node_modules/.package-lock.json'), 'package-metadata')).toBe('{}');
    expect(files.read(at('package-lock.json'), 'package-metadata')).toBe('{}');
    expect(() => files.read(at('node_modules/express-session/index.js'), 'package-metadata')).toThrow(ReadRefused);
    expect(() => files.read(at('node_modules/express-session/package.json'))).toThrow('inside node_modules');
    // A file the user chose to scan may lie in node_modules.
    expect(files.read(at('node_modules/express-session/index.js'), 'scanned')).toBe('module.exports = 1;\n');
  });

  it('a named path outside the project is read where the user asked; a named path inside may not lead out', () => {
    const parent = tempProject({ 'repo/package.json': '{}', 'elsewhere/b.json': '{}' });
    const repo = path.join(parent, 'repo');
    symlinkSync('../elsewhere', path.join(repo, 'linked'));
    const files = ProjectFiles.of(['.'], repo);
    expect(files.roots).toEqual([repo]);
    expect(files.read(path.join(parent, 'elsewhere/b.json'), 'named')).toBe('{}');
    expect(() => files.read(path.join(repo, 'linked/b.json'), 'named')).toThrow('outside the project');
    expect(files.writeRefusal(path.join(repo, 'linked/r.json'))).toBe(`the folder linked leads outside the project (a symbolic link to ${path.join(parent, 'elsewhere')})`);
    expect(files.writeRefusal(path.join(repo, 'linked/new/deeper/r.json'))).toMatch(/^the folder linked leads outside the project/);
    expect(files.writeRefusal(path.join(parent, 'elsewhere/r.json'))).toBeUndefined();
    expect(files.writeRefusal(path.join(repo, 'reports/r.json'))).toBeUndefined();
  });

  it('readListed (files discovery listed, read without realpath or stat): a link, a FIFO, a folder, /proc or a path outside is refused; a regular file is read whole', () => {
    const parent = tempProject({ 'repo/package.json': '{}', 'repo/a.js': 'const a = 1;\n', 'outside/b.js': 'x\n' });
    const repo = path.join(parent, 'repo');
    symlinkSync('a.js', path.join(repo, 'link.js'));
    execFileSync('mkfifo', [path.join(repo, 'fifo.js')]);
    mkdirSync(path.join(repo, 'dir.js'));
    // Larger than the scratch buffer the reads share, and a multi-byte character across its edge.
    const big = `${'x'.repeat((1 << 20) - 1)}é${'y'.repeat(1000)}`;
    writeFileSync(path.join(repo, 'big.js'), big);
    const files = ProjectFiles.of(['.'], repo);
    expect(files.readListed(path.join(repo, 'a.js'))).toBe('const a = 1;\n');
    expect(files.readListed(path.join(repo, 'big.js'))).toBe(big);
    expect(files.readListed(path.join(repo, 'a.js'))).toBe('const a = 1;\n');
    expect(() => files.readListed(path.join(repo, 'link.js'))).toThrow('outside the project');
    expect(() => files.readListed(path.join(repo, 'fifo.js'))).toThrow('not a regular file');
    expect(() => files.readListed(path.join(repo, 'dir.js'))).toThrow('not a regular file');
    expect(() => files.readListed(path.join(parent, 'outside/b.js'))).toThrow('outside the project');
    expect(() => files.readListed('/proc/self/environ')).toThrow('a system file');
    // A name that climbs out is judged by where it leads, not by how it starts.
    expect(() => files.readListed(`${repo}/../outside/b.js`)).toThrow('outside the project');
  });

  it('a project file that is a link to a file inside the project is read', () => {
    const dir = tempProject({ 'package.json': '{}', 'real/conf.json': '{"a":1}' });
    symlinkSync('real/conf.json', path.join(dir, 'conf.json'));
    expect(ProjectFiles.of(['.'], dir).read(path.join(dir, 'conf.json'))).toBe('{"a":1}');
  });
});
