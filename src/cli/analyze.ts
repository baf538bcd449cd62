/**
 * The CLI's whole-program analysis: ts-morph projects over the scanned files,
 * one per app (the nearest package.json above a file; its tsconfig.json is the
 * nearest one from there up), the engine's Analyzer over each program's checker,
 * and the catalog's rules.
 *
 * ts-morph bundles its own TypeScript; everything here uses that copy (`ts`
 * from ts-morph) and hands it to the engine, never the installed `typescript`.
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
import { Project, type ResolutionHostFactory, ts } from 'ts-morph';
import type * as TS from 'typescript';
import { Analyzer, type FileModel } from '../analysis/index.js';
import type { TSModule } from '../analysis/host.js';
import { rulesById } from '../../rules/index.js';
import { appFilesFor } from '../app-root.js';
import { type Finding, runRule } from '../rule.js';
import type { EffectiveRules } from './config.js';
import type { AppRoots } from './apps.js';
import { UsageError } from './errors.js';

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
}

interface Group {
  readonly root: string;
  readonly tsconfig?: string;
  /** Files the rules run on. */
  readonly files: string[];
  project?: Project;
  program?: TS.Program;
}

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
 * path outside node_modules and is followed like any project file.
 */
const projectOnlyResolution: ResolutionHostFactory = (host, getCompilerOptions) => ({
  resolveModuleNames(moduleNames, containingFile, _reused, redirectedReference, options) {
    const opts = options ?? getCompilerOptions();
    return moduleNames.map((name) => {
      const r = ts.resolveModuleName(name, containingFile, opts, host, undefined, redirectedReference).resolvedModule;
      if (!r || /[\\/]node_modules[\\/]/.test(r.resolvedFileName)) return undefined;
      return { ...r, isExternalLibraryImport: false };
    });
  },
  resolveTypeReferenceDirectives(names) {
    return names.map(() => undefined);
  },
});

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

export class Workspace {
  private readonly groups: Group[] = [];
  private readonly groupOf = new Map<string, Group>();
  private readonly apps: AppRoots;
  /** Files not yet added to their group's project (projects are built on the first analysis). */
  private readonly pending = new Map<Group, SourceInput[]>();

