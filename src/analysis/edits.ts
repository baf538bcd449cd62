/**
 * Text edits that remedies are made of. They are computed on the analyzed text
 * and applied by the front ends (ESLint suggestions, `--fix`), never through
 * the AST, so formatting is kept: inserted properties follow the object's layout.
 */
import type * as TS from 'typescript';
import type { TextEdit } from '../rule.js';

export function replaceNode(node: TS.Node, text: string): TextEdit {
  const sf = node.getSourceFile();
  return { file: sf.fileName, start: node.getStart(sf), end: node.getEnd(), text };
}

/**
 * Inserts `key: value` into an object literal, on its own line when the object
 * spans lines (indented like its last property), inline otherwise. Returns the
 * edits (a comma after the last property and the new line may be two edits when
 * a line comment follows the last property).
 */
export function insertProperty(obj: TS.ObjectLiteralExpression, property: string | readonly string[]): TextEdit[] {
  const sf = obj.getSourceFile();
  const texts = typeof property === 'string' ? [property] : property;
  const file = sf.fileName;
  const text = sf.text;
  const props = obj.properties;
  const open = obj.getStart(sf);
  const closeBrace = obj.getEnd() - 1;
  if (props.length === 0) {
    if (text.slice(open + 1, closeBrace).includes('\n')) {
      const indent = lineIndent(text, open);
      const nl = eolOf(text);
      return [{ file, start: open + 1, end: closeBrace, text: `${nl}${indent}  ${texts.join(`,${nl}${indent}  `)},${nl}${indent}` }];
    }
    return [{ file, start: open + 1, end: closeBrace, text: ` ${texts.join(', ')} ` }];
  }
  const last = props[props.length - 1]!;
  const lastEnd = last.getEnd();
  const trailingComma = props.hasTrailingComma;
  const commaEnd = trailingComma ? text.indexOf(',', lastEnd) + 1 : lastEnd;
  const multiline = lineOf(sf, last.getStart(sf)) !== lineOf(sf, closeBrace) && lineOf(sf, open) !== lineOf(sf, last.getStart(sf));
  if (!multiline) {
    return [{ file, start: commaEnd, end: commaEnd, text: trailingComma ? ` ${texts.join(', ')},` : `, ${texts.join(', ')}` }];
  }
  const indent = lineIndent(text, last.getStart(sf));
  const nl = eolOf(text);
  const propertyText = texts.join(`,${nl}${indent}`);
  // Insert at the end of the last property's line, after any line comment.
  const lineEnd = endOfLineIfOnlyComment(text, commaEnd, closeBrace);
  const line = `${nl}${indent}${propertyText}${trailingComma ? ',' : ''}`;
  if (trailingComma) return [{ file, start: lineEnd, end: lineEnd, text: line }];
  if (lineEnd === commaEnd) return [{ file, start: lastEnd, end: lastEnd, text: `,${line}` }];
  return [
    { file, start: lastEnd, end: lastEnd, text: ',' },
    { file, start: lineEnd, end: lineEnd, text: line },
  ];
}

/** End of the line that starts at `from` when only a comment stands there; else `from`. */
function endOfLineIfOnlyComment(text: string, from: number, limit: number): number {
  const nl = text.indexOf('\n', from);
  if (nl === -1 || nl > limit) return from;
  const rest = text.slice(from, nl).replace(/\r$/, '');
  return /^\s*(\/\/.*|\/\*.*\*\/\s*)$/.test(rest) ? from + rest.length : from;
}

function lineOf(sf: TS.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line;
}

/** The file's line ending: CRLF when its first line break is one, else LF. Inserted lines use it. */
function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

export function lineIndent(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const m = /^[ \t]*/.exec(text.slice(lineStart, pos));
  return m ? m[0] : '';
}

/** Whether two nodes are in the same file and `inner` lies within `outer`. */
export function within(inner: TS.Node, outer: TS.Node): boolean {
  if (inner.getSourceFile() !== outer.getSourceFile()) return false;
  return inner.pos >= outer.pos && inner.end <= outer.end;
}

/**
 * Whether a comment stands beside a node: on its line after it (past a comma), or on the
 * line just above it (`// the OAuth flow needs it` over `saveUninitialized: true`). A
 * comment there explains a deliberate choice, which a remedy must not silently undo.
 */
export function commentBeside(node: TS.Node, ts: typeof TS): boolean {
  const sf = node.getSourceFile();
  const text = sf.text;
  // After it on its line: spaces, a comma, spaces, then a comment (scanned, not matched: no backtracking).
  let i = node.getEnd();
  const skipBlanks = () => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  skipBlanks();
  if (text[i] === ',') i++;
  skipBlanks();
  if (text.startsWith('//', i) || text.startsWith('/*', i)) return true;
  const leading = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = leading[leading.length - 1];
  if (!last) return false;
  // Directly above: no blank line between the comment and the node.
  return !/\n[ \t]*\r?\n/.test(text.slice(last.end, node.getStart(sf)));
}
