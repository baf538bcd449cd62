/**
 * The engine's entry point: one Analyzer per program (or per lone file), one
 * FileModel per source file, computed once and read by every rule.
 */
import type * as TS from 'typescript';
import { type AppFacts, fileFacts, mergeFacts } from './app-facts.js';
import { type CorsConfig, findCorsConfigs } from './cors.js';
import { Evaluator } from './evaluate.js';
import type { EngineHost, FileHost, TSModule } from './host.js';
import { type ImportRef, bareModules, findImports } from './imports.js';
import { type LifecycleCall, findLifecycleCalls } from './lifecycle.js';
import { EXPRESS, PASSPORT, clientSessionOf, mayHoldSessionCode } from './libraries.js';
import { type LibraryLogin, findLibraryLogins } from './passport-logins.js';
import { NO_VERSIONS, type PackageVersions, isBefore, libraryLacks } from './package-versions.js';
import { type LoginSite, findLogins } from './logins.js';
import { type Mount, findMounts } from './middleware.js';
import { callbackSessions, writeCallsOf } from './session-objects.js';
import { type SessionWrite, findSessionWrites, requestSessionMethodsOf } from './session-writes.js';
import { type SessionSite, findSites } from './sites.js';
import { type CodeStyle, styleOf } from './style.js';
import type { World } from './values.js';

/**
 * What the engine knows about one file: everything a rule reads. The parts marked
 * "on first read" are computed when a rule first asks for them (inside that rule's
 * safety boundary, see `runRule`), then kept.
 */
export interface FileModel {
  readonly sourceFile: TS.SourceFile;
  /** The engine's host, with the checker that binds this file (`host.checker`). */
  readonly host: FileHost;
  readonly sites: readonly SessionSite[];
  /** Session lifecycle calls and how their errors are handled (on first read: it may need the app's session libraries). */
  readonly lifecycleCalls: readonly LifecycleCall[];
  /** Writes into `req.session` and into sessions a library hands out (identity, sensitive data; on first read). */
  readonly sessionWrites: readonly SessionWrite[];
  /** Handlers that store an identity in the session, with how each write is covered against fixation (on first read). */
  readonly logins: readonly LoginSite[];
  /** Every module the file loads, with its specifier node (type-only ones marked). */
  readonly imports: readonly ImportRef[];
  /** Bare modules the file imports or requires, and their packages (client-side session libraries change what some rules mean). */
  readonly importedModules: ReadonlySet<string>;
  /** `X.use(...)` calls in source order, with what each handler is (on first read). */
  readonly mounts: readonly Mount[];
  /** CORS middleware configurations, evaluated in production (on first read). */
  readonly corsConfigs: readonly CorsConfig[];
  /** The cookie-based session library the file's sessions live in, if they do (on first read: it may need the app's facts). */
  readonly clientSession: { readonly module: string; readonly encrypted: boolean } | undefined;
  /** Facts about the whole app the file belongs to (incomplete when the file is seen alone; on first read). */
  readonly appFacts: AppFacts;
  /** The versions the app uses of the session libraries, their stores and passport (empty when unknown; on first read). */
  readonly versions: PackageVersions;
  /** Logins through a library whose version in the app does not renew the session (passport before 0.6; on first read). */
  readonly libraryLogins: readonly LibraryLogin[];
  /** The file's code style (quotes, semicolons, indentation...), which remedies follow (on first read). */
  readonly style: CodeStyle;
  evaluator(world: World): Evaluator;
}

