/**
 * The default, human format: findings grouped by file, one aligned line each
 * (line:column, severity, message, rule id), then a summary.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { ReporterContext, Results } from '../results.js';
import { terminalPath, terminalText } from '../escape.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Visible length (ANSI escapes do not count). */
function width(s: string): number {
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}

export function stylish(results: Results, ctx: ReporterContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const byPath = new Map<string, string[][]>();
  const row = (p: string) => {
    let rows = byPath.get(p);
    if (!rows) byPath.set(p, (rows = []));
    return rows;
  };
  for (const e of results.fileErrors) {
    const where = e.line ? `${e.line}:${e.column ?? 1}` : '-';
    row(e.path).push([c.dim(where), c.red('error'), terminalText(e.message), c.dim(`(${e.kind === 'path' ? 'path' : 'file'} error)`)]);
  }
  for (const f of results.findings) {
    row(f.path).push([
      c.dim(`${f.range.start.line}:${f.range.start.column}`),
      f.severity === 'error' ? c.red('error') : c.yellow('warning'),
      terminalText(f.message),
      c.dim(f.ruleId),
    ]);
  }

  let out = '';
  for (const p of [...byPath.keys()].sort()) {
    const rows = byPath.get(p)!;
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => width(r[i]!))));
    out += `\n${c.underline(terminalPath(p))}\n`;
    for (const r of rows) out += `  ${pad(r[0]!, widths[0]!)}  ${pad(r[1]!, widths[1]!)}  ${pad(r[2]!, widths[2]!)}  ${r[3]}\n`;
  }

  const notes = summary(results, ctx, c);
  return `${out}${out ? '\n' : ''}${notes.join('\n')}\n`;
}

/** The closing lines (counts, fixes, baseline, --max-warnings), shared with the pretty format. */
export function summary(results: Results, ctx: ReporterContext, c: ChalkInstance): string[] {
  const { errors, warnings, fileErrors, baselined, fixed, files } = results.stats;
  const problems = errors + warnings;
  const notes: string[] = [];
  if (fixed > 0) notes.push(c.green(`✔ Fixed ${plural(fixed, 'finding')}.`));
  if (problems > 0 || fileErrors > 0) {
    let line = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
    if (fileErrors > 0) line += `, ${fileErrors === 1 ? '1 file or path' : `${fileErrors} files or paths`} could not be checked`;
    notes.push((errors > 0 || fileErrors > 0 ? c.red.bold : c.yellow.bold)(line));
    const fixable = results.findings.filter((f) => f.suggestions.length > 0).length;
    if (fixable > 0) notes.push(c.dim(`  ${fixable === 1 ? '1 finding has' : `${fixable} findings have`} a suggested fix: run with --fix to apply, --fix-dry-run to preview.`));
  } else {
    notes.push(c.green(`✔ No problems found (${plural(files, 'file')} checked).`));
  }
  if (baselined > 0) notes.push(c.dim(`  ${baselined === 1 ? '1 known finding' : `${baselined} known findings`} from the baseline not shown.`));
  if (ctx.maxWarnings !== undefined && warnings > ctx.maxWarnings) {
    notes.push(c.red.bold(`✖ Too many warnings (${warnings}, maximum: ${ctx.maxWarnings}).`));
  }
  return notes;
}
