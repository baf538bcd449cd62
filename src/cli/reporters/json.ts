/**
 * `--format json`: a stable shape for scripts (documented in docs/cli.md).
 * Lines and columns are 1-based; columns count UTF-16 code units (as ESLint and
 * editors do); an end column points just past the last character.
 */
import type { LocatedEdit, Range, ReporterContext, Results } from '../results.js';

const JSON_SCHEMA_VERSION = 1;

function span(r: Range) {
  return { line: r.start.line, column: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

function edit(e: LocatedEdit) {
  return { file: e.path, ...span(e.range), text: e.text };
}

export function json(results: Results, ctx: ReporterContext): string {
  const doc = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: ctx.tool.name, version: ctx.tool.version },
    findings: results.findings.map((f) => ({
      rule: f.ruleId,
      severity: f.severity,
      file: f.path,
      ...span(f.range),
      message: f.message,
      messageId: f.messageId,
      fingerprint: f.lineHash,
      identity: f.identity,
      suggestions: f.suggestions.map((s) => ({ message: s.message, edits: s.edits.map(edit) })),
      ...(f.related?.length ? { related: f.related.map((r) => ({ file: r.path, ...span(r.range), message: r.message })) } : {}),
    })),
    fileErrors: results.fileErrors.map((e) => ({
      file: e.path,
      kind: e.kind,
      message: e.message,
      ...(e.line ? { line: e.line, column: e.column ?? 1 } : {}),
    })),
    stats: results.stats,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
