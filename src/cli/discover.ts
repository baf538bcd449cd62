/**
 * File discovery: folders are globbed (globby, honoring .gitignore files up to
 * the repository root), common output folders are skipped, symbolic links are
 * never followed (no loops), and ignore patterns from the command line and the
 * config (.gitignore syntax) are applied to the result. Files named explicitly
 * are scanned even when .gitignore or the default skips would hide them.
 */
import { realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { globby } from 'globby';
import ignore, { type Ignore } from 'ignore';
import { isInside } from './text.js';

export const EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;

/** Skipped inside scanned folders (relative to each folder scanned). */
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
}

/** Patterns in .gitignore syntax, relative to a folder. */
export interface IgnoreSet {
  readonly dir: string;
  readonly patterns: readonly string[];
}

export function hasSupportedExtension(file: string): boolean {
  const lower = file.toLowerCase();
  return EXTENSIONS.some((e) => lower.endsWith(e)) && !/\.d\.[cm]?ts$/.test(lower);
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

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  return (e as Error).message;
}

/**
 * @param ignoreSets CLI patterns (relative to cwd) and static patterns; `dynamicIgnore`
 *   answers per file for patterns that depend on the file's config.
 */
export async function discoverFiles(
  inputs: readonly string[],
  opts: { cwd: string; ignoreSets: readonly IgnoreSet[]; dynamicIgnore?: (file: string) => boolean },
): Promise<Discovered> {
  const matcher = new IgnoreMatcher(opts.ignoreSets);
  const ignored = (f: string) => matcher.ignores(f) || (opts.dynamicIgnore?.(f) ?? false);
  const files = new Set<string>();
  const roots: string[] = [];
  const problems: PathProblem[] = [];

  for (const input of inputs) {
    const abs = path.resolve(opts.cwd, input);
    let real: string;
    let isDir: boolean;
    try {
      real = realpathSync(abs);
      isDir = statSync(real).isDirectory();
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
      found = await globby(`**/*{${EXTENSIONS.join(',')}}`, {
        cwd: real,
        absolute: true,
        gitignore: true,
        ignore: DEFAULT_IGNORES,
        followSymbolicLinks: false,
        onlyFiles: true,
        dot: true,
        suppressErrors: true,
      });
    } catch (e) {
      problems.push({ input, file: real, message: `cannot scan '${input}': ${describeFsError(e)}` });
      continue;
    }
    for (const f of found) {
      const file = path.normalize(f);
      if (hasSupportedExtension(file) && !ignored(file)) files.add(file);
    }
  }
  // TypeScript (and so every file name in findings) writes paths with forward slashes.
  const norm = (f: string) => (path.sep === '\\' ? f.split(path.sep).join('/') : f);
  return { files: [...files].map(norm).sort(), roots: roots.map(norm), problems };
}
