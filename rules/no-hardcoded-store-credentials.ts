import type { Evaluator } from '../src/analysis/evaluate.js';
import type * as TS from 'typescript';
import { within } from '../src/analysis/edits.js';
import { reportNode } from '../src/analysis/locate.js';
import { insertOrReplaceEnv } from '../src/analysis/remedies.js';
import type { LiteralValue, Value } from '../src/analysis/values.js';
import { defineRule, originSuffix } from '../src/rule.js';

type MessageIds = 'password' | 'url' | 'useEnv' | 'removeFallback';

const PASSWORD_KEYS = /^(password|pass|passwd|pwd|passphrase|secret|auth_?pass)$/i;
/** scheme://user:password@host: a password in the URL's user info. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]{0,30}:\/\/[^\s/@:]{0,200}:[^\s/@]{1,200}@/i;
const MAX_DEPTH = 4;

interface Hit {
  literal: LiteralValue;
  kind: 'password' | 'url';
  key: string;
}

/** Credentials written as literals in a store's constructor arguments, following clients and pools made for it. */
function findCredential(values: readonly Value[], ev: Evaluator, depth: number, key = ''): Hit | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const v of values) {
    if (v.kind === 'literal' && typeof v.value === 'string' && v.value.length > 0) {
      if (URL_WITH_PASSWORD.test(v.value)) return { literal: v, kind: 'url', key };
      if (PASSWORD_KEYS.test(key)) return { literal: v, kind: 'password', key };
    } else if (v.kind === 'object') {
      for (const [k, p] of v.props) {
        const hit = findCredential(p.values, ev, depth + 1, k);
        if (hit) return hit;
      }
    } else if (v.kind === 'instance') {
      for (const arg of v.args) {
        const hit = findCredential(ev.evaluate(arg), ev, depth + 1, key);
        if (hit) return hit;
      }
    }
  }
  return undefined;
}

/** The property (`mongoUrl: '...'`) that writes the credential, when it is written inside the session call itself. */
function inlineProperty(node: TS.Node, call: TS.Node, ts: typeof TS): TS.Node | undefined {
  if (!within(node, call)) return undefined;
  for (let n: TS.Node | undefined = node; n && n !== call; n = n.parent) if (ts.isPropertyAssignment(n)) return n;
  return undefined;
}

export default defineRule<MessageIds, []>({
  id: 'no-hardcoded-store-credentials',
  meta: {
    type: 'problem',
    description: "Disallow credentials written in the source for the session store's connection",
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      password:
        "The session store's `{{key}}` is {{how}}{{origin}}. Anyone who can read the source can reach the store, and with it every user's session; read it from the environment.",
      url: "The session store's connection URL carries a password {{how}}{{origin}}. Anyone who can read the source can reach the store, and with it every user's session; read it from the environment.",
      useEnv: 'Read it from process.env.{{env}}.',
      removeFallback: 'Remove the fallback and use process.env.{{env}} alone.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: true,
    testFiles: 'skip',
    cwe: ['CWE-798', 'CWE-259'],
    // as CodeQL js/hardcoded-credentials
    securitySeverity: 9.8,
    crossModule: true,
  },
  libraryOption: (lib) => (lib.options.store ? { option: lib.options.store } : undefined),
  check({ model, report }) {
    const ts = model.host.ts;
    const ev = model.evaluator('production');
    for (const site of model.sites) {
      const storeOption = site.library.options.store;
      if (!storeOption) continue;
      const view = site.view('production');
      if (view.reachable === false) continue;
      for (const ov of view.option(storeOption)) {
        const hit = findCredential([ov.value], ev, 0);
        if (!hit) continue;
        const env = hit.literal.fallbackOf;
        const how =
          hit.kind === 'url' ? (env ? `in the hardcoded fallback of ${env}` : 'in the source') : env ? `a hardcoded fallback of ${env}` : 'hardcoded';
        const envName = env ?? (hit.kind === 'url' ? 'SESSION_STORE_URL' : 'SESSION_STORE_PASSWORD');
        const edits = insertOrReplaceEnv(ts, hit.literal, envName);
        report({
          node: inlineProperty(hit.literal.node, site.call, ts) ?? reportNode(site, ov, ts),
          messageId: hit.kind,
          data: { key: hit.key, how, origin: originSuffix(hit.literal.node, model.sourceFile) },
          suggestions: edits ? [{ messageId: env ? 'removeFallback' : 'useEnv', data: { env: envName }, edits }] : [],
        });
        break; // one finding per store option
      }
    }
  },
});
