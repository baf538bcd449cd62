/**
 * Which files session-audit looks at, shared by both front ends: the JavaScript and
 * TypeScript extensions, and which files are tests. No TypeScript and no CLI here (the
 * ESLint entry imports this module).
 */
import * as path from 'node:path';

const JS_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx'] as const;
export const TS_EXTENSIONS = ['.ts', '.cts', '.mts', '.tsx'] as const;
export const EXTENSIONS = [...JS_EXTENSIONS, ...TS_EXTENSIONS] as const;

/** `**∕*.ts`-style globs of extensions (ESLint's `files`). */
export function globsOf(extensions: readonly string[]): string[] {
  return extensions.map((e) => `**/*${e}`);
}

/**
 * Tests: files under a folder named test, tests, __tests__ or __mocks__, and files named
 * *.test.* or *.spec.* (`app.test.js`, `session.spec.ts`).
 */
const TEST_FOLDERS = ['test', 'tests', '__tests__', '__mocks__'] as const;
const TEST_FILE_INFIXES = ['.test.', '.spec.'] as const;

/**
 * Whether a file is a test, by its path relative to the project folder (ESLint's cwd, the
 * CLI's working folder): a folder on that path is named like a test folder, or the file name
 * has a test infix. Folders above the project folder do not count (a project checked out
 * under `~/tests/` is not all tests); for a file outside the project folder, only the part of
 * its path below the folder both share counts.
 */
export function isTestFile(file: string, projectDir: string): boolean {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf(path.sep));
  // A file below the folder (the CLI asks this of every file it lists): its folder's answer is kept, per folder.
  const base = file.slice(cut + 1);
  if (cut > 0 && base !== '' && base !== '.' && base !== '..' && path.isAbsolute(file) && !isInsideOrSame(projectDir, file)) {
    if (TEST_FILE_INFIXES.some((infix) => base.includes(infix))) return true;
    // Files come folder by folder: the last folder's answer is reused without cutting and hashing the path again.
    if (last !== undefined && last.projectDir === projectDir && cut === last.dir.length && file.startsWith(last.dir)) return last.answer;
    const dir = file.slice(0, cut);
    const answer = testFolderAbove(dir, projectDir);
    last = { projectDir, dir, answer };
    return answer;
  }
  const parts = partsBelow(file, projectDir);
  const name = parts.pop();
  if (name === undefined) return false;
  if (parts.some((p) => (TEST_FOLDERS as readonly string[]).includes(p))) return true;
  return TEST_FILE_INFIXES.some((infix) => name.includes(infix));
}

/** Whether `dir` is `file` or lies under it (then `file` has no path below the folder). */
function isInsideOrSame(dir: string, file: string): boolean {
  return dir === file || (dir.startsWith(file) && (dir[file.length] === '/' || dir[file.length] === path.sep));
}

/** The folder `isTestFile` answered for last. */
let last: { readonly projectDir: string; readonly dir: string; readonly answer: boolean } | undefined;

/** Answers of `testFolderAbove` by project folder, then folder. */
const testFolders = new Map<string, Map<string, boolean>>();

/** Whether a folder on the path of `dir` below `projectDir` is named like a test folder (cached: a tree has far fewer folders than files). */
function testFolderAbove(dir: string, projectDir: string): boolean {
  let byDir = testFolders.get(projectDir);
  if (!byDir) testFolders.set(projectDir, (byDir = new Map()));
  let answer = byDir.get(dir);
  if (answer === undefined) {
    answer = partsBelow(dir, projectDir).some((p) => (TEST_FOLDERS as readonly string[]).includes(p));
    if (byDir.size > 100_000) byDir.clear();
    byDir.set(dir, answer);
  }
  return answer;
}

/** Whether every file under a folder is a test file (a folder on its path, itself included, is named like a test folder). */
export function isTestFolder(dir: string, projectDir: string): boolean {
  return partsBelow(dir, projectDir).some((p) => (TEST_FOLDERS as readonly string[]).includes(p));
}

function partsBelow(file: string, projectDir: string): string[] {
  // A file under the folder (the CLI asks this of every file it lists): the rest of its path, without path.relative's normalizing.
  const under = file.length > projectDir.length && file.startsWith(projectDir) && (file[projectDir.length] === '/' || file[projectDir.length] === path.sep) && !projectDir.endsWith('/') && !projectDir.endsWith(path.sep);
  const rel = under ? file.slice(projectDir.length + 1) : path.isAbsolute(file) ? path.relative(projectDir, file) : file;
  return rel.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..');
}
