/**
 * `--format github`: GitHub Actions workflow commands, shown as annotations
 * on the pull request (GitHub shows at most 10 per level in one step).
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { ReporterContext, Results } from '../results.js';
import { printable } from '../text.js';

/** Message data: %, CR and LF are escaped; other control characters (from scanned code) are shown as \u escapes. */
export function escapeData(s: string): string {
  return printable(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Property values: also : and , (they separate properties). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(level: 'error' | 'warning', props: [string, string | number | undefined][], message: string): string {
  const p = props.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${level} ${p.join(',')}::${escapeData(message)}`;
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
