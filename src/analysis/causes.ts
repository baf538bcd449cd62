/**
 * The causes of a finding: the places in the source that decide it, beyond the reported
 * node itself. A rule reads a site's option values through `ProductionSite.option`; while
 * the rule runs (`runRule`), every value read is noted here against its site, and a
 * finding reported inside a site's call gets as causes the nodes those values came from:
 * the property that wrote each value and the ones passed on the way (`trail`), the value's
 * own expression (an env read, a literal, a config module's export), and, for an option
 * that is missing, the edges of the object that lacks it (removing a line there changes
 * the finding). `--changed-since` reports a finding on an unchanged line when one of its
 * causes changed: a config module edited in a pull request that makes a call elsewhere
 * insecure.
 */
import type * as TS from 'typescript';
import type { OptionValue, SessionSite } from './sites.js';

/** A span of a file (UTF-16 offsets into its text). */
export interface SourceSpan {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** Where a finding's value is defined; `shown`: inside options declared by the library's type, whose declared site reports it. */
export interface Definition extends SourceSpan {
  readonly shown?: boolean;
}

/** The option values a rule read while it ran, by site. */
export class ReadLog {
  private readonly bySite = new Map<SessionSite, OptionValue[]>();
  private readonly definitions = new Map<TS.Node, { node: TS.Node; shown: boolean }>();

  /** A finding reported at `reported` is about a value defined at `definition` (see `definitionNode` in locate.ts). */
  noteDefinition(reported: TS.Node, definition: { node: TS.Node; shown: boolean }): void {
    this.definitions.set(reported, definition);
  }

  /** Where the value a finding at `node` is about is defined (see `Finding.definition`). */
  definitionOf(node: TS.Node): Definition | undefined {
    const d = this.definitions.get(node);
    if (!d) return undefined;
    const f = d.node.getSourceFile();
    return { file: f.fileName, start: d.node.getStart(f), end: d.node.getEnd(), ...(d.shown ? { shown: true } : {}) };
  }

  note(site: SessionSite, values: readonly OptionValue[]): void {
    const list = this.bySite.get(site);
    if (list) list.push(...values);
    else this.bySite.set(site, [...values]);
  }

  /** The causes of a finding reported at `node`: the values read from the sites whose call holds it. */
  causesOf(node: TS.Node): SourceSpan[] {
    const sf = node.getSourceFile();
    const start = node.getStart(sf);
    const out = new Map<string, SourceSpan>();
    const add = (file: string, s: number, e: number) => out.set(`${file}\u0000${s}\u0000${e}`, { file, start: s, end: e });
    const whole = (n: TS.Node) => {
      const f = n.getSourceFile();
      add(f.fileName, n.getStart(f), n.getEnd());
    };
    /** An object's braces only: any line inside is another option's, not this cause. */
    const edges = (n: TS.Node) => {
      const f = n.getSourceFile();
      const s = n.getStart(f);
      add(f.fileName, s, s + 1);
      add(f.fileName, Math.max(s, n.getEnd() - 1), n.getEnd());
    };
    for (const [site, values] of this.bySite) {
      if (site.call.getSourceFile() !== sf || start < site.call.getStart(sf) || start >= site.call.getEnd()) continue;
      for (const ov of values) {
        if (ov.site) whole(ov.site);
        for (const t of ov.trail ?? []) edges(t);
        if (ov.holder) edges(ov.holder.node);
        if (ov.value.kind === 'object' || ov.value.kind === 'missing') edges(ov.value.node);
        else whole(ov.value.node);
      }
    }
    return [...out.values()];
  }
}

let current: ReadLog | undefined;

/** Runs `fn` with `log` noting the option values read (one rule's run). */
export function withReadLog<T>(log: ReadLog, fn: () => T): T {
  const outer = current;
  current = log;
  try {
    return fn();
  } finally {
    current = outer;
  }
}

/** Notes where the value a report is about is defined (nothing outside `withReadLog`). */
export function noteDefinition(reported: TS.Node, definition: { node: TS.Node; shown: boolean }): void {
  current?.noteDefinition(reported, definition);
}

/** Notes option values read from a site (nothing outside `withReadLog`). */
export function noteRead(site: SessionSite, values: readonly OptionValue[]): void {
  current?.note(site, values);
}
