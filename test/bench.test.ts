/**
 * Smoke test of the benchmark's tree generator (scripts/bench/generate.js): the same
 * seed gives a byte-identical tree, about 1% of the files hold session code, and
 * every generated file parses. No timing here: machines are noisy (issue 5).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as espree from 'espree';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const GENERATE = path.join(ROOT, 'scripts/bench/generate.js');
const temp = mkdtempSync(path.join(tmpdir(), 'session-audit-bench-'));

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function generate(files: number, seed: number, name: string): string {
  const out = path.join(temp, name);
  const r = spawnSync(process.execPath, [GENERATE, '--files', String(files), '--seed', String(seed), '--out', out], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return out;
}

/** Every file of a tree, relative path → content. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

interface Manifest {
  seed: number;
  files: number;
  byExt: Record<string, number>;
  sessionFiles: string[];
  sessionScenarios: { kind: string; files: string[] }[];
}

const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(path.join(dir, 'bench-manifest.json'), 'utf8')) as Manifest;

const SOURCE = /\.(js|cjs|mjs|jsx|ts|cts|mts|tsx)$/;

function parseErrors(dir: string, files: Iterable<[string, Buffer]>): string[] {
  const kinds: Record<string, ts.ScriptKind> = { '.ts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX, '.jsx': ts.ScriptKind.JSX };
  const bad: string[] = [];
  for (const [rel, buf] of files) {
    if (!SOURCE.test(rel)) continue;
    const sf = ts.createSourceFile(path.join(dir, rel), buf.toString('utf8'), ts.ScriptTarget.Latest, false, kinds[path.extname(rel)] ?? ts.ScriptKind.JS);
    const diags = (sf as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
    if (diags.length) bad.push(`${rel}: ${ts.flattenDiagnosticMessageText(diags[0]!.messageText, ' ')}`);
    // JavaScript as ESLint's default parser reads it (.cjs as CommonJS, JSX only in .jsx).
    const ext = path.extname(rel);
    if (ext === '.js' || ext === '.jsx' || ext === '.mjs' || ext === '.cjs') {
      try {
        espree.parse(buf.toString('utf8'), { ecmaVersion: 'latest', sourceType: ext === '.cjs' ? 'commonjs' : 'module', ecmaFeatures: { jsx: ext === '.jsx' } });
      } catch (e) {
        bad.push(`${rel}: espree: ${(e as Error).message}`);
      }
    }
  }
  return bad;
}

describe('scripts/bench/generate.js', () => {
  it('writes files that TypeScript and espree parse, in every module system', () => {
    // Big enough to hold .cjs/.mjs files of every kind (hooks, components, tests, scripts).
    const dir = generate(3000, 3, 'k3');
    expect(parseErrors(dir, snapshot(dir))).toEqual([]);
  });

  it('writes a byte-identical tree for the same seed', () => {
    const a = snapshot(generate(60, 7, 'a'));
    const b = snapshot(generate(60, 7, 'b'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [rel, buf] of a) expect(buf.equals(b.get(rel)!), rel).toBe(true);
    const m = JSON.parse(a.get('bench-manifest.json')!.toString('utf8')) as Manifest;
    expect(m.files).toBe(60);
    expect([...a.keys()].filter((f) => SOURCE.test(f))).toHaveLength(60);
    expect(a.has('tsconfig.json') && a.has('package.json')).toBe(true);
  });

  it('writes another tree for another seed', () => {
    const a = snapshot(path.join(temp, 'a'));
    const c = snapshot(generate(60, 8, 'c'));
    const same = [...a].filter(([rel, buf]) => c.get(rel)?.equals(buf)).length;
    expect(same).toBeLessThan(a.size / 2);
  });

  it('puts session code in about 1% of a 1k tree, in every library, and every file parses', () => {
    const dir = generate(1000, 1, 'k1');
    const m = manifestOf(dir);
    const files = snapshot(dir);
    expect(m.files).toBe(1000);
    expect(m.sessionFiles.length).toBeGreaterThanOrEqual(7);
    expect(m.sessionFiles.length).toBeLessThanOrEqual(15);
    for (const f of m.sessionFiles) expect(existsSync(path.join(dir, f)), f).toBe(true);
    // Mixed languages and module systems.
    for (const ext of ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs']) expect(m.byExt[ext] ?? 0, ext).toBeGreaterThan(0);
    expect(parseErrors(dir, files)).toEqual([]);
  });

  it('covers every session scenario in a larger tree', () => {
    // Generated in memory through the module, no files written.
    const r = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { generateTree } from ${JSON.stringify(GENERATE)}; const { manifest } = generateTree({ files: 5000, seed: 1 }); process.stdout.write(JSON.stringify(manifest));`],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout) as Manifest;
    const kinds = new Set(m.sessionScenarios.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['auth-routes', 'cookie-session', 'express-inline', 'express-split', 'fastify-session', 'iron-session', 'koa-session']);
    expect(m.sessionFiles.length / m.files).toBeGreaterThan(0.007);
    expect(m.sessionFiles.length / m.files).toBeLessThan(0.015);
  });
});
