import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPS, PROJECTS, cli, onlyRules, parseJson, tempProject } from './helpers.js';

type Row = [file: string, line: number, rule: string];

describe('cross-module values', () => {
  const cwd = path.join(PROJECTS, 'cross-module');

  it('reports a secret from module.exports with a fallback, a barrel re-export and a JSON config at the session() call, naming the origin', async () => {
    const r = await cli(['-f', 'json', '--preset', 'none', '--rule', 'no-hardcoded-secret=error', '--rule', 'no-httponly-false=error'], { cwd });
    expect(r.code).toBe(1);
    const { findings } = parseJson(r.stdout);
    expect(findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, column: f.column, message: f.message }))).toEqual([
      {
        rule: 'no-hardcoded-secret',
        file: 'src/app.js',
        line: 12,
        column: 3, // `secret: config.sessionSecret,` inside session({...})
        message:
          'The session secret falls back to a hardcoded value when SESSION_SECRET is not set (from ./config.js:6). A deployment that forgets the variable signs cookies with a public key; fail at start-up instead.',
      },
      {
        rule: 'no-httponly-false',
        file: 'src/esm/server.mjs',
        line: 13,
        column: 3, // `cookie: cookieOptions,` in the session({...}) call: the object is written in another module
        message:
          "The session cookie's `httpOnly` is false in production (from ./cookie.mjs:4): any script on the page, including an injected one (XSS), can read the cookie and take over the session.",
      },
      {
        rule: 'no-hardcoded-secret',
        file: 'src/json-app.js',
        line: 10,
        column: 5,
        message:
          'The session secret is hardcoded (from ../config/default.json:4). Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.',
      },
    ]);
    // The remedy for the fallback edits the module where the value is written.
    expect(findings[0]!.suggestions[0]!.edits).toEqual([{ file: 'src/config.js', line: 6, column: 18, endLine: 6, endColumn: 53, text: 'process.env.SESSION_SECRET' }]);
    // JSON has no mechanical remedy.
    expect(findings[2]!.suggestions).toEqual([]);
  });

  it('follows a tsconfig path alias (nearest tsconfig.json, or --tsconfig)', async () => {
    const cwd = path.join(PROJECTS, 'ts-paths');
    const expected: Row[] = [['src/server/app.ts', 8, 'no-hardcoded-secret']];
    const rows = (out: string) => parseJson(out).findings.map((f): Row => [f.file, f.line, f.rule]);
    const nearest = await cli(['-f', 'json', '--preset', 'none', '--rule', 'no-hardcoded-secret=error'], { cwd });
    expect(rows(nearest.stdout)).toEqual(expected);
    expect(parseJson(nearest.stdout).findings[0]!.message).toContain('(from ../config/session.ts:1)');
    const explicit = await cli(['-f', 'json', '--preset', 'none', '--rule', 'no-hardcoded-secret=error', '--tsconfig', 'tsconfig.json', 'src/server'], { cwd });
    expect(rows(explicit.stdout)).toEqual(expected);
  });

  it('judges each app of a monorepo with its own tsconfig (one project per tsconfig/package root)', async () => {
    const app = "import session from 'express-session';\nimport { secret } from '#cfg';\nexport const mw = session({ secret });\n";
    const tsconfig = (target: string) => JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', paths: { '#cfg': [target] } } });
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'packages/a/package.json': '{"name":"a"}',
      'packages/a/tsconfig.json': tsconfig('./src/cfg.ts'),
      'packages/a/src/cfg.ts': "export const secret = 'a-secret';\n",
      'packages/a/src/app.ts': app,
      'packages/b/package.json': '{"name":"b"}',
      'packages/b/tsconfig.json': tsconfig('./lib/settings.ts'),
      'packages/b/lib/settings.ts': "\nexport const secret = process.env.B ?? 'b-secret';\n",
      'packages/b/src/app.ts': app,
    });
    const { findings } = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout);
    expect(findings.map((f) => [f.file, f.line, f.message.match(/\(from [^)]+\)/)?.[0]])).toEqual([
      ['packages/a/src/app.ts', 3, '(from ./cfg.ts:1)'],
      ['packages/b/src/app.ts', 3, '(from ../lib/settings.ts:2)'],
    ]);
  });

  it('does not load packages from node_modules (an installed package stays a module by name)', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'node_modules/express-session/package.json': JSON.stringify({ name: 'express-session', main: 'index.js' }),
      'node_modules/express-session/index.js': "module.exports = function session(options) { return options.secret = 'oops'; };\n",
      'app.js': "const session = require('express-session');\nsession({ secret: 'literal' });\n",
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(parseJson(r.stdout).findings.map((f): Row => [f.file, f.line, f.rule])).toEqual([['app.js', 2, 'no-hardcoded-secret']]);
    expect(parseJson(r.stdout).stats.files).toBe(1);
  });
});

