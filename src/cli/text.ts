/**
 * Text positions: offsets (UTF-16 code units, as TypeScript and ESLint count)
 * to 1-based lines and columns, UTF-8 byte columns for reviewdog, and the
 * line-ending and BOM facts that --fix preserves. No TypeScript here.
 */
import * as path from 'node:path';

export const BOM = '\uFEFF';

/** A 1-based line and column (UTF-16 code units), with the offset it came from. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Line starts of a text; line breaks are those of ECMAScript (and so of TypeScript and ESLint). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 || c === 0x2028 || c === 0x2029) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1, offset: o };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    return this.lineIn(this.text, line);
  }

  /**
   * The 1-based line of `other`, a text of the same length (this text with its secrets masked),
   * cut where this text's lines are: a masked line break keeps the raw text's line boundaries.
   */
  lineIn(other: string, line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line] ?? this.text.length;
    let end = next;
    const c = end > start ? this.text.charCodeAt(end - 1) : 0;
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) end--;
    if (c === 10 && end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return other.slice(start, end);
  }

  /** 1-based column in UTF-8 bytes of a position (reviewdog counts bytes). */
  byteColumn(p: Position): number {
    const lineStart = p.offset - (p.column - 1);
    return Buffer.byteLength(this.text.slice(lineStart, p.offset), 'utf8') + 1;
  }
}

/** The line ending a file mostly uses. */
export function dominantEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** Rewrites the bare `\n` line breaks of inserted text to `eol`. */
export function withEol(text: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
}

/** A path relative to `cwd` with forward slashes (absolute when it lies on another drive). */
export function relativePath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  if (rel === '') return '.';
  if (path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/**
 * Text that came from scanned code or file names, made safe for a terminal or a log:
 * control characters (ESC, CR, LF, TAB, DEL, C1) and bidirectional-override characters
 * are shown as `\uXXXX` escapes, so a string in a scanned file can neither drive the
 * terminal (`\u001b[2J`) nor forge report lines nor reorder what is shown.
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Whether `file` is `dir` or lies under it. A relative path that starts with `..` is not
 * necessarily outside: `..legacy/a.js` and `..old.js` are names inside.
 */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
