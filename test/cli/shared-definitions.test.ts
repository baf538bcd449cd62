/**
 * One defect, one finding, where it is fixed (src/cli/shared-definitions.ts): a bad value
 * defined in a project file other than the calls' and used by several calls is reported once
 * by the CLI, at the definition, with the calls named in the message and as related locations;
 * with one call it stays at the call. The ESLint plugin (one file at a time) reports at the call.
 * Within one file, both front ends report the calls' shared value once, at its definition.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import plugin from '../../src/eslint/index.js';
import { cli, parseJson, tempProject } from './helpers.js';

/** ESLint's rows (file:line:column rule) for the project, with typed linting or without. */
async function eslintRows(dir: string, rules: Record<string, string>, typed: boolean): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: typed ? { projectService: true, tsconfigRootDir: dir } : {} } },
      { files: ['**/*.ts'], plugins: { 'session-audit': plugin }, rules: Object.fromEntries(Object.entries(rules).map(([r, s]) => [`session-audit/${r}`, s])) },
    ] as never,
  });
  const results = await eslint.lintFiles(['**/*.ts']);
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.ruleId?.replace('session-audit/', '')}`)).sort();
}

const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, types: [] }, include: ['**/*.ts'] });

const lib = [
  "import type { SessionOptions } from 'iron-session';",
  'export const sessionOptions: SessionOptions = {',
  "  password: process.env.SECRET_COOKIE_PASSWORD as string,",
  "  cookieName: 'app-session',",
  '  cookieOptions: { secure: false },',
  '};',
  '',
].join('\n');

const route = (name: string) =>
  [
    "import { getIronSession } from 'iron-session';",
    "import { cookies } from 'next/headers';",
    "import { sessionOptions } from '../../../lib/session';",
    '',
    `export async function POST() {`,
    `  const session = await getIronSession(await cookies(), sessionOptions); // ${name}`,
    '  await session.save();',
    '}',
    '',
  ].join('\n');

const config = JSON.stringify({ preset: 'none', rules: { 'require-secure-cookie': 'error' } });

/** The same options, without the library's type: nothing in their file says they are session options. */
const untyped = lib.replace("import type { SessionOptions } from 'iron-session';\n", '').replace(': SessionOptions', '');

function project(routes: string[], extra: Record<string, string> = {}, options = untyped) {
  return tempProject({
    'package.json': JSON.stringify({ name: 'next-app', private: true, dependencies: { 'iron-session': '^8.0.0' } }),
    'session-audit.config.json': config,
    'lib/session.ts': options,
    ...Object.fromEntries(routes.map((r) => [`app/api/${r}/route.ts`, route(r)])),
    ...extra,
  });
}

