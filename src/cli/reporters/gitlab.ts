/**
 * `--format gitlab`: GitLab's Code Quality report (its subset of the Code Climate
 * issue format), for `artifacts: reports: codequality`, shown in merge requests.
 * https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
 *
 * A JSON array of issues: `description`, `check_name`, `fingerprint` (unique; the finding's
 * identity, which survives renames, moves and lines added above), `severity` (error: major,
 * warning: minor, as other ESLint-based reports do), `location.path` (relative to the
 * current folder, which in CI is the repository root) and `location.lines.begin`.
 */
import { createHash } from 'node:crypto';
import type { ReporterContext, Results } from '../results.js';

export function gitlab(results: Results, ctx: ReporterContext): string {
  const issues: unknown[] = [];
  const seen = new Map<string, number>();
  const fingerprint = (parts: readonly string[]) => {
    const base = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : createHash('sha256').update(`${base}:${n}`).digest('hex').slice(0, 32);
  };
  for (const e of results.fileErrors) {
    issues.push({
      type: 'issue',
      check_name: `session-audit/${e.kind}-error`,
      description: `${e.message} (the file could not be checked)`,
      categories: ['Bug Risk'],
      severity: 'major',
      fingerprint: fingerprint([e.kind, e.path, e.message]),
      location: { path: e.path, lines: { begin: e.line ?? 1 } },
    });
  }
  for (const f of results.findings) {
    const rule = ctx.rules.find((r) => r.id === f.ruleId);
    issues.push({
      type: 'issue',
      check_name: `session-audit/${f.ruleId}`,
      description: f.message,
      ...(rule ? { content: { body: `${rule.description}. See ${rule.docsUrl}` } } : {}),
      categories: ['Security'],
      severity: f.severity === 'error' ? 'major' : 'minor',
      // The finding's identity (identity.ts): a merge request that renames or moves a file, or adds lines above, shows no new issue.
      fingerprint: fingerprint([f.ruleId, f.identity]),
      location: { path: f.path, lines: { begin: f.range.start.line, end: f.range.end.line } },
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}
