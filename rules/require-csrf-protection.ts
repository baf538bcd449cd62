import { RECOMMENDED_CSRF_MODULES, defineRule, isDeprecatedCsrfModule, lineOf, oneOf, productionSites } from '../src/rule-kit.js';

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
        "The app has state-changing routes ({{route}}) authenticated by this session cookie, whose `sameSite` is not 'lax' or 'strict', and no CSRF protection: another website can submit forms as the logged-in user. Add CSRF middleware ({{modules}}) or set `sameSite: 'lax'`.",
      deprecatedCsrf: '{{module}} is deprecated and no longer maintained (archived in 2022): move to {{alternatives}}.',
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
    for (const i of model.imports) {
      // Not a type-only import: no run-time dependency.
      if (!i.typeOnly && isDeprecatedCsrfModule(i.module)) report({ node: i.specifier, messageId: 'deprecatedCsrf', data: { module: i.module, alternatives: oneOf(RECOMMENDED_CSRF_MODULES) } });
    }
    const facts = model.appFacts;
    // Needs the whole app: routes and CSRF middleware usually live in other modules.
    if (!facts.complete || facts.csrfModules.size > 0 || facts.stateChangingRoutes.length === 0) return;
    for (const s of productionSites(model)) {
      const path = s.cookie('sameSite');
      const bad = path && s.certainly(path, (v) => !protects(v));
      if (!path || !bad) continue; // no session cookie, or one SameSite may protect
      const r = facts.stateChangingRoutes[0]!;
      report({ node: s.reportNode(bad[0]), messageId: 'noCsrf', data: { route: `${r.method.toUpperCase()} at ${lineOf(r.file, r.line, model.sourceFile)}`, modules: RECOMMENDED_CSRF_MODULES.join(', ') } });
    }
  },
});
