/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning (upload-sarif).
 *
 * GitHub reads tool.driver.rules (help.text, fullDescription, helpUri,
 * defaultConfiguration.level, properties.tags), results with a full region and
 * partialFingerprints.primaryLocationLineHash (and our identity, which does not depend
 * on the file's path or the line: identity.ts) (it ignores `fixes`, which are
 * still included for other viewers). Files that could not be checked are
 * toolExecutionNotifications of the invocation.
 * https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import type * as Sarif from 'sarif';
import { sarifUriPath } from '../escape.js';
import type { FileError, LocatedEdit, Range, ReporterContext, Results, RuleInfo } from '../results.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The key of the finding's identity in `partialFingerprints` (versioned, as SARIF recommends). */
const IDENTITY_FINGERPRINT = 'sessionAuditIdentity/v1';
const SRCROOT = '%SRCROOT%';

const encodePath = sarifUriPath;

/** Paths are relative to %SRCROOT% (the working folder); a file on another drive gets an absolute file URI. */
function artifact(relPath: string): Sarif.ArtifactLocation {
  if (/^[A-Za-z]:\//.test(relPath)) return { uri: `file:///${encodePath(relPath)}` };
  if (relPath.startsWith('/')) return { uri: `file://${encodePath(relPath)}` };
  return { uri: encodePath(relPath), uriBaseId: SRCROOT };
}

function region(r: Range): Sarif.Region {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

function level(severity: 'error' | 'warn' | 'warning'): Sarif.ReportingConfiguration.level {
  return severity === 'error' ? 'error' : 'warning';
}

function directoryUri(cwd: string): string {
  const posix = cwd.split('\\').join('/');
  const withSlash = posix.endsWith('/') ? posix : `${posix}/`;
  return `file://${withSlash.startsWith('/') ? '' : '/'}${encodePath(withSlash)}`;
}

function descriptor(r: RuleInfo): Sarif.ReportingDescriptor {
  const sentence = `${r.description}.`;
  const cwe = r.cwe.length ? `\n\nWeaknesses: ${r.cwe.join(', ')}.` : '';
  return {
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: sentence },
    fullDescription: { text: `${sentence}${r.hasSuggestions ? ' Findings carry a suggested fix (session-audit --fix).' : ''}` },
    help: {
      text: `${sentence}${cwe}\n\nDocumentation: ${r.docsUrl}`,
      // GitHub shows the markdown as the alert's rule help: the whole documentation page when it ships.
      markdown:
        r.docsMarkdown ??
        `${sentence}${r.cwe.length ? `\n\nWeaknesses: ${r.cwe.map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.slice(4)}.html)`).join(', ')}.` : ''}\n\n[Documentation](${r.docsUrl})`,
    },
    helpUri: r.docsUrl,
    defaultConfiguration: { level: level(r.severity) },
    properties: {
      tags: ['security', ...r.cwe, ...r.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
      precision: 'high',
      'problem.severity': r.severity === 'error' ? 'error' : 'warning',
      // GitHub code scanning ranks security alerts by this (critical / high / medium / low).
      'security-severity': r.securitySeverity.toFixed(1),
    },
  };
}

function replacement(e: LocatedEdit): Sarif.Replacement {
  return { deletedRegion: region(e.range), insertedContent: { text: e.text } };
}

function notification(e: FileError): Sarif.Notification {
  return {
    level: 'error',
    message: { text: e.message },
    descriptor: { id: `${e.kind}-error` },
    locations: [{ physicalLocation: { artifactLocation: artifact(e.path), ...(e.line ? { region: { startLine: e.line, startColumn: e.column ?? 1 } } : {}) } }],
  };
}

export function sarif(results: Results, ctx: ReporterContext): string {
  const ruleIndex = new Map(ctx.rules.map((r, i) => [r.id, i]));
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: ctx.tool.name,
            version: ctx.tool.version,
            semanticVersion: ctx.tool.version,
            informationUri: ctx.tool.informationUri,
            rules: ctx.rules.map(descriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(ctx.cwd) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: results.fileErrors.map(notification),
          },
        ],
        results: results.findings.map((f): Sarif.Result => {
          const index = ruleIndex.get(f.ruleId);
          return {
            ruleId: f.ruleId,
            ...(index !== undefined ? { ruleIndex: index } : {}),
            level: level(f.severity),
            message: { text: f.message },
            // The reported line as a snippet (secrets masked, as everywhere: secrets.ts).
            locations: [{ physicalLocation: { artifactLocation: artifact(f.path), region: region(f.range), contextRegion: { startLine: f.range.start.line, snippet: { text: f.lineText } } } }],
            // GitHub's line hash, and the finding's identity (identity.ts): stable across renames, moves and lines added above.
            partialFingerprints: { primaryLocationLineHash: f.primaryLocationLineHash, [IDENTITY_FINGERPRINT]: f.identity },
            // A value several session calls share, reported once at its definition: the calls (shared-definitions.ts).
            ...(f.related?.length
              ? { relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: { artifactLocation: artifact(r.path), region: region(r.range) }, message: { text: r.message } })) }
              : {}),
            // Fixes as planned for review: any set of them, one per result, applies together (src/analysis/compose.ts).
            ...((f.review ?? f.suggestions).length
              ? {
                  fixes: (f.review ?? f.suggestions).map((s) => {
                    const byFile = new Map<string, LocatedEdit[]>();
                    for (const e of s.edits) byFile.set(e.path, [...(byFile.get(e.path) ?? []), e]);
                    return {
                      description: { text: s.message },
                      artifactChanges: [...byFile].map(([p, edits]) => ({ artifactLocation: artifact(p), replacements: edits.map(replacement) })),
                    };
                  }),
                }
              : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