describe('one defect, one finding', () => {
  it('a shared options object used by three routes: one finding at the definition, the calls named and related', async () => {
    const dir = project(['login', 'logout', 'user']);
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const { findings } = parseJson(r.stdout) as { findings: { file: string; line: number; column: number; message: string; related?: { file: string; line: number }[]; suggestions: { edits: { file: string }[] }[] }[] };
    expect(findings.map((f) => [f.file, f.line, f.column])).toEqual([['lib/session.ts', 4, 20]]);
    const [f] = findings;
    expect(f!.message).toBe(
      "The session cookie's `secure` is false in production, so browsers send it over plain HTTP, where anyone on the network can steal the session. Used by 3 session configurations: app/api/login/route.ts:6, app/api/logout/route.ts:6, app/api/user/route.ts:6.",
    );
    expect(f!.related!.map((x) => [x.file, x.line])).toEqual([
      ['app/api/login/route.ts', 6],
      ['app/api/logout/route.ts', 6],
      ['app/api/user/route.ts', 6],
    ]);
    // The fix moves with the report: it edits the definition, once.
    expect(f!.suggestions.length).toBeGreaterThan(0);
    expect(f!.suggestions.every((s) => s.edits.every((e) => e.file === 'lib/session.ts'))).toBe(true);
  });

  it("iron-session/edge (v6, Next.js middleware) is iron-session: its call shares the definition too", async () => {
    const middleware = "import { NextResponse } from 'next/server';\nimport { getIronSession } from 'iron-session/edge';\nimport { sessionOptions } from '../lib/session';\nexport async function middleware(req) {\n  const res = NextResponse.next();\n  await getIronSession(req, res, sessionOptions);\n  return res;\n}\n";
    const dir = project(['login'], { 'src/middleware.ts': middleware });
    const { findings } = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout) as { findings: { file: string; related?: { file: string; line: number }[] }[] };
    expect(findings.map((f) => [f.file, f.related?.map((r) => `${r.file}:${r.line}`)])).toEqual([['lib/session.ts', ['app/api/login/route.ts:6', 'src/middleware.ts:6']]]);
  });

  it('SARIF: the calls are relatedLocations of the one result', async () => {
    const dir = project(['login', 'logout']);
    const r = await cli(['-f', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout);
    const results = log.runs[0].results;
    expect(results).toHaveLength(1);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('lib/session.ts');
    expect(results[0].relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine])).toEqual([
      ['app/api/login/route.ts', 6],
      ['app/api/logout/route.ts', 6],
    ]);
  });

  it('hard negative: one call keeps its finding at the call, saying where the value comes from', async () => {
    const dir = project(['login']);
    const r = await cli(['-f', 'json'], { cwd: dir });
    const { findings } = parseJson(r.stdout);
    expect(findings.map((f) => [f.file, f.line])).toEqual([['app/api/login/route.ts', 6]]);
    expect(findings[0]!.message).toContain('(from ../../../lib/session.ts:4)');
    expect((findings[0] as { related?: unknown }).related).toBeUndefined();
  });

  it('hard negative: each route with its own options (built in its own file) is its own finding', async () => {
    const own = (n: string) => route(n).replace("import { sessionOptions } from '../../../lib/session';", "const sessionOptions = { password: process.env.P as string, cookieName: 'a', cookieOptions: { secure: false } };");
    const dir = tempProject({
      'package.json': '{"name":"a","private":true}',
      'session-audit.config.json': config,
      'app/api/a/route.ts': own('a'),
      'app/api/b/route.ts': own('b'),
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(parseJson(r.stdout).findings.map((f) => f.file)).toEqual(['app/api/a/route.ts', 'app/api/b/route.ts']);
  });

  it('options declared by the library type: reported at the declaration even for one call, which is its related location', async () => {
    const dir = project(['login'], {}, lib);
    const { findings } = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout) as { findings: { file: string; line: number; column: number; message: string; related?: { file: string; line: number }[] }[] };
    expect(findings.map((f) => [f.file, f.line, f.column, f.related?.map((r) => `${r.file}:${r.line}`)])).toEqual([['lib/session.ts', 5, 20, ['app/api/login/route.ts:6']]]);
    expect(findings[0]!.message).toMatch(/steal the session\. Used by the session configuration: app\/api\/login\/route\.ts:6\.$/);
    // declared and not used by any call: reported there all the same (the file says what it is)
    const alone = tempProject({ 'package.json': '{"name":"a","private":true}', 'session-audit.config.json': config, 'lib/session.ts': lib });
    expect(parseJson((await cli(['-f', 'json'], { cwd: alone })).stdout).findings.map((f) => [f.file, f.line, f.column])).toEqual([['lib/session.ts', 5, 20]]);
  });

  it('--fix edits the definition once; the next run is clean', async () => {
    const dir = project(['login', 'logout', 'user']);
    const r = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'lib/session.ts'), 'utf8')).toContain("cookieOptions: { secure: process.env.NODE_ENV === 'production' },");
    for (const name of ['login', 'logout', 'user']) expect(readFileSync(path.join(dir, `app/api/${name}/route.ts`), 'utf8')).toBe(route(name));
  });

  it('a baseline keeps the one finding known across runs (its identity is the definition code)', async () => {
    const dir = project(['login', 'logout']);
    await cli(['--baseline', 'b.json', '--update-baseline'], { cwd: dir });
    const again = await cli(['--baseline', 'b.json', '-f', 'json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(parseJson(again.stdout).stats.baselined).toBe(1);
  });
});

