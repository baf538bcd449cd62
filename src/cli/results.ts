/**
 * What the reporters get: findings located in lines and columns (UTF-16 and
 * UTF-8), file errors, and counts. Built once from the engine's findings; the
 * reporters are pure functions of this and their context.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules as catalog } from '../../rules/index.js';
import { docsUrl, type Finding, type TextEdit } from '../rule.js';
import { PACKAGE } from '../version.js';
import { LineIndex, relativePath } from './text.js';
import type { FindingIdentity } from './identity.js';
import type { SiteSummary } from './summaries.js';
import type { SourceSpan } from '../analysis/causes.js';

export type ReportSeverity = 'error' | 'warning';

export interface Location {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in UTF-16 code units (as ESLint and editors count). */
  readonly column: number;
  /** 1-based column in UTF-8 bytes (as reviewdog counts). */
  readonly byteColumn: number;
  /** Offset into the analyzed text (UTF-16 code units, BOM excluded). */
  readonly offset: number;
}

export interface Range {
  readonly start: Location;
  readonly end: Location;
}

export interface LocatedEdit {
  readonly file: string;
  /** Relative to the working folder, forward slashes. */
  readonly path: string;
  readonly range: Range;
  readonly text: string;
}

export interface LocatedSuggestion {
  readonly message: string;
  readonly edits: readonly LocatedEdit[];
  /** The edits as one replacement (from the first edit's start to the last one's end), when they are all in one file. */
  readonly combined?: LocatedEdit;
}

export interface ResultFinding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: ReportSeverity;
  readonly message: string;
  readonly file: string;
  readonly path: string;
  readonly range: Range;
  /** The reported line's text, for fingerprints and snippets. */
  readonly lineText: string;
  /**
   * Hash of the reported line's normalized text with its secrets masked (line numbers do not
   * matter; a guessed secret cannot be confirmed by hashing it): JSON's `fingerprint`.
   */
  readonly lineHash: string;
  /** `lineHash:n`, n counting lines of the same text in the file (GitHub's primaryLocationLineHash). */
  readonly primaryLocationLineHash: string;
  /** What the finding is about, not where (identity.ts): the baseline's key, SARIF's `sessionAudit/v1` fingerprint. */
  readonly identity: string;
  /** The identity's path and code context for people (`app.use(…) > session(…) > cookie > httpOnly: false`). */
  readonly context: string;
  readonly suggestions: readonly LocatedSuggestion[];
  /**
   * The suggestions as a code host shows them (rdjson, SARIF `fixes`): planned with the
   * other findings' so that any of them apply together (src/analysis/compose.ts). Absent:
   * the same as `suggestions`.
   */
  readonly review?: readonly LocatedSuggestion[];
  /**
   * For a finding that has a fix but shows none in review (`review` empty): where its fix is,
   * as a sentence ("The suggested change on line 12 (require-same-site) fixes this too.").
   * Review formats (rdjson) add it to the message, so no finding of a group is left without one.
   */
  readonly reviewPointer?: string;
  /**
   * The session calls this finding stands for, when it is reported once at a value's definition
   * that several calls share (shared-definitions.ts): SARIF `relatedLocations`, JSON `related`.
   */
  readonly related?: readonly RelatedLocation[];
}

