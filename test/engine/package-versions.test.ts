// Package versions (src/analysis/package-versions.ts): each lockfile format, the installed package
// first, a package.json range last; `isBefore` on exact versions, ranges that span the fix (unknown),
// and versions that are not semver; `lacksBehaviour` over the libraries table. Real files in
// temporary folders, read through the CLI's project boundary and through the ESLint plugin's reader.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LIBRARIES, PASSPORT, VERSIONED_PACKAGES } from '../../src/analysis/libraries.js';
import { isBefore, lacksBehaviour, libraryLacks, readPackageVersions } from '../../src/analysis/package-versions.js';
import { ProjectFiles } from '../../src/cli/boundary.js';
import { cli, parseJson } from '../cli/helpers.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/versions');
const tmp = mkdtempSync(path.join(tmpdir(), 'session-audit-versions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function project(files: Record<string, string>): string {
  const dir = path.join(tmp, `p${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The versions of an app as the CLI reads them (through the project boundary). */
function versions(appRoot: string, top = appRoot) {
  const files = ProjectFiles.of([top], top);
  return readPackageVersions(appRoot, top, (f) => files.tryRead(f, 'package-metadata'), VERSIONED_PACKAGES);
}

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'app', dependencies: deps });

describe('readPackageVersions', () => {
  it('a pnpm monorepo: the lockfile is parsed once for all its apps and packages, not once per package asked about', () => {
    // Found on a real monorepo: a 600 kB pnpm-lock.yaml parsed for every versioned package of each of its four apps (40 s).
    const importer = (deps: Record<string, string>) => `    dependencies:\n${Object.entries(deps).map(([n, v]) => `      ${n}:\n        specifier: ^${v}\n        version: ${v}`).join('\n')}`;
    const lock = ["lockfileVersion: '9.0'", 'importers:', '  apps/a:', importer({ 'express-session': '1.18.1', passport: '0.5.3' }), '  apps/b:', importer({ 'koa-session': '6.2.0', 'koa-generic-session': '2.3.1' }), ''].join('\n');
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-lock.yaml': lock,
      'apps/a/package.json': pkg({ 'express-session': '^1.18.1', passport: '^0.5.3' }),
      'apps/b/package.json': pkg({ 'koa-session': '^6.2.0', 'koa-generic-session': '^2.3.1' }),
    });
    const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    const parse = vi.spyOn(yaml, 'parse');
    try {
      const a = versions(path.join(dir, 'apps/a'), dir);
      const b = versions(path.join(dir, 'apps/b'), dir);
      expect([a.get('express-session')?.version, a.get('passport')?.version, b.get('koa-session')?.version, b.get('koa-generic-session')?.version]).toEqual(['1.18.1', '0.5.3', '6.2.0', '2.3.1']);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });


  it('the fixtures: npm v3, yarn v1, a range only, pnpm v9, yarn berry', () => {
    expect(versions(path.join(FIXTURES, 'passport-0.5-npm')).get('passport')).toEqual({ name: 'passport', version: '0.5.3', source: 'package-lock.json' });
    expect(versions(path.join(FIXTURES, 'passport-0.6-yarn')).get('passport')).toEqual({ name: 'passport', version: '0.6.0', source: 'yarn.lock' });
    expect(versions(path.join(FIXTURES, 'passport-range')).get('passport')).toEqual({ name: 'passport', range: '>=0.5.0', source: 'package.json' });
    expect(versions(path.join(FIXTURES, 'koa-session-6.2-pnpm')).get('koa-session')).toEqual({ name: 'koa-session', version: '6.2.0', source: 'pnpm-lock.yaml' });
    expect(versions(path.join(FIXTURES, 'koa-session-6.4-berry')).get('koa-session')).toEqual({ name: 'koa-session', version: '6.4.0', source: 'yarn.lock' });
  });

  it('npm lockfile v1 and v2, a workspace package in a monorepo lockfile, and npm-shrinkwrap.json', () => {
    const v1 = project({ 'package.json': pkg({ passport: '^0.4.0' }), 'package-lock.json': JSON.stringify({ lockfileVersion: 1, dependencies: { passport: { version: '0.4.1' } } }) });
    expect(versions(v1).get('passport')?.version).toBe('0.4.1');
    const mono = project({
      'package.json': JSON.stringify({ name: 'root', workspaces: ['apps/*'] }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 2, packages: { '': {}, 'apps/web/node_modules/passport': { version: '0.5.0' }, 'node_modules/passport': { version: '0.7.0' }, 'node_modules/express-session': { version: '1.18.1' } } }),
      'apps/web/package.json': pkg({ passport: '^0.5.0', 'express-session': '^1.18.0' }),
      'apps/api/package.json': pkg({ passport: '^0.7.0' }),
    });
    expect(versions(path.join(mono, 'apps/web'), mono).get('passport')).toEqual({ name: 'passport', version: '0.5.0', source: '../../package-lock.json' });
    expect(versions(path.join(mono, 'apps/web'), mono).get('express-session')?.version).toBe('1.18.1');
    expect(versions(path.join(mono, 'apps/api'), mono).get('passport')?.version).toBe('0.7.0');
    const shrink = project({ 'package.json': pkg({ passport: '^0.5.0' }), 'npm-shrinkwrap.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/passport': { version: '0.5.2' } } }) });
    expect(versions(shrink).get('passport')?.source).toBe('npm-shrinkwrap.json');
  });

  it('pnpm v5 and v6 (peer suffixes dropped), yarn v1 with two versions of a package (the one the range names)', () => {
    const v5 = project({ 'package.json': pkg({ 'koa-session': '^6.0.0' }), 'pnpm-lock.yaml': "lockfileVersion: 5.4\nspecifiers:\n  koa-session: ^6.0.0\ndependencies:\n  koa-session: 6.2.0_koa@2.14.2\n" });
    expect(versions(v5).get('koa-session')?.version).toBe('6.2.0');
    const v6 = project({ 'package.json': pkg({ 'koa-session': '^6.0.0' }), 'pnpm-lock.yaml': "lockfileVersion: '6.0'\ndependencies:\n  koa-session:\n    specifier: ^6.0.0\n    version: 6.3.1(koa@2.14.2)\n" });
    expect(versions(v6).get('koa-session')?.version).toBe('6.3.1');
    const two = project({
      'package.json': pkg({ passport: '^0.5.0' }),
      'yarn.lock': '# yarn lockfile v1\n\n\npassport@^0.5.0:\n  version "0.5.3"\n\npassport@^0.6.0:\n  version "0.6.0"\n',
    });
    expect(versions(two).get('passport')?.version).toBe('0.5.3');
  });

  it('the installed package wins over the lockfile; a lockfile or package.json that does not parse gives no fact', () => {
    const installed = project({
      'package.json': pkg({ passport: '^0.5.0' }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/passport': { version: '0.5.0' } } }),
      'node_modules/passport/package.json': JSON.stringify({ name: 'passport', version: '0.6.0' }),
    });
    expect(versions(installed).get('passport')).toEqual({ name: 'passport', version: '0.6.0', source: 'node_modules/passport/package.json' });
    const broken = project({ 'package.json': pkg({ passport: '^0.5.0' }), 'package-lock.json': '{ not json', 'pnpm-lock.yaml': ': : :\n\t-' });
    expect(versions(broken).get('passport')).toEqual({ name: 'passport', range: '^0.5.0', source: 'package.json' });
    expect(versions(project({ 'package.json': '{' })).size).toBe(0);
    // A package the app does not use has no entry.
    expect(versions(path.join(FIXTURES, 'passport-0.5-npm')).has('koa-session')).toBe(false);
  });

  it('reads nothing outside the project: a lockfile above it, or linked from outside, is not a fact', () => {
    const outer = project({ 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/passport': { version: '0.5.0' } } }), 'app/package.json': pkg({ passport: '>=0.5.0' }) });
    expect(versions(path.join(outer, 'app')).get('passport')?.source).toBe('package.json');
  });
});

describe('isBefore', () => {
  it('exact versions, ranges on one side or across the fix, and versions that are not semver', () => {
    const v = (version?: string, range?: string) => ({ name: 'passport', version, range, source: 'x' });
    expect(isBefore(v('0.5.3'), '0.6.0')).toBe(true);
    expect(isBefore(v('0.6.0'), '0.6.0')).toBe(false);
    expect(isBefore(v('0.6.0-beta.1'), '0.6.0')).toBe(true);
    expect(isBefore(v(undefined, '^0.5.0'), '0.6.0')).toBe(true);
    expect(isBefore(v(undefined, '~0.6.0'), '0.6.0')).toBe(false);
    // A range that includes fixed versions is not known to be old (hard negative).
    expect(isBefore(v(undefined, '>=0.5.0'), '0.6.0')).toBeUndefined();
    expect(isBefore(v(undefined, '*'), '0.6.0')).toBeUndefined();
    expect(isBefore(v(undefined, 'github:jaredhanson/passport'), '0.6.0')).toBeUndefined();
    expect(isBefore(v(undefined, 'workspace:*'), '0.6.0')).toBeUndefined();
    expect(isBefore(undefined, '0.6.0')).toBeUndefined();
  });

  it('lacksBehaviour / libraryLacks: koa-session 6.2 lacks regenerate(), express-session 1.18 cookie functions; newer, unknown or a range across the fix do not', () => {
    const of = (entries: [string, string][]) => new Map(entries.map(([name, version]) => [name, { name, version, source: 'x' }]));
    expect(lacksBehaviour(of([['koa-session', '6.2.0'], ['koa', '2.14.2']]), LIBRARIES, 'regenerate')).toBe(true);
    expect(lacksBehaviour(of([['koa-session', '6.4.0']]), LIBRARIES, 'regenerate')).toBe(false);
    expect(lacksBehaviour(new Map([['koa-session', { name: 'koa-session', range: '>=6.0.0', source: 'x' }]]), LIBRARIES, 'regenerate')).toBe(false);
    expect(lacksBehaviour(of([['koa-session', '6.2.0'], ['express-session', '1.17.3']]), LIBRARIES, 'regenerate')).toBe(false);
    expect(lacksBehaviour(new Map(), LIBRARIES, 'regenerate')).toBe(false);
    expect(PASSPORT.regeneratesSince).toBe('0.6.0');
    const express = LIBRARIES.find((l) => l.id === 'express-session')!;
    expect(libraryLacks(express, of([['express-session', '1.18.1']]), 'cookieFunction')).toBe(true);
    expect(libraryLacks(express, of([['express-session', '1.19.0']]), 'cookieFunction')).toBe(false);
    expect(libraryLacks(express, new Map([['express-session', { name: 'express-session', range: '^1.17.3', source: 'x' }]]), 'cookieFunction')).toBe(false);
    expect(libraryLacks(express, of([['express-session', '1.18.1']]), 'regenerate')).toBe(false);
  });
});

describe('in the CLI', () => {
  it('koa-session 6.4.0 gets the regenerate suggestion, 6.2.0 the finding without it', async () => {
    const login = "const Koa = require('koa');\nconst session = require('koa-session');\nconst app = new Koa();\napp.use(session({ store }, app));\napp.use(async (ctx) => {\n  const user = await users.verify(ctx.request.body);\n  ctx.session.userId = user.id;\n});\n";
    const suggestions: Record<string, number> = {};
    for (const fixture of ['koa-session-6.2-pnpm', 'koa-session-6.4-berry']) {
      const dir = path.join(tmp, fixture);
      mkdirSync(dir, { recursive: true });
      for (const f of ['package.json', 'pnpm-lock.yaml', 'yarn.lock']) {
        try {
          writeFileSync(path.join(dir, f), readFileSync(path.join(FIXTURES, fixture, f)));
        } catch {
          // not in this fixture
        }
      }
      writeFileSync(path.join(dir, 'app.js'), login);
      const r = await cli(['-f', 'json', '--preset', 'none', '--rule', 'regenerate-on-login=error'], { cwd: dir });
      const findings = parseJson(r.stdout).findings;
      expect(findings.map((f) => f.rule)).toEqual(['regenerate-on-login']);
      suggestions[fixture] = findings[0]!.suggestions.length;
    }
    expect(suggestions).toEqual({ 'koa-session-6.2-pnpm': 0, 'koa-session-6.4-berry': 1 });
  });
});
