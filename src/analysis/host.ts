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
import type { StyleSettings } from './style.js';

export type TSModule = typeof TS;

export interface EngineHost {
  readonly ts: TSModule;
  readonly checker: TS.TypeChecker;
  /** Whether imports of other project files resolve (a whole program), or the file stands alone. */
  readonly crossModule: boolean;
  /**
   * The files of the app a file belongs to (everything under its nearest
   * package.json), for app-level facts. Absent: the file is judged alone.
   */
  readonly appFiles?: (sf: TS.SourceFile) => readonly TS.SourceFile[] | undefined;
  /**
   * The facts of the app a file belongs to, computed by the front end (the CLI keeps
   * each file's facts, not its tree). When present, `appFiles` is not used.
   */
  readonly appFacts?: (sf: TS.SourceFile) => AppFacts;
  /**
   * The project file a module specifier names, or undefined for a package, a declaration
   * file or a module that is not (yet) loaded. When absent, the checker's symbol for the
   * specifier decides (a whole program). The CLI resolves on demand: only modules whose
   * values the analysis reads are loaded (see docs/performance.md).
   */
  readonly resolveModule?: (specifier: TS.StringLiteralLike) => TS.SourceFile | undefined;
  /**
   * Called as the evaluator works; throws (TimeBudgetExceeded, see budget.ts) to stop the
   * analysis of a file that takes too long. Absent: no limit.
   */
  readonly checkBudget?: () => void;
  /**
   * What the project's formatter settings say about a file's style (.editorconfig, a JSON
   * Prettier config), read by the front end without running any code. The file's own text
   * wins where it tells; these fill in what it cannot (see style.ts).
   */
  readonly codeStyle?: (sf: TS.SourceFile) => StyleSettings | undefined;
}
