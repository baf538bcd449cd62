// --changed-since <ref>: only what a pull request touches, on real git histories in temporary
// folders: findings on changed lines (commits, staged, unstaged, new files), findings on
// unchanged lines whose cause changed (a config module edited), and the hard negatives
// (an unrelated line of the same config module, a rename, untouched files); usage errors
// for a missing git, a folder outside a repository, and a ref that names no commit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../src/cli/git.js';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const RULES = { 'require-secure-cookie': 'error', 'no-httponly-false': 'error', 'no-hardcoded-secret': 'error', 'handle-session-errors': 'error' };

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

const CONFIG = ['module.exports = {', "  name: 'sid',", '  cookie: {', '    httpOnly: true,', '    secure: true,', '  },', '};', ''].join('\n');
const APP = [
  "const session = require('express-session');",
  "const config = require('./config');",
  '',
  'module.exports = session({ secret: process.env.SESSION_SECRET, cookie: config.cookie, name: config.name });',
  '',
  "router.get('/logout', (req, res) => {",
  '  req.session.destroy();',
  "  res.redirect('/');",
  '});',
  '',
].join('\n');

/** A repository with one commit on main (the app, whose only finding is the logout) and a branch `pr` checked out. */
function repo(): string {
  const dir = tempProject({ ...onlyRules(RULES), 'src/config.js': CONFIG, 'src/app.js': APP });
  git(dir, 'init', '-q');
  commitAll(dir, 'base');
  git(dir, 'checkout', '-q', '-b', 'pr');
  return dir;
}

const json = async (dir: string, ...args: string[]) => {
  const r = await cli(['-f', 'json', ...args], { cwd: dir });
  return { ...r, report: r.stdout ? parseJson(r.stdout) : undefined };
};

