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
 *   the original file mode; each file is locked while it is checked and replaced
 *   (concurrent runs), and a fix that edits several files is written whole or not at all.
 */
import { accessSync, constants, lstatSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding, TextEdit } from '../rule.js';
import { readRegularFile } from './boundary.js';
import { describeFsError } from './discover.js';
import { writeAtomic } from './output.js';
import { gitQuotedPath } from './escape.js';
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
  /** The files each applied suggestion edits (a fix is written whole or not at all). */
  readonly appliedFiles: readonly (readonly string[])[];
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
  type Taken = { finding: Finding; key: string; edits: TextEdit[]; files: string[] };
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
    taken.push({ finding, key, edits: fresh, files: [...new Set(edits.map((e) => e.file))] });
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
  return { texts, applied: taken.length, appliedFiles: taken.map((t) => t.files), deferred, rejected };
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

/** How long a run waits for another run's lock on a file before leaving the file unfixed. */
const LOCK_WAIT_MS = 10_000;
/** A lock older than this is left over from a run that was killed (a write takes milliseconds). */
const STALE_LOCK_MS = 120_000;

function lockOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.session-audit.lock`);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether a lock was left by a run that is gone (its process no longer exists, or it is old). */
function isStale(lock: string): boolean {
  let text: string;
  try {
    if (Date.now() - lstatSync(lock).mtimeMs > STALE_LOCK_MS) return true;
    text = readRegularFile(lock).toString('utf8');
  } catch {
    return false; // being created, or not a lock we can judge: wait for it
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes the lock of one file (a file created exclusively beside it, holding this process's
 * id): two runs of --fix never check and replace the same file at the same time. Returns
 * why not, when it cannot be taken.
 */
function lock(file: string, waitMs: number): string | undefined {
  const lockFile = lockOf(file);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot lock the file: ${describeFsError(e)}`;
    }
    if (isStale(lockFile)) {
      try {
        unlinkSync(lockFile);
      } catch {
        // another run removed it first
      }
      continue;
    }
    if (Date.now() > deadline) return `another session-audit run is writing this file (${path.basename(lockFile)} stayed for ${waitMs / 1000} s)`;
    sleep(25);
  }
}

function unlock(file: string): void {
  try {
    unlinkSync(lockOf(file));
  } catch {
    // already gone
  }
}

/** Why a file's fix cannot be written now: it must not be written, or it is no longer the text that was analyzed. */
function stale(file: string, before: string): { refusal: string } | { hasBom: boolean } {
  const refusal = refuseToWrite(file);
  if (refusal) return { refusal };
  const bytes = readRegularFile(file);
  const disk = bytes.toString('utf8');
  // Invalid UTF-8 was read as U+FFFD: writing the text back would change bytes no fix touched.
  if (!Buffer.from(disk, 'utf8').equals(bytes)) return { refusal: 'the file is not valid UTF-8 (writing it would change bytes the fix does not touch)' };
  const hasBom = disk.startsWith(BOM);
  const diskText = hasBom ? disk.slice(1) : disk;
  const analyzed = before.startsWith(BOM) ? before.slice(1) : before;
  if (diskText !== analyzed) return { refusal: 'the file changed on disk during the run' };
  return { hasBom };
}

/**
 * Writes the fixed texts, each only when the file on disk still holds the text that was
 * analyzed. Every file is locked first (in name order: two runs never wait for each other
 * in a circle), then checked, then written atomically, then unlocked: a concurrent run
 * finds the file changed and leaves it unfixed, rather than replacing it with a text that
 * lacks this run's fix. `linked`: the files each applied fix edits; when one of them cannot
 * be written, the others of that fix are not written either (a fix is never half applied).
 * Returns the files written and, for every other file, why. `lockWaitMs`: how long to wait
 * for another run's lock (10 s).
 */
export function writeFixes(
  changes: ReadonlyMap<string, { before: string; after: string }>,
  opts: { linked?: readonly (readonly string[])[]; lockWaitMs?: number } = {},
): { written: string[]; errors: { file: string; message: string }[] } {
  const written: string[] = [];
  const failed = new Map<string, string>();
  const files = [...changes.keys()].sort();
  const locked: string[] = [];
  const bom = new Map<string, boolean>();
  try {
    for (const file of files) {
      const why = lock(file, opts.lockWaitMs ?? LOCK_WAIT_MS);
      if (why) {
        failed.set(file, why);
        continue;
      }
      locked.push(file);
      try {
        const state = stale(file, changes.get(file)!.before);
        if ('refusal' in state) failed.set(file, state.refusal);
        else bom.set(file, state.hasBom);
      } catch (e) {
        failed.set(file, describeFsError(e));
      }
    }
    // A fix that edits several files is written whole or not at all.
    for (let grew = true; grew; ) {
      grew = false;
      for (const group of opts.linked ?? []) {
        const blocked = group.find((f) => failed.has(f));
        if (blocked === undefined) continue;
        for (const f of group) {
          if (failed.has(f) || !changes.has(f)) continue;
          failed.set(f, `the same fix edits ${path.basename(blocked)}, which could not be written`);
          grew = true;
        }
      }
    }
    for (const file of files) {
      if (failed.has(file)) continue;
      const after = changes.get(file)!.after;
      const body = after.startsWith(BOM) ? after.slice(1) : after;
      try {
        writeAtomic(file, (bom.get(file) ? BOM : '') + body, { mode: statSync(file).mode & 0o7777 });
        written.push(file);
      } catch (e) {
        failed.set(file, describeFsError(e));
      }
    }
  } finally {
    for (const file of locked) unlock(file);
  }
  const errors = files.filter((f) => failed.has(f)).map((file) => ({ file, message: `not fixed: ${failed.get(file)!}` }));
  return { written, errors };
}

/**
 * A unified diff of the changes, paths relative to cwd with git's a/ and b/ prefixes (for
 * `git apply`). Names are quoted as git quotes them (a newline or ESC in a file name stays
 * inside one header line), with git's tab after a name that holds a space.
 */
export async function unifiedDiff(cwd: string, changes: ReadonlyMap<string, { before: string; after: string }>): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  let out = '';
  for (const file of [...changes.keys()].sort()) {
    const { before, after } = changes.get(file)!;
    const rel = relativePath(cwd, file);
    const a = gitQuotedPath(`a/${rel}`);
    const b = gitQuotedPath(`b/${rel}`);
    const tab = rel.includes(' ') ? '\t' : '';
    const patch = createTwoFilesPatch('a', 'b', before.replace(/^\uFEFF/, ''), after.replace(/^\uFEFF/, ''), undefined, undefined, { context: 3 });
    // The hunks only: the headers are written here, quoted.
    const hunks = patch.slice(patch.indexOf('\n@@ ') + 1);
    out += `diff --git ${a} ${b}\n--- ${a}${tab}\n+++ ${b}${tab}\n${hunks}`;
  }
  return out;
}
