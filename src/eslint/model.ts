/**
 * The file model for an ESLint rule context, computed once per file and shared
 * by every session-audit rule: from the program typed linting already built when
 * there is one (values then resolve across modules), else from the file's own
 * text parsed by TypeScript (a cheap text test first).
 *
 * TypeScript is loaded only when a file needs it (its text passes the prefilter):
 * an editor on a project without session code never loads it (docs/performance.md).
 *
 * The analysis of a file has the CLI's time budget (SESSION_AUDIT_FILE_TIMEOUT_MS,
 * default 30 s), spent over the model and every rule's run on it: when it runs out, the
 * file gets one "analysis stopped" diagnostic (from the first rule that sees it), not one
 * per rule, and no other session-audit report.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { DEFAULT_FILE_TIMEOUT_MS, TimeBudget, isBudgetStop } from '../analysis/budget.js';
import type { TSModule } from '../analysis/host.js';
import { Analyzer, type FileModel, singleFileAnalyzer } from '../analysis/index.js';
import { mayHoldSessionCode } from '../analysis/libraries.js';
import { type AppFactsIndex, programAppFacts } from '../app-root.js';
import { programFiles } from './project-files.js';
import { forksNear, versionsNear } from './versions.js';
import { type LibraryAliases, mentionsAlias, mergeAliases, parseLibraryMapping } from '../analysis/library-aliases.js';
import { installedTypeScript } from '../typescript.js';

const typescript = installedTypeScript;

/** SESSION_AUDIT_FILE_TIMEOUT_MS, as the CLI reads it (an invalid value: the default; ESLint has no usage errors of ours). */
function fileTimeoutMs(): number {
  const raw = process.env.SESSION_AUDIT_FILE_TIMEOUT_MS;
  return raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : DEFAULT_FILE_TIMEOUT_MS;
}

/** One budget for the plugin: files are linted one at a time. */
const budget = new TimeBudget({ fileMs: fileTimeoutMs() });

const byProgram = new WeakMap<TS.Program, Analyzer>();
/** The settings' mapping an analyzer was made with (a program linted with another mapping gets a new analyzer). */
const analyzerMapping = new WeakMap<Analyzer, LibraryAliases | undefined>();

interface FileState {
  readonly model: FileModel | null;
  /** Why the analysis stopped (the time budget), until a rule reports it. */
  stopped?: string;
  /** The budget's key for this file (each lint of a file starts afresh). */
  readonly key: string;
}

const bySourceCode = new WeakMap<object, FileState>();
let lints = 0;

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

function modelFor(context: AnyContext): FileModel | undefined {
  return stateOf(context).model ?? undefined;
}

function stateOf(context: AnyContext): FileState {
  const sourceCode = context.sourceCode;
  const cached = bySourceCode.get(sourceCode);
  if (cached) return cached;
  // Files are linted one at a time: a new one means the last one is done.
  budget.clear();
  const key = `${++lints}\u0000${context.filename}`;
  let model: FileModel | null = null;
  let stopped: string | undefined;
  const text = sourceCode.text;
  const mapped = mappedLibraries(context.settings);
  if (mayHoldSessionCode(text) || mentionsAlias(text, mapped)) {
    budget.start(key);
    try {
      model = analyze(context, text);
    } catch (e) {
      // The engine could not take this file (code nested deeper than the parser's stack allows, or an
      // internal error): no session-audit report for it, rather than an exception that stops the whole
      // lint run. The CLI names such a file with the reason (see docs/reliability.md). A stop of the
      // time budget is reported once for the file.
      model = null;
      if (isBudgetStop(e)) stopped = stoppedMessage(e);
    } finally {
      budget.stop();
    }
  }
  const state: FileState = { model, stopped, key };
  bySourceCode.set(sourceCode, state);
  return state;
}

function stoppedMessage(e: Error): string {
  return `session-audit: ${e.message}: the file is too large or too complex to analyze in time (SESSION_AUDIT_FILE_TIMEOUT_MS raises the limit)`;
}

