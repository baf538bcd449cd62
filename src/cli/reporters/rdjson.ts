/**
 * `--format rdjson`: Reviewdog Diagnostic Format, so a PR bot can post each
 * finding with its remedy as a suggested change. Columns are 1-based UTF-8
 * byte offsets (reviewdog slices Go strings). One suggestion per diagnostic:
 * the first remedy as planned for review (suggestions on overlapping lines are merged
 * into one change on the first of their findings: src/analysis/compose.ts), as a single
 * replacement in the finding's own file (reviewdog posts the comment on the suggestion's lines).
 * The group's other findings carry none, and their message points to the change that fixes
 * them ("The suggested change on line 12 (require-same-site) fixes this too.").
 * https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
 */
import type { Location, Range, ReporterContext, Results } from '../results.js';

function pos(l: Location) {
  return { line: l.line, column: l.byteColumn };
}

function range(r: Range) {
  return { start: pos(r.start), end: pos(r.end) };
}

export function rdjson(results: Results, ctx: ReporterContext): string {
  const diagnostics: unknown[] = [];
  for (const e of results.fileErrors) {
    diagnostics.push({
      message: e.message,
      location: { path: e.path, ...(e.line ? { range: { start: { line: e.line, column: e.column ?? 1 } } } : {}) },
      severity: 'ERROR',
      code: { value: `${e.kind}-error` },
    });
  }
  for (const f of results.findings) {
    // The suggestion planned with the others' (one change per group of findings on the same lines).
    const first = (f.review ?? f.suggestions)[0]?.combined;
    const rule = ctx.rules.find((r) => r.id === f.ruleId);
    diagnostics.push({
      // A finding whose fix is part of another finding's change says where that change is.
      message: f.reviewPointer ? `${f.message} ${f.reviewPointer}` : f.message,
      location: { path: f.path, range: range(f.range) },
      severity: f.severity === 'error' ? 'ERROR' : 'WARNING',
      code: { value: f.ruleId, ...(rule ? { url: rule.docsUrl } : {}) },
      ...(first && first.file === f.file ? { suggestions: [{ range: range(first.range), text: first.text }] } : {}),
    });
  }
  return `${JSON.stringify({ source: { name: ctx.tool.name, url: ctx.tool.informationUri }, diagnostics }, null, 2)}\n`;
}
