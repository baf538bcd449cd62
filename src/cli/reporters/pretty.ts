/**
 * `--format pretty`, the default on a terminal: each finding read in one pass, as a person
 * reads a compiler's error. Taken from three good outputs, side by side:
 *
 * - rustc: the severity and message first, then `--> path:line:column` (a terminal or editor
 *   opens it on a click), the code with a gutter of line numbers and carets under what is
 *   wrong, and a second place shown where a value comes from;
 * - Biome: the rule's name as a link to its documentation (an OSC 8 hyperlink where the
 *   terminal supports it; else each rule's address once, after the findings, as rustc points
 *   to `--explain`), and the fix shown as a diff of the lines it changes;
 * - ESLint's stylish: findings grouped by file, a summary with counts at the end (the same
 *   one as stylish).
 *
 * Prose wraps to the terminal's width; code is cut with `…` rather than wrapped, so the
 * gutter and carets stay aligned. Everything taken from scanned files goes through
 * `printable` (no terminal escape from the code reaches the terminal); secrets are already
 * masked in the results (secrets.ts). Not a terminal, or `--format stylish`: one line per
 * finding (stylish.ts).
 */
import * as path from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import { diffArrays } from 'diff';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import { type LocatedSuggestion, type ReporterContext, type ResultFinding, type Results, originOf } from '../results.js';
import { LineIndex, printable } from '../text.js';
import { summary } from './stylish.js';

const MIN_WIDTH = 40;
const DEFAULT_WIDTH = 80;
/** At most this many lines of the reported code, and of the fix preview. */
const MAX_CODE_LINES = 3;
const MAX_DIFF_LINES = 6;
const TAB = '  ';


