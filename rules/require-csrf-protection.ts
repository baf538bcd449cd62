import { DEPRECATED_CSRF_MODULES } from '../src/analysis/libraries.js';
import { classify, reportNode } from '../src/analysis/locate.js';
import { defineRule, lineOf } from '../src/rule.js';
import type * as TS from 'typescript';

type MessageIds = 'noCsrf' | 'deprecatedCsrf';

const protects = (v: unknown) => v === true || (typeof v === 'string' && ['lax', 'strict'].includes(v.toLowerCase()));

export default defineRule<MessageIds, []>({
  id: 'require-csrf-protection',
  meta: {
    type: 'problem',
    description: "Require CSRF protection for state-changing routes when the session cookie's `sameSite` does not protect them",
    severity: 'warn',
    configs: ['strict'],
    messages: {
      noCsrf:
        "The app has state-changing routes ({{route}}) authenticated by this session cookie, whose `sameSite` is not 'lax' or 'strict', and no CSRF protection: another website can submit forms as the logged-in user. Add CSRF middleware (csrf-csrf, csrf-sync, lusca) or set `sameSite: 'lax'`.",
      deprecatedCsrf:
        "{{module}} is deprecated and no longer maintained (archived in 2022): move to csrf-csrf, csrf-sync or lusca.",
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: false,
    testFiles: 'skip',
    cwe: ['CWE-352'],
    // as CodeQL js/missing-token-validation
    securitySeverity: 8.8,
    crossModule: true,
  },
  check({ model, report }) {
    const ts = model.host.ts;
    const sf = model.sourceFile;
    for (const spec of deprecatedImports(sf, ts)) report({ node: spec, messageId: 'deprecatedCsrf', data: { module: (spec as TS.StringLiteral).text } });
    const facts = model.appFacts;
    // Needs the whole app: routes and CSRF middleware usually live in other modules.
    if (!facts.complete || facts.csrfModules.size > 0 || facts.stateChangingRoutes.length === 0) return;
    for (const site of model.sites) {
      const view = site.view('production');
      if (view.reachable === false) continue;
      const path = site.cookiePath('sameSite');
      if (path === undefined) continue; // the library sets no session cookie
      const { bad, other } = classify(view.option(path), site.library.defaults[path], (v) => !protects(v));
      if (bad.length === 0 || other.length > 0) continue;
      const r = facts.stateChangingRoutes[0]!;
      report({ node: reportNode(site, bad[0], ts), messageId: 'noCsrf', data: { route: `${r.method.toUpperCase()} at ${lineOf(r.file, r.line, sf)}` } });
    }
  },
});

function deprecatedImports(sf: TS.SourceFile, ts: typeof TS): TS.Node[] {
  if (!DEPRECATED_CSRF_MODULES.some((m) => sf.text.includes(m))) return [];
  const out: TS.Node[] = [];
  const visit = (n: TS.Node): void => {
    // import, export ... from (not type-only: no run-time dependency), import x = require(), require(), import()
    const spec =
      (ts.isImportDeclaration(n) && !n.importClause?.isTypeOnly) || (ts.isExportDeclaration(n) && !n.isTypeOnly) ? n.moduleSpecifier
      : ts.isImportEqualsDeclaration(n) && !n.isTypeOnly && ts.isExternalModuleReference(n.moduleReference) ? n.moduleReference.expression
      : ts.isCallExpression(n) && n.arguments.length === 1 && ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword) ? n.arguments[0]
      : undefined;
    if (spec && ts.isStringLiteral(spec) && DEPRECATED_CSRF_MODULES.includes(spec.text)) out.push(spec);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
