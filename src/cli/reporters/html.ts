/**
 * `--format html`: one self-contained HTML page, readable without JavaScript and
 * without the network (no script, no external asset; a Content-Security-Policy
 * forbids loading anything). For each session configuration found, a scorecard:
 * library, place, each setting with its value in production and where it comes
 * from, the rules that judge it (pass / fail), and each remedy as a diff; then the
 * findings that belong to no configuration, files that could not be checked, and a
 * summary across the project.
 *
 * Everything that comes from scanned files (paths, code, messages quoting code) is
 * escaped. A pure function of the results: site summaries and the texts of files
 * that suggestions edit come in `results.sites` and `results.sources`.
 */
import { structuredPatch } from 'diff';
import { htmlText } from '../escape.js';
import type { LocatedSuggestion, ReporterContext, ResultFinding, Results } from '../results.js';
import type { SettingSummary, SiteSummary, ValueSummary } from '../summaries.js';

/** Escapes text for HTML content and (quoted) attribute values; control and bidirectional characters are shown as `\uXXXX` (src/cli/escape.ts). */
export const escapeHtml = htmlText;

const h = escapeHtml;

/** Escaped text with `code spans` (as rule descriptions and messages write them) shown as code. */
function prose(text: string): string {
  return h(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A table that scrolls on its own on a narrow screen rather than widening the page. */
function table(cls: string, head: readonly string[], rows: string): string {
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
}

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5; --na: #59636e; --na-bg: #eff2f5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: #fff; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 12px; }
h3 { font-size: 16px; margin: 20px 0 8px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
code { background: var(--bg); padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }
.meta { color: var(--muted); margin: 0; }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 20px; padding: 0; list-style: none; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 150px; }
.tile .n { display: block; font-size: 26px; font-weight: 600; }
.tile .label { color: var(--muted); }
.tile.bad .n { color: var(--fail); }
.tile.ok .n { color: var(--pass); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
thead th { background: var(--bg); font-weight: 600; }
tbody th { font-weight: 500; white-space: nowrap; }
.scroll { overflow-x: auto; }
.site { border: 1px solid var(--line); border-radius: 10px; padding: 4px 20px 12px; margin: 24px 0; }
.site > h2 { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; }
.where { font-weight: 400; }
.badge, .status, .tag { display: inline-block; border-radius: 999px; padding: 0 9px; font-size: 12px; font-weight: 600; line-height: 20px; white-space: nowrap; }
.pass .status, .badge.pass { color: var(--pass); background: var(--pass-bg); }
.fail .status, .badge.fail { color: var(--fail); background: var(--fail-bg); }
.warn .status, .badge.warn { color: var(--warn); background: var(--warn-bg); }
.na .status, .badge.na { color: var(--na); background: var(--na-bg); }
.tag { font-weight: 500; background: var(--bg); color: var(--muted); border: 1px solid var(--line); }
.tag.env { color: #0550ae; background: #ddf4ff; border-color: #b6e3ff; }
.tag.fallback { color: var(--fail); background: var(--fail-bg); border-color: #ffcecb; }
.tag.prod { color: #8250df; background: #fbefff; border-color: #eed6ff; }
.tag.unset { color: #8250df; background: #fbefff; border-color: #eed6ff; }
.tag.default { color: var(--warn); background: var(--warn-bg); border-color: #f5e0a0; }
.from { color: var(--muted); font-size: 13px; }
.value { display: block; margin: 2px 0; }
.value + .value { border-top: 1px dashed var(--line); padding-top: 4px; }
.dev { color: var(--muted); font-size: 13px; margin-top: 4px; }
.checks { list-style: none; padding: 0; margin: 0; }
.check { border-top: 1px solid var(--line); padding: 8px 0; }
.check:first-child { border-top: 0; }
.check .rule { font-weight: 600; }
.finding { margin: 6px 0 6px 18px; }
.message { margin: 2px 0; }
details { margin: 6px 0; }
summary { cursor: pointer; color: #0550ae; }
pre.diff { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 0; overflow-x: auto; margin: 6px 0; }
pre.diff span { display: block; padding: 0 12px; white-space: pre; }
pre.diff .add { background: #dafbe1; }
pre.diff .del { background: #ffebe9; }
pre.diff .hunk { color: #8250df; }
pre.diff .file { color: var(--muted); font-weight: 600; }
footer { color: var(--muted); font-size: 13px; padding-bottom: 32px; margin-top: 32px; }
`;

type CheckStatus = 'pass' | 'fail' | 'warn' | 'na';

function where(path: string, line: number, column?: number): string {
  return `${path}:${line}${column !== undefined ? `:${column}` : ''}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The texts after applying a suggestion, per file it edits (undefined: a file whose text is not known). */
function afterSuggestion(s: LocatedSuggestion, sources: ReadonlyMap<string, string>): { path: string; before: string; after: string }[] | undefined {
  const byFile = new Map<string, LocatedSuggestion['edits'][number][]>();
  for (const e of s.edits) {
    let list = byFile.get(e.file);
    if (!list) byFile.set(e.file, (list = []));
    list.push(e);
  }
  const out: { path: string; before: string; after: string }[] = [];
  for (const [file, edits] of byFile) {
    const before = sources.get(file);
    if (before === undefined) return undefined;
    let after = before;
    for (const e of [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
      after = after.slice(0, e.range.start.offset) + e.text + after.slice(e.range.end.offset);
    }
    out.push({ path: edits[0]!.path, before, after });
  }
  return out;
}

/** A remedy as a unified diff, one `<pre>` of lines marked added, removed or context. */
function diffHtml(s: LocatedSuggestion, sources: ReadonlyMap<string, string>): string {
  const files = afterSuggestion(s, sources);
  if (!files) {
    // Text unknown: show the replacements themselves.
    const lines = s.edits.map((e) => `<span class="file">${h(where(e.path, e.range.start.line, e.range.start.column))}</span>${e.text.split(/\r?\n/).map((l) => `<span class="add">+${h(l)}</span>`).join('')}`);
    return `<pre class="diff">${lines.join('')}</pre>`;
  }
  const parts: string[] = [];
  for (const f of files) {
    const patch = structuredPatch(`a/${f.path}`, `b/${f.path}`, f.before, f.after, '', '', { context: 2 });
    parts.push(`<span class="file">--- a/${h(f.path)}</span><span class="file">+++ b/${h(f.path)}</span>`);
    for (const hunk of patch.hunks) {
      parts.push(`<span class="hunk">@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@</span>`);
      for (const line of hunk.lines) {
        const cls = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('\\') ? 'hunk' : 'ctx';
        parts.push(`<span class="${cls}">${h(line.replace(/\r$/, ''))}</span>`); // a CRLF file's lines end in CR
      }
    }
  }
  return `<pre class="diff">${parts.join('')}</pre>`;
}

function findingHtml(f: ResultFinding, sources: ReadonlyMap<string, string>, showRule: boolean): string {
  const suggestions = f.suggestions
    .map(
      (s, i) =>
        `<details${i === 0 ? ' open' : ''}><summary>Suggested fix${i === 0 ? ' (applied by <code>--fix</code>)' : ''}: ${prose(s.message)}</summary>${diffHtml(s, sources)}</details>`,
    )
    .join('');
  return (
    `<div class="finding ${f.severity === 'error' ? 'fail' : 'warn'}">` +
    `<p class="message"><span class="mono">${h(where(f.path, f.range.start.line, f.range.start.column))}</span> ` +
    `${showRule ? `<span class="rule">${h(f.ruleId)}</span> ` : ''}<span class="status">${f.severity}</span> ${prose(f.message)}</p>` +
    suggestions +
    `</div>`
  );
}

function valueHtml(v: ValueSummary): string {
  const tags: string[] = [];
  if (v.kind === 'env' && v.env) tags.push(`<span class="tag env">env ${h(v.env)}</span>`);
  if (v.fallback && v.env) tags.push(`<span class="tag fallback">fallback when ${h(v.env)} is not set</span>`);
  if (v.libraryDefault) tags.push(`<span class="tag default">library default</span>`);
  if (v.kind === 'unknown') tags.push(`<span class="tag">unknown${v.reason ? `: ${h(v.reason)}` : ''}</span>`);
  const from = v.from ? ` <span class="from">${v.kind === 'default' ? 'not set in the options at ' : ''}${h(where(v.from.path, v.from.line))}</span>` : '';
  return `<span class="value"><code>${h(v.text)}</code> ${tags.join(' ')}${from}</span>`;
}

/** Another world's values, in one line under the row's: `Outside production: false src/session.js:7`. */
function otherWorld(label: string, values: readonly ValueSummary[]): string {
  return `<div class="dev">${label}: ${values.length ? values.map((v) => `<code>${h(v.text)}</code>${v.from ? ` <span class="from">${h(where(v.from.path, v.from.line))}</span>` : ''}`).join(', ') : '<code>none</code>'}</div>`;
}

/**
 * A setting's row: its values in production (or, for a configuration that never runs there, outside
 * production), with the other worlds' values where they differ: outside production, and on a server
 * started without NODE_ENV (`unset`, a world the secret rules judge), when the configuration runs there.
 */
function settingRow(s: SettingSummary, inProduction: boolean, runsUnset: boolean): string {
  // With NODE_ENV unset: its own line unless it is the row's values, or the outside-production line's (named there).
  const sameAsShown = inProduction ? s.unsetSameAs.production || (s.dependsOnEnvironment && s.unsetSameAs.development) : s.unsetSameAs.development;
  const unset = runsUnset && !sameAsShown ? otherWorld('With NODE_ENV unset', s.unset) : '';
  if (!inProduction) {
    const values = s.development.length ? s.development.map(valueHtml).join('') : '<span class="value"><code>none</code></span>';
    return `<tr><th scope="row"><code>${h(s.option)}</code></th><td>${values}${unset}</td></tr>`;
  }
  const prodOnly = s.dependsOnEnvironment ? ' <span class="tag prod">production only</span>' : '';
  const production = s.production.length ? s.production.map(valueHtml).join('') : '<span class="value"><code>none</code></span>';
  // Outside production, and with NODE_ENV unset when that is the same (the common `NODE_ENV !== 'production'` test).
  const devLabel = runsUnset && s.unsetSameAs.development ? 'Outside production and with NODE_ENV unset' : 'Outside production';
  const dev = s.dependsOnEnvironment ? otherWorld(devLabel, s.development) : '';
  return `<tr><th scope="row"><code>${h(s.option)}</code>${prodOnly}</th><td>${production}${dev}${unset}</td></tr>`;
}

function yesNo(t: boolean | 'unknown'): string {
  return t === 'unknown' ? 'maybe' : t ? 'yes' : 'no';
}

interface SiteView {
  readonly site: SiteSummary;
  readonly anchor: string;
  readonly findings: ResultFinding[];
  readonly checks: { readonly ruleId: string; readonly description: string; readonly option: string; readonly status: CheckStatus; readonly findings: ResultFinding[] }[];
}

function siteViews(results: Results): { views: SiteView[]; others: ResultFinding[] } {
  const sites = [...(results.sites ?? [])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.start - b.start);
  const views: SiteView[] = sites.map((site, i) => ({ site, anchor: `site-${i + 1}`, findings: [], checks: [] }));
  const others: ResultFinding[] = [];
  for (const f of results.findings) {
    // The innermost configuration whose call holds the finding.
    let best: SiteView | undefined;
    for (const v of views) {
      if (v.site.file !== f.file || f.range.start.offset < v.site.start || f.range.end.offset > v.site.end) continue;
      if (!best || v.site.end - v.site.start < best.site.end - best.site.start) best = v;
    }
    if (best) best.findings.push(f);
    else others.push(f);
  }
  for (const v of views) {
    const checked = new Set<string>();
    for (const c of v.site.checks) {
      checked.add(c.ruleId);
      const found = v.findings.filter((f) => f.ruleId === c.ruleId);
      const status: CheckStatus =
        found.length > 0 ? (found.some((f) => f.severity === 'error') ? 'fail' : 'warn') : v.site.runs.production === false ? 'na' : 'pass';
      v.checks.push({ ruleId: c.ruleId, description: c.description, option: c.option, status, findings: found });
    }
    // Findings of other rules inside the call (not a per-setting rule): listed as failed checks too.
    for (const f of v.findings) {
      if (checked.has(f.ruleId)) continue;
      checked.add(f.ruleId);
      const found = v.findings.filter((x) => x.ruleId === f.ruleId);
      v.checks.push({ ruleId: f.ruleId, description: '', option: '', status: found.some((x) => x.severity === 'error') ? 'fail' : 'warn', findings: found });
    }
  }
  return { views, others };
}

const STATUS_TEXT: Record<CheckStatus, string> = { pass: '✔ pass', fail: '✖ fail', warn: '⚠ warn', na: '– not judged' };

function siteHtml(v: SiteView, sources: ReadonlyMap<string, string>, ctx: ReporterContext): string {
  const s = v.site;
  const failed = v.checks.filter((c) => c.status === 'fail').length;
  const warned = v.checks.filter((c) => c.status === 'warn').length;
  const passed = v.checks.filter((c) => c.status === 'pass').length;
  const inProduction = s.runs.production !== false;
  const badge = failed
    ? `<span class="badge fail">${failed} failed</span>`
    : warned
      ? `<span class="badge warn">${warned} to review</span>`
      : inProduction
        ? `<span class="badge pass">all checks pass</span>`
        : `<span class="badge na">not used in production</span>`;
  const runsUnset = s.runs.unset !== false;
  const valuesHead = inProduction
    ? 'Value in production (each possibility), and where it comes from'
    : runsUnset
      ? 'Value outside production, also with NODE_ENV unset unless shown (this configuration does not run in production), and where it comes from'
      : 'Value outside production (this configuration does not run in production), and where it comes from';
  const docsOf = (id: string) => ctx.rules.find((r) => r.id === id)?.docsUrl;
  const checks = v.checks
    .map((c) => {
      const docs = docsOf(c.ruleId);
      const name = docs ? `<a class="rule" href="${h(docs)}">${h(c.ruleId)}</a>` : `<span class="rule">${h(c.ruleId)}</span>`;
      const about = c.description ? ` — ${prose(c.description)}${c.option ? ` <span class="from">(${h(c.option)})</span>` : ''}` : '';
      // A configuration that never runs in production is judged only as a server started without NODE_ENV runs it: say so.
      const world = !inProduction && c.findings.length > 0 ? ' <span class="tag unset">with NODE_ENV unset</span>' : '';
      return `<li class="check ${c.status}"><span class="status">${STATUS_TEXT[c.status]}</span>${world} ${name}${about}${c.findings.map((f) => findingHtml(f, sources, false)).join('')}</li>`;
    })
    .join('');
  return `<section class="site" id="${v.anchor}">
<h2><span class="lib">${h(s.library)}</span> <span class="where mono">${h(where(s.path, s.line, s.column))}</span> ${badge}</h2>
<p class="meta">Runs in production: <strong>${yesNo(s.runs.production)}</strong> · outside production: <strong>${yesNo(s.runs.development)}</strong> · with NODE_ENV unset: <strong>${yesNo(s.runs.unset)}</strong> · ${plural(passed, 'check')} passed, ${failed} failed${warned ? `, ${warned} to review` : ''} · <a href="${h(s.libraryDocs)}">${h(s.library)} documentation</a></p>
<h3>Settings</h3>
${table('settings', ['Setting', valuesHead], s.settings.map((row) => settingRow(row, inProduction, runsUnset)).join('\n'))}
<h3>Checks</h3>
<ul class="checks">${checks}</ul>
</section>`;
}

export function html(results: Results, ctx: ReporterContext): string {
  const sources = results.sources ?? new Map<string, string>();
  const { views, others } = siteViews(results);
  const { stats } = results;
  const failing = views.filter((v) => v.checks.some((c) => c.status === 'fail')).length;

  const tiles = [
    { n: views.length, label: views.length === 1 ? 'session configuration' : 'session configurations', cls: '' },
    { n: failing, label: 'with failed checks', cls: failing ? 'bad' : 'ok' },
    { n: stats.errors, label: stats.errors === 1 ? 'error' : 'errors', cls: stats.errors ? 'bad' : 'ok' },
    { n: stats.warnings, label: stats.warnings === 1 ? 'warning' : 'warnings', cls: '' },
    { n: stats.fileErrors, label: 'files not checked', cls: stats.fileErrors ? 'bad' : '' },
  ]
    .map((t) => `<li class="tile ${t.cls}"><span class="n">${t.n}</span><span class="label">${t.label}</span></li>`)
    .join('');

  const siteRows = views
    .map((v) => {
      const failed = v.checks.filter((c) => c.status === 'fail').length;
      const warned = v.checks.filter((c) => c.status === 'warn').length;
      const passed = v.checks.filter((c) => c.status === 'pass').length;
      return `<tr><td><a href="#${v.anchor}">${h(v.site.library)}</a></td><td class="mono">${h(where(v.site.path, v.site.line, v.site.column))}</td><td>${passed}</td><td>${failed ? `<span class="badge fail">${failed}</span>` : '0'}</td><td>${warned ? `<span class="badge warn">${warned}</span>` : '0'}</td></tr>`;
    })
    .join('\n');

  const byRule = new Map<string, { errors: number; warnings: number }>();
  for (const f of results.findings) {
    const c = byRule.get(f.ruleId) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') c.errors++;
    else c.warnings++;
    byRule.set(f.ruleId, c);
  }
  const ruleRows = ctx.rules
    .filter((r) => byRule.has(r.id))
    .map((r) => {
      const c = byRule.get(r.id)!;
      return `<tr><td><a href="${h(r.docsUrl)}">${h(r.id)}</a></td><td>${prose(r.description)}</td><td>${c.errors}</td><td>${c.warnings}</td></tr>`;
    })
    .join('\n');

  const otherByFile = new Map<string, ResultFinding[]>();
  for (const f of others) {
    const list = otherByFile.get(f.path) ?? [];
    list.push(f);
    otherByFile.set(f.path, list);
  }
  const otherHtml = [...otherByFile]
    .map(([file, list]) => `<h3 class="mono">${h(file)}</h3>${list.map((f) => findingHtml(f, sources, true)).join('')}`)
    .join('\n');

  const fileErrors = results.fileErrors
    .map((e) => `<tr><td class="mono">${h(e.line ? where(e.path, e.line, e.column) : e.path)}</td><td>${h(e.kind)}</td><td>${h(e.message)}</td></tr>`)
    .join('\n');

  const verdict =
    stats.errors + stats.warnings + stats.fileErrors === 0
      ? 'No problems found.'
      : `${plural(stats.errors + stats.warnings, 'problem')} (${plural(stats.errors, 'error')}, ${plural(stats.warnings, 'warning')})${stats.fileErrors ? `, ${plural(stats.fileErrors, 'file')} not checked` : ''}.`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${h(`${ctx.tool.name} ${ctx.tool.version}`)}">
<title>session-audit report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>session-audit report</h1>
<p class="meta">${h(ctx.tool.name)} ${h(ctx.tool.version)} · ${plural(stats.files, 'file')} found, ${stats.analyzedFiles} analyzed${stats.suppressed ? ` · ${stats.suppressed} suppressed` : ''}${stats.baselined ? ` · ${stats.baselined} in the baseline` : ''}${stats.fixed ? ` · ${stats.fixed} fixed` : ''}</p>
</header>
<main>
<section id="summary" class="summary">
<h2>Summary</h2>
<p class="verdict">${verdict}</p>
<ul class="tiles">${tiles}</ul>
${
  views.length
    ? table('sites', ['Session configuration', 'Where', 'Passed', 'Failed', 'To review'], siteRows)
    : '<p>No session configuration was found in the scanned files.</p>'
}
${
  ruleRows
    ? `<h3>Findings by rule</h3>${table('rules', ['Rule', 'What it checks', 'Errors', 'Warnings'], ruleRows)}`
    : ''
}
</section>
${views.map((v) => siteHtml(v, sources, ctx)).join('\n')}
${others.length ? `<section id="other" class="other"><h2>Other findings</h2><p class="meta">Session handling outside the configurations above (lifecycle calls, logins, middleware order, the app's setup).</p>\n${otherHtml}\n</section>` : ''}
${fileErrors ? `<section id="file-errors"><h2>Files that could not be checked</h2>${table('', ['File', 'Kind', 'Reason'], fileErrors)}</section>` : ''}
</main>
<footer>Generated by ${h(ctx.tool.name)} ${h(ctx.tool.version)}. This page has no scripts and loads nothing from the network. Secret values are masked in the settings tables; the diffs show the code as it is.</footer>
</body>
</html>
`;
}
