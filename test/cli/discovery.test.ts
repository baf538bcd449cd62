import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const finding = "const session = require('express-session');\nsession({ secret: 'x' });\n";

async function files(dir: string, args: string[] = []): Promise<string[]> {
  const r = await cli(['-f', 'json', ...args], { cwd: dir });
  return parseJson(r.stdout).findings.map((f) => f.file);
}

describe('file discovery', () => {
  it('scans every supported extension, skips declaration files, node_modules and build output', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      ...Object.fromEntries(['js', 'cjs', 'mjs', 'jsx', 'ts', 'cts', 'mts', 'tsx'].map((e) => [`src/a.${e}`, finding])),
      'src/a.json': finding,
      'src/a.d.ts': finding,
      // Declarations in other cases are skipped too; extensions count only as written (lower case), dots elsewhere do not matter.
      'src/b.D.TS': finding,
      'src/c.d.Ts': finding,
      'src/d.JS': finding,
      'src/e.js.map': finding,
      'src/js': finding,
      'src/f.d.tsx': finding,
      'src/a.min.js': finding,
      'node_modules/lib/index.js': finding,
      'dist/a.js': finding,
      'build/a.js': finding,
      'coverage/a.js': finding,
      '.next/server/a.js': finding,
      'packages/x/node_modules/y/a.js': finding,
    });
    expect(await files(dir)).toEqual(['src/a.cjs', 'src/a.cts', 'src/a.js', 'src/a.jsx', 'src/a.mjs', 'src/a.mts', 'src/a.ts', 'src/a.tsx', 'src/f.d.tsx']);
  });

  it('honors .gitignore, --ignore-pattern (repeatable) and the config\'s ignorePatterns', async () => {
    const dir = tempProject({
      'package.json': '{}',
      'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'no-hardcoded-secret': 'error' }, ignorePatterns: ['legacy/'] }),
      '.gitignore': 'generated/\n*.local.js\n',
      'src/app.js': finding,
      'src/app.local.js': finding,
      'generated/app.js': finding,
      'legacy/app.js': finding,
      'scripts/seed.js': finding,
      'test/app.test.js': finding,
    });
    expect(await files(dir)).toEqual(['scripts/seed.js', 'src/app.js']);
    expect(await files(dir, ['--include-tests'])).toEqual(['scripts/seed.js', 'src/app.js', 'test/app.test.js']);
    expect(await files(dir, ['--include-tests', '--ignore-pattern', 'scripts/', '--ignore-pattern', '*.test.js'])).toEqual(['src/app.js']);
  });

  it('skips tests unless --include-tests: test folders and test-named files, also when named (with a note)', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'src/app.js': finding,
      'src/app.test.js': finding,
      'src/app.spec.ts': finding,
      'src/__tests__/login.js': finding,
      'src/__mocks__/session.js': finding,
      'test/setup.js': finding,
      'tests/e2e/app.js': finding,
      'packages/api/test/helpers.mjs': finding,
      'src/testing.js': finding, // not a test name
      'src/latest.js': finding,
    });
    expect(await files(dir)).toEqual(['src/app.js', 'src/latest.js', 'src/testing.js']);
    expect(await files(dir, ['--include-tests'])).toHaveLength(10);
    // Naming a test folder or file does not make it checked (ESLint gives the same answer); a note says why.
    for (const named of ['test', 'src/app.test.js']) {
      const r = await cli(['-f', 'json', named], { cwd: dir });
      expect(parseJson(r.stdout).findings).toEqual([]);
      expect(r.stderr).toContain(`session-audit: note: ${named}: test files are not checked by default; use --include-tests (or "includeTests": true in the config) to check them\n`);
    }
    expect(await files(dir, ['--include-tests', 'test'])).toEqual(['test/setup.js']);
    expect(await files(dir, ['--include-tests', 'src/app.test.js'])).toEqual(['src/app.test.js']);
  });

  it('includeTests: the config key for every rule, a rule option for one rule (which wins)', async () => {
    const dirs = {
      key: { includeTests: true, rules: { 'no-hardcoded-secret': 'error', 'no-memory-store': 'error' } },
      option: { rules: { 'no-hardcoded-secret': ['error', { includeTests: true }], 'no-memory-store': 'error' } },
      both: { includeTests: true, rules: { 'no-hardcoded-secret': ['error', { includeTests: false }], 'no-memory-store': 'error' } },
    };
    const rows = async (config: object, args: string[] = []) => {
      const dir = tempProject({ 'package.json': '{}', 'session-audit.config.json': JSON.stringify({ preset: 'none', ...config }), 'src/app.js': finding, 'test/app.js': finding });
      const r = await cli(['-f', 'json', ...args], { cwd: dir });
      return parseJson(r.stdout).findings.map((f) => `${f.file} ${f.rule}`).sort();
    };
    const app = ['src/app.js no-hardcoded-secret', 'src/app.js no-memory-store'];
    expect(await rows(dirs.key)).toEqual([...app, 'test/app.js no-hardcoded-secret', 'test/app.js no-memory-store']);
    expect(await rows(dirs.option)).toEqual([...app, 'test/app.js no-hardcoded-secret']);
    expect(await rows(dirs.both)).toEqual([...app, 'test/app.js no-memory-store']);
    // --include-tests is the config key for the whole run; the rule option still wins.
    expect(await rows({ rules: dirs.both.rules }, ['--include-tests'])).toEqual([...app, 'test/app.js no-memory-store']);
  });

  it('a .gitignore pattern for folders (`name/`) hides folders of that name at any depth; nested .gitignore files apply below them, negations included', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      '.gitignore': 'out/\n',
      'app.js': finding,
      'out.js': finding,
      'lib/out/x.js': finding,
      'pkg/.gitignore': 'secret-*.js\n!secret-keep.js\n',
      'pkg/secret-a.js': finding,
      'pkg/secret-keep.js': finding,
      'secret-b.js': finding,
    });
    expect(await files(dir)).toEqual(['app.js', 'out.js', 'pkg/secret-keep.js', 'secret-b.js']);
  });

  it('scans a file named explicitly even if .gitignore hides it, unless an ignore pattern matches', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), '.gitignore': 'tmp/\n', 'tmp/app.js': finding });
    expect(await files(dir)).toEqual([]);
    expect(await files(dir, ['tmp/app.js'])).toEqual(['tmp/app.js']);
    expect(await files(dir, ['tmp/app.js', '--ignore-pattern', 'tmp/'])).toEqual([]);
  });

  it('never follows symbolic links (no loops, no duplicates)', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'src/app.js': finding });
    symlinkSync(path.join(dir, 'src'), path.join(dir, 'src/loop'), 'dir');
    symlinkSync(dir, path.join(dir, 'src/root'), 'dir');
    symlinkSync(path.join(dir, 'src/app.js'), path.join(dir, 'src/alias.js'));
    const r = await cli(['-f', 'json', '.', 'src', 'src/loop'], { cwd: dir });
    expect(parseJson(r.stdout).findings.map((f) => f.file)).toEqual(['src/app.js']);
    expect(parseJson(r.stdout).stats.files).toBe(1);
  });

  it('reports a path that is not a JavaScript or TypeScript file', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'README.md': '# hi\n', 'app.js': finding });
    const r = await cli(['-f', 'json', 'README.md', 'app.js'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).fileErrors).toEqual([
      { file: 'README.md', kind: 'path', message: "cannot scan 'README.md': not a JavaScript or TypeScript file (.js .cjs .mjs .jsx .ts .cts .mts .tsx)" },
    ]);
  });

  it('says so on stderr when a folder has nothing to check (exit 0)', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'docs/readme.md': '# hi\n' });
    mkdirSync(path.join(dir, 'empty'));
    const r = await cli(['empty'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '✔ No problems found (0 files checked).\n', stderr: 'session-audit: no JavaScript or TypeScript files to check in empty\n' });
  });

  // root reads everything, so this can only be shown as another user.
  it.skipIf(process.getuid?.() === 0)('reports an unreadable file and goes on', async () => {
    const { chmodSync } = await import('node:fs');
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'a.js': finding, 'b.js': finding });
    chmodSync(path.join(dir, 'a.js'), 0o000);
    const out = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout);
    expect(out.fileErrors.map((e) => [e.file, e.kind])).toEqual([['a.js', 'read']]);
    expect(out.findings.map((f) => f.file)).toEqual(['b.js']);
  });
});

