/**
 * One defect, one finding, in both front ends: findings of one rule and message about one value
 * defined outside the session calls that use it (`Finding.definition`) are one finding at the
 * definition when two or more calls share it. The CLI groups across the project
 * (src/cli/shared-definitions.ts); the ESLint plugin, one file at a time, groups the calls of the
 * definition's own file (`groupInFile`): `const opts = { ttl: 0 }; a(opts); b(opts)` is one
 * report at `ttl: 0` in both. What both keep of the calls' suggestions is `sharedSuggestions`.
 */
import type { Finding } from './rule.js';

type Suggestion = Finding['suggestions'][number];

function sameSuggestion(a: Suggestion, b: Suggestion): boolean {
  return (
    a.messageId === b.messageId &&
    a.edits.length === b.edits.length &&
    a.edits.every((e, k) => {
      const o = b.edits[k]!;
      return e.file === o.file && e.start === o.start && e.end === o.end && e.text === o.text;
    })
  );
}

/** The suggestions of the first finding that every finding of the group offers with the same edits, all in the definition's file (they edit the shared value). */
export function sharedSuggestions(list: readonly Finding[], definitionFile: string): Finding['suggestions'] {
  const first = list[0];
  if (!first) return [];
  return first.suggestions.filter((s) => s.edits.every((e) => e.file === definitionFile) && list.every((f) => f.suggestions.some((o) => sameSuggestion(s, o))));
}

/**
 * Within one file: the findings about a definition in that file (not one shown by the library's
 * options type, whose own site reports it), of one rule and message, from two or more calls
 * there, become one finding at the definition with the suggestions they share. The others are
 * kept as they are.
 */
export function groupInFile(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    const d = f.definition;
    if (!d || d.shown || d.file !== f.file || f.internalError) {
      out.push(f);
      continue;
    }
    const key = [f.ruleId, f.messageId, d.start, d.end, f.message].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  for (const list of groups.values()) {
    if (new Set(list.map((f) => f.start)).size < 2) {
      out.push(...list);
      continue;
    }
    const sorted = [...list].sort((a, b) => a.start - b.start);
    const first = sorted[0]!;
    const d = first.definition!;
    out.push({ ...first, start: d.start, end: d.end, suggestions: sharedSuggestions(sorted, d.file) });
  }
  return out;
}
