import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, chmodSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntaxErrors } from '../../src/cli/analyze.js';
import { applyEdits, planPass } from '../../src/cli/fix.js';
import type { Finding } from '../../src/rule.js';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const CONFIG = "'use strict';\nmodule.exports = {\n  sessionSecret: process.env.SESSION_SECRET || 'dev',\n};\n";
const APP = [
  "const session = require('express-session');",
  "const config = require('./config');",
  '',
  'module.exports = session({',
  '  secret: config.sessionSecret,',
  '  cookie: { httpOnly: false },',
  '});',
  '',
  "router.get('/logout', (req, res) => {",
  '  req.session.destroy();',
  "  res.redirect('/');",
  '});',
  '',
].join('\n');
const RULES = { 'no-hardcoded-secret': 'error', 'no-httponly-false': 'error', 'require-secure-cookie': 'error', 'handle-session-errors': 'error' };

function project(extra: Record<string, string | Buffer> = {}) {
  return tempProject({ ...onlyRules(RULES), 'src/config.js': CONFIG, 'src/app.js': APP, ...extra });
}

const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');

describe('--fix', () => {
  it('applies the first suggestion of each finding, across modules, and a second run has nothing left', async () => {
    const dir = project();
    const first = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(parseJson(first.stdout).stats).toMatchObject({ fixed: 4, errors: 0 });
    expect(read(dir, 'src/config.js')).toBe("'use strict';\nmodule.exports = {\n  sessionSecret: process.env.SESSION_SECRET,\n};\n");
    expect(read(dir, 'src/app.js')).toBe(
      [
        "const session = require('express-session');",
        "const config = require('./config');",
        '',
        'module.exports = session({',
        '  secret: config.sessionSecret,',
        "  cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production' },",
        '});',
        '',
        "router.get('/logout', (req, res, next) => {",
        '  req.session.destroy((err) => {',
        '    if (err) return next(err);',
        "    res.redirect('/');",
        '  });',
        '});',
        '',
      ].join('\n'),
    );
    for (const f of ['src/app.js', 'src/config.js']) expect(syntaxErrors(path.join(dir, f), read(dir, f))).toBe(0);
    const second = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(parseJson(second.stdout)).toMatchObject({ findings: [], stats: { fixed: 0 } });
    // Atomic writes leave no temporary file behind.
    expect(readdirSync(path.join(dir, 'src')).sort()).toEqual(['app.js', 'config.js']);
  });

  it('keeps CRLF line endings, the BOM and the file mode', async () => {
    const crlf = `\uFEFF${APP.replace(/\n/g, '\r\n')}`;
    const dir = project({ 'src/app.js': crlf });
    chmodSync(path.join(dir, 'src/app.js'), 0o640);
    const r = await cli(['--fix', '--preset', 'none', '--rule', 'handle-session-errors=error'], { cwd: dir });
    expect(r.code).toBe(0);
    const after = read(dir, 'src/app.js');
    expect(after.startsWith('\uFEFF')).toBe(true);
    expect(after).toContain("router.get('/logout', (req, res, next) => {\r\n  req.session.destroy((err) => {\r\n    if (err) return next(err);\r\n    res.redirect('/');\r\n  });\r\n});\r\n");
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(statSync(path.join(dir, 'src/app.js')).mode & 0o777).toBe(0o640);
  });

  it('--fix-dry-run prints a unified diff on stdout, the report on stderr, and writes nothing', async () => {
    const dir = project();
    const r = await cli(['--fix-dry-run', '--rule', 'require-secure-cookie=off', '--rule', 'handle-session-errors=off'], { cwd: dir });
    expect(r.stdout).toBe(
      [
        'diff --git a/src/app.js b/src/app.js',
        '--- a/src/app.js',
        '+++ b/src/app.js',
        '@@ -3,7 +3,7 @@',
        ' ',
        ' module.exports = session({',
        '   secret: config.sessionSecret,',
        '-  cookie: { httpOnly: false },',
        '+  cookie: { httpOnly: true },',
        ' });',
        ' ',
        " router.get('/logout', (req, res) => {",
        'diff --git a/src/config.js b/src/config.js',
        '--- a/src/config.js',
        '+++ b/src/config.js',
        '@@ -1,4 +1,4 @@',
        " 'use strict';",
        ' module.exports = {',
        "-  sessionSecret: process.env.SESSION_SECRET || 'dev',",
        '+  sessionSecret: process.env.SESSION_SECRET,',
        ' };',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('✔ Fixed 2 findings.\n✔ No problems found (2 files checked).\n');
    // It exits as the scan does: the errors it would fix are still in the code.
    expect(r.code).toBe(1);
    expect(read(dir, 'src/app.js')).toBe(APP);
    expect(read(dir, 'src/config.js')).toBe(CONFIG);
    // The patch applies as it is.
    execFileSync('git', ['apply', '--check', '-'], { cwd: dir, input: r.stdout });
  });

  it('--fix-dry-run exits as a scan does: 1 for errors it would fix or leave, 0 when clean, warnings against --max-warnings', async () => {
    const dir = project();
    const scan = await cli(['-f', 'json'], { cwd: dir });
    const dry = await cli(['--fix-dry-run', '-f', 'json'], { cwd: dir });
    expect(scan.code).toBe(1);
    expect(dry.code).toBe(scan.code);
    expect(parseJson(dry.stderr).stats).toMatchObject({ fixed: 4, errors: 0 });
    // The same findings at warn: exit 0 as the scan, but 1 over --max-warnings even though all would be fixed.
    const warn = ['--rule', 'no-hardcoded-secret=warn', '--rule', 'no-httponly-false=warn', '--rule', 'require-secure-cookie=warn', '--rule', 'handle-session-errors=warn'];
    expect((await cli(['--fix-dry-run', ...warn], { cwd: dir })).code).toBe(0);
    expect((await cli(['--max-warnings', '3', ...warn], { cwd: dir })).code).toBe(1);
    expect((await cli(['--fix-dry-run', '--max-warnings', '3', ...warn], { cwd: dir })).code).toBe(1);
    expect((await cli(['--fix-dry-run', '--max-warnings', '4', ...warn], { cwd: dir })).code).toBe(0);
    // Hard negative: nothing to fix and nothing found.
    const clean = tempProject({ ...onlyRules(RULES), 'app.js': "module.exports = require('express-session')({ secret: process.env.S, cookie: { secure: true } });\n" });
    const none = await cli(['--fix-dry-run'], { cwd: clean });
    expect(none.stdout).toBe('');
    expect(none.code).toBe(0);
    // After a real --fix the dry run has nothing left and exits 0.
    expect((await cli(['--fix'], { cwd: dir })).code).toBe(0);
    expect((await cli(['--fix-dry-run'], { cwd: dir })).code).toBe(0);
  });

  it('only writes files under the scanned paths', async () => {
    const dir = project({ 'secret-only.json': JSON.stringify({ preset: 'none', rules: { 'no-hardcoded-secret': 'error' } }) });
    const r = await cli(['--fix', '--config', 'secret-only.json', 'src/app.js'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('session-audit: warning: no fix for no-hardcoded-secret at src/app.js:5:3: the fix edits src/config.js, which is not under the scanned paths\n');
    expect(read(dir, 'src/config.js')).toBe(CONFIG);
    expect(r.stdout).toContain('src/app.js\n  5:3  error  The session secret falls back');
  });

  it('leaves findings without a remedy in the report', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-memory-store': 'error' }), 'app.js': "require('express-session')({ secret: process.env.S });\n" });
    const r = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).findings.map((f) => f.rule)).toEqual(['no-memory-store']);
    expect(parseJson(r.stdout).stats.fixed).toBe(0);
  });
});

describe('fix planning', () => {
  const file = '/virtual/a.js';
  const text = 'const a = { x: 1 };\n';
  const finding = (id: string, edits: { start: number; end: number; text: string }[]): Finding => ({
    ruleId: id,
    messageId: 'm',
    message: id,
    data: {},
    file,
    start: 0,
    end: 1,
    suggestions: [{ messageId: 's', data: {}, message: 's', edits: edits.map((e) => ({ file, ...e })) }],
  });
  const plan = (findings: Finding[], budget = 1) =>
    planPass(
      findings.map((f) => ({ finding: f, key: f.ruleId })),
      { textOf: () => text, writable: () => true, budget: new Map(findings.map((f) => [f.ruleId, budget])), syntaxErrors },
    );

  it('applies identical edits once and defers an overlapping one to the next pass', () => {
    const out = plan([
      finding('a', [{ start: 15, end: 16, text: '2' }]),
      finding('b', [{ start: 15, end: 16, text: '2' }]),
      finding('c', [{ start: 16, end: 16, text: ', y: 3' }]),
    ]);
    expect(out.texts.get(file)).toBe('const a = { x: 2 };\n');
    expect(out).toMatchObject({ applied: 2, deferred: 1, rejected: [] });
  });

  it('rejects a fix that would leave the file with a syntax error', () => {
    const out = plan([finding('broken', [{ start: 15, end: 16, text: '2,,' }]), finding('fine', [{ start: 6, end: 7, text: 'b' }])]);
    expect(out.texts.get(file)).toBe('const b = { x: 1 };\n');
    expect(out.applied).toBe(1);
    expect(out.rejected.map((r) => [r.finding.ruleId, r.reason, r.file])).toEqual([['broken', 'syntax', file]]);
  });

  it('converts inserted line breaks to the file\'s', () => {
    expect(applyEdits('a\r\nb\r\n', [{ file, start: 3, end: 3, text: 'x\ny\n' }])).toBe('a\r\nx\r\ny\r\nb\r\n');
    expect(applyEdits('a\nb\n', [{ file, start: 2, end: 2, text: 'x\n' }])).toBe('a\nx\nb\n');
  });
});
