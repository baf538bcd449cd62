import { insertOrReplaceEnv } from '../src/analysis/remedies.js';
import { reportNode } from '../src/analysis/locate.js';
import type { OptionValue } from '../src/analysis/sites.js';
import type { Value } from '../src/analysis/values.js';
import { defineRule, originSuffix } from '../src/rule.js';

type MessageIds = 'hardcoded' | 'fallback' | 'useEnv' | 'removeFallback';

/** A string literal (or an array holding one) that can sign cookies in production. */
function hardcodedIn(v: Value): (Value & { kind: 'literal' }) | undefined {
  if (v.kind === 'literal' && typeof v.value === 'string' && v.value.length > 0) return v;
  if (v.kind === 'array') {
    for (const el of v.elements) for (const e of el) {
      const hit = hardcodedIn(e);
      if (hit) return hit;
    }
  }
  // A map of passwords for rotation (iron-session: `password: { 1: '...', 2: '...' }`)
  if (v.kind === 'object') {
    for (const prop of v.props.values()) for (const e of prop.values) {
      const hit = e.kind === 'literal' ? hardcodedIn(e) : undefined;
      if (hit) return hit;
    }
  }
  return undefined;
}

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
    const ts = model.host.ts;
    for (const site of model.sites) {
      const view = site.view('production');
      if (view.reachable === false) continue;
      for (const option of site.library.options.secrets) {
        let hit: { ov: OptionValue; literal: Value & { kind: 'literal' } } | undefined;
        for (const ov of view.option(option)) {
          const literal = hardcodedIn(ov.value);
          if (literal) {
            hit = { ov, literal: { ...literal, fallbackOf: literal.fallbackOf ?? ov.value.fallbackOf } };
            break;
          }
        }
        if (!hit) continue;
        const { ov, literal } = hit;
        const origin = originSuffix(literal.node, model.sourceFile);
        const env = literal.fallbackOf;
        const remedy = insertOrReplaceEnv(ts, literal, env ?? 'SESSION_SECRET');
        if (env) {
          report({
            node: reportNode(site, ov, ts),
            messageId: 'fallback',
            data: { env, origin, label: site.library.secretLabel },
            suggestions: remedy ? [{ messageId: 'removeFallback', data: { env }, edits: remedy }] : [],
          });
        } else {
          report({
            node: reportNode(site, ov, ts),
            messageId: 'hardcoded',
            data: { origin, label: site.library.secretLabel },
            suggestions: remedy ? [{ messageId: 'useEnv', data: { env: 'SESSION_SECRET' }, edits: remedy }] : [],
          });
        }
      }
    }
  },
});
