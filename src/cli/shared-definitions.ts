/**
 * One defect, one finding, where it is fixed: a bad value defined in one project file and
 * used by several session calls (in other files, or in its own outside the calls) (`export const sessionOptions = { ... }` passed to
 * `getIronSession` in every route) is one finding at the definition, not one per call. The
 * engine tells, for each finding, where its value is defined when that is outside the call
 * (`Finding.definition`); findings of one rule and message about one definition, from two or
 * more calls, become one finding there:
 *
 * - its message is the rule's message without the call's "(from ./lib/session.ts:3)", with the
 *   calls named: "Used by 3 session configurations: app/api/login/route.ts:7, ..." (when every
 *   call is in the definition's file, the rule's message alone, as ESLint reports it there:
 *   src/definitions.ts);
 * - the calls are its related locations (SARIF `relatedLocations`, JSON `related`);
 * - its suggestions are those every call's finding offers with the same edits (they edit the
 *   definition; one that differs per call is no fix of the shared value);
 * - its identity comes from the definition's code (identity.ts), the same whatever calls use it.
 *
 * A value used by one call stays at the call, as before, unless its file shows it is session
 * options (declared by the library's options type: `Definition.shown`): that declaration is a
 * session configuration of its own and reports the value; the calls join it as related
 * locations. The ESLint plugin, one file at a time, reports at the call, or at a declaration
 * that shows it (see docs/architecture.md, "One defect, one finding").
 */
import * as path from 'node:path';
import { rulesById } from '../../rules/index.js';
import { sharedSuggestions } from '../definitions.js';
import { type Finding, formatMessage } from '../rule.js';
import type { SourceSpan } from '../analysis/causes.js';

/** How many calls the message names (the related locations list them all). */
const NAMED_CALLS = 5;

export interface Grouped<S> {
  readonly finding: Finding;
  readonly severity: S;
  /** The calls whose findings this one stands for (absent: a finding of its own). */
  readonly related?: readonly SourceSpan[];
  /** Those calls' findings (baselines written before the grouping recorded them: baseline.ts). */
  readonly members?: readonly Finding[];
}

/**
 * Groups findings that share a definition in another file. `where` names a call for people
 * (`app/api/login/route.ts:7`); `rank` orders severities (the highest of a group is kept).
 */
export function groupSharedDefinitions<S>(
  items: readonly { readonly finding: Finding; readonly severity: S }[],
  where: (file: string, offset: number) => string,
  rank: (s: S) => number,
): Grouped<S>[] {
  const groups = new Map<string, { finding: Finding; severity: S }[]>();
  const out: Grouped<S>[] = [];
  for (const item of items) {
    const f = item.finding;
    if (!f.definition || f.internalError) {
      out.push(item);
      continue;
    }
    const key = [f.ruleId, f.messageId, f.definition.file, f.definition.start, f.definition.end, messageWithoutOrigin(f)].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  const at = (f: { ruleId: string; messageId: string; file: string; start: number; end: number }) => [f.ruleId, f.messageId, f.file, f.start, f.end].join('\u0000');
  const reported = new Set(out.map((i) => at(i.finding)));
  const merged: Grouped<S>[] = [];
  for (const list of groups.values()) {
    const calls = new Set(list.map((i) => `${i.finding.file}\u0000${i.finding.start}`));
    const f = list[0]!.finding;
    // The value is in options declared by the library's type, and that declaration reports it (its own site): one finding, there.
    const shown = f.definition!.shown === true && reported.has(at({ ...f, ...f.definition! }));
    if (calls.size < 2 && !shown) {
      out.push(...list);
      continue;
    }
    // Declared and used in one file: the declaration's finding is the one (as in ESLint), with no calls elsewhere to name.
    if (shown && list.every((i) => i.finding.file === f.definition!.file)) continue;
    merged.push(merge(list, where, rank));
  }
  // Options declared by the library's type report their values themselves (a declared site): that
  // finding, at the definition, is the merged one's (the calls become its related locations).
  const mergedAt = new Set(merged.map((m) => at(m.finding)));
  return [...out.filter((i) => !mergedAt.has(at(i.finding))), ...merged];
}

/** The rule's message with an empty `{{origin}}` (the call's "(from ...)"): the same text for every call of one definition. */
function messageWithoutOrigin(f: Finding): string {
  const template = rulesById.get(f.ruleId)?.meta.messages[f.messageId];
  return template === undefined || !('origin' in f.data) ? f.message : formatMessage(template, { ...f.data, origin: '' });
}

function merge<S>(list: readonly { finding: Finding; severity: S }[], where: (file: string, offset: number) => string, rank: (s: S) => number): Grouped<S> {
  const sorted = [...list].sort((a, b) => compare(a.finding, b.finding));
  const first = sorted[0]!.finding;
  const def = first.definition!;
  const names = sorted.map((i) => where(i.finding.file, i.finding.start));
  const shown = names.length > NAMED_CALLS ? `${names.slice(0, NAMED_CALLS).join(', ')} and ${names.length - NAMED_CALLS} more` : names.join(', ');
  // Calls all in the definition's file: the rule's own message, as the ESLint plugin reports it there (definitions.ts); the
  // calls are the related locations. Calls elsewhere are named, as no one file shows them.
  const inFile = sorted.every((i) => i.finding.file === def.file);
  const message = inFile ? messageWithoutOrigin(first) : `${messageWithoutOrigin(first)} Used by ${names.length === 1 ? 'the session configuration' : `${names.length} session configurations`}: ${shown}.`;
  const suggestions = sharedSuggestions(sorted.map((i) => i.finding), def.file);
  const causes = new Map<string, SourceSpan>();
  for (const i of sorted) for (const c of i.finding.causes ?? []) causes.set(`${c.file}\u0000${c.start}\u0000${c.end}`, c);
  const severity = sorted.map((i) => i.severity).reduce((a, b) => (rank(b) > rank(a) ? b : a));
  const finding: Finding = {
    ruleId: first.ruleId,
    messageId: first.messageId,
    message,
    data: 'origin' in first.data ? { ...first.data, origin: '' } : first.data,
    file: def.file,
    start: def.start,
    end: def.end,
    suggestions,
    ...(causes.size > 0 ? { causes: [...causes.values()] } : {}),
  };
  return { finding, severity, related: sorted.map((i) => ({ file: i.finding.file, start: i.finding.start, end: i.finding.end })), members: sorted.map((i) => i.finding) };
}

function compare(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start;
}

/** `app/api/login/route.ts:7`: a call for people, relative to the working folder. */
export function callName(cwd: string, file: string, line: number): string {
  return `${path.relative(cwd, file).split(path.sep).join('/')}:${line}`;
}
