// AdonisJS sessions take the cookie attributes their `cookie` leaves out from the app's `http.cookie` in
// config/app.ts (the response's cookie options are `{ ...http.cookie, ...options }`): the AdonisJS 5 starter writes
// `secure: false, sameSite: false` there. Found on HipsterBrown/adonis-realworld-example-app, whose session cookie is
// never Secure. Both front ends (the CLI, typed ESLint) read the other module; each true positive with its hard
// negative (a production test there, the session's own value winning, an app.ts without a cookie).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { cli, parseJson, tempProject } from './helpers.js';

const PACKAGE = JSON.stringify({ name: 'adonis-app', private: true, dependencies: { '@adonisjs/core': '^5.9.0', '@adonisjs/session': '^6.4.0' } });
const TSCONFIG = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'CommonJS', strict: true, noEmit: true, types: [] }, include: ['config'] });

const sessionTs = [
  "import { sessionConfig } from '@adonisjs/session/build/config';",
  '',
  'export default sessionConfig({',
  '  enabled: true,',
  "  driver: 'cookie',",
  "  cookieName: 'adonis-session',",
  "  age: '2h',",
  '  cookie: {',
  "    path: '/',",
  '    httpOnly: true,',
  "    sameSite: 'lax',",
  '  },',
  '});',
  '',
].join('\n');

const appTs = (cookie: string) =>
  ["import Env from '@ioc:Adonis/Core/Env';", '', "export const appKey: string = Env.get('APP_KEY');", '', 'export const http = {', '  trustProxy: () => true,', `  cookie: ${cookie},`, '};', ''].join('\n');

const V5_COOKIE = "{ domain: '', path: '/', maxAge: '2h', httpOnly: true, secure: false, sameSite: false }";

async function typedLint(dir: string) {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: { allowDefaultProject: [] }, tsconfigRootDir: dir } } },
      { files: ['**/*.ts'], plugins: { 'session-audit': plugin }, rules: { 'session-audit/require-secure-cookie': 'error', 'session-audit/require-same-site': 'error' } },
    ] as never,
  });
  const [result] = await eslint.lintFiles(['config/session.ts']);
  return result!.messages.map((m) => [m.ruleId, m.line, m.column, m.message]);
}

describe("AdonisJS: the session cookie's defaults in config/app.ts", () => {
  it("the v5 starter's http.cookie `secure: false` is reported at the session, with a fix in config/app.ts (CLI)", async () => {
    const cwd = tempProject({ 'package.json': PACKAGE, 'tsconfig.json': TSCONFIG, 'config/session.ts': sessionTs, 'config/app.ts': appTs(V5_COOKIE) });
    const r = await cli(['-f', 'json', '--preset', 'all'], { cwd });
    const { findings, fileErrors } = parseJson(r.stdout);
    expect(fileErrors).toEqual([]);
    const secure = findings.filter((f) => f.rule === 'require-secure-cookie');
    expect(secure.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        'config/session.ts',
        3,
        "The session cookie's `secure` is false in production (from ./app.ts:7), so browsers send it over plain HTTP, where anyone on the network can steal the session.",
      ],
    ]);
    // the session's own sameSite: 'lax' wins over the app's sameSite: false
    expect(findings.filter((f) => f.rule === 'require-same-site')).toEqual([]);
    const fixed = await cli(['--preset', 'all', '--fix'], { cwd });
    expect(fixed.code).not.toBe(2);
    expect(readFileSync(path.join(cwd, 'config/app.ts'), 'utf8')).toBe(appTs(V5_COOKIE.replace('secure: false', "secure: process.env.NODE_ENV === 'production'")));
    expect(readFileSync(path.join(cwd, 'config/session.ts'), 'utf8')).toBe(sessionTs);
    const again = parseJson((await cli(['-f', 'json', '--preset', 'all'], { cwd })).stdout);
    expect(again.findings.filter((f) => f.rule === 'require-secure-cookie')).toEqual([]);
  });

  it('the same in typed ESLint', async () => {
    const dir = tempProject({ 'package.json': PACKAGE, 'tsconfig.json': TSCONFIG, 'config/session.ts': sessionTs, 'config/app.ts': appTs(V5_COOKIE) });
    expect(await typedLint(dir)).toEqual([
      [
        'session-audit/require-secure-cookie',
        3,
        16,
        "The session cookie's `secure` is false in production (from ./app.ts:7), so browsers send it over plain HTTP, where anyone on the network can steal the session.",
      ],
    ]);
  });

  it("hard negatives: a production test in http.cookie; an http without cookie (the library's defaults); the session's own secure", async () => {
    const cases = {
      production: appTs("{ path: '/', httpOnly: true, secure: Env.get('NODE_ENV') === 'production', sameSite: 'lax' }"),
      'no cookie': ["export const http = { trustProxy: () => true };", ''].join('\n'),
    };
    for (const [name, app] of Object.entries(cases)) {
      const cwd = tempProject({ 'package.json': PACKAGE, 'tsconfig.json': TSCONFIG, 'config/session.ts': sessionTs, 'config/app.ts': app });
      const { findings } = parseJson((await cli(['-f', 'json', '--preset', 'all'], { cwd })).stdout);
      expect(findings.filter((f) => f.rule === 'require-secure-cookie' || f.rule === 'require-same-site'), name).toEqual([]);
      expect(await typedLint(cwd), name).toEqual([]);
    }
    const own = tempProject({ 'package.json': PACKAGE, 'tsconfig.json': TSCONFIG, 'config/session.ts': sessionTs.replace("    path: '/',", "    path: '/',\n    secure: true,"), 'config/app.ts': appTs(V5_COOKIE) });
    expect(parseJson((await cli(['-f', 'json', '--preset', 'all'], { cwd: own })).stdout).findings.filter((f) => f.rule === 'require-secure-cookie')).toEqual([]);
  });
});
