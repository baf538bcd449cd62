/**
 * Baselines: adopt session-audit on an existing codebase by recording today's
 * findings and failing only on new ones.
 *
 * A finding's identity is its rule and what it is about in the code (identity.ts): the
 * name of what it configures, the normalized code context and the bad value, not the file's
 * path or the line. Renaming or moving a file, adding lines above, re-indenting keep a finding
 * baselined; changing the bad value (or the code it is reported on) makes it new. The same
 * identity may occur several times; the baseline keeps the count, and only occurrences beyond
 * it are reported.
 *
 * Version 1 files (identity: the file and a hash of the reported line) still load: their
 * entries match findings as they did, and `--update-baseline` rewrites them as version 2.
 */
import type { ProjectFiles } from './boundary.js';
import { describeFsError } from './discover.js';
import { UsageError } from './errors.js';
import { writeOutputFile } from './output.js';
import type { ResultFinding } from './results.js';
import { relativePath } from './text.js';

const BASELINE_VERSION = 2;

export interface BaselineEntry {
  readonly rule: string;
  /** identity.ts: 16 hex digits. */
  readonly identity: string;
  readonly count: number;
  /** For people reading the file: the message, the code context (secrets masked) and the files when it was recorded. */
  readonly message?: string;
  readonly context?: string;
  readonly files?: readonly string[];
}

export interface BaselineFile {
  readonly version: number;
  readonly tool: string;
  readonly findings: readonly BaselineEntry[];
}

/** The counts a baseline allows, by identity (version 2) and by the version 1 key (file and line hash). */
export interface Baseline {
  readonly version: 1 | 2;
  readonly byIdentity: ReadonlyMap<string, number>;
  readonly byLine: ReadonlyMap<string, number>;
}

function identityKey(rule: string, identity: string): string {
  return `${rule}\u0000${identity}`;
}

function lineKey(rule: string, file: string, lineHash: string): string {
  return `${rule}\u0000${file}\u0000${lineHash}`;
}

const count = (n: unknown) => (Number.isInteger(n) && (n as number) > 0 ? (n as number) : 1);

/** Validates a parsed baseline file (version 1 or 2). */
function parseBaseline(raw: unknown, shown: string): Baseline {
  const b = raw as Partial<BaselineFile>;
  if (typeof b !== 'object' || b === null || (b.version !== 1 && b.version !== BASELINE_VERSION) || !Array.isArray(b.findings)) {
    throw new UsageError(`${shown} is not a session-audit baseline (version ${BASELINE_VERSION}, or 1); recreate it with --update-baseline`);
  }
  const byIdentity = new Map<string, number>();
  const byLine = new Map<string, number>();
  for (const e of b.findings as unknown[]) {
    const entry = e as Record<string, unknown> | null;
    if (b.version === 1 && typeof entry?.rule === 'string' && typeof entry.file === 'string' && typeof entry.lineHash === 'string') {
      const k = lineKey(entry.rule, entry.file, entry.lineHash);
      byLine.set(k, (byLine.get(k) ?? 0) + count(entry.count));
    } else if (b.version === 2 && typeof entry?.rule === 'string' && typeof entry.identity === 'string') {
      const k = identityKey(entry.rule, entry.identity);
      byIdentity.set(k, (byIdentity.get(k) ?? 0) + count(entry.count));
    } else {
      throw new UsageError(`${shown}: malformed entry ${JSON.stringify(e)}`);
    }
  }
  return { version: b.version, byIdentity, byLine };
}

/**
 * Reads a baseline through the project boundary (a path the user named: a regular file, of
 * limited size, never a device or FIFO, and not led out of the project by a symbolic link).
 */
export function readBaseline(file: string, shown: string, files: ProjectFiles): Baseline {
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
  return parseBaseline(raw, shown);
}

/** Splits findings into new ones and those the baseline accounts for (by identity; a version 1 baseline by file and line). */
export function applyBaseline(findings: readonly ResultFinding[], baseline: Baseline, baselineDir: string) {
  const byIdentity = new Map(baseline.byIdentity);
  const byLine = new Map(baseline.byLine);
  const take = (left: Map<string, number>, k: string) => {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    return n > 0;
  };
  const fresh: ResultFinding[] = [];
  let known = 0;
  for (const f of findings) {
    if (take(byIdentity, identityKey(f.ruleId, f.identity)) || take(byLine, lineKey(f.ruleId, relativePath(baselineDir, f.file), f.lineHash))) known++;
    else fresh.push(f);
  }
  return { fresh, known };
}

/** The baseline of these findings (give them masked: the file is read and committed by people). */
export function baselineOf(findings: readonly ResultFinding[], baselineDir: string, tool: string): BaselineFile {
  const entries = new Map<string, { rule: string; identity: string; count: number; message: string; context: string; files: Set<string> }>();
  for (const f of findings) {
    const k = identityKey(f.ruleId, f.identity);
    const file = relativePath(baselineDir, f.file);
    const e = entries.get(k);
    if (e) {
      e.count++;
      e.files.add(file);
    } else entries.set(k, { rule: f.ruleId, identity: f.identity, count: 1, message: f.message, context: f.context, files: new Set([file]) });
  }
  const sorted = [...entries.values()]
    .map((e) => ({ rule: e.rule, identity: e.identity, count: e.count, message: e.message, context: e.context, files: [...e.files].sort() }))
    .sort((a, b) => (a.files[0]! < b.files[0]! ? -1 : a.files[0]! > b.files[0]! ? 1 : 0) || a.rule.localeCompare(b.rule) || a.identity.localeCompare(b.identity));
  return { version: BASELINE_VERSION, tool, findings: sorted };
}

/** Writes a baseline as `-o` writes a report (a user error when it cannot be written: `cannot write ...`). */
export function writeBaseline(file: string, shown: string, baseline: BaselineFile, files: ProjectFiles): void {
  writeOutputFile(file, shown, `${JSON.stringify(baseline, null, 2)}\n`, files);
}
