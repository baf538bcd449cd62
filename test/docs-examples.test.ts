// The code examples of every rule page are run through the rule they document:
// an example shown as incorrect (❌) must be reported, one shown as correct (✅) must not be.
//
// Conventions (docs/rules/<id>.md, outside the generated header):
// - A ```js or ```ts block after a line that starts with "❌" ("❌ Incorrect") or "✅"
//   ("✅ Correct"), within the same section, holds examples of that kind. A blank line
//   between top-level statements starts a new example; each example is analyzed on its own.
// - An example whose first line is a comment starting with ❌ or ✅ (`// ❌ keys in the
//   source`) has that kind, whatever the block's label: one block can hold a ❌/✅ pair.
// - When a block holds several examples and its first one only sets up (imports, `require`s,
//   `const app = express()`, `fastify.register(fastifyCookie)`, `const secret = process.env.S`:
//   names, and calls whose arguments are names or strings), that first one is a prelude: it
//   is put in front of every other example of the block and is not an example itself.
// - Each example must hold session code the engine sees (a session middleware, a write into
//   or a method call on `req.session`, or a session library import): a ✅ that never reaches
//   the rule proves nothing. Examples are analyzed with only the page's rule, as
//   `analyzeText` does (one file, plain ESLint's view) unless marked as a whole app.
// - HTML comments on the lines just before a block:
//   `<!-- options: [{...}] -->`     the rule's options for the block's examples;
//   `<!-- checked as a whole app -->` the example is the whole app (as the CLI sees a one-file
//                                   app), for rules that need app facts;
//   `<!-- not checked: reason -->`  excluded (a cross-module example); counted and kept few;
//   `<!-- known gap: reason -->`    the rule disagrees with the example (a rule bug): excluded
//                                   from the checks, but the disagreement must still be there,
//                                   so that fixing the rule reminds us to drop the marker.
// Every js/ts block of a page must be checked or excluded, except those under "## Options".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { programAppFacts } from '../src/app-root.js';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { Analyzer, singleFileAnalyzer } from '../src/analysis/index.js';
import type { TSModule } from '../src/analysis/host.js';
import { EXPRESS_SESSION, LIBRARIES } from '../src/analysis/libraries.js';
import { analyzeText, checkModel, type Finding, type RuleSelection } from '../src/api.js';

const root = join(import.meta.dirname, '..');

/** Most cross-module examples can be written in one module; only a few may stay unchecked. */
const MAX_NOT_CHECKED = 4;

type Kind = 'bad' | 'good';

interface Block {
  readonly page: string;
  readonly line: number;
  readonly lang: 'js' | 'ts';
  readonly code: string;
  readonly section: string;
  readonly label?: Kind;
  readonly options?: readonly unknown[];
  readonly wholeApp: boolean;
  readonly notChecked?: string;
  readonly knownGap?: string;
}

interface Example {
  readonly block: Block;
  /** 1-based line of the example's first line in the page. */
  readonly line: number;
  readonly kind: Kind | undefined;
  readonly text: string;
}

const LANGS: Record<string, 'js' | 'ts'> = { js: 'js', javascript: 'js', jsx: 'js', mjs: 'js', cjs: 'js', ts: 'ts', typescript: 'ts', tsx: 'ts' };
const kindOf = (s: string): Kind | undefined => (s.startsWith('❌') ? 'bad' : s.startsWith('✅') ? 'good' : undefined);

