/**
 * The suites that run every rule case through the CLI (cli-parity.test.ts, test/cli/compose.test.ts)
 * grow with the catalog. They run the cases in batches of at most BATCH_SIZE: one CLI run per
 * batch, and each batch its own hook and tests with their own time limits. So no single test or
 * hook takes longer as rule cases are added (the file as a whole grows linearly), and every case
 * is still checked. A failure names its batch (`cases N-M`).
 */
const BATCH_SIZE = 150;

export interface Batch<T> {
  /** `cases 0-149`: the indexes of its first and last item. */
  readonly label: string;
  readonly items: readonly T[];
}

/** `items` in order, cut into the fewest batches of at most `max`, of even sizes (no batch of one left at the end). */
export function inBatches<T>(items: readonly T[], max = BATCH_SIZE): Batch<T>[] {
  const size = Math.ceil(items.length / Math.max(1, Math.ceil(items.length / max)));
  const out: Batch<T>[] = [];
  for (let at = 0; at < items.length; at += size) {
    const slice = items.slice(at, at + size);
    out.push({ label: `cases ${at}-${at + slice.length - 1}`, items: slice });
  }
  return out;
}