describe('app roots from the walk', () => {
  it("the walk's listings say where a package.json is (a regular file, none, or a link the file system must answer)", async () => {
    const { discoverFiles } = await import('../../src/cli/discover.js');
    const { ProjectFiles } = await import('../../src/cli/boundary.js');
    const dir = tempProject({
      'package.json': '{}',
      'a/package.json': '{"name":"a"}',
      'a/src/index.js': 'export {};\n',
      'b/index.js': 'export {};\n',
      'shared/package.json': '{"name":"shared"}',
    });
    mkdirSync(path.join(dir, 'c'));
    symlinkSync('../shared/package.json', path.join(dir, 'c/package.json'));
    const listed = await discoverFiles(['.'], { cwd: dir, ignoreSets: [], files: ProjectFiles.of(['.'], dir) });
    expect(listed.packageJsonIn.get(dir)).toBe(true);
    expect(listed.packageJsonIn.get(path.join(dir, 'a'))).toBe(true);
    expect(listed.packageJsonIn.get(path.join(dir, 'a/src'))).toBe(false);
    expect(listed.packageJsonIn.get(path.join(dir, 'b'))).toBe(false);
    expect(listed.packageJsonIn.has(path.join(dir, 'c'))).toBe(true);
    expect(listed.packageJsonIn.get(path.join(dir, 'c'))).toBeUndefined();
  });
});
