/**
 * Where output goes and how it looks: colour decision, the progress line on
 * stderr, and writing report or baseline files.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
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
export function writeAtomicNew(file: string, text: string): void {
  writeAtomic(file, text, { makeFolder: true });
}
