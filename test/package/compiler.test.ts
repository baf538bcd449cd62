/**
 * One compiler (issue 13, item 4): the CLI uses ts-morph's TypeScript through ts-morph's
 * public `ts` export, and the ESLint plugin the installed `typescript`; both are one version,
 * so both front ends parse and check alike. The installed `typescript` is pinned to exactly
 * the version ts-morph bundles, and no source reaches into ts-morph's dependencies.
 * The ESLint entry loads TypeScript only when a file needs it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ts as tsMorphTs } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import type { TSModule } from '../../src/analysis/host.js';
import { ROOT } from '../cli/helpers.js';

const require = createRequire(import.meta.url);

describe('one TypeScript for both front ends', () => {
  it('the installed typescript is the version ts-morph bundles, pinned exactly in package.json', () => {
    const installed = (require('typescript') as { version: string }).version;
    expect(installed).toBe(tsMorphTs.version);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.typescript).toBe(tsMorphTs.version);
  });

  it('both copies fit the engine TSModule type without a cast (checked by the type checker)', () => {
    const fromTsMorph: TSModule = tsMorphTs;
    const installed: TSModule = require('typescript');
    expect(fromTsMorph.version).toBe(installed.version);
  });

  it('no source file reaches into ts-morph’s dependencies (only its public entry)', () => {
    const offenders: string[] = [];
    const visit = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) visit(p);
        else if (/\.[cm]?[jt]s$/.test(e.name) && /@ts-morph\//.test(readFileSync(p, 'utf8'))) offenders.push(path.relative(ROOT, p));
      }
    };
    for (const dir of ['src', 'rules', 'bin', 'cjs']) visit(path.join(ROOT, dir));
    expect(offenders).toEqual([]);
  });
});

/** Lints with the real ESLint API in a fresh process; reports whether TypeScript was loaded after each step. */
function lintInChild(files: { name: string; code: string }[]): { typescriptLoaded: boolean[]; messages: number[] } {
  const child = `
const { Linter } = await import(${JSON.stringify(path.join(ROOT, 'node_modules/eslint/lib/api.js'))});
const plugin = (await import(${JSON.stringify(path.join(ROOT, 'dist/src/eslint/index.js'))})).default;
const { createRequire } = await import('node:module');
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).some((k) => /[\\\\/]node_modules[\\\\/]typescript[\\\\/]/.test(k));
const linter = new Linter({ configType: 'flat' });
const out = { typescriptLoaded: [loaded()], messages: [] };
for (const f of ${JSON.stringify(files)}) {
  out.messages.push(linter.verify(f.code, [{ files: ['**/*.js'], ...plugin.configs.all }], f.name).length);
  out.typescriptLoaded.push(loaded());
}
console.log(JSON.stringify(out));
`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8', cwd: ROOT });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { typescriptLoaded: boolean[]; messages: number[] };
}

describe('the ESLint entry loads TypeScript lazily', () => {
  it('importing the plugin and linting files without session code does not load TypeScript; a session file does', () => {
    const r = lintInChild([
      { name: 'src/app.js', code: "import express from 'express';\nexpress().get('/', (req, res) => res.send('ok'));\n" },
      { name: 'src/util.js', code: 'export const add = (a, b) => a + b;\n' },
      { name: 'src/session.js', code: "import session from 'express-session';\nexport default session({ secret: 'keyboard cat', resave: false, saveUninitialized: false });\n" },
    ]);
    expect(r.typescriptLoaded).toEqual([false, false, false, true]);
    expect(r.messages[0]).toBe(0);
    expect(r.messages[1]).toBe(0);
    expect(r.messages[2]).toBeGreaterThan(0);
  });
});
