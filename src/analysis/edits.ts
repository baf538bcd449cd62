/**
 * Text edits that remedies are made of. They are computed on the analyzed text
 * and applied by the front ends (ESLint suggestions, `--fix`), never through
 * the AST, so formatting is kept: inserted properties follow the object's layout.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import type { TextEdit } from '../rule.js';

export function replaceNode(node: TS.Node, text: string): TextEdit {
  const sf = node.getSourceFile();
  return { file: sf.fileName, start: node.getStart(sf), end: node.getEnd(), text };
}

/** One property to insert: its path below the object (`['cookie', 'secure']`) and its value's code. */
export interface InsertEntry {
  readonly path: readonly string[];
  readonly value: string;
}

/**
 * How an object literal is laid out where properties are inserted, as plain data: enough to
 * render an insertion of any properties in the object's own layout, without the tree. The
 * edits of one insertion carry it (`TextEdit.insert`), so that insertions into the same object
 * by different suggestions can be planned together (compose.ts).
 */
export interface InsertLayout {
  readonly file: string;
  /** Offset of the object's `{`: its identity in the file (for a new options argument, where the argument goes). */
  readonly object: number;
  /**
   * `argument`: there is no object yet; the insertion is a new trailing argument of a call
   * (`res.cookie(name, value)` → `res.cookie(name, value, { secure: true })`), after `lead`.
   */
  readonly kind: 'empty-inline' | 'empty-multiline' | 'inline' | 'multiline' | 'argument';
  /** Where the text goes (and, for an empty object, up to where it replaces). */
  readonly at: number;
  readonly end: number;
  /** The last property ends here (a comma goes after it when there is no trailing one). */
  readonly lastEnd: number;
  /** The end of the last property's line, after a line comment there (multiline). */
  readonly lineEnd: number;
  readonly trailingComma: boolean;
  /** Indentation of the inserted lines. */
  readonly indent: string;
  /** Indentation of the closing brace (an empty multi-line object). */
  readonly closeIndent: string;
  readonly eol: string;
  /** For `argument`: what goes before the new object (`, `, or a line break and the arguments' indentation). */
  readonly lead?: string;
  /** For `argument`: what goes after it (`,` when the arguments end with a trailing comma). */
  readonly tail?: string;
}

/** A property insertion: the object's layout and the properties, shared by the insertion's edits. */
export interface PropertyInsert {
  readonly layout: InsertLayout;
  readonly entries: readonly InsertEntry[];
}

/** The layout of an object literal for insertions (see InsertLayout). */
export function layoutOf(obj: TS.ObjectLiteralExpression, style: InsertStyle = { indent: '  ', trailingComma: true }): InsertLayout {
  const indentUnit = style.indent;
  const sf = obj.getSourceFile();
  const text = sf.text;
  const props = obj.properties;
  const open = obj.getStart(sf);
  const closeBrace = obj.getEnd() - 1;
  const eol = eolOf(text);
  const base = { file: sf.fileName, object: open, eol };
  if (props.length === 0) {
    const inner = text.slice(open + 1, closeBrace);
    const multiline = inner.includes('\n');
    const indent = lineIndent(text, open);
    // After the comments an empty object may hold (`{ // TODO: a store }`): they stay, only the blank space after them is replaced.
    const at = open + 1 + inner.trimEnd().length;
    return { ...base, kind: multiline ? 'empty-multiline' : 'empty-inline', at, end: closeBrace, lastEnd: at, lineEnd: at, trailingComma: multiline && style.trailingComma, indent: `${indent}${indentUnit}`, closeIndent: indent };
  }
  const last = props[props.length - 1]!;
  const lastEnd = last.getEnd();
  const trailingComma = props.hasTrailingComma;
  const commaEnd = trailingComma ? text.indexOf(',', lastEnd) + 1 : lastEnd;
  const multiline = lineOf(sf, last.getStart(sf)) !== lineOf(sf, closeBrace) && lineOf(sf, open) !== lineOf(sf, last.getStart(sf));
  if (!multiline) return { ...base, kind: 'inline', at: commaEnd, end: commaEnd, lastEnd, lineEnd: commaEnd, trailingComma, indent: '', closeIndent: '' };
  // Inserted at the end of the last property's line, after any line comment.
  const lineEnd = endOfLineIfOnlyComment(text, commaEnd, closeBrace);
  return { ...base, kind: 'multiline', at: commaEnd, end: commaEnd, lastEnd, lineEnd, trailingComma, indent: lineIndent(text, last.getStart(sf)), closeIndent: '' };
}