const stripSgr = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** An OSC 8 hyperlink (the URL is ours, never from scanned code). */
function link(url: string, text: string): string {
  return `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\`;
}

/** A line of code for the terminal: tabs as spaces, control characters escaped. */
function shown(code: string): string {
  return printable(code.replace(/\t/g, TAB));
}

/** Cuts a line of plain text to `width` columns with an ellipsis. */
function cut(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

class Renderer {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(
    private readonly c: ChalkInstance,
    private readonly width: number,
    private readonly ctx: ReporterContext,
    private readonly sources: ReadonlyMap<string, string>,
    private readonly cwd: string,
  ) {}

  private index(file: string): LineIndex | undefined {
    let idx = this.indexes.get(file);
    if (!idx) {
      const text = this.sources.get(file);
      if (text === undefined) return undefined;
      this.indexes.set(file, (idx = new LineIndex(text)));
    }
    return idx;
  }

  /** The room for code after a gutter of `digits`. */
  private room(digits: number): number {
    return Math.max(10, this.width - digits - 3);
  }

  /**
   * ` 19 │ code` (the gutter is `digits` wide). A line wider than the room is shown from `start`
   * (with `…` before it when that is not 0) and cut with `…` at the end.
   */
  private codeLine(n: number | string, digits: number, code: string, mark?: (s: string) => string, start = 0, sign = ''): string {
    const gutter = this.c.dim(`${String(n).padStart(digits)} │ `);
    const text = sign + cut(`${start > 0 ? '…' : ''}${shown(code.slice(start))}`, this.room(digits) - sign.length);
    return `${gutter}${mark ? mark(text) : text}`;
  }

  /** Where to start showing a line so that [from, to) is in view, with some code before it. */
  private startFor(code: string, from: number, to: number, digits: number): number {
    const room = this.room(digits);
    if (stringWidth(shown(code.slice(0, to))) < room) return 0;
    const start = Math.max(0, from - 16);
    return stringWidth(shown(code.slice(start, to))) + 1 < room ? start : from;
  }

  private gutter(digits: number): string {
    return this.c.dim(`${' '.repeat(digits)} │`);
  }

  /** A note under the code: `= label: text`, wrapped with a hanging indent (an address is never wrapped: a terminal opens it whole). */
  private note(digits: number, label: string, text: string, wrap = true): string[] {
    const head = `${' '.repeat(digits)} ${this.c.dim('=')} ${this.c.bold(`${label}:`)} `;
    const indent = ' '.repeat(digits + 3 + stringWidth(label) + 2);
    if (!wrap) return [head + text];
    const wrapped = wrapAnsi(text, Math.max(20, this.width - indent.length), { hard: true, trim: true }).split('\n');
    return wrapped.map((l, i) => (i === 0 ? head : indent) + l);
  }

  finding(f: ResultFinding): string[] {
    const c = this.c;
    const out: string[] = [];
    const rule = this.ctx.rules.find((r) => r.id === f.ruleId);
    // Heading: severity and message, wrapped with a hanging indent.
    const label = f.severity === 'error' ? c.red.bold('error') : c.yellow.bold('warning');
    const labelWidth = f.severity === 'error' ? 5 : 7;
    const message = wrapAnsi(printable(f.message), Math.max(20, this.width - labelWidth - 2), { hard: true, trim: true }).split('\n');
    message.forEach((l, i) => out.push(i === 0 ? `${label}${c.bold(':')} ${c.bold(l)}` : `${' '.repeat(labelWidth + 2)}${c.bold(l)}`));

    const idx = this.index(f.file);
    const first = f.range.start.line;
    const last = Math.min(f.range.end.line, first + MAX_CODE_LINES - 1);
    const origin = originOf(f.message, f.file);
    const fix = f.suggestions[0];
    const fixLines = fix ? this.diffLines(fix) : [];
    const numbers = [last, origin?.line ?? 0, ...fixLines.map((l) => l.line)];
    const digits = Math.max(...numbers.map((n) => String(n).length));

    // Where: a location the terminal can open, and the rule (a link to its page where the terminal supports links).
    const where = `${printable(f.path)}:${first}:${f.range.start.column}`;
    const ruleText = rule && this.ctx.hyperlinks ? link(rule.docsUrl, c.underline(f.ruleId)) : f.ruleId;
    out.push(`${' '.repeat(digits)}${c.dim('-->')} ${where}  ${c.dim(ruleText)}`);

    // The reported code, carets under what is wrong.
    if (idx) {
      out.push(this.gutter(digits));
      for (let n = first; n <= last; n++) {
        const text = idx.lineText(n);
        const from = n === first ? f.range.start.column - 1 : text.length - text.trimStart().length;
        const to = n === f.range.end.line ? f.range.end.column - 1 : text.length;
        const start = this.startFor(text, from, Math.max(from + 1, to), digits);
        out.push(this.codeLine(n, digits, text, undefined, start));
        if (to > from) {
          const pad = (start > 0 ? 1 : 0) + stringWidth(shown(text.slice(start, from)));
          const len = Math.max(1, stringWidth(shown(text.slice(from, to))));
          const room = this.room(digits) - pad;
          if (room > 0) out.push(`${this.gutter(digits)} ${' '.repeat(pad)}${(f.severity === 'error' ? c.red : c.yellow)('^'.repeat(Math.min(len, room)))}`);
        }
      }
      if (f.range.end.line > last) out.push(`${this.gutter(digits)} ${c.dim('…')}`);
    }

    // Where the bad value comes from, when that is another place.
    if (origin) {
      const oidx = this.index(origin.file);
      const rel = path.relative(this.cwd, origin.file).split(path.sep).join('/');
      out.push(...this.note(digits, 'value from', `${printable(rel)}:${origin.line}`));
      if (oidx) out.push(this.codeLine(origin.line, digits, oidx.lineText(origin.line)));
    }

    // The first remedy, as a short diff of the lines it changes.
    if (fix) {
      out.push(...this.note(digits, 'fix', `${printable(fix.message)}${c.dim(' (--fix applies it)')}`));
      let file: string | undefined;
      for (const l of fixLines.slice(0, MAX_DIFF_LINES)) {
        if (l.file !== file && l.file !== f.file) out.push(`${' '.repeat(digits)}   ${c.dim(printable(path.relative(this.cwd, l.file).split(path.sep).join('/')))}`);
        file = l.file;
        const start = this.startFor(l.text, l.focus, l.focus + 1, digits + 2);
        out.push(this.codeLine(l.line, digits, l.text, l.sign === '-' ? c.red : c.green, start, `${l.sign} `));
      }
      if (fixLines.length > MAX_DIFF_LINES) out.push(`${this.gutter(digits)} ${c.dim(`… ${fixLines.length - MAX_DIFF_LINES} more lines (--fix-dry-run shows the whole diff)`)}`);
    }
    return out;
  }

  /**
   * The lines a suggestion changes, before (-) and after (+), per file, with their line numbers
   * (unchanged lines left out), and where each line starts to differ from its counterpart.
   */
  private diffLines(s: LocatedSuggestion): DiffLine[] {
    const out: DiffLine[] = [];
    const byFile = new Map<string, LocatedSuggestion['edits'][number][]>();
    for (const e of s.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    for (const [file, edits] of byFile) {
      const idx = this.index(file);
      const text = this.sources.get(file);
      if (!idx || text === undefined) continue;
      const firstLine = Math.min(...edits.map((e) => e.range.start.line));
      const lastLine = Math.max(...edits.map((e) => e.range.end.line));
      // From the start of the first line an edit touches to the end of the last one.
      const start = Math.min(...edits.map((e) => e.range.start.offset - (e.range.start.column - 1)));
      const lastEdit = edits.reduce((a, b) => (a.range.end.offset >= b.range.end.offset ? a : b));
      const end = lastEdit.range.end.offset - (lastEdit.range.end.column - 1) + idx.lineText(lastLine).length;
      let after = text.slice(start, end);
      for (const e of [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
        after = after.slice(0, e.range.start.offset - start) + e.text + after.slice(e.range.end.offset - start);
      }
      const before: string[] = [];
      for (let n = firstLine; n <= lastLine; n++) before.push(idx.lineText(n));
      const afterLines = after.split(/\r\n|\r|\n/);
      let oldLine = firstLine;
      let newLine = firstLine;
      const removed: DiffLine[] = [];
      const added: DiffLine[] = [];
      for (const part of diffArrays(before, afterLines)) {
        for (const line of part.value) {
          if (part.removed) removed.push({ file, line: oldLine++, sign: '-', text: line, focus: 0 });
          else if (part.added) added.push({ file, line: newLine++, sign: '+', text: line, focus: 0 });
          else {
            oldLine++;
            newLine++;
          }
        }
      }
      // A changed line shows from where it differs from its counterpart (same place in both).
      for (let i = 0; i < Math.min(removed.length, added.length); i++) {
        const a = removed[i]!.text;
        const b = added[i]!.text;
        let k = 0;
        while (k < a.length && k < b.length && a[k] === b[k]) k++;
        removed[i]!.focus = added[i]!.focus = k;
      }
      out.push(...removed, ...added);
    }
    return out;
  }
}

interface DiffLine {
  readonly file: string;
  readonly line: number;
  readonly sign: '-' | '+';
  readonly text: string;
  focus: number;
}

export function pretty(results: Results, ctx: ReporterContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const width = Math.max(MIN_WIDTH, ctx.columns ?? DEFAULT_WIDTH);
  const r = new Renderer(c, width, ctx, results.sources ?? new Map(), results.cwd);
  const blocks: string[] = [];
  let file: string | undefined;
  for (const e of results.fileErrors) {
    const where = `${printable(e.path)}${e.line ? `:${e.line}:${e.column ?? 1}` : ''}`;
    blocks.push([`${c.red.bold('error')}${c.bold(':')} ${c.bold(wrapAnsi(printable(e.message), width - 7, { hard: true }).split('\n').join(`\n${' '.repeat(7)}`))}`, ` ${c.dim('-->')} ${where}  ${c.dim(`(${e.kind === 'path' ? 'path' : 'file'} error)`)}`].join('\n'));
  }
  for (const f of results.findings) {
    const lines = r.finding(f);
    // ESLint's grouping: a file's findings under its name.
    if (f.path !== file) {
      file = f.path;
      lines.unshift(c.underline(cut(printable(f.path), width)), '');
    }
    blocks.push(lines.join('\n'));
  }
  // Without hyperlinks, each rule's page once, after the findings (rustc's "For more information about this error, try ...").
  if (!ctx.hyperlinks) {
    const ids = [...new Set(results.findings.map((f) => f.ruleId))].sort();
    const rules = ids.map((id) => ctx.rules.find((r) => r.id === id)).filter((r) => r !== undefined);
    if (rules.length > 0) {
      const w = Math.max(...rules.map((r) => r.id.length));
      // An address is never cut: beside the rule when both fit, else on the next line.
      const fits = rules.every((r) => 2 + w + 2 + r.docsUrl.length <= width);
      blocks.push([c.bold('Rules:'), ...rules.map((r) => (fits ? `  ${r.id.padEnd(w)}  ${c.dim(r.docsUrl)}` : `  ${r.id}\n    ${c.dim(r.docsUrl)}`))].join('\n'));
    }
  }
  // stylish's summary, wrapped to the width (its second lines keep their indent).
  const notes = summary(results, ctx, c).map((n) => {
    const indent = /^( *)/.exec(stripSgr(n))![1]!;
    return wrapAnsi(n.replace(indent, ''), width - indent.length, { hard: true, trim: true })
      .split('\n')
      .map((l) => indent + l)
      .join('\n');
  });
  return `${blocks.length ? `\n${blocks.join('\n\n')}\n\n` : ''}${notes.join('\n')}\n`;
}
