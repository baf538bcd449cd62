/**
 * The engine's entry point: one Analyzer per program (or per lone file), one
 * FileModel per source file, computed once and read by every rule.
 */
import type * as TS from 'typescript';
import { type AppFacts, fileFacts, mergeFacts } from './app-facts.js';
import { Evaluator } from './evaluate.js';
import type { EngineHost, FileHost, TSModule } from './host.js';
import { type LifecycleCall, findLifecycleCalls } from './lifecycle.js';
import { mayHoldSessionCode, normalizeModule, packageName } from './libraries.js';
import { type SessionWrite, findSessionWrites } from './session-writes.js';
import { type SessionSite, findSites } from './sites.js';
import type { World } from './values.js';
import { walk } from './walk.js';

export interface FileModel {
  readonly sourceFile: TS.SourceFile;
  /** The engine's host, with the checker that binds this file (`host.checker`). */
  readonly host: FileHost;
  readonly sites: readonly SessionSite[];
  readonly lifecycleCalls: readonly LifecycleCall[];
  /** Writes into `req.session` (identity, sensitive data). */
  readonly sessionWrites: readonly SessionWrite[];
  /** Session modules the file imports or requires (client-side session libraries change what some rules mean). */
  readonly importedModules: ReadonlySet<string>;
  /** Facts about the whole app the file belongs to (incomplete when the file is seen alone). */
  readonly appFacts: AppFacts;
  evaluator(world: World): Evaluator;
}

export class Analyzer {
  private readonly evaluators = new Map<World, Evaluator>();
  private readonly models = new WeakMap<TS.SourceFile, FileModel>();

  constructor(readonly host: EngineHost) {}

  evaluator(world: World): Evaluator {
    let ev = this.evaluators.get(world);
    if (!ev) {
      ev = new Evaluator(this.host, world);
      this.evaluators.set(world, ev);
    }
    return ev;
  }

  analyze(sf: TS.SourceFile): FileModel {
    let model = this.models.get(sf);
    if (model) return model;
    const evaluator = (w: World) => this.evaluator(w);
    const relevant = mayHoldSessionCode(sf.text);
    const imported = importedModules(sf, this.host.ts);
    let facts: AppFacts | undefined;
    // App facts come through the host (one path for both front ends); without one, the file alone.
    const appFacts = () => (facts ??= this.host.appFacts?.(sf) ?? mergeFacts([fileFacts(sf, this.host.ts, imported)], false));
    const host: FileHost = { ...this.host, checker: this.host.checkerFor(sf) };
    model = {
      sourceFile: sf,
      host,
      sites: relevant ? findSites(sf, this.host.ts, evaluator) : [],
      lifecycleCalls: relevant ? findLifecycleCalls(sf, this.host.ts, host.checker) : [],
      sessionWrites: relevant ? findSessionWrites(sf, this.host.ts, host.checker) : [],
      importedModules: imported,
      get appFacts() {
        return appFacts();
      },
      evaluator,
    };
    this.models.set(sf, model);
    return model;
  }
}

/** Bare module specifiers a file imports, requires or re-exports (without `node:`). */
export function importedModules(sf: TS.SourceFile, ts: TSModule): Set<string> {
  const out = new Set<string>();
  const add = (spec: TS.Node | undefined) => {
    if (spec && ts.isStringLiteralLike(spec) && !spec.text.startsWith('.') && !spec.text.startsWith('/')) {
      // The specifier ('iron-session/next') and its package ('iron-session'): lists name packages.
      out.add(normalizeModule(spec.text));
      out.add(packageName(spec.text));
    }
  };
  const visit = (n: TS.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) add(n.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) add(n.moduleReference.expression);
    else if (ts.isCallExpression(n) && n.arguments.length === 1 && ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword)) add(n.arguments[0]);
  };
  walk(ts, sf, visit);
  return out;
}

const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * A host for one file on its own (ESLint without type information): a program
 * of just that file, no lib, no module resolution. Its checker binds names within
 * the file, so the same evaluator runs; imports of other files stay unknown.
 */
export function singleFileAnalyzer(ts: TSModule, fileName: string, text: string, checkBudget?: () => void): { analyzer: Analyzer; sourceFile: TS.SourceFile } {
  const ext = SCRIPT_EXTENSIONS.find((e) => fileName.toLowerCase().endsWith(e));
  const name = ext ? fileName : `${fileName}.js`;
  const kind = scriptKind(ts, name);
  const sourceFile = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, kind);
  const options: TS.CompilerOptions = {
    allowJs: true,
    noLib: true,
    noResolve: true,
    types: [],
    jsx: ts.JsxEmit.Preserve,
    target: ts.ScriptTarget.Latest,
    module: ts.ModuleKind.ESNext,
    noEmit: true,
  };
  const compilerHost: TS.CompilerHost = {
    getSourceFile: (f) => (f === name ? sourceFile : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f === name,
    readFile: (f) => (f === name ? text : undefined),
  };
  const program = ts.createProgram({ rootNames: [name], options, host: compilerHost });
  const checker = program.getTypeChecker();
  const analyzer = new Analyzer({ ts, checkerFor: () => checker, crossModule: false, checkBudget });
  return { analyzer, sourceFile: program.getSourceFile(name) ?? sourceFile };
}

function scriptKind(ts: TSModule, fileName: string): TS.ScriptKind {
  const f = fileName.toLowerCase();
  if (f.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (f.endsWith('.ts') || f.endsWith('.mts') || f.endsWith('.cts')) return ts.ScriptKind.TS;
  // JSX is allowed in every JavaScript file, as ESLint's parser allows it.
  return ts.ScriptKind.JSX;
}

export type { SessionSite } from './sites.js';
export type { LifecycleCall } from './lifecycle.js';
export type { SessionWrite } from './session-writes.js';
