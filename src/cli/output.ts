/**
 * Where output goes and how it looks: colour decision, the progress line on
 * stderr, writing report or baseline files, and holding signals while files are written.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ProjectFiles } from './boundary.js';
import { describeFsError } from './discover.js';
import { UsageError } from './errors.js';
import type { OutputStream } from './io.js';

/**
 * Colour: --color/--no-color, else NO_COLOR (any non-empty value) turns it off,
 * else FORCE_COLOR turns it on ('0' or 'false' off), else on for a terminal.
 * chalk 5 ignores NO_COLOR, so the decision is made here and chalk is told.
 */
export function useColor(flag: boolean | undefined, env: Readonly<Record<string, string | undefined>>, stream: OutputStream | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  return Boolean(stream?.isTTY) && env.TERM !== 'dumb';
}

/** Continuous integration, where logs are read later and a progress line is noise. */
export function isCI(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return true;
  return Boolean(env.GITHUB_ACTIONS || env.BUILD_NUMBER || env.RUN_ID || env.TF_BUILD || env.GITLAB_CI || env.BUILDKITE);
}

/** A one-line progress indicator on a terminal's stderr, redrawn at most every 100 ms and cleared at the end. */
export class Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly enabled: boolean,
  ) {}

  update(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    let line = `${label} ${done}/${total}`;
    if (line.length > width) line = `${line.slice(0, width - 1)}…`;
    this.stream.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}

/**
 * Writes a file atomically: a temporary file in the same folder, created exclusively, then a
 * rename over the target (a reader sees the whole old text or the whole new one, never part).
 * `mode`: the new file's permissions (a fixed file keeps its own; set again after creation,
 * past the umask); `makeFolder`: create the folder first (a report or baseline path).
 */
export function writeAtomic(file: string, text: string, opts: { mode?: number; makeFolder?: boolean } = {}): void {
  if (opts.makeFolder) mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.session-audit-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx', ...(opts.mode !== undefined ? { mode: opts.mode } : {}) });
    if (opts.mode !== undefined) chmodSync(tmp, opts.mode);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}

/** A report or baseline: written atomically, its folder created when missing. */
function writeAtomicNew(file: string, text: string): void {
  writeAtomic(file, text, { makeFolder: true });
}

/** Flags for writing to a device, FIFO or socket: no create, no truncation of what is behind it, never its controlling terminal. */
const STREAM_FLAGS = constants.O_WRONLY | constants.O_APPEND | (constants.O_NOCTTY ?? 0);

/**
 * Whether a target is written as a stream rather than replaced: anything under /dev or /proc
 * (`/dev/stdout` is a symbolic link; renaming over it would replace it with a regular file,
 * and `/proc/self/fd/1` may name a file the shell opened), a device, a FIFO or a socket.
 */
function isStreamTarget(file: string): boolean {
  if (path.sep === '/' && /^\/(dev|proc)\//.test(file)) return true;
  try {
    const st = statSync(file);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false; // a new file
  }
}

/**
 * The standard stream a report path names, if it names one: `-`, /dev/stdout, /dev/stderr,
 * /dev/fd/1 or 2, /proc/self/fd/1 or 2. Written through the process's own stream (in order
 * with the rest of its output; opening /proc/self/fd/1 fails when it is a socket).
 */
export function standardStream(target: string): 'stdout' | 'stderr' | undefined {
  if (target === '-' || target === '/dev/stdout' || target === '/dev/fd/1' || target === '/proc/self/fd/1') return 'stdout';
  if (target === '/dev/stderr' || target === '/dev/fd/2' || target === '/proc/self/fd/2') return 'stderr';
  return undefined;
}

/** `/dev/fd/N` and `/proc/self/fd/N`: a descriptor this process already holds (written to as it is, never reopened). */
function inheritedDescriptor(file: string): number | undefined {
  const m = /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(file);
  return m ? Number(m[1]) : undefined;
}

/**
 * Writes a report or baseline the user named (`shown`: as they wrote it): to a regular file or
 * a new path atomically (a temporary file, then a rename), to a device, FIFO or /dev path as a
 * stream (never replacing the node or link). A path named inside the project that a symbolic
 * link leads out of it is refused. Every failure is a user error: `cannot write <shown>: <why>`.
 */
export function writeOutputFile(file: string, shown: string, text: string, files: ProjectFiles): void {
  const refusal = files.writeRefusal(file);
  if (refusal) throw new UsageError(`cannot write ${shown}: ${refusal}`);
  try {
    const inherited = inheritedDescriptor(file);
    if (inherited !== undefined) writeFileSync(inherited, text, 'utf8');
    else if (isStreamTarget(file)) {
      const fd = openSync(file, STREAM_FLAGS);
      try {
        writeFileSync(fd, text, 'utf8');
      } finally {
        closeSync(fd);
      }
    } else writeAtomicNew(file, text);
  } catch (e) {
    throw new UsageError(`cannot write ${shown}: ${describeFsError(e)}`);
  }
}

const HELD_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How many `holdingSignals` writes are running, and the first signal that arrived during one. */
let writing = 0;
let held: NodeJS.Signals | undefined;
let listening = false;

/** Dies by `signal` as if no listener had been there (the default action: exit status 128 + n). */
function raise(signal: NodeJS.Signals): void {
  for (const s of HELD_SIGNALS) process.off(s, onSignal);
  listening = false;
  process.kill(process.pid, signal);
}

function onSignal(signal: NodeJS.Signals): void {
  if (writing > 0) held ??= signal;
  else raise(signal);
}

/**
 * Runs `write` (synchronous file writes) with SIGINT, SIGTERM and SIGHUP held: a signal
 * that arrives meanwhile takes effect once every file is whole and no temporary file is
 * left. The process then dies by that signal, as it would have (exit status 128 + n).
 * Node hands a caught signal to its listeners from the event loop, a turn or two later:
 * the listeners stay installed after the writes (outside a write they raise the signal
 * again at once, which is what no listener would have done), so none is ever lost.
 */
export async function holdingSignals<T>(write: () => T): Promise<T> {
  if (!listening) {
    for (const s of HELD_SIGNALS) process.on(s, onSignal);
    listening = true;
  }
  writing++;
  try {
    return write();
  } finally {
    writing--;
    if (writing === 0 && held) raise(held);
    // Two turns of the event loop: a signal caught during the writes is raised before anything else is done.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
  }
}
