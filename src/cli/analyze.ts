/**
 * The CLI's analysis: TypeScript programs over the candidates, the engine's Analyzer,
 * the catalog's rules. Loaded lazily: `--help` and `--version` never pay for it.
 *
 * ts-morph bundles its own TypeScript; everything here uses that copy (its public `ts`
 * export) and hands it to the engine. The installed `typescript`, which the ESLint plugin
 * uses, is pinned to the same version (test/package/compiler.test.ts), so both front ends
 * parse and check with the same TypeScript.
 *
 * The pipeline (docs/architecture.md, docs/performance.md):
 * - Groups: the candidates (scanned files that pass the text prefilter) of the apps that
 *   share a tsconfig.json (the nearest one above an app; none: bundler-like options).
 * - Batches: a group's candidates, in name order, a few megabytes of text at a time, are
 *   the roots of one TypeScript program (built with `ts.createProgram` and a compiler host
 *   of our own, not a ts-morph Project: a Project rebuilds its file list on every file
 *   added and parses a file twice when its text is given). The program follows no import.
 *   Each candidate is analyzed once, then the batch (trees, checker, the evaluator's
 *   caches) is released: memory holds one batch at a time.
 * - Modules on demand: when the evaluator reads a value from another module, it asks the
 *   host (`EngineHost.resolveModule`); the module is resolved (stopping at node_modules:
 *   the engine knows packages by name), parsed and bound on its own, and the analysis
 *   simply continues. A loaded module stays cached for the other files of the batch.
 * - App facts (trust proxy, routes, CSRF middleware) come from every file of the app that
 *   passes the facts prefilter, each parsed on its own once and reduced to its facts
 *   (src/app-root.ts `AppFactsIndex`).
 * - Budgets: each file has a time budget for the whole run (the modules it loads and every
 *   --fix pass count against it), the run has one, and the heap is watched against its
 *   limit (src/analysis/budget.ts).
 * - Every file read beyond the scanned texts (modules, JSON, tsconfig chains) goes through
 *   one injectable reader (src/cli/boundary.ts `ProjectFiles`: the project boundary).
 * A file the parser or binder cannot take (code nested thousands deep) is left out and
 * reported while the others are checked (see docs/reliability.md).
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type * as TsMorph from 'ts-morph';
import type { ts as tsm } from 'ts-morph';
import { Analyzer, type FileModel } from '../analysis/index.js';
import { DEFAULT_FILE_TIMEOUT_MS, DEFAULT_RUN_TIMEOUT_MS, type HeapWatch, MemoryExhausted, TimeBudget, TimeBudgetExceeded, formatMs } from '../analysis/budget.js';
import type { EngineHost, TSModule } from '../analysis/host.js';
import { AppFactsIndex, type AppRoots } from '../app-root.js';
import { implementationsBeside } from '../analysis/evaluate-paths.js';
import { VERSIONED_PACKAGES } from '../analysis/libraries.js';
import { type PackageVersions, readPackageVersions } from '../analysis/package-versions.js';
import { type LibraryAliases, mergeAliases, readForks } from '../analysis/library-aliases.js';
import { StyleSettingsReader } from './style-settings.js';
import { runCatalog } from '../catalog.js';
import { type Finding, INTERNAL_ERROR } from '../rule.js';
import { ProjectFiles, type ReadPurpose } from './boundary.js';
import type { EffectiveRules } from './config.js';
import { UsageError } from './errors.js';
import { type SecretSpan, secretSpans } from './secrets.js';
import { acceptedBySloppyMode, isCommonJsFile, parseCommonJs } from './sloppy.js';
import { isInside } from './text.js';
import { type SiteSummary, summarizeSites } from './summaries.js';
import { Suppressions } from './suppressions.js';

/**
 * ts-morph, loaded with `require` (an ESM import of a CommonJS package first scans its
 * source for export names: 250 ms more here), and its public `ts` export: the TypeScript
 * the CLI hands the engine (the engine's type accepts every copy of one version).
 */
const tsMorph: typeof TsMorph = createRequire(import.meta.url)('ts-morph');
const ts = tsMorph.ts;
export const tsModule: TSModule = ts;

export interface SourceInput {
  readonly file: string;
  /** Text without its BOM. */
  readonly text: string;
  /**
   * Whether the rules run on this file (it was scanned and may hold session code).
   * Other files are given for what they tell about their app (trust proxy, routes,
   * CSRF middleware; see `mayHoldAppFacts`); files that pass neither prefilter need
   * not be given (an import of one is read when the analysis needs its values).
   */
  readonly analyze: boolean;
}

export interface EngineFinding {
  readonly finding: Finding;
  readonly severity: 'warn' | 'error';
}

export interface EngineFileError {
  readonly file: string;
  /** `rule`: one rule failed on the file (an internal error); the other rules' findings are kept. */
  readonly kind: 'parse' | 'analysis' | 'rule';
  readonly message: string;
  readonly offset?: number;
  readonly stack?: string;
}

export interface AnalysisPass {
  readonly findings: readonly EngineFinding[];
  readonly fileErrors: readonly EngineFileError[];
  readonly analyzedFiles: number;
  /** The session configurations found, when asked for (`--format html`). */
  readonly sites?: readonly SiteSummary[];
  /** Where the secrets of the analyzed files' session configurations are written (secrets.ts). */
  readonly secrets: readonly SecretSpan[];
}

export interface WorkspaceOptions {
  readonly cwd: string;
  readonly tsconfig?: string;
  readonly warn: (message: string) => void;
  readonly apps: AppRoots;
  /** Time budgets (per file over the run, the run) and the memory watch. */
  readonly budget?: TimeBudget;
  readonly heap?: HeapWatch;
  /** Every file read goes through the project boundary (src/cli/boundary.ts). */
  readonly files?: ProjectFiles;
  /** Lines for `--debug` (timings, the slowest files). */
  readonly debug?: (message: string) => void;
  /** The config's mapping of modules to session libraries for a file (library-aliases.ts). */
  readonly libraries?: (file: string) => LibraryAliases | undefined;
}

