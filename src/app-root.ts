/**
 * Apps, for both front ends: which package a file belongs to (one app-root function), and
 * the facts of each app (one path: `AppFactsIndex`, which the engine reads through
 * `EngineHost.appFacts`).
 *
 * A package is everything under the nearest package.json, so each package of a monorepo is
 * judged on its own. Files under no package.json belong to a fallback folder the front
 * end names (the CLI: its working folder; typed ESLint: the program's folder).
 *
 * An app is the module graph around one app instance (`express()`, `new Koa()`, `fastify()`,
 * `NestFactory.create()`: the frameworks table, src/analysis/libraries-frameworks.ts) within
 * its package: the file that makes the instance, every file it imports (transitively), and
 * every file that imports it (transitively: the server that listens, its tests). The graph is
 * built from the imports of the files read for facts (no other file is parsed), so a chain
 * through a file that adds no fact ends there: the files in no app's graph (where they belong
 * cannot be known) add to every app of the package the facts that can only silence a rule
 * (trust proxy, HTTPS, CSRF middleware), not those that make a rule fire (routes). A file in one or more apps
 * gets their facts (merged: a shared module's facts are the union of its apps'); a file in
 * none, or a package that makes no app instance, gets the package's facts. A
 * repository of examples (many apps, one package.json) thus keeps each example's trust
 * proxy and CSRF facts to itself.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type * as TS from 'typescript';
import { type AppFacts, MAX_ROUTES, type SelfPackage, fileFacts, mayHoldAppFacts, mergeFacts, onlyRoutesIn } from './analysis/app-facts.js';
import type { TSModule } from './analysis/host.js';
import { bareModules, findImports } from './analysis/imports.js';
import type { LibraryAliases } from './analysis/library-aliases.js';

/** Whether a path is a regular file (after links). */
export function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A regular file's text, when it is small (a package.json); undefined otherwise. */
function readSmallFile(file: string): string | undefined {
  try {
    const st = statSync(file);
    return st.isFile() && st.size <= 1024 * 1024 ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export class AppRoots {
  private readonly byDir = new Map<string, string>();

  constructor(
    /** The root of files under no package.json. */
    private readonly fallback: string,
    /** Whether a path is a regular file (injectable: the CLI reads through its own boundary). */
    private readonly fileExists: (file: string) => boolean = isRegularFile,
  ) {}

  /** The app root of a file: the nearest folder above it with a package.json, else the fallback. */
  of(file: string): string {
    const start = dirname(file);
    const seen: string[] = [];
    let root: string | undefined;
    for (let dir = start; ; ) {
      const cached = this.byDir.get(dir);
      if (cached !== undefined) {
        root = cached;
        break;
      }
      seen.push(dir);
      if (this.fileExists(join(dir, 'package.json'))) {
        root = dir;
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) {
        root = this.fallback;
        break;
      }
      dir = parent;
    }
    for (const d of seen) this.byDir.set(d, root);
    return root;
  }

  /** Whether a package.json marks this root (false for the fallback). */
  isPackage(root: string): boolean {
    return this.fileExists(join(root, 'package.json'));
  }
}

interface FactFile {
  /** All the file can add is routes (see `onlyRoutesIn`). */
  readonly routesOnly: boolean;
  /** The file's tree, until its facts are computed (then released). */
  tree?: () => TS.SourceFile | undefined;
}

/**
 * The facts of each app, from the files that may add to them (`mayHoldAppFacts`), each
 * read once for its facts and then released: the CLI keeps facts, not trees. Files are
 * read in name order; files that can only add routes are skipped once the app holds as
 * many routes as the facts keep (MAX_ROUTES). A file that cannot be read (nested too
 * deeply to parse) leaves its app's facts incomplete: rules that need the whole app then
 * stay quiet rather than guess.
 */
/** One file's facts and the project files it imports (absolute names, unresolved: several candidates per specifier). */
interface FileEntry {
  readonly facts: AppFacts;
  readonly imports: readonly (readonly string[])[];
}

/** A package's facts: every read file's, merged, and its apps (the files each app's graph holds, and their facts merged). */
interface PackageFacts {
  readonly all: AppFacts;
  readonly apps: readonly { readonly members: ReadonlySet<string>; readonly facts: AppFacts }[];
}

/** The extensions a relative specifier may leave out, and those a `.js` specifier may stand for (TypeScript's ESM style). */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_FOR_TS: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** The file names a relative specifier may name, most likely first. */
function candidates(from: string, specifier: string): string[] {
  const base = resolve(dirname(from), specifier);
  const ext = EXTENSIONS.find((e) => base.endsWith(e));
  const out = [base];
  if (ext) out.push(...(JS_FOR_TS[ext] ?? []).map((e) => base.slice(0, -ext.length) + e));
  out.push(...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`)));
  return out;
}

export class AppFactsIndex {
  private readonly files = new Map<string, Map<string, FactFile>>();
  private readonly factsOfFile = new Map<string, FileEntry>();
  private readonly factsOfPackage = new Map<string, PackageFacts>();
  /** A file's app facts, when it belongs to an app (cleared whenever a package's facts are). */
  private readonly factsOfMember = new Map<string, AppFacts>();
  private readonly incomplete = new Set<string>();

  constructor(
    private readonly ts: TSModule,
    readonly roots: AppRoots,
    /** Told about a file whose facts could not be read (the CLI warns). */
    private readonly onUnreadable?: (file: string, error: unknown) => void,
    /** Other names of session libraries for a file (forks, the user's mapping: library-aliases.ts). */
    private readonly aliases?: (file: string) => LibraryAliases | undefined,
    /** A package.json's text (the CLI reads through its boundary): a package that is a framework makes its examples' apps. */
    private readonly readFile: (file: string) => string | undefined = readSmallFile,
  ) {}

  private readonly selves = new Map<string, SelfPackage | undefined>();

  /** The package a root holds, by its package.json `name` (see `SelfPackage`). */
  private selfOf(root: string): SelfPackage | undefined {
    if (this.selves.has(root)) return this.selves.get(root);
    let self: SelfPackage | undefined;
    try {
      const text = this.roots.isPackage(root) ? this.readFile(join(root, 'package.json')) : undefined;
      const name = text === undefined ? undefined : (JSON.parse(text.replace(/^\uFEFF/, '')) as { name?: unknown }).name;
      if (typeof name === 'string') self = { dir: root, name };
    } catch {
      // not a package.json: no name
    }
    this.selves.set(root, self);
    return self;
  }

  /**
   * Records a file's current text (again after a fix changed it): kept when it may add to
   * its app's facts, else forgotten. `tree` gives the file's tree when its facts are needed.
   */
  set(file: string, text: string, tree: () => TS.SourceFile | undefined): void {
    const root = this.roots.of(file);
    this.factsOfFile.delete(file);
    this.forget(root);
    let files = this.files.get(root);
    if (!mayHoldAppFacts(text)) {
      files?.delete(file);
      return;
    }
    if (!files) this.files.set(root, (files = new Map()));
    files.set(file, { routesOnly: onlyRoutesIn(text), tree });
  }

  /** An app one of whose files could not be read at all: its facts are incomplete. */
  markIncomplete(file: string): void {
    const root = this.roots.of(file);
    this.incomplete.add(root);
    this.forget(root);
  }

  private forget(root: string): void {
    if (this.factsOfPackage.delete(root)) this.factsOfMember.clear();
  }

  /** The facts of the app a file belongs to (see the module's comment). */
  of(file: string): AppFacts {
    const cached = this.factsOfMember.get(file);
    if (cached) return cached;
    const pkg = this.packageFacts(this.roots.of(file));
    const apps = pkg.apps.filter((a) => a.members.has(file));
    const facts = apps.length === 0 ? pkg.all : apps.length === 1 ? apps[0]!.facts : mergeFacts(apps.map((a) => a.facts), apps.every((a) => a.facts.complete));
    this.factsOfMember.set(file, facts);
    return facts;
  }

  /** How many apps (app instances with their module graphs) the package of a file holds. */
  appsIn(file: string): number {
    return this.packageFacts(this.roots.of(file)).apps.length;
  }

  private packageFacts(root: string): PackageFacts {
    const cached = this.factsOfPackage.get(root);
    if (cached) return cached;
    const parts: AppFacts[] = [];
    const read = new Map<string, FileEntry>();
    let routes = 0;
    let complete = !this.incomplete.has(root);
    const files = [...(this.files.get(root) ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [f, entry] of files) {
      if (entry.routesOnly && routes >= MAX_ROUTES) continue;
      let facts = this.factsOfFile.get(f);
      if (!facts) {
        try {
          const sf = entry.tree?.();
          if (!sf) continue;
          const imports = findImports(sf, this.ts, this.aliases?.(f));
          const local = imports.filter((i) => !i.typeOnly && i.module.startsWith('.')).map((i) => candidates(f, i.module));
          facts = { facts: fileFacts(sf, this.ts, bareModules(imports), this.selfOf(root)), imports: local };
        } catch (e) {
          complete = false;
          this.incomplete.add(root);
          entry.tree = undefined;
          this.onUnreadable?.(f, e);
          continue;
        }
        this.factsOfFile.set(f, facts);
        entry.tree = undefined;
      }
      routes += facts.facts.stateChangingRoutes.length;
      parts.push(facts.facts);
      read.set(f, facts);
    }
    const result = { all: mergeFacts(parts, complete), apps: appsOf(read, complete) };
    this.factsOfPackage.set(root, result);
    return result;
  }
}

/**
 * The apps among a package's read files: for each file that makes an app instance, the files
 * it imports and those that import it, each transitively, and their facts merged.
 */
function appsOf(read: ReadonlyMap<string, FileEntry>, complete: boolean): PackageFacts['apps'] {
  const centres = [...read].filter(([, e]) => e.facts.apps > 0).map(([f]) => f);
  if (centres.length === 0) return [];
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const [f, e] of read) {
    const targets = e.imports.map((c) => c.find((x) => read.has(x))).filter((x): x is string => x !== undefined && x !== f);
    out.set(f, targets);
    for (const t of targets) (into.get(t) ?? into.set(t, []).get(t)!).push(f);
  }
  const closure = (start: string, edges: ReadonlyMap<string, readonly string[]>, members: Set<string>) => {
    const stack = [start];
    const seen = new Set<string>([start]);
    while (stack.length > 0) {
      const f = stack.pop()!;
      members.add(f);
      for (const t of edges.get(f) ?? []) if (!seen.has(t)) (seen.add(t), stack.push(t));
    }
  };
  const apps = centres.map((centre) => {
    const members = new Set<string>();
    closure(centre, out, members);
    closure(centre, into, members);
    return members;
  });
  // Files in no app's graph may be reached through a file that was not read (it adds no fact): where they
  // belong cannot be known, so every app of the package gets the facts of theirs that make rules quieter
  // (trust proxy, HTTPS, CSRF middleware), never those that make rules fire (routes, session modules).
  const inApp = new Set(apps.flatMap((m) => [...m]));
  const orphans = [...read.keys()].filter((f) => !inApp.has(f)).sort();
  // Merged once for every app (a repository of many examples has as many apps as orphans, or more).
  const shared = orphans.length > 0 ? [quieting(mergeFacts(orphans.map((f) => read.get(f)!.facts), complete))] : [];
  return apps.map((members) => ({ members, facts: mergeFacts([...[...members].sort().map((m) => read.get(m)!.facts), ...shared], complete) }));
}

/** The facts of a file that can only silence a rule (see `appsOf`). */
function quieting(f: AppFacts): AppFacts {
  return {
    complete: f.complete,
    trustProxy: f.trustProxy,
    servesHttps: f.servesHttps,
    csrfModules: f.csrfModules,
    sessionModules: new Set(),
    // Where a library keeps the session is known from its own configuration, which an orphan cannot place.
    clientSideByConfig: new Set(),
    serverSideByConfig: new Set(),
    stateChangingRoutes: [],
    listens: { loopback: 0, other: 0 },
    sessionConfigs: [],
    envReads: new Set(),
    // A handler that sets its sessions' expiry only silences require-cookie-expiry.
    runtimeExpiry: f.runtimeExpiry,
    // What an orphan passes to a module would make findings, not silence them.
    moduleCalls: [],
    apps: 0,
    // An orphan's app instance is no app's: nothing to insert there.
    appOptions: [],
  };
}

/** An index of the app facts of a whole program's files (typed ESLint: one per program). */
export function programAppFacts(ts: TSModule, program: TS.Program, aliases?: (sf: TS.SourceFile) => LibraryAliases | undefined): AppFactsIndex {
  const byFile = (file: string) => {
    const sf = aliases && program.getSourceFile(file);
    return sf ? aliases!(sf) : undefined;
  };
  const index = new AppFactsIndex(ts, new AppRoots(program.getCurrentDirectory()), undefined, aliases ? byFile : undefined);
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || /[\\/]node_modules[\\/]/.test(sf.fileName) || sf.fileName.endsWith('.json')) continue;
    index.set(sf.fileName, sf.text, () => sf);
  }
  return index;
}