describe('--changed-since', () => {
  it('reports nothing when the pull request changes nothing, though the scan finds something', async () => {
    const dir = repo();
    expect((await json(dir)).report!.findings.map((f) => f.rule)).toEqual(['handle-session-errors']);
    const r = await json(dir, '--changed-since', 'main');
    expect(r.stderr).toBe('');
    expect(r.report!.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('reports findings on lines changed by commits, staged and unstaged edits, and in new files', async () => {
    const dir = repo();
    // A commit on the branch that touches the logout handler's line.
    write(dir, { 'src/app.js': APP.replace("  req.session.destroy();", "  req.session.destroy(); // log out") });
    commitAll(dir, 'pr 1');
    // Meanwhile main moves on (the merge base stays the branch point).
    git(dir, 'checkout', '-q', 'main');
    write(dir, { 'other.js': 'module.exports = 1;\n' });
    commitAll(dir, 'main moves');
    git(dir, 'checkout', '-q', 'pr');
    // An untracked file, and an unstaged edit of a committed one.
    write(dir, { 'src/new.js': "const session = require('express-session');\nmodule.exports = session({ secret: 'keyboard cat' });\n" });
    const r = await json(dir, '--changed-since', 'main');
    expect(r.report!.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['src/app.js:7 handle-session-errors', 'src/new.js:2 require-secure-cookie', 'src/new.js:2 no-hardcoded-secret']);
    expect(r.code).toBe(1);
    // A staged edit that turns httpOnly off in the app's own call.
    write(dir, { 'src/app.js': APP.replace('cookie: config.cookie,', 'cookie: { ...config.cookie, httpOnly: false },') });
    git(dir, 'add', 'src/app.js');
    const staged = await json(dir, '--changed-since', 'main', 'src/app.js');
    expect(staged.report!.findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['4 no-httponly-false']);
    expect(staged.report!.findings[0]!.message).not.toContain('cause changed');
  });

  it('reports a finding on an unchanged line whose cause changed, and says so; an unrelated edit of the same module is not a cause', async () => {
    const dir = repo();
    // Unrelated: the cookie name changes (no rule reads it for this finding).
    write(dir, { 'src/config.js': CONFIG.replace("name: 'sid'", "name: 'app.sid'") });
    expect((await json(dir, '--changed-since', 'main')).report!.findings).toEqual([]);
    // The cause: config.js turns secure off; the call in app.js did not change.
    write(dir, { 'src/config.js': CONFIG.replace('secure: true', 'secure: false') });
    commitAll(dir, 'insecure cookie');
    const r = await json(dir, '--changed-since', 'main');
    expect(r.report!.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['src/app.js:4 require-secure-cookie']);
    expect(r.report!.findings[0]!.message).toMatch(/ Reported because its cause changed since main: src\/config\.js:5\.$/);
    expect(r.code).toBe(1);
  });

  it('a removed line is a change: deleting `secure: true` from the config module reports the call', async () => {
    const dir = repo();
    write(dir, { 'src/config.js': CONFIG.replace('    secure: true,\n', '') });
    const r = await json(dir, '--changed-since', 'main');
    expect(r.report!.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual(['src/app.js:4 require-secure-cookie']);
    expect(r.report!.findings[0]!.message).toContain('Reported because its cause changed since main: src/config.js:');
  });

  it('a file moved on the branch is compared with its old self (only its edited lines count)', async () => {
    const dir = repo();
    renameSync(path.join(dir, 'src/app.js'), path.join(dir, 'src/routes.js'));
    commitAll(dir, 'move');
    expect((await json(dir, '--changed-since', 'main')).report!.findings).toEqual([]);
    // Against the commit itself nothing changed either.
    expect((await json(dir, '--changed-since', 'HEAD')).report!.findings).toEqual([]);
    // An edit of the moved file counts on its own line only.
    write(dir, { 'src/routes.js': APP.replace("res.redirect('/');", "res.redirect('/bye');") });
    expect((await json(dir, '--changed-since', 'main')).report!.findings).toEqual([]);
    write(dir, { 'src/routes.js': APP.replace('req.session.destroy();', 'req.session.destroy(); ') });
    expect((await json(dir, '--changed-since', 'main')).report!.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/routes.js:7']);
  });

  it('usage errors (exit 2, one line): git missing, not a repository, unknown ref, an option-like ref, and with --fix', async () => {
    const dir = repo();
    const noGit = await cli(['--changed-since', 'main'], { cwd: dir, env: { PATH: path.join(dir, 'no-such-bin') } });
    expect(noGit).toMatchObject({ code: 2, stdout: '' });
    expect(noGit.stderr).toBe('session-audit: --changed-since needs git, and git was not found on the PATH\n');
    const plain = tempProject({ ...onlyRules(RULES), 'app.js': APP });
    const notRepo = await cli(['--changed-since', 'main'], { cwd: plain, env: { GIT_CEILING_DIRECTORIES: path.dirname(plain) } });
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(/^session-audit: --changed-since: .* is not in a git repository \(not a git repository.*\)\n$/);
    const badRef = await cli(['--changed-since', 'no-such-branch'], { cwd: dir });
    expect(badRef).toMatchObject({ code: 2, stdout: '' });
    expect(badRef.stderr).toBe("session-audit: --changed-since: 'no-such-branch' is not a commit in this repository (a shallow clone may lack it: fetch it, or check out with fetch-depth: 0)\n");
    const dash = await cli(['--changed-since=--output=/tmp/x'], { cwd: dir });
    expect(dash.code).toBe(2);
    expect(dash.stderr).toBe("session-audit: --changed-since expects a git ref (a branch, tag or commit), got '--output=/tmp/x'\n");
    const fix = await cli(['--fix', '--changed-since', 'main'], { cwd: dir });
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain('--changed-since reports findings; use it without --fix');
  });

  it('runs no hook, fsmonitor, filter or diff driver the repository configures', async () => {
    const dir = repo();
    const marker = path.join(dir, 'PWNED');
    const cmd = `touch ${marker}`;
    git(dir, 'config', 'core.fsmonitor', cmd);
    git(dir, 'config', 'filter.evil.clean', cmd);
    git(dir, 'config', 'filter.evil.smudge', cmd);
    git(dir, 'config', 'diff.evil.textconv', cmd);
    git(dir, 'config', 'diff.external', cmd);
    write(dir, { '.gitattributes': '* filter=evil diff=evil\n', '.git/hooks/post-checkout': `#!/bin/sh\n${cmd}\n` });
    write(dir, { 'src/app.js': `${APP}// edited\n` });
    const r = await json(dir, '--changed-since', 'main');
    expect(r.code).toBe(0);
    expect(() => execFileSync('test', ['-e', marker])).toThrow();
  });
});

describe('diffLines', () => {
  it('changed and added lines of the new text, and the lines around a removal; CRLF and BOM are not changes', () => {
    expect([...diffLines('a\nb\nc\n', 'a\nB\nc\nd\n')]).toEqual([2, 4]);
    expect([...diffLines('a\nb\nc\n', 'a\nc\n')]).toEqual([1, 2]);
    expect([...diffLines('a\nb\n', 'b\n')]).toEqual([1]);
    expect([...diffLines('a\nb\n', 'a\n')]).toEqual([1, 2]);
    expect([...diffLines('a\r\nb\r\n', '\uFEFFa\nb\n')]).toEqual([]);
  });
});
