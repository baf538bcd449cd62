/**
 * Project files the typed program does not hold, for the engine (`EngineHost.loadFile`): a
 * file whose path the code computes (`require(path.join(__dirname, 'config', name))`), or the
 * JavaScript implementation beside a declaration file (a program that includes `config.d.ts`
 * leaves `config.js` out). A file of the program is used as it is; another is read from disk
 * (a regular file of at most 4 MB whose real path stays inside the project's top folder, as
 * versions.ts reads), parsed, and bound in a program of its own, whose checker
 * `checkerFor` returns for it. Parsed files are kept with the program.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { TSModule } from '../analysis/host.js';
import { AppRoots } from '../app-root.js';
import { projectTop } from './versions.js';

const MAX_BYTES = 4 * 1024 * 1024;
const SCRIPT = /\.(?:[cm]?[jt]sx?|json)$/i;

export interface ProgramFiles {
  loadFile(fileName: string): TS.SourceFile | undefined;
  checkerFor(sf: TS.SourceFile): TS.TypeChecker;
  appRoot(sf: TS.SourceFile): string;
}

export function programFiles(ts: TSModule, program: TS.Program): ProgramFiles {
  let checker: TS.TypeChecker | undefined;
  const programChecker = () => (checker ??= program.getTypeChecker());
  const loaded = new Map<string, { sf: TS.SourceFile; checker: TS.TypeChecker } | null>();
  const checkers = new WeakMap<TS.SourceFile, TS.TypeChecker>();
  const apps = new AppRoots(program.getCurrentDirectory());
  let top: string | undefined;
  const projectTopReal = () => {
    if (top === undefined) {
      const t = projectTop(path.resolve(program.getCurrentDirectory()));
      top = safeRealpath(t) ?? t;
    }
    return top;
  };
  const read = (file: string): string | undefined => {
    const real = safeRealpath(file);
    if (real === undefined || !inside(real, projectTopReal())) return undefined;
    try {
      const st = statSync(real);
      return st.isFile() && st.size <= MAX_BYTES ? readFileSync(real, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  const bindAlone = (file: string, text: string): { sf: TS.SourceFile; checker: TS.TypeChecker } => {
    const json = /\.json$/i.test(file);
    const kind = json ? ts.ScriptKind.JSON : /\.[cm]?tsx?$/i.test(file) ? (/x$/i.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS) : ts.ScriptKind.JSX;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const options: TS.CompilerOptions = { allowJs: true, noLib: true, noResolve: true, types: [], noEmit: true, target: ts.ScriptTarget.Latest, module: ts.ModuleKind.ESNext };
    const host: TS.CompilerHost = {
      getSourceFile: (f) => (f === file ? sf : undefined),
      getDefaultLibFileName: () => 'lib.d.ts',
      writeFile: () => undefined,
      getCurrentDirectory: () => path.dirname(file),
      getCanonicalFileName: (f) => f,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => '\n',
      fileExists: (f) => f === file,
      readFile: (f) => (f === file ? text : undefined),
    };
    const p = ts.createProgram({ rootNames: [file], options, host });
    return { sf: p.getSourceFile(file) ?? sf, checker: p.getTypeChecker() };
  };
  return {
    loadFile(fileName) {
      if (!SCRIPT.test(fileName) || /\.d\.[cm]?ts$/i.test(fileName) || /[\\/]node_modules[\\/]/.test(fileName)) return undefined;
      const inProgram = program.getSourceFile(fileName);
      if (inProgram) return inProgram.isDeclarationFile ? undefined : inProgram;
      let entry = loaded.get(fileName);
      if (entry === undefined) {
        const text = read(fileName);
        entry = text === undefined ? null : bindAlone(fileName, text);
        loaded.set(fileName, entry);
        if (entry) checkers.set(entry.sf, entry.checker);
      }
      return entry?.sf;
    },
    checkerFor: (sf) => checkers.get(sf) ?? programChecker(),
    appRoot: (sf) => apps.of(sf.fileName),
  };
}

function inside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function safeRealpath(f: string): string | undefined {
  try {
    return realpathSync(f);
  } catch {
    return undefined;
  }
}