/**
 * The properties' code: entries that share a first key become one nested object
 * (`cookie: { secure: true, sameSite: 'lax' }`); a path given twice keeps its first value.
 */
function propertyTexts(entries: readonly InsertEntry[]): string[] {
  const order: string[] = [];
  const groups = new Map<string, InsertEntry[]>();
  for (const e of entries) {
    const k = e.path[0]!;
    if (!groups.has(k)) {
      groups.set(k, []);
      order.push(k);
    }
    groups.get(k)!.push(e);
  }
  return order.map((k) => {
    const list = groups.get(k)!;
    const leaf = list.find((e) => e.path.length === 1);
    if (leaf) return `${k}: ${leaf.value}`;
    return `${k}: { ${propertyTexts(list.map((e) => ({ path: e.path.slice(1), value: e.value }))).join(', ')} }`;
  });
}

/** The edits that insert the entries into an object of this layout (each edit carries the insertion). */
export function renderInsertion(layout: InsertLayout, entries: readonly InsertEntry[]): TextEdit[] {
  const insert: PropertyInsert = { layout, entries };
  const texts = propertyTexts(entries);
  const { file, eol: nl, indent } = layout;
  const edit = (start: number, end: number, text: string): TextEdit => ({ file, start, end, text, insert });
  switch (layout.kind) {
    case 'empty-multiline':
      return [edit(layout.at, layout.end, `${nl}${indent}${texts.join(`,${nl}${indent}`)}${layout.trailingComma ? ',' : ''}${nl}${layout.closeIndent}`)];
    case 'empty-inline':
      return [edit(layout.at, layout.end, ` ${texts.join(', ')} `)];
    case 'inline':
      return [edit(layout.at, layout.at, layout.trailingComma ? ` ${texts.join(', ')},` : `, ${texts.join(', ')}`)];
    case 'argument':
      return [edit(layout.at, layout.end, `${layout.lead ?? ''}{ ${texts.join(', ')} }${layout.tail ?? ''}`)];
    case 'multiline': {
      const line = `${nl}${indent}${texts.join(`,${nl}${indent}`)}${layout.trailingComma ? ',' : ''}`;
      if (layout.trailingComma) return [edit(layout.lineEnd, layout.lineEnd, line)];
      if (layout.lineEnd === layout.at) return [edit(layout.lastEnd, layout.lastEnd, `,${line}`)];
      return [edit(layout.lastEnd, layout.lastEnd, ','), edit(layout.lineEnd, layout.lineEnd, line)];
    }
  }
}

/**
 * Inserts properties into an object literal, in its own layout: on their own lines when the
 * object spans lines (indented like its last property), inline otherwise. Entries with a
 * path (`['cookie', 'secure']`) build the missing objects on the way. Returns the edits (a
 * comma after the last property and the new line may be two edits when a line comment
 * follows the last property).
 */
export function insertProperty(obj: TS.ObjectLiteralExpression, entries: readonly InsertEntry[], style?: InsertStyle): TextEdit[] {
  return renderInsertion(layoutOf(obj, style), entries);
}

/**
 * Adds an options object as a new last argument of a call that has none
 * (`res.cookie(name, value)` → `res.cookie(name, value, { secure: true })`), with the entries
 * as its properties: after the last argument, on its own line when the arguments are each on
 * their own line (indented as they are, keeping a trailing comma). Undefined when the call has
 * a spread argument (where the options land is unknown) or is not a call.
 */
