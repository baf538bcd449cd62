import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashLine } from '../../src/cli/results.js';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const APP = [
  "const session = require('express-session');",
  '',
  "app.use(session({ secret: 'first-secret' }));",
  "app.use(session({ secret: 'same-secret' }));",
  "app.use(session({ secret: 'same-secret' }));",
  '',
].join('\n');

const BASELINE = '.session-audit/baseline.json';

async function check(dir: string) {
  const r = await cli(['--baseline', BASELINE, '-f', 'json'], { cwd: dir });
  const out = parseJson(r.stdout);
  return { code: r.code, stderr: r.stderr, fresh: out.findings.map((f) => `${f.file}:${f.line}`), baselined: out.stats.baselined };
}

describe('--baseline', () => {
  it('records the current findings and then reports only new ones; identity survives line shifts', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'src/app.js': APP });
    const update = await cli(['--baseline', BASELINE, '--update-baseline', '-f', 'json'], { cwd: dir });
    expect(update.stderr).toBe('session-audit: baseline written to .session-audit/baseline.json (3 findings)\n');
    expect(update.code).toBe(0);
    expect(parseJson(update.stdout)).toMatchObject({ findings: [], stats: { baselined: 3, errors: 0 } });
    const text = readFileSync(path.join(dir, BASELINE), 'utf8');
    const baseline = JSON.parse(text);
    expect(baseline.version).toBe(3);
    expect(baseline.findings.map((e: { rule: string; files: string[]; count: number; message: string; context: string }) => [e.rule, e.files, e.count, e.message.slice(0, 32), e.context]).sort()).toEqual([
      ['no-hardcoded-secret', ['../src/app.js'], 1, 'The session secret is hardcoded.', "app.use(…) > session(…) > secret: 'fir•••••••••'"],
      ['no-hardcoded-secret', ['../src/app.js'], 2, 'The session secret is hardcoded.', "app.use(…) > session(…) > secret: 'sa•••••••••'"],
    ]);
    // People read and commit the file: no secret in it.
    expect(text).not.toMatch(/first-secret|same-secret/);

    // Lines added above and re-indentation: still the same findings.
    const shifted = `// a comment\n\n${APP.replace("app.use(session({ secret: 'first-secret' }));", "  app.use(session({  secret: 'first-secret' }));")}`;
    writeFileSync(path.join(dir, 'src/app.js'), shifted);
    const same = await cli(['--baseline', BASELINE], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('✔ No problems found (1 file checked).\n  3 known findings from the baseline not shown.\n');

    // A third occurrence of a known finding, and a new one: both are new.
    writeFileSync(path.join(dir, 'src/app.js'), `${shifted}app.use(session({ secret: 'same-secret' }));\napp.use(session({ secret: 'new-secret' }));\n`);
    expect(await check(dir)).toMatchObject({ code: 1, fresh: ['src/app.js:8', 'src/app.js:9'], baselined: 3 });
  });

  it('survives renaming and moving the file; changing the bad value makes a finding new', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error', 'no-httponly-false': 'error' }), 'src/app.js': APP.replace('\n\n', "\n\napp.use(session({ secret: process.env.S, cookie: { httpOnly: false } }));\n") });
    await cli(['--baseline', BASELINE, '--update-baseline'], { cwd: dir });
    expect(await check(dir)).toMatchObject({ code: 0, fresh: [], baselined: 4 });
    // Renamed and moved to another folder, with lines added above.
    mkdirSync(path.join(dir, 'lib/server'), { recursive: true });
    renameSync(path.join(dir, 'src/app.js'), path.join(dir, 'lib/server/main.js'));
    rmSync(path.join(dir, 'src'), { recursive: true });
    const moved = readFileSync(path.join(dir, 'lib/server/main.js'), 'utf8');
    writeFileSync(path.join(dir, 'lib/server/main.js'), `'use strict';\n// moved here\n${moved}`);
    expect(await check(dir)).toMatchObject({ code: 0, fresh: [], baselined: 4 });
    // The bad values changed: a secret, and httpOnly: false → 0. Those two are new; the others stay baselined.
    writeFileSync(path.join(dir, 'lib/server/main.js'), `'use strict';\n// moved here\n${moved.replace("'first-secret'", "'other-secret'").replace('httpOnly: false', 'httpOnly: 0')}`);
    expect(await check(dir)).toMatchObject({ code: 1, fresh: ['lib/server/main.js:5', 'lib/server/main.js:6'], baselined: 2 });
  });

  it('a value from another module: its identity is where it is used and what the remedy replaces, wherever the files go', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'src/config.js': "module.exports = { secret: process.env.SESSION_SECRET || 'keyboard cat' };\n",
      'src/app.js': "const session = require('express-session');\nconst config = require('./config');\napp.use(session({ secret: config.secret }));\n",
    });
    await cli(['--baseline', BASELINE, '--update-baseline'], { cwd: dir });
    renameSync(path.join(dir, 'src/config.js'), path.join(dir, 'src/settings.js'));
    writeFileSync(path.join(dir, 'src/app.js'), "const session = require('express-session');\nconst config = require('./settings');\n\napp.use(session({ secret: config.secret }));\n");
    expect(await check(dir)).toMatchObject({ code: 0, fresh: [], baselined: 1 });
    // The fallback changed in the other module: new.
    writeFileSync(path.join(dir, 'src/settings.js'), "module.exports = { secret: process.env.SESSION_SECRET || 'dev secret' };\n");
    expect(await check(dir)).toMatchObject({ code: 1, fresh: ['src/app.js:4'], baselined: 0 });
  });

  // Version 1 hashed the lines as they are, secrets included (line hashes are now made with them masked): they still match.
  it('loads a version 1 baseline (file and line hash), with a note; --update-baseline rewrites it as version 3', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'src/app.js': APP });
    const lines = APP.split('\n');
    mkdirSync(path.join(dir, '.session-audit'));
    writeFileSync(
      path.join(dir, BASELINE),
      JSON.stringify({
        version: 1,
        tool: 'session-audit@0.1.0',
        findings: [
          { rule: 'no-hardcoded-secret', file: '../src/app.js', lineHash: hashLine(lines[2]!), count: 1, message: 'The session secret is hardcoded.' },
          { rule: 'no-hardcoded-secret', file: '../src/app.js', lineHash: hashLine(lines[3]!), count: 2, message: 'The session secret is hardcoded.' },
        ],
      }),
    );
    const old = await check(dir);
    expect(old).toMatchObject({ code: 0, fresh: [], baselined: 3 });
    expect(old.stderr).toBe(
      'session-audit: note: .session-audit/baseline.json is a version 1 baseline: it still works; rewrite it with --update-baseline so that findings stay baselined when files are renamed or moved\n',
    );
    await cli(['--baseline', BASELINE, '--update-baseline'], { cwd: dir });
    expect(JSON.parse(readFileSync(path.join(dir, BASELINE), 'utf8')).version).toBe(3);
    renameSync(path.join(dir, 'src/app.js'), path.join(dir, 'src/server.js'));
    expect(await check(dir)).toMatchObject({ code: 0, fresh: [], baselined: 3, stderr: '' });
  });

  it('refuses a missing or foreign baseline file with exit code 2', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'app.js': APP, 'other.json': '{"findings": []}' });
    expect(await cli(['--baseline', 'nope.json'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'session-audit: baseline file not found: nope.json (create it with --update-baseline)\n',
    });
    expect((await cli(['--baseline', 'other.json'], { cwd: dir })).stderr).toBe(
      'session-audit: other.json is not a session-audit baseline (version 3, 2 or 1); recreate it with --update-baseline\n',
    );
  });

  describe('a baseline cannot recover or confirm a secret', () => {
    const app = (secret: string) => `const session = require('express-session');\n\napp.use(session({ secret: '${secret}', cookie: { secure: false } }));\n`;
    const rules = { 'no-hardcoded-secret': 'error', 'require-secure-cookie': 'error' };
    const written = async (secret: string) => {
      const dir = tempProject({ ...onlyRules(rules), 'src/app.js': app(secret) });
      await cli(['--baseline', BASELINE, '--update-baseline'], { cwd: dir });
      const sarif = JSON.parse((await cli(['-f', 'sarif'], { cwd: dir })).stdout);
      return { baseline: readFileSync(path.join(dir, BASELINE), 'utf8'), identities: sarif.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['sessionAuditIdentity/v1']) };
    };

    it('the file and the SARIF identity fingerprints are the same for every secret with the same masked form', async () => {
      // Same first characters (a quarter, at most 3) and length: the masked form is 'key•••••••••' for both.
      const a = await written('keyboard cat');
      const b = await written('keyZ8#q!pX2w');
      expect(a.baseline).toContain("secret: 'key•••••••••'");
      expect(a.baseline).not.toContain('keyboard');
      expect(b).toEqual(a);
      // Guessing a secret and hashing the guess confirms nothing: only the masked form went into the identity.
      // What the masked form shows still tells secrets apart: another length is another identity.
      const c = await written('keyboard cats');
      expect(c.baseline).not.toEqual(a.baseline);
    });

    it('a version 2 baseline (identities hashed from the secret text) still suppresses, with a note; --update-baseline rewrites it as version 3', async () => {
      const dir = tempProject({ ...onlyRules(rules), 'src/app.js': app('keyboard cat') });
      // Written by session-audit at bd3946e (version 2: the secret's text went into the identity).
      mkdirSync(path.join(dir, '.session-audit'));
      writeFileSync(
        path.join(dir, BASELINE),
        JSON.stringify({
          version: 2,
          tool: 'session-audit@0.1.0',
          findings: [
            { rule: 'no-hardcoded-secret', identity: 'e3ee5b8803e9a0d9', count: 1, context: "app.use(…) > session(…) > secret: 'key•••••••••'", files: ['../src/app.js'] },
            { rule: 'require-secure-cookie', identity: '7bcac1d2cae8fd09', count: 1, context: 'app.use(…) > session(…) > cookie > secure: false', files: ['../src/app.js'] },
          ],
        }),
      );
      const old = await check(dir);
      expect(old).toMatchObject({ code: 0, fresh: [], baselined: 2 });
      expect(old.stderr).toBe(
        "session-audit: note: .session-audit/baseline.json is a version 2 baseline: it still works; rewrite it with --update-baseline, since its identities were hashed from secrets' text\n",
      );
      // The former identity is the secret's: another secret of the same masked form is new against the old file.
      writeFileSync(path.join(dir, 'src/app.js'), app('keyZ8#q!pX2w'));
      expect(await check(dir)).toMatchObject({ code: 1, fresh: ['src/app.js:3'], baselined: 1 });
      writeFileSync(path.join(dir, 'src/app.js'), app('keyboard cat'));
      await cli(['--baseline', BASELINE, '--update-baseline'], { cwd: dir });
      const rewritten = JSON.parse(readFileSync(path.join(dir, BASELINE), 'utf8'));
      expect(rewritten.version).toBe(3);
      expect(rewritten.findings.map((e: { identity: string }) => e.identity)).not.toContain('e3ee5b8803e9a0d9');
      // The one identity without a secret in it is the same in both versions.
      expect(rewritten.findings.map((e: { identity: string }) => e.identity)).toContain('7bcac1d2cae8fd09');
      expect(await check(dir)).toMatchObject({ code: 0, fresh: [], baselined: 2, stderr: '' });
    });
  });

  describe('a baseline written before shared definitions were grouped keeps suppressing the grouped finding', () => {
    const route = (name: string) =>
      `import { getIronSession } from 'iron-session';\nimport { cookies } from 'next/headers';\nimport { sessionOptions } from '../../../lib/session';\n\nexport async function POST() {\n  const session = await getIronSession(await cookies(), sessionOptions); // ${name}\n  await session.save();\n}\n`;
    const project = (routes: string[]) =>
      tempProject({
        'package.json': JSON.stringify({ name: 'next-app', private: true, dependencies: { 'iron-session': '^8.0.0' } }),
        'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'no-hardcoded-secret': 'error', 'require-secure-cookie': 'error' } }),
        'lib/session.ts': "export const sessionOptions = {\n  password: 'complex_password_at_least_32_characters_long',\n  cookieName: 'app-session',\n  cookieOptions: { secure: false },\n};\n",
        ...Object.fromEntries(routes.map((r) => [`app/api/${r}/route.ts`, route(r)])),
      });
    const baseline = (dir: string, findings: object[]) => {
      mkdirSync(path.join(dir, '.session-audit'));
      writeFileSync(path.join(dir, BASELINE), JSON.stringify({ version: 2, tool: 'session-audit@0.1.0', findings }));
    };
    // Written by session-audit at f0c567f^ (before the grouping): one finding per call, reported at the call.
    const perCall = [
      { rule: 'no-hardcoded-secret', identity: '64b13b1b01a5b2d9', count: 2, context: 'POST > session > getIronSession(…, …) > sessionOptions', files: ['../app/api/login/route.ts', '../app/api/logout/route.ts'] },
      { rule: 'require-secure-cookie', identity: '3f57ea191679221e', count: 2, context: 'POST > session > getIronSession(…, …) > sessionOptions', files: ['../app/api/login/route.ts', '../app/api/logout/route.ts'] },
    ];

    it('one entry per call (the old form): the grouped finding is known', async () => {
      const dir = project(['login', 'logout']);
      baseline(dir, perCall);
      expect(await check(dir)).toMatchObject({ code: 0, fresh: [], baselined: 2 });
    });

    it('a call added since: the grouped finding is new (the old form would have reported the new call)', async () => {
      const dir = project(['login', 'logout', 'user']);
      baseline(dir, perCall);
      expect(await check(dir)).toMatchObject({ code: 1, fresh: ['lib/session.ts:2', 'lib/session.ts:4'], baselined: 0 });
    });

    it('the grouped form of version 2 (bd3946e: one entry at the definition, the secret text hashed)', async () => {
      const dir = project(['login', 'logout']);
      baseline(dir, [
        { rule: 'no-hardcoded-secret', identity: 'e84d55a05ada92c1', count: 1, files: ['../lib/session.ts'] },
        { rule: 'require-secure-cookie', identity: '85243ec1b3664901', count: 1, files: ['../lib/session.ts'] },
      ]);
      expect(await check(dir)).toMatchObject({ code: 0, fresh: [], baselined: 2 });
    });
  });
});