describe('app facts', () => {
  const files = {
    ...onlyRules({ 'secure-cookie-needs-trust-proxy': 'error' }),
    'src/session.js':
      "const session = require('express-session');\nconst RedisStore = require('connect-redis').default;\nmodule.exports = (client) => session({ store: new RedisStore({ client }), secret: process.env.S, cookie: { secure: true } });\n",
  };
  // No word of a session library here: the file is read for what it says about the app, not checked.
  const server = "const express = require('express');\nconst app = express();\napp.set('trust proxy', 1);\nmodule.exports = app;\n";

  it('come from every file of the app, also those that hold no session code and those outside the scanned paths', async () => {
    const dir = tempProject({ ...files, 'src/server.js': server });
    for (const args of [[], ['src/session.js']]) {
      const r = await cli(['-f', 'json', ...args], { cwd: dir });
      expect(parseJson(r.stdout).findings, args.join(' ')).toEqual([]);
    }
    const without = tempProject(files);
    const r = await cli(['-f', 'json'], { cwd: without });
    expect(parseJson(r.stdout).findings.map((f): Row => [f.file, f.line, f.rule])).toEqual([['src/session.js', 3, 'secure-cookie-needs-trust-proxy']]);
  });
});

describe('app facts: an expiry the handlers set on each session (real code: Grist)', () => {
  const files = {
    ...onlyRules({ 'require-cookie-expiry': 'warn' }),
    'src/sessions.ts': "import session from 'express-session';\nexport const sessions = session({ secret: process.env.S, store, cookie: { sameSite: 'lax' } });\n",
  };

  it('a file that loads no session library and sets req.session.cookie.maxAge silences the rule, also when only the site is scanned', async () => {
    const dir = tempProject({ ...files, 'src/authorizer.ts': 'export function addUser(req: any) {\n  const session = req.session;\n  if (!session.cookie.maxAge) session.cookie.maxAge = 14 * 24 * 3600 * 1000;\n}\n' });
    for (const args of [[], ['src/sessions.ts']]) {
      const r = await cli(['-f', 'json', ...args], { cwd: dir });
      expect(parseJson(r.stdout).findings, args.join(' ')).toEqual([]);
    }
    const without = tempProject({ ...files, 'src/authorizer.ts': 'export function addUser(req: any) {\n  if (req.session.cookie.maxAge == null) req.session.touch();\n}\n' });
    const r = await cli(['-f', 'json'], { cwd: without });
    expect(parseJson(r.stdout).findings.map((f): Row => [f.file, f.line, f.rule])).toEqual([['src/sessions.ts', 2, 'require-cookie-expiry']]);
  });
});

describe("app facts: passport handed to a routes module (real code: DVNA's require('./routes/main')(passport))", () => {
  const routes = "const router = require('express').Router();\nmodule.exports = function (passport) {\n  router.post('/login', passport.authenticate('login', { successRedirect: '/', failureRedirect: '/login' }));\n  return router;\n};\n";
  const server = "const express = require('express');\nconst passport = require('passport');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: process.env.S, store }));\napp.use(passport.session());\napp.use('/', require('./routes/main')(passport));\napp.listen(3000);\n";
  const project = (passport: string) => ({
    'package.json': JSON.stringify({ name: 'tmp', private: true, dependencies: { passport, 'express-session': '^1.18.0' } }),
    'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'regenerate-on-login': 'error' } }),
    'server.js': server,
    'routes/main.js': routes,
  });

  it('passport before 0.6 keeps the session ID: reported at the authenticate call of the routes module; hard negative: 0.6', async () => {
    const r = await cli(['-f', 'json'], { cwd: tempProject(project('^0.4.0')) });
    expect(parseJson(r.stdout).findings.map((f): Row => [f.file, f.line, f.rule])).toEqual([['routes/main.js', 3, 'regenerate-on-login']]);
    const fixed = await cli(['-f', 'json'], { cwd: tempProject(project('^0.6.0')) });
    expect(parseJson(fixed.stdout).findings).toEqual([]);
  });
});

