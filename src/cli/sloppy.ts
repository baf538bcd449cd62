/**
 * Sloppy-mode JavaScript that Node runs and TypeScript's parser does not accept as is
 * (ECMAScript Annex B): legacy octal literals (`010`), decimals with a leading zero (`08`),
 * octal and `\8` `\9` escapes in strings (`"\033[0m"`), and HTML-like comments (`<!--` and
 * a `-->` at the start of a line) in CommonJS files. TypeScript still reads the first four
 * into a complete tree (with a diagnostic); the comments it reads as operators, so they are
 * masked first: `<!--` becomes `//--` and `-->` becomes `//>`, the same length, so every
 * offset stays the same.
 *
 * Only where Node accepts them: in a CommonJS file (`.cjs`, or `.js` outside a package
 * whose package.json says `"type": "module"`) without ESM syntax; the number and escape
 * forms only outside strict mode (no `"use strict"` directive at the top).
 */
import type * as TS from 'typescript';
import type { TSModule } from '../analysis/host.js';

/** TypeScript's parse diagnostics for legacy forms that sloppy-mode JavaScript allows. */
const SLOPPY_ONLY = new Set([
  1121, // Octal literals are not allowed.
  1487, // Octal escape sequences are not allowed.
  1488, // Escape sequence '\8' is not allowed.
  1489, // Decimals with leading zeros are not allowed.
]);

/** A file Node loads as CommonJS (by its extension and its package's type). */
export function isCommonJsFile(file: string, packageType: (file: string) => string | undefined): boolean {
  const f = file.toLowerCase();
  if (f.endsWith('.cjs')) return true;
  return f.endsWith('.js') && packageType(file) !== 'module';
}

/** Whether a file has import or export declarations (TypeScript's own indicator also marks every `.cjs` file a module). */
function hasEsmSyntax(ts: TSModule, sf: TS.SourceFile): boolean {
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) || ts.isExportDeclaration(st) || ts.isExportAssignment(st)) return true;
    if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  }
  return false;
}

/** Whether a parsed CommonJS file is sloppy-mode script code: no ESM syntax and no "use strict" directive. */
function isSloppy(ts: TSModule, sf: TS.SourceFile): boolean {
  if (hasEsmSyntax(ts, sf)) return false;
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) break;
    if (st.expression.text === 'use strict') return false;
  }
  return true;
}

/** Whether a parse diagnostic of a CommonJS file is one Node does not raise for it. */
export function acceptedBySloppyMode(ts: TSModule, sf: TS.SourceFile, d: TS.Diagnostic): boolean {
  return SLOPPY_ONLY.has(d.code) && isSloppy(ts, sf);
}

/** Where an HTML-like comment may start: `<!--` anywhere, `-->` first on its line (after blanks). */
const HTML_COMMENT = /<!--|^[ \t]*-->/gm;

/** At most this many comments are masked in a file (each costs a parse). */
const MAX_MASKED = 20;

/**
 * Parses a CommonJS file, with its HTML-like comments masked when it has any in code (not
 * in a string, template, regular expression or comment). Each candidate is judged on the
 * tree of the text masked so far, which is right up to it; the masked text is kept only
 * when its tree is still script code (ESM syntax: Node would reject the comments).
 */
export function parseCommonJs(ts: TSModule, fileName: string, text: string, parse: (text: string) => TS.SourceFile): TS.SourceFile {
  const first = parse(text);
  if (!text.includes('<!--') && !text.includes('-->')) return first;
  let sf = first;
  let current = text;
  let masked = 0;
  for (const m of text.matchAll(HTML_COMMENT)) {
    if (masked >= MAX_MASKED) break;
    const at = m.index! + m[0].length - (m[0].endsWith('<!--') ? 4 : 3);
    if (!inCode(ts, sf, at)) continue;
    const open = current.startsWith('<!--', at);
    current = current.slice(0, at) + (open ? '//--' : '//>') + current.slice(at + (open ? 4 : 3));
    sf = parse(current);
    masked++;
  }
  if (masked === 0 || hasEsmSyntax(ts, sf)) return first;
  return sf;
}

const NOT_CODE = new Set<number>();

/** Whether `pos` lies in code: not inside a literal's text or a comment. */
function inCode(ts: TSModule, sf: TS.SourceFile, pos: number): boolean {
  const k = ts.SyntaxKind;
  if (NOT_CODE.size === 0) {
    for (const kind of [k.StringLiteral, k.NoSubstitutionTemplateLiteral, k.TemplateHead, k.TemplateMiddle, k.TemplateTail, k.RegularExpressionLiteral, k.JsxText, k.JsxTextAllWhiteSpaces]) NOT_CODE.add(kind);
  }
  // The smallest node whose range (leading trivia included) holds `pos`, found without recursion.
  let node: TS.Node = sf;
  for (;;) {
    let next: TS.Node | undefined;
    ts.forEachChild(node, (c) => {
      if (c.pos <= pos && pos < c.end) next = c;
      return next;
    });
    if (!next) break;
    node = next;
  }
  if (NOT_CODE.has(node.kind) && pos >= node.getStart(sf)) return false;
  // `pos` is in the node's own tokens or trivia: scan the gap between its children that holds it.
  let from = node.pos;
  let to = node.end;
  ts.forEachChild(node, (c) => {
    if (c.end <= pos && c.end > from) from = c.end;
    if (c.pos > pos && c.pos < to) to = c.pos;
  });
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, sf.text, undefined, from, to - from);
  for (let t = scanner.scan(); t !== k.EndOfFileToken; t = scanner.scan()) {
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    if (start > pos) break;
    if (pos < end) return t !== k.SingleLineCommentTrivia && t !== k.MultiLineCommentTrivia;
  }
  return true;
}