/** A value computed on first use and kept; a computation that throws is not kept (the next reader fails the same way). */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
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
    const { ts } = this.host;
    const host: FileHost = { ...this.host, checker: this.host.checkerFor(sf) };
    const checker = host.checker;
    const evaluator = (w: World) => this.evaluator(w);
    const relevant = mayHoldSessionCode(sf.text);
    const imports = findImports(sf, ts, this.host.libraryAliases?.(sf));
    const imported = bareModules(imports);
    const style = once(() => styleOf(sf, ts, this.host.codeStyle?.(sf)));
    // App facts come through the host (one path for both front ends); without one, the file alone.
    const appFacts = once(() => this.host.appFacts?.(sf) ?? mergeFacts([fileFacts(sf, ts, imported)], false));
    const versions = once(() => this.host.packageVersions?.(sf) ?? NO_VERSIONS);
    // Methods of `request.session` that write or read a key (@fastify/session's `set`/`get`), by the app's session libraries.
    const requestMethods = once(() => requestSessionMethodsOf(new Set([...imported, ...appFacts().sessionModules])));
    // An app that switches its framework's sessions off (Sails' `.sailsrc` hooks.session: false) and depends on no session
    // library has no sessions: no session of the framework, and its logins (`req.login`, session writes) are none.
    const sessionOff = (m: string) => versions().get(m)?.sessionOff !== undefined;
    const noSessions = once(() => [...versions().values()].some((v) => v.sessionOff?.appSessionLibraries.length === 0));
    const logins = once(() =>
      findLogins(
        noSessions() ? [] : sessionWrites(),
        ts,
        () => ({ ts, style: style(), modules: imported, appPackages: new Set(versions().keys()), express4: isBefore(versions().get(EXPRESS.module), EXPRESS.forwardsRejectionsSince.version) === true, checker, writes: sessionWrites(), requestMethods: requestMethods() }),
        isBefore(versions().get(PASSPORT.module), PASSPORT.regeneratesSince) !== true,
        requestMethods().reads,
      ),
    );
    const mounts = once(() => (relevant ? findMounts(sf, ts, checker, this.evaluator('production')) : []));
    const corsConfigs = once(() => (relevant ? findCorsConfigs(sf, ts, this.evaluator('production')) : []));
    const clientSession = once(() => clientSessionOf(imported, () => appFacts().sessionModules, () => appFacts().clientSideByConfig));
    // On first read: a file without a callback-style library import asks its app's session libraries.
    const sites = relevant ? findSites(sf, ts, evaluator, (library, behaviour) => libraryLacks(library, versions(), behaviour), imported, (pkg) => versions().has(pkg), (m) => (imported.has(m) || versions().has(m)) && !sessionOff(m)) : [];
    // Writes into request sessions, sessions a library call handed out, and what the sites' session callbacks store.
    // On first read (inside a rule's safety boundary): finding a library's session evaluates getters and options.
    const sessionWrites = once(() => (relevant ? findSessionWrites(sf, ts, checker, this.evaluator('production'), callbackSessions(sf, sites, ts), writeCallsOf(sf, (pkg) => versions().has(pkg)), requestMethods()) : []));
    const factoryLibrary = (call: TS.CallExpression) => sites.find((s) => s.call === call)?.library;
    const lifecycleCalls = once(() => (relevant ? findLifecycleCalls(sf, ts, checker, imports, style, () => appFacts().sessionModules, factoryLibrary) : []));
    const libraryLogins = once(() => (relevant && !noSessions() ? findLibraryLogins(sf, ts, this.evaluator('production'), versions().get(PASSPORT.module)) : []));
    model = {
      sourceFile: sf,
      host,
      sites,
      get lifecycleCalls() {
        return lifecycleCalls();
      },
      get sessionWrites() {
        return sessionWrites();
      },
      imports,
      importedModules: imported,
      get logins() {
        return logins();
      },
      get mounts() {
        return mounts();
      },
      get corsConfigs() {
        return corsConfigs();
      },
      get clientSession() {
        return clientSession();
      },
      get appFacts() {
        return appFacts();
      },
      get versions() {
        return versions();
      },
      get libraryLogins() {
        return libraryLogins();
      },
      get style() {
        return style();
      },
      evaluator,
    };
    this.models.set(sf, model);
    return model;
  }

}

/** Bare module specifiers a file imports, requires or re-exports (without `node:`), and their packages. */
export function importedModules(sf: TS.SourceFile, ts: TSModule): Set<string> {
  return bareModules(findImports(sf, ts));
}

const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * A host for one file on its own (ESLint without type information): a program
 * of just that file, no lib, no module resolution. Its checker binds names within
 * the file, so the same evaluator runs; imports of other files stay unknown.
 */
export function singleFileAnalyzer(
  ts: TSModule,
  fileName: string,
  text: string,
  hooks: Pick<EngineHost, 'packageVersions' | 'checkBudget' | 'libraryAliases'> = {},
): { analyzer: Analyzer; sourceFile: TS.SourceFile } {
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
  const analyzer = new Analyzer({ ts, checkerFor: () => checker, crossModule: false, ...hooks });
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