describe('one defect, one finding in ESLint: the defining file reports when it shows the value is session options', () => {
  const rules = { 'require-secure-cookie': 'error' };

  it('declared by the library type: ESLint (typed or not) reports in the defining file and not at the calls, as the CLI does', async () => {
    const dir = project(['login', 'logout'], { 'tsconfig.json': TSCONFIG }, lib);
    for (const typed of [false, true]) expect(await eslintRows(dir, rules, typed), `typed: ${typed}`).toEqual(['lib/session.ts:5:20 require-secure-cookie']);
    const { findings } = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout);
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual(['lib/session.ts:5:20 require-secure-cookie']);
  });

  it('hard negative: without the type, typed ESLint reports at each call, and plain ESLint sees nothing (the value is in another file)', async () => {
    const dir = project(['login', 'logout'], { 'tsconfig.json': TSCONFIG });
    expect(await eslintRows(dir, rules, true)).toEqual(['app/api/login/route.ts:6:57 require-secure-cookie', 'app/api/logout/route.ts:6:57 require-secure-cookie']);
    expect(await eslintRows(dir, rules, false)).toEqual([]);
  });

  it('declared and passed to the factory in one file: one finding, at the declaration', async () => {
    const code = [
      "import session, { type SessionOptions } from 'express-session';",
      "const options: SessionOptions = { secret: process.env.S!, resave: false, saveUninitialized: false, cookie: { secure: false } };",
      'export const middleware = session(options);',
      '',
    ].join('\n');
    const dir = tempProject({ 'package.json': '{"name":"a","private":true}', 'session-audit.config.json': config, 'tsconfig.json': TSCONFIG, 'src/session.ts': code });
    for (const typed of [false, true]) expect(await eslintRows(dir, rules, typed), `typed: ${typed}`).toEqual(['src/session.ts:2:110 require-secure-cookie']);
    expect(parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual(['src/session.ts:2:110 require-secure-cookie']);
  });

  it('hard negative: what declared options leave out, the call may add (no memory-store or missing-secure finding at the declaration)', async () => {
    const code = ["import session from 'express-session';", "export const options: session.SessionOptions = { secret: process.env.S!, resave: false, saveUninitialized: false };", ''].join('\n');
    const dir = tempProject({ 'package.json': '{"name":"a","private":true}', 'src/options.ts': code });
    const all = { 'no-memory-store': 'error', 'require-secure-cookie': 'error', 'require-cookie-expiry': 'error', 'no-default-cookie-name': 'error' };
    expect(await eslintRows(dir, all, false)).toEqual([]);
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd: dir });
    expect(parseJson(r.stdout).findings).toEqual([]);
  });
});

describe('one defect, one finding within one file (OssianN/wine-app-next: two wrappers share sessionOptions)', () => {
  const file = [
    "import { withIronSessionApiRoute, withIronSessionSsr } from 'iron-session/next';",
    'const sessionOptions = {',
    '  password: process.env.SECRET_COOKIE_PASSWORD as string,',
    "  cookieName: 'wine-app',",
    '  ttl: 0,',
    '  cookieOptions: { secure: false },',
    '};',
    'export const withSessionRoute = (handler: any) => withIronSessionApiRoute(handler, sessionOptions);',
    'export const withSessionSsr = (handler: any) => withIronSessionSsr(handler, sessionOptions);',
    '',
  ].join('\n');
  const rules = { 'require-cookie-expiry': 'warn', 'require-secure-cookie': 'error' };

  it('the CLI reports each defect once, at the value, with the rule\'s own message and the two calls related; ESLint (typed or not) the same rows', async () => {
    const dir = tempProject({ 'package.json': JSON.stringify({ name: 'wine', private: true }), 'session-audit.config.json': JSON.stringify({ preset: 'none', rules }), 'tsconfig.json': TSCONFIG, 'lib/session.ts': file });
    const { findings } = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout) as { findings: { rule: string; file: string; line: number; column: number; message: string; related?: { file: string; line: number }[]; suggestions: unknown[] }[] };
    expect(findings.map((f) => [f.rule, f.line, f.column, f.related?.map((r) => r.line)])).toEqual([
      ['require-cookie-expiry', 5, 3, [8, 9]],
      ['require-secure-cookie', 6, 20, [8, 9]],
    ]);
    expect(findings[0]!.message).toMatch(/^`ttl: 0` switches expiry off: /);
    expect(findings[0]!.message).not.toContain('Used by');
    // The fix of the shared value, offered by both calls alike, is kept.
    expect(findings[1]!.suggestions.length).toBeGreaterThan(0);
    const rows = findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).sort();
    expect(await eslintRows(dir, rules, false)).toEqual(rows);
    expect(await eslintRows(dir, rules, true)).toEqual(rows);
  });

  it('hard negative: one wrapper keeps its findings at the call (as before), in both front ends', async () => {
    const one = file.split('\n').filter((l) => !l.includes('withSessionSsr =')).join('\n');
    const dir = tempProject({ 'package.json': JSON.stringify({ name: 'wine', private: true }), 'session-audit.config.json': JSON.stringify({ preset: 'none', rules }), 'tsconfig.json': TSCONFIG, 'lib/session.ts': one });
    const { findings } = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout) as { findings: { rule: string; file: string; line: number; column: number; related?: unknown[] }[] };
    expect(findings.map((f) => [f.rule, f.line, f.related])).toEqual([
      ['require-cookie-expiry', 8, undefined],
      ['require-secure-cookie', 8, undefined],
    ]);
    expect(await eslintRows(dir, rules, false)).toEqual(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`).sort());
  });
});
