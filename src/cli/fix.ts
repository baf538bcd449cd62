/**
 * --fix and --fix-dry-run: each finding's first suggestion, as text edits.
 *
 * - Edits are collected, never made through the AST (ts-morph would drop the program).
 * - Identical edits (two findings with one remedy) are applied once; a suggestion
 *   whose edits overlap or touch edits already taken waits for the next pass
 *   (the files are re-analyzed in memory between passes, at most MAX_PASSES).
 * - A suggestion is taken only when every file it edits lies under the scanned
 *   paths, and only when every edited file still parses (no new syntax error).
 * - Inserted line breaks follow the file's line endings; the BOM is kept.
 * - Writes are atomic: a temporary file in the same folder, then rename, with
 *   the original file mode.
 */
import { accessSync, constants, lstatSync, readFileSync, statSync } from 'node:fs';
import type { Finding, TextEdit } from '../rule.js';
import { writeAtomic } from './output.js';
import { BOM, dominantEol, relativePath, withEol } from './text.js';

export const MAX_PASSES = 10;

export interface FixableFinding {
  readonly finding: Finding;
  /** Identity for the fix budget (rule + file + message id): a remedy is applied at most as often as it was found in the first pass. */
  readonly key: string;
}

export interface PassOutcome {
  /** New texts of the files edited in this pass. */
  readonly texts: Map<string, string>;
  readonly applied: number;
  /** Suggestions that overlapped an edit taken in this pass (they may apply in the next). */
  readonly deferred: number;
  readonly rejected: readonly Rejection[];
}

/** A remedy that was not applied: it edits a file outside the scanned paths, or it would break one. */
export interface Rejection {
  readonly finding: Finding;
  readonly reason: 'outside' | 'syntax';
  readonly file: string;
}

function editKey(e: TextEdit): string {
  return `${e.file}\u0000${e.start}\u0000${e.end}\u0000${e.text}`;
}

function dedupe(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  const out: TextEdit[] = [];
  for (const e of edits) {
    const k = editKey(e);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(e);
    }
  }
  return out;
}

/**
 * The edits taken in one pass, per file, sorted by start. They never overlap or touch
 * (ESLint's rule: a fix may not start where another ends), so an edit clashes with one of
 * them exactly when it clashes with the last one that starts at or before its end: a
 * binary search, not a scan of every edit taken.
 */
class TakenEdits {
  private readonly byFile = new Map<string, TextEdit[]>();
  private readonly keys = new Set<string>();

  /** An identical edit was taken already (two findings with one remedy: applied once). */
  has(e: TextEdit): boolean {
    return this.keys.has(editKey(e));
  }

  clashes(e: TextEdit): boolean {
    const list = this.byFile.get(e.file);
    if (!list) return false;
    const i = lastStartingAtOrBefore(list, e.end);
    return i >= 0 && list[i]!.end >= e.start;
  }

  add(e: TextEdit): void {
    let list = this.byFile.get(e.file);
    if (!list) this.byFile.set(e.file, (list = []));
    list.splice(lastStartingAtOrBefore(list, e.start) + 1, 0, e);
    this.keys.add(editKey(e));
  }
}

