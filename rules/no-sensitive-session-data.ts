import { CLIENT_SESSION_MODULES, ENCRYPTED_CLIENT_SESSION_MODULES, SECRET_DATA_KEYS, SESSION_STATE_KEYS, TOKEN_KEYS } from '../src/analysis/libraries.js';
import { defineRule } from '../src/rule.js';
import type * as TS from 'typescript';

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
    const ts = model.host.ts;
    const sf = model.sourceFile;
    const appModules = [...model.appFacts.sessionModules];
    const clientLibrary =
      CLIENT_SESSION_MODULES.find((m) => model.importedModules.has(m)) ??
      (appModules.length > 0 && appModules.every((m) => CLIENT_SESSION_MODULES.includes(m)) ? appModules[0] : undefined);
    for (const w of model.sessionWrites) {
      if (!w.value || isEmpty(w.value, ts)) continue;
      const keys = [w.key, ...w.subPath];
      const source = sourceName(w.value, ts);
      const node = ts.isBinaryExpression(w.node) ? w.node.left : w.node;
      const target = node.getText(sf).replace(/\s+/g, ' ');
      const secret = keys.find((k) => SECRET_DATA_KEYS.test(k)) ?? (source && SECRET_DATA_KEYS.test(source) ? source : undefined);
      if (secret) {
        report({
          node,
          messageId: 'secretData',
          data: { target, what: /card|pan|cvv|cvc|security/i.test(secret) ? 'payment card data' : 'a password', where: clientLibrary ? `, which ${clientLibrary} sends to the browser` : '' },
        });
        continue;
      }
      // Tokens are a finding only where the browser can read them: a signed, unencrypted cookie.
      if (!clientLibrary || ENCRYPTED_CLIENT_SESSION_MODULES.includes(clientLibrary)) continue;
      // A key meant for session state (`csrfToken = token`) keeps its value, whatever the value's name.
      const token = keys.some((k) => SESSION_STATE_KEYS.test(k)) ? undefined : [...keys, source ?? ''].find((k) => TOKEN_KEYS.test(k) && !SESSION_STATE_KEYS.test(k));
      const exposure = 'the cookie is signed, not encrypted, so anyone holding it can read the value';
      if (token) report({ node, messageId: 'clientToken', data: { target, library: clientLibrary, exposure } });
    }
  },
});

/** No data to leak: null/undefined, or a flag or count (`passwordReset = true`). */
function isEmpty(value: TS.Expression, ts: typeof TS): boolean {
  return value.kind === ts.SyntaxKind.NullKeyword ||
    value.kind === ts.SyntaxKind.TrueKeyword ||
    value.kind === ts.SyntaxKind.FalseKeyword ||
    ts.isNumericLiteral(value) || (ts.isIdentifier(value) && value.text === 'undefined') || ts.isVoidExpression(value);
}

/** The property name a value is read from: `password` in `req.body.password` or `body['password']`. */
function sourceName(value: TS.Expression, ts: typeof TS): string | undefined {
  let v = value;
  while (ts.isParenthesizedExpression(v) || ts.isAsExpression(v) || ts.isNonNullExpression(v) || ts.isAwaitExpression(v)) v = v.expression;
  if (ts.isPropertyAccessExpression(v)) return v.name.text;
  if (ts.isElementAccessExpression(v) && ts.isStringLiteralLike(v.argumentExpression)) return v.argumentExpression.text;
  if (ts.isIdentifier(v)) return v.text;
  return undefined;
}
