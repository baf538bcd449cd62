/**
 * What the engine is given: the TypeScript namespace that made the nodes and a
 * type checker over them. The CLI passes ts-morph's copy and a whole-program
 * checker; typed ESLint passes the installed `typescript` and the program ESLint
 * built; untyped ESLint passes a checker over a one-file program (see single-file.ts).
 *
 * Nothing here may import `typescript` at run time: nodes of one copy must never meet
 * functions of another.
 */
import type * as TS from 'typescript';
import type { AppFacts } from './app-facts.js';
import type { LibraryAliases } from './library-aliases.js';
import type { PackageVersions } from './package-versions.js';
import type { StyleSettings } from './style.js';

/**
 * TypeScript as the engine uses it: everything but the transformation API (`visit*`),
 * the build-mode hosts and the language server. Both copies the project installs fit
 * this type without a cast: the `typescript` package and ts-morph's bundled copy, pinned
 * to one version (test/package/compiler.test.ts). Their declarations differ only by a
 * brand ts-morph adds to nodes with type arguments, which makes the left-out members'
 * transformer parameters incompatible; nodes, checkers and every other function match.
 */
export type TSModule = Omit<typeof TS, 'default' | 'server' | `visit${string}` | `createSolutionBuilder${string}`>;

export interface EngineHost {
  readonly ts: TSModule;
  /**
   * The checker that binds a file's names (its own declarations, imports as aliases).
   * A whole program (typed ESLint) has one checker for all its files; the CLI binds the
   * files it analyzes in programs of its own and each module it loads on demand alone
   * (the evaluator asks the checker only about symbols within a file: values from other
   * modules go through `resolveModule` and the evaluator's module evaluation).
   */
  readonly checkerFor: (sf: TS.SourceFile) => TS.TypeChecker;
  /** Whether imports of other project files resolve (a whole program), or the file stands alone. */
  readonly crossModule: boolean;
  /**
   * The facts of the app a file belongs to (src/app-root.ts `AppFactsIndex`: every file
   * under its nearest package.json that may add to them). Absent: the file is judged alone
   * and its facts are incomplete.
   */
  readonly appFacts?: (sf: TS.SourceFile) => AppFacts;
  /**
   * The one way the engine asks for a module: the project file a specifier names, loaded,
   * parsed and bound on first use (the analysis simply continues with it), or undefined
   * for a package, a declaration file or a module that cannot be read. When absent, the
   * checker's symbol for the specifier decides (a whole program). The CLI loads only the
   * modules whose values the analysis reads (see docs/performance.md).
   */
  readonly resolveModule?: (specifier: TS.StringLiteralLike) => TS.SourceFile | undefined;
  /**
   * A project file by its absolute name (a path the code computes: `require(path.join(__dirname,
   * 'config', name))`, or the implementation beside a declaration file), loaded, parsed and
   * bound on first use; undefined when it does not exist, is not a regular file inside the
   * project boundary, or is a declaration file or a package's file. The evaluator tries the
   * names Node would (extensions, `index`); see evaluate-paths.ts. Absent: such paths are unknown.
   */
  readonly loadFile?: (fileName: string) => TS.SourceFile | undefined;
  /**
   * The folder the app is started from (`process.cwd()`): the nearest folder above the file
   * with a package.json. Absent: `process.cwd()` is unknown.
   */
  readonly appRoot?: (sf: TS.SourceFile) => string | undefined;
  /**
   * The versions the file's app uses of the packages the libraries table knows
   * (`VERSIONED_PACKAGES`: package.json, lockfiles, installed packages; see
   * package-versions.ts). Absent or empty: unknown, and rules keep their current behaviour.
   */
  readonly packageVersions?: (sf: TS.SourceFile) => PackageVersions;
  /**
   * Other names of session libraries for a file (library-aliases.ts): forks found by the app's
   * package.json and the user's mapping (`libraries` in the CLI config, ESLint's
   * `settings['session-audit'].libraries`). The engine reads every bare module through them.
   * Absent: none.
   */
  readonly libraryAliases?: (sf: TS.SourceFile) => LibraryAliases | undefined;
  /**
   * Called as the evaluator works; throws (TimeBudgetExceeded, see budget.ts) to stop the
   * analysis of a file that takes too long, or when memory runs short. Absent: no limit.
   */
  readonly checkBudget?: () => void;
  /**
   * What the project's formatter settings say about a file's style (.editorconfig, a JSON
   * Prettier config), read by the front end without running any code. The file's own text
   * wins where it tells; these fill in what it cannot (see style.ts).
   */
  readonly codeStyle?: (sf: TS.SourceFile) => StyleSettings | undefined;
}

/** The host as one file's model sees it: with the checker that binds that file. */
export interface FileHost extends EngineHost {
  readonly checker: TS.TypeChecker;
}

