import { defineRule, hardcodedSecret, productionSites } from '../src/rule-kit.js';

type MessageIds = 'hardcoded' | 'fallback' | 'useEnv' | 'removeFallback';

export default defineRule<MessageIds, []>({
  id: 'no-hardcoded-secret',
  meta: {
    type: 'problem',
    description: 'Disallow session secrets written in the source, including literal fallbacks of environment variables',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      hardcoded:
        'The {{label}} is hardcoded{{origin}}. Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.',
      fallback:
        "The {{label}} falls back to a hardcoded value when {{env}} is not set{{origin}}. A deployment that forgets the variable signs cookies with a public key; fail at start-up instead.",
      useEnv: 'Read the secret from process.env.{{env}}.',
      removeFallback: 'Remove the fallback and use process.env.{{env}} alone.',
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
  libraryOption: (lib) => (lib.options.secrets.length ? { option: lib.options.secrets.map((s) => (s === '' ? (lib.factories[0]?.via === 'keys' ? 'app.keys' : 'first argument') : s)).join(', ') } : undefined),
  check({ model, report }) {
    for (const s of productionSites(model)) {
      for (const option of s.library.options.secrets) {
        // The first possibility that holds a string literal (also in an array of secrets or a map of them).
        const ov = s.option(option).find((x) => hardcodedSecret(x));
        if (!ov) continue;
        const literal = hardcodedSecret(ov)!;
        const env = literal.fallbackOf;
        const data = { origin: s.origin(literal.node), label: s.library.secretLabel };
        // A variable of its own per session configuration of the app (ADMIN_SESSION_SECRET, SESSION_SECRET_2).
        const name = env ?? s.envName(s.library.secretEnv ?? 'SESSION_SECRET', literal.node);
        const remedy = s.useEnv(literal, name);
        if (env) {
          report({ node: s.reportNode(ov), messageId: 'fallback', data: { ...data, env }, suggestions: remedy ? [{ messageId: 'removeFallback', data: { env }, edits: remedy }] : [] });
        } else {
          report({ node: s.reportNode(ov), messageId: 'hardcoded', data, suggestions: remedy ? [{ messageId: 'useEnv', data: { env: name }, edits: remedy }] : [] });
        }
      }
    }
  },
});
