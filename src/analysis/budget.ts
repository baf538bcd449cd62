/**
 * Budgets for the analysis: time per file, time for the run, and memory.
 *
 * A front end starts the budget before it works on a file and stops it after; the
 * evaluator checks it as it works (`EngineHost.checkBudget`), so a file whose analysis
 * would take unreasonably long becomes a diagnostic instead of a hang. A file's time adds
 * up over the whole run (the modules its analysis loads, and every --fix pass, count
 * against it); the run has a deadline of its own. (Parsing and tree walks are linear in
 * the file's size; the evaluator is where work can multiply, so that is where the budget
 * is checked.)
 *
 * Memory: the used heap is compared with V8's limit every few thousand checks; when it
 * stays above most of the limit after a full collection, the analysis stops with
 * `MemoryExhausted` (the front end then reports what it did and why it stopped, instead of
 * V8 aborting the process with no report).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How long the analysis of one file may take by default, over a whole run (CLI: SESSION_AUDIT_FILE_TIMEOUT_MS). */
export const DEFAULT_FILE_TIMEOUT_MS = 30_000;
/** How long the analysis of a whole run may take by default (CLI: SESSION_AUDIT_RUN_TIMEOUT_MS). */
export const DEFAULT_RUN_TIMEOUT_MS = 600_000;

export class TimeBudgetExceeded extends Error {
  override readonly name = 'TimeBudgetExceeded';
  constructor(
    message: string,
    /** Whether the run's deadline passed (not only this file's). */
    readonly wholeRun = false,
  ) {
    super(message);
  }
}

export class MemoryExhausted extends Error {
  override readonly name = 'MemoryExhausted';
}

/** What an exception that stops an analysis says about it (undefined: another kind of failure). */
export function isBudgetStop(e: unknown): e is TimeBudgetExceeded | MemoryExhausted {
  return e instanceof TimeBudgetExceeded || e instanceof MemoryExhausted;
}

export function formatMs(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

/** Used heap against V8's limit, with a full collection on demand. */
export class HeapWatch {
  private gc: (() => void) | null | undefined;
  /** The used heap at which `pressure` looks again (after a collection: halfway from the live heap to the limit). */
  private mark: number | undefined;

  constructor(
    /** Fraction of the heap limit above which memory counts as short (after a full collection). */
    readonly hardFraction = 0.85,
    /** Fraction above which a front end should release what it can (caches, the current batch). */
    readonly softFraction = 0.5,
    private readonly stats: () => { used: number; limit: number } = () => {
      const s = getHeapStatistics();
      return { used: s.used_heap_size, limit: s.heap_size_limit };
    },
  ) {}

  /**
   * Whether the live heap is above the soft mark. Cheap until the used heap (garbage
   * included) passes a mark; then one full collection tells the live size, and the mark
   * moves halfway from it to the limit, so collections stay rare.
   */
  pressure(): boolean {
    const { used, limit } = this.stats();
    if (used <= (this.mark ?? limit * this.softFraction)) return false;
    this.collect();
    const live = this.stats().used;
    this.mark = Math.max(limit * this.softFraction, live + (limit - live) / 2);
    return live > limit * this.softFraction;
  }

  /** A full collection when the heap's room is below `bytes` (so that `room` counts live data, not garbage). */
  collectIfNear(bytes: number): void {
    if (this.room() < bytes) this.collect();
  }

  /** Bytes the heap can still take before the hard mark (garbage counted as used: a lower bound). */
  room(): number {
    const { used, limit } = this.stats();
    return Math.max(0, limit * this.hardFraction - used);
  }

  /** Throws MemoryExhausted when the heap stays above the hard mark after a full collection. */
  check(): void {
    const { used, limit } = this.stats();
    if (used <= limit * this.hardFraction) return;
    const short = this.short();
    if (short) throw new MemoryExhausted(short);
  }

  /** After a full collection: why memory is short, when the heap is still above the hard mark. */
  short(): string | undefined {
    this.collect();
    const { used, limit } = this.stats();
    return used > limit * this.hardFraction ? `memory ran short (heap ${formatBytes(used)} of ${formatBytes(limit)})` : undefined;
  }

  /** A full garbage collection, when V8 lets us ask for one (only ever under memory pressure). */
  collect(): void {
    if (this.gc === undefined) {
      try {
        setFlagsFromString('--expose-gc');
        this.gc = runInNewContext('gc') as () => void;
      } catch {
        this.gc = null;
      }
    }
    this.gc?.();
  }
}

export interface BudgetOptions {
  /** Milliseconds the analysis of one file may take, over the whole run. */
  readonly fileMs: number;
  /** Milliseconds the whole run's analysis may take (default: no limit). */
  readonly runMs?: number;
  /** The memory watch (default: none). */
  readonly heap?: HeapWatch;
  readonly now?: () => number;
}

export class TimeBudget {
  readonly limitMs: number;
  readonly runLimitMs: number;
  private readonly now: () => number;
  private readonly heap: HeapWatch | undefined;
  private readonly runDeadline: number;
  private readonly spent = new Map<string, number>();
  private file: string | undefined;
  private started = 0;
  private deadline = Number.POSITIVE_INFINITY;
  private ticks = 0;

  constructor(limitOrOptions: number | BudgetOptions, now?: () => number) {
    const o: BudgetOptions = typeof limitOrOptions === 'number' ? { fileMs: limitOrOptions, now } : limitOrOptions;
    this.limitMs = o.fileMs;
    this.runLimitMs = o.runMs ?? Number.POSITIVE_INFINITY;
    this.now = o.now ?? (() => performance.now());
    this.heap = o.heap;
    this.runDeadline = this.now() + this.runLimitMs;
  }

  /** Starts (or resumes) timing a file; its earlier time in this run counts. */
  start(file = ''): void {
    this.file = file;
    this.started = this.now();
    this.deadline = Math.min(this.started + this.limitMs - (this.spent.get(file) ?? 0), this.runDeadline);
    this.ticks = 0;
  }

  /** Stops timing the current file; returns the milliseconds of this stretch. */
  stop(): number {
    if (this.file === undefined) return 0;
    const ms = this.now() - this.started;
    this.spent.set(this.file, (this.spent.get(this.file) ?? 0) + ms);
    this.file = undefined;
    this.deadline = Number.POSITIVE_INFINITY;
    return ms;
  }

  /** Forgets the time files have taken (a front end that lints files one at a time: the last one is done). */
  clear(): void {
    this.spent.clear();
  }

  /** Whether the run's deadline has passed. */
  runOver(): boolean {
    return this.now() > this.runDeadline;
  }

  /** The message for a file the run had no time left for. */
  runOverMessage(): string {
    return `the run reached its time limit of ${formatMs(this.runLimitMs)}`;
  }

  /**
   * Throws TimeBudgetExceeded once the deadline has passed (the clock is read every 64
   * calls), MemoryExhausted when the heap stays near its limit (read every 4096 calls).
   */
  readonly check = (): void => {
    const t = ++this.ticks;
    if ((t & 63) !== 0) return;
    const now = this.now();
    if (now > this.deadline) {
      if (now > this.runDeadline) throw new TimeBudgetExceeded(`analysis stopped: ${this.runOverMessage()}`, true);
      throw new TimeBudgetExceeded(`analysis stopped after ${formatMs(this.limitMs)}`);
    }
    if ((t & 4095) === 0) this.heap?.check();
  };
}
