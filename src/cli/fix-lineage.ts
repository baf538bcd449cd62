/**
 * Which finding of a `--fix` pass is which finding of the pass before: its *lineage*. A
 * finding's remedy is applied at most once per lineage, so a remedy that did not remove its
 * finding (a bug) is never applied twice, while a finding a fix brought to light (`secure`
 * set, now `trust proxy` is asked for) is new and gets its own fix in the same run, even when
 * another finding of the same rule, file and message was fixed before (counting by rule, file
 * and message alone left those for a second `--fix` run).
 *
 * A finding continues a lineage when the pass before had a finding of the same rule, file
 * and message at the same place, the place mapped through the edits that pass applied.
 * The lineage is the key `planPass` budgets by: 1 for a new lineage, 0 once applied.
 */
import type { Finding, TextEdit } from '../rule.js';

interface Seen {
  readonly base: string;
  readonly file: string;
  readonly start: number;
  readonly id: string;
}

export class FixLineage {
  private count = 0;
  private previous: Seen[] = [];
  private readonly ids = new Map<Finding, string>();

  /** The lineage key of each finding of this pass; new lineages get a budget of one. */
  keys(findings: readonly Finding[], budget: Map<string, number>): (f: Finding) => string {
    const claimed = new Set<string>();
    for (const f of findings) {
      const base = baseOf(f);
      const from = this.previous.find((p) => !claimed.has(p.id) && p.base === base && p.file === f.file && p.start === f.start);
      let id: string;
      if (from) {
        id = from.id;
        claimed.add(id);
      } else {
        id = `${base}\u0000${this.count++}`;
        budget.set(id, 1);
      }
      this.ids.set(f, id);
    }
    return (f) => this.ids.get(f)!;
  }

  /** After a pass: where this pass's findings are in the texts the applied edits made. */
  advance(findings: readonly Finding[], applied: readonly TextEdit[]): void {
    const byFile = new Map<string, TextEdit[]>();
    for (const e of applied) {
      const list = byFile.get(e.file) ?? [];
      if (!list.some((x) => x.start === e.start && x.end === e.end && x.text === e.text)) list.push(e);
      byFile.set(e.file, list);
    }
    this.previous = findings.map((f) => ({ base: baseOf(f), file: f.file, start: mapOffset(f.start, byFile.get(f.file) ?? []), id: this.ids.get(f)! }));
    this.ids.clear();
  }
}

function baseOf(f: Finding): string {
  return `${f.ruleId}\u0000${f.file}\u0000${f.messageId}`;
}

/** An offset of the text before the edits, in the text after them (a place an edit replaced maps to the edit's start). */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.end <= offset) delta += e.text.length - (e.end - e.start);
    else if (e.start < offset) return e.start + delta;
    else break;
  }
  return offset + delta;
}