/** The js/ts code blocks of a page, with the label, section and markers that apply to each. */
function blocksOf(page: string, text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let section = '';
  let label: Kind | undefined;
  let markers: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^```(\w*)\s*$/.exec(line);
    if (fence) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
      const lang = LANGS[fence[1]!.toLowerCase()];
      if (lang) {
        const marker = (name: string) => markers.map((m) => new RegExp(`^<!--\\s*${name}:?\\s*(.*?)\\s*-->$`).exec(m)).find(Boolean)?.[1];
        const options = marker('options');
        blocks.push({
          page,
          line: start + 1,
          lang,
          code: body.join('\n'),
          section,
          label,
          options: options ? (JSON.parse(options) as unknown[]) : undefined,
          wholeApp: marker('checked as a whole app') !== undefined,
          notChecked: marker('not checked'),
          knownGap: marker('known gap'),
        });
      }
      markers = [];
      continue;
    }
    if (line.startsWith('#')) {
      section = line;
      label = undefined;
      markers = [];
    } else if (kindOf(line.trim())) {
      label = kindOf(line.trim());
      markers = [];
    } else if (/^<!--.*-->\s*$/.test(line.trim()) && !line.includes('auto-generated')) markers.push(line.trim());
    else if (line.trim() !== '') markers = [];
  }
  return blocks;
}

/** A name, or a property of one (`process.env.SESSION_KEY`). */
function isName(e: ts.Expression): boolean {
  while (ts.isPropertyAccessExpression(e)) e = e.expression;
  return ts.isIdentifier(e);
}

/** A name, or a call or `new` that only wires things up: its arguments are names or strings. */
function isSetup(e: ts.Expression): boolean {
  while (ts.isAwaitExpression(e) || ts.isPropertyAccessExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) return true;
  if (!ts.isCallExpression(e) && !ts.isNewExpression(e)) return false;
  return (e.arguments ?? []).every((a) => isName(a) || ts.isStringLiteral(a)) && isSetup(e.expression);
}

function isPreludeStatement(s: ts.Statement): boolean {
  if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)) return true;
  if (ts.isVariableStatement(s)) return s.declarationList.declarations.every((d) => d.initializer !== undefined && isSetup(d.initializer));
  if (ts.isExpressionStatement(s)) return ts.isCallExpression(s.expression) && isSetup(s.expression);
  return false;
}

/** A block's examples: its top-level statements grouped at blank lines, with the shared prelude in front. */
function examplesOf(block: Block): Example[] {
  const sf = ts.createSourceFile(`block.${block.lang}`, block.code, ts.ScriptTarget.Latest, true, block.lang === 'ts' ? ts.ScriptKind.TS : ts.ScriptKind.JSX);
  const groups: { start: number; statements: ts.Statement[] }[] = [];
  let prevEnd = 0;
  for (const s of sf.statements) {
    const gap = block.code.slice(prevEnd, s.getStart(sf));
    const blank = [...gap.matchAll(/\n[ \t]*\n/g)].pop();
    if (groups.length === 0 || blank) groups.push({ start: groups.length === 0 ? 0 : prevEnd + blank!.index + blank![0].length, statements: [] });
    groups.at(-1)!.statements.push(s);
    prevEnd = s.getEnd();
  }
  const parts = groups.map((g, i) => {
    const text = block.code.slice(g.start, groups[i + 1]?.start ?? block.code.length).trim();
    return { text, statements: g.statements, line: block.line + 1 + block.code.slice(0, g.start).split('\n').length - 1, kind: kindOf(/^\/\/\s*(.*)/.exec(text)?.[1] ?? '') };
  });
  const prelude = parts.length > 1 && parts[0]!.kind === undefined && parts[0]!.statements.every(isPreludeStatement) ? parts.shift()!.text : undefined;
  return parts.map((p) => ({ block, line: p.line, kind: p.kind ?? block.label, text: prelude ? `${prelude}\n\n${p.text}\n` : `${p.text}\n` }));
}

/** The example as the whole app: a one-file program whose app is that file (as the CLI sees it). */
function analyzeAsApp(text: string, fileName: string, selection: RuleSelection): Finding[] {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JSX);
  const host: ts.CompilerHost = {
    getSourceFile: (f) => (f === fileName ? sourceFile : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (f) => f === fileName,
    readFile: (f) => (f === fileName ? text : undefined),
  };
  const program = ts.createProgram({ rootNames: [fileName], options: { allowJs: true, noLib: true, noResolve: true, types: [], noEmit: true }, host });
  const sf = program.getSourceFile(fileName)!;
  const checker = program.getTypeChecker();
  // The whole app is this one file: its facts are complete.
  const facts = programAppFacts(ts, program);
  const analyzer = new Analyzer({ ts, checkerFor: () => checker, crossModule: true, appFacts: (f) => facts.of(f.fileName) });
  return checkModel(analyzer.analyze(sf), selection);
}

function findingsOf(id: string, ex: Example): Finding[] {
  const file = `/app/example.${ex.block.lang}`;
  const selection: RuleSelection = { rules: { [id]: ex.block.options ?? true } };
  return ex.block.wholeApp ? analyzeAsApp(ex.text, file, selection) : analyzeText(ex.text, file, selection);
}

/** The engine sees a session middleware, a session write, a session method call or a session library import in the example. */
function holdsSessionCode(ex: Example): boolean {
  const { analyzer, sourceFile } = singleFileAnalyzer(ts as unknown as TSModule, `/app/example.${ex.block.lang}`, ex.text);
  const model = analyzer.analyze(sourceFile);
  return model.sites.length + model.sessionWrites.length + model.lifecycleCalls.length + model.appFacts.sessionModules.size > 0;
}

/** Does the rule agree with the example? */
function agrees(id: string, ex: Example): { ok: boolean; findings: Finding[] } {
  const findings = findingsOf(id, ex);
  return { ok: ex.kind === 'bad' ? findings.length > 0 : findings.length === 0, findings };
}

function describeFailure(id: string, ex: Example, findings: Finding[]): string {
  const where = `docs/rules/${id}.md:${ex.line}`;
  const what = ex.kind === 'bad' ? 'is shown as incorrect (❌) but is not reported' : `is shown as correct (✅) but is reported: ${findings.map((f) => f.message).join(' | ')}`;
  return `${where}: the example ${what}\n---\n${ex.text}---`;
}

const pages = rules.map((r) => {
  const text = readFileSync(join(root, 'docs/rules', `${r.id}.md`), 'utf8');
  const blocks = blocksOf(r.id, text);
  return { rule: r, text, blocks };
});

/** Blocks under "## Options" show configuration, not code to analyze (unless marked ❌ or ✅). */
const isOptionsExample = (ex: Example) => ex.block.section.startsWith('## Options') && ex.kind === undefined;

const checked = pages.flatMap((p) =>
  p.blocks
    .filter((b) => b.notChecked === undefined && b.knownGap === undefined)
    .flatMap((b) => examplesOf(b).filter((ex) => !isOptionsExample(ex)).map((ex) => [p.rule.id, ex] as const)),
);

describe('docs examples', () => {
  for (const page of pages) {
    const id = page.rule.id;
    const examples = checked.filter(([r]) => r === id).map(([, ex]) => ex);
    describe(id, () => {
      it.each(examples.map((ex) => [`line ${ex.line} ${ex.kind === 'bad' ? '❌' : ex.kind === 'good' ? '✅' : '?'}`, ex] as const))('%s', (_, ex) => {
        expect(ex.kind, `docs/rules/${id}.md:${ex.line}: an example in a checked block needs ❌ or ✅ (a label line before the block, or a first-line comment)`).toBeDefined();
        expect(holdsSessionCode(ex), `docs/rules/${id}.md:${ex.line}: the example holds no session code the engine sees (a missing import?), so checking it proves nothing\n---\n${ex.text}---`).toBe(true);
        const { ok, findings } = agrees(id, ex);
        expect(ok, describeFailure(id, ex, findings)).toBe(true);
      });

      it('shows both an incorrect and a correct example that are checked', () => {
        expect(examples.filter((ex) => ex.kind === 'bad').length).toBeGreaterThan(0);
        expect(examples.filter((ex) => ex.kind === 'good').length).toBeGreaterThan(0);
      });

      it('every code block is checked, excluded with a reason, or an options example', () => {
        for (const b of page.blocks) {
          if (b.notChecked !== undefined || b.knownGap !== undefined || b.section.startsWith('## Options')) continue;
          const exs = examplesOf(b);
          expect(exs.length, `docs/rules/${id}.md:${b.line}: a code block without examples`).toBeGreaterThan(0);
          for (const ex of exs) expect(ex.kind, `docs/rules/${id}.md:${ex.line}: a code block outside "## Options" with neither ❌ nor ✅`).toBeDefined();
        }
        for (const b of page.blocks) {
          if (b.notChecked !== undefined) expect(b.notChecked, `docs/rules/${id}.md:${b.line}: say why the block is not checked`).not.toBe('');
        }
      });

      const gaps = page.blocks.filter((b) => b.knownGap !== undefined);
      if (gaps.length > 0) {
        it.each(gaps.map((b) => [`line ${b.line}`, b] as const))('known gap at %s is still there (drop the marker once the rule is fixed)', (_, b) => {
          expect(b.knownGap, `docs/rules/${id}.md:${b.line}: describe the gap`).not.toBe('');
          const results = examplesOf(b).map((ex) => agrees(id, ex));
          expect(results.some((r) => !r.ok)).toBe(true);
        });
      }

      // The generated header lists the libraries the rule applies to; the page shows each of them.
      const applies = page.rule.libraryOption ? LIBRARIES.filter((l) => l !== EXPRESS_SESSION && page.rule.libraryOption!(l)) : [];
      if (applies.length > 0) {
        it('has an "Other libraries" section that covers each library of the header table', () => {
          const start = page.text.indexOf('\n## Other libraries');
          expect(start, `docs/rules/${id}.md: no "## Other libraries" section`).toBeGreaterThan(-1);
          const end = page.text.indexOf('\n## ', start + 1);
          const section = page.text.slice(start, end === -1 ? undefined : end);
          for (const lib of applies) {
            const name = lib.factories.some((f) => f.via === 'keys') ? 'app.keys' : lib.displayName;
            expect(section, `docs/rules/${id}.md: "## Other libraries" does not mention ${name}`).toContain(name);
          }
        });
      }
    });
  }

  it('keeps exclusions few', () => {
    const blocks = pages.flatMap((p) => p.blocks);
    const notChecked = blocks.filter((b) => b.notChecked !== undefined);
    const gaps = blocks.filter((b) => b.knownGap !== undefined);
    expect(notChecked.length, `blocks not checked: ${notChecked.map((b) => `${b.page}.md:${b.line}`).join(', ')}`).toBeLessThanOrEqual(MAX_NOT_CHECKED);
    // Reported for the record: how much of the docs the checks cover.
    console.info(`docs examples: ${checked.length} checked (${checked.filter(([, e]) => e.kind === 'bad').length} ❌, ${checked.filter(([, e]) => e.kind === 'good').length} ✅), ${notChecked.length} blocks not checked, ${gaps.length} known gaps`);
  });
});
