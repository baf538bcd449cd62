import { defineRule, isOwnSessionCredentialName, isSessionStateName, isTokenName, secretDataOf } from '../src/rule-kit.js';

type MessageIds = 'secretData' | 'clientToken';

export default defineRule<MessageIds, []>({
  id: 'no-sensitive-session-data',
  meta: {
    type: 'problem',
    description: 'Disallow passwords, card data and (in cookie-based sessions) tokens and secrets in the session',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      secretData:
        '`{{target}}` puts {{what}} into the session{{where}}. Sessions are copied to stores, logs and backups; keep credentials and payment data out of them (store a flag or an ID instead).',
      clientToken:
        '`{{target}}` puts a token or secret into a cookie-based session ({{library}}): {{exposure}}.',
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: false,
    testFiles: 'skip',
    cwe: ['CWE-312', 'CWE-315'],
    // as CodeQL js/clear-text-storage-of-sensitive-data
    securitySeverity: 7.5,
  },
  check({ model, report }) {
    if (model.sessionWrites.length === 0) return;
    const client = model.clientSession;
    for (const w of model.sessionWrites) {
      // No data to leak: null/undefined, or a flag or count (`passwordReset = true`).
      if (!w.value || w.valueKind !== 'data') continue;
      const keys = [w.key, ...w.subPath];
      const named = keys.find((k) => secretDataOf(k)) ?? (w.source && secretDataOf(w.source) ? w.source : undefined);
      // Else a name inside the value: an object's property, the request body's fields the handler reads, what a
      // helper's callers pass, or the value's declared type (the engine says how each is there).
      const inside = named ? undefined : w.parts.find((p) => secretDataOf(p.name));
      if (named || inside) {
        const what = named ? secretDataOf(named)! : `${secretDataOf(inside!.name)!} (${inside!.how})`;
        report({ node: w.target, messageId: 'secretData', data: { target: w.targetText, what, where: client ? `, which ${client.module} sends to the browser` : '' } });
        continue;
      }
      // Tokens are a finding only where the browser can read them: a signed, unencrypted cookie.
      if (!client || client.encrypted) continue;
      // The session's own credential (`token = sessionToken`, as Vendure keeps its session token in cookie-session):
      // whoever holds the cookie can already use it, so reading it adds nothing.
      if (w.source && isOwnSessionCredentialName(w.source)) continue;
      // A key meant for session state (`csrfToken = token`) keeps its value, whatever the value's name.
      // Inside the value, only what the code writes counts (a declared type may list tokens the object does not hold).
      const token = keys.some(isSessionStateName)
        ? undefined
        : ([...keys, w.source ?? ''].find(isTokenName) ?? w.parts.find((p) => p.from === 'code' && isTokenName(p.name) && !isSessionStateName(p.name))?.name);
      const exposure = 'the cookie is signed, not encrypted, so anyone holding it can read the value';
      if (token) report({ node: w.target, messageId: 'clientToken', data: { target: w.targetText, library: client.module, exposure } });
    }
  },
});
