/**
 * Package versions for the ESLint plugin: the same facts the CLI reads through its project
 * boundary (package-versions.ts), read from disk near the linted file. The app is the folder
 * of the nearest package.json; files are read up to the project's top (the git work tree's
 * top folder, else the outermost folder with a package.json), and only regular files of at
 * most 16 MB whose real path stays inside it. Kept per app for a few seconds: a lint run
 * reads them once, and an editor sees an upgrade (a new lockfile) on its next lint.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { VERSIONED_PACKAGES } from '../analysis/libraries.js';
import { type PackageVersions, readPackageVersions } from '../analysis/package-versions.js';
import { type LibraryAliases, readForks } from '../analysis/library-aliases.js';
import { AppRoots } from '../app-root.js';

const MAX_BYTES = 16 * 1024 * 1024;
const byApp = new Map<string, { versions: PackageVersions; forks: LibraryAliases; at: number }>();
/** How long the versions of an app are kept (ms). */
const KEEP_MS = 5_000;

export function projectTop(appRoot: string): string {
  let top = appRoot;
  for (let dir = appRoot; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (existsSync(path.join(dir, 'package.json'))) top = dir;
    if (path.dirname(dir) === dir) return top;
  }
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function versionsNear(sf: TS.SourceFile): PackageVersions {
  return near(sf).versions;
}

/** The forks of session libraries the file's app depends on (library-aliases.ts `readForks`), read as the versions are. */
export function forksNear(sf: TS.SourceFile): LibraryAliases {
  return near(sf).forks;
}

function near(sf: TS.SourceFile): { versions: PackageVersions; forks: LibraryAliases } {
  const file = path.resolve(sf.fileName);
  // The nearest package.json's folder (under none: the file's own folder).
  const appRoot = new AppRoots(path.dirname(file)).of(file);
  const kept = byApp.get(appRoot);
  if (kept && Date.now() - kept.at < KEEP_MS) return kept;
  const top = projectTop(appRoot);
  const realTop = safeRealpath(top) ?? top;
  const read = (f: string): string | undefined => {
    const real = safeRealpath(f);
    if (real === undefined || !inside(real, realTop)) return undefined;
    try {
      const st = statSync(real);
      return st.isFile() && st.size <= MAX_BYTES ? readFileSync(real, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  const entry = { versions: readPackageVersions(appRoot, top, read, VERSIONED_PACKAGES), forks: readForks(appRoot, top, read), at: Date.now() };
  byApp.set(appRoot, entry);
  return entry;
}

function safeRealpath(f: string): string | undefined {
  try {
    return realpathSync(f);
  } catch {
    return undefined;
  }
}
