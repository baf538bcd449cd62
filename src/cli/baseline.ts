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
 * Older files still load, and `--update-baseline` rewrites them as version 3:
 * - version 1 (identity: the file and a hash of the reported line): their entries match
 *   findings as they did (`formerLineHash`: the line hashed as is, a secret's text included;
 *   line hashes are now made with secrets masked);
 * - version 2 (identities hashed from the code as is, a secret's text included; before the
 *   shared-definition grouping, one entry per call): a finding matches its own identity, or
 *   the former ones (`Former`: its identity from the unmasked text; for a finding that stands
 *   for several calls' findings, theirs, every one of them, as the version 2 file counted them).
 */
import type { ProjectFiles } from './boundary.js';
import { describeFsError } from './discover.js';
import { UsageError } from './errors.js';
import { writeOutputFile } from './output.js';
import type { ResultFinding } from './results.js';
import { relativePath } from './text.js';

const BASELINE_VERSION = 3;

export interface BaselineEntry {
  readonly rule: string;
  /** identity.ts: 16 hex digits (version 3: from the text with secrets masked). */
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

/** The counts a baseline allows, by identity (versions 2 and 3) and by the version 1 key (file and line hash). */
export interface Baseline {
  readonly version: 1 | 2 | 3;
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

/**
 * What a finding was called by version 2 baselines, for those that differ from its identity:
 * alternatives, each a list of identities that must all be in the baseline (one count each).
 */
export type Former = (f: ResultFinding) => readonly (readonly string[])[];

/** Validates a parsed baseline file (version 1, 2 or 3). */
function parseBaseline(raw: unknown, shown: string): Baseline {
  const b = raw as Partial<BaselineFile>;
  if (typeof b !== 'object' || b === null || (b.version !== 1 && b.version !== 2 && b.version !== BASELINE_VERSION) || !Array.isArray(b.findings)) {
    throw new UsageError(`${shown} is not a session-audit baseline (version ${BASELINE_VERSION}, 2 or 1); recreate it with --update-baseline`);
  }
  const byIdentity = new Map<string, number>();
  const byLine = new Map<string, number>();
  for (const e of b.findings as unknown[]) {
    const entry = e as Record<string, unknown> | null;
    if (b.version === 1 && typeof entry?.rule === 'string' && typeof entry.file === 'string' && typeof entry.lineHash === 'string') {
      const k = lineKey(entry.rule, entry.file, entry.lineHash);
      byLine.set(k, (byLine.get(k) ?? 0) + count(entry.count));
    } else if (b.version !== 1 && typeof entry?.rule === 'string' && typeof entry.identity === 'string') {
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

/**
 * Splits findings into new ones and those the baseline accounts for (by identity; a version 1
 * baseline by file and line; a version 2 one also by `former` identities).
 */
export function applyBaseline(findings: readonly ResultFinding[], baseline: Baseline, baselineDir: string, former?: Former, formerLineHash?: (f: ResultFinding) => string) {
  const byIdentity = new Map(baseline.byIdentity);
  const byLine = new Map(baseline.byLine);
  const take = (left: Map<string, number>, k: string) => {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    return n > 0;
  };
  const fresh: ResultFinding[] = [];
  let known = 0;
  /** Takes one count of each identity (of one rule), or none when one of them is missing. */
  const takeEvery = (rule: string, identities: readonly string[]) => {
    const need = new Map<string, number>();
    for (const id of identities) need.set(identityKey(rule, id), (need.get(identityKey(rule, id)) ?? 0) + 1);
    if (identities.length === 0 || [...need].some(([k, n]) => (byIdentity.get(k) ?? 0) < n)) return false;
    for (const [k, n] of need) byIdentity.set(k, byIdentity.get(k)! - n);
    return true;
  };
  for (const f of findings) {
    if (
      take(byIdentity, identityKey(f.ruleId, f.identity)) ||
      take(byLine, lineKey(f.ruleId, relativePath(baselineDir, f.file), f.lineHash)) ||
      (formerLineHash !== undefined && take(byLine, lineKey(f.ruleId, relativePath(baselineDir, f.file), formerLineHash(f)))) ||
      (former?.(f) ?? []).some((ids) => takeEvery(f.ruleId, ids))
    ) known++;
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
