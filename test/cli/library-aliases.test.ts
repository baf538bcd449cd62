/**
 * Forks and wrappers of a session library (src/analysis/library-aliases.ts): a fork found by
 * the app's package.json, and a module the user maps to a library (the CLI config's
 * "libraries", ESLint's settings['session-audit'].libraries). Both front ends, each true
 * positive with its hard negative, and bad mappings as one-line errors.
 */
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { aliasModule, parseLibraryMapping, readForks } from '../../src/analysis/library-aliases.js';
import plugin from '../../src/eslint/index.js';
import { cli, parseJson, tempProject } from './helpers.js';

type Row = string; // file:line:column rule

const SECRET = 'no-hardcoded-secret';
const config = (extra: Record<string, unknown> = {}) => JSON.stringify({ preset: 'none', rules: { [SECRET]: 'error' }, ...extra });
const app = (module: string) => `const session = require('${module}');\nconst app = require('express')();\napp.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));\n`;

async function cliRows(dir: string): Promise<{ code: number; rows: Row[]; stderr: string }> {
  const r = await cli(['-f', 'json'], { cwd: dir });
  return { code: r.code, stderr: r.stderr, rows: r.code === 2 ? [] : parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`) };
}

async function eslintRows(dir: string, settings: Record<string, unknown> = {}): Promise<Row[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.js'], plugins: { 'session-audit': plugin }, rules: { [`session-audit/${SECRET}`]: 'error' }, settings: { 'session-audit': settings } }] as never,
  });
  const results = await eslint.lintFiles(['app.js']);
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId?.replace('session-audit/', '')}`));
}

const FOUND = [`app.js:3:19 ${SECRET}`];

describe('a module mapped to a session library', () => {
  it('is that library in the CLI (config "libraries") and in ESLint (settings), with the same finding', async () => {
    const dir = tempProject({ 'package.json': '{"name":"a","private":true}', 'session-audit.config.json': config({ libraries: { '@acme/web-state': 'express-session' } }), 'app.js': app('@acme/web-state') });
    expect((await cliRows(dir)).rows).toEqual(FOUND);
    expect(await eslintRows(dir, { libraries: { '@acme/web-state': 'express-session' } })).toEqual(FOUND);
  });

  it('hard negative: the same code without the mapping (an unknown module is not a session library)', async () => {
    const dir = tempProject({ 'package.json': '{"name":"a","private":true}', 'session-audit.config.json': config(), 'app.js': app('@acme/web-state') });
    expect((await cliRows(dir)).rows).toEqual([]);
    expect(await eslintRows(dir)).toEqual([]);
  });

  it('a bad mapping: exit 2 with one line in the CLI, a thrown configuration error in ESLint', async () => {
    for (const [libraries, message] of [
      [{ '@acme/web-state': 'express-sessions' }, /"@acme\/web-state" maps to "express-sessions"; expected one of .*"express-session"/],
      [{ './lib/session': 'express-session' }, /"\.\/lib\/session" is not a package name/],
      [{ 'express-session': 'cookie-session' }, /"express-session" is already a session library of its own/],
      [['express-session'], /libraries"? must be an object of module name to session library/],
    ] as const) {
      const dir = tempProject({ 'package.json': '{"name":"a","private":true}', 'session-audit.config.json': config({ libraries }), 'app.js': app('@acme/web-state') });
      const r = await cliRows(dir);
      expect(r.code, JSON.stringify(libraries)).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      await expect(eslintRows(dir, { libraries })).rejects.toThrow(message);
    }
  });
});

describe('a fork recognised by package.json', () => {
  const pkg = JSON.stringify({ name: 'a', private: true, dependencies: { '@acme/express-session': '^1.18.0' } });

  it('a dependency @scope/<library> is that library, in both front ends', async () => {
    const dir = tempProject({ 'package.json': pkg, 'session-audit.config.json': config(), 'app.js': app('@acme/express-session') });
    expect((await cliRows(dir)).rows).toEqual(FOUND);
    expect(await eslintRows(dir)).toEqual(FOUND);
  });

  it('installed: its package.json must say it is a fork (names the upstream); one that does not is not', async () => {
    const fork = { name: '@acme/express-session', version: '1.18.1', description: 'Fork of express-session with a patched store', repository: { url: 'git+https://github.com/acme/session.git' } };
    const other = { name: '@acme/express-session', version: '2.0.0', description: 'ACME web state for our apps', repository: 'github:acme/web-state' };
    for (const [installed, rows] of [
      [fork, FOUND],
      [other, []],
    ] as const) {
      const dir = tempProject({ 'package.json': pkg, 'session-audit.config.json': config(), 'app.js': app('@acme/express-session'), 'node_modules/@acme/express-session/package.json': JSON.stringify(installed) });
      expect((await cliRows(dir)).rows, installed.description).toEqual(rows);
      expect(await eslintRows(dir), installed.description).toEqual(rows);
    }
  });

  it('hard negatives: not a dependency, a type package, a library of its own', async () => {
    const noDep = tempProject({ 'package.json': '{"name":"a","private":true}', 'session-audit.config.json': config(), 'app.js': app('@acme/express-session') });
    expect((await cliRows(noDep)).rows).toEqual([]);
    expect(await eslintRows(noDep)).toEqual([]);
    const read = (files: Record<string, string>) => (f: string) => files[f];
    expect(readForks('/p', '/p', read({ '/p/package.json': JSON.stringify({ dependencies: { '@types/express-session': '1', '@fastify/session': '1', '@acme/iron-session': '8' } }) }))).toEqual(
      new Map([['@acme/iron-session', 'iron-session']]),
    );
  });
});

describe('aliases in the engine', () => {
  it('map a package and its subpaths, nothing else', () => {
    const aliases = new Map([['@acme/iron', 'iron-session']]);
    expect(aliasModule('@acme/iron', aliases)).toBe('iron-session');
    expect(aliasModule('@acme/iron/next', aliases)).toBe('iron-session/next');
    expect(aliasModule('@acme/ironclad', aliases)).toBe('@acme/ironclad');
    expect(aliasModule('./@acme/iron', aliases)).toBe('./@acme/iron');
    expect(parseLibraryMapping({ 'node:x': 'express-session' }, 'w').aliases).toEqual(new Map([['x', 'express-session']]));
  });
});
