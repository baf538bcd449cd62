/**
 * The CLI's whole-program analysis: one TypeScript program per tsconfig.json (the
 * nearest one from a file's app, the nearest package.json above it, up; files under
 * no tsconfig share one program with bundler-like options), the engine's Analyzer
 * over each program's checker, and the catalog's rules.
 *
 * ts-morph bundles its own TypeScript; everything here uses that copy (`ts`
 * from ts-morph) and hands it to the engine, never the installed `typescript`.
 * The program is built with `ts.createProgram` and a compiler host of our own,
 * not through a ts-morph Project: a Project rebuilds its file list on every file
 * added (quadratic: minutes for 40,000 files), parses a file twice when its text
 * is given, and wraps nodes in ways that are quadratic on long lines (a minified
 * bundle took minutes). The host parses each file once, on its own, so a file the
 * parser or binder cannot take (code nested thousands deep) is left out and
 * reported while the others are checked (see docs/reliability.md).
 * This module is loaded lazily: `--help` and `--version` never pay for it.
 *
 * What is parsed (docs/performance.md):
 * - the candidates, scanned files that pass the text prefilter: the program's roots,
 *   the files the rules run on;
 * - the project files whose values the analysis reads, loaded on demand: the program
 *   follows no import by itself; the engine asks (`EngineHost.resolveModule`), the
 *   module is resolved (stopping at node_modules: the engine knows packages by name
 *   and needs no declarations), and a file not yet in the program is added to it for
 *   another round over the files that asked, until nothing new is asked for;
 * - for app facts (trust proxy, routes, CSRF middleware), every file of the app that
 *   passes the facts prefilter, parsed on its own and dropped once its facts are kept.
 * No lib files are loaded: the engine asks the checker about symbols, never about
 * global types.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import type { ts as tsm } from 'ts-morph';
import type * as TS from 'typescript';
import { Analyzer, type FileModel, importedModules, singleFileAnalyzer } from '../analysis/index.js';
import { type AppFacts, MAX_ROUTES, fileFacts, mayHoldAppFacts, mergeFacts, onlyRoutesIn } from '../analysis/app-facts.js';
import type { TSModule } from '../analysis/host.js';
import { packageRootOf } from '../app-root.js';
import { TimeBudget, TimeBudgetExceeded } from '../analysis/budget.js';
import { StyleSettingsReader } from './style-settings.js';
import { runCatalog } from '../catalog.js';
import { type Finding, INTERNAL_ERROR } from '../rule.js';
import type { EffectiveRules } from './config.js';
import type { AppRoots } from './apps.js';
import { UsageError } from './errors.js';
import { type SiteSummary, summarizeSites } from './summaries.js';

/**
 * ts-morph's own copy of TypeScript, loaded from ts-morph's dependency without the rest of
 * @ts-morph/common (its index loads more than TypeScript: about 170 ms at start-up on the
 * 2-core machine; docs/performance.md). Resolved from ts-morph's folder, as its own
 * dependency, so it is found under any package manager's layout.
 */
const ts = createRequire(createRequire(import.meta.url).resolve('ts-morph'))('@ts-morph/common/dist/typescript.js') as typeof tsm;

export const tsModule = ts as unknown as TSModule;

export interface SourceInput {
  readonly file: string;
  /** Text without its BOM. */
  readonly text: string;
  /**
   * Whether the rules run on this file (it was scanned and may hold session code).
   * Other files are given for what they tell about their app (trust proxy, routes,
   * CSRF middleware; see `mayHoldAppFacts`); files that pass neither prefilter need
   * not be given (an import of one is read from disk when the analysis needs it).
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
}

interface Group {
  readonly tsconfig?: string;
  /** Files the rules run on: the program's first root files. */
  readonly files: string[];
  /** Project files the analysis read values from (imports, loaded on demand): the other root files. */
  readonly loaded: Set<string>;
  /** Files asked for during the current round, not yet in the program. */
  readonly wanted: Set<string>;
  /** Parsed files by name, with the text they were parsed from. */
  readonly parsed: Map<string, { text: string; sf: tsm.SourceFile }>;
  /** Module resolutions: containing file, specifier and mode to a project file (null: none). */
  readonly resolved: Map<string, string | null>;
  options?: tsm.CompilerOptions;
  host?: tsm.CompilerHost;
  resolutionCache?: tsm.ModuleResolutionCache;
  program?: TS.Program;
  checker?: TS.TypeChecker;
  /** The last program built (its unchanged files are reused by the next one). */
  previous?: tsm.Program;
}

