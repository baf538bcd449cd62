/**
 * Suggestions that compose, as a code host applies them: each review comment's suggested
 * change replaces the comment's lines with the suggestion's lines (reviewdog's rdjson
 * suggestions on GitHub, SARIF `fixes` in viewers that apply them). Two suggestions on
 * overlapping lines cannot both be applied that way: the second replaces lines the first
 * already changed (two `cookie: {...}` in one object: TS1117, or in JavaScript one of the
 * settings silently dropped).
 *
 * So the suggestions of a run are planned together: findings whose suggestions touch
 * overlapping lines of a file form a group, and the group's suggestions are merged into one
 * change, shown on the group's first finding (the others of the group carry none: the one
 * change fixes them too). Insertions into the same object literal merge into one insertion
 * (`cookie: { secure: ..., sameSite: 'lax' }`), rendered in the object's layout; other edits
 * are kept when they do not overlap. A finding whose edits cannot merge with the group's
 * carries no suggestion in review (a later run offers it). Any subset of what remains, in
 * any order, then applies to disjoint lines.
 *
 * Pure: findings and file texts in, suggestions out. ESLint does not need it (an editor
 * applies one suggestion, then lints again). `--fix` uses it too (`forFix`: every finding of
 * a group carries the group's change), so that a pass applies the merged change at once
 * instead of one insertion per object and pass.
 */
import type { Finding, TextEdit } from '../rule.js';
import { type InsertEntry, type PropertyInsert, renderInsertion } from './edits.js';

export interface ReviewSuggestion {
  readonly message: string;
  readonly edits: readonly TextEdit[];
}

/** Line spans a suggestion touches, per file: [first line, last line] (0-based). */
type Footprint = Map<string, [number, number]>;

interface Group {
  /** The findings, in the order given; the first shows the group's change. */
  readonly members: Finding[];
  /** The merged change: the first suggestion of every member. */
  readonly edits: TextEdit[];
  readonly messages: string[];
  footprint: Footprint;
}

/**
 * For each finding, the suggestions to show in review: its own when they touch no line
 * another finding's suggestions touch; for a group, the merged change on its first finding
 * (then the first finding's other suggestions, each merged with the others' first) and none
 * on the rest.
 */
export function planForReview(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined,
  opts: {
    readonly forFix?: boolean;
    /**
     * Filled with the findings that show no suggestion of their own in review although they
     * have one: the finding whose change fixes them too ('covered'), or whose change theirs
     * cannot merge with ('conflict': theirs is offered once that one is applied). A reporter
     * points there, so that no finding of a group is left without a word about its fix.
     */
    readonly pointers?: Map<Finding, { readonly lead: Finding; readonly kind: 'covered' | 'conflict' }>;
  } = {},
): Map<Finding, ReviewSuggestion[]> {
  const lines = new LineStarts(textOf);
  const out = new Map<Finding, ReviewSuggestion[]>();
  let groups: Group[] = [];
  for (const f of findings) {
    out.set(f, f.suggestions.map((s) => ({ message: s.message, edits: s.edits })));
    const first = f.suggestions[0];
    if (!first || first.edits.length === 0) continue;
    // Every alternative counts: a viewer may apply any one of them.
    const footprint = new Map<string, [number, number]>();
    for (const s of f.suggestions) addFootprint(footprint, lines.footprint(s.edits));
    groups.push({ members: [f], edits: [...first.edits], messages: [first.message], footprint });
  }
  // Merge overlapping groups until none overlap (a merged change may reach further lines). Overlaps are found
  // by a sweep over each file's line spans sorted by their start (n log n, not every pair of a file: a file
  // with thousands of findings), then each set of overlapping groups merges in run order.
  const live = new Set(groups);
  for (let changed = true; changed; ) {
    changed = false;
    const order = new Map(groups.map((g, i) => [g, i]));
    const parent = groups.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    const byFile = new Map<string, { s: number; e: number; i: number }[]>();
    groups.forEach((g, i) => {
      for (const [file, [s, e]] of g.footprint) {
        let list = byFile.get(file);
        if (!list) byFile.set(file, (list = []));
        list.push({ s, e, i });
      }
    });
    for (const list of byFile.values()) {
      list.sort((x, y) => x.s - y.s || x.i - y.i);
      let end = -1;
      let at = -1;
      for (const { s, e, i } of list) {
        if (at >= 0 && s <= end) {
          const [ra, rb] = [find(at), find(i)];
          if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
          end = Math.max(end, e);
        } else {
          at = i;
          end = e;
        }
      }
    }
    const sets = new Map<number, Group[]>();
    groups.forEach((g, i) => {
      const r = find(i);
      const set = sets.get(r);
      if (set) set.push(g);
      else sets.set(r, [g]);
    });
    const next: Group[] = [];
    for (const set of sets.values()) {
      set.sort((x, y) => order.get(x)! - order.get(y)!);
      // The group that came first in the run leads (its first finding shows the change).
      let kept = set[0]!;
      for (const b of set.slice(1)) {
        live.delete(b);
        live.delete(kept);
        const edits = mergeEdits(kept.edits, b.edits);
        if (edits) {
          const footprint = new Map(kept.footprint);
          addFootprint(footprint, b.footprint);
          addFootprint(footprint, lines.footprint(edits));
          kept = { members: [...kept.members, ...b.members], edits, messages: [...kept.messages, ...b.messages], footprint };
        } else {
          // Edits that cannot be merged: the later findings show no suggestion in review.
          for (const m of b.members) {
            out.set(m, []);
            opts.pointers?.set(m, { lead: kept.members[0]!, kind: 'conflict' });
          }
        }
        live.add(kept);
        changed = true;
      }
      next.push(kept);
    }
    groups = next.sort((x, y) => order.get(x)! - order.get(y)!);
    // A merged change may reach lines another group touches: the loop sweeps again until nothing merges.
  }
  groups = groups.filter((g) => live.has(g));
  for (const g of groups) {
    if (g.members.length === 1) continue;
    const [lead, ...rest] = g.members;
    const alternatives: ReviewSuggestion[] = [{ message: g.messages.join(' '), edits: g.edits }];
    // The lead's other suggestions, each with the rest's first.
    for (const s of lead!.suggestions.slice(1)) {
      let edits: TextEdit[] | undefined = [...s.edits];
      for (const m of rest) edits = edits && mergeEdits(edits, m.suggestions[0]!.edits);
      if (edits) alternatives.push({ message: [s.message, ...rest.map((m) => m.suggestions[0]!.message)].join(' '), edits });
    }
    out.set(lead!, alternatives);
    // For --fix, every finding of the group carries the group's change: applied once (identical edits count once), and
    // each finding it fixes is counted.
    for (const m of rest) {
      out.set(m, opts.forFix ? [alternatives[0]!] : []);
      if (!opts.forFix) opts.pointers?.set(m, { lead: lead!, kind: 'covered' });
    }
  }
  return out;
}

