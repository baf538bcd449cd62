/**
 * The versions an app uses of the packages the libraries table knows (session libraries,
 * their stores, passport), and the one question rules and remedies ask of them: is the
 * app's version certainly before the one that brought a behaviour?
 *
 * Where a version comes from, best first: the installed package
 * (`node_modules/<name>/package.json`, in the app's folder or a folder above it), the
 * lockfile (npm `package-lock.json`/`npm-shrinkwrap.json` v1-v3, yarn v1 and berry
 * `yarn.lock`, `pnpm-lock.yaml`), else the range in the app's `package.json`. Files are
 * read through the front end's `read` (the CLI's project boundary, ESLint's file system),
 * never above `stopAt`. A file that does not parse gives no fact: the version is unknown,
 * and an unknown version keeps today's behaviour.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type SemverModule from 'semver';
import { LIBRARIES, SESSION_LIBRARY_MODULES } from './libraries.js';

export interface PackageVersion {
  readonly name: string;
  /** The exact version in use, when installed or locked. */
  readonly version?: string;
  /** The range the app's package.json asks for, when no exact version is known. */
  readonly range?: string;
  /** Where it was read: 'node_modules/passport/package.json', 'yarn.lock', 'package.json'. */
  readonly source: string;
  /**
   * A framework whose sessions the app switches off (`LibraryInfo.configFile.disabledBy`): where, as `.sailsrc hooks.session:
   * false`, and the session libraries the app's package.json names itself (a lockfile also lists the framework's own).
   */
  readonly sessionOff?: { readonly where: string; readonly appSessionLibraries: readonly string[] };
}

export type PackageVersions = ReadonlyMap<string, PackageVersion>;

export const NO_VERSIONS: PackageVersions = new Map();

/**
 * Whether the app's version of a package is before `since`: true when every version it may
 * use is, false when none is, undefined when it is not known (no fact, a range that spans
 * `since`, a version that is not semver such as a git URL or `workspace:*`).
 */
export function isBefore(v: PackageVersion | undefined, since: string): boolean | undefined {
  if (!v) return undefined;
  const semver = semverModule();
  if (v.version !== undefined) {
    const exact = semver.valid(semver.coerce(v.version, { includePrerelease: true })?.version ?? '');
    return exact ? semver.lt(exact, since) : undefined;
  }
  if (v.range === undefined) return undefined;
  const range = semver.validRange(v.range);
  if (range === null) return undefined;
  const below = semver.intersects(range, `<${since}`);
  const atOrAbove = semver.intersects(range, `>=${since}`);
  return below && !atOrAbove ? true : !below && atOrAbove ? false : undefined;
}

type Read = (file: string) => string | undefined;

const require = createRequire(import.meta.url);

/** semver, loaded when a version is first compared (about 40 modules: most runs and most files need none). */
let semverLoaded: typeof SemverModule | undefined;
function semverModule(): typeof SemverModule {
  return (semverLoaded ??= require('semver') as typeof SemverModule);
}

/** The dependency ranges of a package.json (all kinds), or undefined when it does not parse. */
function dependencyRanges(text: string): Map<string, string> | undefined {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  const out = new Map<string, string>();
  if (!pkg || typeof pkg !== 'object') return out;
  for (const kind of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = (pkg as Record<string, unknown>)[kind];
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, range] of Object.entries(deps as Record<string, unknown>)) if (typeof range === 'string' && !out.has(name)) out.set(name, range);
  }
  return out;
}

