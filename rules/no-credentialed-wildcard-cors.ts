import { findModuleCalls, findRegisterCalls } from '../src/analysis/middleware.js';
import type { Value } from '../src/analysis/values.js';
import { defineRule, originSuffix } from '../src/rule.js';
import type * as TS from 'typescript';

type MessageIds = 'reflectAnyOrigin' | 'wildcard';

export default defineRule<MessageIds, []>({
  id: 'no-credentialed-wildcard-cors',
  meta: {
    type: 'problem',
    description: 'Disallow CORS with credentials for any origin in an app that uses session cookies',
    severity: 'error',
    configs: ['recommended', 'strict'],
    messages: {
      reflectAnyOrigin:
        'CORS allows credentials for any origin{{origin}}: every website can make requests with the user\'s session cookie and read the responses. List the origins that may call the API.',
      wildcard:
        "CORS combines `credentials: true` with `origin: '*'`{{origin}}: browsers refuse credentialed responses for '*', and the usual 'fix' (reflecting the request's origin) lets any website act as the user. List the origins that may call the API.",
    },
    schema: [],
    defaultOptions: [],
    hasSuggestions: false,
    testFiles: 'skip',
    cwe: ['CWE-942', 'CWE-346'],
    // as CodeQL js/cors-misconfiguration-for-credentials
    securitySeverity: 7.5,
    crossModule: true,
  },
  check({ model, report }) {
    const ts = model.host.ts;
    // Only in an app with session cookies (this file, or the whole app when known).
    if (model.appFacts.sessionModules.size === 0 && model.sites.length === 0) return;
    const ev = model.evaluator('production');
    // Express/Connect `cors(options)`, and fastify's `app.register(fastifyCors, options)`.
    const calls = [
      ...findModuleCalls(model, (m) => m.module === 'cors' && m.path.length === 0, ['cors']).map((call) => ({ call, arg: call.arguments[0] })),
      ...findRegisterCalls(model, (m) => m.module === '@fastify/cors' && (m.path.length === 0 || (m.path.length === 1 && m.path[0] === 'default')), ['@fastify/cors']).map((call) => ({
        call,
        arg: call.arguments[1],
      })),
    ].sort((a, b) => a.call.pos - b.call.pos);
    for (const { call, arg } of calls) {
      if (!arg) continue; // cors() alone: origin '*', credentials off
      for (const opts of ev.evaluate(arg)) {
        if (opts.kind !== 'object') continue;
        const credentials = opts.props.get('credentials');
        if (!credentials || !credentials.values.every((v) => v.kind === 'literal' && v.value === true)) continue;
        const origin = opts.props.get('origin');
        const values = origin?.values ?? [];
        const kind = classifyOrigin(values, ev, ts);
        if (!kind) continue;
        const at = origin?.site && origin.site.getSourceFile() === model.sourceFile && origin.site.pos >= call.pos && origin.site.end <= call.end ? origin.site : call;
        report({ node: at, messageId: kind, data: { origin: originSuffix(values[0]?.node ?? call, model.sourceFile) } });
      }
    }
  },
});

/** '*', true, /.*\/, or a function that accepts every origin. */
function classifyOrigin(values: readonly Value[], ev: import('../src/analysis/evaluate.js').Evaluator, ts: typeof TS): MessageIds | undefined {
  if (values.length === 0) return undefined;
  let result: MessageIds | undefined;
  for (const v of values) {
    let k: MessageIds | undefined;
    if (v.kind === 'literal' && v.value === '*') k = 'wildcard';
    else if (v.kind === 'literal' && v.value === true) k = 'reflectAnyOrigin';
    else if (v.kind === 'function' && acceptsEveryOrigin(v.decl, ts)) k = 'reflectAnyOrigin';
    if (!k) return undefined; // any safe or unknown possibility: not certain
    result = k;
  }
  void ev;
  return result;
}

/** `(origin, cb) => cb(null, true)` / `cb(null, origin)` with no condition before it. */
function acceptsEveryOrigin(fn: TS.SignatureDeclaration, ts: typeof TS): boolean {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  const cbParam = fn.parameters[1];
  if (!body || !cbParam || !ts.isIdentifier(cbParam.name)) return false;
  const cb = cbParam.name.text;
  const originParam = fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) ? fn.parameters[0].name.text : undefined;
  const statements = ts.isBlock(body) ? body.statements : [ts.factory.createExpressionStatement(body as TS.Expression)];
  if (statements.length !== 1) return false;
  const st = statements[0]!;
  const expr = ts.isExpressionStatement(st) ? st.expression : ts.isReturnStatement(st) ? st.expression : undefined;
  if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== cb) return false;
  const allow = expr.arguments[1];
  if (!allow) return false;
  return allow.kind === ts.SyntaxKind.TrueKeyword || (ts.isIdentifier(allow) && allow.text === originParam);
}
