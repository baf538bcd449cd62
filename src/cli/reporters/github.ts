/**
 * `--format github`: GitHub Actions workflow commands, shown as annotations
 * on the pull request (GitHub shows at most 10 per level in one step).
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { githubData, githubFile, githubProperty } from '../escape.js';
import type { ReporterContext, Results } from '../results.js';

/** Message data: %, CR and LF are escaped; other control characters (from scanned code) are shown as \u escapes. */
export const escapeData = githubData;

/** Shown property values: also : and , (they separate properties). */
export const escapeProperty = githubProperty;

/**
 * One workflow command. `file=` carries the real name (GitHub's escaping only: the runner
 * decodes it back); the other properties and the message are shown, so also made printable.
 */
function command(level: 'error' | 'warning', props: [string, string | number | undefined][], message: string): string {
  const p = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${k === 'file' ? githubFile(String(v)) : githubProperty(String(v))}`);
  return `::${level} ${p.join(',')}::${githubData(message)}`;
}

export function github(results: Results, _ctx: ReporterContext): string {
  const lines: string[] = [];
  for (const e of results.fileErrors) {
    lines.push(command('error', [['file', e.path], ['line', e.line], ['col', e.column], ['title', `session-audit: cannot check ${e.path}`]], e.message));
  }
  for (const f of results.findings) {
    const { start, end } = f.range;
    // Columns only make sense to GitHub on a one-line range.
    const oneLine = start.line === end.line;
    lines.push(
      command(
        f.severity,
        [
          ['file', f.path],
          ['line', start.line],
          ['endLine', end.line],
          ['col', oneLine ? start.column : undefined],
          ['endColumn', oneLine ? end.column : undefined],
          ['title', `session-audit/${f.ruleId}`],
        ],
        f.message,
      ),
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
