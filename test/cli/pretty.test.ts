// The default output on a terminal (`pretty`): one finding read in one pass: the message
// wrapped to the terminal's width, where it is (path:line:column) with the code and carets,
// where the bad value comes from, the first remedy as a short diff, the rule's page (an OSC 8
// link where the terminal shows links). Not a terminal, CI, or --format stylish: one line per
// finding, as before.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cli, onlyRules, tempProject } from './helpers.js';

const FILES = {
  ...onlyRules({ 'no-hardcoded-secret': 'error', 'no-httponly-false': 'warn', 'no-memory-store': 'error' }),
  'src/config.js': "module.exports = { secret: process.env.SESSION_SECRET || 'keyboard cat' };\n",
  'src/app.js': [
    "const session = require('express-session');",
    "const config = require('./config');",
    '',
    'app.use(session({',
    '  secret: config.secret,',
    "  store: new (require('connect-redis').RedisStore)({ client }),",
    '  cookie: { httpOnly: false },',
    '}));',
    '',
  ].join('\n'),
};

const OSC8 = /\u001b\]8;;([^\u001b]*)\u001b\\([^\u001b]*(?:\u001b\[[0-9;]*m[^\u001b]*)*)\u001b\]8;;\u001b\\/g;
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const visible = (s: string) => stripAnsi(s.replace(OSC8, '$2'));

describe('--format pretty (the default on a terminal)', () => {
  it('shows the message, the place with its code and carets, where the value comes from, the fix as a diff and the rule pages', async () => {
    const dir = tempProject(FILES);
    const r = await cli([], { cwd: dir, stdoutTTY: true, columns: 80, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('\u001b'); // NO_COLOR: no colour, no link
    const out = r.stdout;
    expect(out).toContain(
      [
        'error: The session secret falls back to a hardcoded value when SESSION_SECRET is',
        '       not set (from ./config.js:1). A deployment that forgets the variable',
        '       signs cookies with a public key; fail at start-up instead.',
        ' --> src/app.js:5:3  no-hardcoded-secret',
        '  │',
        '5 │   secret: config.secret,',
        '  │   ^^^^^^^^^^^^^^^^^^^^^',
        '  = value from: src/config.js:1',
        "1 │ module.exports = { secret: process.env.SESSION_SECRET || 'key•••••••••' };",
        '  = fix: Remove the fallback and use process.env.SESSION_SECRET alone. (--fix',
        '         applies it)',
        '    src/config.js',
        "1 │ - module.exports = { secret: process.env.SESSION_SECRET || 'key•••••••••' };",
        '1 │ + module.exports = { secret: process.env.SESSION_SECRET };',
      ].join('\n'),
    );
    expect(out).toContain(
      [
        "warning: The session cookie's `httpOnly` is false in production: any script on",
        '         the page, including an injected one (XSS), can read the cookie and take',
        '         over the session.',
        ' --> src/app.js:7:13  no-httponly-false',
      ].join('\n'),
    );
    expect(out).toContain(['  │', '7 │   cookie: { httpOnly: false },', '  │             ^^^^^^^^^^^^^^^'].join('\n'));
    // Grouped by file (the name once), the rule pages once, then stylish's summary.
    expect(out.split('\n').filter((l) => l === 'src/app.js')).toHaveLength(1);
    expect(out).toContain(
      [
        'Rules:',
        '  no-hardcoded-secret',
        '    https://github.com/session-audit/session-audit/blob/main/docs/rules/no-hardcoded-secret.md',
      ].join('\n'),
    );
    expect(out.endsWith('✖ 2 problems (1 error, 1 warning)\n  2 findings have a suggested fix: run with --fix to apply, --fix-dry-run to\n  preview.\n'), out.slice(-200)).toBe(true);
    // Nothing wider than the terminal but an address, which is never cut.
    for (const line of out.split('\n')) if (!/^\s*https:\/\//.test(line)) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
  });

  it('wraps to the width it is given, and shows a long line from the place that matters', async () => {
    const long = `app.use(session({ resave: false, saveUninitialized: false, name: 'sid', rolling: true, unset: 'destroy', secret: 'abcdefghij' }));`;
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'app.js': `const session = require('express-session');\n${long}\n` });
    const r = await cli([], { cwd: dir, stdoutTTY: true, columns: 60, env: { NO_COLOR: '1' } });
    const lines = r.stdout.split('\n');
    for (const line of lines) if (!/^\s*https:\/\//.test(line)) expect(stringWidth(line), line).toBeLessThanOrEqual(60);
    const code = lines.findIndex((l) => l.startsWith('2 │ …'));
    expect(lines[code]).toContain("secret: 'ab••••••••'");
    // The carets stay under the secret.
    expect(lines[code + 1]!.indexOf('^')).toBe(lines[code]!.indexOf('secret'));
  });

  it('links the rule to its page (OSC 8) where the terminal supports it, colours as stylish does', async () => {
    const dir = tempProject(FILES);
    const r = await cli([], { cwd: dir, stdoutTTY: true, columns: 100, env: { FORCE_COLOR: '1', FORCE_HYPERLINK: '1' } });
    const links = [...r.stdout.matchAll(OSC8)].map((m) => [m[1], stripAnsi(m[2]!)]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['https://github.com/session-audit/session-audit/blob/main/docs/rules/no-hardcoded-secret.md', 'no-hardcoded-secret'],
        ['https://github.com/session-audit/session-audit/blob/main/docs/rules/no-httponly-false.md', 'no-httponly-false'],
      ]),
    );
    expect(r.stdout).toContain('\u001b[31m'); // red
    expect(visible(r.stdout)).not.toContain('Rules:'); // the links say it
    // FORCE_HYPERLINK=0, or no colour: the pages listed instead.
    const off = await cli([], { cwd: dir, stdoutTTY: true, columns: 100, env: { FORCE_COLOR: '1', FORCE_HYPERLINK: '0' } });
    expect(off.stdout).not.toMatch(OSC8);
    expect(visible(off.stdout)).toContain('Rules:');
  });

  it('stays one line per finding off a terminal, in CI, with TERM=dumb and with --format stylish', async () => {
    const dir = tempProject(FILES);
    const stylishLine = /^ {2}5:3 {3}error {4}The session secret falls back/m;
    expect((await cli([], { cwd: dir })).stdout).toMatch(stylishLine);
    expect((await cli([], { cwd: dir, stdoutTTY: true, env: { CI: 'true', NO_COLOR: '1' } })).stdout).toMatch(stylishLine);
    expect((await cli([], { cwd: dir, stdoutTTY: true, env: { TERM: 'dumb' } })).stdout).toMatch(stylishLine);
    expect((await cli(['--format', 'stylish'], { cwd: dir, stdoutTTY: true, env: { NO_COLOR: '1' } })).stdout).toMatch(stylishLine);
    // And --format pretty asks for it anywhere (a pager: `session-audit -f pretty --color | less -R`).
    expect((await cli(['--format', 'pretty'], { cwd: dir })).stdout).toContain(' --> src/app.js:5:3  no-hardcoded-secret');
  });

  it('no control character of the scanned code or its file names reaches the terminal', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'we\u001b[2Jird.js': "const session = require('express-session');\napp.use(session({ secret: 'x' })); // \u001b]0;owned\u0007 \u001b[31m\n",
    });
    const r = await cli([], { cwd: dir, stdoutTTY: true, env: { NO_COLOR: '1' } });
    expect(r.stdout).toContain('we\\u001b[2Jird.js');
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
