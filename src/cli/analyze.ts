/**
 * The CLI's whole-program analysis: a TypeScript program over the scanned files,
 * one per app (the nearest package.json above a file; its tsconfig.json is the
 * nearest one from there up), the engine's Analyzer over each program's checker,
 * and the catalog's rules.
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
 * Every file of an app is in its program (the engine reads app facts from all
 * of them), but the rules run only on scanned files that pass the text
 * prefilter. Imports are loaded through module resolution, which stops at
 * node_modules (the engine reads a package import as a module value and needs
 * no declarations). No lib files are loaded: the engine asks the checker about
 * symbols, never about global types.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type * as TS from 'typescript';
import { Analyzer, type FileModel, singleFileAnalyzer } from '../analysis/index.js';
import type { TSModule } from '../analysis/host.js';
import { rulesById } from '../../rules/index.js';
import { appFilesFor, packageRootOf } from '../app-root.js';
import { TimeBudget, TimeBudgetExceeded } from '../analysis/budget.js';
import { type Finding, runRule } from '../rule.js';
import type { EffectiveRules } from './config.js';
import type { AppRoots } from './apps.js';
import { UsageError } from './errors.js';
import { type SiteSummary, summarizeSites } from './summaries.js';

export const tsModule = ts as unknown as TSModule;

export interface SourceInput {
  readonly file: string;
  /** Text without its BOM. */
  readonly text: string;
  /**
   * Whether the rules run on this file (it was scanned and may hold session code).
   * Other files of the app are in the program for what they tell about the app
   * (trust proxy, routes, CSRF middleware) and for imports.
   */
  readonly analyze: boolean;
}

export interface EngineFinding {
  readonly finding: Finding;
  readonly severity: 'warn' | 'error';
}

export interface EngineFileError {
  readonly file: string;
  readonly kind: 'parse' | 'analysis';
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
  readonly root: string;
  readonly tsconfig?: string;
  /** Files the rules run on. */
  readonly files: string[];
  /** Every scanned file of the group: the program's root files. */
  readonly inputs: string[];
  /** Parsed files by name, with the text they were parsed from. */
  readonly parsed: Map<string, { text: string; sf: ts.SourceFile }>;
  options?: ts.CompilerOptions;
  host?: ts.CompilerHost;
  program?: TS.Program;
  checker?: TS.TypeChecker;
  /** The last program built (its unchanged files are reused by the next one). */
  previous?: ts.Program;
}

/** How long the analysis of one file may take by default (SESSION_AUDIT_FILE_TIMEOUT_MS overrides it). */
export const DEFAULT_FILE_TIMEOUT_MS = 30_000;

/** Options that every project gets, whatever its tsconfig says. */
const FORCED: ts.CompilerOptions = {
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
const DEFAULTS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
};

/**
 * Module resolution that stops at node_modules: a package stays an unresolved
 * module (the engine knows libraries by name), so no declaration files are
 * loaded. A workspace package linked into node_modules resolves to its real
 * path outside node_modules and is followed like any project file. A file that
 * cannot be analyzed (see `Unusable`) is not followed either.
 */
function projectOnlyResolution(host: ts.ModuleResolutionHost, skip: (file: string) => boolean): NonNullable<ts.CompilerHost['resolveModuleNames']> {
  return (moduleNames, containingFile, _reused, redirectedReference, options) =>
    moduleNames.map((name) => {
      const r = ts.resolveModuleName(name, containingFile, options, host, undefined, redirectedReference).resolvedModule;
      if (!r || /[\\/]node_modules[\\/]/.test(r.resolvedFileName) || skip(r.resolvedFileName)) return undefined;
      return { ...r, isExternalLibraryImport: false };
    });
}

/** Below this depth no tree overflows TypeScript's binder (it needs well over a thousand levels). */
const MIN_SUSPECT_DEPTH = 200;