  constructor(
    inputs: readonly SourceInput[],
    private readonly opts: { cwd: string; tsconfig?: string; warn: (message: string) => void; apps: AppRoots },
  ) {
    this.apps = opts.apps;
    if (opts.tsconfig) {
      const tsconfig = path.resolve(opts.cwd, opts.tsconfig);
      if (!isFile(tsconfig)) throw new UsageError(`tsconfig not found: ${opts.tsconfig}`);
      const group: Group = { root: path.dirname(tsconfig), tsconfig, files: [] };
      this.groups.push(group);
      for (const input of inputs) this.add(group, input);
    } else {
      const byRoot = new Map<string, Group>();
      for (const input of inputs) {
        const root = this.apps.of(input.file);
        let group = byRoot.get(root);
        if (!group) {
          group = { root, tsconfig: this.tsconfigAbove(root), files: [] };
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
    let list = this.pending.get(group);
    if (!list) this.pending.set(group, (list = []));
    list.push(input);
  }

  /** The tsconfig.json of an app: in its folder or the nearest one above (a monorepo's root config). */
  private tsconfigAbove(dir: string): string | undefined {
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, 'tsconfig.json');
      if (isFile(candidate)) return candidate;
      if (path.dirname(d) === d) return undefined;
    }
  }

  private createProject(group: Group): Project {
    const base = { skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, skipLoadingLibFiles: true, resolutionHost: projectOnlyResolution };
    let project: Project | undefined;
    if (group.tsconfig) {
      try {
        project = new Project({ ...base, tsConfigFilePath: group.tsconfig });
        const own = project.getCompilerOptions();
        const defaults = own.module === undefined && own.moduleResolution === undefined ? DEFAULTS : { jsx: own.jsx ?? ts.JsxEmit.Preserve };
        project.compilerOptions.set({ ...defaults, ...FORCED });
      } catch (e) {
        const shown = path.relative(this.opts.cwd, group.tsconfig) || group.tsconfig;
        if (this.opts.tsconfig) throw new UsageError(`cannot use ${shown}: ${(e as Error).message.split('\n')[0]}`);
        this.opts.warn(`cannot use ${shown} (${(e as Error).message.split('\n')[0]}); resolving modules with default options`);
        project = undefined;
      }
    }
    project ??= new Project({ ...base, compilerOptions: { ...DEFAULTS, ...FORCED } });
    return project;
  }

  private ensureProjects(): void {
    for (const group of this.groups) {
      const inputs = this.pending.get(group);
      if (!inputs) continue;
      this.pending.delete(group);
      group.project ??= this.createProject(group);
      for (const input of inputs) group.project.createSourceFile(input.file, input.text, { overwrite: true });
      group.project.resolveSourceFileDependencies();
      group.program = undefined;
    }
  }

  private program(group: Group): TS.Program {
    group.program ??= group.project!.getProgram().compilerObject as unknown as TS.Program;
    return group.program;
  }

  /** The text the analysis saw for a file (an analyzed file or one it loaded through an import). */
  textOf(file: string): string | undefined {
    const own = this.groupOf.get(file);
    for (const g of own ? [own, ...this.groups] : this.groups) {
      if (!g.project) continue;
      const sf = this.program(g).getSourceFile(file);
      if (sf) return sf.text;
    }
    return undefined;
  }

  sourceFile(file: string): TS.SourceFile | undefined {
    const g = this.groupOf.get(file);
    return g?.project ? this.program(g).getSourceFile(file) : undefined;
  }

  /** Replaces file texts in every project that holds them (between --fix passes). */
  update(texts: ReadonlyMap<string, string>): void {
    for (const g of this.groups) {
      if (!g.project) continue;
      let changed = false;
      for (const [file, text] of texts) {
        if (!g.project.getSourceFile(file) && !g.files.includes(file)) continue;
        g.project.createSourceFile(file, text, { overwrite: true });
        changed = true;
      }
      if (changed) {
        g.project.resolveSourceFileDependencies();
        g.program = undefined;
      }
    }
  }

  /** Runs the rules over every analyzed file. A file that does not parse is an error, not findings. */
  analyze(rulesFor: (file: string) => EffectiveRules, onFile?: (file: string) => void): AnalysisPass {
    this.ensureProjects();
    const findings: EngineFinding[] = [];
    const fileErrors: EngineFileError[] = [];
    let analyzedFiles = 0;
    for (const group of this.groups) {
      const program = this.program(group);
      const analyzer = new Analyzer({
        ts: tsModule,
        checker: program.getTypeChecker(),
        crossModule: true,
        // App facts (trust proxy, routes, CSRF middleware) come from every file of the app, grouped as typed ESLint groups them.
        appFiles: appFilesFor(() => program.getSourceFiles()),
      });
      for (const file of group.files) {
        onFile?.(file);
        const sf = program.getSourceFile(file);
        if (!sf) {
          fileErrors.push({ file, kind: 'analysis', message: 'the TypeScript program did not load this file' });
          continue;
        }
        const syntax = program.getSyntacticDiagnostics(sf);
        if (syntax.length > 0) {
          const d = syntax[0]!;
          fileErrors.push({ file, kind: 'parse', message: `Parsing error: ${ts.flattenDiagnosticMessageText(d.messageText as never, ' ')}`, offset: d.start });
          continue;
        }
        analyzedFiles++;
        const rules = rulesFor(file);
        try {
          const model = analyzer.analyze(sf);
          for (const f of checkModel(model, rules)) findings.push({ finding: f, severity: rules.get(f.ruleId)!.severity });
        } catch (e) {
          fileErrors.push({ file, kind: 'analysis', message: `analysis failed: ${(e as Error).message}`, stack: (e as Error).stack });
        }
      }
    }
    return { findings, fileErrors, analyzedFiles };
  }
}

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
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const program = ts.createProgram({
    rootNames: [fileName],
    options,
    host: { ...host, getSourceFile: (f) => (f === fileName ? sf : undefined), fileExists: (f) => f === fileName, readFile: (f) => (f === fileName ? text : undefined) },
  });
  return program.getSyntacticDiagnostics(sf).length;
}
