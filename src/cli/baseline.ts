/**
 * Baselines: adopt session-audit on an existing codebase by recording today's
 * findings and failing only on new ones.
 *
 * A finding's identity is its rule, its file (relative to the baseline file's
 * folder) and a hash of the reported line's text with whitespace normalized:
 * it survives lines added or removed above it and re-indentation, and is lost
 * when the line itself changes (then it is a new finding, as it should be). The
 * same identity may occur several times; the baseline keeps the count, and
 * only occurrences beyond it are reported.
 */
import type { ProjectFiles } from './boundary.js';
import { describeFsError } from './discover.js';
import { UsageError } from './errors.js';
import { writeOutputFile } from './output.js';
import type { ResultFinding } from './results.js';
import { relativePath } from './text.js';

const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly rule: string;
  readonly file: string;
  readonly lineHash: string;
  readonly count: number;
  /** For people reading the file: the message and line when it was recorded. */
  readonly message?: string;
}

export interface BaselineFile {
  readonly version: number;
  readonly tool: string;
  readonly findings: readonly BaselineEntry[];
}

function keyOf(rule: string, file: string, lineHash: string): string {
  return `${rule}\u0000${file}\u0000${lineHash}`;
}

/**
 * Reads a baseline through the project boundary (a path the user named: a regular file, of
 * limited size, never a device or FIFO, and not led out of the project by a symbolic link).
 */
export function readBaseline(file: string, shown: string, files: ProjectFiles): Map<string, number> {
  let text: string;
  try {
    text = files.read(file, 'named');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`baseline file not found: ${shown} (create it with --update-baseline)`);
    throw new UsageError(`cannot read baseline ${shown}: ${describeFsError(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`cannot read baseline ${shown}: ${(e as Error).message}`);
  }
  const b = raw as Partial<BaselineFile>;
  if (typeof b !== 'object' || b === null || b.version !== BASELINE_VERSION || !Array.isArray(b.findings)) {
    throw new UsageError(`${shown} is not a session-audit baseline (version ${BASELINE_VERSION}); recreate it with --update-baseline`);
  }
  const counts = new Map<string, number>();
  for (const e of b.findings) {
    if (typeof e?.rule !== 'string' || typeof e.file !== 'string' || typeof e.lineHash !== 'string') {
      throw new UsageError(`${shown}: malformed entry ${JSON.stringify(e)}`);
    }
    const k = keyOf(e.rule, e.file, e.lineHash);
    counts.set(k, (counts.get(k) ?? 0) + (Number.isInteger(e.count) && e.count > 0 ? e.count : 1));
  }
  return counts;
}

/** Splits findings into new ones and those the baseline accounts for. */
export function applyBaseline(findings: readonly ResultFinding[], counts: ReadonlyMap<string, number>, baselineDir: string) {
  const left = new Map(counts);
  const fresh: ResultFinding[] = [];
  let known = 0;
  for (const f of findings) {
    const k = keyOf(f.ruleId, relativePath(baselineDir, f.file), f.lineHash);
    const n = left.get(k) ?? 0;
    if (n > 0) {
      left.set(k, n - 1);
      known++;
    } else fresh.push(f);
  }
  return { fresh, known };
}

export function baselineOf(findings: readonly ResultFinding[], baselineDir: string, tool: string): BaselineFile {
  const entries = new Map<string, { rule: string; file: string; lineHash: string; count: number; message: string }>();
  for (const f of findings) {
    const file = relativePath(baselineDir, f.file);
    const k = keyOf(f.ruleId, file, f.lineHash);
    const e = entries.get(k);
    if (e) e.count++;
    else entries.set(k, { rule: f.ruleId, file, lineHash: f.lineHash, count: 1, message: f.message });
  }
  const sorted = [...entries.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.rule.localeCompare(b.rule) || a.lineHash.localeCompare(b.lineHash));
  return { version: BASELINE_VERSION, tool, findings: sorted };
}

/** Writes a baseline as `-o` writes a report (a user error when it cannot be written: `cannot write ...`). */
export function writeBaseline(file: string, shown: string, baseline: BaselineFile, files: ProjectFiles): void {
  writeOutputFile(file, shown, `${JSON.stringify(baseline, null, 2)}\n`, files);
}
