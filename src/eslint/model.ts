/**
 * The file model for an ESLint rule context, computed once per file and shared
 * by every session-audit rule: from the program typed linting already built when
 * there is one (values then resolve across modules), else from the file's own
 * text parsed by TypeScript (a cheap text test first).
 */
import type { TSESLint } from '@typescript-eslint/utils';
import ts from 'typescript';
import type * as TS from 'typescript';
import { Analyzer, type FileModel, singleFileAnalyzer } from '../analysis/index.js';
import type { TSModule } from '../analysis/host.js';
import { mayHoldSessionCode } from '../analysis/libraries.js';
import { appFilesFor } from '../app-root.js';
import { versionsNear } from './versions.js';

const tsModule = ts as unknown as TSModule;
const byProgram = new WeakMap<TS.Program, Analyzer>();
const bySourceCode = new WeakMap<object, FileModel | null>();

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export function modelFor(context: AnyContext): FileModel | undefined {
  const sourceCode = context.sourceCode;
  const cached = bySourceCode.get(sourceCode);
  if (cached !== undefined) return cached ?? undefined;
  let model: FileModel | null = null;
  const text = sourceCode.text;
  if (mayHoldSessionCode(text)) {
    try {
      model = analyze(context, text);
    } catch {
      // The engine could not take this file (code nested deeper than the parser's stack allows, or an
      // internal error): no session-audit report for it, rather than an exception that stops the whole
      // lint run. The CLI names such a file with the reason (see docs/reliability.md).
      model = null;
    }
  }
  bySourceCode.set(sourceCode, model);
  return model ?? undefined;
}

function analyze(context: AnyContext, text: string): FileModel {
  // getParserServices() throws on espree-parsed files; read the program directly.
  const program = (context.sourceCode.parserServices as { program?: TS.Program | null } | undefined)?.program ?? undefined;
  const typed = program?.getSourceFile(context.filename);
  if (program && typed && typed.text === text) {
    let analyzer = byProgram.get(program);
    if (!analyzer) {
      const p = program;
      analyzer = new Analyzer({ ts: tsModule, checker: p.getTypeChecker(), crossModule: true, appFiles: appFilesFor(() => p.getSourceFiles()), packageVersions: versionsNear });
      byProgram.set(program, analyzer);
    }
    return analyzer.analyze(typed);
  }
  const { analyzer, sourceFile } = singleFileAnalyzer(tsModule, context.filename, text, { packageVersions: versionsNear });
  return analyzer.analyze(sourceFile);
}