export function insertArgument(ts: TSModule, call: TS.Node, entries: readonly InsertEntry[]): TextEdit[] | undefined {
  const layout = argumentLayout(ts, call);
  return layout && renderInsertion(layout, entries);
}

/** Where a new last argument of a call goes, as an insertion layout (see insertArgument); undefined where there is no safe place. */
export function argumentLayout(ts: TSModule, call: TS.Node): InsertLayout | undefined {
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return undefined;
  const args = call.arguments;
  // `new X` without parentheses: no place for an argument.
  if (!args || args.some((a) => ts.isSpreadElement(a))) return undefined;
  const sf = call.getSourceFile();
  const text = sf.text;
  const eol = eolOf(text);
  const base = { file: sf.fileName, kind: 'argument' as const, trailingComma: false, indent: '', closeIndent: '', eol };
  if (args.length === 0) {
    // `session()`: between the parentheses (a `new X` without them gets none: no safe place).
    const open = text.indexOf('(', (call.typeArguments?.end ?? call.expression.getEnd()));
    if (open === -1 || open >= call.getEnd()) return undefined;
    return { ...base, object: open + 1, at: open + 1, end: open + 1, lastEnd: open + 1, lineEnd: open + 1, lead: '', tail: '' };
  }
  const last = args[args.length - 1]!;
  const lastEnd = last.getEnd();
  const trailing = args.hasTrailingComma;
  const at = trailing ? text.indexOf(',', lastEnd) + 1 : lastEnd;
  // One argument a line (the last one on a line of its own): the new one too, indented like it.
  const lastLine = lineOf(sf, last.getStart(sf));
  const before = args.length > 1 ? args[args.length - 2]!.getEnd() : call.expression.getEnd();
  const ownLine = lastLine !== lineOf(sf, before);
  const lead = ownLine ? `${trailing ? '' : ','}${eol}${lineIndent(text, last.getStart(sf))}` : trailing ? ' ' : ', ';
  return { ...base, object: at, at, end: at, lastEnd: at, lineEnd: at, lead, tail: trailing ? ',' : '' };
}

/** What of the file's style an insertion follows: one indentation level, and a trailing comma in a multi-line object it fills. */
export interface InsertStyle {
  readonly indent: string;
  readonly trailingComma: boolean;
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
 * Whether a comment stands beside a node: at the end of its line (after the node, or after
 * the inline object it is part of: `cookie: { httpOnly: false } // read by the SPA`), or on
 * the line just above it (`// the OAuth flow needs it` over `saveUninitialized: true`). A
 * comment there explains a deliberate choice, which a remedy must not silently undo.
 */
export function commentBeside(node: TS.Node, ts: TSModule): boolean {
  const sf = node.getSourceFile();
  const text = sf.text;
  const line = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  // The outermost node around it that ends on the same line.
  let outer: TS.Node = node;
  while (outer.parent && !ts.isSourceFile(outer.parent) && line(outer.parent.getEnd()) === line(node.getEnd())) outer = outer.parent;
  for (const end of new Set([node.getEnd(), outer.getEnd()])) {
    // After it on its line: spaces, a comma, spaces, then a comment (scanned, not matched: no backtracking).
    let i = end;
    const skipBlanks = () => {
      while (text[i] === ' ' || text[i] === '\t') i++;
    };
    skipBlanks();
    if (text[i] === ',' || text[i] === ';') i++;
    skipBlanks();
    if (text.startsWith('//', i) || text.startsWith('/*', i)) return true;
  }
  const leading = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = leading[leading.length - 1];
  if (!last) return false;
  // Directly above: no blank line between the comment and the node.
  return !/\n[ \t]*\r?\n/.test(text.slice(last.end, node.getStart(sf)));
}
