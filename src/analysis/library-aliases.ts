/**
 * Other names of a session library: forks published under a scope (`@acme/express-session`)
 * and modules the user maps to a library (`"libraries": { "@acme/session": "express-session" }`
 * in session-audit.config.json, `settings['session-audit'].libraries` in ESLint). The engine
 * reads a module through its alias wherever it names a package (imports, module values), so
 * every rule sees the library's facts; nothing else changes.
 *
 * A fork is recognised by package.json, cheaply and soundly:
 * - the app's package.json depends on `@scope/<name>` (any dependency kind), where `<name>` is
 *   the package of a library of the table (`express-session`, `iron-session`, ...) and the
 *   package itself is not in the table (`@fastify/session` is a library of its own) nor a
 *   type package (`@types/...`);
 * - and, when the package is installed (`node_modules/@scope/<name>/package.json` in the app's
 *   folder or above), its own package.json says so: its `name` is that name, and its
 *   `description`, `keywords`, `repository` or `homepage` names `<name>` (a fork keeps the
 *   upstream's name in one of them). An installed package that says nothing of the kind is not
 *   a fork; a package not installed is taken at its name.
 * A mapping in the config wins over a fork found this way.
 */
import * as path from 'node:path';
import { LIBRARIES, normalizeModule, packageName } from './libraries.js';

/** Package → the library package it stands for. */
export type LibraryAliases = ReadonlyMap<string, string>;

/** The packages a module may be mapped to: every library of the table (by package). */
function libraryPackages(): string[] {
  return [...new Set(LIBRARIES.flatMap((l) => l.modules.map((m) => packageName(m))))].sort();
}

/** A module specifier read through the aliases: `@acme/session/next` → `iron-session/next` when `@acme/session` maps to iron-session. */
export function aliasModule(module: string, aliases: LibraryAliases | undefined): string {
  if (!aliases || aliases.size === 0 || module.startsWith('.') || module.startsWith('/')) return module;
  const pkg = packageName(module);
  const to = aliases.get(pkg);
  return to === undefined ? module : to + module.slice(pkg.length);
}

/** Whether a file's text may load an aliased module (the text prefilter's addition: a mapped name need not say "session"). */
export function mentionsAlias(text: string, aliases: LibraryAliases | undefined): boolean {
  if (!aliases) return false;
  for (const name of aliases.keys()) if (text.includes(name)) return true;
  return false;
}

const BARE_PACKAGE = /^(?:@[a-z0-9][\w.~-]*\/)?[a-z0-9][\w.~-]*$/i;

/**
 * Validates a mapping as written by the user (`where` names it): an object of package name to
 * a library of the table. Returns the mapping, or the problems in one line each.
 */
export function parseLibraryMapping(raw: unknown, where: string): { aliases: Map<string, string>; problems: string[] } {
  const aliases = new Map<string, string>();
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { aliases, problems: [`${where} must be an object of module name to session library, e.g. { "@acme/session": "express-session" }`] };
  }
  const known = libraryPackages();
  for (const [from, to] of Object.entries(raw as Record<string, unknown>)) {
    const name = normalizeModule(from);
    if (!BARE_PACKAGE.test(name)) problems.push(`${where}: "${from}" is not a package name (a bare name such as "@acme/session", without a path)`);
    else if (known.includes(name)) problems.push(`${where}: "${from}" is already a session library of its own`);
    else if (typeof to !== 'string' || !known.includes(to)) problems.push(`${where}: "${from}" maps to ${JSON.stringify(to) ?? 'undefined'}; expected one of ${known.map((k) => `"${k}"`).join(', ')}`);
    else aliases.set(name, to);
  }
  return { aliases, problems };
}

/** The config's mapping over the forks found (the config wins). */
export function mergeAliases(forks: LibraryAliases, mapped: LibraryAliases | undefined): LibraryAliases {
  if (!mapped || mapped.size === 0) return forks;
  if (forks.size === 0) return mapped;
  return new Map([...forks, ...mapped]);
}

type Read = (file: string) => string | undefined;

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an installed package.json says it is `name` and names the upstream `upstream` (see the module's comment). */
function saysFork(pkg: Record<string, unknown>, name: string, upstream: string): boolean {
  if (pkg.name !== name) return false;
  const repository = typeof pkg.repository === 'object' && pkg.repository !== null ? (pkg.repository as { url?: unknown }).url : pkg.repository;
  const keywords = Array.isArray(pkg.keywords) ? pkg.keywords : [];
  const texts = [pkg.description, repository, pkg.homepage, ...keywords].filter((t): t is string => typeof t === 'string');
  return texts.some((t) => t.toLowerCase().includes(upstream));
}

/**
 * The forks of session libraries the app whose package.json lies in `appRoot` depends on,
 * reading installed packages no higher than `stopAt` (see the module's comment).
 */
export function readForks(appRoot: string, stopAt: string, read: Read): Map<string, string> {
  const out = new Map<string, string>();
  const manifest = parseJson(read(path.join(appRoot, 'package.json')));
  if (!manifest) return out;
  const known = new Set(libraryPackages());
  const deps = new Set<string>();
  for (const kind of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const d = manifest[kind];
    if (typeof d === 'object' && d !== null) for (const name of Object.keys(d)) deps.add(name);
  }
  const folders: string[] = [];
  for (let dir = appRoot; ; dir = path.dirname(dir)) {
    folders.push(dir);
    const rel = path.relative(stopAt, dir);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) || path.dirname(dir) === dir) break;
  }
  for (const name of deps) {
    const m = /^@([^/]+)\/(.+)$/.exec(name);
    if (!m || m[1] === 'types' || known.has(name) || !known.has(m[2]!)) continue;
    const upstream = m[2]!;
    let installed: Record<string, unknown> | undefined;
    for (const dir of folders) {
      const text = read(path.join(dir, 'node_modules', name, 'package.json'));
      if (text !== undefined) {
        installed = parseJson(text) ?? {};
        break;
      }
    }
    if (installed === undefined || saysFork(installed, name, upstream)) out.set(name, upstream);
  }
  return out;
}