/** The depth of a file's tree, measured without recursion. */
function treeDepth(sf: ts.SourceFile): number {
  let max = 0;
  const stack: [ts.Node, number][] = [[sf, 0]];
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
function bindsAlone(sf: ts.SourceFile): boolean {
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
function diagnosticText(d: ts.Diagnostic): string {
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
function readTsconfig(file: string): { options: ts.CompilerOptions; problem?: string } | { error: string } {
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) return { error: diagnosticText(error) };
  const host: ts.ParseConfigHost = {
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
  /** Current texts of the scanned files (BOM removed; replaced between --fix passes). */
  private readonly texts = new Map<string, string>();
  /** Files no program holds, and why. */
  private readonly unusable = new Map<string, Unusable>();
  private readonly warned = new Set<string>();
  private readonly budget: TimeBudget;

  constructor(
    inputs: readonly SourceInput[],
    private readonly opts: { cwd: string; tsconfig?: string; warn: (message: string) => void; apps: AppRoots; fileTimeoutMs?: number },
  ) {
    this.apps = opts.apps;
    this.budget = new TimeBudget(opts.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS);
    if (opts.tsconfig) {
      const tsconfig = path.resolve(opts.cwd, opts.tsconfig);
      if (!isFile(tsconfig)) throw new UsageError(`tsconfig not found: ${opts.tsconfig}`);
      const group: Group = { root: path.dirname(tsconfig), tsconfig, files: [], inputs: [], parsed: new Map() };
      this.groups.push(group);
      for (const input of inputs) this.add(group, input);
    } else {
      const byRoot = new Map<string, Group>();
      for (const input of inputs) {
        const root = this.apps.of(input.file);
        let group = byRoot.get(root);
        if (!group) {
          group = { root, tsconfig: this.tsconfigAbove(root), files: [], inputs: [], parsed: new Map() };
          byRoot.set(root, group);
          this.groups.push(group);
        }
        this.add(group, input);
      }
    }
  }

  private add(group: Group, input: SourceInput): void {
    if (input.analyze) {
      group.files.push(input.file);
      this.groupOf.set(input.file, group);
    }
    group.inputs.push(input.file);
    this.texts.set(input.file, input.text);
  }

  /** The tsconfig.json of an app: in its folder or the nearest one above (a monorepo's root config). */
  private tsconfigAbove(dir: string): string | undefined {
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, 'tsconfig.json');
      if (isFile(candidate)) return candidate;
      if (path.dirname(d) === d) return undefined;
    }
  }

  /** A group's compiler options: its tsconfig's module resolution options (or bundler-like defaults), then FORCED. */
  private optionsOf(group: Group): ts.CompilerOptions {
    if (!group.tsconfig) return { ...DEFAULTS, ...FORCED };
    const shown = path.relative(this.opts.cwd, group.tsconfig) || group.tsconfig;
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

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.opts.warn(message);
  }

  /**
   * The compiler host of a group: scanned files have the texts read for this run; other
   * files (imports outside the scanned paths) come from disk. Each file is parsed once
   * (again only when its text changes), on its own: a file the parser cannot take is
   * left out of the program and reported, and the others are checked as usual.
   */
  private hostOf(group: Group, options: ts.CompilerOptions): ts.CompilerHost {
    const host = ts.createCompilerHost(options, true);
    const fromDisk = host.readFile.bind(host);
    const readFile = (f: string) => this.texts.get(f) ?? fromDisk(f);
    host.readFile = readFile;
    host.fileExists = (f) => this.texts.has(f) || ts.sys.fileExists(f);
    host.getSourceFile = (fileName, languageVersionOrOptions) => {
      if (this.unusable.has(fileName)) return undefined;
      const text = readFile(fileName);
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
    host.resolveModuleNames = projectOnlyResolution(host, (f) => this.unusable.has(f));
    host.resolveTypeReferenceDirectives = (names) => names.map(() => undefined);
    return host;
  }

  /**
   * The group's program and checker, built when first needed (and again after --fix changed
   * a file it holds). Creating the checker binds every file; when the binder runs out of
   * stack on one, each file is bound on its own to find it, it is left out, and the
   * program is built again without it.
   */
  private programOf(group: Group): { program: TS.Program; checker: TS.TypeChecker } {
    if (group.program && group.checker) return { program: group.program, checker: group.checker };
    group.options ??= this.optionsOf(group);
    group.host ??= this.hostOf(group, group.options);
    for (;;) {
      const program = ts.createProgram({ rootNames: group.inputs.filter((f) => !this.unusable.has(f)), options: group.options, host: group.host, oldProgram: group.previous });
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
        if (culprits.length === 0) throw e;
        for (const sf of culprits) {
          this.unusable.set(sf.fileName, { kind: 'analysis', message: TOO_DEEP_TO_ANALYZE });
          group.parsed.delete(sf.fileName);
        }
        group.previous = undefined;
      }
    }
  }

  /** Files the rules do not run on but the app's facts come from: a warning, since app-level rules may then miss something. */
  private reportUnusable(group: Group): void {
    for (const [file, why] of this.unusable) {
      if (this.groupOf.has(file)) continue; // reported as a file error by analyze()
      if (!group.inputs.includes(file) && !group.parsed.has(file)) continue;
      this.warnOnce(`skipped ${path.relative(this.opts.cwd, file) || file}: ${why.message.replace(/^Parsing error: |^analysis failed: /, '')}; app-level rules for its app stay quiet`);
    }
  }

  /** App files for the engine; an app with a file left out has incomplete facts (rules that need them stay quiet). */
  private appFilesOf(program: TS.Program): (sf: TS.SourceFile) => readonly TS.SourceFile[] | undefined {
    const all = appFilesFor(() => program.getSourceFiles());
    if (this.unusable.size === 0) return all;
    const roots = new Map<string, string>();
    const broken = new Set([...this.unusable.keys()].map((f) => packageRootOf(f, roots)));
    return (sf) => (broken.has(packageRootOf(sf.fileName, roots)) ? undefined : all(sf));
  }

  /** The text the analysis saw for a file (an analyzed file or one it loaded through an import). */
  textOf(file: string): string | undefined {
    const scanned = this.texts.get(file);
    if (scanned !== undefined) return scanned;
    for (const g of this.groups) {
      const sf = this.programOf(g).program.getSourceFile(file);
      if (sf) return sf.text;
    }
    return undefined;
  }

  sourceFile(file: string): TS.SourceFile | undefined {
    const g = this.groupOf.get(file);
    return g ? this.programOf(g).program.getSourceFile(file) : undefined;
  }

  /** Replaces file texts (between --fix passes); programs that hold them are built again, reparsing only those files. */
  update(texts: ReadonlyMap<string, string>): void {
    for (const [file, text] of texts) this.texts.set(file, text);
    for (const g of this.groups) {
      if (!g.program) continue;
      const program = g.program;
      if ([...texts.keys()].some((f) => program.getSourceFile(f) !== undefined || this.groupOf.get(f) === g)) {
        g.program = undefined;
        g.checker = undefined;
      }
    }
  }

  /** Runs the rules over every analyzed file. A file that does not parse is an error, not findings. */
  analyze(rulesFor: (file: string) => EffectiveRules, onFile?: (file: string) => void, summarize = false): AnalysisPass {
    const findings: EngineFinding[] = [];
    const sites: SiteSummary[] = [];
    const fileErrors: EngineFileError[] = [];
    let analyzedFiles = 0;
    for (const group of this.groups) {
      if (group.files.length === 0) continue;
      const { program, checker } = this.programOf(group);
      const analyzer = new Analyzer({
        ts: tsModule,
        checker,
        crossModule: true,
        // App facts (trust proxy, routes, CSRF middleware) come from every file of the app, grouped as typed ESLint groups them.
        appFiles: this.appFilesOf(program),
        checkBudget: this.budget.check,
      });
      for (const file of group.files) {
        onFile?.(file);
        const unusable = this.unusable.get(file);
        if (unusable) {
          fileErrors.push({ file, kind: unusable.kind, message: unusable.message });
          continue;
        }
        const sf = program.getSourceFile(file);
        if (!sf) {
          fileErrors.push({ file, kind: 'analysis', message: 'the TypeScript program did not load this file' });
          continue;
        }
        const syntax = syntaxProblems(program, sf);
        if (syntax.length > 0) {
          const d = syntax[0]!;
          fileErrors.push({ file, kind: 'parse', message: `Parsing error: ${ts.flattenDiagnosticMessageText(d.messageText as never, ' ')}`, offset: d.start });
          continue;
        }
        analyzedFiles++;
        const rules = rulesFor(file);
        try {
          this.budget.start();
          const model = analyzer.analyze(sf);
          for (const f of checkModel(model, rules)) findings.push({ finding: f, severity: rules.get(f.ruleId)!.severity });
          if (summarize) sites.push(...summarizeSites(model, rules, this.opts.cwd));
        } catch (e) {
          fileErrors.push({ file, kind: 'analysis', message: analysisFailure(e), stack: (e as Error).stack });
        } finally {
          this.budget.stop();
        }
      }
    }
    return { findings, fileErrors, analyzedFiles, ...(summarize ? { sites } : {}) };
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

/** The catalog's rules that are on for a file, run over its model (as src/api.ts checkModel, without loading `typescript`). */
function checkModel(model: FileModel, rules: EffectiveRules): Finding[] {
  const out: Finding[] = [];
  for (const [id, { options }] of rules) {
    const rule = rulesById.get(id);
    if (rule) out.push(...runRule(rule, model, options));
  }
  return out.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}

/** Syntax errors of a text parsed as `fileName` (for --fix: an edit must not break the file). */
export function syntaxErrors(fileName: string, text: string): number {
  const options: ts.CompilerOptions = { allowJs: true, noLib: true, noResolve: true, types: [], noEmit: true, jsx: ts.JsxEmit.Preserve };
  const host = ts.createCompilerHost(options);
  let sf: ts.SourceFile;
  try {
    sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  } catch (e) {
    if (isStackOverflow(e)) return Number.NaN; // cannot tell: a fix is not taken on that
    throw e;
  }
  const program = ts.createProgram({
    rootNames: [fileName],
    options,
    host: { ...host, getSourceFile: (f) => (f === fileName ? sf : undefined), fileExists: (f) => f === fileName, readFile: (f) => (f === fileName ? text : undefined) },
  });
  try {
    return program.getSyntacticDiagnostics(sf).length;
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return ((sf as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? []).length;
  }
}
