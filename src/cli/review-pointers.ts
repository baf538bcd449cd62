/**
 * A finding whose fix was merged into another finding's suggested change (compose.ts groups
 * the suggestions that touch the same lines) shows no suggestion of its own in review. So that
 * a reviewer reading its comment knows where the fix is, it gets a pointer: "The suggested
 * change on line 12 (require-same-site) fixes this too.", or, when its edits could not be
 * merged, that its fix comes on the next run once that change is applied.
 */
import type { Finding } from '../rule.js';
import type { ResultFinding } from './results.js';

export type ReviewPointers = Map<Finding, { readonly lead: Finding; readonly kind: 'covered' | 'conflict' }>;

/** The findings (parallel to `raws`) with `reviewPointer` set where a pointer applies. */
export function withReviewPointers(findings: ResultFinding[], raws: readonly Finding[], pointers: ReviewPointers): ResultFinding[] {
  if (pointers.size === 0) return findings;
  const resultOf = new Map(raws.map((r, i) => [r, findings[i]!]));
  return findings.map((f, i) => {
    const p = pointers.get(raws[i]!);
    if (!p || (f.review?.length ?? 0) > 0) return f;
    // The lead may itself have been merged into an earlier group: follow to the finding that shows the change.
    let lead = p.lead;
    for (let hops = 0; hops < pointers.size && (resultOf.get(lead)?.review?.length ?? 0) === 0 && pointers.has(lead); hops++) lead = pointers.get(lead)!.lead;
    const shown = resultOf.get(lead);
    const change = shown?.review?.[0]?.combined;
    if (!shown || !change) return f;
    const where = change.path === f.path ? `line ${change.range.start.line}` : `${change.path}:${change.range.start.line}`;
    const reviewPointer =
      p.kind === 'covered'
        ? `The suggested change on ${where} (${shown.ruleId}) fixes this too.`
        : `Its fix cannot be combined with the suggested change on ${where} (${shown.ruleId}): run session-audit again once that one is applied.`;
    return { ...f, reviewPointer };
  });
}
