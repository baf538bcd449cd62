/**
 * ESLint's disable comments, honored by the CLI so that one comment silences a
 * finding in both front ends:
 *
 *   // eslint-disable-next-line session-audit/<id>[, other/rule] [-- reason]
 *   // eslint-disable-line session-audit/<id>
 *   /* eslint-disable session-audit/<id> *\/ ... /* eslint-enable session-audit/<id> *\/
 *
 * A directive without rule names applies to every rule. Comments are found
 * through the parser's tokens (never inside strings or templates), and only in
 * files that have findings.
 */
import type * as TS from 'typescript';
import type { TSModule } from '../analysis/host.js';
import { PLUGIN_PREFIX } from './config.js';
import { LineIndex } from './text.js';

type Kind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

interface Directive {
  readonly kind: Kind;
  /** Rule ids of ours that are named; undefined for all rules. Names of other plugins are dropped. */
  readonly rules: ReadonlySet<string> | undefined;
  /** Whether the directive named rules, none of which are ours (it silences nothing of ours). */
  readonly onlyOthers: boolean;
  readonly start: { line: number; column: number };
  readonly endLine: number;
  readonly block: boolean;
}

const DIRECTIVE = /^\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?:\s([\s\S]*))?$/;

function collectComments(ts: TSModule, sf: TS.SourceFile): { pos: number; end: number; kind: TS.SyntaxKind }[] {
  const text = sf.text;
  const found = new Map<number, { pos: number; end: number; kind: TS.SyntaxKind }>();
  const add = (ranges: readonly TS.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) if (!found.has(r.pos)) found.set(r.pos, r);
  };
  // An explicit stack, not recursion: deeply nested code must not overflow the call stack.
  const stack: TS.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // JSX text is not trivia: `// x` in it is text on the page.
    if (node.kind === ts.SyntaxKind.JsxText) continue;
    // JSDoc nodes lie inside a comment that is already collected.
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) continue;
    add(ts.getLeadingCommentRanges(text, node.pos));
    const children = node.getChildren(sf);
    if (children.length === 0) add(ts.getTrailingCommentRanges(text, node.end));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

function parseDirectives(ts: TSModule, sf: TS.SourceFile, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const c of collectComments(ts, sf)) {
    const block = c.kind === ts.SyntaxKind.MultiLineCommentTrivia;
    const raw = sf.text.slice(c.pos + 2, block ? c.end - 2 : c.end);
    const m = DIRECTIVE.exec(raw);
    if (!m) continue;
    const kind = m[1]!.slice('eslint-'.length) as Kind;
    // "-- reason" ends the rule list.
    const list = (m[2] ?? '').split(/\s-{2,}\s|^-{2,}\s|\s-{2,}$/)[0]!.trim();
    const names = list ? list.split(',').map((s) => s.trim()).filter(Boolean) : [];
    const ours = names.filter((n) => n.startsWith(PLUGIN_PREFIX)).map((n) => n.slice(PLUGIN_PREFIX.length));
    const start = lines.position(c.pos);
    const endLine = lines.position(c.end).line;
    // ESLint rejects a block `eslint-disable-line` that spans lines.
    if (kind === 'disable-line' && endLine !== start.line) continue;
    out.push({
      kind,
      rules: names.length ? new Set(ours) : undefined,
      onlyOthers: names.length > 0 && ours.length === 0,
      start: { line: start.line, column: start.column },
      endLine,
      block,
    });
  }
  return out;
}

function applies(d: Directive, ruleId: string): boolean {
  return !d.onlyOthers && (d.rules === undefined || d.rules.has(ruleId));
}

function before(a: { line: number; column: number }, b: { line: number; column: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.column <= b.column);
}

export class Suppressions {
  private constructor(private readonly directives: readonly Directive[]) {}

  static of(ts: TSModule, sf: TS.SourceFile, lines: LineIndex = new LineIndex(sf.text)): Suppressions {
    return new Suppressions(sf.text.includes('eslint-') ? parseDirectives(ts, sf, lines) : []);
  }

  /** Whether a finding of `ruleId` starting at (line, column) is silenced, ESLint's way. */
  suppresses(ruleId: string, at: { line: number; column: number }): boolean {
    let all = false;
    const disabled = new Set<string>();
    const reenabled = new Set<string>();
    for (const d of this.directives) {
      if (d.kind === 'disable-line') {
        if (d.start.line === at.line && applies(d, ruleId)) return true;
        continue;
      }
      if (d.kind === 'disable-next-line') {
        if (d.endLine + 1 === at.line && applies(d, ruleId)) return true;
        continue;
      }
      if (!before(d.start, at) || d.onlyOthers) continue;
      if (d.kind === 'disable') {
        if (d.rules === undefined) {
          all = true;
          disabled.clear();
          reenabled.clear();
        } else if (d.rules.has(ruleId)) {
          disabled.add(ruleId);
          reenabled.delete(ruleId);
        }
      } else if (d.rules === undefined) {
        all = false;
        disabled.clear();
        reenabled.clear();
      } else if (d.rules.has(ruleId)) {
        disabled.delete(ruleId);
        if (all) reenabled.add(ruleId);
      }
    }
    return (all && !reenabled.has(ruleId)) || disabled.has(ruleId);
  }
}