/** A module loaded on demand: its tree, bound in a program of its own. */
interface LoadedModule {
  readonly text: string;
  /** The tree, bound (binding lives on the nodes: any program holding the tree reuses it). */
  readonly sf: tsm.SourceFile;
}

interface Group {
  readonly tsconfig?: string;
  /** Files the rules run on, in name order. */
  readonly files: string[];
  /** Modules loaded on demand (null: cannot be used), kept for later files. */
  readonly modules: Map<string, LoadedModule | null>;
  /** Module resolutions: containing file, specifier and mode to a project file (null: none). */
  readonly resolved: Map<string, string | null>;
  options?: tsm.CompilerOptions;
  host?: tsm.CompilerHost;
  resolutionCache?: tsm.ModuleResolutionCache;
}

/** One program over a few of a group's candidates, released once they are analyzed. */
interface Batch {
  readonly program: tsm.Program;
  readonly checker: tsm.TypeChecker;
  readonly analyzer: Analyzer;
}

/** What the rules found in one file. */
interface FileOutcome {
  /** Whether the file parsed and its analysis ran (it may still have failed). */
  readonly analyzed: boolean;
  readonly findings: EngineFinding[];
  readonly errors: EngineFileError[];
  readonly sites: SiteSummary[];
  readonly secrets: SecretSpan[];
}


/**
 * The candidates' text one batch's program holds at most. In memory a tree takes about 50
 * times its text and binding 15 times more; a module loaded on demand, with the checker of
 * its own program, about 170 times (measured on 2 kB files: 100 kB, 33 kB and 350 kB).
 */
const BATCH_BYTES = 1_000_000;
/** How much heap a batch may take per byte of its text (trees, binding, evaluation, loaded modules), for smaller batches in a small heap. */
const HEAP_PER_BATCH_BYTE = 200;
/** The smallest batch (a single file may be larger: a batch holds at least one). */
const MIN_BATCH_BYTES = 20_000;
/** How many checkers of lone files (loaded modules) are kept (see `checkerFor`). */
const MODULE_CHECKERS = 32;
/** A file whose analysis takes longer is named in `--debug` output. */
const SLOW_FILE_MS = 500;

/** Options that every project gets, whatever its tsconfig says. */
const FORCED: tsm.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  resolveJsonModule: true,
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  noLib: true,
  types: [],
  typeRoots: [],
  skipLibCheck: true,
  maxNodeModuleJsDepth: 0,
  allowArbitraryExtensions: true,
};

/** Without a tsconfig: resolve like a bundler (extensionless and index imports, require and import alike). */
const DEFAULTS: tsm.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
};

/** Whether a resolved module is a project file the engine reads values from (not a package, not declarations). */
/** A declaration file of the project (not a package's): its implementation may stand beside it. */
function isDeclarationBeside(r: tsm.ResolvedModuleFull): boolean {
  if (/[\\/]node_modules[\\/]/.test(r.resolvedFileName)) return false;
  return r.extension === ts.Extension.Dts || r.extension === ts.Extension.Dmts || r.extension === ts.Extension.Dcts;
}

function isProjectModule(r: tsm.ResolvedModuleFull): boolean {
  if (/[\\/]node_modules[\\/]/.test(r.resolvedFileName)) return false;
  return !(r.extension === ts.Extension.Dts || r.extension === ts.Extension.Dmts || r.extension === ts.Extension.Dcts);
}

/** Below this depth no tree overflows TypeScript's binder (it needs well over a thousand levels). */
const MIN_SUSPECT_DEPTH = 200;

