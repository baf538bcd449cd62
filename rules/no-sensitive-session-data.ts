import { defineRule, isOwnSessionCredentialName, isSessionStateName, isTokenName, secretDataOf } from '../src/rule-kit.js';

type MessageIds = 'secretData' | 'clientToken' | 'exposedToken';

export default defineRule<MessageIds, []>({
  id: 'no-sensitive-session-data',
  meta: {
    type: 'problem',
    description: 'Disallow passwords, card data and (where the browser can read the session) tokens and secrets in the session',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      secretData:
        '`{{target}}` puts {{what}} into the session{{where}}. Sessions are copied to stores, logs and backups; keep credentials and payment data out of them (store a flag or an ID instead).',
      clientToken:
        '`{{target}}` puts a token or secret into a cookie-based session ({{library}}): {{exposure}}.',
      exposedToken: '`{{target}}` puts a token or secret into what {{lands}}. Keep it where only the server reads it.',
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
    for (const w of model.sessionWrites) {
      // A session object a library handed out lives where its store says; else where the file's session libraries keep it.
      const client = w.store ? (w.store.clientSide ? { module: w.store.label, encrypted: w.store.encrypted } : undefined) : model.clientSession;
      // No data to leak: null/undefined, or a flag or count (`passwordReset = true`).
      if (!w.value || w.valueKind !== 'data') continue;
      const keys = [w.key, ...w.subPath];
      const named = keys.find((k) => secretDataOf(k)) ?? (w.source && secretDataOf(w.source) ? w.source : undefined);
      // Else a name inside the value: an object's property, the request body's fields the handler reads, what a
      // helper's callers pass, or the value's declared type (the engine says how each is there).
      const inside = named ? undefined : w.parts.find((p) => secretDataOf(p.name));
      if (named || inside) {
        const what = named ? secretDataOf(named)! : `${secretDataOf(inside!.name)!} (${inside!.how})`;
        // Where the value ends up: the library's own words (Auth.js's callbacks), else the cookie-based session's library.
        const where = w.store?.shape.lands ? `, which ${w.store.shape.lands}` : client ? `, which ${client.module} sends to the browser` : '';
        report({ node: w.target, messageId: 'secretData', data: { target: w.targetText, what, where } });
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
      if (token && w.store?.shape.lands) report({ node: w.target, messageId: 'exposedToken', data: { target: w.targetText, lands: w.store.shape.lands } });
      else if (token) report({ node: w.target, messageId: 'clientToken', data: { target: w.targetText, library: client.module, exposure } });
    }
  },
});