/** Index of the last edit whose start is <= `pos` (-1: none). */
function lastStartingAtOrBefore(list: readonly TextEdit[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Applies non-overlapping edits to a text (line breaks of inserted text follow the file's), in one pass over it. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const eol = dominantEol(text);
  // By start, then end; edits at one place in reverse order (as applying them from the end of the text did).
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || b.i - a.i);
  const parts: string[] = [];
  let at = 0;
  for (const { e } of sorted) {
    parts.push(text.slice(at, e.start), withEol(e.text, eol));
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * One pass: chooses suggestions, applies them to the current texts, and drops
 * those that would leave a file with a new syntax error. Linear in the number of
 * suggestions (edits are indexed per file; each file is rebuilt in one pass), except
 * when an edit breaks a file: then the suggestions are added half by half, and only the
 * halves that break are split further.
 */
export function planPass(
  candidates: readonly FixableFinding[],
  opts: {
    textOf: (file: string) => string | undefined;
    writable: (file: string) => boolean;
    budget: Map<string, number>;
    syntaxErrors: (file: string, text: string) => number;
  },
): PassOutcome {
  type Taken = { finding: Finding; key: string; edits: TextEdit[] };
  let taken: Taken[] = [];
  const rejected: Rejection[] = [];
  let deferred = 0;
  const index = new TakenEdits();
  for (const { finding, key } of candidates) {
    const s = finding.suggestions[0];
    if (!s || s.edits.length === 0) continue;
    if ((opts.budget.get(key) ?? 0) <= 0) continue;
    const edits = dedupe(s.edits);
    const outside = edits.find((e) => !opts.writable(e.file));
    if (outside) {
      rejected.push({ finding, reason: 'outside', file: outside.file });
      opts.budget.set(key, (opts.budget.get(key) ?? 0) - 1);
      continue;
    }
    if (edits.some((e) => opts.textOf(e.file) === undefined)) continue;
    const fresh = edits.filter((e) => !index.has(e));
    if (fresh.some((e) => index.clashes(e))) {
      deferred++;
      continue;
    }
    for (const e of fresh) index.add(e);
    taken.push({ finding, key, edits: fresh });
  }

  // Re-parse every edited file. When one breaks, add the suggestions half by half and keep
  // those after which every file they touch still parses.
  const before = new Map<string, number>();
  const errorsBefore = (file: string) => {
    if (!before.has(file)) before.set(file, opts.syntaxErrors(file, opts.textOf(file)!));
    return before.get(file)!;
  };
  const textsOf = (list: readonly Taken[], only?: ReadonlySet<string>) => {
    const byFile = new Map<string, TextEdit[]>();
    for (const t of list) {
      for (const e of t.edits) {
        if (only && !only.has(e.file)) continue;
        let edits = byFile.get(e.file);
        if (!edits) byFile.set(e.file, (edits = []));
        edits.push(e);
      }
    }
    return new Map([...byFile].map(([file, edits]) => [file, applyEdits(opts.textOf(file)!, edits)]));
  };
  // `!(after <= before)`: a count that cannot be told (NaN) breaks too.
  const breaks = (texts: ReadonlyMap<string, string>, files: Iterable<string>) => [...files].find((f) => !(opts.syntaxErrors(f, texts.get(f)!) <= errorsBefore(f)));
  let texts = textsOf(taken);
  if (breaks(texts, texts.keys()) !== undefined) {
    const kept: Taken[] = [];
    const tryAdd = (list: readonly Taken[]): void => {
      if (list.length === 0) return;
      const files = new Set(list.flatMap((t) => t.edits.map((e) => e.file)));
      const broken = breaks(textsOf([...kept, ...list], files), files);
      if (broken === undefined) kept.push(...list);
      else if (list.length === 1) {
        rejected.push({ finding: list[0]!.finding, reason: 'syntax', file: broken });
        opts.budget.set(list[0]!.key, 0); // not tried again
      } else {
        const mid = list.length >> 1;
        tryAdd(list.slice(0, mid));
        tryAdd(list.slice(mid));
      }
    };
    const mid = taken.length >> 1;
    tryAdd(taken.slice(0, mid));
    tryAdd(taken.slice(mid));
    taken = kept;
    texts = textsOf(taken);
  }
  for (const t of taken) opts.budget.set(t.key, (opts.budget.get(t.key) ?? 0) - 1);
  return { texts, applied: taken.length, deferred, rejected };
}

/** Why a file must not be written by --fix, if it must not: a symbolic link (never followed) or a read-only file. */
function refuseToWrite(file: string): string | undefined {
  const st = lstatSync(file);
  if (st.isSymbolicLink()) return 'the file is a symbolic link (--fix never writes through one)';
  if (!st.isFile()) return 'not a regular file';
  // No write permission bit (the rename would replace it even so, and root may write anything).
  if ((st.mode & 0o222) === 0) return 'the file is read-only';
  try {
    accessSync(file, constants.W_OK);
  } catch {
    return 'the file is read-only';
  }
  return undefined;
}

/**
 * Writes the fixed texts, each only when the file on disk still holds the text
 * that was analyzed. Returns the files written and the errors.
 */
export function writeFixes(
  changes: ReadonlyMap<string, { before: string; after: string }>,
): { written: string[]; errors: { file: string; message: string }[] } {
  const written: string[] = [];
  const errors: { file: string; message: string }[] = [];
  for (const [file, { before, after }] of changes) {
    try {
      const refusal = refuseToWrite(file);
      if (refusal) {
        errors.push({ file, message: `not fixed: ${refusal}` });
        continue;
      }
      const bytes = readFileSync(file);
      const disk = bytes.toString('utf8');
      // Invalid UTF-8 was read as U+FFFD: writing the text back would change bytes no fix touched.
      if (!Buffer.from(disk, 'utf8').equals(bytes)) {
        errors.push({ file, message: 'not fixed: the file is not valid UTF-8 (writing it would change bytes the fix does not touch)' });
        continue;
      }
      const hasBom = disk.startsWith(BOM);
      const diskText = hasBom ? disk.slice(1) : disk;
      const analyzed = before.startsWith(BOM) ? before.slice(1) : before;
      if (diskText !== analyzed) {
        errors.push({ file, message: 'not fixed: the file changed on disk during the run' });
        continue;
      }
      const body = after.startsWith(BOM) ? after.slice(1) : after;
      writeAtomic(file, (hasBom ? BOM : '') + body, { mode: statSync(file).mode & 0o7777 });
      written.push(file);
    } catch (e) {
      errors.push({ file, message: `not fixed: ${(e as Error).message}` });
    }
  }
  return { written, errors };
}

/** A unified diff of the changes, paths relative to cwd with git's a/ and b/ prefixes (for `git apply`). */
export async function unifiedDiff(cwd: string, changes: ReadonlyMap<string, { before: string; after: string }>): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  let out = '';
  for (const file of [...changes.keys()].sort()) {
    const { before, after } = changes.get(file)!;
    const rel = relativePath(cwd, file);
    const patch = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, before.replace(/^\uFEFF/, ''), after.replace(/^\uFEFF/, ''), undefined, undefined, { context: 3 });
    out += `diff --git a/${rel} b/${rel}\n${patch.replace(/^={3,}\n/, '')}`;
  }
  return out;
}