/** The depth of a file's tree, measured without recursion. */
function treeDepth(sf: tsm.SourceFile): number {
  let max = 0;
  const stack: [tsm.Node, number][] = [[sf, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    ts.forEachChild(node, (child) => {
      stack.push([child, depth + 1]);
    });
  }
  return max;
}

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

/** A file left out of the analysis: the parser or binder cannot take it (deeply nested generated code). */
interface Unusable {
  readonly kind: 'parse' | 'analysis';
  readonly message: string;
}

/** TypeScript's parser and binder are recursive: input nested thousands of levels deep exhausts the call stack. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

export const TOO_DEEP_TO_PARSE = 'Parsing error: the code is nested too deeply to parse (maximum call stack size exceeded)';
export const TOO_DEEP_TO_ANALYZE = 'analysis failed: the code is nested too deeply to analyze (maximum call stack size exceeded)';

/** One line for an exception raised while analyzing a file. */
export function analysisFailure(e: unknown): string {
  if (isStackOverflow(e)) return TOO_DEEP_TO_ANALYZE;
  if (e instanceof TimeBudgetExceeded) {
    return e.wholeRun
      ? `${e.message} (SESSION_AUDIT_RUN_TIMEOUT_MS raises the limit)`
      : `${e.message}: the file is too large or too complex to analyze in time (SESSION_AUDIT_FILE_TIMEOUT_MS raises the limit)`;
  }
  if (e instanceof MemoryExhausted) return `analysis stopped: ${e.message}`;
  return `analysis failed: ${e instanceof Error ? e.message : String(e)}`;
}

/** A diagnostic as one line, without its final period: its message, and where when it has a place. */
function diagnosticText(d: tsm.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\.$/, '');
  if (!d.file || d.start === undefined) return message;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${message} at line ${line + 1}, column ${character + 1}`;
}

/**
 * A tsconfig's compiler options. Its `include`/`files` are not expanded (the scanned
 * paths decide what is checked), so "no inputs" is not a problem. `error`: the file
 * cannot be used at all; `problem`: it was read, with an error (an `extends` that does
 * not exist, an invalid option value). Every file of its `extends` chain is read through
 * `files`.
 */
function readTsconfig(file: string, files: ProjectFiles, purpose: ReadPurpose): { options: tsm.CompilerOptions; problem?: string } | { error: string } {
  // Every file of the chain (`extends`) is read through the project boundary: never a device, a FIFO or a file outside.
  const { config, error } = ts.readConfigFile(file, (f) => files.tryRead(f, f === file ? purpose : 'tsconfig'));
  if (error) return { error: diagnosticText(error) };
  const host: tsm.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: () => [],
    fileExists: (f) => files.exists(f, 'tsconfig'),
    readFile: (f) => files.tryRead(f, 'tsconfig'),
  };
  const parsed = ts.parseJsonConfigFileContent(config, host, path.dirname(file), undefined, file);
  // 18002: empty `files`; 18003: no inputs found (nothing is listed here on purpose).
  const errors = parsed.errors.filter((d) => d.code !== 18002 && d.code !== 18003);
  return errors.length > 0 ? { options: parsed.options, problem: diagnosticText(errors[0]!) } : { options: parsed.options };
}

export class Workspace {
  private readonly groups: Group[] = [];
  private readonly groupOf = new Map<string, Group>();
  /** Current texts of the scanned files that may hold session code (BOM removed; replaced between --fix passes). */
  private readonly texts = new Map<string, string>();
  /** Texts of the modules and JSON files the analysis read (for locations in other files). */
  private readonly readTexts = new Map<string, string>();
  /**
   * Scanned files read for app facts only (no session code): their text is not kept, and is read
   * again if a remedy edits one (the trust-proxy option in the app's `fastify({...})`).
   */
  private readonly factOnly = new Set<string>();
  /** Whether a folder exists (asked by TypeScript's hosts; folders do not come or go during a run). */
  private readonly folderExists = new Map<string, boolean>();
  /** Files no program holds, and why. */
  private readonly unusable = new Map<string, Unusable>();
  private readonly warned = new Set<string>();
  private readonly budget: TimeBudget;
  private readonly files: ProjectFiles;
  private readonly facts: AppFactsIndex;
  private readonly styleSettings = new StyleSettingsReader(
    (file) => this.opts.apps.of(file),
    (file, maxBytes) => this.files.readSmall(file, maxBytes),
  );
  /** JSON modules read for their values (parsed on their own: they bind no names). */
  private readonly jsonFiles = new Map<string, tsm.SourceFile | null>();
  /** Checkers of files bound alone (loaded modules, JSON), the most recently used last. */
  private readonly moduleCheckers = new Map<tsm.SourceFile, tsm.TypeChecker>();
  /** ESLint disable comments of the files with findings (read while their trees are at hand). */
  private readonly suppressions = new Map<string, Suppressions>();
  /** The `type` of each package.json read (by app root; undefined: none or not a package). */
  private readonly packageTypes = new Map<string, string | undefined>();
  /** The batch being analyzed (its program holds the candidates in work). */
  private batch: Batch | undefined;
  /** Time per analyzed file in the last pass (for --debug). */
  private readonly timings = new Map<string, number>();
  private modulesLoaded = 0;

  constructor(
    inputs: readonly SourceInput[],
    private readonly opts: WorkspaceOptions,
  ) {
    this.budget = opts.budget ?? new TimeBudget({ fileMs: DEFAULT_FILE_TIMEOUT_MS, runMs: DEFAULT_RUN_TIMEOUT_MS, heap: opts.heap });
    this.files = opts.files ?? ProjectFiles.of([opts.cwd], opts.cwd);
    this.facts = new AppFactsIndex(tsModule, opts.apps, (file, e) => {
      // A fact file nested too deeply for the parser: its app's facts are incomplete, and rules that need them stay quiet.
      if (!this.groupOf.has(file)) this.warnOnce(`skipped ${this.shown(file)}: ${isStackOverflow(e) ? 'the code is nested too deeply to parse' : (e as Error).message}; app-level rules for its app stay quiet`);
    }, (file) => this.aliasesOf(file), (f) => this.readMetadata(f));
    let only: Group | undefined;
    if (opts.tsconfig) {
      const tsconfig = path.resolve(opts.cwd, opts.tsconfig);
      if (!isFile(tsconfig)) throw new UsageError(`tsconfig not found: ${opts.tsconfig}`);
      only = this.newGroup(tsconfig);
      this.groups.push(only);
    }
    // One program per tsconfig (a monorepo's packages usually share the root one): the
    // programs hold only candidates and what they import, so sharing costs nothing.
    const byTsconfig = new Map<string, Group>();
    const tsconfigOf = new Map<string, string | undefined>();
    for (const input of inputs) {
      const { file, text } = input;
      this.facts.set(file, text, () => this.factTree(file, text));
      if (!input.analyze) {
        this.factOnly.add(file);
        continue;
      }
      let group = only;
      if (!group) {
        const root = opts.apps.of(file);
        if (!tsconfigOf.has(root)) tsconfigOf.set(root, this.tsconfigAbove(root));
        const tsconfig = tsconfigOf.get(root);
        group = byTsconfig.get(tsconfig ?? '');
        if (!group) {
          group = this.newGroup(tsconfig);
          byTsconfig.set(tsconfig ?? '', group);
          this.groups.push(group);
        }
      }
      group.files.push(file);
      this.groupOf.set(file, group);
      this.texts.set(file, text);
    }
    for (const g of this.groups) g.files.sort();
  }

  private newGroup(tsconfig: string | undefined): Group {
    return { tsconfig, files: [], modules: new Map(), resolved: new Map() };
  }

  /** A file's tree for its app's facts: the one a program or the module cache holds for this text, else parsed alone. */
  private factTree(file: string, text: string): tsm.SourceFile {
    const inBatch = this.batch?.program.getSourceFile(file);
    if (inBatch && inBatch.text === text) return inBatch;
    for (const g of this.groups) {
      const m = g.modules.get(file);
      if (m && m.text === text) return m.sf;
    }
    return this.parse(file, text, ts.ScriptTarget.Latest);
  }

  /**
   * Parses a file. CommonJS files are parsed as Node reads them in sloppy mode: HTML-like
   * comments masked (src/cli/sloppy.ts).
   */
  private readonly versionsCache = new Map<string, PackageVersions>();

  /** The package versions of a file's app (package-versions.ts), read through the project boundary. */
  private versionsOf(file: string): PackageVersions {
    const root = this.opts.apps.of(file);
    let versions = this.versionsCache.get(root);
    if (!versions) {
      const top = this.files.roots.find((r) => isInside(root, r)) ?? root;
      versions = readPackageVersions(root, top, (f) => this.readMetadata(f), VERSIONED_PACKAGES);
      this.versionsCache.set(root, versions);
    }
    return versions;
  }

  private readonly forksCache = new Map<string, LibraryAliases>();
  /** package.json files read once a run: versions, forks and the app model read the same ones. */
  private readonly metadata = new Map<string, string | undefined>();

  private readMetadata(file: string): string | undefined {
    // Only package.json files are kept (small, read by all three); a lockfile is read when asked.
    if (path.basename(file) !== 'package.json') return this.files.tryRead(file, 'package-metadata');
    if (!this.metadata.has(file)) this.metadata.set(file, this.files.tryRead(file, 'package-metadata'));
    return this.metadata.get(file);
  }
  private readonly mergedAliases = new WeakMap<LibraryAliases, Map<LibraryAliases, LibraryAliases>>();

  /** Other names of session libraries for a file: its app's forks (read through the project boundary) and the config's mapping. */
  private aliasesOf(file: string): LibraryAliases {
    const root = this.opts.apps.of(file);
    let forks = this.forksCache.get(root);
    if (!forks) {
      const top = this.files.roots.find((r) => isInside(root, r)) ?? root;
      forks = readForks(root, top, (f) => this.readMetadata(f));
      this.forksCache.set(root, forks);
    }
    const mapped = this.opts.libraries?.(file);
    if (!mapped) return forks;
    let byMapped = this.mergedAliases.get(forks);
    if (!byMapped) this.mergedAliases.set(forks, (byMapped = new Map()));
    let merged = byMapped.get(mapped);
    if (!merged) byMapped.set(mapped, (merged = mergeAliases(forks, mapped)));
    return merged;
  }

  private parse(file: string, text: string, languageVersionOrOptions: tsm.ScriptTarget | tsm.CreateSourceFileOptions): tsm.SourceFile {
    const parse = (t: string) => ts.createSourceFile(file, t, languageVersionOrOptions, true);
    return this.isCommonJs(file) ? parseCommonJs(tsModule, file, text, parse) : parse(text);
  }

  /** Whether Node loads a file as CommonJS (`.cjs`, or `.js` in a package that is not `"type": "module"`). */
  private isCommonJs(file: string): boolean {
    return isCommonJsFile(file, (f) => {
      const root = this.opts.apps.of(f);
      if (!this.packageTypes.has(root)) {
        let type: string | undefined;
        try {
          const json = this.opts.apps.isPackage(root) ? (JSON.parse(this.files.tryRead(path.join(root, 'package.json'), 'project') ?? '{}') as { type?: unknown }) : {};
          type = typeof json.type === 'string' ? json.type : undefined;
        } catch {
          type = undefined;
        }
        this.packageTypes.set(root, type);
      }
      return this.packageTypes.get(root);
    });
  }

  // ───────────────────────────── programs ─────────────────────────────

  /** The tsconfig.json of an app: in its folder or the nearest one above (a monorepo's root config). */
  private tsconfigAbove(dir: string): string | undefined {
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, 'tsconfig.json');
      if (this.files.exists(candidate, 'tsconfig', true)) return candidate;
      if (path.dirname(d) === d) return undefined;
    }
  }

  /** A group's compiler options: its tsconfig's module resolution options (or bundler-like defaults), then FORCED. */
  private optionsOf(group: Group): tsm.CompilerOptions {
    if (!group.tsconfig) return { ...DEFAULTS, ...FORCED };
    const shown = this.shown(group.tsconfig);
    const read = readTsconfig(group.tsconfig, this.files, group.tsconfig === this.named() ? 'named' : 'tsconfig');
    if ('error' in read) {
      if (this.opts.tsconfig) throw new UsageError(`cannot use ${shown}: ${read.error}`);
      this.warnOnce(`cannot use ${shown} (${read.error}); resolving modules with default options`);
      return { ...DEFAULTS, ...FORCED };
    }
    if (read.problem) {
      if (this.opts.tsconfig) throw new UsageError(`cannot use ${shown}: ${read.problem}`);
      this.warnOnce(`${shown}: ${read.problem}; resolving modules with its other options`);
    }
    const own = read.options;
    const defaults = own.module === undefined && own.moduleResolution === undefined ? DEFAULTS : { jsx: own.jsx ?? ts.JsxEmit.Preserve };
    return { ...own, ...defaults, ...FORCED };
  }

  /** The --tsconfig file, as an absolute path. */
  private named(): string | undefined {
    return this.opts.tsconfig === undefined ? undefined : path.resolve(this.opts.cwd, this.opts.tsconfig);
  }

  private shown(file: string): string {
    return path.relative(this.opts.cwd, file) || file;
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.opts.warn(message);
  }

  /** A file's text: the one read for this run (or set by --fix), else read through the file access. */
  private readText(file: string): string | undefined {
    const scanned = this.texts.get(file);
    if (scanned !== undefined) return scanned;
    const text = this.files.tryRead(file);
    if (text !== undefined) this.readTexts.set(file, text);
    return text;
  }

  private markUnusable(file: string, why: Unusable): void {
    this.unusable.set(file, why);
    this.facts.markIncomplete(file);
  }

  /**
   * The compiler host of a group. Each file is parsed on its own: a file the parser cannot
   * take is left out and reported, and the others are checked as usual. A module already
   * loaded (and bound) is reused when its text is unchanged. The program follows no import:
   * the analysis asks for the modules it needs (`resolveModule`).
   */
  private hostOf(group: Group, options: tsm.CompilerOptions): tsm.CompilerHost {
    const host = ts.createCompilerHost(options, true);
    host.readFile = (f) => this.readText(f);
    host.fileExists = (f) => this.texts.has(f) || this.files.exists(f);
    host.getSourceFile = (fileName, languageVersionOrOptions) => {
      if (this.unusable.has(fileName)) return undefined;
      const text = this.readText(fileName);
      if (text === undefined) return undefined;
      const loaded = group.modules.get(fileName);
      if (loaded && loaded.text === text) return loaded.sf;
      try {
        return this.parse(fileName, text, languageVersionOrOptions);
      } catch (e) {
        this.markUnusable(fileName, { kind: 'parse', message: isStackOverflow(e) ? TOO_DEEP_TO_PARSE : `Parsing error: ${(e as Error).message}` });
        return undefined;
      }
    };
    // Which folders exist, asked once each: TypeScript asks for every ancestor of every file (package.json scopes, module resolution).
    const system = host.directoryExists?.bind(host);
    if (system) host.directoryExists = (d) => this.folderExists.get(d) ?? setAndGet(this.folderExists, d, system(d));
    host.resolveModuleNames = (names) => names.map(() => undefined);
    host.resolveTypeReferenceDirectives = (names) => names.map(() => undefined);
    return host;
  }

  private prepare(group: Group): { options: tsm.CompilerOptions; host: tsm.CompilerHost } {
    group.options ??= this.optionsOf(group);
    if (!group.host) {
      group.host = this.hostOf(group, group.options);
      // One resolution cache for the group: module resolutions, and the package.json lookups a
      // program makes for every file it parses (its module format), shared by every batch.
      const cache = ts.createModuleResolutionCache(this.opts.cwd, (f) => f, group.options);
      group.resolutionCache = cache;
      group.host.getModuleResolutionCache = () => cache;
    }
    return { options: group.options, host: group.host };
  }

  /**
   * A program over some of a group's candidates, and its checker. Creating the checker binds
   * the files; when the binder runs out of stack on one, each deep file is bound on its own
   * to find it, it is left out, and the program is built again without it.
   */
  private programOver(group: Group, files: readonly string[]): { program: tsm.Program; checker: tsm.TypeChecker } {
    const { options, host } = this.prepare(group);
    for (;;) {
      const rootNames = files.filter((f) => !this.unusable.has(f));
      const program = ts.createProgram({ rootNames, options, host });
      try {
        return { program, checker: program.getTypeChecker() };
      } catch (e) {
        if (!isStackOverflow(e)) throw e;
        // Only a deep tree can overflow the binder: try the deepest files first, each alone.
        const deep = program
          .getSourceFiles()
          .filter((sf) => !sf.isDeclarationFile)
          .map((sf) => ({ sf, depth: treeDepth(sf) }))
          .filter((d) => d.depth >= MIN_SUSPECT_DEPTH)
          .sort((a, b) => b.depth - a.depth);
        const culprits = deep.filter((d) => !this.bindsAlone(group, d.sf)).map((d) => d.sf);
        // Each alone, they may all fit (the stack was deeper inside the whole program): the deepest goes.
        if (culprits.length === 0 && deep.length > 0) culprits.push(deep[0]!.sf);
        if (culprits.length === 0) throw e;
        for (const sf of culprits) {
          this.markUnusable(sf.fileName, { kind: 'analysis', message: TOO_DEEP_TO_ANALYZE });
          group.modules.delete(sf.fileName);
        }
      }
    }
  }

  /** A program of one file (already parsed, or parsed now) and its checker: the file bound alone. Throws when the binder overflows. */
  private alone(group: Group, file: string): { sf: tsm.SourceFile | undefined; checker: () => tsm.TypeChecker } {
    const { options, host } = this.prepare(group);
    const program = ts.createProgram({ rootNames: [file], options, host });
    return { sf: program.getSourceFile(file), checker: () => program.getTypeChecker() };
  }

  /** Whether TypeScript binds a file on its own (a fresh parse of its text, in a program of one file). */
  private bindsAlone(group: Group, sf: tsm.SourceFile): boolean {
    try {
      const fresh = ts.createSourceFile(sf.fileName, sf.text, ts.ScriptTarget.Latest, true);
      const program = ts.createProgram({
        rootNames: [sf.fileName],
        options: group.options ?? FORCED,
        host: { ...group.host!, getSourceFile: (f) => (f === sf.fileName ? fresh : undefined) },
      });
      program.getTypeChecker();
      return true;
    } catch (e) {
      return !isStackOverflow(e);
    }
  }

  // ───────────────────────────── modules on demand ─────────────────────────────

  /**
   * The project file a module specifier names, loaded, parsed and bound on first use
   * (`EngineHost.resolveModule`): the analysis that asked simply continues with it.
   */
  private resolveIn(group: Group, specifier: tsm.StringLiteralLike): tsm.SourceFile | undefined {
    const from = specifier.getSourceFile();
    const { options, host } = this.prepare(group);
    const mode = ts.getModeForUsageLocation(from, specifier, options);
    const key = `${from.fileName}\u0000${specifier.text}\u0000${mode ?? ''}`;
    let target = group.resolved.get(key);
    if (target === undefined) {
      const r = ts.resolveModuleName(specifier.text, from.fileName, options, host, group.resolutionCache, undefined, mode).resolvedModule;
      // A declaration file beside its implementation (`config.d.ts` + `config.js`): the values are in the implementation.
      const implementation = r && isDeclarationBeside(r) ? implementationsBeside(r.resolvedFileName).find((f) => this.files.exists(f, 'project', true)) : undefined;
      target = implementation ?? (r && isProjectModule(r) ? r.resolvedFileName : null);
      group.resolved.set(key, target);
    }
    if (target === null || this.unusable.has(target)) return undefined;
    if (/\.json$/i.test(target)) return this.jsonFile(target);
    return this.load(group, target);
  }

  /** A project file by a path the code computes (`EngineHost.loadFile`): a regular file inside the project, not a declaration file. */
  private loadPath(group: Group, file: string): tsm.SourceFile | undefined {
    if (/\.d\.[cm]?ts$/i.test(file) || /[\\/]node_modules[\\/]/.test(file) || this.unusable.has(file)) return undefined;
    if (!this.texts.has(file) && !this.files.exists(file, 'project', true)) return undefined;
    if (/\.json$/i.test(file)) return this.jsonFile(file);
    return this.load(group, file);
  }

  /** A module: the tree the current batch holds, else the one loaded before, else loaded now (parsed and bound alone). */
  private load(group: Group, file: string): tsm.SourceFile | undefined {
    const inBatch = this.batch?.program.getSourceFile(file);
    if (inBatch) return inBatch;
    // A loaded module's text changes only through `update`, which drops it from the cache.
    const cached = group.modules.get(file);
    if (cached !== undefined) return cached?.sf;
    const { sf, checker } = this.alone(group, file);
    if (!sf) {
      group.modules.set(file, null);
      this.reportUnusable(file);
      return undefined;
    }
    try {
      this.moduleCheckers.set(sf, checker());
      this.trimModuleCheckers();
      group.modules.set(file, { text: sf.text, sf });
    } catch (e) {
      if (!isStackOverflow(e)) throw e;
      this.markUnusable(file, { kind: 'analysis', message: TOO_DEEP_TO_ANALYZE });
      group.modules.set(file, null);
      this.reportUnusable(file);
      return undefined;
    }
    this.modulesLoaded++;
    return sf;
  }

  /**
   * The checker that binds a file: its batch's, else one of a program of its own (a loaded
   * module, a JSON file). A checker costs about 200 kB whatever its program's size, so those
   * of lone files are kept for the most recent few only; one is made again, on the tree
   * already bound, in a fraction of a millisecond.
   */
  private checkerFor(group: Group, sf: tsm.SourceFile): tsm.TypeChecker {
    const batch = this.batch;
    if (batch && batch.program.getSourceFile(sf.fileName) === sf) return batch.checker;
    let checker = this.moduleCheckers.get(sf);
    if (checker) {
      // Most recently used last.
      this.moduleCheckers.delete(sf);
      this.moduleCheckers.set(sf, checker);
      return checker;
    }
    const { options } = this.prepare(group);
    const program = ts.createProgram({
      rootNames: [sf.fileName],
      options,
      host: { ...group.host!, getSourceFile: (f) => (f === sf.fileName ? sf : undefined) },
    });
    checker = program.getTypeChecker();
    this.moduleCheckers.set(sf, checker);
    this.trimModuleCheckers();
    return checker;
  }

  private trimModuleCheckers(): void {
    for (const sf of this.moduleCheckers.keys()) {
      if (this.moduleCheckers.size <= MODULE_CHECKERS) break;
      this.moduleCheckers.delete(sf);
    }
  }

  private jsonFile(file: string): tsm.SourceFile | undefined {
    let sf = this.jsonFiles.get(file);
    if (sf === undefined) {
      const text = this.readText(file);
      sf = text === undefined ? null : ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JSON);
      this.jsonFiles.set(file, sf);
    }
    return sf ?? undefined;
  }

  /** An imported file the analysis could not read: a warning, since values from it stay unknown. */
  private reportUnusable(file: string): void {
    const why = this.unusable.get(file);
    if (!why || this.groupOf.has(file)) return; // an analyzed file: reported as a file error
    this.warnOnce(`skipped ${this.shown(file)}: ${why.message.replace(/^Parsing error: |^analysis failed: /, '')}; values imported from it stay unknown`);
  }

  // ───────────────────────────── results for the front end ─────────────────────────────

  /** The text the analysis saw for a file (an analyzed file or one it read through an import). */
  private reparsed: tsm.SourceFile | undefined;

  textOf(file: string): string | undefined {
    const known = this.texts.get(file) ?? this.readTexts.get(file);
    if (known !== undefined || !this.factOnly.has(file)) return known;
    // As the scan read it (BOM removed), through the one checked read.
    const text = this.files.tryRead(file)?.replace(/^\uFEFF/, '');
    if (text !== undefined) this.readTexts.set(file, text);
    return text;
  }

  /**
   * A tree of a file, parsed again from the text the analysis saw (batches release their trees):
   * for what reporters need of the code around a finding (identities). Only the last one is kept
   * (findings come file by file): memory stays bounded however many files have findings.
   */
  sourceFile(file: string): tsm.SourceFile | undefined {
    const text = this.textOf(file);
    if (text === undefined) return undefined;
    const kept = this.keptTrees.get(file);
    if (kept?.text === text) return kept;
    if (this.reparsed?.fileName !== file || this.reparsed.text !== text) this.reparsed = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    return this.reparsed;
  }

  /**
   * Trees of analyzed files with findings, kept from their batch up to KEPT_TREE_TEXT of text
   * (a tree is about ten times its text): most runs report on few files, and parsing each
   * again for `sourceFile` was a tenth of a report's time. Beyond the budget, parsed again.
   */
  private readonly keptTrees = new Map<string, tsm.SourceFile>();
  private keptText = 0;

  private keepTree(file: string, sf: tsm.SourceFile): void {
    if (this.keptTrees.has(file) || this.keptText + sf.text.length > KEPT_TREE_TEXT) return;
    this.keptTrees.set(file, sf);
    this.keptText += sf.text.length;
  }

  private dropTree(file: string): void {
    const kept = this.keptTrees.get(file);
    if (!kept) return;
    this.keptTrees.delete(file);
    this.keptText -= kept.text.length;
  }

  /** The ESLint disable comments of an analyzed file with findings. */
  suppressionsOf(file: string): Suppressions | undefined {
    return this.suppressions.get(file);
  }

  /** Replaces file texts (between --fix passes): the next `analyze` reads them. */
  update(texts: ReadonlyMap<string, string>): void {
    for (const [file, text] of texts) {
      this.texts.set(file, text);
      this.facts.set(file, text, () => this.factTree(file, text));
      this.jsonFiles.delete(file);
      this.suppressions.delete(file);
      this.dropTree(file);
      for (const g of this.groups) g.modules.delete(file);
    }
  }

  // ───────────────────────────── analysis ─────────────────────────────

  /**
   * Runs the rules over every analyzed file, each once. A file that does not parse is an
   * error, not findings; the modules a file's values come from are loaded as the analysis
   * asks for them.
   */
  analyze(rulesFor: (file: string) => EffectiveRules, onFile?: (file: string) => void, summarize = false): AnalysisPass {
    const started = performance.now();
    const outcomes = new Map<string, FileOutcome>();
    this.timings.clear();
    let analyzedFiles = 0;
    let stopped: string | undefined;
    for (const group of this.groups) {
      for (let i = 0; i < group.files.length; ) {
        // The next batch: up to a megabyte of candidates' text, less when the heap has less room.
        const batchFiles: string[] = [];
        const limit = this.batchBytes();
        for (let bytes = 0; i < group.files.length && (batchFiles.length === 0 || bytes < limit); i++) {
          batchFiles.push(group.files[i]!);
          bytes += this.texts.get(group.files[i]!)!.length;
        }
        if (stopped === undefined) this.batch = this.openBatch(group, batchFiles);
        for (const file of batchFiles) {
          onFile?.(file);
          if (stopped === undefined && this.budget.runOver()) stopped = `not analyzed: ${this.budget.runOverMessage()} (SESSION_AUDIT_RUN_TIMEOUT_MS raises the limit)`;
          if (stopped !== undefined) {
            outcomes.set(file, { analyzed: false, findings: [], errors: [{ file, kind: 'analysis', message: stopped }], sites: [], secrets: [] });
            continue;
          }
          const outcome = this.analyzeFile(file, rulesFor, summarize);
          if (outcome.analyzed) analyzedFiles++;
          outcomes.set(file, outcome);
          if (this.opts.heap?.pressure()) {
            // Memory runs short: release the trees (this batch, the loaded modules) and go on
            // with a new batch; stop when even that leaves the heap near its limit.
            this.release();
            const short = this.opts.heap.short();
            if (short) stopped = `not analyzed: ${short}`;
            else {
              const rest = batchFiles.slice(batchFiles.indexOf(file) + 1);
              if (rest.length > 0) this.batch = this.openBatch(group, rest);
            }
          }
        }
        // The batch is done: its trees, checker and caches go, and so do the modules it loaded.
        this.release();
      }
    }
    this.report(performance.now() - started);
    const findings: EngineFinding[] = [];
    const sites: SiteSummary[] = [];
    const secrets: SecretSpan[] = [];
    const fileErrors: EngineFileError[] = [];
    for (const group of this.groups) {
      for (const file of group.files) {
        const o = outcomes.get(file);
        if (!o) continue;
        findings.push(...o.findings);
        fileErrors.push(...o.errors);
        sites.push(...o.sites);
        secrets.push(...o.secrets);
      }
    }
    return { findings, fileErrors, analyzedFiles, secrets, ...(summarize ? { sites } : {}) };
  }

  /** How much candidates' text the next batch may hold. */
  private batchBytes(): number {
    const heap = this.opts.heap;
    if (!heap) return BATCH_BYTES;
    heap.collectIfNear(BATCH_BYTES * HEAP_PER_BATCH_BYTE);
    return Math.max(MIN_BATCH_BYTES, Math.min(BATCH_BYTES, heap.room() / HEAP_PER_BATCH_BYTE));
  }

  /** Drops what holds trees (the batch, loaded modules and their checkers). */
  private release(): void {
    this.batch = undefined;
    for (const g of this.groups) g.modules.clear();
    this.moduleCheckers.clear();
    this.jsonFiles.clear();
  }

  /** A program over some of a group's candidates, its checker, and an analyzer whose host loads modules on demand. */
  private openBatch(group: Group, files: readonly string[]): Batch {
    const { program, checker } = this.programOver(group, files);
    const host: EngineHost = {
      ts: tsModule,
      checkerFor: (sf) => this.checkerFor(group, sf),
      crossModule: true,
      appFacts: (sf) => this.facts.of(sf.fileName),
      packageVersions: (sf) => this.versionsOf(sf.fileName),
      libraryAliases: (sf) => this.aliasesOf(sf.fileName),
      // The project's formatter settings (.editorconfig, JSON Prettier settings) for the code remedies write.
      codeStyle: (sf) => this.styleSettings.of(sf.fileName),
      resolveModule: (specifier) => this.resolveIn(group, specifier),
      loadFile: (file) => this.loadPath(group, file),
      appRoot: (sf) => this.opts.apps.of(sf.fileName),
      checkBudget: this.budget.check,
    };
    return { program, checker, analyzer: new Analyzer(host) };
  }

  /** `--debug`: the time of the analysis and the files that took long. */
  private report(ms: number): void {
    const debug = this.opts.debug;
    if (!debug) return;
    const files = [...this.timings].sort((a, b) => b[1] - a[1]);
    debug(`analysis: ${files.length} files in ${formatMs(Math.round(ms))}, ${this.modulesLoaded} modules loaded on demand`);
    const slow = files.filter(([, t]) => t >= SLOW_FILE_MS);
    for (const [file, t] of slow) debug(`slow file: ${this.shown(file)} took ${formatMs(Math.round(t))}`);
    if (slow.length === 0 && files.length > 0) debug(`slowest file: ${this.shown(files[0]![0])} took ${formatMs(Math.round(files[0]![1]))}`);
  }

  private analyzeFile(file: string, rulesFor: (file: string) => EffectiveRules, summarize: boolean): FileOutcome {
    const findings: EngineFinding[] = [];
    const errors: EngineFileError[] = [];
    const sites: SiteSummary[] = [];
    const secrets: SecretSpan[] = [];
    const fail = (e: EngineFileError, analyzed = false): FileOutcome => ({ analyzed, findings: [], errors: [e], sites: [], secrets: [] });
    const unusable = this.unusable.get(file);
    if (unusable) return fail({ file, kind: unusable.kind, message: unusable.message });
    const batch = this.batch!;
    const sf = batch.program.getSourceFile(file);
    if (!sf) {
      // TypeScript reads every backslash in a file name as a folder separator, also on POSIX where it is part of the name.
      const why = path.sep === '/' && file.includes('\\') ? 'a file whose name holds a backslash cannot be analyzed (TypeScript reads it as a folder separator)' : 'the TypeScript program did not load this file';
      return fail({ file, kind: 'analysis', message: why });
    }
    const syntax = syntaxProblems(batch.program, sf, this.isCommonJs(file));
    if (syntax.length > 0) {
      const d = syntax[0]!;
      return fail({ file, kind: 'parse', message: `Parsing error: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`, offset: d.start });
    }
    const rules = rulesFor(file);
    this.budget.start(file);
    try {
      const model = batch.analyzer.analyze(sf);
      for (const f of runCatalog(model, rules)) {
        if (f.messageId === INTERNAL_ERROR) errors.push({ file, kind: 'rule', message: f.message, stack: f.internalError?.stack });
        else findings.push({ finding: f, severity: rules.get(f.ruleId)!.severity });
      }
      if (summarize) sites.push(...summarizeSites(model, rules, this.opts.cwd));
      if (findings.length > 0) {
        this.suppressions.set(file, Suppressions.of(tsModule, sf));
        this.keepTree(file, sf);
      }
      secrets.push(...secretSpans(model));
    } catch (e) {
      return fail({ file, kind: 'analysis', message: analysisFailure(e), stack: (e as Error).stack }, true);
    } finally {
      this.timings.set(file, this.budget.stop());
    }
    return { analyzed: true, findings, errors, sites, secrets };
  }
}

/**
 * The syntax errors that stop the analysis of a file. TypeScript-only syntax in a
 * JavaScript file (Flow-style type annotations, `x as T`) is not one of them: the
 * parser reads it into a complete tree, so such a file is analyzed like TypeScript.
 * Nor are the legacy forms Node accepts in sloppy-mode CommonJS (`010`, `"\033"`).
 */
function syntaxProblems(program: tsm.Program, sf: tsm.SourceFile, commonJs: boolean): readonly tsm.Diagnostic[] {
  const parsed = (sf as { parseDiagnostics?: readonly tsm.Diagnostic[] }).parseDiagnostics ?? [];
  let all: readonly tsm.Diagnostic[] = parsed;
  // A JavaScript file's extra checks (one more walk of its tree) report TypeScript-only syntax,
  // left out below, and misplaced decorators, which need an '@': without one, the parser's own errors are all.
  if (sf.text.includes('@')) {
    try {
      all = program.getSyntacticDiagnostics(sf);
    } catch (e) {
      // The extra JavaScript checks walk the tree recursively; the parser's own errors are what matter.
      if (!isStackOverflow(e)) throw e;
    }
  }
  return all.filter((d) => !TS_ONLY_IN_JS.test(ts.flattenDiagnosticMessageText(d.messageText, ' ')) && !(commonJs && acceptedBySloppyMode(tsModule, sf, d)));
}

const TS_ONLY_IN_JS = /can only be used in TypeScript files\.$/;


/**
 * Syntax errors of a text parsed as `fileName` (for --fix: an edit must not break the
 * file). The parser's own diagnostics: no program is built for the check.
 */
export function syntaxErrors(fileName: string, text: string): number {
  try {
    const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
    return ((sf as { parseDiagnostics?: readonly tsm.Diagnostic[] }).parseDiagnostics ?? []).length;
  } catch (e) {
    if (isStackOverflow(e)) return Number.NaN; // cannot tell: a fix is not taken on that
    throw e;
  }
}

/**
 * Text of the trees kept for the report (`Workspace.sourceFile`): a four-hundredth of the heap
 * limit (trees take about ten times their text), at most 4 MB: 4 MB under a 2 GB heap, 400 kB
 * under a 160 MB one.
 */
const KEPT_TREE_TEXT = Math.min(4 * 1024 * 1024, Math.floor(getHeapStatistics().heap_size_limit / 400));

function setAndGet<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}
