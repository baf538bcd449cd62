import { defineRule, productionSites, secretArgumentName, sitesWithoutNodeEnv } from '../src/rule-kit.js';

type MessageIds = 'hardcoded' | 'hardcodedNoEnvInScope' | 'fallback' | 'fallbackNoFix' | 'unsigned' | 'withoutNodeEnv' | 'useEnv' | 'useRuntimeEnv' | 'removeFallback' | 'removeDefault';

export default defineRule<MessageIds, []>({
  id: 'no-hardcoded-secret',
  meta: {
    type: 'problem',
    description: 'Disallow session secrets written in the source, including literal fallbacks of environment variables, and cookie sessions left unsigned',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      hardcoded:
        'The {{label}} is hardcoded{{origin}}. Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.',
      hardcodedNoEnvInScope:
        'The {{label}} is hardcoded{{origin}}. Anyone who can read the source can forge session cookies. No fix is offered: {{reason}} (as {{env}}, set with `wrangler secret put {{env}}`).',
      fallback:
        "The {{label}} falls back to a hardcoded value{{via}} when {{env}} is not set{{origin}}. A deployment that forgets the variable signs cookies with a public key; fail at start-up instead.",
      fallbackNoFix:
        'The {{label}} falls back to a hardcoded value{{via}} when {{env}} is not set{{origin}}. A deployment that forgets the variable signs cookies with a public key; fail at start-up instead. No fix is offered: {{reason}}.',
      withoutNodeEnv:
        "The {{label}} is hardcoded whenever NODE_ENV is not set{{origin}}: a server started without NODE_ENV=production is not 'production' to this code, so it signs cookies with a public key. Read the secret from the environment whatever NODE_ENV is, and fail at start-up when it is missing.",
      unsigned:
        'The session cookie is not signed (no `{{option}}`): {{library}} keeps the session data in the cookie as plain encoded JSON, so anyone can write a session of their choosing (any user id). Sign it with secrets loaded from the environment.',
      useEnv: 'Read the secret from process.env.{{env}}.',
      useRuntimeEnv: 'Read the secret from {{read}} ({{runtime}}).',
      removeFallback: 'Remove the fallback and use process.env.{{env}} alone.',
      removeDefault: 'Remove the default ({{via}}) so that {{env}} is required.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-798', 'CWE-321'],
    // as CodeQL js/hardcoded-credentials: anyone with the code can forge sessions
    securitySeverity: 9.8,
    crossModule: true,
  },
  libraryOption: (lib) => (lib.options.secrets.length ? { option: lib.options.secrets.map((s) => (s === '' ? secretArgumentName(lib.factories[0]) : s)).join(', ') } : undefined),
  check({ model, report }) {
    const reported = new Set<string>();
    for (const s of productionSites(model)) {
      // No secret at all, where the library then leaves the cookie unsigned: the forgery is open to anyone, not only readers of the source.
      const unsigned = s.unsignedWithoutSecret ? s.library.options.secrets.map((o) => ({ option: o, values: s.certainly(o, (v) => v === undefined) })).find((x) => x.values) : undefined;
      if (unsigned) {
        report({ node: s.reportNode(unsigned.values![0]), messageId: 'unsigned', data: { option: unsigned.option, library: s.library.displayName } });
        continue;
      }
      // The first possibility that holds a string literal (also in an array of secrets or a map of them).
      for (const { option, ov, literal } of s.hardcodedSecrets()) {
        reported.add(`${s.site.call.pos}:${option}`);
        const env = literal.fallbackOf;
        // A fallback shorter than the library accepts (iron's 32 characters) signs nothing: without the variable the app
        // fails, as the fix would make it. A plain literal is reported whatever its length.
        if (env && s.tooShortForLibrary(literal.value)) continue;
        const data = { origin: s.origin(literal.node), label: s.library.secretLabel };
        // A variable of its own per session configuration of the app (ADMIN_SESSION_SECRET, SESSION_SECRET_2).
        const name = env ?? s.envName(s.library.secretEnv ?? 'SESSION_SECRET', literal.node);
        const { suggestion, reason } = s.secretSuggestion(literal, name);
        const suggestions = suggestion ? [suggestion] : [];
        const via = literal.fallbackVia ? ` (${literal.fallbackVia})` : '';
        if (reason !== undefined && !env) report({ node: s.reportNode(ov), messageId: 'hardcodedNoEnvInScope', data: { ...data, reason, env: name }, suggestions });
        // A reader's or a schema's default that cannot be removed safely (evaluate-schemas.ts): the message says why.
        else if (env && reason !== undefined) report({ node: s.reportNode(ov), messageId: 'fallbackNoFix', data: { ...data, env, via, reason }, suggestions });
        else if (env) report({ node: s.reportNode(ov), messageId: 'fallback', data: { ...data, env, via }, suggestions });
        else report({ node: s.reportNode(ov), messageId: 'hardcoded', data, suggestions });
      }
    }
    // A literal production never uses, but a server started without NODE_ENV does (`isProd ? process.env.S : 'dev'`).
    // No suggestion: replacing the literal changes what development runs; the message says what to do.
    for (const s of sitesWithoutNodeEnv(model)) {
      for (const { ov, literal } of s.hardcodedSecrets((option) => !reported.has(`${s.site.call.pos}:${option}`))) {
        if (s.tooShortForLibrary(literal.value)) continue;
        report({ node: s.reportNode(ov), messageId: 'withoutNodeEnv', data: { origin: s.origin(literal.node), label: s.library.secretLabel }, suggestions: [] });
      }
    }
  },
});