/**
 * One rule's work on a file's model, under the file's time budget: the findings, or
 * undefined when the analysis stopped (the file's model could not be computed, or the
 * budget ran out during this rule). `stopped` is the file's "analysis stopped" message,
 * given to the first rule that sees it and to no other.
 */
export function withModel<T>(context: AnyContext, work: (model: FileModel) => T): { value?: T; stopped?: string } {
  const state = stateOf(context);
  const take = (): string | undefined => {
    const message = state.stopped;
    state.stopped = undefined;
    return message;
  };
  if (!state.model) return { stopped: take() };
  budget.start(state.key);
  try {
    return { value: work(state.model) };
  } catch (e) {
    if (!isBudgetStop(e)) throw e;
    // Out of time during this rule: no rule reports for this file any more (its model is dropped).
    (state as { model: FileModel | null }).model = null;
    state.stopped = stoppedMessage(e);
    return { stopped: take() };
  } finally {
    budget.stop();
  }
}

const mappings = new WeakMap<object, LibraryAliases | undefined>();

/**
 * `settings: { 'session-audit': { libraries: { '@acme/session': 'express-session' } } }`: modules mapped
 * to a session library (library-aliases.ts). A bad mapping is a configuration error: it throws with
 * the problems on one line, as the CLI stops with exit code 2.
 */
function mappedLibraries(settings: Readonly<Record<string, unknown>> | undefined): LibraryAliases | undefined {
  const ours = settings?.['session-audit'];
  if (typeof ours !== 'object' || ours === null || !('libraries' in ours)) return undefined;
  if (mappings.has(ours)) return mappings.get(ours);
  const { aliases, problems } = parseLibraryMapping((ours as { libraries: unknown }).libraries, "settings['session-audit'].libraries");
  if (problems.length > 0) throw new Error(`session-audit: ${problems.join('; ')}`);
  mappings.set(ours, aliases);
  return aliases;
}

/**
 * The model of another file of the program typed linting built (the file that defines a value a
 * finding is about); undefined without types or outside the program.
 */
export function modelOfFile(context: AnyContext, fileName: string): FileModel | undefined {
  const program = (context.sourceCode.parserServices as { program?: TS.Program | null } | undefined)?.program ?? undefined;
  const analyzer = program && byProgram.get(program);
  const sf = program?.getSourceFile(fileName);
  return analyzer && sf ? analyzer.analyze(sf) : undefined;
}

function analyze(context: AnyContext, text: string): FileModel {
  const mapped = mappedLibraries(context.settings);
  const libraryAliases = (sf: TS.SourceFile) => mergeAliases(forksNear(sf), mapped);
  // getParserServices() throws on espree-parsed files; read the program directly.
  const program = (context.sourceCode.parserServices as { program?: TS.Program | null } | undefined)?.program ?? undefined;
  const typed = program?.getSourceFile(context.filename);
  if (program && typed && typed.text === text) {
    let analyzer = byProgram.get(program);
    if (!analyzer || analyzerMapping.get(analyzer) !== mapped) {
      const ts = typescript();
      // Files the program does not hold (computed module paths, an implementation beside its .d.ts) are read on demand.
      const files = programFiles(ts, program);
      let facts: AppFactsIndex | undefined;
      analyzer = new Analyzer({
        ts,
        checkerFor: files.checkerFor,
        crossModule: true,
        loadFile: files.loadFile,
        appRoot: files.appRoot,
        appFacts: (sf) => (facts ??= programAppFacts(ts, program, libraryAliases)).of(sf.fileName),
        checkBudget: budget.check,
        packageVersions: versionsNear,
        libraryAliases,
      });
      analyzerMapping.set(analyzer, mapped);
      byProgram.set(program, analyzer);
    }
    return analyzer.analyze(typed);
  }
  const { analyzer, sourceFile } = singleFileAnalyzer(typescript(), context.filename, text, { checkBudget: budget.check, packageVersions: versionsNear, libraryAliases });
  return analyzer.analyze(sourceFile);
}
