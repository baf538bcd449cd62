/**
 * The discovery walk (src/cli/walk-files.ts) against the glob it replaced (globby with
 * `gitignore: true`, kept as a development dependency for this test): the same files on
 * trees built to exercise .gitignore files (nested, negations, folder-only patterns,
 * anchored patterns, a parent .gitignore up to the repository top, none above it), the
 * default skips at any depth, dot files, tests, symbolic links and FIFOs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { globbySync } from 'globby';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_IGNORES } from '../../src/cli/discover.js';
import { EXTENSIONS } from '../../src/source-files.js';
import { ProjectFiles } from '../../src/cli/boundary.js';
import { ignoreFileReader, skipsOf, walkSourceFiles } from '../../src/cli/walk-files.js';

/** Extra skip patterns to compare with globby's `ignore` (test folders and files, as discovery once skipped them). */
const TEST_IGNORES = ['**/test/**', '**/tests/**', '**/__tests__/**', '**/__mocks__/**', '**/*.test.*', '**/*.spec.*'];

const base = mkdtempSync(path.join(tmpdir(), 'session-audit-walk-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = path.join(base, name);
  for (const [rel, text] of Object.entries(files)) {
    const f = path.join(root, rel);
    mkdirSync(path.dirname(f), { recursive: true });
    writeFileSync(f, text);
  }
  return root;
}

function both(root: string, includeTests: boolean): { walk: string[]; glob: string[] } {
  const skips = includeTests ? DEFAULT_IGNORES : [...DEFAULT_IGNORES, ...TEST_IGNORES];
  const walk = walkSourceFiles(root, { extensions: EXTENSIONS, ...skipsOf(skips), readIgnoreFile: ignoreFileReader(ProjectFiles.of([root], root)) }).sort();
  const glob = globbySync(`**/*{${EXTENSIONS.join(',')}}`, { cwd: root, absolute: true, gitignore: true, ignore: skips, followSymbolicLinks: false, onlyFiles: true, dot: true, suppressErrors: true })
    .map((f) => path.normalize(f))
    .sort();
  return { walk, glob };
}

const FILES: Record<string, string> = {
  '.gitignore': 'out/\n*.local.js\n/anchored.js\ngen/**/*.ts\n!keep.local.js\n',
  'a.js': '',
  'anchored.js': '',
  'sub/anchored.js': '',
  'x.local.js': '',
  'keep.local.js': '',
  'out/a.js': '',
  'deep/out/a.js': '',
  'deep/out.js': '',
  'gen/x/y.ts': '',
  'gen/x/y.js': '',
  '.hidden/a.js': '',
  '.eslintrc.cjs': '',
  'pkg/.gitignore': 'secret-*.js\n!secret-keep.js\n/local-only/\n',
  'pkg/secret-a.js': '',
  'pkg/secret-keep.js': '',
  'pkg/local-only/a.js': '',
  'pkg/sub/local-only/a.js': '',
  'pkg/sub/secret-b.js': '',
  'pkg/node_modules/x/index.js': '',
  'pkg/dist/bundle.js': '',
  'pkg/src/dist/bundle.js': '',
  'pkg/types.d.ts': '',
  'pkg/vendor.min.js': '',
  'pkg/app.test.ts': '',
  'pkg/app.spec.js': '',
  'pkg/__tests__/a.js': '',
  'pkg/test/a.js': '',
  'pkg/tests/deep/a.js': '',
  'pkg/ok.mts': '',
  'pkg/ok.CJS': '',
  'pkg/readme.md': '',
  'negated/.gitignore': '*.js\n!*.keep.js\n',
  'negated/a.js': '',
  'negated/a.keep.js': '',
  'negated/inner/.gitignore': '!a.js\n',
  'negated/inner/a.js': '',
};

describe('the discovery walk selects what globby with gitignore did', () => {
  it.each([false, true])('includeTests %s', (includeTests) => {
    const root = tree(`t${includeTests}`, FILES);
    symlinkSync(path.join(root, 'a.js'), path.join(root, 'link.js'));
    symlinkSync(path.join(root, 'pkg'), path.join(root, 'linked-pkg'));
    execFileSync('mkfifo', [path.join(root, 'pipe.js')]);
    const { walk, glob } = both(root, includeTests);
    expect(walk).toEqual(glob);
    expect(walk.map((f) => path.relative(root, f))).toContain('keep.local.js');
    expect(walk.map((f) => path.relative(root, f))).not.toContain('x.local.js');
  });

  it('a .gitignore above the scanned folder applies up to the repository top, and not above it', () => {
    const repo = tree('repo', { '.gitignore': 'ignored-*.js\n', 'app/ignored-a.js': '', 'app/b.js': '' });
    mkdirSync(path.join(repo, '.git'));
    const { walk, glob } = both(path.join(repo, 'app'), false);
    expect(walk).toEqual(glob);
    expect(walk.map((f) => path.basename(f))).toEqual(['b.js']);
    // Outside a repository, a parent .gitignore is not read.
    const loose = tree('loose', { '.gitignore': 'ignored-*.js\n', 'app/ignored-a.js': '', 'app/b.js': '' });
    const outside = both(path.join(loose, 'app'), false);
    expect(outside.walk).toEqual(outside.glob);
    expect(outside.walk.map((f) => path.basename(f))).toEqual(['b.js', 'ignored-a.js']);
  });
});