/** What the rules found in one file (kept per file: a later round replaces it). */
interface FileOutcome {
  /** Whether the file parsed and its analysis ran (it may still have failed). */
  readonly analyzed: boolean;
  readonly findings: EngineFinding[];
  readonly errors: EngineFileError[];
  readonly sites: SiteSummary[];
}

/** How many times the files of a group are analyzed again with the modules they asked for (the depth of an import chain followed). */
const MAX_ROUNDS = 12;

/** How long the analysis of one file may take by default (SESSION_AUDIT_FILE_TIMEOUT_MS overrides it). */
export const DEFAULT_FILE_TIMEOUT_MS = 30_000;

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

/** Whether TypeScript binds a file on its own (a fresh parse of its text, in a program of one file). */
function bindsAlone(sf: tsm.SourceFile): boolean {
  if (sf.isDeclarationFile) return true;
  try {
    singleFileAnalyzer(tsModule, sf.fileName, sf.text);
    return true;
  } catch (e) {
    return !isStackOverflow(e);
  }
}

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

/** A file left out of the program: the parser or binder cannot take it (deeply nested generated code). */
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
  if (e instanceof TimeBudgetExceeded) return `${e.message}: the file is too large or too complex to analyze in time (SESSION_AUDIT_FILE_TIMEOUT_MS raises the limit)`;
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
 * not exist, an invalid option value).
 */
function readTsconfig(file: string): { options: tsm.CompilerOptions; problem?: string } | { error: string } {
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) return { error: diagnosticText(error) };
  const host: tsm.ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    readDirectory: () => [],
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
  };
  const parsed = ts.parseJsonConfigFileContent(config, host, path.dirname(file), undefined, file);
  // 18002: empty `files`; 18003: no inputs found (nothing is listed here on purpose).
  const errors = parsed.errors.filter((d) => d.code !== 18002 && d.code !== 18003);
  return errors.length > 0 ? { options: parsed.options, problem: diagnosticText(errors[0]!) } : { options: parsed.options };
}

export class Workspace {
  private readonly groups: Group[] = [];
  private readonly groupOf = new Map<string, Group>();
  private readonly apps: AppRoots;
  /** Current texts of the scanned files that may hold session code (BOM removed; replaced between --fix passes). */
  private readonly texts = new Map<string, string>();
  /** Files no program holds, and why. */
  private readonly unusable = new Map<string, Unusable>();
  private readonly warned = new Set<string>();
  private readonly budget: TimeBudget;
  /**
   * App facts: the files of each app that may add to them (by app root; true when all a file
   * can add is routes), and each file's facts once computed.
   */
  private readonly factFiles = new Map<string, Map<string, boolean>>();
  /** Texts of files given only for their facts, until their facts are computed. */
  private readonly factTexts = new Map<string, string>();
  private readonly fileFacts = new Map<string, AppFacts>();
  private readonly appFactsCache = new Map<string, AppFacts>();
  /** Apps with a file whose facts could not be read: their facts are incomplete. */
  private readonly brokenApps = new Set<string>();
  private readonly roots = new Map<string, string>();
  private readonly styleSettings = new StyleSettingsReader((file) => this.apps.of(file));
  /** JSON modules read for their values (parsed on their own: they bind no names). */
  private readonly jsonFiles = new Map<string, TS.SourceFile | null>();
  /** Set when the file being analyzed asked for a module that is not loaded yet. */
  private asked = false;

