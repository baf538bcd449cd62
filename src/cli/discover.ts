/**
 * File discovery: folders are walked once (src/cli/walk-files.ts, honoring .gitignore
 * files up to the repository root), common output folders are skipped, symbolic links are
 * never followed (no loops), and ignore patterns from the command line and the
 * config (.gitignore syntax) are applied to the result. Files named explicitly
 * are scanned even when .gitignore or the default skips would hide them. Files are
 * read through the project boundary (boundary.ts), not here.
 */
import * as fs from 'node:fs';
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { EXTENSIONS } from '../source-files.js';
import type { ProjectFiles } from './boundary.js';
import { isInside } from './text.js';
import { ignoreFileReader, skipsOf, walkSourceFiles } from './walk-files.js';


/**
 * Skipped inside scanned folders (relative to each folder scanned).
 * @public scripts/bench/run.js reads it from the built module (a path knip cannot follow).
 */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/.output/**',
  '**/.svelte-kit/**',
  '**/.turbo/**',
  '**/.vercel/**',
  '**/.cache/**',
  '**/.yarn/**',
  '**/bower_components/**',
  '**/*.min.js',
  '**/*.d.ts',
  '**/*.d.cts',
  '**/*.d.mts',
];

export interface PathProblem {
  /** The path as given on the command line. */
  readonly input: string;
  readonly file: string;
  readonly message: string;
}

export interface Discovered {
  /** Absolute real paths, sorted, no duplicates. */
  readonly files: readonly string[];
  /** Absolute folders and files that were scanned (the only places --fix writes to). */
  readonly roots: readonly string[];
  readonly problems: readonly PathProblem[];
  /** Folders under the scanned ones that could not be listed (their files are not checked). */
  readonly unreadableFolders: readonly { readonly folder: string; readonly message: string }[];
  /**
   * What the walk's listings say of a `package.json` in each folder it listed: true (a regular
   * file), false (none), undefined (a link or something else: ask the file system). App roots
   * are found with it, without a `stat` per folder.
   */
  readonly packageJsonIn: ReadonlyMap<string, boolean | undefined>;
}

/** Patterns in .gitignore syntax, relative to a folder. */
export interface IgnoreSet {
  readonly dir: string;
  readonly patterns: readonly string[];
}

/** A declaration file's name, in any case (`.d.ts`, `.D.TS`, `.d.mts`). */
const DECLARATION_ANY_CASE = /\.d\.[cm]?ts$/i;

function hasSupportedExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return EXTENSIONS.some((e) => lower.endsWith(e)) && !DECLARATION_ANY_CASE.test(file);
}

class IgnoreMatcher {
  private readonly sets: { dir: string; ig: Ignore }[];

  constructor(sets: readonly IgnoreSet[]) {
    this.sets = sets.filter((s) => s.patterns.length > 0).map((s) => ({ dir: s.dir, ig: ignore().add([...s.patterns]) }));
  }

  ignores(file: string): boolean {
    for (const { dir, ig } of this.sets) {
      if (!isInside(file, dir) || file === dir) continue;
      const rel = path.relative(dir, file).split(path.sep).join('/');
      if (ig.ignores(rel)) return true;
    }
    return false;
  }
}

/** A file system error in a few words (the path is named by the message around it). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  if (code === 'EEXIST') return 'a file is in the way of a folder it needs';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EISDIR') return 'a folder, not a file';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'ENAMETOOLONG') return 'the path is too long';
  if (code === 'EMFILE' || code === 'ENFILE') return 'too many open files';
  if (code === 'ERR_STRING_TOO_LONG' || e instanceof RangeError) return 'the file is too large to read';
  return (e as Error).message;
}

/** An error for something that is not a regular file (a FIFO, socket or device would block or never end). */
class NotARegularFile extends Error {
  override readonly name = 'NotARegularFile';
  constructor() {
    super('not a regular file');
  }
}

/**
 * @param ignoreSets CLI patterns (relative to cwd) and static patterns; `dynamicIgnore`
 *   answers per file for patterns that depend on the file's config; `files`: the project
 *   boundary, through which `.gitignore` files are read.
 */
export async function discoverFiles(
  inputs: readonly string[],
  opts: { cwd: string; ignoreSets: readonly IgnoreSet[]; dynamicIgnore?: (file: string) => boolean; files: ProjectFiles },
): Promise<Discovered> {
  const readIgnoreFile = ignoreFileReader(opts.files);
  const matcher = new IgnoreMatcher(opts.ignoreSets);
  const ignored = (f: string) => matcher.ignores(f) || (opts.dynamicIgnore?.(f) ?? false);
  const files = new Set<string>();
  const roots: string[] = [];
  const problems: PathProblem[] = [];
  // Folders the walk could not list: skipped, and reported.
  const unreadableFolders = new Map<string, string>();
  const packageJsonIn = new Map<string, boolean | undefined>();
  const readdir = (dir: string): fs.Dirent[] => {
    try {
      const entries = fs.readdirSync(dir, { withFileTypes: true });
      const pkg = entries.find((e) => e.name === 'package.json');
      packageJsonIn.set(path.sep === '\\' ? dir.split(path.sep).join('/') : dir, pkg === undefined ? false : pkg.isFile() ? true : undefined);
      return entries;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') unreadableFolders.set(path.normalize(dir), describeFsError(e));
      throw e;
    }
  };
  // Test files are listed: whether rules run on them is the catalog's answer (src/test-files.ts).
  const skips = skipsOf(DEFAULT_IGNORES);

  for (const input of inputs) {
    const abs = path.resolve(opts.cwd, input);
    let real: string;
    let isDir: boolean;
    try {
      real = realpathSync(abs);
      const st = statSync(real);
      isDir = st.isDirectory();
      if (!isDir && !st.isFile()) throw new NotARegularFile();
    } catch (e) {
      problems.push({ input, file: abs, message: `cannot scan '${input}': ${describeFsError(e)}` });
      continue;
    }
    roots.push(real);
    if (!isDir) {
      if (!hasSupportedExtension(real)) {
        problems.push({ input, file: real, message: `cannot scan '${input}': not a JavaScript or TypeScript file (${EXTENSIONS.join(' ')})` });
        continue;
      }
      if (!ignored(real)) files.add(real);
      continue;
    }
    let found: string[];
    try {
      // One pass with readdir and .gitignore rules (src/cli/walk-files.ts): globby walked twice (docs/performance.md).
      found = walkSourceFiles(real, { extensions: EXTENSIONS, ...skips, readdir, readIgnoreFile });
    } catch (e) {
      problems.push({ input, file: real, message: `cannot scan '${input}': ${describeFsError(e)}` });
      continue;
    }
    // Absolute and normalized already (the walk appends names as listed to the real root).
    // The walk lists only names that end with a scanned extension as written (all lower case) and
    // skips `*.d.ts`-style names as written: what `hasSupportedExtension` adds is declarations in other cases.
    for (const file of found) if (!DECLARATION_ANY_CASE.test(file) && !ignored(file)) files.add(file);
  }
  // TypeScript (and so every file name in findings) writes paths with forward slashes.
  const norm = (f: string) => (path.sep === '\\' ? f.split(path.sep).join('/') : f);
  const unreadable = [...unreadableFolders].map(([folder, message]) => ({ folder: norm(folder), message })).sort((a, b) => (a.folder < b.folder ? -1 : 1));
  return { files: [...files].map(norm).sort(), roots: roots.map(norm), problems, unreadableFolders: unreadable, packageJsonIn };
}
