/**
 * `--changed-since <ref>`: the lines a pull request changes, as a reviewer sees them. The
 * base is the merge base of the ref and HEAD (what `git diff ref...HEAD` and semgrep's
 * `--baseline-commit` compare against); the other side is the working tree (committed,
 * staged and unstaged changes, and files git does not track yet).
 *
 * The scanned repository may be hostile, so git only reads its object database: it resolves
 * the ref, finds the merge base, lists the renames between the base and HEAD and prints the
 * base's version of a file (`cat-file`, no filters). It never reads the working tree (no
 * clean filters, textconv drivers, external diffs or fsmonitor hooks a repository's config
 * could name), and the working tree's text is diffed here, against the text session-audit
 * read itself. git runs from an argument array (no shell), with hooks and fsmonitor off,
 * no lazy fetch of missing objects, and a time limit.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { structuredPatch } from 'diff';
import { UsageError } from './errors.js';

/** How long one git command may take. */
const GIT_TIMEOUT_MS = 30_000;

/** The lines of a file that changed: 'all' for a file the base does not have. */
export type Changed = ReadonlySet<number> | 'all';

export interface ChangedSince {
  /** The ref as given, for messages. */
  readonly ref: string;
  /** The merge base's commit id. */
  readonly base: string;
  /** The 1-based lines of `file` (absolute) whose text differs from the base's, given its current text. */
  changedLines(file: string, text: string): Changed;
}

interface GitResult {
  readonly status: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function git(cwd: string, args: readonly string[], env: Readonly<Record<string, string | undefined>>): GitResult {
  const r = spawnSync(
    'git',
    ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.quotePath=false', ...args],
    {
      cwd,
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
      // No pager, no prompt, no fetch of objects a partial clone lacks.
      env: { ...process.env, ...env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_NO_LAZY_FETCH: '1', GIT_OPTIONAL_LOCKS: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    },
  );
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError('--changed-since needs git, and git was not found on the PATH');
    if (code === 'ETIMEDOUT') throw new UsageError(`--changed-since: git ${args[0]} took longer than ${GIT_TIMEOUT_MS / 1000} s`);
    throw new UsageError(`--changed-since: git ${args[0]} failed: ${r.error.message}`);
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim() !== '') ?? '').replace(/^(fatal|error): /, '').trim();
}

/** The lines of `after` that differ from `before` (added or changed), and those beside a deletion. */
export function diffLines(before: string, after: string): Set<number> {
  const norm = (s: string) => s.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const patch = structuredPatch('a', 'b', norm(before), norm(after), undefined, undefined, { context: 0 });
  const out = new Set<number>();
  for (const h of patch.hunks) {
    if (h.newLines > 0) {
      for (let l = h.newStart; l < h.newStart + h.newLines; l++) out.add(l);
    } else {
      // Lines were removed before line newStart (jsdiff's count): the lines on both sides of the cut changed meaning.
      if (h.newStart > 1) out.add(h.newStart - 1);
      out.add(h.newStart);
    }
  }
  return out;
}

/**
 * Resolves `ref` against the repository around `cwd`: a usage error when git is missing,
 * `cwd` is not in a work tree, the ref names no commit, or it has no common history with HEAD.
 */
export function changedSince(ref: string, cwd: string, env: Readonly<Record<string, string | undefined>>): ChangedSince {
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--changed-since expects a git ref (a branch, tag or commit), got '${ref}'`);
  const top = git(cwd, ['rev-parse', '--show-toplevel'], env);
  if (top.status !== 0) throw new UsageError(`--changed-since: ${cwd} is not in a git repository (${firstLine(top.stderr) || 'git rev-parse failed'})`);
  const root = top.stdout.toString('utf8').replace(/\n$/, '');
  const commit = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], env);
  if (commit.status !== 0) throw new UsageError(`--changed-since: '${ref}' is not a commit in this repository (a shallow clone may lack it: fetch it, or check out with fetch-depth: 0)`);
  const refId = commit.stdout.toString('utf8').trim();
  const head = git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], env);
  if (head.status !== 0) throw new UsageError('--changed-since: the repository has no commit yet (HEAD names none)');
  const mb = git(cwd, ['merge-base', refId, head.stdout.toString('utf8').trim()], env);
  if (mb.status !== 0) throw new UsageError(`--changed-since: '${ref}' and HEAD have no common history (a shallow clone may lack it: check out with fetch-depth: 0)`);
  const base = mb.stdout.toString('utf8').trim();

  // Renames between the base and HEAD (trees only): a moved file is compared with its old self.
  const renames = new Map<string, string>();
  const ns = git(cwd, ['diff', '--no-ext-diff', '--no-textconv', '--no-relative', '--name-status', '-z', '--find-renames', base, 'HEAD', '--'], env);
  if (ns.status === 0) {
    const parts = ns.stdout.toString('utf8').split('\0');
    for (let i = 0; i < parts.length; ) {
      const status = parts[i++] ?? '';
      if (status.startsWith('R') || status.startsWith('C')) {
        const from = parts[i++]!;
        const to = parts[i++]!;
        if (status.startsWith('R')) renames.set(to, from);
      } else if (status !== '') i++;
    }
  }

  const cache = new Map<string, { text: string; lines: Changed }>();
  return {
    ref,
    base,
    changedLines(file: string, text: string): Changed {
      const rel = path.relative(root, file).split(path.sep).join('/');
      const known = cache.get(rel);
      if (known && known.text === text) return known.lines;
      let result: Changed;
      if (rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) result = 'all';
      else {
        const old = renames.get(rel) ?? rel;
        const blob = git(root, ['cat-file', 'blob', `${base}:${old}`], env);
        result = blob.status === 0 ? diffLines(blob.stdout.toString('utf8'), text) : 'all';
      }
      cache.set(rel, { text, lines: result });
      return result;
    },
  };
}

/** Where a finding lies, as `keepChanged` needs it. */
interface Located {
  readonly file: string;
  readonly message: string;
  readonly range: { readonly start: { readonly line: number }; readonly end: { readonly line: number } };
  readonly causes?: readonly { readonly file: string; readonly start: number; readonly end: number }[];
}

/**
 * The findings a pull request touches: those on a changed line, and those on an unchanged
 * line with a cause that changed (the message then names the first changed cause). Returns
 * each kept finding's index and message. `lineOf` locates a cause; `textOf` gives a file's
 * current text (undefined: not known, taken as unchanged).
 */
export function keepChanged(
  findings: readonly Located[],
  changed: ChangedSince,
  opts: { textOf: (file: string) => string | undefined; lineOf: (file: string, offset: number) => number; pathOf: (file: string) => string },
): Map<number, string> {
  const touches = (file: string, from: number, to: number): boolean => {
    const text = opts.textOf(file);
    if (text === undefined) return false;
    const lines = changed.changedLines(file, text);
    if (lines === 'all') return true;
    for (let l = from; l <= to; l++) if (lines.has(l)) return true;
    return false;
  };
  const out = new Map<number, string>();
  findings.forEach((f, i) => {
    if (touches(f.file, f.range.start.line, f.range.end.line)) {
      out.set(i, f.message);
      return;
    }
    for (const c of f.causes ?? []) {
      const line = opts.lineOf(c.file, c.start);
      if (!touches(c.file, line, Math.max(line, opts.lineOf(c.file, Math.max(c.start, c.end - 1))))) continue;
      out.set(i, `${f.message} Reported because its cause changed since ${changed.ref}: ${opts.pathOf(c.file)}:${line}.`);
      return;
    }
  });
  return out;
}