  constructor(
    inputs: readonly SourceInput[],
    private readonly opts: { cwd: string; tsconfig?: string; warn: (message: string) => void; apps: AppRoots; fileTimeoutMs?: number },
  ) {
    this.apps = opts.apps;
    this.budget = new TimeBudget(opts.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS);
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
      this.noteFacts(input.file, input.text, !input.analyze);
      if (!input.analyze) continue;
      let group = only;
      if (!group) {
        const root = this.apps.of(input.file);
        if (!tsconfigOf.has(root)) tsconfigOf.set(root, this.tsconfigAbove(root));
        const tsconfig = tsconfigOf.get(root);
        group = byTsconfig.get(tsconfig ?? '');
        if (!group) {
          group = this.newGroup(tsconfig);
          byTsconfig.set(tsconfig ?? '', group);
          this.groups.push(group);
        }
      }
      group.files.push(input.file);
      this.groupOf.set(input.file, group);
      this.texts.set(input.file, input.text);
    }
  }

  private newGroup(tsconfig: string | undefined): Group {
    return { tsconfig, files: [], loaded: new Set(), wanted: new Set(), parsed: new Map(), resolved: new Map() };
  }

  // ───────────────────────────── app facts ─────────────────────────────

  /** Records a file's text for its app's facts (when it may add to them). */
  private noteFacts(file: string, text: string, keepText: boolean): void {
    const root = packageRootOf(file, this.roots);
    this.fileFacts.delete(file);
    this.factTexts.delete(file);
    this.appFactsCache.delete(root);
    if (!mayHoldAppFacts(text)) {
      this.factFiles.get(root)?.delete(file);
      return;
    }
    let files = this.factFiles.get(root);
    if (!files) this.factFiles.set(root, (files = new Map()));
    files.set(file, onlyRoutesIn(text));
    if (keepText) this.factTexts.set(file, text);
  }

  /**
   * The facts of a file's app: every file of the app that may add to them, each parsed once,
   * on its own, in name order. Files that can only add routes are skipped once the facts
   * hold as many routes as they keep (MAX_ROUTES).
   */
  private appFactsOf(file: string): AppFacts {
    const root = packageRootOf(file, this.roots);
    const cached = this.appFactsCache.get(root);
    if (cached) return cached;
    const parts: AppFacts[] = [];
    let routes = 0;
    const files = [...(this.factFiles.get(root) ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [f, routesOnly] of files) {
      if (routesOnly && routes >= MAX_ROUTES) continue;
      let facts = this.fileFacts.get(f);
      if (!facts) {
        const text = this.texts.get(f) ?? this.factTexts.get(f);
        if (text === undefined) continue;
        try {
          // A file a program holds (a candidate, an import) is not parsed again.
          const sf = (this.parsedText(f, text) ?? ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true)) as unknown as TS.SourceFile;
          facts = fileFacts(sf, tsModule, importedModules(sf, tsModule));
        } catch (e) {
          // A file nested too deeply for the parser: the app's facts are incomplete, and rules that need them stay quiet.
          this.brokenApps.add(root);
          this.factTexts.delete(f);
          if (!this.groupOf.has(f)) this.warnOnce(`skipped ${this.shown(f)}: ${isStackOverflow(e) ? 'the code is nested too deeply to parse' : (e as Error).message}; app-level rules for its app stay quiet`);
          continue;
        }
        this.fileFacts.set(f, facts);
        this.factTexts.delete(f);
      }
      routes += facts.stateChangingRoutes.length;
      parts.push(facts);
    }
    const broken = this.brokenApps.has(root) || [...this.unusable.keys()].some((f) => packageRootOf(f, this.roots) === root);
    const merged = mergeFacts(parts, !broken);
    this.appFactsCache.set(root, merged);
    return merged;
  }

  /** A program's tree of a file, when one was parsed from this text. */
  private parsedText(file: string, text: string): tsm.SourceFile | undefined {
    for (const g of this.groups) {
      const p = g.parsed.get(file);
      if (p && p.text === text) return p.sf;
    }
    return undefined;
  }

  // ───────────────────────────── programs ─────────────────────────────

  /** The tsconfig.json of an app: in its folder or the nearest one above (a monorepo's root config). */
  private tsconfigAbove(dir: string): string | undefined {
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, 'tsconfig.json');
      if (isFile(candidate)) return candidate;
      if (path.dirname(d) === d) return undefined;
    }
  }

  /** A group's compiler options: its tsconfig's module resolution options (or bundler-like defaults), then FORCED. */
  private optionsOf(group: Group): tsm.CompilerOptions {
    if (!group.tsconfig) return { ...DEFAULTS, ...FORCED };
    const shown = this.shown(group.tsconfig);
    const read = readTsconfig(group.tsconfig);
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

  private shown(file: string): string {
    return path.relative(this.opts.cwd, file) || file;
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.opts.warn(message);
  }

  /** A file's text: the one read for this run (or set by --fix), else from disk. */
  private readFile(file: string): string | undefined {
    return this.texts.get(file) ?? ts.sys.readFile(file);
  }

  /**
   * The compiler host of a group. Each file is parsed once (again only when its text
   * changes), on its own: a file the parser cannot take is left out of the program and
   * reported, and the others are checked as usual. The program follows no import: the
   * analysis asks for the modules it needs (`resolveModule`).
   */
  private hostOf(group: Group, options: tsm.CompilerOptions): tsm.CompilerHost {
    const host = ts.createCompilerHost(options, true);
    host.readFile = (f) => this.readFile(f);
    host.fileExists = (f) => this.texts.has(f) || ts.sys.fileExists(f);
    host.getSourceFile = (fileName, languageVersionOrOptions) => {
      if (this.unusable.has(fileName)) return undefined;
      const text = this.readFile(fileName);
      if (text === undefined) return undefined;
      const cached = group.parsed.get(fileName);
      if (cached && cached.text === text) return cached.sf;
      try {
        const sf = ts.createSourceFile(fileName, text, languageVersionOrOptions, true);
        group.parsed.set(fileName, { text, sf });
        return sf;
      } catch (e) {
        this.unusable.set(fileName, { kind: 'parse', message: isStackOverflow(e) ? TOO_DEEP_TO_PARSE : `Parsing error: ${(e as Error).message}` });
        return undefined;
      }
    };
    host.resolveModuleNames = (names) => names.map(() => undefined);
    host.resolveTypeReferenceDirectives = (names) => names.map(() => undefined);
    return host;
  }

  /**
   * The project file a module specifier names, for the engine (`EngineHost.resolveModule`).
   * A file not yet in the group's program is noted as wanted: the files that asked are
   * analyzed again once it is loaded.
   */
  private resolveIn(group: Group, specifier: TS.StringLiteralLike, final: boolean): TS.SourceFile | undefined {
    const from = specifier.getSourceFile() as unknown as tsm.SourceFile;
    const options = group.options!;
    const mode = ts.getModeForUsageLocation(from, specifier as unknown as tsm.StringLiteralLike, options);
    const key = `${from.fileName}\u0000${specifier.text}\u0000${mode ?? ''}`;
    let target = group.resolved.get(key);
    if (target === undefined) {
      group.resolutionCache ??= ts.createModuleResolutionCache(this.opts.cwd, (f) => f, options);
      const r = ts.resolveModuleName(specifier.text, from.fileName, options, group.host!, group.resolutionCache, undefined, mode).resolvedModule;
      target = r && isProjectModule(r) ? r.resolvedFileName : null;
      group.resolved.set(key, target);
    }
    if (target === null || this.unusable.has(target)) return undefined;
    if (/\.json$/i.test(target)) return this.jsonFile(target);
    const sf = group.program?.getSourceFile(target);
    if (sf) return sf;
    if (!final && !group.loaded.has(target)) {
      group.wanted.add(target);
      this.asked = true;
    }
    return undefined;
  }

  private jsonFile(file: string): TS.SourceFile | undefined {
    let sf = this.jsonFiles.get(file);
    if (sf === undefined) {
      const text = this.readFile(file);
      sf = text === undefined ? null : (ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JSON) as unknown as TS.SourceFile);
      this.jsonFiles.set(file, sf);
    }
    return sf ?? undefined;
  }

  /**
   * The group's program and checker, built when first needed (and again when --fix changed
   * a file it holds or the analysis asked for more modules). Creating the checker binds the
   * files not bound before; when the binder runs out of stack on one, each file is bound on
   * its own to find it, it is left out, and the program is built again without it.
   */
  private programOf(group: Group): { program: TS.Program; checker: TS.TypeChecker } {
    if (group.program && group.checker) return { program: group.program, checker: group.checker };
    group.options ??= this.optionsOf(group);
    group.host ??= this.hostOf(group, group.options);
    for (;;) {
      const rootNames = [...group.files, ...group.loaded].filter((f) => !this.unusable.has(f));
      const program = ts.createProgram({ rootNames, options: group.options, host: group.host, oldProgram: group.previous });
      try {
        const checker = program.getTypeChecker();
        group.program = program as unknown as TS.Program;
        group.checker = checker as unknown as TS.TypeChecker;
        group.previous = program;
        this.reportUnusable(group);
        return { program: group.program, checker: group.checker };
      } catch (e) {
        if (!isStackOverflow(e)) throw e;
        // Only a deep tree can overflow the binder: try the deepest files first, each alone.
        const deep = program
          .getSourceFiles()
          .filter((sf) => !sf.isDeclarationFile)
          .map((sf) => ({ sf, depth: treeDepth(sf) }))
          .filter((d) => d.depth >= MIN_SUSPECT_DEPTH)
          .sort((a, b) => b.depth - a.depth);
        const culprits = deep.filter((d) => !bindsAlone(d.sf)).map((d) => d.sf);
        // Each alone, they may all fit (the stack was deeper inside the whole program): the deepest goes.
        if (culprits.length === 0 && deep.length > 0) culprits.push(deep[0]!.sf);
        if (culprits.length === 0) throw e;
        for (const sf of culprits) {
          this.unusable.set(sf.fileName, { kind: 'analysis', message: TOO_DEEP_TO_ANALYZE });
          group.parsed.delete(sf.fileName);
          this.appFactsCache.delete(packageRootOf(sf.fileName, this.roots));
        }
        group.previous = undefined;
      }
    }
  }

  /** Imported files the analysis could not read: a warning, since values from them stay unknown. */
  private reportUnusable(group: Group): void {
    for (const [file, why] of this.unusable) {
      if (this.groupOf.has(file)) continue; // reported as a file error by analyze()
      if (!group.loaded.has(file)) continue;
      this.warnOnce(`skipped ${this.shown(file)}: ${why.message.replace(/^Parsing error: |^analysis failed: /, '')}; values imported from it stay unknown`);
    }
  }

  /** The text the analysis saw for a file (an analyzed file or one it loaded through an import). */
  textOf(file: string): string | undefined {
    const scanned = this.texts.get(file);
    if (scanned !== undefined) return scanned;
    for (const g of this.groups) {
      const sf = g.program?.getSourceFile(file);
      if (sf) return sf.text;
    }
    return this.jsonFiles.get(file)?.text;
  }

  sourceFile(file: string): TS.SourceFile | undefined {
    const g = this.groupOf.get(file);
    return g ? this.programOf(g).program.getSourceFile(file) : undefined;
  }

  /** Replaces file texts (between --fix passes); programs that hold them are built again, reparsing only those files. */
  update(texts: ReadonlyMap<string, string>): void {
    for (const [file, text] of texts) {
      this.texts.set(file, text);
      this.noteFacts(file, text, false);
      this.jsonFiles.delete(file);
    }
    for (const g of this.groups) {
      if (!g.program) continue;
      const program = g.program;
      for (const file of texts.keys()) {
        if (program.getSourceFile(file) === undefined) continue;
        g.program = undefined;
        g.checker = undefined;
        break;
      }
    }
  }

  /**
   * Runs the rules over every analyzed file. A file that does not parse is an error, not
   * findings. A file whose analysis asked for modules not loaded yet is analyzed again once
   * they are (round after round, as deep as its values go, up to MAX_ROUNDS).
   */
  analyze(rulesFor: (file: string) => EffectiveRules, onFile?: (file: string) => void, summarize = false): AnalysisPass {
    const outcomes = new Map<string, FileOutcome>();
    let analyzedFiles = 0;
    for (const group of this.groups) {
      if (group.files.length === 0) continue;
      let todo = group.files;
      for (let round = 0; todo.length > 0; round++) {
        const final = round >= MAX_ROUNDS;
        const { program, checker } = this.programOf(group);
        const analyzer = new Analyzer({
          ts: tsModule,
          checker,
          crossModule: true,
          appFacts: (sf) => this.appFactsOf(sf.fileName),
          resolveModule: (specifier) => this.resolveIn(group, specifier, final),
          checkBudget: this.budget.check,
          // The project's formatter settings (.editorconfig, JSON Prettier settings) for the code remedies write.
          codeStyle: (sf) => this.styleSettings.of(sf.fileName),
        });
        const again: string[] = [];
        for (const file of todo) {
          if (round === 0) onFile?.(file);
          this.asked = false;
          const outcome = this.analyzeFile(file, program, analyzer, rulesFor, summarize);
          if (round === 0 && outcome.analyzed) analyzedFiles++;
          outcomes.set(file, outcome);
          if (this.asked) again.push(file);
        }
        if (group.wanted.size === 0) break;
        for (const f of group.wanted) group.loaded.add(f);
        group.wanted.clear();
        group.program = undefined;
        group.checker = undefined;
        todo = again;
      }
    }
    const findings: EngineFinding[] = [];
    const sites: SiteSummary[] = [];
    const fileErrors: EngineFileError[] = [];
    for (const group of this.groups) {
      for (const file of group.files) {
        const o = outcomes.get(file);
        if (!o) continue;
        findings.push(...o.findings);
        fileErrors.push(...o.errors);
        sites.push(...o.sites);
      }
    }
    return { findings, fileErrors, analyzedFiles, ...(summarize ? { sites } : {}) };
  }

  private analyzeFile(file: string, program: TS.Program, analyzer: Analyzer, rulesFor: (file: string) => EffectiveRules, summarize: boolean): FileOutcome {
    const findings: EngineFinding[] = [];
    const errors: EngineFileError[] = [];
    const sites: SiteSummary[] = [];
    const fail = (e: EngineFileError, analyzed = false): FileOutcome => ({ analyzed, findings: [], errors: [e], sites: [] });
    const unusable = this.unusable.get(file);
    if (unusable) return fail({ file, kind: unusable.kind, message: unusable.message });
    const sf = program.getSourceFile(file);
    if (!sf) return fail({ file, kind: 'analysis', message: 'the TypeScript program did not load this file' });
    const syntax = syntaxProblems(program, sf);
    if (syntax.length > 0) {
      const d = syntax[0]!;
      return fail({ file, kind: 'parse', message: `Parsing error: ${ts.flattenDiagnosticMessageText(d.messageText as never, ' ')}`, offset: d.start });
    }
    const rules = rulesFor(file);
    try {
      this.budget.start();
      const model = analyzer.analyze(sf);
      for (const f of runCatalog(model, rules)) {
        if (f.messageId === INTERNAL_ERROR) errors.push({ file, kind: 'rule', message: f.message, stack: f.internalError?.stack });
        else findings.push({ finding: f, severity: rules.get(f.ruleId)!.severity });
      }
      if (summarize) sites.push(...summarizeSites(model, rules, this.opts.cwd));
    } catch (e) {
      return fail({ file, kind: 'analysis', message: analysisFailure(e), stack: (e as Error).stack }, true);
    } finally {
      this.budget.stop();
    }
    return { analyzed: true, findings, errors, sites };
  }
}

/**
 * The syntax errors that stop the analysis of a file. TypeScript-only syntax in a
 * JavaScript file (Flow-style type annotations, `x as T`) is not one of them: the
 * parser reads it into a complete tree, so such a file is analyzed like TypeScript.
 */
function syntaxProblems(program: TS.Program, sf: TS.SourceFile): readonly TS.Diagnostic[] {
  let all: readonly TS.Diagnostic[];
  try {
    all = program.getSyntacticDiagnostics(sf);
  } catch (e) {
    // The extra JavaScript checks walk the tree recursively; the parser's own errors are what matter.
    if (!isStackOverflow(e)) throw e;
    all = (sf as { parseDiagnostics?: readonly TS.Diagnostic[] }).parseDiagnostics ?? [];
  }
  return all.filter((d) => !TS_ONLY_IN_JS.test(ts.flattenDiagnosticMessageText(d.messageText as never, ' ')));
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