export interface RelatedLocation {
  readonly file: string;
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

export type FileErrorKind = 'path' | 'read' | 'parse' | 'analysis' | 'rule' | 'fix';

export interface FileError {
  readonly file: string;
  readonly path: string;
  readonly kind: FileErrorKind;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export interface Stats {
  /** Files found to scan. */
  readonly files: number;
  /** Files that passed the text prefilter and were analyzed. */
  readonly analyzedFiles: number;
  readonly errors: number;
  readonly warnings: number;
  readonly fileErrors: number;
  /** Findings silenced by eslint-disable comments. */
  readonly suppressed: number;
  /** Findings recorded in the baseline (not reported). */
  readonly baselined: number;
  /** Findings removed by --fix / --fix-dry-run. */
  readonly fixed: number;
}

export interface Results {
  readonly cwd: string;
  readonly findings: readonly ResultFinding[];
  readonly fileErrors: readonly FileError[];
  readonly stats: Stats;
  /** The session configurations found, for formats that show them (html). */
  readonly sites?: readonly SiteSummary[];
  /** Texts of the files that suggestions edit (by absolute file name), for formats that show remedies as diffs (html). */
  readonly sources?: ReadonlyMap<string, string>;
}

export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  readonly severity: 'error' | 'warn';
  readonly cwe: readonly string[];
  /** 0.0–10.0 (see RuleMeta.securitySeverity). */
  readonly securitySeverity: number;
  readonly docsUrl: string;
  readonly hasSuggestions: boolean;
  readonly configs: readonly string[];
  /** The rule's documentation page (docs/rules/<id>.md), when the package ships it. */
  readonly docsMarkdown?: string;
}

export interface ReporterContext {
  readonly cwd: string;
  readonly color: boolean;
  readonly tool: { readonly name: string; readonly version: string; readonly informationUri: string };
  /** Every rule of the catalog, in catalog order. */
  readonly rules: readonly RuleInfo[];
  readonly maxWarnings?: number;
  /** The terminal's width in columns (pretty), when the report goes to a terminal. */
  readonly columns?: number;
  /** Whether the terminal shows OSC 8 hyperlinks (pretty links rule names to their pages). */
  readonly hyperlinks?: boolean;
}

const INFORMATION_URI = 'https://github.com/session-audit/session-audit';

/** " (from ./config.js:7)" in a message (src/rule.ts originSuffix writes it): the file and line the value comes from. */
export function originOf(message: string, file: string): { file: string; line: number } | undefined {
  const m = / \(from (\.{1,2}\/[^()]*?):(\d+)\)/.exec(message);
  return m ? { file: path.resolve(path.dirname(file), m[1]!).split(path.sep).join('/'), line: Number(m[2]) } : undefined;
}

/** docs/rules of this package (beside src/ and dist/), or undefined when it is not there. */
function docsDir(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

let docsCache: Map<string, string | undefined> | undefined;

function ruleDocs(id: string): string | undefined {
  docsCache ??= new Map();
  if (!docsCache.has(id)) {
    const dir = docsDir();
    let text: string | undefined;
    try {
      text = dir ? readFileSync(path.join(dir, `${id}.md`), 'utf8').replace(/<!-- (begin|end) auto-generated rule header -->\n?/g, '').trim() : undefined;
    } catch {
      text = undefined;
    }
    docsCache.set(id, text);
  }
  return docsCache.get(id);
}

function ruleInfos(): RuleInfo[] {
  return catalog.map((r) => ({
    docsMarkdown: ruleDocs(r.id),
    id: r.id,
    description: r.meta.description,
    severity: r.meta.severity,
    cwe: r.meta.cwe,
    securitySeverity: r.meta.securitySeverity,
    docsUrl: docsUrl(r.id),
    hasSuggestions: r.meta.hasSuggestions,
    configs: r.meta.configs,
  }));
}

export function reporterContext(cwd: string, color: boolean, maxWarnings?: number, terminal: { columns?: number; hyperlinks?: boolean } = {}): ReporterContext {
  return { cwd, color, tool: { name: PACKAGE.name, version: PACKAGE.version, informationUri: INFORMATION_URI }, rules: ruleInfos(), maxWarnings, ...terminal };
}

/** A line's text with whitespace collapsed and trimmed: what `hashLine` hashes. */
function normalizedLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whitespace-insensitive hash of a line's text: the identity of a finding's place. */
export function hashLine(text: string): string {
  return createHash('sha256').update(normalizedLine(text)).digest('hex').slice(0, 16);
}

/** Line indexes of the files findings point into, computed once per text. */
export class Locator {
  private readonly indexes = new Map<string, LineIndex>();
  private readonly lineHashCounts = new Map<string, Map<number, number>>();
  private readonly paths = new Map<string, string>();

  /**
   * `maskedTextOf`: a file's text with its secrets masked (secrets.ts; same length), which line
   * hashes are made from. Without it (locations only), the text as is.
   */
  constructor(
    private readonly cwd: string,
    private readonly textOf: (file: string) => string | undefined,
    private readonly maskedTextOf?: (file: string) => string | undefined,
  ) {}

  /** A line of a file as it is hashed: with its secrets masked, cut at the lines of the text as is. */
  private hashedLine(file: string, line: number, masked = this.hashedText(file)): string {
    return this.index(file).lineIn(masked, line);
  }

  /** The text lines are hashed from: the masked text (of the same length as the text as is), or the text as is. */
  private hashedText(file: string): string {
    const text = this.index(file).text;
    const masked = this.maskedTextOf?.(file);
    return masked !== undefined && masked.length === text.length ? masked : text;
  }

  index(file: string): LineIndex {
    let idx = this.indexes.get(file);
    if (!idx) {
      idx = new LineIndex(this.textOf(file) ?? '');
      this.indexes.set(file, idx);
    }
    return idx;
  }

  location(file: string, offset: number): Location {
    const idx = this.index(file);
    const p = idx.position(offset);
    return { line: p.line, column: p.column, offset: p.offset, byteColumn: idx.byteColumn(p) };
  }

  range(file: string, start: number, end: number): Range {
    return { start: this.location(file, start), end: this.location(file, end) };
  }

  /** `relativePath` of a file, once per file (findings, their edits and related places name the same few files). */
  private pathOf(file: string): string {
    let p = this.paths.get(file);
    if (p === undefined) this.paths.set(file, (p = relativePath(this.cwd, file)));
    return p;
  }

  /** n for the n-th line of the file with the same normalized (masked) text as `line` (GitHub counts lines this way). */
  private occurrence(file: string, line: number): number {
    let counts = this.lineHashCounts.get(file);
    if (!counts) {
      counts = new Map();
      const idx = this.index(file);
      const seen = new Map<string, number>();
      const masked = this.hashedText(file);
      // Lines counted by their normalized text, not its hash: only the reported line is hashed (a file's every line was).
      for (let l = 1; l <= idx.lineCount; l++) {
        const h = normalizedLine(this.hashedLine(file, l, masked));
        const n = (seen.get(h) ?? 0) + 1;
        seen.set(h, n);
        counts.set(l, n);
      }
      this.lineHashCounts.set(file, counts);
    }
    return counts.get(line) ?? 1;
  }

  private combine(edits: readonly TextEdit[]): LocatedEdit | undefined {
    if (edits.length === 0 || edits.some((e) => e.file !== edits[0]!.file)) return undefined;
    const file = edits[0]!.file;
    const text = this.index(file).text;
    const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]!.start < sorted[i - 1]!.end) return undefined;
    const start = sorted[0]!.start;
    const end = Math.max(...sorted.map((e) => e.end));
    let out = '';
    let at = start;
    for (const e of sorted) {
      out += text.slice(at, e.start) + e.text;
      at = e.end;
    }
    out += text.slice(at, end);
    return { file, path: this.pathOf(file), range: this.range(file, start, end), text: out };
  }

