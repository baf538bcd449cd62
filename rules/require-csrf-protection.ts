import { RECOMMENDED_CSRF_MODULES, defineRule, isDeprecatedCsrfModule, lineOf, matchesEveryOrigin, oneOf, productionSites } from '../src/rule-kit.js';

type MessageIds = 'noCsrf' | 'deprecatedCsrf' | 'originCheckOff';

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
      originCheckOff:
        "{{library}}'s own CSRF protection ({{covers}}) is off in production: {{why}}{{origin}}. Another website can then post to its endpoints as the signed-in user (wherever the cookie's `sameSite` lets the request carry it), sign visitors in to an account of its choosing, and send them on to any callback URL. List the app's own origins instead.",
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
    // A library's own CSRF defence, switched off by its configuration (better-auth's origin check): a fact of the
    // configuration alone, whatever the app's routes and middleware (the library's endpoints are routes of their own).
    for (const s of productionSites(model)) {
      const check = s.library.originCheck;
      if (!check) continue;
      const all = s.certainlyHolds(check.trustedOrigins, matchesEveryOrigin);
      const data = { library: s.library.displayName, covers: check.covers };
      if (all) {
        const element = all[0]!.element;
        report({ node: element, messageId: 'originCheckOff', data: { ...data, why: `\`${check.trustedOrigins.split('.').pop()}\` trusts every origin (${element.getText()})`, origin: s.origin(element) } });
        continue;
      }
      for (const off of check.offSwitches) {
        const on = s.certainly(off.option, (v) => v === true);
        if (!on || (off.unlessSet && !s.missing(off.unlessSet))) continue;
        report({ node: s.reportNode(on[0]), messageId: 'originCheckOff', data: { ...data, why: `\`${off.option.split('.').pop()}: true\``, origin: s.origin(on[0]!.value.node) } });
        break;
      }
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