function stringVersion(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** pnpm writes `0.5.3(peer@1.0.0)` (v6+) or `0.5.3_peer@1.0.0` (v5) for a version with peers. */
function pnpmVersion(v: unknown): string | undefined {
  const s = typeof v === 'object' && v !== null ? (v as { version?: unknown }).version : v;
  return typeof s === 'string' ? s.replace(/[(_].*$/, '') : undefined;
}

/** The locked version of `name` for the app at `rel` (relative to the lockfile's folder, '' for the same folder). */
function fromLockfile(kind: string, text: string, name: string, rel: string, range: string | undefined): string | undefined {
  try {
    if (kind === 'package-lock.json' || kind === 'npm-shrinkwrap.json') {
      const lock = parsedOnce(kind, text, JSON.parse) as { packages?: Record<string, { version?: unknown }>; dependencies?: Record<string, { version?: unknown }> };
      if (lock.packages) {
        const nested = rel ? lock.packages[`${rel}/node_modules/${name}`] : undefined;
        return stringVersion((nested ?? lock.packages[`node_modules/${name}`])?.version);
      }
      return stringVersion(lock.dependencies?.[name]?.version);
    }
    if (kind === 'yarn.lock') {
      if (text.includes('# yarn lockfile v1')) {
        const { parse } = require('@yarnpkg/lockfile') as { parse(text: string): { type: string; object: Record<string, { version?: unknown }> } };
        const parsed = parsedOnce(kind, text, parse);
        if (parsed.type !== 'success') return undefined;
        const exact = range !== undefined ? parsed.object[`${name}@${range}`] : undefined;
        if (exact) return stringVersion(exact.version);
        const versions = new Set(Object.entries(parsed.object).filter(([k]) => k.slice(0, k.lastIndexOf('@')) === name).map(([, v]) => stringVersion(v.version)));
        return versions.size === 1 ? [...versions][0] : undefined;
      }
      // berry: YAML whose keys are descriptors, several joined by ', ' ("passport@npm:^0.5.0").
      const doc = parsedOnce(kind, text, parseYaml) as Record<string, { version?: unknown }> | null;
      if (!doc || typeof doc !== 'object') return undefined;
      const versions = new Set<string | undefined>();
      for (const [key, entry] of Object.entries(doc)) {
        const descriptors = key.split(',').map((d) => d.trim());
        const mine = descriptors.filter((d) => d.slice(0, d.indexOf('@', 1)) === name);
        if (mine.length === 0) continue;
        if (range !== undefined && mine.some((d) => d === `${name}@npm:${range}` || d === `${name}@${range}`)) return stringVersion(entry?.version);
        versions.add(stringVersion(entry?.version));
      }
      return versions.size === 1 ? [...versions][0] : undefined;
    }
    if (kind === 'pnpm-lock.yaml') {
      const doc = parsedOnce(kind, text, parseYaml) as { importers?: Record<string, Record<string, Record<string, unknown>>>; [k: string]: unknown } | null;
      if (!doc || typeof doc !== 'object') return undefined;
      const importer = doc.importers ? doc.importers[rel || '.'] : (doc as Record<string, Record<string, unknown>>);
      if (!importer) return undefined;
      for (const kindOfDeps of ['dependencies', 'devDependencies', 'optionalDependencies']) {
        const deps = importer[kindOfDeps] as Record<string, unknown> | undefined;
        if (deps && name in deps) return pnpmVersion(deps[name]);
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Lockfiles parsed once for every package asked about (a monorepo asks for dozens of packages in each of its
 * apps; a pnpm lockfile of a few hundred kilobytes takes seconds to parse). The last few texts are kept.
 */
const parsedLocks = new Map<string, unknown>();

function parsedOnce<T>(kind: string, text: string, parse: (text: string) => T): T {
  const key = `${kind}\0${text}`;
  if (parsedLocks.has(key)) return parsedLocks.get(key) as T;
  const value = parse(text);
  if (parsedLocks.size >= 4) parsedLocks.delete(parsedLocks.keys().next().value!);
  parsedLocks.set(key, value);
  return value;
}

/** YAML lockfiles (yarn berry, pnpm): unique keys are not checked (the check is quadratic in a map's size; a lockfile's keys are unique). */
function parseYaml(text: string): unknown {
  const { parse } = require('yaml') as typeof import('yaml');
  return parse(text, { uniqueKeys: false });
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

/**
 * The versions of `names` that the app whose package.json lies in `appRoot` uses, looking no
 * higher than `stopAt` (the project's root). A name the app does not depend on and has not
 * installed has no entry.
 */
export function readPackageVersions(appRoot: string, stopAt: string, read: Read, names: readonly string[]): Map<string, PackageVersion> {
  const out = new Map<string, PackageVersion>();
  const manifest = read(path.join(appRoot, 'package.json'));
  const ranges = (manifest !== undefined ? dependencyRanges(manifest) : undefined) ?? new Map<string, string>();
  const folders: string[] = [];
  for (let dir = appRoot; ; dir = path.dirname(dir)) {
    folders.push(dir);
    const rel = path.relative(stopAt, dir);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || path.dirname(dir) === dir) break;
  }
  const lockfiles = new Map<string, string | undefined>();
  const lockfileIn = (dir: string, kind: string) => {
    const file = path.join(dir, kind);
    if (!lockfiles.has(file)) lockfiles.set(file, read(file));
    return lockfiles.get(file);
  };
  for (const name of names) {
    const range = ranges.get(name);
    let found: PackageVersion | undefined;
    for (const dir of folders) {
      const installed = read(path.join(dir, 'node_modules', name, 'package.json'));
      if (installed !== undefined) {
        try {
          const version = stringVersion((JSON.parse(installed) as { version?: unknown }).version);
          if (version) found = { name, version, source: path.relative(appRoot, path.join(dir, 'node_modules', name, 'package.json')).split(path.sep).join('/') };
        } catch {
          // not a package.json: no fact from it
        }
        break;
      }
    }
    if (!found) {
      search: for (const dir of folders) {
        for (const kind of LOCKFILES) {
          const text = lockfileIn(dir, kind);
          if (text === undefined) continue;
          const rel = path.relative(dir, appRoot).split(path.sep).join('/');
          const version = fromLockfile(kind, text, name, rel, range);
          if (version) {
            found = { name, version, source: path.relative(appRoot, path.join(dir, kind)).split(path.sep).join('/') };
            break search;
          }
        }
      }
    }
    if (!found && range !== undefined) found = { name, range, source: 'package.json' };
    if (found) out.set(name, found);
  }
  for (const lib of LIBRARIES) {
    const off = lib.configFile?.disabledBy;
    const entry = off && out.get(lib.configFile!.framework);
    if (!off || !entry) continue;
    const text = read(path.join(appRoot, off.file));
    let value: unknown;
    try {
      value = text === undefined ? undefined : off.path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), JSON.parse(text));
    } catch {
      continue; // not JSON (rc also reads ini): no fact
    }
    const appSessionLibraries = [...ranges.keys()].filter((m) => SESSION_LIBRARY_MODULES.has(m));
    if (value === off.value) out.set(entry.name, { ...entry, sessionOff: { where: `${off.file} ${off.path.join('.')}: ${JSON.stringify(off.value)}`, appSessionLibraries } });
  }
  return out;
}

/**
 * Whether the app's session library certainly lacks a behaviour that arrived in a version
 * (`LibraryInfo.since`): every server-side session library the app depends on has the fact
 * and a version certainly before it (koa-session 6.2 has no `regenerate()`); libraries the
 * behaviour does not concern (Koa's keys) do not count. An unknown
 * version, or another session library beside it that has the behaviour, is not a lack.
 */
export function lacksBehaviour(
  versions: PackageVersions,
  libraries: readonly {
    readonly modules: readonly string[];
    readonly clientSide: boolean;
    readonly lifecycleMethods: Readonly<Record<string, number>>;
    readonly since?: Readonly<Record<string, { readonly version: string } | undefined>>;
  }[],
  behaviour: string,
): boolean {
  // The app's session libraries the behaviour concerns: those that have it in some version (a method, or a `since` fact).
  const used = libraries.filter((l) => !l.clientSide && l.modules.some((m) => versions.has(m)) && (l.since?.[behaviour] !== undefined || behaviour in l.lifecycleMethods));
  return (
    used.length > 0 &&
    used.every((l) => {
      const since = l.since?.[behaviour];
      return since !== undefined && l.modules.some((m) => isBefore(versions.get(m), since.version) === true);
    })
  );
}

/** Whether the app's version of one library is certainly before the version that brought a behaviour (`LibraryInfo.since`). */
export function libraryLacks(
  library: { readonly modules: readonly string[]; readonly since?: Readonly<Record<string, { readonly version: string; readonly module?: string } | undefined>> },
  versions: PackageVersions,
  behaviour: string,
): boolean {
  const since = library.since?.[behaviour];
  return since !== undefined && (since.module ? [since.module] : library.modules).some((m) => isBefore(versions.get(m), since.version) === true);
}