  finding(f: Finding, severity: ReportSeverity, identity: FindingIdentity, related?: readonly SourceSpan[]): ResultFinding {
    const range = this.range(f.file, f.start, f.end);
    const lineText = this.index(f.file).lineText(range.start.line);
    // Hashed with its secrets masked: a fingerprint in an uploaded report cannot confirm a guessed secret.
    const lineHash = hashLine(this.hashedLine(f.file, range.start.line));
    return {
      ruleId: f.ruleId,
      messageId: f.messageId,
      severity,
      message: f.message,
      file: f.file,
      path: this.pathOf(f.file),
      range,
      lineText,
      lineHash,
      primaryLocationLineHash: `${lineHash}:${this.occurrence(f.file, range.start.line)}`,
      identity: identity.identity,
      context: identity.context,
      suggestions: f.suggestions.map((s) => this.suggestion(s)),
      ...(related ? { related: related.map((r) => ({ file: r.file, path: this.pathOf(r.file), range: this.range(r.file, r.start, r.end), message: 'a session configuration that uses this value' })) } : {}),
    };
  }

  /** A suggestion located in lines and columns, with its edits combined into one replacement when they are in one file. */
  suggestion(s: { readonly message: string; readonly edits: readonly TextEdit[] }): LocatedSuggestion {
    return {
      message: s.message,
      edits: s.edits.map((e) => ({ file: e.file, path: this.pathOf(e.file), range: this.range(e.file, e.start, e.end), text: e.text })),
      combined: this.combine(s.edits),
    };
  }
}

export function compareFindings(a: ResultFinding, b: ResultFinding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

export function compareFileErrors(a: FileError, b: FileError): number {
  return (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0);
}