/**
 * The edits of two suggestions as one change: insertions into the same object become one
 * insertion of all their properties; identical edits count once; undefined when two other
 * edits overlap (or insert at the same place), as no order of them is sure to mean both.
 */
function mergeEdits(a: readonly TextEdit[], b: readonly TextEdit[]): TextEdit[] | undefined {
  const plain: TextEdit[] = [];
  const inserts = new Map<string, PropertyInsert[]>();
  for (const e of [...a, ...b]) {
    if (e.insert) {
      const key = `${e.insert.layout.file}\u0000${e.insert.layout.object}`;
      const list = inserts.get(key) ?? [];
      if (!list.includes(e.insert)) list.push(e.insert);
      inserts.set(key, list);
    } else if (!plain.some((p) => same(p, e))) plain.push(e);
  }
  const merged: TextEdit[] = [...plain];
  for (const list of inserts.values()) {
    const entries: InsertEntry[] = [];
    for (const ins of list) for (const e of ins.entries) if (!entries.some((x) => samePath(x.path, e.path))) entries.push(e);
    merged.push(...renderInsertion(list[0]!.layout, entries));
  }
  for (let i = 0; i < merged.length; i++) {
    for (let j = i + 1; j < merged.length; j++) {
      const x = merged[i]!;
      const y = merged[j]!;
      if (x.file !== y.file) continue;
      if (x.start < y.end && y.start < x.end) return undefined;
      if (x.start === y.start && (x.start === x.end || y.start === y.end)) return undefined;
    }
  }
  return merged;
}

function same(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end && a.text === b.text;
}

/** Whether one path is the other, or a prefix of it (`cookie` and `cookie.secure` cannot both be inserted). */
function samePath(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function overlaps(a: Footprint, b: Footprint): boolean {
  for (const [file, [s, e]] of a) {
    const o = b.get(file);
    if (o && s <= o[1] && o[0] <= e) return true;
  }
  return false;
}

function addFootprint(into: Footprint, from: Footprint): void {
  for (const [file, [s, e]] of from) {
    const cur = into.get(file);
    into.set(file, cur ? [Math.min(cur[0], s), Math.max(cur[1], e)] : [s, e]);
  }
}

/** Line numbers of offsets, per file (line starts computed once per text). */
class LineStarts {
  private readonly starts = new Map<string, number[]>();

  constructor(private readonly textOf: (file: string) => string | undefined) {}

  line(file: string, offset: number): number {
    let s = this.starts.get(file);
    if (!s) {
      const text = this.textOf(file) ?? '';
      s = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) s.push(i + 1);
      this.starts.set(file, s);
    }
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The lines a suggestion's edits replace, per file: from the first edit's line to the last one's. */
  footprint(edits: readonly TextEdit[]): Footprint {
    const out: Footprint = new Map();
    for (const e of edits) addFootprint(out, new Map([[e.file, [this.line(e.file, e.start), this.line(e.file, e.end)]]]));
    return out;
  }
}
