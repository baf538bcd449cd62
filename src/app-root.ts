/**
 * Apps, for both front ends: which app a file belongs to (one app-root function), and
 * the facts of each app (one path: `AppFactsIndex`, which the engine reads through
 * `EngineHost.appFacts`).
 *
 * An app is everything under the nearest package.json, so each package of a monorepo is
 * judged on its own. Files under no package.json belong to a fallback folder the front
 * end names (the CLI: its working folder; typed ESLint: the program's folder).
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as TS from 'typescript';
import { type AppFacts, MAX_ROUTES, fileFacts, mayHoldAppFacts, mergeFacts, onlyRoutesIn } from './analysis/app-facts.js';
import type { TSModule } from './analysis/host.js';
import { importedModules } from './analysis/index.js';

/** Whether a path is a regular file (after links). */
export function isRegularFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
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
export class AppFactsIndex {
  private readonly files = new Map<string, Map<string, FactFile>>();
  private readonly factsOfFile = new Map<string, AppFacts>();
  private readonly factsOfApp = new Map<string, AppFacts>();
  private readonly incomplete = new Set<string>();

  constructor(
    private readonly ts: TSModule,
    readonly roots: AppRoots,
    /** Told about a file whose facts could not be read (the CLI warns). */
    private readonly onUnreadable?: (file: string, error: unknown) => void,
  ) {}

  /**
   * Records a file's current text (again after a fix changed it): kept when it may add to
   * its app's facts, else forgotten. `tree` gives the file's tree when its facts are needed.
   */
  set(file: string, text: string, tree: () => TS.SourceFile | undefined): void {
    const root = this.roots.of(file);
    this.factsOfFile.delete(file);
    this.factsOfApp.delete(root);
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
    this.factsOfApp.delete(root);
  }

  /** The facts of the app a file belongs to. */
  of(file: string): AppFacts {
    const root = this.roots.of(file);
    const cached = this.factsOfApp.get(root);
    if (cached) return cached;
    const parts: AppFacts[] = [];
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
          facts = fileFacts(sf, this.ts, importedModules(sf, this.ts));
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
      routes += facts.stateChangingRoutes.length;
      parts.push(facts);
    }
    const merged = mergeFacts(parts, complete);
    this.factsOfApp.set(root, merged);
    return merged;
  }
}

/** An index of the app facts of a whole program's files (typed ESLint: one per program). */
export function programAppFacts(ts: TSModule, program: TS.Program): AppFactsIndex {
  const index = new AppFactsIndex(ts, new AppRoots(program.getCurrentDirectory()));
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile || /[\\/]node_modules[\\/]/.test(sf.fileName) || sf.fileName.endsWith('.json')) continue;
    index.set(sf.fileName, sf.text, () => sf);
  }
  return index;
}
