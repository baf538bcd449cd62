/**
 * The parser of session-audit's configs, so that `[sessionAudit.configs.recommended]` lints
 * every JavaScript and TypeScript extension with no other config block (ESLint's default
 * parser, espree, cannot read TypeScript, and a config object has one parser for all its files):
 *
 * - TypeScript files (`.ts .mts .cts .tsx`): `@typescript-eslint/parser`, loaded on the first
 *   one (a JavaScript-only project never loads it, nor TypeScript through it). The project's own
 *   copy when it has one of the same major version (resolved from ESLint's working folder: the
 *   copy typescript-eslint's configs use, with the project's TypeScript), else this package's
 *   dependency (8.72.0). So a project that uses typescript-eslint gets the parser it configured,
 *   whichever block comes last, and its typed rules never see a program of another TypeScript.
 * - JavaScript files: what ESLint would use without us, espree (ESLint's own copy), with JSX on
 *   for `.jsx`; or, when the project asks for type information (`parserOptions.projectService`
 *   or `project`, which only typescript-eslint's parser gives), the TypeScript parser.
 *
 * The options are the project's (`languageOptions.parserOptions` merge across config blocks):
 * typed linting switches on cross-module reading. A block of the project's own that sets
 * another parser replaces this one for the files it matches when it comes after.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { TS_EXTENSIONS } from '../source-files.js';
import { PACKAGE } from '../version.js';

type ParseResult = { ast: unknown; scopeManager?: unknown; services?: any; visitorKeys?: any };

/** What ESLint calls (typed loosely, as ESLint's and typescript-eslint's config types both take it). */
export interface SessionAuditParser {
  readonly meta: { readonly name: string; readonly version: string };
  parseForESLint(text: string, options?: any): ParseResult;
}

interface TypeScriptParserModule {
  parseForESLint(text: string, options?: unknown): ParseResult;
}
interface EspreeModule {
  parse(text: string, options?: unknown): unknown;
}

const TS_PARSER = '@typescript-eslint/parser';
const own = createRequire(import.meta.url);
let tsParser: TypeScriptParserModule | undefined;
let espree: EspreeModule | undefined;

function majorOf(pkg: unknown): string | undefined {
  const version = (pkg as { version?: unknown } | undefined)?.version;
  return typeof version === 'string' ? version.split('.')[0] : undefined;
}

/** The project's `@typescript-eslint/parser` (same major version), else ours. */
function loadTypeScriptParser(cwd: string = process.cwd()): TypeScriptParserModule {
  if (tsParser) return tsParser;
  try {
    const fromProject = createRequire(path.join(cwd, 'package.json'));
    const major = majorOf(fromProject(`${TS_PARSER}/package.json`));
    if (major !== undefined && major === majorOf(own(`${TS_PARSER}/package.json`))) tsParser = fromProject(TS_PARSER) as TypeScriptParserModule;
  } catch {
    // not installed in the project (or not resolvable from its folder): ours below
  }
  tsParser ??= own(TS_PARSER) as TypeScriptParserModule;
  return tsParser;
}

/** ESLint's own espree (ESLint is a peer dependency: resolved from where ESLint is). */
function loadEspree(): EspreeModule {
  if (espree) return espree;
  let eslint: string;
  try {
    eslint = own.resolve('eslint');
  } catch {
    eslint = createRequire(path.join(process.cwd(), 'package.json')).resolve('eslint');
  }
  espree = createRequire(eslint)('espree') as EspreeModule;
  return espree;
}

function isTypeScript(file: unknown): boolean {
  if (typeof file !== 'string') return false;
  const lower = file.toLowerCase();
  return TS_EXTENSIONS.some((e) => lower.endsWith(e));
}

export const sessionAuditParser: SessionAuditParser = {
  meta: { name: `${PACKAGE.name}/parser`, version: PACKAGE.version },
  parseForESLint(text, options = {}) {
    const o = options as { filePath?: unknown; project?: unknown; projectService?: unknown; ecmaFeatures?: Record<string, unknown> };
    if (isTypeScript(o.filePath) || o.projectService || o.project) return loadTypeScriptParser().parseForESLint(text, options);
    const jsx = typeof o.filePath === 'string' && o.filePath.toLowerCase().endsWith('.jsx');
    // Scope and visitor keys: ESLint computes them for espree's tree, as it does with no parser set.
    return { ast: loadEspree().parse(text, jsx ? { ...o, ecmaFeatures: { jsx: true, ...o.ecmaFeatures } } : o) };
  },
};