describe('the app model in the CLI: a repository of examples, one package.json', () => {
  const session = "const session = require('express-session');\nmodule.exports = session({ secret: process.env.S, cookie: { secure: true } });\n";
  const server = (extra: string) => `const express = require('express');\nconst app = express();\n${extra}app.use(require('./session'));\napp.listen(3000);\n`;

  it('trust proxy of one example does not silence another; each example with it is quiet', async () => {
    const dir = tempProject({
      ...onlyRules({ 'secure-cookie-needs-trust-proxy': 'error' }),
      'behind-proxy/app.js': server("app.set('trust proxy', 1);\n"),
      'behind-proxy/session.js': session,
      'enabled/app.js': server("app.enable('trust proxy');\n"),
      'enabled/session.js': session,
      'plain/app.js': server(''),
      'plain/session.js': session,
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(parseJson(r.stdout).findings.map((f): Row => [f.file, f.line, f.rule])).toEqual([['plain/session.js', 2, 'secure-cookie-needs-trust-proxy']]);
  });
});

describe('fixture apps', () => {
  /** Parses a README table whose first three columns are `file` | line | `rule`. */
  function table(readme: string, heading: string): Row[] {
    const section = readme.split(`## ${heading}`)[1]!.split('\n## ')[0]!;
    return [...section.matchAll(/^\| `([^`]+)` \| (\d+) \| ([^|]+) \|/gm)].map((m) => [m[1]!, Number(m[2]), m[3]!.trim()] as Row);
  }

  it('vulnerable-express: every expected finding of the README, at its line, including the cross-module secret', async () => {
    const cwd = path.join(APPS, 'vulnerable-express');
    const readme = readFileSync(path.join(cwd, 'README.md'), 'utf8');
    const expected = table(readme, 'Expected findings').map(([f, l, r]): Row => [f, l, r.replace(/`/g, '')]);
    expect(expected).toContainEqual(['src/app.js', 19, 'no-hardcoded-secret']);
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd });
    expect(r.code).toBe(1);
    const { findings, fileErrors } = parseJson(r.stdout);
    expect(fileErrors).toEqual([]);
    const got = findings.map((f): Row => [f.file, f.line, f.rule]);
    // Exactly the README's findings for the rules the README covers (rules added later are checked by their own tests).
    const covered = new Set(expected.map(([, , rule]) => rule));
    const sort = (rows: Row[]) => [...rows].sort((a, b) => a.join().localeCompare(b.join()));
    expect(sort(got.filter(([, , rule]) => covered.has(rule)))).toEqual(sort(expected));
    const secret = findings.find((f) => f.file === 'src/app.js' && f.rule === 'no-hardcoded-secret')!;
    expect(secret.message).toContain('(from ./config.js:7)');

    // Hard negatives: "| `file` | line | `rule` (and ...) | why |" must not be reported.
    for (const [file, line, rules] of table(readme, 'Hard negatives (must not be reported)')) {
      for (const rule of [...rules.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!)) {
        expect(got, `${file}:${line} ${rule}`).not.toContainEqual([file, line, rule]);
      }
    }
  });

  it('vulnerable-nextjs-authjs: exactly the README findings (Auth.js options judged where written), none of its hard negatives', async () => {
    const cwd = path.join(APPS, 'vulnerable-nextjs-authjs');
    const readme = readFileSync(path.join(cwd, 'README.md'), 'utf8');
    const expected = table(readme, 'Expected findings').map(([f, l, r]): Row => [f, l, r.replace(/`/g, '')]);
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd });
    expect(r.code).toBe(1);
    const { findings, fileErrors } = parseJson(r.stdout);
    expect(fileErrors).toEqual([]);
    const got = findings.map((f): Row => [f.file, f.line, f.rule]);
    const sort = (rows: Row[]) => [...rows].sort((a, b) => a.join().localeCompare(b.join()));
    expect(sort(got)).toEqual(sort(expected));
    for (const [file, line, rules] of table(readme, 'Hard negatives (must not be reported)')) {
      for (const rule of [...rules.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!)) expect(got, `${file}:${line} ${rule}`).not.toContainEqual([file, line, rule]);
    }
  });

  it('hardened-nextjs-authjs: nothing to report with every rule on', async () => {
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd: path.join(APPS, 'hardened-nextjs-authjs') });
    const { findings, fileErrors, stats } = parseJson(r.stdout);
    expect({ findings, fileErrors }).toEqual({ findings: [], fileErrors: [] });
    expect(stats.analyzedFiles).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });

  it('hardened-express: nothing to report with every rule on', async () => {
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd: path.join(APPS, 'hardened-express') });
    const { findings, fileErrors, stats } = parseJson(r.stdout);
    expect({ findings, fileErrors }).toEqual({ findings: [], fileErrors: [] });
    expect(stats.analyzedFiles).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });
});

describe('files that cannot be checked', () => {
  it('reports an unparseable file with its reason and still reports the findings of the others (exit 1)', async () => {
    const r = await cli([], { cwd: path.join(PROJECTS, 'broken') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '',
        'src/broken.js',
        '  6:1  error  Parsing error: Merge conflict marker encountered.  (file error)',
        '',
        'src/ok.js',
        '  3:28  error  The session secret is hardcoded. Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.  no-hardcoded-secret',
        '',
        '✖ 1 problem (1 error, 0 warnings), 1 file or path could not be checked',
        '  1 finding has a suggested fix: run with --fix to apply, --fix-dry-run to preview.',
        '',
      ].join('\n'),
    );
  });

  it("JavaScript's own syntax checks: a misplaced decorator is a parse error; TypeScript-only syntax without an '@' is analyzed", async () => {
    const APP = "const session = require('express-session');\napp.use(session({ secret: 'keyboard cat' }));\n";
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'a.js': `${APP}@dec export @dec class A {}\n`,
      'b.js': `${APP}class B { m(@dec p) {} }\n`,
      // Hard negative: `as` and a type annotation in JavaScript, no '@' (the tree is complete: analyzed like TypeScript).
      'c.js': `${APP}const x = (y as any);\nlet n: number = 1;\n`,
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = parseJson(r.stdout);
    expect(out.fileErrors.map((e) => [e.file, e.message])).toEqual([
      ['a.js', "Parsing error: Decorators may not appear after 'export' or 'export default' if they also appear before 'export'."],
      ['b.js', 'Parsing error: Decorators are not valid here.'],
    ]);
    expect(out.findings.map((f) => [f.file, f.rule])).toEqual([['c.js', 'no-hardcoded-secret']]);
  });

  it('makes the exit code 1 even without findings', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'a.js': "const session = require('express-session');\nsession({ secret: ;\n" });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).fileErrors).toEqual([{ file: 'a.js', kind: 'parse', message: 'Parsing error: Expression expected.', line: 2, column: 19 }]);
  });

  it('reports a missing path and scans the others; exit 2 only when no path exists', async () => {
    const cwd = path.join(PROJECTS, 'broken');
    const some = await cli(['-f', 'json', 'src/ok.js', 'nope'], { cwd });
    expect(some.code).toBe(1);
    const out = parseJson(some.stdout);
    expect(out.fileErrors).toEqual([{ file: 'nope', kind: 'path', message: "cannot scan 'nope': no such file or folder" }]);
    expect(out.findings.map((f) => f.file)).toEqual(['src/ok.js']);
    const none = await cli(['nope', 'neither'], { cwd });
    expect(none).toEqual({
      code: 2,
      stdout: '',
      stderr: "session-audit: cannot scan 'nope': no such file or folder; cannot scan 'neither': no such file or folder\n",
    });
  });
});

describe('suppressions', () => {
  it('honors eslint-disable-next-line, -line, block and bare directives, and only comments', async () => {
    const r = await cli(['-f', 'json'], { cwd: path.join(PROJECTS, 'suppressions') });
    const out = parseJson(r.stdout);
    expect(out.findings.map((f) => f.line)).toEqual([12, 18, 21]);
    expect(out.stats.suppressed).toBe(5);
  });

  it('re-enables one rule inside a bare disable, and ignores a directive for another plugin', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error', 'no-memory-store': 'warn' }),
      'a.js': [
        "const session = require('express-session');",
        '/* eslint-disable */',
        '/* eslint-enable session-audit/no-memory-store */',
        "session({ secret: 'a' });",
        '/* eslint-enable */',
        '// eslint-disable-next-line other-plugin/no-hardcoded-secret, no-hardcoded-secret',
        "session({ secret: 'b' });",
        '',
      ].join('\n'),
    });
    const out = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout);
    expect(out.findings.map((f) => [f.line, f.rule])).toEqual([
      [4, 'no-memory-store'],
      [7, 'no-memory-store'], // column 1 (the callee)
      [7, 'no-hardcoded-secret'], // column 11
    ]);
  });
});

describe('configuration', () => {
  const app = { 'src/app.js': "const session = require('express-session');\nmodule.exports = session({ secret: 'x', cookie: { httpOnly: false } });\n" };
  const rows = async (dir: string, args: string[] = []) => parseJson((await cli(['-f', 'json', ...args], { cwd: dir })).stdout).findings.map((f) => `${f.rule}:${f.severity}`);

  it('reads session-audit.config.json, and --rule wins', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'warn', 'no-httponly-false': 'error' }), ...app });
    expect(await rows(dir)).toEqual(['no-hardcoded-secret:warning', 'no-httponly-false:error']);
    expect(await rows(dir, ['--rule', 'no-httponly-false=off', '--rule', 'session-audit/no-hardcoded-secret=error'])).toEqual(['no-hardcoded-secret:error']);
    expect(await rows(dir, ['--quiet'])).toEqual(['no-httponly-false:error']);
  });

  it('reads the "sessionAudit" key of package.json, nearest to each file', async () => {
    const dir = tempProject({
      'package.json': JSON.stringify({ name: 'root', sessionAudit: { preset: 'none', rules: { 'no-hardcoded-secret': 'error' } } }),
      'packages/web/package.json': JSON.stringify({ name: 'web', sessionAudit: { preset: 'none', rules: { 'no-httponly-false': 'warn' } } }),
      ...app,
      'packages/web/app.js': app['src/app.js'],
    });
    const out = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout);
    expect(out.findings.map((f) => [f.file, f.rule, f.severity])).toEqual([
      ['packages/web/app.js', 'no-httponly-false', 'warning'],
      ['src/app.js', 'no-hardcoded-secret', 'error'],
    ]);
  });

  it('uses --config instead of looking up', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), ...app, 'other.json': JSON.stringify({ preset: 'none', rules: { 'no-httponly-false': 'error' } }) });
    expect(await rows(dir, ['--config', 'other.json'])).toEqual(['no-httponly-false:error']);
  });

  it.each([
    [{ rules: { 'no-such-rule': 'error' } }, /^session-audit: unknown rule 'no-such-rule' in session-audit\.config\.json \(known rules: no-hardcoded-secret, [^)]*\)\n$/],
    [{ rules: { 'no-memory-store': 'on' } }, /^session-audit: session-audit\.config\.json: rule 'no-memory-store' has severity "on"; expected "off", "warn" or "error"\n$/],
    [{ rules: { 'no-memory-store': ['error', { max: 1 }] } }, /^session-audit: session-audit\.config\.json: invalid options for rule 'no-memory-store': Value \{"max":1\} should NOT have additional properties\. Unexpected property "max"\. Expected properties: "includeTests"\.\n$/],
    [{ rules: { 'no-memory-store': ['error', { includeTests: 'yes' }] } }, /^session-audit: session-audit\.config\.json: invalid options for rule 'no-memory-store': Value "yes" should be boolean\.\n$/],
    [{ rules: { 'no-memory-store': ['error', {}, 2] } }, /^session-audit: session-audit\.config\.json: invalid options for rule 'no-memory-store': Value \[\{\},2\] should NOT have more than 1 items\.\n$/],
    [{ includeTests: 'yes' }, /^session-audit: session-audit\.config\.json: "includeTests" must be true or false\n$/],
    [{ rule: {} }, /^session-audit: session-audit\.config\.json: unknown key 'rule' \(allowed: preset, rules, ignorePatterns, includeTests, libraries\)\n$/],
    [{ ignorePatterns: 'dist' }, /^session-audit: session-audit\.config\.json: "ignorePatterns" must be an array of strings\n$/],
    ['{ "rules": ', /^session-audit: session-audit\.config\.json is not valid JSON: /],
  ])('rejects an invalid config %j with exit code 2', async (config, message) => {
    const dir = tempProject({ 'session-audit.config.json': typeof config === 'string' ? config : JSON.stringify(config), ...app });
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
