/**
 * A time budget for the analysis of one file: the front end starts it before a
 * file and stops it after; the evaluator checks it as it works, so a file whose
 * analysis would take unreasonably long becomes a diagnostic instead of a hang.
 * (Parsing and tree walks are linear in the file's size; the evaluator is where
 * work can multiply, so that is where the budget is checked.)
 */
export class TimeBudgetExceeded extends Error {
  override readonly name = 'TimeBudgetExceeded';
}

export class TimeBudget {
  private deadline = Number.POSITIVE_INFINITY;
  private ticks = 0;

  constructor(
    /** Milliseconds a file may take. */
    readonly limitMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    this.deadline = this.now() + this.limitMs;
    this.ticks = 0;
  }

  stop(): void {
    this.deadline = Number.POSITIVE_INFINITY;
  }

  /** Throws TimeBudgetExceeded once the deadline has passed (the clock is read every 64 calls). */
  readonly check = (): void => {
    if ((++this.ticks & 63) === 0 && this.now() > this.deadline) {
      throw new TimeBudgetExceeded(`analysis stopped after ${formatMs(this.limitMs)}`);
    }
  };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
